/* flow: blocks into columns and pages; the Sommaire; the display list. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "flow.h"

enum {
	FLOW_MAX_PASSES = 5,             /* Sommaire re-layouts before giving up */
	FLOW_TOC_RESERVE = 34 * 1024,    /* room kept right of a Sommaire entry */
	FLOW_RULE_GAP = 4 * 1024,        /* between a title and its chevron rule */
};

/* A one-line paragraph flow.c makes itself (page number, bullet). */
struct flow_small {
	struct inl inl;                 /* its text */
	struct para *para;              /* set once, drawn as often as needed */
};

/* What the layout owns besides its pages: the small paragraphs, kept
 * across passes and looked up by style, colour, language and text, so a
 * bullet or "p. 9" is shaped once however often it is placed. */
struct flow_priv {
	GHashTable *small;              /* key string -> struct flow_small */
	GPtrArray *retired;             /* paragraphs set again at another width: items
					 * placed earlier may still point into them */
};

/* The state of one pour. */
struct flow {
	const struct doc *doc;
	const struct style_sheet *sheet;
	struct para_engine *eng;
	struct block_list *bl;
	const struct flow_opts *opts;
	struct msg *m;
	struct layout *lay;
	const struct style_template *tpl; /* template of the current page */
	int col;                          /* current column */
	int y;                            /* used height of the current column */
	int col_empty;                    /* nothing placed in this column yet */
	int page_body;                    /* the page holds more than titles */
	GHashTable *dest_page;            /* id -> page number, from this pass */
	GHashTable *prev_pages;           /* id -> page number, from the last pass */
	int col_limit;                    /* > 0: columns are this short (balancing trials) */
	int span_h;                       /* height taken across all columns at the page top */
	int trial;                        /* a balancing trial: never start a new page */
	size_t cur_block;                 /* block being placed, and */
	int cur_line;                     /* its first line not yet placed: where a new page resumes */
	size_t page_block;                /* where the current page's content started: */
	int page_line;                    /* block and line */
	size_t page_items;                /* items of the page before any content */
	int sub_active;                   /* placing inside a card: the frame below replaces the column */
	int sub_x, sub_w;                 /* that frame's left edge and width */
	int failed;
};

static struct flow_priv *flow_priv(struct flow *f)
{
	return f->lay->priv;
}

/* --- geometry ---------------------------------------------------------- */

static struct dl_page *flow_page(struct flow *f)
{
	return &f->lay->pages[f->lay->npages - 1];
}

void flow_column(const struct style_sheet *s, const struct style_template *t, int page, int c,
		 int *x, int *w)
{
	int left = page % 2 == 1 ? t->inner : t->outer;

	*w = (s->page_w - t->inner - t->outer - (t->columns - 1) * t->gutter) / t->columns;
	*x = left + c * (*w + t->gutter);
}

static int flow_col_width(const struct flow *f)
{
	int x, w;

	if (f->sub_active)
		return f->sub_w;
	flow_column(f->sheet, f->tpl, f->lay->npages, 0, &x, &w);
	return w;
}

/* Left edge of column c on the current page (or of the card frame). */
static int flow_col_x(const struct flow *f, int c)
{
	int x, w;

	if (f->sub_active)
		return f->sub_x;
	flow_column(f->sheet, f->tpl, f->lay->npages, c, &x, &w);
	return x;
}

static int flow_col_height(const struct flow *f)
{
	int h = f->sheet->page_h - f->tpl->top - f->tpl->bottom - f->span_h;

	return f->col_limit > 0 && f->col_limit < h ? f->col_limit : h;
}

/* Where the columns start: the top margin, below any spanning titles. */
static int flow_top(const struct flow *f)
{
	return f->tpl->top + f->span_h;
}

static struct dl_item *flow_item(struct flow *f, enum dl_kind kind, long src_line)
{
	struct dl_page *p = flow_page(f);
	struct dl_item *it;

	xgrow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->src_line = src_line;
	return it;
}

static void flow_debug_columns(struct flow *f)
{
	for (int c = 0; f->opts->debug_boxes && c < f->tpl->columns; c++) {
		struct dl_item *it = flow_item(f, DL_FRAME, 0);

		it->x = flow_col_x(f, c);
		it->y = f->tpl->top;
		it->w = flow_col_width(f);
		it->h = flow_col_height(f);
		it->color = 0x00a0ff;
	}
}

static int flow_new_page(struct flow *f, const struct style_template *t)
{
	struct dl_page *p;
	struct layout *l = f->lay;

	if (l->npages >= f->opts->max_pages) {
		if (!f->failed)
			msg_at(f->m, M_OVERFLOW, f->doc->file, 0, 0, "the document",
			       "it needs more pages than the limit (--max-pages)");
		f->failed = 1;
		return -1;
	}
	l->pages = xrealloc(l->pages, (size_t)(l->npages + 1) * sizeof *l->pages);
	p = &l->pages[l->npages++];
	memset(p, 0, sizeof *p);
	p->number = l->npages;
	p->template_name = t->name;
	f->tpl = t;
	f->col = 0;
	f->y = 0;
	f->span_h = 0;
	f->col_empty = 1;
	f->page_body = 0;
	if (t->has_background) {
		struct dl_item *it = flow_item(f, DL_RECT, t->line);

		it->w = l->page_w;
		it->h = l->page_h;
		it->color = t->background;
		it->bleed = 1;
	}
	if (t->band) {
		struct dl_item *it = flow_item(f, DL_RECT, t->line);

		it->w = l->page_w;
		it->h = t->band;
		it->color = t->band_color;
		it->bleed = 1;
	}
	flow_debug_columns(f);
	f->page_block = f->cur_block;
	f->page_line = f->cur_line;
	f->page_items = p->n;
	return 0;
}

