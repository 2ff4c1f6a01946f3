/* style: reads the style sheet, checks every value, resolves inheritance. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "doc.h"
#include "role.h"
#include "style.h"

enum prop_type { P_LEN, P_SIZE, P_TRACK, P_STR, P_COLOR, P_BOOL, P_ALIGN, P_BREAK, P_WEIGHT, P_INT, P_FONTSTYLE, P_COLUMNS, P_EMLEN, P_MEASURE };

/* One style property: attribute name, type, where it lives in struct
 * style, the default of the root style, and (colours) its "has" flag. */
struct prop {
	const char *attr;
	enum prop_type type;
	size_t offset;
	const char *def;
	ptrdiff_t has_offset;   /* offset of a flag set when the property is given, or -1 */
};

#define OFF(f) offsetof(struct style, f)
static const struct prop style_props[] = {
	{ "font", P_STR, OFF(family), "Noto Sans", -1 },
	{ "weight", P_WEIGHT, OFF(weight), "normal", -1 },
	{ "style", P_FONTSTYLE, OFF(italic), "normal", -1 },
	{ "size", P_SIZE, OFF(size), "9.5pt", -1 },
	{ "leading", P_SIZE, OFF(leading), "12.5pt", -1 },
	{ "color", P_COLOR, OFF(color), "#000000", -1 },
	{ "align", P_ALIGN, OFF(align), "left", -1 },
	{ "space-before", P_LEN, OFF(space_before), "0", -1 },
	{ "space-after", P_LEN, OFF(space_after), "0", -1 },
	{ "indent-left", P_LEN, OFF(indent_left), "0", -1 },
	{ "indent-right", P_LEN, OFF(indent_right), "0", -1 },
	{ "indent-first", P_LEN, OFF(indent_first), "0", -1 },
	{ "hyphenate", P_BOOL, OFF(hyphenate), "yes", -1 },
	{ "letter-spacing", P_TRACK, OFF(letter_spacing), "0", -1 },
	{ "uppercase", P_BOOL, OFF(uppercase), "no", -1 },
	{ "keep-with-next", P_BOOL, OFF(keep_with_next), "no", -1 },
	{ "keep-with-previous", P_BOOL, OFF(keep_with_previous), "no", -1 },
	{ "keep-together", P_BOOL, OFF(keep_together), "no", -1 },
	{ "break-before", P_BREAK, OFF(break_before), "none", -1 },
	{ "bullet", P_STR, OFF(bullet), "", -1 },
	{ "bullet-color", P_COLOR, OFF(bullet_color), "#000000", -1 },
	{ "background", P_COLOR, OFF(background), "#ffffff", OFF(has_background) },
	{ "padding", P_LEN, OFF(padding), "0", -1 },
	{ "rule-after", P_LEN, OFF(rule_after), "0", -1 },
	{ "rule-color", P_COLOR, OFF(rule_color), "#000000", -1 },
	{ "template", P_STR, OFF(template_name), "", -1 },
	{ "widows", P_INT, OFF(widows), "2", -1 },
	{ "orphans", P_INT, OFF(orphans), "2", -1 },
	{ "columns", P_COLUMNS, OFF(columns), "1", -1 },
	/* design numbers that were constants in the layout, with their values */
	{ "rule-gap", P_LEN, OFF(rule_gap), "4pt", -1 },
	{ "number-width", P_LEN, OFF(number_width), "34pt", -1 },
	{ "leader-gap", P_EMLEN, OFF(leader_gap), "0.5em", -1 },
	{ "span", P_BOOL, OFF(span), "no", -1 },
	{ "spread-max", P_LEN, OFF(spread_max), "0", -1 },
	{ "split-to-fill", P_BOOL, OFF(split_fill), "no", -1 },
	{ "share-page", P_BOOL, OFF(share_page), "no", -1 },
	{ "grid", P_BOOL, OFF(grid), "no", -1 },
	{ "justify-min-measure", P_MEASURE, OFF(justify_min), "0", -1 },
};
#undef OFF

