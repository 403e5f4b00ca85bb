/* check.c - gives the syntax tree its meaning: declarations become the
 * model, references are resolved, and everything an author can get
 * wrong is reported in plain words. The lowering trusts what passes. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "sema/check.h"
#include "sema/model.h"

struct symtab {
	struct entity **slots;
	size_t cap, n;
};

static void sym_put(struct symtab *t, struct entity *e);

static void
sym_grow(struct symtab *t)
{
	struct symtab old = *t;
	size_t i;

	t->cap = old.cap ? old.cap * 2 : 64;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	t->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.slots[i])
			sym_put(t, old.slots[i]);
	free(old.slots);
}

static void
sym_put(struct symtab *t, struct entity *e)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap)
		sym_grow(t);
	for (i = str_hash(e->id) & (t->cap - 1); t->slots[i];
	    i = (i + 1) & (t->cap - 1))
		;
	t->slots[i] = e;
	t->n++;
}

struct entity *
model_find(const struct model *m, const char *id)
{
	const struct symtab *t = m->syms;
	size_t i;

	if (t->cap == 0)
		return NULL;
	for (i = str_hash(id) & (t->cap - 1); t->slots[i];
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->slots[i]->id, id) == 0)
			return t->slots[i];
	return NULL;
}

const char *
model_suggest(const struct model *m, const char *id, int kind)
{
	struct nearest nr;
	size_t i;

	nearest_init(&nr, id);
	for (i = 0; i < m->nents; i++)
		if (kind < 0 || (int)m->ents[i]->kind == kind)
			nearest_try(&nr, m->ents[i]->id);
	return nr.best;
}

static const char *const *const kw_top = ast_top_keywords;
static const char *const kw_document[] = {"form", "layout", "numbering",
    "title", "subtitle", "zone", "council", "version", "date", "status",
    "subject", "keywords", "letterhead", NULL};
static const char *const kw_form[] = {"title", "letterhead", "part", NULL};
static const char *const kw_letterhead[] = {"department", "phone", "email",
    NULL};
static const char *const kw_fpart[] = {"numbered", "text", "section",
    "question", NULL};
static const char *const kw_fsection[] = {"question", NULL};
static const char *const kw_party[] = {"called", "invitees", NULL};
static const char *const kw_person[] = {"of", "function", "role", NULL};
static const char *const kw_body[] = {"members", "meets", "yearly", "guests",
    NULL};
static const char *const kw_deadline[] = {"what", "due", "how", "action",
    "from", "by", "to", "audience", NULL};
static const char *const kw_content[] = {"text", "remark", "contacts",
    "invitees", "deadline", "targetgroups", "schedule", "rotation", "theme",
    NULL};
static const char *const kw_zpart[] = {"section", "answer", "text", "remark",
    "contacts", "invitees", "deadline", "targetgroups", "schedule",
    "rotation", "theme", NULL};
static const char *const kw_zsection[] = {"answer", "text", "remark",
    "contacts", "invitees", "deadline", "targetgroups", "schedule",
    "rotation", "theme", NULL};
static const char *const kw_targetgroups[] = {"group", NULL};
static const char *const kw_schedule[] = {"focus", "continues", NULL};
static const char *const kw_rotation[] = {"activity", "turns", NULL};

static int
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* Reports a keyword that does not belong in a block, naming those that do. */
static void
unknown_keyword(const struct ast_node *n, const char *where,
    const char *const *allowed)
{
	struct buf b = {0};
	const char *const *k;
	struct nearest near;

	buf_printf(&b, "%s; the keywords here are ", where);
	for (k = allowed; *k; k++)
		buf_printf(&b, "%s%s", k == allowed ? "" : k[1] ? ", " : " and ", *k);
	/* A keyword of another block is misplaced, not unknown. */
	if (in_list(kw_top, n->keyword) || in_list(kw_content, n->keyword) ||
	    in_list(kw_zpart, n->keyword) ||
	    in_list(kw_document, n->keyword) || in_list(kw_deadline, n->keyword) ||
	    in_list(kw_person, n->keyword) || in_list(kw_body, n->keyword))
		diag(&n->span, M_E_NOT_HERE, n->keyword, b.data);
	else
		diag(&n->span, M_E_UNKNOWN_KEYWORD, n->keyword, b.data);
	nearest_init(&near, n->keyword);
	for (k = allowed; *k && !diag_dropping(&n->span, DIAG_NOTE); k++)
		nearest_try(&near, *k);
	if (near.best)
		diag(&n->span, M_NOTE_DIDYOUMEAN, near.best);
	buf_free(&b);
}

/* Checks a statement's number of values and block; reports with usage. */
static int
shape(const struct ast_node *n, size_t min, size_t max, int block,
    const char *usage)
{
	if (n->nvals < min || n->nvals > max || (block == 0 && n->has_block) ||
	    (block == 2 && !n->has_block)) {
		diag(&n->span, M_E_ARGS, n->keyword, usage);
		return 0;
	}
	return 1;
}

static int
is_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* The value at i as an identifier, or NULL after reporting. */
static const char *
val_id(const struct ast_node *n, size_t i)
{
	const struct ast_value *v = &n->vals[i];

	if (v->type != VAL_WORD || !is_id(v->s)) {
		diag(&v->span, M_E_BAD_VALUE, v->s, "name",
		    "a name is written in lower case letters, digits and "
		    "'-', without quotes, as in sooi-de-maeyer");
		return NULL;
	}
	return v->s;
}

/* The value at i as text (in quotes or a text block), or NULL. */
static const char *
val_text(const struct ast_node *n, size_t i)
{
	const struct ast_value *v = &n->vals[i];

	if (v->type == VAL_WORD) {
		diag(&v->span, M_E_BAD_VALUE, v->s, "text",
		    "put text in double quotes");
		return NULL;
	}
	return v->s;
}

/* The value at i as a heading's title: text that is not empty. */
static const char *
val_title(const struct ast_node *n, size_t i)
{
	const char *t = val_text(n, i);

	if (t && t[strspn(t, " \n")] == '\0') {
		diag(&n->vals[i].span, M_E_ARGS, n->keyword, "has an empty "
		    "title; write the title between the quotes");
		return NULL;
	}
	return t;
}

/* The value at i as one of the words in choices, as an index, or -1. */
static int
val_choice(const struct ast_node *n, size_t i, const char *const *choices,
    const char *what)
{
	const struct ast_value *v = &n->vals[i];
	struct buf b = {0};
	int k;

	for (k = 0; choices[k]; k++)
		if (v->type == VAL_WORD && strcmp(v->s, choices[k]) == 0)
			return k;
	buf_puts(&b, "write ");
	for (k = 0; choices[k]; k++)
		buf_printf(&b, "%s%s", k == 0 ? "" : choices[k + 1] ? ", " :
		    " or ", choices[k]);
	diag(&v->span, M_E_BAD_VALUE, v->s, what, b.data);
	buf_free(&b);
	return -1;
}

static int
parse_int(const char *s, int lo, int hi, int *out)
{
	long v = 0;

	if (*s == '\0')
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
		if (v > hi)
			return 0;
	}
	if (v < lo)
		return 0;
	*out = (int)v;
	return 1;
}

