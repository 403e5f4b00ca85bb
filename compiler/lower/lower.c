/* lower.c - from a checked model to the document tree of doc.h, with
 * the form's headings, standard text and questions, and the text that
 * the data generates (contacts, invitees, deadlines, schedules). The
 * checker has vouched for everything read here; the syntax tree is not
 * read at all. */
#include <stdlib.h>
#include <string.h>

#include "lower/lower.h"
#include "sema/date.h"
#include "sema/model.h"
#include "sema/nl.h"

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

/* The blocks of a text, parsed by the checker, moved into parent: a
 * model is lowered once. */
static void
prose(const struct prose *p, cmark_node *parent)
{
	cmark_node *c;

	while ((c = cmark_node_first_child(p->doc)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_append_child(parent, c);
	}
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
	size_t start = b->len;

	buf_printf(b, "%s %s ", d->what, d->singular ? "wordt" : "worden");
	nl_due_dated(b, &d->due, m->doc.due_dates);
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
	/* A sentence: a capital, and one full stop. */
	nl_set_case(b, start, 1);
	if (b->data[b->len - 1] != '.')
		buf_putc(b, '.');
}

/* "Name (note) (note)" for target groups and activities. */
static void
noted_items(const struct content *ct, cmark_node *l)
{
	struct buf b = {0};
	size_t i, j;

	for (i = 0; i < ct->nitems; i++) {
		b.len = 0;
		buf_puts(&b, ct->items[i].name);
		for (j = 0; j < ct->items[i].nnotes; j++)
			buf_printf(&b, " (%s)", ct->items[i].notes[j]);
		item(l, b.data);
	}
	buf_free(&b);
}

static void
turns(const struct content *ct, cmark_node *parent)
{
	const char **names;
	struct buf b = {0};
	size_t i, j;

	for (i = 0; i < ct->nturns; i++) {
		const struct turns *t = &ct->turns[i];

		names = xcalloc(t->nparties + 1, sizeof(*names));
		for (j = 0; j < t->nparties; j++)
			names[j] = t->parties[j]->name;
		b.len = 0;
		buf_puts(&b, "Volgorde van de beurtrol: ");
		nl_join(&b, names, t->nparties);
		buf_putc(&b, '.');
		para(parent, b.data);
		free(names);
	}
	buf_free(&b);
}

static void
schedule(const struct content *ct, cmark_node *l)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < (int)ct->nfocus; i++) {
		b.len = 0;
		buf_printf(&b, "%s: %s", ct->focus[i].years, ct->focus[i].theme);
		item(l, b.data);
	}
	for (i = 0; i < ct->continues; i++)
		item(l, "\xe2\x80\xa6");
	buf_free(&b);
}

static void lower_children(const struct model *m, const struct content *ct,
    cmark_node *parent);

/* One piece of content; sections and answers are lowered apart. */
static void
lower_content(const struct model *m, const struct content *ct,
    cmark_node *parent)
{
	struct buf b = {0};

	switch (ct->kind) {
	case CONTENT_TEXT:
		prose(ct->text, parent);
		break;
	case CONTENT_REMARK:
		prose(ct->text, block(DOC_REMARK, parent));
		break;
	case CONTENT_CONTACTS:
		people_list(m, list(block(DOC_CONTACTS, parent), 0),
		    ROLE_RESPONSIBLE, 1);
		break;
	case CONTENT_INVITEES:
		people_list(m, list(parent, 0), ROLE_INVITEE, 0);
		break;
	case CONTENT_DEADLINE:
		deadline_sentence(m, ct->deadline, &b);
		para(parent, b.data);
		break;
	case CONTENT_TARGETGROUPS:
		noted_items(ct, list(parent, 0));
		break;
	case CONTENT_ROTATION:
		noted_items(ct, list(parent, 0));
		turns(ct, parent);
		break;
	case CONTENT_SCHEDULE:
		schedule(ct, list(parent, 0));
		break;
	case CONTENT_THEME:
		heading(parent, 4, ct->title);
		lower_children(m, ct, parent);
		break;
	case CONTENT_SECTION:
	case CONTENT_ANSWER:
		break;
	}
	buf_free(&b);
}

static void
lower_children(const struct model *m, const struct content *ct,
    cmark_node *parent)
{
	size_t i;

	for (i = 0; i < ct->nchildren; i++)
		lower_content(m, ct->children[i], parent);
}

/* The form's questions with the zone's answers, as one list. */
static void
questions(const struct model *m, const struct fquestion *qs, size_t nq,
    int numbered, struct content *const *answers, cmark_node *parent)
{
	cmark_node *l = NULL, *it, *ans;
	const struct content *a;
	size_t i;

	for (i = 0; i < nq; i++) {
		if ((a = answers[i]) == NULL)
			continue;
		if (l == NULL) {
			l = list(parent, numbered);
			cmark_node_set_list_tight(l, 0);
		}
		it = node(CMARK_NODE_ITEM, l);
		prose(qs[i].text, block(DOC_QUESTION, it));
		ans = block(DOC_ANSWER, it);
		if (a->text)
			prose(a->text, ans);
		else
			lower_children(m, a, ans);
	}
}

