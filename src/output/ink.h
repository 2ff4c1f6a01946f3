/* ink: the colours of content streams rewritten for the press.
 *
 * Cairo draws in RGB only.  For the CMYK edition every solid colour of a
 * content stream ("r g b rg" and "RG") is rewritten before Ghostscript sees
 * it: a neutral one (r = g = b) as DeviceGray, which prints on black ink
 * alone, any other converted with lcms2 from sRGB to DeviceCMYK through
 * the printer's own profile (relative colorimetric with black point
 * compensation, as prepress software does).  Ghostscript then leaves
 * DeviceGray and DeviceCMYK as they are, so the numbers on the plates are
 * the printer profile's.  Strings, inline images and everything else are
 * copied byte for byte (pdftok gives the byte ranges).
 */
#ifndef PLAQUETTE_INK_H
#define PLAQUETTE_INK_H

#include <stddef.h>
#include <stdint.h>

/* Resource names the rewritten streams use; post.c defines them in every
 * resource dictionary: the ExtGStates turning fill overprint on (100 %
 * black) and off (every other colour), and INK_SPOT with the index of a
 * spot colour's first entry in the named table, its Separation. */
#define INK_OP "/PlaquetteOP"
#define INK_KO "/PlaquetteKO"
#define INK_SPOT "/PlaquetteSpot%d"

/* A named colour of the style sheet, as ink.c maps it: Cairo's RGB for it
 * becomes its press value. */
struct ink_named {
	uint32_t rgb;     /* the screen value Cairo drew, 0xRRGGBB */
	double cmyk[4];   /* the press value, 0..1 (a tint's already scaled) */
	const char *spot; /* its spot ink, NULL = process colour */
	double tint;      /* the fraction of the spot ink (1 = solid) */
	int spot_index;   /* the index of the first entry with this spot: its INK_SPOT */
};

struct ink;

/* A rewriter: the named colours (n of them, kept by reference) become
 * their press value (DeviceCMYK as given, or a tint of their spot ink's
 * Separation), 100 % black overprinting; of the others, neutral colours
 * are made grey when gray_neutrals, and the rest converted from `rgb` (an
 * RGB profile) to `cmyk` (a CMYK printer profile) when both are given
 * (bytes of ICC profiles).  NULL when lcms2 cannot make the transform. */
struct ink *ink_new(const struct ink_named *named, int n, int gray_neutrals,
		    const unsigned char *rgb, size_t rgb_len,
		    const unsigned char *cmyk, size_t cmyk_len);
void ink_free(struct ink *k);

/* The CMYK (0..1 each) the printer profile gives for rgb (0..1 each).
 * 0, or -1 when k converts nothing. */
int ink_cmyk(const struct ink *k, const double rgb[3], double cmyk[4]);

/* Content stream data s[0..len) rewritten: *out (xmalloc'd, caller
 * frees) and *out_len, and the number of operators rewritten; 0 (and
 * *out NULL) when nothing changed or qpdf could not read the data. */
size_t ink_rewrite(const struct ink *k, const unsigned char *s, size_t len,
		   char **out, size_t *out_len);

#endif
