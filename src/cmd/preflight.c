/* preflight: reads any PDF with libqpdf and reports what a printer would refuse. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <errno.h>
#include <ctype.h>
#include <sys/stat.h>

#include <qpdf/qpdf-c.h>

#include "msg.h"
#include "qpdfobj.h"
#include "pdfread.h"
#include "pdftok.h"
#include "pfcolour.h"
#include "preflight.h"

#define PF_MAX_FORM_DEPTH 12      /* nested forms followed */
#define PF_MAX_PROFILE (16L << 20) /* bytes of the output intent's profile read */
#define PF_MAX_Q 32               /* graphics states tracked on the q stack */
#define PF_MAX_OPS 20000000L      /* content operators read in a whole file */
#define PF_MAX_FORM_RUNS 20000    /* forms interpreted in a whole file */
#define PF_MAX_TREE 64            /* page tree depth walked for inherited boxes */
#define PF_MAX_IMAGES 4096        /* image placements remembered on a page */
#define PF_MAX_WARNINGS 5         /* qpdf warnings reported one by one */
#define PF_MM(pt) ((pt) * 25.4 / 72.0)
#define PF_EPS 0.01               /* pt: box comparisons tolerate rounding */
/* Bounds against hostile files: refused (or not read) past these, within
 * about 2 s and 200 MiB whatever the file holds. */
#define PF_MAX_FILE (1024L << 20) /* bytes of PDF file read at all */
#define PF_MAX_PAGES 10000        /* pages (page tree leaves, /Count) */
#define PF_MAX_TREE_NODES 10000   /* intermediate page tree nodes */
#define PF_MAX_PARTS 4096         /* streams in one page's /Contents */
#define PF_MAX_STREAM (48L << 20) /* bytes one content stream may decode to */
#define PF_MAX_LIVE (96L << 20)   /* decoded bytes held at once (forms in forms) */
#define PF_MAX_DECODED (256L << 20) /* decoded content bytes read in a whole file */
#define PF_MAX_XMP (4L << 20)     /* bytes of XMP metadata read */

/* Kinds of finding: each has a severity and is printed for at most
 * PREFLIGHT_MAX_REPEAT pages, then summed up. */
enum pf_kind {
	PF_UNREADABLE, PF_DAMAGED, PF_NO_PAGES, PF_PAGES_WARN, PF_PAGES_ERR,
	PF_MEDIA, PF_CROP, PF_TRIM_MISSING, PF_BOX_INHERITED, PF_BOX_NESTING,
	PF_BLEED_SMALL, PF_TRIM_SIZE, PF_FONT_TYPE3, PF_FONT_EMBED,
	PF_ENCRYPTED, PF_JAVASCRIPT, PF_ACTIONS, PF_ACROFORM, PF_ACROFORM_EMPTY,
	PF_IMAGE_LOW, PF_IMAGE_WARN, PF_LINE_THIN, PF_CONTENT,
	PF_PDFX_MISSING, PF_PDFX_INTENT, PF_PDFX_PROFILE, PF_PDFX_TRAPPED,
	PF_PDFX_TITLE, PF_PDFX_XMP, PF_PDFX_VERSION,
	PF_HAIRLINE, PF_INK, PF_RGB, PF_RGB_CAL, PF_BLACK_TEXT, PF_REG_TRIM,
	PF_ANNOT_BLEED, PF_SPOT_NAMES, PF_SPOT_ALT,
	PF_REFUSED, PF_BOMB,
	PF__KINDS
};

/* What each kind is: its severity and the words of its summary line. */
static const struct pf_kind_info {
	int error;          /* 1 error, 0 warning */
	const char *label;  /* for "N more pages: label" */
} pf_kinds[PF__KINDS] = {
	[PF_UNREADABLE] = { .error = 1, .label = "unreadable" },
	[PF_DAMAGED] = { .error = 0, .label = "damaged structure" },
	[PF_NO_PAGES] = { .error = 1, .label = "no pages" },
	[PF_PAGES_WARN] = { .error = 0, .label = "page count" },
	[PF_PAGES_ERR] = { .error = 1, .label = "page count" },
	[PF_MEDIA] = { .error = 1, .label = "no valid MediaBox" },
	[PF_CROP] = { .error = 0, .label = "CropBox outside the MediaBox" },
	[PF_TRIM_MISSING] = { .error = 1, .label = "no TrimBox" },
	[PF_BOX_INHERITED] = { .error = 0, .label = "TrimBox or BleedBox inherited" },
	[PF_BOX_NESTING] = { .error = 1, .label = "page boxes not nested" },
	[PF_BLEED_SMALL] = { .error = 0, .label = "less than 3 mm of bleed" },
	[PF_TRIM_SIZE] = { .error = 1, .label = "TrimBox size differs from page 1" },
	[PF_FONT_TYPE3] = { .error = 1, .label = "Type 3 fonts" },
	[PF_FONT_EMBED] = { .error = 1, .label = "fonts not embedded" },
	[PF_ENCRYPTED] = { .error = 1, .label = "encrypted" },
	[PF_JAVASCRIPT] = { .error = 1, .label = "JavaScript" },
	[PF_ACTIONS] = { .error = 1, .label = "additional actions (/AA)" },
	[PF_ACROFORM] = { .error = 1, .label = "form fields" },
	[PF_ACROFORM_EMPTY] = { .error = 0, .label = "empty AcroForm" },
	[PF_IMAGE_LOW] = { .error = 1, .label = "images below 150 ppi" },
	[PF_IMAGE_WARN] = { .error = 0, .label = "images below 300 ppi" },
	[PF_LINE_THIN] = { .error = 0, .label = "lines thinner than 0.25 pt" },
	[PF_CONTENT] = { .error = 0, .label = "content not fully read" },
	[PF_PDFX_MISSING] = { .error = 1, .label = "PDF/X not claimed" },
	[PF_PDFX_INTENT] = { .error = 1, .label = "no PDF/X output intent" },
	[PF_PDFX_PROFILE] = { .error = 1, .label = "output intent without profile" },
	[PF_PDFX_TRAPPED] = { .error = 1, .label = "Trapped not set" },
	[PF_PDFX_TITLE] = { .error = 1, .label = "no title" },
	[PF_PDFX_XMP] = { .error = 1, .label = "PDF/X claim missing" },
	[PF_PDFX_VERSION] = { .error = 0, .label = "PDF version" },
	[PF_HAIRLINE] = { .error = 1, .label = "hairlines under 0.125 pt" },
	[PF_INK] = { .error = 1, .label = "total ink over the limit" },
	[PF_RGB] = { .error = 1, .label = "RGB or Lab objects in a CMYK file" },
	[PF_RGB_CAL] = { .error = 0, .label = "calibrated RGB or Lab in PDF/X-3" },
	[PF_BLACK_TEXT] = { .error = 0, .label = "small text in four-colour black" },
	[PF_REG_TRIM] = { .error = 1, .label = "registration colour inside the trim" },
	[PF_ANNOT_BLEED] = { .error = 1, .label = "annotations inside the bleed" },
	[PF_SPOT_NAMES] = { .error = 1, .label = "spot inks named two ways" },
	[PF_SPOT_ALT] = { .error = 0, .label = "spot inks with two alternates" },
	[PF_REFUSED] = { .error = 1, .label = "refused" },
	[PF_BOMB] = { .error = 1, .label = "content decoding past the bound" },
};

/* An image as placed on the current page. */
struct pf_image {
	int id;          /* object number; 0 for an inline image */
	char name[64];   /* resource name where first drawn, for messages */
	double w, h;     /* size in pixels */
	double ppi;      /* the lowest effective resolution it was drawn at */
	double box[4];   /* where it was drawn at that resolution (pt) */
	char cs[48];     /* its colour space, as pfcolour names it */
	int icc;         /* 1 it carries an ICC profile (ICCBased), 2 the page's Default space gives one */
};

/* The state of one preflight_check run. */
struct pf {
	qpdf_data q;                      /* the document */
	const struct preflight_opts *o;   /* options (never NULL) */
	struct msg *m;                    /* where findings go */
	const char *path;                 /* the file, for messages */
	int page;                         /* page being checked (1-based), 0 for the document */
	int errors;                       /* errors found, printed or summed up */
	int warnings;                     /* warnings found, printed or summed up */
	int count[PF__KINDS];             /* findings of each kind */
	int have_trim;                    /* whether trim_w/trim_h hold page 1's size */
	double trim_w, trim_h;            /* the first TrimBox's size, pt */
	struct qpdfobj_ids fonts;         /* fonts checked already */
	struct qpdfobj_ids forms;         /* forms walked for fonts already */
	struct pf_image *img;             /* images placed on this page */
	size_t nimg, capimg;              /* entries and allocation of img */
	long thin;                        /* strokes thinner than allowed on this page */
	double thinnest;                  /* the thinnest of them, pt */
	long ops_left;                    /* content operators still allowed */
	int forms_left;                   /* form runs still allowed */
	double thin_box[4];               /* where the thinnest stroke is */
	long hairlines;                   /* strokes under PREFLIGHT_HAIRLINE on this page */
	double hair_box[4];               /* the first of them */
	double hair_w;                    /* its width, pt */
	double trim[4];                   /* the page's TrimBox (else its MediaBox), for positions */
	double bleed[4];                  /* the page's BleedBox (else CropBox, MediaBox) */
	struct pfc *pfc;                  /* colour: plates, ink, spaces */
	char pdfx[64];                    /* the PDF/X version claimed, "" none */
	int cmyk_only;                    /* RGB and Lab refused (PDF/X-1a, X-3, --cmyk) */
	double ink_limit;                 /* total ink allowed, % */
	char condition[64];               /* the output intent's condition, for messages */
	struct preflight_facts *facts;    /* filled for the caller, or NULL */
	struct pdfread *rd;               /* bounded stream decoding */
	long live;                        /* decoded bytes held now */
	long decoded_left;                /* decoded bytes still allowed in the file */
};

/* Tell message id about the file: fmt formatted with ap, "page N: "
 * first on a page. */
__attribute__((format(printf, 3, 0)))
static void pf_vtell(struct pf *pf, enum msg_id id, const char *fmt, va_list ap)
{
	char text[1024];
	int n = 0;

	if (pf->page > 0)
		n = snprintf(text, sizeof text, "page %d: ", pf->page);
	vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
	msg_at(pf->m, id, pf->path, 0, 0, text);
}

/* Report one finding of `kind`, prefixed "page N: " on a page.  Past
 * PREFLIGHT_MAX_REPEAT of a kind, it is only counted (pf_summary). */
