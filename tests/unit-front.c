/* unit-front.c - the lexer, parser, checker and message printer through
 * their C interfaces, with the messages captured in memory; and the
 * small helpers they stand on (UTF-8, edit distance, buffers, Dutch). */
#include <stdio.h>
#include <stdlib.h>

#include "base/diag.h"
#include "base/util.h"
#include "front/ast.h"
#include "lower/lower.h"
#include "out/backend.h"
#include "sema/check.h"
#include "sema/model.h"
#include "sema/nl.h"
#include "unit.h"

/* Every message of the tests, and the files they parse. */
static struct diags tdg;
static const struct ast_options topts = {&tdg, NULL, "templates"};

static void
reset_counts(void)
{
	memset(tdg.counts, 0, sizeof(tdg.counts));
	memset(tdg.limit_reported, 0, sizeof(tdg.limit_reported));
	tdg.muted = 0;
}

/* The messages of one run, captured by start() and returned by stop(). */
static FILE *msgs;
static char *msgbuf;
static size_t msglen;

static void
start(void)
{
	msgs = open_memstream(&msgbuf, &msglen);
	tdg.stream = msgs;
	reset_counts();
}

/* The messages since start(); valid until the next start(). */
static const char *
stop(void)
{
	static char *last;

	fclose(msgs);
	tdg.stream = NULL;
	free(last);
	last = msgbuf;
	return msgbuf;
}

/* Parses src and returns its dump (the caller frees it). */
static char *
dump_of(const char *src)
{
	struct ast_node *root = ast_parse_buffer(&topts, "t.afs", src, strlen(src));
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ast_dump(root, f);
	fclose(f);
	ast_free(root);
	return out;
}

/* The messages of parsing src (nothing else). */
static const char *
parse_msgs(const char *src)
{
	struct ast_node *root;

	start();
	root = ast_parse_buffer(&topts, "t.afs", src, strlen(src));
	ast_free(root);
	return stop();
}

/* The messages of parsing and checking src; *ok tells whether check
 * gave a model. */
static const char *
check_msgs(const char *src, int *ok)
{
	struct ast_node *root;
	struct model *m;

	start();
	root = ast_parse_buffer(&topts, "t.afs", src, strlen(src));
	m = check(root);
	if (ok)
		*ok = m != NULL;
	model_free(m);
	ast_free(root);
	return stop();
}

/* A complete zone around the content of section afstemming, with
 * extra declarations before it. */
static char *
zone(const char *decls, const char *content)
{
	struct buf b = {0};

	buf_printf(&b, "include \"forms/afsprakenkader-2025.afs\"\n"
	    "document {\n  form afsprakenkader-2025\n  zone \"Z\"\n"
	    "  council zorgraad\n}\ncouncil zorgraad \"Zorgraad\"\n%s\n"
	    "part deel1 {\n  section afstemming {\n%s\n  }\n"
	    "  section vertegenwoordiging {\n    text \"V.\"\n  }\n"
	    "  section data {\n    text \"D.\"\n  }\n}\n"
	    "part deel2 {\n  text \"E.\"\n}\n", decls, content);
	return buf_take(&b);
}

/* The messages of checking a zone; "" when it is clean. */
static const char *
zone_msgs(const char *decls, const char *content, int *ok)
{
	char *src = zone(decls, content);
	const char *m = check_msgs(src, ok);

	free(src);
	return m;
}

/* Whether s holds sub. */
static int
has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

