/* check.c - gives the syntax tree its meaning: declarations become the
 * model, references are resolved, and everything an author can get
 * wrong is reported in plain words. The lowering trusts what passes. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "front/lang.h"
#include "sema/check.h"
#include "sema/date.h"
#include "sema/expand.h"
#include "sema/model.h"
#include "sema/nl.h"

/*
 * The keywords an author writes in a zone: one of these in the wrong
 * block is misplaced, any other word is unknown.
 */
#define ZONE_PLACES (CTX_BIT(CTX_TOP) | CTX_CONTENT | CTX_BIT(CTX_DOCUMENT) | \
	CTX_BIT(CTX_DEADLINE) | CTX_BIT(CTX_PERSON) | CTX_BIT(CTX_BODY))

/* Reports a keyword that does not belong at ctx, naming those that do. */
static void
unknown_keyword(const struct ast_node *n, enum lang_ctx ctx)
{
	const struct keyword *k, *end = lang_keywords + K__COUNT;
	struct buf b = {0};
	struct nearest near;
	size_t count = 0, i = 0;

	for (k = lang_keywords; k < end; k++)
		count += (k->where & CTX_BIT(ctx)) != 0;
	buf_printf(&b, "%s; the keywords here are ", lang_where(ctx));
	for (k = lang_keywords; k < end; k++)
		if (k->where & CTX_BIT(ctx)) {
			buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 < count ?
			    ", " : " and ", k->name);
			i++;
		}
	if (lang_known(n->keyword, ZONE_PLACES))
		diag(&n->span, M_E_NOT_HERE, n->keyword, b.data);
	else
		diag(&n->span, M_E_UNKNOWN_KEYWORD, n->keyword, b.data);
	/* No search for a note that would not be shown. */
	nearest_init(&near, n->keyword);
	for (k = lang_keywords; k < end &&
	    !diag_dropping(&n->span, DIAG_NOTE); k++)
		if (k->where & CTX_BIT(ctx))
			nearest_try(&near, k->name);
	if (near.best)
		diag(&n->span, M_NOTE_DIDYOUMEAN, near.best);
	buf_free(&b);
}

/* The meaning of statement n at ctx, or NULL after reporting it. */
static const struct keyword *
keyword_at(const struct ast_node *n, enum lang_ctx ctx)
{
	const struct keyword *k = lang_find(n->keyword, ctx);

	if (k == NULL)
		unknown_keyword(n, ctx);
	return k;
}

/* Whether n is a top-level statement of the keyword id. */
static int
top_is(const struct ast_node *n, enum kw id)
{
	const struct keyword *k = lang_find(n->keyword, CTX_TOP);

	return k != NULL && k->id == id;
}

/* Whether block n holds a statement of keyword id at ctx. */
static int
has_stmt(const struct ast_node *n, enum lang_ctx ctx, enum kw id)
{
	const struct ast_node *c;
	const struct keyword *k;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT &&
		    (k = lang_find(c->keyword, ctx)) != NULL && k->id == id)
			return 1;
	return 0;
}

/* Whether block n holds any statement at all. */
static int
has_any_stmt(const struct ast_node *n)
{
	const struct ast_node *c;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT)
			return 1;
	return 0;
}

/* Checks a statement's number of values and block; reports with usage. */
static int
shape(const struct ast_node *n, size_t min, size_t max, int block,
    const char *usage)
{
	if (n->nvals < min || n->nvals > max ||
	    (block == BLOCK_NONE && n->has_block) ||
	    (block == BLOCK_REQUIRED && !n->has_block)) {
		diag(&n->span, M_E_ARGS, n->keyword, usage);
		return 0;
	}
	return 1;
}

/* Checks a statement against its keyword's entry in the table. */
static int
shape_of(const struct ast_node *n, const struct keyword *k)
{
	return shape(n, k->min, k->max == LANG_MANY ? (size_t)-1 : k->max,
	    (int)k->block, k->usage);
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
text_value(const struct ast_node *n, size_t i)
{
	const struct ast_value *v = &n->vals[i];
	const char *p, *q;

	if (v->type == VAL_WORD) {
		diag(&v->span, M_E_BAD_VALUE, v->s, "text",
		    "put text in double quotes");
		return NULL;
	}
	/* Only prose fills in placeholders; elsewhere one would be
	 * printed as it is written. */
	for (p = strchr(v->s, '{'); p; p = strchr(p + 1, '{')) {
		for (q = p + 1; (*q >= 'a' && *q <= 'z') || (*q >= '0' &&
		    *q <= '9') || *q == '-' || *q == '_' || *q == '.'; q++)
			;
		if (*q == '}' && q > p + 1) {
			struct span sp = v->type == VAL_TEXT ?
			    text_span(v, (size_t)(p - v->s), (size_t)(q + 1 - p)) :
			    span_at(v->span.file, v->span.off + 1 +
			    (size_t)(p - v->s), v->span.off + 2 + (size_t)(q - v->s));

			diag(&sp, M_E_PLACEHOLDER_PLAIN, (int)(q + 1 - p), p,
			    n->keyword);
			return NULL;
		}
	}
	return v->s;
}

/* Whether the printed text t of value i of n, in quotes, starts or
 * ends with a space, which would print as a gap ("Jan Janssens ,
 * Coördinator", "aan  de zorgraad"); reports it. */
static int
spaced(const struct ast_node *n, size_t i, const char *t)
{
	size_t len = strlen(t), from = strspn(t, " ");
	char *trimmed;

	if (n->vals[i].type != VAL_STRING || (t[0] != ' ' && t[len - 1] != ' '))
		return 0;
	while (len > from && t[len - 1] == ' ')
		len--;
	trimmed = xstrndup(t + from, len - from);
	diag(&n->vals[i].span, M_E_SENTENCE, n->keyword, "has a space at "
	    "its start or end, which would print as a gap; leave it out",
	    trimmed);
	free(trimmed);
	return 1;
}

/* The value at i as text that is not empty (it is printed), or NULL. */
static const char *
val_text(const struct ast_node *n, size_t i)
{
	const char *t = text_value(n, i);

	if (t && t[strspn(t, " \n")] == '\0') {
		diag(&n->vals[i].span, M_E_ARGS, n->keyword, "has an empty "
		    "text; write the text between the quotes");
		return NULL;
	}
	return t && spaced(n, i, t) ? NULL : t;
}

/* The value at i as prose: text whose placeholders are filled in. */
static const char *
val_prose(const struct ast_node *n, size_t i)
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
	const char *t = text_value(n, i);

	if (t && t[strspn(t, " \n")] == '\0') {
		diag(&n->vals[i].span, M_E_ARGS, n->keyword, "has an empty "
		    "title; write the title between the quotes");
		return NULL;
	}
	return t && spaced(n, i, t) ? NULL : t;
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

/* Reports the value v that parse_date() refused as a date: why the
 * date does not exist when it is written YYYY-MM-DD. */
static void
bad_date(const struct ast_value *v)
{
	const char *s = v->s;
	struct buf b = {0};
	int y, mo, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' &&
		    s[i] <= '9'))
			break;
	if (i < 10 || s[10] != '\0' || !parse_int((char[]){s[0], s[1], s[2],
	    s[3], 0}, 1900, 2999, &y)) {
		diag(&v->span, M_E_BAD_DATE, s);
		return;
	}
	mo = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (mo < 1 || mo > 12)
		buf_puts(&b, "a year has the months 01 to 12");
	else if (d == 0)
		buf_puts(&b, "the days of a month are counted from 01");
	else
		buf_printf(&b, "%s %d has %d days", nl_month(mo), y,
		    date_days_in_month(y, mo));
	diag(&v->span, M_E_NO_SUCH_DATE, s, b.data);
	buf_free(&b);
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
		if (n->include) {
			each_top(m, n->include, fn);
			continue;
		}
		if (!top_is(n, K_INCLUDE))
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
	model_add(m, e);
	return e;
}

/* The identifier of a declaration (its first value), or NULL. */
static const char *
decl_id(const struct ast_node *n)
{
	if (n->nvals == 0 || n->vals[0].type != VAL_WORD)
		return NULL;
	return is_id(n->vals[0].s) ? n->vals[0].s : NULL;
}

/* A declaration refused for a name in capitals ("Aalst"): its
 * references in lower case would only repeat the one error. */
static void
broken_lower(struct model *m, const struct ast_node *n)
{
	char *id;
	size_t i;

	if (n->nvals == 0 || n->vals[0].type != VAL_WORD)
		return;
	id = xstrdup(n->vals[0].s);
	for (i = 0; id[i]; i++)
		if (id[i] >= 'A' && id[i] <= 'Z')
			id[i] = (char)(id[i] - 'A' + 'a');
	if (!is_id(id) || model_find(m, id) || nameidx_get(&m->broken, id,
	    &i)) {
		free(id);
		return;
	}
	m->broken_names = xgrow(m->broken_names, m->nbroken_names,
	    sizeof(*m->broken_names));
	m->broken_names[m->nbroken_names++] = id;
	nameidx_put(&m->broken, id, 0);
}

/*
 * Pass 1: every declaration gets its entity, so that references may
 * point forward. Statements with a malformed head are reported here.
 */
