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

struct para;

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

/* One thing drawn on a page.  The fields every kind has come first; the
 * rest is one union member per kind (anonymous, so the names are read as
 * it->runs, it->image…): read only the member of the item's kind.  About
 * 110 bytes an item, ~40 000 items at 512 pages. */
struct dl_item {
	enum dl_kind kind;
	uint32_t color;          /* rects, chevrons, leaders, debug boxes */
	int x, y, w, h;
	int bleed;               /* DL_RECT, DL_IMAGE: extend past the trim edges it touches */
	int text_len;
	const char *text;        /* DL_TEXT: the line's text (for dumps); DL_DEST: outline title */
	long src_line;           /* the element's line in the XML */
	union {
		struct { /* DL_TEXT */
			const struct glyph_run *runs; /* its glyph runs, left to right
						       * (run.h), borrowed from the
						       * layout's paragraphs */
			int nruns;
			int ascent, descent; /* the runs' extents, kept when the runs are
					      * freed (layout_drop_lines) for the fit
					      * report's fill (fill.c) */
			int slug;        /* the slug line, drawn in the marks area below the
					  * bleed (y is then ignored), only when marks are drawn */
			int block;       /* which paragraph (1-based; 0 = decoration) */
			const char *tag; /* its structure type ("P", "H1", "LI"…) */
			double ratio;    /* the line's adjustment ratio (0 natural, > 0 loose) */
			double xscale;   /* horizontal scale it is drawn at (0 or 1 = none) */
			const struct para *broken; /* the setting whose overfull word the
						    * line ends inside (para.h), else NULL:
						    * told from the finished pages */
		};
		struct { /* DL_IMAGE */
			const struct image *image; /* the loaded picture (image.h) */
			const char *alt; /* its text alternative; NULL = decorative */
			double fx, fy;   /* the point kept in view (0..1 across, down) */
			double ppi;      /* effective resolution as placed (0 = vectors) */
			int cover;       /* 1 = fill the box, cropped; 0 = the whole picture */
			int min_w;       /* a logo's minimum width, 0 = none */
			int shrunk;      /* set smaller to stay on its page (shrink-to-fill):
					  * its share of its own size, per mille; 0 = not */
			int float_of;    /* a float (floats.c): its block's index + 1 */
			int float_at;    /* where it floated (enum float_at, floats.h) */
			int float_col;   /* the column it stands in, -1 = all (spanning) */
			int float_h;     /* the height the float takes, its gap included */
		};
		struct { /* DL_LINK, DL_DEST */
			const char *uri; /* external address or "#dest"; DL_DEST: its name */
			int level;       /* DL_LINK: 1 = internal; DL_DEST: outline level
					  * (1, 2), 0 = not in the outline */
		};
	};
};

struct dl_page {
	struct dl_item *items;
	size_t n, cap;
	int number;              /* printed page number (1-based) */
	const char *template_name;
	const char *region_template; /* the template of the page's lower part, in
				  * whose columns the page's last section goes on
				  * (share-page), or NULL */
	int region_span;         /* where that part starts: its columns' top, below
				  * its template's top margin (Pango units) */
	int blank;               /* 0, or why the page is blank: DL_BLANK_PAD, DL_BLANK_RIGHT */
	long blank_line;         /* DL_BLANK_RIGHT: source line of the block that asked for it */
};

/* The template whose columns the page ends in: its region's, else its own. */
static inline const char *dl_page_columns(const struct dl_page *p)
{
	return p->region_template ? p->region_template : p->template_name;
}

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
