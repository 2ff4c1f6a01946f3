/* figalt: /Alt on each Figure of the structure tree, in drawing order. */
#include "figalt.h"

/* Depth-first through /K; bounded like every walk over input. */
static void figalt_walk(qpdf_data q, qpdf_oh node, const char *const *alts, size_t n,
			size_t *seen, int depth)
{
	qpdf_oh k;

	if (depth > 64)
		return;
	if (qpdf_oh_is_array(q, node)) {
		int items = qpdf_oh_get_array_n_items(q, node);

		for (int i = 0; i < items && i < 100000; i++) {
			qpdf_oh c = qpdf_oh_get_array_item(q, node, i);

			figalt_walk(q, c, alts, n, seen, depth + 1);
			qpdf_oh_release(q, c);
		}
		return;
	}
	if (!qpdf_oh_is_dictionary(q, node))
		return;
	if (qpdf_oh_has_key(q, node, "/S")) {
		qpdf_oh s = qpdf_oh_get_key(q, node, "/S");

		if (qpdf_oh_is_name_and_equals(q, s, "/Figure")) {
			if (*seen < n) {
				qpdf_oh alt = qpdf_oh_new_unicode_string(q, alts[*seen]);

				qpdf_oh_replace_key(q, node, "/Alt", alt);
				qpdf_oh_release(q, alt);
			}
			++*seen;
		}
		qpdf_oh_release(q, s);
	}
	if (!qpdf_oh_has_key(q, node, "/K"))
		return;
	k = qpdf_oh_get_key(q, node, "/K");
	figalt_walk(q, k, alts, n, seen, depth + 1);
	qpdf_oh_release(q, k);
}

size_t figalt_apply(qpdf_data q, const char *const *alts, size_t n)
{
	qpdf_oh root = qpdf_get_root(q), tree;
	size_t seen = 0;

	if (qpdf_oh_has_key(q, root, "/StructTreeRoot")) {
		tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
		figalt_walk(q, tree, alts, n, &seen, 0);
		qpdf_oh_release(q, tree);
	}
	qpdf_oh_release(q, root);
	return seen;
}