__attribute__((format(printf, 3, 4)))
static void pf_say(struct pf *pf, enum pf_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (pf_kinds[kind].error)
		pf->errors++;
	else
		pf->warnings++;
	if (++pf->count[kind] > PREFLIGHT_MAX_REPEAT || pf->o->silent)
		return;
	va_start(ap, fmt);
	pf_vtell(pf, pf_kinds[kind].error ? M_PREFLIGHT : M_PREFLIGHT_WARN, fmt, ap);
	va_end(ap);
}

/* One line for each kind that was cut short after PREFLIGHT_MAX_REPEAT. */
static void pf_summary(struct pf *pf)
{
	char text[256];

	for (int k = 0; k < PF__KINDS && !pf->o->silent; k++) {
		if (pf->count[k] <= PREFLIGHT_MAX_REPEAT)
			continue;
		snprintf(text, sizeof text, "%d more of the same: %s",
			 pf->count[k] - PREFLIGHT_MAX_REPEAT, pf_kinds[k].label);
		msg_at(pf->m, pf_kinds[k].error ? M_PREFLIGHT : M_PREFLIGHT_WARN,
		       pf->path, 0, 0, text);
	}
}

/* A note (the plates of a page, an image's resolution), "page N: " first. */
__attribute__((format(printf, 2, 3)))
static void pf_note(struct pf *pf, const char *fmt, ...)
{
	va_list ap;

	if (pf->o->silent)
		return;
	va_start(ap, fmt);
	pf_vtell(pf, M_PREFLIGHT_NOTE, fmt, ap);
	va_end(ap);
}

/* Where box (pt, default user space) is on the page, for a message:
 * its top left corner from the trim's top left corner, in mm. */
static const char *pf_where(const struct pf *pf, const double box[4], char *buf, size_t n)
{
	snprintf(buf, n, "at x %.1f, y %.1f mm", PF_MM(box[0] - pf->trim[0]),
		 PF_MM(pf->trim[3] - box[3]));
	return buf;
}

/* d[key] when d is a dictionary or a stream (whose dictionary is used);
 * a null handle otherwise.  The caller may release the result. */
static qpdf_oh pf_get(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh dict, v;

	if (!qpdf_oh_is_stream(q, d))
		return qpdf_oh_get_key_if_dict(q, d, key);
	dict = qpdf_oh_get_dict(q, d);
	v = qpdf_oh_get_key_if_dict(q, dict, key);
	qpdf_oh_release(q, dict);
	return v;
}

/* The name d[key] without its slash, copied into buf; "" when absent. */
static const char *pf_name(qpdf_data q, qpdf_oh d, const char *key, char *buf, size_t n)
{
	qpdf_oh v = pf_get(q, d, key);

	snprintf(buf, n, "%s", qpdf_oh_is_name(q, v) ? qpdf_oh_get_name(q, v) + 1 : "");
	qpdf_oh_release(q, v);
	return buf;
}

/* Whether d[key] is the name `name` (with its slash). */
static int pf_is(qpdf_data q, qpdf_oh d, const char *key, const char *name)
{
	qpdf_oh v = pf_get(q, d, key);
	int yes = qpdf_oh_is_name_and_equals(q, v, name);

	qpdf_oh_release(q, v);
	return yes;
}

/* The number d[key], or `def` when it is not a number. */
static double pf_num(qpdf_data q, qpdf_oh d, const char *key, double def)
{
	qpdf_oh v = pf_get(q, d, key);
	double x;

	if (!qpdf_oh_get_value_as_number(q, v, &x))
		x = def;
	qpdf_oh_release(q, v);
	return x;
}

/* Resource `name` of category `cat` ("/XObject", "/ExtGState") in res.
 * Content operators call this for every Do and gs, so the intermediate
 * handle is released: a page with a million Do keeps no million handles. */
static qpdf_oh pf_resource(qpdf_data q, qpdf_oh res, const char *cat, const char *name)
{
	qpdf_oh sub = qpdf_oh_get_key_if_dict(q, res, cat);
	qpdf_oh v = name[0] ? qpdf_oh_get_key_if_dict(q, sub, name) : qpdf_oh_new_null(q);

	qpdf_oh_release(q, sub);
	return v;
}

/* ---- page boxes ---- */

/* Attribute `key` of a page, looked up the page tree as a reader would;
 * *depth is 0 when it is on the page itself.  Null handle when absent. */
static qpdf_oh pf_inherited(qpdf_data q, qpdf_oh page, const char *key, int *depth)
{
	qpdf_oh node = page;

	for (*depth = 0; *depth < PF_MAX_TREE && qpdf_oh_is_dictionary(q, node); ++*depth) {
		qpdf_oh v = qpdf_oh_get_key(q, node, key);

		if (!qpdf_oh_is_null(q, v))
			return v;
		node = qpdf_oh_get_key(q, node, "/Parent");
	}
	return qpdf_oh_new_null(q);
}

/* Box `key` of the page, inherited or not.
 * 1 found on the page, 2 found on an ancestor, 0 absent, -1 malformed. */
static int pf_box(qpdf_data q, qpdf_oh page, const char *key, double r[4])
{
	int depth;
	qpdf_oh v = pf_inherited(q, page, key, &depth);

	if (qpdf_oh_is_null(q, v))
		return 0;
	return qpdfobj_rect(q, v, r) ? -1 : depth == 0 ? 1 : 2;
}

/* Whether `in` lies within `out`, give or take PF_EPS. */
static int pf_inside(const double in[4], const double out[4])
{
	return in[0] >= out[0] - PF_EPS && in[1] >= out[1] - PF_EPS &&
	       in[2] <= out[2] + PF_EPS && in[3] <= out[3] + PF_EPS;
}

/* The TrimBox is the same size on every page: a printer trims them all alike. */
static void pf_trim_size(struct pf *pf, const double trim[4])
{
	double w = trim[2] - trim[0], h = trim[3] - trim[1];

	if (!pf->have_trim) {
		pf->have_trim = 1;
		pf->trim_w = w;
		pf->trim_h = h;
	} else if (fabs(w - pf->trim_w) > 0.1 || fabs(h - pf->trim_h) > 0.1) {
		pf_say(pf, PF_TRIM_SIZE, "the TrimBox is %.1f x %.1f mm, the first page's "
		       "%.1f x %.1f mm: every page must be trimmed to one size",
		       PF_MM(w), PF_MM(h), PF_MM(pf->trim_w), PF_MM(pf->trim_h));
	}
}

/* Bleed margin: the least distance between the TrimBox and the BleedBox. */
static void pf_bleed(struct pf *pf, const double trim[4], const double bleed[4])
{
	double least = fmin(fmin(trim[0] - bleed[0], trim[1] - bleed[1]),
			    fmin(bleed[2] - trim[2], bleed[3] - trim[3]));

	if (least < PREFLIGHT_BLEED_MIN - PF_EPS)
		pf_say(pf, PF_BLEED_SMALL, "%.1f mm of bleed around the TrimBox; printers "
		       "expect 3 mm where colour reaches the edge", PF_MM(fmax(least, 0)));
}

/* Boxes present, nested and consistent (see preflight.h). */
static void pf_boxes(struct pf *pf, qpdf_oh page)
{
	double media[4], crop[4], bleed[4], trim[4];
	int hm = pf_box(pf->q, page, "/MediaBox", media);
	int hc = pf_box(pf->q, page, "/CropBox", crop);
	int hb = pf_box(pf->q, page, "/BleedBox", bleed);
	int ht = pf_box(pf->q, page, "/TrimBox", trim);

	if (hm <= 0) {
		pf_say(pf, PF_MEDIA, "no valid MediaBox");
		return;
	}
	memcpy(pf->trim, ht > 0 ? trim : media, sizeof pf->trim);
	memcpy(pf->bleed, hb > 0 ? bleed : hc > 0 ? crop : media, sizeof pf->bleed);
	if (hc > 0 && !pf_inside(crop, media))
		pf_say(pf, PF_CROP, "the CropBox reaches outside the MediaBox");
	if (hc <= 0)
		memcpy(crop, media, sizeof crop);
	if (ht <= 0) {
		pf_say(pf, PF_TRIM_MISSING, ht < 0 ? "the TrimBox is not 4 numbers" :
		       "no TrimBox: the printer cannot tell the finished page size");
		return;
	}
	if (ht == 2 || hb == 2)
		pf_say(pf, PF_BOX_INHERITED, "the %s is only on the page tree: PDF does not "
		       "make it inheritable and some RIPs ignore it", ht == 2 ? "TrimBox" : "BleedBox");
	if (hb <= 0)
		memcpy(bleed, crop, sizeof bleed);
	if (!pf_inside(bleed, media))
		pf_say(pf, PF_BOX_NESTING, "the BleedBox [%g %g %g %g] reaches outside the "
		       "MediaBox [%g %g %g %g]", bleed[0], bleed[1], bleed[2], bleed[3],
		       media[0], media[1], media[2], media[3]);
	else if (!pf_inside(trim, bleed))
		pf_say(pf, PF_BOX_NESTING, "the TrimBox [%g %g %g %g] reaches outside the "
		       "%s [%g %g %g %g]", trim[0], trim[1], trim[2], trim[3],
		       hb > 0 ? "BleedBox" : "CropBox", bleed[0], bleed[1], bleed[2], bleed[3]);
	else
		pf_bleed(pf, trim, bleed);
	pf_trim_size(pf, trim);
}

/* ---- fonts ---- */

/* Whether a font descriptor holds the font program. */
static int pf_embedded(qpdf_data q, qpdf_oh desc)
{
	static const char *const keys[] = { "/FontFile", "/FontFile2", "/FontFile3" };

	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (qpdf_oh_is_stream(q, pf_get(q, desc, keys[i])))
			return 1;
	return 0;
}

/* One font dictionary: embedded and not Type 3. */
static void pf_font(struct pf *pf, qpdf_oh font)
{
	qpdf_data q = pf->q;
	char base[128], sub[32];
	qpdf_oh desc = font, kids;

	pf_name(q, font, "/BaseFont", base, sizeof base);
	if (!base[0])
		snprintf(base, sizeof base, "(unnamed, object %d)", qpdf_oh_get_object_id(q, font));
	pf_name(q, font, "/Subtype", sub, sizeof sub);
	if (strcmp(sub, "Type3") == 0) {
		pf_say(pf, PF_FONT_TYPE3, "font %s is a Type 3 font, which RIPs render "
		       "poorly: use an outline font", base);
		return;
	}
	if (strcmp(sub, "Type0") == 0) {
		kids = pf_get(q, font, "/DescendantFonts");
		desc = qpdf_oh_is_array(q, kids) && qpdf_oh_get_array_n_items(q, kids) > 0 ?
		       qpdf_oh_get_array_item(q, kids, 0) : qpdf_oh_new_null(q);
	}
	if (pf_embedded(q, pf_get(q, desc, "/FontDescriptor")))
		return;
	pf_say(pf, PF_FONT_EMBED, "font %s is not embedded: the printer would "
	       "substitute another", base);
}

