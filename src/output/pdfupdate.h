/* pdfupdate: the screen edition's post-processing as an incremental
 * update appended to the file Cairo just wrote, instead of qpdf's rewrite
 * of the whole file (post.c).
 *
 * What it writes, as new versions of the objects that change (PDF 1.7
 * §7.5.6), then a cross-reference section and a trailer with /Prev:
 *   - every page: /TrimBox (and /BleedBox with a bleed), as post.c;
 *   - Info: /Title, /Producer, /CreationDate and /ModDate with the "D:"
 *     Cairo 1.16 omits;
 *   - the catalog: /Lang;
 *   - the structure tree's Figures: /Alt, in drawing order (figalt.h);
 *   - a CMYK JPEG stored the Photoshop way: /Decode [1 0 1 0 1 0 1 0]
 *     (jpegfix.h);
 *   - the trailer's /ID, an MD5 of the whole file and the update (never
 *     the clock): the same input gives the same bytes.
 * Cairo's own bytes stay as they are; the file is read back through
 * pdfscan.h, which only ever reads that file.
 *
 * The press editions (PDF/X, marks, press colours) need qpdf's rewrite:
 * pdfupdate_can() says whether the options are within reach.
 */
#ifndef PLAQUETTE_PDFUPDATE_H
#define PLAQUETTE_PDFUPDATE_H

#include "msg.h"
#include "post.h"

/* Whether pdfupdate_apply does all that `o` asks (no PDF/X, no marks, no
 * colour rewriting, no output other than the input). */
int pdfupdate_can(const struct post_opts *o);

/* Append the update for `o` to `path`, Cairo's file.  0, or -1 after
 * M_POST (the file is not what Cairo writes, or a page box does not fit)
 * or M_WRITE. */
int pdfupdate_apply(const char *path, const struct post_opts *o, struct msg *m);

#endif
