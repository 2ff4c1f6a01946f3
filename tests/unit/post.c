/* Unit tests of post.c (post-processing Cairo's PDF) and preflight.c, run from the repo root. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <qpdf/qpdf-c.h>
#include <qpdf/qpdfjob-c.h>

#include "msg.h"
#include "post.h"
#include "preflight.h"

#define A4_W 595.276
#define A4_H 841.89
#define BLEED 8.504   /* 3 mm */
#define MARKS 8.504   /* 3 mm more of media around the bleed */
#define DATE 1549000000 /* 2019-02-01 05:46:40 UTC */

/* What every test shares: a scratch folder and the PDFs made in it. */
struct fixture {
	char dir[64];     /* mkdtemp folder, removed at the end */
	char cairo[128];  /* 4 pages straight from Cairo */
	char cairo16[128];/* 16 pages, for the timing */
	char post[128];   /* cairo after post_process (boxes, no PDF/X) */
	char pdfx[128];   /* cairo after post_process with pdfx4 */
};

/* Captured diagnostics: a struct msg writing to memory. */
struct capture {
	struct msg m;  /* the sink the code under test reports to */
	char *text;    /* what it printed, once capture_text was called */
	size_t len;    /* length of text */
};

static void capture_init(struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	msg_init(&c->m, open_memstream(&c->text, &c->len));
	assert_non_null(c->m.out);
}

/* Everything printed so far (valid until capture_done). */
static const char *capture_text(struct capture *c)
{
	fflush(c->m.out);
	return c->text ? c->text : "";
}

static void capture_done(struct capture *c)
{
	fclose(c->m.out);
	free(c->text);
}

/* A brochure-like Cairo PDF: pages of trim + bleed + marks, a brand-colour
 * band, text, a 0.5 pt rule and a 100 px image at 20 pt (360 ppi). */
static void make_cairo_pdf(const char *path, int npages)
{
	double off = BLEED + MARKS;
	cairo_surface_t *s = cairo_pdf_surface_create(path, A4_W + 2 * off, A4_H + 2 * off);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 100);
	cairo_t *cr = cairo_create(img);

	cairo_set_source_rgb(cr, 0.1, 0.4, 0.7);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Plaquette d'essai");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2019-02-01T00:00:00Z");
	cr = cairo_create(s);
	for (int p = 0; p < npages; p++) {
		cairo_set_source_rgb(cr, 0.0, 0.35, 0.6);
		cairo_rectangle(cr, MARKS, MARKS, A4_W + 2 * BLEED, 80);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
		cairo_set_font_size(cr, 10);
		for (int l = 0; l < 40; l++) {
			cairo_move_to(cr, off + 40, off + 150 + 14 * l);
			cairo_show_text(cr, "Les villes européennes et la sécurité urbaine");
		}
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, off + 40, off + 120);
		cairo_line_to(cr, off + 400, off + 120);
		cairo_stroke(cr);
		cairo_save(cr);
		cairo_translate(cr, off + 450, off + 100);
		cairo_scale(cr, 0.2, 0.2);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	cairo_surface_destroy(img);
}

/* The options plaquette uses for the brochure. */
static struct post_opts brochure_opts(int pdfx4)
{
	return (struct post_opts){
		.trim_x = BLEED + MARKS, .trim_y = BLEED + MARKS,
		.trim_w = A4_W, .trim_h = A4_H, .bleed = BLEED,
		.lang = "fr", .title = "Villes européennes & sécurité", .date = DATE,
		.producer = "plaquette 0.1", .pdfx4 = pdfx4,
	};
}

static int run_post(const char *in, const char *out, const struct post_opts *o)
{
	struct capture c;
	int rc;

	capture_init(&c);
	rc = post_process(in, out, o, &c.m);
	if (rc)
		print_message("%s", capture_text(&c));
	capture_done(&c);
	return rc;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct post_opts plain = brochure_opts(0), x4 = brochure_opts(1);

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/plaquette-post-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->cairo, sizeof f->cairo, "%s/cairo.pdf", f->dir);
	snprintf(f->cairo16, sizeof f->cairo16, "%s/cairo16.pdf", f->dir);
	snprintf(f->post, sizeof f->post, "%s/post.pdf", f->dir);
	snprintf(f->pdfx, sizeof f->pdfx, "%s/pdfx.pdf", f->dir);
	make_cairo_pdf(f->cairo, 4);
	make_cairo_pdf(f->cairo16, 16);
	if (run_post(f->cairo, f->post, &plain) || run_post(f->cairo, f->pdfx, &x4))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	/* Cairo's toy text API loaded fontconfig: free it for LeakSanitizer. */
	cairo_debug_reset_static_data();
	FcFini();
	return 0;
}

