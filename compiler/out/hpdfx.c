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
#include <hpdf_doc.h>
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

/*
 * HPDF_LoadTTFontFromFile for a font in memory: the bytes ttf.c checked
 * are the bytes libharu reads, with no second look at the file. The
 * font is read through a memory stream of one block a byte longer than
 * the font, so that a seek to its very end (an empty last table) stays
 * inside; as libharu does, a font already loaded under the same name
 * is used again, and each new font gets the next subset tag of the
 * document (HPDFAA, HPDFAB, ...).
 */
const char *
hpdfx_load_ttf(HPDF_Doc doc, const char *data, size_t len)
{
	HPDF_Stream s;
	HPDF_FontDef def, old;
	int i;

	if (!HPDF_HasDoc(doc))
		return NULL;
	if ((s = HPDF_MemStream_New(doc->mmgr, (HPDF_UINT)len + 1)) == NULL)
		goto fail;
	if (HPDF_Stream_Write(s, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		goto fail;
	}
	/* The definition owns the stream from here, and frees it. */
	if ((def = HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE)) == NULL)
		goto fail;
	if ((old = HPDF_Doc_FindFontDef(doc, def->base_font)) != NULL) {
		HPDF_FontDef_Free(def);
		return old->base_font;
	}
	if (HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		goto fail;
	}
	if (doc->ttfont_tag[0] == 0)
		memcpy(doc->ttfont_tag, "HPDFAA", 6);
	else
		for (i = 5; i >= 0; i--) {
			if (++doc->ttfont_tag[i] <= 'Z')
				break;
			doc->ttfont_tag[i] = 'A';
		}
	HPDF_TTFontDef_SetTagName(def, (char *)doc->ttfont_tag);
	return def->base_font;
fail:
	HPDF_CheckError(&doc->error);
	return NULL;
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

/*
 * The glyph of a code point in a TrueType font: libharu's own function of
 * this name, with the same results, in logarithmic time and within the
 * arrays' bounds. libharu 2.3.0 walks the cmap's segments one by one, and
 * HPDF_GetFont calls it for every one of the 65,536 codes of a UTF-8 font
 * when it writes the CIDToGIDMap: a third of the time of rendering a
 * zone. Its calls go through the procedure linkage table, so this
 * definition in the program serves them (ELF symbol interposition); a
 * libharu that bound them inside itself would simply keep its own.
 * Format 4's end codes are sorted (the TrueType specification); past the
 * last segment, or past the glyph array, there is no glyph.
 */
HPDF_UINT16
HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	const HPDF_TTF_CmapRange *m = &((HPDF_TTFontDefAttr)fontdef->attr)->cmap;
	size_t lo = 0, hi = m->seg_count_x2 / 2, i;

	if (m->format == 0)
		return m->glyph_id_array[unicode & 0xff];
	if (hi == 0) {
		HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
		return 0;
	}
	while (lo < hi) {		/* the first segment ending at or after */
		size_t mid = lo + (hi - lo) / 2;

		if (m->end_count[mid] < unicode)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	if (i == m->seg_count_x2 / 2u || m->start_count[i] > unicode)
		return 0;
	if (m->id_range_offset[i] == 0)
		return (HPDF_UINT16)(unicode + m->id_delta[i]);
	/* The offset counts from the segment's entry in id_range_offset,
	 * which libharu keeps apart from glyph_id_array: seg_count - i
	 * entries before it. A glyph found there gets the segment's delta
	 * too (libharu's own lookup leaves it out). */
	{
		size_t idx = m->id_range_offset[i] / 2u +
		    (size_t)(unicode - m->start_count[i]);
		HPDF_UINT16 g;

		if (idx < m->seg_count_x2 / 2u - i)
			return 0;
		idx -= m->seg_count_x2 / 2u - i;
		if (idx >= m->glyph_id_array_count ||
		    (g = m->glyph_id_array[idx]) == 0)
			return 0;
		return (HPDF_UINT16)(g + m->id_delta[i]);
	}
}

/* The glyph of code c. */
static unsigned
code_gid(HPDF_FontDef def, const struct hpdfx_font *o, unsigned c)
{
	const struct hpdfx_alias *a = find_alias(c, o->alias, o->nalias);

	return a ? a->gid : HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
}

/* The width array of the used codes: "c [w w ...]" for each run of
 * consecutive used codes. */
static HPDF_Array
widths(HPDF_MMgr mmgr, HPDF_FontDef def, const struct hpdfx_font *o)
{
	HPDF_Array w = HPDF_Array_New(mmgr), run = NULL;
	unsigned c, gid;
	int bad = w == NULL;
	double x;

	for (c = 0; c < HPDFX_CODES && !bad; c++) {
		if (!is_used(o->used, c)) {
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
		gid = code_gid(def, o, c);
		x = o->advance ? o->advance(o->ctx, gid) :
		    HPDF_TTFontDef_GetGidWidth(def, (HPDF_UINT16)gid);
		x = floor(x * 100 + 0.5) / 100;
		if (x == floor(x))
			bad |= HPDF_Array_AddNumber(run, (HPDF_INT32)x) != HPDF_OK;
		else
			bad |= HPDF_Array_AddReal(run, (HPDF_REAL)x) != HPDF_OK;
	}
	return bad ? NULL : w;
}

/* A stream of b's bytes, compressed, added to the document. */
static HPDF_Dict
new_stream(HPDF_Font f, HPDF_Xref xref, const char *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(f->mmgr, xref);

	if (s == NULL || HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data,
	    (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return s;
}

/* The font descriptor of f with the subset font and the CIDSet, made
 * before libharu would make its own (which embeds every table of the
 * font, hinting included, and no CIDSet). */
static int
descriptor(HPDF_Font f, HPDF_FontAttr attr, const struct buf *font,
    const struct buf *cidset)
{
	HPDF_FontDef def = attr->fontdef;
	HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Dict d = HPDF_Dict_New(f->mmgr);
	HPDF_Dict data = new_stream(f, attr->xref, font->data, font->len);
	HPDF_Dict set = new_stream(f, attr->xref, cidset->data, cidset->len);
	HPDF_STATUS r = 0;

	if (d == NULL || data == NULL || set == NULL ||
	    HPDF_Xref_Add(attr->xref, d) != HPDF_OK)
		return -1;
	r += HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)font->len);
	r += HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	r += HPDF_Dict_AddName(d, "FontName", da->base_font);
	r += HPDF_Dict_AddNumber(d, "Flags", def->flags);
	r += HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(f->mmgr, def->font_bbox));
	r += HPDF_Dict_AddNumber(d, "ItalicAngle", def->italic_angle);
	r += HPDF_Dict_AddNumber(d, "Ascent", def->ascent);
	r += HPDF_Dict_AddNumber(d, "Descent", def->descent);
	r += HPDF_Dict_AddNumber(d, "CapHeight", def->cap_height ? def->cap_height : def->ascent);
	r += HPDF_Dict_AddNumber(d, "XHeight", def->x_height);
	r += HPDF_Dict_AddNumber(d, "StemV", def->stemv);
	r += HPDF_Dict_Add(d, "FontFile2", data);
	r += HPDF_Dict_Add(d, "CIDSet", set);
	if (r != HPDF_OK)
		return -1;
	def->descriptor = d;
	return 0;
}

int
hpdfx_font_finish(HPDF_Font f, const struct hpdfx_font *o)
{
	HPDF_FontAttr attr = f ? (HPDF_FontAttr)f->attr : NULL;
	struct buf b = {0}, font = {0}, set = {0};
	unsigned *gids = NULL, *newgid = NULL, c, max = 0;
	size_t n = 0, k;
	HPDF_Array w;
	int rc = 0, subset = 0;

	if (attr == NULL || attr->cmap_stream == NULL || attr->descendant_font == NULL)
		return -1;
	tounicode(&b, o->used, o->alias, o->nalias);
	HPDF_Dict_RemoveElement(attr->cmap_stream, "CMapName");
	HPDF_Dict_RemoveElement(attr->cmap_stream, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(attr->cmap_stream, "Type");
	rc |= rewrite(attr->cmap_stream, &b);
	if ((w = widths(f->mmgr, attr->fontdef, o)) == NULL ||
	    HPDF_Dict_Add(attr->descendant_font, "W", w) != HPDF_OK)
		rc = -1;
	for (c = 0; c < HPDFX_CODES; c++)
		if (is_used(o->used, c)) {
			max = c;
			n++;
		}
	/* The glyphs drawn, subset: their new ids go in the glyph map. */
	gids = xcalloc(n + 1, sizeof(*gids));
	newgid = xcalloc(n + 1, sizeof(*newgid));
	for (c = 0, k = 0; c <= max && k < n; c++)
		if (is_used(o->used, c))
			gids[k++] = code_gid(attr->fontdef, o, c);
	if (o->subset && attr->fontdef->descriptor == NULL &&
	    o->subset(o->ctx, gids, n, &font, newgid) == 0)
		subset = 1;
	/* CIDToGIDMap: glyph ids up to the last used code, 0 for the rest;
	 * CIDSet: a bit for each code drawn, the first the highest. */
	b.len = 0;
	buf_grow(&set, max / 8 + 1);
	memset(set.data, 0, max / 8 + 1);
	set.len = max / 8 + 1;
	for (c = 0, k = 0; c <= max; c++) {
		unsigned g = 0;

		if (is_used(o->used, c)) {
			g = subset ? newgid[k] : gids[k];
			k++;
			set.data[c / 8] |= (char)(0x80 >> (c % 8));
		}
		buf_putc(&b, (char)(g >> 8));
		buf_putc(&b, (char)(g & 0xff));
	}
	set.data[0] |= (char)0x80;	/* CID 0, .notdef */
	if (attr->map_stream)
		rc |= rewrite(attr->map_stream, &b);
	if (subset && descriptor(f, attr, &font, &set) != 0)
		rc = -1;
	free(gids);
	free(newgid);
	buf_free(&font);
	buf_free(&set);
	buf_free(&b);
	return rc;
}

/* Appends s to b with the five XML entities escaped. */
static void
xml_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				buf_putc(b, *s);
		}
}

