/* watch: inotify on the folders of the input files, a rebuild per burst of changes. */
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "watch.h"

enum {
	WATCH_POLL_MS = 500,   /* how often the stop flag is looked at when nothing happens */
	WATCH_BURST_MS = 2000, /* a burst never delays a rebuild longer than this */
	WATCH_MASK = IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB,
};

/* Set by SIGINT and SIGTERM, read by the loop.  The one global mutable
 * variable of plaquette: a signal handler can reach nothing else. */
static volatile sig_atomic_t watch_stop;

static void watch_on_signal(int sig)
{
	(void)sig;
	watch_stop = 1;
}

/* The folder watches and the file names they are for. */
struct watch {
	int fd;                            /* the inotify descriptor */
	int wd[WATCH_MAX_FILES];           /* watch of each file's folder */
	char *name[WATCH_MAX_FILES];       /* each file's name in its folder */
	int n;                             /* watches made */
};

static void watch_done(struct watch *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->name[i]);
	if (w->fd >= 0)
		close(w->fd);
}

/* Watches the folder of each file.  Returns 0, or -1 after reporting. */
static int watch_init(struct watch *w, const struct watch_opts *o, struct msg *m)
{
	*w = (struct watch){ .fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK) };
	if (w->fd < 0) {
		msg_at(m, M_WATCH_SETUP, NULL, 0, 0, "the files", strerror(errno));
		return -1;
	}
	for (int i = 0; i < o->nfiles && i < WATCH_MAX_FILES; i++) {
		char *dcopy = xstrdup(o->files[i]), *bcopy = xstrdup(o->files[i]);
		int wd = inotify_add_watch(w->fd, dirname(dcopy), WATCH_MASK);

		if (wd < 0)
			msg_at(m, M_WATCH_SETUP, o->files[i], 0, 0, o->files[i], strerror(errno));
		else {
			w->wd[w->n] = wd;
			w->name[w->n++] = xstrdup(basename(bcopy));
		}
		free(dcopy);
		free(bcopy);
		if (wd < 0)
			return -1;
	}
	return 0;
}

/* Reads the pending events; returns 1 when one names a watched file. */
static int watch_read(const struct watch *w)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int hit = 0;
	ssize_t len;

	while ((len = read(w->fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;

			for (int i = 0; i < w->n && ev->len; i++)
				if (ev->wd == w->wd[i] && strcmp(ev->name, w->name[i]) == 0)
					hit = 1;
			p += sizeof *ev + ev->len;
		}
	}
	return hit;
}

/* Waits up to ms for events; returns 1 when one names a watched file,
 * 0 on time-out or a signal. */
static int watch_wait(const struct watch *w, int ms)
{
	struct pollfd p = { .fd = w->fd, .events = POLLIN };

	if (poll(&p, 1, ms) <= 0)
		return 0;
	return watch_read(w);
}

static long watch_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Blocks until a watched file changes and the burst of events is over.
 * Returns 0 then, -1 when told to stop. */
static int watch_next_change(const struct watch *w)
{
	struct timespec t0;

	while (!watch_stop && !watch_wait(w, WATCH_POLL_MS))
		;
	if (watch_stop)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!watch_stop && watch_ms_since(&t0) < WATCH_BURST_MS) {
		struct pollfd p = { .fd = w->fd, .events = POLLIN };

		if (poll(&p, 1, WATCH_QUIET_MS) <= 0)
			break;
		watch_read(w);
	}
	return watch_stop ? -1 : 0;
}

/* One rebuild with fresh messages, timed and reported. */
static void watch_rebuild(const struct watch_opts *o, watch_build_fn build, void *arg,
			  struct msg *m)
{
	struct msg fresh;
	struct timespec t0;
	int pages;

	msg_init(&fresh, m->out);
	fresh.quiet = m->quiet;
	fresh.werror = m->werror;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pages = build(arg, &fresh);
	if (pages > 0 && !msg_failed(&fresh))
		msg_at(&fresh, M_WATCH_REBUILT, NULL, 0, 0, o->output, watch_ms_since(&t0), pages);
	else
		msg_at(&fresh, M_WATCH_FAILED, NULL, 0, 0, o->output,
		       fresh.counts[MSG_ERROR] + fresh.counts[MSG_FATAL]);
	*m = fresh;
}

int watch_run(const struct watch_opts *o, watch_build_fn build, void *arg, struct msg *m)
{
	struct sigaction sa = { .sa_handler = watch_on_signal };
	struct watch w;
	GString *names;

	if (watch_init(&w, o, m) < 0) {
		watch_done(&w);
		return -1;
	}
	sigemptyset(&sa.sa_mask);
	/* kept until exit: a second signal (timeout(1) sends one to the child
	 * and one to its process group) must not kill a watch that is ending */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	build(arg, m);
	names = g_string_new(NULL);
	for (int i = 0; i < o->nfiles; i++)
		g_string_append_printf(names, "%s%s", i ? ", " : "", o->files[i]);
	msg_at(m, M_WATCH_START, NULL, 0, 0, names->str);
	g_string_free(names, TRUE);
	for (int n = 0; (o->count <= 0 || n < o->count) && watch_next_change(&w) == 0; n++)
		watch_rebuild(o, build, arg, m);
	watch_done(&w);
	return 0;
}
