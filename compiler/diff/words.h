/* words.h - the tokens and the edit script that the comparison
 * (diff.c) and the redline (redline.c) share. Included by those two. */
#ifndef AFC_DIFF_WORDS_H
#define AFC_DIFF_WORDS_H

#include <stddef.h>

struct tok {
	const char *s;
	size_t n;
	int sp;			/* a space stood before it */
};

struct op {
	char c;			/* '=' both, '-' old only, '+' new only */
	size_t i, j;
};

typedef int (*eq_fn)(const void *ctx, size_t i, size_t j);

/* The edit script from a[0..n) to b[0..m), eq comparing a[i] and b[j]:
 * deletions before insertions in a run. Free the result. */
struct op *lcs(size_t n, size_t m, eq_fn eq, const void *ctx, size_t *nops);

/* The words of s, with the punctuation around them as tokens of their
 * own, pointing into s. Free the result. */
struct tok *tokenize(const char *s, size_t *n);

/* Two token lists, and eq_fn comparing their tokens' text. */
struct tokpair {
	const struct tok *a, *b;
};
int tok_eq(const void *ctx, size_t i, size_t j);

#endif
