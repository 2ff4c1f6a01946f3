/* block: document tree to the flat list of blocks that flow.c pours. */
#include <string.h>

#include "block.h"

/* Walk state: what the next emitted block inherits. */
struct blk_builder {
	struct block_list *bl;
	const struct doc *doc;
	const struct style_sheet *sheet;
	struct msg *m;
	enum style_break brk;      /* pending break for the next block */
	const char *template_name; /* pending template for the next block */
	int group;                 /* current keep-together group, 0 = none */
	const struct style *group_style;
	int groups;                /* groups made so far */
	int backcover;             /* inside <backcover> */
	const char *section_class; /* class of the innermost section being built, or NULL */
};

/* The style for an element of `type` in context `ctx`: inside a section
 * with a class, "section-CLASS-type" first; then "ctx-type", then "type",
 * then "base".  A section's id never chooses a style. */
static const struct style *blk_style(struct blk_builder *b, const char *ctx, const char *type)
{
	char own[160], both[96];
	const char *names[4] = { both, type, NULL, NULL };

	snprintf(both, sizeof both, "%s-%s", ctx, type);
	if (b->section_class) {
		snprintf(own, sizeof own, "section-%s-%s", b->section_class, type);
		names[0] = own;
		names[1] = both;
		names[2] = type;
	}
	return style_pick(b->sheet, names);
}

/* Appends a block in style st for src, taking the pending break and
 * template, the current group, and the style's inline bullet. */
static struct block *blk_emit(struct blk_builder *b, const struct style *st, const struct node *src)
{
	struct block *k;

	xgrow(&b->bl->v, &b->bl->cap, b->bl->n + 1, sizeof *b->bl->v);
	k = &b->bl->v[b->bl->n++];
	memset(k, 0, sizeof *k);
	k->kind = BLK_PARA;
	k->tag = "P";
	k->style = st;
	k->src = src;
	k->lang = src->lang;
	k->brk = b->brk > st->break_before ? b->brk : st->break_before;
	k->template_name = b->template_name ? b->template_name : "";
	k->group = b->group;
	k->group_style = b->group_style;
	k->backcover = b->backcover;
	b->brk = BREAK_NONE;
	b->template_name = NULL;
	inl_init(&k->inl, b->sheet, st, k->lang);
	if (*st->bullet && st->indent_left == 0) {
		inl_add_text(&k->inl, st->bullet, 0, 0, st->bullet_color, NULL);
		inl_add_text(&k->inl, " ", 0, 0, 0, NULL);
	}
	return k;
}

/* A paragraph of the inline content of n. */
static struct block *blk_para(struct blk_builder *b, const char *ctx, const struct node *n)
{
	struct block *k = blk_emit(b, blk_style(b, ctx, doc_type_name(n->type)), n);

	inl_add_node(&k->inl, n);
	inl_finish(&k->inl);
	return k;
}

/* "Label : content" with the label in the label weight. */
static struct block *blk_field(struct blk_builder *b, const char *ctx, const char *label,
			       const struct node *n)
{
	const struct style *st = blk_style(b, ctx, "field");
	const struct style *ls = style_find(b->sheet, "label");
	struct block *k = blk_emit(b, st, n);
	char buf[512];

	snprintf(buf, sizeof buf, "%s%s", label, inl_label_sep(n->lang));
	inl_add_text(&k->inl, buf, ls ? ls->weight : 700, 0, ls ? ls->color : 0, NULL);
	if (n->type == N_PROJECTS) {
		int first = 1;

		for (const struct node *r = doc_child(n, N_REF); r; r = doc_next(r, N_REF)) {
			char years[64];
			const char *target = doc_attr(r, "project");
			int start;

			if (!first)
				inl_add_text(&k->inl, " / ", 0, 0, 0, NULL);
			first = 0;
			start = (int)k->inl.text->len;
			inl_add_node(&k->inl, r);
			if (target)
				inl_add_link(&k->inl, start, (int)k->inl.text->len, target, 1);
			snprintf(years, sizeof years, " (%s)", doc_attr(r, "years") ? doc_attr(r, "years") : "");
			if (doc_attr(r, "years"))
				inl_add_text(&k->inl, years, 0, 0, 0, NULL);
		}
	} else {
		inl_add_node(&k->inl, n);
	}
	inl_finish(&k->inl);
	return k;
}

