/* image: resolves, bounds, checks and loads the pictures a document names. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <jpeglib.h>
#include <lcms2.h>
#include <png.h>

#include "image.h"
#include "vector.h"

#define IMAGE_MIB (1024.0 * 1024.0)

const char *image_format_name(enum image_format f)
{
	static const char *const names[] = {
		[IMAGE_PNG] = "PNG", [IMAGE_JPEG] = "JPEG", [IMAGE_SVG] = "SVG", [IMAGE_PDF] = "PDF",
	};

	return names[f];
}

void image_limits_default(struct image_limits *l)
{
	*l = (struct image_limits){
		.max_pixels = 100L * 1000 * 1000,
		.max_bytes = 64L * 1024 * 1024,
		.print_ppi = 300,
		.min_ppi = 150,
		.max_upscale = 1.5,
		.screen_ppi = 150,
		.screen_factor = 2,
	};
}

/* One figure of <images>: a positive number, at most `max`. */
static int image_limit_attr(const struct node *n, const char *name, double max, double *out,
			    const char *file, struct msg *m)
{
	const char *v = doc_attr(n, name);
	char *end;
	double x;

	if (!v)
		return 0;
	x = strtod(v, &end);
	if (end == v || *end || !isfinite(x) || x <= 0 || x > max) {
		char what[64];

		snprintf(what, sizeof what, "a number above 0, at most %g", max);
		msg_at(m, M_IMAGE_LIMIT, file, doc_attr_line(n, name), 0, name, v, what);
		return -1;
	}
	*out = x;
	return 0;
}

int image_limits_read(struct image_limits *l, const struct style_sheet *s, struct msg *m)
{
	double px = (double)l->max_pixels / 1e6, mib = (double)l->max_bytes / IMAGE_MIB;
	int e = 0;

	if (!s)
		return 0;
	for (const struct node *n = style_root(s)->first; n; n = n->next) {
		if (n->type != N_ELEM || strcmp(n->name, "images") != 0)
			continue;
		e |= image_limit_attr(n, "max-megapixels", 1000, &px, s->file, m);
		e |= image_limit_attr(n, "max-file-mib", 1024, &mib, s->file, m);
		e |= image_limit_attr(n, "print-ppi", 10000, &l->print_ppi, s->file, m);
		e |= image_limit_attr(n, "min-ppi", 10000, &l->min_ppi, s->file, m);
		e |= image_limit_attr(n, "max-upscale", 100, &l->max_upscale, s->file, m);
		e |= image_limit_attr(n, "screen-ppi", 10000, &l->screen_ppi, s->file, m);
		e |= image_limit_attr(n, "screen-factor", 100, &l->screen_factor, s->file, m);
	}
	l->max_pixels = (long)(px * 1e6);
	l->max_bytes = (long)(mib * IMAGE_MIB);
	return e ? -1 : 0;
}

/* ---- where the file is ---- */

/* Why src may not be used as a path (NULL when it may): images are named
 * relative to the document, inside its folder. */
static const char *image_path_refused(const char *src)
{
	const char *p = src;

	if (!*src)
		return "the name is empty";
	if (src[0] == '/')
		return "an absolute path is not accepted";
	if (g_ascii_isalpha(*p)) {
		while (g_ascii_isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
			p++;
		if (*p == ':')
			return "an address (URL) is not accepted: plaquette reads local files only";
	}
	if (strchr(src, '\\'))
		return "a backslash is not accepted: separate folders with /";
	for (p = src; *p; p = *p ? p + 1 : p) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return "\"..\" would lead out of the document's folder";
		p = strchr(p, '/');
		if (!p)
			break;
	}
	return NULL;
}

/* The folder of the document file (caller frees). */
static char *image_doc_dir(const char *docfile)
{
	return g_path_get_dirname(docfile);
}

/* Reads the image's file whole after checking where it leads and how big
 * it is.  Returns 0, or -1 after reporting. */
