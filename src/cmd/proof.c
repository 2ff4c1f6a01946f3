/* proof: two editions compared page by page; the proof PDF, its PNGs and a summary. */
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "pdf.h"
#include "preview.h"
#include "proof.h"
#include "proofimg.h"

#define PROOF_PT(u) ((double)(u) / PANGO_SCALE)

enum {
	PROOF_TOLERANCE = 40,      /* a channel must differ by more than this (of 255) */
	PROOF_MAX_RECTS = 256,     /* rectangles tracked while merging; beyond, one box */
	PROOF_MIN_LINE = 12,       /* bytes of a first line worth looking for elsewhere */
	PROOF_MARGIN = 40,         /* points around the summary's text */
};

/* Rectangles of changed cells, in cells, ends exclusive. */
struct proof_rects {
	int (*v)[4];               /* x0, y0, x1, y1 */
	size_t n, cap;             /* how many, room for */
	int bbox[4];               /* around every changed cell */
	int any;                   /* a cell changed */
	int overflow;              /* too many rectangles: keep the bbox alone */
};

/* Whether two pixels differ by more than the tolerance in a channel. */
static int proof_pixel_differs(uint32_t a, uint32_t b)
{
	for (int shift = 0; shift < 24; shift += 8) {
		int d = (int)((a >> shift) & 0xff) - (int)((b >> shift) & 0xff);

		if (d > PROOF_TOLERANCE || d < -PROOF_TOLERANCE)
			return 1;
	}
	return 0;
}

/* The changed cells of two images of the same size (gw × gh cells). */
static unsigned char *proof_cells(cairo_surface_t *a, cairo_surface_t *b, int gw, int gh)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
	const unsigned char *da = cairo_image_surface_get_data(a);
	const unsigned char *db = cairo_image_surface_get_data(b);
	unsigned char *cells = xcalloc((size_t)gw * (size_t)gh, 1);

	for (int y = 0; y < h; y++) {
		const uint32_t *ra = (const uint32_t *)(da + (size_t)y * (size_t)sa);
		const uint32_t *rb = (const uint32_t *)(db + (size_t)y * (size_t)sb);
		unsigned char *row = cells + (size_t)(y / PROOF_CELL) * (size_t)gw;

		for (int x = 0; x < w; x++)
			if (proof_pixel_differs(ra[x], rb[x]))
				row[x / PROOF_CELL] = 1;
	}
	return cells;
}

