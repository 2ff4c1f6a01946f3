/* jpegenc: the pixels of a Cairo image surface encoded as a JPEG (libjpeg).
 *
 * One encoder for the pictures plaquette writes itself: the screen
 * edition's resampled JPEGs (RGB or grey) and the --cmyk edition's
 * pictures (converted to CMYK through an lcms2 transform, row by row).
 */
#ifndef PLAQUETTE_JPEGENC_H
#define PLAQUETTE_JPEGENC_H

#include <stddef.h>

#include <cairo.h>
#include <lcms2.h>

struct jpegenc {
	int quality;            /* libjpeg's 1-100 */
	int gray;               /* one grey channel (the surface's green byte) */
	cmsHTRANSFORM to_cmyk;  /* RGB_8 (or GRAY_8) to CMYK_8, or NULL for RGB/grey out */
};

/* The pixels of s (RGB24 or ARGB32, alpha ignored) as a JPEG in malloc'd
 * *out (*len bytes).  A CMYK JPEG carries plain values and no Adobe marker
 * (with one, some readers assume Photoshop's inversion).  0, or -1 with
 * err set to libjpeg's message. */
int jpegenc_surface(cairo_surface_t *s, const struct jpegenc *o, unsigned char **out,
		    unsigned long *len, char *err, size_t errlen);

#endif
