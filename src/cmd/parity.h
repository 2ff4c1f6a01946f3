/* parity: checks that a translation has everything its source edition has.
 *
 * `plaquette check --against SOURCE.xml TRANSLATION.xml` reads both
 * editions (schema-validated) and compares them by element id:
 *   - elements with an id missing from the translation, or extra in it
 *     (errors), or in another order (warning);
 *   - per id, the structure of what it holds (p, list items, refs…) in
 *     order (error at the first difference, by path and line);
 *   - ref/@project and ref/@years that differ (errors: never translated),
 *     link/@href that differ (warnings: an address may be localised);
 *   - text nodes with more than PARITY_MIN_WORDS words in lower case
 *     identical in both (warnings: left untranslated?).  Short text and
 *     text made of names (capitalised words, acronyms, lists of them)
 *     never counts, nor text in an element whose xml:lang differs from
 *     its edition's (a brand, a quotation).
 * Then one summary note.  The exit status follows the worst message:
 * 1 when something is missing, 0 with warnings only (1 with --strict).
 */
#ifndef PLAQUETTE_PARITY_H
#define PLAQUETTE_PARITY_H

#include "doc.h"
#include "msg.h"

/* Text with more lower-case words than this must differ from the source's. */
#define PARITY_MIN_WORDS 3

/* What the comparison found, one counter per kind of message. */
struct parity_counts {
	int compared;      /* elements with an id present in both */
	int missing;       /* ids of the source absent from the translation */
	int extra;         /* ids of the translation absent from the source */
	int order;         /* ids in another order */
	int structure;     /* elements whose content differs in structure */
	int refs;          /* ref/@project or @years that differ */
	int links;         /* link/@href that differ */
	int untranslated;  /* text identical to the source */
};

/* Compares the translation `tr` with its source `src` (both read and
 * checked), reports every difference on m with the file and line of the
 * edition it concerns, then the summary.  Fills *c when c is not NULL.
 * Returns the number of errors reported. */
int parity_check(const struct doc *src, const struct doc *tr, struct parity_counts *c,
		 struct msg *m);

#endif
