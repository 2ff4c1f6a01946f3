/* plugload: a plugin found beside the executable or in PLUGINDIR, loaded with dlopen. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "plugload.h"

/* The executable's folder into dir (empty when unknown). */
static void plugload_exe_dir(char *dir, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", dir, n - 1);
	char *slash;

	dir[len > 0 ? len : 0] = '\0';
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		dir[0] = '\0';
}

const void *plugload_open(const char *file, const char *symbol, const char *version,
			  size_t abi, const char *what, struct msg *m)
{
	char dirs[2][PATH_MAX], path[PATH_MAX + 64], why[PATH_MAX + 256];
	const struct plugload_head *p;
	void *h;

	plugload_exe_dir(dirs[0], sizeof dirs[0]);
	snprintf(dirs[1], sizeof dirs[1], "%s", PLUGINDIR);
	for (int i = 0; i < 2; i++) {
		if (!dirs[i][0])
			continue;
		snprintf(path, sizeof path, "%s/%s", dirs[i], file);
		if (access(path, F_OK) != 0)
			continue;
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			snprintf(why, sizeof why, "it cannot be loaded: %s", dlerror());
			msg_at(m, M_PLUGIN, NULL, 0, 0, what, path, why);
			return NULL;
		}
		p = dlsym(h, symbol);
		if (!p || !p->version || strcmp(p->version, version) != 0 || p->abi != abi) {
			msg_at(m, M_PLUGIN, NULL, 0, 0, what, path,
			       "it was built for another version of plaquette: run make (or make install) again");
			dlclose(h);
			return NULL;
		}
		return p;
	}
	snprintf(why, sizeof why, "it is neither beside the program (%s) nor in %s: run make, "
		 "or make install", dirs[0][0] ? dirs[0] : "?", PLUGINDIR);
	msg_at(m, M_PLUGIN, NULL, 0, 0, what, file, why);
	return NULL;
}
