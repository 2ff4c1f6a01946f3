/* typo: language-dependent typographic rules applied to paragraph text. */
#include <string.h>

#include "lang.h"
#include "typo.h"

#define TYPO_NBSP  0x00A0 /* no-break space */
#define TYPO_NNBSP 0x202F /* narrow no-break space */
#define TYPO_WJ    0x2060 /* word joiner: forbids a break, invisible */

/* One paragraph run being transformed. */
struct typo_run {
	GString *out;       /* the paragraph so far */
	const char *p;      /* next input byte */
	const char *end;    /* end of the input run */
	const struct typo_rules *rules;   /* the sheet's rules (never NULL) */
	gunichar *prev;     /* last character appended */
	int range;          /* a dash was just set: spaces after it are dropped */
	int dash;           /* the space before a spaced dash was just set or dropped */
};

static void typo_put(struct typo_run *r, gunichar c)
{
	g_string_append_unichar(r->out, c);
	*r->prev = c;
}

/* The character at p (0 at or past the end of the run). */
static gunichar typo_peek(const struct typo_run *r, const char *p)
{
	return p < r->end ? g_utf8_get_char(p) : 0;
}

static int typo_is_space(gunichar c)
{
	return c == ' ' || c == '\t' || c == TYPO_NBSP || c == TYPO_NNBSP;
}

/* Whether c is one of the characters of `set` (UTF-8; NULL: none).  An
 * ASCII character is found by its byte: in UTF-8 no other character's
 * bytes are under 0x80.  Any other is found by its UTF-8 bytes: its first
 * byte is a lead byte, which starts a character wherever it stands, so
 * the set needs no decoding. */
static int typo_in(const char *set, gunichar c)
{
	char u[6];
	int n;

	if (!c || !set)
		return 0;
	if (c < 0x80)
		return strchr(set, (int)c) != NULL;
	n = g_unichar_to_utf8(c, u);
	for (const char *s = set; (s = strchr(s, u[0])) != NULL; s++)
		if (strncmp(s, u, (size_t)n) == 0)
			return 1;
	return 0;
}

/* Whether c is a quotation mark: the language's own, or one Unicode calls
 * initial or final punctuation (« » “ ” ‘ ’). */
static int typo_is_quote(const struct typo_run *r, gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return c == r->rules->quote_open || c == r->rules->quote_close ||
	       t == G_UNICODE_INITIAL_PUNCTUATION || t == G_UNICODE_FINAL_PUNCTUATION;
}

/* Whether c is a mark of punct-space-before= that is not a quotation
 * mark (French ; : ! ?): two of them in a row take no space between. */
static int typo_is_high(const struct typo_run *r, gunichar c)
{
	return typo_in(r->rules->space_before, c) && !typo_is_quote(r, c);
}

/* Whether a straight quote after `prev` opens a quotation. */
static int typo_opens(gunichar prev)
{
	return prev == 0 || g_unichar_isspace(prev) || prev == TYPO_NNBSP ||
	       strchr("([{/-", (int)(prev < 128 ? prev : 1)) ||
	       prev == 0x2013 || prev == 0x2014 || prev == 0x00AB ||
	       prev == 0x201C || prev == 0x201E || prev == 0x2018;
}

/* Whether the text at p starts with one of the sheet's units followed by
 * a word end. */
static int typo_unit_at(const struct typo_run *r, const char *p)
{
	for (const char *u = r->rules->units; u && *u;) {
		size_t n = 0;

		while (*u == ' ')
			u++;
		while (u[n] && u[n] != ' ')
			n++;
		if (n && (size_t)(r->end - p) >= n && memcmp(p, u, n) == 0 &&
		    !g_unichar_isalnum(typo_peek(r, p + n)))
			return 1;
		u += n;
	}
	return 0;
}

/* Whether the text at p is exactly three digits and then no digit. */
static int typo_group_at(const struct typo_run *r, const char *p)
{
	for (int i = 0; i < 3; i++, p++)
		if (p >= r->end || !g_ascii_isdigit(*p))
			return 0;
	return !g_unichar_isdigit(typo_peek(r, p));
}

/* Whether `out` ends with a number of one to three digits, which a
 * following group of three digits continues ("10 000", not "2019 300"). */
