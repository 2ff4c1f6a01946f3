/* parity: a translation compared with its source, element by element. */
#include <string.h>

#include <glib.h>

#include "parity.h"

enum {
	PARITY_EXCERPT_WORDS = 8,   /* words of an untranslated text quoted in the message */
};

/* One edition's elements with an id, in document order. */
struct parity_side {
	const struct doc *d;        /* the edition */
	const struct node **v;      /* the elements */
	size_t n, cap;              /* how many, room for */
	GHashTable *index;          /* id -> position in v, plus one */
};

/* What one element holds, in order, leaving out what belongs to the
 * elements inside it that have an id of their own (compared on their own). */
struct parity_scope {
	const struct node *top;     /* the element (or the root) */
	GPtrArray *items;           /* structural elements: all but text, em, strong, br */
	GPtrArray *refs;            /* <ref> elements */
	GPtrArray *links;           /* <link> elements */
};

static const char *parity_id(const struct node *n)
{
	return n->type == N_TEXT ? NULL : doc_attr(n, "id");
}

static void parity_side_init(struct parity_side *s, const struct doc *d)
{
	*s = (struct parity_side){ .d = d, .index = g_hash_table_new(g_str_hash, g_str_equal) };
	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n)) {
		const char *id = parity_id(n);

		if (!id || g_hash_table_contains(s->index, id))
			continue;
		xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
		s->v[s->n++] = n;
		g_hash_table_insert(s->index, (gpointer)id, GSIZE_TO_POINTER(s->n));
	}
}

static void parity_side_done(struct parity_side *s)
{
	free(s->v);
	if (s->index)
		g_hash_table_destroy(s->index);
}

/* The position in s of the element with this id, or -1. */
static long parity_find(const struct parity_side *s, const char *id)
{
	return (long)GPOINTER_TO_SIZE(g_hash_table_lookup(s->index, id)) - 1;
}

/* The element whose structure n belongs to: its nearest ancestor with an
 * id, else the root.  NULL for the root itself. */
static const struct node *parity_owner(const struct node *n)
{
	const struct node *up = n->parent;

	while (up && up->parent && !parity_id(up))
		up = up->parent;
	return up;
}

/* "<city id="liege">", or "the document" for the root. */
static void parity_name(GString *s, const struct node *n)
{
	const char *id = parity_id(n);

	if (id)
		g_string_append_printf(s, "<%s id=\"%s\">", doc_type_name(n->type), id);
	else
		g_string_append(s, "the document");
}

/* Where n is, from its owner: "city[@id='liege']/p[2]" or
 * "/brochure/credits/field[2]"; an index only where siblings share the
 * element's name. */
static void parity_path(GString *s, const struct node *n)
{
	const struct node *owner = parity_owner(n);
	GPtrArray *chain = g_ptr_array_new();

	for (const struct node *k = n; k && k != owner; k = k->parent)
		g_ptr_array_add(chain, (gpointer)k);
	if (owner && parity_id(owner))
		g_string_append_printf(s, "%s[@id='%s']", doc_type_name(owner->type),
				       parity_id(owner));
	else if (owner)
		g_string_append_printf(s, "/%s", doc_type_name(owner->type));
	for (guint i = chain->len; i-- > 0;) {
		const struct node *k = chain->pdata[i];
		int pos = 1, same = 0;

		for (const struct node *sib = k->parent ? k->parent->first : k; sib; sib = sib->next) {
			if (sib->type != k->type)
				continue;
			same++;
			if (sib == k)
				pos = same;
		}
		g_string_append_printf(s, "/%s", doc_type_name(k->type));
		if (same > 1)
			g_string_append_printf(s, "[%d]", pos);
	}
	g_ptr_array_free(chain, TRUE);
}

/* Whether n counts in the structure of its owner. */
static int parity_structural(const struct node *n)
{
	switch (n->type) {
	case N_TEXT:
	case N_EM:
	case N_STRONG:
	case N_BR:
		return 0;
	default:
		return !parity_id(n);
	}
}

static void parity_scope_init(struct parity_scope *sc, const struct node *top)
{
	*sc = (struct parity_scope){
		.top = top, .items = g_ptr_array_new(), .refs = g_ptr_array_new(),
		.links = g_ptr_array_new(),
	};
	for (const struct node *n = doc_walk_next(top, top); n; n = doc_walk_next(top, n)) {
		if (parity_owner(n) != top || !parity_structural(n))
			continue;
		g_ptr_array_add(sc->items, (gpointer)n);
		if (n->type == N_REF)
			g_ptr_array_add(sc->refs, (gpointer)n);
		else if (n->type == N_LINK)
			g_ptr_array_add(sc->links, (gpointer)n);
	}
}

static void parity_scope_done(struct parity_scope *sc)
{
	g_ptr_array_free(sc->items, TRUE);
	g_ptr_array_free(sc->refs, TRUE);
	g_ptr_array_free(sc->links, TRUE);
}

/* Ids of the source the translation lacks: each reported with the
 * translation's element it should follow. */
