/* fit: column fill, split cards and page counts, measured on the display list. */
#include <string.h>

#include "fill.h"
#include "fit.h"
#include "flow.h"

enum {
	FIT_TOLERANCE = 1024,      /* 1 pt: a line on the frame's bottom edge still fits */
};

/* Language names for the page-count sentence; other tags stand as they are. */
static const struct {
	const char *tag;           /* primary language subtag */
	const char *name;
} fit_languages[] = {
	{ .tag = "ar", .name = "Arabic" },  { .tag = "de", .name = "German" },
	{ .tag = "en", .name = "English" }, { .tag = "es", .name = "Spanish" },
	{ .tag = "fr", .name = "French" },  { .tag = "it", .name = "Italian" },
	{ .tag = "nl", .name = "Dutch" },   { .tag = "pl", .name = "Polish" },
	{ .tag = "pt", .name = "Portuguese" }, { .tag = "sv", .name = "Swedish" },
};

/* The lowest point an item reaches, or -1 for items that take no room
 * (links, destinations, debug drawings, footers, full-bleed grounds). */
static int fit_item_bottom(const struct dl_item *it)
{
	if (it->src_line <= 0)
		return -1; /* footers and template grounds */
	switch (it->kind) {
	case DL_TEXT:
	case DL_LEADER:
		return it->y;
	case DL_RECT:
		return it->bleed ? -1 : it->y + it->h;
	case DL_CHEVRONS:
		return it->y + it->h;
	default:
		return -1;
	}
}

/* The column of template t that item `it` of page p stands in (flow.c's
 * geometry), 0 to ncols - 1. */
static int fit_column_of(const struct style_sheet *s, const struct style_template *t,
			 const struct dl_page *p, const struct dl_item *it, int ncols)
{
	int left, w, step, c;

	flow_column(s, t, p->number, 0, &left, &w);
	step = w + t->gutter;
	if (step <= 0)
		return 0;
	c = (it->x - left + t->gutter / 2) / step;
	return c < 0 ? 0 : c >= ncols ? ncols - 1 : c;
}

/* The share of a page's text area its content covers, in percent (the
 * measure of min-fill, fill.h; tests/fillmeasure.py takes it from the PDF). */
static int fit_page_fill(const struct fit_page *fp)
{
	return fp->fill;
}

/* The fill rule's threshold: the sheet's min-fill, else FIT_EMPTY_PERCENT. */
static int fit_threshold(const struct style_sheet *s)
{
	return s->min_fill > 0 ? s->min_fill : FIT_EMPTY_PERCENT;
}

/* Fills one page's columns from its items, with flow.c's geometry. */
static void fit_measure(struct fit_page *fp, const struct dl_page *p,
			const struct style_sheet *s)
{
	const struct style_template *t = style_template(s, dl_page_columns(p));
	int h;

	if (!t || t->fixed || p->blank || t->columns < 1)
		return;
	fp->ncols = t->columns < FIT_MAX_COLUMNS ? t->columns : FIT_MAX_COLUMNS;
	{
		int cols[FILL_MAX_COLUMNS] = { 0 };

		fp->fill = fill_page(s, p, p->number, cols) / 10;
		for (int c = 0; c < fp->ncols; c++)
			fp->cover[c] = cols[c] / 10;
	}
	h = s->page_h - t->top - t->bottom;
	for (size_t i = 0; i < p->n && h > 0; i++) {
		int bottom = fit_item_bottom(&p->items[i]) - t->top;
		struct fit_column *col;

		if (bottom < 0)
			continue;
		if (!fp->line && p->items[i].kind == DL_TEXT)
			fp->line = p->items[i].src_line;
		col = &fp->cols[fit_column_of(s, t, p, &p->items[i], fp->ncols)];
		if (bottom * 100LL / h >= col->fill || !col->line) {
			col->fill = (int)(bottom * 100LL / h);
			col->overflow = bottom > h + FIT_TOLERANCE ? bottom - h : 0;
			col->line = p->items[i].src_line;
		}
	}
}