static void
test_lexer(void)
{
	char *d;

	d = dump_of("zone \"a \\\"b\\\" \\\\ c\" word-1 2026-2027\n");
	CHECK_STR("lex: escapes in quotes, words with - and digits", d,
	    "file t.afs\n  zone 1:1 \"a \\\"b\\\" \\\\ c\" word-1 2026-2027\n");
	free(d);
	d = dump_of("text \"\"\"\n    a\n      b\n\n    c\n    \"\"\"\n");
	CHECK_STR("lex: a text block loses its closing indentation", d,
	    "file t.afs\n  text 1:1 \"\"\"a\\n  b\\n\\nc\\n\"\"\"\n");
	free(d);
	d = dump_of("# one\n\n\n# two\nx # three\n");
	CHECK_STR("lex: comments and one node per run of blank lines", d,
	    "file t.afs\n  comment 1:1 \" one\"\n  blank 2\n"
	    "  comment 4:1 \" two\"\n  x 5:1 # three\n");
	free(d);
	d = dump_of("a\nb { c \"d\" }\n");
	CHECK_STR("lex: a block on one line", d,
	    "file t.afs\n  a 1:1\n  b 2:1 {\n    c 2:5 \"d\"\n");
	free(d);
	CHECK_STR("lex: a text in quotes at the end of the file",
	    parse_msgs("x \"abc"),
	    "t.afs:1:3: error: the text in quotes is not closed on this line; "
	    "add a closing '\"'\n x \"abc\n   ^^^^\n");
	CHECK_STR("lex: CR LF line ends and a byte order mark are clean",
	    parse_msgs("\xef\xbb\xbf" "a {\r\n  t \"\"\"\r\n    x\r\n    \"\"\"\r\n}\r"), "");
	d = dump_of("\xef\xbb\xbf" "a \"b\" # c\r\nt \"\"\"\r\n  x\r\n\r\n  y\r\n  \"\"\"\r\n");
	CHECK_STR("lex: CR LF reads as LF", d,
	    "file t.afs\n  a 1:1 \"b\" # c\n  t 2:1 \"\"\"x\\n\\ny\\n\"\"\"\n");
	free(d);
	CHECK_STR("lex: one message for many lone carriage returns",
	    parse_msgs("a\rb\rc\r\n"),
	    "t.afs:1:2: error: carriage return without a line feed after it; "
	    "end lines with LF or CR LF\n a?b?c\n  ^\n");
	CHECK_STR("lex: a curly quote is named, the text read",
	    parse_msgs("x \xe2\x80\x9c" "a b\xe2\x80\x9d y\n"),
	    "t.afs:1:3: error: unexpected character U+201C LEFT DOUBLE "
	    "QUOTATION MARK; texts are written between straight quotes: "
	    "\"...\"\n x \xe2\x80\x9c" "a b\xe2\x80\x9d y\n   ^\n");
	d = dump_of("x \xe2\x80\x9e" "a \xe2\x80\x99s\xe2\x80\x9d \xe2\x80\x98" "b\xe2\x80\x99 \xe2\x80\x9c" "c\"\n");
	CHECK_STR("lex: curly quotes close by their kind", d,
	    "file t.afs\n  x 1:1 \"a \xe2\x80\x99s\" \"b\" \"c\"\n");
	free(d);
	d = dump_of("x \"a \xe2\x80\x9c" "b\xe2\x80\x9d\" \"c\xe2\x80\x9d\n");
	CHECK_STR("lex: curly quotes in straight ones are text; one closes an "
	    "open text", d, "file t.afs\n  x 1:1 \"a \xe2\x80\x9c" "b\xe2\x80\x9d\" \"c\"\n");
	free(d);
	d = dump_of("x\xc2\xa0y\xe2\x80\x83z 20\xe2\x80\x93" "26 a\xe2\x80\x8b" "b\n");
	CHECK_STR("lex: look-alike spaces and dashes are read as what they "
	    "look like, invisible ones as nothing", d,
	    "file t.afs\n  x 1:1 y z 20-26 ab\n");
	free(d);
	CHECK_STR("lex: look-alike spaces, once a file",
	    parse_msgs("x\xc2\xa0y\xc2\xa0z\n"),
	    "t.afs:1:2: error: unexpected character U+00A0 NO-BREAK SPACE; "
	    "write a plain space (here and wherever else the file has one)\n"
	    " x\xc2\xa0y\xc2\xa0z\n  ^\n");
	d = dump_of("x \xc3\xa9\xe2\x82\xac \"\xc2\xa0\"\n");
	CHECK_STR("lex: other characters stay in words; spaces in quotes are "
	    "text", d, "file t.afs\n  x 1:1 \xc3\xa9\xe2\x82\xac \"\xc2\xa0\"\n");
	free(d);
	CHECK_STR("lex: a text block left open before another, once",
	    parse_msgs("a {\n  t \"\"\"\n    x\n  b {\n    t \"\"\"\n      y\n      \"\"\"\n  }\n}\n"),
	    "t.afs:2:5: error: text block is not closed; end it with a line "
	    "holding only '\"\"\"'\n   t \"\"\"\n     ^^^\n");
	d = dump_of("a {\n  t \"\"\"\n    x\n  c\n}\nb\n");
	CHECK_STR("lex: an unclosed text block ends at the next statement", d,
	    "file t.afs\n  a 1:1 {\n    t 2:3 \"\"\"    x\"\"\"\n    c 4:3\n"
	    "  b 6:1\n");
	free(d);
	d = dump_of("a {\n  t \"\"\"\n  c\n}\n");
	CHECK_STR("lex: an unclosed, empty text block", d,
	    "file t.afs\n  a 1:1 {\n    t 2:3 \"\"\"\"\"\"\n    c 3:3\n");
	free(d);
	CHECK_STR("lex: an unclosed text block, reported once",
	    parse_msgs("a {\n  t \"\"\"\n    {x\n}\n"),
	    "t.afs:2:5: error: text block is not closed; end it with a line "
	    "holding only '\"\"\"'\n   t \"\"\"\n     ^^^\n");
	CHECK_STR("lex: columns count characters, not bytes",
	    parse_msgs("\xc3\xa9 \xc3\xbc }\n"),
	    "t.afs:1:5: error: '}' without a matching '{'\n \xc3\xa9 \xc3\xbc }\n"
	    "     ^\n");
	CHECK_STR("lex: an invalid byte in a word, once",
	    parse_msgs("ab\xff" "cd\n"),
	    "t.afs:1:3: error: this byte is not valid UTF-8; save the file as "
	    "UTF-8\n ab?cd\n   ^\n");
	CHECK_STR("lex: a control character in quotes",
	    parse_msgs("x \"a\x01" "b\"\n"),
	    "t.afs:1:5: error: unexpected character 'U+0001'\n x \"a?b\"\n"
	    "     ^\n");
	CHECK_STR("lex: text on the opening line",
	    parse_msgs("t \"\"\" a\n  \"\"\"\n"),
	    "t.afs:1:7: error: a text block starts on the line after '\"\"\"'; "
	    "nothing may follow the opening quotes\n t \"\"\" a\n       ^\n");
	CHECK_STR("lex: an unknown escape", parse_msgs("x \"\\n\"\n"),
	    "t.afs:1:4: error: unknown escape '\\n' in quotes; use '\\\"' or "
	    "'\\\\'\n x \"\\n\"\n    ^^\n");
}

