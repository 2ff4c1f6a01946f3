/* post: page boxes, dates, /Lang, PDF/X-4 and a deterministic /ID on Cairo's PDF, with libqpdf;
 * the CMYK PDF/X-3 edition through Ghostscript. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <errno.h>
#include <time.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <lcms2.h>
#include <qpdf/qpdf-c.h>

#include "child.h"
#include "figalt.h"
#include "jpegfix.h"
#include "msg.h"
#include "outfile.h"
#include "pdfobj.h"
#include "qpdfobj.h"
#include "ink.h"
#include "post.h"

#define POST_MAX_INPUT (1L << 30) /* largest PDF read: a brochure is a few MB */
#define POST_MAX_ICC (16L << 20)  /* largest ICC profile read */
#define POST_MAX_DEPTH 16         /* nesting of forms and patterns walked */
#define POST_MAX_WARNINGS 5       /* qpdf warnings reported one by one */
#define POST_EPS 0.01             /* pt: box comparisons tolerate rounding */
#define POST_GS_TIMEOUT 300       /* s: longest Ghostscript run (a brochure takes 0.3 s) */
#define POST_GS_MAX_LOG 8192      /* bytes of Ghostscript's messages kept */
#define POST_GS_MAX_LINES 5       /* Ghostscript messages reported one by one */
#define POST_PS_CHUNK 16384       /* profile bytes per PostScript string (limit 65535) */
#define POST_MARK_GAP 3.0         /* pt between the bleed and where a crop mark starts */

/* sRGB profiles for DefaultRGB, the first one present wins. */
static const char *const post_srgb_paths[] = {
	"/usr/share/color/icc/sRGB.icc",             /* icc-profiles-free: Zlib, ICC v2.3 */
	"/usr/share/color/icc/ghostscript/srgb.icc", /* libgs-common: AGPL-3+, ICC v2.1 */
};

/* Printing conditions of the ICC characterization data registry
 * (http://www.color.org) named in an output intent: the identifier and
 * the registry's description of the condition. */
static const struct post_condition {
	const char *id;   /* OutputConditionIdentifier */
	const char *text; /* OutputCondition */
} post_conditions[] = {
	{ .id = "FOGRA39",
	  .text = "Offset commercial and specialty printing according to ISO 12647-2:2004 / "
		  "Amd 1, paper type 1 or 2 (gloss or matte coated offset, 115 g/m2), "
		  "screen ruling 60/cm" },
	{ .id = "FOGRA51",
	  .text = "Offset printing according to ISO 12647-2:2013, premium coated paper "
		  "(PC1), 115 g/m2, screen ruling 60/cm, M1 measurement condition" },
};

/* The OutputCondition for identifier `id`: the registry's words, else
 * `fallback`. */
static const char *post_condition_text(const char *id, const char *fallback)
{
	for (size_t i = 0; id && i < sizeof post_conditions / sizeof *post_conditions; i++)
		if (strcmp(post_conditions[i].id, id) == 0)
			return post_conditions[i].text;
	return id ? id : fallback;
}

