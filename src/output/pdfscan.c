/* pdfscan: the xref table, trailer and objects of the PDF Cairo just wrote, read in place. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pdfscan.h"

#define PDFSCAN_TAIL 1024 /* bytes at the end searched for "startxref" */
#define PDFSCAN_NUM 64    /* longest number read */

static int ps_white(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int ps_delim(unsigned char c)
{
	return c && strchr("()<>[]{}/%", c) != NULL;
}

static int ps_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Whether c may start or continue a number. */
static int ps_numchar(unsigned char c)
{
	return ps_digit(c) || c == '+' || c == '-' || c == '.';
}

/* The first byte from i that is neither white space nor in a comment. */
static size_t ps_skip(const struct pdfscan *s, size_t i)
{
	while (i < s->n) {
		if (ps_white(s->d[i]))
			i++;
		else if (s->d[i] == '%')
			while (i < s->n && s->d[i] != '\n' && s->d[i] != '\r')
				i++;
		else
			break;
	}
	return i;
}

/* The end of a run of bytes from i that are neither white nor delimiters. */
static size_t ps_word(const struct pdfscan *s, size_t i)
{
	while (i < s->n && !ps_white(s->d[i]) && !ps_delim(s->d[i]))
		i++;
	return i;
}

/* An unsigned integer at i (at most 18 digits): its value, -1 if none;
 * *end after it. */
static long long ps_uint(const struct pdfscan *s, size_t i, size_t *end)
{
	long long v = 0;
	size_t j = i;

	while (j < s->n && ps_digit(s->d[j]) && j - i < 18)
		v = v * 10 + (s->d[j++] - '0');
	*end = j;
	return j > i && (j == s->n || !ps_digit(s->d[j])) ? v : -1;
}

static int ps_value(const struct pdfscan *s, size_t i, size_t *end, int depth);

/* "<< /Key value … >>" from i. */
static int ps_dict(const struct pdfscan *s, size_t i, size_t *end, int depth)
{
	size_t j = ps_skip(s, i + 2);

	while (j < s->n) {
		if (s->d[j] == '>')
			break;
		if (s->d[j] != '/' || ps_value(s, ps_word(s, j + 1), &j, depth + 1))
			return -1;
		j = ps_skip(s, j);
	}
	if (j + 1 >= s->n || s->d[j + 1] != '>')
		return -1;
	*end = j + 2;
	return 0;
}

/* "[ value … ]" from i. */
static int ps_array(const struct pdfscan *s, size_t i, size_t *end, int depth)
{
	size_t j = ps_skip(s, i + 1);

	while (j < s->n && s->d[j] != ']') {
		if (ps_value(s, j, &j, depth + 1))
			return -1;
		j = ps_skip(s, j);
	}
	if (j >= s->n)
		return -1;
	*end = j + 1;
	return 0;
}

/* "( … )" from i: nested parentheses, backslash escapes. */
static int ps_literal(const struct pdfscan *s, size_t i, size_t *end)
{
	int open = 0;

	for (size_t j = i; j < s->n; j++) {
		if (s->d[j] == '\\')
			j++;
		else if (s->d[j] == '(')
			open++;
		else if (s->d[j] == ')' && --open == 0) {
			*end = j + 1;
			return 0;
		}
	}
	return -1;
}

/* A number from i, or "N G R" when two integers and R follow. */
static int ps_number(const struct pdfscan *s, size_t i, size_t *end)
{
	size_t j = i, k, g;

	while (j < s->n && ps_numchar(s->d[j]))
		j++;
	if (j == i || j - i > PDFSCAN_NUM)
		return -1;
	*end = j;
	k = ps_skip(s, j);
	if (ps_uint(s, k, &g) < 0)
		return 0;
	k = ps_skip(s, g);
	if (k < s->n && s->d[k] == 'R' && (k + 1 == s->n || ps_white(s->d[k + 1]) ||
					     ps_delim(s->d[k + 1])))
		*end = k + 1;
	return 0;
}

/* One value from i (not white): *end after it. */
static int ps_value(const struct pdfscan *s, size_t i, size_t *end, int depth)
{
	size_t j;

	i = ps_skip(s, i);
	if (i >= s->n || depth > PDFSCAN_MAX_DEPTH)
		return -1;
	switch (s->d[i]) {
	case '<':
		if (i + 1 < s->n && s->d[i + 1] == '<')
			return ps_dict(s, i, end, depth);
		for (j = i + 1; j < s->n && s->d[j] != '>'; j++)
			;
		if (j >= s->n)
			return -1;
		*end = j + 1;
		return 0;
	case '[':
		return ps_array(s, i, end, depth);
	case '(':
		return ps_literal(s, i, end);
	case '/':
		*end = ps_word(s, i + 1);
		return 0;
	default:
		break;
	}
	if (ps_numchar(s->d[i]))
		return ps_number(s, i, end);
	j = ps_word(s, i);
	if ((j - i == 4 && (!memcmp(s->d + i, "true", 4) || !memcmp(s->d + i, "null", 4))) ||
	    (j - i == 5 && !memcmp(s->d + i, "false", 5))) {
		*end = j;
		return 0;
	}
	return -1;
}

/* Whether the bytes at i are `word`. */
static int ps_is(const struct pdfscan *s, size_t i, const char *word)
{
	size_t n = strlen(word);

	return i + n <= s->n && !memcmp(s->d + i, word, n);
}

/* The xref table at s->startxref: object offsets into s->off; *trailer
 * after the "trailer" keyword. */
static int ps_xref(struct pdfscan *s, size_t *trailer)
{
	size_t j = s->startxref, cap = 0, k;

	if (!ps_is(s, j, "xref"))
		return -1;
	j = ps_skip(s, j + 4);
	while (!ps_is(s, j, "trailer")) {
		long long first = ps_uint(s, j, &k), count;

		if (first < 0 || (count = ps_uint(s, k + 1, &k)) < 0 ||
		    first + count > PDFSCAN_MAX_OBJECTS)
			return -1;
		j = ps_skip(s, k);
		if (j + 20 * (size_t)count > s->n)
			return -1;
		xgrow(&s->off, &cap, (size_t)(first + count), sizeof *s->off);
		for (long long e = s->size; e < first + count; e++)
			s->off[e] = 0; /* a hole between sections is not in use */
		for (long long e = 0; e < count; e++, j += 20) {
			size_t end;
			long long at = ps_uint(s, j, &end);

			if (at < 0 || end != j + 10 || (s->d[j + 17] != 'n' && s->d[j + 17] != 'f'))
				return -1;
			s->off[first + e] = s->d[j + 17] == 'n' && (size_t)at < s->n ? (size_t)at : 0;
		}
		if (first + count > s->size)
			s->size = (int)(first + count);
		j = ps_skip(s, j);
	}
	*trailer = ps_skip(s, j + 7);
	return 0;
}

int pdfscan_init(struct pdfscan *s, const unsigned char *d, size_t n)
{
	size_t from = n > PDFSCAN_TAIL ? n - PDFSCAN_TAIL : 0, at = 0, end, t;
	struct pdfscan_span tr, v;
	double size;
	int found = 0;

	*s = (struct pdfscan){ .d = d, .n = n };
	for (size_t i = from; i + 9 <= n; i++)
		if (!memcmp(d + i, "startxref", 9))
			at = i, found = 1;
	if (!found || ps_uint(s, ps_skip(s, at + 9), &end) < 0)
		goto bad;
	s->startxref = (size_t)ps_uint(s, ps_skip(s, at + 9), &end);
	if (s->startxref >= n || ps_xref(s, &t) || ps_value(s, t, &end, 0) ||
	    !ps_is(s, t, "<<"))
		goto bad;
	tr = (struct pdfscan_span){ t, end };
	/* one section, no encryption: what Cairo writes */
	if (!pdfscan_key(s, tr, "/Prev", &v) || !pdfscan_key(s, tr, "/Encrypt", &v) ||
	    pdfscan_key(s, tr, "/Size", &v) || pdfscan_num(s, v, &size) || size != s->size ||
	    pdfscan_key(s, tr, "/Root", &v) || (s->root = pdfscan_ref(s, v)) <= 0)
		goto bad;
	if (!pdfscan_key(s, tr, "/Info", &v) && (s->info = pdfscan_ref(s, v)) <= 0)
		goto bad;
	return 0;
bad:
	pdfscan_done(s);
	return -1;
}

void pdfscan_done(struct pdfscan *s)
{
	free(s->off);
	s->off = NULL;
	s->size = 0;
}

int pdfscan_obj(const struct pdfscan *s, int num, struct pdfscan_span *v)
{
	size_t j, k;

	if (num <= 0 || num >= s->size || !s->off[num])
		return -1;
	j = s->off[num];
	if (ps_uint(s, j, &k) != num || ps_uint(s, ps_skip(s, k), &k) != 0)
		return -1;
	k = ps_skip(s, k);
	if (!ps_is(s, k, "obj"))
		return -1;
	v->at = ps_skip(s, k + 3);
	return ps_value(s, v->at, &v->end, 0);
}

int pdfscan_stream(const struct pdfscan *s, int num, struct pdfscan_span *dict,
		   struct pdfscan_span *data)
{
	struct pdfscan_span len;
	double n;
	size_t j;

	if (pdfscan_obj(s, num, dict) || !pdfscan_is_dict(s, *dict))
		return -1;
	j = ps_skip(s, dict->end);
	if (!ps_is(s, j, "stream"))
		return -1;
	j += 6;
	if (ps_is(s, j, "\r\n"))
		j += 2;
	else if (ps_is(s, j, "\n"))
		j++;
	else
		return -1;
	if (pdfscan_key(s, *dict, "/Length", &len) || pdfscan_resolve(s, len, &len) ||
	    pdfscan_num(s, len, &n) || n < 0 || n > (double)(s->n - j))
		return -1;
	*data = (struct pdfscan_span){ j, j + (size_t)n };
	return 0;
}

int pdfscan_entry(const struct pdfscan *s, struct pdfscan_span dict, size_t *pos,
		  struct pdfscan_span *key, struct pdfscan_span *val)
{
	size_t j = ps_skip(s, *pos ? *pos : dict.at + 2);

	if (j + 1 < dict.end && s->d[j] == '>' && s->d[j + 1] == '>')
		return 0;
	if (j >= dict.end || s->d[j] != '/')
		return -1;
	key->at = j;
	key->end = ps_word(s, j + 1);
	val->at = ps_skip(s, key->end);
	if (ps_value(s, val->at, &val->end, 1) || val->end > dict.end)
		return -1;
	*pos = val->end;
	return 1;
}

int pdfscan_key(const struct pdfscan *s, struct pdfscan_span dict, const char *key,
		struct pdfscan_span *val)
{
	struct pdfscan_span k;
	size_t pos = 0, n = strlen(key);
	int r;

	if (!pdfscan_is_dict(s, dict))
		return -1;
	while ((r = pdfscan_entry(s, dict, &pos, &k, val)) > 0)
		if (k.end - k.at == n && !memcmp(s->d + k.at, key, n))
			return 0;
	return -1;
}

int pdfscan_item(const struct pdfscan *s, struct pdfscan_span a, size_t *pos,
		 struct pdfscan_span *v)
{
	size_t j = ps_skip(s, *pos ? *pos : a.at + 1);

	if (j < a.end && s->d[j] == ']')
		return 0;
	if (j >= a.end)
		return -1;
	v->at = j;
	if (ps_value(s, j, &v->end, 1) || v->end > a.end)
		return -1;
	*pos = v->end;
	return 1;
}

int pdfscan_ref(const struct pdfscan *s, struct pdfscan_span v)
{
	size_t k;
	long long num;

	if (v.end <= v.at || s->d[v.end - 1] != 'R')
		return -1;
	num = ps_uint(s, v.at, &k);
	return num > 0 && num < s->size ? (int)num : -1;
}

int pdfscan_resolve(const struct pdfscan *s, struct pdfscan_span v, struct pdfscan_span *out)
{
	int num = pdfscan_ref(s, v);

	if (v.end > v.at && s->d[v.end - 1] == 'R')
		return num > 0 ? pdfscan_obj(s, num, out) : -1;
	*out = v;
	return 0;
}

int pdfscan_num(const struct pdfscan *s, struct pdfscan_span v, double *x)
{
	char buf[PDFSCAN_NUM + 1], *end;
	size_t n = v.end - v.at;

	if (n == 0 || n > PDFSCAN_NUM || !ps_numchar(s->d[v.at]))
		return -1;
	memcpy(buf, s->d + v.at, n);
	buf[n] = '\0';
	*x = strtod(buf, &end);
	return *end ? -1 : 0;
}

int pdfscan_is_name(const struct pdfscan *s, struct pdfscan_span v, const char *name)
{
	size_t n = strlen(name);

	return v.end - v.at == n && !memcmp(s->d + v.at, name, n);
}

int pdfscan_is_dict(const struct pdfscan *s, struct pdfscan_span v)
{
	return v.end - v.at >= 4 && s->d[v.at] == '<' && s->d[v.at + 1] == '<';
}

int pdfscan_is_array(const struct pdfscan *s, struct pdfscan_span v)
{
	return v.end - v.at >= 2 && s->d[v.at] == '[';
}
