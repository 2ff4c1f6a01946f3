/* hyphdict: libhyphen's automaton written to a cache file and read back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "hyphdict.h"
#include "msg.h"

#define HD_MAGIC "PLQHYPH3"
#define HD_LEVELS 2 /* libhyphen's dictionaries have one or two levels */

/* The file: a header, then per level its fixed part, its states, their
 * transitions and a pool of strings, each part padded to 8 bytes. */
struct hd_header {
	char magic[8];
	uint32_t int_size, trans_size; /* the layout of this machine */
	int64_t src_size, src_mtime, src_mtime_ns; /* the dictionary it was built from */
	uint32_t nlevels, pad;
};

struct hd_level {
	int32_t lhmin, rhmin, clhmin, crhmin;
	int32_t nohyphenl, nohyphen_len; /* nohyphen: the pool's first bytes */
	int32_t num_states, utf8;
	char cset[sizeof(((HyphenDict *)0)->cset)];
	int64_t ntrans, pool_len;
};

struct hd_state {
	int32_t match, repl;      /* offsets in the pool, -1 for NULL */
	int32_t fallback, num_trans;
	int64_t trans;            /* index of its first transition */
	int8_t replindex, replcut;
	int8_t pad[6];
};

static size_t hd_pad(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

char *hyphdict_cache_dir(void)
{
	const char *d = g_getenv("PLAQUETTE_CACHE_DIR");

	if (d && *d)
		return g_strdup(d);
	d = g_get_user_cache_dir(); /* $XDG_CACHE_HOME or ~/.cache */
	return d && *d ? g_build_filename(d, "plaquette", NULL) : NULL;
}

/* Where the cache of dictionary `real` (an absolute path) lives. */
static char *hd_cache_path(const char *dir, const char *real)
{
	char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA1, real, -1);
	char *base = g_path_get_basename(real);
	char *name = g_strdup_printf("%.16s-%s.bin", sum, base);
	char *p = g_build_filename(dir, "hyph", name, NULL);

	g_free(name);
	g_free(base);
	g_free(sum);
	return p;
}

/* Append a string to the pool; its offset, or -1 for NULL. */
static int32_t hd_pool_add(GString *pool, const char *s)
{
	int32_t off = (int32_t)pool->len;

	if (!s)
		return -1;
	g_string_append_len(pool, s, (gssize)strlen(s) + 1);
	return off;
}

/* Serialise one level of a dictionary. */
static void hd_write_level(GString *out, const HyphenDict *d)
{
	struct hd_level lv;
	GString *pool = g_string_new(NULL);
	struct hd_state *st = g_new0(struct hd_state, d->num_states ? d->num_states : 1);
	int64_t ntrans = 0;
	static const char zero[8];

	memset(&lv, 0, sizeof lv); /* padding included: the file is compared */
	lv.lhmin = d->lhmin;
	lv.rhmin = d->rhmin;
	lv.clhmin = d->clhmin;
	lv.crhmin = d->crhmin;
	lv.nohyphenl = d->nohyphenl;
	lv.num_states = d->num_states;
	lv.utf8 = d->utf8;
	/* nohyphen: nohyphenl + 1 strings one after the other (libhyphen
	 * counts the commas between them) */
	for (int i = 0, off = 0; d->nohyphen && i <= d->nohyphenl; i++) {
		size_t n = strlen(d->nohyphen + off) + 1;

		g_string_append_len(pool, d->nohyphen + off, (gssize)n);
		off += (int)n;
	}
	lv.nohyphen_len = (int32_t)pool->len;
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];

		st[i].match = hd_pool_add(pool, s->match);
		st[i].repl = hd_pool_add(pool, s->repl);
		st[i].fallback = s->fallback_state;
		st[i].num_trans = s->num_trans;
		st[i].trans = ntrans;
		st[i].replindex = s->replindex;
		st[i].replcut = s->replcut;
		ntrans += s->num_trans;
	}
	memcpy(lv.cset, d->cset, sizeof lv.cset);
	lv.ntrans = ntrans;
	lv.pool_len = (int64_t)pool->len;
	g_string_append_len(out, (const char *)&lv, sizeof lv);
	g_string_append_len(out, (const char *)st, (gssize)(sizeof *st * (size_t)d->num_states));
	for (int i = 0; i < d->num_states; i++)
		for (int t = 0; t < d->states[i].num_trans; t++) {
			HyphenTrans tr;

			memset(&tr, 0, sizeof tr); /* no stray padding bytes in the file */
			tr.ch = d->states[i].trans[t].ch;
			tr.new_state = d->states[i].trans[t].new_state;
			g_string_append_len(out, (const char *)&tr, sizeof tr);
		}
	g_string_append_len(out, pool->str, (gssize)pool->len);
	g_string_append_len(out, zero, (gssize)(hd_pad(out->len) - out->len));
	g_free(st);
	g_string_free(pool, TRUE);
}

