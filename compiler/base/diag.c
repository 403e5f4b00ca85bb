/* diag.c - the message catalogue and the one place that prints it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"

static const struct {
	enum diag_level level;
	const char *fmt;
} catalogue[M__COUNT] = {
	[M_NOTE_OPENED] = {DIAG_NOTE, "%s opened here"},
	[M_NOTE_PREVIOUS] = {DIAG_NOTE, "'%s' was first declared here"},
	[M_NOTE_DIDYOUMEAN] = {DIAG_NOTE, "did you mean '%s'?"},
	[M_NOTE_FREE] = {DIAG_NOTE, "%s"},
	[M_W_UNUSED] = {DIAG_WARNING, "%s '%s' is declared but never used"},
	[M_W_NO_INVITEES] = {DIAG_WARNING,
	    "municipality '%s' has no extra invitees; write 'invitees none' "
	    "if that is intended"},
	[M_W_RAW_HTML] = {DIAG_WARNING,
	    "HTML in the text is not allowed and is shown as plain text"},
	[M_W_EMPTY_TEXT] = {DIAG_WARNING, "this text is empty"},
	[M_W_INCLUDE_TWICE] = {DIAG_WARNING,
	    "'%s' is already included; this line has no effect"},
	[M_E_UTF8] = {DIAG_ERROR,
	    "this byte is not valid UTF-8; save the file as UTF-8"},
	[M_E_NUL] = {DIAG_ERROR, "the file contains a NUL byte"},
	[M_E_CR] = {DIAG_ERROR,
	    "carriage return (Windows line end); save the file with "
	    "Unix (LF) line ends"},
	[M_E_TAB] = {DIAG_ERROR, "tab character; use spaces instead"},
	[M_E_CHAR] = {DIAG_ERROR, "unexpected character '%s'"},
	[M_E_STRING_EOL] = {DIAG_ERROR,
	    "the text in quotes is not closed on this line; add a closing '\"'"},
	[M_E_TEXT_EOF] = {DIAG_ERROR,
	    "text block is not closed; end it with a line holding only '\"\"\"'"},
	[M_E_TEXT_OPEN] = {DIAG_ERROR,
	    "a text block starts on the line after '\"\"\"'; nothing may follow "
	    "the opening quotes"},
	[M_E_TEXT_INDENT] = {DIAG_ERROR,
	    "this line is indented less than the closing '\"\"\"' of its "
	    "text block"},
	[M_E_ESCAPE] = {DIAG_ERROR, "unknown escape '\\%s' in quotes; use '\\\"' or '\\\\'"},
	[M_E_TOO_LONG] = {DIAG_ERROR, "%s is too long (the limit is %zu bytes)"},
	[M_E_EXPECTED] = {DIAG_ERROR, "expected %s, found %s"},
	[M_E_UNCLOSED] = {DIAG_ERROR, "'{' is not closed; add a '}'"},
	[M_E_STRAY_CLOSE] = {DIAG_ERROR, "'}' without a matching '{'"},
	[M_E_TOO_DEEP] = {DIAG_ERROR, "blocks are nested too deeply (the limit is %d levels)"},
	[M_E_TEXT_TOO_DEEP] = {DIAG_ERROR, "lists, quotes or emphasis in this text are nested too deeply (the limit is %d levels)"},
	[M_E_EMPTY_FILE] = {DIAG_ERROR, "the file is empty; it must hold at least a 'document' block"},
	[M_E_INCLUDE] = {DIAG_ERROR, "cannot read included file '%s': %s"},
	[M_E_INCLUDE_LOOP] = {DIAG_ERROR, "'%s' includes itself"},
	[M_E_INCLUDE_DEPTH] = {DIAG_ERROR, "includes are nested too deeply (the limit is %d)"},
	[M_E_UNKNOWN_KEYWORD] = {DIAG_ERROR, "unknown keyword '%s' %s"},
	[M_E_NOT_HERE] = {DIAG_ERROR, "'%s' is not allowed %s"},
	[M_E_ARGS] = {DIAG_ERROR, "'%s' %s"},
	[M_E_DUPLICATE] = {DIAG_ERROR, "'%s' is declared twice"},
	[M_E_BUILTIN] = {DIAG_ERROR, "'%s' is a name afc already gives a meaning; choose another"},
	[M_E_UNKNOWN_REF] = {DIAG_ERROR, "unknown %s '%s'"},
	[M_E_WRONG_KIND] = {DIAG_ERROR, "'%s' is a %s, not a %s"},
	[M_E_MISSING] = {DIAG_ERROR, "%s is missing '%s'"},
	[M_E_REPEATED] = {DIAG_ERROR, "'%s' is given twice here"},
	[M_E_BAD_VALUE] = {DIAG_ERROR, "'%s' is not a valid %s; %s"},
	[M_E_BAD_YEARS] = {DIAG_ERROR,
	    "'%s' is not a year or year range; write 2026 or 2026-2027"},
	[M_E_YEARS_REVERSED] = {DIAG_ERROR,
	    "year range %s ends before it starts"},
	[M_E_YEARS_OVERLAP] = {DIAG_ERROR,
	    "%s does not come after %s above it; list the periods in "
	    "order, without overlap"},
	[M_E_YEARS_GAP] = {DIAG_ERROR,
	    "the theme schedule has no theme for %s"},
	[M_E_BAD_DURATION] = {DIAG_ERROR, "%s; write for example '1 month after council-approval'"},
	[M_E_BAD_FREQUENCY] = {DIAG_ERROR, "%s; write for example 'at-least 3 per year'"},
	[M_E_BAD_DATE] = {DIAG_ERROR, "'%s' is not a date; write YYYY-MM-DD"},
	[M_E_NO_RESPONSIBLE] = {DIAG_ERROR,
	    "municipality '%s' has no responsible official; add a person "
	    "with 'role responsible'"},
	[M_E_UNANSWERED] = {DIAG_ERROR, "the form's question '%s' is not answered; add 'answer %s' here"},
	[M_E_NO_SECTION] = {DIAG_ERROR, "the form's %s '%s' is missing; add it to the document"},
	[M_E_NOT_A_QUESTION] = {DIAG_ERROR, "the form has no question '%s' in %s '%s'"},
	[M_E_NOT_IN_FORM] = {DIAG_ERROR, "the form has no %s '%s'%s"},
	[M_E_NOT_ALLOWED_MD] = {DIAG_ERROR, "%s is not allowed in the text of an agreement%s"},
	[M_E_PLACEHOLDER] = {DIAG_ERROR, "%s"},
	[M_E_CODE_BLOCK] = {DIAG_ERROR,
	    "this text would show as program code (a line indented 4 spaces "
	    "more than the text around it, or a ``` fence); remove the "
	    "indentation or the fence"},
	[M_E_LINK_SCHEME] = {DIAG_ERROR,
	    "link '%s' is not allowed; only http:, https: and mailto: links are"},
	[M_E_TEMPLATE_READ] = {DIAG_ERROR, "cannot read the template '%s': %s"},
	[M_E_TEMPLATE_NAME] = {DIAG_ERROR,
	    "unknown placeholder '%.*s'; this template can use %s"},
	[M_E_TEMPLATE_STYLE] = {DIAG_ERROR,
	    "the stylesheet may not contain '</style', which would end the "
	    "page's style element"},
	[M_E_STYLE_READ] = {DIAG_ERROR, "cannot read stylesheet '%s': %s"},
	[M_E_STYLE_SYNTAX] = {DIAG_ERROR, "the stylesheet is not valid YAML: %s"},
	[M_E_STYLE_KEY] = {DIAG_ERROR, "unknown key '%s' in %s"},
	[M_E_STYLE_SHAPE] = {DIAG_ERROR, "'%s' must be %s"},
	[M_E_STYLE_VALUE] = {DIAG_ERROR, "'%s' is not a valid %s"},
	[M_E_FONT] = {DIAG_ERROR, "cannot load font '%s': %s"},
	[M_E_GLYPH] = {DIAG_ERROR,
	    "no font has a glyph for U+%04X ('%s'); the PDF cannot show it"},
	[M_E_PDF] = {DIAG_ERROR, "the PDF library failed: %s (error 0x%04X)"},
	[M_E_SYSTEM] = {DIAG_ERROR, "%s"},
};

static const char *level_names[] = {"note", "warning", "error"};

static FILE *stream;
static struct span last_shown;	/* the span whose line was shown last */
static int stream_set;
static unsigned counts[3];
static unsigned max_errors;
static int limit_reported;

