/* vector: plaquette-vector.so's table, linked in or loaded (plugload.h). */
#include "plugload.h"
#include "vector.h"
#include "version.h"

/* Defined when this binary holds the plugin's objects itself. */
extern const struct vector_api plaquette_vector __attribute__((weak));

const struct vector_api *vector_get(const char *what, struct msg *m)
{
	if (&plaquette_vector)
		return &plaquette_vector;
	return plugload_open(VECTOR_FILE, VECTOR_SYMBOL, PLAQUETTE_VERSION, vector_abi(), what, m);
}