/* The sections of d by id. */
static GHashTable *fit_section_ids(const struct doc *d)
{
	GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);

	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n))
		if (n->type == N_SECTION && doc_attr(n, "id"))
			g_hash_table_insert(h, (gpointer)doc_attr(n, "id"), (gpointer)n);
	return h;
}

/* The section whose start a destination marks, or NULL. */
static const struct node *fit_section_at(GHashTable *secs, const struct dl_item *it)
{
	return it->kind == DL_DEST && it->uri ? g_hash_table_lookup(secs, it->uri) : NULL;
}

/* The last page of each section: the page before the next section starts
 * (from the destinations the layout placed), blank and fixed pages left
 * out.  Where sections end on the same page, the later (inner) one names it. */
static void fit_sections(struct fit *f, const struct build *b)
{
	const struct layout *l = b->layout;
	int *next = xcalloc((size_t)l->npages + 1, sizeof *next);
	int after = l->npages;
	GHashTable *secs = fit_section_ids(b->doc);

	/* next[i]: the first page after i where a section starts (npages if none) */
	for (int i = l->npages - 1; i >= 0; i--) {
		int starts = 0;

		next[i] = after;
		for (size_t j = 0; j < l->pages[i].n && !starts; j++)
			starts = fit_section_at(secs, &l->pages[i].items[j]) != NULL;
		if (starts)
			after = i;
	}
	for (int i = 0; i < l->npages; i++) {
		for (size_t j = 0; j < l->pages[i].n; j++) {
			const struct node *sec = fit_section_at(secs, &l->pages[i].items[j]);
			int last = next[i] - 1;

			if (!sec)
				continue;
			while (last > i && !f->pages[last].ncols)
				last--;
			if (f->pages[last].ncols)
				f->pages[last].section_end = sec;
		}
	}
	free(next);
	g_hash_table_destroy(secs);
}

/* Whether fp holds text but less of it than the fill rule asks. */
static int fit_is_under(const struct fit_page *fp, int threshold)
{
	return fp->ncols > 0 && fp->line > 0 && fit_page_fill(fp) < threshold;
}

/* Keep-together groups (cards, signatures) whose lines are in more than
 * one column or on more than one page: the layout splits a group taller
 * than a column.  A line belongs to the group of the block whose element
 * has its source line; the card's own columns stand inside one page
 * column. */
static void fit_splits(struct fit *f, const struct build *b)
{
	const struct block_list *bl = &b->blocks;
	const struct layout *l = b->layout;
	GHashTable *group_of = g_hash_table_new(g_direct_hash, g_direct_equal);
	int *first = xmalloc(bl->n * sizeof *first), *last = xmalloc(bl->n * sizeof *last);
	int *col0 = xmalloc(bl->n * sizeof *col0), *col1 = xmalloc(bl->n * sizeof *col1);

	for (size_t i = 0; i < bl->n; i++) {
		first[i] = last[i] = col0[i] = col1[i] = -1;
		if (bl->v[i].group && bl->v[i].src)
			g_hash_table_insert(group_of, GSIZE_TO_POINTER((gsize)bl->v[i].src->line),
					    GINT_TO_POINTER(bl->v[i].group_first + 1));
	}
	for (int p = 0; p < l->npages; p++) {
		const struct style_template *t = style_template(b->sheet, dl_page_columns(&l->pages[p]));
		int ncols = t && t->columns > 0 ? MIN(t->columns, FIT_MAX_COLUMNS) : 1;

		for (size_t j = 0; j < l->pages[p].n; j++) {
			const struct dl_item *it = &l->pages[p].items[j];
			gpointer key = GSIZE_TO_POINTER((gsize)it->src_line);
			int g = GPOINTER_TO_INT(g_hash_table_lookup(group_of, key)) - 1;
			int c;

			if (it->kind != DL_TEXT || it->src_line <= 0 || g < 0 || (size_t)g >= bl->n)
				continue;
			c = t ? fit_column_of(b->sheet, t, &l->pages[p], it, ncols) : 0;
			if (first[g] < 0) {
				first[g] = p;
				col0[g] = c;
			}
			if (p > last[g] || c > col1[g]) {
				last[g] = p;
				col1[g] = c;
			}
		}
	}
	for (size_t g = 0; g < bl->n; g++) {
		if (last[g] < first[g] || (last[g] == first[g] && col1[g] <= col0[g]))
			continue;
		xgrow(&f->splits, &f->cap, f->nsplits + 1, sizeof *f->splits);
		f->splits[f->nsplits++] = (struct fit_split){
			.line = bl->v[g].src->line,
			.what = doc_type_name(bl->v[g].src->type),
			.from = l->pages[first[g]].number,
			.to = l->pages[last[g]].number,
			.col_from = col0[g] + 1,
			.col_to = col1[g] + 1,
		};
	}
	g_hash_table_destroy(group_of);
	free(first);
	free(last);
	free(col0);
	free(col1);
}

