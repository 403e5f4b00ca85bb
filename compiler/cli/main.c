/* main.c - the afc command line. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "base/diag.h"
#include "base/util.h"
#include "front/ast.h"
#include "out/backend.h"
#include "sema/check.h"

enum exit_status {
	EXIT_CLEAN = 0,
	EXIT_SOURCE = 1,	/* errors in the sources */
	EXIT_USAGE = 2,
	EXIT_SYSTEM = 3,	/* cannot read, write or find a resource */
};

static const char usage_text[] =
"usage: afc check FILE...\n"
"       afc build [--to FORMATS] [-o DIR] FILE...\n"
"       afc render --to FORMAT FILE\n"
"       afc dump FILE\n"
"       afc --help | --version\n"
"\n"
"Compiles afsprakenkader sources (.afs) into documents.\n"
"\n"
"commands:\n"
"  check    check the sources and report every problem; write nothing\n"
"  build    write one output per format and source, named after the\n"
"           source (amalo.afs gives amalo.md, amalo.html, amalo.pdf);\n"
"           with several sources and html among the formats, also an\n"
"           index.html that lists them\n"
"  render   write one format of one source to standard output\n"
"  dump     print the syntax tree of a source, for tests and debugging\n"
"\n"
"options:\n"
"  --to FORMATS   comma-separated list of md, html, pdf (build: all)\n"
"  -o DIR         output directory for build (default: the current one)\n"
"  --help         show this text\n"
"  --version      show the version\n"
"\n"
"environment:\n"
"  AFC_DATADIR    where templates/ and fonts/ are (default: next to the\n"
"                 afc binary when it runs from its source tree, else\n"
"                 ../share/afc from its directory, else\n"
"                 " AFC_DATADIR ")\n"
"  SOURCE_DATE_EPOCH  the PDF creation date when the source gives no date\n"
"\n"
"exit status: 0 no errors (warnings allowed), 1 errors in the sources,\n"
"2 wrong usage, 3 a system error (unreadable file, unwritable output).\n";

static int
usage(const char *msg)
{
	if (msg && *msg)
		fprintf(stderr, "afc: error: %s\n", msg);
	fputs(msg ? "try 'afc --help'\n" : usage_text, msg ? stderr : stdout);
	return msg ? EXIT_USAGE : EXIT_CLEAN;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether dir holds afc's data: templates/forms. */
static int
has_data(const char *dir)
{
	struct buf b = {0};
	int yes;

	buf_printf(&b, "%s/templates/forms", dir);
	yes = is_dir(b.data);
	buf_free(&b);
	return yes;
}

/*
 * templates/ and fonts/ live next to a binary run from its source tree
 * (./afc, or build/asan/afc two levels down), in share/afc beside the
 * bin/ of an installed binary wherever it was installed, or in the data
 * directory it was built for.
 */
static char *
find_datadir(void)
{
	char exe[PATH_MAX], *slash;
	const char *env = getenv("AFC_DATADIR");
	struct buf b = {0};
	ssize_t n;
	int up;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return xstrdup(AFC_DATADIR);
	exe[n] = '\0';
	for (up = 0; up < 3 && (slash = strrchr(exe, '/')) != NULL; up++) {
		*slash = '\0';
		if (has_data(exe[0] ? exe : "/"))
			return xstrdup(exe[0] ? exe : "/");
		if (up == 0) {
			buf_printf(&b, "%s/../share/afc", exe);
			if (has_data(b.data))
				return buf_take(&b);
			buf_free(&b);
		}
	}
	return xstrdup(AFC_DATADIR);
}

/* The base name of path without its .afs extension. */
static char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	size_t n;

	s = s ? s + 1 : path;
	n = strlen(s);
	if (n > 4 && strcmp(s + n - 4, ".afs") == 0)
		n -= 4;
	return xstrndup(s, n);
}

