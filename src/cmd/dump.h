/* dump: text forms of the stages, the oracle of the golden tests.
 *
 * dump_layout() prints one line per display-list item (page, kind,
 * position in points, source line, text); dump_text() prints the text of
 * every paragraph in reading order, as the renderer composed it.
 */
#ifndef PLAQUETTE_DUMP_H
#define PLAQUETTE_DUMP_H

#include <stdio.h>

#include "block.h"
#include "page.h"

void dump_layout(FILE *out, const struct layout *l);
void dump_text(FILE *out, const struct block_list *bl);

#endif