/* Whether rectangles a and b overlap or touch. */
static int proof_near(const int *a, const int *b)
{
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

static void proof_union(int *a, const int *b)
{
	a[0] = a[0] < b[0] ? a[0] : b[0];
	a[1] = a[1] < b[1] ? a[1] : b[1];
	a[2] = a[2] > b[2] ? a[2] : b[2];
	a[3] = a[3] > b[3] ? a[3] : b[3];
}

/* Adds a run of changed cells on row y: it extends a rectangle it
 * touches, or starts one. */
static void proof_add_run(struct proof_rects *r, int x0, int x1, int y)
{
	int run[4] = { x0, y, x1, y + 1 };

	if (!r->any)
		memcpy(r->bbox, run, sizeof run);
	proof_union(r->bbox, run);
	r->any = 1;
	if (r->overflow)
		return;
	for (size_t i = 0; i < r->n; i++) {
		if (proof_near(r->v[i], run)) {
			proof_union(r->v[i], run);
			return;
		}
	}
	if (r->n >= PROOF_MAX_RECTS) {
		r->overflow = 1;
		return;
	}
	xgrow(&r->v, &r->cap, r->n + 1, sizeof *r->v);
	memcpy(r->v[r->n++], run, sizeof run);
}

/* Merges rectangles that overlap or touch until none do. */
static void proof_merge(struct proof_rects *r)
{
	int merged = 1;

	while (merged) {
		merged = 0;
		for (size_t i = 0; i < r->n; i++)
			for (size_t j = i + 1; j < r->n; j++) {
				if (!proof_near(r->v[i], r->v[j]))
					continue;
				proof_union(r->v[i], r->v[j]);
				memmove(r->v[j], r->v[j + 1], (r->n - j - 1) * sizeof *r->v);
				r->n--;
				j = i;
				merged = 1;
			}
	}
}

/* The changed cells as runs per row, merged into rectangles. */
static void proof_rects_of(struct proof_rects *r, const unsigned char *cells, int gw, int gh)
{
	for (int y = 0; y < gh; y++) {
		for (int x = 0; x < gw;) {
			int x0;

			if (!cells[(size_t)y * (size_t)gw + (size_t)x]) {
				x++;
				continue;
			}
			for (x0 = x; x < gw && cells[(size_t)y * (size_t)gw + (size_t)x]; x++)
				;
			proof_add_run(r, x0, x, y);
		}
	}
	if (!r->overflow)
		proof_merge(r);
	if (r->overflow || r->n > PROOF_MAX_BOXES) {
		r->n = 1;
		memcpy(r->v[0], r->bbox, sizeof r->bbox);
	}
}

/* Compares page i of both layouts: the boxes around what differs, in
 * points (a cell's margin around each).  Pages of another size differ
 * everywhere. */
static void proof_diff_page(struct proof_page *pp, const struct layout *old,
			    const struct layout *now, int i)
{
	cairo_surface_t *a = preview_render(old, i, PROOF_DPI);
	cairo_surface_t *b = preview_render(now, i, PROOF_DPI);
	struct proof_rects r = { 0 };
	double k = 72.0 / PROOF_DPI * PROOF_CELL;

	if (!a || !b || cairo_image_surface_get_width(a) != cairo_image_surface_get_width(b) ||
	    cairo_image_surface_get_height(a) != cairo_image_surface_get_height(b)) {
		pp->boxes = xcalloc(1, sizeof *pp->boxes);
		pp->boxes[0] = (struct proof_box){
			.w = PROOF_PT(now->page_w), .h = PROOF_PT(now->page_h),
		};
		pp->nboxes = 1;
	} else {
		int gw = (cairo_image_surface_get_width(a) + PROOF_CELL - 1) / PROOF_CELL;
		int gh = (cairo_image_surface_get_height(a) + PROOF_CELL - 1) / PROOF_CELL;
		unsigned char *cells = proof_cells(a, b, gw, gh);

		proof_rects_of(&r, cells, gw, gh);
		pp->boxes = xcalloc(r.n, sizeof *pp->boxes);
		for (size_t j = 0; j < r.n; j++)
			pp->boxes[j] = (struct proof_box){
				.x = (r.v[j][0] - 0.5) * k,
				.y = (r.v[j][1] - 0.5) * k,
				.w = (r.v[j][2] - r.v[j][0] + 1) * k,
				.h = (r.v[j][3] - r.v[j][1] + 1) * k,
			};
		pp->nboxes = (int)r.n;
		free(cells);
		free(r.v);
	}
	pp->state = pp->nboxes ? PROOF_CHANGED : PROOF_UNCHANGED;
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

/* The first line of a page worth looking for elsewhere: text from the
 * document (not a footer) of at least PROOF_MIN_LINE bytes. */
static const struct dl_item *proof_first_line(const struct dl_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].kind == DL_TEXT && p->items[i].src_line > 0 && p->items[i].text &&
		    p->items[i].text_len >= PROOF_MIN_LINE)
			return &p->items[i];
	return NULL;
}

static int proof_page_has(const struct dl_page *p, const struct dl_item *line)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].kind == DL_TEXT && p->items[i].text_len == line->text_len &&
		    memcmp(p->items[i].text, line->text, (size_t)line->text_len) == 0)
			return 1;
	return 0;
}

/* The old page number that holds the first line of new page i, when it
 * is not page i itself (the nearest such page: a title is also in the
 * Sommaire); 0 otherwise. */