static int flow_next_column(struct flow *f)
{
	if (f->tpl->fixed)
		return -1;
	if (f->trial && f->col + 1 >= f->tpl->columns)
		return -1;
	if (f->col + 1 < f->tpl->columns) {
		f->col++;
		f->y = 0;
		f->col_empty = 1;
		return 0;
	}
	return flow_new_page(f, f->tpl);
}

/* --- paragraphs -------------------------------------------------------- */

static int flow_measure(const struct flow *f, const struct block *k)
{
	int w = flow_col_width(f) - k->style->indent_left - k->style->indent_right;

	if (k->kind == BLK_TOC)
		w -= FLOW_TOC_RESERVE;
	return w > 1024 ? w : 1024;
}

static struct para_opts flow_para_opts(const struct style *st, const char *lang, int width)
{
	int fr = lang && strncmp(lang, "fr", 2) == 0;

	return (struct para_opts){
		.width = width,
		.indent = st->indent_first,
		.align = st->align,
		.hyphenate = st->hyphenate,
		.lang = lang ? lang : "en",
		.hyph_left = 2,
		.hyph_right = fr ? 3 : 2,
		.hyph_min_word = 6,
		.last_justify = 0,
	};
}

/* Sets the block's paragraph at the current measure (cached per width). */
static struct para *flow_set(struct flow *f, struct block *k)
{
	int w = flow_measure(f, k);

	if (k->para && k->para_width == w)
		return k->para;
	/* lines already placed (a page before, a card measured at another
	 * width) may point into the old setting: it lives as long as the layout */
	if (k->para)
		g_ptr_array_add(flow_priv(f)->retired, k->para);
	struct para_opts o = flow_para_opts(k->style, k->lang, w);

	k->para = para_new(f->eng, k->inl.text->str, (int)k->inl.text->len, k->inl.attrs, &o,
			   f->doc->file, k->src->line);
	k->para_width = w;
	return k->para;
}

static void flow_para_free(gpointer data)
{
	para_free(data);
}

/* A one-line paragraph flow.c owns (page numbers, bullets). */
static void flow_small_free(gpointer data)
{
	struct flow_small *sm = data;

	inl_done(&sm->inl);
	para_free(sm->para);
	free(sm);
}

static const struct flow_small *flow_small_para(struct flow *f, const struct style *st,
						const char *text, const char *lang,
						uint32_t color, long line)
{
	struct flow_priv *p = flow_priv(f);
	char *key = g_strdup_printf("%p|%06x|%s|%s", (const void *)st, color, lang ? lang : "", text);
	struct flow_small *sm = g_hash_table_lookup(p->small, key);
	struct para_opts o = flow_para_opts(st, lang, 400 * 1024);

	if (sm) {
		g_free(key);
		return sm->para && sm->para->nlines > 0 ? sm : NULL;
	}
	sm = xcalloc(1, sizeof *sm);
	inl_init(&sm->inl, f->sheet, st, lang);
	inl_add_text(&sm->inl, text, 0, 0, color, NULL);
	inl_finish(&sm->inl);
	o.align = PARA_LEFT;
	o.indent = 0;
	o.hyphenate = 0;
	sm->para = para_new(f->eng, sm->inl.text->str, (int)sm->inl.text->len, sm->inl.attrs, &o,
			    f->doc->file, line);
	g_hash_table_insert(p->small, key, sm);
	return sm->para && sm->para->nlines > 0 ? sm : NULL;
}

static int flow_rule_height(const struct style *st)
{
	return st->rule_after ? st->rule_after + FLOW_RULE_GAP : 0;
}

/* Height of lines [from, to) of block k when placed, with its space before
 * (unless at a column top) and after (when the block ends there). */
static int flow_part_height(const struct block *k, int from, int to, int at_top)
{
	const struct style *st = k->style;
	int64_t h = (int64_t)(to - from) * st->leading;

	if (from == 0 && !at_top)
		h += st->space_before;
	if (to == k->para->nlines)
		h += flow_rule_height(st) + st->space_after;
	/* taller than anything a page holds: the same answer without overflow */
	return h > INT_MAX / 4 ? INT_MAX / 4 : (int)h;
}

/* Height of the whole group starting at block i (its blocks set first). */
static int flow_group_height(struct flow *f, int i, int at_top)
{
	struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int h = gs && gs->has_background ? 2 * gs->padding : 0;

	if (gs && !at_top)
		h += gs->space_before;
	for (int j = first->group_first; j <= first->group_last; j++) {
		struct block *k = &f->bl->v[j];

		flow_set(f, k);
		h += flow_part_height(k, 0, k->para->nlines, j == first->group_first);
	}
	if (gs)
		h += gs->space_after;
	return h;
}

/* --- emitting ---------------------------------------------------------- */

