/* group: cards and other keep-together groups. */
#include <string.h>

#include "balance.h"
#include "fill.h"
#include "furniture.h"
#include "group.h"
#include "pour.h"

/* The steps a stack's extra space goes in: the leading of the card's
 * first body block on the baseline grid (its body stays on the grid),
 * else 1 (any amount). */
static int group_spread_step(const struct flow *f, int i)
{
	const struct block *first = &f->bl->v[i];

	for (int j = first->group_first; j <= first->group_last; j++) {
		const struct style *st = f->bl->v[j].style;

		if (!st->span && st->grid && st->leading > 0)
			return st->leading;
	}
	return 1;
}

/* Records the card at i, placed whole from item `item` of the page and
 * from used height y0, its ground's foot at used height `foot`, in the
 * column's stack; a card that does not follow the stack's last directly
 * starts a new one. */
static void group_stack_add(struct flow *f, int i, size_t item, int y0, int foot)
{
	struct flow_stack *st = &f->stack;
	const struct style *gs = f->bl->v[i].group_style;

	if (st->page != f->lay->npages || st->col != f->col || st->end != item || st->y != y0 ||
	    st->n >= FLOW_STACK_MAX) {
		st->page = f->lay->npages;
		st->col = f->col;
		st->n = 0;
		st->max = gs->spread_max;
		st->step = group_spread_step(f, i);
	}
	st->item[st->n++] = item;
	st->end = frame_page(f)->n;
	st->y = f->y;
	st->foot = foot;
	if (gs->spread_max < st->max)
		st->max = gs->spread_max;
}

void group_spread(struct flow *f)
{
	struct flow_stack *st = &f->stack;
	struct dl_page *pg;
	int extra, more, shift = 0, gaps = st->n - 1;

	if (f->trial || st->page != f->lay->npages || st->col != f->col || gaps < 1 ||
	    st->end != frame_page(f)->n || st->y != f->y || st->max <= 0) {
		st->page = 0;
		return;
	}
	st->page = 0;
	extra = (frame_col_height(f) - st->foot) / gaps;
	if (extra > st->max)
		extra = st->max; /* the bound: the rest stays at the foot */
	extra -= extra % st->step;
	/* in whole grid steps, the steps left over go one each to the lowest
	 * gaps, within the bound */
	more = st->step > 1 && extra + st->step <= st->max ?
		(frame_col_height(f) - st->foot - gaps * extra) / st->step : 0;
	if (more > gaps - 1)
		more = gaps - 1;
	if (extra <= 0 && more <= 0)
		return;
	pg = frame_page(f);
	for (int j = 1; j <= gaps; j++) {
		shift += extra + (j > gaps - more ? st->step : 0);
		for (size_t it = st->item[j]; it < (j < gaps ? st->item[j + 1] : st->end); it++)
			pg->items[it].y += shift;
	}
	f->y += shift;
}

/* Height of the whole group starting at block i set in frame fr. */
static int group_height(struct flow *f, int i, int at_top, struct frame fr)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int pad = gs && gs->has_background ? gs->padding : 0;
	int y0 = at_top ? 0 : f->y, y = y0 + pad;

	if (gs && !at_top)
		y += gs->space_before;
	/* where each block lands (the grid included); the first has its space
	 * before unless a ground or the column's top takes it */
	for (int j = first->group_first; j <= first->group_last; j++) {
		const struct block *k = &f->bl->v[j];
		const struct para *p = pour_set(f, k, fr);

		if (p)
			y = pour_part_end(f, k, 0, p->nlines, j == first->group_first && (pad || at_top),
					  y, pour_grid0(f));
	}
	y += pad;
	if (gs)
		y += gs->space_after;
	return y - y0;
}

/* A card's shape in column frame col: its spanning blocks' height, its
 * body as slots cut into balanced columns.  Sets the paragraphs at the
 * widths they will have. */
struct group_card {
	struct bal_slot *sl;   /* body lines */
	size_t cap;
	int n;                 /* how many */
	int cut[BAL_MAX_COLUMNS + 1]; /* first slot of each column (bal_cut) */
	int head_h, body_h;    /* heights of the spanning part and of the body */
};

