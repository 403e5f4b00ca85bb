/* pdf.c - the PDF backend: the device that draws a layout with libharu.
 *
 * It reads the stylesheet, measures text for the layout engine and then
 * draws the laid out pages, the outline, the links and the document
 * information. Fonts are loaded when first measured, so a face a
 * document does not use is neither loaded nor embedded; each is read
 * once and checked (ttf.c) before libharu and HarfBuzz read its bytes
 * from memory. A character the text face lacks is drawn with the
 * fallback face. libharu's errors are sticky: the error handler notes
 * the first, every call is checked, and a failed document is reported
 * once and written nowhere. */
#include <ctype.h>
#include <errno.h>
#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_fontdef.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "base/diag.h"
#include "out/backend.h"
#include "out/escape.h"
#include "out/hpdfx.h"
#include "out/layout.h"
#include "out/shape.h"
#include "out/ttf.h"

#define CREATOR		"afc " AFC_VERSION
#define PRODUCER	"afc " AFC_VERSION " with libharu " HPDF_VERSION_TEXT
#define ICC_PROFILE	"/usr/share/color/icc/colord/sRGB.icc"	/* colord-data */
#define WIDTH_CACHE	0x2800	/* code points whose widths are cached */
#define NO_GLYPH	(-1)
#define UNKNOWN		(-2)
#define NO_PAGE		((size_t)-1)	/* not drawing a page */
#define UNICODE_END	0x110000

struct dev {
	HPDF_Doc pdf;
	const struct style *st;
	const char *datadir;
	struct diags *dg;		/* where messages without a place go */
	const char *lang;		/* of the text, for shaping */
	const char *name[FACE__COUNT];	/* libharu's font names, once loaded */
	HPDF_FontDef def[FACE__COUNT];
	HPDF_Font font[FACE__COUNT];
	int tried[FACE__COUNT];
	short *widths[FACE__COUNT];	/* per code point, or NO_GLYPH, UNKNOWN */
	unsigned char *used[FACE__COUNT];	/* codes drawn, a bit each */
	struct shaper *shaper[FACE__COUNT];	/* NULL: no kerning, no ligatures */
	struct hpdfx_alias *alias[FACE__COUNT];	/* codes of ligatures */
	size_t nalias[FACE__COUNT];
	unsigned next_alias[FACE__COUNT];
	struct hpdfx_mcr *mcr;		/* the marked content drawn */
	size_t nmcr;
	struct hpdfx_objr *objr;	/* the links' annotations */
	size_t nobjr;
	size_t page;			/* the page being drawn, 0-based */
	unsigned mcid;			/* its next marked-content id */
	struct shaped *g;		/* shaping results, reused */
	size_t gcap;
	HPDF_Font cur_font;		/* the page's text state, to set */
	double cur_size, tx, ty;	/* only what changes */
	struct rgb cur_color;
	const char *source;		/* the zone's name, for messages */
	HPDF_STATUS error, detail;	/* the first error libharu raised */
	int failed;			/* a problem was found */
	int reported;			/* libharu's error was reported */
	struct buf what;		/* what afc asked of libharu when it
					 * first failed, "set the font ..." */
	size_t what_page;		/* on which page (1-based), or 0 */
	unsigned char *missing;		/* characters no font has, a bit
					 * each, or NULL for none */
	unsigned *missed;		/* the same, in the order found */
	size_t nmissed;
};

/* Notes libharu's first error; the calls' results are checked too. */
static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct dev *d = data;

	if (d->error == 0) {
		d->error = error;
		d->detail = detail;
	}
}

/* What libharu's error code e means, in a user's words. */
static const char *
error_text(HPDF_STATUS e)
{
	switch (e) {
	case 0:
		return "libharu gave no reason";
	case HPDF_FAILD_TO_ALLOC_MEM:
		return "out of memory";
	case HPDF_FILE_IO_ERROR:
	case HPDF_FILE_OPEN_ERROR:
		return "a file cannot be read";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		return "the font's licence does not allow embedding it";
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
	case HPDF_UNSUPPORTED_FONT_TYPE:
	case HPDF_INVALID_TTC_FILE:
	case HPDF_INVALID_TTC_INDEX:
		return "the font file is not a usable TrueType font";
	case HPDF_NAME_INVALID_VALUE:
	case HPDF_NAME_OUT_OF_RANGE:
		return "a name in a font file is empty or longer than 127 "
		    "bytes; the file may be damaged or cut short";
	case HPDF_PAGE_INVALID_FONT_SIZE:
		return "the font size is not between 0 and 600 pt";
	case HPDF_STRING_OUT_OF_RANGE:
		return "a text is longer than the 65,535 bytes a PDF string "
		    "may hold";
	case HPDF_REAL_OUT_OF_RANGE:
		return "a number is beyond the 32,767 a PDF number may be";
	case HPDF_PAGE_INVALID_SIZE:
	case HPDF_PAGE_OUT_OF_RANGE:
		return "the page size is not one a PDF may have";
	case HPDF_ARRAY_COUNT_ERR:
	case HPDF_DICT_COUNT_ERR:
		return "more entries than a PDF array or dictionary may hold";
	case HPDF_XREF_COUNT_ERR:
		return "more objects than a PDF file may hold";
	case HPDF_INVALID_URI:
		return "a link address that libharu does not accept";
	case HPDF_ZLIB_ERROR:
		return "compression failed";
	case HPDF_INVALID_PARAMETER:
		return "a value libharu does not accept";
	default:
		return "an error afc has no words for";
	}
}

/* Appends why libharu failed: its error in words, and its code. */
static void
reason(struct buf *b, HPDF_STATUS e)
{
	buf_puts(b, error_text(e));
	if (e)
		buf_printf(b, " (libharu error 0x%04X)", (unsigned)e);
}

/* Notes that libharu failed what afc asked of it (a verb phrase: "set
 * the font ..."), for check() to report; the first failure counts. */
