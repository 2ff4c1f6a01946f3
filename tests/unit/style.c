/* Unit tests: style sheets, units, colours, inheritance. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "style.h"

static struct style_sheet *load_text(const char *text, struct msg *m, FILE *sink)
{
	char path[] = "/tmp/plaquette-style-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct style_sheet *s;

	fputs(text, f);
	fclose(f);
	msg_init(m, sink);
	s = style_load(path, "schema/style.rng", m);
	unlink(path);
	return s;
}

static void test_lengths(void **state)
{
	int v;

	(void)state;
	assert_int_equal(style_parse_length("12pt", &v), 0);
	assert_int_equal(v, 12 * 1024);
	assert_int_equal(style_parse_length("10", &v), 0);
	assert_int_equal(v, 10 * 1024);
	assert_int_equal(style_parse_length("25.4mm", &v), 0);
	assert_int_equal(v, 72 * 1024);
	assert_int_equal(style_parse_length("1in", &v), 0);
	assert_int_equal(v, 72 * 1024);
	assert_int_equal(style_parse_length("2.54cm", &v), 0);
	assert_int_equal(v, 72 * 1024);
	assert_int_equal(style_parse_length("-3pt", &v), 0);
	assert_int_equal(v, -3 * 1024);
	assert_int_equal(STYLE_MM(210), 609562); /* A4 width: 595.276 pt */
	assert_int_equal(style_parse_length("12px", &v), -1);
	assert_int_equal(style_parse_length("pt", &v), -1);
	assert_int_equal(style_parse_length("1e9", &v), -1);
	assert_int_equal(style_parse_length("nan", &v), -1);
}

static const char sheet[] =
	"<stylesheet>\n"
	"  <page width='148mm' height='210mm' bleed='2mm'/>\n"
	"  <color name='brand' value='#0d5c91'/>\n"
	"  <template name='default' columns='2' gutter='5mm'/>\n"
	"  <style name='base' font='Noto Sans' size='9pt' leading='12pt'/>\n"
	"  <style name='p' parent='base' align='justify' space-after='4pt'/>\n"
	"  <style name='lead' parent='p' weight='bold' color='brand'\n"
	"         size='11pt'/>\n"
	"</stylesheet>\n";

static void test_inheritance(void **state)
{
	struct msg m;
	struct style_sheet *s = load_text(sheet, &m, stderr);
	const struct style *lead, *p;

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->page_w, STYLE_MM(148));
	assert_int_equal(s->bleed, STYLE_MM(2));
	lead = style_find(s, "lead");
	p = style_find(s, "p");
	assert_non_null(lead);
	assert_int_equal(lead->size, 11 * 1024);         /* its own */
	assert_int_equal(lead->leading, 12 * 1024);      /* from base */
	assert_int_equal(lead->align, PARA_JUSTIFY);     /* from p */
	assert_int_equal(lead->space_after, 4 * 1024);   /* from p */
	assert_int_equal(lead->weight, 700);
	assert_int_equal(lead->color, 0x0d5c91);         /* a named colour */
	assert_int_equal(p->weight, 400);                /* the default */
	assert_string_equal(p->family, "Noto Sans");
	assert_int_equal(style_template(s, "default")->columns, 2);
	assert_ptr_equal(style_pick(s, (const char *const[]){ "nope", "p", NULL }), p);
	assert_ptr_equal(style_pick(s, (const char *const[]){ "nope", NULL }), style_find(s, "base"));
	style_free(s);
}

/* Each broken sheet: an error naming the line. */
static void expect_error(const char *text, const char *needle)
{
	struct msg m;
	FILE *sink = tmpfile();
	char out[1024] = "";
	struct style_sheet *s = load_text(text, &m, sink);

	assert_null(s);
	assert_int_equal(msg_status(&m), 1);
	rewind(sink);
	fread(out, 1, sizeof out - 1, sink);
	if (!strstr(out, needle))
		fail_msg("expected \"%s\" in: %s", needle, out);
	fclose(sink);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("<stylesheet>\n<style name='base' size='big'/>\n</stylesheet>\n",
		     ":2: error: style \"base\": size=\"big\" is not a");
	expect_error("<stylesheet>\n<style name='base'/>\n<style name='a' parent='b'/>\n</stylesheet>\n",
		     ":3: error: unknown parent style \"b\"");
	expect_error("<stylesheet>\n<style name='base'/>\n<style name='a' parent='a'/>\n</stylesheet>\n",
		     ":3: error: style \"a\" inherits from itself");
	expect_error("<stylesheet>\n<style name='base'\n  colour='red'/>\n</stylesheet>\n",
		     ":3: error: unknown style property \"colour\"");
	expect_error("<stylesheet>\n<style name='base' color='blue'/>\n</stylesheet>\n",
		     ":2: error: style \"base\": color=\"blue\" is not a colour");
	expect_error("<stylesheet>\n<style name='p'/>\n</stylesheet>\n",
		     "defines no style \"base\"");
	expect_error("<stylesheet>\n<styl name='base'/>\n</stylesheet>\n", ":2:");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_inheritance),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
