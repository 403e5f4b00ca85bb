/* cli.h - what the commands of the afc command line share.
 * Included by the files of cli/ only: each command is a file of its own
 * (check.c: check and dump, render.c, build.c) and main.c dispatches. */
#ifndef AFC_CLI_H
#define AFC_CLI_H

#include <stddef.h>

#include "out/backend.h"
#include "unit/unit.h"

enum exit_status {
	EXIT_CLEAN = 0,
	EXIT_SOURCE = 1,	/* errors in the sources */
	EXIT_USAGE = 2,
	EXIT_SYSTEM = 3,	/* cannot read, write or find a resource */
};

/* What every command is given besides its arguments. */
struct cli {
	struct render_ctx ctx;	/* datadir */
	const char *include_dir;	/* DATADIR/templates */
	struct diags *dg;	/* messages without a place: stderr */
};

/*
 * A command's options, for cli_options(): "--to" with an argument sets
 * *value (also written --to=X); a flag without one sets *flag to 1. The
 * table ends with a NULL name.
 */
struct cli_opt {
	const char *name;
	const char **value;	/* an option with an argument */
	int *flag;		/* a flag */
};

/* Parses argv (the words after the command's name) against opts; the
 * other words, and every word after "--", are the operands, returned in
 * *files (heap, to free) and *nfiles. Returns 0, or EXIT_USAGE after a
 * message. "--help" sets *help when the table has no entry for it. */
int cli_options(int argc, char **argv, const struct cli_opt *opts,
    char ***files, int *nfiles, int *help);

/* Reports a usage error (msg) and returns EXIT_USAGE; with msg NULL
 * prints the help text on standard output and returns EXIT_CLEAN. */
int cli_usage(const char *msg);

/* Parses a --to list into flags over backends[]; returns -1 after a
 * message when it names no format or an unknown one. */
int cli_formats(const char *list, int *want);

/* Writes data to path through a temporary file and a rename, so that a
 * failed run never leaves a partial file behind; an existing file keeps
 * its mode. Returns 0, or -1 after a message. */
int cli_write_atomic(const struct cli *c, const char *path, const char *data,
    size_t len);

/* Standard input as a source: "-" or /dev/stdin on the command line of
 * check, render, dump and fmt, read to its end whatever it is (only
 * the file named is: includes are files, as always), named <stdin> in
 * messages, its includes found from the current directory. */
#define CLI_STDIN_NAME "<stdin>"
int cli_is_stdin(const char *path);
/* The name of path in messages: <stdin> for standard input. */
const char *cli_name(const char *path);
/* The reader of a source on standard input: CLI_STDIN_NAME from it,
 * every other file from the file system. */
extern const struct ast_reader cli_stdin_reader;
/* Reports a usage error and returns EXIT_USAGE when standard input is
 * given more than once among files[0..n), as it can be read once. */
int cli_stdin_once(char **files, int n);

/* Compiles one source, its messages on stderr; with lower unset, stops
 * after the checker. Never NULL. A source on standard input is read
 * from it. */
struct unit *cli_compile(const struct cli *c, const char *path, int lower);
/* The exit status of a compiled unit; says why when the source could
 * not be read. */
int cli_status(const struct cli *c, struct unit *u, const char *path);

/* Calls fn with every zone below the folder dir: each .afs file with a
 * document block, in the order of their names, folder by folder (rel:
 * its path below dir). Hidden files and folders are skipped. Returns 0,
 * or -1 after a message when a folder cannot be read. */
int cli_walk(const struct cli *c, const char *dir,
    void (*fn)(void *arg, const char *path, const char *rel), void *arg);

/* Opens the backend b, or reports why not and returns NULL. */
void *cli_open(const struct cli *c, const struct backend *b);

static inline int
cli_worse(int a, int b)
{
	return a > b ? a : b;
}

/* diff.c: compares two versions of a zone (files or REV:PATH) into
 * out as a text change list; returns diff's exit status, or -1 when
 * they read the same bytes (or neither exists). */
int cli_diff_pair(const struct cli *c, const char *old, const char *new,
    int color, struct buf *out);

/* The commands: argv holds the words after the command's name. */
int cmd_check(int argc, char **argv, const struct cli *c);
int cmd_dump(int argc, char **argv, const struct cli *c);
int cmd_render(int argc, char **argv, const struct cli *c);
int cmd_build(int argc, char **argv, const struct cli *c);
int cmd_new(int argc, char **argv, const struct cli *c);
int cmd_fmt(int argc, char **argv, const struct cli *c);
int cmd_keywords(int argc, char **argv, const struct cli *c);
int cmd_diff(int argc, char **argv, const struct cli *c);
int cmd_log(int argc, char **argv, const struct cli *c);
int cmd_deadlines(int argc, char **argv, const struct cli *c);

#endif
