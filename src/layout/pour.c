/* pour: blocks into the columns of the pages. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "balance.h"
#include "contents.h"
#include "fill.h"
#include "floats.h"
#include "furniture.h"
#include "group.h"
#include "pour.h"

struct para_opts pour_para_opts(const struct style *st, const char *lang, int width)
{
	return (struct para_opts){
		.width = width,
		.indent = st->indent_first,
		/* a narrow measure is set ragged (justify-min-measure=) */
		.align = st->align == PARA_JUSTIFY && width < st->justify_min ? PARA_LEFT : st->align,
		.hyphenate = st->hyphenate,
		.lang = lang ? lang : "en",
		.hyph_left = 2,
		.hyph_right = 2,
		.hyph_min_word = 6,
		.last_justify = 0,
	};
}

/* The measure of k in frame fr. */
static int pour_measure(const struct block *k, struct frame fr)
{
	int w = fr.w - k->style->indent_left - k->style->indent_right;

	if (k->kind == BLK_TOC)
		w -= k->style->number_width;
	return w > 1024 ? w : 1024;
}

/* A picture's box at the measure it was last set at: the sheet's width
 * (a length, or a share of the measure), its height from the picture's
 * shape, both made smaller to fit a column's height, and to `fit` and
 * `cap` when they are > 0. */
static void pour_image_box_at(const struct flow *f, const struct block *k, int fit, int cap,
			      int *w, int *h)
{
	int col_h = frame_col_room(f);

	picture_size(&k->pic, flow_priv(f)->set_w[flow_index(f, k)], w, h);
	if (fit > 0 && fit < col_h)
		col_h = fit;
	if (cap > 0 && cap < col_h)
		col_h = cap;
	if (*h > col_h && col_h > 0) {
		*w = (int)((int64_t)*w * col_h / *h);
		*h = col_h;
	}
}

/* The same as the pour sets it: shrink-to-fill's height (pic_fit) and a
 * balancing's most (pic_cap) applied. */
static void pour_image_box(const struct flow *f, const struct block *k, int *w, int *h)
{
	const struct flow_priv *p = flow_priv(f);

	pour_image_box_at(f, k, p->pic_fit[flow_index(f, k)], p->pic_cap[flow_index(f, k)], w, h);
}

/* Whether a picture set `over` shorter may stay where it stands: the
 * page's last column holds something already, and moving on would leave
 * the page under the sheet's min-fill (as a card's split-to-fill). */
static int pour_shrink_may(const struct flow *f)
{
	return f->balancing != 1 && !f->col_empty && f->col == f->tpl->columns - 1 &&
	       !f->tpl->fixed && !fill_enough(f->sheet, frame_page(f), f->lay->npages);
}

void pour_shrink_clear(struct flow *f, size_t first, size_t last)
{
	for (size_t j = first; j <= last && j < f->bl->n; j++)
		flow_priv(f)->pic_fit[j] = 0;
}

int pour_shrink_to_fill(struct flow *f, size_t first, size_t last, int over)
{
	if (over <= 0 || !pour_shrink_may(f))
		return 0;
	for (size_t j = first; j <= last && j < f->bl->n; j++) {
		const struct block *k = &f->bl->v[j];
		int w, h, own, least, fit = flow_priv(f)->pic_fit[j];

		if (k->kind != BLK_IMAGE || k->pic.shrink >= 1 || k->pic.place != PICTURE_HERE ||
		    !pour_set(f, k, frame_current(f)))
			continue;
		pour_image_box(f, k, &w, &h); /* as it is set now */
		pour_image_box_at(f, k, 0, 0, &w, &own); /* its own size here */
		flow_priv(f)->pic_fit[j] = 0;
		least = (int)(own * k->pic.shrink + 0.5);
		if (h - over >= least && h - over > 0) {
			flow_priv(f)->pic_fit[j] = h - over;
			return 1;
		}
		flow_priv(f)->pic_fit[j] = fit;
	}
	return 0;
}

struct para *pour_set(struct flow *f, const struct block *k, struct frame fr)
{
	struct flow_priv *p = flow_priv(f);
	size_t i = flow_index(f, k);
	int w = pour_measure(k, fr);
	w -= k->kind == BLK_TOC ? toc_extra(f, k, w) : 0;
	struct para_opts o;

	if (p->set[i] && p->set_w[i] == w)
		return p->set[i];
	/* lines already placed (a page before, a card measured at another
	 * width) may point into the old setting: it lives as long as the layout */
	if (p->set[i])
		g_ptr_array_add(p->retired, p->set[i]);
	if (k->kind == BLK_IMAGE) {
		/* a picture is one unbreakable "line": its box (pour_image_box) */
		p->set[i] = xcalloc(1, sizeof *p->set[i]);
		p->set[i]->lines = xcalloc(1, sizeof *p->set[i]->lines);
		p->set[i]->nlines = 1;
		p->set_w[i] = w;
		return p->set[i];
	}
	o = pour_para_opts(k->style, k->lang, w);
	p->set[i] = para_new(f->eng, k->inl.text->str, (int)k->inl.text->len, k->inl.attrs, &o,
			     f->info->file, k->line);
	p->set_w[i] = w;
	return p->set[i];
}

/* Whether np may replace a setting for a caller that needs `lines`
 * lines (0: any). */
static int pour_foot_fits(const struct para *np, int lines)
{
	return lines <= 0 || np->nlines == lines;
}