static void
declare(struct model *m, const struct ast_node *n)
{
	const struct keyword *k = keyword_at(n, CTX_TOP);
	const char *id;
	void *e;
	size_t i;

	if (k == NULL || k->id == K_DOCUMENT || k->id == K_PART)
		return;
	/* An event with a block is reported by define(). A refused
	 * declaration's name is remembered: its references would only
	 * repeat the one error. */
	if ((k->id == K_EVENT ? !shape(n, k->min, k->max, BLOCK_OPTIONAL,
	    k->usage) : !shape_of(n, k)) || (id = val_id(n, 0)) == NULL ||
	    (k->max == 2 && !val_text(n, 1))) {
		if ((id = decl_id(n)) != NULL && model_find(m, id) == NULL &&
		    !nameidx_get(&m->broken, id, &i))
			nameidx_put(&m->broken, id, 0);
		else if (id == NULL)
			broken_lower(m, n);
		/* The person refused may be a missing official. */
		if (k->id == K_PERSON)
			m->unresolved_people = 1;
		return;
	}
	switch (k->id) {
	case K_DEADLINE:
		entity_new(m, sizeof(struct deadline), ENT_DEADLINE, id, n,
		    &n->vals[0]);
		break;
	case K_FORM:
		entity_new(m, sizeof(struct form), ENT_FORM, id, n, &n->vals[0]);
		break;
	case K_PERSON:
		if ((e = entity_new(m, sizeof(struct person), ENT_PERSON, id, n,
		    &n->vals[0])) != NULL)
			((struct person *)e)->name = n->vals[1].s;
		break;
	case K_BODY:
		if ((e = entity_new(m, sizeof(struct body), ENT_BODY, id, n,
		    &n->vals[0])) != NULL)
			((struct body *)e)->name = n->vals[1].s;
		break;
	case K_EVENT:
		if ((e = entity_new(m, sizeof(struct event), ENT_EVENT, id, n,
		    &n->vals[0])) != NULL)
			((struct event *)e)->text = n->vals[1].s;
		break;
	case K_COUNCIL:
	case K_MUNICIPALITY:
	case K_PARTNER: {
		struct party *p = entity_new(m, sizeof(*p), ENT_PARTY, id, n,
		    &n->vals[0]);

		if (p == NULL)
			break;
		p->kind = k->id == K_COUNCIL ? PARTY_COUNCIL :
		    k->id == K_MUNICIPALITY ? PARTY_MUNICIPALITY : PARTY_PARTNER;
		p->name = n->vals[1].s;
		if (p->kind == PARTY_MUNICIPALITY)
			m->nmunicipalities++;
		break;
	}
	default:
		break;
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
		size_t at;

		/* Its declaration was refused, and said so. */
		if (nameidx_get(&m->broken, v->s, &at))
			return NULL;
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
	if (e == &m->group->e && m->nmunicipalities == 0) {
		diag(&v->span, M_E_NO_MUNICIPALITIES,
		    "'municipalities' stands for");
		return NULL;
	}
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
field_once(const struct ast_node *n, const struct keyword *k,
    const void *already)
{
	if (already) {
		diag(&n->span, M_E_REPEATED, n->keyword);
		return 0;
	}
	return shape_of(n, k);
}

/* Whether a text that stands in the run of a sentence (how prose
 * calls a party, an event, who a deadline is delivered by or to)
 * starts with a capital article ("De zorgraad"), which is wrong in the
 * middle of a sentence; reports it. A sentence that starts with it
 * gets its capital. */
static int
capital_article(const struct ast_value *v)
{
	static const char *const articles[] = {"De ", "Het ", "Een ", "Den "};
	size_t i;

	for (i = 0; i < NELEM(articles); i++)
		if (strncmp(v->s, articles[i], strlen(articles[i])) == 0) {
			diag(&v->span, M_E_BAD_VALUE, v->s,
			    "name in a sentence", "write it as it reads in the "
			    "middle of one, in lower case: afc writes the "
			    "capital where a sentence starts with it");
			return 1;
		}
	return 0;
}

/* Whether s ends with a full stop that ends a sentence ("De
 * accenten."): after a word of more than five letters with no other
 * full stop, not an abbreviation ("enz.", "e.a.", "Coörd."). */
static int
full_stop(const char *s)
{
	size_t n = strlen(s), letters = 0;
	const char *p;

	if (n == 0 || s[n - 1] != '.')
		return 0;
	for (p = s + n - 1; p > s && p[-1] != ' '; p--) {
		if (p[-1] == '.')
			return 0;
		letters += ((unsigned char)p[-1] & 0xc0) != 0x80;
	}
	return letters > 5;
}

/* Whether the text of value v of statement c, which afc prints in the
 * run of a sentence or a list (a function, how prose calls a party, an
 * event), ends with a full stop; reports it. */
static int
stop_in_sentence(const struct ast_node *c, const struct ast_value *v)
{
	char *t;

	if (!full_stop(v->s))
		return 0;
	t = xstrndup(v->s, strlen(v->s) - 1);
	diag(&v->span, M_E_SENTENCE, c->keyword, "ends with a full stop, but "
	    "afc prints it in the run of a sentence or a list; leave it out",
	    t);
	free(t);
	return 1;
}

/* Whether the text of field c, which afc prints in the run of a
 * deadline's sentence, starts with a capitalised word ("Aangeleverd",
 * not "OCMW"); reports it with the text in lower case. */
static int
capital_word(const struct ast_node *c)
{
	const unsigned char *s = (const unsigned char *)c->vals[0].s;
	struct buf b = {0};
	int n;

	if ((n = nl_letter(s, 0)) == 0 || nl_letter(s + n, 1) == 0)
		return 0;
	buf_puts(&b, c->vals[0].s);
	nl_set_case(&b, 0, 0);
	diag(&c->vals[0].span, M_E_SENTENCE, c->keyword, "starts with a "
	    "capital, but it stands in the middle of the deadline's "
	    "sentence; write it in lower case", b.data);
	buf_free(&b);
	return 1;
}

/* Whether the text of field c starts with the word that afc writes
 * before it (word, followed by a space, in any case): "door de
 * coördinator" would print "door door de coördinator". */
static int
doubled_word(const struct ast_node *c, const char *word, const char *why)
{
	const char *s = c->vals[0].s;
	size_t n = strlen(word);
	struct buf b = {0};

	if (strncasecmp(s, word, n) != 0 || s[n] != ' ')
		return 0;
	buf_printf(&b, "starts with '%.*s', which afc writes %s; leave it "
	    "out", (int)n, s, why);
	diag(&c->vals[0].span, M_E_SENTENCE, c->keyword, b.data,
	    s + n + strspn(s + n, " "));
	buf_free(&b);
	return 1;
}

static void
check_party(const struct ast_node *n, struct party *p)
{
	static const char *const none[] = {"none", NULL};
	const struct ast_node *c;
	const struct keyword *k;

	/* A place name is written with a capital; "aalst" would print
	 * so in every list. */
	if (p->kind == PARTY_MUNICIPALITY && p->name[0] >= 'a' &&
	    p->name[0] <= 'z') {
		struct buf b = {0};

		buf_puts(&b, "a municipality's name is written with a capital: ");
		buf_puts(&b, p->name);
		nl_set_case(&b, b.len - strlen(p->name), 1);
		diag(&n->vals[1].span, M_E_BAD_VALUE, p->name, "name", b.data);
		buf_free(&b);
	}

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || (k = keyword_at(c, CTX_PARTY)) == NULL)
			continue;
		switch (k->id) {
		case K_CALLED:
			if (field_once(c, k, p->called) && val_text(c, 0) &&
			    !capital_article(&c->vals[0]) &&
			    !stop_in_sentence(c, &c->vals[0]))
				p->called = c->vals[0].s;
			break;
		case K_PARTY_INVITEES:
			if (p->kind != PARTY_MUNICIPALITY)
				diag(&c->span, M_E_NOT_HERE, "invitees",
				    "here: only a municipality has invitees");
			else if (shape_of(c, k) && val_choice(c, 0, none,
			    "value for invitees") == 0)
				p->invitees_none = 1;
			break;
		default:
			break;
		}
	}
}

/* of = "of" PARTY | "of" MUNICIPALITY { MUNICIPALITY }: a person of
 * one party, or who serves several municipalities, each once. */
static void
check_of(struct model *m, const struct ast_node *c, struct person *p)
{
	struct party *q;
	size_t i, j;

	p->ofs = xcalloc(c->nvals + 1, sizeof(*p->ofs));
	for (i = 0; i < c->nvals; i++) {
		q = resolve_party(m, c, i, c->nvals > 1 ? PARTY_MUNICIPALITY :
		    -1, c->nvals > 1 ? "municipality" : "party");
		if (q == NULL) {
			m->unresolved_people = 1;
			continue;
		}
		if (q->kind == PARTY_GROUP) {
			diag(&c->vals[i].span, M_E_NOT_HERE, "municipalities",
			    "as a person's party: name the municipalities "
			    "the person serves");
			m->unresolved_people = 1;
			continue;
		}
		for (j = 0; j < p->nof && p->ofs[j] != q; j++)
			;
		if (j < p->nof) {
			diag(&c->vals[i].span, M_E_REPEATED, c->vals[i].s);
			continue;
		}
		p->ofs[p->nof++] = q;
	}
}

