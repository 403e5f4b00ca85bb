/* unit-html.c - the HTML backend on document trees built here: structure,
 * ids and table of contents, escaping, links, templates, the index. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "base/diag.h"
#include "out/backend.h"
#include "out/escape.h"
#include "unit.h"

/* A custom block of kind k holding the blocks of the Markdown md. */
static cmark_node *
block(enum doc_kind k, const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_node *b = doc_new_block(k), *c;

	while ((c = cmark_node_first_child(doc)) != NULL)
		cmark_node_append_child(b, c);
	cmark_node_free(doc);
	return b;
}

/* Appends the blocks of the Markdown md to the root. */
static void
add_md(cmark_node *root, const char *md)
{
	cmark_node *b = block(DOC_NONE, md), *c;

	while ((c = cmark_node_first_child(b)) != NULL)
		cmark_node_append_child(root, c);
	cmark_node_free(b);
}

/* A list of n questions, each with a one-paragraph answer. */
static cmark_node *
questions(int ordered, const char **qa, size_t n)
{
	cmark_node *list = cmark_node_new(CMARK_NODE_LIST), *item;
	size_t i;

	cmark_node_set_list_type(list, ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST);
	cmark_node_set_list_start(list, 1);
	for (i = 0; i + 1 < n; i += 2) {
		item = cmark_node_new(CMARK_NODE_ITEM);
		cmark_node_append_child(item, block(DOC_QUESTION, qa[i]));
		cmark_node_append_child(item, block(DOC_ANSWER, qa[i + 1]));
		cmark_node_append_child(list, item);
	}
	return list;
}

static const char *qa[] = {
	"Hoe worden de accenten aangeleverd?", "Digitaal, na goedkeuring.",
	"Welke contactpersonen?", "Het afdelingshoofd.",
};

/* A document shaped as doc.h says, with every kind of block. */
static void
sample(struct doc *d, const char *title)
{
	cmark_node *root = cmark_node_new(CMARK_NODE_DOCUMENT);

	memset(d, 0, sizeof(*d));
	d->root = root;
	cmark_node_append_child(root, block(DOC_LETTERHEAD,
	    "Afdeling Eerste Lijn\n\nT 02 553 36 47\n\n"
	    "<eerstelijn@vlaanderen.be>\n"));
	cmark_node_append_child(root, block(DOC_TITLEBLOCK,
	    "# Afsprakenkader\n\nEerstelijnszone Test\n"));
	add_md(root, "## Deel 1: afsprakenkader\n\nDe cluster *lokale besturen*.\n\n"
	    "### Afstemming lokaal sociaal beleid\n");
	cmark_node_append_child(root, block(DOC_CONTACTS,
	    "- **Asse**: Sooi De Maeyer, Departementshoofd\n"
	    "- **Merchtem**: Petra Wynants\n"));
	cmark_node_append_child(root, questions(0, qa, NELEM(qa)));
	add_md(root, "### Geïntegreerd Breed Onthaal - Sociale Kaart\n\n"
	    "### Inhoud\n\n### Inhoud\n\n## Deel 2: engagement\n\n#### Jongeren\n");
	cmark_node_append_child(root, block(DOC_REMARK, "Eerste.\n\nTweede.\n"));
	cmark_node_append_child(root, questions(1, qa, NELEM(qa)));
	d->meta = (struct doc_meta){title, "Eerstelijnszone Test", "ELZ Test",
	    "Zorgraad ELZ Test vzw", "Afdeling", "2025-06-30", "30 juni 2025",
	    "1.0", "goedgekeurd", "Afspraken", "zorgraad, lsb", "nl", "test"};
}

static const struct render_ctx ctx = {"."};

/* Messages of the renderings: shown, unless a test silences them. */
static struct diags tdg;

/* Opens the backend with c, renders d and closes it: the page, or NULL
 * on failure. */
