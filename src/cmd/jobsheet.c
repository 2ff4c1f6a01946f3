/* jobsheet: a press PDF's facts, read back from the file, as text or JSON. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <lcms2.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>

#include "coverage.h"
#include "jobsheet.h"
#include "outfile.h"
#include "qpdfobj.h"

#define JS_MM(pt) ((pt) * 25.4 / 72.0)
#define JS_MAX_DEPTH 12     /* nested forms and patterns followed for colour spaces */
#define JS_MAX_NAMES 256    /* spot inks listed */

static const char *const js_process[4] = { "Cyan", "Magenta", "Yellow", "Black" };

/* One font as poppler lists it, the subset tag taken off its name. */
struct js_font {
	char *name;      /* "NotoSans-Regular" */
	const char *type; /* "TrueType", "CID TrueType"… */
	int embedded;    /* whether its program is in the file */
	int subset;      /* whether only the glyphs used are */
};

/* Everything the sheet says, read from one copy of the file's bytes. */
struct js_facts {
	const char *path;            /* the PDF, as given */
	int pages;                   /* page count */
	double trim[2];              /* page 1's TrimBox (else MediaBox) w, h, pt */
	int trim_box;                /* whether page 1 has a TrimBox */
	int trim_differs;            /* pages whose trim size is not page 1's */
	double bleed;                /* the least bleed on any side of any page, pt; -1 none */
	char version[16];            /* "1.6" */
	char *pdfx;                  /* GTS_PDFXVersion (Info, else poppler's XMP reading), or NULL */
	char *oi_id;                 /* OutputConditionIdentifier, or NULL */
	char *oi_condition;          /* OutputCondition, or NULL */
	char *oi_registry;           /* RegistryName, or NULL */
	char profile[256];           /* the intent profile's description (lcms2), or "" */
	int profile_n;               /* its channels, 0 none */
	char *spots[JS_MAX_NAMES];   /* spot inks of the colour spaces */
	int nspots;
	int registration;            /* whether Separation /All is used (marks) */
	struct cov_page *ink;        /* per page, NULL when not rendered */
	int ink_pages;               /* entries of ink */
	int images;                  /* images placed */
	double min_ppi;              /* the lowest resolution of one placed image */
	int min_ppi_page;            /* where */
	struct js_font *fonts;       /* distinct fonts */
	size_t nfonts, capfonts;
	char created[64];            /* ISO 8601, or "" */
	char md5[33];                /* of the file's bytes */
};

static void js_facts_done(struct js_facts *f)
{
	g_free(f->pdfx);
	g_free(f->oi_id);
	g_free(f->oi_condition);
	g_free(f->oi_registry);
	for (int i = 0; i < f->nspots; i++)
		free(f->spots[i]);
	for (size_t i = 0; i < f->nfonts; i++)
		free(f->fonts[i].name);
	free(f->fonts);
	free(f->ink);
}

/* ---- qpdf: boxes, PDF/X, output intent, spot inks ---- */

/* A page box, following the page tree for inherited ones; 0 or -1. */
static int js_box(qpdf_data q, qpdf_oh page, const char *key, double r[4])
{
	qpdf_oh n = page;

	for (int depth = 0; depth < 64 && qpdf_oh_is_dictionary(q, n); depth++) {
		qpdf_oh b = qpdf_oh_get_key(q, n, key);

		if (!qpdf_oh_is_null(q, b))
			return qpdfobj_rect(q, b, r);
		n = qpdf_oh_get_key(q, n, "/Parent");
	}
	return -1;
}

/* Trim and bleed of every page: page 1's trim size, the pages whose size
 * differs, and the smallest bleed on any side. */
