/* hyphdict: libhyphen dictionaries ready in milliseconds.
 *
 * libhyphen builds its pattern automaton from the .dic text each time it
 * loads one (about 3.4 s of CPU for the German dictionary).  The first
 * load of a dictionary writes the automaton it built to a cache file; the
 * next ones read that file back in one go.  A cache file records the
 * dictionary's size and modification time and is rebuilt when they
 * change.  The cache folder is $PLAQUETTE_CACHE_DIR, else
 * $XDG_CACHE_HOME/plaquette, else ~/.cache/plaquette; when none can be
 * written, dictionaries are loaded as libhyphen does, only slower.
 */
#ifndef PLAQUETTE_HYPHDICT_H
#define PLAQUETTE_HYPHDICT_H

#include <hyphen.h>

struct hyphdict {
	HyphenDict *dict;  /* what libhyphen's functions take; NULL if none */
	void *blob;        /* the mapped cache file (GMappedFile) the dictionary points into */
	void *levels[2];   /* our allocations when read from a cache */
	int cached;        /* read from the cache (1) or built by libhyphen (0) */
};

/* Load the dictionary at `path` through the cache folder (NULL: the
 * default one).  Returns 0, or -1 when the file cannot be loaded. */
int hyphdict_load(struct hyphdict *h, const char *path, const char *cache_dir);
void hyphdict_free(struct hyphdict *h);

/* The default cache folder (caller frees), or NULL when none is known. */
char *hyphdict_cache_dir(void);

#endif