static void pf_fonts_in(struct pf *pf, qpdf_oh res, int depth);

/* The fonts of a form (or tiling pattern) stream, once per document. */
static void pf_fonts_form(struct pf *pf, qpdf_oh form, int depth)
{
	if (qpdf_oh_is_stream(pf->q, form) &&
	    !qpdfobj_seen(&pf->forms, qpdf_oh_get_object_id(pf->q, form)))
		pf_fonts_in(pf, pf_get(pf->q, form, "/Resources"), depth + 1);
}

/* Every font of a resource dictionary and of the forms and patterns it
 * names.  Each font is checked once, on the first page using it. */
static void pf_fonts_in(struct pf *pf, qpdf_oh res, int depth)
{
	static const char *const subs[] = { "/XObject", "/Pattern" };
	qpdf_oh *v;
	size_t n;

	if (depth > PF_MAX_FORM_DEPTH || !qpdf_oh_is_dictionary(pf->q, res))
		return;
	v = qpdfobj_dict_values(pf->q, qpdf_oh_get_key(pf->q, res, "/Font"), &n);
	for (size_t i = 0; i < n; i++)
		if (qpdf_oh_is_dictionary(pf->q, v[i]) &&
		    !qpdfobj_seen(&pf->fonts, qpdf_oh_get_object_id(pf->q, v[i])))
			pf_font(pf, v[i]);
	free(v);
	for (size_t s = 0; s < sizeof subs / sizeof *subs; s++) {
		v = qpdfobj_dict_values(pf->q, qpdf_oh_get_key(pf->q, res, subs[s]), &n);
		for (size_t i = 0; i < n; i++)
			pf_fonts_form(pf, v[i], depth);
		free(v);
	}
}

/* ---- JavaScript, actions, forms, encryption ---- */

/* Whether an action (or an action it chains to by /Next) is JavaScript.
 * *budget bounds the actions visited: /Next arrays can share entries and
 * would otherwise be walked exponentially often. */
static int pf_action_js_in(qpdf_data q, qpdf_oh a, int *budget)
{
	qpdf_oh next;

	if (--*budget < 0 || !qpdf_oh_is_dictionary(q, a))
		return 0;
	if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/S"), "/JavaScript"))
		return 1;
	next = qpdf_oh_get_key(q, a, "/Next");
	if (!qpdf_oh_is_array(q, next))
		return pf_action_js_in(q, next, budget);
	for (int i = 0; i < qpdf_oh_get_array_n_items(q, next) && *budget > 0; i++)
		if (pf_action_js_in(q, qpdf_oh_get_array_item(q, next, i), budget))
			return 1;
	return 0;
}

static int pf_action_js(qpdf_data q, qpdf_oh a)
{
	int budget = 256;

	return pf_action_js_in(q, a, &budget);
}

/* PDF/X: no annotation inside the BleedBox (the printed area), but for
 * printer's marks and trap networks, which PDF/X allows outside the trim. */
static void pf_annot_bleed(struct pf *pf, qpdf_oh a, const char *sub)
{
	double r[4], cut[4];
	char where[64];

	if ((!pf->pdfx[0] && !pf->o->pdfx) || !strcmp(sub, "PrinterMark") || !strcmp(sub, "TrapNet"))
		return;
	if (qpdfobj_rect(pf->q, qpdf_oh_get_key_if_dict(pf->q, a, "/Rect"), r) != 0)
		return;
	cut[0] = fmax(r[0], pf->bleed[0]);
	cut[1] = fmax(r[1], pf->bleed[1]);
	cut[2] = fmin(r[2], pf->bleed[2]);
	cut[3] = fmin(r[3], pf->bleed[3]);
	if (cut[2] < cut[0] || cut[3] < cut[1])
		return;
	pf_say(pf, PF_ANNOT_BLEED, "a %s annotation %s (%.1f x %.1f mm) lies inside the "
	       "bleed: PDF/X allows no annotation in the printed area (remove links "
	       "from a press edition)", sub[0] ? sub : "(untyped)", pf_where(pf, r, where, sizeof where),
	       PF_MM(r[2] - r[0]), PF_MM(r[3] - r[1]));
}

/* The annotations of a page: scripts, the bleed, and the fonts of their appearances. */
static void pf_annots(struct pf *pf, qpdf_oh page)
{
	qpdf_data q = pf->q;
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
	char sub[32];

	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, i), ap;

		pf_name(q, a, "/Subtype", sub, sizeof sub);
		pf_annot_bleed(pf, a, sub);
		if (pf_action_js(q, qpdf_oh_get_key_if_dict(q, a, "/A")))
			pf_say(pf, PF_JAVASCRIPT, "a %s annotation runs JavaScript", sub);
		if (qpdf_oh_is_dictionary(q, qpdf_oh_get_key_if_dict(q, a, "/AA")))
			pf_say(pf, PF_ACTIONS, "a %s annotation has additional actions (/AA), "
			       "which run scripts", sub);
		ap = pf_get(q, pf_get(q, a, "/AP"), "/N");
		if (qpdf_oh_is_stream(q, ap)) {
			pf_fonts_form(pf, ap, 0);
		} else {
			size_t k;
			qpdf_oh *v = qpdfobj_dict_values(q, ap, &k);

			for (size_t j = 0; j < k; j++)
				pf_fonts_form(pf, v[j], 0);
			free(v);
		}
	}
}

/* Document-level: encryption, scripts, actions, forms. */
static void pf_document(struct pf *pf)
{
	qpdf_data q = pf->q;
	qpdf_oh root = qpdf_get_root(q), form, fields;

	if (qpdf_is_encrypted(q))
		pf_say(pf, PF_ENCRYPTED, "the file is encrypted: printers need it open");
	if (!qpdf_oh_is_null(q, pf_get(q, pf_get(q, root, "/Names"), "/JavaScript")))
		pf_say(pf, PF_JAVASCRIPT, "the document has JavaScript (Names /JavaScript)");
	if (pf_action_js(q, qpdf_oh_get_key(q, root, "/OpenAction")))
		pf_say(pf, PF_JAVASCRIPT, "the document runs JavaScript when opened (OpenAction)");
	if (qpdf_oh_is_dictionary(q, qpdf_oh_get_key(q, root, "/AA")))
		pf_say(pf, PF_ACTIONS, "the document has additional actions (/AA), which run scripts");
	form = qpdf_oh_get_key(q, root, "/AcroForm");
	if (!qpdf_oh_is_dictionary(q, form))
		return;
	fields = qpdf_oh_get_key(q, form, "/Fields");
	if (qpdf_oh_is_array(q, fields) && qpdf_oh_get_array_n_items(q, fields) > 0)
		pf_say(pf, PF_ACROFORM, "the document has interactive form fields (AcroForm)");
	else
		pf_say(pf, PF_ACROFORM_EMPTY, "the document has an empty AcroForm dictionary");
}

/* ---- content streams: the graphics state that matters here ---- */

/* What a stroke's width, an image's size, a colour and a text's size
 * depend on. */
struct pf_gstate {
	double ctm[6];            /* current transformation matrix, to default user space (pt) */
	double lw;                /* line width in user space */
	struct pfc_colour fill;   /* nonstroking colour */
	struct pfc_colour stroke; /* stroking colour */
	double tfs;               /* text font size (Tf) */
	double th;                /* horizontal scaling (Tz / 100) */
	double trise;             /* text rise (Ts) */
	double tl;                /* leading (TL) */
	int tr;                   /* text rendering mode (Tr) */
};

/* One content stream being interpreted (a page, or a form inside it). */
struct pf_scan {
	struct pf_gstate st[PF_MAX_Q]; /* st[depth] is current; q pushes */
	int depth;                     /* index of the current state */
	int lost;                      /* q beyond PF_MAX_Q, matched by Q first */
	double num[8];                 /* the last operands (numbers; NAN otherwise) */
	int nnum;                      /* operands since the last operator, up to 8 */
	char name[64];                 /* the last name operand */
	qpdf_oh res;                   /* the resource dictionary in force */
	int level;                     /* form nesting depth */
	int nest;                      /* arrays and dictionaries open (one operand) */
	int in_image;                  /* between BI and EI */
	char key[64];                  /* BI: the key whose value comes next */
	double image_w, image_h;       /* BI: the inline image's /W and /H */
	char image_cs[64];             /* BI: its /CS name */
	int image_mask;                /* BI: /IM true */
	double tm[6], tlm[6];          /* text matrix and text line matrix (BT resets) */
	double path[4];                /* the current path's box, default user space */
	int have_path;                 /* whether path holds a point */
	double sub[4];                 /* the current subpath's box */
	int have_sub;                  /* whether sub holds a point */
	double where[4];               /* the box findings name: the first subpath inside
					* the trim, else the first subpath */
	int where_kind;                /* 0 none yet, 1 a subpath outside, 2 one inside */
	double num_all[PFC_MAX_COMP];  /* the numbers since the last operator, in order */
	int nall;                      /* how many (sc, scn take up to PFC_MAX_COMP) */
	struct pf *pf;                 /* the run this scan belongs to */
};

/* Whether the last k operands were all numbers; they are then in out[]. */
static int pf_operands(const struct pf_scan *sc, int k, double *out)
{
	if (sc->nnum < k)
		return 0;
	for (int i = 0; i < k; i++) {
		out[i] = sc->num[sc->nnum - k + i];
		if (isnan(out[i]))
			return 0;
	}
	return 1;
}

static void pf_push(struct pf_scan *sc, double v)
{
	if (sc->nnum == 8) {
		memmove(sc->num, sc->num + 1, 7 * sizeof *sc->num);
		sc->nnum = 7;
	}
	sc->num[sc->nnum++] = v;
	if (!isnan(v) && sc->nall < PFC_MAX_COMP)
		sc->num_all[sc->nall++] = v;
}

/* m = a x m: prepend a transformation, as cm and form matrices do. */
static void pf_concat(double m[6], const double a[6])
{
	double r[6] = {
		a[0] * m[0] + a[1] * m[2], a[0] * m[1] + a[1] * m[3],
		a[2] * m[0] + a[3] * m[2], a[2] * m[1] + a[3] * m[3],
		a[4] * m[0] + a[5] * m[2] + m[4], a[4] * m[1] + a[5] * m[3] + m[5],
	};

	memcpy(m, r, sizeof r);
}

/* The smallest factor by which the CTM scales a length in any direction:
 * the smaller singular value of its 2x2 part. */
static double pf_min_scale(const double m[6])
{
	double s = m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + m[3] * m[3];
	double det = fabs(m[0] * m[3] - m[1] * m[2]);
	double big = sqrt((s + sqrt(fmax(0, s * s - 4 * det * det))) / 2);

	return big > 0 ? det / big : 0;
}

