/* main: the command line; runs the stages in order and frees them in
 * reverse.  The only exit(). */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "dump.h"
#include "fit.h"
#include "parity.h"
#include "plugin.h"
#include "preflight.h"
#include "preview.h"
#include "proof.h"
#include "report.h"
#include "watch.h"
#include "xliff.h"
#include "outfile.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/plaquette"
#endif

enum command { CMD_BUILD, CMD_CHECK, CMD_PREFLIGHT, CMD_DIFF };

/* Everything the command line says. */
struct options {
	enum command cmd;
	const char *input;
	const char *output;       /* NULL = INPUT with .pdf, in the current folder */
	const char *style;        /* NULL = styles/efus.xml of the data folder */
	const char *dump_layout;  /* file for the display-list dump, "-" = stdout */
	const char *dump_text;    /* file for the composed text */
	int debug_boxes;
	int report;               /* print the typographic report */
	int strict;               /* warnings are errors */
	int keep_going;           /* write the PDF even when text could not be placed */
	int quiet;
	int print;                /* press edition: bleed, marks, boxes, PDF/X-4 */
	int cmyk;                 /* CMYK press edition: PDF/X-3 through Ghostscript */
	int marks;                /* -1 = default for the edition */
	double bleed_mm;          /* -1 = the style sheet's */
	const char *output_icc;
	int max_pages;
	double pseudo;            /* --pseudo FACTOR, 0 = off */
	const char *against;      /* the source edition (check, build); OLD for diff */
	int fit_report;           /* print the fit report after the build */
	const char *png_dir;      /* also write PNG previews (or the proof's pages) here */
	double png_dpi;           /* their resolution */
	int watch;                /* rebuild on every change of the input or style sheet */
	int watch_count;          /* stop watching after this many rebuilds, 0 = never */
	double max_ink;           /* preflight: total ink allowed, %; 0 = the default */
	char home[PATH_MAX];      /* folder holding schema/, styles/, fonts/ */
};

static void usage(FILE *out)
{
	fputs("usage: plaquette [build] [OPTIONS] INPUT.xml [-o OUTPUT.pdf]\n"
	      "       plaquette check INPUT.xml\n"
	      "       plaquette check --against SOURCE.xml TRANSLATION.xml\n"
	      "       plaquette preflight [--cmyk] [--max-ink PCT] FILE.pdf\n"
	      "       plaquette jobsheet FILE.pdf [-o SHEET.txt|SHEET.json] [--json]\n"
	      "       plaquette booklet FILE.pdf -o PROOF.pdf [--sheet a3|a4] [--creep MM] [--safe-zone MM]\n"
	      "       plaquette diff OLD.xml NEW.xml [-o PROOF.pdf] [--png DIR]\n"
	      "       plaquette xliff export [--target-lang LANG] [--xliff 2.1|1.2] [--copy-source] SOURCE.xml -o FILE.xlf\n"
	      "       plaquette xliff import [--source SOURCE.xml] FILE.xlf -o brochure.LANG.xml\n"
	      "\n"
	      "  -o, --output FILE      where the PDF goes (default: INPUT with .pdf)\n"
	      "  -s, --style FILE       style sheet (default: styles/efus.xml)\n"
	      "      --print            press edition: bleed, crop marks, page boxes, PDF/X-4\n"
	      "      --cmyk             CMYK press edition: as --print, but CMYK PDF/X-3 (Ghostscript);\n"
	      "                         preflight: CMYK required, any RGB or Lab object is an error\n"
	      "      --bleed MM         bleed in millimetres (default: the style sheet's)\n"
	      "      --marks, --no-marks  crop marks on or off\n"
	      "      --output-intent ICC  the printer's CMYK profile for PDF/X\n"
	      "      --debug-boxes      draw frames, columns and baselines\n"
	      "      --dump-layout FILE the display list as text ('-' = standard output)\n"
	      "      --dump-text FILE   the composed text of every paragraph\n"
	      "      --report           print the typographic report (lines, hyphens, ratios…)\n"
	      "      --strict           treat warnings as errors\n"
	      "      --keep-going       write the PDF even if some text could not be placed\n"
	      "      --max-pages N      refuse documents longer than N pages (default 2000)\n"
	      "      --pseudo FACTOR    pseudo-translate: every text FACTOR times longer (e.g. 1.4)\n"
	      "      --against SOURCE   check: compare with the source edition; build: compare page counts\n"
	      "      --fit-report       how the text fits: pages, nearly empty pages, split cards\n"
	      "      --png DIR          also write DIR/page-01.png..., DIR/spread-02-03.png... and DIR/contact.png\n"
	      "      --png-dpi N        resolution of those images (default 60)\n"
	      "      --watch            rebuild whenever the input or the style sheet changes\n"
	      "      --watch-count N    stop after N rebuilds (for tests)\n"
	      "      --max-ink PCT      preflight: total ink allowed (default 300)\n"
	      "  -q, --quiet            no notes\n"
	      "  -h, --help             this help\n"
	      "  -V, --version          the version\n"
	      "\n"
	      "Exit status: 0 done, 1 errors in the input, 2 usage, 3 I/O or internal error.\n",
	      out);
}