static void
lib_failed(struct dev *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
lib_failed(struct dev *d, const char *fmt, ...)
{
	va_list ap;

	/* libharu's inner functions set its error without calling the
	 * handler. */
	if (d->error == 0 && d->pdf && HPDF_GetError(d->pdf) != HPDF_OK) {
		d->error = HPDF_GetError(d->pdf);
		d->detail = HPDF_GetErrorDetail(d->pdf);
	}
	if (!d->failed && d->what.len == 0) {
		va_start(ap, fmt);
		buf_vprintf(&d->what, fmt, ap);
		va_end(ap);
		d->what_page = d->page == NO_PAGE ? 0 : d->page + 1;
	}
	d->failed = 1;
}

/* Reports libharu's failure, if any, once: the zone and page, what afc
 * asked, and libharu's error in words and by its code. Returns -1
 * after a problem. */
static int
check(struct dev *d)
{
	struct buf where = {0}, why = {0};

	if ((d->error || d->what.len) && !d->reported) {
		buf_puts(&where, d->source);
		if (d->what_page)
			buf_printf(&where, ", page %zu", d->what_page);
		reason(&why, d->error);
		diag_sys(d->dg, M_E_PDF, where.data, d->what.len ? d->what.data :
		    "write the PDF", why.data);
		buf_free(&where);
		buf_free(&why);
	}
	d->reported |= d->error != 0 || d->what.len;
	if (d->error)
		d->failed = 1;
	return d->failed ? -1 : 0;
}

/* The file of face f, as the stylesheet names it. */
static const char *
font_file(const struct dev *d, enum face f)
{
	return d->st->font[f] ? d->st->font[f] : d->st->font[FACE_REGULAR];
}

/* Loads face f on first use; returns 0 or -1 after a diagnostic. */
static int
load_face(struct dev *d, enum face f)
{
	const char *file = font_file(d, f);
	struct buf path = {0}, why = {0};
	char *font;
	size_t len;
	unsigned cp;

	if (d->tried[f])
		return d->name[f] ? 0 : -1;
	d->tried[f] = 1;
	/* After libharu's error, reported, it fails whatever is asked. */
	if (d->error)
		return -1;
	if (file[0] == '/')
		buf_puts(&path, file);
	else
		buf_printf(&path, "%s/fonts/%s", d->datadir, file);
	/* Read once: libharu and HarfBuzz get the bytes that were checked. */
	if ((font = read_file(path.data, &len)) == NULL) {
		diag_sys(d->dg, M_E_FONT, path.data, file_strerror(errno));
		d->failed = 1;
	} else if (ttf_check((const unsigned char *)font, len, &why) != 0) {
		diag_sys(d->dg, M_E_FONT_BAD, path.data, why.data);
		d->failed = 1;
	} else if ((d->name[f] = hpdfx_load_ttf(d->pdf, font, len)) == NULL ||
	    (d->def[f] = HPDF_GetFontDef(d->pdf, d->name[f])) == NULL) {
		if (d->error)
			reason(&why, d->error);
		else
			buf_puts(&why, "libharu cannot read it as a TrueType font; "
			    "the file may be damaged or cut short");
		diag_sys(d->dg, M_E_FONT, path.data, why.data);
		buf_free(&why);
		d->reported = 1;
		d->name[f] = NULL;
		d->failed = 1;
	}
	if (d->name[f]) {
		d->shaper[f] = shaper_open(font, len, d->lang);
		font = NULL;
	}
	free(font);
	buf_free(&why);
	buf_free(&path);
	if (d->name[f] == NULL)
		return -1;
	d->widths[f] = xmalloc(WIDTH_CACHE * sizeof(short));
	d->used[f] = xcalloc(HPDFX_CODES / 8, 1);
	for (cp = 0; cp < WIDTH_CACHE; cp++)
		d->widths[f][cp] = UNKNOWN;
	return 0;
}

/* The width of cp in face f in thousandths of an em, or NO_GLYPH. */
static int
glyph_width(struct dev *d, enum face f, unsigned cp)
{
	int w;

	if (load_face(d, f) != 0 || cp > 0xffff)
		return NO_GLYPH;
	if (cp < WIDTH_CACHE && d->widths[f][cp] != UNKNOWN)
		return d->widths[f][cp];
	w = cp == 0 || HPDF_TTFontDef_GetGlyphid(d->def[f], (HPDF_UINT16)cp) == 0 ?
	    NO_GLYPH : HPDF_TTFontDef_GetCharWidth(d->def[f], (HPDF_UINT16)cp);
	if (cp < WIDTH_CACHE)
		d->widths[f][cp] = (short)w;
	return w;
}

/* The face that draws cp in text of face f, and its width. A no-break
 * space is drawn as a space of the text face. */
static enum face
pick(struct dev *d, enum face f, unsigned *cp, int *w)
{
	if (*cp == 0xa0)
		*cp = ' ';
	if ((*w = glyph_width(d, f, *cp)) != NO_GLYPH)
		return f;
	if ((*w = glyph_width(d, FACE_FALLBACK, *cp)) != NO_GLYPH)
		return FACE_FALLBACK;
	*w = 0;
	if (d->name[f] == NULL || d->name[FACE_FALLBACK] == NULL)
		return f;	/* a face that did not load has been reported */
	if (d->missing == NULL)
		d->missing = xcalloc(UNICODE_END / 8, 1);
	if (*cp < UNICODE_END && !(d->missing[*cp >> 3] & (1u << (*cp & 7)))) {
		d->missing[*cp >> 3] |= (unsigned char)(1u << (*cp & 7));
		d->missed = xgrow(d->missed, d->nmissed, sizeof(*d->missed));
		d->missed[d->nmissed++] = *cp;
	}
	d->failed = 1;
	return f;
}

/* The character of a numeric character reference at s ("&#x1F600;",
 * "&#128512;"), which CommonMark turns into the character, setting *n
 * to its length; or 0. */
static unsigned
char_ref(const char *s, const char *end, size_t *n)
{
	int hex = s + 2 < end && (s[2] == 'x' || s[2] == 'X');
	const char *p = s + 2 + hex, *digits = p;
	unsigned long v = 0;

	if (end - s < 4 || s[0] != '&' || s[1] != '#')
		return 0;
	for (; p < end && p - digits < 8 && (hex ? isxdigit((unsigned char)*p) :
	    isdigit((unsigned char)*p)); p++)
		v = v * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)*p) ?
		    *p - '0' : (*p | 0x20) - 'a' + 10);
	if (p == digits || p >= end || *p != ';' || v >= UNICODE_END)
		return 0;
	*n = (size_t)(p + 1 - s);
	return (unsigned)v;
}

