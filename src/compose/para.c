/* para: breaks one paragraph into lines with Knuth–Plass over Pango widths.
 *
 * The paragraph is shaped once without width (the measure, measure.h): its
 * glyph widths and Pango's break opportunities give boxes, glue and
 * penalties, and the total-fit algorithm chooses the breaks that minimise
 * the demerits of the whole paragraph.  The chosen lines are then cut
 * from the measure's glyph runs (run.h): only the word fragment at an edge
 * that is not a word space (an added or typed hyphen, a split word) is
 * shaped again, with its hyphen; paragraphs whose runs Pango treats
 * differently at line edges (letter spacing, text transforms, tabs,
 * right-to-left runs) are shaped again a line at a time, in layouts of up
 * to PARA_CHUNK lines.  The glyphs of each justified line (spaces, then up
 * to 2 % of letter spacing) are widened or narrowed so that it ends
 * exactly at the measure.  Right-to-left paragraphs keep Pango's own
 * breaking.
 */
#include <limits.h>
#include <math.h>
#include <string.h>


#include "ahead.h"
#include "doc.h"
#include "hyph.h"
#include "lang.h"
#include "measure.h"
#include "para.h"
#include "run.h"
#include "style.h"
#include "typo.h"

/* Demerits and penalties, in TeX's scale (badness 100 = ratio 1). */
#define PARA_LINE_PENALTY     10    /* every line costs this much */
#define PARA_HYPHEN_PENALTY   200   /* breaking at an added hyphen */
#define PARA_EXPLICIT_PENALTY 50    /* breaking after a typed hyphen */
#define PARA_OTHER_PENALTY    100   /* other breaks: after "/", a dash… */
#define PARA_CHAR_PENALTY     1000  /* inside a word wider than the measure */
#define PARA_GUESS_PENALTY    1000  /* at a guessed hyphenation point (hyph_guess_at) */
#define PARA_DOUBLE_HYPHEN    10000 /* two hyphenated lines in a row */
#define PARA_FINAL_HYPHEN     5000  /* a hyphen on the last but one line */
#define PARA_ADJ_DEMERITS     10000 /* neighbour lines of distant fitness */
#define PARA_LOOSE_DEMERITS   1e6   /* a line looser than ratio 1 even after letter spacing */
#define PARA_MAX_HYPHENS      2     /* most consecutive lines ending with "-" */
#define PARA_MAX_BADNESS      1e8   /* cap, so that demerits stay finite */
/* Stretchability of a justified line at ratio 1 (shrinkability at -1),
 * all three inside the model: the spaces, letter spacing and glyph
 * expansion share every adjustment in proportion, so that a line at ratio
 * 1 shows word gaps about 1.45 x natural (PARA_GAP_LOOSE is 1.5), letters
 * spaced 1.5 % and glyphs 2 % wider. */
#define PARA_SPACE_STRETCH    400   /* per mille of the spaces' width */
#define PARA_SPACE_SHRINK     250   /* per mille of the spaces' width */
#define PARA_TRACK            15    /* letter spacing, per mille of the letters' width */
#define PARA_EXPAND           20    /* glyph expansion, per mille of the line */
#define PARA_LOOSE_MARK       10.0  /* ratio shown for a line without spaces left short */
/* Glyph expansion is drawn in whole steps of this many per mille: every
 * distinct expansion is a font of its own to Cairo (its glyphs loaded
 * again, its own text matrix in the PDF), and a step this small cannot be
 * seen; the line's spaces take the rounding, so it keeps its width. */
#define PARA_EXPAND_STEP      2

#define PARA_CHUNK            32    /* most lines shaped in one layout */
#define PARA_HYPHEN "\xE2\x80\x90" /* U+2010 HYPHEN, "-" if the font lacks it */

/* One attempt at breaking: which breaks exist and what is tolerated. */
struct para_pass {
	double tolerance; /* largest adjustment ratio of a line */
	int hyphenate;    /* automatic hyphenation points are offered */
	int guess;        /* and guessed ones up to this reach (hyph_guess_at's
			     HYPH_GUESS_UNKNOWN: words no dictionary breaks; HYPH_GUESS_WIDE) */
	int if_guessed;   /* skipped when this reach guesses nothing new (a pass
			     before tried the same) */
	int final;        /* last resort: words are split, nothing fails */
};

/* A justified line looser than this ratio shows word gaps over about
 * PARA_GAP_LOOSE x the natural space: past ratio 1 the spaces take all
 * the stretch, a gap being about 1 + 0.4 r natural (PARA_SPACE_STRETCH). */
#define PARA_VISIBLE          1.2

/* Tight without hyphens, then with hyphens, then looser (compounds and
 * names at last-resort points too).  A justified setting with a line
 * looser than PARA_VISIBLE is kept only when guessed points
 * (hyph_guess_at) cannot do better: the emergency passes, in words no
 * dictionary breaks within PARA_VISIBLE first, then looser; then at the
 * wider reach (shorter words, long stretches the dictionary leaves
 * without a point), then anything.  A loose line is taken only when the
 * paragraph has no other way. */
static const struct para_pass para_passes[] = {
	{ .tolerance = 1.0, .hyphenate = 0 },
	{ .tolerance = 1.0, .hyphenate = 1 },
	{ .tolerance = 1.5, .hyphenate = 1 },
	{ .tolerance = PARA_VISIBLE, .hyphenate = 1, .guess = HYPH_GUESS_UNKNOWN, .if_guessed = 1 },
	{ .tolerance = 1.5, .hyphenate = 1, .guess = HYPH_GUESS_UNKNOWN, .if_guessed = 1 },
	{ .tolerance = 1.5, .hyphenate = 1, .guess = HYPH_GUESS_WIDE, .if_guessed = 1 },
	{ .tolerance = 3.0, .hyphenate = 1, .guess = HYPH_GUESS_WIDE },
	{ .tolerance = HUGE_VAL, .hyphenate = 1, .guess = HYPH_GUESS_WIDE, .final = 1 },
};

/* The worst ratio a setting found with guesses up to each reach may have
 * before the next reach is tried: a guess in a word no dictionary breaks
 * is worth a visibly loose line, the wide reach's ("appoin-ted") only a
 * line past the passes' 1.5. */
static const double para_wider[] = { PARA_VISIBLE, 1.5, HUGE_VAL };

/* Whether a runt left by pass i may be mended by pass i + 1: the same
 * tolerance and guesses, hyphenation added (pass 0 to 1). */
static int para_mends_runt(size_t i)
{
	return i + 1 < G_N_ELEMENTS(para_passes) &&
	       para_passes[i + 1].tolerance <= para_passes[i].tolerance &&
	       para_passes[i + 1].guess == para_passes[i].guess;
}

/* The breaking rules of one language from the style sheet. */
struct para_lang {
	char lang[16];           /* its tag, lower case ("fr", "en-gb") */
	double foot;             /* a hyphen ending a column's last line costs this */
	double turn;             /* …the last line of a right-hand page */
	/* paragraph shapes: a last line under runt_width of the measure, or
	 * of one word under runt_chars characters, costs runt_cost; the last
	 * line of a ragged paragraph (a title) under ragged_last of the
	 * measure costs ragged_cost (short lines above it cost more there); three lines in a row starting or ending with the same
	 * word cost stack_cost */
	double runt_width, ragged_last, runt_cost, ragged_cost, stack_cost;
	int runt_chars;
};

/* What "never" costs: more than any other way to set a paragraph, still
 * finite, so that the breaker always finds a setting. */
#define PARA_NEVER 1e12

/* A no-break rule of the style sheet (<no-break pattern= lang= cost=>):
 * no line ends inside a match of `re`, unless paying `penalty`. */
struct para_nobreak {
	char *langs;             /* language tags separated by spaces; NULL: all */
	GRegex *re;
	int penalty;
};

/* What cost="never" puts on a break inside a match: (10000)² demerits,
 * more than any loose line, finite so that the paragraph is always set. */
#define PARA_NOBREAK_NEVER 10000
/* Demerits from which a setting has broken such a rule (or a "never" of
 * hyphen-page-turn): the looser passes are tried too, and the cheapest
 * setting of all is kept. */
#define PARA_RULE_BROKEN ((double)PARA_NOBREAK_NEVER * PARA_NOBREAK_NEVER)

struct para_engine {
	struct font *font;       /* fonts of the run */
	struct msg *msg;         /* diagnostics sink */
	struct hyph *hyph;       /* dictionaries, loaded on demand */
	PangoContext *ltr;       /* like the font context, base direction LTR */
	struct para_lang *langs; /* the sheet's rules per language */
	size_t nlangs;
	struct para_nobreak *nobreaks; /* the sheet's no-break rules */
	size_t nnobreaks;
	struct measure_cache *words; /* words shaped, faces' lookups (measure.h) */
	struct ahead *ahead;     /* paragraphs measured ahead (ahead.h), or NULL */
};

/* A place where a line may end. */
struct para_brk {
	int cend;          /* byte where the content of the line ends */
	int next;          /* byte where the next line starts */
	int penalty;       /* cost of breaking here */
	int hyph_w;        /* width of the added hyphen, 0 when none */
	int mr;            /* margin kerning of a line ending here, -1 until known */
	unsigned flagged:1; /* the line ends with a hyphen (added or typed) */
	unsigned forced:1; /* a mandatory break: end of text or line separator */
	unsigned split:1;  /* inside a word wider than the measure (para_split_words) */
};

/* A feasible break reached by the algorithm; kept for backtracking. */
struct para_node {
	int brk;          /* index in the breaks, -1 for the paragraph start */
	int lines;        /* lines set from the start up to here */
	int fit;          /* fitness class of the line ending here (0 loose … 3 tight) */
	int hyphens;      /* consecutive lines ending with a hyphen, up to here */
	int fed;          /* some feasible line starts here */
	double ratio;     /* adjustment ratio of the line ending here */
	double demerits;  /* total demerits from the start */
	int prev;         /* node where the line ending here starts, -1 */
	int next_active;  /* next node of the active list, -1 */
};

/* The best way found to reach one break in one (fitness, hyphens) state. */
struct para_best {
	double demerits;  /* total demerits, HUGE_VAL when none */
	double ratio;     /* ratio of the line */
	int from;         /* node it starts from */
};

/* Font of part of the paragraph and the hyphen it draws. */
struct para_hyphen {
	PangoFont *font;   /* font of the characters before the break */
	const char *text;  /* PARA_HYPHEN or "-" */
	int width;         /* its width */
};

/* Bytes [s, e) of the paragraph that a no-break rule keeps on one line,
 * unless paying `penalty`. */
struct para_keep {
	int s, e;
	int penalty;
};

/* The work of breaking one paragraph. */
struct para_ctx {
	struct para_engine *e;     /* the engine */
	const struct para_opts *o; /* how to set it */
	const char *text;          /* the paragraph */
	int len;                   /* its length in bytes */
	const char *file;          /* source, for messages */
	long line;                 /* source line, for messages */
	PangoAttrList *attrs;      /* caller's attributes plus the language */
	struct measure measure;    /* the text shaped on one line (measure.h) */
	const PangoLogAttr *la;    /* Pango's break opportunities, per character */
	int *cbyte;                /* byte offset of each character, nchars + 1 */
	int nchars;                /* characters in the text */
	int64_t *w;                /* width of the text before each byte */
	int64_t *sp;               /* width of the stretchable spaces before each byte */
	int *ml;                   /* para_margin_l of a line starting at each byte, -1
				      until asked (the breaker asks once a try) */
	PangoItem **item;          /* item shaping each byte (for its font) */
	struct para_brk *brks;     /* where lines may end, by position */
	size_t nbrk, capbrk;       /* used and allocated breaks */
	struct para_node *nodes;   /* breaks reached, in order of creation */
	size_t nnode, capnode;     /* used and allocated nodes */
	struct para_brk *late;     /* hyphenation points inside compounds and names,
				      offered once lines looser than ratio 1 are */
	size_t nlate;
	int guessed[HYPH_GUESS_WIDE + 1]; /* guessed points merged up to each reach
				      (para_guess): how many, -1 until asked */
	int *unknown;              /* once hyphenated: words the dictionary gave no point
				      (byte ranges, 2 a word), the only ones guessed in */
	size_t nunknown, capunknown;
	int hyphenated;            /* para_hyphenate has run */
	struct para_hyphen *hy;    /* hyphens per font, a small cache */
	size_t nhy, caphy;         /* used and allocated hyphens */
	int width0, width1;        /* measure of the first and of other lines */
	int ragged;                /* not justified: lines keep natural spaces */
	int rag;                   /* stretch of a ragged line (3 em) */
	struct para_keep *keep;    /* spans no line may end inside (no-break rules) */
	size_t nkeep, capkeep;
	const struct para_lang *rules; /* the sheet's rules of its language, or NULL */
	int split;                 /* words were split (an emergency): no shape rules */
	struct para_overfull over; /* the widest such word, for the para */
	double foot_cost;          /* o->foot: what a hyphen at a foot costs, */
	double turn_cost;          /* and at a page turn */
	unsigned long long feet, turns; /* the lines at feet, at turns (bit i: line i) */
};

