/* xliff: the translator's round trip through XLIFF. */
#include <getopt.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <pango/pangocairo.h>

#include "build.h"
#include "fit.h"
#include "flow.h"
#include "lang.h"
#include "outfile.h"
#include "parity.h"
#include "xliff.h"
#include "xmlwalk.h"

#define ITS_NS "http://www.w3.org/2005/11/its"
#define XLF2_NS "urn:oasis:names:tc:xliff:document:2.0"
#define XLF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define SLR_NS "urn:oasis:names:tc:xliff:sizerestriction:2.0"
#define MDA_NS "urn:oasis:names:tc:xliff:metadata:2.0"

enum {
	XLIFF_MAX_BYTES = 64 * 1024 * 1024,  /* larger XLIFF files are refused */
	XLIFF_SHOW = 60,                     /* characters of a text quoted in messages */
};

/* What the ITS rules say of the source document's nodes. */
struct xliff_its {
	GHashTable *translate;   /* node → GINT(1 yes, 2 no), the last rule that selected it */
	GHashTable *within;      /* element → 1: inline, part of its parent's unit */
};

/* One translatable thing: an element's content or one attribute. */
struct xliff_unit {
	xmlNode *el;
	xmlAttr *attr;           /* an attribute unit, or NULL */
	char *id;                /* stable id: "riga.p-2", "credits.field.attr-label" */
	char *note;              /* the comment above it, or NULL */
	const struct node *node; /* the element in the built document (room), or NULL */
	long room_chars;         /* 0 = no restriction known */
	int room_lines;
	int now_lines;
};

struct xliff_opts {
	const char *home, *style;
	const char *input, *output, *source;
	const char *target_lang;
	int v12;                 /* XLIFF 1.2 instead of 2.1 */
	int copy_source;         /* export targets equal to their sources */
};

/* ---- reading ------------------------------------------------------------- */

/* Parses an XML file with no network, entity or DTD, errors to m. */
static xmlDocPtr xliff_read_xml(const char *path, struct msg *m)
{
	gchar *buf = NULL;
	gsize len = 0;
	GError *err = NULL;
	xmlDocPtr d;

	if (!g_file_get_contents(path, &buf, &len, &err)) {
		msg_at(m, M_OPEN, path, 0, 0, err->message);
		g_error_free(err);
		return NULL;
	}
	if (len > XLIFF_MAX_BYTES) {
		msg_at(m, M_XML_SIZE, path, 0, 0, (long)XLIFF_MAX_BYTES);
		g_free(buf);
		return NULL;
	}
	d = xmlReadMemory(buf, (int)len, path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
			  XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	g_free(buf);
	if (!d || d->intSubset) {
		msg_at(m, M_XML_SYNTAX, path, 0, 0, d ? "a DTD is not allowed" : "cannot be read as XML");
		if (d)
			xmlFreeDoc(d);
		return NULL;
	}
	return d;
}

/* ---- ITS rules ----------------------------------------------------------- */

static int xliff_is(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST ns) &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

/* Evaluates the rules file on doc.  Returns 0 or -1 (reported). */
static int xliff_its_load(struct xliff_its *its, const char *rules_path, xmlDocPtr doc, struct msg *m)
{
	xmlDocPtr rules = xliff_read_xml(rules_path, m);
	xmlXPathContextPtr xp;
	const xmlNode *root;
	int rc = 0;

	its->translate = g_hash_table_new(g_direct_hash, g_direct_equal);
	its->within = g_hash_table_new(g_direct_hash, g_direct_equal);
	if (!rules)
		return -1;
	root = xmlDocGetRootElement(rules);
	xp = xmlXPathNewContext(doc);
	if (!xliff_is(root, ITS_NS, "rules") || !xp) {
		msg_at(m, M_XLIFF_ITS, rules_path, 0, 0, rules_path, "its root is not its:rules");
		rc = -1;
	}
	for (const xmlNode *r = rc == 0 ? root->children : NULL; r; r = r->next) {
		int tr = xliff_is(r, ITS_NS, "translateRule"), wt = xliff_is(r, ITS_NS, "withinTextRule");
		xmlChar *sel, *val;
		xmlXPathObjectPtr res;

		if (!tr && !wt)
			continue;
		sel = xmlGetProp((xmlNodePtr)r, BAD_CAST "selector");
		val = xmlGetProp((xmlNodePtr)r, BAD_CAST (tr ? "translate" : "withinText"));
		res = sel ? xmlXPathEvalExpression(sel, xp) : NULL;
		if (!res || res->type != XPATH_NODESET || !val) {
			msg_at(m, M_XLIFF_ITS, rules_path, (long)xmlGetLineNo((xmlNodePtr)r), 0, rules_path,
			       "a rule's selector is not an XPath that selects nodes");
			rc = -1;
		}
		for (int i = 0; rc == 0 && res->nodesetval && i < res->nodesetval->nodeNr; i++) {
			xmlNodePtr n = res->nodesetval->nodeTab[i];

			if (tr)
				g_hash_table_insert(its->translate, n,
						    GINT_TO_POINTER(xmlStrEqual(val, BAD_CAST "yes") ? 1 : 2));
			else if (xmlStrEqual(val, BAD_CAST "yes"))
				g_hash_table_insert(its->within, n, GINT_TO_POINTER(1));
			else
				g_hash_table_remove(its->within, n);
		}
		xmlXPathFreeObject(res);
		xmlFree(sel);
		xmlFree(val);
	}
	if (xp)
		xmlXPathFreeContext(xp);
	xmlFreeDoc(rules);
	return rc;
}

static void xliff_its_free(struct xliff_its *its)
{
	g_hash_table_destroy(its->translate);
	g_hash_table_destroy(its->within);
}

/* ITS inheritance: an element's translate is its own rule's, else its
 * parent's (yes at the root); an attribute's is its own rule's, else no. */
static int xliff_translatable(const struct xliff_its *its, const xmlNode *n)
{
	if (n->type == XML_ATTRIBUTE_NODE)
		return GPOINTER_TO_INT(g_hash_table_lookup(its->translate, n)) == 1;
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		int v = GPOINTER_TO_INT(g_hash_table_lookup(its->translate, n));

		if (v)
			return v == 1;
	}
	return 1;
}

static int xliff_within(const struct xliff_its *its, const xmlNode *n)
{
	return g_hash_table_lookup(its->within, n) != NULL;
}

/* ---- units --------------------------------------------------------------- */

static int xliff_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!g_ascii_isspace(*s))
			return 0;
	return 1;
}

/* Whether el has text of its own: a non-blank text child, or an inline
 * child with text. */
static int xliff_has_text(const struct xliff_its *its, const xmlNode *el)
{
	for (const xmlNode *k = el->children; k; k = k->next) {
		if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && !xliff_blank(k->content))
			return 1;
		if (k->type == XML_ELEMENT_NODE && xliff_within(its, k) && xliff_has_text(its, k))
			return 1;
	}
	return 0;
}