static const char *blk_label(struct blk_builder *b, const char *name)
{
	const char *l = doc_label(b->doc, name);

	return l ? l : name;
}

static void blk_group_begin(struct blk_builder *b, const struct style *gs)
{
	b->group = ++b->groups;
	b->group_style = gs;
}

static void blk_group_end(struct blk_builder *b)
{
	b->group = 0;
	b->group_style = NULL;
}

static void blk_city(struct blk_builder *b, const struct node *city)
{
	const struct style *gs = blk_style(b, "city", "card");
	struct block *k;

	blk_group_begin(b, gs);
	k = blk_emit(b, blk_style(b, "city", "name"), city);
	inl_add_node(&k->inl, doc_child(city, N_NAME));
	if (doc_child(city, N_COUNTRY)) {
		inl_add_text(&k->inl, " (", 0, 0, 0, NULL);
		inl_add_node(&k->inl, doc_child(city, N_COUNTRY));
		inl_add_text(&k->inl, ")", 0, 0, 0, NULL);
	}
	inl_finish(&k->inl);
	k->dest = doc_attr(city, "id");
	k->tag = "H3";
	for (const struct node *c = city->first; c; c = c->next) {
		switch (c->type) {
		case N_INITIATIVE:
			blk_para(b, "city", c);
			break;
		case N_P:
			blk_para(b, "city", c);
			break;
		case N_SUPPORT:
			blk_field(b, "city", blk_label(b, "support"), c);
			break;
		case N_PROJECTS:
			blk_field(b, "city", blk_label(b, "projects"), c);
			break;
		case N_MEMBER_SINCE:
			blk_field(b, "city", blk_label(b, "member-since"), c);
			break;
		default:
			break;
		}
	}
	blk_group_end(b);
}

static void blk_project(struct blk_builder *b, const struct node *p)
{
	const struct style *ns = style_find(b->sheet, "project-name");
	struct block *k = blk_emit(b, blk_style(b, "project", "title"), p);
	const char *years = doc_attr(p, "years");
	int start = (int)k->inl.text->len;
	char buf[80];

	inl_add_node(&k->inl, doc_child(p, N_NAME));
	if (ns)
		inl_color_range(&k->inl, ns->color, start, (int)k->inl.text->len);
	inl_add_text(&k->inl, " - ", 0, 0, 0, NULL);
	inl_add_node(&k->inl, doc_child(p, N_TITLE));
	if (years) {
		snprintf(buf, sizeof buf, " (%s)", years);
		inl_add_text(&k->inl, buf, 0, 0, 0, NULL);
	}
	inl_finish(&k->inl);
	k->dest = doc_attr(p, "id");
	k->heading = 1;
	k->tag = "H3";
	for (const struct node *c = p->first; c; c = c->next) {
		if (c->type == N_P)
			blk_para(b, "project", c);
		else if (c->type == N_FIELD)
			blk_field(b, "project", doc_attr(c, "label") ? doc_attr(c, "label") : "", c);
	}
}

static void blk_list(struct blk_builder *b, const struct node *l)
{
	for (const struct node *c = l->first; c; c = c->next)
		if (c->type == N_LEAD || c->type == N_ITEM)
			blk_para(b, "list", c)->tag = c->type == N_ITEM ? "LI" : "P";
}

static void blk_address(struct blk_builder *b, const char *ctx, const struct node *a)
{
	const char *label = doc_attr(a, "label");

	if (label) {
		struct block *k = blk_emit(b, blk_style(b, ctx, "address-label"), a);
		char buf[256];

		snprintf(buf, sizeof buf, "%s%s", label, inl_label_sep(a->lang));
		/* the separator's trailing space is not wanted at the end of a line */
		buf[strlen(buf) - 1] = '\0';
		inl_add_text(&k->inl, buf, 0, 0, 0, NULL);
		inl_finish(&k->inl);
	}
	for (const struct node *c = doc_child(a, N_LINE); c; c = doc_next(c, N_LINE))
		blk_para(b, ctx, c);
}

