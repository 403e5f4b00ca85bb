/* unit-layout.c - the layout engine: line breaking, hyphenation and
 * page breaking on known input, and the stylesheet reader. */
#include <stdint.h>
#include <stdlib.h>

#include "base/diag.h"
#include "base/util.h"
#include "out/layout.h"
#include "unit.h"

/* Messages of the stylesheets loaded. */
static struct diags tdg;

/* Every character half an em wide. */
static double
fixed_width(void *ctx, enum face f, double size, const char *s, size_t n)
{
	double w = 0;
	size_t i;

	(void)ctx;
	(void)f;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w += size / 2;
	return w;
}

/* A paragraph of boxes of the given widths with glue between them. */
static size_t
paragraph(const double *w, size_t n, struct item *it)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		it[k++] = (struct item){IT_BOX, w[i], 0, 0, 0, 0, 0, 0};
		if (i + 1 < n)
			it[k++] = (struct item){IT_GLUE, 3, 1.5, 1, 0, 0, 0, 0};
	}
	it[k++] = (struct item){IT_PENALTY, 0, 0, 0, -PENALTY_INF, 0, 0, 0};
	return k;
}

/* First fit would put five words on the first line and leave the
 * second very loose; total fit takes four, then three, then two. */
static void
test_total_fit(void)
{
	static const double w[] = {4, 12, 12, 4, 10, 15, 12, 8, 12};
	struct item it[32];
	size_t brk[32], n = paragraph(w, NELEM(w), it);
	size_t nl = break_lines(it, n, 50, 0, brk);

	CHECK("total fit: three lines", nl == 3);
	CHECK("total fit: breaks after words 4 and 7",
	    nl == 3 && brk[0] == 7 && brk[1] == 13 && brk[2] == n - 1);
}

static void
test_equal_words(void)
{
	static const double w[] = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
	struct item it[32];
	size_t brk[32], n = paragraph(w, NELEM(w), it);
	size_t nl = break_lines(it, n, 40, 0, brk);

	CHECK("equal words: three to a line", nl == 4 && brk[0] == 5 &&
	    brk[1] == 11 && brk[2] == 17 && brk[3] == 19);
}

/* A word wider than the line still gets a line of its own. */
static void
test_overfull(void)
{
	static const double w[] = {10, 80, 10};
	struct item it[8];
	size_t brk[8], n = paragraph(w, NELEM(w), it);

	CHECK("overfull word: three lines", break_lines(it, n, 40, 0, brk) == 3);
}

static void
test_hyphen_break(void)
{
	struct item it[8] = {
		{IT_BOX, 30, 0, 0, 0, 0, 0, 0},
		{IT_GLUE, 3, 1.5, 1, 0, 0, 0, 0},
		{IT_BOX, 12, 0, 0, 0, 0, 0, 0},
		{IT_PENALTY, 2, 0, 0, 100, 1, 0, 0},
		{IT_BOX, 20, 0, 0, 0, 0, 0, 0},
		{IT_PENALTY, 0, 0, 0, -PENALTY_INF, 0, 0, 0},
	};
	size_t brk[8];

	CHECK("hyphen taken when the word does not fit",
	    break_lines(it, 6, 47, 0, brk) == 2 && brk[0] == 3);
}

static char *
hyphenated(struct hyph *h, const char *w)
{
	size_t pos[16], n = hyph_points(h, w, strlen(w), pos, 16), i, from = 0;
	struct buf b = {0};

	for (i = 0; i < n; i++) {
		buf_add(&b, w + from, pos[i] - from);
		buf_putc(&b, '-');
		from = pos[i];
	}
	buf_puts(&b, w + from);
	return buf_take(&b);
}

static void
test_hyphenation(void)
{
	static const char *words[][2] = {
		{"verantwoordelijkheid", "ver-ant-woor-de-lijk-heid"},
		{"samenwerking", "sa-men-wer-king"},
		{"eerstelijnszone", "eer-ste-lijns-zone"},
		{"geëvalueerd", "geë-va-lu-eerd"},
		{"Coördinator", "Coör-di-na-tor"},
		{"rol", "rol"},
	};
	struct hyph *h = hyph_open("/usr/share/hyphen/hyph_nl_BE.dic",
	    "/usr/share/hyphen/hyph_nl.dic", 2, 3);
	size_t i;

	CHECK("hyphenation: Dutch patterns load", h != NULL);
	for (i = 0; h && i < NELEM(words); i++) {
		char *got = hyphenated(h, words[i][0]);

		CHECK_STR(words[i][0], got, words[i][1]);
		free(got);
	}
	hyph_close(h);
}