/* The stable id of an element: its @id, else its parent's id, its name and
 * (among siblings of the same name) its rank. */
static char *xliff_id_of(const xmlNode *el)
{
	xmlChar *id = xmlGetProp((xmlNodePtr)el, BAD_CAST "id");
	const xmlNode *p = el->parent;
	int rank = 0, same = 0;
	char *parent, *out;

	if (id) {
		out = xstrdup((const char *)id);
		xmlFree(id);
		return out;
	}
	/* an element keyed by a name (a layout string): its parent's id and that name */
	if ((id = xmlGetProp((xmlNodePtr)el, BAD_CAST "name")) && p && p->type == XML_ELEMENT_NODE) {
		parent = p->parent && p->parent->type == XML_ELEMENT_NODE ? xliff_id_of(p) : NULL;
		out = g_strdup_printf("%s%s%s", parent ? parent : "", parent ? "." : "", id);
		free(parent);
		xmlFree(id);
		return out;
	}
	xmlFree(id);
	if (!p || p->type != XML_ELEMENT_NODE)
		return xstrdup((const char *)el->name);
	for (const xmlNode *k = p->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, el->name)) {
			same++;
			if (k == el)
				rank = same;
		}
	parent = p->parent && p->parent->type == XML_ELEMENT_NODE ? xliff_id_of(p) : NULL;
	out = same > 1 ? g_strdup_printf("%s%s%s-%d", parent ? parent : "", parent ? "." : "", el->name, rank)
		       : g_strdup_printf("%s%s%s", parent ? parent : "", parent ? "." : "", el->name);
	free(parent);
	return out;
}

/* The XML comment just above el or, failing that, above its nearest
 * ancestor that has one (below the root), trimmed.  Caller frees. */
static char *xliff_note_of(const xmlNode *el)
{
	for (const xmlNode *e = el; e && e->parent && e->parent->type == XML_ELEMENT_NODE; e = e->parent) {
		const xmlNode *k = e->prev;

		while (k && k->type == XML_TEXT_NODE && xliff_blank(k->content))
			k = k->prev;
		if (k && k->type == XML_COMMENT_NODE) {
			char *t = g_strdup((const char *)k->content);
			char **words = g_strsplit_set(g_strstrip(t), " \t\r\n", -1);
			GString *s = g_string_new("");

			for (int i = 0; words[i]; i++)
				if (*words[i])
					g_string_append_printf(s, "%s%s", s->len ? " " : "", words[i]);
			g_strfreev(words);
			g_free(t);
			return g_string_free(s, FALSE);
		}
	}
	return NULL;
}

static void xliff_unit_add(GPtrArray *units, xmlNode *el, xmlAttr *attr)
{
	struct xliff_unit *u = xcalloc(1, sizeof *u);
	char *id = xliff_id_of(el);

	u->el = el;
	u->attr = attr;
	u->id = attr ? g_strdup_printf("%s.attr-%s", id, attr->name) : xstrdup(id);
	u->note = attr ? NULL : xliff_note_of(el);
	free(id);
	g_ptr_array_add(units, u);
}

static void xliff_unit_free(gpointer p)
{
	struct xliff_unit *u = p;

	free(u->id);
	g_free(u->note);
	free(u);
}

/* Every unit of the document, in document order. */
static GPtrArray *xliff_units(const struct xliff_its *its, xmlDocPtr doc)
{
	GPtrArray *units = g_ptr_array_new_with_free_func(xliff_unit_free);
	xmlNode *root = xmlDocGetRootElement(doc);

	for (xmlNode *k = root; k; k = xmlwalk_next(root, k)) {
		if (k->type == XML_ELEMENT_NODE) {
			if (!xliff_within(its, k) && xliff_translatable(its, k) && xliff_has_text(its, k))
				xliff_unit_add(units, k, NULL);
			for (xmlAttr *a = k->properties; a; a = a->next)
				if (xliff_translatable(its, (xmlNode *)a))
					xliff_unit_add(units, k, a);
		}
	}
	return units;
}

/* ---- canonical text of a unit (to compare sources) ------------------------ */

/* Appends text with runs of white space made one space. */
static void xliff_collapse_into(GString *s, const char *t)
{
	int space = s->len > 0 && s->str[s->len - 1] == ' ';

	for (; *t; t++) {
		if (g_ascii_isspace(*t)) {
			if (!space)
				g_string_append_c(s, ' ');
			space = 1;
		} else {
			g_string_append_c(s, *t);
			space = 0;
		}
	}
}

static char *xliff_trimmed(GString *s)
{
	char *t = g_string_free(s, FALSE);

	g_strstrip(t);
	return t;
}

/* The source element's content as text with inline codes "{1}…{/1}",
 * "{2/}", numbered in document order. */
static void xliff_canon_src(const struct xliff_its *its, const xmlNode *el, GString *s, int *code)
{
	for (const xmlNode *k = el->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
			xliff_collapse_into(s, (const char *)k->content);
		else if (k->type == XML_ELEMENT_NODE && xliff_within(its, k)) {
			int n = ++*code;

			if (k->children) {
				g_string_append_printf(s, "{%d}", n);
				xliff_canon_src(its, k, s, code);
				g_string_append_printf(s, "{/%d}", n);
			} else {
				g_string_append_printf(s, "{%d/}", n);
			}
		}
	}
}

/* The same from an XLIFF <source> or <target> (pc/ph, or 1.2's g/x). */
static void xliff_canon_xlf(const xmlNode *el, GString *s)
{
	for (const xmlNode *k = el->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
			xliff_collapse_into(s, (const char *)k->content);
		else if (k->type == XML_ELEMENT_NODE) {
			xmlChar *id = xmlGetProp((xmlNodePtr)k, BAD_CAST "id");

			if (xmlStrEqual(k->name, BAD_CAST "pc") || xmlStrEqual(k->name, BAD_CAST "g")) {
				g_string_append_printf(s, "{%s}", id ? (const char *)id : "?");
				xliff_canon_xlf(k, s);
				g_string_append_printf(s, "{/%s}", id ? (const char *)id : "?");
			} else if (xmlStrEqual(k->name, BAD_CAST "ph") || xmlStrEqual(k->name, BAD_CAST "x")) {
				g_string_append_printf(s, "{%s/}", id ? (const char *)id : "?");
			}
			xmlFree(id);
		}
	}
}

static char *xliff_unit_source(const struct xliff_its *its, const struct xliff_unit *u)
{
	GString *s = g_string_new("");
	int code = 0;

	if (u->attr) {
		xmlChar *v = xmlNodeListGetString(u->el->doc, u->attr->children, 1);

		xliff_collapse_into(s, v ? (const char *)v : "");
		xmlFree(v);
	} else {
		xliff_canon_src(its, u->el, s, &code);
	}
	return xliff_trimmed(s);
}