/* Parses and checks one source into d; returns an exit status. */
static int
compile(const char *path, struct doc *d)
{
	struct ast_node *root;
	struct model *m;
	char *base;

	/* Each source is judged on its own messages. */
	diag_reset();
	if ((root = ast_parse_file(path)) == NULL) {
		fprintf(stderr, "afc: error: cannot read '%s': %s\n", path,
		    strerror(errno));
		return EXIT_SYSTEM;
	}
	m = check(root);
	if (m == NULL || diag_worst() == DIAG_ERROR) {
		model_free(m);
		ast_free(root);
		return EXIT_SOURCE;
	}
	if (d) {
		base = base_name(path);
		lower(m, base, d);
		free(base);
	}
	model_free(m);
	ast_free(root);
	return EXIT_CLEAN;
}

/* Gives a file made by mkstemp (mode 0600) the mode of an ordinary new
 * file, as fopen would. */
static void
fchmod_default(const char *path)
{
	mode_t mask = umask(0);

	umask(mask);
	chmod(path, 0666 & ~mask);
}

/* Writes data to path through a temporary file and a rename, so that a
 * failed run never leaves a partial file behind. */
static int
write_atomic(const char *path, const char *data, size_t len)
{
	struct buf tmp = {0};
	FILE *f;
	int fd, ok;

	buf_printf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp.data)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		fprintf(stderr, "afc: error: cannot write '%s': %s\n", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd), unlink(tmp.data);
		buf_free(&tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (ok)
		fchmod_default(tmp.data);
	if (!ok || rename(tmp.data, path) != 0) {
		fprintf(stderr, "afc: error: cannot write '%s': %s\n", path,
		    strerror(errno));
		unlink(tmp.data);
		buf_free(&tmp);
		return -1;
	}
	buf_free(&tmp);
	return 0;
}