/* Write the cache of `d`, built from a file of status `sb`.  Failures
 * only cost the next run the slow load. */
static void hd_write(const char *path, const HyphenDict *d, const struct stat *sb)
{
	GString *out = g_string_new(NULL);
	struct hd_header h;
	char *dir = g_path_get_dirname(path);

	memset(&h, 0, sizeof h);
	memcpy(h.magic, HD_MAGIC, sizeof h.magic);
	h.int_size = sizeof(int);
	h.trans_size = sizeof(HyphenTrans);
	h.src_size = sb->st_size;
	h.src_mtime = sb->st_mtim.tv_sec;
	h.src_mtime_ns = sb->st_mtim.tv_nsec;
	for (const HyphenDict *l = d; l && h.nlevels < HD_LEVELS; l = l->nextlevel)
		h.nlevels++;
	g_string_append_len(out, (const char *)&h, sizeof h);
	for (const HyphenDict *l = d; l && h.nlevels-- > 0; l = l->nextlevel)
		hd_write_level(out, l);
	if (g_mkdir_with_parents(dir, 0755) == 0)
		(void)g_file_set_contents(path, out->str, (gssize)out->len, NULL);
	g_free(dir);
	g_string_free(out, TRUE);
}

/* Rebuild one level from the blob at *pos (bounds checked: a damaged
 * cache is rejected, not trusted).  Returns the level or NULL. */
static HyphenDict *hd_read_level(const char *blob, size_t len, size_t *pos)
{
	struct hd_level lv;
	const struct hd_state *st;
	HyphenTrans *tr;
	char *pool;
	HyphenDict *d;
	size_t need;

	if (*pos + sizeof lv > len)
		return NULL;
	memcpy(&lv, blob + *pos, sizeof lv);
	if (lv.num_states < 1 || lv.ntrans < 0 || lv.pool_len < 0 || lv.nohyphen_len < 0 ||
	    lv.nohyphen_len > lv.pool_len || lv.nohyphenl < 0 || lv.num_states > (1 << 26) ||
	    lv.ntrans > (1 << 28) || lv.pool_len > (1 << 28))
		return NULL;
	need = sizeof lv + sizeof *st * (size_t)lv.num_states +
	       sizeof *tr * (size_t)lv.ntrans + (size_t)lv.pool_len;
	if (*pos + need > len)
		return NULL;
	st = (const struct hd_state *)(blob + *pos + sizeof lv);
	tr = (HyphenTrans *)(st + lv.num_states); /* libhyphen only reads them */
	pool = (char *)(tr + lv.ntrans);
	if (lv.pool_len > 0 && pool[lv.pool_len - 1] != '\0')
		return NULL;
	for (int64_t i = 0; i < lv.ntrans; i++)
		if (tr[i].new_state < 0 || tr[i].new_state >= lv.num_states)
			return NULL;
	d = xcalloc(1, sizeof *d);
	d->states = xmalloc((size_t)lv.num_states * sizeof *d->states); /* every field set below */
	for (int i = 0; i < lv.num_states; i++) {
		const struct hd_state *s = &st[i];

		if (s->match >= lv.pool_len || s->repl >= lv.pool_len || s->num_trans < 0 ||
		    s->trans < 0 || s->trans + s->num_trans > lv.ntrans ||
		    s->fallback < -1 || s->fallback >= lv.num_states) {
			free(d->states);
			free(d);
			return NULL;
		}
		d->states[i] = (HyphenState){
			.match = s->match >= 0 ? pool + s->match : NULL,
			.repl = s->repl >= 0 ? pool + s->repl : NULL,
			.replindex = s->replindex,
			.replcut = s->replcut,
			.fallback_state = s->fallback,
			.num_trans = s->num_trans,
			.trans = s->num_trans ? tr + s->trans : NULL,
		};
	}
	d->lhmin = (char)lv.lhmin;
	d->rhmin = (char)lv.rhmin;
	d->clhmin = (char)lv.clhmin;
	d->crhmin = (char)lv.crhmin;
	d->nohyphen = lv.nohyphen_len ? pool : NULL;
	d->nohyphenl = lv.nohyphen_len ? lv.nohyphenl : 0;
	d->num_states = lv.num_states;
	d->utf8 = lv.utf8;
	memcpy(d->cset, lv.cset, sizeof d->cset);
	d->cset[sizeof d->cset - 1] = '\0';
	*pos = hd_pad(*pos + need);
	return d;
}

