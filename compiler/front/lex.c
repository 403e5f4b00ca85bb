/* lex.c - turns the bytes of a source file into tokens.
 *
 * Encoding problems (invalid UTF-8, NUL, CR, tabs) are reported here, once
 * per kind and file for the repetitive ones, and the offending byte is
 * skipped so that the parser still sees a sensible token stream. */
#include <stdio.h>
#include <string.h>

#include "front/lex.h"

static const char *tok_names[] = {
	[T_EOF] = "the end of the file",
	[T_NEWLINE] = "the end of the line",
	[T_WORD] = "a word",
	[T_STRING] = "a text in quotes",
	[T_TEXT] = "a text block",
	[T_LBRACE] = "'{'",
	[T_RBRACE] = "'}'",
	[T_COMMENT] = "a comment",
};

const char *
tok_name(enum tok t)
{
	return tok_names[t];
}

void
lex_init(struct lexer *lx, const struct srcfile *f)
{
	memset(lx, 0, sizeof(*lx));
	lx->file = f;
	lx->p = f->text;
	lx->end = f->text + f->len;
	lx->line = 1;
	lx->bol = f->text;
}

static struct span
here(struct lexer *lx, const char *from, const char *to)
{
	struct span sp;
	const char *q;

	sp.file = lx->file;
	sp.off = (size_t)(from - lx->file->text);
	sp.end = (size_t)(to - lx->file->text);
	sp.line = lx->line;
	/* Columns are counted incrementally: tokens arrive in order, so a
	 * long line is scanned once, not once per token. */
	if (lx->cpos < lx->bol || lx->cpos > from) {
		lx->cpos = lx->bol;
		lx->ccol = 1;
	}
	for (q = lx->cpos; q < from; q++)
		if (((unsigned char)*q & 0xc0) != 0x80)
			lx->ccol++;
	lx->cpos = from;
	sp.col = lx->ccol;
	return sp;
}

static void
newline(struct lexer *lx, const char *after)
{
	lx->line++;
	lx->bol = after;
}

/*
 * Checks the character at p; reports what is wrong with it and returns
 * its length, or 0 after reporting when it must be skipped as a byte.
 */
static size_t
check_char(struct lexer *lx, const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	struct span sp;
	size_t n;

	if (*u == '\0' && p < lx->end) {
		if (!lx->seen_nul++) {
			sp = here(lx, p, p + 1);
			diag(&sp, M_E_NUL);
		}
		return 0;
	}
	if (*u == '\r') {
		if (!lx->seen_cr++) {
			sp = here(lx, p, p + 1);
			diag(&sp, M_E_CR);
		}
		return 0;
	}
	if (*u == '\t') {
		if (!lx->seen_tab++) {
			sp = here(lx, p, p + 1);
			diag(&sp, M_E_TAB);
		}
		return 0;
	}
	if ((*u < 0x20 && *u != '\n') || *u == 0x7f) {
		char name[16];

		snprintf(name, sizeof(name), "U+%04X", *u);
		sp = here(lx, p, p + 1);
		diag(&sp, M_E_CHAR, name);
		return 0;
	}
	n = utf8_valid_len(u, (size_t)(lx->end - p));
	if (n == 0) {
		sp = here(lx, p, p + 1);
		diag(&sp, M_E_UTF8);
	}
	return n;
}

static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 ||
	    (c != 0 && strchr("-_./:@+", c) != NULL);
}

static void
too_long(struct lexer *lx, const char *from, const char *what)
{
	struct span sp = here(lx, from, from + 1);

	diag(&sp, M_E_TOO_LONG, what, (size_t)LEX_MAX_TOKEN);
}

