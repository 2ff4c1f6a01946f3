/* figalt: gives the Figures of Cairo's structure tree their /Alt.
 *
 * Cairo 1.16 writes a Figure structure element for each tagged picture but
 * takes no attributes for it; post.c calls this on the document it
 * rewrites with the text alternatives in the order the Figures were drawn
 * (page by page, item by item), which is the order Cairo lists them in.
 */
#ifndef PLAQUETTE_FIGALT_H
#define PLAQUETTE_FIGALT_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

/* Sets /Alt on the Figures of q's structure tree, in order, from alts
 * (UTF-8).  Returns how many Figures were found (the caller compares it
 * with n). */
size_t figalt_apply(qpdf_data q, const char *const *alts, size_t n);

#endif
