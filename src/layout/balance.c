/* balance: card columns and a section's last page, balanced. */
#include "balance.h"
#include "frame.h"
#include "pour.h"

/* Height of slots [from, to) set as one column: runs of lines of the same
 * block. */
static int bal_slots_height(const struct flow *f, const struct bal_slot *sl, int from, int to)
{
	int h = 0;

	for (int i = from; i < to;) {
		int j = i;

		while (j < to && sl[j].k == sl[i].k)
			j++;
		h += pour_part_height(f, sl[i].k, sl[i].line, sl[j - 1].line + 1, i == from);
		i = j;
	}
	return h;
}

int bal_slots(const struct flow *f, const struct bal_slot *sl, int n, int *height)
{
	int best = n, best_h = bal_slots_height(f, sl, 0, n);

	for (int s = 1; s < n; s++) {
		const struct bal_slot *a = &sl[s];
		int lines = flow_para(f, a->k)->nlines;
		int h;

		if (a->line > 0 && (a->line < a->k->style->orphans ||
				    lines - a->line < a->k->style->widows))
			continue;
		h = bal_slots_height(f, sl, 0, s);
		if (bal_slots_height(f, sl, s, n) > h)
			h = bal_slots_height(f, sl, s, n);
		if (h < best_h) {
			best_h = h;
			best = s;
		}
	}
	*height = best_h;
	return best;
}

/* Pours the content that started on the current page (up to block `end`,
 * exclusive) again into columns no taller than `limit`, without leaving
 * the page.  Returns 0 when it fits. */
static int bal_trial(struct flow *f, size_t end, int limit)
{
	int rc = 0;

	frame_page(f)->n = f->page_items;
	f->col = 0;
	f->y = 0;
	f->span_h = 0;
	f->col_empty = 1;
	f->page_body = 0;
	f->col_limit = limit;
	f->trial = 1;
	for (size_t i = f->page_block; i < end && rc == 0; i++) {
		if (i == f->page_block && f->page_line > 0)
			rc = pour_place_from(f, &f->bl->v[i], f->page_line, 0);
		else
			rc = pour_place_one(f, &i);
	}
	f->trial = 0;
	f->col_limit = 0;
	return rc;
}

void bal_page(struct flow *f, size_t end)
{
	int lo, hi;
	size_t block = f->page_block, cur_block = f->cur_block;
	int line = f->page_line, cur_line = f->cur_line;

	if (f->tpl->columns < 2 || (f->col == 0 && f->col_empty) || f->tpl->fixed || f->trial ||
	    f->page_block >= end || frame_page(f)->blank)
		return;
	/* a page that opens inside a split card keeps the card's continuation */
	if (f->bl->v[f->page_block].group &&
	    (f->page_line > 0 || (int)f->page_block != f->bl->v[f->page_block].group_first))
		return;
	/* what the page holds, spread over its columns, is the least they can be */
	lo = (f->col * frame_col_height(f) + f->y) / f->tpl->columns;
	hi = f->col == 0 ? f->y : frame_col_height(f);
	while (hi - lo > 2 * 1024) {
		int mid = lo + (hi - lo) / 2;

		if (bal_trial(f, end, mid) == 0)
			hi = mid;
		else
			lo = mid;
		f->page_block = block;
		f->page_line = line;
	}
	if (bal_trial(f, end, hi) < 0) {
		f->page_block = block;
		f->page_line = line;
		bal_trial(f, end, 0); /* as it was */
	}
	f->cur_block = cur_block; /* the trials moved them; the caller goes on from here */
	f->cur_line = cur_line;
}
