/* Unit tests of the paragraph stage: para (breaking), hyph, typo. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>

#include "hyph.h"
#include "hyphdict.h"
#include "para.h"
#include "typo.h"

#define MM(x) ((int)((x) / 25.4 * 72 * PANGO_SCALE + 0.5))

/* What every test shares: one font set and one engine. */
struct fixture {
	struct msg msg;            /* messages go to a temporary file */
	struct font *font;         /* the fonts folder */
	struct para_engine *engine; /* under test */
	PangoAttrList *attrs;      /* Noto Sans 9.5 pt */
};

/* Four long paragraphs of the seed brochure (French, February 2019). */
static const char *const seed[] = {
	"Le Forum européen pour la sécurité urbaine estime que les autorités locales ont un rôle central à jouer pour prévenir et combattre la radicalisation menant à l'extrémisme violent car pour lutter contre la radicalisation, les réponses répressives ne suffisent pas. Il est tout aussi essentiel d'agir de manière préventive afin d'attaquer les causes profondes de ce processus et de renforcer la résilience des individus exposés au risque de radicalisation. Par leur proximité avec les citoyens, les autorités locales occupent une position stratégique pour mettre en œuvre ces actions et mobiliser l'ensemble des acteurs locaux concernés.",
	"La ville d'Alexandroupolis est devenue une porte d'entrée et une escale pour les réfugiés et migrants souhaitant rejoindre d'autres pays européens. Ces arrivées combinées aux crises économiques ont entraîné une augmentation de la xénophobie et des mouvements extrémistes anti-migrants. La ville a donc reconnu la nécessité de travailler avec les professionnels et les jeunes pour atténuer l'impact négatif des discours extrémistes au niveau local, en renforçant leur compréhension du phénomène et la résilience. Des sessions de sensibilisation ont été organisées au sein des services de la ville et dans les écoles. Une méthodologie pour une approche éducative à travers des actions préventives visant les jeunes et les citoyens a été développée.",
	"Ce réseau a été créé en 2016 avec pour objectif de protéger les jeunes contre les idéologies qui pourraient mener à l'extrémisme violent. Il cherche à sensibiliser l'ensemble des acteurs concernés aux questions de la radicalisation et aux moyens de l'éviter en améliorant les connaissances sur ce phénomène. Le réseau est fondé sur une solide collaboration entre les services municipaux, dont le conseil de prévention local dirigé par le maire, et les organisations non gouvernementales (ONG) spécialisées. Il délivre des formations de sensibilisation pour les acteurs locaux et s'occupe de la coordination entre la municipalité et l'ONG Violence Prevention Network lors d'actions de dé-radicalisation.",
	"En 2017, La Haye a organisé un séminaire consacré aux défis et opportunités de partenariats entre les collectivités et les acteurs de la Justice en matière de prévention de la radicalisation et de la récidive. Les responsables politiques s'intéressent de plus en plus au rôle des services pénitentiaires en matière de prévention de la radicalisation violente en prison et pendant la période de probation. Ces derniers sont des partenaires des stratégies de prévention pour la mise en place de programmes et d'interventions destinés à renforcer la résilience des individus sous main de justice face aux influences extrémistes ou à les soutenir dans un processus de désengagement.",
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	msg_init(&fx->msg, tmpfile());
	fx->font = font_new("fonts", &fx->msg);
	if (!fx->font)
		return -1;
	fx->engine = para_engine_new(fx->font, &fx->msg);
	fx->attrs = pango_attr_list_new();
	pango_attr_list_insert(fx->attrs, pango_attr_font_desc_new(
		pango_font_description_from_string("Noto Sans 9.5")));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	para_engine_free(fx->engine);
	font_free(fx->font);
	pango_attr_list_unref(fx->attrs);
	fclose(fx->msg.out);
	free(fx);
	return 0;
}

/* The French brochure's options: 80 mm, justified, hyphenated 2/3. */
static struct para_opts fr_opts(int width)
{
	return (struct para_opts){
		.width = width,
		.align = PARA_JUSTIFY,
		.hyphenate = 1,
		.lang = "fr",
		.hyph_left = 2,
		.hyph_right = 3,
		.hyph_min_word = 5,
	};
}

/* Typographic rules of `lang` as styles/efus.xml gives them; English
 * keeps a closed em dash, French spaces its high punctuation, guillemets
 * and groups of digits. */
static struct typo_rules rules_of(const char *lang)
{
	int fr = strcmp(lang, "fr") == 0, de = strcmp(lang, "de") == 0;

	return (struct typo_rules){
		.lang = lang, .range_dash = "–", .spaced_dash = " – ",
		.em_dash = strcmp(lang, "en") == 0 ? NULL : " – ", .units = "% km h",
		.quote_open = fr ? 0x00AB : de ? 0x201E : 0x201C,
		.quote_close = fr ? 0x00BB : 0x201C + !de,
		.space_before = fr ? ";:!?»" : NULL, .space_after = fr ? "«" : NULL,
		.punct_space = 0x202F, .digit_space = fr ? 0x202F : 0,
	};
}

/* `text` through the rules of `lang`, as the renderer builds a paragraph. */
static GString *typeset(const char *text, const char *lang)
{
	GString *s = g_string_new(NULL);
	struct typo_rules r = rules_of(lang);
	gunichar prev = 0;

	typo_append(s, text, (int)strlen(text), &r, &prev);
	return s;
}

/* The concatenated line ranges give back the text exactly. */
static void assert_text_kept(const struct para *p, const char *text, int len)
{
	GString *cat = g_string_new(NULL);

	assert_true(p->nlines >= 1);
	assert_int_equal(p->lines[0].start, 0);
	for (int i = 0; i < p->nlines; i++) {
		assert_true(p->lines[i].start <= p->lines[i].end);
		if (i)
			assert_int_equal(p->lines[i].start, p->lines[i - 1].end);
		g_string_append_len(cat, text + p->lines[i].start,
				    p->lines[i].end - p->lines[i].start);
	}
	assert_int_equal((int)cat->len, len);
	assert_memory_equal(cat->str, text, len);
	g_string_free(cat, TRUE);
}

/* Width of a line as its glyphs measure now (Pango's sum of advances). */
static int line_width(const struct para_line *l)
{
	int w = 0;

	for (int i = 0; i < l->nruns; i++)
		for (int g = 0; g < l->runs[i].nglyphs; g++)
			w += run_advance(&l->runs[i], g);
	return w;
}

