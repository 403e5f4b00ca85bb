/* ast.h - the syntax tree of an afs source.
 * Included by the parser, the checker, the dump and the formatter.
 *
 * The grammar is uniform: every statement is a keyword, some values and
 * an optional block of statements. What a keyword means, and where it
 * may stand, is decided by the checker (check.c). Comments and blank
 * lines are kept as nodes so that a file can be reprinted without loss. */
#ifndef AFC_AST_H
#define AFC_AST_H

#include <stddef.h>

#include "base/diag.h"

enum ast_type {
	AST_FILE,
	AST_STMT,
	AST_COMMENT,		/* a comment on a line of its own */
	AST_BLANK,		/* one or more blank lines */
};

enum val_type {
	VAL_WORD,
	VAL_STRING,
	VAL_TEXT,
};

struct ast_value {
	enum val_type type;
	char *s;
	struct span span;
	size_t text_first, text_indent;	/* VAL_TEXT: see text_span() */
};

struct ast_node {
	enum ast_type type;
	struct span span;	/* the keyword, the file, or the comment */
	char *keyword;		/* AST_STMT */
	char *comment;		/* AST_COMMENT text, or a statement's trailing comment */
	struct ast_value *vals;
	size_t nvals;
	int has_block;
	struct span close;	/* the '}' of the block */
	struct ast_node *include;	/* an include statement: the included file */
	struct ast_node *parent, *first, *last, *next;
	int bad;		/* the parser reported an error in it */
};

/*
 * Where the parser reads files. read() returns the bytes of the file at
 * path (heap memory, NUL-terminated, *len bytes) or NULL with errno set;
 * the default reads the file system. `afc diff` reads a git revision.
 */
struct ast_reader {
	char *(*read)(void *arg, const char *path, size_t *len);
	void *arg;
};

struct ast_options {
	struct diags *dg;	/* every file read is registered here */
	const struct ast_reader *reader;	/* NULL: the file system */
	/* Searched, on the file system, for an include not found beside
	 * the including file: DATADIR/templates. NULL: none. */
	const char *include_dir;
};

/*
 * Parses the file at path (including what it includes) and returns its
 * tree; errors are reported and the tree holds what could be recovered.
 * Returns NULL only when the file itself cannot be read (errno set).
 *
 * An include names a file relative to the including one: no absolute
 * path, no way out of the top file's folder with "..", and only .afs
 * files, so that a source cannot make afc show lines of any other file.
 */
struct ast_node *ast_parse_file(const struct ast_options *o, const char *path);
/* Parses a file already in memory (name is used in messages). */
struct ast_node *ast_parse_buffer(const struct ast_options *o,
    const char *name, const char *data, size_t len);
void ast_free(struct ast_node *n);
/* Prints the tree as indented lines, one node a line. */
void ast_dump(const struct ast_node *n, void *stream);

/* The span of byte k of a text block's decoded value. */
struct span text_span(const struct ast_value *v, size_t k, size_t len);


/* Limits against hostile input. */
#define AST_MAX_DEPTH 64
#define AST_MAX_INCLUDE_DEPTH 16

#endif
