/* glyphs: every character of the text checked against the loaded fonts. */
#include <string.h>
#include <strings.h>

#include "glyphs.h"

/* At most this many distinct missing characters are named one by one. */
#define GLYPHS_LIST 20
#define GLYPHS_LOW 256 /* code points below this are remembered in an array */

/* A character no loaded font has: where it is first, how often. */
struct glyphs_miss {
	gunichar c;
	const struct block *k;
	int count;
};

static const char *glyphs_elem_name(const struct node *n)
{
	return n->name ? n->name : doc_type_name(n->type);
}

/* The innermost element under n whose text or attribute holds c, and the
 * line of that text or attribute.  0 when c is not in the source (a word
 * the style sheet or the typography added). */
static int glyphs_locate(const struct node *n, gunichar c, const char **elem, long *line)
{
	if (n->type == N_TEXT) {
		if (!n->text || !g_utf8_strchr(n->text, -1, c))
			return 0;
		*elem = n->parent ? glyphs_elem_name(n->parent) : "text";
		*line = n->line;
		return 1;
	}
	for (int i = 0; i < n->nattrs; i++) {
		if (n->attrs[i].value && g_utf8_strchr(n->attrs[i].value, -1, c)) {
			*elem = glyphs_elem_name(n);
			*line = n->attrs[i].line ? n->attrs[i].line : n->line;
			return 1;
		}
	}
	for (const struct node *ch = n->first; ch; ch = ch->next)
		if (glyphs_locate(ch, c, elem, line))
			return 1;
	return 0;
}

/* Adds the characters of k no loaded font has to the misses (whether a
 * font has it does not depend on the block's family: Pango falls back
 * among all loaded fonts).  low (the first GLYPHS_LOW code points, most of
 * a Latin text's) and ok (the others): the characters found covered so
 * far. */
static void glyphs_scan(const struct block *k, const struct font *f, GArray *miss, GHashTable *at,
			unsigned char *low, GHashTable *ok)
{
	if (!k->inl.text)
		return;
	for (const char *p = k->inl.text->str; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		gpointer idx;

		if (c < GLYPHS_LOW ? low[c] : g_hash_table_contains(ok, GUINT_TO_POINTER(c)))
			continue;
		if (font_needs_no_glyph(c) || font_covering(f, "", c)) {
			if (c < GLYPHS_LOW)
				low[c] = 1;
			else
				g_hash_table_add(ok, GUINT_TO_POINTER(c));
			continue;
		}
		if (g_hash_table_lookup_extended(at, GUINT_TO_POINTER(c), NULL, &idx)) {
			g_array_index(miss, struct glyphs_miss, GPOINTER_TO_UINT(idx)).count++;
		} else {
			struct glyphs_miss x = { c, k, 1 };

			g_hash_table_insert(at, GUINT_TO_POINTER(c), GUINT_TO_POINTER(miss->len));
			g_array_append_val(miss, x);
		}
	}
}

int glyphs_check(const struct block_list *bl, const struct font *f, const char *file,
		 int print, struct msg *m)
{
	GArray *miss = g_array_new(FALSE, FALSE, sizeof(struct glyphs_miss));
	GHashTable *at = g_hash_table_new(g_direct_hash, g_direct_equal);
	GHashTable *ok = g_hash_table_new(g_direct_hash, g_direct_equal);
	gunichar cs[GLYPHS_LIST];
	const char *like[GLYPHS_LIST];
	char *sys[GLYPHS_LIST];
	unsigned char low[GLYPHS_LOW] = { 0 };
	size_t n;
	int found;

	for (size_t i = 0; i < bl->n; i++)
		glyphs_scan(&bl->v[i], f, miss, at, low, ok);
	n = miss->len < GLYPHS_LIST ? miss->len : GLYPHS_LIST;
	for (size_t i = 0; i < n; i++) {
		const struct glyphs_miss *x = &g_array_index(miss, struct glyphs_miss, i);

		cs[i] = x->c;
		like[i] = x->k->style ? x->k->style->family : NULL;
	}
	font_system_covering(cs, like, n, sys);
	for (size_t i = 0; i < n; i++) {
		const struct glyphs_miss *x = &g_array_index(miss, struct glyphs_miss, i);
		const char *elem = x->k->what ? x->k->what : "text";
		long line = x->k->line;
		char name[160];
		char *advice = sys[i]
			? g_strdup_printf("the system font %s has it: copy that file into the fonts folder", sys[i])
			: g_strdup("no font on this system has it either: write the text without it, or add a font that has it to the fonts folder");

		if (x->k->src)
			glyphs_locate(x->k->src, x->c, &elem, &line);
		font_char_name(x->c, name, sizeof name);
		msg_at(m, print ? M_GLYPH_NONE : M_GLYPH_NONE_SCREEN, file, line, 0, name, elem,
		       font_dir(f), x->count, advice);
		g_free(advice);
		g_free(sys[i]);
	}
	if (miss->len > n)
		msg_at(m, M_GLYPH_MORE, file, 0, 0, (int)(miss->len - n), font_dir(f));
	found = (int)miss->len;
	g_hash_table_destroy(ok);
	g_hash_table_destroy(at);
	g_array_free(miss, TRUE);
	return found;
}

void glyphs_check_set(const struct block_list *bl, const struct layout *l, const struct font *f,
		      const char *file, struct msg *m)
{
	for (size_t i = 0; l && i < bl->n; i++) {
		const struct block *k = &bl->v[i];
		const struct para *set = layout_para(l, i);
		const char *fam = k->style ? k->style->family : "";
		gunichar first = 0;
		int reported = 0;
		char hint[200] = "";

		if (!set || !set->unknown_glyphs || !k->inl.text)
			continue;
		for (const char *p = k->inl.text->str; *p && !reported; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			if (font_needs_no_glyph(c))
				continue;
			if (!font_covering(f, fam, c))
				reported = 1; /* glyphs_check named it */
			else if (!first && strcasecmp(font_covering(f, fam, c), fam) != 0)
				first = c; /* set from a fallback font: the likely one */
		}
		if (reported)
			continue;
		if (first) {
			char name[160];

			font_char_name(first, name, sizeof name);
			snprintf(hint, sizeof hint, " (perhaps %s, taken from another font)", name);
		}
		msg_at(m, M_GLYPH_MISSING, file, k->line, 0, set->unknown_glyphs,
		       k->what ? k->what : "text", fam, hint);
	}
}
