/* diff.c - the comparison of two compiled zones: facts from the models,
 * prose from the document trees, echoes grouped under their cause. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "diff/words.h"
#include "sema/model.h"
#include "sema/nl.h"

/* Tokens and the longest common subsequence. */

/* Past this many cells the middle of two sequences is taken as
 * replaced as a whole: a diff stays fast whatever the input. */
#define LCS_MAX_CELLS (16u << 20)

static void
push_op(struct op **v, size_t *n, char c, size_t i, size_t j)
{
	*v = xgrow(*v, *n, sizeof(**v));
	(*v)[(*n)++] = (struct op){c, i, j};
}

struct op *
lcs(size_t n, size_t m, eq_fn eq, const void *ctx, size_t *nops)
{
	struct op *v = NULL;
	size_t p = 0, s = 0, N, M, i, j, k;
	uint32_t *L;

	*nops = 0;
	while (p < n && p < m && eq(ctx, p, p))
		p++;
	while (s < n - p && s < m - p && eq(ctx, n - 1 - s, m - 1 - s))
		s++;
	for (k = 0; k < p; k++)
		push_op(&v, nops, '=', k, k);
	N = n - p - s;
	M = m - p - s;
	if (N > 0 && M > 0 && (N + 1) <= LCS_MAX_CELLS / (M + 1)) {
		L = xcalloc((N + 1) * (M + 1), sizeof(*L));
#define AT(a, b) L[(a) * (M + 1) + (b)]
		for (i = N; i-- > 0;)
			for (j = M; j-- > 0;)
				AT(i, j) = eq(ctx, p + i, p + j) ?
				    AT(i + 1, j + 1) + 1 :
				    (AT(i + 1, j) >= AT(i, j + 1) ?
				    AT(i + 1, j) : AT(i, j + 1));
		i = j = 0;
		while (i < N || j < M) {
			if (i < N && j < M && eq(ctx, p + i, p + j)) {
				push_op(&v, nops, '=', p + i++, p + j++);
			} else if (i < N && (j == M ||
			    AT(i + 1, j) >= AT(i, j + 1))) {
				push_op(&v, nops, '-', p + i++, p + j);
			} else {
				push_op(&v, nops, '+', p + i, p + j++);
			}
		}
#undef AT
		free(L);
	} else {
		for (i = 0; i < N; i++)
			push_op(&v, nops, '-', p + i, p);
		for (j = 0; j < M; j++)
			push_op(&v, nops, '+', p + N, p + j);
	}
	for (k = 0; k < s; k++)
		push_op(&v, nops, '=', n - s + k, m - s + k);
	return v;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static int
is_punct_byte(char c)
{
	return c != '\0' && strchr(".,:;!?()[]\"'", c) != NULL;
}

struct tok *
tokenize(const char *s, size_t *n)
{
	struct tok *v = NULL;
	const char *e, *a, *z;
	int sp = 0;

	*n = 0;
	while (*s) {
		if (is_space(*s)) {
			sp = 1;
			s++;
			continue;
		}
		for (e = s; *e && !is_space(*e); e++)
			;
		for (a = s; a < e && is_punct_byte(*a) && a + 1 < e; a++) {
			v = xgrow(v, *n, sizeof(*v));
			v[(*n)++] = (struct tok){a, 1, sp && a == s};
		}
		for (z = e; z > a + 1 && is_punct_byte(z[-1]); z--)
			;
		v = xgrow(v, *n, sizeof(*v));
		v[(*n)++] = (struct tok){a, (size_t)(z - a), sp && a == s};
		for (; z < e; z++) {
			v = xgrow(v, *n, sizeof(*v));
			v[(*n)++] = (struct tok){z, 1, 0};
		}
		sp = 0;
		s = e;
	}
	return v;
}

/* Whether a token is a word (holds a letter or digit) and not only
 * punctuation or a dash. */
static int
is_word(const struct tok *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		unsigned char c = (unsigned char)t->s[i];

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= 0xc3 && c <= 0xdf))
			return 1;
	}
	return 0;
}

int
tok_eq(const void *ctx, size_t i, size_t j)
{
	const struct tokpair *p = ctx;

	return p->a[i].n == p->b[j].n &&
	    memcmp(p->a[i].s, p->b[j].s, p->a[i].n) == 0;
}

struct strpair {
	char *const *a, *const *b;
};

static int
str_eq(const void *ctx, size_t i, size_t j)
{
	const struct strpair *p = ctx;

	return strcmp(p->a[i], p->b[j]) == 0;
}

void
diff_words(struct buf *out, const char *a, const char *b, const char *pre_del,
    const char *post_del, const char *pre_ins, const char *post_ins,
    int context)
{
	size_t na, nb, nops, k, r, n, first;
	struct tok *ta = tokenize(a, &na), *tb = tokenize(b, &nb);
	struct tokpair tp = {ta, tb};
	struct op *ops = lcs(na, nb, tok_eq, &tp, &nops);
	char open = 0;
	const struct tok *t;
	size_t ctx = context < 0 ? SIZE_MAX / 4 : (size_t)context;

	buf_puts(out, "");
	first = out->len;
	for (k = 0; k < nops; k++) {
		char c = ops[k].c;

		if (c == '=' && (k == 0 || ops[k - 1].c != '=')) {
			/* a run of common words: cut its middle */
			for (r = k; r < nops && ops[r].c == '='; r++)
				;
			n = r - k;
			if (open) {
				buf_puts(out, open == '-' ? post_del : post_ins);
				open = 0;
			}
			if (n > (k == 0 || r == nops ? ctx : 2 * ctx) + 1) {
				size_t head = k == 0 ? 0 : ctx;
				size_t tail = r == nops ? 0 : ctx;
				size_t i;

				for (i = k; i < k + head; i++) {
					t = &ta[ops[i].i];
					if (t->sp && out->len > first)
						buf_putc(out, ' ');
					buf_add(out, t->s, t->n);
				}
				buf_puts(out, out->len > first ? " \xe2\x80\xa6" :
				    "\xe2\x80\xa6");
				for (i = r - tail; i < r; i++) {
					t = &ta[ops[i].i];
					if (t->sp || i == r - tail)
						buf_putc(out, ' ');
					buf_add(out, t->s, t->n);
				}
				k = r - 1;
				continue;
			}
		}
		t = c == '+' ? &tb[ops[k].j] : &ta[ops[k].i];
		if (open && open != c) {
			buf_puts(out, open == '-' ? post_del : post_ins);
			open = 0;
		}
		if (t->sp && out->len > first)
			buf_putc(out, ' ');
		if (c != '=' && open != c) {
			buf_puts(out, c == '-' ? pre_del : pre_ins);
			open = c;
		}
		buf_add(out, t->s, t->n);
	}
	if (open)
		buf_puts(out, open == '-' ? post_del : post_ins);
	free(ops);
	free(ta);
	free(tb);
}

/* The document trees, flattened into leaves: paragraphs and the title. */

struct leaf {
	char *path;		/* the headings above it, joined by " › " */
	char *text;		/* its words, spaces collapsed */
	char *key;		/* its words with their emphasis and links */
	cmark_node *node;
	int item;		/* in a list item */
	size_t sec;		/* index of its section */
};

struct side {
	const struct unit *u;
	const struct model *m;
	const struct doc *doc;
	const char *label;	/* "v1.0:" or "" */
	struct leaf *v;
	size_t n;
	char **secs;		/* heading paths, in document order */
	cmark_node **secnode;	/* their headings; NULL for the first */
	size_t nsecs;
};

static void
collapse(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (is_space(*s)) {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
		} else {
			buf_putc(b, *s);
		}
	}
}