struct para *pour_foot(struct flow *f, const struct block *k, int from, int foot, int turn,
		       int lines)
{
	struct flow_priv *p = flow_priv(f);
	size_t i = flow_index(f, k);
	struct para_foot ft = { .prev = p->set[i], .keep = from, .line = foot, .turn = turn };
	struct para_opts o = pour_para_opts(k->style, k->lang, p->set_w[i]);
	struct para *np;

	struct para *plain = p->set[i];
	unsigned long long bit = foot < 64 ? 1ULL << foot : 0;
	guint at;

	if (k->kind != BLK_PARA || !plain->lines[foot].hyphen_end ||
	    para_foot_cost(f->eng, o.lang, turn) <= 0)
		return NULL;
	/* balancing trials meet the same feet again: what was found is kept */
	if (from == 0 && !plain->base) {
		if ((turn ? plain->turn_none : plain->foot_none) & bit)
			return NULL;
		if (plain->foot_made && plain->foot_line == foot && plain->foot_turn == turn &&
		    !pour_foot_fits(plain->foot_made, lines))
			return NULL;
		if (plain->foot_made && plain->foot_line == foot && plain->foot_turn == turn &&
		    g_ptr_array_find(p->retired, plain->foot_made, &at)) {
			g_ptr_array_steal_index(p->retired, at);
			g_ptr_array_add(p->retired, plain);
			return p->set[i] = plain->foot_made;
		}
	}
	o.foot = &ft;
	np = para_new_foot(f->eng, k->inl.text->str, (int)k->inl.text->len, k->inl.attrs, &o,
			   f->info->file, k->line);
	if (from == 0 && !plain->base && !np)
		*(turn ? &plain->turn_none : &plain->foot_none) |= bit;
	else if (from == 0 && !plain->base) {
		plain->foot_made = np;
		plain->foot_line = foot;
		plain->foot_turn = turn;
	}
	if (np && !pour_foot_fits(np, lines)) {
		/* the caller's cut needs as many lines; kept for the memo */
		g_ptr_array_add(p->retired, np);
		return NULL;
	}
	if (np) {
		g_ptr_array_add(p->retired, plain);
		p->set[i] = np;
	}
	return np;
}

/* Line `foot` of k ends with a hyphen at the foot of the current column:
 * pour_foot, the last line of a right-hand page being a page turn. */
static struct para *pour_set_foot(struct flow *f, const struct block *k, int from, int foot)
{
	int turn = f->col == f->tpl->columns - 1 && f->lay->npages % 2 == 1;

	return pour_foot(f, k, from, foot, turn, 0);
}

/* k about to be placed from its first line: the plain setting again, not
 * one set for the foot of a column of another pour (a balancing trial). */
static struct para *pour_unfoot(struct flow *f, const struct block *k)
{
	struct flow_priv *p = flow_priv(f);
	size_t i = flow_index(f, k);
	struct para *base = (struct para *)p->set[i]->base;
	guint at;

	/* the plain setting is among the retired ones: taken back, not freed */
	if (base && g_ptr_array_find(p->retired, base, &at)) {
		g_ptr_array_steal_index(p->retired, at);
		g_ptr_array_add(p->retired, p->set[i]);
		p->set[i] = base;
	}
	return p->set[i];
}

static int pour_rule_height(const struct style *st)
{
	return st->rule_after ? st->rule_after + st->rule_gap : 0;
}

int pour_snap(const struct block *k, int y, int g0)
{
	int step = k->style->grid_step, off;

	if (!k->style->grid || step <= 0 || k->kind == BLK_IMAGE)
		return y;
	off = (y - g0) % step;
	if (off < 0)
		off += step;
	return off ? y + step - off : y;
}

int pour_grid0(const struct flow *f)
{
	/* the page's grid runs from the sheet's top margin whatever the
	 * template's; without one, from the text area's top */
	return (f->sheet->grid ? f->sheet->grid_top - f->tpl->top : 0) - f->span_h;
}

int pour_part_end(const struct flow *f, const struct block *k, int from, int to, int at_top,
		  int y, int g0)
{
	const struct style *st = k->style;
	int64_t end;

	if (k->kind == BLK_IMAGE || !st->grid)
		return y + pour_part_height(f, k, from, to, at_top);
	y += from == 0 && !at_top ? st->space_before : 0;
	end = (int64_t)pour_snap(k, y, g0) + (int64_t)(to - from) * st->leading;
	if (to == flow_para(f, k)->nlines)
		end += pour_rule_height(st) + st->space_after;
	return end > INT_MAX / 4 ? INT_MAX / 4 : (int)end;
}

int pour_part_height(const struct flow *f, const struct block *k, int from, int to, int at_top)
{
	const struct style *st = k->style;
	int64_t h = (int64_t)(to - from) * st->leading;

	if (k->kind == BLK_IMAGE && k->pic.place == PICTURE_BACKGROUND)
		return 0;
	if (k->kind == BLK_IMAGE) {
		int w, ih;

		pour_image_box(f, k, &w, &ih);
		return (from == 0 && !at_top ? k->pic.space_before : 0) + (to > from ? ih : 0) +
		       (to == 1 ? k->pic.space_after : 0);
	}
	if (from == 0 && !at_top)
		h += st->space_before;
	if (to == flow_para(f, k)->nlines)
		h += pour_rule_height(st) + st->space_after;
	/* taller than anything a page holds: the same answer without overflow */
	return h > INT_MAX / 4 ? INT_MAX / 4 : (int)h;
}

static int pour_baseline_offset(const struct style *st)
{
	if (st->grid_baseline)
		return st->grid_baseline;
	return st->leading / 2 + st->size * 3 / 10;
}

static void pour_links(struct flow *f, const struct block *k, int li, int x, int baseline)
{
	const struct para *p = flow_para(f, k);
	const struct para_line *pl = &p->lines[li];

	for (size_t i = 0; i < k->inl.nlinks; i++) {
		const struct inl_link *lk = &k->inl.links[i];
		int s = lk->start > pl->start ? lk->start : pl->start;
		int e = lk->end < pl->end ? lk->end : pl->end;
		struct dl_item *it;

		if (s >= e)
			continue;
		it = frame_item(f, DL_LINK, k->line);
		it->x = x + pl->x + para_index_to_x(p, li, s);
		it->w = x + pl->x + para_index_to_x(p, li, e) - it->x;
		it->y = baseline - pl->ascent;
		it->h = pl->ascent + pl->descent;
		it->uri = lk->uri;
		it->level = lk->internal;
	}
}

/* Hangs the style's bullet left of the first line. */
static void pour_hung_bullet(struct flow *f, const struct block *k, int x, int baseline)
{
	const struct style *st = k->style;
	const struct furn_small *sm;
	struct para *bp;
	struct dl_item *it;

	if (!*st->bullet || st->indent_left == 0)
		return;
	sm = furn_small(f, st, st->bullet, k->lang, st->bullet_color, k->line);
	if (!sm)
		return;
	bp = sm->para;
	it = frame_item(f, DL_TEXT, k->line);
	it->runs = bp->lines[0].runs;
	it->nruns = bp->lines[0].nruns;
	it->broken = bp->lines[0].broke_word ? bp : NULL;
	it->x = x - bp->lines[0].width - st->size / 3;
	it->y = baseline;
	it->text = st->bullet;
	it->text_len = (int)strlen(st->bullet);
}

