/* outfile: every output through a checked claim, a temporary file and one
 * commit; the signal handler that removes temporary files and children. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outfile.h"

enum { OUT_REGULAR, OUT_SPECIAL, OUT_STDOUT };

struct out_id {
	dev_t dev;
	ino_t ino;
	char *path;      /* as the user named it */
};

struct out_file {
	char *path;      /* as the user named it; "-" = standard output */
	char *dest;      /* where it goes: the target of a symbolic link */
	char *tmp;       /* the temporary file the writer fills */
	int kind;        /* OUT_REGULAR, OUT_SPECIAL or OUT_STDOUT */
	int keep_mode;   /* the destination exists: keep its mode */
	mode_t mode;
	int done;        /* the writer finished it */
	int has_id;      /* id below is the destination's */
	struct out_id id;
};

struct out_set {
	struct out_id *in;
	size_t nin, capin;
	struct out_file *v;
	size_t n, cap;
	char **scratch;
	size_t nscratch, capscratch;
	char **dirs;     /* folders this run created */
	size_t ndirs, capdirs;
	char **stale;    /* earlier outputs removed at commit */
	size_t nstale, capstale;
	int refused;     /* an output is a late input: nothing is committed */
};

/* --- what the signal handler knows: the one global state of plaquette,
 * written only with the signals blocked, read only by the handler --- */
enum { OUT_TRACK_MAX = 64, OUT_CHILD_MAX = 8 };
static char out_tracked[OUT_TRACK_MAX][PATH_MAX];
static pid_t out_children[OUT_CHILD_MAX];
static struct sigaction out_old_crash[32];
static const int out_term_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
static const int out_crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

static void out_block(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

static void out_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

void out_track(const char *path)
{
	sigset_t old;
	size_t n = strlen(path);

	if (n >= PATH_MAX)
		return;
	out_block(&old);
	for (int i = 0; i < OUT_TRACK_MAX; i++)
		if (!out_tracked[i][0]) {
			memcpy(out_tracked[i], path, n + 1);
			break;
		}
	out_unblock(&old);
}

void out_untrack(const char *path)
{
	sigset_t old;

	out_block(&old);
	for (int i = 0; i < OUT_TRACK_MAX; i++)
		if (strcmp(out_tracked[i], path) == 0) {
			out_tracked[i][0] = '\0';
			break;
		}
	out_unblock(&old);
}

void out_track_child(pid_t pid)
{
	sigset_t old;

	out_block(&old);
	for (int i = 0; i < OUT_CHILD_MAX; i++)
		if (!out_children[i]) {
			out_children[i] = pid;
			break;
		}
	out_unblock(&old);
}

void out_untrack_child(pid_t pid)
{
	sigset_t old;

	out_block(&old);
	for (int i = 0; i < OUT_CHILD_MAX; i++)
		if (out_children[i] == pid)
			out_children[i] = 0;
	out_unblock(&old);
}

/* Only async-signal-safe calls: end the children, remove the files. */
static void out_cleanup_now(void)
{
	for (int i = 0; i < OUT_CHILD_MAX; i++)
		if (out_children[i] > 0) {
			kill(out_children[i], SIGKILL);
			while (waitpid(out_children[i], NULL, 0) < 0 && errno == EINTR)
				;
			out_children[i] = 0;
		}
	for (int i = 0; i < OUT_TRACK_MAX; i++)
		if (out_tracked[i][0]) {
			unlink(out_tracked[i]);
			out_tracked[i][0] = '\0';
		}
}

static void out_on_signal(int sig)
{
	int saved = errno;

	out_cleanup_now();
	errno = saved;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A crash: clean up, then give the signal to whoever handled it before
 * (the sanitizers' reports stay as they were). */
static void out_on_crash(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	out_cleanup_now();
	if (sig > 0 && sig < 32)
		sigaction(sig, &out_old_crash[sig], NULL);
	if (info && info->si_code > 0 && sig != SIGABRT)
		return; /* a real fault happens again, now to the earlier handler */
	raise(sig);
}

void out_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = out_on_signal };
	struct sigaction crash = { .sa_sigaction = out_on_crash, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigemptyset(&crash.sa_mask);
	for (size_t i = 0; i < sizeof out_term_signals / sizeof *out_term_signals; i++)
		sigaction(out_term_signals[i], &sa, NULL);
	for (size_t i = 0; i < sizeof out_crash_signals / sizeof *out_crash_signals; i++)
		sigaction(out_crash_signals[i], &crash, &out_old_crash[out_crash_signals[i]]);
}

/* --- the set --- */

struct out_set *out_set_new(void)
{
	return xcalloc(1, sizeof(struct out_set));
}

static void out_remove_tmp(char **tmp)
{
	if (!*tmp)
		return;
	unlink(*tmp);
	out_untrack(*tmp);
	free(*tmp);
	*tmp = NULL;
}

void out_set_free(struct out_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		out_remove_tmp(&s->v[i].tmp);
		free(s->v[i].path);
		free(s->v[i].dest);
	}
	for (size_t i = 0; i < s->nscratch; i++)
		out_remove_tmp(&s->scratch[i]);
	for (size_t i = s->ndirs; i-- > 0;) {
		rmdir(s->dirs[i]); /* only when still empty */
		free(s->dirs[i]);
	}
	for (size_t i = 0; i < s->nin; i++)
		free(s->in[i].path);
	for (size_t i = 0; i < s->nstale; i++)
		free(s->stale[i]);
	free(s->stale);
	free(s->in);
	free(s->v);
	free(s->scratch);
	free(s->dirs);
	free(s);
}

void out_input(struct out_set *s, const char *path)
{
	struct stat st;

	if (!path || (strcmp(path, "-") == 0 ? fstat(0, &st) : stat(path, &st)) != 0)
		return; /* the reader says what is wrong with it */
	xgrow(&s->in, &s->capin, s->nin + 1, sizeof *s->in);
	s->in[s->nin++] = (struct out_id){ st.st_dev, st.st_ino,
					   xstrdup(strcmp(path, "-") == 0 ? "standard input" : path) };
}

int out_input_late(struct out_set *s, const char *path, struct msg *m)
{
	struct stat st;

	if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return 0;
	out_input(s, path);
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].has_id && s->v[i].id.dev == st.st_dev && s->v[i].id.ino == st.st_ino) {
			msg_at(m, M_OUT_SAME, s->v[i].path, 0, 0, s->v[i].path, path);
			s->refused = 1;
			return -1;
		}
	return 0;
}

