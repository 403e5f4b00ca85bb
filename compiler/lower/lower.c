/* lower.c - from a checked model and its syntax tree to the document
 * tree of doc.h, with the form's headings, standard text and questions,
 * and the text that the data generates (contacts, invitees, deadlines,
 * schedules). The checker has vouched for everything read here. */
#include <stdlib.h>
#include <string.h>

#include "sema/check.h"
#include "sema/model.h"

static cmark_node *
node(cmark_node_type type, cmark_node *parent)
{
	cmark_node *n = cmark_node_new(type);

	if (parent)
		cmark_node_append_child(parent, n);
	return n;
}

static cmark_node *
text(cmark_node *parent, const char *s)
{
	cmark_node *n = node(CMARK_NODE_TEXT, parent);

	cmark_node_set_literal(n, s);
	return n;
}

static cmark_node *
para(cmark_node *parent, const char *s)
{
	cmark_node *p = node(CMARK_NODE_PARAGRAPH, parent);

	text(p, s);
	return p;
}

static cmark_node *
heading(cmark_node *parent, int level, const char *s)
{
	cmark_node *h = node(CMARK_NODE_HEADING, parent);

	cmark_node_set_heading_level(h, level);
	text(h, s);
	return h;
}

static cmark_node *
list(cmark_node *parent, int ordered)
{
	cmark_node *l = node(CMARK_NODE_LIST, parent);

	cmark_node_set_list_type(l, ordered ? CMARK_ORDERED_LIST :
	    CMARK_BULLET_LIST);
	if (ordered) {
		cmark_node_set_list_start(l, 1);
		cmark_node_set_list_delim(l, CMARK_PERIOD_DELIM);
	}
	cmark_node_set_list_tight(l, 1);
	return l;
}

static void
item(cmark_node *l, const char *s)
{
	para(node(CMARK_NODE_ITEM, l), s);
}

static cmark_node *
block(enum doc_kind k, cmark_node *parent)
{
	cmark_node *n = doc_new_block(k);

	cmark_node_append_child(parent, n);
	return n;
}

/*
 * Raw HTML never reaches a backend: the checker has warned about it, and
 * here it becomes the plain text it was written as.
 */
static void
defuse_html(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n, *t;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
			t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, cmark_node_get_literal(n));
			cmark_node_replace(n, t);
			cmark_iter_reset(it, t, CMARK_EVENT_EXIT);
			cmark_node_free(n);
		} else if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
			t = cmark_node_new(CMARK_NODE_PARAGRAPH);
			text(t, cmark_node_get_literal(n));
			cmark_node_replace(n, t);
			cmark_iter_reset(it, t, CMARK_EVENT_EXIT);
			cmark_node_free(n);
		}
	}
	cmark_iter_free(it);
}

/* Parses a text of the source (placeholders expanded) into parent. */
static void
prose(const struct model *m, const struct ast_value *v, cmark_node *parent)
{
	struct buf b = {0};
	cmark_node *doc, *c;

	expand_text(m, v, &b, 0);
	doc = cmark_parse_document(b.data, b.len, CMARK_OPT_DEFAULT);
	defuse_html(doc);
	while ((c = cmark_node_first_child(doc)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_append_child(parent, c);
	}
	cmark_node_free(doc);
	buf_free(&b);
}

static void
join_people(struct buf *b, const struct party *p, enum role role,
    int with_function)
{
	const char **names = xcalloc(p->npeople + 1, sizeof(*names));
	char **owned = xcalloc(p->npeople + 1, sizeof(*owned));
	struct buf one = {0};
	size_t i, n = 0;

	for (i = 0; i < p->npeople; i++) {
		const struct person *q = p->people[i];

		if (q->role != role)
			continue;
		one.len = 0;
		buf_puts(&one, q->name);
		if (with_function && q->function)
			buf_printf(&one, ", %s", q->function);
		owned[n] = xstrdup(one.data);
		names[n] = owned[n];
		n++;
	}
	if (n == 0)
		buf_puts(b, "/");
	else
		nl_join(b, names, n);
	for (i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(names);
	buf_free(&one);
}

/* One line per municipality: its people of a role, "/" for none. */
static void
people_list(const struct model *m, cmark_node *l, enum role role, int strong)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < m->nents; i++) {
		const struct party *p = (const struct party *)m->ents[i];
		cmark_node *pa, *s;

		if (p->e.kind != ENT_PARTY || p->kind != PARTY_MUNICIPALITY)
			continue;
		b.len = 0;
		pa = node(CMARK_NODE_PARAGRAPH, node(CMARK_NODE_ITEM, l));
		if (strong) {
			s = node(CMARK_NODE_STRONG, pa);
			text(s, p->name);
			buf_puts(&b, ": ");
		} else {
			buf_printf(&b, "%s: ", p->name);
		}
		join_people(&b, p, role, role == ROLE_RESPONSIBLE);
		text(pa, b.data);
	}
	buf_free(&b);
}

