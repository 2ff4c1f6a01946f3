/* Unit tests: pdftok, the content-stream reader over qpdf's tokenizer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "pdftok.h"

/* What the callback saw. */
struct seen {
	size_t next;      /* where the next token must start */
	int gaps;         /* tokens that did not start where the last one ended */
	char ops[256];    /* operators, space-separated */
	double nums[32];  /* numbers */
	int nnums;        /* how many */
	int images;       /* inline image data tokens */
	size_t image_len; /* the last image's data length */
	int stop_at;      /* stop after this many operators (0: never) */
	int nops;         /* operators seen */
};

static int collect(void *ctx, const struct pdftok *t)
{
	struct seen *s = ctx;

	s->gaps += t->start != s->next;
	s->next = t->end;
	if (t->kind == PDFTOK_NUMBER && s->nnums < 32)
		s->nums[s->nnums++] = t->num;
	if (t->kind == PDFTOK_IMAGE) {
		s->images++;
		s->image_len = t->value_len;
	}
	if (t->kind == PDFTOK_OPERATOR) {
		strncat(s->ops, t->value, t->value_len);
		strcat(s->ops, " ");
		if (++s->nops == s->stop_at)
			return 7;
	}
	return 0;
}

/* Every byte is in exactly one token, in order: a rewrite can copy. */
static void test_ranges(void **state)
{
	static const char data[] = "q 1 0 0 -1 0 842 cm % comment (not a string\n"
				   "/F#231 9.5 Tf (a\\) (b) c) Tj [(x) -2.5 (y)] TJ Q";
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(pdftok_scan((const unsigned char *)data, strlen(data), collect, &s), 0);
	assert_int_equal(s.gaps, 0);
	assert_int_equal(s.next, strlen(data));
	assert_string_equal(s.ops, "q cm Tf Tj TJ Q ");
	assert_int_equal(s.nnums, 8);
	assert_true(s.nums[3] == -1 && s.nums[6] == 9.5 && s.nums[7] == -2.5);
}

/* Inline image data is one token, even with "EI" inside it. */
static void test_inline_image(void **state)
{
	static const char data[] = "BI /W 2 /H 1 /BPC 8 /CS /G ID \001EI\002 EI 0 g";
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(pdftok_scan((const unsigned char *)data, sizeof data - 1, collect, &s), 0);
	assert_int_equal(s.images, 1);
	assert_string_equal(s.ops, "BI ID EI g ");
	assert_int_equal(s.gaps, 0);
}

/* The callback can stop the scan; empty data is no tokens. */
static void test_stop_and_empty(void **state)
{
	static const char data[] = "q Q q Q";
	struct seen s = { .stop_at = 2 };

	(void)state;
	assert_int_equal(pdftok_scan((const unsigned char *)data, strlen(data), collect, &s), 7);
	assert_string_equal(s.ops, "q Q ");
	memset(&s, 0, sizeof s);
	assert_int_equal(pdftok_scan(NULL, 0, collect, &s), 0);
	assert_int_equal(s.nops, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_inline_image),
		cmocka_unit_test(test_stop_and_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
