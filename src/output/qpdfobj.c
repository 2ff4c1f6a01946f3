/* qpdfobj: helpers over libqpdf object handles. */
#include "qpdfobj.h"

#include <stdlib.h>

#include "msg.h"

int qpdfobj_rect(qpdf_data q, qpdf_oh a, double r[4])
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

/* See pdfobj.h. */
qpdf_oh *qpdfobj_dict_values(qpdf_data q, qpdf_oh d, size_t *n)
{
	char **keys = NULL;
	qpdf_oh *vals;
	size_t cap = 0, nk = 0;

	*n = 0;
	if (!qpdf_oh_is_dictionary(q, d))
		return NULL;
	qpdf_oh_begin_dict_key_iter(q, d);
	while (qpdf_oh_dict_more_keys(q)) {
		xgrow(&keys, &cap, nk + 1, sizeof *keys);
		keys[nk++] = xstrdup(qpdf_oh_dict_next_key(q));
	}
	vals = xcalloc(nk, sizeof *vals);
	for (size_t i = 0; i < nk; i++) {
		vals[i] = qpdf_oh_get_key(q, d, keys[i]);
		free(keys[i]);
	}
	free(keys);
	*n = nk;
	return vals;
}

int qpdfobj_seen(struct qpdfobj_ids *s, int id)
{
	if (id == 0)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = id;
	return 0;
}