/* Where a line's text sits in the runs that show it. */
struct para_span {
	const char *rtext; /* the text its runs show (the para's copy, or a layout's) */
	int map;    /* byte of rtext where the line starts */
	int cend;   /* paragraph byte where the line's content ends */
	int hylen;  /* bytes of the added hyphen, 0 when none */
	unsigned natural:1;    /* keeps its natural spaces (a last line) */
	unsigned hyphen_end:1; /* ends with a hyphen, added or typed */
};

/* What a para owns behind its public lines. */
struct para_priv {
	struct para_span *span; /* one per line */
	char *text;             /* the paragraph's text, which cut runs show */
	struct glyph_run *runs; /* every line's runs, line after line */
	size_t nruns, capruns;
	struct run_glyph *pool; /* the compact runs' glyphs, once all are made */
	PangoItem **items;      /* the measure's items, shared by the runs cut from
				   them, or the items of the lines Pango set */
	size_t nitems, capitems;
	char **frags;           /* texts of reshaped line ends with their hyphen, and
				   of the layouts whose lines Pango set (RTL, letter
				   spacing: lines shaped by Pango again) */
	size_t nfrags, capfrags;
	int cut, reshaped;      /* runs cut from the measure, runs shaped again */
};

/* ---- engine ---------------------------------------------------------- */

struct para_engine *para_engine_new(struct font *f, struct msg *m)
{
	struct para_engine *e = xcalloc(1, sizeof *e);

	*e = (struct para_engine){
		.font = f,
		.msg = m,
		.hyph = hyph_new(NULL, m),
		.ltr = font_ltr_context(f),
		.words = measure_cache_new(),
	};
	return e;
}

void para_engine_free(struct para_engine *e)
{
	if (!e)
		return;
	hyph_free(e->hyph);
	if (e->ltr)
		g_object_unref(e->ltr);
	free(e->langs);
	for (size_t i = 0; i < e->nnobreaks; i++) {
		g_regex_unref(e->nobreaks[i].re);
		g_free(e->nobreaks[i].langs);
	}
	free(e->nobreaks);
	measure_cache_free(e->words);
	free(e);
}

void para_engine_ahead(struct para_engine *e, struct ahead *a)
{
	e->ahead = a;
}

/* Whether glyph g of `font` takes part in no lookup of its face
 * (measure_glyph_inert): a cut beside it keeps both sides as shaped. */
static int para_glyph_inert(struct para_engine *e, PangoFont *font, PangoGlyph g)
{
	return measure_glyph_inert(e->words, font, g);
}

/* The kinds of number a <language> rule takes. */
enum para_value {
	PARA_CHARS, /* a fragment length: 1 to 20 characters */
	PARA_COST,  /* demerits from 0 to 10^9, or "never" */
	PARA_SHARE, /* a share of the measure: "20%", read as 0.2 */
};

/* The number attribute `attr` of <language> n, of the kind given: 0 when
 * absent, -1 after reporting a bad value at its line. */
static double para_lang_value(const struct node *n, const char *attr, enum para_value kind,
			      const char *file, struct msg *m)
{
	static const struct {
		double lo, hi, scale;
		const char *unit, *what;
	} kinds[] = {
		[PARA_CHARS] = { 1, 20, 1, "", "a number of characters from 1 to 20" },
		[PARA_COST] = { 0, 1e9, 1, "",
				"never, or a cost from 0 to 1000000000 (a hyphen costs 40000)" },
		[PARA_SHARE] = { 0, 100, 0.01, "%", "a share of the measure from 0% to 100%" },
	};
	const char *v = doc_attr(n, attr);
	char *end, what[160];
	double x;

	if (!v)
		return 0;
	if (kind == PARA_COST && strcmp(v, "never") == 0)
		return PARA_NEVER;
	x = strtod(v, &end);
	if (*v && strcmp(end, kinds[kind].unit) == 0 && x >= kinds[kind].lo && x <= kinds[kind].hi &&
	    (kind != PARA_CHARS || strspn(v, "0123456789") == strlen(v)))
		return x * kinds[kind].scale;
	msg_at(m, M_SHEET_VALUE, file, doc_attr_line(n, attr), 0, style_what(n, what, sizeof what),
	       attr, v, kinds[kind].what);
	return -1;
}

/* The rules of `lang`: its own tag, else its first subtag's, else the
 * ones of lang="*"; NULL. */
static const struct para_lang *para_lang_find(const struct para_engine *e, const char *lang)
{
	const struct para_lang *sub = NULL, *any = NULL;
	size_t n = 0;

	if (!lang)
		return NULL;
	while (lang[n] && lang[n] != '-' && lang[n] != '_')
		n++;
	for (size_t i = 0; i < e->nlangs; i++) {
		if (g_ascii_strcasecmp(e->langs[i].lang, lang) == 0)
			return &e->langs[i];
		if (strlen(e->langs[i].lang) == n && g_ascii_strncasecmp(e->langs[i].lang, lang, n) == 0)
			sub = &e->langs[i];
		if (strcmp(e->langs[i].lang, "*") == 0)
			any = &e->langs[i];
	}
	return sub ? sub : any;
}

double para_foot_cost(const struct para_engine *e, const char *lang, int turn)
{
	const struct para_lang *l = e ? para_lang_find(e, lang) : NULL;

	return l ? (turn ? l->turn : l->foot) : 0;
}

/* The attributes <language> takes (the schema lets any through). */
static const char *const para_lang_attrs[] = {
	"lang", "hyphen-left", "hyphen-right", "hyphen-min-word", "hyphenate-capitalized",
	"hyphenation", "hyphen-column-foot", "hyphen-page-turn", "runt-width", "runt-chars",
	"runt-cost", "ragged-last-line", "ragged-cost", "stack-cost",
	"range-dash", "spaced-dash", "em-dash", "units", "punct-space-before", /* typo.c's */
	"punct-space-after", "punct-space", "digit-group-space",
};

/* Reports each attribute of <language> n that no rule reads; -1 if any. */
static int para_lang_known(struct para_engine *e, const struct node *n, const char *file)
{
	int bad = 0;

	for (int i = 0; i < n->nattrs; i++) {
		size_t k = 0;

		while (k < G_N_ELEMENTS(para_lang_attrs) &&
		       strcmp(n->attrs[i].name, para_lang_attrs[k]) != 0)
			k++;
		if (k == G_N_ELEMENTS(para_lang_attrs) && strncmp(n->attrs[i].name, "xml", 3) != 0) {
			msg_at(e->msg, M_STYLE_UNKNOWN, file, doc_attr_line(n, n->attrs[i].name), 0,
			       "attribute of <language>", n->attrs[i].name);
			bad = -1;
		}
	}
	return bad;
}

/* The breaking rules of <language> n, added to the engine's. */
static int para_lang_rules(struct para_engine *e, const struct node *n, const char *file)
{
	const char *lang = doc_attr(n, "lang");
	struct para_lang l = { .lang = "" };

	l.foot = para_lang_value(n, "hyphen-column-foot", PARA_COST, file, e->msg);
	l.turn = para_lang_value(n, "hyphen-page-turn", PARA_COST, file, e->msg);
	l.runt_cost = para_lang_value(n, "runt-cost", PARA_COST, file, e->msg);
	l.stack_cost = para_lang_value(n, "stack-cost", PARA_COST, file, e->msg);
	l.ragged_cost = para_lang_value(n, "ragged-cost", PARA_COST, file, e->msg);
	l.runt_width = para_lang_value(n, "runt-width", PARA_SHARE, file, e->msg);
	l.ragged_last = para_lang_value(n, "ragged-last-line", PARA_SHARE, file, e->msg);
	l.runt_chars = (int)para_lang_value(n, "runt-chars", PARA_CHARS, file, e->msg);
	if (l.foot < 0 || l.turn < 0 || l.runt_cost < 0 || l.stack_cost < 0 || l.runt_width < 0 ||
	    l.ragged_cost < 0 ||
	    l.ragged_last < 0 || l.runt_chars < 0)
		return -1;
	if (l.turn < l.foot)
		l.turn = l.foot; /* a page turn is a column's foot too */
	if (!lang || strlen(lang) >= sizeof l.lang)
		return 0;
	g_strlcpy(l.lang, lang, sizeof l.lang);
	e->langs = xrealloc(e->langs, (e->nlangs + 1) * sizeof *e->langs);
	e->langs[e->nlangs++] = l;
	return 0;
}

/* <no-break pattern="REGEX" lang="en fr" cost="N|never">, added to the
 * engine's rules; -1 after reporting a bad value. */
static int para_nobreak_rule(struct para_engine *e, const struct node *n, const char *file)
{
	const char *pat = doc_attr(n, "pattern"), *cost = doc_attr(n, "cost");
	const char *lang = doc_attr(n, "lang");
	struct para_nobreak r = { .penalty = PARA_NOBREAK_NEVER };
	GError *err = NULL;

	if (cost && strcmp(cost, "never") != 0) {
		char *end;
		long x = strtol(cost, &end, 10);

		if (!*cost || *end || x < 0 || x > PARA_NOBREAK_NEVER) {
			msg_at(e->msg, M_SHEET_VALUE, file, doc_attr_line(n, "cost"), 0, "<no-break>",
			       "cost", cost, "never, or a penalty from 0 to 10000 (a hyphen's is 200)");
			return -1;
		}
		r.penalty = (int)x;
	}
	if (!pat || !*pat) {
		msg_at(e->msg, M_SHEET_VALUE, file, n->line, 0, "<no-break>", "pattern",
		       pat ? pat : "", "a regular expression (PCRE, as GLib's GRegex reads it)");
		return -1;
	}
	r.re = g_regex_new(pat, G_REGEX_OPTIMIZE, 0, &err);
	if (!r.re) {
		char *what = g_strdup_printf("a regular expression GLib accepts (%s)", err->message);

		msg_at(e->msg, M_SHEET_VALUE, file, doc_attr_line(n, "pattern"), 0, "<no-break>",
		       "pattern", pat, what);
		g_free(what);
		g_error_free(err);
		return -1;
	}
	r.langs = lang && *lang ? g_strdup(lang) : NULL;
	e->nobreaks = xrealloc(e->nobreaks, (e->nnobreaks + 1) * sizeof *e->nobreaks);
	e->nobreaks[e->nnobreaks++] = r;
	return 0;
}

/* Whether the space-separated tags `langs` name `lang` (or its first
 * subtag). */
static int para_langs_have(const char *langs, const char *lang)
{
	return !langs || (lang && lang_in_list(langs, lang));
}

int para_engine_use_sheet(struct para_engine *e, const struct style_sheet *sheet)
{
	const struct node *root = sheet ? style_root(sheet) : NULL;
	int bad = 0;

	for (const struct node *n = root ? root->first : NULL; n; n = n->next) {
		struct hyph_policy p = { .capitals = 1 };
		const char *lang, *caps;

		if (n->type == N_ELEM && strcmp(n->name, "no-break") == 0) {
			bad += para_nobreak_rule(e, n, sheet->file) < 0;
			continue;
		}
		if (n->type == N_ELEM && strcmp(n->name, "quotes") == 0) {
			bad += typo_quotes_check(n, sheet->file, e->msg) < 0;
			continue;
		}
		if (n->type != N_ELEM || strcmp(n->name, "language") != 0)
			continue;
		lang = doc_attr(n, "lang");
		p.left = (int)para_lang_value(n, "hyphen-left", PARA_CHARS, sheet->file, e->msg);
		p.right = (int)para_lang_value(n, "hyphen-right", PARA_CHARS, sheet->file, e->msg);
		p.min_word = (int)para_lang_value(n, "hyphen-min-word", PARA_CHARS, sheet->file, e->msg);
		bad += p.left < 0 || p.right < 0 || p.min_word < 0;
		caps = doc_attr(n, "hyphenate-capitalized");
		if (caps && strcmp(caps, "yes") && strcmp(caps, "no") && strcmp(caps, "last-resort")) {
			char what[160];

			msg_at(e->msg, M_SHEET_VALUE, sheet->file,
			       doc_attr_line(n, "hyphenate-capitalized"), 0,
			       style_what(n, what, sizeof what),
			       "hyphenate-capitalized", caps, "yes, no or last-resort");
			bad++;
		}
		p.capitals = !caps || strcmp(caps, "yes") == 0 ? HYPH_CAPS_YES
			     : strcmp(caps, "no") == 0 ? HYPH_CAPS_NEVER : HYPH_CAPS_LATE;
		p.exceptions = doc_attr(n, "hyphenation");
		bad += para_lang_rules(e, n, sheet->file) < 0;
		bad += para_lang_known(e, n, sheet->file) < 0;
		bad += typo_rules_check(n, sheet->file, e->msg) < 0;
		if (lang && p.left >= 0 && p.right >= 0 && p.min_word >= 0)
			hyph_set_policy(e->hyph, lang, &p); /* "*": every other language's */
	}
	return bad ? -1 : 0;
}