/* Reports each character no font has where the sources write it: at
 * every place, as the character or as a character reference. Returns 1
 * when every one was found in the sources, -1 when one was not (it
 * came from elsewhere: the stylesheet's marker, a named entity) and is
 * reported without a place, 0 when no character was missing. */
static int
report_missing(struct dev *d, const struct doc *doc)
{
	unsigned char *found = xcalloc(UNICODE_END / 8, 1);
	const char *s, *q, *end;
	struct buf b = {0};
	struct span sp;
	size_t i, n;
	unsigned cp;
	int rc = 1;

	if (d->nmissed == 0) {
		free(found);
		return 0;
	}
	for (i = 0; i < doc->nplaces; i++) {
		const struct span *pl = &doc->places[i];

		end = pl->file->text + pl->end;
		for (s = pl->file->text + pl->off; s < end; s = q) {
			q = s;
			if (*s == '&' && (cp = char_ref(s, end, &n)) != 0)
				q = s + n;
			else
				cp = utf8_decode(&q);
			if (cp >= UNICODE_END || !(d->missing[cp >> 3] & (1u << (cp & 7))))
				continue;
			found[cp >> 3] |= (unsigned char)(1u << (cp & 7));
			b.len = 0;
			utf8_encode(&b, cp);
			sp = span_at(pl->file, (size_t)(s - pl->file->text),
			    (size_t)(q - pl->file->text));
			diag(&sp, M_E_GLYPH, cp, b.data);
		}
	}
	for (i = 0; i < d->nmissed; i++) {
		cp = d->missed[i];
		if (found[cp >> 3] & (1u << (cp & 7)))
			continue;
		b.len = 0;
		utf8_encode(&b, cp);
		diag_sys(d->dg, M_E_GLYPH, cp, b.data);
		rc = -1;
	}
	buf_free(&b);
	free(found);
	return rc;
}

/* The width of t[0..n), all of face f, in thousandths of an em:
 * shaped, with kerning and ligatures, when the face could be shaped. */
static double
face_width(struct dev *d, enum face f, const char *t, size_t n)
{
	const char *p = t;
	double sum = 0;
	size_t k, i;
	int w;

	if (d->shaper[f]) {
		k = shaper_run(d->shaper[f], t, n, &d->g, &d->gcap);
		for (i = 0; i < k; i++)
			sum += d->g[i].advance;
		return sum;
	}
	while (p < t + n) {
		w = glyph_width(d, f, utf8_decode(&p));
		sum += w == NO_GLYPH ? 0 : w;
	}
	return sum;
}

/* The layout's metrics: the width of s[0..n) in face f at size, each
 * character measured in the face that will draw it, each stretch of
 * one face shaped as a whole. */
static double
dev_width(void *ctx, enum face f, double size, const char *s, size_t n)
{
	struct dev *d = ctx;
	const char *end = s + n;
	struct buf t = {0};
	enum face cur = f, g;
	double sum = 0;
	unsigned cp;
	int w;

	while (s < end) {
		cp = utf8_decode(&s);
		g = pick(d, f, &cp, &w);
		if (w == 0 && cp != ' ')
			continue;	/* no glyph: reported */
		if (g != cur && t.len > 0) {
			sum += face_width(d, cur, t.data, t.len);
			t.len = 0;
		}
		cur = g;
		utf8_encode(&t, cp);
	}
	if (t.len > 0)
		sum += face_width(d, cur, t.data, t.len);
	buf_free(&t);
	return sum * size / 1000;
}

/* libharu's font for face f, made when first drawn with: only fonts
 * that draw something are embedded. */
static HPDF_Font
get_font(struct dev *d, enum face f)
{
	if (d->font[f] == NULL && d->name[f])
		d->font[f] = HPDF_GetFont(d->pdf, d->name[f], "UTF-8");
	return d->font[f];
}

/* Sets the font of face f and the fill colour when they change. */
static void
set_state(struct dev *d, HPDF_Page pg, enum face f, double size,
    const struct rgb *c)
{
	HPDF_Font font = get_font(d, f);

	if (font != d->cur_font || size != d->cur_size) {
		if (font == NULL)
			lib_failed(d, "make a font of '%s'", font_file(d, f));
		else if (HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)size) != HPDF_OK)
			lib_failed(d, "set the font '%s' at %g pt", font_file(d, f), size);
		d->cur_font = font;
		d->cur_size = size;
	}
	if (c->r != d->cur_color.r || c->g != d->cur_color.g || c->b != d->cur_color.b) {
		if (HPDF_Page_SetRGBFill(pg, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
		    (HPDF_REAL)c->b) != HPDF_OK)
			lib_failed(d, "set the colour of the text");
		d->cur_color = *c;
	}
}

