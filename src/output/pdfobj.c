/* pdfobj: helpers over libqpdf object handles. */
#include "pdfobj.h"

int pdfobj_rect(qpdf_data q, qpdf_oh a, double r[4])
{
	double t;

	if (!qpdf_oh_is_array(q, a) || qpdf_oh_get_array_n_items(q, a) != 4)
		return -1;
	for (int i = 0; i < 4; i++)
		if (!qpdf_oh_get_value_as_number(q, qpdf_oh_get_array_item(q, a, i), &r[i]))
			return -1;
	if (r[0] > r[2])
		t = r[0], r[0] = r[2], r[2] = t;
	if (r[1] > r[3])
		t = r[1], r[1] = r[3], r[3] = t;
	return 0;
}
