/* furniture: grounds, bands, padding pages, folios, slug lines. */
#include <string.h>

#include "frame.h"
#include "furniture.h"
#include "pour.h"

void furn_small_free(gpointer data)
{
	struct furn_small *sm = data;

	inl_done(&sm->inl);
	para_free(sm->para);
	free(sm);
}

/* Looked up by style, colour, language and text: a bullet or "p. 9" is
 * shaped once however often it is placed, across passes. */
static const struct furn_small *furn_make(struct flow *f, const struct style *st,
					  const char *text, const char *lang, uint32_t color,
					  long line, int width)
{
	struct flow_priv *p = flow_priv(f);
	char *key = g_strdup_printf("%p|%06x|%d|%s|%s", (const void *)st, color, width,
				    lang ? lang : "", text);
	struct furn_small *sm = g_hash_table_lookup(p->small, key);
	struct para_opts o = pour_para_opts(st, lang, width);

	if (sm) {
		g_free(key);
		return sm->para && sm->para->nlines > 0 ? sm : NULL;
	}
	sm = xcalloc(1, sizeof *sm);
	inl_init(&sm->inl, f->sheet, st, lang, NULL);
	inl_add_text(&sm->inl, text, 0, 0, color, NULL);
	inl_finish(&sm->inl);
	o.align = PARA_LEFT;
	o.indent = 0;
	o.hyphenate = 0;
	sm->para = para_new(f->eng, sm->inl.text->str, (int)sm->inl.text->len, sm->inl.attrs, &o,
			    f->info->file, line);
	g_hash_table_insert(p->small, key, sm);
	return sm->para && sm->para->nlines > 0 ? sm : NULL;
}

const struct furn_small *furn_small(struct flow *f, const struct style *st, const char *text,
				    const char *lang, uint32_t color, long line)
{
	return furn_make(f, st, text, lang, color, line, 400 * 1024);
}

const struct furn_small *furn_small_at(struct flow *f, const struct style *st, const char *text,
				       const char *lang, long line, int width)
{
	return furn_make(f, st, text, lang, 0, line, width > 1024 ? width : 1024);
}

void furn_grounds(struct flow *f, const struct style_template *t)
{
	if (t->has_background) {
		struct dl_item *it = frame_item(f, DL_RECT, t->line);

		it->w = f->lay->page_w;
		it->h = f->lay->page_h;
		it->color = t->background;
		it->bleed = 1;
	}
	if (t->band) {
		struct dl_item *it = frame_item(f, DL_RECT, t->line);

		it->w = f->lay->page_w;
		it->h = t->band;
		it->color = t->band_color;
		it->bleed = 1;
	}
}

/* Padding pages are truly blank: no ground, no band, no footer, and
 * nothing is ever poured or balanced into them. */
int furn_pad(struct flow *f, int more)
{
	int mult = f->sheet->page_multiple;
	int total = f->lay->npages + more;
	int add = (mult - total % mult) % mult;

	if (add)
		msg_at(f->m, M_PAGES_PADDED, f->info->file, 0, 0, add, total + add, mult);
	for (int i = 0; i < add; i++) {
		if (frame_new_page(f, f->tpl) < 0)
			return -1;
		frame_page(f)->blank = DL_BLANK_PAD;
		frame_page(f)->n = 0;  /* not even the template's ground */
		f->page_items = 0;
		f->top_items = 0;
		f->col_empty = 0; /* a padding page is not a free page */
		f->page_body = 1;
	}
	return add;
}

/* Appends a text item for a small paragraph to page p. */
static struct dl_item *furn_text(struct dl_page *p, const struct furn_small *sm)
{
	struct dl_item *it;

	xgrow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = DL_TEXT;
	it->runs = sm->para->lines[0].runs;
	it->nruns = sm->para->lines[0].nruns;
	it->broken = sm->para->lines[0].broke_word ? sm->para : NULL;
	it->w = sm->para->lines[0].width;
	it->text = sm->inl.text->str;
	it->text_len = (int)strlen(it->text);
	return it;
}

void furn_slugs(struct flow *f)
{
	const struct style *st = style_find(f->sheet, "slug");

	if (!st)
		st = style_find(f->sheet, "footer");
	if (!st)
		st = style_find(f->sheet, "base");
	for (int i = 0; i < f->lay->npages; i++) {
		struct dl_page *p = &f->lay->pages[i];
		const struct furn_small *sm;
		char text[512];

		snprintf(text, sizeof text, "%s · %s · page %d / %d", f->info->file,
			 f->info->date ? f->info->date : "", p->number, f->lay->npages);
		sm = furn_small(f, st, text, "und", 0, 0);
		if (sm)
			furn_text(p, sm)->slug = 1;
	}
}

void furn_footers(struct flow *f)
{
	const struct style *st = style_find(f->sheet, "footer");

	if (!st)
		st = style_find(f->sheet, "base");
	for (int i = 0; i < f->lay->npages; i++) {
		struct dl_page *p = &f->lay->pages[i];
		const struct style_template *t = style_template(f->sheet, p->template_name);
		char num[16];
		const struct furn_small *sm;
		struct dl_item *it;

		if (!t || !t->footer || p->blank)
			continue;
		snprintf(num, sizeof num, "%d", p->number);
		sm = furn_small(f, st, num, f->lay->lang, 0, 0);
		if (!sm)
			continue;
		it = furn_text(p, sm);
		it->x = p->number % 2 == 1 ? f->sheet->page_w - t->outer - it->w : t->outer;
		it->y = f->sheet->page_h - f->sheet->footer_offset;
	}
}