/* Marks code cp of face f as drawn, for the font's tables. */
static void
use_code(struct dev *d, enum face f, unsigned cp)
{
	if (cp < HPDFX_CODES)
		d->used[f][cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* The code that draws glyph g of text s in face f: the code point it
 * stands for when the font maps that to it, else a code of the private
 * use area given to the glyph (a ligature: "fi"), whose ToUnicode entry
 * gives its text back. Returns 0 when no code is left. */
static unsigned
glyph_code(struct dev *d, enum face f, const struct shaped *g, const char *s)
{
	const char *p = s + g->off;
	unsigned cp = g->len > 0 ? utf8_decode(&p) : 0;
	struct buf t = {0};
	size_t i;

	if (g->len > 0 && p == s + g->off + g->len && cp <= 0xffff && cp != 0 &&
	    HPDF_TTFontDef_GetGlyphid(d->def[f], (HPDF_UINT16)cp) == g->gid)
		return cp;
	buf_add(&t, s + g->off, g->len);
	buf_puts(&t, "");
	for (i = 0; i < d->nalias[f]; i++)
		if (d->alias[f][i].gid == g->gid && strcmp(d->alias[f][i].text, t.data) == 0) {
			buf_free(&t);
			return d->alias[f][i].code;
		}
	if (d->next_alias[f] == 0)
		d->next_alias[f] = 0xe000;
	while (d->next_alias[f] < 0xf900 &&
	    HPDF_TTFontDef_GetGlyphid(d->def[f], (HPDF_UINT16)d->next_alias[f]) != 0)
		d->next_alias[f]++;
	if (d->next_alias[f] >= 0xf900) {
		buf_free(&t);
		return 0;
	}
	d->alias[f] = xrealloc(d->alias[f], (d->nalias[f] + 1) * sizeof(*d->alias[f]));
	d->alias[f][d->nalias[f]++] = (struct hpdfx_alias){d->next_alias[f], g->gid,
	    buf_take(&t)};
	return d->next_alias[f]++;
}

static double
shaped_advance(void *ctx, unsigned gid)
{
	return shaper_advance(ctx, gid);
}

static int
subset_font(void *ctx, const unsigned *gids, size_t n, struct buf *font,
    unsigned *newgid)
{
	return shaper_subset(ctx, gids, n, font, newgid);
}

/* Appends v, a multiple of a hundredth, in its shortest form ("12.5",
 * "-3", "0"): in integers, as the text of a page is mostly these. */
static void
put_num(struct buf *b, double v)
{
	long long c = llround(v * 100);
	unsigned long long a = c < 0 ? 0ull - (unsigned long long)c :
	    (unsigned long long)c;
	char t[32];
	int n;

	n = snprintf(t, sizeof(t), "%s%llu", c < 0 ? "-" : "", a / 100);
	if (a % 100 != 0) {
		t[n++] = '.';
		t[n++] = (char)('0' + a % 100 / 10);
		if (a % 10 != 0)
			t[n++] = (char)('0' + a % 10);
	}
	buf_add(b, t, (size_t)n);
}

/* Appends code c to a literal string as two bytes, escaped where PDF
 * needs it (parentheses, backslash, line ends). */
static void
put_code(struct buf *b, unsigned c)
{
	char two[2] = {(char)(c >> 8), (char)(c & 0xff)};
	int i;

	for (i = 0; i < 2; i++)
		switch (two[i]) {
		case '(': case ')': case '\\':
			buf_putc(b, '\\');
			buf_putc(b, two[i]);
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		default:
			buf_putc(b, two[i]);
		}
}

/* Appends to b the TJ array of s[0..n) shaped in face f: each glyph's
 * code, and where the shaped advance (kerning) differs from the width
 * the font's table gives the code, the difference. */
static void
shaped_tj(struct dev *d, enum face f, const char *s, size_t n, struct buf *b)
{
	size_t k = shaper_run(d->shaper[f], s, n, &d->g, &d->gcap), i;
	unsigned code;
	double adj;
	int open = 0;

	for (i = 0; i < k; i++) {
		const struct shaped *g = &d->g[i];

		if ((code = glyph_code(d, f, g, s)) == 0)
			continue;
		use_code(d, f, code);
		if (!open)
			buf_putc(b, '(');
		open = 1;
		put_code(b, code);
		/* The width table holds the advance to a hundredth. */
		adj = floor(shaper_advance(d->shaper[f], g->gid) * 100 + 0.5) / 100 -
		    g->advance;
		if (fabs(adj) >= 0.005 && i + 1 < k) {
			buf_printf(b, ") %.2f ", adj);
			open = 0;
		}
	}
	if (open)
		buf_putc(b, ')');
}

/* Shows s[0..n) at x on the run's baseline in face f as a TJ array,
 * followed by a space when space is set: the space is for the text
 * layer (copy, search, screen readers), as the next word is placed by
 * a move of its own. Positions are moves from the previous piece's
 * start (Td). Returns the width shown, without the space. */
static double
show(struct dev *d, HPDF_Page pg, enum face f, const struct run *r,
    double x, const char *s, size_t n, int space)
{
	const char *p = s, *end = s + n;
	struct buf b = {0};
	unsigned cp;
	double y;

	set_state(d, pg, f, r->size, &r->color);
	/* Places to a hundredth of a point, moved to from the last place
	 * as placed, so that the rounding does not add up. */
	x = floor(x * 100 + 0.5) / 100;
	y = floor(r->y * 100 + 0.5) / 100;
	put_num(&b, x - d->tx);
	buf_putc(&b, ' ');
	put_num(&b, y - d->ty);
	buf_puts(&b, " Td\n[");
	d->tx = x;
	d->ty = y;
	if (d->shaper[f]) {
		shaped_tj(d, f, s, n, &b);
	} else {
		buf_putc(&b, '(');
		while (p < end) {
			cp = utf8_decode(&p);
			if (cp > 0xffff)
				continue;	/* pick() has reported it */
			use_code(d, f, cp);
			put_code(&b, cp);
		}
		buf_putc(&b, ')');
	}
	if (space) {
		use_code(d, f, ' ');
		buf_putc(&b, '(');
		put_code(&b, ' ');
		buf_putc(&b, ')');
	}
	buf_puts(&b, "] TJ\n");
	if (hpdfx_page_write(pg, b.data, b.len) != 0)
		lib_failed(d, "write the text '%.40s%s' in '%s'", s, n > 40 ? "..." : "",
		    font_file(d, f));
	buf_free(&b);
	return face_width(d, f, s, n) * r->size / 1000;
}

/* Draws a run, switching to the fallback face for the characters the
 * run's face lacks; no-break spaces become spaces. space: a space ends
 * it in the text layer. */
static void
draw_run(struct dev *d, HPDF_Page pg, const struct run *r, int space)
{
	struct buf t = {0};
	const char *s, *q, *from;
	double x = r->x;
	enum face cur = r->face, f;
	unsigned cp;
	int w;

	for (s = r->text; s < r->text + r->len; s = q) {
		q = s;
		if (utf8_decode(&q) == 0xa0)
			buf_putc(&t, ' ');
		else
			buf_add(&t, s, (size_t)(q - s));
	}
	if (t.len == 0)
		return;
	for (s = from = t.data; s < t.data + t.len; s = q) {
		q = s;
		cp = utf8_decode(&q);
		f = pick(d, r->face, &cp, &w);
		if (f != cur && s > from) {
			x += show(d, pg, cur, r, x, from, (size_t)(s - from), 0);
			from = s;
		}
		cur = f;
	}
	show(d, pg, cur, r, x, from, (size_t)(s - from), space);
	buf_free(&t);
}

/* Whether run i of p is followed by a word after a gap on its line,
 * or ends a line whose text goes on on the next (not after a hyphen). */
static int
space_after(const struct page *p, size_t i)
{
	const struct run *r = &p->runs[i], *n = &p->runs[i + 1];

	if (i + 1 >= p->nruns || n->artifact != r->artifact || r->len == 0 ||
	    n->len == 0 || r->text[r->len - 1] == ' ' || n->text[0] == ' ')
		return 0;
	if (n->y == r->y)
		return n->x > r->x + r->width + 0.01;
	return n->elem == r->elem && r->elem != 0 && r->text[r->len - 1] != '-';
}

/* Writes raw operators to the page. */
static void
put(struct dev *d, HPDF_Page pg, const char *ops)
{
	if (hpdfx_page_write(pg, ops, strlen(ops)) != 0)
		lib_failed(d, "write the page's content");
}

static void
draw_rules(struct dev *d, HPDF_Page pg, const struct page *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct rule *r = &p->rules[i];

		if (HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)r->color.r,
		    (HPDF_REAL)r->color.g, (HPDF_REAL)r->color.b) != HPDF_OK ||
		    HPDF_Page_SetLineWidth(pg, (HPDF_REAL)r->width) != HPDF_OK ||
		    HPDF_Page_MoveTo(pg, (HPDF_REAL)r->x1, (HPDF_REAL)r->y1) != HPDF_OK ||
		    HPDF_Page_LineTo(pg, (HPDF_REAL)r->x2, (HPDF_REAL)r->y2) != HPDF_OK ||
		    HPDF_Page_Stroke(pg) != HPDF_OK)
			lib_failed(d, "draw a rule %g pt wide", r->width);
	}
}

