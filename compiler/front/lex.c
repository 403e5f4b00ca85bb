/* lex.c - turns the bytes of a source file into tokens.
 *
 * Encoding problems (invalid UTF-8, NUL, CR, tabs) are reported here, once
 * per kind and file for the repetitive ones, and the offending byte is
 * skipped so that the parser still sees a sensible token stream.
 *
 * Word processors leave characters that look like the ones the language
 * uses: curly quotes, no-break spaces, dashes, invisible spaces. Outside
 * quotes and text blocks each is named (U+201C LEFT DOUBLE QUOTATION
 * MARK) with the caret on it, and read as the character it looks like,
 * so that nothing else is reported because of it. */
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

size_t
lex_clean(char *text, size_t len)
{
	size_t i, j;
	char *cr;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		memmove(text, text + 3, len - 3);
		len -= 3;
		text[len] = '\0';
	}
	if ((cr = memchr(text, '\r', len)) == NULL)
		return len;
	for (i = j = (size_t)(cr - text); i < len; i++) {
		/* CR LF, and a CR that ends the file, end a line. */
		if (text[i] == '\r' && (i + 1 == len || text[i + 1] == '\n'))
			continue;
		text[j++] = text[i];
	}
	text[j] = '\0';
	return j;
}

/* What a look-alike character is taken for. */
enum look {
	LOOK_DQUOTE,		/* '"' */
	LOOK_SQUOTE,		/* a quote too, closed by its own kind */
	LOOK_SPACE,		/* ' ' */
	LOOK_DASH,		/* '-' */
	LOOK_INVISIBLE,		/* nothing */
};

static const char *const look_fix[] = {
	[LOOK_DQUOTE] = "texts are written between straight quotes: \"...\"",
	[LOOK_SQUOTE] = "texts are written between straight quotes: \"...\"",
	[LOOK_SPACE] = "write a plain space (here and wherever else the "
	    "file has one)",
	[LOOK_DASH] = "write a plain '-'",
	[LOOK_INVISIBLE] = "delete this invisible character (here and "
	    "wherever else the file has one)",
};

/* Sorted by code point. */
static const struct lookalike {
	unsigned cp;
	enum look kind;
	const char *name;
} lookalikes[] = {
	{0x00a0, LOOK_SPACE, "NO-BREAK SPACE"},
	{0x00ab, LOOK_DQUOTE, "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK"},
	{0x00ad, LOOK_INVISIBLE, "SOFT HYPHEN"},
	{0x00bb, LOOK_DQUOTE, "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK"},
	{0x2000, LOOK_SPACE, "EN QUAD"},
	{0x2001, LOOK_SPACE, "EM QUAD"},
	{0x2002, LOOK_SPACE, "EN SPACE"},
	{0x2003, LOOK_SPACE, "EM SPACE"},
	{0x2004, LOOK_SPACE, "THREE-PER-EM SPACE"},
	{0x2005, LOOK_SPACE, "FOUR-PER-EM SPACE"},
	{0x2006, LOOK_SPACE, "SIX-PER-EM SPACE"},
	{0x2007, LOOK_SPACE, "FIGURE SPACE"},
	{0x2008, LOOK_SPACE, "PUNCTUATION SPACE"},
	{0x2009, LOOK_SPACE, "THIN SPACE"},
	{0x200a, LOOK_SPACE, "HAIR SPACE"},
	{0x200b, LOOK_INVISIBLE, "ZERO WIDTH SPACE"},
	{0x200c, LOOK_INVISIBLE, "ZERO WIDTH NON-JOINER"},
	{0x200d, LOOK_INVISIBLE, "ZERO WIDTH JOINER"},
	{0x200e, LOOK_INVISIBLE, "LEFT-TO-RIGHT MARK"},
	{0x200f, LOOK_INVISIBLE, "RIGHT-TO-LEFT MARK"},
	{0x2010, LOOK_DASH, "HYPHEN"},
	{0x2011, LOOK_DASH, "NON-BREAKING HYPHEN"},
	{0x2012, LOOK_DASH, "FIGURE DASH"},
	{0x2013, LOOK_DASH, "EN DASH"},
	{0x2014, LOOK_DASH, "EM DASH"},
	{0x2015, LOOK_DASH, "HORIZONTAL BAR"},
	{0x2018, LOOK_SQUOTE, "LEFT SINGLE QUOTATION MARK"},
	{0x2019, LOOK_SQUOTE, "RIGHT SINGLE QUOTATION MARK"},
	{0x201a, LOOK_SQUOTE, "SINGLE LOW-9 QUOTATION MARK"},
	{0x201b, LOOK_SQUOTE, "SINGLE HIGH-REVERSED-9 QUOTATION MARK"},
	{0x201c, LOOK_DQUOTE, "LEFT DOUBLE QUOTATION MARK"},
	{0x201d, LOOK_DQUOTE, "RIGHT DOUBLE QUOTATION MARK"},
	{0x201e, LOOK_DQUOTE, "DOUBLE LOW-9 QUOTATION MARK"},
	{0x201f, LOOK_DQUOTE, "DOUBLE HIGH-REVERSED-9 QUOTATION MARK"},
	{0x2028, LOOK_SPACE, "LINE SEPARATOR"},
	{0x2029, LOOK_SPACE, "PARAGRAPH SEPARATOR"},
	{0x202f, LOOK_SPACE, "NARROW NO-BREAK SPACE"},
	{0x2032, LOOK_SQUOTE, "PRIME"},
	{0x2033, LOOK_DQUOTE, "DOUBLE PRIME"},
	{0x2039, LOOK_SQUOTE, "SINGLE LEFT-POINTING ANGLE QUOTATION MARK"},
	{0x203a, LOOK_SQUOTE, "SINGLE RIGHT-POINTING ANGLE QUOTATION MARK"},
	{0x205f, LOOK_SPACE, "MEDIUM MATHEMATICAL SPACE"},
	{0x2060, LOOK_INVISIBLE, "WORD JOINER"},
	{0x2212, LOOK_DASH, "MINUS SIGN"},
	{0x3000, LOOK_SPACE, "IDEOGRAPHIC SPACE"},
	{0xfe63, LOOK_DASH, "SMALL HYPHEN-MINUS"},
	{0xfeff, LOOK_INVISIBLE, "ZERO WIDTH NO-BREAK SPACE"},
	{0xff02, LOOK_DQUOTE, "FULLWIDTH QUOTATION MARK"},
	{0xff07, LOOK_SQUOTE, "FULLWIDTH APOSTROPHE"},
	{0xff0d, LOOK_DASH, "FULLWIDTH HYPHEN-MINUS"},
};