/* Two lines of one paragraph, then four of the next, on pages of five
 * lines: the fifth line cannot end the page (it would leave one line,
 * a widow), so the page ends after the fourth. */
static void
test_widow(void)
{
	struct vline v[6] = {
		{10, 0, 0}, {10, 0, 0},
		{10, 0, 1}, {10, 0, 0}, {10, 0, 1}, {10, 0, 0},
	};
	size_t page[6];

	CHECK("widow: two pages", break_pages(v, 6, 50, page) == 2);
	CHECK("widow: last two lines together", page[3] == 0 && page[4] == 1 &&
	    page[5] == 1);
}

/* Lines of 10 on pages of 10 lines, every line a place to break. */
static size_t
pages_of(size_t n, const size_t *kept, size_t nkept, size_t *page)
{
	struct vline v[32];
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = (struct vline){10, 0, 0};
	for (i = 0; i < nkept; i++)
		v[kept[i]].keep = 1;
	return break_pages(v, n, 100, page);
}

/* A last page of a few lines takes lines from the page before, as
 * many as give it six, if that leaves six there too and that page may
 * end there; else it stays as it is. */
static void
test_balance(void)
{
	size_t page[32], kept[] = {6};

	CHECK("balance: 23 lines, three pages", pages_of(23, NULL, 0, page) == 3);
	CHECK("balance: the last page gets six lines",
	    page[16] == 1 && page[17] == 2 && page[19] == 2 && page[9] == 0 &&
	    page[10] == 1);
	CHECK("balance: 13 lines, two pages", pages_of(13, NULL, 0, page) == 2);
	CHECK("balance: seven and six", page[6] == 0 && page[7] == 1);
	CHECK("balance: a line kept with the next", pages_of(13, kept, 1, page) == 2 &&
	    page[5] == 0 && page[6] == 1);
	CHECK("balance: 11 lines, two pages", pages_of(11, NULL, 0, page) == 2);
	CHECK("balance: no page left with fewer than six",
	    page[9] == 0 && page[10] == 1);
	CHECK("balance: a last page of six stays", pages_of(16, NULL, 0, page) == 2 &&
	    page[9] == 0 && page[10] == 1);
}

static cmark_node *
text_para(const char *s)
{
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);

	cmark_node_set_literal(t, s);
	cmark_node_append_child(p, t);
	return p;
}

/* Eight one-line paragraphs, a heading and a long paragraph on a page
 * with room for the heading and one more line: as a paragraph's first
 * line does not stay alone, the heading moves to the next page. */
static void
test_heading_at_foot(void)
{
	struct metrics m = {fixed_width, NULL};
	struct doc d = {0};
	struct style st;
	struct layout *l;
	cmark_node *h, *p;
	int i;

	if (style_load(&st, "templates/pdf.yaml", &tdg) != 0) {
		CHECK("heading at foot: stylesheet loads", 0);
		return;
	}
	st.page_height = st.margin_top + st.margin_bottom + 8 * st.body.leading +
	    7 * st.body.after + st.section.before + st.section.leading +
	    st.section.after + st.body.leading + 1;
	d.root = cmark_parse_document("", 0, CMARK_OPT_DEFAULT);
	for (i = 0; i < 8; i++)
		cmark_node_append_child(d.root, text_para("Een korte regel."));
	h = cmark_node_new(CMARK_NODE_HEADING);
	cmark_node_set_heading_level(h, 3);
	p = text_para("Kop");
	cmark_node_append_child(h, cmark_node_first_child(p));
	cmark_node_free(p);
	cmark_node_append_child(d.root, h);
	cmark_node_append_child(d.root, text_para("Woord woord woord woord woord "
	    "woord woord woord woord woord woord woord woord woord woord woord "
	    "woord woord woord woord woord woord woord woord woord woord woord."));
	d.meta = (struct doc_meta){"", "", "", "", "", "", "", "", "", "", "", "", ""};
	l = layout_doc(&d, &st, &m, NULL);
	CHECK("heading at foot: one outline entry", l->nmarks == 1);
	CHECK("heading at foot: heading on the second page",
	    l->nmarks == 1 && l->marks[0].page == 1);
	layout_free(l);
	doc_free(&d);
	style_free(&st);
}