static struct srcfile **files;
static size_t nfiles;

const struct srcfile *
src_add(const char *name, char *text, size_t len)
{
	struct srcfile *f = xcalloc(1, sizeof(*f));

	f->name = xstrdup(name);
	f->text = text;
	f->len = len;
	files = xgrow(files, nfiles, sizeof(*files));
	files[nfiles++] = f;
	return f;
}

void
src_free_all(void)
{
	size_t i;

	for (i = 0; i < nfiles; i++) {
		free(files[i]->name);
		free(files[i]->text);
		free(files[i]);
	}
	free(files);
	files = NULL;
	nfiles = 0;
}

struct span
span_at(const struct srcfile *f, size_t off, size_t end)
{
	struct span sp = {f, off, end, 1, 1};
	size_t i, bol = 0;

	for (i = 0; i < off && i < f->len; i++)
		if (f->text[i] == '\n') {
			sp.line++;
			bol = i + 1;
		}
	for (i = bol; i < off && i < f->len; i++)
		if (((unsigned char)f->text[i] & 0xc0) != 0x80)
			sp.col++;
	return sp;
}

void
diag_set_stream(void *s)
{
	stream = s;
	stream_set = 1;
}

void
diag_set_limit(unsigned n)
{
	max_errors = n;
}

int
diag_worst(void)
{
	int l;

	for (l = DIAG_ERROR; l >= DIAG_NOTE; l--)
		if (counts[l])
			return l;
	return -1;
}

