/* ahead: paragraphs measured in a second thread, ahead of the layout. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <pango/pangofc-font.h>

#include "ahead.h"
#include "block.h"
#include "msg.h"

/* How many blocks the thread measures past the last one the layout
 * asked for: enough to stay ahead, few enough that the measurements
 * waiting do not grow with the document. */
#define AHEAD_WINDOW 48

/* A thread waiting for room is woken once there is room for this many:
 * not for every paragraph the layout takes. */
#define AHEAD_REFILL 8

enum ahead_state {
	AHEAD_FREE,  /* nobody has it yet */
	AHEAD_BUSY,  /* the thread measures it */
	AHEAD_DONE,  /* measured, waiting for the layout */
	AHEAD_NONE,  /* the thread left it to the layout (measured through a layout) */
	AHEAD_TAKEN, /* handed out, or claimed by the layout before the thread came */
};

/* One block's text and, once the thread has made it, its measurement. */
struct ahead_slot {
	size_t block;         /* its index in the block list */
	char *text;           /* the thread's copy of the text it measured */
	int len;
	PangoAttrList *attrs; /* the attributes it measured with (measure_attrs) */
	struct measure m;
	int own;              /* m was made by the layout's thread (its fonts) */
	enum ahead_state state;
};

/* A font of the thread's map and the same font of the layout's map
 * (NULL: none has its pattern). */
struct ahead_font {
	PangoFont *twin, *font;
};

struct ahead {
	const struct block_list *bl;
	struct font *twin;           /* the thread's font map */
	PangoContext *ctx;           /* the thread's left-to-right context */
	struct measure_cache *words; /* the thread's words shaped once */
	struct ahead_slot *slots;
	size_t n;
	GHashTable *by_text;         /* block text -> slot index + 1 (read only once
					the thread runs) */
	GMutex lock;                 /* guards state, next, asked, stop, waiting */
	GCond cond;
	int thread_waits, layout_waits; /* who waits on cond: GLib's broadcast is
					   a system call even with nobody to wake */
	size_t next;                 /* the thread's next slot */
	size_t asked;                /* 1 + the last slot the layout asked for */
	int stop;
	GThread *thread;
	/* the thread's own: the fonts it met, held so that the layout's unref
	 * of a replaced font never frees it outside the thread */
	PangoFont **met;
	size_t nmet, capmet;
	/* the layout's own */
	struct ahead_font *fonts;
	size_t nfonts, capfonts;
	long taken, missed;
};

/* Holds each font of m's runs the thread has not met yet. */
static void ahead_hold_fonts(struct ahead *a, const struct measure *m)
{
	for (int r = 0; r < m->nruns; r++) {
		PangoFont *f = m->runs[r]->item->analysis.font;
		size_t i = 0;

		while (f && i < a->nmet && a->met[i] != f)
			i++;
		if (!f || i < a->nmet)
			continue;
		xgrow(&a->met, &a->capmet, a->nmet + 1, sizeof *a->met);
		a->met[a->nmet++] = g_object_ref(f);
	}
}

/* Frees what slot s kept to be compared with the layout's paragraph (its
 * text and attributes), once it has been or never will be: the slots of
 * the blocks the layout has passed hold nothing, so that they do not grow
 * with the document. */
static void ahead_forget(struct ahead_slot *s)
{
	free(s->text);
	s->text = NULL;
	if (s->attrs)
		pango_attr_list_unref(s->attrs);
	s->attrs = NULL;
}

/* Slot s measured with words mc in context ctx, by the thread or, while
 * it waits, by the layout's: returns whether it holds a measurement the
 * layout can take (not one made through a PangoLayout, whose runs belong
 * to that layout). */
static int ahead_measure(struct ahead_slot *s, const struct block *k, struct measure_cache *mc,
			 PangoContext *ctx)
{
	s->len = (int)k->inl.text->len;
	s->text = xmalloc((size_t)s->len + 1);
	memcpy(s->text, k->inl.text->str, (size_t)s->len + 1);
	/* the language the layout sets it in (pour_para_opts) */
	s->attrs = measure_attrs(k->inl.attrs, k->lang ? k->lang : "en");
	measure_init(&s->m, mc, ctx, s->text, s->len, s->attrs);
	if (s->m.layout) {
		measure_done(&s->m);
		ahead_forget(s);
		return 0;
	}
	return 1;
}

/* The next free slot from the thread's cursor that is not too far ahead
 * of the layout, marked busy; NULL when none (a->lock held). */
static struct ahead_slot *ahead_claim(struct ahead *a)
{
	if (a->next < a->asked)
		a->next = a->asked; /* the layout is past those */
	while (a->next < a->n && a->slots[a->next].state != AHEAD_FREE)
		a->next++;
	if (a->next >= a->n || a->next >= a->asked + AHEAD_WINDOW)
		return NULL;
	a->slots[a->next].state = AHEAD_BUSY;
	return &a->slots[a->next++];
}

