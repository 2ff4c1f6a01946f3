/* fuzz_style: libFuzzer target — style-sheet bytes through style_load and,
 * when the sheet loads, through blocks and layout of the brochure
 * (data/brochure.xml, parsed once): a value the checks let through must
 * not crash or hang the stages that use it.  No PDF is written.
 *
 * Build and run with `make fuzz FUZZ_SECONDS=60` (see the Makefile). */
#include "build.h"
#include "fuzz_common.h"

#include "block.h"
#include "doc.h"
#include "flow.h"
#include "font.h"
#include "para.h"
#include "style.h"

/* Made once: the brochure, the fonts. */
static struct {
	struct msg m;               /* sink for the set-up */
	struct doc *doc;
	struct font *font;
	char schema[PATH_MAX];      /* schema/style.rng */
} fx;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char doc[PATH_MAX], doc_schema[PATH_MAX], fonts[PATH_MAX];

	(void)argc;
	(void)argv;
	fuzz_path(fx.schema, sizeof fx.schema, "schema/style.rng");
	fuzz_path(doc, sizeof doc, "data/brochure.xml");
	fuzz_path(doc_schema, sizeof doc_schema, "schema/brochure.rng");
	fuzz_path(fonts, sizeof fonts, "fonts");
	msg_init(&fx.m, stderr);
	fx.doc = xml_read(doc, doc_schema, 0, &fx.m);
	fx.font = font_new(fonts, &fx.m);
	if (!fx.doc || doc_check(fx.doc, &fx.m) || !fx.font) {
		fprintf(stderr, "fuzz_style: cannot set up (run from the repository root "
			"or set PLAQUETTE_HOME)\n");
		exit(1);
	}
	return 0;
}

/* Lays the brochure out with s, as main.c's run() does up to the PDF. */
static void fuzz_layout(const struct style_sheet *s, struct msg *m)
{
	struct para_engine *e = para_engine_new(fx.font, m);
	struct block_list bl = { 0 };
	struct layout *l = NULL;
	struct layout_info info = { 0 };
	struct flow_opts fo = { .max_pages = 2000 };

	for (int i = 0; i < s->nstyles; i++)
		if (!font_has_family(fx.font, s->styles[i].family))
			goto out;
	if (block_build(&bl, fx.doc, s, m) < 0)
		goto out;
	build_layout_info(fx.doc, &info);
	l = flow_run(&info, s, e, &bl, &fo, m);
out:
	layout_free(l);
	block_list_done(&bl);
	para_engine_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile(data, size, path, sizeof path);
	struct msg m;
	struct style_sheet *s;

	if (fd < 0)
		return 0;
	msg_init(&m, getenv("PLAQUETTE_FUZZ_VERBOSE") ? stderr : NULL);
	s = style_load(path, fx.schema, &m);
	if (s)
		fuzz_layout(s, &m);
	style_free(s);
	close(fd);
	return 0;
}
