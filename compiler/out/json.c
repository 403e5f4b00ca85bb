/* json.c - the JSON backend: the compiled zone as data, for other
 * programs. docs/zone.schema.json describes it.
 *
 * Every object's keys come in a fixed order, arrays in the order of the
 * source (the schedule and the headings in the order of the document),
 * and an absent value is null: the same source gives the same bytes.
 * Strings are escaped as RFC 8259 asks (buf_json_string). */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "base/util.h"
#include "out/backend.h"

void *
json_open(const struct render_ctx *ctx, struct diags *dg)
{
	static char token;

	(void)ctx;
	(void)dg;
	return &token;
}

void
json_close(void *state)
{
	(void)state;
}

void
json_deps(void *state, void (*fn)(void *arg, const char *path), void *arg)
{
	(void)state;
	(void)fn;
	(void)arg;
}

/*
 * A writer that indents by two spaces: each value of an object or an
 * array on a line of its own. first[] says whether the container now
 * open at each depth has had a value yet.
 */
#define JSON_DEPTH 16

struct jw {
	struct buf *b;
	int depth;
	int first[JSON_DEPTH];
};

static void
newline(struct jw *w)
{
	int i;

	buf_putc(w->b, '\n');
	for (i = 0; i < w->depth; i++)
		buf_puts(w->b, "  ");
}

/* Before a value (or a key) in the open container. */
static void
next(struct jw *w)
{
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		buf_putc(w->b, ',');
	w->first[w->depth] = 0;
	newline(w);
}

static void
open_c(struct jw *w, char c)
{
	buf_putc(w->b, c);
	w->depth++;
	w->first[w->depth] = 1;
}

static void
close_c(struct jw *w, char c)
{
	int empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		newline(w);
	buf_putc(w->b, c);
}

static void
key(struct jw *w, const char *k)
{
	next(w);
	buf_json_string(w->b, k);
	buf_puts(w->b, ": ");
}

static void
obj(struct jw *w, const char *k)
{
	if (k)
		key(w, k);
	else
		next(w);
	open_c(w, '{');
}

static void
arr(struct jw *w, const char *k)
{
	if (k)
		key(w, k);
	else
		next(w);
	open_c(w, '[');
}

/* A string, or null when it is empty (an absent value). */
static void
str(struct jw *w, const char *k, const char *v)
{
	if (k)
		key(w, k);
	else
		next(w);
	if (v && *v)
		buf_json_string(w->b, v);
	else
		buf_puts(w->b, "null");
}

static void
num(struct jw *w, const char *k, long long v)
{
	key(w, k);
	buf_printf(w->b, "%lld", v);
}

static void
boolean(struct jw *w, const char *k, int v)
{
	key(w, k);
	buf_puts(w->b, v ? "true" : "false");
}

static void
document(struct jw *w, const struct doc *d)
{
	const struct doc_meta *m = &d->meta;

	obj(w, "document");
	str(w, "title", m->title);
	str(w, "subtitle", m->subtitle);
	str(w, "zone", m->zone);
	str(w, "council", m->council);
	str(w, "department", m->department);
	str(w, "form", d->form);
	str(w, "layout", d->layout);
	str(w, "numbering", d->numbering);
	str(w, "version", m->version);
	str(w, "date", m->date);
	str(w, "date_text", m->date_text);
	str(w, "status", m->status);
	str(w, "subject", m->subject);
	str(w, "keywords", m->keywords);
	str(w, "lang", m->lang);
	str(w, "source", m->source);
	close_c(w, '}');
}

static void
ids(struct jw *w, const char *k, const char *const *v, size_t n)
{
	size_t i;

	arr(w, k);
	for (i = 0; i < n; i++)
		str(w, NULL, v[i]);
	close_c(w, ']');
}

