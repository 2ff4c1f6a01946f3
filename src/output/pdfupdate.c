/* pdfupdate: boxes, Info, /Lang, Figure /Alt and /ID as an incremental update after Cairo's file. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "jpegfix.h"
#include "pdfobj.h"
#include "pdfscan.h"
#include "pdfupdate.h"

#define PDFUP_MAX_INPUT (1L << 30) /* largest file read back: a brochure is a few MB */
#define PDFUP_MAX_DEPTH 64         /* nesting of page and structure trees walked */
#define PDFUP_EPS 0.01             /* pt: box comparisons tolerate rounding */
#define PDFUP_LET_GO 32            /* pages walked between two pdfup_let_go() */
#define PDFUP_WINDOW (1 << 20)     /* bytes of the map searched at a time */

/* One object's new version, "N 0 obj … endobj". */
struct pdfup_obj {
	int num;           /* object number */
	struct pdfstr text; /* the whole object */
};

/* A key set on a dictionary: its name (without '/') and value as PDF text. */
struct pdfup_kv {
	const char *key;
	struct pdfstr val;
};

/* One run of pdfupdate_apply. */
struct pdfup {
	const struct post_opts *o; /* what to do */
	struct msg *m;             /* where problems go */
	const char *shown;         /* the path messages name */
	struct pdfscan s;          /* the file read back */
	struct pdfup_obj *objs;    /* the objects written, in the order made */
	size_t nobjs, capobjs;
	unsigned char *seen;       /* objects walked already (page and structure trees) */
	size_t alts;               /* Figures met so far */
};

/* Lets go of the pages of the map that the walks have touched (they are
 * read again from the page cache if needed: the map is never written).
 * A walk through every page object of a long document, one every 10 KB
 * or so with each fault mapping the 64 KiB around it, would otherwise
 * keep the whole file in the resident set to the process's end: 12 MB at
 * 1 332 pages, on top of the layout's memory. */
static void pdfup_let_go(const struct pdfup *u)
{
	madvise((void *)u->s.d, u->s.n, MADV_DONTNEED);
}

