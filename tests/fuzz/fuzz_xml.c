/* fuzz_xml: libFuzzer target — brochure XML bytes through every stage,
 * parse, check, blocks, layout, Cairo and post-processing, to a PDF in a
 * temporary folder, with the house style (styles/efus.xml) fixed.
 *
 * Build and run with `make fuzz FUZZ_SECONDS=60` (see the Makefile). */
#include "fuzz_common.h"

#include "block.h"
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
	return 0;
}

/* Cairo then qpdf, as main.c's write_pdf does, minus the rename. */
static void fuzz_write(const struct layout *l, struct msg *m)
{
	struct pdf_opts po = { .date = 0, .creator = "plaquette fuzz" };
	struct post_opts pp = { .lang = l->lang, .title = l->title, .producer = "plaquette fuzz" };

	if (pdf_write(l, fx.pdf, &po, m) == 0)
		post_process(fx.pdf, fx.pdf, &pp, m);
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
	struct flow_opts fo = { .max_pages = 2000 };

	if (fd < 0)
		return 0;
	msg_init(&m, NULL);
	d = xml_read(path, fx.schema, 0, &m);
	if (!d || doc_check(d, &m))
		goto out;
	e = para_engine_new(fx.font, &m);
	if (block_build(&bl, d, fx.style, &m) < 0)
		goto out;
	l = flow_run(d, fx.style, e, &bl, &fo, &m);
	if (l && !msg_failed(&m))
		fuzz_write(l, &m);
out:
	layout_free(l);
	block_list_done(&bl);
	para_engine_free(e);
	doc_free(d);
	close(fd);
	return 0;
}