/* YYYY-MM-DD, YYYY-MM or YYYY into y, m, d (0 for what is absent). */
static int
parse_date(const char *s, int *y, int *m, int *d, int parts)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char buf[16];
	char *p1, *p2;

	if (strlen(s) >= sizeof(buf))
		return 0;
	strcpy(buf, s);
	*m = *d = 0;
	p1 = strchr(buf, '-');
	if (p1)
		*p1++ = '\0';
	p2 = p1 ? strchr(p1, '-') : NULL;
	if (p2)
		*p2++ = '\0';
	if (strlen(buf) != 4 || !parse_int(buf, 1900, 2999, y))
		return 0;
	if ((parts >= 2) != (p1 != NULL) || (parts == 3) != (p2 != NULL))
		return 0;
	if (p1 && (strlen(p1) != 2 || !parse_int(p1, 1, 12, m)))
		return 0;
	if (p2 && (strlen(p2) != 2 || !parse_int(p2, 1, mdays[*m - 1], d)))
		return 0;
	if (p2 && *m == 2 && *d == 29 && !(*y % 4 == 0 && (*y % 100 != 0 || *y % 400 == 0)))
		return 0;
	return 1;
}

/* The statements of a file and of the files it includes, in order. */
typedef void (*stmt_fn)(struct model *m, const struct ast_node *n);

static void
each_top(struct model *m, const struct ast_node *file, stmt_fn fn)
{
	const struct ast_node *n;

	for (n = file->first; n; n = n->next) {
		if (n->type != AST_STMT)
			continue;
		if (strcmp(n->keyword, "include") == 0) {
			if (n->include)
				each_top(m, n->include, fn);
			continue;
		}
		fn(m, n);
	}
}

static void *
entity_new(struct model *m, size_t size, enum ent_kind kind, const char *id,
    const struct ast_node *decl, const struct ast_value *idval)
{
	struct entity *e = model_find(m, id);

	if (e != NULL && e->decl == NULL) {
		diag(&idval->span, M_E_BUILTIN, id);
		return NULL;
	}
	if (e != NULL) {
		diag(&idval->span, M_E_DUPLICATE, id);
		diag(&e->decl->vals[0].span, M_NOTE_PREVIOUS, id);
		return NULL;
	}
	e = xcalloc(1, size);
	e->kind = kind;
	e->id = id;
	e->decl = decl;
	m->ents = xgrow(m->ents, m->nents, sizeof(*m->ents));
	m->ents[m->nents++] = e;
	sym_put(m->syms, e);
	return e;
}

static int
has_stmt(const struct ast_node *n, const char *kw)
{
	const struct ast_node *c;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT && strcmp(c->keyword, kw) == 0)
			return 1;
	return 0;
}

/* The identifier of a declaration (its first value), or NULL. */
static const char *
decl_id(const struct ast_node *n)
{
	if (n->nvals == 0 || n->vals[0].type != VAL_WORD)
		return NULL;
	return is_id(n->vals[0].s) ? n->vals[0].s : NULL;
}

/*
 * Pass 1: every declaration gets its entity, so that references may
 * point forward. Statements with a malformed head are reported here.
 */
static void
declare(struct model *m, const struct ast_node *n)
{
	const char *kw = n->keyword, *id;
	static const char *const party_kinds[] = {"council", "municipality",
	    "partner"};
	size_t k;

	if (!in_list(kw_top, kw)) {
		unknown_keyword(n, "at the top of a file", kw_top);
		return;
	}
	if (strcmp(kw, "document") == 0 || strcmp(kw, "part") == 0)
		return;
	if (strcmp(kw, "deadline") == 0) {
		if (!shape(n, 1, 1, 2, "needs a name and a block, as in: "
		    "deadline accenten { ... }") || !(id = val_id(n, 0)))
			return;
		entity_new(m, sizeof(struct deadline), ENT_DEADLINE, id, n,
		    &n->vals[0]);
		return;
	}
	if (strcmp(kw, "form") == 0) {
		if (!shape(n, 1, 1, 2, "needs a name and a block") ||
		    !(id = val_id(n, 0)))
			return;
		entity_new(m, sizeof(struct form), ENT_FORM, id, n, &n->vals[0]);
		return;
	}
	if (!shape(n, 2, 2, 1, strcmp(kw, "person") == 0 ?
	    "needs a name and the person's full name in quotes, as in: "
	    "person sooi \"Sooi De Maeyer\" { ... }" :
	    "needs a name and a full name in quotes, as in: "
	    "municipality asse \"Asse\"") || !(id = val_id(n, 0)) ||
	    !val_text(n, 1))
		return;
	if (strcmp(kw, "person") == 0) {
		struct person *p = entity_new(m, sizeof(*p), ENT_PERSON, id, n,
		    &n->vals[0]);

		if (p)
			p->name = n->vals[1].s;
	} else if (strcmp(kw, "body") == 0) {
		struct body *b = entity_new(m, sizeof(*b), ENT_BODY, id, n,
		    &n->vals[0]);

		if (b)
			b->name = n->vals[1].s;
	} else if (strcmp(kw, "event") == 0) {
		struct event *e = entity_new(m, sizeof(*e), ENT_EVENT, id, n,
		    &n->vals[0]);

		if (e)
			e->text = n->vals[1].s;
	} else {
		struct party *p = entity_new(m, sizeof(*p), ENT_PARTY, id, n,
		    &n->vals[0]);

		for (k = 0; k < NELEM(party_kinds); k++)
			if (strcmp(kw, party_kinds[k]) == 0 && p) {
				p->kind = (enum party_kind)k;
				p->name = n->vals[1].s;
			}
		if (p && p->kind == PARTY_MUNICIPALITY)
			m->nmunicipalities++;
	}
}

/*
 * A reference to an entity of the given kind (and, for parties, of the
 * given party kind unless -1); reports unknown names and wrong kinds.
 */
static struct entity *
resolve(struct model *m, const struct ast_node *n, size_t i,
    enum ent_kind kind, const char *what)
{
	static const char *const kind_names[] = {"party", "person", "body",
	    "event", "deadline", "form", "zone"};
	const struct ast_value *v = &n->vals[i];
	struct entity *e;
	const char *near;

	if (!val_id(n, i))
		return NULL;
	if ((e = model_find(m, v->s)) == NULL) {
		diag(&v->span, M_E_UNKNOWN_REF, what, v->s);
		/* No search for a note that would not be shown. */
		if (!diag_dropping(&v->span, DIAG_NOTE) &&
		    (near = model_suggest(m, v->s, (int)kind)) != NULL)
			diag(&v->span, M_NOTE_DIDYOUMEAN, near);
		return NULL;
	}
	if (e->kind != kind) {
		diag(&v->span, M_E_WRONG_KIND, v->s, kind_names[e->kind], what);
		return NULL;
	}
	e->used = 1;
	return e;
}

static struct party *
resolve_party(struct model *m, const struct ast_node *n, size_t i,
    int party_kind, const char *what)
{
	static const char *const pk_names[] = {"council", "municipality",
	    "partner", "group"};
	struct party *p = (struct party *)resolve(m, n, i, ENT_PARTY, what);

	if (p && party_kind >= 0 && (int)p->kind != party_kind) {
		diag(&n->vals[i].span, M_E_WRONG_KIND, n->vals[i].s,
		    pk_names[p->kind], what);
		return NULL;
	}
	return p;
}

/* A one-value field of a declaration block, given at most once. */
static int
field_once(const struct ast_node *n, const void *already, const char *usage)
{
	if (already) {
		diag(&n->span, M_E_REPEATED, n->keyword);
		return 0;
	}
	return shape(n, 1, 1, 0, usage);
}

