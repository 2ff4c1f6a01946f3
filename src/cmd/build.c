/* build: one document through every stage, and its PDF editions. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ahead.h"
#include "build.h"
#include "glyphs.h"
#include "pdf.h"
#include "pdfupdate.h"
#include "plugin.h"
#include "post.h"
#include "slots.h"

/* $SOURCE_DATE_EPOCH as a time, or -1 when it is unset or no date
 * (seconds since 1970, before the year 10000). */
time_t build_epoch(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!env || !*env)
		return -1;
	v = strtoll(env, &end, 10);
	return !*end && v >= 0 && v < 253402300800LL ? (time_t)v : -1;
}

/* The document's <date> must be a date a PDF can carry (D:YYYYMMDD…):
 * a year from 1970 to 9999, a month 1-12, a day of that month.  0, or
 * -1 after an error at the date's line. */
static int build_check_date(const struct doc *d, struct msg *m)
{
	const struct node *dn = doc_child(doc_child(d->root, N_META), N_DATE);
	int y = 1970, mo = 1, day = 1, n;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (!dn || !dn->first || dn->first->type != N_TEXT)
		return 0;
	n = sscanf(dn->first->text, "%d-%d-%d", &y, &mo, &day);
	if (n < 1 || y < 1970 || y > 9999 || mo < 1 || mo > 12 || day < 1 || day > days[mo - 1] ||
	    (mo == 2 && day == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))) {
		msg_at(m, M_DATE_RANGE, d->file, dn->line, 0, dn->first->text);
		return -1;
	}
	return 0;
}

/* The date written into the PDF: $SOURCE_DATE_EPOCH, else the document's
 * <date>, else the epoch — never the clock, so builds are reproducible. */
time_t build_date(const struct doc *d)
{
	const struct node *dn = doc_child(doc_child(d->root, N_META), N_DATE);
	struct tm tm = { .tm_mday = 1 };
	int y = 1970, mo = 1, day = 1;

	if (build_epoch() >= 0)
		return build_epoch();
	if (dn && dn->first && dn->first->type == N_TEXT)
		sscanf(dn->first->text, "%d-%d-%d", &y, &mo, &day);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = day;
	return timegm(&tm);
}

/* Every style's font must be a family of the loaded fonts, named whole
 * (not a part of a name), with its regular face: each an error at the
 * style's font= line. */
static int check_fonts(const struct style_sheet *s, const struct font *f, struct msg *m)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int errors = 0;
	long empty_at = 0;

	for (int i = 0; i < s->nstyles; i++) {
		const char *fam = s->styles[i].family;
		long line = s->styles[i].font_line ? s->styles[i].font_line : s->styles[i].line;

		if (!*fam) { /* once per font="" (the styles inheriting it say nothing) */
			if (line != empty_at)
				msg_at(m, M_FONT_EMPTY, s->file, line, 0, s->styles[i].name, font_families(f));
			empty_at = line;
			errors++;
			continue;
		}
		if (g_hash_table_contains(seen, fam))
			continue;
		g_hash_table_add(seen, (gpointer)fam);
		if (!font_has_family(f, fam)) {
			msg_at(m, M_FONT_MISSING, s->file, line, 0, fam, font_families(f));
			errors++;
		} else if (!font_has_regular(f, fam)) {
			msg_at(m, M_FONT_NO_REGULAR, s->file, line, 0, fam);
			errors++;
		}
	}
	g_hash_table_destroy(seen);
	return errors;
}

/* Every placed picture checked as placed (resolution, enlargement, a
 * logo's minimum width) and its effective ppi recorded for the dumps.
 * The size checked is the whole picture's, as drawn: grown into the
 * bleed, and beyond its box for fit="cover". */
static void check_placed(struct layout *l, const struct image_set *set, const char *file,
			 const struct build_opts *o, struct msg *m)
{
	/* like text, no picture is ever dropped quietly */
	for (size_t k = 0; k < set->n; k++) {
		int placed = 0;

		for (int i = 0; i < l->npages && !placed; i++)
			for (size_t j = 0; j < l->pages[i].n && !placed; j++)
				placed = l->pages[i].items[j].kind == DL_IMAGE &&
					 l->pages[i].items[j].image == &set->v[k];
		if (!placed)
			msg_at(m, M_IMAGE_LOST, file, set->v[k].src->line, set->v[k].col,
			       doc_attr(set->v[k].src, "src"));
	}
	for (int i = 0; i < l->npages; i++) {
		for (size_t j = 0; j < l->pages[i].n; j++) {
			struct dl_item *it = &l->pages[i].items[j];
			double r[4], w = it->w, h = it->h;

			if (it->kind != DL_IMAGE || !it->image)
				continue;
			if (it->bleed) {
				w += (it->x <= 0) * l->bleed + (it->x + it->w >= l->page_w) * l->bleed;
				h += (it->y <= 0) * l->bleed + (it->y + it->h >= l->page_h) * l->bleed;
			}
			image_fit_rect(it->image, 0, 0, w, h, it->cover, it->fx, it->fy, r);
			it->ppi = image_check_placed(it->image, r[2] / PANGO_SCALE, r[3] / PANGO_SCALE,
						     (double)it->min_w / PANGO_SCALE, &set->lim, o->print,
						     o->keep_going, file, m);
		}
	}
}