/* "X worden (wordt) uiterlijk ... aan ... digitaal overgemaakt vanuit ...
 * door ... aan ..." */
static void
deadline_sentence(const struct model *m, const struct deadline *d,
    struct buf *b)
{
	buf_printf(b, "%s %s ", d->what, d->singular ? "wordt" : "worden");
	nl_due(b, &d->due);
	if (d->to) {
		buf_puts(b, " aan ");
		nl_party(b, m, d->to, 1);
	}
	if (d->how != HOW_UNSPECIFIED)
		buf_printf(b, " %s", nl_how(d->how));
	buf_printf(b, " %s", d->action);
	if (d->from) {
		buf_puts(b, " vanuit ");
		nl_party(b, m, d->from, 0);
	}
	if (d->by)
		buf_printf(b, " door %s", d->by);
	if (d->audience)
		buf_printf(b, " aan %s", d->audience);
	buf_putc(b, '.');
}

/* "Name (note) (note)" for target groups and activities. */
static void
noted_items(const struct ast_node *n, cmark_node *l)
{
	const struct ast_node *c;
	struct buf b = {0};
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || c->nvals == 0 ||
		    strcmp(c->keyword, "turns") == 0)
			continue;
		b.len = 0;
		buf_puts(&b, c->vals[0].s);
		for (i = 1; i < c->nvals; i++)
			buf_printf(&b, " (%s)", c->vals[i].s);
		item(l, b.data);
	}
	buf_free(&b);
}

static void
turns(const struct model *m, const struct ast_node *n, cmark_node *parent)
{
	const struct ast_node *c;
	const char **names;
	struct buf b = {0};
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || strcmp(c->keyword, "turns") != 0)
			continue;
		names = xcalloc(c->nvals, sizeof(*names));
		for (i = 0; i < c->nvals; i++)
			names[i] = ((struct party *)model_find(m,
			    c->vals[i].s))->name;
		buf_puts(&b, "Volgorde van de beurtrol: ");
		nl_join(&b, names, c->nvals);
		buf_putc(&b, '.');
		para(parent, b.data);
		free(names);
		b.len = 0;
	}
	buf_free(&b);
}

static void
schedule(const struct ast_node *n, cmark_node *l)
{
	const struct ast_node *c;
	struct buf b = {0};

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "continues") == 0) {
			item(l, "\xe2\x80\xa6");
			continue;
		}
		b.len = 0;
		buf_printf(&b, "%s: %s", c->vals[0].s, c->vals[1].s);
		item(l, b.data);
	}
	buf_free(&b);
}

static void lower_content(const struct model *m, const struct ast_node *n,
    cmark_node *parent);

