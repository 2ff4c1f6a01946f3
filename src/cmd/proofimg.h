/* proofimg: what became of each picture between two editions, for
 * `plaquette diff`'s summary.
 *
 * Pictures are known by their file (the <image>'s src) and its content (a
 * SHA-256 of the bytes).  Each picture of the new edition is paired with
 * one of the old: the same file with the same content (preferably on the
 * same page: then it is unchanged, moved to another page, or moved or
 * resized on its page), else the same file name with new content
 * (replaced), else another picture whose box it overlaps on the same page
 * (replaced by another file); what is left is new or removed.
 */
#ifndef PLAQUETTE_PROOFIMG_H
#define PLAQUETTE_PROOFIMG_H

#include <glib.h>

#include "page.h"

/* One sentence per picture that changed ("\"photos/a.jpg\": moved from
 * p. 4 to p. 5"), in the new edition's order, then the removed ones.
 * Caller frees (g_ptr_array_free). */
GPtrArray *proofimg_compare(const struct layout *old, const struct layout *now);

#endif
