/* ttf.h - a checked reader of TrueType font files, for pdf.c: whether
 * the bytes of a font hold, within bounds, everything libharu 2.3.0's
 * loader (hpdf_fontdef_tt.c) and afc read from them. libharu trusts
 * every count and offset of a font, so a damaged one overflows its
 * arrays; a font passes here before libharu or HarfBuzz sees it. */
#ifndef AFC_TTF_H
#define AFC_TTF_H

#include <stddef.h>

struct buf;

/* The most tables a font may list: libharu refuses a table directory
 * of more than 10,000 bytes of its records (16 bytes each). */
#define TTF_MAX_TABLES	625

/* Checks the font data[0..len). Returns 0, or -1 with what is wrong,
 * in a sentence without a final stop, appended to why. */
int ttf_check(const unsigned char *data, size_t len, struct buf *why);

#endif
