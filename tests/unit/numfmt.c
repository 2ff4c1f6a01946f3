/* Unit tests of numfmt: the executable's __snprintf_chk gives glibc's
 * bytes and return value for every format and value, the ones it formats
 * itself (Cairo's one-conversion formats) and the ones it hands on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fenv.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/* A deterministic generator (xorshift64*), so a failure repeats. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* The comparisons, one shape of arguments each (a variadic function
 * cannot pass its own "..." on). */
#define SAME(room, fmt, ...) do { \
	char w_[512], g_[512]; \
	int nw_, ng_; \
	memset(w_, 'w', sizeof w_); \
	memset(g_, 'w', sizeof g_); \
	nw_ = snprintf(w_, (room), (fmt), __VA_ARGS__); \
	ng_ = __snprintf_chk(g_, (room), 1, sizeof g_, (fmt), __VA_ARGS__); \
	if (nw_ != ng_ || memcmp(w_, g_, sizeof w_) != 0) \
		fail_msg("format \"%s\" room %zu: glibc \"%.*s\" (%d), numfmt \"%.*s\" (%d)", \
			 (fmt), (size_t)(room), nw_ > 0 ? nw_ : 0, w_, nw_, ng_ > 0 ? ng_ : 0, g_, ng_); \
} while (0)

/* A double of random bits whose magnitude is spread over [2^lo, 2^hi). */
static double rnd_double(uint64_t *s, int lo, int hi)
{
	uint64_t b = rnd(s);
	int e = lo + (int)(rnd(s) % (uint64_t)(hi - lo));

	return ldexp(1.0 + (double)(b >> 12) / 4503599627370496.0, e) * (b & 1 ? -1 : 1);
}

/* Cairo's "%f", "%.18f" and "%.*f" on values of every size, random bits. */
static void test_random(void **state)
{
	uint64_t s = 0x9e3779b97f4a7c15ULL;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		double x = rnd_double(&s, -70, 52);
		int p = (int)(rnd(&s) % 19);

		SAME(512, "%f", x);
		SAME(512, "%.18f", x);
		SAME(512, "%.*f", p, x);
		SAME(512, "%.3f", x);
	}
}

/* Values on Cairo's grids (24.8 fixed point, 1/2^k), where the decimal
 * value ends in 5 just past the digits printed: the ties, rounded to even. */
static void test_ties(void **state)
{
	uint64_t s = 42;

	(void)state;
	for (int k = 0; k <= 30; k++) {
		for (int i = 0; i < 3000; i++) {
			double x = ldexp((double)(int64_t)(rnd(&s) % 2000000000ULL) - 1e9, -k);

			for (int p = 0; p <= 18; p++)
				SAME(512, "%.*f", p, x);
			SAME(512, "%f", x);
		}
	}
	for (int n = -5000; n <= 5000; n++) {
		SAME(512, "%.0f", n + 0.5);
		SAME(512, "%.1f", n / 100.0 + 0.05);
		SAME(512, "%f", n / 1e7);
		SAME(512, "%f", n * 1e-7 + 5e-7);
	}
}

/* Zero, signs, the smallest and the largest values, and what glibc
 * formats itself (not finite, 1e15 and over). */
static void test_edges(void **state)
{
	static const double v[] = {
		0.0, -0.0, 1e-300, -1e-300, 4.9406564584124654e-324, 2.2250738585072014e-308,
		5e-7, -5e-7, 4.9999999999999998e-7, 0.5, 1.5, 2.5, -2.5, 0.125, 999999.9999995,
		1e15 - 0.125, 1e15, -1e15, 1e15 + 1, 9007199254740992.0, 1e300, -1e300,
		INFINITY, -INFINITY, NAN, 0.1, 0.3, 123456789.123456789,
	};

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		for (int p = 0; p <= 20; p++)
			SAME(512, "%.*f", p, v[i]);
		SAME(512, "%f", v[i]);
		SAME(512, "%.18f", v[i]);
		SAME(512, "%12f", v[i]);
		SAME(512, "%012f", v[i]);
		SAME(512, "%*.*f", 30, 4, v[i]);
		SAME(512, "%-12f", v[i]);
		SAME(512, "%e", v[i]);
		SAME(512, "%g", v[i]);
	}
}

