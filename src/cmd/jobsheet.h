/* jobsheet: what a printer needs to know about a press PDF, read back from
 * the finished file (`plaquette jobsheet FILE.pdf -o SHEET.txt|SHEET.json`).
 *
 * Every figure comes from the PDF's bytes, read once into memory: the MD5
 * of those bytes (GLib), the page boxes, PDF/X claim and output intent
 * (libqpdf; the profile's description through lcms2), the spot inks named
 * by the colour spaces of pages, forms, images and shadings (libqpdf), the
 * fonts (embedded, subset) and the images' resolution as placed
 * (poppler-glib), the creation date (poppler-glib).  The plates and the
 * maximum ink come from the separations a RIP would make (coverage.h:
 * Ghostscript, a child process tracked by the output guard, separates
 * every page's TrimBox at JOBSHEET_DPI through the output intent's
 * profile): a plate is "used" when a pixel carries at least
 * JOBSHEET_PLATE_MIN of it, and the maximum ink is the highest sum of all
 * plates on one
 * pixel.  The binding is a saddle stitch: sheets = pages / 4 (a page count
 * not a multiple of 4 is said, with the blanks it needs).
 *
 * The sheet is plain text (one "Label: value" a line) or, with --json or a
 * name ending in .json, one JSON object (json-glib).  It goes through the
 * output guard.
 */
#ifndef PLAQUETTE_JOBSHEET_H
#define PLAQUETTE_JOBSHEET_H

#include "msg.h"

#define JOBSHEET_DPI 50            /* resolution of the separations */
#define JOBSHEET_PLATE_MIN 0.02    /* a plate is used from 2 % ink on one pixel */
#define JOBSHEET_MAX_BYTES (512L * 1024 * 1024) /* bigger PDFs are refused */

/* Runs "jobsheet ARGS…" (argv[0] is "jobsheet").  Reports on m; the exit
 * status follows from m. */
void jobsheet_main(int argc, char **argv, const char *home, struct msg *m);

#endif