/* ---- room from the layout ------------------------------------------------ */

/* The built document's elements in document order, beside libxml2's. */
static GHashTable *xliff_node_map(xmlDocPtr doc, const struct doc *d)
{
	GHashTable *map = g_hash_table_new(g_direct_hash, g_direct_equal);
	xmlNode *root = xmlDocGetRootElement(doc);
	const struct node *n = d->root;

	for (xmlNode *k = root; k && n; k = xmlwalk_next(root, k)) {
		if (k->type == XML_ELEMENT_NODE) {
			while (n && n->type == N_TEXT)
				n = doc_walk_next(d->root, n);
			if (!n)
				break;
			g_hash_table_insert(map, k, (gpointer)n);
			n = doc_walk_next(d->root, n);
		}
	}
	return map;
}

/* The average advance (Pango units a character) of the language's sample
 * text in the font of a laid-out line. */
static double xliff_advance(const struct dl_item *line, const char *lang)
{
	PangoFont *font = line->nruns ? line->runs[0].item->analysis.font : NULL;
	PangoFontDescription *fd;
	PangoContext *ctx;
	PangoLayout *lay;
	PangoLanguage *pl = pango_language_from_string(lang);
	const char *sample = pango_language_get_sample_string(pl);
	int w = 0, h = 0;
	long n = (long)g_utf8_strlen(sample, -1);

	if (!font || n <= 0)
		return 0;
	fd = pango_font_describe(font);
	ctx = pango_font_map_create_context(pango_font_get_font_map(font));
	pango_context_set_language(ctx, pl);
	lay = pango_layout_new(ctx);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, sample, -1);
	pango_layout_get_size(lay, &w, &h);
	g_object_unref(lay);
	g_object_unref(ctx);
	pango_font_description_free(fd);
	return (double)w / (double)n;
}

/* Text lines of the layout by source line. */
struct xliff_lines {
	GHashTable *by_line;     /* src_line → GPtrArray of const struct dl_item * */
	GHashTable *page_of;     /* item → page index + 1 */
};

static void xliff_lines_init(struct xliff_lines *xl, const struct layout *l)
{
	xl->by_line = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					    (GDestroyNotify)g_ptr_array_unref);
	xl->page_of = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (int p = 0; l && p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].n; i++) {
			const struct dl_item *it = &l->pages[p].items[i];
			GPtrArray *a;

			if (it->kind != DL_TEXT || it->src_line <= 0 || it->slug)
				continue;
			a = g_hash_table_lookup(xl->by_line, GINT_TO_POINTER((int)it->src_line));
			if (!a) {
				a = g_ptr_array_new();
				g_hash_table_insert(xl->by_line, GINT_TO_POINTER((int)it->src_line), a);
			}
			g_ptr_array_add(a, (gpointer)it);
			g_hash_table_insert(xl->page_of, (gpointer)it, GINT_TO_POINTER(p + 1));
		}
}

/* The source line whose laid-out lines hold node n's text: its own, else
 * the nearest ancestor's (a card's heading composes name and country). */
static long xliff_line_key(const struct xliff_lines *xl, const struct node *n)
{
	for (; n && n->parent; n = n->parent)
		if (g_hash_table_lookup(xl->by_line, GINT_TO_POINTER((int)n->line)))
			return n->line;
	return 0;
}

/* Free lines below `last` in its column, down to the frame's bottom. */
static int xliff_free_lines(const struct build *b, const struct xliff_lines *xl,
			    const struct dl_item *last, int leading)
{
	int p = GPOINTER_TO_INT(g_hash_table_lookup(xl->page_of, last)) - 1;
	const struct dl_page *pg = p >= 0 ? &b->layout->pages[p] : NULL;
	const struct style_template *t = pg ? style_template(b->sheet, pg->template_name) : NULL;
	int left, w, lowest = last->y, bottom;

	if (!t || t->fixed || leading <= 0 || t->columns < 1)
		return 0;
	for (int c = 0; c < t->columns; c++) {
		flow_column(b->sheet, t, pg->number, c, &left, &w);
		if (last->x >= left - 1024 && last->x < left + w)
			break;
	}
	for (size_t i = 0; i < pg->n; i++) {
		const struct dl_item *it = &pg->items[i];

		if (it->src_line > 0 && it->x >= left - 1024 && it->x < left + w &&
		    (it->kind == DL_TEXT ? it->y : it->kind == DL_RECT && !it->bleed ? it->y + it->h : 0) > lowest)
			lowest = it->kind == DL_TEXT ? it->y : it->y + it->h;
	}
	bottom = b->sheet->page_h - t->bottom;
	return bottom > lowest ? (bottom - lowest) / leading : 0;
}

/* Fills each unit's room from the layout of the source edition. */
static void xliff_rooms(GPtrArray *units, const struct build *b, xmlDocPtr doc,
			const struct xliff_its *its, const char *lang)
{
	struct xliff_lines xl;
	GHashTable *map = xliff_node_map(doc, b->doc);
	GHashTable *share_total = g_hash_table_new(g_direct_hash, g_direct_equal);
	long *len = xcalloc(units->len + 1, sizeof *len), *key = xcalloc(units->len + 1, sizeof *key);

	xliff_lines_init(&xl, b->layout);
	for (guint i = 0; i < units->len; i++) {
		struct xliff_unit *u = units->pdata[i];
		char *src = xliff_unit_source(its, u);

		u->node = g_hash_table_lookup(map, u->el);
		len[i] = (long)g_utf8_strlen(src, -1);
		key[i] = u->attr || !u->node ? 0 : xliff_line_key(&xl, u->node);
		if (key[i])
			g_hash_table_insert(share_total, GINT_TO_POINTER((int)key[i]),
					    GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(
						    share_total, GINT_TO_POINTER((int)key[i]))) + (int)len[i]));
		g_free(src);
	}
	for (guint i = 0; i < units->len; i++) {
		struct xliff_unit *u = units->pdata[i];
		GPtrArray *items = key[i] ? g_hash_table_lookup(xl.by_line, GINT_TO_POINTER((int)key[i])) : NULL;
		const struct dl_item *first, *last;
		int measure = 0, leading = 0, free_lines;
		double adv, share;
		int total = key[i] ? GPOINTER_TO_INT(g_hash_table_lookup(share_total, GINT_TO_POINTER((int)key[i]))) : 0;

		if (!items || !items->len || total <= 0)
			continue;
		first = items->pdata[0];
		last = items->pdata[items->len - 1];
		for (guint j = 0; j < items->len; j++) {
			const struct dl_item *it = items->pdata[j];

			measure = it->w > measure ? it->w : measure;
			if (j > 0 && it->x == ((const struct dl_item *)items->pdata[j - 1])->x &&
			    it->y > ((const struct dl_item *)items->pdata[j - 1])->y && !leading)
				leading = it->y - ((const struct dl_item *)items->pdata[j - 1])->y;
		}
		if (!leading && first->nruns) {
			int ascent, descent;

			run_extents(first->runs, first->nruns, &ascent, &descent);
			leading = ascent + descent;
		}
		adv = xliff_advance(first, lang);
		if (adv <= 0 || measure <= 0)
			continue;
		free_lines = xliff_free_lines(b, &xl, last, leading);
		share = (double)len[i] / total;
		u->now_lines = (int)items->len;
		u->room_lines = (int)items->len + free_lines;
		u->room_chars = (long)(share * u->room_lines * measure / adv);
		if (u->room_chars < len[i])
			u->room_chars = len[i]; /* it is printed as it is: at least that */
	}
	free(len);
	free(key);
	g_hash_table_destroy(share_total);
	g_hash_table_destroy(xl.by_line);
	g_hash_table_destroy(xl.page_of);
	g_hash_table_destroy(map);
}

