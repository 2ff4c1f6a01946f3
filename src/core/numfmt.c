/* numfmt: Cairo's one-conversion snprintf calls formatted to glibc's bytes. */
#include <fenv.h>
#include <langinfo.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "numfmt.h"

/* glibc's own, for every format this module leaves alone. */
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);

#define NUMFMT_WIDTH 32   /* widest field formatted here */
#define NUMFMT_PREC 18    /* most digits after the point (Cairo's "%.18f") */
#define NUMFMT_FMAX 1e15  /* |value| of an "f" conversion formatted here */

/* One conversion: %[0][width|*][.prec|.*][l|ll]conv. */
struct numfmt_spec {
	int zero;       /* '0' flag */
	int width;      /* field width, -1 = from the arguments */
	int prec;       /* digits after the point, -1 = none given, -2 = from the arguments */
	int longs;      /* number of 'l' */
	char conv;      /* d u x X o f */
};

static const uint64_t numfmt_pow10[NUMFMT_PREC + 1] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
};

/* A small decimal number at f into *v; returns the number of its digits,
 * or -1 when it is over NUMFMT_WIDTH. */
static int numfmt_digits(const char *f, int *v)
{
	int n = 0, k = 0;

	while (f[k] >= '0' && f[k] <= '9') {
		n = n * 10 + (f[k++] - '0');
		if (n > NUMFMT_WIDTH)
			return -1;
	}
	*v = n;
	return k;
}

/* Reads fmt as one conversion and nothing else; 0, or -1 for any other
 * format (flags but '0', a precision on an integer, 'h', 'z', text…). */
static int numfmt_parse(const char *f, struct numfmt_spec *s)
{
	int k;

	if (*f++ != '%')
		return -1;
	s->zero = *f == '0';
	f += s->zero;
	s->width = 0;
	if (*f == '*') {
		s->width = -1;
		f++;
	} else if ((k = numfmt_digits(f, &s->width)) < 0) {
		return -1;
	} else {
		f += k;
	}
	s->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			s->prec = -2;
			f++;
		} else if ((k = numfmt_digits(f, &s->prec)) < 0 || s->prec > NUMFMT_PREC) {
			return -1;
		} else {
			f += k;
		}
	}
	s->longs = 0;
	while (*f == 'l' && s->longs < 2) {
		s->longs++;
		f++;
	}
	s->conv = *f++;
	if (*f != '\0')
		return -1;
	switch (s->conv) {
	case 'd': case 'u': case 'x': case 'X': case 'o':
		return s->prec == -1 ? 0 : -1;
	case 'f':
		return s->longs == 0 ? 0 : -1;
	default:
		return -1;
	}
}

/* Writes sign and the digits body[0, n) into out, padded to width as
 * printf pads: zeros after the sign with the '0' flag, else spaces
 * before it.  Returns the length. */
static int numfmt_field(char *out, const struct numfmt_spec *s, int width, int neg,
			const char *body, int n)
{
	int len = n + neg, pad = width > len ? width - len : 0, k = 0;

	if (!s->zero)
		for (; pad > 0; pad--)
			out[k++] = ' ';
	if (neg)
		out[k++] = '-';
	for (; pad > 0; pad--)
		out[k++] = '0';
	memcpy(out + k, body, n);
	return k + n;
}

/* "00" to "99": two digits a step. */
static const char numfmt_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The decimal digits of v, written backwards from end; returns where
 * they start. */
static char *numfmt_dec(char *end, uint64_t v)
{
	while (v >= 100) {
		const char *d = numfmt_pairs + 2 * (v % 100);

		v /= 100;
		*--end = d[1];
		*--end = d[0];
	}
	if (v >= 10) {
		*--end = numfmt_pairs[2 * v + 1];
		*--end = numfmt_pairs[2 * v];
	} else {
		*--end = (char)('0' + v);
	}
	return end;
}

/* The digits of v in base (8, 10 or 16), written backwards from end;
 * returns where they start. */
static char *numfmt_utoa(char *end, unsigned long long v, unsigned base, int upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	if (base == 10)
		return numfmt_dec(end, v);
	do {
		*--end = dig[v & (base - 1)];
		v = base == 16 ? v >> 4 : v >> 3;
	} while (v);
	return end;
}

/* An integer conversion of the next argument. */
static int numfmt_int(char *out, const struct numfmt_spec *s, int width, va_list *ap)
{
	char buf[32], *end = buf + sizeof buf, *p;
	unsigned long long v;
	int neg = 0;

	if (s->conv == 'd') {
		long long x = s->longs == 0 ? va_arg(*ap, int)
			: s->longs == 1 ? va_arg(*ap, long) : va_arg(*ap, long long);

		neg = x < 0;
		v = neg ? 0ULL - (unsigned long long)x : (unsigned long long)x;
	} else {
		v = s->longs == 0 ? va_arg(*ap, unsigned)
			: s->longs == 1 ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned long long);
	}
	p = numfmt_utoa(end, v, s->conv == 'o' ? 8 : s->conv == 'x' || s->conv == 'X' ? 16 : 10,
			s->conv == 'X');
	return numfmt_field(out, s, width, neg, p, (int)(end - p));
}

