/* balance: card columns and a section's last page, balanced. */
#include <string.h>

#include "balance.h"
#include "fill.h"
#include "floats.h"
#include "frame.h"
#include "pour.h"
#include "style.h"

/* Height of slots [from, to) set as one column: runs of lines of the same
 * block. */
static int bal_slots_height(const struct flow *f, const struct bal_slot *sl, int from, int to)
{
	int h = 0;

	for (int i = from; i < to;) {
		int j = i;

		while (j < to && sl[j].k == sl[i].k)
			j++;
		/* the column starts on the baseline grid (group.c puts it there) */
		h = pour_part_end(f, sl[i].k, sl[i].line, sl[j - 1].line + 1, i == from, h, 0);
		i = j;
	}
	return h;
}

/* Whether a column may start at slot s: not inside a paragraph's first
 * orphans or last widows lines. */
static int bal_cut_ok(const struct flow *f, const struct bal_slot *sl, int s)
{
	const struct bal_slot *a = &sl[s];
	int lines = flow_para(f, a->k)->nlines;

	return a->line == 0 || (a->line >= a->k->style->orphans &&
				lines - a->line >= a->k->style->widows);
}

int bal_fill(const struct flow *f, const struct bal_slot *sl, int from, int n, int limit)
{
	int best = from, h = 0, run = from, run_h = 0;

	for (int s = from; s < n; s++) {
		/* the column's height with slot s in it: runs of one block */
		if (s > from && sl[s].k != sl[s - 1].k) {
			h += run_h;
			run = s;
		}
		/* the column starts on the baseline grid (group.c puts it there) */
		run_h = pour_part_end(f, sl[s].k, sl[run].line, sl[s].line + 1, run == from, h, 0) - h;
		if (h + run_h > limit)
			break;
		if (s + 1 == n || bal_cut_ok(f, sl, s + 1))
			best = s + 1;
	}
	return best;
}

/* The columns of a cut ending on a hyphen inside a paragraph: set again
 * for that foot (pour_foot, as a page's columns are), with as many
 * lines.  A paragraph that began before the slots (placed already) is
 * left as it is. */
static void bal_feet(struct flow *f, const struct bal_slot *sl, int n, int cols, const int *cut)
{
	for (int c = 1; c < cols; c++) {
		int e = cut[c];
		const struct block *k;
		const struct para *p;

		if (e <= 0 || e >= n || sl[e].k != sl[e - 1].k)
			continue;
		k = sl[e].k;
		p = flow_para(f, k);
		if (p->lines[sl[e - 1].line].hyphen_end && (sl[0].k != k || sl[0].line == 0))
			pour_foot(f, k, 0, sl[e - 1].line, 0, p->nlines);
	}
}

int bal_cut(struct flow *f, const struct bal_slot *sl, int n, int cols, int *cut)
{
	int lo = 0, hi = bal_slots_height(f, sl, 0, n), h = 0;

	/* the lowest height at which the columns, filled in turn, hold every slot */
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2, at = 0;

		for (int c = 0; c < cols && at < n; c++)
			at = bal_fill(f, sl, at, n, mid);
		if (at == n)
			hi = mid;
		else
			lo = mid;
	}
	cut[0] = 0;
	for (int c = 0; c < cols; c++) {
		cut[c + 1] = c + 1 == cols ? n : bal_fill(f, sl, cut[c], n, hi);
		if (cut[c + 1] > cut[c] && bal_slots_height(f, sl, cut[c], cut[c + 1]) > h)
			h = bal_slots_height(f, sl, cut[c], cut[c + 1]);
	}
	bal_feet(f, sl, n, cols, cut);
	return h;
}

/* Pours the content that started on the current page (up to block `end`,
 * exclusive) again into columns no taller than `limit`, without leaving
 * the page.  Returns 0 when it fits. */
static int bal_trial(struct flow *f, size_t end, int limit)
{
	int rc = 0;

	frame_page(f)->n = f->page_items;
	f->col = 0;
	f->y = 0;
	f->span_h = frame_page(f)->region_span; /* 0, or below the part above the region */
	f->col_empty = 1;
	f->page_body = 0;
	f->col_limit = limit;
	f->trial = 1;
	for (size_t i = f->page_block; i < end && rc == 0; i++) {
		if (i == f->page_block && f->page_line > 0)
			rc = pour_place_from(f, &f->bl->v[i], f->page_line, 0);
		else
			rc = pour_place_one(f, &i);
	}
	if (rc == 0)
		rc = float_finish(f, end); /* the page's floats on the page */
	f->trial = 0;
	f->col_limit = 0;
	return rc;
}