/* Whether dir holds plaquette's data (schema/, styles/, fonts/). */
static int is_home(const char *dir)
{
	char probe[PATH_MAX + 32];

	snprintf(probe, sizeof probe, "%s/schema/brochure.rng", dir);
	return access(probe, R_OK) == 0;
}

/* The folder with schema/, styles/ and fonts/: $PLAQUETTE_HOME, else the
 * executable's folder or its parent when it holds them (a build tree),
 * else DATADIR.  Named relative to the current folder when it is that
 * folder, so messages show short paths. */
static void find_home(char *home, size_t size)
{
	const char *env = getenv("PLAQUETTE_HOME");
	char exe[PATH_MAX], cwd[PATH_MAX];
	ssize_t n;

	if (env && *env) {
		snprintf(home, size, "%s", env);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *dir;

		exe[n] = '\0';
		dir = dirname(exe);
		for (int up = 0; up < 2; up++) {
			if (is_home(dir)) {
				if (getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0)
					snprintf(home, size, ".");
				else
					snprintf(home, size, "%s", dir);
				return;
			}
			dir = dirname(dir);
		}
	}
	snprintf(home, size, "%s", DATADIR);
}

enum {
	OPT_DEBUG_BOXES = 256, OPT_DUMP_LAYOUT, OPT_DUMP_TEXT, OPT_STRICT, OPT_KEEP_GOING,
	OPT_PRINT, OPT_BLEED, OPT_MARKS, OPT_NO_MARKS, OPT_ICC, OPT_MAX_PAGES, OPT_PSEUDO, OPT_REPORT,
	OPT_AGAINST, OPT_FIT_REPORT, OPT_PNG, OPT_PNG_DPI, OPT_WATCH, OPT_WATCH_COUNT,
	OPT_CMYK, OPT_MAX_INK,
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "style", required_argument, NULL, 's' },
	{ "print", no_argument, NULL, OPT_PRINT },
	{ "cmyk", no_argument, NULL, OPT_CMYK },
	{ "bleed", required_argument, NULL, OPT_BLEED },
	{ "marks", no_argument, NULL, OPT_MARKS },
	{ "no-marks", no_argument, NULL, OPT_NO_MARKS },
	{ "output-intent", required_argument, NULL, OPT_ICC },
	{ "debug-boxes", no_argument, NULL, OPT_DEBUG_BOXES },
	{ "dump-layout", required_argument, NULL, OPT_DUMP_LAYOUT },
	{ "dump-text", required_argument, NULL, OPT_DUMP_TEXT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
	{ "max-pages", required_argument, NULL, OPT_MAX_PAGES },
	{ "pseudo", required_argument, NULL, OPT_PSEUDO },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "against", required_argument, NULL, OPT_AGAINST },
	{ "fit-report", no_argument, NULL, OPT_FIT_REPORT },
	{ "png", required_argument, NULL, OPT_PNG },
	{ "png-dpi", required_argument, NULL, OPT_PNG_DPI },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "watch-count", required_argument, NULL, OPT_WATCH_COUNT },
	{ "max-ink", required_argument, NULL, OPT_MAX_INK },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* A number from the command line, strictly: all of `arg`, finite, no
 * sign of overflow, within [lo, hi] ("nan", "inf", "1e999", "3x" and ""
 * are refused).  0, or -1. */
