/* block: turns the document tree into the sequence of blocks to pour.
 *
 * Each block is one paragraph-like thing with its resolved style, its
 * inline text, the keeps and breaks that govern it and where it came from.
 * Cards (cities) form keep-together groups; section titles carry the named
 * destination the Sommaire and outline point to; the Sommaire's entries
 * are blocks whose page numbers flow.c fills in.
 */
#ifndef PLAQUETTE_BLOCK_H
#define PLAQUETTE_BLOCK_H

#include "doc.h"
#include "inl.h"
#include "para.h"
#include "picture.h"
#include "style.h"

enum block_kind {
	BLK_PARA,     /* text set in lines */
	BLK_TOC,      /* a Sommaire entry: text, dot leaders, page number */
	BLK_IMAGE,    /* a picture: an unbreakable box of the size picture_size() gives */
};

struct block {
	enum block_kind kind;
	const struct style *style;
	struct inl inl;            /* text and attributes */
	const struct node *src;    /* the element it came from */
	long line;                 /* its line in the XML (what layout reports) */
	const char *what;          /* its element name ("city", "p"…) for messages */
	int group;                 /* keep-together group (0 = none) */
	const struct style *group_style; /* style of the group (its background) */
	int group_first, group_last; /* first / last block of its group */
	int heading;               /* a title: a page break right after it is not taken */
	const char *tag;           /* PDF structure type: "P", "H1", "H2", "H3", "LI", "TOCI" */
	enum style_break brk;      /* break before this block */
	int share;                 /* its break may open a region of its template on
				    * the page before (style share-page="yes") */
	const char *template_name; /* page template from here on ("" = keep) */
	const char *dest;          /* named destination (an id) at this block, or NULL */
	char *dest_title;          /* outline title of that destination */
	int dest_level;            /* outline level, 0 = none */
	const char *toc_target;    /* BLK_TOC: the id of the section it lists */
	int backcover;             /* part of the back cover (stays last) */
	const char *lang;          /* language of the block */
	struct picture pic;        /* BLK_IMAGE: its placement; pic.image is set by
				    * block_attach_images() */
};

struct block_list {
	struct block *v;
	size_t n, cap;
};

/* Builds the blocks of d with the styles of s.  Reports styles the
 * document needs but the sheet lacks.  Returns 0 or -1. */
int block_build(struct block_list *bl, const struct doc *d, const struct style_sheet *s,
		struct msg *m);
void block_list_done(struct block_list *bl);
/* Points each picture block at its loaded image (NULL: it did not load). */
void block_attach_images(struct block_list *bl, const struct image_set *set);

#endif