void bal_page(struct flow *f, size_t end)
{
	int lo, hi;
	size_t block = f->page_block, cur_block = f->cur_block;
	int line = f->page_line, cur_line = f->cur_line;

	if (f->tpl->columns < 2 || (f->col == 0 && f->col_empty) || f->tpl->fixed || f->trial ||
	    f->page_block >= end || frame_page(f)->blank)
		return;
	/* a page that opens inside a split card keeps the card's continuation */
	if (f->bl->v[f->page_block].group &&
	    (f->page_line > 0 || (int)f->page_block != f->bl->v[f->page_block].group_first))
		return;
	/* the page as poured: what a failed balancing gives back */
	size_t nsave;
	struct dl_item *save = frame_page_save(f, &nsave);
	int s_col = f->col, s_y = f->y, s_empty = f->col_empty, s_body = f->page_body;
	int s_span = f->span_h;

	/* what the page holds, spread over its columns, is the least they can be */
	lo = (f->col * frame_col_height(f) + f->y) / f->tpl->columns;
	hi = f->col == 0 ? f->y : frame_col_height(f);
	while (hi - lo > 2 * 1024) {
		int mid = lo + (hi - lo) / 2;

		if (bal_trial(f, end, mid) == 0)
			hi = mid;
		else
			lo = mid;
		f->page_block = block;
		f->page_line = line;
	}
	if (bal_trial(f, end, hi) < 0) {
		/* no balanced pour holds it all: the page as it was poured */
		frame_page_restore(f, save, nsave);
		f->col = s_col;
		f->y = s_y;
		f->col_empty = s_empty;
		f->page_body = s_body;
		f->span_h = s_span;
	}
	free(save);
	f->page_block = block;
	f->page_line = line;
	f->cur_block = cur_block; /* the trials moved them; the caller goes on from here */
	f->cur_line = cur_line;
}

/* The end of a re-pour: what it returns, the pour no longer balancing. */
static int bal_repour_end(struct flow *f, int rc)
{
	f->balancing = 0;
	return rc;
}

/* Where a two-page re-pour starts: the page before's last region (its
 * block, line and item count, and that region as the first pour left it:
 * a trial may open another one on the page, which the next trial must not
 * inherit), or, `top`, the page before's top (its regions opened again as
 * the pour meets them). */
struct bal_from {
	size_t block, items;
	int line;
	int top;
	const char *region_template;
	int region_span;
	int page;                       /* the page it starts on (its number) */
	int foot;                       /* limit is where that page's columns end, below
					 * its text area's top (all its regions), not
					 * their height */
	int has_before;                 /* with page < the last but one: the page */
	struct flow_left before;        /* before it, as the pour left it (a copy:
					 * the pour grows the array it is kept in) */
	struct flow_mark page_top;      /* with top 0: where that page's content
					 * starts, above the region poured again (a
					 * re-pour that made two pages or more leaves
					 * the flow's record of it behind) */
};

/* The page before's last region, as the first pour left it. */
static struct bal_from bal_from_region(const struct flow *f)
{
	const struct dl_page *prev = &f->lay->pages[f->lay->npages - 2];
	struct bal_from from = { f->prev.region.block, f->prev.region.items, f->prev.region.line, 0,
				 prev->region_template, prev->region_span, f->lay->npages - 1, 0, 0,
				 { { 0, 0, 0 }, { 0, 0, 0 } }, f->prev.top };

	return from;
}

/* The page before's top. */
static struct bal_from bal_from_top(const struct flow *f)
{
	struct bal_from from = { f->prev.top.block, f->prev.top.items, f->prev.top.line, 1, NULL, 0,
				 f->lay->npages - 1, 0, 0, { { 0, 0, 0 }, { 0, 0, 0 } }, f->prev.top };

	return from;
}

/* Re-pours from `from` (on the page before the last, page pages - 1) to
 * `end` with that page's columns no taller than `limit` (0 = as tall as
 * they are).  Returns 0 when it ends on page `pages`, 2 when on page
 * pages - 1 (all of it on the page before: a section that could not open
 * its region below the page's columns as they were first poured opens it
 * below them shortened), 1 when on a later one, -1 when it fails. */