/* A link on pg to the place of the anchor with the given id. */
static HPDF_Annotation
ref_annot(const struct layout *l, HPDF_Page *pages, HPDF_Page pg,
    HPDF_Rect rect, const char *id)
{
	const struct anchor *a = layout_anchor(l, id);
	HPDF_Destination dst;

	if ((dst = HPDF_Page_CreateDestination(pages[a->page])) == NULL ||
	    HPDF_Destination_SetFitH(dst, (HPDF_REAL)a->y) != HPDF_OK)
		return NULL;
	return HPDF_Page_CreateLinkAnnot(pg, rect, dst);
}

/* One borderless link annotation per stretch of a link on a line of
 * page k: to an address, or to an anchor of a redline. */
static void
draw_links(struct dev *d, const struct layout *l, HPDF_Page *pages, size_t k)
{
	const struct page *p = &l->pages[k];
	struct buf uri = {0};
	size_t i, j;

	for (i = 0; i < p->nruns; i = j) {
		const struct run *r = &p->runs[i];
		HPDF_Rect rect;
		HPDF_Annotation a;

		for (j = i + 1; j < p->nruns && (r->uri || r->ref) &&
		    p->runs[j].uri == r->uri && p->runs[j].ref == r->ref &&
		    p->runs[j].y == r->y; j++)
			;
		if (r->uri == NULL && r->ref == NULL)
			continue;
		rect.left = (HPDF_REAL)r->x;
		rect.right = (HPDF_REAL)(p->runs[j - 1].x + p->runs[j - 1].width);
		rect.bottom = (HPDF_REAL)(r->y - r->size * 0.25);
		rect.top = (HPDF_REAL)(r->y + r->size * 0.85);
		if (r->ref) {
			/* A change whose block has no line has no place. */
			if (layout_anchor(l, r->ref) == NULL)
				continue;
			a = ref_annot(l, pages, pages[k], rect, r->ref);
		} else {
			/* The HTML's filter and 7-bit form of the address. */
			if (!esc_url_allowed(r->uri))
				continue;
			uri.len = 0;
			esc_url(&uri, r->uri);
			a = HPDF_Page_CreateURILinkAnnot(pages[k], rect, uri.data);
		}
		/* Printed (F 4), as PDF/A wants of every annotation. */
		if (a == NULL || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK ||
		    HPDF_Dict_AddNumber(a, "F", 4) != HPDF_OK) {
			if (r->ref)
				lib_failed(d, "make the link to the change '%s'", r->ref);
			else
				lib_failed(d, "make the link to '%.60s%s'", uri.data,
				    uri.len > 60 ? "..." : "");
			continue;
		}
		/* The link's element holds its annotation. */
		if (r->elem) {
			d->objr = xrealloc(d->objr, (d->nobjr + 1) * sizeof(*d->objr));
			d->objr[d->nobjr++] = (struct hpdfx_objr){r->elem, k, a};
		}
	}
	buf_free(&uri);
}

static const char *const elem_tags[] = {
	[E_DOCUMENT] = "Document", [E_H1] = "H1", [E_H2] = "H2", [E_H3] = "H3",
	[E_H4] = "H4", [E_P] = "P", [E_L] = "L", [E_LI] = "LI", [E_LBL] = "Lbl",
	[E_LBODY] = "LBody", [E_QUOTE] = "BlockQuote", [E_LINK] = "Link",
};

/* Opens the marked-content sequence of element e on the page. */
static void
mark(struct dev *d, HPDF_Page pg, const struct layout *l, size_t e)
{
	char b[64];

	snprintf(b, sizeof(b), "/%s <</MCID %u>> BDC\n", elem_tags[l->elems[e].type], d->mcid);
	put(d, pg, b);
	d->mcr = xrealloc(d->mcr, (d->nmcr + 1) * sizeof(*d->mcr));
	d->mcr[d->nmcr++] = (struct hpdfx_mcr){e, d->page, d->mcid++};
}

