/* html.c - the HTML backend.
 *
 * A page is templates/page.html with its {{placeholders}} filled in: the
 * document's metadata (escaped), templates/style.css (inlined) and three
 * pieces of markup made here from the document tree: the header
 * (letterhead and title block), the table of contents and the body. The
 * body is cut into nested <section>s at the headings that are children
 * of the root; each section's id is made from its heading's text and the
 * table of contents links to it. Every piece of text goes through
 * escape.c; raw HTML is shown as text, and a link other than http:,
 * https: or mailto: as its text alone.
 *
 * A redline (lower/doc.h) shows its deleted and inserted words as <del>
 * and <ins>, its marked blocks with an id and a data-change attribute,
 * and its box of changes as an <aside> after the title block; its page
 * gets templates/redline.css after the stylesheet. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "base/diag.h"
#include "out/backend.h"
#include "out/escape.h"

#define SLUG_MAX 60		/* bytes of an id, before a number suffix */
#define LEVEL_MAX 6

/* A heading of the page. Those among the root's children open a
 * section and have an id and a line in the table of contents. */
struct heading {
	int level;		/* 1 to LEVEL_MAX */
	char *text;		/* plain text; NULL for a heading in a block */
	char *id;		/* NULL for a heading in a block */
};

/* The ids given so far, each with the number its next duplicate gets:
 * a hash table, so that a page with many headings is made in linear
 * time. The ids belong to the headings or are static. */
struct ids {
	struct id {
		const char *s;
		size_t next;
	} *slot;
	size_t cap, n;		/* cap is 0 or a power of two */
};

struct page {
	struct heading *heads;
	size_t nheads, cap;
	size_t next;		/* the next heading the walk reaches */
	struct ids ids;
	int open[LEVEL_MAX];	/* levels of the sections now open */
	size_t nopen;
};

/* Ids the page template uses itself; no section takes them. */
static const char *reserved_ids[] = {
	"inhoud", "inhoud-titel", "hoofdinhoud",
};

/* The id of a redline's box of changes. */
#define CHANGES_ID "wijzigingen"

/* A named value for the template: text is escaped, markup copied. */
struct slot {
	const char *name;
	const char *value;
	int markup;
};

/* ASCII folds of U+00C0 to U+017F for ids; '*' folds to two letters
 * (see fold_pair) and '-' separates words. */
static const char fold_latin1[] =
    "aaaaaa*ceeeeiiiidnooooo-ouuuuy**aaaaaa*ceeeeiiiidnooooo-ouuuuy*y";
static const char fold_latin_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
    "llllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuu"
    "wwyyyzzzzzzs";
_Static_assert(sizeof(fold_latin1) == 0x40 + 1, "fold_latin1 covers U+00C0..U+00FF");
_Static_assert(sizeof(fold_latin_a) == 0x80 + 1, "fold_latin_a covers U+0100..U+017F");

static const char *
fold_pair(unsigned cp)
{
	switch (cp) {
	case 0xc6: case 0xe6:
		return "ae";
	case 0xde: case 0xfe:
		return "th";
	case 0xdf:
		return "ss";
	case 0x132: case 0x133:
		return "ij";
	default:
		return "oe";
	}
}

/* The lowercase ASCII letters or digit that cp folds to, or NULL when
 * cp separates words. tmp holds a one-letter result. */