static char *
render(const struct doc *d, const struct render_ctx *c)
{
	struct buf out = {0};
	void *h = html_open(c, &tdg);

	if (h == NULL || html_render(h, d, &tdg, &out) != 0) {
		html_close(h);
		buf_free(&out);
		return NULL;
	}
	html_close(h);
	return buf_take(&out);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL)
		n++, hay++;
	return n;
}

/* Every href="#x" of the page has an id="x". */
static int
toc_resolves(const char *page)
{
	const char *p = page, *end;
	char want[128];
	size_t n = 0;

	while ((p = strstr(p, "href=\"#")) != NULL) {
		p += 7;
		end = strchr(p, '"');
		snprintf(want, sizeof(want), "id=\"%.*s\"", (int)(end - p), p);
		if (strstr(page, want) == NULL)
			return 0;
		n++;
	}
	return n > 0;
}

static void
test_structure(void)
{
	struct doc d;
	char *page, *again;

	sample(&d, "Afsprakenkader");
	page = render(&d, &ctx);
	again = render(&d, &ctx);
	CHECK("page renders", page != NULL);
	if (page == NULL)
		return;
	CHECK("deterministic", again && strcmp(page, again) == 0);
	CHECK("one h1", count(page, "<h1") == 1);
	CHECK("lang", strstr(page, "<html lang=\"nl\">") != NULL);
	CHECK("generator", strstr(page, "content=\"afc " AFC_VERSION "\"") != NULL);
	CHECK("author", strstr(page, "name=\"author\" content=\"Zorgraad ELZ Test vzw\"") != NULL);
	CHECK("style inlined", strstr(page, "@page") != NULL);
	CHECK("section id", strstr(page, "<section id=\"deel-1-afsprakenkader\">") != NULL);
	CHECK("accents folded", strstr(page, "id=\"geintegreerd-breed-onthaal-sociale-kaart\"") != NULL);
	CHECK("reserved id numbered", strstr(page, "id=\"inhoud-2\"") != NULL);
	CHECK("duplicate numbered", strstr(page, "id=\"inhoud-3\"") != NULL);
	CHECK("sections balanced", count(page, "<section") == count(page, "</section>"));
	CHECK("toc links resolve", toc_resolves(page));
	CHECK("toc nests", strstr(page, "</a>\n<ol>\n<li><a href=\"#afstemming") != NULL);
	CHECK("question list", strstr(page, "<ul class=\"questions\">") != NULL);
	CHECK("numbered questions", strstr(page, "<ol class=\"questions\">") != NULL);
	CHECK("answer", strstr(page, "<div class=\"answer\">\n<p>Digitaal") != NULL);
	CHECK("remark", strstr(page, "<div class=\"remark\" role=\"note\">\n<p><span class=\"mark\" aria-hidden=\"true\">\xe2\x9e\xa2</span> Eerste.</p>\n<p>Tweede.</p>") != NULL);
	CHECK("contacts", strstr(page, "<li><strong>Asse</strong>: Sooi De Maeyer") != NULL);
	CHECK("mailto link", strstr(page, "<a href=\"mailto:eerstelijn@vlaanderen.be\">eerstelijn@vlaanderen.be</a>") != NULL);
	CHECK("letterhead in header", strstr(page, "<header class=\"doc-header\">\n<div class=\"letterhead\">") != NULL);
	free(page);
	free(again);
	doc_free(&d);
}

