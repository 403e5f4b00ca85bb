/* md.c - the Markdown backend.
 *
 * The document tree is copied into a plain CommonMark tree (our custom
 * blocks become the standard blocks that say the same in Markdown) and
 * printed by cmark's own renderer without wrapping, so that every
 * paragraph is one line and a one-word change in a source changes one
 * line of the output. A redline's deleted and inserted words become
 * <del> and <ins>, its box of changes a block quote whose entries link
 * to an <a id> at the start of each marked block. */
#include <stdlib.h>
#include <string.h>

#include "out/backend.h"
#include "out/escape.h"

static cmark_node *copy_node(cmark_node *n);
static void copy_children(cmark_node *from, cmark_node *to);

static cmark_node *
html_inline(const char *s)
{
	cmark_node *h = cmark_node_new(CMARK_NODE_HTML_INLINE);

	cmark_node_set_literal(h, s);
	return h;
}

/* Puts the anchor of a marked block before the words of its first
 * paragraph or heading. The id is ours: letters, digits and '-'. */
static void
anchor(cmark_node *n, const char *id)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_node *c, *leaf = NULL;
	struct buf b = {0};

	while (leaf == NULL && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH ||
		    cmark_node_get_type(c) == CMARK_NODE_HEADING)
			leaf = c;
	}
	cmark_iter_free(it);
	if (leaf == NULL)
		return;
	buf_printf(&b, "<a id=\"%s\"></a>", id);
	cmark_node_prepend_child(leaf, html_inline(b.data));
	buf_free(&b);
}

/* A redline's inline: deleted or inserted words, a link to a mark. */
static void
copy_inline(cmark_node *c, cmark_node *to)
{
	enum doc_kind k = doc_kind(c);
	struct buf url = {0};
	cmark_node *link;

	if (k == DOC_REF) {
		buf_printf(&url, "#%s", doc_ref_target(c));
		link = cmark_node_new(CMARK_NODE_LINK);
		cmark_node_set_url(link, url.data);
		copy_children(c, link);
		cmark_node_append_child(to, link);
		buf_free(&url);
		return;
	}
	if (k == DOC_DEL || k == DOC_INS)
		cmark_node_append_child(to, html_inline(k == DOC_DEL ?
		    "<del>" : "<ins>"));
	copy_children(c, to);
	if (k == DOC_DEL || k == DOC_INS)
		cmark_node_append_child(to, html_inline(k == DOC_DEL ?
		    "</del>" : "</ins>"));
}

/* Wraps the inlines of a paragraph in one STRONG node. */
static void
embolden(cmark_node *para)
{
	cmark_node *strong = cmark_node_new(CMARK_NODE_STRONG), *c;

	while ((c = cmark_node_first_child(para)) != NULL)
		cmark_node_append_child(strong, c);
	cmark_node_append_child(para, strong);
}

/*
 * Copies the children of from into to. Our custom blocks have no
 * Markdown of their own: their children stand in their place. A remark's
 * first paragraph starts with the arrow the documents use, and a
 * question is set in bold, apart from its answer.
 */
static void
copy_children(cmark_node *from, cmark_node *to)
{
	cmark_node *c, *first, *p, *arrow, *quote;
	const struct doc_mark *m;

	for (c = cmark_node_first_child(from); c; c = cmark_node_next(c)) {
		/* A link to anything but http:, https: or mailto: is its
		 * text only, as in the HTML. */
		if (cmark_node_get_type(c) == CMARK_NODE_LINK &&
		    !esc_url_allowed(cmark_node_get_url(c))) {
			copy_children(c, to);
			continue;
		}
		if (cmark_node_get_type(c) == CMARK_NODE_CUSTOM_INLINE) {
			copy_inline(c, to);
			continue;
		}
		if (doc_kind(c) == DOC_CHANGES) {
			quote = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
			copy_children(c, quote);
			cmark_node_append_child(to, quote);
			continue;
		}
		if (cmark_node_get_type(c) != CMARK_NODE_CUSTOM_BLOCK) {
			cmark_node_append_child(to, copy_node(c));
			continue;
		}
		first = cmark_node_last_child(to);
		copy_children(c, to);
		first = first ? cmark_node_next(first) :
		    cmark_node_first_child(to);
		if ((m = doc_mark(c)) != NULL && m->id && first)
			anchor(first, m->id);
		if (doc_kind(c) == DOC_REMARK && first &&
		    cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
			arrow = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(arrow, "\xe2\x9e\xa2 ");
			cmark_node_prepend_child(first, arrow);
		}
		for (p = first; doc_kind(c) == DOC_QUESTION && p;
		    p = cmark_node_next(p))
			if (cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH)
				embolden(p);
	}
}

static cmark_node *
copy_node(cmark_node *n)
{
	cmark_node *to = doc_copy_node(n);

	if (cmark_node_get_type(n) == CMARK_NODE_LINK) {
		struct buf url = {0};

		/* The address in the 7-bit form the HTML has: no space,
		 * newline or bare '%' to end or break the link. */
		esc_url(&url, cmark_node_get_url(n));
		cmark_node_set_url(to, url.data ? url.data : "");
		buf_free(&url);
	}
	copy_children(n, to);
	if (doc_mark(n) && doc_mark(n)->id)
		anchor(to, doc_mark(n)->id);
	return to;
}

/* Copies s, emptying the lines that hold only spaces (cmark indents the
 * blank lines inside list items), so no line ends in a space. */
static void
strip_blank_lines(struct buf *out, const char *s)
{
	const char *eol;
	size_t n;

	for (; *s; s = eol + (*eol == '\n')) {
		eol = strchr(s, '\n');
		if (eol == NULL)
			eol = s + strlen(s);
		n = (size_t)(eol - s);
		if (strspn(s, " ") < n)
			buf_add(out, s, n);
		if (*eol == '\n')
			buf_putc(out, '\n');
	}
}

/* Markdown needs nothing but the document: its state is a token. */
void *
md_open(const struct render_ctx *ctx, struct diags *dg)
{
	static char token;

	(void)ctx;
	(void)dg;
	return &token;
}

void
md_close(void *state)
{
	(void)state;
}

void
md_deps(void *state, void (*fn)(void *arg, const char *path), void *arg)
{
	(void)state;
	(void)fn;
	(void)arg;
}

int
md_render(void *state, const struct doc *d, struct diags *dg, struct buf *out)
{
	cmark_node *copy = copy_node(d->root);
	char *s;

	(void)state;
	(void)dg;
	s = cmark_render_commonmark(copy, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE, 0);
	strip_blank_lines(out, s);
	free(s);
	cmark_node_free(copy);
	return 0;
}
