/* floats: pictures and figures at the top or foot of a column or page. */
#include <stdint.h>
#include <stdlib.h>

#include "floats.h"
#include "frame.h"
#include "pour.h"

/* Whether block j starts a float; *last gets its last block. */
static int float_unit(const struct flow *f, size_t j, size_t *last)
{
	const struct block *k = &f->bl->v[j];

	if (k->kind != BLK_IMAGE || k->backcover ||
	    (k->pic.place != PICTURE_TOP && k->pic.place != PICTURE_BOTTOM && !k->pic.span))
		return 0;
	if (k->group) {
		/* a figure floats whole; a picture in a card stays in it */
		if (k->group_first != (int)j ||
		    (k->group_style && k->group_style->has_background))
			return 0;
		*last = (size_t)k->group_last;
	} else {
		*last = j;
	}
	return 1;
}

void float_init(struct flow *f)
{
	size_t last, cap = 0;

	f->floats = NULL;
	f->nfloats = 0;
	for (size_t j = 0; j < f->bl->n; j++) {
		if (!float_unit(f, j, &last))
			continue;
		xgrow(&f->floats, &cap, f->nfloats + 1, sizeof *f->floats);
		f->floats[f->nfloats++] = j;
	}
}

void float_free(struct flow *f)
{
	free(f->floats);
	f->floats = NULL;
	f->nfloats = 0;
}

/* Whether float j stands on a page (the latest pages are looked at first). */
static int float_placed(const struct flow *f, size_t j)
{
	for (int pg = f->lay->npages - 1; pg >= 0; pg--) {
		const struct dl_page *p = &f->lay->pages[pg];

		for (size_t n = 0; n < p->n; n++)
			if (p->items[n].kind == DL_IMAGE && p->items[n].float_of == (int)j + 1)
				return 1;
	}
	return 0;
}

/* The first float of a block before `before` that waits, or SIZE_MAX. */
static size_t float_waiting(const struct flow *f, size_t before)
{
	for (size_t n = 0; n < f->nfloats && f->floats[n] < before; n++)
		if (!float_placed(f, f->floats[n]))
			return f->floats[n];
	return SIZE_MAX;
}

/* Sum of the heights the current page's floats at `at` take in the
 * current column (spanning ones in every column). */
static int float_used(const struct flow *f, enum float_at at)
{
	const struct dl_page *p = frame_page(f);
	int h = 0;

	for (size_t n = 0; n < p->n; n++) {
		const struct dl_item *it = &p->items[n];

		if (it->kind == DL_IMAGE && it->float_of && it->float_at == (int)at &&
		    (it->float_col == f->col || it->float_col < 0))
			h += it->float_h;
	}
	return h;
}

int float_reserve(const struct flow *f)
{
	if (!f->nfloats || f->lay->npages == 0)
		return 0;
	return float_used(f, FLOAT_BOTTOM) + float_used(f, FLOAT_PAGE_BOTTOM);
}

/* Height of float j..last set in frame fr, from its top (no space
 * before); *trail gets the space after its last block. */
static int float_height(struct flow *f, size_t j, size_t last, struct frame fr, int *trail)
{
	int h = 0;

	*trail = 0;
	for (size_t b = j; b <= last; b++) {
		const struct block *k = &f->bl->v[b];
		const struct para *p = pour_set(f, k, fr);

		if (!p)
			continue;
		h += pour_part_height(f, k, 0, p->nlines, b == j);
		*trail = k->kind == BLK_IMAGE ? k->pic.space_after : k->style->space_after;
	}
	return h;
}

/* Draws float j..last in frame fr with its top at y (from the columns'
 * top), and marks its picture. */
static void float_emit(struct flow *f, size_t j, size_t last, struct frame fr, int y,
		       enum float_at at, int h)
{
	struct dl_page *pg = frame_page(f);
	size_t n0 = pg->n;
	int sy = f->y, se = f->col_empty;

	f->y = y;
	f->col_empty = 1; /* no space before the float's first block */
	for (size_t b = j; b <= last; b++) {
		const struct block *k = &f->bl->v[b];
		const struct para *p = pour_set(f, k, fr);

		if (p)
			pour_emit(f, fr, k, 0, p->nlines);
	}
	f->y = sy;
	f->col_empty = se;
	f->page_body = 1;
	pg = frame_page(f);
	for (size_t n = n0; n < pg->n; n++) {
		if (pg->items[n].kind != DL_IMAGE)
			continue;
		pg->items[n].float_of = (int)j + 1;
		pg->items[n].float_at = (int)at;
		pg->items[n].float_col = at == FLOAT_PAGE_TOP || at == FLOAT_PAGE_BOTTOM ? -1 : f->col;
		pg->items[n].float_h = h;
		break;
	}
}

/* Places float j here if it can go here now.  Returns 1 if placed. */
static int float_put(struct flow *f, size_t j)
{
	const struct block *k = &f->bl->v[j];
	int span = k->pic.span && f->tpl->columns > 1;
	int bottom = k->pic.place == PICTURE_BOTTOM;
	int col_h = frame_col_height(f), trail, h;
	int bare = f->y == 0 && float_reserve(f) == 0; /* the column holds nothing */
	struct frame fr = span ? frame_span(f) : frame_current(f);
	size_t last;

	if (!float_unit(f, j, &last))
		return 0;
	if (span && (f->col != 0 || (!bottom && !f->col_empty)))
		return 0; /* the page's columns have begun: the next page */
	h = float_height(f, j, last, fr, &trail);
	if (!bottom) {
		int above = span ? 0 : float_used(f, FLOAT_TOP);

		if (f->y != above || (f->y + h > col_h && !(bare && f->col_empty)))
			return 0;
		float_emit(f, j, last, fr, f->y, span ? FLOAT_PAGE_TOP : FLOAT_TOP, h);
		if (span) {
			f->span_h += h; /* the columns start below it */
		} else {
			f->y += h;
			f->col_empty = 0;
		}
		return 1;
	}
	h -= trail; /* at the foot: no space after it, its space before above it */
	if (f->y + k->pic.space_before + h > col_h && !bare)
		return 0;
	float_emit(f, j, last, fr, col_h > h ? col_h - h : 0,
		   span ? FLOAT_PAGE_BOTTOM : FLOAT_BOTTOM, h + k->pic.space_before);
	return 1;
}

void float_flush(struct flow *f, size_t before)
{
	size_t j;

	if (!f->nfloats)
		return;
	while ((j = float_waiting(f, before)) != SIZE_MAX)
		if (!float_put(f, j))
			return;
}

int float_hook(struct flow *f, size_t *i)
{
	size_t last;

	if (!f->nfloats)
		return 0;
	float_flush(f, *i);
	if (f->tpl->fixed || !float_unit(f, *i, &last))
		return 0;
	if (float_waiting(f, *i) == SIZE_MAX)
		float_put(f, *i); /* or it waits for a column with room */
	*i = last;
	return 1;
}

int float_finish(struct flow *f, size_t before)
{
	int guard = 0;

	if (!f->nfloats)
		return 0;
	for (;;) {
		float_flush(f, before);
		if (float_waiting(f, before) == SIZE_MAX)
			return 0;
		if (++guard > 4 * f->opts->max_pages || frame_next_column(f) < 0)
			return -1;
	}
}