/* The integer formats Cairo and libxml2 use, and their neighbours. */
static void test_ints(void **state)
{
	static const long long v[] = {
		0, 1, -1, 7, 8, 9, 10, 15, 16, 255, 256, 4095, 65535, 65536, 123456789,
		INT_MAX, INT_MIN, UINT_MAX, LONG_MAX, LONG_MIN, LLONG_MAX, LLONG_MIN,
	};
	uint64_t s = 7;

	(void)state;
	for (int i = 0; i < 100000 + (int)(sizeof v / sizeof v[0]); i++) {
		long long x = i < (int)(sizeof v / sizeof v[0]) ? v[i]
			: (long long)(rnd(&s) >> (rnd(&s) % 64));
		int w = (int)(rnd(&s) % 34);

		if (i & 1)
			x = -x;
		SAME(512, "%d", (int)x);
		SAME(512, "%u", (unsigned)x);
		SAME(512, "%x", (unsigned)x);
		SAME(512, "%X", (unsigned)x);
		SAME(512, "%o", (unsigned)x);
		SAME(512, "%03o", (unsigned)x & 0xff);
		SAME(512, "%04X", (unsigned)x);
		SAME(512, "%04x", (unsigned)x);
		SAME(512, "%02x", (unsigned)x);
		SAME(512, "%0*x", w, (unsigned)x);
		SAME(512, "%*d", w, (int)x);
		SAME(512, "%5d", (int)x);
		SAME(512, "%05d", (int)x);
		SAME(512, "%010ld", (long)x);
		SAME(512, "%ld", (long)x);
		SAME(512, "%lu", (unsigned long)x);
		SAME(512, "%lx", (unsigned long)x);
		SAME(512, "%lld", x);
		SAME(512, "%llu", (unsigned long long)x);
		SAME(512, "%llx", (unsigned long long)x);
	}
	/* what glibc formats itself */
	SAME(512, "%+d", 5);
	SAME(512, "%-5d|", 5);
	SAME(512, "%.3d", 5);
	SAME(512, "%hd", 70000);
	SAME(512, "%zu", (size_t)12);
	SAME(512, "%*d", -6, 12);
	SAME(512, "%0*x", 40, 12u);
	SAME(512, "x%d", 5);
	SAME(512, "%d ", 5);
	SAME(512, "%s", "text");
	SAME(512, "CairoFont-%d-%d", 3, 4);
	SAME(512, "%c", 'a');
	SAME(512, "%%%d", 1);
}

/* Too little room: the same truncated bytes and the same length. */
static void test_room(void **state)
{
	(void)state;
	for (size_t room = 0; room < 24; room++) {
		SAME(room, "%f", -1234.5678);
		SAME(room, "%.18f", 0.0123);
		SAME(room, "%010ld", 123456L);
		SAME(room, "%d", INT_MIN);
		SAME(room, "%0*x", 9, 0xabcu);
	}
}

/* Another rounding mode: glibc's (it rounds as the mode says). */
static void test_rounding_mode(void **state)
{
	(void)state;
	fesetround(FE_UPWARD);
	SAME(512, "%f", 0.1234561);
	SAME(512, "%.0f", 0.5);
	SAME(512, "%.*f", 2, -1.005);
	fesetround(FE_TONEAREST);
}

/* numfmt_one on one conversion: its length, or -1 when glibc's. */
static int one(const char *fmt, ...)
{
	char out[NUMFMT_MAX + 1];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = numfmt_one(out, fmt, &ap);
	va_end(ap);
	return n;
}

/* The formats Cairo prints numbers with are formatted here, not handed
 * on (what makes the module worth having); the others are handed on. */
static void test_taken(void **state)
{
	(void)state;
	assert_int_equal(one("%f", 12.5), 9);
	assert_int_equal(one("%.18f", 0.001), 20);
	assert_int_equal(one("%.*f", 3, -0.25), 6);
	assert_int_equal(one("%d", -42), 3);
	assert_int_equal(one("%0*x", 4, 10u), 4);
	assert_int_equal(one("%010ld", 7L), 10);
	assert_int_equal(one("%03o", 9u), 3);
	assert_int_equal(one("%04X", 0xabu), 4);
	assert_int_equal(one("%lu", 5UL), 1);
	assert_int_equal(one("%e", 1.0), -1);
	assert_int_equal(one("%+d", 1), -1);
	assert_int_equal(one("x%d", 1), -1);
	assert_int_equal(one("%f", INFINITY), -1);
	assert_int_equal(one("%f", 1e15), -1);
	assert_int_equal(one("%.19f", 0.5), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taken),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_rounding_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
