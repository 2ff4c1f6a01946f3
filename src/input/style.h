/* style: the style sheet — page, colours, templates and named styles.
 *
 * Read from styles/NAME.xml (validated by schema/style.rng and by value
 * checks with line numbers).  Named styles inherit through parent="…";
 * style_get() returns the fully resolved style.  Lengths are Pango units
 * (1/1024 pt) everywhere; conversion happens only here, at the edge.
 */
#ifndef PLAQUETTE_STYLE_H
#define PLAQUETTE_STYLE_H

#include <stdint.h>

#include "msg.h"
#include "para.h"

#define STYLE_PT(x) ((int)((x) * 1024.0 + ((x) < 0 ? -0.5 : 0.5)))
#define STYLE_MM(x) STYLE_PT((x) * 72.0 / 25.4)

enum style_break {
	BREAK_NONE,
	BREAK_COLUMN,
	BREAK_PAGE_IF_FILLED, /* a page, unless the page so far is under <page min-fill> */
	BREAK_PAGE,
	BREAK_RIGHT  /* next right-hand (odd) page */
};

/* A resolved style: every property has a value. */
struct style {
	const char *name;       /* as in the sheet */
	long line;              /* where it is defined */
	const char *family;     /* font family */
	long font_line;         /* where that family is named (0 = the default) */
	int weight;             /* CSS-like 100..900 */
	int italic;             /* 1 = italic */
	int size;               /* font size */
	int leading;            /* baseline to baseline */
	uint32_t color;         /* 0xRRGGBB */
	enum para_align align;
	int space_before, space_after;
	int indent_left, indent_right, indent_first;
	int hyphenate;          /* automatic hyphenation allowed */
	int letter_spacing;     /* tracking */
	int uppercase;          /* text-transform uppercase */
	int keep_with_next;     /* stay on the column of the next block */
	int keep_with_previous; /* stay on the column of the previous block's last lines */
	int keep_together;      /* never split (cards, headings) */
	enum style_break break_before;
	const char *bullet;     /* text hung in the left indent, or "" */
	uint32_t bullet_color;  /* 0 (black, the default): the text's colour */
	int has_background;     /* draw a box behind the block */
	uint32_t background;
	int padding;            /* inside the background box */
	int rule_after;         /* chevron rule under the block: its height, 0 = none */
	uint32_t rule_color;
	const char *template_name; /* page template a section asks for, or "" */
	int widows, orphans;    /* minimum lines kept at a column end / start */
	int columns;            /* a group (card) sets its body in this many balanced columns */
	int span;               /* in such a group, the block spans all its columns (card title) */
	int spread_max;         /* a card: the most extra space added to a gap between two cards
				 * of a page's stack to bottom-align it (0 = never) */
	int split_fill;         /* a card that fits a column but not the rest of the page's last
				 * one splits where it stands when moving it whole would leave
				 * the page under <page min-fill> (split-to-fill="yes") */
	int share_page;         /* a section or part of a template of its own, whose
				 * page-if-filled break finds the page under min-fill and its
				 * run too long for the page's rest, starts below the page's
				 * content in its own template's columns (share-page="yes") */
	int grid;               /* its lines sit on the baseline grid: steps of its leading from
				 * the text area's top (the block starts on the next grid line) */
	int grid_step;          /* the grid it sits on: the page's grid= when the sheet has one
				 * (its leading then a whole number of steps), else its leading */
	int grid_baseline;      /* on the page's grid: the baseline's depth in its line, the
				 * same for every grid style (0 = its own: leading/2 + 3/10 size) */
	int rule_gap;           /* between the last line and the rule under it */
	int number_width;       /* contents entry: room kept at the end of its lines for the page number */
	int leader_gap;         /* contents entry: space either side of the dot leaders */
	int justify_min;        /* align="justify" on a measure narrower than this is set
				 * ragged right, as designers set narrow columns
				 * (justify-min-measure=; 0 = always justified) */
};

/* A page template: the frame geometry of a kind of page. */
struct style_template {
	const char *name;
	long line;
	int columns;            /* 1..4 */
	int gutter;
	int top, bottom, inner, outer; /* margins from the trim edge */
	int footer;             /* running footer with the page number */
	int fixed;              /* content must fit on one page (covers): overflow is an error */
	int has_background;     /* full-bleed ground */
	uint32_t background;
	int band;               /* height of a brand band along the top, 0 = none */
	uint32_t band_color;
};

/* A named colour as the printer sees it (<color> in the sheet). */
struct style_ink {
	const char *name;       /* "brand" */
	long line;              /* its line in the sheet */
	uint32_t rgb;           /* the screen value, 0xRRGGBB */
	int has_cmyk;           /* a press value is given (cmyk= or tint=) */
	double cmyk[4];         /* the press value, 0..1 each (for a tint: already scaled) */
	const char *spot;       /* the spot ink it prints with ("PANTONE 7691 C"), NULL = process */
	double tint;            /* the fraction of that ink: 1, or 0.09 for tint="brand 9%" */
};

struct role_set; /* role.h: the element rules */

struct style_sheet {
	char *file;             /* path, for messages */
	int page_w, page_h;     /* trim size */
	int bleed;
	int page_multiple;      /* page count is padded to this (4 for saddle stitch) */
	int min_fill;           /* <page min-fill="25%">: a section's last page under this
				 * share of its text area is balanced with the page before */
	int blanks_at_end;      /* <page blank-pages="end">: padding after the last page,
				 * not before the back cover ("before-back", the default) */
	int footer_offset;      /* footer baseline above the trim bottom */
	int grid;               /* <page grid="13.5pt">: one baseline grid for the document, this
				 * step from the page's top margin (grid_top) on every page; 0 =
				 * each grid style on a grid of its own leading from its text area */
	int grid_top;
	struct style *styles;   /* resolved styles */
	int nstyles;
	struct style_template *templates;
	int ntemplates;
	struct role_set *roles; /* how each element kind is laid out (role.h) */
	struct style_ink *inks; /* the named colours, in sheet order */
	int ninks;
	void *priv;             /* the parsed file */
};

/* Load and check a style sheet; NULL after reporting errors. */
struct style_sheet *style_load(const char *path, const char *schema, struct msg *m);
void style_free(struct style_sheet *s);

/* The style `name`; NULL if the sheet does not define it. */
const struct style *style_find(const struct style_sheet *s, const char *name);
/* The first defined of several candidate names (NULL-terminated list),
 * falling back to "base". */
const struct style *style_pick(const struct style_sheet *s, const char *const *names);
const struct style_template *style_template(const struct style_sheet *s, const char *name);
/* The sheet as read (its root element), for modules that read elements
 * of their own from it (image.c: <images>, <picture>, <slot>). */
const struct node *style_root(const struct style_sheet *s);

/* Parse "12pt", "3mm", "1.5cm", "0.5in" or a bare number of points into
 * Pango units.  Returns 0 on success. */
int style_parse_length(const char *v, int *out);
/* The element n of a sheet as a message names it: "<color name=\"brand\">",
 * "<page>", "<language lang=\"es\">" (its name=, else lang=, else
 * element=), in buf. */
const char *style_what(const struct node *n, char *buf, size_t len);

/* Parse "#rrggbb" or a named colour of the sheet.  Returns 0 on success. */
int style_parse_color(const struct style_sheet *s, const char *v, uint32_t *out);

#endif
