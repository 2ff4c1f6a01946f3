/* imgcmyk: RGB and grey pictures to CMYK JPEGs through the printer's profile (lcms2, libjpeg). */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <lcms2.h>

#include "imgcmyk.h"

struct imgcmyk {
	cmsHPROFILE out;       /* the printer's CMYK profile */
	cmsHTRANSFORM srgb;    /* sRGB to it: pictures with no usable profile of their own */
};

struct imgcmyk *imgcmyk_new(const char *icc, char *err, size_t errlen)
{
	struct imgcmyk *c = xcalloc(1, sizeof *c);
	cmsHPROFILE in = cmsCreate_sRGBProfile();

	c->out = cmsOpenProfileFromFile(icc, "r");
	if (!c->out || cmsGetColorSpace(c->out) != cmsSigCmykData) {
		snprintf(err, errlen, "%s: %s", icc, c->out ? "not a CMYK profile"
							    : "lcms2 cannot read it as an ICC profile");
		if (in)
			cmsCloseProfile(in);
		imgcmyk_free(c);
		return NULL;
	}
	c->srgb = in ? cmsCreateTransform(in, TYPE_RGB_8, c->out, TYPE_CMYK_8,
					  INTENT_RELATIVE_COLORIMETRIC,
					  cmsFLAGS_BLACKPOINTCOMPENSATION) : NULL;
	if (in)
		cmsCloseProfile(in);
	if (!c->srgb) {
		snprintf(err, errlen, "lcms2 could not make the sRGB to %s transform", icc);
		imgcmyk_free(c);
		return NULL;
	}
	return c;
}

void imgcmyk_free(struct imgcmyk *c)
{
	if (!c)
		return;
	if (c->srgb)
		cmsDeleteTransform(c->srgb);
	if (c->out)
		cmsCloseProfile(c->out);
	free(c);
}

/* The transform from img's own profile, or NULL (then sRGB's).  *gray: it
 * takes one grey channel. */
static cmsHTRANSFORM imgcmyk_own(const struct imgcmyk *c, const struct image *img, int *gray)
{
	cmsHPROFILE in;
	cmsHTRANSFORM t = NULL;
	cmsColorSpaceSignature cs;

	*gray = 0;
	if (!img->icc_data || !(in = cmsOpenProfileFromMem(img->icc_data,
							    (cmsUInt32Number)img->icc_len)))
		return NULL;
	cs = cmsGetColorSpace(in);
	if (cs == cmsSigRgbData && strcmp(img->colorspace, "Gray")) {
		t = cmsCreateTransform(in, TYPE_RGB_8, c->out, TYPE_CMYK_8,
				       INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
	} else if (cs == cmsSigGrayData && !strcmp(img->colorspace, "Gray")) {
		t = cmsCreateTransform(in, TYPE_GRAY_8, c->out, TYPE_CMYK_8,
				       INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
		*gray = t != NULL;
	}
	cmsCloseProfile(in);
	return t;
}

/* Whether an ARGB32 surface has a pixel that is not opaque. */
static int imgcmyk_transparent(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);

	if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_ARGB32)
		return 0;
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);

		for (int x = 0; x < w; x++)
			if ((row[x] >> 24) != 255)
				return 1;
	}
	return 0;
}

struct imgcmyk_jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
};

static void imgcmyk_jerror(j_common_ptr c)
{
	longjmp(((struct imgcmyk_jerr *)c->err)->jb, 1);
}

/* The pixels of s through t as a CMYK JPEG, in malloc'd *out (*len bytes).
 * 0, or -1 with err set. */
static int imgcmyk_encode(cairo_surface_t *s, cmsHTRANSFORM t, int gray, unsigned char **out,
			  unsigned long *len, char *err, size_t errlen)
{
	struct jpeg_compress_struct c;
	struct imgcmyk_jerr e;
	int w = cairo_image_surface_get_width(s), stride = cairo_image_surface_get_stride(s);
	const unsigned char *px;
	unsigned char *in = malloc((size_t)w * 3), *row = malloc((size_t)w * 4);

	*out = NULL;
	*len = 0;
	if (!in || !row) {
		free(in);
		free(row);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = imgcmyk_jerror;
	if (setjmp(e.jb)) {
		char msg[JMSG_LENGTH_MAX];

		c.err->format_message((j_common_ptr)&c, msg);
		snprintf(err, errlen, "libjpeg: %s", msg);
		jpeg_destroy_compress(&c);
		free(in);
		free(row);
		free(*out);
		*out = NULL;
		return -1;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, out, len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)cairo_image_surface_get_height(s);
	c.input_components = 4;
	c.in_color_space = JCS_CMYK;
	jpeg_set_defaults(&c);
	/* plain CMYK values and no Adobe marker: every reader takes them as
	 * they are (an Adobe marker makes some assume Photoshop's inversion) */
	c.write_Adobe_marker = FALSE;
	jpeg_set_quality(&c, IMGCMYK_QUALITY, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)c.next_scanline * (size_t)stride);
		JSAMPROW r = row;

		for (int x = 0; x < w; x++) {
			uint32_t p = src[x];

			if (gray) {
				in[x] = (unsigned char)(p >> 8 & 255);
			} else {
				in[3 * x] = (unsigned char)(p >> 16 & 255);
				in[3 * x + 1] = (unsigned char)(p >> 8 & 255);
				in[3 * x + 2] = (unsigned char)(p & 255);
			}
		}
		cmsDoTransform(t, in, row, (cmsUInt32Number)w);
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(in);
	free(row);
	return 0;
}

cairo_surface_t *imgcmyk_convert(const struct imgcmyk *c, const struct image *img, char *err,
				 size_t errlen)
{
	cairo_surface_t *px, *s;
	cmsHTRANSFORM own;
	unsigned char *jpg;
	unsigned long len;
	int gray, rc;

	*err = '\0';
	if (!c || !img->surface || img->px_w <= 0 ||
	    (strcmp(img->colorspace, "RGB") && strcmp(img->colorspace, "Gray")))
		return NULL;
	px = image_pixels(img, err, errlen);
	if (!px)
		return NULL;
	if (imgcmyk_transparent(px)) {
		cairo_surface_destroy(px);
		return NULL;
	}
	own = imgcmyk_own(c, img, &gray);
	rc = imgcmyk_encode(px, own ? own : c->srgb, gray, &jpg, &len, err, errlen);
	if (own)
		cmsDeleteTransform(own);
	if (rc < 0) {
		cairo_surface_destroy(px);
		return NULL;
	}
	/* a surface of its own (the image's is shared by every edition): its
	 * pixels what other surfaces would draw, the JPEG what a PDF takes */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->px_w, img->px_h);
	{
		cairo_t *cr = cairo_create(s);

		cairo_set_source_surface(cr, px, 0, 0);
		cairo_paint(cr);
		cairo_destroy(cr);
	}
	cairo_surface_destroy(px);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, jpg, len, free, jpg) !=
	    CAIRO_STATUS_SUCCESS) {
		free(jpg);
		cairo_surface_destroy(s);
		snprintf(err, errlen, "Cairo could not attach the JPEG");
		return NULL;
	}
	return s;
}
