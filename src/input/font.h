/* font: the only fonts plaquette sees are those in the fonts folder.
 *
 * A private fontconfig configuration over that folder (system fonts never
 * leak in) and a PangoCairo font map at 72 dpi with hinting and glyph
 * rounding off, so that 1 pt of style is 1 pt of PDF and widths are exact.
 */
#ifndef PLAQUETTE_FONT_H
#define PLAQUETTE_FONT_H

#include <pango/pango.h>

#include "msg.h"

struct font;

/* Load every font under `dir`.  NULL (with a message) if none loads. */
struct font *font_new(const char *dir, struct msg *m);
void font_free(struct font *f);

/* A second font map over f's fonts (the same fontconfig set-up, read
 * once), for another thread: Pango's font maps and fonts are not to be
 * shared between threads.  NULL when it cannot be made. */
struct font *font_twin(const struct font *f);

/* The Pango context every layout of a run is made from. */
PangoContext *font_context(const struct font *f);

/* A new context like font_context's but with a strong left-to-right base
 * direction (a line starting with an Arabic word inside a French
 * paragraph stays a left-to-right line); the caller unrefs it. */
PangoContext *font_ltr_context(const struct font *f);

/* Whether the family is among the loaded fonts (case-insensitive). */
int font_has_family(const struct font *f, const char *family);

/* Whether the family has its regular face (normal weight, upright) among
 * the loaded fonts: without it Pango would set the text in another face
 * (Bold) without a word. */
int font_has_regular(const struct font *f, const char *family);

/* Comma-separated list of the loaded families, for messages.  Static to f. */
const char *font_families(const struct font *f);

/* The folder the fonts were loaded from, for messages. */
const char *font_dir(const struct font *f);

/* Whether character c needs no glyph of its own: controls, default
 * ignorables (soft hyphen, joiners, variation selectors) and the spaces
 * HarfBuzz sets from the font's space when the font lacks them. */
int font_needs_no_glyph(gunichar c);

/* The family of a loaded font that has character c: `family` itself when
 * one of its faces has it, else the first other loaded family that does
 * (Pango falls back among the loaded fonts only); NULL when none has it.
 * Static to f. */
const char *font_covering(const struct font *f, const char *family, gunichar c);

/* For each of the n characters cs[i], a font installed on this system
 * (outside the fonts folder) that has it, the closest kin of family
 * like[i] if there is one: names[i] = "Family (FILE)", or NULL when none
 * has it.  The system's font set-up is read once, for all n.  The caller
 * frees each names[i]. */
void font_system_covering(const gunichar *cs, const char *const *like, size_t n, char **names);

/* "U+2248 ALMOST EQUAL TO" (ICU's name; "<private use-E000>" and the like
 * for characters without a name) into buf. */
void font_char_name(gunichar c, char *buf, size_t size);

#endif