static const char *
fold(unsigned cp, char tmp[2])
{
	char c = 0;

	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		c = (char)cp;
	else if (cp >= 'A' && cp <= 'Z')
		c = (char)(cp - 'A' + 'a');
	else if (cp >= 0xc0 && cp <= 0xff)
		c = fold_latin1[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		c = fold_latin_a[cp - 0x100];
	if (c == '*')
		return fold_pair(cp);
	if (c == 0 || c == '-')
		return NULL;
	tmp[0] = c;
	tmp[1] = '\0';
	return tmp;
}

/* Appends the id made from text: its words folded to lowercase ASCII
 * and joined by '-', cut after the last whole word within SLUG_MAX
 * bytes; "sectie" when no word is left. */
static void
slug(struct buf *b, const char *text)
{
	size_t start = b->len, cut;
	const char *p = text, *f;
	char tmp[2];
	int gap = 0;

	while (*p) {
		if ((f = fold(utf8_decode(&p), tmp)) == NULL) {
			gap = 1;
			continue;
		}
		if (gap && b->len > start)
			buf_putc(b, '-');
		buf_puts(b, f);
		gap = 0;
	}
	if (b->len == start)
		buf_puts(b, "sectie");
	if (b->len - start > SLUG_MAX) {
		for (cut = start + SLUG_MAX; cut > start && b->data[cut] != '-'; cut--)
			;
		b->len = cut > start ? cut : start + SLUG_MAX;
		b->data[b->len] = '\0';
	}
}

/* The slot of id in a table that has one free, or the free slot where
 * id would go. */
static struct id *
id_find(const struct ids *t, const char *id)
{
	size_t i = str_hash(id) & (t->cap - 1);

	while (t->slot[i].s && strcmp(t->slot[i].s, id) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slot[i];
}

static void
id_add(struct ids *t, const char *id)
{
	struct id *old = t->slot;
	size_t i, oldcap = t->cap;

	if (2 * (t->n + 1) > t->cap) {
		t->cap = oldcap ? 2 * oldcap : 64;
		t->slot = xcalloc(t->cap, sizeof(*t->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].s)
				*id_find(t, old[i].s) = old[i];
		free(old);
	}
	*id_find(t, id) = (struct id){id, 2};
	t->n++;
}

/* A new id for a heading with this text: the slug, or the slug with
 * -2, -3 ... when an earlier heading has it. */
static char *
unique_id(struct ids *t, const char *text)
{
	struct buf b = {0};
	struct id *base;
	size_t len;
	char *id;

	slug(&b, text);
	if ((base = id_find(t, b.data))->s != NULL) {
		len = b.len;
		do {
			b.len = len;
			buf_printf(&b, "-%zu", base->next++);
		} while (id_find(t, b.data)->s != NULL);
	}
	id = buf_take(&b);
	id_add(t, id);
	return id;
}

/* The text of n's inlines without their markup; breaks become spaces. */
static char *
plain_text(cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	struct buf b = {0};
	cmark_node *c;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			buf_puts(&b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return buf_take(&b);
}

/* The level of heading n on the page, given the level of the heading
 * before it: the first heading of the title block is the one h1, every
 * other is an h2 to h6, and none is more than one level deeper than the
 * heading before it. */
static int
page_level(cmark_node *n, int prev)
{
	int level = cmark_node_get_heading_level(n);
	int cap = (prev > 1 ? prev : 1) + 1;

	if (prev == 0 && doc_kind(cmark_node_parent(n)) == DOC_TITLEBLOCK)
		return 1;
	if (level < 2)
		level = 2;
	if (level > cap)
		level = cap;
	return level > LEVEL_MAX ? LEVEL_MAX : level;
}

static void
add_heading(struct page *pg, cmark_node *n, cmark_node *root)
{
	struct heading *h;
	int prev = pg->nheads ? pg->heads[pg->nheads - 1].level : 0;

	if (pg->nheads == pg->cap) {
		pg->cap = pg->cap ? 2 * pg->cap : 16;
		pg->heads = xrealloc(pg->heads, pg->cap * sizeof(*h));
	}
	h = &pg->heads[pg->nheads++];
	h->level = page_level(n, prev);
	h->text = h->id = NULL;
	if (cmark_node_parent(n) == root) {
		h->text = plain_text(n);
		h->id = unique_id(&pg->ids, h->text);
	}
}

/* Lists every heading in the order of the walk that renders them. */
static void
collect_headings(struct page *pg, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node *n;
	size_t i;

	for (i = 0; i < NELEM(reserved_ids); i++)
		id_add(&pg->ids, reserved_ids[i]);
	/* a redline's ids are taken first, so no section has one */
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		if (doc_mark(n) && doc_mark(n)->id &&
		    id_find(&pg->ids, doc_mark(n)->id)->s == NULL)
			id_add(&pg->ids, doc_mark(n)->id);
		if (doc_kind(n) == DOC_CHANGES &&
		    id_find(&pg->ids, CHANGES_ID)->s == NULL)
			id_add(&pg->ids, CHANGES_ID);
	}
	cmark_iter_reset(it, root, CMARK_EVENT_ENTER);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER)
			add_heading(pg, n, root);
	}
	cmark_iter_free(it);
}

static void
page_free(struct page *pg)
{
	size_t i;

	for (i = 0; i < pg->nheads; i++) {
		free(pg->heads[i].text);
		free(pg->heads[i].id);
	}
	free(pg->heads);
	free(pg->ids.slot);
}

/* The shortest slash-joined word that gets break opportunities: "en/of"
 * and "zijn/haar" stay whole. */
#define SLASH_WORD_MIN 16

