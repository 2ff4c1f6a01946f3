/* fuzz_diff: libFuzzer target — `plaquette diff data/brochure.xml NEW`
 * with NEW the fuzzer's bytes: both editions built, compared page by page
 * (rendered at PROOF_DPI), the summary made, and the proof PDF written
 * through the output guard into a temporary folder and removed again.
 *
 * Build and run with `make fuzz` (see the Makefile). */
#include "fuzz_common.h"

#include "build.h"
#include "proof.h"

static struct {
	char home[PATH_MAX];
	char old[PATH_MAX];       /* data/brochure.xml */
	char dir[64];             /* private temporary folder */
	char pdf[96];             /* the proof written there */
	FILE *null;               /* the summary goes nowhere */
} fx;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_cleanup(void)
{
	unlink(fx.pdf);
	rmdir(fx.dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_path(fx.home, sizeof fx.home, "");
	fx.home[strlen(fx.home) - 1] = '\0'; /* no trailing slash */
	fuzz_path(fx.old, sizeof fx.old, "data/brochure.xml");
	snprintf(fx.dir, sizeof fx.dir, "/tmp/plaquette-fuzz-XXXXXX");
	fx.null = fopen("/dev/null", "w");
	if (!fx.null || !mkdtemp(fx.dir) || access(fx.old, R_OK) != 0) {
		fprintf(stderr, "fuzz_diff: cannot set up (run from the repository root "
			"or set PLAQUETTE_HOME)\n");
		exit(1);
	}
	snprintf(fx.pdf, sizeof fx.pdf, "%s/proof.pdf", fx.dir);
	atexit(fuzz_cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile(data, size, path, sizeof path);
	struct build_opts bo = { .home = fx.home, .max_pages = 200 };
	struct proof_opts po = { .bo = &bo, .png_dpi = 20 };
	struct msg m;

	if (fd < 0)
		return 0;
	msg_init(&m, getenv("PLAQUETTE_FUZZ_VERBOSE") ? stderr : NULL);
	/* one input in two the other way round: the fuzzed edition as the old */
	if (size % 2)
		proof_run(fx.old, path, fx.pdf, &po, fx.null, &m);
	else
		proof_run(path, fx.old, fx.pdf, &po, fx.null, &m);
	unlink(fx.pdf);
	close(fd);
	return 0;
}