struct fit *fit_new(const struct build *b)
{
	const struct layout *l = b->layout;
	struct fit *f = xcalloc(1, sizeof *f);

	f->npages = l->npages;
	f->pages = xcalloc((size_t)l->npages, sizeof *f->pages);
	for (int i = 0; i < l->npages; i++) {
		fit_measure(&f->pages[i], &l->pages[i], b->sheet);
		f->blank += l->pages[i].blank != 0;
		for (int c = 0; c < f->pages[i].ncols; c++)
			f->overflows += f->pages[i].cols[c].overflow > 0;
	}
	fit_sections(f, b);
	for (int i = 0; i < l->npages; i++)
		f->nearly_empty += fit_is_under(&f->pages[i], fit_threshold(b->sheet));
	fit_splits(f, b);
	return f;
}

void fit_free(struct fit *f)
{
	if (!f)
		return;
	free(f->pages);
	free(f->splits);
	free(f);
}

/* "column 2 is empty, column 1 is 7 % full" for the columns under the
 * threshold; "it is 12 % full" on a one-column page. */
static void fit_empty_text(GString *s, const struct fit_page *fp, int threshold)
{
	for (int c = 0; c < fp->ncols; c++) {
		int fill = fp->cover[c];

		if (fill >= threshold)
			continue;
		if (s->len)
			g_string_append(s, ", ");
		if (fp->ncols == 1)
			g_string_append(s, "it");
		else
			g_string_append_printf(s, "column %d", c + 1);
		if (fill == 0)
			g_string_append(s, " is empty");
		else
			g_string_append_printf(s, " is %d %% full", fill);
	}
}

/* Every finding, in page order, as notes and warnings with source lines. */
static void fit_details(const struct fit *f, const struct build *b, struct msg *m)
{
	const char *file = b->doc->file;
	int threshold = fit_threshold(b->sheet);

	for (int i = 0; i < f->npages; i++) {
		const struct fit_page *fp = &f->pages[i];
		const struct dl_page *pg = &b->layout->pages[i];
		int number = pg->number;

		for (size_t j = 0; j < pg->n; j++)
			if (pg->items[j].kind == DL_IMAGE && pg->items[j].shrunk > 0)
				msg_at(m, M_FIT_SHRUNK, file, pg->items[j].src_line, 0, number,
				       (pg->items[j].shrunk + 5) / 10);
		for (int c = 0; c < fp->ncols; c++)
			if (fp->cols[c].overflow)
				msg_at(m, M_FIT_OVERFLOW, file, fp->cols[c].line, 0, number,
				       fp->cols[c].overflow / 1024.0, c + 1);
		if (pg->blank == DL_BLANK_PAD)
			msg_at(m, M_FIT_BLANK_PAD, file, 0, 0, number, f->npages,
			       b->sheet->page_multiple);
		else if (pg->blank == DL_BLANK_RIGHT)
			msg_at(m, M_FIT_BLANK_RIGHT, file, pg->blank_line, 0, number);
		else if (fp->ncols > 0 && !fp->line)
			msg_at(m, M_FIT_NOTHING, file, 0, 0, number);
		if (fit_is_under(fp, threshold) && fp->section_end) {
			char *title = doc_text(doc_child(fp->section_end, N_TITLE));
			GString *s = g_string_new(NULL);

			fit_empty_text(s, fp, threshold);
			msg_at(m, M_FIT_EMPTY, file, fp->section_end->line, 0, number,
			       title ? title : doc_attr(fp->section_end, "id"), s->str);
			g_string_free(s, TRUE);
			free(title);
		} else if (fit_is_under(fp, threshold)) {
			msg_at(m, M_FIT_UNDER, file, fp->line, 0, number, fit_page_fill(fp), threshold);
		}
	}
	for (size_t i = 0; i < f->nsplits; i++) {
		const struct fit_split *sp = &f->splits[i];

		if (sp->from == sp->to)
			msg_at(m, M_FIT_SPLIT_COLUMN, file, sp->line, 0, sp->what, sp->col_from,
			       sp->col_to, sp->from);
		else
			msg_at(m, M_FIT_SPLIT, file, sp->line, 0, sp->what, sp->from, sp->to);
	}
}

