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
 *   scaled by the CTM (its smaller singular value), a warning; under
 *   PREFLIGHT_HAIRLINE pt (0-width hairlines too), an error;
 * - colour (pfcolour.h): the plates each page uses and its highest total
 *   ink, an error over the limit (--max-ink, PREFLIGHT_INK_MAX %); RGB or
 *   Lab objects where CMYK is required (PDF/X-1a, device RGB in PDF/X-3,
 *   --cmyk; calibrated RGB or Lab in PDF/X-3 a warning); text under
 *   12 pt in black made of several inks (a warning); registration colour
 *   (Separation /All) inside the trim; spot inks whose names differ only
 *   in case, spaces or punctuation, or one ink with two CMYK alternates
 *   (a warning); each with its page and position;
 * - in PDF/X, annotations inside the BleedBox (printer's marks and trap
 *   networks excepted);
 * - each image placed: a note with its effective ppi, colour space and
 *   whether it carries an ICC profile;
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
#define PREFLIGHT_HAIRLINE 0.125 /* pt: thinner strokes vanish on a platesetter (error) */
#define PREFLIGHT_INK_MAX 300.0  /* %: total ink allowed by default */

/* What a page prints, read back from the file (for job sheets). */
struct preflight_page {
	char plates[512]; /* the plates it uses, in print order, ", " between */
	int nplates;      /* how many */
	double max_ink;   /* its highest total ink, % (registration excluded) */
	double min_ppi;   /* its lowest image resolution as placed; 0: no image */
	long rgb;         /* objects in RGB or Lab */
};

/* What the whole file prints. */
struct preflight_facts {
	int npages;                  /* pages read */
	struct preflight_page *page; /* one per page (caller frees with preflight_facts_free) */
	double max_ink;              /* the highest total ink of any page, % */
	double min_ppi;              /* the lowest image resolution; 0: no image */
	char pdfx[64];               /* the PDF/X version claimed, "" none */
	char condition[64];          /* the output intent's condition identifier, "" none */
	int errors, warnings;        /* findings */
};

struct preflight_opts {
	int booklet;       /* saddle-stitched: a page count not a multiple of 4 is an error */
	int pdfx;          /* PDF/X required: its keys are checked even if the file claims none */
	int cmyk;          /* CMYK required: any RGB or Lab object is an error */
	double max_ink;    /* total ink allowed, %; 0: PREFLIGHT_INK_MAX */
	int silent;        /* print nothing (findings are still counted, facts filled) */
	struct preflight_facts *facts; /* filled when not NULL */
};

void preflight_facts_free(struct preflight_facts *f);

/* Check the PDF at `path` (o may be NULL for the defaults).  Reports each
 * finding and a closing M_PREFLIGHT_DONE note; returns the number of
 * errors found (an unreadable file counts as one). */
int preflight_check(const char *path, const struct preflight_opts *o,
		    struct msg *m);

#endif