static int proof_moved_from(const struct layout *old, const struct layout *now, int i)
{
	const struct dl_item *line = proof_first_line(&now->pages[i]);

	if (!line || (i < old->npages && proof_page_has(&old->pages[i], line)))
		return 0;
	for (int d = 1; d < old->npages + i + 1; d++) {
		if (i - d >= 0 && i - d < old->npages && proof_page_has(&old->pages[i - d], line))
			return old->pages[i - d].number;
		if (i + d < old->npages && proof_page_has(&old->pages[i + d], line))
			return old->pages[i + d].number;
	}
	return 0;
}

/* One Sommaire entry: a destination with an outline level. */
struct proof_entry {
	const char *id;            /* the element's id */
	const char *title;         /* as the outline shows it */
	int page;                  /* page number */
};

/* The Sommaire's entries of l in order, the first of each id. */
static GArray *proof_entries(const struct layout *l)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct proof_entry));
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (int i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].n; j++) {
			const struct dl_item *it = &l->pages[i].items[j];
			struct proof_entry e;

			if (it->kind != DL_DEST || it->level <= 0 || !it->uri ||
			    g_hash_table_contains(seen, it->uri))
				continue;
			g_hash_table_add(seen, (gpointer)it->uri);
			e = (struct proof_entry){
				.id = it->uri, .title = it->text ? it->text : it->uri,
				.page = l->pages[i].number,
			};
			g_array_append_val(a, e);
		}
	g_hash_table_destroy(seen);
	return a;
}

static const struct proof_entry *proof_entry_find(const GArray *a, const char *id)
{
	for (guint i = 0; i < a->len; i++)
		if (strcmp(g_array_index(a, struct proof_entry, i).id, id) == 0)
			return &g_array_index(a, struct proof_entry, i);
	return NULL;
}

/* Sommaire entries whose page changed or that appeared, in the new
 * edition's order, then those that went. */
static void proof_toc(struct proof *p, const struct layout *old, const struct layout *now)
{
	GArray *before = proof_entries(old), *after = proof_entries(now);

	for (guint i = 0; i < after->len; i++) {
		const struct proof_entry *e = &g_array_index(after, struct proof_entry, i);
		const struct proof_entry *o = proof_entry_find(before, e->id);

		if (!o)
			g_ptr_array_add(p->toc, g_strdup_printf("%s: new, p. %d", e->title, e->page));
		else if (o->page != e->page)
			g_ptr_array_add(p->toc, g_strdup_printf("%s p. %d → p. %d", e->title, o->page,
								e->page));
	}
	for (guint i = 0; i < before->len; i++) {
		const struct proof_entry *o = &g_array_index(before, struct proof_entry, i);

		if (!proof_entry_find(after, o->id))
			g_ptr_array_add(p->toc, g_strdup_printf("%s: removed (was p. %d)", o->title,
								o->page));
	}
	g_array_free(before, TRUE);
	g_array_free(after, TRUE);
}

struct proof *proof_compare(const struct layout *old, const struct layout *now)
{
	struct proof *p = xcalloc(1, sizeof *p);

	p->npages = now->npages;
	p->old_npages = old->npages;
	p->pages = xcalloc((size_t)now->npages, sizeof *p->pages);
	p->toc = g_ptr_array_new_with_free_func(g_free);
	for (int i = 0; i < now->npages; i++) {
		if (i < old->npages)
			proof_diff_page(&p->pages[i], old, now, i);
		else
			p->pages[i].state = PROOF_NEW;
		p->pages[i].moved_from = proof_moved_from(old, now, i);
	}
	proof_toc(p, old, now);
	p->pictures = proofimg_compare(old, now);
	return p;
}

void proof_free(struct proof *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->npages; i++)
		free(p->pages[i].boxes);
	free(p->pages);
	g_ptr_array_free(p->toc, TRUE);
	if (p->pictures)
		g_ptr_array_free(p->pictures, TRUE);
	free(p);
}

/* "5, 9, 12" for the pages in this state, or "none". */
static void proof_list(GString *s, const struct proof *p, const struct layout *now,
		       enum proof_state st)
{
	size_t len = s->len;

