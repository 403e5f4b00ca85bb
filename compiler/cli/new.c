/* new.c - afc new: the skeleton of a zone's source for the current form.
 *
 * The skeleton is made from the form's syntax tree, not from a copy:
 * every part, section and question of the form file is there, under
 * its title and questions as comments, with a text or an answer that
 * says TODO. Such a text is a warning (sema/todo.c), so the skeleton
 * checks and renders while the author fills it in. */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"
#include "cli/cli.h"
#include "front/ast.h"
#include "front/print.h"
#include "sema/todo.h"

/* Comments are wrapped to this many characters a line. */
#define WRAP 72

static const char todo_text[] = TODO_MARK ": de tekst van de zone.";
static const char todo_answer[] = TODO_MARK ": het antwoord van de zone.";

/* The value of the first statement keyword under n, or NULL. */
static const struct ast_node *
child(const struct ast_node *n, const char *keyword)
{
	const struct ast_node *k;

	for (k = n->first; k; k = k->next)
		if (k->type == AST_STMT && strcmp(k->keyword, keyword) == 0)
			return k;
	return NULL;
}

static int
is(const struct ast_node *n, const char *keyword)
{
	return n->type == AST_STMT && strcmp(n->keyword, keyword) == 0 &&
	    n->nvals >= 1 && n->vals[0].type == VAL_WORD;
}

static int
optional(const struct ast_node *n)
{
	size_t i;

	for (i = 1; i < n->nvals; i++)
		if (n->vals[i].type == VAL_WORD &&
		    strcmp(n->vals[i].s, "optional") == 0)
			return 1;
	return 0;
}

/* The title of a part or section of the form (its second value). */
static const char *
title(const struct ast_node *n)
{
	return n->nvals >= 2 && n->vals[1].type != VAL_WORD ? n->vals[1].s : "";
}

static void
indent(struct buf *b, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

/* Characters in s[0..n) (UTF-8). */
static size_t
width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/*
 * Writes text as comment lines at depth, its words wrapped to WRAP
 * characters; first starts the first line ("- " for a question), the
 * lines after it are indented as far.
 */
static void
comment(struct buf *b, int depth, const char *first, const char *text)
{
	size_t lead = (size_t)depth * 2 + 2 + strlen(first), col = 0, n;
	const char *s = text, *e;

	indent(b, depth);
	buf_printf(b, "# %s", first);
	col = lead;
	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e && *e != ' ' && *e != '\n'; e++)
			;
		n = width(s, (size_t)(e - s));
		if (col > lead && col + 1 + n > WRAP) {
			buf_putc(b, '\n');
			indent(b, depth);
			buf_printf(b, "# %*s", (int)strlen(first), "");
			col = lead;
		}
		if (col > lead)
			buf_putc(b, ' '), col++;
		buf_add(b, s, (size_t)(e - s));
		col += n;
		s = e;
	}
	buf_putc(b, '\n');
}

/* A text block at depth holding line. */
static void
text_block(struct buf *b, int depth, const char *keyword, const char *name,
    const char *line)
{
	indent(b, depth);
	buf_printf(b, "%s%s%s \"\"\"\n", keyword, name ? " " : "",
	    name ? name : "");
	indent(b, depth + 1);
	buf_printf(b, "%s\n", line);
	indent(b, depth + 1);
	buf_puts(b, "\"\"\"\n");
}

/* The questions of a form's part or section as comments. */
static void
questions(struct buf *b, int depth, const struct ast_node *n)
{
	const struct ast_node *q;

	for (q = n->first; q; q = q->next)
		if (is(q, "question") && q->nvals >= 2)
			comment(b, depth, optional(q) ? "- (optional) " : "- ",
			    q->vals[1].s);
}

/* The answers to the questions of a form's part or section. */
static void
answers(struct buf *b, int depth, const struct ast_node *n)
{
	const struct ast_node *q;
	int k = 0;

	for (q = n->first; q; q = q->next) {
		if (!is(q, "question"))
			continue;
		if (k++)
			buf_putc(b, '\n');
		if (q->nvals >= 2)
			comment(b, depth, optional(q) ? "(optional) " : "",
			    q->vals[1].s);
		text_block(b, depth, "answer", q->vals[0].s, todo_answer);
	}
}

/* A part or section of the form, in the zone's layout. */
static void
block(struct buf *b, int depth, const struct ast_node *n, int by_questions)
{
	const struct ast_node *s;
	int has_sections = 0, k = 0;

	indent(b, depth);
	buf_printf(b, "%s %s {\n", n->keyword, n->vals[0].s);
	if (*title(n))
		comment(b, depth + 1, optional(n) ?
		    "(optional: remove it if the zone has nothing to say) " :
		    "", title(n));
	for (s = n->first; s; s = s->next)
		if (is(s, "section")) {
			if (k++)
				buf_putc(b, '\n');
			block(b, depth + 1, s, by_questions);
			has_sections = 1;
		}
	if (by_questions) {
		if (has_sections && child(n, "question"))
			buf_putc(b, '\n');
		answers(b, depth + 1, n);
	} else if (!has_sections || child(n, "question")) {
		if (has_sections)
			buf_putc(b, '\n');
		questions(b, depth + 1, n);
		text_block(b, depth + 1, "text", NULL, todo_text);
	}
	indent(b, depth);
	buf_puts(b, "}\n");
}

