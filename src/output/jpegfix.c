/* jpegfix: /Decode for inverted (Adobe) CMYK JPEGs. */
#include <stdlib.h>
#include <string.h>

#include "jpegfix.h"

/* Whether JPEG data has an Adobe APP14 marker before its first scan. */
static int jpegfix_adobe(const unsigned char *d, size_t n)
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

/* Whether stream oh is a DeviceCMYK DCT image with no /Decode. */
static int jpegfix_candidate(qpdf_data q, qpdf_oh oh)
{
	qpdf_oh dict, v;
	int yes;

	if (!qpdf_oh_is_stream(q, oh))
		return 0;
	dict = qpdf_oh_get_dict(q, oh);
	yes = qpdf_oh_has_key(q, dict, "/Subtype") && !qpdf_oh_has_key(q, dict, "/Decode");
	if (yes) {
		v = qpdf_oh_get_key(q, dict, "/Subtype");
		yes = qpdf_oh_is_name_and_equals(q, v, "/Image");
		qpdf_oh_release(q, v);
	}
	if (yes) {
		v = qpdf_oh_get_key(q, dict, "/Filter");
		yes = qpdf_oh_is_name_and_equals(q, v, "/DCTDecode");
		qpdf_oh_release(q, v);
	}
	if (yes) {
		v = qpdf_oh_get_key(q, dict, "/ColorSpace");
		yes = qpdf_oh_is_name_and_equals(q, v, "/DeviceCMYK");
		qpdf_oh_release(q, v);
	}
	qpdf_oh_release(q, dict);
	return yes;
}

size_t jpegfix_apply(qpdf_data q)
{
	qpdf_oh trailer = qpdf_get_trailer(q), size = qpdf_oh_get_key(q, trailer, "/Size");
	long long n = qpdf_oh_get_int_value(q, size);
	size_t fixed = 0;

	qpdf_oh_release(q, size);
	qpdf_oh_release(q, trailer);
	for (long long id = 1; id < n && id < 10000000; id++) {
		qpdf_oh oh = qpdf_get_object_by_id(q, (int)id, 0);
		unsigned char *buf = NULL;
		size_t len = 0;

		if (jpegfix_candidate(q, oh) &&
		    !(qpdf_oh_get_stream_data(q, oh, qpdf_dl_none, NULL, &buf, &len) & QPDF_ERRORS) &&
		    jpegfix_adobe(buf, len)) {
			qpdf_oh dict = qpdf_oh_get_dict(q, oh);
			qpdf_oh dec = qpdf_oh_parse(q, "[1 0 1 0 1 0 1 0]");

			qpdf_oh_replace_key(q, dict, "/Decode", dec);
			qpdf_oh_release(q, dec);
			qpdf_oh_release(q, dict);
			fixed++;
		}
		free(buf);
		qpdf_oh_release(q, oh);
	}
	return fixed;
}
