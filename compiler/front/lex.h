/* lex.h - the afs lexer. Included by lex.c and parse.c only. */
#ifndef AFC_LEX_H
#define AFC_LEX_H

#include "base/diag.h"
#include "base/util.h"

enum tok {
	T_EOF,
	T_NEWLINE,
	T_WORD,		/* identifier, keyword, number, year range, date */
	T_STRING,	/* "one line, with \" and \\ escapes" */
	T_TEXT,		/* """ block of lines """ */
	T_LBRACE,
	T_RBRACE,
	T_COMMENT,	/* # to the end of the line */
};

struct token {
	enum tok type;
	struct span span;
	char *s;		/* decoded value (owned by the token) */
	size_t text_first;	/* T_TEXT: offset of its first content line */
	size_t text_indent;	/* T_TEXT: indentation removed from each line */
	int bad;		/* reported as malformed; its value is a guess */
};

struct lexer {
	const struct srcfile *file;
	const char *p, *end;
	unsigned line;
	const char *bol;	/* start of the current line */
	const char *cpos;	/* column cache: ccol is the column of cpos */
	unsigned ccol;
	int seen_cr, seen_tab, seen_nul;
	/* The last search for a closing '"""' line: none of the lines
	 * from scan_from up to scan_close (the end: none at all) is one. */
	const char *scan_from, *scan_close;
	/* Of the lines from sw_from up to the closing line sw_close, the
	 * last that opens a text block and the last indented less than
	 * sw_close (NULL: none); see swallows_block(). */
	const char *sw_from, *sw_close, *sw_opener, *sw_shallow;
	int seen_space, seen_invisible;	/* look-alikes reported once */
};

/* The longest word, string or text block accepted, in bytes. */
#define LEX_MAX_TOKEN (256u * 1024u)

/*
 * Cleans the bytes of a file read, in place, before it is registered:
 * a UTF-8 byte order mark at its start goes and every CR LF becomes LF,
 * so that a file saved on Windows reads, reports and compiles as the
 * same file with Unix line ends. Returns the new length (text stays
 * NUL-terminated).
 */
size_t lex_clean(char *text, size_t len);
void lex_init(struct lexer *lx, const struct srcfile *f);
/* Reads the next token into *t, reporting malformed input as it goes;
 * the lexer always makes progress and ends with T_EOF. */
void lex_next(struct lexer *lx, struct token *t);
const char *tok_name(enum tok t);

#endif
