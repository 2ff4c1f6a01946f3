/* lang: the languages plaquette knows, by tag and by name. */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "lang.h"

struct lang_entry {
	const char *tag;
	const char *name;    /* in English */
	const char *native;  /* in the language itself */
};

static const struct lang_entry lang_table[] = {
	{ "ar", "Arabic", "العربية" },      { "bg", "Bulgarian", "български" },
	{ "bs", "Bosnian", "bosanski" },    { "ca", "Catalan", "català" },
	{ "cs", "Czech", "čeština" },       { "cy", "Welsh", "Cymraeg" },
	{ "da", "Danish", "dansk" },        { "de", "German", "Deutsch" },
	{ "el", "Greek", "ελληνικά" },      { "en", "English", "English" },
	{ "es", "Spanish", "español" },     { "et", "Estonian", "eesti" },
	{ "eu", "Basque", "euskara" },      { "fi", "Finnish", "suomi" },
	{ "fr", "French", "français" },     { "ga", "Irish", "Gaeilge" },
	{ "gl", "Galician", "galego" },     { "he", "Hebrew", "עברית" },
	{ "hr", "Croatian", "hrvatski" },   { "hu", "Hungarian", "magyar" },
	{ "is", "Icelandic", "íslenska" },  { "it", "Italian", "italiano" },
	{ "lb", "Luxembourgish", "Lëtzebuergesch" }, { "lt", "Lithuanian", "lietuvių" },
	{ "lv", "Latvian", "latviešu" },    { "mk", "Macedonian", "македонски" },
	{ "mt", "Maltese", "Malti" },       { "nb", "Norwegian Bokmål", "norsk bokmål" },
	{ "nl", "Dutch", "Nederlands" },    { "nn", "Norwegian Nynorsk", "norsk nynorsk" },
	{ "no", "Norwegian", "norsk" },     { "pl", "Polish", "polski" },
	{ "pt", "Portuguese", "português" }, { "ro", "Romanian", "română" },
	{ "ru", "Russian", "русский" },     { "sk", "Slovak", "slovenčina" },
	{ "sl", "Slovenian", "slovenščina" }, { "sq", "Albanian", "shqip" },
	{ "sr", "Serbian", "српски" },      { "sv", "Swedish", "svenska" },
	{ "tr", "Turkish", "Türkçe" },      { "uk", "Ukrainian", "українська" },
};

enum { LANG_COUNT = sizeof lang_table / sizeof lang_table[0], LANG_SUGGEST = 3 };

int lang_well_formed(const char *tag)
{
	size_t i = 0, run = 0;

	while (g_ascii_isalpha(tag[i]))
		i++;
	if (i < 2 || i > 8)
		return 0;
	while (tag[i] == '-') {
		i++;
		for (run = 0; g_ascii_isalnum(tag[i]); i++)
			run++;
		if (run < 1 || run > 8)
			return 0;
	}
	return tag[i] == '\0';
}

int lang_known(const char *tag)
{
	size_t n = strcspn(tag, "-");

	for (size_t i = 0; i < LANG_COUNT; i++)
		if (strlen(lang_table[i].tag) == n && g_ascii_strncasecmp(lang_table[i].tag, tag, n) == 0)
			return 1;
	return 0;
}

/* Lower-case ASCII form of UTF-8 text ("Español" → "espanol"). */
static char *lang_fold(const char *s)
{
	char *a = g_str_to_ascii(s, "C");
	char *l = g_ascii_strdown(a, -1);

	g_free(a);
	return l;
}

/* Levenshtein distance of two short ASCII strings (longer ones are cut). */
static int lang_distance(const char *a, const char *b)
{
	enum { MAX = 32 };
	int d[MAX + 1][MAX + 1];
	size_t la = strlen(a) < MAX ? strlen(a) : MAX, lb = strlen(b) < MAX ? strlen(b) : MAX;

	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;

			d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

/* How far value is from entry: the best of its tag, English and own name. */
static int lang_score(const char *folded, const struct lang_entry *e)
{
	char *n = lang_fold(e->name), *o = lang_fold(e->native);
	int best = lang_distance(folded, e->tag) * 2;
	int dn = lang_distance(folded, n), dnat = lang_distance(folded, o);

	/* a name that starts the same way ("span" for Spanish) counts as close */
	if (strlen(folded) >= 3 && (strncmp(n, folded, strlen(folded)) == 0 ||
				    strncmp(o, folded, strlen(folded)) == 0))
		best = 0;
	best = dn < best ? dn : best;
	best = dnat < best ? dnat : best;
	g_free(n);
	g_free(o);
	return best;
}

void lang_closest(const char *value, char *out, size_t size)
{
	char *folded = lang_fold(value);
	int score[LANG_COUNT];
	size_t used = 0, shown = 0;

	out[0] = '\0';
	/* "fr_FR", "FR-fr": the tag with the wrong separator or case */
	for (char *p = folded; *p; p++)
		if (*p == '_')
			*p = '-';
	if (lang_well_formed(folded) && lang_known(folded)) {
		size_t n = strcspn(folded, "-");
		char *tag = g_strdup(folded);

		for (char *p = tag + n; *p; p++)
			*p = g_ascii_toupper(*p);
		for (size_t i = 0; i < LANG_COUNT; i++)
			if (strncmp(lang_table[i].tag, tag, n) == 0 && lang_table[i].tag[n] == '\0')
				used += (size_t)snprintf(out, size, "%s (%s, %s)", tag, lang_table[i].native,
							 lang_table[i].name);
		g_free(tag);
		g_free(folded);
		return;
	}
	for (size_t i = 0; i < LANG_COUNT; i++)
		score[i] = lang_score(folded, &lang_table[i]);
	while (shown < LANG_SUGGEST) {
		size_t best = LANG_COUNT;

		for (size_t i = 0; i < LANG_COUNT; i++)
			if (score[i] >= 0 && (best == LANG_COUNT || score[i] < score[best]))
				best = i;
		if (best == LANG_COUNT || (shown > 0 && score[best] > 3))
			break;
		if (used < size)
			used += (size_t)snprintf(out + used, size - used, "%s%s (%s, %s)", shown ? ", " : "",
						 lang_table[best].tag, lang_table[best].native,
						 lang_table[best].name);
		score[best] = -1;
		shown++;
	}
	g_free(folded);
}

int lang_in_list(const char *list, const char *lang)
{
	size_t n = strlen(lang), sub = 0;
	int how = 0;

	while (sub < n && lang[sub] != '-' && lang[sub] != '_')
		sub++;
	for (const char *p = list; *p;) {
		size_t w = 0;

		while (*p == ' ')
			p++;
		while (p[w] && p[w] != ' ')
			w++;
		if (w && w == n && g_ascii_strncasecmp(p, lang, n) == 0)
			return 2;
		if (w && w == sub && g_ascii_strncasecmp(p, lang, sub) == 0)
			how = 1;
		p += w;
	}
	return how;
}