static int bal_repour(struct flow *f, size_t end, int limit, int pages, const struct bal_from *from)
{
	size_t block = from->block;
	int line = from->line, outer_foot = f->foot_limit;

	while (f->lay->npages > from->page) {
		f->lay->npages--;
		free(f->lay->pages[f->lay->npages].items);
	}
	if (from->has_before) {
		/* the page before the first one poured again */
		f->prev = from->before;
	}
	frame_page(f)->n = from->items;
	frame_page(f)->region_template = from->region_template;
	frame_page(f)->region_span = from->region_span;
	if (from->top) {
		f->top_block = block;
		f->top_line = line;
		f->top_items = from->items;
	} else if (!from->has_before) {
		/* back on the page before: its top is where it was */
		f->top_block = from->page_top.block;
		f->top_line = from->page_top.line;
		f->top_items = from->page_top.items;
	}
	f->tpl = style_template(f->sheet, dl_page_columns(frame_page(f)));
	f->page_block = block;
	f->page_line = line;
	f->page_items = from->items;
	f->col = 0;
	f->y = 0;
	f->span_h = frame_page(f)->region_span;
	f->col_empty = 1;
	f->page_body = 0;
	f->col_limit = from->foot ? 0 : limit;
	f->foot_limit = from->foot ? limit : 0;
	f->limit_once = limit > 0;
	f->break_taken = 1;
	f->balancing = limit > 0 ? 1 : 2;
	f->stack.page = 0; /* the cards of the pour before are not this one's */
	for (size_t i = block; i < end; i++) {
		int rc = i == block && line > 0 ? pour_place_from(f, &f->bl->v[i], line, 0)
						: pour_place_one(f, &i);

		if (rc < 0)
			return bal_repour_end(f, -1);
	}
	if (float_finish(f, end) < 0)
		return bal_repour_end(f, -1);
	f->col_limit = 0;
	/* inside a three-page re-pour (bal_three): its page's columns go on
	 * ending where it says */
	f->foot_limit = outer_foot;
	f->limit_once = outer_foot > 0;
	f->break_taken = 0;
	return bal_repour_end(f, f->lay->npages == pages ? 0 : f->lay->npages == pages - 1 ? 2 : 1);
}

/* Whether a two-page re-pour that returned rc is kept: it ends on the last
 * page with both pages filled to min-fill, or it put everything on the
 * page before, filled to min-fill (the last page is no longer needed). */
static int bal_kept(struct flow *f, int rc, int pages)
{
	if (rc == 2)
		return fill_enough(f->sheet, frame_page(f), pages - 1);
	return rc == 0 && fill_enough(f->sheet, frame_page(f), pages) &&
	       fill_enough(f->sheet, &f->lay->pages[pages - 2], pages - 1);
}

/* A re-pour of text that was placed there before failed (it cannot
 * happen): the run fails with the block's line rather than lose text. */
static void bal_lost(struct flow *f, size_t block)
{
	if (f->failed)
		return;
	msg_at(f->m, M_OVERFLOW, f->info->file, f->bl->v[block].line, 0, f->bl->v[block].what,
	       "balancing two pages failed");
	f->failed = 1;
}

/* Whether a page that starts at block i, line `line` starts inside a
 * group (a split card's continuation): it cannot be poured again from
 * there. */
static int bal_inside_group(const struct flow *f, size_t i, int line)
{
	const struct block *k = &f->bl->v[i];

	return k->group && (line > 0 || (int)i != k->group_first);
}

/* Whether the current page opens with a section (or part) of template t
 * that may share the page before it (share-page with page-if-filled): a
 * re-pour of the two pages with the one before's columns shortened can
 * carry that one's last lines over and open t's region below them. */
static int bal_shared_start(const struct flow *f, const struct style_template *t)
{
	const struct block *k = &f->bl->v[f->page_block];

	return f->page_line == 0 && k->share && k->brk == BREAK_PAGE_IF_FILLED &&
	       *k->template_name && style_template(f->sheet, k->template_name) == t;
}

/* The two last pages poured again with the first one's columns a step
 * shorter each time, from prev_h down to half, until the last page is
 * filled to min-fill with the page before still filled to it; else with
 * its columns `fallback` tall (0: as tall as they are).  For a last page
 * that opens a section of another template than the page before
 * (bal_shared_start): the lines carried over and the section's region
 * below them fill it. */
static void bal_two_down(struct flow *f, size_t end, int pages, int prev_h,
			 const struct bal_from *from, int fallback)
{
	for (int limit = prev_h - 24 * 1024; limit >= prev_h / 2; limit -= 24 * 1024)
		if (bal_kept(f, bal_repour(f, end, limit, pages, from), pages))
			return;
	if (fallback > 0 && bal_repour(f, end, fallback, pages, from) == 0)
		return;
	if (bal_repour(f, end, 0, pages, from) < 0)
		bal_lost(f, from->block);
}

/* After a re-pour of the last two pages with the first one's columns
 * `limit` tall left the last page under min-fill: the first one's columns
 * a step shorter each time, down to `least`, kept at the first height
 * that leaves both pages filled to min-fill; else the re-pour at `limit`
 * again. */
static void bal_two_lower(struct flow *f, size_t end, int pages, int limit, int least,
			  const struct bal_from *from)
{
	for (int l = limit - 24 * 1024; l >= least; l -= 24 * 1024)
		if (bal_kept(f, bal_repour(f, end, l, pages, from), pages))
			return;
	if (bal_repour(f, end, limit, pages, from) < 0)
		bal_lost(f, from->block);
}

/* bal_two, once more when its re-pour changed the pages' plan (the page
 * before opened a region of the last page's template: a page-if-filled
 * break met again with shorter columns) and left the last page under
 * min-fill (`again`): the new plan is balanced in its own columns, from
 * what the page before holds now (its columns were shortened). */
