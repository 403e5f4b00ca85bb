/* floor.c - the floor for the PDF figures: libharu alone writing a text
 * with the fonts afc uses (Carlito regular and bold, and the fallback
 * face for characters Carlito lacks), one line of the text per line of
 * the page, with no layout at all.
 *
 * usage: floor TEXT FONTDIR RUNS [OUT.pdf]
 * Builds the PDF RUNS times in memory and prints the mean time per PDF
 * and its size; writes the last one to OUT.pdf when given. */
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"

#define LINES_PER_PAGE 52

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "floor: libharu error 0x%04X (%u)\n", (unsigned)e, (unsigned)detail);
	exit(1);
}

static const char *
load(HPDF_Doc pdf, const char *dir, const char *file)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
}

/* Shows one line, switching to the fallback face where the text face
 * has no glyph, from x at y. */
static void
show_line(HPDF_Page pg, HPDF_Font text, HPDF_FontDef def, HPDF_Font fb,
    const char *s, float y)
{
	struct buf piece = {0};
	const char *q;
	HPDF_Font cur = text, f;
	unsigned cp;
	float x = 70;

	for (; *s; s = q) {
		q = s;
		cp = utf8_decode(&q);
		f = cp < 0x10000 && HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) ? text : fb;
		if (f != cur && piece.len) {
			HPDF_Page_SetFontAndSize(pg, cur, 11);
			HPDF_Page_TextOut(pg, x, y, piece.data);
			x += HPDF_Page_TextWidth(pg, piece.data);
			piece.len = 0;
		}
		cur = f;
		buf_add(&piece, s, (size_t)(q - s));
	}
	if (piece.len) {
		HPDF_Page_SetFontAndSize(pg, cur, 11);
		HPDF_Page_TextOut(pg, x, y, piece.data);
	}
	buf_free(&piece);
}

static size_t
build(const char *text, const char *fontdir, const char *out)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	const char *reg, *bold, *fb, *s, *e;
	HPDF_Page pg = NULL;
	size_t size, line = 0;
	char *l;

	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	reg = load(pdf, fontdir, "Carlito-Regular.ttf");
	bold = load(pdf, fontdir, "Carlito-Bold.ttf");
	fb = load(pdf, fontdir, "fallback.ttf");
	for (s = text; *s; s = *e ? e + 1 : e, line++) {
		const char *face = line % LINES_PER_PAGE == 0 ? bold : reg;

		e = strchr(s, '\n') ? strchr(s, '\n') : s + strlen(s);
		if (line % LINES_PER_PAGE == 0) {
			pg = HPDF_AddPage(pdf);
			HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		}
		l = xstrndup(s, (size_t)(e - s));
		HPDF_Page_BeginText(pg);
		show_line(pg, HPDF_GetFont(pdf, face, "UTF-8"), HPDF_GetFontDef(pdf, face),
		    HPDF_GetFont(pdf, fb, "UTF-8"), l, 780 - 14.0f * (float)(line % LINES_PER_PAGE));
		HPDF_Page_EndText(pg);
		free(l);
	}
	HPDF_SaveToStream(pdf);
	size = HPDF_GetStreamSize(pdf);
	if (out)
		HPDF_SaveToFile(pdf, out);
	HPDF_Free(pdf);
	return size;
}

int
main(int argc, char **argv)
{
	size_t len, size = 0;
	char *text;
	double t0;
	int runs, i;

	if (argc < 4 || (text = read_file(argv[1], &len)) == NULL) {
		fprintf(stderr, "usage: floor TEXT FONTDIR RUNS [OUT.pdf]\n");
		return 2;
	}
	runs = atoi(argv[3]);
	t0 = now();
	for (i = 0; i < runs; i++)
		size = build(text, argv[2], i + 1 == runs && argc > 4 ? argv[4] : NULL);
	printf("%7.2f ms per PDF, %zu bytes\n", (now() - t0) / runs * 1e3, size);
	free(text);
	return 0;
}
