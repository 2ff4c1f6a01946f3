/* run: widths, extents and positions over the glyph runs of a set line. */
#include "run.h"

int run_width(const struct glyph_run *r, int n)
{
	int w = 0;

	for (int i = 0; i < n; i++)
		w += r[i].width;
	return w;
}

/* Whether one of the glyphs of gs is a missing glyph's box (its own
 * logical extents, not the font's). */
static int run_has_unknown(const PangoGlyphString *gs)
{
	for (int g = 0; g < gs->num_glyphs; g++)
		if (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return 1;
	return 0;
}

/* A run's logical top and height are those of its glyphs' union; a
 * PangoCairo font gives every glyph but a missing one's box the font's
 * own logical extents (pangocairo-font.c's glyph extents: font_extents,
 * only the width is the glyph's), so one glyph measures a run without
 * missing glyphs, instead of each glyph through the extents cache. */
void run_extents(const struct glyph_run *r, int n, int *ascent, int *descent)
{
	int top = 0, bottom = 0;

	for (int i = 0; i < n; i++) {
		const PangoGlyphString *gs = r[i].glyphs;
		PangoRectangle log;

		if (!gs->num_glyphs)
			continue;
		/* the glyphs are only read; Pango's signature is not const */
		pango_glyph_string_extents_range((PangoGlyphString *)gs, 0,
						 run_has_unknown(gs) ? gs->num_glyphs : 1,
						 r[i].item->analysis.font, NULL, &log);
		if (i == 0 || log.y < top)
			top = log.y;
		if (i == 0 || log.y + log.height > bottom)
			bottom = log.y + log.height;
	}
	*ascent = -top;
	*descent = bottom;
}

int run_index_to_x(const struct glyph_run *r, int index)
{
	int x = 0;

	if (index < r->offset)
		index = r->offset;
	if (index >= r->offset + r->length) /* the right end, the left one if RTL */
		return r->item->analysis.level % 2 ? 0 : r->width;
	/* the text and analysis are only read; Pango's signature is not const */
	pango_glyph_string_index_to_x(r->glyphs, (char *)r->text + r->offset, r->length,
				      (PangoAnalysis *)&r->item->analysis, index - r->offset,
				      FALSE, &x);
	return x;
}
