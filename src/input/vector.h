/* vector: SVG and PDF pictures through librsvg and poppler-glib, which
 * live in a plugin, plaquette-vector.so (plugload.h), so that only a
 * document that has such a picture loads them (and the libstdc++,
 * Rust and GTK libraries they bring).
 *
 * image.c opens the pictures with it and keeps the table in struct
 * image; imgdraw.c draws through the same table.  Handles are GObjects:
 * the caller drops them with g_object_unref.
 */
#ifndef PLAQUETTE_VECTOR_H
#define PLAQUETTE_VECTOR_H

#include <stddef.h>

#include <cairo.h>

#include "msg.h"
#include "version.h"

#define VECTOR_FILE "plaquette-vector.so"
#define VECTOR_SYMBOL "plaquette_vector"

struct vector_api {
	const char *version; /* PLAQUETTE_VERSION it was built with (plugload_head) */
	size_t abi;          /* vector_abi() of its build */
	/* An SVG from memory (no base file: nothing relative resolves) at
	 * 96 dpi: its handle, its intrinsic size in CSS px in *w, *h (the
	 * viewBox's when it has no width and height; 0 when neither), or
	 * NULL with the reason in err. */
	void *(*svg_open)(const unsigned char *d, size_t n, double *w, double *h, char *err,
			  size_t errlen);
	/* Draw the SVG into rectangle r (x, y, w, h).  0, or -1 with err. */
	int (*svg_draw)(void *svg, cairo_t *cr, const double r[4], char *err, size_t errlen);
	/* A PDF from memory (the bytes must outlive the document): the
	 * document, its page count, its first page (NULL when none) and that
	 * page's size in pt, or NULL with the reason in err. */
	void *(*pdf_open)(const unsigned char *d, size_t n, int *pages, void **page, double *w,
			  double *h, char *err, size_t errlen);
	/* Draw the page at its own size (the caller scales) as vectors. */
	void (*pdf_draw)(void *page, cairo_t *cr);
};

#define vector_abi() ((size_t)PLAQUETTE_ABI + sizeof(struct vector_api) * 1000003u + 7u)

/* The table, linked in or loaded; NULL after M_PLUGIN naming `what`. */
const struct vector_api *vector_get(const char *what, struct msg *m);

#endif
