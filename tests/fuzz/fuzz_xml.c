/* fuzz_xml: libFuzzer target — brochure XML bytes through every stage,
 * parse, check, blocks, layout, Cairo and post-processing, to a PDF in a
 * temporary folder, with the house style (styles/efus.xml) fixed.  One
 * input in three is also pseudo-translated (--pseudo 1.4) and one in two
 * written as the press edition (bleed, marks, PDF/X-4), chosen by size so
 * that a find replays the same way.
 *
 * Build and run with `make fuzz FUZZ_SECONDS=60` (see the Makefile). */
#include "fuzz_common.h"

#include "block.h"
#include "build.h"
#include "doc.h"
#include "flow.h"
#include "font.h"
#include "para.h"
#include "pdf.h"
#include "post.h"
#include "style.h"

/* What every input shares, made once: the style, the fonts, the folder the
 * PDF goes to. */
static struct {
	struct msg m;               /* sink for the style and fonts (count only) */
	struct style_sheet *style;
	struct font *font;
	char schema[PATH_MAX];      /* schema/brochure.rng */
	char dir[64];               /* private temporary folder */
	char pdf[96];               /* the PDF written there */
} fx;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The temporary folder goes when the fuzzer exits. */
static void fuzz_cleanup(void)
{
	unlink(fx.pdf);
	rmdir(fx.dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char style[PATH_MAX], style_schema[PATH_MAX], fonts[PATH_MAX];

	(void)argc;
	(void)argv;
	fuzz_path(fx.schema, sizeof fx.schema, "schema/brochure.rng");
	fuzz_path(style, sizeof style, "styles/efus.xml");
	fuzz_path(style_schema, sizeof style_schema, "schema/style.rng");
	fuzz_path(fonts, sizeof fonts, "fonts");
	msg_init(&fx.m, stderr);
	fx.style = style_load(style, style_schema, &fx.m);
	fx.font = font_new(fonts, &fx.m);
	snprintf(fx.dir, sizeof fx.dir, "/tmp/plaquette-fuzz-XXXXXX");
	if (!fx.style || !fx.font || !mkdtemp(fx.dir)) {
		fprintf(stderr, "fuzz_xml: cannot set up (run from the repository root "
			"or set PLAQUETTE_HOME)\n");
		exit(1);
	}
	snprintf(fx.pdf, sizeof fx.pdf, "%s/out.pdf", fx.dir);
	atexit(fuzz_cleanup);
	return 0;
}

/* Cairo, qpdf and the output guard's commit, as main.c does. */
static void fuzz_write(struct doc *d, struct layout *l, int print, struct msg *m)
{
	struct build b = { .doc = d, .sheet = fx.style, .font = fx.font, .layout = l };
	struct build_edition ed = { .print = print, .marks = -1, .bleed_mm = -1 };
	struct out_set *set = out_set_new();
	const char *tmp = out_claim(set, fx.pdf, m);

	if (tmp && build_write_pdf(&b, &ed, tmp, fx.pdf, m) == 0) {
		out_done(set, fx.pdf);
		out_commit(set, m);
	}
	out_set_free(set);
	unlink(fx.pdf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile(data, size, path, sizeof path);
	struct msg m;
	struct doc *d;
	struct para_engine *e = NULL;
	struct block_list bl = { 0 };
	struct layout *l = NULL;
	struct layout_info info = { 0 };
	struct flow_opts fo = { .max_pages = 2000 };

	if (fd < 0)
		return 0;
	msg_init(&m, getenv("PLAQUETTE_FUZZ_VERBOSE") ? stderr : NULL);
	d = xml_read(path, fx.schema, 0, &m);
	if (!d || doc_check(d, &m))
		goto out;
	if (size % 3 == 0)
		doc_pseudo(d, 1.4);
	e = para_engine_new(fx.font, &m);
	if (block_build(&bl, d, fx.style, &m) < 0)
		goto out;
	build_layout_info(d, &info);
	l = flow_run(&info, fx.style, e, &bl, &fo, &m);
	if (l && !msg_failed(&m))
		fuzz_write(d, l, size % 2, &m);
out:
	layout_free(l);
	block_list_done(&bl);
	para_engine_free(e);
	doc_free(d);
	close(fd);
	return 0;
}
