/* print.c - prints a syntax tree as the canonical form of its source.
 *
 * Canonical means: two spaces of indentation a level; one statement a
 * line, so a block written on one line is opened onto several; in a
 * declaration or the document block (not among the content of a part,
 * section, theme or answer), the values of a run of statements without
 * a block or a text block (no blank line or comment between them) start
 * in one column,
 * one space after the run's longest keyword; words and
 * texts in quotes are separated by one space, a statement's trailing
 * comment by one space; at most one blank line anywhere, none at the
 * start or end of a block or file; at the top of the file, one blank
 * line between declarations of different kinds (before the comments
 * right above the second), while those of one kind, such as the
 * municipalities or the people, stay together as the author grouped
 * them, with or without blank lines between them.
 *
 * Every comment stays where it was, and the text of a text block is
 * kept line for line as the author wrapped it, only its indentation
 * following the statement's: re-wrapping prose would make every edit
 * of a sentence a diff of its whole paragraph, and the author's line
 * breaks are what a reviewer of the diff reads. So the document is the
 * same: the values the checker sees are byte for byte those of the
 * original. */
#include <string.h>

#include "front/print.h"

static void
indent(struct buf *b, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

void
ast_print_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* A text block's value: """ ends the statement's line, each line of
 * the value follows one level deeper, and the closing quotes. */
static void
text_block(struct buf *b, int depth, const char *s)
{
	const char *e;

	buf_puts(b, "\"\"\"\n");
	while (*s) {
		for (e = s; *e && *e != '\n'; e++)
			;
		if (e > s) {
			indent(b, depth + 1);
			buf_add(b, s, (size_t)(e - s));
		}
		buf_putc(b, '\n');
		s = *e ? e + 1 : e;
	}
	indent(b, depth + 1);
	buf_puts(b, "\"\"\"");
}

static void
comment(struct buf *b, const char *text)
{
	buf_putc(b, '#');
	buf_puts(b, text);
}

/* Whether n is a comment written on the line of its block's '{'. */
static int
on_brace_line(const struct ast_node *n)
{
	return n->type == AST_COMMENT && n->parent &&
	    n->parent->type == AST_STMT && n == n->parent->first &&
	    n->span.line == n->parent->span.line;
}

static void print_lines(struct buf *b, const struct ast_node *parent,
    int depth);

static void
statement(struct buf *b, const struct ast_node *n, int depth, size_t align)
{
	size_t i, len = strlen(n->keyword);
	const struct ast_node *first = n->first;

	indent(b, depth);
	buf_puts(b, n->keyword);
	for (i = 0; i < n->nvals; i++) {
		const struct ast_value *v = &n->vals[i];
		size_t pad = i == 0 && !n->has_block && align > len ?
		    align - len : 0;

		buf_putc(b, ' ');
		while (pad-- > 0)
			buf_putc(b, ' ');
		if (v->type == VAL_WORD)
			buf_puts(b, v->s);
		else if (v->type == VAL_STRING)
			ast_print_quoted(b, v->s);
		else
			text_block(b, depth, v->s);
	}
	if (n->has_block) {
		buf_puts(b, " {");
		if (first && on_brace_line(first)) {
			buf_putc(b, ' ');
			comment(b, first->comment);
		}
		buf_putc(b, '\n');
		print_lines(b, n, depth + 1);
		indent(b, depth);
		buf_putc(b, '}');
	}
	if (n->comment) {
		buf_putc(b, ' ');
		comment(b, n->comment);
	}
	buf_putc(b, '\n');
}

/* At the top: whether a blank line separates a and the statement b. */
static int
top_gap(const struct ast_node *a, const struct ast_node *b)
{
	return strcmp(a->keyword, b->keyword) != 0;
}

/* The statement that the comments from n on stand above (NULL when a
 * blank line or the end comes first). */
static const struct ast_node *
commented(const struct ast_node *n)
{
	while (n && n->type == AST_COMMENT)
		n = n->next;
	return n && n->type == AST_STMT ? n : NULL;
}

/*
 * Whether n takes part in the alignment of values: a statement with
 * values, none a text block, and no block. A run of
 * such statements, with no blank line, comment or other statement
 * between them, is aligned together.
 */
static int
aligned(const struct ast_node *n)
{
	size_t i;

	if (n->type != AST_STMT || n->has_block || n->nvals == 0)
		return 0;
	for (i = 0; i < n->nvals; i++)
		if (n->vals[i].type == VAL_TEXT)
			return 0;
	return 1;
}

/* Whether the statements in n's block are content (prose and what the
 * data prints), whose values are not aligned: a part, a section, a
 * theme, an answer. */
static int
holds_content(const struct ast_node *n)
{
	static const char *const content[] = {"part", "section", "theme",
	    "answer", NULL};
	const char *const *k;

	if (n->type != AST_STMT)
		return 1;	/* the top of the file */
	for (k = content; *k; k++)
		if (strcmp(n->keyword, *k) == 0)
			return 1;
	return 0;
}

/* The node before n under parent. */
static const struct ast_node *
prev_node(const struct ast_node *parent, const struct ast_node *n)
{
	const struct ast_node *p;

	for (p = parent->first; p && p->next != n; p = p->next)
		;
	return p;
}

static void
print_lines(struct buf *b, const struct ast_node *parent, int depth)
{
	const struct ast_node *n, *prev = NULL, *stmt, *last = NULL, *run;
	size_t align = 0, len;
	int blank = 0;

	for (n = parent->first; n; n = n->next) {
		if (!aligned(n))
			align = 0;
		else if (!holds_content(parent) && (n == parent->first ||
		    !aligned(prev_node(parent, n)))) {
			/* The first of a run: the run decides the column. */
			for (run = n, align = 0; run && aligned(run);
			    run = run->next)
				if ((len = strlen(run->keyword)) > align)
					align = len;
		}
		if (n->type == AST_BLANK) {
			blank = prev != NULL;
			continue;
		}
		if (on_brace_line(n))
			continue;
		if (prev != NULL && parent->type == AST_FILE) {
			/* A blank line before a statement and the comments
			 * right above it; the last statement printed decides
			 * with it. */
			stmt = n->type == AST_STMT ? n : commented(n);
			if (stmt && last && (prev->type == AST_STMT ||
			    blank) && top_gap(last, stmt))
				blank = 1;
		}
		if (blank && prev != NULL)
			buf_putc(b, '\n');
		blank = 0;
		if (n->type == AST_COMMENT) {
			indent(b, depth);
			comment(b, n->comment);
			buf_putc(b, '\n');
		} else {
			statement(b, n, depth, align);
			last = n;
		}
		prev = n;
	}
}

void
ast_print(const struct ast_node *root, struct buf *out)
{
	print_lines(out, root, 0);
}
