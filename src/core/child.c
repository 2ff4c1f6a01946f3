/* child: a helper program run without a shell, bounded in time and output. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "msg.h"
#include "outfile.h"

/* The environment without drop_env=…; the array is the caller's, not the strings. */
static char **child_env(const char *drop_env)
{
	extern char **environ;
	size_t n = 0, k = 0, dl = drop_env ? strlen(drop_env) : 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 1, sizeof *env);
	for (size_t i = 0; i < n; i++)
		if (!dl || strncmp(environ[i], drop_env, dl) != 0 || environ[i][dl] != '=')
			env[k++] = environ[i];
	return env;
}

static long long child_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Reads fd into r->log (max_log bytes kept) until the child closes it.
 * 0, or -1 when the deadline passed or poll failed. */
static int child_collect(int fd, long long deadline, size_t max_log, struct child_result *r)
{
	char buf[4096];

	for (;;) {
		long long left = deadline - child_now_ms();
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;
		int k;

		if (left <= 0)
			return -1;
		k = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
		if (k < 0 && errno != EINTR)
			return -1;
		if (k <= 0)
			continue;
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		if (r->len < max_log) {
			size_t take = (size_t)n < max_log - r->len ? (size_t)n : max_log - r->len;

			memcpy(r->log + r->len, buf, take);
			r->len += take;
			r->log[r->len] = '\0';
		}
	}
}

int child_run(char *const argv[], const char *drop_env, int keep_stdout, int timeout_s,
	      size_t max_log, struct child_result *r)
{
	char **env;
	int fds[2] = { -1, -1 };
	pid_t pid;

	memset(r, 0, sizeof *r);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(r->err, sizeof r->err, "%s", strerror(errno));
		return -1;
	}
	env = child_env(drop_env);
	pid = fork();
	if (pid < 0) {
		snprintf(r->err, sizeof r->err, "%s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		free(env);
		return -1;
	}
	if (pid == 0) { /* the child: only async-signal-safe calls */
		int null = open("/dev/null", keep_stdout ? O_RDONLY | O_CLOEXEC : O_RDWR | O_CLOEXEC);

		if (null >= 0 && dup2(null, 0) == 0 && dup2(keep_stdout ? fds[1] : null, 1) == 1 &&
		    dup2(fds[1], 2) == 2)
			execve(argv[0], argv, env);
		_exit(127);
	}
	out_track_child(pid);
	close(fds[1]);
	free(env);
	r->log = xmalloc(max_log + 1);
	r->log[0] = '\0';
	r->late = child_collect(fds[0], child_now_ms() + (long long)timeout_s * 1000, max_log, r) != 0;
	if (r->late)
		kill(pid, SIGKILL);
	while (waitpid(pid, &r->status, 0) < 0 && errno == EINTR)
		;
	out_untrack_child(pid);
	close(fds[0]);
	return 0;
}