/* A NUL byte cannot be written in a C string literal's middle with
 * strlen, so it has a test of its own. */
static void
test_nul(void)
{
	static const char src[] = "a \"x\0y\"\nb \"\0\"\n";
	struct ast_node *root;
	const char *m;

	start();
	root = ast_parse_buffer(&topts, "t.afs", src, sizeof(src) - 1);
	m = stop();
	CHECK_STR("lex: NUL bytes, reported once", m,
	    "t.afs:1:5: error: the file contains a NUL byte\n a \"x?y\"\n"
	    "     ^\n");
	CHECK_STR("lex: a NUL byte is left out of the value",
	    root->first ? root->first->vals[0].s : NULL, "xy");
	ast_free(root);
}

static void
test_text_span(void)
{
	static const char src[] = "t \"\"\"\n    ab\n\n    cd\n    \"\"\"\n";
	struct ast_node *root = ast_parse_buffer(&topts, "t.afs", src, sizeof(src) - 1);
	const struct ast_value *v = &root->first->vals[0];
	struct span sp;

	CHECK_STR("text_span: the value", v->s, "ab\n\ncd\n");
	sp = text_span(v, 0, 2);
	CHECK("text_span: first byte on line 2, column 5",
	    sp.line == 2 && sp.col == 5 && sp.end - sp.off == 2);
	sp = text_span(v, 5, 1);
	CHECK("text_span: after a blank line, line 4 column 6",
	    sp.line == 4 && sp.col == 6);
	ast_free(root);
}

