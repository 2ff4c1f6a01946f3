/* glyphdraw: shaped glyphs drawn straight with Cairo, without Pango's
 * renderer.
 *
 * A run is one Pango item's glyphs (one font, one direction, one colour)
 * and the bytes of text they show; it is drawn with one
 * cairo_show_text_glyphs() call whose clusters tie glyphs to characters,
 * so that a PDF's text extraction gives a ligature's characters, not the
 * ligature.  Positions are the glyph string's advances and offsets as set
 * (justification and letter spacing are in them already): the same
 * numbers Pango's renderer would hand Cairo, so the PDF is the same.
 */
#ifndef PLAQUETTE_GLYPHDRAW_H
#define PLAQUETTE_GLYPHDRAW_H

#include <cairo.h>
#include <pango/pango.h>

#include "run.h"

/* Draws run r (run.h: the glyphs shaped from its item, with the item's
 * font, bidi level and foreground colour) with the left end of its
 * baseline at (x, y) in user space.  The colour is the item's foreground
 * attribute, else the context's source.  A run with a glyph its font
 * lacks is left to Pango (it draws the missing-glyph box). */
void glyphdraw_run(cairo_t *cr, const struct glyph_run *r, double x, double y);

/* Draws the runs [0, n) of a set line (run.h) one after the other, the
 * left end of its baseline at (x, y). */
void glyphdraw_line(cairo_t *cr, const struct glyph_run *r, int n, double x, double y);

#endif
