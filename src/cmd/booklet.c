/* booklet: a PDF's pages imposed in printer's order on proof sheets (poppler on Cairo). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>

#include "booklet.h"
#include "build.h"
#include "outfile.h"
#include "pdf.h"
#include "qpdfobj.h"

#define BK_PT(mm) ((mm) * 72.0 / 25.4)
#define BK_MM(pt) ((pt) * 25.4 / 72.0)
#define BK_MARK_MM 5.0   /* crop mark length */
#define BK_MARK_GAP 1.0  /* mm between a mark and the trim */

/* What the command line asks. */
struct bk_opts {
	const char *in, *out; /* the PDF, the proof */
	int a4;               /* A4 sheets instead of A3 */
	double creep_mm;      /* per sheet, toward the fold */
	double safe_mm;       /* distance text keeps from the fold */
};

/* One page of the input: its trim box in poppler's top-left coordinates
 * (points from the crop box's top-left corner). */
struct bk_page {
	double x, y, w, h; /* the trim inside the rendered page */
};

/* A run: the document and where each position of the booklet comes from. */
struct bk {
	const struct bk_opts *o;
	PopplerDocument *doc;
	struct bk_page *pages; /* per input page */
	int n;                 /* input pages */
	int *seq;              /* per booklet position 0..total-1: input page index, -1 blank */
	int total;             /* a multiple of 4 */
	double tw, th;         /* the slot of one page: page 1's trim, pt */
	double sw, sh;         /* the sheet, landscape, pt */
	double scale;          /* of the pages on the sheet, <= 1 */
	struct msg *m;
};

/* ---- reading ---- */

/* Every page's TrimBox (else MediaBox) in poppler's coordinates, read
 * with qpdf from the same bytes.  0, or -1 after reporting. */
static int bk_boxes(struct bk *b, const char *data, size_t len)
{
	qpdf_data q = qpdf_init();
	int rc = -1;

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if ((qpdf_read_memory(q, b->o->in, data, (unsigned long long)len, NULL) & QPDF_ERRORS) ||
	    qpdf_get_num_pages(q) != b->n) {
		msg_at(b->m, M_JOBSHEET_READ, b->o->in, 0, 0, qpdf_has_error(q) ?
		       qpdf_get_error_full_text(q, qpdf_get_error(q)) : "its page tree cannot be read");
		goto out;
	}
	for (int i = 0; i < b->n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		PopplerPage *pp = poppler_document_get_page(b->doc, i);
		PopplerRectangle crop;
		double t[4];
		int found = -1;

		/* the TrimBox, else the MediaBox, inherited through the tree */
		for (int k = 0; k < 2 && found < 0; k++) {
			qpdf_oh n = page;

			for (int d = 0; d < 64 && qpdf_oh_is_dictionary(q, n); d++) {
				qpdf_oh box = qpdf_oh_get_key(q, n, k ? "/MediaBox" : "/TrimBox");

				if (!qpdf_oh_is_null(q, box)) {
					found = qpdfobj_rect(q, box, t);
					break;
				}
				n = qpdf_oh_get_key(q, n, "/Parent");
			}
		}
		if (!pp || found < 0) {
			if (pp)
				g_object_unref(pp);
			msg_at(b->m, M_JOBSHEET_READ, b->o->in, 0, 0, "a page has no valid MediaBox");
			goto out;
		}
		poppler_page_get_crop_box(pp, &crop);
		b->pages[i] = (struct bk_page){ .x = t[0] - fmin(crop.x1, crop.x2),
						.y = fmax(crop.y1, crop.y2) - t[3],
						.w = t[2] - t[0], .h = t[3] - t[1] };
		g_object_unref(pp);
		qpdf_oh_release_all(q);
	}
	rc = 0;
out:
	qpdf_cleanup(&q);
	return rc;
}

/* The booklet's positions: the pages in order, blanks before the last
 * page to reach a multiple of 4 (said). */
