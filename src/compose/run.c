/* run: widths, extents and positions over the glyph runs of a set line. */
#include <string.h>

#include "msg.h"
#include "run.h"

/* Glyphs [first, first + n) of gs in the compact form, into g (n of
 * them); 0 when one does not fit it: an x or y offset, a code that is
 * not a glyph index of the font (a missing glyph's box), a cluster past
 * 64 KiB, or attributes other than Pango's usual ones (a glyph starts a
 * cluster when its cluster is not the one of the glyph before, the way
 * Pango's shaper marks them in visual order; no colour glyph). */
static int run_compact(const PangoGlyphString *gs, int first, int n, int shift,
		       struct run_glyph *g)
{
	int prev = -1;

	for (int i = 0; i < n; i++) {
		const PangoGlyphInfo *in = &gs->glyphs[first + i];
		int cl = gs->log_clusters[first + i] - shift;
		PangoGlyph code = in->glyph;

		if (code >= RUN_EMPTY) {
			if (code != PANGO_GLYPH_EMPTY)
				return 0;
			code = RUN_EMPTY;
		}
		if ((in->geometry.x_offset | in->geometry.y_offset) || cl < 0 || cl > 0xFFFF ||
		    in->attr.is_color || in->attr.is_cluster_start != (guint)(cl != prev))
			return 0;
		prev = cl;
		g[i] = (struct run_glyph){ .advance = in->geometry.width, .glyph = (uint16_t)code,
					   .cluster = (uint16_t)cl };
	}
	return 1;
}

void run_set_glyphs(struct glyph_run *r, const PangoGlyphString *gs, int first, int n, int shift)
{
	int w = 0;

	r->nglyphs = n;
	r->full = NULL;
	r->g = xmalloc((size_t)(n ? n : 1) * sizeof *r->g);
	if (!run_compact(gs, first, n, shift, r->g)) {
		free(r->g);
		r->g = NULL;
		/* sized exactly (pango_glyph_string_set_size rounds up to a
		 * power of two); pango_glyph_string_free frees these with g_free */
		r->full = pango_glyph_string_new();
		r->full->num_glyphs = r->full->space = n;
		r->full->glyphs = g_new(PangoGlyphInfo, n);
		r->full->log_clusters = g_new(int, n);
		memcpy(r->full->glyphs, gs->glyphs + first, (size_t)n * sizeof *gs->glyphs);
		for (int i = 0; i < n; i++)
			r->full->log_clusters[i] = gs->log_clusters[first + i] - shift;
	}
	for (int i = 0; i < n; i++)
		w += gs->glyphs[first + i].geometry.width;
	r->width = w;
}

void run_free_glyphs(struct glyph_run *r)
{
	free(r->g);
	if (r->full)
		pango_glyph_string_free(r->full);
	r->g = NULL;
	r->full = NULL;
	r->nglyphs = 0;
}

PangoGlyphString *run_to_pango(const struct glyph_run *r)
{
	PangoGlyphString *gs;

	if (r->full)
		return pango_glyph_string_copy(r->full);
	gs = pango_glyph_string_new(); /* sized exactly, as run_set_glyphs */
	gs->num_glyphs = gs->space = r->nglyphs;
	gs->glyphs = g_new(PangoGlyphInfo, r->nglyphs);
	gs->log_clusters = g_new(int, r->nglyphs);
	for (int i = 0; i < r->nglyphs; i++) {
		PangoGlyphInfo *g = &gs->glyphs[i];

		memset(g, 0, sizeof *g);
		g->glyph = run_glyph(r, i);
		g->geometry.width = r->g[i].advance;
		gs->log_clusters[i] = r->g[i].cluster;
		g->attr.is_cluster_start = i == 0 || r->g[i].cluster != r->g[i - 1].cluster;
	}
	return gs;
}

int run_width(const struct glyph_run *r, int n)
{
	int w = 0;

	for (int i = 0; i < n; i++)
		w += r[i].width;
	return w;
}

/* Whether one of the glyphs of r is a missing glyph's box (its own
 * logical extents, not the font's); only a run kept whole has one. */
static int run_has_unknown(const struct glyph_run *r)
{
	for (int g = 0; r->full && g < r->nglyphs; g++)
		if (r->full->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return 1;
	return 0;
}

/* A run's logical top and height are those of its glyphs' union (as
 * pango_glyph_string_extents takes it); a PangoCairo font gives every
 * glyph but a missing one's box the font's own logical extents
 * (pangocairo-font.c's glyph extents: font_extents, only the width is
 * the glyph's), so one glyph measures a run without missing glyphs,
 * instead of each glyph through the extents cache. */
void run_extents(const struct glyph_run *r, int n, int *ascent, int *descent)
{
	int top = 0, bottom = 0;

	for (int i = 0; i < n; i++) {
		int upto = run_has_unknown(&r[i]) ? r[i].nglyphs : 1, t = 0, b = 0;

		if (!r[i].nglyphs)
			continue;
		for (int g = 0; g < upto; g++) {
			PangoRectangle log;

			pango_font_get_glyph_extents(r[i].item->analysis.font, run_glyph(&r[i], g),
						     NULL, &log);
			if (g == 0 || log.y < t)
				t = log.y;
			if (g == 0 || log.y + log.height > b)
				b = log.y + log.height;
		}
		if (i == 0 || t < top)
			top = t;
		if (i == 0 || b > bottom)
			bottom = b;
	}
	*ascent = -top;
	*descent = bottom;
}

int run_index_to_x(const struct glyph_run *r, int index)
{
	PangoGlyphString *gs;
	int x = 0;

	if (index < r->offset)
		index = r->offset;
	if (index >= r->offset + r->length) /* the right end, the left one if RTL */
		return r->item->analysis.level % 2 ? 0 : r->width;
	gs = run_to_pango(r);
	/* the text and analysis are only read; Pango's signature is not const */
	pango_glyph_string_index_to_x(gs, (char *)r->text + r->offset, r->length,
				      (PangoAnalysis *)&r->item->analysis, index - r->offset,
				      FALSE, &x);
	pango_glyph_string_free(gs);
	return x;
}
