/* report: sums paragraph figures and widows/orphans into the typographic report. */
#include <string.h>

#include <glib.h>

#include "flow.h"
#include "report.h"

/* Judges one paragraph from the lengths of its runs of lines (one run
 * per column it landed in: a new run starts where the baselines go up). */
static void report_judge(struct report *r, const struct style *st, int runs, int first, int last)
{
	if (runs < 2)
		return;
	if (first < st->orphans)
		r->orphans++;
	if (last < st->widows)
		r->widows++;
}

/* Widows and orphans, from where each paragraph's lines landed: a
 * paragraph split across columns or pages must leave at least `orphans`
 * lines before the break and `widows` after it. */
static void report_breaks(struct report *r, const struct block_list *bl, const struct layout *l)
{
	int block = 0, runs = 0, first = 0, run = 0, page = -1, y = 0;

	for (int p = 0; p < l->npages; p++) {
		for (size_t i = 0; i < l->pages[p].n; i++) {
			const struct dl_item *it = &l->pages[p].items[i];

			if (it->kind != DL_TEXT || !it->block)
				continue;
			if (it->block == block && p == page && it->y > y) {
				y = it->y;
				run++;
				continue;
			}
			if (it->block == block) { /* same paragraph, another column */
				if (runs == 1)
					first = run;
				runs++;
			} else {
				if (block)
					report_judge(r, bl->v[block - 1].style, runs, first, run);
				block = it->block;
				runs = 1;
			}
			run = 1;
			page = p;
			y = it->y;
		}
	}
	if (block)
		report_judge(r, bl->v[block - 1].style, runs, first, run);
}

void report_make(struct report *r, const struct block_list *bl, const struct layout *l)
{
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < bl->n; i++) {
		const struct para *p = layout_para(l, i);
		const struct para_stats *s;

		if (!p)
			continue;
		s = &p->stats;
		r->lines += s->lines;
		r->hyphenated += s->hyphenated;
		if (s->hyphen_run > r->hyphen_run)
			r->hyphen_run = s->hyphen_run;
		r->overfull += s->overfull;
		r->missing_glyphs += p->unknown_glyphs;
		if (bl->v[i].style->align != PARA_JUSTIFY)
			continue;
		r->justified += s->adjusted;
		r->loose += s->loose;
		r->tight += s->tight;
		r->adjusted += s->adjusted;
		r->ratio_sum += s->ratio_sum;
		if (s->worst_ratio > r->worst_ratio)
			r->worst_ratio = s->worst_ratio;
		r->gapped += s->gapped;
		r->gap_loose += s->gap_loose;
		r->gap_over2 += s->gap_over2;
		r->gap_sum += s->gap_sum;
		r->worst_gap = MAX(r->worst_gap, s->worst_gap);
		r->track_sum += s->track_sum;
		r->track_max = MAX(r->track_max, s->track_max);
		r->expand_sum += s->expand_sum;
		r->expand_max = MAX(r->expand_max, s->expand_max);
	}
	if (l)
		report_breaks(r, bl, l);
}

static double report_pct(int a, int b)
{
	return b ? 100.0 * a / b : 0.0;
}

void report_print(FILE *out, const char *file, const struct report *r)
{
	fprintf(out, "typographic report: %s\n", file);
	fprintf(out, "  lines                        %6d\n", r->lines);
	fprintf(out, "  justified lines              %6d\n", r->justified);
	fprintf(out, "  hyphenated lines             %6d  (%.1f %%)\n", r->hyphenated,
		report_pct(r->hyphenated, r->lines));
	fprintf(out, "  longest run of hyphens       %6d\n", r->hyphen_run);
	fprintf(out, "  loose lines (ratio > 1)      %6d  (%.2f %% of justified)\n", r->loose,
		report_pct(r->loose, r->justified));
	fprintf(out, "  tight lines (ratio < -0.5)   %6d\n", r->tight);
	fprintf(out, "  worst ratio                  %6.2f\n", r->worst_ratio);
	fprintf(out, "  mean |ratio|                 %6.2f\n",
		r->adjusted ? r->ratio_sum / r->adjusted : 0.0);
	fprintf(out, "  word gaps over 1.5 x natural %6d  (%.2f %% of %d justified lines with spaces)\n",
		r->gap_loose, report_pct(r->gap_loose, r->gapped), r->gapped);
	fprintf(out, "  word gaps over 2 x natural   %6d\n", r->gap_over2);
	fprintf(out, "  worst word gap               %6.2f\n", r->worst_gap);
	fprintf(out, "  mean word gap                %6.2f\n",
		r->gapped ? r->gap_sum / r->gapped : 0.0);
	fprintf(out, "  letter spacing, mean |%%|     %6.2f  (largest %.2f %%)\n",
		r->gapped ? 100.0 * r->track_sum / r->gapped : 0.0, 100.0 * r->track_max);
	fprintf(out, "  glyph expansion, mean |%%|    %6.2f  (largest %.2f %%)\n",
		r->gapped ? 100.0 * r->expand_sum / r->gapped : 0.0, 100.0 * r->expand_max);
	fprintf(out, "  overfull lines               %6d\n", r->overfull);
	fprintf(out, "  widows                       %6d\n", r->widows);
	fprintf(out, "  orphans                      %6d\n", r->orphans);
	fprintf(out, "  missing glyphs               %6d\n", r->missing_glyphs);
	fprintf(out, "  hyphenation set-up (CPU)     %6.1f ms\n", r->hyph_ms);
}