static int image_read_file(struct image *img, const char *dir, const char *src,
			   const struct image_limits *l, const char *file, struct msg *m)
{
	long line = doc_attr_line(img->src, "src");
	char *real_dir = realpath(dir, NULL), *real = NULL;
	struct stat sb;
	FILE *f = NULL;
	int rc = -1;

	img->path = g_build_filename(dir, src, NULL);
	if (stat(img->path, &sb) != 0) {
		msg_at(m, M_IMAGE_OPEN, file, line, img->col, src, strerror(errno));
		goto out;
	}
	real = realpath(img->path, NULL);
	if (!real || !real_dir || strncmp(real, real_dir, strlen(real_dir)) != 0 ||
	    real[strlen(real_dir)] != '/') {
		msg_at(m, M_IMAGE_PATH, file, line, img->col, src,
		       "a link leads out of the document's folder");
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		msg_at(m, M_IMAGE_OPEN, file, line, img->col, src, "not a regular file");
		goto out;
	}
	if (sb.st_size > l->max_bytes) {
		msg_at(m, M_IMAGE_BYTES, file, line, img->col, src, sb.st_size / IMAGE_MIB,
		       l->max_bytes / IMAGE_MIB);
		goto out;
	}
	f = fopen(real, "rb");
	if (!f) {
		msg_at(m, M_IMAGE_OPEN, file, line, img->col, src, strerror(errno));
		goto out;
	}
	img->bytes = (size_t)sb.st_size;
	img->data = xmalloc(img->bytes + 1);
	if (fread(img->data, 1, img->bytes, f) != img->bytes) {
		msg_at(m, M_IMAGE_OPEN, file, line, img->col, src,
		       ferror(f) ? strerror(errno) : "the file changed while it was read");
		goto out;
	}
	img->data[img->bytes] = '\0';
	rc = 0;
out:
	if (f)
		fclose(f);
	free(real);
	free(real_dir);
	return rc;
}

/* ---- what the file is ---- */

/* The format from the first bytes (never from the name); -1 when it is
 * none of ours, with *what naming it when it is a known other one. */
