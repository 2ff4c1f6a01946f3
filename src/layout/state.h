/* state: what one layout run carries, shared by the layout's parts.
 *
 * struct flow is the pour's position (page, column, height used) and the
 * passes' bookkeeping; it holds no frame: every function that sets or
 * places lines is given the frame (struct frame, frame.h) it works in.
 * struct flow_priv is what the layout owns besides its pages.
 */
#ifndef PLAQUETTE_LAYOUT_STATE_H
#define PLAQUETTE_LAYOUT_STATE_H

#include <glib.h>

#include "flow.h"

/* Where content started on a page: block, line, and the page's item
 * count before it. */
struct flow_mark {
	size_t block, items;
	int line;
};

/* A page the pour has left: where its content started (its top) and
 * where its last region started (the same when it has one region). */
struct flow_left {
	struct flow_mark top, region;
};

/* How a block with a break starts when a balancing chose it for the rest
 * of the pass (struct flow_priv start_at). */
enum flow_start {
	FLOW_START_MEASURED, /* as pour_break measures it */
	FLOW_START_PAGE,     /* a page starts there (bal_push) */
	FLOW_START_SHARE,    /* it opens a region on the page before when its
			      * head fits there (bal_pull) */
};

/* What the layout owns besides its pages; lives as long as the layout. */
struct flow_priv {
	GHashTable *small;              /* key string -> struct furn_small (furniture.c) */
	struct para **set;              /* per block: its paragraph as last set, */
	int *set_w;                     /* at this measure */
	size_t nset;
	GPtrArray *retired;             /* paragraphs set again at another width: items
					 * placed earlier may still point into them */
	struct flow_left *left;         /* per page left (index = number - 1), */
	size_t nleft;                   /* room for this many (three-page balancing) */
	unsigned char *start_at;        /* per block: how it starts whatever pour_break
					 * would measure (enum flow_start: bal_push,
					 * bal_pull), for the rest of the pass */
	int *pic_cap;                   /* per block: > 0, the most height a picture is
					 * set at, for the rest of the pass (bal_pull:
					 * smaller so that a section shares its page) */
	int *pic_fit;                   /* per block: > 0, the height a picture is set
					 * at, smaller than its own to stay where it
					 * stands (shrink-to-fill, pour_shrink_to_fill) */
};

/* The most cards of one column a stack bottom-aligns (group.c). */
#define FLOW_STACK_MAX 32

/* The whole cards placed one after the other in the current column, so
 * that the column's foot can be reached by spreading them (group.c). */
struct flow_stack {
	int page, col;                  /* where: page number (0 = no stack) and column */
	int n;                          /* how many cards */
	size_t item[FLOW_STACK_MAX];    /* each card's first item on the page */
	size_t end;                     /* the page's item count after the last card */
	int y;                          /* the column's used height after the last card */
	int foot;                       /* the used height at the last card's ground's foot */
	int max;                        /* the most extra space a gap may take */
	int step;                       /* extra space goes in whole steps of this */
};

/* The state of one pour. */
struct flow {
	const struct layout_info *info;
	const struct style_sheet *sheet;
	struct para_engine *eng;
	const struct block_list *bl;
	const struct flow_opts *opts;
	struct msg *m;
	struct layout *lay;
	const struct style_template *tpl; /* template of the current page */
	int col;                          /* current column */
	int y;                            /* used height of the current column */
	int col_empty;                    /* nothing placed in this column yet */
	int page_body;                    /* the page holds more than titles */
	GHashTable *dest_page;            /* id -> page number, from this pass */
	GHashTable *prev_pages;           /* id -> page number, from the last pass */
	int col_limit;                    /* > 0: columns are this short (balancing trials) */
	int foot_limit;                   /* > 0: the page's columns end this far below its
					   * text area's top (three-page balancing) */
	int several;                      /* a re-pour of several pages is under way
					   * (bal_three, bal_push): the balancing inside
					   * it never starts another */
	int span_h;                       /* height taken across all columns at the page top */
	int trial;                        /* a balancing trial: never start a new page */
	size_t cur_block;                 /* block being placed, and */
	int cur_line;                     /* its first line not yet placed: where a new page resumes */
	size_t page_block;                /* where the current page's content started: */
	int page_line;                    /* block and line */
	size_t page_items;                /* items of the page before any content */
	size_t top_block;                 /* where the current page's first region started */
	int top_line;                     /* (page_block moves on to a lower region's start) */
	size_t top_items;
	struct flow_left prev;            /* the same (top_* and page_*) for the page
					   * before (two-page balancing) */
	int prev_page;                    /* the page prev is of (page numbers from 1):
					   * no longer the page before the last once a
					   * re-pour put everything on it */
	int limit_once;                   /* col_limit holds for this page only */
	int break_taken;                  /* the next block's break was taken (a re-pour) */
	int balancing;                    /* a two-page re-pour (bal_two): 1 = into shorter
					   * columns, where a card that fits a whole column must
					   * not split (the trial fails instead); 2 = as tall as
					   * they are; both say nothing the first pour said */
	struct flow_stack stack;          /* the current column's cards (group.c) */
	int failed;
	size_t *floats;                   /* blocks that start a float (floats.c), */
	size_t nfloats;                   /* how many (0: the pour never looks) */
};

static inline struct flow_priv *flow_priv(const struct flow *f)
{
	return f->lay->priv;
}

/* Index of block k in the pour's list. */
static inline size_t flow_index(const struct flow *f, const struct block *k)
{
	return (size_t)(k - f->bl->v);
}

/* From this page on, the pour hands back the spare room of the pages it
 * has left behind: a document of a few sections never pays for it. */
#define FLOW_TRIM_FROM 24

/* Called when a page is started: the item array of the page before the
 * page before it is cut to its size (only its folio and slug line are
 * added to it after). */
void flow_trim_behind(struct flow *f);

/* The paragraph of block k as last set (NULL before it is set). */
static inline struct para *flow_para(const struct flow *f, const struct block *k)
{
	return flow_priv(f)->set[flow_index(f, k)];
}

#endif
