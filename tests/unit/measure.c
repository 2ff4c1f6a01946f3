/* Unit tests of measure: the paragraph shaped without a PangoLayout, with
 * or without the word cache, gives what a PangoLayout without width
 * gives, run for run, glyph for glyph, log attribute for log attribute. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "font.h"
#include "measure.h"

struct fixture {
	struct msg msg;      /* messages go to a temporary file */
	struct font *font;   /* the fonts folder */
	PangoContext *ltr;   /* the font context, base direction LTR (as para.c's) */
	struct measure_cache *words; /* shared by the tests, as by a run's paragraphs */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	PangoContext *fc;

	msg_init(&fx->msg, tmpfile());
	fx->font = font_new("fonts", &fx->msg);
	if (!fx->font)
		return -1;
	fc = font_context(fx->font);
	fx->ltr = pango_font_map_create_context(pango_context_get_font_map(fc));
	if (pango_cairo_context_get_font_options(fc))
		pango_cairo_context_set_font_options(fx->ltr, pango_cairo_context_get_font_options(fc));
	pango_context_set_round_glyph_positions(fx->ltr, pango_context_get_round_glyph_positions(fc));
	pango_context_set_base_dir(fx->ltr, PANGO_DIRECTION_LTR);
	fx->words = measure_cache_new();
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	measure_cache_free(fx->words);
	g_object_unref(fx->ltr);
	font_free(fx->font);
	fclose(fx->msg.out);
	free(fx);
	return 0;
}

static void attr_at(PangoAttrList *l, PangoAttribute *a, int s, int e)
{
	a->start_index = (guint)s;
	a->end_index = (guint)e;
	pango_attr_list_insert(l, a);
}

/* The attributes inl.c gives a paragraph: font, colour, language over
 * all of it. */
static PangoAttrList *base_attrs(const char *font, const char *lang)
{
	PangoAttrList *l = pango_attr_list_new();

	attr_at(l, pango_attr_font_desc_new(pango_font_description_from_string(font)), 0, G_MAXINT);
	attr_at(l, pango_attr_foreground_new(0x1111, 0x2222, 0x3333), 0, G_MAXINT);
	attr_at(l, pango_attr_language_new(pango_language_from_string(lang)), 0, G_MAXINT);
	return l;
}

static int attrs_equal(GSList *a, GSList *b)
{
	for (; a && b; a = a->next, b = b->next) {
		const PangoAttribute *x = a->data, *y = b->data;

		if (!pango_attribute_equal(x, y) || x->start_index != y->start_index ||
		    x->end_index != y->end_index)
			return 0;
	}
	return !a && !b;
}

/* Measures d and r are the same, run for run and glyph for glyph. */
static void assert_equal_measures(const struct measure *d, const struct measure *r)
{
	assert_int_equal(d->nchars, r->nchars);
	assert_memory_equal(d->la, r->la, (size_t)(d->nchars + 1) * sizeof *d->la);
	assert_int_equal(d->unknown, r->unknown);
	assert_int_equal(d->nruns, r->nruns);
	for (int i = 0; i < d->nruns; i++) {
		const PangoItem *x = d->runs[i]->item, *y = r->runs[i]->item;
		const PangoGlyphString *gx = d->runs[i]->glyphs, *gy = r->runs[i]->glyphs;

		assert_int_equal(x->offset, y->offset);
		assert_int_equal(x->length, y->length);
		assert_int_equal(x->num_chars, y->num_chars);
		assert_ptr_equal(x->analysis.font, y->analysis.font);
		assert_int_equal(x->analysis.level, y->analysis.level);
		assert_int_equal(x->analysis.script, y->analysis.script);
		assert_int_equal(x->analysis.flags, y->analysis.flags);
		assert_ptr_equal(x->analysis.language, y->analysis.language);
		assert_true(attrs_equal(x->analysis.extra_attrs, y->analysis.extra_attrs));
		assert_int_equal(gx->num_glyphs, gy->num_glyphs);
		for (int g = 0; g < gx->num_glyphs; g++) { /* field by field: the
							       attr bit field's other bits are not set */
			const PangoGlyphInfo *a = &gx->glyphs[g], *b = &gy->glyphs[g];

			assert_int_equal(a->glyph, b->glyph);
			assert_int_equal(a->geometry.width, b->geometry.width);
			assert_int_equal(a->geometry.x_offset, b->geometry.x_offset);
			assert_int_equal(a->geometry.y_offset, b->geometry.y_offset);
			assert_int_equal(a->attr.is_cluster_start, b->attr.is_cluster_start);
			assert_int_equal(a->attr.is_color, b->attr.is_color);
		}
		assert_memory_equal(gx->log_clusters, gy->log_clusters,
				    (size_t)gx->num_glyphs * sizeof *gx->log_clusters);
	}
}

/* The measures of `text` — direct, direct with the fixture's word cache
 * (twice: shaping the words, then taking them from the cache) — are the
 * layout's; returns how many runs. */
static int assert_same(const struct fixture *fx, const char *text, PangoAttrList *attrs)
{
	struct measure d, w, r;
	int len = (int)strlen(text), n;

	measure_init_layout(&r, fx->ltr, text, len, attrs);
	assert_non_null(r.layout);
	measure_init(&d, NULL, fx->ltr, text, len, attrs);
	assert_null(d.layout); /* these texts take the direct way */
	assert_equal_measures(&d, &r);
	for (int k = 0; k < 2; k++) {
		measure_init(&w, fx->words, fx->ltr, text, len, attrs);
		assert_equal_measures(&w, &r);
		measure_done(&w);
	}
	n = d.nruns;
	measure_done(&d);
	measure_done(&r);
	return n;
}