static void
test_hostile(void)
{
	struct doc d;
	char *page;

	sample(&d, "\"><script>alert('t')</script>");
	add_md(d.root, "<script>alert(1)</script>\n\n"
	    "Tekst <img src=x onerror=alert(2)> en [klik](javascript:alert(3)) "
	    "en [mail](MAILTO:a@b.be \"t\\\"itel\") en [rel](/pad) en "
	    "[ws](%20javascript:alert(4)) en ![beeld](https://x.be/a.png)\n\n"
	    "## <b onclick=x>Kop</b>\n\n"
	    "Controle\x01teken en ongeldig \xff byte.\n");
	page = render(&d, &ctx);
	CHECK("hostile renders", page != NULL);
	if (page == NULL)
		return;
	CHECK("no script element", strstr(page, "<script") == NULL);
	CHECK("no event attribute", strstr(page, "<img") == NULL && strstr(page, "<b ") == NULL);
	CHECK("raw html kept as text", strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	CHECK("javascript link dropped", strstr(page, "javascript") == NULL && strstr(page, "klik") != NULL);
	CHECK("relative link dropped", strstr(page, "href=\"/pad") == NULL && strstr(page, "rel") != NULL);
	CHECK("mailto in any case", strstr(page, "<a href=\"MAILTO:a@b.be\" title=\"t&quot;itel\">mail</a>") != NULL);
	CHECK("title escaped", strstr(page, "<title>&quot;&gt;&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; – ELZ Test</title>") != NULL);
	CHECK("image as its text", strstr(page, "beeld") != NULL && strstr(page, "x.be/a.png") == NULL);
	CHECK("heading id from text", strstr(page, "id=\"b-onclick-x-kop-b\"") != NULL);
	CHECK("control character dropped", strstr(page, "Controleteken") != NULL);
	CHECK("invalid utf-8 replaced", strstr(page, "ongeldig \xef\xbf\xbd byte") != NULL);
	free(page);
	doc_free(&d);
}

static void
test_levels(void)
{
	struct doc d;
	char *page;

	sample(&d, "Niveaus");
	add_md(d.root, "## \xc4\xb2zer \xc5\x92uvre Stra\xc3\x9f" "e \xc3\x86\xc3\x98\xc3\x85 \xc3\x97 \xe2\x80\x93 \xce\xb1!\n\n"
	    "## " "Een heel lange kop die veel meer woorden heeft dan een id kan dragen zonder te breken\n\n"
	    "## ?!\n\n"
	    "# Een\n\n###### Zes\n\n> ## In citaat\n\n## A-2\n\n## A\n\n## A\n\n## A\n");
	page = render(&d, &ctx);
	CHECK("ids: letters folded", page && strstr(page, "id=\"ijzer-oeuvre-strasse-aeoa\"") != NULL);
	CHECK("ids: cut after a whole word", page && strstr(page, "id=\"een-heel-lange-kop-die-veel-meer-woorden-heeft-dan-een-id\"") != NULL);
	CHECK("ids: no word left", page && strstr(page, "id=\"sectie\"") != NULL);
	CHECK("levels: h1 becomes h2", page && strstr(page, "<h2>Een</h2>") != NULL);
	CHECK("levels: no skipping down", page && strstr(page, "<h3>Zes</h3>") != NULL);
	CHECK("levels: heading in a block", page && strstr(page, "<blockquote>\n<h2>In citaat</h2>") != NULL);
	CHECK("levels: heading in a block has no section", page && strstr(page, "id=\"in-citaat\"") == NULL);
	CHECK("ids: numbered past a written one", page && strstr(page, "id=\"a-2\">\n<h2>A-2") && strstr(page, "id=\"a-3\">") && strstr(page, "id=\"a-4\">"));
	free(page);
	doc_free(&d);
}

/* Many headings with one text: ids stay unique, in linear time. */
static void
test_many(void)
{
	size_t n = 40000, i;
	struct buf md = {0};
	struct doc d;
	char *page;

	for (i = 0; i < n; i++)
		buf_puts(&md, "## Zelfde\n\n");
	sample(&d, "Veel");
	add_md(d.root, md.data);
	page = render(&d, &ctx);
	CHECK("many headings", page && strstr(page, "id=\"zelfde-40000\"") != NULL);
	free(page);
	buf_free(&md);
	doc_free(&d);
}

/* 50,000 nested block quotes render without recursion. */
static void
test_deep(void)
{
	size_t n = 50000;
	char *md = malloc(n + 2), *page;
	struct doc d;

	memset(md, '>', n);
	memcpy(md + n, "x", 2);
	sample(&d, "Diep");
	add_md(d.root, md);
	page = render(&d, &ctx);
	CHECK("deep nesting", page && count(page, "<blockquote>") == count(page, "</blockquote>"));
	free(page);
	free(md);
	doc_free(&d);
}

static char *
escaped(const char *s)
{
	struct buf b = {0};

	esc_html(&b, s, strlen(s));
	return buf_take(&b);
}

static void
test_escape(void)
{
	char *s;
	struct buf b = {0};

	CHECK_STR("escape specials", s = escaped("<a href=\"x\" title='y'>&amp;</a>"),
	    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
	free(s);
	CHECK_STR("escape keeps UTF-8 and newlines", s = escaped("\xe2\x9e\xa2 \xc3\xab\n\t"), "\xe2\x9e\xa2 \xc3\xab\n\t");
	free(s);
	CHECK_STR("escape drops controls", s = escaped("a\x01\x1b\x7f\xc2\x85\xef\xbf\xbe\xef\xb7\x90" "b"), "ab");
	free(s);
	CHECK_STR("escape replaces bad UTF-8", s = escaped("a\xc0\xaf" "b\xed\xa0\x80"), "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	esc_href(&b, "https://x.be/a b?q=\"<\xc3\xab>\"&r='1'");
	CHECK_STR("href encoded", b.data, "https://x.be/a%20b?q=%22%3C%C3%AB%3E%22&amp;r=&#39;1&#39;");
	buf_free(&b);
	esc_file_href(&b, "a b:c/..\xc3\xab.html");
	CHECK_STR("file href encoded", b.data, "./a%20b%3Ac%2F..%C3%AB.html");
	buf_free(&b);
}

static void
test_urls(void)
{
	CHECK("url http", esc_url_allowed("http://x.be"));
	CHECK("url https upper", esc_url_allowed("HTTPS://x.be"));
	CHECK("url mailto", esc_url_allowed("mailto:a@b.be"));
	CHECK("url javascript", !esc_url_allowed("javascript:alert(1)"));
	CHECK("url javascript mixed case", !esc_url_allowed("JaVaScRiPt:alert(1)"));
	CHECK("url data", !esc_url_allowed("data:text/html,x"));
	CHECK("url leading space", !esc_url_allowed(" http://x.be"));
	CHECK("url relative", !esc_url_allowed("#deel-1"));
	CHECK("url null", !esc_url_allowed(NULL));
}

/* Renders d with backend name ("md", "pdf") into a string (NULL on
 * failure); *len is its length, the PDF holding NUL bytes. */
static char *
render_with(const char *name, const struct doc *d, size_t *len)
{
	const struct backend *be = backend_find(name);
	struct buf out = {0};
	void *st;
	int rc;

	if (be == NULL || (st = be->open(&ctx, &tdg)) == NULL)
		return NULL;
	rc = be->render(st, d, &tdg, &out);
	be->close(st);
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	*len = out.len;
	return buf_take(&out);
}

/* Whether the n bytes at s hold the string t. */
static int
holds(const char *s, size_t n, const char *t)
{
	size_t k = strlen(t), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, t, k) == 0)
			return 1;
	return 0;
}

/* Whether the PDF of n bytes at s has a link annotation whose /URI
 * string, its escapes decoded, is t. */
static int
pdf_has_uri(const char *s, size_t n, const char *t)
{
	const char *end = s + n, *p = s;
	struct buf b = {0};
	int found = 0;

	for (; !found && p + 6 <= end; p++) {
		if (memcmp(p, "/URI (", 6) != 0)
			continue;
		b.len = 0;
		for (p += 6; p < end && *p != ')'; p++) {
			if (*p == '\\' && p + 3 < end && p[1] >= '0' && p[1] <= '7') {
				buf_putc(&b, (char)((p[1] - '0') * 64 +
				    (p[2] - '0') * 8 + (p[3] - '0')));
				p += 3;
			} else if (*p == '\\' && p + 1 < end) {
				buf_putc(&b, *++p);
			} else {
				buf_putc(&b, *p);
			}
		}
		found = b.data && strcmp(b.data, t) == 0;
	}
	buf_free(&b);
	return found;
}

/* Every backend drops the links html.c drops and writes an address in
 * the same percent-encoded, 7-bit form. */
static void
test_backend_links(void)
{
	static const char *const names[] = {"md", "html", "pdf"};
	const char *want = "http://x.be/a%20b%25c%41%E2%80%AE%22d%0Ae%C3%AB";
	cmark_node *para, *link, *text;
	struct doc d;
	struct buf b = {0};
	size_t i, len;
	char *out;

	esc_url(&b, "http://x.be/a b%c%41\xe2\x80\xae\"d\ne\xc3\xab");
	CHECK_STR("url in 7 bits", b.data, want);
	buf_free(&b);
	sample(&d, "Links");
	add_md(d.root, "Tekst [klik](javascript:alert(3)) en "
	    "[bestand](file:///etc/passwd) en [smb](smb://h/s) en "
	    "[rel](/pad) en [goed](https://x.be/ok).\n");
	para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	link = cmark_node_new(CMARK_NODE_LINK);
	text = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(text, "vreemd");
	cmark_node_set_url(link, "http://x.be/a b%c%41\xe2\x80\xae\"d\ne\xc3\xab");
	cmark_node_append_child(link, text);
	cmark_node_append_child(para, link);
	cmark_node_append_child(d.root, para);
	for (i = 0; i < NELEM(names); i++) {
		char what[80];

		out = render_with(names[i], &d, &len);
		snprintf(what, sizeof(what), "%s renders links", names[i]);
		CHECK(what, out != NULL);
		if (out == NULL)
			continue;
		snprintf(what, sizeof(what), "%s drops javascript:, file:, smb: "
		    "and relative links", names[i]);
		CHECK(what, !holds(out, len, "javascript") &&
		    !holds(out, len, "file:") && !holds(out, len, "smb:") &&
		    !holds(out, len, "/pad"));
		snprintf(what, sizeof(what), "%s keeps an https: link", names[i]);
		CHECK(what, i == 2 ? pdf_has_uri(out, len, "https://x.be/ok") :
		    holds(out, len, "https://x.be/ok"));
		snprintf(what, sizeof(what), "%s writes the address in 7 bits",
		    names[i]);
		CHECK(what, i == 2 ? pdf_has_uri(out, len, want) :
		    holds(out, len, want));
		free(out);
	}
	doc_free(&d);
}

/* Writes s to dir/templates/name. */
static void
put(const char *dir, const char *name, const char *s)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/templates/%s", dir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(s, f);
		fclose(f);
	}
}