static int flow_baseline_offset(const struct style *st)
{
	return st->leading / 2 + st->size * 3 / 10;
}

static void flow_links(struct flow *f, const struct block *k, int li, int x, int baseline)
{
	const struct para_line *pl = &k->para->lines[li];

	for (size_t i = 0; i < k->inl.nlinks; i++) {
		const struct inl_link *lk = &k->inl.links[i];
		int s = lk->start > pl->start ? lk->start : pl->start;
		int e = lk->end < pl->end ? lk->end : pl->end;
		struct dl_item *it;

		if (s >= e)
			continue;
		it = flow_item(f, DL_LINK, k->src->line);
		it->x = x + pl->x + para_index_to_x(k->para, li, s);
		it->w = x + pl->x + para_index_to_x(k->para, li, e) - it->x;
		it->y = baseline - pl->ascent;
		it->h = pl->ascent + pl->descent;
		it->uri = lk->uri;
		it->level = lk->internal;
	}
}

/* Hangs the style's bullet left of the first line. */
static void flow_hung_bullet(struct flow *f, const struct block *k, int x, int baseline)
{
	const struct style *st = k->style;
	const struct flow_small *sm;
	struct para *bp;
	struct dl_item *it;

	if (!*st->bullet || st->indent_left == 0)
		return;
	sm = flow_small_para(f, st, st->bullet, k->lang, st->bullet_color,
			     k->src->line);
	if (!sm)
		return;
	bp = sm->para;
	it = flow_item(f, DL_TEXT, k->src->line);
	it->line = bp->lines[0].line;
	it->x = x - bp->lines[0].width - st->size / 3;
	it->y = baseline;
	it->text = st->bullet;
	it->text_len = (int)strlen(st->bullet);
}

/* Emits lines [from, to) of k at the current position. */
static void flow_emit_lines(struct flow *f, struct block *k, int from, int to)
{
	const struct style *st = k->style;
	int x = flow_col_x(f, f->col) + st->indent_left;
	int top = flow_top(f) + f->y;

	if (from == 0 && !f->col_empty)
		top += st->space_before;
	if (from == 0 && k->dest) {
		struct dl_item *it = flow_item(f, DL_DEST, k->src->line);

		it->x = x;
		it->y = top;
		it->uri = k->dest;
		it->text = k->dest_title;
		it->level = k->dest_level;
		g_hash_table_insert(f->dest_page, (gpointer)k->dest,
				    GINT_TO_POINTER(f->lay->npages));
	}
	for (int i = from; i < to; i++) {
		const struct para_line *pl = &k->para->lines[i];
		int baseline = top + (i - from) * st->leading + flow_baseline_offset(st);
		struct dl_item *it;

		if (i == 0) /* drawn first: the reading order is bullet, then text */
			flow_hung_bullet(f, k, x, baseline);
		it = flow_item(f, DL_TEXT, k->src->line);
		it->block = (int)(k - f->bl->v) + 1;
		it->tag = k->tag;
		it->ratio = pl->ratio;
		it->xscale = pl->expand;
		it->line = pl->line;
		it->x = x + pl->x;
		it->y = baseline;
		it->w = pl->width;
		it->text = k->inl.text->str + pl->start;
		it->text_len = pl->end - pl->start;
		flow_links(f, k, i, x, baseline);
		if (f->opts->debug_boxes) {
			struct dl_item *b = flow_item(f, DL_BASELINE, k->src->line);

			b->x = flow_col_x(f, f->col);
			b->w = flow_col_width(f);
			b->y = baseline;
			b->color = 0xff4080;
		}
	}
	if (to == k->para->nlines && st->rule_after) {
		struct dl_item *it = flow_item(f, DL_CHEVRONS, k->src->line);

		it->x = flow_col_x(f, f->col) + st->indent_left;
		it->y = top + (to - from) * st->leading + FLOW_RULE_GAP;
		it->w = flow_col_width(f) - st->indent_left - st->indent_right;
		it->h = st->rule_after;
		it->color = st->rule_color;
	}
	f->y += flow_part_height(k, from, to, f->col_empty);
	f->col_empty = 0;
	if (!k->heading)
		f->page_body = 1;
}

/* The Sommaire entry's leader and "p. N", right-aligned on its last line,
 * and a link over the entry to the section. */
static void flow_toc_number(struct flow *f, struct block *k, int top)
{
	const struct style *st = k->style;
	gpointer pg = g_hash_table_lookup(f->prev_pages, k->toc_target);
	const char *label = doc_label(f->doc, "page");
	char text[64];
	const struct flow_small *sm;
	struct para *np;
	int last = k->para->nlines - 1;
	int x = flow_col_x(f, f->col) + st->indent_left;
	int right = flow_col_x(f, f->col) + flow_col_width(f) - st->indent_right;
	int baseline = top + last * st->leading + flow_baseline_offset(st);
	const struct para_line *pl = &k->para->lines[last];
	struct dl_item *it;

	snprintf(text, sizeof text, "%s %d", label ? label : "p.", pg ? GPOINTER_TO_INT(pg) : 0);
	sm = flow_small_para(f, st, text, k->lang, 0, k->src->line);
	if (!sm)
		return;
	np = sm->para;
	it = flow_item(f, DL_TEXT, k->src->line);
	it->line = np->lines[0].line;
	it->x = right - np->lines[0].width;
	it->y = baseline;
	it->w = np->lines[0].width;
	it->text = sm->inl.text->str;
	it->text_len = (int)strlen(it->text);
	it = flow_item(f, DL_LEADER, k->src->line);
	it->x = x + pl->x + pl->width + st->size / 2;
	it->w = right - np->lines[0].width - st->size / 2 - it->x;
	it->y = baseline;
	it->color = st->color;
	it = flow_item(f, DL_LINK, k->src->line);
	it->x = x;
	it->y = top;
	it->w = right - x;
	it->h = k->para->nlines * st->leading;
	it->uri = k->toc_target;
	it->level = 1;
}