/* The thread: the free slots in order, from the last one the layout
 * asked for, at most AHEAD_WINDOW past it. */
static gpointer ahead_run(gpointer data)
{
	struct ahead *a = data;

	g_mutex_lock(&a->lock);
	while (!a->stop) {
		struct ahead_slot *s = ahead_claim(a);
		int ok;

		if (!s && a->next >= a->n)
			break;
		if (!s) {
			a->thread_waits = 1;
			g_cond_wait(&a->cond, &a->lock);
			a->thread_waits = 0;
			continue;
		}
		g_mutex_unlock(&a->lock);
		ok = ahead_measure(s, &a->bl->v[s->block], a->words, a->ctx);
		if (ok)
			ahead_hold_fonts(a, &s->m);
		g_mutex_lock(&a->lock);
		s->state = ok ? AHEAD_DONE : AHEAD_NONE;
		if (a->layout_waits)
			g_cond_broadcast(&a->cond);
	}
	g_mutex_unlock(&a->lock);
	return NULL;
}

struct ahead *ahead_start(const struct block_list *bl, const struct font *f)
{
	const char *env = getenv("PLAQUETTE_THREADS");
	struct ahead *a;

	if ((env && strcmp(env, "1") == 0) || bl->n == 0)
		return NULL;
	a = xcalloc(1, sizeof *a);
	a->bl = bl;
	a->twin = font_twin(f);
	if (!a->twin) {
		free(a);
		return NULL;
	}
	a->ctx = font_ltr_context(a->twin);
	a->words = measure_cache_new();
	a->slots = xcalloc(bl->n, sizeof *a->slots);
	a->by_text = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < bl->n; i++) {
		const struct block *k = &bl->v[i];

		if (k->kind == BLK_IMAGE || !k->inl.text || k->inl.text->len == 0 ||
		    g_hash_table_contains(a->by_text, k->inl.text->str))
			continue;
		a->slots[a->n] = (struct ahead_slot){ .block = i, .state = AHEAD_FREE };
		g_hash_table_insert(a->by_text, k->inl.text->str, GSIZE_TO_POINTER(++a->n));
	}
	g_mutex_init(&a->lock);
	g_cond_init(&a->cond);
	a->thread = g_thread_try_new("plaquette-measure", ahead_run, a, NULL);
	if (!a->thread) {
		ahead_stop(a);
		return NULL;
	}
	return a;
}

struct ahead_find {
	FcPattern *pattern;
	PangoFont *font;
};

static gboolean ahead_find_font(PangoFontset *fs, PangoFont *font, gpointer data)
{
	struct ahead_find *f = data;

	(void)fs;
	if (!PANGO_IS_FC_FONT(font) || !FcPatternEqual(pango_fc_font_get_pattern(PANGO_FC_FONT(font)),
						       f->pattern))
		return FALSE;
	f->font = g_object_ref(font);
	return TRUE;
}

/* The font of ctx's map with the fontconfig pattern of the thread's font
 * tw, looked for where the itemizer found tw: in the fontset of item it's
 * font description (ctx's, with attrs at its start) and language.  NULL
 * when none has that pattern. */
static PangoFont *ahead_font_find(PangoContext *ctx, PangoFont *tw, const PangoItem *it,
				  PangoAttrList *attrs)
{
	struct ahead_find find = { .font = NULL };
	PangoAttrIterator *iter;
	PangoFontDescription *d;
	PangoFontset *fs;
	int s, e;

	if (!PANGO_IS_FC_FONT(tw) || !(find.pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(tw))))
		return NULL;
	d = pango_font_description_copy(pango_context_get_font_description(ctx));
	iter = pango_attr_list_get_iterator(attrs);
	do {
		pango_attr_iterator_range(iter, &s, &e);
		if (it->offset < e)
			break;
	} while (pango_attr_iterator_next(iter));
	pango_attr_iterator_get_font(iter, d, NULL, NULL);
	pango_attr_iterator_destroy(iter);
	fs = pango_context_load_fontset(ctx, d, it->analysis.language);
	pango_font_description_free(d);
	if (!fs)
		return NULL;
	pango_fontset_foreach(fs, ahead_find_font, &find);
	g_object_unref(fs);
	return find.font;
}

/* The layout's font for the thread's font tw (of item it), found once. */
static PangoFont *ahead_font_of(struct ahead *a, PangoContext *ctx, PangoFont *tw,
				const PangoItem *it, PangoAttrList *attrs)
{
	for (size_t i = 0; i < a->nfonts; i++)
		if (a->fonts[i].twin == tw)
			return a->fonts[i].font;
	xgrow(&a->fonts, &a->capfonts, a->nfonts + 1, sizeof *a->fonts);
	a->fonts[a->nfonts] = (struct ahead_font){ tw, ahead_font_find(ctx, tw, it, attrs) };
	return a->fonts[a->nfonts++].font;
}