/* The box (default user space) of the unit square mapped by ctm. */
static void pf_unit_box(const double ctm[6], double box[4])
{
	box[0] = ctm[4] + fmin(0, ctm[0]) + fmin(0, ctm[2]);
	box[2] = ctm[4] + fmax(0, ctm[0]) + fmax(0, ctm[2]);
	box[1] = ctm[5] + fmin(0, ctm[1]) + fmin(0, ctm[3]);
	box[3] = ctm[5] + fmax(0, ctm[1]) + fmax(0, ctm[3]);
}

/* Remember an image placement: the unit square mapped by the CTM, in
 * colour space cs (NULL: not known). */
static void pf_place_image(struct pf *pf, const double ctm[6], int id,
			   const char *name, double w, double h, const struct pfc_space *cs)
{
	double sx = hypot(ctm[0], ctm[1]), sy = hypot(ctm[2], ctm[3]), ppi;
	struct pf_image *im = NULL;

	if (sx < 1e-6 || sy < 1e-6 || w < 1 || h < 1)
		return;
	ppi = fmin(w * 72 / sx, h * 72 / sy);
	for (size_t i = 0; id && i < pf->nimg; i++)
		if (pf->img[i].id == id)
			im = &pf->img[i];
	if (!im) {
		if (pf->nimg >= PF_MAX_IMAGES)
			return;
		xgrow(&pf->img, &pf->capimg, pf->nimg + 1, sizeof *pf->img);
		im = &pf->img[pf->nimg++];
		*im = (struct pf_image){ .id = id, .w = w, .h = h, .ppi = HUGE_VAL,
					 .icc = !cs || !cs->icc ? 0 : cs->by_default ? 2 : 1 };
		snprintf(im->name, sizeof im->name, "%s", name);
		snprintf(im->cs, sizeof im->cs, "%s", cs ? cs->name : "(unknown)");
	}
	if (ppi < im->ppi) {
		im->ppi = ppi;
		pf_unit_box(ctm, im->box);
	}
}

static void pf_scan_stream(struct pf *pf, qpdf_oh stream, qpdf_oh res,
			   const struct pf_gstate *gs, int level);

/* A form's /Matrix, or the identity. */
static void pf_matrix(qpdf_data q, qpdf_oh form, double m[6])
{
	qpdf_oh a = pf_get(q, form, "/Matrix");
	double v[6];
	int ok = qpdf_oh_is_array(q, a) && qpdf_oh_get_array_n_items(q, a) == 6;

	for (int i = 0; ok && i < 6; i++) {
		qpdf_oh item = qpdf_oh_get_array_item(q, a, i);

		ok = qpdf_oh_get_value_as_number(q, item, &v[i]);
		qpdf_oh_release(q, item);
	}
	if (ok)
		memcpy(m, v, sizeof v);
	qpdf_oh_release(q, a);
}

/* Follow a form: its matrix joins the CTM, its resources (or, for old
 * files without any, the caller's) are used.  Forms can draw forms, so the
 * number of form runs per document is bounded as well as their depth. */
static void pf_form(struct pf *pf, struct pf_scan *sc, qpdf_oh form)
{
	qpdf_data q = pf->q;
	struct pf_gstate gs = sc->st[sc->depth];
	double m[6] = { 1, 0, 0, 1, 0, 0 };
	qpdf_oh res;

	if (sc->level >= PF_MAX_FORM_DEPTH)
		return;
	if (--pf->forms_left < 0) {
		if (pf->forms_left == -1)
			pf_say(pf, PF_CONTENT, "more than %d form runs: the rest of the file is "
			       "not checked for images and lines", PF_MAX_FORM_RUNS);
		return;
	}
	pf_matrix(q, form, m);
	pf_concat(gs.ctm, m);
	res = pf_get(q, form, "/Resources");
	pf_scan_stream(pf, form, qpdf_oh_is_dictionary(q, res) ? res : sc->res, &gs, sc->level + 1);
	qpdf_oh_release(q, res);
}

/* Do: an image is measured, a form is followed. */
static void pf_op_do(struct pf *pf, struct pf_scan *sc)
{
	qpdf_data q = pf->q;
	qpdf_oh xo = pf_resource(q, sc->res, "/XObject", sc->name);

	if (qpdf_oh_is_stream(q, xo) && pf_is(q, xo, "/Subtype", "/Image")) {
		const struct pf_gstate *gs = &sc->st[sc->depth];
		struct pfc_space cs;
		double box[4];

		pf_unit_box(gs->ctm, box);
		pfc_image(pf->pfc, sc->res, xo, &gs->fill, box, &cs);
		pf_place_image(pf, gs->ctm, qpdf_oh_get_object_id(q, xo), sc->name,
			       pf_num(q, xo, "/Width", 0), pf_num(q, xo, "/Height", 0), &cs);
	} else if (qpdf_oh_is_stream(q, xo) && pf_is(q, xo, "/Subtype", "/Form"))
		pf_form(pf, sc, xo);
	qpdf_oh_release(q, xo);
}

/* BI: an inline image's dictionary follows (pf_token reads its /W and
 * /H), then its data; EI places it. */
static void pf_op_bi(struct pf *pf, struct pf_scan *sc)
{
	(void)pf;
	sc->in_image = 1;
	sc->key[0] = '\0';
	sc->image_w = sc->image_h = 0;
	sc->image_cs[0] = '\0';
	sc->image_mask = 0;
}

static void pf_op_ei(struct pf *pf, struct pf_scan *sc)
{
	const struct pf_gstate *gs = &sc->st[sc->depth];
	struct pfc_colour col;
	double box[4];

	if (sc->in_image) {
		pf_unit_box(gs->ctm, box);
		pfc_inline_image(pf->pfc, sc->res, sc->image_cs, sc->image_mask, &gs->fill, box);
		pfc_space_named(pf->pfc, sc->res, sc->image_cs, &col);
		pf_place_image(pf, gs->ctm, 0, "", sc->image_w, sc->image_h,
			       sc->image_mask ? &gs->fill.cs : &col.cs);
	}
	sc->in_image = 0;
}

static void pf_op_q(struct pf *pf, struct pf_scan *sc)
{
	(void)pf;
	if (sc->depth + 1 < PF_MAX_Q) {
		sc->st[sc->depth + 1] = sc->st[sc->depth];
		sc->depth++;
	} else {
		sc->lost++;
	}
}

static void pf_op_Q(struct pf *pf, struct pf_scan *sc)
{
	(void)pf;
	if (sc->lost > 0)
		sc->lost--;
	else if (sc->depth > 0)
		sc->depth--;
}

static void pf_op_cm(struct pf *pf, struct pf_scan *sc)
{
	double m[6];

	(void)pf;
	if (pf_operands(sc, 6, m))
		pf_concat(sc->st[sc->depth].ctm, m);
}

static void pf_op_w(struct pf *pf, struct pf_scan *sc)
{
	double w;

	(void)pf;
	if (pf_operands(sc, 1, &w))
		sc->st[sc->depth].lw = fabs(w);
}

/* gs: an ExtGState may set the line width (/LW). */
static void pf_op_gs(struct pf *pf, struct pf_scan *sc)
{
	qpdf_oh gs = pf_resource(pf->q, sc->res, "/ExtGState", sc->name);
	double lw = pf_num(pf->q, gs, "/LW", -1);

	if (lw >= 0)
		sc->st[sc->depth].lw = lw;
	qpdf_oh_release(pf->q, gs);
}

/* A stroke: its width in points is the line width scaled by the CTM. */
static void pf_stroke_width(struct pf *pf, struct pf_scan *sc)
{
	const struct pf_gstate *gs = &sc->st[sc->depth];
	double w = gs->lw * pf_min_scale(gs->ctm);

	if (fabs(gs->ctm[0] * gs->ctm[3] - gs->ctm[1] * gs->ctm[2]) < 1e-12)
		return; /* a singular CTM paints nothing */
	if (w < PREFLIGHT_HAIRLINE - 1e-6 && pf->hairlines++ == 0) {
		pf->hair_w = w;
		memcpy(pf->hair_box, sc->where, sizeof pf->hair_box);
	} else if (w < PREFLIGHT_LINE_MIN - 1e-6) {
		pf->thin++;
		if (w < pf->thinnest)
			memcpy(pf->thin_box, sc->where, sizeof pf->thin_box);
		pf->thinnest = fmin(pf->thinnest, w);
	}
}

/* box grown to hold (x, y); `have` says whether it held anything. */
static void pf_grow(double box[4], int *have, double x, double y)
{
	if (!*have) {
		box[0] = box[2] = x;
		box[1] = box[3] = y;
		*have = 1;
		return;
	}
	box[0] = fmin(box[0], x);
	box[1] = fmin(box[1], y);
	box[2] = fmax(box[2], x);
	box[3] = fmax(box[3], y);
}

/* A point of the current path, (x, y) in user space. */
static void pf_path_point(struct pf_scan *sc, double x, double y)
{
	const double *m = sc->st[sc->depth].ctm;
	double dx = m[0] * x + m[2] * y + m[4], dy = m[1] * x + m[3] * y + m[5];

	pf_grow(sc->path, &sc->have_path, dx, dy);
	pf_grow(sc->sub, &sc->have_sub, dx, dy);
}

/* The subpath ends: the box findings name is kept (marks are one path
 * of many subpaths around the trim: only a subpath inside it counts). */
static void pf_subpath_end(struct pf *pf, struct pf_scan *sc)
{
	const double *t = pf->trim;
	int inside;

	if (!sc->have_sub)
		return;
	inside = sc->sub[2] > t[0] + 0.01 && sc->sub[0] < t[2] - 0.01 &&
		 sc->sub[3] > t[1] + 0.01 && sc->sub[1] < t[3] - 0.01;
	if (sc->where_kind == 0 || (inside && sc->where_kind == 1)) {
		memcpy(sc->where, sc->sub, sizeof sc->where);
		sc->where_kind = inside ? 2 : 1;
	}
	sc->have_sub = 0;
}

/* m l c v y re: the path's points (curves by their control points). */
static void pf_op_path(struct pf *pf, struct pf_scan *sc)
{
	double v[6];

	if (sc->key[0] == 'm' || sc->key[0] == 'r')
		pf_subpath_end(pf, sc);
	if (sc->nall == 4 && pf_operands(sc, 4, v) && sc->key[0] == 'r') {
		pf_path_point(sc, v[0], v[1]);
		pf_path_point(sc, v[0] + v[2], v[1] + v[3]);
		pf_path_point(sc, v[0], v[1] + v[3]);
		pf_path_point(sc, v[0] + v[2], v[1]);
		return;
	}
	for (int i = 0; i + 1 < sc->nall; i += 2)
		pf_path_point(sc, sc->num_all[i], sc->num_all[i + 1]);
}