/* With $PLAQUETTE_TIMINGS set, says how long each stage took (a developer
 * aid: make bench gives the figures that count). */
static void build_lap(const char *stage, gint64 *t)
{
	gint64 now = g_get_monotonic_time();

	if (getenv("PLAQUETTE_TIMINGS"))
		fprintf(stderr, "plaquette: timing: %-8s %6.2f ms\n", stage, (now - *t) / 1000.0);
	*t = now;
}

/* The CMYK edition from Cairo's file `tmp` (drawn without links): boxes
 * set and neutral colours made grey, Ghostscript's PDF/X-3 into a scratch
 * file, then dates, Info and /ID made deterministic back into `tmp`.
 * 0, or -1 (reported). */
static int build_cmyk(const struct plugin *pl, const char *tmp, const struct post_opts *pp,
		      gint64 *t, struct msg *m)
{
	struct post_opts pre = *pp, fin = *pp;
	struct out_set *scratch = out_set_new();
	const char *gs_out = out_scratch(scratch, tmp, m);
	int rc = -1;

	pre.gray_neutrals = 1;
	fin.ninks = 0; /* the colours are the press values already */
	pre.to_cmyk = 1; /* the printer's profile, not Ghostscript's default */
	pre.marks = 0; /* drawn after Ghostscript, which would convert /All */
	fin.pdfx3 = 1;
	if (!gs_out)
		goto out;
	if (pl->post_process(tmp, tmp, &pre, m) < 0)
		goto out;
	build_lap("grey", t);
	if (pl->post_cmyk(tmp, gs_out, pp, m) < 0)
		goto out;
	build_lap("gs", t);
	if (pl->post_process(gs_out, tmp, &fin, m) < 0)
		goto out;
	build_lap("post", t);
	rc = 0;
out:
	out_set_free(scratch);
	return rc;
}

/* The sheet's colours that have a press value, as post.c maps them
 * (n of them in *n).  Caller frees. */
static struct ink_named *build_inks(const struct style_sheet *s, int *n)
{
	struct ink_named *k = xcalloc((size_t)s->ninks + 1, sizeof *k);

	*n = 0;
	for (int i = 0; i < s->ninks; i++) {
		const struct style_ink *c = &s->inks[i];
		struct ink_named *e = &k[*n];

		if (!c->has_cmyk)
			continue;
		*e = (struct ink_named){ .rgb = c->rgb, .spot = c->spot, .tint = c->tint,
					 .spot_index = *n };
		memcpy(e->cmyk, c->cmyk, sizeof e->cmyk);
		for (int j = 0; c->spot && j < *n; j++)
			if (k[j].spot && strcmp(k[j].spot, c->spot) == 0) {
				e->spot_index = k[j].spot_index;
				break;
			}
		++*n;
	}
	return k;
}

static char *build_path(const char *home, const char *rel)
{
	char *p = xmalloc(strlen(home) + strlen(rel) + 2);

	sprintf(p, "%s/%s", home, rel);
	return p;
}

/* Draws l into `tmp` (the output guard's temporary file for `out`) and
 * post-processes it there; out_commit() puts it in place. */