double para_engine_hyph_ms(const struct para_engine *e)
{
	return e ? hyph_setup_ms(e->hyph) : 0;
}

/* ---- small helpers ---------------------------------------------------- */

/* Spaces a line may break after and that vanish at a line end. */
static int para_is_break_space(gunichar c)
{
	return g_unichar_isspace(c) && c != 0x00A0 && c != 0x202F &&
	       c != 0x2007 && c != 0xFEFF;
}

/* Whether the character at p is a space whose width justification
 * changes: ' ' or U+00A0, read from its UTF-8 bytes (C2 A0; the text ends
 * with a NUL, so p[1] is there). */
static int para_is_stretch_space(const unsigned char *p)
{
	return p[0] == ' ' || (p[0] == 0xC2 && p[1] == 0xA0);
}

/* Logical ascent and descent of a set line. */
static void para_line_extents(struct para_line *pl)
{
	run_extents(pl->runs, pl->nruns, &pl->ascent, &pl->descent);
}

/* Append run r to the para's runs (line after line). */
static void para_add_run(struct para_priv *pv, struct glyph_run r)
{
	xgrow(&pv->runs, &pv->capruns, pv->nruns + 1, sizeof *pv->runs);
	pv->runs[pv->nruns++] = r;
}

/* Text t, the para's now (freed with it); returns t. */
static char *para_keep_frag(struct para_priv *pv, char *t)
{
	xgrow(&pv->frags, &pv->capfrags, pv->nfrags + 1, sizeof *pv->frags);
	pv->frags[pv->nfrags++] = t;
	return t;
}

/* A copy of item `it`, the para's (its runs point at it). */
static const PangoItem *para_keep_item(struct para_priv *pv, const PangoItem *it)
{
	xgrow(&pv->items, &pv->capitems, pv->nitems + 1, sizeof *pv->items);
	/* only read; Pango's signature is not const */
	pv->items[pv->nitems] = pango_item_copy((PangoItem *)it);
	return pv->items[pv->nitems++];
}

/* A copy of the text of layout `lay`, the para's. */
static const char *para_keep_text(struct para_priv *pv, PangoLayout *lay)
{
	const char *t = pango_layout_get_text(lay);
	size_t n = strlen(t);
	char *own = xmalloc(n + 1);

	memcpy(own, t, n + 1);
	return para_keep_frag(pv, own);
}

/* The runs of a line Pango set, their items and glyphs copied, their
 * text `t` (the para's copy of the layout's), appended for line l;
 * l->runs points at them until the next run is added. */
static void para_take_line(struct para_priv *pv, struct para_line *l, PangoLayoutLine *pl,
			   const char *t)
{
	size_t first = pv->nruns;

	for (GSList *r = pl->runs; r; r = r->next) {
		const PangoGlyphItem *gi = r->data;
		struct glyph_run run = {
			.item = para_keep_item(pv, gi->item),
			.text = t,
			.offset = gi->item->offset,
			.length = gi->item->length,
		};

		run_set_glyphs(&run, gi->glyphs, 0, gi->glyphs->num_glyphs, 0);
		para_add_run(pv, run);
	}
	l->runs = pv->runs + first;
	l->nruns = (int)(pv->nruns - first);
}

/* The compact glyphs of every run moved into one array of the para's
 * (a run's own array, made as its line was cut, costs the allocator's
 * overhead a run), and the runs' array cut to its size: a set para keeps
 * no spare room. */
static void para_pack_runs(struct para_priv *pv)
{
	size_t n = 0, at = 0;

	if (pv->capruns > pv->nruns) {
		pv->runs = xrealloc(pv->runs, (pv->nruns ? pv->nruns : 1) * sizeof *pv->runs);
		pv->capruns = pv->nruns ? pv->nruns : 1;
	}
	for (size_t i = 0; i < pv->nruns; i++)
		n += pv->runs[i].g ? (size_t)pv->runs[i].nglyphs : 0;
	if (!n)
		return;
	pv->pool = xmalloc(n * sizeof *pv->pool);
	for (size_t i = 0; i < pv->nruns; i++) {
		struct glyph_run *r = &pv->runs[i];

		if (!r->g)
			continue;
		memcpy(pv->pool + at, r->g, (size_t)r->nglyphs * sizeof *r->g);
		free(r->g);
		r->g = pv->pool + at;
		at += (size_t)r->nglyphs;
	}
}

/* Points every line at its runs, once all are made (the array moved as
 * it grew), their glyphs packed (para_pack_runs). */
static void para_link_runs(struct para *p)
{
	struct para_priv *pv = p->priv;
	size_t k = 0;

	para_pack_runs(pv);
	for (int i = 0; i < p->nlines; i++) {
		p->lines[i].runs = p->lines[i].nruns ? pv->runs + k : NULL;
		k += (size_t)p->lines[i].nruns;
	}
}

/* ---- Pango's own breaking (right-to-left paragraphs) --------------------- */

static PangoAlignment para_pango_align(enum para_align a)
{
	switch (a) {
	case PARA_RIGHT:
		return PANGO_ALIGN_RIGHT;
	case PARA_CENTER:
		return PANGO_ALIGN_CENTER;
	case PARA_LEFT:
	case PARA_JUSTIFY:
	default:
		return PANGO_ALIGN_LEFT;
	}
}

/* Lines of a layout wrapped by Pango itself, with the x of each line taken
 * from the layout (alignment and indent included). */
