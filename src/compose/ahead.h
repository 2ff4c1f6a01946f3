/* ahead: paragraphs measured in a second thread, ahead of the layout.
 *
 * Measuring a paragraph (measure.h: itemizing, Pango's break
 * opportunities, shaping) needs its text and attributes only, not its
 * width, and is most of the work of setting it.  ahead_start() measures
 * the blocks' texts in block order in a thread of its own, with a font
 * map of its own (font_twin: Pango's font maps are not shared between
 * threads), a bounded number of paragraphs ahead of the last one the
 * layout asked for.  ahead_take() hands the layout such a measurement,
 * its fonts replaced by the same fonts of the layout's font map (the
 * same fontconfig pattern), so that what is set and drawn is what a
 * measurement on the layout's own thread gives: the PDF is the same
 * bytes either way.  A paragraph the thread has not reached, or one it
 * measures through a PangoLayout (measure_init's other way), is measured
 * by the caller as before.
 */
#ifndef PLAQUETTE_AHEAD_H
#define PLAQUETTE_AHEAD_H

#include <pango/pango.h>

#include "font.h"
#include "measure.h"

struct ahead;
struct block_list;

/* Starts measuring bl's texts (each with its block's language, as the
 * layout sets it) in a second thread over a twin of f.  NULL (the caller
 * measures everything itself) when $PLAQUETTE_THREADS is 1, or when no
 * twin font map or thread can be had.  bl must stay unchanged until
 * ahead_stop(). */
struct ahead *ahead_start(const struct block_list *bl, const struct font *f);

/* Fills *m with the measurement of text (len bytes) with attrs (the
 * paragraph's attributes, language first: measure_attrs) when the thread
 * made it, its fonts those of ctx's font map, and returns 1; returns 0
 * (m untouched) when the caller is to measure it.  While the thread is
 * still on it, the caller measures the next blocks with its words mc and
 * ctx instead of waiting.  Each block's measurement is handed out once.
 * a may be NULL. */
int ahead_take(struct ahead *a, struct measure *m, struct measure_cache *mc, PangoContext *ctx,
	       const char *text, int len, PangoAttrList *attrs);

/* Stops the thread and frees what it made; a may be NULL.  With
 * $PLAQUETTE_AHEAD_STATS set, tells on standard error how many
 * measurements were handed out and how many asked for were left to the
 * caller. */
void ahead_stop(struct ahead *a);

#endif