static void js_boxes(qpdf_data q, struct js_facts *f)
{
	f->bleed = -1;
	for (int i = 0; i < f->pages; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		double media[4], trim[4], bleed[4];
		int has_trim = js_box(q, page, "/TrimBox", trim) == 0;

		if (js_box(q, page, "/MediaBox", media) < 0)
			continue;
		if (!has_trim)
			memcpy(trim, media, sizeof trim);
		if (js_box(q, page, "/BleedBox", bleed) < 0)
			memcpy(bleed, media, sizeof bleed);
		if (i == 0) {
			f->trim[0] = trim[2] - trim[0];
			f->trim[1] = trim[3] - trim[1];
			f->trim_box = has_trim;
		} else if (fabs(trim[2] - trim[0] - f->trim[0]) > 0.01 ||
			   fabs(trim[3] - trim[1] - f->trim[1]) > 0.01) {
			f->trim_differs++;
		}
		for (int k = 0; k < 4; k++) {
			double d = k < 2 ? trim[k] - bleed[k] : bleed[k] - trim[k];

			if (f->bleed < 0 || d < f->bleed)
				f->bleed = d < 0 ? 0 : d;
		}
		qpdf_oh_release_all(q);
	}
}

/* A string value of dictionary d, UTF-8, or NULL (g_free). */
static char *js_string(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh s = qpdf_oh_get_key_if_dict(q, d, key);

	return qpdf_oh_is_string(q, s) ? g_strdup(qpdf_oh_get_utf8_value(q, s)) : NULL;
}

/* The description of an ICC profile's bytes (lcms2), printable ASCII. */
static void js_profile(const unsigned char *data, size_t len, struct js_facts *f)
{
	cmsHPROFILE h = cmsOpenProfileFromMem(data, (cmsUInt32Number)len);

	if (!h)
		return;
	cmsGetProfileInfoASCII(h, cmsInfoDescription, "en", "US", f->profile,
			       (cmsUInt32Number)sizeof f->profile);
	f->profile_n = (int)cmsChannelsOf(cmsGetColorSpace(h));
	cmsCloseProfile(h);
	g_strstrip(f->profile);
}

/* The GTS_PDFX output intent: its names, and its profile, whose bytes are
 * kept in *icc (caller frees) for the render. */
static void js_intent(qpdf_data q, struct js_facts *f, unsigned char **icc, size_t *icc_len)
{
	qpdf_oh arr = qpdf_oh_get_key(q, qpdf_get_root(q), "/OutputIntents");
	int n = qpdf_oh_is_array(q, arr) ? qpdf_oh_get_array_n_items(q, arr) : 0;

	for (int i = 0; i < n; i++) {
		qpdf_oh oi = qpdf_oh_get_array_item(q, arr, i), prof;

		if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key_if_dict(q, oi, "/S"), "/GTS_PDFX"))
			continue;
		f->oi_id = js_string(q, oi, "/OutputConditionIdentifier");
		f->oi_condition = js_string(q, oi, "/OutputCondition");
		f->oi_registry = js_string(q, oi, "/RegistryName");
		prof = qpdf_oh_get_key(q, oi, "/DestOutputProfile");
		if (qpdf_oh_is_stream(q, prof) &&
		    !(qpdf_oh_get_stream_data(q, prof, qpdf_dl_generalized, NULL, icc, icc_len) &
		      QPDF_ERRORS))
			js_profile(*icc, *icc_len, f);
		break;
	}
	if (qpdf_has_error(q))
		qpdf_get_error(q); /* a damaged intent: the sheet says none */
}

/* Adds one ink name (a name object, "/PANTONE 7691 C") to the spots. */
static void js_ink(qpdf_data q, qpdf_oh name, struct js_facts *f)
{
	const char *s;

	if (!qpdf_oh_is_name(q, name))
		return;
	s = qpdf_oh_get_name(q, name) + 1;
	if (strcmp(s, "All") == 0) {
		f->registration = 1;
		return;
	}
	if (strcmp(s, "None") == 0)
		return;
	for (int i = 0; i < 4; i++)
		if (strcmp(s, js_process[i]) == 0)
			return; /* a process ink named as a separation */
	for (int i = 0; i < f->nspots; i++)
		if (strcmp(f->spots[i], s) == 0)
			return;
	if (f->nspots < JS_MAX_NAMES)
		f->spots[f->nspots++] = xstrdup(s);
}

/* The inks a colour space names: Separation and DeviceN (also as the base
 * of an Indexed space or a pattern). */
