/* font: private fontconfig over the fonts folder and a 72-dpi Pango context. */
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <unicode/uchar.h>

#include "font.h"

struct font {
	FcConfig *config;        /* private: only the fonts folder */
	PangoFontMap *map;       /* PangoCairo font map on that config */
	PangoContext *context;   /* 72 dpi, no hinting, no rounding */
	char *families;          /* comma-separated names, for messages */
	char *dir;               /* the fonts folder */
	FcFontSet *faces;        /* the loaded faces (owned by config) */
};

/* Whether the list ("A, B, C") holds exactly this family, ignoring case:
 * a whole entry, never a part of one ("Arabic" is not "Noto Sans
 * Arabic"), and never the empty name. */
static int font_list_has(const char *list, const char *family)
{
	size_t n = strlen(family);

	if (n == 0)
		return 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");

		if (len == n && strncasecmp(p, family, n) == 0)
			return 1;
		p += len;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

/* Adds every font file of dir to config, one by one: no cache is read or
 * written.  An entry that is no regular file (a FIFO would hang the
 * reading) or that fontconfig cannot read (a truncated file) is skipped
 * with a warning.  Returns how many were added. */
static int font_add_dir(FcConfig *config, const char *dir, struct msg *m)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int added = 0;

	if (!d)
		return 0;
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path;
		struct stat st;

		if (!g_str_has_suffix(name, ".ttf") && !g_str_has_suffix(name, ".otf"))
			continue;
		path = g_build_filename(dir, name, NULL);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			msg_at(m, M_FONT_SKIPPED, path, 0, 0, "it is not a regular file");
		else if (!FcConfigAppFontAddFile(config, (const FcChar8 *)path))
			msg_at(m, M_FONT_SKIPPED, path, 0, 0, "fontconfig cannot read it (damaged or truncated?)");
		else
			added++;
		g_free(path);
	}
	g_dir_close(d);
	return added;
}

/* The fonts of config that match pat, with the properties of os; pat and
 * os are destroyed.  NULL when either is (fontconfig had no memory) or
 * when fontconfig cannot list them. */
static FcFontSet *font_list(FcConfig *config, FcPattern *pat, FcObjectSet *os)
{
	FcFontSet *set = pat && os ? FcFontList(config, pat, os) : NULL;

	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	return set;
}

/* List the families fontconfig found, sorted and unique ("" when none, or
 * when fontconfig cannot list them). */
static char *font_list_families(FcConfig *config)
{
	FcFontSet *set = font_list(config, FcPatternCreate(), FcObjectSetBuild(FC_FAMILY, NULL));
	GString *s = g_string_new(NULL);

	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *fam;

		if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &fam) != FcResultMatch)
			continue;
		if (font_list_has(s->str, (const char *)fam))
			continue;
		if (s->len)
			g_string_append(s, ", ");
		g_string_append(s, (const char *)fam);
	}
	if (set)
		FcFontSetDestroy(set);
	return g_string_free(s, FALSE);
}

/* The Pango side of f: a PangoCairo font map on f's private set-up (made
 * current first when `current`, so that Pango's own thread never loads the
 * system's fontconfig set-up, about 5 ms plaquette never uses) and a
 * 72-dpi context without hinting or rounding.  The reason of a failure in
 * *why. */
static int font_pango(struct font *f, int current, const char **why)
{
	cairo_font_options_t *opts;

	if (current && !FcConfigSetCurrent(f->config)) {
		*why = "fontconfig cannot make the fonts folder's set-up current";
		return -1;
	}
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!f->map) {
		*why = "this Pango has no FreeType font map";
		return -1;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
	f->context = pango_font_map_create_context(f->map);
	opts = cairo_font_options_create();
	if (!f->context || cairo_font_options_status(opts) != CAIRO_STATUS_SUCCESS) {
		cairo_font_options_destroy(opts);
		*why = "out of memory for the font context";
		return -1;
	}
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->context, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_round_glyph_positions(f->context, FALSE);
	return 0;
}

struct font *font_new(const char *dir, struct msg *m)
{
	struct font *f = xcalloc(1, sizeof *f);
	const char *why = NULL;