static void test_justified_measure(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(80));

	for (size_t k = 0; k < G_N_ELEMENTS(seed); k++) {
		GString *t = typeset(seed[k], "fr");
		struct para *p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "t.xml", 1);

		int margins = 0;

		assert_true(p->nlines > 5);
		for (int i = 0; i + 1 < p->nlines; i++) {
			const struct para_line *l = &p->lines[i];

			/* margin kerning: only what protrudes sticks out */
			assert_int_equal(l->x, -l->margin_l);
			assert_true(abs(l->x + l->width - l->margin_r - o.width) <= 1);
			assert_true(l->margin_l >= 0 && l->margin_r >= 0 && l->margin_r < 3 * PANGO_SCALE);
			margins += l->margin_r > 0;
			/* as drawn: shaped width times the line's expansion, ±2 % */
			assert_true(l->expand >= 0.98 && l->expand <= 1.02);
			assert_true(fabs(l->track) <= 0.0151);
			assert_true(l->gap > 0.5 && l->gap < 2.0);
			assert_true(abs((int)(line_width(l) * l->expand + 0.5) - l->width) <= 2);
			assert_true(l->ascent > 0 && l->descent > 0);
		}
		/* the last line keeps its natural spaces unless it must shrink */
		assert_true(p->lines[p->nlines - 1].width - p->lines[p->nlines - 1].margin_r <=
			    o.width + 1);
		assert_true(p->lines[p->nlines - 1].ratio <= 0);
		assert_int_equal(p->unknown_glyphs, 0);
		assert_text_kept(p, t->str, (int)t->len);
		assert_true(margins > 0); /* some line ends with a hyphen or a stop */
		para_free(p);
		g_string_free(t, TRUE);
	}
}

static void test_last_justify_and_indent(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(80));
	GString *t = typeset(seed[0], "fr");
	struct para *p;

	o.last_justify = 1;
	o.indent = 12 * PANGO_SCALE;
	p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "t.xml", 1);
	assert_int_equal(p->lines[0].x, o.indent - p->lines[0].margin_l);
	for (int i = 0; i < p->nlines; i++)
		assert_true(abs(p->lines[i].x + p->lines[i].width - p->lines[i].margin_r - o.width) <= 1);
	para_free(p);
	g_string_free(t, TRUE);
}

static void test_no_text_lost(void **state)
{
	struct fixture *fx = *state;
	static const char *const texts[] = {
		"",
		"Un mot.",
		"   Espaces   au   début et à la fin   ",
		"Première ligne\nseconde ligne après un saut,\u2028et une autre après un séparateur de ligne.",
		"Des traits d'union : peut-être, c'est-à-dire, arc-en-ciel, anti-migrants, dé-radicalisation.",
		"Un mot avec césures con\u00ADven\u00ADtion\u00ADnelles et des espaces\u00A0insécables.",
		"Une adresse https://efus.eu/fr/topics/risks-forms-of-crime/radicalisation/ dans le texte et contact@efus.eu.",
	};
	static const enum para_align aligns[] = { PARA_JUSTIFY, PARA_LEFT, PARA_RIGHT, PARA_CENTER };

	for (size_t a = 0; a < G_N_ELEMENTS(aligns); a++)
		for (size_t k = 0; k < G_N_ELEMENTS(texts); k++) {
			struct para_opts o = fr_opts(MM(40));
			struct para *p;
			int len = (int)strlen(texts[k]);

			o.align = aligns[a];
			p = para_new(fx->engine, texts[k], len, fx->attrs, &o, "t.xml", 1);
			assert_text_kept(p, texts[k], len);
			for (int i = 0; i < p->nlines; i++)
				assert_true(p->lines[i].x + p->lines[i].width - p->lines[i].margin_r <=
					    o.width + 1);
			if (aligns[a] == PARA_RIGHT)
				for (int i = 0; i < p->nlines; i++)
					assert_true(abs(p->lines[i].x + p->lines[i].width - o.width) <= 1);
			assert_int_equal(p->stats.overfull, 0);
			para_free(p);
		}
}

static void test_forced_breaks(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(80));
	const char *t = "Court.\nEncore court.\u2028Fin.";
	struct para *p = para_new(fx->engine, t, (int)strlen(t), fx->attrs, &o, "t.xml", 1);

	assert_int_equal(p->nlines, 3);
	assert_int_equal(p->lines[1].start, (int)strlen("Court.\n"));
	for (int i = 0; i < p->nlines; i++)
		assert_true(p->lines[i].ratio == 0); /* forced breaks keep natural lines */
	para_free(p);
}

/* Read back what the messages file holds. */
static char *messages(struct fixture *fx)
{
	long n;
	char *s;

	fflush(fx->msg.out);
	n = ftell(fx->msg.out);
	s = calloc(1, (size_t)n + 1);
	rewind(fx->msg.out);
	assert_int_equal(fread(s, 1, (size_t)n, fx->msg.out), (size_t)n);
	return s;
}

static void test_long_word(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(30));
	const char *t = "Le mot Pneumonoultramicroscopicsilicovolcanoconiosisetencoreplusloin est trop long pour la colonne.";
	int before = fx->msg.counts[MSG_WARNING];
	struct para *p;
	char *m;

	o.hyphenate = 0;
	int broke = 0;

	p = para_new(fx->engine, t, (int)strlen(t), fx->attrs, &o, "long.xml", 42);
	/* the setting keeps its finding; nothing is told until it is printed */
	assert_int_equal(fx->msg.counts[MSG_WARNING], before);
	assert_true(p->overfull.width > p->overfull.measure);
	assert_int_equal(p->overfull.measure, o.width);
	assert_non_null(strstr(p->overfull.word, "Pneumonoultramicroscopic"));
	for (int i = 0; i < p->nlines; i++)
		broke += p->lines[i].broke_word;
	assert_true(broke >= 1);
	para_tell_overfull(fx->engine, p, "long.xml", 42);
	assert_int_equal(fx->msg.counts[MSG_WARNING], before + 1);
	m = messages(fx);
	assert_non_null(strstr(m, "long.xml:42: warning: a word is wider than the measure"));
	assert_non_null(strstr(m, "\"Pneumonoultramicroscopic"));
	free(m);
	assert_text_kept(p, t, (int)strlen(t));
	for (int i = 0; i < p->nlines; i++)
		assert_true(p->lines[i].x + p->lines[i].width <= o.width + 1);
	assert_int_equal(p->stats.overfull, 0);
	para_free(p);
}

/* Whether a break after byte `at` of `text` is a point hyph_word allows in
 * the word around it (or, at a reach, one hyph_guess_at guesses). */
