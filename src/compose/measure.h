/* measure: a paragraph's text shaped on one line, without a width — the
 * glyph runs para.c measures and cuts its lines from, and Pango's break
 * opportunities.
 *
 * It gives what a PangoLayout without width gives (its lines' runs, its
 * log attributes, its count of missing glyphs), made straight from
 * Pango's itemizer, line breaker and shaper the way Pango 1.50's layout
 * calls them: itemized with only the attributes that choose fonts,
 * shaped an item at a time in the context of the whole text, then split
 * by the attributes that do not change shaping (colour…).  Texts that
 * such a layout treats in ways of its own (tabs, paragraph separators,
 * letter spacing, text transforms, font variants, shape attributes…)
 * are measured by a PangoLayout, so the result is the same either way.
 */
#ifndef PLAQUETTE_MEASURE_H
#define PLAQUETTE_MEASURE_H

#include <pango/pango.h>

struct measure {
	PangoGlyphItem **runs;  /* in text order (visual order inside a line of
				   mixed directions, as the layout gives them) */
	int nruns;
	const PangoLogAttr *la; /* break opportunities, nchars + 1 of them */
	int nchars;             /* characters in the text */
	int unknown;            /* glyphs the fonts lack */
	PangoLayout *layout;    /* the layout that made them, or NULL */
	PangoLogAttr *own_la;   /* la when made without a layout */
};

struct measure_cache;

/* Words shaped once: a measure_init given the cache shapes each distinct
 * word (with its font, language and script) once and copies its glyphs
 * where it comes again, when no substitution or positioning of the font
 * can span a space (see measure_glyph_inert).  Bounded in memory. */
struct measure_cache *measure_cache_new(void);
void measure_cache_free(struct measure_cache *mc);

/* Pieces (words and spaces) shaped, and taken from the cache, so far. */
void measure_cache_stats(const struct measure_cache *mc, long *shaped, long *reused);

/* Whether glyph g of `font` takes part in no GSUB or GPOS lookup of its
 * face (as input, context or output) and the face has no table whose
 * effects the lookups do not show (kern, kerx, morx, mort, trak): then
 * the shaping on either side of g is what it would be with a cut there
 * (HarfBuzz would not flag it unsafe to break).  Each face's glyphs are
 * collected once, in the cache. */
int measure_glyph_inert(struct measure_cache *mc, PangoFont *font, PangoGlyph g);

/* The attributes a paragraph is measured with: a copy of the caller's
 * (NULL: none) with the paragraph's language put first, so that an
 * explicit language span of the caller still wins. */
PangoAttrList *measure_attrs(PangoAttrList *attrs, const char *lang);

/* Shape `text` (len bytes) with `attrs` in context `ctx` (its base
 * direction, no automatic direction); mc: the words already shaped
 * (NULL: every item shaped whole). */
void measure_init(struct measure *m, struct measure_cache *mc, PangoContext *ctx,
		  const char *text, int len, PangoAttrList *attrs);

/* The same through a PangoLayout always: the reference the direct way
 * reproduces. */
void measure_init_layout(struct measure *m, PangoContext *ctx, const char *text, int len,
			 PangoAttrList *attrs);
void measure_done(struct measure *m);

#endif