static void
lower_stmt(const struct model *m, const struct ast_node *c, cmark_node *parent)
{
	const char *kw = c->keyword;
	struct buf b = {0};

	if (strcmp(kw, "text") == 0) {
		prose(m, &c->vals[0], parent);
	} else if (strcmp(kw, "remark") == 0) {
		prose(m, &c->vals[0], block(DOC_REMARK, parent));
	} else if (strcmp(kw, "contacts") == 0) {
		people_list(m, list(block(DOC_CONTACTS, parent), 0),
		    ROLE_RESPONSIBLE, 1);
	} else if (strcmp(kw, "invitees") == 0) {
		people_list(m, list(parent, 0), ROLE_INVITEE, 0);
	} else if (strcmp(kw, "deadline") == 0) {
		deadline_sentence(m, (const struct deadline *)model_find(m,
		    c->vals[0].s), &b);
		para(parent, b.data);
	} else if (strcmp(kw, "targetgroups") == 0) {
		noted_items(c, list(parent, 0));
	} else if (strcmp(kw, "rotation") == 0) {
		noted_items(c, list(parent, 0));
		turns(m, c, parent);
	} else if (strcmp(kw, "schedule") == 0) {
		schedule(c, list(parent, 0));
	} else if (strcmp(kw, "theme") == 0) {
		heading(parent, 4, c->vals[1].s);
		lower_content(m, c, parent);
	}
	buf_free(&b);
}

static void
lower_content(const struct model *m, const struct ast_node *n,
    cmark_node *parent)
{
	const struct ast_node *c;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT && strcmp(c->keyword, "section") != 0 &&
		    strcmp(c->keyword, "answer") != 0)
			lower_stmt(m, c, parent);
}

static const struct ast_node *
find_answer(const struct ast_node *n, const char *id)
{
	const struct ast_node *c;

	for (c = n ? n->first : NULL; c; c = c->next)
		if (c->type == AST_STMT && strcmp(c->keyword, "answer") == 0 &&
		    strcmp(c->vals[0].s, id) == 0)
			return c;
	return NULL;
}

/* The form's questions with the zone's answers, as one list. */
static void
questions(const struct model *m, const struct fquestion *qs, size_t nq,
    int numbered, const struct ast_node *zone, cmark_node *parent)
{
	cmark_node *l = NULL, *it, *ans;
	const struct ast_node *a;
	size_t i;

	for (i = 0; i < nq; i++) {
		if ((a = find_answer(zone, qs[i].id)) == NULL)
			continue;
		if (l == NULL) {
			l = list(parent, numbered);
			cmark_node_set_list_tight(l, 0);
		}
		it = node(CMARK_NODE_ITEM, l);
		prose(m, qs[i].text, block(DOC_QUESTION, it));
		ans = block(DOC_ANSWER, it);
		if (a->has_block)
			lower_content(m, a, ans);
		else
			prose(m, &a->vals[1], ans);
	}
}

static void
lower_section(const struct model *m, const struct fpart *fp,
    const struct ast_node *s, cmark_node *parent)
{
	const struct fsection *fs = fpart_section(fp, s->vals[0].s);

	heading(parent, 3, s->nvals == 2 ? s->vals[1].s : fs->title);
	if (fs && m->doc.layout == LAYOUT_QUESTIONS)
		questions(m, fs->questions, fs->nquestions, fp->numbered, s,
		    parent);
	lower_content(m, s, parent);
}

static void
part_heading(const struct model *m, const struct zpart *zp, size_t index,
    cmark_node *parent)
{
	const char *title = zp->node && zp->node->nvals == 2 ?
	    zp->node->vals[1].s : zp->form->title;
	struct buf b = {0};

	switch (m->doc.numbering) {
	case NUMBER_DEEL:
		buf_printf(&b, "Deel %zu: %s", index + 1, title);
		break;
	case NUMBER_PLAIN:
		buf_printf(&b, "%zu %s", index + 1, title);
		break;
	case NUMBER_NONE:
		buf_puts(&b, title);
		break;
	}
	heading(parent, 2, b.data);
	buf_free(&b);
}

/*
 * A part: its heading, the form's standard text for this layout, the
 * questions asked in the part itself, then the zone's sections and
 * content in the order the source gives them.
 */
static void
lower_part(const struct model *m, size_t index, cmark_node *parent)
{
	const struct zpart *zp = &m->parts[index];
	const struct fpart *fp = zp->form;
	const struct ast_node *c;
	size_t i;

	part_heading(m, zp, index, parent);
	for (i = 0; i < fp->ntexts; i++)
		if (fp->texts[i].layout == 0 ||
		    fp->texts[i].layout == (int)m->doc.layout)
			prose(m, fp->texts[i].text, parent);
	if (m->doc.layout == LAYOUT_QUESTIONS)
		questions(m, fp->questions, fp->nquestions, fp->numbered,
		    zp->node, parent);
	for (c = zp->node ? zp->node->first : NULL; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "section") == 0)
			lower_section(m, fp, c, parent);
		else if (strcmp(c->keyword, "answer") != 0)
			lower_stmt(m, c, parent);
	}
}

