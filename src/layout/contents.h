/* contents: the Sommaire's page numbers, and the fix-point that settles them.
 *
 * A Sommaire entry prints the page its section starts on, which the pour
 * only knows afterwards; the document is poured again, silently, with the
 * numbers of the pass before, until they stop moving (at most
 * TOC_MAX_PASSES), then once more with messages on.
 */
#ifndef PLAQUETTE_LAYOUT_CONTENTS_H
#define PLAQUETTE_LAYOUT_CONTENTS_H

#include "frame.h"

enum { TOC_MAX_PASSES = 5 };

/* The entry k's leader and "p. N", right-aligned on its last line in frame
 * fr (its first line's top at `top`), and a link over the entry. */
void toc_number(struct flow *f, struct frame fr, const struct block *k, int top);

/* Room an entry's lines must leave beyond the style's number-width so
 * that its page number ("pág. 14", two digits) and a leader gap never
 * touch the title's last word; 0 when number-width is enough, or when
 * they are wider than the whole measure (toc_number then fails the run). */
int toc_extra(struct flow *f, const struct block *k, int measure);

/* Pours until the Sommaire settles, then the pour that speaks (messages
 * to f->m).  Returns the last pour's result (0, or -1 with f->failed). */
int toc_settle(struct flow *f);

#endif
