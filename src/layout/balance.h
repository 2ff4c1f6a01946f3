/* balance: columns that end level.
 *
 * A card's body is cut into columns of equal height (bal_cut); a
 * section's last page of several columns is poured again into the
 * shortest columns that hold it (bal_page), by trial pours that never
 * leave the page.
 */
#ifndef PLAQUETTE_LAYOUT_BALANCE_H
#define PLAQUETTE_LAYOUT_BALANCE_H

#include "state.h"

/* The most columns a card is cut into (the sheet's columns= is checked 1 to 4). */
#define BAL_MAX_COLUMNS 4

/* One line of a card's body: the block and the line of it. */
struct bal_slot {
	const struct block *k;
	int line;
};

/* From slot `from`, how far one column no taller than `limit` reaches:
 * the end of the last slot it holds whole, never leaving fewer than a
 * paragraph's orphans/widows on either side (`from` when none fits). */
int bal_fill(const struct flow *f, const struct bal_slot *sl, int from, int n, int limit);

/* Cuts the n slots into `cols` (1 to 4) balanced columns: the lowest
 * height at which the columns, each filled in turn, hold them all.
 * cut[c] is the first slot of column c (cut[0] = 0, cut[cols] = n; a
 * column may be empty).  A column that ends on a hyphen inside a paragraph
 * (wholly among the slots) that goes on in the next has that paragraph
 * set again with the sheet's column-foot cost on that line, kept when its
 * lines are as many (the slots and the cut stay good).  Returns the
 * tallest column's height. */
int bal_cut(struct flow *f, const struct bal_slot *sl, int n, int cols, int *cut);

/* When a section ends (block `end` is next) on a page of several
 * columns, pours that page again into the shortest columns that hold it
 * (to 2 pt).  Never on a padding page. */
void bal_page(struct flow *f, size_t end);

/* When a section's last page (block `end` is next) is filled under the
 * sheet's min-fill (fill.h), pours its last two pages again with the
 * first one's columns shortened, so that both carry about half (or so
 * that all of it goes on the first one, filled to min-fill: a section
 * opens its region below the shortened columns).  Cards stay whole (a
 * shorter column never splits a card that fits a whole one); pages that
 * open inside a split card are left as they are.  The caller balances
 * the last page's columns after (bal_page). */
void bal_two(struct flow *f, size_t end);

#endif
