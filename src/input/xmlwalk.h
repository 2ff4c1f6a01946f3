/* xmlwalk: the elements of a libxml2 tree in document order. */
#ifndef PLAQUETTE_XMLWALK_H
#define PLAQUETTE_XMLWALK_H

#include <libxml/tree.h>

/* The node after k in a depth-first walk of root's tree (start with
 * k = root): the walk goes down into elements only, so it meets every
 * element of the tree and the other nodes that are their children; NULL
 * after the last. */
xmlNode *xmlwalk_next(xmlNode *root, xmlNode *k);

#endif