/* ---- reading results back with qpdf ---- */

static qpdf_data open_pdf(const char *path)
{
	qpdf_data q = qpdf_init();

	qpdf_silence_errors(q);
	assert_false(qpdf_read(q, path, NULL) & QPDF_ERRORS);
	return q;
}

static void assert_box(qpdf_data q, qpdf_oh page, const char *key, const double want[4])
{
	qpdf_oh a = qpdf_oh_get_key(q, page, key);

	assert_true(qpdf_oh_is_array(q, a));
	assert_int_equal(qpdf_oh_get_array_n_items(q, a), 4);
	for (int i = 0; i < 4; i++) {
		double v = qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, a, i));

		if (v < want[i] - 0.001 || v > want[i] + 0.001)
			fail_msg("%s[%d] = %g, want %g", key, i, v, want[i]);
	}
}

/* The whole file, for comparisons. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* ---- post_process ---- */

static void test_boxes_on_every_page(void **state)
{
	struct fixture *f = *state;
	const double o = BLEED + MARKS;
	const double trim[4] = { o, o, o + A4_W, o + A4_H };
	const double bleed[4] = { MARKS, MARKS, o + A4_W + BLEED, o + A4_H + BLEED };
	qpdf_data q = open_pdf(f->post);

	assert_int_equal(qpdf_get_num_pages(q), 4);
	for (int i = 0; i < 4; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);

		assert_box(q, page, "/TrimBox", trim);
		assert_box(q, page, "/BleedBox", bleed);
	}
	qpdf_cleanup(&q);
}

static void test_bleed_clipped_to_media(void **state)
{
	struct fixture *f = *state;
	char out[160];
	struct post_opts o = brochure_opts(0);
	const double media_w = A4_W + 2 * (BLEED + MARKS), media_h = A4_H + 2 * (BLEED + MARKS);
	qpdf_data q;

	o.bleed = 30; /* more than the media has room for */
	snprintf(out, sizeof out, "%s/clipped.pdf", f->dir);
	assert_int_equal(run_post(f->cairo, out, &o), 0);
	q = open_pdf(out);
	assert_box(q, qpdf_get_page_n(q, 0), "/BleedBox", (const double[4]){ 0, 0, media_w, media_h });
	qpdf_cleanup(&q);
}

static void test_dates_lang_producer(void **state)
{
	struct fixture *f = *state;
	qpdf_data q = open_pdf(f->post);
	qpdf_oh root = qpdf_get_root(q);

	assert_string_equal(qpdf_get_info_key(q, "/CreationDate"), "D:20190201054640Z");
	assert_string_equal(qpdf_get_info_key(q, "/ModDate"), "D:20190201054640Z");
	assert_string_equal(qpdf_get_info_key(q, "/Producer"), "plaquette 0.1");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")), "fr");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q,
		qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info"), "/Title")),
		"Villes européennes & sécurité");
	assert_true(qpdf_oh_is_array(q, qpdf_oh_get_key(q, qpdf_get_trailer(q), "/ID")));
	qpdf_cleanup(&q);
}

static void test_deterministic(void **state)
{
	struct fixture *f = *state;
	struct post_opts o = brochure_opts(1);
	char a[160], b[160];
	char *da, *db;
	size_t la, lb;

	snprintf(a, sizeof a, "%s/det-a.pdf", f->dir);
	snprintf(b, sizeof b, "%s/det-b.pdf", f->dir);
	assert_int_equal(run_post(f->cairo, a, &o), 0);
	assert_int_equal(run_post(f->cairo, b, &o), 0);
	da = slurp(a, &la);
	db = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);
	free(db);
	/* In place: the input is read whole before the output replaces it. */
	assert_int_equal(run_post(a, a, &o), 0);
	db = slurp(a, &lb);
	assert_true(lb > 0);
	free(da);
	free(db);
}

