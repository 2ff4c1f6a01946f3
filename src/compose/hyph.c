/* hyph: libhyphen dictionaries per language and the hyphenation points of a word. */
#include <ctype.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <hyphen.h>

#include "hyph.h"
#include "hyphdict.h"

/* Longest word handed to libhyphen; longer ones (never words) are skipped. */
#define HYPH_MAX_WORD 64
/* Most tokens remembered per language (a document's vocabulary fits). */
#define HYPH_MAX_CACHE 65536

/* One language asked for, with or without a dictionary. */
struct hyph_lang {
	char tag[16];      /* normalised tag: "fr", "fr_FR" */
	HyphenDict *dict;  /* NULL when no file matched */
	struct hyphdict hd; /* what owns dict */
	int warned;        /* M_HYPH_DICT already reported */
	GHashTable *cache; /* token → its points (as many bytes), words recur */
	const struct hyph_rule *rule; /* the sheet's rule for it, or NULL */
	int left, right, min_word; /* the parameters the cache was made with */
};

/* What the style sheet says of a language's hyphenation (see hyph.h). */
struct hyph_rule {
	char tag[16];            /* normalised tag it applies to: "fr" or "fr_FR" */
	struct hyph_policy pol;  /* fragments and capitals */
	GHashTable *except;      /* lower-case word -> its points, one byte a character */
};

struct hyph {
	char *dir;               /* folder of the hyph_*.dic files */
	struct hyph_rule *rules; /* from the style sheet */
	size_t nrules, caprules;
	struct msg *msg;         /* diagnostics sink */
	struct hyph_lang *langs; /* languages seen so far */
	size_t nlangs, cap;      /* used and allocated entries of langs */
	int64_t load_us;         /* CPU time spent finding and loading dictionaries */
	char last[32];           /* the language tag asked for last, as given */
	size_t last_i;           /* its entry of langs (valid when last[0]) */
};

struct hyph *hyph_new(const char *dir, struct msg *m)
{
	struct hyph *h = xcalloc(1, sizeof *h);

	*h = (struct hyph){ .dir = xstrdup(dir ? dir : HYPH_DIR), .msg = m };
	return h;
}

void hyph_free(struct hyph *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nlangs; i++) {
		hyphdict_free(&h->langs[i].hd);
		if (h->langs[i].cache)
			g_hash_table_destroy(h->langs[i].cache);
	}
	free(h->langs);
	for (size_t i = 0; i < h->nrules; i++)
		g_hash_table_destroy(h->rules[i].except);
	free(h->rules);
	free(h->dir);
	free(h);
}

/* "fr-fr" → primary "fr", region "FR" (region empty when absent or not
 * two letters); at most 8 letters of primary. */
static void hyph_split_tag(const char *lang, char *primary, char *region)
{
	size_t n = 0;

	while (n < 8 && isalpha((unsigned char)lang[n])) {
		primary[n] = (char)tolower((unsigned char)lang[n]);
		n++;
	}
	primary[n] = '\0';
	region[0] = '\0';
	if (lang[n] != '-' && lang[n] != '_')
		return;
	lang += n + 1;
	if (isalpha((unsigned char)lang[0]) && isalpha((unsigned char)lang[1]) &&
	    !isalnum((unsigned char)lang[2])) {
		region[0] = (char)toupper((unsigned char)lang[0]);
		region[1] = (char)toupper((unsigned char)lang[1]);
		region[2] = '\0';
	}
}

/* Load dir/hyph_<name>.dic into *hd if it exists; returns its dictionary. */
static HyphenDict *hyph_try(const struct hyph *h, const char *name, struct hyphdict *hd)
{
	char *path = g_strdup_printf("%s/hyph_%s.dic", h->dir, name);

	if (access(path, R_OK) == 0)
		hyphdict_load(hd, path, NULL);
	g_free(path);
	return hd->dict;
}

/* Any dir/hyph_<primary>_XX.dic, the first in name order, so that "en"
 * finds hyph_en_US.dic and "fr-XX" some French one. */
