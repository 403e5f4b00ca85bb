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
	void *state[8] = {0};
	struct buf out = {0}, path = {0};
	struct index_entry *idx;
	struct unit **units;
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
			want[k] = 1;
	} else if (cli_formats(formats, want) != 0) {
		free(files);
		return EXIT_USAGE;
	}
	if (!is_dir(outdir)) {
		diag_sys(c->dg, M_E_OUTDIR, outdir);
		free(files);
		return EXIT_SYSTEM;
	}
	/* The backends are opened once, for every zone. */
	for (k = 0; k < nbackends; k++)
		if (want[k] && (state[k] = cli_open(c, &backends[k])) == NULL)
			st = EXIT_SYSTEM;
	units = xcalloc((size_t)nfiles, sizeof(*units));
	idx = xcalloc((size_t)nfiles, sizeof(*idx));
	for (i = 0; i < (size_t)nfiles && st != EXIT_SYSTEM; i++) {
		struct unit *u = cli_compile(c, files[i], 1);

		if ((one = cli_status(c, u, files[i])) != EXIT_CLEAN) {
			st = cli_worse(st, one);
			unit_free(u);
			continue;
		}
		units[n] = u;
		idx[n].doc = unit_doc(u);
		idx[n].base = unit_base(u);
		for (k = 0; k < nbackends; k++) {
			if (!want[k])
				continue;
			out.len = 0;
			one = backends[k].render(state[k], unit_doc(u),
			    unit_diags(u), &out) == 0 ? EXIT_CLEAN : EXIT_SYSTEM;
			path.len = 0;
			buf_printf(&path, "%s/%s.%s", outdir, unit_base(u),
			    backends[k].ext);
			if (one == EXIT_CLEAN && cli_write_atomic(c, path.data,
			    out.data, out.len) != 0)
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
	if (nfiles > 1 && n > 0 && state[html - backends]) {
		out.len = 0;
		path.len = 0;
		buf_printf(&path, "%s/index.html", outdir);
		if (html_render_index(state[html - backends], idx, n, c->dg,
		    &out) != 0 ||
		    cli_write_atomic(c, path.data, out.data, out.len) != 0)
			st = cli_worse(st, EXIT_SYSTEM);
	}
	for (k = 0; k < nbackends; k++)
		if (state[k])
			backends[k].close(state[k]);
	for (i = 0; i < n; i++)
		unit_free(units[i]);
	free(units);
	free(idx);
	buf_free(&out);
	buf_free(&path);
	free(files);
	return st;
}