/* What a value of each type must look like, for messages. */
static const char *const prop_expect[] = {
	[P_LEN] = "a length such as 9.5pt or 3mm",
	[P_SIZE] = "a positive length up to 1000pt, such as 9.5pt",
	[P_TRACK] = "a length from -100pt to 100pt, such as 0.2pt",
	[P_STR] = "a text",
	[P_COLOR] = "a colour (#rrggbb or a colour name of the sheet)",
	[P_BOOL] = "yes or no",
	[P_ALIGN] = "left, right, center or justify",
	[P_BREAK] = "none, column, page-if-filled, page or right",
	[P_WEIGHT] = "normal, bold or a number from 100 to 900",
	[P_INT] = "a whole number from 0 to 10",
	[P_FONTSTYLE] = "normal or italic",
	[P_COLUMNS] = "a whole number from 1 to 4 (the columns the layout can set)",
	[P_EMLEN] = "a length such as 4pt, or a share of the font size such as 0.5em",
	[P_MEASURE] = "a length such as 60mm, or a number of ems of the font size such as 20em",
};

/* Internal: the parsed file and the raw style nodes. */
struct style_priv {
	struct doc *doc;              /* the sheet as read */
	const struct node **raw;      /* one <style> node per style */
	GHashTable *by_name;          /* style name -> index + 1 */
	int *parent;                  /* each style's parent index, -1 = none */
	int *order;                   /* every style, each after its parent */
	const struct node **where;    /* [style * NPROPS + prop]: the node that sets it, or NULL */
	const struct node **colors;   /* <color> nodes */
	int ncolors;
};

int style_parse_length(const char *v, int *out)
{
	char *end;
	double x = strtod(v, &end);
	double pt;

	if (end == v || !isfinite(x) || fabs(x) > 10000)
		return -1;
	while (*end == ' ')
		end++;
	if (*end == '\0' || strcmp(end, "pt") == 0)
		pt = x;
	else if (strcmp(end, "mm") == 0)
		pt = x * 72.0 / 25.4;
	else if (strcmp(end, "cm") == 0)
		pt = x * 720.0 / 25.4;
	else if (strcmp(end, "in") == 0)
		pt = x * 72.0;
	else
		return -1;
	*out = STYLE_PT(pt);
	return 0;
}

static int style_hex_color(const char *v, uint32_t *out)
{
	char *end;
	unsigned long x;

	if (v[0] != '#' || strlen(v) != 7)
		return -1;
	x = strtoul(v + 1, &end, 16);
	if (*end)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

const char *style_what(const struct node *n, char *buf, size_t len)
{
	static const char *const keys[] = { "name", "lang", "element" };
	const char *v = NULL;
	size_t k = 0;

	while (k < G_N_ELEMENTS(keys) && !(v = doc_attr(n, keys[k])))
		k++;
	if (v)
		snprintf(buf, len, "<%s %s=\"%s\">", n->name, keys[k], v);
	else
		snprintf(buf, len, "<%s>", n->name);
	return buf;
}

int style_parse_color(const struct style_sheet *s, const char *v, uint32_t *out)
{
	const struct style_priv *p = s->priv;

	if (v[0] == '#')
		return style_hex_color(v, out);
	for (int i = 0; p && i < p->ncolors; i++) {
		const char *name = doc_attr(p->colors[i], "name");

		if (name && strcmp(name, v) == 0) {
			const char *hex = doc_attr(p->colors[i], "value");

			if (hex && style_hex_color(hex, out) == 0)
				return 0;
			*out = 0; /* its own line says what is wrong, once */
			return 0;
		}
	}
	return -1;
}

/* "c m y k" in percent into cmyk[4] (0..1).  0, or -1 if malformed. */
static int style_parse_cmyk(const char *v, double cmyk[4])
{
	char *end;

	for (int i = 0; i < 4; i++) {
		double x = strtod(v, &end);

		if (end == v || !isfinite(x) || x < 0 || x > 100)
			return -1;
		cmyk[i] = x / 100;
		v = end;
	}
	while (*v == ' ')
		v++;
	return *v ? -1 : 0;
}

/* The ink named `name` among the first n, or NULL. */
static const struct style_ink *style_ink_named(const struct style_sheet *s, int n,
						const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s->inks[i].name, name) == 0)
			return &s->inks[i];
	return NULL;
}

/* tint="NAME N%": the press value as N % of an earlier colour's ink. */
static int style_parse_tint(const struct style_sheet *s, int n, const char *v,
			    struct style_ink *k)
{
	char name[64], *end;
	const char *sp = strchr(v, ' ');
	const struct style_ink *of;
	double pc;