/* place="background": the picture fills the page it falls on, to the
 * bleed, under everything but the page's ground; it takes no room. */
static void pour_emit_background(struct flow *f, const struct block *k)
{
	struct dl_page *pg = frame_page(f);
	size_t at = 0;
	struct dl_item *it;

	/* a balancing trial pours the page again: the picture is there once */
	for (size_t i = 0; i < pg->n; i++)
		if (pg->items[i].kind == DL_IMAGE && pg->items[i].image == k->pic.image &&
		    pg->items[i].src_line == k->line)
			return;
	frame_item(f, DL_IMAGE, k->line); /* grows the page by one item */
	while (at + 1 < pg->n && pg->items[at].kind == DL_RECT && pg->items[at].bleed)
		at++;
	memmove(&pg->items[at + 1], &pg->items[at], (pg->n - 1 - at) * sizeof *pg->items);
	it = &pg->items[at];
	memset(it, 0, sizeof *it);
	it->kind = DL_IMAGE;
	it->src_line = k->line;
	it->w = f->lay->page_w;
	it->h = f->lay->page_h;
	it->bleed = 1;
	it->cover = 1;
	it->image = k->pic.image;
	it->fx = k->pic.fx;
	it->fy = k->pic.fy;
	it->alt = k->pic.alt;
	if (f->page_items < pg->n)
		f->page_items++; /* a balancing trial starts over after it */
}

/* A picture in frame fr at the pour's position: its box aligned in the
 * measure, below its space before. */
static void pour_emit_image(struct flow *f, struct frame fr, const struct block *k)
{
	int top = frame_top(f) + f->y + (f->col_empty ? 0 : k->pic.space_before);
	int w, h;
	struct dl_item *it;

	if (k->pic.place == PICTURE_BACKGROUND) {
		pour_emit_background(f, k);
		return;
	}
	pour_image_box(f, k, &w, &h);
	it = frame_item(f, DL_IMAGE, k->line);
	if (flow_priv(f)->pic_fit[flow_index(f, k)] > 0 || flow_priv(f)->pic_cap[flow_index(f, k)] > 0) {
		int own_w, own_h;

		picture_size(&k->pic, flow_priv(f)->set_w[flow_index(f, k)], &own_w, &own_h);
		it->shrunk = own_h > 0 ? (int)((int64_t)h * 1000 / own_h) : 0;
		if (it->shrunk >= 1000)
			it->shrunk = 0;
	}
	it->x = fr.x + (fr.w - w) * k->pic.align / 2;
	it->y = top;
	it->w = w;
	it->h = h;
	it->image = k->pic.image;
	it->cover = k->pic.cover;
	it->fx = k->pic.fx;
	it->fy = k->pic.fy;
	it->alt = k->pic.alt;
	it->min_w = k->pic.min_width;
	f->y += pour_part_height(f, k, 0, 1, f->col_empty);
	f->col_empty = 0;
	f->page_body = 1;
}

void pour_emit(struct flow *f, struct frame fr, const struct block *k, int from, int to)
{
	const struct style *st = k->style;
	const struct para *p = flow_para(f, k);
	int x = fr.x + st->indent_left;
	int top = frame_top(f) + f->y;

	if (k->kind == BLK_IMAGE) {
		if (from == 0 && to == 1)
			pour_emit_image(f, fr, k);
		return;
	}
	if (from == 0 && !f->col_empty)
		top += st->space_before;
	top = frame_top(f) + pour_snap(k, top - frame_top(f), pour_grid0(f));
	if (from == 0 && k->dest) {
		struct dl_item *it = frame_item(f, DL_DEST, k->line);

		it->x = x;
		it->y = top;
		it->uri = k->dest;
		it->text = k->dest_title;
		it->level = k->dest_level;
		g_hash_table_insert(f->dest_page, (gpointer)k->dest,
				    GINT_TO_POINTER(f->lay->npages));
	}
	for (int i = from; i < to; i++) {
		const struct para_line *pl = &p->lines[i];
		int baseline = top + (i - from) * st->leading + pour_baseline_offset(st);
		struct dl_item *it;

		if (i == 0) /* drawn first: the reading order is bullet, then text */
			pour_hung_bullet(f, k, x, baseline);
		it = frame_item(f, DL_TEXT, k->line);
		it->block = (int)flow_index(f, k) + 1;
		it->tag = k->tag;
		it->ratio = pl->ratio;
		it->xscale = pl->expand;
		it->broken = pl->broke_word ? p : NULL;
		it->runs = pl->runs;
		it->nruns = pl->nruns;
		it->ascent = pl->ascent; /* kept when the runs are freed */
		it->descent = pl->descent;
		it->x = x + pl->x;
		it->y = baseline;
		it->w = pl->width;
		it->text = k->inl.text->str + pl->start;
		it->text_len = pl->end - pl->start;
		pour_links(f, k, i, x, baseline);
		if (f->opts->debug_boxes) {
			struct dl_item *b = frame_item(f, DL_BASELINE, k->line);

			b->x = fr.x;
			b->w = fr.w;
			b->y = baseline;
			b->color = 0xff4080;
		}
	}
	if (to == p->nlines && st->rule_after) {
		struct dl_item *it = frame_item(f, DL_CHEVRONS, k->line);

		it->x = fr.x + st->indent_left;
		it->y = top + (to - from) * st->leading + st->rule_gap;
		it->w = fr.w - st->indent_left - st->indent_right;
		it->h = st->rule_after;
		it->color = st->rule_color;
	}
	f->y = pour_part_end(f, k, from, to, f->col_empty, f->y, pour_grid0(f));
	f->col_empty = 0;
	if (!k->heading)
		f->page_body = 1;
}