/* The structure tree of the layout's elements. */
static void
draw_struct(struct dev *d, const struct layout *l, HPDF_Page *pages)
{
	const char **tags = xcalloc(l->nelems + 1, sizeof(*tags));
	size_t *parents = xcalloc(l->nelems + 1, sizeof(*parents)), i;

	for (i = 0; i < l->nelems; i++) {
		tags[i] = elem_tags[l->elems[i].type];
		parents[i] = l->elems[i].parent;
	}
	if (hpdfx_struct(d->pdf, pages, l->npages, tags, parents, l->nelems,
	    d->mcr, d->nmcr, d->objr, d->nobjr) != 0)
		lib_failed(d, "write the structure tree of %zu elements (the "
		    "tags)", l->nelems);
	free(tags);
	free(parents);
}

/* Adds a page and draws p on it: rules, then text. */
static HPDF_Page
draw_page(struct dev *d, const struct layout *l, const struct page *p)
{
	HPDF_Page pg = HPDF_AddPage(d->pdf);
	size_t i, open = 0;

	if (pg == NULL || HPDF_Page_SetWidth(pg, (HPDF_REAL)d->st->page_width) != HPDF_OK ||
	    HPDF_Page_SetHeight(pg, (HPDF_REAL)d->st->page_height) != HPDF_OK) {
		lib_failed(d, "add a page");
		return pg;
	}
	/* Rules, header and footer are artifacts, out of the reading
	 * order; the header and footer come first in the text layer. */
	put(d, pg, "/Artifact BMC\n");
	draw_rules(d, pg, p);
	put(d, pg, "EMC\n");
	if (HPDF_Page_BeginText(pg) != HPDF_OK)
		lib_failed(d, "begin the page's text");
	d->cur_font = NULL;
	d->cur_size = d->tx = d->ty = 0;
	d->cur_color = (struct rgb){0, 0, 0, 1};
	put(d, pg, "/Artifact BMC\n");
	for (i = 0; i < p->nruns && !d->failed; i++)
		if (p->runs[i].artifact)
			draw_run(d, pg, &p->runs[i], space_after(p, i));
	put(d, pg, "EMC\n");
	/* The text, each element's runs a marked-content sequence. */
	for (i = 0; i < p->nruns && !d->failed; i++) {
		const struct run *r = &p->runs[i];

		if (r->artifact)
			continue;
		if (r->elem != open) {
			if (open)
				put(d, pg, "EMC\n");
			if (r->elem)
				mark(d, pg, l, r->elem);
			open = r->elem;
		}
		draw_run(d, pg, r, space_after(p, i));
	}
	if (open)
		put(d, pg, "EMC\n");
	if (HPDF_Page_EndText(pg) != HPDF_OK)
		lib_failed(d, "end the page's text");
	return pg;
}

/* s in PDFDocEncoding, which is Latin-1 for ASCII and from U+00A0 on,
 * into b; -1 when s has other characters (UTF-16 is then needed, at
 * twice the bytes). */
static int
doc_encoding(const char *s, struct buf *b)
{
	unsigned c;

	b->len = 0;
	while (*s) {
		c = utf8_decode(&s);
		if (c == 0 || (c >= 0x7f && c < 0xa0) || c > 0xff)
			return -1;
		buf_putc(b, (char)c);
	}
	buf_puts(b, "");
	return 0;
}

/* The outline: parts at the top, sections and themes below them. */
static void
draw_outline(struct dev *d, const struct layout *l, HPDF_Page *pages)
{
	HPDF_Encoder enc = HPDF_GetEncoder(d->pdf, "UTF-8");
	HPDF_Outline parent[5] = {NULL, NULL, NULL, NULL, NULL}, o;
	HPDF_Destination dst;
	struct buf b = {0};
	size_t i;
	int k;

	for (i = 0; i < l->nmarks && !d->failed; i++) {
		const struct mark *m = &l->marks[i];

		for (k = m->level - 1; k > 1 && parent[k] == NULL; k--)
			;
		if (doc_encoding(m->title, &b) == 0)
			o = HPDF_CreateOutline(d->pdf, k > 1 ? parent[k] : NULL, b.data, NULL);
		else
			o = HPDF_CreateOutline(d->pdf, k > 1 ? parent[k] : NULL, m->title, enc);
		dst = HPDF_Page_CreateDestination(pages[m->page]);
		if (o == NULL || dst == NULL ||
		    HPDF_Destination_SetFitH(dst, (HPDF_REAL)m->y) != HPDF_OK ||
		    HPDF_Outline_SetDestination(o, dst) != HPDF_OK ||
		    HPDF_Outline_SetOpened(o, m->level == 2) != HPDF_OK)
			lib_failed(d, "make the outline entry '%.40s%s'", m->title,
			    strlen(m->title) > 40 ? "..." : "");
		parent[m->level] = o;
		for (k = m->level + 1; k < 5; k++)
			parent[k] = NULL;
	}
	buf_free(&b);
}

/* The creation date: the source's, else SOURCE_DATE_EPOCH, else none. */
static int
doc_date(const struct doc_meta *m, HPDF_Date *dt)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;

	memset(dt, 0, sizeof(*dt));
	dt->ind = 'Z';
	if (sscanf(m->date, "%4d-%2d-%2d", &dt->year, &dt->month, &dt->day) == 3)
		return 0;
	if (sde == NULL || *sde == '\0')
		return -1;
	t = (time_t)strtoll(sde, NULL, 10);
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	*dt = (HPDF_Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
	return 0;
}

/* The document information: in PDFDocEncoding where it can be, else
 * in UTF-8 as the current encoder is. */