/* Lays out the Markdown md with st on fixed-width metrics; h may be NULL. */
static struct layout *
lay_markdown(const char *md, const struct style *st, struct hyph *h)
{
	static const struct metrics m = {fixed_width, NULL};
	struct doc d = {0};
	struct layout *l;

	d.root = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	d.meta = (struct doc_meta){"", "", "", "", "", "", "", "", "", "", "", "", ""};
	l = layout_doc(&d, st, &m, h);
	doc_free(&d);
	return l;
}

/* The number of runs of the given size that end in a hyphen. */
static size_t
count_hyphens(const struct layout *l, double size)
{
	size_t i, k, n = 0;

	for (i = 0; i < l->npages; i++)
		for (k = 0; k < l->pages[i].nruns; k++) {
			const struct run *r = &l->pages[i].runs[k];

			n += r->size == size && r->len > 0 && r->text[r->len - 1] == '-';
		}
	return n;
}

/* Long Dutch words in a narrow column: the paragraph is hyphenated, the
 * heading is not; an empty document still has a page. */
static void
test_headings_unhyphenated(void)
{
	struct hyph *h = hyph_open("/usr/share/hyphen/hyph_nl_BE.dic",
	    "/usr/share/hyphen/hyph_nl.dic", 2, 3);
	struct style st;
	struct layout *l;

	if (style_load(&st, "templates/pdf.yaml", &tdg) != 0) {
		CHECK("headings: stylesheet loads", 0);
		return;
	}
	st.margin_right = st.page_width - st.margin_left - 120;
	l = lay_markdown("### verantwoordelijkheid eerstelijnszone\n\n"
	    "verantwoordelijkheid eerstelijnszone samenwerking\n", &st, h);
	CHECK("headings: paragraph hyphenated", count_hyphens(l, st.body.size) > 0);
	CHECK("headings: heading not hyphenated", count_hyphens(l, st.section.size) == 0);
	layout_free(l);
	l = lay_markdown("", &st, h);
	CHECK("empty document: one page", l->npages == 1);
	layout_free(l);
	style_free(&st);
	hyph_close(h);
}

/* The rightmost end of a run on any page. */
static double
max_right(const struct layout *l)
{
	double m = 0;
	size_t i, k;

	for (i = 0; i < l->npages; i++)
		for (k = 0; k < l->pages[i].nruns; k++) {
			const struct run *r = &l->pages[i].runs[k];

			if (r->x + r->width > m)
				m = r->x + r->width;
		}
	return m;
}

/* A word wider than the line is broken at any character, with a note
 * for the warning; a last line that fits only by shrinking is shrunk. */
static void
test_margins(void)
{
	struct style st;
	struct layout *l;
	double right;

	if (style_load(&st, "templates/pdf.yaml", &tdg) != 0) {
		CHECK("margins: stylesheet loads", 0);
		return;
	}
	st.margin_right = st.page_width - st.margin_left - 100;
	right = st.margin_left + 100;
	/* 20 characters of 5.5 pt: 110 pt on a line of 100. */
	l = lay_markdown("Een abcdefghijklmnopqrst woord.\n", &st, NULL);
	CHECK("overlong word: inside the margin", max_right(l) <= right + 1e-9);
	CHECK("overlong word: noted once", l->noverlong == 1 &&
	    l->overlong[0].len == 20 && l->overlong[0].page == 0);
	layout_free(l);
	/* The last line: "aaaa bbbb cccc dddd" 19 characters (104.5 pt) with
	 * spaces that may shrink by a third. */
	l = lay_markdown("aaaa bbbb cccc dddd\n", &st, NULL);
	CHECK("forced break: shrunk into the line", max_right(l) <= right + 1e-9);
	CHECK("forced break: no word broken", l->noverlong == 0);
	layout_free(l);
	style_free(&st);
}

