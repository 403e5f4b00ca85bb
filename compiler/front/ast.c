/* ast.c - freeing, dumping and locating within the syntax tree. */
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "front/ast.h"

void
ast_free(struct ast_node *n)
{
	struct ast_node *c, *next;
	size_t i;

	if (n == NULL)
		return;
	for (c = n->first; c; c = next) {
		next = c->next;
		ast_free(c);
	}
	for (i = 0; i < n->nvals; i++)
		free(n->vals[i].s);
	free(n->vals);
	free(n->keyword);
	free(n->comment);
	ast_free(n->include);
	free(n);
}

static void
dump_string(FILE *out, const char *s, const char *quote)
{
	fputs(quote, out);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
	fputs(quote, out);
}

static void
dump(FILE *out, const struct ast_node *n, int level)
{
	const struct ast_node *c;
	size_t i;

	fprintf(out, "%*s", level * 2, "");
	switch (n->type) {
	case AST_FILE:
		fprintf(out, "file %s\n", n->span.file->name);
		break;
	case AST_BLANK:
		fprintf(out, "blank %u\n", n->span.line);
		break;
	case AST_COMMENT:
		fprintf(out, "comment %u:%u ", n->span.line, n->span.col);
		dump_string(out, n->comment, "\"");
		fputc('\n', out);
		break;
	case AST_STMT:
		fprintf(out, "%s %u:%u", n->keyword, n->span.line, n->span.col);
		for (i = 0; i < n->nvals; i++) {
			const struct ast_value *v = &n->vals[i];

			fputc(' ', out);
			if (v->type == VAL_WORD)
				fputs(v->s, out);
			else
				dump_string(out, v->s,
				    v->type == VAL_TEXT ? "\"\"\"" : "\"");
		}
		if (n->has_block)
			fputs(" {", out);
		if (n->comment) {
			fputs(" #", out);
			dump_string(out, n->comment, "");
		}
		fputc('\n', out);
		break;
	}
	/* An included file is a tree of its own, dumped on its own. */
	for (c = n->first; c; c = c->next)
		dump(out, c, level + 1);
}

void
ast_dump(const struct ast_node *n, void *stream)
{
	dump(stream, n, 0);
}

struct span
text_span(const struct ast_value *v, size_t k, size_t len)
{
	const struct srcfile *f = v->span.file;
	const char *s = v->s, *src;
	size_t line = 0, col = 0, i, off;

	if (v->type != VAL_TEXT)
		return v->span;
	for (i = 0; i < k && s[i]; i++) {
		if (s[i] == '\n') {
			line++;
			col = 0;
		} else {
			col++;
		}
	}
	src = f->text + v->text_first;
	for (i = 0; i < line && src < f->text + f->len; src++)
		if (*src == '\n')
			i++;
	off = (size_t)(src - f->text);
	/* A blank line may be shorter than the removed indentation. */
	for (i = 0; i < v->text_indent && off < f->len && f->text[off] == ' '; i++)
		off++;
	off += col;
	if (off > f->len)
		off = f->len;
	return span_at(f, off, off + len > f->len ? f->len : off + len);
}