static void
check_party(const struct ast_node *n, struct party *p)
{
	const struct ast_node *c;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "called") == 0) {
			if (field_once(c, p->called, "needs how the text calls "
			    "the party, as in: called \"de zorgraad\"") &&
			    val_text(c, 0))
				p->called = c->vals[0].s;
		} else if (strcmp(c->keyword, "invitees") == 0) {
			static const char *const none[] = {"none", NULL};

			if (p->kind != PARTY_MUNICIPALITY)
				diag(&c->span, M_E_NOT_HERE, "invitees",
				    "here: only a municipality has invitees");
			else if (shape(c, 1, 1, 0, "takes one value: "
			    "invitees none") && val_choice(c, 0, none,
			    "value for invitees") == 0)
				p->invitees_none = 1;
		} else {
			unknown_keyword(c, "in a party", kw_party);
		}
	}
}

static void
check_person(struct model *m, const struct ast_node *n, struct person *p)
{
	static const char *const roles[] = {"none", "responsible", "expert",
	    "invitee", NULL};
	const struct ast_node *c, *of = NULL, *role = NULL;
	int r;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "of") == 0) {
			of = c;
			if (field_once(c, p->of, "names the party the person "
			    "belongs to, as in: of asse") &&
			    (p->of = resolve_party(m, c, 0, -1, "party")) == NULL)
				m->unresolved_people = 1;
		} else if (strcmp(c->keyword, "function") == 0) {
			if (field_once(c, p->function, "needs the function in "
			    "quotes") && val_text(c, 0))
				p->function = c->vals[0].s;
		} else if (strcmp(c->keyword, "role") == 0) {
			role = c;
			if (shape(c, 1, 1, 0, "needs one of responsible, expert, "
			    "invitee or none") &&
			    (r = val_choice(c, 0, roles, "role")) >= 0)
				p->role = (enum role)r;
		} else {
			unknown_keyword(c, "in a person", kw_person);
		}
	}
	if (of == NULL && !n->bad)
		diag(&n->span, M_E_MISSING, "this person", "of");
	if (of == NULL)
		m->unresolved_people = 1;
	if (p->of && p->of->kind == PARTY_GROUP) {
		diag(&of->vals[0].span, M_E_NOT_HERE, "municipalities",
		    "as a person's party: name one municipality");
		p->of = NULL;
		m->unresolved_people = 1;
	} else if (p->of && (p->role == ROLE_RESPONSIBLE ||
	    p->role == ROLE_INVITEE) && p->of->kind != PARTY_MUNICIPALITY) {
		diag(&role->vals[0].span, M_E_NOT_HERE, roles[p->role],
		    "for a person of a party that is not a municipality");
	}
	if (p->of) {
		p->of->people = xgrow(p->of->people, p->of->npeople,
		    sizeof(*p->of->people));
		p->of->people[p->of->npeople++] = p;
	}
}

static int
parse_unit(const char *s, enum unit *u, int plural_ok)
{
	static const char *const names[][2] = {
		[UNIT_DAY] = {"day", "days"},
		[UNIT_WEEK] = {"week", "weeks"},
		[UNIT_MONTH] = {"month", "months"},
		[UNIT_QUARTER] = {"quarter", "quarters"},
		[UNIT_YEAR] = {"year", "years"},
	};
	size_t k;

	for (k = 0; k < NELEM(names); k++)
		if (strcmp(s, names[k][0]) == 0 ||
		    (plural_ok && strcmp(s, names[k][1]) == 0)) {
			*u = (enum unit)k;
			return 1;
		}
	return 0;
}

/* meets = [ "at-least" | "at-most" ] COUNT "per" UNIT */
static int
parse_frequency(const struct ast_node *n, struct frequency *f)
{
	size_t i = 0, at = 0;	/* at: the value a problem is shown at */
	const struct ast_value *v = n->vals;
	const char *why = NULL;

	memset(f, 0, sizeof(*f));
	if (n->nvals > 0 && strcmp(v[0].s, "at-least") == 0)
		f->qualifier = 1, i++;
	else if (n->nvals > 0 && strcmp(v[0].s, "at-most") == 0)
		f->qualifier = -1, i++;
	if (n->nvals != i + 3)
		why = "a frequency is a number of times per period";
	else if (v[i].type != VAL_WORD || !parse_int(v[i].s, 1, 366, &f->count))
		why = "the number of times must be a whole number from 1", at = i;
	else if (strcmp(v[i + 1].s, "per") != 0)
		why = "the number must be followed by 'per'", at = i + 1;
	else if (!parse_unit(v[i + 2].s, &f->per, 0))
		why = "the period must be year, quarter, month, week or day",
		    at = i + 2;
	if (why) {
		diag(n->nvals ? &v[at].span : &n->span, M_E_BAD_FREQUENCY, why);
		return 0;
	}
	return 1;
}

static void
check_body(struct model *m, const struct ast_node *n, struct body *b)
{
	const struct ast_node *c;
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "members") == 0) {
			if (!shape(c, 1, 1000000, 0, "names the member parties, "
			    "or municipalities for all of them"))
				continue;
			for (i = 0; i < c->nvals; i++) {
				struct party *p = resolve_party(m, c, i, -1,
				    "party");

				if (!p)
					continue;
				b->members = xgrow(b->members, b->nmembers,
				    sizeof(*b->members));
				b->members[b->nmembers++] = p;
			}
		} else if (strcmp(c->keyword, "meets") == 0) {
			if (b->has_meets)
				diag(&c->span, M_E_REPEATED, c->keyword);
			else
				b->has_meets = parse_frequency(c, &b->meets);
		} else if (strcmp(c->keyword, "yearly") == 0) {
			if (field_once(c, b->yearly, "needs who joins once a "
			    "year, in quotes") && val_text(c, 0))
				b->yearly = c->vals[0].s;
		} else if (strcmp(c->keyword, "guests") == 0) {
			if (!shape(c, 1, 1000000, 0, "names the invited people"))
				continue;
			for (i = 0; i < c->nvals; i++) {
				struct person *p = (struct person *)resolve(m,
				    c, i, ENT_PERSON, "person");

				if (!p)
					continue;
				b->guests = xgrow(b->guests, b->nguests,
				    sizeof(*b->guests));
				b->guests[b->nguests++] = p;
			}
		} else {
			unknown_keyword(c, "in a body", kw_body);
		}
	}
}

/*
 * due = COUNT UNIT "after" EVENT | "after" EVENT | "by" DATE
 *     | "in" MONTH [ MONTH ] | TEXT
 */
static int
parse_due(struct model *m, const struct ast_node *n, struct due *d)
{
	const struct ast_value *v = n->vals;
	size_t nv = n->nvals;
	int y2, d2;
	const char *why = NULL;
	const struct ast_value *where = nv ? &v[0] : NULL;

	memset(d, 0, sizeof(*d));
	if (nv == 1 && v[0].type != VAL_WORD) {
		d->kind = DUE_PERIOD;
		d->text = v[0].s;
		return 1;
	}
	if (nv == 2 && strcmp(v[0].s, "after") == 0) {
		d->kind = DUE_AFTER;
		d->event = (struct event *)resolve(m, n, 1, ENT_EVENT, "event");
		return d->event != NULL;
	}
	if (nv == 2 && strcmp(v[0].s, "by") == 0) {
		d->kind = DUE_BY_DATE;
		if (parse_date(v[1].s, &d->year, &d->month, &d->day, 3))
			return 1;
		diag(&v[1].span, M_E_BAD_DATE, v[1].s);
		return 0;
	}
	if ((nv == 2 || nv == 3) && strcmp(v[0].s, "in") == 0) {
		d->kind = DUE_MONTHS;
		if (!parse_date(v[1].s, &d->year, &d->month, &d2, 2)) {
			diag(&v[1].span, M_E_BAD_VALUE, v[1].s, "month",
			    "write a month as YYYY-MM, as in: due in 2025-01");
			return 0;
		}
		if (nv == 3 && (!parse_date(v[2].s, &y2, &d->month2, &d2, 2) ||
		    y2 != d->year || d->month2 < d->month)) {
			diag(&v[2].span, M_E_BAD_VALUE, v[2].s, "second month",
			    "it must be a later month of the same year, as in: "
			    "due in 2025-01 2025-02");
			return 0;
		}
		return 1;
	} else if (nv == 4) {
		d->kind = DUE_WITHIN;
		if (v[0].type != VAL_WORD || !parse_int(v[0].s, 1, 1000, &d->count))
			why = "a duration starts with a whole number from 1";
		else if (!parse_unit(v[1].s, &d->unit, 1))
			why = "the unit must be days, weeks, months, quarters "
			    "or years", where = &v[1];
		else if (strcmp(v[2].s, "after") != 0)
			why = "the duration must be followed by 'after' and an "
			    "event", where = &v[2];
		else {
			d->event = (struct event *)resolve(m, n, 3, ENT_EVENT,
			    "event");
			return d->event != NULL;
		}
	} else {
		why = "this is not a deadline";
	}
	diag(where ? &where->span : &n->span, M_E_BAD_DURATION, why);
	return 0;
}

