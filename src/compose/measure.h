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

/* Shape `text` (len bytes, valid UTF-8) with `attrs` in context `ctx`
 * (its base direction, no automatic direction).  by_layout: always
 * through a PangoLayout (the reference the direct way reproduces). */
void measure_init(struct measure *m, PangoContext *ctx, const char *text, int len,
		  PangoAttrList *attrs, int by_layout);
void measure_done(struct measure *m);

#endif
