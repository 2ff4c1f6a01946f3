/* pfcolour: plates, total ink and colour spaces of painted objects (lcms2 for ICC data). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lcms2.h>

#include "msg.h"
#include "pdfread.h"
#include "pfcolour.h"

#define PFC_MAX_INKS 256      /* inks named in a document (4 process inks first) */
#define PFC_MAX_XFORMS 16     /* colour transforms kept (per profile) */
#define PFC_MAX_DEPTH 4       /* colour spaces nested (Indexed of Separation of …) */
#define PFC_ALL (-2)          /* Separation /All: registration */
#define PFC_NONE (-1)         /* Separation /None, or an ink beyond the table */
#define PFC_SRGB (-1)         /* transform keys: sRGB (DeviceRGB without DefaultRGB) */
#define PFC_LABKEY (-2)       /* Lab */
#define PFC_MAX_SAMPLES 50000000L /* image bytes read for their ink */
#define PFC_MAX_ICC (16L << 20)   /* bytes of an ICC profile read */

/* A transform to the output intent's CMYK, from one source profile. */
struct pfc_xform {
	int key;               /* ICC stream object number, PFC_SRGB or PFC_LABKEY */
	cmsHTRANSFORM t;       /* NULL when lcms2 could not make it */
};

struct pfc {
	qpdf_data q;                        /* the document */
	struct pdfread *rd;                 /* bounded decoding of its streams */
	cmsHPROFILE intent;                 /* the output intent's profile, NULL: none */
	int intent_cmyk;                    /* whether it is a CMYK profile */
	char ink[PFC_MAX_INKS][64];         /* every ink named: 0-3 Cyan Magenta Yellow Black */
	int ninks;                          /* how many */
	struct pfc_xform xf[PFC_MAX_XFORMS];/* transforms made so far */
	int nxf;                            /* how many */
	double trim[4];                     /* the page's TrimBox */
	double bleed[4];                    /* and BleedBox: what lies wholly outside is cut off */
	unsigned char used[PFC_MAX_INKS];   /* inks used on the page */
	struct pfc_page page;               /* the page's facts */
	double alt[PFC_MAX_INKS][4];        /* each spot ink's CMYK alternate at 100 %, as first defined */
	unsigned char alt_set[PFC_MAX_INKS];/* whether alt holds it */
	double alt2[PFC_MAX_INKS][4];       /* another alternate found for the same ink */
	unsigned char alt_clash[PFC_MAX_INKS]; /* whether alt2 holds one */
};

static int pfc_fn_ends(qpdf_data q, qpdf_oh f, int n, int first, struct pfc_colour *a,
		       struct pfc_colour *b);

/* What a colour puts on the plates. */
struct pfc_ink {
	double cmyk[4];                /* process inks, 0..1 */
	int nspot;                     /* spot inks */
	int spot[PFC_MAX_COMP];        /* their table indices */
	double tint[PFC_MAX_COMP];     /* and tints, 0..1 */
	int all;                       /* registration colour */
	int known;                     /* whether the plates are known */
};

static double pfc_clamp(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : isnan(v) ? 0 : v;
}

struct pfc *pfc_new(qpdf_data q, struct pdfread *rd, const unsigned char *intent,
		       size_t intent_len)
{
	static const char *const process[] = { "Cyan", "Magenta", "Yellow", "Black" };
	struct pfc *c = xcalloc(1, sizeof *c);

	c->q = q;
	c->rd = rd;
	for (int i = 0; i < 4; i++)
		snprintf(c->ink[i], sizeof c->ink[i], "%s", process[i]);
	c->ninks = 4;
	if (intent && intent_len > 0)
		c->intent = cmsOpenProfileFromMem(intent, (cmsUInt32Number)intent_len);
	c->intent_cmyk = c->intent && cmsGetColorSpace(c->intent) == cmsSigCmykData;
	return c;
}

void pfc_free(struct pfc *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nxf; i++)
		if (c->xf[i].t)
			cmsDeleteTransform(c->xf[i].t);
	if (c->intent)
		cmsCloseProfile(c->intent);
	free(c);
}

int pfc_intent_cmyk(const struct pfc *c)
{
	return c->intent_cmyk;
}

const char *pfc_ink_name(const struct pfc *c, int i)
{
	return i >= 0 && i < c->ninks ? c->ink[i] : "";
}

/* The table index of ink `name` (no slash), added when new. */
static int pfc_ink_index(struct pfc *c, const char *name)
{
	if (strcmp(name, "All") == 0)
		return PFC_ALL;
	if (strcmp(name, "None") == 0)
		return PFC_NONE;
	for (int i = 0; i < c->ninks; i++)
		if (strcmp(c->ink[i], name) == 0)
			return i;
	if (c->ninks >= PFC_MAX_INKS)
		return PFC_NONE;
	snprintf(c->ink[c->ninks], sizeof c->ink[0], "%s", name);
	return c->ninks++;
}

