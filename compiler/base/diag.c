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

/* A file with the offsets of its line starts, so that span_at finds a
 * line by binary search instead of counting from the start of the file
 * for every message. Every srcfile is one, made by src_add. */
struct file {
	struct srcfile f;	/* first: a srcfile pointer is a file's */
	size_t *lines;		/* lines[i]: offset of line i + 1 */
	size_t nlines;
};

void
diags_free(struct diags *dg)
{
	size_t i;

	for (i = 0; i < dg->nfiles; i++) {
		struct file *f = (struct file *)dg->files[i];

		free(f->f.name);
		free(f->f.text);
		free(f->lines);
		free(f);
	}
	free(dg->files);
	dg->files = NULL;
	dg->nfiles = 0;
	dg->colcache.f = NULL;
}

const struct srcfile *
src_add(struct diags *dg, const char *name, char *text, size_t len)
{
	struct file *f = xcalloc(1, sizeof(*f));
	const char *p = text, *nl;

	f->f.name = xstrdup(name);
	f->f.text = text;
	f->f.len = len;
	f->f.dg = dg;
	f->lines = xgrow(NULL, 0, sizeof(*f->lines));
	f->lines[f->nlines++] = 0;
	while ((nl = memchr(p, '\n', len - (size_t)(p - text))) != NULL) {
		p = nl + 1;
		f->lines = xgrow(f->lines, f->nlines, sizeof(*f->lines));
		f->lines[f->nlines++] = (size_t)(p - text);
	}
	dg->files = xgrow(dg->files, dg->nfiles, sizeof(*dg->files));
	dg->files[dg->nfiles++] = &f->f;
	return &f->f;
}

/* The line by binary search; the column counted from the line start,
 * or on from the last span_at's when it is further along the same line,
 * so that spans asked for in order along one long line cost the length
 * of the line once in all. */
struct span
span_at(const struct srcfile *sf, size_t off, size_t end)
{
	const struct file *f = (const struct file *)sf;
	struct span sp = {sf, off, end, 1, 1};
	size_t lo = 0, hi = f->nlines, mid, i, from, to;
	struct diags *dg = sf->dg;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (f->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	sp.line = (unsigned)(lo + 1);
	from = f->lines[lo];
	to = off < sf->len ? off : sf->len;
	if (dg && dg->colcache.f == sf && dg->colcache.bol == from &&
	    dg->colcache.off <= to) {
		from = dg->colcache.off;
		sp.col = dg->colcache.col;
	}
	for (i = from; i < to; i++)
		if (((unsigned char)sf->text[i] & 0xc0) != 0x80)
			sp.col++;
	if (dg) {
		dg->colcache.f = sf;
		dg->colcache.bol = f->lines[lo];
		dg->colcache.off = to;
		dg->colcache.col = sp.col;
	}
	return sp;
}

int
diag_dropping(const struct span *sp, enum diag_level level)
{
	const struct diags *dg = sp && sp->file ? sp->file->dg : NULL;

	if (dg == NULL)
		return 0;
	if (level == DIAG_NOTE)
		return dg->muted;
	return dg->max_errors && dg->counts[level] >= dg->max_errors;
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
	/* Errors and warnings past the limit are counted, not shown, and
	 * neither are the notes that follow them. */
	if (level != DIAG_NOTE && dg->max_errors &&
	    dg->counts[level] >= dg->max_errors) {
		if (!dg->limit_reported[level] && out)
			fprintf(out, "afc: note: too many %ss; stopping "
			    "after %u\n", level_names[level], dg->max_errors);
		dg->limit_reported[level] = 1;
		dg->counts[level]++;
		dg->muted = 1;
		return;
	}
	if (level != DIAG_NOTE)
		dg->muted = 0;
	else if (dg->muted)
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
