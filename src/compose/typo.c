/* typo: language-dependent typographic rules applied to paragraph text. */
#include <string.h>

#include "typo.h"

#define TYPO_NBSP  0x00A0 /* no-break space */
#define TYPO_NNBSP 0x202F /* narrow no-break space */
#define TYPO_WJ    0x2060 /* word joiner: forbids a break, invisible */

/* Quotation marks of a language, for straight double quotes. */
struct typo_quotes {
	const char *lang;  /* primary language subtag */
	gunichar open;     /* opening mark */
	gunichar close;    /* closing mark */
};

static const struct typo_quotes typo_quote_table[] = {
	{ .lang = "fr", .open = 0x00AB, .close = 0x00BB },
	{ .lang = "de", .open = 0x201E, .close = 0x201C },
	{ .lang = "es", .open = 0x00AB, .close = 0x00BB },
	{ .lang = "it", .open = 0x00AB, .close = 0x00BB },
	{ .lang = "pt", .open = 0x00AB, .close = 0x00BB },
	{ .lang = "ru", .open = 0x00AB, .close = 0x00BB },
	{ .lang = "pl", .open = 0x201E, .close = 0x201D },
	{ .lang = "nl", .open = 0x201C, .close = 0x201D },
	{ .lang = "en", .open = 0x201C, .close = 0x201D },
};

/* Units that stay with the number before them ("12 km", "30 %"). */
static const char *const typo_units[] = {
	"%", "‰", "€", "$", "£", "°", "°C", "km", "m", "cm", "mm", "m²", "km²",
	"kg", "g", "mg", "t", "h", "min", "s", "ms", "l", "L", "ml", "ha",
	"M€", "k€", "Md€", "Mo", "Go", "ko", "kW", "MW", "W", "V", "pt",
};

/* One paragraph run being transformed. */
struct typo_run {
	GString *out;       /* the paragraph so far */
	const char *p;      /* next input byte */
	const char *end;    /* end of the input run */
	int french;         /* French rules apply */
	const struct typo_quotes *quotes; /* quotation marks of the language */
	gunichar *prev;     /* last character appended */
	int range;          /* a range dash was just set: spaces after it are dropped */
};

