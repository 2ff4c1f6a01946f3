/* xmlmsg: libxml2's errors, told in plain words. */
#include <string.h>

#include <glib.h>
#include <libxml/relaxng.h>
#include <libxml/xmlregexp.h>

#include "lang.h"
#include "xmlmsg.h"
#include "xmlwalk.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define RNG_DOC_NS "http://relaxng.org/ns/compatibility/annotations/1.0"

enum {
	XMLMSG_REF_DEPTH = 24,   /* refs followed without crossing an element */
	XMLMSG_MAX_DEFS = 8,     /* definitions of one element name considered */
	XMLMSG_TEXT = 1024,      /* room for a description */
};

/* ---- the source: offsets, lines, columns -------------------------------- */

/* Offset of the first byte of line (1-based), or -1. */
static long xmlmsg_line_off(const struct xmlmsg *c, long line)
{
	long off = 0;

	if (!c->buf || line < 1)
		return -1;
	for (long l = 1; l < line; l++) {
		const char *nl = memchr(c->buf + off, '\n', (size_t)(c->len - off));

		if (!nl)
			return -1;
		off = nl - c->buf + 1;
	}
	return off;
}

/* Line and column (in characters) of a byte offset. */
static void xmlmsg_off_pos(const struct xmlmsg *c, long off, long *line, long *col)
{
	long l = 1, bol = 0;

	for (long i = 0; i < off && i < c->len; i++)
		if (c->buf[i] == '\n')
			l++, bol = i + 1;
	*line = l;
	*col = (long)g_utf8_strlen(c->buf + bol, off - bol) + 1;
}

/* Offset of the character at line:col (col in characters), or -1. */
static long xmlmsg_pos_off(const struct xmlmsg *c, long line, long col)
{
	long off = xmlmsg_line_off(c, line);

	if (off < 0 || col < 1)
		return -1;
	for (long i = 1; i < col && off < c->len && c->buf[off] != '\n'; i++)
		off = g_utf8_next_char(c->buf + off) - c->buf;
	return off;
}

/* The offset of the last `ch` at or before off on the same line, or -1. */
static long xmlmsg_back_to(const struct xmlmsg *c, long off, char ch)
{
	for (long i = off < c->len ? off : c->len - 1; i >= 0 && c->buf[i] != '\n'; i--)
		if (c->buf[i] == ch)
			return i;
	return -1;
}

void xmlmsg_node_pos(const struct xmlmsg *c, const xmlNode *node, long *line, long *col)
{
	long l = (long)xmlGetLineNo((xmlNodePtr)node), end, start;
	size_t n = node->name ? strlen((const char *)node->name) : 0;

	*line = l;
	*col = 0;
	if (!c->buf || l < 1 || !n || (end = xmlmsg_line_off(c, l + 1)) < 0)
		end = c->buf ? c->len : 0;
	/* the start tag ends on line l: its "<name" is the last one before */
	for (start = end - 1; start >= 0; start--)
		if (c->buf[start] == '<' && start + 1 + (long)n <= c->len &&
		    memcmp(c->buf + start + 1, node->name, n) == 0 &&
		    (start + 1 + (long)n == c->len || !g_ascii_isalnum(c->buf[start + 1 + n])) &&
		    c->buf[start + 1 + n] != '-')
			break;
	if (start >= 0)
		xmlmsg_off_pos(c, start, line, col);
}

/* Whether a schema message was told for node already; xmlmsg_tell notes
 * one (the first 32 elements). */
static int xmlmsg_told(const struct xmlmsg *c, const void *node)
{
	for (int i = 0; i < c->ntold; i++)
		if (c->told[i] == node)
			return 1;
	return 0;
}

static void xmlmsg_tell(struct xmlmsg *c, const void *node)
{
	if (node && !xmlmsg_told(c, node) && c->ntold < (int)G_N_ELEMENTS(c->told))
		c->told[c->ntold++] = node;
}

static void xmlmsg_report_at_node(struct xmlmsg *c, enum msg_id id, const xmlNode *node, ...)
{
	long line = 0, col = 0;
	va_list ap;

	if (node)
		xmlmsg_node_pos(c, node, &line, &col);
	c->reported++;
	va_start(ap, node);
	msg_vat(c->m, id, c->file, line, col, ap);
	va_end(ap);
}

/* ---- what the schema says ------------------------------------------------ */

static int rng_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

/* The name an element or attribute pattern gives: @name or a <name> child. */
static char *rng_name_of(const xmlNode *p)
{
	xmlChar *a = xmlGetProp((xmlNodePtr)p, BAD_CAST "name");
	char *s;

	if (a) {
		s = xstrdup((const char *)a);
		xmlFree(a);
		return s;
	}
	for (const xmlNode *k = p->children; k; k = k->next)
		if (rng_is(k, "name")) {
			xmlChar *t = xmlNodeGetContent(k);

			s = xstrdup(t ? g_strstrip((char *)t) : "");
			xmlFree(t);
			return s;
		}
	return NULL;
}

/* The <define name=...> of a <ref>, or NULL. */
static const xmlNode *rng_define(const xmlDoc *schema, const xmlNode *ref)
{
	const xmlNode *root = xmlDocGetRootElement((xmlDocPtr)schema);
	xmlChar *want = xmlGetProp((xmlNodePtr)ref, BAD_CAST "name");
	const xmlNode *found = NULL;

	for (const xmlNode *k = root ? root->children : NULL; k && want && !found; k = k->next) {
		xmlChar *n = rng_is(k, "define") ? xmlGetProp((xmlNodePtr)k, BAD_CAST "name") : NULL;

		if (n && xmlStrEqual(n, want))
			found = k;
		xmlFree(n);
	}
	xmlFree(want);
	return found;
}