static void para_from_pango(struct para *p, PangoLayout *lay, const char *t)
{
	struct para_priv *pv = p->priv;
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	int i = 0;

	p->nlines = pango_layout_get_line_count(lay);
	p->lines = xcalloc(p->nlines ? p->nlines : 1, sizeof *p->lines);
	do {
		PangoLayoutLine *l = pango_layout_iter_get_line_readonly(it);
		PangoRectangle log;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		p->lines[i] = (struct para_line){
			.start = l->start_index,
			.end = l->start_index + l->length,
			.x = log.x,
			.width = log.width,
			.expand = 1.0,
			.ascent = -log.y,
			.descent = log.y + log.height,
		};
		para_take_line(pv, &p->lines[i], l, t);
		i++;
	} while (i < p->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	/* line ranges cover the text: the delimiters go with the line before */
	for (i = 0; i + 1 < p->nlines; i++)
		p->lines[i].end = p->lines[i + 1].start;
}

/* Greedy breaking by Pango, for paragraphs we do not break ourselves. */
static void para_pango(struct para_ctx *c, struct para *p)
{
	struct para_priv *pv = p->priv;
	const struct para_opts *o = c->o;
	PangoLayout *lay = pango_layout_new(font_context(c->e->font));
	const char *t;

	pango_layout_set_text(lay, c->text, c->len);
	pango_layout_set_attributes(lay, c->attrs);
	pango_layout_set_width(lay, o->width > 0 ? o->width : -1);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(lay, o->indent);
	pango_layout_set_alignment(lay, para_pango_align(o->align));
	pango_layout_set_justify(lay, o->align == PARA_JUSTIFY);
	pango_layout_set_justify_last_line(lay, o->align == PARA_JUSTIFY && o->last_justify);
	t = para_keep_text(pv, lay);
	para_from_pango(p, lay, t);
	p->unknown_glyphs = pango_layout_get_unknown_glyphs_count(lay);
	pv->span = xcalloc(p->nlines, sizeof *pv->span);
	for (int i = 0; i < p->nlines; i++) {
		PangoLayoutLine *l = pango_layout_get_line_readonly(lay, i);

		pv->span[i] = (struct para_span){
			.rtext = t,
			.map = p->lines[i].start,
			.cend = l ? l->start_index + l->length : p->lines[i].end,
		};
	}
	g_object_unref(lay); /* the lines keep copies of what they show */
}

/* ---- measuring ---------------------------------------------------------- */

/* Shape the paragraph on one line and read its break opportunities. */
static void para_measure_layout(struct para_ctx *c)
{
	int n;

	if (!ahead_take(c->e->ahead, &c->measure, c->e->words, c->e->ltr, c->text, c->len, c->attrs))
		measure_init(&c->measure, c->e->words, c->e->ltr, c->text, c->len, c->attrs);
	c->la = c->measure.la;
	c->nchars = c->measure.nchars;
	n = c->nchars + 1;
	c->cbyte = xmalloc((size_t)n * sizeof *c->cbyte);
	for (int i = 0, b = 0; i < n; i++) {
		c->cbyte[i] = b;
		if (b < c->len)
			b = (int)(g_utf8_next_char(c->text + b) - c->text);
	}
}

/* Glyph widths of one run added to the width of the character that
 * starts each cluster; the run's item is recorded for each of its bytes. */
static void para_measure_run(struct para_ctx *c, const PangoGlyphItem *run,
			     int64_t *cw)
{
	const PangoItem *it = run->item;
	const PangoGlyphString *gs = run->glyphs;

	for (int b = it->offset; b < it->offset + it->length && b < c->len; b++)
		c->item[b] = run->item;
	for (int g = 0; g < gs->num_glyphs; g++) {
		int b = it->offset + gs->log_clusters[g];

		if (b >= 0 && b < c->len)
			cw[b] += gs->glyphs[g].geometry.width;
	}
}

/* Prefix sums of widths, stretch and shrink over the bytes of the text. */
static void para_measure(struct para_ctx *c)
{
	size_t n = (size_t)c->len + 1;
	int64_t *cw = xcalloc(n, sizeof *cw);

	para_measure_layout(c);
	c->item = xcalloc(n, sizeof *c->item);
	for (int r = 0; r < c->measure.nruns; r++)
		para_measure_run(c, c->measure.runs[r], cw);
	c->w = xmalloc(n * sizeof *c->w);
	c->sp = xmalloc(n * sizeof *c->sp);
	c->ml = xmalloc(n * sizeof *c->ml);
	memset(c->ml, 0xff, n * sizeof *c->ml); /* -1: not known yet */
	c->w[0] = c->sp[0] = 0;
	for (int b = 0; b < c->len; b++) {
		int space = c->text[b] == ' ' ||
			    ((unsigned char)c->text[b] == 0xC2 && b + 1 < c->len &&
			     (unsigned char)c->text[b + 1] == 0xA0);

		c->w[b + 1] = c->w[b] + cw[b];
		c->sp[b + 1] = c->sp[b] + (space ? cw[b] : 0);
		if (!c->item[b] && b > 0)
			c->item[b] = c->item[b - 1];
	}
	free(cw);
}

/* The hyphen drawn after byte `b` - 1: its text and width in that font. */
static const struct para_hyphen *para_hyphen_at(struct para_ctx *c, int b)
{
	PangoItem *it = c->item[b > 0 ? b - 1 : 0];
	PangoFont *f = it ? it->analysis.font : NULL;
	PangoGlyphString *gs;
	struct para_hyphen *h;

	for (size_t i = 0; i < c->nhy; i++)
		if (c->hy[i].font == f)
			return &c->hy[i];
	xgrow(&c->hy, &c->caphy, c->nhy + 1, sizeof *c->hy);
	h = &c->hy[c->nhy++];
	*h = (struct para_hyphen){ .font = f, .text = "-" };
	if (!it || !f)
		return h;
	if (pango_font_has_char(f, 0x2010))
		h->text = PARA_HYPHEN;
	gs = pango_glyph_string_new();
	pango_shape(h->text, (int)strlen(h->text), &it->analysis, gs);
	h->width = pango_glyph_string_get_width(gs);
	pango_glyph_string_free(gs);
	return h;
}

/* ---- break opportunities -------------------------------------------------- */

static void para_add_brk(struct para_ctx *c, struct para_brk b)
{
	b.mr = -1;
	for (size_t i = 0; i < c->nkeep && !b.forced; i++)
		if (b.next > c->keep[i].s && b.next < c->keep[i].e && b.penalty < c->keep[i].penalty)
			b.penalty = c->keep[i].penalty;
	xgrow(&c->brks, &c->capbrk, c->nbrk + 1, sizeof *c->brks);
	c->brks[c->nbrk++] = b;
}

/* Byte where the content ends when a line breaks before byte b: breaking
 * spaces and line separators before b are dropped. */
static int para_strip(const struct para_ctx *c, int b)
{
	while (b > 0) {
		const char *p = g_utf8_prev_char(c->text + b);

		if (!para_is_break_space(g_utf8_get_char(p)))
			break;
		b = (int)(p - c->text);
	}
	return b;
}

/* The break Pango allows before character i, typed by what precedes it. */
static struct para_brk para_brk_before(struct para_ctx *c, int i)
{
	int b = c->cbyte[i], pb = c->cbyte[i - 1];
	gunichar prev = g_utf8_get_char(c->text + pb);
	struct para_brk k = { .cend = b, .next = b, .penalty = PARA_OTHER_PENALTY };

	if (c->la[i].is_mandatory_break) {
		k.cend = para_strip(c, b);
		k.forced = 1;
		k.penalty = 0;
	} else if (para_is_break_space(prev)) {
		k.cend = para_strip(c, b);
		k.penalty = 0;
	} else if (prev == 0x00AD) {
		k.cend = pb;
		k.hyph_w = para_hyphen_at(c, pb)->width;
		k.flagged = 1;
		k.penalty = PARA_HYPHEN_PENALTY;
	} else if (prev == '-' || prev == 0x2010) {
		k.flagged = 1;
		k.penalty = PARA_EXPLICIT_PENALTY;
	} else if (prev == 0x200B ||
		   g_unichar_break_type(prev) == G_UNICODE_BREAK_IDEOGRAPHIC) {
		k.penalty = 0;
	}
	return k;
}

/* The spans the sheet's no-break rules for the paragraph's language
 * match, before any break is made. */
static void para_keeps(struct para_ctx *c)
{
	for (size_t r = 0; r < c->e->nnobreaks; r++) {
		const struct para_nobreak *nb = &c->e->nobreaks[r];
		GMatchInfo *mi = NULL;

		if (!para_langs_have(nb->langs, c->o->lang))
			continue;
		g_regex_match_full(nb->re, c->text, c->len, 0, 0, &mi, NULL);
		while (mi && g_match_info_matches(mi)) {
			int s, e;

			if (g_match_info_fetch_pos(mi, 0, &s, &e) && e > s) {
				xgrow(&c->keep, &c->capkeep, c->nkeep + 1, sizeof *c->keep);
				c->keep[c->nkeep++] = (struct para_keep){ s, e, nb->penalty };
			}
			g_match_info_next(mi, NULL);
		}
		g_match_info_free(mi);
	}
}

/* Pango's break opportunities, then the end of the paragraph. */
static void para_breaks(struct para_ctx *c)
{
	para_keeps(c);
	for (int i = 1; i < c->nchars; i++)
		if (c->la[i].is_line_break || c->la[i].is_mandatory_break)
			para_add_brk(c, para_brk_before(c, i));
	para_add_brk(c, (struct para_brk){
		.cend = para_strip(c, c->len),
		.next = c->len,
		.forced = 1,
	});
}

/* Insert the breaks of `add` (sorted, n of them) into the break list, by
 * position; positions already there keep their existing break.  Returns
 * how many were new. */
static size_t para_merge(struct para_ctx *c, const struct para_brk *add, size_t n)
{
	struct para_brk *old = c->brks;
	size_t nold = c->nbrk, i = 0, j = 0, same = 0;

	c->brks = NULL;
	c->nbrk = c->capbrk = 0;
	while (i < nold || j < n) {
		if (j == n || (i < nold && old[i].next <= add[j].next)) {
			if (j < n && old[i].next == add[j].next) {
				j++;
				same++;
			}
			para_add_brk(c, old[i++]);
		} else {
			para_add_brk(c, add[j++]);
		}
	}
	free(old);
	return n - same;
}

/* Whether the word at byte a starts a sentence: nothing before it but
 * spaces, or a sentence's end (. ! ? …, closing quotes and brackets
 * aside). */
static int para_sentence_start(const struct para_ctx *c, int a)
{
	const char *p = c->text + a;

	while (p > c->text) {
		gunichar ch;

		p = g_utf8_prev_char(p);
		ch = g_utf8_get_char(p);
		if (g_unichar_isspace(ch) || ch == 0x202F || ch == 0x2060 ||
		    ch == 0x00BB || ch == 0x201D || ch == 0x2019 || ch == ')' || ch == '"')
			continue;
		return ch == '.' || ch == '!' || ch == '?' || ch == 0x2026 || ch == 0x2028;
	}
	return 1;
}

/* The next word from character *i on: bytes [*a, *b) up to a breaking
 * space; *i moves past it.  Returns 0 at the end of the text. */
static inline int para_next_word(const struct para_ctx *c, int *i, int *a, int *b)
{
	while (*i < c->nchars && para_is_break_space(g_utf8_get_char(c->text + c->cbyte[*i])))
		(*i)++;
	if (*i >= c->nchars)
		return 0;
	for (*a = c->cbyte[*i]; *i < c->nchars &&
	     !para_is_break_space(g_utf8_get_char(c->text + c->cbyte[*i])); (*i)++)
		;
	*b = c->cbyte[*i];
	return 1;
}

/* A flagged hyphenation break after the character at byte p, at penalty. */
static struct para_brk para_hyphen_brk(struct para_ctx *c, int p, int penalty)
{
	return (struct para_brk){
		.cend = p + 1, .next = p + 1, .penalty = penalty,
		.hyph_w = para_hyphen_at(c, p + 1)->width, .flagged = 1,
	};
}

/* Automatic hyphenation points of every word, merged into the breaks. */
static void para_hyphenate(struct para_ctx *c)
{
	const struct para_opts *o = c->o;
	char *pts = xmalloc((size_t)c->len + 1);
	struct para_brk *add = NULL;
	size_t n = 0, cap = 0;

	c->hyphenated = 1;
	for (int i = 0, a, b; para_next_word(c, &i, &a, &b); ) {
		if (b - a < 4 || !hyph_word_at(c->e->hyph, o->lang, c->text + a, b - a,
					       o->hyph_left, o->hyph_right, o->hyph_min_word,
					       para_sentence_start(c, a), pts + a)) {
			if (b - a >= HYPH_GUESS_MIN_WORD) {
				xgrow(&c->unknown, &c->capunknown, c->nunknown + 2, sizeof *c->unknown);
				c->unknown[c->nunknown++] = a;
				c->unknown[c->nunknown++] = b;
			}
			continue;
		}
		for (int p = a; p < b - 1; p++) {
			if (!pts[p])
				continue;
			if (pts[p] == 2) { /* in a compound or a name: a last resort */
				c->late = xrealloc(c->late, (c->nlate + 1) * sizeof *c->late);
				c->late[c->nlate++] = para_hyphen_brk(c, p, PARA_HYPHEN_PENALTY);
				continue;
			}
			xgrow(&add, &cap, n + 1, sizeof *add);
			add[n++] = para_hyphen_brk(c, p, PARA_HYPHEN_PENALTY);
		}
	}
	para_merge(c, add, n);
	free(add);
	free(pts);
}

/* The emergency's breaks, once per reach: the guessed hyphenation points
 * (hyph_guess_at) of the words of a justified paragraph that may be
 * hyphenated — at HYPH_GUESS_UNKNOWN those the dictionary gave no point,
 * at HYPH_GUESS_WIDE every word — at PARA_GUESS_PENALTY, merged into the
 * breaks (a break already there stays as it was).  Returns how many
 * breaks were added up to that reach. */
static int para_guess(struct para_ctx *c, int reach)
{
	const struct para_opts *o = c->o;
	struct para_brk *add = NULL;
	size_t n = 0, cap = 0;
	int below = reach > HYPH_GUESS_UNKNOWN ? para_guess(c, reach - 1) : 0;
	char *pts;

	if (c->guessed[reach] >= 0)
		return c->guessed[reach];
	c->guessed[reach] = below;
	if (!o->hyphenate || c->ragged)
		return below;
	pts = xmalloc((size_t)c->len + 1);
	for (int i = 0, w = 0, a, b; ; ) {
		if (c->hyphenated && reach == HYPH_GUESS_UNKNOWN) {
			if ((size_t)w >= c->nunknown)
				break;
			a = c->unknown[w++];
			b = c->unknown[w++];
		} else if (!para_next_word(c, &i, &a, &b)) {
			break;
		}
		if (b - a < 4 || !hyph_guess_at(c->e->hyph, o->lang, c->text + a, b - a,
						o->hyph_left, o->hyph_right, o->hyph_min_word,
						para_sentence_start(c, a), reach, pts + a))
			continue;
		for (int p = a; p < b - 1; p++) {
			if (!pts[p])
				continue;
			xgrow(&add, &cap, n + 1, sizeof *add);
			add[n++] = para_hyphen_brk(c, p, PARA_GUESS_PENALTY);
		}
	}
	c->guessed[reach] = below + (int)para_merge(c, add, n);
	free(add);
	free(pts);
	return c->guessed[reach];
}

/* How many breaks the reach adds to those of the reach below it. */
static int para_guess_new(struct para_ctx *c, int reach)
{
	return para_guess(c, reach) - (reach > HYPH_GUESS_UNKNOWN ? para_guess(c, reach - 1) : 0);
}

/* Width of the box between break k - 1 and break k, hyphen included. */
static int64_t para_box(const struct para_ctx *c, size_t k)
{
	int start = k ? c->brks[k - 1].next : 0;

	if (c->brks[k].cend <= start)
		return 0;
	return c->w[c->brks[k].cend] - c->w[start] + c->brks[k].hyph_w;
}

/* Whether some box is wider than the narrowest measure: no pass but the
 * last can then succeed. */
static int para_overwide(const struct para_ctx *c)
{
	int m = c->width0 < c->width1 ? c->width0 : c->width1;

	for (size_t k = 0; k < c->nbrk; k++)
		if (para_box(c, k) > m)
			return 1;
	return 0;
}

/* Break every box wider than the measure at each character boundary: the
 * last resort that never loses text.  The widest such word is the
 * setting's finding (c->over), told only if this setting is printed. */
static void para_split_words(struct para_ctx *c)
{
	int m = c->width0 < c->width1 ? c->width0 : c->width1;
	struct para_brk *add = NULL;
	size_t n = 0, cap = 0;
	int64_t widest = 0;
	int wfrom = 0, wto = 0;

	for (size_t k = 0, i = 0; k < c->nbrk; k++) {
		int64_t bw = para_box(c, k);
		int start = k ? c->brks[k - 1].next : 0;

		if (bw <= m)
			continue;
		if (bw > widest)
			widest = bw, wfrom = start, wto = c->brks[k].cend;
		for (; i < (size_t)c->nchars && c->cbyte[i] < c->brks[k].cend; i++) {
			if (c->cbyte[i] <= start || !c->la[i].is_cursor_position)
				continue;
			xgrow(&add, &cap, n + 1, sizeof *add);
			add[n++] = (struct para_brk){ .cend = c->cbyte[i], .next = c->cbyte[i],
						      .penalty = PARA_CHAR_PENALTY, .split = 1 };
		}
	}
	c->split = n > 0;
	if (widest) {
		/* the word as the reader sees it, its first 60 bytes at most (whole characters) */
		const char *w = c->text + wfrom, *end = c->text + wto;

		if (end - w > 60)
			end = g_utf8_find_prev_char(w, w + 61);
		snprintf(c->over.word, sizeof c->over.word, "%.*s%s", (int)(end - w), w,
			 end < c->text + wto ? "…" : "");
		c->over.width = (int)widest;
		c->over.measure = m;
	}
	para_merge(c, add, n);
	free(add);
}

/* ---- total fit ------------------------------------------------------------ */

/* How a justified line of `spaces` and `letters` (natural widths)
 * absorbs `delta` (target minus natural width).  Its stretchability is
 * the sum of three: spaces (PARA_SPACE_STRETCH or _SHRINK per mille of
 * their width), letter spacing (PARA_TRACK per mille of the letters, when
 * they may take it) and glyph expansion (PARA_EXPAND per mille of the
 * line); the ratio is delta over that sum, and within ratio ±1 each part
 * takes its share.  Beyond it letters and expansion stay at their limits
 * and the spaces take the rest.  *ls gets the letter spacing (signed),
 * *expand the expansion; returns the ratio.  Used both to choose and to
 * set lines, so that what is chosen is what is printed. */
static double para_share(int64_t delta, int64_t spaces, int64_t letters, int track,
			 int64_t *ls, double *expand)
{
	int grow = delta >= 0;
	double sp = (double)spaces * (grow ? PARA_SPACE_STRETCH : PARA_SPACE_SHRINK) / 1000.0;
	double tr = track ? (double)letters * PARA_TRACK / 1000.0 : 0;
	double ex = (double)(spaces + letters) * PARA_EXPAND / 1000.0;
	double z = sp + tr + ex, r, k;

	*ls = 0;
	*expand = 1.0;
	if (delta == 0)
		return 0;
	if (z <= 0)
		return grow ? HUGE_VAL : -HUGE_VAL;
	r = (double)delta / z;
	k = r > 1 ? 1 : r < -1 ? -1 : r;
	*ls = (int64_t)(k * tr);
	*expand = 1.0 + k * PARA_EXPAND / 1000.0;
	if (fabs(r) > 1 && sp > 0) /* the spaces take what the others cannot */
		r = (grow ? 1 : -1) + ((double)delta - k * z) / sp;
	return r;
}

/* The widths of the character ending before byte b and of the one
 * starting at b, from the measure. */
static int64_t para_char_w(const struct para_ctx *c, int b, int before)
{
	const char *p;

	if (before) {
		if (b <= 0)
			return 0;
		p = g_utf8_prev_char(c->text + b);
		return c->w[b] - c->w[p - c->text];
	}
	if (b >= c->len)
		return 0;
	p = g_utf8_next_char(c->text + b);
	return c->w[p - c->text] - c->w[b];
}

/* Margin kerning: the share (per mille of its width) by which a character
 * ending a line (right) or starting it (!right) may stick into the
 * margin, as microtype's defaults do. */
static int para_protrusion(gunichar ch, int right)
{
	if (!right)
		switch (ch) {
		case 0x00AB: case 0x201C: case 0x201E: case 0x2018: case '"': case '\'':
			return 500;
		case '(': case '[':
			return 50;
		default:
			return 0;
		}
	switch (ch) {
	case '-': case 0x2010: case 0x00AD:
		return 500;
	case '.': case ',':
		return 700;
	case ':': case ';':
		return 500;
	case '!': case '?':
		return 200;
	case 0x00BB: case 0x201D: case 0x2019: case '"': case '\'':
		return 500;
	case 0x2013:
		return 300;
	case 0x2014:
		return 200;
	case ')': case ']':
		return 50;
	default:
		return 0;
	}
}

/* How far a line starting at byte `start` sticks into the left margin. */
static int para_margin_l(const struct para_ctx *c, int start)
{
	if (c->ragged || start >= c->len)
		return 0;
	return (int)(para_char_w(c, start, 0) *
		     para_protrusion(g_utf8_get_char(c->text + start), 0) / 1000);
}

/* How far a line ending at break k sticks into the right margin. */
static int para_margin_r(const struct para_ctx *c, const struct para_brk *k)
{
	if (c->ragged || k->cend <= 0)
		return 0;
	if (k->hyph_w)
		return k->hyph_w * para_protrusion('-', 1) / 1000;
	return (int)(para_char_w(c, k->cend, 1) *
		     para_protrusion(g_utf8_get_char(g_utf8_prev_char(c->text + k->cend)), 1) /
		     1000);
}

/* How far the line from `start` to break k sticks into the left (*l) and
 * right (*r) margins; the right one is remembered in the break, as the
 * breaker asks for it many times. */
static void para_margins(const struct para_ctx *c, int start, const struct para_brk *k,
			 int *l, int *r)
{
	*l = *r = 0;
	if (c->ragged || k->cend <= start)
		return;
	if (c->ml[start] < 0)
		((struct para_ctx *)c)->ml[start] = para_margin_l(c, start);
	*l = c->ml[start];
	if (k->mr < 0)
		((struct para_brk *)k)->mr = para_margin_r(c, k);
	*r = k->mr;
}

/* Adjustment ratio of a line from byte `start` to break k, `lines` lines
 * already set before it.  A ragged line has a fixed stretch (c->rag) and
 * no shrink; a last line keeps its natural width when it fits; a
 * justified line's measure includes what it may stick into the margins. */
static double para_ratio(const struct para_ctx *c, int start, const struct para_brk *k,
			 int lines)
{
	int end = k->cend > start ? k->cend : start, ml, mr;
	int64_t target = lines ? c->width1 : c->width0;
	int64_t nat = c->w[end] - c->w[start] + k->hyph_w;
	int64_t sp = c->sp[end] - c->sp[start], ls;
	double expand;
	int natural_last = k->forced && (c->ragged || !c->o->last_justify);

	if (nat <= target && natural_last)
		return 0;
	if (c->ragged)
		return nat <= target ? (double)(target - nat) / (double)c->rag : -HUGE_VAL;
	para_margins(c, start, k, &ml, &mr);
	return para_share(target + ml + mr - nat, sp, nat - sp, 1, &ls, &expand);
}

static int para_fitness(double r)
{
	if (r > 1)
		return 0;
	if (r > 0.5)
		return 1;
	if (r >= -0.5)
		return 2;
	return 3;
}

/* Demerits of a line of ratio r ending at break k, after node a. */
static double para_demerits(const struct para_node *a, const struct para_brk *k,
			    double r, int fit)
{
	double bad = 100 * fabs(r) * r * r, d;

	if (bad > PARA_MAX_BADNESS)
		bad = PARA_MAX_BADNESS;
	d = (PARA_LINE_PENALTY + bad) * (PARA_LINE_PENALTY + bad);
	if (!k->forced)
		d += (double)k->penalty * k->penalty;
	if (k->flagged && a->hyphens > 0)
		d += PARA_DOUBLE_HYPHEN;
	if (k->forced && a->hyphens > 0)
		d += PARA_FINAL_HYPHEN;
	if (abs(fit - a->fit) > 1)
		d += PARA_ADJ_DEMERITS;
	return d;
}

static int para_new_node(struct para_ctx *c, struct para_node n)
{
	xgrow(&c->nodes, &c->capnode, c->nnode + 1, sizeof *c->nodes);
	c->nodes[c->nnode] = n;
	return (int)c->nnode++;
}

/* What a hyphen ending line i costs when set again for column feet. */
static double para_foot_price(const struct para_ctx *c, int i)
{
	const struct para_foot *ft = c->o->foot;

	if (i == ft->line)
		return ft->turn ? c->turn_cost : c->foot_cost;
	if (i >= 64)
		return 0;
	if (c->turns >> i & 1)
		return c->turn_cost;
	return (c->feet >> i & 1) ? c->foot_cost : 0;
}

/* Byte where the word starting at byte `s` ends (before `e`). */
static int para_word_end(const struct para_ctx *c, int s, int e)
{
	while (s < e && !para_is_break_space(g_utf8_get_char(c->text + s)))
		s = (int)(g_utf8_next_char(c->text + s) - c->text);
	return s;
}

/* Byte where the last word before byte `e` (not before `s`) starts. */
static int para_word_start(const struct para_ctx *c, int s, int e)
{
	while (e > s) {
		const char *p = g_utf8_prev_char(c->text + e);

		if (para_is_break_space(g_utf8_get_char(p)))
			break;
		e = (int)(p - c->text);
	}
	return e;
}

/* Letters and digits in bytes [s, e) (a word's punctuation aside). */
static int para_letters(const struct para_ctx *c, int s, int e)
{
	int n = 0;

	for (const char *p = c->text + s; p < c->text + e; p = g_utf8_next_char(p))
		n += g_unichar_isalnum(g_utf8_get_char(p)) != 0;
	return n;
}

/* [*s, *e) less the punctuation around the word. */
static void para_trim(const struct para_ctx *c, int *s, int *e)
{
	while (*s < *e && !g_unichar_isalnum(g_utf8_get_char(c->text + *s)))
		*s = (int)(g_utf8_next_char(c->text + *s) - c->text);
	while (*e > *s) {
		const char *p = g_utf8_prev_char(c->text + *e);

		if (g_unichar_isalnum(g_utf8_get_char(p)))
			break;
		*e = (int)(p - c->text);
	}
}

/* The first and the last letter or digit of [s, e) (0 when none within
 * a few characters of the end). */
static gunichar para_first_alnum(const struct para_ctx *c, int s, int e)
{
	for (int k = 0; s < e && k < 4; k++, s = (int)(g_utf8_next_char(c->text + s) - c->text))
		if (g_unichar_isalnum(g_utf8_get_char(c->text + s)))
			return g_utf8_get_char(c->text + s);
	return 0;
}

static gunichar para_last_alnum(const struct para_ctx *c, int s, int e)
{
	for (int k = 0; e > s && k < 4; k++) {
		const char *p = g_utf8_prev_char(c->text + e);

		if (g_unichar_isalnum(g_utf8_get_char(p)))
			return g_utf8_get_char(p);
		e = (int)(p - c->text);
	}
	return 0;
}

/* Whether words [a, ae) and [b, be) are the same, punctuation aside. */
static int para_same(const struct para_ctx *c, int a, int ae, int b, int be)
{
	para_trim(c, &a, &ae);
	para_trim(c, &b, &be);
	return ae - a == be - b && ae > a && memcmp(c->text + a, c->text + b, (size_t)(ae - a)) == 0;
}

/* Where the line ending at node id starts and its content ends. */
static void para_node_line(const struct para_ctx *c, int id, int *s, int *e)
{
	const struct para_node *n = &c->nodes[id];
	int p = c->nodes[n->prev].brk;

	*s = p < 0 ? 0 : c->brks[p].next;
	*e = c->brks[n->brk].cend > *s ? c->brks[n->brk].cend : *s;
}

/* What the language's shape rules charge a line from node n (starting at
 * byte `start`) to break b: a runt or an unbalanced last line, a third
 * line in a row starting or ending with the same word. */
static double para_shape_cost(const struct para_ctx *c, const struct para_node *n, int start,
			      const struct para_brk *b)
{
	const struct para_lang *l = c->rules;
	int end = b->cend > start ? b->cend : start;
	double d = 0;

	if (b->forced && n->lines > 0) {
		int64_t nat = c->w[end] - c->w[start];
		int title = c->ragged && l->ragged_last > 0;
		double share = title ? l->ragged_last : l->runt_width;

		if (nat < share * c->width1 ||
		    (para_word_end(c, start, end) == end && para_letters(c, start, end) < l->runt_chars))
			d += title && l->ragged_cost > 0 ? l->ragged_cost : l->runt_cost;
	}
	if (l->stack_cost > 0 && n->lines >= 2 && end > start) {
		int s1, e1, s0, e0;

		para_node_line(c, (int)(n - c->nodes), &s1, &e1);
		/* most lines start and end unlike the one before: said at once */
		if (para_first_alnum(c, start, end) != para_first_alnum(c, s1, e1) &&
		    para_last_alnum(c, start, end) != para_last_alnum(c, s1, e1))
			return d;
		para_node_line(c, n->prev, &s0, &e0);
		if (para_same(c, start, para_word_end(c, start, end), s1, para_word_end(c, s1, e1)) &&
		    para_same(c, start, para_word_end(c, start, end), s0, para_word_end(c, s0, e0)))
			d += l->stack_cost;
		else if (para_same(c, para_word_start(c, start, end), end,
				   para_word_start(c, s1, e1), e1) &&
			 para_same(c, para_word_start(c, start, end), end,
				   para_word_start(c, s0, e0), e0))
			d += l->stack_cost;
	}
	return d;
}

/* Offer the line from active node a to break k: keep it in `best` when it
 * is the cheapest way yet to reach k in its state.  Returns whether a must
 * leave the active list (the line is already too long, or k is forced). */
static int para_try(struct para_ctx *c, int a, size_t k, const struct para_pass *ps,
		    struct para_best best[4][PARA_MAX_HYPHENS + 1])
{
	struct para_node *n = &c->nodes[a];
	const struct para_brk *b = &c->brks[k];
	int start = n->brk < 0 ? 0 : c->brks[n->brk].next;
	double r = para_ratio(c, start, b, n->lines), raw = r;
	int hy = b->flagged ? n->hyphens + 1 : 0, fit;
	const struct para_foot *ft = c->o->foot;
	double d;

	/* set again for a column's foot: the lines placed already stay */
	if (ft && n->lines < ft->keep && b->next != ft->prev->lines[n->lines].end)
		return r < -1 || b->forced;
	if (r < -1 && ps->final && !n->fed) {
		/* nothing else can follow n: an overfull line, at a high price */
		if (hy > PARA_MAX_HYPHENS)
			return 0; /* wait for a break where it may end */
		raw = 100;
	} else if (r < -1 || r > ps->tolerance || hy > PARA_MAX_HYPHENS) {
		return r < -1 || b->forced;
	}
	fit = para_fitness(raw);
	d = n->demerits + para_demerits(n, b, raw, fit);
	if (r > 1.0 && !c->ragged)
		d += PARA_LOOSE_DEMERITS; /* as few visibly loose lines as the text allows */
	if (ft && b->flagged && !b->forced)
		d += para_foot_price(c, n->lines);
	if (c->rules && !c->split)
		d += para_shape_cost(c, n, start, b);
	n->fed = 1;
	if (d < best[fit][hy].demerits)
		best[fit][hy] = (struct para_best){ .demerits = d, .ratio = r, .from = a };
	return r < -1 || b->forced;
}

/* Append the nodes recorded in `best` for break k to the active list
 * (*head, *tail: its first and last nodes, -1 when empty). */
static void para_activate(struct para_ctx *c, size_t k,
			 struct para_best best[4][PARA_MAX_HYPHENS + 1],
			 int *head, int *tail)
{
	for (int f = 0; f < 4; f++)
		for (int h = 0; h <= PARA_MAX_HYPHENS; h++) {
			struct para_best *bs = &best[f][h];
			int id;

			if (bs->demerits == HUGE_VAL)
				continue;
			id = para_new_node(c, (struct para_node){
				.brk = (int)k,
				.lines = c->nodes[bs->from].lines + 1,
				.fit = f,
				.hyphens = h,
				.ratio = bs->ratio,
				.demerits = bs->demerits,
				.prev = bs->from,
				.next_active = -1,
			});
			if (*tail >= 0)
				c->nodes[*tail].next_active = id;
			else
				*head = id;
			*tail = id;
		}
}

/* One pass of the algorithm; returns the node ending the paragraph with
 * the fewest demerits, or -1 when no way fits the pass's tolerance. */
static int para_total_fit(struct para_ctx *c, const struct para_pass *ps)
{
	struct para_best best[4][PARA_MAX_HYPHENS + 1];
	int head, tail, result = -1;

	c->nnode = 0;
	head = tail = para_new_node(c, (struct para_node){
		.brk = -1, .fit = 2, .prev = -1, .next_active = -1 });
	for (size_t k = 0; k < c->nbrk && head >= 0; k++) {
		int prev = -1;

		for (int f = 0; f < 4; f++)
			for (int h = 0; h <= PARA_MAX_HYPHENS; h++)
				best[f][h] = (struct para_best){ .demerits = HUGE_VAL };
		for (int a = head; a >= 0; a = c->nodes[a].next_active) {
			if (!para_try(c, a, k, ps, best)) {
				prev = a;
				continue;
			}
			if (prev >= 0)
				c->nodes[prev].next_active = c->nodes[a].next_active;
			else
				head = c->nodes[a].next_active;
			if (tail == a)
				tail = prev;
		}
		para_activate(c, k, best, &head, &tail);
	}
	for (size_t i = 0; i < c->nnode; i++)
		if (c->nodes[i].brk == (int)c->nbrk - 1 &&
		    (result < 0 || c->nodes[i].demerits < c->nodes[result].demerits))
			result = (int)i;
	return result;
}

/* Whether the setting ending at node `end` ends on a line its
 * language's rules call a runt (or that breaks another shape rule). */
static int para_ends_on_runt(const struct para_ctx *c, int end)
{
	const struct para_node *n = &c->nodes[end];

	if (!c->rules || c->split || n->lines < 2)
		return 0;
	return para_shape_cost(c, &c->nodes[n->prev],
			       c->nodes[n->prev].brk < 0 ? 0 : c->brks[c->nodes[n->prev].brk].next,
			       &c->brks[n->brk]) > 0;
}

/* Whether a ragged setting ends on a runt (shorter lines before it may
 * mend it: a ragged paragraph tries the looser passes too). */
static int para_ragged_runt(const struct para_ctx *c, int end)
{
	return c->ragged && para_ends_on_runt(c, end);
}

/* The largest ratio of a line of the setting ending at node `end`. */
static double para_worst(const struct para_ctx *c, int end)
{
	double w = 0;

	for (int id = end; id >= 0 && c->nodes[id].brk >= 0; id = c->nodes[id].prev)
		w = MAX(w, c->nodes[id].ratio);
	return w;
}

/* Run the passes in turn until one succeeds; the last always does.  A
 * justified setting ending on a runt without hyphenation is kept while
 * the pass with hyphenation looks for one without, which it may give only
 * if no line of it is visibly loose and it does not end on a runt too (a
 * runt is mended by a hyphen, not by loose gaps or by hyphenating the
 * paragraph's last word). */
static int para_choose(struct para_ctx *c)
{
	int hyph_done = 0, can_hyph = 0, best = -1, runt = -1;
	double best_d = HUGE_VAL;

	if (c->o->hyphenate)
		can_hyph = hyph_ready(c->e->hyph, c->o->lang, c->file, c->line);
	for (size_t i = 0; i < G_N_ELEMENTS(para_passes); i++) {
		const struct para_pass *ps = &para_passes[i];
		int end;

		if (ps->hyphenate && can_hyph && !hyph_done) {
			para_hyphenate(c);
			hyph_done = 1;
		}
		if (ps->tolerance > 1.0 && c->nlate) {
			para_merge(c, c->late, c->nlate);
			c->nlate = 0;
		}
		if (ps->guess && ps->if_guessed && !para_guess_new(c, ps->guess))
			continue;
		if (ps->final && para_overwide(c))
			para_split_words(c);
		else if (!ps->final && para_overwide(c))
			continue;
		if ((end = para_total_fit(c, ps)) < 0)
			continue;
		/* a setting that broke a "never" rule: looser passes may keep it */
		if (c->nodes[end].demerits < PARA_RULE_BROKEN && !para_ragged_runt(c, end)) {
			/* visibly loose: the emergency passes may do better */
			int loose = !c->ragged && para_worst(c, end) > PARA_VISIBLE;

			if (runt >= 0 && (loose || para_ends_on_runt(c, end)))
				return para_total_fit(c, &para_passes[runt]);
			if (loose && para_worst(c, end) > para_wider[ps->guess] &&
			    para_guess_new(c, ps->guess + 1) > 0)
				continue;
			if (!c->ragged && para_mends_runt(i) && para_ends_on_runt(c, end)) {
				runt = (int)i;
				continue;
			}
			return end;
		}
		if (best < 0 || c->nodes[end].demerits < best_d) {
			best = (int)i;
			best_d = c->nodes[end].demerits;
			if (i + 1 == G_N_ELEMENTS(para_passes))
				return end;
		}
	}
	if (runt >= 0)
		return para_total_fit(c, &para_passes[runt]);
	return best >= 0 ? para_total_fit(c, &para_passes[best]) : -1;
}

/* ---- setting the chosen lines --------------------------------------------- */

/* The chosen breaks, first line first: nodes of the path ending at `end`. */
static int *para_path(const struct para_ctx *c, int end, int *nlines)
{
	int n = c->nodes[end].lines, *path = xmalloc((size_t)(n ? n : 1) * sizeof *path);

	for (int i = n - 1, id = end; i >= 0; i--, id = c->nodes[id].prev)
		path[i] = id;
	*nlines = n;
	return path;
}

/* Ranges, hyphens and kinds of the chosen lines (no text yet). */
static void para_fill_lines(struct para_ctx *c, struct para *p, const int *path)
{
	struct para_priv *pv = p->priv;

	for (int i = 0; i < p->nlines; i++) {
		const struct para_node *n = &c->nodes[path[i]];
		const struct para_brk *b = &c->brks[n->brk];
		struct para_line *l = &p->lines[i];
		struct para_span *sp = &pv->span[i];

		l->start = i ? p->lines[i - 1].end : 0;
		l->end = b->next;
		l->hyphenated = b->hyph_w > 0;
		l->broke_word = b->split;
		l->ratio = n->ratio;
		para_margins(c, l->start, b, &l->margin_l, &l->margin_r);
		sp->natural = b->forced && !c->o->last_justify;
		sp->hyphen_end = b->flagged;
		l->hyphen_end = b->flagged;
		sp->cend = b->cend > l->start ? b->cend : l->start;
		if (l->hyphenated)
			sp->hylen = (int)strlen(para_hyphen_at(c, sp->cend)->text);
	}
}

/* Byte of a chunk's text for paragraph byte b, the chunk showing lines
 * [first, first + n): an attribute start when !is_end (in the line
 * starting at or before b), an attribute end when is_end (in the line
 * holding byte b - 1).  A position at or past the line's content end maps
 * after its hyphen, so that the hyphen takes the style of the character
 * before it. */
static int para_map_index(const struct para *p, int first, int n, int b, int is_end)
{
	const struct para_priv *pv = p->priv;
	int lo = first, hi = first + n - 1;
	const struct para_span *sp;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (p->lines[mid].start < b || (!is_end && p->lines[mid].start == b))
			lo = mid;
		else
			hi = mid - 1;
	}
	sp = &pv->span[lo];
	if (b < sp->cend)
		return b - p->lines[lo].start + sp->map;
	return sp->map + sp->cend - p->lines[lo].start + sp->hylen;
}

