/* para: breaks one paragraph into lines.
 *
 * The paragraph arrives as UTF-8 text plus a PangoAttrList (fonts, sizes,
 * colours, letter spacing…) already resolved by the caller; it leaves as a
 * list of lines, each a shaped PangoLayoutLine already adjusted to its
 * width, ready to be drawn by pango_cairo_show_layout_line() without any
 * further measuring.  Lines are stacked at a fixed leading by the caller.
 */
#ifndef PLAQUETTE_PARA_H
#define PLAQUETTE_PARA_H

#include <pango/pango.h>

#include "font.h"
#include "msg.h"

enum para_align {
	PARA_LEFT,
	PARA_RIGHT,
	PARA_CENTER,
	PARA_JUSTIFY
};

/* How to set one paragraph; lengths are in Pango units (1/1024 pt). */
struct para_opts {
	int width;          /* the measure */
	int indent;         /* extra indent of the first line (may be < 0) */
	enum para_align align;
	int hyphenate;      /* automatic hyphenation allowed */
	const char *lang;   /* language tag (xml:lang), e.g. "fr", "en-GB" */
	int hyph_left;      /* minimum characters before a hyphen */
	int hyph_right;     /* minimum characters after a hyphen */
	int hyph_min_word;  /* shortest word that may be hyphenated */
	int last_justify;   /* justify the last line too */
};

/* One set line. */
struct para_line {
	PangoLayoutLine *line; /* shaped and adjusted; owned by the para */
	int start, end;        /* byte range of the paragraph text it shows */
	int x;                 /* left offset of the line inside the measure */
	int width;             /* its width as set */
	int ascent, descent;   /* logical extents of the line */
	int hyphenated;        /* ends with a hyphen that was added */
	int margin_l, margin_r; /* how far it sticks into the left and right margins
				  (margin kerning of hyphens, stops, quotes) */
	double ratio;          /* adjustment ratio: 0 natural, > 0 loose, < 0 tight */
	double expand;         /* glyphs drawn this much wider (1 = as shaped; 0.98 … 1.02) */
	double track;          /* letter spacing added, a share of the letters' width (signed) */
	double gap;            /* mean word gap as drawn over the natural space of its
				  fonts (0: a line without stretchable space) */
};

/* Typographic figures of one paragraph, for the report. */
struct para_stats {
	int lines;          /* lines set */
	int hyphenated;     /* lines ending with an added hyphen */
	int hyphen_run;     /* longest run of consecutive lines ending with a hyphen (added or typed) */
	int loose;          /* lines with ratio > 1 */
	int tight;          /* lines with ratio < -0.5 */
	int overfull;       /* lines sticking out of the measure */
	int adjusted;       /* justified lines whose spaces were adjusted (not last lines) */
	double ratio_sum;   /* sum of |ratio| over the adjusted lines: mean = ratio_sum / adjusted */
	double worst_ratio; /* largest ratio of a line (0 when none is loose) */
	/* what a reader sees, over the adjusted lines that have word spaces */
	int gapped;         /* such lines */
	int gap_loose;      /* mean word gap over PARA_GAP_LOOSE x natural */
	int gap_over2;      /* mean word gap over 2 x natural */
	double gap_sum;     /* sum of their mean gaps (over natural) */
	double worst_gap;   /* widest mean gap of a line */
	double track_sum, track_max;   /* letter spacing: sum and largest |share| */
	double expand_sum, expand_max; /* glyph expansion: sum and largest |e - 1| */
};

/* A justified line is loose to a reader when its mean word gap is over
 * this many times the natural space of its font. */
#define PARA_GAP_LOOSE 1.5

struct para {
	struct para_line *lines; /* nlines lines, top to bottom */
	int nlines;
	int unknown_glyphs;      /* characters the fonts lack */
	struct para_stats stats; /* figures for the typographic report */
	void *priv;              /* owned layouts */
};

struct para_engine;

/* One engine per run: hyphenation dictionaries, caches, the font context. */
struct para_engine *para_engine_new(struct font *f, struct msg *m);
void para_engine_free(struct para_engine *e);

struct style_sheet;

/* The rules of each language the style sheet gives (<language lang="fr"
 * hyphen-left="2" hyphen-right="3" hyphen-min-word="6"
 * hyphenate-capitalized="no" hyphenation="re-offend-ing Augsburg">: the
 * exceptions, hyphens where a word may break, none for never), before any
 * paragraph is set.  Returns -1
 * after reporting a bad value. */
int para_engine_use_sheet(struct para_engine *e, const struct style_sheet *sheet);

/* Milliseconds the engine spent setting up hyphenation dictionaries. */
double para_engine_hyph_ms(const struct para_engine *e);

/* Break `text` (not necessarily NUL-terminated past len) with `attrs`
 * (not consumed).  file/line name the source for messages.  Never loses
 * text: a word wider than the measure is broken with a warning. */
struct para *para_new(struct para_engine *e, const char *text, int len,
		      PangoAttrList *attrs, const struct para_opts *o,
		      const char *file, long line);
void para_free(struct para *p);

/* x of the byte index `index` (of the paragraph text) within line `i`,
 * relative to the line's start, for link rectangles and markers. */
int para_index_to_x(const struct para *p, int i, int index);

#endif
