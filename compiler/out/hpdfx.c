/* hpdfx.c - the places where afc reaches into libharu 2.3.0's internals.
 *
 * libharu has no call to write an operator of its own into a page (afc
 * draws text as TJ arrays with a space between words and marked content
 * for artifacts), and the font dictionaries it writes for UTF-8 text are
 * wrong or wasteful: the ToUnicode stream is its encoding CMap, which
 * poppler rejects ("Invalid 'begincidrange' operator in ToUnicode
 * CMap"), and the width array and the CIDToGIDMap list every code point
 * of the Basic Multilingual Plane. Its objects are exported and their
 * headers (hpdf_objects.h, hpdf_pages.h, hpdf_font.h) installed, so the
 * streams and arrays are rewritten here, in one place, just before the
 * document is saved. A UTF-8 font's codes are code points (CIDs), mapped
 * to glyphs by its CIDToGIDMap. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/util.h"
#include "out/hpdfx.h"

int
hpdfx_page_write(HPDF_Page pg, const char *s, size_t n)
{
	HPDF_PageAttr attr;

	if (pg == NULL || (attr = (HPDF_PageAttr)pg->attr) == NULL)
		return -1;
	return HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)s,
	    (HPDF_UINT)n) == HPDF_OK ? 0 : -1;
}

void
hpdfx_use_glyph(HPDF_FontDef def, unsigned gid)
{
	HPDF_TTFontDefAttr attr = def ? (HPDF_TTFontDefAttr)def->attr : NULL;

	if (attr && attr->glyph_tbl.flgs && gid < attr->num_glyphs)
		attr->glyph_tbl.flgs[gid] = 1;
}

static int
is_used(const unsigned char *used, unsigned c)
{
	return c < HPDFX_CODES && (used[c >> 3] >> (c & 7) & 1);
}

static const struct hpdfx_alias *
find_alias(unsigned c, const struct hpdfx_alias *alias, size_t nalias)
{
	size_t i;

	for (i = 0; i < nalias; i++)
		if (alias[i].code == c)
			return &alias[i];
	return NULL;
}

/* The UTF-16BE hex of the text a code stands for. */
static void
unicode_hex(struct buf *b, unsigned c, const struct hpdfx_alias *alias,
    size_t nalias)
{
	const struct hpdfx_alias *a = find_alias(c, alias, nalias);
	const char *s;

	if (a == NULL || *a->text == '\0') {
		buf_printf(b, "%04X", c);
		return;
	}
	for (s = a->text; *s;) {
		unsigned u = utf8_decode(&s);

		if (u >= 0x10000)
			buf_printf(b, "%04X%04X", 0xd800 + ((u - 0x10000) >> 10),
			    0xdc00 + ((u - 0x10000) & 0x3ff));
		else
			buf_printf(b, "%04X", u);
	}
}

/* A ToUnicode CMap (PDF 32000-1, 9.10.3) of one bfchar per used code. */
static void
tounicode(struct buf *b, const unsigned char *used,
    const struct hpdfx_alias *alias, size_t nalias)
{
	unsigned c, n = 0, k;

	for (c = 0; c < HPDFX_CODES; c++)
		n += is_used(used, c);
	buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (c = 0, k = 0; c < HPDFX_CODES; c++) {
		if (!is_used(used, c))
			continue;
		if (k % 100 == 0)
			buf_printf(b, "%u beginbfchar\n", n - k < 100 ? n - k : 100);
		buf_printf(b, "<%04X> <", c);
		unicode_hex(b, c, alias, nalias);
		buf_puts(b, ">\n");
		if (++k % 100 == 0 || k == n)
			buf_puts(b, "endbfchar\n");
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
}

/* Replaces the data of stream dictionary s with b. */
static int
rewrite(HPDF_Dict s, const struct buf *b)
{
	if (s == NULL || s->stream == NULL)
		return -1;
	HPDF_MemStream_FreeData(s->stream);
	return HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)b->data,
	    (HPDF_UINT)b->len) == HPDF_OK ? 0 : -1;
}

/* The width array of the used codes: "c [w w ...]" for each run of
 * consecutive used codes. */
static HPDF_Array
widths(HPDF_MMgr mmgr, HPDF_FontDef def, const unsigned char *used,
    const struct hpdfx_alias *alias, size_t nalias,
    const struct hpdfx_widths *adv)
{
	HPDF_Array w = HPDF_Array_New(mmgr), run = NULL;
	const struct hpdfx_alias *a;
	unsigned c, gid;
	int bad = w == NULL;
	double x;

	for (c = 0; c < HPDFX_CODES && !bad; c++) {
		if (!is_used(used, c)) {
			run = NULL;
			continue;
		}
		if (run == NULL) {
			bad |= HPDF_Array_AddNumber(w, (HPDF_INT32)c) != HPDF_OK;
			if ((run = HPDF_Array_New(mmgr)) == NULL ||
			    HPDF_Array_Add(w, run) != HPDF_OK)
				bad = 1;
		}
		if (bad)
			break;
		a = find_alias(c, alias, nalias);
		gid = a ? a->gid : HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
		x = adv ? adv->advance(adv->ctx, gid) :
		    HPDF_TTFontDef_GetGidWidth(def, (HPDF_UINT16)gid);
		x = floor(x * 100 + 0.5) / 100;
		if (x == floor(x))
			bad |= HPDF_Array_AddNumber(run, (HPDF_INT32)x) != HPDF_OK;
		else
			bad |= HPDF_Array_AddReal(run, (HPDF_REAL)x) != HPDF_OK;
	}
	return bad ? NULL : w;
}

int
hpdfx_font_finish(HPDF_Font f, const unsigned char *used,
    const struct hpdfx_alias *alias, size_t nalias,
    const struct hpdfx_widths *adv)
{
	HPDF_FontAttr attr = f ? (HPDF_FontAttr)f->attr : NULL;
	struct buf b = {0};
	HPDF_Array w;
	unsigned c, max = 0;
	int rc = 0;

	if (attr == NULL || attr->cmap_stream == NULL || attr->descendant_font == NULL)
		return -1;
	tounicode(&b, used, alias, nalias);
	HPDF_Dict_RemoveElement(attr->cmap_stream, "CMapName");
	HPDF_Dict_RemoveElement(attr->cmap_stream, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(attr->cmap_stream, "Type");
	rc |= rewrite(attr->cmap_stream, &b);
	if ((w = widths(f->mmgr, attr->fontdef, used, alias, nalias, adv)) == NULL ||
	    HPDF_Dict_Add(attr->descendant_font, "W", w) != HPDF_OK)
		rc = -1;
	/* CIDToGIDMap: glyph ids up to the last used code, 0 for the rest. */
	for (c = 0; c < HPDFX_CODES; c++)
		if (is_used(used, c))
			max = c;
	b.len = 0;
	for (c = 0; c <= max; c++) {
		const struct hpdfx_alias *a = find_alias(c, alias, nalias);
		unsigned g = !is_used(used, c) ? 0 : a ? a->gid :
		    HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)c);

		buf_putc(&b, (char)(g >> 8));
		buf_putc(&b, (char)(g & 0xff));
	}
	if (attr->map_stream)
		rc |= rewrite(attr->map_stream, &b);
	buf_free(&b);
	return rc;
}
