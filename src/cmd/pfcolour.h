/* pfcolour: colour as preflight reads it from content streams.
 *
 * preflight.c interprets the operators; this module knows what a colour
 * is once printed: the colour spaces a content stream names (device,
 * ICCBased with its profile read by lcms2, Lab, Separation, DeviceN,
 * Indexed, Pattern), the plates each painted object inks and its total
 * ink, RGB, Lab and calibrated colour converted through the output
 * intent's profile (lcms2) to find what they separate into.  Each page
 * keeps what a printer checks — the plates used, the highest total ink
 * and where, RGB/Lab objects, small text in four-colour black,
 * registration colour inside the trim — and the document keeps every spot
 * ink's name and alternate, so that two spellings of one ink, or two
 * alternates for it, are caught.  Positions are
 * boxes in default user space (pt); the caller words the findings.
 */
#ifndef PLAQUETTE_PFCOLOUR_H
#define PLAQUETTE_PFCOLOUR_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

#define PFC_MAX_COMP 8      /* components of a colour (DeviceN beyond is ignored) */
#define PFC_TEXT_MIN 12.0   /* pt: smaller text should not be four-colour black */
#define PFC_BLACK_K 0.85    /* K from which a colour counts as black */

/* What a colour space is. */
enum pfc_kind {
	PFC_GRAY, PFC_RGB, PFC_CMYK, PFC_LAB,  /* device (or calibrated) spaces */
	PFC_SEP, PFC_DEVN,                     /* named inks */
	PFC_INDEXED, PFC_PATTERN, PFC_OTHER,   /* looked up, painted by a pattern, unknown */
};

/* A colour space as far as printing goes. */
struct pfc_space {
	enum pfc_kind kind;      /* what it is (ICCBased: its profile's space) */
	int n;                   /* its components */
	int icc;                 /* ICCBased: the profile stream's object number (0: none) */
	int calibrated;          /* ICCBased, CalRGB, CalGray, Lab, or DeviceRGB under DefaultRGB */
	int by_default;          /* a device space made ICCBased by the page's Default space */
	int ink[PFC_MAX_COMP];   /* SEP, DEVN: the inks, indices in the document's table */
	enum pfc_kind base;      /* INDEXED: its base space's kind; SEP, DEVN: the alternate's */
	char name[48];           /* how the file names it, for messages */
};

/* A current colour: space and components. */
struct pfc_colour {
	struct pfc_space cs;        /* its space */
	double v[PFC_MAX_COMP];     /* its components as set by sc/scn and friends */
};

/* What was painted. */
enum pfc_paint {
	PFC_FILL, PFC_STROKE, PFC_TEXT, PFC_IMAGE, PFC_SHADING,
};

/* The colour facts of one page, for the caller to word. */
struct pfc_page {
	char plates[512];     /* plates used, in print order: "Cyan Magenta … PANTONE 7691 C" */
	int nplates;          /* how many */
	double max_ink;       /* the highest total ink of any object inside the bleed, %
			       * (registration excluded) */
	double max_box[4];    /* where it is */
	char max_what[96];    /* what it is: "a fill in DeviceCMYK 0.80 0.70 0.70 1.00" */
	long rgb;             /* objects in RGB, Lab or calibrated colour */
	double rgb_box[4];    /* the first of them */
	char rgb_what[96];    /* its colour space and what it is */
	long rgb_device;      /* of them, in device RGB (no profile: DeviceRGB without DefaultRGB) */
	double rgb_device_box[4]; /* the first of those */
	char rgb_device_what[96]; /* and what it is */
	long black_text;      /* text runs under PFC_TEXT_MIN pt in black made of several inks */
	double black_box[4];  /* the first of them */
	double black_size;    /* its size, pt */
	double black_ink[4];  /* its CMYK, 0..1 */
	long reg_in_trim;     /* objects in registration colour (Separation /All) inside the trim */
	double reg_box[4];    /* the first of them */
};

struct pfc;

struct pdfread;

/* A colour reader for document q, whose streams (ICC profiles, image
 * samples) are decoded within bounds by rd (pdfread.h; NULL: none are
 * read), and whose output intent profile is `intent` (bytes of an ICC
 * profile, NULL: none).  Never NULL. */
struct pfc *pfc_new(qpdf_data q, struct pdfread *rd, const unsigned char *intent,
		    size_t intent_len);
void pfc_free(struct pfc *c);

/* Whether the output intent's profile is CMYK (and so RGB is converted). */
int pfc_intent_cmyk(const struct pfc *c);

/* A new page, trimmed to trim[4], its bleed to bleed[4] (pt): objects
 * wholly outside the bleed (slug, marks) use plates but no ink limit. */
void pfc_page_begin(struct pfc *c, const double trim[4], const double bleed[4]);
/* The page's facts; valid until the next pfc_page_begin. */
const struct pfc_page *pfc_page_facts(const struct pfc *c);

/* The colour space named by a cs/CS operand (a device name, an inline
 * image's abbreviation or a /ColorSpace resource of res), with the
 * space's initial colour, into *col; or a space object itself (an
 * image's /ColorSpace) into *s. */
void pfc_space_named(struct pfc *c, qpdf_oh res, const char *name, struct pfc_colour *col);
void pfc_space_object(struct pfc *c, qpdf_oh res, qpdf_oh obj, struct pfc_space *s);

/* A device colour set by g/G, rg/RG, k/K (n components in v), with the
 * page's DefaultGray/DefaultRGB/DefaultCMYK from res. */
void pfc_device(struct pfc *c, qpdf_oh res, enum pfc_kind kind, const double *v, int n,
		struct pfc_colour *col);
/* Components set by sc/scn/SC/SCN (n numbers). */
void pfc_values(struct pfc_colour *col, const double *v, int n);

/* Something painted in colour col over box (pt, default user space);
 * text_size is the text's size in pt for PFC_TEXT. */
void pfc_paint(struct pfc *c, const struct pfc_colour *col, enum pfc_paint what,
	       const double box[4], double text_size);
/* An image XObject painted over box: its colour space into *s, its
 * plates and (CMYK, 8 bits, read from its samples) its highest total
 * ink.  An image mask paints in the fill colour. */
void pfc_image(struct pfc *c, qpdf_oh res, qpdf_oh image, const struct pfc_colour *fill,
	       const double box[4], struct pfc_space *s);

/* A shading (sh, over box): its colours where its function is
 * exponential (Type 2, or stitched from them), read at their ends. */
void pfc_shading(struct pfc *c, qpdf_oh res, qpdf_oh sh, const double box[4]);

/* An inline image: its /CS (`space`, a name) or an image mask. */
void pfc_inline_image(struct pfc *c, qpdf_oh res, const char *space, int mask,
		      const struct pfc_colour *fill, const double box[4]);

/* Spot inks whose names differ only in case, spaces or punctuation (two
 * plates where one was meant): the i-th such pair, 0 when there is none. */
int pfc_spot_clash(const struct pfc *c, int i, const char **a, const char **b);

/* Spot inks defined twice with different CMYK alternates (a 100 % tint
 * of an exponential tint transform): the i-th, its two alternates
 * (0..1) in a and b; 0 when there is none. */
int pfc_spot_alt_clash(const struct pfc *c, int i, const char **name, double a[4], double b[4]);

/* The name of ink i of the document's table. */
const char *pfc_ink_name(const struct pfc *c, int i);

#endif
