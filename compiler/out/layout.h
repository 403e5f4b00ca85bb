/* layout.h - the layout engine: the document tree becomes pages of
 * placed words, rules, links and outline entries. Included by pdf.c
 * (the device that draws them) and tests/unit-layout.c.
 *
 * The engine knows fonts only through struct metrics. Coordinates are
 * PostScript points from the bottom left corner of an A4 page, as in
 * PDF. Paragraphs are broken into lines by total fit (Knuth-Plass) and
 * lines into pages greedily, keeping headings with what follows and
 * leaving no widow or orphan line. */
#ifndef AFC_LAYOUT_H
#define AFC_LAYOUT_H

#include <stddef.h>

#include "lower/doc.h"
#include "out/hyph.h"
#include "out/style.h"

struct metrics {
	/* The width in points of the UTF-8 text s[0..n) in face f at size. */
	double (*width)(void *ctx, enum face f, double size, const char *s, size_t n);
	void *ctx;
};

/* How a redline marks words: struck through or underlined. */
enum deco { DECO_NONE, DECO_DEL, DECO_INS };

/* Text set in one face at one place. */
struct run {
	double x, y;		/* start of its baseline */
	double width;
	enum face face;
	double size;
	struct rgb color;
	const char *text;	/* UTF-8, len bytes, not NUL-terminated */
	size_t len;
	const char *uri;	/* the link it belongs to, or NULL */
	const char *ref;	/* the anchor it links to (a redline's), or NULL */
	enum deco deco;
	int artifact;		/* of the running header or footer */
	size_t elem;		/* its structure element; 0: none */
};

/* The structure of the document, for tagged PDF: element 0 is the
 * document, every other has a parent of a lower index. */
enum elem_type {
	E_DOCUMENT, E_H1, E_H2, E_H3, E_H4, E_P, E_L, E_LI, E_LBL, E_LBODY,
	E_QUOTE, E_LINK
};

struct elem {
	enum elem_type type;
	size_t parent;
};

struct rule {
	double x1, y1, x2, y2, width;
	struct rgb color;
};

/* An outline entry: a heading of the given level (2 to 4). */
struct mark {
	int level;
	const char *title;	/* UTF-8, NUL-terminated */
	size_t page;		/* 0-based */
	double y;		/* top of the heading */
};

/* A place a redline's links go to: a changed block's first line. */
struct anchor {
	const char *id;		/* "wijziging-3" */
	size_t page;		/* 0-based */
	double y;		/* top of the line */
};

struct page {
	struct run *runs;
	size_t nruns;
	struct rule *rules;
	size_t nrules;
};

/* Figures about the justified lines (all but the last of a paragraph):
 * the width of their spaces as a multiple of the natural space. */
struct layout_stats {
	size_t lines, justified, hyphens;
	double stretch_sum, stretch_max;
};

/* A word wider than its line, broken where the line ends. */
struct overlong {
	const char *text;	/* UTF-8, len bytes */
	size_t len;
	size_t page;		/* 0-based */
};

struct layout {
	struct page *pages;
	size_t npages;
	struct mark *marks;
	size_t nmarks;
	struct layout_stats stats;
	struct overlong *overlong;
	size_t noverlong;
	struct anchor *anchors;	/* sorted by id (strcmp) */
	size_t nanchors;
	struct elem *elems;	/* in reading order */
	size_t nelems;
	char **strings;		/* owned text the runs point into */
	size_t nstrings;
};

/* Lays out d in the page geometry and typography of st. h may be NULL
 * (no hyphenation). Never fails; free the result with layout_free. */
struct layout *layout_doc(const struct doc *d, const struct style *st,
    const struct metrics *m, struct hyph *h);
void layout_free(struct layout *l);

/* The anchor of l with the given id, or NULL. */
const struct anchor *layout_anchor(const struct layout *l, const char *id);

/* The items of a paragraph for line breaking (Knuth-Plass). */
enum item_type { IT_BOX, IT_GLUE, IT_PENALTY };

#define PENALTY_INF 10000	/* a penalty of -PENALTY_INF forces a break */

struct item {
	enum item_type type;
	double width, stretch, shrink;
	int penalty, flagged;	/* penalties: cost, and "adds a hyphen" */
	size_t seg, nseg;	/* boxes: their text (layout.c's own use) */
};

/* Breaks the paragraph it[0..n), which ends with a forced break, into
 * lines of the given width with the fewest total demerits. ragged: lines
 * are not stretched and may end short. Writes the index of the item
 * ending each line into brk (room for n) and returns the number of
 * lines. Every line ending in a forced break is set flush left. */
size_t break_lines(const struct item *it, size_t n, double width, int ragged,
    size_t *brk);

/* A line as the page breaker sees it. */
struct vline {
	double height;		/* from its top to the next line's top */
	double before;		/* space above it, dropped at the top of a page */
	int keep;		/* no page may end after this line */
};

/* Puts lines v[0..n) on pages of the given height: writes each line's
 * 0-based page into page and returns the number of pages. A page ends
 * after a line without keep, unless a run of kept lines is taller than
 * a page. A last page of fewer than six lines takes lines from the
 * page before, if that page keeps six and may end there. */
size_t break_pages(const struct vline *v, size_t n, double height, size_t *page);

#endif