/* assert_same for each of the n texts, in font (the language French). */
static void assert_all_same(const struct fixture *fx, const char *font,
			    const char *const *texts, size_t n)
{
	PangoAttrList *a = base_attrs(font, "fr");

	for (size_t i = 0; i < n; i++)
		assert_same(fx, texts[i], a);
	pango_attr_list_unref(a);
}

/* Plain paragraphs, as the brochure has them. */
static void test_plain(void **state)
{
	static const char *const texts[] = {
		"Le Forum européen pour la sécurité urbaine estime que les autorités locales "
		"ont un rôle central à jouer\xc2\xa0: prévenir l'extrémisme violent.",
		"The efficient office of the affluent firm\xe2\x80\x94offices, flights, "
		"fjords and waffles\xe2\x80\xaf!",
		"", " ", "a", "x\xc2\xad" "y soft\xc2\xadhyphen", "e\xcc\x81t\xc3\xa9 combining",
	};
	assert_all_same(*state, "Noto Sans 9.5", texts, G_N_ELEMENTS(texts));
}

/* Attributes that do not change shaping split the runs after shaping:
 * a colour that starts inside "ffi" does not break the ligature, and the
 * run is cut there, as the layout cuts it. */
static void test_split_by_colour(void **state)
{
	struct fixture *fx = *state;
	const char *t = "Les offices affligés diffèrent, nettement.";
	PangoAttrList *a = base_attrs("Noto Sans 9.5", "fr");

	assert_int_equal(assert_same(fx, t, a), 1);
	attr_at(a, pango_attr_foreground_new(0xffff, 0, 0), 6, 14);     /* "ices aff" */
	attr_at(a, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 21, 33);   /* "diffèrent" */
	attr_at(a, pango_attr_style_new(PANGO_STYLE_ITALIC), 35, 39);
	assert_true(assert_same(fx, t, a) > 3);
	pango_attr_list_unref(a);
}

/* Forced breaks (U+2028, inl.c's <br/>): the layout ends a line after
 * each and hides its glyph; first, last, two in a row. */
static void test_line_separators(void **state)
{
	static const char *const texts[] = {
		"Forum européen\xe2\x80\xa8pour la sécurité urbaine",
		"\xe2\x80\xa8" "début", "fin\xe2\x80\xa8", "a\xe2\x80\xa8\xe2\x80\xa8" "b",
		"10, rue du Faubourg\xe2\x80\xa8 75010 Paris\xe2\x80\xa8" "France",
	};
	assert_all_same(*state, "Noto Sans Bold 8", texts, G_N_ELEMENTS(texts));
}

/* Mixed directions and scripts, a glyph no font has. */
static void test_scripts(void **state)
{
	static const char *const texts[] = {
		"Le mot \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 veut dire paix.",
		"\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1 et \xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f",
		"un \xf0\x9f\x98\x80 et \xe2\x80\x8b rien",
	};
	assert_all_same(*state, "Noto Sans 10", texts, G_N_ELEMENTS(texts));
}

/* What the direct way leaves to a layout: tabs, paragraph separators,
 * letter spacing, text transforms. */
static void test_left_to_layout(void **state)
{
	static const char *const texts[] = { "a\tb", "a\nb", "a\xe2\x80\xa9" "b" };
	struct fixture *fx = *state;
	PangoAttrList *a = base_attrs("Noto Sans 10", "fr");
	struct measure m;

	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
		measure_init(&m, NULL, fx->ltr, texts[i], (int)strlen(texts[i]), a);
		assert_non_null(m.layout);
		measure_done(&m);
	}
	attr_at(a, pango_attr_letter_spacing_new(200), 0, 2);
	measure_init(&m, NULL, fx->ltr, "abc", 3, a);
	assert_non_null(m.layout);
	measure_done(&m);
	pango_attr_list_unref(a);
}

/* A word comes again: its glyphs come from the cache; a script HarfBuzz
 * shapes with its context (Arabic) never goes in it. */
static void test_words_once(void **state)
{
	struct fixture *fx = *state;
	struct measure_cache *mc = measure_cache_new();
	const char *t = "la ville et la ville, la ville";
	const char *ar = "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85";
	PangoAttrList *a = base_attrs("Noto Sans 9.5", "fr");
	struct measure m;
	long shaped, reused;

	measure_init(&m, mc, fx->ltr, t, (int)strlen(t), a);
	measure_done(&m);
	measure_cache_stats(mc, &shaped, &reused);
	/* 13 pieces, 5 of them distinct: "la" " " "ville" "et" "ville," */
	assert_int_equal(shaped, 5);
	assert_int_equal(reused, 13 - 5);
	measure_init(&m, mc, fx->ltr, t, (int)strlen(t), a);
	measure_done(&m);
	measure_cache_stats(mc, &shaped, &reused);
	assert_int_equal(shaped, 5);
	assert_int_equal(reused, 8 + 13);
	measure_init(&m, mc, fx->ltr, ar, (int)strlen(ar), a);
	measure_done(&m);
	measure_cache_stats(mc, &shaped, &reused);
	assert_int_equal(shaped, 5);
	assert_int_equal(reused, 21);
	pango_attr_list_unref(a);
	measure_cache_free(mc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_split_by_colour),
		cmocka_unit_test(test_line_separators),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_left_to_layout),
		cmocka_unit_test(test_words_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
