/* jpegenc: Cairo image surfaces to JPEG bytes (libjpeg). */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>

#include "jpegenc.h"

/* libjpeg's errors end the encoding here (its error_exit must not return). */
struct jpegenc_jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
};

static void jpegenc_jerror(j_common_ptr c)
{
	longjmp(((struct jpegenc_jerr *)c->err)->jb, 1);
}

/* One row of Cairo's native-endian xRGB words as RGB (or grey) bytes. */
static void jpegenc_unpack(const uint32_t *src, int w, int gray, unsigned char *dst)
{
	for (int x = 0; x < w; x++) {
		uint32_t p = src[x];

		if (gray) {
			dst[x] = (unsigned char)(p >> 8 & 255);
		} else {
			dst[3 * x] = (unsigned char)(p >> 16 & 255);
			dst[3 * x + 1] = (unsigned char)(p >> 8 & 255);
			dst[3 * x + 2] = (unsigned char)(p & 255);
		}
	}
}

int jpegenc_surface(cairo_surface_t *s, const struct jpegenc *o, unsigned char **out,
		    unsigned long *len, char *err, size_t errlen)
{
	struct jpeg_compress_struct c;
	struct jpegenc_jerr e;
	int w = cairo_image_surface_get_width(s), stride = cairo_image_surface_get_stride(s);
	const unsigned char *px;
	unsigned char *in = malloc((size_t)w * 3);
	unsigned char *row = o->to_cmyk ? malloc((size_t)w * 4) : in;

	*out = NULL;
	*len = 0;
	if (!in || !row) {
		free(in);
		if (row != in)
			free(row);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jpegenc_jerror;
	if (setjmp(e.jb)) {
		char msg[JMSG_LENGTH_MAX];

		c.err->format_message((j_common_ptr)&c, msg);
		snprintf(err, errlen, "libjpeg: %s", msg);
		jpeg_destroy_compress(&c);
		if (row != in)
			free(row);
		free(in);
		free(*out);
		*out = NULL;
		return -1;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, out, len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)cairo_image_surface_get_height(s);
	if (o->to_cmyk) {
		c.input_components = 4;
		c.in_color_space = JCS_CMYK;
	} else {
		c.input_components = o->gray ? 1 : 3;
		c.in_color_space = o->gray ? JCS_GRAYSCALE : JCS_RGB;
	}
	jpeg_set_defaults(&c);
	if (o->to_cmyk)
		c.write_Adobe_marker = FALSE;
	jpeg_set_quality(&c, o->quality, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW r = row;

		jpegenc_unpack((const uint32_t *)(const void *)(px + (size_t)c.next_scanline * (size_t)stride),
			       w, o->gray, in);
		if (o->to_cmyk)
			cmsDoTransform(o->to_cmyk, in, row, (cmsUInt32Number)w);
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	if (row != in)
		free(row);
	free(in);
	return 0;
}
