/* imgcmyk: RGB and grey pictures to CMYK JPEGs through the printer's profile (lcms2, libjpeg). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lcms2.h>

#include "imgcmyk.h"
#include "jpegenc.h"

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
	rc = jpegenc_surface(px, &(struct jpegenc){ .quality = IMGCMYK_QUALITY, .gray = gray,
					    .to_cmyk = own ? own : c->srgb }, &jpg, &len, err, errlen);
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