	for (int i = 0; i < p->npages; i++)
		if (p->pages[i].state == st)
			g_string_append_printf(s, "%s%d", s->len > len ? ", " : "",
					       now->pages[i].number);
	if (s->len == len)
		g_string_append(s, "none");
}

/* The summary, one line a string: what the first proof page and standard
 * output say. */
static GPtrArray *proof_summary(const struct proof *p, const struct build *old,
				const struct build *now)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *s = g_string_new(NULL);

	g_ptr_array_add(lines, g_strdup_printf("proof: %s (%d pages) → %s (%d pages)", old->doc->file,
					       p->old_npages, now->doc->file, p->npages));
	g_string_assign(s, "changed pages: ");
	proof_list(s, p, now->layout, PROOF_CHANGED);
	g_ptr_array_add(lines, g_strdup(s->str));
	g_string_assign(s, "new pages: ");
	proof_list(s, p, now->layout, PROOF_NEW);
	g_ptr_array_add(lines, g_strdup(s->str));
	g_string_assign(s, "removed pages: ");
	for (int i = p->npages; i < p->old_npages; i++)
		g_string_append_printf(s, "%s%d", i > p->npages ? ", " : "",
				       old->layout->pages[i].number);
	if (p->old_npages <= p->npages)
		g_string_append(s, "none");
	g_ptr_array_add(lines, g_strdup(s->str));
	g_string_assign(s, "moved content: ");
	for (int i = 0, n = 0; i < p->npages; i++)
		if (p->pages[i].moved_from)
			g_string_append_printf(s, "%spage %d (was on page %d)", n++ ? ", " : "",
					       now->layout->pages[i].number, p->pages[i].moved_from);
	if (g_str_has_suffix(s->str, ": "))
		g_string_append(s, "none");
	g_ptr_array_add(lines, g_strdup(s->str));
	g_ptr_array_add(lines, g_strdup(p->toc->len ? "Sommaire changes:" : "Sommaire: unchanged"));
	for (guint i = 0; i < p->toc->len; i++)
		g_ptr_array_add(lines, g_strdup_printf("  %s", (const char *)p->toc->pdata[i]));
	g_ptr_array_add(lines, g_strdup(p->pictures->len ? "Pictures:" : "Pictures: unchanged"));
	for (guint i = 0; i < p->pictures->len; i++)
		g_ptr_array_add(lines, g_strdup_printf("  %s", (const char *)p->pictures->pdata[i]));
	g_string_free(s, TRUE);
	return lines;
}

/* The header line of proof page i. */
static char *proof_header(const struct proof *p, const struct layout *now, int i)
{
	static const char *const states[] = {
		[PROOF_UNCHANGED] = "unchanged", [PROOF_CHANGED] = "changed", [PROOF_NEW] = "new page",
	};
	const struct proof_page *pp = &p->pages[i];

	if (pp->moved_from)
		return g_strdup_printf("page %d: %s; its first line was on page %d",
				       now->pages[i].number, states[pp->state], pp->moved_from);
	return g_strdup_printf("page %d: %s", now->pages[i].number, states[pp->state]);
}

/* Everything the proof draws with: the new edition and the comparison. */
struct proof_doc {
	const struct build *now;
	const struct proof *p;
	GPtrArray *summary;        /* the summary's lines */
	int *sum_start;            /* first line of each summary page, plus the end */
	int nsum;                  /* summary pages */
	double w, h;               /* proof page size, points */
};

/* Type size of a summary line: the first is its title. */
static double proof_line_size(int first)
{
	return first ? 14 : 10.5;
}

/* Splits the summary into pages by measuring its lines. */
static void proof_paginate(struct proof_doc *pd)
{
	double y = PROOF_MARGIN, bottom = pd->h - PROOF_MARGIN;
	guint n = pd->summary->len;

	pd->sum_start = xcalloc(n + 2, sizeof *pd->sum_start);
	pd->nsum = 1;
	for (guint i = 0; i < n; i++) {
		const char *line = pd->summary->pdata[i];
		double h = preview_text(NULL, pd->now->font, line, proof_line_size(i == 0), 0, 0,
					pd->w - 2 * PROOF_MARGIN, 0, 0) + 4;

		if (y + h > bottom && y > PROOF_MARGIN) {
			pd->sum_start[pd->nsum++] = (int)i;
			y = PROOF_MARGIN;
		}
		y += h;
	}
	pd->sum_start[pd->nsum] = (int)n;
}