/* A painting operator: the path filled and/or stroked, then gone. */
static void pf_paint_path(struct pf *pf, struct pf_scan *sc, int fill, int stroke)
{
	const struct pf_gstate *gs = &sc->st[sc->depth];

	pf_subpath_end(pf, sc);
	if (sc->have_path && sc->where_kind) {
		if (fill)
			pfc_paint(pf->pfc, &gs->fill, PFC_FILL, sc->where, 0);
		if (stroke) {
			pf_stroke_width(pf, sc);
			pfc_paint(pf->pfc, &gs->stroke, PFC_STROKE, sc->where, 0);
		}
	}
	sc->have_path = 0;
	sc->where_kind = 0;
}

static void pf_op_fill(struct pf *pf, struct pf_scan *sc) { pf_paint_path(pf, sc, 1, 0); }
static void pf_op_stroke(struct pf *pf, struct pf_scan *sc) { pf_paint_path(pf, sc, 0, 1); }
static void pf_op_both(struct pf *pf, struct pf_scan *sc) { pf_paint_path(pf, sc, 1, 1); }
static void pf_op_n(struct pf *pf, struct pf_scan *sc) { pf_paint_path(pf, sc, 0, 0); }

/* g G rg RG k K: a device colour, fill (lower case) or stroke. */
static void pf_op_device(struct pf *pf, struct pf_scan *sc)
{
	struct pf_gstate *gs = &sc->st[sc->depth];
	int stroke = isupper((unsigned char)sc->key[0]);
	char c = (char)tolower((unsigned char)sc->key[0]);
	enum pfc_kind k = c == 'g' ? PFC_GRAY : c == 'r' ? PFC_RGB : PFC_CMYK;
	int n = k == PFC_GRAY ? 1 : k == PFC_RGB ? 3 : 4;
	double v[4];

	if (pf_operands(sc, n, v))
		pfc_device(pf->pfc, sc->res, k, v, n, stroke ? &gs->stroke : &gs->fill);
}

/* cs CS: a colour space by name, with its initial colour. */
static void pf_op_cs(struct pf *pf, struct pf_scan *sc)
{
	struct pf_gstate *gs = &sc->st[sc->depth];

	pfc_space_named(pf->pfc, sc->res, sc->name, sc->key[0] == 'C' ? &gs->stroke : &gs->fill);
}

/* sc scn SC SCN: the components (a pattern's name is not followed). */
static void pf_op_sc(struct pf *pf, struct pf_scan *sc)
{
	struct pf_gstate *gs = &sc->st[sc->depth];

	(void)pf;
	pfc_values(sc->key[0] == 'S' ? &gs->stroke : &gs->fill, sc->num_all, sc->nall);
}

/* ---- text: where and how big, for the colour of small text ---- */

static void pf_op_bt(struct pf *pf, struct pf_scan *sc)
{
	static const double id[6] = { 1, 0, 0, 1, 0, 0 };

	(void)pf;
	memcpy(sc->tm, id, sizeof id);
	memcpy(sc->tlm, id, sizeof id);
}

static void pf_op_tf(struct pf *pf, struct pf_scan *sc)
{
	double v;

	(void)pf;
	if (pf_operands(sc, 1, &v))
		sc->st[sc->depth].tfs = v;
}

static void pf_op_tm(struct pf *pf, struct pf_scan *sc)
{
	double m[6];

	(void)pf;
	if (pf_operands(sc, 6, m)) {
		memcpy(sc->tm, m, sizeof m);
		memcpy(sc->tlm, m, sizeof m);
	}
}

/* The next line, moved by (tx, ty) in text space. */
static void pf_text_move(struct pf_scan *sc, double tx, double ty)
{
	double t[6] = { 1, 0, 0, 1, tx, ty };

	pf_concat(sc->tlm, t);
	memcpy(sc->tm, sc->tlm, sizeof sc->tm);
}

static void pf_op_td(struct pf *pf, struct pf_scan *sc)
{
	double v[2];

	(void)pf;
	if (!pf_operands(sc, 2, v))
		return;
	if (sc->key[1] == 'D')
		sc->st[sc->depth].tl = -v[1];
	pf_text_move(sc, v[0], v[1]);
}

/* TL Tz Ts Tr: leading, horizontal scaling, rise, rendering mode. */
static void pf_op_tstate(struct pf *pf, struct pf_scan *sc)
{
	struct pf_gstate *gs = &sc->st[sc->depth];
	double v;

	(void)pf;
	if (!pf_operands(sc, 1, &v))
		return;
	if (sc->key[1] == 'L')
		gs->tl = v;
	else if (sc->key[1] == 'z')
		gs->th = v / 100;
	else if (sc->key[1] == 's')
		gs->trise = v;
	else
		gs->tr = (int)v;
}

/* Tj TJ ' " T*: text shown where the text matrix stands (glyph widths
 * are not followed: a run is placed at its start). */
static void pf_op_show(struct pf *pf, struct pf_scan *sc)
{
	const struct pf_gstate *gs = &sc->st[sc->depth];
	double m[6], size, box[4];

	if (sc->key[0] == '\'' || sc->key[0] == '"' || sc->key[1] == '*')
		pf_text_move(sc, 0, -gs->tl);
	if (sc->key[1] == '*' || gs->tr == 3 || gs->tr == 7)
		return;
	memcpy(m, gs->ctm, sizeof m);
	pf_concat(m, sc->tm);
	size = fabs(gs->tfs) * hypot(m[2], m[3]);
	box[0] = m[4] + gs->trise * m[2];
	box[1] = m[5] + gs->trise * m[3];
	box[2] = box[0] + size;
	box[3] = box[1] + size;
	if (gs->tr == 0 || gs->tr == 2 || gs->tr == 4 || gs->tr == 6)
		pfc_paint(pf->pfc, &gs->fill, PFC_TEXT, box, size);
	if (gs->tr == 1 || gs->tr == 2 || gs->tr == 5 || gs->tr == 6)
		pfc_paint(pf->pfc, &gs->stroke, PFC_TEXT, box, size);
}

/* sh: a shading fills the clip, taken as the page's trim here. */
static void pf_op_sh(struct pf *pf, struct pf_scan *sc)
{
	qpdf_oh sh = pf_resource(pf->q, sc->res, "/Shading", sc->name);

	if (!qpdf_oh_is_null(pf->q, sh))
		pfc_shading(pf->pfc, sc->res, sh, pf->trim);
	qpdf_oh_release(pf->q, sh);
}

/* The operators preflight follows; all others only clear the operands. */
static const struct pf_op {
	const char *name; /* operator */
	void (*run)(struct pf *, struct pf_scan *); /* what it does here */
} pf_ops[] = {
	{ .name = "q", .run = pf_op_q },       { .name = "Q", .run = pf_op_Q },
	{ .name = "cm", .run = pf_op_cm },     { .name = "w", .run = pf_op_w },
	{ .name = "gs", .run = pf_op_gs },     { .name = "Do", .run = pf_op_do },
	{ .name = "BI", .run = pf_op_bi },     { .name = "EI", .run = pf_op_ei },
	{ .name = "S", .run = pf_op_stroke },  { .name = "s", .run = pf_op_stroke },
	{ .name = "B", .run = pf_op_both },    { .name = "B*", .run = pf_op_both },
	{ .name = "b", .run = pf_op_both },    { .name = "b*", .run = pf_op_both },
	{ .name = "f", .run = pf_op_fill },    { .name = "F", .run = pf_op_fill },
	{ .name = "f*", .run = pf_op_fill },   { .name = "n", .run = pf_op_n },
	{ .name = "m", .run = pf_op_path },    { .name = "l", .run = pf_op_path },
	{ .name = "c", .run = pf_op_path },    { .name = "v", .run = pf_op_path },
	{ .name = "y", .run = pf_op_path },    { .name = "re", .run = pf_op_path },
	{ .name = "g", .run = pf_op_device },  { .name = "G", .run = pf_op_device },
	{ .name = "rg", .run = pf_op_device }, { .name = "RG", .run = pf_op_device },
	{ .name = "k", .run = pf_op_device },  { .name = "K", .run = pf_op_device },
	{ .name = "cs", .run = pf_op_cs },     { .name = "CS", .run = pf_op_cs },
	{ .name = "sc", .run = pf_op_sc },     { .name = "scn", .run = pf_op_sc },
	{ .name = "SC", .run = pf_op_sc },     { .name = "SCN", .run = pf_op_sc },
	{ .name = "BT", .run = pf_op_bt },     { .name = "Tf", .run = pf_op_tf },
	{ .name = "Tm", .run = pf_op_tm },     { .name = "Td", .run = pf_op_td },
	{ .name = "TD", .run = pf_op_td },     { .name = "T*", .run = pf_op_show },
	{ .name = "TL", .run = pf_op_tstate }, { .name = "Tz", .run = pf_op_tstate },
	{ .name = "Ts", .run = pf_op_tstate }, { .name = "Tr", .run = pf_op_tstate },
	{ .name = "Tj", .run = pf_op_show },   { .name = "TJ", .run = pf_op_show },
	{ .name = "'", .run = pf_op_show },    { .name = "\"", .run = pf_op_show },
	{ .name = "sh", .run = pf_op_sh },
};

/* Run operator t; sc->key holds its word for the operators shared by a
 * family (rg/RG/k, cs/CS, Td/TD, re…). */
static void pf_operator(struct pf *pf, struct pf_scan *sc, const struct pdftok *t)
{
	for (size_t i = 0; i < sizeof pf_ops / sizeof *pf_ops; i++)
		if (pdftok_is(t, pf_ops[i].name)) {
			snprintf(sc->key, sizeof sc->key, "%s", pf_ops[i].name);
			pf_ops[i].run(pf, sc);
			break;
		}
	sc->key[0] = '\0';
	sc->nnum = 0;
	sc->nall = 0;
	sc->name[0] = '\0';
}

/* BI's dictionary, up to ID: the values of /W (/Width), /H (/Height),
 * /CS (/ColorSpace) and /IM (/ImageMask). */
static void pf_image_key(struct pf_scan *sc, const struct pdftok *t)
{
	if (t->kind == PDFTOK_NAME && !sc->key[0]) {
		snprintf(sc->key, sizeof sc->key, "%.*s", (int)t->value_len, t->value);
		return;
	}
	if (t->kind == PDFTOK_NAME && (!strcmp(sc->key, "/CS") || !strcmp(sc->key, "/ColorSpace")))
		snprintf(sc->image_cs, sizeof sc->image_cs, "%.*s", (int)t->value_len, t->value);
	if (t->kind == PDFTOK_KEYWORD && (!strcmp(sc->key, "/IM") || !strcmp(sc->key, "/ImageMask")))
		sc->image_mask = t->value_len == 4 && !memcmp(t->value, "true", 4);
	if (t->kind == PDFTOK_NUMBER && (!strcmp(sc->key, "/W") || !strcmp(sc->key, "/Width")))
		sc->image_w = t->num;
	if (t->kind == PDFTOK_NUMBER && (!strcmp(sc->key, "/H") || !strcmp(sc->key, "/Height")))
		sc->image_h = t->num;
	sc->key[0] = '\0';
}

