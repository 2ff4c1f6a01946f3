/* preflight: checks any PDF for what printers require (`plaquette preflight FILE.pdf`).
 *
 * One message per finding, M_PREFLIGHT (error) or M_PREFLIGHT_WARN, located
 * at the file and starting "page N:" when it concerns a page; a finding
 * repeated on many pages is printed for the first PREFLIGHT_MAX_REPEAT
 * pages, then summed up in one line.  The file is only read.
 *
 * What is checked (DESIGN.md §4):
 * - boxes: a MediaBox and a TrimBox on every page, MediaBox ⊇ BleedBox ⊇
 *   TrimBox (a missing BleedBox is the CropBox, then the MediaBox; boxes
 *   inherited from the page tree count, with a warning for TrimBox and
 *   BleedBox, which PDF does not make inheritable), the same TrimBox size
 *   on every page, and a warning when there is less than 3 mm of bleed;
 * - fonts: every font embedded (FontFile, FontFile2 or FontFile3 in its
 *   descriptor, Type0 fonts through their descendant), no Type 3 font;
 *   fonts of forms, tiling patterns and annotation appearances included;
 * - no encryption, no JavaScript (Names /JavaScript, an OpenAction or
 *   link action of type JavaScript, /AA on the catalog, pages or
 *   annotations), no AcroForm;
 * - images as placed, from the content streams (forms followed, CTM
 *   tracked at each Do and inline image): the lower of the horizontal and
 *   vertical resolution; an error below PREFLIGHT_PPI_ERROR, a warning
 *   below PREFLIGHT_PPI_WARN;
 * - strokes thinner than PREFLIGHT_LINE_MIN pt once the line width is
 *   scaled by the CTM (its smaller singular value), 0-width hairlines too;
 * - a page count that is a multiple of 4 (a warning, an error for a booklet);
 * - where PDF/X is claimed (Info or XMP GTS_PDFXVersion) or required: a
 *   GTS_PDFX output intent with its profile, Trapped True or False, a
 *   title, the XMP claim for PDF/X-4, and a PDF version it allows.
 */
#ifndef PLAQUETTE_PREFLIGHT_H
#define PLAQUETTE_PREFLIGHT_H

#include "msg.h"

#define PREFLIGHT_PPI_WARN 300   /* images below this many ppi: warning */
#define PREFLIGHT_PPI_ERROR 150  /* images below this: error, visibly blurred */
#define PREFLIGHT_LINE_MIN 0.25  /* pt: thinner strokes may not print (warning) */
#define PREFLIGHT_BLEED_MIN 8.5  /* pt (3 mm): less bleed around the TrimBox warns */
#define PREFLIGHT_MAX_REPEAT 3   /* pages reported one by one for the same finding */

struct preflight_opts {
	int booklet; /* saddle-stitched: a page count not a multiple of 4 is an error */
	int pdfx;    /* PDF/X required: its keys are checked even if the file claims none */
};

/* Check the PDF at `path` (o may be NULL for the defaults).  Reports each
 * finding and a closing M_PREFLIGHT_DONE note; returns the number of
 * errors found (an unreadable file counts as one). */
int preflight_check(const char *path, const struct preflight_opts *o,
		    struct msg *m);

#endif
