/* imgscale: a picture resampled for the screen edition (Cairo, libjpeg). */
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "imgscale.h"

/* libjpeg's errors end the encoding here (its error_exit must not return). */
struct imgscale_jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
};

static void imgscale_jerror(j_common_ptr c)
{
	longjmp(((struct imgscale_jerr *)c->err)->jb, 1);
}

/* Encodes an RGB24 surface as a JPEG (gray when the source was); the
 * bytes are attached to the surface as its MIME data, which Cairo's PDF
 * writer embeds unchanged.  0, or -1 with err set. */
static int imgscale_jpeg(cairo_surface_t *s, int gray, char *err, size_t errlen)
{
	struct jpeg_compress_struct c;
	struct imgscale_jerr e;
	unsigned char *buf = NULL, *row;
	unsigned long size = 0;
	int w = cairo_image_surface_get_width(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px;

	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	row = malloc((size_t)w * 3);
	if (!row) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = imgscale_jerror;
	if (setjmp(e.jb)) {
		char msg[JMSG_LENGTH_MAX];

		c.err->format_message((j_common_ptr)&c, msg);
		snprintf(err, errlen, "libjpeg: %s", msg);
		jpeg_destroy_compress(&c);
		free(row);
		free(buf);
		return -1;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, &size);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)cairo_image_surface_get_height(s);
	c.input_components = gray ? 1 : 3;
	c.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, IMGSCALE_QUALITY, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)c.next_scanline * (size_t)stride);
		JSAMPROW r = row;

		for (int x = 0; x < w; x++) {
			uint32_t p = src[x];

			if (gray) {
				row[x] = (unsigned char)(p >> 8 & 255);
			} else {
				row[3 * x] = (unsigned char)(p >> 16 & 255);
				row[3 * x + 1] = (unsigned char)(p >> 8 & 255);
				row[3 * x + 2] = (unsigned char)(p & 255);
			}
		}
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
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