/* Places block k whole or split across columns, honouring widows and
 * orphans.  Returns -1 if it cannot be placed at all. */
static int flow_place_from(struct flow *f, struct block *k, int from)
{
	struct para *p = flow_set(f, k);
	const struct style *st = k->style;
	int guard = 0;

	if (!p)
		return -1;
	/* a new page resumes here (groups place their blocks through here) */
	f->cur_block = (size_t)(k - f->bl->v);
	f->cur_line = from;
	while (from < p->nlines) {
		int avail = flow_col_height(f) - f->y;
		int n = p->nlines - from;
		int fit;

		if (++guard > 4 * f->opts->max_pages)
			return -1;
		if (flow_part_height(k, from, p->nlines, f->col_empty) <= avail) {
			int top = flow_top(f) + f->y + (from == 0 && !f->col_empty ? st->space_before : 0);

			flow_emit_lines(f, k, from, p->nlines);
			if (k->kind == BLK_TOC)
				flow_toc_number(f, k, top);
			return 0;
		}
		fit = (avail - (from == 0 && !f->col_empty ? st->space_before : 0)) / st->leading;
		if (fit >= n)
			fit = n - 1; /* the lines fit but the space after does not */
		/* a balancing trial's short empty column keeps the rules too */
		if ((!f->col_empty || f->trial) &&
		    (k->kind == BLK_TOC || st->keep_together || fit < st->orphans ||
		     fit < 1 || (from == 0 && fit < 2 && n > 1))) {
			if (flow_next_column(f) < 0)
				return -1;
			continue;
		}
		if (n - fit < st->widows && n > st->widows)
			fit = n - st->widows;
		if (fit < 1) {
			if (f->col_empty)
				fit = 1; /* a column that cannot hold one line: place it anyway */
			else if (flow_next_column(f) < 0)
				return -1;
			else
				continue;
		}
		flow_emit_lines(f, k, from, from + fit);
		from += fit;
		f->cur_line = from;
		if (flow_next_column(f) < 0)
			return -1;
	}
	return 0;
}

static int flow_place(struct flow *f, struct block *k)
{
	return flow_place_from(f, k, 0);
}


/* Height of column [from, to) of a card's body "slots" (block, first
 * line) when set as one column: runs of lines of the same block. */
struct flow_slot {
	struct block *k;  /* the block */
	int line;         /* the line of it */
};

static int flow_slots_height(const struct flow_slot *sl, int from, int to)
{
	int h = 0;

	for (int i = from; i < to;) {
		int j = i;

		while (j < to && sl[j].k == sl[i].k)
			j++;
		h += flow_part_height(sl[i].k, sl[i].line, sl[j - 1].line + 1, i == from);
		i = j;
	}
	return h;
}

/* Where to cut a card body in two balanced columns: the slot that starts
 * column 2, never leaving fewer than two lines of a paragraph on either
 * side.  *height receives the taller column's height. */
static int flow_balance(const struct flow_slot *sl, int n, int *height)
{
	int best = n, best_h = flow_slots_height(sl, 0, n);

	for (int s = 1; s < n; s++) {
		const struct flow_slot *a = &sl[s];
		int lines = a->k->para->nlines;
		int h;

		if (a->line > 0 && (a->line < a->k->style->orphans ||
				    lines - a->line < a->k->style->widows))
			continue;
		h = flow_slots_height(sl, 0, s);
		if (flow_slots_height(sl, s, n) > h)
			h = flow_slots_height(sl, s, n);
		if (h < best_h) {
			best_h = h;
			best = s;
		}
	}
	*height = best_h;
	return best;
}

/* Emits the slots [from, to) as one column at the current position. */
static void flow_emit_slots(struct flow *f, const struct flow_slot *sl, int from, int to)
{
	f->col_empty = 1;
	for (int i = from; i < to;) {
		int j = i;

		while (j < to && sl[j].k == sl[i].k)
			j++;
		flow_emit_lines(f, sl[i].k, sl[i].line, sl[j - 1].line + 1);
		i = j;
	}
}

/* A card whose style asks for columns: the spanning blocks (its titles)
 * across the card, the rest in balanced columns, all on a ground.
 * Returns the index of its last block, 0 to fall back to plain placement
 * (too tall for any page), or -1. */
/* A card's shape at the current column: its spanning blocks' height, its
 * body as slots cut into balanced columns.  Sets the paragraphs at the
 * widths they will have.  *sl (grown as needed, caller frees) gets the
 * body's lines; returns the card's total height. */
struct flow_card {
	struct flow_slot *sl;  /* body lines */
	size_t cap;
	int n;                 /* how many */
	int split;             /* first slot of the second column */
	int head_h, body_h;    /* heights of the spanning part and of the body */
};