static void
test_parser(void)
{
	struct buf b = {0};
	int i;

	CHECK_STR("parse: a stray '}'", parse_msgs("a\n}\nb\n"),
	    "t.afs:2:1: error: '}' without a matching '{'\n }\n ^\n");
	CHECK_STR("parse: an unclosed '{'", parse_msgs("a {\n  b\n"),
	    "t.afs:1:3: error: '{' is not closed; add a '}'\n a {\n   ^\n");
	CHECK_STR("parse: a top-level keyword ends an open block",
	    parse_msgs("a {\n  b\nperson x \"X\"\n"),
	    "t.afs:1:3: error: '{' is not closed; add a '}'\n a {\n   ^\n");
	CHECK_STR("parse: a statement like the open one ends it",
	    parse_msgs("a {\n  s {\n    t\n  s {\n  }\n}\n"),
	    "t.afs:2:5: error: '{' is not closed; add a '}'\n   s {\n     ^\n");
	CHECK_STR("parse: every bad line is reported",
	    parse_msgs("a \"x\" {\n} b\n\"c\"\nd\n"),
	    "t.afs:2:3: error: expected the end of the line, found a word\n"
	    " } b\n   ^\n"
	    "t.afs:3:1: error: expected a keyword, found a text in quotes\n"
	    " \"c\"\n ^^^\n");
	/* Nested blocks alternate their keywords: "a" under "a" in the
	 * same column would end the outer one. */
	for (i = 0; i < AST_MAX_DEPTH; i++)
		buf_puts(&b, i % 2 ? "b {\n" : "a {\n");
	for (i = 0; i < AST_MAX_DEPTH; i++)
		buf_puts(&b, "}\n");
	CHECK_STR("parse: 64 levels are allowed", parse_msgs(b.data), "");
	b.len = 0;
	for (i = 0; i <= AST_MAX_DEPTH; i++)
		buf_puts(&b, i % 2 ? "b {\n" : "a {\n");
	for (i = 0; i <= AST_MAX_DEPTH; i++)
		buf_puts(&b, "}\n");
	CHECK_STR("parse: 65 levels are not", parse_msgs(b.data),
	    "t.afs:65:3: error: blocks are nested too deeply (the limit is 64 "
	    "levels)\n a {\n   ^\n");
	buf_free(&b);
	CHECK_STR("parse: include needs a name in quotes",
	    parse_msgs("include forms\n"),
	    "t.afs:1:1: error: 'include' needs one file name in quotes, as in "
	    "include \"forms/afsprakenkader-2025.afs\"\n include forms\n"
	    " ^^^^^^^\n");
	CHECK_STR("parse: a missing include",
	    parse_msgs("include \"no/such.afs\"\n"),
	    "t.afs:1:9: error: cannot read included file 'no/such.afs': No "
	    "such file or directory\n include \"no/such.afs\"\n"
	    "         ^^^^^^^^^^^^^\n");
}

static void
test_checker(void)
{
	int ok;
	const char *m;

	m = zone_msgs("", "    text \"A.\"", &ok);
	CHECK_STR("check: a complete zone is clean", m, "");
	CHECK("check: a clean zone gives a model", ok);
	m = zone_msgs("partner ldc \"LDC\"", "    text \"A.\"", &ok);
	CHECK("check: a warning still gives a model",
	    ok && has(m, "warning: party 'ldc' is declared but never used"));
	m = zone_msgs("", "    text \"{zorgraad.calle}\"", &ok);
	CHECK("check: an error gives no model",
	    !ok && has(m, "error: 'zorgraad' has no field 'calle'; its fields are name and called"));
	m = zone_msgs("municipality ab \"Ab\"\nperson p \"P\" {\n of ac\n"
	    " role responsible\n}", "    contacts", &ok);
	CHECK("check: no guess for a name of two letters",
	    has(m, "unknown party 'ac'") && !has(m, "did you mean"));
	m = zone_msgs("municipality abc \"Abc\"\nperson p \"P\" {\n of abd\n"
	    " role responsible\n}", "    contacts", &ok);
	CHECK("check: a guess for a name of three letters",
	    has(m, "note: did you mean 'abc'?"));
	m = zone_msgs("", "    schedule {\n      focus 1900 \"A\"\n"
	    "      focus 1901-2999 \"B\"\n    }", &ok);
	/* Years, but far from the form's year. */
	CHECK("check: years 1900 to 2999",
	    !has(m, "is not a year") && has(m, "'1901-2999' is more than ten "
	    "years after the form"));
	m = zone_msgs("", "    schedule {\n      focus 1899 \"A\"\n"
	    "      focus 3000 \"B\"\n    }", &ok);
	CHECK("check: years outside 1900 to 2999",
	    has(m, "'1899' is not a year") && has(m, "'3000' is not a year"));
}