static void
lex_string(struct lexer *lx, struct token *t, const char *start)
{
	struct buf b = {0};
	const char *p = start + 1;
	struct span sp;
	size_t n;

	for (;;) {
		if (p >= lx->end || *p == '\n') {
			sp = here(lx, start, p);
			diag(&sp, M_E_STRING_EOL);
			break;
		}
		if (*p == '"') {
			p++;
			break;
		}
		if (*p == '\\') {
			if (p + 1 < lx->end && (p[1] == '"' || p[1] == '\\')) {
				buf_putc(&b, p[1]);
				p += 2;
				continue;
			}
			n = p + 1 < lx->end && p[1] != '\n' ?
			    utf8_valid_len((const unsigned char *)p + 1,
			    (size_t)(lx->end - p - 1)) : 0;
			sp = here(lx, p, p + 1 + n);
			{
				char esc[5] = {0};

				memcpy(esc, p + 1, n);
				diag(&sp, M_E_ESCAPE, esc);
			}
			p += 1;
			continue;
		}
		if ((n = check_char(lx, p)) == 0) {
			p++;
			continue;
		}
		buf_add(&b, p, n);
		p += n;
	}
	if (b.len > LEX_MAX_TOKEN)
		too_long(lx, start, "this text in quotes");
	t->type = T_STRING;
	t->span = here(lx, start, p);
	t->s = buf_take(&b);
	lx->p = p;
}