/* The text of the inlines under n, and with key set, their marks. */
static void
inline_text(cmark_node *n, struct buf *text, struct buf *key)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			collapse(text, cmark_node_get_literal(c));
			if (key)
				collapse(key, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			collapse(text, " ");
			if (key)
				collapse(key, " ");
			break;
		case CMARK_NODE_STRONG:
		case CMARK_NODE_EMPH:
		case CMARK_NODE_LINK:
			if (key == NULL)
				break;
			buf_printf(key, "\x01%c%d", ev == CMARK_EVENT_ENTER ?
			    '<' : '>', (int)cmark_node_get_type(c));
			if (cmark_node_get_type(c) == CMARK_NODE_LINK &&
			    ev == CMARK_EVENT_ENTER)
				buf_printf(key, "%s\x02",
				    cmark_node_get_url(c));
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	while (text->len > 0 && text->data[text->len - 1] == ' ')
		text->data[--text->len] = '\0';
	if (text->data == NULL)
		buf_puts(text, "");
	if (key && key->data == NULL)
		buf_puts(key, "");
}

#define SEP " \xe2\x80\xba "	/* " › " */

static char *
join_heads(char *heads[5])
{
	struct buf b = {0};
	int l;

	buf_puts(&b, "");
	for (l = 2; l <= 4; l++) {
		if (heads[l] == NULL)
			continue;
		if (b.len > 0)
			buf_puts(&b, SEP);
		buf_puts(&b, heads[l]);
	}
	return buf_take(&b);
}

static size_t
add_section(struct side *s, char *path, cmark_node *heading)
{
	s->secs = xgrow(s->secs, s->nsecs, sizeof(*s->secs));
	s->secnode = xgrow(s->secnode, s->nsecs, sizeof(*s->secnode));
	s->secs[s->nsecs] = path;
	s->secnode[s->nsecs] = heading;
	return s->nsecs++;
}

static void
add_leaf(struct side *s, cmark_node *n, char *heads[5], int item)
{
	struct buf text = {0}, key = {0};
	struct leaf *l;

	inline_text(n, &text, &key);
	s->v = xgrow(s->v, s->n, sizeof(*s->v));
	l = &s->v[s->n++];
	l->path = xstrdup(s->secs[s->nsecs - 1]);
	l->text = buf_take(&text);
	l->key = buf_take(&key);
	l->node = n;
	l->item = item;
	l->sec = s->nsecs - 1;
	(void)heads;
}

static void
walk(struct side *s, cmark_node *n, char *heads[5], int item)
{
	cmark_node *c;
	struct buf b = {0};
	int level, l;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(c);
			if (level < 2 || level > 4) {
				add_leaf(s, c, heads, item);
				break;
			}
			inline_text(c, &b, NULL);
			for (l = level; l <= 4; l++) {
				free(heads[l]);
				heads[l] = NULL;
			}
			heads[level] = buf_take(&b);
			add_section(s, join_heads(heads), c);
			break;
		case CMARK_NODE_PARAGRAPH:
			add_leaf(s, c, heads, item);
			break;
		case CMARK_NODE_ITEM:
			walk(s, c, heads, 1);
			break;
		default:
			walk(s, c, heads, item);
			break;
		}
	}
}

static void
side_init(struct side *s, const struct unit *u, const char *label)
{
	char *heads[5] = {0};
	int l;

	memset(s, 0, sizeof(*s));
	s->u = u;
	s->m = unit_model(u);
	s->doc = unit_doc(u);
	s->label = label;
	add_section(s, xstrdup(""), NULL);
	walk(s, s->doc->root, heads, 0);
	for (l = 0; l < 5; l++)
		free(heads[l]);
}

static void
side_free(struct side *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].text);
		free(s->v[i].key);
	}
	for (i = 0; i < s->nsecs; i++)
		free(s->secs[i]);
	free(s->v);
	free(s->secs);
	free(s->secnode);
}

static size_t
find_section(const struct side *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->nsecs; i++)
		if (strcmp(s->secs[i], path) == 0)
			return i;
	return SIZE_MAX;
}

/* The comparison under way. */
struct differ {
	struct diff *d;
	struct side a, b;
};

