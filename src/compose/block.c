/* block: document tree to the flat list of blocks that flow.c pours, each
 * element by the role the style sheet's rules give it (role.h). */
#include <string.h>

#include "block.h"
#include "role.h"

/* Walk state: what the next emitted block inherits. */
struct blk_builder {
	struct block_list *bl;
	const struct doc *doc;
	const struct style_sheet *sheet;
	struct msg *m;
	enum style_break brk;      /* pending break for the next block */
	int share;                 /* and whether it may share the page (share-page) */
	const char *template_name; /* pending template for the next block */
	int group;                 /* current keep-together group, 0 = none */
	const struct style *group_style;
	int groups;                /* groups made so far */
	int backcover;             /* inside the part that stays last */
	int depth;                 /* sections open around the element being built */
	int errors;
	struct typo_rules rules;   /* the sheet's typographic rules of the last block's
				    * language (each lookup walks the sheet) */
};

static void blk_node(struct blk_builder *b, const struct node *n);

/* A rule's style, or "base" when it names none. */
static const struct style *blk_st(const struct blk_builder *b, const struct style *st)
{
	return st ? st : style_find(b->sheet, "base");
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
	k->line = src->line;
	k->what = doc_type_name(src->type);
	k->lang = src->lang;
	k->brk = b->brk > st->break_before ? b->brk : st->break_before;
	k->share = b->share || st->share_page;
	k->template_name = b->template_name ? b->template_name : "";
	k->group = b->group;
	k->group_style = b->group_style;
	k->backcover = b->backcover;
	b->brk = BREAK_NONE;
	b->share = 0;
	b->template_name = NULL;
	if (!b->rules.lang || strcmp(b->rules.lang, k->lang ? k->lang : "en") != 0)
		typo_rules_of(&b->rules, b->sheet, k->lang ? k->lang : "en");
	inl_init(&k->inl, b->sheet, st, k->lang, &b->rules);
	if (*st->bullet && st->indent_left == 0) {
		inl_add_text(&k->inl, st->bullet, 0, 0, st->bullet_color, NULL);
		inl_add_text(&k->inl, " ", 0, 0, 0, NULL);
	}
	return k;
}

/* Appends to k the pieces of the composition `parts` for element n:
 * <text>, <child>, <attr>, <content> and <each> (role.h). */
static void blk_compose(struct blk_builder *b, struct block *k, const struct node *parts,
			const struct node *n)
{
	for (const struct node *p = parts->first; p; p = p->next) {
		const char *name = p->type == N_ELEM ? doc_attr(p, "name") : NULL;
		const char *before = p->type == N_ELEM ? doc_attr(p, "before") : NULL;
		const char *after = p->type == N_ELEM ? doc_attr(p, "after") : NULL;
		int start = (int)k->inl.text->len;

		if (p->type != N_ELEM)
			continue;
		if (role_is(p, "text")) {
			const char *v = doc_attr(p, "string") ?
				role_string(b->sheet, doc_attr(p, "string"), k->lang) : doc_attr(p, "value");

			if (v)
				inl_add_text(&k->inl, v, 0, 0, 0, NULL);
		} else if (role_is(p, "child")) {
			const struct node *c = name ? role_child(n, name) : NULL;
			const struct style *cs = doc_attr(p, "style") ? style_find(b->sheet, doc_attr(p, "style")) : NULL;

			if (!c)
				continue;
			if (before)
				inl_add_text(&k->inl, before, 0, 0, 0, NULL);
			start = (int)k->inl.text->len;
			inl_add_node(&k->inl, c);
			if (cs)
				inl_color_range(&k->inl, cs->color, start, (int)k->inl.text->len);
			if (after)
				inl_add_text(&k->inl, after, 0, 0, 0, NULL);
		} else if (role_is(p, "attr")) {
			const char *v = name ? doc_attr(n, name) : NULL;
			char *t;

			if (!v)
				continue;
			t = g_strconcat(before ? before : "", v, after ? after : "", NULL);
			inl_add_text(&k->inl, t, 0, 0, 0, NULL);
			g_free(t);
		} else if (role_is(p, "content")) {
			const char *link = doc_attr(p, "link");

			inl_add_node(&k->inl, n);
			if (link && doc_attr(n, link))
				inl_add_link(&k->inl, start, (int)k->inl.text->len, doc_attr(n, link), 1);
		} else if (role_is(p, "each")) {
			const char *child = doc_attr(p, "child");
			const char *sep = doc_attr(p, "separator");
			int first = 1;

			for (const struct node *c = n->first; child && c; c = c->next) {
				if (c->type == N_TEXT || strcmp(role_element_name(c), child) != 0)
					continue;
				if (!first && sep)
					inl_add_text(&k->inl, sep, 0, 0, 0, NULL);
				first = 0;
				blk_compose(b, k, p, c);
			}
		}
	}
}

