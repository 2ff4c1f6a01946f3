/* preview: pages and a contact sheet as PNG, drawn by pdf_draw_page. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <pango/pangocairo.h>

#include "pdf.h"
#include "preview.h"

#define PREVIEW_PT(u) ((double)(u) / PANGO_SCALE)

void preview_page_size(const struct layout *l, double dpi, int *w, int *h)
{
	*w = (int)lround(PREVIEW_PT(l->page_w) * dpi / 72.0);
	*h = (int)lround(PREVIEW_PT(l->page_h) * dpi / 72.0);
}

static int preview_thumb_h(const struct layout *l)
{
	return (int)lround((double)PREVIEW_THUMB_W * l->page_h / (l->page_w > 0 ? l->page_w : 1));
}

void preview_contact_size(const struct layout *l, int *w, int *h)
{
	int cols = l->npages < PREVIEW_CONTACT_COLS ? l->npages : PREVIEW_CONTACT_COLS;
	int rows;

	cols = cols < 1 ? 1 : cols;
	rows = (l->npages + cols - 1) / cols;
	rows = rows < 1 ? 1 : rows;
	*w = cols * PREVIEW_THUMB_W + (cols + 1) * PREVIEW_MARGIN;
	*h = rows * (preview_thumb_h(l) + PREVIEW_LABEL_H) + (rows + 1) * PREVIEW_MARGIN;
}

/* A new image of w × h pixels filled with a grey (1 = white); NULL when
 * out of bounds. */
static cairo_surface_t *preview_surface(int w, int h, double grey)
{
	cairo_surface_t *s;
	cairo_t *cr;

	if (w < 1 || h < 1 || w > PREVIEW_MAX_PIXELS || h > PREVIEW_MAX_PIXELS)
		return NULL;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_paint(cr);
	cairo_destroy(cr);
	return s;
}

/* Draws page i of l with its top-left at (x, y) pixels, `scale` pixels a
 * point, clipped to the trim on a white ground. */
static void preview_draw(cairo_t *cr, const struct layout *l, int i, double x, double y,
			 double scale)
{
	const struct pdf_opts po = { .offset = 0, .bleed = 0, .marks = 0 };

	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, scale, scale);
	cairo_rectangle(cr, 0, 0, PREVIEW_PT(l->page_w), PREVIEW_PT(l->page_h));
	cairo_clip_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	pdf_draw_page(cr, l, &l->pages[i], &po);
	cairo_restore(cr);
}

/* s, once cr has drawn on it (cr is destroyed); NULL, s destroyed too,
 * when Cairo stopped drawing. */
