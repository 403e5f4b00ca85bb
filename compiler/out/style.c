/* style.c - reads the PDF stylesheet, a YAML mapping of sections
 * ("page", "fonts", "body", "part", ...) to mappings of keys. Every key a
 * section accepts is in one table; anything else is an error at its
 * place in the file. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/util.h"
#include "out/style.h"

enum vtype { V_LENGTH, V_NUMBER, V_INT, V_COLOR, V_FACE, V_STRING, V_BOOL };

static const char *vtype_names[] = {
	[V_LENGTH] = "length; write a number with pt, mm, cm or in",
	[V_NUMBER] = "number",
	[V_INT] = "whole number",
	[V_COLOR] = "colour; write it as \"#rrggbb\"",
	[V_FACE] = "font; write regular, bold, italic or bold-italic",
	[V_STRING] = "text",
	[V_BOOL] = "choice; write true or false",
};

/* A key, and for a number its range: lengths in points, shown to the
 * user as range says. */
struct key {
	const char *section, *name;
	enum vtype type;
	size_t off;
	double min, max;
	const char *range;
};

#define AT(field) offsetof(struct style, field)
#define NONE 0, 0, NULL
#define MM(v) ((v) * 72 / 25.4)
#define SIZES 4, 72, "from 4pt to 72pt"
#define LEADINGS 4, 144, "from 4pt to 144pt"
#define SPACES 0, 144, "from 0 to 144pt (2in)"
#define INDENTS 0, 72, "from 0 to 72pt (1in)"
#define MARGINS 0, MM(150), "from 0 to 150mm"
#define BLOCK(sec, f) \
	{sec, "font", V_FACE, AT(f.face), NONE}, \
	{sec, "size", V_LENGTH, AT(f.size), SIZES}, \
	{sec, "leading", V_LENGTH, AT(f.leading), LEADINGS}, \
	{sec, "color", V_COLOR, AT(f.color), NONE}, \
	{sec, "space-before", V_LENGTH, AT(f.before), SPACES}, \
	{sec, "space-after", V_LENGTH, AT(f.after), SPACES}, \
	{sec, "indent", V_LENGTH, AT(f.indent), INDENTS}, \
	{sec, "marker-indent", V_LENGTH, AT(f.marker_indent), INDENTS}, \
	{sec, "marker", V_STRING, AT(f.marker), NONE}

static const struct key keys[] = {
	{"page", "margin-top", V_LENGTH, AT(margin_top), MARGINS},
	{"page", "margin-bottom", V_LENGTH, AT(margin_bottom), MARGINS},
	{"page", "margin-left", V_LENGTH, AT(margin_left), MARGINS},
	{"page", "margin-right", V_LENGTH, AT(margin_right), MARGINS},
	{"fonts", "regular", V_STRING, AT(font[FACE_REGULAR]), NONE},
	{"fonts", "bold", V_STRING, AT(font[FACE_BOLD]), NONE},
	{"fonts", "italic", V_STRING, AT(font[FACE_ITALIC]), NONE},
	{"fonts", "bold-italic", V_STRING, AT(font[FACE_BOLDITALIC]), NONE},
	{"fonts", "fallback", V_STRING, AT(font[FACE_FALLBACK]), NONE},
	{"hyphenation", "dictionary", V_STRING, AT(dictionary), NONE},
	{"hyphenation", "dictionary-2", V_STRING, AT(dictionary2), NONE},
	{"hyphenation", "left-min", V_INT, AT(hyph_left), 1, 9, "from 1 to 9"},
	{"hyphenation", "right-min", V_INT, AT(hyph_right), 1, 9, "from 1 to 9"},
	{"justify", "stretch", V_NUMBER, AT(stretch), 0, 4, "from 0 to 4"},
	{"justify", "shrink", V_NUMBER, AT(shrink), 0, 0.9, "from 0 to 0.9"},
	{"link", "color", V_COLOR, AT(link_color), NONE},
	{"rule", "color", V_COLOR, AT(rule_color), NONE},
	{"rule", "width", V_LENGTH, AT(rule_width), 0, 12, "from 0 to 12pt"},
	{"pdf", "archival", V_BOOL, AT(archival), NONE},
	{"pdf", "icc-profile", V_STRING, AT(icc_profile), NONE},
	BLOCK("body", body), BLOCK("letterhead", letterhead),
	BLOCK("title", title), BLOCK("subtitle", subtitle),
	BLOCK("part", part), BLOCK("section", section),
	BLOCK("theme", theme), BLOCK("list", list),
	BLOCK("contacts", contacts), BLOCK("remark", remark),
	BLOCK("question", question), BLOCK("answer", answer),
	BLOCK("quote", quote), BLOCK("header", header),
	BLOCK("footer", footer),
};