/* Whether composition `parts` takes n's child c (a <child name="…">). */
static int blk_consumed(const struct node *parts, const struct node *c)
{
	for (const struct node *p = parts; p; p = doc_walk_next(parts, p))
		if (p->type == N_ELEM && role_is(p, "child") && doc_attr(p, "name") &&
		    strcmp(doc_attr(p, "name"), role_element_name(c)) == 0)
			return 1;
	return 0;
}

/* Lays out n's children by their own rules, but `skip` and what the
 * composition `taken` already took. */
static void blk_children(struct blk_builder *b, const struct node *n, const struct node *skip,
			 const struct node *taken)
{
	for (const struct node *c = n->first; c; c = c->next)
		if (c->type != N_TEXT && c != skip && !(taken && blk_consumed(taken, c)))
			blk_node(b, c);
}

/* The label a field or an address is set with: an attribute ("@label"),
 * or a label of the document (its name when the document lacks it). */
static const char *blk_label(struct blk_builder *b, const struct role_rule *r,
			     const struct node *n)
{
	const char *l;

	if (!r->label)
		return NULL;
	if (r->label[0] == '@')
		return doc_attr(n, r->label + 1);
	l = doc_label(b->doc, r->label);
	if (!l) { /* the sheet's rule needs a text the document does not give */
		const struct node *meta = doc_child(b->doc->root, N_META);

		msg_at(b->m, M_LABEL_MISSING, b->doc->file, meta ? meta->line : 1, 0, r->label);
		b->errors++;
	}
	return l ? l : r->label;
}

static const char *blk_label_sep(const struct blk_builder *b, const char *lang)
{
	const char *sep = role_string(b->sheet, "label-sep", lang);

	return sep ? sep : ": ";
}

/* "Label: content", the label in the label style's weight and colour. */
static void blk_field(struct blk_builder *b, const struct role_rule *r, const struct node *n)
{
	struct block *k = blk_emit(b, blk_st(b, r->style), n);
	const struct style *ls = r->label_style;
	const char *label = blk_label(b, r, n);

	if (label) {
		char *t = g_strconcat(label, blk_label_sep(b, n->lang), NULL);

		inl_add_text(&k->inl, t, ls ? ls->weight : 0, 0, ls ? ls->color : 0, NULL);
		g_free(t);
	}
	if (r->content)
		blk_compose(b, k, r->content, n);
	else
		inl_add_node(&k->inl, n);
	inl_finish(&k->inl);
}

