/* redline.c - a redline: the new version's document with what changed
 * marked in it, and a box after its title block that lists the changes.
 *
 * The blocks the comparison aligned (struct dpair) are marked in the
 * new tree: a changed paragraph gets a word diff of its inlines, an
 * added block its words in DOC_INS, and a removed one is copied from
 * the old tree, its words in DOC_DEL, next to the block that followed
 * its old neighbour. Then every mark gets an id in document order, and
 * the box links each change to the mark of its block. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "diff/words.h"

/* Nodes and their counterparts: an open hash table keyed by address.
 * Only lookups depend on the addresses, never the output. */
struct nmap {
	struct nslot {
		cmark_node *from, *to;
	} *slot;
	size_t cap, n;		/* cap is 0 or a power of two */
};

static size_t
nhash(const cmark_node *p, size_t cap)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

static struct nslot *
nmap_slot(const struct nmap *m, const cmark_node *from)
{
	size_t i = nhash(from, m->cap);

	while (m->slot[i].from && m->slot[i].from != from)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

static cmark_node *
nmap_get(const struct nmap *m, const cmark_node *from)
{
	return m->cap && from ? nmap_slot(m, from)->to : NULL;
}

/* Maps from to to, unless from has a counterpart already. */
static void
nmap_put(struct nmap *m, cmark_node *from, cmark_node *to)
{
	struct nslot *old = m->slot, *s;
	size_t i, oldcap = m->cap;

	if (2 * (m->n + 1) > m->cap) {
		m->cap = oldcap ? 2 * oldcap : 256;
		m->slot = xcalloc(m->cap, sizeof(*m->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].from)
				*nmap_slot(m, old[i].from) = old[i];
		free(old);
	}
	s = nmap_slot(m, from);
	if (s->from == NULL) {
		*s = (struct nslot){from, to};
		m->n++;
	}
}

struct redline {
	const struct diff *d;
	struct doc *doc;
	struct nmap map;	/* old nodes to new ones, copies included */
	struct nmap added;	/* new blocks added */
	struct nmap removed;	/* old blocks removed */
};

static int
is_leaf(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING;
}

static int
same_kind(cmark_node *a, cmark_node *b)
{
	return cmark_node_get_type(a) == cmark_node_get_type(b) &&
	    doc_kind(a) == doc_kind(b);
}

/* Maps a to b and their ancestors of the same kinds to each other. */
static void
map_up(struct nmap *m, cmark_node *a, cmark_node *b)
{
	while (a && b && same_kind(a, b) && nmap_get(m, a) == NULL) {
		nmap_put(m, a, b);
		if (cmark_node_get_type(a) == CMARK_NODE_DOCUMENT)
			break;
		a = cmark_node_parent(a);
		b = cmark_node_parent(b);
	}
}

/* Whether every paragraph and heading under n is in set. */
static int
all_in(const struct nmap *set, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;
	int all = 1;

	while (all && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && is_leaf(c) &&
		    nmap_get(set, c) == NULL)
			all = 0;
	}
	cmark_iter_free(it);
	return all;
}

/* The largest block holding n whose paragraphs and headings are all in
 * set: what is added or removed as a whole. */
static cmark_node *
whole(const struct nmap *set, cmark_node *n)
{
	cmark_node *up;

	while ((up = cmark_node_parent(n)) != NULL &&
	    cmark_node_get_type(up) != CMARK_NODE_DOCUMENT && all_in(set, up))
		n = up;
	return n;
}

/* Puts the inlines of every paragraph and heading under n into a new
 * inline of kind k. */
static void
wrap_words(cmark_node *n, enum doc_kind k)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_node **v = NULL, *w, *c;
	size_t nv = 0, i;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER &&
		    is_leaf(c)) {
			v = xgrow(v, nv, sizeof(*v));
			v[nv++] = c;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nv; i++) {
		if (cmark_node_first_child(v[i]) == NULL)
			continue;
		w = doc_new_block(k);
		while ((c = cmark_node_first_child(v[i])) != NULL)
			cmark_node_append_child(w, c);
		cmark_node_append_child(v[i], w);
	}
	free(v);
}

