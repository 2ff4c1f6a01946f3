/* post: rewrites the PDF Cairo wrote, with libqpdf, into what a printer expects.
 *
 * Cairo cannot write page boxes, an output intent, /Lang, XMP or dates with
 * the "D:" prefix (DESIGN.md §3).  post_process() reads Cairo's file, adds
 * those, and writes the result with a /ID derived from the content (never
 * random), so that the same input always gives the same bytes.
 *
 * The CMYK press edition takes three steps: post_process with
 * gray_neutrals and to_cmyk (boxes; neutral RGB colours made DeviceGray so
 * that they print on black alone, the others converted to DeviceCMYK
 * through the printer's profile with lcms2, ink.h), post_cmyk (Ghostscript
 * makes a CMYK PDF/X-3 and leaves those colours alone), then post_process
 * with pdfx3 (marks, dates, /ID, Info made deterministic again).
 *
 * Colour profiles are read at run time from Debian packages, never copied
 * into this tree: the default CMYK output intent is Ghostscript's
 * default_cmyk.icc (libgs-common), the sRGB profile for DefaultRGB is
 * icc-profiles-free's sRGB.icc, with Ghostscript's srgb.icc as fallback.
 */
#ifndef PLAQUETTE_POST_H
#define PLAQUETTE_POST_H

#include <time.h>

#include "ink.h"
#include "msg.h"

/* Default CMYK destination profile for the PDF/X output intent. */
#define POST_DEFAULT_CMYK_ICC "/usr/share/color/icc/ghostscript/default_cmyk.icc"

struct post_opts {
	double trim_x;      /* TrimBox left, pt from the MediaBox's lower-left corner */
	double trim_y;      /* TrimBox bottom, pt from the MediaBox's lower-left corner */
	double trim_w;      /* TrimBox width in pt; <= 0 writes no TrimBox nor BleedBox */
	double trim_h;      /* TrimBox height in pt; <= 0 writes no TrimBox nor BleedBox */
	double bleed;       /* pt; BleedBox = TrimBox grown by this, clipped to the MediaBox; 0 = none */
	const char *lang;   /* document /Lang, e.g. "fr"; NULL leaves it alone */
	const char *title;  /* Info /Title (UTF-8); NULL keeps Cairo's; PDF/X needs one */
	time_t date;        /* CreationDate, ModDate (and XMP dates) as D:YYYYMMDDHHmmSSZ, UTC */
	const char *producer; /* Info /Producer, e.g. "plaquette 0.1"; NULL leaves it */
	int pdfx4;          /* make the file PDF/X-4: output intent, XMP, DefaultRGB, version 1.6 */
	int pdfx3;          /* the file is post_cmyk's PDF/X-3: claim PDF/X-3:2002 in Info, check
			     * the output intent, drop the XMP (Ghostscript's holds a random UUID) */
	int gray_neutrals;  /* rewrite neutral RGB colours (r = g = b) as DeviceGray in every
			     * page, form and tiling pattern, for post_cmyk */
	int to_cmyk;        /* rewrite the other RGB colours as DeviceCMYK through output_icc
			     * (lcms2, ink.h), for post_cmyk: Ghostscript keeps them */
	const char *output_icc; /* CMYK printer profile for the output intent; NULL = POST_DEFAULT_CMYK_ICC */
	const char *const *alts; /* the Figures' text alternatives, in drawing order (figalt.h) */
	size_t nalts;
	const char *output_condition; /* OutputConditionIdentifier, e.g. "FOGRA39";
				       * NULL = "Custom", described by the profile's own name */
	const struct ink_named *inks; /* named colours made their press value (ink.h) in every
				       * page, form and pattern; with 100 % black overprinting */
	int ninks;          /* entries in inks; 0 = none */
	int marks;          /* crop and registration marks around the TrimBox, outside the
			     * BleedBox, in registration colour (Separation /All: every plate) */
	const char *name;   /* the path messages name (the user's output, not the
			     * temporary file); NULL = the input's */
};

/* Read `in`, apply `o`, write `out` (which may be `in`: the file is read
 * whole first and replaced atomically, through "out.tmp").  Returns 0, or
 * reports M_POST (M_WRITE when the output cannot be written) and returns
 * -1 with `out` untouched.  qpdf's repairs of a damaged input are
 * reported as M_POST_WARN. */
int post_process(const char *in, const char *out, const struct post_opts *o,
		 struct msg *m);

/* Convert `in` into a CMYK PDF/X-3:2002 `out` with Ghostscript ('gs',
 * Debian package ghostscript), run without a shell and for at most a few
 * minutes.  `in` must carry its page boxes and no annotation (Ghostscript
 * quietly gives up PDF/X for a file with links: that is reported as an
 * error); fonts, boxes, outline and page labels are kept, tags and /Lang
 * are lost.  The output intent embeds o->output_icc (NULL =
 * POST_DEFAULT_CMYK_ICC), which must be a CMYK printer profile.
 * Ghostscript 10.0's pdfwrite ignores -sOutputICCProfile: what it still
 * converts itself (RGB images and shadings; the solid colours were made
 * CMYK before) goes through its default CMYK profile.  Ghostscript's Info dates and /ID come from the
 * clock: run post_process with pdfx3 on `out` next.  A temporary file
 * beside `out` holds the PDF/X definitions and is always removed.
 * Returns 0, or -1 after M_GS_MISSING or M_POST. */
int post_cmyk(const char *in, const char *out, const struct post_opts *o, struct msg *m);

#endif