/* The fewest lines of n's setting p a column can end after, by
 * pour_place_in's rules: its orphans (at least 2), or all of them when it
 * cannot split (kept together, a picture or a Sommaire, or too few lines
 * to leave those here and its widows in the next column). */
static int pour_first_lines(const struct block *n, const struct para *p)
{
	const struct style *st = n->style;
	int m = st->orphans > 2 ? st->orphans : 2;

	if (st->keep_together || n->kind == BLK_IMAGE || n->kind == BLK_TOC || p->nlines <= m ||
	    (p->nlines > st->widows && p->nlines - m < st->widows))
		return p->nlines;
	return m;
}

/* Height the block after k needs right below k's last lines when it
 * keeps with them (keep-with-previous, on its style or its group's), or
 * 0.  A group is measured whole (it is kept together). */
static int pour_prev_need(struct flow *f, const struct block *k)
{
	size_t i = flow_index(f, k) + 1;
	const struct block *n = i < f->bl->n ? &f->bl->v[i] : NULL;
	const struct para *p;
	int h = 0;

	if (!n || n->brk != BREAK_NONE || k->group ||
	    !(n->style->keep_with_previous || (n->group_style && n->group_style->keep_with_previous)))
		return 0;
	if (n->group && n->group_first == (int)i) {
		if (n->group_style && n->group_style->has_background)
			return group_need(f, (int)i);
		for (int j = n->group_first; j <= n->group_last; j++) {
			const struct block *b = &f->bl->v[j];

			if ((p = pour_set(f, b, frame_current(f))))
				h += pour_part_height(f, b, 0, p->nlines, 0);
		}
		return h;
	}
	if (!(p = pour_set(f, n, frame_current(f))))
		return 0;
	return pour_part_height(f, n, 0, pour_first_lines(n, p), 0);
}

/* How many of k's last lines (from `from` on, which fit in this column,
 * ending at `end`) go to the next column with the block after it, which
 * keeps with them and does not fit here: k's widows (at least 2), or all
 * of them when fewer remain.  0 when it fits, at a column's top, in a
 * fixed frame or a trial, or when no column could hold them together. */
static int pour_keep_back(struct flow *f, const struct block *k, int from, int end)
{
	const struct para *p = flow_para(f, k);
	int need = pour_prev_need(f, k), keep = k->style->widows > 2 ? k->style->widows : 2;
	int rest = p->nlines - from;

	if (!need || f->col_empty || f->trial || f->tpl->fixed || k->kind == BLK_IMAGE ||
	    end + need <= frame_col_height(f))
		return 0;
	if (keep > rest)
		keep = rest;
	if (keep * k->style->leading + k->style->space_after + need > frame_col_height(f))
		return 0;
	return keep;
}

/* The next column, with the group told. */
static int pour_next_column(struct flow *f, struct pour_group *g)
{
	if (g)
		g->leave(f, g);
	if (frame_next_column(f) < 0)
		return -1;
	return g ? g->enter(f, g) : 0;
}

int pour_place_from(struct flow *f, const struct block *k, int from, int inset)
{
	return pour_place_in(f, k, from, inset, NULL);
}

int pour_place_in(struct flow *f, const struct block *k, int from, int inset,
		  struct pour_group *g)
{
	struct para *p = pour_set(f, k, frame_inset(frame_current(f), inset));
	const struct style *st = k->style;
	int guard = 0, footed = -1;

	if (!p)
		return -1;
	if (from == 0)
		p = pour_unfoot(f, k);
	/* a new page resumes here (groups place their blocks through here) */
	f->cur_block = flow_index(f, k);
	f->cur_line = from;
	while (from < p->nlines) {
		struct frame fr = frame_inset(frame_current(f), inset);
		int n = p->nlines - from;
		int fit;
		/* the column's room for k: a group keeps its foot free */
		int colh = frame_col_height(f) - (g ? g->foot : 0);

		if (++guard > 4 * f->opts->max_pages)
			return -1;
		if (f->col_empty && !g && !inset && !k->group)
			float_flush(f, flow_index(f, k)); /* floats waiting for a column top */
		/* where its first line here would start: below its space, on the grid */
		int at = pour_snap(k, f->y + (from == 0 && !f->col_empty ? st->space_before : 0),
				   pour_grid0(f));

		int end = pour_part_end(f, k, from, p->nlines, f->col_empty, f->y, pour_grid0(f));

		if (k->kind == BLK_IMAGE && !k->group && end > colh) {
			/* a picture alone, too tall for the column's rest: smaller
			 * where its rule lets it stay (shrink-to-fill), else its
			 * own size in the next column */
			size_t idx = flow_index(f, k);

			if (pour_shrink_to_fill(f, idx, idx, end - colh))
				end = pour_part_end(f, k, from, p->nlines, f->col_empty, f->y,
						    pour_grid0(f));
			else
				pour_shrink_clear(f, idx, idx);
		}
		int back = end <= colh ? pour_keep_back(f, k, from, end) : 0;

		if (back > 0) {
			/* the next block keeps with our last lines: they go with it */
			int here = n - back;

			if (here > 0 && here < st->orphans)
				here = 0; /* not one line alone here either */
			if (here > 0) {
				pour_emit(f, fr, k, from, from + here);
				from += here;
				f->cur_line = from;
			}
			if (pour_next_column(f, g) < 0)
				return -1;
			continue;
		}
		if (end <= colh) {
			int top = frame_top(f) + at;

			pour_emit(f, fr, k, from, p->nlines);
			if (k->kind == BLK_TOC)
				toc_number(f, fr, k, top);
			return 0;
		}
		fit = (colh - at) / st->leading;
		if (fit >= n)
			fit = n - 1; /* the lines fit but the space after does not */
		/* a balancing trial's short empty column keeps the rules too */
		if ((!f->col_empty || f->trial) &&
		    (k->kind == BLK_TOC || k->kind == BLK_IMAGE || st->keep_together ||
		     fit < st->orphans ||
		     fit < 1 || (from == 0 && fit < 2 && n > 1))) {
			if (pour_next_column(f, g) < 0)
				return -1;
			continue;
		}
		if (n - fit < st->widows && n > st->widows)
			fit = n - st->widows;
		/* leaving the widows may leave an orphan: then nothing stays here */
		if (fit < st->orphans && fit < n && fit >= 1 && (!f->col_empty || f->trial)) {
			if (pour_next_column(f, g) < 0)
				return -1;
			continue;
		}
		if (fit < 1) {
			if (f->col_empty)
				fit = 1; /* a column that cannot hold one line: place it anyway */
			else if (pour_next_column(f, g) < 0)
				return -1;
			else
				continue;
		}
		/* a hyphen at the column's foot: set again once, and start over */
		if (footed != f->lay->npages * 8 + f->col) {
			struct para *np = pour_set_foot(f, k, from, from + fit - 1);

			footed = f->lay->npages * 8 + f->col;
			if (np) {
				p = np;
				continue;
			}
		}
		pour_emit(f, fr, k, from, from + fit);
		from += fit;
		f->cur_line = from;
		/* the rest in the next column; all placed (a picture or a line
		 * set anyway at a column's head, its space after left out):
		 * the next block finds the column full itself */
		if (from < p->nlines && pour_next_column(f, g) < 0)
			return -1;
	}
	return 0;
}

