/* role: the style sheet's element rules and strings; the reference check. */
#include <string.h>

#include <glib.h>

#include "role.h"

static const char *const role_names[ROLE__COUNT] = {
#define ROLE_NAME(r, name) [r] = name,
	ROLE_KINDS(ROLE_NAME)
#undef ROLE_NAME
};

enum name_kind { NAME_STYLE, NAME_TEMPLATE, NAME_STRING };

/* The names the code looks up (names.def). */
static const struct role_need {
	enum name_kind kind;
	const char *name;
	int required;
	const char *why;
} role_needs[] = {
#define NAME(kind, name, required, why) { kind, name, required, why },
#include "names.def"
#undef NAME
};

static const char *const role_kind_words[] = {
	[NAME_STYLE] = "style", [NAME_TEMPLATE] = "template", [NAME_STRING] = "string",
};

const char *role_element_name(const struct node *n)
{
	return n->type == N_ELEM ? n->name : doc_type_name(n->type);
}

int role_is(const struct node *n, const char *name)
{
	return n->type == N_ELEM && strcmp(n->name, name) == 0;
}

const struct node *role_child(const struct node *n, const char *name)
{
	for (const struct node *c = n->first; c; c = c->next)
		if (c->type != N_TEXT && strcmp(role_element_name(c), name) == 0)
			return c;
	return NULL;
}

/* The style named by attribute attr of rule node n (NULL when absent);
 * a name the sheet lacks is reported at the attribute's line. */
static const struct style *role_style_attr(const struct style_sheet *s, const struct node *n,
					   const char *attr, const char *element, int *errors,
					   struct msg *m)
{
	const char *v = doc_attr(n, attr);
	const struct style *st;

	if (!v)
		return NULL;
	st = style_find(s, v);
	if (!st) {
		msg_at(m, M_ROLE_REF, s->file, doc_attr_line(n, attr), 0, element, "style", v);
		++*errors;
	}
	return st;
}

/* Checks the styles and strings a composition names. */
static int role_check_pieces(const struct style_sheet *s, const struct node *parent,
			     const char *element, struct msg *m)
{
	int errors = 0;

	for (const struct node *p = parent->first; p; p = p->next) {
		if (p->type != N_ELEM)
			continue;
		role_style_attr(s, p, "style", element, &errors, m);
		if (role_is(p, "each"))
			errors += role_check_pieces(s, p, element, m);
	}
	return errors;
}

static int role_parse_kind(const char *v)
{
	for (int k = 0; k < ROLE__COUNT; k++)
		if (strcmp(role_names[k], v) == 0)
			return k;
	return -1;
}

/* One <role> element into r. */
static int role_read_rule(struct style_sheet *s, const struct node *n, struct role_rule *r,
			  struct msg *m)
{
	const char *el = doc_attr(n, "element");
	const char *kind = doc_attr(n, "role");
	const char *v;
	int errors = 0, k = kind ? role_parse_kind(kind) : -1;

	memset(r, 0, sizeof *r);
	r->line = n->line;
	r->element = el;
	r->in = doc_attr(n, "in");
	r->cls = doc_attr(n, "class");
	r->section = doc_attr(n, "section");
	r->tag = doc_attr(n, "tag");
	if (k < 0) {
		char what[160];

		msg_at(m, M_SHEET_VALUE, s->file, doc_attr_line(n, "role"), 0,
		       style_what(n, what, sizeof what), "role",
		       kind ? kind : "", "part, container, section, paragraph, heading, field, lines, "
		       "group, card, article, contents, image or none");
		return 1;
	}
	r->kind = (enum role_kind)k;
	r->style = role_style_attr(s, n, "style", el, &errors, m);
	r->title_style = role_style_attr(s, n, "title-style", el, &errors, m);
	r->label_style = role_style_attr(s, n, "label-style", el, &errors, m);
	r->label = doc_attr(n, "label");
	r->last = (v = doc_attr(n, "last")) != NULL && strcmp(v, "yes") == 0;
	v = doc_attr(n, "dest");
	r->dest = !v ? DEST_NONE : strcmp(v, "parent") == 0 ? DEST_PARENT : DEST_SELF;
	if ((v = doc_attr(n, "template")) != NULL) {
		r->template_name = v;
		if (!style_template(s, v)) {
			msg_at(m, M_ROLE_REF, s->file, doc_attr_line(n, "template"), 0, el, "template", v);
			errors++;
		}
	}
	if ((v = doc_attr(n, "entry-styles")) != NULL) {
		gchar **names = g_strsplit(v, " ", -1);
		int level = 0;

		for (int i = 0; names[i]; i++) {
			const struct style *st;

			if (!*names[i])
				continue;
			st = style_find(s, names[i]);
			if (!st) {
				msg_at(m, M_ROLE_REF, s->file, doc_attr_line(n, "entry-styles"), 0, el, "style",
				       names[i]);
				errors++;
			} else if (level < ROLE_TOC_LEVELS) {
				r->entry_style[level] = st;
			}
			level++;
		}
		g_strfreev(names);
	}
	for (const struct node *c = n->first; c; c = c->next) {
		if (c->type != N_ELEM)
			continue;
		if (role_is(c, "title")) {
			r->title = c;
			r->ctitle_style = role_style_attr(s, c, "style", el, &errors, m);
			r->ctitle_tag = doc_attr(c, "tag");
			errors += role_check_pieces(s, c, el, m);
		} else {
			r->content = n;
		}
	}
	if (r->content)
		errors += role_check_pieces(s, n, el, m);
	return errors;
}

