/* pdf: the display list drawn with Cairo; metadata, outline, links. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <zlib.h>
#include <pango/pangocairo.h>

#include "glyphdraw.h"
#include "imgcmyk.h"
#include "imgdraw.h"
#include "pdf.h"
#include "pdfstr.h"

#define PT(u) ((double)(u) / PANGO_SCALE)
#define PDF_SLUG_INSET 17.0 /* pt (6 mm) from the trim's left edge to the slug */

static void pdf_rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
			     (c & 0xff) / 255.0);
}

/* A ground that touches a trim edge runs on into the bleed. */
static void pdf_rect(cairo_t *cr, const struct layout *l, const struct dl_item *it,
		     const struct pdf_opts *o)
{
	double x0 = PT(it->x), y0 = PT(it->y), x1 = PT(it->x + it->w), y1 = PT(it->y + it->h);

	if (it->bleed) {
		double b = PT(o->bleed);

		if (it->x <= 0)
			x0 -= b;
		if (it->y <= 0)
			y0 -= b;
		if (it->x + it->w >= l->page_w)
			x1 += b;
		if (it->y + it->h >= l->page_h)
			y1 += b;
	}
	pdf_rgb(cr, it->color);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	cairo_fill(cr);
}

/* The brand's chevron rule: a row of ">" shapes filling the width. */
static void pdf_chevrons(cairo_t *cr, const struct dl_item *it)
{
	double h = PT(it->h), w = PT(it->w), x = PT(it->x), y = PT(it->y);
	double step = h * 0.75, stroke = h * 0.22;
	int n = (int)(w / step);

	pdf_rgb(cr, it->color);
	cairo_set_line_width(cr, stroke);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	for (int i = 0; i < n && i < 400; i++) {
		double cx = x + i * step + stroke;

		cairo_move_to(cr, cx, y + stroke / 2);
		cairo_line_to(cr, cx + h * 0.4, y + h / 2);
		cairo_line_to(cr, cx, y + h - stroke / 2);
	}
	cairo_stroke(cr);
}

static void pdf_leader(cairo_t *cr, const struct dl_item *it)
{
	double step = 3.0, x = PT(it->x), end = PT(it->x + it->w);

	pdf_rgb(cr, it->color);
	/* dots aligned on a grid so leaders of successive lines line up */
	for (double d = ceil(x / step) * step; d <= end; d += step) {
		cairo_new_sub_path(cr);
		cairo_arc(cr, d, PT(it->y) - 0.45, 0.45, 0, 2 * M_PI);
	}
	cairo_fill(cr);
}

/* A link target or destination name as a Cairo tag attribute: made safe
 * by the one URI writer (Cairo 1.16 copies it into the PDF as it is),
 * then quoted for Cairo's attribute parser.  Link and destination go
 * through the same mapping, so they still match. */
static void pdf_attr_str(GString *s, const char *v)
{
	struct pdfstr u = { 0 }, q = { 0 };

	pdfstr_uri(&u, v);
	pdfstr_cairo_attr(&q, u.s ? u.s : "");
	g_string_append(s, q.s);
	pdfstr_free(&u);
	pdfstr_free(&q);
}

/* A link annotation; an address the link rule refuses is never written
 * (doc_check reported it with its line). */
static void pdf_link(cairo_t *cr, const struct dl_item *it, double off)
{
	GString *a;

	if (!it->level && pdfstr_link_refused(it->uri))
		return;
	a = g_string_new(NULL);
	g_string_append_printf(a, "rect=[%.2f %.2f %.2f %.2f] ", PT(it->x) + off, PT(it->y) + off,
			       PT(it->w), PT(it->h));
	g_string_append(a, it->level ? "dest=" : "uri=");
	pdf_attr_str(a, it->uri);
	cairo_tag_begin(cr, CAIRO_TAG_LINK, a->str);
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	g_string_free(a, TRUE);
}

static void pdf_dest(cairo_t *cr, const struct dl_item *it, double off)
{
	GString *a = g_string_new("name=");

	pdf_attr_str(a, it->uri);
	g_string_append_printf(a, " x=%.2f y=%.2f", PT(it->x) + off, PT(it->y) + off);
	cairo_tag_begin(cr, CAIRO_TAG_DEST, a->str);
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	g_string_free(a, TRUE);
}

