/* internal.h - what the files of diff/ share: tokens, the edit script,
 * the text of a node, the marks of the redline. Included by diff.c and
 * redline.c only. */
#ifndef AFC_DIFF_INTERNAL_H
#define AFC_DIFF_INTERNAL_H

#include <cmark.h>
#include <stddef.h>

#include "base/util.h"

/* A word or a punctuation mark of a text. */
struct tok {
	const char *s;
	size_t n;
	int sp;			/* a space stood before it */
};

/* One step of an edit script. */
struct op {
	char c;			/* '=' both, '-' old only, '+' new only */
	size_t i, j;
};

/* The tokens of s (heap; they point into s). */
struct tok *diff_tokenize(const char *s, size_t *n);
/* The edit script from a to b, deletions before insertions (heap). */
struct op *diff_lcs_tokens(const struct tok *a, size_t na,
    const struct tok *b, size_t nb, size_t *nops);
/* The text of the inlines under n, spaces collapsed, into text; with
 * key not NULL, also the text with its emphasis and links marked. */
void diff_inline_text(cmark_node *n, struct buf *text, struct buf *key);

/* A mark of the redline on a leaf of a document. */
struct rmark {
	char c;			/* '~' changed, '+' added, '-' removed */
	cmark_node *node;	/* '~', '+': the new leaf; '-': the old one */
	cmark_node *anchor;	/* '-': the new leaf it follows, or NULL */
	cmark_node *next;	/* '-': the new leaf after it, or NULL */
	char *old;		/* '~': the old text (owned by the diff) */
	int item;
	size_t sec;
};

#endif
