/* doc: the document tree: node types, construction, look-up and the one walker. */
#include <string.h>

#include <glib.h>

#include "doc.h"
#include "pdfstr.h"

struct doc_type_info {
	const char *name;  /* element name */
	int inline_content; /* holds text and inline elements */
};

static const struct doc_type_info doc_types[N__COUNT] = {
#define DOC_INFO(t, n, inl) [t] = { .name = n, .inline_content = inl },
	DOC_TYPES(DOC_INFO)
#undef DOC_INFO
};

const char *doc_type_name(enum node_type t)
{
	return doc_types[t].name;
}

int doc_type_inline(enum node_type t)
{
	return doc_types[t].inline_content;
}

int doc_type_of(const char *name)
{
	for (int t = 1; t < N__COUNT; t++)
		if (strcmp(doc_types[t].name, name) == 0)
			return t;
	return -1;
}

struct node *doc_node_new(enum node_type t, long line)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->type = t;
	n->line = line;
	return n;
}

void doc_node_add(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

/* Frees iteratively (leaf first) so that deep trees cannot exhaust the
 * stack.  top must have no parent. */
static void doc_node_free(struct node *top)
{
	struct node *n = top;

	for (;;) {
		while (n->first)
			n = n->first;
		struct node *parent = n->parent;
		int done = n == top || !parent;

		if (parent)
			parent->first = n->next;
		for (int i = 0; i < n->nattrs; i++) {
			free(n->attrs[i].name);
			free(n->attrs[i].value);
		}
		free(n->attrs);
		free(n->text);
		free(n->name);
		free(n);
		if (done)
			break;
		n = parent->first ? parent->first : parent;
	}
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	if (d->root) {
		d->root->parent = NULL;
		doc_node_free(d->root);
	}
	free(d->file);
	free(d->text_buf);
	free(d);
}

const char *doc_attr(const struct node *n, const char *name)
{
	for (int i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

long doc_attr_line(const struct node *n, const char *name)
{
	for (int i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0 && n->attrs[i].line > 0)
			return n->attrs[i].line;
	return n->line;
}

const struct node *doc_child(const struct node *n, enum node_type t)
{
	for (const struct node *c = n ? n->first : NULL; c; c = c->next)
		if (c->type == t)
			return c;
	return NULL;
}

const struct node *doc_next(const struct node *n, enum node_type t)
{
	for (const struct node *c = n->next; c; c = c->next)
		if (c->type == t)
			return c;
	return NULL;
}

const struct node *doc_walk_next(const struct node *top, const struct node *n)
{
	if (n->first)
		return n->first;
	while (n && n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

const struct node *doc_find(const struct node *n, enum node_type t)
{
	for (const struct node *c = n; c; c = doc_walk_next(n, c))
		if (c->type == t)
			return c;
	return NULL;
}

char *doc_text(const struct node *n)
{
	GString *s = g_string_new(NULL);

	for (const struct node *c = n; c; c = doc_walk_next(n, c)) {
		if (c->type == N_TEXT)
			g_string_append(s, c->text);
		else if (c->type == N_BR)
			g_string_append_c(s, ' ');
	}
	char *r = xstrdup(s->str);

	g_string_free(s, TRUE);
	return r;
}

const struct node *doc_by_id(const struct doc *d, const char *id)
{
	for (const struct node *c = d->root; c; c = doc_walk_next(d->root, c)) {
		const char *v = doc_attr(c, "id");

		if (v && strcmp(v, id) == 0)
			return c;
	}
	return NULL;
}

const char *doc_label(const struct doc *d, const char *name)
{
	const struct node *labels = doc_child(doc_child(d->root, N_META), N_LABELS);

	for (const struct node *l = doc_child(labels, N_LABEL); l; l = doc_next(l, N_LABEL)) {
		const char *v = doc_attr(l, "name");

		if (v && strcmp(v, name) == 0 && l->first && l->first->type == N_TEXT)
			return l->first->text;
	}
	return NULL;
}

long doc_label_line(const struct doc *d, const char *name)
{
	const struct node *labels = doc_child(doc_child(d->root, N_META), N_LABELS);

	for (const struct node *l = doc_child(labels, N_LABEL); l; l = doc_next(l, N_LABEL)) {
		const char *v = doc_attr(l, "name");

		if (v && strcmp(v, name) == 0)
			return l->line;
	}
	return 0;
}

/* The labels the layout cannot do without. */
static const char *const doc_required_labels[] = {
	"page", "support", "projects", "member-since",
};

/* Paragraphs with too many inline elements: each is an attribute run that
 * Pango splits its glyphs at, so their cost grows with the square. */
static int doc_check_inline(const struct doc *d, struct msg *m)
{
	int errors = 0;

	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		int count = 0;

		if (!doc_type_inline(n->type) || (n->parent && doc_type_inline(n->parent->type)))
			continue;
		for (const struct node *c = n->first; c; c = doc_walk_next(n, c))
			count += c->type != N_TEXT;
		if (count > DOC_MAX_INLINE) {
			msg_at(m, M_XML_INLINE, d->file, n->line, 0, doc_type_name(n->type), DOC_MAX_INLINE);
			errors++;
		}
	}
	return errors;
}

/* Every link/@href by the link rule (pdfstr.h): http, https, mailto or
 * an internal destination; anything else is an error at its line. */
static int doc_check_links(const struct doc *d, struct msg *m)
{
	int errors = 0;

	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		const char *href = n->type == N_LINK ? doc_attr(n, "href") : NULL;
		const char *why = href ? pdfstr_link_refused(href) : NULL;

		if (why) {
			msg_at(m, M_LINK_REFUSED, d->file, doc_attr_line(n, "href"), 0, href, why);
			errors++;
		}
	}
	return errors;
}

int doc_check(const struct doc *d, struct msg *m)
{
	GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
	int errors = 0;

	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		const char *id = doc_attr(n, "id");
		const struct node *first;

		if (id && (first = g_hash_table_lookup(ids, id)) != NULL) {
			msg_at(m, M_ID_DUP, d->file, n->line, 0, id, first->line);
			errors++;
		} else if (id) {
			g_hash_table_insert(ids, (gpointer)id, (gpointer)n);
		}
	}
	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		const char *ref = n->type == N_REF ? doc_attr(n, "project") : NULL;
		const struct node *target = ref ? g_hash_table_lookup(ids, ref) : NULL;

		if (ref && (!target || target->type != N_PROJECT)) {
			msg_at(m, M_REF_UNKNOWN, d->file, n->line, 0, "ref", ref, ref);
			errors++;
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(doc_required_labels); i++) {
		if (!doc_label(d, doc_required_labels[i])) {
			const struct node *meta = doc_child(d->root, N_META);

			msg_at(m, M_LABEL_MISSING, d->file, meta ? meta->line : 1, 0,
			       doc_required_labels[i]);
			errors++;
		}
	}
	g_hash_table_destroy(ids);
	return errors + doc_check_inline(d, m) + doc_check_links(d, m);
}

/* Appends the pseudo-translated form of s: ASCII vowels accented and
 * letters repeated so the text grows by `factor`; *debt carries the
 * fraction across text nodes. */
static void doc_pseudo_text(GString *out, const char *s, double factor, double *debt)
{
	static const char *const accents[][2] = {
		{ "a", "á" }, { "e", "é" }, { "i", "í" }, { "o", "ö" }, { "u", "ü" },
		{ "A", "Â" }, { "E", "Ë" }, { "I", "Î" }, { "O", "Ø" }, { "U", "Û" },
	};

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		char buf[8] = { 0 };
		const char *piece = buf;

		g_unichar_to_utf8(c, buf);
		for (size_t i = 0; i < G_N_ELEMENTS(accents); i++)
			if (buf[0] == accents[i][0][0] && !buf[1])
				piece = accents[i][1];
		g_string_append(out, piece);
		if (!g_unichar_isalpha(c))
			continue;
		*debt += factor - 1.0;
		while (*debt >= 1.0) {
			g_string_append(out, piece);
			*debt -= 1.0;
		}
	}
}

void doc_pseudo(struct doc *d, double factor)
{
	double debt = 0;
	const struct node *meta = doc_child(d->root, N_META);

	for (const struct node *c = d->root; c; c = doc_walk_next(d->root, c)) {
		struct node *n = (struct node *)c;
		const struct node *up;
		GString *s;

		if (n->type != N_TEXT)
			continue;
		for (up = n->parent; up && up != meta && up->type != N_LINK; up = up->parent)
			;
		if (up)
			continue; /* metadata and link addresses stay as they are */
		s = g_string_new(NULL);
		doc_pseudo_text(s, n->text, factor, &debt);
		free(n->text);
		n->text = xstrdup(s->str);
		g_string_free(s, TRUE);
	}
}
