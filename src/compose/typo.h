/* typo: the typographic rules of a language, applied to the text of a paragraph.
 *
 * In every language ' becomes ’.  Straight double quotes become the marks
 * of the sheet's <quotes> for the language (left as typed without one).
 * From the sheet's <language> rules (struct typo_rules): the marks of `punct-space-before=`
 * (French ; : ! ? ») take the no-break space of `punct-space=` before
 * them and those of `punct-space-after=` («) after them, replacing an
 * ordinary space or added where none was typed (not inside URLs or times
 * such as 10:30); a space typed between groups of three digits ("10 000")
 * becomes `digit-group-space=`; a number keeps a unit of `units=` on its
 * line (U+00A0 between "12" and "km"); a year range typed with a hyphen
 * or an en dash, spaced or not ("2017 - 2019", "2014-2016"), is set with
 * `range-dash=` and no space, and never broken ("2017–2019"); a dash
 * typed between spaces (" - ", " – ", " — ") is set as `spaced-dash=`
 * (" – ": the spaced en dash, "—": the closed em dash), its space before
 * a no-break one; a closed em dash between words ("a—b") as `em-dash=`.
 * Without a rule the text is left as typed.  In every language, U+00A0
 * after "p." before a page number.
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
	const char *lang;        /* the language tag they were looked up for */
	const char *range_dash;  /* set between a range's years; NULL: as typed */
	const char *spaced_dash; /* a dash typed between spaces, with its spaces; NULL: as typed */
	const char *em_dash;     /* a closed em dash between words; NULL: kept */
	const char *units;       /* units kept with the number before them, space-separated */
	gunichar quote_open;     /* what an opening straight double quote becomes; 0: kept */
	gunichar quote_close;    /* …a closing one */
	const char *space_before; /* marks taking punct_space before them (";:!?»"); NULL: none */
	const char *space_after;  /* marks taking it after them ("«"); NULL: none */
	gunichar punct_space;    /* U+202F or U+00A0 */
	gunichar digit_space;    /* set between groups of three digits; 0: as typed */
};

/* The rules of `lang` in `sheet` (may be NULL): its <language>'s by the
 * full tag, else by its first subtag, else <language lang="*">'s; the
 * quotation marks of its <quotes> (typo_quotes). */
void typo_rules_of(struct typo_rules *r, const struct style_sheet *sheet, const char *lang);

/* Checks the typographic attributes of <language> n, reporting a bad value
 * at its line; -1 if any is bad. */
int typo_rules_check(const struct node *n, const char *file, struct msg *m);

/* Checks the marks= of <quotes> n (two characters), reporting a bad value
 * at its line; -1 if bad. */
int typo_quotes_check(const struct node *n, const char *file, struct msg *m);

/* Append the typeset form of in[0..len) (UTF-8) to `out`.  A paragraph is
 * built by calling this once per inline run, in order, on the same `out`;
 * *prev carries the last character appended across runs (set it to 0
 * before the first run).  Bytes already in `out` are never changed, so the
 * caller may record attribute ranges as out->len before and after each
 * call.  `r` holds the language's rules (NULL: none). */
void typo_append(GString *out, const char *in, int len, const struct typo_rules *r,
		 gunichar *prev);

#endif