static int typo_short_number(const GString *out)
{
	size_t n = out->len, d = 0;

	while (d < n && g_ascii_isdigit(out->str[n - 1 - d]))
		d++;
	return d >= 1 && d <= 3 && (d == n || !g_unichar_isalnum(g_utf8_get_char(
		g_utf8_prev_char(out->str + n - d))));
}

/* Whether `out` ends with the abbreviation "p." standing alone. */
static int typo_after_page(const GString *out)
{
	size_t n = out->len;

	if (n < 2 || out->str[n - 1] != '.' || out->str[n - 2] != 'p')
		return 0;
	return n == 2 || !g_unichar_isalnum(g_utf8_get_char(
		g_utf8_prev_char(out->str + n - 2)));
}

/* Number of ASCII digits `out` ends with. */
static size_t typo_trailing_digits(const GString *out)
{
	size_t d = 0;

	while (d < out->len && g_ascii_isdigit(out->str[out->len - 1 - d]))
		d++;
	return d;
}

/* Whether the text at p is `spaces? DASH? spaces? dddd` then no digit:
 * the rest of a year range ("2017 - 2019", "2017-2019", "2017- 2019"),
 * the dash included when `dash`, else already consumed. */
static int typo_range_rest(const struct typo_run *r, const char *p, int dash)
{
	while (p < r->end && *p == ' ')
		p++;
	if (dash) {
		if (p < r->end && *p == '-')
			p++;
		else if (typo_peek(r, p) == 0x2013)
			p = g_utf8_next_char(p);
		else
			return 0;
		while (p < r->end && *p == ' ')
			p++;
	}
	for (int i = 0; i < 4; i++, p++)
		if (p >= r->end || !g_ascii_isdigit(*p))
			return 0;
	return !g_unichar_isdigit(typo_peek(r, p));
}

/* Whether `out` ends with a year: four digits, no digit before. */
static int typo_after_year(const GString *out)
{
	return typo_trailing_digits(out) == 4;
}

/* What may follow a spaced dash: a space, the end, a comma, a stop… */
static int typo_dash_end(gunichar nx)
{
	return nx == ' ' || nx == 0 || nx == ',' || nx == '.' || nx == ')' || nx == ';';
}

static int typo_is_dash(gunichar c)
{
	return c == '-' || c == 0x2013 || c == 0x2014;
}

/* Whether a dash typed after a space (or after the space the rule
 * dropped: `dropped`),
 * before a space, a comma, a stop, a closing bracket, stands for a dash:
 * " - RAN -, ". */
static int typo_spaced_dash(const struct typo_run *r, const char *p, int dropped)
{
	gunichar prev = *r->prev;

	return r->rules->spaced_dash &&
	       (dropped || prev == ' ' || prev == TYPO_NBSP) && typo_dash_end(typo_peek(r, p));
}

/* Whether the text at p, a space, is followed by a dash that stands for a
 * spaced dash. */
static int typo_before_dash(const struct typo_run *r, const char *p)
{
	gunichar nx = typo_peek(r, p);

	return r->rules->spaced_dash && typo_is_dash(nx) &&
	       typo_dash_end(typo_peek(r, g_utf8_next_char(p)));
}

/* Sets the sheet's dash `rule` (" – ", "—"…) without its spaces; spaces
 * typed after it are dropped, its own space after is added before a
 * word when `word` (a closed dash typed between words). */
static void typo_set_dash(struct typo_run *r, const char *rule, int word)
{
	size_t n = strlen(rule);
	const char *s = rule;

	while (*s == ' ')
		s++;
	while (n && rule[n - 1] == ' ')
		n--;
	for (; s < rule + n; s = g_utf8_next_char(s))
		typo_put(r, g_utf8_get_char(s));
	if (word && n < strlen(rule))
		typo_put(r, ' ');
	else if (n == strlen(rule))
		r->range = 1; /* a closed dash: no space after it */
}

/* The space to set for a space character c followed by p: a no-break
 * variant when a rule asks for one, 0 to drop it, c otherwise. */