static void
set_info(struct dev *d, const struct doc_meta *m)
{
	const struct { HPDF_InfoType type; const char *key, *value; } info[] = {
		{HPDF_INFO_PRODUCER, "Producer", PRODUCER},
		{HPDF_INFO_CREATOR, "Creator", CREATOR},
		{HPDF_INFO_TITLE, "Title", m->title},
		{HPDF_INFO_AUTHOR, "Author", m->council},
		{HPDF_INFO_SUBJECT, "Subject", m->subject},
		{HPDF_INFO_KEYWORDS, "Keywords", m->keywords},
	};
	struct buf b = {0};
	HPDF_Date dt;
	size_t i;

	for (i = 0; i < NELEM(info); i++) {
		if (info[i].value == NULL || *info[i].value == '\0')
			continue;
		if (i > 0 && d->pdf->info && doc_encoding(info[i].value, &b) == 0) {
			if (HPDF_Dict_Add(d->pdf->info, info[i].key,
			    HPDF_String_New(d->pdf->mmgr, b.data, NULL)) != HPDF_OK)
				lib_failed(d, "write the document's %s", info[i].key);
		} else if (HPDF_SetInfoAttr(d->pdf, info[i].type, info[i].value) != HPDF_OK) {
			lib_failed(d, "write the document's %s", info[i].key);
		}
	}
	buf_free(&b);
	if (doc_date(m, &dt) == 0 &&
	    (HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, dt) != HPDF_OK ||
	    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, dt) != HPDF_OK))
		lib_failed(d, "write the document's dates");
}

/* The language of the document: a Dutch one is Flemish. */
static const char *
doc_lang(const struct doc_meta *m)
{
	return strcmp(m->lang, "nl") == 0 ? "nl-BE" : m->lang;
}

/* A digest of the document's content, its layout and information: the
 * file identifier, the same for the same document. */
static void
digest(const struct doc *doc, const struct layout *l, unsigned char id[16])
{
	const struct doc_meta *m = &doc->meta;
	const char *fields[] = {m->title, m->subtitle, m->zone, m->council,
	    m->date, m->version, m->status, m->subject, m->keywords, m->lang};
	HPDF_MD5_CTX ctx;
	char num[64];
	size_t i, k;

	HPDF_MD5Init(&ctx);
	for (i = 0; i < NELEM(fields); i++)
		HPDF_MD5Update(&ctx, (const HPDF_BYTE *)fields[i], (HPDF_UINT32)strlen(fields[i]) + 1);
	for (i = 0; i < l->npages; i++)
		for (k = 0; k < l->pages[i].nruns; k++) {
			const struct run *r = &l->pages[i].runs[k];

			snprintf(num, sizeof(num), "%zu %.2f %.2f %d %.2f|", i,
			    r->x, r->y, (int)r->face, r->size);
			HPDF_MD5Update(&ctx, (const HPDF_BYTE *)num, (HPDF_UINT32)strlen(num));
			HPDF_MD5Update(&ctx, (const HPDF_BYTE *)r->text, (HPDF_UINT32)r->len);
		}
	HPDF_MD5Final(id, &ctx);
}

/* Makes the document PDF/A-2u: XMP metadata as the information, the
 * sRGB output intent, an identifier from the content. */
static void
archival(struct dev *d, const struct doc *doc, const struct layout *l)
{
	const struct doc_meta *m = &doc->meta;
	const char *path = d->st->icc_profile ? d->st->icc_profile : ICC_PROFILE;
	unsigned char id[16];
	char date[32] = "";
	HPDF_Date dt;
	size_t n;
	char *icc;

	if ((icc = read_file(path, &n)) == NULL || n < 128) {
		diag_sys(d->dg, M_E_ICC, path, icc ? "not an ICC profile" : file_strerror(errno));
		d->failed = 1;
		free(icc);
		return;
	}
	if (doc_date(m, &dt) == 0)
		snprintf(date, sizeof(date), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    dt.year, dt.month, dt.day, dt.hour, dt.minutes, dt.seconds);
	digest(doc, l, id);
	if (hpdfx_archival(d->pdf, &(struct hpdfx_meta){m->title, m->council,
	    m->subject, m->keywords, CREATOR, PRODUCER, date, doc_lang(m)},
	    icc, n, id) != 0)
		lib_failed(d, "write the PDF/A metadata and output intent");
	free(icc);
}

/* Writes the document into out. */
static void
save(struct dev *d, struct buf *out)
{
	HPDF_UINT32 size, got;

	if (HPDF_SaveToStream(d->pdf) != HPDF_OK) {
		lib_failed(d, "assemble the file");
		return;
	}
	got = size = HPDF_GetStreamSize(d->pdf);
	buf_grow(out, size + 1);
	if (size == 0 || HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)out->data + out->len,
	    &got) > HPDF_STREAM_EOF || got != size)
		lib_failed(d, "read the assembled file back");
	else
		out->len += size;
	if (d->error == HPDF_STREAM_EOF)
		d->error = 0;
}

static void
print_stats(const struct doc *doc, const struct layout *l)
{
	const struct layout_stats *s = &l->stats;

	fprintf(stderr, "pdf-stats: %s pages %zu lines %zu justified %zu "
	    "hyphens %zu (%.1f%%) stretch-mean %.3f stretch-max %.3f\n",
	    doc->meta.source, l->npages, s->lines, s->justified, s->hyphens,
	    s->lines ? 100.0 * (double)s->hyphens / (double)s->lines : 0.0,
	    s->justified ? s->stretch_sum / (double)s->justified : 1.0,
	    s->stretch_max);
}

/* Warns about each word the layout had to break without a hyphen,
 * showing at most its first 40 characters. */
static void
warn_overlong(struct dev *d, const struct doc *doc, const struct layout *l)
{
	size_t i, n, k;

	for (i = 0; i < l->noverlong; i++) {
		const struct overlong *o = &l->overlong[i];

		for (n = k = 0; n < o->len && k < 40; k++) {
			n++;
			while (n < o->len && ((unsigned char)o->text[n] & 0xc0) == 0x80)
				n++;
		}
		diag_sys(d->dg, M_W_OVERLONG, doc->meta.source, o->page + 1, (int)n,
		    o->text, n < o->len ? "..." : "");
	}
}

