/* floats: pictures and figures that float to the top or the foot of a
 * column, or of the page.
 *
 * A float is a picture block with place="top" or "bottom" (or span="yes",
 * which floats to the top unless it says bottom), alone or the first block
 * of a plain group — a figure: its picture, caption and credit float
 * together.  Met in the pour, it goes at once to the top of its column if
 * nothing but floats stands there yet, or to the column's foot if there is
 * room below the text; otherwise it waits and goes to the top (foot) of
 * the next column with room.  Floats keep their order (one that waits
 * holds back the floats after it), never land before the page where they
 * stand, and the ones still waiting when a page break comes are placed
 * before it (in more columns or pages if need be).  A spanning float takes
 * the page's whole text width, above (below) all its columns.  In a card
 * or on a fixed page a float is placed where it stands.
 *
 * Whether a float has been placed is read from the display list (its
 * DL_IMAGE carries float_of): the balancing trials, which pour a page
 * again, need no bookkeeping of their own.
 */
#ifndef PLAQUETTE_LAYOUT_FLOATS_H
#define PLAQUETTE_LAYOUT_FLOATS_H

#include <stddef.h>

#include "state.h"

enum float_at {
	FLOAT_NONE,
	FLOAT_TOP,        /* top of a column */
	FLOAT_BOTTOM,     /* foot of a column */
	FLOAT_PAGE_TOP,   /* spanning, above the columns */
	FLOAT_PAGE_BOTTOM /* spanning, below the columns */
};

/* Finds the floats of f's block list (f->floats); float_free releases it. */
void float_init(struct flow *f);
void float_free(struct flow *f);

/* The height the floats at the foot of the current column take. */
int float_reserve(const struct flow *f);

/* Called by the pour before it places block *i: places the floats that
 * wait and fit now; if *i starts a float, places it or lets it wait,
 * moves *i to its last block and returns 1.  0: *i is no float. */
int float_hook(struct flow *f, size_t *i);

/* Places the waiting floats (of blocks before `before`) that fit in the
 * current column now, in order. */
void float_flush(struct flow *f, size_t before);

/* Places every float of the blocks before `before` still waiting, moving
 * on to further columns and pages as needed.  -1 when no column is left
 * (a balancing trial's last column, a fixed page). */
int float_finish(struct flow *f, size_t before);

#endif