	if (!sp || (size_t)(sp - v) >= sizeof name)
		return -1;
	snprintf(name, sizeof name, "%.*s", (int)(sp - v), v);
	pc = strtod(sp + 1, &end);
	of = style_ink_named(s, n, name);
	if (!of || !of->has_cmyk || end == sp + 1 || strcmp(end, "%") != 0 || !isfinite(pc) ||
	    pc <= 0 || pc > 100)
		return -1;
	k->has_cmyk = 1;
	k->spot = of->spot;
	k->tint = of->tint * pc / 100;
	for (int i = 0; i < 4; i++)
		k->cmyk[i] = of->cmyk[i] * pc / 100;
	return 0;
}

/* One <color>: its screen value, press value and ink.  Errors reported. */
static int style_read_ink(struct style_sheet *s, int i, const struct node *c, struct msg *m)
{
	struct style_ink *k = &s->inks[i];
	const char *name = doc_attr(c, "name"), *v;
	char what[160];
	const char *who = style_what(c, what, sizeof what);
	int e = 0;

	*k = (struct style_ink){ .name = name ? name : "", .line = c->line, .tint = 1 };
	v = doc_attr(c, "value");
	if (!v || style_hex_color(v, &k->rgb) < 0) {
		msg_at(m, M_SHEET_VALUE, s->file, c->line, 0, who, "value", v ? v : "",
		       "a colour #rrggbb");
		e++;
	}
	k->spot = doc_attr(c, "spot");
	if (k->spot && (!k->spot[0] || strlen(k->spot) > 100)) {
		msg_at(m, M_SHEET_VALUE, s->file, c->line, 0, who, "spot", k->spot,
		       "an ink name of 1 to 100 characters");
		e++;
	}
	if ((v = doc_attr(c, "cmyk")) != NULL) {
		k->has_cmyk = style_parse_cmyk(v, k->cmyk) == 0;
		if (!k->has_cmyk) {
			msg_at(m, M_SHEET_VALUE, s->file, c->line, 0, who, "cmyk", v,
			       "four percentages c m y k, such as \"100 48 0 30\"");
			e++;
		}
	} else if ((v = doc_attr(c, "tint")) != NULL) {
		if (k->spot || style_parse_tint(s, i, v, k) < 0) {
			msg_at(m, M_SHEET_VALUE, s->file, c->line, 0, who, "tint", v,
			       "a tint of a colour defined above with a press value, such as "
			       "\"brand 20%\" (and no spot of its own)");
			e++;
		}
	} else if (k->spot) {
		msg_at(m, M_SHEET_VALUE, s->file, c->line, 0, who, "spot", k->spot,
		       "usable without cmyk=\"…\": a spot ink needs its CMYK alternate");
		e++;
	}
	return e;
}

/* Two colours with one screen value but different press values cannot
 * be told apart in Cairo's RGB output. */
static int style_check_inks(const struct style_sheet *s, struct msg *m)
{
	const struct node *c;
	char what[160];

	for (int i = 0; i < s->ninks; i++)
		for (int j = 0; j < i; j++) {
			const struct style_ink *a = &s->inks[i], *b = &s->inks[j];

			if (a->rgb != b->rgb || !a->has_cmyk || !b->has_cmyk ||
			    (memcmp(a->cmyk, b->cmyk, sizeof a->cmyk) == 0 && a->spot == b->spot))
				continue;
			c = ((const struct style_priv *)s->priv)->colors[i];
			msg_at(m, M_SHEET_VALUE, s->file, a->line, 0, style_what(c, what, sizeof what),
			       "value", doc_attr(c, "value"),
			       "another colour's screen value with another press value: "
			       "give each press colour its own screen value");
			return 1;
		}
	return 0;
}

/* *out = v when v is all of a whole number from lo to hi: 0, else -1. */
static int style_whole(const char *v, long lo, long hi, int *out)
{
	char *end;
	long x = strtol(v, &end, 10);

	if (end == v || *end || x < lo || x > hi)
		return -1;
	*out = (int)x;
	return 0;
}

