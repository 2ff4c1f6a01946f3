/* imgdraw: draws a loaded image into a box on any Cairo context.
 *
 * Raster images are painted from their surface (a JPEG's carries its file
 * as MIME data, so Cairo's PDF surface embeds it unchanged); SVG is drawn
 * by librsvg and PDF pages by poppler, both as vectors.  Makes no layout
 * decision: the box and the fit come from the display list.
 */
#ifndef PLAQUETTE_IMGDRAW_H
#define PLAQUETTE_IMGDRAW_H

#include <cairo.h>

#include "image.h"

struct imgcmyk;

/* What an edition does to raster pictures on a PDF surface. */
struct imgdraw_opts {
	double max_ppi;              /* resample above this (imgscale.h); 0 = never */
	const struct imgcmyk *cmyk;  /* convert to CMYK with this (imgcmyk.h), or NULL */
};

/* Draws img into the box (pt), clipped to it, fitted as image_fit_rect()
 * says; on a PDF surface the raster pictures as o says (NULL: the
 * originals).  Returns 0, or -1 with the library's message in err. */
int imgdraw(cairo_t *cr, const struct image *img, double x, double y, double w, double h,
	    int cover, double fx, double fy, const struct imgdraw_opts *o, char *err,
	    size_t errlen);

#endif
