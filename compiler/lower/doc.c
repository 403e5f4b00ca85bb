/* doc.c - the custom blocks of the document tree. */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "lower/doc.h"

/* A custom block's kind is its on_enter string; keep in step with
 * enum doc_kind. The strings never reach an output: every backend
 * renders custom blocks itself. */
static const char *kind_names[] = {
	[DOC_NONE] = "",
	[DOC_LETTERHEAD] = "afc:letterhead",
	[DOC_TITLEBLOCK] = "afc:titleblock",
	[DOC_REMARK] = "afc:remark",
	[DOC_CONTACTS] = "afc:contacts",
	[DOC_QUESTION] = "afc:question",
	[DOC_ANSWER] = "afc:answer",
};

enum doc_kind
doc_kind(cmark_node *n)
{
	const char *s;
	size_t k;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_CUSTOM_BLOCK)
		return DOC_NONE;
	if ((s = cmark_node_get_on_enter(n)) == NULL)
		return DOC_NONE;
	for (k = 1; k < NELEM(kind_names); k++)
		if (strcmp(s, kind_names[k]) == 0)
			return (enum doc_kind)k;
	return DOC_NONE;
}

const char *
doc_kind_name(enum doc_kind k)
{
	return kind_names[k] + 4;
}

cmark_node *
doc_new_block(enum doc_kind k)
{
	/* cmark's allocator aborts on failure; these cannot return 0. */
	cmark_node *n = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);

	cmark_node_set_on_enter(n, kind_names[k]);
	return n;
}

struct strings {
	char **v;
	size_t n;
};

const char *
doc_keep(struct doc *d, char *s)
{
	struct strings *st = d->strings;

	if (st == NULL)
		st = d->strings = xcalloc(1, sizeof(*st));
	st->v = xrealloc(st->v, (st->n + 1) * sizeof(*st->v));
	st->v[st->n++] = s;
	return s;
}

void
doc_free(struct doc *d)
{
	struct strings *st = d->strings;
	size_t i;

	if (d->root)
		cmark_node_free(d->root);
	free(d->deadlines);
	if (st) {
		for (i = 0; i < st->n; i++)
			free(st->v[i]);
		free(st->v);
		free(st);
	}
	memset(d, 0, sizeof(*d));
}
