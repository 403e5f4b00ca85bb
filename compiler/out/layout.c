/* layout.c - the document tree to placed lines on pages.
 *
 * Each paragraph becomes a list of items (boxes of text, glue between
 * words, penalties where a word may be hyphenated), broken into lines by
 * break_lines and set justified or ragged. The lines of all blocks form
 * one vertical list that break_pages cuts into pages; then the lines get
 * their final places and the running header and footer are added. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "out/layout.h"

#define HYPHEN_PENALTY	500
#define SLASH_PENALTY	200	/* a break after a slash, no hyphen added */
#define MAX_HYPHENS_IN_ROW 2	/* hyphenated lines in a row, at most */
#define LINE_PENALTY	10
#define FLAGGED_DEMERITS 10000
#define FINAL_HYPHEN_DEMERITS 5000
#define FITNESS_DEMERITS 3000
#define MAX_CUTS	64
#define PRETOLERANCE	1
#define EMERGENCY_PENALTY 5000	/* a break inside an overlong word */
#define MIN_LAST_LINES	6	/* on a last page, if the page before can spare them */

/* A redline's colours, those of templates/redline.css: deleted and
 * inserted words, and the bar beside a changed block. Struck through
 * and underlined as well, they read without colour. */
static const struct rgb del_color = {0x9b / 255.0, 0x1c / 255.0, 0x1c / 255.0, 1};
static const struct rgb ins_color = {0x0b / 255.0, 0x5a / 255.0, 0x1f / 255.0, 1};
static const struct rgb bar_color = {0x8a / 255.0, 0x5a / 255.0, 0x00 / 255.0, 1};
#define BAR_WIDTH	2.0	/* points */
#define BAR_GAP		7.0	/* from the text block to the bar's middle */

/* Grows the array *p of *cap elements of size bytes to hold n + 1. */
static void
grow(void *p, size_t *cap, size_t n, size_t size)
{
	void **pp = p;

	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 16;
	*pp = xrealloc(*pp, *cap * size);
}

/* Line breaking. */

struct node {
	size_t pos;		/* the break item; SIZE_MAX: paragraph start */
	size_t prev;		/* node index, SIZE_MAX for none */
	int fit;
	int hy;			/* hyphenated lines in a row ending here */
	double total;
};

struct breaker {
	const struct item *it;
	size_t n;
	double width, tolerance;
	int ragged, emergency, hyphens;
	double *w, *y, *z;	/* prefix sums of widths, stretch, shrink */
	struct node *nodes;
	size_t nnodes, cap;
	size_t *active;		/* the nodes a line may start from */
	size_t nactive, activecap;
};

static int
forced(const struct item *it)
{
	return it->type == IT_PENALTY && it->penalty <= -PENALTY_INF;
}

/* The first item of a line that starts after the break at pos. */
static size_t
line_start(const struct item *it, size_t n, size_t pos)
{
	size_t s = pos == SIZE_MAX ? 0 : pos + 1;

	while (s < n && it[s].type != IT_BOX && !forced(&it[s]))
		s++;
	return s;
}

/* The adjustment ratio of the line from item s up to the break at e:
 * 0 for a natural fit, positive when it stretches, below -1 when even
 * shrinking cannot make it fit. */
static double
ratio(const struct breaker *b, size_t s, size_t e)
{
	double w = b->w[e] - b->w[s], y = b->y[e] - b->y[s], z = b->z[e] - b->z[s];

	if (b->it[e].type == IT_PENALTY)
		w += b->it[e].width;
	if (w > b->width)
		return z > 0 ? (b->width - w) / z : -HUGE_VAL;
	if (forced(&b->it[e]))
		return 0;
	if (b->ragged)
		y = b->width / 3;
	return y > 0 ? (b->width - w) / y : (w == b->width ? 0 : HUGE_VAL);
}

