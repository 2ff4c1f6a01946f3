/* xmlmsg: libxml2's errors, told in plain words.
 *
 * Every parser and RelaxNG error libxml2 reports goes through here: the
 * message is chosen by libxml2's error domain and code (never by its
 * English text), placed at file:line:col, names the element and says what
 * is wrong and what to do.  What the schema allows (an element's children
 * in order, an attribute's values, the element names) is read from the
 * schema itself, so no element name is written in C.
 */
#ifndef PLAQUETTE_XMLMSG_H
#define PLAQUETTE_XMLMSG_H

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "msg.h"

struct xmlmsg {
	struct msg *m;
	const char *file;      /* the user's path */
	const char *buf;       /* the source, to place start tags and comments */
	long len;
	xmlDocPtr schema;      /* the RelaxNG schema's own tree; NULL = not known */
	const char *schema_file; /* its path, for messages */
	int reported;          /* errors reported so far */
	int syntax_seen;       /* a well-formedness error was told: the rest follow from it */
	int pending;           /* errors inside entities, told where they are used */
	const void *last_node; /* the element of the last schema message */
	const void *attr_node; /* the first element whose attributes RelaxNG refused */
	const void *told[32];  /* the elements schema messages were told for (the first 32) */
	int ntold;
};

/* The structured error handler for the parser and the RelaxNG validator
 * (data is a struct xmlmsg). */
void xmlmsg_on_error(void *data, xmlErrorPtr err);

/* Checks what the schema cannot say, on a valid document: no element that
 * holds text is empty, every xml:lang is a language plaquette knows.
 * Returns the number of errors reported. */
int xmlmsg_check_doc(struct xmlmsg *c, xmlDocPtr doc);

/* After a refused document no message placed: finds the first element
 * whose attributes the schema refuses and tells it at its line (libxml2
 * gives no element for some of them).  Returns the errors reported. */
int xmlmsg_find_refused(struct xmlmsg *c, xmlDocPtr doc);

/* Where the start tag of node begins in the source (libxml2 gives the line
 * where it ends, and no column).  *col is 0 when unknown. */
void xmlmsg_node_pos(const struct xmlmsg *c, const xmlNode *node, long *line, long *col);

#endif