static gunichar typo_space(struct typo_run *r, gunichar c, const char *p)
{
	gunichar nx = typo_peek(r, p), prev = *r->prev;

	if (r->range || (c == ' ' && r->rules->range_dash && typo_after_year(r->out) &&
			 typo_range_rest(r, p, 1)))
		return 0; /* "2017 - 2019" is set "2017–2019" */
	if (prev == TYPO_NNBSP || prev == TYPO_NBSP)
		return c == ' ' ? 0 : c;
	if (c == ' ' && typo_before_dash(r, p)) {
		r->dash = 1;
		/* a spaced dash never starts a line; a closed one takes no space */
		return r->rules->spaced_dash[0] == ' ' ? TYPO_NBSP : 0;
	}
	if (typo_in(r->rules->space_before, nx) || typo_in(r->rules->space_after, prev))
		return r->rules->punct_space;
	if (c != ' ')
		return c;
	if (g_unichar_isdigit(prev) && typo_unit_at(r, p))
		return TYPO_NBSP;
	if (r->rules->digit_space && typo_short_number(r->out) && typo_group_at(r, p))
		return r->rules->digit_space;
	if (g_unichar_isdigit(nx) && typo_after_page(r->out))
		return TYPO_NBSP;
	return c;
}

/* A mark of punct-space-before= or punct-space-after=, with the sheet's
 * no-break space before it (unless one is there, the mark follows another
 * such mark, or — not a quotation mark — it is part of an address or a
 * time: "10:30", "?p=1") and after it. */
static void typo_mark(struct typo_run *r, gunichar c, const char *p)
{
	gunichar prev = *r->prev, nx = typo_peek(r, p);
	int quote = typo_is_quote(r, c);
	int glued = !quote && nx != 0 &&
		    (g_unichar_isalnum(nx) || strchr("/=&.", (int)(nx < 128 ? nx : 1)));

	if (typo_in(r->rules->space_before, c)) {
		if (prev == ' ')
			typo_put(r, TYPO_WJ); /* a space ended the previous run */
		else if (prev && !typo_is_space(prev) && !(!quote && typo_is_high(r, prev)) && !glued)
			typo_put(r, r->rules->punct_space);
	}
	typo_put(r, c);
	if (typo_in(r->rules->space_after, c) && !typo_is_space(typo_peek(r, p)))
		typo_put(r, r->rules->punct_space);
}

/* Transform and append one character c, the input continuing at p. */
static void typo_char(struct typo_run *r, gunichar c, const char *p)
{
	int dash = r->dash;

	r->dash = 0;
	if (r->range && !typo_is_space(c))
		r->range = 0;
	if ((c == '-' || c == 0x2013) && r->rules->range_dash && typo_after_year(r->out) &&
	    typo_range_rest(r, p, 0)) {
		/* a year range: the sheet's dash, kept on one line with both years */
		typo_set_dash(r, r->rules->range_dash, 0);
		typo_put(r, TYPO_WJ);
		r->range = 1;
	} else if (typo_is_dash(c) && typo_spaced_dash(r, p, dash)) {
		typo_set_dash(r, r->rules->spaced_dash, 0);
	} else if (c == 0x2014 && g_unichar_isalnum(*r->prev) && g_unichar_isalnum(typo_peek(r, p))) {
		/* a closed em dash between words: the language's own dash, else
		 * kept, never starting a line */
		const char *em = r->rules->em_dash ? r->rules->em_dash : "—";

		typo_put(r, em[0] == ' ' ? TYPO_NBSP : TYPO_WJ);
		typo_set_dash(r, em, 1);
	} else if (c == '\'') {
		typo_put(r, 0x2019);
	} else if (c == '"' && r->rules->quote_open) {
		gunichar q = typo_opens(*r->prev) ? r->rules->quote_open : r->rules->quote_close;

		if (typo_in(r->rules->space_before, q) || typo_in(r->rules->space_after, q))
			typo_mark(r, q, p);
		else
			typo_put(r, q);
	} else if (typo_is_space(c)) {
		gunichar s = typo_space(r, c, p);

		if (s)
			typo_put(r, s);
	} else if (typo_in(r->rules->space_before, c) || typo_in(r->rules->space_after, c)) {
		typo_mark(r, c, p);
	} else {
		typo_put(r, c);
	}
}