static void bal_two_at(struct flow *f, size_t end, int again)
{
	int pages = f->lay->npages, colh = frame_col_height(f), cols = f->tpl->columns;
	int used = f->col * colh + f->y;
	size_t block = f->prev.region.block, items = f->prev.region.items;
	int line = f->prev.region.line;
	const struct style_template *t = f->tpl, *pt;
	const struct dl_page *prev;
	struct bal_from from;
	int prev_h, prev_span;

	if (f->trial || t->fixed || pages < 2 || f->prev_page != pages - 1 ||
	    frame_page(f)->blank || f->page_block >= end ||
	    fill_enough(f->sheet, frame_page(f), pages) ||
	    f->lay->pages[pages - 2].blank || block >= f->page_block ||
	    bal_inside_group(f, block, line) || bal_inside_group(f, f->page_block, f->page_line))
		return;
	prev = &f->lay->pages[pages - 2];
	pt = style_template(f->sheet, dl_page_columns(prev));
	if (!pt || pt->fixed || (pt != t && !bal_shared_start(f, t)))
		return;
	from = bal_from_region(f);
	/* the page before's columns: shorter below the part above its region
	 * (prev points into the pages, which a re-pour moves) */
	prev_span = prev->region_span;
	prev_h = colh - prev_span;
	{
		size_t cur_block = f->cur_block;
		int cur_line = f->cur_line;

		/* the last page opens a region below its first (a section
		 * that shared it): what it uses is not its columns' height,
		 * the page before's columns go down a step at a time */
		if (pt != t || !again || f->top_block != f->page_block) {
			/* the page before as deep as its content reaches (its
			 * columns shortened already when again) */
			int held = pt != t ? prev_h : fill_bottom(prev, items) - pt->top - prev_span;

			if (held > prev_h || held <= 0)
				held = prev_h;
			bal_two_down(f, end, pages, held, &from, pt != t ? 0 : held + 1024);
			f->cur_block = cur_block;
			f->cur_line = cur_line;
			return;
		}
		/* the two pages' text spread over their columns, at least half a column */
		int limit = (cols * prev_h + used) / (2 * cols) + 24 * 1024;

		if (limit < prev_h / 2)
			limit = prev_h / 2;
		for (; limit < prev_h; limit += 24 * 1024)
			if (bal_repour(f, end, limit, pages, &from) == 0)
				break;
		if (limit >= prev_h && bal_repour(f, end, 0, pages, &from) < 0)
			bal_lost(f, block);
		else if (limit < prev_h && !fill_enough(f->sheet, frame_page(f), pages))
			/* the text is not spread evenly (a title and white on
			 * the last page): shorter still, down to half */
			bal_two_lower(f, end, pages, limit, prev_h / 2, &from);
		/* a spread that empties the page before (a card too tall for
		 * what is left of it moved over whole) is worse than the pour:
		 * the last page stays under min-fill, for the balancers after */
		if (!f->failed && limit < prev_h && f->lay->npages == pages &&
		    !fill_enough(f->sheet, &f->lay->pages[pages - 2], pages - 1) &&
		    bal_repour(f, end, 0, pages, &from) < 0)
			bal_lost(f, block);
		f->cur_block = cur_block; /* the caller goes on from here */
		f->cur_line = cur_line;
	}
	if (again > 0 && !f->failed && f->lay->npages == pages &&
	    f->lay->pages[pages - 2].region_span != prev_span)
		bal_two_at(f, end, again - 1);
}

/* When the last page is still under min-fill after bal_two_at and the
 * page before holds two regions (a section that shared it opened below
 * another's columns), the lower region alone cannot give enough: the two
 * pages are poured again from the page before's top, its first region's
 * columns a step shorter each time, so that that region's last lines go
 * over too.  Kept when both pages reach min-fill; else the pages are
 * poured as they were and balanced as before. */
static void bal_two_top(struct flow *f, size_t end)
{
	int pages = f->lay->npages;
	struct bal_from from = bal_from_top(f);
	const struct dl_page *prev;
	size_t cur_block = f->cur_block;
	int cur_line = f->cur_line;
	int depth;

	if (f->trial || f->tpl->fixed || pages < 2 || f->prev_page != pages - 1 ||
	    frame_page(f)->blank || f->page_block >= end ||
	    fill_enough(f->sheet, frame_page(f), pages))
		return;
	prev = &f->lay->pages[pages - 2];
	if (prev->blank || !prev->region_template || prev->region_span <= 0 ||
	    from.block >= f->prev.region.block || bal_inside_group(f, from.block, from.line) ||
	    bal_inside_group(f, f->page_block, f->page_line))
		return;
	{
		const struct style_template *pt = style_template(f->sheet, prev->template_name);

		if (!pt || pt->fixed)
			return;
		depth = prev->region_span - pt->gutter;
	}
	for (int limit = depth - 24 * 1024; limit >= 24 * 1024; limit -= 24 * 1024)
		if (bal_repour(f, end, limit, pages, &from) == 0 &&
		    fill_enough(f->sheet, frame_page(f), pages) &&
		    fill_enough(f->sheet, &f->lay->pages[pages - 2], pages - 1)) {
			f->cur_block = cur_block;
			f->cur_line = cur_line;
			return;
		}
	if (bal_repour(f, end, 0, pages, &from) < 0)
		bal_lost(f, from.block);
	f->cur_block = cur_block;
	f->cur_line = cur_line;
	if (!f->failed && f->lay->npages == pages)
		bal_two_at(f, end, 1);
}