/* The caller's attributes, cut to the paragraph bytes that the chunk of
 * lines [first, first + n) shows, moved onto the chunk's text. */
static PangoAttrList *para_set_attrs(const struct para_ctx *c, const struct para *p,
				     int first, int n)
{
	PangoAttrList *out = pango_attr_list_new();
	GSList *all = pango_attr_list_get_attributes(c->attrs);
	guint from = (guint)p->lines[first].start, to = (guint)p->lines[first + n - 1].end;

	for (GSList *l = all; l; l = l->next) {
		PangoAttribute *a = l->data;
		guint s = MAX(a->start_index, from), e = MIN(a->end_index, to);

		if (s >= e || s >= (guint)c->len) {
			pango_attribute_destroy(a);
			continue;
		}
		a->start_index = (guint)para_map_index(p, first, n, (int)s, 0);
		a->end_index = e < (guint)c->len ? (guint)para_map_index(p, first, n, (int)e, 1)
						 : PANGO_ATTR_INDEX_TO_TEXT_END;
		if (a->start_index < a->end_index)
			pango_attr_list_insert(out, a);
		else
			pango_attribute_destroy(a);
	}
	g_slist_free(all);
	return out;
}

/* The text of the chunk of lines [first, first + n): each line's content,
 * its hyphen, "\n" between lines; records where each line starts in it. */
