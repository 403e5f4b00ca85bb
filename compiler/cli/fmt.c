/* fmt.c - afc fmt: prints sources in their canonical form
 * (front/print.c), rewrites them with -w, lists those not in it with
 * --check. A file that does not parse is refused, never rewritten. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"
#include "cli/cli.h"
#include "front/ast.h"
#include "front/print.h"

/* Includes are not formatted with the file that names them: each reads
 * as an empty file. */
static char *
read_nothing(void *arg, const char *path, size_t *len)
{
	(void)arg;
	(void)path;
	*len = 0;
	return xstrdup("");
}

/* Formats one file; returns its exit status. */
static int
fmt_file(const struct cli *c, const char *path, int write, int check)
{
	struct ast_reader none = {read_nothing, NULL};
	struct ast_options o;
	struct ast_node *root;
	struct buf out = {0};
	struct diags dg;
	size_t len;
	char *text;
	int rc = EXIT_CLEAN;

	text = cli_is_stdin(path) ? read_stdin(&len) : read_file(path, &len);
	path = cli_name(path);
	if (text == NULL) {
		diag_sys(c->dg, M_E_READ, path, file_strerror(errno));
		return EXIT_SYSTEM;
	}
	/* Warnings are the checker's business: the messages are shown
	 * only when the file does not parse. */
	diags_init(&dg, NULL, 100);
	memset(&o, 0, sizeof(o));
	o.dg = &dg;
	o.reader = &none;
	root = ast_parse_buffer(&o, path, text, len);
	if (diag_worst(&dg) == DIAG_ERROR) {
		ast_free(root);
		diags_free(&dg);
		diags_init(&dg, stderr, 100);
		o.dg = &dg;
		root = ast_parse_buffer(&o, path, text, len);
		fprintf(stderr, "afc: error: '%s' does not parse; it is not "
		    "formatted\n", path);
		rc = EXIT_SOURCE;
		goto done;
	}
	ast_print(root, &out);
	if (check) {
		if (out.len != len || memcmp(out.data, text, len) != 0) {
			printf("%s\n", path);
			rc = EXIT_SOURCE;
		}
	} else if (write) {
		if ((out.len != len || memcmp(out.data, text, len) != 0) &&
		    cli_write_atomic(c, path, out.data ? out.data : "",
		    out.len) != 0)
			rc = EXIT_SYSTEM;
	} else if (out.len > 0) {
		fwrite(out.data, 1, out.len, stdout);
	}
done:
	ast_free(root);
	diags_free(&dg);
	buf_free(&out);
	free(text);
	return rc;
}

int
cmd_fmt(int argc, char **argv, const struct cli *c)
{
	int write = 0, check = 0, n, i, help = 0, st;
	const struct cli_opt opts[] = {
		{"-w", NULL, &write},
		{"--check", NULL, &check},
		{NULL, NULL, NULL},
	};
	char **files;

	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help)
		st = cli_usage(NULL);
	else if (n == 0)
		st = cli_usage("fmt needs at least one FILE");
	else if (write && check)
		st = cli_usage("fmt takes -w or --check, not both");
	else
		st = cli_stdin_once(files, n);
	for (i = 0; i < n && write && st == EXIT_CLEAN; i++)
		if (cli_is_stdin(files[i]))
			st = cli_usage("fmt -w rewrites files; standard input is "
			    "formatted to standard output without -w");
	for (i = 0; i < n && !help && st != EXIT_USAGE; i++)
		st = cli_worse(st, fmt_file(c, files[i], write, check));
	free(files);
	return st;
}
