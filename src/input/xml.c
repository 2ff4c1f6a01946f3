/* xml: reads XML safely with libxml2, validates it, and builds the doc tree. */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "doc.h"
#include "xmlmsg.h"

enum {
	XML_MAX_BYTES = 16 * 1024 * 1024, /* larger inputs are refused */
	XML_MAX_DEPTH = 64,               /* deeper element nesting is refused */
};

/* Reads the whole file ("-": standard input), refusing anything larger
 * than the bound. */
static char *xml_slurp(const char *arg, long *len, struct msg *m)
{
	int in = strcmp(arg, "-") == 0;
	const char *path = in ? "standard input" : arg;
	FILE *f = in ? stdin : fopen(path, "rb");
	char *buf;
	size_t n;

	if (!f) {
		msg_at(m, M_OPEN, path, 0, 0, strerror(errno));
		return NULL;
	}
	buf = xmalloc(XML_MAX_BYTES + 1);
	n = fread(buf, 1, XML_MAX_BYTES + 1, f);
	if (ferror(f)) {
		msg_at(m, M_OPEN, path, 0, 0, strerror(errno));
		if (!in)
			fclose(f);
		free(buf);
		return NULL;
	}
	if (!in)
		fclose(f);
	if (n > XML_MAX_BYTES) {
		msg_at(m, M_XML_SIZE, path, 0, 0, (long)XML_MAX_BYTES);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (long)n;
	return buf;
}

/* libxml2 asks this for every external entity, DTD or schema include:
 * plaquette never reads a file or address the document names. */
static xmlParserInputPtr xml_deny_loader(const char *url, const char *id,
					 xmlParserCtxtPtr ctxt)
{
	(void)id;
	(void)ctxt;
	(void)url;
	return NULL;
}

/* Collapses runs of XML white space to one space.  Returns the new text,
 * or NULL when it is only white space. */
static char *xml_collapse(const char *s)
{
	size_t n = strlen(s), j = 0;
	char *out = xmalloc(n + 1);
	int space = 0, any = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space)
			out[j++] = ' ';
		space = 0;
		out[j++] = c;
		any = 1;
	}
	if (space)
		out[j++] = ' ';
	out[j] = '\0';
	if (!any && j == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* An identifier attribute as XML compares tokens: leading and trailing
 * white space dropped, inner runs one space, in place ("  a  " and "a"
 * are the same id, for the duplicate check and every look-up). */
static void xml_token(char *v)
{
	char *o = v;

	for (const char *p = v; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (o > v && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *p;
		}
	}
	if (o > v && o[-1] == ' ')
		o--;
	*o = '\0';
}

static void xml_copy_attrs(struct node *n, const xmlNode *x)
{
	int count = 0;

	for (const xmlAttr *a = x->properties; a; a = a->next)
		count++;
	n->attrs = count ? xcalloc((size_t)count, sizeof *n->attrs) : NULL;
	for (const xmlAttr *a = x->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(x->doc, a->children, 1);

		n->attrs[n->nattrs].name = xstrdup((const char *)a->name);
		n->attrs[n->nattrs].value = xstrdup(v ? (const char *)v : "");
		xmlFree(v);
		if (!strcmp((const char *)a->name, "id") || !strcmp((const char *)a->name, "project"))
			xml_token(n->attrs[n->nattrs].value);
		if (strcmp((const char *)a->name, "lang") == 0)
			n->lang = n->attrs[n->nattrs].value;
		n->nattrs++;
	}
	if (!n->lang && n->parent)
		n->lang = n->parent->lang;
}

/* Where the source's lines start, to find the line a start tag begins on
 * (libxml2 gives the line where it ends) and the lines of attributes. */
struct xml_src {
	const char *buf;   /* the whole input */
	long len;
	long *line_at;     /* offset of each line's start; [0] unused */
	long nlines;
};

static void xml_src_init(struct xml_src *src, const char *buf, long len)
{
	long n = 1;

	src->buf = buf;
	src->len = len;
	for (long i = 0; i < len; i++)
		n += buf[i] == '\n';
	src->line_at = xmalloc((size_t)(n + 2) * sizeof *src->line_at);
	src->nlines = 1;
	src->line_at[1] = 0;
	for (long i = 0; i < len; i++)
		if (buf[i] == '\n')
			src->line_at[++src->nlines] = i + 1;
}

static long xml_src_line(const struct xml_src *src, long off)
{
	long lo = 1, hi = src->nlines;

	while (lo < hi) {
		long mid = (lo + hi + 1) / 2;

		if (src->line_at[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* The line where element `name`, whose start tag ends on `line`, begins;
 * its attributes get the lines they stand on. */
static void xml_src_lines(const struct xml_src *src, struct node *n, const char *name, long line)
{
	long end, start;
	size_t len = strlen(name);

	if (!src || line < 1 || line > src->nlines)
		return;
	end = line < src->nlines ? src->line_at[line + 1] : src->len;
	for (start = end - 1; start >= 0; start--)
		if (src->buf[start] == '<' && strncmp(src->buf + start + 1, name, len) == 0 &&
		    (start + 1 + (long)len >= src->len || !g_ascii_isalnum(src->buf[start + 1 + len])))
			break;
	if (start < 0 || line - xml_src_line(src, start) > 50)
		return;
	n->line = xml_src_line(src, start);
	for (int i = 0; i < n->nattrs; i++) {
		const char *a = g_strstr_len(src->buf + start, end - start, n->attrs[i].name);

		n->attrs[i].line = a ? xml_src_line(src, a - src->buf) : n->line;
	}
}

/* The first DEL or C1 control character (U+007F-U+009F) of UTF-8 text, or
 * 0.  XML 1.0 allows them (C0 controls it refuses itself), but in a
 * brochure they are debris of a copy and paste that would print as boxes. */
static unsigned xml_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0x7f)
			return 0x7f;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return p[1];
	}
	return 0;
}

/* The first Unicode noncharacter (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF) of
 * UTF-8 text, or 0.  XML 1.0 allows them, but no PDF string can carry
 * them: Cairo stops drawing at the first one.  (Unpaired surrogates are
 * refused by libxml2 itself, as not UTF-8.) */
static unsigned xml_nonchar(const char *s)
{
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
			return c;
	}
	return 0;
}

/* The one rule for characters a PDF cannot take: DEL and C1 controls and
 * noncharacters, in text or in an attribute, are errors naming the line
 * and the character (C0 controls XML refuses itself).  Nothing is
 * dropped or replaced silently.  Returns 1 when it reported. */
static int xml_unprintable(const char *s, const char *file, long line, struct msg *m)
{
	unsigned c;

	if (!s)
		return 0;
	if ((c = xml_control(s)) != 0) {
		msg_at(m, M_XML_CONTROL, file, line, 0, c);
		return 1;
	}
	if ((c = xml_nonchar(s)) != 0) {
		msg_at(m, M_XML_NONCHAR, file, line, 0, c);
		return 1;
	}
	return 0;
}

/* Builds our node for one libxml2 node (children are added by the caller's
 * walk).  Returns NULL for nodes plaquette ignores (comments, PIs). */
static struct node *xml_make_node(struct node *parent, const xmlNode *x,
				  int generic, const struct xml_src *src, const char *file,
				  struct msg *m)
{
	struct node *n;

	switch (x->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE: {
		char *t;

		if (parent && !doc_type_inline(parent->type))
			return NULL;
		t = xml_collapse((const char *)x->content);
		if (!t)
			return NULL;
		xml_unprintable(t, file, (long)xmlGetLineNo(x), m);
		n = doc_node_new(N_TEXT, (long)xmlGetLineNo(x));
		n->text = t;
		n->lang = parent ? parent->lang : NULL;
		doc_node_add(parent, n);
		return n;
	}
	case XML_ELEMENT_NODE: {
		int t = generic ? N_ELEM : doc_type_of((const char *)x->name);

		if (t < 0) {
			msg_at(m, M_XML_SCHEMA, file, (long)xmlGetLineNo(x), 0,
			       "unknown element");
			return NULL;
		}
		n = doc_node_new((enum node_type)t, (long)xmlGetLineNo(x));
		if (generic)
			n->name = xstrdup((const char *)x->name);
		if (parent)
			doc_node_add(parent, n);
		xml_copy_attrs(n, x);
		xml_src_lines(src, n, (const char *)x->name, n->line);
		for (int i = 0; i < n->nattrs; i++)
			xml_unprintable(n->attrs[i].value, file, n->attrs[i].line, m);
		return n;
	}
	case XML_ENTITY_REF_NODE:
		msg_at(m, M_XML_ENTITY, file, (long)xmlGetLineNo(x), 0,
		       "entity reference");
		return NULL;
	default:
		return NULL;
	}
}

/* Copies the children of x under parent; depth is bounded so the
 * recursion is too. */
static int xml_build(struct node *parent, const xmlNode *x, int depth,
		     int generic, const struct xml_src *src, const char *file, struct msg *m)
{
	for (const xmlNode *c = x->children; c; c = c->next) {
		struct node *n = xml_make_node(parent, c, generic, src, file, m);

		if (!n || c->type != XML_ELEMENT_NODE || !c->children)
			continue;
		if (depth + 1 >= XML_MAX_DEPTH) {
			msg_at(m, M_XML_DEPTH, file, (long)xmlGetLineNo(c), 0, XML_MAX_DEPTH);
			return -1;
		}
		if (xml_build(n, c, depth + 1, generic, src, file, m) < 0)
			return -1;
	}
	return 0;
}

/* The elements under x, counted up to `max` + 1. */
static long xml_count_elements(const xmlNode *x, long max)
{
	long n = 0;

	for (const xmlNode *c = x->children; c && n <= max; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n += 1 + xml_count_elements(c, max - n);
	return n;
}

/* Paragraphs holding more than DOC_MAX_INLINE inline elements, found by a
 * walk of libxml2's tree BEFORE the schema is checked (RelaxNG spends
 * seconds on a <p> of 32 000 links): each an error at its start tag's
 * line.  Returns how many. */
static int xml_inline_bound(const xmlNode *x, const struct xml_src *src, const char *file,
			    struct msg *m)
{
	int errors = 0;

	for (const xmlNode *c = x->children; c; c = c->next) {
		int t = c->type == XML_ELEMENT_NODE ? doc_type_of((const char *)c->name) : -1;

		if (t < 0)
			continue;
		if (!doc_type_inline((enum node_type)t)) {
			errors += xml_inline_bound(c, src, file, m);
		} else if (xml_count_elements(c, DOC_MAX_INLINE) > DOC_MAX_INLINE) {
			struct node at = { .line = (long)xmlGetLineNo(c) };

			xml_src_lines(src, &at, (const char *)c->name, at.line);
			msg_at(m, M_XML_INLINE, file, at.line, 0, (const char *)c->name, DOC_MAX_INLINE);
			errors++;
		}
	}
	return errors;
}

/* Validates xd against the RelaxNG schema at schema_path, then checks
 * what the schema cannot say (empty text, unknown languages).  Returns the
 * number of problems reported (schema load failures included). */
static int xml_validate(xmlDocPtr xd, const char *schema_path, struct xmlmsg *ectx)
{
	long len;
	char *buf = xml_slurp(schema_path, &len, ectx->m);
	struct xmlmsg sctx = { .m = ectx->m, .file = schema_path, .buf = buf, .len = len };
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctxt;
	int rc, problems;

	if (!buf)
		return 1;
	/* the schema's own tree tells the messages what it allows */
	xmlSetStructuredErrorFunc(&sctx, xmlmsg_on_error);
	ectx->schema_file = strrchr(schema_path, '/') ? strrchr(schema_path, '/') + 1 : schema_path;
	ectx->schema = xmlReadMemory(buf, (int)len, schema_path, NULL, XML_PARSE_NONET);
	/* RelaxNG compiles from (a copy of) that tree, not from the text again */
	pctxt = ectx->schema ? xmlRelaxNGNewDocParserCtxt(ectx->schema) : NULL;
	schema = pctxt ? xmlRelaxNGParse(pctxt) : NULL;
	xmlRelaxNGFreeParserCtxt(pctxt);
	xmlSetStructuredErrorFunc(ectx, xmlmsg_on_error);
	free(buf);
	if (!schema || !ectx->schema) {
		msg_at(ectx->m, M_XML_SCHEMA_LOAD, schema_path, 0, 0, schema_path);
		if (schema)
			xmlRelaxNGFree(schema);
		return 1;
	}
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt) {
		msg_at(ectx->m, M_INTERNAL, schema_path, 0, 0, "cannot create a RelaxNG validator");
		xmlRelaxNGFree(schema);
		return 1;
	}
	ectx->reported = 0;
	xmlRelaxNGSetValidStructuredErrors(vctxt, xmlmsg_on_error, ectx);
	rc = xmlRelaxNGValidateDoc(vctxt, xd);
	if (rc != 0 && ectx->reported == 0 && xmlmsg_find_refused(ectx, xd) == 0)
		msg_at(ectx->m, M_XML_SCHEMA, ectx->file, 1, 0,
		       "the document does not follow the schema");
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	problems = rc != 0 ? (ectx->reported ? ectx->reported : 1) : 0;
	if (!problems)
		problems = xmlmsg_check_doc(ectx, xd);
	return problems;
}

/* Where "<!DOCTYPE" stands in the input: libxml2 keeps no line for a DTD.
 * Leaves *line and *col alone when it is not found (UTF-16 input). */
static void xml_doctype_at(const char *buf, long len, long *line, long *col)
{
	const char *p = memmem(buf, (size_t)len, "<!DOCTYPE", 9);
	const char *bol = buf;

	if (!p)
		return;
	*line = 1;
	for (const char *c = buf; c < p; c++)
		if (*c == '\n')
			++*line, bol = c + 1;
	*col = (long)(p - bol) + 1;
}

int xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(xml_deny_loader);
	/* RelaxNG registers its datatype libraries in a global table on first
	 * use; two threads validating at once race there ("types library
	 * failed to register"), so it is done here, once, before them. */
	return xmlRelaxNGInitTypes() == 0 ? 0 : -1;
}