/* The stream of [/ICCBased stream] and its /N. */
static int iccbased_n(qpdf_data q, qpdf_oh cs)
{
	if (!qpdf_oh_is_array(q, cs) || qpdf_oh_get_array_n_items(q, cs) != 2 ||
	    !qpdf_oh_is_name_and_equals(q, qpdf_oh_get_array_item(q, cs, 0), "/ICCBased"))
		return -1;
	return (int)qpdf_oh_get_int_value(q, qpdf_oh_get_key(q,
		qpdf_oh_get_dict(q, qpdf_oh_get_array_item(q, cs, 1)), "/N"));
}

static void test_pdfx4(void **state)
{
	struct fixture *f = *state;
	qpdf_data q = open_pdf(f->pdfx);
	qpdf_oh root = qpdf_get_root(q), oi, info, meta;
	unsigned char *xmp = NULL;
	size_t len = 0;

	assert_string_equal(qpdf_get_pdf_version(q), "1.6");
	assert_string_equal(qpdf_get_info_key(q, "/GTS_PDFXVersion"), "PDF/X-4");
	info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, info, "/Trapped"), "/False"));
	oi = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, root, "/OutputIntents"), 0);
	assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, oi, "/S"), "/GTS_PDFX"));
	assert_true(qpdf_oh_is_stream(q, qpdf_oh_get_key(q, oi, "/DestOutputProfile")));
	assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q,
		qpdf_oh_get_dict(q, qpdf_oh_get_key(q, oi, "/DestOutputProfile")), "/N")), 4);
	meta = qpdf_oh_get_key(q, root, "/Metadata");
	assert_false(qpdf_oh_get_stream_data(q, meta, qpdf_dl_none, NULL, &xmp, &len) & QPDF_ERRORS);
	assert_non_null(memmem(xmp, len, "<pdfxid:GTS_PDFXVersion>PDF/X-4<", 32));
	assert_non_null(memmem(xmp, len, "<xmp:CreateDate>2019-02-01T05:46:40Z<", 37));
	assert_non_null(memmem(xmp, len, "s\xc3\xa9""curit\xc3\xa9", 10));
	free(xmp);
	for (int i = 0; i < qpdf_get_num_pages(q); i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh cs = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/ColorSpace");

		assert_int_equal(iccbased_n(q, qpdf_oh_get_key(q, cs, "/DefaultRGB")), 3);
		assert_int_equal(iccbased_n(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Group"), "/CS")), 3);
	}
	qpdf_cleanup(&q);
}

static void test_output_condition(void **state)
{
	struct fixture *f = *state;
	struct post_opts o = brochure_opts(1);
	struct capture c;
	char out[160];
	qpdf_data q;
	qpdf_oh oi;

	snprintf(out, sizeof out, "%s/fogra.pdf", f->dir);
	o.output_condition = "FOGRA39";
	capture_init(&c);
	assert_int_equal(post_process(f->cairo, out, &o, &c.m), 0);
	assert_non_null(strstr(capture_text(&c), "warning: post-processing: the output condition"));
	capture_done(&c);
	q = open_pdf(out);
	oi = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/OutputIntents"), 0);
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, oi,
		"/OutputConditionIdentifier")), "FOGRA39");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, oi, "/Info")),
			    "Artifex CMYK SWOP Profile");
	qpdf_cleanup(&q);
}

static int qpdf_log_collect(char const *data, size_t len, void *udata)
{
	fwrite(data, 1, len, udata);
	return 0;
}

/* `qpdf --check` through libqpdf's job API; its report is kept quiet. */
static void assert_qpdf_check_clean(const char *path)
{
	const char *argv[] = { "qpdf", "--check", path, NULL };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	qpdfjob_handle j = qpdfjob_init();
	qpdflogger_handle l = qpdflogger_create();
	int rc;

	qpdflogger_set_info(l, qpdf_log_dest_custom, qpdf_log_collect, out);
	qpdflogger_set_warn(l, qpdf_log_dest_custom, qpdf_log_collect, out);
	qpdflogger_set_error(l, qpdf_log_dest_custom, qpdf_log_collect, out);
	qpdfjob_set_logger(j, l);
	assert_int_equal(qpdfjob_initialize_from_argv(j, argv), 0);
	rc = qpdfjob_run(j);
	qpdfjob_cleanup(&j);
	qpdflogger_cleanup(&l);
	fclose(out);
	if (rc != 0 || !strstr(text, "No syntax or stream encoding errors found"))
		fail_msg("qpdf --check %s (exit %d):\n%s", path, rc, text);
	free(text);
}

