/* report: the typographic report of a laid-out document.
 *
 * Sums what para.c measured of each paragraph (lines, hyphens, loose and
 * tight lines, adjustment ratios, overfull lines) and what the display
 * list shows of widows and orphans, and prints it as a table.
 */
#ifndef PLAQUETTE_REPORT_H
#define PLAQUETTE_REPORT_H

#include <stdio.h>

#include "block.h"
#include "page.h"

struct report {
	int lines, justified, hyphenated, hyphen_run;
	int loose, tight, overfull;   /* loose and tight: among justified lines */
	int adjusted;
	double ratio_sum, worst_ratio;
	int widows, orphans;          /* paragraph ends or starts left alone in a column */
	int missing_glyphs;
};

void report_make(struct report *r, const struct block_list *bl, const struct layout *l);
void report_print(FILE *out, const char *file, const struct report *r);

#endif