static void bk_sequence(struct bk *b)
{
	int blanks;

	b->total = (b->n + 3) / 4 * 4;
	blanks = b->total - b->n;
	b->seq = xcalloc((size_t)b->total, sizeof *b->seq);
	for (int p = 0; p < b->total; p++)
		b->seq[p] = -1;
	for (int i = 0; i < b->n; i++)
		b->seq[i == b->n - 1 && b->n > 1 ? b->total - 1 : i] = i;
	if (blanks)
		msg_at(b->m, M_BOOKLET_PADDED, b->o->in, 0, 0, blanks, b->n, b->total,
		       b->n > 1 ? "before the last page, which stays the back cover" : "after it");
}

/* ---- the safe zone ---- */

/* How far position p (0-based) moves toward the fold: its sheet's creep. */
static double bk_creep(const struct bk *b, int p)
{
	int k = p < b->total / 2 ? p / 2 : (b->total - 1 - p) / 2; /* 0 = outermost sheet */

	return BK_PT(b->o->creep_mm) * k;
}

/* Warns when the text of input page i, at booklet position p, comes
 * nearer the fold than the safe zone once crept. */
static void bk_check_fold(const struct bk *b, int i, int p)
{
	PopplerPage *pp = poppler_document_get_page(b->doc, i);
	PopplerRectangle *r = NULL;
	guint nr = 0;
	char *text = pp ? poppler_page_get_text(pp) : NULL;
	const struct bk_page *pg = &b->pages[i];
	double shift = bk_creep(b, p), best = HUGE_VAL;
	int right = p % 2 == 0; /* positions 0, 2… are pages 1, 3…: right-hand, fold on the left */
	const char *c = text;

	if (pp && text && poppler_page_get_text_layout(pp, &r, &nr)) {
		for (guint k = 0; k < nr && c && *c; k++, c = g_utf8_next_char(c)) {
			double x1 = r[k].x1 - pg->x, x2 = r[k].x2 - pg->x;
			double y1 = r[k].y1 - pg->y, y2 = r[k].y2 - pg->y, d;

			if (g_unichar_isspace(g_utf8_get_char(c)) || x2 <= 0 || x1 >= pg->w ||
			    y2 <= 0 || y1 >= pg->h)
				continue; /* white space, or outside the trim (slug, marks) */
			d = (right ? x1 : pg->w - x2) - shift;
			if (d < best)
				best = d;
		}
	}
	if (best < BK_PT(b->o->safe_mm)) {
		char creep[64] = "";

		if (shift > 0)
			snprintf(creep, sizeof creep, ", %.2f mm of creep included", BK_MM(shift));
		msg_at(b->m, M_BOOKLET_FOLD, b->o->in, 0, 0, i + 1, BK_MM(best), b->o->safe_mm, creep);
	}
	g_free(r);
	g_free(text);
	if (pp)
		g_object_unref(pp);
}

/* ---- drawing ---- */

/* A line of label text at (x, y), size pt, left-aligned. */
static void bk_label(cairo_t *cr, const char *s, double x, double y, double size)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string("Noto Sans");

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, s, -1);
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

/* Booklet position p in the slot whose left edge is x and top y (right:
 * whether it is the right-hand slot), moved its sheet's creep toward the
 * fold; a blank position is a light grey page saying so. */
static void bk_draw_page(const struct bk *b, cairo_t *cr, int p, double x, double y, int right)
{
	int i = b->seq[p];
	double w = b->tw * b->scale, h = b->th * b->scale;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	if (i < 0) {
		cairo_set_source_rgb(cr, 0.97, 0.97, 0.97);
		cairo_paint(cr);
		bk_label(cr, "blank page", x + w / 2 - 20, y + h / 2, 8);
	} else {
		PopplerPage *pp = poppler_document_get_page(b->doc, i);
		const struct bk_page *pg = &b->pages[i];
		double shift = bk_creep(b, p);

		cairo_translate(cr, x, y);
		cairo_scale(cr, b->scale, b->scale);
		/* the trim at the fold, centred down the slot; creep toward the fold */
		cairo_translate(cr, (right ? 0 : b->tw - pg->w) + (right ? -shift : shift),
				(b->th - pg->h) / 2);
		cairo_translate(cr, -pg->x, -pg->y);
		if (pp) {
			poppler_page_render_for_printing(pp, cr);
			g_object_unref(pp);
		}
	}
	cairo_restore(cr);
}

