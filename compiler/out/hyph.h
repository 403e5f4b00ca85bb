/* hyph.h - Dutch hyphenation through libhyphen.
 * Included by layout.c, pdf.c and the layout unit tests. */
#ifndef AFC_HYPH_H
#define AFC_HYPH_H

#include <stddef.h>

struct hyph;

/* Loads the first readable pattern file of the two (either may be NULL);
 * returns NULL when neither loads, and text is then not hyphenated.
 * left and right are the fewest letters kept before and after a hyphen. */
struct hyph *hyph_open(const char *path, const char *path2, int left, int right);
void hyph_close(struct hyph *h);

/* Finds where the UTF-8 word w[0..n) may be hyphenated: writes the byte
 * offsets after which a hyphen may go into pos, in increasing order, at
 * most max of them, and returns their number. Only words of letters
 * that ISO-8859-1 can hold are hyphenated; others give 0. */
size_t hyph_points(struct hyph *h, const char *w, size_t n, size_t *pos, size_t max);

#endif
