/* pdfscan: reads back, in place, the PDF Cairo has just written for this
 * run, the little an incremental update needs: the cross-reference table,
 * the trailer, one object's value, a dictionary's entries, an array's
 * items, a reference, a number.
 *
 * Only ever given the file this program wrote a moment before (Cairo 1.16
 * writes one classic xref table, no object streams): any other PDF, the
 * user's, is read with qpdf (post.c, preflight.c).  Still, every walk is
 * bounded by the bytes at hand and by PDFSCAN_MAX_DEPTH, and anything it
 * does not expect is refused (-1), never guessed.
 *
 * A value is named by its span of bytes in the file: what an update copies
 * unchanged is copied byte for byte.
 */
#ifndef PLAQUETTE_PDFSCAN_H
#define PLAQUETTE_PDFSCAN_H

#include <stddef.h>

#define PDFSCAN_MAX_DEPTH 32      /* nesting of arrays and dictionaries read */
#define PDFSCAN_MAX_OBJECTS 10000000 /* the xref table's /Size */

/* Bytes [at, end) of the file. */
struct pdfscan_span {
	size_t at;
	size_t end;
};

/* The file and what its last cross-reference section says. */
struct pdfscan {
	const unsigned char *d; /* the whole file (not owned) */
	size_t n;               /* its length */
	size_t *off;            /* offset of object i's "i 0 obj", 0 = not in use; xmalloc'd */
	int size;               /* the trailer's /Size: object numbers are < size */
	size_t startxref;       /* where the xref table starts (the update's /Prev) */
	int root;               /* the catalog's object number */
	int info;               /* the Info dictionary's object number, 0 = none */
};

/* Reads the xref table and the trailer of d[0..n).  0, or -1 (the file is
 * not what Cairo writes); pdfscan_done() in both cases. */
int pdfscan_init(struct pdfscan *s, const unsigned char *d, size_t n);
void pdfscan_done(struct pdfscan *s);

/* The value of object `num` (after "num 0 obj").  0, or -1. */
int pdfscan_obj(const struct pdfscan *s, int num, struct pdfscan_span *v);

/* Object `num`'s stream: its dictionary and its raw data (/Length
 * bytes, direct or indirect).  0, or -1 when it is no stream. */
int pdfscan_stream(const struct pdfscan *s, int num, struct pdfscan_span *dict,
		   struct pdfscan_span *data);

/* The next entry of dictionary `dict` from *pos (0 to start): its key
 * (the name, with its '/') and value.  1, 0 at the end, -1 when malformed. */
int pdfscan_entry(const struct pdfscan *s, struct pdfscan_span dict, size_t *pos,
		  struct pdfscan_span *key, struct pdfscan_span *val);

/* dict's value for `key` ("/Name").  0, or -1 when absent or malformed. */
int pdfscan_key(const struct pdfscan *s, struct pdfscan_span dict, const char *key,
		struct pdfscan_span *val);

/* The next item of array `a` from *pos (0 to start).  1, 0 at the end, -1. */
int pdfscan_item(const struct pdfscan *s, struct pdfscan_span a, size_t *pos,
		 struct pdfscan_span *v);

/* v as "N 0 R": N, else -1. */
int pdfscan_ref(const struct pdfscan *s, struct pdfscan_span v);

/* v when it is a reference, resolved (one level), else v itself.  0, or -1. */
int pdfscan_resolve(const struct pdfscan *s, struct pdfscan_span v, struct pdfscan_span *out);

/* v as a number.  0, or -1. */
int pdfscan_num(const struct pdfscan *s, struct pdfscan_span v, double *x);

/* Whether v is the name `name` ("/Name"); a dictionary; an array. */
int pdfscan_is_name(const struct pdfscan *s, struct pdfscan_span v, const char *name);
int pdfscan_is_dict(const struct pdfscan *s, struct pdfscan_span v);
int pdfscan_is_array(const struct pdfscan *s, struct pdfscan_span v);

#endif
