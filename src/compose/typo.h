/* typo: the typographic rules of a language, applied to the text of a paragraph.
 *
 * In every language: ' becomes ’ and straight double quotes become the
 * language's quotation marks.  From the style sheet's <language> rules
 * (struct typo_rules): a number keeps a unit of `units=` on its line
 * (U+00A0 between "12" and "km"); a year range typed with a hyphen or an
 * en dash, spaced or not ("2017 - 2019", "2014-2016"), is set with
 * `range-dash=` and no space, and never broken ("2017–2019"); a dash
 * typed between spaces (" - ", " – ", " — ") is set as `spaced-dash=`
 * (" – ": the spaced en dash, "—": the closed em dash), its space before
 * a no-break one; a closed em dash between words ("a—b") as `em-dash=`.
 * Without a rule the text is left as typed.  In French: a narrow no-break
 * space (U+202F) before ; : ! ? and inside « », replacing an ordinary
 * space or added where none was typed (not inside URLs or times such as
 * 10:30), U+00A0 after "p." before a page number, and U+202F between
 * groups of three digits ("10 000").
 */
#ifndef PLAQUETTE_TYPO_H
#define PLAQUETTE_TYPO_H

#include <glib.h>

#include "doc.h"
#include "msg.h"
#include "style.h"

/* The sheet's typographic rules of one language (strings point into the
 * sheet, which outlives them). */
struct typo_rules {
	const char *lang;        /* the language tag: quotes, French spacing; NULL: none */
	const char *range_dash;  /* set between a range's years; NULL: as typed */
	const char *spaced_dash; /* a dash typed between spaces, with its spaces; NULL: as typed */
	const char *em_dash;     /* a closed em dash between words; NULL: kept */
	const char *units;       /* units kept with the number before them, space-separated */
};

/* The rules of `lang` in `sheet` (may be NULL): its <language>'s by the
 * full tag, else by its first subtag, else <language lang="*">'s. */
void typo_rules_of(struct typo_rules *r, const struct style_sheet *sheet, const char *lang);

/* Checks the typographic attributes of <language> n, reporting a bad value
 * at its line; -1 if any is bad. */
int typo_rules_check(const struct node *n, const char *file, struct msg *m);

/* Append the typeset form of in[0..len) (UTF-8) to `out`.  A paragraph is
 * built by calling this once per inline run, in order, on the same `out`;
 * *prev carries the last character appended across runs (set it to 0
 * before the first run).  Bytes already in `out` are never changed, so the
 * caller may record attribute ranges as out->len before and after each
 * call.  `r` holds the language's rules (NULL: none). */
void typo_append(GString *out, const char *in, int len, const struct typo_rules *r,
		 gunichar *prev);

#endif
