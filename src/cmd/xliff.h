/* xliff: the translator's round trip through XLIFF.
 *
 *   plaquette xliff export [--target-lang LANG] [--xliff 2.1|1.2] SOURCE.xml -o FILE.xlf
 *   plaquette xliff import [--source SOURCE.xml] FILE.xlf -o brochure.LANG.xml
 *
 * What is translatable comes from the ITS 2.0 rules of schema/its-rules.xml
 * (translateRule, withinTextRule), evaluated with libxml2's XPath: one unit
 * per element with text of its own, inline elements (withinText) as pc/ph
 * codes with their original markup in originalData, translatable
 * attributes as units of their own, the XML comment above an element as
 * its note.  Unit ids come from the document's ids and structure
 * ("riga.p-2", "credits.field-3.attr-label"), so they survive edits
 * elsewhere.  The size of each unit (Size and Length Restriction module,
 * slr:sizeRestriction in code points) is measured on the current layout:
 * the lines the element takes now plus the free lines below it in its
 * column, times the measure, over the average advance of the target
 * language's sample text in the element's font.
 *
 * Import merges the targets by id into a copy of the source (markup
 * rebuilt from the source's own elements, xml:lang set), reports units
 * whose source changed since the export and units left untranslated,
 * then runs the parity check and a fit check on the result.
 */
#ifndef PLAQUETTE_XLIFF_H
#define PLAQUETTE_XLIFF_H

#include "msg.h"

/* Runs "xliff ARGS…" (argv[0] is "xliff").  Reports on m; the exit
 * status follows from m. */
void xliff_main(int argc, char **argv, const char *home, struct msg *m);

#endif