static int role_string_defined(const struct style_sheet *s, const char *name)
{
	for (int i = 0; i < s->roles->nstrings; i++)
		if (s->roles->strings[i].name && strcmp(s->roles->strings[i].name, name) == 0)
			return 1;
	return 0;
}

int role_read(struct style_sheet *s, const struct node *root, struct msg *m)
{
	struct role_set *rs = xcalloc(1, sizeof *rs);
	int nr = 0, ns = 0, errors = 0;

	for (const struct node *c = root->first; c; c = c->next) {
		nr += role_is(c, "role");
		ns += role_is(c, "string");
	}
	rs->rules = xcalloc((size_t)nr + 1, sizeof *rs->rules);
	rs->strings = xcalloc((size_t)ns + 1, sizeof *rs->strings);
	s->roles = rs;
	for (const struct node *c = root->first; c; c = c->next) {
		if (role_is(c, "role")) {
			errors += role_read_rule(s, c, &rs->rules[rs->nrules], m);
			rs->nrules++;
		} else if (role_is(c, "string")) {
			struct role_string *str = &rs->strings[rs->nstrings++];

			str->name = doc_attr(c, "name");
			str->lang = doc_attr(c, "lang") ? doc_attr(c, "lang") : "";
			str->value = doc_attr(c, "value") ? doc_attr(c, "value") : "";
			str->line = c->line;
		}
	}
	for (int i = 0; i < rs->nrules; i++) { /* the strings compositions name must exist */
		const struct role_rule *r = &rs->rules[i];
		const struct node *parts[2] = { r->title, r->content };

		for (int j = 0; j < 2; j++)
			for (const struct node *p = parts[j] ? parts[j]->first : NULL; p;
			     p = doc_walk_next(parts[j], p)) {
				const char *name = p->type == N_ELEM ? doc_attr(p, "string") : NULL;

				if (name && !role_string_defined(s, name)) {
					msg_at(m, M_ROLE_REF, s->file, doc_attr_line(p, "string"), 0,
					       r->element, "string", name);
					errors++;
				}
			}
	}
	return errors;
}

void role_free(struct role_set *r)
{
	if (!r)
		return;
	free(r->rules);
	free(r->strings);
	free(r);
}

/* The class= of n's nearest ancestor that has one, or NULL. */
static const char *role_section_class(const struct node *n)
{
	for (const struct node *a = n->parent; a; a = a->parent)
		if (doc_attr(a, "class"))
			return doc_attr(a, "class");
	return NULL;
}

static int role_has_ancestor(const struct node *n, const char *name)
{
	for (const struct node *a = n->parent; a; a = a->parent)
		if (strcmp(role_element_name(a), name) == 0)
			return 1;
	return 0;
}

const struct role_rule *role_match(const struct style_sheet *s, const struct node *n)
{
	const struct role_set *rs = s->roles;
	const char *name = role_element_name(n);

	for (int i = 0; rs && i < rs->nrules; i++) {
		const struct role_rule *r = &rs->rules[i];
		const char *cls, *sec;

		if (!r->element || strcmp(r->element, name) != 0)
			continue;
		if (r->in && !role_has_ancestor(n, r->in))
			continue;
		if (r->cls && (!(cls = doc_attr(n, "class")) || strcmp(cls, r->cls) != 0))
			continue;
		if (r->section && (!(sec = role_section_class(n)) || strcmp(sec, r->section) != 0))
			continue;
		return r;
	}
	return NULL;
}