/* The word diff of a changed paragraph, keeping the emphasis and links
 * of each side: the paragraph's inlines as tokens, each with the
 * inlines around it. */

#define CTX_MAX 8

struct wtok {
	const char *s;
	size_t n;
	int sp;			/* a space before it */
	int brk;		/* a hard line break */
	int code;		/* in a code span */
	cmark_node *ctx[CTX_MAX];	/* the inlines around it, outermost
					   first */
	int nctx;
};

struct wlist {
	struct wtok *v;
	size_t n;
};

static int
ends_in_space(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && strchr(" \n\t\r", s[n - 1]) != NULL;
}

static void
flatten(struct wlist *w, cmark_node *para)
{
	cmark_iter *it = cmark_iter_new(para);
	cmark_node *ctx[CTX_MAX], *c;
	cmark_event_type ev;
	int depth = 0, pending = 0, k;
	struct tok *t;
	size_t n, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (c == para)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			t = tokenize(cmark_node_get_literal(c), &n);
			for (i = 0; i < n; i++) {
				struct wtok *x;

				w->v = xgrow(w->v, w->n, sizeof(*w->v));
				x = &w->v[w->n++];
				memset(x, 0, sizeof(*x));
				x->s = t[i].s;
				x->n = t[i].n;
				x->sp = t[i].sp || (i == 0 && pending);
				x->code = cmark_node_get_type(c) ==
				    CMARK_NODE_CODE;
				x->nctx = depth < CTX_MAX ? depth : CTX_MAX;
				for (k = 0; k < x->nctx; k++)
					x->ctx[k] = ctx[k];
				pending = 0;
			}
			free(t);
			if (ends_in_space(cmark_node_get_literal(c)))
				pending = 1;
			break;
		case CMARK_NODE_SOFTBREAK:
			pending = 1;
			break;
		case CMARK_NODE_LINEBREAK:
			w->v = xgrow(w->v, w->n, sizeof(*w->v));
			memset(&w->v[w->n], 0, sizeof(*w->v));
			w->v[w->n].s = "\n";
			w->v[w->n].n = 1;
			w->v[w->n++].brk = 1;
			pending = 0;
			break;
		default:
			/* emphasis, links and our inlines hold the others */
			if (ev == CMARK_EVENT_ENTER) {
				if (depth < CTX_MAX)
					ctx[depth] = c;
				depth++;
			} else {
				depth--;
			}
			break;
		}
	}
	cmark_iter_free(it);
}

struct wpair {
	const struct wtok *a, *b;
};

static int
wtok_eq(const void *ctx, size_t i, size_t j)
{
	const struct wpair *p = ctx;
	const struct wtok *x = &p->a[i], *y = &p->b[j];

	return x->brk == y->brk && x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
}

static int
same_inline(cmark_node *a, cmark_node *b)
{
	const char *x, *y;

	if (cmark_node_get_type(a) != cmark_node_get_type(b))
		return 0;
	switch (cmark_node_get_type(a)) {
	case CMARK_NODE_LINK:
		x = cmark_node_get_url(a);
		y = cmark_node_get_url(b);
		return strcmp(x ? x : "", y ? y : "") == 0;
	case CMARK_NODE_CUSTOM_INLINE:
		x = cmark_node_get_on_exit(a);
		y = cmark_node_get_on_exit(b);
		return doc_kind(a) == doc_kind(b) &&
		    strcmp(x ? x : "", y ? y : "") == 0;
	default:
		return 1;
	}
}

/* An inline around words being rebuilt: a mark (DOC_DEL, DOC_INS) or a
 * copy of src. */
struct wrap {
	enum doc_kind mark;
	cmark_node *src, *node;
};

static int
same_wrap(const struct wrap *x, const struct wrap *y)
{
	if (x->mark || y->mark)
		return x->mark == y->mark;
	return same_inline(x->src, y->src);
}

/* Inlines being rebuilt into root, the text not yet in a node. */
struct builder {
	cmark_node *root;
	struct wrap open[CTX_MAX + 1];
	int nopen;
	struct buf text;
};

