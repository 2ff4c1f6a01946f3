/* qpdfobj: small helpers over libqpdf's object handles, shared by the
 * modules that read PDF objects (post.c, preflight.c). */
#ifndef PLAQUETTE_QPDFOBJ_H
#define PLAQUETTE_QPDFOBJ_H

#include <qpdf/qpdf-c.h>

/* Reads a 4-number array into r as x0 y0 x1 y1 with x0 <= x1, y0 <= y1.
 * Returns 0, or -1 when `a` is not such an array. */
int qpdfobj_rect(qpdf_data q, qpdf_oh a, double r[4]);

#include <stddef.h>

/* The values of dictionary d (none when d is not one), in *n.  qpdf has
 * one key iterator per document, so whoever recurses copies the values
 * out first.  Caller frees. */
qpdf_oh *qpdfobj_dict_values(qpdf_data q, qpdf_oh d, size_t *n);

/* A set of object numbers (unsorted: a walk meets few).  Zeroed is empty;
 * free v after. */
struct qpdfobj_ids {
	int *v;     /* the numbers */
	size_t n;   /* how many */
	size_t cap; /* allocated */
};

/* Adds id to the set; whether it was there already.  Direct objects
 * (id 0) have no identity and are never "seen". */
int qpdfobj_seen(struct qpdfobj_ids *s, int id);

#endif
