/* proofimg: pictures moved, resized, replaced, new or removed between two editions. */
#include <stdlib.h>

#include "doc.h"
#include "image.h"
#include "proofimg.h"

#define PROOFIMG_MM(u) ((double)(u) / PANGO_SCALE * 25.4 / 72)
#define PROOFIMG_SAME (PANGO_SCALE / 2) /* boxes within half a point are the same */

struct proofimg_pic {
	const struct dl_item *it;
	int page;            /* printed page number */
	const char *name;    /* the <image>'s src */
	char *sum;           /* of the file's bytes */
	struct proofimg_pic *pair;
};

static GArray *proofimg_list(const struct layout *l)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct proofimg_pic));

	for (int i = 0; i < l->npages; i++) {
		const struct dl_page *p = &l->pages[i];

		for (size_t n = 0; n < p->n; n++) {
			const struct dl_item *it = &p->items[n];
			struct proofimg_pic pic = { .it = it, .page = p->number };

			if (it->kind != DL_IMAGE || !it->image)
				continue;
			pic.name = it->image->src ? doc_attr(it->image->src, "src") : NULL;
			if (!pic.name)
				pic.name = it->image->path;
			pic.sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, it->image->data,
							      it->image->bytes);
			g_array_append_val(a, pic);
		}
	}
	return a;
}

static void proofimg_free(GArray *a)
{
	for (guint i = 0; i < a->len; i++)
		g_free(g_array_index(a, struct proofimg_pic, i).sum);
	g_array_free(a, TRUE);
}

static int proofimg_near(int a, int b)
{
	return abs(a - b) <= PROOFIMG_SAME;
}

static int proofimg_overlap(const struct dl_item *a, const struct dl_item *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Pairs each unpaired picture of `now` with an unpaired one of `old` that
 * `match` accepts, one on the same page first. */
static void proofimg_pair(GArray *old, GArray *now,
			  int (*match)(const struct proofimg_pic *o, const struct proofimg_pic *n))
{
	for (int same_page = 1; same_page >= 0; same_page--) {
		for (guint i = 0; i < now->len; i++) {
			struct proofimg_pic *n = &g_array_index(now, struct proofimg_pic, i);

			for (guint j = 0; j < old->len && !n->pair; j++) {
				struct proofimg_pic *o = &g_array_index(old, struct proofimg_pic, j);

				if (o->pair || (same_page && o->page != n->page) || !match(o, n))
					continue;
				o->pair = n;
				n->pair = o;
			}
		}
	}
}

static int proofimg_same_file(const struct proofimg_pic *o, const struct proofimg_pic *n)
{
	return !g_strcmp0(o->name, n->name) && !g_strcmp0(o->sum, n->sum);
}

static int proofimg_same_name(const struct proofimg_pic *o, const struct proofimg_pic *n)
{
	return !g_strcmp0(o->name, n->name);
}

static int proofimg_same_place(const struct proofimg_pic *o, const struct proofimg_pic *n)
{
	return o->page == n->page && proofimg_overlap(o->it, n->it);
}

/* The sentence for picture n of the new edition, or NULL if unchanged. */
static char *proofimg_say(const struct proofimg_pic *n)
{
	const struct proofimg_pic *o = n->pair;
	const struct dl_item *a, *b;
	int moved, resized;

	if (!o)
		return g_strdup_printf("\"%s\": new on p. %d", n->name, n->page);
	if (g_strcmp0(o->name, n->name))
		return g_strdup_printf("p. %d: \"%s\" replaced by \"%s\"", n->page, o->name, n->name);
	if (g_strcmp0(o->sum, n->sum))
		return g_strdup_printf("\"%s\" on p. %d: replaced (same file name, new content)",
				       n->name, n->page);
	if (o->page != n->page)
		return g_strdup_printf("\"%s\": moved from p. %d to p. %d", n->name, o->page, n->page);
	a = o->it;
	b = n->it;
	moved = !proofimg_near(a->x, b->x) || !proofimg_near(a->y, b->y);
	resized = !proofimg_near(a->w, b->w) || !proofimg_near(a->h, b->h);
	if (!moved && !resized)
		return NULL;
	return g_strdup_printf("\"%s\" on p. %d: %s (%.0f × %.0f mm at %.0f, %.0f mm → "
			       "%.0f × %.0f mm at %.0f, %.0f mm)", n->name, n->page,
			       moved && resized ? "moved and resized" : moved ? "moved" : "resized",
			       PROOFIMG_MM(a->w), PROOFIMG_MM(a->h), PROOFIMG_MM(a->x), PROOFIMG_MM(a->y),
			       PROOFIMG_MM(b->w), PROOFIMG_MM(b->h), PROOFIMG_MM(b->x), PROOFIMG_MM(b->y));
}

GPtrArray *proofimg_compare(const struct layout *old, const struct layout *now)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GArray *o = proofimg_list(old), *n = proofimg_list(now);

	proofimg_pair(o, n, proofimg_same_file);
	proofimg_pair(o, n, proofimg_same_name);
	proofimg_pair(o, n, proofimg_same_place);
	for (guint i = 0; i < n->len; i++) {
		char *s = proofimg_say(&g_array_index(n, struct proofimg_pic, i));

		if (s)
			g_ptr_array_add(out, s);
	}
	for (guint j = 0; j < o->len; j++) {
		const struct proofimg_pic *p = &g_array_index(o, struct proofimg_pic, j);

		if (!p->pair)
			g_ptr_array_add(out, g_strdup_printf("\"%s\": removed (was on p. %d)", p->name,
							     p->page));
	}
	proofimg_free(o);
	proofimg_free(n);
	return out;
}