static void
check_person(struct model *m, const struct ast_node *n, struct person *p)
{
	static const char *const roles[] = {"none", "responsible", "expert",
	    "invitee", NULL};
	const struct ast_node *c, *of = NULL, *role = NULL;
	const struct keyword *k;
	size_t i;
	int r;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || (k = keyword_at(c, CTX_PERSON)) == NULL)
			continue;
		switch (k->id) {
		case K_OF:
			if (field_once(c, k, of))
				check_of(m, c, p);
			of = c;
			break;
		case K_FUNCTION:
			if (field_once(c, k, p->function) && val_text(c, 0) &&
			    !stop_in_sentence(c, &c->vals[0]))
				p->function = c->vals[0].s;
			break;
		case K_ROLE:
			if (role) {
				diag(&c->span, M_E_REPEATED, c->keyword);
				break;
			}
			role = c;
			if (shape_of(c, k) &&
			    (r = val_choice(c, 0, roles, "role")) >= 0)
				p->role = (enum role)r;
			break;
		default:
			break;
		}
	}
	if (of == NULL && !n->bad)
		diag(&n->span, M_E_MISSING, "this person", "of");
	if (of == NULL)
		m->unresolved_people = 1;
	for (i = 0; i < p->nof; i++)
		if ((p->role == ROLE_RESPONSIBLE || p->role == ROLE_INVITEE) &&
		    p->ofs[i]->kind != PARTY_MUNICIPALITY) {
			diag(&role->vals[0].span, M_E_NOT_HERE, roles[p->role],
			    "for a person of a party that is not a "
			    "municipality");
			break;
		}
	for (i = 0; i < p->nof; i++) {
		struct party *q = p->ofs[i];

		q->people = xgrow(q->people, q->npeople, sizeof(*q->people));
		q->people[q->npeople++] = p;
	}
	p->of = p->nof ? p->ofs[0] : NULL;
}

static int
parse_unit(const char *s, enum time_unit *u, int plural_ok)
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
			*u = (enum time_unit)k;
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

/* Whether the value i of list statement c names what an earlier value
 * of the list (or of an earlier line of it, in seen) did; reports it.
 * A name listed twice would be printed twice. */
static int
listed_twice(const struct ast_node *c, size_t i, const char *id,
    struct nameidx *seen)
{
	size_t at;

	if (nameidx_get(seen, id, &at)) {
		diag(&c->vals[i].span, M_E_REPEATED, c->vals[i].s);
		return 1;
	}
	nameidx_put(seen, id, i);
	return 0;
}

/* A body's members: parties, or municipalities for all of them, each
 * once; a municipality with municipalities would be a member twice. */
static void
body_member(struct model *m, const struct ast_node *c, size_t i,
    struct body *b, struct nameidx *seen)
{
	struct party *p = resolve_party(m, c, i, -1, "party");
	size_t j;

	if (p == NULL || listed_twice(c, i, p->e.id, seen))
		return;
	for (j = 0; j < b->nmembers; j++)
		if ((p->kind == PARTY_GROUP &&
		    b->members[j]->kind == PARTY_MUNICIPALITY) ||
		    (p->kind == PARTY_MUNICIPALITY &&
		    b->members[j]->kind == PARTY_GROUP)) {
			diag(&c->vals[i].span, M_E_NOT_HERE, c->vals[i].s,
			    "with both municipalities and one of them: "
			    "municipalities names each municipality already");
			return;
		}
	b->members = xgrow(b->members, b->nmembers, sizeof(*b->members));
	b->members[b->nmembers++] = p;
}

static void
check_body(struct model *m, const struct ast_node *n, struct body *b)
{
	const struct ast_node *c;
	const struct keyword *k;
	struct nameidx members = {0}, guests = {0};
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || (k = keyword_at(c, CTX_BODY)) == NULL)
			continue;
		switch (k->id) {
		case K_MEMBERS:
			if (!shape_of(c, k))
				break;
			for (i = 0; i < c->nvals; i++)
				body_member(m, c, i, b, &members);
			break;
		case K_MEETS:
			if (b->has_meets)
				diag(&c->span, M_E_REPEATED, c->keyword);
			else
				b->has_meets = parse_frequency(c, &b->meets);
			break;
		case K_YEARLY:
			if (field_once(c, k, b->yearly) && val_text(c, 0) &&
			    !capital_article(&c->vals[0]) &&
			    !stop_in_sentence(c, &c->vals[0]))
				b->yearly = c->vals[0].s;
			break;
		case K_GUESTS:
			if (!shape_of(c, k))
				break;
			for (i = 0; i < c->nvals; i++) {
				struct person *p = (struct person *)resolve(m,
				    c, i, ENT_PERSON, "person");

				if (!p || listed_twice(c, i, p->e.id, &guests))
					continue;
				b->guests = xgrow(b->guests, b->nguests,
				    sizeof(*b->guests));
				b->guests[b->nguests++] = p;
			}
			break;
		default:
			break;
		}
	}
	nameidx_free(&members);
	nameidx_free(&guests);
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
		d->text = val_text(n, 0);
		if (d->text && capital_word(n))
			d->text = NULL;
		return d->text != NULL;
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
		bad_date(&v[1]);
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
		    y2 * 12 + d->month2 < d->year * 12 + d->month)) {
			diag(&v[2].span, M_E_BAD_VALUE, v[2].s, "second month",
			    "the range ends with the same or a later month, as "
			    "in: due in 2025-01 2025-03 or due in 2025-11 "
			    "2026-02");
			return 0;
		}
		d->year2 = nv == 3 ? y2 : d->year;
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

/* Whether the text of a deadline's field c, which afc prints in the
 * run of the deadline's sentence, repeats a word afc writes around it
 * or starts with a capital in the middle of the sentence; reports it. */
static int
sentence_field(const struct ast_node *c, enum kw id)
{
	switch (id) {
	case K_ACTION:
		return capital_word(c) ||
		    doubled_word(c, "worden", "after the subject") ||
		    doubled_word(c, "wordt", "after the subject");
	case K_BY:
		return doubled_word(c, "door", "before it") ||
		    capital_article(&c->vals[0]);
	case K_AUDIENCE:
		return doubled_word(c, "aan", "before it") ||
		    capital_article(&c->vals[0]);
	default:
		return 0;
	}
}

/* Whether the subject of a deadline ends as a sentence would ("De
 * accenten.") or with the verb afc writes after it ("De accenten
 * worden"); reports it. */
static int
what_ends_wrong(const struct ast_node *c)
{
	const char *s = c->vals[0].s;
	size_t n = strlen(s), k;
	static const char *const verbs[] = {" worden", " wordt"};
	struct buf b = {0};
	int bad = 0;

	if (full_stop(s)) {
		buf_add(&b, s, n - 1);
		diag(&c->vals[0].span, M_E_SENTENCE, c->keyword, "ends with a "
		    "full stop, but the deadline's sentence goes on after it; "
		    "leave it out", b.data);
		bad = 1;
	}
	for (k = 0; !bad && k < NELEM(verbs); k++)
		if (n > strlen(verbs[k]) && strncasecmp(s + n -
		    strlen(verbs[k]), verbs[k], strlen(verbs[k])) == 0) {
			buf_add(&b, s, n - strlen(verbs[k]));
			diag(&c->vals[0].span, M_E_SENTENCE, c->keyword,
			    "ends with the verb, which afc writes after it "
			    "('worden', or 'wordt' after singular); leave it "
			    "out", b.data);
			bad = 1;
		}
	buf_free(&b);
	return bad;
}

/* what = "what" TEXT [ "singular" ]: a singular subject "wordt" delivered. */
static void
check_what(const struct ast_node *c, const struct keyword *k,
    struct deadline *dl)
{
	static const char *const singular[] = {"singular", NULL};

	if (dl->what) {
		diag(&c->span, M_E_REPEATED, c->keyword);
		return;
	}
	if (!shape_of(c, k) || !val_text(c, 0) || what_ends_wrong(c))
		return;
	dl->what = c->vals[0].s;
	dl->singular = c->nvals == 2 &&
	    val_choice(c, 1, singular, "word after what") == 0;
}

static void
check_deadline(struct model *m, const struct ast_node *n, struct deadline *dl)
{
	const struct ast_node *c, *how = NULL, *to = NULL;
	const struct keyword *k;
	int has_due = 0, h;
	const char **textfield;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT ||
		    (k = keyword_at(c, CTX_DEADLINE)) == NULL)
			continue;
		switch (k->id) {
		case K_ACTION:
		case K_BY:
		case K_AUDIENCE:
			textfield = k->id == K_ACTION ? &dl->action :
			    k->id == K_BY ? &dl->by : &dl->audience;
			if (field_once(c, k, *textfield) && val_text(c, 0) &&
			    !sentence_field(c, k->id))
				*textfield = c->vals[0].s;
			break;
		case K_WHAT:
			check_what(c, k, dl);
			break;
		case K_DUE:
			dl->due_at = dl->due_at ? dl->due_at : c;
			if (has_due++)
				diag(&c->span, M_E_REPEATED, c->keyword);
			else if (!parse_due(m, c, &dl->due)) {
				/* Nothing of a refused due is used. */
				memset(&dl->due, 0, sizeof(dl->due));
				has_due = -1;
			}
			break;
		case K_FROM:
			if (field_once(c, k, dl->from))
				dl->from = resolve_party(m, c, 0, -1, "party");
			break;
		case K_TO:
			if (field_once(c, k, dl->to))
				dl->to = resolve_party(m, c, 0, -1, "party");
			to = c;
			break;
		case K_HOW:
			if (how) {
				diag(&c->span, M_E_REPEATED, c->keyword);
				break;
			}
			how = c;
			if (shape_of(c, k) &&
			    (h = val_choice(c, 0, how_names + 1, "way")) >= 0)
				dl->how = (enum how)(h + 1);
			break;
		default:
			break;
		}
	}
	if (dl->to && dl->to == dl->from) {
		diag(&to->vals[0].span, M_E_NOT_HERE, to->vals[0].s,
		    "as both from and to: a deadline is delivered from one "
		    "party to another");
		dl->to = NULL;
	}
	/* A field that was given and refused is not missing as well. */
	if (dl->what == NULL && !has_stmt(n, CTX_DEADLINE, K_WHAT))
		diag(&n->span, M_E_MISSING, "this deadline", "what");
	if (dl->action == NULL && !has_stmt(n, CTX_DEADLINE, K_ACTION))
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
	unsigned errors;

	if (id == NULL || (e = model_find(m, id)) == NULL || e->decl != n)
		return;
	errors = diag_count(n->span.file->dg, DIAG_ERROR);
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
		if (!capital_article(&n->vals[1]))
			stop_in_sentence(n, &n->vals[1]);
		break;
	case ENT_FORM:
	case ENT_ZONE:
		break;
	}
	if (diag_count(n->span.file->dg, DIAG_ERROR) != errors)
		e->bad = 1;
}

