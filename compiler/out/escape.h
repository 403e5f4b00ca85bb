/* escape.h - the one HTML escaper, the link filter and the form of a
 * link's address. Included by the backends; every byte of text that
 * reaches an HTML page, and every link's address, goes through one of
 * these. */
#ifndef AFC_ESCAPE_H
#define AFC_ESCAPE_H

#include <stddef.h>

#include "base/util.h"

/* Appends s[0..n) to b, safe both as element text and inside a quoted
 * attribute value: & < > " ' become character references. Control
 * characters other than newline are dropped and invalid UTF-8 becomes
 * U+FFFD, so that the result is always valid HTML text. */
void esc_html(struct buf *b, const char *s, size_t n);

/* Whether url may become a link: its scheme is http:, https: or mailto:
 * (in any case). Everything else, relative references included, is
 * shown as plain text. */
int esc_url_allowed(const char *url);

/* Appends url in its percent-encoded, 7-bit form, the one every
 * backend writes: the bytes outside the characters URLs use (controls,
 * space, ", <, >, \, ^, `, {, |, } and every byte of a non-ASCII
 * character) become %XX, and so does a '%' that does not start an
 * escape. The caller has checked the url with esc_url_allowed. */
void esc_url(struct buf *b, const char *url);

/* Appends url as an href value: esc_url's form, escaped as by
 * esc_html. */
void esc_href(struct buf *b, const char *url);

/* Appends "./" and the file name s, every byte but [A-Za-z0-9._~-]
 * percent-encoded: a link to an output file that no file name can turn
 * into another scheme. */
void esc_file_href(struct buf *b, const char *s);

#endif