/* Measures the indentation of the line at p; returns where it ends. */
static const char *
skip_indent(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

static int
closes_text(const char *p, const char *end)
{
	p = skip_indent(p, end);
	if (end - p < 3 || memcmp(p, "\"\"\"", 3) != 0)
		return 0;
	p = skip_indent(p + 3, end);
	return p >= end || *p == '\n';
}

/*
 * Where an unclosed text block most likely ends: at the first line from
 * p that is indented no deeper than the statement that opened it (its
 * '}' or the next statement), or at the end of the file.
 */
static const char *
text_recover(const char *p, const char *end, size_t opener)
{
	const char *q;

	while (p < end) {
		q = skip_indent(p, end);
		if (q < end && *q != '\n' && (size_t)(q - p) <= opener)
			return p;
		while (p < end && *p != '\n')
			p++;
		if (p < end)
			p++;
	}
	return end;
}

/*
 * A text block: the opening """ ends its line; the block ends at a line
 * holding only """; that line's indentation is removed from every line.
 * An unclosed block is reported and ends where text_recover() says, so
 * that the lines after it are read as statements again.
 */
static void
lex_text(struct lexer *lx, struct token *t, const char *start)
{
	const char *p = start + 3, *q, *first, *close = NULL, *stop;
	struct buf b = {0};
	struct span sp;
	unsigned startline = lx->line;
	const char *startbol = lx->bol;
	size_t indent, n;

	q = skip_indent(p, lx->end);
	if (q < lx->end && *q != '\n') {
		sp = here(lx, q, q + 1);
		diag(&sp, M_E_TEXT_OPEN);
		while (q < lx->end && *q != '\n')
			q++;
	}
	if (q >= lx->end) {
		sp = here(lx, start, start + 3);
		diag(&sp, M_E_TEXT_EOF);
		t->type = T_TEXT;
		t->span = sp;
		t->s = xstrdup("");
		lx->p = q;
		return;
	}
	first = q + 1;
	/* The lines up to the closing line found last time hold none: an
	 * unclosed block after an unclosed block does not read the rest of
	 * the file again. */
	if (lx->scan_from && first >= lx->scan_from && first <= lx->scan_close) {
		if (lx->scan_close < lx->end)
			close = lx->scan_close;
	} else {
		for (p = first; p < lx->end;) {
			if (closes_text(p, lx->end)) {
				close = p;
				break;
			}
			while (p < lx->end && *p != '\n')
				p++;
			if (p < lx->end)
				p++;
		}
		lx->scan_from = first;
		lx->scan_close = close ? close : lx->end;
	}
	if (close == NULL) {
		sp = here(lx, start, start + 3);
		diag(&sp, M_E_TEXT_EOF);
		t->bad = 1;
		close = text_recover(first, lx->end,
		    (size_t)(skip_indent(lx->bol, lx->end) - lx->bol));
		indent = 0;
		/* The newline before the recovery line ends the statement. */
		stop = close < lx->end ? close - 1 : close;
	} else {
		indent = (size_t)(skip_indent(close, lx->end) - close);
		stop = close;
	}
	if (stop >= first)
		newline(lx, first);
	for (p = first; p < stop;) {
		q = skip_indent(p, stop);
		if (q < stop && *q != '\n' && (size_t)(q - p) < indent) {
			sp = here(lx, q, q + 1);
			diag(&sp, M_E_TEXT_INDENT);
		}
		p += (size_t)(q - p) < indent ? (size_t)(q - p) : indent;
		while (p < stop && *p != '\n') {
			const char *run = p;

			while (run < stop && (unsigned char)*run >= 0x20 &&
			    (unsigned char)*run < 0x7f)
				run++;
			if (run > p) {
				buf_add(&b, p, (size_t)(run - p));
				p = run;
				continue;
			}
			if ((n = check_char(lx, p)) == 0) {
				p++;
				continue;
			}
			buf_add(&b, p, n);
			p += n;
		}
		if (p < stop) {
			buf_putc(&b, '\n');
			p++;
			newline(lx, p);
		}
	}
	if (b.len > LEX_MAX_TOKEN)
		too_long(lx, first, "this text block");
	t->type = T_TEXT;
	t->text_first = (size_t)(first - lx->file->text);
	t->text_indent = indent;
	t->s = buf_take(&b);
	{
		unsigned l = lx->line;
		const char *bol = lx->bol;

		lx->line = startline;
		lx->bol = startbol;
		t->span = here(lx, start, start + 3);
		lx->line = l;
		lx->bol = bol;
	}
	if (t->bad)
		p = stop < first ? first - 1 : stop;
	else
		p = close < lx->end ? skip_indent(close, lx->end) + 3 : close;
	lx->p = p;
}

void
lex_next(struct lexer *lx, struct token *t)
{
	const char *p, *start;
	size_t n;

	memset(t, 0, sizeof(*t));
again:
	for (p = lx->p; p < lx->end; p++) {
		if (*p == ' ')
			continue;
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			break;
		if (*p == '\n')
			break;
		if (*p != '\0' && *p != '\r' && *p != '\t') {
			char name[16];
			struct span sp = here(lx, p, p + 1);

			snprintf(name, sizeof(name), "U+%04X", (unsigned char)*p);
			diag(&sp, M_E_CHAR, name);
		} else {
			check_char(lx, p);
		}
	}
	start = p;
	if (p >= lx->end) {
		t->type = T_EOF;
		t->span = here(lx, p, p);
		lx->p = p;
		return;
	}
	switch (*p) {
	case '\n':
		t->type = T_NEWLINE;
		t->span = here(lx, p, p + 1);
		lx->p = p + 1;
		newline(lx, lx->p);
		return;
	case '{':
	case '}':
		t->type = *p == '{' ? T_LBRACE : T_RBRACE;
		t->span = here(lx, p, p + 1);
		lx->p = p + 1;
		return;
	case '#':
		while (p < lx->end && *p != '\n') {
			if ((n = check_char(lx, p)) == 0)
				n = 1;
			p += n;
		}
		t->type = T_COMMENT;
		t->span = here(lx, start, p);
		t->s = xstrndup(start + 1, (size_t)(p - start - 1));
		lx->p = p;
		return;
	case '"':
		if (lx->end - p >= 3 && memcmp(p, "\"\"\"", 3) == 0)
			lex_text(lx, t, p);
		else
			lex_string(lx, t, p);
		return;
	}
	if (!is_word_byte((unsigned char)*p)) {
		struct buf b = {0};
		struct span sp = here(lx, p, p + 1);

		buf_putc(&b, *p);
		diag(&sp, M_E_CHAR, b.data);
		buf_free(&b);
		lx->p = p + 1;
		goto again;
	}
	/* A bad byte after the start of a word ends it; the next call
	 * reports and skips it. */
	while (p < lx->end && is_word_byte((unsigned char)*p)) {
		n = (unsigned char)*p < 0x80 ? 1 : p > start ?
		    utf8_valid_len((const unsigned char *)p,
		    (size_t)(lx->end - p)) : check_char(lx, p);
		if (n == 0)
			break;
		p += n;
	}
	if (p == start) {	/* an invalid byte: reported, skip it */
		lx->p = p + 1;
		goto again;
	}
	if ((size_t)(p - start) > LEX_MAX_TOKEN)
		too_long(lx, start, "this word");
	t->type = T_WORD;
	t->span = here(lx, start, p);
	t->s = xstrndup(start, (size_t)(p - start));
	lx->p = p;
}