/* question = "question" ID TEXT [ "optional" ] */
static void
form_question(const struct ast_node *n, const struct keyword *k,
    struct fquestion **qs, size_t *nq, struct nameidx *ix)
{
	struct fquestion *q;
	const char *id;
	size_t i;

	if (!shape_of(n, k) || !(id = val_id(n, 0)) || !val_prose(n, 1))
		return;
	if (nameidx_get(ix, id, &i)) {
		diag(&n->vals[0].span, M_E_DUPLICATE, id);
		return;
	}
	nameidx_put(ix, id, *nq);
	*qs = xgrow(*qs, *nq, sizeof(**qs));
	q = &(*qs)[(*nq)++];
	memset(q, 0, sizeof(*q));
	q->id = id;
	q->src = &n->vals[1];
	q->node = n;
	if (n->nvals == 3) {
		static const char *const opt[] = {"optional", NULL};

		q->optional = val_choice(n, 2, opt, "flag") == 0;
	}
}

static void
form_section(const struct ast_node *n, const struct keyword *k,
    struct fpart *p)
{
	struct fsection *s;
	const struct ast_node *c;
	const char *id;

	if (!shape_of(n, k) || !(id = val_id(n, 0)) || !val_title(n, 1))
		return;
	if (fpart_section(p, id) != NULL) {
		diag(&n->vals[0].span, M_E_DUPLICATE, id);
		return;
	}
	nameidx_put(&p->sidx, id, p->nsections);
	p->sections = xgrow(p->sections, p->nsections, sizeof(*s));
	s = &p->sections[p->nsections++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->title = n->vals[1].s;
	s->node = n;
	if (n->nvals == 3) {
		static const char *const opt[] = {"optional", NULL};

		s->optional = val_choice(n, 2, opt, "flag") == 0;
	}
	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT &&
		    (k = keyword_at(c, CTX_FSECTION)) != NULL)
			form_question(c, k, &s->questions, &s->nquestions,
			    &s->qidx);
}

static void
form_part(const struct ast_node *n, const struct keyword *k, struct form *f)
{
	static const char *const layouts[] = {"both", "sections", "questions",
	    NULL};
	struct fpart *p;
	const struct ast_node *c;
	const char *id;
	size_t i;
	int l;

	if (!shape_of(n, k) || !(id = val_id(n, 0)) || !val_title(n, 1))
		return;
	if (nameidx_get(&f->pidx, id, &i)) {
		diag(&n->vals[0].span, M_E_DUPLICATE, id);
		return;
	}
	nameidx_put(&f->pidx, id, f->nparts);
	f->parts = xgrow(f->parts, f->nparts, sizeof(*p));
	p = &f->parts[f->nparts++];
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->title = n->vals[1].s;
	p->node = n;
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || (k = keyword_at(c, CTX_FPART)) == NULL)
			continue;
		switch (k->id) {
		case K_NUMBERED:
			if (shape_of(c, k))
				p->numbered = 1;
			break;
		case K_FORM_TEXT:
			if (!shape_of(c, k))
				break;
			l = c->nvals == 2 ? val_choice(c, 0, layouts, "layout") : 0;
			if (l < 0 || !val_prose(c, c->nvals - 1))
				break;
			p->texts = xgrow(p->texts, p->ntexts, sizeof(*p->texts));
			memset(&p->texts[p->ntexts], 0, sizeof(*p->texts));
			p->texts[p->ntexts].src = &c->vals[c->nvals - 1];
			p->texts[p->ntexts++].layout = l;
			break;
		case K_FORM_SECTION:
			form_section(c, k, p);
			break;
		case K_QUESTION:
			form_question(c, k, &p->questions, &p->nquestions,
			    &p->qidx);
			break;
		default:
			break;
		}
	}
}

static void
check_letterhead(const struct ast_node *n, struct form *f)
{
	const struct ast_node *c;
	const struct keyword *k;
	const char **field;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT ||
		    (k = keyword_at(c, CTX_LETTERHEAD)) == NULL)
			continue;
		field = k->id == K_DEPARTMENT ? &f->department :
		    k->id == K_PHONE ? &f->phone : &f->email;
		if (field_once(c, k, *field) && val_text(c, 0))
			*field = c->vals[0].s;
	}
}

static void
check_form(struct model *m, const struct ast_node *n)
{
	const struct ast_node *c;
	const struct keyword *k;
	struct form *f;

	if (!top_is(n, K_FORM) || decl_id(n) == NULL)
		return;
	f = (struct form *)model_find(m, decl_id(n));
	if (f == NULL || f->e.decl != n)
		return;
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || (k = keyword_at(c, CTX_FORM)) == NULL)
			continue;
		switch (k->id) {
		case K_TITLE:
			if (field_once(c, k, f->title) && val_text(c, 0))
				f->title = c->vals[0].s;
			break;
		case K_FORM_YEAR:
			if (!field_once(c, k, f->yearnode))
				break;
			f->yearnode = c;
			if (c->vals[0].type != VAL_WORD ||
			    strlen(c->vals[0].s) != 4 ||
			    !parse_int(c->vals[0].s, 1900, 2999, &f->year))
				diag(&c->vals[0].span, M_E_BAD_VALUE,
				    c->vals[0].s, "year", "write the year "
				    "with four digits, as in: year 2025");
			break;
		case K_FORM_LETTERHEAD:
			if (shape_of(c, k))
				check_letterhead(c, f);
			break;
		case K_FORM_PART:
			form_part(c, k, f);
			break;
		default:
			break;
		}
	}
	if (f->title == NULL && !has_stmt(n, CTX_FORM, K_TITLE))
		diag(&n->span, M_E_MISSING, "this form", "title");
}

/* ---- the document block ---- */


/* dates = "dates" "{" { EVENT DATE } "}": when the events happened. */
static void
check_dates(struct model *m, const struct ast_node *n)
{
	const struct ast_node *c;
	struct entity *e;
	struct event *ev;
	const char *near;
	int y, mo, d;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if ((e = model_find(m, c->keyword)) == NULL ||
		    e->kind != ENT_EVENT) {
			diag(&c->span, M_E_UNKNOWN_REF, "event", c->keyword);
			if (!diag_dropping(&c->span, DIAG_NOTE) &&
			    (near = model_suggest(m, c->keyword, ENT_EVENT)) != NULL)
				diag(&c->span, M_NOTE_DIDYOUMEAN, near);
			continue;
		}
		ev = (struct event *)e;
		if (c->nvals != 1 || c->has_block) {
			diag(&c->span, M_E_ARGS, c->keyword, "needs the date "
			    "the event happened, as in: council-approval "
			    "2025-03-24");
			continue;
		}
		if (!parse_date(c->vals[0].s, &y, &mo, &d, 3)) {
			bad_date(&c->vals[0]);
			continue;
		}
		if (ev->dated) {
			diag(&c->span, M_E_REPEATED, c->keyword);
			diag(&ev->dated->span, M_NOTE_FREE,
			    "its first date is here");
			continue;
		}
		ev->year = y, ev->month = mo, ev->day = d;
		ev->dated = c;
		e->used = 1;
	}
}

/* Whether an include in the file n or in those it includes failed:
 * it read no file, and is not a second include of one that did. */
static int
include_failed(const struct ast_node *file)
{
	const struct ast_node *n, *o;

	for (n = file->first; n; n = n->next) {
		if (n->type != AST_STMT || !top_is(n, K_INCLUDE))
			continue;
		if (n->include) {
			if (include_failed(n->include))
				return 1;
			continue;
		}
		for (o = file->first; o; o = o->next)
			if (o->include && o->nvals == 1 && n->nvals == 1 &&
			    strcmp(o->vals[0].s, n->vals[0].s) == 0)
				break;
		if (o == NULL)
			return 1;
	}
	return 0;
}

/* Whether year y, written in v, is far from the year of the form f,
 * which a zone answers in its year or the next: more than a year before
 * it (when before counts) or more than ten after it, beyond any
 * multi-year plan the form asks about (2026-2031 for the form of 2025).
 * A year typed wrong ("2052" for "2025") would print a wrong date, or
 * date every deadline after it wrongly; reports it. */
static int
year_far(const struct form *f, const struct ast_value *v, int y, int before)
{
	if (f == NULL || f->year == 0)
		return 0;
	if (before && y < f->year - 1) {
		diag(&v->span, M_E_DATE_BEFORE_FORM, v->s, f->e.id, f->year);
		return 1;
	}
	if (y > f->year + 10) {
		diag(&v->span, M_E_DATE_AFTER_FORM, v->s, f->e.id, f->year);
		return 1;
	}
	return 0;
}

/* An event dated more than a year before the year of the form: a
 * typing error in the year, which would date every deadline after it
 * wrongly. The year before is allowed: a form's events may precede it
 * (the local elections of 2024 for the form of 2025). */