/* The form statement of a form file's tree, or NULL. */
static const struct ast_node *
find_form(const struct ast_node *root)
{
	const struct ast_node *n;

	for (n = root->first; n; n = n->next)
		if (is(n, "form") && n->has_block)
			return n;
	return NULL;
}

/* The skeleton of a zone for the form (included as include). */
static void
skeleton(struct buf *b, const struct ast_node *form, const char *include,
    const char *zone, int by_questions)
{
	const char *layout = by_questions ? "questions" : "sections";
	const struct ast_node *p;

	buf_puts(b, "# ");
	buf_puts(b, zone);
	buf_puts(b, ": the afsprakenkader of the zone, written by afc new\n");
	buf_printf(b, "# in the %s layout of the form %s.\n", layout,
	    form->vals[0].s);
	buf_puts(b, "# Replace every " TODO_MARK " with the zone's own text; "
	    "'afc check' names the\n# ones left. The form's questions are "
	    "the comments above each text.\n");
	buf_printf(b, "include \"%s\"\n\n", include);
	buf_printf(b, "document {\n  form    %s\n  layout  %s\n  zone    ",
	    form->vals[0].s, layout);
	ast_print_quoted(b, zone);
	buf_puts(b, "\n  council zorgraad\n  status  draft\n}\n\n");
	buf_puts(b, "council zorgraad \"" TODO_MARK ": de naam van de "
	    "zorgraad\" {\n  called \"de zorgraad\"\n}\n\n");
	buf_puts(b,
	    "# The municipalities of the zone, each with its responsible\n"
	    "# official, as in this example; 'contacts' in a text lists them:\n"
	    "#\n"
	    "#   municipality asse \"Asse\"\n"
	    "#   person sooi \"Sooi De Maeyer\" {\n"
	    "#     of       asse\n"
	    "#     function \"Diensthoofd Welzijn\"\n"
	    "#     role     responsible\n"
	    "#   }\n");
	for (p = form->first; p; p = p->next)
		if (is(p, "part")) {
			buf_putc(b, '\n');
			block(b, 0, p, by_questions);
		}
}

/* The newest edition of the form: the last templates/forms/ file. */
static char *
newest_form(const struct cli *c)
{
	struct buf pat = {0};
	char *path = NULL;
	glob_t g;

	buf_printf(&pat, "%s/forms/*.afs", c->include_dir);
	if (glob(pat.data, 0, NULL, &g) == 0) {
		if (g.gl_pathc > 0)
			path = xstrdup(g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
	}
	buf_free(&pat);
	return path;
}

int
cmd_new(int argc, char **argv, const struct cli *c)
{
	const char *layout = NULL, *zone = NULL, *s;
	const struct cli_opt opts[] = {
		{"--layout", &layout, NULL},
		{"--zone", &zone, NULL},
		{NULL, NULL, NULL},
	};
	const struct ast_node *form;
	struct ast_node *root = NULL;
	struct ast_options o;
	struct buf out = {0}, inc = {0};
	struct diags dg;
	char **files, *path = NULL;
	int n, help = 0, st, by_questions = 0;
	size_t k;

	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	if (help)
		st = cli_usage(NULL);
	else if (n != 1)
		st = cli_usage("new needs exactly one FILE");
	else if (zone == NULL || *zone == '\0')
		st = cli_usage("new needs --zone \"NAME\"");
	else if (layout && strcmp(layout, "sections") != 0 &&
	    !(by_questions = strcmp(layout, "questions") == 0))
		st = cli_usage("--layout is sections or questions");
	if (st == EXIT_CLEAN && !help) {
		for (s = zone; *s; s += k)
			if ((unsigned char)*s < 0x20 || *s == 0x7f ||
			    (k = utf8_valid_len((const unsigned char *)s,
			    strlen(s))) == 0)
				break;
		if (*s)
			st = cli_usage("the --zone name must be one line of text");
		else if (access(files[0], F_OK) == 0) {
			fprintf(stderr, "afc: error: '%s' already exists; "
			    "afc new does not overwrite a file\n", files[0]);
			st = EXIT_USAGE;
		}
	}
	if (st != EXIT_CLEAN || help) {
		free(files);
		return st;
	}
	diags_init(&dg, stderr, 100);
	if ((path = newest_form(c)) == NULL) {
		diag_sys(c->dg, M_E_READ, c->include_dir, "no form in forms/");
		st = EXIT_SYSTEM;
		goto done;
	}
	memset(&o, 0, sizeof(o));
	o.dg = &dg;
	o.include_dir = c->include_dir;
	if ((root = ast_parse_file(&o, path)) == NULL) {
		diag_sys(c->dg, M_E_READ, path, file_strerror(errno));
		st = EXIT_SYSTEM;
		goto done;
	}
	if (diag_worst(&dg) == DIAG_ERROR || (form = find_form(root)) == NULL) {
		diag_sys(c->dg, M_E_READ, path, "it holds no valid form");
		st = EXIT_SYSTEM;
		goto done;
	}
	buf_printf(&inc, "forms/%s", strrchr(path, '/') + 1);
	skeleton(&out, form, inc.data, zone, by_questions);
	if (cli_write_atomic(c, files[0], out.data, out.len) != 0)
		st = EXIT_SYSTEM;
done:
	ast_free(root);
	diags_free(&dg);
	buf_free(&out);
	buf_free(&inc);
	free(path);
	free(files);
	return st;
}