static int image_sniff(const unsigned char *d, size_t n, const char **what)
{
	const char *s = (const char *)d;

	*what = "of no known image format";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMAGE_PNG;
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return IMAGE_JPEG;
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return IMAGE_PDF;
	if (n >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if ((!strncmp(s, "<?xml", 5) || !strncmp(s, "<svg", 4) || !strncmp(s, "<!--", 4)) &&
	    strstr(s, "<svg"))
		return IMAGE_SVG;
	if (n >= 4 && !memcmp(d, "GIF8", 4))
		*what = "a GIF file (convert it to PNG)";
	else if (n >= 4 && (!memcmp(d, "II*", 4) || !memcmp(d, "MM\0*", 4)))
		*what = "a TIFF file (convert it to PNG, or JPEG for a photograph)";
	else if (n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
		*what = "a WebP file (convert it to PNG or JPEG)";
	else if (n >= 2 && !memcmp(d, "BM", 2))
		*what = "a BMP file (convert it to PNG)";
	return -1;
}

/* Bounds a raster image by its header's pixel count. */
static int image_bound_pixels(const struct image *img, const struct image_limits *l,
			      const char *src, const char *file, struct msg *m)
{
	double px = (double)img->px_w * img->px_h;

	if (img->px_w <= 0 || img->px_h <= 0) {
		msg_at(m, M_IMAGE_DAMAGED, file, doc_attr_line(img->src, "src"), img->col, src,
		       image_format_name(img->format), "its header gives no size");
		return -1;
	}
	if (px > (double)l->max_pixels) {
		msg_at(m, M_IMAGE_PIXELS, file, doc_attr_line(img->src, "src"), img->col, src,
		       (long)img->px_w, (long)img->px_h, px / 1e6, l->max_pixels / 1e6);
		return -1;
	}
	return 0;
}

/* -- PNG: the header through libpng, the pixels through Cairo -- */

struct image_png_read {
	const unsigned char *data;
	size_t len, pos;
	char err[200];        /* libpng's message */
	jmp_buf jmp;
};

static void image_png_error(png_structp png, png_const_charp text)
{
	struct image_png_read *r = png_get_error_ptr(png);

	snprintf(r->err, sizeof r->err, "%s", text);
	longjmp(r->jmp, 1);
}

static void image_png_warning(png_structp png, png_const_charp text)
{
	(void)png;
	(void)text;
}

static void image_png_data(png_structp png, png_bytep out, png_size_t n)
{
	struct image_png_read *r = png_get_io_ptr(png);

	if (n > r->len - r->pos)
		png_error(png, "the file ends too early");
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
}

static cairo_status_t image_cairo_data(void *closure, unsigned char *out, unsigned int n)
{
	struct image_png_read *r = closure;

	if (n > r->len - r->pos)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Reads the PNG header: size, colour, ICC.  0, or -1 with r->err set. */
static int image_png_header(struct image *img, struct image_png_read *r)
{
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, image_png_error,
						 image_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int rc = -1;

	if (!info) {
		snprintf(r->err, sizeof r->err, "out of memory");
		png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
		return -1;
	}
	if (setjmp(r->jmp) == 0) {
		png_uint_32 rx, ry;
		int ct, unit;

		png_set_read_fn(png, r, image_png_data);
		png_read_info(png, info);
		img->px_w = (int)png_get_image_width(png, info);
		img->px_h = (int)png_get_image_height(png, info);
		ct = png_get_color_type(png, info);
		img->colorspace = ct & PNG_COLOR_MASK_COLOR ? "RGB" : "Gray";
		img->icc = png_get_valid(png, info, PNG_INFO_iCCP) != 0;
		if (img->icc) {
			png_charp name;
			png_bytep prof;
			png_uint_32 len;
			int comp;

			if (png_get_iCCP(png, info, &name, &comp, &prof, &len) && len > 0) {
				img->icc_data = xmalloc(len);
				memcpy(img->icc_data, prof, len);
				img->icc_len = len;
			}
		}
		if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER && rx > 0)
			img->dpi = rx * 0.0254;
		rc = 0;
	}
	png_destroy_read_struct(&png, &info, NULL);
	return rc;
}

static int image_load_png(struct image *img, const struct image_limits *l, const char *src,
			  const char *file, struct msg *m)
{
	struct image_png_read r = { .data = img->data, .len = img->bytes };
	long line = doc_attr_line(img->src, "src");
	cairo_status_t st;

	if (image_png_header(img, &r) < 0) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "PNG", r.err);
		return -1;
	}
	if (image_bound_pixels(img, l, src, file, m) < 0)
		return -1;
	r.pos = 0;
	img->surface = cairo_image_surface_create_from_png_stream(image_cairo_data, &r);
	st = cairo_surface_status(img->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "PNG",
		       st == CAIRO_STATUS_READ_ERROR ? "the file ends before its last pixel"
						     : cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

/* -- JPEG: header and integrity through libjpeg, pixels through gdk-pixbuf -- */

struct image_jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jmp;
	char text[JMSG_LENGTH_MAX];
	int warnings;         /* corrupt-data warnings (libjpeg carries on over them) */
};

static void image_jpeg_exit(j_common_ptr c)
{
	struct image_jpeg_err *e = (struct image_jpeg_err *)c->err;

	c->err->format_message(c, e->text);
	longjmp(e->jmp, 1);
}

static void image_jpeg_message(j_common_ptr c, int level)
{
	struct image_jpeg_err *e = (struct image_jpeg_err *)c->err;

	if (level < 0 && !e->warnings++)
		c->err->format_message(c, e->text);
}

static const char *image_jpeg_space(J_COLOR_SPACE cs)
{
	switch (cs) {
	case JCS_GRAYSCALE:
		return "Gray";
	case JCS_CMYK:
		return "CMYK";
	case JCS_YCCK:
		return "YCCK";
	default:
		return "RGB";
	}
}

/* The header (size, colour space, ICC), bounded, then every scan decoded
 * at 1/8 scale: cheap, yet libjpeg reads all the entropy-coded data, so a
 * truncated or corrupt file is found.  0, or -1 after reporting. */
static int image_jpeg_check(struct image *img, const struct image_limits *l, const char *src,
			    const char *file, struct msg *m)
{
	struct jpeg_decompress_struct c;
	struct image_jpeg_err e = { .warnings = 0 };
	long line = doc_attr_line(img->src, "src");
	JSAMPARRAY row = NULL;
	int rc = -1, header = 0;

	c.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = image_jpeg_exit;
	e.mgr.emit_message = image_jpeg_message;
	jpeg_create_decompress(&c);
	if (setjmp(e.jmp) == 0) {
		jpeg_mem_src(&c, img->data, (unsigned long)img->bytes);
		jpeg_save_markers(&c, JPEG_APP0 + 2, 0xffff);
		jpeg_read_header(&c, TRUE);
		header = 1;
		img->px_w = (int)c.image_width;
		img->px_h = (int)c.image_height;
		img->colorspace = image_jpeg_space(c.jpeg_color_space);
		if (c.saw_JFIF_marker && c.X_density > 0 && c.density_unit)
			img->dpi = c.density_unit == 1 ? c.X_density : c.X_density * 2.54;
		for (jpeg_saved_marker_ptr k = c.marker_list; k; k = k->next)
			img->icc |= k->data_length > 12 && !memcmp(k->data, "ICC_PROFILE", 12);
		if (img->icc) {
			JOCTET *prof = NULL;
			unsigned int len = 0;

			/* the profile's chunks joined by libjpeg (malloc'd) */
			if (jpeg_read_icc_profile(&c, &prof, &len) && prof && len > 0) {
				img->icc_data = prof;
				img->icc_len = len;
			} else {
				free(prof);
			}
		}
		if (image_bound_pixels(img, l, src, file, m) < 0) {
			header = 2;
		} else {
			c.scale_num = 1;
			c.scale_denom = 8;
			c.dct_method = JDCT_IFAST;
			c.do_fancy_upsampling = FALSE;
			jpeg_start_decompress(&c);
			row = (*c.mem->alloc_sarray)((j_common_ptr)&c, JPOOL_IMAGE,
						     c.output_width * (JDIMENSION)c.output_components, 1);
			while (c.output_scanline < c.output_height)
				jpeg_read_scanlines(&c, row, 1);
			jpeg_finish_decompress(&c);
			rc = e.warnings ? -1 : 0;
		}
	}
	if (rc < 0 && header != 2)
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "JPEG",
		       header ? e.text : e.text[0] ? e.text : "no readable header");
	jpeg_destroy_decompress(&c);
	return rc;
}