static int opt_number(const char *arg, double lo, double hi, double *out)
{
	char *end;
	double v;

	if (!*arg || strspn(arg, "0123456789.eE+-") != strlen(arg))
		return -1; /* decimal only: no spaces, no "0x10", no "nan" */
	errno = 0;
	v = strtod(arg, &end);
	if (*end || errno == ERANGE || !isfinite(v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* A whole number, strictly (no "4294967297" wrapping to 1, no "2.5"). */
static int opt_whole(const char *arg, long lo, long hi, int *out)
{
	char *end;
	long v;

	if (!*arg || strspn(arg, "0123456789+-") != strlen(arg))
		return -1;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (*end || errno == ERANGE || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static const char *const commands[] = { "build", "check", "diff", "preflight", "jobsheet", "booklet" };

/* Levenshtein distance of two short words (at most 31 letters). */
static int edit_distance(const char *a, const char *b)
{
	int d[32][32];
	int la = (int)strlen(a), lb = (int)strlen(b);

	if (la > 31 || lb > 31)
		return 99;
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;

			d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

/* A first argument that is no command, no option and no file, and looks
 * like a word: a mistyped command ("chek").  Returns the closest command
 * to suggest, or NULL when it may be an input file. */
static const char *mistyped_command(const char *arg)
{
	const char *best = NULL;
	int bestd = 99;

	if (!*arg || *arg == '-' || strchr(arg, '.') || strchr(arg, '/') || access(arg, F_OK) == 0)
		return NULL;
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		int dist = edit_distance(arg, commands[i]);

		if (dist == 0)
			return NULL; /* the command itself */
		if (dist < bestd)
			bestd = dist, best = commands[i];
	}
	return bestd <= 3 ? best : NULL; /* else a file name, reported as missing */
}

/* Parses argv into o.  Returns 0, 1 when the run is over (help,
 * version) or -1 after a usage message. */
static int parse_args(int argc, char **argv, struct options *o, struct msg *m)
{
	int c;
	const char *typo;

	*o = (struct options){ .marks = -1, .bleed_mm = -1, .max_pages = 2000,
			       .png_dpi = PREVIEW_DPI };
	opterr = 0; /* our own messages, through msg.def */
	if (argc > 1 && (typo = mistyped_command(argv[1])) != NULL) {
		msg_at(m, M_USAGE_COMMAND, NULL, 0, 0, argv[1], typo);
		return -1;
	}
	if (argc > 1 && strcmp(argv[1], "build") == 0)
		argv++, argc--;
	else if (argc > 1 && strcmp(argv[1], "check") == 0)
		o->cmd = CMD_CHECK, argv++, argc--;
	else if (argc > 1 && strcmp(argv[1], "preflight") == 0)
		o->cmd = CMD_PREFLIGHT, argv++, argc--;
	else if (argc > 1 && strcmp(argv[1], "diff") == 0)
		o->cmd = CMD_DIFF, argv++, argc--;
	while ((c = getopt_long(argc, argv, "o:s:qhV", long_options, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 's': o->style = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h': usage(stdout); return 1;
		case 'V': printf("plaquette %s\n", PLAQUETTE_VERSION); return 1;
		case OPT_PRINT: o->print = 1; break;
		case OPT_CMYK: o->cmyk = 1; break;
		case OPT_MARKS: o->marks = 1; break;
		case OPT_NO_MARKS: o->marks = 0; break;
		case OPT_ICC: o->output_icc = optarg; break;
		case OPT_DEBUG_BOXES: o->debug_boxes = 1; break;
		case OPT_REPORT: o->report = 1; break;
		case OPT_DUMP_LAYOUT: o->dump_layout = optarg; break;
		case OPT_DUMP_TEXT: o->dump_text = optarg; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_KEEP_GOING: o->keep_going = 1; break;
		case OPT_BLEED:
			if (opt_number(optarg, 0, 20, &o->bleed_mm) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--bleed takes millimetres from 0 to 20");
				return -1;
			}
			break;
		case OPT_PSEUDO:
			if (opt_number(optarg, 1.0, 3.0, &o->pseudo) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--pseudo takes a factor from 1 to 3, e.g. 1.4");
				return -1;
			}
			break;
		case OPT_AGAINST: o->against = optarg; break;
		case OPT_FIT_REPORT: o->fit_report = 1; break;
		case OPT_PNG: o->png_dir = optarg; break;
		case OPT_WATCH: o->watch = 1; break;
		case OPT_PNG_DPI:
			if (opt_number(optarg, 10, 300, &o->png_dpi) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--png-dpi takes a resolution from 10 to 300");
				return -1;
			}
			break;
		case OPT_WATCH_COUNT:
			if (opt_whole(optarg, 1, 1000000, &o->watch_count) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--watch-count takes a number from 1 to 1000000");
				return -1;
			}
			o->watch = 1;
			break;
		case OPT_MAX_INK:
			if (opt_number(optarg, 100, 400, &o->max_ink) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--max-ink takes a total ink in % from 100 to 400, e.g. 300");
				return -1;
			}
			break;
		case OPT_MAX_PAGES:
			if (opt_whole(optarg, 1, 100000, &o->max_pages) < 0) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--max-pages takes a number from 1 to 100000");
				return -1;
			}
			break;
		default: {
			char what[160];

			snprintf(what, sizeof what, "unknown option, or an option without its value: '%.100s'",
				 argv[optind - 1]);
			msg_at(m, M_USAGE, NULL, 0, 0, what);
			return -1;
		}
		}
	}
	if (o->cmd == CMD_DIFF) {
		if (optind != argc - 2) {
			msg_at(m, M_USAGE, NULL, 0, 0, "diff takes two files: OLD.xml NEW.xml");
			return -1;
		}
		o->against = argv[optind++];
	}
	if (optind != argc - 1) {
		msg_at(m, M_USAGE, NULL, 0, 0, optind >= argc ? "no input file" : "one input file at a time");
		return -1;
	}
	o->input = argv[optind];
	return 0;
}

/* Claims an output given on the command line (NULL: none asked). */
static int claim(struct out_set *set, const char *path, struct msg *m)
{
	return !path || out_claim(set, path, m) ? 0 : -1;
}

/* The dumps, each through the output guard (claimed by run()). */
static void write_dumps(const struct options *o, struct out_set *set, const struct layout *l,
			const struct block_list *bl, struct msg *m)
{
	FILE *f;

	if (o->dump_layout && l && (f = out_open(set, o->dump_layout, m))) {
		dump_layout(f, l);
		out_close(set, o->dump_layout, f, m);
	}
	if (o->dump_text && (f = out_open(set, o->dump_text, m))) {
		dump_text(f, bl);
		out_close(set, o->dump_text, f, m);
	}
}

/* What every command reads, so that no output replaces it. */
static void register_inputs(const struct options *o, struct out_set *set)
{
	struct build_opts bo = { .home = o->home, .style = o->style };
	char *style = build_style_path(&bo);

	out_input(set, o->input);
	out_input(set, o->against);
	out_input(set, style);
	out_input(set, o->output_icc);
	build_home_inputs(&bo, set);
	free(style);
}

/* The output path: -o, else INPUT's name with `suffix` (".pdf") in the
 * current folder. */
static char *output_path(const struct options *o, const char *suffix)
{
	char *in, *base, *dot, *out;

	if (o->output)
		return xstrdup(o->output);
	if (strcmp(o->input, "-") == 0)
		return xstrdup("-"); /* from standard input to standard output */
	in = xstrdup(o->input);
	base = basename(in);
	dot = strrchr(base, '.');
	if (dot)
		*dot = '\0';
	out = xmalloc(strlen(base) + strlen(suffix) + 1);
	sprintf(out, "%s%s", base, suffix);
	free(in);
	return out;
}

/* Whether the last build's memory is given back before the process ends:
 * only in the leak-check builds (make asan: -DPLAQUETTE_FREE_AT_EXIT), which
 * check that every part is freed; elsewhere the process's end gives it all
 * back at once, and the build stays reachable from main() (valgrind and
 * LeakSanitizer see no leak). */
#ifdef PLAQUETTE_FREE_AT_EXIT
enum { FREE_AT_EXIT = 1 };
#else
enum { FREE_AT_EXIT = 0 };
#endif

/* check and build: the pipeline, then the dumps, the PDF, the fit report
 * and the previews, every output through one output guard and committed
 * together, into *bp (freed unless `last`: the process ends after it).
 * Returns the number of pages laid out (0 = none). */
static int run(const struct options *o, struct build *bp, int last, struct msg *m)
{
	struct build b;
	struct build_opts bo = {
		.home = o->home, .style = o->style, .debug_boxes = o->debug_boxes,
		.max_pages = o->max_pages, .pseudo = o->pseudo, .check_only = o->cmd == CMD_CHECK,
		.print = o->print || o->cmyk, .keep_going = o->keep_going,
	};
	struct build_edition ed = {
		.print = o->print, .marks = o->marks, .bleed_mm = o->bleed_mm,
		.output_icc = o->output_icc, .cmyk = o->cmyk, .home = o->home,
		.drop_lines = !o->png_dir, /* the previews draw the layout after the PDF */
	};
	struct fit_opts fo = { .detail = o->fit_report, .against = o->against, .bo = &bo };
	struct out_set *set = out_set_new();
	char *out = o->cmd == CMD_CHECK ? NULL : output_path(o, ".pdf");
	const char *tmp = NULL;
	int pages = 0, built;

	register_inputs(o, set);
	/* every output is claimed before the work: a refused one costs nothing */
	if ((out && !(tmp = out_claim(set, out, m))) || claim(set, o->dump_layout, m) < 0 ||
	    claim(set, o->dump_text, m) < 0) {
		out_set_free(set);
		free(out);
		return 0;
	}
	built = build_run(&b, o->input, &bo, m) == 0;
	build_guard_images(&b, set, m); /* known only now: none may be an output */
	if (built || b.layout)
		write_dumps(o, set, b.layout, &b.blocks, m);
	if (o->report && b.layout) {
		struct report r;

		report_make(&r, &b.blocks, b.layout);
		r.hyph_ms = para_engine_hyph_ms(b.engine);
		report_print(stdout, o->input, &r);
	}
	if (out && b.layout && (!msg_failed(m) || o->keep_going) &&
	    build_write_pdf(&b, &ed, tmp, out, m) == 0)
		out_done(set, out);
	if (o->fit_report || o->against) /* it prints nothing else */
		fit_report(&b, &fo, m);
	if (o->png_dir && b.layout && (!msg_failed(m) || o->keep_going))
		preview_write(&b, set, o->png_dir, o->png_dpi, m);
	if ((!msg_failed(m) || o->keep_going) && msg_status(m) < 3)
		out_commit(set, m);
	pages = b.layout ? b.layout->npages : 0;
	if (last && !FREE_AT_EXIT)
		*bp = b;
	else
		build_done(&b);
	out_set_free(set);
	free(out);
	return pages;
}

/* check --against: both editions read and checked, then compared. */
static void run_parity(const struct options *o, struct msg *m)
{
	struct build src, tr;
	struct build_opts bo = { .home = o->home, .style = o->style, .check_only = 1 };

	build_run(&src, o->against, &bo, m);
	build_run(&tr, o->input, &bo, m);
	if (src.doc && tr.doc && !msg_failed(m))
		parity_check(src.doc, tr.doc, NULL, m);
	build_done(&tr);
	build_done(&src);
}

/* diff OLD NEW: the proof PDF, its summary on standard output. */
static void run_diff(const struct options *o, struct msg *m)
{
	struct build_opts bo = {
		.home = o->home, .style = o->style, .max_pages = o->max_pages, .pseudo = o->pseudo,
	};
	struct proof_opts po = { .bo = &bo, .png_dir = o->png_dir, .png_dpi = o->png_dpi };
	char *out = output_path(o, "-proof.pdf");

	proof_run(o->against, o->input, out, &po, stdout, m);
	free(out);
}

/* One build for watch_run(). */
static int run_watched(void *arg, struct msg *m)
{
	struct build b;

	return run(arg, &b, 0, m);
}

/* --watch: run() again on every change of the input, the style sheet or
 * the source edition. */
static void run_watch(const struct options *o, struct msg *m)
{
	struct build_opts bo = { .home = o->home, .style = o->style };
	char *style = build_style_path(&bo);
	char *out = output_path(o, ".pdf");
	struct watch_opts wo = {
		.files = { o->input, style }, .nfiles = 2, .output = out, .count = o->watch_count,
	};

	if (o->against)
		wo.files[wo.nfiles++] = o->against;
	watch_run(&wo, run_watched, (void *)o, m);
	free(out);
	free(style);
}

int main(int argc, char **argv)
{
	struct options o;
	struct msg m;
	struct build b; /* the last build, kept until the process ends */
	const struct plugin *pl;
	int rc;

	msg_init(&m, stderr);
	if (argc > 1 && strcmp(argv[1], "xliff") == 0) {
		find_home(o.home, sizeof o.home);
		out_catch_signals();
		xliff_main(argc - 1, argv + 1, o.home, &m);
		exit(msg_status(&m));
	}
	if (argc > 1 && strcmp(argv[1], "booklet") == 0) {
		out_catch_signals();
		if ((pl = plugin_get("booklet", &m)))
			pl->booklet_main(argc - 1, argv + 1, &m);
		exit(msg_status(&m));
	}
	if (argc > 1 && strcmp(argv[1], "jobsheet") == 0) {
		find_home(o.home, sizeof o.home);
		out_catch_signals();
		if ((pl = plugin_get("jobsheet", &m)))
			pl->jobsheet_main(argc - 1, argv + 1, o.home, &m);
		exit(msg_status(&m));
	}
	rc = parse_args(argc, argv, &o, &m);
	if (rc != 0)
		exit(rc > 0 ? 0 : msg_status(&m));
	m.quiet = o.quiet;
	m.werror = o.strict;
	find_home(o.home, sizeof o.home);
	out_catch_signals();
	if (o.cmd == CMD_PREFLIGHT) {
		if ((pl = plugin_get("preflight", &m)))
			pl->preflight_check(o.input, &(struct preflight_opts){ .cmyk = o.cmyk,
					    .max_ink = o.max_ink }, &m);
	}
	else if (o.cmd == CMD_CHECK && o.against)
		run_parity(&o, &m);
	else if (o.cmd == CMD_DIFF)
		run_diff(&o, &m);
	else if (o.watch && o.cmd == CMD_BUILD)
		run_watch(&o, &m);
	else
		run(&o, &b, 1, &m);
	exit(msg_status(&m));
}