/* Whether block j ends the run that starts at block i: a later block that
 * breaks, is the back cover or names a template of its own. */
static int pour_run_ends(const struct flow *f, size_t i, size_t j)
{
	const struct block *k = &f->bl->v[j];

	return j > i && (k->brk != BREAK_NONE || k->backcover || *k->template_name);
}

/* Height of the run of blocks from i (up to the next block that asks for a
 * break, or the back cover), set in the current column's measure, white
 * included; it stops counting once past `cap`. */
static long pour_run_height(struct flow *f, size_t i, long cap)
{
	long h = 0;

	for (size_t j = i; j < f->bl->n && h <= cap && !pour_run_ends(f, i, j); j++) {
		const struct block *k = &f->bl->v[j];
		const struct para *p;

		if (k->group && k->group_first == (int)j) {
			h += group_need(f, (int)j);
			j = (size_t)k->group_last;
		} else if ((p = pour_set(f, k, frame_current(f)))) {
			h += pour_part_height(f, k, 0, p->nlines, 0);
		}
	}
	return h;
}

/* Whether the run of blocks from i fits in what is left of the page; with
 * `short_run`, also whether alone it would fill a page under the sheet's
 * min-fill (its height, white included, under that share of the page's
 * columns). */
static int pour_run_fits(struct flow *f, size_t i, int short_run)
{
	int colh = frame_col_height(f), cols = f->tpl->columns;
	long room = (long)(colh - f->y) + (long)(cols - 1 - f->col) * colh;
	long h = pour_run_height(f, i, room);

	return h <= room && (!short_run || h * 100 < (long)f->sheet->min_fill * cols * frame_col_room(f));
}

/* What the run of blocks from i would cover of a page of the current
 * template, as fill.h measures it (text lines ascent to descent, a
 * spanning title's in every column, pictures, card grounds), summed over
 * the columns; it stops counting once past `cap`. */
static long pour_run_ink(struct flow *f, size_t i, long cap)
{
	long ink = 0;

	for (size_t j = i; j < f->bl->n && ink <= cap && !pour_run_ends(f, i, j); j++) {
		const struct block *k = &f->bl->v[j];
		int span = k->style->span && !k->group && f->tpl->columns > 1;
		const struct para *p;

		if (k->group && k->group_first == (int)j) {
			ink += group_need(f, (int)j);
			j = (size_t)k->group_last;
		} else if (k->kind == BLK_IMAGE) {
			if (pour_set(f, k, frame_current(f)))
				ink += pour_part_height(f, k, 0, 1, 1);
		} else if ((p = pour_set(f, k, span ? frame_span(f) : frame_current(f)))) {
			for (int l = 0; l < p->nlines; l++)
				ink += (long)(p->lines[l].ascent + p->lines[l].descent) *
				       (span ? f->tpl->columns : 1);
		}
	}
	return ink;
}

/* Whether the runs from block i (template t) on, up to the next page a
 * break must start (break-before="page" or "right", the back cover, a
 * fixed template, a template change without page-if-filled), would fill
 * under the sheet's min-fill a page of their own: what each run covers
 * (pour_run_ink) set in its own template's columns, as a share of that
 * template's whole text area.  Nothing past that page start could join
 * them: such a page would stay under the minimum. */
static int pour_chain_short(struct flow *f, size_t i, const struct style_template *t)
{
	struct flow g = *f;
	long share = 0, limit = 1000L * f->sheet->min_fill;

	g.span_h = 0;
	g.col_limit = 0;
	g.foot_limit = 0;
	for (size_t j = i; j < f->bl->n && share < limit;) {
		const struct block *k = &f->bl->v[j];
		size_t e;
		long area;

		if (j > i) {
			const struct style_template *n = *k->template_name ?
				style_template(f->sheet, k->template_name) : NULL;

			if (k->backcover || (n && n->fixed) || k->brk == BREAK_PAGE ||
			    k->brk == BREAK_RIGHT || (n && n != t && k->brk != BREAK_PAGE_IF_FILLED))
				break;
			if (n)
				t = n;
		}
		g.tpl = t;
		g.col = 0;
		g.y = 0;
		area = (long)t->columns * frame_col_room(&g);
		if (area <= 0)
			return 0;
		share += pour_run_ink(&g, j, area) * 100000L / area;
		for (e = j + 1; e < f->bl->n && !pour_run_ends(f, j, e); e++)
			;
		j = e;
	}
	return share < limit;
}

/* Whether block i's run (up to the next break) would break a word inside
 * when set in this page's columns: a word wider than them (a long title
 * word in a narrow column).  Such a run starts a page of its own. */
static int pour_run_splits(struct flow *f, size_t i)
{
	for (size_t j = i; j < f->bl->n && !pour_run_ends(f, i, j); j++) {
		const struct block *k = &f->bl->v[j];
		const struct para *p;

		if (k->group && k->group_first == (int)j)
			j = (size_t)k->group_last;
		else if ((p = pour_set(f, k, frame_current(f))) && p->stats.split)
			return 1;
	}
	return 0;
}

