/* group: keep-together groups — cards — placed whole.
 *
 * A group is a run of blocks (a city card) kept in one column on its
 * ground; a card whose style asks for columns sets its spanning blocks
 * (name, initiative) across the card and the rest in 1 to 4 balanced
 * columns.  A group taller than any column is split where it stands, with
 * a warning, keeping its ground and its columns; each continuation opens
 * with the card's name and the "continued" label.
 */
#ifndef PLAQUETTE_LAYOUT_GROUP_H
#define PLAQUETTE_LAYOUT_GROUP_H

#include "state.h"

/* Height the group starting at block i needs where it would be placed
 * next (for keeping a title with it). */
int group_need(struct flow *f, int i);
/* The same, but for a group no column of the current page holds whole
 * (it splits where it stands): the room its split asks for there, its
 * name and two lines of what follows on its ground. */
int group_head_need(struct flow *f, int i);
/* Places the group starting at i.  Returns the index of its last block,
 * or -1. */
int group_place(struct flow *f, int i);
/* When the current column ends after a stack of whole cards (the next one
 * goes on in the next column, or the section ends): bottom-aligns the
 * stack by adding the same extra space to each gap between its cards, at
 * most the cards' spread-max each (the rest stays at the column's foot),
 * in whole steps of group_spread_step.  Nothing in a balancing trial. */
void group_spread(struct flow *f);

#endif