static cmark_node *
top(const struct builder *B)
{
	return B->nopen ? B->open[B->nopen - 1].node : B->root;
}

static void
flush(struct builder *B)
{
	cmark_node *t;

	if (B->text.len == 0)
		return;
	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, B->text.data);
	cmark_node_append_child(top(B), t);
	B->text.len = 0;
}

static cmark_node *
new_wrap(const struct wrap *w)
{
	cmark_node *n;

	if (w->mark)
		return doc_new_block(w->mark);
	n = cmark_node_new(cmark_node_get_type(w->src));
	switch (cmark_node_get_type(w->src)) {
	case CMARK_NODE_LINK:
		cmark_node_set_url(n, cmark_node_get_url(w->src));
		cmark_node_set_title(n, cmark_node_get_title(w->src));
		break;
	case CMARK_NODE_CUSTOM_INLINE:
		cmark_node_set_on_enter(n, cmark_node_get_on_enter(w->src));
		cmark_node_set_on_exit(n, cmark_node_get_on_exit(w->src));
		break;
	default:
		break;
	}
	return n;
}

/* Leaves open the inlines that t (with the mark) shares with what is
 * open; with open set, opens the rest. */
static void
wrap_for(struct builder *B, const struct wtok *t, enum doc_kind mark,
    int open)
{
	struct wrap want[CTX_MAX + 1];
	int nw = 0, k, i;

	if (mark)
		want[nw++] = (struct wrap){mark, NULL, NULL};
	for (i = 0; i < t->nctx; i++)
		want[nw++] = (struct wrap){DOC_NONE, t->ctx[i], NULL};
	for (k = 0; k < B->nopen && k < nw && same_wrap(&B->open[k],
	    &want[k]); k++)
		;
	if (k < B->nopen)
		flush(B);
	B->nopen = k;
	for (; open && k < nw; k++) {
		flush(B);
		want[k].node = new_wrap(&want[k]);
		cmark_node_append_child(top(B), want[k].node);
		B->open[B->nopen++] = want[k];
	}
}

static void
put_token(struct builder *B, const struct wtok *t, enum doc_kind mark,
    int first)
{
	cmark_node *n;

	if (t->sp && !first) {
		wrap_for(B, t, mark, 0);
		buf_putc(&B->text, ' ');
	}
	wrap_for(B, t, mark, 1);
	if (t->brk || t->code) {
		flush(B);
		n = cmark_node_new(t->brk ? CMARK_NODE_LINEBREAK :
		    CMARK_NODE_CODE);
		if (t->code) {
			char *s = xstrndup(t->s, t->n);

			cmark_node_set_literal(n, s);
			free(s);
		}
		cmark_node_append_child(top(B), n);
		return;
	}
	buf_add(&B->text, t->s, t->n);
}

/* Gives b, the new version of a, the word diff of the two. */
static void
redline_words(cmark_node *a, cmark_node *b)
{
	struct wlist wa = {0}, wb = {0};
	struct wpair wp;
	struct builder B;
	struct op *ops;
	size_t nops, k;
	cmark_node *c;

	flatten(&wa, a);
	flatten(&wb, b);
	wp = (struct wpair){wa.v, wb.v};
	ops = lcs(wa.n, wb.n, wtok_eq, &wp, &nops);
	memset(&B, 0, sizeof(B));
	B.root = cmark_node_new(CMARK_NODE_PARAGRAPH);
	buf_puts(&B.text, "");
	for (k = 0; k < nops; k++) {
		if (ops[k].c == '-')
			put_token(&B, &wa.v[ops[k].i], DOC_DEL, k == 0);
		else
			put_token(&B, &wb.v[ops[k].j], ops[k].c == '+' ?
			    DOC_INS : DOC_NONE, k == 0);
	}
	flush(&B);
	/* the tokens point into b's old inlines: freed only now */
	while ((c = cmark_node_first_child(b)) != NULL)
		cmark_node_free(c);
	while ((c = cmark_node_first_child(B.root)) != NULL)
		cmark_node_append_child(b, c);
	cmark_node_free(B.root);
	buf_free(&B.text);
	free(ops);
	free(wa.v);
	free(wb.v);
}