/* Whether set (NULL: none) holds an ASCII letter or digit. */
static int typo_has_alnum(const char *set)
{
	for (const char *s = set; s && *s; s++)
		if (g_ascii_isalnum(*s))
			return 1;
	return 0;
}

void typo_append(GString *out, const char *in, int len, const struct typo_rules *rules,
		 gunichar *prev)
{
	static const struct typo_rules none = { .lang = NULL };
	const struct typo_rules *rl = rules ? rules : &none;
	struct typo_run r = {
		.out = out,
		.p = in,
		.end = in + len,
		.rules = rl,
		.prev = prev,
	};

	/* an ASCII letter or digit takes no rule (the mark sets are checked
	 * to hold none, but a sheet that failed that check may still be in
	 * use: they are looked at once here) and is copied as it is */
	int plain = !typo_has_alnum(rl->space_before) && !typo_has_alnum(rl->space_after);

	while (r.p < r.end) {
		unsigned char b = (unsigned char)*r.p;
		gunichar c;

		if (plain && b < 0x80 && g_ascii_isalnum(b)) {
			r.dash = 0;
			r.range = 0;
			g_string_append_c(out, (char)b);
			*prev = b;
			r.p++;
			continue;
		}
		c = g_utf8_get_char(r.p);
		r.p = g_utf8_next_char(r.p);
		typo_char(&r, c, r.p);
	}
}

/* The <language> of the sheet for `lang`: by its full tag, else by its
 * first subtag, else the one of lang="*"; NULL when none. */
static const struct node *typo_language(const struct style_sheet *sheet, const char *lang)
{
	const struct node *root = sheet ? style_root(sheet) : NULL;
	const struct node *sub = NULL, *any = NULL;
	size_t n = 0;

	while (lang && lang[n] && lang[n] != '-' && lang[n] != '_')
		n++;
	for (const struct node *c = root ? root->first : NULL; c; c = c->next) {
		const char *tag;

		if (c->type != N_ELEM || strcmp(c->name, "language") != 0 ||
		    !(tag = doc_attr(c, "lang")))
			continue;
		if (lang && g_ascii_strcasecmp(tag, lang) == 0)
			return c;
		if (lang && n && strlen(tag) == n && g_ascii_strncasecmp(tag, lang, n) == 0)
			sub = c;
		if (strcmp(tag, "*") == 0)
			any = c;
	}
	return sub ? sub : any;
}

/* The no-break space a value names: "narrow" U+202F, "no-break" U+00A0;
 * 0 for anything else. */
static gunichar typo_space_named(const char *v)
{
	return !v ? 0 : strcmp(v, "narrow") == 0 ? TYPO_NNBSP : strcmp(v, "no-break") == 0 ? TYPO_NBSP : 0;
}

/* Whether v is valid UTF-8 of `n` characters (any number from 1 when n is
 * 0), none of them a letter, a digit or a space. */
static int typo_marks_value(const char *v, int n)
{
	int k = 0;

	if (!g_utf8_validate(v, -1, NULL))
		return 0;
	for (const char *s = v; *s; s = g_utf8_next_char(s), k++) {
		gunichar c = g_utf8_get_char(s);

		if (g_unichar_isalnum(c) || g_unichar_isspace(c) || c == TYPO_NNBSP || c == TYPO_WJ)
			return 0;
	}
	return n ? k == n : k > 0;
}

/* The marks= of the sheet's <quotes> for `lang`: the one whose lang= names
 * its full tag, else its first subtag, else the one without lang=; NULL
 * when none. */
static const char *typo_quotes(const struct style_sheet *sheet, const char *lang)
{
	const struct node *root = sheet ? style_root(sheet) : NULL;
	const char *sub = NULL, *any = NULL;

	for (const struct node *c = root ? root->first : NULL; c; c = c->next) {
		const char *tags;
		int how;

		if (c->type != N_ELEM || strcmp(c->name, "quotes") != 0)
			continue;
		if (!(tags = doc_attr(c, "lang"))) {
			any = any ? any : doc_attr(c, "marks");
			continue;
		}
		how = lang ? lang_in_list(tags, lang) : 0;
		if (how == 2)
			return doc_attr(c, "marks");
		if (how == 1 && !sub)
			sub = doc_attr(c, "marks");
	}
	return sub ? sub : any;
}

