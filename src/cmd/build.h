/* build: runs the stages of one document, XML to laid-out pages, and
 * writes the PDF editions.
 *
 * main.c, and the commands that compare or preview documents, use it so
 * that every path through plaquette runs the same pipeline:
 * xml → doc → style → font → block/para → flow → pdf → post.
 */
#ifndef PLAQUETTE_BUILD_H
#define PLAQUETTE_BUILD_H

#include <time.h>

#include "block.h"
#include "doc.h"
#include "flow.h"
#include "font.h"
#include "image.h"
#include "msg.h"
#include "outfile.h"
#include "page.h"
#include "para.h"
#include "style.h"

#include "version.h"
/* The default output intent: FOGRA39 (ISO 12647-2 coated), a profile
 * that make builds with Argyll's colprof from the FOGRA39L
 * characterization data of Debian's icc-profiles-free. */
#define BUILD_DEFAULT_ICC "icc/FOGRA39-plaquette.icc"
#define BUILD_DEFAULT_CONDITION "FOGRA39"

struct build_opts {
	const char *home;       /* folder with schema/, styles/, fonts/ */
	const char *style;      /* style sheet path; NULL = home/styles/efus.xml */
	int debug_boxes;        /* draw frames, columns and baselines */
	int max_pages;          /* bound on pages */
	double pseudo;          /* > 1: pseudo-translate, lengthening text by this factor */
	int check_only;         /* stop after reading and checking the XML (and its images) */
	int print;              /* a press edition will be written: images checked for print */
	int keep_going;         /* too low a resolution is a warning, not an error */
};

/* Everything one run made, stage by stage (NULL from the first that failed). */
struct build {
	struct doc *doc;
	struct style_sheet *sheet;
	struct image_set images; /* the pictures the document names, loaded */
	struct font *font;
	struct para_engine *engine;
	struct block_list blocks;
	struct layout *layout;
};

/* What kind of PDF to write. */
struct build_edition {
	int print;              /* press edition: bleed, marks, boxes, PDF/X-4 */
	int marks;              /* crop marks (-1: with print) */
	double bleed_mm;        /* -1: the style sheet's */
	const char *output_icc; /* printer profile for the output intent; NULL = the FOGRA39
				 * profile make builds (BUILD_DEFAULT_ICC under home) */
	const char *home;       /* folder with icc/ (the default profile) */
	int cmyk;               /* CMYK press edition: as print, but CMYK PDF/X-3 through
				 * Ghostscript, grey text on black ink alone, no links */
	int drop_lines;         /* nothing draws the layout after the PDF (no previews): its
				 * lines are freed once drawn, before a press edition's
				 * post-processing (qpdf) */
};

/* Runs the stages on `input`.  Returns 0 when the layout is made (or the
 * check passed), -1 otherwise; b is filled as far as it got either way. */
int build_run(struct build *b, const char *input, const struct build_opts *o, struct msg *m);
void build_done(struct build *b);

/* Writes the laid-out document, post-processed, into `tmp`: the output
 * guard's temporary file for the output `out` (see outfile.h), which
 * out_commit() puts in place.  Returns 0 or -1 (reported at `out`). */
int build_write_pdf(const struct build *b, const struct build_edition *e, const char *tmp,
		    const char *out, struct msg *m);

/* What every run reads from the data folder (o->home): the schemas and
 * the files of fonts/, made inputs of the output guard `set`, so that no
 * output replaces them. */
void build_home_inputs(const struct build_opts *o, struct out_set *set);

/* The pictures b's document names, made inputs of the output guard `set`
 * (claimed before they were known): 0, or -1 after reporting an output
 * that is one of them (the set then commits nothing). */
int build_guard_images(const struct build *b, struct out_set *set, struct msg *m);

/* The style sheet a run uses: o->style, else the home's styles/efus.xml.
 * Caller frees. */
char *build_style_path(const struct build_opts *o);

/* $SOURCE_DATE_EPOCH as a time, or -1 when it is unset or no date. */
time_t build_epoch(void);

/* The date the PDF carries: $SOURCE_DATE_EPOCH, else the document's <date>. */
time_t build_date(const struct doc *d);

/* What the layout needs of the document besides its blocks (title, date,
 * language…): filled from d, for flow_run.  The fuzz targets use it too. */
void build_layout_info(const struct doc *d, struct layout_info *info);

#endif