static void pdf_debug(cairo_t *cr, const struct dl_item *it)
{
	pdf_rgb(cr, it->color);
	cairo_set_line_width(cr, 0.3);
	if (it->kind == DL_FRAME) {
		cairo_rectangle(cr, PT(it->x), PT(it->y), PT(it->w), PT(it->h));
	} else {
		cairo_move_to(cr, PT(it->x), PT(it->y));
		cairo_rel_line_to(cr, PT(it->w), 0);
	}
	cairo_stroke(cr);
}

/* The slug line (file, date, page) in the marks area under the bleed,
 * where the trimming cuts it away; only on editions with marks.  It starts
 * PDF_SLUG_INSET right of the trim's left edge, clear of the crop mark
 * that post.c draws down from that corner. */
static void pdf_slug(cairo_t *cr, const struct layout *l, const struct dl_item *it,
		     const struct pdf_opts *o)
{
	double room = PT(o->offset - o->bleed);

	if (!o->marks || room < 8)
		return;
	cairo_set_source_rgb(cr, 0, 0, 0);
	glyphdraw_line(cr, it->runs, it->nruns, PT(it->x) + PDF_SLUG_INSET,
		 PT(l->page_h + o->bleed) + room * 0.55);
}

/* The structure element that groups elements of this type, or NULL. */
static const char *pdf_container(const char *tag)
{
	if (strcmp(tag, "LI") == 0)
		return "L";
	if (strcmp(tag, "TOCI") == 0)
		return "TOC";
	return NULL;
}

/* Open structure elements while a page is drawn: the paragraph's, and
 * the list (or table of contents) around list items. */
struct pdf_tags {
	int block;              /* paragraph whose element is open, 0 = none */
	const char *tag;        /* its type */
	const char *container;  /* open "L" or "TOC", or NULL */
};

static void pdf_tag_close(cairo_t *cr, struct pdf_tags *t, int container_too)
{
	if (t->block)
		cairo_tag_end(cr, t->tag);
	t->block = 0;
	if (container_too && t->container) {
		cairo_tag_end(cr, t->container);
		t->container = NULL;
	}
}

/* Puts the text of paragraph it->block inside its structure element,
 * opening and closing elements as the paragraph changes. */
static void pdf_tag_text(cairo_t *cr, struct pdf_tags *t, const struct dl_item *it)
{
	const char *want;

	if (!it->block || !it->tag || it->block == t->block)
		return;
	want = pdf_container(it->tag);
	pdf_tag_close(cr, t, !want || (t->container && strcmp(want, t->container) != 0));
	if (want && !t->container) {
		cairo_tag_begin(cr, want, NULL);
		t->container = want;
	}
	cairo_tag_begin(cr, it->tag, NULL);
	t->block = it->block;
	t->tag = it->tag;
}

/* A picture in its box (grown into the bleed like a ground), tagged as a
 * Figure when it has a text alternative (post.c gives the Figure its
 * /Alt); a decorative one stays out of the structure tree.  Cairo 1.16
 * cannot mark it an Artifact. */
static void pdf_image(cairo_t *cr, const struct layout *l, const struct dl_item *it,
		      const struct pdf_opts *o, struct pdf_tags *tags)
{
	double x0 = PT(it->x), y0 = PT(it->y), x1 = PT(it->x + it->w), y1 = PT(it->y + it->h);
	char err[200];

	if (!it->image)
		return;
	if (it->bleed) {
		double b = PT(o->bleed);

		x0 -= it->x <= 0 ? b : 0;
		y0 -= it->y <= 0 ? b : 0;
		x1 += it->x + it->w >= l->page_w ? b : 0;
		y1 += it->y + it->h >= l->page_h ? b : 0;
	}
	pdf_tag_close(cr, tags, 1);
	if (o->tagged && it->alt)
		cairo_tag_begin(cr, "Figure", NULL);
	/* a failure leaves Cairo's status set or the box empty; pdf_write
	 * checks the status after every page */
	imgdraw(cr, it->image, x0, y0, x1 - x0, y1 - y0, it->cover, it->fx, it->fy,
		&(struct imgdraw_opts){ .max_ppi = o->max_ppi, .cmyk = o->cmyk }, err, sizeof err);
	if (o->tagged && it->alt)
		cairo_tag_end(cr, "Figure");
}

