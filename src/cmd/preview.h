/* preview: the laid-out pages as PNG images.
 *
 * The same drawing as the PDF (pdf_draw_page) on Cairo image surfaces:
 * `--png DIR` writes DIR/page-01.png, page-02.png… (one per page, the trim
 * box at --png-dpi, default PREVIEW_DPI), the reader's spreads
 * DIR/spread-01.png (the cover alone), spread-02-03.png, …, spread-16.png
 * (the back cover alone when the count is even: pages side by side, no
 * gap, as the open booklet shows them), and DIR/contact.png, every page
 * in a grid of PREVIEW_CONTACT_COLS columns, PREVIEW_THUMB_W pixels wide
 * each, with its page number below.  The PDF is written as well.
 * proof.c renders pages through preview_render() to compare editions.
 */
#ifndef PLAQUETTE_PREVIEW_H
#define PLAQUETTE_PREVIEW_H

#include <cairo.h>

#include "build.h"

#define PREVIEW_DPI 60          /* default resolution of the page images */
#define PREVIEW_MAX_PIXELS 16000 /* bound on an image's width and height */
#define PREVIEW_CONTACT_COLS 4  /* thumbnails per row of the contact sheet */
#define PREVIEW_THUMB_W 120     /* thumbnail width, pixels */
#define PREVIEW_MARGIN 12       /* around and between thumbnails, pixels */
#define PREVIEW_LABEL_H 16      /* under each thumbnail, for its number, pixels */

/* Pixel size of a page of l at dpi: lround(points * dpi / 72). */
void preview_page_size(const struct layout *l, double dpi, int *w, int *h);

/* Contact sheet size for l: columns = min(npages, PREVIEW_CONTACT_COLS),
 * rows = ceil(npages / columns);
 * w = columns * PREVIEW_THUMB_W + (columns + 1) * PREVIEW_MARGIN,
 * h = rows * (thumb_h + PREVIEW_LABEL_H) + (rows + 1) * PREVIEW_MARGIN,
 * thumb_h = lround(PREVIEW_THUMB_W * page_h / page_w). */
void preview_contact_size(const struct layout *l, int *w, int *h);

/* Page i of l on a new white image surface at dpi.  The caller destroys
 * it; NULL when the size is out of bounds or Cairo fails. */
cairo_surface_t *preview_render(const struct layout *l, int i, double dpi);

/* Sets `text` at (x, y) (top-left, in the context's units), `size` units
 * of Noto Sans from f, wrapped at `width` (0 = no wrap; with `center`,
 * centred in it), in colour rgb (0xRRGGBB).  Returns its height; with
 * cr NULL, only measures.  For the labels of previews and proofs. */
double preview_text(cairo_t *cr, const struct font *f, const char *text, double size,
		    double x, double y, double width, int center, uint32_t rgb);

/* The reader's spreads of npages pages: page 1 alone, then 2-3, 4-5, …,
 * the last page alone when it has no facing page.  How many there are
 * (npages / 2 + 1, 0 for none), and spread k's first page index and page
 * count (1 or 2). */
int preview_spread_count(int npages);
void preview_spread_of(int npages, int k, int *first, int *count);

/* Writes DIR/page-NN.png for every page, DIR/spread-NN[-NN].png for every
 * spread and DIR/contact.png, creating
 * DIR if needed, each through the output guard `set` (committed by the
 * caller with the run's other outputs).  Returns 0, or -1 after reporting. */
int preview_write(const struct build *b, struct out_set *set, const char *dir, double dpi,
		  struct msg *m);

#endif
