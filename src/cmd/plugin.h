/* plugin: what needs libqpdf (and libstdc++, poppler-glib, json-glib),
 * kept out of the executable so that the screen edition and every other
 * command start without those libraries.
 *
 * The press editions' rewrite (post.h), `preflight`, `jobsheet` and
 * `booklet` are built into a shared object, plaquette-qpdf.so, which
 * plugin_get() loads (plugload.h) when a run needs it.  The plugin uses
 * the executable's own functions (messages, output guard, child
 * processes), exported with -rdynamic, so that there is one copy of
 * their state.
 *
 * A binary that links the plugin's objects itself (the sanitizer build,
 * the unit tests) finds its table at link time and loads nothing.
 */
#ifndef PLAQUETTE_PLUGIN_H
#define PLAQUETTE_PLUGIN_H

#include "msg.h"
#include "post.h"
#include "preflight.h"
#include "version.h"

#define PLUGIN_FILE "plaquette-qpdf.so"

/* The plugin's entry points, with the contracts of their headers. */
struct plugin {
	const char *version; /* PLAQUETTE_VERSION it was built with (plugload_head) */
	size_t abi;          /* plugin_abi() of its build: the structs it shares */
	int (*post_process)(const char *in, const char *out, const struct post_opts *o,
			    struct msg *m);
	int (*post_cmyk)(const char *in, const char *out, const struct post_opts *o,
			 struct msg *m);
	int (*preflight_check)(const char *path, const struct preflight_opts *o,
			       struct msg *m);
	void (*jobsheet_main)(int argc, char **argv, const char *home, struct msg *m);
	void (*booklet_main)(int argc, char **argv, struct msg *m);
};

/* The table the plugin exports under this name. */
#define PLUGIN_SYMBOL "plaquette_plugin"

/* A number that changes with the headers (PLAQUETTE_ABI) and the layout
 * of the structs the executable and the plugin share, compared at
 * loading. */
#define plugin_abi() ((size_t)PLAQUETTE_ABI + sizeof(struct plugin) * 1000003u + \
		      sizeof(struct post_opts) * 1009u + sizeof(struct preflight_opts) * 31u + \
		      sizeof(struct msg))

/* The plugin, loaded once; NULL after M_PLUGIN (not found, or built for
 * another version: `what` names what needed it, e.g. "--print"). */
const struct plugin *plugin_get(const char *what, struct msg *m);

#endif
