/* numfmt: the numbers Cairo prints into a PDF, formatted without glibc's
 * general printf machinery, to the same bytes.
 *
 * Cairo writes every number of a content stream (text matrices, path
 * coordinates, glyph codes, offsets) through its own printf, which hands
 * each conversion to snprintf with a one-conversion format ("%f",
 * "%.18f", "%.*f", "%d", "%0*x", "%010ld", …).  A fortified build calls
 * __snprintf_chk, which the executable defines (the dynamic loader binds
 * every library's calls to the executable's definition first): a format
 * that is one such conversion, with a double in range and the C decimal
 * point and rounding, is formatted here exactly as glibc formats it
 * (the correctly rounded decimal value, ties to even); any other format
 * or value goes to glibc's __vsnprintf_chk, which does all the checks.
 *
 * tests/unit/numfmt.c compares the two on millions of values.
 */
#ifndef PLAQUETTE_NUMFMT_H
#define PLAQUETTE_NUMFMT_H

#include <stdarg.h>
#include <stddef.h>

/* Formats one conversion of fmt with its argument from ap into out (room
 * for NUMFMT_MAX bytes and its NUL) and returns its length, or -1 when fmt
 * is not a single conversion this module formats or the value is out of
 * its range (ap is then untouched: the caller goes to glibc). */
#define NUMFMT_MAX 64
int numfmt_one(char *out, const char *fmt, va_list *ap);

/* glibc's fortified snprintf, as the fortified libraries call it. */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);

#endif