/* A gdk-pixbuf image as a Cairo image surface (alpha premultiplied, in
 * Cairo's native-endian ARGB words). */
static cairo_surface_t *image_from_pixbuf(const GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int n = gdk_pixbuf_get_n_channels(pb), stride = gdk_pixbuf_get_rowstride(pb);
	int alpha = gdk_pixbuf_get_has_alpha(pb);
	const guchar *px = gdk_pixbuf_read_pixels(pb);
	cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
							w, h);
	unsigned char *out;
	int ostride;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return s;
	cairo_surface_flush(s);
	out = cairo_image_surface_get_data(s);
	ostride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		const guchar *p = px + (size_t)y * stride;
		uint32_t *o = (uint32_t *)(out + (size_t)y * ostride);

		for (int x = 0; x < w; x++, p += n) {
			uint32_t a = alpha ? p[3] : 255;

			o[x] = a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | (p[2] * a / 255);
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

cairo_surface_t *image_pixels(const struct image *img, char *err, size_t errlen)
{
	GdkPixbufLoader *ld;
	GError *e = NULL;
	GdkPixbuf *pb;
	cairo_surface_t *s = NULL;

	if (img->format != IMAGE_JPEG)
		return img->surface ? cairo_surface_reference(img->surface) : NULL;
	ld = gdk_pixbuf_loader_new_with_type("jpeg", &e);
	if (ld && gdk_pixbuf_loader_write(ld, img->data, img->bytes, &e) &&
	    gdk_pixbuf_loader_close(ld, &e) && (pb = gdk_pixbuf_loader_get_pixbuf(ld)))
		s = image_from_pixbuf(pb);
	if (ld)
		g_object_unref(ld);
	if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s", e ? e->message : "gdk-pixbuf could not decode it");
		g_clear_error(&e);
		if (s)
			cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

static int image_load_jpeg(struct image *img, const struct image_limits *l, const char *src,
			   const char *file, struct msg *m)
{
	long line = doc_attr_line(img->src, "src");
	unsigned char *copy;

	if (image_jpeg_check(img, l, src, file, m) < 0)
		return -1;
	/* the PDF needs no pixels: a surface of the right size whose memory
	 * is never touched (the system's zero pages) carries the file */
	img->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->px_w, img->px_h);
	if (cairo_surface_status(img->surface) != CAIRO_STATUS_SUCCESS) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "JPEG",
		       cairo_status_to_string(cairo_surface_status(img->surface)));
		return -1;
	}
	/* the PDF embeds the file itself, unchanged (DCTDecode) */
	copy = xmalloc(img->bytes);
	memcpy(copy, img->data, img->bytes);
	if (cairo_surface_set_mime_data(img->surface, CAIRO_MIME_TYPE_JPEG, copy, img->bytes, free,
					copy) != CAIRO_STATUS_SUCCESS) {
		free(copy);
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "JPEG", "Cairo refused its data");
		return -1;
	}
	return 0;
}

