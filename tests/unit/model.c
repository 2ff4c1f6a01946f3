/* Unit tests: the document tree, its reading and its own checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"

/* Writes text to a temporary file; returns its path (caller frees). */
static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/plaquette-unit-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

static struct doc *read_text(const char *text, struct msg *m, FILE *sink)
{
	char *path = write_tmp(text);
	struct doc *d;

	msg_init(m, sink);
	d = xml_read(path, NULL, 0, m);
	unlink(path);
	free(path);
	return d;
}

static const char small[] =
	"<brochure xml:lang='fr'>\n"
	"  <meta><title>T</title><labels><label name='page'>p.</label>"
	"<label name='support'>S</label><label name='projects'>P</label>"
	"<label name='member-since'>M</label></labels></meta>\n"
	"  <section id='s1' toc='1'><title>Un <em>titre</em></title>\n"
	"    <p>Du   texte\n  sur\tdeux lignes.</p>\n"
	"    <city id='c1'><name>Riga</name><projects><ref project='p1' years='2019'>P</ref></projects></city>\n"
	"    <project id='p1'><name>P</name></project>\n"
	"  </section>\n"
	"</brochure>\n";

static void test_tree_shape(void **state)
{
	struct msg m;
	struct doc *d = read_text(small, &m, stderr);
	const struct node *s, *p;
	char *text;

	(void)state;
	assert_non_null(d);
	assert_int_equal(d->root->type, N_BROCHURE);
	assert_string_equal(d->root->lang, "fr");
	s = doc_child(d->root, N_SECTION);
	assert_non_null(s);
	assert_int_equal(s->line, 3);
	assert_string_equal(doc_attr(s, "id"), "s1");
	p = doc_child(s, N_P);
	assert_non_null(p);
	assert_string_equal(p->lang, "fr"); /* inherited */
	text = doc_text(p);
	assert_string_equal(text, "Du texte sur deux lignes."); /* white space collapsed */
	free(text);
	text = doc_text(doc_child(s, N_TITLE));
	assert_string_equal(text, "Un titre");
	free(text);
	assert_ptr_equal(doc_by_id(d, "p1"), doc_find(d->root, N_PROJECT));
	assert_string_equal(doc_label(d, "page"), "p.");
	assert_int_equal(doc_check(d, &m), 0);
	doc_free(d);
}

static void test_walk_visits_all(void **state)
{
	struct msg m;
	struct doc *d = read_text(small, &m, stderr);
	int elements = 0;

	(void)state;
	for (const struct node *n = d->root; n; n = doc_walk_next(d->root, n))
		elements += n->type != N_TEXT;
	/* brochure, meta, title, labels, 4 label, section, title, em, p, city,
	 * name, projects, ref, project, name */
	assert_int_equal(elements, 18);
	doc_free(d);
}

static void test_broken_reference_and_duplicate(void **state)
{
	struct msg m;
	char *bad = strdup(small);
	char *at = strstr(bad, "project='p1' years");
	struct doc *d;
	FILE *sink = tmpfile();

	(void)state;
	memcpy(at, "project='zz'", 12);
	d = read_text(bad, &m, sink);
	assert_non_null(d);
	assert_int_equal(doc_check(d, &m), 1);
	assert_true(msg_failed(&m));
	assert_int_equal(msg_status(&m), 1);
	doc_free(d);
	free(bad);
	bad = strdup(small);
	at = strstr(bad, "id='c1'");
	memcpy(at, "id='s1'", 7);
	d = read_text(bad, &m, sink);
	assert_int_equal(doc_check(d, &m), 1);
	doc_free(d);
	free(bad);
	fclose(sink);
}

static void test_malformed_reports_line(void **state)
{
	struct msg m;
	FILE *sink = tmpfile();
	char out[512] = "";
	struct doc *d = read_text("<brochure>\n<meta>\n</brochure>\n", &m, sink);

	(void)state;
	assert_null(d);
	assert_int_equal(msg_status(&m), 1);
	rewind(sink);
	assert_non_null(fgets(out, sizeof out, sink));
	assert_non_null(strstr(out, ":3:"));
	assert_non_null(strstr(out, "error: not well-formed XML"));
	fclose(sink);
}

static void test_doctype_refused(void **state)
{
	struct msg m;
	FILE *sink = tmpfile();
	struct doc *d = read_text("<!DOCTYPE b [<!ENTITY x 'y'>]>\n<brochure>&x;</brochure>\n", &m, sink);

	(void)state;
	assert_null(d);
	assert_true(msg_failed(&m));
	fclose(sink);
}

static void test_exit_status_is_worst_level(void **state)
{
	struct msg m;
	FILE *sink = tmpfile();

	(void)state;
	msg_init(&m, sink);
	assert_int_equal(msg_status(&m), 0);
	msg_at(&m, M_HYPH_DICT, "f", 1, 2, "xx");
	assert_int_equal(msg_status(&m), 0); /* a warning */
	msg_at(&m, M_XML_SYNTAX, "f", 1, 2, "x");
	assert_int_equal(msg_status(&m), 1);
	msg_at(&m, M_USAGE, NULL, 0, 0, "x");
	assert_int_equal(msg_status(&m), 2);
	msg_at(&m, M_OPEN, "f", 0, 0, "x");
	assert_int_equal(msg_status(&m), 3);
	msg_init(&m, sink);
	m.werror = 1;
	msg_at(&m, M_HYPH_DICT, "f", 1, 2, "xx");
	assert_int_equal(msg_status(&m), 1); /* --strict */
	fclose(sink);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_shape),
		cmocka_unit_test(test_walk_visits_all),
		cmocka_unit_test(test_broken_reference_and_duplicate),
		cmocka_unit_test(test_malformed_reports_line),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_exit_status_is_worst_level),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