static int typo_is_lang(const char *lang, const char *primary)
{
	size_t n = strlen(primary);

	return lang && g_ascii_strncasecmp(lang, primary, n) == 0 &&
	       (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

static const struct typo_quotes *typo_quotes_of(const char *lang)
{
	for (size_t i = 0; i < G_N_ELEMENTS(typo_quote_table); i++)
		if (typo_is_lang(lang, typo_quote_table[i].lang))
			return &typo_quote_table[i];
	return &typo_quote_table[G_N_ELEMENTS(typo_quote_table) - 1];
}

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

/* French punctuation that takes a narrow no-break space before it. */
static int typo_is_high(gunichar c)
{
	return c == ';' || c == ':' || c == '!' || c == '?';
}

/* Whether a straight quote after `prev` opens a quotation. */
static int typo_opens(gunichar prev)
{
	return prev == 0 || g_unichar_isspace(prev) || prev == TYPO_NNBSP ||
	       strchr("([{/-", (int)(prev < 128 ? prev : 1)) ||
	       prev == 0x2013 || prev == 0x2014 || prev == 0x00AB ||
	       prev == 0x201C || prev == 0x201E || prev == 0x2018;
}

/* Whether the text at p starts with a unit word followed by a word end. */
static int typo_unit_at(const struct typo_run *r, const char *p)
{
	for (size_t i = 0; i < G_N_ELEMENTS(typo_units); i++) {
		size_t n = strlen(typo_units[i]);

		if ((size_t)(r->end - p) < n || memcmp(p, typo_units[i], n))
			continue;
		if (!g_unichar_isalnum(typo_peek(r, p + n)))
			return 1;
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

/* Whether a typed "-" between spaces (or before a comma, a stop, a
 * closing bracket) stands for a dash: " - RAN -, ". */
static int typo_spaced_dash(const struct typo_run *r, const char *p)
{
	gunichar prev = *r->prev;

	return (prev == ' ' || prev == TYPO_NBSP) && typo_dash_end(typo_peek(r, p));
}

/* The space to set for a space character c followed by p: a no-break
 * variant when a rule asks for one, 0 to drop it, c otherwise. */
static gunichar typo_space(const struct typo_run *r, gunichar c, const char *p)
{
	gunichar nx = typo_peek(r, p), prev = *r->prev;

	if (r->range || (c == ' ' && typo_after_year(r->out) && typo_range_rest(r, p, 1)))
		return 0; /* "2017 - 2019" is set "2017–2019" */
	if (prev == TYPO_NNBSP || prev == TYPO_NBSP)
		return c == ' ' ? 0 : c;
	if (c == ' ' && (nx == '-' || nx == 0x2013) && typo_dash_end(typo_peek(r, p + (nx == '-' ? 1 : 3))))
		return TYPO_NBSP; /* a spaced dash never starts a line */
	if (r->french && (typo_is_high(nx) || nx == 0x00BB || prev == 0x00AB))
		return TYPO_NNBSP;
	if (c != ' ')
		return c;
	if (g_unichar_isdigit(prev) && typo_unit_at(r, p))
		return TYPO_NBSP;
	if (r->french && typo_short_number(r->out) && typo_group_at(r, p))
		return TYPO_NNBSP;
	if (g_unichar_isdigit(nx) && typo_after_page(r->out))
		return TYPO_NBSP;
	return c;
}

/* French ; : ! ? — a narrow no-break space before, unless one is there,
 * the mark follows another, or it is part of an address or a time. */
static void typo_high(struct typo_run *r, gunichar c, const char *p)
{
	gunichar prev = *r->prev, nx = typo_peek(r, p);
	int glued = nx != 0 && (g_unichar_isalnum(nx) || strchr("/=&.", (int)(nx < 128 ? nx : 1)));

	if (prev == ' ')
		typo_put(r, TYPO_WJ); /* a space ended the previous run */
	else if (prev && !typo_is_space(prev) && !typo_is_high(prev) && !glued)
		typo_put(r, TYPO_NNBSP);
	typo_put(r, c);
}

/* Guillemets, typed or from straight quotes, with their inner spaces. */
static void typo_guillemet(struct typo_run *r, gunichar c, const char *p)
{
	gunichar prev = *r->prev;

	if (c == 0x00BB && prev == ' ')
		typo_put(r, TYPO_WJ);
	else if (c == 0x00BB && prev && !typo_is_space(prev))
		typo_put(r, TYPO_NNBSP);
	typo_put(r, c);
	if (c == 0x00AB && !typo_is_space(typo_peek(r, p)))
		typo_put(r, TYPO_NNBSP);
}

/* Transform and append one character c, the input continuing at p. */
static void typo_char(struct typo_run *r, gunichar c, const char *p)
{
	if (r->range && !typo_is_space(c))
		r->range = 0;
	if ((c == '-' || c == 0x2013) && typo_after_year(r->out) && typo_range_rest(r, p, 0)) {
		/* a year range: an en dash, kept on one line with both years */
		typo_put(r, 0x2013);
		typo_put(r, TYPO_WJ);
		r->range = 1;
	} else if (c == '-' && typo_spaced_dash(r, p)) {
		typo_put(r, 0x2013);
	} else if (c == '\'') {
		typo_put(r, 0x2019);
	} else if (c == '"') {
		gunichar q = typo_opens(*r->prev) ? r->quotes->open : r->quotes->close;

		if (r->french)
			typo_guillemet(r, q, p);
		else
			typo_put(r, q);
	} else if (typo_is_space(c)) {
		gunichar s = typo_space(r, c, p);

		if (s)
			typo_put(r, s);
	} else if (r->french && typo_is_high(c)) {
		typo_high(r, c, p);
	} else if (r->french && (c == 0x00AB || c == 0x00BB)) {
		typo_guillemet(r, c, p);
	} else {
		typo_put(r, c);
	}
}

void typo_append(GString *out, const char *in, int len, const char *lang,
		 gunichar *prev)
{
	struct typo_run r = {
		.out = out,
		.p = in,
		.end = in + len,
		.french = typo_is_lang(lang, "fr"),
		.quotes = typo_quotes_of(lang),
		.prev = prev,
	};

	while (r.p < r.end) {
		gunichar c = g_utf8_get_char(r.p);

		r.p = g_utf8_next_char(r.p);
		typo_char(&r, c, r.p);
	}
}
