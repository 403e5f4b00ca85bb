/* build.c - afc build: every format of every source into a directory,
 * with an index page when there are several. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "cli/cli.h"

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
cmd_build(int argc, char **argv, const struct cli *c)
{
	const char *formats = NULL, *outdir = ".";
	const struct cli_opt opts[] = {
		{"--to", &formats, NULL},
		{"-o", &outdir, NULL},
		{NULL, NULL, NULL},
	};
	int want[8] = {0}, st = EXIT_CLEAN, one, nfiles, help = 0;
	const struct backend *html = backend_find("html");
	struct buf out = {0}, path = {0};
	struct index_entry *idx;
	struct doc *docs;
	size_t i, n = 0, k;
	char **files;

	if ((st = cli_options(argc, argv, opts, &files, &nfiles, &help)) != 0)
		return st;
	if (help || nfiles == 0) {
		free(files);
		return cli_usage(help ? NULL : "build needs at least one FILE");
	}
	if (formats == NULL) {
		for (k = 0; k < nbackends; k++)
			want[k] = backends[k].render != NULL;
	} else if (cli_formats(formats, want) != 0) {
		free(files);
		return EXIT_USAGE;
	}
	if (!is_dir(outdir)) {
		fprintf(stderr, "afc: error: output directory '%s' does not "
		    "exist\n", outdir);
		free(files);
		return EXIT_SYSTEM;
	}
	docs = xcalloc((size_t)nfiles, sizeof(*docs));
	idx = xcalloc((size_t)nfiles, sizeof(*idx));
	for (i = 0; i < (size_t)nfiles; i++) {
		char *base;

		if ((one = cli_compile(c, files[i], &docs[n])) != EXIT_CLEAN) {
			st = cli_worse(st, one);
			continue;
		}
		base = cli_base_name(files[i]);
		idx[n].doc = &docs[n];
		idx[n].base = doc_keep(&docs[n], base);
		for (k = 0; k < nbackends; k++) {
			if (!want[k])
				continue;
			out.len = 0;
			one = backends[k].render(&docs[n], &c->ctx, &out) == 0 ?
			    EXIT_CLEAN : EXIT_SYSTEM;
			path.len = 0;
			buf_printf(&path, "%s/%s.%s", outdir, base, backends[k].ext);
			if (one == EXIT_CLEAN &&
			    cli_write_atomic(path.data, out.data, out.len) != 0)
				one = EXIT_SYSTEM;
			st = cli_worse(st, one);
			if (strcmp(backends[k].name, "md") == 0)
				idx[n].has_md = one == EXIT_CLEAN;
			else if (strcmp(backends[k].name, "pdf") == 0)
				idx[n].has_pdf = one == EXIT_CLEAN;
			else if (strcmp(backends[k].name, "html") == 0)
				idx[n].has_html = one == EXIT_CLEAN;
		}
		n++;
	}
	if (nfiles > 1 && n > 0 && html->render && want[html - backends]) {
		out.len = 0;
		path.len = 0;
		buf_printf(&path, "%s/index.html", outdir);
		if (html_render_index(idx, n, &c->ctx, &out) != 0 ||
		    cli_write_atomic(path.data, out.data, out.len) != 0)
			st = cli_worse(st, EXIT_SYSTEM);
	}
	for (i = 0; i < n; i++)
		doc_free(&docs[i]);
	free(docs);
	free(idx);
	buf_free(&out);
	buf_free(&path);
	free(files);
	return st;
}
