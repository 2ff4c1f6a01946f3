/* fit: how the text fits its pages, told to editors and translators.
 *
 * Measured on the display list alone (no second layout): per page and per
 * column of its template, how far down the lowest line or box reaches.
 * The report, in plain sentences with source lines:
 *   - pages used, and how many are blank (padding to a multiple of 4 and
 *     right-hand starts: flow warns M_PAGES_PADDED when it pads);
 *   - every page under the fill rule (the share of its text area its
 *     content covers, src/layout/fill.h, under the sheet's min-fill,
 *     FIT_EMPTY_PERCENT when it has none), named as
 *     the last page of its section where it is one (the place to cut or
 *     add text), else at the source line of its first text line;
 *   - every blank page with its cause (padding to the page multiple, a
 *     right-hand start at the line that asked for it), and any page that
 *     carries no text;
 *   - columns whose text runs past the bottom of their frame;
 *   - cards split across columns or pages (the layout warns M_SPLIT_CARD
 *     when it splits);
 *   - with a source edition (build --against SOURCE.xml), the page counts
 *     of both: "the English edition needs 17 pages where the French one
 *     needs 16".
 * Printed with --fit-report (and the comparison whenever --against is
 * given); a plain build says nothing more than before.
 */
#ifndef PLAQUETTE_FIT_H
#define PLAQUETTE_FIT_H

#include "build.h"

#define FIT_EMPTY_PERCENT 25  /* a column less full than this is "nearly empty" */
#define FIT_MAX_COLUMNS 4     /* templates have 1..4 columns */

/* One column of a page. */
struct fit_column {
	int fill;                  /* percent of its height down to the lowest line or box */
	int overflow;              /* how far that runs past the bottom (Pango units), 0 = fits */
	long line;                 /* source line of the lowest item */
};

/* One page, measured. */
struct fit_page {
	struct fit_column cols[FIT_MAX_COLUMNS]; /* left to right */
	int ncols;                 /* 0 = not measured (blank page, fixed frame) */
	int fill;                  /* percent of its text area its content covers (fill.h) */
	int cover[FIT_MAX_COLUMNS]; /* the same, per column */
	long line;                 /* source line of its first text line, 0 = it has none */
	const struct node *section_end; /* the section whose last page this is, or NULL */
};

/* A keep-together group (a card) drawn in more than one column or page. */
struct fit_split {
	long line;                 /* its source line */
	const char *what;          /* its element's name */
	int from, to;              /* first and last page numbers */
	int col_from, col_to;      /* first and last columns (1-based) on those pages */
};

/* Everything measured on one layout. */
struct fit {
	struct fit_page *pages;    /* one per page of the layout */
	int npages;                /* as many as the layout's */
	int blank;                 /* blank pages */
	int nearly_empty;          /* pages under the fill rule */
	int overflows;             /* columns that run past their frame */
	struct fit_split *splits;  /* groups split across columns or pages, in document order */
	size_t nsplits, cap;       /* how many, room for */
};

/* What to report. */
struct fit_opts {
	int detail;                  /* every finding, then the summary (--fit-report) */
	const char *against;         /* source edition to compare page counts with, or NULL */
	const struct build_opts *bo; /* how to build it (its pseudo-translation is turned off) */
};

/* Measures b's layout (b->layout must be set).  Caller frees. */
struct fit *fit_new(const struct build *b);
void fit_free(struct fit *f);

/* Reports on m what o asks for about the built document b. */
void fit_report(const struct build *b, const struct fit_opts *o, struct msg *m);

#endif
