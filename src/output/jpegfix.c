/* jpegfix: which JPEGs are inverted (Adobe) CMYK. */
#include <stdlib.h>
#include <string.h>

#include "jpegfix.h"

int jpegfix_adobe(const unsigned char *d, size_t n)
{
	size_t i = 2;

	if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return 0;
	while (i + 4 <= n && d[i] == 0xFF) {
		unsigned marker = d[i + 1];
		size_t len = (size_t)d[i + 2] << 8 | d[i + 3];

		if (marker == 0xDA || len < 2)
			return 0; /* the scan: no marker met */
		if (marker == 0xEE && len >= 7 && i + 9 <= n && !memcmp(d + i + 4, "Adobe", 5))
			return 1;
		i += 2 + len;
	}
	return 0;
}
