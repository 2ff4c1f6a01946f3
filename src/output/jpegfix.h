/* jpegfix: a CMYK JPEG stored the Photoshop way (inverted values, an
 * Adobe APP14 marker: what printers send) gets the /Decode array
 * [1 0 1 0 1 0 1 0] a PDF needs to show it the right way round.  Cairo
 * embeds a JPEG's bytes unchanged but writes no /Decode; post.c calls
 * this on every document it rewrites.  Idempotent: an image that has a
 * /Decode is left alone.
 */
#ifndef PLAQUETTE_JPEGFIX_H
#define PLAQUETTE_JPEGFIX_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

/* Returns how many images were given a /Decode. */
size_t jpegfix_apply(qpdf_data q);

#endif