static char *para_chunk_text(struct para_ctx *c, struct para *p, int first, int n,
			     int *outlen)
{
	struct para_priv *pv = p->priv;
	GString *s = g_string_sized_new(64);

	for (int i = first; i < first + n; i++) {
		const struct para_line *l = &p->lines[i];
		struct para_span *sp = &pv->span[i];

		sp->map = (int)s->len;
		g_string_append_len(s, c->text + l->start, sp->cend - l->start);
		if (l->hyphenated)
			g_string_append(s, para_hyphen_at(c, sp->cend)->text);
		if (i + 1 < first + n)
			g_string_append_c(s, '\n');
	}
	*outlen = (int)s->len;
	return g_string_free(s, FALSE);
}

/* What a line holds, read from its glyphs. */
struct para_glyphs {
	int64_t natural;  /* width as shaped */
	int64_t spaces;   /* width of its stretchable spaces */
	int64_t letters;  /* width of everything else, in left-to-right runs */
	int gaps;         /* cluster ends that may take letter spacing */
	int nspaces;      /* stretchable spaces */
	int spaced;       /* of those, spaces right after such a cluster end */
};

/* Whether glyph g of a run starts a cluster that is a stretchable space. */
static int para_glyph_is_space(const struct glyph_run *run, int g)
{
	int cl = run_cluster(run, g);
	const unsigned char *p = (const unsigned char *)run->text + run->offset + cl;

	if (g > 0 && run_cluster(run, g - 1) == cl)
		return 0;
	return para_is_stretch_space(p);
}

/* Whether glyph g ends a cluster of a left-to-right run (not the line's
 * last glyph), where letter spacing may go. */
static int para_glyph_is_gap(const struct glyph_run *run, int g, int last_run)
{
	if (run->item->analysis.level % 2)
		return 0;
	if (g + 1 < run->nglyphs)
		return run_cluster(run, g + 1) != run_cluster(run, g);
	return !last_run;
}

static struct para_glyphs para_line_glyphs(const struct glyph_run *runs, int n)
{
	struct para_glyphs r = { 0 };
	int after_gap = 0;

	for (int k = 0; k < n; k++) {
		const struct glyph_run *run = &runs[k];

		for (int g = 0; g < run->nglyphs; g++) {
			int w = run_advance(run, g);

			r.natural += w;
			if (para_glyph_is_space(run, g)) {
				r.spaces += w;
				r.nspaces++;
				r.spaced += after_gap;
				after_gap = 0;
				continue;
			}
			r.letters += w;
			after_gap = para_glyph_is_gap(run, g, k + 1 == n);
			r.gaps += after_gap;
		}
	}
	return r;
}

/* Add `amount` to the widths of the spaces (in proportion to their widths,
 * `total` being the sum) or, when `gaps`, spread evenly over the cluster
 * ends of `ngaps` gaps; exact to the unit. */
static void para_spread(struct glyph_run *runs, int n, int64_t amount,
			int64_t total, int gaps, int ngaps)
{
	int64_t acc = 0, given = 0;
	int k = 0;

	for (int r = 0; r < n; r++) {
		struct glyph_run *run = &runs[r];

		for (int g = 0; g < run->nglyphs; g++) {
			int64_t share;

			if (gaps) {
				if (para_glyph_is_space(run, g) ||
				    !para_glyph_is_gap(run, g, r + 1 == n))
					continue;
				share = (int64_t)((__int128)amount * ++k / ngaps) - given;
			} else {
				if (!para_glyph_is_space(run, g))
					continue;
				acc += run_advance(run, g);
				/* 128-bit: widths times widths overflow 64 bits on absurd styles */
				share = (int64_t)((__int128)amount * acc / total) - given;
			}
			run_widen(run, g, (int)share);
			given += share;
		}
	}
}