/* The name of an edition in a sentence: its language, or `same` when
 * both editions share the language (a pseudo-translation, two drafts). */
static const char *fit_edition(const struct doc *d, const struct doc *other, const char *same)
{
	const char *lang = d->root->lang ? d->root->lang : "";
	const char *olang = other->root->lang ? other->root->lang : "";
	size_t n = strcspn(lang, "-_");

	if (strcmp(lang, olang) == 0)
		return same;
	for (size_t i = 0; i < G_N_ELEMENTS(fit_languages); i++)
		if (strlen(fit_languages[i].tag) == n && strncmp(fit_languages[i].tag, lang, n) == 0)
			return fit_languages[i].name;
	return lang;
}

/* Builds the source edition quietly and compares page counts: a note
 * when both print on as many pages, a warning when they do not. */
static void fit_against(const struct build *b, const struct fit *f, const struct fit_opts *o,
			struct msg *m)
{
	struct build_opts bo = *o->bo;
	struct build src;
	struct msg quiet;
	struct fit *sf;
	int need, sneed, pseudo;
	const char *name, *sname;

	bo.pseudo = 0;
	bo.check_only = 0;
	msg_init(&quiet, NULL);
	if (build_run(&src, o->against, &bo, &quiet) < 0 || !src.layout) {
		msg_at(m, M_FIT_AGAINST_FAILED, o->against, 0, 0, o->against);
		build_done(&src);
		return;
	}
	sf = fit_new(&src);
	need = f->npages - f->blank;
	sneed = sf->npages - sf->blank;
	pseudo = bo.pseudo != o->bo->pseudo;
	name = fit_edition(b->doc, src.doc, pseudo ? "pseudo-translated" : b->doc->file);
	sname = fit_edition(src.doc, b->doc, pseudo ? "original" : src.doc->file);
	if (f->npages == sf->npages)
		msg_at(m, M_FIT_AGAINST, b->doc->file, 0, 0, name, need, sname, sneed, f->npages);
	else
		msg_at(m, M_FIT_AGAINST_DIFF, b->doc->file, 0, 0, name, need, sname, sneed,
		       f->npages, sf->npages);
	fit_free(sf);
	build_done(&src);
}

void fit_report(const struct build *b, const struct fit_opts *o, struct msg *m)
{
	struct fit *f;

	if (!b->layout)
		return;
	f = fit_new(b);
	if (o->detail) {
		fit_details(f, b, m);
		msg_at(m, M_FIT_PAGES, b->doc->file, 0, 0, f->npages, f->blank, f->nearly_empty,
		       (int)f->nsplits, f->overflows);
	}
	if (o->against && o->bo)
		fit_against(b, f, o, m);
	fit_free(f);
}