/* A deadline due by date, in a zone: its messages. */
static const char *
date_msgs(const char *date)
{
	struct buf d = {0};
	const char *m;

	buf_printf(&d, "deadline x {\n what \"W\"\n due by %s\n action \"a\"\n}",
	    date);
	m = zone_msgs(d.data, "    deadline x", NULL);
	buf_free(&d);
	return m;
}

static void
test_values(void)
{
	CHECK_STR("date: 29 February of a leap year", date_msgs("2024-02-29"), "");
	/* A date, but far from the form's year. */
	CHECK("date: 29 February 2000",
	    !has(date_msgs("2000-02-29"), "is not a date") &&
	    has(date_msgs("2000-02-29"), "is more than a year before the form"));
	CHECK("date: 29 February 1900 does not exist",
	    has(date_msgs("1900-02-29"), "'1900-02-29' is not a date"));
	CHECK("date: 31 April does not exist",
	    has(date_msgs("2025-04-31"), "'2025-04-31' is not a date"));
	CHECK("date: one digit for the day",
	    has(date_msgs("2025-04-1"), "'2025-04-1' is not a date"));
	CHECK("date: a long word is not a date",
	    has(date_msgs("2025-04-011111111111"), "is not a date"));
	CHECK_STR("frequency: 366 per year",
	    zone_msgs("body b \"B\" {\n members zorgraad\n meets 366 per year\n}",
	    "    text \"{b}\"", NULL), "");
	CHECK("frequency: 367 per year is too many",
	    has(zone_msgs("body b \"B\" {\n members zorgraad\n meets 367 per "
	    "year\n}", "    text \"{b}\"", NULL), "whole number from 1"));
	CHECK_STR("duration: 1000 days",
	    zone_msgs("deadline x {\n what \"W\"\n due 1000 days after "
	    "elections\n action \"a\"\n}", "    deadline x", NULL), "");
	CHECK("duration: 1001 days is too long",
	    has(zone_msgs("deadline x {\n what \"W\"\n due 1001 days after "
	    "elections\n action \"a\"\n}", "    deadline x", NULL),
	    "a duration starts with a whole number from 1"));
}

static void
test_expand(void)
{
	struct ast_node *root;
	struct model *m;
	struct doc d = {0};
	struct buf out = {0};
	char *src = zone("municipality a \"A*B_[c]\"\nperson p \"P\" {\n of a\n"
	    " role responsible\n}",
	    "    text \"{a} {{x}} {municipalities.count-word}\"\n    contacts");

	start();
	root = ast_parse_buffer(&topts, "t.afs", src, strlen(src));
	m = check(root);
	CHECK_STR("expand: clean", stop(), "");
	if (m) {
		lower(m, "t", &d);
		md_render(NULL, &d, &tdg, &out);
		CHECK("expand: names are text, not Markdown",
		    has(out.data, "A\\*B\\_\\[c\\] {x} één\n"));
		CHECK("expand: contacts", has(out.data, "**A\\*B\\_\\[c\\]**: P"));
		doc_free(&d);
	}
	model_free(m);
	ast_free(root);
	buf_free(&out);
	free(src);
}