/* What a reader sees of a line set with `ls` of letter spacing, `delta`
 * added to its spaces and its glyphs drawn `expand` wider: the mean word
 * gap (a space plus the letter spacing of the cluster before it, times
 * the expansion) over the spaces' natural width, and the letter spacing
 * as a share of the letters' width. */
static void para_seen(const struct para_glyphs *g, int64_t ls, int64_t delta,
		      double expand, struct para_line *out)
{
	double per_gap = g->gaps ? (double)ls / g->gaps : 0;

	out->track = g->letters > 0 ? (double)ls / (double)g->letters : 0;
	out->gap = g->spaces > 0 ? expand * ((double)(g->spaces + delta) + per_gap * g->spaced) /
				   (double)g->spaces : 0;
}

/* The letters' share of a line's adjustment (their letter spacing *ls
 * and the expansion *expand, as para_share() gave them), drawn as glyph
 * expansion first, up to its limit (PARA_EXPAND): letter spacing costs
 * the PDF a number between every two letters (Cairo positions glyphs in
 * TJ arrays only), expansion none.  Letter spacing keeps what expansion
 * cannot take; the letters' width as drawn is unchanged. */
static void para_prefer_expansion(const struct para_glyphs *g, int64_t *ls, double *expand)
{
	const double lim = PARA_EXPAND / 1000.0;
	double drawn, e;

	if (!*ls || g->letters <= 0)
		return;
	drawn = *expand * (double)(g->letters + *ls);
	e = drawn / (double)g->letters;
	if (e > 1 + lim || e < 1 - lim) {
		e = e > 1 ? 1 + lim : 1 - lim;
		*ls = (int64_t)floor(drawn / e - (double)g->letters + 0.5);
	} else {
		*ls = 0;
	}
	*expand = e;
}

/* Justify one line to `target` as para_share() says: letter spacing and
 * expansion, then the spaces take the rest exactly (never narrower than
 * their shrink limit, so an overfull line sticks out).  Returns the
 * width as shaped and spaced (to be multiplied by *expand); *ratio gets
 * the line's ratio, -1 at most for a line too wide, PARA_LOOSE_MARK at
 * most for a line left short because it has no space; `out` gets what a
 * reader sees of it.  gl: what the line holds (para_line_glyphs). */
static int64_t para_justify(struct glyph_run *runs, int n, const struct para_glyphs *gl,
			    int64_t target, double *ratio, double *expand, struct para_line *out)
{
	struct para_glyphs g = *gl;
	/* the spaces' limit, with room for the small differences between the
	 * measure's shaping and the line's (kerning at the break) */
	int64_t ls, delta, limit = g.spaces * (PARA_SPACE_SHRINK + 50) / 1000;
	double r = para_share(target - g.natural, g.spaces, g.letters, g.gaps > 0, &ls, expand);

	para_prefer_expansion(&g, &ls, expand);
	/* the glyphs are drawn *expand wider (in whole steps): set them to the
	 * measure that the expansion brings back to target */
	*expand = floor(*expand * (1000.0 / PARA_EXPAND_STEP) + 0.5) / (1000.0 / PARA_EXPAND_STEP);
	delta = (int64_t)((double)target / *expand + 0.5) - g.natural - ls;
	if (ls)
		para_spread(runs, n, ls, 0, 1, g.gaps);
	if (delta < -limit)
		delta = -limit; /* overfull: the spaces give no more */
	if (g.spaces)
		para_spread(runs, n, delta, g.spaces, 0, 0);
	else
		delta = 0;
	*ratio = r > PARA_LOOSE_MARK ? PARA_LOOSE_MARK : r < -1 ? -1 : r;
	para_seen(&g, ls, delta, *expand, out);
	return g.natural + ls + delta;
}

/* Position, adjust and measure line i, whose runs are made. */
static void para_place(const struct para_ctx *c, struct para *p, int i)
{
	const struct para_opts *o = c->o;
	const struct para_priv *pv = p->priv;
	struct para_line *l = &p->lines[i];
	int base = i ? 0 : o->indent, avail = i ? c->width1 : c->width0;
	int margins = l->margin_l + l->margin_r;
	double r = 0, expand = 1.0;

	struct para_glyphs g = para_line_glyphs(l->runs, l->nruns);

	l->width = (int)g.natural;
	l->gap = g.spaces > 0 ? 1.0 : 0.0;
	l->track = 0;
	/* a last line keeps its natural spaces, unless it must shrink to fit */
	if (o->align == PARA_JUSTIFY && (!pv->span[i].natural || l->width > avail + margins)) {
		l->width = (int)((double)para_justify(l->runs, l->nruns, &g, avail + margins, &r,
						      &expand, l) * expand + 0.5);
		base -= l->margin_l;
	} else { /* natural: at most its last stop sticks out */
		l->margin_l = 0;
		l->margin_r = MAX(0, MIN(l->margin_r, l->width - avail));
	}
	l->ratio = r;
	l->expand = expand;
	l->x = base;
	if (o->align == PARA_RIGHT)
		l->x = base + avail - l->width;
	else if (o->align == PARA_CENTER)
		l->x = base + (avail - l->width) / 2;
	para_line_extents(l);
}

/* ---- setting by cutting the measure's runs -------------------------------- */

/* The measure's runs, in text order, when lines can be cut from them as
 * they are: a left-to-right paragraph without letter spacing, text
 * transforms or tabs (Pango's layout treats those at line edges in its
 * own way; such paragraphs are shaped again a line at a time).  Returns
 * how many, 0 when not. */