static const char *const how_names[] = {"unspecified", "digital", "paper",
    "mail", "meeting", NULL};

/* what = "what" TEXT [ "singular" ]: a singular subject "wordt" delivered. */
static void
check_what(const struct ast_node *c, struct deadline *dl)
{
	static const char *const singular[] = {"singular", NULL};

	if (dl->what) {
		diag(&c->span, M_E_REPEATED, c->keyword);
		return;
	}
	if (!shape(c, 1, 2, 0, "needs what is delivered, in quotes, and "
	    "'singular' after it when it is one thing") || !val_text(c, 0))
		return;
	dl->what = c->vals[0].s;
	dl->singular = c->nvals == 2 &&
	    val_choice(c, 1, singular, "word after what") == 0;
}

static void
check_deadline(struct model *m, const struct ast_node *n, struct deadline *dl)
{
	const struct ast_node *c;
	int has_due = 0, h;
	const char **textfield;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		textfield = strcmp(c->keyword, "action") == 0 ? &dl->action :
		    strcmp(c->keyword, "by") == 0 ? &dl->by :
		    strcmp(c->keyword, "audience") == 0 ? &dl->audience : NULL;
		if (textfield) {
			if (field_once(c, *textfield, "needs one text in quotes") &&
			    val_text(c, 0))
				*textfield = c->vals[0].s;
		} else if (strcmp(c->keyword, "what") == 0) {
			check_what(c, dl);
		} else if (strcmp(c->keyword, "due") == 0) {
			if (has_due++)
				diag(&c->span, M_E_REPEATED, c->keyword);
			else if (!parse_due(m, c, &dl->due))
				has_due = -1;
		} else if (strcmp(c->keyword, "from") == 0) {
			if (field_once(c, dl->from, "names one party"))
				dl->from = resolve_party(m, c, 0, -1, "party");
		} else if (strcmp(c->keyword, "to") == 0) {
			if (field_once(c, dl->to, "names one party"))
				dl->to = resolve_party(m, c, 0, -1, "party");
		} else if (strcmp(c->keyword, "how") == 0) {
			if (shape(c, 1, 1, 0, "needs one of digital, paper, mail "
			    "or meeting") &&
			    (h = val_choice(c, 0, how_names + 1, "way")) >= 0)
				dl->how = (enum how)(h + 1);
		} else {
			unknown_keyword(c, "in a deadline", kw_deadline);
		}
	}
	if (dl->what == NULL)
		diag(&n->span, M_E_MISSING, "this deadline", "what");
	if (dl->action == NULL)
		diag(&n->span, M_E_MISSING, "this deadline", "action");
	if (has_due == 0)
		diag(&n->span, M_E_MISSING, "this deadline", "due");
}

/* Pass 2: the body of every declaration. */
static void
define(struct model *m, const struct ast_node *n)
{
	struct entity *e;
	const char *id = decl_id(n);

	if (id == NULL || (e = model_find(m, id)) == NULL || e->decl != n)
		return;
	switch (e->kind) {
	case ENT_PARTY:
		check_party(n, (struct party *)e);
		break;
	case ENT_PERSON:
		check_person(m, n, (struct person *)e);
		break;
	case ENT_BODY:
		check_body(m, n, (struct body *)e);
		break;
	case ENT_DEADLINE:
		check_deadline(m, n, (struct deadline *)e);
		break;
	case ENT_EVENT:
		if (n->has_block)
			diag(&n->span, M_E_ARGS, "event", "takes no block");
		break;
	case ENT_FORM:
	case ENT_ZONE:
		break;
	}
}

/* question = "question" ID TEXT [ "optional" ] */
static void
form_question(const struct ast_node *n, struct fquestion **qs, size_t *nq)
{
	struct fquestion *q;
	const char *id;
	size_t i;

	if (!shape(n, 2, 3, 0, "needs a name and the question's text, as in: "
	    "question rol \"Welke rol ...?\"") || !(id = val_id(n, 0)) ||
	    !val_text(n, 1))
		return;
	for (i = 0; i < *nq; i++)
		if (strcmp((*qs)[i].id, id) == 0) {
			diag(&n->vals[0].span, M_E_DUPLICATE, id);
			return;
		}
	*qs = xgrow(*qs, *nq, sizeof(**qs));
	q = &(*qs)[(*nq)++];
	q->id = id;
	q->text = &n->vals[1];
	q->optional = 0;
	if (n->nvals == 3) {
		static const char *const opt[] = {"optional", NULL};

		q->optional = val_choice(n, 2, opt, "flag") == 0;
	}
}

static void
form_section(const struct ast_node *n, struct fpart *p)
{
	struct fsection *s;
	const struct ast_node *c;
	const char *id;

	if (!shape(n, 2, 3, 2, "needs a name, a title in quotes and a block") ||
	    !(id = val_id(n, 0)) || !val_title(n, 1))
		return;
	if (fpart_section(p, id) != NULL) {
		diag(&n->vals[0].span, M_E_DUPLICATE, id);
		return;
	}
	p->sections = xgrow(p->sections, p->nsections, sizeof(*s));
	s = &p->sections[p->nsections++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->title = n->vals[1].s;
	if (n->nvals == 3) {
		static const char *const opt[] = {"optional", NULL};

		s->optional = val_choice(n, 2, opt, "flag") == 0;
	}
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "question") == 0)
			form_question(c, &s->questions, &s->nquestions);
		else
			unknown_keyword(c, "in a section of a form", kw_fsection);
	}
}

static void
form_part(const struct ast_node *n, struct form *f)
{
	static const char *const layouts[] = {"both", "sections", "questions",
	    NULL};
	struct fpart *p;
	const struct ast_node *c;
	const char *id;
	size_t i;
	int l;

	if (!shape(n, 2, 2, 2, "needs a name, a title in quotes and a block") ||
	    !(id = val_id(n, 0)) || !val_title(n, 1))
		return;
	for (i = 0; i < f->nparts; i++)
		if (strcmp(f->parts[i].id, id) == 0) {
			diag(&n->vals[0].span, M_E_DUPLICATE, id);
			return;
		}
	f->parts = xgrow(f->parts, f->nparts, sizeof(*p));
	p = &f->parts[f->nparts++];
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->title = n->vals[1].s;
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "numbered") == 0) {
			if (shape(c, 0, 0, 0, "takes no values"))
				p->numbered = 1;
		} else if (strcmp(c->keyword, "text") == 0) {
			if (!shape(c, 1, 2, 0, "needs a text, optionally after "
			    "the layout it is for (sections or questions)"))
				continue;
			l = c->nvals == 2 ? val_choice(c, 0, layouts, "layout") : 0;
			if (l < 0 || !val_text(c, c->nvals - 1))
				continue;
			p->texts = xgrow(p->texts, p->ntexts, sizeof(*p->texts));
			p->texts[p->ntexts].text = &c->vals[c->nvals - 1];
			p->texts[p->ntexts++].layout = l;
		} else if (strcmp(c->keyword, "section") == 0) {
			form_section(c, p);
		} else if (strcmp(c->keyword, "question") == 0) {
			form_question(c, &p->questions, &p->nquestions);
		} else {
			unknown_keyword(c, "in a part of a form", kw_fpart);
		}
	}
}