struct reader {
	const struct srcfile *file;
	yaml_document_t doc;
	struct style *st;
	int errors;
};

/* The byte offset of a libyaml mark, whose column counts characters. */
static size_t
mark_offset(const struct srcfile *f, yaml_mark_t m)
{
	size_t off = 0, line = 0, col = 0;

	while (off < f->len && line < m.line)
		if (f->text[off++] == '\n')
			line++;
	while (off < f->len && col < m.column && f->text[off] != '\n') {
		off++;
		while (off < f->len && ((unsigned char)f->text[off] & 0xc0) == 0x80)
			off++;
		col++;
	}
	return off;
}

static struct span
mark_span(const struct srcfile *f, yaml_mark_t m)
{
	size_t off = mark_offset(f, m);

	return span_at(f, off, off + 1);
}

/* The span of a node, on its first line. */
static struct span
node_span(const struct srcfile *f, const yaml_node_t *n)
{
	size_t off = mark_offset(f, n->start_mark), end = mark_offset(f, n->end_mark);
	const char *nl = memchr(f->text + off, '\n', f->len - off);

	if (nl && end > (size_t)(nl - f->text))
		end = (size_t)(nl - f->text);
	return span_at(f, off, end > off ? end : off + 1);
}

/* Reports a message of the catalogue at node n: fail(r, n, M_..., ...). */
#define fail(r, n, ...) do { \
	struct span fail_sp_ = node_span((r)->file, (n)); \
	diag(&fail_sp_, __VA_ARGS__); \
	(r)->errors++; \
} while (0)

static const char *
scalar(yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* Parses a decimal number at the start of s ("12", "-3", "2.5", ".5")
 * and sets *end after it; nothing else is a number here: no exponent,
 * no hexadecimal, no "nan" or "inf". */
static int
parse_decimal(const char *s, const char **end, double *v)
{
	const char *p = s + (*s == '-');
	size_t whole = strspn(p, "0123456789"), frac = 0;

	if (p[whole] == '.')
		frac = strspn(p + whole + 1, "0123456789");
	if (whole == 0 && frac == 0)
		return -1;
	*end = p + whole + (p[whole] == '.' ? 1 + frac : 0);
	*v = strtod(s, NULL);
	return 0;
}

/* Parses "12", "12pt", "25mm", "2.5cm" or "1in" into points. */
static int
parse_length(const char *s, double *v)
{
	static const struct { const char *unit; double pt; } units[] = {
		{"", 1}, {"pt", 1}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54},
		{"in", 72},
	};
	const char *end;
	size_t i;

	if (parse_decimal(s, &end, v) != 0)
		return -1;
	for (i = 0; i < NELEM(units); i++)
		if (strcmp(end, units[i].unit) == 0) {
			*v *= units[i].pt;
			return 0;
		}
	return -1;
}

