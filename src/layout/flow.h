/* flow: the layout engine's entry — blocks into pages.
 *
 * Pours a const block list into the frames and columns of the sheet's page
 * templates (pour.c), keeps groups together (group.c), balances columns
 * (balance.c), settles the Sommaire's numbers by laying out again
 * (contents.c) and adds the page furniture (furniture.c).  It reads the
 * blocks and a small document-info value, never the document tree, and
 * writes nothing into the blocks: the paragraphs it sets are its own.
 * Text is never dropped: what cannot be placed is an error naming its
 * source line.
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

/* What the layout needs to know of the document besides its blocks. */
struct layout_info {
	const char *file;            /* the document's path (messages, slug line) */
	const char *lang;            /* the document's language */
	const char *title, *author, *subject, *keywords; /* PDF metadata, or NULL */
	const char *date;            /* for the slug line, or "" */
	const char *page_label;      /* before a Sommaire number ("p."), or NULL */
	long page_label_line;        /* its <label>'s line in the document, or 0 */
	const char *continued_label; /* after a split card's name ("suite"), or NULL */
};

/* Lay out bl.  The result borrows text from bl: free it before bl.  NULL
 * on errors (reported). */
struct layout *flow_run(const struct layout_info *info, const struct style_sheet *s,
			struct para_engine *e, const struct block_list *bl,
			const struct flow_opts *o, struct msg *m);
void layout_free(struct layout *l);

/* Frees the glyphs of every set line (the paragraphs' and the furniture's
 * settings), once nothing will draw l again: the PDF is drawn and no
 * preview follows.  The pages keep their items, places and text (the fit
 * report reads them); the text items' runs become NULL. */
void layout_drop_lines(struct layout *l);

/* The paragraph block i (0-based) was last set as, or NULL if the layout
 * never set it (the typographic report and the glyph check read these). */
const struct para *layout_para(const struct layout *l, size_t i);

/* The measure (Pango units) block i was last set at, 0 if never set. */
int layout_para_width(const struct layout *l, size_t i);

/* Column c of a page numbered `page` in template t: its left edge and
 * width (Pango units, from the trim's left edge).  Right-hand (odd) pages
 * have the inner margin on the left.  frame.c pours into these; fit.c
 * measures them. */
void flow_column(const struct style_sheet *s, const struct style_template *t, int page, int c,
		 int *x, int *w);

#endif
