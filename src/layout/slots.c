/* slots: the pictures that name a template slot, in that slot of its page. */
#include <math.h>
#include <string.h>

#include "picture.h"
#include "slots.h"

/* One <slot> of the sheet, read. */
struct slot {
	const struct node *n;
	const char *name, *template_name;
	int x, y, w, h;         /* the box, from the trim's top-left corner */
	int gap;                /* between pictures in a row */
	int bleed;              /* runs on into the bleed where it touches the trim */
	int cover;              /* a single picture fills the box */
	int align;              /* a row: 0 left, 1 centre, 2 right */
	int min_w;              /* each picture at least this wide (logos) */
	int beside;             /* anchor="previous": the box's bottom on the last baseline
				 * of the element before the first picture, on that page */
};

static const struct node *slot_find(const struct style_sheet *s, const char *name)
{
	for (const struct node *n = style_root(s)->first; n; n = n->next)
		if (n->type == N_ELEM && !strcmp(n->name, "slot") && doc_attr(n, "name") &&
		    !strcmp(doc_attr(n, "name"), name))
			return n;
	return NULL;
}

static int slot_len(const struct style_sheet *s, const struct node *n, const char *attr, int *out,
		    struct msg *m)
{
	const char *v = doc_attr(n, attr);
	char what[160];

	if (v && style_parse_length(v, out) < 0) {
		msg_at(m, M_SHEET_VALUE, s->file, doc_attr_line(n, attr), 0,
		       style_what(n, what, sizeof what), attr, v, "a length (40mm, 12pt)");
		return -1;
	}
	return 0;
}

static int slot_read(struct slot *sl, const struct style_sheet *s, const struct node *n,
		     struct msg *m)
{
	const char *v;
	int e = 0;

	*sl = (struct slot){
		.n = n, .name = doc_attr(n, "name"), .template_name = doc_attr(n, "template"),
		.w = s->page_w, .h = s->page_h, .gap = STYLE_MM(5), .align = 1,
	};
	e |= slot_len(s, n, "x", &sl->x, m);
	e |= slot_len(s, n, "y", &sl->y, m);
	e |= slot_len(s, n, "width", &sl->w, m);
	e |= slot_len(s, n, "height", &sl->h, m);
	e |= slot_len(s, n, "gap", &sl->gap, m);
	e |= slot_len(s, n, "min-width", &sl->min_w, m);
	sl->bleed = (v = doc_attr(n, "bleed")) && !strcmp(v, "yes");
	sl->cover = (v = doc_attr(n, "fit")) && !strcmp(v, "cover");
	sl->beside = (v = doc_attr(n, "anchor")) && !strcmp(v, "previous");
	if ((v = doc_attr(n, "align")))
		sl->align = !strcmp(v, "left") ? 0 : !strcmp(v, "right") ? 2 : 1;
	if (!sl->template_name || sl->w <= 0 || sl->h <= 0) {
		char what[160];

		msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, style_what(n, what, sizeof what),
		       "template/width/height",
		       sl->template_name ? "0" : "", "a template's name and a box");
		e = -1;
	}
	return e ? -1 : 0;
}

/* The page a slot's pictures go on: the first of its template (the last
 * for the back cover, which stays last), or NULL. */
static struct dl_page *slot_page(struct layout *l, const struct slot *sl)
{
	struct dl_page *found = NULL;

	for (int i = 0; i < l->npages; i++) {
		const char *t = l->pages[i].template_name;

		if (t && !strcmp(t, sl->template_name)) {
			found = &l->pages[i];
			if (strcmp(t, "back") != 0)
				break;
		}
	}
	return found;
}

/* anchor="previous": moves the box so that its bottom sits on the last
 * baseline, on page p, of the element at `line`, the one just before the
 * slot's first picture (the funding line a funder's logo stands beside).
 * Leaves it when there is none. */
static void slot_anchor(struct slot *sl, const struct dl_page *p, long line)
{
	int last = -1;

	if (!line)
		return;
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].kind == DL_TEXT && !p->items[i].slug && p->items[i].src_line == line)
			last = p->items[i].y;
	if (last >= 0)
		sl->y = last + STYLE_PT(2) - sl->h;
}

/* A picture over text is a mistake of the sheet or of the slot's use:
 * says so, naming the first line it covers. */