/* Crop marks at the pair's corners and fold marks at its middle. */
static void bk_marks(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	double gap = BK_PT(BK_MARK_GAP), len = BK_PT(BK_MARK_MM), xm = (x0 + x1) / 2;
	const double xs[2] = { x0, x1 }, ys[2] = { y0, y1 };
	const double dash[2] = { 2, 2 };

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.3);
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double sx = i ? 1 : -1, sy = j ? 1 : -1;

			cairo_move_to(cr, xs[i] + sx * gap, ys[j]);
			cairo_rel_line_to(cr, sx * len, 0);
			cairo_move_to(cr, xs[i], ys[j] + sy * gap);
			cairo_rel_line_to(cr, 0, sy * len);
		}
	cairo_stroke(cr);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, xm, y0 - gap);
	cairo_rel_line_to(cr, 0, -len);
	cairo_move_to(cr, xm, y1 + gap);
	cairo_rel_line_to(cr, 0, len);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The name of position p for a label: its input page number or "blank". */
static void bk_name(const struct bk *b, int p, char *s, size_t n)
{
	if (b->seq[p] < 0)
		snprintf(s, n, "blank");
	else
		snprintf(s, n, "%d", b->seq[p] + 1);
}

/* One sheet side: positions left and right. */
static void bk_side(const struct bk *b, cairo_t *cr, int sheet, int back, int left, int right)
{
	double pw = b->tw * b->scale, ph = b->th * b->scale;
	double x0 = b->sw / 2 - pw, y0 = (b->sh - ph) / 2;
	char l[16], r[16], label[256];

	bk_draw_page(b, cr, left, x0, y0, 0);
	bk_draw_page(b, cr, right, b->sw / 2, y0, 1);
	bk_marks(cr, x0, y0, x0 + 2 * pw, y0 + ph);
	bk_name(b, left, l, sizeof l);
	bk_name(b, right, r, sizeof r);
	snprintf(label, sizeof label, "%s — sheet %d of %d, %s: pages %s | %s — scale %.1f %%, "
		 "creep %.2f mm a sheet", b->o->in, sheet + 1, b->total / 4, back ? "back" : "front",
		 l, r, b->scale * 100, b->o->creep_mm);
	bk_label(cr, label, x0 + BK_PT(3), BK_PT(1.5), 7);
	cairo_show_page(cr);
}