/* Report M_POST; always -1. */
__attribute__((format(printf, 2, 3)))
static int pdfup_fail(struct pdfup *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vtext(u->m, M_POST, u->shown, fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether object num was walked already; marks it. */
static int pdfup_seen(struct pdfup *u, int num)
{
	if (u->seen[num])
		return 1;
	u->seen[num] = 1;
	return 0;
}

/* A new object in the update; its text is the caller's to fill. */
static struct pdfstr *pdfup_new(struct pdfup *u, int num)
{
	struct pdfup_obj *e;

	xgrow(&u->objs, &u->capobjs, u->nobjs + 1, sizeof *u->objs);
	e = &u->objs[u->nobjs++];
	*e = (struct pdfup_obj){ .num = num };
	pdfobj_begin(&e->text, num);
	return &e->text;
}

/* Dictionary `dict` of the file with the keys of kv[0..n) set: its other
 * entries copied as they are, kv's values after them. */
static void pdfup_dict(struct pdfstr *b, const struct pdfscan *s, struct pdfscan_span dict,
		       const struct pdfup_kv *kv, size_t n)
{
	struct pdfscan_span k, v;
	size_t pos = 0;

	pdfstr_add(b, "<<", 2);
	while (pdfscan_entry(s, dict, &pos, &k, &v) > 0) {
		size_t i = 0;

		while (i < n && !(k.end - k.at == strlen(kv[i].key) + 1 &&
				  !memcmp(s->d + k.at + 1, kv[i].key, k.end - k.at - 1)))
			i++;
		if (i < n)
			continue;
		pdfstr_add(b, "\n", 1);
		pdfstr_add(b, (const char *)s->d + k.at, k.end - k.at);
		pdfstr_add(b, " ", 1);
		pdfstr_add(b, (const char *)s->d + v.at, v.end - v.at);
	}
	for (size_t i = 0; i < n; i++) {
		pdfobj_key(b, kv[i].key);
		pdfstr_add(b, kv[i].val.s, kv[i].val.len);
	}
	pdfstr_add(b, "\n>>", 3);
}

/* Object num, whose value is the dictionary d, written again with kv set. */
static void pdfup_edit_dict(struct pdfup *u, int num, struct pdfscan_span d,
			    const struct pdfup_kv *kv, size_t n)
{
	struct pdfstr *b = pdfup_new(u, num);

	pdfup_dict(b, &u->s, d, kv, n);
	pdfobj_end(b);
}

/* Object num, a dictionary, written again with kv set. */
static int pdfup_edit(struct pdfup *u, int num, const struct pdfup_kv *kv, size_t n)
{
	struct pdfscan_span d;

	if (pdfscan_obj(&u->s, num, &d) || !pdfscan_is_dict(&u->s, d))
		return pdfup_fail(u, "object %d of Cairo's file is not a dictionary", num);
	pdfup_edit_dict(u, num, d, kv, n);
	return 0;
}

static void pdfup_kv_free(struct pdfup_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pdfstr_free(&kv[i].val);
}

/* A four-number array of the file as x0 y0 x1 y1, x0 <= x1, y0 <= y1. */
static int pdfup_rect(const struct pdfscan *s, struct pdfscan_span a, double r[4])
{
	struct pdfscan_span v;
	size_t pos = 0;
	int i = 0;

	if (pdfscan_resolve(s, a, &a) || !pdfscan_is_array(s, a))
		return -1;
	while (i < 4 && pdfscan_item(s, a, &pos, &v) > 0)
		if (pdfscan_num(s, v, &r[i++]))
			return -1;
	if (i != 4 || pdfscan_item(s, a, &pos, &v) != 0)
		return -1;
	for (i = 0; i < 2; i++)
		if (r[i] > r[i + 2]) {
			double t = r[i];

			r[i] = r[i + 2];
			r[i + 2] = t;
		}
	return 0;
}

/* TrimBox and BleedBox on page `num` (the n-th, dictionary d) whose
 * MediaBox is media. */
static int pdfup_page(struct pdfup *u, int num, struct pdfscan_span d, int n,
		      const double media[4])
{
	const struct post_opts *o = u->o;
	double trim[4] = {
		media[0] + o->trim_x, media[1] + o->trim_y,
		media[0] + o->trim_x + o->trim_w, media[1] + o->trim_y + o->trim_h,
	};
	double bleed[4];
	struct pdfup_kv kv[2] = { { .key = "TrimBox" }, { .key = "BleedBox" } };

	if (trim[0] < media[0] - PDFUP_EPS || trim[1] < media[1] - PDFUP_EPS ||
	    trim[2] > media[2] + PDFUP_EPS || trim[3] > media[3] + PDFUP_EPS)
		return pdfup_fail(u, "page %d: the TrimBox [%g %g %g %g] does not fit "
				  "in the MediaBox [%g %g %g %g]", n, trim[0], trim[1],
				  trim[2], trim[3], media[0], media[1], media[2], media[3]);
	pdfobj_rect(&kv[0].val, trim);
	if (o->bleed > 0) {
		bleed[0] = fmax(trim[0] - o->bleed, media[0]);
		bleed[1] = fmax(trim[1] - o->bleed, media[1]);
		bleed[2] = fmin(trim[2] + o->bleed, media[2]);
		bleed[3] = fmin(trim[3] + o->bleed, media[3]);
		pdfobj_rect(&kv[1].val, bleed);
	}
	pdfup_edit_dict(u, num, d, kv, o->bleed > 0 ? 2 : 1);
	pdfup_kv_free(kv, 2);
	return 0;
}

/* The page tree node `num` and below, pages numbered from *n; `media`
 * the MediaBox inherited, NULL when none. */
static int pdfup_pages(struct pdfup *u, int num, const double *media, int *n, int depth)
{
	const struct pdfscan *s = &u->s;
	struct pdfscan_span d, type = { 0, 0 }, box_v = { 0, 0 }, kids = { 0, 0 }, k, v;
	double box[4];
	size_t pos = 0;
	int r;

	if (num <= 0 || depth > PDFUP_MAX_DEPTH || pdfup_seen(u, num) ||
	    pdfscan_obj(s, num, &d) || !pdfscan_is_dict(s, d))
		return pdfup_fail(u, "the page tree of Cairo's file cannot be read (object %d)", num);
	/* one walk through the entries for the three keys read */
	while ((r = pdfscan_entry(s, d, &pos, &k, &v)) > 0) {
		if (pdfscan_is_name(s, k, "/Type"))
			type = v;
		else if (pdfscan_is_name(s, k, "/MediaBox"))
			box_v = v;
		else if (pdfscan_is_name(s, k, "/Kids"))
			kids = v;
	}
	if (r < 0 || type.end == 0)
		return pdfup_fail(u, "the page tree of Cairo's file cannot be read (object %d)", num);
	if (box_v.end) {
		if (pdfup_rect(s, box_v, box))
			return pdfup_fail(u, "page %d has no valid MediaBox", *n + 1);
		media = box;
	}
	if (pdfscan_is_name(s, type, "/Page")) {
		++*n;
		if (!media)
			return pdfup_fail(u, "page %d has no valid MediaBox", *n);
		if (*n % PDFUP_LET_GO == 0)
			pdfup_let_go(u);
		return u->o->trim_w > 0 && u->o->trim_h > 0 ? pdfup_page(u, num, d, *n, media) : 0;
	}
	if (!pdfscan_is_name(s, type, "/Pages") || kids.end == 0 ||
	    pdfscan_resolve(s, kids, &kids) || !pdfscan_is_array(s, kids))
		return pdfup_fail(u, "the page tree of Cairo's file cannot be read (object %d)", num);
	pos = 0;
	while ((r = pdfscan_item(s, kids, &pos, &v)) > 0)
		if (pdfup_pages(u, pdfscan_ref(s, v), media, n, depth + 1))
			return -1;
	return r < 0 ? pdfup_fail(u, "the page tree of Cairo's file cannot be read") : 0;
}

/* Info's new version: Title, Producer and the dates (a new object when
 * Cairo wrote none: *info is set to its number). */
static int pdfup_info(struct pdfup *u, int *info)
{
	const struct post_opts *o = u->o;
	struct pdfup_kv kv[4] = { { .key = "CreationDate" }, { .key = "ModDate" },
				  { .key = "Title" }, { .key = "Producer" } };
	size_t n = 2;
	struct pdfstr *b;
	int rc = 0;

	pdfobj_date(&kv[0].val, o->date);
	pdfobj_date(&kv[1].val, o->date);
	if (o->title)
		pdfstr_literal(&kv[n++].val, o->title);
	if (o->producer) {
		kv[n].key = "Producer";
		pdfstr_literal(&kv[n++].val, o->producer);
	}
	if (u->s.info) {
		rc = pdfup_edit(u, u->s.info, kv, n);
	} else {
		*info = u->s.size + (int)u->nobjs; /* numbered after the file's */
		b = pdfup_new(u, *info);
		pdfup_dict(b, &u->s, (struct pdfscan_span){ 0, 0 }, kv, n);
		pdfobj_end(b);
	}
	pdfup_kv_free(kv, 4);
	return rc;
}

/* The catalog's new version, with /Lang. */
static int pdfup_catalog(struct pdfup *u)
{
	struct pdfup_kv kv = { .key = "Lang" };
	int rc;

	if (!u->o->lang)
		return 0;
	pdfstr_literal(&kv.val, u->o->lang);
	rc = pdfup_edit(u, u->s.root, &kv, 1);
	pdfstr_free(&kv.val);
	return rc;
}

/* The structure tree from v depth-first, as figalt.c walks it in qpdf:
 * every Figure element (an object of its own, as Cairo writes them) gets
 * the next /Alt. */
static int pdfup_figures(struct pdfup *u, struct pdfscan_span v, int depth)
{
	const struct pdfscan *s = &u->s;
	struct pdfscan_span d, k, item;
	int num = pdfscan_ref(s, v), r;
	size_t pos = 0;

	if (depth > PDFUP_MAX_DEPTH)
		return pdfup_fail(u, "the structure tree of Cairo's file is too deep");
	if (num > 0 && pdfup_seen(u, num))
		return 0;
	if (pdfscan_resolve(s, v, &d))
		return pdfup_fail(u, "the structure tree of Cairo's file cannot be read");
	if (pdfscan_is_array(s, d)) {
		while ((r = pdfscan_item(s, d, &pos, &item)) > 0)
			if (pdfup_figures(u, item, depth + 1))
				return -1;
		return r < 0 ? pdfup_fail(u, "the structure tree of Cairo's file cannot be read") : 0;
	}
	if (!pdfscan_is_dict(s, d))
		return 0; /* a marked-content id */
	if (!pdfscan_key(s, d, "/S", &k) && pdfscan_is_name(s, k, "/Figure")) {
		if (u->alts < u->o->nalts) {
			struct pdfup_kv kv = { .key = "Alt" };

			if (num <= 0)
				return pdfup_fail(u, "a Figure of Cairo's file is not an object of its own");
			pdfstr_literal(&kv.val, u->o->alts[u->alts]);
			r = pdfup_edit(u, num, &kv, 1);
			pdfstr_free(&kv.val);
			if (r)
				return -1;
		}
		u->alts++;
	}
	return pdfscan_key(s, d, "/K", &k) ? 0 : pdfup_figures(u, k, depth + 1);
}

/* /Alt on the Figures; the warning post.c gives when they do not match. */
static int pdfup_alts(struct pdfup *u)
{
	struct pdfscan_span cat, tree;

	if (!u->o->nalts)
		return 0;
	memset(u->seen, 0, (size_t)u->s.size);
	if (pdfscan_obj(&u->s, u->s.root, &cat))
		return pdfup_fail(u, "the catalog of Cairo's file cannot be read");
	if (!pdfscan_key(&u->s, cat, "/StructTreeRoot", &tree) && pdfup_figures(u, tree, 0))
		return -1;
	if (u->alts != u->o->nalts)
		msg_at(u->m, M_POST_WARN, u->shown, 0, 0,
		       "the structure tree's Figures do not match the pictures drawn; some lack /Alt");
	return 0;
}

/* Whether the image stream `dict` is a DeviceCMYK DCT image without /Decode. */
static int pdfup_cmyk_jpeg(const struct pdfscan *s, struct pdfscan_span dict)
{
	struct pdfscan_span v;

	return !pdfscan_key(s, dict, "/Subtype", &v) && pdfscan_is_name(s, v, "/Image") &&
	       !pdfscan_key(s, dict, "/Filter", &v) && pdfscan_is_name(s, v, "/DCTDecode") &&
	       !pdfscan_key(s, dict, "/ColorSpace", &v) && pdfscan_is_name(s, v, "/DeviceCMYK") &&
	       pdfscan_key(s, dict, "/Decode", &v) != 0;
}

/* /Decode on the Adobe (inverted) CMYK JPEGs: their stream objects written
 * again, data unchanged.  Only files holding a DCT image are walked. */
/* Whether the file holds the word w (wn bytes), searched a window at a
 * time, each let go once searched. */
static int pdfup_contains(const struct pdfup *u, const char *w, size_t wn)
{
	for (size_t at = 0; at < u->s.n; at += PDFUP_WINDOW) {
		size_t n = u->s.n - at < PDFUP_WINDOW + wn - 1 ? u->s.n - at : PDFUP_WINDOW + wn - 1;
		int hit = memmem(u->s.d + at, n, w, wn) != NULL;

		pdfup_let_go(u);
		if (hit)
			return 1;
	}
	return 0;
}

static int pdfup_jpegs(struct pdfup *u)
{
	const struct pdfscan *s = &u->s;
	struct pdfup_kv kv = { .key = "Decode" };

	if (!pdfup_contains(u, "/DCTDecode", 10))
		return 0;
	pdfstr_add(&kv.val, "[1 0 1 0 1 0 1 0]", 17);
	for (int num = 1; num < s->size; num++) {
		struct pdfscan_span dict, data;
		struct pdfstr *b;

		if (num % (PDFUP_LET_GO * 8) == 0)
			pdfup_let_go(u);
		if (!s->off[num] || pdfscan_stream(s, num, &dict, &data) ||
		    !pdfup_cmyk_jpeg(s, dict) || !jpegfix_adobe(s->d + data.at, data.end - data.at))
			continue;
		b = pdfup_new(u, num);
		pdfup_dict(b, s, dict, &kv, 1);
		pdfstr_add(b, "\nstream\n", 8);
		pdfstr_add(b, (const char *)s->d + data.at, data.end - data.at);
		pdfstr_add(b, "\nendstream\nendobj\n", 18);
	}
	pdfstr_free(&kv.val);
	return 0;
}

static int pdfup_cmp(const void *a, const void *b)
{
	const struct pdfup_obj *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

/* Adds Cairo's bytes, the file open as fd up to the update, to ck: read
 * in pieces, not through the map, so that they do not stay resident. 0,
 * or -1 (reported). */
static int pdfup_hash_file(struct pdfup *u, int fd, GChecksum *ck)
{
	guchar buf[1 << 16];
	size_t at = 0;

	while (at < u->s.n) {
		size_t want = u->s.n - at < sizeof buf ? u->s.n - at : sizeof buf;
		ssize_t r = pread(fd, buf, want, (off_t)at);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return pdfup_fail(u, "cannot read: %s", strerror(r < 0 ? errno : EIO));
		g_checksum_update(ck, buf, (gssize)r);
		at += (size_t)r;
	}
	return 0;
}

/* The update's bytes: the objects, an xref section (one subsection per
 * run of consecutive numbers), the trailer with /Prev and /ID.  0, or -1
 * when the file cannot be read again (reported). */
static int pdfup_text(struct pdfup *u, int fd, int info, struct pdfstr *b)
{
	size_t base = u->s.n, *at = xcalloc(u->nobjs + 1, sizeof *at), xref;
	unsigned char md5[16];
	gsize md5_len = sizeof md5;
	GChecksum *ck = g_checksum_new(G_CHECKSUM_MD5);
	char line[64];
	int size = u->s.size;

	if (base && u->s.d[base - 1] != '\n')
		pdfstr_add(b, "\n", 1);
	qsort(u->objs, u->nobjs, sizeof *u->objs, pdfup_cmp);
	for (size_t i = 0; i < u->nobjs; i++) {
		at[i] = base + b->len;
		pdfstr_add(b, u->objs[i].text.s, u->objs[i].text.len);
		if (u->objs[i].num >= size)
			size = u->objs[i].num + 1;
	}
	xref = base + b->len;
	pdfstr_add(b, "xref\n", 5);
	for (size_t i = 0, j; i < u->nobjs; i = j) {
		for (j = i + 1; j < u->nobjs && u->objs[j].num == u->objs[j - 1].num + 1; j++)
			;
		pdfstr_add(b, line, (size_t)snprintf(line, sizeof line, "%d %zu\n",
						      u->objs[i].num, j - i));
		for (size_t e = i; e < j; e++)
			pdfstr_add(b, line, (size_t)snprintf(line, sizeof line,
							      "%010zu 00000 n \n", at[e]));
	}
	/* the identifier names this content: Cairo's bytes and the update's */
	if (pdfup_hash_file(u, fd, ck) < 0) {
		g_checksum_free(ck);
		free(at);
		return -1;
	}
	g_checksum_update(ck, (const guchar *)b->s, b->len);
	g_checksum_get_digest(ck, md5, &md5_len);
	g_checksum_free(ck);
	pdfstr_add(b, line, (size_t)snprintf(line, sizeof line, "trailer\n<< /Size %d\n/Root ", size));
	pdfobj_ref(b, u->s.root);
	if (info) {
		pdfstr_add(b, "\n/Info ", 7);
		pdfobj_ref(b, info);
	}
	pdfstr_add(b, line, (size_t)snprintf(line, sizeof line, "\n/Prev %zu\n/ID [", u->s.startxref));
	pdfobj_hex(b, md5, md5_len);
	pdfobj_hex(b, md5, md5_len);
	pdfstr_add(b, line, (size_t)snprintf(line, sizeof line, "]\n>>\nstartxref\n%zu\n%%%%EOF\n",
					      xref));
	free(at);
	return 0;
}

/* Append `b` to the file open as fd. */
static int pdfup_append(struct pdfup *u, int fd, const struct pdfstr *b)
{
	size_t done = 0;

	while (done < b->len) {
		ssize_t w = write(fd, b->s + done, b->len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			msg_at(u->m, M_WRITE, u->shown, 0, 0, u->shown,
			       strerror(w < 0 ? errno : EIO));
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

int pdfupdate_can(const struct post_opts *o)
{
	return !o->pdfx4 && !o->pdfx3 && !o->marks && !o->gray_neutrals && !o->to_cmyk &&
	       !o->ninks;
}

int pdfupdate_apply(const char *path, const struct post_opts *o, struct msg *m)
{
	struct pdfup u = { .o = o, .m = m, .shown = o->name ? o->name : path };
	struct pdfstr text = { 0 };
	struct pdfscan_span cat, pages;
	struct stat st;
	void *map = MAP_FAILED;
	int fd = open(path, O_RDWR | O_APPEND), rc = -1, n = 0, info;

	if (fd < 0 || fstat(fd, &st) != 0) {
		pdfup_fail(&u, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > PDFUP_MAX_INPUT) {
		pdfup_fail(&u, "cannot read: %s", strerror(EFBIG));
		goto out;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		pdfup_fail(&u, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (pdfscan_init(&u.s, map, (size_t)st.st_size)) {
		pdfup_fail(&u, "Cairo's file has no cross-reference table as Cairo writes it");
		goto out;
	}
	info = u.s.info;
	u.seen = xcalloc((size_t)u.s.size, 1);
	if (pdfscan_obj(&u.s, u.s.root, &cat) || pdfscan_key(&u.s, cat, "/Pages", &pages)) {
		pdfup_fail(&u, "the catalog of Cairo's file cannot be read");
		goto out;
	}
	if (pdfup_pages(&u, pdfscan_ref(&u.s, pages), NULL, &n, 0) || pdfup_info(&u, &info) ||
	    pdfup_catalog(&u) || pdfup_alts(&u) || pdfup_jpegs(&u))
		goto out;
	pdfup_let_go(&u);
	if (pdfup_text(&u, fd, info, &text) < 0 || pdfup_append(&u, fd, &text))
		goto out;
	rc = 0;
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		msg_at(m, M_WRITE, u.shown, 0, 0, u.shown, strerror(errno));
		rc = -1;
	}
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	for (size_t i = 0; i < u.nobjs; i++)
		pdfstr_free(&u.objs[i].text);
	free(u.objs);
	free(u.seen);
	pdfstr_free(&text);
	pdfscan_done(&u.s);
	return rc;
}
