/* glyphdraw: shaped glyphs drawn straight with Cairo (no Pango renderer). */
#include <stdlib.h>

#include <pango/pangocairo.h>

#include "glyphdraw.h"

/* Runs up to this many glyphs use the stack (a line's run rarely has more). */
#define GLYPHDRAW_STACK 256

/* The foreground colour among the item's attributes, or NULL. */
static const PangoColor *glyphdraw_color(const PangoItem *item)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
		const PangoAttribute *a = l->data;

		if (a->klass->type == PANGO_ATTR_FOREGROUND)
			return &((const PangoAttrColor *)a)->color;
	}
	return NULL;
}

/* Whether a glyph is drawn: not an empty one (a collapsed character) and
 * not one the font lacks. */
static int glyphdraw_shown(PangoGlyph g)
{
	return g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG);
}

/* The clusters of `glyphs` (in logical order, as Cairo wants them with
 * CAIRO_TEXT_CLUSTER_FLAG_BACKWARD for a right-to-left run): a cluster is
 * the glyphs sharing one cluster value, its bytes run to the next
 * cluster's start or to the run's end; glyphs that are not drawn are not
 * counted.  Pango's glyph item iterator cuts them the same way.  Returns
 * the number of clusters written to c (at most num_glyphs). */
static int glyphdraw_clusters(const struct glyph_run *r, int backward, cairo_text_cluster_t *c)
{
	const int n = r->nglyphs, step = backward ? -1 : 1;
	int k = 0, start = 0, g = backward ? n - 1 : 0;

	while (g >= 0 && g < n) {
		int cluster = run_cluster(r, g), count = 0, end;

		do {
			count += glyphdraw_shown(run_glyph(r, g));
			g += step;
		} while (g >= 0 && g < n && run_cluster(r, g) <= cluster);
		end = g >= 0 && g < n ? run_cluster(r, g) : r->length;
		c[k].num_bytes = end - start;
		c[k].num_glyphs = count;
		k++;
		start = end;
	}
	return k;
}

/* Whether every glyph is empty or one the font has (a compact run's
 * always are). */
static int glyphdraw_known(const struct glyph_run *r)
{
	for (int i = 0; r->full && i < r->nglyphs; i++) {
		PangoGlyph g = run_glyph(r, i);

		if (g != PANGO_GLYPH_EMPTY && (g & PANGO_GLYPH_UNKNOWN_FLAG))
			return 0;
	}
	return 1;
}

/* Pango draws a run with missing glyphs: its box with the character's
 * code is its own drawing, and such a run is an error the glyph check
 * reported already. */
static void glyphdraw_pango(cairo_t *cr, const struct glyph_run *r, double x, double y)
{
	PangoItem own = *r->item;
	PangoGlyphItem gi = { .item = &own, .glyphs = run_to_pango(r) };

	own.offset = r->offset;
	own.length = r->length;
	own.num_chars = (int)g_utf8_strlen(r->text + r->offset, r->length);
	cairo_move_to(cr, x, y);
	pango_cairo_show_glyph_item(cr, r->text, &gi);
	pango_glyph_string_free(gi.glyphs);
}

void glyphdraw_run(cairo_t *cr, const struct glyph_run *r, double x, double y)
{
	cairo_glyph_t stack_g[GLYPHDRAW_STACK], *cg = stack_g;
	cairo_text_cluster_t stack_c[GLYPHDRAW_STACK], *cc = stack_c;
	const PangoColor *color = glyphdraw_color(r->item);
	cairo_scaled_font_t *sf;
	int backward = r->item->analysis.level & 1, count = 0, pos = 0;

	if (r->nglyphs <= 0)
		return;
	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(r->item->analysis.font));
	if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS || !glyphdraw_known(r)) {
		glyphdraw_pango(cr, r, x, y);
		return;
	}
	if (r->nglyphs > GLYPHDRAW_STACK) {
		cg = g_new(cairo_glyph_t, r->nglyphs);
		cc = g_new(cairo_text_cluster_t, r->nglyphs);
	}
	/* the same arithmetic as Pango's renderer, so the same positions */
	for (int i = 0; i < r->nglyphs; i++) {
		PangoGlyph g = run_glyph(r, i);

		if (glyphdraw_shown(g)) {
			int yo = run_y_offset(r, i);

			cg[count].index = g;
			cg[count].x = x + (double)(pos + run_x_offset(r, i)) / PANGO_SCALE;
			cg[count].y = yo == 0 ? y : y + (double)yo / PANGO_SCALE;
			count++;
		}
		pos += run_advance(r, i);
	}
	if (color) {
		cairo_save(cr);
		cairo_set_source_rgb(cr, color->red / 65535., color->green / 65535.,
				     color->blue / 65535.);
	}
	cairo_set_scaled_font(cr, sf);
	if (cairo_surface_has_show_text_glyphs(cairo_get_target(cr))) {
		int nc = glyphdraw_clusters(r, backward, cc);

		cairo_show_text_glyphs(cr, r->text + r->offset, r->length, cg, count, cc, nc,
				       backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	} else {
		cairo_show_glyphs(cr, cg, count);
	}
	if (color)
		cairo_restore(cr);
	if (cg != stack_g) {
		g_free(cg);
		g_free(cc);
	}
}

void glyphdraw_line(cairo_t *cr, const struct glyph_run *r, int n, double x, double y)
{
	int at = 0; /* Pango units from x */

	/* Pango's renderer started from Cairo's current point, which Cairo
	 * keeps in 24.8 fixed point: the line starts there too (within
	 * 1/256 pt of (x, y)), so the PDF is the one Pango's renderer wrote */
	cairo_move_to(cr, x, y);
	cairo_get_current_point(cr, &x, &y);
	for (int i = 0; i < n; at += r[i].width, i++)
		glyphdraw_run(cr, &r[i], x + (double)at / PANGO_SCALE, y);
}
