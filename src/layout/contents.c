/* contents: Sommaire numbers and the passes that settle them. */
#include <string.h>

#include "contents.h"
#include "furniture.h"
#include "pour.h"

/* The width of a set label and number: its lines side by side (furn_small
 * breaks a text longer than its 400 pt measure). */
static int toc_width(const struct para *np)
{
	int64_t w = 0;

	for (int i = 0; i < np->nlines; i++)
		w += np->lines[i].width;
	return w > INT32_MAX ? INT32_MAX : (int)w;
}

/* Whether label and number, a leader gap before them, fit a measure of w:
 * else the run fails at the label's line (told once), as the numbers would
 * be drawn past the margin and lost. */
static int toc_fits(struct flow *f, const struct block *k, const struct para *np, int w)
{
	int need = toc_width(np) + k->style->leader_gap;

	if (np->nlines == 1 && need <= w)
		return 1;
	if (!f->failed)
		msg_at(f->m, M_TOC_LABEL_WIDE, f->info->file,
		       f->info->page_label_line ? f->info->page_label_line : k->line, 0,
		       need / (double)PANGO_SCALE, w / (double)PANGO_SCALE);
	f->failed = 1;
	return 0;
}

void toc_number(struct flow *f, struct frame fr, const struct block *k, int top)
{
	const struct style *st = k->style;
	const struct para *p = flow_para(f, k);
	gpointer pg = g_hash_table_lookup(f->prev_pages, k->toc_target);
	const char *label = f->info->page_label;
	char *text;
	const struct furn_small *sm;
	const struct para *np;
	int last = p->nlines - 1;
	int x = fr.x + st->indent_left;
	int right = fr.x + fr.w - st->indent_right;
	int baseline = top + last * st->leading + st->leading / 2 + st->size * 3 / 10;
	const struct para_line *pl = &p->lines[last];
	struct dl_item *it;

	text = g_strdup_printf("%s %d", label ? label : "p.", pg ? GPOINTER_TO_INT(pg) : 0);
	sm = furn_small(f, st, text, k->lang, 0, k->line);
	g_free(text);
	if (!sm || !toc_fits(f, k, sm->para, right - x))
		return;
	np = sm->para;
	it = frame_item(f, DL_TEXT, k->line);
	it->runs = np->lines[0].runs;
	it->nruns = np->lines[0].nruns;
	it->broken = np->lines[0].broke_word ? np : NULL;
	it->x = right - np->lines[0].width;
	it->y = baseline;
	it->w = np->lines[0].width;
	it->text = sm->inl.text->str;
	it->text_len = (int)strlen(it->text);
	it = frame_item(f, DL_LEADER, k->line);
	it->x = x + pl->x + pl->width + st->leader_gap;
	it->w = right - np->lines[0].width - st->leader_gap - it->x;
	it->y = baseline;
	it->color = st->color;
	it = frame_item(f, DL_LINK, k->line);
	it->x = x;
	it->y = top;
	it->w = right - x;
	it->h = p->nlines * st->leading;
	it->uri = k->toc_target;
	it->level = 1;
}

int toc_extra(struct flow *f, const struct block *k, int measure)
{
	const struct style *st = k->style;
	const char *label = f->info->page_label;
	const struct furn_small *sm;
	char *text = g_strdup_printf("%s 00", label ? label : "p.");
	int need;

	sm = furn_small(f, st, text, k->lang, 0, k->line);
	g_free(text);
	if (!sm || !sm->para->nlines)
		return 0;
	need = toc_width(sm->para) + st->leader_gap;
	if (sm->para->nlines > 1 || need >= measure)
		return 0; /* cannot fit: toc_number fails the run */
	return need > st->number_width ? need - st->number_width : 0;
}

/* Drops the pages of a pass; the paragraphs stay for the next. */
static void toc_clear(struct layout *l)
{
	for (int i = 0; i < l->npages; i++)
		free(l->pages[i].items);
	free(l->pages);
	l->pages = NULL;
	l->npages = 0;
}

/* Whether every Sommaire target landed where the last pass said. */
static int toc_settled(GHashTable *prev, GHashTable *now)
{
	GHashTableIter it;
	gpointer key, value;

	if (g_hash_table_size(prev) != g_hash_table_size(now))
		return 0;
	g_hash_table_iter_init(&it, now);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (g_hash_table_lookup(prev, key) != value)
			return 0;
	return 1;
}

/* One pour into a cleared layout, recording where the targets land. */
static int toc_pass(struct flow *f)
{
	int rc;

	f->dest_page = g_hash_table_new(g_str_hash, g_str_equal);
	toc_clear(f->lay);
	/* the starts bal_push and bal_pull chose are the last pass's: this one
	 * finds its own */
	memset(flow_priv(f)->start_at, FLOW_START_MEASURED, f->bl->n + 1);
	memset(flow_priv(f)->pic_fit, 0, (f->bl->n + 1) * sizeof *flow_priv(f)->pic_fit);
	memset(flow_priv(f)->pic_cap, 0, (f->bl->n + 1) * sizeof *flow_priv(f)->pic_cap);
	f->failed = 0;
	rc = pour_all(f);
	return rc;
}

int toc_settle(struct flow *f)
{
	struct msg *speak = f->m, silent;
	int pass, rc;

	/* silent passes: messages are not repeated for each pass */
	msg_init(&silent, NULL);
	f->m = &silent;
	f->prev_pages = g_hash_table_new(g_str_hash, g_str_equal);
	for (pass = 0; pass < TOC_MAX_PASSES; pass++) {
		int settled;

		if (toc_pass(f) < 0) {
			g_hash_table_destroy(f->dest_page);
			f->dest_page = NULL;
			break;
		}
		settled = toc_settled(f->prev_pages, f->dest_page);
		g_hash_table_destroy(f->prev_pages);
		f->prev_pages = f->dest_page;
		f->dest_page = NULL;
		if (settled)
			break;
	}
	f->m = speak;
	if (pass == TOC_MAX_PASSES)
		msg_at(f->m, M_TOC_UNSTABLE, f->info->file, 0, 0, TOC_MAX_PASSES);
	rc = toc_pass(f);
	g_hash_table_destroy(f->dest_page);
	g_hash_table_destroy(f->prev_pages);
	f->dest_page = f->prev_pages = NULL;
	return rc;
}