static void test_qpdf_check_clean(void **state)
{
	struct fixture *f = *state;

	assert_qpdf_check_clean(f->post);
	assert_qpdf_check_clean(f->pdfx);
}

static void assert_post_fails(const char *in, const char *out,
			      const struct post_opts *o, const char *why)
{
	struct capture c;

	capture_init(&c);
	assert_int_equal(post_process(in, out, o, &c.m), -1);
	if (!strstr(capture_text(&c), why))
		fail_msg("expected \"%s\" in:\n%s", why, capture_text(&c));
	assert_int_equal(msg_status(&c.m), 3);
	capture_done(&c);
	assert_int_not_equal(access(out, F_OK), 0);
}

static void test_post_errors(void **state)
{
	struct fixture *f = *state;
	char out[160], missing[160];
	struct post_opts o = brochure_opts(0);

	snprintf(out, sizeof out, "%s/never.pdf", f->dir);
	snprintf(missing, sizeof missing, "%s/missing.pdf", f->dir);
	assert_post_fails(missing, out, &o, "cannot read");
	o.trim_w = 2000;
	assert_post_fails(f->cairo, out, &o, "does not fit in the MediaBox");
	o = brochure_opts(1);
	o.output_icc = "/usr/share/color/icc/ghostscript/srgb.icc";
	assert_post_fails(f->cairo, out, &o, "not an output (printer) ICC profile");
	o.output_icc = missing;
	assert_post_fails(f->cairo, out, &o, "cannot read the ICC profile");
	o = brochure_opts(1);
	o.trim_w = 0;
	assert_post_fails(f->cairo, out, &o, "PDF/X needs a TrimBox");
}

static void test_post_timing(void **state)
{
	struct fixture *f = *state;
	struct post_opts o = brochure_opts(1);
	char out[160];
	struct timespec a, b;
	double best = 1e9;

	snprintf(out, sizeof out, "%s/timing.pdf", f->dir);
	for (int i = 0; i < 5; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		assert_int_equal(run_post(f->cairo16, out, &o), 0);
		clock_gettime(CLOCK_MONOTONIC, &b);
		double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
		best = ms < best ? ms : best;
	}
	print_message("post_process, 16 pages, PDF/X-4: %.1f ms (best of 5)\n", best);
	assert_true(best < 150); /* ~4 ms here; generous for sanitizers and slow CI */
}

/* ---- preflight ---- */

/* Run preflight on path; check the error count and that `want` (if any)
 * is among the messages. */
static void assert_preflight(const char *path, const struct preflight_opts *o,
			     int errors, const char *want)
{
	struct capture c;
	int n;

	capture_init(&c);
	n = preflight_check(path, o, &c.m);
	if (n != errors || (want && !strstr(capture_text(&c), want)))
		fail_msg("preflight %s: %d error(s), want %d and \"%s\":\n%s", path, n,
			 errors, want ? want : "", capture_text(&c));
	capture_done(&c);
}