/* Converts one attribute value into the style field; -1 if malformed. */
static int style_set(const struct style_sheet *s, struct style *st,
		     const struct prop *pr, const char *v)
{
	void *field = (char *)st + pr->offset;
	int *ip = field;

	switch (pr->type) {
	case P_LEN:
		return style_parse_length(v, ip);
	case P_SIZE: /* Pango refuses sizes below 0; a zero leading stacks the lines;
		      * 1000 pt keeps every product of lines and leading in range */
		return style_parse_length(v, ip) == 0 && *ip > 0 && *ip <= STYLE_PT(1000) ? 0 : -1;
	case P_TRACK: /* tracking beyond ±100 pt only breaks the arithmetic of spacing */
		return style_parse_length(v, ip) == 0 && abs(*ip) <= STYLE_PT(100) ? 0 : -1;
	case P_STR:
		*(const char **)field = v;
		return 0;
	case P_COLOR:
		if (pr->has_offset >= 0)
			*(int *)((char *)st + pr->has_offset) = 1;
		return style_parse_color(s, v, field);
	case P_BOOL:
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return -1;
		*ip = strcmp(v, "yes") == 0;
		return 0;
	case P_ALIGN: {
		static const char *const names[] = { "left", "right", "center", "justify" };

		for (int i = 0; i < 4; i++)
			if (strcmp(v, names[i]) == 0)
				return *(enum para_align *)field = (enum para_align)i, 0;
		return -1;
	}
	case P_BREAK: {
		static const char *const names[] = { "none", "column", "page-if-filled", "page", "right" };

		for (int i = 0; i < 5; i++)
			if (strcmp(v, names[i]) == 0)
				return *(enum style_break *)field = (enum style_break)i, 0;
		return -1;
	}
	case P_WEIGHT: {
		if (strcmp(v, "normal") == 0)
			return *ip = 400, 0;
		if (strcmp(v, "bold") == 0)
			return *ip = 700, 0;
		return style_whole(v, 100, 900, ip);
	}
	case P_INT:
		return style_whole(v, 0, 10, ip);
	case P_COLUMNS:
		return style_whole(v, 1, 4, ip);
	case P_EMLEN: { /* "size" is resolved before: it comes first in style_props */
		char *end;
		double x = strtod(v, &end);

		if (end != v && strcmp(end, "em") == 0 && isfinite(x) && x >= 0 && x <= 10) {
			*ip = (int)(x * st->size + 0.5);
			return 0;
		}
		return style_parse_length(v, ip) == 0 && *ip >= 0 ? 0 : -1;
	}
	case P_MEASURE: { /* a measure: up to 200 em */
		char *end;
		double x = strtod(v, &end);

		if (end != v && strcmp(end, "em") == 0 && isfinite(x) && x >= 0 && x <= 200) {
			*ip = (int)(x * st->size + 0.5);
			return 0;
		}
		return style_parse_length(v, ip) == 0 && *ip >= 0 ? 0 : -1;
	}
	case P_FONTSTYLE:
		if (strcmp(v, "normal") && strcmp(v, "italic"))
			return -1;
		return *ip = strcmp(v, "italic") == 0, 0;
	}
	return -1;
}

/* The index of the style named `name`, or -1: one hash look-up. */
static int style_index(const struct style_sheet *s, const char *name)
{
	const struct style_priv *p = s->priv;

	return name ? GPOINTER_TO_INT(g_hash_table_lookup(p->by_name, name)) - 1 : -1;
}

/* Links every style to its parent once and orders the styles so that
 * each comes after its parent: linear in the number of styles (a chain of
 * 1 200 took 35 s when every look-up walked it).  Reports an unknown
 * parent and every style on a loop, at its line. */