/* Removed blocks, put back. */

static void
map_copy(void *arg, cmark_node *from, cmark_node *to)
{
	nmap_put(arg, from, to);
}

/* The child of the document that holds n. */
static cmark_node *
top_block(cmark_node *n)
{
	while (cmark_node_parent(n) &&
	    cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_DOCUMENT)
		n = cmark_node_parent(n);
	return n;
}

/* Puts copy, the copy of the old block u, into the new tree: after the
 * counterpart of the nearest sibling before u that has one, else before
 * that of the nearest after it, else into its parent's; else after the
 * block holding last, the last new node passed. */
static void
place(struct redline *R, cmark_node *u, cmark_node *copy, cmark_node *last)
{
	cmark_node *s, *x, *list;

	for (s = cmark_node_previous(u); s; s = cmark_node_previous(s))
		if ((x = nmap_get(&R->map, s)) && cmark_node_insert_after(x, copy))
			return;
	for (s = cmark_node_next(u); s; s = cmark_node_next(s))
		if ((x = nmap_get(&R->map, s)) &&
		    cmark_node_insert_before(x, copy))
			return;
	if ((x = nmap_get(&R->map, cmark_node_parent(u))) &&
	    cmark_node_append_child(x, copy))
		return;
	if (cmark_node_get_type(copy) == CMARK_NODE_ITEM) {
		list = doc_copy(cmark_node_parent(u), NULL, NULL);
		while ((s = cmark_node_first_child(list)) != NULL)
			cmark_node_free(s);
		cmark_node_append_child(list, copy);
		copy = list;
	}
	if (last == NULL || !cmark_node_insert_after(top_block(last), copy))
		cmark_node_append_child(R->doc->root, copy);
}

static void
put_back(struct redline *R, cmark_node *old_root)
{
	cmark_iter *it = cmark_iter_new(old_root);
	cmark_node *n, *u, *copy, *last = NULL, *x;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		if ((x = nmap_get(&R->map, n)) != NULL) {
			last = x;
			continue;
		}
		if (nmap_get(&R->removed, n) == NULL)
			continue;
		u = whole(&R->removed, n);
		if (nmap_get(&R->map, u))
			continue;
		copy = doc_copy(u, map_copy, &R->map);
		place(R, u, copy, last);
		wrap_words(copy, DOC_DEL);
		doc_set_mark(R->doc, copy, DOC_REMOVED);
		last = nmap_get(&R->map, n);
	}
	cmark_iter_free(it);
}

/* The ids of the marks, in document order. */
static void
name_marks(struct redline *R)
{
	cmark_iter *it = cmark_iter_new(R->doc->root);
	struct doc_mark *m;
	struct buf b = {0};
	size_t k = 0;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		m = (struct doc_mark *)doc_mark(cmark_iter_get_node(it));
		if (m == NULL || cmark_iter_get_event_type(it) !=
		    CMARK_EVENT_ENTER)
			continue;
		b.len = 0;
		buf_printf(&b, "wijziging-%zu", ++k);
		m->id = doc_keep(R->doc, xstrdup(b.data));
	}
	cmark_iter_free(it);
	buf_free(&b);
}

static void
mark_blocks(struct redline *R)
{
	const struct diff *d = R->d;
	cmark_node *u;
	size_t i;

	for (i = 0; i < d->nal; i++) {
		const struct dpair *p = &d->al[i];

		if (p->how == '=' || p->how == '~')
			map_up(&R->map, p->a, p->b);
		else if (p->how == '+')
			nmap_put(&R->added, p->b, p->b);
		else
			nmap_put(&R->removed, p->a, p->a);
	}
	for (i = 0; i < d->nal; i++) {
		const struct dpair *p = &d->al[i];

		if (p->how == '~') {
			redline_words(p->a, p->b);
			if (doc_mark(p->b) == NULL)
				doc_set_mark(R->doc, p->b, DOC_CHANGED);
		} else if (p->how == '+') {
			u = whole(&R->added, p->b);
			if (doc_mark(u))
				continue;
			wrap_words(u, DOC_INS);
			doc_set_mark(R->doc, u, DOC_ADDED);
		}
	}
}

