/* pdfstr: the one writer of strings, names and URIs that go into a PDF,
 * and the one rule for which links a PDF may carry.
 *
 * Every module that writes PDF objects (pdf.c through Cairo's tag
 * attributes, post.c through qpdf or PostScript) uses these, so that no
 * text from the document can close a string, start a name or an action:
 *   - pdfstr_literal: "(…)" with ( ) \ escaped and every byte outside
 *     printable ASCII as \ooo, or "<FEFF…>" (UTF-16BE) for non-ASCII text;
 *   - pdfstr_name: "/…" with # and every byte outside ! … ~ or a
 *     delimiter written #xx;
 *   - pdfstr_uri: a link's address as 7-bit ASCII in which nothing needs
 *     escaping: every byte outside RFC 3986's unreserved and reserved
 *     characters, and ( ) ' \, percent-encoded (an existing %XX kept);
 *   - pdfstr_cairo_attr: a value for a Cairo tag attribute ('…', with '
 *     and \ escaped).
 * Links are only http://, https://, mailto: and internal destinations
 * (#name): pdfstr_link_refused says why any other is refused.
 */
#ifndef PLAQUETTE_PDFSTR_H
#define PLAQUETTE_PDFSTR_H

#include <stddef.h>

/* A growing string. */
struct pdfstr {
	char *s;
	size_t len, cap;
};

void pdfstr_add(struct pdfstr *b, const char *s, size_t n);
void pdfstr_free(struct pdfstr *b);

void pdfstr_literal(struct pdfstr *b, const char *utf8);
void pdfstr_name(struct pdfstr *b, const char *s);
void pdfstr_uri(struct pdfstr *b, const char *uri);
void pdfstr_cairo_attr(struct pdfstr *b, const char *v);

/* NULL when `uri` may be a link; else why not, in words. */
const char *pdfstr_link_refused(const char *uri);

#endif