static void test_preflight_broken(void **state)
{
	(void)state;
	assert_preflight("tests/pdf/clean.pdf", NULL, 0, "0 error(s), 0 warning(s)");
	assert_preflight("tests/pdf/no-trimbox.pdf", NULL, 4, "page 1: no TrimBox");
	assert_preflight("tests/pdf/three-pages.pdf", NULL, 0, "warning: 3 pages, not a multiple of 4");
	assert_preflight("tests/pdf/three-pages.pdf", &(struct preflight_opts){ .booklet = 1 },
			 1, "error: 3 pages, not a multiple of 4");
	assert_preflight("tests/pdf/unembedded-font.pdf", NULL, 1,
			 "page 1: font Helvetica is not embedded");
	assert_preflight("tests/pdf/type3-font.pdf", NULL, 1, "is a Type 3 font");
	assert_preflight("tests/pdf/javascript.pdf", NULL, 2, "JavaScript (Names /JavaScript)");
	assert_preflight("tests/pdf/javascript.pdf", NULL, 2, "JavaScript when opened");
	assert_preflight("tests/pdf/acroform.pdf", NULL, 1, "form fields (AcroForm)");
	/* 0.1 pt is a hairline (an error), 0.2 pt thin (a warning); on each of 4 pages */
	assert_preflight("tests/pdf/hairline.pdf", NULL, 4,
			 "page 1: 1 stroke(s) under 0.125 pt, the first 0.100 pt wide at x 29.3, y 267.7 mm");
	assert_preflight("tests/pdf/hairline.pdf", NULL, 4,
			 "page 1: 1 stroke(s) thinner than 0.25 pt (the thinnest 0.20 pt");
	/* (100, 120) pt is 29.3 mm from the trim's left (17 pt), 260.7 mm from its top (858.89 pt) */
	assert_preflight("tests/pdf/lowres-image.pdf", NULL, 8,
			 "page 1: image /Im1 (20 x 20 px) at x 29.3, y 260.7 mm is placed at 72 ppi");
	assert_preflight("tests/pdf/lowres-image.pdf", NULL, 8,
			 "warning: page 1: image /Im2 (20 x 20 px) at x 64.6, y 265.2 mm is placed at 200 ppi");
	assert_preflight("tests/pdf/lowres-image.pdf", NULL, 8, "an inline image (20 x 20 px)");
	assert_preflight("tests/pdf/lowres-image.pdf", NULL, 8,
			 "note: page 1: image /Im1 at x 29.3, y 260.7 mm: 20 x 20 px at 72 ppi, DeviceGray, no ICC profile");
	assert_preflight("tests/pdf/encrypted.pdf", NULL, 1, "the file is encrypted");
	assert_preflight("tests/pdf/boxes-nesting.pdf", NULL, 4, "reaches outside the BleedBox");
	assert_preflight("tests/pdf/inherited-boxes.pdf", NULL, 0, "only on the page tree");
	assert_preflight("tests/pdf/trim-sizes.pdf", NULL, 1,
			 "page 3: the TrimBox is 148.0 x 210.0 mm, the first page's 210.0 x 297.0 mm");
	assert_preflight("tests/pdf/pdfx-incomplete.pdf", NULL, 4, "needs an output intent");
	assert_preflight("tests/pdf/pdfx-incomplete.pdf", NULL, 4, "Trapped");
	assert_preflight("tests/pdf/clean.pdf", &(struct preflight_opts){ .pdfx = 1 }, 5,
			 "PDF/X is required");
}

static void test_preflight_cairo(void **state)
{
	struct fixture *f = *state;

	assert_preflight(f->cairo, NULL, 4, "page 1: no TrimBox");
	assert_preflight(f->post, NULL, 0, "0 error(s), 0 warning(s)");
	/* Cairo's RGB black text, separated through the intent: four-colour black */
	assert_preflight(f->pdfx, &(struct preflight_opts){ .booklet = 1, .pdfx = 1 }, 0,
			 "under 12 pt in black made of several inks");
}

static void test_preflight_unreadable(void **state)
{
	(void)state;
	assert_preflight("tests/pdf/mkbroken.sh", NULL, 1, "not a PDF that can be read");
	assert_preflight("tests/pdf/no-such-file.pdf", NULL, 1, "cannot open");
}

/* ---- preflight on made-up content: robustness and the CTM ---- */

