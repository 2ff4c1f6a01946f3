/* Unit tests: the layout's ledger (src/layout/ledger.h) tells a paragraph
 * whose text stands on no page, or twice, and nothing when each byte
 * stands once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"

#define NITEMS 8

/* Two paragraphs, their lines on two pages as ranges of their texts. */
struct fixture {
	struct block blk[2];
	struct block_list bl;
	struct dl_item items[2][NITEMS];
	struct dl_page pages[2];
	struct layout l;
};

static void fixture_init(struct fixture *x)
{
	memset(x, 0, sizeof *x);
	x->blk[0].kind = x->blk[1].kind = BLK_PARA;
	x->blk[0].inl.text = g_string_new("Les villes agissent ensemble.");
	x->blk[1].inl.text = g_string_new("Un projet europ\xC3\xA9" "en de pr\xC3\xA9vention.");
	x->blk[0].line = 12;
	x->blk[1].line = 30;
	x->blk[0].what = x->blk[1].what = "p";
	x->bl.v = x->blk;
	x->bl.n = 2;
	for (int p = 0; p < 2; p++)
		x->pages[p].items = x->items[p];
	x->l.pages = x->pages;
	x->l.npages = 2;
}

static void fixture_done(struct fixture *x)
{
	g_string_free(x->blk[0].inl.text, TRUE);
	g_string_free(x->blk[1].inl.text, TRUE);
}

/* A line of block b showing bytes [start, end) of its text, on page p. */
static void line(struct fixture *x, int p, int b, int start, int end)
{
	struct dl_item *it = &x->items[p][x->pages[p].n++];

	it->kind = DL_TEXT;
	it->block = b + 1;
	it->text = x->blk[b].inl.text->str + start;
	it->text_len = end - start;
}

/* ledger_check's result, and what it told (in out, size bytes). */
static int run(struct fixture *x, char *out, size_t size)
{
	FILE *sink = tmpfile();
	struct msg m;
	int rc;
	size_t n;

	msg_init(&m, sink);
	rc = ledger_check(&x->l, &x->bl, "doc.xml", &m);
	rewind(sink);
	n = fread(out, 1, size - 1, sink);
	out[n] = 0;
	fclose(sink);
	return rc;
}

static void test_each_byte_once(void **state)
{
	struct fixture x;
	char out[512];

	(void)state;
	fixture_init(&x);
	/* the first paragraph's lines across the page turn, the second's out
	 * of order on the page, a break's space at a line's end */
	line(&x, 0, 0, 0, 11);
	line(&x, 1, 0, 11, 29);
	line(&x, 1, 1, 17, 35);
	line(&x, 1, 1, 0, 17);
	assert_int_equal(run(&x, out, sizeof out), 0);
	assert_string_equal(out, "");
	fixture_done(&x);
}

static void test_white_between_lines(void **state)
{
	struct fixture x;
	char out[512];

	(void)state;
	fixture_init(&x);
	line(&x, 0, 0, 0, 10); /* "Les villes", the space after it on no line */
	line(&x, 0, 0, 11, 29);
	line(&x, 0, 1, 0, 35);
	assert_int_equal(run(&x, out, sizeof out), 0);
	fixture_done(&x);
}

static void test_text_lost(void **state)
{
	struct fixture x;
	char out[512];

	(void)state;
	fixture_init(&x);
	line(&x, 0, 0, 0, 11);
	/* "agissent ensemble." is on no page */
	line(&x, 1, 1, 0, 35);
	assert_int_equal(run(&x, out, sizeof out), -1);
	assert_non_null(strstr(out, "doc.xml:12: fatal: internal error: the text of this <p> from \"agissent ensemble.\" stands on no page"));
	fixture_done(&x);
}

static void test_text_twice(void **state)
{
	struct fixture x;
	char out[512];

	(void)state;
	fixture_init(&x);
	line(&x, 0, 0, 0, 29);
	line(&x, 0, 1, 0, 23);
	line(&x, 1, 1, 23, 35);
	/* a padding page repeating the last line */
	line(&x, 1, 1, 23, 35);
	assert_int_equal(run(&x, out, sizeof out), -1);
	assert_non_null(strstr(out, "doc.xml:30: fatal: internal error: the text of this <p> from \"pr\xC3\xA9vention.\" stands twice on the pages"));
	fixture_done(&x);
}

static void test_paragraph_missing(void **state)
{
	struct fixture x;
	char out[512];

	(void)state;
	fixture_init(&x);
	line(&x, 0, 0, 0, 29); /* the second paragraph on no page at all */
	assert_int_equal(run(&x, out, sizeof out), -1);
	assert_non_null(strstr(out, "doc.xml:30: fatal: internal error: the text of this <p> from \"Un projet"));
	fixture_done(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_byte_once),
		cmocka_unit_test(test_white_between_lines),
		cmocka_unit_test(test_text_lost),
		cmocka_unit_test(test_text_twice),
		cmocka_unit_test(test_paragraph_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