/* The node after k in a depth-first walk of the whole schema, NULL at its end. */
static const xmlNode *rng_walk_next(const xmlDoc *schema, const xmlNode *k)
{
	if (k->children)
		return k->children;
	while (k && !k->next)
		k = k->parent == (const xmlNode *)schema ? NULL : k->parent;
	return k ? k->next : NULL;
}

/* The definitions of element `name` in the schema (at most max). */
static int rng_elements_named(const xmlDoc *schema, const char *name, const xmlNode **out, int max)
{
	int n = 0;
	const xmlNode *root = xmlDocGetRootElement((xmlDocPtr)schema);

	for (const xmlNode *k = root; k && n < max;) {
		if (rng_is(k, "element")) {
			char *nm = rng_name_of(k);

			if (nm && strcmp(nm, name) == 0)
				out[n++] = k;
			free(nm);
		}
		k = rng_walk_next(schema, k);
	}
	return n;
}

/* The documentation of a pattern: the <a:documentation> inside it or its
 * define, else the comment just above its define; NULL when there is none. */
static char *rng_doc(const xmlNode *p)
{
	for (const xmlNode *d = p; d; d = d->parent) {
		for (const xmlNode *k = d->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && k->ns &&
			    xmlStrEqual(k->ns->href, BAD_CAST RNG_DOC_NS) &&
			    xmlStrEqual(k->name, BAD_CAST "documentation")) {
				xmlChar *t = xmlNodeGetContent(k);
				char *s = xstrdup(t ? g_strstrip((char *)t) : "");

				xmlFree(t);
				return s;
			}
		if (rng_is(d, "define") || rng_is(d, "element"))
			break;
	}
	return NULL;
}

/* Describes a content pattern in words into out ("name, country, p (one or
 * more), support (optional)"): the children of element pattern `el`. */
static void rng_describe(const xmlDoc *schema, const xmlNode *list, const char *quant,
			 GString *out, int depth)
{
	for (const xmlNode *k = list; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || depth > XMLMSG_REF_DEPTH)
			continue;
		if (rng_is(k, "element")) {
			char *nm = rng_name_of(k);

			g_string_append_printf(out, "%s%s%s", out->len ? ", " : "", nm ? nm : "?", quant);
			free(nm);
		} else if (rng_is(k, "ref")) {
			const xmlNode *d = rng_define(schema, k);

			if (d)
				rng_describe(schema, d->children, quant, out, depth + 1);
		} else if (rng_is(k, "optional")) {
			rng_describe(schema, k->children, " (optional)", out, depth + 1);
		} else if (rng_is(k, "zeroOrMore")) {
			rng_describe(schema, k->children, " (any number)", out, depth + 1);
		} else if (rng_is(k, "oneOrMore")) {
			rng_describe(schema, k->children, " (one or more)", out, depth + 1);
		} else if (rng_is(k, "choice")) {
			GString *alt = g_string_new("");

			rng_describe(schema, k->children, "", alt, depth + 1);
			/* "p, list, field" → "p or list or field" */
			for (gchar *s = strstr(alt->str, ", "); s; s = strstr(alt->str, ", ")) {
				gssize at = s - alt->str;

				g_string_erase(alt, at, 2);
				g_string_insert(alt, at, " or ");
			}
			if (alt->len)
				g_string_append_printf(out, "%s%s%s", out->len ? ", " : "", alt->str, quant);
			g_string_free(alt, TRUE);
		} else if (rng_is(k, "group") || rng_is(k, "interleave")) {
			rng_describe(schema, k->children, quant, out, depth + 1);
		} else if (rng_is(k, "text")) {
			g_string_append_printf(out, "%stext%s", out->len ? ", " : "", quant);
		}
	}
}

/* Adds to names the child elements the pattern list requires. */
static void rng_required(const xmlDoc *schema, const xmlNode *list, GPtrArray *names, int depth)
{
	for (const xmlNode *k = list; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || depth > XMLMSG_REF_DEPTH)
			continue;
		if (rng_is(k, "element"))
			g_ptr_array_add(names, rng_name_of(k));
		else if (rng_is(k, "ref")) {
			const xmlNode *d = rng_define(schema, k);

			if (d)
				rng_required(schema, d->children, names, depth + 1);
		} else if (rng_is(k, "oneOrMore") || rng_is(k, "group") || rng_is(k, "interleave"))
			rng_required(schema, k->children, names, depth + 1);
	}
}

/* Whether the pattern list lets the element hold text (mixed content);
 * defines maps a <define>'s name to it (rng_defines). */
static int rng_has_text(GHashTable *defines, const xmlNode *list, int depth)
{
	for (const xmlNode *k = list; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || depth > XMLMSG_REF_DEPTH || rng_is(k, "element") ||
		    rng_is(k, "attribute"))
			continue;
		if (rng_is(k, "text") || rng_is(k, "data") || rng_is(k, "value"))
			return 1;
		if (rng_is(k, "ref")) {
			xmlChar *want = xmlGetProp((xmlNodePtr)k, BAD_CAST "name");
			const xmlNode *d = want ? g_hash_table_lookup(defines, want) : NULL;

			xmlFree(want);
			if (d && rng_has_text(defines, d->children, depth + 1))
				return 1;
		} else if (rng_has_text(defines, k->children, depth + 1))
			return 1;
	}
	return 0;
}

