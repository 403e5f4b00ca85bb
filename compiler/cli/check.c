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
	else
		st = cli_stdin_once(files, n);
	for (i = 0; i < n && !help && st != EXIT_USAGE; i++) {
		struct unit *u = cli_compile(c, files[i], 0);

		st = cli_worse(st, cli_status(c, u, files[i]));
		unit_free(u);
	}
	free(files);
	return st;
}

int
cmd_dump(int argc, char **argv, const struct cli *c)
{
	static const struct cli_opt opts[] = {{NULL, NULL, NULL}};
	struct ast_options o;
	struct ast_node *root;
	struct diags dg;
	char **files;
	int n, help = 0, st;

	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help || n != 1) {
		free(files);
		return cli_usage(help ? NULL : "dump needs exactly one FILE");
	}
	diags_init(&dg, stderr, 100);
	o.dg = &dg;
	o.reader = cli_is_stdin(files[0]) ? &cli_stdin_reader : NULL;
	o.include_dir = c->include_dir;
	if ((root = ast_parse_file(&o, cli_name(files[0]))) == NULL) {
		diag_sys(c->dg, M_E_READ, cli_name(files[0]), file_strerror(errno));
		st = EXIT_SYSTEM;
	} else {
		ast_dump(root, stdout);
		ast_free(root);
		st = diag_worst(&dg) == DIAG_ERROR ? EXIT_SOURCE : EXIT_CLEAN;
	}
	diags_free(&dg);
	free(files);
	return st;
}