static void
test_diag(void)
{
	static const char line[] = "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789x y";
	char *src;
	const struct srcfile *f;
	struct span sp;

	src = xstrdup(line);
	f = src_add(&tdg, "long.afs", src, strlen(src));
	sp = span_at(f, 80, 81);
	start();
	diag(&sp, M_E_CHAR, "x");
	diag(&sp, M_NOTE_DIDYOUMEAN, "y");
	CHECK_STR("diag: a long line is cut around the span; a note on the "
	    "same span does not repeat it", stop(),
	    "long.afs:1:81: error: unexpected character 'x'\n"
	    " ...0123456789012345678901234567890123456789x y\n"
	    "                                            ^\n"
	    "long.afs:1:81: note: did you mean 'y'?\n");
	CHECK("diag: counts", diag_count(&tdg, DIAG_ERROR) == 1 &&
	    diag_count(&tdg, DIAG_NOTE) == 1 && diag_worst(&tdg) == DIAG_ERROR);
	start();
	CHECK("diag: nothing reported", diag_worst(&tdg) == -1);
	diag_sys(&tdg, M_E_WRITE, "f", "disk full");
	CHECK_STR("diag: without a place", stop(),
	    "afc: error: cannot write 'f': disk full\n");
	start();
	tdg.max_errors = 2;
	diag_sys(&tdg, M_E_READ, "1", "e");
	diag_sys(&tdg, M_E_READ, "2", "e");
	diag_sys(&tdg, M_E_READ, "3", "e");
	diag_sys(&tdg, M_NOTE_FREE, "n");
	diag_sys(&tdg, M_E_READ, "4", "e");
	CHECK_STR("diag: the error limit", stop(),
	    "afc: error: cannot read '1': e\nafc: error: cannot read '2': e\n"
	    "afc: note: too many errors; stopping after 2\n");
	CHECK("diag: errors past the limit still count",
	    diag_count(&tdg, DIAG_ERROR) == 4);
	tdg.max_errors = 0;
	sp = span_at(f, 0, 0);
	CHECK("span_at: the start", sp.line == 1 && sp.col == 1);
	src = xstrdup("é\nab\xc3\xa9z");
	f = src_add(&tdg, "u.afs", src, strlen(src));
	sp = span_at(f, 7, 8);
	CHECK("span_at: columns in characters", sp.line == 2 && sp.col == 4);
	sp = span_at(f, 4, 5);
	CHECK("span_at: back along a line", sp.line == 2 && sp.col == 2);
	sp = span_at(f, 8, 8);
	CHECK("span_at: the end of the file", sp.line == 2 && sp.col == 5);
	sp = span_at(f, 2, 3);
	CHECK("span_at: a line start", sp.line == 1 && sp.col == 2);
	sp = span_at(f, 3, 4);
	CHECK("span_at: after a newline", sp.line == 2 && sp.col == 1);
	start();
	tdg.max_errors = 1;
	sp = span_at(f, 4, 5);
	diag(&sp, M_W_UNUSED, "party", "a");
	CHECK("diag: a note after a shown warning is wanted",
	    !diag_dropping(&sp, DIAG_NOTE) && diag_dropping(&sp, DIAG_WARNING)
	    && !diag_dropping(&sp, DIAG_ERROR));
	diag(&sp, M_W_UNUSED, "party", "b");
	CHECK("diag: a note after a dropped warning is not",
	    diag_dropping(&sp, DIAG_NOTE));
	diag(&sp, M_NOTE_FREE, "n");
	diag_sys(&tdg, M_E_READ, "f", "e");
	diag_sys(&tdg, M_NOTE_FREE, "shown");
	CHECK_STR("diag: the warning limit, and notes of dropped warnings",
	    stop(), "u.afs:2:2: warning: party 'a' is declared but never used\n"
	    " ab\xc3\xa9z\n  ^\n"
	    "afc: note: too many warnings; stopping after 1\n"
	    "afc: error: cannot read 'f': e\nafc: note: shown\n");
	tdg.max_errors = 0;
}

