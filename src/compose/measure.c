/* measure: a paragraph shaped on one line without a PangoLayout. */
#include <stdint.h>
#include <string.h>

#include <hb-ot.h>

#include "measure.h"
#include "msg.h"

/* Line separator: Pango's layout ends a line after it. */
#define MEASURE_LS 0x2028

/* The attributes Pango 1.50's layout itemizes with (pango-layout.c's
 * affects_itemization): those that choose fonts or must be constant
 * over a run. */
static gboolean measure_itemizes(PangoAttribute *a, gpointer data)
{
	(void)data;
	switch ((int)a->klass->type) {
	case PANGO_ATTR_LANGUAGE:
	case PANGO_ATTR_FAMILY:
	case PANGO_ATTR_STYLE:
	case PANGO_ATTR_WEIGHT:
	case PANGO_ATTR_VARIANT:
	case PANGO_ATTR_STRETCH:
	case PANGO_ATTR_SIZE:
	case PANGO_ATTR_FONT_DESC:
	case PANGO_ATTR_SCALE:
	case PANGO_ATTR_FALLBACK:
	case PANGO_ATTR_ABSOLUTE_SIZE:
	case PANGO_ATTR_GRAVITY:
	case PANGO_ATTR_GRAVITY_HINT:
	case PANGO_ATTR_FONT_SCALE:
	case PANGO_ATTR_LETTER_SPACING:
	case PANGO_ATTR_SHAPE:
	case PANGO_ATTR_RISE:
	case PANGO_ATTR_BASELINE_SHIFT:
	case PANGO_ATTR_LINE_HEIGHT:
	case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT:
	case PANGO_ATTR_TEXT_TRANSFORM:
		return TRUE;
	default:
		return FALSE;
	}
}

/* Clears *(int *)data when attribute a is one the direct way does not
 * reproduce: only fonts, language and drawing attributes (colours,
 * lines) are plain.  The others change what the layout does around
 * shaping (letter spacing at run edges, transforms, variants split into
 * items, shape and break attributes, baseline shifts).  Keeps nothing. */
static gboolean measure_plain_attr(PangoAttribute *a, gpointer data)
{
	int *ok = data;
	const PangoFontDescription *d;

	switch ((int)a->klass->type) {
	case PANGO_ATTR_FONT_DESC:
		d = ((const PangoAttrFontDesc *)a)->desc;
		if ((pango_font_description_get_set_fields(d) & PANGO_FONT_MASK_VARIANT) &&
		    pango_font_description_get_variant(d) != PANGO_VARIANT_NORMAL)
			*ok = 0;
		break;
	case PANGO_ATTR_LANGUAGE:
	case PANGO_ATTR_FAMILY:
	case PANGO_ATTR_STYLE:
	case PANGO_ATTR_WEIGHT:
	case PANGO_ATTR_STRETCH:
	case PANGO_ATTR_SIZE:
	case PANGO_ATTR_ABSOLUTE_SIZE:
	case PANGO_ATTR_FOREGROUND:
	case PANGO_ATTR_BACKGROUND:
	case PANGO_ATTR_FOREGROUND_ALPHA:
	case PANGO_ATTR_BACKGROUND_ALPHA:
	case PANGO_ATTR_UNDERLINE:
	case PANGO_ATTR_UNDERLINE_COLOR:
	case PANGO_ATTR_STRIKETHROUGH:
	case PANGO_ATTR_STRIKETHROUGH_COLOR:
	case PANGO_ATTR_OVERLINE:
	case PANGO_ATTR_OVERLINE_COLOR:
		break;
	default:
		*ok = 0;
	}
	return FALSE;
}

/* Whether the direct way gives what the layout gives: one paragraph
 * (no separator the layout splits at), no tab, no NUL (the layout's copy
 * would stop there), valid UTF-8, plain attributes. */
