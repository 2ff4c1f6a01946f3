/* balance: columns that end level.
 *
 * A card's body is cut into columns of equal height (bal_slots); a
 * section's last page of several columns is poured again into the
 * shortest columns that hold it (bal_page), by trial pours that never
 * leave the page.
 */
#ifndef PLAQUETTE_LAYOUT_BALANCE_H
#define PLAQUETTE_LAYOUT_BALANCE_H

#include "state.h"

/* One line of a card's body: the block and the line of it. */
struct bal_slot {
	const struct block *k;
	int line;
};

/* Where to cut the n slots in two balanced columns: the slot that starts
 * column 2, never leaving fewer than the widows/orphans of a paragraph on
 * either side.  *height receives the taller column's height. */
int bal_slots(const struct flow *f, const struct bal_slot *sl, int n, int *height);

/* When a section ends (block `end` is next) on a page of several
 * columns, pours that page again into the shortest columns that hold it
 * (to 2 pt).  Never on a padding page. */
void bal_page(struct flow *f, size_t end);

/* When a section's last page (block `end` is next) is filled under the
 * sheet's min-fill, pours its last two pages again with the first one's
 * columns shortened, so that both carry about half.  The caller balances the last
 * page's columns after (bal_page). */
void bal_two(struct flow *f, size_t end);

#endif
