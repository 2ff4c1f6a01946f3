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

/* Draws img into the box (pt), clipped to it, fitted as image_fit_rect()
 * says; on a PDF surface a raster picture placed above max_ppi is
 * resampled to it first (imgscale.h; 0 = the original, always).  Returns
 * 0, or -1 with the library's message in err. */
int imgdraw(cairo_t *cr, const struct image *img, double x, double y, double w, double h,
	    int cover, double fx, double fy, double max_ppi, char *err, size_t errlen);

#endif
