/* overview.c - the deadlines of many zones as one list: a table for
 * the terminal, Markdown, an HTML page, CSV (RFC 4180) or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cli/overview.h"
#include "out/escape.h"

static const char *const formats[] = {
	[OV_TEXT] = "text", [OV_MD] = "md", [OV_HTML] = "html",
	[OV_CSV] = "csv", [OV_JSON] = "json",
};

int
ov_format(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(formats); i++)
		if (strcmp(name, formats[i]) == 0)
			return (int)i;
	return -1;
}

static char *
dup(const char *s)
{
	return xstrdup(s ? s : "");
}

void
ov_add_row(struct overview *o, const struct ov_row *r)
{
	struct ov_row *n;

	o->rows = xgrow(o->rows, o->n, sizeof(*o->rows));
	n = &o->rows[o->n++];
	n->zone = dup(r->zone);
	n->page = dup(r->page);
	n->id = dup(r->id);
	n->start = dup(r->start);
	n->end = dup(r->end);
	n->event = dup(r->event);
	n->due = dup(r->due);
	n->what = dup(r->what);
	n->from = dup(r->from);
	n->to = dup(r->to);
	n->how = dup(r->how);
	n->file = dup(r->file);
	n->line = r->line;
}

void
ov_add(struct overview *o, const char *zone, const char *page,
    const struct doc_deadline *d)
{
	const struct ov_row r = {
		(char *)zone, (char *)page, (char *)d->id, (char *)d->start,
		(char *)d->end, (char *)d->event, (char *)d->due,
		(char *)d->summary, (char *)d->from, (char *)d->to,
		(char *)d->how, (char *)d->file, d->line,
	};

	ov_add_row(o, &r);
}

void
ov_add_failed(struct overview *o, const char *name)
{
	o->failed = xgrow(o->failed, o->nfailed, sizeof(*o->failed));
	o->failed[o->nfailed++] = xstrdup(name);
}

/* 0: dated; 1: after an event not dated; 2: due in words. */
static int
group(const struct ov_row *r)
{
	return r->start[0] ? 0 : r->event[0] ? 1 : 2;
}

static int
by_date(const void *a, const void *b)
{
	const struct ov_row *x = a, *y = b;
	int c = group(x) - group(y);

	if (c == 0)
		c = strcmp(x->start, y->start);
	if (c == 0)
		c = strcmp(x->end, y->end);
	if (c == 0)
		c = strcmp(x->event, y->event);
	if (c == 0)
		c = strcmp(x->zone, y->zone);
	if (c == 0)
		c = strcmp(x->file, y->file);
	if (c == 0)
		c = (x->line > y->line) - (x->line < y->line);
	return c ? c : strcmp(x->id, y->id);
}

void
ov_sort(struct overview *o)
{
	if (o->n > 1)
		qsort(o->rows, o->n, sizeof(*o->rows), by_date);
}

void
ov_row_free(struct ov_row *r)
{
	free(r->zone);
	free(r->page);
	free(r->id);
	free(r->start);
	free(r->end);
	free(r->event);
	free(r->due);
	free(r->what);
	free(r->from);
	free(r->to);
	free(r->how);
	free(r->file);
}

void
ov_free(struct overview *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		ov_row_free(&o->rows[i]);
	free(o->rows);
	for (i = 0; i < o->nfailed; i++)
		free(o->failed[i]);
	free(o->failed);
	memset(o, 0, sizeof(*o));
}

/* Zero-width and double-width ranges of Unicode, enough for the text
 * of agreements: accents written as combining marks, the odd CJK name
 * or emoji. */
