/* pdfread: the decoded data of a PDF's streams, within a bound.
 *
 * libqpdf's C API decodes a stream whole into memory, however large it
 * decodes to: a 1 MB Flate stream can inflate to gigabytes.  This module
 * runs qpdf's own filters (its C++ API, like pdftok.cc) into a pipeline
 * that counts the bytes and stops the decoding past a bound, so that a
 * decompression bomb costs at most the bound, never the whole inflation.
 * It reads the file with its own qpdf object, opened at the first request.
 */
#ifndef PLAQUETTE_PDFREAD_H
#define PLAQUETTE_PDFREAD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct pdfread;

enum pdfread_status {
	PDFREAD_OK,         /* the data is complete */
	PDFREAD_UNREADABLE, /* qpdf could not read or decode a stream */
	PDFREAD_TOO_BIG,    /* the data decodes to more than the bound: stopped there */
};

/* A reader of the PDF file at path (opened at the first request). */
struct pdfread *pdfread_new(const char *path);
void pdfread_free(struct pdfread *r);

/* The decoded data of the n streams ids[i] (object number, generation
 * gens[i]), one after the other with a newline between (as a page's
 * /Contents array is read), at most `limit` bytes in all: PDFREAD_OK with
 * *data (malloc'd, the caller frees) and *len; otherwise *data is NULL
 * and no more than `limit` bytes were ever held.  Filters qpdf cannot
 * decode (images' DCT and the like) give PDFREAD_UNREADABLE. */
enum pdfread_status pdfread_streams(struct pdfread *r, const int *ids, const int *gens, size_t n,
				    size_t limit, unsigned char **data, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
