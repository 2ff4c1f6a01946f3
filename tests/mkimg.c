/* mkimg: small test images for tests/t-images.sh, drawn with the libraries
 * plaquette reads them with (Cairo, libjpeg), so that no image file needs
 * to live in the repository.
 *   mkimg png W H OUT              a gradient with a grid, RGB
 *   mkimg solid W H OUT RRGGBB     one flat colour, RGB PNG (found again in renders)
 *   mkimg jpeg W H OUT [rgb|gray|cmyk]
 *   mkimg pdf OUT                  a one-page vector logo (Cairo PDF)
 *   mkimg bomb OUT                 a valid JPEG whose header claims 65 000 x 65 000 px
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <jpeglib.h>

static void draw(cairo_t *cr, int w, int h)
{
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, h);

	cairo_pattern_add_color_stop_rgb(g, 0, 0.05, 0.36, 0.57);
	cairo_pattern_add_color_stop_rgb(g, 1, 0.91, 0.34, 0.16);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, w / 100.0 + 0.5);
	for (int i = 1; i < 8; i++) {
		cairo_move_to(cr, w * i / 8.0, 0);
		cairo_line_to(cr, w * i / 8.0, h);
		cairo_move_to(cr, 0, h * i / 8.0);
		cairo_line_to(cr, w, h * i / 8.0);
	}
	cairo_stroke(cr);
}

/* A W x H RGB PNG at out: one flat colour when hex (RRGGBB) is given,
 * else the gradient with its grid.  0, or 1 when Cairo cannot write it. */
static int png(int w, int h, const char *out, const char *hex)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	int rc;

	if (hex) {
		unsigned long c = strtoul(hex, NULL, 16);

		cairo_set_source_rgb(cr, (c >> 16 & 255) / 255.0, (c >> 8 & 255) / 255.0,
				     (c & 255) / 255.0);
		cairo_paint(cr);
	} else {
		draw(cr, w, h);
	}
	cairo_destroy(cr);
	rc = cairo_surface_write_to_png(s, out) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return rc;
}

static int jpeg(int w, int h, const char *out, const char *kind)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	int comps = !strcmp(kind, "gray") ? 1 : !strcmp(kind, "cmyk") ? 4 : 3;
	unsigned char *row = malloc((size_t)w * 4);
	FILE *f = fopen(out, "wb");

	if (!f || !row)
		return 1;
	draw(cr, w, h);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = comps;
	c.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 4 ? JCS_CMYK : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		const uint32_t *p = (const uint32_t *)(cairo_image_surface_get_data(s) +
						       c.next_scanline * cairo_image_surface_get_stride(s));
		JSAMPROW r = row;

		for (int x = 0; x < w; x++) {
			int R = p[x] >> 16 & 255, G = p[x] >> 8 & 255, B = p[x] & 255;

			if (comps == 1) {
				row[x] = (unsigned char)((R * 3 + G * 6 + B) / 10);
			} else if (comps == 3) {
				row[3 * x] = (unsigned char)R;
				row[3 * x + 1] = (unsigned char)G;
				row[3 * x + 2] = (unsigned char)B;
			} else { /* test data only: a crude CMYK, stored inverted as Adobe does */
				int k = 255 - (R > G ? (R > B ? R : B) : (G > B ? G : B));

				row[4 * x] = (unsigned char)(255 - (255 - R - k < 0 ? 0 : 255 - R - k));
				row[4 * x + 1] = (unsigned char)(255 - (255 - G - k < 0 ? 0 : 255 - G - k));
				row[4 * x + 2] = (unsigned char)(255 - (255 - B - k < 0 ? 0 : 255 - B - k));
				row[4 * x + 3] = (unsigned char)(255 - k);
			}
		}
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	cairo_surface_destroy(s);
	free(row);
	return fclose(f) != 0;
}

static int pdf(const char *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create(out, 120, 40);
	cairo_t *cr = cairo_create(s);
	int rc;

	cairo_set_source_rgb(cr, 0.05, 0.36, 0.57);
	cairo_arc(cr, 20, 20, 16, 0, 6.2832);
	cairo_fill(cr);
	cairo_rectangle(cr, 44, 12, 70, 16);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	rc = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return rc;
}

/* A real 16 x 16 JPEG with its frame header's size patched to 65000 x 65000. */
static int bomb(const char *out)
{
	FILE *f;
	unsigned char buf[65536];
	size_t n;

	if (jpeg(16, 16, out, "rgb") || !(f = fopen(out, "r+b")))
		return 1;
	n = fread(buf, 1, sizeof buf, f);
	for (size_t i = 0; i + 9 < n; i++) {
		if (buf[i] == 0xff && buf[i + 1] == 0xc0) { /* SOF0: len, precision, h, w */
			buf[i + 5] = buf[i + 7] = 0xfd;
			buf[i + 6] = buf[i + 8] = 0xe8;
			break;
		}
	}
	rewind(f);
	fwrite(buf, 1, n, f);
	return fclose(f) != 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && !strcmp(argv[1], "png"))
		return png(atoi(argv[2]), atoi(argv[3]), argv[4], NULL);
	if (argc == 6 && !strcmp(argv[1], "solid"))
		return png(atoi(argv[2]), atoi(argv[3]), argv[4], argv[5]);
	if (argc >= 5 && !strcmp(argv[1], "jpeg"))
		return jpeg(atoi(argv[2]), atoi(argv[3]), argv[4], argc > 5 ? argv[5] : "rgb");
	if (argc == 3 && !strcmp(argv[1], "pdf"))
		return pdf(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "bomb"))
		return bomb(argv[2]);
	fprintf(stderr, "usage: mkimg png|jpeg W H OUT [KIND] | solid W H OUT RRGGBB | pdf OUT | bomb OUT\n");
	return 2;
}
