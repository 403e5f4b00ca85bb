/* util.h - memory, growable buffers and small string helpers.
 * Included by every compiler source file. */
#ifndef AFC_UTIL_H
#define AFC_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation failure is handled once, here: the process exits with
 * status 3 after a message. None of these return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Makes room for element n of an array appended to one element at a
 * time: the capacity doubles at each power of two, so that n appends
 * cost O(n) even where realloc always moves (sanitizers). */
void *xgrow(void *p, size_t n, size_t size);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends s as a JSON string (RFC 8259): in quotes, '"' and '\\'
 * escaped, control characters as \n, \t, ... or \u00XX; the UTF-8
 * of other characters as it is. */
void buf_json_string(struct buf *b, const char *s);
/* Hands the contents over to the caller (never NULL) and empties b. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

/* Length of the valid UTF-8 sequence starting at s (at most n bytes),
 * or 0 when the bytes there are not valid UTF-8. */
size_t utf8_valid_len(const unsigned char *s, size_t n);
/* Decodes one code point from valid UTF-8; advances *s. */
unsigned utf8_decode(const char **s);
void utf8_encode(struct buf *b, unsigned cp);

/* A hash of a string for the tables of names, keyed at random once
 * per run (see util.c): the order of a table is not deterministic. */
size_t str_hash(const char *s);

/* Names to numbers (an index into the caller's array), so that a list
 * of names is searched in constant time: a form of thousands of
 * questions, each answered, is checked in linear time. The names are
 * the caller's and must outlive the index; an empty index is {0}. */
struct nameidx {
	struct nameidx_slot {
		const char *name;
		size_t value;
	} *slot;
	size_t cap, n;
};

/* Enters name (not yet in ix) with value. */
void nameidx_put(struct nameidx *ix, const char *name, size_t value);
/* Whether name is in ix; its value in *value. */
int nameidx_get(const struct nameidx *ix, const char *name, size_t *value);
void nameidx_free(struct nameidx *ix);

/*
 * The candidate closest to a misspelt name, for a "did you mean" note:
 * within two edits (one for names of up to five letters), never the name
 * itself, and none for names shorter than three letters, where one
 * letter off is a guess. Past the error limit (diag_muted) its note
 * is not shown: the caller does not search.
 */
struct nearest {
	const char *name;
	const char *best;	/* NULL until a candidate is close enough */
	size_t dist;
};

void nearest_init(struct nearest *nr, const char *name);
void nearest_try(struct nearest *nr, const char *candidate);

/* Edit distance between two strings, giving up (returning limit + 1)
 * once it exceeds limit. */
size_t edit_distance(const char *a, const char *b, size_t limit);

/* Reads a whole regular file; returns NULL and sets errno on failure:
 * ENODEV for a FIFO, device or socket (never waited for), EISDIR, EFBIG
 * past READ_FILE_MAX bytes. */
#define READ_FILE_MAX (64u << 20)
char *read_file(const char *path, size_t *len);
/* Reads standard input to its end, whatever it is (a pipe, a terminal,
 * a file): what the user gave explicitly is waited for. At most
 * READ_FILE_MAX bytes, else NULL with errno EFBIG. */
char *read_stdin(size_t *len);
/* Opens path for reading, without blocking, if it is a regular file of
 * at most max bytes (its size in *size unless NULL); returns the
 * descriptor, or -1 with errno set as read_file does. */
int open_regular(const char *path, size_t max, size_t *size);
/* Whether path could be opened so: 0, or -1 with errno set. */
int file_check(const char *path, size_t max);
/* The reason for errno err after one of these, in words: strerror's,
 * or what ENODEV and EFBIG mean here. */
const char *file_strerror(int err);

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