/* ---- writing XLIFF ------------------------------------------------------- */

/* The original markup of an inline element's start tag. */
static char *xliff_start_tag(const xmlNode *el)
{
	GString *s = g_string_new("<");

	g_string_append(s, (const char *)el->name);
	for (const xmlAttr *a = el->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);

		g_string_append_printf(s, " %s%s%s=\"%s\"", a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
				       a->ns && a->ns->prefix ? ":" : "", a->name, v ? (const char *)v : "");
		xmlFree(v);
	}
	g_string_append(s, el->children ? ">" : "/>");
	return g_string_free(s, FALSE);
}

/* Collects the inline elements of a unit in document order. */
static void xliff_codes(const struct xliff_its *its, const xmlNode *el, GPtrArray *out)
{
	for (const xmlNode *k = el->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && xliff_within(its, k)) {
			g_ptr_array_add(out, (gpointer)k);
			xliff_codes(its, k, out);
		}
}

struct xliff_writer {
	xmlTextWriterPtr w;
	int v12;
	int rc;                  /* the worst libxml2 writer status (< 0 = failed) */
	int edge;                /* 1 at the unit's start: trim leading space */
};

static void xw_check(struct xliff_writer *x, int rc)
{
	if (rc < 0)
		x->rc = rc;
}

/* Writes a unit's text, white space collapsed (the layout does so too). */
static void xliff_write_text(struct xliff_writer *x, const char *t, int trim_end)
{
	GString *s = g_string_new("");

	xliff_collapse_into(s, t);
	if (x->edge)
		while (s->len && s->str[0] == ' ')
			g_string_erase(s, 0, 1);
	if (trim_end)
		while (s->len && s->str[s->len - 1] == ' ')
			g_string_truncate(s, s->len - 1);
	if (s->len) {
		xw_check(x, xmlTextWriterWriteString(x->w, BAD_CAST s->str));
		x->edge = 0;
	}
	g_string_free(s, TRUE);
}

/* The start of k's inline code: <g> (XLIFF 1.2) or <pc> (2.x) when k has
 * content, else <x> or <ph>; its id, and in 1.2 its ctype. */
static void xliff_code_start(struct xliff_writer *x, const xmlNode *k, const char *id)
{
	const char *name = k->children ? (x->v12 ? "g" : "pc") : (x->v12 ? "x" : "ph");

	xw_check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
	xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "id", BAD_CAST id));
	if (x->v12)
		xw_check(x, xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST "ctype", "x-%s", k->name));
}

/* Whether nothing but white space follows k inside the unit element top. */
static int xliff_last_text(const xmlNode *k, const xmlNode *top)
{
	for (const xmlNode *n = k; n && n != top; n = n->parent)
		for (const xmlNode *s = n->next; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE || !xliff_blank(s->content))
				return 0;
	return 1;
}

static void xliff_write_inline(struct xliff_writer *x, const struct xliff_its *its, const xmlNode *el,
			       const xmlNode *top, int *code)
{
	for (const xmlNode *k = el->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			xliff_write_text(x, (const char *)k->content, xliff_last_text(k, top));
		} else if (k->type == XML_ELEMENT_NODE && xliff_within(its, k)) {
			char id[16], ref[24];
			char *disp = xliff_start_tag(k);

			snprintf(id, sizeof id, "%d", ++*code);
			x->edge = 0;
			if (k->children) {
				xliff_code_start(x, k, id);
				if (!x->v12) {
					snprintf(ref, sizeof ref, "d%s", id);
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "dataRefStart", BAD_CAST ref));
					snprintf(ref, sizeof ref, "d%se", id);
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "dataRefEnd", BAD_CAST ref));
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "type", BAD_CAST "fmt"));
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "dispStart", BAD_CAST disp));
					xw_check(x, xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST "dispEnd", "</%s>", k->name));
				}
				xliff_write_inline(x, its, k, top, code);
				xw_check(x, xmlTextWriterEndElement(x->w));
			} else {
				xliff_code_start(x, k, id);
				if (!x->v12) {
					snprintf(ref, sizeof ref, "d%s", id);
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "dataRef", BAD_CAST ref));
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "type", BAD_CAST "fmt"));
					xw_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "disp", BAD_CAST disp));
				}
				xw_check(x, xmlTextWriterEndElement(x->w));
			}
			g_free(disp);
		}
	}
}

/* <source> or <target> of a unit. */
static void xliff_write_content(struct xliff_writer *x, const struct xliff_its *its,
				const struct xliff_unit *u, const char *elname, const char *lang)
{
	int code = 0;

	xw_check(x, xmlTextWriterStartElement(x->w, BAD_CAST elname));
	/* mixed content: no indentation inside, it would become text */
	xw_check(x, xmlTextWriterSetIndent(x->w, 0));
	if (x->v12 && lang)
		xw_check(x, xmlTextWriterWriteAttributeNS(x->w, BAD_CAST "xml", BAD_CAST "lang", NULL, BAD_CAST lang));
	x->edge = 1;
	if (u->attr) {
		xmlChar *v = xmlNodeListGetString(u->el->doc, u->attr->children, 1);

		xliff_write_text(x, v ? (const char *)v : "", 1);
		xmlFree(v);
	} else {
		xliff_write_inline(x, its, u->el, u->el, &code);
	}
	xw_check(x, xmlTextWriterEndElement(x->w));
	xw_check(x, xmlTextWriterSetIndent(x->w, 1));
}

/* The room of a unit, in words for its note. */
static char *xliff_room_words(const struct xliff_unit *u, const char *lang)
{
	return g_strdup_printf("room: %ld characters at the average width of %s text, on at most %d "
			       "line(s) (%d now); beyond that the layout changes", u->room_chars, lang,
			       u->room_lines, u->now_lines);
}