	f->config = FcConfigCreate();
	if (!f->config || font_add_dir(f->config, dir, m) == 0) {
		msg_at(m, M_FONT_DIR, dir, 0, 0, dir);
		font_free(f);
		return NULL;
	}
	f->dir = xstrdup(dir);
	f->faces = FcConfigGetFonts(f->config, FcSetApplication);
	f->families = font_list_families(f->config);
	if (!*f->families) {
		msg_at(m, M_FONT_DIR, dir, 0, 0, dir);
		font_free(f);
		return NULL;
	}
	if (font_pango(f, 1, &why) < 0) {
		msg_at(m, M_INTERNAL, dir, 0, 0, why);
		font_free(f);
		return NULL;
	}
	return f;
}

struct font *font_twin(const struct font *f)
{
	struct font *t = xcalloc(1, sizeof *t);
	const char *why = NULL;

	t->config = FcConfigReference(f->config);
	t->dir = xstrdup(f->dir);
	t->faces = f->faces;
	t->families = g_strdup(f->families);
	if (!t->config || font_pango(t, 0, &why) < 0) {
		font_free(t);
		return NULL;
	}
	return t;
}

PangoContext *font_ltr_context(const struct font *f)
{
	PangoContext *c = pango_font_map_create_context(f->map);
	const cairo_font_options_t *fo = pango_cairo_context_get_font_options(f->context);

	if (fo)
		pango_cairo_context_set_font_options(c, fo);
	pango_context_set_round_glyph_positions(c, pango_context_get_round_glyph_positions(f->context));
	pango_context_set_base_dir(c, PANGO_DIRECTION_LTR);
	return c;
}

void font_free(struct font *f)
{
	if (!f)
		return;
	if (f->context)
		g_object_unref(f->context);
	if (f->map)
		g_object_unref(f->map);
	if (f->config)
		FcConfigDestroy(f->config);
	g_free(f->families);
	free(f->dir);
	free(f);
}

PangoContext *font_context(const struct font *f)
{
	return f->context;
}

int font_has_family(const struct font *f, const char *family)
{
	return font_list_has(f->families, family);
}

int font_has_regular(const struct font *f, const char *family)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
					FC_WEIGHT, FcTypeInteger, FC_WEIGHT_REGULAR,
					FC_SLANT, FcTypeInteger, FC_SLANT_ROMAN, (char *)NULL);
	FcFontSet *set = font_list(f->config, pat, FcObjectSetBuild(FC_FILE, NULL));
	int found = set && set->nfont > 0;

	if (set)
		FcFontSetDestroy(set);
	return found;
}

const char *font_families(const struct font *f)
{
	return f->families;
}

const char *font_dir(const struct font *f)
{
	return f->dir;
}

int font_needs_no_glyph(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
		return 1;
	case G_UNICODE_SPACE_SEPARATOR:
		return c != 0x1680; /* the Ogham space mark is a visible stroke */
	default:
		return u_hasBinaryProperty((UChar32)c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
	}
}

/* Whether loaded face i has character c; *family gets its family. */
static int font_face_has(const struct font *f, int i, gunichar c, const char **family)
{
	FcCharSet *cs;
	FcChar8 *fam;

	if (FcPatternGetCharSet(f->faces->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch ||
	    FcPatternGetString(f->faces->fonts[i], FC_FAMILY, 0, &fam) != FcResultMatch)
		return 0;
	*family = (const char *)fam;
	return FcCharSetHasChar(cs, c);
}

const char *font_covering(const struct font *f, const char *family, gunichar c)
{
	const char *fam, *other = NULL;

	for (int i = 0; f->faces && i < f->faces->nfont; i++) {
		if (!font_face_has(f, i, c, &fam))
			continue;
		if (strcasecmp(fam, family) == 0)
			return fam;
		if (!other)
			other = fam;
	}
	return other;
}

/* How well face p would stand in for `like` (the text's family): the
 * same family's kin first ("Noto Sans Math" for "Noto Sans"), TrueType or
 * OpenType before other formats, the regular face before the others. */
static int font_score(FcPattern *p, const char *like)
{
	FcChar8 *fam, *format;
	int weight = 0, slant = 0, score = 0;
	size_t word = strcspn(like, " ");

	if (FcPatternGetString(p, FC_FAMILY, 0, &fam) == FcResultMatch && *like) {
		if (strncasecmp((const char *)fam, like, strlen(like)) == 0)
			score += 8;
		else if (strncasecmp((const char *)fam, like, word) == 0)
			score += 4;
	}
	if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
	    (strcmp((const char *)format, "TrueType") == 0 || strcmp((const char *)format, "CFF") == 0))
		score += 2;
	FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
	FcPatternGetInteger(p, FC_SLANT, 0, &slant);
	if (weight == FC_WEIGHT_REGULAR && slant == FC_SLANT_ROMAN)
		score += 1;
	return score;
}

