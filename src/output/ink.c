/* ink: content-stream colours made DeviceGray or DeviceCMYK (lcms2), for the CMYK edition. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lcms2.h>

#include "ink.h"
#include "msg.h"
#include "pdftok.h"

struct ink {
	const struct ink_named *named; /* the sheet's named colours */
	int nnamed;              /* how many */
	int gray_neutrals;       /* r = g = b becomes DeviceGray */
	cmsHTRANSFORM to_cmyk;   /* sRGB to the printer's CMYK; NULL = no conversion */
};

/* One of the last operands read before an operator. */
struct ink_operand {
	size_t start;           /* its first byte */
	size_t end;             /* one past its last byte */
	int number;             /* whether it is a number */
	double num;             /* its value when it is one */
};

/* One rewrite, token by token. */
struct ink_run {
	const struct ink *k;       /* what to do */
	const unsigned char *s;    /* the data */
	char *out;                 /* the rewritten data */
	size_t len, cap;           /* its length and allocation */
	struct ink_operand ops[3]; /* the last three operands */
	size_t nops;               /* operands since the last operator */
	size_t copied;             /* data before this is in out already */
	size_t changed;            /* operators rewritten */
	size_t outer;              /* where the outermost open array or dictionary began */
	int depth;                 /* arrays and dictionaries open */
};

struct ink *ink_new(const struct ink_named *named, int n, int gray_neutrals,
		    const unsigned char *rgb, size_t rgb_len,
		    const unsigned char *cmyk, size_t cmyk_len)
{
	struct ink *k = xcalloc(1, sizeof *k);
	cmsHPROFILE in = NULL, out = NULL;

	k->named = named;
	k->nnamed = n;
	k->gray_neutrals = gray_neutrals;
	if (!rgb || !cmyk)
		return k;
	in = cmsOpenProfileFromMem(rgb, (cmsUInt32Number)rgb_len);
	out = cmsOpenProfileFromMem(cmyk, (cmsUInt32Number)cmyk_len);
	if (in && out)
		k->to_cmyk = cmsCreateTransform(in, TYPE_RGB_DBL, out, TYPE_CMYK_DBL,
						INTENT_RELATIVE_COLORIMETRIC,
						cmsFLAGS_BLACKPOINTCOMPENSATION);
	if (in)
		cmsCloseProfile(in);
	if (out)
		cmsCloseProfile(out);
	if (!k->to_cmyk) {
		free(k);
		return NULL;
	}
	return k;
}

void ink_free(struct ink *k)
{
	if (!k)
		return;
	if (k->to_cmyk)
		cmsDeleteTransform(k->to_cmyk);
	free(k);
}

int ink_cmyk(const struct ink *k, const double rgb[3], double cmyk[4])
{
	double v[4];

	if (!k->to_cmyk)
		return -1;
	cmsDoTransform(k->to_cmyk, rgb, v, 1);
	for (int i = 0; i < 4; i++) /* lcms2 gives 0..100 */
		cmyk[i] = v[i] < 0 ? 0 : v[i] > 100 ? 1 : v[i] / 100;
	return 0;
}

static void ink_add(struct ink_run *r, const char *s, size_t n)
{
	xgrow(&r->out, &r->cap, r->len + n + 1, 1);
	memcpy(r->out + r->len, s, n);
	r->len += n;
}

/* Keep the last three operands read (nops counts all of them). */
static void ink_push(struct ink_run *r, const struct ink_operand *op)
{
	if (r->nops >= 3)
		memmove(r->ops, r->ops + 1, 2 * sizeof *r->ops);
	r->ops[r->nops >= 3 ? 2 : r->nops] = *op;
	r->nops++;
}

/* The named colour Cairo drew as rgb (0..1 each, 8-bit values), or NULL. */
static const struct ink_named *ink_find(const struct ink *k, const double rgb[3])
{
	uint32_t v = 0;

	for (int i = 0; i < 3; i++) {
		double x = rgb[i] * 255;

		if (x < -0.01 || x > 255.01 || fabs(x - round(x)) > 0.01)
			return NULL;
		v = v << 8 | (uint32_t)lround(x);
	}
	for (int i = 0; i < k->nnamed; i++)
		if (k->named[i].rgb == v)
			return &k->named[i];
	return NULL;
}

