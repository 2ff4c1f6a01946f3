/* pdftok: PDF content streams read with qpdf's own tokenizer.
 *
 * The one content-stream reader: post.c rewrites colours with it,
 * preflight.c interprets pages with it.  It hands every token of decoded
 * content data to a callback, white space and comments too, each with its
 * byte range, so that a rewrite can copy all it does not change byte for
 * byte.  The lexing is QPDFTokenizer's (libqpdf's C++ API: the C API has no
 * tokenizer), inline image data included; this module is the only C++ and
 * the only user of that API.
 */
#ifndef PLAQUETTE_PDFTOK_H
#define PLAQUETTE_PDFTOK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum pdftok_kind {
	PDFTOK_SPACE,    /* white space or a comment */
	PDFTOK_NUMBER,   /* 12, -.5: value in num */
	PDFTOK_NAME,     /* /Name, #xx decoded, with its slash */
	PDFTOK_STRING,   /* (…) or <…>: value holds the decoded bytes */
	PDFTOK_KEYWORD,  /* true, false or null (an operand) */
	PDFTOK_OPEN,     /* [ or << (or {) */
	PDFTOK_CLOSE,    /* ] or >> (or }) */
	PDFTOK_OPERATOR, /* any other word: rg, Tj, BI, ID, EI… */
	PDFTOK_IMAGE,    /* the data of an inline image, between ID and EI */
	PDFTOK_BAD,      /* bytes qpdf cannot read as a token (an unbalanced ")") */
};

/* One token, valid during the callback only. */
struct pdftok {
	enum pdftok_kind kind; /* what it is */
	const char *value;     /* its value (name, string bytes, operator word); not NUL-free */
	size_t value_len;      /* bytes in value */
	double num;            /* PDFTOK_NUMBER: its value; 0 otherwise */
	size_t start;          /* its first byte in the data */
	size_t end;            /* one past its last byte */
};

/* Called for each token in order; a non-zero return stops the scan. */
typedef int (*pdftok_fn)(void *ctx, const struct pdftok *t);

/* Every token of data[0..len) to fn.  Returns 0 at the end of the data,
 * fn's non-zero value when it stopped the scan, -1 when qpdf failed (the
 * tokens before were delivered). */
int pdftok_scan(const unsigned char *data, size_t len, pdftok_fn fn, void *ctx);

/* Whether t is the operator `word`. */
int pdftok_is(const struct pdftok *t, const char *word);

#ifdef __cplusplus
}
#endif

#endif
