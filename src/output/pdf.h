/* pdf: draws the display list on Cairo PDF pages.
 *
 * Makes no layout decision and measures no text: every position comes
 * from the layout.  Writes metadata, the outline (from the named
 * destinations), links and a Document structure tag around everything.
 */
#ifndef PLAQUETTE_PDF_H
#define PLAQUETTE_PDF_H

#include <time.h>

#include <cairo.h>

#include "msg.h"
#include "page.h"

struct pdf_opts {
	int offset;        /* space around the trim on the media (bleed + marks), Pango units */
	int bleed;         /* how far grounds extend past the trim, Pango units */
	int marks;         /* the edition has marks (post.c draws them): draw the slug line */
	int tagged;        /* wrap text in structure elements (P, H1, L/LI…) */
	int no_links;      /* write no link annotations: Ghostscript's PDF/X output refuses them */
	double max_ppi;    /* resample raster pictures placed above this (0 = the originals:
			    * the press editions; imgscale.h) */
	const char *cmyk_icc; /* the CMYK edition: raster pictures to CMYK through this
			       * profile (imgcmyk.h); NULL = as they are */
	const struct imgcmyk *cmyk; /* pdf_write's, from cmyk_icc */
	time_t date;       /* creation date written in the metadata */
	const char *creator; /* e.g. "plaquette 0.1" */
	const char *name;  /* the file the user asked for, named in messages (NULL: the path) */
};

/* Draws page p (its visible items; no links or tags) on any Cairo
 * context, with the trim's top-left at (offset, offset) in points: the
 * PDF writer and the PNG previews share it. */
void pdf_draw_page(cairo_t *cr, const struct layout *l, const struct dl_page *p,
		   const struct pdf_opts *o);

/* The PDF's creation and modification dates set to t (UTC), not the
 * clock's, so that the same input gives the same bytes. */
void pdf_set_dates(cairo_surface_t *s, time_t t);

/* Ends the PDF cr drew on s: cr and s freed, the file finished.  st is
 * the drawing's status so far; returns it when it is a failure, else
 * the surface's (whether finishing the file failed). */
cairo_status_t pdf_close(cairo_t *cr, cairo_surface_t *s, cairo_status_t st);

/* Write l to `path`.  Returns 0, or reports M_PDF and returns -1. */
int pdf_write(const struct layout *l, const char *path, const struct pdf_opts *o,
	      struct msg *m);

#endif