/* The text of a section title for the outline, <br/> as a space. */
static char *blk_title_text(const struct node *title)
{
	return title ? doc_text(title) : xstrdup("");
}

static int blk_toc_level(const struct node *section)
{
	const char *toc = doc_attr(section, "toc");

	if (!toc || strcmp(toc, "none") == 0)
		return 0;
	return toc[0] == '2' ? 2 : 1;
}

static void blk_body(struct blk_builder *b, const char *ctx, const struct node *parent, int depth);

static void blk_section(struct blk_builder *b, const struct node *s, int depth)
{
	const char *kind = depth <= 1 ? "section" : "subsection";
	char own[96];
	const struct style *ss;

	/* a section of a class may have a style of its own: "section-CLASS" */
	snprintf(own, sizeof own, "section-%s", doc_attr(s, "class") ? doc_attr(s, "class") : "");
	ss = doc_attr(s, "class") ? style_find(b->sheet, own) : NULL;
	if (!ss)
		ss = style_find(b->sheet, kind);
	const struct node *title = doc_child(s, N_TITLE);
	char tname[64];

	if (ss) {
		if (ss->break_before > b->brk)
			b->brk = ss->break_before;
		if (*ss->template_name)
			b->template_name = ss->template_name;
	}
	if (title) {
		struct block *k;

		snprintf(tname, sizeof tname, "%s-title", kind);
		k = blk_emit(b, style_pick(b->sheet, (const char *const[]){ tname, "title", NULL }), title);
		inl_add_node(&k->inl, title);
		inl_finish(&k->inl);
		k->heading = 1;
		k->tag = depth <= 1 ? "H1" : "H2";
		k->dest = doc_attr(s, "id");
		k->dest_title = blk_title_text(title);
		k->dest_level = blk_toc_level(s);
	}
	{
		const char *outer = b->section_class;

		b->section_class = doc_attr(s, "class") ? doc_attr(s, "class") : outer;
		blk_body(b, kind, s, depth);
		b->section_class = outer;
	}
}

/* The block content of a section-like element: everything but its title. */
static void blk_body(struct blk_builder *b, const char *ctx, const struct node *parent, int depth)
{
	for (const struct node *c = parent->first; c; c = c->next) {
		switch (c->type) {
		case N_P:
			blk_para(b, ctx, c);
			break;
		case N_FIELD:
			blk_field(b, ctx, doc_attr(c, "label") ? doc_attr(c, "label") : "", c);
			break;
		case N_LIST:
			blk_list(b, c);
			break;
		case N_ADDRESS:
			blk_address(b, ctx, c);
			break;
		case N_CITY:
			blk_city(b, c);
			break;
		case N_PROJECT:
			blk_project(b, c);
			break;
		case N_SERVICE: {
			struct block *k = blk_para(b, "service", doc_child(c, N_TITLE));

			k->heading = 1;
			k->tag = "H3";
			k->dest = doc_attr(c, "id");
			blk_body(b, "service", c, depth + 1);
			break;
		}
		case N_SECTION:
			blk_section(b, c, depth + 1);
			break;
		default:
			break;
		}
	}
}

/* A page-level part (cover, editorial, contents, back cover) starts a page
 * in its own template. */
static void blk_part(struct blk_builder *b, const char *template_name)
{
	b->brk = BREAK_PAGE;
	b->template_name = template_name;
}

static void blk_contents(struct blk_builder *b, const struct node *contents)
{
	const struct node *title = doc_child(contents, N_TITLE);

	blk_part(b, "contents");
	if (title) {
		struct block *k = blk_para(b, "contents", title);

		k->heading = 1;
		k->tag = "H1";
		k->dest = doc_attr(contents, "id");
	}
	for (const struct node *s = b->doc->root; s; s = doc_walk_next(b->doc->root, s)) {
		int level = s->type == N_SECTION ? blk_toc_level(s) : 0;
		const struct node *st = level ? doc_child(s, N_TITLE) : NULL;
		char name[16];
		struct block *k;

		if (!st || !doc_attr(s, "id"))
			continue;
		snprintf(name, sizeof name, "toc-%d", level);
		k = blk_emit(b, style_pick(b->sheet, (const char *const[]){ name, "toc", NULL }), st);
		k->kind = BLK_TOC;
		k->tag = "TOCI";
		k->toc_target = doc_attr(s, "id");
		inl_add_node(&k->inl, st);
		inl_finish(&k->inl);
	}
}

