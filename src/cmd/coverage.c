/* coverage: per-page ink maxima from Ghostscript's separations (psdcmyk). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "child.h"
#include "coverage.h"
#include "outfile.h"

#define COV_MAX_LOG 4096 /* bytes of Ghostscript's messages kept */
#define COV_PSD_ALPHA_NAMES 0x03EE /* image resource: the extra channels' names */

static const char *const cov_process[4] = { "Cyan", "Magenta", "Yellow", "Black" };

/* Big-endian readers over a bounded buffer. */
struct cov_buf {
	const unsigned char *p; /* next byte */
	const unsigned char *end;
};

static int cov_take(struct cov_buf *b, size_t n, const unsigned char **out)
{
	if ((size_t)(b->end - b->p) < n)
		return -1;
	if (out)
		*out = b->p;
	b->p += n;
	return 0;
}

static int cov_u16(struct cov_buf *b, unsigned *v)
{
	const unsigned char *s;

	if (cov_take(b, 2, &s) < 0)
		return -1;
	*v = (unsigned)s[0] << 8 | s[1];
	return 0;
}

static int cov_u32(struct cov_buf *b, unsigned long *v)
{
	const unsigned char *s;

	if (cov_take(b, 4, &s) < 0)
		return -1;
	*v = (unsigned long)s[0] << 24 | (unsigned long)s[1] << 16 | (unsigned long)s[2] << 8 | s[3];
	return 0;
}

/* The spot names of the image resources (Pascal strings, one per extra
 * channel) into p->name[4…]. */
static void cov_names(const unsigned char *res, unsigned long len, struct cov_page *p)
{
	struct cov_buf b = { .p = res, .end = res + len };

	while (b.p < b.end) {
		const unsigned char *sig, *data, *nlen;
		unsigned id;
		unsigned long size;

		if (cov_take(&b, 4, &sig) < 0 || memcmp(sig, "8BIM", 4) != 0 || cov_u16(&b, &id) < 0 ||
		    cov_take(&b, 1, &nlen) < 0 || cov_take(&b, ((*nlen + 2u) & ~1u) - 1, NULL) < 0 ||
		    cov_u32(&b, &size) < 0 || cov_take(&b, size, &data) < 0)
			return;
		if (size & 1)
			cov_take(&b, 1, NULL);
		if (id != COV_PSD_ALPHA_NAMES)
			continue;
		for (size_t k = 0, i = 4; k < size && i < (size_t)p->nplates; i++) {
			size_t n = data[k++];

			if (k + n > size)
				break;
			snprintf(p->name[i], sizeof p->name[i], "%.*s", (int)n, (const char *)data + k);
			k += n;
		}
	}
}

/* One page from a PSD file's bytes: 8-bit CMYK plus spot channels, raw
 * planes, 255 meaning no ink.  NULL, or why it cannot be read. */
static const char *cov_psd(const unsigned char *data, size_t len, struct cov_page *p)
{
	struct cov_buf b = { .p = data, .end = data + len };
	const unsigned char *sig, *res, *planes;
	unsigned ver, ch, depth, mode, comp;
	unsigned long h, w, skip, reslen;
	size_t px;
	unsigned short *sum;

	if (cov_take(&b, 4, &sig) < 0 || memcmp(sig, "8BPS", 4) != 0 || cov_u16(&b, &ver) < 0 ||
	    cov_take(&b, 6, NULL) < 0 || cov_u16(&b, &ch) < 0 || cov_u32(&b, &h) < 0 ||
	    cov_u32(&b, &w) < 0 || cov_u16(&b, &depth) < 0 || cov_u16(&b, &mode) < 0)
		return "Ghostscript's separations have no readable header";
	if (ver != 1 || depth != 8 || mode != 4 || ch < 4 || ch > COV_MAX_PLATES || w < 1 || h < 1 ||
	    w * h > (unsigned long)COV_MAX_PIXELS)
		return "Ghostscript's separations are not 8-bit CMYK";
	if (cov_u32(&b, &skip) < 0 || cov_take(&b, skip, NULL) < 0 ||
	    cov_u32(&b, &reslen) < 0 || cov_take(&b, reslen, &res) < 0 ||
	    cov_u32(&b, &skip) < 0 || cov_take(&b, skip, NULL) < 0 || cov_u16(&b, &comp) < 0)
		return "Ghostscript's separations are cut short";
	px = (size_t)w * h;
	if (comp != 0 || cov_take(&b, px * ch, &planes) < 0)
		return "Ghostscript's separations are compressed or cut short";
	memset(p, 0, sizeof *p);
	p->nplates = (int)ch;
	for (int i = 0; i < 4; i++)
		snprintf(p->name[i], sizeof p->name[i], "%s", cov_process[i]);
	for (unsigned i = 4; i < ch; i++)
		snprintf(p->name[i], sizeof p->name[i], "spot %u", i - 3);
	cov_names(res, reslen, p);
	/* the totals in 16 bits: 20 plates of 255 fit */
	sum = xcalloc(px, sizeof *sum);
	for (unsigned c = 0; c < ch; c++) {
		const unsigned char *pl = planes + c * px;
		int most = 0;

		for (size_t i = 0; i < px; i++) {
			int ink = 255 - pl[i];

			if (ink > most)
				most = ink;
			sum[i] = (unsigned short)(sum[i] + ink);
		}
		p->plate[c] = most / 255.0;
	}
	for (size_t i = 0; i < px; i++) {
		double t = sum[i] / 255.0;

		if (t > p->total)
			p->total = t;
	}
	free(sum);
	return NULL;
}