static void
facts(struct jw *w, const struct doc *d)
{
	size_t i;

	arr(w, "parties");
	for (i = 0; i < d->nparties; i++) {
		const struct doc_party *p = &d->parties[i];

		obj(w, NULL);
		str(w, "id", p->id);
		str(w, "kind", p->kind);
		str(w, "name", p->name);
		str(w, "called", p->called);
		close_c(w, '}');
	}
	close_c(w, ']');
	arr(w, "people");
	for (i = 0; i < d->npeople; i++) {
		const struct doc_person *p = &d->people[i];

		obj(w, NULL);
		str(w, "id", p->id);
		str(w, "name", p->name);
		str(w, "function", p->function);
		str(w, "party", p->party);
		str(w, "role", p->role);
		close_c(w, '}');
	}
	close_c(w, ']');
	arr(w, "bodies");
	for (i = 0; i < d->nbodies; i++) {
		const struct doc_body *b = &d->bodies[i];

		obj(w, NULL);
		str(w, "id", b->id);
		str(w, "name", b->name);
		ids(w, "members", b->members, b->nmembers);
		if (b->count) {
			obj(w, "meets");
			str(w, "text", b->meets);
			str(w, "qualifier", b->qualifier);
			num(w, "count", b->count);
			str(w, "per", b->per);
			close_c(w, '}');
		} else {
			str(w, "meets", NULL);
		}
		str(w, "yearly", b->yearly);
		ids(w, "guests", b->guests, b->nguests);
		close_c(w, '}');
	}
	close_c(w, ']');
	arr(w, "events");
	for (i = 0; i < d->nevents; i++) {
		obj(w, NULL);
		str(w, "id", d->events[i].id);
		str(w, "text", d->events[i].text);
		str(w, "date", d->events[i].date);
		close_c(w, '}');
	}
	close_c(w, ']');
}

static void
deadlines(struct jw *w, const struct doc *d)
{
	size_t i;

	arr(w, "deadlines");
	for (i = 0; i < d->ndeadlines; i++) {
		const struct doc_deadline *dl = &d->deadlines[i];

		obj(w, NULL);
		str(w, "id", dl->id);
		str(w, "what", dl->what);
		str(w, "summary", dl->summary);
		str(w, "sentence", dl->sentence);
		str(w, "due", dl->due);
		str(w, "start", dl->start);
		str(w, "end", dl->end);
		str(w, "event", dl->event_id);
		str(w, "from", dl->from_id);
		str(w, "to", dl->to_id);
		str(w, "how", dl->how);
		str(w, "file", dl->file);
		num(w, "line", dl->line);
		close_c(w, '}');
	}
	close_c(w, ']');
}

static void
schedule(struct jw *w, const struct doc *d)
{
	size_t i;

	obj(w, "schedule");
	arr(w, "periods");
	for (i = 0; i < d->nschedule; i++) {
		obj(w, NULL);
		num(w, "from", d->schedule[i].from);
		num(w, "to", d->schedule[i].to);
		str(w, "years", d->schedule[i].years);
		str(w, "theme", d->schedule[i].theme);
		close_c(w, '}');
	}
	close_c(w, ']');
	boolean(w, "continues", d->schedule_continues);
	close_c(w, '}');
}

/*
 * The parts, each with its sections, each with its themes: the headings
 * of levels 2, 3 and 4 with the anchors of the HTML page. A heading
 * deeper than the one open (a section before any part) gets a parent
 * without a heading, so that the nesting stays the same.
 */
struct outline {
	struct jw *w;
	int open;		/* the deepest level open: 0, 2, 3 or 4 */
	int list[5];		/* list[L]: the list of L's children is open */
};

/* Closes the headings of level lv and deeper. */
static void
close_to(struct outline *o, int lv)
{
	for (; o->open >= lv && o->open >= 2; o->open = o->open > 2 ?
	    o->open - 1 : 0) {
		if (o->list[o->open]) {
			close_c(o->w, ']');
			o->list[o->open] = 0;
		}
		close_c(o->w, '}');
	}
}

static void
heading(void *arg, int level, const char *text, const char *id)
{
	static const char *const lists[] = {"", "", "", "sections", "themes"};
	struct outline *o = arg;

	if (level < 2 || level > 4)
		return;
	close_to(o, level);
	while (o->open < level) {
		if (o->open >= 2 && !o->list[o->open]) {
			arr(o->w, lists[o->open + 1]);
			o->list[o->open] = 1;
		}
		obj(o->w, NULL);
		o->open = o->open < 2 ? 2 : o->open + 1;
		if (o->open < level) {
			str(o->w, "heading", NULL);
			str(o->w, "anchor", NULL);
		}
	}
	str(o->w, "heading", text);
	str(o->w, "anchor", id);
}

static void
outline(struct jw *w, const struct doc *d)
{
	struct outline o = {w, 0, {0}};

	arr(w, "parts");
	html_headings(d, heading, &o);
	close_to(&o, 2);
	close_c(w, ']');
}

int
json_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out)
{
	struct jw w = {out, 0, {0}};

	(void)state;
	(void)dg;
	open_c(&w, '{');
	str(&w, "generator", "afc " AFC_VERSION);
	document(&w, d);
	facts(&w, d);
	deadlines(&w, d);
	schedule(&w, d);
	outline(&w, d);
	close_c(&w, '}');
	buf_putc(out, '\n');
	return 0;
}