/* Draws every sheet side into the PDF at tmp.  0, or -1 after reporting. */
static int bk_draw(const struct bk *b, const char *tmp)
{
	cairo_surface_t *s = cairo_pdf_surface_create(tmp, b->sw, b->sh);
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;
	int t = b->total;
	time_t date = build_epoch() >= 0 ? build_epoch() : poppler_document_get_creation_date(b->doc);

	/* the edition's date ($SOURCE_DATE_EPOCH, else the imposed PDF's own),
	 * not the clock's: the same PDF gives the same booklet */
	if (date >= 0)
		pdf_set_dates(s, date);

	for (int k = 0; k < t / 4; k++) {
		bk_side(b, cr, k, 0, t - 1 - 2 * k, 2 * k);     /* front: N-2k | 2k+1 */
		bk_side(b, cr, k, 1, 2 * k + 1, t - 2 - 2 * k); /* back: 2k+2 | N-2k-1 */
	}
	st = pdf_close(cr, s, cairo_status(cr));
	if (st != CAIRO_STATUS_SUCCESS) {
		msg_at(b->m, M_PDF, b->o->out, 0, 0, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

/* ---- the command ---- */

/* Reads the whole file, bounded.  NULL after reporting. */
static char *bk_read(const char *path, size_t *len, struct msg *m)
{
	GError *err = NULL;
	struct stat st;
	char *data;
	gsize n;

	if (stat(path, &st) == 0 && st.st_size > BOOKLET_MAX_BYTES) {
		msg_at(m, M_JOBSHEET_READ, path, 0, 0, "larger than 512 MiB");
		return NULL;
	}
	if (!g_file_get_contents(path, &data, &n, &err)) {
		msg_at(m, M_OPEN, path, 0, 0, err->message);
		g_error_free(err);
		return NULL;
	}
	*len = n;
	return data;
}

static void bk_run(const struct bk_opts *o, struct msg *m)
{
	struct bk b = { .o = o, .m = m };
	struct out_set *set = out_set_new();
	GBytes *bytes = NULL;
	GError *err = NULL;
	const char *tmp;
	char *data = NULL;
	size_t len = 0;

	out_input(set, o->in);
	if (!(tmp = out_claim(set, o->out, m)) || !(data = bk_read(o->in, &len, m)))
		goto out;
	bytes = g_bytes_new_static(data, len);
	b.doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!b.doc) {
		msg_at(m, M_JOBSHEET_READ, o->in, 0, 0, err ? err->message : "poppler cannot read it");
		goto out;
	}
	b.n = poppler_document_get_n_pages(b.doc);
	if (b.n < 1 || b.n > BOOKLET_MAX_PAGES) {
		char why[80];

		snprintf(why, sizeof why, "%d pages (a booklet has 1 to %d)", b.n, BOOKLET_MAX_PAGES);
		msg_at(m, M_JOBSHEET_READ, o->in, 0, 0, why);
		goto out;
	}
	b.pages = xcalloc((size_t)b.n, sizeof *b.pages);
	if (bk_boxes(&b, data, len) < 0)
		goto out;
	bk_sequence(&b);
	b.tw = b.pages[0].w;
	b.th = b.pages[0].h;
	b.sw = BK_PT(o->a4 ? 297 : 420);
	b.sh = BK_PT(o->a4 ? 210 : 297);
	b.scale = fmin(1, fmin((b.sw - 2 * BK_PT(BOOKLET_MARGIN_MM)) / (2 * b.tw),
			       (b.sh - 2 * BK_PT(BOOKLET_MARGIN_MM)) / b.th));
	for (int p = 0; p < b.total; p++)
		if (b.seq[p] >= 0)
			bk_check_fold(&b, b.seq[p], p);
	if (bk_draw(&b, tmp) < 0)
		goto out;
	out_done(set, o->out);
	if (out_commit(set, m) == 0)
		msg_at(m, M_BOOKLET_DONE, o->in, 0, 0, b.total, b.total / 4, o->a4 ? "A4" : "A3",
		       b.scale * 100, o->out);
out:
	if (err)
		g_error_free(err);
	if (b.doc)
		g_object_unref(b.doc);
	if (bytes)
		g_bytes_unref(bytes);
	g_free(data);
	free(b.pages);
	free(b.seq);
	out_set_free(set);
}

/* A number option within [lo, hi], strictly; 0 or -1. */
static int bk_number(const char *arg, double lo, double hi, double *out)
{
	char *end;
	double v;

	if (!*arg || strspn(arg, "0123456789.") != strlen(arg))
		return -1;
	errno = 0;
	v = strtod(arg, &end);
	if (*end || errno || !isfinite(v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

void booklet_main(int argc, char **argv, struct msg *m)
{
	enum { OPT_SHEET = 300, OPT_CREEP, OPT_SAFE };
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "sheet", required_argument, NULL, OPT_SHEET },
		{ "creep", required_argument, NULL, OPT_CREEP },
		{ "safe-zone", required_argument, NULL, OPT_SAFE },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	static const char usage[] = "booklet FILE.pdf -o PROOF.pdf [--sheet a3|a4] [--creep MM] "
				    "[--safe-zone MM]";
	struct bk_opts o = { .safe_mm = BOOKLET_SAFE_MM };
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
		switch (c) {
		case 'o': o.out = optarg; break;
		case 'q': m->quiet = 1; break;
		case OPT_SHEET:
			if (strcmp(optarg, "a3") != 0 && strcmp(optarg, "a4") != 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--sheet takes a3 or a4");
				return;
			}
			o.a4 = strcmp(optarg, "a4") == 0;
			break;
		case OPT_CREEP:
			if (bk_number(optarg, 0, 2, &o.creep_mm) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--creep takes millimetres from 0 to 2 (the paper's thickness)");
				return;
			}
			break;
		case OPT_SAFE:
			if (bk_number(optarg, 0, 50, &o.safe_mm) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--safe-zone takes millimetres from 0 to 50");
				return;
			}
			break;
		default:
			msg_at(m, M_USAGE, NULL, 0, 0, usage);
			return;
		}
	}
	if (optind != argc - 1 || !o.out) {
		msg_at(m, M_USAGE, NULL, 0, 0, usage);
		return;
	}
	o.in = argv[optind];
	bk_run(&o, m);
}