static void slot_overlap(const struct dl_page *p, const struct dl_item *it, const char *file,
			 struct msg *m)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct dl_item *t = &p->items[i];

		if (t->kind != DL_TEXT || t->slug || t->x >= it->x + it->w || t->x + t->w <= it->x ||
		    t->y - STYLE_PT(7) >= it->y + it->h || t->y + STYLE_PT(2) <= it->y)
			continue;
		msg_at(m, M_IMAGE_OVER_TEXT, file, it->src_line, 0, p->number, t->src_line);
		return;
	}
}

/* Inserts an item after the page's leading grounds (full-page DL_RECTs)
 * and the pictures already put there, so pictures keep their order. */
static struct dl_item *slot_insert(struct dl_page *p)
{
	size_t at = 0;

	while (at < p->n && ((p->items[at].kind == DL_RECT && p->items[at].bleed) ||
			     p->items[at].kind == DL_IMAGE))
		at++;
	xgrow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
	memmove(&p->items[at + 1], &p->items[at], (p->n - at) * sizeof *p->items);
	p->n++;
	memset(&p->items[at], 0, sizeof p->items[at]);
	return &p->items[at];
}

/* Lays out the pictures of one slot: one picture takes the box; several
 * stand in a row at the box's height, scaled alike to fit its width. */
static void slot_fill(struct dl_page *p, const struct slot *sl, const struct picture *const *pics,
		      int n, const char *file, struct msg *m)
{
	double sum = 0, k, x;
	double row_w;

	for (int i = 0; i < n; i++)
		sum += pics[i]->image->w / pics[i]->image->h;
	k = n == 1 ? 1 : fmin(1.0, (sl->w - sl->gap * (n - 1.0)) / (sl->h * sum));
	row_w = n == 1 ? sl->w : sl->h * k * sum + sl->gap * (n - 1.0);
	x = sl->x + (sl->w - row_w) * sl->align / 2.0;
	for (int i = 0; i < n; i++) {
		const struct picture *pc = pics[i];
		struct dl_item *it = slot_insert(p);
		double w = n == 1 ? sl->w : sl->h * k * pc->image->w / pc->image->h;
		double h = n == 1 ? sl->h : sl->h * k;

		it->kind = DL_IMAGE;
		it->x = (int)lround(x);
		it->y = (int)lround(sl->y + (sl->h - h) / 2);
		it->w = (int)lround(w);
		it->h = (int)lround(h);
		it->bleed = sl->bleed;
		it->image = pc->image;
		it->cover = n == 1 && (sl->cover || pc->cover);
		/* a lone picture that does not fill its slot keeps to the slot's side */
		it->fx = n == 1 && !it->cover && !pc->focus ? sl->align / 2.0 : pc->fx;
		it->fy = pc->fy;
		it->alt = pc->alt;
		it->min_w = pc->min_width > sl->min_w ? pc->min_width : sl->min_w;
		it->src_line = pc->line;
		slot_overlap(p, it, file, m);
		x += w + sl->gap;
	}
}

int slot_place(struct layout *l, const struct style_sheet *s, const struct picture *pics,
	       size_t n, const char *file, struct msg *m)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++) {
		const char *name = pics[i].slot;
		const struct picture *row[32];
		const struct node *def;
		struct dl_page *p;
		struct slot sl;
		int nr = 0, dup = 0;

		/* each slot once, at its first picture */
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(pics[j].slot, name);
		if (dup)
			continue;
		def = slot_find(s, name);
		if (!def) {
			msg_at(m, M_IMAGE_SLOT, file, pics[i].line, pics[i].image->col, name, "no such slot");
			errors++;
			continue;
		}
		if (slot_read(&sl, s, def, m) < 0) {
			errors++;
			continue;
		}
		p = slot_page(l, &sl);
		if (!p) {
			msg_at(m, M_IMAGE_SLOT, file, pics[i].line, pics[i].image->col, name,
			       "its page template has no page in this document");
			errors++;
			continue;
		}
		for (size_t j = i; j < n && nr < 32; j++)
			if (!strcmp(pics[j].slot, name))
				row[nr++] = &pics[j];
		if (sl.beside)
			slot_anchor(&sl, p, pics[i].anchor_line);
		slot_fill(p, &sl, row, nr, file, m);
	}
	return errors;
}
