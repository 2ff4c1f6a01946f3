/* frame: pages, columns and the frames lines are placed in. */
#include <string.h>

#include "fill.h"
#include "floats.h"
#include "frame.h"
#include "furniture.h"

void flow_column(const struct style_sheet *s, const struct style_template *t, int page, int c,
		 int *x, int *w)
{
	int left = page % 2 == 1 ? t->inner : t->outer;

	*w = (s->page_w - t->inner - t->outer - (t->columns - 1) * t->gutter) / t->columns;
	*x = left + c * (*w + t->gutter);
}

struct frame frame_column(const struct flow *f, int c)
{
	struct frame fr;

	flow_column(f->sheet, f->tpl, f->lay->npages, c, &fr.x, &fr.w);
	return fr;
}

struct frame frame_current(const struct flow *f)
{
	return frame_column(f, f->col);
}

struct frame frame_span(const struct flow *f)
{
	const struct style_template *t = f->tpl;
	int odd = f->lay->npages % 2 == 1;

	return (struct frame){ .x = odd ? t->inner : t->outer,
			       .w = f->sheet->page_w - t->inner - t->outer };
}

struct frame frame_inset(struct frame fr, int pad)
{
	return (struct frame){ .x = fr.x + pad, .w = fr.w - 2 * pad };
}

struct frame frame_split(struct frame fr, int cols, int gap, int n)
{
	int w = (fr.w - (cols - 1) * gap) / cols;

	return (struct frame){ .x = fr.x + n * (w + gap), .w = w };
}

int frame_col_height(const struct flow *f)
{
	int h = f->sheet->page_h - f->tpl->top - f->tpl->bottom;

	if (f->foot_limit > 0 && f->foot_limit < h)
		h = f->foot_limit;
	h -= f->span_h;
	if (f->col_limit > 0 && f->col_limit < h)
		h = f->col_limit;
	return h - float_reserve(f); /* floats at the column's foot */
}

int frame_col_room(const struct flow *f)
{
	return f->sheet->page_h - f->tpl->top - f->tpl->bottom - f->span_h - float_reserve(f);
}

int frame_top(const struct flow *f)
{
	return f->tpl->top + f->span_h;
}

struct dl_page *frame_page(const struct flow *f)
{
	return &f->lay->pages[f->lay->npages - 1];
}

struct dl_item *frame_item(struct flow *f, enum dl_kind kind, long src_line)
{
	struct dl_page *p = frame_page(f);
	struct dl_item *it;

	xgrow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->src_line = src_line;
	return it;
}

/* --debug-boxes: the page's columns. */
static void frame_debug_columns(struct flow *f)
{
	for (int c = 0; f->opts->debug_boxes && c < f->tpl->columns; c++) {
		struct dl_item *it = frame_item(f, DL_FRAME, 0);
		struct frame fr = frame_column(f, c);

		it->x = fr.x;
		it->y = frame_top(f);
		it->w = fr.w;
		it->h = frame_col_height(f);
		it->color = 0x00a0ff;
	}
}

struct dl_item *frame_page_save(const struct flow *f, size_t *n)
{
	const struct dl_page *pg = frame_page(f);
	struct dl_item *items = xmalloc((pg->n + 1) * sizeof *items);

	memcpy(items, pg->items, pg->n * sizeof *items);
	*n = pg->n;
	return items;
}

void frame_page_restore(struct flow *f, const struct dl_item *items, size_t n)
{
	struct dl_page *pg = frame_page(f);

	xgrow(&pg->items, &pg->cap, n, sizeof *pg->items);
	memcpy(pg->items, items, n * sizeof *items);
	pg->n = n;
}

int frame_new_page(struct flow *f, const struct style_template *t)
{
	struct dl_page *p;
	struct layout *l = f->lay;

	if (l->npages >= f->opts->max_pages) {
		if (!f->failed)
			msg_at(f->m, M_OVERFLOW, f->info->file, 0, 0, "the document",
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
	furn_grounds(f, t);
	frame_debug_columns(f);
	f->prev = (struct flow_left){ { f->top_block, f->top_items, f->top_line },
				      { f->page_block, f->page_items, f->page_line } };
	if (l->npages >= 2 && (f->top_block != f->cur_block || f->top_line != f->cur_line)) {
		/* the page left: where its content and its last region started
		 * (not a page that held nothing: a blank, or one started again
		 * in another template) */
		struct flow_priv *fp = flow_priv(f);

		if ((size_t)l->npages > fp->nleft) {
			fp->nleft = (size_t)l->npages * 2;
			fp->left = xrealloc(fp->left, fp->nleft * sizeof *fp->left);
		}
		fp->left[l->npages - 2] = (struct flow_left){
			{ f->top_block, f->top_items, f->top_line },
			{ f->page_block, f->page_items, f->page_line } };
	}
	f->prev_page = (int)f->lay->npages - 1;
	if (f->limit_once) {
		f->col_limit = 0;
		f->foot_limit = 0;
		f->limit_once = 0;
	}
	f->page_block = f->cur_block;
	f->page_line = f->cur_line;
	f->page_items = p->n;
	f->top_block = f->page_block;
	f->top_line = f->page_line;
	f->top_items = f->page_items;
	flow_trim_behind(f);
	return 0;
}

int frame_region_span(const struct flow *f, const struct style_template *t)
{
	int span = fill_bottom(frame_page(f), 0) + t->gutter - t->top;

	return span > 0 ? span : 0;
}

void frame_new_region(struct flow *f, const struct style_template *t)
{
	struct dl_page *p = frame_page(f);

	f->tpl = t;
	f->span_h = frame_region_span(f, t);
	p->region_template = t->name;
	p->region_span = f->span_h;
	f->col = 0;
	f->y = 0;
	f->col_empty = 1;
	f->stack.page = 0;
	frame_debug_columns(f);
	f->page_block = f->cur_block;
	f->page_line = f->cur_line;
	f->page_items = p->n;
}

int frame_next_column(struct flow *f)
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
	return frame_new_page(f, f->tpl);
}
