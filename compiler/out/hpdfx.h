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
 * (HPDFX_CODES bits). A code is a code point, except the codes in
 * alias[0..nalias), each standing for the text alias[i].text. */
struct hpdfx_alias {
	unsigned code;
	const char *text;	/* UTF-8 */
};
int hpdfx_font_finish(HPDF_Font f, const unsigned char *used,
    const struct hpdfx_alias *alias, size_t nalias);

#endif