/* The box. */

static void
add_text(cmark_node *parent, const char *s)
{
	cmark_node *t;

	if (s == NULL || *s == '\0')
		return;
	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, s);
	cmark_node_append_child(parent, t);
}

static void
add_marked(cmark_node *parent, enum doc_kind k, const char *s)
{
	cmark_node *w = doc_new_block(k);

	add_text(w, s);
	cmark_node_append_child(parent, w);
}

void
diff_word_nodes(cmark_node *parent, const char *a, const char *b,
    int context)
{
	struct buf w = {0}, t = {0};
	cmark_node *into = parent, *m;
	const char *p;

	diff_words(&w, a, b, "\x01", "\x02", "\x03", "\x04", context);
	buf_puts(&t, "");
	for (p = w.data; ; p++) {
		if (*p && (unsigned char)*p > 4) {
			buf_putc(&t, *p);
			continue;
		}
		add_text(into, t.data);
		t.len = 0;
		t.data[0] = '\0';
		if (*p == '\0')
			break;
		if (*p == '\x01' || *p == '\x03') {
			m = doc_new_block(*p == '\x01' ? DOC_DEL : DOC_INS);
			cmark_node_append_child(parent, m);
			into = m;
		} else {
			into = parent;
		}
	}
	buf_free(&w);
	buf_free(&t);
}

