/* hpdfx.h - what afc needs of libharu 2.3.0 beyond its public API:
 * raw operators in a page's content stream and font dictionaries that
 * describe only the characters drawn. Used by pdf.c only. */
#ifndef AFC_HPDFX_H
#define AFC_HPDFX_H

#include <stddef.h>

#include <hpdf.h>

#define HPDFX_CODES	0x10000	/* the codes of a UTF-8 font: the BMP */

/* Appends the operators s[0..n) to the content stream of page pg. */
int hpdfx_page_write(HPDF_Page pg, const char *s, size_t n);

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

#endif