static void
check_letterhead(const struct ast_node *n, const char **dept,
    const char **phone, const char **email)
{
	const struct ast_node *c;
	const char **field;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		field = strcmp(c->keyword, "department") == 0 ? dept :
		    strcmp(c->keyword, "phone") == 0 ? phone :
		    strcmp(c->keyword, "email") == 0 ? email : NULL;
		if (field == NULL)
			unknown_keyword(c, "in a letterhead", kw_letterhead);
		else if (field_once(c, *field, "needs one text in quotes") &&
		    val_text(c, 0))
			*field = c->vals[0].s;
	}
}

static void
check_form(struct model *m, const struct ast_node *n)
{
	struct form *f;
	const struct ast_node *c;

	if (strcmp(n->keyword, "form") != 0 || decl_id(n) == NULL)
		return;
	f = (struct form *)model_find(m, decl_id(n));
	if (f == NULL || f->e.decl != n)
		return;
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "title") == 0) {
			if (field_once(c, f->title, "needs one text in quotes") &&
			    val_text(c, 0))
				f->title = c->vals[0].s;
		} else if (strcmp(c->keyword, "letterhead") == 0) {
			if (shape(c, 0, 0, 2, "needs a block"))
				check_letterhead(c, &f->department, &f->phone,
				    &f->email);
		} else if (strcmp(c->keyword, "part") == 0) {
			form_part(c, f);
		} else {
			unknown_keyword(c, "in a form", kw_form);
		}
	}
	if (f->title == NULL)
		diag(&n->span, M_E_MISSING, "this form", "title");
}

/* ---- the document block ---- */

static const char **
doc_text_field(struct docinfo *d, const char *kw)
{
	return strcmp(kw, "title") == 0 ? &d->title :
	    strcmp(kw, "subtitle") == 0 ? &d->subtitle :
	    strcmp(kw, "zone") == 0 ? &d->zone :
	    strcmp(kw, "version") == 0 ? &d->version :
	    strcmp(kw, "subject") == 0 ? &d->subject : NULL;
}

static void
doc_field(struct model *m, const struct ast_node *c)
{
	static const char *const layouts[] = {"sections", "questions", NULL};
	static const char *const numberings[] = {"deel", "plain", "none", NULL};
	static const char *const statuses[] = {"approved", "draft", NULL};
	struct docinfo *d = &m->doc;
	const char **tf;
	size_t i;
	int k;

	if ((tf = doc_text_field(d, c->keyword)) != NULL) {
		if (field_once(c, *tf, "needs one text in quotes") &&
		    val_text(c, 0))
			*tf = c->vals[0].s;
	} else if (strcmp(c->keyword, "form") == 0) {
		if (field_once(c, d->form, "names the form, as in: "
		    "form afsprakenkader-2025"))
			d->form = (struct form *)resolve(m, c, 0, ENT_FORM, "form");
	} else if (strcmp(c->keyword, "council") == 0) {
		if (field_once(c, d->council, "names the care council"))
			d->council = resolve_party(m, c, 0, PARTY_COUNCIL,
			    "council");
	} else if (strcmp(c->keyword, "layout") == 0) {
		if (shape(c, 1, 1, 0, "is sections or questions") &&
		    (k = val_choice(c, 0, layouts, "layout")) >= 0)
			d->layout = k == 0 ? LAYOUT_SECTIONS : LAYOUT_QUESTIONS;
	} else if (strcmp(c->keyword, "numbering") == 0) {
		if (shape(c, 1, 1, 0, "is deel, plain or none") &&
		    (k = val_choice(c, 0, numberings, "numbering")) >= 0)
			d->numbering = (enum numbering)k;
	} else if (strcmp(c->keyword, "status") == 0) {
		if (shape(c, 1, 1, 0, "is approved or draft") &&
		    (k = val_choice(c, 0, statuses, "status")) >= 0)
			d->draft = k == 1;
	} else if (strcmp(c->keyword, "date") == 0) {
		if (shape(c, 1, 1, 0, "needs a date, as in: date 2025-06-30") &&
		    !parse_date(c->vals[0].s, &d->year, &d->month, &d->day, 3))
			diag(&c->vals[0].span, M_E_BAD_DATE, c->vals[0].s);
	} else if (strcmp(c->keyword, "keywords") == 0) {
		for (i = 0; i < c->nvals; i++)
			if (val_text(c, i))
				buf_printf(&d->keywords, "%s%s",
				    d->keywords.len ? ", " : "", c->vals[i].s);
	} else if (strcmp(c->keyword, "letterhead") == 0) {
		static const char *const none[] = {"none", NULL};

		if (shape(c, 1, 1, 0, "takes one value: letterhead none") &&
		    val_choice(c, 0, none, "value for letterhead") == 0)
			d->letterhead = 0;
	} else {
		unknown_keyword(c, "in the document block", kw_document);
	}
}

static void
check_document(struct model *m, const struct ast_node *n)
{
	const struct ast_node *c;

	if (strcmp(n->keyword, "document") != 0)
		return;
	if (m->docnode) {
		diag(&n->span, M_E_REPEATED, "document");
		diag(&m->docnode->span, M_NOTE_PREVIOUS, "document");
		return;
	}
	m->docnode = n;
	if (!shape(n, 0, 0, 2, "takes no values and needs a block"))
		return;
	m->doc.layout = LAYOUT_SECTIONS;
	m->doc.letterhead = 1;
	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT)
			doc_field(m, c);
	if (m->doc.form == NULL && !has_stmt(n, "form"))
		diag(&n->span, M_E_MISSING, "the document", "form");
	if (m->doc.zone == NULL)
		diag(&n->span, M_E_MISSING, "the document", "zone");
	if (m->doc.council == NULL && !has_stmt(n, "council"))
		diag(&n->span, M_E_MISSING, "the document", "council");
}

/* ---- prose ---- */

/* The offset of line number line (from 1) in s. */
static size_t
line_offset(const char *s, int line)
{
	size_t k = 0;

	while (line > 1 && s[k])
		if (s[k++] == '\n')
			line--;
	return k;
}

/* The span of a cmark node's start within a text value, for a message
 * of this level: the value's when the message will not be shown, which
 * saves reading the text for each of many errors. */
static struct span
md_span(const struct ast_value *v, cmark_node *node, enum diag_level level)
{
	int col = cmark_node_get_start_column(node);
	size_t k;

	if (diag_dropping(&v->span, level))
		return v->span;
	k = line_offset(v->s, cmark_node_get_start_line(node));

	if (col > 1)
		k += (size_t)col - 1;
	if (k > strlen(v->s))
		k = strlen(v->s);
	return v->type == VAL_TEXT ? text_span(v, k, 1) : v->span;
}