static int
fitness(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static double
demerits(const struct breaker *b, const struct node *a, size_t e, double r)
{
	const struct item *pe = &b->it[e];
	double bad = 100 * fabs(r * r * r), d;

	/* Not capped as TeX does: when only lines looser than the tolerance
	 * are left (the last pass), the least loose are still preferred. */
	if (bad > 1e8)
		bad = 1e8;
	d = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
	if (pe->type == IT_PENALTY && pe->penalty > 0)
		d += (double)pe->penalty * pe->penalty;
	else if (pe->type == IT_PENALTY && !forced(pe))
		d -= (double)pe->penalty * pe->penalty;
	if (a->pos != SIZE_MAX && pe->flagged && b->it[a->pos].flagged)
		d += FLAGGED_DEMERITS;
	if (a->pos != SIZE_MAX && forced(pe) && b->it[a->pos].flagged)
		d += FINAL_HYPHEN_DEMERITS;	/* a hyphen before the last line */
	if (a->pos != SIZE_MAX && abs(fitness(r) - a->fit) > 1)
		d += FITNESS_DEMERITS;
	return d;
}

static void
add_node(struct breaker *b, size_t pos, size_t prev, int fit, int hy, double total)
{
	grow(&b->nodes, &b->cap, b->nnodes, sizeof(*b->nodes));
	b->nodes[b->nnodes] = (struct node){pos, prev, fit, hy, total};
	grow(&b->active, &b->activecap, b->nactive, sizeof(*b->active));
	b->active[b->nactive++] = b->nnodes++;
}

/* Tries every active node as the start of a line ending at e. */
static void
try_break(struct breaker *b, size_t e)
{
	double best[4][MAX_HYPHENS_IN_ROW + 1], r, d;
	size_t from[4][MAX_HYPHENS_IN_ROW + 1], i, k = 0, last = SIZE_MAX;
	int f, h, flagged = b->it[e].flagged;

	for (f = 0; f < 4; f++)
		for (h = 0; h <= MAX_HYPHENS_IN_ROW; h++)
			best[f][h] = HUGE_VAL;
	for (i = 0; i < b->nactive; i++) {
		struct node *a = &b->nodes[b->active[i]];

		h = flagged ? a->hy + 1 : 0;
		r = ratio(b, line_start(b->it, b->n, a->pos), e);
		if (r >= -1 && (r <= b->tolerance || b->ragged || b->emergency) &&
		    h <= MAX_HYPHENS_IN_ROW) {
			f = fitness(r);
			d = a->total + demerits(b, a, e, r);
			if (d < best[f][h]) {
				best[f][h] = d;
				from[f][h] = b->active[i];
			}
		}
		if (r < -1 || forced(&b->it[e]))
			last = b->active[i];
		else
			b->active[k++] = b->active[i];
	}
	b->nactive = k;
	for (f = 0; f < 4; f++)
		for (h = 0; h <= MAX_HYPHENS_IN_ROW; h++)
			if (best[f][h] < HUGE_VAL)
				add_node(b, e, from[f][h], f, h, best[f][h]);
	/* An overfull line rather than none: a word wider than the line. */
	if (b->nactive == 0 && last != SIZE_MAX && b->emergency)
		add_node(b, e, last, 1, 0, b->nodes[last].total + 1e9);
}

static int
legal_break(const struct item *it, size_t i, int hyphens)
{
	if (it[i].type == IT_PENALTY)
		return it[i].penalty < PENALTY_INF && (hyphens || !it[i].flagged);
	return it[i].type == IT_GLUE && i > 0 && it[i - 1].type == IT_BOX;
}

/* One pass over the paragraph; returns the best final node or SIZE_MAX. */
static size_t
breaker_pass(struct breaker *b)
{
	size_t e, i, best = SIZE_MAX;

	b->nnodes = b->nactive = 0;
	add_node(b, SIZE_MAX, SIZE_MAX, 1, 0, 0);
	for (e = 0; e < b->n && b->nactive > 0; e++)
		if (legal_break(b->it, e, b->hyphens))
			try_break(b, e);
	for (i = 0; i < b->nactive; i++) {
		struct node *a = &b->nodes[b->active[i]];

		if (a->pos == b->n - 1 && (best == SIZE_MAX || a->total < b->nodes[best].total))
			best = b->active[i];
	}
	return best;
}

static void
prefix_sums(struct breaker *b)
{
	size_t i;

	b->w = xcalloc(b->n + 1, sizeof(double));
	b->y = xcalloc(b->n + 1, sizeof(double));
	b->z = xcalloc(b->n + 1, sizeof(double));
	for (i = 0; i < b->n; i++) {
		int counts = b->it[i].type != IT_PENALTY;

		b->w[i + 1] = b->w[i] + (counts ? b->it[i].width : 0);
		b->y[i + 1] = b->y[i] + (b->it[i].type == IT_GLUE ? b->it[i].stretch : 0);
		b->z[i + 1] = b->z[i] + (b->it[i].type == IT_GLUE ? b->it[i].shrink : 0);
	}
}

size_t
break_lines(const struct item *it, size_t n, double width, int ragged, size_t *brk)
{
	/* A first pass without hyphens, as TeX's pretolerance. */
	static const double tolerances[] = {PRETOLERANCE, 2.5, 10};
	struct breaker b = {.it = it, .n = n, .width = width, .ragged = ragged};
	size_t best = SIZE_MAX, k = 0, i, nl;
	unsigned pass;

	if (n == 0)
		return 0;
	prefix_sums(&b);
	for (pass = 0; pass < NELEM(tolerances) && best == SIZE_MAX; pass++) {
		b.tolerance = tolerances[pass];
		b.hyphens = pass > 0;
		b.emergency = pass + 1 == NELEM(tolerances);
		best = breaker_pass(&b);
	}
	for (i = best; i != SIZE_MAX && b.nodes[i].pos != SIZE_MAX; i = b.nodes[i].prev)
		brk[k++] = b.nodes[i].pos;
	for (i = 0, nl = k; i < k / 2; i++) {
		size_t t = brk[i];

		brk[i] = brk[k - 1 - i];
		brk[k - 1 - i] = t;
	}
	free(b.w);
	free(b.y);
	free(b.z);
	free(b.nodes);
	free(b.active);
	return nl;
}

/* Page breaking. */

/* Whether lines v[b..n) fit on one page. */
static int
fits(const struct vline *v, size_t b, size_t n, double height)
{
	double used = 0;
	size_t i;

	for (i = b; i < n; i++)
		used += v[i].height + (i > b ? v[i].before : 0);
	return used <= height;
}

/* A last page of a few lines takes lines from the page before it, the
 * fewest that give it MIN_LAST_LINES, where that page may end, leaving
 * that page as many. */
static void
balance_last(const struct vline *v, size_t n, double height, size_t *page,
    size_t npages)
{
	size_t s, p, b;

	if (npages < 2)
		return;
	for (s = n; s > 0 && page[s - 1] == npages - 1; s--)
		;
	for (p = s; p > 0 && page[p - 1] == npages - 2; p--)
		;
	if (n - s >= MIN_LAST_LINES)
		return;
	for (b = s; b > p + MIN_LAST_LINES; b--) {
		if (!fits(v, b - 1, n, height))
			return;
		if (n - (b - 1) >= MIN_LAST_LINES && !v[b - 2].keep) {
			for (b--; b < s; b++)
				page[b] = npages - 1;
			return;
		}
	}
}

size_t
break_pages(const struct vline *v, size_t n, double height, size_t *page)
{
	size_t start = 0, i, ok, npages = 0;
	double used;

	while (start < n) {
		used = 0;
		ok = SIZE_MAX;
		for (i = start; i < n; i++) {
			double h = v[i].height + (i > start ? v[i].before : 0);

			if (used + h > height && i > start)
				break;
			used += h;
			if (!v[i].keep)
				ok = i;
		}
		if (i < n && ok != SIZE_MAX)
			i = ok + 1;
		for (; start < i; start++)
			page[start] = npages;
		npages++;
	}
	balance_last(v, n, height, page, npages);
	return npages;
}

/* Building the vertical list. */

struct seg {
	size_t off, len;	/* in the paragraph's text */
	enum face face;
	const struct rgb *color;
	const char *uri;
	const char *ref;	/* a redline's link to an anchor */
	enum deco deco;
	double width;
};

struct line {
	double ascent;		/* from the line's top to its baseline */
	size_t run0, nrun, rule0, nrule;
	int bar;		/* of a changed block of a redline */
};

struct marker {
	const char *text;
	enum face face;
	double x;		/* where it starts, or ends when right is set */
	int right;
};

struct lay {
	const struct style *st;
	const struct metrics *m;
	struct hyph *h;
	const char *names;	/* declared names, one a line, or NULL */
	struct layout *out;
	const struct doc *doc;
	struct line *lines;
	struct vline *v;
	size_t nlines, linecap;
	struct run *runs;	/* y relative to their line's baseline */
	size_t nruns, runcap;
	struct rule *rules;	/* y relative to their line's top */
	size_t nrules, rulecap;
	size_t *markline, markcap;
	size_t *anchorline, anchorcap; /* the first line of each anchor */
	int changed;		/* inside a changed block of a redline */
	int rule_above;		/* the next line gets a rule above it */
	double pending;		/* space owed above the next line */
	struct marker marker;	/* to set on the next line */
	size_t marker_elem;	/* its element (Lbl), or 0: the paragraph's */
	size_t parent;		/* the element blocks go into */
	size_t para_elem;	/* the element of the paragraph being set */
	const char *link;	/* the address or anchor of the last link set */
	size_t link_elem;	/* its element (Link) in the paragraph */
	enum elem_type next_type; /* of the next paragraph (0: P) */
	int hold;		/* the next line starts an item or remark */
	size_t held;		/* that line, until the block has a second */
};

enum cut_kind { CUT_HYPHEN, CUT_AFTER_HYPHEN, CUT_SLASH };

struct cut {
	size_t off;
	enum cut_kind kind;
};

/* A paragraph being read. */
struct para {
	struct lay *L;
	const struct blockstyle *bs;
	struct buf text;
	struct seg *segs;
	size_t nsegs, segcap;
	struct item *items;
	size_t nitems, itemcap;
	size_t word_seg;	/* first segment of the word being read */
	int word_open;		/* the last segment takes more text */
	struct cut cuts[MAX_CUTS];
	size_t ncuts;
	int bold, italic, ragged, hyphenate;
	int del, ins;		/* inside DOC_DEL, DOC_INS */
	const char *uri;
	const char *ref;	/* inside a DOC_REF: its target */
	double width;		/* of its lines */
};

enum { P_JUSTIFY = 1, P_HYPHENATE = 2, P_KEEP = 4, P_WHOLE = 8 };

static const char *
keep_string(struct layout *l, char *s)
{
	l->strings = xrealloc(l->strings, (l->nstrings + 1) * sizeof(char *));
	l->strings[l->nstrings++] = s;
	return s;
}

static double
measure(const struct lay *L, enum face f, double size, const char *s, size_t n)
{
	return L->m->width(L->m->ctx, f, size, s, n);
}

static enum face
cur_face(const struct para *p)
{
	int bold = p->bold > 0 || p->bs->face == FACE_BOLD || p->bs->face == FACE_BOLDITALIC;
	int italic = p->italic > 0 || p->bs->face == FACE_ITALIC || p->bs->face == FACE_BOLDITALIC;

	return bold && italic ? FACE_BOLDITALIC : bold ? FACE_BOLD :
	    italic ? FACE_ITALIC : FACE_REGULAR;
}

static struct item *
push_item(struct para *p, enum item_type t, double w)
{
	struct item *it;

	grow(&p->items, &p->itemcap, p->nitems, sizeof(*p->items));
	it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->type = t;
	it->width = w;
	return it;
}

static int
is_letter(unsigned c)
{
	return (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
	    (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7);
}

static void
add_cut(struct para *p, size_t off, enum cut_kind k)
{
	size_t i;

	if (p->ncuts == MAX_CUTS)
		return;
	for (i = p->ncuts; i > 0 && p->cuts[i - 1].off > off; i--)
		p->cuts[i] = p->cuts[i - 1];
	p->cuts[i] = (struct cut){off, k};
	p->ncuts++;
}

/* Adds the hyphenation points of the letter run w[s..e). */
static void
hyphenate_run(struct para *p, const char *w, size_t s, size_t e, size_t base)
{
	size_t pos[MAX_CUTS], n, i;

	n = hyph_points(p->L->h, w + s, e - s, pos, MAX_CUTS);
	for (i = 0; i < n; i++)
		add_cut(p, base + s + pos[i], CUT_HYPHEN);
}

/* Whether w[0..n) holds s. */
static int
holds(const char *w, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(w + i, s, k) == 0)
			return 1;
	return 0;
}

/* Whether w[0..n) is a web or e-mail address. */
static int
is_address(const char *w, size_t n)
{
	while (n > 0 && !is_letter((unsigned char)*w) && *w != '/') {
		w++;
		n--;
	}
	return holds(w, n, "://") || (n > 4 && memcmp(w, "www.", 4) == 0) ||
	    holds(w, n, "@") || (n > 7 && memcmp(w, "mailto:", 7) == 0);
}

/* Whether the word w[0..n), without the punctuation around it, is a
 * word of a declared name (one starting with a capital: "Liedekerke",
 * "Midden-West-Vlaanderen"). */
static int
is_name(const struct lay *L, const char *w, size_t n)
{
	const char *s, *e;
	size_t k;

	while (n > 0 && !is_letter((unsigned char)*w) && ((unsigned char)*w & 0xc0) != 0xc0) {
		w++;
		n--;
	}
	while (n > 0 && strchr(".,;:!?)]}'\"", w[n - 1]))
		n--;
	if (n == 0 || L->names == NULL)
		return 0;
	for (s = L->names; *s; s = e) {
		for (e = s; *e && *e != ' ' && *e != '\n'; e++)
			;
		k = (size_t)(e - s);
		if (k == n && memcmp(s, w, n) == 0 && (*s < 'a' || *s > 'z'))
			return 1;
		if (*e)
			e++;
	}
	return 0;
}

/* Finds where the word text[base..base+n) may break: after a hyphen or
 * slash inside it, and at the hyphenation points of its letter runs
 * unless a soft hyphen already says where. A declared name is not
 * broken; a web or e-mail address only after a slash; of words joined
 * by slashes ("keuzes/prioriteiten") only the last is hyphenated. */
static void
find_cuts(struct para *p, size_t base, size_t n)
{
	const char *w = p->text.data + base, *s = w, *q;
	size_t run = SIZE_MAX, at, last_slash = 0;
	int auto_hyph = p->hyphenate && p->ncuts == 0 && p->L->h != NULL;
	int address = is_address(w, n);
	unsigned c, prev = 0;

	if (is_name(p->L, w, n))
		return;
	if (address)
		auto_hyph = 0;
	for (s = w; (size_t)(s - w) < n; s++)
		if (*s == '/')
			last_slash = (size_t)(s - w) + 1;
	for (s = w; (size_t)(s - w) < n; s = q) {
		at = (size_t)(s - w);
		q = s;
		c = utf8_decode(&q);
		if (is_letter(c) && run == SIZE_MAX)
			run = at;
		if (!is_letter(c) && run != SIZE_MAX) {
			if (auto_hyph && run >= last_slash)
				hyphenate_run(p, w, run, at, base);
			run = SIZE_MAX;
		}
		if ((size_t)(q - w) < n && c == '/' && prev != '/' && *q != '/' && prev != ':')
			add_cut(p, base + (size_t)(q - w), CUT_SLASH);
		else if (!address && (size_t)(q - w) < n && (c == '-' || c == 0x2010) &&
		    is_letter(prev) && is_letter((unsigned char)*q))
			add_cut(p, base + (size_t)(q - w), CUT_AFTER_HYPHEN);
		prev = c;
	}
	if (run != SIZE_MAX && auto_hyph && run >= last_slash)
		hyphenate_run(p, w, run, n, base);
}

static void
push_seg(struct para *p, size_t off, size_t len, const struct seg *like)
{
	struct seg *s;

	grow(&p->segs, &p->segcap, p->nsegs, sizeof(*p->segs));
	s = &p->segs[p->nsegs++];
	*s = *like;
	s->off = off;
	s->len = len;
	s->width = measure(p->L, s->face, p->bs->size, p->text.data + off, len);
}

/* Ends a box at the current segment and adds the penalty of cut c. */
static void
close_box(struct para *p, size_t first, const struct cut *c)
{
	struct item *it = push_item(p, IT_BOX, 0);
	struct seg *last = &p->segs[p->nsegs - 1];
	size_t i;

	it->seg = first;
	it->nseg = p->nsegs - first;
	for (i = first; i < p->nsegs; i++)
		it->width += p->segs[i].width;
	if (c == NULL)
		return;
	it = push_item(p, IT_PENALTY, c->kind == CUT_HYPHEN ?
	    measure(p->L, last->face, p->bs->size, "-", 1) : 0);
	it->penalty = c->kind == CUT_SLASH ? SLASH_PENALTY : HYPHEN_PENALTY;
	it->flagged = c->kind != CUT_SLASH;
}

/* Keeps the cuts strictly inside the word text[base..end). */
static void
inner_cuts(struct para *p, size_t base, size_t end)
{
	size_t i, k = 0;

	for (i = 0; i < p->ncuts; i++)
		if (p->cuts[i].off > base && p->cuts[i].off < end)
			p->cuts[k++] = p->cuts[i];
	p->ncuts = k;
}

/* The width of the box it and of the hyphen its penalty adds. */
static double
box_width(const struct para *p, size_t i)
{
	double w = p->items[i].width;

	if (i + 1 < p->nitems && p->items[i + 1].type == IT_PENALTY)
		w += p->items[i + 1].width;
	return w;
}

/* Cuts the boxes from items[box0] on that are wider than the line into
 * boxes of one character each, with a costly break between them: an
 * emergency break, so that no word is ever set past the margin. */
static void
split_overlong(struct para *p, size_t box0)
{
	struct item *old;
	size_t nold = p->nitems - box0, i, k, nseg;
	struct seg *segs;
	int wide = 0;

	for (i = box0; i < p->nitems; i++)
		if (p->items[i].type == IT_BOX && box_width(p, i) > p->width)
			wide = 1;
	if (!wide)
		return;
	old = xmalloc(nold * sizeof(*old));
	memcpy(old, p->items + box0, nold * sizeof(*old));
	nseg = p->nsegs - old[0].seg;
	segs = xmalloc(nseg * sizeof(*segs));
	memcpy(segs, p->segs + old[0].seg, nseg * sizeof(*segs));
	p->nitems = box0;
	p->nsegs = old[0].seg;
	for (i = 0; i < nold; i++) {
		const struct item *o = &old[i];
		double hy = i + 1 < nold && old[i + 1].type == IT_PENALTY ?
		    old[i + 1].width : 0;

		if (o->type != IT_BOX) {
			*push_item(p, o->type, o->width) = *o;
			continue;
		}
		if (o->width + hy <= p->width) {
			size_t first = p->nsegs;

			for (k = o->seg; k < o->seg + o->nseg; k++) {
				grow(&p->segs, &p->segcap, p->nsegs, sizeof(*p->segs));
				p->segs[p->nsegs++] = segs[k - old[0].seg];
			}
			close_box(p, first, NULL);
			continue;
		}
		for (k = o->seg; k < o->seg + o->nseg; k++) {
			const struct seg *sg = &segs[k - old[0].seg];
			size_t off = sg->off, end = sg->off + sg->len;
			const char *t, *q;

			for (; off < end; off = (size_t)(q - p->text.data)) {
				struct item *pen;

				t = q = p->text.data + off;
				utf8_decode(&q);
				if (p->nitems > box0 && p->items[p->nitems - 1].type == IT_BOX) {
					pen = push_item(p, IT_PENALTY, 0);
					pen->penalty = EMERGENCY_PENALTY;
				}
				push_seg(p, off, (size_t)(q - t), sg);
				close_box(p, p->nsegs - 1, NULL);
			}
		}
	}
	free(old);
	free(segs);
}

/* Turns the word read since the last space into boxes and penalties. */
static void
end_word(struct para *p)
{
	size_t nw = p->nsegs - p->word_seg, i, k = 0, first, base, off, end;
	size_t box0 = p->nitems;
	struct seg *w;

	if (nw == 0)
		return;
	base = p->segs[p->word_seg].off;
	end = p->segs[p->nsegs - 1].off + p->segs[p->nsegs - 1].len;
	find_cuts(p, base, end - base);
	inner_cuts(p, base, end);
	w = xmalloc(nw * sizeof(*w));
	memcpy(w, p->segs + p->word_seg, nw * sizeof(*w));
	p->nsegs = first = p->word_seg;
	for (i = 0; i < nw; i++) {
		for (off = w[i].off; k < p->ncuts && p->cuts[k].off < w[i].off + w[i].len; k++) {
			if (p->cuts[k].off > off)
				push_seg(p, off, p->cuts[k].off - off, &w[i]);
			close_box(p, first, &p->cuts[k]);
			first = p->nsegs;
			off = p->cuts[k].off;
		}
		push_seg(p, off, w[i].off + w[i].len - off, &w[i]);
	}
	close_box(p, first, NULL);
	free(w);
	split_overlong(p, box0);
	p->word_seg = p->nsegs;
	p->word_open = 0;
	p->ncuts = 0;
}

static void
add_space(struct para *p)
{
	struct item *it;
	double sp;

	end_word(p);
	if (p->nitems == 0 || p->items[p->nitems - 1].type != IT_BOX)
		return;
	sp = measure(p->L, cur_face(p), p->bs->size, " ", 1);
	buf_putc(&p->text, ' ');
	it = push_item(p, IT_GLUE, sp);
	if (!p->ragged) {
		it->stretch = sp * p->L->st->stretch;
		it->shrink = sp * p->L->st->shrink;
	}
}

/* Ends the current line: drops a trailing space, adds a forced break. */
static void
add_break(struct para *p)
{
	end_word(p);
	while (p->nitems > 0 && p->items[p->nitems - 1].type == IT_GLUE)
		p->nitems--;
	if (p->nitems > 0 && !forced(&p->items[p->nitems - 1]))
		push_item(p, IT_PENALTY, 0)->penalty = -PENALTY_INF;
}

/* Appends one character of the current face and link to the word. */
static void
add_char(struct para *p, const char *s, size_t n)
{
	struct seg *last = p->nsegs ? &p->segs[p->nsegs - 1] : NULL;
	enum face f = cur_face(p);
	enum deco dc = p->del ? DECO_DEL : p->ins ? DECO_INS : DECO_NONE;
	const struct rgb *col = dc == DECO_DEL ? &del_color :
	    dc == DECO_INS ? &ins_color :
	    p->uri || p->ref ? &p->L->st->link_color : &p->bs->color;

	if (!p->word_open || last->face != f || last->uri != p->uri ||
	    last->ref != p->ref || last->deco != dc) {
		grow(&p->segs, &p->segcap, p->nsegs, sizeof(*p->segs));
		last = &p->segs[p->nsegs++];
		*last = (struct seg){p->text.len, 0, f, col, p->uri, p->ref, dc, 0};
		p->word_open = 1;
	}
	buf_add(&p->text, s, n);
	last->len += n;
}

static void
add_text(struct para *p, const char *s)
{
	const char *q;
	unsigned c;

	while (*s) {
		q = s;
		c = utf8_decode(&q);
		if (c == ' ' || c == '\n' || c == '\t')
			add_space(p);
		else if (c == 0xad)
			add_cut(p, p->text.len, CUT_HYPHEN);
		else
			add_char(p, s, (size_t)(q - s));
		s = q;
	}
}

/* Reads the inlines of a paragraph or heading into items. */
static void
read_inlines(struct para *p, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;
	int d;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		d = ev == CMARK_EVENT_ENTER ? 1 : -1;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			add_text(p, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
			add_space(p);
			break;
		case CMARK_NODE_LINEBREAK:
			add_break(p);
			break;
		case CMARK_NODE_STRONG:
			p->bold += d;
			break;
		case CMARK_NODE_EMPH:
			p->italic += d;
			break;
		case CMARK_NODE_LINK:
			p->uri = d > 0 ? cmark_node_get_url(c) : NULL;
			break;
		case CMARK_NODE_CUSTOM_INLINE:
			if (doc_kind(c) == DOC_DEL)
				p->del += d;
			else if (doc_kind(c) == DOC_INS)
				p->ins += d;
			else if (doc_kind(c) == DOC_REF)
				p->ref = d > 0 ? doc_ref_target(c) : NULL;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	add_break(p);
}

/* Setting lines. */

static struct run *
new_run(struct lay *L)
{
	grow(&L->runs, &L->runcap, L->nruns, sizeof(*L->runs));
	memset(&L->runs[L->nruns], 0, sizeof(*L->runs));
	L->runs[L->nruns].elem = L->para_elem;
	return &L->runs[L->nruns++];
}

/* A new structure element of type t in parent; returns its index. */
static size_t
new_elem(struct lay *L, enum elem_type t, size_t parent)
{
	struct layout *l = L->out;

	l->elems = xrealloc(l->elems, (l->nelems + 1) * sizeof(*l->elems));
	l->elems[l->nelems] = (struct elem){t, parent};
	return l->nelems++;
}

/* Adds a rule of the given colour and width, y from its line's top. */
static void
add_line(struct lay *L, double x1, double y1, double x2, double y2,
    double width, const struct rgb *color)
{
	grow(&L->rules, &L->rulecap, L->nrules, sizeof(*L->rules));
	L->rules[L->nrules++] = (struct rule){x1, y1, x2, y2, width, *color};
}

/* Starts a line of the given style; returns its index. */
static size_t
new_line(struct lay *L, const struct blockstyle *bs)
{
	size_t i = L->nlines, cap = L->linecap;

	grow(&L->lines, &L->linecap, L->nlines, sizeof(*L->lines));
	if (L->linecap != cap)
		L->v = xrealloc(L->v, L->linecap * sizeof(*L->v));
	L->nlines++;
	L->v[i] = (struct vline){bs->leading, L->pending, 0};
	L->lines[i] = (struct line){bs->leading - (bs->leading - bs->size) / 2 -
	    0.22 * bs->size, L->nruns, 0, L->nrules, 0, L->changed > 0};
	if (L->rule_above) {
		double w = L->st->page_width - L->st->margin_left - L->st->margin_right;

		add_line(L, L->st->margin_left, L->pending / 2,
		    L->st->margin_left + w, L->pending / 2, L->st->rule_width,
		    &L->st->rule_color);
		L->rule_above = 0;
	}
	L->pending = 0;
	if (L->held != SIZE_MAX)
		L->v[L->held].keep = 1;
	L->held = L->hold ? i : SIZE_MAX;
	L->hold = 0;
	return i;
}

/* Ends line i: a redline's words get their strokes, struck through
 * at the middle of a lower-case letter or underlined below the
 * baseline, and a changed block's line its bar in the left margin. */
static void
end_line(struct lay *L, size_t i)
{
	struct line *ln = &L->lines[i];
	size_t k;

	for (k = ln->run0; k < L->nruns; k++) {
		const struct run *r = &L->runs[k];
		double y = -ln->ascent + r->y +
		    (r->deco == DECO_DEL ? 0.28 : -0.14) * r->size;

		if (r->deco != DECO_NONE)
			add_line(L, r->x, y, r->x + r->width, y, 0.06 * r->size,
			    &r->color);
	}
	if (ln->bar)
		add_line(L, L->st->margin_left - BAR_GAP, 0,
		    L->st->margin_left - BAR_GAP, -L->v[i].height, BAR_WIDTH,
		    &bar_color);
	ln->nrun = L->nruns - ln->run0;
	ln->nrule = L->nrules - ln->rule0;
}

static void
set_marker(struct lay *L, const struct blockstyle *bs)
{
	struct run *r;
	double w;

	if (L->marker.text == NULL)
		return;
	w = measure(L, L->marker.face, bs->size, L->marker.text, strlen(L->marker.text));
	r = new_run(L);
	r->x = L->marker.right ? L->marker.x - w : L->marker.x;
	r->width = w;
	r->face = L->marker.face;
	if (L->marker_elem)
		r->elem = L->marker_elem;
	L->marker_elem = 0;
	r->size = bs->size;
	r->color = bs->color;
	r->text = L->marker.text;
	r->len = strlen(L->marker.text);
	L->marker.text = NULL;
}

/* Extends the last run of line li by s if s continues its text at x:
 * directly, or after one space set at its natural width. */
static int
join_run(struct lay *L, size_t li, const struct para *p, const struct seg *s,
    double x)
{
	const char *t = p->text.data + s->off;
	struct run *r;
	size_t gap;

	if (L->nruns == L->lines[li].run0)
		return 0;
	r = &L->runs[L->nruns - 1];
	if (r->text < p->text.data ||
	    r->text >= p->text.data + p->text.len ||
	    r->face != s->face || r->uri != s->uri || r->ref != s->ref ||
	    r->deco != s->deco ||
	    r->size != p->bs->size || memcmp(&r->color, s->color, sizeof(r->color)) != 0 ||
	    t < r->text + r->len || (gap = (size_t)(t - (r->text + r->len))) > 1)
		return 0;
	if (fabs(r->x + r->width + measure(L, s->face, r->size, r->text + r->len, gap) - x) > 0.001)
		return 0;
	r->len += gap + s->len;
	r->width = x + s->width - r->x;
	return 1;
}

/* The element (Link) of the link to target in the paragraph being set:
 * one for all its words, over lines too. */
static size_t
link_elem(struct lay *L, const char *target)
{
	if (L->link != target || L->link_elem == 0 ||
	    L->out->elems[L->link_elem].parent != L->para_elem) {
		L->link = target;
		L->link_elem = new_elem(L, E_LINK, L->para_elem);
	}
	return L->link_elem;
}

static void
seg_run(struct lay *L, size_t li, const struct para *p, const struct seg *s,
    double x)
{
	struct run *r;

	if (join_run(L, li, p, s, x))
		return;
	r = new_run(L);
	if (s->uri || s->ref)
		r->elem = link_elem(L, s->uri ? s->uri : s->ref);
	r->x = x;
	r->width = s->width;
	r->face = s->face;
	r->size = p->bs->size;
	r->color = *s->color;
	r->text = p->text.data + s->off;
	r->len = s->len;
	r->uri = s->uri;
	r->ref = s->ref;
	r->deco = s->deco;
}

static void
count_line(struct lay *L, double r, int justified)
{
	struct layout_stats *s = &L->out->stats;
	double f = 1 + r * (r > 0 ? L->st->stretch : L->st->shrink);

	s->lines++;
	if (!justified)
		return;
	s->justified++;
	s->stretch_sum += f;
	if (f > s->stretch_max)
		s->stretch_max = f;
}

/* Places the items s..e of a line from x with ratio r. */
static void
place_items(struct lay *L, size_t li, const struct para *p, size_t s, size_t e,
    double x, double r)
{
	const struct item *it;
	size_t i, k;

	for (i = s; i < e; i++) {
		it = &p->items[i];
		if (it->type == IT_GLUE)
			x += it->width + r * (r > 0 ? it->stretch : it->shrink);
		else if (it->type == IT_BOX)
			for (k = it->seg; k < it->seg + it->nseg; k++) {
				seg_run(L, li, p, &p->segs[k], x);
				x += p->segs[k].width;
			}
	}
	it = &p->items[e];
	if (it->type == IT_PENALTY && it->flagged && it->width > 0 &&
	    L->nruns > L->lines[li].run0) {
		struct run *h = new_run(L);

		*h = L->runs[L->nruns - 2];
		h->x = x;
		h->text = "-";
		h->len = 1;
		h->width = it->width;
		L->out->stats.hyphens++;
	}
}

/* The ratio a line from item s to the break e is set with. */
static double
line_ratio(const struct para *p, size_t s, size_t e, double width)
{
	double w = 0, y = 0, z = 0;
	size_t i;

	for (i = s; i < e; i++) {
		w += p->items[i].type == IT_PENALTY ? 0 : p->items[i].width;
		y += p->items[i].stretch;
		z += p->items[i].shrink;
	}
	w += p->items[e].type == IT_PENALTY ? p->items[e].width : 0;
	if (w <= width)
		return p->ragged || forced(&p->items[e]) || y <= 0 ? 0 : (width - w) / y;
	/* A line that only fits by shrinking is shrunk, a last line too. */
	return z > 0 && w - width < z ? (width - w) / z : -1;
}

/* Notes the word broken by an emergency break at item e on line li,
 * once per word, for the caller to warn about. */
static void
note_overlong(struct lay *L, const struct para *p, size_t e, size_t li)
{
	struct layout *l = L->out;
	const struct seg *sg = &p->segs[p->items[e - 1].seg];
	const char *t = p->text.data, *a = t + sg->off, *z = a;

	while (a > t && a[-1] != ' ')
		a--;
	while (*z && *z != ' ')
		z++;
	if (l->noverlong > 0 && l->overlong[l->noverlong - 1].text == a)
		return;
	l->overlong = xrealloc(l->overlong, (l->noverlong + 1) * sizeof(*l->overlong));
	l->overlong[l->noverlong++] = (struct overlong){a, (size_t)(z - a), li};
}

/* Breaks the paragraph into lines and adds them at x, width w. */
static void
set_para(struct lay *L, struct para *p, double x, double w, int flags)
{
	size_t *brk = xmalloc(p->nitems * sizeof(size_t));
	size_t nl = break_lines(p->items, p->nitems, w, p->ragged, brk);
	size_t k, s, li, first = L->nlines;
	double r;

	keep_string(L->out, p->text.data);
	for (k = 0; k < nl; k++) {
		s = line_start(p->items, p->nitems, k == 0 ? SIZE_MAX : brk[k - 1]);
		li = new_line(L, p->bs);
		if (k == 0)
			set_marker(L, p->bs);
		r = line_ratio(p, s, brk[k], w);
		place_items(L, li, p, s, brk[k], x, r);
		if (p->items[brk[k]].type == IT_PENALTY &&
		    p->items[brk[k]].penalty == EMERGENCY_PENALTY)
			note_overlong(L, p, brk[k], li);
		count_line(L, r, !p->ragged && !forced(&p->items[brk[k]]));
		end_line(L, li);
	}
	/* No widow, no orphan, no page ending in a hyphenated word. */
	for (k = 0; k < nl; k++)
		L->v[first + k].keep |= k + 1 < nl ? !(k >= 1 && nl - k - 1 >= 2) ||
		    p->items[brk[k]].flagged || (flags & P_WHOLE) :
		    (flags & P_KEEP) != 0;
	L->pending = p->bs->after;
	free(brk);
}

static void
para_free(struct para *p)
{
	free(p->segs);
	free(p->items);
}

/* Lays out the inlines of n as one paragraph in style bs. */
static void
lay_para(struct lay *L, cmark_node *n, const struct blockstyle *bs,
    double x, double w, int flags)
{
	struct para p;

	memset(&p, 0, sizeof(p));
	p.L = L;
	p.bs = bs;
	p.ragged = !(flags & P_JUSTIFY);
	p.hyphenate = (flags & P_HYPHENATE) != 0;
	p.width = w;
	buf_puts(&p.text, "");
	if (bs->before > L->pending)
		L->pending = bs->before;
	read_inlines(&p, n);
	if (p.nitems > 0) {
		L->para_elem = new_elem(L, L->next_type ? L->next_type : E_P, L->parent);
		set_para(L, &p, x, w, flags);
		L->para_elem = 0;
	} else {
		free(p.text.data);
	}
	L->next_type = 0;
	para_free(&p);
}

/* Blocks. */

static void lay_blocks(struct lay *L, cmark_node *parent,
    const struct blockstyle *bs, double x, double w);

/* The plain text of a heading, for the outline. */
static const char *
plain_text(struct lay *L, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	struct buf b = {0};
	cmark_node *c;

	buf_puts(&b, "");
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(c) == CMARK_NODE_LINEBREAK)
			buf_putc(&b, ' ');
		else if (cmark_node_get_type(c) == CMARK_NODE_TEXT ||
		    cmark_node_get_type(c) == CMARK_NODE_CODE)
			buf_puts(&b, cmark_node_get_literal(c));
	}
	cmark_iter_free(it);
	return keep_string(L->out, buf_take(&b));
}