static char *
src_of(const struct side *s, const struct span *sp)
{
	struct buf b = {0};

	if (sp == NULL || sp->file == NULL)
		return NULL;
	/* a shipped form, read from the data directory, has no revision */
	buf_printf(&b, "%s%s:%u:%u", sp->file->name[0] == '/' ? "" :
	    s->label, sp->file->name, sp->line, sp->col);
	return buf_take(&b);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The parties a person serves: "Asse en Merchtem". */
static void
of_names(struct buf *b, const struct person *p)
{
	const char **names = xcalloc(p->nof + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < p->nof; i++)
		names[i] = p->ofs[i]->name;
	nl_join(b, names, p->nof);
	free(names);
}

static void
vocab_add(char **vocab, const char *s)
{
	struct buf b = {0};
	struct tok *t;
	size_t n, i;

	if (s == NULL)
		return;
	buf_puts(&b, *vocab ? *vocab : "\n");
	t = tokenize(s, &n);
	for (i = 0; i < n; i++)
		if (is_word(&t[i])) {
			buf_add(&b, t[i].s, t[i].n);
			buf_putc(&b, '\n');
		}
	free(t);
	free(*vocab);
	*vocab = buf_take(&b);
}

static int
in_vocab(const char *vocab, const struct tok *t)
{
	const char *p;

	for (p = vocab; p && (p = strstr(p, "\n")) != NULL; p++)
		if (strncmp(p + 1, t->s, t->n) == 0 && p[1 + t->n] == '\n')
			return 1;
	return 0;
}

static struct dchange *
add_change(struct differ *D, const char *kind, enum dgroup g,
    const char *entity, const char *field, const char *old, const char *new)
{
	struct diff *d = D->d;
	struct dchange *c;

	d->v = xgrow(d->v, d->n, sizeof(*d->v));
	c = &d->v[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->group = g;
	c->entity = dup_or_null(entity);
	c->field = dup_or_null(field);
	c->old = dup_or_null(old);
	c->new = dup_or_null(new);
	c->sec = SIZE_MAX;
	return c;
}

/* A fact changed: its values are also what its echoes may say. */
static struct dchange *
add_fact(struct differ *D, const char *kind, enum dgroup g,
    const char *entity, const char *field, const char *old, const char *new,
    const struct span *sa, const struct span *sb)
{
	struct dchange *c = add_change(D, kind, g, entity, field, old, new);

	c->src_old = src_of(&D->a, sa);
	c->src_new = src_of(&D->b, sb);
	vocab_add(&c->vocab_old, old ? old : "");
	vocab_add(&c->vocab_new, new ? new : "");
	return c;
}

static const struct span *
decl_span(const struct entity *e)
{
	return e && e->decl ? &e->decl->span : NULL;
}

/* The span of the statement kw inside e's declaration, else e's. */
static const struct span *
field_span(const struct entity *e, const char *kw)
{
	const struct ast_node *c;

	if (e == NULL || e->decl == NULL)
		return NULL;
	for (c = e->decl->first; c; c = c->next)
		if (c->type == AST_STMT && strcmp(c->keyword, kw) == 0)
			return &c->span;
	return &e->decl->span;
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Compares one field of two declarations of the same entity. */
static struct dchange *
fact_field(struct differ *D, const char *kind, enum dgroup g,
    const struct entity *ea, const struct entity *eb, const char *entity,
    const char *kw, const char *old, const char *new)
{
	if (same(old, new))
		return NULL;
	return add_fact(D, kind, g, entity, kw, old, new, field_span(ea, kw),
	    field_span(eb, kw));
}

static const char *const party_kinds[] = {
	"council", "municipality", "partner", "municipalities",
};

static const char *const role_names[] = {
	"none", "responsible", "expert", "invitee",
};

static char *
entity_name(const struct entity *e)
{
	struct buf b = {0};
	const char *k = "";

	switch (e->kind) {
	case ENT_PARTY:
		k = party_kinds[((const struct party *)e)->kind];
		break;
	case ENT_PERSON:
		k = "person";
		break;
	case ENT_BODY:
		k = "body";
		break;
	case ENT_EVENT:
		k = "event";
		break;
	case ENT_DEADLINE:
		k = "deadline";
		break;
	default:
		k = "declaration";
		break;
	}
	buf_printf(&b, "%s %s", k, e->id);
	return buf_take(&b);
}

static void
party_names(struct buf *b, struct party *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", v[i]->name);
	if (b->data == NULL)
		buf_puts(b, "");
}

static void
person_names(struct buf *b, struct person *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", v[i]->name);
	if (b->data == NULL)
		buf_puts(b, "");
}

/* What a declaration says, for an added or removed one and its echoes. */
static void
describe(struct buf *b, const struct model *m, const struct entity *e)
{
	switch (e->kind) {
	case ENT_PARTY: {
		const struct party *p = (const void *)e;

		buf_puts(b, p->name);
		if (p->called)
			buf_printf(b, " (%s)", p->called);
		break;
	}
	case ENT_PERSON: {
		const struct person *p = (const void *)e;

		buf_puts(b, p->name);
		if (p->function)
			buf_printf(b, ", %s", p->function);
		if (p->of) {
			buf_puts(b, " (");
			of_names(b, p);
			buf_printf(b, ", %s)", role_names[p->role]);
		}
		break;
	}
	case ENT_BODY:
		buf_puts(b, ((const struct body *)e)->name);
		break;
	case ENT_EVENT:
		buf_puts(b, ((const struct event *)e)->text);
		break;
	case ENT_DEADLINE: {
		const struct deadline *d = (const void *)e;

		buf_printf(b, "%s, ", d->what);
		nl_due(b, &d->due);
		break;
	}
	default:
		buf_puts(b, e->id);
		break;
	}
	(void)m;
}

static enum dgroup
group_of(const struct entity *e)
{
	switch (e->kind) {
	case ENT_PARTY:
	case ENT_PERSON:
		return DG_PARTIES;
	case ENT_DEADLINE:
		return DG_DEADLINES;
	default:
		return DG_BODIES;
	}
}

/* The count of municipalities in words and digits, for the echoes of a
 * municipality added or removed. */
static void
count_words(char **vocab, size_t n)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", n);
	vocab_add(vocab, num);
	if (n <= 12)
		vocab_add(vocab, nl_number((int)n));
}

static void
added_or_removed(struct differ *D, const struct entity *ea,
    const struct entity *eb)
{
	static const char *const added[] = {
		"party.added", "person.added", "body.added", "event.added",
		"deadline.added",
	};
	static const char *const removed[] = {
		"party.removed", "person.removed", "body.removed",
		"event.removed", "deadline.removed",
	};
	const struct entity *e = eb ? eb : ea;
	const struct model *m = eb ? D->b.m : D->a.m;
	struct buf val = {0};
	struct dchange *c;
	char *name = entity_name(e);

	describe(&val, m, e);
	if (e->kind > ENT_DEADLINE) {
		free(name);
		buf_free(&val);
		return;
	}
	c = add_fact(D, eb ? added[e->kind] : removed[e->kind], group_of(e),
	    name, NULL, eb ? NULL : val.data, eb ? val.data : NULL,
	    decl_span(ea), decl_span(eb));
	if (e->kind == ENT_PARTY &&
	    ((const struct party *)e)->kind == PARTY_MUNICIPALITY) {
		count_words(&c->vocab_old, D->a.m->nmunicipalities);
		count_words(&c->vocab_new, D->b.m->nmunicipalities);
	}
	if (e->kind == ENT_PERSON) {
		const struct person *p = (const struct person *)e;
		size_t i;

		for (i = 0; i < p->nof; i++)
			vocab_add(eb ? &c->vocab_new : &c->vocab_old,
			    p->ofs[i]->name);
	}
	free(name);
	buf_free(&val);
}

static void
diff_party(struct differ *D, const struct party *a, const struct party *b,
    const char *name)
{
	const struct entity *ea = &a->e, *eb = &b->e;

	fact_field(D, "party.kind", DG_PARTIES, ea, eb, name, "kind",
	    party_kinds[a->kind], party_kinds[b->kind]);
	fact_field(D, "party.name", DG_PARTIES, ea, eb, name, "name",
	    a->name, b->name);
	fact_field(D, "party.called", DG_PARTIES, ea, eb, name, "called",
	    a->called, b->called);
	fact_field(D, "party.invitees", DG_PARTIES, ea, eb, name, "invitees",
	    a->invitees_none ? "none" : NULL, b->invitees_none ? "none" : NULL);
}

static void
diff_person(struct differ *D, const struct person *a, const struct person *b,
    const char *name)
{
	const struct entity *ea = &a->e, *eb = &b->e;
	struct buf ofa = {0}, ofb = {0};
	struct dchange *c;

	if (!same(a->name, b->name))
		add_fact(D, "person.replaced", DG_PARTIES, name, "name",
		    a->name, b->name, decl_span(ea), decl_span(eb));
	c = fact_field(D, "person.function", DG_PARTIES, ea, eb, name,
	    "function", a->function, b->function);
	if (c)
		vocab_add(&c->vocab_new, b->name);
	of_names(&ofa, a);
	of_names(&ofb, b);
	c = fact_field(D, "person.party", DG_PARTIES, ea, eb, name, "of",
	    a->of ? ofa.data : NULL, b->of ? ofb.data : NULL);
	buf_free(&ofa);
	buf_free(&ofb);
	if (c) {
		vocab_add(&c->vocab_old, a->name);
		vocab_add(&c->vocab_old, a->function);
		vocab_add(&c->vocab_new, b->name);
		vocab_add(&c->vocab_new, b->function);
	}
	c = fact_field(D, "person.role", DG_PARTIES, ea, eb, name, "role",
	    role_names[a->role], role_names[b->role]);
	if (c) {
		vocab_add(&c->vocab_old, a->name);
		vocab_add(&c->vocab_old, a->function);
		vocab_add(&c->vocab_new, b->name);
		vocab_add(&c->vocab_new, b->function);
	}
}

static void
diff_body(struct differ *D, const struct body *a, const struct body *b,
    const char *name)
{
	const struct entity *ea = &a->e, *eb = &b->e;
	struct buf x = {0}, y = {0};

	fact_field(D, "body.name", DG_BODIES, ea, eb, name, "name",
	    a->name, b->name);
	party_names(&x, a->members, a->nmembers);
	party_names(&y, b->members, b->nmembers);
	fact_field(D, "body.members", DG_BODIES, ea, eb, name, "members",
	    x.data, y.data);
	x.len = y.len = 0;
	if (a->has_meets)
		nl_frequency(&x, &a->meets, 0);
	if (b->has_meets)
		nl_frequency(&y, &b->meets, 0);
	fact_field(D, "body.meets", DG_BODIES, ea, eb, name, "meets",
	    x.len ? x.data : NULL, y.len ? y.data : NULL);
	fact_field(D, "body.yearly", DG_BODIES, ea, eb, name, "yearly",
	    a->yearly, b->yearly);
	x.len = y.len = 0;
	person_names(&x, a->guests, a->nguests);
	person_names(&y, b->guests, b->nguests);
	fact_field(D, "body.guests", DG_BODIES, ea, eb, name, "guests",
	    x.data, y.data);
	buf_free(&x);
	buf_free(&y);
}

static void
party_words(struct buf *b, const struct model *m, const struct party *p)
{
	if (p)
		nl_party(b, m, p, 0);
}

static void
diff_deadline(struct differ *D, const struct deadline *a,
    const struct deadline *b, const char *name)
{
	const struct entity *ea = &a->e, *eb = &b->e;
	struct buf x = {0}, y = {0};

	fact_field(D, "deadline.what", DG_DEADLINES, ea, eb, name, "what",
	    a->what, b->what);
	nl_due(&x, &a->due);
	nl_due(&y, &b->due);
	fact_field(D, "deadline.due", DG_DEADLINES, ea, eb, name, "due",
	    x.data, y.data);
	fact_field(D, "deadline.how", DG_DEADLINES, ea, eb, name, "how",
	    a->how ? nl_how(a->how) : NULL, b->how ? nl_how(b->how) : NULL);
	fact_field(D, "deadline.action", DG_DEADLINES, ea, eb, name, "action",
	    a->action, b->action);
	x.len = y.len = 0;
	party_words(&x, D->a.m, a->from);
	party_words(&y, D->b.m, b->from);
	fact_field(D, "deadline.from", DG_DEADLINES, ea, eb, name, "from",
	    x.len ? x.data : NULL, y.len ? y.data : NULL);
	x.len = y.len = 0;
	party_words(&x, D->a.m, a->to);
	party_words(&y, D->b.m, b->to);
	fact_field(D, "deadline.to", DG_DEADLINES, ea, eb, name, "to",
	    x.len ? x.data : NULL, y.len ? y.data : NULL);
	fact_field(D, "deadline.by", DG_DEADLINES, ea, eb, name, "by",
	    a->by, b->by);
	fact_field(D, "deadline.audience", DG_DEADLINES, ea, eb, name,
	    "audience", a->audience, b->audience);
	buf_free(&x);
	buf_free(&y);
}

static void
diff_entity(struct differ *D, const struct entity *a, const struct entity *b)
{
	char *name = entity_name(b);

	switch (b->kind) {
	case ENT_PARTY:
		diff_party(D, (const void *)a, (const void *)b, name);
		break;
	case ENT_PERSON:
		diff_person(D, (const void *)a, (const void *)b, name);
		break;
	case ENT_BODY:
		diff_body(D, (const void *)a, (const void *)b, name);
		break;
	case ENT_EVENT:
		fact_field(D, "event.text", DG_BODIES, a, b, name, "text",
		    ((const struct event *)a)->text,
		    ((const struct event *)b)->text);
		break;
	case ENT_DEADLINE:
		diff_deadline(D, (const void *)a, (const void *)b, name);
		break;
	default:
		break;
	}
	free(name);
}

/* A declaration of the source (not a built-in, not the form). */
static int
declared(const struct entity *e)
{
	return e->decl != NULL && e->kind <= ENT_DEADLINE;
}

static const struct entity *
counterpart(const struct model *m, const struct entity *e)
{
	const struct entity *o = model_find(m, e->id);

	if (o == NULL || !declared(o) || o->kind != e->kind)
		return NULL;
	if (e->kind == ENT_PARTY && ((const struct party *)o)->kind !=
	    ((const struct party *)e)->kind)
		return NULL;
	return o;
}

/* The order of the municipalities is printed: a change of it is one. */
static void
municipality_order(struct differ *D)
{
	struct buf x = {0}, y = {0};
	const struct model *m;
	const struct span *sa = NULL, *sb = NULL;
	size_t i, side;

	for (side = 0; side < 2; side++) {
		m = side ? D->b.m : D->a.m;
		for (i = 0; i < m->nents; i++) {
			const struct party *p = (const void *)m->ents[i];
			const struct model *o = side ? D->a.m : D->b.m;
			struct buf *b = side ? &y : &x;

			if (p->e.kind != ENT_PARTY ||
			    p->kind != PARTY_MUNICIPALITY ||
			    counterpart(o, &p->e) == NULL)
				continue;
			if (b->len > 0)
				buf_puts(b, ", ");
			buf_puts(b, p->name);
			if (side == 0 && sa == NULL)
				sa = decl_span(&p->e);
			if (side == 1 && sb == NULL)
				sb = decl_span(&p->e);
		}
	}
	if (x.len > 0 && !same(x.data, y.data))
		add_fact(D, "party.order", DG_PARTIES, "municipalities",
		    "order", x.data, y.data, sa, sb);
	buf_free(&x);
	buf_free(&y);
}

/* An entity as the documents name it. */
static const char *
entity_label(const struct entity *e)
{
	switch (e->kind) {
	case ENT_PARTY:
		return ((const struct party *)e)->name;
	case ENT_PERSON:
		return ((const struct person *)e)->name;
	case ENT_BODY:
		return ((const struct body *)e)->name;
	case ENT_EVENT:
		return ((const struct event *)e)->text;
	case ENT_DEADLINE:
		return ((const struct deadline *)e)->what;
	default:
		return e->id;
	}
}

/* Gives the changes from n0 on the label of e. */
static void
label_from(struct diff *d, size_t n0, const struct entity *e)
{
	for (; n0 < d->n; n0++)
		if (d->v[n0].label == NULL)
			d->v[n0].label = dup_or_null(entity_label(e));
}

static void
diff_facts(struct differ *D)
{
	static const enum ent_kind order[] = {
		ENT_PARTY, ENT_PERSON, ENT_BODY, ENT_EVENT, ENT_DEADLINE,
	};
	const struct model *ma = D->a.m, *mb = D->b.m;
	const struct entity *e, *o;
	size_t k, i, n0;

	for (k = 0; k < NELEM(order); k++) {
		for (i = 0; i < mb->nents; i++) {
			e = mb->ents[i];
			if (e->kind != order[k] || !declared(e))
				continue;
			n0 = D->d->n;
			if ((o = counterpart(ma, e)) == NULL)
				added_or_removed(D, NULL, e);
			else
				diff_entity(D, o, e);
			label_from(D->d, n0, e);
		}
		for (i = 0; i < ma->nents; i++) {
			e = ma->ents[i];
			n0 = D->d->n;
			if (e->kind == order[k] && declared(e) &&
			    counterpart(mb, e) == NULL)
				added_or_removed(D, e, NULL);
			label_from(D->d, n0, e);
		}
		if (order[k] == ENT_PARTY)
			municipality_order(D);
	}
}

/* The document block, as the documents print it. */
static void
diff_document(struct differ *D)
{
	static const struct {
		const char *kind, *field;
		size_t off;
	} fields[] = {
		{"document.title", "title", offsetof(struct doc_meta, title)},
		{"document.subtitle", "subtitle",
		    offsetof(struct doc_meta, subtitle)},
		{"document.zone", "zone", offsetof(struct doc_meta, zone)},
		{"document.council", "council",
		    offsetof(struct doc_meta, council)},
		{"document.version", "version",
		    offsetof(struct doc_meta, version)},
		{"document.status", "status", offsetof(struct doc_meta, status)},
		{"document.date", "date", offsetof(struct doc_meta, date_text)},
		{"document.subject", "subject",
		    offsetof(struct doc_meta, subject)},
		{"document.keywords", "keywords",
		    offsetof(struct doc_meta, keywords)},
		{"document.department", "department",
		    offsetof(struct doc_meta, department)},
	};
	static const char *const layouts[] = {"", "sections", "questions"};
	static const char *const numberings[] = {"deel", "plain", "none"};
	const struct model *ma = D->a.m, *mb = D->b.m;
	const struct span *sa = ma->docnode ? &ma->docnode->span : NULL;
	const struct span *sb = mb->docnode ? &mb->docnode->span : NULL;
	const char *x, *y;
	size_t i;

	for (i = 0; i < NELEM(fields); i++) {
		x = *(const char *const *)((const char *)&D->a.doc->meta +
		    fields[i].off);
		y = *(const char *const *)((const char *)&D->b.doc->meta +
		    fields[i].off);
		if (!same(x, y))
			add_fact(D, fields[i].kind, DG_DOCUMENT, "document",
			    fields[i].field, *x ? x : NULL, *y ? y : NULL,
			    sa, sb);
	}
	if (ma->doc.layout != mb->doc.layout && ma->doc.layout <= 2 &&
	    mb->doc.layout <= 2)
		add_fact(D, "document.layout", DG_DOCUMENT, "document",
		    "layout", layouts[ma->doc.layout], layouts[mb->doc.layout],
		    sa, sb);
	if (ma->doc.numbering != mb->doc.numbering)
		add_fact(D, "document.numbering", DG_DOCUMENT, "document",
		    "numbering", numberings[ma->doc.numbering],
		    numberings[mb->doc.numbering], sa, sb);
}

/*
 * The lists whose items the source names: focus themes of a schedule,
 * target groups, activities of a rotation, and a rotation's turns.
 * Read from the syntax tree until the model holds them.
 */
struct litem {
	const char *kind;	/* "focus", "group", "activity" */
	const char *name;
	char *value;		/* focus: its years; else its notes */
	const struct ast_node *node;
};

struct lists {
	struct litem *v;
	size_t n;
	char *turns;
	const struct ast_node *turns_node;
};

static void
collect_lists(struct lists *L, const struct ast_node *n)
{
	const struct ast_node *c;
	struct buf b = {0};
	struct litem *it;
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (c->include)
			collect_lists(L, c->include);
		if ((strcmp(c->keyword, "focus") == 0 && c->nvals >= 2) ||
		    ((strcmp(c->keyword, "group") == 0 ||
		    strcmp(c->keyword, "activity") == 0) && c->nvals >= 1 &&
		    c->parent && c->parent->type == AST_STMT &&
		    (strcmp(c->parent->keyword, "targetgroups") == 0 ||
		    strcmp(c->parent->keyword, "rotation") == 0))) {
			L->v = xgrow(L->v, L->n, sizeof(*L->v));
			it = &L->v[L->n++];
			it->node = c;
			buf_puts(&b, "");
			if (c->keyword[0] == 'f') {
				it->kind = "focus";
				it->name = c->vals[1].s;
				buf_puts(&b, c->vals[0].s);
			} else {
				it->kind = c->keyword[0] == 'g' ? "group" :
				    "activity";
				it->name = c->vals[0].s;
				for (i = 1; i < c->nvals; i++)
					buf_printf(&b, "%s(%s)", i > 1 ?
					    " " : "", c->vals[i].s);
			}
			it->value = buf_take(&b);
		} else if (strcmp(c->keyword, "turns") == 0) {
			for (i = 0; i < c->nvals; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				    c->vals[i].s);
			free(L->turns);
			L->turns = buf_take(&b);
			L->turns_node = c;
		}
		if (c->first)
			collect_lists(L, c);
	}
	buf_free(&b);
}

static void
lists_free(struct lists *L)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		free(L->v[i].value);
	free(L->v);
	free(L->turns);
}

