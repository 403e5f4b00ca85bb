/* diff.c - afc diff: what changed in meaning between two versions of a
 * zone, as a change list (text or JSON) or a redline (the new document
 * with the changes marked, in Markdown, HTML or PDF); its textconv for
 * git; every changed zone between two revisions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "cli/cli.h"
#include "diff/diff.h"
#include "diff/git.h"

/*
 * git gives a textconv, and a difftool, the bytes of one file, in a
 * temporary file of its own: an include beside it is not there. It is
 * looked for in the files git tracks, by the name the source gives it,
 * and read from the work tree when one file has that name.
 */
struct conv_reader {
	struct ast_reader r;
	char *dir;		/* the temporary file's folder, with a '/' */
};

static char *
conv_read(void *arg, const char *path, size_t *len)
{
	const struct conv_reader *cr = arg;
	const char *argv[] = {"git", "ls-files", "-z", NULL};
	const char *name, *found = NULL;
	char *text, *list, *p;
	size_t n = strlen(cr->dir), llen, k, matches = 0;
	int st;

	if ((text = read_file(path, len)) != NULL || errno != ENOENT ||
	    strncmp(path, cr->dir, n) != 0)
		return text;
	name = path + n;
	if ((list = git_run(argv, &llen, &st, 1)) == NULL || st != 0) {
		free(list);
		errno = ENOENT;
		return NULL;
	}
	for (p = list; p < list + llen; p += strlen(p) + 1) {
		k = strlen(p);
		if (strcmp(p, name) == 0 || (k > strlen(name) &&
		    p[k - strlen(name) - 1] == '/' &&
		    strcmp(p + k - strlen(name), name) == 0)) {
			found = p;
			matches++;
		}
	}
	text = matches == 1 ? read_file(found, len) : NULL;
	free(list);
	if (matches != 1)
		errno = ENOENT;
	return text;
}

/* A reader for the file path and what it includes. */
static void
conv_init(struct conv_reader *cr, const char *path)
{
	const char *slash = strrchr(path, '/');

	cr->dir = slash ? xstrndup(path, (size_t)(slash + 1 - path)) :
	    xstrdup("");
	cr->r.read = conv_read;
	cr->r.arg = cr;
}

/* One version of a zone: a file, or a path at a git revision. */
struct version {
	char *name;		/* as shown: "v1.0:zones/amalo.afs" */
	char *rev;		/* NULL: the file system */
	char *path;
	char *label;		/* "v1.0:" */
	struct git_reader g;
	struct conv_reader cr;	/* a file's */
	struct unit *u;
};

static int
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Reads an operand: an existing file, else REV:PATH. */
static void
version_init(struct version *v, const char *operand)
{
	const char *colon = strchr(operand, ':');

	memset(v, 0, sizeof(*v));
	v->name = xstrdup(operand);
	if (file_exists(operand) || colon == NULL) {
		v->path = xstrdup(operand);
		return;
	}
	v->rev = xstrndup(operand, (size_t)(colon - operand));
	v->path = xstrdup(colon + 1);
	v->label = xstrndup(operand, (size_t)(colon + 1 - operand));
}

static void
version_at(struct version *v, const char *rev, const char *path)
{
	struct buf b = {0};

	if (rev == NULL) {
		version_init(v, path);
		return;
	}
	buf_printf(&b, "%s:%s", rev, path);
	version_init(v, b.data);
	buf_free(&b);
}

static void
version_free(struct version *v)
{
	unit_free(v->u);
	free(v->cr.dir);
	free(v->name);
	free(v->rev);
	free(v->path);
	free(v->label);
}

/* Compiles a version, its messages on stream (NULL: none). */
static void
version_compile(const struct cli *c, struct version *v, FILE *stream)
{
	struct unit_options o;

	memset(&o, 0, sizeof(o));
	o.include_dir = c->include_dir;
	o.diag_stream = stream;
	o.max_errors = 20;
	o.label = v->label;
	if (v->rev) {
		git_reader_init(&v->g, v->rev);
		o.reader = &v->g.r;
	} else {
		free(v->cr.dir);
		conv_init(&v->cr, v->path);
		o.reader = &v->cr.r;
	}
	v->u = unit_compile(v->path, &o);
}

