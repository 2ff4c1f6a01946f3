/* run: widths, extents and positions over the glyph runs of a set line. */
#include "run.h"

int run_width(const struct glyph_run *r, int n)
{
	int w = 0;

	for (int i = 0; i < n; i++)
		w += r[i].width;
	return w;
}

void run_extents(const struct glyph_run *r, int n, int *ascent, int *descent)
{
	int top = 0, bottom = 0;

	for (int i = 0; i < n; i++) {
		PangoRectangle log;

		if (!r[i].glyphs->num_glyphs)
			continue;
		pango_glyph_string_extents(r[i].glyphs, r[i].item->analysis.font, NULL, &log);
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