/* The schema's <define>s by name, the first of a name as rng_define finds
 * it: one walk instead of one a <ref>. */
static GHashTable *rng_defines(const xmlDoc *schema)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const xmlNode *root = xmlDocGetRootElement((xmlDocPtr)schema);

	for (const xmlNode *k = root ? root->children : NULL; k; k = k->next) {
		xmlChar *n = rng_is(k, "define") ? xmlGetProp((xmlNodePtr)k, BAD_CAST "name") : NULL;

		if (n && !g_hash_table_contains(h, n))
			g_hash_table_insert(h, g_strdup((const char *)n), (gpointer)k);
		xmlFree(n);
	}
	return h;
}

/* Whether each element name of the schema may hold text, in one walk of
 * the schema (as rng_elements_named finds its first XMLMSG_MAX_DEFS
 * definitions, in the same order): name -> 1 or 0 (GINT_TO_POINTER). */
static GHashTable *rng_texty(const xmlDoc *schema)
{
	GHashTable *texty = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *ndefs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *defines = rng_defines(schema);
	const xmlNode *root = xmlDocGetRootElement((xmlDocPtr)schema);

	for (const xmlNode *k = root; k;) {
		char *nm = rng_is(k, "element") ? rng_name_of(k) : NULL;
		int seen = nm ? GPOINTER_TO_INT(g_hash_table_lookup(ndefs, nm)) : XMLMSG_MAX_DEFS;

		if (seen < XMLMSG_MAX_DEFS) {
			int t = GPOINTER_TO_INT(g_hash_table_lookup(texty, nm)) ||
				rng_has_text(defines, k->children, 0);

			g_hash_table_replace(texty, g_strdup(nm), GINT_TO_POINTER(t));
			g_hash_table_replace(ndefs, g_strdup(nm), GINT_TO_POINTER(seen + 1));
		}
		free(nm);
		k = rng_walk_next(schema, k);
	}
	g_hash_table_destroy(defines);
	g_hash_table_destroy(ndefs);
	return texty;
}

/* Collects the attribute patterns of an element pattern's content;
 * `optional` says whether each may be left out. */
static void rng_attrs(const xmlDoc *schema, const xmlNode *list, int optional,
		      const xmlNode **out, int *opt, int *n, int max, int depth)
{
	for (const xmlNode *k = list; k && *n < max; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || depth > XMLMSG_REF_DEPTH || rng_is(k, "element"))
			continue;
		if (rng_is(k, "attribute")) {
			opt[*n] = optional;
			out[(*n)++] = k;
		} else if (rng_is(k, "ref")) {
			const xmlNode *d = rng_define(schema, k);

			if (d)
				rng_attrs(schema, d->children, optional, out, opt, n, max, depth + 1);
		} else {
			rng_attrs(schema, k->children, optional || rng_is(k, "optional") || rng_is(k, "zeroOrMore") ||
				  rng_is(k, "choice"), out, opt, n, max, depth + 1);
		}
	}
}

/* Whether value matches the value pattern list (value, data with
 * pattern, choice of these; an empty list is text, as in <attribute
 * name="element"/>); *what gets the allowed values in words. */
static int rng_value_ok(const xmlDoc *schema, const xmlNode *list, const char *value, GString *what, int depth)
{
	int ok = 0, patterns = 0;

	for (const xmlNode *k = list; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || depth > XMLMSG_REF_DEPTH)
			continue;
		patterns++;
		if (rng_is(k, "value")) {
			xmlChar *v = xmlNodeGetContent(k);

			g_string_append_printf(what, "%s\"%s\"", what->len ? ", " : "", v ? (const char *)v : "");
			ok |= v && strcmp((const char *)v, value) == 0;
			xmlFree(v);
		} else if (rng_is(k, "data")) {
			int matched = 1;
			char *doc = rng_doc(k);

			for (const xmlNode *p = k->children; p; p = p->next) {
				xmlChar *pn = rng_is(p, "param") ? xmlGetProp((xmlNodePtr)p, BAD_CAST "name") : NULL;

				if (pn && xmlStrEqual(pn, BAD_CAST "pattern")) {
					xmlChar *re = xmlNodeGetContent(p);
					xmlRegexpPtr rx = re ? xmlRegexpCompile(re) : NULL;

					matched = rx ? xmlRegexpExec(rx, BAD_CAST value) == 1 : 1;
					if (!doc)
						doc = g_strdup_printf("text matching %s", (const char *)re);
					if (rx)
						xmlRegFreeRegexp(rx);
					xmlFree(re);
				}
				xmlFree(pn);
			}
			if (doc) {
				g_string_append_printf(what, "%s%s", what->len ? "; " : "", doc);
				free(doc);
			}
			ok |= matched;
		} else if (rng_is(k, "ref")) {
			const xmlNode *d = rng_define(schema, k);

			if (d) {
				char *doc = rng_doc(d->children);
				GString *inner = g_string_new("");

				ok |= rng_value_ok(schema, d->children, value, inner, depth + 1);
				g_string_append_printf(what, "%s%s", what->len ? "; " : "",
						       doc ? doc : inner->str);
				free(doc);
				g_string_free(inner, TRUE);
			}
		} else if (rng_is(k, "choice") || rng_is(k, "group")) {
			ok |= rng_value_ok(schema, k->children, value, what, depth + 1);
		} else if (rng_is(k, "text")) {
			ok = 1;
		}
	}
	return ok || (!patterns && depth == 0);
}