/* Ghostscript's command line for pages first..last; g_strfreev. */
static char **cov_argv(const char *gs, const char *pdf, const char *icc, double dpi, int first,
		       int last, const char *prefix)
{
	GPtrArray *a = g_ptr_array_new();

	g_ptr_array_add(a, g_strdup(gs));
	g_ptr_array_add(a, g_strdup("-q"));
	g_ptr_array_add(a, g_strdup("-dSAFER"));
	g_ptr_array_add(a, g_strdup("-dBATCH"));
	g_ptr_array_add(a, g_strdup("-dNOPAUSE"));
	g_ptr_array_add(a, g_strdup("-sDEVICE=psdcmyk"));
	g_ptr_array_add(a, g_strdup_printf("-r%g", dpi));
	g_ptr_array_add(a, g_strdup("-dUseTrimBox"));
	g_ptr_array_add(a, g_strdup_printf("-dFirstPage=%d", first));
	g_ptr_array_add(a, g_strdup_printf("-dLastPage=%d", last));
	if (icc) {
		g_ptr_array_add(a, g_strdup_printf("--permit-file-read=%s", icc));
		g_ptr_array_add(a, g_strdup_printf("-sOutputICCProfile=%s", icc));
		/* DeviceCMYK is already in the intent's condition: printed as is,
		 * not taken for Ghostscript's default CMYK and converted again */
		g_ptr_array_add(a, g_strdup_printf("-sDefaultCMYKProfile=%s", icc));
		g_ptr_array_add(a, g_strdup("-dRenderIntent=1"));
		g_ptr_array_add(a, g_strdup("-dBlackPtComp=1"));
	}
	g_ptr_array_add(a, g_strdup_printf("-sOutputFile=%s-%%04d.psd", prefix));
	g_ptr_array_add(a, g_strdup("-f"));
	g_ptr_array_add(a, g_strdup(pdf));
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

/* Runs argv; 0 when it ended well, else -1 after reporting (its
 * messages included). */
static int cov_spawn(char **argv, const char *shown, struct msg *m)
{
	struct child_result r;
	int rc = -1;

	if (child_run(argv, "GS_OPTIONS", 0, COV_TIMEOUT, COV_MAX_LOG, &r) < 0) {
		msg_at(m, M_COV_FAILED, shown, 0, 0, r.err);
		return -1;
	}
	g_strchomp(r.log);
	if (r.late) {
		char why[96];

		snprintf(why, sizeof why, "Ghostscript took longer than %d s and was stopped", COV_TIMEOUT);
		msg_at(m, M_COV_FAILED, shown, 0, 0, why);
	} else if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0) {
		char *why = g_strdup_printf("Ghostscript failed%s%s", *r.log ? ": " : "", r.log);

		msg_at(m, M_COV_FAILED, shown, 0, 0, why);
		g_free(why);
	} else {
		rc = 0;
	}
	free(r.log);
	return rc;
}

/* One run for pages first..last into pages[first-1 …].  0 or -1. */
static int cov_chunk(const char *gs, const char *pdf, const char *shown, const char *icc,
		     double dpi, int first, int last, const char *prefix, struct cov_page *pages,
		     struct msg *m)
{
	char **argv = cov_argv(gs, pdf, icc, dpi, first, last, prefix);
	int n = last - first + 1, rc;
	char **files = xcalloc((size_t)n, sizeof *files);

	for (int i = 0; i < n; i++) {
		files[i] = g_strdup_printf("%s-%04d.psd", prefix, i + 1);
		out_track(files[i]);
	}
	rc = cov_spawn(argv, shown, m);
	for (int i = 0; i < n; i++) {
		gchar *data = NULL;
		gsize len = 0;
		const char *bad = NULL;

		if (rc == 0 && !g_file_get_contents(files[i], &data, &len, NULL))
			bad = "Ghostscript wrote no separations for a page";
		else if (rc == 0)
			bad = cov_psd((const unsigned char *)data, len, &pages[first - 1 + i]);
		if (bad && rc == 0) {
			msg_at(m, M_COV_FAILED, shown, 0, 0, bad);
			rc = -1;
		}
		g_free(data);
		unlink(files[i]);
		out_untrack(files[i]);
		g_free(files[i]);
	}
	free(files);
	g_strfreev(argv);
	return rc;
}

int cov_render(const char *pdf, const char *shown, const char *icc, double dpi, int npages,
	       const char *prefix, struct cov_page **pages, struct msg *m)
{
	char *gs = g_find_program_in_path("gs");
	int rc = 0;

	*pages = NULL;
	if (!gs) {
		msg_at(m, M_COV_FAILED, shown, 0, 0, "Ghostscript ('gs') is not in PATH: "
		       "install the Debian package ghostscript");
		return -1;
	}
	*pages = xcalloc((size_t)npages, sizeof **pages);
	for (int first = 1; first <= npages && rc == 0; first += COV_CHUNK) {
		int last = first + COV_CHUNK - 1 < npages ? first + COV_CHUNK - 1 : npages;

		rc = cov_chunk(gs, pdf, shown, icc, dpi, first, last, prefix, *pages, m);
	}
	g_free(gs);
	if (rc < 0) {
		free(*pages);
		*pages = NULL;
	}
	return rc;
}
