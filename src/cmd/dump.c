/* dump: display list and composed text as plain text. */
#include "dump.h"
#include "image.h"

static const char *const dump_kinds[] = {
	[DL_TEXT] = "text",
	[DL_RECT] = "rect",
	[DL_CHEVRONS] = "chevrons",
	[DL_LEADER] = "leader",
	[DL_LINK] = "link",
	[DL_DEST] = "dest",
	[DL_FRAME] = "frame",
	[DL_BASELINE] = "baseline",
	[DL_IMAGE] = "image",
};

/* Lengths in points with one decimal: stable across tiny float noise. */
static double dump_pt(int u)
{
	return (double)u / 1024.0;
}

void dump_layout(FILE *out, const struct layout *l)
{
	fprintf(out, "layout %d pages %.1fx%.1fpt\n", l->npages, dump_pt(l->page_w),
		dump_pt(l->page_h));
	for (int i = 0; i < l->npages; i++) {
		const struct dl_page *p = &l->pages[i];

		fprintf(out, "page %d template=%s%s", p->number,
			p->template_name ? p->template_name : "-", p->blank ? " blank" : "");
		if (p->region_template) /* share-page: the page ends in another template */
			fprintf(out, " region=%s span=%.1f", p->region_template,
				dump_pt(p->region_span));
		fputc('\n', out);
		for (size_t j = 0; j < p->n; j++) {
			const struct dl_item *it = &p->items[j];

			fprintf(out, "  %s x=%.1f y=%.1f w=%.1f h=%.1f line=%ld", dump_kinds[it->kind],
				dump_pt(it->x), dump_pt(it->y), dump_pt(it->w), dump_pt(it->h),
				it->src_line);
			if (it->kind == DL_TEXT && it->slug)
				fputs(" slug", out);
			if (it->kind == DL_TEXT && it->ratio != 0)
				fprintf(out, " r=%.2f", it->ratio);
			if (it->kind == DL_TEXT && it->xscale > 0 && it->xscale != 1.0)
				fprintf(out, " x%.3f", it->xscale);
			if (it->kind == DL_TEXT)
				fprintf(out, " \"%.*s\"", it->text_len, it->text);
			else if (it->kind == DL_IMAGE && it->image)
				fprintf(out, " %s %s %dx%dpx ppi=%.0f%s%s \"%s\"", image_format_name(it->image->format),
					it->image->colorspace, it->image->px_w, it->image->px_h, it->ppi,
					it->cover ? " cover" : "", it->bleed ? " bleed" : "",
					doc_attr(it->image->src, "src"));
			else if ((it->kind == DL_LINK || it->kind == DL_DEST) && it->uri)
				fprintf(out, " %s%s", it->level && it->kind == DL_LINK ? "#" : "", it->uri);
			fputc('\n', out);
		}
	}
}

void dump_text(FILE *out, const struct block_list *bl)
{
	for (size_t i = 0; i < bl->n; i++)
		fprintf(out, "%s\n", bl->v[i].inl.text->str);
}
