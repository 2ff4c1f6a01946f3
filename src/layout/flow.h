/* flow: pours blocks into the frames and columns of page templates.
 *
 * Applies breaks, keep-together groups (cards), keep-with-next, widows and
 * orphans, fixed frames (covers), pads the page count, numbers the pages,
 * fills in the Sommaire (laying out again until its numbers settle) and
 * builds the display list.  Text is never dropped: what cannot be placed
 * is an error naming its source line.
 */
#ifndef PLAQUETTE_FLOW_H
#define PLAQUETTE_FLOW_H

#include "block.h"
#include "page.h"
#include "para.h"
#include "style.h"

struct flow_opts {
	int debug_boxes;   /* draw frames, columns and baselines */
	int max_pages;     /* bound on pages (input-controlled loops stay bounded) */
};

/* Lay out bl (its paragraphs are set and cached in the blocks).  The
 * result borrows lines from bl: free it before bl.  NULL on errors. */
struct layout *flow_run(const struct doc *d, const struct style_sheet *s,
			struct para_engine *e, struct block_list *bl,
			const struct flow_opts *o, struct msg *m);
void layout_free(struct layout *l);

/* Column c of a page numbered `page` in template t: its left edge and
 * width (Pango units, from the trim's left edge).  Right-hand (odd) pages
 * have the inner margin on the left.  flow.c pours into these; fit.c
 * measures them. */
void flow_column(const struct style_sheet *s, const struct style_template *t, int page, int c,
		 int *x, int *w);

#endif
