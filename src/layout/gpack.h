/* gpack: the glyphs of set lines kept packed while nothing reads them.
 *
 * A long document's paragraphs are all set before its first page is
 * drawn (the Sommaire's passes pour every block), and their glyph strings
 * (PangoGlyphInfo and a cluster: 24 bytes a glyph) were most of the
 * layout's memory.  The pour packs the glyph strings of the paragraphs it
 * has left behind into a few bytes a glyph (glyph, advance, cluster step,
 * offsets and attributes only when they are not the usual ones: nothing
 * is lost) and frees the arrays; whoever reads the glyphs again — the
 * pour placing a line once more, the PDF writer drawing a page — unpacks
 * them first, and may pack them again after (the packed bytes are kept,
 * so packing again only frees the arrays).
 *
 * A packed glyph string keeps its num_glyphs; its glyphs and log_clusters
 * are NULL and its space is -1 - the offset of its bytes in the store
 * (pango_glyph_string_free frees it as ever).  The store must outlive the
 * glyph strings packed into it while they are read.
 */
#ifndef PLAQUETTE_GPACK_H
#define PLAQUETTE_GPACK_H

#include <stddef.h>

#include "para.h"
#include "run.h"

struct gpack_store;

struct gpack_store *gpack_store_new(void);
void gpack_store_free(struct gpack_store *s);

/* Whether one of runs [0, n) is packed (its glyphs cannot be read). */
int gpack_packed(const struct glyph_run *r, int n);

/* Packs (or packs again) the glyph strings of runs [0, n). */
void gpack_pack_runs(struct gpack_store *s, const struct glyph_run *r, int n);
/* Unpacks those of runs [0, n) that are packed. */
void gpack_unpack_runs(struct gpack_store *s, const struct glyph_run *r, int n);

/* The same for every line of p. */
void gpack_pack_para(struct gpack_store *s, const struct para *p);
void gpack_unpack_para(struct gpack_store *s, const struct para *p);

/* Bytes the store holds, and glyphs packed into it (for the notes). */
size_t gpack_store_bytes(const struct gpack_store *s, size_t *glyphs);

#endif
