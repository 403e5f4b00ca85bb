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

/* Rewrites the ToUnicode CMap, the width array (W) and the CIDToGIDMap
 * of the UTF-8 font f to cover only the codes whose bit is set in used
 * (HPDFX_CODES bits). A code is a code point, drawn with the glyph the
 * font maps it to, except the codes in alias[0..nalias), each drawn
 * with glyph gid and standing for the text alias[i].text. The widths
 * are w's, to a hundredth (the advances text is shaped with), or
 * libharu's when w is NULL. */
struct hpdfx_alias {
	unsigned code;
	unsigned gid;
	const char *text;	/* UTF-8 */
};
/* Makes libharu embed the outline of glyph gid of font definition def,
 * which it would leave out of its subset when no character maps to it
 * (a ligature). */
void hpdfx_use_glyph(HPDF_FontDef def, unsigned gid);

struct hpdfx_widths {
	/* The advance of glyph gid in thousandths of an em. */
	double (*advance)(void *ctx, unsigned gid);
	void *ctx;
};
int hpdfx_font_finish(HPDF_Font f, const unsigned char *used,
    const struct hpdfx_alias *alias, size_t nalias,
    const struct hpdfx_widths *w);

#endif
