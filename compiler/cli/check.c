/* check.c - the commands that write no document: check and dump. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "cli/cli.h"
#include "front/ast.h"

int
cmd_check(int argc, char **argv, const struct cli *c)
{
	static const struct cli_opt opts[] = {{NULL, NULL, NULL}};
	char **files;
	int i, n, help = 0, st = EXIT_CLEAN;

	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help)
		st = cli_usage(NULL);
	else if (n == 0)
		st = cli_usage("check needs at least one FILE");
	for (i = 0; i < n && !help; i++)
		st = cli_worse(st, cli_compile(c, files[i], NULL));
	free(files);
	return st;
}

int
cmd_dump(int argc, char **argv, const struct cli *c)
{
	static const struct cli_opt opts[] = {{NULL, NULL, NULL}};
	struct ast_node *root;
	char **files;
	int n, help = 0, st;

	(void)c;
	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help || n != 1) {
		free(files);
		return cli_usage(help ? NULL : "dump needs exactly one FILE");
	}
	if ((root = ast_parse_file(files[0])) == NULL) {
		fprintf(stderr, "afc: error: cannot read '%s': %s\n", files[0],
		    strerror(errno));
		free(files);
		return EXIT_SYSTEM;
	}
	ast_dump(root, stdout);
	ast_free(root);
	free(files);
	return diag_worst() == DIAG_ERROR ? EXIT_SOURCE : EXIT_CLEAN;
}