static int flow_card_measure(struct flow *f, int i, struct flow_card *c)
{
	struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = gs->columns, pad = gs->padding, gap = f->tpl->gutter;
	int w = flow_col_width(f);
	int was = f->sub_active;

	f->sub_active = 1;
	f->sub_w = w - 2 * pad;
	c->head_h = 0;
	c->n = 0;
	for (int j = i; j <= first->group_last; j++) {
		struct block *k = &f->bl->v[j];

		if (k->style->span) {
			flow_set(f, k);
			c->head_h += flow_part_height(k, 0, k->para->nlines, j == i);
		}
	}
	f->sub_w = (w - 2 * pad - (cols - 1) * gap) / cols;
	for (int j = i; j <= first->group_last; j++) {
		struct block *k = &f->bl->v[j];

		if (k->style->span)
			continue;
		flow_set(f, k);
		for (int l = 0; l < k->para->nlines; l++) {
			xgrow(&c->sl, &c->cap, (size_t)c->n + 1, sizeof *c->sl);
			c->sl[c->n++] = (struct flow_slot){ .k = k, .line = l };
		}
	}
	f->sub_active = was;
	c->split = flow_balance(c->sl, c->n, &c->body_h);
	return 2 * pad + c->head_h + c->body_h;
}

static int flow_place_card(struct flow *f, int i)
{
	struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int cols = gs->columns, pad = gs->padding, gap = f->tpl->gutter;
	int x0, w, total = 0, top, n, split, body_h, ybody;
	struct flow_card card = { 0 };
	struct flow_slot *sl;
	struct dl_item *box;

	if (first->group_last == i)
		return 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		total = flow_card_measure(f, i, &card);
		if (total <= flow_col_height(f) - f->y - (f->col_empty ? 0 : gs->space_before))
			break;
		if (attempt == 0 && !f->col_empty && total <= flow_col_height(f)) {
			if (flow_next_column(f) < 0) {
				free(card.sl);
				return -1;
			}
			continue;
		}
		free(card.sl);
		return 0;
	}
	x0 = flow_col_x(f, f->col);
	w = flow_col_width(f);
	sl = card.sl;
	n = card.n;
	split = card.split;
	body_h = card.body_h;
	if (!f->col_empty)
		f->y += gs->space_before;
	top = flow_top(f) + f->y;
	if (gs->has_background) {
		box = flow_item(f, DL_RECT, first->src->line);
		box->x = x0;
		box->y = top;
		box->w = w;
		box->h = total;
		box->color = gs->background;
	}
	f->y += pad;
	f->sub_active = 1;
	f->sub_x = x0 + pad;
	f->sub_w = w - 2 * pad;
	f->col_empty = 1;
	for (int j = i; j <= first->group_last; j++)
		if (f->bl->v[j].style->span)
			flow_emit_lines(f, &f->bl->v[j], 0, f->bl->v[j].para->nlines);
	f->sub_w = (w - 2 * pad - (cols - 1) * gap) / cols;
	ybody = f->y;
	for (int c = 0; c < cols && c < 2; c++) {
		f->sub_x = x0 + pad + c * (f->sub_w + gap);
		f->y = ybody;
		flow_emit_slots(f, sl, c == 0 ? 0 : split, c == 0 ? split : n);
	}
	f->sub_active = 0;
	f->y = ybody + body_h + pad + gs->space_after;
	f->col_empty = 0;
	f->page_body = 1;
	free(sl);
	return first->group_last;
}

/* Places the keep-together group starting at i whole in one column
 * (moving to the next one if needed); a group taller than a column is
 * split with a warning.  Returns the index of its last block, or -1. */
static int flow_place_group(struct flow *f, int i)
{
	struct block *first = &f->bl->v[i];
	const struct style *gs = first->group_style;
	int pad = gs && gs->has_background ? gs->padding : 0;
	size_t box = 0;
	int top, h;

	if (gs && gs->columns > 1) {
		int last = flow_place_card(f, i);

		if (last != 0)
			return last;
	}
	/* measure at the width the blocks will have inside the ground */
	f->sub_active = pad > 0;
	f->sub_w = flow_col_width(f) - 2 * pad;
	h = flow_group_height(f, i, f->col_empty);
	f->sub_active = 0;
	if (h > flow_col_height(f) - f->y && !f->col_empty) {
		if (flow_next_column(f) < 0)
			return -1;
		f->sub_active = pad > 0;
		h = flow_group_height(f, i, 1);
		f->sub_active = 0;
	}
	if (h > flow_col_height(f) - f->y) {
		msg_at(f->m, M_SPLIT_CARD, f->doc->file, first->src->line, 0,
		       doc_type_name(first->src->type));
		for (int j = i; j <= first->group_last; j++)
			if (flow_place(f, &f->bl->v[j]) < 0)
				return -1;
		return first->group_last;
	}
	if (gs && !f->col_empty)
		f->y += gs->space_before;
	top = flow_top(f) + f->y;
	if (pad) {
		struct dl_item *it = flow_item(f, DL_RECT, first->src->line);

		it->x = flow_col_x(f, f->col);
		it->y = top;
		it->w = flow_col_width(f);
		it->color = gs->background;
		box = flow_page(f)->n;
		f->y += pad;
		f->col_empty = 1; /* the first block's space before is inside the box */
		f->sub_x = flow_col_x(f, f->col) + pad;
		f->sub_w = flow_col_width(f) - 2 * pad;
		f->sub_active = 1;
	}
	for (int j = i; j <= first->group_last; j++)
		if (flow_place(f, &f->bl->v[j]) < 0)
			return -1;
	f->sub_active = 0;
	if (pad) {
		f->y += pad;
		flow_page(f)->items[box - 1].h = flow_top(f) + f->y - top;
	}
	if (gs)
		f->y += gs->space_after;
	return first->group_last;
}