/*
 * The span of a link's address: cmark places some links (autolinks) on
 * the wrong line, so the address is looked up in the text itself, from
 * the start of the link's paragraph on.
 */
static struct span
url_span(const struct ast_value *v, cmark_node *link)
{
	cmark_node *block = link;
	const char *url = cmark_node_get_url(link), *at;
	size_t from;

	if (diag_dropping(&v->span, DIAG_ERROR))
		return v->span;
	while (cmark_node_parent(block) &&
	    cmark_node_get_type(block) >= CMARK_NODE_FIRST_INLINE)
		block = cmark_node_parent(block);
	if (v->type == VAL_STRING && *url != '\0' &&
	    (at = strstr(v->s, url)) != NULL) {
		/* In quotes the source holds the address as written unless
		 * an escape comes before it. */
		from = v->span.off + 1 + (size_t)(at - v->s);
		if (from + strlen(url) < v->span.end &&
		    memcmp(v->span.file->text + from, url, strlen(url)) == 0)
			return span_at(v->span.file, from, from + strlen(url));
	}
	if (v->type != VAL_TEXT || *url == '\0')
		return md_span(v, link, DIAG_ERROR);
	from = line_offset(v->s, cmark_node_get_start_line(block));
	if ((at = strstr(v->s + from, url)) == NULL)
		return md_span(v, link, DIAG_ERROR);
	return text_span(v, (size_t)(at - v->s), strlen(url));
}

static int
allowed_url(const char *url)
{
	static const char *const schemes[] = {"http:", "https:", "mailto:"};
	size_t i, n;

	for (i = 0; i < NELEM(schemes); i++) {
		n = strlen(schemes[i]);
		if (strncasecmp(url, schemes[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		return 1;
	default:
		return 0;
	}
}

/* How deeply the blocks and inlines of a text may nest. */
#define CHECK_MAX_TEXT_DEPTH 16

/* Checks what the CommonMark of a text holds: no code, HTML or images,
 * no nesting deeper than a document needs. */
static void
check_markdown(const struct ast_value *v, const char *expanded)
{
	cmark_node *doc = cmark_parse_document(expanded, strlen(expanded),
	    CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *node;
	struct span sp;
	int depth = 0, deep = 0, html = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		/* Containers have an exit event, leaves none; every backend
		 * may walk the containers recursively. */
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		if (!is_leaf(node))
			if (++depth > CHECK_MAX_TEXT_DEPTH && !deep++) {
				sp = md_span(v, node, DIAG_ERROR);
				diag(&sp, M_E_TEXT_TOO_DEEP, CHECK_MAX_TEXT_DEPTH);
			}
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_CODE_BLOCK:
			sp = md_span(v, node, DIAG_ERROR);
			diag(&sp, M_E_CODE_BLOCK);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			/* Once per text: a tag pair is one mistake. */
			if (!html++) {
				sp = md_span(v, node, DIAG_WARNING);
				diag(&sp, M_W_RAW_HTML);
			}
			break;
		case CMARK_NODE_IMAGE:
			sp = md_span(v, node, DIAG_ERROR);
			diag(&sp, M_E_NOT_ALLOWED_MD, "an image", "");
			break;
		case CMARK_NODE_HEADING:
			sp = md_span(v, node, DIAG_ERROR);
			diag(&sp, M_E_NOT_ALLOWED_MD, "a heading (a line "
			    "starting with '#')", "; use a section or a theme");
			break;
		case CMARK_NODE_LINK:
			if (!allowed_url(cmark_node_get_url(node))) {
				sp = url_span(v, node);
				diag(&sp, M_E_LINK_SCHEME, cmark_node_get_url(node));
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* The text at value i of n: placeholders and CommonMark. */
static void
check_prose_value(struct model *m, const struct ast_node *n, size_t i)
{
	struct buf out = {0};
	const struct ast_value *v;

	/* The text of a statement the parser could not read is a guess. */
	if (n->bad || !val_text(n, i))
		return;
	v = &n->vals[i];
	if (expand_text(m, v, &out, 1) == 0) {
		if (strspn(out.data, " \n") == out.len)
			diag(&v->span, M_W_EMPTY_TEXT);
		else
			check_markdown(v, out.data);
	}
	buf_free(&out);
}

static void
check_prose(struct model *m, const struct ast_node *n)
{
	if (shape(n, 1, 1, 0, "needs one text, in quotes or as a text block"))
		check_prose_value(m, n, 0);
}

/* ---- generated blocks ---- */

static void
mark_role_used(struct model *m, enum role role)
{
	size_t i;

	for (i = 0; i < m->nents; i++) {
		struct entity *e = m->ents[i];

		if (e->kind == ENT_PERSON && ((struct person *)e)->role == role)
			e->used = 1;
		if (e->kind == ENT_PARTY &&
		    ((struct party *)e)->kind == PARTY_MUNICIPALITY)
			e->used = 1;
	}
}

static void
check_invitees(struct model *m, const struct ast_node *n)
{
	size_t i;

	if (!shape(n, 0, 0, 0, "takes no values: it lists the extra invitees "
	    "of every municipality"))
		return;
	mark_role_used(m, ROLE_INVITEE);
	for (i = 0; i < m->nents; i++) {
		struct party *p = (struct party *)m->ents[i];

		if (p->e.kind != ENT_PARTY || p->kind != PARTY_MUNICIPALITY ||
		    p->invitees_none)
			continue;
		if (!party_has_role(p, ROLE_INVITEE) && p->e.decl)
			diag(&p->e.decl->vals[0].span, M_W_NO_INVITEES, p->e.id);
	}
}

static void
check_list_items(const struct ast_node *n, const char *kw, const char *usage,
    const char *where, const char *const *allowed)
{
	const struct ast_node *c;
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, kw) != 0) {
			unknown_keyword(c, where, allowed);
			continue;
		}
		if (shape(c, 1, 8, 0, usage))
			for (i = 0; i < c->nvals; i++)
				val_text(c, i);
	}
}

/* YEARS = YEAR | YEAR "-" YEAR */
static int
parse_years(const struct ast_value *v, int *from, int *to)
{
	const char *dash = strchr(v->s, '-');
	char buf[8];

	if (v->type != VAL_WORD)
		return 0;
	if (dash == NULL) {
		if (strlen(v->s) != 4 || !parse_int(v->s, 1900, 2999, from))
			return 0;
		*to = *from;
		return 1;
	}
	if (dash - v->s != 4 || strlen(dash + 1) != 4)
		return 0;
	memcpy(buf, v->s, 4);
	buf[4] = '\0';
	return parse_int(buf, 1900, 2999, from) &&
	    parse_int(dash + 1, 1900, 2999, to);
}

static void
check_schedule(const struct ast_node *n)
{
	const struct ast_node *c, *prev = NULL;
	int from, to, prev_to = 0, open = 0;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (open && strcmp(c->keyword, "focus") == 0)
			diag(&c->span, M_E_NOT_HERE, "focus",
			    "after 'continues', which ends the schedule");
		if (strcmp(c->keyword, "continues") == 0) {
			if (shape(c, 0, 0, 0, "takes no values"))
				open = 1;
			continue;
		}
		if (strcmp(c->keyword, "focus") != 0) {
			unknown_keyword(c, "in a schedule", kw_schedule);
			continue;
		}
		if (!shape(c, 2, 2, 0, "needs years and a theme, as in: "
		    "focus 2026-2027 \"Voeding en beweging\"") || !val_text(c, 1))
			continue;
		/* After a bad period, the next is not compared with it. */
		if (!parse_years(&c->vals[0], &from, &to)) {
			diag(&c->vals[0].span, M_E_BAD_YEARS, c->vals[0].s);
			prev = NULL;
			continue;
		}
		if (to < from) {
			diag(&c->vals[0].span, M_E_YEARS_REVERSED, c->vals[0].s);
			prev = NULL;
			continue;
		}
		if (prev && from <= prev_to)
			diag(&c->vals[0].span, M_E_YEARS_OVERLAP, c->vals[0].s,
			    prev->vals[0].s);
		else if (prev && from > prev_to + 1) {
			struct buf b = {0};

			if (from == prev_to + 2)
				buf_printf(&b, "%d", prev_to + 1);
			else
				buf_printf(&b, "%d-%d", prev_to + 1, from - 1);
			diag(&c->vals[0].span, M_E_YEARS_GAP, b.data);
			buf_free(&b);
		}
		prev = c;
		prev_to = to;
	}
}

static void
check_rotation(struct model *m, const struct ast_node *n)
{
	const struct ast_node *c;
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "activity") == 0) {
			if (shape(c, 1, 2, 0, "needs the activity and an "
			    "optional note, in quotes"))
				for (i = 0; i < c->nvals; i++)
					val_text(c, i);
		} else if (strcmp(c->keyword, "turns") == 0) {
			if (shape(c, 1, 1000000, 0, "names the municipalities "
			    "in the order of their turns"))
				for (i = 0; i < c->nvals; i++)
					resolve_party(m, c, i,
					    PARTY_MUNICIPALITY, "municipality");
		} else {
			unknown_keyword(c, "in a rotation", kw_rotation);
		}
	}
}