/* At most max words of s, and "…" when there were more. */
static char *
clip(const char *s, size_t max)
{
	size_t words = 0, i;

	for (i = 0; s[i]; i++)
		if (s[i] == ' ' && i > 0 && s[i - 1] != ' ' && ++words == max) {
			struct buf b = {0};

			buf_add(&b, s, i);
			buf_puts(&b, " \xe2\x80\xa6");
			return buf_take(&b);
		}
	return xstrdup(s);
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* What changed, in Dutch: "Functie van %s" (%s: the label). */
static const struct {
	const char *kind, *lead;
} leads[] = {
	{"document.title", "Titel"},
	{"document.subtitle", "Ondertitel"},
	{"document.zone", "Zone"},
	{"document.council", "Opgesteld door"},
	{"document.version", "Versie"},
	{"document.status", "Status"},
	{"document.date", "Datum"},
	{"document.subject", "Onderwerp"},
	{"document.keywords", "Trefwoorden"},
	{"document.department", "Afdeling"},
	{"document.layout", "Indeling"},
	{"document.numbering", "Nummering"},
	{"party.name", "Naam van %s"},
	{"party.called", "Korte naam van %s"},
	{"party.kind", "Soort partner: %s"},
	{"party.invitees", "Genodigden van %s"},
	{"party.order", "Volgorde van de gemeenten"},
	{"person.added", "Persoon toegevoegd"},
	{"person.removed", "Persoon geschrapt"},
	{"person.replaced", "Persoon vervangen"},
	{"person.function", "Functie van %s"},
	{"person.party", "Organisatie van %s"},
	{"person.role", "Rol van %s"},
	{"body.added", "Overlegorgaan toegevoegd"},
	{"body.removed", "Overlegorgaan geschrapt"},
	{"body.name", "Naam van een overlegorgaan"},
	{"body.members", "Leden van %s"},
	{"body.meets", "Vergaderritme van %s"},
	{"body.yearly", "Jaarlijks in %s"},
	{"body.guests", "Gasten van %s"},
	{"event.added", "Gebeurtenis toegevoegd"},
	{"event.removed", "Gebeurtenis geschrapt"},
	{"event.text", "Gebeurtenis gewijzigd"},
	{"deadline.added", "Termijn toegevoegd"},
	{"deadline.removed", "Termijn geschrapt"},
	{"deadline.what", "Omschrijving van een termijn"},
	{"deadline.due", "Termijn voor \xe2\x80\x98%s\xe2\x80\x99"},
	{"deadline.how", "Wijze van \xe2\x80\x98%s\xe2\x80\x99"},
	{"deadline.action", "Actie bij \xe2\x80\x98%s\xe2\x80\x99"},
	{"deadline.from", "Afzender van \xe2\x80\x98%s\xe2\x80\x99"},
	{"deadline.to", "Bestemmeling van \xe2\x80\x98%s\xe2\x80\x99"},
	{"deadline.by", "Verantwoordelijke voor \xe2\x80\x98%s\xe2\x80\x99"},
	{"deadline.audience", "Doelpubliek van \xe2\x80\x98%s\xe2\x80\x99"},
	{"focus.added", "Focusthema toegevoegd"},
	{"focus.removed", "Focusthema geschrapt"},
	{"focus.moved", "Focusthema %s verschoven"},
	{"group.added", "Doelgroep toegevoegd"},
	{"group.removed", "Doelgroep geschrapt"},
	{"group.changed", "Doelgroep %s gewijzigd"},
	{"group.order", "Volgorde van de doelgroepen"},
	{"activity.added", "Activiteit toegevoegd"},
	{"activity.removed", "Activiteit geschrapt"},
	{"activity.changed", "Activiteit %s gewijzigd"},
	{"activity.order", "Volgorde van de activiteiten"},
	{"rotation.turns", "Volgorde van de beurten"},
	{"section.added", "Nieuwe sectie"},
	{"section.removed", "Sectie geschrapt"},
	{"prose.changed", "Zin gewijzigd"},
	{"prose.moved", "Alinea verplaatst"},
	{"prose.format", "Opmaak gewijzigd"},
	{"item.changed", "Opsommingspunt gewijzigd"},
	{"item.added", "Opsommingspunt toegevoegd"},
	{"item.removed", "Opsommingspunt geschrapt"},
	{"item.moved", "Opsommingspunt verplaatst"},
	{"item.format", "Opmaak van een opsommingspunt gewijzigd"},
};

static const char *const party_words[][2] = {
	{"council ", "Raad"}, {"municipality ", "Gemeente"},
	{"partner ", "Partner"}, {"municipalities ", "Groep gemeenten"},
};

static void
lead(struct buf *b, const struct dchange *c)
{
	const char *label = c->label ? c->label : c->entity ? c->entity : "";
	const char *f = NULL, *pct;
	size_t i;

	if (starts(c->kind, "party.") && (ends(c->kind, ".added") ||
	    ends(c->kind, ".removed"))) {
		for (i = 0; i < NELEM(party_words); i++)
			if (c->entity && starts(c->entity, party_words[i][0]))
				buf_puts(b, party_words[i][1]);
		buf_puts(b, ends(c->kind, ".added") ? " toegevoegd" :
		    " geschrapt");
		return;
	}
	if (strcmp(c->kind, "prose.added") == 0 ||
	    strcmp(c->kind, "prose.removed") == 0) {
		buf_printf(b, "%s %s", c->field && strcmp(c->field,
		    "paragraph") == 0 ? "Alinea" : "Zin",
		    c->new ? "toegevoegd" : "geschrapt");
		return;
	}
	for (i = 0; i < NELEM(leads) && f == NULL; i++)
		if (strcmp(leads[i].kind, c->kind) == 0)
			f = leads[i].lead;
	if (f == NULL) {
		buf_puts(b, c->kind);
		return;
	}
	if ((pct = strstr(f, "%s")) != NULL) {
		buf_add(b, f, (size_t)(pct - f));
		buf_puts(b, label);
		buf_puts(b, pct + 2);
	} else {
		buf_puts(b, f);
	}
}

/* The entry of change c: what changed and the words before and after,
 * deleted and inserted. */
static void
entry(cmark_node *into, const struct dchange *c)
{
	struct buf b = {0}, v = {0};
	char *s;
	int item = starts(c->kind, "focus.") || starts(c->kind, "group.") ||
	    starts(c->kind, "activity.");

	lead(&b, c);
	buf_puts(&b, ": ");
	add_text(into, b.data);
	if ((starts(c->kind, "prose.") || starts(c->kind, "item.")) &&
	    c->old && c->new && !ends(c->kind, ".format")) {
		diff_word_nodes(into, c->old, c->new, 6);
	} else if ((starts(c->kind, "prose.") || starts(c->kind, "item.")) &&
	    (ends(c->kind, ".moved") || ends(c->kind, ".format"))) {
		s = clip(c->new ? c->new : c->old ? c->old : "", 30);
		add_text(into, s);
		free(s);
	} else if (item && (ends(c->kind, ".added") ||
	    ends(c->kind, ".removed"))) {
		buf_puts(&v, c->label ? c->label : "");
		if (c->old || c->new)
			buf_printf(&v, " (%s)", c->new ? c->new : c->old);
		add_marked(into, c->new ? DOC_INS : DOC_DEL, v.data);
	} else {
		if (c->old) {
			s = clip(c->old, 30);
			add_marked(into, DOC_DEL, s);
			free(s);
		}
		if (c->old && c->new)
			add_text(into, " \xe2\x86\x92 ");
		if (c->new) {
			s = clip(c->new, 30);
			add_marked(into, DOC_INS, s);
			free(s);
		}
	}
	buf_free(&b);
	buf_free(&v);
}

/* The id of the mark of the block c is about, or NULL. */
static const char *
node_target(const struct redline *R, const struct dchange *c)
{
	const struct doc_mark *m;
	cmark_node *n;

	n = c->at_new ? c->at_new : nmap_get(&R->map, c->at_old);
	for (; n; n = cmark_node_parent(n))
		if ((m = doc_mark(n)) != NULL && m->id)
			return m->id;
	return NULL;
}

/* Whether the words of n hold s. */
static int
says(cmark_node *n, const char *s)
{
	cmark_iter *it = cmark_iter_new(n);
	struct buf b = {0};
	cmark_node *c;
	int found;

	buf_puts(&b, "");
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT)
			buf_puts(&b, cmark_node_get_literal(c));
		else if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK)
			buf_putc(&b, ' ');
	}
	cmark_iter_free(it);
	found = strstr(b.data, s) != NULL;
	buf_free(&b);
	return found;
}