static void
lay_heading(struct lay *L, cmark_node *n, double x, double w)
{
	const struct style *st = L->st;
	int level = cmark_node_get_heading_level(n);
	const struct blockstyle *bs = level <= 1 ? &st->title : level == 2 ?
	    &st->part : level == 3 ? &st->section : &st->theme;
	size_t first = L->nlines, i = L->out->nmarks;

	L->next_type = level <= 1 ? E_H1 : level == 2 ? E_H2 : level == 3 ? E_H3 : E_H4;
	lay_para(L, n, bs, x, w, P_KEEP);
	if (level < 2 || L->nlines == first)
		return;
	L->out->marks = xrealloc(L->out->marks, (i + 1) * sizeof(struct mark));
	L->out->marks[i] = (struct mark){level > 4 ? 4 : level, plain_text(L, n), 0, 0};
	grow(&L->markline, &L->markcap, i, sizeof(size_t));
	L->markline[i] = first;
	L->out->nmarks++;
}

/* The marker of item number k of list n in style bs. */
static struct marker
item_marker(struct lay *L, cmark_node *list, int k, const struct blockstyle *bs,
    double x)
{
	struct marker m = {bs->marker, FACE_REGULAR, x + bs->marker_indent, 0};
	struct buf b = {0};

	if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		buf_printf(&b, "%d%c", cmark_node_get_list_start(list) + k,
		    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.');
		m.text = keep_string(L->out, buf_take(&b));
		m.face = bs->face;
		m.x = x + bs->indent - bs->size * 0.4;
		m.right = 1;
	}
	if (m.text && *m.text == '\0')
		m.text = NULL;
	return m;
}

