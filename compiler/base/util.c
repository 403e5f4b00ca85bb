/* util.c - memory, buffers, UTF-8 and file helpers. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

static void
oom(void)
{
	fputs("afc: error: out of memory\n", stderr);
	exit(3);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xgrow(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	if (n > ((size_t)-1 / 2) / size)
		oom();
	return xrealloc(p, (n ? 2 * n : 1) * size);
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		oom();
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_json_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		switch (ch) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		default:
			if (ch < 0x20)
				buf_printf(b, "\\u%04x", ch);
			else
				buf_putc(b, (char)ch);
		}
	}
	buf_putc(b, '"');
}

char *
buf_take(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

size_t
utf8_valid_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

unsigned
utf8_decode(const char **sp)
{
	const unsigned char *s = (const unsigned char *)*sp;
	size_t len = utf8_valid_len(s, 4);
	unsigned cp;
	size_t i;

	if (len <= 1) {
		*sp += 1;
		return s[0];
	}
	cp = s[0] & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
	for (i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	*sp += len;
	return cp;
}

void
utf8_encode(struct buf *b, unsigned cp)
{
	char t[4];

	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		t[0] = (char)(0xc0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (char)(0xe0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		t[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xf0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		t[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, t, 4);
	}
}

/*
 * SipHash-1-3 with a key chosen at random once per run: names crafted
 * to collide in the low bits of a fixed hash (a flood that turns every
 * table look-up into a walk along the whole table) cannot be made in
 * advance. Nothing that afc writes depends on the order in a table.
 */
#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do { \
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2; \
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0; \
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); \
} while (0)

static uint64_t hash_key[2];
static int hash_keyed;

static void
hash_init(void)
{
	int fd;

	hash_keyed = 1;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) >= 0) {
		ssize_t n = read(fd, hash_key, sizeof(hash_key));

		close(fd);
		if (n == (ssize_t)sizeof(hash_key))
			return;
	}
	hash_key[0] = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15u;
	hash_key[1] = (uint64_t)getpid() * 0xc2b2ae3d27d4eb4fu ^
	    (uint64_t)(uintptr_t)&fd;
}

size_t
str_hash(const char *s)
{
	uint64_t v0, v1, v2, v3, m;
	size_t len = strlen(s), i, j;

	if (!hash_keyed)
		hash_init();
	v0 = hash_key[0] ^ 0x736f6d6570736575u;
	v1 = hash_key[1] ^ 0x646f72616e646f6du;
	v2 = hash_key[0] ^ 0x6c7967656e657261u;
	v3 = hash_key[1] ^ 0x7465646279746573u;
	for (i = 0; i + 8 <= len; i += 8) {
		for (m = 0, j = 0; j < 8; j++)
			m |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (m = (uint64_t)len << 56, j = 0; i + j < len; j++)
		m |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
	v3 ^= m;
	SIPROUND;
	v0 ^= m;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return (size_t)(v0 ^ v1 ^ v2 ^ v3);
}

static struct nameidx_slot *
nameidx_find(const struct nameidx *ix, const char *name)
{
	size_t i = str_hash(name) & (ix->cap - 1);

	while (ix->slot[i].name && strcmp(ix->slot[i].name, name) != 0)
		i = (i + 1) & (ix->cap - 1);
	return &ix->slot[i];
}

void
nameidx_put(struct nameidx *ix, const char *name, size_t value)
{
	struct nameidx_slot *old = ix->slot;
	size_t i, oldcap = ix->cap;

	if (2 * (ix->n + 1) > ix->cap) {
		ix->cap = oldcap ? 2 * oldcap : 16;
		ix->slot = xcalloc(ix->cap, sizeof(*ix->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].name)
				*nameidx_find(ix, old[i].name) = old[i];
		free(old);
	}
	*nameidx_find(ix, name) = (struct nameidx_slot){name, value};
	ix->n++;
}

int
nameidx_get(const struct nameidx *ix, const char *name, size_t *value)
{
	const struct nameidx_slot *s;

	if (ix->cap == 0 || (s = nameidx_find(ix, name))->name == NULL)
		return 0;
	*value = s->value;
	return 1;
}

void
nameidx_free(struct nameidx *ix)
{
	free(ix->slot);
	ix->slot = NULL;
	ix->cap = ix->n = 0;
}

void
nearest_init(struct nearest *nr, const char *name)
{
	size_t len = strlen(name);

	nr->name = name;
	nr->best = NULL;
	nr->dist = len < 3 ? 0 : len / 3 + 1 > 2 ? 2 : len / 3 + 1;
}

void
nearest_try(struct nearest *nr, const char *candidate)
{
	size_t d;

	if (nr->dist == 0)
		return;
	d = edit_distance(nr->name, candidate, nr->dist);
	/* A tie keeps the first candidate, so notes do not depend on
	 * anything but the order of declaration. */
	if (d > 0 && (d < nr->dist || (d == nr->dist && nr->best == NULL))) {
		nr->best = candidate;
		nr->dist = d;
	}
}

size_t
edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t *row;

	if ((la > lb ? la - lb : lb - la) > limit || la > 256 || lb > 256)
		return limit + 1;
	row = xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], v;

			v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit) {
			free(row);
			return limit + 1;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

int
open_regular(const char *path, size_t max, size_t *size)
{
	struct stat st;
	int fd, e;

	/* O_NONBLOCK: opening a FIFO with no writer must not wait. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > max) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR :
		    !S_ISREG(st.st_mode) ? ENODEV : EFBIG;
		return -1;
	}
	if (size)
		*size = (size_t)st.st_size;
	return fd;
}

int
file_check(const char *path, size_t max)
{
	int fd = open_regular(path, max, NULL);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

const char *
file_strerror(int err)
{
	switch (err) {
	case ENODEV:
		return "not a regular file (a device, a pipe or a socket)";
	case EFBIG:
		return "larger than the limit of 64 MB";
	default:
		return strerror(err);
	}
}

/* Reads fd to its end, closing it when own is set; size: the bytes
 * expected. */
static char *
read_fd(int fd, int own, size_t size, size_t *lenp)
{
	struct buf b = {0};
	ssize_t n;
	int e;

	/* Room for the file and one byte more, to see its end. */
	buf_grow(&b, size + 1);
	for (;;) {
		if (b.len + 1 >= b.cap)
			buf_grow(&b, 65536);
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		b.len += (size_t)n;
		/* A file that grows while it is read, or a stream. */
		if (b.len > READ_FILE_MAX) {
			n = -1;
			errno = EFBIG;
			break;
		}
	}
	e = errno;
	if (own)
		close(fd);
	if (n < 0) {
		buf_free(&b);
		errno = e;
		return NULL;
	}
	b.data[b.len] = '\0';
	*lenp = b.len;
	return buf_take(&b);
}

char *
read_file(const char *path, size_t *lenp)
{
	size_t size;
	int fd;

	if ((fd = open_regular(path, READ_FILE_MAX, &size)) < 0)
		return NULL;
	return read_fd(fd, 1, size, lenp);
}

char *
read_stdin(size_t *lenp)
{
	return read_fd(STDIN_FILENO, 0, 65536, lenp);
}