/* The bytes of the version's source, or NULL (errno set). */
static char *
version_read(const struct version *v, size_t *len)
{
	return v->rev ? git_read(v->rev, v->path, len) : read_file(v->path, len);
}

struct dopts {
	const char *to, *out;
	int all, quiet, stat, color;
};

enum {
	EXIT_CHANGES = 1,
	EXIT_NO_COMPILE = 4,
};

/* When a side does not compile: a plain diff of the sources. */
static int
fallback(const struct cli *c, const struct dopts *o, struct version *a,
    struct version *b, struct buf *out)
{
	size_t alen = 0, blen = 0;
	char *x = version_read(a, &alen), *y = version_read(b, &blen);
	const struct version *bad = unit_status(a->u) != UNIT_OK ? a : b;

	if (!o->quiet)
		diag_sys(c->dg, M_NOTE_DIFF_PLAIN, bad->name);
	if (strcmp(o->to, "json") == 0) {
		struct buf t = {0};

		buf_puts(out, "{\"old\": ");
		diff_json_string(out, a->name);
		buf_puts(out, ", \"new\": ");
		diff_json_string(out, b->name);
		buf_printf(out, ", \"error\": \"does not compile\", "
		    "\"side\": \"%s\", \"lines\": ", bad == a ? "old" : "new");
		diff_lines(&t, a->name, x ? x : "", alen, b->name, y ? y : "",
		    blen);
		diff_json_string(out, t.data);
		buf_puts(out, "}\n");
		buf_free(&t);
	} else if (strcmp(o->to, "text") == 0) {
		diff_lines(out, a->name, x ? x : "", alen, b->name, y ? y : "",
		    blen);
	} else if (!o->quiet) {
		/* no redline: the plain diff goes to the terminal, never
		 * into the document's file */
		struct buf t = {0};

		diff_lines(&t, a->name, x ? x : "", alen, b->name, y ? y : "",
		    blen);
		if (t.len)
			fwrite(t.data, 1, t.len, stdout);
		buf_free(&t);
	}
	free(x);
	free(y);
	return EXIT_NO_COMPILE;
}

/* The status of a version that did not compile; 0 when it did. */
static int
version_status(const struct cli *c, const struct version *v, int quiet)
{
	switch (unit_status(v->u)) {
	case UNIT_OK:
		return EXIT_CLEAN;
	case UNIT_ERRORS:
		return EXIT_NO_COMPILE;
	case UNIT_UNREADABLE:
		break;
	}
	if (!quiet)
		diag_sys(c->dg, M_E_READ, v->name,
		    strerror(unit_errno(v->u)));
	return EXIT_SYSTEM;
}

static int
is_redline(const struct dopts *o)
{
	return strcmp(o->to, "text") != 0 && strcmp(o->to, "json") != 0;
}

/* The redline of d in the format o->to into out: the new version's
 * document, which becomes the redline, rendered by its backend. */
static int
redline(const struct cli *c, const struct dopts *o, const struct diff *d,
    struct version *b, struct buf *out)
{
	const struct backend *be = backend_find(o->to);
	struct doc *doc = (struct doc *)unit_doc(b->u);
	void *state;
	int st = 0;

	diff_redline(d, doc);
	if ((state = cli_open(c, be)) == NULL)
		return EXIT_SYSTEM;
	if (be->render(state, doc, c->dg, out) != 0)
		st = EXIT_SYSTEM;
	be->close(state);
	return st;
}

/* Compares two versions into out; returns the exit status. */
static int
compare(const struct cli *c, const struct dopts *o, struct version *a,
    struct version *b, struct buf *out)
{
	struct diff d;
	int sa, sb, st;

	version_compile(c, a, o->quiet ? NULL : stderr);
	version_compile(c, b, o->quiet ? NULL : stderr);
	sa = version_status(c, a, o->quiet);
	sb = version_status(c, b, o->quiet);
	if (sa == EXIT_SYSTEM || sb == EXIT_SYSTEM)
		return EXIT_SYSTEM;
	if (sa || sb)
		return fallback(c, o, a, b, out);
	diff_units(&d, a->u, b->u, a->name, b->name);
	st = diff_count(&d) > 0 ? EXIT_CHANGES : EXIT_CLEAN;
	if (strcmp(o->to, "text") == 0) {
		diff_text(&d, out, o->color, o->all, o->stat);
	} else if (strcmp(o->to, "json") == 0) {
		diff_json(&d, out);
	} else if (redline(c, o, &d, b, out) != 0) {
		st = EXIT_SYSTEM;
	}
	diff_free(&d);
	return st;
}