int build_write_pdf(const struct build *b, const struct build_edition *o, const char *tmp,
		    const char *out, struct msg *m)
{
	const struct layout *l = b->layout;
	const struct style_sheet *s = b->sheet;
	gint64 t;
	int print = o->print || o->cmyk;
	int bleed = o->bleed_mm >= 0 ? STYLE_MM(o->bleed_mm) : s->bleed;
	int marks = o->marks >= 0 ? o->marks : print;
	struct pdf_opts po = {
		.bleed = print || o->bleed_mm >= 0 ? bleed : 0,
		.marks = marks,
		.tagged = 1,
		.no_links = print, /* PDF/X: no annotation in the printed area */
		/* the screen edition needs no more pixels than this; press keeps all */
		.max_ppi = print ? 0 : b->images.lim.screen_ppi * b->images.lim.screen_factor,
		.date = build_date(b->doc),
		.creator = "plaquette " PLAQUETTE_VERSION,
		.name = out,
	};
	struct post_opts pp = {
		.lang = l->lang,
		.title = l->title,
		.date = po.date,
		.producer = "plaquette " PLAQUETTE_VERSION,
		.pdfx4 = o->print && !o->cmyk,
		.output_icc = o->output_icc,
		.marks = marks,
		.name = out,
	};

	char *icc = o->output_icc ? NULL : build_path(o->home ? o->home : ".", BUILD_DEFAULT_ICC);
	struct ink_named *inks = print ? build_inks(s, &pp.ninks) : NULL;
	const struct plugin *pl = NULL;
	int rc = -1;
	/* the Figures' /Alt, in drawing order (Ghostscript drops the tags) */
	GPtrArray *alts = g_ptr_array_new();

	pp.inks = inks;
	if (icc) {
		pp.output_icc = icc;
		pp.output_condition = BUILD_DEFAULT_CONDITION;
	}
	for (int i = 0; i < l->npages && !o->cmyk; i++)
		for (size_t j = 0; j < l->pages[i].n; j++)
			if (l->pages[i].items[j].kind == DL_IMAGE && l->pages[i].items[j].image &&
			    l->pages[i].items[j].alt)
				g_ptr_array_add(alts, (gpointer)l->pages[i].items[j].alt);
	pp.alts = (const char *const *)alts->pdata;
	pp.nalts = alts->len;
	po.offset = po.bleed + (marks ? STYLE_MM(10) : 0);
	/* the CMYK edition converts its pictures through the printer's profile */
	po.cmyk_icc = o->cmyk ? pp.output_icc : NULL;
	pp.trim_x = pp.trim_y = (double)po.offset / PANGO_SCALE;
	pp.trim_w = (double)l->page_w / PANGO_SCALE;
	pp.trim_h = (double)l->page_h / PANGO_SCALE;
	pp.bleed = (double)po.bleed / PANGO_SCALE;
	/* the press editions (and marks) are rewritten by qpdf, in the plugin:
	 * loaded before anything is drawn, so that a missing one stops at once */
	if (o->cmyk || !pdfupdate_can(&pp)) {
		pl = plugin_get(o->cmyk ? "--cmyk" : o->print ? "--print" : "--marks", m);
		if (!pl)
			goto out;
	}
	t = g_get_monotonic_time();
	if (pdf_write(l, tmp, &po, m) < 0)
		goto out;
	/* the lines are drawn: post-processing (qpdf, Ghostscript) needs the
	 * memory more than they do; the screen edition's update needs none, and
	 * the process ends after it */
	if (o->drop_lines && pl)
		layout_drop_lines(b->layout);
	build_lap("pdf", &t);
	/* the screen edition: an update appended to Cairo's file */
	if (o->cmyk ? build_cmyk(pl, tmp, &pp, &t, m) < 0 :
	    pl ? pl->post_process(tmp, tmp, &pp, m) < 0 : pdfupdate_apply(tmp, &pp, m) < 0)
		goto out;
	if (!o->cmyk)
		build_lap("post", &t);
	rc = 0;
out:
	free(icc);
	g_ptr_array_free(alts, TRUE);
	free(inks);
	return rc;
}

void build_home_inputs(const struct build_opts *o, struct out_set *set)
{
	static const char *const files[] = {
		"schema/brochure.rng", "schema/style.rng", "schema/its-rules.xml",
	};
	char *fonts = build_path(o->home, "fonts");
	DIR *d = opendir(fonts);
	struct dirent *e;

	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *p = build_path(o->home, files[i]);

		out_input(set, p);
		free(p);
	}
	while (d && (e = readdir(d)) != NULL) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = build_path(fonts, e->d_name);
		out_input(set, p); /* whatever it is: out_input stats it */
		free(p);
	}
	if (d)
		closedir(d);
	free(fonts);
}

int build_guard_images(const struct build *b, struct out_set *set, struct msg *m)
{
	for (size_t i = 0; i < b->images.n; i++)
		if (out_input_late(set, b->images.v[i].path, m) < 0)
			return -1; /* told once: nothing is written */
	return 0;
}