static void xliff_write_unit(struct xliff_writer *x, const struct xliff_its *its, const struct xliff_unit *u,
			     const char *srclang, const char *trglang, int copy_source)
{
	GPtrArray *codes = g_ptr_array_new();
	char *room = u->room_chars ? xliff_room_words(u, trglang ? trglang : srclang) : NULL;
	xmlTextWriterPtr w = x->w;

	if (!u->attr)
		xliff_codes(its, u->el, codes);
	xw_check(x, xmlTextWriterStartElement(w, BAD_CAST (x->v12 ? "trans-unit" : "unit")));
	xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST u->id));
	if (x->v12) {
		xw_check(x, xmlTextWriterWriteFormatAttribute(w, BAD_CAST "resname", "%s", u->id));
		if (u->room_chars) {
			xw_check(x, xmlTextWriterWriteFormatAttribute(w, BAD_CAST "maxwidth", "%ld", u->room_chars));
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "size-unit", BAD_CAST "char"));
		}
	} else {
		xw_check(x, xmlTextWriterWriteFormatAttribute(w, BAD_CAST "name", "%s%s%s", u->el->name,
							      u->attr ? "/@" : "", u->attr ? (const char *)u->attr->name : ""));
		if (u->room_chars)
			xw_check(x, xmlTextWriterWriteFormatAttribute(w, BAD_CAST "slr:sizeRestriction", "%ld", u->room_chars));
		if (u->room_chars) {
			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "mda:metadata"));
			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "mda:metaGroup"));
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "category", BAD_CAST "plaquette-layout"));
			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "mda:meta"));
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "max-lines"));
			xw_check(x, xmlTextWriterWriteFormatString(w, "%d", u->room_lines));
			xw_check(x, xmlTextWriterEndElement(w));
			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "mda:meta"));
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "lines-now"));
			xw_check(x, xmlTextWriterWriteFormatString(w, "%d", u->now_lines));
			xw_check(x, xmlTextWriterEndElement(w));
			xw_check(x, xmlTextWriterEndElement(w));
			xw_check(x, xmlTextWriterEndElement(w));
		}
	}
	if (!x->v12 && (u->note || room)) {
		xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "notes"));
		if (u->note) {
			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "note"));
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "category", BAD_CAST "translator"));
			xw_check(x, xmlTextWriterWriteString(w, BAD_CAST u->note));
			xw_check(x, xmlTextWriterEndElement(w));
		}
		if (room) {
			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "note"));
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "category", BAD_CAST "layout"));
			xw_check(x, xmlTextWriterWriteString(w, BAD_CAST room));
			xw_check(x, xmlTextWriterEndElement(w));
		}
		xw_check(x, xmlTextWriterEndElement(w));
	}
	if (!x->v12 && codes->len) {
		xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "originalData"));
		for (guint i = 0; i < codes->len; i++) {
			const xmlNode *k = codes->pdata[i];
			char *tag = xliff_start_tag(k);

			xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "data"));
			xw_check(x, xmlTextWriterWriteFormatAttribute(w, BAD_CAST "id", "d%u", i + 1));
			xw_check(x, xmlTextWriterWriteString(w, BAD_CAST tag));
			xw_check(x, xmlTextWriterEndElement(w));
			if (k->children) {
				xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "data"));
				xw_check(x, xmlTextWriterWriteFormatAttribute(w, BAD_CAST "id", "d%ue", i + 1));
				xw_check(x, xmlTextWriterWriteFormatString(w, "</%s>", k->name));
				xw_check(x, xmlTextWriterEndElement(w));
			}
			g_free(tag);
		}
		xw_check(x, xmlTextWriterEndElement(w));
	}
	if (!x->v12) {
		xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "segment"));
		if (copy_source)
			xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "state", BAD_CAST "translated"));
	}
	xliff_write_content(x, its, u, "source", srclang);
	if (copy_source)
		xliff_write_content(x, its, u, "target", trglang);
	if (!x->v12)
		xw_check(x, xmlTextWriterEndElement(w)); /* segment */
	if (x->v12 && u->note) {
		xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "note"));
		xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "from", BAD_CAST "developer"));
		xw_check(x, xmlTextWriterWriteString(w, BAD_CAST u->note));
		xw_check(x, xmlTextWriterEndElement(w));
	}
	if (x->v12 && room) {
		xw_check(x, xmlTextWriterStartElement(w, BAD_CAST "note"));
		xw_check(x, xmlTextWriterWriteAttribute(w, BAD_CAST "from", BAD_CAST "plaquette-layout"));
		xw_check(x, xmlTextWriterWriteString(w, BAD_CAST room));
		xw_check(x, xmlTextWriterEndElement(w));
	}
	xw_check(x, xmlTextWriterEndElement(w)); /* unit */
	g_free(room);
	g_ptr_array_free(codes, TRUE);
}

/* The whole XLIFF document into buf.  Returns 0 or -1. */
static int xliff_write_doc(xmlBufferPtr buf, const struct xliff_its *its, GPtrArray *units,
			   const struct xliff_opts *o, const char *srclang)
{
	struct xliff_writer x = { .w = xmlNewTextWriterMemory(buf, 0), .v12 = o->v12 };
	xmlTextWriterPtr w = x.w;
	const char *trg = o->target_lang;

	if (!w)
		return -1;
	xw_check(&x, xmlTextWriterSetIndent(w, 1));
	xw_check(&x, xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	xw_check(&x, xmlTextWriterStartElement(w, BAD_CAST "xliff"));
	if (o->v12) {
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST XLF12_NS));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1.2"));
		xw_check(&x, xmlTextWriterStartElement(w, BAD_CAST "file"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "original", BAD_CAST o->input));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "datatype", BAD_CAST "xml"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "source-language", BAD_CAST srclang));
		if (trg)
			xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "target-language", BAD_CAST trg));
		xw_check(&x, xmlTextWriterStartElement(w, BAD_CAST "body"));
	} else {
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST XLF2_NS));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:slr", BAD_CAST SLR_NS));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:mda", BAD_CAST MDA_NS));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.1"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "srcLang", BAD_CAST srclang));
		if (trg)
			xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "trgLang", BAD_CAST trg));
		xw_check(&x, xmlTextWriterStartElement(w, BAD_CAST "file"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "f1"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "original", BAD_CAST o->input));
		/* sizes are counted in code points, as CAT tools count characters */
		xw_check(&x, xmlTextWriterStartElement(w, BAD_CAST "slr:profiles"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "generalProfile", BAD_CAST "xliff:codepoints"));
		xw_check(&x, xmlTextWriterStartElement(w, BAD_CAST "slr:normalization"));
		xw_check(&x, xmlTextWriterWriteAttribute(w, BAD_CAST "general", BAD_CAST "nfc"));
		xw_check(&x, xmlTextWriterEndElement(w));
		xw_check(&x, xmlTextWriterEndElement(w));
	}
	for (guint i = 0; i < units->len; i++)
		xliff_write_unit(&x, its, units->pdata[i], srclang, trg ? trg : srclang, o->copy_source);
	xw_check(&x, xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	return x.rc < 0 ? -1 : 0;
}

