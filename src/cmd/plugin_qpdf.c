/* plugin_qpdf: the table of plaquette-qpdf.so (plugin.h). */
#include "booklet.h"
#include "jobsheet.h"
#include "plugin.h"
#include "version.h"

const struct plugin plaquette_plugin = {
	.version = PLAQUETTE_VERSION,
	.abi = plugin_abi(),
	.post_process = post_process,
	.post_cmyk = post_cmyk,
	.preflight_check = preflight_check,
	.jobsheet_main = jobsheet_main,
	.booklet_main = booklet_main,
};
