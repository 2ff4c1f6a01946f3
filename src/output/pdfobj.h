/* pdfobj: the one writer of PDF objects as text, for whatever writes PDF
 * syntax itself (the incremental update of pdfupdate.c; post.c builds its
 * rectangles with it too, through qpdf_oh_parse).  Strings, names and
 * URIs go through pdfstr.h, so that the escaping rules live in one place.
 *
 * Numbers are written as PDF wants them: an integer when whole, else a
 * real with at most 4 decimals (1/10000 pt is far below what any RIP
 * resolves), never an exponent.
 */
#ifndef PLAQUETTE_PDFOBJ_H
#define PLAQUETTE_PDFOBJ_H

#include <stddef.h>
#include <time.h>

#include "pdfstr.h"

/* A number, as above. */
void pdfobj_num(struct pdfstr *b, double v);

/* "[x0 y0 x1 y1]". */
void pdfobj_rect(struct pdfstr *b, const double r[4]);

/* "N 0 R". */
void pdfobj_ref(struct pdfstr *b, int num);

/* A key: a new line, then "/name " (name given without its slash,
 * escaped by pdfstr_name). */
void pdfobj_key(struct pdfstr *b, const char *name);

/* A date string "(D:YYYYMMDDHHmmSSZ)" for t in UTC; a time gmtime cannot
 * represent becomes the epoch rather than garbage. */
void pdfobj_date(struct pdfstr *b, time_t t);

/* The same date in `fmt` (strftime), for XMP and the date strings qpdf
 * writes. */
void pdfobj_date_fmt(time_t t, const char *fmt, char *buf, size_t n);

/* "<hex>" of n bytes. */
void pdfobj_hex(struct pdfstr *b, const unsigned char *d, size_t n);

/* "N 0 obj\n" and "\nendobj\n" around an indirect object. */
void pdfobj_begin(struct pdfstr *b, int num);
void pdfobj_end(struct pdfstr *b);

#endif
