/* main: the command line; runs the stages in order and frees them in
 * reverse.  The only exit(). */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "block.h"
#include "doc.h"
#include "dump.h"
#include "flow.h"
#include "font.h"
#include "para.h"
#include "pdf.h"
#include "post.h"
#include "preflight.h"
#include "style.h"

#define PLAQUETTE_VERSION "0.1"

#ifndef DATADIR
#define DATADIR "/usr/local/share/plaquette"
#endif

enum command { CMD_BUILD, CMD_CHECK, CMD_PREFLIGHT };

/* Everything the command line says. */
struct options {
	enum command cmd;
	const char *input;
	const char *output;       /* NULL = INPUT with .pdf, in the current folder */
	const char *style;        /* NULL = styles/efus.xml of the data folder */
	const char *dump_layout;  /* file for the display-list dump, "-" = stdout */
	const char *dump_text;    /* file for the composed text */
	int debug_boxes;
	int strict;               /* warnings are errors */
	int keep_going;           /* write the PDF even when text could not be placed */
	int quiet;
	int print;                /* press edition: bleed, marks, boxes, PDF/X-4 */
	int marks;                /* -1 = default for the edition */
	double bleed_mm;          /* -1 = the style sheet's */
	const char *output_icc;
	int max_pages;
	char home[PATH_MAX];      /* folder holding schema/, styles/, fonts/ */
};

static void usage(FILE *out)
{
	fputs("usage: plaquette [build] [OPTIONS] INPUT.xml [-o OUTPUT.pdf]\n"
	      "       plaquette check INPUT.xml\n"
	      "       plaquette preflight FILE.pdf\n"
	      "\n"
	      "  -o, --output FILE      where the PDF goes (default: INPUT with .pdf)\n"
	      "  -s, --style FILE       style sheet (default: styles/efus.xml)\n"
	      "      --print            press edition: bleed, crop marks, page boxes, PDF/X-4\n"
	      "      --bleed MM         bleed in millimetres (default: the style sheet's)\n"
	      "      --marks, --no-marks  crop marks on or off\n"
	      "      --output-intent ICC  the printer's CMYK profile for PDF/X\n"
	      "      --debug-boxes      draw frames, columns and baselines\n"
	      "      --dump-layout FILE the display list as text ('-' = standard output)\n"
	      "      --dump-text FILE   the composed text of every paragraph\n"
	      "      --strict           treat warnings as errors\n"
	      "      --keep-going       write the PDF even if some text could not be placed\n"
	      "      --max-pages N      refuse documents longer than N pages (default 2000)\n"
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
	OPT_PRINT, OPT_BLEED, OPT_MARKS, OPT_NO_MARKS, OPT_ICC, OPT_MAX_PAGES,
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "style", required_argument, NULL, 's' },
	{ "print", no_argument, NULL, OPT_PRINT },
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
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Parses argv into o.  Returns 0, 1 when the run is over (help,
 * version) or -1 after a usage message. */
static int parse_args(int argc, char **argv, struct options *o, struct msg *m)
{
	int c;
	char *end;

	*o = (struct options){ .marks = -1, .bleed_mm = -1, .max_pages = 2000 };
	if (argc > 1 && strcmp(argv[1], "build") == 0)
		argv++, argc--;
	else if (argc > 1 && strcmp(argv[1], "check") == 0)
		o->cmd = CMD_CHECK, argv++, argc--;
	else if (argc > 1 && strcmp(argv[1], "preflight") == 0)
		o->cmd = CMD_PREFLIGHT, argv++, argc--;
	while ((c = getopt_long(argc, argv, "o:s:qhV", long_options, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 's': o->style = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h': usage(stdout); return 1;
		case 'V': printf("plaquette %s\n", PLAQUETTE_VERSION); return 1;
		case OPT_PRINT: o->print = 1; break;
		case OPT_MARKS: o->marks = 1; break;
		case OPT_NO_MARKS: o->marks = 0; break;
		case OPT_ICC: o->output_icc = optarg; break;
		case OPT_DEBUG_BOXES: o->debug_boxes = 1; break;
		case OPT_DUMP_LAYOUT: o->dump_layout = optarg; break;
		case OPT_DUMP_TEXT: o->dump_text = optarg; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_KEEP_GOING: o->keep_going = 1; break;
		case OPT_BLEED:
			o->bleed_mm = strtod(optarg, &end);
			if (*end || end == optarg || o->bleed_mm < 0 || o->bleed_mm > 20) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--bleed takes millimetres from 0 to 20");
				return -1;
			}
			break;
		case OPT_MAX_PAGES:
			o->max_pages = (int)strtol(optarg, &end, 10);
			if (*end || o->max_pages < 1 || o->max_pages > 100000) {
				msg_at(m, M_USAGE, NULL, 0, 0, "--max-pages takes a number from 1 to 100000");
				return -1;
			}
			break;
		default:
			msg_at(m, M_USAGE, NULL, 0, 0, "unknown option");
			return -1;
		}
	}
	if (optind != argc - 1) {
		msg_at(m, M_USAGE, NULL, 0, 0, optind >= argc ? "no input file" : "one input file at a time");
		return -1;
	}
	o->input = argv[optind];
	return 0;
}

/* The date written into the PDF: $SOURCE_DATE_EPOCH, else the document's
 * <date>, else the epoch — never the clock, so builds are reproducible. */
static time_t doc_date(const struct doc *d)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	const struct node *dn = doc_child(doc_child(d->root, N_META), N_DATE);
	struct tm tm = { .tm_mday = 1 };
	int y = 1970, mo = 1, day = 1;

	if (env && *env)
		return (time_t)strtoll(env, NULL, 10);
	if (dn && dn->first && dn->first->type == N_TEXT)
		sscanf(dn->first->text, "%d-%d-%d", &y, &mo, &day);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = day;
	return timegm(&tm);
}