unsigned
diag_count(enum diag_level level)
{
	return counts[level];
}

void
diag_reset(void)
{
	memset(counts, 0, sizeof(counts));
	limit_reported = 0;
}

/*
 * Prints the source line of sp with a run of carets under the span.
 * Long lines are cut to a window around the span; bytes that cannot be
 * shown (control characters, invalid UTF-8) print as '?'.
 */
static void
show_line(FILE *out, const struct span *sp)
{
	const struct srcfile *f = sp->file;
	const char *t = f->text;
	size_t bol, eol, i, from, to, col, ncaret;
	struct buf line = {0}, marks = {0};

	bol = sp->off > f->len ? f->len : sp->off;
	while (bol > 0 && t[bol - 1] != '\n')
		bol--;
	for (eol = bol; eol < f->len && t[eol] != '\n'; eol++)
		;
	from = bol;
	if (sp->off > bol + 60) {
		from = sp->off - 40;
		while (from > bol && ((unsigned char)t[from] & 0xc0) == 0x80)
			from--;
	}
	to = eol;
	if (to > from + 120)
		to = from + 120;
	col = 0;
	ncaret = 0;
	if (from > bol)
		buf_puts(&line, "...");
	for (i = from; i < to;) {
		const unsigned char *u = (const unsigned char *)t + i;
		size_t n = utf8_valid_len(u, to - i);
		int in = i >= sp->off && (i < sp->end || (i == sp->off));

		if (n == 0 || (n == 1 && (*u < 0x20 || *u == 0x7f))) {
			buf_putc(&line, *u == '\t' ? ' ' : '?');
			n = 1;
		} else {
			buf_add(&line, (const char *)u, n);
		}
		if (i < sp->off)
			col++;
		else if (in)
			ncaret++;
		i += n;
	}
	if (to < eol)
		buf_puts(&line, "...");
	if (from > bol)
		col += 3;
	for (i = 0; i < col; i++)
		buf_putc(&marks, ' ');
	if (ncaret == 0)
		ncaret = 1;
	for (i = 0; i < ncaret; i++)
		buf_putc(&marks, '^');
	fprintf(out, " %s\n %s\n", line.data ? line.data : "", marks.data);
	buf_free(&line);
	buf_free(&marks);
}

void
diag(const struct span *sp, enum msg m, ...)
{
	enum diag_level level = catalogue[m].level;
	FILE *out = stream_set ? stream : stderr;
	va_list ap;

	if (level == DIAG_ERROR && max_errors && counts[DIAG_ERROR] >= max_errors) {
		if (!limit_reported && out)
			fprintf(out, "afc: note: too many errors; stopping "
			    "after %u\n", max_errors);
		limit_reported = 1;
		counts[DIAG_ERROR]++;
		return;
	}
	if (limit_reported && level == DIAG_NOTE)
		return;
	counts[level]++;
	if (out == NULL)
		return;
	if (sp && sp->file)
		fprintf(out, "%s:%u:%u: ", sp->file->name, sp->line, sp->col);
	else
		fputs("afc: ", out);
	fprintf(out, "%s: ", level_names[level]);
	va_start(ap, m);
	/* The formats are the catalogue's literals above. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vfprintf(out, catalogue[m].fmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	fputc('\n', out);
	/* A note on the span just shown does not show the line again. */
	if (sp && sp->file && !(level == DIAG_NOTE &&
	    last_shown.file == sp->file && last_shown.off == sp->off))
		show_line(out, sp);
	if (sp)
		last_shown = *sp;
}