static void
lower_section(const struct model *m, const struct fpart *fp,
    const struct content *s, cmark_node *parent)
{
	const struct fsection *fs = s->fsection;

	size_t i;
	int asked = 0;

	heading(parent, 3, s->title);
	/* The questions stand where the first answer does: text written
	 * before the answers comes before them. */
	for (i = 0; i < s->nchildren; i++) {
		if (s->children[i]->kind == CONTENT_ANSWER && !asked++ && fs &&
		    m->doc.layout == LAYOUT_QUESTIONS)
			questions(m, fs->questions, fs->nquestions,
			    fp->numbered, s->answers, parent);
		lower_content(m, s->children[i], parent);
	}
}

static void
part_heading(const struct model *m, const struct zpart *zp, size_t index,
    cmark_node *parent)
{
	const char *title = zp->title ? zp->title : zp->form->title;
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
 * A part: its heading, the form's standard text for this layout, then
 * the zone's sections, content and the questions asked in the part
 * itself (where the first answer stands) in the order of the source.
 */
static void
lower_part(const struct model *m, size_t index, cmark_node *parent)
{
	const struct zpart *zp = &m->parts[index];
	const struct fpart *fp = zp->form;
	size_t i;
	int asked = 0;

	part_heading(m, zp, index, parent);
	for (i = 0; i < fp->ntexts; i++)
		if (fp->texts[i].layout == 0 ||
		    fp->texts[i].layout == (int)m->doc.layout)
			prose(fp->texts[i].text, parent);
	for (i = 0; i < zp->nitems; i++) {
		/* The part's questions stand where its first answer does. */
		if (zp->items[i]->kind == CONTENT_ANSWER && !asked++ &&
		    m->doc.layout == LAYOUT_QUESTIONS)
			questions(m, fp->questions, fp->nquestions,
			    fp->numbered, zp->answers, parent);
		if (zp->items[i]->kind == CONTENT_SECTION)
			lower_section(m, fp, zp->items[i], parent);
		else
			lower_content(m, zp->items[i], parent);
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
	d->form = keep(d, di->form->e.id);
	d->layout = keep(d, di->layout == LAYOUT_QUESTIONS ? "questions" :
	    "sections");
	d->numbering = keep(d, di->numbering == NUMBER_PLAIN ? "plain" :
	    di->numbering == NUMBER_NONE ? "none" : "deel");
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
	/* A document says whose agreement it is: the subtitle, or else
	 * the zone. */
	if (*mt->subtitle)
		para(tb, mt->subtitle);
	else if (*mt->zone)
		para(tb, mt->zone);
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

/* The deadlines with their dates, for a calendar. */
static void
deadlines(const struct model *m, struct doc *d)
{
	struct date from, to;
	char iso[11];
	struct buf b = {0};
	size_t i, n = 0;

	for (i = 0; i < m->nents; i++)
		n += m->ents[i]->kind == ENT_DEADLINE;
	d->deadlines = xcalloc(n + 1, sizeof(*d->deadlines));
	for (i = 0; i < m->nents; i++) {
		const struct deadline *dl = (const struct deadline *)m->ents[i];
		struct doc_deadline *o;

		if (dl->e.kind != ENT_DEADLINE)
			continue;
		o = &d->deadlines[d->ndeadlines++];
		o->id = keep(d, dl->e.id);
		b.len = 0;
		buf_printf(&b, "%s %s", dl->what, dl->action);
		o->summary = keep(d, b.data);
		b.len = 0;
		deadline_sentence(m, dl, &b);
		o->sentence = keep(d, b.data);
		if (due_dates(&dl->due, &from, &to)) {
			date_iso(from, iso);
			o->start = keep(d, iso);
			date_iso(to, iso);
			o->end = keep(d, iso);
			date_iso(date_next(to), iso);
			o->until = keep(d, iso);
		} else {
			o->start = o->end = o->until = keep(d, "");
		}
		o->event = keep(d, (dl->due.kind == DUE_AFTER ||
		    dl->due.kind == DUE_WITHIN) && *o->start == '\0' ?
		    dl->due.event->text : "");
		o->what = keep(d, dl->what);
		b.len = 0;
		nl_due(&b, &dl->due);
		o->due = keep(d, b.data);
		o->from = keep(d, dl->from ? dl->from->name : "");
		o->to = keep(d, dl->to ? dl->to->name : "");
		o->how = keep(d, nl_how(dl->how));
		o->file = keep(d, dl->e.decl && dl->e.decl->span.file ?
		    dl->e.decl->span.file->name : "");
		o->line = dl->e.decl ? dl->e.decl->span.line : 0;
		o->from_id = keep(d, dl->from ? dl->from->e.id : "");
		o->to_id = keep(d, dl->to ? dl->to->e.id : "");
		o->event_id = keep(d, (dl->due.kind == DUE_AFTER ||
		    dl->due.kind == DUE_WITHIN) ? dl->due.event->e.id : "");
	}
	buf_free(&b);
}

/* An array the document owns, as it owns its strings. */
static void *
keep_array(struct doc *d, size_t n, size_t size)
{
	return (void *)doc_keep(d, xcalloc(n + 1, size));
}

static const char *
unit_word(enum time_unit u)
{
	static const char *const w[] = {
		[UNIT_DAY] = "day", [UNIT_WEEK] = "week",
		[UNIT_MONTH] = "month", [UNIT_QUARTER] = "quarter",
		[UNIT_YEAR] = "year",
	};

	return w[u];
}

static void
body_data(const struct body *bo, struct doc *d, struct doc_body *o)
{
	struct buf b = {0};
	size_t j;

	o->id = keep(d, bo->e.id);
	o->name = keep(d, bo->name);
	o->members = keep_array(d, bo->nmembers, sizeof(*o->members));
	for (j = 0; j < bo->nmembers; j++)
		o->members[o->nmembers++] = keep(d, bo->members[j]->e.id);
	o->guests = keep_array(d, bo->nguests, sizeof(*o->guests));
	for (j = 0; j < bo->nguests; j++)
		o->guests[o->nguests++] = keep(d, bo->guests[j]->e.id);
	if (bo->has_meets) {
		nl_frequency(&b, &bo->meets, 0);
		o->meets = keep(d, b.data);
		o->qualifier = bo->meets.qualifier > 0 ? "at-least" :
		    bo->meets.qualifier < 0 ? "at-most" : "exactly";
		o->count = bo->meets.count;
		o->per = unit_word(bo->meets.per);
	} else {
		o->meets = o->qualifier = o->per = "";
	}
	o->yearly = keep(d, bo->yearly);
	buf_free(&b);
}

/* The facts as data: parties, people, bodies, events and the theme
 * schedule. */
static void
data(const struct model *m, struct doc *d)
{
	static const char *const party_kinds[] = {
		[PARTY_COUNCIL] = "council", [PARTY_MUNICIPALITY] = "municipality",
		[PARTY_PARTNER] = "partner", [PARTY_GROUP] = "",
	};
	static const char *const roles[] = {
		[ROLE_NONE] = "", [ROLE_RESPONSIBLE] = "responsible",
		[ROLE_EXPERT] = "expert", [ROLE_INVITEE] = "invitee",
	};
	char iso[11];
	size_t i, j, nfocus = 0;

	d->parties = keep_array(d, m->nents, sizeof(*d->parties));
	d->people = keep_array(d, m->nents, sizeof(*d->people));
	d->bodies = keep_array(d, m->nents, sizeof(*d->bodies));
	d->events = keep_array(d, m->nents, sizeof(*d->events));
	for (i = 0; i < m->nents; i++) {
		const struct entity *e = m->ents[i];

		switch (e->kind) {
		case ENT_PARTY: {
			const struct party *p = (const struct party *)e;
			struct doc_party *o = &d->parties[d->nparties++];

			o->id = keep(d, e->id);
			o->kind = party_kinds[p->kind];
			o->name = keep(d, p->name);
			o->called = keep(d, p->called);
			break;
		}
		case ENT_PERSON: {
			const struct person *p = (const struct person *)e;
			struct doc_person *o = &d->people[d->npeople++];

			o->id = keep(d, e->id);
			o->name = keep(d, p->name);
			o->function = keep(d, p->function);
			o->party = keep(d, p->of ? p->of->e.id : "");
			o->role = roles[p->role];
			break;
		}
		case ENT_BODY:
			body_data((const struct body *)e, d,
			    &d->bodies[d->nbodies++]);
			break;
		case ENT_EVENT: {
			const struct event *ev = (const struct event *)e;
			struct doc_event *o = &d->events[d->nevents++];

			o->id = keep(d, e->id);
			o->text = keep(d, ev->text);
			iso[0] = '\0';
			if (ev->year)
				date_iso((struct date){ev->year, ev->month,
				    ev->day}, iso);
			o->date = keep(d, iso);
			break;
		}
		default:
			break;
		}
	}
	for (i = 0; i < m->ncontents; i++)
		if (m->contents[i]->kind == CONTENT_SCHEDULE)
			nfocus += m->contents[i]->nfocus;
	d->schedule = keep_array(d, nfocus, sizeof(*d->schedule));
	for (i = 0; i < m->ncontents; i++) {
		const struct content *ct = m->contents[i];

		if (ct->kind != CONTENT_SCHEDULE)
			continue;
		for (j = 0; j < ct->nfocus; j++) {
			struct doc_focus *o = &d->schedule[d->nschedule++];

			o->from = ct->focus[j].from;
			o->to = ct->focus[j].to;
			o->years = keep(d, ct->focus[j].years);
			o->theme = keep(d, ct->focus[j].theme);
		}
		d->schedule_continues |= ct->continues > 0;
	}
}

void
lower(const struct model *m, const char *source_name, struct doc *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	meta(m, source_name, d);
	names(m, d);
	deadlines(m, d);
	data(m, d);
	d->root = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (m->doc.letterhead && m->doc.form->department)
		letterhead(m->doc.form, d->root);
	title_block(d, d->root);
	for (i = 0; i < m->nparts; i++)
		lower_part(m, i, d->root);
}
