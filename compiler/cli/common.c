/* common.c - what the commands share: options, formats, compiling a
 * source, writing an output file. */
#include <dirent.h>
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

int
cli_options(int argc, char **argv, const struct cli_opt *opts,
    char ***files, int *nfiles, int *help)
{
	const struct cli_opt *o;
	size_t n;
	int i;

	*files = xcalloc((size_t)argc + 1, sizeof(**files));
	*nfiles = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				(*files)[(*nfiles)++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			(*files)[(*nfiles)++] = argv[i];
			continue;
		}
		for (o = opts; o->name; o++) {
			n = strlen(o->name);
			if (strncmp(a, o->name, n) != 0)
				continue;
			if (a[n] == '\0')
				break;
			if (a[n] == '=' && o->value)
				break;
		}
		if (o->name == NULL) {
			if (help && (strcmp(a, "--help") == 0 ||
			    strcmp(a, "-h") == 0)) {
				*help = 1;
				continue;
			}
			fprintf(stderr, "afc: error: unknown option '%s'\n", a);
			goto usage;
		}
		if (o->flag) {
			*o->flag = 1;
		} else if (a[n] == '=') {
			*o->value = a + n + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			fprintf(stderr, "afc: error: option '%s' needs a value\n", a);
			goto usage;
		}
	}
	return 0;
usage:
	free(*files);
	*files = NULL;
	return cli_usage("");
}

int
cli_formats(const char *list, int *want)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	const struct backend *b;
	int n = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((b = backend_find(tok)) == NULL) {
			fprintf(stderr, "afc: error: unknown format '%s'; "
			    "the formats are md, html, pdf, ics and json\n", tok);
			free(copy);
			return -1;
		}
		if (b->render == NULL) {
			fprintf(stderr, "afc: error: the %s format is not "
			    "available in this version of afc\n", tok);
			free(copy);
			return -1;
		}
		want[b - backends] = 1;
		n++;
	}
	free(copy);
	if (n == 0) {
		fprintf(stderr, "afc: error: --to needs at least one format\n");
		return -1;
	}
	return 0;
}

int
cli_is_stdin(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0;
}

const char *
cli_name(const char *path)
{
	return cli_is_stdin(path) ? CLI_STDIN_NAME : path;
}

static char *
read_stdin_source(void *arg, const char *path, size_t *len)
{
	(void)arg;
	if (strcmp(path, CLI_STDIN_NAME) == 0)
		return read_stdin(len);
	return read_file(path, len);
}

const struct ast_reader cli_stdin_reader = {read_stdin_source, NULL};

int
cli_stdin_once(char **files, int n)
{
	int i, seen = 0;

	for (i = 0; i < n; i++)
		if (cli_is_stdin(files[i]) && seen++)
			return cli_usage("standard input ('-') can be read only once");
	return EXIT_CLEAN;
}

struct unit *
cli_compile(const struct cli *c, const char *path, int lower)
{
	struct unit_options o;

	memset(&o, 0, sizeof(o));
	o.include_dir = c->include_dir;
	o.diag_stream = stderr;
	o.max_errors = 100;
	o.no_lower = !lower;
	if (cli_is_stdin(path))
		o.reader = &cli_stdin_reader;
	return unit_compile(cli_name(path), &o);
}

int
cli_status(const struct cli *c, struct unit *u, const char *path)
{
	switch (unit_status(u)) {
	case UNIT_OK:
		return EXIT_CLEAN;
	case UNIT_ERRORS:
		return EXIT_SOURCE;
	case UNIT_UNREADABLE:
		break;
	}
	diag_sys(c->dg, M_E_READ, cli_name(path), file_strerror(unit_errno(u)));
	return EXIT_SYSTEM;
}

void *
cli_open(const struct cli *c, const struct backend *b)
{
	return b->open(&c->ctx, c->dg);
}

/* The mode for path: its own when it exists, else that of an ordinary
 * new file, as fopen would give it. */
static mode_t
mode_for(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int
cli_write_atomic(const struct cli *c, const char *path, const char *data,
    size_t len)
{
	struct buf tmp = {0};
	FILE *f = NULL;
	int fd, ok;

	buf_printf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp.data)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		diag_sys(c->dg, M_E_WRITE, path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp.data);
		}
		buf_free(&tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = fchmod(fd, mode_for(path)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp.data, path) != 0) {
		diag_sys(c->dg, M_E_WRITE, path, strerror(errno));
		unlink(tmp.data);
		buf_free(&tmp);
		return -1;
	}
	buf_free(&tmp);
	return 0;
}

/* Whether an .afs file is a zone: a line that starts with the keyword
 * document. Forms and other included files have none. */
static int
has_document(const char *path)
{
	size_t len, n = strlen("document");
	char *text = read_file(path, &len), *p;
	int yes = 0;

	if (text == NULL)
		return 0;
	for (p = text; p && !yes; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		yes = strncmp(p, "document", n) == 0 &&
		    (p[n] == ' ' || p[n] == '{' || p[n] == '\n' ||
		    p[n] == '\0' || p[n] == '#');
	}
	free(text);
	return yes;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
walk(const struct cli *c, const char *dir, const char *rel,
    void (*fn)(void *arg, const char *path, const char *rel), void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i, len;
	struct buf path = {0}, sub = {0};
	struct stat st;
	int rc = 0;

	if (d == NULL) {
		diag_sys(c->dg, M_E_READ, dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, n, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		path.len = sub.len = 0;
		buf_printf(&path, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (stat(path.data, &st) != 0)
			continue;
		len = strlen(names[i]);
		if (S_ISDIR(st.st_mode)) {
			if (walk(c, path.data, sub.data, fn, arg) != 0)
				rc = -1;
		} else if (S_ISREG(st.st_mode) && len > 4 &&
		    strcmp(names[i] + len - 4, ".afs") == 0 &&
		    has_document(path.data)) {
			fn(arg, path.data, sub.data);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&path);
	buf_free(&sub);
	return rc;
}

int
cli_walk(const struct cli *c, const char *dir,
    void (*fn)(void *arg, const char *path, const char *rel), void *arg)
{
	return walk(c, dir, "", fn, arg);
}