static void js_space(qpdf_data q, qpdf_oh cs, struct js_facts *f, int depth)
{
	qpdf_oh kind;

	if (depth > 3 || !qpdf_oh_is_array(q, cs) || qpdf_oh_get_array_n_items(q, cs) < 2)
		return;
	kind = qpdf_oh_get_array_item(q, cs, 0);
	if (qpdf_oh_is_name_and_equals(q, kind, "/Separation")) {
		js_ink(q, qpdf_oh_get_array_item(q, cs, 1), f);
	} else if (qpdf_oh_is_name_and_equals(q, kind, "/DeviceN")) {
		qpdf_oh names = qpdf_oh_get_array_item(q, cs, 1);
		int n = qpdf_oh_is_array(q, names) ? qpdf_oh_get_array_n_items(q, names) : 0;

		for (int i = 0; i < n && i < JS_MAX_NAMES; i++)
			js_ink(q, qpdf_oh_get_array_item(q, names, i), f);
	} else if (qpdf_oh_is_name_and_equals(q, kind, "/Indexed") ||
		   qpdf_oh_is_name_and_equals(q, kind, "/Pattern")) {
		js_space(q, qpdf_oh_get_array_item(q, cs, 1), f, depth + 1);
	}
}

static void js_resources(qpdf_data q, qpdf_oh res, struct js_facts *f, int depth);

/* The colour spaces of each value of a resource dictionary: the value
 * itself (ColorSpace), its /ColorSpace (images, shadings), its /Shading
 * (patterns), its /Resources (forms, tiling patterns). */
static void js_each(qpdf_data q, qpdf_oh dict, struct js_facts *f, int depth)
{
	size_t n;
	qpdf_oh *v = qpdfobj_dict_values(q, dict, &n);

	for (size_t i = 0; i < n; i++) {
		qpdf_oh sh = qpdf_oh_get_key_if_dict(q, v[i], "/Shading");

		js_space(q, v[i], f, 0);
		js_space(q, qpdf_oh_get_key_if_dict(q, v[i], "/ColorSpace"), f, 0);
		js_space(q, qpdf_oh_get_key_if_dict(q, sh, "/ColorSpace"), f, 0);
		js_resources(q, qpdf_oh_get_key_if_dict(q, v[i], "/Resources"), f, depth + 1);
	}
	free(v);
}

static void js_resources(qpdf_data q, qpdf_oh res, struct js_facts *f, int depth)
{
	static const char *const keys[] = { "/ColorSpace", "/XObject", "/Pattern", "/Shading" };

	if (depth > JS_MAX_DEPTH || !qpdf_oh_is_dictionary(q, res))
		return;
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		js_each(q, qpdf_oh_get_key(q, res, keys[k]), f, depth);
}

/* What qpdf reads: boxes, PDF/X, the intent, the spot inks.  0, or -1
 * after reporting an unreadable file. */
static int js_qpdf(const char *data, size_t len, struct js_facts *f, unsigned char **icc,
		   size_t *icc_len, struct msg *m)
{
	qpdf_data q = qpdf_init();
	const char *v;
	int rc = -1;

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if ((qpdf_read_memory(q, f->path, data, (unsigned long long)len, NULL) & QPDF_ERRORS) ||
	    (f->pages = qpdf_get_num_pages(q)) <= 0) {
		msg_at(m, M_JOBSHEET_READ, f->path, 0, 0, qpdf_has_error(q) ?
		       qpdf_get_error_full_text(q, qpdf_get_error(q)) : "it has no pages");
		goto out;
	}
	snprintf(f->version, sizeof f->version, "%s", qpdf_get_pdf_version(q));
	v = qpdf_get_info_key(q, "/GTS_PDFXVersion");
	if (v && *v)
		f->pdfx = g_strdup(v);
	js_boxes(q, f);
	js_intent(q, f, icc, icc_len);
	for (int i = 0; i < f->pages; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i), n = page;

		for (int d = 0; d < 64 && qpdf_oh_is_dictionary(q, n) &&
		     qpdf_oh_is_null(q, qpdf_oh_get_key(q, n, "/Resources")); d++)
			n = qpdf_oh_get_key(q, n, "/Parent");
		js_resources(q, qpdf_oh_get_key_if_dict(q, n, "/Resources"), f, 0);
		qpdf_oh_release_all(q);
	}
	if (qpdf_has_error(q))
		qpdf_get_error(q);
	rc = 0;
