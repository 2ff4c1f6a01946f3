/* picture: how one <image> is to be placed — its style-sheet rules by
 * context, overridden by the element's own attributes.
 *
 * The sheet's <picture name="CONTEXT-image"> (then "image") gives width
 * (a length or a share), height, fit, focus, place, space before and
 * after, a logo's minimum width, alignment and shrink-to-fill share; the element's width,
 * height, fit, focus, place, span and slot attributes override them.
 */
#ifndef PLAQUETTE_PICTURE_H
#define PLAQUETTE_PICTURE_H

#include "doc.h"
#include "image.h"
#include "msg.h"
#include "style.h"

enum picture_place {
	PICTURE_HERE,        /* in the text, where it stands */
	PICTURE_BACKGROUND,  /* behind the whole page it falls on, to the bleed */
	PICTURE_TOP,         /* a float: at the top of its column (or page, when it
			      * spans), there or in the next one with room */
	PICTURE_BOTTOM,      /* a float: at the foot of its column (or page) */
};

struct picture {
	const struct image *image;  /* the loaded file (NULL: it did not load) */
	const struct node *src;     /* the <image> element */
	const struct node *figure;  /* the <figure> around it, or NULL */
	int width;                  /* Pango units; 0 = `share` of the measure */
	double share;               /* when width is 0: of the measure it stands in (a
				     * column, a card's column) */
	int height;                 /* 0 = from the picture's shape */
	int cover;                  /* fit="cover": the box filled, cropped */
	double fx, fy;              /* focus, 0..1 */
	int focus;                  /* the focus was given (else the centre) */
	enum picture_place place;
	int span;                   /* across every column of the page (a float: at
				     * the page's top or foot) */
	int space_before, space_after;
	int min_width;              /* a logo's minimum width, 0 = none */
	double shrink;              /* shrink-to-fill: the least share of its size it
				     * may be set at to stay where it stands, when
				     * moving it on would leave the page under the
				     * sheet's min-fill (1 = never) */
	int align;                  /* in a wider measure: 0 left, 1 centre, 2 right */
	const char *slot;           /* a page template's named slot, or NULL */
	const char *alt;            /* text alternative; NULL = decorative */
	long line;                  /* the <image>'s line */
	long anchor_line;           /* the line of the element just before it (0 = none) */
};

/* Every <image> of d that names a slot, resolved (context: the slot's
 * name, so the sheet's "photo-image" rule applies), in document order.
 * *n gets their number; caller frees the array.  Images that did not
 * load are left out; bad values are reported and counted in *errors. */
struct picture *picture_slotted(const struct doc *d, const struct style_sheet *s,
				const struct image_set *set, size_t *n, int *errors,
				struct msg *m);

/* Resolves the placement of <image> n in context ctx ("city",
 * "editorial"…).  Returns 0, or -1 after reporting a bad value (of the
 * sheet's, at its line; of the element's, at the element's). */
int picture_resolve(struct picture *p, const struct node *n, const char *ctx,
		    const struct style_sheet *s, const struct image_set *set, const char *file,
		    struct msg *m);

/* The box of p for a measure (Pango units): its width and height. */
void picture_size(const struct picture *p, int measure, int *w, int *h);

#endif
