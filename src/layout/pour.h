/* pour: blocks into the columns of the pages, one after the other.
 *
 * Sets each paragraph at the width of the frame it goes into (the layout
 * keeps the setting; the block is not touched), places its lines at the
 * pour's position — whole, or split over columns and pages with widows
 * and orphans honoured — takes the breaks and template changes blocks ask
 * for, keeps a title with what follows, spans titles over the columns at
 * a page top, and makes one whole pour of the document.
 */
#ifndef PLAQUETTE_LAYOUT_POUR_H
#define PLAQUETTE_LAYOUT_POUR_H

#include "frame.h"

/* The line-breaking options of style st in `lang` at `width`; the sheet's
 * <language> hyphenation fragments win over the ones given here. */
struct para_opts pour_para_opts(const struct style *st, const char *lang, int width);
/* Sets block k for frame fr (cached while the measure stays the same);
 * NULL if it cannot be set. */
struct para *pour_set(struct flow *f, const struct block *k, struct frame fr);
/* Line `foot` of k's setting ends with a hyphen at a column's foot (the
 * last line of a right-hand page when `turn`): k set again at the same
 * measure with that hyphen made dear by its language's rule
 * (src/compose/para.c), its lines before `from` kept, and made k's
 * setting.  `lines` > 0: only a setting of that many lines is taken.
 * Returns it, or NULL when the rule has none better. */
struct para *pour_foot(struct flow *f, const struct block *k, int from, int foot, int turn,
		       int lines);
/* Height of lines [from, to) of k when placed, with its space before
 * (unless at a column top) and after (when the block ends there).  k must
 * have been set. */
int pour_part_height(const struct flow *f, const struct block *k, int from, int to, int at_top);

/* Shrink-to-fill (a picture rule's shrink-to-fill= share): when blocks
 * first..last (a figure, or one picture) are `over` too tall for what is
 * left of the column and moving them on would leave the page under the
 * sheet's min-fill, the first picture among them whose rule allows it is
 * set that much shorter (its width alike), no smaller than its share.
 * Returns whether one was; pour_shrink_clear gives them their own size
 * again (where they are placed anew). */
int pour_shrink_to_fill(struct flow *f, size_t first, size_t last, int over);
void pour_shrink_clear(struct flow *f, size_t first, size_t last);
/* The baseline grid (a style with grid="yes"): where k's first line box
 * goes when it would start at y — y itself, or the next grid line below
 * it, grid lines being g0 + n * its leading (y, g0 from the column's
 * top). */
int pour_snap(const struct block *k, int y, int g0);
/* The grid line of the current column: the text area's top. */
int pour_grid0(const struct flow *f);
/* Where the pour stands after lines [from, to) of k placed from y, their
 * first line snapped to the grid through g0 (pour_snap); as
 * pour_part_height for a block off the grid. */
int pour_part_end(const struct flow *f, const struct block *k, int from, int to, int at_top,
		  int y, int g0);
/* Emits lines [from, to) of k in frame fr at the pour's position, and
 * moves the position below them. */
void pour_emit(struct flow *f, struct frame fr, const struct block *k, int from, int to);
/* A group being placed over several columns: called when its text leaves
 * a column and when it goes on in the next one (group.c closes and opens
 * the card's ground there and heads the continuation). */
struct pour_group {
	void (*leave)(struct flow *f, struct pour_group *g);
	int (*enter)(struct flow *f, struct pour_group *g); /* -1 on failure */
	int foot;  /* kept free at each column's foot: what closes the group
		    * below its text there (its ground's padding) */
};

/* Places k from line `from` in the pour's columns, `inset` in from each
 * side of the column (a card's ground), splitting over columns as needed;
 * g (or NULL) hears of each column change.  -1 if it cannot be placed. */
int pour_place_in(struct flow *f, const struct block *k, int from, int inset,
		  struct pour_group *g);
/* pour_place_in without a group. */
int pour_place_from(struct flow *f, const struct block *k, int from, int inset);
/* Places block *i, or the group it starts (*i moves to the group's last
 * block).  Reports and fails when nothing can hold it. */
int pour_place_one(struct flow *f, size_t *i);
/* One pour of every block, padding included. */
int pour_all(struct flow *f);

#endif
