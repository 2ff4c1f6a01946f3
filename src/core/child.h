/* child: a helper program (Ghostscript) run without a shell, bounded in time.
 *
 * The child gets /dev/null as standard input and an environment without
 * one variable the caller names (GS_OPTIONS would add switches such as
 * -dNOSAFER).  Its messages (standard error, and standard output when
 * asked) are kept up to a bound; past the deadline it is killed.  While it
 * runs the output guard knows it (out_track_child), so a signal ends it.
 */
#ifndef PLAQUETTE_CHILD_H
#define PLAQUETTE_CHILD_H

#include <stddef.h>

struct child_result {
	int status;     /* waitpid's status (WIFEXITED, WEXITSTATUS …) */
	int late;       /* killed at the deadline */
	char *log;      /* its messages, NUL-terminated, malloc'd (free) */
	size_t len;     /* their length */
	char err[128];  /* why it could not start, when child_run is -1 */
};

/* Runs argv (argv[0] a full path) for at most timeout_s seconds, keeping
 * max_log bytes of its messages.  0 when it ran (r says how it ended), -1
 * when it could not start (r->err says why; r->log is NULL). */
int child_run(char *const argv[], const char *drop_env, int keep_stdout, int timeout_s,
	      size_t max_log, struct child_result *r);

#endif