static int measure_plain(const char *t, int len, PangoAttrList *attrs)
{
	int ok = 1;

	for (int i = 0; i < len; i++) {
		unsigned char b = (unsigned char)t[i];

		if (b == 0 || b == '\t' || b == '\n' || b == '\r' ||
		    (b == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
		     (unsigned char)t[i + 2] == 0xA9)) /* U+2029 */
			return 0;
	}
	if (!g_utf8_validate(t, len, NULL))
		return 0;
	if (attrs)
		pango_attr_list_filter(attrs, measure_plain_attr, &ok);
	return ok;
}

static void measure_add(struct measure *m, PangoGlyphItem *gi, size_t *cap)
{
	xgrow(&m->runs, cap, (size_t)m->nruns + 1, sizeof *m->runs);
	m->runs[m->nruns++] = gi;
}

/* A line separator's item, which ends a line of the layout: the layout
 * hides its glyph as it does a wrapped line's final space
 * (pango-layout.c's zero_line_final_space); `last` is the index of its
 * last character. */
static void measure_hide_separator(const struct measure *m, PangoGlyphItem *gi, int last)
{
	PangoGlyphString *gs = gi->glyphs;
	int rtl = gi->item->analysis.level % 2, g = rtl ? 0 : gs->num_glyphs - 1;

	if (gs->num_glyphs < 1 || last < 0 || !m->la[last].is_white)
		return;
	if (gs->num_glyphs >= 2 && gs->log_clusters[g] == gs->log_clusters[g + (rtl ? 1 : -1)])
		return;
	gs->glyphs[g].geometry.width = 0;
	gs->glyphs[g].glyph = PANGO_GLYPH_EMPTY;
}

/* ---- words shaped once ------------------------------------------------ */

/* Bounds of the word cache: longer pieces are shaped where they are;
 * past MEASURE_CACHE_BYTES the cache starts again empty. */
#define MEASURE_WORD_MAX    64
#define MEASURE_CACHE_BYTES (8u << 20)

/* What a piece's shaping depends on besides its text, under
 * measure_splittable's conditions: the font, the language (locl), the
 * script. */
struct measure_key {
	PangoFont *font;
	PangoLanguage *lang;
	int script;
	int len;          /* bytes of text */
	const char *text; /* the piece: a word, or one space */
};

/* A piece as HarfBuzz shaped it. */
struct measure_word {
	struct measure_key key; /* first: the table's key is the word */
	int nglyphs;            /* -1 while its shaping is pending */
	PangoGlyphInfo *glyphs;
	int *clusters;          /* bytes from the piece's start */
};

/* The glyphs some GSUB or GPOS lookup of a face takes in, and whether
 * the face has tables whose effects lookups do not show (legacy kern,
 * AAT): then no glyph is inert. */
struct measure_face {
	hb_face_t *face;
	hb_set_t *used;
	int plain;
};

/* A font met by the cache, referenced so that its address stays its own. */
struct measure_font {
	PangoFont *font;
	int space_inert; /* its space glyph takes part in no lookup */
};

struct measure_cache {
	GHashTable *words;          /* struct measure_key * -> struct measure_word * */
	size_t bytes;               /* memory the words hold, about */
	struct measure_face *faces;
	size_t nfaces, capfaces;
	struct measure_font *fonts;
	size_t nfonts, capfonts;
	long shaped, reused;        /* pieces shaped, pieces taken from the cache */
};

static guint measure_key_hash(gconstpointer p)
{
	const struct measure_key *k = p;
	guint h = (guint)((uintptr_t)k->font >> 4) * 31u + (guint)((uintptr_t)k->lang >> 3);

	h = h * 31u + (guint)k->script;
	for (int i = 0; i < k->len; i++)
		h = h * 16777619u ^ (unsigned char)k->text[i];
	return h;
}

static gboolean measure_key_equal(gconstpointer a, gconstpointer b)
{
	const struct measure_key *x = a, *y = b;

	return x->font == y->font && x->lang == y->lang && x->script == y->script &&
	       x->len == y->len && memcmp(x->text, y->text, (size_t)x->len) == 0;
}

