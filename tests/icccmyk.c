/* icccmyk: what the CMYK edition's pictures should hold, computed apart
 * from plaquette (lcms2, libpng, libjpeg), for tests/t-images.sh.
 *   icccmyk wide OUT.icc                  an RGB profile with Adobe RGB (1998) primaries
 *   icccmyk png RRGGBB OUT.png [RGB.icc]  a flat 400 x 400 PNG, carrying the profile if given
 *   icccmyk expect CMYK.icc RRGGBB [RGB.icc]  C M Y K (0-255) of that colour from the
 *                                         RGB profile (sRGB without one), relative
 *                                         colorimetric with black point compensation
 *   icccmyk centre FILE.jpg               C M Y K of a CMYK JPEG's centre pixel (Adobe's
 *                                         inverted storage undone)
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <lcms2.h>
#include <png.h>

static void rgb_of(const char *hex, unsigned char c[3])
{
	unsigned long v = strtoul(hex, NULL, 16);

	c[0] = (unsigned char)(v >> 16);
	c[1] = (unsigned char)(v >> 8);
	c[2] = (unsigned char)v;
}

static int wide(const char *out)
{
	cmsCIExyY white = { 0.3127, 0.3290, 1 };
	cmsCIExyYTRIPLE prim = { { 0.64, 0.33, 1 }, { 0.21, 0.71, 1 }, { 0.15, 0.06, 1 } };
	cmsToneCurve *g = cmsBuildGamma(NULL, 2.2);
	cmsToneCurve *curves[3] = { g, g, g };
	cmsHPROFILE p = cmsCreateRGBProfile(&white, &prim, curves);
	int rc = !p || !cmsSaveProfileToFile(p, out);

	if (p)
		cmsCloseProfile(p);
	cmsFreeToneCurve(g);
	return rc;
}

static int png(const char *hex, const char *out, const char *icc)
{
	FILE *f = fopen(out, "wb");
	png_structp w = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = w ? png_create_info_struct(w) : NULL;
	unsigned char c[3], row[400 * 3];
	unsigned char *prof = NULL;
	long len = 0;

	if (!f || !info)
		return 1;
	if (setjmp(png_jmpbuf(w)))
		return 1;
	rgb_of(hex, c);
	for (int x = 0; x < 400; x++)
		memcpy(row + 3 * x, c, 3);
	png_init_io(w, f);
	png_set_IHDR(w, info, 400, 400, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (icc) {
		FILE *p = fopen(icc, "rb");

		if (!p || fseek(p, 0, SEEK_END) || (len = ftell(p)) <= 0 || fseek(p, 0, SEEK_SET))
			return 1;
		prof = malloc((size_t)len);
		if (!prof || fread(prof, 1, (size_t)len, p) != (size_t)len)
			return 1;
		fclose(p);
		png_set_iCCP(w, info, "test", PNG_COMPRESSION_TYPE_BASE, prof, (png_uint_32)len);
	}
	png_write_info(w, info);
	for (int y = 0; y < 400; y++)
		png_write_row(w, row);
	png_write_end(w, info);
	png_destroy_write_struct(&w, &info);
	free(prof);
	return fclose(f) != 0;
}

static int expect(const char *cmyk, const char *hex, const char *icc)
{
	cmsHPROFILE in = icc ? cmsOpenProfileFromFile(icc, "r") : cmsCreate_sRGBProfile();
	cmsHPROFILE out = cmsOpenProfileFromFile(cmyk, "r");
	cmsHTRANSFORM t;
	unsigned char c[3], k[4];

	if (!in || !out)
		return 1;
	t = cmsCreateTransform(in, TYPE_RGB_8, out, TYPE_CMYK_8, INTENT_RELATIVE_COLORIMETRIC,
			       cmsFLAGS_BLACKPOINTCOMPENSATION);
	if (!t)
		return 1;
	rgb_of(hex, c);
	cmsDoTransform(t, c, k, 1);
	printf("%d %d %d %d\n", k[0], k[1], k[2], k[3]);
	return 0;
}

static int centre(const char *file)
{
	struct jpeg_decompress_struct d;
	struct jpeg_error_mgr e;
	FILE *f = fopen(file, "rb");
	JSAMPARRAY row;

	if (!f)
		return 1;
	d.err = jpeg_std_error(&e);
	jpeg_create_decompress(&d);
	jpeg_stdio_src(&d, f);
	jpeg_read_header(&d, TRUE);
	if (d.num_components != 4)
		return 1;
	d.out_color_space = JCS_CMYK;
	jpeg_start_decompress(&d);
	row = (*d.mem->alloc_sarray)((j_common_ptr)&d, JPOOL_IMAGE, d.output_width * 4, 1);
	while (d.output_scanline <= d.output_height / 2)
		jpeg_read_scanlines(&d, row, 1);
	{
		const unsigned char *p = row[0] + 4 * (d.output_width / 2);
		int inv = d.saw_Adobe_marker;

		printf("%d %d %d %d\n", inv ? 255 - p[0] : p[0], inv ? 255 - p[1] : p[1],
		       inv ? 255 - p[2] : p[2], inv ? 255 - p[3] : p[3]);
	}
	jpeg_abort_decompress(&d);
	jpeg_destroy_decompress(&d);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "wide"))
		return wide(argv[2]);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "png"))
		return png(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "expect"))
		return expect(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if (argc == 3 && !strcmp(argv[1], "centre"))
		return centre(argv[2]);
	fprintf(stderr, "usage: icccmyk wide OUT | png RRGGBB OUT [ICC] | expect CMYK.icc RRGGBB [ICC] | centre JPG\n");
	return 2;
}
