/* pdfstr: PDF strings, names and URIs escaped in one place; the link rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "pdfstr.h"

void pdfstr_add(struct pdfstr *b, const char *s, size_t n)
{
	xgrow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void pdfstr_addc(struct pdfstr *b, char c)
{
	pdfstr_add(b, &c, 1);
}

void pdfstr_free(struct pdfstr *b)
{
	free(b->s);
	*b = (struct pdfstr){ 0 };
}

/* The next code point of UTF-8 text (a byte that starts no valid sequence
 * is taken as U+FFFD); advances *p. */
static unsigned long pdfstr_utf8(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned long c = s[0];
	int n = c < 0x80 ? 0 : c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : -1;

	if (n < 0) {
		*p = s + 1;
		return 0xfffd;
	}
	if (n == 0) {
		*p = s + 1;
		return c;
	}
	c &= 0x3f >> n;
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + i;
			return 0xfffd;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*p = s + n + 1;
	return c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ? 0xfffd : c;
}

void pdfstr_literal(struct pdfstr *b, const char *utf8)
{
	const unsigned char *p;
	char buf[16];
	int ascii = 1;

	for (p = (const unsigned char *)utf8; *p; p++)
		ascii &= *p < 0x80;
	if (ascii) {
		pdfstr_addc(b, '(');
		for (p = (const unsigned char *)utf8; *p; p++) {
			if (*p == '(' || *p == ')' || *p == '\\') {
				pdfstr_addc(b, '\\');
				pdfstr_addc(b, (char)*p);
			} else if (*p < 0x20 || *p == 0x7f) {
				snprintf(buf, sizeof buf, "\\%03o", *p);
				pdfstr_add(b, buf, 4);
			} else {
				pdfstr_addc(b, (char)*p);
			}
		}
		pdfstr_addc(b, ')');
		return;
	}
	pdfstr_add(b, "<FEFF", 5);
	for (p = (const unsigned char *)utf8; *p;) {
		unsigned long c = pdfstr_utf8(&p);

		if (c >= 0x10000) {
			c -= 0x10000;
			snprintf(buf, sizeof buf, "%04lX%04lX", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
		} else {
			snprintf(buf, sizeof buf, "%04lX", c);
		}
		pdfstr_add(b, buf, strlen(buf));
	}
	pdfstr_addc(b, '>');
}

void pdfstr_name(struct pdfstr *b, const char *s)
{
	char buf[4];

	pdfstr_addc(b, '/');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x21 || *p > 0x7e || strchr("#()<>[]{}/%", *p)) {
			snprintf(buf, sizeof buf, "#%02X", *p);
			pdfstr_add(b, buf, 3);
		} else {
			pdfstr_addc(b, (char)*p);
		}
	}
}

static int pdfstr_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void pdfstr_uri(struct pdfstr *b, const char *uri)
{
	/* RFC 3986 unreserved and reserved characters, less ( ) ' and the
	 * ones a PDF string or a Cairo attribute would read */
	static const char keep[] = "-._~:/?#[]@!$&*+,;=";
	char buf[4];

	for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr(keep, *p) || (*p == '%' && pdfstr_hex(p[1]) && pdfstr_hex(p[2]))) {
			pdfstr_addc(b, (char)*p);
		} else {
			snprintf(buf, sizeof buf, "%%%02X", *p);
			pdfstr_add(b, buf, 3);
		}
	}
}

void pdfstr_cairo_attr(struct pdfstr *b, const char *v)
{
	pdfstr_addc(b, '\'');
	for (; *v; v++) {
		if (*v == '\'' || *v == '\\')
			pdfstr_addc(b, '\\');
		pdfstr_addc(b, *v);
	}
	pdfstr_addc(b, '\'');
}

const char *pdfstr_link_refused(const char *uri)
{
	size_t n;

	if (!uri || !*uri)
		return "an empty address";
	for (const unsigned char *p = (const unsigned char *)uri; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return "a space or a control character in the address";
	if (uri[0] == '#')
		return uri[1] ? NULL : "an internal link with no destination";
	if (strncasecmp(uri, "mailto:", 7) == 0)
		return uri[7] && strchr(uri + 7, '@') ? NULL : "a mailto: link with no address";
	n = strncasecmp(uri, "https://", 8) == 0 ? 8 : strncasecmp(uri, "http://", 7) == 0 ? 7 : 0;
	if (!n)
		return "a link that is not http, https, mailto or internal (#name)";
	if (!uri[n] || uri[n] == '/' || uri[n] == '?' || uri[n] == '#')
		return "a web address with no host";
	return NULL;
}