static int
parse_color(const char *s, struct rgb *c)
{
	unsigned long v;

	/* Six hexadecimal digits, nothing sscanf or strtoul would also take
	 * ("#0x1234", "# 12345", "#-12345"). */
	if (s[0] != '#' || strlen(s) != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
		return -1;
	v = strtoul(s + 1, NULL, 16);
	c->r = ((v >> 16) & 0xff) / 255.0;
	c->g = ((v >> 8) & 0xff) / 255.0;
	c->b = (v & 0xff) / 255.0;
	c->set = 1;
	return 0;
}

static int
parse_face(const char *s, enum face *f)
{
	static const char *names[] = {"regular", "bold", "italic", "bold-italic"};
	size_t i;

	for (i = 0; i < NELEM(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum face)i;
			return 0;
		}
	return -1;
}

/* Stores the scalar s, of the key's type, into the style. Returns 0,
 * -1 for a value that is not of the type, -2 for a number out of the
 * key's range; the style is then unchanged. */
static int
store(struct style *st, const struct key *k, const char *s)
{
	char *p = (char *)st + k->off;
	const char *end;
	double v = 0;

	switch (k->type) {
	case V_LENGTH:
		if (parse_length(s, &v) != 0)
			return -1;
		break;
	case V_NUMBER:
		if (parse_decimal(s, &end, &v) != 0 || *end)
			return -1;
		break;
	case V_INT:
		if (parse_decimal(s, &end, &v) != 0 || *end || strchr(s, '.'))
			return -1;
		break;
	case V_COLOR:
		return parse_color(s, (struct rgb *)p);
	case V_FACE:
		return parse_face(s, (enum face *)p);
	case V_STRING:
		free(*(char **)p);
		*(char **)p = xstrdup(s);
		return 0;
	case V_BOOL:
		if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
			return -1;
		*(int *)p = strcmp(s, "true") == 0;
		return 0;
	}
	/* A hundredth of a point of slack for lengths given in mm. */
	if (v < k->min - 0.005 || v > k->max + 0.005)
		return -2;
	if (k->type == V_INT)
		*(int *)p = (int)v;
	else
		*(double *)p = v;
	return 0;
}

static const struct key *
find_key(const char *section, const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(keys); i++)
		if (strcmp(keys[i].section, section) == 0 &&
		    (name == NULL || strcmp(keys[i].name, name) == 0))
			return &keys[i];
	return NULL;
}

/* Reports an unknown key (section NULL: an unknown section) with the
 * nearest known name, if one is close. */
static void
unknown(struct reader *r, yaml_node_t *k, const char *section)
{
	const char *name = scalar(k) ? scalar(k) : "?";
	struct nearest near;
	struct span sp;
	size_t i;

	fail(r, k, M_E_STYLE_KEY, name, section ? section : "the stylesheet");
	nearest_init(&near, name);
	for (i = 0; i < NELEM(keys); i++) {
		if (section && strcmp(keys[i].section, section) != 0)
			continue;
		nearest_try(&near, section ? keys[i].name : keys[i].section);
	}
	if (near.best) {
		sp = node_span(r->file, k);
		diag(&sp, M_NOTE_DIDYOUMEAN, near.best);
	}
}

static void
read_section(struct reader *r, const char *section, yaml_node_t *map)
{
	yaml_node_pair_t *p;
	yaml_node_t *k, *v;
	const struct key *key;
	int rc;

	if (map->type != YAML_MAPPING_NODE) {
		fail(r, map, M_E_STYLE_SHAPE, section, "a mapping of keys");
		return;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&r->doc, p->key);
		v = yaml_document_get_node(&r->doc, p->value);
		if (scalar(k) == NULL || (key = find_key(section, scalar(k))) == NULL) {
			unknown(r, k, section);
			continue;
		}
		if (scalar(v) == NULL)
			fail(r, v, M_E_STYLE_SHAPE, key->name, "a single value");
		else if ((rc = store(r->st, key, scalar(v))) == -1)
			fail(r, v, M_E_STYLE_VALUE, scalar(v), vtype_names[key->type]);
		else if (rc == -2)
			fail(r, v, M_E_STYLE_RANGE, scalar(v), key->name, key->range);
	}
}