/* Every style's font must be among the loaded fonts. */
static int check_fonts(const struct style_sheet *s, const struct font *f, struct msg *m)
{
	int errors = 0;

	for (int i = 0; i < s->nstyles; i++) {
		const char *fam = s->styles[i].family;
		int seen = 0;

		for (int j = 0; j < i; j++)
			seen |= strcmp(s->styles[j].family, fam) == 0;
		if (!seen && !font_has_family(f, fam)) {
			msg_at(m, M_FONT_MISSING, s->file,
			       s->styles[i].font_line ? s->styles[i].font_line : s->styles[i].line, 0, fam,
			       font_families(f));
			errors++;
		}
	}
	return errors;
}

/* Characters the fonts lack, reported once per paragraph with its line. */
static void check_glyphs(const struct block_list *bl, const char *file, struct msg *m)
{
	for (size_t i = 0; i < bl->n; i++) {
		const struct block *k = &bl->v[i];
		gunichar first = 0;

		if (!k->para || !k->para->unknown_glyphs)
			continue;
		for (const char *p = k->inl.text->str; *p && !first; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			if (c > 0x7f && c != 0x2028 && c != 0xa0 && c != 0x202f && c != 0xad)
				first = c; /* a hint: the first non-ASCII character */
		}
		msg_at(m, M_GLYPH_MISSING, file, k->src->line, 0, k->para->unknown_glyphs,
		       k->style->family, first);
	}
}

static FILE *open_dump(const char *path, struct msg *m)
{
	FILE *f;

	if (strcmp(path, "-") == 0)
		return stdout;
	f = fopen(path, "w");
	if (!f)
		msg_at(m, M_WRITE, path, 0, 0, path, strerror(errno));
	return f;
}

static void write_dumps(const struct options *o, const struct layout *l,
			const struct block_list *bl, struct msg *m)
{
	FILE *f;

	if (o->dump_layout && l && (f = open_dump(o->dump_layout, m))) {
		dump_layout(f, l);
		if (f != stdout)
			fclose(f);
	}
	if (o->dump_text && (f = open_dump(o->dump_text, m))) {
		dump_text(f, bl);
		if (f != stdout)
			fclose(f);
	}
}

/* The output path: -o, else INPUT's name with .pdf in the current folder. */
static char *output_path(const struct options *o)
{
	char *in, *base, *dot, *out;

	if (o->output)
		return xstrdup(o->output);
	in = xstrdup(o->input);
	base = basename(in);
	dot = strrchr(base, '.');
	if (dot)
		*dot = '\0';
	out = xmalloc(strlen(base) + 5);
	sprintf(out, "%s.pdf", base);
	free(in);
	return out;
}

/* Draws l into a temporary file beside `out`, post-processes it and
 * renames it over `out`: a failed run leaves no partial file and an
 * earlier PDF untouched. */
