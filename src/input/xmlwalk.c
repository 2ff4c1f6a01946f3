/* xmlwalk: the elements of a libxml2 tree in document order. */
#include "xmlwalk.h"

xmlNode *xmlwalk_next(xmlNode *root, xmlNode *k)
{
	if (k->children && k->type == XML_ELEMENT_NODE)
		return k->children;
	while (k && k != root && !k->next)
		k = k->parent;
	return k && k != root ? k->next : NULL;
}