/* pdftok callback: operands collected, operators run, within the
 * document's operator budget (1 stops the scan when it is spent). */
static int pf_token(void *ctx, const struct pdftok *t)
{
	struct pf_scan *sc = ctx;
	struct pf *pf = sc->pf;

	if (t->kind == PDFTOK_SPACE || t->kind == PDFTOK_IMAGE)
		return 0;
	if (t->kind == PDFTOK_OPEN || t->kind == PDFTOK_CLOSE || sc->nest > 0) {
		sc->nest += t->kind == PDFTOK_OPEN ? 1 : t->kind == PDFTOK_CLOSE ? -1 : 0;
		if (sc->nest < 0)
			sc->nest = 0;
		if (sc->nest == 0 && t->kind == PDFTOK_CLOSE)
			pf_push(sc, NAN);
		return 0;
	}
	if (sc->in_image == 1 && !pdftok_is(t, "ID")) {
		pf_image_key(sc, t);
		return 0;
	}
	if (t->kind != PDFTOK_OPERATOR) {
		if (t->kind == PDFTOK_NAME)
			snprintf(sc->name, sizeof sc->name, "%.*s", (int)t->value_len, t->value);
		pf_push(sc, t->kind == PDFTOK_NUMBER ? t->num : NAN);
		return 0;
	}
	if (--pf->ops_left < 0) {
		if (pf->ops_left == -1)
			pf_say(pf, PF_CONTENT, "more than %ld drawing operators: the rest of "
			       "the file is not checked for images and lines", PF_MAX_OPS);
		return 1;
	}
	if (sc->in_image == 1)
		sc->in_image = 2; /* ID: the data, then EI */
	else
		pf_operator(pf, sc, t);
	return 0;
}

/* ---- bounds against hostile files ---- */

/* The decoded data of v (a stream, or an array of streams: a page's
 * /Contents) through the bounded reader, at most `max` bytes, less when
 * the forms being read hold much already or the file's budget is nearly
 * spent: 0 with *buf (malloc'd; pf_release() it) and *len; -1 when qpdf
 * cannot decode it (the caller says so); -2 past a bound (said here, as
 * `what`). */
static int pf_decode(struct pf *pf, qpdf_oh v, long max, const char *what, unsigned char **buf,
		     size_t *len)
{
	qpdf_data q = pf->q;
	int n = 0, parts = qpdf_oh_is_array(q, v) ? qpdf_oh_get_array_n_items(q, v) : 1;
	long limit = max;
	int *ids, *gens;
	enum pdfread_status st;

	*buf = NULL;
	*len = 0;
	if (parts > PF_MAX_PARTS) {
		pf_say(pf, PF_CONTENT, "%s has %d parts, more than %d: not checked", what, parts,
		       PF_MAX_PARTS);
		return -2;
	}
	ids = xcalloc((size_t)parts + 1, sizeof *ids);
	gens = xcalloc((size_t)parts + 1, sizeof *gens);
	if (qpdf_oh_is_stream(q, v)) {
		ids[n] = qpdf_oh_get_object_id(q, v);
		gens[n++] = qpdf_oh_get_generation(q, v);
	} else {
		for (int i = 0; i < parts && qpdf_oh_is_array(q, v); i++) {
			qpdf_oh it = qpdf_oh_get_array_item(q, v, i);

			if (qpdf_oh_is_stream(q, it)) {
				ids[n] = qpdf_oh_get_object_id(q, it);
				gens[n++] = qpdf_oh_get_generation(q, it);
			}
			qpdf_oh_release(q, it);
		}
	}
	if (limit > PF_MAX_LIVE - pf->live)
		limit = PF_MAX_LIVE - pf->live;
	if (limit > pf->decoded_left)
		limit = pf->decoded_left;
	st = n == 0 ? PDFREAD_OK : pdfread_streams(pf->rd, ids, gens, (size_t)n, (size_t)limit, buf, len);
	free(ids);
	free(gens);
	if (st == PDFREAD_OK) {
		pf->live += (long)*len;
		pf->decoded_left -= (long)*len;
		return 0;
	}
	if (st == PDFREAD_UNREADABLE)
		return -1;
	if (limit == max)
		pf_say(pf, PF_BOMB, "%s decodes to more than %ld MiB: refused, not read (a "
		       "decompression bomb?)", what, max >> 20);
	else if (limit == pf->decoded_left)
		pf_say(pf, PF_CONTENT, "more than %ld MiB of content in all: the rest of the "
		       "file is not checked for images and lines", PF_MAX_DECODED >> 20);
	else
		pf_say(pf, PF_CONTENT, "%s would hold more than %ld MiB with the forms around "
		       "it: not checked", what, PF_MAX_LIVE >> 20);
	return -2;
}

/* Gives back what pf_decode() gave. */
static void pf_release(struct pf *pf, unsigned char *buf, size_t len)
{
	if (buf)
		pf->live -= (long)len;
	free(buf);
}

/* Only a regular file of at most PF_MAX_FILE bytes is read: a device
 * (/dev/zero), a FIFO or a folder would never end.  0, or -1 (said). */
static int pf_file_ok(struct pf *pf)
{
	struct stat st;

	if (stat(pf->path, &st) != 0) {
		msg_at(pf->m, M_OPEN, pf->path, 0, 0, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode))
		pf_say(pf, PF_REFUSED, "not a regular file (%s): preflight reads PDF files only",
		       S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO" :
		       S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "a special file");
	else if (st.st_size > PF_MAX_FILE)
		pf_say(pf, PF_REFUSED, "%lld MiB: larger than the %ld MiB preflight reads",
		       (long long)(st.st_size >> 20), PF_MAX_FILE >> 20);
	else
		return 0;
	return -1;
}

/* The page tree, counted before qpdf enumerates the pages (which, on
 * 200 000 references to one page, copies each one): its /Count and the
 * /Kids actually walked must stay under PF_MAX_PAGES, its intermediate
 * nodes under PF_MAX_TREE_NODES and PF_MAX_TREE deep.  0, or -1 (said). */
static int pf_tree_ok(struct pf *pf)
{
	qpdf_data q = pf->q;
	qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/Pages");
	double count = pf_num(q, root, "/Count", 0);
	qpdf_oh *stack = xcalloc(PF_MAX_TREE + 1, sizeof *stack);
	int *next = xcalloc(PF_MAX_TREE + 1, sizeof *next);
	long leaves = 0, nodes = 0;
	int depth = 0, rc = 0;

	if (count > PF_MAX_PAGES) {
		pf_say(pf, PF_REFUSED, "the page tree says %.0f pages (/Count): more than the %d "
		       "preflight checks", count, PF_MAX_PAGES);
		rc = -1;
		goto out;
	}
	stack[0] = root;
	while (depth >= 0 && rc == 0) {
		qpdf_oh kids = qpdf_oh_get_key(q, stack[depth], "/Kids");
		int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
		qpdf_oh kid;

		if (next[depth] >= n) { /* this node is done */
			depth--;
			continue;
		}
		if (n > PF_MAX_PAGES + PF_MAX_TREE_NODES) {
			pf_say(pf, PF_REFUSED, "a page tree node has %d /Kids: more than the %d "
			       "pages preflight checks", n, PF_MAX_PAGES);
			rc = -1;
			break;
		}
		kid = qpdf_oh_get_array_item(q, kids, next[depth]++);
		for (int up = 0; up <= depth && rc == 0; up++) {
			if (qpdf_oh_get_object_id(q, kid) != 0 &&
			    qpdf_oh_get_object_id(q, kid) == qpdf_oh_get_object_id(q, stack[up])) {
				pf_say(pf, PF_REFUSED, "the page tree loops: object %d is among its "
				       "own /Kids", qpdf_oh_get_object_id(q, kid));
				rc = -1;
			}
		}
		if (rc)
			break;
		if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/Kids")) {
			if (++nodes > PF_MAX_TREE_NODES || depth + 1 > PF_MAX_TREE) {
				pf_say(pf, PF_REFUSED, "the page tree has more than %d nodes or is "
				       "more than %d deep (a loop?)", PF_MAX_TREE_NODES, PF_MAX_TREE);
				rc = -1;
				break;
			}
			stack[++depth] = kid;
			next[depth] = 0;
		} else if (++leaves > PF_MAX_PAGES) {
			pf_say(pf, PF_REFUSED, "the page tree names more than %d pages: more than "
			       "preflight checks", PF_MAX_PAGES);
			rc = -1;
		}
	}
out:
	free(stack);
	free(next);
	qpdf_oh_release_all(q);
	return rc;
}

/* Interpret decoded content data with resources `res` from state `gs`. */
static void pf_scan_data(struct pf *pf, const unsigned char *data, size_t len,
			 qpdf_oh res, const struct pf_gstate *gs, int level)
{
	struct pf_scan *sc = xcalloc(1, sizeof *sc);

	sc->st[0] = *gs;
	sc->res = res;
	pf_op_bt(pf, sc);
	sc->level = level;
	sc->pf = pf;
	if (pdftok_scan(data, len, pf_token, sc) < 0)
		pf_say(pf, PF_CONTENT, "a content stream cannot be read to its end: its "
		       "images and lines are not all checked");
	free(sc);
}

/* Interpret a form's content stream. */
static void pf_scan_stream(struct pf *pf, qpdf_oh stream, qpdf_oh res,
			   const struct pf_gstate *gs, int level)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	char what[64];
	int rc;

	snprintf(what, sizeof what, "a form's content (object %d)", qpdf_oh_get_object_id(pf->q, stream));
	rc = pf_decode(pf, stream, PF_MAX_STREAM, what, &buf, &len);
	if (rc == -1) {
		if (qpdf_has_error(pf->q))
			qpdf_get_error(pf->q);
		pf_say(pf, PF_CONTENT, "%s cannot be decoded: its images and lines are not "
		       "checked", what);
	} else if (rc == 0) {
		pf_scan_data(pf, buf, len, res, gs, level);
	}
	pf_release(pf, buf, len);
}

