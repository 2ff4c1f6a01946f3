/* inl: builds a paragraph's text and attributes from inline content.
 *
 * Walks text, <em>, <strong>, <link> and <br/> under a node, applies the
 * language's typographic rules (typo.c) and collapses white space, giving
 * the UTF-8 text and PangoAttrList that para.c breaks, plus the byte
 * ranges of links.
 */
#ifndef PLAQUETTE_INL_H
#define PLAQUETTE_INL_H

#include <glib.h>
#include <pango/pango.h>

#include "doc.h"
#include "style.h"
#include "typo.h"

struct inl_link {
	int start, end;       /* byte range in the text */
	const char *uri;      /* external address, or an id when internal */
	int internal;         /* uri names a destination in this document */
};

struct inl {
	GString *text;        /* the paragraph text */
	PangoAttrList *attrs; /* fonts, colours, tracking over byte ranges */
	struct inl_link *links;
	size_t nlinks, cap;
	gunichar prev;        /* last character appended (typographic context) */
	const char *lang;     /* language of the paragraph */
	struct typo_rules rules; /* the sheet's typographic rules of `lang` */
	struct typo_rules other; /* …of the last run in another language */
	const struct style_sheet *sheet;
	const struct style *style; /* the paragraph style */
};

/* Start an empty paragraph in style st (its font and colour cover it all).
 * rules: the sheet's typographic rules of lang (typo_rules_of) when the
 * caller has them already, else NULL (they are looked up). */
void inl_init(struct inl *t, const struct style_sheet *sheet, const struct style *st,
	      const char *lang, const struct typo_rules *rules);
void inl_done(struct inl *t);

/* Append the inline content below n (not n's own attributes). */
void inl_add_node(struct inl *t, const struct node *n);
/* Append a literal run.  weight 0 keeps the paragraph's; color 0 keeps it
 * (use 0x000001 for black). uri non-NULL makes the run a link. */
void inl_add_text(struct inl *t, const char *s, int weight, int italic, uint32_t color,
		  const char *uri);
/* Colour [start, end) of the text. */
void inl_color_range(struct inl *t, uint32_t color, int start, int end);
/* Record [start, end) as a link to uri (internal = 1: to the named
 * destination uri, written "#uri"). */
void inl_add_link(struct inl *t, int start, int end, const char *uri, int internal);
/* Trim a trailing space; call once when the paragraph is complete. */
void inl_finish(struct inl *t);

#endif