static cairo_surface_t *preview_done(cairo_t *cr, cairo_surface_t *s)
{
	cairo_status_t st = cairo_status(cr);

	cairo_destroy(cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	return s;
}

cairo_surface_t *preview_render(const struct layout *l, int i, double dpi)
{
	int w, h;
	cairo_surface_t *s;
	cairo_t *cr;

	preview_page_size(l, dpi, &w, &h);
	s = preview_surface(w, h, 1.0);
	if (!s)
		return NULL;
	cr = cairo_create(s);
	preview_draw(cr, l, i, 0, 0, dpi / 72.0);
	return preview_done(cr, s);
}

double preview_text(cairo_t *cr, const struct font *f, const char *text, double size,
		    double x, double y, double width, int center, uint32_t rgb)
{
	PangoLayout *lay = pango_layout_new(font_context(f));
	PangoFontDescription *fd = pango_font_description_from_string("Noto Sans");
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(lay, fd);
	if (width > 0)
		pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(lay, center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	pango_layout_set_text(lay, text, -1);
	if (cr) {
		cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
				     (rgb & 0xff) / 255.0);
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, lay);
	}
	pango_layout_get_size(lay, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(lay);
	return PREVIEW_PT(h);
}

void preview_spread_of(int npages, int k, int *first, int *count)
{
	*first = k == 0 ? 0 : 2 * k - 1;
	*count = k == 0 || *first + 1 >= npages ? 1 : 2;
}

int preview_spread_count(int npages)
{
	return npages < 1 ? 0 : npages / 2 + 1;
}

/* Pages first .. first+count-1 of l side by side, at dpi, no gap: the
 * spread a reader sees. */
static cairo_surface_t *preview_spread(const struct layout *l, int first, int count, double dpi)
{
	int w, h;
	cairo_surface_t *s;
	cairo_t *cr;

	preview_page_size(l, dpi, &w, &h);
	s = preview_surface(w * count, h, 1.0);
	if (!s)
		return NULL;
	cr = cairo_create(s);
	for (int j = 0; j < count; j++)
		preview_draw(cr, l, first + j, (double)w * j, 0, dpi / 72.0);
	return preview_done(cr, s);
}

/* Writes s to `path` through the output guard; reports and returns -1
 * when it is refused or Cairo cannot. */
static int preview_png(cairo_surface_t *s, struct out_set *set, const char *path, struct msg *m)
{
	const char *tmp = out_claim(set, path, m);
	cairo_status_t st;

	if (!tmp)
		return -1;
	st = s ? cairo_surface_status(s) : CAIRO_STATUS_INVALID_SIZE;
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png(s, tmp);
	if (st == CAIRO_STATUS_SUCCESS) {
		out_done(set, path);
		return 0;
	}
	msg_at(m, M_PREVIEW_FAILED, path, 0, 0, path, cairo_status_to_string(st));
	return -1;
}

/* The contact sheet: every page scaled to PREVIEW_THUMB_W pixels on a
 * grey ground, in rows, each with its page number centred below. */
static cairo_surface_t *preview_contact(const struct build *b)
{
	const struct layout *l = b->layout;
	int w, h, th = preview_thumb_h(l);
	int cols = l->npages < PREVIEW_CONTACT_COLS ? l->npages : PREVIEW_CONTACT_COLS;
	double scale = (double)PREVIEW_THUMB_W / PREVIEW_PT(l->page_w);
	cairo_surface_t *s;
	cairo_t *cr;

	preview_contact_size(l, &w, &h);
	s = preview_surface(w, h, 0.82);
	if (!s)
		return NULL;
	cr = cairo_create(s);
	for (int i = 0; i < l->npages; i++) {
		double x = PREVIEW_MARGIN + (i % cols) * (PREVIEW_THUMB_W + PREVIEW_MARGIN);
		double y = PREVIEW_MARGIN + (i / cols) * (th + PREVIEW_LABEL_H + PREVIEW_MARGIN);
		char num[16];

		preview_draw(cr, l, i, x, y, scale);
		snprintf(num, sizeof num, "%d", l->pages[i].number);
		cairo_save(cr);
		cairo_rectangle(cr, x, y + th, PREVIEW_THUMB_W, PREVIEW_LABEL_H);
		cairo_clip(cr);
		preview_text(cr, b->font, num, 9, x, y + th + 2, PREVIEW_THUMB_W, 1, 0x202020);
		cairo_restore(cr);
	}
	return preview_done(cr, s);
}

/* Whether `name` is one this module writes: page-NN.png, spread-NN.png
 * or spread-NN-MM.png exactly. */
static int preview_is_ours(const char *name)
{
	int a, b;
	char again[64];

	if (sscanf(name, "page-%d.png", &a) == 1)
		snprintf(again, sizeof again, "page-%02d.png", a);
	else if (sscanf(name, "spread-%d-%d.png", &a, &b) == 2)
		snprintf(again, sizeof again, "spread-%02d-%02d.png", a, b);
	else if (sscanf(name, "spread-%d.png", &a) == 1)
		snprintf(again, sizeof again, "spread-%02d.png", a);
	else
		return 0;
	return strcmp(again, name) == 0;
}

/* The previews of DIR (an earlier run's, perhaps of more pages): stale
 * unless this run writes them too; out_commit() removes the others. */
static void preview_stale(struct out_set *set, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (!d)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		if (preview_is_ours(name)) {
			char *path = g_build_filename(dir, name, NULL);

			out_stale(set, path);
			g_free(path);
		}
	}
	g_dir_close(d);
}

int preview_write(const struct build *b, struct out_set *set, const char *dir, double dpi,
		  struct msg *m)
{
	const struct layout *l = b->layout;
	char *path = xmalloc(strlen(dir) + 48);
	cairo_surface_t *s;
	int rc = -1;

	if (out_mkdir(set, dir, m) < 0)
		goto out;
	for (int i = 0; i < l->npages; i++) {
		sprintf(path, "%s/page-%02d.png", dir, l->pages[i].number);
		s = preview_render(l, i, dpi);
		if (preview_png(s, set, path, m) < 0) {
			cairo_surface_destroy(s);
			goto out;
		}
		cairo_surface_destroy(s);
	}
	for (int k = 0; k < preview_spread_count(l->npages); k++) {
		int first, count;

		preview_spread_of(l->npages, k, &first, &count);
		if (count == 1)
			sprintf(path, "%s/spread-%02d.png", dir, l->pages[first].number);
		else
			sprintf(path, "%s/spread-%02d-%02d.png", dir, l->pages[first].number,
				l->pages[first + 1].number);
		s = preview_spread(l, first, count, dpi);
		if (preview_png(s, set, path, m) < 0) {
			cairo_surface_destroy(s);
			goto out;
		}
		cairo_surface_destroy(s);
	}
	preview_stale(set, dir);
	sprintf(path, "%s/contact.png", dir);
	s = preview_contact(b);
	rc = preview_png(s, set, path, m);
	cairo_surface_destroy(s);
	if (rc == 0)
		msg_at(m, M_PREVIEW_DONE, dir, 0, 0, l->npages, preview_spread_count(l->npages), dir);
out:
	free(path);
	return rc;
}