static HyphenDict *hyph_try_any(const struct hyph *h, const char *primary, struct hyphdict *hd)
{
	GDir *d = g_dir_open(h->dir, 0, NULL);
	char *prefix = g_strdup_printf("hyph_%s_", primary);
	char *best = NULL;
	const char *f;
	HyphenDict *dict = NULL;

	while (d && (f = g_dir_read_name(d)) != NULL) {
		if (!g_str_has_prefix(f, prefix) || !g_str_has_suffix(f, ".dic"))
			continue;
		if (!best || strcmp(f, best) < 0) {
			g_free(best);
			best = g_strdup(f);
		}
	}
	if (best) {
		char *path = g_build_filename(h->dir, best, NULL);

		hyphdict_load(hd, path, NULL);
		dict = hd->dict;
		g_free(path);
	}
	if (d)
		g_dir_close(d);
	g_free(best);
	g_free(prefix);
	return dict;
}

/* Best dictionary for primary/region: exact, then language only, then any
 * region of the language. */
static HyphenDict *hyph_find(const struct hyph *h, const char *primary,
			     const char *region, struct hyphdict *hd)
{
	HyphenDict *d = NULL;

	if (*region) {
		char *name = g_strdup_printf("%s_%s", primary, region);

		d = hyph_try(h, name, hd);
		g_free(name);
	}
	if (!d)
		d = hyph_try(h, primary, hd);
	if (!d)
		d = hyph_try_any(h, primary, hd);
	return d;
}

/* The sheet's rule for a language: its exact tag, else its primary one,
 * else the one of "*". */
static const struct hyph_rule *hyph_rule_of(const struct hyph *h, const char *primary,
					    const char *tag)
{
	const struct hyph_rule *best = NULL, *any = NULL;

	for (size_t i = 0; i < h->nrules; i++) {
		if (strcmp(h->rules[i].tag, tag) == 0)
			return &h->rules[i];
		if (strcmp(h->rules[i].tag, primary) == 0)
			best = &h->rules[i];
		if (strcmp(h->rules[i].tag, "*") == 0)
			any = &h->rules[i];
	}
	return best ? best : any;
}

/* "re-offend-ing Augsburg" -> reoffending: breaks after "re" and
 * "reoffend"; augsburg: none.  Keys are lower case, values one byte a
 * character (1: a break may follow it). */
static GHashTable *hyph_exceptions(const char *list)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char **words = g_strsplit_set(list ? list : "", " \t\r\n", -1);

	for (char **w = words; *w; w++) {
		GString *key = g_string_new(NULL), *pts = g_string_new(NULL);

		for (const char *p = *w; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			if (c == '-' || c == 0x2010) {
				if (pts->len)
					pts->str[pts->len - 1] = 1;
				continue;
			}
			g_string_append_unichar(key, g_unichar_tolower(c));
			g_string_append_c(pts, 0);
		}
		if (key->len)
			g_hash_table_replace(t, g_string_free(key, FALSE),
					     g_memdup2(pts->str, (guint)pts->len + 1));
		else
			g_string_free(key, TRUE);
		g_string_free(pts, TRUE);
	}
	g_strfreev(words);
	return t;
}

void hyph_set_policy(struct hyph *h, const char *lang, const struct hyph_policy *p)
{
	char primary[9], region[3];
	struct hyph_rule *r = NULL;

	if (!lang || !*lang)
		return;
	hyph_split_tag(lang, primary, region);
	if (strcmp(lang, "*") == 0)
		strcpy(primary, "*"); /* the rule of the languages without their own */
	if (!*primary)
		return;
	xgrow(&h->rules, &h->caprules, h->nrules + 1, sizeof *h->rules);
	r = &h->rules[h->nrules++];
	*r = (struct hyph_rule){ .pol = *p, .except = hyph_exceptions(p->exceptions) };
	r->pol.exceptions = NULL; /* kept as the table */
	snprintf(r->tag, sizeof r->tag, "%s%s%s", primary, *region ? "_" : "", region);
}

/* CPU time of this thread, in microseconds (the machine's load does not
 * count, unlike a wall clock). */