static void
check_dates_year(const struct model *m, const struct form *f)
{
	const struct event *ev;
	size_t i;

	for (i = 0; i < m->nents; i++) {
		if (m->ents[i]->kind != ENT_EVENT)
			continue;
		ev = (const struct event *)m->ents[i];
		if (ev->dated)
			year_far(f, &ev->dated->vals[0], ev->year, 1);
	}
}

static void
doc_field(struct model *m, const struct ast_node *c,
    const struct ast_node **seen)
{
	static const char *const layouts[] = {"sections", "questions", NULL};
	static const char *const numberings[] = {"deel", "plain", "none", NULL};
	static const char *const statuses[] = {"approved", "draft", NULL};
	static const char *const none[] = {"none", NULL};
	static const char *const shown[] = {"shown", "hidden", NULL};
	const struct keyword *k = keyword_at(c, CTX_DOCUMENT);
	struct docinfo *d = &m->doc;
	const char **tf = NULL;
	size_t i;
	int v;

	if (k == NULL)
		return;
	/* A choice given twice would be decided silently by the last. */
	if (k->id == K_LAYOUT || k->id == K_NUMBERING || k->id == K_STATUS ||
	    k->id == K_DATE || k->id == K_DOC_LETTERHEAD ||
	    k->id == K_DUE_DATES) {
		if (seen[k->id]) {
			diag(&c->span, M_E_REPEATED, c->keyword);
			return;
		}
		seen[k->id] = c;
	}
	switch (k->id) {
	case K_TITLE:
		tf = &d->title;
		break;
	case K_SUBTITLE:
		tf = &d->subtitle;
		break;
	case K_ZONE:
		tf = &d->zone;
		break;
	case K_VERSION:
		tf = &d->version;
		break;
	case K_SUBJECT:
		tf = &d->subject;
		break;
	case K_DOC_FORM:
		/* The form of an include that failed is not known: that was
		 * said. */
		if (field_once(c, k, d->form) && !(c->nvals == 1 &&
		    model_find(m, c->vals[0].s) == NULL &&
		    m->include_failed))
			d->form = (struct form *)resolve(m, c, 0, ENT_FORM, "form");
		break;
	case K_DOC_COUNCIL:
		if (field_once(c, k, d->council))
			d->council = resolve_party(m, c, 0, PARTY_COUNCIL,
			    "council");
		break;
	case K_LAYOUT:
		if (shape_of(c, k) && (v = val_choice(c, 0, layouts, "layout")) >= 0)
			d->layout = v == 0 ? LAYOUT_SECTIONS : LAYOUT_QUESTIONS;
		break;
	case K_NUMBERING:
		if (shape_of(c, k) &&
		    (v = val_choice(c, 0, numberings, "numbering")) >= 0)
			d->numbering = (enum numbering)v;
		break;
	case K_STATUS:
		if (shape_of(c, k) && (v = val_choice(c, 0, statuses, "status")) >= 0)
			d->draft = v == 1;
		break;
	case K_DATE:
		if (shape_of(c, k) &&
		    !parse_date(c->vals[0].s, &d->year, &d->month, &d->day, 3))
			bad_date(&c->vals[0]);
		break;
	case K_KEYWORDS:
		for (i = 0; i < c->nvals; i++)
			if (val_text(c, i))
				buf_printf(&d->keywords, "%s%s",
				    d->keywords.len ? ", " : "", c->vals[i].s);
		break;
	case K_DATES:
		if (shape_of(c, k))
			check_dates(m, c);
		break;
	case K_DOC_LETTERHEAD:
		if (shape_of(c, k) &&
		    val_choice(c, 0, none, "value for letterhead") == 0)
			d->letterhead = 0;
		break;
	case K_DUE_DATES:
		if (shape_of(c, k) &&
		    (v = val_choice(c, 0, shown, "value for due-dates")) >= 0)
			d->due_dates = v == 0;
		break;
	default:
		break;
	}
	/* "Versie" is printed before the version already. */
	if (k->id == K_VERSION && c->nvals == 1 &&
	    (strncasecmp(c->vals[0].s, "versie", 6) == 0 ||
	    ((c->vals[0].s[0] == 'v' || c->vals[0].s[0] == 'V') &&
	    c->vals[0].s[1] >= '0' && c->vals[0].s[1] <= '9'))) {
		diag(&c->vals[0].span, M_E_BAD_VALUE, c->vals[0].s, "version",
		    "write the number alone, as in: version \"1.0\"; the "
		    "title block prints 'Versie' before it");
		return;
	}
	if (tf && field_once(c, k, *tf) && val_text(c, 0))
		*tf = c->vals[0].s;
}

static void
check_document(struct model *m, const struct ast_node *n)
{
	const struct ast_node *c, *seen[K__COUNT] = {0};
	const struct keyword *k;

	if (!top_is(n, K_DOCUMENT))
		return;
	if (m->docnode) {
		diag(&n->span, M_E_REPEATED, "document");
		diag(&m->docnode->span, M_NOTE_PREVIOUS, "document");
		return;
	}
	m->docnode = n;
	if (!shape_of(n, &lang_keywords[K_DOCUMENT]))
		return;
	m->doc.layout = LAYOUT_SECTIONS;
	m->doc.letterhead = 1;
	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT)
			doc_field(m, c, seen);
	if (m->doc.form == NULL && !has_stmt(n, CTX_DOCUMENT, K_DOC_FORM))
		diag(&n->span, M_E_MISSING, "the document", "form");
	if (m->doc.form && m->doc.form->year) {
		check_dates_year(m, m->doc.form);
		for (c = n->first; m->doc.year && c; c = c->next)
			if (c->type == AST_STMT && c->nvals == 1 &&
			    (k = lang_find(c->keyword, CTX_DOCUMENT)) != NULL &&
			    k->id == K_DATE)
				if (year_far(m->doc.form, &c->vals[0],
				    m->doc.year, 1))
					m->doc.year = 0;
	}
	if (m->doc.zone == NULL && !has_stmt(n, CTX_DOCUMENT, K_ZONE))
		diag(&n->span, M_E_MISSING, "the document", "zone");
	if (m->doc.council == NULL && !has_stmt(n, CTX_DOCUMENT, K_DOC_COUNCIL))
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

/* Checks what the parsed CommonMark of a text holds: no code, HTML or
 * images, no headings, no links but to the web and e-mail, no nesting
 * deeper than a document needs. */
static void
check_markdown(const struct ast_value *v, cmark_node *doc)
{
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
	cmark_node *n, *t, *p;

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
			p = cmark_node_new(CMARK_NODE_PARAGRAPH);
			t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, cmark_node_get_literal(n));
			cmark_node_append_child(p, t);
			cmark_node_replace(n, p);
			cmark_iter_reset(it, p, CMARK_EVENT_EXIT);
			cmark_node_free(n);
		}
	}
	cmark_iter_free(it);
}

/*
 * The text at value v: its placeholders expanded and its CommonMark
 * parsed and checked, once. Returns NULL when the text had errors (they
 * are reported), else the text, which the model owns.
 */
