/* run: the glyph runs of a set line, cut by para.c at setting time,
 * borrowed by the display list (page.h) and drawn by pdf.c.
 *
 * A run is a piece of one Pango item: one font, one direction, one set of
 * attributes (colour, letter spacing…), its glyphs with the geometry as
 * set (justification and letter spacing are already in the advances) and
 * the clusters that tie them to the text, so that a drawer can show them
 * with cairo_show_text_glyphs() and text extraction keeps ligatures'
 * characters.  A line is a left-to-right (visual order) array of runs.
 *
 * The glyphs are kept compact, 8 bytes each (advance, glyph, cluster),
 * when they can be without loss: no x or y offset, glyph indexes of the
 * font (or empty glyphs), clusters under 64 KiB and Pango's usual
 * attributes.  A run with any other glyph keeps its Pango glyph string
 * whole (a missing glyph's box, marks placed by offsets…).  Read them
 * through the accessors below, whatever the form.
 */
#ifndef PLAQUETTE_RUN_H
#define PLAQUETTE_RUN_H

#include <stdint.h>

#include <pango/pango.h>

/* One glyph in the compact form. */
struct run_glyph {
	int32_t advance;  /* Pango units, as set */
	uint16_t glyph;   /* the font's glyph index; RUN_EMPTY: PANGO_GLYPH_EMPTY */
	uint16_t cluster; /* byte of its cluster, counted from the run's offset */
};

#define RUN_EMPTY 0xFFFFu

struct glyph_run {
	const PangoItem *item;    /* font (item->analysis.font), bidi level
				     (item->analysis.level), extra attributes
				     (foreground colour…); shared by the runs
				     cut from one item: its offset and length
				     are not the run's */
	struct run_glyph *g;      /* nglyphs compact glyphs, or NULL: */
	PangoGlyphString *full;   /* the glyphs as Pango made them (when not
				     compact); log_clusters count from `offset` */
	int nglyphs;
	const char *text;         /* the text `offset` counts in: the
				     paragraph's, or the added hyphen's */
	int offset, length;       /* the bytes of `text` shown */
	int width;                /* the sum of the advances, Pango units */
};

/* The glyphs [first, first + n) of gs as run r's (their clusters less
 * `shift`), compact when they can be, else a copy of them; r->width is
 * their advances' sum.  gs is not changed. */
void run_set_glyphs(struct glyph_run *r, const PangoGlyphString *gs, int first, int n, int shift);

/* Frees r's glyphs. */
void run_free_glyphs(struct glyph_run *r);

/* r's glyphs as a new Pango glyph string (for Pango's own functions). */
PangoGlyphString *run_to_pango(const struct glyph_run *r);

static inline PangoGlyph run_glyph(const struct glyph_run *r, int i)
{
	if (!r->g)
		return r->full->glyphs[i].glyph;
	return r->g[i].glyph == RUN_EMPTY ? PANGO_GLYPH_EMPTY : r->g[i].glyph;
}

static inline int run_advance(const struct glyph_run *r, int i)
{
	return r->g ? r->g[i].advance : r->full->glyphs[i].geometry.width;
}

/* Adds d to glyph i's advance (and to the run's width). */
static inline void run_widen(struct glyph_run *r, int i, int d)
{
	if (r->g)
		r->g[i].advance += d;
	else
		r->full->glyphs[i].geometry.width += d;
	r->width += d;
}

static inline int run_cluster(const struct glyph_run *r, int i)
{
	return r->g ? r->g[i].cluster : r->full->log_clusters[i];
}

static inline int run_x_offset(const struct glyph_run *r, int i)
{
	return r->g ? 0 : r->full->glyphs[i].geometry.x_offset;
}

static inline int run_y_offset(const struct glyph_run *r, int i)
{
	return r->g ? 0 : r->full->glyphs[i].geometry.y_offset;
}

/* Width of runs [0, n), Pango units. */
int run_width(const struct glyph_run *r, int n);

/* Logical ascent and descent of runs [0, n) (Pango units, both >= 0 for
 * ordinary text), as a PangoLayoutLine of them would have. */
void run_extents(const struct glyph_run *r, int n, int *ascent, int *descent);

/* x (from the run's left) of the leading edge of byte `index` of
 * r->text, from r->offset to r->offset + r->length (its right end). */
int run_index_to_x(const struct glyph_run *r, int index);

#endif