/* ---- colour spaces ---- */

/* The bytes of a stream, decoded, at most `limit` of them (pdfread:
 * a decompression bomb stops there); NULL when they cannot be had. */
static unsigned char *pfc_stream(const struct pfc *c, qpdf_oh s, size_t limit, size_t *len)
{
	unsigned char *buf = NULL;
	int id = qpdf_oh_get_object_id(c->q, s), gen = qpdf_oh_get_generation(c->q, s);

	*len = 0;
	if (!c->rd || id <= 0 ||
	    pdfread_streams(c->rd, &id, &gen, 1, limit, &buf, len) != PDFREAD_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* An ICCBased profile's colour space, read by lcms2; by /N when unreadable. */
static enum pfc_kind pfc_icc_kind(const struct pfc *c, qpdf_oh stream, int n)
{
	size_t len;
	unsigned char *buf = pfc_stream(c, stream, PFC_MAX_ICC, &len);
	cmsHPROFILE p = buf ? cmsOpenProfileFromMem(buf, (cmsUInt32Number)len) : NULL;
	enum pfc_kind k = n == 1 ? PFC_GRAY : n == 3 ? PFC_RGB : n == 4 ? PFC_CMYK : PFC_OTHER;

	if (p) {
		cmsColorSpaceSignature sig = cmsGetColorSpace(p);

		k = sig == cmsSigGrayData ? PFC_GRAY : sig == cmsSigRgbData ? PFC_RGB :
		    sig == cmsSigCmykData ? PFC_CMYK : sig == cmsSigLabData ? PFC_LAB : PFC_OTHER;
		cmsCloseProfile(p);
	}
	free(buf);
	return k;
}

static void pfc_space_in(struct pfc *c, qpdf_oh res, qpdf_oh obj, const char *name,
			 struct pfc_space *s, int depth);

/* A spot ink's alternate, its tint transform at 100 % when that is an
 * exponential function into CMYK: kept on first sight; a different one
 * later is remembered as a clash (two proofs of one ink disagree). */
static void pfc_spot_alt(struct pfc *c, int ink, qpdf_oh fn, enum pfc_kind alt_kind)
{
	struct pfc_colour a = { 0 }, b = { 0 };

	if (ink < 4 || alt_kind != PFC_CMYK || !pfc_fn_ends(c->q, fn, 4, 0, &a, &b))
		return;
	if (!c->alt_set[ink]) {
		memcpy(c->alt[ink], b.v, sizeof c->alt[ink]);
		c->alt_set[ink] = 1;
		return;
	}
	for (int i = 0; i < 4 && !c->alt_clash[ink]; i++)
		if (fabs(c->alt[ink][i] - b.v[i]) > 0.005) {
			memcpy(c->alt2[ink], b.v, sizeof c->alt2[ink]);
			c->alt_clash[ink] = 1;
		}
}

int pfc_spot_alt_clash(const struct pfc *c, int i, const char **name, double a[4], double b[4])
{
	for (int k = 4; k < c->ninks; k++) {
		if (!c->alt_clash[k] || i-- > 0)
			continue;
		*name = c->ink[k];
		memcpy(a, c->alt[k], sizeof c->alt[k]);
		memcpy(b, c->alt2[k], sizeof c->alt2[k]);
		return 1;
	}
	return 0;
}

/* A device space, under the page's Default space when it has one. */
static void pfc_device_space(struct pfc *c, qpdf_oh res, enum pfc_kind k, struct pfc_space *s,
			     int depth)
{
	static const char *const defaults[] = { [PFC_GRAY] = "/DefaultGray",
		[PFC_RGB] = "/DefaultRGB", [PFC_CMYK] = "/DefaultCMYK" };
	static const char *const names[] = { [PFC_GRAY] = "DeviceGray",
		[PFC_RGB] = "DeviceRGB", [PFC_CMYK] = "DeviceCMYK" };
	qpdf_data q = c->q;
	qpdf_oh sub = qpdf_oh_get_key_if_dict(q, res, "/ColorSpace");
	qpdf_oh def = qpdf_oh_get_key_if_dict(q, sub, defaults[k]);

	*s = (struct pfc_space){ .kind = k, .n = k == PFC_GRAY ? 1 : k == PFC_RGB ? 3 : 4 };
	snprintf(s->name, sizeof s->name, "%s", names[k]);
	if (!qpdf_oh_is_null(q, def) && depth < PFC_MAX_DEPTH) {
		struct pfc_space d;

		pfc_space_in(c, qpdf_oh_new_null(q), def, "", &d, depth + 1);
		if (d.n == s->n && d.calibrated) {
			*s = d;
			s->by_default = 1;
			snprintf(s->name, sizeof s->name, "%s (%s)", names[k], defaults[k] + 1);
		}
	}
}

/* A colour space given by name (cs operand, image abbreviation) or as an
 * object, into *s. */
static void pfc_space_in(struct pfc *c, qpdf_oh res, qpdf_oh obj, const char *name,
			 struct pfc_space *s, int depth)
{
	qpdf_data q = c->q;
	char fam[32] = "";
	qpdf_oh a;
	int n;

	*s = (struct pfc_space){ .kind = PFC_OTHER, .n = 1 };
	if (qpdf_oh_is_name(q, obj))
		name = qpdf_oh_get_name(q, obj);
	if (!qpdf_oh_is_array(q, obj) && name && name[0]) {
		if (!strcmp(name, "/DeviceGray") || !strcmp(name, "/G")) {
			pfc_device_space(c, res, PFC_GRAY, s, depth);
		} else if (!strcmp(name, "/DeviceRGB") || !strcmp(name, "/RGB")) {
			pfc_device_space(c, res, PFC_RGB, s, depth);
		} else if (!strcmp(name, "/DeviceCMYK") || !strcmp(name, "/CMYK")) {
			pfc_device_space(c, res, PFC_CMYK, s, depth);
		} else if (!strcmp(name, "/Pattern")) {
			*s = (struct pfc_space){ .kind = PFC_PATTERN, .n = 0, .name = "Pattern" };
		} else if (depth < PFC_MAX_DEPTH) {
			qpdf_oh sub = qpdf_oh_get_key_if_dict(q, res, "/ColorSpace");
			qpdf_oh v = qpdf_oh_get_key_if_dict(q, sub, name);

			if (!qpdf_oh_is_null(q, v))
				pfc_space_in(c, res, v, "", s, depth + 1);
		}
		return;
	}
	if (!qpdf_oh_is_array(q, obj) || (n = qpdf_oh_get_array_n_items(q, obj)) < 1)
		return;
	a = qpdf_oh_get_array_item(q, obj, 0);
	if (qpdf_oh_is_name(q, a))
		snprintf(fam, sizeof fam, "%s", qpdf_oh_get_name(q, a));
	if (!strcmp(fam, "/ICCBased") && n >= 2) {
		qpdf_oh st = qpdf_oh_get_array_item(q, obj, 1);
		double comps = 0;
		qpdf_oh nn = qpdf_oh_is_stream(q, st) ?
			     qpdf_oh_get_key(q, qpdf_oh_get_dict(q, st), "/N") : qpdf_oh_new_null(q);

		qpdf_oh_get_value_as_number(q, nn, &comps);
		s->kind = pfc_icc_kind(c, st, (int)comps);
		s->n = s->kind == PFC_GRAY ? 1 : s->kind == PFC_CMYK ? 4 : 3;
		s->icc = qpdf_oh_get_object_id(q, st);
		s->calibrated = 1;
		snprintf(s->name, sizeof s->name, "ICCBased %s", s->kind == PFC_GRAY ? "Gray" :
			 s->kind == PFC_RGB ? "RGB" : s->kind == PFC_CMYK ? "CMYK" :
			 s->kind == PFC_LAB ? "Lab" : "(other)");
	} else if (!strcmp(fam, "/CalRGB") || !strcmp(fam, "/CalGray") || !strcmp(fam, "/Lab")) {
		s->kind = fam[4] == 'R' ? PFC_RGB : fam[4] == 'G' ? PFC_GRAY : PFC_LAB;
		s->n = s->kind == PFC_GRAY ? 1 : 3;
		s->calibrated = 1;
		snprintf(s->name, sizeof s->name, "%s", fam + 1);
	} else if (!strcmp(fam, "/Separation") && n >= 3) {
		qpdf_oh nm = qpdf_oh_get_array_item(q, obj, 1);
		struct pfc_space alt;

		s->kind = PFC_SEP;
		s->ink[0] = qpdf_oh_is_name(q, nm) ? pfc_ink_index(c, qpdf_oh_get_name(q, nm) + 1) : PFC_NONE;
		if (depth < PFC_MAX_DEPTH) {
			pfc_space_in(c, res, qpdf_oh_get_array_item(q, obj, 2), "", &alt, depth + 1);
			s->base = alt.kind;
			if (n >= 4)
				pfc_spot_alt(c, s->ink[0], qpdf_oh_get_array_item(q, obj, 3), alt.kind);
		}
		snprintf(s->name, sizeof s->name, "Separation %s", s->ink[0] == PFC_ALL ? "All" :
			 s->ink[0] == PFC_NONE ? "None" : c->ink[s->ink[0]]);
	} else if (!strcmp(fam, "/DeviceN") && n >= 3) {
		qpdf_oh names = qpdf_oh_get_array_item(q, obj, 1);
		int k = qpdf_oh_is_array(q, names) ? qpdf_oh_get_array_n_items(q, names) : 0;
		struct pfc_space alt;

		s->kind = PFC_DEVN;
		s->n = k < PFC_MAX_COMP ? k : PFC_MAX_COMP;
		for (int i = 0; i < s->n; i++) {
			qpdf_oh nm = qpdf_oh_get_array_item(q, names, i);

			s->ink[i] = qpdf_oh_is_name(q, nm) ? pfc_ink_index(c, qpdf_oh_get_name(q, nm) + 1) : PFC_NONE;
		}
		if (depth < PFC_MAX_DEPTH) {
			pfc_space_in(c, res, qpdf_oh_get_array_item(q, obj, 2), "", &alt, depth + 1);
			s->base = alt.kind;
		}
		snprintf(s->name, sizeof s->name, "DeviceN (%d inks)", k);
	} else if ((!strcmp(fam, "/Indexed") || !strcmp(fam, "/I")) && n >= 2) {
		struct pfc_space base;

		if (depth < PFC_MAX_DEPTH) {
			pfc_space_in(c, res, qpdf_oh_get_array_item(q, obj, 1), "", &base, depth + 1);
			s->base = base.kind;
			s->calibrated = base.calibrated;
			for (int i = 0; i < PFC_MAX_COMP; i++)
				s->ink[i] = base.ink[i];
			snprintf(s->name, sizeof s->name, "Indexed %.36s", base.name);
		}
		s->kind = PFC_INDEXED;
	} else if (!strcmp(fam, "/Pattern")) {
		*s = (struct pfc_space){ .kind = PFC_PATTERN, .n = 0, .name = "Pattern" };
	} else {
		snprintf(s->name, sizeof s->name, "%s", fam[0] ? fam + 1 : "(unknown)");
	}
}

void pfc_space_object(struct pfc *c, qpdf_oh res, qpdf_oh obj, struct pfc_space *s)
{
	pfc_space_in(c, res, obj, "", s, 0);
}

/* The initial colour of a space (PDF 32000 §8.6.8: black, or a full tint). */
static void pfc_initial(struct pfc_colour *col)
{
	memset(col->v, 0, sizeof col->v);
	if (col->cs.kind == PFC_CMYK)
		col->v[3] = 1;
	if (col->cs.kind == PFC_SEP || col->cs.kind == PFC_DEVN)
		for (int i = 0; i < PFC_MAX_COMP; i++)
			col->v[i] = 1;
}

void pfc_space_named(struct pfc *c, qpdf_oh res, const char *name, struct pfc_colour *col)
{
	pfc_space_in(c, res, qpdf_oh_new_null(c->q), name, &col->cs, 0);
	pfc_initial(col);
}

void pfc_device(struct pfc *c, qpdf_oh res, enum pfc_kind kind, const double *v, int n,
		struct pfc_colour *col)
{
	pfc_device_space(c, res, kind, &col->cs, 0);
	pfc_initial(col);
	pfc_values(col, v, n);
}

void pfc_values(struct pfc_colour *col, const double *v, int n)
{
	for (int i = 0; i < n && i < PFC_MAX_COMP; i++)
		col->v[i] = v[i];
}

/* ---- conversion to the output intent ---- */

/* The transform from source `key` (an ICC stream, sRGB or Lab) to the
 * intent's CMYK; NULL when there is no CMYK intent or lcms2 fails. */
static cmsHTRANSFORM pfc_xform(struct pfc *c, int key, cmsUInt32Number in_type)
{
	cmsHPROFILE src = NULL;
	cmsHTRANSFORM t = NULL;

	if (!c->intent_cmyk)
		return NULL;
	for (int i = 0; i < c->nxf; i++)
		if (c->xf[i].key == key)
			return c->xf[i].t;
	if (key == PFC_SRGB) {
		src = cmsCreate_sRGBProfile();
	} else if (key == PFC_LABKEY) {
		src = cmsCreateLab4Profile(NULL);
	} else {
		qpdf_oh st = qpdf_get_object_by_id(c->q, key, 0);
		size_t len = 0;
		unsigned char *buf;

		buf = qpdf_oh_is_stream(c->q, st) ? pfc_stream(c, st, PFC_MAX_ICC, &len) : NULL;
		if (buf)
			src = cmsOpenProfileFromMem(buf, (cmsUInt32Number)len);
		free(buf);
	}
	if (src) {
		t = cmsCreateTransform(src, in_type, c->intent, TYPE_CMYK_DBL,
				       INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
		cmsCloseProfile(src);
	}
	if (c->nxf < PFC_MAX_XFORMS)
		c->xf[c->nxf++] = (struct pfc_xform){ .key = key, .t = t };
	else if (t)
		cmsDeleteTransform(t), t = NULL;
	return t;
}

/* RGB, Lab or ICC colour separated through the intent: *out known or not. */
static void pfc_convert(struct pfc *c, const struct pfc_colour *col, struct pfc_ink *out)
{
	const struct pfc_space *s = &col->cs;
	int lab = s->kind == PFC_LAB;
	int key = s->icc ? s->icc : lab ? PFC_LABKEY : PFC_SRGB;
	cmsHTRANSFORM t = pfc_xform(c, key, lab ? TYPE_Lab_DBL : TYPE_RGB_DBL);
	double in[3], cmyk[4];

	if (!t)
		return;
	for (int i = 0; i < 3; i++)
		in[i] = lab ? col->v[i] : pfc_clamp(col->v[i]);
	if (lab && !s->icc) {
		cmsCIELab l = { .L = in[0], .a = in[1], .b = in[2] };

		cmsDoTransform(t, &l, cmyk, 1);
	} else {
		cmsDoTransform(t, in, cmyk, 1);
	}
	for (int i = 0; i < 4; i++)
		out->cmyk[i] = pfc_clamp(cmyk[i] / 100);
	out->known = 1;
}

/* What colour col puts on the plates. */
static void pfc_inks(struct pfc *c, const struct pfc_colour *col, struct pfc_ink *out)
{
	const struct pfc_space *s = &col->cs;

	memset(out, 0, sizeof *out);
	switch (s->kind) {
	case PFC_GRAY:
		out->cmyk[3] = 1 - pfc_clamp(col->v[0]);
		out->known = 1;
		break;
	case PFC_CMYK:
		for (int i = 0; i < 4; i++)
			out->cmyk[i] = pfc_clamp(col->v[i]);
		out->known = 1;
		break;
	case PFC_RGB:
	case PFC_LAB:
		pfc_convert(c, col, out);
		break;
	case PFC_SEP:
	case PFC_DEVN:
		for (int i = 0; i < (s->kind == PFC_SEP ? 1 : s->n); i++) {
			double t = pfc_clamp(col->v[i]);

			if (s->ink[i] == PFC_ALL) {
				out->all = t > 0;
			} else if (s->ink[i] >= 0 && s->ink[i] < 4) {
				out->cmyk[s->ink[i]] = fmax(out->cmyk[s->ink[i]], t);
			} else if (s->ink[i] >= 4 && out->nspot < PFC_MAX_COMP) {
				out->spot[out->nspot] = s->ink[i];
				out->tint[out->nspot++] = t;
			}
		}
		out->known = 1;
		break;
	default:
		break;
	}
}

/* ---- the page's facts ---- */

void pfc_page_begin(struct pfc *c, const double trim[4], const double bleed[4])
{
	memcpy(c->trim, trim, sizeof c->trim);
	memcpy(c->bleed, bleed, sizeof c->bleed);
	memset(c->used, 0, sizeof c->used);
	memset(&c->page, 0, sizeof c->page);
}

const struct pfc_page *pfc_page_facts(const struct pfc *c)
{
	struct pfc_page *p = (struct pfc_page *)&c->page;
	size_t len = 0;

	p->plates[0] = '\0';
	p->nplates = 0;
	for (int i = 0; i < c->ninks; i++) {
		if (!c->used[i])
			continue;
		len += (size_t)snprintf(p->plates + len, len < sizeof p->plates ? sizeof p->plates - len : 0,
					"%s%s", p->nplates ? ", " : "", c->ink[i]);
		if (len >= sizeof p->plates)
			len = sizeof p->plates - 1;
		p->nplates++;
	}
	return p;
}

/* Whether box reaches inside the trim (more than a rounding's width). */
static int pfc_in_trim(const struct pfc *c, const double box[4])
{
	return box[2] > c->trim[0] + 0.01 && box[0] < c->trim[2] - 0.01 &&
	       box[3] > c->trim[1] + 0.01 && box[1] < c->trim[3] - 0.01;
}

/* Whether box lies wholly outside the bleed (slug, marks: cut off). */
static int pfc_cut_off(const struct pfc *c, const double box[4])
{
	return box[2] < c->bleed[0] || box[0] > c->bleed[2] ||
	       box[3] < c->bleed[1] || box[1] > c->bleed[3];
}

static const char *const pfc_paint_words[] = {
	[PFC_FILL] = "a fill", [PFC_STROKE] = "a stroke", [PFC_TEXT] = "text",
	[PFC_IMAGE] = "an image", [PFC_SHADING] = "a shading",
};

/* The inks of one object counted on the page: its plates, total and
 * position, unless it is cut off with the bleed. */
static void pfc_count(struct pfc *c, const struct pfc_ink *k, double total, const char *what,
		      const double box[4])
{
	if (pfc_cut_off(c, box))
		return;
	for (int i = 0; i < 4; i++)
		if (k->cmyk[i] > 0.0005)
			c->used[i] = 1;
	for (int i = 0; i < k->nspot; i++)
		if (k->tint[i] > 0.0005)
			c->used[k->spot[i]] = 1;
	if (total > c->page.max_ink) {
		c->page.max_ink = total;
		memcpy(c->page.max_box, box, sizeof c->page.max_box);
		snprintf(c->page.max_what, sizeof c->page.max_what, "%s", what);
	}
}

/* An object in RGB or Lab (or Indexed over them) counted on the page. */
static void pfc_note_rgb(struct pfc *c, const struct pfc_space *s, enum pfc_paint what,
			 const double box[4])
{
	struct pfc_page *p = &c->page;

	if (!(s->kind == PFC_RGB || s->kind == PFC_LAB ||
	      (s->kind == PFC_INDEXED && (s->base == PFC_RGB || s->base == PFC_LAB))))
		return;
	if (p->rgb++ == 0) {
		memcpy(p->rgb_box, box, sizeof p->rgb_box);
		snprintf(p->rgb_what, sizeof p->rgb_what, "%s in %s", pfc_paint_words[what], s->name);
	}
	if (!s->calibrated && p->rgb_device++ == 0) {
		memcpy(p->rgb_device_box, box, sizeof p->rgb_device_box);
		snprintf(p->rgb_device_what, sizeof p->rgb_device_what, "%s in %s",
			 pfc_paint_words[what], s->name);
	}
}

void pfc_paint(struct pfc *c, const struct pfc_colour *col, enum pfc_paint what,
	       const double box[4], double text_size)
{
	struct pfc_page *p = &c->page;
	const struct pfc_space *s = &col->cs;
	struct pfc_ink k;
	double total = 0;
	char desc[96];

	pfc_note_rgb(c, s, what, box);
	pfc_inks(c, col, &k);
	if (!k.known)
		return;
	if (k.all) {
		if (pfc_in_trim(c, box) && p->reg_in_trim++ == 0)
			memcpy(p->reg_box, box, sizeof p->reg_box);
		return; /* registration: on every plate, outside any ink limit */
	}
	for (int i = 0; i < 4; i++)
		total += k.cmyk[i] * 100;
	for (int i = 0; i < k.nspot; i++)
		total += k.tint[i] * 100;
	snprintf(desc, sizeof desc, "%s in %s", pfc_paint_words[what], s->name);
	pfc_count(c, &k, total, desc, box);
	if (what == PFC_TEXT && text_size > 0 && text_size < PFC_TEXT_MIN && !pfc_cut_off(c, box) &&
	    k.cmyk[3] >= PFC_BLACK_K && k.cmyk[0] + k.cmyk[1] + k.cmyk[2] > 0.05) {
		if (p->black_text++ == 0) {
			memcpy(p->black_box, box, sizeof p->black_box);
			memcpy(p->black_ink, k.cmyk, sizeof p->black_ink);
			p->black_size = text_size;
		}
	}
}

/* The highest sum of components over the samples of an 8-bit CMYK image
 * (its /Decode honoured), and which components are ever inked. */
/* Whether the JPEG data j[0..n) is one 4-component frame of w x h
 * pixels (its SOF marker), so that decoding it makes w * h * 4 bytes. */
static int pfc_jpeg_is(const unsigned char *j, size_t n, double w, double h)
{
	size_t i = 2;

	if (n < 4 || j[0] != 0xFF || j[1] != 0xD8)
		return 0;
	while (i + 4 <= n && j[i] == 0xFF) {
		int m = j[i + 1];
		size_t seg = (size_t)j[i + 2] << 8 | j[i + 3];

		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
			return i + 10 <= n && ((j[i + 5] << 8) | j[i + 6]) == (int)h &&
			       ((j[i + 7] << 8) | j[i + 8]) == (int)w && j[i + 9] == 4;
		i += 2 + seg;
	}
	return 0;
}

/* An image's samples decoded, at most `limit` bytes: through pdfread
 * (bounded), or — DCT, which pdfread leaves — through qpdf once the
 * JPEG's own frame says it decodes to no more than w x h x 4. */
static unsigned char *pfc_samples(const struct pfc *c, qpdf_oh image, double w, double h,
				  size_t limit, size_t *len)
{
	qpdf_data q = c->q;
	unsigned char *raw = NULL, *buf = pfc_stream(c, image, limit, len);
	size_t rlen = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	qpdf_oh f = qpdf_oh_get_key(q, qpdf_oh_get_dict(q, image), "/Filter");

	if (buf || !qpdf_oh_is_name_and_equals(q, f, "/DCTDecode"))
		return buf;
	if ((qpdf_oh_get_stream_data(q, image, qpdf_dl_none, NULL, &raw, &rlen) & QPDF_ERRORS) ||
	    rlen > limit || !pfc_jpeg_is(raw, rlen, w, h)) {
		if (qpdf_has_error(q))
			qpdf_get_error(q);
		free(raw);
		return NULL;
	}
	free(raw);
	if ((qpdf_oh_get_stream_data(q, image, qpdf_dl_all, &filtered, &buf, len) & QPDF_ERRORS) ||
	    !filtered || *len > limit) {
		if (qpdf_has_error(q))
			qpdf_get_error(q);
		free(buf);
		return NULL;
	}
	return buf;
}

static double pfc_samples_ink(const struct pfc *c, qpdf_oh image, int used[4])
{
	qpdf_data q = c->q;
	qpdf_oh d = qpdf_oh_get_dict(q, image), dec = qpdf_oh_get_key(q, d, "/Decode");
	double lo[4] = { 0, 0, 0, 0 }, hi[4] = { 1, 1, 1, 1 }, bpc = 0, max = 0;
	unsigned char *buf = NULL;
	size_t len = 0;
	double w = 0, h = 0;

	qpdf_oh_get_value_as_number(q, qpdf_oh_get_key(q, d, "/BitsPerComponent"), &bpc);
	qpdf_oh_get_value_as_number(q, qpdf_oh_get_key(q, d, "/Width"), &w);
	qpdf_oh_get_value_as_number(q, qpdf_oh_get_key(q, d, "/Height"), &h);
	if (bpc != 8 || !(w >= 1 && h >= 1 && w * h * 4 <= (double)PFC_MAX_SAMPLES))
		return -1; /* not read: not 8 bits, or larger than allowed once decoded */
	if (qpdf_oh_is_array(q, dec) && qpdf_oh_get_array_n_items(q, dec) == 8)
		for (int i = 0; i < 4; i++) {
			qpdf_oh_get_value_as_number(q, qpdf_oh_get_array_item(q, dec, 2 * i), &lo[i]);
			qpdf_oh_get_value_as_number(q, qpdf_oh_get_array_item(q, dec, 2 * i + 1), &hi[i]);
		}
	buf = pfc_samples(c, image, w, h, (size_t)(w * h * 4), &len);
	if (!buf)
		return -1;
	for (size_t i = 0; i + 4 <= len; i += 4) {
		double sum = 0;

		for (int j = 0; j < 4; j++) {
			double v = lo[j] + (hi[j] - lo[j]) * buf[i + (size_t)j] / 255.0;

			sum += v;
			if (v > 0.0005)
				used[j] = 1;
		}
		max = fmax(max, sum);
	}
	free(buf);
	return max * 100;
}

/* An image in space *s (its samples in `image` when it is an XObject,
 * a null handle for an inline image), painted over box. */
static void pfc_image_in(struct pfc *c, const struct pfc_space *s, qpdf_oh image,
			 const double box[4])
{
	struct pfc_colour col = { .cs = *s };
	int used[4] = { 0 };
	double ink = -1;
	char desc[96];

	if (pfc_cut_off(c, box)) {
		pfc_note_rgb(c, s, PFC_IMAGE, box);
		return;
	}
	switch (s->kind) {
	case PFC_CMYK:
		if (!qpdf_oh_is_null(c->q, image))
			ink = pfc_samples_ink(c, image, used);
		for (int i = 0; i < 4; i++)
			c->used[i] |= (unsigned char)(ink < 0 || used[i]); /* unread: every plate */
		snprintf(desc, sizeof desc, "an image in %s", s->name);
		if (ink >= 0)
			pfc_count(c, &(struct pfc_ink){ .known = 1 }, ink, desc, box);
		break;
	case PFC_GRAY:
		c->used[3] = 1; /* how much black is not read */
		break;
	case PFC_SEP:
	case PFC_DEVN:
		for (int i = 0; i < PFC_MAX_COMP; i++)
			col.v[i] = 1;
		pfc_paint(c, &col, PFC_IMAGE, box, 0);
		break;
	case PFC_RGB:
	case PFC_LAB:
	case PFC_INDEXED:
		if (s->kind != PFC_INDEXED || s->base == PFC_RGB || s->base == PFC_LAB) {
			pfc_note_rgb(c, s, PFC_IMAGE, box);
			if (c->intent_cmyk)
				for (int i = 0; i < 4; i++)
					c->used[i] = 1; /* a picture separates into all four */
		} else if (s->base == PFC_CMYK) {
			for (int i = 0; i < 4; i++)
				c->used[i] = 1;
		} else if (s->base == PFC_GRAY) {
			c->used[3] = 1;
		}
		break;
	default:
		break;
	}
}

void pfc_image(struct pfc *c, qpdf_oh res, qpdf_oh image, const struct pfc_colour *fill,
	       const double box[4], struct pfc_space *s)
{
	qpdf_data q = c->q;
	qpdf_oh d = qpdf_oh_get_dict(q, image);
	qpdf_oh mask = qpdf_oh_get_key(q, d, "/ImageMask");

	if (qpdf_oh_is_bool(q, mask) && qpdf_oh_get_bool_value(q, mask)) {
		*s = fill->cs;
		pfc_paint(c, fill, PFC_IMAGE, box, 0);
		return;
	}
	pfc_space_in(c, res, qpdf_oh_get_key(q, d, "/ColorSpace"), "", s, 0);
	pfc_image_in(c, s, image, box);
}

void pfc_inline_image(struct pfc *c, qpdf_oh res, const char *space, int mask,
		      const struct pfc_colour *fill, const double box[4])
{
	struct pfc_colour col;

	if (mask) {
		pfc_paint(c, fill, PFC_IMAGE, box, 0);
		return;
	}
	pfc_space_named(c, res, space, &col);
	pfc_image_in(c, &col.cs, qpdf_oh_new_null(c->q), box);
}

/* A Type 2 (exponential) function's ends C0 and C1 into the colours a
 * and b (n components); whether f is one. */
static int pfc_fn_ends(qpdf_data q, qpdf_oh f, int n, int first, struct pfc_colour *a,
		       struct pfc_colour *b)
{
	qpdf_oh d = qpdf_oh_is_stream(q, f) ? qpdf_oh_get_dict(q, f) : f;
	double type = -1;

	qpdf_oh_get_value_as_number(q, qpdf_oh_get_key_if_dict(q, d, "/FunctionType"), &type);
	if (type != 2)
		return 0;
	for (int e = 0; e < 2; e++) {
		qpdf_oh arr = qpdf_oh_get_key(q, d, e ? "/C1" : "/C0");
		struct pfc_colour *col = e ? b : a;

		for (int i = 0; i < n && first + i < PFC_MAX_COMP; i++) {
			double v = e;

			if (qpdf_oh_is_array(q, arr) && i < qpdf_oh_get_array_n_items(q, arr))
				qpdf_oh_get_value_as_number(q, qpdf_oh_get_array_item(q, arr, i), &v);
			col->v[first + i] = v;
		}
	}
	return 1;
}

void pfc_shading(struct pfc *c, qpdf_oh res, qpdf_oh sh, const double box[4])
{
	qpdf_data q = c->q;
	qpdf_oh d = qpdf_oh_is_stream(q, sh) ? qpdf_oh_get_dict(q, sh) : sh;
	qpdf_oh fn = qpdf_oh_get_key_if_dict(q, d, "/Function");
	struct pfc_colour a = { 0 }, b = { 0 };
	int ok = 0;

	pfc_space_in(c, res, qpdf_oh_get_key_if_dict(q, d, "/ColorSpace"), "", &a.cs, 0);
	b.cs = a.cs;
	if (qpdf_oh_is_array(q, fn)) {
		/* one function per component */
		int n = qpdf_oh_get_array_n_items(q, fn);

		ok = n == a.cs.n;
		for (int i = 0; ok && i < n; i++)
			ok = pfc_fn_ends(q, qpdf_oh_get_array_item(q, fn, i), 1, i, &a, &b);
	} else {
		qpdf_oh fd = qpdf_oh_is_stream(q, fn) ? qpdf_oh_get_dict(q, fn) : fn;
		qpdf_oh subs = qpdf_oh_get_key_if_dict(q, fd, "/Functions");
		double type = -1;

		qpdf_oh_get_value_as_number(q, qpdf_oh_get_key_if_dict(q, fd, "/FunctionType"), &type);
		if (type == 3 && qpdf_oh_is_array(q, subs)) {
			/* stitched: every piece's ends are painted */
			int n = qpdf_oh_get_array_n_items(q, subs);

			for (int i = 0; i < n && i < 64; i++)
				if (pfc_fn_ends(q, qpdf_oh_get_array_item(q, subs, i), a.cs.n, 0, &a, &b)) {
					pfc_paint(c, &a, PFC_SHADING, box, 0);
					pfc_paint(c, &b, PFC_SHADING, box, 0);
				}
			return;
		}
		ok = pfc_fn_ends(q, fn, a.cs.n, 0, &a, &b);
	}
	if (ok) {
		pfc_paint(c, &a, PFC_SHADING, box, 0);
		pfc_paint(c, &b, PFC_SHADING, box, 0);
	} else {
		pfc_note_rgb(c, &a.cs, PFC_SHADING, box); /* its colours are not read */
	}
}

/* ---- spot names ---- */

/* name folded: letters lower-cased, only letters and digits kept. */
static void pfc_fold(const char *name, char *out, size_t n)
{
	size_t k = 0;

	for (; *name && k + 1 < n; name++)
		if (isalnum((unsigned char)*name))
			out[k++] = (char)tolower((unsigned char)*name);
	out[k] = '\0';
}

int pfc_spot_clash(const struct pfc *c, int i, const char **a, const char **b)
{
	char fa[64], fb[64];

	for (int x = 4; x < c->ninks; x++) {
		pfc_fold(c->ink[x], fa, sizeof fa);
		for (int y = x + 1; y < c->ninks; y++) {
			pfc_fold(c->ink[y], fb, sizeof fb);
			if (strcmp(fa, fb) != 0 || i-- > 0)
				continue;
			*a = c->ink[x];
			*b = c->ink[y];
			return 1;
		}
	}
	return 0;
}