static void check_content(struct model *m, const struct ast_node *n,
    const char *where);

/* One statement of content; returns 0 when kw is not a content keyword. */
static int
check_content_stmt(struct model *m, const struct ast_node *c)
{
	const char *kw = c->keyword;

	if (strcmp(kw, "text") == 0 || strcmp(kw, "remark") == 0)
		check_prose(m, c);
	else if (strcmp(kw, "contacts") == 0) {
		if (shape(c, 0, 0, 0, "takes no values: it lists the "
		    "responsible official of every municipality"))
			mark_role_used(m, ROLE_RESPONSIBLE);
	} else if (strcmp(kw, "invitees") == 0)
		check_invitees(m, c);
	else if (strcmp(kw, "deadline") == 0) {
		if (shape(c, 1, 1, 0, "here names a declared deadline, as in: "
		    "deadline accenten"))
			resolve(m, c, 0, ENT_DEADLINE, "deadline");
	} else if (strcmp(kw, "targetgroups") == 0) {
		if (!shape(c, 0, 0, 2, "takes a block of groups"))
			return 1;
		check_list_items(c, "group", "needs the group and its notes, "
		    "each in quotes", "in targetgroups", kw_targetgroups);
		if (!has_stmt(c, "group"))
			diag(&c->span, M_E_MISSING, "this list of target groups",
			    "group");
	} else if (strcmp(kw, "schedule") == 0) {
		if (!shape(c, 0, 0, 2, "takes a block of focus themes"))
			return 1;
		check_schedule(c);
		if (!has_stmt(c, "focus"))
			diag(&c->span, M_E_MISSING, "this schedule", "focus");
	} else if (strcmp(kw, "rotation") == 0) {
		if (!shape(c, 0, 0, 2, "takes a block of activities"))
			return 1;
		check_rotation(m, c);
		if (!has_stmt(c, "activity"))
			diag(&c->span, M_E_MISSING, "this rotation", "activity");
	} else if (strcmp(kw, "theme") == 0) {
		if (shape(c, 2, 2, 2, "needs a name, a title in quotes and a "
		    "block") && val_id(c, 0) && val_title(c, 1))
			check_content(m, c, "in a theme");
	} else
		return 0;
	return 1;
}

static void
check_content(struct model *m, const struct ast_node *n, const char *where)
{
	const struct ast_node *c;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT && !check_content_stmt(m, c))
			unknown_keyword(c, where, kw_content);
}

/* ---- the zone's parts, sections and answers ---- */

static const struct fquestion *
find_question(const struct fquestion *qs, size_t nq, const char *id, size_t *at)
{
	size_t i;

	for (i = 0; i < nq; i++)
		if (strcmp(qs[i].id, id) == 0) {
			*at = i;
			return &qs[i];
		}
	return NULL;
}

/* answer = "answer" ID ( TEXT | block of content ) */
static void
check_answer(struct model *m, const struct ast_node *c,
    const struct fquestion *qs, size_t nq, const struct ast_node **answered,
    const char *where, const char *where_id)
{
	size_t at;
	const char *id;

	if (m->doc.layout != LAYOUT_QUESTIONS) {
		diag(&c->span, M_E_NOT_HERE, "answer", "in a document with "
		    "layout sections; write the text in the section, or use "
		    "layout questions");
		return;
	}
	if (!(c->has_block ? shape(c, 1, 1, 2, "needs the question's name "
	    "and a block") : shape(c, 2, 2, 0, "needs the question's name and "
	    "the answer, as in: answer rol \"\"\"...\"\"\"")) ||
	    !(id = val_id(c, 0)))
		return;
	if (!find_question(qs, nq, id, &at)) {
		struct nearest near;
		size_t i;

		diag(&c->vals[0].span, M_E_NOT_A_QUESTION, id, where, where_id);
		nearest_init(&near, id);
		for (i = 0; i < nq && !diag_dropping(&c->vals[0].span,
		    DIAG_NOTE); i++)
			nearest_try(&near, qs[i].id);
		if (near.best)
			diag(&c->vals[0].span, M_NOTE_DIDYOUMEAN, near.best);
		return;
	}
	if (answered[at]) {
		struct buf b = {0};

		buf_printf(&b, "answer %s", id);
		diag(&c->vals[0].span, M_E_REPEATED, b.data);
		buf_free(&b);
		diag(&answered[at]->vals[0].span, M_NOTE_FREE,
		    "the first answer is here");
		return;
	}
	answered[at] = c;
	if (c->has_block)
		check_content(m, c, "in an answer");
	else
		check_prose_value(m, c, 1);
}

static void
require_answers(struct model *m, const struct ast_node *at,
    const struct fquestion *qs, size_t nq, const struct ast_node **answered)
{
	size_t i;

	if (m->doc.layout != LAYOUT_QUESTIONS)
		return;
	for (i = 0; i < nq; i++)
		if (!answered[i] && !qs[i].optional)
			diag(&at->span, M_E_UNANSWERED, qs[i].id, qs[i].id);
}

const struct fsection *
fpart_section(const struct fpart *fp, const char *id)
{
	size_t i;

	for (i = 0; i < fp->nsections; i++)
		if (strcmp(fp->sections[i].id, id) == 0)
			return &fp->sections[i];
	return NULL;
}

