/* outfile: the one door every file plaquette writes goes through.
 *
 * A run makes an out_set, names what it reads (out_input) and claims
 * each file it will write (out_claim).  A claim is refused — a usage
 * error, exit 2, one sentence naming both paths — when the output is the
 * same file as an input or as another output (device and inode, after
 * symbolic links), a folder, a block device or a socket.  The writer
 * fills the temporary file the claim returns and says out_done().  At the
 * end out_commit() puts every output in place, or none: nothing replaces
 * an earlier version until every output of the run has succeeded.
 *   - a regular file (or a name not yet taken): a temporary file beside
 *     the destination (beside a symbolic link's target), renamed over it,
 *     keeping the earlier file's permission bits;
 *   - a character device or a FIFO (/dev/null, a pipe): the bytes are
 *     written into it in place at commit time, never renamed onto it;
 *   - "-": standard output, likewise.
 * A short write (a full disk) is an error, never a short file.
 *
 * Every temporary file (and child process) of the run is also known to a
 * signal handler (out_catch_signals): SIGINT, SIGTERM, SIGHUP, and a
 * crash, remove them and end the children before the process ends.
 * Modules that make temporary files or children of their own announce
 * them with out_track() / out_track_child().
 */
#ifndef PLAQUETTE_OUTFILE_H
#define PLAQUETTE_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

#include "msg.h"

struct out_set;

struct out_set *out_set_new(void);
/* Removes every temporary file not committed, and frees. */
void out_set_free(struct out_set *s);

/* A file the run reads ("-" = standard input): no output may be it. */
void out_input(struct out_set *s, const char *path);

/* A file the run reads that is known only once the outputs are claimed
 * (a picture the document names): when it is one of them, says so (exit
 * 2) and the run commits nothing.  0, or -1 after reporting. */
int out_input_late(struct out_set *s, const char *path, struct msg *m);

/* Claims `path` ("-" = standard output) as an output.  Returns the
 * temporary file to write (owned by the set), or NULL after reporting:
 * exit 2 for a refused output, 3 when no temporary file can be made. */
const char *out_claim(struct out_set *s, const char *path, struct msg *m);

/* The claim's temporary file, opened for writing ("wb"), or NULL after
 * reporting. */
FILE *out_open(struct out_set *s, const char *path, struct msg *m);

/* Closes f (from out_open), checking every write: 0 and the output is
 * done, or -1 after reporting at `path`. */
int out_close(struct out_set *s, const char *path, FILE *f, struct msg *m);

/* The writer of `path` has finished its temporary file. */
void out_done(struct out_set *s, const char *path);

/* A folder the run may create for its outputs (--png DIR); removed again
 * when the run commits nothing and it is still empty.  0 or -1
 * (reported). */
int out_mkdir(struct out_set *s, const char *dir, struct msg *m);

/* A scratch file for intermediate bytes, beside `near` (a temporary
 * path), removed by out_set_free.  Owned by the set, or NULL (reported). */
const char *out_scratch(struct out_set *s, const char *near, struct msg *m);

/* An earlier output that this run makes stale (a --png page beyond the
 * new page count): removed at commit, and only when every output was put
 * in place.  Only a regular file is removed, never an input or a file
 * the run writes. */
void out_stale(struct out_set *s, const char *path);

/* Puts every claimed output in place when all are done; otherwise
 * removes the temporary files and leaves every earlier output as it
 * was.  0 when outputs were committed (or none claimed), -1 otherwise. */
int out_commit(struct out_set *s, struct msg *m);

/* Signal safety: the handler removes tracked files and ends tracked
 * children.  Installed once by main. */
void out_catch_signals(void);
void out_track(const char *path);
void out_untrack(const char *path);
void out_track_child(pid_t pid);
void out_untrack_child(pid_t pid);

#endif
