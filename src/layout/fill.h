/* fill: how much of a page's text area its content covers.
 *
 * The measure of <page min-fill> (pour.c's page-if-filled break, balance.c's
 * last-page balancing, fit.c's report), and the one tests/fillmeasure.py
 * takes from the PDF: per column, the share of the text area's height
 * covered by text lines (each its font's ascent to descent, whatever its
 * length; a line across columns covers each) and pictures (their box,
 * whatever its width, as a line), and grounds (where they take at least
 * half the column's width); averaged over the page's columns.  A page
 * whose last section opened a region of another template below its own
 * columns (share-page) is measured in two bands, each in its own
 * template's columns, the bands' averages added (tests/fillmeasure.py
 * finds the bands from the PDF's lines: region_split).  White
 * between paragraphs does not count, nor do rules (a title's chevrons:
 * ornament, and broken ink the PDF's rendering shows as no ground),
 * footers and template grounds (items with no source line), the margins.
 */
#ifndef PLAQUETTE_LAYOUT_FILL_H
#define PLAQUETTE_LAYOUT_FILL_H

#include "page.h"
#include "style.h"

/* Fill of page p (number = its 1-based page number) in per mille, 0 when
 * its template is unknown or fixed; each column's in cols[] when not NULL
 * (as many as the template has, at most FILL_MAX_COLUMNS). */
#define FILL_MAX_COLUMNS 4
int fill_page(const struct style_sheet *s, const struct dl_page *p, int number, int *cols);

/* The lowest point of page p's content (what fill_page counts: text lines
 * to their descent, pictures, grounds; and rules) from its item `from` on, in Pango
 * units from the trim's top; 0 when there is none. */
int fill_bottom(const struct dl_page *p, size_t from);

/* Whether that fill reaches the sheet's min-fill (always when it is 0). */
int fill_enough(const struct style_sheet *s, const struct dl_page *p, int number);

#endif
