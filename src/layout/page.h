/* page: the display list — what layout decided, what pdf.c draws.
 *
 * Every item has its place on the page (Pango units, origin at the top-left
 * corner of the trim box, y down) and the source line of the element it
 * came from.  Text items carry shaped lines from para.c; nothing here needs
 * measuring again.
 */
#ifndef PLAQUETTE_PAGE_H
#define PLAQUETTE_PAGE_H

#include <stdint.h>

#include <pango/pango.h>

#include "run.h"

enum dl_kind {
	DL_TEXT,      /* one shaped line; (x, y) is the left end of its baseline */
	DL_RECT,      /* a filled box; bleed = extend to the bleed where it touches the trim */
	DL_CHEVRONS,  /* the brand's row of chevrons filling w, h high */
	DL_LEADER,    /* dot leaders on the baseline y, from x to x + w */
	DL_LINK,      /* a link area; uri = external address or "#dest" */
	DL_DEST,      /* a named destination at (x, y); uri = name, title/level for the outline */
	DL_FRAME,     /* --debug-boxes: a stroked rectangle (frame, column) */
	DL_BASELINE,  /* --debug-boxes: a hairline at y from x to x + w */
	DL_IMAGE,     /* a picture drawn into the box (x, y, w, h), clipped to it; bleed as DL_RECT */
};

struct image;

struct dl_item {
	enum dl_kind kind;
	int x, y, w, h;
	uint32_t color;          /* rects, chevrons, leaders */
	const struct glyph_run *runs; /* DL_TEXT: its glyph runs, left to right (run.h),
				  * borrowed from the layout's paragraphs */
	int nruns;
	int ascent, descent;     /* DL_TEXT: the runs' extents, kept when the runs are freed
				  * (layout_drop_lines) for the fit report's fill (fill.c) */
	const char *text;        /* DL_TEXT: the line's text (for dumps); DL_DEST: outline title */
	int text_len;
	const char *uri;         /* DL_LINK, DL_DEST */
	int level;               /* DL_DEST: outline level (1, 2), 0 = not in outline */
	int bleed;               /* DL_RECT: extend past the trim edges it touches */
	int slug;                /* DL_TEXT: the slug line, drawn in the marks area below the
				  * bleed (y is then ignored), only when marks are drawn */
	long src_line;           /* the element's line in the XML */
	int block;               /* DL_TEXT: which paragraph (1-based; 0 = decoration) */
	const char *tag;         /* DL_TEXT: its structure type ("P", "H1", "LI"…) */
	double ratio;            /* DL_TEXT: the line's adjustment ratio (0 natural, > 0 loose) */
	double xscale;           /* DL_TEXT: horizontal scale it is drawn at (0 or 1 = none) */
	const struct image *image; /* DL_IMAGE: the loaded picture (image.h) */
	int cover;               /* DL_IMAGE: 1 = fill the box, cropped; 0 = the whole picture */
	double fx, fy;           /* DL_IMAGE: the point kept in view (0..1 across, down) */
	const char *alt;         /* DL_IMAGE: its text alternative; NULL = decorative */
	double ppi;              /* DL_IMAGE: effective resolution as placed (0 = vectors) */
	int min_w;               /* DL_IMAGE: a logo's minimum width, 0 = none */
	int float_of;            /* DL_IMAGE: a float (floats.c): its block's index + 1 */
	int float_at;            /* DL_IMAGE: where it floated (enum float_at, floats.h) */
	int float_col;           /* DL_IMAGE: the column it stands in, -1 = all (spanning) */
	int float_h;             /* DL_IMAGE: the height the float takes, its gap included */
};

struct dl_page {
	struct dl_item *items;
	size_t n, cap;
	int number;              /* printed page number (1-based) */
	const char *template_name;
	int blank;               /* 0, or why the page is blank: DL_BLANK_PAD, DL_BLANK_RIGHT */
	long blank_line;         /* DL_BLANK_RIGHT: source line of the block that asked for it */
};

/* Why a page was left blank (struct dl_page.blank). */
enum {
	DL_BLANK_PAD = 1,        /* padding: the page count made a multiple of the sheet's */
	DL_BLANK_RIGHT = 2,      /* the next block starts on a right-hand (odd) page */
};

/* The whole laid-out document, handed from flow.c to pdf.c and dump.c. */
struct layout {
	struct dl_page *pages;
	int npages;
	int page_w, page_h;      /* trim size */
	int bleed;
	const char *title, *author, *subject, *keywords, *lang;
	void *priv;              /* paragraphs and strings the items point into */
};

#endif