static void measure_word_free(gpointer p)
{
	struct measure_word *w = p;

	free(w->glyphs);
	free(w->clusters);
	free(w);
}

struct measure_cache *measure_cache_new(void)
{
	struct measure_cache *mc = xcalloc(1, sizeof *mc);

	mc->words = g_hash_table_new_full(measure_key_hash, measure_key_equal, NULL,
					  measure_word_free);
	return mc;
}

void measure_cache_free(struct measure_cache *mc)
{
	if (!mc)
		return;
	g_hash_table_destroy(mc->words);
	for (size_t i = 0; i < mc->nfaces; i++) {
		hb_set_destroy(mc->faces[i].used);
		hb_face_destroy(mc->faces[i].face);
	}
	for (size_t i = 0; i < mc->nfonts; i++)
		g_object_unref(mc->fonts[i].font);
	free(mc->faces);
	free(mc->fonts);
	free(mc);
}

void measure_cache_stats(const struct measure_cache *mc, long *shaped, long *reused)
{
	*shaped = mc ? mc->shaped : 0;
	*reused = mc ? mc->reused : 0;
}

/* The lookups' glyphs of the face of hb_font, collected once. */
static const struct measure_face *measure_face_of(struct measure_cache *mc, hb_font_t *hf)
{
	static const hb_tag_t tables[] = { HB_OT_TAG_GSUB, HB_OT_TAG_GPOS };
	static const hb_tag_t hidden[] = {
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('k', 'e', 'r', 'x'), HB_TAG('m', 'o', 'r', 'x'),
		HB_TAG('m', 'o', 'r', 't'), HB_TAG('t', 'r', 'a', 'k'),
	};
	hb_face_t *face = hf ? hb_font_get_face(hf) : NULL;
	struct measure_face *f;

	if (!face)
		return NULL;
	for (size_t i = 0; i < mc->nfaces; i++)
		if (mc->faces[i].face == face)
			return &mc->faces[i];
	xgrow(&mc->faces, &mc->capfaces, mc->nfaces + 1, sizeof *mc->faces);
	f = &mc->faces[mc->nfaces++];
	f->face = hb_face_reference(face);
	f->used = hb_set_create();
	f->plain = 1;
	for (size_t t = 0; t < G_N_ELEMENTS(hidden); t++) {
		hb_blob_t *b = hb_face_reference_table(face, hidden[t]);

		f->plain = f->plain && hb_blob_get_length(b) == 0;
		hb_blob_destroy(b);
	}
	for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
		unsigned n = hb_ot_layout_table_get_lookup_count(face, tables[t]);

		for (unsigned k = 0; k < n; k++)
			hb_ot_layout_lookup_collect_glyphs(face, tables[t], k, f->used, f->used,
							   f->used, f->used);
	}
	f->plain = f->plain && hb_set_allocation_successful(f->used);
	return f;
}

int measure_glyph_inert(struct measure_cache *mc, PangoFont *font, PangoGlyph g)
{
	const struct measure_face *f = font ? measure_face_of(mc, pango_font_get_hb_font(font)) : NULL;

	return f && f->plain && !hb_set_has(f->used, g);
}

/* Whether `font`'s space glyph is inert; the font is kept referenced. */
static int measure_space_inert(struct measure_cache *mc, PangoFont *font)
{
	struct measure_font *mf;
	hb_codepoint_t g;

	for (size_t i = mc->nfonts; i-- > 0;)
		if (mc->fonts[i].font == font)
			return mc->fonts[i].space_inert;
	xgrow(&mc->fonts, &mc->capfonts, mc->nfonts + 1, sizeof *mc->fonts);
	mf = &mc->fonts[mc->nfonts++];
	mf->font = g_object_ref(font);
	mf->space_inert = hb_font_get_nominal_glyph(pango_font_get_hb_font(font), ' ', &g) &&
			  measure_glyph_inert(mc, font, g);
	return mf->space_inert;
}

static int measure_is_mark(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
	       t == G_UNICODE_ENCLOSING_MARK;
}