static int legal_point(struct hyph *h, const char *text, int at, int reach)
{
	int a = at, b = at, ok;
	char *pts;

	while (a > 0 && text[a - 1] != ' ')
		a--;
	while (text[b] && text[b] != ' ')
		b++;
	pts = calloc(1, (size_t)(b - a) + 1);
	if (reach)
		hyph_guess_at(h, "fr", text + a, b - a, 2, 3, 5, 0, reach, pts);
	else
		hyph_word(h, "fr", text + a, b - a, 2, 3, 5, pts);
	ok = pts[at - a - 1];
	free(pts);
	return ok;
}

static void test_french_hyphenation(void **state)
{
	struct fixture *fx = *state;
	struct hyph *h = hyph_new(NULL, &fx->msg);
	int hyphenated = 0, guessed = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(seed); k++) {
		GString *t = typeset(seed[k], "fr");
		struct para_opts o = fr_opts(MM(45));
		struct para *p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "t.xml", 1);

		for (int i = 0; i < p->nlines; i++) {
			if (!p->lines[i].hyphenated)
				continue;
			hyphenated++;
			if (legal_point(h, t->str, p->lines[i].end, 0))
				continue;
			/* else the emergency's guess, in a paragraph no setting
			 * within ratio 1.5 holds at this narrow measure */
			assert_true(legal_point(h, t->str, p->lines[i].end, HYPH_GUESS_WIDE));
			guessed++;
		}
		assert_true(p->stats.hyphen_run <= 2);
		para_free(p);
		g_string_free(t, TRUE);
	}
	assert_true(hyphenated > 0);
	/* at 45 mm, 5 of 33 (ris-que, répon-ses: the paragraphs were set
	 * with lines past ratio 1.5 before) */
	assert_true(guessed * 5 <= hyphenated);
	hyph_free(h);
}

/* hyph_word's points as "hy-phen-at-ed" text. */
static char *points(struct hyph *h, const char *lang, const char *w)
{
	int n = (int)strlen(w);
	char *pts = calloc(1, (size_t)n + 1), *out = calloc(1, 2 * (size_t)n + 1), *o = out;

	hyph_word(h, lang, w, n, 2, 3, 5, pts);
	for (int i = 0; i < n; i++) {
		*o++ = w[i];
		if (pts[i])
			*o++ = '-';
	}
	free(pts);
	return out;
}

/* A dictionary read back from the cache hyphenates as libhyphen's own
 * load does; a changed dictionary is built again, not read stale. */
static void test_hyph_cache(void **state)
{
	char *tmp = g_dir_make_tmp("plaquette-hyph-XXXXXX", NULL);
	char *dic = g_build_filename(tmp, "hyph_fr.dic", NULL), *text = NULL, *cache = NULL;
	static const char *const words[] = { "radicalisation", "collectivités", "prévention",
					     "européennes", "désengagement" };
	struct hyphdict a, b, c;
	gsize len;

	(void)state;
	assert_non_null(tmp);
	assert_true(g_file_get_contents(HYPH_DIR "/hyph_fr.dic", &text, &len, NULL));
	assert_true(g_file_set_contents(dic, text, (gssize)len, NULL));
	cache = g_build_filename(tmp, "cache", NULL);
	assert_int_equal(hyphdict_load(&a, dic, cache), 0);
	assert_false(a.cached); /* first load: built, then written */
	assert_int_equal(hyphdict_load(&b, dic, cache), 0);
	assert_true(b.cached);
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
		char ha[64] = { 0 }, hb[64] = { 0 };
		char **rep = NULL;
		int *pos = NULL, *cut = NULL, n = (int)strlen(words[i]);

		assert_int_equal(hnj_hyphen_hyphenate2(a.dict, words[i], n, ha, NULL, &rep, &pos, &cut), 0);
		assert_int_equal(hnj_hyphen_hyphenate2(b.dict, words[i], n, hb, NULL, &rep, &pos, &cut), 0);
		assert_string_equal(ha, hb);
	}
	/* the dictionary changes: one more pattern line, a new size */
	{
		char *more = g_strconcat(text, "1zz1\n", NULL);

		assert_true(g_file_set_contents(dic, more, -1, NULL));
		g_free(more);
	}
	assert_int_equal(hyphdict_load(&c, dic, cache), 0);
	assert_false(c.cached);
	hyphdict_free(&c);
	assert_int_equal(hyphdict_load(&c, dic, cache), 0);
	assert_true(c.cached);
	hyphdict_free(&a);
	hyphdict_free(&b);
	hyphdict_free(&c);
	/* a damaged cache file is rejected and rebuilt */
	{
		char *path = NULL;
		GDir *d;
		const char *f;
		char *hdir = g_build_filename(cache, "hyph", NULL);

		d = g_dir_open(hdir, 0, NULL);
		assert_non_null(d);
		while ((f = g_dir_read_name(d)) != NULL)
			path = g_build_filename(hdir, f, NULL);
		g_dir_close(d);
		assert_non_null(path);
		assert_true(g_file_set_contents(path, "PLQHYPH3 and nothing else", -1, NULL));
		assert_int_equal(hyphdict_load(&c, dic, cache), 0);
		assert_false(c.cached);
		hyphdict_free(&c);
		g_unlink(path);
		g_free(path);
		g_rmdir(hdir);
		g_free(hdir);
	}
	g_unlink(dic);
	g_rmdir(cache);
	g_rmdir(tmp);
	g_free(cache);
	g_free(dic);
	g_free(text);
	g_free(tmp);
}

/* hyph_guess_at's points as "gues-sed" text (a sentence's first word
 * when lead), at the given reach. */
static char *guessed(struct hyph *h, const char *lang, const char *w, int lead, int reach)
{
	int n = (int)strlen(w);
	char *pts = calloc(1, (size_t)n + 1), *out = calloc(1, 2 * (size_t)n + 1), *o = out;

	hyph_guess_at(h, lang, w, n, 2, 2, 6, lead, reach, pts);
	for (int i = 0; i < n; i++) {
		*o++ = w[i];
		if (pts[i])
			*o++ = '-';
	}
	free(pts);
	return out;
}

/* Guessed points: only in words the dictionary gives none (made-up ones,
 * of 8 letters or more when the language has a dictionary), before a
 * syllable's first consonant, digraphs whole, never before a soft sign;
 * every word of a language without dictionary; names, compounds, words
 * with digits, capitals only and soft hyphens left alone. */