static int style_check_parents(struct style_sheet *s, struct msg *m)
{
	struct style_priv *p = s->priv;
	int n = s->nstyles, errors = 0, k = 0;
	char *state = xcalloc((size_t)n + 1, 1); /* 0 new, 1 on the current walk, 2 placed */
	int *walk = xcalloc((size_t)n + 1, sizeof *walk);

	p->parent = xcalloc((size_t)n + 1, sizeof *p->parent);
	p->order = xcalloc((size_t)n + 1, sizeof *p->order);
	for (int i = 0; i < n; i++) {
		const char *parent = doc_attr(p->raw[i], "parent");

		p->parent[i] = parent ? style_index(s, parent) : -1;
		if (parent && p->parent[i] < 0) {
			msg_at(m, M_STYLE_UNKNOWN, s->file, doc_attr_line(p->raw[i], "parent"), 0,
			       "parent style", parent);
			errors++;
		}
	}
	for (int i = 0; i < n && !errors; i++) {
		int depth = 0, j = i;

		/* climb to a placed ancestor (or the root), then place downwards */
		while (j >= 0 && state[j] == 0) {
			state[j] = 1;
			walk[depth++] = j;
			j = p->parent[j];
		}
		if (j >= 0 && state[j] == 1) { /* back on this walk: a loop */
			int on = j, said = 0;

			do { /* every style on the loop, the first 8 of a long one */
				if (said++ < 8)
					msg_at(m, M_STYLE_LOOP, s->file, p->raw[on]->line, 0,
					       s->styles[on].name);
				errors++;
				on = p->parent[on];
			} while (on != j);
			break;
		}
		while (depth > 0) {
			int t = walk[--depth];

			state[t] = 2;
			p->order[k++] = t;
		}
	}
	free(walk);
	free(state);
	return errors;
}

#define STYLE_NPROPS (sizeof style_props / sizeof style_props[0])

/* Resolves every property of style i from its own attribute, else its
 * parent's resolved one (the parent is resolved first: p->order), else
 * the default. */
static int style_resolve(struct style_sheet *s, int i, struct msg *m)
{
	struct style_priv *p = s->priv;
	struct style *st = &s->styles[i];
	const struct node **mine = &p->where[(size_t)i * STYLE_NPROPS];
	const struct node **up = p->parent[i] >= 0 ?
		&p->where[(size_t)p->parent[i] * STYLE_NPROPS] : NULL;
	int errors = 0;

	for (size_t k = 0; k < STYLE_NPROPS; k++) {
		const struct prop *pr = &style_props[k];
		const char *v = doc_attr(p->raw[i], pr->attr);
		const struct node *where = v ? p->raw[i] : up ? up[k] : NULL;

		mine[k] = where;
		if (!v && where)
			v = doc_attr(where, pr->attr);

		if (!v) {
			style_set(s, st, pr, pr->def);
			if (pr->has_offset >= 0)
				*(int *)((char *)st + pr->has_offset) = 0;
			continue;
		}
		if (pr->offset == offsetof(struct style, family))
			st->font_line = doc_attr_line(where, pr->attr);
		if (style_set(s, st, pr, v) < 0) {
			msg_at(m, M_STYLE_VALUE, s->file, doc_attr_line(where, pr->attr), 0, st->name,
			       pr->attr, v, prop_expect[pr->type]);
			errors++;
		}
	}
	return errors;
}

/* The page's baseline grid (<page grid=…>) on every grid="yes" style: its
 * step, one baseline depth for all (half a step + 3/10 of the base size,
 * so lines of different sizes share their baselines, not just their
 * line boxes), and a leading that is a whole number of steps — the
 * nearest, at least one, with a warning at the leading when the sheet's
 * is not. */
static void style_grid(struct style_sheet *s, const struct style_template *defaults,
		       struct msg *m)
{
	struct style_priv *p = s->priv;
	const struct style *base = style_find(s, "base");

	s->grid_top = defaults->top;
	for (int i = 0; i < s->nstyles; i++) {
		struct style *st = &s->styles[i];
		int n;

		st->grid_step = st->leading;
		st->grid_baseline = 0;
		if (!st->grid || !s->grid)
			continue;
		n = (st->leading + s->grid / 2) / s->grid;
		n = n < 1 ? 1 : n;
		if (n * s->grid != st->leading) {
			size_t k = 0;
			const struct node *where;
			long line;

			while (strcmp(style_props[k].attr, "leading"))
				k++;
			where = p->where[(size_t)i * STYLE_NPROPS + k];
			line = where ? doc_attr_line(where, "leading") : st->line;
			msg_at(m, M_STYLE_GRID_LEADING, s->file, line, 0, st->name, st->leading / 1024.0,
			       s->grid / 1024.0, n * s->grid / 1024.0, s->grid / 1024.0);
			st->leading = n * s->grid;
		}
		st->grid_step = s->grid;
		st->grid_baseline = s->grid / 2 + (base ? base->size : st->size) * 3 / 10;
	}
}