/* The closest of the `candidates` to `word` (NULL when none is near). */
static const char *xmlmsg_closest(const char *word, const char *const *cand, int n)
{
	const char *best = NULL;
	int bestd = 0;

	for (int i = 0; i < n; i++) {
		int d = 0;
		size_t la = strlen(word), lb = strlen(cand[i]);
		int row[64], prev;

		if (la >= 63 || lb >= 63)
			continue;
		for (size_t j = 0; j <= lb; j++)
			row[j] = (int)j;
		for (size_t a = 1; a <= la; a++) {
			prev = row[0];
			row[0] = (int)a;
			for (size_t b = 1; b <= lb; b++) {
				int cur = row[b];
				int sub = prev + (word[a - 1] != cand[i][b - 1]);

				row[b] = sub < row[b] + 1 ? sub : row[b] + 1;
				row[b] = row[b] < row[b - 1] + 1 ? row[b] : row[b - 1] + 1;
				prev = cur;
			}
		}
		d = row[lb];
		if (d <= (int)((la > lb ? la : lb) / 2) && (!best || d < bestd))
			best = cand[i], bestd = d;
	}
	return best;
}

/* Every element name of the schema, for "did you mean". */
static GPtrArray *rng_all_names(const xmlDoc *schema)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(free);
	const xmlNode *root = xmlDocGetRootElement((xmlDocPtr)schema);

	for (const xmlNode *k = root; k;) {
		if (rng_is(k, "element")) {
			char *nm = rng_name_of(k);
			int dup = 0;

			for (guint i = 0; nm && i < names->len; i++)
				dup |= strcmp(names->pdata[i], nm) == 0;
			if (nm && !dup)
				g_ptr_array_add(names, nm);
			else
				free(nm);
		}
		if (k->children)
			k = k->children;
		else {
			while (k && !k->next)
				k = k->parent == (xmlNodePtr)schema ? NULL : k->parent;
			if (k)
				k = k->next;
		}
	}
	return names;
}

/* ---- element problems ---------------------------------------------------- */

static int xmlmsg_has_child(const xmlNode *parent, const char *name)
{
	for (const xmlNode *k = parent->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, name) == 0)
			return 1;
	return 0;
}

/* What a <parent> holds, in words, from its first definition. */
static char *xmlmsg_holds(const struct xmlmsg *c, const xmlNode *parent)
{
	const xmlNode *defs[XMLMSG_MAX_DEFS];
	int n = parent && parent->name ? rng_elements_named(c->schema, (const char *)parent->name, defs, XMLMSG_MAX_DEFS) : 0;
	GString *s = g_string_new("");

	if (n > 0)
		rng_describe(c->schema, defs[0]->children, "", s, 0);
	return g_string_free(s, FALSE);
}

/* A required child the parent lacks (in every definition), or NULL. */
static char *xmlmsg_missing_child(const struct xmlmsg *c, const xmlNode *parent)
{
	const xmlNode *defs[XMLMSG_MAX_DEFS];
	int n = rng_elements_named(c->schema, (const char *)parent->name, defs, XMLMSG_MAX_DEFS);
	char *missing = NULL;

	for (int i = 0; i < n; i++) {
		GPtrArray *req = g_ptr_array_new_with_free_func(free);
		char *first = NULL;

		rng_required(c->schema, defs[i]->children, req, 0);
		for (guint j = 0; j < req->len && !first; j++)
			if (!xmlmsg_has_child(parent, req->pdata[j]))
				first = xstrdup(req->pdata[j]);
		g_ptr_array_free(req, TRUE);
		if (!first) {          /* one definition is satisfied */
			free(missing);
			return NULL;
		}
		if (!missing)
			missing = first;
		else
			free(first);
	}
	return missing;
}

static void xmlmsg_attributes(struct xmlmsg *c, const xmlNode *node, int here);
static int xmlmsg_attrs_refused(struct xmlmsg *c, const xmlNode *node);

/* Depth-first: the node after k inside top (top itself excluded), or NULL. */
static const xmlNode *xmlmsg_next_in(const xmlNode *top, const xmlNode *k)
{
	if (k->children && k->type == XML_ELEMENT_NODE)
		return k->children;
	while (k && k != top && !k->next)
		k = k->parent;
	return k && k != top ? k->next : NULL;
}

/* An element RelaxNG did not want where it stands: unknown name (did you
 * mean), a required sibling missing, or simply out of place. */