/* The most pages a bal_keep holds. */
#define BAL_KEEP_MAX 4

/* The last pages as they are, and the pour's state, to be put back
 * exactly when a balancing of several pages finds nothing better. */
struct bal_keep {
	struct flow f;
	int pages;                      /* the page count then */
	int n;                          /* how many of the last pages are kept */
	struct dl_page page[BAL_KEEP_MAX];
	struct flow_left left[BAL_KEEP_MAX];
};

/* Keeps the last n pages (n <= BAL_KEEP_MAX and the page count). */
static void bal_keep_save(const struct flow *f, struct bal_keep *k, int n)
{
	int pages = f->lay->npages;

	k->f = *f;
	k->pages = pages;
	k->n = n;
	for (int i = 0; i < n; i++) {
		const struct dl_page *p = &f->lay->pages[pages - n + i];

		k->page[i] = *p;
		k->page[i].items = xmalloc((p->n + 1) * sizeof *p->items);
		memcpy(k->page[i].items, p->items, p->n * sizeof *p->items);
		k->page[i].cap = p->n + 1;
		if (pages - n - 1 + i >= 0)
			k->left[i] = flow_priv(f)->left[pages - n - 1 + i];
	}
}

/* What bal_keep_save kept, dropped: the pour as it is now is kept. */
static void bal_keep_drop(struct bal_keep *k)
{
	for (int i = 0; i < k->n; i++)
		free(k->page[i].items);
}

/* Puts back what bal_keep_save kept (its pages' items handed over), and
 * each section's page as those pages say (their DL_DEST items). */
static void bal_keep_restore(struct flow *f, struct bal_keep *k)
{
	struct layout *l = f->lay;
	int pages = k->pages, n = k->n;

	while (l->npages > pages - n) {
		l->npages--;
		free(l->pages[l->npages].items);
	}
	l->pages = xrealloc(l->pages, (size_t)pages * sizeof *l->pages);
	for (int i = 0; i < n; i++) {
		l->pages[pages - n + i] = k->page[i];
		if (pages - n - 1 + i >= 0)
			flow_priv(f)->left[pages - n - 1 + i] = k->left[i];
		for (size_t j = 0; j < k->page[i].n; j++)
			if (k->page[i].items[j].kind == DL_DEST)
				g_hash_table_insert(k->f.dest_page, (gpointer)k->page[i].items[j].uri,
						    GINT_TO_POINTER(pages - n + 1 + i));
	}
	l->npages = pages;
	*f = k->f;
}

/* Whether pages from..last (page numbers) are each filled to min-fill. */
static int bal_pages_enough(const struct flow *f, int from, int last)
{
	for (int n = from; n <= last; n++)
		if (!fill_enough(f->sheet, &f->lay->pages[n - 1], n))
			return 0;
	return 1;
}

/* Whether pages from..last may give the last page some of what they
 * hold: none blank or of a fixed template, each filled to min-fill. */
static int bal_pages_give(const struct flow *f, int from, int last)
{
	for (int n = from; n <= last; n++) {
		const struct dl_page *p = &f->lay->pages[n - 1];
		const struct style_template *t = style_template(f->sheet, p->template_name);

		if (p->blank || !t || t->fixed)
			return 0;
	}
	return bal_pages_enough(f, from, last);
}

/* The end of a balancing of several pages begun with bal_keep_save and
 * f->several set: the pour as it is now when `kept`, else as it was kept
 * (a trial that failed said so: the run fails); either way the caller goes
 * on from block cur_block, line cur_line. */
static void bal_keep_end(struct flow *f, struct bal_keep *k, int kept, size_t cur_block,
			 int cur_line)
{
	int failed = f->failed;

	if (kept) {
		bal_keep_drop(k);
		f->several = 0;
	} else {
		bal_keep_restore(f, k);
		f->failed |= failed;
	}
	f->cur_block = cur_block;
	f->cur_line = cur_line;
}

/* When the last page is still under min-fill after the two-page
 * balancing (the page before cannot give it enough without falling under
 * min-fill itself), the last three pages are poured again from the first
 * one's top, its columns (those of all its regions) ending a step higher
 * each time (struct bal_from foot), so that its last lines go to the
 * middle page and the middle page's on to the last.  Kept when the three
 * reach min-fill on as many pages; else the pages and the pour are put
 * back as they were.  Never from a page that opens inside a split card,
 * never inside another three-page re-pour. */