/* ---- export -------------------------------------------------------------- */

static char *xliff_home_path(const char *home, const char *rel)
{
	return g_build_filename(home, rel, NULL);
}

/* Reads the source, evaluates the ITS rules and lists the units (with
 * their room when b is given).  Returns 0 or -1. */
static int xliff_prepare(const char *home, const char *source, xmlDocPtr *doc, struct xliff_its *its,
			 GPtrArray **units, struct msg *m)
{
	char *rules = xliff_home_path(home, "schema/its-rules.xml");
	int rc;

	*doc = xliff_read_xml(source, m);
	*units = NULL;
	if (!*doc) {
		g_free(rules);
		its->translate = its->within = NULL;
		return -1;
	}
	rc = xliff_its_load(its, rules, *doc, m);
	g_free(rules);
	if (rc == 0)
		*units = xliff_units(its, *doc);
	return rc;
}

static char *xliff_doc_lang(xmlDocPtr doc)
{
	xmlChar *l = xmlNodeGetLang(xmlDocGetRootElement(doc));
	char *s = xstrdup(l ? (const char *)l : "und");

	xmlFree(l);
	return s;
}

static void xliff_export(const struct xliff_opts *o, struct msg *m)
{
	struct build_opts bo = { .home = o->home, .style = o->style, .max_pages = 2000 };
	struct build b;
	struct xliff_its its = { 0 };
	GPtrArray *units = NULL;
	xmlDocPtr doc = NULL;
	struct out_set *set = out_set_new();
	FILE *f;
	char *lang = NULL;
	int rooms = 0;
	xmlBufferPtr buf;

	out_input(set, o->input);
	build_home_inputs(&bo, set);
	if (!out_claim(set, o->output, m)) {
		out_set_free(set);
		return;
	}
	/* the source must build: the room comes from its layout */
	if (build_run(&b, o->input, &bo, m) != 0 || !b.layout) {
		build_done(&b);
		out_set_free(set);
		return;
	}
	if (xliff_prepare(o->home, o->input, &doc, &its, &units, m) == 0) {
		lang = xliff_doc_lang(doc);
		xliff_rooms(units, &b, doc, &its, o->target_lang ? o->target_lang : lang);
		for (guint i = 0; i < units->len; i++)
			rooms += ((struct xliff_unit *)units->pdata[i])->room_chars > 0;
		buf = xmlBufferCreate();
		if (!buf || xliff_write_doc(buf, &its, units, o, lang) != 0)
			msg_at(m, M_INTERNAL, o->output, 0, 0, "libxml2 could not write the XLIFF");
		else if ((f = out_open(set, o->output, m))) {
			fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), f);
			if (out_close(set, o->output, f, m) == 0)
				out_done(set, o->output);
		}
		if (buf)
			xmlBufferFree(buf);
		if (!msg_failed(m) && out_commit(set, m) == 0)
			msg_at(m, M_XLIFF_EXPORTED, o->output, 0, 0, (int)units->len, o->output,
			       o->v12 ? "1.2" : "2.1", lang, o->target_lang ? o->target_lang : "(none)", rooms);
	}
	if (units)
		g_ptr_array_free(units, TRUE);
	if (its.translate)
		xliff_its_free(&its);
	if (doc)
		xmlFreeDoc(doc);
	free(lang);
	build_done(&b);
	out_set_free(set);
}

/* ---- import -------------------------------------------------------------- */

/* The first child element named `name` (any namespace), or NULL. */
static xmlNode *xliff_child(const xmlNode *n, const char *name)
{
	for (xmlNode *k = n ? n->children : NULL; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, BAD_CAST name))
			return k;
	return NULL;
}

/* Every unit (2.x) or trans-unit (1.2) of an XLIFF file by id; *srclang,
 * *trglang and *original from its header. */
static GHashTable *xliff_read_units(xmlDocPtr x, char **trglang, char **original)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, xmlFree, NULL);
	xmlNode *root = xmlDocGetRootElement(x);
	xmlChar *t = xmlGetProp(root, BAD_CAST "trgLang");

	*trglang = NULL;
	*original = NULL;
	for (xmlNode *k = root; k; k = xmlwalk_next(root, k)) {
		if (k->type == XML_ELEMENT_NODE) {
			if (xmlStrEqual(k->name, BAD_CAST "file")) {
				xmlChar *o = xmlGetProp(k, BAD_CAST "original");
				xmlChar *tl = xmlGetProp(k, BAD_CAST "target-language");

				if (o && !*original)
					*original = xstrdup((const char *)o);
				if (tl && !t)
					t = xmlStrdup(tl);
				xmlFree(o);
				xmlFree(tl);
			}
			if (xmlStrEqual(k->name, BAD_CAST "unit") || xmlStrEqual(k->name, BAD_CAST "trans-unit")) {
				xmlChar *id = xmlGetProp(k, BAD_CAST "id");

				if (id)
					g_hash_table_insert(h, id, k);
			}
		}
	}
	if (t)
		*trglang = xstrdup((const char *)t);
	xmlFree(t);
	return h;
}

/* The <source> or <target> of an XLIFF unit (through its segment in 2.x). */
static xmlNode *xliff_part(const xmlNode *unit, const char *name)
{
	xmlNode *seg = xliff_child(unit, "segment");

	return xliff_child(seg ? seg : unit, name);
}

/* Appends the target's content under dst, inline codes rebuilt from the
 * source's own elements (codes[id - 1]).  Returns 0, or -1 for a code the
 * source lacks (reported). */
static int xliff_rebuild(xmlNode *dst, const xmlNode *from, GPtrArray *codes, const char *uid,
			 const char *file, struct msg *m)
{
	for (const xmlNode *k = from->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			xmlAddChild(dst, xmlNewText(k->content));
		} else if (k->type == XML_ELEMENT_NODE) {
			xmlChar *id = xmlGetProp((xmlNodePtr)k, BAD_CAST "id");
			long n = id ? strtol((const char *)id, NULL, 10) : 0;
			int pair = xmlStrEqual(k->name, BAD_CAST "pc") || xmlStrEqual(k->name, BAD_CAST "g");
			const xmlNode *src = n >= 1 && n <= (long)codes->len ? codes->pdata[n - 1] : NULL;
			xmlNode *copy;

			if (!src || (pair != (src->children != NULL))) {
				char what[64];

				snprintf(what, sizeof what, "<%s id=\"%s\">", k->name, id ? (const char *)id : "");
				msg_at(m, M_XLIFF_CODE, file, (long)xmlGetLineNo((xmlNodePtr)k), 0, uid, what);
				xmlFree(id);
				return -1;
			}
			xmlFree(id);
			copy = xmlDocCopyNode((xmlNodePtr)src, dst->doc, pair ? 2 : 1);
			xmlAddChild(dst, copy);
			if (pair && xliff_rebuild(copy, k, codes, uid, file, m) < 0)
				return -1;
		}
	}
	return 0;
}

