/* log.c - afc log: per commit of a range, what it changed in the
 * meaning of a zone; a change log for the document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "cli/cli.h"
#include "diff/git.h"

/* The commits of range, oldest first (heap, NUL-separated). */
static char *
commits(const char *range, size_t *len, int *st)
{
	const char *argv[] = {"git", "rev-list", "--reverse", "--topo-order",
	    range, "--", NULL};

	return git_run(argv, len, st, 0);
}

int
cmd_log(int argc, char **argv, const struct cli *c)
{
	const struct cli_opt opts[] = {{NULL, NULL, NULL}};
	struct buf out = {0}, one = {0}, old = {0}, new = {0};
	const char *range, *path;
	char **files, *list, *line, *save = NULL, *subject;
	int n, help = 0, st, gst, color, shown = 0;
	size_t len;

	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help || n != 2) {
		free(files);
		return help ? cli_usage(NULL) :
		    cli_usage("log needs a range and a zone: REV1..REV2 PATH");
	}
	range = files[0];
	path = files[1];
	list = commits(range, &len, &gst);
	if (list == NULL || gst != 0) {
		diag_sys(c->dg, M_E_GIT, "rev-list");
		free(list);
		free(files);
		return EXIT_SYSTEM;
	}
	color = isatty(1) && getenv("NO_COLOR") == NULL;
	for (line = strtok_r(list, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *sargv[] = {"git", "log", "-1", "--format=%h %s",
		    line, NULL};
		size_t slen;
		int s;

		old.len = new.len = one.len = 0;
		/* the commit as the reader knows it: its short id */
		subject = git_run(sargv, &slen, &gst, 1);
		if (subject == NULL || gst != 0 || slen == 0 ||
		    strchr(subject, ' ') == NULL) {
			free(subject);
			subject = xstrdup(line);
		}
		buf_printf(&old, "%.*s^:%s", (int)strcspn(subject, " \n"),
		    subject, path);
		buf_printf(&new, "%.*s:%s", (int)strcspn(subject, " \n"),
		    subject, path);
		s = cli_diff_pair(c, old.data, new.data, color, &one);
		if (s < 0) {
			free(subject);
			continue;
		}
		if (s == EXIT_SYSTEM)
			st = EXIT_SYSTEM;
		subject[strcspn(subject, "\n")] = '\0';
		buf_printf(&out, "%s%scommit %s%s\n", shown++ ? "\n" : "",
		    color ? "\033[33m" : "", subject, color ? "\033[m" : "");
		free(subject);
		buf_add(&out, one.data ? one.data : "", one.len);
	}
	if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
		st = EXIT_SYSTEM;
	buf_free(&out);
	buf_free(&one);
	buf_free(&old);
	buf_free(&new);
	free(list);
	free(files);
	return st;
}
