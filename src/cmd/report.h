/* report: the typographic report of a laid-out document.
 *
 * Sums what para.c measured of each paragraph (lines, hyphens, loose and
 * tight lines, adjustment ratios, word gaps as drawn, letter spacing and
 * glyph expansion, overfull lines) and what the display
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
	/* what a reader sees: each justified line's mean word gap over the
	 * natural space of its font, and beside it letter spacing and glyph
	 * expansion (tests/typo-measure.py measures the gaps from the PDF) */
	int gapped, gap_loose, gap_over2;
	double gap_sum, worst_gap;
	double track_sum, track_max, expand_sum, expand_max;
	int widows, orphans;          /* paragraph ends or starts left alone in a column */
	int missing_glyphs;
	double hyph_ms;               /* hyphenation dictionaries' set-up (filled by the caller) */
};

void report_make(struct report *r, const struct block_list *bl, const struct layout *l);
void report_print(FILE *out, const char *file, const struct report *r);

#endif
