/* lang: the languages plaquette knows, by tag and by name.
 *
 * A small table of ISO 639-1 languages (those of Europe and its
 * neighbours, and every one plaquette can hyphenate) with their English
 * name and their own name, to tell a translator what a mistyped xml:lang
 * ("español", "fr_FR", "francais") was probably meant to be.
 */
#ifndef PLAQUETTE_LANG_H
#define PLAQUETTE_LANG_H

#include <stddef.h>

/* Whether the primary subtag of a BCP 47 tag ("fr" of "fr-BE") is a
 * language of the table.  The tag must be well formed. */
int lang_known(const char *tag);

/* Whether tag is a well-formed language tag: 2-8 letters, then
 * "-" and 1-8 letters or digits, any number of times. */
int lang_well_formed(const char *tag);

/* How the space-separated tags of `list` name the tag `lang`: 2 by the
 * whole tag, 1 by its first subtag only ("fr" names "fr-BE"), 0 not at
 * all; case does not count. */
int lang_in_list(const char *list, const char *lang);

/* Writes into out the closest known tags for value, best first, each
 * with its names: "es (español, Spanish)" or "fr-FR (français, French)".
 * Always writes something (the table's first tags at worst). */
void lang_closest(const char *value, char *out, size_t size);

#endif
