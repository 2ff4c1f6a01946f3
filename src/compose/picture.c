/* picture: an <image>'s placement from the sheet's <picture> rules and its own attributes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "picture.h"

/* The sheet's <picture> element called `name`, or NULL. */
static const struct node *picture_rule(const struct style_sheet *s, const char *name)
{
	for (const struct node *n = style_root(s)->first; n; n = n->next)
		if (n->type == N_ELEM && !strcmp(n->name, "picture") && doc_attr(n, "name") &&
		    !strcmp(doc_attr(n, "name"), name))
			return n;
	return NULL;
}

/* Where a value came from, for messages. */
struct picture_src {
	const char *file;
	const struct node *n;
	const char *name;   /* rule name, or "<image>" */
	struct msg *m;
};

static int picture_bad(const struct picture_src *w, const char *attr, const char *v,
		       const char *what)
{
	char who[160];

	msg_at(w->m, M_SHEET_VALUE, w->file, doc_attr_line(w->n, attr), 0,
	       style_what(w->n, who, sizeof who), attr, v, what);
	return -1;
}

/* width: a length, or a share "N%" (0 < N <= 100). */
static int picture_extent(const struct picture_src *w, const char *attr, int *len, double *share)
{
	const char *v = doc_attr(w->n, attr);
	char *end;

	if (!v)
		return 0;
	if (v[0] && v[strlen(v) - 1] == '%') {
		double x = strtod(v, &end);

		if (end == v || *end != '%' || !(x > 0 && x <= 100))
			return picture_bad(w, attr, v, "a share from 1% to 100%");
		*share = x / 100.0;
		*len = 0;
		return 0;
	}
	if (style_parse_length(v, len) < 0 || *len <= 0)
		return picture_bad(w, attr, v, "a length (40mm, 12pt) or a share (50%)");
	if (share)
		*share = 0;
	return 0;
}

static int picture_length(const struct picture_src *w, const char *attr, int *out)
{
	const char *v = doc_attr(w->n, attr);

	if (v && (style_parse_length(v, out) < 0 || *out < 0))
		return picture_bad(w, attr, v, "a length (40mm, 12pt)");
	return 0;
}

/* A share from 1% to 100%, as a fraction. */
static int picture_share(const struct picture_src *w, const char *attr, double *out)
{
	const char *v = doc_attr(w->n, attr);
	char *end;
	double x;

	if (!v)
		return 0;
	x = strtod(v, &end);
	if (end == v || strcmp(end, "%") || !(x >= 1 && x <= 100))
		return picture_bad(w, attr, v, "a share from 1% to 100%");
	*out = x / 100.0;
	return 0;
}

static int picture_focus(const struct picture_src *w, double *fx, double *fy)
{
	const char *v = doc_attr(w->n, "focus");
	double x, y;
	char c1, c2;

	if (!v)
		return 0;
	if (sscanf(v, "%lf%c %lf%c", &x, &c1, &y, &c2) != 4 || c1 != '%' || c2 != '%' ||
	    !(x >= 0 && x <= 100 && y >= 0 && y <= 100))
		return picture_bad(w, "focus", v, "two shares, across and down (\"50% 30%\")");
	*fx = x / 100;
	*fy = y / 100;
	return 1;
}

/* One keyword among `names` (NULL-terminated) into *out. */
static int picture_keyword(const struct picture_src *w, const char *attr,
			   const char *const *names, const char *what, int *out)
{
	const char *v = doc_attr(w->n, attr);

	if (!v)
		return 0;
	for (int i = 0; names[i]; i++) {
		if (!strcmp(v, names[i])) {
			*out = i;
			return 0;
		}
	}
	return picture_bad(w, attr, v, what);
}