static const struct litem *
find_item(const struct lists *L, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		if (L->v[i].kind == kind && strcmp(L->v[i].name, name) == 0)
			return &L->v[i];
	return NULL;
}

/* The section of the first list item of s that mentions name. */
static size_t
item_section(const struct side *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].item && strstr(s->v[i].text, name))
			return s->v[i].sec;
	return SIZE_MAX;
}

static void
place_in_body(struct differ *D, struct dchange *c, const char *name)
{
	size_t sec = item_section(&D->b, name);

	if (sec != SIZE_MAX) {
		c->sec = sec;
		c->where = xstrdup(D->b.secs[sec]);
	} else if ((sec = item_section(&D->a, name)) != SIZE_MAX) {
		c->sec = D->b.nsecs + sec;
		c->where = xstrdup(D->a.secs[sec]);
	}
}

static void
list_fact(struct differ *D, const char *kind, const struct litem *a,
    const struct litem *b, const char *field, const char *old,
    const char *new)
{
	const struct litem *it = b ? b : a;
	struct buf ent = {0};
	struct dchange *c;

	buf_printf(&ent, "%s %s", it->kind, it->name);
	c = add_fact(D, kind, DG_BODY, ent.data, field, old && *old ? old :
	    NULL, new && *new ? new : NULL,
	    a ? &a->node->span : NULL, b ? &b->node->span : NULL);
	c->label = xstrdup(it->name);
	vocab_add(&c->vocab_old, a ? it->name : NULL);
	vocab_add(&c->vocab_new, b ? it->name : NULL);
	place_in_body(D, c, it->name);
	buf_free(&ent);
}