static struct prose *
prose_value(struct model *m, const struct ast_value *v)
{
	struct buf out = {0};
	struct prose *p;

	if (expand_text(m, v, &out) != 0) {
		buf_free(&out);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->src = v;
	p->expanded = buf_take(&out);
	p->doc = cmark_parse_document(p->expanded, strlen(p->expanded),
	    CMARK_OPT_DEFAULT);
	if (p->expanded[strspn(p->expanded, " \n")] == '\0')
		diag(&v->span, M_W_EMPTY_TEXT);
	else
		check_markdown(v, p->doc);
	defuse_html(p->doc);
	m->texts = xgrow(m->texts, m->ntexts, sizeof(*m->texts));
	m->texts[m->ntexts++] = p;
	return p;
}

/* The text at value i of n, or NULL after reporting. */
static struct prose *
prose_of(struct model *m, const struct ast_node *n, size_t i)
{
	/* The text of a statement the parser could not read is a guess. */
	if (n->bad || !val_prose(n, i))
		return NULL;
	return prose_value(m, &n->vals[i]);
}

/* The form's texts and questions, checked as the zone's are: with the
 * zone's model, whose facts their placeholders name. */
static void
check_form_prose(struct model *m, struct form *f)
{
	size_t i, j, k;

	for (i = 0; i < f->nparts; i++) {
		struct fpart *p = &f->parts[i];

		for (j = 0; j < p->ntexts; j++)
			p->texts[j].text = prose_value(m, p->texts[j].src);
		for (j = 0; j < p->nquestions; j++)
			p->questions[j].text = prose_value(m,
			    p->questions[j].src);
		for (j = 0; j < p->nsections; j++)
			for (k = 0; k < p->sections[j].nquestions; k++)
				p->sections[j].questions[k].text = prose_value(m,
				    p->sections[j].questions[k].src);
	}
}

/* ---- content ---- */

static struct content *
content_new(struct model *m, enum content_kind kind, const struct ast_node *n)
{
	struct content *c = xcalloc(1, sizeof(*c));

	c->kind = kind;
	c->node = n;
	m->contents = xgrow(m->contents, m->ncontents, sizeof(*m->contents));
	m->contents[m->ncontents++] = c;
	return c;
}

static void
append(struct content ***list, size_t *n, struct content *c)
{
	*list = xgrow(*list, *n, sizeof(**list));
	(*list)[(*n)++] = c;
}


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
check_invitees(struct model *m)
{
	size_t i;

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

/* A target group or an activity: a name, once in its list, and notes,
 * each a text. */
static void
noted(struct content *ct, const struct ast_node *c, struct nameidx *seen)
{
	struct noted *it;
	size_t i;

	for (i = 0; i < c->nvals; i++)
		if (!val_text(c, i))
			return;
	/* afc writes a note in brackets: "Jongeren (tot 25 jaar)". */
	for (i = 1; i < c->nvals; i++) {
		const char *s = c->vals[i].s;
		size_t n = strlen(s);

		if (n >= 2 && s[0] == '(' && s[n - 1] == ')' &&
		    memchr(s + 1, ')', n - 2) == NULL) {
			char *inner = xstrndup(s + 1, n - 2);

			diag(&c->vals[i].span, M_E_SENTENCE, c->keyword,
			    "has a note in brackets, which afc writes around "
			    "it; leave them out", inner);
			free(inner);
			return;
		}
	}
	if (listed_twice(c, 0, c->vals[0].s, seen))
		return;
	ct->items = xgrow(ct->items, ct->nitems, sizeof(*ct->items));
	it = &ct->items[ct->nitems++];
	memset(it, 0, sizeof(*it));
	it->name = c->vals[0].s;
	it->notes = xcalloc(c->nvals, sizeof(*it->notes));
	for (i = 1; i < c->nvals; i++)
		it->notes[it->nnotes++] = c->vals[i].s;
	it->node = c;
}

static void
check_targetgroups(struct content *ct, const struct ast_node *n)
{
	const struct ast_node *c;
	const struct keyword *k;
	struct nameidx seen = {0};

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT &&
		    (k = keyword_at(c, CTX_TARGETGROUPS)) != NULL &&
		    shape_of(c, k))
			noted(ct, c, &seen);
	nameidx_free(&seen);
	if (!has_stmt(n, CTX_TARGETGROUPS, K_GROUP))
		diag(&n->span, M_E_MISSING, "this list of target groups",
		    "group");
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
check_schedule(struct content *ct, const struct ast_node *n)
{
	const struct ast_node *c, *prev = NULL;
	const struct keyword *k;
	int from, to, prev_to = 0;
	struct focus *f;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		k = lang_find(c->keyword, CTX_SCHEDULE);
		if (ct->continues && k && k->id == K_FOCUS)
			diag(&c->span, M_E_NOT_HERE, "focus",
			    "after 'continues', which ends the schedule");
		if ((k = keyword_at(c, CTX_SCHEDULE)) == NULL)
			continue;
		if (k->id == K_CONTINUES) {
			if (ct->continues)
				diag(&c->span, M_E_REPEATED, c->keyword);
			else if (shape_of(c, k))
				ct->continues++;
			continue;
		}
		if (!shape_of(c, k) || !val_text(c, 1))
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
		/* "2024-2024" would be printed so. */
		if (to == from && strchr(c->vals[0].s, '-')) {
			struct buf b = {0};

			buf_printf(&b, "a single year is written alone: %d",
			    from);
			diag(&c->vals[0].span, M_E_BAD_VALUE, c->vals[0].s,
			    "year range", b.data);
			buf_free(&b);
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
		ct->focus = xgrow(ct->focus, ct->nfocus, sizeof(*ct->focus));
		f = &ct->focus[ct->nfocus++];
		f->from = from;
		f->to = to;
		f->years = c->vals[0].s;
		f->theme = c->vals[1].s;
		f->node = c;
	}
	if (!has_stmt(n, CTX_SCHEDULE, K_FOCUS))
		diag(&n->span, M_E_MISSING, "this schedule", "focus");
}

/* The turns name every municipality exactly once: the printed order
 * would otherwise leave one out or give one two turns. */
static void
check_turns(const struct model *m, const struct turns *t)
{
	const char **left = xcalloc(m->nmunicipalities + 1, sizeof(*left));
	struct buf b = {0};
	size_t i, j, n = 0;

	for (i = 0; i < t->nparties; i++)
		for (j = 0; j < i; j++)
			if (t->parties[j] == t->parties[i]) {
				buf_printf(&b, "'%s' has a turn twice; each "
				    "municipality takes one turn",
				    t->parties[i]->e.id);
				diag(&t->node->vals[i].span, M_E_TURNS, b.data);
				b.len = 0;
				break;
			}
	for (i = 0; i < m->nents; i++) {
		const struct party *p = (const struct party *)m->ents[i];

		if (p->e.kind != ENT_PARTY || p->kind != PARTY_MUNICIPALITY)
			continue;
		for (j = 0; j < t->nparties && t->parties[j] != p; j++)
			;
		if (j == t->nparties)
			left[n++] = p->e.id;
	}
	if (n > 0) {
		buf_puts(&b, "the turns leave out ");
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s'%s'", i == 0 ? "" : i + 1 < n ?
			    ", " : " and ", left[i]);
		buf_puts(&b, "; each municipality takes one turn");
		diag(&t->node->span, M_E_TURNS, b.data);
	}
	buf_free(&b);
	free(left);
}

static void
check_rotation(struct model *m, struct content *ct, const struct ast_node *n)
{
	const struct ast_node *c;
	const struct keyword *k;
	struct turns *t;
	struct party *p;
	struct nameidx seen = {0};
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT ||
		    (k = keyword_at(c, CTX_ROTATION)) == NULL || !shape_of(c, k))
			continue;
		if (k->id == K_ACTIVITY) {
			noted(ct, c, &seen);
			continue;
		}
		/* One order of turns: a second would contradict it. */
		if (ct->nturns) {
			diag(&c->span, M_E_REPEATED, c->keyword);
			continue;
		}
		ct->turns = xgrow(ct->turns, ct->nturns, sizeof(*ct->turns));
		t = &ct->turns[ct->nturns++];
		memset(t, 0, sizeof(*t));
		t->node = c;
		t->parties = xcalloc(c->nvals, sizeof(*t->parties));
		for (i = 0; i < c->nvals; i++)
			if ((p = resolve_party(m, c, i, PARTY_MUNICIPALITY,
			    "municipality")) != NULL)
				t->parties[t->nparties++] = p;
		if (t->nparties == c->nvals)
			check_turns(m, t);
	}
	nameidx_free(&seen);
	if (!has_stmt(n, CTX_ROTATION, K_ACTIVITY))
		diag(&n->span, M_E_MISSING, "this rotation", "activity");
}

static void check_content(struct model *m, struct content *parent,
    const struct ast_node *n, enum lang_ctx ctx);

/* One statement of content (k is a content keyword); NULL when it is
 * wrong, after reporting. */
static struct content *
content_stmt(struct model *m, const struct ast_node *c,
    const struct keyword *k)
{
	struct content *ct = NULL;

	if (!shape_of(c, k))
		return NULL;
	/* A list of the municipalities, with none, would be empty. */
	if ((k->id == K_CONTACTS || k->id == K_INVITEES) &&
	    m->nmunicipalities == 0) {
		diag(&c->span, M_E_NO_MUNICIPALITIES, k->id == K_CONTACTS ?
		    "'contacts' lists" : "'invitees' lists");
		return NULL;
	}
	switch (k->id) {
	case K_TEXT:
	case K_REMARK:
		ct = content_new(m, k->id == K_TEXT ? CONTENT_TEXT :
		    CONTENT_REMARK, c);
		ct->text = prose_of(m, c, 0);
		break;
	case K_CONTACTS:
		mark_role_used(m, ROLE_RESPONSIBLE);
		ct = content_new(m, CONTENT_CONTACTS, c);
		break;
	case K_INVITEES:
		check_invitees(m);
		ct = content_new(m, CONTENT_INVITEES, c);
		break;
	case K_DEADLINE_REF:
		ct = content_new(m, CONTENT_DEADLINE, c);
		ct->deadline = (struct deadline *)resolve(m, c, 0, ENT_DEADLINE,
		    "deadline");
		break;
	case K_TARGETGROUPS:
		ct = content_new(m, CONTENT_TARGETGROUPS, c);
		check_targetgroups(ct, c);
		break;
	case K_SCHEDULE:
		ct = content_new(m, CONTENT_SCHEDULE, c);
		check_schedule(ct, c);
		break;
	case K_ROTATION:
		ct = content_new(m, CONTENT_ROTATION, c);
		check_rotation(m, ct, c);
		break;
	case K_THEME:
		if (!val_id(c, 0) || !val_title(c, 1))
			return NULL;
		ct = content_new(m, CONTENT_THEME, c);
		ct->id = c->vals[0].s;
		ct->title = c->vals[1].s;
		check_content(m, ct, c, CTX_THEME);
		if (!has_any_stmt(c) && !c->bad)
			diag(&c->span, M_W_EMPTY_SECTION, "theme");
		break;
	default:
		break;
	}
	return ct;
}

/* The content of a theme or of an answer given as a block. */
/* The same list or deadline twice in one block (a line copied twice)
 * would be printed twice, one after the other, and two themes of one
 * heading would show it twice; reports the second. */
