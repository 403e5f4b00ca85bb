/* render.c - afc render: one format of one source to standard output. */
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "cli/cli.h"

int
cmd_render(int argc, char **argv, const struct cli *c)
{
	const char *formats = NULL;
	const struct cli_opt opts[] = {
		{"--to", &formats, NULL},
		{NULL, NULL, NULL},
	};
	int want[8] = {0}, st, n, help = 0, rc;
	const struct backend *b = NULL;
	struct buf out = {0};
	struct unit *u;
	void *state = NULL;
	char **files;
	size_t i;

	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help)
		st = cli_usage(NULL);
	else if (formats == NULL)
		st = cli_usage("render needs --to FORMAT");
	else if (n != 1)
		st = cli_usage("render needs exactly one FILE");
	else if (cli_formats(formats, want) != 0)
		st = EXIT_USAGE;
	for (i = 0; i < nbackends && st == EXIT_CLEAN && !help; i++)
		if (want[i]) {
			if (b)
				st = cli_usage("render takes one format");
			b = &backends[i];
		}
	if (st != EXIT_CLEAN || help) {
		free(files);
		return st;
	}
	u = cli_compile(c, files[0], 1);
	if ((st = cli_status(c, u, files[0])) == EXIT_CLEAN) {
		if ((state = cli_open(c, b)) == NULL)
			st = EXIT_SYSTEM;
		else if ((rc = b->render(state, unit_doc(u), unit_diags(u), &out)) != 0)
			st = rc > 0 ? EXIT_SOURCE : EXIT_SYSTEM;
		else if (fwrite(out.data, 1, out.len, stdout) != out.len)
			st = EXIT_SYSTEM;
		if (state)
			b->close(state);
	}
	unit_free(u);
	buf_free(&out);
	free(files);
	return st;
}
