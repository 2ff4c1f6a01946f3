/* proof: what changed between two editions, as a proof PDF for editors.
 *
 * `plaquette diff OLD.xml NEW.xml -o PROOF.pdf` builds both, renders each
 * page of both at PROOF_DPI, compares them pixel by pixel in cells of
 * PROOF_CELL pixels and merges the changed cells into a few boxes.  The
 * proof has a summary page first — changed, new and removed pages, pages
 * whose content moved (their first line is on another page of the old
 * edition), Sommaire entries whose page changed ("Les projets… p. 9 →
 * p. 10"), pictures moved, resized, replaced, new or removed — then every page of the new edition under a header line
 * ("page 5: changed", "unchanged", "new page") with translucent boxes
 * over what changed.  The summary also goes to standard output, and
 * --png DIR writes the proof's pages as DIR/proof-01.png (the summary),
 * proof-02.png…
 */
#ifndef PLAQUETTE_PROOF_H
#define PLAQUETTE_PROOF_H

#include <stdio.h>

#include "build.h"

#define PROOF_DPI 50            /* resolution of the comparison */
#define PROOF_CELL 8            /* differing pixels are grouped per cell of this many pixels */
#define PROOF_MAX_BOXES 48      /* per page; more merge into one box around them all */
#define PROOF_HEADER 24         /* points above each proof page for its header line */

enum proof_state {
	PROOF_UNCHANGED,
	PROOF_CHANGED,
	PROOF_NEW,               /* the old edition has no page with this number */
};

/* A changed region, in points from the trim's top-left corner. */
struct proof_box {
	double x, y, w, h;
};

/* One page of the new edition compared with the same page of the old. */
struct proof_page {
	enum proof_state state;  /* changed, unchanged or new */
	struct proof_box *boxes; /* around the changed regions */
	int nboxes;              /* at most PROOF_MAX_BOXES */
	int moved_from;          /* old page holding this page's first line; 0 = same page or none */
};

/* The comparison of two layouts, decided before anything is drawn. */
struct proof {
	struct proof_page *pages; /* one per page of the new edition */
	int npages;              /* pages of the new edition */
	int old_npages;          /* pages of the old edition */
	GPtrArray *toc;          /* Sommaire changes, one sentence each (owned strings) */
	GPtrArray *pictures;     /* pictures moved, resized, replaced, new, removed (proofimg.h) */
};

/* Compares the layouts (pages rendered at PROOF_DPI).  Caller frees. */
struct proof *proof_compare(const struct layout *old, const struct layout *now);
void proof_free(struct proof *p);

/* What `plaquette diff` needs besides the two files. */
struct proof_opts {
	const struct build_opts *bo; /* how to build both editions */
	const char *png_dir;         /* also write the proof's pages as PNGs here, or NULL */
	double png_dpi;              /* their resolution */
};

/* Builds both editions, compares them, writes the proof PDF to `out`
 * (through a temporary file) and the summary to `summary`.  Returns 0, or
 * -1 after reporting on m. */
int proof_run(const char *old_path, const char *new_path, const char *out,
	      const struct proof_opts *o, FILE *summary, struct msg *m);

#endif