static int flow_place_one(struct flow *f, size_t *i);

/* Pours the content that started on the current page (up to block `end`,
 * exclusive) again into columns no taller than `limit`, without leaving
 * the page.  Returns 0 when it fits. */
static int flow_trial(struct flow *f, size_t end, int limit)
{
	int rc = 0;

	flow_page(f)->n = f->page_items;
	f->col = 0;
	f->y = 0;
	f->span_h = 0;
	f->col_empty = 1;
	f->page_body = 0;
	f->col_limit = limit;
	f->trial = 1;
	for (size_t i = f->page_block; i < end && rc == 0; i++) {
		if (i == f->page_block && f->page_line > 0) {
			f->cur_block = i;
			rc = flow_place_from(f, &f->bl->v[i], f->page_line);
		} else {
			rc = flow_place_one(f, &i);
		}
	}
	f->trial = 0;
	f->col_limit = 0;
	return rc;
}

/* Column balancing: when a section ends on a page of several columns,
 * pour that page again into the shortest columns that hold it (to 2 pt),
 * so the columns end level instead of one full and one nearly empty. */
static void flow_balance_page(struct flow *f, size_t end)
{
	int lo, hi;
	size_t block = f->page_block, cur_block = f->cur_block;
	int line = f->page_line, cur_line = f->cur_line;

	if (f->tpl->columns < 2 || (f->col == 0 && f->col_empty) || f->tpl->fixed || f->trial ||
	    f->page_block >= end || flow_page(f)->blank)
		return;
	/* what the page holds, spread over its columns, is the least they can be */
	lo = (f->col * flow_col_height(f) + f->y) / f->tpl->columns;
	hi = f->col == 0 ? f->y : flow_col_height(f);
	while (hi - lo > 2 * 1024) {
		int mid = lo + (hi - lo) / 2;

		if (flow_trial(f, end, mid) == 0)
			hi = mid;
		else
			lo = mid;
		f->page_block = block;
		f->page_line = line;
	}
	if (flow_trial(f, end, hi) < 0) {
		f->page_block = block;
		f->page_line = line;
		flow_trial(f, end, 0); /* as it was */
	}
	f->cur_block = cur_block; /* the trials moved them; the caller goes on from here */
	f->cur_line = cur_line;
}

/* Applies the break and template change asked for by block k.  A page
 * break is not taken while the page holds only titles (a sub-section that
 * opens right after its section's title stays with it). */
static int flow_break(struct flow *f, const struct block *k, size_t index)
{
	const struct style_template *t = *k->template_name ?
		style_template(f->sheet, k->template_name) : f->tpl;
	int empty = f->col == 0 && f->col_empty && f->span_h == 0;

	if (f->trial)
		return 0; /* a trial re-pours one page: its breaks were taken */
	if (!t)
		t = f->tpl;
	if (k->brk == BREAK_PAGE || k->brk == BREAK_RIGHT || t != f->tpl) {
		if (empty) {
			/* restart the blank page in the new template */
			f->lay->npages--;
			free(f->lay->pages[f->lay->npages].items);
			if (flow_new_page(f, t) < 0)
				return -1;
		} else if (f->page_body || t != f->tpl) {
			flow_balance_page(f, index);
			if (flow_new_page(f, t) < 0)
				return -1;
		}
		if (k->brk == BREAK_RIGHT && f->lay->npages % 2 == 0) {
			f->lay->pages[f->lay->npages - 1].blank = 1;
			f->lay->pages[f->lay->npages - 1].n = 0; /* truly blank */
			if (flow_new_page(f, t) < 0)
				return -1;
		}
	} else if (k->brk == BREAK_COLUMN && !f->col_empty) {
		return flow_next_column(f);
	}
	return 0;
}

/* Adds the padding pages that make the count a multiple of the sheet's
 * page_multiple, counting `more` pages still to come; says so.  They are
 * truly blank: no ground, no band, no footer, and nothing is ever poured
 * or balanced into them. */
static int flow_pad(struct flow *f, int more)
{
	int mult = f->sheet->page_multiple;
	int total = f->lay->npages + more;
	int add = (mult - total % mult) % mult;

	if (add)
		msg_at(f->m, M_PAGES_PADDED, f->doc->file, 0, 0, add, total + add, mult);
	for (int i = 0; i < add; i++) {
		if (flow_new_page(f, f->tpl) < 0)
			return -1;
		flow_page(f)->blank = 1;
		flow_page(f)->n = 0;  /* not even the template's ground */
		f->page_items = 0;
		f->col_empty = 0; /* a padding page is not a free page */
		f->page_body = 1;
	}
	return add;
}