/* Measures the card at i for column frame col; returns its total height. */
static int group_card_measure(struct flow *f, int i, struct frame col, struct group_card *c)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = MIN(gs->columns, BAL_MAX_COLUMNS), pad = gs->padding, gap = f->tpl->gutter;
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
	c->body_h = bal_cut(f, c->sl, c->n, cols, c->cut);
	return 2 * pad + c->head_h + c->body_h;
}

/* Where the body's columns start from y: on the baseline grid of the
 * card's first text from slot `at` on.  A picture is not on the grid
 * itself, but bal_fill and bal_cut measure every column as starting on
 * it: a column of text beside one opening with a picture would otherwise
 * snap a grid step lower than measured and run past the card's foot. */
static int group_body_top(const struct flow *f, const struct group_card *c, int at, int y)
{
	for (int s = at; s < c->n; s++)
		if (c->sl[s].k->kind != BLK_IMAGE)
			return pour_snap(c->sl[s].k, y, pour_grid0(f));
	return y;
}

/* How far the card must move down, from y0 (its top without it), for
 * its body's first line to land on the baseline grid (pour_snap). */
static int group_card_shift(const struct flow *f, const struct group_card *c, int pad, int y0)
{
	int body = y0 + pad + c->head_h;

	return group_body_top(f, c, 0, body) - body;
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

int group_head_need(struct flow *f, int i)
{
	const struct block *first = &f->bl->v[i], *next;
	const struct style *gs = first->group_style;
	int whole = group_need(f, i), pad = gs && gs->has_background ? gs->padding : 0;
	const struct para *p;

	if (whole <= frame_col_height(f) || first->group_last == i)
		return whole;
	if (gs && gs->columns > 1) {
		/* as group_split_card asks: its titles and two lines of its body */
		struct group_card c = { 0 };
		int h;

		group_card_measure(f, i, frame_current(f), &c);
		h = gs->space_before + 2 * pad + c.head_h + (c.n ? 2 * c.sl[0].k->style->leading : 0);
		free(c.sl);
		return h;
	}
	/* as group_split asks: its name and two lines of what follows */
	next = &f->bl->v[i + 1];
	if (!(p = flow_para(f, first)))
		return whole;
	return 2 * pad + (gs ? gs->space_before : 0) + pour_part_height(f, first, 0, p->nlines, 1) +
	       next->style->space_before + 2 * next->style->leading;
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

static int group_split_card(struct flow *f, int i, int to_fill);

/* Whether a card that fits a column, but not the rest of this one, splits
 * where it stands (its style's split-to-fill): in the page's last column,
 * when moving it whole would leave the page under the sheet's min-fill. */
static int group_split_to_fill(const struct flow *f, const struct style *gs)
{
	return gs && gs->split_fill && f->balancing != 1 && !f->col_empty &&
	       f->col == f->tpl->columns - 1 &&
	       !f->tpl->fixed && !fill_enough(f->sheet, frame_page(f), f->lay->npages);
}

/* Says that a card taller than a column is split (not in balancing
 * trials and re-pours: the first pour said it).  A split to fill says
 * nothing (balancing may make the card whole again); --fit-report lists
 * every split of the finished layout. */
static void group_say_split(struct flow *f, const struct block *first, int to_fill)
{
	if (!f->trial && !f->balancing && !to_fill)
		msg_at(f->m, M_SPLIT_CARD, f->info->file, first->line, 0, first->what);
}

/* In a two-page re-pour into shorter columns, a card that fits a whole
 * column must not split: the trial fails (bal_two tries taller columns). */
static int group_no_split(const struct flow *f, int h)
{
	return f->balancing == 1 && h <= frame_col_room(f);
}

/* A card whose style asks for columns: the spanning blocks (its titles)
 * across the card, the rest in balanced columns, all on a ground.
 * Returns the index of its last block, 0 to fall back to plain placement
 * (too tall for any column), or -1. */
static int group_place_card(struct flow *f, int i)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = MIN(gs->columns, BAL_MAX_COLUMNS), pad = gs->padding, gap = f->tpl->gutter;
	int total = 0, top, ybody, y0, shift = 0;
	size_t item;
	struct group_card card = { 0 };
	struct frame col, inner;

	if (first->group_last == i)
		return 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		int start = f->y + (f->col_empty ? 0 : gs->space_before);

		total = group_card_measure(f, i, frame_current(f), &card);
		shift = group_card_shift(f, &card, pad, start);
		if (start + shift + total <= frame_col_height(f))
			break;
		if (attempt == 0 && !f->col_empty && total <= frame_col_height(f)) {
			if (group_split_to_fill(f, gs)) {
				free(card.sl);
				return group_split_card(f, i, 1);
			}
			group_spread(f); /* the column's stack is complete */
			if (frame_next_column(f) < 0) {
				free(card.sl);
				return -1;
			}
			continue;
		}
		free(card.sl);
		/* no column can hold it: split where it stands, in its columns */
		if (total > frame_col_height(f) && group_no_split(f, total))
			return -1;
		return total > frame_col_height(f) ? group_split_card(f, i, 0) : 0;
	}
	col = frame_current(f);
	inner = frame_inset(col, pad);
	item = frame_page(f)->n;
	y0 = f->y;
	if (!f->col_empty)
		f->y += gs->space_before;
	/* its body on the baseline grid: the card moves down, or at the top
	 * of its column its ground stays at the margin, the room in its top */
	top = frame_top(f) + f->y;
	if (f->col_empty && f->y == 0)
		total += shift;
	else
		top += shift;
	f->y += shift;
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
	for (int c = 0; c < cols; c++) {
		f->y = ybody;
		group_emit_slots(f, frame_split(inner, cols, gap, c), card.sl, card.cut[c],
				 card.cut[c + 1]);
	}
	f->y = ybody + card.body_h + pad + gs->space_after;
	f->col_empty = 0;
	f->page_body = 1;
	group_stack_add(f, i, item, y0, f->y - gs->space_after);
	free(card.sl);
	return first->group_last;
}