static struct out_file *out_find(struct out_set *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return &s->v[i];
	return NULL;
}

/* A new temporary file "DIR/.plaquette-XXXXXX", tracked.  Caller frees. */
static char *out_mktemp(const char *dir, const char *shown, struct msg *m)
{
	char *name = xmalloc(strlen(dir) + 24);
	int fd;
	sigset_t old;

	sprintf(name, "%s/.plaquette-XXXXXX", dir);
	out_block(&old); /* a signal between mkstemp and out_track leaves nothing */
	fd = mkstemp(name);
	if (fd >= 0)
		out_track(name);
	out_unblock(&old);
	if (fd < 0) {
		msg_at(m, M_WRITE, shown, 0, 0, shown, strerror(errno));
		free(name);
		return NULL;
	}
	close(fd);
	return name;
}

/* Whether the output is refused, after reporting why. */
static int out_refused(struct out_set *s, const char *path, const struct stat *st,
		       struct msg *m)
{
	if (S_ISDIR(st->st_mode)) {
		msg_at(m, M_OUT_KIND, path, 0, 0, path, "a folder");
		return 1;
	}
	if (S_ISBLK(st->st_mode) || S_ISSOCK(st->st_mode)) {
		msg_at(m, M_OUT_KIND, path, 0, 0, path, S_ISBLK(st->st_mode) ? "a block device" :
		       "a socket");
		return 1;
	}
	if (!S_ISREG(st->st_mode) && !S_ISCHR(st->st_mode) && !S_ISFIFO(st->st_mode)) {
		msg_at(m, M_OUT_KIND, path, 0, 0, path, "not a file");
		return 1;
	}
	if (S_ISCHR(st->st_mode) || S_ISFIFO(st->st_mode))
		return 0; /* written in place: a terminal or a pipe may be an input too */
	for (size_t i = 0; i < s->nin; i++)
		if (s->in[i].dev == st->st_dev && s->in[i].ino == st->st_ino) {
			msg_at(m, M_OUT_SAME, path, 0, 0, path, s->in[i].path);
			return 1;
		}
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].has_id && s->v[i].id.dev == st->st_dev && s->v[i].id.ino == st->st_ino) {
			msg_at(m, M_OUT_TWICE, path, 0, 0, s->v[i].path, path);
			return 1;
		}
	return 0;
}

