/* deadlines.c - afc deadlines: every deadline of every zone given, in
 * one list sorted by date.
 *
 * The zones are compiled one at a time and each is freed once its
 * deadlines are copied out, so that the memory used does not grow with
 * the size of the zones, only with the number of deadlines. A zone that
 * does not compile has its messages printed and is left out; the
 * others are still listed (an overview of sixty zones is of use while
 * one of them is being fixed), the output names the zones left out,
 * and the exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "cli/cli.h"
#include "cli/overview.h"

struct sources {
	char **path;
	size_t n;
};

static void
add_source(void *arg, const char *path, const char *rel)
{
	struct sources *s = arg;

	(void)rel;
	s->path = xgrow(s->path, s->n, sizeof(*s->path));
	s->path[s->n++] = xstrdup(path);
}

int
cmd_deadlines(int argc, char **argv, const struct cli *c)
{
	const char *to = "text", *output = NULL;
	const struct cli_opt opts[] = {
		{"--to", &to, NULL},
		{"-o", &output, NULL},
		{NULL, NULL, NULL},
	};
	struct sources src = {0};
	struct overview ov = {0};
	struct buf out = {0};
	struct stat sb;
	char **files;
	int nfiles, help = 0, st = EXIT_CLEAN, f;
	size_t i, k;

	if ((st = cli_options(argc, argv, opts, &files, &nfiles, &help)) != 0)
		return st;
	if (help || nfiles == 0) {
		free(files);
		return cli_usage(help ? NULL : "deadlines needs at least one "
		    "PATH");
	}
	if ((f = ov_format(to)) < 0) {
		free(files);
		fprintf(stderr, "afc: error: unknown format '%s'; the formats "
		    "of deadlines are text, md, html, csv and json\n", to);
		return cli_usage("");
	}
	for (i = 0; i < (size_t)nfiles; i++) {
		if (stat(files[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (cli_walk(c, files[i], add_source, &src) != 0)
				st = EXIT_SYSTEM;
		} else {
			add_source(&src, files[i], files[i]);
		}
	}
	free(files);
	for (i = 0; i < src.n; i++) {
		struct unit *u = cli_compile(c, src.path[i], 1);
		const struct doc *d = unit_doc(u);
		int zs = cli_status(c, u, src.path[i]);

		st = cli_worse(st, zs);
		if (zs != EXIT_CLEAN || d == NULL) {
			ov_add_failed(&ov, src.path[i]);
		} else {
			const char *zone = *d->meta.zone ? d->meta.zone :
			    *d->meta.title ? d->meta.title : d->meta.source;

			for (k = 0; k < d->ndeadlines; k++)
				ov_add(&ov, zone, "", &d->deadlines[k]);
		}
		unit_free(u);
	}
	ov_sort(&ov);
	ov_render(&ov, (enum ov_format)f, &out);
	if (output && strcmp(output, "-") != 0) {
		if (cli_write_atomic(c, output, out.data ? out.data : "",
		    out.len) != 0)
			st = cli_worse(st, EXIT_SYSTEM);
	} else if (out.len) {
		fwrite(out.data, 1, out.len, stdout);
	}
	for (i = 0; i < src.n; i++)
		free(src.path[i]);
	free(src.path);
	ov_free(&ov);
	buf_free(&out);
	return st;
}