static void
test_templates(void)
{
	char dir[] = "/tmp/afc-unit-html-XXXXXX", sub[600], *page;
	struct render_ctx c = {dir};
	struct doc d;

	if (mkdtemp(dir) == NULL)
		return;
	snprintf(sub, sizeof(sub), "%s/templates", dir);
	if (mkdir(sub, 0700) != 0)
		return;
	sample(&d, "T");
	tdg.stream = NULL;
	CHECK("missing template fails", render(&d, &c) == NULL);
	put(dir, "page.html", "<p>{{ title }}|{{zone}}|{{nope}}</p>");
	put(dir, "style.css", "p{}");
	CHECK("unknown placeholder fails", render(&d, &c) == NULL);
	put(dir, "page.html", "<p>{{ title }}|{{zone}}|{ {x}}|{{}}</p>");
	page = render(&d, &c);
	CHECK_STR("placeholders", page, "<p>T|ELZ Test|{ {x}}|{{}}</p>");
	free(page);
	put(dir, "page.html", "<p>{{date}}</p>\n<p>{{zone}}{{date}}</p>\n");
	d.meta.date = "";
	page = render(&d, &c);
	CHECK_STR("line of empty placeholders left out", page, "<p>ELZ Test</p>\n");
	free(page);
	put(dir, "style.css", "p{}</STYLE><script>");
	CHECK("style end tag refused", render(&d, &c) == NULL);
	tdg.stream = stderr;
	doc_free(&d);
	snprintf(sub, sizeof(sub), "rm -rf '%s'", dir);
	if (system(sub) != 0)
		return;
}

