/* watch: build, then rebuild whenever the input or the style sheet changes.
 *
 * `plaquette build --watch` watches the folders of the given files with
 * inotify (editors often save by writing a new file and renaming it over
 * the old one, which a watch on the file itself would miss) and keeps the
 * events that name one of the files: a write closed, a rename onto it, a
 * touch.  Events that come in a burst make one rebuild.  Each rebuild
 * says "rebuilt out/brochure.pdf in 84 ms (16 pages)" or, after its
 * errors, that the PDF was not rebuilt.  SIGINT or SIGTERM stop it, as
 * does reaching `count` rebuilds (--watch-count, for tests).
 */
#ifndef PLAQUETTE_WATCH_H
#define PLAQUETTE_WATCH_H

#include "msg.h"

#define WATCH_QUIET_MS 80      /* a burst of events ends after this much quiet */
#define WATCH_MAX_FILES 8      /* files watched at most */

struct watch_opts {
	const char *files[WATCH_MAX_FILES]; /* input, style sheet, source edition… */
	int nfiles;            /* how many of them (at most WATCH_MAX_FILES) */
	const char *output;    /* the PDF, named in the "rebuilt" line */
	int count;             /* stop after this many rebuilds; 0 = until a signal */
};

/* One build: reports on m and returns the number of pages made (0 when
 * the build failed). */
typedef int (*watch_build_fn)(void *arg, struct msg *m);

/* Sets up the watches, builds once, then rebuilds on every change, each
 * time with fresh messages (m's settings).  When it stops, m holds the
 * last build's messages (so the exit status is that build's).  Returns
 * 0, or -1 when the files cannot be watched (reported). */
int watch_run(const struct watch_opts *o, watch_build_fn build, void *arg, struct msg *m);

#endif
