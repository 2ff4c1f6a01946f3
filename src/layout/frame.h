/* frame: pages, columns and the frames lines are placed in.
 *
 * A frame is an explicit value — a left edge and a width — handed to
 * whatever sets or places lines: a page column, the whole text width (a
 * spanning title), the inside of a card's ground, one column of a card.
 * The pour's position (page, column, height used) lives in struct flow;
 * the frame never does, so nothing is toggled around a call.
 */
#ifndef PLAQUETTE_LAYOUT_FRAME_H
#define PLAQUETTE_LAYOUT_FRAME_H

#include "state.h"

struct frame {
	int x;   /* left edge, from the trim's left edge (Pango units) */
	int w;   /* width */
};

/* Column c of the current page. */
struct frame frame_column(const struct flow *f, int c);
/* The current column. */
struct frame frame_current(const struct flow *f);
/* The whole text width of the current page (all columns and gutters). */
struct frame frame_span(const struct flow *f);
/* fr less `pad` on both sides. */
struct frame frame_inset(struct frame fr, int pad);
/* Column n of `cols` inside fr, `gap` apart. */
struct frame frame_split(struct frame fr, int cols, int gap, int n);

/* Height of a column of the current page (below spanning titles, and no
 * taller than a balancing trial allows). */
int frame_col_height(const struct flow *f);
/* The same without a balancing trial's limit: what a picture is scaled to
 * fit, so that balancing never shrinks it. */
int frame_col_room(const struct flow *f);
/* Where the columns start: the top margin, below any spanning titles. */
int frame_top(const struct flow *f);

struct dl_page *frame_page(const struct flow *f);
/* Appends an item to the current page. */
struct dl_item *frame_item(struct flow *f, enum dl_kind kind, long src_line);

/* A copy of the current page's items (*n of them), for frame_page_restore
 * to give back after a trial pour; the caller frees it. */
struct dl_item *frame_page_save(const struct flow *f, size_t *n);

/* The current page's items as frame_page_save copied them. */
void frame_page_restore(struct flow *f, const struct dl_item *items, size_t n);

/* Starts a page in template t (with its furniture).  -1 past max_pages. */
int frame_new_page(struct flow *f, const struct style_template *t);
/* Where a region of template t would start on the current page: its
 * columns' top below t's top margin (struct dl_page.region_span), one
 * gutter of t below the page's content so far. */
int frame_region_span(const struct flow *f, const struct style_template *t);
/* Opens that region: the rest of the current page in t's columns, the
 * pour at its first column's top; the page's content so far stays above
 * it, as a spanning title does, and a balancing pour of the page starts
 * at the region (page_block: the block being placed). */
void frame_new_region(struct flow *f, const struct style_template *t);
/* Moves to the next column, or to a new page after the last one; -1 in a
 * fixed frame, or at the last column of a balancing trial. */
int frame_next_column(struct flow *f);

#endif