/* Lays out and draws the document. */
static void
draw(struct dev *d, const struct doc *doc, struct hyph *h, struct buf *out)
{
	struct metrics m = {dev_width, d};
	struct layout *l = layout_doc(doc, d->st, &m, h);
	HPDF_Page *pages = xcalloc(l->npages + 1, sizeof(*pages));
	size_t i, f;

	if (getenv("AFC_PDF_STATS"))
		print_stats(doc, l);
	warn_overlong(d, doc, l);
	for (i = 0; i < l->npages && !d->failed; i++) {
		d->page = i;
		d->mcid = 0;
		pages[i] = draw_page(d, l, &l->pages[i]);
	}
	/* Links once every page is there: a redline's go forward. */
	for (i = 0; i < l->npages && !d->failed; i++) {
		d->page = i;
		draw_links(d, l, pages, i);
	}
	d->page = NO_PAGE;
	if (!d->failed)
		draw_outline(d, l, pages);
	if (!d->failed)
		draw_struct(d, l, pages);
	if (!d->failed && l->nmarks > 0 &&
	    HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK)
		lib_failed(d, "open the outline");
	if (!d->failed) {
		set_info(d, &doc->meta);
		if (!d->failed && hpdfx_accessible(d->pdf, doc_lang(&doc->meta)) != 0)
			lib_failed(d, "mark the document as tagged, in '%s'",
			    doc_lang(&doc->meta));
	}
	if (!d->failed && d->st->archival)
		archival(d, doc, l);
	for (f = 0; f < FACE__COUNT && !d->failed; f++)
		if (d->font[f] && hpdfx_font_finish(d->font[f], &(struct hpdfx_font){
		    d->used[f], d->alias[f], d->nalias[f],
		    d->shaper[f] ? shaped_advance : NULL,
		    d->shaper[f] ? subset_font : NULL, d->shaper[f]}) != 0)
			lib_failed(d, "embed the font '%s'", font_file(d, (enum face)f));
	if (check(d) == 0)
		save(d, out);
	free(pages);
	layout_free(l);
}

/* A new document: UTF-8 text, everything compressed. */
static int
dev_open(struct dev *d)
{
	d->pdf = HPDF_New(on_error, d);
	if (d->pdf == NULL ||
	    HPDF_UseUTFEncodings(d->pdf) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(d->pdf, "UTF-8") != HPDF_OK ||
	    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL) != HPDF_OK)
		lib_failed(d, "start a document");
	return check(d);
}

static void
dev_close(struct dev *d)
{
	size_t f;

	for (f = 0; f < FACE__COUNT; f++) {
		size_t i;

		free(d->widths[f]);
		free(d->used[f]);
		shaper_close(d->shaper[f]);
		for (i = 0; i < d->nalias[f]; i++)
			free((char *)d->alias[f][i].text);
		free(d->alias[f]);
	}
	free(d->g);
	free(d->mcr);
	free(d->missing);
	free(d->missed);
	buf_free(&d->what);
	free(d->objr);
	if (d->pdf)
		HPDF_Free(d->pdf);
}

/* The backend's state: the stylesheet and the hyphenation patterns,
 * loaded once for every zone rendered. Fonts are loaded into each
 * document: libharu cannot share them between documents. */
struct pdf {
	struct render_ctx ctx;
	struct diags own;	/* holds the stylesheet, for its messages */
	struct style st;
	struct hyph *hyph;
	struct buf style_path;
};

void *
pdf_open(const struct render_ctx *ctx, struct diags *dg)
{
	struct pdf *p = xcalloc(1, sizeof(*p));

	p->ctx = *ctx;
	diags_init(&p->own, dg->stream, 0);
	p->own.label = dg->label;
	buf_printf(&p->style_path, "%s/templates/pdf.yaml", ctx->datadir);
	if (style_load(&p->st, p->style_path.data, &p->own) != 0) {
		dg->counts[DIAG_ERROR]++;
		diags_free(&p->own);
		buf_free(&p->style_path);
		free(p);
		return NULL;
	}
	p->hyph = hyph_open(p->st.dictionary, p->st.dictionary2,
	    p->st.hyph_left, p->st.hyph_right);
	return p;
}

void
pdf_close(void *state)
{
	struct pdf *p = state;

	if (p == NULL)
		return;
	hyph_close(p->hyph);
	style_free(&p->st);
	diags_free(&p->own);
	buf_free(&p->style_path);
	free(p);
}

void
pdf_deps(void *state, void (*fn)(void *arg, const char *path), void *arg)
{
	struct pdf *p = state;
	struct buf b = {0};
	size_t f;

	fn(arg, p->style_path.data);
	for (f = 0; f < FACE__COUNT; f++) {
		if (p->st.font[f] == NULL)
			continue;
		b.len = 0;
		if (p->st.font[f][0] == '/')
			buf_puts(&b, p->st.font[f]);
		else
			buf_printf(&b, "%s/fonts/%s", p->ctx.datadir, p->st.font[f]);
		fn(arg, b.data);
	}
	if (p->st.dictionary)
		fn(arg, p->st.dictionary);
	if (p->st.dictionary2)
		fn(arg, p->st.dictionary2);
	buf_free(&b);
}

int
pdf_render(void *state, const struct doc *doc, struct diags *dg,
    struct buf *out)
{
	struct pdf *p = state;
	struct dev d;
	int rc = -1;

	memset(&d, 0, sizeof(d));
	d.st = &p->st;
	d.dg = dg;
	d.datadir = p->ctx.datadir;
	d.lang = *doc->meta.lang ? doc->meta.lang : "nl";
	d.source = doc->meta.source;
	d.page = NO_PAGE;
	if (dev_open(&d) == 0 && load_face(&d, FACE_REGULAR) == 0) {
		draw(&d, doc, p->hyph, out);
		rc = check(&d);
		/* A character no font has is the source's fault when the
		 * source wrote it and nothing else went wrong. */
		if (report_missing(&d, doc) > 0 && d.error == 0 && d.what.len == 0)
			rc = 1;
	}
	dev_close(&d);
	return rc;
}
