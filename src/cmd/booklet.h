/* booklet: a PDF imposed as a saddle-stitched booklet's proof
 * (`plaquette booklet IN.pdf -o PROOF.pdf`).
 *
 * Each output page is one side of a printed sheet, landscape A3 (or A4
 * with --sheet a4), holding two pages in printer's order: for N pages
 * (a multiple of 4), sheet k (1 = outermost) has N-2k+2 | 2k-1 on its
 * front and 2k | N-2k+1 on its back — 16/1, 2/15, 14/3, 4/13, … — so that
 * the printed sheets, stacked, folded and stapled, read 1, 2, 3….  A page
 * count not a multiple of 4 is padded with blank pages before the last
 * page (the back cover stays last), and said.  Each page is cut to its
 * TrimBox (the MediaBox when it has none), drawn by poppler on a Cairo
 * PDF surface (vectors and fonts kept), the pair scaled down together
 * only when it does not fit the sheet inside BOOKLET_MARGIN_MM, with crop
 * marks at the trim, a fold mark, and a line naming the sheet, side,
 * pages and scale.
 *
 * --creep MM (the paper's thickness) moves the pages of sheet k
 * (k-1) × MM toward the fold, as the inner sheets of a folded stack push
 * out at the fore-edge.  Text nearer the fold than the safe zone
 * (--safe-zone MM, default BOOKLET_SAFE_MM), once crept, is a warning per
 * page (text positions from poppler).
 */
#ifndef PLAQUETTE_BOOKLET_H
#define PLAQUETTE_BOOKLET_H

#include "msg.h"

#define BOOKLET_SAFE_MM 5.0     /* default distance text keeps from the fold */
#define BOOKLET_MARGIN_MM 10.0  /* around the pair of pages on the sheet */
#define BOOKLET_MAX_PAGES 2000  /* longer PDFs are refused */
#define BOOKLET_MAX_BYTES (512L * 1024 * 1024)

/* Runs "booklet ARGS…" (argv[0] is "booklet").  Reports on m; the exit
 * status follows from m. */
void booklet_main(int argc, char **argv, struct msg *m);

#endif