/* The id of the first mark whose block names label (a fact without a
 * block of its own: a person added shows in a contact list). */
static const char *
named_target(const struct redline *R, const char *label)
{
	cmark_iter *it;
	const struct doc_mark *m;
	const char *id = NULL;

	if (label == NULL || *label == '\0')
		return NULL;
	it = cmark_iter_new(R->doc->root);
	while (id == NULL && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		m = doc_mark(cmark_iter_get_node(it));
		if (m && m->id && cmark_iter_get_event_type(it) ==
		    CMARK_EVENT_ENTER && says(cmark_iter_get_node(it), label))
			id = m->id;
	}
	cmark_iter_free(it);
	return id;
}

/* The id of change i's mark, or of its first echo's that has one, or
 * of the first mark that names what changed. */
static const char *
change_target(const struct redline *R, size_t i)
{
	const struct diff *d = R->d;
	const char *id = node_target(R, &d->v[i]);
	size_t k;

	for (k = 0; id == NULL && d->v[i].nechoes && k < d->n; k++)
		if (d->v[k].cause == i + 1)
			id = node_target(R, &d->v[k]);
	if (id == NULL && d->v[i].group != DG_BODY)
		id = named_target(R, d->v[i].label);
	return id;
}

static cmark_node *
heading(int level, const char *text)
{
	cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);

	cmark_node_set_heading_level(h, level);
	add_text(h, text);
	return h;
}

static cmark_node *
paragraph(const char *text)
{
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);

	add_text(p, text);
	return p;
}

static const char *const group_titles[] = {
	[DG_DOCUMENT] = "Document",
	[DG_PARTIES] = "Partners en personen",
	[DG_BODIES] = "Overlegorganen en gebeurtenissen",
	[DG_DEADLINES] = "Termijnen",
	[DG_BODY] = "",
};

static const struct {
	const char *kind, *what;
} ignored_words[] = {
	{"order.declarations", "declaraties in een andere volgorde"},
	{"comment", "commentaar"},
	{"layout.text", "regeleinden in teksten"},
	{"layout", "witruimte en lege regels"},
};

