/* measure: a paragraph shaped on one line without a PangoLayout. */
#include <string.h>

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

/* The layout's steps (pango-layout.c's pango_layout_check_lines,
 * process_line, apply_attributes_to_runs) for one paragraph without
 * width and with plain attributes: items from the font attributes, log
 * attributes from the default break tailored per item, each item shaped
 * whole, the runs split by the remaining attributes. */
static void measure_direct(struct measure *m, PangoContext *ctx, const char *text, int len,
			   PangoAttrList *attrs)
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
		pango_shape_item(it, text, len, m->own_la + off, gi->glyphs, fl);
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

void measure_init(struct measure *m, PangoContext *ctx, const char *text, int len,
		  PangoAttrList *attrs, int by_layout)
{
	*m = (struct measure){ 0 };
	if (!by_layout && measure_plain(text, len, attrs))
		measure_direct(m, ctx, text, len, attrs);
	else
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
