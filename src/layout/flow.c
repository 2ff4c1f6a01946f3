/* flow: the layout engine's entry — one layout of a block list. */
#include <string.h>

#include "contents.h"
#include "floats.h"
#include "flow.h"
#include "furniture.h"
#include "ledger.h"
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
		free(p->left);
		free(p->start_at);
		free(p->pic_fit);
		free(p->pic_cap);
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

				if (t->runs && t->nruns > 0)
					run_extents(t->runs, t->nruns, &t->ascent, &t->descent);
				l->pages[i].items[j].runs = NULL;
				l->pages[i].items[j].nruns = 0;
				l->pages[i].items[j].broken = NULL;
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
}

void flow_trim_behind(struct flow *f)
{
	if (f->lay->npages < FLOW_TRIM_FROM)
		return;
	/* the page before this one may still be poured again (bal_two); the
	 * page before that one is done, but for its folio and slug line
	 * (furn_footers, furn_slugs): its items take no more room */
	if (f->lay->npages >= 3) {
		struct dl_page *pg = &f->lay->pages[f->lay->npages - 3];

		if (pg->cap > pg->n + 2) {
			pg->cap = pg->n + 2;
			pg->items = xrealloc(pg->items, pg->cap * sizeof *pg->items);
		}
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

/* Tells the overfull words of the finished pages (para_tell_overfull):
 * once a paragraph (a decoration's text: once a setting), for the
 * settings printed only, not those layout tried and left. */
static void flow_tell_overfull(const struct flow *f)
{
	GHashTable *told = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (int i = 0; i < f->lay->npages; i++)
		for (size_t j = 0; j < f->lay->pages[i].n; j++) {
			const struct dl_item *t = &f->lay->pages[i].items[j];
			gpointer key;

			if (t->kind != DL_TEXT || !t->broken)
				continue;
			key = t->block > 0 ? GINT_TO_POINTER(t->block) : (gpointer)t->broken;
			if (g_hash_table_add(told, key))
				para_tell_overfull(f->eng, t->broken, f->info->file, t->src_line);
		}
	g_hash_table_destroy(told);
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
	p->start_at = xcalloc(bl->n + 1, 1);
	p->pic_fit = xcalloc(bl->n + 1, sizeof *p->pic_fit);
	p->pic_cap = xcalloc(bl->n + 1, sizeof *p->pic_cap);
	p->retired = g_ptr_array_new_with_free_func(flow_para_free);
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
	if (f.failed || ledger_check(l, bl, info->file, m) < 0) {
		layout_free(l);
		return NULL;
	}
	furn_footers(&f);
	furn_slugs(&f);
	flow_tell_overfull(&f);
	return l;
}