static int
is_list(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_LIST;
}

static int
is_question_list(cmark_node *list)
{
	cmark_node *item = cmark_node_first_child(list);

	return item && doc_kind(cmark_node_first_child(item)) == DOC_QUESTION;
}

/* A redline's changed block n begins: its lines get a bar. */
static const struct doc_mark *
changed_begin(struct lay *L, cmark_node *n)
{
	const struct doc_mark *m = doc_mark(n);

	if (m)
		L->changed++;
	return m;
}

/* The changed block m, whose lines began at first, ends: its id is an
 * anchor at its first line, if it has one. */
static void
changed_end(struct lay *L, const struct doc_mark *m, size_t first)
{
	struct layout *l = L->out;

	if (m == NULL)
		return;
	L->changed--;
	if (m->id == NULL || L->nlines == first)
		return;
	l->anchors = xrealloc(l->anchors, (l->nanchors + 1) * sizeof(*l->anchors));
	l->anchors[l->nanchors] = (struct anchor){m->id, 0, 0};
	grow(&L->anchorline, &L->anchorcap, l->nanchors, sizeof(size_t));
	L->anchorline[l->nanchors++] = first;
}

/* The elements of an item of list l: LI, its Lbl when it has a marker,
 * and LBody, which its blocks go into. */
static void
item_elems(struct lay *L, size_t l)
{
	size_t li = new_elem(L, E_LI, l);

	L->marker_elem = L->marker.text ? new_elem(L, E_LBL, li) : 0;
	L->parent = new_elem(L, E_LBODY, li);
}

