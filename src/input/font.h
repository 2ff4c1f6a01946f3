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

/* The Pango context every layout of a run is made from. */
PangoContext *font_context(const struct font *f);

/* Whether the family is among the loaded fonts (case-insensitive). */
int font_has_family(const struct font *f, const char *family);

/* Whether the family has its regular face (normal weight, upright) among
 * the loaded fonts: without it Pango would set the text in another face
 * (Bold) without a word. */
int font_has_regular(const struct font *f, const char *family);

/* Comma-separated list of the loaded families, for messages.  Static to f. */
const char *font_families(const struct font *f);

#endif
