/* fuzz_common: what both libFuzzer targets share — the data folder, input
 * bytes turned into a file the stages can open, and the leak reports of
 * the libraries that are not plaquette's to fix. */
#ifndef PLAQUETTE_FUZZ_COMMON_H
#define PLAQUETTE_FUZZ_COMMON_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Leaks that happen inside the libraries, once per run (a Pango font map
 * keeps its FcConfig; libhyphen's loader loses a few strings): see
 * tests/bad.sh, which suppresses the same ones. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libhyphen.so\nleak:libpango\nleak:libglib\n"
	       "leak:libgobject\nleak:libcairo.so\nleak:libharfbuzz\n";
}

/* The folder holding schema/, styles/, fonts/ and data/: $PLAQUETTE_HOME,
 * else the current folder.  Writes dir/rel into out. */
static void fuzz_path(char *out, size_t size, const char *rel)
{
	const char *home = getenv("PLAQUETTE_HOME");

	snprintf(out, size, "%s/%s", home && *home ? home : ".", rel);
}

/* An anonymous in-memory file holding data, opened by path through
 * /proc/self/fd, since xml_read takes a path.  Returns the fd, or -1. */
static int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t psize)
{
	int fd = memfd_create("plaquette-fuzz", 0);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	snprintf(path, psize, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
