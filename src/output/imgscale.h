/* imgscale: a picture resampled for the screen edition.
 *
 * The screen edition needs no more pixels than its limit (the sheet's
 * <images screen-ppi="150" screen-factor="2">: 300 ppi of the picture's
 * whole size on the page).  A raster picture placed above it is resampled
 * by Cairo (a box filter when shrinking) to the limit; a JPEG is encoded
 * again by libjpeg at IMGSCALE_QUALITY so that it stays a JPEG stream in
 * the PDF (unless that gains little: IMGSCALE_KEEP), a PNG becomes a smaller image Cairo compresses losslessly.
 * CMYK and YCCK JPEGs (a printer's files) are kept as they are: encoding
 * them again would change their colours.  Press editions never call it.
 */
#ifndef PLAQUETTE_IMGSCALE_H
#define PLAQUETTE_IMGSCALE_H

#include <stddef.h>

#include <cairo.h>

#include "image.h"

#define IMGSCALE_QUALITY 88
/* A JPEG is encoded again only when it loses more than a quarter of its
 * pixels, and only if the result is smaller than the file. */
#define IMGSCALE_KEEP 0.75

/* The pixels to draw img with when the whole picture is w × h pt on the
 * page: a new surface at max_ppi, or NULL when the original is to be kept
 * (at or under the limit, vectors, CMYK; err empty) or on failure (err
 * holds the library's message). */
cairo_surface_t *imgscale(const struct image *img, double w, double h, double max_ppi,
			  char *err, size_t errlen);

#endif
