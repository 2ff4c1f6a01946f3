/* typo: the typographic rules of a language, applied to the text of a paragraph.
 *
 * In every language: ' becomes ’, straight double quotes become the
 * language's quotation marks, and a number keeps its unit on the same line
 * (U+00A0 between "12" and "km", "%", "h"…).  A year range typed with a
 * hyphen, spaced or not ("2017 - 2019", "2014-2016"), is set with an en
 * dash and no space, and never broken ("2017–2019"); a hyphen typed
 * between spaces is the spaced en dash ("Efus – Forum"), tied to the
 * word before it.  In French: a narrow no-break
 * space (U+202F) before ; : ! ? and inside « », replacing an ordinary
 * space or added where none was typed (not inside URLs or times such as
 * 10:30), U+00A0 after "p." before a page number, and U+202F between
 * groups of three digits ("10 000").
 */
#ifndef PLAQUETTE_TYPO_H
#define PLAQUETTE_TYPO_H

#include <glib.h>

/* Append the typeset form of in[0..len) (UTF-8) to `out`.  A paragraph is
 * built by calling this once per inline run, in order, on the same `out`;
 * *prev carries the last character appended across runs (set it to 0
 * before the first run).  Bytes already in `out` are never changed, so the
 * caller may record attribute ranges as out->len before and after each
 * call.  `lang` is the language tag (NULL: no language-specific rule). */
void typo_append(GString *out, const char *in, int len, const char *lang,
		 gunichar *prev);

#endif