/* The XMP packet: the PDF/A identification and the document
 * information, matching the Info dictionary. */
static void
xmp(struct buf *b, const struct hpdfx_meta *m)
{
	buf_puts(b, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
	    "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n");
	if (*m->title) {
		buf_puts(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_text(b, m->title);
		buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (*m->author) {
		buf_puts(b, "<dc:creator><rdf:Seq><rdf:li>");
		xml_text(b, m->author);
		buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (*m->subject) {
		buf_puts(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_text(b, m->subject);
		buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	buf_puts(b, "<dc:language><rdf:Bag><rdf:li>");
	xml_text(b, m->lang);
	buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
	if (*m->keywords) {
		buf_puts(b, "<pdf:Keywords>");
		xml_text(b, m->keywords);
		buf_puts(b, "</pdf:Keywords>\n");
	}
	buf_puts(b, "<pdf:Producer>");
	xml_text(b, m->producer);
	buf_puts(b, "</pdf:Producer>\n<xmp:CreatorTool>");
	xml_text(b, m->creator);
	buf_puts(b, "</xmp:CreatorTool>\n");
	if (*m->date)
		buf_printf(b, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", m->date, m->date);
	buf_puts(b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>\n");
}

int
hpdfx_archival(HPDF_Doc doc, const struct hpdfx_meta *m,
    const char *icc, size_t n, const unsigned char id[16])
{
	HPDF_MMgr mm = doc->mmgr;
	HPDF_Dict meta = HPDF_DictStream_New(mm, doc->xref);
	HPDF_Dict profile = HPDF_DictStream_New(mm, doc->xref);
	HPDF_Dict intent = HPDF_Dict_New(mm);
	HPDF_Array intents = HPDF_Array_New(mm), ids = HPDF_Array_New(mm);
	struct buf b = {0};
	HPDF_STATUS r = 0;

	if (meta == NULL || profile == NULL || intent == NULL || intents == NULL ||
	    ids == NULL)
		return -1;
	doc->pdf_version = HPDF_VER_17;
	xmp(&b, m);
	meta->filter = HPDF_STREAM_FILTER_NONE;	/* readable by any tool */
	r += HPDF_Dict_AddName(meta, "Type", "Metadata");
	r += HPDF_Dict_AddName(meta, "Subtype", "XML");
	r += HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	r += HPDF_Dict_Add(doc->catalog, "Metadata", meta);
	profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	r += HPDF_Dict_AddNumber(profile, "N", 3);
	r += HPDF_Stream_Write(profile->stream, (const HPDF_BYTE *)icc, (HPDF_UINT)n);
	r += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	r += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	r += HPDF_Dict_Add(intent, "OutputConditionIdentifier",
	    HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	r += HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	r += HPDF_Dict_Add(intent, "DestOutputProfile", profile);
	r += HPDF_Array_Add(intents, intent);
	r += HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
	r += HPDF_Array_Add(ids, HPDF_Binary_New(mm, (HPDF_BYTE *)id, 16));
	r += HPDF_Array_Add(ids, HPDF_Binary_New(mm, (HPDF_BYTE *)id, 16));
	r += HPDF_Dict_Add(doc->trailer, "ID", ids);
	buf_free(&b);
	return r == HPDF_OK ? 0 : -1;
}

int
hpdfx_accessible(HPDF_Doc doc, const char *lang)
{
	HPDF_MMgr mm = doc->mmgr;
	HPDF_Dict mark = HPDF_Dict_New(mm), prefs = HPDF_Dict_New(mm);
	HPDF_STATUS r = 0;

	if (mark == NULL || prefs == NULL)
		return -1;
	r += HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE));
	r += HPDF_Dict_Add(doc->catalog, "MarkInfo", mark);
	r += HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE));
	r += HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs);
	if (*lang)
		r += HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(mm, lang, NULL));
	return r == HPDF_OK ? 0 : -1;
}

/* Puts element e among its parent's children, its parent first, once.
 * Element 0 is the root's only child. */
static HPDF_STATUS
place(HPDF_Dict *elems, HPDF_Array *kids, const size_t *parents,
    unsigned char *placed, size_t e)
{
	HPDF_STATUS r = 0;

	if (e == 0 || placed[e])
		return 0;
	placed[e] = 1;
	r += place(elems, kids, parents, placed, parents[e]);
	return r + HPDF_Array_Add(kids[parents[e]], elems[e]);
}

int
hpdfx_struct(HPDF_Doc doc, HPDF_Page *pages, size_t npages,
    const char *const *tags, const size_t *parents, size_t n,
    const struct hpdfx_mcr *m, size_t nm,
    const struct hpdfx_objr *o, size_t no)
{
	HPDF_MMgr mm = doc->mmgr;
	HPDF_Dict root = HPDF_Dict_New(mm), tree = HPDF_Dict_New(mm), mcr, objr;
	HPDF_Dict *elems = xcalloc(n + 1, sizeof(*elems));
	HPDF_Array *kids = xcalloc(n + 1, sizeof(*kids));
	HPDF_Array *onpage = xcalloc(npages + 1, sizeof(*onpage));
	HPDF_Array nums = HPDF_Array_New(mm);
	HPDF_STATUS r = root && tree && nums ? 0 : 1;
	size_t i, *page;
	unsigned char *placed = xcalloc(n + 1, 1);

	if (r == 0)
		r += HPDF_Xref_Add(doc->xref, root);
	for (i = 0; i < n && r == 0; i++) {
		if ((elems[i] = HPDF_Dict_New(mm)) == NULL ||
		    (kids[i] = HPDF_Array_New(mm)) == NULL ||
		    HPDF_Xref_Add(doc->xref, elems[i]) != HPDF_OK) {
			r = 1;
			break;
		}
		r += HPDF_Dict_AddName(elems[i], "S", tags[i]);
		r += HPDF_Dict_Add(elems[i], "P", i == 0 ? root : elems[parents[i]]);
		r += HPDF_Dict_Add(elems[i], "K", kids[i]);
	}
	for (i = 0; i < npages && r == 0; i++)
		if ((onpage[i] = HPDF_Array_New(mm)) == NULL)
			r = 1;
	/* An element's page is that of its first marked content; a marked
	 * content on another page is a full reference (MCR). */
	page = xcalloc(n + 1, sizeof(*page));
	for (i = 0; i < nm && r == 0; i++) {
		size_t e = m[i].elem;

		if (e >= n || m[i].page >= npages) {
			r = 1;
			break;
		}
		r += place(elems, kids, parents, placed, e);
		if (page[e] == 0) {
			page[e] = m[i].page + 1;
			r += HPDF_Dict_Add(elems[e], "Pg", pages[m[i].page]);
		}
		if (page[e] == m[i].page + 1) {
			r += HPDF_Array_AddNumber(kids[e], (HPDF_INT32)m[i].mcid);
		} else if ((mcr = HPDF_Dict_New(mm)) == NULL) {
			r = 1;
		} else {
			r += HPDF_Dict_AddName(mcr, "Type", "MCR");
			r += HPDF_Dict_Add(mcr, "Pg", pages[m[i].page]);
			r += HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)m[i].mcid);
			r += HPDF_Array_Add(kids[e], mcr);
		}
		r += HPDF_Array_Add(onpage[m[i].page], elems[e]);
	}
	free(page);
	/* Elements without content of their own or below, last. */
	for (i = 1; i < n && r == 0; i++)
		r += place(elems, kids, parents, placed, i);
	for (i = 0; i < npages && r == 0; i++) {
		r += HPDF_Array_AddNumber(nums, (HPDF_INT32)i);
		r += HPDF_Array_Add(nums, onpage[i]);
		r += HPDF_Dict_AddNumber(pages[i], "StructParents", (HPDF_INT32)i);
		r += HPDF_Dict_AddName(pages[i], "Tabs", "S");
	}
	/* A link's annotation: an object reference among its element's
	 * children, and the element as its parent (keys after the pages'). */
	for (i = 0; i < no && r == 0; i++) {
		if (o[i].elem >= n || o[i].page >= npages ||
		    (objr = HPDF_Dict_New(mm)) == NULL) {
			r = 1;
			break;
		}
		r += HPDF_Dict_AddName(objr, "Type", "OBJR");
		r += HPDF_Dict_Add(objr, "Pg", pages[o[i].page]);
		r += HPDF_Dict_Add(objr, "Obj", o[i].annot);
		r += HPDF_Array_Add(kids[o[i].elem], objr);
		r += HPDF_Dict_AddNumber(o[i].annot, "StructParent",
		    (HPDF_INT32)(npages + i));
		r += HPDF_Array_AddNumber(nums, (HPDF_INT32)(npages + i));
		r += HPDF_Array_Add(nums, elems[o[i].elem]);
	}
	if (r == 0) {
		r += HPDF_Dict_Add(tree, "Nums", nums);
		r += HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
		r += HPDF_Dict_Add(root, "K", elems[0]);
		r += HPDF_Dict_Add(root, "ParentTree", tree);
		r += HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
		    (HPDF_INT32)(npages + no));
		r += HPDF_Dict_Add(doc->catalog, "StructTreeRoot", root);
	}
	free(elems);
	free(kids);
	free(onpage);
	free(placed);
	return r == HPDF_OK ? 0 : -1;
}
