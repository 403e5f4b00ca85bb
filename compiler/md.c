/* md.c - the Markdown backend.
 *
 * The document tree is copied into a plain CommonMark tree (our custom
 * blocks become the standard blocks that say the same in Markdown) and
 * printed by cmark's own renderer without wrapping, so that every
 * paragraph is one line and a one-word change in a source changes one
 * line of the output. */
#include <stdlib.h>
#include <string.h>

#include "backend.h"

static cmark_node *copy_node(cmark_node *n);

static void
copy_children(cmark_node *from, cmark_node *to)
{
	cmark_node *c;

	for (c = cmark_node_first_child(from); c; c = cmark_node_next(c))
		cmark_node_append_child(to, copy_node(c));
}

/* Moves the children of a custom block into a standard container. */
static cmark_node *
copy_into(cmark_node *from, cmark_node_type type)
{
	cmark_node *to = cmark_node_new(type);

	if (type == CMARK_NODE_CUSTOM_BLOCK) {
		cmark_node_set_on_enter(to, "");
		cmark_node_set_on_exit(to, "");
	}
	copy_children(from, to);
	return to;
}

static cmark_node *
copy_custom(cmark_node *n)
{
	cmark_node *to, *p, *text;

	switch (doc_kind(n)) {
	case DOC_REMARK:
		/* "➢ " leads the first paragraph, as in the documents. */
		to = copy_into(n, CMARK_NODE_CUSTOM_BLOCK);
		p = cmark_node_first_child(to);
		if (p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH) {
			text = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(text, "\xe2\x9e\xa2 ");
			cmark_node_prepend_child(p, text);
		}
		return to;
	default:
		return copy_into(n, CMARK_NODE_CUSTOM_BLOCK);
	}
}

static cmark_node *
copy_node(cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	cmark_node *to;

	if (type == CMARK_NODE_CUSTOM_BLOCK)
		return copy_custom(n);
	to = cmark_node_new(type);
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
	default:
		break;
	}
	copy_children(n, to);
	return to;
}

/*
 * cmark prints a custom block's on_enter and on_exit around its children;
 * ours have none, so the children stand as ordinary blocks.
 */
int
md_render(const struct doc *d, const struct render_ctx *ctx, struct buf *out)
{
	cmark_node *copy = copy_node(d->root);
	char *s;

	(void)ctx;
	s = cmark_render_commonmark(copy, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE, 0);
	buf_puts(out, s);
	free(s);
	cmark_node_free(copy);
	return 0;
}
