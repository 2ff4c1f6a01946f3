/* hyph: where a word may be hyphenated, from libhyphen dictionaries.
 *
 * Dictionaries are found per language tag ("fr", "fr-FR", "en-GB", "de"…)
 * among the hyph_*.dic files of a folder, loaded the first time a
 * language is asked for and kept until hyph_free().  A missing language
 * is reported once (M_HYPH_DICT) and its text is left unhyphenated.
 * Dictionaries are read through hyphdict's cache.
 */
#ifndef PLAQUETTE_HYPH_H
#define PLAQUETTE_HYPH_H

#include "msg.h"

/* The folder Debian's hyphen-* packages install into. */
#define HYPH_DIR "/usr/share/hyphen"

struct hyph;

/* A dictionary cache over `dir` (NULL: HYPH_DIR); messages go to `m`. */
struct hyph *hyph_new(const char *dir, struct msg *m);
void hyph_free(struct hyph *h);

/* Whether `lang` can be hyphenated, loading its dictionary if needed.  The
 * first time a language has none, warns at file:line (file may be NULL). */
int hyph_ready(struct hyph *h, const char *lang, const char *file, long line);

/* A language's hyphenation as the style sheet sets it (<language>):
 * fragments (0: the caller's), whether a word starting with a capital
 * inside a sentence (in most languages, a name) may be hyphenated, and
 * exceptions: words separated by spaces, with hyphens where they may
 * break ("re-offend-ing", "Euro-pean"; "Augsburg": never).  Set before
 * the language is first used; lang "*" sets it for every language
 * without one of its own. */
enum hyph_capitals {
	HYPH_CAPS_NEVER = -1,   /* never hyphenated */
	HYPH_CAPS_LATE = 0,     /* as a last resort only */
	HYPH_CAPS_YES = 1,      /* as any word (German nouns) */
};
struct hyph_policy {
	int left, right, min_word;
	int capitals;           /* enum hyph_capitals */
	const char *exceptions;
};
void hyph_set_policy(struct hyph *h, const char *lang, const struct hyph_policy *p);

/* Where the token `word` (len bytes, UTF-8, no spaces; punctuation,
 * apostrophes and hyphens allowed) may take an added hyphen: sets
 * points[i] = 1 when a break may follow byte i, 0 elsewhere; returns the
 * number of points.  Soft hyphens (U+00AD), when present, are the only
 * points.  Otherwise each alphabetic part of at least `min_word`
 * characters is hyphenated with `left`/`right` characters kept at its
 * ends, except in URLs and e-mail addresses, words with digits and words
 * all in capitals, under the language's policy (above).  In a compound
 * written with a hyphen ("awareness-raising"), which should break at its
 * own hyphen, and in a word with a capital the policy keeps whole (a
 * name), the points are set to 2: a last resort for a paragraph that
 * cannot be set otherwise.  A language without dictionary gives soft hyphens only. */
int hyph_word(struct hyph *h, const char *lang, const char *word, int len,
	      int left, int right, int min_word, char *points);
/* hyph_word for a token that starts a sentence when `lead`: a capital on
 * its first word is no sign of a name there. */
int hyph_word_at(struct hyph *h, const char *lang, const char *word, int len,
		 int left, int right, int min_word, int lead, char *points);

/* Guessed hyphenation points, for a paragraph that cannot be set
 * without lines a reader sees as loose (para.c's emergency passes): in
 * each alphabetic part of `word` that the language's dictionary gives no
 * point at all, even with one-letter fragments (a word it does not
 * know; every part when the language has no dictionary), a break before
 * each consonant that starts a syllable ("mu-ce-kog-ge": the last
 * consonant before a vowel, a digraph such as "ch" or "sz" kept whole),
 * with at least `left` and `right` characters and a vowel on each side,
 * never before a Cyrillic soft or hard sign or short i.  None in the
 * words hyph_word keeps whole for other reasons (soft hyphens,
 * addresses, digits, capitals only, the sheet's exceptions, names under
 * the language's policy; a language without <language> keeps its names
 * whole), in a compound written with its own hyphen (it breaks there),
 * nor in a word shorter than HYPH_GUESS_MIN_WORD characters when the
 * language has a dictionary (the real words its patterns leave whole are
 * short ones: "adopted", "through"; in the brochure's English 1 word in
 * 100 of 9 letters has no point, 6 in 100 of 8, 18 of 7).  Sets points as
 * hyph_word does (1 where a break may follow a byte) and returns their
 * number; `lead` as for hyph_word_at.
 *
 * That is the HYPH_GUESS_UNKNOWN reach.  At HYPH_GUESS_WIDE, for a
 * paragraph that is still loose with those, words of HYPH_GUESS_WIDE_MIN_WORD
 * characters are guessed in too, and words the dictionary breaks get
 * guesses inside the stretches it leaves without a point, at least
 * HYPH_GUESS_GAP characters from each of its points ("мык-шиша-бя" where
 * it gives "мыкшиша-бя" only), and in names and in the parts of a
 * compound, whose dictionary points are a last resort too (hyph_word);
 * never in the sheet's exceptions, addresses or words with digits. */
#define HYPH_GUESS_MIN_WORD 8
#define HYPH_GUESS_WIDE_MIN_WORD 5
#define HYPH_GUESS_GAP 3
enum { HYPH_GUESS_UNKNOWN = 1, HYPH_GUESS_WIDE = 2 };
int hyph_guess_at(struct hyph *h, const char *lang, const char *word, int len,
		  int left, int right, int min_word, int lead, int reach, char *points);

/* Milliseconds of CPU spent so far finding and loading dictionaries (the
 * typographic report shows it: dictionaries are cached, see hyphdict.h). */
double hyph_setup_ms(const struct hyph *h);

#endif
