/* parse.c - recursive-descent parser from tokens to the syntax tree.
 *
 * Statements end at the end of a line or at a '}'; a block opens with
 * '{' after a statement's values. An error skips to the end of the line,
 * so that one run reports every independent mistake. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/ast.h"
#include "front/lex.h"

struct parser {
	struct lexer lx;
	struct token tok;
	enum tok prev;		/* the type of the token before tok */
	int depth;
	int incdepth;
	const struct srcfile *file;
};

/* Files being parsed, outermost first, to detect include loops. */
static char *include_stack[AST_MAX_INCLUDE_DEPTH + 2];
static int include_top;
static const char *include_dir;

/* Files included so far from the file being parsed, and where. */
static struct included {
	char *path;
	struct span at;
} *included;
static size_t nincluded;

static struct ast_node *parse_source(const struct srcfile *f, int incdepth);

void
ast_set_include_dir(const char *dir)
{
	include_dir = dir;
}

static void
advance(struct parser *p)
{
	p->prev = p->tok.type;
	free(p->tok.s);
	lex_next(&p->lx, &p->tok);
}

static struct ast_node *
node_new(enum ast_type type, struct ast_node *parent, const struct span *sp)
{
	struct ast_node *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->span = *sp;
	n->parent = parent;
	if (parent) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

static void
expected(struct parser *p, const char *what)
{
	diag(&p->tok.span, M_E_EXPECTED, what, tok_name(p->tok.type));
}

/* Skips to the end of the current line, leaving the newline unread. */
static void
skip_line(struct parser *p)
{
	while (p->tok.type != T_NEWLINE && p->tok.type != T_EOF &&
	    p->tok.type != T_RBRACE)
		advance(p);
}

/*
 * Skips a block nested too deeply to parse, counting braces without
 * recursing; the opening '{' has been read.
 */
static void
skip_block(struct parser *p)
{
	size_t level = 1;

	while (level > 0 && p->tok.type != T_EOF) {
		if (p->tok.type == T_LBRACE)
			level++;
		else if (p->tok.type == T_RBRACE)
			level--;
		advance(p);
	}
}

const char *const ast_top_keywords[] = {"include", "document", "form",
    "event", "council", "municipality", "partner", "person", "body",
    "deadline", "part", NULL};

/* Whether tok is a top-level keyword in the first column. */
static int
at_top_keyword(const struct parser *p)
{
	const char *const *k;

	if (p->tok.type != T_WORD || p->tok.span.col != 1)
		return 0;
	for (k = ast_top_keywords; *k; k++)
		if (strcmp(*k, p->tok.s) == 0)
			return 1;
	return 0;
}

/*
 * Whether tok starts a statement like the one whose block is open, in
 * the same column ("section" under "section"): the block lacks its '}'.
 */
static int
starts_sibling(const struct parser *p, const struct ast_node *block)
{
	return p->tok.type == T_WORD && block->type == AST_STMT &&
	    p->tok.span.col == block->span.col &&
	    strcmp(p->tok.s, block->keyword) == 0;
}

static void parse_lines(struct parser *p, struct ast_node *parent);

/* value = WORD | STRING | TEXT */
static void
add_value(struct ast_node *n, const struct token *t)
{
	struct ast_value *v;

	n->vals = xgrow(n->vals, n->nvals, sizeof(*n->vals));
	v = &n->vals[n->nvals++];
	v->type = t->type == T_WORD ? VAL_WORD :
	    t->type == T_STRING ? VAL_STRING : VAL_TEXT;
	v->s = xstrdup(t->s);
	v->span = t->span;
	v->text_first = t->text_first;
	v->text_indent = t->text_indent;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

static char *
find_include(const struct parser *p, const char *name)
{
	struct buf b = {0};
	char *dir;

	if (name[0] == '/')
		return xstrdup(name);
	/* A file named without a directory is beside the current one. */
	dir = dir_of(p->file->name);
	if (strcmp(dir, ".") == 0 && strchr(p->file->name, '/') == NULL)
		buf_puts(&b, name);
	else
		buf_printf(&b, "%s/%s", dir, name);
	free(dir);
	if (include_dir != NULL && access(b.data, R_OK) != 0) {
		b.len = 0;
		buf_printf(&b, "%s/%s", include_dir, name);
	}
	return buf_take(&b);
}

/* include = "include" STRING: parses the named file into n->include. */
static void
do_include(struct parser *p, struct ast_node *n)
{
	char *path, *real;
	const struct srcfile *f;
	size_t len;
	char *text;
	int i;

	if (n->nvals != 1 || n->vals[0].type != VAL_STRING) {
		diag(&n->span, M_E_ARGS, "include",
		    "needs one file name in quotes, as in include \"forms/afsprakenkader-2025.afs\"");
		return;
	}
	if (p->incdepth >= AST_MAX_INCLUDE_DEPTH) {
		diag(&n->vals[0].span, M_E_INCLUDE_DEPTH, AST_MAX_INCLUDE_DEPTH);
		return;
	}
	path = find_include(p, n->vals[0].s);
	if ((real = realpath(path, NULL)) != NULL) {
		for (i = 0; i < include_top; i++)
			if (strcmp(include_stack[i], real) == 0) {
				diag(&n->vals[0].span, M_E_INCLUDE_LOOP, n->vals[0].s);
				free(real);
				free(path);
				return;
			}
		/* A second include would declare everything twice. */
		for (i = 0; i < (int)nincluded; i++)
			if (strcmp(included[i].path, real) == 0) {
				diag(&n->vals[0].span, M_W_INCLUDE_TWICE,
				    n->vals[0].s);
				diag(&included[i].at, M_NOTE_FREE,
				    "it is first included here");
				free(real);
				free(path);
				return;
			}
		included = xgrow(included, nincluded, sizeof(*included));
		included[nincluded].path = real;
		included[nincluded++].at = n->vals[0].span;
	}
	if ((text = read_file(path, &len)) == NULL) {
		diag(&n->vals[0].span, M_E_INCLUDE, n->vals[0].s, strerror(errno));
		free(path);
		return;
	}
	f = src_add(path, text, len);
	free(path);
	n->include = parse_source(f, p->incdepth + 1);
}

/*
 * statement = WORD { value } [ "{" lines "}" ] [ COMMENT ]
 * The statement ends at a newline, a '}' or the end of the file.
 */
static void
parse_statement(struct parser *p, struct ast_node *parent)
{
	struct ast_node *n = node_new(AST_STMT, parent, &p->tok.span);
	struct span open;

	n->keyword = xstrdup(p->tok.s);
	advance(p);
	while (p->tok.type == T_WORD || p->tok.type == T_STRING ||
	    p->tok.type == T_TEXT) {
		n->bad |= p->tok.bad;
		add_value(n, &p->tok);
		advance(p);
	}
	if (p->tok.type == T_LBRACE) {
		open = p->tok.span;
		n->has_block = 1;
		advance(p);
		if (p->depth + 1 > AST_MAX_DEPTH) {
			diag(&open, M_E_TOO_DEEP, AST_MAX_DEPTH);
			skip_block(p);
			n->bad = 1;
			return;
		}
		p->depth++;
		parse_lines(p, n);
		p->depth--;
		if (p->tok.type == T_RBRACE) {
			n->close = p->tok.span;
			advance(p);
		} else {
			diag(&open, M_E_UNCLOSED);
			n->bad = 1;
		}
	}
	if (p->tok.type == T_COMMENT) {
		n->comment = xstrdup(p->tok.s);
		advance(p);
	}
	if (p->tok.type != T_NEWLINE && p->tok.type != T_EOF &&
	    p->tok.type != T_RBRACE && !at_top_keyword(p) &&
	    !starts_sibling(p, n)) {
		expected(p, "the end of the line");
		n->bad = 1;
		skip_line(p);
	}
	if (strcmp(n->keyword, "include") == 0 && parent->type == AST_FILE)
		do_include(p, n);
}

/* lines = { NEWLINE | COMMENT | statement }, up to '}' or the end */
static void
parse_lines(struct parser *p, struct ast_node *parent)
{
	struct ast_node *n;

	for (;;) {
		switch (p->tok.type) {
		case T_EOF:
			return;
		case T_RBRACE:
			if (parent->type != AST_FILE)
				return;
			diag(&p->tok.span, M_E_STRAY_CLOSE);
			advance(p);
			break;
		case T_NEWLINE:
			/* A newline right after another is a blank line. */
			if (p->prev == T_NEWLINE && (parent->last == NULL ||
			    parent->last->type != AST_BLANK))
				node_new(AST_BLANK, parent, &p->tok.span);
			advance(p);
			break;
		case T_COMMENT:
			n = node_new(AST_COMMENT, parent, &p->tok.span);
			n->comment = xstrdup(p->tok.s);
			advance(p);
			break;
		case T_WORD:
			if (parent->type != AST_FILE && (at_top_keyword(p) ||
			    starts_sibling(p, parent)))
				return;	/* the block lacks its '}' */
			parse_statement(p, parent);
			break;
		default:
			expected(p, "a keyword");
			advance(p);
			skip_line(p);
			break;
		}
	}
}

static struct ast_node *
parse_source(const struct srcfile *f, int incdepth)
{
	struct parser p;
	struct ast_node *root;
	struct span sp = span_at(f, 0, 0);

	memset(&p, 0, sizeof(p));
	p.file = f;
	p.incdepth = incdepth;
	include_stack[include_top++] = realpath(f->name, NULL);
	if (include_stack[include_top - 1] == NULL)
		include_stack[include_top - 1] = xstrdup(f->name);
	lex_init(&p.lx, f);
	p.tok.type = T_NEWLINE;
	root = node_new(AST_FILE, NULL, &sp);
	advance(&p);
	parse_lines(&p, root);
	free(p.tok.s);
	free(include_stack[--include_top]);
	return root;
}

/* Parses a whole source with what it includes. */
static struct ast_node *
parse_top(const struct srcfile *f)
{
	struct ast_node *root = parse_source(f, 0);

	while (nincluded > 0)
		free(included[--nincluded].path);
	free(included);
	included = NULL;
	return root;
}

struct ast_node *
ast_parse_buffer(const char *name, const char *data, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, data, len);
	copy[len] = '\0';
	return parse_top(src_add(name, copy, len));
}

struct ast_node *
ast_parse_file(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);

	if (text == NULL)
		return NULL;
	return parse_top(src_add(path, text, len));
}
