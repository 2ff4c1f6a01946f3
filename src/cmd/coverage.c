/* coverage: per-page ink maxima from Ghostscript's CMYK render (pamcmyk32). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "coverage.h"
#include "outfile.h"

#define COV_MAX_LOG 4096 /* bytes of Ghostscript's messages kept */
#define COV_MAX_HEADER 1024

/* The PAM stream being read: a header, then w*h*4 bytes, page after page. */
struct cov_reader {
	char hdr[COV_MAX_HEADER + 1]; /* the current page's header so far */
	size_t nhdr;                  /* its bytes */
	long left;                    /* raster bytes still to come; 0 = in a header */
	int k;                        /* component of the current pixel, 0..3 */
	int sum;                      /* ink of the current pixel so far, 0..1020 */
	int pmax[4];                  /* this page's maxima, 0..255 */
	int tmax;                     /* this page's highest total, 0..1020 */
	struct cov_page *pages;       /* pages finished */
	size_t npages, cap;           /* their count and allocation */
	const char *bad;              /* why the stream cannot be read, or NULL */
};

/* A header number: "KEY value" on a line of its own; -1 when absent. */
static long cov_hdr_num(const char *hdr, const char *key)
{
	size_t n = strlen(key);

	for (const char *s = hdr; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s))
		if (strncmp(s, key, n) == 0 && s[n] == ' ')
			return strtol(s + n + 1, NULL, 10);
	return -1;
}

/* A header is complete: checks it and starts the raster. */
static void cov_start_page(struct cov_reader *r)
{
	long w = cov_hdr_num(r->hdr, "WIDTH"), h = cov_hdr_num(r->hdr, "HEIGHT");

	if (strncmp(r->hdr, "P7\n", 3) != 0 || cov_hdr_num(r->hdr, "DEPTH") != 4 ||
	    cov_hdr_num(r->hdr, "MAXVAL") != 255 || w < 1 || h < 1 || w * h > COV_MAX_PIXELS) {
		r->bad = "Ghostscript's render is not 8-bit CMYK";
		return;
	}
	r->left = w * h * 4;
	r->k = r->sum = r->tmax = 0;
	memset(r->pmax, 0, sizeof r->pmax);
}

static void cov_end_page(struct cov_reader *r)
{
	struct cov_page *p;

	xgrow(&r->pages, &r->cap, r->npages + 1, sizeof *r->pages);
	p = &r->pages[r->npages++];
	for (int i = 0; i < 4; i++)
		p->plate[i] = r->pmax[i] / 255.0;
	p->total = r->tmax / 255.0;
	r->nhdr = 0;
}

/* Feeds n bytes of Ghostscript's output. */
static void cov_feed(struct cov_reader *r, const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n && !r->bad) {
		if (r->left == 0) { /* header bytes, up to ENDHDR */
			if (r->nhdr >= COV_MAX_HEADER) {
				r->bad = "Ghostscript's render has no readable header";
				return;
			}
			r->hdr[r->nhdr++] = (char)b[i++];
			r->hdr[r->nhdr] = '\0';
			if (r->nhdr >= 7 && strcmp(r->hdr + r->nhdr - 7, "ENDHDR\n") == 0)
				cov_start_page(r);
			continue;
		}
		for (; i < n && r->left > 0; i++, r->left--) {
			int v = b[i];

			if (v > r->pmax[r->k])
				r->pmax[r->k] = v;
			r->sum += v;
			if (++r->k == 4) {
				if (r->sum > r->tmax)
					r->tmax = r->sum;
				r->k = r->sum = 0;
			}
		}
		if (r->left == 0)
			cov_end_page(r);
	}
}

/* Reads the child's standard output into r and its standard error into
 * log (bounded) until both close.  0, or -1 past the deadline. */
static int cov_collect(int out, int err, gint64 deadline, struct cov_reader *r, GString *log)
{
	unsigned char buf[65536];
	struct pollfd pfd[2] = { { .fd = out, .events = POLLIN }, { .fd = err, .events = POLLIN } };

	while (pfd[0].fd >= 0 || pfd[1].fd >= 0) {
		gint64 left = (deadline - g_get_monotonic_time()) / 1000;
		int rc;

		if (left <= 0)
			return -1;
		rc = poll(pfd, 2, left > 60000 ? 60000 : (int)left);
		if (rc < 0 && errno != EINTR)
			return -1;
		for (int i = 0; rc > 0 && i < 2; i++) {
			ssize_t n;

			if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(pfd[i].fd, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				pfd[i].fd = -1;
			} else if (i == 0) {
				cov_feed(r, buf, (size_t)n);
			} else if (log->len < COV_MAX_LOG) {
				g_string_append_len(log, (const char *)buf, n);
			}
		}
	}
	return 0;
}

