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

enum imgdraw_fit {
	IMGDRAW_CONTAIN, /* the whole picture, as large as the box allows */
	IMGDRAW_COVER,   /* the box filled, the picture cropped around the focal point */
};

/* The picture's rectangle for a box (x, y, w, h, pt) and a fit: where the
 * whole image lands (for cover it overflows the box, which then clips).
 * fx, fy (0..1) is the point of the picture kept in view (0.5, 0.5 the
 * centre); for contain it places the picture in the spare room. */
void imgdraw_rect(const struct image *img, double x, double y, double w, double h,
		  enum imgdraw_fit fit, double fx, double fy, double out[4]);

/* Draws img into the box, clipped to it.  Returns 0, or -1 with *err set
 * (a library's message, static or owned by the library). */
int imgdraw(cairo_t *cr, const struct image *img, double x, double y, double w, double h,
	    enum imgdraw_fit fit, double fx, double fy, const char **err);

#endif