static void test_hyph_guess(void **state)
{
	struct fixture *fx = *state;
	struct hyph *h = hyph_new(NULL, &fx->msg);
	struct hyph_policy fr = { .left = 2, .right = 3, .min_word = 6, .capitals = HYPH_CAPS_NEVER,
				  .exceptions = "Mucekogge" };
	const struct { const char *lang, *word, *want; int lead, reach; } cases[] = {
		{ "en", "mucekogge", "mu-ce-kog-ge", 0, HYPH_GUESS_UNKNOWN },      /* en_US has no point for it */
		{ "en", "kabushami", "ka-bu-sha-mi", 0, HYPH_GUESS_UNKNOWN },      /* "sh" kept whole */
		{ "en", "adopted", "adopted", 0, HYPH_GUESS_UNKNOWN },             /* 7 letters: a real word, most likely */
		{ "en", "pusucolu", "pusucolu", 0, HYPH_GUESS_UNKNOWN },           /* the dictionary breaks it: pusu-colu */
		{ "en", "Mucekogge", "Mucekogge", 0, HYPH_GUESS_UNKNOWN },         /* a name (no <language>: names whole) */
		{ "en", "Mucekogge", "Mu-ce-kog-ge", 1, HYPH_GUESS_UNKNOWN },      /* …but a sentence's first word */
		{ "en", "mucekogge-uvu", "mucekogge-uvu", 0, HYPH_GUESS_UNKNOWN }, /* a compound breaks at its hyphen */
		{ "en", "mucekogge12", "mucekogge12", 0, HYPH_GUESS_UNKNOWN },
		{ "en", "MUCEKOGGE", "MUCEKOGGE", 0, HYPH_GUESS_UNKNOWN },
		{ "en", "muce\xC2\xADkogge", "muce\xC2\xADkogge", 0, HYPH_GUESS_UNKNOWN }, /* the author's soft hyphen */
		{ "fr", "mucekogge", "mucekogge", 0, HYPH_GUESS_UNKNOWN },         /* an exception of the sheet: never */
		{ "fr", "bakomulita", "bakomulita", 0, HYPH_GUESS_UNKNOWN },       /* the dictionary breaks it */
		{ "zz", "kanenco", "ka-nenco", 0, HYPH_GUESS_UNKNOWN },            /* zz's hyphen-right="3" */
		{ "zz", "Kanenco", "Ka-nenco", 0, HYPH_GUESS_UNKNOWN },            /* zz hyphenates capitals */
		{ "xx", "kanenco", "ka-nen-co", 0, HYPH_GUESS_UNKNOWN },           /* no dictionary: any word of 6 or more */
		{ "xx", "больница", "боль-ни-ца", 0, HYPH_GUESS_UNKNOWN },         /* not before the soft sign */
		{ "xx", "профілактика", "про-фі-лак-ти-ка", 0, HYPH_GUESS_UNKNOWN },
		{ "xx", "eurooppalainen", "eu-roop-pa-lai-nen", 0, HYPH_GUESS_UNKNOWN },
		/* the wide reach: shorter words, words the dictionary breaks
		 * (inside the stretches it leaves, or where it agrees), names,
		 * a compound's parts; not the sheet's exceptions, digits, or a
		 * word under hyphen-min-word= (6 here) */
		{ "en", "adopted", "adop-ted", 0, HYPH_GUESS_WIDE },
		{ "en", "appointed", "ap-poin-ted", 0, HYPH_GUESS_WIDE }, /* en_US: ap-pointed */
		{ "en", "pusucolu", "pusu-colu", 0, HYPH_GUESS_WIDE },     /* not pu- or -lu, beside it */
		{ "en", "Mucekogge", "Mu-ce-kog-ge", 0, HYPH_GUESS_WIDE },
		{ "en", "mucekogge-uvu", "mu-ce-kog-ge-uvu", 0, HYPH_GUESS_WIDE },
		{ "en", "mucekogge12", "mucekogge12", 0, HYPH_GUESS_WIDE },
		{ "en", "kanen", "kanen", 0, HYPH_GUESS_WIDE },
		{ "fr", "mucekogge", "mucekogge", 0, HYPH_GUESS_WIDE },
	};

	struct hyph_policy zz = { .left = 2, .right = 3, .min_word = 6, .capitals = HYPH_CAPS_YES };

	hyph_set_policy(h, "fr", &fr);
	hyph_set_policy(h, "zz", &zz);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = guessed(h, cases[i].lang, cases[i].word, cases[i].lead, cases[i].reach);

		assert_string_equal(got, cases[i].want);
		free(got);
	}
	hyph_free(h);
}

/* The style sheet's policy: exceptions as listed, names and compounds
 * only as a last resort (points marked 2). */
static void test_hyph_policy(void **state)
{
	struct hyph *h = hyph_new(NULL, NULL);
	struct hyph_policy p = { .left = 2, .right = 3, .min_word = 6, .capitals = 0,
				 .exceptions = "Augsburg re-offend-ing" };
	char pts[64];
	const char *w;

	(void)state;
	hyph_set_policy(h, "en", &p);
	w = "reoffending";
	hyph_word(h, "en-GB", w, (int)strlen(w), 2, 3, 6, pts);
	assert_int_equal(pts[1], 1); /* re- */
	assert_int_equal(pts[7], 1); /* reoffend- */
	for (int i = 0; i < (int)strlen(w); i++)
		if (i != 1 && i != 7)
			assert_int_equal(pts[i], 0);
	w = "Augsburg,";
	assert_int_equal(hyph_word(h, "en", w, (int)strlen(w), 2, 3, 6, pts), 0);
	w = "Valenciennes";
	hyph_word(h, "en", w, (int)strlen(w), 2, 3, 6, pts);
	for (int i = 0; i < (int)strlen(w); i++)
		assert_true(pts[i] == 0 || pts[i] == 2); /* a name: a last resort */
	w = "awareness-raising";
	hyph_word(h, "en", w, (int)strlen(w), 2, 3, 6, pts);
	for (int i = 0; i < (int)strlen(w); i++)
		assert_true(pts[i] == 0 || pts[i] == 2); /* a compound: at its hyphen */
	w = "prevention";
	assert_true(hyph_word(h, "en", w, (int)strlen(w), 2, 3, 6, pts) > 0);
	for (int i = 0; i < (int)strlen(w); i++)
		assert_true(pts[i] == 0 || pts[i] == 1);
	hyph_free(h);

	/* hyphenate-capitalized="no": a capitalised word inside a sentence
	 * never, a sentence's first word and a listed name as a last resort */
	h = hyph_new(NULL, NULL);
	p.capitals = HYPH_CAPS_NEVER;
	p.exceptions = "Weg-weiser";
	hyph_set_policy(h, "en", &p);
	w = "Valenciennes";
	assert_int_equal(hyph_word_at(h, "en", w, (int)strlen(w), 2, 3, 6, 0, pts), 0);
	assert_true(hyph_word_at(h, "en", w, (int)strlen(w), 2, 3, 6, 1, pts) > 0);
	for (int i = 0; i < (int)strlen(w); i++)
		assert_true(pts[i] == 0 || pts[i] == 2);
	w = "Wegweiser";
	hyph_word_at(h, "en", w, (int)strlen(w), 2, 3, 6, 0, pts);
	for (int i = 0; i < (int)strlen(w); i++)
		assert_int_equal(pts[i], i == 2 ? 2 : 0);
	hyph_free(h);
}

