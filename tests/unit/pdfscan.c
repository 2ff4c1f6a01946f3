/* Unit tests: pdfscan, the reader of the file Cairo has just written. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfscan.h"

/* A file laid out as Cairo 1.16 writes one (comments in dictionaries,
 * indirect /Length, one xref table); the offsets are computed. */
static char *cairo_like(size_t *n)
{
	static const char *const objs[] = {
		"1 0 obj\n<< /Type /Pages\n   /Kids [ 2 0 R ]\n   /Count 1\n>>\nendobj\n",
		"2 0 obj\n<< /Type /Page % 1\n   /Parent 1 0 R\n   /MediaBox [ 0 0 595.275391 841.889648 ]\n"
		"   /Contents 3 0 R\n>>\nendobj\n",
		"3 0 obj\n<< /Length 4 0 R\n>>\nstream\nq (a) Tj Q\nendstream\nendobj\n",
		"4 0 obj\n   10\nendobj\n",
		"5 0 obj\n<< /Title (a \\) (nested) b) /Author <FEFF0041> /X [ 1 [ 2 << /Y true >> ] ] >>\nendobj\n",
		"6 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n",
	};
	size_t off[7], len = 0, cap = 4096;
	char *s = malloc(cap);

	len += (size_t)snprintf(s + len, cap - len, "%%PDF-1.5\n%%\xb5\xed\xae\xfb\n");
	for (int i = 0; i < 6; i++) {
		off[i + 1] = len;
		len += (size_t)snprintf(s + len, cap - len, "%s", objs[i]);
	}
	off[0] = len;
	len += (size_t)snprintf(s + len, cap - len, "xref\n0 7\n0000000000 65535 f \n");
	for (int i = 1; i < 7; i++)
		len += (size_t)snprintf(s + len, cap - len, "%010zu 00000 n \n", off[i]);
	len += (size_t)snprintf(s + len, cap - len,
				"trailer\n<< /Size 7\n   /Root 6 0 R\n   /Info 5 0 R\n>>\n"
				"startxref\n%zu\n%%%%EOF\n", off[0]);
	*n = len;
	return s;
}

static void test_reads(void **state)
{
	size_t n, pos = 0;
	char *d = cairo_like(&n);
	struct pdfscan s;
	struct pdfscan_span v, k, page, kids, data, item;
	double x;
	int items = 0;

	(void)state;
	assert_int_equal(pdfscan_init(&s, (const unsigned char *)d, n), 0);
	assert_int_equal(s.size, 7);
	assert_int_equal(s.root, 6);
	assert_int_equal(s.info, 5);
	assert_int_equal(pdfscan_obj(&s, 2, &page), 0);
	assert_true(pdfscan_is_dict(&s, page));
	assert_int_equal(pdfscan_key(&s, page, "/Type", &v), 0);
	assert_true(pdfscan_is_name(&s, v, "/Page")); /* the comment after it skipped */
	assert_int_equal(pdfscan_key(&s, page, "/MediaBox", &v), 0);
	assert_true(pdfscan_is_array(&s, v));
	while (pdfscan_item(&s, v, &pos, &item) > 0)
		items++;
	assert_int_equal(items, 4);
	assert_int_equal(pdfscan_key(&s, page, "/Parent", &v), 0);
	assert_int_equal(pdfscan_ref(&s, v), 1);
	assert_int_not_equal(pdfscan_key(&s, page, "/TrimBox", &v), 0);
	assert_int_equal(pdfscan_obj(&s, 1, &v), 0);
	assert_int_equal(pdfscan_key(&s, v, "/Kids", &kids), 0);
	assert_int_equal(pdfscan_key(&s, v, "/Count", &v), 0);
	assert_int_equal(pdfscan_num(&s, v, &x), 0);
	assert_true(x == 1);
	/* a stream with an indirect /Length */
	assert_int_equal(pdfscan_stream(&s, 3, &v, &data), 0);
	assert_int_equal(data.end - data.at, 10);
	assert_memory_equal(d + data.at, "q (a) Tj Q", 10);
	assert_int_not_equal(pdfscan_stream(&s, 2, &v, &data), 0);
	/* strings with escaped and nested parentheses, nested containers */
	assert_int_equal(pdfscan_obj(&s, 5, &v), 0);
	pos = 0;
	items = 0;
	while (pdfscan_entry(&s, v, &pos, &k, &item) > 0)
		items++;
	assert_int_equal(items, 3);
	assert_int_equal(pdfscan_key(&s, v, "/X", &item), 0);
	assert_int_equal(item.end - item.at, strlen("[ 1 [ 2 << /Y true >> ] ]"));
	assert_int_not_equal(pdfscan_obj(&s, 7, &v), 0);
	assert_int_not_equal(pdfscan_obj(&s, 0, &v), 0);
	pdfscan_done(&s);
	free(d);
}

/* Every prefix and every one-byte change of the file: refused or read,
 * never a read outside it (the sanitizer build runs this too). */
static void test_damage(void **state)
{
	size_t n;
	char *d = cairo_like(&n);

	(void)state;
	for (size_t cut = 0; cut < n; cut++) {
		char *p = malloc(cut + 1);
		struct pdfscan s;
		struct pdfscan_span v;

		memcpy(p, d, cut);
		if (pdfscan_init(&s, (const unsigned char *)p, cut) == 0) {
			for (int i = 0; i < s.size; i++)
				(void)pdfscan_obj(&s, i, &v);
			pdfscan_done(&s);
		}
		free(p);
	}
	for (size_t at = 0; at < n; at++) {
		static const char subst[] = "(<[/\\9 >)]";

		for (const char *c = subst; *c; c++) {
			char *p = malloc(n);
			struct pdfscan s;
			struct pdfscan_span v, w;

			memcpy(p, d, n);
			p[at] = *c;
			if (pdfscan_init(&s, (const unsigned char *)p, n) == 0) {
				for (int i = 0; i < s.size; i++)
					if (pdfscan_obj(&s, i, &v) == 0)
						(void)pdfscan_key(&s, v, "/Type", &w);
				(void)pdfscan_stream(&s, 3, &v, &w);
				pdfscan_done(&s);
			}
			free(p);
		}
	}
	free(d);
}

/* Nesting past PDFSCAN_MAX_DEPTH and an unterminated string are refused. */
static void test_bounds(void **state)
{
	char deep[4096], *p = deep;
	struct pdfscan s = { 0 };
	struct pdfscan_span v, k;
	size_t pos = 0;

	(void)state;
	p += sprintf(p, "<< /A ");
	for (int i = 0; i < PDFSCAN_MAX_DEPTH + 4; i++)
		*p++ = '[';
	for (int i = 0; i < PDFSCAN_MAX_DEPTH + 4; i++)
		*p++ = ']';
	p += sprintf(p, " >>");
	s.d = (const unsigned char *)deep;
	s.n = (size_t)(p - deep);
	v = (struct pdfscan_span){ 0, s.n };
	assert_int_equal(pdfscan_entry(&s, v, &pos, &k, &v), -1);
	s.d = (const unsigned char *)"<< /A (open >>";
	s.n = strlen((const char *)s.d);
	v = (struct pdfscan_span){ 0, s.n };
	pos = 0;
	assert_int_equal(pdfscan_entry(&s, v, &pos, &k, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
