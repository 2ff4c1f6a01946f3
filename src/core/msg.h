/* msg: the one way plaquette reports problems.
 *
 * Every diagnostic comes from the table in msg.def, has a severity, and is
 * printed as "plaquette: file:line:col: level: text" on stderr.  The
 * process exit status is derived from the worst severity seen:
 *   0 done (notes and warnings only), 1 input errors, 2 usage, 3 I/O or internal.
 */
#ifndef PLAQUETTE_MSG_H
#define PLAQUETTE_MSG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum msg_level {
	MSG_NOTE,     /* information: what was done, never changes the exit status */
	MSG_WARNING,  /* the output is made but something deserves a look */
	MSG_ERROR,    /* the input is wrong: exit 1, no output written */
	MSG_USAGE,    /* the command line is wrong: exit 2 */
	MSG_FATAL     /* I/O or internal failure: exit 3 */
};

enum msg_id {
#define MSG(id, level, fmt) id,
#include "msg.def"
#undef MSG
	MSG__COUNT
};

/* Diagnostics sink: counts and worst level; passed to every stage. */
struct msg {
	FILE *out;                 /* where messages go (stderr); NULL = count only */
	enum msg_level worst;      /* worst level reported so far */
	int seen;                  /* whether anything at WARNING or above was reported */
	int counts[MSG_FATAL + 1]; /* how many of each level */
	int quiet;                 /* suppress notes */
	int werror;                /* treat warnings as errors (--strict) */
	char *held;                /* msg_hold: the text kept for msg_release */
	size_t held_len;
};

void msg_init(struct msg *m, FILE *out);

/* Report message `id` at file:line:col (line/col 0 = unknown; file NULL =
 * no location).  The remaining arguments fill the table's format. */
void msg_at(struct msg *m, enum msg_id id, const char *file, long line,
	    long col, ...);
void msg_vat(struct msg *m, enum msg_id id, const char *file, long line,
	     long col, va_list ap);
/* Report message `id`, whose format is one "%s", about file (no line): the
 * text is fmt formatted with ap, cut at 1 KiB. */
void msg_vtext(struct msg *m, enum msg_id id, const char *file, const char *fmt,
	       va_list ap) __attribute__((format(printf, 4, 0)));

/* A sink that keeps what it is told, for a stage run beside another (in a
 * second thread): msg_release() then tells it to `to` at the place a single
 * thread would have, so the messages come in the same order either way.
 * Levels are decided as `like` decides them (quiet, werror).  -1 when no
 * memory could be had for it (then run the stage in order instead). */
int msg_hold(struct msg *hold, const struct msg *like);
/* Tells `to` what hold kept (text, counts, worst level) and frees hold;
 * msg_drop() frees it unsaid (the stage's result is not used). */
void msg_release(struct msg *to, struct msg *hold);
void msg_drop(struct msg *hold);

/* Exit status for the worst level seen: 0, 1, 2 or 3. */
int msg_status(const struct msg *m);

/* Whether an error (or worse) has been reported: stages stop on it. */
int msg_failed(const struct msg *m);

/* Memory: out of memory aborts with a message (this is a program). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *arr (of *cap elements of `size`) so that it holds at least `need`. */
void xgrow(void *arrp, size_t *cap, size_t need, size_t size);

#endif