static void bal_three(struct flow *f, size_t end)
{
	int pages = f->lay->npages, cur_line = f->cur_line, depth, kept = 0;
	const struct flow_priv *fp = flow_priv(f);
	size_t cur_block = f->cur_block;
	const struct flow_mark *top;
	const struct style_template *t;
	struct bal_from from;
	struct bal_keep keep;

	if (f->several || f->trial || f->balancing || f->tpl->fixed || pages < 3 ||
	    (size_t)pages - 2 > fp->nleft || frame_page(f)->blank || f->page_block >= end ||
	    fill_enough(f->sheet, frame_page(f), pages) || !bal_pages_give(f, pages - 2, pages - 1))
		return;
	top = &fp->left[pages - 3].top;
	t = style_template(f->sheet, f->lay->pages[pages - 3].template_name);
	if (top->block >= end || top->block > fp->left[pages - 2].top.block ||
	    bal_inside_group(f, top->block, top->line))
		return;
	/* the first page's columns as deep as its content reaches */
	depth = fill_bottom(&f->lay->pages[pages - 3], top->items) - t->top;
	if (depth > f->sheet->page_h - t->top - t->bottom)
		depth = f->sheet->page_h - t->top - t->bottom;
	from = (struct bal_from){ .block = top->block, .items = top->items, .line = top->line,
				  .top = 1, .page = pages - 2, .foot = 1, .has_before = pages >= 4,
				  .before = pages >= 4 ? fp->left[pages - 4] : fp->left[0] };
	bal_keep_save(f, &keep, 3);
	f->several = 1;
	for (int limit = depth - 24 * 1024; limit >= depth / 2 && !kept; limit -= 24 * 1024) {
		int rc = bal_repour(f, end, limit, pages, &from);

		kept = rc == 0 && bal_pages_enough(f, pages - 2, pages);
		if (rc < 0 || f->failed)
			break;
	}
	bal_keep_end(f, &keep, kept, cur_block, cur_line);
}

/* Whether a page may start at block b, which its page before also holds
 * (bal_push): not inside a card, nor right after a title or a block kept
 * with its next. */
static int bal_push_ok(const struct flow *f, size_t b)
{
	const struct block *k = &f->bl->v[b], *before = &f->bl->v[b - 1];

	return !bal_inside_group(f, b, 0) && !before->heading && !before->style->keep_with_next &&
	       k->kind != BLK_IMAGE;
}

/* Whether the pages after page `first` up to `last` look as page
 * `first` does (bal_push moves its text onto them): no picture of their
 * own behind the whole page (a section's background photograph: text
 * from before it would be printed over it), no ground or band their
 * template has and first's has not. */
static int bal_push_ground_ok(const struct flow *f, int first, int last)
{
	const struct style_template *t0 =
		style_template(f->sheet, f->lay->pages[first - 1].template_name);

	for (int n = first + 1; n <= last; n++) {
		const struct dl_page *p = &f->lay->pages[n - 1];
		const struct style_template *t = style_template(f->sheet, p->template_name);

		if (!t || (t->has_background && (!t0->has_background || t->background != t0->background)) ||
		    (t->band && t->band != t0->band))
			return 0;
		for (size_t i = 0; i < p->n; i++)
			if (p->items[i].bleed && p->items[i].src_line > 0)
				return 0;
	}
	return 1;
}

/* Where page n of `pages` starts its content: the last one's (the
 * current page's) from the pour's position, an earlier one's from its
 * record (struct flow_priv left). */
static struct flow_mark bal_page_top(const struct flow *f, int n, int pages)
{
	if (n == pages)
		return (struct flow_mark){ f->top_block, f->top_items, f->top_line };
	return flow_priv(f)->left[n - 1].top;
}

/* Whether the pages from page `first` to the last may be poured again to
 * fill the last one (bal_push, bal_pull): it is under min-fill, not blank,
 * before a page that starts whatever comes before it (a page break, the
 * back cover, the end); no other re-pour is under way; the pages from
 * `first` to the one before it may give (bal_pages_give). */
static int bal_last_short(const struct flow *f, size_t end, int first)
{
	int pages = f->lay->npages;

	if (end < f->bl->n && !f->bl->v[end].backcover && f->bl->v[end].brk != BREAK_PAGE &&
	    f->bl->v[end].brk != BREAK_RIGHT)
		return 0;
	return !f->several && !f->trial && !f->balancing && !f->tpl->fixed && first >= 1 &&
	       (size_t)pages - 1 <= flow_priv(f)->nleft && f->prev_page == pages - 1 &&
	       !frame_page(f)->blank && f->page_block < end &&
	       !fill_enough(f->sheet, frame_page(f), pages) && bal_pages_give(f, first, pages - 1);
}

/* The most places bal_push tries in a run of blocks. */
#define BAL_PUSH_TRIES 16

