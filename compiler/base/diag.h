/* diag.h - source files, spans and the message catalogue.
 * Included by every stage that reports a problem in the sources. */
#ifndef AFC_DIAG_H
#define AFC_DIAG_H

#include <stddef.h>

/* A source file held in memory for the whole run; spans point into it. */
struct srcfile {
	char *name;		/* as given on the command line or resolved */
	char *text;		/* NUL-terminated copy of the bytes */
	size_t len;
};

/* A byte range in a source file, with the line and column (1-based,
 * columns counted in characters) of its first byte. */
struct span {
	const struct srcfile *file;
	size_t off, end;
	unsigned line, col;
};

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
};

/* The message catalogue, ordered by severity; keep in step with the
 * table in diag.c. Each message's text is a printf format. */
enum msg {
	/* notes */
	M_NOTE_OPENED,
	M_NOTE_PREVIOUS,
	M_NOTE_DIDYOUMEAN,
	M_NOTE_FREE,
	/* warnings */
	M_W_UNUSED,
	M_W_NO_INVITEES,
	M_W_RAW_HTML,
	M_W_EMPTY_TEXT,
	M_W_INCLUDE_TWICE,
	/* errors: reading */
	M_E_UTF8,
	M_E_NUL,
	M_E_CR,
	M_E_TAB,
	M_E_CHAR,
	M_E_STRING_EOL,
	M_E_TEXT_EOF,
	M_E_TEXT_OPEN,
	M_E_TEXT_INDENT,
	M_E_ESCAPE,
	M_E_TOO_LONG,
	/* errors: structure */
	M_E_EXPECTED,
	M_E_UNCLOSED,
	M_E_STRAY_CLOSE,
	M_E_TOO_DEEP,
	M_E_TEXT_TOO_DEEP,
	M_E_EMPTY_FILE,
	M_E_INCLUDE,
	M_E_INCLUDE_LOOP,
	M_E_INCLUDE_DEPTH,
	/* errors: meaning */
	M_E_UNKNOWN_KEYWORD,
	M_E_NOT_HERE,
	M_E_ARGS,
	M_E_DUPLICATE,
	M_E_BUILTIN,
	M_E_UNKNOWN_REF,
	M_E_WRONG_KIND,
	M_E_MISSING,
	M_E_REPEATED,
	M_E_BAD_VALUE,
	M_E_BAD_YEARS,
	M_E_YEARS_REVERSED,
	M_E_YEARS_OVERLAP,
	M_E_YEARS_GAP,
	M_E_BAD_DURATION,
	M_E_BAD_FREQUENCY,
	M_E_BAD_DATE,
	M_E_NO_RESPONSIBLE,
	M_E_UNANSWERED,
	M_E_NO_SECTION,
	M_E_NOT_A_QUESTION,
	M_E_NOT_IN_FORM,
	M_E_NOT_ALLOWED_MD,
	M_E_PLACEHOLDER,
	M_E_CODE_BLOCK,
	M_E_LINK_SCHEME,
	/* errors: templates */
	M_E_TEMPLATE_READ,
	M_E_TEMPLATE_NAME,
	M_E_TEMPLATE_STYLE,
	/* errors: PDF output */
	M_E_STYLE_READ,
	M_E_STYLE_SYNTAX,
	M_E_STYLE_KEY,
	M_E_STYLE_SHAPE,
	M_E_STYLE_VALUE,
	M_E_FONT,
	M_E_GLYPH,
	M_E_PDF,
	M_E_SYSTEM,
	M__COUNT
};

/* Registers a file and returns it; the caller keeps no ownership.
 * text must be heap memory of len bytes plus a NUL, now owned here. */
const struct srcfile *src_add(const char *name, char *text, size_t len);
void src_free_all(void);

/* Computes the line and column of byte offset off in f. */
struct span span_at(const struct srcfile *f, size_t off, size_t end);

/* Reports a message from the catalogue at span (NULL: no location). */
void diag(const struct span *sp, enum msg m, ...);
/* Reports a free-form note (M_NOTE_FREE) at span. */

/* The worst level reported so far, or -1 when nothing was. */
int diag_worst(void);
unsigned diag_count(enum diag_level level);
void diag_reset(void);
/* Where messages go: stderr by default; NULL silences them (fuzzing). */
void diag_set_stream(void *stream);
/* Stop counting after this many errors (0: no limit); more are dropped
 * with one closing note. */
void diag_set_limit(unsigned max_errors);

#endif
