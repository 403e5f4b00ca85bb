/* shape.c - HarfBuzz shaping for the PDF backend: kerning (the font's
 * GPOS or kern pairs) and ligatures (fi, fl where the font has them)
 * in the widths the layout measures and in the glyphs pdf.c draws. */
#include <stdlib.h>

#include <hb.h>

#include "base/util.h"
#include "out/shape.h"

struct shaper {
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	hb_buffer_t *buf;
	hb_language_t lang;
	double scale;		/* font units to thousandths of an em */
};

struct shaper *
shaper_open(const char *path, const char *lang)
{
	struct shaper *sh;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	unsigned upem;

	if (blob == NULL)
		return NULL;
	sh = xcalloc(1, sizeof(*sh));
	sh->blob = blob;
	sh->face = hb_face_create(blob, 0);
	upem = hb_face_get_upem(sh->face);
	if (hb_face_get_glyph_count(sh->face) == 0 || upem == 0) {
		shaper_close(sh);
		return NULL;
	}
	sh->font = hb_font_create(sh->face);
	hb_font_set_scale(sh->font, (int)upem, (int)upem);
	sh->buf = hb_buffer_create();
	sh->lang = hb_language_from_string(lang, -1);
	sh->scale = 1000.0 / upem;
	return sh;
}

void
shaper_close(struct shaper *sh)
{
	if (sh == NULL)
		return;
	hb_buffer_destroy(sh->buf);
	hb_font_destroy(sh->font);
	hb_face_destroy(sh->face);
	hb_blob_destroy(sh->blob);
	free(sh);
}

double
shaper_advance(struct shaper *sh, unsigned gid)
{
	return hb_font_get_glyph_h_advance(sh->font, gid) * sh->scale;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)be16(p) << 16 | be16(p + 2);
}

/* The glyph data of gid in glyf[0..n), from the loca table. */
static const unsigned char *
glyph_data(hb_blob_t *glyf, hb_blob_t *loca, int longloc, unsigned gid,
    unsigned *len)
{
	unsigned gn, ln;
	const unsigned char *g = (const unsigned char *)hb_blob_get_data(glyf, &gn);
	const unsigned char *l = (const unsigned char *)hb_blob_get_data(loca, &ln);
	unsigned long a, b;

	if (longloc && (gid + 2) * 4UL <= ln) {
		a = be32(l + gid * 4);
		b = be32(l + gid * 4 + 4);
	} else if (!longloc && (gid + 2) * 2UL <= ln) {
		a = be16(l + gid * 2) * 2UL;
		b = be16(l + gid * 2 + 2) * 2UL;
	} else {
		return NULL;
	}
	if (a >= b || b > gn || b - a < 10)
		return NULL;
	*len = (unsigned)(b - a);
	return g + a;
}

size_t
shaper_closure(struct shaper *sh, unsigned gid, unsigned *out, size_t max)
{
	hb_blob_t *glyf = hb_face_reference_table(sh->face, HB_TAG('g', 'l', 'y', 'f'));
	hb_blob_t *loca = hb_face_reference_table(sh->face, HB_TAG('l', 'o', 'c', 'a'));
	hb_blob_t *head = hb_face_reference_table(sh->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hn, len, flags, i;
	const unsigned char *h = (const unsigned char *)hb_blob_get_data(head, &hn), *g, *p;
	int longloc = hn >= 54 && be16(h + 50) != 0;
	size_t n = 0, k;

	if (max > 0)
		out[n++] = gid;
	/* Each glyph found is looked into once, in the order found. */
	for (k = 0; k < n; k++) {
		if ((g = glyph_data(glyf, loca, longloc, out[k], &len)) == NULL ||
		    (be16(g) & 0x8000) == 0)
			continue;	/* empty, or a simple glyph */
		for (p = g + 10; p + 4 <= g + len; ) {
			flags = be16(p);
			gid = be16(p + 2);
			for (i = 0; i < n && out[i] != gid; i++)
				;
			if (i == n && n < max)
				out[n++] = gid;
			p += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ?
			    4 : flags & 0x80 ? 8 : 0);
			if (!(flags & 0x20))
				break;
		}
	}
	hb_blob_destroy(glyf);
	hb_blob_destroy(loca);
	hb_blob_destroy(head);
	return n;
}

size_t
shaper_run(struct shaper *sh, const char *s, size_t n, struct shaped **g,
    size_t *cap)
{
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned count, i, j;

	if (n == 0)
		return 0;
	hb_buffer_clear_contents(sh->buf);
	hb_buffer_add_utf8(sh->buf, s, (int)n, 0, (int)n);
	hb_buffer_set_direction(sh->buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(sh->buf, HB_SCRIPT_LATIN);
	hb_buffer_set_language(sh->buf, sh->lang);
	hb_buffer_set_cluster_level(sh->buf,
	    HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_shape(sh->font, sh->buf, NULL, 0);
	info = hb_buffer_get_glyph_infos(sh->buf, &count);
	pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (count > *cap) {
		*cap = count;
		*g = xrealloc(*g, count * sizeof(**g));
	}
	for (i = 0; i < count; i++) {
		size_t end = n;

		for (j = i + 1; j < count; j++)
			if (info[j].cluster != info[i].cluster) {
				end = info[j].cluster;
				break;
			}
		(*g)[i].gid = info[i].codepoint;
		(*g)[i].advance = pos[i].x_advance * sh->scale;
		(*g)[i].off = info[i].cluster;
		(*g)[i].len = end > info[i].cluster ? end - info[i].cluster : 0;
	}
	return count;
}