/* Whether two compiled versions read the same bytes. */
static int
same_files(const struct version *a, const struct version *b)
{
	size_t i, n = unit_nfiles(a->u);

	if (n == 0 || n != unit_nfiles(b->u))
		return 0;
	for (i = 0; i < n; i++)
		if (unit_file(a->u, i)->hash != unit_file(b->u, i)->hash ||
		    strcmp(unit_file(a->u, i)->name, unit_file(b->u, i)->name))
			return 0;
	return 1;
}

int
cli_diff_pair(const struct cli *c, const char *old, const char *new,
    int color, struct buf *out)
{
	struct dopts o = {"text", NULL, 0, 0, 0, 0};
	struct version a, b;
	int st = -1;

	o.color = color;
	version_init(&a, old);
	version_init(&b, new);
	version_compile(c, &a, NULL);
	version_compile(c, &b, NULL);
	if (unit_status(a.u) == UNIT_UNREADABLE &&
	    unit_status(b.u) == UNIT_UNREADABLE) {
		st = -1;
	} else if (unit_status(a.u) == UNIT_UNREADABLE ||
	    unit_status(b.u) == UNIT_UNREADABLE) {
		buf_printf(out, "%s zone %s\n", unit_status(a.u) ==
		    UNIT_UNREADABLE ? "new" : "removed", b.name);
		st = EXIT_CHANGES;
	} else if (!same_files(&a, &b)) {
		unit_free(a.u);
		unit_free(b.u);
		a.u = b.u = NULL;
		st = compare(c, &o, &a, &b, out);
	}
	version_free(&a);
	version_free(&b);
	return st;
}

static int
emit(const struct cli *c, const struct dopts *o, struct buf *out)
{
	if (o->quiet)
		return 0;
	if (o->out)
		return cli_write_atomic(c, o->out, out->data ? out->data : "",
		    out->len) == 0 ? 0 : EXIT_SYSTEM;
	if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
		return EXIT_SYSTEM;
	return 0;
}

/* git's textconv: never fails. */
static int
textconv(const struct cli *c, const char *path)
{
	struct conv_reader cr;
	struct unit_options o;
	struct buf out = {0};
	struct unit *u;
	size_t len;
	char *src;

	conv_init(&cr, path);
	memset(&o, 0, sizeof(o));
	o.include_dir = c->include_dir;
	o.reader = &cr.r;
	u = unit_compile(path, &o);
	if (unit_status(u) == UNIT_OK && unit_doc(u)) {
		diff_textconv(unit_doc(u), &out);
	} else if ((src = read_file(path, &len)) != NULL) {
		buf_puts(&out, "# afc: this version does not compile; its "
		    "source follows\n");
		buf_add(&out, src, len);
		free(src);
	} else {
		buf_printf(&out, "# afc: cannot read this version: %s\n",
		    strerror(errno));
	}
	if (out.len)
		fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	free(cr.dir);
	unit_free(u);
	return EXIT_CLEAN;
}

/* Lines of git's output, split at NUL (-z) into a list. */
static char **
split_z(char *s, size_t len, size_t *n)
{
	char **v = NULL;
	size_t i = 0;

	*n = 0;
	while (i < len) {
		v = xgrow(v, *n, sizeof(*v));
		v[(*n)++] = s + i;
		i += strlen(s + i) + 1;
	}
	return v;
}

static int
has_document(const struct unit *u)
{
	const struct ast_node *n, *root = unit_ast(u);

	for (n = root ? root->first : NULL; n; n = n->next)
		if (n->type == AST_STMT && strcmp(n->keyword, "document") == 0)
			return 1;
	return 0;
}

