/* git.h - reading a git repository by running git, without a shell.
 * Included by the diff command line (cli/diff.c, cli/log.c). */
#ifndef AFC_GIT_H
#define AFC_GIT_H

#include <stddef.h>

#include "front/ast.h"

/*
 * Runs git with the arguments argv (argv[0] is "git", NULL-terminated)
 * in the current directory and returns what it printed on standard
 * output (heap, NUL-terminated, *len bytes), or NULL with errno set when
 * git could not be run. *status is git's exit status (-1 when it did not
 * exit normally). git's standard error goes to ours unless quiet is set.
 */
char *git_run(const char *const argv[], size_t *len, int *status, int quiet);

/* Whether rev names a commit of the repository. */
int git_is_commit(const char *rev);

/* The bytes of path (relative to the top of the repository) at rev;
 * NULL with errno ENOENT when it has no such file, EIO when git fails. */
char *git_read(const char *rev, const char *path, size_t *len);

/* A reader for the compile unit that reads files at a revision. */
struct git_reader {
	struct ast_reader r;
	const char *rev;
};
void git_reader_init(struct git_reader *g, const char *rev);

#endif