/* A summary line as the fonts can draw it: the fonts folder has no
 * U+2192 "→", Noto Sans Symbols2 has U+2B62 "⭢".  Caller frees. */
static char *proof_drawable(const char *line)
{
	char **parts = g_strsplit(line, "→", -1);
	char *s = g_strjoinv("⭢", parts);

	g_strfreev(parts);
	return s;
}

/* Summary page k on cr (points). */
static void proof_draw_summary(cairo_t *cr, const struct proof_doc *pd, int k)
{
	double y = PROOF_MARGIN;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (int i = pd->sum_start[k]; i < pd->sum_start[k + 1]; i++) {
		char *line = proof_drawable(pd->summary->pdata[i]);

		y += preview_text(cr, pd->now->font, line, proof_line_size(i == 0), PROOF_MARGIN,
				  y, pd->w - 2 * PROOF_MARGIN, 0, i == 0 ? 0x0d5c91 : 0x1e1e1e) + 4;
		g_free(line);
	}
}

/* Proof page i on cr (points): the header band, the page, the boxes. */
static void proof_draw_page(cairo_t *cr, const struct proof_doc *pd, int i)
{
	static const uint32_t colors[] = {
		[PROOF_UNCHANGED] = 0x5a7a5a, [PROOF_CHANGED] = 0xc0004a, [PROOF_NEW] = 0x0d5c91,
	};
	const struct layout *l = pd->now->layout;
	const struct proof_page *pp = &pd->p->pages[i];
	const struct pdf_opts po = { .offset = 0 };
	char *head = proof_header(pd->p, l, i);

	cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
	cairo_paint(cr);
	preview_text(cr, pd->now->font, head, 11, 12, 6, pd->w - 24, 0, colors[pp->state]);
	g_free(head);
	cairo_save(cr);
	cairo_translate(cr, 0, PROOF_HEADER);
	cairo_rectangle(cr, 0, 0, PROOF_PT(l->page_w), PROOF_PT(l->page_h));
	cairo_clip_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	pdf_draw_page(cr, l, &l->pages[i], &po);
	for (int j = 0; j < pp->nboxes; j++)
		cairo_rectangle(cr, pp->boxes[j].x, pp->boxes[j].y, pp->boxes[j].w, pp->boxes[j].h);
	cairo_set_source_rgba(cr, 0.95, 0.1, 0.45, 0.22);
	cairo_fill_preserve(cr);
	cairo_set_source_rgba(cr, 0.8, 0, 0.3, 0.9);
	cairo_set_line_width(cr, 0.8);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Proof page k (summary pages first) on cr. */
static void proof_draw(cairo_t *cr, const struct proof_doc *pd, int k)
{
	if (k < pd->nsum)
		proof_draw_summary(cr, pd, k);
	else
		proof_draw_page(cr, pd, k - pd->nsum);
}


/* Writes the proof PDF into `tmp`, the output guard's temporary file for
 * `out`. */
static int proof_write_pdf(const struct proof_doc *pd, struct out_set *set, const char *tmp,
			   const char *out, struct msg *m)
{
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;

	s = cairo_pdf_surface_create(tmp, pd->w, pd->h);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "plaquette proof");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "plaquette " PLAQUETTE_VERSION);
	pdf_set_dates(s, build_date(pd->now->doc)); /* the new edition's, not the clock's */
	cr = cairo_create(s);
	st = cairo_status(cr);
	for (int k = 0; k < pd->nsum + pd->p->npages && st == CAIRO_STATUS_SUCCESS; k++) {
		proof_draw(cr, pd, k);
		cairo_show_page(cr);
		st = cairo_status(cr);
	}
	st = pdf_close(cr, s, st);
	if (st != CAIRO_STATUS_SUCCESS) {
		msg_at(m, M_PDF, out, 0, 0, cairo_status_to_string(st));
		return -1;
	}
	out_done(set, out);
	return 0;
}

