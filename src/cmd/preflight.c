/* preflight: reads any PDF with libqpdf and reports what a printer would refuse. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <errno.h>

#include <qpdf/qpdf-c.h>

#include "msg.h"
#include "pdfobj.h"
#include "pdftok.h"
#include "preflight.h"

#define PF_MAX_FORM_DEPTH 12      /* nested forms followed */
#define PF_MAX_Q 32               /* graphics states tracked on the q stack */
#define PF_MAX_OPS 20000000L      /* content operators read in a whole file */
#define PF_MAX_FORM_RUNS 20000    /* forms interpreted in a whole file */
#define PF_MAX_TREE 64            /* page tree depth walked for inherited boxes */
#define PF_MAX_IMAGES 4096        /* image placements remembered on a page */
#define PF_MAX_WARNINGS 5         /* qpdf warnings reported one by one */
#define PF_MM(pt) ((pt) * 25.4 / 72.0)
#define PF_EPS 0.01               /* pt: box comparisons tolerate rounding */

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
};

/* A set of object numbers (fonts checked, forms walked). */
struct pf_ids {
	int *v;     /* the numbers, unsorted */
	size_t n;   /* how many */
	size_t cap; /* allocated */
};

/* An image as placed on the current page. */
struct pf_image {
	int id;          /* object number; 0 for an inline image */
	char name[64];   /* resource name where first drawn, for messages */
	double w, h;     /* size in pixels */
	double ppi;      /* the lowest effective resolution it was drawn at */
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
	struct pf_ids fonts;              /* fonts checked already */
	struct pf_ids forms;              /* forms walked for fonts already */
	struct pf_image *img;             /* images placed on this page */
	size_t nimg, capimg;              /* entries and allocation of img */
	long thin;                        /* strokes thinner than allowed on this page */
	double thinnest;                  /* the thinnest of them, pt */
	long ops_left;                    /* content operators still allowed */
	int forms_left;                   /* form runs still allowed */
};

/* Report one finding of `kind`, prefixed "page N: " on a page.  Past
 * PREFLIGHT_MAX_REPEAT of a kind, it is only counted (pf_summary). */
__attribute__((format(printf, 3, 4)))
static void pf_say(struct pf *pf, enum pf_kind kind, const char *fmt, ...)
{
	char text[1024];
	int n = 0;
	va_list ap;

	if (pf_kinds[kind].error)
		pf->errors++;
	else
		pf->warnings++;
	if (++pf->count[kind] > PREFLIGHT_MAX_REPEAT)
		return;
	if (pf->page > 0)
		n = snprintf(text, sizeof text, "page %d: ", pf->page);
	va_start(ap, fmt);
	vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
	va_end(ap);
	msg_at(pf->m, pf_kinds[kind].error ? M_PREFLIGHT : M_PREFLIGHT_WARN,
	       pf->path, 0, 0, text);
}

/* One line for each kind that was cut short after PREFLIGHT_MAX_REPEAT. */
static void pf_summary(struct pf *pf)
{
	char text[256];

	for (int k = 0; k < PF__KINDS; k++) {
		if (pf->count[k] <= PREFLIGHT_MAX_REPEAT)
			continue;
		snprintf(text, sizeof text, "%d more of the same: %s",
			 pf->count[k] - PREFLIGHT_MAX_REPEAT, pf_kinds[k].label);
		msg_at(pf->m, pf_kinds[k].error ? M_PREFLIGHT : M_PREFLIGHT_WARN,
		       pf->path, 0, 0, text);
	}
}

/* Add id to the set; whether it was there.  Direct objects (id 0) have
 * no identity and are never "seen". */