static int para_cuttable(const struct para_ctx *c, PangoGlyphItem *const **out)
{
	int end = 0, ok = !memchr(c->text, '\t', (size_t)c->len);
	PangoAttrIterator *it = pango_attr_list_get_iterator(c->attrs);

	do {
		const PangoAttrInt *ls = (const PangoAttrInt *)
			pango_attr_iterator_get(it, PANGO_ATTR_LETTER_SPACING);
		const PangoAttrInt *tt = (const PangoAttrInt *)
			pango_attr_iterator_get(it, PANGO_ATTR_TEXT_TRANSFORM);

		ok = ok && (!ls || ls->value == 0) && (!tt || tt->value == PANGO_TEXT_TRANSFORM_NONE) &&
		     !pango_attr_iterator_get(it, PANGO_ATTR_SHAPE);
	} while (ok && pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	for (int r = 0; ok && r < c->measure.nruns; r++) {
		const PangoGlyphItem *gi = c->measure.runs[r];

		ok = gi->item->analysis.level % 2 == 0 && gi->item->offset >= end;
		end = gi->item->offset + gi->item->length;
	}
	if (!ok || !c->measure.nruns)
		return 0;
	*out = c->measure.runs;
	return c->measure.nruns;
}

/* First glyph of measure run `gi` whose cluster starts at byte b or
 * after (clusters grow left to right); *exact: one starts at b. */
static int para_glyph_at(const PangoGlyphItem *gi, int b, int *exact)
{
	const PangoGlyphString *gs = gi->glyphs;
	int lo = 0, hi = gs->num_glyphs, rel = b - gi->item->offset;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (gs->log_clusters[mid] < rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	*exact = rel == 0 || rel == gi->item->length ||
		 (lo < gs->num_glyphs && gs->log_clusters[lo] == rel);
	return lo;
}

/* Glyphs of measure run `gi` for bytes [x, y) as run r's, copied as they
 * were shaped; 0 when x or y falls inside a cluster. */
static int para_copy_glyphs(const PangoGlyphItem *gi, int x, int y, struct glyph_run *r)
{
	int ex, ey, g0 = para_glyph_at(gi, x, &ex), g1 = para_glyph_at(gi, y, &ey);

	if (!ex || !ey || g1 < g0)
		return 0;
	run_set_glyphs(r, gi->glyphs, g0, g1 - g0, x - gi->item->offset);
	return 1;
}

/* Bytes [x, y) of the paragraph shaped again in `item`'s font, followed
 * by the line's added hyphen when `hyphen` is not NULL (in a text of its
 * own, kept by the para): a line's edge that cannot be cut. */
static void para_reshape(const struct para_ctx *c, struct para_priv *pv, const PangoItem *item,
			 int x, int y, const char *hyphen)
{
	struct glyph_run r = { .item = item, .text = pv->text, .offset = x, .length = y - x };
	PangoGlyphString *gs;
	PangoShapeFlags fl = pango_context_get_round_glyph_positions(c->e->ltr)
			     ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;

	if (hyphen) {
		size_t hl = strlen(hyphen);
		char *t = xmalloc((size_t)(y - x) + hl + 1);

		memcpy(t, pv->text + x, (size_t)(y - x));
		memcpy(t + (y - x), hyphen, hl + 1);
		para_keep_frag(pv, t);
		r.text = t;
		r.offset = 0;
		r.length = (y - x) + (int)hl;
	}
	gs = pango_glyph_string_new();
	pango_shape_with_flags(r.text + r.offset, r.length, r.text + r.offset, r.length,
			       (PangoAnalysis *)&item->analysis, gs, fl);
	run_set_glyphs(&r, gs, 0, gs->num_glyphs, 0);
	pango_glyph_string_free(gs);
	para_add_run(pv, r);
	pv->reshaped++;
}

/* Bytes [x, y) of measure run `gi` as they were shaped, or shaped again
 * when a cut falls inside a cluster. */
static void para_cut(const struct para_ctx *c, struct para_priv *pv, const PangoGlyphItem *gi,
		     const PangoItem *item, int x, int y)
{
	struct glyph_run r = { .item = item, .text = pv->text, .offset = x, .length = y - x };

	if (!para_copy_glyphs(gi, x, y, &r)) {
		para_reshape(c, pv, item, x, y, NULL);
		return;
	}
	para_add_run(pv, r);
	pv->cut++;
}

/* Byte after the first (last when `last`) breaking space in [x, y), or
 * -1 when there is none. */
static int para_after_space(const struct para_ctx *c, int x, int y, int last)
{
	int found = -1;

	for (int b = x; b < y; b = (int)(g_utf8_next_char(c->text + b) - c->text)) {
		if (!para_is_break_space(g_utf8_get_char(c->text + b)))
			continue;
		found = (int)(g_utf8_next_char(c->text + b) - c->text);
		if (!last)
			break;
	}
	return found;
}

/* Whether the measure's shaping of run `gi` may be cut before byte b and
 * each side kept as shaped: at the run's own ends, or beside a breaking
 * space whose glyph no lookup of the font takes in (para_glyph_inert). */
static int para_safe_cut(const struct para_ctx *c, const PangoGlyphItem *gi, int b)
{
	int ro = gi->item->offset, sb = -1, exact, g;
	const char *prev;

	if (b <= ro || b >= ro + gi->item->length)
		return 1;
	prev = g_utf8_prev_char(c->text + b);
	if (para_is_break_space(g_utf8_get_char(prev)))
		sb = (int)(prev - c->text);
	else if (para_is_break_space(g_utf8_get_char(c->text + b)))
		sb = b;
	if (sb < 0)
		return 0;
	g = para_glyph_at(gi, sb, &exact);
	return exact && g < gi->glyphs->num_glyphs &&
	       para_glyph_inert(c->e, gi->item->analysis.font, gi->glyphs->glyphs[g].glyph);
}

/* The piece [ps, pe) of line l shown by measure run `gi`, `hyphen` after
 * it when it ends a hyphenated line.  An edge of a line that is not a
 * safe cut (para_safe_cut: a hyphenation point, a typed hyphen, a split
 * word, a space the font's lookups use) shapes differently from the
 * measure: the kerning with the next letter, a ligature across it, the
 * added hyphen.  The word fragment at such an edge, its space included,
 * is shaped again; the rest is cut. */
static void para_piece(const struct para_ctx *c, struct para_priv *pv, const PangoGlyphItem *gi,
		       const PangoItem *item, int ps, int pe, const char *hyphen)
{
	int safe_l = para_safe_cut(c, gi, ps);
	int safe_r = !hyphen && para_safe_cut(c, gi, pe);
	int a = safe_l ? ps : para_after_space(c, ps, pe, 0);
	int b = safe_r ? pe : para_after_space(c, a < 0 ? ps : a, pe, 1);

	if (a < 0 || b < 0 || b <= a || (a > ps && !para_safe_cut(c, gi, a)) ||
	    (b < pe && !para_safe_cut(c, gi, b))) { /* no word space to cut at */
		if (safe_l && safe_r)
			para_cut(c, pv, gi, item, ps, pe);
		else
			para_reshape(c, pv, item, ps, pe, hyphen);
		return;
	}
	if (a > ps)
		para_reshape(c, pv, item, ps, a, NULL);
	para_cut(c, pv, gi, item, a, b);
	if (b < pe || hyphen)
		para_reshape(c, pv, item, b, pe, hyphen);
}

/* Set the chosen lines from the measure's runs.  Returns 0 when they
 * cannot be cut (then they are shaped again). */
static int para_set_cut(struct para_ctx *c, struct para *p)
{
	struct para_priv *pv = p->priv;
	PangoGlyphItem *const *mr = NULL;
	int nmr = para_cuttable(c, &mr), j = 0;

	if (!nmr)
		return 0;
	pv->text = xmalloc((size_t)c->len + 1);
	memcpy(pv->text, c->text, (size_t)c->len);
	pv->text[c->len] = 0;
	for (int k = 0; k < nmr; k++)
		para_keep_item(pv, mr[k]->item);
	for (int i = 0; i < p->nlines; i++) {
		struct para_line *l = &p->lines[i];
		struct para_span *sp = &pv->span[i];
		const char *hy = l->hyphenated ? para_hyphen_at(c, sp->cend)->text : NULL;
		size_t first = pv->nruns;

		sp->rtext = pv->text;
		sp->map = l->start;
		while (j < nmr && mr[j]->item->offset + mr[j]->item->length <= l->start)
			j++;
		for (int k = j; k < nmr && mr[k]->item->offset < sp->cend; k++) {
			int ro = mr[k]->item->offset, ps = MAX(l->start, ro);
			int pe = MIN(sp->cend, ro + mr[k]->item->length);

			if (ps < pe)
				para_piece(c, pv, mr[k], pv->items[k], ps, pe,
					   pe == sp->cend ? hy : NULL);
		}
		l->runs = pv->runs + first;
		l->nruns = (int)(pv->nruns - first);
		para_place(c, p, i);
	}
	p->unknown_glyphs = c->measure.unknown;
	return 1;
}

/* Shape lines [first, first + n) as one layout, one Pango paragraph a
 * line, and set each.  Returns 0 if Pango did not make the expected lines. */
static int para_set_chunk(struct para_ctx *c, struct para *p, int first, int n)
{
	struct para_priv *pv = p->priv;
	int len, i = first;
	char *text = para_chunk_text(c, p, first, n, &len);
	PangoAttrList *al = para_set_attrs(c, p, first, n);
	PangoLayout *lay = pango_layout_new(c->e->ltr);
	const char *t;
	GSList *lines;

	pango_layout_set_auto_dir(lay, FALSE);
	pango_layout_set_text(lay, text, len);
	pango_layout_set_attributes(lay, al);
	pango_attr_list_unref(al);
	g_free(text);
	lines = pango_layout_get_lines_readonly(lay);
	if ((int)g_slist_length(lines) != n) {
		g_object_unref(lay);
		return 0;
	}
	t = para_keep_text(pv, lay);
	for (GSList *l = lines; l; l = l->next, i++) {
		pv->span[i].rtext = t;
		para_take_line(pv, &p->lines[i], l->data, t);
		para_place(c, p, i);
	}
	p->unknown_glyphs += pango_layout_get_unknown_glyphs_count(lay);
	g_object_unref(lay); /* the lines keep copies of what they show */
	return 1;
}

/* Set the chosen lines, PARA_CHUNK lines a layout: Pango finds the start
 * of each of its paragraphs from the start of the text, which would make
 * one layout for a very long paragraph quadratic. */
static int para_set(struct para_ctx *c, struct para *p, const int *path)
{
	para_fill_lines(c, p, path);
	if (para_set_cut(c, p))
		return 1;
	for (int first = 0; first < p->nlines; first += PARA_CHUNK)
		if (!para_set_chunk(c, p, first, MIN(PARA_CHUNK, p->nlines - first)))
			return 0;
	return 1;
}

/* Size of an em in the paragraph's first font (10 pt if none). */
static int para_em(const struct para_ctx *c)
{
	PangoFontDescription *d;
	int em = 10 * PANGO_SCALE;

	if (c->len == 0 || !c->item[0] || !c->item[0]->analysis.font)
		return em;
	d = pango_font_describe(c->item[0]->analysis.font);
	if (pango_font_description_get_size(d) > 0)
		em = pango_font_description_get_size(d);
	pango_font_description_free(d);
	return em;
}

/* Frees what a para owns behind its lines, and forgets it. */
static void para_priv_clear(struct para_priv *pv)
{
	for (size_t i = 0; i < pv->nruns; i++) {
		if (pv->pool && pv->runs[i].g) /* the pool's */
			pv->runs[i].g = NULL;
		run_free_glyphs(&pv->runs[i]);
	}
	for (size_t i = 0; i < pv->nitems; i++)
		pango_item_free(pv->items[i]);
	for (size_t i = 0; i < pv->nfrags; i++)
		free(pv->frags[i]);
	free(pv->span);
	free(pv->text);
	free(pv->runs);
	free(pv->pool);
	free(pv->items);
	free(pv->frags);
	*pv = (struct para_priv){ 0 };
}

/* Our own breaking: measure, choose, set.  Returns 0 to fall back on Pango. */
static int para_knuth(struct para_ctx *c, struct para *p)
{
	struct para_priv *pv = p->priv;
	int end, *path, ok;

	para_measure(c);
	c->width0 = c->o->width - c->o->indent;
	c->width1 = c->o->width;
	c->ragged = c->o->align != PARA_JUSTIFY;
	c->rag = 3 * para_em(c);
	para_breaks(c);
	if ((end = para_choose(c)) < 0)
		return 0;
	path = para_path(c, end, &p->nlines);
	p->lines = xcalloc((size_t)p->nlines, sizeof *p->lines);
	pv->span = xcalloc((size_t)p->nlines, sizeof *pv->span);
	ok = para_set(c, p, path);
	free(path);
	if (!ok) {
		para_priv_clear(pv);
		free(p->lines);
		p->lines = NULL;
		p->nlines = 0;
	}
	return ok;
}

/* What a reader sees of adjusted line l, added to the figures. */
static void para_stats_seen(struct para_stats *s, const struct para_line *l)
{
	if (l->gap <= 0)
		return;
	s->gapped++;
	s->gap_sum += l->gap;
	s->gap_loose += l->gap > PARA_GAP_LOOSE;
	s->gap_over2 += l->gap > 2.0;
	s->worst_gap = MAX(s->worst_gap, l->gap);
	s->track_sum += fabs(l->track);
	s->track_max = MAX(s->track_max, fabs(l->track));
	s->expand_sum += fabs(l->expand - 1.0);
	s->expand_max = MAX(s->expand_max, fabs(l->expand - 1.0));
}

/* The figures of the typographic report; `adjusted` when our breaking set
 * the paragraph justified (Pango's own lines have no ratio). */
static void para_stats(struct para *p, int measure, int adjusted)
{
	const struct para_priv *pv = p->priv;
	struct para_stats *s = &p->stats;
	int run = 0;

	*s = (struct para_stats){ .lines = p->nlines, .cut = pv->cut, .reshaped = pv->reshaped };
	for (int i = 0; i < p->nlines; i++) {
		const struct para_line *l = &p->lines[i];

		s->hyphenated += l->hyphenated;
		run = pv->span[i].hyphen_end || l->hyphenated ? run + 1 : 0;
		if (run > s->hyphen_run)
			s->hyphen_run = run;
		s->loose += l->ratio > 1;
		s->tight += l->ratio < -0.5;
		if (l->ratio > s->worst_ratio)
			s->worst_ratio = l->ratio;
		s->overfull += l->x + l->width - l->margin_r > measure + 1;
		if (adjusted && (!pv->span[i].natural || l->ratio != 0)) {
			s->adjusted++;
			s->ratio_sum += fabs(l->ratio);
			para_stats_seen(s, l);
		}
	}
}

/* Whether the first strong character is right-to-left.  Pango's function
 * is deprecated in favour of a layout's auto direction, which would cost a
 * layout here. */
static int para_is_rtl(const char *text, int len)
{
	PangoDirection d;

	G_GNUC_BEGIN_IGNORE_DEPRECATIONS
	d = pango_find_base_dir(text, len);
	G_GNUC_END_IGNORE_DEPRECATIONS
	return d == PANGO_DIRECTION_RTL;
}

static void para_ctx_done(struct para_ctx *c)
{
	if (c->attrs)
		pango_attr_list_unref(c->attrs);
	measure_done(&c->measure);
	free(c->cbyte);
	free(c->w);
	free(c->sp);
	free(c->ml);
	free(c->item);
	free(c->brks);
	free(c->late);
	free(c->unknown);
	free(c->keep);
	free(c->nodes);
	free(c->hy);
}

/* para_new, or with o->foot NULL when our breaking cannot set it. */
static struct para *para_make(struct para_engine *e, const char *text, int len,
			      PangoAttrList *attrs, const struct para_opts *o,
			      const char *file, long line)
{
	struct para *p = xcalloc(1, sizeof *p);
	int ours = 0;
	struct para_ctx c = {
		.e = e,
		.o = o,
		.text = text,
		.len = len,
		.file = file,
		.line = line,
		.attrs = measure_attrs(attrs, o->lang),
		.guessed = { -1, -1, -1 },
	};

	if (len < 0)
		c.len = len = (int)strlen(text);
	c.rules = para_lang_find(e, o->lang);
	if (o->foot) {
		c.foot_cost = para_foot_cost(e, o->lang, 0);
		c.turn_cost = para_foot_cost(e, o->lang, 1);
		c.feet = o->foot->prev->feet;
		c.turns = o->foot->prev->turns;
	}
	p->priv = xcalloc(1, sizeof(struct para_priv));
	if (o->width > 0 && !para_is_rtl(text, len))
		ours = para_knuth(&c, p);
	if (!ours && o->foot) {
		para_ctx_done(&c);
		para_free(p);
		return NULL;
	}
	if (!ours)
		para_pango(&c, p);
	para_link_runs(p);
	para_stats(p, o->width > 0 ? o->width : INT_MAX, ours && o->align == PARA_JUSTIFY);
	p->stats.split = c.split;
	if (c.split)
		p->overfull = c.over;
	para_ctx_done(&c);
	return p;
}

void para_tell_overfull(struct para_engine *e, const struct para *p, const char *file,
			long line)
{
	if (p && p->overfull.width > 0)
		msg_at(e->msg, M_OVERFULL, file, line, 0, p->overfull.width / (double)PANGO_SCALE,
		       p->overfull.measure / (double)PANGO_SCALE, p->overfull.word);
}

struct para *para_new(struct para_engine *e, const char *text, int len,
		      PangoAttrList *attrs, const struct para_opts *o,
		      const char *file, long line)
{
	struct para_opts plain = *o;

	plain.foot = NULL;
	return para_make(e, text, len, attrs, &plain, file, line);
}

struct para *para_new_foot(struct para_engine *e, const char *text, int len,
			   PangoAttrList *attrs, const struct para_opts *o,
			   const char *file, long line)
{
	const struct para_foot *ft = o->foot;
	struct para *p = para_make(e, text, len, attrs, o, file, line);
	int ok = p && ft->line < p->nlines && !p->lines[ft->line].hyphen_end &&
		 ft->keep <= p->nlines && ft->keep <= ft->prev->nlines;

	for (int i = 0; ok && i < ft->keep; i++)
		ok = p->lines[i].start == ft->prev->lines[i].start &&
		     p->lines[i].end == ft->prev->lines[i].end &&
		     p->lines[i].hyphenated == ft->prev->lines[i].hyphenated;
	if (!ok) {
		para_free(p);
		return NULL;
	}
	p->feet = ft->prev->feet;
	p->turns = ft->prev->turns;
	p->base = ft->prev->base ? ft->prev->base : ft->prev;
	if (ft->line < 64 && ft->turn)
		p->turns |= 1ULL << ft->line;
	else if (ft->line < 64)
		p->feet |= 1ULL << ft->line;
	return p;
}

void para_free(struct para *p)
{
	struct para_priv *pv;

	if (!p)
		return;
	pv = p->priv;
	if (pv)
		para_priv_clear(pv);
	free(pv);
	free(p->lines);
	free(p);
}

int para_index_to_x(const struct para *p, int i, int index)
{
	const struct para_priv *pv = p->priv;
	const struct para_line *l;
	const struct para_span *sp;
	int x = 0, b;

	if (i < 0 || i >= p->nlines)
		return 0;
	l = &p->lines[i];
	sp = &pv->span[i];
	index = MAX(index, l->start);
	index = MIN(index, sp->cend);
	b = index - l->start + sp->map; /* the byte in the runs' text */
	for (int k = 0; k < l->nruns; x += l->runs[k].width, k++) {
		const struct glyph_run *r = &l->runs[k];
		/* a line end shaped with its hyphen shows [map_at, cend) in a text of its own */
		int at = r->text == sp->rtext ? r->offset : sp->map + sp->cend - l->start -
							   (r->length - sp->hylen);

		if (b >= at && (b < at + r->length || k + 1 == l->nruns)) {
			x += run_index_to_x(r, b - at + r->offset);
			break;
		}
	}
	return (int)(x * l->expand);
}
