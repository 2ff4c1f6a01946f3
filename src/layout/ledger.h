/* ledger: the layout's last check that every paragraph's text stands on
 * the pages exactly once.
 *
 * Each set line on a page (a DL_TEXT item of a paragraph block) shows a
 * byte range of its block's text; a paragraph's lines, wherever they
 * stand, must tile its text from the first byte to the last, with nothing
 * between them but white space.  A range no line shows is text lost; two
 * lines showing the same bytes are text printed twice.  Either is a fault
 * of the layout, not of the document: it is told at the paragraph's
 * source line and the run fails (exit 3), so that no such PDF is written.
 */
#ifndef PLAQUETTE_LAYOUT_LEDGER_H
#define PLAQUETTE_LAYOUT_LEDGER_H

#include "block.h"
#include "msg.h"
#include "page.h"

/* Checks l's pages against the blocks they were laid out from; returns 0,
 * or -1 after telling each paragraph whose text is not placed once. */
int ledger_check(const struct layout *l, const struct block_list *bl, const char *file,
		 struct msg *m);

#endif