char *build_style_path(const struct build_opts *o)
{
	return o->style ? xstrdup(o->style) : build_path(o->home, "styles/efus.xml");
}

/* The text of d's <meta> child of type t, or NULL. */
static const char *build_meta(const struct doc *d, enum node_type t)
{
	const struct node *n = doc_child(doc_child(d->root, N_META), t);

	return n && n->first && n->first->type == N_TEXT ? n->first->text : NULL;
}

void build_layout_info(const struct doc *d, struct layout_info *info)
{
	const char *date = build_meta(d, N_DATE);

	*info = (struct layout_info){
		.file = d->file,
		.lang = d->root->lang,
		.title = build_meta(d, N_TITLE),
		.author = build_meta(d, N_AUTHOR),
		.subject = build_meta(d, N_SUBJECT),
		.keywords = build_meta(d, N_KEYWORDS),
		.date = date ? date : "",
		.page_label = doc_label(d, "page"),
		.page_label_line = doc_label_line(d, "page"),
		.continued_label = doc_label(d, "continued"),
	};
}

/* The style sheet and the fonts, which need nothing of the document (nor
 * each other): each read in a thread of its own while the first reads the
 * document, their messages held and told in the order a single thread
 * would tell them. */
struct build_side {
	const char *style_file, *style_schema, *fonts;
	struct style_sheet *sheet;
	struct font *font;
	struct msg sheet_msg, font_msg;
	GThread *sheet_thread, *font_thread; /* NULL: done in order instead */
};

static gpointer build_side_sheet(gpointer data)
{
	struct build_side *s = data;

	s->sheet = style_load(s->style_file, s->style_schema, &s->sheet_msg);
	return NULL;
}

static gpointer build_side_fonts(gpointer data)
{
	struct build_side *s = data;

	s->font = font_new(s->fonts, &s->font_msg);
	return NULL;
}

/* Starts one side thread with its held sink; NULL (nothing held) when no
 * sink or thread can be had. */
static GThread *build_side_thread(const char *name, GThreadFunc fn, struct build_side *s,
				  struct msg *hold, const struct msg *m)
{
	GThread *t;

	if (msg_hold(hold, m) < 0)
		return NULL;
	t = g_thread_try_new(name, fn, s, NULL);
	if (!t)
		msg_drop(hold);
	return t;
}

/* Starts the side work in two more threads, unless $PLAQUETTE_THREADS is
 * 1 or no thread or held sink can be had: then build_side_join() and
 * build_side_font() do it in order. */
static void build_side_start(struct build_side *s, const struct msg *m)
{
	const char *env = getenv("PLAQUETTE_THREADS");

	s->sheet_thread = s->font_thread = NULL;
	if ((env && strcmp(env, "1") == 0) || xml_init() < 0)
		return;
	s->sheet_thread = build_side_thread("plaquette-sheet", build_side_sheet, s,
					    &s->sheet_msg, m);
	if (s->sheet_thread)
		s->font_thread = build_side_thread("plaquette-fonts", build_side_fonts, s,
						   &s->font_msg, m);
}

/* Waits for whichever side threads still run (their results stay). */
static void build_side_wait(struct build_side *s)
{
	if (s->sheet_thread)
		g_thread_join(s->sheet_thread);
	if (s->font_thread)
		g_thread_join(s->font_thread);
	s->sheet_thread = s->font_thread = NULL;
}

/* The style sheet (waited for, or read now when no thread ran). */
static void build_side_join(struct build_side *s, struct msg *m)
{
	if (!s->sheet_thread) {
		/* in order: messages straight to m */
		s->sheet = style_load(s->style_file, s->style_schema, m);
		return;
	}
	g_thread_join(s->sheet_thread);
	s->sheet_thread = NULL;
	msg_release(m, &s->sheet_msg);
}

/* The fonts, after the pictures (the place their messages have in order;
 * in order, fonts are not read after a bad sheet). */
static struct font *build_side_font(struct build_side *s, struct msg *m)
{
	if (!s->font_thread)
		return s->sheet ? font_new(s->fonts, m) : NULL;
	g_thread_join(s->font_thread);
	s->font_thread = NULL;
	msg_release(m, &s->font_msg);
	return s->font;
}

/* Forgets what the side work made when the build stops before using it. */
static void build_side_drop(struct build_side *s, struct build *b)
{
	int held_sheet = s->sheet_thread != NULL, held_font = s->font_thread != NULL;

	build_side_wait(s);
	if (held_sheet)
		msg_drop(&s->sheet_msg);
	if (held_font)
		msg_drop(&s->font_msg);
	if (s->sheet != b->sheet)
		style_free(s->sheet);
	if (s->font != b->font)
		font_free(s->font);
	s->sheet = NULL;
	s->font = NULL;
}

