/* lines.c - the plain line diff shown when a side does not compile, and
 * the reader's text that git's textconv compares. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"

struct lines {
	const char **s;
	size_t *n;
	size_t count;
};

static void
split_lines(struct lines *l, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *e;

	memset(l, 0, sizeof(*l));
	while (p < end) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		l->s = xgrow(l->s, l->count, sizeof(*l->s));
		l->n = xgrow(l->n, l->count, sizeof(*l->n));
		l->s[l->count] = p;
		l->n[l->count++] = (size_t)(e - p);
		p = e + 1;
	}
}

/* Past this many cells the middle is shown as replaced as a whole. */
#define LINES_MAX_CELLS (16u << 20)

struct edit {
	char c;
	size_t i, j;
};

static int
line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->n[i] == b->n[j] && memcmp(a->s[i], b->s[j], a->n[i]) == 0;
}

static struct edit *
line_script(const struct lines *a, const struct lines *b, size_t *ne)
{
	size_t n = a->count, m = b->count, p = 0, s = 0, N, M, i, j, k;
	struct edit *v = xcalloc(n + m + 1, sizeof(*v));
	uint32_t *L = NULL;

	*ne = 0;
	while (p < n && p < m && line_eq(a, p, b, p))
		p++;
	while (s < n - p && s < m - p && line_eq(a, n - 1 - s, b, m - 1 - s))
		s++;
	for (k = 0; k < p; k++)
		v[(*ne)++] = (struct edit){'=', k, k};
	N = n - p - s;
	M = m - p - s;
	if (N > 0 && M > 0 && (N + 1) <= LINES_MAX_CELLS / (M + 1))
		L = xcalloc((N + 1) * (M + 1), sizeof(*L));
#define AT(x, y) L[(x) * (M + 1) + (y)]
	if (L) {
		for (i = N; i-- > 0;)
			for (j = M; j-- > 0;)
				AT(i, j) = line_eq(a, p + i, b, p + j) ?
				    AT(i + 1, j + 1) + 1 :
				    (AT(i + 1, j) >= AT(i, j + 1) ?
				    AT(i + 1, j) : AT(i, j + 1));
	}
	i = j = 0;
	while (i < N || j < M) {
		if (L && i < N && j < M && line_eq(a, p + i, b, p + j))
			v[(*ne)++] = (struct edit){'=', p + i++, p + j++};
		else if (i < N && (j == M || !L || AT(i + 1, j) >= AT(i, j + 1)))
			v[(*ne)++] = (struct edit){'-', p + i++, p + j};
		else
			v[(*ne)++] = (struct edit){'+', p + i, p + j++};
	}
#undef AT
	free(L);
	for (k = 0; k < s; k++)
		v[(*ne)++] = (struct edit){'=', n - s + k, m - s + k};
	return v;
}

#define CONTEXT 3

void
diff_lines(struct buf *out, const char *old_name, const char *a, size_t alen,
    const char *new_name, const char *b, size_t blen)
{
	struct lines la, lb;
	struct edit *e;
	size_t ne, k, h, end, last, i, oi, oj, ni, nj;

	split_lines(&la, a, alen);
	split_lines(&lb, b, blen);
	e = line_script(&la, &lb, &ne);
	buf_printf(out, "--- %s\n+++ %s\n", old_name, new_name);
	for (k = 0; k < ne; k = end) {
		if (e[k].c == '=') {
			end = k + 1;
			continue;
		}
		/* a hunk: this change and those within 2 * CONTEXT lines */
		h = k > CONTEXT ? k - CONTEXT : 0;
		while (h < k && e[h].c != '=')
			h++;
		for (last = k, end = k; end < ne; end++) {
			if (e[end].c != '=')
				last = end;
			else if (end - last > 2 * CONTEXT)
				break;
		}
		end = last + CONTEXT + 1 < ne ? last + CONTEXT + 1 : ne;
		oi = e[h].i;
		oj = e[h].j;
		ni = nj = 0;
		for (i = h; i < end; i++) {
			ni += e[i].c != '+';
			nj += e[i].c != '-';
		}
		buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", oi + (ni > 0), ni,
		    oj + (nj > 0), nj);
		for (i = h; i < end; i++) {
			const struct lines *l = e[i].c == '+' ? &lb : &la;
			size_t x = e[i].c == '+' ? e[i].j : e[i].i;

			buf_putc(out, e[i].c == '=' ? ' ' : e[i].c);
			buf_add(out, l->s[x], l->n[x]);
			buf_putc(out, '\n');
		}
	}
	free(e);
	free(la.s);
	free(la.n);
	free(lb.s);
	free(lb.n);
}

/* The reader's text: the title, then one line a paragraph, list items
 * with "- ", every heading as the path of headings above it. */

static void
plain(struct buf *out, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;
	size_t start = out->len;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE: {
			const char *s = cmark_node_get_literal(c);

			for (; *s; s++)
				if (*s != '\n' || out->len > start)
					buf_putc(out, *s == '\n' ? ' ' : *s);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static void
conv(struct buf *out, cmark_node *n, char *heads[5], int depth)
{
	cmark_node *c;
	struct buf b = {0};
	int level, l, first;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(c);
			if (level < 2 || level > 4) {
				buf_puts(out, "# ");
				plain(out, c);
				buf_putc(out, '\n');
				break;
			}
			plain(&b, c);
			for (l = level; l <= 4; l++) {
				free(heads[l]);
				heads[l] = NULL;
			}
			heads[level] = buf_take(&b);
			buf_puts(out, "\n##");
			for (l = 2, first = 1; l <= 4; l++)
				if (heads[l]) {
					buf_printf(out, "%s%s", first ? " " :
					    " \xe2\x80\xba ", heads[l]);
					first = 0;
				}
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_PARAGRAPH:
			for (l = 0; l < depth; l++)
				buf_puts(out, l + 1 == depth ? "- " : "  ");
			plain(out, c);
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_ITEM:
			conv(out, c, heads, depth + 1);
			break;
		default:
			conv(out, c, heads, depth);
			break;
		}
	}
}

void
diff_textconv(const struct doc *doc, struct buf *out)
{
	char *heads[5] = {0};
	int l;

	buf_puts(out, "");
	conv(out, doc->root, heads, 0);
	for (l = 0; l < 5; l++)
		free(heads[l]);
}