/* -- SVG: references checked on our own parse, vectors through librsvg -- */

/* The first reference of an SVG to anything outside itself: an href that
 * is not "#fragment" or "data:", or url(…) / @import in style text that is
 * not "url(#…)".  NULL if none. */
static const char *image_svg_external(const struct node *root, long *line)
{
	for (const struct node *n = root; n; n = doc_walk_next(root, n)) {
		for (int i = 0; i < n->nattrs; i++) {
			const char *name = n->attrs[i].name, *v = n->attrs[i].value;
			const char *u;

			*line = n->attrs[i].line ? n->attrs[i].line : n->line;
			if (!strcmp(name, "href") && v[0] != '#' && g_ascii_strncasecmp(v, "data:", 5))
				return v;
			for (u = strstr(v, "url("); u; u = strstr(u + 4, "url(")) {
				const char *t = u + 4;

				while (*t == ' ' || *t == '\'' || *t == '"')
					t++;
				if (*t != '#')
					return v;
			}
		}
		if (n->type == N_TEXT && n->parent && n->parent->name &&
		    !strcmp(n->parent->name, "style") && n->text) {
			const char *u;

			*line = n->parent->line;
			if (strstr(n->text, "@import"))
				return "@import";
			for (u = strstr(n->text, "url("); u; u = strstr(u + 4, "url(")) {
				const char *t = u + 4;

				while (*t == ' ' || *t == '\'' || *t == '"')
					t++;
				if (*t != '#')
					return "url(...)";
			}
		}
	}
	return NULL;
}

static int image_load_svg(struct image *img, const char *src, const char *file, struct msg *m)
{
	long line = doc_attr_line(img->src, "src"), ref_line = 0;
	struct msg sub;
	struct doc *svg;
	const char *ref;
	double w = 0, h_px = 0;
	char err[512];

	/* the SVG's own XML problems are reported against it; a sink of its
	 * own, since xml_read() gives up on any error seen before */
	msg_init(&sub, m->out);
	sub.quiet = m->quiet;
	svg = xml_read(img->path, NULL, 1, &sub);
	for (int i = 0; i <= MSG_FATAL; i++)
		m->counts[i] += sub.counts[i];
	m->seen |= sub.seen;
	if (sub.worst > m->worst)
		m->worst = sub.worst;
	if (!svg) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "SVG",
		       "its XML is refused (see above)");
		return -1;
	}
	ref = image_svg_external(svg->root, &ref_line);
	if (ref) {
		char *copy = g_strndup(ref, 120);

		msg_at(m, M_IMAGE_EXTERNAL, file, line, img->col, src, copy, ref_line);
		g_free(copy);
		doc_free(svg);
		return -1;
	}
	doc_free(svg);
	if (!(img->vec = vector_get("an SVG picture", m)))
		return -1;
	/* from memory, with no base file: librsvg could resolve no relative
	 * reference even if one had slipped through */
	img->svg = img->vec->svg_open(img->data, img->bytes, &w, &h_px, err, sizeof err);
	if (!img->svg) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "SVG", err);
		return -1;
	}
	if (!(w > 0 && h_px > 0 && w < 1e6 && h_px < 1e6)) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "SVG",
		       "it has no size: give the <svg> a width and height, or a viewBox");
		return -1;
	}
	/* CSS pixels are 1/96 in */
	img->w = w * 72.0 / 96.0;
	img->h = h_px * 72.0 / 96.0;
	img->colorspace = "vector";
	return 0;
}

/* -- PDF: the first page through poppler-glib -- */