/* The face of `set` to name: the best score, then the first file name (so
 * that the answer does not depend on the cache's order). */
static FcPattern *font_pick(FcFontSet *set, const char *like)
{
	FcPattern *best = NULL;
	int best_score = -1;
	FcChar8 *best_file = NULL;

	for (int i = 0; i < set->nfont; i++) {
		FcChar8 *file;
		int score;

		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		score = font_score(set->fonts[i], like);
		if (score > best_score ||
		    (score == best_score && strcmp((const char *)file, (const char *)best_file) < 0)) {
			best = set->fonts[i];
			best_score = score;
			best_file = file;
		}
	}
	return best;
}

void font_system_covering(const gunichar *cs, const char *const *like, size_t n, char **names)
{
	FcConfig *sys = n ? FcInitLoadConfigAndFonts() : NULL;
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, FC_WEIGHT, FC_SLANT, FC_FONTFORMAT,
					   NULL);

	for (size_t i = 0; i < n; i++) {
		FcPattern *pat = FcPatternCreate();
		FcCharSet *set = FcCharSetCreate();
		FcFontSet *found = NULL;
		FcPattern *pick;
		FcChar8 *fam, *file;

		names[i] = NULL;
		if (sys && pat && set && os && FcCharSetAddChar(set, cs[i]) &&
		    FcPatternAddCharSet(pat, FC_CHARSET, set))
			found = FcFontList(sys, pat, os);
		pick = found ? font_pick(found, like[i] ? like[i] : "") : NULL;
		if (pick && FcPatternGetString(pick, FC_FAMILY, 0, &fam) == FcResultMatch &&
		    FcPatternGetString(pick, FC_FILE, 0, &file) == FcResultMatch)
			names[i] = g_strdup_printf("%s (%s)", (const char *)fam, (const char *)file);
		if (found)
			FcFontSetDestroy(found);
		if (set)
			FcCharSetDestroy(set);
		if (pat)
			FcPatternDestroy(pat);
	}
	if (os)
		FcObjectSetDestroy(os);
	if (sys)
		FcConfigDestroy(sys);
}

void font_char_name(gunichar c, char *buf, size_t size)
{
	char name[128];
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = u_charName((UChar32)c, U_EXTENDED_CHAR_NAME, name, sizeof name, &err);

	if (U_FAILURE(err) || len <= 0 || len >= (int32_t)sizeof name)
		snprintf(buf, size, "U+%04X", (unsigned)c);
	else
		snprintf(buf, size, "U+%04X %s", (unsigned)c, name);
}

/* Pango 1.50 starts two threads for every font pattern it has not met
 * ("[pango] FcFontSetMatch" and "[pango] FcFontSetSort": 92 threads for
 * the brochure's 46 patterns, over both font maps) and the itemizer waits
 * for their results at once.  Their work is run here on the caller's
 * thread instead, before g_thread_new returns: the same fontconfig calls
 * on the same data, so the same fonts, without a thread's start, its
 * scheduling and its end for each.  Any other thread is GLib's
 * g_thread_new's, through g_thread_try_new (which it is made of). */
GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data)
{
	GError *err = NULL;
	GThread *t;

	if (name && strncmp(name, "[pango] FcFontSet", 17) == 0) {
		func(data);
		return g_thread_ref(g_thread_self());
	}
	t = g_thread_try_new(name, func, data, &err);
	if (!t)
		g_error("creating thread '%s': %s", name ? name : "", err->message);
	return t;
}
