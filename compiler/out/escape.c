/* escape.c - the one HTML escaper, the link filter and the one form
 * of a link's address that every backend writes. */
#include <string.h>
#include <strings.h>

#include "out/escape.h"

/* Code points that HTML forbids in text: controls but tab and newline,
 * and the noncharacters. */
static int
forbidden(unsigned cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n';
	if (cp >= 0x7f && cp <= 0x9f)
		return 1;
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

static void
put_escaped(struct buf *b, char c)
{
	switch (c) {
	case '&':
		buf_puts(b, "&amp;");
		break;
	case '<':
		buf_puts(b, "&lt;");
		break;
	case '>':
		buf_puts(b, "&gt;");
		break;
	case '"':
		buf_puts(b, "&quot;");
		break;
	case '\'':
		buf_puts(b, "&#39;");
		break;
	default:
		buf_putc(b, c);
	}
}

void
esc_html(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *p;
	size_t i = 0, len;

	while (i < n) {
		len = utf8_valid_len(u + i, n - i);
		if (len == 0) {
			buf_puts(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		p = s + i;
		if (!forbidden(utf8_decode(&p))) {
			if (len == 1)
				put_escaped(b, s[i]);
			else
				buf_add(b, s + i, len);
		}
		i += len;
	}
}

int
esc_url_allowed(const char *url)
{
	static const char *schemes[] = {"http:", "https:", "mailto:"};
	size_t i;

	if (url == NULL)
		return 0;
	for (i = 0; i < NELEM(schemes); i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

/* The bytes that stand for themselves in an href: unreserved, reserved
 * and '%' (already encoded input stays as it is). */
static int
href_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c && strchr("-._~!*'();:@&=+$,/?#[]%", c));
}

static int
file_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c && strchr("-._~", c));
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Appends s percent-encoded: the bytes safe() refuses, and a '%' that
 * does not start an escape, become %XX; with html, what is kept is
 * escaped as by esc_html. */
static void
percent_encode(struct buf *b, const char *s, int (*safe)(unsigned char),
    int html)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;

	for (; *u; u++) {
		if (safe(*u) && (*u != '%' || (is_hex((char)u[1]) &&
		    is_hex((char)u[2])))) {
			if (html)
				put_escaped(b, (char)*u);
			else
				buf_putc(b, (char)*u);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*u >> 4]);
			buf_putc(b, hex[*u & 15]);
		}
	}
}

void
esc_url(struct buf *b, const char *url)
{
	percent_encode(b, url, href_safe, 0);
}

void
esc_href(struct buf *b, const char *url)
{
	percent_encode(b, url, href_safe, 1);
}

void
esc_file_href(struct buf *b, const char *s)
{
	buf_puts(b, "./");
	percent_encode(b, s, file_safe, 1);
}
