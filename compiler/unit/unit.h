/* unit.h - the compile unit: one zone source compiled, with everything
 * that came of it. Included by the command line, the tests and the
 * tools that compare or rebuild zones.
 *
 * unit_compile() reads a source and what it includes (through a reader
 * the caller may replace: `afc diff` reads a git revision), parses it,
 * checks it into the model and lowers it into the document tree; the
 * unit owns all of it, and unit_free() releases it at once. */
#ifndef AFC_UNIT_UNIT_H
#define AFC_UNIT_UNIT_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "front/ast.h"
#include "lower/doc.h"

struct model;

struct unit_options {
	const char *include_dir;	/* DATADIR/templates, or NULL */
	const struct ast_reader *reader;	/* NULL: the file system */
	FILE *diag_stream;		/* where messages go; NULL: nowhere */
	unsigned max_errors;		/* 0: no limit */
	const char *label;		/* before file names: "v1.0:" */
	int no_lower;			/* check only: no document tree */
};

/* A file the unit read: the source first, then its includes. */
struct unit_file {
	const char *name;
	size_t len;
	unsigned long long hash;	/* 64-bit FNV-1a of the bytes */
};

enum unit_status {
	UNIT_OK = 0,		/* compiled; warnings allowed */
	UNIT_ERRORS = 1,	/* errors in the sources, reported */
	UNIT_UNREADABLE = 3,	/* the source itself could not be read */
};

struct unit;

/* Compiles the source at path. Never NULL: see unit_status(). */
struct unit *unit_compile(const char *path, const struct unit_options *o);
/* Compiles a source already in memory; name is used in messages and
 * to find its includes. */
struct unit *unit_compile_buffer(const char *name, const char *data,
    size_t len, const struct unit_options *o);
void unit_free(struct unit *u);

enum unit_status unit_status(const struct unit *u);
/* errno of the failed read when unit_status() is UNIT_UNREADABLE. */
int unit_errno(const struct unit *u);
/* The messages reported: counts per level. */
struct diags *unit_diags(struct unit *u);
/* The syntax tree (NULL when unreadable), the model and the document
 * tree (NULL unless the unit compiled without errors). */
const struct ast_node *unit_ast(const struct unit *u);
const struct model *unit_model(const struct unit *u);
const struct doc *unit_doc(const struct unit *u);
/* "amalo" for samples/amalo.afs. */
const char *unit_base(const struct unit *u);
/* The same for any path: its last part without ".afs" (heap). */
char *unit_base_name(const char *path);
size_t unit_nfiles(const struct unit *u);
const struct unit_file *unit_file(const struct unit *u, size_t i);

/* The 64-bit FNV-1a hash of n bytes, as unit files are hashed. */
unsigned long long unit_hash(const void *data, size_t n);

#endif