/* Info keys copied into the XMP packet, which PDF/X wants to agree with Info. */
static const struct post_xmp_field {
	const char *key;   /* Info key */
	const char *open;  /* XMP markup before the value */
	const char *close; /* XMP markup after it */
} post_xmp_fields[] = {
	{ .key = "/Title",
	  .open = "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	  .close = "</rdf:li></rdf:Alt></dc:title>" },
	{ .key = "/Author",
	  .open = "<dc:creator><rdf:Seq><rdf:li>",
	  .close = "</rdf:li></rdf:Seq></dc:creator>" },
	{ .key = "/Subject",
	  .open = "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	  .close = "</rdf:li></rdf:Alt></dc:description>" },
	{ .key = "/Keywords", .open = "<pdf:Keywords>", .close = "</pdf:Keywords>" },
	{ .key = "/Creator", .open = "<xmp:CreatorTool>", .close = "</xmp:CreatorTool>" },
	{ .key = "/Producer", .open = "<pdf:Producer>", .close = "</pdf:Producer>" },
};

/* Bytes read from a file. */
struct post_bytes {
	unsigned char *data; /* xmalloc'd */
	size_t len;          /* number of bytes */
};

/* A growing text buffer, always NUL-terminated once something was added. */
struct post_sbuf {
	char *s;    /* the text */
	size_t len; /* its length */
	size_t cap; /* allocated bytes */
};

/* One run of post_process. */
struct post {
	qpdf_data q;                /* the document being rewritten */
	const struct post_opts *o;  /* what to do */
	struct msg *m;              /* where problems go */
	const char *in;             /* input path */
	const char *shown;          /* the path messages name: o->name, else in */
	struct post_bytes pdf;      /* the input file; qpdf reads it from memory */
	qpdf_oh srgb_cs;            /* [/ICCBased sRGB] shared by all pages (pdfx4) */
	struct ink *ink;            /* the colour rewriter (gray_neutrals, to_cmyk, inks) */
	qpdf_oh ink_gs[2];          /* ExtGStates INK_KO (fill overprint off) and INK_OP (on) */
	qpdf_oh *spot_cs;           /* [/Separation …] of each inks[] entry that starts a spot */
	struct qpdfobj_ids seen;    /* object numbers of forms already walked */
};

/* Report M_POST about the input; always returns -1 so callers can return it. */
__attribute__((format(printf, 2, 3)))
static int post_fail(struct post *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vtext(p->m, M_POST, p->shown, fmt, ap);
	va_end(ap);
	return -1;
}

/* qpdf records errors instead of returning them from most calls: report
 * the pending one, if any, saying what we were doing.  0 when none. */
static int post_check(struct post *p, const char *doing)
{
	qpdf_error e;

	if (!qpdf_has_error(p->q))
		return 0;
	e = qpdf_get_error(p->q);
	return post_fail(p, "%s: %s", doing, qpdf_get_error_full_text(p->q, e));
}

/* Read a whole regular file of at most `max` bytes.  0, or -1 with errno. */
static int post_read_file(const char *path, long max, struct post_bytes *b)
{
	FILE *f = fopen(path, "rb");
	long n;
	int rc = -1;

	b->data = NULL;
	b->len = 0;
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
		goto out;
	if (n > max) {
		errno = EFBIG;
		goto out;
	}
	rewind(f);
	b->data = xmalloc((size_t)n + 1);
	b->len = fread(b->data, 1, (size_t)n, f);
	if (b->len != (size_t)n) {
		errno = EIO;
		goto out;
	}
	rc = 0;
out:
	fclose(f);
	return rc;
}

/* Write through "path.tmp" and rename, so that a failure never leaves half
 * a file and `path` may be the file just read. */
static int post_write_file(struct post *p, const char *path,
			   const unsigned char *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 5);
	FILE *f;
	int rc = -1, bad;

	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp", 5);
	out_track(tmp);
	f = fopen(tmp, "wb");
	if (!f) {
		msg_at(p->m, M_WRITE, p->shown, 0, 0, p->shown, strerror(errno));
		goto out;
	}
	bad = fwrite(data, 1, len, f) != len;
	if (fclose(f) != 0 || bad) {
		msg_at(p->m, M_WRITE, p->shown, 0, 0, p->shown, strerror(errno));
		remove(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		msg_at(p->m, M_WRITE, p->shown, 0, 0, p->shown, strerror(errno));
		remove(tmp);
		goto out;
	}
	rc = 0;
out:
	out_untrack(tmp);
	free(tmp);
	return rc;
}

static void post_sb_add(struct post_sbuf *b, const char *s, size_t n)
{
	xgrow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void post_sb_puts(struct post_sbuf *b, const char *s)
{
	post_sb_add(b, s, strlen(s));
}

/* Append UTF-8 text as XML character data: markup characters escaped,
 * control characters XML forbids turned into spaces. */
static void post_sb_xml(struct post_sbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&')
			post_sb_puts(b, "&amp;");
		else if (c == '<')
			post_sb_puts(b, "&lt;");
		else if (c == '>')
			post_sb_puts(b, "&gt;");
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			post_sb_puts(b, " ");
		else
			post_sb_add(b, s, 1);
	}
}

/* 64-bit FNV-1a over n bytes, continuing from h: enough to name a
 * document deterministically, not a security measure. */
static uint64_t post_fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *s = data;

	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A "uuid:…" for XMP derived from the input bytes, the options that change
 * the output, and `salt` (so DocumentID and InstanceID differ). */
static void post_uuid(const struct post *p, const char *salt, char *buf, size_t n)
{
	const char *parts[] = { salt, p->o->title, p->o->lang, p->o->producer,
				p->o->output_condition };
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	long long date = (long long)p->o->date;

	h1 = post_fnv(h1, p->pdf.data, p->pdf.len);
	h2 = post_fnv(h2, p->pdf.data, p->pdf.len);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		const char *s = parts[i] ? parts[i] : "";

		h1 = post_fnv(h1, s, strlen(s) + 1);
		h2 = post_fnv(h2, s, strlen(s) + 1);
	}
	h1 = post_fnv(h1, &date, sizeof date);
	h2 = post_fnv(h2, &date, sizeof date);
	snprintf(buf, n, "uuid:%08x-%04x-%04x-%04x-%012llx",
		 (unsigned)(h1 >> 32), (unsigned)(h1 >> 16) & 0xffff,
		 (unsigned)h1 & 0xffff, (unsigned)(h2 >> 48),
		 (unsigned long long)(h2 & 0xffffffffffffULL));
}

/* The object written as PDF text in b, which is freed. */
static qpdf_oh post_parse(qpdf_data q, struct pdfstr *b)
{
	qpdf_oh oh = qpdf_oh_parse(q, b->s);

	pdfstr_free(b);
	return oh;
}

/* A number object, written by pdfobj_num (an integer when v is whole,
 * else a real with at most 4 decimals). */
static qpdf_oh post_num(qpdf_data q, double v)
{
	struct pdfstr b = { 0 };

	pdfobj_num(&b, v);
	return post_parse(q, &b);
}

/* A rectangle, as the screen edition's update writes it (pdfobj_rect). */
static qpdf_oh post_rect_array(qpdf_data q, const double r[4])
{
	struct pdfstr b = { 0 };

	pdfobj_rect(&b, r);
	return post_parse(q, &b);
}

/* Put TrimBox (and BleedBox) on one page whose MediaBox is `media`. */
static int post_page_boxes(struct post *p, qpdf_oh page, int n, const double media[4])
{
	const struct post_opts *o = p->o;
	double trim[4] = {
		media[0] + o->trim_x, media[1] + o->trim_y,
		media[0] + o->trim_x + o->trim_w, media[1] + o->trim_y + o->trim_h,
	};
	double bleed[4];

	if (trim[0] < media[0] - POST_EPS || trim[1] < media[1] - POST_EPS ||
	    trim[2] > media[2] + POST_EPS || trim[3] > media[3] + POST_EPS)
		return post_fail(p, "page %d: the TrimBox [%g %g %g %g] does not fit "
				 "in the MediaBox [%g %g %g %g]", n, trim[0], trim[1],
				 trim[2], trim[3], media[0], media[1], media[2], media[3]);
	qpdf_oh_replace_key(p->q, page, "/TrimBox", post_rect_array(p->q, trim));
	if (o->bleed > 0) {
		bleed[0] = fmax(trim[0] - o->bleed, media[0]);
		bleed[1] = fmax(trim[1] - o->bleed, media[1]);
		bleed[2] = fmin(trim[2] + o->bleed, media[2]);
		bleed[3] = fmin(trim[3] + o->bleed, media[3]);
		qpdf_oh_replace_key(p->q, page, "/BleedBox", post_rect_array(p->q, bleed));
	}
	return post_check(p, "setting the page boxes");
}

/* TrimBox and BleedBox on every page.  Inherited attributes are pushed
 * down first, so that every page carries its own MediaBox and Resources. */
static int post_boxes(struct post *p)
{
	int npages;

	if (qpdf_push_inherited_attributes_to_page(p->q) & QPDF_ERRORS)
		return post_check(p, "reading the page tree");
	npages = qpdf_get_num_pages(p->q);
	if (npages < 0)
		return post_check(p, "reading the page tree");
	if (p->o->trim_w <= 0 || p->o->trim_h <= 0)
		return 0;
	for (int i = 0; i < npages; i++) {
		qpdf_oh page = qpdf_get_page_n(p->q, (size_t)i);
		double media[4];

		if (qpdfobj_rect(p->q, qpdf_oh_get_key(p->q, page, "/MediaBox"), media))
			return post_fail(p, "page %d has no valid MediaBox", i + 1);
		if (post_page_boxes(p, page, i + 1, media))
			return -1;
	}
	return 0;
}

/* ---- marks in registration colour ---- */

/* [/Separation NAME /DeviceCMYK f], f the Type 2 function that takes a
 * tint t (0 to 1) to t times the CMYK value c1 (each 0 to 1). */
static qpdf_oh post_separation_cs(struct post *p, const char *name, const double c1[4])
{
	qpdf_oh cs = qpdf_oh_new_array(p->q), f = qpdf_oh_new_dictionary(p->q);
	qpdf_oh dom = qpdf_oh_new_array(p->q), lo = qpdf_oh_new_array(p->q);
	qpdf_oh hi = qpdf_oh_new_array(p->q);

	qpdf_oh_append_item(p->q, dom, qpdf_oh_new_integer(p->q, 0));
	qpdf_oh_append_item(p->q, dom, qpdf_oh_new_integer(p->q, 1));
	for (int i = 0; i < 4; i++) {
		qpdf_oh_append_item(p->q, lo, qpdf_oh_new_integer(p->q, 0));
		qpdf_oh_append_item(p->q, hi, post_num(p->q, c1[i]));
	}
	qpdf_oh_replace_key(p->q, f, "/FunctionType", qpdf_oh_new_integer(p->q, 2));
	qpdf_oh_replace_key(p->q, f, "/Domain", dom);
	qpdf_oh_replace_key(p->q, f, "/C0", lo);
	qpdf_oh_replace_key(p->q, f, "/C1", hi);
	qpdf_oh_replace_key(p->q, f, "/N", qpdf_oh_new_integer(p->q, 1));
	qpdf_oh_append_item(p->q, cs, qpdf_oh_new_name(p->q, "/Separation"));
	qpdf_oh_append_item(p->q, cs, qpdf_oh_new_name(p->q, name));
	qpdf_oh_append_item(p->q, cs, qpdf_oh_new_name(p->q, "/DeviceCMYK"));
	qpdf_oh_append_item(p->q, cs, qpdf_make_indirect_object(p->q, f));
	return qpdf_make_indirect_object(p->q, cs);
}

/* [/Separation /All /DeviceCMYK f] with f giving 100 % of every process
 * ink: what a RIP paints on every plate, including spot plates. */
static qpdf_oh post_all_cs(struct post *p)
{
	static const double every[4] = { 1, 1, 1, 1 };

	return post_separation_cs(p, "/All", every);
}

/* "x y m" or "x y l" with the numbers PDF wants (no exponent). */
static void post_sb_point(struct post_sbuf *b, double x, double y, const char *op)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%.3f %.3f %s\n", x, y, op);
	post_sb_puts(b, buf);
}

/* A registration target centred at (x, y): a circle of radius 0.6 r (four
 * Bézier quarters) and a cross of half-length r. */