static void test_hyph_rules(void **state)
{
	struct fixture *fx = *state;
	struct hyph *h = hyph_new(NULL, &fx->msg);
	static const char *const cases[][2] = {
		{ "radicalisation", "ra-di-ca-li-sa-tion" },
		{ "l’extrémisme", "l’ex-tré-misme" },
		{ "l'extrémisme,", "l'ex-tré-misme," },
		{ "«\u00A0européennes\u00A0»", "«\u00A0eu-ro-péennes\u00A0»" },
		{ "https://efus.eu/radicalisation", "https://efus.eu/radicalisation" },
		{ "www.efus.eu", "www.efus.eu" },
		{ "contact@efus.eu", "contact@efus.eu" },
		{ "COVID19", "COVID19" },
		{ "a2b3c4d5e6", "a2b3c4d5e6" },
		{ "ORGANISATION", "ORGANISATION" },
		{ "con\u00ADven\u00ADtion\u00ADnelles", "con\u00AD-ven\u00AD-tion\u00AD-nelles" },
		{ "extré\u00ADmisme", "extré\u00AD-misme" },
	};

	for (int pass = 0; pass < 2; pass++) /* the second from the cache */
		for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
			char *got = points(h, "fr", cases[i][0]);

			assert_string_equal(got, cases[i][1]);
			free(got);
		}
	assert_true(hyph_ready(h, "fr-FR", NULL, 0));
	assert_true(hyph_ready(h, "en-GB", NULL, 0));
	hyph_free(h);
}

/* A language without dictionary: warned once; a paragraph set without
 * visibly loose lines has no hyphen; one that cannot be (40 mm) breaks
 * only at guessed points, and fewer of its lines are loose than when
 * its words may not break at all (hyphenate="no"). */
static void test_missing_dictionary(void **state)
{
	struct fixture *fx = *state;
	struct hyph *h = hyph_new(NULL, NULL);
	int before = fx->msg.counts[MSG_WARNING], loose[2] = { 0, 0 }, hyphenated = 0;

	for (int k = 0; k < 3; k++) {
		struct para_opts o = fr_opts(MM(k == 0 ? 120 : 40));
		struct para *p;

		o.lang = "xx-YY";
		o.hyphenate = k != 2;
		p = para_new(fx->engine, seed[0], (int)strlen(seed[0]), fx->attrs, &o, "t.xml", 7);
		for (int i = 0; i < p->nlines; i++) {
			const char *t = seed[0];
			int a = p->lines[i].end, b = a;
			char pts[64] = { 0 };

			loose[k == 2] += k > 0 && p->lines[i].gap > PARA_GAP_LOOSE;
			if (!p->lines[i].hyphenated)
				continue;
			assert_true(k == 1);
			hyphenated++;
			while (a > 0 && t[a - 1] != ' ')
				a--;
			while (t[b] && t[b] != ' ')
				b++;
			assert_true(b - a < (int)sizeof pts);
			hyph_guess_at(h, "xx-YY", t + a, b - a, 2, 3, 6, 0, HYPH_GUESS_UNKNOWN, pts);
			assert_true(pts[p->lines[i].end - a - 1]);
		}
		assert_text_kept(p, seed[0], (int)strlen(seed[0]));
		para_free(p);
	}
	assert_true(hyphenated > 0);
	assert_true(loose[0] < loose[1]);
	assert_int_equal(fx->msg.counts[MSG_WARNING], before + 1); /* once */
	hyph_free(h);
}

static void test_no_hyphen_in_url(void **state)
{
	struct fixture *fx = *state;
	const char *t = "Pour en savoir plus sur les projets, consultez https://efus.eu/fr/topics/risks-forms-of-crime/radicalisation/ ou écrivez à radicalisation-prevention@efus.eu sans attendre.";
	const char *url = strstr(t, "https"), *mail = strstr(t, "radicalisation-prevention@");

	for (int mm = 25; mm <= 60; mm += 5) {
		struct para_opts o = fr_opts(MM(mm));
		struct para *p = para_new(fx->engine, t, (int)strlen(t), fx->attrs, &o, "t.xml", 1);

		for (int i = 0; i < p->nlines; i++) {
			const char *end = t + p->lines[i].end;

			if (!p->lines[i].hyphenated)
				continue;
			assert_false(end > url && end < url + strlen("https://efus.eu/fr/topics/risks-forms-of-crime/radicalisation/"));
			assert_false(end > mail && end < mail + strlen("radicalisation-prevention@efus.eu"));
		}
		assert_text_kept(p, t, (int)strlen(t));
		para_free(p);
	}
}

/* The text with U+202F shown as "_" and U+00A0 as "~". */
static char *show(const char *text, const char *lang)
{
	GString *t = typeset(text, lang), *v = g_string_new(NULL);

	for (const char *p = t->str; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == 0x202F)
			g_string_append_c(v, '_');
		else if (c == 0x00A0)
			g_string_append_c(v, '~');
		else if (c == 0x2060)
			g_string_append_c(v, '^');
		else
			g_string_append_unichar(v, c);
	}
	g_string_free(t, TRUE);
	return g_string_free(v, FALSE);
}