void typo_rules_of(struct typo_rules *r, const struct style_sheet *sheet, const char *lang)
{
	const struct node *n = typo_language(sheet, lang);
	const char *q = typo_quotes(sheet, lang);

	*r = (struct typo_rules){ .lang = lang };
	if (q && typo_marks_value(q, 2)) {
		r->quote_open = g_utf8_get_char(q);
		r->quote_close = g_utf8_get_char(g_utf8_next_char(q));
	}
	if (!n)
		return;
	r->range_dash = doc_attr(n, "range-dash");
	r->spaced_dash = doc_attr(n, "spaced-dash");
	r->em_dash = doc_attr(n, "em-dash");
	r->units = doc_attr(n, "units");
	r->space_before = doc_attr(n, "punct-space-before");
	r->space_after = doc_attr(n, "punct-space-after");
	r->punct_space = typo_space_named(doc_attr(n, "punct-space"));
	if (!r->punct_space)
		r->punct_space = TYPO_NNBSP;
	r->digit_space = typo_space_named(doc_attr(n, "digit-group-space"));
}
/* Whether v is one character, a space before and after it allowed when
 * `spaced`. */
static int typo_dash_value(const char *v, int spaced)
{
	const char *end = v + strlen(v);

	if (spaced && *v == ' ')
		v++;
	if (spaced && end > v && end[-1] == ' ')
		end--;
	return end > v && *v != ' ' && g_utf8_validate(v, end - v, NULL) &&
	       g_utf8_next_char(v) == end;
}

int typo_rules_check(const struct node *n, const char *file, struct msg *m)
{
	static const struct {
		const char *attr;
		int spaced;
		const char *what;
	} dashes[] = {
		{ "range-dash", 0, "one character (an en dash: –)" },
		{ "spaced-dash", 1, "one character, with a space before and after it or without (\" – \" or \"—\")" },
		{ "em-dash", 1, "one character, with a space before and after it or without (\" – \" or \"—\")" },
	};
	static const struct {
		const char *attr;
		int n; /* characters: 0 any number from 1 */
		const char *what;
	} marks[] = {
		{ "punct-space-before", 0, "marks, no letter, digit or space (;:!?»)" },
		{ "punct-space-after", 0, "marks, no letter, digit or space («)" },
	};
	static const char *const spaces[] = { "punct-space", "digit-group-space" };
	char what[160];
	int bad = 0;

	style_what(n, what, sizeof what);
	for (size_t i = 0; i < G_N_ELEMENTS(marks); i++) {
		const char *v = doc_attr(n, marks[i].attr);

		if (v && !typo_marks_value(v, marks[i].n)) {
			msg_at(m, M_SHEET_VALUE, file, doc_attr_line(n, marks[i].attr), 0, what,
			       marks[i].attr, v, marks[i].what);
			bad = -1;
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(spaces); i++) {
		const char *v = doc_attr(n, spaces[i]);

		if (v && !typo_space_named(v)) {
			msg_at(m, M_SHEET_VALUE, file, doc_attr_line(n, spaces[i]), 0, what,
			       spaces[i], v, "narrow (U+202F) or no-break (U+00A0)");
			bad = -1;
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(dashes); i++) {
		const char *v = doc_attr(n, dashes[i].attr);

		if (v && !typo_dash_value(v, dashes[i].spaced)) {
			msg_at(m, M_SHEET_VALUE, file, doc_attr_line(n, dashes[i].attr), 0, what,
			       dashes[i].attr, v, dashes[i].what);
			bad = -1;
		}
	}
	return bad;
}

int typo_quotes_check(const struct node *n, const char *file, struct msg *m)
{
	const char *v = doc_attr(n, "marks");
	char what[160];

	if (v && typo_marks_value(v, 2))
		return 0;
	msg_at(m, M_SHEET_VALUE, file, doc_attr_line(n, "marks"), 0, style_what(n, what, sizeof what),
	       "marks", v ? v : "", "two marks, the opening and the closing quotation mark (“” or «»)");
	return -1;
}