static void
item_order(struct differ *D, const struct lists *la, const struct lists *lb,
    const char *kind, const char *ckind)
{
	struct buf x = {0}, y = {0};
	const struct litem *first = NULL, *firsta = NULL;
	struct dchange *c;
	size_t i;

	for (i = 0; i < la->n; i++)
		if (la->v[i].kind == kind && find_item(lb, kind,
		    la->v[i].name)) {
			buf_printf(&x, "%s%s", x.len ? ", " : "",
			    la->v[i].name);
			if (firsta == NULL)
				firsta = &la->v[i];
		}
	for (i = 0; i < lb->n; i++)
		if (lb->v[i].kind == kind && find_item(la, kind,
		    lb->v[i].name)) {
			buf_printf(&y, "%s%s", y.len ? ", " : "",
			    lb->v[i].name);
			if (first == NULL)
				first = &lb->v[i];
		}
	if (x.len > 0 && !same(x.data, y.data)) {
		c = add_fact(D, ckind, DG_BODY, kind, "order", x.data, y.data,
		    &firsta->node->span, &first->node->span);
		place_in_body(D, c, first->name);
	}
	buf_free(&x);
	buf_free(&y);
}

static void
diff_lists(struct differ *D)
{
	static const struct {
		const char *kind, *added, *removed, *changed, *order;
	} kinds[] = {
		{"focus", "focus.added", "focus.removed", "focus.moved", NULL},
		{"group", "group.added", "group.removed", "group.changed",
		    "group.order"},
		{"activity", "activity.added", "activity.removed",
		    "activity.changed", "activity.order"},
	};
	struct lists la = {0}, lb = {0};
	const struct litem *o;
	size_t k, i;

	collect_lists(&la, unit_ast(D->a.u));
	collect_lists(&lb, unit_ast(D->b.u));
	/* the kinds of the items are compared by pointer */
	for (i = 0; i < la.n; i++)
		for (k = 0; k < NELEM(kinds); k++)
			if (strcmp(la.v[i].kind, kinds[k].kind) == 0)
				la.v[i].kind = kinds[k].kind;
	for (i = 0; i < lb.n; i++)
		for (k = 0; k < NELEM(kinds); k++)
			if (strcmp(lb.v[i].kind, kinds[k].kind) == 0)
				lb.v[i].kind = kinds[k].kind;
	for (k = 0; k < NELEM(kinds); k++) {
		for (i = 0; i < lb.n; i++) {
			if (lb.v[i].kind != kinds[k].kind)
				continue;
			o = find_item(&la, kinds[k].kind, lb.v[i].name);
			if (o == NULL)
				list_fact(D, kinds[k].added, NULL, &lb.v[i],
				    NULL, NULL, lb.v[i].value);
			else if (strcmp(o->value, lb.v[i].value) != 0)
				list_fact(D, kinds[k].changed, o, &lb.v[i],
				    k == 0 ? "years" : "notes", o->value,
				    lb.v[i].value);
		}
		for (i = 0; i < la.n; i++)
			if (la.v[i].kind == kinds[k].kind &&
			    find_item(&lb, kinds[k].kind, la.v[i].name) == NULL)
				list_fact(D, kinds[k].removed, &la.v[i], NULL,
				    NULL, la.v[i].value, NULL);
		if (kinds[k].order)
			item_order(D, &la, &lb, kinds[k].kind, kinds[k].order);
	}
	if (!same(la.turns, lb.turns)) {
		struct dchange *c = add_fact(D, "rotation.turns", DG_BODY,
		    "rotation", "turns", la.turns, lb.turns,
		    la.turns_node ? &la.turns_node->span : NULL,
		    lb.turns_node ? &lb.turns_node->span : NULL);

		(void)c;
	}
	lists_free(&la);
	lists_free(&lb);
}

/* Where a sentence of the document stands in the sources. */

struct finder {
	const char *phrase;
	const struct ast_value *found;
	size_t off, len;
};

/* Finds phrase (words separated by single spaces) in v, whatever the
 * line breaks and indentation between the words there. */