const char *role_string(const struct style_sheet *s, const char *name, const char *lang)
{
	const struct role_set *rs = s->roles;
	const char *fallback = NULL;
	size_t len = 0;

	while (lang && lang[len] && lang[len] != '-')
		len++;
	for (int i = 0; rs && i < rs->nstrings; i++) {
		const struct role_string *str = &rs->strings[i];

		if (!str->name || strcmp(str->name, name) != 0)
			continue;
		if (!*str->lang && !fallback)
			fallback = str->value;
		else if (len && strlen(str->lang) == len && g_ascii_strncasecmp(str->lang, lang, len) == 0)
			return str->value;
	}
	return fallback;
}

int role_knows_class(const struct style_sheet *s, const char *cls)
{
	const struct role_set *rs = s->roles;

	for (int i = 0; rs && i < rs->nrules; i++)
		if ((rs->rules[i].cls && strcmp(rs->rules[i].cls, cls) == 0) ||
		    (rs->rules[i].section && strcmp(rs->rules[i].section, cls) == 0))
			return 1;
	return 0;
}

void role_classes(const struct style_sheet *s, char *buf, size_t size)
{
	const struct role_set *rs = s->roles;
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; rs && i < rs->nrules; i++) {
		const char *c = rs->rules[i].cls ? rs->rules[i].cls : rs->rules[i].section;
		int seen = 0;

		for (int j = 0; c && j < i; j++)
			seen |= (rs->rules[j].cls && !strcmp(rs->rules[j].cls, c)) ||
				(rs->rules[j].section && !strcmp(rs->rules[j].section, c));
		if (c && !seen && n + strlen(c) + 3 < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", c);
	}
	if (!n)
		snprintf(buf, size, "none");
}

/* --- both directions ------------------------------------------------------ */

/* Whether a rule or a composition names style `name`. */
static int role_names_style(const struct style_sheet *s, const struct node *root, const char *name)
{
	static const char *const attrs[] = { "style", "title-style", "label-style" };

	for (const struct node *c = root; c; c = doc_walk_next(root, c)) {
		const char *es;

		if (c->type != N_ELEM || role_is(c, "style"))
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(attrs); i++)
			if (doc_attr(c, attrs[i]) && strcmp(doc_attr(c, attrs[i]), name) == 0)
				return 1;
		if ((es = doc_attr(c, "entry-styles")) != NULL) {
			gchar **names = g_strsplit(es, " ", -1);
			int hit = 0;

			for (int i = 0; names[i]; i++)
				hit |= strcmp(names[i], name) == 0;
			g_strfreev(names);
			if (hit)
				return 1;
		}
	}
	(void)s;
	return 0;
}

/* Whether some element of kind `element` has attribute attr = value. */
static int role_attr_names(const struct node *root, const char *element, const char *attr,
			   const char *value)
{
	for (const struct node *c = root->first; c; c = c->next)
		if (c->type == N_ELEM && (!element || role_is(c, element)) && doc_attr(c, attr) &&
		    strcmp(doc_attr(c, attr), value) == 0)
			return 1;
	return 0;
}

static int role_needed(enum name_kind kind, const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(role_needs); i++)
		if (role_needs[i].kind == kind && strcmp(role_needs[i].name, name) == 0)
			return 1;
	return 0;
}

/* A style is read when the code, a rule or another style names it, or
 * it is the character style STYLE-em/-strong/-link of a style that is. */
static int role_style_read(const struct style_sheet *s, const struct node *root, const char *name,
			   int depth)
{
	static const char *const inl[] = { "-em", "-strong", "-link" };

	if (role_needed(NAME_STYLE, name) || role_names_style(s, root, name) ||
	    role_attr_names(root, "style", "parent", name))
		return 1;
	for (size_t i = 0; depth < 2 && i < G_N_ELEMENTS(inl); i++) {
		size_t n = strlen(name), k = strlen(inl[i]);

		if (n > k && strcmp(name + n - k, inl[i]) == 0) {
			char *para = g_strndup(name, n - k);
			int used = role_style_read(s, root, para, depth + 1);

			g_free(para);
			if (used)
				return 1;
		}
	}
	return 0;
}

/* Whether any attribute of any element names colour `name`. */
static int role_color_read(const struct node *root, const char *name)
{
	for (const struct node *c = root->first; c; c = c->next)
		for (int a = 0; c->type == N_ELEM && !role_is(c, "color") && a < c->nattrs; a++)
			if (strcmp(c->attrs[a].value, name) == 0)
				return 1;
	return 0;
}

static int role_string_read(const struct node *root, const char *name)
{
	if (role_needed(NAME_STRING, name))
		return 1;
	for (const struct node *c = root; c; c = doc_walk_next(root, c))
		if (c->type == N_ELEM && role_is(c, "text") && doc_attr(c, "string") &&
		    strcmp(doc_attr(c, "string"), name) == 0)
			return 1;
	return 0;
}

