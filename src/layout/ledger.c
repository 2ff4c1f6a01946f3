/* ledger: every paragraph's text on the pages exactly once (ledger.h). */
#include <stdlib.h>
#include <string.h>

#include "ledger.h"

/* The byte range one line shows. */
struct ledger_range {
	int start, end;
};

static int ledger_cmp(const void *a, const void *b)
{
	const struct ledger_range *x = a, *y = b;

	return x->start != y->start ? (x->start > y->start) - (x->start < y->start)
				    : (x->end > y->end) - (x->end < y->end);
}

/* Whether text[a, b) holds nothing but white space. */
static int ledger_blank(const char *text, int a, int b)
{
	for (int i = a; i < b; i++)
		if (!strchr(" \t\n\r", text[i]))
			return 0;
	return 1;
}

/* The first words of text from byte `at`, for a message. */
static void ledger_quote(const char *text, int len, int at, char *out, size_t size)
{
	int n = len - at < (int)size - 1 ? len - at : (int)size - 1;

	/* whole characters only */
	while (n > 0 && at + n < len && (text[at + n] & 0xc0) == 0x80)
		n--;
	memcpy(out, text + at, (size_t)n);
	out[n] = 0;
}

/* The ranges of block b's lines, sorted, checked; 0 or -1 after telling. */
static int ledger_block(const struct block *k, struct ledger_range *r, size_t n, const char *file,
			struct msg *m)
{
	const char *text = k->inl.text->str;
	int len = (int)k->inl.text->len, at = 0;
	char quote[48];

	qsort(r, n, sizeof *r, ledger_cmp);
	for (size_t i = 0; i < n; i++) {
		if (r[i].start < at) {
			ledger_quote(text, len, r[i].start, quote, sizeof quote);
			msg_at(m, M_LEDGER_TWICE, file, k->line, 0, k->what, quote);
			return -1;
		}
		if (!ledger_blank(text, at, r[i].start))
			break;
		at = r[i].end;
	}
	if (!ledger_blank(text, at, len)) {
		while (at < len && strchr(" \t\n\r", text[at]))
			at++;
		ledger_quote(text, len, at, quote, sizeof quote);
		msg_at(m, M_LEDGER_LOST, file, k->line, 0, k->what, quote);
		return -1;
	}
	return 0;
}

int ledger_check(const struct layout *l, const struct block_list *bl, const char *file,
		 struct msg *m)
{
	size_t *count = xcalloc(bl->n + 1, sizeof *count), *first = xcalloc(bl->n + 1, sizeof *first);
	struct ledger_range *all;
	int rc = 0;

	/* the lines of each paragraph, counted, then gathered block by block */
	for (int p = 0; p < l->npages; p++)
		for (size_t j = 0; j < l->pages[p].n; j++) {
			const struct dl_item *it = &l->pages[p].items[j];

			if (it->kind == DL_TEXT && it->block > 0 && (size_t)it->block <= bl->n)
				count[it->block - 1]++;
		}
	for (size_t b = 0; b < bl->n; b++) {
		first[b + 1] = first[b] + count[b];
		count[b] = 0;
	}
	all = xmalloc((first[bl->n] + 1) * sizeof *all);
	for (int p = 0; p < l->npages; p++)
		for (size_t j = 0; j < l->pages[p].n; j++) {
			const struct dl_item *it = &l->pages[p].items[j];
			const struct block *k;

			if (it->kind != DL_TEXT || it->block <= 0 || (size_t)it->block > bl->n)
				continue;
			k = &bl->v[it->block - 1];
			all[first[it->block - 1] + count[it->block - 1]++] = (struct ledger_range){
				(int)(it->text - k->inl.text->str),
				(int)(it->text - k->inl.text->str) + it->text_len,
			};
		}
	for (size_t b = 0; b < bl->n; b++) {
		const struct block *k = &bl->v[b];

		if (k->kind != BLK_PARA || !k->inl.text || !k->inl.text->len)
			continue;
		if (ledger_block(k, all + first[b], count[b], file, m) < 0)
			rc = -1;
	}
	free(all);
	free(count);
	free(first);
	return rc;
}