/* A list: each item's marker hangs in the indent of its text. */
static void
lay_list(struct lay *L, cmark_node *list, const struct blockstyle *bs,
    double x, double w)
{
	const struct blockstyle *is = bs == &L->st->contacts ? bs : &L->st->list;
	size_t parent = L->parent, l = new_elem(L, E_L, parent);
	cmark_node *item;
	int k = 0;

	if (L->st->list.before > L->pending)
		L->pending = L->st->list.before;
	for (item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		size_t first = L->nlines;
		const struct doc_mark *m = changed_begin(L, item);

		L->marker = item_marker(L, list, k++, is, x);
		item_elems(L, l);
		L->hold = 1;
		lay_blocks(L, item, is, x + is->indent, w - is->indent);
		L->held = SIZE_MAX;
		changed_end(L, m, first);
	}
	L->parent = parent;
	if (L->st->body.after > L->pending)
		L->pending = L->st->body.after;
}

/* Questions of the form, each with its answer below it. */
static void
lay_questions(struct lay *L, cmark_node *list, double x, double w)
{
	const struct style *st = L->st;
	size_t parent = L->parent, l = new_elem(L, E_L, parent);
	cmark_node *item, *c;
	int k = 0;

	for (item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		size_t first = L->nlines;
		const struct doc_mark *m = changed_begin(L, item);

		L->marker = item_marker(L, list, k++, &st->question, x);
		item_elems(L, l);
		for (c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
			if (doc_kind(c) == DOC_QUESTION)
				lay_blocks(L, c, &st->question, x + st->question.indent,
				    w - st->question.indent);
			else {
				/* The answer's first line stays with its
				 * second, and the question with both. */
				L->hold = 1;
				lay_blocks(L, c, &st->answer, x + st->answer.indent,
				    w - st->answer.indent);
				L->held = SIZE_MAX;
			}
		}
		changed_end(L, m, first);
	}
	L->parent = parent;
}