/* Whether f is one of the layout's fonts already given to a run. */
static int ahead_is_layout_font(const struct ahead *a, const PangoFont *f)
{
	for (size_t i = 0; i < a->nfonts; i++)
		if (a->fonts[i].font == f)
			return 1;
	return 0;
}

/* Gives every run of m the layout's font for its font; 0 when one has
 * none (m then holds fonts of both maps: measure_done frees it). */
static int ahead_adopt(struct ahead *a, struct measure *m, PangoContext *ctx, PangoAttrList *attrs)
{
	for (int r = 0; r < m->nruns; r++) {
		PangoItem *it = m->runs[r]->item;
		PangoFont *tw = it->analysis.font, *f;

		if (!tw || ahead_is_layout_font(a, tw)) /* none, or an item met before */
			continue;
		if (!(f = ahead_font_of(a, ctx, tw, it, attrs)))
			return 0;
		it->analysis.font = g_object_ref(f);
		g_object_unref(tw); /* the thread holds it still (ahead_hold_fonts) */
	}
	return 1;
}

/* While slot s is busy in the thread, the layout's thread measures the
 * next free slots itself (with its words mc and context ctx) rather than
 * wait: the two share the work (a->lock held). */
static void ahead_wait(struct ahead *a, struct ahead_slot *s, struct measure_cache *mc,
		       PangoContext *ctx)
{
	while (s->state == AHEAD_BUSY) {
		struct ahead_slot *t = ahead_claim(a);
		int ok;

		if (!t) {
			a->layout_waits = 1;
			g_cond_wait(&a->cond, &a->lock);
			a->layout_waits = 0;
			continue;
		}
		g_mutex_unlock(&a->lock);
		ok = ahead_measure(t, &a->bl->v[t->block], mc, ctx);
		g_mutex_lock(&a->lock);
		t->own = 1;
		t->state = ok ? AHEAD_DONE : AHEAD_NONE;
	}
}

int ahead_take(struct ahead *a, struct measure *m, struct measure_cache *mc, PangoContext *ctx,
	       const char *text, int len, PangoAttrList *attrs)
{
	gpointer v = a ? g_hash_table_lookup(a->by_text, text) : NULL;
	struct ahead_slot *s;
	struct measure got;
	int have = 0;

	if (!v)
		return 0;
	s = &a->slots[GPOINTER_TO_SIZE(v) - 1];
	g_mutex_lock(&a->lock);
	if ((size_t)(s - a->slots) + 1 > a->asked) {
		a->asked = (size_t)(s - a->slots) + 1;
		/* the thread, waiting for room, is woken once it has some */
		if (a->thread_waits && a->next < a->n &&
		    a->next + AHEAD_REFILL <= a->asked + AHEAD_WINDOW)
			g_cond_broadcast(&a->cond);
	}
	if (s->state == AHEAD_FREE)
		s->state = AHEAD_TAKEN;
	ahead_wait(a, s, mc, ctx);
	if (s->state == AHEAD_DONE) {
		got = s->m;
		s->m = (struct measure){ 0 };
		s->state = AHEAD_TAKEN;
		have = 1;
	}
	g_mutex_unlock(&a->lock);
	/* the same text, language and attributes as the layout's, or nothing */
	if (have && (s->len != len || memcmp(s->text, text, (size_t)len) != 0 ||
		     !pango_attr_list_equal(s->attrs, attrs) ||
		     (!s->own && !ahead_adopt(a, &got, ctx, attrs)))) {
		measure_done(&got);
		have = 0;
	}
	if (s->state == AHEAD_TAKEN) /* the thread is done with it: nobody reads it again */
		ahead_forget(s);
	if (!have) {
		a->missed++;
		return 0;
	}
	*m = got;
	a->taken++;
	return 1;
}

void ahead_stop(struct ahead *a)
{
	if (!a)
		return;
	if (getenv("PLAQUETTE_AHEAD_STATS"))
		fprintf(stderr, "plaquette: ahead: %ld measured ahead, %ld by the layout, %zu fonts\n",
			a->taken, a->missed, a->nfonts);
	if (a->thread) {
		g_mutex_lock(&a->lock);
		a->stop = 1;
		g_cond_broadcast(&a->cond);
		g_mutex_unlock(&a->lock);
		g_thread_join(a->thread);
	}
	for (size_t i = 0; i < a->n; i++) {
		measure_done(&a->slots[i].m);
		ahead_forget(&a->slots[i]);
	}
	for (size_t i = 0; i < a->nmet; i++)
		g_object_unref(a->met[i]);
	for (size_t i = 0; i < a->nfonts; i++)
		if (a->fonts[i].font)
			g_object_unref(a->fonts[i].font);
	g_hash_table_destroy(a->by_text);
	g_mutex_clear(&a->lock);
	g_cond_clear(&a->cond);
	measure_cache_free(a->words);
	g_object_unref(a->ctx);
	font_free(a->twin);
	free(a->slots);
	free(a->met);
	free(a->fonts);
	free(a);
}