out:
	qpdf_cleanup(&q);
	return rc;
}

/* ---- poppler: fonts, images, creation date, PDF/X from XMP ---- */

static const char *js_font_type(PopplerFontType t)
{
	switch (t) {
	case POPPLER_FONT_TYPE_TYPE1: return "Type 1";
	case POPPLER_FONT_TYPE_TYPE1C: return "Type 1C";
	case POPPLER_FONT_TYPE_TYPE1COT: return "Type 1C (OpenType)";
	case POPPLER_FONT_TYPE_TYPE3: return "Type 3";
	case POPPLER_FONT_TYPE_TRUETYPE: return "TrueType";
	case POPPLER_FONT_TYPE_TRUETYPEOT: return "TrueType (OpenType)";
	case POPPLER_FONT_TYPE_CID_TYPE0: return "CID Type 0";
	case POPPLER_FONT_TYPE_CID_TYPE0C: return "CID Type 0C";
	case POPPLER_FONT_TYPE_CID_TYPE0COT: return "CID Type 0C (OpenType)";
	case POPPLER_FONT_TYPE_CID_TYPE2: return "CID TrueType";
	case POPPLER_FONT_TYPE_CID_TYPE2OT: return "CID TrueType (OpenType)";
	default: return "unknown";
	}
}

/* Adds a font (one entry per name and type; embedded/subset only when
 * every copy is). */
static void js_font(struct js_facts *f, const char *name, const char *type, int emb, int sub)
{
	const char *plus = name ? strchr(name, '+') : NULL;
	const char *base = !name ? "(unnamed)" : plus && plus - name == 6 ? plus + 1 : name;
	struct js_font *e;

	for (size_t i = 0; i < f->nfonts; i++) {
		e = &f->fonts[i];
		if (strcmp(e->name, base) == 0 && strcmp(e->type, type) == 0) {
			e->embedded &= emb;
			e->subset &= sub;
			return;
		}
	}
	xgrow(&f->fonts, &f->capfonts, f->nfonts + 1, sizeof *f->fonts);
	f->fonts[f->nfonts++] = (struct js_font){ .name = xstrdup(base), .type = type,
						   .embedded = emb, .subset = sub };
}

static void js_fonts(PopplerDocument *doc, struct js_facts *f)
{
	PopplerFontInfo *fi = poppler_font_info_new(doc);
	PopplerFontsIter *it = NULL;

	if (poppler_font_info_scan(fi, f->pages, &it) && it) {
		do
			js_font(f, poppler_fonts_iter_get_name(it),
				js_font_type(poppler_fonts_iter_get_font_type(it)),
				poppler_fonts_iter_is_embedded(it), poppler_fonts_iter_is_subset(it));
		while (poppler_fonts_iter_next(it));
	}
	if (it)
		poppler_fonts_iter_free(it);
	g_object_unref(fi);
}

/* The lowest resolution of each image as placed: its pixels over its
 * area on the page (the smaller of across and down). */
static void js_images(PopplerDocument *doc, struct js_facts *f)
{
	f->min_ppi = -1;
	for (int i = 0; i < f->pages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		GList *map = page ? poppler_page_get_image_mapping(page) : NULL;

		for (GList *l = map; l; l = l->next) {
			const PopplerImageMapping *im = l->data;
			cairo_surface_t *s = poppler_page_get_image(page, im->image_id);
			double w = fabs(im->area.x2 - im->area.x1), h = fabs(im->area.y2 - im->area.y1);

			if (s && cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE && w > 0 && h > 0) {
				double px = cairo_image_surface_get_width(s) * 72.0 / w;
				double py = cairo_image_surface_get_height(s) * 72.0 / h;
				double ppi = px < py ? px : py;

				f->images++;
				if (f->min_ppi < 0 || ppi < f->min_ppi)
					f->min_ppi = ppi, f->min_ppi_page = i + 1;
			}
			if (s)
				cairo_surface_destroy(s);
		}
		if (map)
			poppler_page_free_image_mapping(map);
		if (page)
			g_object_unref(page);
	}
}

