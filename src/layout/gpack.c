/* gpack: glyph strings packed into bytes, and back. */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "gpack.h"

struct gpack_store {
	GHashTable *packed;     /* PangoGlyphString * -> its packed bytes (g_free'd) */
	size_t bytes, glyphs;   /* packed so far */
	guint8 *scratch;        /* gpack_encode's buffer */
	size_t cap;
};

/* What a glyph's flags byte says follows its advance. */
enum {
	GPACK_X = 1,            /* an x offset */
	GPACK_Y = 2,            /* a y offset */
	GPACK_ATTR = 4,         /* attributes other than "starts a cluster" */
};

struct gpack_store *gpack_store_new(void)
{
	struct gpack_store *s = g_new0(struct gpack_store, 1);

	s->packed = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	return s;
}

void gpack_store_free(struct gpack_store *s)
{
	if (!s)
		return;
	g_hash_table_destroy(s->packed);
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
	return gs && gs->num_glyphs > 0 && !gs->glyphs;
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

		if (!gs || gs->num_glyphs <= 0 || !gs->glyphs)
			continue;
		if (!g_hash_table_contains(s->packed, gs)) {
			size_t len;
			const guint8 *bytes = gpack_encode(s, gs, &len);

			g_hash_table_insert(s->packed, gs, g_memdup2(bytes, len));
			s->bytes += len;
			s->glyphs += (size_t)gs->num_glyphs;
		}
		g_free(gs->glyphs);
		g_free(gs->log_clusters);
		gs->glyphs = NULL;
		gs->log_clusters = NULL;
		gs->space = 0;
	}
}

void gpack_unpack_runs(struct gpack_store *s, const struct glyph_run *r, int n)
{
	for (int i = 0; i < n; i++) {
		PangoGlyphString *gs = r[i].glyphs;
		const guint8 *bytes;

		if (!gpack_is_packed(gs))
			continue;
		bytes = g_hash_table_lookup(s->packed, gs);
		if (!bytes)
			g_error("gpack: a packed glyph string the store does not hold");
		gpack_decode(gs, bytes);
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
