/* contents: Sommaire numbers and the passes that settle them. */
#include <string.h>

#include "contents.h"
#include "furniture.h"
#include "pour.h"

void toc_number(struct flow *f, struct frame fr, const struct block *k, int top)
{
	const struct style *st = k->style;
	const struct para *p = flow_para(f, k);
	gpointer pg = g_hash_table_lookup(f->prev_pages, k->toc_target);
	const char *label = f->info->page_label;
	char text[64];
	const struct furn_small *sm;
	const struct para *np;
	int last = p->nlines - 1;
	int x = fr.x + st->indent_left;
	int right = fr.x + fr.w - st->indent_right;
	int baseline = top + last * st->leading + st->leading / 2 + st->size * 3 / 10;
	const struct para_line *pl = &p->lines[last];
	struct dl_item *it;

	snprintf(text, sizeof text, "%s %d", label ? label : "p.", pg ? GPOINTER_TO_INT(pg) : 0);
	sm = furn_small(f, st, text, k->lang, 0, k->line);
	if (!sm)
		return;
	np = sm->para;
	it = frame_item(f, DL_TEXT, k->line);
	it->runs = np->lines[0].runs;
	it->nruns = np->lines[0].nruns;
	it->broken = np->lines[0].broke_word ? np : NULL;
	it->x = right - np->lines[0].width;
	it->y = baseline;
	it->w = np->lines[0].width;
	it->text = sm->inl.text->str;
	it->text_len = (int)strlen(it->text);
	it = frame_item(f, DL_LEADER, k->line);
	it->x = x + pl->x + pl->width + st->leader_gap;
	it->w = right - np->lines[0].width - st->leader_gap - it->x;
	it->y = baseline;
	it->color = st->color;
	it = frame_item(f, DL_LINK, k->line);
	it->x = x;
	it->y = top;
	it->w = right - x;
	it->h = p->nlines * st->leading;
	it->uri = k->toc_target;
	it->level = 1;
}

int toc_extra(struct flow *f, const struct block *k)
{
	const struct style *st = k->style;
	const char *label = f->info->page_label;
	const struct furn_small *sm;
	char text[64];
	int need;

	snprintf(text, sizeof text, "%s 00", label ? label : "p.");
	sm = furn_small(f, st, text, k->lang, 0, k->line);
	if (!sm || !sm->para->nlines)
		return 0;
	need = sm->para->lines[0].width + st->leader_gap;
	return need > st->number_width ? need - st->number_width : 0;
}

/* Drops the pages of a pass; the paragraphs stay for the next. */
static void toc_clear(struct layout *l)
{
	for (int i = 0; i < l->npages; i++)
		free(l->pages[i].items);
	free(l->pages);
	l->pages = NULL;
	l->npages = 0;
}

/* Whether every Sommaire target landed where the last pass said. */
static int toc_settled(GHashTable *prev, GHashTable *now)
{
	GHashTableIter it;
	gpointer key, value;

	if (g_hash_table_size(prev) != g_hash_table_size(now))
		return 0;
	g_hash_table_iter_init(&it, now);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (g_hash_table_lookup(prev, key) != value)
			return 0;
	return 1;
}

/* One pour into a cleared layout, recording where the targets land. */
static int toc_pass(struct flow *f)
{
	int rc;

	f->dest_page = g_hash_table_new(g_str_hash, g_str_equal);
	toc_clear(f->lay);
	f->failed = 0;
	rc = pour_all(f);
	return rc;
}

int toc_settle(struct flow *f)
{
	struct msg *speak = f->m, silent;
	int pass, rc;

	/* silent passes: messages are not repeated for each pass */
	msg_init(&silent, NULL);
	f->m = &silent;
	f->prev_pages = g_hash_table_new(g_str_hash, g_str_equal);
	for (pass = 0; pass < TOC_MAX_PASSES; pass++) {
		int settled;

		if (toc_pass(f) < 0) {
			g_hash_table_destroy(f->dest_page);
			f->dest_page = NULL;
			break;
		}
		settled = toc_settled(f->prev_pages, f->dest_page);
		g_hash_table_destroy(f->prev_pages);
		f->prev_pages = f->dest_page;
		f->dest_page = NULL;
		if (settled)
			break;
	}
	f->m = speak;
	if (pass == TOC_MAX_PASSES)
		msg_at(f->m, M_TOC_UNSTABLE, f->info->file, 0, 0, TOC_MAX_PASSES);
	rc = toc_pass(f);
	g_hash_table_destroy(f->dest_page);
	g_hash_table_destroy(f->prev_pages);
	f->dest_page = f->prev_pages = NULL;
	return rc;
}
