/* imgdraw: an image into its box — Cairo for pixels, librsvg and poppler (vector.h) for vectors. */
#include <math.h>
#include <stdio.h>

#include "imgdraw.h"
#include "imgcmyk.h"
#include "imgscale.h"
#include "vector.h"

int imgdraw(cairo_t *cr, const struct image *img, double x, double y, double w, double h,
	    int cover, double fx, double fy, const struct imgdraw_opts *o, char *err,
	    size_t errlen)
{
	double r[4];
	int rc = 0;

	*err = '\0';
	if (!(w > 0 && h > 0 && img->w > 0 && img->h > 0))
		return 0;
	image_fit_rect(img, x, y, w, h, cover, fx, fy, r);
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	if (img->surface) {
		/* on a PDF surface a JPEG's blank surface carries the file */
		int pdf = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF;
		cairo_surface_t *px = NULL;
		int pw = img->px_w, ph = img->px_h;

		if (pdf && o && o->cmyk)
			px = imgcmyk_convert(o->cmyk, img, err, errlen);
		else if (pdf && o)
			px = imgscale(img, r[2], r[3], o->max_ppi, err, errlen);

		if (!px && !*err)
			px = pdf ? cairo_surface_reference(img->surface) : image_pixels(img, err, errlen);
		if (!px) {
			cairo_restore(cr);
			return -1;
		}
		if (px != img->surface && cairo_surface_get_type(px) == CAIRO_SURFACE_TYPE_IMAGE) {
			pw = cairo_image_surface_get_width(px);
			ph = cairo_image_surface_get_height(px);
		}
		/* a filled rectangle, not cairo_paint(): cairo 1.16 refuses a
		 * paint inside a structure tag and drops the page; the pattern
		 * keeps its default extend, or Cairo would re-encode a JPEG */
		cairo_rectangle(cr, r[0], r[1], r[2], r[3]);
		cairo_translate(cr, r[0], r[1]);
		cairo_scale(cr, r[2] / pw, r[3] / ph);
		cairo_set_source_surface(cr, px, 0, 0);
		cairo_fill(cr);
		cairo_surface_destroy(px);
	} else if (img->svg) {
		rc = img->vec->svg_draw(img->svg, cr, r, err, errlen);
	} else if (img->pdf_page) {
		cairo_translate(cr, r[0], r[1]);
		cairo_scale(cr, r[2] / img->w, r[3] / img->h);
		img->vec->pdf_draw(img->pdf_page, cr);
	}
	cairo_restore(cr);
	if (!rc && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s", cairo_status_to_string(cairo_status(cr)));
		rc = -1;
	}
	return rc;
}