static void
ignored(cmark_node *box, const struct diff *d)
{
	struct buf b = {0};
	size_t i, k;

	if (d->nign == 0)
		return;
	buf_puts(&b, "Niet als wijziging geteld: ");
	for (i = 0; i < d->nign; i++) {
		for (k = 0; k < NELEM(ignored_words); k++)
			if (strcmp(ignored_words[k].kind, d->ign[i].kind) == 0)
				break;
		buf_printf(&b, "%s%s", i ? ", " : "", k < NELEM(ignored_words) ?
		    ignored_words[k].what : d->ign[i].what);
	}
	buf_puts(&b, ".");
	cmark_node_append_child(box, paragraph(b.data));
	buf_free(&b);
}

static void
add_box(struct redline *R)
{
	const struct diff *d = R->d;
	cmark_node *box = doc_new_block(DOC_CHANGES), *list = NULL, *item, *p;
	cmark_node *into, *c;
	const char *group = NULL, *g, *id;
	struct buf b = {0};
	size_t *v, n, i, k, nechoes = 0;

	buf_printf(&b, "Wijzigingen ten opzichte van versie %s",
	    d->old_version);
	cmark_node_append_child(box, heading(2, b.data));
	v = diff_order(d, &n);
	for (i = 0; i < d->n; i++)
		nechoes += d->v[i].cause != 0;
	b.len = 0;
	if (n == 0)
		buf_puts(&b, "Geen wijzigingen in de inhoud.");
	else
		buf_printf(&b, "%zu wijziging%s in de inhoud", n, n == 1 ? "" :
		    "en");
	if (n && nechoes)
		buf_printf(&b, ", en daardoor %zu aanpassing%s in de "
		    "gegenereerde tekst", nechoes, nechoes == 1 ? "" : "en");
	if (n)
		buf_puts(&b, ".");
	cmark_node_append_child(box, paragraph(b.data));
	for (k = 0; k < n; k++) {
		const struct dchange *ch = &d->v[v[k]];

		g = ch->group == DG_BODY ? (ch->where && *ch->where ?
		    ch->where : "Titel") : group_titles[ch->group];
		if (group == NULL || strcmp(group, g) != 0) {
			group = g;
			cmark_node_append_child(box, heading(3, g));
			list = cmark_node_new(CMARK_NODE_LIST);
			cmark_node_set_list_type(list, CMARK_BULLET_LIST);
			cmark_node_set_list_tight(list, 1);
			cmark_node_append_child(box, list);
		}
		item = cmark_node_new(CMARK_NODE_ITEM);
		p = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(item, p);
		cmark_node_append_child(list, item);
		into = p;
		if ((id = change_target(R, v[k])) != NULL) {
			into = doc_new_ref(id);
			cmark_node_append_child(p, into);
		}
		entry(into, ch);
		if (ch->nechoes) {
			b.len = 0;
			buf_printf(&b, " (en daardoor %zu aanpassing%s in de "
			    "tekst)", ch->nechoes, ch->nechoes == 1 ? "" :
			    "en");
			add_text(into, b.data);
		}
	}
	ignored(box, d);
	free(v);
	buf_free(&b);
	for (c = cmark_node_first_child(R->doc->root); c; c = cmark_node_next(c))
		if (doc_kind(c) == DOC_TITLEBLOCK)
			break;
	if (c == NULL || !cmark_node_insert_after(c, box))
		cmark_node_prepend_child(R->doc->root, box);
}

void
diff_redline(const struct diff *d, struct doc *doc)
{
	struct redline R;
	cmark_node *old_root = NULL, *n;
	size_t i;

	memset(&R, 0, sizeof(R));
	R.d = d;
	R.doc = doc;
	/* the old tree's root, from any block of it */
	for (i = 0; i < d->nal && old_root == NULL; i++)
		for (n = d->al[i].a; n; n = cmark_node_parent(n))
			if (cmark_node_get_type(n) == CMARK_NODE_DOCUMENT)
				old_root = n;
	if (old_root)
		nmap_put(&R.map, old_root, doc->root);
	mark_blocks(&R);
	if (old_root)
		put_back(&R, old_root);
	name_marks(&R);
	add_box(&R);
	free(R.map.slot);
	free(R.added.slot);
	free(R.removed.slot);
}