/* The leading or trailing white space of el's content, kept around the
 * translation so the file reads as before. */
static char *xliff_edge_space(const xmlNode *el, int trailing)
{
	const xmlNode *k = trailing ? el->last : el->children;
	const char *t, *e;

	if (!k || k->type != XML_TEXT_NODE || !k->content)
		return xstrdup("");
	t = (const char *)k->content;
	if (!trailing) {
		for (e = t; *e && g_ascii_isspace(*e); e++)
			;
		return xstrndup(t, (size_t)(e - t));
	}
	for (e = t + strlen(t); e > t && g_ascii_isspace(e[-1]); e--)
		;
	return xstrdup(e);
}

/* Shortens a text for a message. */
static char *xliff_show(const char *s)
{
	glong n = g_utf8_strlen(s, -1);

	if (n <= XLIFF_SHOW)
		return xstrdup(s);
	return g_strdup_printf("%.*s…", (int)(g_utf8_offset_to_pointer(s, XLIFF_SHOW) - s), s);
}

/* Merges one unit's target into the source tree.  Returns 1 when merged,
 * 0 when untranslated, -1 on error. */
static int xliff_merge_unit(const struct xliff_its *its, const struct xliff_unit *u, const xmlNode *xu,
			    const char *xlf, int *changed, struct msg *m)
{
	xmlNode *src = xliff_part(xu, "source"), *trg = xliff_part(xu, "target");
	GString *s = g_string_new("");
	char *was, *now = xliff_unit_source(its, u), *sw, *nw;
	int rc = 1;

	if (src)
		xliff_canon_xlf(src, s);
	was = xliff_trimmed(s);
	if (strcmp(was, now) != 0) {
		sw = xliff_show(was);
		nw = xliff_show(now);
		msg_at(m, M_XLIFF_CHANGED, xlf, (long)xmlGetLineNo((xmlNodePtr)xu), 0, u->id, sw, nw);
		free(sw);
		free(nw);
		++*changed;
	}
	{
		xmlChar *c = trg ? xmlNodeGetContent(trg) : NULL;
		int empty = !c || xliff_blank(c);

		/* a target of codes alone (a line break) is a translation too */
		for (const xmlNode *k = trg ? trg->children : NULL; k && empty; k = k->next)
			empty = k->type != XML_ELEMENT_NODE;
		xmlFree(c);
		if (empty) {
			nw = xliff_show(now);
			msg_at(m, M_XLIFF_UNTRANSLATED, xlf, (long)xmlGetLineNo((xmlNodePtr)xu), 0, u->id, nw);
			free(nw);
			rc = 0;
		}
	}
	if (rc == 1 && u->attr) {
		xmlChar *v = xmlNodeGetContent(trg);
		GString *t = g_string_new("");
		char *vt;

		xliff_collapse_into(t, v ? (const char *)v : "");
		vt = xliff_trimmed(t);
		xmlSetNsProp(u->el, u->attr->ns, u->attr->name, BAD_CAST vt);
		g_free(vt);
		xmlFree(v);
	} else if (rc == 1) {
		GPtrArray *codes = g_ptr_array_new();
		char *lead = xliff_edge_space(u->el, 0), *tail = xliff_edge_space(u->el, 1);
		xmlNode *tmp = xmlNewDocNode(u->el->doc, NULL, BAD_CAST "tmp", NULL);

		xliff_codes(its, u->el, codes);
		if (xliff_rebuild(tmp, trg, codes, u->id, xlf, m) < 0) {
			rc = -1;
		} else {
			xmlNode *k;

			while ((k = u->el->children)) {
				xmlUnlinkNode(k);
				xmlFreeNode(k);
			}
			if (*lead)
				xmlAddChild(u->el, xmlNewDocText(u->el->doc, BAD_CAST lead));
			while ((k = tmp->children)) {
				xmlUnlinkNode(k);
				xmlAddChild(u->el, k);
			}
			if (*tail)
				xmlAddChild(u->el, xmlNewDocText(u->el->doc, BAD_CAST tail));
		}
		xmlFreeNode(tmp);
		free(lead);
		free(tail);
		g_ptr_array_free(codes, TRUE);
	}
	g_free(was);
	g_free(now);
	return rc;
}

/* Room the XLIFF gave a unit, for the fit check: -1 when none. */
static long xliff_unit_room(const xmlNode *xu)
{
	xmlChar *r = xmlGetNsProp((xmlNodePtr)xu, BAD_CAST "sizeRestriction", BAD_CAST SLR_NS);
	long n = -1;

	if (!r)
		r = xmlGetProp((xmlNodePtr)xu, BAD_CAST "maxwidth");
	if (r)
		n = strtol((const char *)r, NULL, 10);
	xmlFree(r);
	return n > 0 ? n : -1;
}

