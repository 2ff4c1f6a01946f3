/* para: breaks one paragraph into lines.
 *
 * The paragraph arrives as UTF-8 text plus a PangoAttrList (fonts, sizes,
 * colours, letter spacing…) already resolved by the caller; it leaves as a
 * list of lines, each an array of glyph runs (run.h) already adjusted to
 * its width, cut from the one shaping that measured the paragraph, ready
 * to be drawn without any further measuring.  Lines are stacked at a
 * fixed leading by the caller.
 */
#ifndef PLAQUETTE_PARA_H
#define PLAQUETTE_PARA_H

#include <pango/pango.h>

#include "font.h"
#include "msg.h"
#include "run.h"

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
	const struct para_foot *foot; /* set again for a column's foot (NULL: not) */
};

/* A paragraph set again because line `line` of `prev`, at the foot of a
 * column, ends with a hyphen: its first `keep` lines (placed already)
 * stay as they were, and a hyphen ending line `line` costs what the
 * language's rule says for a column's foot, or for a page turn (`turn`:
 * the last line of a right-hand page).  The feet prev was set for (a
 * balancing trial tries several) keep their cost too. */
struct para_foot {
	const struct para *prev;
	int keep;
	int line;
	int turn;
};

/* One set line. */
struct para_line {
	struct glyph_run *runs; /* shaped and adjusted, left to right (run.h); owned by the para */
	int nruns;
	int start, end;        /* byte range of the paragraph text it shows */
	int x;                 /* left offset of the line inside the measure */
	int width;             /* its width as set */
	int ascent, descent;   /* logical extents of the line */
	int hyphenated;        /* ends with a hyphen that was added */
	int hyphen_end;        /* ends with a hyphen, added or typed */
	int broke_word;        /* ends inside a word wider than the measure, with no
				  hyphen (the paragraph's overfull finding) */
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
	/* shaping: runs cut from the measuring shaping, runs shaped again (a
	 * line edge that is not a safe cut: para.c's para_piece) */
	int cut, reshaped;
	int split;          /* words wider than the measure were broken inside (a warning) */
};

/* A justified line is loose to a reader when its mean word gap is over
 * this many times the natural space of its font. */
#define PARA_GAP_LOOSE 1.5

/* A setting's finding, kept as data: the widest word wider than the
 * measure, broken where the line ran out (width 0: none).  Told only for
 * a setting whose lines are printed (para_tell_overfull), never for the
 * settings layout tries at measures it does not print. */
struct para_overfull {
	int width, measure;      /* Pango units */
	char word[64];           /* its first 60 bytes (whole characters) */
};

struct para {
	struct para_line *lines; /* nlines lines, top to bottom */
	int nlines;
	int unknown_glyphs;      /* characters the fonts lack */
	struct para_overfull overfull; /* a word broken inside (warning data) */
	struct para_stats stats; /* figures for the typographic report */
	unsigned long long feet, turns; /* lines (bit i: line i < 64) set again to
					  keep a hyphen off a column's foot, a page turn */
	const struct para *base; /* para_new_foot: the plain setting it started from */
	/* the caller's memo of feet already tried from this plain setting, lines
	 * placed from the first (bit i: line i < 64; turn_ for page turns) */
	unsigned long long foot_none, turn_none; /* found no better setting */
	struct para *foot_made;  /* the last one found, for line foot_line */
	int foot_line, foot_turn;
	void *priv;              /* owned layouts */
};

struct para_engine;

/* One engine per run: hyphenation dictionaries, caches, the font context. */
struct para_engine *para_engine_new(struct font *f, struct msg *m);
void para_engine_free(struct para_engine *e);

struct ahead;

/* Paragraphs measured ahead in another thread (ahead.h) that the engine
 * takes instead of measuring them itself; NULL: none.  a must outlive
 * the engine's use. */
void para_engine_ahead(struct para_engine *e, struct ahead *a);

struct style_sheet;

/* The rules of each language the style sheet gives (<language lang="fr"
 * hyphen-left="2" hyphen-right="3" hyphen-min-word="6"
 * hyphenate-capitalized="no" hyphenation="re-offend-ing Augsburg">: the
 * exceptions, hyphens where a word may break, none for never), before any
 * paragraph is set; lang="*"'s apply to every language without its own.
 * Returns -1 after reporting a bad value. */
int para_engine_use_sheet(struct para_engine *e, const struct style_sheet *sheet);

/* The cost the language `lang`'s rule (<language hyphen-column-foot="N"
 * hyphen-page-turn="N|never">) puts on a hyphen ending the last line of a
 * column, or of a right-hand page when `turn`: 0 when it has none. */
double para_foot_cost(const struct para_engine *e, const char *lang, int turn);

/* Milliseconds the engine spent setting up hyphenation dictionaries. */
double para_engine_hyph_ms(const struct para_engine *e);

/* Break `text` (not necessarily NUL-terminated past len) with `attrs`
 * (not consumed).  file/line name the source for messages.  Never loses
 * text: a word wider than the measure is broken with a warning. */
struct para *para_new(struct para_engine *e, const char *text, int len,
		      PangoAttrList *attrs, const struct para_opts *o,
		      const char *file, long line);
void para_free(struct para *p);

/* Tells p's overfull finding (M_OVERFULL) at the paragraph's source line:
 * for a setting whose broken lines are printed. */
void para_tell_overfull(struct para_engine *e, const struct para *p, const char *file,
			long line);

/* Sets the paragraph again for o->foot (which must be set): NULL when no
 * setting keeps the lines before o->foot->keep and frees line
 * o->foot->line of its hyphen. */
struct para *para_new_foot(struct para_engine *e, const char *text, int len,
			   PangoAttrList *attrs, const struct para_opts *o,
			   const char *file, long line);

/* x of the byte index `index` (of the paragraph text) within line `i`,
 * relative to the line's start, for link rectangles and markers. */
int para_index_to_x(const struct para *p, int i, int index);

#endif
