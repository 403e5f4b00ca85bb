/* hpdfx.h - what afc needs of libharu 2.3.0 beyond its public API:
 * raw operators in a page's content stream, a font loaded from memory,
 * and font dictionaries that describe only the characters drawn. Used
 * by pdf.c only. */
#ifndef AFC_HPDFX_H
#define AFC_HPDFX_H

#include <stddef.h>

#include <hpdf.h>

#define HPDFX_CODES	0x10000	/* the codes of a UTF-8 font: the BMP */

/* Appends the operators s[0..n) to the content stream of page pg. */
int hpdfx_page_write(HPDF_Page pg, const char *s, size_t n);

/* Loads the TrueType font data[0..len), checked by ttf_check, into doc
 * for embedding, as HPDF_LoadTTFontFromFile loads a file; returns its
 * name for HPDF_GetFont, or NULL after an error raised in doc. */
const char *hpdfx_load_ttf(HPDF_Doc doc, const char *data, size_t len);

/* A code of a font drawn with glyph gid, standing for text. */
struct hpdfx_alias {
	unsigned code;
	unsigned gid;
	const char *text;	/* UTF-8 */
};

/* What the font tables are made of. A code is a code point, drawn with
 * the glyph the font maps it to, except the codes in alias[]. */
struct hpdfx_font {
	const unsigned char *used;	/* the codes drawn, HPDFX_CODES bits */
	const struct hpdfx_alias *alias;
	size_t nalias;
	/* The advance of glyph gid in thousandths of an em; NULL: libharu's
	 * widths. */
	double (*advance)(void *ctx, unsigned gid);
	/* A subset font of glyphs gids[0..n) into font, with the new id
	 * of each in newgid; returns 0 or -1. NULL: libharu embeds its own. */
	int (*subset)(void *ctx, const unsigned *gids, size_t n,
	    struct buf *font, unsigned *newgid);
	void *ctx;
};

/* Rewrites the ToUnicode CMap, the width array (W) and the CIDToGIDMap
 * of the UTF-8 font f to cover only the codes drawn, with widths to a
 * hundredth, and embeds the subset font with a CIDSet (PDF/A). Call it
 * once, before saving. */
int hpdfx_font_finish(HPDF_Font f, const struct hpdfx_font *o);

/* The document information also written as XMP metadata (PDF/A):
 * UTF-8 strings, "" for none; dates as "2025-06-30T00:00:00Z" or "". */
struct hpdfx_meta {
	const char *title, *author, *subject, *keywords, *creator, *producer;
	const char *date;
	const char *lang;	/* "nl-BE" */
};

/* Makes doc a PDF/A-2u document: PDF 1.7, XMP metadata, an output
 * intent with the sRGB profile icc[0..n), and the file identifier id
 * (derived from the content, so that a build is reproducible). */
int hpdfx_archival(HPDF_Doc doc, const struct hpdfx_meta *m,
    const char *icc, size_t n, const unsigned char id[16]);

/* The catalog entries of an accessible document: its language, that it
 * is tagged (MarkInfo) and that viewers show its title. */
int hpdfx_accessible(HPDF_Doc doc, const char *lang);

/* A marked-content sequence: MCID mcid on page page, of element elem. */
struct hpdfx_mcr {
	size_t elem, page;
	unsigned mcid;
};

/* An annotation (a link) on page page that belongs to element elem. */
struct hpdfx_objr {
	size_t elem, page;
	HPDF_Annotation annot;
};

/* The structure tree (tagged PDF): elements 0..n-1 with the given tags
 * ("Document", "P", "Link", ...) and parents (element 0 is the root's
 * child), the marked content of each on pages[], in reading order, and
 * the annotations of links. An element comes among its parent's
 * children where its first content is read. */
int hpdfx_struct(HPDF_Doc doc, HPDF_Page *pages, size_t npages,
    const char *const *tags, const size_t *parents, size_t n,
    const struct hpdfx_mcr *m, size_t nm,
    const struct hpdfx_objr *o, size_t no);

#endif