/* The parent="…" of style `name` in the sheet, or NULL. */
static const char *role_parent(const struct node *root, const char *name)
{
	for (const struct node *c = root->first; c; c = c->next)
		if (c->type == N_ELEM && role_is(c, "style") && doc_attr(c, "name") &&
		    strcmp(doc_attr(c, "name"), name) == 0)
			return doc_attr(c, "parent");
	return NULL;
}

/* Whether style `name` is the style of a rule of role kind, or an
 * ancestor (parent="…") of one.  Chains are bounded (loops were refused). */
static int role_style_of(const struct style_sheet *s, const struct node *root, const char *name,
			 enum role_kind kind)
{
	const struct role_set *rs = s->roles;

	for (int i = 0; rs && i < rs->nrules; i++) {
		const char *st = rs->rules[i].kind == kind && rs->rules[i].style ?
			rs->rules[i].style->name : NULL;

		for (int hops = 0; st && hops <= s->nstyles; hops++) {
			if (strcmp(st, name) == 0)
				return 1;
			st = role_parent(root, st);
		}
	}
	return 0;
}

/* Properties the layout honours only on some styles: given on any other,
 * they would do nothing, silently. */
static int role_check_props(const struct style_sheet *s, const struct node *root, struct msg *m)
{
	static const struct {
		const char *attr;
		enum role_kind kind;
		const char *where;
	} only[] = {
		{ "background", ROLE_CARD, "a card's style (a rule with role=\"card\")" },
		{ "padding", ROLE_CARD, "a card's style (a rule with role=\"card\")" },
		{ "columns", ROLE_CARD, "a card's style (a rule with role=\"card\"); a page's columns are its template's" },
		{ "spread-max", ROLE_CARD, "a card's style (a rule with role=\"card\")" },
		{ "split-to-fill", ROLE_CARD, "a card's style (a rule with role=\"card\")" },
		{ "template", ROLE_SECTION, "a section's style (a rule with role=\"section\"); a part's template is its rule's" },
	};
	int errors = 0;

	for (const struct node *c = root->first; c; c = c->next) {
		const char *name = doc_attr(c, "name");

		if (c->type != N_ELEM || !role_is(c, "style") || !name)
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(only); i++) {
			const char *v = doc_attr(c, only[i].attr);

			if (v && !role_style_of(s, root, name, only[i].kind)) {
				msg_at(m, M_PROP_IGNORED, s->file, doc_attr_line(c, only[i].attr), 0, name,
				       only[i].attr, v, only[i].where);
				errors++;
			}
		}
	}
	return errors;
}

int role_check_use(const struct style_sheet *s, const struct node *root, struct msg *m)
{
	int errors = role_check_props(s, root, m);

	for (size_t i = 0; i < G_N_ELEMENTS(role_needs); i++) {
		const struct role_need *nd = &role_needs[i];
		int have = nd->kind == NAME_STYLE ? style_find(s, nd->name) != NULL
			 : nd->kind == NAME_TEMPLATE ? style_template(s, nd->name) != NULL
			 : role_string_defined(s, nd->name);

		if (nd->required && !have) {
			msg_at(m, M_STYLE_MISSING, s->file, root->line, 0, role_kind_words[nd->kind], nd->name);
			errors++;
		}
	}
	for (int i = 0; i < s->nstyles; i++) {
		const char *name = s->styles[i].name;

		if (role_style_read(s, root, name, 0))
			continue;
		if (strncmp(name, "section-", 8) == 0)
			msg_at(m, M_STYLE_UNUSED_ID, s->file, s->styles[i].line, 0, name);
		else
			msg_at(m, M_STYLE_UNUSED, s->file, s->styles[i].line, 0, "style", name);
	}
	for (int i = 0; i < s->ntemplates; i++) {
		const char *name = s->templates[i].name;

		if (!role_needed(NAME_TEMPLATE, name) && !role_attr_names(root, NULL, "template", name))
			msg_at(m, M_STYLE_UNUSED, s->file, s->templates[i].line, 0, "template", name);
	}
	for (const struct node *c = root->first; c; c = c->next) {
		const char *name = doc_attr(c, "name");

		if (c->type != N_ELEM || !name)
			continue;
		if (role_is(c, "color") && !role_color_read(root, name))
			msg_at(m, M_STYLE_UNUSED, s->file, c->line, 0, "colour", name);
		else if (role_is(c, "string") && !role_string_read(root, name))
			msg_at(m, M_STYLE_UNUSED, s->file, c->line, 0, "string", name);
	}
	return errors;
}