/* A remark: the marker (➢) hangs before its first paragraph. */
static void
lay_remark(struct lay *L, cmark_node *n, double x, double w)
{
	const struct blockstyle *rs = &L->st->remark;

	if (rs->before > L->pending)
		L->pending = rs->before;
	L->marker = (struct marker){rs->marker && *rs->marker ? rs->marker : NULL,
	    FACE_REGULAR, x + rs->marker_indent, 0};
	L->hold = 1;
	lay_blocks(L, n, rs, x + rs->indent, w - rs->indent);
	L->held = SIZE_MAX;
	if (rs->after > L->pending)
		L->pending = rs->after;
}

static void
add_rule(struct lay *L, double x1, double x2, double y)
{
	add_line(L, x1, y, x2, y, L->st->rule_width, &L->st->rule_color);
}

/* The letterhead's lines, ragged, with a rule below them. */
static void
lay_letterhead(struct lay *L, cmark_node *n, double x, double w)
{
	const struct blockstyle *ls = &L->st->letterhead;
	struct blockstyle tight = *ls;
	cmark_node *c;
	size_t last;

	tight.after = 0;
	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		lay_para(L, c, cmark_node_next(c) ? &tight : ls, x, w, P_KEEP);
	if (L->nlines == 0)
		return;
	last = L->nlines - 1;
	add_rule(L, x, x + w, -(ls->leading + ls->after / 2));
	L->lines[last].nrule++;
	L->v[last].keep = 0;
}

