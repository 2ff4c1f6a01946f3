/* imgdraw: an image into its box — Cairo for pixels, librsvg and poppler for vectors. */
#include <math.h>

#include <librsvg/rsvg.h>
#include <poppler.h>

#include "imgdraw.h"

void imgdraw_rect(const struct image *img, double x, double y, double w, double h,
		  enum imgdraw_fit fit, double fx, double fy, double out[4])
{
	double sx = w / img->w, sy = h / img->h;
	double s = fit == IMGDRAW_COVER ? fmax(sx, sy) : fmin(sx, sy);
	double iw = img->w * s, ih = img->h * s;

	fx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
	fy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
	out[0] = x + (w - iw) * fx;
	out[1] = y + (h - ih) * fy;
	out[2] = iw;
	out[3] = ih;
}

int imgdraw(cairo_t *cr, const struct image *img, double x, double y, double w, double h,
	    enum imgdraw_fit fit, double fx, double fy, const char **err)
{
	double r[4];
	int rc = 0;

	*err = NULL;
	if (!(w > 0 && h > 0 && img->w > 0 && img->h > 0))
		return 0;
	imgdraw_rect(img, x, y, w, h, fit, fx, fy, r);
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	if (img->surface) {
		/* a filled rectangle, not cairo_paint(): cairo 1.16 refuses a
		 * paint inside a structure tag and drops the page */
		cairo_rectangle(cr, r[0], r[1], r[2], r[3]);
		cairo_translate(cr, r[0], r[1]);
		cairo_scale(cr, r[2] / img->px_w, r[3] / img->px_h);
		cairo_set_source_surface(cr, img->surface, 0, 0);
		cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
		cairo_fill(cr);
	} else if (img->svg) {
		RsvgRectangle vp = { .x = r[0], .y = r[1], .width = r[2], .height = r[3] };
		GError *e = NULL;

		if (!rsvg_handle_render_document(img->svg, cr, &vp, &e)) {
			*err = "librsvg could not draw it";
			g_clear_error(&e);
			rc = -1;
		}
	} else if (img->pdf_page) {
		cairo_translate(cr, r[0], r[1]);
		cairo_scale(cr, r[2] / img->w, r[3] / img->h);
		poppler_page_render_for_printing(img->pdf_page, cr);
	}
	cairo_restore(cr);
	if (!rc && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		*err = cairo_status_to_string(cairo_status(cr));
		rc = -1;
	}
	return rc;
}