void pdf_draw_page(cairo_t *cr, const struct layout *l, const struct dl_page *p,
		   const struct pdf_opts *o)
{
	double off = PT(o->offset);
	struct pdf_tags tags = { 0 };

	cairo_save(cr);
	cairo_translate(cr, off, off);
	for (size_t i = 0; i < p->n; i++) {
		const struct dl_item *it = &p->items[i];

		switch (it->kind) {
		case DL_RECT:
			pdf_rect(cr, l, it, o);
			break;
		case DL_TEXT:
			if (it->slug) {
				pdf_slug(cr, l, it, o);
				break;
			}
			if (o->tagged)
				pdf_tag_text(cr, &tags, it);
			cairo_set_source_rgb(cr, 0, 0, 0);
			if (it->xscale > 0 && it->xscale != 1.0) { /* expanded or condensed glyphs */
				cairo_save(cr);
				cairo_translate(cr, PT(it->x), PT(it->y));
				cairo_scale(cr, it->xscale, 1.0);
				glyphdraw_line(cr, it->runs, it->nruns, 0, 0);
				cairo_restore(cr);
				break;
			}
			glyphdraw_line(cr, it->runs, it->nruns, PT(it->x), PT(it->y));
			break;
		case DL_CHEVRONS:
			pdf_chevrons(cr, it);
			break;
		case DL_LEADER:
			pdf_leader(cr, it);
			break;
		case DL_FRAME:
		case DL_BASELINE:
			pdf_debug(cr, it);
			break;
		case DL_IMAGE:
			pdf_image(cr, l, it, o, &tags);
			break;
		case DL_LINK:
		case DL_DEST:
			break;
		}
	}
	pdf_tag_close(cr, &tags, 1);
	cairo_restore(cr);
}

static void pdf_page(cairo_t *cr, const struct layout *l, const struct dl_page *p,
		     const struct pdf_opts *o)
{
	double off = PT(o->offset);

	pdf_draw_page(cr, l, p, o);
	/* links and destinations are in media coordinates */
	for (size_t i = 0; i < p->n; i++) {
		if (p->items[i].kind == DL_LINK && !o->no_links)
			pdf_link(cr, &p->items[i], off);
		else if (p->items[i].kind == DL_DEST)
			pdf_dest(cr, &p->items[i], off);
	}
}

/* Bookmarks: level-1 and level-2 destinations, nested. */
static void pdf_outline(cairo_surface_t *s, const struct layout *l)
{
	int parent = CAIRO_PDF_OUTLINE_ROOT;

	for (int i = 0; i < l->npages; i++) {
		for (size_t j = 0; j < l->pages[i].n; j++) {
			const struct dl_item *it = &l->pages[i].items[j];
			GString *a;
			int id;

			if (it->kind != DL_DEST || !it->level || !it->text)
				continue;
			a = g_string_new("dest=");
			pdf_attr_str(a, it->uri);
			id = cairo_pdf_surface_add_outline(s, it->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
							   it->text, a->str, 0);
			if (it->level == 1)
				parent = id;
			g_string_free(a, TRUE);
		}
	}
}

void pdf_set_dates(cairo_surface_t *s, time_t t)
{
	char date[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static void pdf_metadata(cairo_surface_t *s, const struct layout *l, const struct pdf_opts *o)
{
	if (l->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, l->title);
	if (l->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, l->author);
	if (l->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, l->subject);
	if (l->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, l->keywords);
	if (o->creator)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, o->creator);
	pdf_set_dates(s, o->date);
}

/* The zlib level of the streams Cairo deflates while this thread writes
 * a PDF (pdf_write_doc sets it; 0 the rest of the time).  Cairo 1.16 has
 * no setting for it and asks zlib's default (6) for every stream, pages
 * and fonts alike: level 1 makes the same streams (deflate is lossless,
 * the pages are the same) in about half the work, some 6 % larger.  The
 * press editions' streams are deflated again by qpdf at its own level. */
#define PDF_DEFLATE_LEVEL 1
static _Thread_local int pdf_deflate_level;

/* zlib's deflateInit_ (what its deflateInit macro calls), found before
 * zlib's by the libraries that call it: the same set-up, the level asked
 * kept but for the default while a PDF is written here. */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (pdf_deflate_level && level == Z_DEFAULT_COMPRESSION)
		level = pdf_deflate_level;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			     stream_size);
}