/* A card split over columns: its ground closed at the foot of each column
 * and opened again at the head of the next, where the continuation opens
 * with the card's name and the document's "continued" label. */
struct group_split {
	struct pour_group g;          /* first: the pour sees only this */
	const struct block *first;    /* the card's first block (its name) */
	const struct style *gs;       /* the card's style */
	int pad;                      /* its ground's padding */
	size_t box;                   /* its ground on this page (item index + 1), 0 = none */
	int top;                      /* top of that ground */
	int seg_y;                    /* the column's used height where the text began */
	int placed;                   /* some of the card's text is placed */
};

/* Opens the card's ground at the pour's position. */
static void group_open(struct flow *f, struct group_split *sp)
{
	struct frame col = frame_current(f);

	sp->top = frame_top(f) + f->y;
	sp->box = 0;
	if (sp->pad) {
		struct dl_item *it = frame_item(f, DL_RECT, sp->first->line);

		it->x = col.x;
		it->y = sp->top;
		it->w = col.w;
		it->color = sp->gs->background;
		sp->box = frame_page(f)->n;
		f->y += sp->pad;
		f->col_empty = 1; /* the first block's space before is inside the box */
	}
	sp->seg_y = f->y;
}

/* Closes the ground below what the column holds of the card. */
static void group_close(struct flow *f, struct group_split *sp)
{
	if (f->y > sp->seg_y)
		sp->placed = 1;
	if (sp->box)
		frame_page(f)->items[sp->box - 1].h =
			f->y > sp->seg_y ? frame_top(f) + f->y + sp->pad - sp->top : 0;
}

static void group_leave(struct flow *f, struct pour_group *g)
{
	group_close(f, (struct group_split *)g);
}

