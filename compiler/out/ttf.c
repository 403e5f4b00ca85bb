/* ttf.c - the checks of ttf.h: the table directory, then each table in
 * the order libharu's LoadFontData parses it (head, maxp, hhea, cmap,
 * hmtx, loca, name, OS/2, glyf). libharu reads a font through a stream,
 * so a read past the end of the file fails cleanly; what it trusts are
 * the counts and offsets it sizes its arrays with and the values it
 * divides by, and those are checked here against the tables that hold
 * them. Each check costs time linear in the size of the file. */
#include <stdarg.h>
#include <string.h>

#include "base/util.h"
#include "out/ttf.h"

/* The tables libharu reads, all required. */
enum { HEAD, HHEA, MAXP, HMTX, LOCA, GLYF, CMAP, NAME, OS2, NTABLES };
static const char tags[NTABLES][5] = {
	"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "OS/2",
};

struct table {
	size_t off, len;
	int found;
};

struct font {
	const unsigned char *p;
	size_t len;
	struct buf *why;
	struct table t[NTABLES];
	unsigned glyphs;	/* maxp's numGlyphs */
	unsigned metrics;	/* hhea's numberOfHMetrics */
	int long_loca;		/* head's indexToLocFormat is 1 */
	/* The Unicode map libharu uses (cmap format 4), and its arrays. */
	const unsigned char *ends, *starts, *deltas, *ranges, *gids;
	unsigned segs, ngids;
};

