/* diag.c - the message catalogue and the one place that prints it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"

static const char *level_names[] = {"note", "warning", "error"};

void
diags_init(struct diags *dg, FILE *stream, unsigned max_errors)
{
	memset(dg, 0, sizeof(*dg));
	dg->stream = stream;
	dg->max_errors = max_errors;
}

void
diags_free(struct diags *dg)
{
	size_t i;

	for (i = 0; i < dg->nfiles; i++) {
		free(dg->files[i]->name);
		free(dg->files[i]->text);
		free(dg->files[i]);
	}
	free(dg->files);
	dg->files = NULL;
	dg->nfiles = 0;
}

const struct srcfile *
src_add(struct diags *dg, const char *name, char *text, size_t len)
{
	struct srcfile *f = xcalloc(1, sizeof(*f));

	f->name = xstrdup(name);
	f->text = text;
	f->len = len;
	f->dg = dg;
	dg->files = xgrow(dg->files, dg->nfiles, sizeof(*dg->files));
	dg->files[dg->nfiles++] = f;
	return f;
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

int
diag_worst(const struct diags *dg)
{
	int l;

	for (l = DIAG_ERROR; l >= DIAG_NOTE; l--)
		if (dg->counts[l])
			return l;
	return -1;
}

unsigned
diag_count(const struct diags *dg, enum diag_level level)
{
	return dg->counts[level];
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
diag_report(struct diags *dg, const struct span *sp, enum diag_level level,
    const char *fmt, ...)
{
	va_list ap;
	FILE *out;

	if (sp && sp->file)
		dg = sp->file->dg;
	if (dg == NULL)
		return;
	out = dg->stream;
	if (level == DIAG_ERROR && dg->max_errors &&
	    dg->counts[DIAG_ERROR] >= dg->max_errors) {
		if (!dg->limit_reported && out)
			fprintf(out, "afc: note: too many errors; stopping "
			    "after %u\n", dg->max_errors);
		dg->limit_reported = 1;
		dg->counts[DIAG_ERROR]++;
		return;
	}
	if (dg->limit_reported && level == DIAG_NOTE)
		return;
	dg->counts[level]++;
	if (out == NULL)
		return;
	if (sp && sp->file)
		fprintf(out, "%s%s:%u:%u: ", dg->label ? dg->label : "",
		    sp->file->name, sp->line, sp->col);
	else
		fputs("afc: ", out);
	fprintf(out, "%s: ", level_names[level]);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
	/* A note on the span just shown does not show the line again. */
	if (sp && sp->file && !(level == DIAG_NOTE &&
	    dg->last_shown.file == sp->file && dg->last_shown.off == sp->off))
		show_line(out, sp);
	if (sp)
		dg->last_shown = *sp;
}
