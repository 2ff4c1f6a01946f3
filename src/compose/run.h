/* run: the glyph runs of a set line, shaped once by para.c, borrowed by
 * the display list (page.h) and drawn by pdf.c.
 *
 * A run is a piece of one Pango item: one font, one direction, one set of
 * attributes (colour, letter spacing…), its glyphs with the geometry as
 * set (justification and letter spacing are already in the advances) and
 * the clusters that tie them to the text, so that a drawer can show them
 * with cairo_show_text_glyphs() and text extraction keeps ligatures'
 * characters.  A line is a left-to-right (visual order) array of runs.
 */
#ifndef PLAQUETTE_RUN_H
#define PLAQUETTE_RUN_H

#include <pango/pango.h>

struct glyph_run {
	const PangoItem *item;    /* font (item->analysis.font), bidi level
				     (item->analysis.level), extra attributes
				     (foreground colour…); shared by the runs
				     cut from one item: its offset and length
				     are not the run's */
	PangoGlyphString *glyphs; /* glyphs, advances as set, x/y offsets;
				     log_clusters count bytes from `offset` */
	const char *text;         /* the text `offset` counts in: the
				     paragraph's, or the added hyphen's */
	int offset, length;       /* the bytes of `text` shown */
	int width;                /* the sum of the advances, Pango units */
};

/* Width of runs [0, n), Pango units. */
int run_width(const struct glyph_run *r, int n);

/* Logical ascent and descent of runs [0, n) (Pango units, both >= 0 for
 * ordinary text), as a PangoLayoutLine of them would have. */
void run_extents(const struct glyph_run *r, int n, int *ascent, int *descent);

/* x (from the run's left) of the leading edge of byte `index` of
 * r->text, from r->offset to r->offset + r->length (its right end). */
int run_index_to_x(const struct glyph_run *r, int index);

#endif