static void test_typo(void **state)
{
	static const char *const cases[][3] = {
		{ "fr", "l'extrémisme", "l’extrémisme" },
		{ "en", "it's", "it’s" },
		{ "fr", "Conception graphique : Marie", "Conception graphique_: Marie" },
		{ "fr", "Note: voir", "Note_: voir" },
		{ "en", "Note: see", "Note: see" },
		{ "en", "Note : see", "Note : see" },
		{ "fr", "Vraiment ? Oui ! Bien ; fin", "Vraiment_? Oui_! Bien_; fin" },
		{ "fr", "Réseau « Strong Cities »", "Réseau «_Strong Cities_»" },
		{ "fr", "Réseau «Strong Cities»", "Réseau «_Strong Cities_»" },
		{ "fr", "dit \"bonjour\" puis", "dit «_bonjour_» puis" },
		{ "en", "said \"hello\" then", "said “hello” then" },
		{ "de", "sagte \"Hallo\" dann", "sagte „Hallo“ dann" },
		{ "fr", "voir p. 4 et 12 km, 30 % et 10 000 habitants", "voir p.~4 et 12~km, 30~% et 10_000 habitants" },
		{ "fr", "https://efus.eu/?p=1 à 10:30", "https://efus.eu/?p=1 à 10:30" },
		{ "fr", "Déjà\u00A0: ici", "Déjà_: ici" },
		/* year ranges: an en dash, no space, no break (^ = word joiner) */
		{ "fr", "(2014-2017) et 2017 - 2019, 2017- 2019", "(2014–^2017) et 2017–^2019, 2017–^2019" },
		{ "en", "from 2019-2021.", "from 2019–^2021." },
		{ "en", "call 01-40-64 or 10-2019 or 12345-6789", "call 01-40-64 or 10-2019 or 12345-6789" },
		/* the spaced dash, tied to the word before it */
		{ "fr", "Efus - Forum", "Efus~– Forum" },
		{ "fr", "Network - RAN -, Réseau", "Network~– RAN~–, Réseau" },
		{ "en", "well-known and so-called", "well-known and so-called" },
		/* a closed em dash: kept in English (never starting a line), the
		 * spaced en dash elsewhere */
		{ "en", "Efus—Forum", "Efus^—Forum" },
		{ "de", "Efus—Forum", "Efus~– Forum" },
		{ "fr", "Efus — Forum", "Efus~– Forum" },
	};
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = show(cases[i][1], cases[i][0]);

		assert_string_equal(got, cases[i][2]);
		free(got);
	}
	{
		/* without the sheet's rules, dashes and units are left as typed */
		GString *t = g_string_new(NULL);
		gunichar prev = 0;
		const char *in = "Loud 2017 - 2019, Efus - Forum, 12 km";

		typo_append(t, in, (int)strlen(in), NULL, &prev);
		assert_string_equal(t->str, in);
		g_string_free(t, TRUE);
	}
	{
		/* …and so are straight quotes, French punctuation and digit
		 * groups: the spaces and marks are the sheet's, not the tag's */
		GString *t = g_string_new(NULL);
		gunichar prev = 0;
		const char *in = "dit \"oui\" : 10 000 « bien » !";
		struct typo_rules fr = { .lang = "fr" };

		typo_append(t, in, (int)strlen(in), &fr, &prev);
		assert_string_equal(t->str, in);
		g_string_free(t, TRUE);
	}
	{
		/* another language's sheet: no-break spaces (U+00A0) before !
		 * and ? only, inside its own quotes, none after a colon */
		GString *t = g_string_new(NULL);
		gunichar prev = 0;
		const char *in = "dit \"oui\": bien! 10 000";
		struct typo_rules xx = { .lang = "xx", .quote_open = 0x2039, .quote_close = 0x203A,
					 .space_before = "!?\u203A", .space_after = "\u2039",
					 .punct_space = 0x00A0 };

		typo_append(t, in, (int)strlen(in), &xx, &prev);
		assert_string_equal(t->str, "dit \u2039\u00A0oui\u00A0\u203A: bien\u00A0! 10 000");
		g_string_free(t, TRUE);
	}
}

static void test_typo_runs(void **state)
{
	GString *s = g_string_new(NULL);
	struct typo_rules fr = rules_of("fr");
	gunichar prev = 0;
	size_t before;
	(void)state;

	typo_append(s, "Réseau «", (int)strlen("Réseau «"), &fr, &prev);
	before = s->len;
	typo_append(s, " Strong", 7, &fr, &prev);
	/* bytes already written are never changed */
	assert_memory_equal(s->str, "Réseau «\u202F", before);
	assert_string_equal(s->str, "Réseau «\u202FStrong");
	typo_append(s, " Cities ", 8, &fr, &prev);
	typo_append(s, "» et", (int)strlen("» et"), &fr, &prev);
	/* a space ending the previous run is kept, and made unbreakable */
	assert_string_equal(s->str, "Réseau «\u202FStrong Cities \u2060» et");
	g_string_free(s, TRUE);
}

static void test_scripts(void **state)
{
	struct fixture *fx = *state;
	static const char *const texts[] = {
		/* Arabic (right to left: Pango's breaking) */
		"المنتدى الأوروبي للأمن الحضري شبكة من السلطات المحلية والإقليمية تعمل منذ أكثر من ثلاثين عاما على الوقاية من الجريمة والتطرف العنيف في المدن الأوروبية.",
		/* Greek */
		"Το Ευρωπαϊκό Φόρουμ για την Αστική Ασφάλεια είναι ένα δίκτυο τοπικών και περιφερειακών αρχών που εργάζεται για την πρόληψη της εγκληματικότητας και της βίαιης ριζοσπαστικοποίησης στις ευρωπαϊκές πόλεις.",
		/* French with an Arabic name inside */
		"La ville a accueilli l'association الأمل pour une journée d'échanges sur la prévention de la radicalisation violente.",
	};
	static const char *const langs[] = { "ar", "el", "fr" };

	for (size_t k = 0; k < G_N_ELEMENTS(texts); k++) {
		struct para_opts o = fr_opts(MM(60));
		int len = (int)strlen(texts[k]);
		struct para *p;

		o.lang = langs[k];
		p = para_new(fx->engine, texts[k], len, fx->attrs, &o, "t.xml", 1);
		assert_int_equal(p->unknown_glyphs, 0);
		assert_true(p->nlines >= 2);
		assert_text_kept(p, texts[k], len);
		for (int i = 0; i + 1 < p->nlines; i++)
			assert_true(abs(p->lines[i].x + p->lines[i].width - p->lines[i].margin_r -
					o.width) <= 1);
		para_free(p);
	}
}

static void test_quality(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(80));
	double sum = 0, worst = 0;
	int n = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(seed); k++) {
		GString *t = typeset(seed[k], "fr");
		struct para *p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "t.xml", 1);

		for (int i = 0; i + 1 < p->nlines; i++) {
			sum += fabs(p->lines[i].ratio);
			n++;
			if (p->lines[i].ratio > worst)
				worst = p->lines[i].ratio;
			assert_true(p->lines[i].ratio >= -1);
		}
		assert_true(p->stats.adjusted >= p->nlines - 1);
		assert_true(p->stats.hyphen_run <= 2);
		para_free(p);
		g_string_free(t, TRUE);
	}
	print_message("mean |ratio| %.2f, worst %.2f over %d lines\n", sum / n, worst, n);
	assert_true(sum / n < 1.0);
	assert_true(worst <= 1.5);
}

