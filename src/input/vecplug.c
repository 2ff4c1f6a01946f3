/* vecplug: the table of plaquette-vector.so — librsvg and poppler-glib behind vector.h. */
#include <stdio.h>

#include <librsvg/rsvg.h>
#include <poppler.h>

#include "vector.h"
#include "version.h"

static void *vecplug_svg_open(const unsigned char *d, size_t n, double *w, double *h,
			      char *err, size_t errlen)
{
	GError *e = NULL;
	RsvgHandle *svg = rsvg_handle_new_from_data(d, n, &e);
	gdouble pw = 0, ph = 0;

	*w = *h = 0;
	if (!svg) {
		snprintf(err, errlen, "%s", e ? e->message : "librsvg could not read it");
		g_clear_error(&e);
		return NULL;
	}
	rsvg_handle_set_dpi(svg, 96);
	if (!rsvg_handle_get_intrinsic_size_in_pixels(svg, &pw, &ph)) {
		RsvgRectangle vb;
		gboolean has_vb = FALSE;

		rsvg_handle_get_intrinsic_dimensions(svg, NULL, NULL, NULL, NULL, &has_vb, &vb);
		if (has_vb) {
			pw = vb.width;
			ph = vb.height;
		}
	}
	*w = pw;
	*h = ph;
	return svg;
}

static int vecplug_svg_draw(void *svg, cairo_t *cr, const double r[4], char *err, size_t errlen)
{
	RsvgRectangle vp = { .x = r[0], .y = r[1], .width = r[2], .height = r[3] };
	GError *e = NULL;

	if (rsvg_handle_render_document(svg, cr, &vp, &e))
		return 0;
	snprintf(err, errlen, "%s", e ? e->message : "librsvg could not draw it");
	g_clear_error(&e);
	return -1;
}

static void *vecplug_pdf_open(const unsigned char *d, size_t n, int *pages, void **page,
			      double *w, double *h, char *err, size_t errlen)
{
	GBytes *bytes = g_bytes_new_static(d, n);
	GError *e = NULL;
	PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &e);

	g_bytes_unref(bytes);
	*pages = 0;
	*page = NULL;
	*w = *h = 0;
	if (!pd) {
		snprintf(err, errlen, "%s", e ? e->message : "poppler could not read it");
		g_clear_error(&e);
		return NULL;
	}
	*pages = poppler_document_get_n_pages(pd);
	if (*pages >= 1)
		*page = poppler_document_get_page(pd, 0);
	if (*page)
		poppler_page_get_size(*page, w, h);
	return pd;
}

static void vecplug_pdf_draw(void *page, cairo_t *cr)
{
	poppler_page_render_for_printing(page, cr);
}

const struct vector_api plaquette_vector = {
	.version = PLAQUETTE_VERSION,
	.abi = vector_abi(),
	.svg_open = vecplug_svg_open,
	.svg_draw = vecplug_svg_draw,
	.pdf_open = vecplug_pdf_open,
	.pdf_draw = vecplug_pdf_draw,
};
