/* imgcmyk: raster pictures for the CMYK edition, converted by lcms2
 * through the printer's profile (the output intent's).
 *
 * An RGB or grey PNG or JPEG is converted from the ICC profile it carries
 * (honoured when it is an RGB or grey profile matching its pixels; sRGB
 * otherwise) to the CMYK profile, relative colorimetric with black point
 * compensation as ink.c converts the other colours, and encoded by libjpeg
 * (quality IMGCMYK_QUALITY) as a CMYK JPEG of plain values with no Adobe
 * marker (so no reader inverts it), which Cairo embeds as a DeviceCMYK image and Ghostscript passes through
 * unchanged.  CMYK and YCCK JPEGs are never converted (a printer's files);
 * a picture with transparency is left to Ghostscript's conversion (a JPEG
 * has no alpha).
 */
#ifndef PLAQUETTE_IMGCMYK_H
#define PLAQUETTE_IMGCMYK_H

#include <stddef.h>

#include <cairo.h>

#include "image.h"

#define IMGCMYK_QUALITY 95

struct imgcmyk;

/* The conversion to the CMYK profile in file `icc`; NULL with err set. */
struct imgcmyk *imgcmyk_new(const char *icc, char *err, size_t errlen);
void imgcmyk_free(struct imgcmyk *c);

/* img as a CMYK JPEG surface (a new reference), or NULL: to be drawn as it
 * is (err empty), or a failure (err set). */
cairo_surface_t *imgcmyk_convert(const struct imgcmyk *c, const struct image *img, char *err,
				 size_t errlen);

#endif