/* break-before="page-if-filled" on block i (template t): whether it goes
 * on on this page instead of starting one — when the page so far is under
 * the sheet's min-fill (fill.h; a block of another template only when its
 * run fits on the page's rest: it is set in this page's columns), or when
 * its run is short (alone it would fill a page under min-fill) and fits
 * on the page's rest.  Never on a fixed, blank or empty page, nor when
 * min-fill is 0, nor (another template) in columns under three quarters
 * of its own columns' width, nor when the run would break a word inside in
 * this page's columns (pour_run_splits). */
static int pour_goes_on(struct flow *f, const struct style_template *t, size_t i, int empty)
{
	int x, own, here;

	if (empty || f->tpl->fixed || frame_page(f)->blank || f->sheet->min_fill <= 0)
		return 0;
	/* in this page's columns only when they are not much narrower than its
	 * own (a title in a third of its measure breaks its words) */
	flow_column(f->sheet, t, f->lay->npages, 0, &x, &own);
	flow_column(f->sheet, f->tpl, f->lay->npages, 0, &x, &here);
	if (t != f->tpl && here * 4 < own * 3)
		return 0;
	if (pour_run_splits(f, i))
		return 0;
	if (!fill_enough(f->sheet, frame_page(f), f->lay->npages))
		return t == f->tpl || pour_run_fits(f, i, 0);
	return pour_run_fits(f, i, 1);
}

/* For block k at the top of the current page's columns: 1 when its style
 * spans and it spans there (pour_span: set across the columns, no taller
 * than half of them), 0 when it would flow in its column instead, -1 when
 * it does not span at all. */
static int pour_spans_at_top(struct flow *f, const struct block *k)
{
	const struct para *p;

	if (!k->style->span || k->group || f->tpl->columns < 2)
		return -1;
	p = pour_set(f, k, frame_span(f));
	return p && pour_part_height(f, k, 0, p->nlines, 1) <= frame_col_room(f) / 2;
}

/* Whether the run of blocks from i, poured into a region of template t
 * opened below the current page's content, stays in that region: the
 * page's last columns balanced first (as a share leaves them, bal_page),
 * then a trial pour (it never leaves the page); all of it undone after. */
static int pour_region_holds(struct flow *f, size_t i, const struct style_template *t)
{
	struct flow save = *f;
	struct dl_page *pg = frame_page(f);
	size_t n;
	struct dl_item *items = frame_page_save(f, &n);
	const char *rt = pg->region_template;
	int rs = pg->region_span, rc = 0;

	f->stack.page = 0;
	bal_page(f, i);
	f->cur_block = i;
	f->cur_line = 0;
	frame_new_region(f, t);
	f->trial = 1;
	if (pour_spans_at_top(f, &f->bl->v[i]) == 0)
		rc = -1; /* a spanning title would flow in its column there */
	for (size_t j = i; j < f->bl->n && rc == 0 && !pour_run_ends(f, i, j); j++)
		rc = pour_place_one(f, &j);
	*f = save;
	frame_page_restore(f, items, n);
	pg = frame_page(f);
	pg->region_template = rt;
	pg->region_span = rs;
	free(items);
	return rc == 0;
}

/* Where the block after i ends its first lines when it starts at y. */
static int pour_next_need(struct flow *f, size_t i, int y);

/* The span above a region of template t opened below the page's content
 * once the page's last columns are balanced (bal_page, as a share leaves
 * them): what the page holds poured down its first column only lifts to
 * the balanced height.  All of it undone after. */
static int pour_balanced_span(struct flow *f, size_t i, const struct style_template *t)
{
	struct flow save = *f;
	size_t n;
	struct dl_item *items = frame_page_save(f, &n);
	int span;

	f->stack.page = 0;
	bal_page(f, i);
	span = frame_region_span(f, t);
	*f = save;
	frame_page_restore(f, items, n);
	free(items);
	return span;
}

/* Where block i (k), opening a region of template t at g's position,
 * ends what it must start with there: a card's need, a title with what it
 * keeps with (the next block's first lines), else its first lines; -1
 * when it cannot be set. */
static int pour_head_end(struct flow *g, const struct block *k, const struct style_template *t,
			 size_t i)
{
	const struct para *p;

	if (k->group && k->group_first == (int)i)
		return group_need(g, (int)i);
	/* a spanning title spans there, at the region's top (pour_span): set
	 * at that measure, never in a column it would not stand in */
	int span = k->style->span && t->columns > 1;

	if (!(p = pour_set(g, k, span ? frame_span(g) : frame_current(g))))
		return -1;
	if (k->heading || k->style->keep_with_next) {
		const struct block *n = i + 1 < g->bl->n ? &g->bl->v[i + 1] : NULL;
		int end = pour_part_end(g, k, 0, p->nlines, 1, 0, pour_grid0(g));

		if (n && n->group && n->group_first == (int)i + 1 && n->group_style &&
		    n->group_style->split_fill && t->columns == 1)
			/* a card that splits to fill (in the page's last column:
			 * the region's one) starts below the title when a quarter
			 * of a column is left for it */
			return end + frame_col_room(g) / 4;
		return pour_next_need(g, i, end);
	}
	return pour_part_end(g, k, 0, pour_first_lines(k, p), 1, 0, pour_grid0(g));
}

/* break-before="page-if-filled" on block i (k, template t) that does not
 * go on in this page's columns (pour_goes_on): whether it opens a region
 * of its own template below the page's content instead of a new page,
 * when its style says share-page="yes" (never on a fixed, blank or empty
 * page) —
 * - on a page so far under min-fill, of another template: when the
 *   region's first column holds k and what k keeps with (its first lines,
 *   or the title and the next block's first lines), measured where the
 *   region would start before the page's last columns are balanced, and
 *   when that leaves too little, where it starts once they are
 *   (pour_balanced_span);
 * - on a page filled to min-fill, of any template (the region opens below
 *   the balanced columns): when k's run and the runs that would follow it
 *   onto a page of their own would fill that page under min-fill
 *   (pour_chain_short), and a trial pour of the region holds k's run
 *   whole (pour_region_holds);
 * - with `chosen` (a balancing chose it: FLOW_START_SHARE, bal_pull), on
 *   any page, when the region's first column holds k's head as on a page
 *   under min-fill: the rest of the run goes on on the next page. */
