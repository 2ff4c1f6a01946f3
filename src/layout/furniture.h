/* furniture: what a page carries besides the text poured into it.
 *
 * Grounds and bands of a page template, the blank pages that pad the count
 * to the sheet's multiple, the folios, the slug line of the press edition,
 * and the small one-line paragraphs (folios, bullets, "p. 9") the layout
 * shapes itself, each once however often it is drawn.
 */
#ifndef PLAQUETTE_LAYOUT_FURNITURE_H
#define PLAQUETTE_LAYOUT_FURNITURE_H

#include "state.h"

/* A one-line paragraph the layout makes itself. */
struct furn_small {
	struct inl inl;                 /* its text */
	struct para *para;              /* set once, drawn as often as needed */
};

/* The small paragraph of `text` in style st (NULL if it cannot be set). */
const struct furn_small *furn_small(struct flow *f, const struct style *st, const char *text,
				    const char *lang, uint32_t color, long line);
/* The same, broken into lines at `width` (a heading the layout composes). */
const struct furn_small *furn_small_at(struct flow *f, const struct style *st, const char *text,
				       const char *lang, long line, int width);
void furn_small_free(gpointer data);

/* The template's full-bleed ground and top band on the current page. */
void furn_grounds(struct flow *f, const struct style_template *t);
/* Adds the padding pages that make the count a multiple of the sheet's
 * page_multiple, counting `more` pages still to come; says so.  Returns
 * how many, or -1. */
int furn_pad(struct flow *f, int more);
/* Folios on every page whose template has a footer (not on blanks). */
void furn_footers(struct flow *f);
/* The slug line of every page, drawn by pdf.c in the marks area. */
void furn_slugs(struct flow *f);

#endif