static int
find_in_value(const struct ast_value *v, const char *phrase, size_t *off,
    size_t *len)
{
	const char *s = v->s, *p;
	size_t i, k;

	for (i = 0; s[i]; i++) {
		if (i > 0 && !is_space(s[i - 1]))
			continue;
		for (k = i, p = phrase; *p && s[k]; p++) {
			if (*p == ' ') {
				if (!is_space(s[k]))
					break;
				while (is_space(s[k]))
					k++;
			} else if (*p == s[k]) {
				k++;
			} else {
				break;
			}
		}
		if (*p == '\0') {
			*off = i;
			*len = k - i;
			return 1;
		}
	}
	return 0;
}

static void
find_phrase(struct finder *f, const struct ast_node *n)
{
	const struct ast_node *c;
	size_t i;

	for (c = n->first; c && f->found == NULL; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		for (i = 0; i < c->nvals && f->found == NULL; i++)
			if (c->vals[i].type != VAL_WORD &&
			    find_in_value(&c->vals[i], f->phrase, &f->off,
			    &f->len))
				f->found = &c->vals[i];
		if (c->include && f->found == NULL)
			find_phrase(f, c->include);
		if (c->first && f->found == NULL)
			find_phrase(f, c);
	}
}

/*
 * The source place of a sentence of a side: of three words of it around
 * its first changed word (at) found in a text of the sources, the
 * nearest to that word. NULL when the words come from placeholders.
 */
static char *
prose_source(const struct side *s, const char *sentence, size_t at)
{
	struct finder f;
	struct buf ph = {0};
	struct span sp;
	struct tok *t;
	size_t n, d, w, k;
	char *r = NULL;

	t = tokenize(sentence, &n);
	for (d = 0; d < n && r == NULL; d++) {
		for (w = 0; w < 2 && r == NULL; w++) {
			size_t start = w ? at + d : at - d;

			if ((w == 0 && d > at) || (w == 1 && d == 0) ||
			    start + 3 > n)
				continue;
			ph.len = 0;
			buf_puts(&ph, "");
			for (k = start; k < start + 3; k++) {
				if (k > start && t[k].sp)
					buf_putc(&ph, ' ');
				buf_add(&ph, t[k].s, t[k].n);
			}
			memset(&f, 0, sizeof(f));
			f.phrase = ph.data;
			find_phrase(&f, unit_ast(s->u));
			if (f.found) {
				sp = text_span(f.found, f.off, f.len);
				r = src_of(s, &sp);
			}
		}
	}
	if (r == NULL && n < 3 && n > 0) {
		memset(&f, 0, sizeof(f));
		f.phrase = sentence;
		find_phrase(&f, unit_ast(s->u));
		if (f.found) {
			sp = text_span(f.found, f.off, f.len);
			r = src_of(s, &sp);
		}
	}
	buf_free(&ph);
	free(t);
	return r;
}

/* The index of the first token of a that b does not share at the same
 * place, for prose_source(). */
static void
first_changes(const char *a, const char *b, size_t *ia, size_t *ib)
{
	size_t na, nb, nops, k;
	struct tok *ta = tokenize(a ? a : "", &na);
	struct tok *tb = tokenize(b ? b : "", &nb);
	struct tokpair tp = {ta, tb};
	struct op *ops = lcs(na, nb, tok_eq, &tp, &nops);

	*ia = *ib = 0;
	for (k = 0; k < nops; k++)
		if (ops[k].c != '=') {
			*ia = ops[k].i < na ? ops[k].i : (na ? na - 1 : 0);
			*ib = ops[k].j < nb ? ops[k].j : (nb ? nb - 1 : 0);
			break;
		}
	free(ops);
	free(ta);
	free(tb);
}

/* Prose: sentences, paragraphs, list items and sections. */

static char *
last_heading(const char *path)
{
	const char *s = path, *p;

	while ((p = strstr(s, SEP)) != NULL)
		s = p + strlen(SEP);
	return xstrdup(*s ? s : "title");
}

static struct dchange *
add_prose(struct differ *D, const char *kind, size_t sec, const char *field,
    const char *old, const char *new, const struct leaf *la,
    const struct leaf *lb)
{
	const char *path = D->b.secs[sec];
	char *ent = last_heading(path);
	struct dchange *c = add_change(D, kind, DG_BODY, ent, field, old, new);
	size_t ia, ib;

	free(ent);
	c->at_old = la ? la->node : NULL;
	c->at_new = lb ? lb->node : NULL;
	c->where = xstrdup(path);
	c->sec = sec;
	first_changes(old, new, &ia, &ib);
	if (old)
		c->src_old = prose_source(&D->a, old, ia);
	if (new)
		c->src_new = prose_source(&D->b, new, ib);
	return c;
}

/* Splits a paragraph into sentences: after ". ", "! ", "? " and at
 * its end. */
static char **
sentences(const char *s, size_t *n)
{
	char **v = NULL;
	const char *start = s, *p;

	*n = 0;
	for (p = s; *p; p++) {
		if ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' ' &&
		    p > start) {
			v = xgrow(v, *n, sizeof(*v));
			v[(*n)++] = xstrndup(start, (size_t)(p + 1 - start));
			start = p + 2;
			p++;
		}
	}
	if (*start || *n == 0) {
		v = xgrow(v, *n, sizeof(*v));
		v[(*n)++] = xstrdup(start);
	}
	return v;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The sentences of two versions of a paragraph, matched. */
static void
diff_sentences(struct differ *D, size_t sec, const struct leaf *a,
    const struct leaf *b)
{
	size_t na, nb, nops, k, r0, i;
	char **sa = sentences(a->text, &na), **sb = sentences(b->text, &nb);
	struct strpair sp = {sa, sb};
	struct op *ops = lcs(na, nb, str_eq, &sp, &nops);
	const char *field = b->item ? "item" : "sentence";

	if (strcmp(a->text, b->text) == 0) {
		add_prose(D, b->item ? "item.format" : "prose.format", sec,
		    field, a->text, b->text, a, b);
		goto done;
	}
	for (k = 0; k < nops; k = r0) {
		size_t dels[64], adds[64], nd = 0, nadd = 0;

		if (ops[k].c == '=') {
			r0 = k + 1;
			continue;
		}
		for (r0 = k; r0 < nops && ops[r0].c != '='; r0++) {
			if (ops[r0].c == '-' && nd < 64)
				dels[nd++] = ops[r0].i;
			else if (ops[r0].c == '+' && nadd < 64)
				adds[nadd++] = ops[r0].j;
		}
		for (i = 0; i < nd || i < nadd; i++) {
			if (i < nd && i < nadd)
				add_prose(D, b->item ? "item.changed" :
				    "prose.changed", sec, field, sa[dels[i]],
				    sb[adds[i]], a, b);
			else if (i < nd)
				add_prose(D, "prose.removed", sec, "sentence",
				    sa[dels[i]], NULL, a, b);
			else
				add_prose(D, "prose.added", sec, "sentence",
				    NULL, sb[adds[i]], a, b);
		}
	}
done:
	free(ops);
	free_strings(sa, na);
	free_strings(sb, nb);
}

/* How alike two paragraphs are: twice the words they share over the
 * words they have, 0 to 1. */
static double
likeness(const char *a, const char *b)
{
	size_t na, nb, nops, k, common = 0, wa = 0, wb = 0;
	struct tok *ta = tokenize(a, &na), *tb = tokenize(b, &nb);
	struct tokpair tp = {ta, tb};
	struct op *ops = lcs(na, nb, tok_eq, &tp, &nops);

	for (k = 0; k < nops; k++)
		if (ops[k].c == '=' && is_word(&ta[ops[k].i]))
			common++;
	for (k = 0; k < na; k++)
		wa += is_word(&ta[k]);
	for (k = 0; k < nb; k++)
		wb += is_word(&tb[k]);
	free(ops);
	free(ta);
	free(tb);
	return wa + wb ? 2.0 * (double)common / (double)(wa + wb) : 1.0;
}

