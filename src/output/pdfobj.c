/* pdfobj: PDF numbers, rectangles, references, dates and objects as text. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdfobj.h"

void pdfobj_num(struct pdfstr *b, double v)
{
	double r = round(v * 10000.0) / 10000.0;
	char buf[64];
	size_t n;

	if (!isfinite(r))
		r = 0;
	if (fabs(r) < 1e15 && fabs(r - round(r)) < 1e-9) {
		n = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)llround(r));
	} else {
		n = (size_t)snprintf(buf, sizeof buf, "%.4f", r);
		while (n > 0 && buf[n - 1] == '0')
			n--; /* "0.5000" -> "0.5" */
	}
	pdfstr_add(b, buf, n);
}

void pdfobj_rect(struct pdfstr *b, const double r[4])
{
	pdfstr_add(b, "[", 1);
	for (int i = 0; i < 4; i++) {
		if (i)
			pdfstr_add(b, " ", 1);
		pdfobj_num(b, r[i]);
	}
	pdfstr_add(b, "]", 1);
}

void pdfobj_ref(struct pdfstr *b, int num)
{
	char buf[32];

	pdfstr_add(b, buf, (size_t)snprintf(buf, sizeof buf, "%d 0 R", num));
}

void pdfobj_key(struct pdfstr *b, const char *name)
{
	pdfstr_add(b, "\n", 1);
	pdfstr_name(b, name);
	pdfstr_add(b, " ", 1);
}

void pdfobj_date_fmt(time_t t, const char *fmt, char *buf, size_t n)
{
	struct tm tm;
	time_t zero = 0;

	if (!gmtime_r(&t, &tm) || tm.tm_year > 9999 - 1900 || tm.tm_year < -1900)
		gmtime_r(&zero, &tm);
	strftime(buf, n, fmt, &tm);
}

void pdfobj_date(struct pdfstr *b, time_t t)
{
	char date[32];

	pdfobj_date_fmt(t, "D:%Y%m%d%H%M%SZ", date, sizeof date);
	pdfstr_literal(b, date);
}

void pdfobj_hex(struct pdfstr *b, const unsigned char *d, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	pdfstr_add(b, "<", 1);
	for (size_t i = 0; i < n; i++) {
		char two[2] = { hex[d[i] >> 4], hex[d[i] & 15] };

		pdfstr_add(b, two, 2);
	}
	pdfstr_add(b, ">", 1);
}

void pdfobj_begin(struct pdfstr *b, int num)
{
	char buf[32];

	pdfstr_add(b, buf, (size_t)snprintf(buf, sizeof buf, "%d 0 obj\n", num));
}

void pdfobj_end(struct pdfstr *b)
{
	pdfstr_add(b, "\nendobj\n", 8);
}