/* The page's content, from default user space (UserUnit honoured). */
static void pf_content(struct pf *pf, qpdf_oh page, qpdf_oh res)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	double u = 1;
	struct pf_gstate gs = { .ctm = { 1, 0, 0, 1, 0, 0 }, .lw = 1, .th = 1 };
	static const double black[1] = { 0 };
	int rc;

	pfc_device(pf->pfc, res, PFC_GRAY, black, 1, &gs.fill);
	pfc_device(pf->pfc, res, PFC_GRAY, black, 1, &gs.stroke);
	if (qpdf_oh_get_value_as_number(pf->q, qpdf_oh_get_key(pf->q, page, "/UserUnit"), &u) && u > 0)
		gs.ctm[0] = gs.ctm[3] = u;
	rc = pf_decode(pf, qpdf_oh_get_key(pf->q, page, "/Contents"), PF_MAX_STREAM,
		       "the page's content", &buf, &len);
	if (rc == -1) {
		if (qpdf_has_error(pf->q))
			qpdf_get_error(pf->q);
		pf_say(pf, PF_CONTENT, "the page's content cannot be decoded: its images "
		       "and lines are not checked");
	} else if (rc == 0) {
		pf_scan_data(pf, buf, len, res, &gs, 0);
	}
	pf_release(pf, buf, len);
}

/* The page's images: one note each, and a finding under the ppi wanted. */
static void pf_images_report(struct pf *pf)
{
	char where[64];

	for (size_t i = 0; i < pf->nimg; i++) {
		const struct pf_image *im = &pf->img[i];
		const char *what = im->id ? "image " : "an inline image";

		pf_where(pf, im->box, where, sizeof where);
		pf_note(pf, "%s%s %s: %.0f x %.0f px at %.0f ppi, %s, %s", what, im->name, where,
			im->w, im->h, im->ppi, im->cs, im->icc == 1 ? "with an ICC profile" :
			im->icc == 2 ? "no ICC profile of its own (the page's Default space gives one)" :
			"no ICC profile");
		if (im->ppi < PREFLIGHT_PPI_ERROR)
			pf_say(pf, PF_IMAGE_LOW, "%s%s (%.0f x %.0f px) %s is placed at %.0f ppi: "
			       "below %d ppi it prints visibly blurred; printers want %d", what,
			       im->name, im->w, im->h, where, im->ppi, PREFLIGHT_PPI_ERROR, PREFLIGHT_PPI_WARN);
		else if (im->ppi < PREFLIGHT_PPI_WARN)
			pf_say(pf, PF_IMAGE_WARN, "%s%s (%.0f x %.0f px) %s is placed at %.0f ppi; "
			       "printers want %d", what, im->name, im->w, im->h, where, im->ppi,
			       PREFLIGHT_PPI_WARN);
	}
}

/* The page's strokes, once the whole page was read. */
static void pf_lines_report(struct pf *pf)
{
	char where[64];

	if (pf->hairlines > 0)
		pf_say(pf, PF_HAIRLINE, "%ld stroke(s) under %.3f pt, the first %.3f pt wide %s%s: "
		       "a platesetter may not image them; make them at least %.2f pt",
		       pf->hairlines, PREFLIGHT_HAIRLINE, pf->hair_w,
		       pf_where(pf, pf->hair_box, where, sizeof where),
		       pf->hair_w == 0 ? " (a 0-width hairline)" : "", PREFLIGHT_LINE_MIN);
	if (pf->thin > 0)
		pf_say(pf, PF_LINE_THIN, "%ld stroke(s) thinner than %.2f pt (the thinnest %.2f pt, %s); "
		       "they may not print", pf->thin, PREFLIGHT_LINE_MIN, pf->thinnest,
		       pf_where(pf, pf->thin_box, where, sizeof where));
}

/* The page's colour: its plates (a note), and what a printer refuses. */
static void pf_colour_report(struct pf *pf)
{
	const struct pfc_page *p = pfc_page_facts(pf->pfc);
	char where[64];
	int x3 = strncmp(pf->pdfx, "PDF/X-3", 7) == 0;

	if (p->rgb > 0 && !pfc_intent_cmyk(pf->pfc))
		pf_note(pf, "%ld object(s) in RGB or Lab, not separated: no CMYK output intent "
			"says how%s%s", p->rgb, p->nplates ? "; other plates " : "", p->plates);
	else
		pf_note(pf, "plates %s; highest total ink %.0f %%%s%s%s", p->nplates ? p->plates : "none",
			p->max_ink, p->max_ink > 0 ? " (" : "", p->max_ink > 0 ? p->max_what : "",
			p->max_ink > 0 ? ")" : "");
	const char *rule = pf->o->cmyk ? "CMYK is required (--cmyk): use CMYK, grey or spot colours" :
			   "PDF/X-1a allows CMYK, grey and spot colours only";

	if (p->max_ink > pf->ink_limit + 0.5)
		pf_say(pf, PF_INK, "total ink %.0f %% %s (%s): over the %.0f %% allowed%s%s%s",
		       p->max_ink, pf_where(pf, p->max_box, where, sizeof where), p->max_what,
		       pf->ink_limit, pf->o->max_ink > 0 ? " (--max-ink)" : pf->condition[0] ?
		       " for " : "", pf->o->max_ink > 0 ? "" : pf->condition, "");
	if (p->rgb > 0 && pf->cmyk_only)
		pf_say(pf, PF_RGB, "%ld object(s) in RGB or Lab, the first %s %s: %s", p->rgb,
		       p->rgb_what, pf_where(pf, p->rgb_box, where, sizeof where), rule);
	else if (p->rgb_device > 0 && x3)
		pf_say(pf, PF_RGB, "%ld object(s) in device RGB, the first %s %s: PDF/X-3 allows "
		       "RGB only with an ICC profile; use CMYK", p->rgb_device, p->rgb_device_what,
		       pf_where(pf, p->rgb_device_box, where, sizeof where));
	else if (p->rgb > 0 && x3)
		pf_say(pf, PF_RGB_CAL, "%ld object(s) in calibrated RGB or Lab, the first %s %s: "
		       "PDF/X-3 allows it, but the RIP converts it, not you", p->rgb, p->rgb_what,
		       pf_where(pf, p->rgb_box, where, sizeof where));
	if (p->black_text > 0)
		pf_say(pf, PF_BLACK_TEXT, "%ld text run(s) under %.0f pt in black made of several "
		       "inks, the first %.1f pt %s (C %.0f M %.0f Y %.0f K %.0f %%): small text "
		       "should be black ink alone, or it blurs when the plates shift",
		       p->black_text, PFC_TEXT_MIN, p->black_size,
		       pf_where(pf, p->black_box, where, sizeof where), p->black_ink[0] * 100,
		       p->black_ink[1] * 100, p->black_ink[2] * 100, p->black_ink[3] * 100);
	if (p->reg_in_trim > 0)
		pf_say(pf, PF_REG_TRIM, "%ld object(s) in registration colour (Separation /All) "
		       "inside the trim, the first %s: it prints on every plate at once; keep it "
		       "for marks outside the trim", p->reg_in_trim,
		       pf_where(pf, p->reg_box, where, sizeof where));
}

/* The page's facts kept for the caller. */
static void pf_page_facts(struct pf *pf)
{
	const struct pfc_page *p = pfc_page_facts(pf->pfc);
	struct preflight_page *fp;
	double min_ppi = 0;

	if (!pf->facts || pf->page > pf->facts->npages)
		return;
	fp = &pf->facts->page[pf->page - 1];
	snprintf(fp->plates, sizeof fp->plates, "%s", p->plates);
	fp->nplates = p->nplates;
	fp->max_ink = p->max_ink;
	fp->rgb = p->rgb;
	for (size_t i = 0; i < pf->nimg; i++)
		if (min_ppi == 0 || pf->img[i].ppi < min_ppi)
			min_ppi = pf->img[i].ppi;
	fp->min_ppi = min_ppi;
	pf->facts->max_ink = fmax(pf->facts->max_ink, p->max_ink);
	if (min_ppi > 0 && (pf->facts->min_ppi == 0 || min_ppi < pf->facts->min_ppi))
		pf->facts->min_ppi = min_ppi;
}

/* The page's images, strokes and colour, once the whole page was read. */
static void pf_page_report(struct pf *pf)
{
	pf_images_report(pf);
	pf_lines_report(pf);
	pf_colour_report(pf);
	pf_page_facts(pf);
}

/* Everything checked on one page.  Handles are released after each page:
 * nothing but numbers is kept from one page to the next. */
static void pf_page(struct pf *pf, int i)
{
	qpdf_oh page = qpdf_get_page_n(pf->q, (size_t)i), res;
	int depth;

	pf->page = i + 1;
	pf->nimg = 0;
	pf->thin = 0;
	pf->hairlines = 0;
	pf->thinnest = HUGE_VAL;
	memset(pf->trim, 0, sizeof pf->trim);
	memset(pf->bleed, 0, sizeof pf->bleed);
	pf_boxes(pf, page);
	pfc_page_begin(pf->pfc, pf->trim, pf->bleed);
	if (qpdf_oh_is_dictionary(pf->q, qpdf_oh_get_key(pf->q, page, "/AA")))
		pf_say(pf, PF_ACTIONS, "the page has additional actions (/AA), which run scripts");
	res = pf_inherited(pf->q, page, "/Resources", &depth);
	pf_fonts_in(pf, res, 0);
	pf_annots(pf, page);
	pf_content(pf, page, res);
	pf_page_report(pf);
	if (qpdf_has_error(pf->q))
		pf_say(pf, PF_CONTENT, "part of the page cannot be read: %s",
		       qpdf_get_error_full_text(pf->q, qpdf_get_error(pf->q)));
	qpdf_oh_release_all(pf->q);
}

static void pf_page_count(struct pf *pf, int n)
{
	if (n == 0)
		pf_say(pf, PF_NO_PAGES, "the document has no pages");
	else if (n % 4 != 0)
		pf_say(pf, pf->o->booklet ? PF_PAGES_ERR : PF_PAGES_WARN,
		       "%d pages, not a multiple of 4: a saddle-stitched booklet needs "
		       "%d (add %d blank page(s))", n, (n + 3) / 4 * 4, (n + 3) / 4 * 4 - n);
}

/* ---- PDF/X ---- */

/* XML white space. */
static int pf_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The pdfxid:GTS_PDFXVersion of the XMP metadata, element or attribute
 * form, into v (n bytes); "" when absent. */
static void pf_xmp_version(struct pf *pf, char *v, size_t n)
{
	static const char key[] = "pdfxid:GTS_PDFXVersion";
	qpdf_oh meta = qpdf_oh_get_key(pf->q, qpdf_get_root(pf->q), "/Metadata");
	unsigned char *buf = NULL;
	size_t len = 0, k = 0;
	const unsigned char *s, *end;

	v[0] = '\0';
	if (!qpdf_oh_is_stream(pf->q, meta) ||
	    pf_decode(pf, meta, PF_MAX_XMP, "the XMP metadata", &buf, &len) < 0)
		goto out;
	s = memmem(buf, len, key, sizeof key - 1);
	if (!s)
		goto out;
	end = buf + len;
	for (s += sizeof key - 1; s < end && (pf_space(*s) || *s == '=' || *s == '"' ||
					      *s == '\'' || *s == '>'); s++)
		;
	while (s < end && *s != '<' && *s != '"' && *s != '\'' && k + 1 < n)
		v[k++] = (char)*s++;
	while (k > 0 && pf_space(v[k - 1]))
		k--;
	v[k] = '\0';
out:
	if (qpdf_has_error(pf->q))
		qpdf_get_error(pf->q);
	pf_release(pf, buf, len);
}

