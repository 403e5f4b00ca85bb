/* parse.c - recursive-descent parser from tokens to the syntax tree.
 *
 * Statements end at the end of a line or at a '}'; a block opens with
 * '{' after a statement's values. An error skips to the end of the line,
 * so that one run reports every independent mistake. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/ast.h"
#include "front/lang.h"
#include "front/lex.h"

/* What one parse of a source with its includes shares. */
struct parse_ctx {
	const struct ast_options *o;
	char *root_dir;		/* the top file's folder, normalised */
	char *data_dir;		/* o->include_dir normalised, or NULL */
	/* Files being parsed, outermost first, to detect include loops. */
	char *stack[AST_MAX_INCLUDE_DEPTH + 2];
	int top;
	/* Files included so far, and where. */
	struct included {
		char *path;
		struct span at;
	} *included;
	size_t nincluded;
};

struct parser {
	struct lexer lx;
	struct token tok;
	enum tok prev;		/* the type of the token before tok */
	int depth;
	int incdepth;
	const struct srcfile *file;
	struct parse_ctx *ctx;
};

static struct ast_node *parse_source(struct parse_ctx *ctx,
    const struct srcfile *f, int incdepth);

/* Registers a file read, cleaned of a byte order mark and CR LF. */
static const struct srcfile *
add_source(struct diags *dg, const char *name, char *text, size_t len)
{
	return src_add(dg, name, text, lex_clean(text, len));
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

/* Whether tok is a top-level keyword in the first column. */
static int
at_top_keyword(const struct parser *p)
{
	return p->tok.type == T_WORD && p->tok.span.col == 1 &&
	    lang_find(p->tok.s, CTX_TOP) != NULL;
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

	if (slash == path)
		return xstrdup("/");
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/*
 * Normalises a relative or absolute path lexically: "." and empty parts
 * go, "x/.." cancels. A relative path that climbs out of its start
 * keeps its leading "..". Returns a heap string, "." for nothing.
 */
static char *
normalize(const char *path)
{
	struct buf b = {0};
	const char *s = path, *e;
	size_t keep, n;

	if (*s == '/')
		buf_putc(&b, '/');
	keep = b.len;		/* what ".." may not remove */
	while (*s) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e && *e != '/'; e++)
			;
		n = (size_t)(e - s);
		if (n == 1 && s[0] == '.') {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.' &&
		    b.len > keep) {
			while (b.len > keep && b.data[b.len - 1] != '/')
				b.len--;
			if (b.len > keep)
				b.len--;
			b.data[b.len] = '\0';
		} else {
			if (n == 2 && s[0] == '.' && s[1] == '.')
				keep = b.len + 3;	/* a leading "..": keep it */
			if (b.len > 0 && b.data[b.len - 1] != '/')
				buf_putc(&b, '/');
			buf_add(&b, s, n);
		}
		s = e;
	}
	if (b.len == 0)
		buf_putc(&b, '.');
	return buf_take(&b);
}

/* Whether path lies in the folder dir (both normalised). */
static int
inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (strcmp(dir, ".") == 0)
		return strcmp(path, "..") != 0 && strncmp(path, "../", 3) != 0 &&
		    path[0] != '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '/' ||
	    (n > 0 && dir[n - 1] == '/'));
}

/*
 * Whether the file path, its symbolic links followed, is still in the
 * folder dir, its links followed too: a link in the tree may not lead
 * out of it. A path that does not resolve passes; reading it fails
 * with its own message.
 */
static int
really_inside(const char *dir, const char *path)
{
	char *rd, *rp;
	int in;

	if ((rp = realpath(path, NULL)) == NULL)
		return 1;
	if ((rd = realpath(dir, NULL)) == NULL) {
		free(rp);
		return 0;
	}
	in = inside(rd, rp);
	free(rd);
	free(rp);
	return in;
}

static char *
read_source(const struct parse_ctx *ctx, const char *path, size_t *len)
{
	const struct ast_reader *r = ctx->o->reader;

	if (r)
		return r->read(r->arg, path, len);
	return read_file(path, len);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the .afs files of the folder base/sub to *list, each as sub/NAME. */
static void
afs_files(const char *base, const char *sub, char ***list, size_t *n)
{
	struct buf b = {0};
	struct dirent *de;
	DIR *d;
	size_t len;

	buf_printf(&b, "%s%s%s", base, *sub ? "/" : "", sub);
	d = opendir(b.data);
	buf_free(&b);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && *n < 1000) {
		len = strlen(de->d_name);
		if (len < 5 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 4, ".afs") != 0)
			continue;
		b.len = 0;
		buf_printf(&b, "%s%s%s", sub, *sub ? "/" : "", de->d_name);
		*list = xgrow(*list, *n, sizeof(**list));
		(*list)[(*n)++] = buf_take(&b);
	}
	closedir(d);
	buf_free(&b);
}

