/* role: how each element kind of a brochure is laid out, as the style
 * sheet says it.
 *
 * A sheet's <role> rules map an element (by name, by an ancestor's name,
 * by its own class or by the class of the section it stands in) to one of
 * the generic roles the code knows — part, container, section,
 * paragraph, heading, field, lines, group, card, article, contents — and
 * to the styles, template, label and structure tag it is set with.  A
 * card's or article's title and a field's content are compositions:
 * children, attributes and strings in order, with the punctuation that
 * joins them.  <string> gives the strings compositions use, per language.
 *
 * The first rule that matches an element applies.  role_read() reads and
 * resolves the rules (every name they use must exist in the sheet);
 * role_check_use() warns about what the sheet defines and nothing reads.
 */
#ifndef PLAQUETTE_ROLE_H
#define PLAQUETTE_ROLE_H

#include "doc.h"
#include "style.h"

/* X-macro: role, its name in the sheet. */
#define ROLE_KINDS(X) \
	X(ROLE_NONE, "none")           /* not laid out (metadata) */ \
	X(ROLE_PART, "part")           /* starts a page in its template; children by their roles */ \
	X(ROLE_CONTAINER, "container") /* its children by their roles */ \
	X(ROLE_SECTION, "section")     /* a titled section: style, title, destination, Sommaire */ \
	X(ROLE_PARAGRAPH, "paragraph") /* its inline content, one block */ \
	X(ROLE_HEADING, "heading")     /* a paragraph that is a title (kept with what follows) */ \
	X(ROLE_FIELD, "field")         /* "Label: content" */ \
	X(ROLE_LINES, "lines")         /* an optional label block, then its children (addresses) */ \
	X(ROLE_GROUP, "group")         /* its children kept together (a signature) */ \
	X(ROLE_CARD, "card")           /* a group on its style's ground: a composed title, then children */ \
	X(ROLE_ARTICLE, "article")     /* a composed heading, then its children */ \
	X(ROLE_CONTENTS, "contents")   /* a part whose entries are the sections' titles */ \
	X(ROLE_IMAGE, "image")         /* a picture: one block placed as a box (picture.h); one
					* that names a slot is placed by slots.c instead */

enum role_kind {
#define ROLE_ENUM(r, name) r,
	ROLE_KINDS(ROLE_ENUM)
#undef ROLE_ENUM
	ROLE__COUNT
};

enum { ROLE_TOC_LEVELS = 2 };

enum role_dest {
	DEST_NONE,
	DEST_SELF,   /* the element's id */
	DEST_PARENT, /* its parent's id (an editorial's title) */
};

struct role_rule {
	long line;                       /* where the rule stands in the sheet */
	const char *element;             /* element name */
	const char *in;                  /* an ancestor's element name, or NULL */
	const char *cls;                 /* the element's own class=, or NULL */
	const char *section;             /* the class= of its nearest ancestor that has one, or NULL */
	enum role_kind kind;
	const struct style *style;       /* paragraph, field, lines; a card's ground; a section's */
	const struct style *title_style; /* section: its title's */
	const struct style *label_style; /* field, lines: the label's */
	const struct style *entry_style[ROLE_TOC_LEVELS]; /* contents: entries, by level */
	const char *template_name;       /* part, contents: the template it starts, or NULL */
	const char *label;               /* field, lines: "@attribute" or a document label's name */
	const char *tag;                 /* structure tag ("P", "H1", "LI"…), or NULL: P; a section's H1, H2 by depth */
	enum role_dest dest;
	int last;                        /* part: placed after the padding (the back cover) */
	const struct node *title;        /* card, article: the <title> composition, or NULL */
	const struct style *ctitle_style; /* and its style */
	const char *ctitle_tag;          /* and its tag, or NULL (P) */
	const struct node *content;      /* field: the rule, when its children compose the content */
};

/* A string of compositions in one language ("" = every other). */
struct role_string {
	const char *name, *lang, *value;
	long line;
};

struct role_set {
	struct role_rule *rules;
	int nrules;
	struct role_string *strings;
	int nstrings;
};

/* The element name of n (brochure element or generic). */
const char *role_element_name(const struct node *n);
/* Whether generic node n is the element `name`. */
int role_is(const struct node *n, const char *name);
/* The first child of n named `name`, or NULL. */
const struct node *role_child(const struct node *n, const char *name);
/* Reads the <role> and <string> children of the sheet's root into
 * s->roles, resolving every style and template they name.  Reports each
 * name the sheet lacks at the line that uses it; returns the errors. */
int role_read(struct style_sheet *s, const struct node *root, struct msg *m);
void role_free(struct role_set *r);
/* The first rule that matches n, or NULL. */
const struct role_rule *role_match(const struct style_sheet *s, const struct node *n);
/* The string `name` in language lang (its first subtag decides), or NULL. */
const char *role_string(const struct style_sheet *s, const char *name, const char *lang);
/* Whether some rule names class cls (class= or section=). */
int role_knows_class(const struct style_sheet *s, const char *cls);
/* The classes the rules name, comma-separated, into buf. */
void role_classes(const struct style_sheet *s, char *buf, size_t size);

/* Both directions of the sheet's references: every name the code looks
 * up (names.def) that the sheet lacks is an error; every style, template,
 * colour and string the sheet defines that nothing reads is a warning.
 * Returns the errors. */
int role_check_use(const struct style_sheet *s, const struct node *root, struct msg *m);

#endif