static void
lay_titleblock(struct lay *L, cmark_node *n, double x, double w)
{
	struct blockstyle tight = L->st->subtitle;
	cmark_node *c;

	tight.after = 0;
	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_HEADING) {
			L->next_type = E_H1;
			lay_para(L, c, &L->st->title, x, w, P_KEEP);
		} else
			lay_para(L, c, cmark_node_next(c) ? &tight : &L->st->subtitle,
			    x, w, P_KEEP);
	if (L->nlines > 0)
		L->v[L->nlines - 1].keep = 0;
}

/* A redline's list of changes, between a rule above and one below. */
static void
lay_changes(struct lay *L, cmark_node *n, const struct blockstyle *bs,
    double x, double w)
{
	size_t first = L->nlines, last;

	L->rule_above = 1;
	lay_blocks(L, n, bs, x, w);
	L->rule_above = 0;
	if (L->nlines == first)
		return;
	last = L->nlines - 1;
	add_rule(L, x, x + w, -(L->v[last].height + L->pending / 2));
	L->lines[last].nrule++;
}

static void
lay_custom(struct lay *L, cmark_node *n, const struct blockstyle *bs,
    double x, double w)
{
	switch (doc_kind(n)) {
	case DOC_LETTERHEAD:
		lay_letterhead(L, n, x, w);
		break;
	case DOC_TITLEBLOCK:
		lay_titleblock(L, n, x, w);
		break;
	case DOC_REMARK:
		lay_remark(L, n, x, w);
		break;
	case DOC_CONTACTS:
		lay_blocks(L, n, &L->st->contacts, x, w);
		break;
	case DOC_CHANGES:
		lay_changes(L, n, bs, x, w);
		break;
	default:
		lay_blocks(L, n, bs, x, w);
		break;
	}
}

static void
lay_kind(struct lay *L, cmark_node *n, const struct blockstyle *bs,
    double x, double w)
{
	const struct style *st = L->st;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		/* A question is set ragged, unhyphenated, in one piece. */
		lay_para(L, n, bs, x, w, bs == &st->question ? P_KEEP | P_WHOLE :
		    P_JUSTIFY | P_HYPHENATE | (is_list(cmark_node_next(n)) ? P_KEEP : 0));
		break;
	case CMARK_NODE_HEADING:
		lay_heading(L, n, x, w);
		break;
	case CMARK_NODE_LIST:
		if (is_question_list(n))
			lay_questions(L, n, x, w);
		else
			lay_list(L, n, bs, x, w);
		break;
	case CMARK_NODE_BLOCK_QUOTE: {
		size_t parent = L->parent;

		L->parent = new_elem(L, E_QUOTE, parent);
		lay_blocks(L, n, &st->quote, x + st->quote.indent, w - st->quote.indent);
		L->parent = parent;
		break;
	}
	case CMARK_NODE_CUSTOM_BLOCK:
		lay_custom(L, n, bs, x, w);
		break;
	default:
		lay_blocks(L, n, bs, x, w);
		break;
	}
}

static void
lay_block(struct lay *L, cmark_node *n, const struct blockstyle *bs,
    double x, double w)
{
	size_t first = L->nlines;
	const struct doc_mark *m = changed_begin(L, n);

	lay_kind(L, n, bs, x, w);
	changed_end(L, m, first);
}