static int pf_seen(struct pf_ids *s, int id)
{
	if (id == 0)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = id;
	return 0;
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
	return pdfobj_rect(q, v, r) ? -1 : depth == 0 ? 1 : 2;
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
	    !pf_seen(&pf->forms, qpdf_oh_get_object_id(pf->q, form)))
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
	v = pdfobj_dict_values(pf->q, qpdf_oh_get_key(pf->q, res, "/Font"), &n);
	for (size_t i = 0; i < n; i++)
		if (qpdf_oh_is_dictionary(pf->q, v[i]) &&
		    !pf_seen(&pf->fonts, qpdf_oh_get_object_id(pf->q, v[i])))
			pf_font(pf, v[i]);
	free(v);
	for (size_t s = 0; s < sizeof subs / sizeof *subs; s++) {
		v = pdfobj_dict_values(pf->q, qpdf_oh_get_key(pf->q, res, subs[s]), &n);
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

/* The annotations of a page: scripts, and the fonts of their appearances. */
static void pf_annots(struct pf *pf, qpdf_oh page)
{
	qpdf_data q = pf->q;
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
	char sub[32];

	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, i), ap;

		pf_name(q, a, "/Subtype", sub, sizeof sub);
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
			qpdf_oh *v = pdfobj_dict_values(q, ap, &k);

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

/* What a stroke's width and an image's size depend on. */
struct pf_gstate {
	double ctm[6]; /* current transformation matrix, to default user space (pt) */
	double lw;     /* line width in user space */
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

/* Remember an image placement: the unit square mapped by the CTM. */
static void pf_place_image(struct pf *pf, const double ctm[6], int id,
			   const char *name, double w, double h)
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
		*im = (struct pf_image){ .id = id, .w = w, .h = h, .ppi = ppi };
		snprintf(im->name, sizeof im->name, "%s", name);
	}
	im->ppi = fmin(im->ppi, ppi);
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

	if (qpdf_oh_is_stream(q, xo) && pf_is(q, xo, "/Subtype", "/Image"))
		pf_place_image(pf, sc->st[sc->depth].ctm, qpdf_oh_get_object_id(q, xo), sc->name,
			       pf_num(q, xo, "/Width", 0), pf_num(q, xo, "/Height", 0));
	else if (qpdf_oh_is_stream(q, xo) && pf_is(q, xo, "/Subtype", "/Form"))
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
}