/* What poppler reads.  0, or -1 after reporting. */
static int js_poppler(GBytes *bytes, struct js_facts *f, struct msg *m)
{
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	GDateTime *dt;

	if (!doc) {
		msg_at(m, M_JOBSHEET_READ, f->path, 0, 0, err ? err->message : "poppler cannot read it");
		if (err)
			g_error_free(err);
		return -1;
	}
	if (!f->pdfx) /* PDF/X-4 claims it in the XMP, which poppler reads */
		f->pdfx = poppler_document_get_pdf_subtype_string(doc);
	dt = poppler_document_get_creation_date_time(doc);
	if (dt) {
		GDateTime *utc = g_date_time_to_utc(dt);
		char *s = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");

		snprintf(f->created, sizeof f->created, "%s", s);
		g_free(s);
		g_date_time_unref(utc);
		g_date_time_unref(dt);
	}
	js_fonts(doc, f);
	js_images(doc, f);
	g_object_unref(doc);
	return 0;
}

/* ---- the maximum ink ---- */

/* Writes len bytes into a new scratch file beside `near`; its path (owned
 * by the set), or NULL after reporting. */
static const char *js_scratch(struct out_set *set, const char *near, const void *data,
			      size_t len, struct msg *m)
{
	const char *path = out_scratch(set, near, m);
	FILE *o;

	if (!path)
		return NULL;
	o = fopen(path, "wb");
	if ((!o || fwrite(data, 1, len, o) != len) | (o && fclose(o) != 0)) {
		msg_at(m, M_WRITE, path, 0, 0, path, strerror(errno));
		return NULL;
	}
	return path;
}

/* Renders the same bytes the other facts come from (a scratch copy)
 * through the intent's profile (another).  0, or -1 after reporting. */
static int js_ink_render(struct js_facts *f, struct out_set *set, const char *near,
			 const void *data, size_t len, const unsigned char *icc, size_t icc_len,
			 struct msg *m)
{
	const char *icc_path = NULL, *prefix, *copy = js_scratch(set, near, data, len, m);

	if (!copy)
		return -1;
	if (icc && f->profile_n == 4 && !(icc_path = js_scratch(set, near, icc, icc_len, m)))
		return -1;
	prefix = out_scratch(set, near, m);
	if (!prefix || cov_render(copy, f->path, icc_path, JOBSHEET_DPI, f->pages, prefix, &f->ink,
				  m) < 0)
		return -1;
	f->ink_pages = f->pages;
	return 0;
}

/* The plates carrying ink on some page (at least JOBSHEET_PLATE_MIN on
 * one pixel), process plates first, in *names (n of them, pointing into
 * f->ink); the highest total and its page. */
static void js_ink_summary(const struct js_facts *f, const char **names, int *n, double *max,
			   int *page)
{
	*max = 0;
	*page = 0;
	*n = 0;
	for (int pass = 0; pass < 2; pass++) /* the process plates first, in their order */
		for (int k = 0; k < COV_MAX_PLATES; k++)
			for (int i = 0; i < f->ink_pages; i++) {
				const struct cov_page *p = &f->ink[i];
				int seen = 0;

				if (k >= p->nplates || (k < 4) != (pass == 0) ||
				    p->plate[k] < JOBSHEET_PLATE_MIN)
					continue;
				for (int j = 0; j < *n && !seen; j++)
					seen = strcmp(names[j], p->name[k]) == 0;
				if (!seen && *n < JS_MAX_NAMES + 4)
					names[(*n)++] = p->name[k];
			}
	for (int i = 0; i < f->ink_pages; i++)
		if (f->ink[i].total > *max)
			*max = f->ink[i].total, *page = i + 1;
}

/* Whether plate `name` is one of the four process plates. */
static int js_is_process(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, js_process[i]) == 0)
			return 1;
	return 0;
}

/* ---- the two forms of the sheet ---- */