/* Whether item `it` may be shaped as its pieces (words and spaces), each
 * the same as inside the whole: a left-to-right horizontal item of a
 * script HarfBuzz shapes without context (its default shaper), without
 * an added hyphen, in a font whose space glyph no lookup takes in (so no
 * substitution or positioning spans a space), and no piece starting
 * with a mark (shaped alone, it would get a dotted circle). */
static int measure_splittable(struct measure_cache *mc, const PangoItem *it, const char *text)
{
	const PangoAnalysis *a = &it->analysis;
	const char *p = text + it->offset, *end = p + it->length;
	int start = 1;

	if (a->level % 2 || a->gravity != PANGO_GRAVITY_SOUTH || !a->font ||
	    (a->flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN) || a->extra_attrs)
		return 0;
	if (a->script != PANGO_SCRIPT_LATIN && a->script != PANGO_SCRIPT_COMMON &&
	    a->script != PANGO_SCRIPT_GREEK && a->script != PANGO_SCRIPT_CYRILLIC)
		return 0;
	for (; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (start && measure_is_mark(c))
			return 0;
		start = c == ' ';
	}
	return measure_space_inert(mc, a->font);
}

/* Byte after the piece starting at p: one space, or the run of
 * non-spaces up to the next space or `end`. */
static const char *measure_piece_end(const char *p, const char *end)
{
	if (*p == ' ')
		return p + 1;
	while (p < end && *p != ' ')
		p++;
	return p;
}

/* A new pending word for key k, in the table. */
static struct measure_word *measure_word_new(struct measure_cache *mc, const struct measure_key *k)
{
	struct measure_word *w = xmalloc(sizeof *w + (size_t)k->len);
	char *t = (char *)(w + 1);

	memcpy(t, k->text, (size_t)k->len);
	*w = (struct measure_word){ .key = *k, .nglyphs = -1 };
	w->key.text = t;
	g_hash_table_insert(mc->words, &w->key, w);
	mc->bytes += sizeof *w + (size_t)k->len + 64;
	return w;
}

/* The pending words' glyphs from one shaping of them all, each followed
 * by a space ("w1 w2 … "): under measure_splittable's conditions each
 * comes out as it would alone.  Returns 0 when the glyphs do not split
 * so (then the item is shaped whole). */
static int measure_shape_pending(struct measure_cache *mc, const PangoItem *it,
				 struct measure_word **pend, int npend, PangoShapeFlags fl)
{
	GString *batch = g_string_new(NULL);
	int *at = xmalloc((size_t)npend * sizeof *at), g = 0, ok = 1;
	PangoGlyphString *gs = pango_glyph_string_new();

	for (int i = 0; i < npend; i++) {
		at[i] = (int)batch->len;
		g_string_append_len(batch, pend[i]->key.text, pend[i]->key.len);
		g_string_append_c(batch, ' ');
	}
	pango_shape_with_flags(batch->str, (int)batch->len, batch->str, (int)batch->len,
			       (PangoAnalysis *)&it->analysis, gs, fl);
	for (int i = 0; ok && i < npend; i++) {
		struct measure_word *w = pend[i];
		int g0 = g, sep = at[i] + w->key.len;

		while (g < gs->num_glyphs && gs->log_clusters[g] >= at[i] && gs->log_clusters[g] < sep)
			g++;
		ok = g > g0 && g < gs->num_glyphs && gs->log_clusters[g] == sep &&
		     gs->log_clusters[g0] == at[i];
		if (!ok)
			break;
		w->nglyphs = g - g0;
		w->glyphs = xmalloc((size_t)w->nglyphs * sizeof *w->glyphs);
		w->clusters = xmalloc((size_t)w->nglyphs * sizeof *w->clusters);
		memcpy(w->glyphs, gs->glyphs + g0, (size_t)w->nglyphs * sizeof *w->glyphs);
		for (int k = 0; k < w->nglyphs; k++)
			w->clusters[k] = gs->log_clusters[g0 + k] - at[i];
		mc->bytes += (size_t)w->nglyphs * (sizeof *w->glyphs + sizeof *w->clusters);
		while (g < gs->num_glyphs && gs->log_clusters[g] == sep) /* the separator */
			g++;
	}
	ok = ok && g == gs->num_glyphs;
	pango_glyph_string_free(gs);
	g_string_free(batch, TRUE);
	free(at);
	return ok;
}