/* A name not yet taken, with its folder resolved: "DIR/NAME".  Caller
 * frees. */
static char *out_resolve_new(const char *path)
{
	char *d = xstrdup(path), *b = xstrdup(path), *rd = realpath(dirname(d), NULL);
	char *r;

	if (!rd) {
		free(d);
		free(b);
		return xstrdup(path);
	}
	r = xmalloc(strlen(rd) + strlen(b) + 2);
	sprintf(r, "%s/%s", rd, basename(b));
	free(rd);
	free(d);
	free(b);
	return r;
}

const char *out_claim(struct out_set *s, const char *path, struct msg *m)
{
	struct out_file f = { 0 }, *old = out_find(s, path);
	struct stat st;
	int exists;

	if (old) {
		msg_at(m, M_OUT_TWICE, path, 0, 0, path, path);
		return NULL;
	}
	if (strcmp(path, "-") == 0) {
		f.kind = OUT_STDOUT;
		exists = fstat(1, &st) == 0;
		if (exists && S_ISREG(st.st_mode) && out_refused(s, "standard output", &st, m))
			return NULL;
	} else {
		exists = stat(path, &st) == 0;
		if (exists && out_refused(s, path, &st, m))
			return NULL;
		f.kind = exists && !S_ISREG(st.st_mode) ? OUT_SPECIAL : OUT_REGULAR;
	}
	if (exists && f.kind == OUT_REGULAR) {
		f.dest = realpath(path, NULL);
		f.keep_mode = 1;
		f.mode = st.st_mode & 07777;
		f.has_id = 1;
		f.id = (struct out_id){ st.st_dev, st.st_ino, NULL };
	}
	if (!f.dest)
		f.dest = out_resolve_new(path);
	for (size_t i = 0; i < s->n; i++)
		if (f.kind == OUT_REGULAR && strcmp(s->v[i].dest, f.dest) == 0) {
			msg_at(m, M_OUT_TWICE, path, 0, 0, s->v[i].path, path);
			free(f.dest);
			return NULL;
		}
	if (f.kind == OUT_REGULAR) {
		char *d = xstrdup(f.dest);

		f.tmp = out_mktemp(dirname(d), path, m);
		free(d);
	} else {
		const char *tmpdir = getenv("TMPDIR");

		f.tmp = out_mktemp(tmpdir && *tmpdir ? tmpdir : "/tmp", path, m);
	}
	if (!f.tmp) {
		free(f.dest);
		return NULL;
	}
	f.path = xstrdup(path);
	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n] = f;
	return s->v[s->n++].tmp;
}

FILE *out_open(struct out_set *s, const char *path, struct msg *m)
{
	struct out_file *f = out_find(s, path);
	FILE *fp = f ? fopen(f->tmp, "wb") : NULL;

	if (f && !fp)
		msg_at(m, M_WRITE, path, 0, 0, path, strerror(errno));
	return fp;
}

int out_close(struct out_set *s, const char *path, FILE *fp, struct msg *m)
{
	int bad = ferror(fp), err = errno;

	if (fflush(fp) != 0 && !bad)
		bad = 1, err = errno;
	if (!bad && fsync(fileno(fp)) != 0 && errno != EINVAL && errno != EROFS)
		bad = 1, err = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, err = errno;
	if (bad) {
		msg_at(m, M_WRITE, path, 0, 0, path, strerror(err ? err : EIO));
		return -1;
	}
	out_done(s, path);
	return 0;
}

void out_done(struct out_set *s, const char *path)
{
	struct out_file *f = out_find(s, path);

	if (f)
		f->done = 1;
}

