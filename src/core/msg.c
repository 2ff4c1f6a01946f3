/* msg: diagnostics from one table, the exit status, and the allocation wrappers. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"

struct msg_entry {
	enum msg_level level;
	const char *fmt;
};

static const struct msg_entry msg_table[MSG__COUNT] = {
#define MSG(id, lvl, f) [id] = { .level = lvl, .fmt = f },
#include "msg.def"
#undef MSG
};

static const char *const msg_level_names[] = {
	[MSG_NOTE] = "note",
	[MSG_WARNING] = "warning",
	[MSG_ERROR] = "error",
	[MSG_USAGE] = "usage",
	[MSG_FATAL] = "fatal",
};

void msg_init(struct msg *m, FILE *out)
{
	memset(m, 0, sizeof *m);
	m->out = out;
	m->worst = MSG_NOTE;
}

void msg_vat(struct msg *m, enum msg_id id, const char *file, long line,
	     long col, va_list ap)
{
	enum msg_level level = msg_table[id].level;

	if (level == MSG_WARNING && m->werror)
		level = MSG_ERROR;
	if (level == MSG_NOTE && m->quiet)
		return;
	m->counts[level]++;
	if (level > m->worst)
		m->worst = level;
	if (level >= MSG_WARNING)
		m->seen = 1;
	if (!m->out)
		return;
	fputs("plaquette: ", m->out);
	if (file) {
		fputs(file, m->out);
		if (line > 0)
			fprintf(m->out, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(m->out, ":%ld", col);
		fputs(": ", m->out);
	}
	fprintf(m->out, "%s: ", msg_level_names[level]);
	vfprintf(m->out, msg_table[id].fmt, ap);
	fputc('\n', m->out);
}

void msg_at(struct msg *m, enum msg_id id, const char *file, long line,
	    long col, ...)
{
	va_list ap;

	va_start(ap, col);
	msg_vat(m, id, file, line, col, ap);
	va_end(ap);
}

void msg_vtext(struct msg *m, enum msg_id id, const char *file, const char *fmt,
	       va_list ap)
{
	char text[1024];

	vsnprintf(text, sizeof text, fmt, ap);
	msg_at(m, id, file, 0, 0, text);
}

int msg_hold(struct msg *hold, const struct msg *like)
{
	msg_init(hold, NULL);
	hold->quiet = like->quiet;
	hold->werror = like->werror;
	/* a sink that only counts keeps no text either */
	if (like->out && !(hold->out = open_memstream(&hold->held, &hold->held_len)))
		return -1;
	return 0;
}

void msg_release(struct msg *to, struct msg *hold)
{
	if (hold->out && fclose(hold->out) == 0 && to->out && hold->held_len)
		fwrite(hold->held, 1, hold->held_len, to->out);
	hold->out = NULL;
	for (int i = 0; i <= MSG_FATAL; i++)
		to->counts[i] += hold->counts[i];
	if (hold->worst > to->worst)
		to->worst = hold->worst;
	to->seen |= hold->seen;
	msg_drop(hold);
}

void msg_drop(struct msg *hold)
{
	if (hold->out)
		fclose(hold->out);
	free(hold->held);
	msg_init(hold, NULL);
}

int msg_status(const struct msg *m)
{
	switch (m->worst) {
	case MSG_NOTE:
	case MSG_WARNING:
		return 0;
	case MSG_ERROR:
		return 1;
	case MSG_USAGE:
		return 2;
	case MSG_FATAL:
	default:
		return 3;
	}
}

int msg_failed(const struct msg *m)
{
	return m->worst >= MSG_ERROR;
}

static void *msg_oom(void)
{
	fputs("plaquette: fatal: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	return p ? p : msg_oom();
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	return p ? p : msg_oom();
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	return q ? q : msg_oom();
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void *arrp, size_t *cap, size_t need, size_t size)
{
	void **arr = arrp;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need)
		n *= 2;
	*arr = xrealloc(*arr, n * size);
	*cap = n;
}
