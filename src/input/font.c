/* font: private fontconfig over the fonts folder and a 72-dpi Pango context. */
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "font.h"

struct font {
	FcConfig *config;        /* private: only the fonts folder */
	PangoFontMap *map;       /* PangoCairo font map on that config */
	PangoContext *context;   /* 72 dpi, no hinting, no rounding */
	char *families;          /* comma-separated names, for messages */
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

/* List the families fontconfig found, sorted and unique. */
static char *font_list_families(FcConfig *config)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
	FcFontSet *set = FcFontList(config, pat, os);
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
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return g_string_free(s, FALSE);
}

struct font *font_new(const char *dir, struct msg *m)
{
	struct font *f = xcalloc(1, sizeof *f);
	cairo_font_options_t *opts;

	f->config = FcConfigCreate();
	if (!f->config || font_add_dir(f->config, dir, m) == 0) {
		msg_at(m, M_FONT_DIR, dir, 0, 0, dir);
		font_free(f);
		return NULL;
	}
	f->families = font_list_families(f->config);
	if (!*f->families) {
		msg_at(m, M_FONT_DIR, dir, 0, 0, dir);
		font_free(f);
		return NULL;
	}
	/* Make the private set-up current before Pango creates its font map:
	 * otherwise Pango's own thread loads the system's fontconfig set-up
	 * (about 5 ms), which plaquette never uses. */
	if (!FcConfigSetCurrent(f->config)) {
		msg_at(m, M_FONT_DIR, dir, 0, 0, dir);
		font_free(f);
		return NULL;
	}
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
	f->context = pango_font_map_create_context(f->map);
	opts = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->context, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_round_glyph_positions(f->context, FALSE);
	return f;
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
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, NULL);
	FcFontSet *set = pat && os ? FcFontList(f->config, pat, os) : NULL;
	int found = set && set->nfont > 0;

	if (set)
		FcFontSetDestroy(set);
	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	return found;
}

const char *font_families(const struct font *f)
{
	return f->families;
}