static int image_load_pdf(struct image *img, const char *src, const char *file, struct msg *m)
{
	long line = doc_attr_line(img->src, "src");
	char err[512];
	int pages;

	if (!(img->vec = vector_get("a PDF picture", m)))
		return -1;
	img->pdf = img->vec->pdf_open(img->data, img->bytes, &pages, &img->pdf_page, &img->w,
				      &img->h, err, sizeof err);
	if (!img->pdf) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "PDF", err);
		return -1;
	}
	if (!img->pdf_page) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "PDF", "it has no page");
		return -1;
	}
	if (pages > 1)
		msg_at(m, M_IMAGE_PAGES, file, line, img->col, src, pages);
	if (!(img->w > 0 && img->h > 0)) {
		msg_at(m, M_IMAGE_DAMAGED, file, line, img->col, src, "PDF", "its page has no size");
		return -1;
	}
	img->colorspace = "vector";
	return 0;
}

/* ---- the document's images ---- */

/* The column of the src attribute on its line of the document's source
 * (`text` holds the file; 0 when it cannot be found). */
static long image_src_col(const char *text, long line, const char *value)
{
	const char *p = text, *eol, *a;
	char *want = g_strdup_printf("src=\"%s\"", value ? value : "");

	for (long l = 1; p && l < line; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p) {
		g_free(want);
		return 0;
	}
	eol = strchr(p, '\n');
	a = strstr(p, want);
	if (!a || (eol && a > eol))
		a = strstr(p, "src=");
	g_free(want);
	return a && (!eol || a < eol) ? (long)(a - p) + 1 : 0;
}

/* A profile other than sRGB: Cairo draws the pixels as sRGB in the RGB
 * editions (imgcmyk.c honours it in the CMYK one), so the reader is told. */
static void image_icc_report(const struct image *img, const char *src, const char *file,
			     struct msg *m)
{
	cmsHPROFILE p = cmsOpenProfileFromMem(img->icc_data, (cmsUInt32Number)img->icc_len);
	char name[200] = "";

	if (!p) {
		msg_at(m, M_IMAGE_ICC, file, doc_attr_line(img->src, "src"), img->col, src,
		       "(unreadable by lcms2)");
		return;
	}
	cmsGetProfileInfoASCII(p, cmsInfoDescription, "en", "US", name, sizeof name);
	cmsCloseProfile(p);
	if (!strstr(name, "sRGB") && !strstr(name, "srgb"))
		msg_at(m, M_IMAGE_ICC, file, doc_attr_line(img->src, "src"), img->col, src,
		       name[0] ? name : "(unnamed)");
}

static int image_load_one(struct image *img, const char *dir, const struct image_limits *l,
			  const char *file, struct msg *m)
{
	const char *src = doc_attr(img->src, "src");
	const char *why = image_path_refused(src), *what;
	int f;

	if (why) {
		msg_at(m, M_IMAGE_PATH, file, doc_attr_line(img->src, "src"), img->col, src, why);
		return -1;
	}
	if (image_read_file(img, dir, src, l, file, m) < 0)
		return -1;
	f = image_sniff(img->data, img->bytes, &what);
	if (f < 0) {
		const char *dot = strrchr(src, '.');

		msg_at(m, M_IMAGE_FORMAT, file, doc_attr_line(img->src, "src"), img->col, src, what,
		       dot && (!g_ascii_strcasecmp(dot, ".png") || !g_ascii_strcasecmp(dot, ".jpg") ||
			       !g_ascii_strcasecmp(dot, ".svg") || !g_ascii_strcasecmp(dot, ".pdf"))
			       ? " (whatever its name says)" : "");
		return -1;
	}
	img->format = (enum image_format)f;
	switch (img->format) {
	case IMAGE_PNG:
		f = image_load_png(img, l, src, file, m);
		break;
	case IMAGE_JPEG:
		f = image_load_jpeg(img, l, src, file, m);
		break;
	case IMAGE_SVG:
		f = image_load_svg(img, src, file, m);
		break;
	case IMAGE_PDF:
		f = image_load_pdf(img, src, file, m);
		break;
	}
	if (f == 0 && img->icc_data)
		image_icc_report(img, src, file, m);
	if (f == 0 && img->px_w) {
		if (!(img->dpi >= 1 && img->dpi <= 10000))
			img->dpi = 72;
		img->w = img->px_w * 72.0 / img->dpi;
		img->h = img->px_h * 72.0 / img->dpi;
	}
	return f;
}

