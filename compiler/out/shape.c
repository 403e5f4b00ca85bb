/* shape.c - HarfBuzz shaping for the PDF backend: kerning (the font's
 * GPOS or kern pairs) and ligatures (fi, fl where the font has them)
 * in the widths the layout measures and in the glyphs pdf.c draws. */
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "base/util.h"
#include "out/shape.h"

struct shaper {
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	hb_buffer_t *buf;
	hb_language_t lang;
	double scale;		/* font units to thousandths of an em */
	/* The runs shaped so far: a document measures a word for its line
	 * breaks and shapes it again to draw it, and most words recur, so
	 * HarfBuzz sees each text once. cached[i] is a run's text; its
	 * glyphs are pool[first[i]] and on, up to first[i + 1]. */
	struct nameidx seen;
	char **cached;
	size_t *first;		/* n + 1 entries */
	size_t n, cap;
	struct shaped *pool;
	size_t npool, poolcap;
};

/* The glyphs kept at most, for a memory bounded whatever the text. */
#define POOL_MAX	(1u << 18)

struct shaper *
shaper_open(char *data, size_t len, const char *lang)
{
	struct shaper *sh;
	hb_blob_t *blob;
	unsigned upem;

	/* The blob owns the font's bytes: they are freed with it. */
	blob = hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY,
	    data, free);
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
	size_t i;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->n; i++)
		free(sh->cached[i]);
	free(sh->cached);
	free(sh->first);
	free(sh->pool);
	nameidx_free(&sh->seen);
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

/* Grows *g to hold count glyphs. */
static void
room(struct shaped **g, size_t *cap, size_t count)
{
	if (count > *cap) {
		*cap = count;
		*g = xrealloc(*g, count * sizeof(**g));
	}
}

/* Keeps the run s[0..n) shaped as g[0..count). */
static void
remember(struct shaper *sh, const char *s, size_t n, const struct shaped *g,
    size_t count)
{
	if (sh->npool + count > POOL_MAX || memchr(s, '\0', n) != NULL)
		return;
	if (sh->n + 1 >= sh->cap) {
		sh->cap = sh->cap ? 2 * sh->cap : 256;
		sh->cached = xrealloc(sh->cached, sh->cap * sizeof(*sh->cached));
		sh->first = xrealloc(sh->first, (sh->cap + 1) * sizeof(*sh->first));
		sh->first[0] = 0;
	}
	if (sh->npool + count > sh->poolcap) {
		sh->poolcap = sh->poolcap ? 2 * sh->poolcap : 1024;
		while (sh->poolcap < sh->npool + count)
			sh->poolcap *= 2;
		sh->pool = xrealloc(sh->pool, sh->poolcap * sizeof(*sh->pool));
	}
	if (count > 0)
		memcpy(sh->pool + sh->npool, g, count * sizeof(*g));
	sh->npool += count;
	sh->cached[sh->n] = xstrndup(s, n);
	nameidx_put(&sh->seen, sh->cached[sh->n], sh->n);
	sh->first[++sh->n] = sh->npool;
}

size_t
shaper_run(struct shaper *sh, const char *s, size_t n, struct shaped **g,
    size_t *cap)
{
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned count, i, j;
	struct buf key = {0};
	size_t k;

	if (n == 0)
		return 0;
	buf_add(&key, s, n);
	buf_puts(&key, "");
	if (nameidx_get(&sh->seen, key.data, &k)) {
		count = (unsigned)(sh->first[k + 1] - sh->first[k]);
		room(g, cap, count);
		memcpy(*g, sh->pool + sh->first[k], count * sizeof(**g));
		buf_free(&key);
		return count;
	}
	buf_free(&key);
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
	room(g, cap, count);
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
	remember(sh, s, n, *g, count);
	return count;
}

int
shaper_subset(struct shaper *sh, const unsigned *gids, size_t n,
    struct buf *font, unsigned *newgid)
{
	static const hb_tag_t drop[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
		HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
		HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'),
		HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'),
		HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
		HB_TAG('g', 'a', 's', 'p'), HB_TAG('m', 'e', 't', 'a'),
	};
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	const hb_map_t *map;
	const char *data;
	unsigned len;
	size_t i;
	int rc = -1;

	if (in == NULL)
		return -1;
	for (i = 0; i < n; i++)
		hb_set_add(hb_subset_input_glyph_set(in), gids[i]);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), drop[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
	if ((plan = hb_subset_plan_create_or_fail(sh->face, in)) == NULL ||
	    (sub = hb_subset_plan_execute_or_fail(plan)) == NULL)
		goto out;
	map = hb_subset_plan_old_to_new_glyph_mapping(plan);
	for (i = 0; i < n; i++)
		if ((newgid[i] = hb_map_get(map, gids[i])) == HB_MAP_VALUE_INVALID)
			goto out;
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	if (len == 0)
		goto out;
	buf_add(font, data, len);
	rc = 0;
out:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	return rc;
}