/* The slug line of every page ("file · date · page N of M"), placed by
 * pdf.c in the marks area when the edition has marks. */
static void flow_slugs(struct flow *f)
{
	const struct style *st = style_find(f->sheet, "slug");
	const struct node *date = doc_child(doc_child(f->doc->root, N_META), N_DATE);
	const char *d = date && date->first && date->first->type == N_TEXT ? date->first->text : "";

	if (!st)
		st = style_find(f->sheet, "footer");
	if (!st)
		st = style_find(f->sheet, "base");
	for (int i = 0; i < f->lay->npages; i++) {
		struct dl_page *p = &f->lay->pages[i];
		const struct flow_small *sm;
		struct dl_item *it;
		char text[512];

		snprintf(text, sizeof text, "%s · %s · page %d / %d", f->doc->file, d, p->number,
			 f->lay->npages);
		sm = flow_small_para(f, st, text, "und", 0, 0);
		if (!sm)
			continue;
		xgrow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
		it = &p->items[p->n++];
		memset(it, 0, sizeof *it);
		it->kind = DL_TEXT;
		it->slug = 1;
		it->line = sm->para->lines[0].line;
		it->w = sm->para->lines[0].width;
		it->text = sm->inl.text->str;
		it->text_len = (int)strlen(it->text);
	}
}

static void flow_footers(struct flow *f)
{
	const struct style *st = style_find(f->sheet, "footer");
	const struct style *base = style_find(f->sheet, "base");

	if (!st)
		st = base;
	for (int i = 0; i < f->lay->npages; i++) {
		struct dl_page *p = &f->lay->pages[i];
		const struct style_template *t = style_template(f->sheet, p->template_name);
		char num[16];
		const struct flow_small *sm;
		struct para *np;
		struct dl_item *it;
		int odd = p->number % 2 == 1;

		if (!t || !t->footer || p->blank)
			continue;
		snprintf(num, sizeof num, "%d", p->number);
		sm = flow_small_para(f, st, num, f->lay->lang, 0, 0);
		if (!sm)
			continue;
		np = sm->para;
		xgrow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
		it = &p->items[p->n++];
		memset(it, 0, sizeof *it);
		it->kind = DL_TEXT;
		it->line = np->lines[0].line;
		it->w = np->lines[0].width;
		it->x = odd ? f->sheet->page_w - t->outer - it->w : t->outer;
		it->y = f->sheet->page_h - f->sheet->footer_offset;
		it->text = sm->inl.text->str;
		it->text_len = (int)strlen(it->text);
	}
}

/* Minimum height the block after i needs next to i (keep-with-next). */
static int flow_next_need(struct flow *f, size_t i)
{
	struct block *n;
	int lines;

	if (i + 1 >= f->bl->n)
		return 0;
	n = &f->bl->v[i + 1];
	if (n->brk != BREAK_NONE)
		return 0;
	if (n->group && n->group_first == (int)i + 1 && n->group_style && n->group_style->columns > 1 &&
	    n->group_last > n->group_first) {
		struct flow_card c = { 0 };
		int h = flow_card_measure(f, (int)i + 1, &c) + n->group_style->space_before;

		free(c.sl);
		return h;
	}
	if (n->group && n->group_first == (int)i + 1)
		return flow_group_height(f, (int)i + 1, 0);
	flow_set(f, n);
	lines = n->para->nlines < n->style->orphans ? n->para->nlines : n->style->orphans;
	return n->style->space_before + lines * n->style->leading;
}

/* A block whose style spans, met at the top of a page of several columns
 * (nothing but other spanning blocks above it), is set across the whole
 * width and the columns start below it.  Returns whether it was placed. */
static int flow_place_span(struct flow *f, struct block *k)
{
	const struct style_template *t = f->tpl;
	int odd = f->lay->npages % 2 == 1;

	if (!k->style->span || k->group || t->columns < 2 || f->col != 0 || !f->col_empty)
		return 0;
	f->sub_active = 1;
	f->sub_x = odd ? t->inner : t->outer;
	f->sub_w = f->sheet->page_w - t->inner - t->outer;
	flow_set(f, k);
	if (flow_part_height(k, 0, k->para->nlines, 1) > flow_col_height(f) / 2) {
		f->sub_active = 0;
		return 0; /* too tall to span: it flows in its column */
	}
	flow_emit_lines(f, k, 0, k->para->nlines);
	f->sub_active = 0;
	f->span_h += f->y;
	f->y = 0;
	f->col_empty = 1;
	return 1;
}

/* Places block *i (or the group it starts; *i moves to the group's last
 * block).  Reports and fails when a fixed frame overflows. */
static int flow_place_one(struct flow *f, size_t *i)
{
	struct block *k = &f->bl->v[*i];

	f->cur_block = *i;
	f->cur_line = 0;
	if (flow_break(f, k, *i) < 0)
		return -1;
	if (flow_place_span(f, k))
		return 0;
	if ((k->heading || k->style->keep_with_next) && flow_set(f, k)) {
		int need = flow_part_height(k, 0, k->para->nlines, f->col_empty) +
			   flow_next_need(f, *i);

		if (need > flow_col_height(f) - f->y && !f->col_empty && need <= flow_col_height(f))
			if (flow_next_column(f) < 0)
				goto overflow;
	}
	if (k->group && k->group_first == (int)*i) {
		int last = flow_place_group(f, (int)*i);

		if (last < 0)
			goto overflow;
		*i = (size_t)last;
	} else if (flow_place(f, k) < 0) {
		goto overflow;
	}
	return 0;
overflow:
	if (f->trial)
		return -1;
	if (!f->failed)
		msg_at(f->m, M_OVERFLOW, f->doc->file, k->src->line, 0,
		       doc_type_name(k->src->type),
		       f->tpl->fixed ? "the page it belongs to is full (a fixed frame)"
				     : "no page can hold it");
	f->failed = 1;
	return -1;
}