/*
 * Appends text s escaped, with a line break opportunity (<wbr>) after
 * each slash, or run of slashes, that joins the letters of a long word
 * or web address: a browser breaks "bevolkingsonderzoeken/
 * conversatietafels" or a long address there rather than pushing it off
 * a phone's screen. A slash before a digit (a date, "1/2") stays whole.
 * Linear: each word's end is looked for once.
 */
static void
text_breaks(struct buf *b, const char *s)
{
	size_t from = 0, word = 0, end = 0, i = 0, j;
	unsigned char next;

	if (s == NULL)
		return;
	while (s[i]) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			word = ++i;
			continue;
		}
		if (s[i] != '/') {
			i++;
			continue;
		}
		for (j = i; s[j] == '/'; j++)
			;
		if (end < j)
			end = j + strcspn(s + j, " \t\n");
		next = (unsigned char)s[j];
		if (i > word && end - word >= SLASH_WORD_MIN &&
		    (next >= 0x80 || (unsigned)((next | 0x20) - 'a') < 26)) {
			esc_html(b, s + from, j - from);
			buf_puts(b, "<wbr>");
			from = j;
		}
		i = j;
	}
	esc_html(b, s + from, i - from);
}

/* The table of contents: nested ordered lists of links, one item per
 * section, a deeper list for each deeper level. Levels only ever go one
 * deeper at a time (page_level), so the stack cannot overflow. */
static void
render_toc(const struct page *pg, struct buf *b)
{
	int stack[LEVEL_MAX];
	size_t depth = 0, i;
	const struct heading *h;

	for (i = 0; i < pg->nheads; i++) {
		h = &pg->heads[i];
		if (h->id == NULL)
			continue;
		if (depth == 0 || h->level > stack[depth - 1]) {
			buf_puts(b, depth ? "\n<ol>\n" : "<ol>\n");
			stack[depth++] = h->level;
		} else {
			buf_puts(b, "</li>\n");
			for (; depth > 1 && h->level < stack[depth - 1]; depth--)
				buf_puts(b, "</ol>\n</li>\n");
		}
		buf_printf(b, "<li><a href=\"#%s\">", h->id);
		text_breaks(b, h->text);
		buf_puts(b, "</a>");
	}
	for (; depth > 0; depth--)
		buf_puts(b, "</li>\n</ol>\n");
}

/* Whether a paragraph is printed without <p>: in a tight list item. */
static int
in_tight_item(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n);

	return cmark_node_get_type(item) == CMARK_NODE_ITEM &&
	    cmark_node_get_list_tight(cmark_node_parent(item));
}

/* The attributes of a redline's marked block: its id, what happened. */
static void
mark_attrs(struct buf *b, cmark_node *n)
{
	const struct doc_mark *m = doc_mark(n);

	if (m && m->id)
		buf_printf(b, " id=\"%s\" data-change=\"%s\"", m->id,
		    doc_change_name(m->change));
}

/* The marked block whose attributes an item's <li> has: the item, or
 * in a tight list its first paragraph, which has no <p>. */
static cmark_node *
item_marked(cmark_node *item)
{
	cmark_node *p = cmark_node_first_child(item);

	if (doc_mark(item) == NULL && p && doc_mark(p) &&
	    cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH && in_tight_item(p))
		return p;
	return item;
}

static void
render_paragraph(struct buf *b, cmark_node *n, int entering)
{
	cmark_node *up = cmark_node_parent(n);

	if (in_tight_item(n)) {
		/* a mark not on the <li> gets a <span> */
		if (doc_mark(n) && item_marked(up) != n)
			buf_puts(b, entering ? "<span" : "</span>");
		if (doc_mark(n) && item_marked(up) != n && entering) {
			mark_attrs(b, n);
			buf_putc(b, '>');
		}
		return;
	}
	if (!entering) {
		buf_puts(b, "</p>\n");
		return;
	}
	buf_puts(b, "<p");
	mark_attrs(b, n);
	if (doc_kind(up) == DOC_REMARK && cmark_node_first_child(up) == n)
		buf_puts(b, "><span class=\"mark\" aria-hidden=\"true\">"
		    "\xe2\x9e\xa2</span> ");
	else
		buf_puts(b, ">");
}

/* A list of questions (every item a question and its answer) gets its
 * own class; so do the contact people. */