static void parity_missing(const struct parity_side *s, const struct parity_side *t,
			   struct parity_counts *c, struct msg *m)
{
	const struct node *after = t->d->root;

	for (size_t i = 0; i < s->n; i++) {
		long j = parity_find(t, parity_id(s->v[i]));
		GString *where;

		if (j >= 0) {
			after = t->v[j];
			c->compared++;
			continue;
		}
		where = g_string_new(NULL);
		if (after == t->d->root)
			g_string_append_printf(where, "the start of the document (line %ld there)",
					       after->line);
		else {
			parity_name(where, after);
			g_string_append_printf(where, " at line %ld there", after->line);
		}
		msg_at(m, M_PARITY_MISSING, s->d->file, s->v[i]->line, 0,
		       doc_type_name(s->v[i]->type), parity_id(s->v[i]), t->d->file, where->str);
		g_string_free(where, TRUE);
		c->missing++;
	}
}

/* Ids of the translation the source lacks, and ids out of the source's
 * order (reported where the order breaks, not for every later element). */
static void parity_extra(const struct parity_side *s, const struct parity_side *t,
			 struct parity_counts *c, struct msg *m)
{
	long last = -1;

	for (size_t i = 0; i < t->n; i++) {
		const struct node *n = t->v[i];
		long j = parity_find(s, parity_id(n));

		if (j < 0) {
			msg_at(m, M_PARITY_EXTRA, t->d->file, n->line, 0, doc_type_name(n->type),
			       parity_id(n), s->d->file);
			c->extra++;
			continue;
		}
		if (j < last) {
			msg_at(m, M_PARITY_ORDER, t->d->file, n->line, 0, doc_type_name(n->type),
			       parity_id(n), s->v[j]->line);
			c->order++;
		}
		last = j;
	}
}

/* "2 <p> in the translation, 3 in the source" for every element name
 * whose count differs. */
static void parity_counts_text(GString *out, const struct parity_scope *s,
			       const struct parity_scope *t)
{
	int cs[N__COUNT] = { 0 }, ct[N__COUNT] = { 0 };

	for (guint i = 0; i < s->items->len; i++)
		cs[((const struct node *)s->items->pdata[i])->type]++;
	for (guint i = 0; i < t->items->len; i++)
		ct[((const struct node *)t->items->pdata[i])->type]++;
	for (int k = 0; k < N__COUNT; k++) {
		if (cs[k] == ct[k])
			continue;
		g_string_append_printf(out, "%s%d <%s> in the translation, %d in the source",
				       out->len ? ", " : "", ct[k], doc_type_name(k), cs[k]);
	}
	if (!out->len)
		g_string_append(out, "the same elements in another order");
}

/* The first place where the two sequences of elements part. */
static void parity_first_diff(GString *out, const struct parity_scope *s,
			      const struct parity_scope *t, guint i)
{
	const struct node *sn = i < s->items->len ? s->items->pdata[i] : NULL;
	const struct node *tn = i < t->items->len ? t->items->pdata[i] : NULL;

	if (tn) {
		parity_path(out, tn);
		g_string_append_printf(out, " (line %ld)", tn->line);
	} else {
		g_string_append(out, "the end of ");
		parity_name(out, t->top);
	}
	if (sn) {
		g_string_append(out, tn ? " where the source has " : ", where the source still has ");
		parity_path(out, sn);
		g_string_append_printf(out, " (line %ld)", sn->line);
	} else {
		g_string_append(out, ", which the source does not have");
	}
}

/* The structure of one element in both editions: reported once, at the
 * first difference, with the counts that differ. */
static void parity_structure(const struct parity_scope *s, const struct parity_scope *t,
			     const struct doc *td, struct parity_counts *c, struct msg *m)
{
	guint i = 0;
	GString *name, *what, *where;
	const struct node *tn;

	while (i < s->items->len && i < t->items->len &&
	       ((const struct node *)s->items->pdata[i])->type ==
		       ((const struct node *)t->items->pdata[i])->type)
		i++;
	if (i == s->items->len && i == t->items->len)
		return;
	name = g_string_new(NULL);
	what = g_string_new(NULL);
	where = g_string_new(NULL);
	parity_name(name, t->top);
	parity_counts_text(what, s, t);
	parity_first_diff(where, s, t, i);
	tn = i < t->items->len ? t->items->pdata[i] : t->top;
	msg_at(m, M_PARITY_STRUCT, td->file, tn->line, 0, name->str, s->top->line, what->str,
	       where->str);
	c->structure++;
	g_string_free(name, TRUE);
	g_string_free(what, TRUE);
	g_string_free(where, TRUE);
}

