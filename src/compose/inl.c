/* inl: paragraph text and Pango attributes from inline XML content. */
#include <string.h>

#include "inl.h"
#include "typo.h"

static void inl_attr(struct inl *t, PangoAttribute *a, int start, int end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(t->attrs, a);
}

static PangoAttribute *inl_color_attr(uint32_t c)
{
	return pango_attr_foreground_new((guint16)(((c >> 16) & 0xff) * 257),
					 (guint16)(((c >> 8) & 0xff) * 257),
					 (guint16)((c & 0xff) * 257));
}

void inl_init(struct inl *t, const struct style_sheet *sheet, const struct style *st,
	      const char *lang, const struct typo_rules *rules)
{
	PangoFontDescription *fd = pango_font_description_new();

	memset(t, 0, sizeof *t);
	t->text = g_string_new(NULL);
	t->attrs = pango_attr_list_new();
	t->lang = lang ? lang : "en";
	t->sheet = sheet;
	if (rules && rules->lang && strcmp(rules->lang, t->lang) == 0)
		t->rules = *rules;
	else
		typo_rules_of(&t->rules, sheet, t->lang);
	t->style = st;
	pango_font_description_set_family(fd, st->family);
	pango_font_description_set_weight(fd, (PangoWeight)st->weight);
	pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, st->size);
	inl_attr(t, pango_attr_font_desc_new(fd), 0, G_MAXINT);
	pango_font_description_free(fd);
	inl_attr(t, inl_color_attr(st->color), 0, G_MAXINT);
	inl_attr(t, pango_attr_language_new(pango_language_from_string(t->lang)), 0, G_MAXINT);
	if (st->uppercase)
		inl_attr(t, pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE), 0, G_MAXINT);
	if (st->letter_spacing)
		inl_attr(t, pango_attr_letter_spacing_new(st->letter_spacing), 0, G_MAXINT);
}

void inl_done(struct inl *t)
{
	if (t->text)
		g_string_free(t->text, TRUE);
	if (t->attrs)
		pango_attr_list_unref(t->attrs);
	free(t->links);
	memset(t, 0, sizeof *t);
}

/* Appends s with white space collapsed against what is already there and
 * the typographic rules of the language applied. */
static void inl_append(struct inl *t, const char *s, const char *lang)
{
	const struct typo_rules *r = &t->rules;
	size_t n = strlen(s);

	if (n && s[0] == ' ' && (t->text->len == 0 || t->prev == ' ' || t->prev == 0x2028)) {
		s++;
		n--;
	}
	if (!n)
		return;
	if (lang && strcmp(lang, t->lang) != 0) {
		if (!t->other.lang || strcmp(lang, t->other.lang) != 0)
			typo_rules_of(&t->other, t->sheet, lang);
		r = &t->other;
	}
	typo_append(t->text, s, (int)n, r, &t->prev);
}

void inl_add_text(struct inl *t, const char *s, int weight, int italic, uint32_t color,
		  const char *uri)
{
	int start = (int)t->text->len;

	inl_append(t, s, NULL);
	if ((int)t->text->len == start)
		return;
	if (weight)
		inl_attr(t, pango_attr_weight_new((PangoWeight)weight), start, (int)t->text->len);
	if (italic)
		inl_attr(t, pango_attr_style_new(PANGO_STYLE_ITALIC), start, (int)t->text->len);
	if (color)
		inl_attr(t, inl_color_attr(color), start, (int)t->text->len);
	if (uri)
		inl_add_link(t, start, (int)t->text->len, uri, 0);
}

/* Character style of an inline element from the sheet ("em", "strong",
 * "link", or the paragraph style's own "NAME-link"…), applied over
 * [start, end). */
static void inl_char_style(struct inl *t, const struct node *n, int start, int end)
{
	char own[128];
	const struct style *cs;

	/* "PARAGRAPH-STYLE-link" first: a link on a dark ground needs its own colour */
	snprintf(own, sizeof own, "%s-%s", t->style->name, doc_type_name(n->type));
	cs = style_find(t->sheet, own);
	if (!cs)
		cs = style_find(t->sheet, doc_type_name(n->type));

	if (n->type == N_EM)
		inl_attr(t, pango_attr_style_new(cs && !cs->italic ? PANGO_STYLE_NORMAL
							  : PANGO_STYLE_ITALIC), start, end);
	if (n->type == N_STRONG)
		inl_attr(t, pango_attr_weight_new(cs ? (PangoWeight)cs->weight : PANGO_WEIGHT_BOLD),
			 start, end);
	if (n->type == N_LINK && cs)
		inl_attr(t, inl_color_attr(cs->color), start, end);
}

/* Walks the inline subtree below n.  Recursion depth is bounded by the
 * tree depth limit of xml.c. */
void inl_add_node(struct inl *t, const struct node *n)
{
	for (const struct node *c = n->first; c; c = c->next) {
		int start = (int)t->text->len;

		switch (c->type) {
		case N_TEXT:
			inl_append(t, c->text, c->lang);
			break;
		case N_BR:
			while (t->text->len && t->text->str[t->text->len - 1] == ' ')
				g_string_truncate(t->text, t->text->len - 1);
			g_string_append(t->text, "\xe2\x80\xa8"); /* U+2028: a forced break */
			t->prev = 0x2028;
			break;
		case N_EM:
		case N_STRONG:
		case N_LINK:
			inl_add_node(t, c);
			inl_char_style(t, c, start, (int)t->text->len);
			if (c->type == N_LINK && doc_attr(c, "href"))
				inl_add_link(t, start, (int)t->text->len, doc_attr(c, "href"), 0);
			break;
		default:
			inl_add_node(t, c);
			break;
		}
	}
}

void inl_color_range(struct inl *t, uint32_t color, int start, int end)
{
	inl_attr(t, inl_color_attr(color), start, end);
}

void inl_add_link(struct inl *t, int start, int end, const char *uri, int internal)
{
	if (end <= start)
		return;
	xgrow(&t->links, &t->cap, t->nlinks + 1, sizeof *t->links);
	t->links[t->nlinks++] = (struct inl_link){
		.start = start, .end = end, .uri = uri, .internal = internal,
	};
}

void inl_finish(struct inl *t)
{
	while (t->text->len && t->text->str[t->text->len - 1] == ' ')
		g_string_truncate(t->text, t->text->len - 1);
}