static void blk_top(struct blk_builder *b, const struct node *n)
{
	switch (n->type) {
	case N_COVER:
		blk_part(b, "cover");
		for (const struct node *c = n->first; c; c = c->next) {
			if (c->type == N_BRAND)
				for (const struct node *l = doc_child(c, N_LINE); l; l = doc_next(l, N_LINE))
					blk_para(b, "brand", l);
			else if (c->type == N_TITLE)
				blk_para(b, "cover", c);
		}
		break;
	case N_EDITORIAL:
		blk_part(b, "editorial");
		for (const struct node *c = n->first; c; c = c->next) {
			if (c->type == N_TITLE) {
				struct block *k = blk_para(b, "editorial", c);

				k->heading = 1;
				k->tag = "H1";
				k->dest = doc_attr(n, "id");
			} else if (c->type == N_P) {
				blk_para(b, "editorial", c);
			} else if (c->type == N_SIGNATURE) {
				blk_group_begin(b, NULL);
				for (const struct node *s = c->first; s; s = s->next)
					blk_para(b, "signature", s);
				blk_group_end(b);
			}
		}
		break;
	case N_CONTENTS:
		blk_contents(b, n);
		break;
	case N_CREDITS:
		blk_body(b, "credits", n, 1);
		break;
	case N_SECTION:
		blk_section(b, n, 1);
		break;
	case N_BACKCOVER:
		blk_part(b, "back");
		b->backcover = 1;
		blk_body(b, "back", n, 1);
		b->backcover = 0;
		break;
	default:
		break;
	}
}

/* Marks each group's extent so flow.c can measure a group at once. */
static void blk_mark_groups(struct block_list *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		size_t j = i;

		if (!bl->v[i].group)
			continue;
		while (j + 1 < bl->n && bl->v[j + 1].group == bl->v[i].group)
			j++;
		for (size_t k = i; k <= j; k++) {
			bl->v[k].group_first = (int)i;
			bl->v[k].group_last = (int)j;
		}
		i = j;
	}
}

/* Warns about styles named after a section's id ("section-ID",
 * "section-ID-p"): ids never choose a layout, so such a style matches
 * nothing unless the id is also the section's class. */
static void blk_check_by_id(const struct doc *d, const struct style_sheet *s, struct msg *m)
{
	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		const char *id = n->type == N_SECTION ? doc_attr(n, "id") : NULL;
		const char *cls = n->type == N_SECTION ? doc_attr(n, "class") : NULL;
		size_t len = id ? strlen(id) : 0;

		if (!id || (cls && strcmp(cls, id) == 0))
			continue;
		for (int i = 0; i < s->nstyles; i++) {
			const char *name = s->styles[i].name;

			if (strncmp(name, "section-", 8) == 0 && strncmp(name + 8, id, len) == 0 &&
			    (name[8 + len] == '\0' || name[8 + len] == '-'))
				msg_at(m, M_STYLE_BY_ID, d->file, n->line, 0, name, s->styles[i].line,
				       s->file, id);
		}
	}
}

int block_build(struct block_list *bl, const struct doc *d, const struct style_sheet *s,
		struct msg *m)
{
	struct blk_builder b = { .bl = bl, .doc = d, .sheet = s, .m = m };

	memset(bl, 0, sizeof *bl);
	blk_check_by_id(d, s, m);
	for (const struct node *n = d->root->first; n; n = n->next)
		blk_top(&b, n);
	blk_mark_groups(bl);
	return 0;
}

void block_list_done(struct block_list *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		inl_done(&bl->v[i].inl);
		free(bl->v[i].dest_title);
		para_free(bl->v[i].para);
	}
	free(bl->v);
	memset(bl, 0, sizeof *bl);
}