static void
letterhead(const struct form *f, cmark_node *root)
{
	cmark_node *lh = block(DOC_LETTERHEAD, root), *p, *link;
	struct buf b = {0};

	if (f->department)
		para(lh, f->department);
	if (f->phone) {
		buf_printf(&b, "T %s", f->phone);
		para(lh, b.data);
	}
	if (f->email) {
		b.len = 0;
		buf_printf(&b, "mailto:%s", f->email);
		p = node(CMARK_NODE_PARAGRAPH, lh);
		link = node(CMARK_NODE_LINK, p);
		cmark_node_set_url(link, b.data);
		text(link, f->email);
	}
	buf_free(&b);
}

static const char *
keep(struct doc *d, const char *s)
{
	return doc_keep(d, xstrdup(s ? s : ""));
}

static void
meta(const struct model *m, const char *source, struct doc *d)
{
	const struct docinfo *di = &m->doc;
	struct doc_meta *mt = &d->meta;
	struct buf b = {0};

	mt->title = keep(d, di->title ? di->title : di->form->title);
	mt->subtitle = keep(d, di->subtitle);
	mt->zone = keep(d, di->zone);
	mt->council = keep(d, di->council->name);
	mt->department = keep(d, di->letterhead ? di->form->department : NULL);
	if (di->year) {
		buf_printf(&b, "%04d-%02d-%02d", di->year, di->month, di->day);
		mt->date = keep(d, b.data);
		b.len = 0;
		buf_printf(&b, "%d %s %d", di->day, nl_month(di->month), di->year);
		mt->date_text = keep(d, b.data);
	} else {
		mt->date = mt->date_text = keep(d, "");
	}
	mt->version = keep(d, di->version);
	mt->status = keep(d, di->draft ? "ontwerp" : "goedgekeurd");
	b.len = 0;
	buf_printf(&b, "%s %s", mt->title, di->zone);
	mt->subject = keep(d, di->subject ? di->subject : b.data);
	mt->keywords = keep(d, di->keywords.data);
	mt->lang = keep(d, "nl");
	mt->source = keep(d, source);
	buf_free(&b);
}

/* "Versie 1.0 – 30 juni 2025 – goedgekeurd" */
static void
title_block(const struct doc *d, cmark_node *root)
{
	const struct doc_meta *mt = &d->meta;
	cmark_node *tb = block(DOC_TITLEBLOCK, root);
	struct buf b = {0};

	heading(tb, 1, mt->title);
	if (*mt->subtitle)
		para(tb, mt->subtitle);
	if (*mt->version)
		buf_printf(&b, "Versie %s", mt->version);
	if (*mt->date_text)
		buf_printf(&b, "%s%s", b.len ? " \xe2\x80\x93 " : "", mt->date_text);
	buf_printf(&b, "%s%s", b.len ? " \xe2\x80\x93 " : "", mt->status);
	para(tb, b.data);
	buf_free(&b);
}

/* The names of the parties and people, one a line. */
static void
names(const struct model *m, struct doc *d)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "");
	for (i = 0; i < m->nents; i++) {
		const char *n = m->ents[i]->kind == ENT_PARTY ?
		    ((const struct party *)m->ents[i])->name :
		    m->ents[i]->kind == ENT_PERSON ?
		    ((const struct person *)m->ents[i])->name : NULL;

		if (n && *n)
			buf_printf(&b, "%s\n", n);
	}
	d->names = keep(d, b.data);
	buf_free(&b);
}

void
lower(const struct model *m, const char *source_name, struct doc *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	meta(m, source_name, d);
	names(m, d);
	d->root = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (m->doc.letterhead && m->doc.form->department)
		letterhead(m->doc.form, d->root);
	title_block(d, d->root);
	for (i = 0; i < m->nparts; i++)
		lower_part(m, i, d->root);
}