/* Where Cairo's bytes go: a file, and the first write error's errno, so
 * that a full disk is reported as such (Cairo only says "write error"). */
struct pdf_sink {
	FILE *f;
	int err;
};

static cairo_status_t pdf_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_sink *k = closure;

	if (k->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, k->f) != len) {
		k->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Cairo's first error on the context or the surface, or success. */
static cairo_status_t pdf_status(cairo_t *cr, cairo_surface_t *s)
{
	cairo_status_t st = cr ? cairo_status(cr) : CAIRO_STATUS_SUCCESS;

	return st != CAIRO_STATUS_SUCCESS ? st : cairo_surface_status(s);
}

cairo_status_t pdf_close(cairo_t *cr, cairo_surface_t *s, cairo_status_t st)
{
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st;
}

static int pdf_write_doc(const struct layout *l, const char *path, const struct pdf_opts *o,
			 struct msg *m);

int pdf_write(const struct layout *l, const char *path, const struct pdf_opts *o,
	      struct msg *m)
{
	struct pdf_opts own = *o;
	struct imgcmyk *conv = NULL;
	int rc;

	if (o->cmyk_icc && !o->cmyk) {
		char err[400];

		conv = imgcmyk_new(o->cmyk_icc, err, sizeof err);
		if (!conv) {
			msg_at(m, M_PDF, o->name ? o->name : path, 0, 0, err);
			return -1;
		}
		own.cmyk = conv;
	}
	rc = pdf_write_doc(l, path, &own, m);
	imgcmyk_free(conv);
	return rc;
}

/* The PDF of layout l, its pictures converted as o says. */
static int pdf_write_doc(const struct layout *l, const char *path, const struct pdf_opts *o,
			 struct msg *m)
{
	double w = PT(l->page_w + 2 * o->offset), h = PT(l->page_h + 2 * o->offset);
	const char *shown = o->name ? o->name : path;
	struct pdf_sink sink = { .f = fopen(path, "wb") };
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
	int page = 0;  /* the page Cairo failed on, 0 = none or after the pages */

	if (!sink.f) {
		msg_at(m, M_WRITE, shown, 0, 0, shown, strerror(errno));
		return -1;
	}
	pdf_deflate_level = PDF_DEFLATE_LEVEL;
	s = cairo_pdf_surface_create_for_stream(pdf_sink_write, &sink, w, h);

	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	pdf_metadata(s, l, o);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", NULL);
	/* Cairo records its first error and then draws nothing more: the
	 * status is checked after every page, so no page is ever lost quietly */
	st = pdf_status(cr, s);
	for (int i = 0; i < l->npages && st == CAIRO_STATUS_SUCCESS; i++) {
		char label[16];

		snprintf(label, sizeof label, "%d", l->pages[i].number);
		cairo_pdf_surface_set_page_label(s, label);
		pdf_page(cr, l, &l->pages[i], o);
		cairo_show_page(cr);
		st = pdf_status(cr, s);
		if (st != CAIRO_STATUS_SUCCESS)
			page = l->pages[i].number;
	}
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_tag_end(cr, "Document");
		pdf_outline(s, l);
		st = pdf_status(cr, s);
	}
	st = pdf_close(cr, s, st);
	pdf_deflate_level = 0;
	if (fclose(sink.f) != 0 && !sink.err)
		sink.err = errno;
	if (sink.err) {
		msg_at(m, M_WRITE, shown, 0, 0, shown, strerror(sink.err));
		return -1;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		char what[160];

		if (page)
			snprintf(what, sizeof what, "Cairo stopped on page %d: %s", page,
				 cairo_status_to_string(st));
		else
			snprintf(what, sizeof what, "Cairo: %s", cairo_status_to_string(st));
		msg_at(m, M_PDF, shown, 0, 0, what);
		return -1;
	}
	return 0;
}