/* Warns about attributes that no property knows (a typo would otherwise
 * silently do nothing). */
static int style_check_attrs(const struct style_sheet *s, const struct node *n, struct msg *m)
{
	int errors = 0;

	for (int a = 0; a < n->nattrs; a++) {
		const char *name = n->attrs[a].name;
		int known = !strcmp(name, "name") || !strcmp(name, "parent");

		for (size_t k = 0; !known && k < sizeof style_props / sizeof style_props[0]; k++)
			known = strcmp(style_props[k].attr, name) == 0;
		if (!known) {
			msg_at(m, M_STYLE_UNKNOWN, s->file, n->attrs[a].line ? n->attrs[a].line : n->line, 0,
			       "style property", name);
			errors++;
		}
	}
	return errors;
}

/* Reads a length attribute of a page/template element into *out (left
 * alone when absent).  Returns 1 on a malformed value, after reporting. */
static int style_len_attr(const struct style_sheet *s, const struct node *n,
			  const char *attr, int *out, struct msg *m)
{
	char what[160];
	const char *v = doc_attr(n, attr);

	if (!v)
		return 0;
	if (style_parse_length(v, out) == 0 && *out >= 0)
		return 0;
	msg_at(m, M_SHEET_VALUE, s->file, doc_attr_line(n, attr), 0,
	       style_what(n, what, sizeof what), attr, v,
	       "a length of 0 or more such as 3mm"); /* page sizes, margins, gutters, bands */
	return 1;
}

static int style_color_attr(const struct style_sheet *s, const struct node *n,
			    const char *attr, uint32_t *out, int *has, struct msg *m)
{
	char what[160];
	const char *v = doc_attr(n, attr);

	if (!v)
		return 0;
	if (style_parse_color(s, v, out) == 0) {
		if (has)
			*has = 1;
		return 0;
	}
	msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, style_what(n, what, sizeof what), attr, v,
	       prop_expect[P_COLOR]);
	return 1;
}

static int style_int_attr(const struct style_sheet *s, const struct node *n,
			  const char *attr, int lo, int hi, int *out, struct msg *m)
{
	char what[160], range[64];
	const char *v = doc_attr(n, attr);

	if (!v || style_whole(v, lo, hi, out) == 0)
		return 0;
	snprintf(range, sizeof range, "a whole number from %d to %d", lo, hi);
	msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, style_what(n, what, sizeof what), attr, v,
	       range);
	return 1;
}

static int style_bool_attr(const struct style_sheet *s, const struct node *n,
			   const char *attr, int *out, struct msg *m)
{
	char what[160];
	const char *v = doc_attr(n, attr);

	if (!v)
		return 0;
	if (!strcmp(v, "yes") || !strcmp(v, "no")) {
		*out = !strcmp(v, "yes");
		return 0;
	}
	msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, style_what(n, what, sizeof what), attr, v,
	       prop_expect[P_BOOL]);
	return 1;
}

/* The <page> element: trim size, bleed, default margins. */
static int style_read_page(struct style_sheet *s, const struct node *n,
			   struct style_template *defaults, struct msg *m)
{
	int e = 0;