static int64_t hyph_cpu_us(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return 0;
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* The cache entry of `lang`, created (and its dictionary looked for) on
 * first use; NULL for an empty tag. */
/* Entry i of h's languages, remembered as the one of tag `lang`. */
static struct hyph_lang *hyph_remember(struct hyph *h, const char *lang, size_t i)
{
	if (strlen(lang) < sizeof h->last) {
		strcpy(h->last, lang);
		h->last_i = i;
	}
	return &h->langs[i];
}

static struct hyph_lang *hyph_lang(struct hyph *h, const char *lang)
{
	char primary[9], region[3], tag[16];
	int64_t t0;

	if (!lang || !*lang)
		return NULL;
	/* asked once a word: the same tag as last time is its entry again */
	if (h->last[0] && strcmp(lang, h->last) == 0)
		return &h->langs[h->last_i];
	hyph_split_tag(lang, primary, region);
	if (!*primary)
		return NULL;
	snprintf(tag, sizeof tag, "%s%s%s", primary, *region ? "_" : "", region);
	for (size_t i = 0; i < h->nlangs; i++)
		if (strcmp(h->langs[i].tag, tag) == 0)
			return hyph_remember(h, lang, i);
	xgrow(&h->langs, &h->cap, h->nlangs + 1, sizeof *h->langs);
	h->langs[h->nlangs] = (struct hyph_lang){ 0 };
	t0 = hyph_cpu_us();
	h->langs[h->nlangs].dict = hyph_find(h, primary, region, &h->langs[h->nlangs].hd);
	h->load_us += hyph_cpu_us() - t0;
	memcpy(h->langs[h->nlangs].tag, tag, sizeof tag);
	h->langs[h->nlangs].rule = hyph_rule_of(h, primary, tag);
	return hyph_remember(h, lang, h->nlangs++);
}

int hyph_ready(struct hyph *h, const char *lang, const char *file, long line)
{
	struct hyph_lang *l = hyph_lang(h, lang);

	if (!l)
		return 0;
	if (!l->dict && !l->warned) {
		l->warned = 1;
		msg_at(h->msg, M_HYPH_DICT, file, line, 0, lang);
	}
	return l->dict != NULL;
}

/* Soft hyphens: a point after each; returns how many. */
static int hyph_soft(const char *w, int len, char *points)
{
	int n = 0;

	for (int i = 0; i + 1 < len; i++)
		if ((unsigned char)w[i] == 0xC2 && (unsigned char)w[i + 1] == 0xAD) {
			points[i + 1] = 1;
			n++;
		}
	return n;
}

/* Whether the token looks like an address (URL, e-mail, domain, file
 * name): such tokens are never hyphenated automatically.  A slash between
 * words ("formations/ateliers") is not an address. */
static int hyph_is_address(const char *w, int len)
{
	if (g_strstr_len(w, len, "://") || g_strstr_len(w, len, "www.") ||
	    memchr(w, '@', len))
		return 1;
	for (int i = 1; i + 1 < len; i++) {
		if (!strchr(".\\_=", w[i]))
			continue;
		if (isalnum((unsigned char)w[i - 1]) && isalnum((unsigned char)w[i + 1]))
			return 1;
	}
	return 0;
}

/* Hyphenation of one alphabetic word w[0..len) (a lower-case copy is made):
 * marks points after the last byte of each legal character. */
static int hyph_part(HyphenDict *d, const char *w, int len, int left,
		     int right, char *points)
{
	int ends[HYPH_MAX_WORD];     /* byte after each character of w */
	char hy[HYPH_MAX_WORD * 6 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int nch = 0, n = 0;
	char *low = g_utf8_strdown(w, len), *conv = low;
	gsize clen = strlen(low);

	for (const char *p = w; p < w + len && nch < HYPH_MAX_WORD; p = g_utf8_next_char(p))
		ends[nch++] = (int)(g_utf8_next_char(p) - w);
	if (!d->utf8)
		conv = g_convert(low, -1, d->cset, "UTF-8", NULL, &clen, NULL);
	if (!conv || g_utf8_strlen(low, -1) != nch || clen > sizeof hy - 5)
		goto out;
	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate3(d, conv, (int)clen, hy, NULL, &rep, &pos, &cut,
				  left, right, left, right))
		goto out;
	for (int i = left - 1; i < nch - right; i++) {
		if (!(hy[i] & 1) || (rep && rep[i]))
			continue;
		points[ends[i] - 1] = 1;
		n++;
	}
out:
	if (rep) {
		for (int i = 0; i < (int)clen; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	if (conv != low)
		g_free(conv);
	g_free(low);
	return n;
}

/* Whether w[0..len) may be hyphenated by the dictionary at all: not too
 * short or long, no digit, not all capitals. */
static int hyph_word_ok(const char *w, int len, int min_word)
{
	int nch = 0, lower = 0, upper = 0;

	for (const char *p = w; p < w + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		nch++;
		if (g_unichar_isdigit(c))
			return 0;
		lower += g_unichar_islower(c);
		upper += g_unichar_isupper(c);
	}
	if (nch < min_word || nch > HYPH_MAX_WORD)
		return 0;
	return lower > 0 || upper < 2;
}

/* A word character: letters, digits (which then veto the word) and marks. */
static int hyph_is_word_char(gunichar c)
{
	return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

/* Whether the token is a compound written with its own hyphen
 * ("awareness-raising"): it then breaks there only. */
static int hyph_is_compound(const char *w, int len)
{
	for (const char *p = w; p < w + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if ((c == '-' || c == 0x2010) && p > w && p + 1 < w + len)
			return 1;
	}
	return 0;
}

/* The points of one part from the sheet's exceptions: 1 if the part is
 * listed (its points set, maybe none), 0 if not. */
static int hyph_exception(const struct hyph_rule *r, const char *w, int len, char *points,
			  int *n)
{
	char *low;
	const char *pts;
	long nch;

	if (!r || !r->except || g_hash_table_size(r->except) == 0)
		return 0;
	low = g_utf8_strdown(w, len);
	pts = g_hash_table_lookup(r->except, low);
	nch = g_utf8_strlen(low, -1);
	g_free(low);
	if (!pts)
		return 0;
	*n = 0;
	for (const char *p = w; p < w + len && nch-- > 0; p = g_utf8_next_char(p), pts++)
		if (*pts == 1 && g_utf8_next_char(p) < w + len) {
			points[g_utf8_next_char(p) - w - 1] = 1;
			(*n)++;
		}
	return 1;
}

/* The next alphabetic part of word[0, len) from byte *i on: bytes [*a, *b);
 * *i moves past it.  Returns 0 when there is none. */
static int hyph_next_part(const char *word, int len, int *i, int *a, int *b)
{
	while (*i < len && !hyph_is_word_char(g_utf8_get_char(word + *i)))
		*i = (int)(g_utf8_next_char(word + *i) - word);
	if (*i >= len)
		return 0;
	*a = *i;
	while (*i < len && hyph_is_word_char(g_utf8_get_char(word + *i)))
		*i = (int)(g_utf8_next_char(word + *i) - word);
	*b = *i;
	return 1;
}

/* Dictionary points of every alphabetic part of the token (see
 * hyph_word), under the language's rule: listed words as listed; the
 * points of a word with a capital dropped or marked 2, a last resort, as
 * the rule says (the first word of a sentence, `lead`, is never dropped,
 * only marked), and those of a
 * compound marked 2 (a name is left whole, a compound breaks at its own
 * hyphen). */
static int hyph_parts(const struct hyph_lang *l, const char *word, int len, int left,
		      int right, int min_word, int lead, char *points)
{
	const struct hyph_rule *r = l->rule;
	int n = 0, first = 1;

	for (int i = 0, a, b; hyph_next_part(word, len, &i, &a, &b); first = 0) {
		int k = 0;

		if (hyph_exception(r, word + a, b - a, points + a, &k)) {
			n += k;
			if (k && r->pol.capitals != HYPH_CAPS_YES &&
			    g_unichar_isupper(g_utf8_get_char(word + a)))
				/* a listed name: where listed, as a last resort */
				for (int j = a; j < b; j++)
					points[j] = points[j] ? 2 : 0;
		} else if (hyph_word_ok(word + a, b - a, min_word)) {
			k = hyph_part(l->dict, word + a, b - a, left, right,
				      points + a);
			n += k;
			if (k && r && r->pol.capitals != HYPH_CAPS_YES &&
			    g_unichar_isupper(g_utf8_get_char(word + a))) {
				/* a name, most likely: never, or a last resort; a
				 * sentence's first word is a last resort */
				int never = r->pol.capitals == HYPH_CAPS_NEVER && !(lead && first);

				for (int j = a; j < b; j++)
					points[j] = points[j] && !never ? 2 : 0;
				n -= never ? k : 0;
			}
		}
	}
	if (n && hyph_is_compound(word, len)) /* a last resort only */
		for (int i = 0; i < len; i++)
			points[i] = points[i] ? 2 : 0;
	return n;
}

/* The points of a token from the language's cache, computing and keeping
 * them on a miss (when the cache was made with the same parameters). */
static int hyph_cached(struct hyph_lang *l, const char *word, int len, int left,
		       int right, int min_word, int lead, char *points)
{
	char *key, *val;
	int n = 0;

	if (!l->cache) {
		l->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		l->left = left;
		l->right = right;
		l->min_word = min_word;
	}
	if (l->left != left || l->right != right || l->min_word != min_word)
		return hyph_parts(l, word, len, left, right, min_word, lead, points);
	/* a sentence's first word is its own entry: "\1" before it */
	key = lead ? g_strdup_printf("\1%.*s", len, word) : g_strndup(word, (gsize)len);
	if ((val = g_hash_table_lookup(l->cache, key)) != NULL) {
		memcpy(points, val, (size_t)len);
		g_free(key);
	} else {
		hyph_parts(l, word, len, left, right, min_word, lead, points);
		if (g_hash_table_size(l->cache) < HYPH_MAX_CACHE)
			g_hash_table_insert(l->cache, key, g_memdup2(points, (guint)len));
		else
			g_free(key);
	}
	for (int i = 0; i < len; i++)
		n += points[i];
	return n;
}

int hyph_word(struct hyph *h, const char *lang, const char *word, int len,
	      int left, int right, int min_word, char *points)
{
	return hyph_word_at(h, lang, word, len, left, right, min_word, 0, points);
}

int hyph_word_at(struct hyph *h, const char *lang, const char *word, int len,
		 int left, int right, int min_word, int lead, char *points)
{
	struct hyph_lang *l;
	int n;

	memset(points, 0, (size_t)len);
	if ((n = hyph_soft(word, len, points)) > 0)
		return n;
	l = hyph_lang(h, lang);
	if (!l || !l->dict || hyph_is_address(word, len))
		return 0;
	if (l->rule) { /* the sheet's fragments win over the caller's */
		left = l->rule->pol.left > 0 ? l->rule->pol.left : left;
		right = l->rule->pol.right > 0 ? l->rule->pol.right : right;
		min_word = l->rule->pol.min_word > 0 ? l->rule->pol.min_word : min_word;
	}
	return hyph_cached(l, word, len, left > 0 ? left : 2, right > 0 ? right : 2,
			   min_word, lead, points);
}

/* ---- guesses ------------------------------------------------------------- */

/* A letter's part in a syllable guess: 'v' a vowel (Latin, Greek,
 * Cyrillic, accents aside), 'c' a consonant, 'n' a consonant no fragment
 * starts with (Cyrillic soft and hard signs, short i), 0 no letter;
 * *base gets its lower-case base letter. */
static int hyph_letter_class(gunichar c, gunichar *base)
{
	static const gunichar vowels[] = {
		'a', 'e', 'i', 'o', 'u', 'y', 0xE6, 0xF8, 0x153,         /* æ ø œ */
		0x3B1, 0x3B5, 0x3B7, 0x3B9, 0x3BF, 0x3C5, 0x3C9,        /* α ε η ι ο υ ω */
		0x430, 0x435, 0x438, 0x43E, 0x443, 0x44B, 0x44D, 0x44E, 0x44F, /* а е и о у ы э ю я */
		0x454, 0x456,                                           /* є і */
	};
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

	*base = 0;
	if (!g_unichar_isalpha(c))
		return 0;
	c = g_unichar_tolower(c);
	if (c == 0x44C || c == 0x44A || c == 0x439) { /* ь ъ й */
		*base = c;
		return 'n';
	}
	if (g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d)) > 0)
		c = d[0];
	*base = c;
	for (size_t i = 0; i < G_N_ELEMENTS(vowels); i++)
		if (vowels[i] == c)
			return 'v';
	return 'c';
}

/* Whether two consonants write one sound and stay together: ch, sh, th,
 * ph, gh, kh, zh, wh; cz, sz, rz, dz (dż, dź). */
static int hyph_digraph(gunichar a, gunichar b)
{
	return (b == 'h' && a < 128 && strchr("cstpgkzw", (int)a)) ||
	       (b == 'z' && a < 128 && strchr("csrd", (int)a));
}

/* The guessed points of one alphabetic part w[0..len) (see hyph.h):
 * before each consonant followed by a vowel, or before the digraph it
 * ends, with `left`/`right` characters and a vowel on each side. */
static int hyph_guess_part(const char *w, int len, int left, int right, char *points)
{
	int ends[HYPH_MAX_WORD], cls[HYPH_MAX_WORD], vowel_before[HYPH_MAX_WORD + 1];
	gunichar base[HYPH_MAX_WORD];
	int nch = 0, n = 0;

	for (const char *p = w; p < w + len; p = g_utf8_next_char(p)) {
		if (nch == HYPH_MAX_WORD)
			return 0;
		ends[nch] = (int)(g_utf8_next_char(p) - w);
		cls[nch] = hyph_letter_class(g_utf8_get_char(p), &base[nch]);
		nch++;
	}
	vowel_before[0] = 0;
	for (int i = 0; i < nch; i++)
		vowel_before[i + 1] = vowel_before[i] || cls[i] == 'v';
	for (int i = 1; i + 1 < nch; i++) {
		int k = i; /* the break falls before character k */

		if (cls[i] != 'c' || cls[i + 1] != 'v')
			continue;
		if (cls[i - 1] == 'c' && hyph_digraph(base[i - 1], base[i]))
			k = i - 1;
		if (k < left || nch - k < right || k < 1 || !cls[k - 1] || !vowel_before[k])
			continue;
		points[ends[k - 1] - 1] = 1;
		n++;
	}
	return n;
}

/* Whether a guessed point after byte p of the part w[0..len) is at
 * least HYPH_GUESS_GAP characters from every other point the dictionary
 * gives the part (dict): a guess goes only inside a long stretch the
 * dictionary leaves without a point, or where it agrees. */
static int hyph_far_from(const char *w, int len, int p, const char *dict)
{
	for (int q = 0; q < len; q++) {
		int lo = p < q ? p : q, hi = p < q ? q : p;

		if (dict[q] && q != p && g_utf8_strlen(w + lo + 1, hi - lo) < HYPH_GUESS_GAP)
			return 0;
	}
	return 1;
}

int hyph_guess_at(struct hyph *h, const char *lang, const char *word, int len,
		  int left, int right, int min_word, int lead, int reach, char *points)
{
	char dict[HYPH_MAX_WORD * 6 + 8], guess[HYPH_MAX_WORD * 6 + 8];
	struct hyph_lang *l;
	const struct hyph_rule *r;
	int n = 0, first = 1, wide = reach >= HYPH_GUESS_WIDE;

	/* the dictionary's points first, most often kept from the paragraph's
	 * hyphenation: a token it breaks (or the author did) is not guessed in
	 * but at the wide reach */
	if (hyph_word_at(h, lang, word, len, left, right, min_word, lead, points) > 0 && !wide) {
		memset(points, 0, (size_t)len);
		return 0;
	}
	memset(points, 0, (size_t)len);
	l = hyph_lang(h, lang);
	if (!l || hyph_is_address(word, len) || (hyph_is_compound(word, len) && !wide))
		return 0;
	if ((r = l->rule) != NULL) {
		left = r->pol.left > 0 ? r->pol.left : left;
		right = r->pol.right > 0 ? r->pol.right : right;
		min_word = r->pol.min_word > 0 ? r->pol.min_word : min_word;
	}
	left = left > 0 ? left : 2;
	right = right > 0 ? right : 2;
	if (l->dict && min_word < (wide ? HYPH_GUESS_WIDE_MIN_WORD : HYPH_GUESS_MIN_WORD))
		min_word = wide ? HYPH_GUESS_WIDE_MIN_WORD : HYPH_GUESS_MIN_WORD;
	for (int i = 0, a, b; hyph_next_part(word, len, &i, &a, &b); first = 0) {
		int k = 0, m = b - a, known;
		int name = g_unichar_isupper(g_utf8_get_char(word + a)) && !(lead && first) &&
			   !(r && r->pol.capitals == HYPH_CAPS_YES) && !wide;

		memset(dict, 0, sizeof dict);
		if (name || m >= (int)sizeof dict || !hyph_word_ok(word + a, m, min_word) ||
		    hyph_exception(r, word + a, m, dict, &k))
			continue;
		known = l->dict ? hyph_part(l->dict, word + a, m, 1, 1, dict) : 0;
		if (known > 0 && !wide)
			continue;
		if (known > 0) { /* the points a break may take, to keep away from */
			memset(dict, 0, sizeof dict);
			known = hyph_part(l->dict, word + a, m, left, right, dict);
		}
		memset(guess, 0, (size_t)m);
		if (!hyph_guess_part(word + a, m, left, right, guess))
			continue;
		for (int p = 0; p < m; p++)
			if (guess[p] && (known <= 0 || hyph_far_from(word + a, m, p, dict))) {
				points[a + p] = 1;
				n++;
			}
	}
	return n;
}

double hyph_setup_ms(const struct hyph *h)
{
	return h ? (double)h->load_us / 1000.0 : 0;
}
