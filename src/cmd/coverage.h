/* coverage: the ink a PDF's pages put on the press plates, as a RIP
 * separates them.
 *
 * Ghostscript (a child process without a shell, tracked by the output
 * guard, stopped after COV_TIMEOUT seconds) renders every page's TrimBox
 * at `dpi` into its separations — Cyan, Magenta, Yellow, Black and one
 * plate per spot ink (its psdcmyk device: 8-bit planes, the spot names in
 * the file) — through the CMYK profile `icc` when given (relative
 * colorimetric with black point compensation, as the output intent asks;
 * DeviceCMYK is taken as already in that condition and printed as is),
 * else through Ghostscript's default.  The pages go into scratch files
 * named from `prefix`, COV_CHUNK pages a run, each read and removed at
 * once.  Per page: the highest ink of each plate on one pixel and the
 * highest total of all plates on one pixel.
 */
#ifndef PLAQUETTE_COVERAGE_H
#define PLAQUETTE_COVERAGE_H

#include "msg.h"

#define COV_TIMEOUT 120 /* seconds Ghostscript may take for one run */
#define COV_CHUNK 16    /* pages a run (each page file is tracked for signals) */
#define COV_MAX_PLATES 20 /* process plates and spot inks on one page */
#define COV_MAX_PIXELS (16000L * 16000L) /* bound on one rendered page */

/* One page's separations. */
struct cov_page {
	int nplates;                        /* 4 process plates, then spots */
	char name[COV_MAX_PLATES][64];      /* "Cyan" … "PANTONE 7691 C" */
	double plate[COV_MAX_PLATES];       /* the most ink of each on one pixel, 0..1 */
	double total;                       /* the most ink of all on one pixel, 0..nplates */
};

/* Renders the npages pages of the PDF at `pdf` (`shown` names it in
 * messages).  Returns 0 and *pages (npages entries, caller frees), or -1
 * after reporting (exit 3). */
int cov_render(const char *pdf, const char *shown, const char *icc, double dpi, int npages,
	       const char *prefix, struct cov_page **pages, struct msg *m);

#endif
