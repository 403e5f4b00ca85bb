/* unit-hpdfx.c - afc's glyph lookup in libharu's copy of a font's cmap
 * (compiler/out/hpdfx.c), on a format 4 table made by hand: segments
 * mapped by a delta, segments mapped through the glyph array (whose
 * glyphs get the delta too, as the TrueType specification says), a
 * code in no segment, and the last segment, which ends at U+FFFF. */
#include <hpdf.h>
#include <hpdf_fontdef.h>

#include "unit.h"

int
main(void)
{
	/* 'A'-'C' by delta to glyphs 5-7; 'a'-'c' through the array
	 * (7, none, 9) plus a delta of 10; U+FFFF, the closing segment. */
	HPDF_UINT16 end[] = {0x43, 0x63, 0xffff};
	HPDF_UINT16 start[] = {0x41, 0x61, 0xffff};
	HPDF_INT16 delta[] = {5 - 0x41, 10, 1};
	HPDF_UINT16 range[] = {0, 4, 0};	/* seg 1: 2 entries on, the array */
	HPDF_UINT16 glyphs[] = {7, 0, 9};
	HPDF_TTFontDefAttr_Rec attr;
	HPDF_FontDef_Rec def;

	memset(&attr, 0, sizeof(attr));
	memset(&def, 0, sizeof(def));
	attr.cmap.format = 4;
	attr.cmap.seg_count_x2 = 6;
	attr.cmap.end_count = end;
	attr.cmap.start_count = start;
	attr.cmap.id_delta = delta;
	attr.cmap.id_range_offset = range;
	attr.cmap.glyph_id_array = glyphs;
	attr.cmap.glyph_id_array_count = 3;
	def.attr = &attr;

	CHECK("glyph: by delta, first", HPDF_TTFontDef_GetGlyphid(&def, 'A') == 5);
	CHECK("glyph: by delta, last", HPDF_TTFontDef_GetGlyphid(&def, 'C') == 7);
	CHECK("glyph: between segments", HPDF_TTFontDef_GetGlyphid(&def, 'Z') == 0);
	CHECK("glyph: below every segment", HPDF_TTFontDef_GetGlyphid(&def, ' ') == 0);
	CHECK("glyph: through the array, plus the delta",
	    HPDF_TTFontDef_GetGlyphid(&def, 'a') == 17);
	CHECK("glyph: through the array, the last",
	    HPDF_TTFontDef_GetGlyphid(&def, 'c') == 19);
	CHECK("glyph: none in the array stays none",
	    HPDF_TTFontDef_GetGlyphid(&def, 'b') == 0);
	CHECK("glyph: past the last segment but one",
	    HPDF_TTFontDef_GetGlyphid(&def, 'd') == 0);
	UNIT_EXIT();
}