static int pour_shares(struct flow *f, const struct block *k, const struct style_template *t,
		       size_t i, int empty, int chosen)
{
	struct flow g;
	int end, filled;

	if (!k->share || t->fixed || empty || f->tpl->fixed ||
	    frame_page(f)->blank || f->sheet->min_fill <= 0)
		return 0;
	filled = fill_enough(f->sheet, frame_page(f), f->lay->npages);
	/* a run of this page's template goes on in its columns (pour_goes_on)
	 * unless a word of it is wider than they are: then it opens a region
	 * below them, its title spanning, as a run of another template does */
	if (t == f->tpl && !filled && !pour_run_splits(f, i))
		return 0;
	/* the region as it would stand: a copy of the pour's position there */
	g = *f;
	g.tpl = t;
	g.span_h = frame_region_span(f, t);
	g.col = 0;
	g.y = 0;
	g.col_empty = 1;
	/* on a page filled already, only a run that the region holds whole
	 * and that would otherwise open a page left under min-fill */
	if (filled && !chosen)
		return frame_col_height(&g) > 0 && pour_run_fits(&g, i, 0) &&
		       pour_chain_short(f, i, t) && pour_region_holds(f, i, t);
	/* measured where the region would start before the page's last
	 * columns are balanced; when that leaves too little (the page's
	 * content poured down its first column may leave none), where it
	 * starts once they are */
	end = frame_col_height(&g) > 0 ? pour_head_end(&g, k, t, i) : INT_MAX;
	if (end > frame_col_height(&g) && f->tpl->columns > 1 && (f->col > 0 || !f->col_empty)) {
		g.span_h = pour_balanced_span(f, i, t);
		if (frame_col_height(&g) <= 0)
			return 0;
		end = pour_head_end(&g, k, t, i);
	}
	return end >= 0 && end <= frame_col_height(&g);
}

/* Applies the break and template change asked for by block k.  A page
 * break is not taken while the page holds only titles (a sub-section that
 * opens right after its section's title stays with it). */
static int pour_break(struct flow *f, const struct block *k, size_t index)
{
	const struct style_template *t = *k->template_name ?
		style_template(f->sheet, k->template_name) : f->tpl;
	int empty = f->col == 0 && f->col_empty && f->span_h == 0;
	enum style_break brk = k->brk;

	if (f->trial)
		return 0; /* a trial re-pours one page: its breaks were taken */
	if (f->break_taken) {
		f->break_taken = 0; /* a two-page re-pour starts on the page it broke to */
		return 0;
	}
	if (!t)
		t = f->tpl;
	if (flow_priv(f)->start_at[index] == FLOW_START_PAGE && !empty)
		brk = BREAK_PAGE; /* a page break moved up (bal_push) */
	if (brk == BREAK_PAGE_IF_FILLED) {
		if (pour_goes_on(f, t, index, empty)) {
			brk = BREAK_NONE;
			t = f->tpl; /* it goes on in this page's columns */
		} else if (pour_shares(f, k, t, index, empty,
				       flow_priv(f)->start_at[index] == FLOW_START_SHARE)) {
			/* the page's last columns balanced, not spread to the
			 * foot: the region takes the rest */
			f->stack.page = 0;
			if (float_finish(f, index) < 0)
				return -1;
			bal_page(f, index);
			frame_new_region(f, t);
			return 0;
		} else {
			brk = BREAK_PAGE;
		}
	}
	if (brk == BREAK_PAGE || brk == BREAK_RIGHT || t != f->tpl) {
		if (empty) {
			/* restart the blank page in the new template */
			f->lay->npages--;
			free(f->lay->pages[f->lay->npages].items);
			if (frame_new_page(f, t) < 0)
				return -1;
		} else if (f->page_body || t != f->tpl) {
			group_spread(f); /* the section's last cards reach the foot */
			if (float_finish(f, index) < 0)
				return -1;
			bal_two(f, index);
			bal_page(f, index);
			if (frame_new_page(f, t) < 0)
				return -1;
		}
		if (brk == BREAK_RIGHT && f->lay->npages % 2 == 0) {
			f->lay->pages[f->lay->npages - 1].blank = DL_BLANK_RIGHT;
			f->lay->pages[f->lay->npages - 1].blank_line = k->line;
			f->lay->pages[f->lay->npages - 1].n = 0; /* truly blank */
			if (frame_new_page(f, t) < 0)
				return -1;
		}
	} else if (brk == BREAK_COLUMN && !f->col_empty) {
		return frame_next_column(f);
	}
	return 0;
}

/* Where the block after i ends its first lines when it starts at y:
 * what it needs next to i (keep-with-next). */
static int pour_next_need(struct flow *f, size_t i, int y)
{
	const struct block *n;
	const struct para *p;

	if (i + 1 >= f->bl->n)
		return y;
	n = &f->bl->v[i + 1];
	if (n->brk != BREAK_NONE)
		return y;
	if (n->group && n->group_first == (int)i + 1)
		return y + group_head_need(f, (int)i + 1);
	p = pour_set(f, n, frame_current(f));
	if (!p)
		return y;
	/* its space after too when it goes whole (pour_place_in counts it) */
	return pour_part_end(f, n, 0, pour_first_lines(n, p), 0, y, pour_grid0(f));
}

/* A heading (or a block kept with the next) off the grid, followed by a
 * block on it: moved down so that the next block's first line lands on
 * the grid right below it — the room the grid takes goes above the
 * heading, never between it and its text; at the top of its column it
 * stays there (the margin does not move), the room below it. */
static void pour_heading_snap(struct flow *f, const struct block *k, size_t i)
{
	const struct block *n = i + 1 < f->bl->n ? &f->bl->v[i + 1] : NULL;
	const struct para *p = flow_para(f, k);
	int g0 = pour_grid0(f), end, s;

	if (!n || !p || k->style->grid || !n->style->grid || n->brk != BREAK_NONE || n->group ||
	    k->kind == BLK_IMAGE || (f->col_empty && f->y == 0))
		return;
	end = pour_part_end(f, k, 0, p->nlines, f->col_empty, f->y, g0);
	s = end + n->style->space_before;
	f->y += pour_snap(n, s, g0) - s;
}