static void
render_list(struct buf *b, cmark_node *n, int entering)
{
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int start = cmark_node_get_list_start(n);
	cmark_node *item = cmark_node_first_child(n);

	if (!entering) {
		buf_puts(b, ordered ? "</ol>\n" : "</ul>\n");
		return;
	}
	buf_puts(b, ordered ? "<ol" : "<ul");
	mark_attrs(b, n);
	if (doc_kind(cmark_node_first_child(item)) == DOC_QUESTION)
		buf_puts(b, " class=\"questions\"");
	if (ordered && start != 1)
		buf_printf(b, " start=\"%d\"", start);
	buf_puts(b, ">\n");
}

static void
render_link(struct buf *b, cmark_node *n, int entering)
{
	const char *url = cmark_node_get_url(n);
	const char *title = cmark_node_get_title(n);

	if (!esc_url_allowed(url))
		return;
	if (!entering) {
		buf_puts(b, "</a>");
		return;
	}
	buf_puts(b, "<a href=\"");
	esc_href(b, url);
	if (title && *title) {
		buf_puts(b, "\" title=\"");
		esc_html(b, title, strlen(title));
	}
	buf_puts(b, "\">");
}

/* Our custom blocks become a <div> whose class is the kind's name. */
static void
render_custom(struct buf *b, cmark_node *n, int entering)
{
	enum doc_kind k = doc_kind(n);

	if (k == DOC_NONE)
		return;
	if (k == DOC_CHANGES)
		buf_puts(b, entering ? "<aside class=\"changes\" "
		    "aria-labelledby=\"" CHANGES_ID "\">\n" : "</aside>\n");
	else if (!entering)
		buf_puts(b, "</div>\n");
	else if (k == DOC_REMARK)
		buf_puts(b, "<div class=\"remark\" role=\"note\"");
	else
		buf_printf(b, "<div class=\"%s\"", doc_kind_name(k));
	if (entering && k != DOC_CHANGES) {
		mark_attrs(b, n);
		buf_puts(b, ">\n");
	}
}

/* A redline's inline: deleted or inserted words, a link to a mark. */
static void
render_inline(struct buf *b, cmark_node *n, int entering)
{
	switch (doc_kind(n)) {
	case DOC_DEL:
		buf_puts(b, entering ? "<del>" : "</del>");
		break;
	case DOC_INS:
		buf_puts(b, entering ? "<ins>" : "</ins>");
		break;
	case DOC_REF:
		/* the id is ours: letters, digits and '-' */
		if (entering)
			buf_printf(b, "<a href=\"#%s\">", doc_ref_target(n));
		else
			buf_puts(b, "</a>");
		break;
	default:
		break;
	}
}

/* The start tag of a heading: a redline's box has its own id. */
static void
render_heading(struct page *pg, struct buf *b, cmark_node *n)
{
	cmark_node *up = cmark_node_parent(n);

	buf_printf(b, "<h%d", pg->heads[pg->next++].level);
	if (doc_kind(up) == DOC_CHANGES && cmark_node_first_child(up) == n)
		buf_puts(b, " id=\"" CHANGES_ID "\"");
	mark_attrs(b, n);
	buf_puts(b, ">");
}

/* A literal shown as text: raw HTML and code keep their characters. */
static void
render_literal(struct buf *b, cmark_node *n, const char *open,
    const char *close)
{
	const char *s = cmark_node_get_literal(n);

	buf_puts(b, open);
	esc_html(b, s, s ? strlen(s) : 0);
	buf_puts(b, close);
}

static void
wrap(struct buf *b, int entering, const char *open, const char *close)
{
	buf_puts(b, entering ? open : close);
}

/* Renders one event of the walk over the tree. Leaves have only an
 * enter event; an image shows its description as text and the
 * containers not named here show their children alone. */