/* An optional label block ("Publié par :"), then the children. */
static void blk_lines(struct blk_builder *b, const struct role_rule *r, const struct node *n)
{
	const char *label = blk_label(b, r, n);

	if (label) {
		struct block *k = blk_emit(b, blk_st(b, r->label_style), n);
		char *t = g_strconcat(label, blk_label_sep(b, n->lang), NULL);
		size_t len = strlen(t);

		/* the separator's trailing space is not wanted at the end of a line */
		while (len && t[len - 1] == ' ')
			t[--len] = '\0';
		inl_add_text(&k->inl, t, 0, 0, 0, NULL);
		g_free(t);
		inl_finish(&k->inl);
	}
	blk_children(b, n, NULL, NULL);
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

/* The heading of a card or an article: its rule's <title> composition. */
static void blk_title(struct blk_builder *b, const struct role_rule *r, const struct node *n,
		      int heading)
{
	struct block *k;

	if (!r->title)
		return;
	k = blk_emit(b, blk_st(b, r->ctitle_style), n);
	blk_compose(b, k, r->title, n);
	inl_finish(&k->inl);
	k->dest = doc_attr(n, "id");
	k->heading = heading;
	k->tag = r->ctitle_tag ? r->ctitle_tag : "P";
}

static int blk_toc_level(const struct node *section)
{
	const char *toc = doc_attr(section, "toc");

	if (!toc || strcmp(toc, "none") == 0)
		return 0;
	return toc[0] == '2' ? 2 : 1;
}

/* A section: its style's break and template, its <title> (a destination,
 * an outline entry, a Sommaire entry by its toc=), then its content. */
static void blk_section(struct blk_builder *b, const struct role_rule *r, const struct node *s)
{
	const struct style *ss = r->style;
	const struct node *title = role_child(s, "title");

	if (ss) {
		if (ss->break_before > b->brk)
			b->brk = ss->break_before;
		b->share = b->share || ss->share_page;
		if (*ss->template_name)
			b->template_name = ss->template_name;
	}
	b->depth++;
	if (title) {
		struct block *k = blk_emit(b, blk_st(b, r->title_style), title);

		inl_add_node(&k->inl, title);
		inl_finish(&k->inl);
		k->heading = 1;
		k->tag = r->tag ? r->tag : b->depth <= 1 ? "H1" : "H2";
		k->dest = doc_attr(s, "id");
		k->dest_title = doc_text(title);
		k->dest_level = blk_toc_level(s);
	}
	blk_children(b, s, title, NULL);
	b->depth--;
}

/* A part starts a page in its template; with a style (the role's style=)
 * whose break-before is page-if-filled, only when the page before is
 * filled (pour.c decides). */
static void blk_part(struct blk_builder *b, const struct role_rule *r)
{
	b->brk = r->style && r->style->break_before == BREAK_PAGE_IF_FILLED ? BREAK_PAGE_IF_FILLED
									    : BREAK_PAGE;
	b->share = r->style && r->style->share_page;
	b->template_name = r->template_name;
}

/* After a part on a fixed page (a cover): what follows it and names no
 * template of its own starts a page of the "default" template, never the
 * fixed page (which holds its part alone).  before = blocks before it. */
static void blk_part_end(struct blk_builder *b, const struct role_rule *r, size_t before)
{
	const struct style_template *t = style_template(b->sheet, r->template_name);

	if (!t || !t->fixed || r->last || b->bl->n == before)
		return;
	b->brk = BREAK_PAGE;
	b->share = 0;
	b->template_name = "default";
}

/* The Sommaire's entries: every section with a toc= level, a title and
 * an id, in the entry style of its level. */
static void blk_contents(struct blk_builder *b, const struct role_rule *r)
{
	for (const struct node *s = b->doc->root; s; s = doc_walk_next(b->doc->root, s)) {
		const struct role_rule *sr = s->type != N_TEXT ? role_match(b->sheet, s) : NULL;
		int level = sr && sr->kind == ROLE_SECTION ? blk_toc_level(s) : 0;
		const struct node *st = level ? role_child(s, "title") : NULL;
		struct block *k;

		if (!st || !doc_attr(s, "id"))
			continue;
		k = blk_emit(b, blk_st(b, r->entry_style[level - 1]), st);
		k->kind = BLK_TOC;
		k->tag = "TOCI";
		k->toc_target = doc_attr(s, "id");
		inl_add_node(&k->inl, st);
		inl_finish(&k->inl);
	}
}

/* A picture where it stands (one that names a slot is slots.c's).  Its
 * placement rules are looked up by the element it stands in ("city" gives
 * <picture name="city-image">), a <figure> looked through. */
static void blk_image(struct blk_builder *b, const struct role_rule *r, const struct node *n)
{
	const struct node *ctx = n->parent;
	struct block *k;

	if (doc_attr(n, "slot"))
		return;
	if (ctx && ctx->type == N_FIGURE)
		ctx = ctx->parent;
	k = blk_emit(b, blk_st(b, r->style), n);
	inl_finish(&k->inl);
	k->kind = BLK_IMAGE;
	k->tag = r->tag ? r->tag : "Figure";
	if (picture_resolve(&k->pic, n, ctx ? role_element_name(ctx) : "base", b->sheet, NULL,
			    b->doc->file, b->m) < 0)
		b->errors++;
}

/* One element, laid out by the first rule of the sheet that matches it. */
static void blk_node(struct blk_builder *b, const struct node *n)
{
	const struct role_rule *r = role_match(b->sheet, n);
	const char *cls = doc_attr(n, "class");
	size_t before = b->bl->n;
	struct block *k;

	if (cls && !role_knows_class(b->sheet, cls)) {
		char known[512];

		role_classes(b->sheet, known, sizeof known);
		msg_at(b->m, M_CLASS_UNKNOWN, b->doc->file, doc_attr_line(n, "class"), 0, cls,
		       b->sheet->file, known);
	}
	if (!r) {
		msg_at(b->m, M_ROLE_NONE, b->doc->file, n->line, 0, b->sheet->file,
		       role_element_name(n), role_element_name(n));
		b->errors++;
		return;
	}
	switch (r->kind) {
	case ROLE_NONE:
	case ROLE__COUNT:
		break;
	case ROLE_PART:
		blk_part(b, r);
		b->backcover = r->last;
		blk_children(b, n, NULL, NULL);
		b->backcover = 0;
		blk_part_end(b, r, before);
		break;
	case ROLE_CONTENTS:
		blk_part(b, r);
		blk_children(b, n, NULL, NULL);
		blk_contents(b, r);
		break;
	case ROLE_CONTAINER:
		blk_children(b, n, NULL, NULL);
		break;
	case ROLE_SECTION:
		blk_section(b, r, n);
		break;
	case ROLE_PARAGRAPH:
	case ROLE_HEADING:
		k = blk_emit(b, blk_st(b, r->style), n);
		inl_add_node(&k->inl, n);
		inl_finish(&k->inl);
		k->tag = r->tag ? r->tag : "P";
		k->heading = r->kind == ROLE_HEADING;
		if (r->dest == DEST_SELF)
			k->dest = doc_attr(n, "id");
		else if (r->dest == DEST_PARENT && n->parent)
			k->dest = doc_attr(n->parent, "id");
		break;
	case ROLE_FIELD:
		blk_field(b, r, n);
		break;
	case ROLE_LINES:
		blk_lines(b, r, n);
		break;
	case ROLE_GROUP:
		blk_group_begin(b, r->style);
		blk_children(b, n, NULL, NULL);
		blk_group_end(b);
		break;
	case ROLE_CARD:
		blk_group_begin(b, blk_st(b, r->style));
		blk_title(b, r, n, 0);
		blk_children(b, n, NULL, r->title);
		blk_group_end(b);
		break;
	case ROLE_ARTICLE:
		blk_title(b, r, n, 1);
		blk_children(b, n, NULL, r->title);
		break;
	case ROLE_IMAGE:
		blk_image(b, r, n);
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

/* The list and each block's text cut to their size once all are made:
 * both grew by doubling, and the layout holds them to its end (a
 * quarter of their bytes were spare room, ~5 MiB at 1 220 pages). */
static void blk_trim(struct block_list *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		GString *t = bl->v[i].inl.text;

		/* GString's fields are public: its functions go on from these */
		if (t && t->allocated_len > t->len + 1) {
			t->str = g_realloc(t->str, t->len + 1);
			t->allocated_len = t->len + 1;
		}
	}
	if (bl->cap > bl->n && bl->n > 0) {
		bl->v = xrealloc(bl->v, bl->n * sizeof *bl->v);
		bl->cap = bl->n;
	}
}

int block_build(struct block_list *bl, const struct doc *d, const struct style_sheet *s,
		struct msg *m)
{
	struct blk_builder b = { .bl = bl, .doc = d, .sheet = s, .m = m };

	memset(bl, 0, sizeof *bl);
	blk_children(&b, d->root, NULL, NULL);
	blk_mark_groups(bl);
	blk_trim(bl);
	return b.errors ? -1 : 0;
}

void block_attach_images(struct block_list *bl, const struct image_set *set)
{
	for (size_t i = 0; i < bl->n; i++)
		if (bl->v[i].kind == BLK_IMAGE)
			bl->v[i].pic.image = image_of(set, bl->v[i].src);
}

void block_list_done(struct block_list *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		inl_done(&bl->v[i].inl);
		free(bl->v[i].dest_title);
	}
	free(bl->v);
	memset(bl, 0, sizeof *bl);
}