/* A spanning block k (block i) met below the top of a page of several
 * columns: the columns above it end level (bal_page) and a region of the
 * same template opens below them, where k spans (frame_new_region); when
 * that region cannot hold k across it and, in its first column, what k
 * keeps with (its next block's first lines), k opens the next page
 * instead.  Returns -1 past max_pages. */
static int pour_span_region(struct flow *f, const struct block *k, size_t i)
{
	struct flow g;
	const struct para *p;
	int h;

	f->stack.page = 0; /* the columns end where they are balanced */
	if (float_finish(f, i) < 0)
		return -1;
	bal_page(f, i);
	g = *f;
	g.span_h = frame_region_span(f, f->tpl);
	g.col = 0;
	g.y = 0;
	g.col_empty = 1;
	if (frame_col_height(&g) > 0 && (p = pour_set(&g, k, frame_span(&g)))) {
		h = pour_part_height(&g, k, 0, p->nlines, 1);
		g.span_h += h;
		if (h <= frame_col_room(&g) / 2 && (!(k->heading || k->style->keep_with_next) ||
						     pour_next_need(&g, i, 0) <= frame_col_height(&g))) {
			frame_new_region(f, f->tpl);
			return 0;
		}
	}
	return frame_new_page(f, f->tpl);
}

/* A block whose style spans, met at the top of a page of several columns
 * (nothing but other spanning blocks above it), is set across the whole
 * width and the columns start below it; met lower, it opens a region
 * below the page's columns first (pour_span_region).  Returns whether it
 * was placed, or -1. */
static int pour_span(struct flow *f, const struct block *k, size_t i)
{
	struct frame fr;
	const struct para *p;

	if (!k->style->span || k->group || f->tpl->columns < 2)
		return 0;
	if (f->col != 0 || !f->col_empty) {
		if (f->trial || f->tpl->fixed)
			return 0; /* a trial keeps the page's regions: it flows in its column */
		if (pour_span_region(f, k, i) < 0)
			return -1;
	}
	fr = frame_span(f);
	p = pour_set(f, k, fr);
	/* too tall to span: it flows in its column (the page's columns as tall
	 * as they are: a balancing trial's shorter ones span it too) */
	if (!p || pour_part_height(f, k, 0, p->nlines, 1) > frame_col_room(f) / 2)
		return 0;
	pour_emit(f, fr, k, 0, p->nlines);
	f->span_h += f->y;
	f->y = 0;
	f->col_empty = 1;
	return 1;
}

int pour_place_one(struct flow *f, size_t *i)
{
	const struct block *k = &f->bl->v[*i];
	const struct para *p;

	f->cur_block = *i;
	f->cur_line = 0;
	if (pour_break(f, k, *i) < 0)
		return -1;
	switch (float_hook(f, i)) {
	case 1:
		return 0;
	case -1:
		goto overflow;
	}
	switch (pour_span(f, k, *i)) {
	case 1:
		return 0;
	case -1:
		goto overflow;
	}
	/* its pictures at their own size here (shrink-to-fill may set one smaller) */
	pour_shrink_clear(f, *i, k->group && k->group_first == (int)*i ? (size_t)k->group_last : *i);
	if ((k->heading || k->style->keep_with_next) && (p = pour_set(f, k, frame_current(f)))) {
		int end = pour_part_end(f, k, 0, p->nlines, f->col_empty, f->y, pour_grid0(f));
		int need = pour_next_need(f, *i, end) - f->y;
		size_t last = k->group && k->group_first == (int)*i ? (size_t)k->group_last : *i + 1;

		if (need > frame_col_height(f) - f->y && !f->col_empty && need <= frame_col_height(f) &&
		    pour_shrink_to_fill(f, *i, last, need - (frame_col_height(f) - f->y))) {
			end = pour_part_end(f, k, 0, p->nlines, f->col_empty, f->y, pour_grid0(f));
			need = pour_next_need(f, *i, end) - f->y;
		}
		if (need > frame_col_height(f) - f->y && !f->col_empty && need <= frame_col_height(f)) {
			pour_shrink_clear(f, *i, last);
			if (frame_next_column(f) < 0)
				goto overflow;
		}
		pour_heading_snap(f, k, *i);
	}
	if (k->group && k->group_first == (int)*i) {
		int last = group_place(f, (int)*i);

		if (last < 0)
			goto overflow;
		*i = (size_t)last;
	} else if (pour_place_from(f, k, 0, 0) < 0) {
		goto overflow;
	}
	return 0;
overflow:
	if (f->trial || f->balancing == 1)
		return -1; /* the caller tries another way */
	if (!f->failed)
		msg_at(f->m, M_OVERFLOW, f->info->file, k->line, 0, k->what,
		       f->tpl->fixed ? "the page it belongs to is full (a fixed frame)"
				     : "no page can hold it");
	f->failed = 1;
	return -1;
}

int pour_all(struct flow *f)
{
	const struct style_template *first = style_template(f->sheet, "default");
	int back_from = -1;

	if (!first && f->sheet->ntemplates)
		first = &f->sheet->templates[0];
	if (!first) {
		msg_at(f->m, M_STYLE_MISSING, f->sheet->file, 1, 0, "template", "default");
		return -1;
	}
	if (frame_new_page(f, first) < 0)
		return -1;
	for (size_t i = 0; i < f->bl->n; i++) {
		if (f->bl->v[i].backcover) {
			back_from = (int)i;
			break;
		}
		if (pour_place_one(f, &i) < 0)
			return -1;
	}
	group_spread(f);
	if (float_finish(f, back_from >= 0 ? (size_t)back_from : f->bl->n) < 0)
		return -1;
	bal_two(f, back_from >= 0 ? (size_t)back_from : f->bl->n);
	bal_page(f, back_from >= 0 ? (size_t)back_from : f->bl->n);
	if (!f->sheet->blanks_at_end && furn_pad(f, back_from >= 0) < 0)
		return -1;
	for (size_t i = back_from >= 0 ? (size_t)back_from : f->bl->n; i < f->bl->n; i++)
		if (pour_place_one(f, &i) < 0)
			return -1;
	if (f->sheet->blanks_at_end && furn_pad(f, 0) < 0)
		return -1;
	return 0;
}