struct leafpair {
	const struct leaf *a, *b;
	const size_t *ia, *ib;
};

static int
leaf_eq(const void *ctx, size_t i, size_t j)
{
	const struct leafpair *p = ctx;

	return strcmp(p->a[p->ia[i]].key, p->b[p->ib[j]].key) == 0;
}

/* A paragraph removed, or moved to lb. */
static void
removed_leaf(struct differ *D, size_t sec, const struct leaf *l,
    const struct leaf *lb)
{
	add_prose(D, lb ? (l->item ? "item.moved" : "prose.moved") :
	    (l->item ? "item.removed" : "prose.removed"), sec,
	    l->item ? "item" : "paragraph", l->text, NULL, l, lb);
}

static void
add_pair(struct diff *d, cmark_node *a, cmark_node *b, char how)
{
	d->al = xgrow(d->al, d->nal, sizeof(*d->al));
	d->al[d->nal++] = (struct dpair){a, b, how};
}

/* How many removed and added paragraphs of one run are compared for
 * a rewording. */
#define PAIR_MAX 256

/* The leaves of one section in both versions. */
static void
diff_section(struct differ *D, size_t seca, size_t secb)
{
	const struct side *A = &D->a, *B = &D->b;
	size_t *ia = NULL, *ib = NULL, na = 0, nb = 0, nops, k, r0, i, j;
	size_t *dels, *adds, *pair;
	struct leafpair lp;
	struct op *ops;
	char *useda, *usedb;

	for (i = 0; i < A->n; i++)
		if (A->v[i].sec == seca) {
			ia = xgrow(ia, na, sizeof(*ia));
			ia[na++] = i;
		}
	for (i = 0; i < B->n; i++)
		if (B->v[i].sec == secb) {
			ib = xgrow(ib, nb, sizeof(*ib));
			ib[nb++] = i;
		}
	lp = (struct leafpair){A->v, B->v, ia, ib};
	ops = lcs(na, nb, leaf_eq, &lp, &nops);
	dels = xcalloc(na + 1, sizeof(*dels));
	adds = xcalloc(nb + 1, sizeof(*adds));
	useda = xcalloc(na + 1, 1);
	usedb = xcalloc(nb + 1, 1);
	/* the counterpart of a paragraph paired or moved: of old ones
	 * from 0, of new ones from na */
	pair = xcalloc(na + nb + 1, sizeof(*pair));
	/* a paragraph or item that only moved inside the section */
	for (k = 0; k < nops; k++) {
		if (ops[k].c != '-')
			continue;
		for (r0 = 0; r0 < nops; r0++)
			if (ops[r0].c == '+' && !usedb[ops[r0].j] &&
			    strcmp(A->v[ia[ops[k].i]].key,
			    B->v[ib[ops[r0].j]].key) == 0) {
				useda[ops[k].i] = usedb[ops[r0].j] = 2;
				pair[ops[k].i] = ops[r0].j;
				pair[na + ops[r0].j] = ops[k].i;
				break;
			}
	}
	for (k = 0; k < nops; k = r0) {
		size_t nd = 0, nadd = 0, pd, pa;

		if (ops[k].c == '=') {
			r0 = k + 1;
			continue;
		}
		for (r0 = k; r0 < nops && ops[r0].c != '='; r0++) {
			if (ops[r0].c == '-')
				dels[nd++] = ops[r0].i;
			else if (ops[r0].c == '+')
				adds[nadd++] = ops[r0].j;
		}
		/* Pair the most alike first, among the first PAIR_MAX of a
		 * run (the search is cubic); the rest are removed and added. */
		pd = nd < PAIR_MAX ? nd : PAIR_MAX;
		pa = nadd < PAIR_MAX ? nadd : PAIR_MAX;
		for (;;) {
			double best = 0.5, x;
			size_t bi = 0, bj = 0;
			int found = 0;

			for (i = 0; i < pd; i++)
				for (j = 0; j < pa; j++) {
					if (useda[dels[i]] || usedb[adds[j]])
						continue;
					x = likeness(A->v[ia[dels[i]]].text,
					    B->v[ib[adds[j]]].text);
					if (x >= best) {
						best = x;
						bi = dels[i];
						bj = adds[j];
						found = 1;
					}
				}
			if (!found)
				break;
			useda[bi] = usedb[bj] = 1;
			pair[na + bj] = bi;
			diff_sentences(D, secb, &A->v[ia[bi]], &B->v[ib[bj]]);
		}
		for (i = 0; i < nd; i++)
			if (useda[dels[i]] != 1)
				removed_leaf(D, secb, &A->v[ia[dels[i]]],
				    useda[dels[i]] == 2 ?
				    &B->v[ib[pair[dels[i]]]] : NULL);
		for (j = 0; j < nadd; j++) {
			const struct leaf *l = &B->v[ib[adds[j]]];

			if (usedb[adds[j]] == 1)
				continue;
			if (usedb[adds[j]] != 2)
				add_prose(D, l->item ? "item.added" :
				    "prose.added", secb, l->item ? "item" :
				    "paragraph", NULL, l->text, NULL, l);
		}
	}
	/* the alignment, in the order of the new section: a moved
	 * paragraph is removed from its old place and added at its new */
	for (k = 0; k < nops; k++) {
		i = ops[k].i;
		j = ops[k].j;
		if (ops[k].c == '=')
			add_pair(D->d, A->v[ia[i]].node, B->v[ib[j]].node, '=');
		else if (ops[k].c == '-' && useda[i] != 1)
			add_pair(D->d, A->v[ia[i]].node, NULL, '-');
		else if (ops[k].c == '+' && usedb[j] == 1)
			add_pair(D->d, A->v[ia[pair[na + j]]].node,
			    B->v[ib[j]].node, '~');
		else if (ops[k].c == '+')
			add_pair(D->d, NULL, B->v[ib[j]].node, '+');
	}
	free(pair);
	free(dels);
	free(adds);
	free(useda);
	free(usedb);
	free(ops);
	free(ia);
	free(ib);
}

static void
diff_prose(struct differ *D)
{
	const struct side *A = &D->a, *B = &D->b;
	struct dchange *c;
	size_t s, t;

	for (s = 0; s < B->nsecs; s++) {
		t = find_section(A, B->secs[s]);
		if (t != SIZE_MAX) {
			if (B->secnode[s])
				add_pair(D->d, A->secnode[t], B->secnode[s],
				    '=');
			diff_section(D, t, s);
			continue;
		}
		c = add_change(D, "section.added", DG_BODY, NULL, "heading",
		    NULL, B->secs[s]);
		c->entity = last_heading(B->secs[s]);
		c->where = xstrdup(B->secs[s]);
		c->sec = s;
		c->at_new = B->secnode[s];
		add_pair(D->d, NULL, B->secnode[s], '+');
		for (t = 0; t < B->n; t++)
			if (B->v[t].sec == s)
				add_pair(D->d, NULL, B->v[t].node, '+');
	}
	for (s = 0; s < A->nsecs; s++) {
		if (find_section(B, A->secs[s]) != SIZE_MAX)
			continue;
		c = add_change(D, "section.removed", DG_BODY, NULL, "heading",
		    A->secs[s], NULL);
		c->entity = last_heading(A->secs[s]);
		c->where = xstrdup(A->secs[s]);
		c->sec = B->nsecs + s;
		c->at_old = A->secnode[s];
		add_pair(D->d, A->secnode[s], NULL, '-');
		for (t = 0; t < A->n; t++)
			if (A->v[t].sec == s)
				add_pair(D->d, A->v[t].node, NULL, '-');
	}
}

/* Echoes: prose whose changed words all come from changed facts. */

static int
covered(const struct diff *d, size_t nfacts, const struct tok *t, int new,
    size_t *cause)
{
	size_t i;

	for (i = 0; i < nfacts; i++)
		if (in_vocab(new ? d->v[i].vocab_new : d->v[i].vocab_old, t)) {
			if (*cause == SIZE_MAX)
				*cause = i;
			return 1;
		}
	return 0;
}