/* Writes DIR/proof-NN.png, one per page of the proof, through the guard. */
static int proof_write_png(const struct proof_doc *pd, struct out_set *set, const char *dir,
			   double dpi, struct msg *m)
{
	int w = (int)lround(pd->w * dpi / 72), h = (int)lround(pd->h * dpi / 72);
	char *path = xmalloc(strlen(dir) + 32);
	int rc = 0;

	if (out_mkdir(set, dir, m) < 0) {
		free(path);
		return -1;
	}
	for (int k = 0; k < pd->nsum + pd->p->npages && rc == 0; k++) {
		int fits = w > 0 && h > 0 && w <= PREVIEW_MAX_PIXELS && h <= PREVIEW_MAX_PIXELS;
		cairo_surface_t *s = fits ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) : NULL;
		cairo_status_t st = CAIRO_STATUS_INVALID_SIZE;
		const char *tmp;

		sprintf(path, "%s/proof-%02d.png", dir, k + 1);
		if (!(tmp = out_claim(set, path, m))) {
			cairo_surface_destroy(s);
			rc = -1;
			break;
		}
		if (s) {
			cairo_t *cr = cairo_create(s);

			cairo_scale(cr, dpi / 72, dpi / 72);
			proof_draw(cr, pd, k);
			st = cairo_status(cr);
			cairo_destroy(cr);
			if (st == CAIRO_STATUS_SUCCESS)
				st = cairo_surface_write_to_png(s, tmp);
		}
		if (st != CAIRO_STATUS_SUCCESS) {
			msg_at(m, M_PREVIEW_FAILED, path, 0, 0, path, cairo_status_to_string(st));
			rc = -1;
		} else {
			out_done(set, path);
		}
		cairo_surface_destroy(s);
	}
	free(path);
	return rc;
}

int proof_run(const char *old_path, const char *new_path, const char *out,
	      const struct proof_opts *o, FILE *summary, struct msg *m)
{
	struct out_set *set = out_set_new();
	char *style;
	const char *tmp;
	struct build old, now;
	struct proof *p = NULL;
	struct proof_doc pd = { .now = &now };
	int rc = -1;

	out_input(set, old_path);
	out_input(set, new_path);
	style = build_style_path(o->bo);
	out_input(set, style);
	free(style);
	build_home_inputs(o->bo, set);
	if (!(tmp = out_claim(set, out, m))) {
		out_set_free(set);
		return -1;
	}
	build_run(&old, old_path, o->bo, m);
	build_run(&now, new_path, o->bo, m);
	build_guard_images(&old, set, m);
	build_guard_images(&now, set, m);
	if (!old.layout || !now.layout || msg_failed(m))
		goto out;
	p = proof_compare(old.layout, now.layout);
	pd.p = p;
	pd.summary = proof_summary(p, &old, &now);
	pd.w = PROOF_PT(now.layout->page_w);
	pd.h = PROOF_PT(now.layout->page_h) + PROOF_HEADER;
	proof_paginate(&pd);
	for (guint i = 0; i < pd.summary->len; i++)
		fprintf(summary, "%s\n", (const char *)pd.summary->pdata[i]);
	rc = proof_write_pdf(&pd, set, tmp, out, m);
	if (rc == 0 && o->png_dir)
		rc = proof_write_png(&pd, set, o->png_dir, o->png_dpi, m);
	if (rc == 0)
		rc = out_commit(set, m);
	if (rc == 0)
		msg_at(m, M_PROOF_DONE, out, 0, 0, pd.nsum + p->npages, out);
out:
	if (pd.summary)
		g_ptr_array_free(pd.summary, TRUE);
	free(pd.sum_start);
	proof_free(p);
	build_done(&now);
	build_done(&old);
	out_set_free(set);
	return rc;
}
