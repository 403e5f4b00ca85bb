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
	[DOC_CHANGES] = "afc:changes",
	[DOC_DEL] = "afc:del",
	[DOC_INS] = "afc:ins",
	[DOC_REF] = "afc:ref",
};

static const char *change_names[] = {
	[DOC_ADDED] = "added",
	[DOC_REMOVED] = "removed",
	[DOC_CHANGED] = "changed",
};

enum doc_kind
doc_kind(cmark_node *n)
{
	const char *s;
	size_t k;

	if (n == NULL || (cmark_node_get_type(n) != CMARK_NODE_CUSTOM_BLOCK &&
	    cmark_node_get_type(n) != CMARK_NODE_CUSTOM_INLINE))
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
	cmark_node *n = cmark_node_new(k >= DOC_DEL ?
	    CMARK_NODE_CUSTOM_INLINE : CMARK_NODE_CUSTOM_BLOCK);

	cmark_node_set_on_enter(n, kind_names[k]);
	return n;
}

/* A reference keeps its target in its on_exit string, which no backend
 * prints: each renders custom inlines itself. */
cmark_node *
doc_new_ref(const char *id)
{
	cmark_node *n = doc_new_block(DOC_REF);

	cmark_node_set_on_exit(n, id);
	return n;
}

const char *
doc_ref_target(cmark_node *n)
{
	return doc_kind(n) == DOC_REF ? cmark_node_get_on_exit(n) : NULL;
}

/* A mark is the node's user data: nothing else of afc sets it. */
const struct doc_mark *
doc_mark(cmark_node *n)
{
	return n ? cmark_node_get_user_data(n) : NULL;
}

const char *
doc_change_name(enum doc_change c)
{
	return change_names[c];
}

struct doc_mark *
doc_set_mark(struct doc *d, cmark_node *n, enum doc_change change)
{
	struct doc_mark *m = xcalloc(1, sizeof(*m));

	m->change = change;
	doc_keep(d, (char *)m);
	cmark_node_set_user_data(n, m);
	return m;
}

cmark_node *
doc_copy_node(cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	cmark_node *to = cmark_node_new(type);

	switch (type) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_CODE_BLOCK:
		cmark_node_set_literal(to, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HEADING:
		cmark_node_set_heading_level(to, cmark_node_get_heading_level(n));
		break;
	case CMARK_NODE_LIST:
		cmark_node_set_list_type(to, cmark_node_get_list_type(n));
		cmark_node_set_list_delim(to, cmark_node_get_list_delim(n));
		cmark_node_set_list_start(to, cmark_node_get_list_start(n));
		cmark_node_set_list_tight(to, cmark_node_get_list_tight(n));
		break;
	case CMARK_NODE_LINK:
		cmark_node_set_url(to, cmark_node_get_url(n));
		cmark_node_set_title(to, cmark_node_get_title(n));
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		cmark_node_set_on_enter(to, cmark_node_get_on_enter(n));
		cmark_node_set_on_exit(to, cmark_node_get_on_exit(n));
		break;
	default:
		break;
	}
	return to;
}

cmark_node *
doc_copy(cmark_node *n, void (*fn)(void *arg, cmark_node *from,
    cmark_node *to), void *arg)
{
	cmark_node *to = doc_copy_node(n), *c;

	if (fn)
		fn(arg, n, to);
	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		cmark_node_append_child(to, doc_copy(c, fn, arg));
	return to;
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
	st->v = xgrow(st->v, st->n, sizeof(*st->v));
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
	free(d->places);
	if (st) {
		for (i = 0; i < st->n; i++)
			free(st->v[i]);
		free(st->v);
		free(st);
	}
	memset(d, 0, sizeof(*d));
}