	e += style_len_attr(s, n, "width", &s->page_w, m);
	e += style_len_attr(s, n, "height", &s->page_h, m);
	e += style_len_attr(s, n, "bleed", &s->bleed, m);
	e += style_len_attr(s, n, "footer-offset", &s->footer_offset, m);
	e += style_int_attr(s, n, "multiple", 1, 16, &s->page_multiple, m);
	if (doc_attr(n, "min-fill")) {
		const char *v = doc_attr(n, "min-fill");
		char *end;
		long pc = strtol(v, &end, 10);

		if (end != v && !strcmp(end, "%") && pc >= 0 && pc <= 50) {
			s->min_fill = (int)pc;
		} else {
			msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, "<page>", "min-fill", v,
			       "a share from 0% to 50%");
			e++;
		}
	}
	if (doc_attr(n, "blank-pages")) {
		const char *v = doc_attr(n, "blank-pages");

		if (!strcmp(v, "end") || !strcmp(v, "before-back")) {
			s->blanks_at_end = !strcmp(v, "end");
		} else {
			msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, "<page>", "blank-pages", v,
			       "\"before-back\" or \"end\"");
			e++;
		}
	}
	e += style_len_attr(s, n, "top", &defaults->top, m);
	e += style_len_attr(s, n, "bottom", &defaults->bottom, m);
	if (doc_attr(n, "grid")) {
		const char *v = doc_attr(n, "grid");

		if (style_parse_length(v, &s->grid) || s->grid < STYLE_PT(1) || s->grid > STYLE_PT(144)) {
			msg_at(m, M_SHEET_VALUE, s->file, doc_attr_line(n, "grid"), 0, "<page>", "grid", v,
			       "a step from 1pt to 144pt such as 13.5pt");
			s->grid = 0;
			e++;
		}
	}
	e += style_len_attr(s, n, "inner", &defaults->inner, m);
	e += style_len_attr(s, n, "outer", &defaults->outer, m);
	e += style_len_attr(s, n, "gutter", &defaults->gutter, m);
	if (s->page_w < STYLE_MM(20) || s->page_h < STYLE_MM(20)) {
		msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, "<page>", "width/height", "too small",
		       "at least 20mm");
		e++;
	}
	/* the largest page a PDF reader must show: 14 400 pt (200 in, 5080 mm) */
	if (s->page_w > STYLE_MM(5080) || s->page_h > STYLE_MM(5080)) {
		msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, "<page>", "width/height", "too large",
		       "at most 5080mm (200 in, the largest PDF page)");
		e++;
	}
	return e;
}

static int style_read_template(struct style_sheet *s, const struct node *n,
			       const struct style_template *defaults,
			       struct style_template *t, struct msg *m)
{
	char what[160];
	int e = 0;

	*t = *defaults;
	t->name = doc_attr(n, "name");
	t->line = n->line;
	e += style_int_attr(s, n, "columns", 1, 4, &t->columns, m);
	e += style_len_attr(s, n, "gutter", &t->gutter, m);
	e += style_len_attr(s, n, "top", &t->top, m);
	e += style_len_attr(s, n, "bottom", &t->bottom, m);
	e += style_len_attr(s, n, "inner", &t->inner, m);
	e += style_len_attr(s, n, "outer", &t->outer, m);
	e += style_bool_attr(s, n, "footer", &t->footer, m);
	e += style_bool_attr(s, n, "fixed", &t->fixed, m);
	e += style_color_attr(s, n, "background", &t->background, &t->has_background, m);
	e += style_len_attr(s, n, "band", &t->band, m);
	e += style_color_attr(s, n, "band-color", &t->band_color, NULL, m);
	if (t->top + t->bottom >= s->page_h || t->inner + t->outer >= s->page_w) {
		msg_at(m, M_SHEET_VALUE, s->file, n->line, 0, style_what(n, what, sizeof what),
		       "margins", "too large",
		       "smaller than the page");
		e++;
	}
	return e;
}

/* Counts the children named `name`. */
static int style_count(const struct node *root, const char *name)
{
	int n = 0;

	for (const struct node *c = root->first; c; c = c->next)
		n += c->type == N_ELEM && strcmp(c->name, name) == 0;
	return n;
}

struct style_sheet *style_load(const char *path, const char *schema, struct msg *m)
{
	struct doc *d = xml_read(path, schema, 1, m);
	struct style_sheet *s;
	struct style_priv *p;
	struct style_template defaults = {
		.name = "default", .columns = 1, .gutter = STYLE_MM(5), .top = STYLE_MM(20),
		.bottom = STYLE_MM(20), .inner = STYLE_MM(18), .outer = STYLE_MM(18), .footer = 1,
	};
	int e = 0, ns = 0, nt = 0, nc = 0;