/* One pour of every block. */
static int flow_pour(struct flow *f)
{
	const struct style_template *first = style_template(f->sheet, "default");
	int back_from = -1;

	if (!first && f->sheet->ntemplates)
		first = &f->sheet->templates[0];
	if (!first) {
		msg_at(f->m, M_STYLE_MISSING, f->sheet->file, 1, 0, "template", "default");
		return -1;
	}
	if (flow_new_page(f, first) < 0)
		return -1;
	for (size_t i = 0; i < f->bl->n; i++) {
		if (f->bl->v[i].backcover) {
			back_from = (int)i;
			break;
		}
		if (flow_place_one(f, &i) < 0)
			return -1;
	}
	flow_balance_page(f, back_from >= 0 ? (size_t)back_from : f->bl->n);
	if (!f->sheet->blanks_at_end && flow_pad(f, back_from >= 0) < 0)
		return -1;
	for (size_t i = back_from >= 0 ? (size_t)back_from : f->bl->n; i < f->bl->n; i++)
		if (flow_place_one(f, &i) < 0)
			return -1;
	if (f->sheet->blanks_at_end && flow_pad(f, 0) < 0)
		return -1;
	return 0;
}

/* Drops the pages of a pass; the small paragraphs stay for the next. */
static void flow_clear(struct layout *l)
{
	for (int i = 0; i < l->npages; i++)
		free(l->pages[i].items);
	free(l->pages);
	l->pages = NULL;
	l->npages = 0;
}

void layout_free(struct layout *l)
{
	struct flow_priv *p;

	if (!l)
		return;
	p = l->priv;
	flow_clear(l);
	if (p) {
		g_hash_table_destroy(p->small);
		g_ptr_array_free(p->retired, TRUE);
	}
	free(p);
	free(l);
}

/* Whether every Sommaire target landed where the last pass said. */
static int flow_settled(GHashTable *prev, GHashTable *now)
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

static const char *flow_meta(const struct doc *d, enum node_type t)
{
	const struct node *n = doc_child(doc_child(d->root, N_META), t);

	return n && n->first && n->first->type == N_TEXT ? n->first->text : NULL;
}

struct layout *flow_run(const struct doc *d, const struct style_sheet *s,
			struct para_engine *e, struct block_list *bl,
			const struct flow_opts *o, struct msg *m)
{
	struct layout *l = xcalloc(1, sizeof *l);
	struct msg silent;
	struct flow f = {
		.doc = d, .sheet = s, .eng = e, .bl = bl, .opts = o, .m = m, .lay = l,
		.prev_pages = g_hash_table_new(g_str_hash, g_str_equal),
	};
	int pass;

	l->priv = xcalloc(1, sizeof(struct flow_priv));
	((struct flow_priv *)l->priv)->small = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
								      flow_small_free);
	((struct flow_priv *)l->priv)->retired = g_ptr_array_new_with_free_func(flow_para_free);
	l->page_w = s->page_w;
	l->page_h = s->page_h;
	l->bleed = s->bleed;
	l->title = flow_meta(d, N_TITLE);
	l->author = flow_meta(d, N_AUTHOR);
	l->subject = flow_meta(d, N_SUBJECT);
	l->keywords = flow_meta(d, N_KEYWORDS);
	l->lang = d->root->lang ? d->root->lang : "en";
	/* Silent passes until the Sommaire's numbers settle, then one that
	 * speaks: messages are not repeated for each pass. */
	msg_init(&silent, NULL);
	f.m = &silent;
	for (pass = 0; pass < FLOW_MAX_PASSES; pass++) {
		int settled;

		f.dest_page = g_hash_table_new(g_str_hash, g_str_equal);
		flow_clear(l);
		f.failed = 0;
		if (flow_pour(&f) < 0) {
			g_hash_table_destroy(f.dest_page);
			f.dest_page = NULL;
			break;
		}
		settled = flow_settled(f.prev_pages, f.dest_page);
		g_hash_table_destroy(f.prev_pages);
		f.prev_pages = f.dest_page;
		f.dest_page = NULL;
		if (settled)
			break;
	}
	f.m = m;
	if (pass == FLOW_MAX_PASSES)
		msg_at(m, M_TOC_UNSTABLE, d->file, 0, 0, FLOW_MAX_PASSES);
	f.dest_page = g_hash_table_new(g_str_hash, g_str_equal);
	flow_clear(l);
	f.failed = 0;
	flow_pour(&f);
	g_hash_table_destroy(f.dest_page);
	g_hash_table_destroy(f.prev_pages);
	if (f.failed) {
		layout_free(l);
		return NULL;
	}
	flow_footers(&f);
	flow_slugs(&f);
	return l;
}