static int
cp_width(unsigned cp)
{
	static const unsigned zero[][2] = {
		{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
		{0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
		{0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
		{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
	};
	static const unsigned wide[][2] = {
		{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
		{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
		{0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F},
		{0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
		{0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
	};
	size_t i;

	for (i = 0; i < NELEM(zero); i++)
		if (cp >= zero[i][0] && cp <= zero[i][1])
			return 0;
	for (i = 0; i < NELEM(wide); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

size_t
ov_width(const char *s)
{
	size_t w = 0, k;

	while (*s) {
		k = utf8_valid_len((const unsigned char *)s, strlen(s));
		if (k == 0) {
			s++;
			w++;
			continue;
		}
		w += (size_t)cp_width(utf8_decode(&s));
	}
	return w;
}

/* When, as the text, Markdown and HTML forms show it: a date, a range
 * of dates, or the words of an undated deadline. */
static void
when(struct buf *b, const struct ov_row *r)
{
	if (!r->start[0])
		buf_puts(b, r->due);
	else if (strcmp(r->start, r->end) == 0)
		buf_puts(b, r->start);
	else
		buf_printf(b, "%s \xe2\x80\x93 %s", r->start, r->end);
}

static void
place(struct buf *b, const struct ov_row *r)
{
	buf_puts(b, r->file);
	if (r->line)
		buf_printf(b, ":%u", r->line);
}

enum { C_WHEN, C_ZONE, C_FROM, C_TO, C_HOW, C_SOURCE, C_WHAT, NCOLS };

/* The cells of a row, in the order of the columns (heap strings). */
static void
cells(const struct ov_row *r, char **c)
{
	struct buf b = {0};

	when(&b, r);
	c[C_WHEN] = buf_take(&b);
	c[C_ZONE] = xstrdup(r->zone);
	c[C_FROM] = xstrdup(r->from);
	c[C_TO] = xstrdup(r->to);
	c[C_HOW] = xstrdup(r->how);
	place(&b, r);
	c[C_SOURCE] = buf_take(&b);
	c[C_WHAT] = xstrdup(r->what);
}

static void
pad(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_putc(b, ' ');
}

/*
 * The table for a terminal: columns two spaces apart, aligned by their
 * display width; what is done comes last, unpadded, as it is the
 * longest. A newline in a cell would break the table: it is a space.
 */
static void
text(const struct overview *o, struct buf *out)
{
	static const char *const head[NCOLS] = {
		"WHEN", "ZONE", "FROM", "TO", "HOW", "SOURCE", "WHAT",
	};
	size_t w[NCOLS], i, k, len;
	char *(*c)[NCOLS] = xcalloc(o->n + 1, sizeof(*c));

	for (k = 0; k < NCOLS; k++)
		w[k] = ov_width(head[k]);
	for (i = 0; i < o->n; i++) {
		cells(&o->rows[i], c[i]);
		for (k = 0; k < NCOLS; k++) {
			char *p;

			for (p = c[i][k]; *p; p++)
				if (*p == '\n' || *p == '\t')
					*p = ' ';
			if ((len = ov_width(c[i][k])) > w[k])
				w[k] = len;
		}
	}
	for (i = 0; i <= o->n; i++) {
		const char *const *row = i == 0 ? head :
		    (const char *const *)c[i - 1];

		for (k = 0; k < NCOLS; k++) {
			buf_puts(out, row[k]);
			if (k + 1 < NCOLS)
				pad(out, w[k] - ov_width(row[k]) + 2);
		}
		buf_putc(out, '\n');
	}
	for (i = 0; i < o->n; i++)
		for (k = 0; k < NCOLS; k++)
			free(c[i][k]);
	free(c);
}

/* Text in Markdown: the characters that would start markup (a table's
 * '|' among them) escaped with '\\', a newline a space. */
static void
md_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\*_`[]<&#", *s))
			buf_putc(b, '\\');
		buf_putc(b, *s == '\n' ? ' ' : *s);
	}
}

static void
md_cell(struct buf *b, const char *s)
{
	buf_puts(b, " ");
	md_text(b, s);
	buf_puts(b, " |");
}

static const char *const head_nl[NCOLS] = {
	"Wanneer", "Zone", "Van", "Aan", "Hoe", "Bron", "Wat",
};

static void
markdown(const struct overview *o, struct buf *out)
{
	char *c[NCOLS];
	size_t i, k;

	buf_puts(out, "# Termijnen\n\n|");
	for (k = 0; k < NCOLS; k++)
		buf_printf(out, " %s |", head_nl[k]);
	buf_puts(out, "\n|");
	for (k = 0; k < NCOLS; k++)
		buf_puts(out, "---|");
	buf_putc(out, '\n');
	for (i = 0; i < o->n; i++) {
		cells(&o->rows[i], c);
		buf_putc(out, '|');
		for (k = 0; k < NCOLS; k++) {
			md_cell(out, c[k]);
			free(c[k]);
		}
		buf_putc(out, '\n');
	}
	if (o->nfailed) {
		buf_puts(out, "\nNiet opgenomen, want de bron bevat fouten:\n\n");
		for (i = 0; i < o->nfailed; i++) {
			buf_puts(out, "- ");
			md_text(out, o->failed[i]);
			buf_putc(out, '\n');
		}
	}
}

static void
esc(struct buf *b, const char *s)
{
	esc_html(b, s, strlen(s));
}

static const char html_head[] =
"<!DOCTYPE html>\n"
"<html lang=\"nl\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
"style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
"<title>Termijnen van de afsprakenkaders</title>\n"
"<meta name=\"generator\" content=\"afc " AFC_VERSION "\">\n"
"<style>\n"
"body { font-family: sans-serif; margin: 2em; color: #222;"
" overflow-wrap: break-word; }\n"
".skip { position: absolute; left: .5em; top: -10em; padding: .5em .9em;"
" background: #fff; border: 2px solid; }\n"
".skip:focus { top: .5em; }\n"
"table { border-collapse: collapse; }\n"
"th, td { text-align: left; vertical-align: top; padding: .3em .6em;"
" border-bottom: 1px solid #ccc; }\n"
"tr.undated td:first-child { font-style: italic; }\n"
"td.when { white-space: nowrap; }\n"
/* on a phone, each deadline a block: when, then each value named */
"@media screen and (max-width: 40rem) {\n"
"body { margin: 1em; }\n"
"table, tbody, tr, td { display: block; }\n"
"thead { position: absolute; width: 1px; height: 1px; overflow: hidden;"
" clip: rect(0 0 0 0); }\n"
"tr { padding: .5em 0; border-bottom: 1px solid #ccc; }\n"
"td { padding: .1em 0; border: 0; }\n"
"td:empty { display: none; }\n"
"td.when { white-space: normal; font-weight: bold; }\n"
"td[data-label]::before { content: attr(data-label) \": \"; color: #555; }\n"
"}\n"
"</style>\n"
"</head>\n"
"<body>\n"
"<a class=\"skip\" href=\"#hoofdinhoud\">Naar de hoofdinhoud</a>\n"
"<main id=\"hoofdinhoud\">\n"
"<h1>Termijnen van de afsprakenkaders</h1>\n"
"<p>Elke termijn van elke zone, op datum; termijnen zonder datum "
"(na een gebeurtenis die nog geen datum heeft, of in woorden) "
"achteraan, per gebeurtenis.</p>\n";

/* A standalone page: it is written next to index.html by a build, and
 * by afc deadlines --to html, without the zone templates. */
static void
html(const struct overview *o, struct buf *out)
{
	char *c[NCOLS];
	size_t i, k;

	buf_puts(out, html_head);
	buf_puts(out, "<table>\n<thead>\n<tr>");
	for (k = 0; k < NCOLS; k++)
		buf_printf(out, "<th scope=\"col\">%s</th>", head_nl[k]);
	buf_puts(out, "</tr>\n</thead>\n<tbody>\n");
	for (i = 0; i < o->n; i++) {
		const struct ov_row *r = &o->rows[i];

		cells(r, c);
		buf_printf(out, "<tr%s>", r->start[0] ? "" :
		    " class=\"undated\"");
		for (k = 0; k < NCOLS; k++) {
			if (k == C_WHEN)
				buf_puts(out, "<td class=\"when\">");
			else
				buf_printf(out, "<td data-label=\"%s\">",
				    head_nl[k]);
			if (k == C_ZONE && r->page[0]) {
				buf_puts(out, "<a href=\"");
				esc_file_href(out, r->page);
				buf_puts(out, "\">");
				esc(out, c[k]);
				buf_puts(out, "</a>");
			} else {
				esc(out, c[k]);
			}
			buf_puts(out, "</td>");
			free(c[k]);
		}
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n");
	if (o->nfailed) {
		buf_puts(out, "<p>Niet opgenomen, want de bron bevat fouten:"
		    "</p>\n<ul>\n");
		for (i = 0; i < o->nfailed; i++) {
			buf_puts(out, "<li>");
			esc(out, o->failed[i]);
			buf_puts(out, "</li>\n");
		}
		buf_puts(out, "</ul>\n");
	}
	buf_puts(out, "</main>\n</body>\n</html>\n");
}

/* A CSV field (RFC 4180): quoted when it holds a comma, a quote or a
 * line break, a quote doubled. */
static void
csv_field(struct buf *b, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				buf_putc(b, '"');
			buf_putc(b, *s);
		}
		buf_putc(b, '"');
	} else {
		buf_puts(b, s);
	}
	buf_puts(b, last ? "\r\n" : ",");
}

static void
csv(const struct overview *o, struct buf *out)
{
	char line[16];
	size_t i;

	buf_puts(out, "zone,deadline,start,end,event,due,what,from,to,how,"
	    "file,line\r\n");
	for (i = 0; i < o->n; i++) {
		const struct ov_row *r = &o->rows[i];

		csv_field(out, r->zone, 0);
		csv_field(out, r->id, 0);
		csv_field(out, r->start, 0);
		csv_field(out, r->end, 0);
		csv_field(out, r->event, 0);
		csv_field(out, r->due, 0);
		csv_field(out, r->what, 0);
		csv_field(out, r->from, 0);
		csv_field(out, r->to, 0);
		csv_field(out, r->how, 0);
		csv_field(out, r->file, 0);
		snprintf(line, sizeof(line), "%u", r->line);
		csv_field(out, r->line ? line : "", 1);
	}
}

/* "key": "value", or null for "". */
static void
json_key(struct buf *b, const char *key, const char *v, int first)
{
	buf_printf(b, "%s\"%s\": ", first ? "" : ", ", key);
	if (*v)
		buf_json_string(b, v);
	else
		buf_puts(b, "null");
}

static void
json(const struct overview *o, struct buf *out)
{
	size_t i;

	buf_puts(out, "{\n  \"generator\": \"afc " AFC_VERSION "\",\n"
	    "  \"deadlines\": [");
	for (i = 0; i < o->n; i++) {
		const struct ov_row *r = &o->rows[i];

		buf_puts(out, i ? ",\n    {" : "\n    {");
		json_key(out, "zone", r->zone, 1);
		json_key(out, "deadline", r->id, 0);
		json_key(out, "start", r->start, 0);
		json_key(out, "end", r->end, 0);
		json_key(out, "event", r->event, 0);
		json_key(out, "due", r->due, 0);
		json_key(out, "what", r->what, 0);
		json_key(out, "from", r->from, 0);
		json_key(out, "to", r->to, 0);
		json_key(out, "how", r->how, 0);
		json_key(out, "file", r->file, 0);
		buf_printf(out, ", \"line\": %u}", r->line);
	}
	buf_puts(out, o->n ? "\n  ],\n  \"failed\": [" : "],\n  \"failed\": [");
	for (i = 0; i < o->nfailed; i++) {
		buf_puts(out, i ? ", " : "");
		buf_json_string(out, o->failed[i]);
	}
	buf_puts(out, "]\n}\n");
}

void
ov_render(const struct overview *o, enum ov_format f, struct buf *out)
{
	switch (f) {
	case OV_TEXT:
		text(o, out);
		break;
	case OV_MD:
		markdown(o, out);
		break;
	case OV_HTML:
		html(o, out);
		break;
	case OV_CSV:
		csv(o, out);
		break;
	case OV_JSON:
		json(o, out);
		break;
	}
}