/* Read the cache at `path` if it was built from the file of status sb. */
static int hd_read(struct hyphdict *h, const char *path, const struct stat *sb)
{
	GMappedFile *mf = g_mapped_file_new(path, FALSE, NULL);
	char *blob;
	gsize len;
	struct hd_header hd;
	size_t pos = sizeof hd;
	HyphenDict *lv[HD_LEVELS] = { 0 };

	if (!mf)
		return -1;
	/* mapped, not copied: the transitions and strings stay in the file */
	blob = g_mapped_file_get_contents(mf);
	len = g_mapped_file_get_length(mf);
	if (len < sizeof hd)
		goto bad;
	memcpy(&hd, blob, sizeof hd);
	if (memcmp(hd.magic, HD_MAGIC, sizeof hd.magic) || hd.int_size != sizeof(int) ||
	    hd.trans_size != sizeof(HyphenTrans) || hd.src_size != sb->st_size ||
	    hd.src_mtime != sb->st_mtim.tv_sec || hd.src_mtime_ns != sb->st_mtim.tv_nsec ||
	    hd.nlevels < 1 || hd.nlevels > HD_LEVELS)
		goto bad;
	for (uint32_t i = 0; i < hd.nlevels; i++)
		if (!(lv[i] = hd_read_level(blob, len, &pos)))
			goto bad;
	if (lv[1])
		lv[0]->nextlevel = lv[1];
	*h = (struct hyphdict){ .dict = lv[0], .blob = mf, .levels = { lv[0], lv[1] },
				.cached = 1 };
	return 0;
bad:
	for (int i = 0; i < HD_LEVELS; i++)
		if (lv[i]) {
			free(lv[i]->states);
			free(lv[i]);
		}
	g_mapped_file_unref(mf);
	return -1;
}

int hyphdict_load(struct hyphdict *h, const char *path, const char *cache_dir)
{
	struct stat sb;
	char *real, *dir = cache_dir ? g_strdup(cache_dir) : hyphdict_cache_dir(), *cpath = NULL;

	*h = (struct hyphdict){ 0 };
	real = realpath(path, NULL);
	if (!real || stat(real, &sb) != 0) {
		free(real);
		g_free(dir);
		return -1;
	}
	if (dir) {
		cpath = hd_cache_path(dir, real);
		if (hd_read(h, cpath, &sb) == 0)
			goto done;
	}
	h->dict = hnj_hyphen_load(real);
	if (h->dict && cpath)
		hd_write(cpath, h->dict, &sb);
done:
	g_free(cpath);
	g_free(dir);
	free(real);
	return h->dict ? 0 : -1;
}

void hyphdict_free(struct hyphdict *h)
{
	if (!h || !h->dict)
		return;
	if (!h->cached) {
		hnj_hyphen_free(h->dict);
	} else {
		for (int i = 0; i < HD_LEVELS; i++)
			if (h->levels[i]) {
				free(((HyphenDict *)h->levels[i])->states);
				free(h->levels[i]);
			}
		g_mapped_file_unref(h->blob);
	}
	*h = (struct hyphdict){ 0 };
}