static void test_stats(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(45));
	GString *t = typeset(seed[1], "fr");
	struct para *p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "t.xml", 1);
	int hy = 0, loose = 0, tight = 0;
	double worst = 0, sum = 0;

	for (int i = 0; i < p->nlines; i++) {
		hy += p->lines[i].hyphenated;
		loose += p->lines[i].ratio > 1;
		tight += p->lines[i].ratio < -0.5;
		worst = fmax(worst, p->lines[i].ratio);
		sum += fabs(p->lines[i].ratio);
	}
	assert_int_equal(p->stats.lines, p->nlines);
	assert_int_equal(p->stats.hyphenated, hy);
	assert_int_equal(p->stats.loose, loose);
	assert_int_equal(p->stats.tight, tight);
	assert_true(fabs(p->stats.worst_ratio - worst) < 1e-9);
	assert_true(fabs(p->stats.ratio_sum - sum) < 1e-9);
	assert_true(p->stats.hyphen_run <= 2);
	para_free(p);
	g_string_free(t, TRUE);
}

/* The font weight of the glyphs showing paragraph byte `b` of line i. */
static int weight_at(const struct para *p, int i, const char *text, int b)
{
	const struct para_line *l = &p->lines[i];
	int x = para_index_to_x(p, i, b) + 1;

	(void)text;
	for (int r = 0; r < l->nruns; r++) {
		const struct glyph_run *run = &l->runs[r];
		int w = 0;

		for (int g = 0; g < run->nglyphs; g++)
			w += run_advance(run, g);
		if (x < w) {
			PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
			int weight = pango_font_description_get_weight(d);

			pango_font_description_free(d);
			return weight;
		}
		x -= w;
	}
	return -1;
}

static void test_attributes_follow(void **state)
{
	struct fixture *fx = *state;
	struct para_opts o = fr_opts(MM(45));
	GString *t = typeset(seed[2], "fr");
	PangoAttrList *al = pango_attr_list_copy(fx->attrs);
	const char *bold = strstr(t->str, "organisations non gouvernementales");
	int bs = (int)(bold - t->str), be = bs + (int)strlen("organisations non gouvernementales");
	PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	struct para *p;

	a->start_index = (guint)bs;
	a->end_index = (guint)be;
	pango_attr_list_insert(al, a);
	p = para_new(fx->engine, t->str, (int)t->len, al, &o, "t.xml", 1);
	for (int i = 0; i < p->nlines; i++) {
		const struct para_line *l = &p->lines[i];

		if (l->start <= bs && bs < l->end)
			assert_int_equal(weight_at(p, i, t->str, bs), PANGO_WEIGHT_BOLD);
		if (l->start <= be && be < l->end && be + 2 < l->end)
			assert_int_equal(weight_at(p, i, t->str, be + 1), PANGO_WEIGHT_NORMAL);
		if (l->start < bs && bs - 2 > l->start && bs < l->end)
			assert_int_equal(weight_at(p, i, t->str, bs - 2), PANGO_WEIGHT_NORMAL);
		/* x grows along the line */
		assert_int_equal(para_index_to_x(p, i, l->start), 0);
		assert_true(para_index_to_x(p, i, l->end) >= para_index_to_x(p, i, l->start));
	}
	para_free(p);
	pango_attr_list_unref(al);
	g_string_free(t, TRUE);
}

/* Each set line's runs show exactly its text: the bytes of its content,
 * then its added hyphen; every run's clusters start at its first byte and
 * stay inside it, and its width is the sum of its advances.  A line cut
 * from the measuring shaping inside a ligature (a word split between the
 * f and the i of "fi") would start its clusters past its first byte. */
static void test_runs_show_lines(void **state)
{
	struct fixture *fx = *state;
	GString *t = typeset(seed[1], "fr");
	struct para_opts o = fr_opts(MM(40));

	g_string_append(t, " Un mot trop long : ");
	for (int i = 0; i < 150; i++)
		g_string_append(t, "fi");
	g_string_append(t, ".");
	for (int pass = 0; pass < 2; pass++) {
		struct para *p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "test", 1);

		for (int i = 0; i < p->nlines; i++) {
			const struct para_line *l = &p->lines[i];
			GString *shown = g_string_new(NULL), *want = g_string_new(NULL);
			int end = l->end;

			while (end > l->start && t->str[end - 1] == ' ')
				end--;
			g_string_append_len(want, t->str + l->start, end - l->start);
			if (l->hyphenated)
				g_string_append(want, "\xE2\x80\x90");
			for (int r = 0; r < l->nruns; r++) {
				const struct glyph_run *run = &l->runs[r];
				int w = 0;

				g_string_append_len(shown, run->text + run->offset, run->length);
				assert_true(run->nglyphs > 0);
				assert_int_equal(run_cluster(run, 0), 0);
				for (int g = 0; g < run->nglyphs; g++) {
					assert_true(run_cluster(run, g) >= 0 && run_cluster(run, g) < run->length);
					assert_true(g == 0 || run_cluster(run, g) >= run_cluster(run, g - 1));
					w += run_advance(run, g);
				}
				assert_int_equal(w, run->width);
			}
			assert_string_equal(shown->str, want->str);
			g_string_free(shown, TRUE);
			g_string_free(want, TRUE);
		}
		para_free(p);
		o.align = PARA_LEFT; /* ragged: lines at their natural widths */
	}
	g_string_free(t, TRUE);
}

/* A run's glyphs read back as they were given, in either form: compact
 * (empty glyphs too), or Pango's string kept whole when a glyph has an
 * offset, a missing glyph's code or an unusual attribute; and back to a
 * Pango glyph string field by field. */