	if (!d)
		return NULL;
	s = xcalloc(1, sizeof *s);
	p = xcalloc(1, sizeof *p);
	s->priv = p;
	p->doc = d;
	p->by_name = g_hash_table_new(g_str_hash, g_str_equal);
	s->file = xstrdup(path);
	s->page_w = STYLE_MM(210);
	s->page_h = STYLE_MM(297);
	s->bleed = STYLE_MM(3);
	s->page_multiple = 4;
	s->min_fill = 0;
	s->footer_offset = STYLE_MM(10);
	p->colors = xcalloc((size_t)style_count(d->root, "color") + 1, sizeof *p->colors);
	p->raw = xcalloc((size_t)style_count(d->root, "style") + 1, sizeof *p->raw);
	s->styles = xcalloc((size_t)style_count(d->root, "style") + 1, sizeof *s->styles);
	s->templates = xcalloc((size_t)style_count(d->root, "template") + 1, sizeof *s->templates);
	for (const struct node *c = d->root->first; c; c = c->next)
		if (c->type == N_ELEM && !strcmp(c->name, "color"))
			p->colors[nc++] = c;
	p->ncolors = nc;
	for (const struct node *c = d->root->first; c; c = c->next) {
		if (c->type != N_ELEM)
			continue;
		if (!strcmp(c->name, "page"))
			e += style_read_page(s, c, &defaults, m);
		else if (!strcmp(c->name, "style")) {
			const char *name = doc_attr(c, "name");

			if (style_index(s, name) >= 0) {
				msg_at(m, M_ID_DUP, s->file, c->line, 0, name,
				       p->raw[style_index(s, name)]->line);
				e++;
			} else if (name) {
				g_hash_table_insert(p->by_name, (gpointer)name, GINT_TO_POINTER(ns + 1));
			}
			p->raw[ns] = c;
			s->styles[ns].name = name;
			s->styles[ns].line = c->line;
			e += style_check_attrs(s, c, m);
			s->nstyles = ++ns;
		}
	}
	s->inks = xcalloc((size_t)nc + 1, sizeof *s->inks);
	for (int i = 0; i < nc; i++)
		e += style_read_ink(s, i, p->colors[i], m);
	s->ninks = nc;
	if (!e)
		e += style_check_inks(s, m);
	for (const struct node *c = d->root->first; c; c = c->next)
		if (c->type == N_ELEM && !strcmp(c->name, "template"))
			e += style_read_template(s, c, &defaults, &s->templates[nt++], m);
	s->ntemplates = nt;
	if (!e)
		e += style_check_parents(s, m);
	if (!e)
		p->where = xcalloc((size_t)s->nstyles * STYLE_NPROPS + 1, sizeof *p->where);
	for (int i = 0; !e && i < s->nstyles; i++)
		e += style_resolve(s, p->order[i], m);
	if (!e)
		style_grid(s, &defaults, m);
	for (int i = 0; !e && i < s->nstyles; i++) {
		const char *tn = s->styles[i].template_name;

		if (*tn && !style_template(s, tn)) {
			msg_at(m, M_STYLE_UNKNOWN, s->file, s->styles[i].line, 0, "template", tn);
			e++;
		}
	}
	if (!e) { /* both directions, so a renamed style shows at both its ends */
		e += role_read(s, d->root, m);
		e += role_check_use(s, d->root, m);
	}
	if (e) {
		style_free(s);
		return NULL;
	}
	return s;
}

void style_free(struct style_sheet *s)
{
	struct style_priv *p;

	if (!s)
		return;
	p = s->priv;
	if (p) {
		doc_free(p->doc);
		free(p->raw);
		free(p->colors);
		if (p->by_name)
			g_hash_table_destroy(p->by_name);
		free(p->parent);
		free(p->order);
		free(p->where);
		free(p);
	}
	role_free(s->roles);
	free(s->inks);
	free(s->styles);
	free(s->templates);
	free(s->file);
	free(s);
}

const struct style *style_find(const struct style_sheet *s, const char *name)
{
	int i = style_index(s, name);

	return i >= 0 ? &s->styles[i] : NULL;
}

const struct style *style_pick(const struct style_sheet *s, const char *const *names)
{
	for (int i = 0; names[i]; i++) {
		const struct style *st = style_find(s, names[i]);

		if (st)
			return st;
	}
	return style_find(s, "base");
}

const struct style_template *style_template(const struct style_sheet *s, const char *name)
{
	for (int i = 0; i < s->ntemplates; i++)
		if (s->templates[i].name && strcmp(s->templates[i].name, name) == 0)
			return &s->templates[i];
	return NULL;
}

const struct node *style_root(const struct style_sheet *s)
{
	const struct style_priv *p = s->priv;

	return p->doc->root;
}