/* At the head of the next column: the ground again, and "NAME – suite". */
static int group_enter(struct flow *f, struct pour_group *g)
{
	struct group_split *sp = (struct group_split *)g;
	const struct style *st = sp->first->style;
	const char *label = f->info->continued_label;
	const struct furn_small *sm;
	struct frame inner;
	char *text;

	group_open(f, sp);
	if (!sp->placed)
		return 0;
	inner = frame_inset(frame_current(f), sp->pad);
	text = label && *label ? g_strdup_printf("%s \u2013 %s", sp->first->inl.text->str, label)
			       : g_strdup(sp->first->inl.text->str);
	sm = furn_small_at(f, st, text, sp->first->lang, sp->first->line,
			   inner.w - st->indent_left - st->indent_right);
	g_free(text);
	for (int l = 0; sm && l < sm->para->nlines; l++) {
		const struct para_line *pl = &sm->para->lines[l];
		struct dl_item *it = frame_item(f, DL_TEXT, sp->first->line);

		it->runs = pl->runs;
		it->nruns = pl->nruns;
		it->broken = pl->broke_word ? sm->para : NULL;
		it->x = inner.x + st->indent_left + pl->x;
		it->y = frame_top(f) + f->y + st->leading / 2 + st->size * 3 / 10;
		it->w = pl->width;
		it->text = sm->inl.text->str + pl->start;
		it->text_len = pl->end - pl->start;
		it->tag = "P";
		f->y += st->leading;
		f->col_empty = 0;
	}
	if (sm)
		f->y += st->space_after;
	return 0;
}

/* A card with columns taller than a column of the page: split where it
 * stands, on its ground and in its columns.  On each page its body's
 * columns are filled in turn to the column's foot; the rest goes on at
 * the head of the next column, under "NAME – suite", and where the rest
 * fits it is balanced. */
static int group_split_card(struct flow *f, int i, int to_fill)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = MIN(gs->columns, BAL_MAX_COLUMNS), gap = f->tpl->gutter;
	int pad = gs->has_background ? gs->padding : 0;
	struct group_split sp = {
		.g = { .leave = group_leave, .enter = group_enter },
		.first = first, .gs = gs, .pad = pad,
	};
	struct group_card card = { 0 };
	int at = 0, rc = first->group_last, fresh;

	group_say_split(f, first, to_fill);
	group_card_measure(f, i, frame_current(f), &card);
	/* room for its titles and two lines of its body, or the next column */
	if (!f->col_empty) {
		int need = gs->space_before + 2 * pad + card.head_h +
			   (card.n ? 2 * card.sl[0].k->style->leading : 0);

		if (need > frame_col_height(f) - f->y && frame_next_column(f) < 0) {
			free(card.sl);
			return -1;
		}
	}
	fresh = f->col_empty; /* the card starts at a column's head */
	if (!f->col_empty)
		f->y += gs->space_before;
	group_open(f, &sp);
	for (int j = i; j <= first->group_last; j++) {
		const struct block *k = &f->bl->v[j];

		if (k->style->span)
			pour_emit(f, frame_inset(frame_current(f), pad), k, 0,
				  flow_para(f, k)->nlines);
	}
	for (int guard = 0; at < card.n; guard++) {
		struct frame inner = frame_inset(frame_current(f), pad);
		/* the body's columns start on the baseline grid (bal_cut measures so) */
		int ybody = group_body_top(f, &card, at, f->y);
		int avail = frame_col_height(f) - ybody - pad, low = ybody;
		int cut[BAL_MAX_COLUMNS + 1];
		int h = bal_cut(f, card.sl + at, card.n - at, cols, cut);

		if (guard > 4 * f->opts->max_pages) {
			rc = -1;
			break;
		}
		if (h <= avail) { /* the rest fits: balanced */
			for (int c = 0; c < cols; c++) {
				f->y = ybody;
				group_emit_slots(f, frame_split(inner, cols, gap, c), card.sl,
						 at + cut[c], at + cut[c + 1]);
			}
			f->y = ybody + h;
			at = card.n;
			break;
		}
		for (int c = 0; c < cols && at < card.n; c++) {
			int end = bal_fill(f, card.sl, at, card.n, avail);

			if (end == at && c == 0 && fresh)
				end = at + 1; /* a column that cannot hold one line: place it anyway */
			f->y = ybody;
			group_emit_slots(f, frame_split(inner, cols, gap, c), card.sl, at, end);
			if (f->y > low)
				low = f->y;
			at = end;
		}
		f->y = low;
		if (at >= card.n)
			break;
		/* a new page resumes inside the card, never at its start */
		f->cur_block = flow_index(f, card.sl[at].k);
		f->cur_line = card.sl[at].line;
		sp.placed |= at > 0;
		group_close(f, &sp);
		if (frame_next_column(f) < 0 || group_enter(f, &sp.g) < 0) {
			rc = -1;
			break;
		}
		fresh = 1;
	}
	if (rc >= 0) {
		group_close(f, &sp);
		f->y += pad + gs->space_after;
		f->col_empty = 0;
		f->page_body = 1;
	}
	free(card.sl);
	return rc;
}