/* Item `it` shaped as pango_shape_item shapes it: its pieces taken from
 * the cache, those not there yet shaped together and kept (when
 * measure_splittable allows; else the item is shaped whole). */
static void measure_shape_item(struct measure_cache *mc, PangoItem *it, const char *text, int len,
			       PangoLogAttr *la, PangoGlyphString *gs, PangoShapeFlags fl)
{
	const char *p = text + it->offset, *end = p + it->length, *q;
	struct measure_word **ws = NULL, **pend = NULL;
	int *at = NULL, n = 0, ok = 1;
	size_t nws = 0, capws = 0, capat = 0, npend = 0, cappend = 0;

	if (!mc || !measure_splittable(mc, it, text)) {
		pango_shape_item(it, text, len, la, gs, fl);
		return;
	}
	if (mc->bytes > MEASURE_CACHE_BYTES) { /* no word is pending here */
		g_hash_table_remove_all(mc->words);
		mc->bytes = 0;
	}
	for (; ok && p < end; p = q) {
		struct measure_key k = {
			.font = it->analysis.font, .lang = it->analysis.language,
			.script = it->analysis.script, .text = p,
		};
		struct measure_word *w;

		q = measure_piece_end(p, end);
		k.len = (int)(q - p);
		if (k.len > MEASURE_WORD_MAX) {
			ok = 0;
			break;
		}
		w = g_hash_table_lookup(mc->words, &k);
		if (!w) {
			w = measure_word_new(mc, &k);
			xgrow(&pend, &cappend, npend + 1, sizeof *pend);
			pend[npend++] = w;
		}
		xgrow(&ws, &capws, nws + 1, sizeof *ws);
		xgrow(&at, &capat, nws + 1, sizeof *at);
		ws[nws] = w;
		at[nws++] = (int)(p - (text + it->offset));
	}
	if (ok && npend)
		ok = measure_shape_pending(mc, it, pend, (int)npend, fl);
	if (!ok) { /* shaped whole; the pending words are forgotten */
		for (size_t i = 0; i < npend; i++)
			g_hash_table_remove(mc->words, &pend[i]->key);
		pango_shape_item(it, text, len, la, gs, fl);
		goto out;
	}
	mc->shaped += (long)npend;
	mc->reused += (long)(nws - npend);
	for (size_t i = 0; i < nws; i++)
		n += ws[i]->nglyphs;
	pango_glyph_string_set_size(gs, n);
	n = 0;
	for (size_t i = 0; i < nws; i++) {
		memcpy(gs->glyphs + n, ws[i]->glyphs, (size_t)ws[i]->nglyphs * sizeof *gs->glyphs);
		for (int g = 0; g < ws[i]->nglyphs; g++)
			gs->log_clusters[n + g] = ws[i]->clusters[g] + at[i];
		n += ws[i]->nglyphs;
	}
out:
	free(ws);
	free(pend);
	free(at);
}

/* The layout's steps (pango-layout.c's pango_layout_check_lines,
 * process_line, apply_attributes_to_runs) for one paragraph without
 * width and with plain attributes: items from the font attributes, log
 * attributes from the default break tailored per item, each item shaped
 * whole, the runs split by the remaining attributes. */