static void test_run_forms(void **state)
{
	static const struct {
		PangoGlyph glyph;
		int x_offset, y_offset, cluster;
		int compact;
	} cases[] = {
		{ 36, 0, 0, 0, 1 },
		{ PANGO_GLYPH_EMPTY, 0, 0, 0, 1 },
		{ 36, 0, -300, 0, 0 },                 /* a mark placed above */
		{ 36, 120, 0, 0, 0 },
		{ 0x10000000u | 0x05E9u, 0, 0, 0, 0 }, /* a missing glyph's box */
		{ 0xFFFF, 0, 0, 0, 0 },                /* a real glyph 65535 */
		{ 36, 0, 0, 70000, 0 },                /* a cluster past 64 KiB */
	};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		PangoGlyphString *gs = pango_glyph_string_new(), *back;
		struct glyph_run r = { 0 };

		pango_glyph_string_set_size(gs, 3);
		for (int g = 0; g < 3; g++) {
			PangoGlyphInfo *in = &gs->glyphs[g];

			memset(in, 0, sizeof *in);
			in->glyph = g == 1 ? cases[c].glyph : 40u + (unsigned)g;
			in->geometry.width = 500 + g;
			in->geometry.x_offset = g == 1 ? cases[c].x_offset : 0;
			in->geometry.y_offset = g == 1 ? cases[c].y_offset : 0;
			/* glyphs 1 and 2 one cluster (a base and its mark) */
			gs->log_clusters[g] = 10 + (g ? 1 + cases[c].cluster : 0);
			in->attr.is_cluster_start = g != 2;
		}
		run_set_glyphs(&r, gs, 0, 3, 10);
		assert_int_equal(r.g != NULL, cases[c].compact);
		assert_int_equal(r.nglyphs, 3);
		assert_int_equal(r.width, 1503);
		back = run_to_pango(&r);
		for (int g = 0; g < 3; g++) {
			assert_int_equal(run_glyph(&r, g), gs->glyphs[g].glyph);
			assert_int_equal(run_advance(&r, g), gs->glyphs[g].geometry.width);
			assert_int_equal(run_x_offset(&r, g), gs->glyphs[g].geometry.x_offset);
			assert_int_equal(run_y_offset(&r, g), gs->glyphs[g].geometry.y_offset);
			assert_int_equal(run_cluster(&r, g), gs->log_clusters[g] - 10);
			assert_int_equal(back->glyphs[g].glyph, gs->glyphs[g].glyph);
			assert_int_equal(back->glyphs[g].geometry.width, gs->glyphs[g].geometry.width);
			assert_int_equal(back->glyphs[g].geometry.x_offset,
					 gs->glyphs[g].geometry.x_offset);
			assert_int_equal(back->glyphs[g].geometry.y_offset,
					 gs->glyphs[g].geometry.y_offset);
			assert_int_equal(back->glyphs[g].attr.is_cluster_start,
					 gs->glyphs[g].attr.is_cluster_start);
			assert_int_equal(back->log_clusters[g], gs->log_clusters[g] - 10);
		}
		run_widen(&r, 1, 7);
		assert_int_equal(run_advance(&r, 1), 508);
		assert_int_equal(r.width, 1510);
		pango_glyph_string_free(back);
		pango_glyph_string_free(gs);
		run_free_glyphs(&r);
	}
}

/* The file of the system's font of `family` (not fonts/: the system's own
 * fontconfig set-up, loaded afresh), or NULL when it has none. */
static char *system_font(const char *family)
{
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	FcPattern *pat = FcNameParse((const FcChar8 *)family), *got;
	FcResult r;
	FcChar8 *file = NULL, *fam = NULL;
	char *out = NULL;

	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	got = FcFontMatch(cfg, pat, &r);
	if (got && FcPatternGetString(got, FC_FAMILY, 0, &fam) == FcResultMatch &&
	    strcmp((const char *)fam, family) == 0 &&
	    FcPatternGetString(got, FC_FILE, 0, &file) == FcResultMatch)
		out = g_strdup((const char *)file);
	if (got)
		FcPatternDestroy(got);
	FcPatternDestroy(pat);
	FcConfigDestroy(cfg);
	return out;
}

/* A line is cut from the measuring shaping only beside a space no
 * lookup of its font uses: Noto Sans's space takes part in none, so a
 * French paragraph is mostly cut (only hyphenated ends are shaped again);
 * Noto Sans Devanagari kerns its space (a GPOS lookup holds it), so each
 * of its lines is shaped again as a whole, as Pango would. */
static void test_cut_only_where_safe(void **state)
{
	struct fixture *fx = *state;
	char *deva = system_font("Noto Sans Devanagari");
	char *dir = g_dir_make_tmp("plaquette-fonts-XXXXXX", NULL), *path, *data;
	gsize len;
	struct msg m;
	struct font *font;
	struct para_engine *e;
	PangoAttrList *al = pango_attr_list_new();
	GString *t = typeset(seed[0], "fr"), *h = g_string_new(NULL);
	struct para_opts o = fr_opts(MM(40));
	struct para *p = para_new(fx->engine, t->str, (int)t->len, fx->attrs, &o, "test", 1);

	assert_true(p->stats.cut >= p->nlines);
	assert_true(p->stats.reshaped <= 2 * p->stats.hyphenated + 2);
	para_free(p);
	/* fonts-noto-core (tools/deps.sh) installs it */
	assert_non_null(deva);
	assert_true(g_file_get_contents(deva, &data, &len, NULL));
	g_free(deva);
	path = g_build_filename(dir, "NotoSansDevanagari-Regular.ttf", NULL);
	assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
	msg_init(&m, tmpfile());
	font = font_new(dir, &m);
	assert_non_null(font);
	e = para_engine_new(font, &m);
	pango_attr_list_insert(al, pango_attr_font_desc_new(
		pango_font_description_from_string("Noto Sans Devanagari 9.5")));
	for (int i = 0; i < 4; i++)
		g_string_append(h, "भारत एक विशाल देश है जिसमें अनेक भाषाएँ बोली जाती हैं और अनेक धर्मों के लोग रहते हैं। ");
	o.lang = "hi";
	o.hyphenate = 0;
	p = para_new(e, h->str, (int)h->len, al, &o, "test", 2);
	assert_true(p->nlines > 3);
	assert_int_equal(p->stats.cut, 0);
	assert_true(p->stats.reshaped >= p->nlines);
	para_free(p);
	para_engine_free(e);
	font_free(font);
	fclose(m.out);
	pango_attr_list_unref(al);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
	g_free(data);
	g_string_free(h, TRUE);
	g_string_free(t, TRUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_justified_measure),
		cmocka_unit_test(test_last_justify_and_indent),
		cmocka_unit_test(test_no_text_lost),
		cmocka_unit_test(test_forced_breaks),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_french_hyphenation),
		cmocka_unit_test(test_hyph_rules),
		cmocka_unit_test(test_hyph_cache),
		cmocka_unit_test(test_hyph_policy),
		cmocka_unit_test(test_hyph_guess),
		cmocka_unit_test(test_missing_dictionary),
		cmocka_unit_test(test_no_hyphen_in_url),
		cmocka_unit_test(test_typo),
		cmocka_unit_test(test_typo_runs),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_quality),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_attributes_follow),
		cmocka_unit_test(test_runs_show_lines),
		cmocka_unit_test(test_run_forms),
		cmocka_unit_test(test_cut_only_where_safe),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