static const char *
base_name(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

/*
 * After an include that names no file: a note with the .afs file meant,
 * among those in the folder it names (beside the including file and in
 * the include directory) and afc's forms: the same file name in another
 * folder, or a name within a few letters.
 */
static void
suggest_include(struct parser *p, const struct ast_value *v)
{
	const char *name = v->s, *slash = strrchr(name, '/');
	char *sub = xstrndup(name, slash ? (size_t)(slash - name) : 0);
	char *dir = dir_of(p->file->name), **list = NULL;
	const char *best = NULL;
	struct nearest near;
	size_t i, n = 0;

	if (diag_dropping(&v->span, DIAG_NOTE))
		goto done;
	if (p->ctx->o->reader == NULL)
		afs_files(dir, sub, &list, &n);
	if (p->ctx->o->include_dir) {
		afs_files(p->ctx->o->include_dir, sub, &list, &n);
		if (strcmp(sub, "forms") != 0)
			afs_files(p->ctx->o->include_dir, "forms", &list, &n);
	}
	if (n)
		qsort(list, n, sizeof(*list), cmp_str);
	for (i = 0; i < n && best == NULL; i++)
		if (strcmp(base_name(list[i]), base_name(name)) == 0 &&
		    strcmp(list[i], name) != 0)
			best = list[i];
	nearest_init(&near, name);
	for (i = 0; i < n && best == NULL; i++)
		nearest_try(&near, list[i]);
	if (best == NULL && near.best)
		best = near.best;
	nearest_init(&near, base_name(name));
	for (i = 0; i < n && best == NULL; i++)
		nearest_try(&near, base_name(list[i]));
	for (i = 0; i < n && best == NULL && near.best; i++)
		if (base_name(list[i]) == near.best)
			best = list[i];
	if (best)
		diag(&v->span, M_NOTE_DIDYOUMEAN, best);
done:
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	free(dir);
	free(sub);
}

/*
 * Reads the file an include names: beside the including file, else in
 * the include directory. Returns its text and sets *path, or NULL after
 * a message.
 */
static char *
read_include(struct parser *p, const struct ast_value *v, char **path,
    size_t *len)
{
	const char *name = v->s;
	size_t n = strlen(name);
	struct buf b = {0};
	char *dir, *text;
	int err;

	if (name[0] == '/') {
		diag(&v->span, M_E_INCLUDE_PLACE, name,
		    "an absolute path; name it relative to this file");
		return NULL;
	}
	if (n < 4 || strcmp(name + n - 4, ".afs") != 0) {
		diag(&v->span, M_E_INCLUDE_PLACE, name,
		    "not an .afs file");
		return NULL;
	}
	dir = dir_of(p->file->name);
	buf_printf(&b, "%s/%s", dir, name);
	free(dir);
	*path = normalize(b.data);
	buf_free(&b);
	if (!inside(p->ctx->root_dir, *path) && !(p->ctx->data_dir &&
	    inside(p->ctx->data_dir, *path))) {
		diag(&v->span, M_E_INCLUDE_PLACE, name,
		    "outside the folder of the file being compiled");
		free(*path);
		return NULL;
	}
	if (p->ctx->o->reader == NULL &&
	    !really_inside(inside(p->ctx->root_dir, *path) ? p->ctx->root_dir :
	    p->ctx->data_dir, *path)) {
		diag(&v->span, M_E_INCLUDE_PLACE, name,
		    "a link to a file outside the folder of the file being compiled");
		free(*path);
		return NULL;
	}
	if ((text = read_source(p->ctx, *path, len)) != NULL)
		return text;
	err = errno;
	if (err == ENOENT && p->ctx->o->include_dir != NULL) {
		buf_printf(&b, "%s/%s", p->ctx->o->include_dir, name);
		if (!really_inside(p->ctx->o->include_dir, b.data)) {
			diag(&v->span, M_E_INCLUDE_PLACE, name, "a link to a "
			    "file outside afc's folder of forms");
			buf_free(&b);
			free(*path);
			return NULL;
		}
		if ((text = read_file(b.data, len)) != NULL) {
			free(*path);
			*path = normalize(b.data);
			buf_free(&b);
			return text;
		}
		buf_free(&b);
	}
	diag(&v->span, M_E_INCLUDE, name, file_strerror(err));
	if (err == ENOENT)
		suggest_include(p, v);
	free(*path);
	return NULL;
}

/* include = "include" STRING: parses the named file into n->include. */
static void
do_include(struct parser *p, struct ast_node *n)
{
	struct parse_ctx *ctx = p->ctx;
	const struct srcfile *f;
	char *path, *text;
	size_t len, i;
	int k;

	if (n->nvals != 1 || n->vals[0].type != VAL_STRING) {
		diag(&n->span, M_E_ARGS, "include",
		    lang_keywords[K_INCLUDE].usage);
		return;
	}
	if (p->incdepth >= AST_MAX_INCLUDE_DEPTH) {
		diag(&n->vals[0].span, M_E_INCLUDE_DEPTH, AST_MAX_INCLUDE_DEPTH);
		return;
	}
	if ((text = read_include(p, &n->vals[0], &path, &len)) == NULL)
		return;
	for (k = 0; k < ctx->top; k++)
		if (strcmp(ctx->stack[k], path) == 0) {
			diag(&n->vals[0].span, M_E_INCLUDE_LOOP, n->vals[0].s);
			goto done;
		}
	/* A second include would declare everything twice. */
	for (i = 0; i < ctx->nincluded; i++)
		if (strcmp(ctx->included[i].path, path) == 0) {
			diag(&n->vals[0].span, M_W_INCLUDE_TWICE, n->vals[0].s);
			diag(&ctx->included[i].at, M_NOTE_FREE,
			    "it is first included here");
			goto done;
		}
	ctx->included = xgrow(ctx->included, ctx->nincluded,
	    sizeof(*ctx->included));
	ctx->included[ctx->nincluded].path = xstrdup(path);
	ctx->included[ctx->nincluded++].at = n->vals[0].span;
	f = add_source(ctx->o->dg, path, text, len);
	text = NULL;
	n->include = parse_source(ctx, f, p->incdepth + 1);
done:
	free(text);
	free(path);
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
	if (parent->type == AST_FILE && lang_find(n->keyword, CTX_TOP) ==
	    &lang_keywords[K_INCLUDE])
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
parse_source(struct parse_ctx *ctx, const struct srcfile *f, int incdepth)
{
	struct parser p;
	struct ast_node *root;
	struct span sp = span_at(f, 0, 0);

	memset(&p, 0, sizeof(p));
	p.file = f;
	p.incdepth = incdepth;
	p.ctx = ctx;
	ctx->stack[ctx->top++] = normalize(f->name);
	lex_init(&p.lx, f);
	p.tok.type = T_NEWLINE;
	root = node_new(AST_FILE, NULL, &sp);
	advance(&p);
	parse_lines(&p, root);
	free(p.tok.s);
	free(ctx->stack[--ctx->top]);
	return root;
}

/* Parses a whole source with what it includes. */
static struct ast_node *
parse_top(const struct ast_options *o, const struct srcfile *f)
{
	struct parse_ctx ctx;
	struct ast_node *root;
	char *dir;

	memset(&ctx, 0, sizeof(ctx));
	ctx.o = o;
	dir = dir_of(f->name);
	ctx.root_dir = normalize(dir);
	free(dir);
	ctx.data_dir = o->include_dir ? normalize(o->include_dir) : NULL;
	root = parse_source(&ctx, f, 0);
	while (ctx.nincluded > 0)
		free(ctx.included[--ctx.nincluded].path);
	free(ctx.included);
	free(ctx.root_dir);
	free(ctx.data_dir);
	return root;
}

struct ast_node *
ast_parse_buffer(const struct ast_options *o, const char *name,
    const char *data, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, data, len);
	copy[len] = '\0';
	return parse_top(o, add_source(o->dg, name, copy, len));
}

struct ast_node *
ast_parse_file(const struct ast_options *o, const char *path)
{
	size_t len;
	char *text;

	if (o->reader)
		text = o->reader->read(o->reader->arg, path, &len);
	else
		text = read_file(path, &len);
	if (text == NULL)
		return NULL;
	return parse_top(o, add_source(o->dg, path, text, len));
}
