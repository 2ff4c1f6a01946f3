/* bench-para: the cost of plaquette's line breaking against Pango's own
 * greedy layout of the same paragraphs, at the same measures.
 *   build/bench-para INPUT.xml [ROUNDS]
 * Runs the pipeline once to get every paragraph's text, attributes and
 * measure (the one the layout last set it at), then times both ways over
 * all paragraphs, best of ROUNDS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pango/pangocairo.h>

#include "build.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Pango on its own: one layout, wrapped and justified at the measure w. */
static void greedy(PangoContext *ctx, const struct block *k, int w)
{
	PangoLayout *l = pango_layout_new(ctx);

	pango_layout_set_text(l, k->inl.text->str, (int)k->inl.text->len);
	pango_layout_set_attributes(l, k->inl.attrs);
	pango_layout_set_width(l, w);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(l, k->style->align == PARA_JUSTIFY);
	pango_layout_get_line_count(l); /* forces the layout */
	g_object_unref(l);
}

static void ours(struct para_engine *e, const struct block *k, int w)
{
	struct para_opts o = {
		.width = w, .indent = k->style->indent_first, .align = k->style->align,
		.hyphenate = k->style->hyphenate, .lang = k->lang ? k->lang : "fr",
		.hyph_left = 2, .hyph_right = 3, .hyph_min_word = 6,
	};

	para_free(para_new(e, k->inl.text->str, (int)k->inl.text->len, k->inl.attrs, &o, "bench", 0));
}

int main(int argc, char **argv)
{
	struct msg m;
	struct build b;
	struct build_opts bo = { .home = ".", .max_pages = 2000 };
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	double best_ours = 1e9, best_pango = 1e9;
	int n = 0;

	msg_init(&m, stderr);
	m.quiet = 1;
	if (argc < 2 || build_run(&b, argv[1], &bo, &m) < 0)
		return 3;
	for (size_t i = 0; i < b.blocks.n; i++)
		n += layout_para_width(b.layout, i) > 0 && b.blocks.v[i].inl.text->len > 0;
	for (int r = 0; r < rounds; r++) {
		double t0 = now(), t1, t2;

		for (size_t i = 0; i < b.blocks.n; i++)
			if (layout_para_width(b.layout, i) > 0 && b.blocks.v[i].inl.text->len > 0)
				greedy(font_context(b.font), &b.blocks.v[i],
				       layout_para_width(b.layout, i));
		t1 = now();
		for (size_t i = 0; i < b.blocks.n; i++)
			if (layout_para_width(b.layout, i) > 0 && b.blocks.v[i].inl.text->len > 0)
				ours(b.engine, &b.blocks.v[i], layout_para_width(b.layout, i));
		t2 = now();
		if (t1 - t0 < best_pango)
			best_pango = t1 - t0;
		if (t2 - t1 < best_ours)
			best_ours = t2 - t1;
	}
	printf("line breaking, %d paragraphs of %s (best of %d):\n", n, argv[1], rounds);
	printf("  Pango greedy layout   %8.1f us a paragraph\n", best_pango * 1e6 / n);
	printf("  plaquette (optimal)   %8.1f us a paragraph   %.2fx Pango\n", best_ours * 1e6 / n,
	       best_ours / best_pango);
	build_done(&b);
	return 0;
}