static void measure_direct(struct measure *m, struct measure_cache *mc, PangoContext *ctx,
			   const char *text, int len, PangoAttrList *attrs)
{
	/* as the layout does: the itemizing attributes are taken out of a
	 * copy, what stays (colours…) is applied to the shaped runs */
	PangoAttrList *rest = attrs ? pango_attr_list_copy(attrs) : NULL;
	PangoAttrList *ia = rest ? pango_attr_list_filter(rest, measure_itemizes, NULL) : NULL;
	GList *items = pango_itemize_with_base_dir(ctx, pango_context_get_base_dir(ctx), text, 0,
						   len, ia, NULL);
	PangoShapeFlags fl = pango_context_get_round_glyph_positions(ctx)
			     ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
	int off = 0;
	size_t cap = 0;

	m->nchars = (int)g_utf8_strlen(text, len);
	m->own_la = g_new0(PangoLogAttr, m->nchars + 1);
	m->la = m->own_la;
	pango_default_break(text, len, NULL, m->own_la, m->nchars + 1);
	for (GList *l = items; l; l = l->next) {
		PangoItem *it = l->data;

		pango_tailor_break(text + it->offset, it->length, &it->analysis, -1,
				   m->own_la + off, it->num_chars + 1);
		off += it->num_chars;
	}
	off = 0;
	for (GList *l = items; l; l = l->next) {
		PangoItem *it = l->data;
		PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);

		gi->item = it;
		gi->glyphs = pango_glyph_string_new();
		measure_shape_item(mc, it, text, len, m->own_la + off, gi->glyphs, fl);
		off += it->num_chars;
		if (g_utf8_get_char(text + it->offset) == MEASURE_LS)
			measure_hide_separator(m, gi, off - 1);
		for (GSList *s = rest ? pango_glyph_item_apply_attrs(gi, text, rest)
				       : g_slist_prepend(NULL, gi);
		     s; s = g_slist_delete_link(s, s))
			measure_add(m, s->data, &cap);
	}
	for (int i = 0; i < m->nruns; i++)
		for (int g = 0; g < m->runs[i]->glyphs->num_glyphs; g++)
			m->unknown += (m->runs[i]->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0;
	g_list_free(items); /* the items belong to the runs now */
	if (ia)
		pango_attr_list_unref(ia);
	if (rest)
		pango_attr_list_unref(rest);
}

/* The reference: a layout without width, its lines' runs borrowed. */
static void measure_by_layout(struct measure *m, PangoContext *ctx, const char *text, int len,
			      PangoAttrList *attrs)
{
	int n;
	size_t cap = 0;

	m->layout = pango_layout_new(ctx);
	pango_layout_set_auto_dir(m->layout, FALSE);
	pango_layout_set_text(m->layout, text, len);
	pango_layout_set_attributes(m->layout, attrs);
	m->la = pango_layout_get_log_attrs_readonly(m->layout, &n);
	m->nchars = n - 1;
	for (GSList *l = pango_layout_get_lines_readonly(m->layout); l; l = l->next)
		for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next)
			measure_add(m, r->data, &cap);
	m->unknown = pango_layout_get_unknown_glyphs_count(m->layout);
}

PangoAttrList *measure_attrs(PangoAttrList *attrs, const char *lang)
{
	PangoAttrList *l = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();

	if (lang && *lang) {
		PangoAttribute *a = pango_attr_language_new(pango_language_from_string(lang));

		pango_attr_list_insert_before(l, a);
	}
	return l;
}

void measure_init(struct measure *m, struct measure_cache *mc, PangoContext *ctx,
		  const char *text, int len, PangoAttrList *attrs)
{
	*m = (struct measure){ 0 };
	if (measure_plain(text, len, attrs))
		measure_direct(m, mc, ctx, text, len, attrs);
	else
		measure_by_layout(m, ctx, text, len, attrs);
}

void measure_init_layout(struct measure *m, PangoContext *ctx, const char *text, int len,
			 PangoAttrList *attrs)
{
	*m = (struct measure){ 0 };
	measure_by_layout(m, ctx, text, len, attrs);
}

void measure_done(struct measure *m)
{
	if (m->layout)
		g_object_unref(m->layout);
	else
		for (int i = 0; i < m->nruns; i++)
			pango_glyph_item_free(m->runs[i]);
	free(m->runs);
	g_free(m->own_la);
	*m = (struct measure){ 0 };
}