static void xmlmsg_element(struct xmlmsg *c, const xmlNode *node, const char *expected)
{
	const xmlNode *parent = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : NULL;
	const char *pname = parent ? (const char *)parent->name : "the document";
	const xmlNode *defs[1];
	char *missing, *holds;

	if (rng_elements_named(c->schema, (const char *)node->name, defs, 1) == 0) {
		GPtrArray *names = rng_all_names(c->schema);
		const char *cand[1] = { expected };
		const char *near = expected ? xmlmsg_closest((const char *)node->name, cand, 1) : NULL;

		if (!near)
			near = xmlmsg_closest((const char *)node->name, (const char *const *)names->pdata,
					      (int)names->len);
		xmlmsg_report_at_node(c, M_XML_ELEM_UNKNOWN, node, (const char *)node->name,
				      c->schema_file ? c->schema_file : "the schema", near ? ": did you mean <" : "", near ? near : "", near ? ">?" : "");
		g_ptr_array_free(names, TRUE);
		return;
	}
	/* in mixed content libxml2 blames the first element of the run: an
	 * attribute refused further on is often the real cause */
	for (const xmlNode *k = node; k; k = xmlmsg_next_in(node->parent, k)) {
		if (k->type == XML_ELEMENT_NODE && xmlmsg_attrs_refused(c, k)) {
			c->last_node = k;
			if (!xmlmsg_told(c, k)) /* told already when libxml2 named it */
				xmlmsg_attributes(c, k, 0);
			xmlmsg_tell(c, k);
			return;
		}
	}
	holds = xmlmsg_holds(c, parent);
	missing = parent ? xmlmsg_missing_child(c, parent) : NULL;
	if (missing) {
		long line, col;

		xmlmsg_node_pos(c, parent, &line, &col);
		xmlmsg_report_at_node(c, M_XML_CHILD_MISSING, node, pname, line, missing, pname, holds);
	} else {
		xmlmsg_report_at_node(c, M_XML_ELEM_PLACE, node, (const char *)node->name, pname, pname, holds);
	}
	free(missing);
	g_free(holds);
}

/* An element that ends before something it needs. */
static void xmlmsg_ends_early(struct xmlmsg *c, const xmlNode *node, const char *named)
{
	char *missing = xmlmsg_missing_child(c, node);
	char *holds = xmlmsg_holds(c, node);
	long line, col;

	if (!missing && named && *named)
		missing = xstrdup(named);
	xmlmsg_node_pos(c, node, &line, &col);
	if (missing)
		xmlmsg_report_at_node(c, M_XML_CHILD_MISSING, node, (const char *)node->name, line,
				      missing, (const char *)node->name, holds);
	else
		xmlmsg_report_at_node(c, M_XML_ELEM_PLACE, node, "the end", (const char *)node->name,
				      (const char *)node->name, holds);
	free(missing);
	g_free(holds);
}

/* ---- attribute problems -------------------------------------------------- */

static int xmlmsg_is_xml_lang(const xmlAttr *a)
{
	return a->ns && xmlStrEqual(a->ns->href, XML_XML_NAMESPACE) && xmlStrEqual(a->name, BAD_CAST "lang");
}

static void xmlmsg_bad_lang(struct xmlmsg *c, const xmlNode *node, const char *value)
{
	char near[512];

	lang_closest(value, near, sizeof near);
	xmlmsg_report_at_node(c, M_XML_LANG, node, value, (const char *)node->name, near);
}

/* Appends to `what` the values the attribute `name` may take in the
 * definitions alts[0..n) that `what` does not list yet (an element
 * defined once for each value: <label name="page">, <label name="support">…). */
static void xmlmsg_alt_values(struct xmlmsg *c, const xmlNode *const *alts, int n, const char *name,
			      GString *what)
{
	enum { MAX = 16 };

	for (int j = 0; j < n; j++) {
		const xmlNode *pat[MAX];
		int opt[MAX], np = 0;

		rng_attrs(c->schema, alts[j]->children, 0, pat, opt, &np, MAX, 0);
		for (int i = 0; i < np; i++) {
			char *nm = rng_name_of(pat[i]);
			GString *w = g_string_new("");

			if (nm && strcmp(nm, name) == 0) {
				rng_value_ok(c->schema, pat[i]->children, "", w, 0);
				if (w->len && !strstr(what->str, w->str))
					g_string_append_printf(what, "%s%s", what->len ? ", " : "", w->str);
			}
			g_string_free(w, TRUE);
			free(nm);
		}
	}
}

/* Checks the attributes of node against one definition; reports its
 * problems when `report`, the allowed values of a refused one with those
 * of the definitions alts[0..nalts) that fail as closely.  Returns how
 * many there are. */
