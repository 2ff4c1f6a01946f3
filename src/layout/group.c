/* group: cards and other keep-together groups. */
#include <string.h>

#include "balance.h"
#include "group.h"
#include "pour.h"

/* Height of the whole group starting at block i set in frame fr. */
static int group_height(struct flow *f, int i, int at_top, struct frame fr)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int h = gs && gs->has_background ? 2 * gs->padding : 0;

	if (gs && !at_top)
		h += gs->space_before;
	for (int j = first->group_first; j <= first->group_last; j++) {
		const struct block *k = &f->bl->v[j];
		const struct para *p = pour_set(f, k, fr);

		if (p)
			h += pour_part_height(f, k, 0, p->nlines, j == first->group_first);
	}
	if (gs)
		h += gs->space_after;
	return h;
}

/* A card's shape in column frame col: its spanning blocks' height, its
 * body as slots cut into balanced columns.  Sets the paragraphs at the
 * widths they will have. */
struct group_card {
	struct bal_slot *sl;   /* body lines */
	size_t cap;
	int n;                 /* how many */
	int split;             /* first slot of the second column */
	int head_h, body_h;    /* heights of the spanning part and of the body */
};

/* Measures the card at i for column frame col; returns its total height. */
static int group_card_measure(struct flow *f, int i, struct frame col, struct group_card *c)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = gs->columns, pad = gs->padding, gap = f->tpl->gutter;
	struct frame inner = frame_inset(col, pad);
	struct frame body = frame_split(inner, cols, gap, 0);

	c->head_h = 0;
	c->n = 0;
	for (int j = i; j <= first->group_last; j++) {
		const struct block *k = &f->bl->v[j];
		const struct para *p;

		if (!k->style->span || !(p = pour_set(f, k, inner)))
			continue;
		c->head_h += pour_part_height(f, k, 0, p->nlines, j == i);
	}
	for (int j = i; j <= first->group_last; j++) {
		const struct block *k = &f->bl->v[j];
		const struct para *p;

		if (k->style->span || !(p = pour_set(f, k, body)))
			continue;
		for (int l = 0; l < p->nlines; l++) {
			xgrow(&c->sl, &c->cap, (size_t)c->n + 1, sizeof *c->sl);
			c->sl[c->n++] = (struct bal_slot){ .k = k, .line = l };
		}
	}
	c->split = bal_slots(f, c->sl, c->n, &c->body_h);
	return 2 * pad + c->head_h + c->body_h;
}

int group_need(struct flow *f, int i)
{
	const struct block *n = &f->bl->v[i];

	if (n->group_style && n->group_style->columns > 1 && n->group_last > n->group_first) {
		struct group_card c = { 0 };
		int h = group_card_measure(f, i, frame_current(f), &c) + n->group_style->space_before;

		free(c.sl);
		return h;
	}
	return group_height(f, i, 0, frame_current(f));
}

/* Emits the slots [from, to) as one column in frame fr at the current
 * position. */
static void group_emit_slots(struct flow *f, struct frame fr, const struct bal_slot *sl,
			     int from, int to)
{
	f->col_empty = 1;
	for (int i = from; i < to;) {
		int j = i;

		while (j < to && sl[j].k == sl[i].k)
			j++;
		pour_emit(f, fr, sl[i].k, sl[i].line, sl[j - 1].line + 1);
		i = j;
	}
}

/* A card whose style asks for columns: the spanning blocks (its titles)
 * across the card, the rest in balanced columns, all on a ground.
 * Returns the index of its last block, 0 to fall back to plain placement
 * (too tall for any column), or -1. */
static int group_place_card(struct flow *f, int i)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = gs->columns, pad = gs->padding, gap = f->tpl->gutter;
	int total = 0, top, ybody;
	struct group_card card = { 0 };
	struct frame col, inner;

	if (first->group_last == i)
		return 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		total = group_card_measure(f, i, frame_current(f), &card);
		if (total <= frame_col_height(f) - f->y - (f->col_empty ? 0 : gs->space_before))
			break;
		if (attempt == 0 && !f->col_empty && total <= frame_col_height(f)) {
			if (frame_next_column(f) < 0) {
				free(card.sl);
				return -1;
			}
			continue;
		}
		free(card.sl);
		return 0;
	}
	col = frame_current(f);
	inner = frame_inset(col, pad);
	if (!f->col_empty)
		f->y += gs->space_before;
	top = frame_top(f) + f->y;
	if (gs->has_background) {
		struct dl_item *box = frame_item(f, DL_RECT, first->line);

		box->x = col.x;
		box->y = top;
		box->w = col.w;
		box->h = total;
		box->color = gs->background;
	}
	f->y += pad;
	f->col_empty = 1;
	for (int j = i; j <= first->group_last; j++) {
		const struct block *k = &f->bl->v[j];

		if (k->style->span)
			pour_emit(f, inner, k, 0, flow_para(f, k)->nlines);
	}
	ybody = f->y;
	for (int c = 0; c < cols && c < 2; c++) {
		f->y = ybody;
		group_emit_slots(f, frame_split(inner, cols, gap, c), card.sl,
				 c == 0 ? 0 : card.split, c == 0 ? card.split : card.n);
	}
	f->y = ybody + card.body_h + pad + gs->space_after;
	f->col_empty = 0;
	f->page_body = 1;
	free(card.sl);
	return first->group_last;
}

int group_place(struct flow *f, int i)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int pad = gs && gs->has_background ? gs->padding : 0;
	size_t box = 0;
	int top, h;

	if (gs && gs->columns > 1) {
		int last = group_place_card(f, i);

		if (last != 0)
			return last;
	}
	/* measure at the width the blocks will have inside the ground */
	h = group_height(f, i, f->col_empty, frame_inset(frame_current(f), pad));
	if (h > frame_col_height(f) - f->y && !f->col_empty) {
		if (frame_next_column(f) < 0)
			return -1;
		h = group_height(f, i, 1, frame_inset(frame_current(f), pad));
	}
	if (h > frame_col_height(f) - f->y) {
		msg_at(f->m, M_SPLIT_CARD, f->info->file, first->line, 0, first->what);
		for (int j = i; j <= first->group_last; j++)
			if (pour_place_from(f, &f->bl->v[j], 0, 0) < 0)
				return -1;
		return first->group_last;
	}
	if (gs && !f->col_empty)
		f->y += gs->space_before;
	top = frame_top(f) + f->y;
	if (pad) {
		struct dl_item *it = frame_item(f, DL_RECT, first->line);
		struct frame col = frame_current(f);

		it->x = col.x;
		it->y = top;
		it->w = col.w;
		it->color = gs->background;
		box = frame_page(f)->n;
		f->y += pad;
		f->col_empty = 1; /* the first block's space before is inside the box */
	}
	for (int j = i; j <= first->group_last; j++)
		if (pour_place_from(f, &f->bl->v[j], 0, pad) < 0)
			return -1;
	if (pad) {
		f->y += pad;
		frame_page(f)->items[box - 1].h = frame_top(f) + f->y - top;
	}
	if (gs)
		f->y += gs->space_after;
	return first->group_last;
}