static void
render_node(struct page *pg, struct buf *b, cmark_node *n, int entering)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		render_paragraph(b, n, entering);
		break;
	case CMARK_NODE_HEADING:
		/* A heading holds no heading: its exit follows its enter. */
		if (entering)
			render_heading(pg, b, n);
		else
			buf_printf(b, "</h%d>\n", pg->heads[pg->next - 1].level);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (entering) {
			buf_puts(b, "<blockquote");
			mark_attrs(b, n);
			buf_puts(b, ">\n");
		} else {
			buf_puts(b, "</blockquote>\n");
		}
		break;
	case CMARK_NODE_LIST:
		render_list(b, n, entering);
		break;
	case CMARK_NODE_ITEM:
		if (entering) {
			buf_puts(b, "<li");
			mark_attrs(b, item_marked(n));
			buf_puts(b, ">");
		} else {
			buf_puts(b, "</li>\n");
		}
		break;
	case CMARK_NODE_CUSTOM_INLINE:
		render_inline(b, n, entering);
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
		render_custom(b, n, entering);
		break;
	case CMARK_NODE_CODE_BLOCK:
		render_literal(b, n, "<pre><code>", "</code></pre>\n");
		break;
	case CMARK_NODE_HTML_BLOCK:
		render_literal(b, n, "<p class=\"raw\">", "</p>\n");
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(b, "<hr>\n");
		break;
	case CMARK_NODE_TEXT:
		text_breaks(b, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HTML_INLINE:
		render_literal(b, n, "", "");
		break;
	case CMARK_NODE_CODE:
		render_literal(b, n, "<code>", "</code>");
		break;
	case CMARK_NODE_SOFTBREAK:
		buf_putc(b, '\n');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_puts(b, "<br>\n");
		break;
	case CMARK_NODE_EMPH:
		wrap(b, entering, "<em>", "</em>");
		break;
	case CMARK_NODE_STRONG:
		wrap(b, entering, "<strong>", "</strong>");
		break;
	case CMARK_NODE_LINK:
		render_link(b, n, entering);
		break;
	default:
		break;
	}
}

/* Walks the subtree under n with enter and exit events, without
 * recursion, so that deep nesting cannot exhaust the stack. */
static void
render_tree(struct page *pg, struct buf *b, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		render_node(pg, b, cmark_iter_get_node(it),
		    ev == CMARK_EVENT_ENTER);
	cmark_iter_free(it);
}

/* Closes the open sections of this level and deeper. */
static void
close_sections(struct page *pg, struct buf *b, int level)
{
	while (pg->nopen > 0 && pg->open[pg->nopen - 1] >= level) {
		buf_puts(b, "</section>\n");
		pg->nopen--;
	}
}

/* Opens the section of the heading the walk reaches next. */
static void
open_section(struct page *pg, struct buf *b)
{
	const struct heading *h = &pg->heads[pg->next];

	close_sections(pg, b, h->level);
	buf_printf(b, "<section id=\"%s\">\n", h->id);
	pg->open[pg->nopen++] = h->level;
}

/* Renders the letterhead and title block into header, the rest into
 * body, each heading among the root's children opening a section. */
static void
render_parts(struct page *pg, cmark_node *root, struct buf *header,
    struct buf *body)
{
	cmark_node *c;
	enum doc_kind k;

	for (c = cmark_node_first_child(root); c; c = cmark_node_next(c)) {
		k = doc_kind(c);
		if (k == DOC_LETTERHEAD || k == DOC_TITLEBLOCK ||
		    k == DOC_CHANGES) {
			render_tree(pg, header, c);
			continue;
		}
		if (cmark_node_get_type(c) == CMARK_NODE_HEADING)
			open_section(pg, body);
		render_tree(pg, body, c);
	}
	close_sections(pg, body, 0);
}

/* A file of templates/, read whole; path names it in messages. */
struct template {
	struct diags *dg;
	struct buf path;
	char *text;
	size_t len;
};

/* Reads templates/NAME; messages at its lines go to own, the others to
 * dg. */
static int
template_load(struct template *t, const struct render_ctx *ctx,
    const char *name, struct diags *own, struct diags *dg)
{
	memset(t, 0, sizeof(*t));
	t->dg = own;
	buf_printf(&t->path, "%s/templates/%s", ctx->datadir, name);
	if ((t->text = read_file(t->path.data, &t->len)) == NULL) {
		diag_sys(dg, M_E_TEMPLATE_READ, t->path.data, file_strerror(errno));
		return -1;
	}
	return 0;
}

static void
template_free(struct template *t)
{
	buf_free(&t->path);
	free(t->text);
}

/* The span of bytes [off, end) of t, for a message that shows the line. */
static struct span
template_span(const struct template *t, size_t off, size_t end)
{
	const struct srcfile *f;

	f = src_add(t->dg, t->path.data, xstrndup(t->text, t->len), t->len);
	return span_at(f, off, end);
}

/* The stylesheet is inlined into a <style> element, which a "</style"
 * in it would end early. */
static int
style_load(struct template *t, const struct render_ctx *ctx,
    const char *name, struct diags *own, struct diags *dg)
{
	struct span sp;
	size_t i;

	if (template_load(t, ctx, name, own, dg) != 0)
		return -1;
	for (i = 0; i + 7 <= t->len; i++)
		if (strncasecmp(t->text + i, "</style", 7) == 0) {
			sp = template_span(t, i, i + 7);
			diag(&sp, M_E_TEMPLATE_STYLE);
			return -1;
		}
	return 0;
}