int build_run(struct build *b, const char *input, const struct build_opts *o, struct msg *m)
{
	gint64 t = g_get_monotonic_time();
	char *schema = build_path(o->home, "schema/brochure.rng");
	char *style_schema = build_path(o->home, "schema/style.rng");
	char *style_file = build_style_path(o);
	char *fonts = build_path(o->home, "fonts");
	struct flow_opts fo = { .debug_boxes = o->debug_boxes, .max_pages = o->max_pages };
	struct layout_info info;
	struct build_side side = { .style_file = style_file, .style_schema = style_schema,
				   .fonts = fonts };
	int rc = -1, xml_ok;
	struct ahead *ahead = NULL;

	memset(b, 0, sizeof *b);
	if (getenv("SOURCE_DATE_EPOCH") && *getenv("SOURCE_DATE_EPOCH") && build_epoch() < 0)
		msg_at(m, M_BAD_EPOCH, NULL, 0, 0, getenv("SOURCE_DATE_EPOCH"));
	/* check reads and checks the style sheet, its images and fonts too */
	build_side_start(&side, m);
	b->doc = xml_read(input, schema, 0, m);
	xml_ok = b->doc && !doc_check(b->doc, m);
	if (xml_ok)
		build_lap("xml", &t);
	xml_ok = xml_ok && build_check_date(b->doc, m) == 0;
	if (xml_ok && o->pseudo > 1.0)
		doc_pseudo(b->doc, o->pseudo);
	if (!xml_ok)
		goto out;
	build_side_join(&side, m);
	b->sheet = side.sheet;
	if (!b->sheet)
		goto out;
	build_lap("style", &t);
	{
		struct image_limits lim;

		image_limits_default(&lim);
		if (image_limits_read(&lim, b->sheet, m) < 0 ||
		    image_load_all(&b->images, b->doc, &lim, m))
			goto out;
	}
	build_lap("images", &t);
	b->font = build_side_font(&side, m);
	if (!b->font || check_fonts(b->sheet, b->font, m))
		goto out;
	build_lap("fonts", &t);
	/* check goes as far as the blocks too: roles, labels, glyph coverage */
	if (block_build(&b->blocks, b->doc, b->sheet, m) < 0)
		goto out;
	/* the paragraphs measured in a second thread while this one goes on */
	if (!o->check_only)
		ahead = ahead_start(&b->blocks, b->font);
	/* before layout: a character no font has is an error for the press */
	if (glyphs_check(&b->blocks, b->font, b->doc->file, o->print, m) && o->print &&
	    !o->keep_going)
		goto out;
	build_lap("blocks", &t);
	if (o->check_only) {
		rc = 0;
		goto out;
	}
	b->engine = para_engine_new(b->font, m);
	para_engine_ahead(b->engine, ahead);
	if (para_engine_use_sheet(b->engine, b->sheet) < 0) /* <language> rules */
		goto out;
	build_lap("engine", &t);
	block_attach_images(&b->blocks, &b->images);
	build_layout_info(b->doc, &info);
	b->layout = flow_run(&info, b->sheet, b->engine, &b->blocks, &fo, m);
	para_engine_ahead(b->engine, NULL);
	ahead_stop(ahead);
	ahead = NULL;
	build_lap("layout", &t);
	if (b->layout) {
		int errors = 0;
		size_t n;
		struct picture *pics = picture_slotted(b->doc, b->sheet, &b->images, &n, &errors, m);

		slot_place(b->layout, b->sheet, pics, n, b->doc->file, m);
		free(pics);
		check_placed(b->layout, &b->images, b->doc->file, o, m);
		build_lap("images", &t);
	}
	glyphs_check_set(&b->blocks, b->layout, b->font, b->doc->file, m);
	rc = b->layout ? 0 : -1;
out:
	if (b->engine)
		para_engine_ahead(b->engine, NULL);
	ahead_stop(ahead);
	build_side_drop(&side, b);
	free(fonts);
	free(style_file);
	free(style_schema);
	free(schema);
	return rc;
}

void build_done(struct build *b)
{
	layout_free(b->layout);
	block_list_done(&b->blocks);
	image_set_done(&b->images);
	para_engine_free(b->engine);
	font_free(b->font);
	style_free(b->sheet);
	doc_free(b->doc);
	memset(b, 0, sizeof *b);
}