/* Whether the margins leave a text area of at least an inch square. */
static int
room(const struct style *st)
{
	return st->page_width - st->margin_left - st->margin_right >= 72 &&
	    st->page_height - st->margin_top - st->margin_bottom >= 72;
}

static void
read_root(struct reader *r, yaml_node_t *root)
{
	yaml_node_pair_t *p;
	yaml_node_t *k;

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		if (root)
			fail(r, root, M_E_STYLE_SHAPE, "the stylesheet", "a mapping of sections");
		else
			diag_sys(r->file->dg, M_E_STYLE_SHAPE, r->file->name, "a mapping of sections");
		r->errors += root == NULL;
		return;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&r->doc, p->key);
		if (scalar(k) == NULL || find_key(scalar(k), NULL) == NULL)
			unknown(r, k, NULL);
		else
			read_section(r, scalar(k), yaml_document_get_node(&r->doc, p->value));
		if (scalar(k) && strcmp(scalar(k), "page") == 0 && !room(r->st))
			fail(r, k, M_E_STYLE_SHAPE, "page",
			    "margins that leave at least 1 inch each way for text");
	}
}

/* Blocks inherit the body's size, leading and colour where unset. */
static void
inherit(struct style *st)
{
	struct blockstyle *b[] = {&st->letterhead, &st->title, &st->subtitle,
	    &st->part, &st->section, &st->theme, &st->list, &st->contacts,
	    &st->remark, &st->question, &st->answer, &st->quote, &st->header,
	    &st->footer};
	size_t i;

	if (st->body.size <= 0)
		st->body.size = 11;
	if (st->body.leading <= 0)
		st->body.leading = st->body.size * 1.25;
	for (i = 0; i < NELEM(b); i++) {
		if (b[i]->size <= 0)
			b[i]->size = st->body.size;
		if (b[i]->leading <= 0)
			b[i]->leading = b[i]->size * st->body.leading / st->body.size;
		if (!b[i]->color.set)
			b[i]->color = st->body.color;
	}
	if (st->font[FACE_REGULAR] == NULL)
		st->font[FACE_REGULAR] = xstrdup("Carlito-Regular.ttf");
}

static void
defaults(struct style *st)
{
	memset(st, 0, sizeof(*st));
	st->page_width = 595.276;	/* A4 */
	st->page_height = 841.89;
	st->margin_top = st->margin_bottom = 72;
	st->margin_left = st->margin_right = 72;
	st->hyph_left = 3;
	st->hyph_right = 3;
	st->stretch = 0.5;
	st->shrink = 0.33;
	st->rule_width = 0.5;
	st->archival = 1;
}

static int
parse(struct reader *r)
{
	yaml_parser_t parser;
	struct span sp;
	int ok;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)r->file->text, r->file->len);
	ok = yaml_parser_load(&parser, &r->doc);
	if (!ok) {
		sp = mark_span(r->file, parser.problem_mark);
		diag(&sp, M_E_STYLE_SYNTAX, parser.problem ? parser.problem : "not YAML");
	}
	yaml_parser_delete(&parser);
	return ok ? 0 : -1;
}

int
style_load(struct style *st, const char *path, struct diags *dg)
{
	struct reader r = {0};
	size_t len;
	char *text;

	defaults(st);
	if ((text = read_file(path, &len)) == NULL) {
		diag_sys(dg, M_E_STYLE_READ, path, file_strerror(errno));
		return -1;
	}
	r.file = src_add(dg, path, text, len);
	r.st = st;
	if (parse(&r) != 0)
		return -1;
	read_root(&r, yaml_document_get_root_node(&r.doc));
	yaml_document_delete(&r.doc);
	if (r.errors) {
		style_free(st);
		return -1;
	}
	inherit(st);
	return 0;
}

void
style_free(struct style *st)
{
	size_t i;

	for (i = 0; i < NELEM(keys); i++)
		if (keys[i].type == V_STRING) {
			free(*(char **)((char *)st + keys[i].off));
			*(char **)((char *)st + keys[i].off) = NULL;
		}
}
