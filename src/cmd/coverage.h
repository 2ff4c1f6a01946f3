/* coverage: the ink a PDF's pages put on the press plates, as a RIP
 * renders them.
 *
 * Ghostscript (a child process without a shell, tracked by the output
 * guard, stopped after COV_TIMEOUT seconds) renders every page's TrimBox
 * at `dpi` into 8-bit CMYK (its pamcmyk32 device, read from a pipe one
 * page at a time, never kept whole), through the CMYK profile `icc` when
 * given (relative colorimetric with black point compensation, as the
 * output intent asks), else through Ghostscript's default.  Per page: the
 * highest ink of each process plate on one pixel and the highest total of
 * the four.  Spot inks are rendered as their process alternates.
 */
#ifndef PLAQUETTE_COVERAGE_H
#define PLAQUETTE_COVERAGE_H

#include "msg.h"

#define COV_TIMEOUT 120 /* seconds Ghostscript may take for a whole file */
#define COV_MAX_PIXELS (16000L * 16000L) /* bound on one rendered page */

/* One page's ink, 0..1 per plate, 0..4 in total. */
struct cov_page {
	double plate[4]; /* the most C, M, Y, K on one pixel */
	double total;    /* the most C+M+Y+K on one pixel */
};

/* Renders the PDF at `pdf` (`shown` names it in messages).  Returns the
 * pages rendered (*pages, caller frees), or -1 after reporting (exit 3). */
int cov_render(const char *pdf, const char *shown, const char *icc, double dpi,
	       struct cov_page **pages, struct msg *m);

#endif