static int write_pdf(const struct options *o, const struct layout *l, const struct doc *d,
		     const struct style_sheet *s, const char *out, struct msg *m)
{
	char *dir_buf = xstrdup(out), *tmp;
	const char *dir = dirname(dir_buf);
	int fd, rc = -1;
	int bleed = o->bleed_mm >= 0 ? STYLE_MM(o->bleed_mm) : s->bleed;
	int marks = o->marks >= 0 ? o->marks : o->print;
	struct pdf_opts po = {
		.bleed = o->print || o->bleed_mm >= 0 ? bleed : 0,
		.marks = marks,
		.date = doc_date(d),
		.creator = "plaquette " PLAQUETTE_VERSION,
	};
	struct post_opts pp = {
		.lang = l->lang,
		.title = l->title,
		.date = po.date,
		.producer = "plaquette " PLAQUETTE_VERSION,
		.pdfx4 = o->print,
		.output_icc = o->output_icc,
	};

	po.offset = po.bleed + (marks ? STYLE_MM(10) : 0);
	pp.trim_x = pp.trim_y = (double)po.offset / PANGO_SCALE;
	pp.trim_w = po.offset || o->print ? (double)l->page_w / PANGO_SCALE : 0;
	pp.trim_h = po.offset || o->print ? (double)l->page_h / PANGO_SCALE : 0;
	pp.bleed = (double)po.bleed / PANGO_SCALE;
	tmp = xmalloc(strlen(dir) + 32);
	sprintf(tmp, "%s/.plaquette-XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		msg_at(m, M_WRITE, out, 0, 0, dir, strerror(errno));
		goto out;
	}
	close(fd);
	if (pdf_write(l, tmp, &po, m) < 0 || post_process(tmp, tmp, &pp, m) < 0) {
		unlink(tmp);
		goto out;
	}
	chmod(tmp, 0644 & ~umask(022));
	if (rename(tmp, out) < 0) {
		msg_at(m, M_WRITE, out, 0, 0, out, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(dir_buf);
	return rc;
}

static char *home_path(const struct options *o, const char *rel)
{
	char *p = xmalloc(strlen(o->home) + strlen(rel) + 2);

	sprintf(p, "%s/%s", o->home, rel);
	return p;
}

/* check and build: the pipeline XML → tree → styles → paragraphs → pages → PDF. */
static void run(const struct options *o, struct msg *m)
{
	char *schema = home_path(o, "schema/brochure.rng");
	char *style_schema = home_path(o, "schema/style.rng");
	char *style_file = o->style ? xstrdup(o->style) : home_path(o, "styles/efus.xml");
	char *fonts = home_path(o, "fonts");
	char *out = NULL;
	struct doc *d = NULL;
	struct style_sheet *s = NULL;
	struct font *f = NULL;
	struct para_engine *e = NULL;
	struct block_list bl = { 0 };
	struct layout *l = NULL;
	struct flow_opts fo = { .debug_boxes = o->debug_boxes, .max_pages = o->max_pages };

	d = xml_read(o->input, schema, 0, m);
	if (!d || doc_check(d, m) || o->cmd == CMD_CHECK)
		goto out;
	s = style_load(style_file, style_schema, m);
	if (!s)
		goto out;
	f = font_new(fonts, m);
	if (!f || check_fonts(s, f, m))
		goto out;
	e = para_engine_new(f, m);
	if (block_build(&bl, d, s, m) < 0)
		goto out;
	l = flow_run(d, s, e, &bl, &fo, m);
	check_glyphs(&bl, d->file, m);
	write_dumps(o, l, &bl, m);
	if (!l || (msg_failed(m) && !o->keep_going))
		goto out;
	out = output_path(o);
	write_pdf(o, l, d, s, out, m);
out:
	layout_free(l);
	block_list_done(&bl);
	para_engine_free(e);
	font_free(f);
	style_free(s);
	doc_free(d);
	free(out);
	free(fonts);
	free(style_file);
	free(style_schema);
	free(schema);
}

int main(int argc, char **argv)
{
	struct options o;
	struct msg m;
	int rc;

	msg_init(&m, stderr);
	rc = parse_args(argc, argv, &o, &m);
	if (rc != 0)
		exit(rc > 0 ? 0 : msg_status(&m));
	m.quiet = o.quiet;
	m.werror = o.strict;
	find_home(o.home, sizeof o.home);
	if (o.cmd == CMD_PREFLIGHT)
		preflight_check(o.input, NULL, &m);
	else
		run(&o, &m);
	exit(msg_status(&m));
}