#define TAG(a, b, c, d) \
	((unsigned long)(a) << 24 | (unsigned long)(b) << 16 | (c) << 8 | (d))

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
u32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static int
bad(struct font *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Says what is wrong; returns -1. */
static int
bad(struct font *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(f->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* The table libharu reads with this tag, or NULL. */
static struct table *
slot(struct font *f, const unsigned char *tag)
{
	int i;

	for (i = 0; i < NTABLES; i++)
		if (memcmp(tag, tags[i], 4) == 0)
			return &f->t[i];
	return NULL;
}

/* A table's tag as text: a character that is not printable ASCII (or
 * is a quote) shows as '?'. */
static const char *
tag_text(const unsigned char *tag, char out[5])
{
	int i;

	for (i = 0; i < 4; i++)
		out[i] = tag[i] >= 0x20 && tag[i] < 0x7f && tag[i] != '\'' ?
		    (char)tag[i] : '?';
	out[4] = '\0';
	return out;
}

/* The header and the table directory: every table inside the file,
 * none listed twice (libharu and HarfBuzz might read different ones),
 * and those libharu reads present. */
static int
check_directory(struct font *f)
{
	unsigned long version;
	unsigned n, i, j;
	char t[5];

	if (f->len < 12)
		return bad(f, "the file is %zu bytes long, too short for a font",
		    f->len);
	version = u32(f->p);
	if (version == TAG('t', 't', 'c', 'f'))
		return bad(f, "it is a font collection (.ttc), not a single font");
	if (version == TAG('O', 'T', 'T', 'O'))
		return bad(f, "its glyphs are PostScript (CFF) outlines; the PDF "
		    "library reads TrueType outlines only");
	if (version != 0x00010000 && version != TAG('t', 'r', 'u', 'e'))
		return bad(f, "it does not begin as a TrueType font does");
	n = u16(f->p + 4);
	if (n == 0 || n > TTF_MAX_TABLES)
		return bad(f, "its table directory lists %u tables (the limit "
		    "is %d)", n, TTF_MAX_TABLES);
	if (12 + 16 * (size_t)n > f->len)
		return bad(f, "its table directory of %u tables runs past the "
		    "end of the file", n);
	for (i = 0; i < n; i++) {
		const unsigned char *r = f->p + 12 + 16 * (size_t)i;
		size_t off = u32(r + 8), len = u32(r + 12);
		struct table *s;

		if (off > f->len || len > f->len - off)
			return bad(f, "its '%s' table (%zu bytes at offset %zu) "
			    "runs past the end of the file (%zu bytes)",
			    tag_text(r, t), len, off, f->len);
		for (j = 0; j < i; j++)
			if (memcmp(r, f->p + 12 + 16 * (size_t)j, 4) == 0)
				return bad(f, "its table directory lists the "
				    "'%s' table twice", tag_text(r, t));
		if ((s = slot(f, r)) != NULL) {
			s->off = off;
			s->len = len;
			s->found = 1;
		}
	}
	for (i = 0; i < NTABLES; i++)
		if (!f->t[i].found)
			return bad(f, "it has no '%s' table", tags[i]);
	return 0;
}

/* Whether table i holds at least n bytes. */
static int
holds(struct font *f, int i, size_t n)
{
	if (f->t[i].len < n)
		return bad(f, "its '%s' table is %zu bytes long; %zu are needed",
		    tags[i], f->t[i].len, n);
	return 0;
}

/* head: libharu divides by the units per em. */
static int
check_head(struct font *f)
{
	const unsigned char *h = f->p + f->t[HEAD].off;
	unsigned upem, loca;

	if (holds(f, HEAD, 54) != 0)
		return -1;
	if (u32(h + 12) != 0x5F0F3CF5)
		return bad(f, "its 'head' table does not hold the magic number "
		    "0x5F0F3CF5");
	upem = u16(h + 18);
	if (upem < 16 || upem > 16384)
		return bad(f, "its units per em are %u (16 to 16384 are valid)",
		    upem);
	loca = u16(h + 50);
	if (loca > 1)
		return bad(f, "its index-to-location format is %u (0 or 1 are "
		    "valid)", loca);
	f->long_loca = loca == 1;
	return 0;
}

/* maxp and hhea: the arrays libharu sizes by the number of glyphs are
 * filled with as many horizontal metrics. */
static int
check_counts(struct font *f)
{
	size_t need;

	if (holds(f, MAXP, 6) != 0 ||
	    holds(f, HHEA, 36) != 0)
		return -1;
	f->glyphs = u16(f->p + f->t[MAXP].off + 4);
	f->metrics = u16(f->p + f->t[HHEA].off + 34);
	if (f->glyphs == 0)
		return bad(f, "it has no glyphs (its 'maxp' table says 0)");
	if (f->metrics == 0 || f->metrics > f->glyphs)
		return bad(f, "its 'hhea' table gives %u horizontal metrics for "
		    "%u glyphs", f->metrics, f->glyphs);
	need = 4 * (size_t)f->metrics + 2 * (size_t)(f->glyphs - f->metrics);
	return holds(f, HMTX, need);
}

/* The glyph of code point c as libharu 2.3.0 finds it (libharu: the
 * segment's delta added to a glyph of the array, even to none), or as
 * hpdfx.c's faster lookup does (a glyph of the array gets the delta, as
 * the TrueType specification says; none stays none); 0 for none. A
 * segment's offset into the glyph array counts from its own entry of
 * the offsets; check_cmap makes sure it lands in the array for every
 * code point of the segment. */
static unsigned
lookup(const struct font *f, unsigned seg, unsigned c, int libharu)
{
	unsigned start = u16(f->starts + 2 * seg);
	unsigned delta = u16(f->deltas + 2 * seg);
	unsigned range = u16(f->ranges + 2 * seg);
	size_t idx;

	if (c < start)
		return 0;
	if (range == 0)
		return (c + delta) & 0xffff;
	idx = range / 2 + (size_t)(c - start) - (f->segs - seg);
	if (u16(f->gids + 2 * idx) == 0 && !libharu)
		return 0;
	return (u16(f->gids + 2 * idx) + delta) & 0xffff;
}

/* The segment of code point c: the first ending at or after it. */
static unsigned
segment(const struct font *f, unsigned c)
{
	unsigned lo = 0, hi = f->segs;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (u16(f->ends + 2 * mid) < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The segments of the map: in order, ending at U+FFFF (so that every
 * code point has one), each pointing inside the glyph array and at
 * glyphs the font has. */
static int
check_segments(struct font *f)
{
	unsigned i, c, first = 0, end, start, g;

	for (i = 0; i < f->segs; i++) {
		end = u16(f->ends + 2 * i);
		start = u16(f->starts + 2 * i);
		if (i > 0 && end <= u16(f->ends + 2 * (i - 1)))
			return bad(f, "the segments of its Unicode map are not "
			    "in order (segment %u)", i + 1);
		if (start > end)
			return bad(f, "segment %u of its Unicode map begins "
			    "after it ends", i + 1);
		/* The code points this segment maps: those after the last. */
		for (c = start > first ? start : first; c <= end; c++) {
			unsigned range = u16(f->ranges + 2 * i);

			if (range != 0 && (range / 2 + (size_t)(c - start) <
			    f->segs - i || range / 2 + (size_t)(c - start) -
			    (f->segs - i) >= f->ngids))
				return bad(f, "its Unicode map looks for "
				    "U+%04X outside its glyph array", c);
			g = lookup(f, i, c, 1);
			if (g >= f->glyphs && c != 0xffff)
				return bad(f, "its Unicode map gives U+%04X "
				    "glyph %u, but it has %u glyphs", c, g,
				    f->glyphs);
		}
		first = end + 1;
	}
	if (u16(f->ends + 2 * (f->segs - 1)) != 0xffff)
		return bad(f, "its Unicode map does not end at U+FFFF");
	return 0;
}

/* cmap: the first Windows Unicode subtable (platform 3, encoding 1)
 * of format 4, the one libharu reads; it reads no other. */
static int
check_cmap(struct font *f)
{
	const unsigned char *c = f->p + f->t[CMAP].off, *s;
	size_t len = f->t[CMAP].len, sub = 0, off;
	unsigned n, i, slen, segx2;

	if (holds(f, CMAP, 4) != 0)
		return -1;
	if (u16(c) != 0)
		return bad(f, "its 'cmap' table is of version %u, not 0", u16(c));
	n = u16(c + 2);
	for (i = 0; i < n; i++) {
		size_t rec = 4 + 8 * (size_t)i;

		if (rec + 8 > len)
			return bad(f, "its 'cmap' table lists %u maps and is too "
			    "short to hold the list", n);
		off = u32(c + rec + 4);
		if (off > len || len - off < 2)
			return bad(f, "map %u of its 'cmap' table lies outside "
			    "the table", i + 1);
		if (u16(c + rec) == 3 && u16(c + rec + 2) == 1 &&
		    u16(c + off) == 4) {
			sub = off;
			break;
		}
	}
	if (sub == 0)
		return bad(f, "it has no Unicode map of format 4 for Windows "
		    "('cmap' platform 3, encoding 1)");
	s = c + sub;
	if (len - sub < 14)
		return bad(f, "its Unicode map runs past the end of its 'cmap' "
		    "table");
	slen = u16(s + 2);
	segx2 = u16(s + 6);
	if (segx2 == 0 || segx2 % 2 != 0)
		return bad(f, "its Unicode map gives a segment count of %u/2",
		    segx2);
	f->segs = segx2 / 2;
	if (slen < 16 + 4 * (size_t)segx2)
		return bad(f, "its Unicode map is %u bytes long, too short for "
		    "its %u segments", slen, f->segs);
	if (slen > len - sub)
		return bad(f, "its Unicode map (%u bytes) runs past the end of "
		    "its 'cmap' table", slen);
	f->ends = s + 14;
	f->starts = f->ends + segx2 + 2;
	f->deltas = f->starts + segx2;
	f->ranges = f->deltas + segx2;
	f->gids = f->ranges + segx2;
	f->ngids = (slen - 16 - 4 * segx2) / 2;
	return check_segments(f);
}

/* The offset of glyph i in the glyf table, from the loca table. */
static size_t
loca_at(const struct font *f, unsigned i)
{
	const unsigned char *l = f->p + f->t[LOCA].off;

	return f->long_loca ? (size_t)u32(l + 4 * (size_t)i) :
	    2 * (size_t)u16(l + 2 * (size_t)i);
}

/* loca: an offset for each glyph and one for the end, in order and
 * inside the glyf table (libharu copies glyph i as the bytes from the
 * offset of i to that of i + 1). */
static int
check_loca(struct font *f)
{
	size_t need = ((size_t)f->glyphs + 1) * (f->long_loca ? 4 : 2);
	size_t prev = 0, o;
	unsigned i;

	if (holds(f, LOCA, need) != 0)
		return -1;
	for (i = 0; i <= f->glyphs; i++) {
		o = loca_at(f, i);
		if (o < prev)
			return bad(f, "its 'loca' table puts glyph %u before "
			    "glyph %u", i, i - 1);
		if (o > f->t[GLYF].len)
			return bad(f, "its 'loca' table puts glyph %u past the "
			    "end of the 'glyf' table", i);
		prev = o;
	}
	return 0;
}

/* libharu's walk over a composite glyph (CheckCompositGryph) from pos:
 * 0, or -1 when it would read past limit (a glyph's end; strict) or
 * seek past it (the end of the file, where a read just stops). */
static int
walk(const struct font *f, size_t pos, size_t limit, int strict)
{
	unsigned flags;

	if (pos + 2 > limit)
		return strict ? -1 : 0;
	if (u16(f->p + pos) != 0xffff)
		return 0;		/* a simple glyph */
	if ((pos += 10) > limit)
		return -1;
	do {
		if (pos + 4 > limit)
			return strict ? -1 : 0;
		flags = u16(f->p + pos);
		pos += 4 + (flags & 1 ? 4 : 2);	/* the glyph, its offsets */
		if (pos > limit)
			return -1;
		pos += flags & 8 ? 2 : flags & 64 ? 4 : flags & 128 ? 8 : 0;
		if (pos > limit)
			return -1;
	} while (flags & 32);
	return 0;
}

/* glyf: each glyph at least its header; the components of a composite
 * glyph inside it; past the last glyph, libharu's walk for an empty one
 * inside the file; the glyphs libharu measures the cap height and the
 * x-height with ('H', 'x') inside it too. */
static int
check_glyf(struct font *f)
{
	size_t base = f->t[GLYF].off, start, end;
	unsigned i, k, c, g;

	for (i = 0; i < f->glyphs; i++) {
		start = loca_at(f, i);
		end = loca_at(f, i + 1);
		if (start == end)
			continue;
		if (end - start < 10)
			return bad(f, "its glyph %u is %zu bytes long, shorter "
			    "than a glyph's header", i, end - start);
		if (walk(f, base + start, base + end, 1) != 0)
			return bad(f, "its composite glyph %u runs past its "
			    "end", i);
	}
	if (walk(f, base + f->t[GLYF].len, f->len, 0) != 0)
		return bad(f, "its 'glyf' table ends in a broken composite glyph");
	for (k = 0; k < 2; k++) {
		c = k == 0 ? 'H' : 'x';
		for (i = 0; i < 2; i++) {
			g = lookup(f, segment(f, c), c, i);
			if (g == 0)
				continue;
			if (g >= f->glyphs)
				return bad(f, "its Unicode map gives '%c' glyph "
				    "%u, but it has %u glyphs", c, g, f->glyphs);
			if (base + loca_at(f, g) + 2 > f->len)
				return bad(f, "its glyph for '%c' lies at the "
				    "end of the file", c);
		}
	}
	return 0;
}

/* name: libharu names the font with its PostScript name (name 6) and
 * its style (name 2), each for Macintosh (platform 1, encoding 0) or
 * Windows in US English (platform 3, encoding 1, language 0x409), the
 * last record of each kind; together in 119 bytes. Embedding the font
 * copies every record's string. */
static int
check_name(struct font *f)
{
	const unsigned char *t = f->p + f->t[NAME].off, *r;
	size_t count, strings, at, len, o[4] = {0}, l[4] = {0}, n1, n2;
	size_t i;

	if (holds(f, NAME, 6) != 0)
		return -1;
	count = u16(t + 2);
	strings = u16(t + 4);
	if (6 + 12 * count > f->t[NAME].len)
		return bad(f, "its 'name' table is too short for its %zu names",
		    count);
	for (i = 0; i < count; i++) {
		unsigned plat, enc, lang, id;
		int k = -1;

		r = t + 6 + 12 * i;
		plat = u16(r);
		enc = u16(r + 2);
		lang = u16(r + 4);
		id = u16(r + 6);
		len = u16(r + 8);
		at = strings + u16(r + 10);
		if (at > f->t[NAME].len || len > f->t[NAME].len - at)
			return bad(f, "name %zu of its 'name' table lies outside "
			    "the table", i + 1);
		if (plat == 1 && enc == 0 && (id == 6 || id == 2))
			k = id == 6 ? 0 : 1;
		if (plat == 3 && enc == 1 && lang == 0x409 && (id == 6 || id == 2))
			k = id == 6 ? 2 : 3;
		if (k >= 0) {
			o[k] = f->t[NAME].off + at;
			l[k] = len;
		}
	}
	if (o[0] == 0 && o[2] == 0)
		return bad(f, "its 'name' table has no PostScript name");
	if (o[1] == 0 && o[3] == 0)
		return bad(f, "its 'name' table has no style name");
	n1 = l[0] == 0 && l[2] > 0 ? l[2] / 2 + l[2] % 2 : l[0];
	n2 = l[1] == 0 && l[3] > 0 ? l[3] / 2 + l[3] % 2 : l[1];
	if (n1 + n2 + 8 > 127)
		return bad(f, "its PostScript name and style name are %zu bytes "
		    "long together; the PDF library takes at most 119", n1 + n2);
	/* libharu reads n1 bytes of a Macintosh name of length 0. */
	if ((o[0] && o[0] + n1 > f->len) || (o[1] && o[1] + n2 > f->len))
		return bad(f, "its PostScript or style name runs past the end "
		    "of the file");
	return 0;
}

/* OS/2: libharu reads the embedding permissions, the family class and
 * the PANOSE numbers, and after version 0 the code page ranges. */
static int
check_os2(struct font *f)
{
	if (holds(f, OS2, 42) != 0)
		return -1;
	if (u16(f->p + f->t[OS2].off) > 0)
		return holds(f, OS2, 86);
	return 0;
}

int
ttf_check(const unsigned char *data, size_t len, struct buf *why)
{
	struct font f;

	memset(&f, 0, sizeof(f));
	f.p = data;
	f.len = len;
	f.why = why;
	if (check_directory(&f) != 0 || check_head(&f) != 0 ||
	    check_counts(&f) != 0 || check_cmap(&f) != 0 ||
	    check_loca(&f) != 0 || check_name(&f) != 0 ||
	    check_os2(&f) != 0 || check_glyf(&f) != 0)
		return -1;
	return 0;
}