/* "148 × 210 mm", from points, to a tenth of a millimetre. */
static void js_mm2(char *s, size_t n, double w, double h)
{
	snprintf(s, n, "%.1f × %.1f mm", JS_MM(w), JS_MM(h));
}

static double js_round1(double v)
{
	return round(v * 10) / 10;
}

static int js_sheets(int pages)
{
	return (pages + 3) / 4;
}

static void js_text(FILE *o, const struct js_facts *f)
{
	char s[128];
	const char *used[JS_MAX_NAMES + 4];
	int nused, page;
	double max;

	js_ink_summary(f, used, &nused, &max, &page);
	fprintf(o, "Job sheet: %s\n", f->path);
	js_mm2(s, sizeof s, f->trim[0], f->trim[1]);
	fprintf(o, "Trim size: %s%s", s, f->trim_box ? "" : " (no TrimBox: the MediaBox)");
	if (f->trim_differs)
		fprintf(o, "; %d page(s) of another size", f->trim_differs);
	fputc('\n', o);
	if (f->bleed > 0.005)
		fprintf(o, "Bleed: %.1f mm on every side\n", JS_MM(f->bleed));
	else
		fprintf(o, "Bleed: none\n");
	fprintf(o, "Pages: %d pp.\n", f->pages);
	if (f->pages % 4 == 0)
		fprintf(o, "Binding: saddle stitch, %d sheet(s) (%d pages / 4)\n", js_sheets(f->pages),
			f->pages);
	else
		fprintf(o, "Binding: saddle stitch needs a multiple of 4 pages: %d sheet(s) with %d "
			"blank page(s) added\n", js_sheets(f->pages), js_sheets(f->pages) * 4 - f->pages);
	fprintf(o, "PDF: version %s, %s\n", f->version, f->pdfx ? f->pdfx : "no PDF/X claim");
	if (f->oi_id || f->oi_condition)
		fprintf(o, "Output intent: %s%s%s%s%s\n", f->oi_id ? f->oi_id : "",
			f->oi_id && f->oi_condition ? " — " : "", f->oi_condition ? f->oi_condition : "",
			f->oi_registry && *f->oi_registry ? ", registry " : "",
			f->oi_registry ? f->oi_registry : "");
	else
		fprintf(o, "Output intent: none\n");
	fprintf(o, "Intent profile: %s\n", f->profile[0] ? f->profile : "none");
	fprintf(o, "Plates: %d", nused);
	for (int k = 0; k < nused; k++)
		fprintf(o, "%s %s%s", k ? "," : ":", used[k], js_is_process(used[k]) ? "" : " (spot)");
	fprintf(o, "%s\n", f->registration ? "; marks in registration colour (all plates)" : "");
	if (f->nspots) {
		fprintf(o, "Spot inks named: ");
		for (int i = 0; i < f->nspots; i++)
			fprintf(o, "%s%s", i ? ", " : "", f->spots[i]);
		fputc('\n', o);
	}
	fprintf(o, "Maximum ink: %.0f %% (page %d; all plates of one pixel, separated at %d dpi inside the trim%s)\n",
		max * 100, page, JOBSHEET_DPI, f->profile_n == 4 ? " through the intent's profile" : "");
	if (f->images)
		fprintf(o, "Minimum image resolution: %.0f ppi (page %d; %d image(s) placed)\n",
			f->min_ppi, f->min_ppi_page, f->images);
	else
		fprintf(o, "Minimum image resolution: no images\n");
	fprintf(o, "Fonts: %zu", f->nfonts);
	for (size_t i = 0; i < f->nfonts; i++)
		fprintf(o, "%s %s (%s, %s%s)", i ? ";" : ":", f->fonts[i].name, f->fonts[i].type,
			f->fonts[i].embedded ? "embedded" : "NOT EMBEDDED",
			f->fonts[i].subset ? ", subset" : "");
	fputc('\n', o);
	fprintf(o, "Created: %s\n", f->created[0] ? f->created : "no date");
	fprintf(o, "MD5: %s\n", f->md5);
}

