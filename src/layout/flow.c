/* flow: the layout engine's entry — one layout of a block list. */
#include <string.h>

#include "contents.h"
#include "floats.h"
#include "flow.h"
#include "furniture.h"
#include "state.h"

static void flow_para_free(gpointer data)
{
	para_free(data);
}

void layout_free(struct layout *l)
{
	struct flow_priv *p;

	if (!l)
		return;
	p = l->priv;
	for (int i = 0; i < l->npages; i++)
		free(l->pages[i].items);
	free(l->pages);
	if (p) {
		g_hash_table_destroy(p->small);
		for (size_t i = 0; i < p->nset; i++)
			para_free(p->set[i]);
		free(p->set);
		free(p->set_w);
		g_ptr_array_free(p->retired, TRUE);
		gpack_store_free(p->pack); /* after the glyph strings packed into it */
	}
	free(p);
	free(l);
}

void layout_drop_lines(struct layout *l)
{
	struct flow_priv *p = l ? l->priv : NULL;
	GHashTableIter it;
	gpointer key, value;

	if (!p)
		return;
	for (int i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].n; j++)
			if (l->pages[i].items[j].kind == DL_TEXT) {
				struct dl_item *t = &l->pages[i].items[j];

				/* packed ones kept theirs (pour_emit, layout_page_glyphs) */
				if (t->runs && t->nruns > 0 && !gpack_packed(t->runs, t->nruns))
					run_extents(t->runs, t->nruns, &t->ascent, &t->descent);
				l->pages[i].items[j].runs = NULL;
				l->pages[i].items[j].nruns = 0;
			}
	for (size_t i = 0; i < p->nset; i++) {
		para_free(p->set[i]);
		p->set[i] = NULL;
		p->set_w[i] = 0;
	}
	g_ptr_array_set_size(p->retired, 0);
	/* the small texts stay: items point into them */
	g_hash_table_iter_init(&it, p->small);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		struct furn_small *sm = value;

		para_free(sm->para);
		sm->para = NULL;
	}
	gpack_store_free(p->pack);
	p->pack = NULL;
}

void flow_pack_behind(struct flow *f)
{
	struct flow_priv *p = flow_priv(f);

	if (!p->pack)
		return;
	if (f->lay->npages <= 1)
		f->packed_to = 0; /* a new pour */
	if (f->lay->npages < FLOW_PACK_FROM)
		return;
	/* the page before this one may still be poured again (bal_two),
	 * nothing before it: the blocks wholly before it are left behind */
	for (; f->packed_to < f->prev_block && f->packed_to < p->nset; f->packed_to++) {
		const struct para *q = p->set[f->packed_to];

		/* only our own settings, whose lines' extents are their runs'
		 * (the items keep them: pour_emit) */
		if (q && q->stats.cut + q->stats.reshaped > 0)
			gpack_pack_para(p->pack, q);
	}
	/* the page before that one is done too, but for its folio and slug
	 * line (furn_footers, furn_slugs): its items take no more room */
	if (f->lay->npages >= 3) {
		struct dl_page *pg = &f->lay->pages[f->lay->npages - 3];

		if (pg->cap > pg->n + 2) {
			pg->cap = pg->n + 2;
			pg->items = xrealloc(pg->items, pg->cap * sizeof *pg->items);
		}
	}
}

void flow_unpack(struct flow *f, const struct para *q)
{
	struct flow_priv *p = flow_priv(f);

	if (p->pack && gpack_store_bytes(p->pack, NULL)) /* else nothing was packed */
		gpack_unpack_para(p->pack, q);
}

void layout_page_glyphs(const struct layout *l, const struct dl_page *pg, int readable)
{
	const struct flow_priv *p = l ? l->priv : NULL;
	struct dl_page *page;

	/* a layout that packed nothing (a short one) is left as it is */
	if (!p || !p->pack || !gpack_store_bytes(p->pack, NULL) || pg < l->pages ||
	    pg >= l->pages + l->npages)
		return;
	page = &l->pages[pg - l->pages];
	/* every extent before any packing: items may share runs (a bullet) */
	for (int pass = 0; pass < (readable ? 1 : 2); pass++)
		for (size_t j = 0; j < page->n; j++) {
			struct dl_item *t = &page->items[j];

			if (t->kind != DL_TEXT || !t->runs || t->nruns <= 0)
				continue;
			if (readable)
				gpack_unpack_runs(p->pack, t->runs, t->nruns);
			else if (pass == 0)
				run_extents(t->runs, t->nruns, &t->ascent, &t->descent);
			else
				gpack_pack_runs(p->pack, t->runs, t->nruns);
		}
}

const struct para *layout_para(const struct layout *l, size_t i)
{
	const struct flow_priv *p = l ? l->priv : NULL;

	return p && i < p->nset ? p->set[i] : NULL;
}

int layout_para_width(const struct layout *l, size_t i)
{
	const struct flow_priv *p = l ? l->priv : NULL;

	return p && i < p->nset && p->set[i] ? p->set_w[i] : 0;
}

struct layout *flow_run(const struct layout_info *info, const struct style_sheet *s,
			struct para_engine *e, const struct block_list *bl,
			const struct flow_opts *o, struct msg *m)
{
	struct layout *l = xcalloc(1, sizeof *l);
	struct flow_priv *p = xcalloc(1, sizeof *p);
	struct flow f = {
		.info = info, .sheet = s, .eng = e, .bl = bl, .opts = o, .m = m, .lay = l,
	};

	l->priv = p;
	p->small = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, furn_small_free);
	p->nset = bl->n;
	p->set = xcalloc(bl->n + 1, sizeof *p->set);
	p->set_w = xcalloc(bl->n + 1, sizeof *p->set_w);
	p->retired = g_ptr_array_new_with_free_func(flow_para_free);
	if (o->pack_glyphs)
		p->pack = gpack_store_new();
	l->page_w = s->page_w;
	l->page_h = s->page_h;
	l->bleed = s->bleed;
	l->title = info->title;
	l->author = info->author;
	l->subject = info->subject;
	l->keywords = info->keywords;
	l->lang = info->lang ? info->lang : "en";
	float_init(&f);
	toc_settle(&f);
	float_free(&f);
	if (f.failed) {
		layout_free(l);
		return NULL;
	}
	furn_footers(&f);
	furn_slugs(&f);
	return l;
}
