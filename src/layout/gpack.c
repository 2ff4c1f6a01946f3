/* gpack: glyph strings packed into bytes, and back. */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "gpack.h"

/* The packed bytes are appended to chunks, never moved; a glyph string's
 * bytes are found by their offset over all the chunks, kept in its
 * `space` while it is packed (gpack.h). */
struct gpack_chunk {
	guint8 *bytes;
	size_t base;            /* offset of its first byte over all chunks */
	size_t used, cap;
};

struct gpack_store {
	struct gpack_chunk *chunks;
	size_t nchunks, capchunks;
	size_t bytes, glyphs;   /* packed so far */
	GHashTable *live;       /* glyph strings unpacked from the store -> offset + 1 of
				 * their bytes there, so that packing again only frees */
	guint8 *scratch;        /* gpack_encode's buffer */
	size_t cap;
};

#define GPACK_CHUNK (1u << 20)
/* Offsets are kept in an int: no more than this many bytes are packed
 * (the rest stays as it is). */
#define GPACK_MAX_BYTES ((size_t)INT32_MAX - 1)

/* What a glyph's flags byte says follows its advance. */
enum {
	GPACK_X = 1,            /* an x offset */
	GPACK_Y = 2,            /* a y offset */
	GPACK_ATTR = 4,         /* attributes other than "starts a cluster" */
};

struct gpack_store *gpack_store_new(void)
{
	struct gpack_store *s = g_new0(struct gpack_store, 1);

	s->live = g_hash_table_new(g_direct_hash, g_direct_equal);
	return s;
}

void gpack_store_free(struct gpack_store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nchunks; i++)
		g_free(s->chunks[i].bytes);
	g_free(s->chunks);
	g_hash_table_destroy(s->live);
	g_free(s->scratch);
	g_free(s);
}

size_t gpack_store_bytes(const struct gpack_store *s, size_t *glyphs)
{
	if (glyphs)
		*glyphs = s ? s->glyphs : 0;
	return s ? s->bytes : 0;
}

static int gpack_is_packed(const PangoGlyphString *gs)
{
	return gs && gs->num_glyphs > 0 && !gs->glyphs && gs->space < 0;
}

/* Copies len bytes into the store; their offset, or -1 when it is full. */
static long gpack_keep(struct gpack_store *s, const guint8 *b, size_t len)
{
	struct gpack_chunk *c = s->nchunks ? &s->chunks[s->nchunks - 1] : NULL;
	size_t at;

	if (s->bytes + len > GPACK_MAX_BYTES)
		return -1;
	if (!c || c->cap - c->used < len) {
		size_t base = c ? c->base + c->used : 0;

		if (s->nchunks == s->capchunks) {
			s->capchunks = s->capchunks ? s->capchunks * 2 : 16;
			s->chunks = g_renew(struct gpack_chunk, s->chunks, s->capchunks);
		}
		c = &s->chunks[s->nchunks++];
		c->cap = MAX(GPACK_CHUNK, len);
		c->bytes = g_malloc(c->cap);
		c->base = base;
		c->used = 0;
	}
	at = c->base + c->used;
	memcpy(c->bytes + c->used, b, len);
	c->used += len;
	s->bytes += len;
	return (long)at;
}

/* The bytes at offset `at` (a chunk's bytes never straddle two). */
static const guint8 *gpack_at(const struct gpack_store *s, size_t at)
{
	size_t lo = 0, hi = s->nchunks;

	while (hi - lo > 1) { /* the last chunk whose base is <= at */
		size_t mid = (lo + hi) / 2;

		if (s->chunks[mid].base <= at)
			lo = mid;
		else
			hi = mid;
	}
	return s->chunks[lo].bytes + (at - s->chunks[lo].base);
}

int gpack_packed(const struct glyph_run *r, int n)
{
	for (int i = 0; i < n; i++)
		if (gpack_is_packed(r[i].glyphs))
			return 1;
	return 0;
}

/* The most bytes one glyph takes packed: five numbers of up to five
 * bytes, and the flags. */
#define GPACK_MAX_GLYPH 26

static guint8 *gpack_put(guint8 *b, uint32_t v)
{
	while (v >= 0x80) {
		*b++ = (guint8)(v | 0x80);
		v >>= 7;
	}
	*b++ = (guint8)v;
	return b;
}

/* Signed values zig-zagged: small magnitudes take one byte. */
static guint8 *gpack_put_signed(guint8 *b, int32_t v)
{
	return gpack_put(b, ((uint32_t)v << 1) ^ (uint32_t)(v >> 31));
}

static uint32_t gpack_get(const guint8 **p)
{
	uint32_t v = 0;
	int shift = 0;

	while (**p & 0x80) {
		v |= (uint32_t)(**p & 0x7f) << shift;
		shift += 7;
		++*p;
	}
	v |= (uint32_t)**p << shift;
	++*p;
	return v;
}

static int32_t gpack_get_signed(const guint8 **p)
{
	uint32_t v = gpack_get(p);

	return (int32_t)((v >> 1) ^ (0u - (v & 1)));
}