/* One attribute of a ref or link pair; returns 1 when it differs. */
static int parity_attr_differs(const struct node *sn, const struct node *tn, const char *attr)
{
	const char *a = doc_attr(sn, attr), *b = doc_attr(tn, attr);

	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* References and links, pairwise in order (a difference in their number
 * is a structure difference, reported already). */
static void parity_refs(const struct parity_scope *s, const struct parity_scope *t,
			const struct doc *td, struct parity_counts *c, struct msg *m)
{
	static const char *const ref_attrs[] = { "project", "years" };

	for (guint i = 0; i < s->refs->len && i < t->refs->len; i++) {
		const struct node *sn = s->refs->pdata[i], *tn = t->refs->pdata[i];

		for (size_t k = 0; k < G_N_ELEMENTS(ref_attrs); k++) {
			const char *a = ref_attrs[k];

			if (!parity_attr_differs(sn, tn, a))
				continue;
			msg_at(m, M_PARITY_REF, td->file, doc_attr_line(tn, a), 0, a,
			       doc_attr(tn, a) ? doc_attr(tn, a) : "",
			       doc_attr(sn, a) ? doc_attr(sn, a) : "", doc_attr_line(sn, a));
			c->refs++;
		}
	}
	for (guint i = 0; i < s->links->len && i < t->links->len; i++) {
		const struct node *sn = s->links->pdata[i], *tn = t->links->pdata[i];

		if (!parity_attr_differs(sn, tn, "href"))
			continue;
		msg_at(m, M_PARITY_LINK, td->file, doc_attr_line(tn, "href"), 0,
		       doc_attr(tn, "href") ? doc_attr(tn, "href") : "",
		       doc_attr(sn, "href") ? doc_attr(sn, "href") : "", doc_attr_line(sn, "href"));
		c->links++;
	}
}

/* Structure, references and links of one element present in both. */
static void parity_element(const struct node *sn, const struct node *tn, const struct doc *td,
			   struct parity_counts *c, struct msg *m)
{
	struct parity_scope s, t;

	parity_scope_init(&s, sn);
	parity_scope_init(&t, tn);
	parity_structure(&s, &t, td, c, m);
	parity_refs(&s, &t, td, c, m);
	parity_scope_done(&s);
	parity_scope_done(&t);
}

/* Words of s that begin with a lower-case letter: running text has
 * many, names, acronyms and lists of them have none or few. */
static int parity_words(const char *s)
{
	int n = 0;

	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (*p != ' ' && (p == s || p[-1] == ' ') && g_unichar_islower(g_utf8_get_char(p)))
			n++;
	return n;
}

/* Text that must be translated: long enough, and in the edition's own
 * language (an xml:lang of its own marks text meant to stay). */
static int parity_translatable(const struct doc *d, const struct node *n)
{
	const char *lang = d->root->lang;

	if (n->type != N_TEXT || !n->text || parity_words(n->text) <= PARITY_MIN_WORDS)
		return 0;
	return !lang || !n->lang || strcmp(lang, n->lang) == 0;
}

/* The first words of s, for a message. */
static void parity_excerpt(GString *out, const char *s)
{
	int words = 0;

	for (const char *p = s; *p; p++) {
		if (*p == ' ' && ++words == PARITY_EXCERPT_WORDS) {
			g_string_append(out, "…");
			return;
		}
		g_string_append_c(out, *p);
	}
}

/* Text nodes of the translation identical to one of the source's. */
static void parity_untranslated(const struct doc *src, const struct doc *tr,
				struct parity_counts *c, struct msg *m)
{
	GHashTable *texts = g_hash_table_new(g_str_hash, g_str_equal);

	for (const struct node *n = src->root; n; n = doc_walk_next(src->root, n))
		if (parity_translatable(src, n) && !g_hash_table_contains(texts, n->text))
			g_hash_table_insert(texts, n->text, (gpointer)n);
	for (const struct node *n = tr->root; n; n = doc_walk_next(tr->root, n)) {
		const struct node *same;
		GString *ex;

		if (!parity_translatable(tr, n) || !(same = g_hash_table_lookup(texts, n->text)))
			continue;
		ex = g_string_new(NULL);
		parity_excerpt(ex, n->text);
		msg_at(m, M_PARITY_UNTRANSLATED, tr->file, n->line, 0, same->line, ex->str);
		g_string_free(ex, TRUE);
		c->untranslated++;
	}
	g_hash_table_destroy(texts);
}

int parity_check(const struct doc *src, const struct doc *tr, struct parity_counts *c,
		 struct msg *m)
{
	struct parity_counts local;
	struct parity_side s, t;
	int errors = m->counts[MSG_ERROR];

	if (!c)
		c = &local;
	*c = (struct parity_counts){ 0 };
	parity_side_init(&s, src);
	parity_side_init(&t, tr);
	parity_missing(&s, &t, c, m);
	parity_extra(&s, &t, c, m);
	parity_element(src->root, tr->root, tr, c, m);
	for (size_t i = 0; i < s.n; i++) {
		long j = parity_find(&t, parity_id(s.v[i]));

		if (j >= 0)
			parity_element(s.v[i], t.v[j], tr, c, m);
	}
	parity_untranslated(src, tr, c, m);
	msg_at(m, M_PARITY_SUMMARY, tr->file, 0, 0, tr->file, src->file, c->compared, c->missing,
	       c->extra, c->structure, c->refs, c->links, c->untranslated);
	parity_side_done(&s);
	parity_side_done(&t);
	return m->counts[MSG_ERROR] - errors;
}