static void
lay_blocks(struct lay *L, cmark_node *parent, const struct blockstyle *bs,
    double x, double w)
{
	cmark_node *c;

	for (c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		lay_block(L, c, bs, x, w);
}

/* Pages. */

/* The runs and rules of the header and footer of a page. */
#define RUNNING_RUNS	4
#define RUNNING_RULES	1

/* Makes n pages with room for the runs and rules of their lines. */
static void
new_pages(struct lay *L, const size_t *page, size_t n)
{
	struct layout *l = L->out;
	size_t i;

	l->pages = xcalloc(n, sizeof(*l->pages));
	l->npages = n;
	for (i = 0; i < L->nlines; i++) {
		l->pages[page[i]].nruns += L->lines[i].nrun;
		l->pages[page[i]].nrules += L->lines[i].nrule;
	}
	for (i = 0; i < n; i++) {
		l->pages[i].runs = xcalloc(l->pages[i].nruns + RUNNING_RUNS, sizeof(struct run));
		l->pages[i].rules = xcalloc(l->pages[i].nrules + RUNNING_RULES, sizeof(struct rule));
		l->pages[i].nruns = l->pages[i].nrules = 0;
	}
}

/* Copies r onto pg, y higher, in the room new_pages made. */
static void
page_run(struct page *pg, const struct run *r, double y)
{
	pg->runs[pg->nruns] = *r;
	pg->runs[pg->nruns++].y += y;
}

/* Copies r onto pg, y higher, in the room new_pages made. */
static void
page_rule(struct page *pg, const struct rule *r, double y)
{
	pg->rules[pg->nrules] = *r;
	pg->rules[pg->nrules].y1 += y;
	pg->rules[pg->nrules++].y2 += y;
}

/* Gives every line its page and place; returns the line tops. */
static void
place_lines(struct lay *L, const size_t *page, double *top)
{
	const struct style *st = L->st;
	double y = 0;
	size_t i, k;

	for (i = 0; i < L->nlines; i++) {
		const struct line *ln = &L->lines[i];
		struct page *pg = &L->out->pages[page[i]];

		if (i == 0 || page[i] != page[i - 1])
			y = st->page_height - st->margin_top;
		else
			y -= L->v[i].before;
		top[i] = y;
		for (k = 0; k < ln->nrun; k++)
			page_run(pg, &L->runs[ln->run0 + k], y - ln->ascent);
		for (k = 0; k < ln->nrule; k++)
			page_rule(pg, &L->rules[ln->rule0 + k], y);
		y -= L->v[i].height;
	}
}

/* A line of the running header or footer: left and right text. */
static void
running_line(struct lay *L, struct page *pg, const struct blockstyle *bs,
    double y, const char *left, const char *right)
{
	const struct style *st = L->st;
	struct run r = {0};

	r.face = bs->face;
	r.size = bs->size;
	r.color = bs->color;
	r.artifact = 1;
	if (left && *left) {
		r.x = st->margin_left;
		r.text = left;
		r.len = strlen(left);
		r.width = measure(L, r.face, r.size, r.text, r.len);
		page_run(pg, &r, y);
	}
	if (right && *right) {
		r.text = right;
		r.len = strlen(right);
		r.width = measure(L, r.face, r.size, r.text, r.len);
		r.x = st->page_width - st->margin_right - r.width;
		page_run(pg, &r, y);
	}
}

/* The header (from the second page on) and footer ("pagina X van Y"). */
static void
running(struct lay *L)
{
	const struct style *st = L->st;
	const struct doc_meta *m = &L->doc->meta;
	double hy = st->page_height - st->margin_top + st->header.after;
	double fy = st->margin_bottom - st->footer.before;
	struct buf b = {0};
	size_t i;

	for (i = 0; i < L->out->npages; i++) {
		struct page *pg = &L->out->pages[i];
		struct rule r = {st->margin_left, 0, st->page_width - st->margin_right,
		    0, st->rule_width, st->rule_color};

		if (i > 0) {
			running_line(L, pg, &st->header, hy, m->title, m->zone);
			page_rule(pg, &r, hy - st->header.size * 0.45);
		}
		buf_printf(&b, "pagina %zu van %zu", i + 1, L->out->npages);
		running_line(L, pg, &st->footer, fy, m->council, keep_string(L->out, buf_take(&b)));
	}
}

static int
anchor_cmp(const void *a, const void *b)
{
	return strcmp(((const struct anchor *)a)->id, ((const struct anchor *)b)->id);
}

const struct anchor *
layout_anchor(const struct layout *l, const char *id)
{
	struct anchor key = {id, 0, 0};

	if (l->nanchors == 0)
		return NULL;
	return bsearch(&key, l->anchors, l->nanchors, sizeof(key), anchor_cmp);
}

static void
paginate(struct lay *L)
{
	const struct style *st = L->st;
	size_t *page = xcalloc(L->nlines + 1, sizeof(size_t));
	double *top = xcalloc(L->nlines + 1, sizeof(double));
	size_t n, i;

	n = break_pages(L->v, L->nlines,
	    st->page_height - st->margin_top - st->margin_bottom, page);
	if (n == 0)
		n = 1;		/* a PDF has at least one page */
	new_pages(L, page, n);
	place_lines(L, page, top);
	for (i = 0; i < L->out->noverlong; i++)
		L->out->overlong[i].page = page[L->out->overlong[i].page];
	for (i = 0; i < L->out->nmarks; i++) {
		L->out->marks[i].page = page[L->markline[i]];
		L->out->marks[i].y = top[L->markline[i]];
	}
	for (i = 0; i < L->out->nanchors; i++) {
		L->out->anchors[i].page = page[L->anchorline[i]];
		L->out->anchors[i].y = top[L->anchorline[i]];
	}
	if (L->out->nanchors > 1)
		qsort(L->out->anchors, L->out->nanchors, sizeof(struct anchor),
		    anchor_cmp);
	running(L);
	free(page);
	free(top);
}

struct layout *
layout_doc(const struct doc *d, const struct style *st,
    const struct metrics *m, struct hyph *h)
{
	struct lay L;
	double x = st->margin_left;
	double w = st->page_width - st->margin_left - st->margin_right;

	memset(&L, 0, sizeof(L));
	L.st = st;
	L.m = m;
	L.h = h;
	L.names = d->names;
	L.doc = d;
	L.held = SIZE_MAX;
	L.out = xcalloc(1, sizeof(*L.out));
	new_elem(&L, E_DOCUMENT, 0);
	lay_blocks(&L, d->root, &st->body, x, w);
	paginate(&L);
	free(L.lines);
	free(L.v);
	free(L.runs);
	free(L.rules);
	free(L.markline);
	free(L.anchorline);
	return L.out;
}

void
layout_free(struct layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->npages; i++) {
		free(l->pages[i].runs);
		free(l->pages[i].rules);
	}
	for (i = 0; i < l->nstrings; i++)
		free(l->strings[i]);
	free(l->strings);
	free(l->pages);
	free(l->marks);
	free(l->anchors);
	free(l->overlong);
	free(l->elems);
	free(l);
}
