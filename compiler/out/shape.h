/* shape.h - text shaping with HarfBuzz: the glyphs of a run of text in
 * one font, with kerning and the font's standard ligatures. Used by
 * pdf.c to measure and to draw the same glyphs at the same places. */
#ifndef AFC_SHAPE_H
#define AFC_SHAPE_H

#include <stddef.h>

struct shaper;

struct shaped {
	unsigned gid;		/* glyph id in the font */
	double advance;		/* in thousandths of an em, kerning included */
	size_t off, len;	/* the bytes of the text it stands for */
};

/* Opens the TrueType font data[0..len) (heap memory, which the shaper
 * now owns and frees) for shaping text in language lang ("nl"); NULL,
 * with data freed, when HarfBuzz cannot read it. */
struct shaper *shaper_open(char *data, size_t len, const char *lang);
void shaper_close(struct shaper *sh);

/* The advance of glyph gid without kerning, in thousandths of an em. */
double shaper_advance(struct shaper *sh, unsigned gid);

/* Writes into font a TrueType font of the glyphs gids[0..n) of sh's
 * (with their components and the .notdef glyph), without hinting or
 * layout tables, and into newgid[i] the glyph id gids[i] has in it.
 * Returns 0, or -1 when HarfBuzz cannot make it. */
struct buf;
int shaper_subset(struct shaper *sh, const unsigned *gids, size_t n,
    struct buf *font, unsigned *newgid);

/* Shapes the UTF-8 text s[0..n) left to right into *g (grown as
 * needed, *cap elements) and returns the number of glyphs. */
size_t shaper_run(struct shaper *sh, const char *s, size_t n,
    struct shaped **g, size_t *cap);

#endif