static void
shown_twice(struct content *const *items, size_t n)
{
	struct nameidx deadlines = {0}, themes = {0};
	const struct content *first[2] = {NULL, NULL}, *o;
	struct buf b = {0};
	size_t i, at;

	for (i = 0; i < n; i++) {
		const struct content *ct = items[i];
		int k = ct->kind == CONTENT_CONTACTS ? 0 :
		    ct->kind == CONTENT_INVITEES ? 1 : -1;

		if (ct->kind == CONTENT_THEME && ct->title &&
		    nameidx_get(&themes, ct->title, &at)) {
			diag(&ct->node->vals[1].span, M_E_SAME_TITLE, ct->id,
			    ct->title, items[at]->id, "theme");
			diag(&items[at]->node->vals[1].span, M_NOTE_FREE,
			    "its heading is here");
			continue;
		} else if (ct->kind == CONTENT_THEME && ct->title) {
			nameidx_put(&themes, ct->title, i);
			continue;
		}
		o = NULL;
		if (k >= 0 && (o = first[k]) == NULL)
			first[k] = ct;
		else if (ct->kind == CONTENT_DEADLINE && ct->deadline &&
		    !nameidx_get(&deadlines, ct->deadline->e.id, &at))
			nameidx_put(&deadlines, ct->deadline->e.id, i);
		else if (ct->kind == CONTENT_DEADLINE && ct->deadline)
			o = items[at];
		if (o == NULL)
			continue;
		b.len = 0;
		buf_puts(&b, ct->node->keyword);
		if (ct->node->nvals)
			buf_printf(&b, " %s", ct->node->vals[0].s);
		diag(&ct->node->span, M_E_REPEATED, b.data);
		diag(&o->node->span, M_NOTE_FREE, "the first is here");
	}
	nameidx_free(&deadlines);
	nameidx_free(&themes);
	buf_free(&b);
}

static void
check_content(struct model *m, struct content *parent,
    const struct ast_node *n, enum lang_ctx ctx)
{
	const struct ast_node *c;
	const struct keyword *k;
	struct content *ct;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT && (k = keyword_at(c, ctx)) != NULL &&
		    (ct = content_stmt(m, c, k)) != NULL)
			append(&parent->children, &parent->nchildren, ct);
	shown_twice(parent->children, parent->nchildren);
}

/* ---- the zone's parts, sections and answers ---- */

/* answer = "answer" ID ( TEXT | block of content ); answers[] holds the
 * answers given so far to the questions qs. */
static struct content *
check_answer(struct model *m, const struct ast_node *c,
    const struct fquestion *qs, size_t nq, const struct nameidx *qidx,
    struct content **answers, const char *where, const char *where_id)
{
	struct content *ct;
	size_t at;
	const char *id;

	if (m->doc.layout != LAYOUT_QUESTIONS) {
		diag(&c->span, M_E_NOT_HERE, "answer", "in a document with "
		    "layout sections; write the text in the section, or use "
		    "layout questions");
		return NULL;
	}
	if (!(c->has_block ? shape(c, 1, 1, 2, "needs the question's name "
	    "and a block") : shape(c, 2, 2, 0, lang_keywords[K_ANSWER].usage)) ||
	    !(id = val_id(c, 0)))
		return NULL;
	if (qidx == NULL || !nameidx_get(qidx, id, &at)) {
		struct nearest near;
		size_t i;

		diag(&c->vals[0].span, M_E_NOT_A_QUESTION, id, where, where_id);
		nearest_init(&near, id);
		for (i = 0; i < nq && !diag_dropping(&c->vals[0].span,
		    DIAG_NOTE); i++)
			nearest_try(&near, qs[i].id);
		if (near.best)
			diag(&c->vals[0].span, M_NOTE_DIDYOUMEAN, near.best);
		return NULL;
	}
	if (answers[at]) {
		struct buf b = {0};

		buf_printf(&b, "answer %s", id);
		diag(&c->vals[0].span, M_E_REPEATED, b.data);
		buf_free(&b);
		diag(&answers[at]->node->vals[0].span, M_NOTE_FREE,
		    "the first answer is here");
		return NULL;
	}
	ct = content_new(m, CONTENT_ANSWER, c);
	ct->id = id;
	ct->question = &qs[at];
	answers[at] = ct;
	if (c->has_block)
		check_content(m, ct, c, CTX_ANSWER);
	else
		ct->text = prose_of(m, c, 1);
	return ct;
}

static void
require_answers(struct model *m, const struct ast_node *at,
    const struct fquestion *qs, size_t nq, struct content **answers)
{
	size_t i;

	if (m->doc.layout != LAYOUT_QUESTIONS)
		return;
	for (i = 0; i < nq; i++)
		if (!answers[i] && !qs[i].optional)
			diag(&at->span, M_E_UNANSWERED, qs[i].id, qs[i].id);
}

/* section = "section" ID [ TITLE ] "{" { content | answer } "}" */
static struct content *
check_zsection(struct model *m, const struct ast_node *n,
    const struct keyword *k, const struct fpart *fp)
{
	const struct fsection *fs;
	const struct ast_node *c;
	struct content *ct, *child;
	const char *id;

	if (!shape_of(n, k) || !(id = val_id(n, 0)))
		return NULL;
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
	ct = content_new(m, CONTENT_SECTION, n);
	ct->id = id;
	ct->fsection = fs;
	ct->title = n->nvals == 2 ? n->vals[1].s : fs ? fs->title : id;
	ct->answers = xcalloc(fs ? fs->nquestions + 1 : 1, sizeof(*ct->answers));
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT ||
		    (k = keyword_at(c, CTX_ZSECTION)) == NULL)
			continue;
		/* The answers of a misnamed section would all be reported. */
		if (k->id == K_ANSWER)
			child = fs || n->nvals == 2 ? check_answer(m, c,
			    fs ? fs->questions : NULL, fs ? fs->nquestions : 0,
			    fs ? &fs->qidx : NULL, ct->answers, "section",
			    id) : NULL;
		else
			child = content_stmt(m, c, k);
		if (child)
			append(&ct->children, &ct->nchildren, child);
	}
	shown_twice(ct->children, ct->nchildren);
	if (fs)
		require_answers(m, n, fs->questions, fs->nquestions, ct->answers);
	if (!has_any_stmt(n) && !n->bad)
		diag(&n->span, M_W_EMPTY_SECTION, "section");
	return ct;
}

/* The names of the sections the zone's part n has, into ix. */
static void
zone_sections(const struct ast_node *n, struct nameidx *ix)
{
	const struct ast_node *c;
	const struct keyword *k;
	size_t i;

	for (c = n->first; c; c = c->next)
		if (c->type == AST_STMT &&
		    (k = lang_find(c->keyword, CTX_ZPART)) != NULL &&
		    k->id == K_SECTION && c->nvals > 0 &&
		    !nameidx_get(ix, c->vals[0].s, &i))
			nameidx_put(ix, c->vals[0].s, 0);
}

/* Whether the part already has section s; reports the second. A section
 * given twice would print its heading and the form's questions twice. */
static int
twice(struct zpart *zp, const struct content *s)
{
	struct buf b = {0};
	size_t i;

	if (!nameidx_get(&zp->sidx, s->id, &i)) {
		/* The item it becomes next. */
		nameidx_put(&zp->sidx, s->id, zp->nitems);
		return 0;
	}
	buf_printf(&b, "section %s", s->id);
	diag(&s->node->vals[0].span, M_E_REPEATED, b.data);
	diag(&zp->items[i]->node->vals[0].span, M_NOTE_FREE,
	    "the first is here");
	buf_free(&b);
	return 1;
}

/* A part's title that starts with the number afc writes before it
 * ("Deel 2: Engagement" would print "Deel 2: Deel 2: Engagement"). */
static void
numbered_title(const struct ast_value *v, size_t number)
{
	const char *s = v->s, *p = s;
	struct buf b = {0};
	char *end;
	unsigned long k;

	if (strncasecmp(p, "deel", 4) == 0 && p[4] == ' ') {
		p += 4 + strspn(p + 4, " ");
		if (*p < '0' || *p > '9')
			return;
		p += strspn(p, "0123456789");
	} else {
		k = strtoul(p, &end, 10);
		if (end == p || end - p > 2 || k != number ||
		    !strchr(".:) ", *end) || *end == '\0')
			return;
		p = end;
	}
	p += strspn(p, " .:)-");
	if (*p == '\0')
		return;
	buf_printf(&b, "starts with the part's number, which afc writes "
	    "before it ('Deel %zu: ', or '%zu ' with numbering plain); "
	    "write the title alone", number, number);
	diag(&v->span, M_E_SENTENCE, s, b.data, p);
	buf_free(&b);
}

/* Two sections of a part under one heading: the document would show
 * the heading twice. */
static void
same_title(struct zpart *zp, const struct content *s, struct nameidx *titles)
{
	const struct content *o;
	size_t at;

	if (!nameidx_get(titles, s->title, &at)) {
		/* The item it becomes next. */
		nameidx_put(titles, s->title, zp->nitems);
		return;
	}
	o = zp->items[at];
	diag(&s->node->vals[s->node->nvals - 1].span, M_E_SAME_TITLE, s->id,
	    s->title, o->id, "section of a part");
	diag(&o->node->vals[o->node->nvals - 1].span, M_NOTE_FREE,
	    "its heading is here");
}