/* Parses a --to list into flags over backends[]; returns -1 on error. */
static int
parse_formats(const char *list, int *want)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	const struct backend *b;
	int n = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((b = backend_find(tok)) == NULL) {
			fprintf(stderr, "afc: error: unknown format '%s'; "
			    "the formats are md, html and pdf\n", tok);
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

static int
worse(int a, int b)
{
	return a > b ? a : b;
}

static int
cmd_check(int argc, char **argv)
{
	int i, st = EXIT_CLEAN;

	if (argc == 0)
		return usage("check needs at least one FILE");
	for (i = 0; i < argc; i++)
		st = worse(st, compile(argv[i], NULL));
	return st;
}

static int
cmd_dump(int argc, char **argv)
{
	struct ast_node *root;

	if (argc != 1)
		return usage("dump needs exactly one FILE");
	if ((root = ast_parse_file(argv[0])) == NULL) {
		fprintf(stderr, "afc: error: cannot read '%s': %s\n", argv[0],
		    strerror(errno));
		return EXIT_SYSTEM;
	}
	ast_dump(root, stdout);
	ast_free(root);
	return diag_worst() == DIAG_ERROR ? EXIT_SOURCE : EXIT_CLEAN;
}

static int
render_one(const struct backend *b, const struct doc *d,
    const struct render_ctx *ctx, struct buf *out)
{
	out->len = 0;
	if (b->render(d, ctx, out) != 0)
		return EXIT_SYSTEM;
	return EXIT_CLEAN;
}

static int
cmd_render(const char *formats, int argc, char **argv,
    const struct render_ctx *ctx)
{
	int want[8] = {0}, st;
	const struct backend *b = NULL;
	struct buf out = {0};
	struct doc d = {0};
	size_t i;

	if (formats == NULL)
		return usage("render needs --to FORMAT");
	if (argc != 1)
		return usage("render needs exactly one FILE");
	if (parse_formats(formats, want) != 0)
		return EXIT_USAGE;
	for (i = 0; i < nbackends; i++)
		if (want[i]) {
			if (b)
				return usage("render takes one format");
			b = &backends[i];
		}
	if ((st = compile(argv[0], &d)) != EXIT_CLEAN)
		return st;
	st = render_one(b, &d, ctx, &out);
	if (st == EXIT_CLEAN && fwrite(out.data, 1, out.len, stdout) != out.len)
		st = EXIT_SYSTEM;
	buf_free(&out);
	doc_free(&d);
	return st;
}

static int
cmd_build(const char *formats, const char *outdir, int argc, char **argv,
    const struct render_ctx *ctx)
{
	int want[8] = {0}, st = EXIT_CLEAN, one;
	struct index_entry *idx;
	struct doc *docs;
	struct buf out = {0}, path = {0};
	size_t i, n = 0, k;
	const struct backend *html = backend_find("html");

	if (argc == 0)
		return usage("build needs at least one FILE");
	if (formats == NULL) {
		for (k = 0; k < nbackends; k++)
			want[k] = backends[k].render != NULL;
	} else if (parse_formats(formats, want) != 0) {
		return EXIT_USAGE;
	}
	if (!is_dir(outdir)) {
		fprintf(stderr, "afc: error: output directory '%s' does not "
		    "exist\n", outdir);
		return EXIT_SYSTEM;
	}
	docs = xcalloc((size_t)argc, sizeof(*docs));
	idx = xcalloc((size_t)argc, sizeof(*idx));
	for (i = 0; i < (size_t)argc; i++) {
		char *base;

		if ((one = compile(argv[i], &docs[n])) != EXIT_CLEAN) {
			st = worse(st, one);
			continue;
		}
		base = base_name(argv[i]);
		idx[n].doc = &docs[n];
		idx[n].base = doc_keep(&docs[n], base);
		for (k = 0; k < nbackends; k++) {
			if (!want[k])
				continue;
			one = render_one(&backends[k], &docs[n], ctx, &out);
			path.len = 0;
			buf_printf(&path, "%s/%s.%s", outdir, base, backends[k].ext);
			if (one == EXIT_CLEAN &&
			    write_atomic(path.data, out.data, out.len) != 0)
				one = EXIT_SYSTEM;
			st = worse(st, one);
			if (strcmp(backends[k].name, "md") == 0)
				idx[n].has_md = one == EXIT_CLEAN;
			else if (strcmp(backends[k].name, "pdf") == 0)
				idx[n].has_pdf = one == EXIT_CLEAN;
			else if (strcmp(backends[k].name, "html") == 0)
				idx[n].has_html = one == EXIT_CLEAN;
		}
		n++;
	}
	if (argc > 1 && n > 0 && html->render && want[html - backends]) {
		out.len = 0;
		path.len = 0;
		buf_printf(&path, "%s/index.html", outdir);
		if (html_render_index(idx, n, ctx, &out) != 0 ||
		    write_atomic(path.data, out.data, out.len) != 0)
			st = worse(st, EXIT_SYSTEM);
	}
	for (i = 0; i < n; i++)
		doc_free(&docs[i]);
	free(docs);
	free(idx);
	buf_free(&out);
	buf_free(&path);
	return st;
}

int
main(int argc, char **argv)
{
	const char *formats = NULL, *outdir = ".", *cmd;
	struct render_ctx ctx;
	char **files;
	int nfiles = 0, i, st;

	if (argc < 2)
		return usage("no command given");
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		return usage(NULL);
	if (strcmp(cmd, "--version") == 0) {
		printf("afc %s\n", AFC_VERSION);
		return EXIT_CLEAN;
	}
	files = xcalloc((size_t)argc, sizeof(*files));
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			formats = argv[++i];
		else if (strncmp(argv[i], "--to=", 5) == 0)
			formats = argv[i] + 5;
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			outdir = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			while (++i < argc)
				files[nfiles++] = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "afc: error: unknown option '%s'\n", argv[i]);
			free(files);
			return usage("");
		} else
			files[nfiles++] = argv[i];
	}
	diag_set_limit(100);
	ctx.datadir = find_datadir();
	ast_set_include_dir(NULL);
	{
		struct buf inc = {0};

		buf_printf(&inc, "%s/templates", ctx.datadir);
		ast_set_include_dir(inc.data);
		if (strcmp(cmd, "check") == 0)
			st = cmd_check(nfiles, files);
		else if (strcmp(cmd, "dump") == 0)
			st = cmd_dump(nfiles, files);
		else if (strcmp(cmd, "render") == 0)
			st = cmd_render(formats, nfiles, files, &ctx);
		else if (strcmp(cmd, "build") == 0)
			st = cmd_build(formats, outdir, nfiles, files, &ctx);
		else {
			fprintf(stderr, "afc: error: unknown command '%s'\n", cmd);
			st = usage("");
		}
		buf_free(&inc);
	}
	free((char *)ctx.datadir);
	free(files);
	src_free_all();
	return st;
}