/* bal_push's tries at blocks `last` down to `after` + 1, the pages from
 * from->page on poured again with a page started at each (the first
 * BAL_PUSH_TRIES that may open a page): 1 at the first that leaves every
 * one of them filled to min-fill on as many pages (the start kept for the
 * pass), 0 when none does, -1 when a re-pour failed. */
static int bal_push_tries(struct flow *f, size_t end, int pages, const struct bal_from *from,
			  size_t last, size_t after)
{
	struct flow_priv *fp = flow_priv(f);
	int tries = 0;

	for (size_t b = last; b > after && tries < BAL_PUSH_TRIES; b--) {
		int rc, kept;

		if (!bal_push_ok(f, b))
			continue;
		tries++;
		fp->start_at[b] = FLOW_START_PAGE;
		rc = bal_repour(f, end, 0, pages, from);
		kept = rc == 0 && !f->failed && bal_pages_enough(f, from->page, pages);
		if (!kept)
			fp->start_at[b] = FLOW_START_MEASURED;
		if (rc < 0 || f->failed)
			return -1;
		if (kept)
			return 1;
	}
	return 0;
}

/* When the last page is still under min-fill after the balancing above
 * (the page before cannot give it lines: it holds other sections, of
 * other templates, or whole cards; or two pages of sparse lines hold too
 * little for both), the pages from `back` pages before the last are
 * poured again from that page's top with a page started earlier on it:
 * at the last block it holds that may open a page, else the one before,
 * and so on (a short section, a paragraph, a card moved over whole); the
 * pages after it fill up as they come.  When none of its blocks does, at
 * a block of a page between it and the last (the balancing at that page
 * start spreading the pages before it).  Kept at the first place that
 * leaves every one of those pages filled to min-fill on as many pages,
 * the page start kept for the rest of the pass (struct flow_priv
 * start_at: a later re-pour of those pages starts it too); else the
 * pages and the pour are put back as they were.  Only before a page that
 * starts whatever comes before it (a page-if-filled section after may yet
 * fill the last page); never from a page that opens inside a split card,
 * never inside another re-pour.  Returns whether it was kept. */
static int bal_push(struct flow *f, size_t end, int back)
{
	int pages = f->lay->npages, first = pages - back, cur_line = f->cur_line, kept;
	const struct flow_priv *fp = flow_priv(f);
	size_t cur_block = f->cur_block, last;
	const struct flow_mark *top;
	struct flow_mark next;
	struct bal_from from;
	struct bal_keep keep;

	if (first < 2 || pages < 3 || !bal_last_short(f, end, first) ||
	    !bal_push_ground_ok(f, first, pages))
		return 0;
	top = &fp->left[first - 1].top;
	/* where the page after the first one starts */
	next = bal_page_top(f, first + 1, pages);
	if (top->block >= next.block || next.block > f->top_block ||
	    bal_inside_group(f, top->block, top->line))
		return 0;
	last = next.line > 0 ? next.block : next.block - 1;
	from = (struct bal_from){ .block = top->block, .items = top->items, .line = top->line,
				  .top = 1, .page = first };
	bal_keep_save(f, &keep, back + 1);
	f->several = 1;
	/* the first page's blocks, then those of the pages between it and
	 * the last (a page started there, the pages from the first one on
	 * poured again: the balancing at that page start spreads them) */
	kept = bal_push_tries(f, end, pages, &from, last, top->block);
	if (kept == 0)
		kept = bal_push_tries(f, end, pages, &from,
				      f->top_line > 0 ? f->top_block : f->top_block - 1, last);
	bal_keep_end(f, &keep, kept > 0, cur_block, cur_line);
	return kept > 0;
}

/* One of bal_pull's tries: block b, which started a page of its own, made
 * to open a region on the page before (FLOW_START_SHARE), the pages from
 * from->page on poured again: 1 when every page from from->page on is
 * filled to min-fill, on as many pages or one fewer (the start kept for
 * the pass), 0 when not (the start given back), -1 when the re-pour
 * failed. */
static int bal_pull_at(struct flow *f, size_t end, int pages, const struct bal_from *from, size_t b)
{
	struct flow_priv *fp = flow_priv(f);
	int rc, kept;

	fp->start_at[b] = FLOW_START_SHARE;
	rc = bal_repour(f, end, 0, pages, from);
	/* the section's run now ends on a page of its own split: its last
	 * two pages balanced as a page break would have them */
	if ((rc == 0 || rc == 2) && !f->failed && !fill_enough(f->sheet, frame_page(f), f->lay->npages))
		bal_two_at(f, end, 1);
	kept = (rc == 0 || rc == 2) && !f->failed && bal_pages_enough(f, from->page, f->lay->npages);
	if (!kept)
		fp->start_at[b] = FLOW_START_MEASURED;
	if (rc < 0 || f->failed)
		return -1;
	return kept;
}