/*
 * The look-alike character at p, with its length in *len, or NULL when
 * the character there is none (or not valid UTF-8).
 */
static const struct lookalike *
lookalike(const char *p, const char *end, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n, lo, hi, mid;
	unsigned cp;

	if (*u < 0xc2 || (n = utf8_valid_len(u, (size_t)(end - p))) < 2)
		return NULL;
	cp = n == 2 ? (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu) :
	    n == 3 ? (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 |
	    (u[2] & 0x3fu) : 0;
	lo = 0;
	hi = NELEM(lookalikes);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (lookalikes[mid].cp == cp) {
			*len = n;
			return &lookalikes[mid];
		}
		if (lookalikes[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static struct span here(struct lexer *lx, const char *from, const char *to);

/* Reports the look-alike la at p (n bytes); spaces and invisible
 * characters once per file. */
static void
report_lookalike(struct lexer *lx, const struct lookalike *la,
    const char *p, size_t n)
{
	struct span sp;

	if (la->kind == LOOK_SPACE && lx->seen_space++)
		return;
	if (la->kind == LOOK_INVISIBLE && lx->seen_invisible++)
		return;
	sp = here(lx, p, p + n);
	diag(&sp, M_E_LOOKALIKE, la->cp, la->name, look_fix[la->kind]);
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
	if (*u == '\r') {	/* not before a LF: see lex_clean() */
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

/*
 * A text in quotes from start, whose opening quote is open_len bytes:
 * a straight '"' (straight set), or a look-alike quote of kind quote,
 * which a straight quote or another look-alike of its kind closes. A
 * straight text left open at the end of its line that holds a curly
 * quote ends there: the quote is named, rather than the line.
 */
static void
lex_string(struct lexer *lx, struct token *t, const char *start,
    size_t open_len, int straight, enum look quote)
{
	struct buf b = {0};
	const char *p = start + open_len, *curly = NULL;
	const struct lookalike *la, *curly_la = NULL;
	size_t curly_len = 0, curly_n = 0;
	struct span sp;
	size_t n;

	for (;;) {
		if (p >= lx->end || *p == '\n') {
			if (curly != NULL) {
				report_lookalike(lx, curly_la, curly, curly_n);
				b.len = curly_len;
				if (b.data)
					b.data[b.len] = '\0';
				p = curly + curly_n;
				break;
			}
			sp = here(lx, start, p);
			if (straight)
				diag(&sp, M_E_STRING_EOL);
			break;
		}
		if (*p == (straight || quote == LOOK_DQUOTE ? '"' : '\'')) {
			p++;
			break;
		}
		if ((unsigned char)*p >= 0x80 &&
		    (la = lookalike(p, lx->end, &n)) != NULL) {
			if (!straight && la->kind == quote) {
				p += n;
				break;
			}
			if (straight && la->kind == LOOK_DQUOTE) {
				curly = p;
				curly_la = la;
				curly_n = n;
				curly_len = b.len;
			}
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

/* Whether the line at p ends with """ after something else: it opens
 * a text block of its own. */
static int
opens_text(const char *p, const char *end)
{
	const char *eol = p, *q;

	while (eol < end && *eol != '\n')
		eol++;
	q = eol;
	while (q > p && q[-1] == ' ')
		q--;
	if (q - p < 3 || memcmp(q - 3, "\"\"\"", 3) != 0)
		return 0;
	return skip_indent(p, q - 3) < q - 3;
}

/*
 * Whether the block from first to the closing line close is really the
 * rest of an unclosed block and the next block: between them, a line
 * opens a text block and a line is indented less than the closing
 * quotes (an error in any case), as the statements after a forgotten
 * """ are. The lines before a closing line are read once, however many
 * unclosed blocks end there.
 */
static int
swallows_block(struct lexer *lx, const char *first, const char *close)
{
	const char *p, *q;
	size_t indent;

	if (lx->sw_close != close || first < lx->sw_from) {
		indent = (size_t)(skip_indent(close, lx->end) - close);
		lx->sw_from = first;
		lx->sw_close = close;
		lx->sw_opener = lx->sw_shallow = NULL;
		for (p = first; p < close;) {
			q = skip_indent(p, close);
			if (q < close && *q != '\n' && (size_t)(q - p) < indent)
				lx->sw_shallow = p;
			if (opens_text(p, close))
				lx->sw_opener = p;
			while (p < close && *p != '\n')
				p++;
			if (p < close)
				p++;
		}
	}
	return lx->sw_opener != NULL && lx->sw_opener >= first &&
	    lx->sw_shallow != NULL && lx->sw_shallow >= first;
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
	if (close != NULL && swallows_block(lx, first, close))
		close = NULL;
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
	const struct lookalike *la;
	const char *p, *start;
	struct buf word;
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
			lex_string(lx, t, p, 1, 1, LOOK_DQUOTE);
		return;
	}
	if ((unsigned char)*p >= 0x80 &&
	    (la = lookalike(p, lx->end, &n)) != NULL && la->kind != LOOK_DASH) {
		report_lookalike(lx, la, p, n);
		if (la->kind == LOOK_DQUOTE || la->kind == LOOK_SQUOTE) {
			lex_string(lx, t, p, n, 0, la->kind);
			return;
		}
		lx->p = p + n;	/* a space, or nothing */
		goto again;
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
	 * reports and skips it. A dash or an invisible character in it is
	 * reported and read as '-' or nothing; a look-alike space or quote
	 * ends it. The value is built in word only once one was seen. */
	memset(&word, 0, sizeof(word));
	while (p < lx->end && is_word_byte((unsigned char)*p)) {
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		if ((la = lookalike(p, lx->end, &n)) != NULL) {
			if (la->kind != LOOK_DASH &&
			    la->kind != LOOK_INVISIBLE)
				break;
			report_lookalike(lx, la, p, n);
			if (word.data == NULL)
				buf_add(&word, start, (size_t)(p - start));
			else
				buf_add(&word, lx->p, (size_t)(p - lx->p));
			if (la->kind == LOOK_DASH)
				buf_putc(&word, '-');
			p += n;
			lx->p = p;	/* where the value resumes */
			continue;
		}
		n = p > start ? utf8_valid_len((const unsigned char *)p,
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
	if (word.data != NULL) {
		buf_add(&word, lx->p, (size_t)(p - lx->p));
		t->s = buf_take(&word);
	} else {
		t->s = xstrndup(start, (size_t)(p - start));
	}
	lx->p = p;
}