static uint32_t gpack_attr_bits(const PangoGlyphVisAttr *a)
{
	uint32_t v = 0;

	memcpy(&v, a, MIN(sizeof v, sizeof *a));
	return v;
}

/* The bytes of gs's glyphs (gs not packed, not empty), in the store's
 * scratch buffer; their length in *len. */
static const guint8 *gpack_encode(struct gpack_store *s, const PangoGlyphString *gs,
				  size_t *len)
{
	PangoGlyphVisAttr start = { 0 };
	size_t need = (size_t)gs->num_glyphs * GPACK_MAX_GLYPH;
	uint32_t usual;
	int prev = 0;
	guint8 *b;

	if (need > s->cap) {
		s->cap = need * 2;
		s->scratch = g_realloc(s->scratch, s->cap);
	}
	b = s->scratch;
	start.is_cluster_start = 1;
	usual = gpack_attr_bits(&start);
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		uint32_t attr = gpack_attr_bits(&g->attr);
		guint8 flags = (guint8)((g->geometry.x_offset ? GPACK_X : 0) |
					(g->geometry.y_offset ? GPACK_Y : 0) |
					(attr != usual ? GPACK_ATTR : 0));

		b = gpack_put(b, g->glyph);
		b = gpack_put_signed(b, g->geometry.width);
		b = gpack_put_signed(b, gs->log_clusters[i] - prev);
		prev = gs->log_clusters[i];
		*b++ = flags;
		if (flags & GPACK_X)
			b = gpack_put_signed(b, g->geometry.x_offset);
		if (flags & GPACK_Y)
			b = gpack_put_signed(b, g->geometry.y_offset);
		if (flags & GPACK_ATTR)
			b = gpack_put(b, attr);
	}
	*len = (size_t)(b - s->scratch);
	return s->scratch;
}

static void gpack_decode(PangoGlyphString *gs, const guint8 *p)
{
	PangoGlyphVisAttr start = { 0 };
	int prev = 0;

	start.is_cluster_start = 1;
	gs->glyphs = g_new(PangoGlyphInfo, gs->num_glyphs);
	gs->log_clusters = g_new(int, gs->num_glyphs);
	gs->space = gs->num_glyphs;
	for (int i = 0; i < gs->num_glyphs; i++) {
		PangoGlyphInfo *g = &gs->glyphs[i];
		guint8 flags;

		memset(g, 0, sizeof *g);
		g->glyph = gpack_get(&p);
		g->geometry.width = gpack_get_signed(&p);
		prev += gpack_get_signed(&p);
		gs->log_clusters[i] = prev;
		flags = *p++;
		if (flags & GPACK_X)
			g->geometry.x_offset = gpack_get_signed(&p);
		if (flags & GPACK_Y)
			g->geometry.y_offset = gpack_get_signed(&p);
		if (flags & GPACK_ATTR) {
			uint32_t v = gpack_get(&p);

			memcpy(&g->attr, &v, MIN(sizeof v, sizeof g->attr));
		} else {
			g->attr = start;
		}
	}
}

void gpack_pack_runs(struct gpack_store *s, const struct glyph_run *r, int n)
{
	for (int i = 0; i < n; i++) {
		PangoGlyphString *gs = r[i].glyphs;
		long at;

		if (!gs || gs->num_glyphs <= 0 || !gs->glyphs)
			continue;
		gpointer live = g_hash_table_lookup(s->live, gs);

		if (live) { /* unpacked from the store: its bytes are there */
			at = (long)GPOINTER_TO_SIZE(live) - 1;
			g_hash_table_remove(s->live, gs);
		} else {
			size_t len;
			const guint8 *bytes = gpack_encode(s, gs, &len);

			if ((at = gpack_keep(s, bytes, len)) < 0)
				continue; /* the store is full: stays as it is */
			s->glyphs += (size_t)gs->num_glyphs;
		}
		g_free(gs->glyphs);
		g_free(gs->log_clusters);
		gs->glyphs = NULL;
		gs->log_clusters = NULL;
		gs->space = (int)(-1L - at);
	}
}

void gpack_unpack_runs(struct gpack_store *s, const struct glyph_run *r, int n)
{
	for (int i = 0; i < n; i++) {
		PangoGlyphString *gs = r[i].glyphs;

		size_t at;

		if (!gpack_is_packed(gs))
			continue;
		at = (size_t)(-1L - gs->space);
		gpack_decode(gs, gpack_at(s, at));
		g_hash_table_insert(s->live, gs, GSIZE_TO_POINTER(at + 1));
	}
}

void gpack_pack_para(struct gpack_store *s, const struct para *p)
{
	for (int i = 0; p && i < p->nlines; i++)
		gpack_pack_runs(s, p->lines[i].runs, p->lines[i].nruns);
}

void gpack_unpack_para(struct gpack_store *s, const struct para *p)
{
	for (int i = 0; p && i < p->nlines; i++)
		gpack_unpack_runs(s, p->lines[i].runs, p->lines[i].nruns);
}