static int xmlmsg_attrs_against(struct xmlmsg *c, const xmlNode *node, const xmlNode *def, int report,
				const xmlNode *const *alts, int nalts)
{
	enum { MAX = 16 };
	const xmlNode *pat[MAX];
	int opt[MAX], n = 0, problems = 0;

	rng_attrs(c->schema, def->children, 0, pat, opt, &n, MAX, 0);
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
		const char *value = v ? (const char *)v : "";
		int found = 0;

		for (int i = 0; i < n && !found; i++) {
			char *nm = rng_name_of(pat[i]);

			if (nm && strcmp(nm, (const char *)a->name) == 0) {
				GString *what = g_string_new("");
				char *tok = g_strstrip(g_strdup(value));

				found = 1;
				if (!rng_value_ok(c->schema, pat[i]->children, tok, what, 0)) {
					problems++;
					if (report && xmlmsg_is_xml_lang(a))
						xmlmsg_bad_lang(c, node, value);
					else if (report) {
						/* an enumeration: the closest allowed value */
						enum { VMAX = 16 };
						const char *vals[VMAX];
						char *copy, *near_txt = NULL;
						int nv = 0;

						xmlmsg_alt_values(c, alts, nalts, (const char *)a->name, what);
						copy = g_strdup(what->str);

						for (char *s = copy, *q; (q = strchr(s, '"')) && nv < VMAX; s = q + 1) {
							char *e = strchr(q + 1, '"');

							if (!e)
								break;
							*e = '\0';
							vals[nv++] = q + 1;
							q = e;
						}
						if (nv) {
							const char *near = xmlmsg_closest(value, vals, nv);

							near_txt = near ? g_strdup_printf(" (did you mean \"%s\"?)", near) : NULL;
						}
						xmlmsg_report_at_node(c, M_XML_ATTR_VALUE, node, (const char *)a->name, value,
								      (const char *)node->name, what->str,
								      near_txt ? near_txt : "");
						g_free(near_txt);
						g_free(copy);
					}
				}
				g_free(tok);
				g_string_free(what, TRUE);
			}
			free(nm);
		}
		if (!found) {
			problems++;
			if (report) {
				GString *takes = g_string_new("");
				GPtrArray *names = g_ptr_array_new_with_free_func(free);
				const char *near;
				char *near_txt;

				for (int i = 0; i < n; i++) {
					char *nm = rng_name_of(pat[i]);

					g_string_append_printf(takes, "%s%s%s", takes->len ? ", " : "",
							       strcmp(nm ? nm : "", "lang") == 0 ? "xml:" : "", nm ? nm : "?");
					if (nm)
						g_ptr_array_add(names, nm);
				}
				/* a mistyped name ("min-fil"): the one it was meant to be */
				near = xmlmsg_closest((const char *)a->name, (const char *const *)names->pdata,
						      (int)names->len);
				near_txt = near ? g_strdup_printf(" (did you mean %s=?)", near) : g_strdup("");
				xmlmsg_report_at_node(c, M_XML_ATTR_UNKNOWN, node, (const char *)node->name,
						      (const char *)a->name, near_txt,
						      takes->len ? takes->str : "no attribute");
				g_free(near_txt);
				g_ptr_array_free(names, TRUE);
				g_string_free(takes, TRUE);
			}
		}
		xmlFree(v);
	}
	for (int i = 0; i < n; i++) {
		char *nm = rng_name_of(pat[i]);
		int present = 0;

		for (const xmlAttr *a = node->properties; a && nm; a = a->next)
			present |= strcmp((const char *)a->name, nm) == 0;
		if (!opt[i] && !present) {
			problems++;
			if (report) {
				GString *what = g_string_new("");

				rng_value_ok(c->schema, pat[i]->children, "", what, 0);
				xmlmsg_report_at_node(c, M_XML_ATTR_MISSING, node, (const char *)node->name, nm,
						      what->str);
				g_string_free(what, TRUE);
			}
		}
		free(nm);
	}
	return problems;
}

/* Whether no definition of node's element accepts its attributes. */
static int xmlmsg_attrs_refused(struct xmlmsg *c, const xmlNode *node)
{
	const xmlNode *defs[XMLMSG_MAX_DEFS];
	int n = rng_elements_named(c->schema, (const char *)node->name, defs, XMLMSG_MAX_DEFS);

	for (int i = 0; i < n; i++)
		if (xmlmsg_attrs_against(c, node, defs[i], 0, NULL, 0) == 0)
			return 0;
	return n > 0;
}

/* An element whose attributes RelaxNG refused: reports against the
 * definition it comes closest to.  When they fit one definition, the
 * element is one RelaxNG did not expect there, and nothing is told — unless
 * `here`: then the closest definition they do not fit is told (the
 * document's only refusal: <label name="suite"> where the required <label
 * name="continued"> must stand). */
static void xmlmsg_attributes(struct xmlmsg *c, const xmlNode *node, int here)
{
	const xmlNode *defs[XMLMSG_MAX_DEFS], *tied[XMLMSG_MAX_DEFS];
	int n = rng_elements_named(c->schema, (const char *)node->name, defs, XMLMSG_MAX_DEFS);
	int best = -1, bestp = 0, probs[XMLMSG_MAX_DEFS], nt = 0;

	for (int i = 0; i < n; i++) {
		int p = probs[i] = xmlmsg_attrs_against(c, node, defs[i], 0, NULL, 0);

		if (p > 0 && (best < 0 || p < bestp))
			best = i, bestp = p;
		if (p == 0 && !here)
			return;      /* the attributes fit one definition: not the problem */
	}
	for (int i = 0; i < n; i++)
		if (i != best && probs[i] == bestp)
			tied[nt++] = defs[i];
	if (best >= 0)
		xmlmsg_attrs_against(c, node, defs[best], 1, tied, nt);
}

/* The text of an element with a typed value (a year, a date) refused. */
static void xmlmsg_text_value(struct xmlmsg *c, const xmlNode *node)
{
	const xmlNode *defs[XMLMSG_MAX_DEFS];
	int n = rng_elements_named(c->schema, (const char *)node->name, defs, XMLMSG_MAX_DEFS);
	xmlChar *t = xmlNodeGetContent(node);
	GString *what = g_string_new("");

	for (int i = 0; i < n; i++) {
		GString *w = g_string_new("");
		char *tok = g_strstrip(g_strdup(t ? (const char *)t : ""));

		if (rng_value_ok(c->schema, defs[i]->children, tok, w, 0)) {
			g_string_free(w, TRUE);
			g_string_truncate(what, 0);
			g_free(tok);
			break;
		}
		if (!what->len)
			g_string_assign(what, w->str);
		g_string_free(w, TRUE);
		g_free(tok);
	}
	if (what->len)
		xmlmsg_report_at_node(c, M_XML_TEXT_VALUE, node, (const char *)node->name,
				      t ? (const char *)t : "", (const char *)node->name, what->str);
	g_string_free(what, TRUE);
	xmlFree(t);
}

/* ---- the handlers -------------------------------------------------------- */