/* key: string, or null when s is NULL or empty. */
static void js_jstr(JsonBuilder *b, const char *key, const char *s)
{
	json_builder_set_member_name(b, key);
	if (s && *s)
		json_builder_add_string_value(b, s);
	else
		json_builder_add_null_value(b);
}

static void js_jnum(JsonBuilder *b, const char *key, double v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_double_value(b, v);
}

static void js_jint(JsonBuilder *b, const char *key, gint64 v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, v);
}

/* The JSON form (json-glib), pretty-printed; caller frees. */
static char *js_json(const struct js_facts *f)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *g;
	JsonNode *root;
	const char *used[JS_MAX_NAMES + 4];
	int nused, page;
	double max;
	char *s;

	js_ink_summary(f, used, &nused, &max, &page);
	json_builder_begin_object(b);
	js_jstr(b, "file", f->path);
	json_builder_set_member_name(b, "trim_mm");
	json_builder_begin_array(b);
	json_builder_add_double_value(b, js_round1(JS_MM(f->trim[0])));
	json_builder_add_double_value(b, js_round1(JS_MM(f->trim[1])));
	json_builder_end_array(b);
	json_builder_set_member_name(b, "trim_box");
	json_builder_add_boolean_value(b, f->trim_box);
	js_jint(b, "pages_of_other_size", f->trim_differs);
	js_jnum(b, "bleed_mm", f->bleed > 0 ? js_round1(JS_MM(f->bleed)) : 0);
	js_jint(b, "pages", f->pages);
	js_jstr(b, "binding", "saddle stitch");
	js_jint(b, "sheets", js_sheets(f->pages));
	js_jint(b, "blank_pages_needed", js_sheets(f->pages) * 4 - f->pages);
	js_jstr(b, "pdf_version", f->version);
	js_jstr(b, "pdfx", f->pdfx);
	json_builder_set_member_name(b, "output_intent");
	json_builder_begin_object(b);
	js_jstr(b, "identifier", f->oi_id);
	js_jstr(b, "condition", f->oi_condition);
	js_jstr(b, "registry", f->oi_registry);
	js_jstr(b, "profile", f->profile);
	js_jint(b, "profile_channels", f->profile_n);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "plates");
	json_builder_begin_array(b);
	for (int k = 0; k < nused; k++)
		json_builder_add_string_value(b, used[k]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "spots");
	json_builder_begin_array(b);
	for (int i = 0; i < f->nspots; i++)
		json_builder_add_string_value(b, f->spots[i]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "registration_marks");
	json_builder_add_boolean_value(b, f->registration);
	js_jnum(b, "max_ink_percent", round(max * 100));
	js_jint(b, "max_ink_page", page);
	js_jint(b, "ink_dpi", JOBSHEET_DPI);
	json_builder_set_member_name(b, "ink_per_page_percent");
	json_builder_begin_array(b);
	for (int i = 0; i < f->ink_pages; i++)
		json_builder_add_double_value(b, round(f->ink[i].total * 100));
	json_builder_end_array(b);
	json_builder_set_member_name(b, "plates_per_page");
	json_builder_begin_array(b);
	for (int i = 0; i < f->ink_pages; i++) {
		json_builder_begin_array(b);
		for (int k = 0; k < f->ink[i].nplates; k++)
			if (f->ink[i].plate[k] >= JOBSHEET_PLATE_MIN)
				json_builder_add_string_value(b, f->ink[i].name[k]);
		json_builder_end_array(b);
	}
	json_builder_end_array(b);
	js_jint(b, "images", f->images);
	json_builder_set_member_name(b, "min_image_ppi");
	if (f->images)
		json_builder_add_double_value(b, round(f->min_ppi));
	else
		json_builder_add_null_value(b);
	js_jint(b, "min_image_ppi_page", f->images ? f->min_ppi_page : 0);
	json_builder_set_member_name(b, "fonts");
	json_builder_begin_array(b);
	for (size_t i = 0; i < f->nfonts; i++) {
		json_builder_begin_object(b);
		js_jstr(b, "name", f->fonts[i].name);
		js_jstr(b, "type", f->fonts[i].type);
		json_builder_set_member_name(b, "embedded");
		json_builder_add_boolean_value(b, f->fonts[i].embedded);
		json_builder_set_member_name(b, "subset");
		json_builder_add_boolean_value(b, f->fonts[i].subset);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	js_jstr(b, "created", f->created);
	js_jstr(b, "md5", f->md5);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	g = json_generator_new();
	json_generator_set_pretty(g, TRUE);
	json_generator_set_root(g, root);
	s = json_generator_to_data(g, NULL);
	json_node_unref(root);
	g_object_unref(g);
	g_object_unref(b);
	return s;
}

