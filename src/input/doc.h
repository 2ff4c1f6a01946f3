/* doc: the document tree, as the XML said it, with source lines.
 *
 * xml.c builds it (the only pass that creates or changes nodes); every later
 * stage reads it const.  Element names map to a node type through one static
 * table; text nodes hold whitespace-normalised UTF-8.
 */
#ifndef PLAQUETTE_DOC_H
#define PLAQUETTE_DOC_H

#include "msg.h"

/* X-macro: type, element name, holds inline content (text, em, strong…). */
#define DOC_TYPES(X) \
	X(N_TEXT, "#text", 0) \
	X(N_BROCHURE, "brochure", 0) \
	X(N_META, "meta", 0) \
	X(N_TITLE, "title", 1) \
	X(N_AUTHOR, "author", 1) \
	X(N_PUBLISHER, "publisher", 1) \
	X(N_DATE, "date", 1) \
	X(N_SUBJECT, "subject", 1) \
	X(N_KEYWORDS, "keywords", 1) \
	X(N_LABELS, "labels", 0) \
	X(N_LABEL, "label", 1) \
	X(N_COVER, "cover", 0) \
	X(N_BRAND, "brand", 0) \
	X(N_LINE, "line", 1) \
	X(N_EDITORIAL, "editorial", 0) \
	X(N_SIGNATURE, "signature", 0) \
	X(N_NAME, "name", 1) \
	X(N_ROLE, "role", 1) \
	X(N_CONTENTS, "contents", 0) \
	X(N_CREDITS, "credits", 0) \
	X(N_FIELD, "field", 1) \
	X(N_ADDRESS, "address", 0) \
	X(N_SECTION, "section", 0) \
	X(N_CITY, "city", 0) \
	X(N_COUNTRY, "country", 1) \
	X(N_INITIATIVE, "initiative", 1) \
	X(N_SUPPORT, "support", 1) \
	X(N_PROJECTS, "projects", 0) \
	X(N_REF, "ref", 1) \
	X(N_MEMBER_SINCE, "member-since", 1) \
	X(N_PROJECT, "project", 0) \
	X(N_SERVICE, "service", 0) \
	X(N_LIST, "list", 0) \
	X(N_LEAD, "lead", 1) \
	X(N_ITEM, "item", 1) \
	X(N_P, "p", 1) \
	X(N_BACKCOVER, "backcover", 0) \
	X(N_EM, "em", 1) \
	X(N_STRONG, "strong", 1) \
	X(N_LINK, "link", 1) \
	X(N_BR, "br", 0) \
	X(N_IMAGE, "image", 0) \
	X(N_FIGURE, "figure", 0) \
	X(N_CAPTION, "caption", 1) \
	X(N_CREDIT, "credit", 1) \
	X(N_ELEM, "#element", 0)

enum node_type {
#define DOC_ENUM(t, name, inl) t,
	DOC_TYPES(DOC_ENUM)
#undef DOC_ENUM
	N__COUNT
};

struct attr {
	char *name;   /* local name; "lang" for xml:lang */
	char *value;
	long line;    /* the line it stands on */
};

struct node {
	enum node_type type;
	char *name;             /* N_ELEM (generic files such as style sheets): the element name */
	char *text;             /* N_TEXT: normalised text; NULL otherwise */
	struct attr *attrs;     /* nattrs attributes */
	int nattrs;
	const char *lang;       /* effective xml:lang, inherited (points into an ancestor's attr) */
	long line;              /* source line */
	struct node *parent;
	struct node *first, *last; /* children */
	struct node *next, *prev;  /* siblings */
};

struct doc {
	char *file;             /* the path the user gave, for messages */
	struct node *root;      /* <brochure> */
	char *text_buf;         /* scratch for doc_text() */
};

const char *doc_type_name(enum node_type t);
int doc_type_inline(enum node_type t);
/* Inline elements one paragraph may hold: each is an attribute run that
 * Pango splits its glyphs at, so the layout's cost grows with the square
 * (and RelaxNG's with their number): more is an error at its line. */
#define DOC_MAX_INLINE 2000
/* The type for an element name, or -1. */
int doc_type_of(const char *name);

/* Reading XML (xml.c, the only user of libxml2).  The file is read whole
 * (bounded), parsed with no network, no DTD and no external entity, then
 * validated against the RelaxNG schema `schema` (a path; NULL = none).
 * With `generic`, every element becomes N_ELEM with its name (style
 * sheets); otherwise element names must be brochure elements.
 * Returns NULL after reporting errors with file:line:col. */
/* (path "-" reads standard input, named "standard input" in messages) */
struct doc *xml_read(const char *path, const char *schema, int generic,
		     struct msg *m);

/* Sets libxml2 up (its parser, the loader that refuses every external
 * entity, RelaxNG's datatype libraries) before two threads read XML at once
 * (build.c); -1 when libxml2 could not, and then one thread must do all. */
int xml_init(void);

/* The one pass that changes the tree after reading: pseudo-translation,
 * lengthening every text (not metadata or link addresses) by `factor`
 * with accented letters, to see how a longer language will fit. */
void doc_pseudo(struct doc *d, double factor);

/* Checks the schema cannot express: references, duplicate ids, labels.
 * Reports each problem; returns the number of errors. */
int doc_check(const struct doc *d, struct msg *m);

struct node *doc_node_new(enum node_type t, long line);
void doc_node_add(struct node *parent, struct node *child);
void doc_free(struct doc *d);

/* Attribute value or NULL. */
const char *doc_attr(const struct node *n, const char *name);
/* The line of attribute `name` (the element's line if it is absent). */
long doc_attr_line(const struct node *n, const char *name);
/* First child of type t, or NULL. */
const struct node *doc_child(const struct node *n, enum node_type t);
/* Next sibling of type t after n, or NULL. */
const struct node *doc_next(const struct node *n, enum node_type t);
/* First node of type t anywhere below n (depth first), or NULL. */
const struct node *doc_find(const struct node *n, enum node_type t);
/* Depth-first walk: the node after n within the subtree of top, or NULL.
 * The one tree iterator every pass uses. */
const struct node *doc_walk_next(const struct node *top, const struct node *n);

/* The plain text of a subtree (all text nodes concatenated, <br> as a
 * space).  Caller frees. */
char *doc_text(const struct node *n);

/* The node with this id, or NULL. */
const struct node *doc_by_id(const struct doc *d, const char *id);

/* A label from <meta><labels>, or NULL. */
const char *doc_label(const struct doc *d, const char *name);
/* The source line of <label name="name">, or 0 when there is none. */
long doc_label_line(const struct doc *d, const char *name);

#endif