static void
test_index(void)
{
	struct doc d[2];
	const unsigned md = 1u << (backend_find("md") - backends),
	    html = 1u << (backend_find("html") - backends),
	    pdf = 1u << (backend_find("pdf") - backends);
	struct index_entry e[2] = {
	    {.meta = &d[0].meta, .base = "amalo", .formats = html | md},
	    {.meta = &d[1].meta, .base = "javascript:x", .formats = html | pdf | md,
	    .failed = 1}};
	struct buf out = {0};
	void *h = html_open(&ctx, &tdg);

	sample(&d[0], "A");
	sample(&d[1], "B");
	d[1].meta.zone = "<b>Zone</b>";
	CHECK("index renders", h && html_render_index(h, e, 2, &tdg, &out) == 0);
	html_close(h);
	CHECK("index html link", out.data && strstr(out.data, "href=\"./amalo.html\"") != NULL);
	CHECK("index md link", out.data && strstr(out.data, "href=\"./amalo.md\"") != NULL);
	CHECK("index no pdf when not built", out.data && strstr(out.data, "amalo.pdf") == NULL);
	CHECK("index file names encoded", out.data && strstr(out.data, "href=\"./javascript%3Ax.pdf\"") != NULL);
	CHECK("index failed zone marked", out.data && strstr(out.data, "<tr class=\"failed\">") != NULL);
	CHECK("index text escaped", out.data && strstr(out.data, "&lt;b&gt;Zone&lt;/b&gt;") != NULL && strstr(out.data, "<b>") == NULL);
	buf_free(&out);
	doc_free(&d[0]);
	doc_free(&d[1]);
}