/* x rounded to prec digits after the point, exactly (the decimal value
 * of the double, ties to even, as glibc rounds in the default mode), as
 * the integer x * 10^prec.  |x| < NUMFMT_FMAX. */
static unsigned __int128 numfmt_scaled(double x, int prec)
{
	uint64_t bits, m;
	int e, shift;
	unsigned __int128 p, q, r, half;

	memcpy(&bits, &x, sizeof bits);
	e = (int)((bits >> 52) & 0x7ff);
	m = bits & ((1ULL << 52) - 1);
	if (e == 0)
		e = 1;             /* subnormal: no hidden bit */
	else
		m |= 1ULL << 52;
	shift = 1075 - e;          /* |x| = m / 2^shift; shift > 0 below 2^52 */
	p = (unsigned __int128)m * numfmt_pow10[prec]; /* < 2^113 */
	if (shift >= 128)
		return 0;          /* p / 2^shift < 2^-14: under a half */
	q = p >> shift;
	r = p - (q << shift);
	half = (unsigned __int128)1 << (shift - 1);
	if (r > half || (r == half && (q & 1)))
		q++;
	return q;
}

/* An "f" conversion of the next argument; -1 when it is not finite or
 * too large, or the locale's point or the rounding mode are not C's. */
static int numfmt_f(char *out, const struct numfmt_spec *s, int width, int prec, va_list *ap)
{
	double x = va_arg(*ap, double);
	char buf[48], *end = buf + sizeof buf, *p;
	unsigned __int128 q;
	uint64_t ip, fp;

	const char *radix;

	if (!(fabs(x) < NUMFMT_FMAX) || fegetround() != FE_TONEAREST)
		return -1;
	radix = nl_langinfo(RADIXCHAR);
	if (radix[0] != '.' || radix[1] != '\0')
		return -1;
	q = numfmt_scaled(x, prec);
	if (q >> 64 == 0) {  /* the usual case: no 128-bit division */
		uint64_t q64 = (uint64_t)q;

		ip = q64 / numfmt_pow10[prec];
		fp = q64 % numfmt_pow10[prec];
	} else {
		ip = (uint64_t)(q / numfmt_pow10[prec]);
		fp = (uint64_t)(q % numfmt_pow10[prec]);
	}
	p = end;
	if (prec > 0) {
		int i = 0;

		for (; i + 2 <= prec; i += 2, fp /= 100) {
			const char *d = numfmt_pairs + 2 * (fp % 100);

			*--p = d[1];
			*--p = d[0];
		}
		if (i < prec)
			*--p = (char)('0' + fp % 10);
		*--p = '.';
	}
	p = numfmt_dec(p, ip);
	return numfmt_field(out, s, width, signbit(x) != 0, p, (int)(end - p));
}

int numfmt_one(char *out, const char *fmt, va_list *ap)
{
	struct numfmt_spec s;
	int width, prec;

	if (numfmt_parse(fmt, &s) < 0)
		return -1;
	width = s.width;
	if (width == -1) {
		width = va_arg(*ap, int);
		if (width < 0 || width > NUMFMT_WIDTH)
			return -1;  /* '-' justification: glibc's */
	}
	if (s.conv != 'f')
		return numfmt_int(out, &s, width, ap);
	prec = s.prec == -2 ? va_arg(*ap, int) : s.prec;
	if (prec < 0)
		prec = 6;
	if (prec > NUMFMT_PREC)
		return -1;
	return numfmt_f(out, &s, width, prec, ap);
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
	char buf[NUMFMT_MAX + 1];
	va_list ap, try;
	int n = -1;

	va_start(ap, fmt);
	if (maxlen <= slen) {  /* else glibc reports the overflow */
		/* room for any number: formatted in place (numfmt_one writes
		 * nothing before it knows it formats the conversion) */
		char *to = maxlen > NUMFMT_MAX ? s : buf;

		va_copy(try, ap);
		n = numfmt_one(to, fmt, &try);
		va_end(try);
		if (n >= 0 && to == s) {
			va_end(ap);
			s[n] = '\0';
			return n;
		}
	}
	if (n < 0) {
		n = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
		va_end(ap);
		return n;
	}
	va_end(ap);
	if (maxlen > 0) {
		size_t k = (size_t)n < maxlen - 1 ? (size_t)n : maxlen - 1;

		memcpy(s, buf, k);
		s[k] = '\0';
	}
	return n;
}