/* Whether a placeholder "{{ name }}" starts at p; sets the name and
 * the length of the whole placeholder. */
static int
placeholder_at(const char *p, const char **name, size_t *namelen,
    size_t *len)
{
	const char *q = p + 2;

	if (p[0] != '{' || p[1] != '{')
		return 0;
	while (*q == ' ')
		q++;
	*name = q;
	while ((*q >= 'a' && *q <= 'z') || *q == '_')
		q++;
	*namelen = (size_t)(q - *name);
	while (*q == ' ')
		q++;
	if (*namelen == 0 || q[0] != '}' || q[1] != '}')
		return 0;
	*len = (size_t)(q + 2 - p);
	return 1;
}

/* Reports the placeholder [off, off + len) of t, whose name no slot
 * has, with the names there are and the closest of them. */
static void
unknown_placeholder(const struct template *t, size_t off, size_t len,
    const char *name, const struct slot *slots, size_t nslots)
{
	struct span sp = template_span(t, off, off + len);
	struct buf names = {0};
	struct nearest near;
	size_t i;

	for (i = 0; i < nslots; i++)
		buf_printf(&names, "%s{{%s}}", i ? ", " : "", slots[i].name);
	diag(&sp, M_E_TEMPLATE_NAME, (int)len, t->text + off, names.data);
	nearest_init(&near, name);
	for (i = 0; i < nslots && !diag_dropping(&sp, DIAG_NOTE); i++)
		nearest_try(&near, slots[i].name);
	if (near.best) {
		names.len = 0;
		buf_printf(&names, "{{%s}}", near.best);
		diag(&sp, M_NOTE_DIDYOUMEAN, names.data);
	}
	buf_free(&names);
}

static const struct slot *
find_slot(const struct slot *slots, size_t nslots, const char *name,
    size_t len)
{
	size_t i;

	for (i = 0; i < nslots; i++)
		if (strlen(slots[i].name) == len &&
		    memcmp(slots[i].name, name, len) == 0)
			return &slots[i];
	return NULL;
}

/*
 * Whether the markup of the template line [p, eol) stands alone: every
 * element it opens it closes, and every end tag closes an element of
 * the line. Only such a line may be left out (a <meta> without its
 * value); "{{toc}}</nav>" closes what another line opened and stays.
 */