/* section = "section" ID [ TITLE ] "{" { content | answer } "}" */
static void
check_zsection(struct model *m, const struct ast_node *n,
    const struct fpart *fp)
{
	const struct fsection *fs;
	const struct ast_node **answered, *c;
	const char *id;

	if (!shape(n, 1, 2, 2, "needs the section's name, a title in quotes "
	    "when the form has no such section, and a block") ||
	    !(id = val_id(n, 0)))
		return;
	/* A refused title is reported; the section is still checked. */
	if (n->nvals == 2)
		val_title(n, 1);
	fs = fpart_section(fp, id);
	if (fs == NULL && n->nvals < 2) {
		struct buf b = {0};
		struct nearest near;
		size_t i;

		buf_printf(&b, " in part '%s'; give the new section a title in "
		    "quotes", fp->id);
		diag(&n->vals[0].span, M_E_NOT_IN_FORM, "section", id, b.data);
		nearest_init(&near, id);
		for (i = 0; i < fp->nsections &&
		    !diag_dropping(&n->vals[0].span, DIAG_NOTE); i++)
			nearest_try(&near, fp->sections[i].id);
		if (near.best)
			diag(&n->vals[0].span, M_NOTE_DIDYOUMEAN, near.best);
		buf_free(&b);
	}
	answered = xcalloc(fs ? fs->nquestions + 1 : 1, sizeof(*answered));
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		/* The answers of a misnamed section would all be reported. */
		if (strcmp(c->keyword, "answer") == 0) {
			if (fs || n->nvals == 2)
				check_answer(m, c, fs ? fs->questions : NULL,
				    fs ? fs->nquestions : 0, answered,
				    "section", id);
		} else if (!check_content_stmt(m, c))
			unknown_keyword(c, "in a section", kw_zsection);
	}
	if (fs)
		require_answers(m, n, fs->questions, fs->nquestions, answered);
	free(answered);
}

static int
zone_has_section(const struct ast_node *n, const char *id)
{
	const struct ast_node *c;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT && strcmp(c->keyword, "section") == 0 &&
		    c->nvals > 0 && strcmp(c->vals[0].s, id) == 0)
			return 1;
	return 0;
}

static void
check_zpart(struct model *m, const struct ast_node *n)
{
	const struct form *f = m->doc.form;
	const struct fpart *fp = NULL;
	const struct ast_node **answered, *c;
	const char *id;
	size_t i;

	if (strcmp(n->keyword, "part") != 0 || f == NULL)
		return;
	if (!shape(n, 1, 2, 2, "needs the name of a part of the form, an "
	    "optional title in quotes, and a block") || !(id = val_id(n, 0)))
		return;
	if (n->nvals == 2)
		val_title(n, 1);
	for (i = 0; i < f->nparts; i++)
		if (strcmp(f->parts[i].id, id) == 0)
			fp = &f->parts[i];
	if (fp == NULL) {
		diag(&n->vals[0].span, M_E_NOT_IN_FORM, "part", id, "");
		return;
	}
	if (m->parts[fp - f->parts].node) {
		diag(&n->vals[0].span, M_E_REPEATED, "part");
		return;
	}
	m->parts[fp - f->parts].node = n;
	answered = xcalloc(fp->nquestions + 1, sizeof(*answered));
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (strcmp(c->keyword, "section") == 0)
			check_zsection(m, c, fp);
		else if (strcmp(c->keyword, "answer") == 0)
			check_answer(m, c, fp->questions, fp->nquestions,
			    answered, "part", id);
		else if (!check_content_stmt(m, c))
			unknown_keyword(c, "in a part", kw_zpart);
	}
	require_answers(m, n, fp->questions, fp->nquestions, answered);
	for (i = 0; i < fp->nsections; i++)
		if (!fp->sections[i].optional &&
		    !zone_has_section(n, fp->sections[i].id))
			diag(&n->span, M_E_NO_SECTION, "section",
			    fp->sections[i].id);
	free(answered);
}

/* ---- the whole source ---- */

static void
check_responsible(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nents; i++) {
		struct party *p = (struct party *)m->ents[i];

		if (p->e.kind != ENT_PARTY || p->kind != PARTY_MUNICIPALITY)
			continue;
		if (!party_has_role(p, ROLE_RESPONSIBLE))
			diag(&p->e.decl->vals[0].span, M_E_NO_RESPONSIBLE,
			    p->e.id);
	}
}

int
party_has_role(const struct party *p, int role)
{
	size_t i;

	for (i = 0; i < p->npeople; i++)
		if ((int)p->people[i]->role == role)
			return 1;
	return 0;
}

/* Declarations of the zone's own file that nothing uses. */
static void
check_unused(struct model *m, const struct srcfile *own)
{
	static const char *const what[] = {"party", "person", "body", "event",
	    "deadline", "form", "zone"};
	size_t i;

	for (i = 0; i < m->nents; i++) {
		struct entity *e = m->ents[i];

		if (!e->used && e->decl && e->decl->span.file == own)
			diag(&e->decl->vals[0].span, M_W_UNUSED, what[e->kind],
			    e->id);
	}
}

static void
add_builtins(struct model *m)
{
	m->group = xcalloc(1, sizeof(*m->group));
	m->group->e.kind = ENT_PARTY;
	m->group->e.id = "municipalities";
	m->group->kind = PARTY_GROUP;
	m->group->name = "de lokale besturen";
	sym_put(m->syms, &m->group->e);
	m->zone = xcalloc(1, sizeof(*m->zone));
	m->zone->kind = ENT_ZONE;
	m->zone->id = "zone";
	m->zone->used = 1;
	sym_put(m->syms, m->zone);
}

static int
empty_file(const struct ast_node *root)
{
	const struct ast_node *n;

	for (n = root->first; n; n = n->next)
		if (n->type != AST_BLANK)
			return 0;
	return 1;
}

struct model *
check(const struct ast_node *root)
{
	struct model *m = xcalloc(1, sizeof(*m));
	size_t i;

	m->syms = xcalloc(1, sizeof(*m->syms));
	add_builtins(m);
	if (empty_file(root)) {
		struct span sp = span_at(root->span.file, 0, 0);

		diag(&sp, M_E_EMPTY_FILE);
		model_free(m);
		return NULL;
	}
	each_top(m, root, declare);
	each_top(m, root, define);
	each_top(m, root, check_form);
	each_top(m, root, check_document);
	if (m->docnode == NULL) {
		struct span sp = span_at(root->span.file, 0, 0);

		diag(&sp, M_E_MISSING, "the file", "document");
	}
	if (m->doc.form) {
		m->doc.form->e.used = 1;
		m->nparts = m->doc.form->nparts;
		m->parts = xcalloc(m->nparts + 1, sizeof(*m->parts));
		for (i = 0; i < m->nparts; i++)
			m->parts[i].form = &m->doc.form->parts[i];
		each_top(m, root, check_zpart);
		for (i = 0; i < m->nparts; i++)
			if (m->parts[i].node == NULL)
				diag(&m->docnode->span, M_E_NO_SECTION, "part",
				    m->parts[i].form->id);
	}
	/* A person whose party is unknown may be the missing official. */
	if (!m->unresolved_people)
		check_responsible(m);
	check_unused(m, root->span.file);
	if (diag_worst(root->span.file->dg) == DIAG_ERROR) {
		model_free(m);
		return NULL;
	}
	return m;
}

static void
free_form(struct form *f)
{
	size_t i, j;

	for (i = 0; i < f->nparts; i++) {
		struct fpart *p = &f->parts[i];

		for (j = 0; j < p->nsections; j++)
			free(p->sections[j].questions);
		free(p->sections);
		free(p->questions);
		free(p->texts);
	}
	free(f->parts);
}

void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nents; i++) {
		struct entity *e = m->ents[i];

		if (e->kind == ENT_PARTY) {
			free(((struct party *)e)->people);
		} else if (e->kind == ENT_BODY) {
			free(((struct body *)e)->members);
			free(((struct body *)e)->guests);
		} else if (e->kind == ENT_FORM) {
			free_form((struct form *)e);
		}
		free(e);
	}
	free(m->ents);
	free(m->syms->slots);
	free(m->syms);
	if (m->group)
		free(m->group->people);	/* a person 'of municipalities' */
	free(m->group);
	free(m->zone);
	free(m->parts);
	buf_free(&m->doc.keywords);
	free(m);
}
