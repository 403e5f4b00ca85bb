/* main.c - the afc command line: finds the data directory and hands
 * the arguments to the command named first. */
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
#include "cli/cli.h"
#include "front/ast.h"

static const char usage_text[] =
"usage: afc check FILE...\n"
"       afc build [-j N] [--force] [--fail-fast] [--quiet] [-M]\n"
"                 [--layout tree] [--to FORMATS] [-o DIR] PATH...\n"
"       afc render --to FORMAT FILE\n"
"       afc deadlines [--to FORMAT] [-o FILE] PATH...\n"
"       afc dump FILE\n"
"       afc new [--layout sections|questions] --zone NAME FILE\n"
"       afc fmt [-w | --check] FILE...\n"
"       afc keywords [--markdown]\n"
"       afc diff [--to FORMAT] [-o FILE] [--all] [--quiet] [--stat] OLD NEW\n"
"       afc diff --git [REV1 [REV2]] [-- PATH...]\n"
"       afc diff --textconv FILE\n"
"       afc log REV1..REV2 PATH\n"
"       afc --help | --version\n"
"\n"
"Compiles afsprakenkader sources (.afs) into documents.\n"
"\n"
"commands:\n"
"  check    check the sources and report every problem; write nothing\n"
"  build    write one output per format and zone, named after the\n"
"           source (amalo.afs gives amalo.md, amalo.html, amalo.pdf);\n"
"           a PATH may be a folder: its .afs files with a document\n"
"           block; only zones whose files changed are built again;\n"
"           with html among the formats, index.html and index.json\n"
"           list every zone built into DIR\n"
"  render   write one format of one source to standard output\n"
"  deadlines  every deadline of every zone given (a PATH may be a\n"
"           folder, as for build), sorted by date, undated ones last\n"
"           by the event they wait for: when, zone, from whom to whom,\n"
"           how, the source line and what; --to text (a table, the\n"
"           default), md, html, csv or json; a zone that does not\n"
"           compile is left out with its messages, and exit status 1\n"
"  dump     print the syntax tree of a source, for tests and debugging\n"
"  new      write FILE, the skeleton of a zone for the newest form:\n"
"           every part, section and question, each text a TODO that\n"
"           check reports as a warning until it is written; the layout\n"
"           is sections unless --layout says questions\n"
"  fmt      print the sources in their canonical form (two-space\n"
"           indentation, values aligned, the author's line breaks in\n"
"           texts and every comment kept); -w rewrites the files in\n"
"           place, --check lists those not in that form and exits 1\n"
"  keywords print the language's keywords: name, where each may stand\n"
"           and its values, one a line separated by tabs (for editor\n"
"           grammars), or as a Markdown table with --markdown\n"
"  diff     what changed in meaning between two versions of a zone: a\n"
"           change list (--to text or json), or a redline (--to md,\n"
"           html or pdf): the new document, a box listing the changes,\n"
"           deleted words struck through, inserted ones underlined, a\n"
"           bar beside each changed block; OLD and NEW\n"
"           are files or REV:PATH read from git, includes from the same\n"
"           revision; --git compares every zone changed between two\n"
"           revisions (HEAD and the work tree by default); --textconv\n"
"           prints a zone's text for git (docs/diff.md)\n"
"  log      per commit of a range, what it changed in a zone\n"
"\n"
"options:\n"
"  --to FORMATS   comma-separated list of md, html, pdf, ics (the\n"
"                 zone's dated deadlines as an iCalendar file) and json\n"
"                 (the zone as data, docs/zone.schema.json) (build:\n"
"                 md, html and pdf); diff: text, json, md, html or pdf\n"
"  -o FILE        output file for diff and deadlines (default:\n"
"                 standard output)\n"
"  --all          diff: show echoes in full\n"
"  --quiet        diff: print nothing; only the exit status tells\n"
"  --stat         diff: the number of changes per group only\n"
"  --layout L     new: sections (the default) or questions\n"
"  --zone NAME    new: the name of the zone\n"
"  -o DIR         output directory for build (default: the current one;\n"
"                 made when missing)\n"
"  --help         show this text\n"
"  --version      show the version\n"
"\n"
"build options:\n"
"  -j N           build N zones at a time (default: the processors)\n"
"  --force        build every zone, even those up to date\n"
"  --keep-going   build every zone that checks (the default)\n"
"  --fail-fast    start no zone after one has failed\n"
"  -q, --quiet    no progress line and no summary\n"
"  -M, --deps FILE  make-style dependency lines, on standard output\n"
"                 or into FILE\n"
"  --layout tree  mirror the folders given under DIR (default: flat)\n"
"\n"
"standard input:\n"
"  -              as the FILE of check, render, dump or fmt (also\n"
"                 /dev/stdin): the source read from standard input,\n"
"                 up to 64 MB, named <stdin> in messages; its includes\n"
"                 are files found from the current directory\n"
"\n"
"environment:\n"
"  AFC_DATADIR    where templates/ and fonts/ are (default: next to the\n"
"                 afc binary when it runs from its source tree, else\n"
"                 ../share/afc from its directory, else\n"
"                 " AFC_DATADIR ")\n"
"  SOURCE_DATE_EPOCH  the PDF creation date when the source gives no date\n"
"\n"
"exit status: 0 no errors (warnings allowed), 1 errors in the sources,\n"
"2 wrong usage, 3 a system error (unreadable file, unwritable output);\n"
"build: 130, 143 or 129 when interrupted by SIGINT, SIGTERM or SIGHUP;\n"
"diff: 0 no change in meaning, 1 changes, 4 a version does not compile\n"
"(then a plain diff of the sources is shown).\n";