/* Ghostscript's command line, NULL-terminated; caller frees with
 * g_strfreev. */
static char **cov_argv(const char *gs, const char *pdf, const char *icc, double dpi)
{
	GPtrArray *a = g_ptr_array_new();

	g_ptr_array_add(a, g_strdup(gs));
	g_ptr_array_add(a, g_strdup("-q"));
	g_ptr_array_add(a, g_strdup("-dSAFER"));
	g_ptr_array_add(a, g_strdup("-dBATCH"));
	g_ptr_array_add(a, g_strdup("-dNOPAUSE"));
	g_ptr_array_add(a, g_strdup("-sstdout=%stderr")); /* only the raster on the pipe */
	g_ptr_array_add(a, g_strdup("-sDEVICE=pamcmyk32"));
	g_ptr_array_add(a, g_strdup_printf("-r%g", dpi));
	g_ptr_array_add(a, g_strdup("-dUseTrimBox"));
	if (icc) {
		g_ptr_array_add(a, g_strdup_printf("--permit-file-read=%s", icc));
		g_ptr_array_add(a, g_strdup_printf("-sOutputICCProfile=%s", icc));
		g_ptr_array_add(a, g_strdup("-dRenderIntent=1"));
		g_ptr_array_add(a, g_strdup("-dBlackPtComp=1"));
	}
	g_ptr_array_add(a, g_strdup("-sOutputFile=-"));
	g_ptr_array_add(a, g_strdup("-f"));
	g_ptr_array_add(a, g_strdup(pdf));
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

int cov_render(const char *pdf, const char *shown, const char *icc, double dpi,
	       struct cov_page **pages, struct msg *m)
{
	char *gs = g_find_program_in_path("gs");
	char **argv = NULL, **env = NULL;
	struct cov_reader *r = xcalloc(1, sizeof *r);
	GString *log = g_string_new(NULL);
	GError *err = NULL;
	GPid pid = 0;
	int out = -1, errfd = -1, st = 0, rc = -1, late;

	*pages = NULL;
	if (!gs) {
		msg_at(m, M_COV_FAILED, shown, 0, 0, "Ghostscript ('gs') is not in PATH: "
		       "install the Debian package ghostscript");
		goto out;
	}
	argv = cov_argv(gs, pdf, icc, dpi);
	env = g_environ_unsetenv(g_get_environ(), "GS_OPTIONS"); /* no switches from outside */
	if (!g_spawn_async_with_pipes(NULL, argv, env,
				      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
				      NULL, NULL, &pid, NULL, &out, &errfd, &err)) {
		msg_at(m, M_COV_FAILED, shown, 0, 0, err->message);
		goto out;
	}
	out_track_child(pid);
	late = cov_collect(out, errfd, g_get_monotonic_time() + COV_TIMEOUT * G_USEC_PER_SEC, r, log);
	if (late)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	out_untrack_child(pid);
	g_strchomp(log->str);
	if (late) {
		char why[96];

		snprintf(why, sizeof why, "Ghostscript took longer than %d s and was stopped", COV_TIMEOUT);
		msg_at(m, M_COV_FAILED, shown, 0, 0, why);
	} else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || r->bad || r->left) {
		GString *why = g_string_new(r->bad ? r->bad : "Ghostscript failed");

		if (log->len)
			g_string_append_printf(why, ": %s", log->str);
		msg_at(m, M_COV_FAILED, shown, 0, 0, why->str);
		g_string_free(why, TRUE);
	} else {
		*pages = r->pages;
		r->pages = NULL;
		rc = (int)r->npages;
	}
out:
	if (out >= 0)
		close(out);
	if (errfd >= 0)
		close(errfd);
	if (err)
		g_error_free(err);
	g_string_free(log, TRUE);
	g_strfreev(env);
	g_strfreev(argv);
	g_free(gs);
	free(r->pages);
	free(r);
	return rc;
}
