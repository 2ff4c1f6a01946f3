/* plugin: plaquette-qpdf.so's table, linked in or loaded (plugload.h). */
#include "plugin.h"
#include "plugload.h"
#include "version.h"

/* Defined when this binary holds the plugin's objects itself. */
extern const struct plugin plaquette_plugin __attribute__((weak));

const struct plugin *plugin_get(const char *what, struct msg *m)
{
	if (&plaquette_plugin)
		return &plaquette_plugin;
	return plugload_open(PLUGIN_FILE, PLUGIN_SYMBOL, PLAQUETTE_VERSION, plugin_abi(), what, m);
}