static void
find_echoes(struct diff *d, size_t nfacts)
{
	size_t i, k, na, nb, nops, cause, nwords;
	struct tok *ta, *tb;
	struct op *ops;
	int echo;

	for (i = nfacts; i < d->n; i++) {
		struct dchange *c = &d->v[i];
		struct tokpair tp;

		if (c->vocab_old || strncmp(c->kind, "section.", 8) == 0 ||
		    strstr(c->kind, ".format") || strstr(c->kind, ".moved"))
			continue;
		ta = tokenize(c->old ? c->old : "", &na);
		tb = tokenize(c->new ? c->new : "", &nb);
		tp = (struct tokpair){ta, tb};
		ops = lcs(na, nb, tok_eq, &tp, &nops);
		cause = SIZE_MAX;
		echo = 1;
		nwords = 0;
		for (k = 0; k < nops && echo; k++) {
			const struct tok *t;

			if (ops[k].c == '=')
				continue;
			t = ops[k].c == '-' ? &ta[ops[k].i] : &tb[ops[k].j];
			if (!is_word(t))
				continue;
			nwords++;
			echo = covered(d, nfacts, t, ops[k].c == '+', &cause);
		}
		if (echo && nwords > 0 && cause != SIZE_MAX) {
			/* generated: its place is its cause's */
			free(c->src_old);
			free(c->src_new);
			c->src_old = c->src_new = NULL;
			c->cause = cause + 1;
			d->v[cause].nechoes++;
		}
		free(ops);
		free(ta);
		free(tb);
	}
}

/* What differs in the sources but not in meaning. */

static void
add_ignored(struct diff *d, const char *kind, const char *what)
{
	d->ign = xgrow(d->ign, d->nign, sizeof(*d->ign));
	d->ign[d->nign].kind = kind;
	d->ign[d->nign++].what = xstrdup(what);
}

/* The comments of a tree, or with values set, the words of its values
 * (spaces collapsed when collapsed is set), one string a line, sorted:
 * what a reorder leaves as it was. */
struct strings {
	char **v;
	size_t n;
};

static void
gather(struct strings *out, const struct ast_node *n, int values,
    int collapsed)
{
	const struct ast_node *c;
	struct buf b = {0};
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (!values && c->comment) {
			out->v = xgrow(out->v, out->n, sizeof(*out->v));
			out->v[out->n++] = xstrdup(c->comment);
		}
		for (i = 0; values && i < c->nvals; i++) {
			buf_puts(&b, "");
			if (collapsed)
				collapse(&b, c->vals[i].s);
			else
				buf_puts(&b, c->vals[i].s);
			out->v = xgrow(out->v, out->n, sizeof(*out->v));
			out->v[out->n++] = buf_take(&b);
		}
		if (c->include)
			gather(out, c->include, values, collapsed);
		if (c->first)
			gather(out, c, values, collapsed);
	}
}

static int
cmp_strp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Whether the two trees hold the same strings, in any order. */
static int
same_strings(const struct ast_node *a, const struct ast_node *b, int values,
    int collapsed)
{
	struct strings x = {0}, y = {0};
	size_t i;
	int eq;

	gather(&x, a, values, collapsed);
	gather(&y, b, values, collapsed);
	if (x.n > 1)
		qsort(x.v, x.n, sizeof(*x.v), cmp_strp);
	if (y.n > 1)
		qsort(y.v, y.n, sizeof(*y.v), cmp_strp);
	eq = x.n == y.n;
	for (i = 0; eq && i < x.n; i++)
		eq = strcmp(x.v[i], y.v[i]) == 0;
	free_strings(x.v, x.n);
	free_strings(y.v, y.n);
	return eq;
}

static void
find_ignored(struct diff *d, const struct differ *D)
{
	const struct model *ma = D->a.m, *mb = D->b.m;
	struct buf x = {0}, y = {0};
	size_t i, na, nb, differs = 0;

	buf_puts(&x, "");
	buf_puts(&y, "");
	for (i = 0; i < ma->nents; i++)
		if (declared(ma->ents[i]) && counterpart(mb, ma->ents[i]))
			buf_printf(&x, "%s\n", ma->ents[i]->id);
	for (i = 0; i < mb->nents; i++)
		if (declared(mb->ents[i]) && counterpart(ma, mb->ents[i]))
			buf_printf(&y, "%s\n", mb->ents[i]->id);
	if (strcmp(x.data, y.data) != 0)
		add_ignored(d, "order.declarations",
		    "declarations in another order");
	if (!same_strings(unit_ast(D->a.u), unit_ast(D->b.u), 0, 0))
		add_ignored(d, "comment", "comments changed");
	if (!same_strings(unit_ast(D->a.u), unit_ast(D->b.u), 1, 0) &&
	    same_strings(unit_ast(D->a.u), unit_ast(D->b.u), 1, 1))
		add_ignored(d, "layout.text", "line breaks inside texts");
	na = unit_nfiles(D->a.u);
	nb = unit_nfiles(D->b.u);
	for (i = 0; i < na || i < nb; i++)
		if (i >= na || i >= nb || unit_file(D->a.u, i)->hash !=
		    unit_file(D->b.u, i)->hash)
			differs++;
	if (differs && d->nign == 0 && diff_count(d) == 0)
		add_ignored(d, "layout", "spacing, line breaks or blank lines");
	buf_free(&x);
	buf_free(&y);
}

void
diff_units(struct diff *d, const struct unit *a, const struct unit *b,
    const char *old_name, const char *new_name)
{
	struct differ D;
	const char *colon;
	char *la, *lb;
	size_t nfacts;

	memset(d, 0, sizeof(*d));
	d->old_name = xstrdup(old_name);
	d->new_name = xstrdup(new_name);
	/* the label of a side is the "REV:" its files are named with */
	la = xstrdup("");
	lb = xstrdup("");
	if ((colon = strchr(old_name, ':')) && unit_nfiles(a) > 0 &&
	    strcmp(unit_file(a, 0)->name, colon + 1) == 0) {
		free(la);
		la = xstrndup(old_name, (size_t)(colon + 1 - old_name));
	}
	if ((colon = strchr(new_name, ':')) && unit_nfiles(b) > 0 &&
	    strcmp(unit_file(b, 0)->name, colon + 1) == 0) {
		free(lb);
		lb = xstrndup(new_name, (size_t)(colon + 1 - new_name));
	}
	D.d = d;
	side_init(&D.a, a, la);
	side_init(&D.b, b, lb);
	/* the old version as a redline names it: its version, else its
	 * revision, else its file */
	if (*D.a.doc->meta.version)
		d->old_version = xstrdup(D.a.doc->meta.version);
	else if (*la)
		d->old_version = xstrndup(la, strlen(la) - 1);
	else
		d->old_version = xstrdup(old_name);
	diff_document(&D);
	diff_facts(&D);
	diff_lists(&D);
	nfacts = d->n;
	diff_prose(&D);
	find_echoes(d, nfacts);
	find_ignored(d, &D);
	side_free(&D.a);
	side_free(&D.b);
	free(la);
	free(lb);
}

size_t
diff_count(const struct diff *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->v[i].cause == 0;
	return n;
}

void
diff_free(struct diff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].entity);
		free(d->v[i].field);
		free(d->v[i].old);
		free(d->v[i].new);
		free(d->v[i].where);
		free(d->v[i].src_old);
		free(d->v[i].src_new);
		free(d->v[i].vocab_old);
		free(d->v[i].vocab_new);
		free(d->v[i].label);
	}
	for (i = 0; i < d->nign; i++)
		free(d->ign[i].what);
	free(d->v);
	free(d->ign);
	free(d->al);
	free(d->old_name);
	free(d->new_name);
	free(d->old_version);
	memset(d, 0, sizeof(*d));
}