static void xmlmsg_schema_error(struct xmlmsg *c, const xmlError *e)
{
	const xmlNode *node = e->node;

	if (node && (node == c->last_node || xmlmsg_told(c, node)))
		return;      /* one message an element: the rest follow from it */
	c->last_node = node;
	xmlmsg_tell(c, node); /* libxml2 may come back to it after another */
	if (!node) {
		/* libxml2 tells it again with the element, or xml.c says the
		 * document does not follow the schema */
		c->pending++;
		return;
	}
	if (!c->schema || node->type != XML_ELEMENT_NODE) {
		msg_at(c->m, M_XML_SCHEMA, c->file, e->line, 0, e->message ? e->message : "schema error");
		c->reported++;
		return;
	}
	switch (e->code) {
	case XML_RELAXNG_ERR_ELEMWRONG:
	case XML_RELAXNG_ERR_EXTRACONTENT:
	case XML_RELAXNG_ERR_ELEMEXTRANS:
	case XML_RELAXNG_ERR_INTEREXTRA:
		xmlmsg_element(c, node, NULL);
		break;
	case XML_RELAXNG_ERR_ELEMNAME:
		xmlmsg_element(c, node, e->str1);
		break;
	case XML_RELAXNG_ERR_NOELEM:
		xmlmsg_ends_early(c, node, e->str1);
		break;
	case XML_RELAXNG_ERR_ATTRVALID:
	case XML_RELAXNG_ERR_INVALIDATTR:
		if (!c->attr_node)
			c->attr_node = node; /* told only if nothing else is */
		xmlmsg_attributes(c, node, 0);
		break;
	case XML_RELAXNG_ERR_DATATYPE:
	case XML_RELAXNG_ERR_VALUE:
	case XML_RELAXNG_ERR_DATAELEM:
	case XML_RELAXNG_ERR_VALELEM:
	case XML_RELAXNG_ERR_TYPEVAL:
	case XML_RELAXNG_ERR_LACKDATA:
	case XML_RELAXNG_ERR_EXTRADATA:
		xmlmsg_text_value(c, node);
		break;
	case XML_RELAXNG_ERR_CONTENTVALID:
	case XML_RELAXNG_ERR_INTERSEQ:
	case XML_RELAXNG_ERR_NOTELEM:
		return;      /* repeats an error told already */
	default: {
		long line, col;

		xmlmsg_node_pos(c, node, &line, &col);
		msg_at(c->m, M_XML_SCHEMA, c->file, line, col, e->message ? e->message : "schema error");
		c->reported++;
	}
	}
}

/* The start of the last "<!--" that ends at or before limit, or -1. */
static long xmlmsg_comment_start(const struct xmlmsg *c, long limit)
{
	for (long i = (limit < c->len ? limit : c->len) - 4; i >= 0; i--)
		if (memcmp(c->buf + i, "<!--", 4) == 0)
			return i;
	return -1;
}

/* A comment libxml2 found broken at off: where it opens, and whether the
 * "--" that broke it is the start of the next comment (it was never
 * closed) or stands inside it. */
static void xmlmsg_comment(struct xmlmsg *c, const xmlError *e, long off)
{
	long dash = off < c->len - 1 ? off : c->len - 2, open, line, col, l2, c2;
	int next = 0;

	/* libxml2 points at the "--" or just after it */
	while (dash > 0 && dash > off - 4 && memcmp(c->buf + dash, "--", 2) != 0)
		dash--;
	if (e->code == XML_ERR_HYPHEN_IN_COMMENT && dash >= 2 && memcmp(c->buf + dash - 2, "<!--", 4) == 0)
		next = 1;
	open = xmlmsg_comment_start(c, e->code == XML_ERR_HYPHEN_IN_COMMENT ? (next ? dash - 2 : dash) : off);
	if (open < 0) {
		msg_at(c->m, M_XML_SYNTAX, c->file, e->line, e->int2, "a comment is broken");
		return;
	}
	xmlmsg_off_pos(c, open, &line, &col);
	if (e->code == XML_ERR_HYPHEN_IN_COMMENT && !next) {
		xmlmsg_off_pos(c, dash, &l2, &c2);
		msg_at(c->m, M_XML_COMMENT_DASHES, c->file, line, col, l2);
	} else if (next) {
		char detail[64];

		xmlmsg_off_pos(c, dash - 2, &l2, &c2);
		snprintf(detail, sizeof detail, " (the next one opens at line %ld inside it)", l2);
		msg_at(c->m, M_XML_COMMENT_OPEN, c->file, line, col, detail);
	} else {
		msg_at(c->m, M_XML_COMMENT_OPEN, c->file, line, col, "");
	}
}