static void post_sb_target(struct post_sbuf *b, double x, double y, double r)
{
	const double c = 0.5523 * 0.6 * r, k = 0.6 * r;
	char buf[256];

	post_sb_point(b, x + k, y, "m");
	snprintf(buf, sizeof buf,
		 "%.3f %.3f %.3f %.3f %.3f %.3f c\n%.3f %.3f %.3f %.3f %.3f %.3f c\n"
		 "%.3f %.3f %.3f %.3f %.3f %.3f c\n%.3f %.3f %.3f %.3f %.3f %.3f c\n",
		 x + k, y + c, x + c, y + k, x, y + k, x - c, y + k, x - k, y + c, x - k, y,
		 x - k, y - c, x - c, y - k, x, y - k, x + c, y - k, x + k, y - c, x + k, y);
	post_sb_puts(b, buf);
	post_sb_point(b, x - r, y, "m");
	post_sb_point(b, x + r, y, "l");
	post_sb_point(b, x, y - r, "m");
	post_sb_point(b, x, y + r, "l");
}

/* The marks of a page whose TrimBox is `t`: crop marks at the corners,
 * starting POST_MARK_GAP outside the bleed and ending 1 pt before the
 * media's edge, and a registration target in the middle of each side.
 * Returns 0 when there is no room for them (less than 3 pt). */
static int post_marks_text(const struct post *p, const double t[4], const double media[4],
			   struct post_sbuf *b)
{
	double gap = p->o->bleed + POST_MARK_GAP;
	double len = fmin(fmin(t[0] - media[0], t[1] - media[1]),
			  fmin(media[2] - t[2], media[3] - t[3])) - gap - 1;
	double xs[2] = { t[0], t[2] }, ys[2] = { t[1], t[3] };
	double mx = (t[0] + t[2]) / 2, my = (t[1] + t[3]) / 2, mid = gap + len / 2;

	if (len < 3)
		return 0;
	post_sb_puts(b, "Q q /PlaquetteAll CS 1 SCN 0.25 w 0 J [] 0 d\n");
	for (int i = 0; i < 2; i++) {
		for (int j = 0; j < 2; j++) {
			double sx = i ? 1 : -1, sy = j ? 1 : -1;

			post_sb_point(b, xs[i] + sx * gap, ys[j], "m");
			post_sb_point(b, xs[i] + sx * (gap + len), ys[j], "l");
			post_sb_point(b, xs[i], ys[j] + sy * gap, "m");
			post_sb_point(b, xs[i], ys[j] + sy * (gap + len), "l");
		}
	}
	post_sb_target(b, mx, t[3] + mid, len / 3);
	post_sb_target(b, mx, t[1] - mid, len / 3);
	post_sb_target(b, t[0] - mid, my, len / 3);
	post_sb_target(b, t[2] + mid, my, len / 3);
	post_sb_puts(b, "S Q\n");
	return 1;
}