/* A named colour's press value, with the overprint state for fills. */
static int ink_press(const struct ink_named *c, int stroke, char *buf, size_t n)
{
	const double *v = c->cmyk;
	int black = !c->spot && v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] == 1;
	char cs[64];

	if (c->spot) {
		snprintf(cs, sizeof cs, INK_SPOT, c->spot_index);
		return snprintf(buf, n, "%s%s %s %.4f %s", stroke ? "" : INK_KO " gs ", cs,
				stroke ? "CS" : "cs", c->tint, stroke ? "SCN" : "scn") > 0;
	}
	return snprintf(buf, n, "%s%.4f %.4f %.4f %.4f %s",
			stroke ? "" : black ? INK_OP " gs " : INK_KO " gs ",
			v[0], v[1], v[2], v[3], stroke ? "K" : "k") > 0;
}

/* The replacement of "r g b rg" (stroke: "RG") in buf[n], or 0 to keep it. */
static int ink_colour(const struct ink_run *r, int stroke, char *buf, size_t n)
{
	const struct ink_named *named;
	const char *ko = stroke ? "" : INK_KO " gs ";
	double rgb[3], c[4];

	if (r->nops != 3)
		return 0;
	for (int i = 0; i < 3; i++) {
		if (!r->ops[i].number)
			return 0;
		rgb[i] = r->ops[i].num;
	}
	named = ink_find(r->k, rgb);
	if (named)
		return ink_press(named, stroke, buf, n);
	if (r->k->gray_neutrals && rgb[0] == rgb[1] && rgb[1] == rgb[2])
		return snprintf(buf, n, "%s%.4f %s", ko, rgb[0], stroke ? "G" : "g") > 0;
	if (ink_cmyk(r->k, rgb, c) < 0)
		return 0;
	return snprintf(buf, n, "%s%.4f %.4f %.4f %.4f %s", ko, c[0], c[1], c[2], c[3],
			stroke ? "K" : "k") > 0;
}

/* pdftok callback: colour operators replaced; an array or dictionary
 * counts as one operand; everything else is copied. */
static int ink_token(void *ctx, const struct pdftok *t)
{
	struct ink_run *r = ctx;
	char buf[160];

	if (t->kind == PDFTOK_SPACE)
		return 0;
	if (t->kind == PDFTOK_OPEN && r->depth++ == 0)
		r->outer = t->start;
	if (t->kind == PDFTOK_CLOSE && r->depth > 0 && --r->depth == 0)
		ink_push(r, &(struct ink_operand){ .start = r->outer, .end = t->end });
	if (t->kind == PDFTOK_OPEN || t->kind == PDFTOK_CLOSE || r->depth > 0)
		return 0;
	if (t->kind != PDFTOK_OPERATOR) {
		ink_push(r, &(struct ink_operand){
			.start = t->start, .end = t->end,
			.number = t->kind == PDFTOK_NUMBER, .num = t->num });
		return 0;
	}
	if ((pdftok_is(t, "rg") || pdftok_is(t, "RG")) &&
	    ink_colour(r, t->value[0] == 'R', buf, sizeof buf)) {
		ink_add(r, (const char *)r->s + r->copied, r->ops[0].start - r->copied);
		ink_add(r, buf, strlen(buf));
		r->copied = t->end;
		r->changed++;
	}
	r->nops = 0;
	return 0;
}

size_t ink_rewrite(const struct ink *k, const unsigned char *s, size_t len,
		   char **out, size_t *out_len)
{
	struct ink_run r = { .k = k, .s = s };

	*out = NULL;
	*out_len = 0;
	if (pdftok_scan(s, len, ink_token, &r) != 0 || !r.changed) {
		free(r.out);
		return 0;
	}
	ink_add(&r, (const char *)s + r.copied, len - r.copied);
	*out = r.out;
	*out_len = r.len;
	return r.changed;
}
