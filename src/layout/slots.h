/* slots: pictures placed in the named slots of page templates.
 *
 * The style sheet's <slot template="cover" name="photo" x= y= width=
 * height= …/> is a fixed box on the pages of a template (a cover photo, a
 * back-cover logo row, a logo beside the funding line).  An <image
 * slot="photo"> goes there instead of into the text; several images in
 * one slot stand in a row, scaled alike to fit.  A slot no image names
 * costs nothing.  Runs after flow.c, on its finished display list: the
 * pictures go under the page's text, over its ground.  Reads no tree:
 * the pictures come resolved (compose/picture.h).
 */
#ifndef PLAQUETTE_SLOTS_H
#define PLAQUETTE_SLOTS_H

#include "page.h"
#include "picture.h"
#include "style.h"

/* Places the pictures pics[0..n) (picture_slotted(): those that name a
 * slot) in their slots; `file` is the document, for messages.  Returns
 * the number of errors reported (an unknown slot, a slot whose template
 * has no page, a bad value in the sheet). */
int slot_place(struct layout *l, const struct style_sheet *s, const struct picture *pics,
	       size_t n, const char *file, struct msg *m);

#endif