int out_mkdir(struct out_set *s, const char *dir, struct msg *m)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0) {
		xgrow(&s->dirs, &s->capdirs, s->ndirs + 1, sizeof *s->dirs);
		s->dirs[s->ndirs++] = xstrdup(dir);
		return 0;
	}
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	msg_at(m, M_WRITE, dir, 0, 0, dir, errno == EEXIST ? "it exists and is not a folder" :
	       strerror(errno));
	return -1;
}

const char *out_scratch(struct out_set *s, const char *near, struct msg *m)
{
	char *d = xstrdup(near), *t = out_mktemp(dirname(d), near, m);

	free(d);
	if (!t)
		return NULL;
	xgrow(&s->scratch, &s->capscratch, s->nscratch + 1, sizeof *s->scratch);
	s->scratch[s->nscratch++] = t;
	return t;
}

/* Copies the temporary file into a device, a FIFO or standard output. */
static int out_copy(const struct out_file *f, struct msg *m)
{
	int in = open(f->tmp, O_RDONLY | O_CLOEXEC);
	int out = f->kind == OUT_STDOUT ? 1 : open(f->dest, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	char buf[65536];
	ssize_t n = 0;
	int err = in < 0 || out < 0 ? errno : 0;

	if (f->kind == OUT_STDOUT)
		fflush(stdout);
	while (!err && (n = read(in, buf, sizeof buf)) > 0) {
		for (ssize_t done = 0; done < n && !err;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));

			if (w < 0 && errno != EINTR)
				err = errno;
			else if (w > 0)
				done += w;
		}
	}
	if (n < 0 && !err)
		err = errno;
	if (in >= 0)
		close(in);
	if (out > 1 && close(out) != 0 && !err)
		err = errno;
	if (err)
		msg_at(m, M_WRITE, f->kind == OUT_STDOUT ? "standard output" : f->path, 0, 0,
		       f->kind == OUT_STDOUT ? "standard output" : f->path, strerror(err));
	return err ? -1 : 0;
}

void out_stale(struct out_set *s, const char *path)
{
	xgrow(&s->stale, &s->capstale, s->nstale + 1, sizeof *s->stale);
	s->stale[s->nstale++] = xstrdup(path);
}

/* Removes the stale earlier outputs once all outputs are in place: a
 * regular file (not a link, device or folder) that is neither an input
 * nor an output of this run. */
static void out_remove_stale(struct out_set *s)
{
	for (size_t i = 0; i < s->nstale; i++) {
		struct stat st;
		int keep = lstat(s->stale[i], &st) != 0 || !S_ISREG(st.st_mode) ||
			   out_find(s, s->stale[i]) != NULL;

		for (size_t k = 0; k < s->nin && !keep; k++)
			keep = s->in[k].dev == st.st_dev && s->in[k].ino == st.st_ino;
		if (!keep)
			unlink(s->stale[i]);
	}
}

int out_commit(struct out_set *s, struct msg *m)
{
	mode_t mask = umask(0);
	int rc = 0;

	umask(mask);
	if (s->refused)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		if (!s->v[i].done)
			return -1; /* out_set_free removes them all */
	/* devices and pipes first: they may fail (a full device), and a
	 * regular file renamed cannot be taken back */
	for (size_t i = 0; i < s->n && rc == 0; i++)
		if (s->v[i].kind != OUT_REGULAR)
			rc = out_copy(&s->v[i], m);
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		struct out_file *f = &s->v[i];

		if (f->kind != OUT_REGULAR)
			continue;
		if (chmod(f->tmp, f->keep_mode ? f->mode : 0666 & ~mask) != 0 ||
		    rename(f->tmp, f->dest) != 0) {
			msg_at(m, M_WRITE, f->path, 0, 0, f->path, strerror(errno));
			rc = -1;
			break;
		}
		out_untrack(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
	}
	if (rc == 0)
		out_remove_stale(s);
	if (rc == 0) /* folders made for outputs stay */
		for (size_t i = 0; i < s->ndirs; i++)
			free(s->dirs[i]);
	if (rc == 0)
		s->ndirs = 0;
	return rc;
}