/* When block b, opening page n, does not fit below what the page before
 * holds: the last picture of that page that its rule lets shrink
 * (shrink-to-fill) set a step smaller each time, down to the least its
 * rule allows (struct flow_priv pic_cap), with b opening its region below
 * it (bal_pull_at); kept at the first size that fills the pages, else the
 * picture is set as the pour sets it.  Returns as bal_pull_at does. */
static int bal_pull_shrink(struct flow *f, size_t end, int pages, const struct bal_from *from,
			   int n, size_t b)
{
	struct flow_priv *fp = flow_priv(f);
	size_t top = n - 1 == from->page ? from->block : fp->left[n - 2].top.block;
	size_t pic = b;
	int w, own;

	for (size_t j = top; j < b; j++) {
		const struct block *k = &f->bl->v[j];

		if (k->kind == BLK_IMAGE && k->pic.place == PICTURE_HERE && k->pic.shrink < 1 &&
		    fp->set_w[j] > 0)
			pic = j;
	}
	if (pic == b)
		return 0;
	picture_size(&f->bl->v[pic].pic, fp->set_w[pic], &w, &own);
	for (int cap = own - 24 * 1024; cap >= (int)(own * f->bl->v[pic].pic.shrink + 0.5);
	     cap -= 24 * 1024) {
		int rc;

		fp->pic_cap[pic] = cap;
		if ((rc = bal_pull_at(f, end, pages, from, b)) != 0) {
			if (rc < 0)
				fp->pic_cap[pic] = 0;
			return rc;
		}
	}
	fp->pic_cap[pic] = 0;
	return 0;
}

/* bal_pull's tries: the page starts after page from->page up to the
 * last page's, where a section or part that may share the page before
 * (share-page with page-if-filled) opened a page of its own, each in turn
 * made to open a region on the page before instead (bal_pull_at), with a
 * picture of that page set smaller when it must (bal_pull_shrink): 1 at
 * the first that fills the pages, 0 when none does, -1 when a re-pour
 * failed. */
static int bal_pull_tries(struct flow *f, size_t end, int pages, const struct bal_from *from)
{
	struct flow_priv *fp = flow_priv(f);

	for (int n = from->page + 1; n <= pages; n++) {
		struct flow_mark top = bal_page_top(f, n, pages);
		size_t b = top.block;
		const struct block *k = &f->bl->v[b];
		int rc;

		if (top.line > 0 || b >= end || !k->share || k->brk != BREAK_PAGE_IF_FILLED ||
		    fp->start_at[b] != FLOW_START_MEASURED)
			continue;
		if ((rc = bal_pull_at(f, end, pages, from, b)) != 0 ||
		    (rc = bal_pull_shrink(f, end, pages, from, n, b)) != 0)
			return rc;
	}
	return 0;
}

/* When the last page is still under min-fill and no page start moved up
 * fills it (bal_push): the content of the last `back` pages and of the
 * page before them may be too little for as many pages filled to
 * min-fill, yet one of them started a page of its own because the rest of
 * the page before could not hold it whole (a section that may share the
 * page, pour_shares).  The pages from `back` pages before the last are
 * poured again from that page's top with such a section opening its
 * region on the page before and going on on the next page, the sections
 * after it following (bal_pull_tries).  Kept when every one of those
 * pages is filled to min-fill, on as many pages or one fewer (the page
 * start given up for the rest of the pass); else the pages and the pour
 * are put back as they were.  Only before a page that starts whatever
 * comes before it; never from a page that opens inside a split card,
 * never inside another re-pour.  Returns whether it was kept. */
static int bal_pull(struct flow *f, size_t end, int back)
{
	int pages = f->lay->npages, first = pages - back, cur_line = f->cur_line, kept;
	const struct flow_priv *fp = flow_priv(f);
	size_t cur_block = f->cur_block;
	const struct flow_mark *top;
	struct bal_from from;
	struct bal_keep keep;

	if (!bal_last_short(f, end, first))
		return 0;
	top = &fp->left[first - 1].top;
	if (top->block >= f->top_block || bal_inside_group(f, top->block, top->line))
		return 0;
	from = (struct bal_from){ .block = top->block, .items = top->items, .line = top->line,
				  .top = 1, .page = first, .has_before = first >= 2,
				  .before = first >= 2 ? fp->left[first - 2] : fp->left[0] };
	bal_keep_save(f, &keep, back + 1);
	f->several = 1;
	kept = bal_pull_tries(f, end, pages, &from);
	bal_keep_end(f, &keep, kept > 0, cur_block, cur_line);
	return kept > 0;
}

void bal_two(struct flow *f, size_t end)
{
	int back;

	bal_two_at(f, end, 1);
	bal_two_top(f, end);
	bal_three(f, end);
	for (back = 1; back < BAL_KEEP_MAX && !bal_push(f, end, back); back++)
		;
	if (back < BAL_KEEP_MAX)
		return; /* a page start moved up filled the last page */
	for (back = 1; back < BAL_KEEP_MAX && !bal_pull(f, end, back); back++)
		;
}
