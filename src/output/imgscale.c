/* imgscale: a picture resampled for the screen edition (Cairo, libjpeg). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imgscale.h"
#include "jpegenc.h"

/* Encodes s as a JPEG (gray when the source was); the bytes are attached
 * to the surface as its MIME data, which Cairo's PDF writer embeds
 * unchanged.  0, or -1 with err set. */
static int imgscale_jpeg(cairo_surface_t *s, int gray, char *err, size_t errlen)
{
	unsigned char *buf;
	unsigned long size;

	if (jpegenc_surface(s, &(struct jpegenc){ .quality = IMGSCALE_QUALITY, .gray = gray },
			    &buf, &size, err, errlen) < 0)
		return -1;
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, buf, size, free, buf) !=
	    CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "Cairo could not attach the JPEG");
		free(buf);
		return -1;
	}
	return 0;
}

cairo_surface_t *imgscale(const struct image *img, double w, double h, double max_ppi,
			  char *err, size_t errlen)
{
	cairo_surface_t *src, *dst;
	cairo_format_t fmt;
	cairo_t *cr;
	int tw, th;

	*err = '\0';
	if (!(max_ppi > 0 && w > 0 && h > 0) || !img->surface || img->px_w <= 0 ||
	    (img->format == IMAGE_JPEG && strcmp(img->colorspace, "RGB") && strcmp(img->colorspace, "Gray")))
		return NULL;
	tw = (int)lround(w / 72.0 * max_ppi);
	th = (int)lround(h / 72.0 * max_ppi);
	if (tw >= img->px_w || th >= img->px_h || tw < 1 || th < 1)
		return NULL; /* at or under the limit: the original */
	if (img->format == IMAGE_JPEG &&
	    (double)tw * th > IMGSCALE_KEEP * (double)img->px_w * img->px_h)
		return NULL; /* a JPEG encoded again for little gain: the original */
	src = image_pixels(img, err, errlen);
	if (!src)
		return NULL;
	fmt = cairo_image_surface_get_format(src) == CAIRO_FORMAT_ARGB32 ? CAIRO_FORMAT_ARGB32
									 : CAIRO_FORMAT_RGB24;
	dst = cairo_image_surface_create(fmt, tw, th);
	cr = cairo_create(dst);
	cairo_scale(cr, (double)tw / img->px_w, (double)th / img->px_h);
	cairo_set_source_surface(cr, src, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s", cairo_status_to_string(cairo_status(cr)));
		cairo_destroy(cr);
		cairo_surface_destroy(dst);
		cairo_surface_destroy(src);
		return NULL;
	}
	cairo_destroy(cr);
	cairo_surface_destroy(src);
	if (img->format == IMAGE_JPEG &&
	    imgscale_jpeg(dst, !strcmp(img->colorspace, "Gray"), err, errlen) < 0) {
		cairo_surface_destroy(dst);
		return NULL;
	}
	if (img->format == IMAGE_JPEG) {
		unsigned long n = 0;
		const unsigned char *d;

		cairo_surface_get_mime_data(dst, CAIRO_MIME_TYPE_JPEG, &d, &n);
		if (n >= img->bytes) { /* no smaller than the file: the original */
			cairo_surface_destroy(dst);
			return NULL;
		}
	}
	return dst;
}
