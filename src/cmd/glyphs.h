/* glyphs: glyph coverage of the text to be set, checked before layout.
 *
 * Every character of every block (every xml:lang, generated words
 * included) is looked up in the fonts of the fonts folder: the block's own
 * family first, then the others Pango falls back to (Noto Sans Math and
 * Symbols for ≈ ≤ →).  A character that no loaded font has is reported once,
 * at its first place (element and line), by name (U+2248 ALMOST EQUAL TO),
 * with a font of the system that has it: an error for the press edition, a
 * warning for the screen edition, which shows it as a box.
 */
#ifndef PLAQUETTE_GLYPHS_H
#define PLAQUETTE_GLYPHS_H

#include "block.h"
#include "flow.h"
#include "font.h"
#include "msg.h"

/* Checks the blocks' characters against f.  print: a press edition will
 * be written (a missing character is an error).  Returns how many
 * distinct characters no font has. */
int glyphs_check(const struct block_list *bl, const struct font *f, const char *file,
		 int print, struct msg *m);

/* After layout: the paragraphs Pango still set with unknown glyphs that
 * glyphs_check() did not already report (a font that claims a character
 * it cannot draw), once per paragraph with its line. */
void glyphs_check_set(const struct block_list *bl, const struct layout *l, const struct font *f,
		      const char *file, struct msg *m);

#endif