static int
line_balanced(const char *p, const char *eol)
{
	static const char *const voids[] = {"area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "source",
	    "track", "wbr"};
	char open[16][16], name[16];
	size_t depth = 0, n, i;
	int end, isvoid;

	for (; p < eol; p++) {
		if (*p != '<')
			continue;
		end = p + 1 < eol && p[1] == '/';
		for (n = 0, p += 1 + end; p < eol && n + 1 < sizeof(name) &&
		    ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')); p++)
			name[n++] = (char)(*p | 0x20);
		name[n] = '\0';
		if (n == 0)		/* <!DOCTYPE>, a comment, a lone '<' */
			continue;
		while (p < eol && *p != '>')
			p++;
		for (isvoid = 0, i = 0; i < NELEM(voids); i++)
			isvoid |= strcmp(name, voids[i]) == 0;
		if (end) {
			if (depth == 0 || strcmp(open[depth - 1], name) != 0)
				return 0;
			depth--;
		} else if (!isvoid && p[-1] != '/') {
			if (depth == NELEM(open))
				return 0;
			memcpy(open[depth++], name, n + 1);
		}
	}
	return depth == 0;
}

/* Copies the line [p, eol) of t to out with its placeholders filled in,
 * or leaves it out when it has placeholders, all of them empty, and
 * markup that stands alone. Returns -1 after reporting a placeholder
 * that no slot has. */
static int
fill_line(struct buf *out, const struct template *t, const char *p,
    const char *eol, const struct slot *slots, size_t nslots)
{
	size_t mark = out->len, namelen, len, used = 0, empty = 0;
	const struct slot *s;
	const char *name, *bol = p;
	char *copy;

	while (p < eol) {
		if (!placeholder_at(p, &name, &namelen, &len)) {
			buf_putc(out, *p++);
			continue;
		}
		if ((s = find_slot(slots, nslots, name, namelen)) == NULL) {
			copy = xstrndup(name, namelen);
			unknown_placeholder(t, (size_t)(p - t->text), len,
			    copy, slots, nslots);
			free(copy);
			return -1;
		}
		used++;
		empty += *s->value == '\0';
		if (s->markup)
			buf_puts(out, s->value);
		else
			esc_html(out, s->value, strlen(s->value));
		p += len;
	}
	if (used > 0 && empty == used && out->data &&
	    line_balanced(bol, eol)) {
		out->len = mark;
		out->data[mark] = '\0';
	}
	return 0;
}

/* Copies t to out with each placeholder replaced by its slot's value;
 * a line whose placeholders are all empty is left out when its markup
 * stands alone (line_balanced). Returns -1
 * after reporting a placeholder that no slot has. */
static int
fill(struct buf *out, const struct template *t, const struct slot *slots,
    size_t nslots)
{
	const char *line = t->text, *end = t->text + t->len, *eol;

	while (line < end) {
		eol = memchr(line, '\n', (size_t)(end - line));
		eol = eol ? eol + 1 : end;
		if (fill_line(out, t, line, eol, slots, nslots) != 0)
			return -1;
		line = eol;
	}
	return 0;
}

static const char *
str(const struct buf *b)
{
	return b->data ? b->data : "";
}

/* Fills the page template for d from its parts. */
static int
fill_page(struct buf *out, const struct template *tpl, const struct doc *d,
    const char *css, const struct buf *part)
{
	const struct doc_meta *m = &d->meta;
	const struct slot slots[] = {
		{"lang", *m->lang ? m->lang : "nl", 0},
		{"title", m->title, 0}, {"subtitle", m->subtitle, 0},
		{"zone", m->zone, 0}, {"council", m->council, 0},
		{"department", m->department, 0}, {"date", m->date, 0},
		{"date_text", m->date_text, 0}, {"version", m->version, 0},
		{"status", m->status, 0}, {"subject", m->subject, 0},
		{"keywords", m->keywords, 0}, {"source", m->source, 0},
		{"afc_version", AFC_VERSION, 0},
		{"style", css, 1}, {"header", str(&part[0]), 1},
		{"toc", str(&part[1]), 1}, {"body", str(&part[2]), 1},
	};

	return fill(out, tpl, slots, NELEM(slots));
}

/*
 * The backend's state: the page template and the stylesheet, read once
 * for every zone rendered; the index template when an index is made.
 * Messages at a template's lines go to own, which holds the templates'
 * copies as source files.
 */
struct html {
	struct render_ctx ctx;
	struct diags own;
	struct template page, css, index, redline;
	int have_index, have_redline;
};

void *
html_open(const struct render_ctx *ctx, struct diags *dg)
{
	struct html *h = xcalloc(1, sizeof(*h));

	h->ctx = *ctx;
	diags_init(&h->own, dg->stream, 0);
	h->own.label = dg->label;
	if (template_load(&h->page, ctx, "page.html", &h->own, dg) != 0 ||
	    style_load(&h->css, ctx, "style.css", &h->own, dg) != 0) {
		html_close(h);
		dg->counts[DIAG_ERROR]++;
		return NULL;
	}
	return h;
}

void
html_close(void *state)
{
	struct html *h = state;

	if (h == NULL)
		return;
	template_free(&h->page);
	template_free(&h->css);
	template_free(&h->index);
	template_free(&h->redline);
	diags_free(&h->own);
	free(h);
}

void
html_deps(void *state, void (*fn)(void *arg, const char *path), void *arg)
{
	struct html *h = state;

	fn(arg, h->page.path.data);
	fn(arg, h->css.path.data);
	if (h->have_index)
		fn(arg, h->index.path.data);
	if (h->have_redline)
		fn(arg, h->redline.path.data);
}

/* Whether d is a redline: it has a box of changes. */
static int
is_redline(const struct doc *d)
{
	cmark_node *c;

	for (c = cmark_node_first_child(d->root); c; c = cmark_node_next(c))
		if (doc_kind(c) == DOC_CHANGES)
			return 1;
	return 0;
}

int
html_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out)
{
	struct html *h = state;
	struct page pg = {0};
	struct buf part[3] = {0};	/* header, table of contents, body */
	struct buf css = {0};
	int rc;

	/* Messages at the templates' lines go where the zone's do. */
	h->own.stream = dg->stream;
	buf_puts(&css, h->css.text);
	if (is_redline(d)) {
		if (!h->have_redline && style_load(&h->redline, &h->ctx,
		    "redline.css", &h->own, dg) != 0) {
			template_free(&h->redline);
			dg->counts[DIAG_ERROR]++;
			buf_free(&css);
			return -1;
		}
		h->have_redline = 1;
		buf_puts(&css, h->redline.text);
	}
	collect_headings(&pg, d->root);
	render_parts(&pg, d->root, &part[0], &part[2]);
	render_toc(&pg, &part[1]);
	rc = fill_page(out, &h->page, d, css.data, part);
	buf_free(&css);
	page_free(&pg);
	buf_free(&part[0]);
	buf_free(&part[1]);
	buf_free(&part[2]);
	return rc;
}

