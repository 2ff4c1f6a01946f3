/* image: the pictures a document names — found, checked and loaded.
 *
 * Every <image src="…"> is resolved against the XML's folder and must stay
 * inside it (no absolute path, no "..", no address, no link out).  The
 * file's size and, from its header, its pixel count are bounded before
 * anything is decoded.  Each format goes to its own library: PNG to Cairo
 * (libpng reads the header), JPEG to libjpeg (header, integrity) and
 * gdk-pixbuf (pixels), its bytes kept to be embedded unchanged; SVG to
 * librsvg (vectors; an SVG that names any external file or address is
 * refused); PDF to poppler-glib (its first page, vectors).  Problems are
 * reported at the element's file:line:col, before any PDF exists.
 *
 * The figures (limits, resolutions) come from the style sheet's <images>
 * element; image_limits_default() gives the defaults without one.
 */
#ifndef PLAQUETTE_IMAGE_H
#define PLAQUETTE_IMAGE_H

#include <stddef.h>

#include <cairo.h>

#include "doc.h"
#include "msg.h"
#include "style.h"

enum image_format { IMAGE_PNG, IMAGE_JPEG, IMAGE_SVG, IMAGE_PDF };

/* Bounds and the resolutions images are checked against. */
struct image_limits {
	long max_pixels;        /* refuse a raster image above this many pixels */
	long max_bytes;         /* refuse a file above this size */
	double print_ppi;       /* press editions: warn below this effective resolution */
	double min_ppi;         /* press editions: error below this (warning with --keep-going) */
	double max_upscale;     /* warn when a raster image is enlarged more than this */
	double screen_ppi;      /* the screen edition's target resolution */
	double screen_factor;   /* screen edition: downsample above factor × screen_ppi */
};

/* One loaded picture. */
struct image {
	const struct node *src;   /* the <image> element */
	long col;                 /* column of its src attribute (0 = unknown) */
	char *path;               /* the file, as resolved */
	enum image_format format;
	int px_w, px_h;           /* raster images: pixels; 0 for vectors */
	double w, h;              /* natural size in pt: vectors' own; rasters at their
				   * declared resolution (pHYs, JFIF), else 72 ppi */
	double dpi;               /* rasters: that resolution */
	const char *colorspace;   /* "RGB", "Gray", "CMYK", "YCCK", "vector" */
	int icc;                  /* the file carries an ICC profile */
	unsigned char *icc_data;  /* its bytes (PNG iCCP, JPEG APP2), or NULL */
	size_t icc_len;
	size_t bytes;             /* file size */
	unsigned char *data;      /* the file's bytes */
	cairo_surface_t *surface; /* PNG: its pixels; JPEG: a blank surface of its size
				   * carrying the file as MIME data, for PDF surfaces */
	const struct vector_api *vec; /* vector.h: what opened svg / pdf, draws them */
	void *svg;                /* RsvgHandle */
	void *pdf;                /* PopplerDocument */
	void *pdf_page;           /* PopplerPage: the first page */
};

struct image_set {
	struct image *v;
	size_t n, cap;
	struct image_limits lim;
};

const char *image_format_name(enum image_format f);

/* The defaults: 100 megapixels, 64 MiB, 300/150 ppi, 1.5×, 150 ppi × 2. */
void image_limits_default(struct image_limits *l);
/* The sheet's <images> figures over the defaults (s may be NULL). 0, or
 * -1 after reporting a bad value. */
int image_limits_read(struct image_limits *l, const struct style_sheet *s, struct msg *m);

/* Finds, checks and loads every <image> of d with the limits l; checks
 * that each has alt text or decorative="yes".  Returns the number of
 * errors reported (the set holds the images that loaded). */
int image_load_all(struct image_set *set, const struct doc *d, const struct image_limits *l,
		   struct msg *m);
/* A raster image's pixels for drawing anywhere but on a PDF surface (a
 * JPEG is decoded now, by gdk-pixbuf); a new reference, or NULL with the
 * library's message in err. */
cairo_surface_t *image_pixels(const struct image *img, char *err, size_t errlen);

/* The loaded image of element n, or NULL. */
const struct image *image_of(const struct image_set *set, const struct node *n);
void image_set_done(struct image_set *set);

/* The rectangle the whole picture covers when fitted into the box (x, y,
 * w, h, any unit): contain = as large as fits, cover = the box filled (the
 * picture overflows it, to be clipped).  fx, fy (0..1) is the point of the
 * picture kept in view, or, for contain, where the spare room goes. */
void image_fit_rect(const struct image *img, double x, double y, double w, double h, int cover,
		    double fx, double fy, double out[4]);

/* Checks one placement: the image drawn w × h pt (the whole picture's size
 * on the page, before any cropping).  Press editions (print) warn below
 * print_ppi and fail below min_ppi unless keep_going; every edition warns
 * when the picture is enlarged above max_upscale times its natural size; min_w (pt, 0 = none) is a logo's minimum width.
 * Returns the effective ppi (0 for vectors). */
double image_check_placed(const struct image *img, double w, double h, double min_w,
			  const struct image_limits *l, int print, int keep_going,
			  const char *file, struct msg *m);

#endif
