/* fill: how much of a page's text area its content covers. */
#include <stdlib.h>

#include <glib.h>

#include "fill.h"
#include "flow.h"
#include "msg.h"
#include "run.h"

/* One covered stretch of a column, from a to b (Pango units, y down). */
struct fill_span {
	int a, b;
};

static int fill_cmp(const void *x, const void *y)
{
	const struct fill_span *p = x, *q = y;

	return (p->a > q->a) - (p->a < q->a);
}

/* Length of the union of n stretches (sorts them). */
static long fill_union(struct fill_span *v, size_t n)
{
	long total = 0;
	int end = 0;

	qsort(v, n, sizeof *v, fill_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || v[i].a > end) {
			total += v[i].b - v[i].a;
			end = v[i].b;
		} else if (v[i].b > end) {
			total += v[i].b - end;
			end = v[i].b;
		}
	}
	return total;
}

/* What an item's box counts as (fill_box). */
enum fill_kind {
	FILL_NONE,   /* takes no room */
	FILL_TEXT,   /* a text line or a picture: in the column it stands in by
		      * half its own width or more, whatever its width */
	FILL_GROUND, /* a card's ground: where it takes half the column's width */
	FILL_RULE,   /* a rule (the chevrons under a title): takes room, covers
		      * nothing (ornament, like the white around a heading) */
};

/* The box item `it` covers (x0, x1 across; *y0, *y1 down) and what it
 * counts as. */
static enum fill_kind fill_box(const struct dl_item *it, int *x0, int *x1, int *y0, int *y1)
{
	int ascent, descent;

	if (it->src_line <= 0)
		return FILL_NONE; /* footers, template grounds */
	*x0 = it->x;
	*x1 = it->x + it->w;
	switch (it->kind) {
	case DL_TEXT:
		if (it->slug)
			return FILL_NONE;
		if (it->runs && it->nruns > 0) {
			run_extents(it->runs, it->nruns, &ascent, &descent);
		} else { /* the runs freed: their extents kept */
			ascent = it->ascent;
			descent = it->descent;
			if (ascent + descent <= 0)
				return FILL_NONE;
		}
		*y0 = it->y - ascent;
		*y1 = it->y + descent;
		return FILL_TEXT;
	case DL_RECT:
	case DL_IMAGE:
		if (it->bleed || it->h <= 0)
			return FILL_NONE; /* a page's background picture or band */
		*y0 = it->y;
		*y1 = it->y + it->h;
		return it->kind == DL_IMAGE ? FILL_TEXT : FILL_GROUND;
	case DL_CHEVRONS:
		*y0 = it->y;
		*y1 = it->y + it->h;
		return it->h > 0 ? FILL_RULE : FILL_NONE;
	default:
		return FILL_NONE;
	}
}

/* What the items of page p cover of the column at left, w wide, between
 * top and bottom (Pango units down the page), in per mille of `height`;
 * v has room for p->n stretches. */
static long fill_column(const struct dl_page *p, struct fill_span *v, int left, int w, int top,
			int bottom, int height)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		int x0, x1, y0, y1, ov;
		enum fill_kind kind = fill_box(&p->items[i], &x0, &x1, &y0, &y1);

		if (kind != FILL_TEXT && kind != FILL_GROUND)
			continue;
		ov = MIN(x1, left + w) - MAX(x0, left);
		if (ov <= 0 || 2 * ov < (kind == FILL_TEXT ? MIN(x1 - x0, w) : w))
			continue;
		y0 = MAX(y0, top);
		y1 = MIN(y1, bottom);
		if (y1 > y0)
			v[n++] = (struct fill_span){ .a = y0, .b = y1 };
	}
	return fill_union(v, n) * 1000 / height;
}

/* A page whose last section opened a region of another template below
 * the page's own columns (share-page) is measured in two bands: above the
 * region's columns' top in the page template's columns, below it in the
 * region's; each band's columns averaged, the bands added.  Each of
 * cols[] (the region template's columns) holds the upper band's average
 * and its own share of the lower one. */
int fill_page(const struct style_sheet *s, const struct dl_page *p, int number, int *cols)
{
	const struct style_template *t = style_template(s, dl_page_columns(p));
	const struct style_template *pt = style_template(s, p->template_name);
	int top, bottom, split, ncol;
	long sum = 0, upper = 0;
	struct fill_span *v;

	if (!t || t->fixed || t->columns < 1)
		return 0;
	top = t->top;
	bottom = s->page_h - t->bottom;
	ncol = t->columns;
	if (bottom <= top)
		return 0;
	split = top;
	if (pt && pt != t && !pt->fixed && pt->columns >= 1)
		split = MIN(MAX(t->top + p->region_span, top), bottom);
	v = xmalloc((p->n + 1) * sizeof *v);
	if (split > top) {
		for (int c = 0; c < pt->columns; c++) {
			int left, w;

			flow_column(s, pt, number, c, &left, &w);
			upper += fill_column(p, v, left, w, top, split, bottom - top);
		}
		upper /= pt->columns;
	}
	for (int c = 0; c < ncol; c++) {
		int left, w;
		long one;

		flow_column(s, t, number, c, &left, &w);
		one = upper + fill_column(p, v, left, w, split, bottom, bottom - top);
		if (cols && c < FILL_MAX_COLUMNS)
			cols[c] = (int)one;
		sum += one;
	}
	free(v);
	return (int)(sum / ncol);
}

int fill_bottom(const struct dl_page *p, size_t from)
{
	int bottom = 0;

	for (size_t i = from; i < p->n; i++) {
		int x0, x1, y0, y1;

		if (fill_box(&p->items[i], &x0, &x1, &y0, &y1) != FILL_NONE && y1 > bottom)
			bottom = y1;
	}
	return bottom;
}

int fill_enough(const struct style_sheet *s, const struct dl_page *p, int number)
{
	return s->min_fill <= 0 || fill_page(s, p, number, NULL) >= s->min_fill * 10;
}