/* A new content stream holding `text`. */
static qpdf_oh post_text_stream(struct post *p, const char *text, size_t len)
{
	qpdf_oh s = qpdf_oh_new_stream(p->q);

	qpdf_oh_replace_stream_data(p->q, s, (const unsigned char *)text, len,
				    qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
	return s;
}

/* The page's content wrapped in q … Q (whatever state it leaves, the
 * marks start from the default one), the marks after it. */
static void post_page_marks(struct post *p, qpdf_oh page, qpdf_oh all, const struct post_sbuf *b)
{
	qpdf_oh old = qpdf_oh_get_key(p->q, page, "/Contents");
	qpdf_oh arr = qpdf_oh_new_array(p->q);
	qpdf_oh res = qpdf_oh_get_key(p->q, page, "/Resources");
	qpdf_oh cs = qpdf_oh_get_key(p->q, res, "/ColorSpace");

	qpdf_oh_append_item(p->q, arr, post_text_stream(p, "q\n", 2));
	if (qpdf_oh_is_array(p->q, old)) {
		int n = qpdf_oh_get_array_n_items(p->q, old);

		for (int i = 0; i < n; i++)
			qpdf_oh_append_item(p->q, arr, qpdf_oh_get_array_item(p->q, old, i));
	} else if (qpdf_oh_is_stream(p->q, old)) {
		qpdf_oh_append_item(p->q, arr, old);
	}
	qpdf_oh_append_item(p->q, arr, post_text_stream(p, b->s, b->len));
	qpdf_oh_replace_key(p->q, page, "/Contents", arr);
	if (!qpdf_oh_is_dictionary(p->q, res)) {
		res = qpdf_oh_new_dictionary(p->q);
		qpdf_oh_replace_key(p->q, page, "/Resources", res);
	}
	if (!qpdf_oh_is_dictionary(p->q, cs)) {
		cs = qpdf_oh_new_dictionary(p->q);
		qpdf_oh_replace_key(p->q, res, "/ColorSpace", cs);
	}
	qpdf_oh_replace_key(p->q, cs, "/PlaquetteAll", all);
}

/* Crop and registration marks on every page, in registration colour:
 * Cairo knows no Separation colour space, so they are drawn here. */
static int post_marks(struct post *p)
{
	int npages = qpdf_get_num_pages(p->q);
	qpdf_oh all;

	if (!p->o->marks || p->o->trim_w <= 0 || p->o->trim_h <= 0)
		return 0;
	all = post_all_cs(p);
	for (int i = 0; i < npages; i++) {
		qpdf_oh page = qpdf_get_page_n(p->q, (size_t)i);
		struct post_sbuf b = { 0 };
		double m[4], t[4];

		if (qpdfobj_rect(p->q, qpdf_oh_get_key(p->q, page, "/MediaBox"), m) ||
		    qpdfobj_rect(p->q, qpdf_oh_get_key(p->q, page, "/TrimBox"), t))
			return post_fail(p, "page %d: no MediaBox or TrimBox to put the marks "
					 "around", i + 1);
		if (post_marks_text(p, t, m, &b))
			post_page_marks(p, page, all, &b);
		free(b.s);
		if (post_check(p, "adding the marks"))
			return -1;
	}
	return 0;
}

/* The trailer's Info dictionary, made when Cairo wrote none. */
static qpdf_oh post_info_dict(struct post *p)
{
	qpdf_oh trailer = qpdf_get_trailer(p->q);
	qpdf_oh info = qpdf_oh_get_key(p->q, trailer, "/Info");

	if (qpdf_oh_is_dictionary(p->q, info))
		return info;
	info = qpdf_make_indirect_object(p->q, qpdf_oh_new_dictionary(p->q));
	qpdf_oh_replace_key(p->q, trailer, "/Info", info);
	return info;
}

/* Title, Producer, dates (with the "D:" Cairo 1.16 omits; over
 * Ghostscript's clock dates), /Lang, and for PDF/X the Trapped and
 * GTS_PDFXVersion keys. */
static int post_info(struct post *p)
{
	const struct post_opts *o = p->o;
	qpdf_oh info = post_info_dict(p);
	char date[32];

	if (o->title)
		qpdf_oh_replace_key(p->q, info, "/Title", qpdf_oh_new_unicode_string(p->q, o->title));
	if (o->producer)
		qpdf_oh_replace_key(p->q, info, "/Producer", qpdf_oh_new_unicode_string(p->q, o->producer));
	pdfobj_date_fmt(o->date, "D:%Y%m%d%H%M%SZ", date, sizeof date);
	qpdf_oh_replace_key(p->q, info, "/CreationDate", qpdf_oh_new_string(p->q, date));
	qpdf_oh_replace_key(p->q, info, "/ModDate", qpdf_oh_new_string(p->q, date));
	if (o->lang)
		qpdf_oh_replace_key(p->q, qpdf_get_root(p->q), "/Lang",
				    qpdf_oh_new_unicode_string(p->q, o->lang));
	if (o->pdfx4 || o->pdfx3) {
		qpdf_oh_replace_key(p->q, info, "/Trapped", qpdf_oh_new_name(p->q, "/False"));
		qpdf_oh_replace_key(p->q, info, "/GTS_PDFXVersion",
				    qpdf_oh_new_string(p->q, o->pdfx4 ? "PDF/X-4" : "PDF/X-3:2002"));
	}
	return post_check(p, "writing the document information");
}

/* Load an ICC profile and check it with lcms2: its number of colour
 * components (1, 3 or 4), or -1 after a message.  `output` requires an
 * output (printer) profile, as an output intent needs.  The profile's own
 * name (its description, printable ASCII only, "" when it has none) goes
 * into name[n]. */
static int post_icc_load(struct post *p, const char *path, int output,
			 struct post_bytes *b, char *name, size_t n)
{
	cmsHPROFILE h;
	cmsColorSpaceSignature space;
	int comps;
	size_t k = 0;

	name[0] = '\0';
	if (post_read_file(path, POST_MAX_ICC, b))
		return post_fail(p, "cannot read the ICC profile %s: %s", path, strerror(errno));
	h = cmsOpenProfileFromMem(b->data, (cmsUInt32Number)b->len);
	if (!h)
		return post_fail(p, "%s is not an ICC profile", path);
	space = cmsGetColorSpace(h);
	comps = space == cmsSigGrayData ? 1 : space == cmsSigRgbData ? 3 :
		space == cmsSigCmykData ? 4 : 0;
	if (output && cmsGetDeviceClass(h) != cmsSigOutputClass)
		comps = -1;
	cmsGetProfileInfoASCII(h, cmsInfoDescription, "en", "US", name, (cmsUInt32Number)n);
	cmsCloseProfile(h);
	for (size_t i = 0; name[i]; i++)
		if (name[i] >= 0x20 && name[i] < 0x7f)
			name[k++] = name[i];
	while (k > 0 && name[k - 1] == ' ')
		k--;
	name[k] = '\0';
	if (comps < 0)
		return post_fail(p, "%s is not an output (printer) ICC profile, as an "
				 "output intent needs", path);
	if (comps == 0)
		return post_fail(p, "%s is not a grey, RGB or CMYK ICC profile", path);
	return comps;
}

/* An ICCBased stream with /N components, owned by the document. */
static qpdf_oh post_icc_stream(struct post *p, const struct post_bytes *b, int n)
{
	qpdf_oh s = qpdf_oh_new_stream(p->q);

	qpdf_oh_replace_stream_data(p->q, s, b->data, b->len,
				    qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
	qpdf_oh_replace_key(p->q, qpdf_oh_get_dict(p->q, s), "/N", qpdf_oh_new_integer(p->q, n));
	return s;
}

/* The output intent dictionary for a printer profile stream `icc`. */
static qpdf_oh post_intent_dict(struct post *p, qpdf_oh icc, const char *name)
{
	const char *cond = p->o->output_condition;
	qpdf_oh intent = qpdf_oh_new_dictionary(p->q);

	qpdf_oh_replace_key(p->q, intent, "/Type", qpdf_oh_new_name(p->q, "/OutputIntent"));
	qpdf_oh_replace_key(p->q, intent, "/S", qpdf_oh_new_name(p->q, "/GTS_PDFX"));
	qpdf_oh_replace_key(p->q, intent, "/OutputConditionIdentifier",
			    qpdf_oh_new_string(p->q, cond ? cond : "Custom"));
	qpdf_oh_replace_key(p->q, intent, "/OutputCondition",
			    qpdf_oh_new_string(p->q, post_condition_text(cond, name)));
	qpdf_oh_replace_key(p->q, intent, "/RegistryName",
			    qpdf_oh_new_string(p->q, "http://www.color.org"));
	qpdf_oh_replace_key(p->q, intent, "/Info", qpdf_oh_new_string(p->q, name));
	qpdf_oh_replace_key(p->q, intent, "/DestOutputProfile", icc);
	return intent;
}

/* Root /OutputIntents: one GTS_PDFX intent carrying the printer profile,
 * named by output_condition or else "Custom" and the profile's own name. */
static int post_output_intent(struct post *p)
{
	const char *path = p->o->output_icc ? p->o->output_icc : POST_DEFAULT_CMYK_ICC;
	struct post_bytes icc = { 0 };
	char name[128];
	qpdf_oh arr;
	int rc = -1, n = post_icc_load(p, path, 1, &icc, name, sizeof name);

	if (n < 0)
		goto out;
	if (p->o->output_condition && !p->o->output_icc)
		msg_at(p->m, M_POST_WARN, p->shown, 0, 0, "the output condition names a printing "
		       "condition but the profile is the generic default " POST_DEFAULT_CMYK_ICC
		       ": give the printer's profile too");
	if (!name[0])
		snprintf(name, sizeof name, "%s", p->o->output_condition ?
			 p->o->output_condition : "Custom output profile");
	arr = qpdf_oh_new_array(p->q);
	qpdf_oh_append_item(p->q, arr, post_intent_dict(p, post_icc_stream(p, &icc, n), name));
	qpdf_oh_replace_key(p->q, qpdf_get_root(p->q), "/OutputIntents", arr);
	rc = post_check(p, "adding the output intent");
out:
	free(icc.data);
	return rc;
}

/* [/ICCBased sRGB-stream] from the first sRGB profile installed. */
static int post_srgb(struct post *p)
{
	struct post_bytes icc = { 0 };
	qpdf_oh cs;
	FILE *f = NULL;
	size_t i;
	char name[128];
	int n;

	for (i = 0; i < sizeof post_srgb_paths / sizeof *post_srgb_paths; i++)
		if ((f = fopen(post_srgb_paths[i], "rb")) != NULL)
			break;
	if (!f)
		return post_fail(p, "no sRGB ICC profile for DefaultRGB: install the "
				 "Debian package icc-profiles-free (%s)", post_srgb_paths[0]);
	fclose(f);
	n = post_icc_load(p, post_srgb_paths[i], 0, &icc, name, sizeof name);
	if (n >= 0 && n != 3)
		n = post_fail(p, "%s is not an RGB profile", post_srgb_paths[i]);
	if (n >= 0) {
		cs = qpdf_oh_new_array(p->q);
		qpdf_oh_append_item(p->q, cs, qpdf_oh_new_name(p->q, "/ICCBased"));
		qpdf_oh_append_item(p->q, cs, post_icc_stream(p, &icc, 3));
		p->srgb_cs = qpdf_make_indirect_object(p->q, cs);
	}
	free(icc.data);
	return n < 0 ? -1 : post_check(p, "adding the sRGB profile");
}

/* A transparency group blending in DeviceRGB blends in sRGB instead:
 * PDF/X-4 checkers refuse an uncalibrated group colour space. */
static void post_fix_group(struct post *p, qpdf_oh dict)
{
	qpdf_oh g = qpdf_oh_get_key(p->q, dict, "/Group");

	if (qpdf_oh_is_dictionary(p->q, g) &&
	    qpdf_oh_is_name_and_equals(p->q, qpdf_oh_get_key(p->q, g, "/CS"), "/DeviceRGB"))
		qpdf_oh_replace_key(p->q, g, "/CS", p->srgb_cs);
}

/* What post_walk does on its way through a page's resources. */
struct post_visit {
	void (*res)(struct post *p, qpdf_oh res);     /* each resource dictionary; NULL = nothing */
	void (*form)(struct post *p, qpdf_oh stream); /* each form XObject and pattern, once */
};

static void post_walk(struct post *p, qpdf_oh res, const struct post_visit *v, int depth);

/* Walk the forms and patterns of a /XObject or /Pattern resource
 * subdictionary: each has content and resources of its own. */
static void post_walk_in(struct post *p, qpdf_oh res, const char *key,
			 const struct post_visit *v, int depth)
{
	qpdf_oh sub = qpdf_oh_get_key(p->q, res, key);
	qpdf_oh *vals;
	size_t n;

	if (!qpdf_oh_is_dictionary(p->q, sub))
		return;
	vals = qpdfobj_dict_values(p->q, sub, &n);
	for (size_t i = 0; i < n; i++) {
		qpdf_oh d;

		if (!qpdf_oh_is_stream(p->q, vals[i]) ||
		    qpdfobj_seen(&p->seen, qpdf_oh_get_object_id(p->q, vals[i])))
			continue;
		d = qpdf_oh_get_dict(p->q, vals[i]);
		if (strcmp(key, "/XObject") == 0 &&
		    !qpdf_oh_is_name_and_equals(p->q, qpdf_oh_get_key(p->q, d, "/Subtype"), "/Form"))
			continue;
		if (v->form)
			v->form(p, vals[i]);
		post_walk(p, qpdf_oh_get_key(p->q, d, "/Resources"), v, depth + 1);
	}
	free(vals);
}

/* The one walk through resources, forms and patterns (bounded in depth,
 * each form visited once per walk: reset p->seen.n before a new walk). */
static void post_walk(struct post *p, qpdf_oh res, const struct post_visit *v, int depth)
{
	if (depth > POST_MAX_DEPTH || !qpdf_oh_is_dictionary(p->q, res))
		return;
	if (v->res)
		v->res(p, res);
	post_walk_in(p, res, "/XObject", v, depth);
	post_walk_in(p, res, "/Pattern", v, depth);
}

/* Put /DefaultRGB in the colour spaces of `res`, so that every DeviceRGB
 * colour and image is read as sRGB (colour-managed, as PDF/X-4 wants with
 * a CMYK output intent). */
static void post_default_rgb(struct post *p, qpdf_oh res)
{
	qpdf_oh cs = qpdf_oh_get_key(p->q, res, "/ColorSpace");

	if (!qpdf_oh_is_dictionary(p->q, cs)) {
		cs = qpdf_oh_new_dictionary(p->q);
		qpdf_oh_replace_key(p->q, res, "/ColorSpace", cs);
	}
	qpdf_oh_replace_key(p->q, cs, "/DefaultRGB", p->srgb_cs);
}

/* A form's (or pattern's) own transparency group, as post_fix_group. */
static void post_form_group(struct post *p, qpdf_oh stream)
{
	post_fix_group(p, qpdf_oh_get_dict(p->q, stream));
}

/* DefaultRGB on every page (a page without resources gets some). */
static int post_pages_rgb(struct post *p)
{
	static const struct post_visit visit = { .res = post_default_rgb, .form = post_form_group };
	int npages = qpdf_get_num_pages(p->q);

	p->seen.n = 0;
	for (int i = 0; i < npages; i++) {
		qpdf_oh page = qpdf_get_page_n(p->q, (size_t)i);
		qpdf_oh res = qpdf_oh_get_key(p->q, page, "/Resources");

		if (!qpdf_oh_is_dictionary(p->q, res)) {
			res = qpdf_oh_new_dictionary(p->q);
			qpdf_oh_replace_key(p->q, page, "/Resources", res);
		}
		post_fix_group(p, page);
		post_walk(p, res, &visit, 0);
		if (post_check(p, "adding DefaultRGB"))
			return -1;
	}
	return 0;
}

/* <name>value</name> on its own line, the value escaped. */
static void post_sb_elem(struct post_sbuf *b, const char *name, const char *value)
{
	post_sb_puts(b, "<");
	post_sb_puts(b, name);
	post_sb_puts(b, ">");
	post_sb_xml(b, value);
	post_sb_puts(b, "</");
	post_sb_puts(b, name);
	post_sb_puts(b, ">\n");
}

/* Info's text entries in their XMP places (post_xmp_fields). */
static void post_xmp_info(struct post *p, qpdf_oh info, struct post_sbuf *b)
{
	for (size_t i = 0; i < sizeof post_xmp_fields / sizeof *post_xmp_fields; i++) {
		const struct post_xmp_field *f = &post_xmp_fields[i];
		qpdf_oh v = qpdf_oh_get_key(p->q, info, f->key);

		if (!qpdf_oh_is_string(p->q, v))
			continue;
		post_sb_puts(b, f->open);
		post_sb_xml(b, qpdf_oh_get_utf8_value(p->q, v));
		post_sb_puts(b, f->close);
		post_sb_puts(b, "\n");
	}
}

/* The XMP packet: Info's fields, the dates, the language, the document
 * identifiers and pdfxid:GTS_PDFXVersion that PDF/X-4 requires. */
static void post_xmp_text(struct post *p, qpdf_oh info, struct post_sbuf *b)
{
	static const char *const dates[] = { "xmp:CreateDate", "xmp:ModifyDate",
					     "xmp:MetadataDate" };
	char date[32], id[64];

	post_sb_puts(b, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		     "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		     "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		     "<rdf:Description rdf:about=\"\"\n"
		     " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		     " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		     " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		     " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
		     " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n");
	post_sb_elem(b, "dc:format", "application/pdf");
	post_xmp_info(p, info, b);
	if (p->o->lang) {
		post_sb_puts(b, "<dc:language><rdf:Bag><rdf:li>");
		post_sb_xml(b, p->o->lang);
		post_sb_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	pdfobj_date_fmt(p->o->date, "%Y-%m-%dT%H:%M:%SZ", date, sizeof date);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		post_sb_elem(b, dates[i], date);
	post_sb_elem(b, "pdf:Trapped", "False");
	post_uuid(p, "document", id, sizeof id);
	post_sb_elem(b, "xmpMM:DocumentID", id);
	post_uuid(p, "instance", id, sizeof id);
	post_sb_elem(b, "xmpMM:InstanceID", id);
	post_sb_elem(b, "xmpMM:VersionID", "1");
	post_sb_elem(b, "xmpMM:RenditionClass", "default");
	post_sb_elem(b, "pdfxid:GTS_PDFXVersion", "PDF/X-4");
	post_sb_puts(b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
}

/* Root /Metadata: the XMP packet, left uncompressed as readers expect. */
static int post_xmp(struct post *p)
{
	struct post_sbuf b = { 0 };
	qpdf_oh s, d;

	post_xmp_text(p, post_info_dict(p), &b);
	s = qpdf_oh_new_stream(p->q);
	qpdf_oh_replace_stream_data(p->q, s, (const unsigned char *)b.s, b.len,
				    qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
	d = qpdf_oh_get_dict(p->q, s);
	qpdf_oh_replace_key(p->q, d, "/Type", qpdf_oh_new_name(p->q, "/Metadata"));
	qpdf_oh_replace_key(p->q, d, "/Subtype", qpdf_oh_new_name(p->q, "/XML"));
	qpdf_oh_replace_key(p->q, qpdf_get_root(p->q), "/Metadata", s);
	free(b.s);
	return post_check(p, "adding the XMP metadata");
}

/* What every PDF/X needs before anything is added: a title and boxes. */
static int post_pdfx_basics(struct post *p)
{
	qpdf_oh title = qpdf_oh_get_key(p->q, post_info_dict(p), "/Title");

	if (!qpdf_oh_is_string(p->q, title) || !qpdf_oh_get_utf8_value(p->q, title)[0])
		return post_fail(p, "PDF/X needs a document title");
	if (p->o->trim_w <= 0 || p->o->trim_h <= 0)
		return post_fail(p, "PDF/X needs a TrimBox on every page");
	return 0;
}

/* Everything PDF/X-4 adds to Cairo's file; the version is set at writing. */
static int post_pdfx(struct post *p)
{
	if (post_pdfx_basics(p))
		return -1;
	if (post_output_intent(p) || post_srgb(p) || post_pages_rgb(p) || post_xmp(p))
		return -1;
	return 0;
}

/* Ghostscript's PDF/X-3, checked: its GTS_PDFX output intent with a
 * profile must be there.  Its XMP goes (a random UUID and the clock's
 * date in every run; PDF/X-3 needs none and Info says it all), which with
 * the Info dates set and qpdf's /ID makes the edition reproducible. */
static int post_pdfx3(struct post *p)
{
	qpdf_oh root = qpdf_get_root(p->q);
	qpdf_oh arr = qpdf_oh_get_key(p->q, root, "/OutputIntents");
	int n = qpdf_oh_is_array(p->q, arr) ? qpdf_oh_get_array_n_items(p->q, arr) : 0, found = 0;

	if (post_pdfx_basics(p))
		return -1;
	for (int i = 0; i < n && !found; i++) {
		qpdf_oh oi = qpdf_oh_get_array_item(p->q, arr, i);

		found = qpdf_oh_is_name_and_equals(p->q, qpdf_oh_get_key_if_dict(p->q, oi, "/S"),
						   "/GTS_PDFX") &&
			qpdf_oh_is_stream(p->q, qpdf_oh_get_key_if_dict(p->q, oi, "/DestOutputProfile"));
	}
	if (!found)
		return post_fail(p, "the PDF/X-3 file has no output intent with a profile");
	qpdf_oh_remove_key(p->q, root, "/Metadata");
	return post_check(p, "checking the PDF/X-3 output intent");
}

/* ---- colours for the press (ink.c) ---- */

/* Replace the data of `stream` (its filters go). */
static void post_set_stream(struct post *p, qpdf_oh stream, const char *data, size_t len)
{
	qpdf_oh_replace_stream_data(p->q, stream, (const unsigned char *)data, len,
				    qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
}

/* A form's or tiling pattern's colours rewritten.  A stream qpdf cannot
 * decode is left as it is. */
static void post_ink_form(struct post *p, qpdf_oh stream)
{
	unsigned char *data = NULL;
	char *out = NULL;
	size_t len = 0, out_len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;

	if (!(qpdf_oh_get_stream_data(p->q, stream, qpdf_dl_generalized, &filtered, &data, &len) &
	      QPDF_ERRORS) && filtered && data && ink_rewrite(p->ink, data, len, &out, &out_len))
		post_set_stream(p, stream, out, out_len);
	free(data);
	free(out);
}

/* A page's content, all its streams joined, its colours rewritten; the
 * page then has one content stream. */
static int post_ink_page(struct post *p, qpdf_oh page, int n)
{
	unsigned char *data = NULL;
	char *out = NULL;
	size_t len = 0, out_len = 0;
	qpdf_oh s;

	if (qpdf_oh_get_page_content_data(p->q, page, &data, &len) & QPDF_ERRORS) {
		free(data);
		return post_fail(p, "page %d: cannot read its content: %s", n,
				 qpdf_get_error_full_text(p->q, qpdf_get_error(p->q)));
	}
	if (data && ink_rewrite(p->ink, data, len, &out, &out_len)) {
		s = qpdf_oh_new_stream(p->q);
		post_set_stream(p, s, out, out_len);
		qpdf_oh_replace_key(p->q, page, "/Contents", s);
	}
	free(data);
	free(out);
	return post_check(p, "rewriting the colours");
}

/* The rewriter for the options: grey neutrals, and with to_cmyk the
 * conversion through the printer's profile.  0, or -1 after a message. */
static int post_ink_new(struct post *p)
{
	const char *path = p->o->output_icc ? p->o->output_icc : POST_DEFAULT_CMYK_ICC;
	struct post_bytes rgb = { 0 }, cmyk = { 0 };
	char name[128];
	size_t i;
	int rc = -1;

	if (!p->o->to_cmyk) {
		p->ink = ink_new(p->o->inks, p->o->ninks, p->o->gray_neutrals, NULL, 0, NULL, 0);
		return 0;
	}
	for (i = 0; i + 1 < sizeof post_srgb_paths / sizeof *post_srgb_paths; i++)
		if (access(post_srgb_paths[i], R_OK) == 0)
			break;
	if (post_icc_load(p, post_srgb_paths[i], 0, &rgb, name, sizeof name) != 3 ||
	    post_icc_load(p, path, 1, &cmyk, name, sizeof name) != 4)
		goto out;
	p->ink = ink_new(p->o->inks, p->o->ninks, p->o->gray_neutrals, rgb.data, rgb.len,
			 cmyk.data, cmyk.len);
	if (!p->ink) {
		post_fail(p, "lcms2 cannot convert from %s to %s", post_srgb_paths[i], path);
		goto out;
	}
	rc = 0;
out:
	free(rgb.data);
	free(cmyk.data);
	return rc;
}

/* An ExtGState setting fill overprint (op) on or off, nonzero overprint mode. */
static qpdf_oh post_op_gs(struct post *p, int on)
{
	qpdf_oh d = qpdf_oh_new_dictionary(p->q);

	qpdf_oh_replace_key(p->q, d, "/Type", qpdf_oh_new_name(p->q, "/ExtGState"));
	qpdf_oh_replace_key(p->q, d, "/op", qpdf_oh_new_bool(p->q, on));
	qpdf_oh_replace_key(p->q, d, "/OPM", qpdf_oh_new_integer(p->q, 1));
	return qpdf_make_indirect_object(p->q, d);
}

/* [/Separation /NAME /DeviceCMYK f]: the spot ink, its CMYK alternate
 * the solid ink's press value (a tint's value divided by its tint). */
static qpdf_oh post_spot_cs(struct post *p, const struct ink_named *k)
{
	char *name = g_strconcat("/", k->spot, NULL);
	double solid[4];
	qpdf_oh cs;

	for (int i = 0; i < 4; i++)
		solid[i] = k->cmyk[i] / (k->tint > 0 ? k->tint : 1);
	cs = post_separation_cs(p, name, solid);
	g_free(name);
	return cs;
}

/* The dictionary res[key], made when missing. */
static qpdf_oh post_subdict(struct post *p, qpdf_oh res, const char *key)
{
	qpdf_oh d = qpdf_oh_get_key(p->q, res, key);

	if (!qpdf_oh_is_dictionary(p->q, d)) {
		d = qpdf_oh_new_dictionary(p->q);
		qpdf_oh_replace_key(p->q, res, key, d);
	}
	return d;
}

/* What the rewritten streams name, in a resource dictionary they use. */
static void post_ink_res(struct post *p, qpdf_oh res)
{
	qpdf_oh gs = post_subdict(p, res, "/ExtGState"), cs;
	char name[64];

	qpdf_oh_replace_key(p->q, gs, INK_KO, p->ink_gs[0]);
	qpdf_oh_replace_key(p->q, gs, INK_OP, p->ink_gs[1]);
	for (int i = 0; i < p->o->ninks; i++) {
		if (!p->spot_cs[i] || p->o->inks[i].spot_index != i)
			continue;
		cs = post_subdict(p, res, "/ColorSpace");
		snprintf(name, sizeof name, INK_SPOT, i);
		qpdf_oh_replace_key(p->q, cs, name, p->spot_cs[i]);
	}
}

/* The objects the rewritten streams use, made once. */
static void post_ink_objects(struct post *p)
{
	p->ink_gs[0] = post_op_gs(p, 0);
	p->ink_gs[1] = post_op_gs(p, 1);
	p->spot_cs = xcalloc((size_t)p->o->ninks + 1, sizeof *p->spot_cs);
	for (int i = 0; i < p->o->ninks; i++)
		if (p->o->inks[i].spot && p->o->inks[i].spot_index == i)
			p->spot_cs[i] = post_spot_cs(p, &p->o->inks[i]);
}

/* Colours rewritten on every page and in every form and tiling pattern
 * it draws (ink.h): neutral ones as DeviceGray, which Ghostscript puts
 * on black ink alone where it would make an equal RGB grey four-colour
 * black (DESIGN.md §3), and with to_cmyk the others as the printer
 * profile's CMYK. */
static int post_ink(struct post *p)
{
	static const struct post_visit visit = { .res = post_ink_res, .form = post_ink_form };
	int npages = qpdf_get_num_pages(p->q);

	if (post_ink_new(p))
		return -1;
	post_ink_objects(p);
	p->seen.n = 0;
	for (int i = 0; i < npages; i++) {
		qpdf_oh page = qpdf_get_page_n(p->q, (size_t)i);

		if (post_ink_page(p, page, i + 1))
			return -1;
		post_walk(p, qpdf_oh_get_key(p->q, page, "/Resources"), &visit, 0);
		if (post_check(p, "rewriting the colours"))
			return -1;
	}
	return 0;
}

/* Report what qpdf found odd in the input, a few lines at most. */
static void post_warnings(struct post *p)
{
	int n = 0;

	while (qpdf_more_warnings(p->q)) {
		qpdf_error w = qpdf_next_warning(p->q);

		if (n++ < POST_MAX_WARNINGS)
			msg_at(p->m, M_POST_WARN, p->shown, 0, 0,
			       qpdf_get_error_full_text(p->q, w));
	}
	if (n > POST_MAX_WARNINGS) {
		char text[64];

		snprintf(text, sizeof text, "%d more qpdf warnings", n - POST_MAX_WARNINGS);
		msg_at(p->m, M_POST_WARN, p->shown, 0, 0, text);
	}
}

/* Serialise to memory (deterministic /ID: an MD5 of the content, no
 * clock, no randomness), then replace `out`.  Streams are written as they
 * are: Cairo's are compressed already, and deflating the 187 KB SWOP
 * profile would cost 8-10 ms, more than all the rest, to save 52 KB. */
static int post_write(struct post *p, const char *out)
{
	if (qpdf_init_write_memory(p->q) & QPDF_ERRORS)
		return post_check(p, "writing");
	qpdf_set_deterministic_ID(p->q, QPDF_TRUE);
	qpdf_set_stream_data_mode(p->q, qpdf_s_preserve);
	qpdf_set_object_stream_mode(p->q, qpdf_o_preserve);
	if (p->o->pdfx4)
		qpdf_force_pdf_version(p->q, "1.6");
	if (qpdf_write(p->q) & QPDF_ERRORS)
		return post_check(p, "writing");
	return post_write_file(p, out, qpdf_get_buffer(p->q), qpdf_get_buffer_length(p->q));
}

/* Whether stream oh is a DeviceCMYK DCT image with no /Decode. */
static int post_jpeg_candidate(qpdf_data q, qpdf_oh oh)
{
	qpdf_oh dict, v;
	int yes;

	if (!qpdf_oh_is_stream(q, oh))
		return 0;
	dict = qpdf_oh_get_dict(q, oh);
	yes = qpdf_oh_has_key(q, dict, "/Subtype") && !qpdf_oh_has_key(q, dict, "/Decode");
	if (yes) {
		v = qpdf_oh_get_key(q, dict, "/Subtype");
		yes = qpdf_oh_is_name_and_equals(q, v, "/Image");
		qpdf_oh_release(q, v);
	}
	if (yes) {
		v = qpdf_oh_get_key(q, dict, "/Filter");
		yes = qpdf_oh_is_name_and_equals(q, v, "/DCTDecode");
		qpdf_oh_release(q, v);
	}
	if (yes) {
		v = qpdf_oh_get_key(q, dict, "/ColorSpace");
		yes = qpdf_oh_is_name_and_equals(q, v, "/DeviceCMYK");
		qpdf_oh_release(q, v);
	}
	qpdf_oh_release(q, dict);
	return yes;
}

/* /Decode on the inverted CMYK JPEGs (jpegfix.h): how many were given one. */
static size_t post_jpegfix(qpdf_data q)
{
	qpdf_oh trailer = qpdf_get_trailer(q), size = qpdf_oh_get_key(q, trailer, "/Size");
	long long n = qpdf_oh_get_int_value(q, size);
	size_t fixed = 0;

	qpdf_oh_release(q, size);
	qpdf_oh_release(q, trailer);
	for (long long id = 1; id < n && id < 10000000; id++) {
		qpdf_oh oh = qpdf_get_object_by_id(q, (int)id, 0);
		unsigned char *buf = NULL;
		size_t len = 0;

		if (post_jpeg_candidate(q, oh) &&
		    !(qpdf_oh_get_stream_data(q, oh, qpdf_dl_none, NULL, &buf, &len) & QPDF_ERRORS) &&
		    jpegfix_adobe(buf, len)) {
			qpdf_oh dict = qpdf_oh_get_dict(q, oh);
			qpdf_oh dec = qpdf_oh_parse(q, "[1 0 1 0 1 0 1 0]");

			qpdf_oh_replace_key(q, dict, "/Decode", dec);
			qpdf_oh_release(q, dec);
			qpdf_oh_release(q, dict);
			fixed++;
		}
		free(buf);
		qpdf_oh_release(q, oh);
	}
	return fixed;
}

int post_process(const char *in, const char *out, const struct post_opts *o,
		 struct msg *m)
{
	struct post p = { .o = o, .m = m, .in = in, .shown = o->name ? o->name : in };
	int rc = -1;

	if (post_read_file(in, POST_MAX_INPUT, &p.pdf)) {
		post_fail(&p, "cannot read: %s", strerror(errno));
		goto out;
	}
	p.q = qpdf_init();
	qpdf_silence_errors(p.q);
	qpdf_set_suppress_warnings(p.q, QPDF_TRUE);
	if (qpdf_read_memory(p.q, in, (const char *)p.pdf.data, p.pdf.len, NULL) & QPDF_ERRORS) {
		post_check(&p, "reading");
		goto out;
	}
	post_jpegfix(p.q); /* a printer's inverted CMYK JPEGs the right way round */
	if (o->nalts && figalt_apply(p.q, o->alts, o->nalts) != o->nalts)
		msg_at(m, M_POST_WARN, p.shown, 0, 0,
		       "the structure tree's Figures do not match the pictures drawn; some lack /Alt");
	if (post_boxes(&p) || post_marks(&p) || post_info(&p) || ((o->gray_neutrals || o->to_cmyk || o->ninks) && post_ink(&p)) ||
	    (o->pdfx4 && post_pdfx(&p)) || (o->pdfx3 && post_pdfx3(&p)))
		goto out;
	if (post_write(&p, out))
		goto out;
	post_warnings(&p);
	rc = 0;
out:
	if (p.q)
		qpdf_cleanup(&p.q);
	free(p.seen.v);
	free(p.pdf.data);
	free(p.spot_cs);
	ink_free(p.ink);
	return rc;
}

/* ---- the CMYK PDF/X-3 edition through Ghostscript ---- */

/* A PostScript string literal: parentheses and backslashes escaped,
 * bytes outside printable ASCII in octal. */
static void post_ps_string(FILE *f, const char *s)
{
	fputc('(', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '(' || c == ')' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc(')', f);
}

/* UTF-8 text as a PDF text string in PostScript: <FEFF…> UTF-16BE. */
static void post_ps_text(FILE *f, const char *utf8)
{
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);

	fputs("<FEFF", f);
	for (glong i = 0; u && i < n; i++)
		fprintf(f, "%04X", (unsigned)u[i]);
	fputc('>', f);
	g_free(u);
}

/* The profile's bytes appended to the stream object {plaquette_icc}, in
 * hex strings short enough for any PostScript interpreter.  Writing them
 * into the file spares Ghostscript reading the profile (a path -dSAFER
 * would have to permit, and that PostScript would have to quote). */
static void post_ps_icc(FILE *f, const struct post_bytes *icc)
{
	for (size_t at = 0; at < icc->len; at += POST_PS_CHUNK) {
		size_t end = at + POST_PS_CHUNK < icc->len ? at + POST_PS_CHUNK : icc->len;

		fputs("[ {plaquette_icc} <", f);
		for (size_t i = at; i < end; i++)
			fprintf(f, "%02x%s", icc->data[i], (i - at) % 40 == 39 ? "\n" : "");
		fputs("> /PUT pdfmark\n", f);
	}
}

/* The PDF/X-3 definitions Ghostscript reads before the document (after
 * its lib/PDFX_def.ps): Info keys, the output intent and its profile. */
static void post_ps_pdfx(FILE *f, const struct post_opts *o, const struct post_bytes *icc,
			 const char *name)
{
	const char *cond = o->output_condition;

	fputs("%!PS\n% PDF/X-3 definitions written by plaquette for Ghostscript\n"
	      "[ /GTS_PDFXVersion (PDF/X-3:2002) /Trapped /False", f);
	if (o->title) {
		fputs(" /Title ", f);
		post_ps_text(f, o->title);
	}
	fputs(" /DOCINFO pdfmark\n"
	      "[ /_objdef {plaquette_icc} /type /stream /OBJ pdfmark\n"
	      "[ {plaquette_icc} << /N 4 >> /PUT pdfmark\n", f);
	post_ps_icc(f, icc);
	fputs("[ /_objdef {plaquette_intent} /type /dict /OBJ pdfmark\n"
	      "[ {plaquette_intent} << /Type /OutputIntent /S /GTS_PDFX\n"
	      "  /OutputConditionIdentifier ", f);
	post_ps_string(f, cond ? cond : "Custom");
	fputs(" /OutputCondition ", f);
	post_ps_string(f, post_condition_text(cond, name));
	fputs(" /Info ", f);
	post_ps_string(f, name);
	fputs("\n  /RegistryName (http://www.color.org) /DestOutputProfile {plaquette_icc}\n"
	      ">> /PUT pdfmark\n"
	      "[ {Catalog} << /OutputIntents [ {plaquette_intent} ] >> /PUT pdfmark\n", f);
}

/* Write the definitions into a new temporary file "`out`-XXXXXX": its
 * name (caller frees), or NULL after a message. */
static char *post_ps_write(struct post *p, const char *out, const struct post_bytes *icc,
			   const char *name)
{
	char *path = xmalloc(strlen(out) + 8);
	int fd, bad;
	FILE *f;

	sprintf(path, "%s-XXXXXX", out);
	fd = mkstemp(path);
	if (fd >= 0)
		out_track(path);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		msg_at(p->m, M_WRITE, NULL, 0, 0, path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	post_ps_pdfx(f, p->o, icc, name);
	bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		msg_at(p->m, M_WRITE, NULL, 0, 0, path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* A file name Ghostscript cannot take for an option ("-…") or an
 * argument file ("@…"): relative names start with "./".  Caller frees. */
static char *post_gs_file(const char *path)
{
	char *s = xmalloc(strlen(path) + 3);

	sprintf(s, "%s%s", path[0] == '/' ? "" : "./", path);
	return s;
}

/* -sOutputFile=path, with "%" (a page-number format to Ghostscript)
 * doubled.  Caller frees. */
static char *post_gs_output(const char *path)
{
	char *file = post_gs_file(path), *s = xmalloc(2 * strlen(file) + 16), *d = s;

	d += sprintf(d, "-sOutputFile=");
	for (const char *c = file; *c; c++) {
		if (*c == '%')
			*d++ = '%';
		*d++ = *c;
	}
	*d = '\0';
	free(file);
	return s;
}

/* Run argv (argv[0] a full path) without a shell: stdin from /dev/null,
 * stdout and stderr into log, at most POST_GS_TIMEOUT seconds.  Its exit
 * status, or -1 after a message. */
static int post_gs_spawn(struct post *p, char *const argv[], struct post_sbuf *log)
{
	struct child_result r;
	int rc = -1;

	if (child_run(argv, "GS_OPTIONS", 1, POST_GS_TIMEOUT, POST_GS_MAX_LOG, &r) < 0) {
		post_fail(p, "cannot start Ghostscript: %s", r.err);
		return -1;
	}
	post_sb_add(log, r.log, r.len);
	free(r.log);
	if (r.late)
		post_fail(p, "Ghostscript took longer than %d s and was stopped", POST_GS_TIMEOUT);
	else if (WIFSIGNALED(r.status))
		post_fail(p, "Ghostscript was killed by signal %d", WTERMSIG(r.status));
	else if (WIFEXITED(r.status))
		rc = WEXITSTATUS(r.status);
	return rc;
}

/* Ghostscript's messages: an error when it gave up PDF/X (it says so and
 * goes on writing plain PDF) or failed, else warnings, a few lines. */
static int post_gs_verdict(struct post *p, int status, const struct post_sbuf *log)
{
	const char *text = log->s ? log->s : "";
	int n = 0;

	if (strstr(text, "reverting to normal PDF"))
		return post_fail(p, "Ghostscript could not keep to PDF/X: %s", text);
	if (status != 0)
		return post_fail(p, "Ghostscript failed (exit status %d)%s%s", status,
				 text[0] ? ": " : "", text);
	for (const char *s = text; *s && n < POST_GS_MAX_LINES; ) {
		size_t len = strcspn(s, "\n");
		char line[512];

		if (len > 0) {
			snprintf(line, sizeof line, "Ghostscript: %.*s", (int)len, s);
			msg_at(p->m, M_POST_WARN, p->shown, 0, 0, line);
			n++;
		}
		s += len + (s[len] != '\0');
	}
	return 0;
}

/* Ghostscript's command line: pdfwrite in PDF/X mode, colours to CMYK,
 * no page turned, images re-encoded losslessly, no /ID nor XMP (the
 * post_process pass after it writes the deterministic ones). */
static int post_gs_run(struct post *p, const char *gs, const char *ps, const char *out)
{
	char *in_file = post_gs_file(p->in), *ps_file = post_gs_file(ps);
	char *out_arg = post_gs_output(out);
	char *argv[] = {
		(char *)gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNOOUTERSAVE",
		"-sDEVICE=pdfwrite", "-dPDFX", "-sColorConversionStrategy=CMYK",
		"-sProcessColorModel=DeviceCMYK", "-dAutoRotatePages=/None",
		"-dAutoFilterColorImages=false", "-dColorImageFilter=/FlateEncode",
		"-dAutoFilterGrayImages=false", "-dGrayImageFilter=/FlateEncode",
		"-dOmitID", "-dOmitXMP", out_arg, ps_file, in_file, NULL,
	};
	struct post_sbuf log = { 0 };
	int status = post_gs_spawn(p, argv, &log);
	int rc = status < 0 ? -1 : post_gs_verdict(p, status, &log);

	free(log.s);
	free(out_arg);
	free(ps_file);
	free(in_file);
	return rc;
}

/* The output profile, checked: a CMYK printer profile, and its name. */
static int post_cmyk_profile(struct post *p, struct post_bytes *icc, char *name, size_t n)
{
	const char *path = p->o->output_icc ? p->o->output_icc : POST_DEFAULT_CMYK_ICC;
	int comps = post_icc_load(p, path, 1, icc, name, n);

	if (comps < 0)
		return -1;
	if (comps != 4)
		return post_fail(p, "%s is not a CMYK profile, as the CMYK edition needs", path);
	if (!name[0])
		snprintf(name, n, "%s", p->o->output_condition ? p->o->output_condition :
			 "Custom output profile");
	return 0;
}

int post_cmyk(const char *in, const char *out, const struct post_opts *o, struct msg *m)
{
	struct post p = { .o = o, .m = m, .in = in, .shown = o->name ? o->name : in };
	struct post_bytes icc = { 0 };
	char name[128], *gs = g_find_program_in_path("gs"), *ps = NULL;
	int rc = -1;

	if (!gs) {
		msg_at(m, M_GS_MISSING, NULL, 0, 0, "gs");
		goto out;
	}
	if (post_cmyk_profile(&p, &icc, name, sizeof name))
		goto out;
	ps = post_ps_write(&p, out, &icc, name);
	if (!ps)
		goto out;
	rc = post_gs_run(&p, gs, ps, out);
	unlink(ps);
	out_untrack(ps);
out:
	free(ps);
	free(icc.data);
	g_free(gs);
	return rc;
}