static void xmlmsg_syntax_error(struct xmlmsg *c, const xmlError *e)
{
	long line = e->line, col = e->int2;
	long off = c->buf ? xmlmsg_pos_off(c, line, col) : -1;
	long at;

	if (c->syntax_seen)
		return;      /* after the first, libxml2's recovery only adds noise */
	if (!e->file) {
		/* inside an entity's text: libxml2 tells it again where the
		 * document uses the entity */
		c->pending++;
		return;
	}
	c->syntax_seen = 1;
	c->reported++;
	switch (e->code) {
	case XML_ERR_NAME_REQUIRED:
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
	case XML_ERR_LT_IN_ATTRIBUTE:
	case XML_ERR_GT_REQUIRED:
		/* the & or < that starts nothing, just before libxml2's position */
		for (at = off > 0 ? off - 1 : off; at >= 0 && c->buf[at] != '\n'; at--)
			if (c->buf[at] == '&' || c->buf[at] == '<')
				break;
		if (at >= 0 && (c->buf[at] == '&' || c->buf[at] == '<') &&
		    e->code != XML_ERR_GT_REQUIRED) {
			xmlmsg_off_pos(c, at, &line, &col);
			msg_at(c->m, c->buf[at] == '&' ? M_XML_AMP : M_XML_LT, c->file, line, col);
			return;
		}
		break;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		at = off >= 0 ? xmlmsg_back_to(c, off, '&') : -1;
		if (at >= 0)
			xmlmsg_off_pos(c, at, &line, &col);
		msg_at(c->m, M_XML_ENTITY_UNDECLARED, c->file, line, col, e->str1 ? e->str1 : "?");
		return;
	case XML_ERR_HYPHEN_IN_COMMENT:
	case XML_ERR_COMMENT_NOT_FINISHED:
		if (off < 0 && e->code == XML_ERR_COMMENT_NOT_FINISHED)
			off = c->len;
		if (off < 0)
			break;
		xmlmsg_comment(c, e, off);
		return;
	case XML_ERR_TAG_NAME_MISMATCH:
		if (e->str1 && e->str2) {
			at = off > 0 ? xmlmsg_back_to(c, off - 1, '<') : -1;
			if (at >= 0)
				xmlmsg_off_pos(c, at, &line, &col);
			msg_at(c->m, M_XML_MISNESTED, c->file, line, col, e->str2, e->str1, e->int1,
			       e->str1, e->str2);
			return;
		}
		break;
	case XML_ERR_TAG_NOT_FINISHED:
		if (e->str1) {
			long l2 = e->int1 > 0 ? (long)e->int1 : line, c2 = 0;
			long bol = xmlmsg_line_off(c, l2), eol = xmlmsg_line_off(c, l2 + 1);
			char *tag = g_strdup_printf("<%s", e->str1);

			/* the start tag on its line */
			for (long i = bol; bol >= 0 && i < (eol < 0 ? c->len : eol); i++)
				if (strncmp(c->buf + i, tag, strlen(tag)) == 0) {
					xmlmsg_off_pos(c, i, &l2, &c2);
					break;
				}
			g_free(tag);
			msg_at(c->m, M_XML_UNCLOSED, c->file, l2, c2, e->str1, e->str1);
			return;
		}
		break;
	default:
		break;
	}
	{
		char text[512];
		size_t n;

		snprintf(text, sizeof text, "%s", e->message ? e->message : "error");
		n = strlen(text);
		while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
			text[--n] = '\0';
		msg_at(c->m, M_XML_SYNTAX, c->file, line, col, text);
	}
}

void xmlmsg_on_error(void *data, xmlErrorPtr err)
{
	struct xmlmsg *c = data;

	if (err->level == XML_ERR_WARNING)
		return;
	if (err->domain == XML_FROM_RELAXNGV)
		xmlmsg_schema_error(c, err);
	else
		xmlmsg_syntax_error(c, err);
}

/* ---- checks on a valid document ------------------------------------------ */

/* libxml2 reports some refused attributes with no element (an element
 * that also carries xml:lang): the first element whose attributes no
 * definition of it accepts is found here and told at its line. */
int xmlmsg_find_refused(struct xmlmsg *c, xmlDocPtr doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	int before = c->reported;

	if (!c->schema)
		return 0;
	for (const xmlNode *k = root; k; k = xmlmsg_next_in(root, k)) {
		if (k->type == XML_ELEMENT_NODE && k->properties && xmlmsg_attrs_refused(c, k)) {
			xmlmsg_attributes(c, k, 0);
			break;
		}
	}
	if (c->reported == before && c->attr_node)
		xmlmsg_attributes(c, c->attr_node, 1);
	return c->reported - before;
}

/* Whether the subtree holds any non-blank text. */
static int xmlmsg_has_text(const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content) {
			for (const xmlChar *p = k->content; *p; p++)
				if (!g_ascii_isspace(*p))
					return 1;
		} else if (k->type == XML_ELEMENT_NODE && xmlmsg_has_text(k)) {
			return 1;
		}
	}
	return 0;
}

int xmlmsg_check_doc(struct xmlmsg *c, xmlDocPtr doc)
{
	/* what may hold text, read from the schema once */
	GHashTable *texty = c->schema ? rng_texty(c->schema) : NULL;
	int before = c->reported;
	xmlNode *root = xmlDocGetRootElement(doc);

	for (xmlNode *k = root; k; k = xmlwalk_next(root, k)) {
		if (k->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)k->name;

			for (const xmlAttr *a = k->properties; a; a = a->next)
				if (xmlmsg_is_xml_lang(a)) {
					xmlChar *v = xmlNodeListGetString(doc, a->children, 1);

					if (!v || !lang_well_formed((const char *)v) || !lang_known((const char *)v))
						xmlmsg_bad_lang(c, k, v ? (const char *)v : "");
					xmlFree(v);
				}
			/* an element the schema lets hold text must not be empty */
			if (texty && GPOINTER_TO_INT(g_hash_table_lookup(texty, name)) && !xmlmsg_has_text(k))
				xmlmsg_report_at_node(c, M_XML_EMPTY, k, name);
		}
	}
	if (texty)
		g_hash_table_destroy(texty);
	return c->reported - before;
}