static void pf_op_ei(struct pf *pf, struct pf_scan *sc)
{
	if (sc->in_image)
		pf_place_image(pf, sc->st[sc->depth].ctm, 0, "", sc->image_w, sc->image_h);
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
static void pf_op_stroke(struct pf *pf, struct pf_scan *sc)
{
	const struct pf_gstate *gs = &sc->st[sc->depth];
	double w = gs->lw * pf_min_scale(gs->ctm);

	if (fabs(gs->ctm[0] * gs->ctm[3] - gs->ctm[1] * gs->ctm[2]) < 1e-12)
		return; /* a singular CTM paints nothing */
	if (w < PREFLIGHT_LINE_MIN - 1e-6) {
		pf->thin++;
		pf->thinnest = fmin(pf->thinnest, w);
	}
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
	{ .name = "S", .run = pf_op_stroke },
	{ .name = "s", .run = pf_op_stroke },  { .name = "B", .run = pf_op_stroke },
	{ .name = "B*", .run = pf_op_stroke }, { .name = "b", .run = pf_op_stroke },
	{ .name = "b*", .run = pf_op_stroke },
};

static void pf_operator(struct pf *pf, struct pf_scan *sc, const struct pdftok *t)
{
	for (size_t i = 0; i < sizeof pf_ops / sizeof *pf_ops; i++)
		if (pdftok_is(t, pf_ops[i].name)) {
			pf_ops[i].run(pf, sc);
			break;
		}
	sc->nnum = 0;
	sc->name[0] = '\0';
}

/* BI's dictionary, up to ID: the values of /W (/Width) and /H (/Height). */
static void pf_image_key(struct pf_scan *sc, const struct pdftok *t)
{
	if (t->kind == PDFTOK_NAME && !sc->key[0]) {
		snprintf(sc->key, sizeof sc->key, "%.*s", (int)t->value_len, t->value);
		return;
	}
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

/* Interpret decoded content data with resources `res` from state `gs`. */
static void pf_scan_data(struct pf *pf, const unsigned char *data, size_t len,
			 qpdf_oh res, const struct pf_gstate *gs, int level)
{
	struct pf_scan *sc = xcalloc(1, sizeof *sc);

	sc->st[0] = *gs;
	sc->res = res;
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
	QPDF_BOOL filtered = QPDF_FALSE;

	if ((qpdf_oh_get_stream_data(pf->q, stream, qpdf_dl_generalized, &filtered,
				     &buf, &len) & QPDF_ERRORS) || !filtered) {
		if (qpdf_has_error(pf->q))
			qpdf_get_error(pf->q);
		pf_say(pf, PF_CONTENT, "a form's content (object %d) cannot be decoded: "
		       "its images and lines are not checked", qpdf_oh_get_object_id(pf->q, stream));
	} else {
		pf_scan_data(pf, buf, len, res, gs, level);
	}
	free(buf);
}

/* The page's content, from default user space (UserUnit honoured). */
static void pf_content(struct pf *pf, qpdf_oh page, qpdf_oh res)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	double u = 1;
	struct pf_gstate gs = { .ctm = { 1, 0, 0, 1, 0, 0 }, .lw = 1 };

	if (qpdf_oh_get_value_as_number(pf->q, qpdf_oh_get_key(pf->q, page, "/UserUnit"), &u) && u > 0)
		gs.ctm[0] = gs.ctm[3] = u;
	if (qpdf_oh_get_page_content_data(pf->q, page, &buf, &len) & QPDF_ERRORS) {
		qpdf_get_error(pf->q);
		pf_say(pf, PF_CONTENT, "the page's content cannot be decoded: its images "
		       "and lines are not checked");
	} else {
		pf_scan_data(pf, buf, len, res, &gs, 0);
	}
	free(buf);
}

/* The page's images and strokes, once the whole page was read. */
static void pf_page_report(struct pf *pf)
{
	for (size_t i = 0; i < pf->nimg; i++) {
		const struct pf_image *im = &pf->img[i];
		const char *what = im->id ? "image " : "an inline image";

		if (im->ppi < PREFLIGHT_PPI_ERROR)
			pf_say(pf, PF_IMAGE_LOW, "%s%s (%.0f x %.0f px) is placed at %.0f ppi: "
			       "below %d ppi it prints visibly blurred; printers want %d", what,
			       im->name, im->w, im->h, im->ppi, PREFLIGHT_PPI_ERROR, PREFLIGHT_PPI_WARN);
		else if (im->ppi < PREFLIGHT_PPI_WARN)
			pf_say(pf, PF_IMAGE_WARN, "%s%s (%.0f x %.0f px) is placed at %.0f ppi; "
			       "printers want %d", what, im->name, im->w, im->h, im->ppi,
			       PREFLIGHT_PPI_WARN);
	}
	if (pf->thin > 0)
		pf_say(pf, PF_LINE_THIN, "%ld stroke(s) thinner than %.2f pt (the thinnest %.2f pt%s); "
		       "they may not print", pf->thin, PREFLIGHT_LINE_MIN, pf->thinnest,
		       pf->thinnest == 0 ? ", a 0-width hairline" : "");
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
	pf->thinnest = HUGE_VAL;
	pf_boxes(pf, page);
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
	    (qpdf_oh_get_stream_data(pf->q, meta, qpdf_dl_generalized, NULL, &buf, &len) & QPDF_ERRORS))
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
	free(buf);
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

/* PDF/X: checked where claimed (Info or XMP) or required by the options. */
static void pf_pdfx(struct pf *pf)
{
	char info_v[64] = "", xmp_v[64] = "";
	const char *iv = qpdf_get_info_key(pf->q, "/GTS_PDFXVersion");

	pf->page = 0;
	if (iv)
		snprintf(info_v, sizeof info_v, "%s", iv);
	pf_xmp_version(pf, xmp_v, sizeof xmp_v);
	if (!info_v[0] && !xmp_v[0]) {
		if (!pf->o->pdfx)
			return;
		pf_say(pf, PF_PDFX_MISSING, "PDF/X is required but the file claims no "
		       "PDF/X version (GTS_PDFXVersion)");
	}
	pf_pdfx_keys(pf, xmp_v[0] ? xmp_v : info_v[0] ? info_v : "PDF/X",
		     info_v[0] != 0, xmp_v[0] != 0);
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
			 .ops_left = PF_MAX_OPS, .forms_left = PF_MAX_FORM_RUNS };
	FILE *f = fopen(path, "rb");
	int npages = 0;

	if (!f) {
		msg_at(m, M_OPEN, path, 0, 0, strerror(errno));
		return 1;
	}
	fclose(f);
	pf.q = qpdf_init();
	qpdf_silence_errors(pf.q);
	qpdf_set_suppress_warnings(pf.q, QPDF_TRUE);
	if ((qpdf_read(pf.q, path, NULL) & QPDF_ERRORS) ||
	    (npages = qpdf_get_num_pages(pf.q)) < 0) {
		pf_say(&pf, PF_UNREADABLE, "not a PDF that can be read: %s",
		       qpdf_get_error_full_text(pf.q, qpdf_get_error(pf.q)));
		goto out;
	}
	pf_document(&pf);
	pf_page_count(&pf, npages);
	for (int i = 0; i < npages; i++)
		pf_page(&pf, i);
	pf_pdfx(&pf);
	pf_qpdf_warnings(&pf);
	pf_summary(&pf);
	msg_at(m, M_PREFLIGHT_DONE, path, 0, 0, npages, pf.errors, pf.warnings);
out:
	qpdf_cleanup(&pf.q);
	free(pf.fonts.v);
	free(pf.forms.v);
	free(pf.img);
	return pf.errors;
}