int
cli_usage(const char *msg)
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

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct cli *c);
} commands[] = {
	{"check", cmd_check},
	{"dump", cmd_dump},
	{"render", cmd_render},
	{"build", cmd_build},
	{"keywords", cmd_keywords},
	{"new", cmd_new},
	{"fmt", cmd_fmt},
	{"diff", cmd_diff},
	{"log", cmd_log},
	{"deadlines", cmd_deadlines},
};

/*
 * Standard output holds what render, dump, --help and --version write:
 * a write that failed (a full disk, a closed descriptor) is a system
 * error, never exit 0 with nothing written. Returns st, or EXIT_SYSTEM
 * after a message.
 */
static int
close_stdout(int st)
{
	int failed = ferror(stdout), e = errno;
	struct diags dg;

	errno = 0;
	if (fflush(stdout) != 0) {
		failed = 1;
		e = errno;
	}
	/* Closing a descriptor that was closed is no error when nothing
	 * was to be written to it (afc check >&-). */
	if (fclose(stdout) != 0 && errno != EBADF) {
		failed = 1;
		e = errno;
	}
	if (!failed)
		return st;
	diags_init(&dg, stderr, 0);
	diag_sys(&dg, M_E_STDOUT, strerror(e ? e : EIO));
	diags_free(&dg);
	return EXIT_SYSTEM;
}

static int
run(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct buf inc = {0};
	struct diags dg;
	struct cli c;
	size_t i;
	int st;

	if (argc < 2)
		return cli_usage("no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_usage(NULL);
	if (strcmp(argv[1], "--version") == 0) {
		printf("afc %s\n", AFC_VERSION);
		return EXIT_CLEAN;
	}
	for (i = 0; i < NELEM(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		fprintf(stderr, "afc: error: unknown command '%s'\n", argv[1]);
		return cli_usage("");
	}
	diags_init(&dg, stderr, 0);
	c.dg = &dg;
	c.ctx.datadir = find_datadir();
	buf_printf(&inc, "%s/templates", c.ctx.datadir);
	c.include_dir = inc.data;
	st = cmd->run(argc - 2, argv + 2, &c);
	buf_free(&inc);
	free((char *)c.ctx.datadir);
	diags_free(&dg);
	return st;
}

int
main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