/* Long slash-joined words and web addresses get a <wbr> after each
 * slash; short ones, dates, spaced slashes and code do not. */
static void
test_breaks(void)
{
	struct doc d;
	char *page;

	sample(&d, "Breuken");
	add_md(d.root, "## Deelgebied/onderdeel met een lange naam\n\n"
	    "Aan bevolkingsonderzoeken/conversatietafels/inspiratie en/of "
	    "zijn/haar, op 24/04/2025, a / b, /begin, einde/ "
	    "en R&D/ontwikkeling&co of `code/zonderbreukenhier` en "
	    "<https://www.example.be//lange/weg>.\n");
	page = render(&d, &ctx);
	CHECK("breaks render", page != NULL);
	if (page) {
		CHECK("breaks after each slash of a long word", strstr(page,
		    "bevolkingsonderzoeken/<wbr>conversatietafels/<wbr>inspiratie ") != NULL);
		CHECK("breaks not in a short word", strstr(page, " en/of zijn/haar,") != NULL);
		CHECK("breaks not in a date", strstr(page, " 24/04/2025,") != NULL);
		CHECK("breaks not at a spaced or lone slash", strstr(page, " a / b, /begin, einde/ ") != NULL);
		CHECK("breaks escape around them", strstr(page, "R&amp;D/<wbr>ontwikkeling&amp;co") != NULL);
		CHECK("breaks not in code", strstr(page, "<code>code/zonderbreukenhier</code>") != NULL);
		CHECK("breaks in a web address", strstr(page, ">https://<wbr>www.example.be//<wbr>lange/<wbr>weg</a>") != NULL);
		CHECK("breaks in a heading and its contents line", count(page, "Deelgebied/<wbr>onderdeel") == 2);
		CHECK("breaks: no other", count(page, "<wbr>") == 8);
	}
	free(page);
	doc_free(&d);
}

int
main(void)
{
	diags_init(&tdg, stderr, 0);
	test_structure();
	test_hostile();
	test_levels();
	test_many();
	test_deep();
	test_escape();
	test_urls();
	test_backend_links();
	test_templates();
	test_index();
	test_breaks();
	UNIT_EXIT();
}