static void image_free(struct image *img)
{
	if (img->surface)
		cairo_surface_destroy(img->surface);
	if (img->svg)
		g_object_unref(img->svg);
	if (img->pdf_page)
		g_object_unref(img->pdf_page);
	if (img->pdf)
		g_object_unref(img->pdf);
	free(img->data);
	free(img->icc_data);
	g_free(img->path);
	memset(img, 0, sizeof *img);
}

int image_load_all(struct image_set *set, const struct doc *d, const struct image_limits *l,
		   struct msg *m)
{
	char *dir = image_doc_dir(d->file);
	gchar *text = NULL;
	int errors = 0;

	memset(set, 0, sizeof *set);
	set->lim = *l;
	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		struct image img = { .src = n };
		const char *deco = doc_attr(n, "decorative");
		struct stat st;

		if (n->type != N_IMAGE)
			continue;
		/* the source again, for columns: only when there are images, and
		 * only a regular file (a FIFO or standard input is read once) */
		if (!text && stat(d->file, &st) == 0 && S_ISREG(st.st_mode) &&
		    !g_file_get_contents(d->file, &text, NULL, NULL))
			text = NULL;
		img.col = text ? image_src_col(text, doc_attr_line(n, "src"), doc_attr(n, "src")) : 0;
		if (!doc_attr(n, "alt") && !(deco && !strcmp(deco, "yes"))) {
			msg_at(m, M_IMAGE_ALT, d->file, n->line, img.col,
			       doc_attr(n, "src") ? doc_attr(n, "src") : "");
			errors++;
		}
		if (!doc_attr(n, "src") || image_load_one(&img, dir, l, d->file, m) < 0) {
			image_free(&img);
			errors++;
			continue;
		}
		xgrow(&set->v, &set->cap, set->n + 1, sizeof *set->v);
		set->v[set->n++] = img;
	}
	g_free(text);
	g_free(dir);
	return errors;
}

const struct image *image_of(const struct image_set *set, const struct node *n)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i].src == n)
			return &set->v[i];
	return NULL;
}

void image_set_done(struct image_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		image_free(&set->v[i]);
	free(set->v);
	memset(set, 0, sizeof *set);
}

void image_fit_rect(const struct image *img, double x, double y, double w, double h, int cover,
		    double fx, double fy, double out[4])
{
	double sx = w / img->w, sy = h / img->h;
	double k = cover ? fmax(sx, sy) : fmin(sx, sy);
	double iw = img->w * k, ih = img->h * k;

	fx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
	fy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
	out[0] = x + (w - iw) * fx;
	out[1] = y + (h - ih) * fy;
	out[2] = iw;
	out[3] = ih;
}

double image_check_placed(const struct image *img, double w, double h, double min_w,
			  const struct image_limits *l, int print, int keep_going,
			  const char *file, struct msg *m)
{
	const char *src = doc_attr(img->src, "src");
	long line = doc_attr_line(img->src, "src");
	double ppi, up;

	if (min_w > 0 && w + 0.01 < min_w)
		msg_at(m, M_IMAGE_SMALL, file, line, img->col, src, w * 25.4 / 72, min_w * 25.4 / 72);
	if (!img->px_w || w <= 0 || h <= 0)
		return 0;
	ppi = fmin(img->px_w / (w / 72.0), img->px_h / (h / 72.0));
	up = fmax(w / img->w, h / img->h);
	if (print && ppi < l->min_ppi)
		msg_at(m, keep_going ? M_IMAGE_PPI_LOW : M_IMAGE_PPI_FAIL, file, line, img->col, src,
		       ppi, img->px_w, img->px_h, w * 25.4 / 72, h * 25.4 / 72,
		       keep_going ? l->print_ppi : l->min_ppi);
	else if (print && ppi < l->print_ppi)
		msg_at(m, M_IMAGE_PPI_LOW, file, line, img->col, src, ppi, img->px_w, img->px_h,
		       w * 25.4 / 72, h * 25.4 / 72, l->print_ppi);
	if (up > l->max_upscale)
		msg_at(m, M_IMAGE_UPSCALE, file, line, img->col, src, up, l->max_upscale);
	return ppi;
}
