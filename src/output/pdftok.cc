// pdftok: content-stream tokens from qpdf's QPDFTokenizer, handed to C.
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#define POINTERHOLDER_TRANSITION 4 /* qpdf: no PointerHolder, std::shared_ptr only */
#include <qpdf/BufferInputSource.hh>
#include <qpdf/QPDFTokenizer.hh>

#include "pdftok.h"

namespace {

// What a QPDFTokenizer token is to the callers.
pdftok_kind pdftok_kind_of(QPDFTokenizer::token_type_e t)
{
	switch (t) {
	case QPDFTokenizer::tt_space:
	case QPDFTokenizer::tt_comment:
		return PDFTOK_SPACE;
	case QPDFTokenizer::tt_integer:
	case QPDFTokenizer::tt_real:
		return PDFTOK_NUMBER;
	case QPDFTokenizer::tt_name:
		return PDFTOK_NAME;
	case QPDFTokenizer::tt_string:
		return PDFTOK_STRING;
	case QPDFTokenizer::tt_null:
	case QPDFTokenizer::tt_bool:
		return PDFTOK_KEYWORD;
	case QPDFTokenizer::tt_array_open:
	case QPDFTokenizer::tt_dict_open:
	case QPDFTokenizer::tt_brace_open:
		return PDFTOK_OPEN;
	case QPDFTokenizer::tt_array_close:
	case QPDFTokenizer::tt_dict_close:
	case QPDFTokenizer::tt_brace_close:
		return PDFTOK_CLOSE;
	case QPDFTokenizer::tt_word:
		return PDFTOK_OPERATOR;
	case QPDFTokenizer::tt_inline_image:
		return PDFTOK_IMAGE;
	default:
		return PDFTOK_BAD;
	}
}

// A number token's value; PDF numbers have no exponent and no locale.
double pdftok_number(std::string const& s)
{
	double x = 0, scale = 1;
	int sign = 1;
	bool point = false;
	size_t i = 0;

	if (i < s.size() && (s[i] == '+' || s[i] == '-'))
		sign = s[i++] == '-' ? -1 : 1;
	for (; i < s.size(); i++) {
		if (s[i] == '.') {
			point = true;
		} else if (s[i] >= '0' && s[i] <= '9') {
			if (point)
				scale /= 10;
			x = x * 10 + (s[i] - '0');
		}
	}
	return sign * x * scale;
}

// After ID: the one white-space byte that ends it, then the image data
// as one token (QPDFTokenizer finds its EI), as qpdf's own filters do.
int pdftok_image(std::shared_ptr<InputSource> in, QPDFTokenizer& tk, pdftok_fn fn, void *ctx)
{
	size_t at = static_cast<size_t>(in->tell());
	char ch = ' ';

	if (in->read(&ch, 1) != 1)
		return 0;
	pdftok sp = {
		.kind = PDFTOK_SPACE, .value = &ch, .value_len = 1, .num = 0,
		.start = at, .end = at + 1,
	};
	if (int rc = fn(ctx, &sp))
		return rc;
	tk.expectInlineImage(in);
	return 0;
}

int pdftok_run(const unsigned char *data, size_t len, pdftok_fn fn, void *ctx)
{
	// a Buffer made this way borrows the bytes: nothing is copied
	auto buf = std::make_shared<Buffer>(const_cast<unsigned char *>(data), len);
	auto in = std::make_shared<BufferInputSource>("content stream", buf.get(), false);
	QPDFTokenizer tk;

	tk.allowEOF();
	tk.includeIgnorable();
	for (;;) {
		size_t start = static_cast<size_t>(in->tell());
		QPDFTokenizer::Token t = tk.readToken(in, "content stream", true);

		if (t.getType() == QPDFTokenizer::tt_eof)
			return 0;
		std::string const& v = t.getValue();
		pdftok c = {
			.kind = pdftok_kind_of(t.getType()),
			.value = v.data(),
			.value_len = v.size(),
			.num = 0,
			.start = start,
			.end = static_cast<size_t>(in->tell()),
		};
		if (c.kind == PDFTOK_NUMBER)
			c.num = pdftok_number(v);
		if (c.end <= start && start >= len)
			return 0;
		if (int rc = fn(ctx, &c))
			return rc;
		if (c.kind == PDFTOK_OPERATOR && v == "ID")
			if (int rc = pdftok_image(in, tk, fn, ctx))
				return rc;
	}
}

} // namespace

extern "C" int pdftok_scan(const unsigned char *data, size_t len, pdftok_fn fn, void *ctx)
{
	if (!data || len == 0)
		return 0;
	try {
		return pdftok_run(data, len, fn, ctx);
	} catch (std::exception const&) {
		return -1;
	}
}

extern "C" int pdftok_is(const struct pdftok *t, const char *word)
{
	size_t n = std::strlen(word);

	return t->kind == PDFTOK_OPERATOR && t->value_len == n && std::memcmp(t->value, word, n) == 0;
}