static void
test_utf8(void)
{
	static const struct {
		const char *s;
		size_t n;
	} cases[] = {
		{"a", 1}, {"\xc3\xa9", 2}, {"\xe2\x9e\xa2", 3},
		{"\xf0\x9f\x98\x80", 4}, {"\xc0\x80", 0}, {"\xc1\xbf", 0},
		{"\xe0\x80\x80", 0}, {"\xed\xa0\x80", 0}, {"\xf4\x90\x80\x80", 0},
		{"\xf5\x80\x80\x80", 0}, {"\x80", 0}, {"\xc3", 0}, {"\xe2\x9e", 0},
		{"\xc3" "a", 0}, {"\xef\xbf\xbf", 3}, {"\xf4\x8f\xbf\xbf", 4},
	};
	struct buf b = {0};
	const char *p;
	size_t i;
	int all = 1;

	for (i = 0; i < NELEM(cases); i++)
		if (utf8_valid_len((const unsigned char *)cases[i].s,
		    strlen(cases[i].s)) != cases[i].n) {
			printf("# utf8_valid_len case %zu\n", i);
			all = 0;
		}
	CHECK("utf8_valid_len: valid, overlong, surrogate, too large, cut", all);
	CHECK("utf8_valid_len: nothing", utf8_valid_len((const unsigned char *)"", 0) == 0);
	all = 1;
	for (i = 0; i < 0x110000; i += 0x101) {
		if (i >= 0xd800 && i <= 0xdfff)
			continue;
		b.len = 0;
		utf8_encode(&b, (unsigned)i);
		p = b.data;
		if (utf8_valid_len((const unsigned char *)p, b.len) != b.len ||
		    utf8_decode(&p) != i || p != b.data + b.len)
			all = 0;
	}
	CHECK("utf8: encode and decode round trip", all);
	buf_free(&b);
}

static void
test_helpers(void)
{
	struct buf b = {0};
	char *s;
	const char *three[] = {"A", "B", "C"};
	int i;

	CHECK("edit_distance: equal", edit_distance("asse", "asse", 2) == 0);
	CHECK("edit_distance: one letter", edit_distance("asse", "aase", 2) == 1);
	CHECK("edit_distance: insertion", edit_distance("opwijk", "opwjik", 3) == 2);
	CHECK("edit_distance: empty", edit_distance("", "abc", 5) == 3);
	CHECK("edit_distance: gives up past the limit",
	    edit_distance("abcdef", "uvwxyz", 2) == 3);
	{
		struct nearest nr;

		nearest_init(&nr, "liedekrke");
		nearest_try(&nr, "asse");
		nearest_try(&nr, "liedekerke");
		nearest_try(&nr, "liedekerk");
		CHECK_STR("nearest: the closest within two edits", nr.best,
		    "liedekerke");
		nearest_init(&nr, "asse");
		nearest_try(&nr, "asse");
		CHECK("nearest: never the name itself", nr.best == NULL);
		nearest_init(&nr, "as");
		nearest_try(&nr, "asse");
		nearest_try(&nr, "at");
		CHECK("nearest: no guess for a two-letter name", nr.best == NULL);
		nearest_init(&nr, "opwijk");
		nearest_try(&nr, "merchtem");
		CHECK("nearest: nothing close", nr.best == NULL);
	}
	CHECK("str_hash: stable", str_hash("asse") == str_hash("asse") &&
	    str_hash("asse") != str_hash("esse"));
	s = buf_take(&b);
	CHECK_STR("buf_take: an empty buffer gives \"\"", s, "");
	free(s);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	CHECK("buf_printf: grows", b.len == 3890 && strncmp(b.data + b.len - 4,
	    "999,", 4) == 0);
	b.len = 0;
	nl_join(&b, three, 3);
	CHECK_STR("nl_join: three", b.data, "A, B en C");
	b.len = 0;
	nl_join(&b, three, 1);
	CHECK_STR("nl_join: one", b.data, "A");
	CHECK_STR("nl_number: 5", nl_number(5), "vijf");
	CHECK("nl_number: 13 has no word", nl_number(13) == NULL);
	b.len = 0;
	nl_frequency(&b, &(struct frequency){1, 3, UNIT_YEAR}, 0);
	CHECK_STR("nl_frequency: at least", b.data, "minstens 3 keer per jaar");
	b.len = 0;
	nl_frequency(&b, &(struct frequency){1, 3, UNIT_YEAR}, 1);
	CHECK_STR("nl_frequency: short", b.data, "min. 3x/jaar");
	buf_free(&b);
}

int
main(void)
{
	diags_init(&tdg, NULL, 0);
	test_lexer();
	test_nul();
	test_text_span();
	test_parser();
	test_checker();
	test_values();
	test_expand();
	test_diag();
	test_utf8();
	test_helpers();
	diags_free(&tdg);
	UNIT_EXIT();
}