/* Five words that each fit only hyphenated: never three hyphenated
 * lines in a row. Each line holds one box of 40 and may take the first
 * half (10) of the next word before a hyphen of 2. */
static void
test_hyphens_in_row(void)
{
	struct item it[64];
	size_t brk[64], n = 0, nl, k, row = 0, most = 0;
	int i;

	for (i = 0; i < 6; i++) {
		if (i > 0)
			it[n++] = (struct item){IT_GLUE, 3, 1.5, 1, 0, 0, 0, 0};
		it[n++] = (struct item){IT_BOX, 10, 0, 0, 0, 0, 0, 0};
		it[n++] = (struct item){IT_PENALTY, 2, 0, 0, 50, 1, 0, 0};
		it[n++] = (struct item){IT_BOX, 30, 0, 0, 0, 0, 0, 0};
	}
	it[n++] = (struct item){IT_PENALTY, 0, 0, 0, -PENALTY_INF, 0, 0, 0};
	nl = break_lines(it, n, 55, 0, brk);
	for (k = 0; k < nl; k++) {
		row = it[brk[k]].flagged ? row + 1 : 0;
		if (row > most)
			most = row;
	}
	CHECK("hyphens: some lines hyphenated", nl > 1 && most > 0);
	CHECK("hyphens: at most two in a row", most <= 2);
}

/* The text of the runs of size, line ends marked by '|'. */
static char *
runs_text(const struct layout *l, double size)
{
	struct buf b = {0};
	double y = -1;
	size_t i, k;

	buf_puts(&b, "");
	for (i = 0; i < l->npages; i++)
		for (k = 0; k < l->pages[i].nruns; k++) {
			const struct run *r = &l->pages[i].runs[k];

			if (r->size != size)
				continue;
			if (y >= 0 && r->y != y)
				buf_putc(&b, '|');
			else if (y >= 0)
				buf_putc(&b, ' ');
			buf_add(&b, r->text, r->len);
			y = r->y;
		}
	return buf_take(&b);
}

/* In a narrow column, a declared name and a web address are not
 * hyphenated though the words around them are. */
static void
test_no_hyphen_in_names(void)
{
	struct hyph *h = hyph_open("/usr/share/hyphen/hyph_nl_BE.dic",
	    "/usr/share/hyphen/hyph_nl.dic", 3, 3);
	static const struct metrics m = {fixed_width, NULL};
	static const char md[] = "de samenwerking Gezondheidsmakers samenwerking "
	    "https://www.gezondheidsmakers.be/verantwoordelijkheid "
	    "samenwerking samenwerking Gezondheidsmakers samenwerking\n";
	struct doc d = {0};
	struct style st;
	struct layout *l;
	char *t;

	if (style_load(&st, "templates/pdf.yaml", &tdg) != 0 || h == NULL) {
		CHECK("names: stylesheet and patterns load", 0);
		return;
	}
	st.margin_right = st.page_width - st.margin_left - 200;
	d.root = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	d.meta = (struct doc_meta){"", "", "", "", "", "", "", "", "", "", "", "", ""};
	d.names = "Gezondheidsmakers\nSooi De Maeyer\n";
	l = layout_doc(&d, &st, &m, h);
	t = runs_text(l, st.body.size);
	CHECK("names: other words hyphenated", strstr(t, "-|") != NULL);
	CHECK("names: the name whole, twice", strstr(t, "Gezondheidsmakers") &&
	    strstr(strstr(t, "Gezondheidsmakers") + 1, "Gezondheidsmakers"));
	CHECK("names: the address broken only after a slash",
	    strstr(t, "https://www.gezondheidsmakers.be/|verantwoordelijkheid") != NULL);
	free(t);
	layout_free(l);
	doc_free(&d);
	style_free(&st);
	hyph_close(h);
}

/* A question of the form is set ragged (one run a line: its words at
 * their natural spacing) and unhyphenated; a page does not end between
 * it and the second line of its answer. */