struct doc *xml_read(const char *arg, const char *schema, int generic,
		     struct msg *m)
{
	/* "-" is standard input, named so in messages */
	const char *path = strcmp(arg, "-") == 0 ? "standard input" : arg;
	struct xmlmsg ectx = { .m = m, .file = path };
	struct xml_src src = { 0 };
	struct doc *d = NULL;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr xd = NULL;
	xmlNodePtr xroot;
	long len;
	char *buf = xml_slurp(arg, &len, m);

	if (!buf)
		return NULL;
	ectx.buf = buf;
	ectx.len = len;
	xmlSetExternalEntityLoader(xml_deny_loader);
	xmlSetStructuredErrorFunc(&ectx, xmlmsg_on_error);
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		msg_at(m, M_INTERNAL, path, 0, 0, "cannot create an XML parser");
		goto out;
	}
	xd = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL,
			       XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	if (!xd || ectx.reported) {
		if (!ectx.reported)
			msg_at(m, M_XML_SYNTAX, path, 0, 0, ectx.pending ? "an entity is broken" : "empty or unreadable document");
		goto out;
	}
	if (xd->intSubset || xd->extSubset) {
		long line = 0, col = 0;

		xml_doctype_at(buf, len, &line, &col);
		msg_at(m, M_XML_ENTITY, path, line, col, "<!DOCTYPE>");
		goto out;
	}
	xroot = xmlDocGetRootElement(xd);
	if (!xroot) {
		msg_at(m, M_XML_SYNTAX, path, 0, 0, "no root element");
		goto out;
	}
	if (!generic && strcmp((const char *)xroot->name, "brochure") != 0) {
		msg_at(m, M_XML_ROOT, path, (long)xmlGetLineNo(xroot), 0, (const char *)xroot->name);
		goto out;
	}
	xml_src_init(&src, buf, len);
	if (!generic && xml_inline_bound(xroot, &src, path, m))
		goto out;
	if (schema && xml_validate(xd, schema, &ectx))
		goto out;
	d = xcalloc(1, sizeof *d);
	d->file = xstrdup(path);
	d->root = xml_make_node(NULL, xroot, generic, &src, path, m);
	if (!d->root || xml_build(d->root, xroot, 1, generic, &src, path, m) < 0 || msg_failed(m)) {
		doc_free(d);
		d = NULL;
	}
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (xd)
		xmlFreeDoc(xd);
	if (ectx.schema)
		xmlFreeDoc(ectx.schema);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	free(src.line_at);
	free(buf);
	return d;
}