/* A stream whose dictionary takes the keys of `dict` (PDF syntax). */
static qpdf_oh make_stream(qpdf_data q, const char *dict, const void *data, size_t len)
{
	qpdf_oh s = qpdf_oh_new_stream(q), d = qpdf_oh_get_dict(q, s), src = qpdf_oh_parse(q, dict);
	char *keys[16];
	int n = 0;

	qpdf_oh_replace_stream_data(q, s, data, len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	qpdf_oh_begin_dict_key_iter(q, src);
	while (qpdf_oh_dict_more_keys(q) && n < 16)
		keys[n++] = strdup(qpdf_oh_dict_next_key(q));
	for (int i = 0; i < n; i++) {
		qpdf_oh_replace_key(q, d, keys[i], qpdf_oh_get_key(q, src, keys[i]));
		free(keys[i]);
	}
	return s;
}

/* A 4-page PDF with correct boxes whose pages draw `content` with
 * resources `res`: /Im (20 x 20 px), /Fm (a form drawing itself three
 * times) and /G1 (an ExtGState with /LW 0.1). */
static void make_content_pdf(const char *path, const char *content)
{
	static const unsigned char pixels[400];
	qpdf_data q = qpdf_init();
	qpdf_oh res, xo, fm, fres, fxo, contents, img;

	qpdf_silence_errors(q);
	assert_false(qpdf_empty_pdf(q) & QPDF_ERRORS);
	img = make_stream(q, "<< /Type /XObject /Subtype /Image /Width 20 /Height 20 "
			  "/ColorSpace /DeviceGray /BitsPerComponent 8 >>", pixels, sizeof pixels);
	fm = make_stream(q, "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] >>",
			 "/Fm Do /Fm Do /Fm Do", 20);
	fres = qpdf_oh_new_dictionary(q);
	fxo = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, fxo, "/Fm", fm);
	qpdf_oh_replace_key(q, fres, "/XObject", fxo);
	qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, fm), "/Resources", fres);
	res = qpdf_oh_parse(q, "<< /ExtGState << /G1 << /LW 0.1 >> >> >>");
	xo = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, xo, "/Im", img);
	qpdf_oh_replace_key(q, xo, "/Fm", fm);
	qpdf_oh_replace_key(q, res, "/XObject", xo);
	res = qpdf_make_indirect_object(q, res);
	contents = make_stream(q, "<< >>", content, strlen(content));
	for (int i = 0; i < 4; i++) {
		qpdf_oh page = qpdf_oh_parse(q, "<< /Type /Page /MediaBox [0 0 629.28 875.89] "
					     "/BleedBox [8.5 8.5 620.78 867.39] "
					     "/TrimBox [17 17 612.28 858.89] >>");

		qpdf_oh_replace_key(q, page, "/Resources", res);
		qpdf_oh_replace_key(q, page, "/Contents", contents);
		assert_false(qpdf_add_page(q, q, qpdf_make_indirect_object(q, page), QPDF_FALSE) & QPDF_ERRORS);
	}
	assert_false(qpdf_init_write(q, path) & QPDF_ERRORS);
	assert_false(qpdf_write(q) & QPDF_ERRORS);
	assert_false(qpdf_has_error(q));
	qpdf_cleanup(&q);
}

static void assert_content(void **state, const char *content, int errors, const char *want)
{
	struct fixture *f = *state;
	char path[160];

	snprintf(path, sizeof path, "%s/content.pdf", f->dir);
	make_content_pdf(path, content);
	assert_preflight(path, NULL, errors, want);
}

static void test_preflight_ctm(void **state)
{
	assert_content(state, "q 4.5 0 0 4.5 100 100 cm /Im Do Q", 0, "0 error(s), 0 warning(s)");
	/* Rotated: still 20 px over 20 pt. */
	assert_content(state, "q 0 20 -20 0 100 100 cm /Im Do Q", 4, "placed at 72 ppi");
	/* Scaled after the first cm, and restored by Q: 300 ppi, then fine. */
	assert_content(state, "q 0.5 0 0 0.5 0 0 cm 4.8 0 0 4.8 0 0 cm /Im Do Q q 1 0 0 1 0 0 cm Q", 0,
		       "0 error(s), 0 warning(s)");
	assert_content(state, "q 2.4 0 0 2.4 0 0 cm q 2 0 0 2 0 0 cm Q /Im Do Q", 0,
		       "0 error(s), 0 warning(s)");
	/* Non-uniform: 20 px over 1 pt one way, 20 pt the other: 72 ppi. */
	assert_content(state, "q 1 0 0 20 100 100 cm /Im Do Q", 4, "placed at 72 ppi");
	assert_content(state, "/G1 gs 0 0 m 100 0 l S", 4, "the first 0.100 pt wide");
	assert_content(state, "0 w 0 0 m 100 0 l S", 4, "(a 0-width hairline)");
	assert_content(state, "q 0.1 0 0 2 0 0 cm 2 w 0 0 m 100 0 l S Q", 0, "the thinnest 0.20 pt");
	assert_content(state, "0.25 w 0 0 m 100 0 l S 0 0 0 0 0 0 cm 0.1 w 0 0 m 1 1 l S", 0,
		       "0 error(s), 0 warning(s)");
}

