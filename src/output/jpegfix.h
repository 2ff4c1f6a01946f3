/* jpegfix: a CMYK JPEG stored the Photoshop way (inverted values, an
 * Adobe APP14 marker: what printers send) gets the /Decode array
 * [1 0 1 0 1 0 1 0] a PDF needs to show it the right way round.  Cairo
 * embeds a JPEG's bytes unchanged but writes no /Decode: the screen
 * edition's update (pdfupdate.c) and qpdf's rewrite (post.c) add it to
 * the DeviceCMYK DCT images for which this says yes, and leave an image
 * that has a /Decode alone.
 */
#ifndef PLAQUETTE_JPEGFIX_H
#define PLAQUETTE_JPEGFIX_H

#include <stddef.h>

/* Whether JPEG data d[0..n) has an Adobe APP14 marker before its first
 * scan (the sign of inverted CMYK values). */
int jpegfix_adobe(const unsigned char *d, size_t n);

#endif