/* The GTS_PDFX output intent, or a null handle. */
static qpdf_oh pf_pdfx_intent(qpdf_data q)
{
	qpdf_oh arr = qpdf_oh_get_key(q, qpdf_get_root(q), "/OutputIntents");
	int n = qpdf_oh_is_array(q, arr) ? qpdf_oh_get_array_n_items(q, arr) : 0;

	for (int i = 0; i < n; i++) {
		qpdf_oh oi = qpdf_oh_get_array_item(q, arr, i);

		if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key_if_dict(q, oi, "/S"), "/GTS_PDFX"))
			return oi;
	}
	return qpdf_oh_new_null(q);
}

/* The keys a PDF/X claim needs, once the claim (`version`) is known. */
static void pf_pdfx_keys(struct pf *pf, const char *version, int in_info, int in_xmp)
{
	qpdf_data q = pf->q;
	qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	qpdf_oh oi = pf_pdfx_intent(q), title = qpdf_oh_get_key_if_dict(q, info, "/Title");
	int x4 = strncmp(version, "PDF/X-4", 7) == 0;
	const char *max = x4 ? "1.6" : "1.4";
	char trapped[16];

	pf_name(q, info, "/Trapped", trapped, sizeof trapped);

	if (x4 && !in_xmp)
		pf_say(pf, PF_PDFX_XMP, "%s needs pdfxid:GTS_PDFXVersion in the XMP metadata", version);
	if (!x4 && !in_info)
		pf_say(pf, PF_PDFX_XMP, "%s needs GTS_PDFXVersion in the Info dictionary", version);
	if (qpdf_oh_is_null(q, oi))
		pf_say(pf, PF_PDFX_INTENT, "%s needs an output intent (OutputIntents, /S /GTS_PDFX)", version);
	else if (!qpdf_oh_is_stream(q, qpdf_oh_get_key(q, oi, "/DestOutputProfile")) &&
		 !qpdf_oh_is_dictionary(q, qpdf_oh_get_key(q, oi, "/DestOutputProfileRef")) && x4)
		pf_say(pf, PF_PDFX_PROFILE, "the output intent has no ICC profile (DestOutputProfile)");
	if (strcmp(trapped, "True") != 0 && strcmp(trapped, "False") != 0)
		pf_say(pf, PF_PDFX_TRAPPED, "%s needs Info /Trapped set to /True or /False", version);
	if (!qpdf_oh_is_string(q, title) || !qpdf_oh_get_utf8_value(q, title)[0])
		pf_say(pf, PF_PDFX_TITLE, "%s needs a title (Info /Title)", version);
	if (strcmp(qpdf_get_pdf_version(q), max) > 0)
		pf_say(pf, PF_PDFX_VERSION, "%s allows PDF %s at most; the file says %s",
		       version, max, qpdf_get_pdf_version(q));
}

/* The PDF/X version claimed (XMP first, then Info) into pf->pdfx, and
 * whether Info (*in_info) and XMP (*in_xmp) claim it. */
static void pf_pdfx_claim(struct pf *pf, int *in_info, int *in_xmp)
{
	char info_v[64] = "", xmp_v[64] = "";
	const char *iv = qpdf_get_info_key(pf->q, "/GTS_PDFXVersion");

	if (iv)
		snprintf(info_v, sizeof info_v, "%s", iv);
	pf_xmp_version(pf, xmp_v, sizeof xmp_v);
	snprintf(pf->pdfx, sizeof pf->pdfx, "%s", xmp_v[0] ? xmp_v : info_v);
	*in_info = info_v[0] != 0;
	*in_xmp = xmp_v[0] != 0;
}

/* The colour reader, with the output intent's profile and condition,
 * and the total ink allowed. */
static void pf_colour_setup(struct pf *pf)
{
	qpdf_data q = pf->q;
	qpdf_oh oi = pf_pdfx_intent(q), prof = qpdf_oh_get_key_if_dict(q, oi, "/DestOutputProfile");
	qpdf_oh id = qpdf_oh_get_key_if_dict(q, oi, "/OutputConditionIdentifier");
	unsigned char *buf = NULL;
	size_t len = 0;
	int pid = qpdf_oh_get_object_id(q, prof), pgen = qpdf_oh_get_generation(q, prof);

	/* bounded like every stream read (a profile is a few MB at most) */
	if (!qpdf_oh_is_stream(q, prof) || pid <= 0 ||
	    pdfread_streams(pf->rd, &pid, &pgen, 1, PF_MAX_PROFILE, &buf, &len) != PDFREAD_OK) {
		free(buf);
		buf = NULL;
		len = 0;
	}
	pf->pfc = pfc_new(q, pf->rd, buf, len);
	free(buf);
	if (qpdf_oh_is_string(q, id))
		snprintf(pf->condition, sizeof pf->condition, "%s", qpdf_oh_get_utf8_value(q, id));
	pf->cmyk_only = pf->o->cmyk || strncmp(pf->pdfx, "PDF/X-1", 7) == 0;
	pf->ink_limit = pf->o->max_ink > 0 ? pf->o->max_ink : PREFLIGHT_INK_MAX;
	qpdf_oh_release_all(q);
}

/* Spot inks named two ways: two plates where the designer meant one. */
static void pf_spot_names(struct pf *pf)
{
	const char *a, *b;

	pf->page = 0;
	double x[4], y[4];

	for (int i = 0; pfc_spot_clash(pf->pfc, i, &a, &b); i++)
		pf_say(pf, PF_SPOT_NAMES, "the spot inks \"%s\" and \"%s\" differ only in case, "
		       "spaces or punctuation: they print as two plates; name the ink one way", a, b);
	for (int i = 0; pfc_spot_alt_clash(pf->pfc, i, &a, x, y); i++)
		pf_say(pf, PF_SPOT_ALT, "the spot ink \"%s\" is defined with two CMYK alternates, "
		       "%.0f/%.0f/%.0f/%.0f and %.0f/%.0f/%.0f/%.0f: proofs and RIPs show it two ways; "
		       "give it one", a, x[0] * 100, x[1] * 100, x[2] * 100, x[3] * 100,
		       y[0] * 100, y[1] * 100, y[2] * 100, y[3] * 100);
}

/* PDF/X: checked where claimed (Info or XMP) or required by the options. */
static void pf_pdfx(struct pf *pf)
{
	int in_info, in_xmp;

	pf->page = 0;
	pf_pdfx_claim(pf, &in_info, &in_xmp);
	if (!in_info && !in_xmp) {
		if (!pf->o->pdfx)
			return;
		pf_say(pf, PF_PDFX_MISSING, "PDF/X is required but the file claims no "
		       "PDF/X version (GTS_PDFXVersion)");
	}
	pf_pdfx_keys(pf, pf->pdfx[0] ? pf->pdfx : "PDF/X", in_info, in_xmp);
}

/* What qpdf had to repair while reading, a few lines at most. */
static void pf_qpdf_warnings(struct pf *pf)
{
	int n = 0;

	pf->page = 0;
	while (qpdf_more_warnings(pf->q) && n++ < 1000) {
		qpdf_error w = qpdf_next_warning(pf->q);

		if (n <= PF_MAX_WARNINGS)
			pf_say(pf, PF_DAMAGED, "damaged file, read anyway: %s",
			       qpdf_get_error_full_text(pf->q, w));
	}
}

int preflight_check(const char *path, const struct preflight_opts *o,
		    struct msg *m)
{
	static const struct preflight_opts defaults = { .booklet = 0 };
	struct pf pf = { .o = o ? o : &defaults, .m = m, .path = path,
			 .ops_left = PF_MAX_OPS, .forms_left = PF_MAX_FORM_RUNS,
			 .decoded_left = PF_MAX_DECODED };
	FILE *f;
	int npages = 0, in_info, in_xmp;

	pf.facts = pf.o->facts;
	if (pf.facts)
		*pf.facts = (struct preflight_facts){ 0 };

	if (pf_file_ok(&pf) < 0) {
		if (pf.facts)
			pf.facts->errors = pf.errors ? pf.errors : 1;
		return pf.errors ? pf.errors : 1;
	}
	if (!(f = fopen(path, "rb"))) {
		msg_at(m, M_OPEN, path, 0, 0, strerror(errno));
		return 1;
	}
	fclose(f);
	pf.rd = pdfread_new(path);
	pf.q = qpdf_init();
	qpdf_silence_errors(pf.q);
	qpdf_set_suppress_warnings(pf.q, QPDF_TRUE);
	if (!(qpdf_read(pf.q, path, NULL) & QPDF_ERRORS) && pf_tree_ok(&pf) < 0)
		goto out;
	if (qpdf_has_error(pf.q) || (npages = qpdf_get_num_pages(pf.q)) < 0) {
		pf_say(&pf, PF_UNREADABLE, "not a PDF that can be read: %s",
		       qpdf_get_error_full_text(pf.q, qpdf_get_error(pf.q)));
		goto out;
	}
	pf_pdfx_claim(&pf, &in_info, &in_xmp);
	pf_colour_setup(&pf);
	if (pf.facts) {
		pf.facts->npages = npages;
		pf.facts->page = xcalloc(npages > 0 ? (size_t)npages : 1, sizeof *pf.facts->page);
		snprintf(pf.facts->pdfx, sizeof pf.facts->pdfx, "%s", pf.pdfx);
		snprintf(pf.facts->condition, sizeof pf.facts->condition, "%s", pf.condition);
	}
	pf_document(&pf);
	pf_page_count(&pf, npages);
	for (int i = 0; i < npages; i++)
		pf_page(&pf, i);
	pf_spot_names(&pf);
	pf_pdfx(&pf);
	pf_qpdf_warnings(&pf);
	pf_summary(&pf);
	if (!pf.o->silent)
		msg_at(m, M_PREFLIGHT_DONE, path, 0, 0, npages, pf.errors, pf.warnings);
out:
	if (pf.facts) {
		pf.facts->errors = pf.errors;
		pf.facts->warnings = pf.warnings;
	}
	pfc_free(pf.pfc);
	qpdf_cleanup(&pf.q);
	pdfread_free(pf.rd);
	free(pf.fonts.v);
	free(pf.forms.v);
	free(pf.img);
	return pf.errors;
}

void preflight_facts_free(struct preflight_facts *f)
{
	if (!f)
		return;
	free(f->page);
	f->page = NULL;
	f->npages = 0;
}