/* ---- the command ---- */

/* Whether `path` ends in ".json" (any case). */
static int js_is_json(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && g_ascii_strcasecmp(path + n - 5, ".json") == 0;
}

/* Reads the whole file (bounded).  NULL after reporting. */
static GBytes *js_read(const char *path, struct msg *m)
{
	GMappedFile *mf;
	GError *err = NULL;
	GBytes *b;

	mf = g_mapped_file_new(path, FALSE, &err);
	if (!mf) {
		msg_at(m, M_OPEN, path, 0, 0, err->message);
		g_error_free(err);
		return NULL;
	}
	if (g_mapped_file_get_length(mf) > (gsize)JOBSHEET_MAX_BYTES) {
		char why[96];

		snprintf(why, sizeof why, "larger than %ld MiB", JOBSHEET_MAX_BYTES >> 20);
		msg_at(m, M_JOBSHEET_READ, path, 0, 0, why);
		g_mapped_file_unref(mf);
		return NULL;
	}
	/* a copy: the file may change under a mapping while we read it */
	b = g_bytes_new(g_mapped_file_get_contents(mf), g_mapped_file_get_length(mf));
	g_mapped_file_unref(mf);
	return b;
}

/* Reads `in`, writes the sheet to `out` ("-" = standard output). */
static void js_run(const char *in, const char *out, int json, struct msg *m)
{
	struct js_facts f = { .path = in };
	struct out_set *set = out_set_new();
	unsigned char *icc = NULL;
	size_t icc_len = 0, len;
	const char *tmp;
	GBytes *bytes = NULL;
	const char *data;
	char *md5;
	FILE *o;

	out_input(set, in);
	if (!(tmp = out_claim(set, out, m)) || !(bytes = js_read(in, m)))
		goto out;
	data = g_bytes_get_data(bytes, &len);
	md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)data, len);
	snprintf(f.md5, sizeof f.md5, "%s", md5);
	g_free(md5);
	if (js_qpdf(data, len, &f, &icc, &icc_len, m) < 0 || js_poppler(bytes, &f, m) < 0 ||
	    js_ink_render(&f, set, tmp, data, len, icc, icc_len, m) < 0)
		goto out;
	if (!(o = out_open(set, out, m)))
		goto out;
	if (json) {
		char *s = js_json(&f);

		fputs(s, o);
		fputc('\n', o);
		g_free(s);
	} else {
		js_text(o, &f);
	}
	if (out_close(set, out, o, m) == 0 && out_commit(set, m) == 0)
		msg_at(m, M_JOBSHEET_DONE, in, 0, 0, f.pages, out);
out:
	out_set_free(set);
	if (bytes)
		g_bytes_unref(bytes);
	free(icc);
	js_facts_done(&f);
}

void jobsheet_main(int argc, char **argv, const char *home, struct msg *m)
{
	enum { OPT_JSON = 300 };
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = "-";
	int c, json = 0;

	(void)home;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'q': m->quiet = 1; break;
		case OPT_JSON: json = 1; break;
		default:
			msg_at(m, M_USAGE, NULL, 0, 0, "jobsheet FILE.pdf [-o SHEET.txt|SHEET.json] [--json]");
			return;
		}
	}
	if (optind != argc - 1) {
		msg_at(m, M_USAGE, NULL, 0, 0, "jobsheet takes one PDF: jobsheet FILE.pdf "
		       "[-o SHEET.txt|SHEET.json] [--json]");
		return;
	}
	js_run(argv[optind], out, json || js_is_json(out), m);
}