static void test_preflight_hostile_content(void **state)
{
	static const char *const nasty[] = {
		"Q Q Q Q 0.1 w 0 0 m 1 1 l S q q q",
		"q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q q "
		"2 0 0 2 0 0 cm Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q Q "
		"Q Q Q Q Q Q Q Q Q Q Q Q 0.2 w 0 0 m 1 1 l S",
		"[ [ [ (unterminated", "<< /a << /b [", "BI /W 10 /H 10 /CS /G ID \x01\x02",
		"BI /W 1e9 /H -4 ID x EI /Im Do", "1.2.3 w --5 w . w + w 1e5 w 0 0 m 10 0 l S",
		"/Im#41 Do / Do /Im#4 Do /Im#", "%comment without end", "(str\\", "<abc", ">>>> ]] }{",
		"cm cm cm w w Do gs BI", "/Fm Do", "q 1e308 0 0 1e308 0 0 cm 1e308 0 0 1e308 0 0 cm /Im Do",
	};

	for (size_t i = 0; i < sizeof nasty / sizeof *nasty; i++) {
		struct fixture *f = *state;
		char path[160];
		struct capture c;

		snprintf(path, sizeof path, "%s/nasty.pdf", f->dir);
		make_content_pdf(path, nasty[i]);
		capture_init(&c);
		assert_true(preflight_check(path, NULL, &c.m) >= 0);
		assert_non_null(strstr(capture_text(&c), "preflight: 4 page(s) checked"));
		capture_done(&c);
	}
	/* A form drawing itself three times: 3^12 runs unless bounded. */
	assert_content(state, "/Fm Do", 0, "more than 20000 form runs");
}

/* Small deterministic PRNG for the mutations (no global state). */
static uint32_t next_rand(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

/* Flip a few bytes of each test PDF many times: preflight and
 * post_process must report, never crash (run under ASan by make asan). */
static void test_mutations(void **state)
{
	static const char *const files[] = {
		"tests/pdf/clean.pdf", "tests/pdf/hairline.pdf", "tests/pdf/lowres-image.pdf",
		"tests/pdf/unembedded-font.pdf", "tests/pdf/javascript.pdf", "tests/pdf/encrypted.pdf",
	};
	struct fixture *f = *state;
	const char *all[sizeof files / sizeof *files + 1];
	struct post_opts o = brochure_opts(1);
	uint32_t seed = 12345;
	char path[160], out[160];

	memcpy(all, files, sizeof files);
	all[sizeof files / sizeof *files] = f->cairo;
	snprintf(path, sizeof path, "%s/mutant.pdf", f->dir);
	snprintf(out, sizeof out, "%s/mutant-out.pdf", f->dir);
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		size_t len;
		char *orig = slurp(all[i], &len);

		for (int k = 0; k < 40; k++) {
			char *buf = malloc(len);
			FILE *fp = fopen(path, "wb");
			struct capture c;
			int flips = 1 + (int)(next_rand(&seed) % 8);

			assert_non_null(buf);
			memcpy(buf, orig, len);
			while (flips--)
				buf[next_rand(&seed) % len] = (char)next_rand(&seed);
			assert_non_null(fp);
			assert_int_equal(fwrite(buf, 1, len, fp), len);
			fclose(fp);
			free(buf);
			capture_init(&c);
			assert_true(preflight_check(path, NULL, &c.m) >= 0);
			if (all[i] == f->cairo)
				(void)post_process(path, out, &o, &c.m);
			capture_done(&c);
		}
		free(orig);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boxes_on_every_page),
		cmocka_unit_test(test_bleed_clipped_to_media),
		cmocka_unit_test(test_dates_lang_producer),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_pdfx4),
		cmocka_unit_test(test_output_condition),
		cmocka_unit_test(test_qpdf_check_clean),
		cmocka_unit_test(test_post_errors),
		cmocka_unit_test(test_post_timing),
		cmocka_unit_test(test_preflight_broken),
		cmocka_unit_test(test_preflight_cairo),
		cmocka_unit_test(test_preflight_unreadable),
		cmocka_unit_test(test_preflight_ctm),
		cmocka_unit_test(test_preflight_hostile_content),
		cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