static void xliff_import(const struct xliff_opts *o, struct msg *m)
{
	xmlDocPtr x = xliff_read_xml(o->input, m), doc = NULL;
	struct xliff_its its = { 0 };
	GPtrArray *units = NULL;
	GHashTable *xunits = NULL, *seen = NULL;
	char *trglang = NULL, *original = NULL, *source = NULL;
	struct out_set *set = out_set_new();
	int merged = 0, untranslated = 0, changed = 0, errors = 0;
	xmlNode *root;

	if (!x)
		goto out;
	root = xmlDocGetRootElement(x);
	if (!root || !xmlStrEqual(root->name, BAD_CAST "xliff") || !root->ns ||
	    !(xmlStrEqual(root->ns->href, BAD_CAST XLF2_NS) || xmlStrEqual(root->ns->href, BAD_CAST XLF12_NS))) {
		msg_at(m, M_XLIFF_READ, o->input, root ? (long)xmlGetLineNo(root) : 0, 0, "not an XLIFF 2 or 1.2 document");
		goto out;
	}
	xunits = xliff_read_units(x, &trglang, &original);
	source = xstrdup(o->source ? o->source : original ? original : "");
	if (!*source) {
		msg_at(m, M_XLIFF_READ, o->input, 0, 0, "the XLIFF names no source document (give --source)");
		goto out;
	}
	if (!trglang) {
		msg_at(m, M_XLIFF_READ, o->input, 0, 0, "the XLIFF has no target language (export with --target-lang)");
		goto out;
	}
	out_input(set, o->input);
	out_input(set, source);
	{
		struct build_opts home = { .home = o->home, .style = o->style };

		build_home_inputs(&home, set);
	}
	if (!out_claim(set, o->output, m))
		goto out;
	if (xliff_prepare(o->home, source, &doc, &its, &units, m) != 0)
		goto out;
	seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < units->len; i++) {
		struct xliff_unit *u = units->pdata[i];
		const xmlNode *xu = g_hash_table_lookup(xunits, u->id);
		int rc;

		if (!xu) {
			char *nw = xliff_unit_source(&its, u), *sw = xliff_show(nw);

			msg_at(m, M_XLIFF_UNTRANSLATED, source, (long)xmlGetLineNo(u->el), 0, u->id, sw);
			untranslated++;
			g_free(nw);
			free(sw);
			continue;
		}
		g_hash_table_add(seen, u->id);
		rc = xliff_merge_unit(&its, u, xu, o->input, &changed, m);
		if (rc > 0) {
			long room = xliff_unit_room(xu);
			char *now = xliff_unit_source(&its, u);
			long len = (long)g_utf8_strlen(now, -1);

			merged++;
			if (room > 0 && len > room)
				msg_at(m, M_XLIFF_TOO_LONG, o->input, (long)xmlGetLineNo((xmlNodePtr)xu), 0, u->id,
				       len, room, "the lines it may take before the layout changes");
			g_free(now);
		}
		untranslated += rc == 0;
		errors += rc < 0;
	}
	{
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, xunits);
		while (g_hash_table_iter_next(&it, &k, &v))
			if (!g_hash_table_contains(seen, k))
				msg_at(m, M_XLIFF_GONE, o->input, (long)xmlGetLineNo(v), 0, (const char *)k);
	}
	if (errors)
		goto out;
	xmlNodeSetLang(xmlDocGetRootElement(doc), BAD_CAST trglang);
	{
		xmlChar *mem = NULL;
		int len = 0;
		FILE *f;

		xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
		if (!mem || len <= 0)
			msg_at(m, M_INTERNAL, o->output, 0, 0, "libxml2 could not write the document");
		else if ((f = out_open(set, o->output, m))) {
			fwrite(mem, 1, (size_t)len, f);
			if (out_close(set, o->output, f, m) == 0)
				out_done(set, o->output);
		}
		xmlFree(mem);
	}
	if (msg_failed(m) || out_commit(set, m) != 0)
		goto out;
	msg_at(m, M_XLIFF_IMPORTED, o->output, 0, 0, merged, o->input, o->output, trglang, untranslated, changed);
	{
		/* the parity check and the fit check on what was written */
		struct build_opts bo = { .home = o->home, .style = o->style, .max_pages = 2000 };
		struct build_opts co = { .home = o->home, .style = o->style, .check_only = 1 };
		struct build sb, tb;
		struct fit_opts fo = { .detail = 0, .against = source, .bo = &bo };

		char *srclang = NULL;

		build_run(&sb, source, &co, m);
		build_run(&tb, o->output, &co, m);
		srclang = sb.doc && sb.doc->root && sb.doc->root->lang ? xstrdup(sb.doc->root->lang) : NULL;
		if (sb.doc && tb.doc && !msg_failed(m)) {
			/* an edition in the source's own language is identical
			 * by design: only the structure is reported then */
			struct msg quiet;

			msg_init(&quiet, NULL);
			if (srclang && strcmp(srclang, trglang) == 0 &&
			    (parity_check(sb.doc, tb.doc, NULL, &quiet), !msg_failed(&quiet)))
				msg_at(m, M_NOTE, o->output, 0, 0,
				       "parity: same structure as the source (same language: identical texts not listed)");
			else
				parity_check(sb.doc, tb.doc, NULL, m);
		}
		free(srclang);
		build_done(&tb);
		build_done(&sb);
		if (!msg_failed(m) && build_run(&tb, o->output, &bo, m) == 0 && tb.layout)
			fit_report(&tb, &fo, m);
		build_done(&tb);
	}
out:
	if (units)
		g_ptr_array_free(units, TRUE);
	if (its.translate)
		xliff_its_free(&its);
	if (seen)
		g_hash_table_destroy(seen);
	if (xunits)
		g_hash_table_destroy(xunits);
	if (doc)
		xmlFreeDoc(doc);
	if (x)
		xmlFreeDoc(x);
	free(trglang);
	free(original);
	free(source);
	out_set_free(set);
}

/* ---- command line -------------------------------------------------------- */

void xliff_main(int argc, char **argv, const char *home, struct msg *m)
{
	enum { OPT_TARGET = 300, OPT_VERSION, OPT_SOURCE, OPT_COPY };
	static const struct option opts[] = {
		{ "target-lang", required_argument, NULL, OPT_TARGET },
		{ "xliff", required_argument, NULL, OPT_VERSION },
		{ "source", required_argument, NULL, OPT_SOURCE },
		{ "copy-source", no_argument, NULL, OPT_COPY },
		{ "style", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct xliff_opts o = { .home = home };
	const char *verb = argc > 1 ? argv[1] : "";
	int c;

	if (strcmp(verb, "export") != 0 && strcmp(verb, "import") != 0) {
		msg_at(m, M_USAGE, NULL, 0, 0, "xliff takes 'export' or 'import'");
		return;
	}
	argc--, argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:s:q", opts, NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 's': o.style = optarg; break;
		case 'q': m->quiet = 1; break;
		case OPT_SOURCE: o.source = optarg; break;
		case OPT_COPY: o.copy_source = 1; break;
		case OPT_TARGET:
			if (!lang_well_formed(optarg)) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--target-lang takes a language tag such as en or pt-BR");
				return;
			}
			o.target_lang = optarg;
			break;
		case OPT_VERSION:
			if (strcmp(optarg, "2.1") != 0 && strcmp(optarg, "1.2") != 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--xliff takes 2.1 or 1.2");
				return;
			}
			o.v12 = strcmp(optarg, "1.2") == 0;
			break;
		default:
			msg_at(m, M_USAGE, NULL, 0, 0, "unknown option for xliff");
			return;
		}
	}
	if (optind != argc - 1 || !o.output) {
		msg_at(m, M_USAGE, NULL, 0, 0, strcmp(verb, "export") == 0
		       ? "xliff export [--target-lang LANG] [--xliff 2.1|1.2] SOURCE.xml -o FILE.xlf"
		       : "xliff import [--source SOURCE.xml] FILE.xlf -o brochure.LANG.xml");
		return;
	}
	o.input = argv[optind];
	if (strcmp(verb, "export") == 0)
		xliff_export(&o, m);
	else
		xliff_import(&o, m);
}