/* The group at i is taller than a column: split where it stands, on its
 * ground, each continuation headed by the card's name and label. */
static int group_split(struct flow *f, int i, int pad, int to_fill)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	struct group_split sp = {
		.g = { .leave = group_leave, .enter = group_enter, .foot = pad },
		.first = first, .gs = gs, .pad = pad,
	};

	group_say_split(f, first, to_fill);
	/* room for the name and two lines of what follows, or the next column */
	if (!f->col_empty && i < first->group_last) {
		const struct block *next = &f->bl->v[i + 1];
		const struct para *np = flow_para(f, next);
		int need = 2 * pad + (gs ? gs->space_before : 0) +
			   pour_part_height(f, first, 0, flow_para(f, first)->nlines, 1) +
			   next->style->space_before + 2 * next->style->leading;

		if (np && need > frame_col_height(f) - f->y && frame_next_column(f) < 0)
			return -1;
	}
	if (gs && !f->col_empty)
		f->y += gs->space_before;
	group_open(f, &sp);
	for (int j = i; j <= first->group_last; j++)
		if (pour_place_in(f, &f->bl->v[j], 0, pad, &sp.g) < 0)
			return -1;
	group_close(f, &sp);
	f->y += pad;
	if (gs)
		f->y += gs->space_after;
	return first->group_last;
}

int group_place(struct flow *f, int i)
{
	const struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int pad = gs && gs->has_background ? gs->padding : 0;
	size_t box = 0, item;
	int top, h, y0;

	if (gs && gs->columns > 1) {
		int last = group_place_card(f, i);

		if (last != 0)
			return last;
	}
	/* measure at the width the blocks will have inside the ground */
	h = group_height(f, i, f->col_empty, frame_inset(frame_current(f), pad));
	if (h > frame_col_height(f) - f->y && !f->col_empty &&
	    pour_shrink_to_fill(f, (size_t)i, (size_t)first->group_last,
				h - (frame_col_height(f) - f->y)))
		h = group_height(f, i, f->col_empty, frame_inset(frame_current(f), pad));
	if (h > frame_col_height(f) - f->y && !f->col_empty) {
		int whole;

		pour_shrink_clear(f, (size_t)i, (size_t)first->group_last);
		whole = group_height(f, i, 1, frame_inset(frame_current(f), pad));
		/* a card no column can hold splits where it stands */
		if (whole > frame_col_height(f))
			return group_no_split(f, whole) ? -1 : group_split(f, i, pad, 0);
		if (group_split_to_fill(f, gs))
			return group_split(f, i, pad, 1);
		group_spread(f); /* the column's stack is complete */
		if (frame_next_column(f) < 0)
			return -1;
		h = group_height(f, i, 1, frame_inset(frame_current(f), pad));
	}
	if (h > frame_col_height(f) - f->y)
		return group_no_split(f, h) ? -1 : group_split(f, i, pad, 0);
	item = frame_page(f)->n;
	y0 = f->y;
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
	if (gs) {
		f->y += gs->space_after;
		group_stack_add(f, i, item, y0, f->y - gs->space_after);
	}
	return first->group_last;
}