static void
test_question(void)
{
	struct hyph *h = hyph_open("/usr/share/hyphen/hyph_nl_BE.dic",
	    "/usr/share/hyphen/hyph_nl.dic", 3, 3);
	static const struct metrics m = {fixed_width, NULL};
	struct doc d = {0};
	struct style st;
	struct layout *l;
	cmark_node *list, *item, *q, *a;
	size_t i, k, lines = 0, hyphens = 0, qpage = SIZE_MAX, apage = 0;
	int j;

	if (style_load(&st, "templates/pdf.yaml", &tdg) != 0 || h == NULL) {
		CHECK("question: stylesheet and patterns load", 0);
		return;
	}
	st.margin_right = st.page_width - st.margin_left - 200;
	/* Room for six lines of the first paragraph, the question's two
	 * lines and the answer's first paragraph of one line. */
	st.page_height = st.margin_top + st.margin_bottom + 6 * st.body.leading +
	    st.body.after + st.question.before + 2 * st.question.leading +
	    st.question.after + st.answer.leading + 1;
	d.root = cmark_parse_document("", 0, CMARK_OPT_DEFAULT);
	cmark_node_append_child(d.root, text_para("Een alinea van zes regels "
	    "met woorden woorden woorden woorden woorden woorden woorden woorden "
	    "woorden woorden woorden woorden woorden woorden woorden woorden "
	    "woorden woorden woorden woorden."));
	list = cmark_node_new(CMARK_NODE_LIST);
	item = cmark_node_new(CMARK_NODE_ITEM);
	q = doc_new_block(DOC_QUESTION);
	a = doc_new_block(DOC_ANSWER);
	cmark_node_append_child(q, text_para("Welke verantwoordelijkheid "
	    "hebben samenwerkingsverbanden?"));
	for (j = 0; j < 2; j++)
		cmark_node_append_child(a, text_para("Antwoordregel een."));
	cmark_node_append_child(item, q);
	cmark_node_append_child(item, a);
	cmark_node_append_child(list, item);
	cmark_node_append_child(d.root, list);
	d.meta = (struct doc_meta){"", "", "", "", "", "", "", "", "", "", "", "", ""};
	l = layout_doc(&d, &st, &m, h);
	for (i = 0; i < l->npages; i++)
		for (k = 0; k < l->pages[i].nruns; k++) {
			const struct run *r = &l->pages[i].runs[k];

			if (r->face != FACE_BOLD || r->artifact || r->len < 2)
				continue;
			lines++;
			hyphens += r->text[r->len - 1] == '-';
			if (qpage == SIZE_MAX)
				qpage = i;
		}
	for (i = 0; i < l->npages; i++)
		for (k = 0; k < l->pages[i].nruns; k++)
			if (l->pages[i].runs[k].len >= 13 &&
			    memcmp(l->pages[i].runs[k].text, "Antwoordregel", 13) == 0 &&
			    apage == 0)
				apage = i;
	CHECK("question: two ragged lines, one run each", lines == 2);
	CHECK("question: not hyphenated", hyphens == 0);
	CHECK("question: on the page of its answer", qpage == 1 && apage == 1);
	layout_free(l);
	doc_free(&d);
	style_free(&st);
	hyph_close(h);
}

static void
test_bad_stylesheet(void)
{
	static const char bad[] = "body:\n  size: 11\n  colour: \"#000000\"\n";
	const char *path = "build/unit-bad-style.yaml";
	struct style st;
	FILE *f = fopen(path, "w"), *sink = fopen("/dev/null", "w");
	struct diags dg;

	fputs(bad, f);
	fclose(f);
	diags_init(&dg, sink, 0);
	CHECK("stylesheet: unknown key rejected", style_load(&st, path, &dg) == -1);
	CHECK("stylesheet: one error", diag_count(&dg, DIAG_ERROR) == 1);
	diags_free(&dg);
	fclose(sink);
	remove(path);
}

int
main(void)
{
	diags_init(&tdg, stderr, 0);
	test_total_fit();
	test_equal_words();
	test_overfull();
	test_hyphen_break();
	test_hyphenation();
	test_widow();
	test_balance();
	test_heading_at_foot();
	test_headings_unhyphenated();
	test_margins();
	test_hyphens_in_row();
	test_no_hyphen_in_names();
	test_question();
	test_bad_stylesheet();
	diags_free(&tdg);
	UNIT_EXIT();
}
