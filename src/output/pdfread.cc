// pdfread: stream data decoded by qpdf into a pipeline that stops at a bound.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#define POINTERHOLDER_TRANSITION 4 /* qpdf: no PointerHolder, std::shared_ptr only */
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "pdfread.h"

namespace {

// Collects what qpdf's filters write into a malloc'd buffer, and throws
// (stopping the decoding) as soon as more than `limit` bytes in all would
// be kept.  The buffer grows to the bound at most, never to twice it.
class BoundedSink final : public Pipeline {
public:
	explicit BoundedSink(size_t limit) : Pipeline("bounded", nullptr), limit_(limit) {}
	~BoundedSink() override { free(buf); }
	void write(unsigned char const *data, size_t len) override
	{
		if (len > limit_ - size) {
			over = true;
			throw std::length_error("stream data over the bound");
		}
		if (size + len > cap) {
			size_t want = std::min(limit_, std::max(cap * 2, size + len));
			auto *p = static_cast<unsigned char *>(realloc(buf, want ? want : 1));

			if (!p)
				throw std::bad_alloc();
			buf = p;
			cap = want;
		}
		memcpy(buf + size, data, len);
		size += len;
	}
	void finish() override {}
	bool over = false;
	unsigned char *buf = nullptr;
	size_t size = 0, cap = 0;

private:
	size_t limit_;
};

} // namespace

struct pdfread {
	std::string path;
	std::unique_ptr<QPDF> qpdf; // opened at the first request
	bool failed = false;        // opening failed once: no retry
};

extern "C" struct pdfread *pdfread_new(const char *path)
{
	try {
		auto *r = new pdfread;

		r->path = path;
		return r;
	} catch (const std::exception &) {
		return nullptr;
	}
}

extern "C" void pdfread_free(struct pdfread *r)
{
	delete r;
}

// Opens r's file once; false when qpdf cannot read it.
static bool pdfread_open(pdfread *r)
{
	if (r->qpdf || r->failed)
		return !r->failed;
	try {
		r->qpdf = std::make_unique<QPDF>();
		r->qpdf->setSuppressWarnings(true);
		r->qpdf->processFile(r->path.c_str());
	} catch (const std::exception &) {
		r->qpdf.reset();
		r->failed = true;
	}
	return !r->failed;
}

extern "C" enum pdfread_status pdfread_streams(struct pdfread *r, const int *ids, const int *gens,
					       size_t n, size_t limit, unsigned char **data,
					       size_t *len)
{
	enum pdfread_status st = PDFREAD_OK;

	*data = nullptr;
	*len = 0;
	try {
		if (!pdfread_open(r))
			return PDFREAD_UNREADABLE;
		BoundedSink sink(limit);

		try {
			for (size_t i = 0; i < n && st == PDFREAD_OK; i++) {
				QPDFObjectHandle s = r->qpdf->getObjectByID(ids[i], gens[i]);
				bool filtered = false, ok = false;

				if (!s.isStream()) {
					st = PDFREAD_UNREADABLE;
					break;
				}
				if (i > 0)
					sink.write(reinterpret_cast<unsigned char const *>("\n"), 1);
				try {
					ok = s.pipeStreamData(&sink, &filtered, 0, qpdf_dl_generalized, true,
							      false);
				} catch (const std::exception &) {
					ok = false;
				}
				if (sink.over)
					st = PDFREAD_TOO_BIG;
				else if (!ok || !filtered)
					st = PDFREAD_UNREADABLE;
			}
		} catch (const std::length_error &) {
			st = PDFREAD_TOO_BIG;
		}
		if (sink.over)
			st = PDFREAD_TOO_BIG;
		if (st == PDFREAD_OK) {
			*data = sink.buf ? sink.buf : static_cast<unsigned char *>(malloc(1));
			*len = sink.size;
			sink.buf = nullptr;
		}
	} catch (const std::exception &) {
		st = PDFREAD_UNREADABLE;
	}
	return st;
}
