/* fuzz_preflight: libFuzzer target — any bytes as a PDF through
 * `plaquette preflight`: qpdf's reader (with preflight's own bounds on
 * size, objects and decompressed streams), the content-stream tokenizer,
 * page boxes, fonts, images and the PDF/X keys.  One input in two is
 * checked as a saddle-stitched PDF/X booklet.
 *
 * Build and run with `make fuzz` (see the Makefile); seeds: tests/pdf/. */
#include "fuzz_common.h"

#include "msg.h"
#include "preflight.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile(data, size, path, sizeof path);
	struct preflight_opts po = { .booklet = (int)(size % 2), .pdfx = (int)(size % 2) };
	struct msg m;

	if (fd < 0)
		return 0;
	msg_init(&m, getenv("PLAQUETTE_FUZZ_VERBOSE") ? stderr : NULL);
	preflight_check(path, &po, &m);
	close(fd);
	return 0;
}