static void
check_zpart(struct model *m, const struct ast_node *n)
{
	const struct keyword *k = &lang_keywords[K_PART];
	const struct form *f = m->doc.form;
	const struct fpart *fp = NULL;
	const struct ast_node *c;
	struct nameidx has = {0}, titles = {0};
	struct zpart *zp;
	struct content *ct;
	const char *id;
	size_t i, j;

	if (!top_is(n, K_PART) || f == NULL)
		return;
	if (!shape_of(n, k) || !(id = val_id(n, 0)))
		return;
	if (n->nvals == 2)
		val_title(n, 1);
	if (nameidx_get(&f->pidx, id, &i))
		fp = &f->parts[i];
	if (fp == NULL) {
		diag(&n->vals[0].span, M_E_NOT_IN_FORM, "part", id, "");
		return;
	}
	zp = &m->parts[fp - f->parts];
	if (zp->node) {
		diag(&n->vals[0].span, M_E_REPEATED, "part");
		return;
	}
	zp->node = n;
	zp->title = n->nvals == 2 ? n->vals[1].s : NULL;
	if (zp->title && m->doc.numbering != NUMBER_NONE)
		numbered_title(&n->vals[1], (size_t)(zp - m->parts) + 1);
	zp->answers = xcalloc(fp->nquestions + 1, sizeof(*zp->answers));
	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT || (k = keyword_at(c, CTX_ZPART)) == NULL)
			continue;
		if (k->id == K_SECTION) {
			ct = check_zsection(m, c, k, fp);
			if (ct && twice(zp, ct))
				ct = NULL;
		} else if (k->id == K_ANSWER)
			ct = check_answer(m, c, fp->questions, fp->nquestions,
			    &fp->qidx, zp->answers, "part", id);
		else
			ct = content_stmt(m, c, k);
		if (ct && ct->kind == CONTENT_SECTION)
			same_title(zp, ct, &titles);
		if (ct)
			append(&zp->items, &zp->nitems, ct);
	}
	nameidx_free(&titles);
	shown_twice(zp->items, zp->nitems);
	require_answers(m, n, fp->questions, fp->nquestions, zp->answers);
	zone_sections(n, &has);
	for (i = 0; i < fp->nsections; i++)
		if (!fp->sections[i].optional &&
		    !nameidx_get(&has, fp->sections[i].id, &j))
			diag(&n->span, M_E_NO_SECTION, "section",
			    fp->sections[i].id);
	nameidx_free(&has);
}

/* ---- the whole source ---- */

/* The name an entity is printed with, or NULL. */
static const char *
printed_name(const struct entity *e)
{
	if (e->kind == ENT_PARTY &&
	    ((const struct party *)e)->kind <= PARTY_PARTNER)
		return ((const struct party *)e)->name;
	if (e->kind == ENT_PERSON)
		return ((const struct person *)e)->name;
	return NULL;
}

/* Two parties of a kind, or two people, with one name (in any case:
 * "Aalst" and "aalst") would be listed twice: a municipality declared
 * twice, or a person who serves two municipalities declared for each. */
static void
check_same_names(struct model *m)
{
	static const char *const kinds[] = {"council", "municipality",
	    "partner"};
	struct nameidx names[4] = {{0}};
	char **keys = xcalloc(m->nents + 1, sizeof(*keys));
	struct buf b = {0};
	const char *name;
	size_t i, j, at, kind;

	for (i = 0; i < m->nents; i++) {
		struct entity *e = m->ents[i], *o;

		if ((name = printed_name(e)) == NULL)
			continue;
		kind = e->kind == ENT_PERSON ? 3 :
		    ((struct party *)e)->kind;
		b.len = 0;
		buf_puts(&b, name);
		for (j = 0; j < b.len; j++)
			nl_set_case(&b, j, 0);
		keys[i] = buf_take(&b);
		if (!nameidx_get(&names[kind], keys[i], &at)) {
			nameidx_put(&names[kind], keys[i], i);
			continue;
		}
		o = m->ents[at];
		diag(&e->decl->vals[1].span, M_E_SAME_NAME, e->id, name, o->id,
		    kind == 3 ? "person" : kinds[kind]);
		diag(&o->decl->vals[1].span, M_NOTE_FREE,
		    "the first of that name is here");
		if (kind == 3)
			diag(&e->decl->vals[1].span, M_NOTE_FREE, "a person "
			    "who serves several municipalities is declared "
			    "once and names them all, as in: of brecht zele");
	}
	for (i = 0; i < NELEM(names); i++)
		nameidx_free(&names[i]);
	for (i = 0; i < m->nents; i++)
		free(keys[i]);
	free(keys);
	buf_free(&b);
}

/* A municipality that says it has no invitees has none. */
static void
check_invitees_none(struct model *m)
{
	size_t i, j;

	for (i = 0; i < m->nents; i++) {
		struct person *p = (struct person *)m->ents[i];

		if (p->e.kind != ENT_PERSON || p->role != ROLE_INVITEE)
			continue;
		for (j = 0; j < p->nof; j++)
			if (p->ofs[j]->invitees_none)
				diag(&p->e.decl->vals[0].span, M_E_INVITEES_NONE,
				    p->e.id, p->ofs[j]->e.id);
	}
}

/* The years a zone writes for its deadlines and its theme schedule,
 * far from the form's (see year_far); a schedule may recall the
 * themes of years before. */
static void
check_years(struct model *m)
{
	const struct form *f = m->doc.form;
	size_t i, j;

	for (i = 0; f && i < m->nents; i++) {
		struct deadline *d = (struct deadline *)m->ents[i];

		if (d->e.kind != ENT_DEADLINE || d->e.bad || d->due_at == NULL ||
		    (d->due.kind != DUE_BY_DATE && d->due.kind != DUE_MONTHS) ||
		    d->due.year == 0)
			continue;
		if (year_far(f, &d->due_at->vals[1], d->due.year, 1))
			d->due.year = 0;
		else if (d->due.kind == DUE_MONTHS && d->due_at->nvals == 3 &&
		    year_far(f, &d->due_at->vals[2], d->due.year2, 1))
			d->due.year = 0;
	}
	for (i = 0; f && i < m->ncontents; i++)
		for (j = 0; m->contents[i]->kind == CONTENT_SCHEDULE &&
		    j < m->contents[i]->nfocus; j++)
			year_far(f, &m->contents[i]->focus[j].node->vals[0],
			    m->contents[i]->focus[j].to, 0);
}

/* A date the author wrote for a deadline before the document's own is
 * most likely a wrong year. */
static void
check_due_past(struct model *m)
{
	struct date doc = {m->doc.year, m->doc.month, m->doc.day}, from, to;
	char a[11], b[11];
	size_t i;

	if (m->doc.year == 0)
		return;
	for (i = 0; i < m->nents; i++) {
		struct deadline *d = (struct deadline *)m->ents[i];

		if (d->e.kind != ENT_DEADLINE || d->due_at == NULL ||
		    (d->due.kind != DUE_BY_DATE && d->due.kind != DUE_MONTHS) ||
		    d->due.year == 0 || !due_dates(&d->due, &from, &to) ||
		    date_cmp(to, doc) >= 0)
			continue;
		date_iso(to, a);
		date_iso(doc, b);
		diag(&d->due_at->vals[d->due_at->nvals - 1].span, M_W_DUE_PAST,
		    d->e.id, a, b);
	}
}

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


/* Marks the entity named s[0..len) as used, if there is one. */
static void
mention(struct model *m, const char *s, size_t len)
{
	char id[128];
	struct entity *e;

	if (len == 0 || len >= sizeof(id))
		return;
	memcpy(id, s, len);
	id[len] = '\0';
	if ((e = model_find(m, id)) != NULL)
		e->used = 1;
}

/*
 * After an error, a name may be unused only because the statement that
 * names it was refused: every name the statements of n write as a
 * value, as a keyword (an event in dates) or as a placeholder in a text
 * counts as used. Without errors every such name has been resolved.
 */
static void
mention_all(struct model *m, const struct ast_node *n)
{
	const struct ast_node *c;
	const char *p, *q;
	size_t i;

	for (c = n->first; c; c = c->next) {
		if (c->type != AST_STMT)
			continue;
		if (c->include) {
			mention_all(m, c->include);
			continue;
		}
		mention(m, c->keyword, strlen(c->keyword));
		for (i = 0; i < c->nvals; i++) {
			const struct ast_value *v = &c->vals[i];

			if (i == 0 && c->parent && c->parent->type == AST_FILE)
				continue;	/* a declaration's own name */
			if (v->type == VAL_WORD) {
				mention(m, v->s, strlen(v->s));
				continue;
			}
			for (p = strchr(v->s, '{'); p; p = strchr(p + 1, '{')) {
				for (q = p + 1; *q && strchr("{}. \n", *q) == NULL;
				    q++)
					;
				mention(m, p + 1, (size_t)(q - p - 1));
			}
		}
		mention_all(m, c);
	}
}

/* Declarations of the zone's own file that nothing uses. */
static void
check_unused(struct model *m, const struct ast_node *root)
{
	static const char *const what[] = {"party", "person", "body", "event",
	    "deadline", "form", "zone"};
	const struct srcfile *own = root->span.file;
	size_t i;

	if (diag_count(own->dg, DIAG_ERROR) > 0)
		mention_all(m, root);
	for (i = 0; i < m->nents; i++) {
		struct entity *e = m->ents[i];

		if (!e->used && !e->bad && e->decl && e->decl->span.file == own)
			diag(&e->decl->vals[0].span, M_W_UNUSED, what[e->kind],
			    e->id);
	}
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
	struct model *m = model_new();
	size_t i;

	if (empty_file(root)) {
		struct span sp = span_at(root->span.file, 0, 0);

		diag(&sp, M_E_EMPTY_FILE);
		model_free(m);
		return NULL;
	}
	each_top(m, root, declare);
	if (m->nmunicipalities == 1)
		m->group->name = "het lokaal bestuur";
	each_top(m, root, define);
	each_top(m, root, check_form);
	m->include_failed = include_failed(root);
	each_top(m, root, check_document);
	if (m->docnode == NULL) {
		struct span sp = span_at(root->span.file, 0, 0);

		diag(&sp, M_E_MISSING, "the file", "document");
	}
	if (m->doc.form) {
		m->doc.form->e.used = 1;
		check_form_prose(m, m->doc.form);
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
	check_same_names(m);
	check_invitees_none(m);
	check_years(m);
	check_due_past(m);
	check_unused(m, root);
	if (diag_worst(root->span.file->dg) == DIAG_ERROR) {
		model_free(m);
		return NULL;
	}
	return m;
}