void
html_headings(const struct doc *d, void (*fn)(void *arg, int level,
    const char *text, const char *id), void *arg)
{
	struct ids ids = {0};
	cmark_node *n;
	char **made = NULL, *text;
	size_t nmade = 0, i;

	/* The ids collect_headings gives: only a heading of the body has
	 * one, and each is made in the order of the page. */
	for (i = 0; i < NELEM(reserved_ids); i++)
		id_add(&ids, reserved_ids[i]);
	for (n = cmark_node_first_child(d->root); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		text = plain_text(n);
		made = xgrow(made, nmade, sizeof(*made));
		made[nmade] = unique_id(&ids, text);
		fn(arg, cmark_node_get_heading_level(n), text, made[nmade]);
		nmade++;
		free(text);
	}
	for (i = 0; i < nmade; i++)
		free(made[i]);
	free(made);
	free(ids.slot);
}

/* A link to one output of a zone; the hidden zone name makes "PDF"
 * meaningful out of its row. */
static void
index_link(struct buf *b, const char *zone, const char *base,
    const char *ext, const char *label)
{
	struct buf file = {0};

	buf_printf(&file, "%s.%s", base, ext);
	buf_puts(b, "<a href=\"");
	esc_file_href(b, file.data);
	buf_puts(b, "\"><span class=\"vh\">");
	esc_html(b, zone, strlen(zone));
	buf_printf(b, ", </span>%s</a>\n", label);
	buf_free(&file);
}

/* A cell of the index table; label is its column's name in the template
 * (templates/index.html), which a phone shows before the value. */
static void
index_cell(struct buf *b, const char *label, const char *s)
{
	buf_printf(b, "<td data-label=\"%s\">", label);
	esc_html(b, s, strlen(s));
	buf_puts(b, "</td>\n");
}

/* One row of the index table: the zone, its council, version, date,
 * status and links to the outputs on disk; a zone whose last build
 * failed says so. */
static void
index_row(struct buf *b, const struct index_entry *e)
{
	const struct doc_meta *m = e->meta;
	const char *zone = *m->zone ? m->zone : *m->title ? m->title : e->base;
	size_t k;

	buf_printf(b, "<tr%s>\n<th scope=\"row\">",
	    e->failed ? " class=\"failed\"" : "");
	esc_html(b, zone, strlen(zone));
	buf_puts(b, "</th>\n");
	index_cell(b, "Zorgraad", m->council);
	index_cell(b, "Versie", m->version);
	index_cell(b, "Datum", m->date_text);
	index_cell(b, "Status", m->status);
	buf_puts(b, "<td data-label=\"Documenten\">\n");
	if (e->failed)
		buf_puts(b, "<strong>Niet gebouwd: de bron bevat fouten"
		    "</strong>\n");
	/* The documents first, as a reader opens them, then the data. */
	for (k = 0; k < nbackends; k++)
		if ((e->formats & (1u << k)) && strcmp(backends[k].name, "md") != 0)
			index_link(b, zone, e->base, backends[k].ext,
			    backends[k].label);
	for (k = 0; k < nbackends; k++)
		if ((e->formats & (1u << k)) && strcmp(backends[k].name, "md") == 0)
			index_link(b, zone, e->base, backends[k].ext,
			    backends[k].label);
	buf_puts(b, "</td>\n</tr>\n");
}

int
html_render_index(void *state, const struct index_entry *e, size_t n,
    struct diags *dg, struct buf *out)
{
	struct html *h = state;
	struct buf rows = {0};
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++)
		index_row(&rows, &e[i]);
	if (!h->have_index && template_load(&h->index, &h->ctx, "index.html",
	    &h->own, dg) == 0)
		h->have_index = 1;
	if (h->have_index) {
		const struct slot slots[] = {
			{"afc_version", AFC_VERSION, 0},
			{"style", h->css.text, 1},
			{"zones", str(&rows), 1},
		};

		rc = fill(out, &h->index, slots, NELEM(slots));
	}
	buf_free(&rows);
	return rc;
}