static int
listed(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* Whether a version read one of the changed files. */
static int
touched(const struct version *v, char *const *changed, size_t n)
{
	size_t i;

	if (v->u == NULL)
		return 0;
	for (i = 0; i < unit_nfiles(v->u); i++)
		if (listed(changed, n, unit_file(v->u, i)->name))
			return 1;
	return 0;
}

/*
 * afc diff --git [REV1 [REV2]] [-- PATH...]: every zone whose source or
 * includes changed between REV1 (HEAD) and REV2 (the work tree).
 */
static int
git_mode(const struct cli *c, struct dopts *o, char **revs, int nrevs,
    char **paths, int npaths)
{
	const char **argv = xcalloc((size_t)npaths + 10, sizeof(*argv));
	const char *r1 = nrevs > 0 ? revs[0] : "HEAD";
	const char *r2 = nrevs > 1 ? revs[1] : NULL;
	char *names, *all, *top, **changed, **zones;
	size_t len, alen, tlen, nchanged, nzones, i;
	struct buf out = {0};
	int st = EXIT_CLEAN, gst, k = 0, s, first = 1;

	argv[0] = "git";
	argv[1] = "rev-parse";
	argv[2] = "--show-toplevel";
	argv[3] = NULL;
	top = git_run(argv, &tlen, &gst, 1);
	if (top == NULL || gst != 0 || tlen == 0) {
		diag_sys(c->dg, M_E_GIT, "rev-parse");
		free(top);
		free(argv);
		return EXIT_SYSTEM;
	}
	argv[k++] = "git";
	argv[k++] = "diff";
	argv[k++] = "--name-only";
	argv[k++] = "-z";
	argv[k++] = r1;
	if (r2)
		argv[k++] = r2;
	argv[k++] = "--";
	for (i = 0; i < (size_t)npaths; i++)
		argv[k++] = paths[i];
	names = git_run(argv, &len, &gst, 0);
	if (names == NULL || gst != 0) {
		diag_sys(c->dg, M_E_GIT, "diff");
		free(names);
		free(argv);
		return EXIT_SYSTEM;
	}
	/* from here on, paths are relative to the top of the work tree */
	top[tlen - 1] = '\0';
	if (chdir(top) != 0)
		gst = 1;
	free(top);
	argv[0] = "git";
	k = 1;
	if (r2) {
		argv[k++] = "ls-tree";
		argv[k++] = "-r";
		argv[k++] = "-z";
		argv[k++] = "--name-only";
		argv[k++] = r2;
	} else {
		argv[k++] = "ls-files";
		argv[k++] = "-z";
	}
	argv[k] = NULL;
	all = gst == 0 ? git_run(argv, &alen, &gst, 0) : NULL;
	if (all == NULL || gst != 0) {
		diag_sys(c->dg, M_E_GIT, r2 ? "ls-tree" : "ls-files");
		free(all);
		free(names);
		free(argv);
		return EXIT_SYSTEM;
	}
	changed = split_z(names, len, &nchanged);
	zones = split_z(all, alen, &nzones);
	if (strcmp(o->to, "json") == 0)
		buf_puts(&out, "[");
	for (i = 0; i < nzones + nchanged; i++) {
		const char *p = i < nzones ? zones[i] : changed[i - nzones];
		size_t n = strlen(p);
		struct version a, b;
		struct buf one = {0};

		if (n < 5 || strcmp(p + n - 4, ".afs") != 0)
			continue;
		/* a removed zone: changed but not in the new files */
		if (i >= nzones && listed(zones, nzones, p))
			continue;
		version_at(&a, r1, p);
		version_at(&b, r2, p);
		version_compile(c, &a, NULL);
		version_compile(c, &b, NULL);
		if ((!has_document(a.u) && !has_document(b.u)) ||
		    (!touched(&a, changed, nchanged) &&
		    !touched(&b, changed, nchanged))) {
			version_free(&a);
			version_free(&b);
			continue;
		}
		if (unit_status(a.u) == UNIT_UNREADABLE ||
		    unit_status(b.u) == UNIT_UNREADABLE) {
			if (strcmp(o->to, "json") == 0) {
				buf_puts(&out, first ? "\n{\"old\": " :
				    ",\n{\"old\": ");
				diff_json_string(&out, a.name);
				buf_puts(&out, ", \"new\": ");
				diff_json_string(&out, b.name);
				buf_printf(&out, ", \"%s\": true}",
				    unit_status(a.u) == UNIT_UNREADABLE ?
				    "added" : "removed");
			}
			else
				buf_printf(&out, "%s%s zone %s\n",
				    first ? "" : "\n",
				    unit_status(a.u) == UNIT_UNREADABLE ?
				    "new" : "removed", p);
			first = 0;
			st = cli_worse(st, EXIT_CHANGES);
			version_free(&a);
			version_free(&b);
			continue;
		}
		unit_free(a.u);
		unit_free(b.u);
		a.u = b.u = NULL;
		s = compare(c, o, &a, &b, &one);
		st = cli_worse(st, s);
		if (one.len && strcmp(o->to, "json") == 0)
			buf_printf(&out, "%s\n", first ? "" : ",");
		else if (one.len && !first)
			buf_putc(&out, '\n');
		if (one.len) {
			buf_add(&out, one.data, one.len);
			first = 0;
			if (strcmp(o->to, "json") == 0 &&
			    out.data[out.len - 1] == '\n')
				out.data[--out.len] = '\0';
		}
		buf_free(&one);
		version_free(&a);
		version_free(&b);
	}
	if (strcmp(o->to, "json") == 0)
		buf_puts(&out, "\n]\n");
	if (st != EXIT_SYSTEM && emit(c, o, &out) != 0)
		st = EXIT_SYSTEM;
	buf_free(&out);
	free(changed);
	free(zones);
	free(names);
	free(all);
	free(argv);
	return st;
}

int
cmd_diff(int argc, char **argv, const struct cli *c)
{
	struct dopts o = {"text", NULL, 0, 0, 0, 0};
	const char *to = NULL, *out_path = NULL;
	int conv = 0, git = 0, nfiles, help = 0, st, dashes = argc, i;
	const struct cli_opt opts[] = {
		{"--to", &to, NULL},
		{"-o", &out_path, NULL},
		{"--all", NULL, &o.all},
		{"--quiet", NULL, &o.quiet},
		{"--stat", NULL, &o.stat},
		{"--textconv", NULL, &conv},
		{"--git", NULL, &git},
		{NULL, NULL, NULL},
	};
	struct version a, b;
	struct buf out = {0};
	char **files;

	/* with --git, the words after "--" are paths */
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			dashes = i;
			break;
		}
	for (i = 0; i < dashes; i++)
		if (strcmp(argv[i], "--git") == 0)
			break;
	if (i == dashes)
		dashes = argc;
	if ((st = cli_options(dashes, argv, opts, &files, &nfiles, &help)) != 0)
		return st;
	if (help) {
		free(files);
		return cli_usage(NULL);
	}
	if (to)
		o.to = to;
	o.out = out_path;
	if (strcmp(o.to, "text") != 0 && strcmp(o.to, "json") != 0 &&
	    strcmp(o.to, "md") != 0 && strcmp(o.to, "html") != 0 &&
	    strcmp(o.to, "pdf") != 0)
		st = cli_usage("diff --to takes text, json, md, html or pdf");
	else if (is_redline(&o) && git)
		st = cli_usage("diff --git writes text or json");
	else if (is_redline(&o) && o.stat)
		st = cli_usage("diff --stat writes text");
	else if (conv && (nfiles != 1 || git))
		st = cli_usage("diff --textconv takes one FILE");
	else if (git && nfiles > 2)
		st = cli_usage("diff --git takes at most two revisions");
	else if (!conv && !git && nfiles != 2)
		st = cli_usage("diff needs two versions: OLD NEW");
	if (st != EXIT_CLEAN) {
		free(files);
		return st;
	}
	o.color = o.out == NULL && strcmp(o.to, "text") == 0 &&
	    isatty(1) && getenv("NO_COLOR") == NULL;
	if (conv) {
		st = textconv(c, files[0]);
	} else if (git) {
		st = git_mode(c, &o, files, nfiles, argv + dashes +
		    (dashes < argc), argc - dashes - (dashes < argc));
	} else {
		version_init(&a, files[0]);
		version_init(&b, files[1]);
		st = compare(c, &o, &a, &b, &out);
		if (st != EXIT_SYSTEM && !(st == EXIT_NO_COMPILE &&
		    is_redline(&o)) && emit(c, &o, &out) != 0)
			st = EXIT_SYSTEM;
		version_free(&a);
		version_free(&b);
	}
	buf_free(&out);
	free(files);
	return st;
}
