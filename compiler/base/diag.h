/* diag.h - source files, spans and the message catalogue.
 * Included by every stage that reports a problem in the sources.
 *
 * A run's messages are collected in a struct diags: the compile unit of
 * a zone has one, a backend reports into the one it is given. Every
 * source file belongs to one, so a message at a span finds its
 * destination through the span's file; there is no global state. */
#ifndef AFC_DIAG_H
#define AFC_DIAG_H

#include <stdio.h>
#include <stddef.h>

struct diags;

/* A source file held in memory for as long as its diags; spans point
 * into it. */
struct srcfile {
	char *name;		/* as given on the command line or resolved */
	char *text;		/* NUL-terminated copy of the bytes */
	size_t len;
	struct diags *dg;	/* where messages about it go */
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

/* The messages and the files of one compile unit or backend. */
struct diags {
	FILE *stream;		/* NULL: count, print nothing */
	const char *label;	/* printed before file names: "v1.0:" */
	unsigned counts[3];
	unsigned max_errors;	/* stop printing after this many errors,
				 * and as many warnings (0: all) */
	int limit_reported[3];	/* the closing note of a level printed */
	int muted;		/* the last error or warning was dropped */
	struct span last_shown;	/* the span whose line was shown last */
	struct srcfile **files;
	size_t nfiles;
	struct {		/* the column of the last span_at */
		const struct srcfile *f;
		size_t bol, off;
		unsigned col;
	} colcache;
};

/* An empty diags printing to stream (NULL: silent), at most max_errors
 * errors (0: no limit). */
void diags_init(struct diags *dg, FILE *stream, unsigned max_errors);
/* Frees the files of dg; spans into them become invalid. */
void diags_free(struct diags *dg);

/* Registers a file with dg and returns it. text must be heap memory of
 * len bytes plus a NUL, now owned by dg. */
const struct srcfile *src_add(struct diags *dg, const char *name,
    char *text, size_t len);

/* Computes the line and column of byte offset off in f. */
struct span span_at(const struct srcfile *f, size_t off, size_t end);

/*
 * The message catalogue, ordered by severity. Each message is a level
 * and a printf format, named by a macro, so that the compiler checks
 * the arguments of every diag() call against its message's format:
 *
 *     diag(&sp, M_E_DUPLICATE, id);          at a span, to its file's diags
 *     diag_sys(dg, M_E_WRITE, path, why);    without a place
 *
 * tests/messages.test checks that every message is produced by a test.
 */
/* notes */
#define M_NOTE_PREVIOUS DIAG_NOTE, "'%s' was first declared here"
#define M_NOTE_DIDYOUMEAN DIAG_NOTE, "did you mean '%s'?"
#define M_NOTE_FREE DIAG_NOTE, "%s"
#define M_NOTE_DIFF_PLAIN DIAG_NOTE, \
	"%s does not compile; showing a plain diff of the sources instead"

/* warnings */
#define M_W_UNUSED DIAG_WARNING, "%s '%s' is declared but never used"
#define M_W_NO_INVITEES DIAG_WARNING, \
	"municipality '%s' has no extra invitees; write 'invitees none' " \
	"if that is intended"
#define M_W_RAW_HTML DIAG_WARNING, \
	"HTML in the text is not allowed and is shown as plain text"
#define M_W_EMPTY_TEXT DIAG_WARNING, "this text is empty"
#define M_W_INCLUDE_TWICE DIAG_WARNING, \
	"'%s' is already included; this line has no effect"
#define M_W_TODO DIAG_WARNING, \
	"this text is still to be written (it says TODO)"
#define M_W_ZONE_TWICE DIAG_WARNING, \
	"the zone '%s' is also built from '%s'; give each zone its own name"
#define M_W_CLAIMED DIAG_WARNING, \
	"municipality '%s' is also in the zone of '%s'; a municipality " \
	"belongs to one zone"
#define M_W_DUE_PAST DIAG_WARNING, \
	"'%s' is due by %s, before the document's date %s; is the year " \
	"right?"
#define M_W_EMPTY_SECTION DIAG_WARNING, \
	"this %s holds nothing; its heading would stand alone"
#define M_W_OVERLONG DIAG_WARNING, \
	"%s, page %zu: the word '%.*s%s' is wider than the line; " \
	"it is broken where the line ends, without a hyphen"

/* errors: reading */
#define M_E_UTF8 DIAG_ERROR, \
	"this byte is not valid UTF-8; save the file as UTF-8"
#define M_E_NUL DIAG_ERROR, "the file contains a NUL byte"
#define M_E_CR DIAG_ERROR, \
	"carriage return without a line feed after it; end lines with " \
	"LF or CR LF"
#define M_E_TAB DIAG_ERROR, "tab character; use spaces instead"
#define M_E_CHAR DIAG_ERROR, "unexpected character '%s'"
#define M_E_LOOKALIKE DIAG_ERROR, "unexpected character U+%04X %s; %s"
#define M_E_STRING_EOL DIAG_ERROR, \
	"the text in quotes is not closed on this line; add a closing '\"'"
#define M_E_TEXT_EOF DIAG_ERROR, \
	"text block is not closed; end it with a line holding only '\"\"\"'"
#define M_E_TEXT_OPEN DIAG_ERROR, \
	"a text block starts on the line after '\"\"\"'; nothing may follow " \
	"the opening quotes"
#define M_E_TEXT_INDENT DIAG_ERROR, \
	"this line is indented less than the closing '\"\"\"' of its " \
	"text block"
#define M_E_ESCAPE DIAG_ERROR, \
	"unknown escape '\\%s' in quotes; use '\\\"' or '\\\\'"
#define M_E_TOO_LONG DIAG_ERROR, "%s is too long (the limit is %zu bytes)"

/* errors: structure */
#define M_E_EXPECTED DIAG_ERROR, "expected %s, found %s"
#define M_E_UNCLOSED DIAG_ERROR, "'{' is not closed; add a '}'"
#define M_E_STRAY_CLOSE DIAG_ERROR, "'}' without a matching '{'"
#define M_E_TOO_DEEP DIAG_ERROR, \
	"blocks are nested too deeply (the limit is %d levels)"
#define M_E_TEXT_TOO_DEEP DIAG_ERROR, \
	"lists, quotes or emphasis in this text are nested too deeply (the limit is %d levels)"
#define M_E_EMPTY_FILE DIAG_ERROR, \
	"the file is empty; it must hold at least a 'document' block"
#define M_E_INCLUDE DIAG_ERROR, "cannot read included file '%s': %s"
#define M_E_INCLUDE_PLACE DIAG_ERROR, \
	"cannot include '%s': %s"
#define M_E_INCLUDE_LOOP DIAG_ERROR, "'%s' includes itself"
#define M_E_INCLUDE_DEPTH DIAG_ERROR, \
	"includes are nested too deeply (the limit is %d)"

/* errors: meaning */
#define M_E_UNKNOWN_KEYWORD DIAG_ERROR, "unknown keyword '%s' %s"
#define M_E_NOT_HERE DIAG_ERROR, "'%s' is not allowed %s"
#define M_E_ARGS DIAG_ERROR, "'%s' %s"
#define M_E_DUPLICATE DIAG_ERROR, "'%s' is declared twice"
#define M_E_BUILTIN DIAG_ERROR, \
	"'%s' is a name afc already gives a meaning; choose another"
#define M_E_UNKNOWN_REF DIAG_ERROR, "unknown %s '%s'"
#define M_E_WRONG_KIND DIAG_ERROR, "'%s' is a %s, not a %s"
#define M_E_MISSING DIAG_ERROR, "%s is missing '%s'"
#define M_E_REPEATED DIAG_ERROR, "'%s' is given twice here"
#define M_E_BAD_VALUE DIAG_ERROR, "'%s' is not a valid %s; %s"
#define M_E_BAD_YEARS DIAG_ERROR, \
	"'%s' is not a year or year range; write 2026 or 2026-2027"
#define M_E_YEARS_REVERSED DIAG_ERROR, "year range %s ends before it starts"
#define M_E_YEARS_OVERLAP DIAG_ERROR, \
	"%s does not come after %s above it; list the periods in " \
	"order, without overlap"
#define M_E_YEARS_GAP DIAG_ERROR, "the theme schedule has no theme for %s"
#define M_E_BAD_DURATION DIAG_ERROR, \
	"%s; write for example '1 month after council-approval'"
#define M_E_BAD_FREQUENCY DIAG_ERROR, \
	"%s; write for example 'at-least 3 per year'"
#define M_E_DATE_BEFORE_FORM DIAG_ERROR, \
	"'%s' is more than a year before the form %s (%d); is the year right?"
#define M_E_DATE_AFTER_FORM DIAG_ERROR, \
	"'%s' is more than ten years after the form %s (%d); is the year " \
	"right?"
#define M_E_BAD_DATE DIAG_ERROR, "'%s' is not a date; write YYYY-MM-DD"
#define M_E_NO_SUCH_DATE DIAG_ERROR, "'%s' is not a date; %s"
#define M_E_NO_RESPONSIBLE DIAG_ERROR, \
	"municipality '%s' has no responsible official; add a person " \
	"with 'role responsible'"
#define M_E_UNANSWERED DIAG_ERROR, \
	"the form's question '%s' is not answered; add 'answer %s' here"
#define M_E_NO_SECTION DIAG_ERROR, \
	"the form's %s '%s' is missing; add it to the document"
#define M_E_NOT_A_QUESTION DIAG_ERROR, \
	"the form has no question '%s' in %s '%s'"
#define M_E_NOT_IN_FORM DIAG_ERROR, "the form has no %s '%s'%s"
#define M_E_NOT_ALLOWED_MD DIAG_ERROR, \
	"%s is not allowed in the text of an agreement%s"
#define M_E_PLACEHOLDER DIAG_ERROR, "%s"
#define M_E_EXPAND_ALL DIAG_ERROR, \
	"the texts, once their references are filled in, are too long in " \
	"all (the limit is %zu bytes)"
#define M_E_PLACEHOLDER_PLAIN DIAG_ERROR, \
	"'%.*s' would be printed as it is: placeholders are filled in only " \
	"in texts (text, remark, answer, question); write the words in " \
	"'%s' themselves"
#define M_E_TURNS DIAG_ERROR, "%s"
#define M_E_SENTENCE DIAG_ERROR, "'%s' %s: '%s'"
#define M_E_SAME_NAME DIAG_ERROR, \
	"'%s' is named \"%s\" as '%s' is; a %s is declared once"
#define M_E_SAME_TITLE DIAG_ERROR, \
	"'%s' has the heading \"%s\" of '%s' above it; give each %s a " \
	"heading of its own"
#define M_E_INVITEES_NONE DIAG_ERROR, \
	"'%s' is an invitee of '%s', whose declaration says 'invitees " \
	"none'; remove one of the two"
#define M_E_NO_MUNICIPALITIES DIAG_ERROR, \
	"%s the municipalities of the zone, and none is declared; declare " \
	"each, as in: municipality asse \"Asse\""
#define M_E_CODE_BLOCK DIAG_ERROR, \
	"this text would show as program code (a line indented 4 spaces " \
	"more than the text around it, or a ``` fence); remove the " \
	"indentation or the fence"
#define M_E_LINK_SCHEME DIAG_ERROR, \
	"link '%s' is not allowed; only http:, https: and mailto: links are"

/* errors: templates */
#define M_E_TEMPLATE_READ DIAG_ERROR, "cannot read the template '%s': %s"
#define M_E_TEMPLATE_NAME DIAG_ERROR, \
	"unknown placeholder '%.*s'; this template can use %s"
#define M_E_TEMPLATE_STYLE DIAG_ERROR, \
	"the stylesheet may not contain '</style', which would end the " \
	"page's style element"

/* errors: PDF output */
#define M_E_STYLE_READ DIAG_ERROR, "cannot read stylesheet '%s': %s"
#define M_E_STYLE_SYNTAX DIAG_ERROR, "the stylesheet is not valid YAML: %s"
#define M_E_STYLE_KEY DIAG_ERROR, "unknown key '%s' in %s"
#define M_E_STYLE_SHAPE DIAG_ERROR, "'%s' must be %s"
#define M_E_STYLE_VALUE DIAG_ERROR, "'%s' is not a valid %s"
#define M_E_STYLE_RANGE DIAG_ERROR, "'%s' is out of range; %s must be %s"
#define M_E_FONT DIAG_ERROR, "cannot load font '%s': %s"
#define M_E_FONT_BAD DIAG_ERROR, \
	"cannot load font '%s': it is damaged or not a usable TrueType font: %s"
#define M_E_ICC DIAG_ERROR, \
	"cannot read the colour profile '%s' of the PDF/A output intent: %s"
#define M_E_GLYPH DIAG_ERROR, \
	"no font has a glyph for U+%04X ('%s'); the PDF cannot show it"
#define M_E_PDF DIAG_ERROR, "%s: the PDF library could not %s: %s"

/* errors: the system */
#define M_E_READ DIAG_ERROR, "cannot read '%s': %s"
#define M_E_WRITE DIAG_ERROR, "cannot write '%s': %s"
#define M_E_STDOUT DIAG_ERROR, "cannot write standard output: %s"
#define M_E_OUTDIR DIAG_ERROR, "cannot create output directory '%s': %s"
#define M_E_COLLISION DIAG_ERROR, \
	"'%s' and '%s' would both write the outputs named '%s'; rename " \
	"one, or build with --layout tree"
#define M_E_GIVEN_TWICE DIAG_ERROR, "'%s' is given twice"
#define M_E_INDEX_NAME DIAG_ERROR, \
	"'%s' would write %s.html, a page that lists the zones or their " \
	"deadlines; rename it"
#define M_E_GIT DIAG_ERROR, \
	"'git %s' failed; is this a git repository, and are the revisions " \
	"right?"

#define diag(sp, ...) diag_at_((sp), __VA_ARGS__)
#define diag_at_(sp, level, ...) diag_report(NULL, (sp), (level), __VA_ARGS__)
#define diag_sys(dg, ...) diag_sys_((dg), __VA_ARGS__)
#define diag_sys_(dg, level, ...) diag_report((dg), NULL, (level), __VA_ARGS__)

/* Reports a message at sp (into sp->file->dg), or without a place into
 * dg; use the diag() and diag_sys() macros. */
void diag_report(struct diags *dg, const struct span *sp,
    enum diag_level level, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Whether a message of this level at sp (in its file's diags) would
 * be dropped now, past the limit: the caller need not look for its
 * exact place. A note is dropped when the error or warning before it
 * was: the caller skips the search for a did-you-mean. */
int diag_dropping(const struct span *sp, enum diag_level level);

/* The worst level reported so far, or -1 when nothing was. */
int diag_worst(const struct diags *dg);
unsigned diag_count(const struct diags *dg, enum diag_level level);

#endif
