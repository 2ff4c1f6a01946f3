/* plugload: finds and loads a part of plaquette built as a shared object
 * (a plugin), so that the libraries it needs are loaded only by the runs
 * that use it (src/cmd/plugin.h: libqpdf; src/input/vector.h: librsvg
 * and poppler-glib).
 *
 * The file is looked for beside the executable (a build tree: make
 * builds it there), then in PLUGINDIR (the install prefix's
 * lib/plaquette).  It exports one table whose first members are a
 * struct plugload_head; a table built for another version or another
 * layout of the shared structs is refused.  dlopen counts repeated
 * loads: nothing is cached here.
 */
#ifndef PLAQUETTE_PLUGLOAD_H
#define PLAQUETTE_PLUGLOAD_H

#include <stddef.h>

#include "msg.h"

#ifndef PLUGINDIR
#define PLUGINDIR "/usr/local/lib/plaquette"
#endif

/* The first members of every plugin's table. */
struct plugload_head {
	const char *version; /* the program version it was built with */
	size_t abi;          /* a number derived from the sizes of the structs it shares */
};

/* The table `symbol` of plugin `file` (e.g. "plaquette-qpdf.so"),
 * checked against version and abi; NULL after M_PLUGIN, which says that
 * `what` (e.g. "--print") needs it and why it could not be loaded. */
const void *plugload_open(const char *file, const char *symbol, const char *version,
			  size_t abi, const char *what, struct msg *m);

#endif