/* Applies the attributes of w->n (a sheet rule or the element) to p. */
static int picture_apply(struct picture *p, const struct picture_src *w)
{
	static const char *const fits[] = { "contain", "cover", NULL };
	static const char *const places[] = { "here", "background", "top", "bottom", NULL };
	static const char *const spans[] = { "no", "yes", NULL };
	static const char *const aligns[] = { "left", "center", "right", NULL };
	int place = (int)p->place, e = 0;

	e |= picture_extent(w, "width", &p->width, &p->share);
	e |= picture_length(w, "height", &p->height);
	e |= picture_keyword(w, "fit", fits, "contain or cover", &p->cover);
	switch (picture_focus(w, &p->fx, &p->fy)) {
	case -1:
		e = -1;
		break;
	case 1:
		p->focus = 1;
		break;
	}
	e |= picture_keyword(w, "place", places, "here, top, bottom or background", &place);
	p->place = (enum picture_place)place;
	e |= picture_keyword(w, "span", spans, "yes or no", &p->span);
	e |= picture_length(w, "space-before", &p->space_before);
	e |= picture_length(w, "space-after", &p->space_after);
	e |= picture_length(w, "min-width", &p->min_width);
	e |= picture_share(w, "shrink-to-fill", &p->shrink);
	e |= picture_keyword(w, "align", aligns, "left, center or right", &p->align);
	if (doc_attr(w->n, "slot"))
		p->slot = doc_attr(w->n, "slot");
	return e ? -1 : 0;
}

int picture_resolve(struct picture *p, const struct node *n, const char *ctx,
		    const struct style_sheet *s, const struct image_set *set, const char *file,
		    struct msg *m)
{
	char name[96];
	const struct node *rule;
	const char *deco = doc_attr(n, "decorative");
	int e = 0;

	*p = (struct picture){
		.image = set ? image_of(set, n) : NULL, .src = n, .share = 1.0, .shrink = 1.0,
		.fx = 0.5, .fy = 0.5,
		.align = 1, .space_before = STYLE_PT(4), .space_after = STYLE_PT(6),
	};
	if (n->parent && n->parent->type == N_FIGURE)
		p->figure = n->parent;
	snprintf(name, sizeof name, "%s-image", ctx);
	rule = picture_rule(s, name);
	if (!rule)
		rule = picture_rule(s, "image");
	if (rule) {
		struct picture_src w = { .file = s->file, .n = rule, .name = doc_attr(rule, "name"), .m = m };

		e |= picture_apply(p, &w);
	}
	{
		struct picture_src w = { .file = file, .n = n, .name = "<image>", .m = m };

		e |= picture_apply(p, &w);
	}
	p->alt = deco && !strcmp(deco, "yes") ? NULL : doc_attr(n, "alt");
	p->line = n->line;
	{
		const struct node *prev = n->prev;

		while (prev && prev->type == N_TEXT)
			prev = prev->prev;
		p->anchor_line = prev ? prev->line : 0;
	}
	return e ? -1 : 0;
}

struct picture *picture_slotted(const struct doc *d, const struct style_sheet *s,
				const struct image_set *set, size_t *n, int *errors,
				struct msg *m)
{
	struct picture *v = NULL;
	size_t cap = 0;

	*n = 0;
	for (const struct node *e = d->root; e; e = doc_walk_next(d->root, e)) {
		struct picture p;

		if (e->type != N_IMAGE || !doc_attr(e, "slot"))
			continue;
		if (picture_resolve(&p, e, doc_attr(e, "slot"), s, set, d->file, m) < 0) {
			++*errors;
			continue;
		}
		if (!p.image)
			continue;
		xgrow(&v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = p;
	}
	return v;
}

void picture_size(const struct picture *p, int measure, int *w, int *h)
{
	double iw = p->image ? p->image->w : 4, ih = p->image ? p->image->h : 3;

	*w = p->width ? p->width : (int)lround(measure * p->share);
	if (*w > measure && measure > 0)
		*w = measure;
	*h = p->height ? p->height : (int)lround(*w * ih / iw);
}
