/* expand.c - the {placeholders} of prose: facts the model holds, written
 * into the text where the author asks for them. */
#include <stdlib.h>
#include <string.h>

#include "sema/expand.h"
#include "sema/nl.h"

static struct span
at(const struct ast_value *v, size_t k, size_t len)
{
	struct span sp;

	/* Past the error limit the place is not shown: not looked for. */
	if (diag_dropping(&v->span, DIAG_ERROR))
		return v->span;
	if (v->type == VAL_TEXT)
		return text_span(v, k, len);
	sp = v->span;
	/* Inside quotes: skip the opening '"'. */
	return span_at(sp.file, sp.off + 1 + k, sp.off + 1 + k + len);
}

/* Appends s escaped so that CommonMark reads it as plain text. */
static void
add_escaped(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>!&#", *s) != NULL)
			buf_putc(out, '\\');
		buf_putc(out, *s);
	}
}

static void
join_members(struct buf *b, const struct body *bd)
{
	const char **names = xcalloc(bd->nmembers + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < bd->nmembers; i++)
		names[i] = bd->members[i]->name;
	nl_join(b, names, bd->nmembers);
	free(names);
}

static void
join_guests(struct buf *b, const struct body *bd)
{
	const char **names = xcalloc(bd->nguests + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < bd->nguests; i++)
		names[i] = bd->guests[i]->name;
	nl_join(b, names, bd->nguests);
	free(names);
}

/* The people of party p with role r: "An Peeters en Bert Claes". */
static void
join_role(struct buf *b, const struct party *p, enum role r)
{
	const char **names = xcalloc(p->npeople + 1, sizeof(*names));
	size_t i, n = 0;

	for (i = 0; i < p->npeople; i++)
		if (p->people[i]->role == r)
			names[n++] = p->people[i]->name;
	nl_join(b, names, n);
	free(names);
}

/* The parties a person belongs to: "Asse en Merchtem". */
static void
join_parties(struct buf *b, const struct person *p)
{
	const char **names = xcalloc(p->nof + 1, sizeof(*names));
	size_t i;

	for (i = 0; i < p->nof; i++)
		names[i] = p->ofs[i]->name;
	nl_join(b, names, p->nof);
	free(names);
}

static void
municipality_list(struct buf *b, const struct model *m)
{
	const char **names = xcalloc(m->nmunicipalities + 1, sizeof(*names));
	size_t i, n = 0;

	for (i = 0; i < m->nents; i++) {
		const struct party *p = (const struct party *)m->ents[i];

		if (m->ents[i]->kind == ENT_PARTY && p->kind == PARTY_MUNICIPALITY)
			names[n++] = p->name;
	}
	nl_join(b, names, n);
	free(names);
}

/* The fields each kind of name has, for a message and a did-you-mean;
 * "" is the name alone. */
static const char *const *
fields_of(const struct entity *e)
{
	static const char *const party[] = {"name", "called", NULL};
	static const char *const municipality[] = {"name", "called",
	    "responsible", NULL};
	static const char *const group[] = {"count", "count-word", NULL};
	static const char *const person[] = {"name", "function", "party",
	    NULL};
	static const char *const body[] = {"name", "meets", "meets-short",
	    "yearly", "members", "guests", NULL};
	static const char *const deadline[] = {"due", NULL};
	static const char *const none[] = {NULL};

	switch (e->kind) {
	case ENT_PARTY:
		switch (((const struct party *)e)->kind) {
		case PARTY_GROUP:
			return group;
		case PARTY_MUNICIPALITY:
			return municipality;
		default:
			return party;
		}
	case ENT_PERSON:
		return person;
	case ENT_BODY:
		return body;
	case ENT_DEADLINE:
		return deadline;
	default:
		return none;
	}
}

/* Why a known field has no value here, for the message; NULL when it
 * has one. */
static const char *
field_missing(const struct entity *e, const char *field)
{
	if (e->kind == ENT_PERSON && strcmp(field, "function") == 0 &&
	    ((const struct person *)e)->function == NULL)
		return "write its function in the person's declaration: "
		    "function \"...\"";
	if (e->kind == ENT_BODY && (strcmp(field, "meets") == 0 ||
	    strcmp(field, "meets-short") == 0) &&
	    !((const struct body *)e)->has_meets)
		return "write how often it meets in the body's declaration: "
		    "meets at-least 3 per year";
	if (e->kind == ENT_BODY && strcmp(field, "yearly") == 0 &&
	    ((const struct body *)e)->yearly == NULL)
		return "write who joins once a year in the body's "
		    "declaration: yearly \"...\"";
	if (e->kind == ENT_BODY && strcmp(field, "guests") == 0 &&
	    ((const struct body *)e)->nguests == 0)
		return "name its guests in the body's declaration: guests ...";
	if (e->kind == ENT_BODY && strcmp(field, "members") == 0 &&
	    ((const struct body *)e)->nmembers == 0)
		return "name its members in the body's declaration: members ...";
	if (e->kind == ENT_PARTY && strcmp(field, "responsible") == 0 &&
	    !party_has_role((const struct party *)e, ROLE_RESPONSIBLE))
		return "give it a person with role responsible";
	return NULL;
}

/*
 * The value of field of entity e into b; returns 0, -1 when the entity
 * has no such field, or -2 when it has the field but no value for it
 * (field_missing says why). An empty field means the entity's name.
 */
static int
field_value(const struct model *m, struct entity *e, const char *field,
    struct buf *b)
{
	int plain = *field == '\0' || strcmp(field, "name") == 0;
	const char *const *f = fields_of(e);

	if (*field != '\0') {
		while (*f && strcmp(*f, field) != 0)
			f++;
		if (*f == NULL)
			return -1;
		if (field_missing(e, field))
			return -2;
	}
	switch (e->kind) {
	case ENT_PARTY: {
		struct party *p = (struct party *)e;

		if (p->kind == PARTY_GROUP) {
			const char *word = nl_number((int)m->nmunicipalities);

			if (*field == '\0')
				municipality_list(b, m);
			else if (strcmp(field, "count-word") == 0 && word)
				buf_puts(b, word);
			else
				buf_printf(b, "%zu", m->nmunicipalities);
			return 0;
		}
		if (plain)
			buf_puts(b, p->name);
		else if (strcmp(field, "called") == 0)
			buf_puts(b, p->called ? p->called : p->name);
		else
			join_role(b, p, ROLE_RESPONSIBLE);
		return 0;
	}
	case ENT_PERSON: {
		struct person *p = (struct person *)e;

		if (plain)
			buf_puts(b, p->name);
		else if (strcmp(field, "function") == 0)
			buf_puts(b, p->function);
		else
			join_parties(b, p);
		return 0;
	}
	case ENT_BODY: {
		struct body *bd = (struct body *)e;

		if (plain)
			buf_puts(b, bd->name);
		else if (strcmp(field, "meets") == 0)
			nl_frequency(b, &bd->meets, 0);
		else if (strcmp(field, "meets-short") == 0)
			nl_frequency(b, &bd->meets, 1);
		else if (strcmp(field, "yearly") == 0)
			buf_puts(b, bd->yearly);
		else if (strcmp(field, "members") == 0)
			join_members(b, bd);
		else
			join_guests(b, bd);
		return 0;
	}
	case ENT_EVENT:
		buf_puts(b, ((struct event *)e)->text);
		return 0;
	case ENT_DEADLINE: {
		const struct due *due = &((struct deadline *)e)->due;

		/* A missing or refused due has been reported already. */
		if ((due->kind == DUE_AFTER || due->kind == DUE_WITHIN) &&
		    due->event == NULL)
			return 0;
		nl_due_dated(b, due, m->doc.due_dates);
		return 0;
	}
	case ENT_ZONE:
		buf_puts(b, m->doc.zone ? m->doc.zone : "");
		return 0;
	case ENT_FORM:
		return -1;
	}
	return -1;
}

/* Whether the word at s starts with two capitals (an abbreviation such
 * as OCMW, which keeps its case). */
static int
abbreviation(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = nl_letter(u, 0);

	return n > 0 && nl_letter(u + n, 0) > 0;
}

/* The last character before s[k] that is not one of skip, or 0; its
 * offset in *at. */
static char
before(const char *s, size_t k, const char *skip, size_t *at)
{
	while (k > 0 && strchr(skip, s[k - 1]) != NULL)
		k--;
	*at = k;
	return k > 0 ? s[k - 1] : '\0';
}

/* Whether the character that ends at s[j] (exclusive) is a letter or
 * a digit: ASCII, or a Latin-1 letter in UTF-8. */
static int
ends_word(const char *s, size_t j)
{
	const unsigned char *u = (const unsigned char *)s;

	if (j == 0)
		return 0;
	if (u[j - 1] < 0x80)
		return (u[j - 1] >= 'a' && u[j - 1] <= 'z') ||
		    (u[j - 1] >= 'A' && u[j - 1] <= 'Z') ||
		    (u[j - 1] >= '0' && u[j - 1] <= '9');
	return j >= 2 && u[j - 2] == 0xC3 && u[j - 1] != 0x97 &&
	    u[j - 1] != 0xB7;
}

/* The line of a text that expansion has come to: each line is looked at
 * once, however many placeholders it holds. */
struct line_at {
	size_t pos;		/* s is scanned for line ends up to here */
	size_t bol;		/* the start of the line */
	size_t start;		/* its first word, after indentation and a
				 * list or quote marker; -1: not yet found */
	int marker;		/* it starts a list item or a quote */
};

/* Moves ln to the line of s[k]. */
static void
line_to(struct line_at *ln, const char *s, size_t k)
{
	size_t j, d;

	for (; ln->pos < k; ln->pos++)
		if (s[ln->pos] == '\n') {
			ln->bol = ln->pos + 1;
			ln->start = (size_t)-1;
		}
	if (ln->start != (size_t)-1)
		return;
	j = ln->bol + strspn(s + ln->bol, " ");
	d = j + strspn(s + j, "0123456789");
	ln->marker = 1;
	if (strchr("-+*>", s[j]) != NULL && s[j] != '\0' && s[j + 1] == ' ')
		j += 1 + strspn(s + j + 1, " ");
	else if (d > j && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
		j = d + 1 + strspn(s + d + 1, " ");
	else
		ln->marker = 0;
	ln->start = j;
}

/*
 * Where a placeholder at s[k] stands in its text (on line ln): 1 at
 * the start of a sentence (of the text, of a paragraph, of a list item
 * or a quote, after '.', '!' or '?' and a space), -1 right after a word
 * (in the run of a sentence), 0 after any other mark (a comma, a colon,
 * a bracket), where it is printed as it is.
 */
static int
sentence_place(const char *s, size_t k, struct line_at *ln)
{
	size_t i, j;
	char c;

	line_to(ln, s, k);
	/* Emphasis opened just before it. */
	before(s, k, "*_", &i);
	if (i <= ln->start) {
		/* First on its line: the first words of a list item or a
		 * quote, or the line before is blank or ends a sentence. */
		if (ln->marker || ln->bol == 0)
			return 1;
		c = before(s, ln->bol - 1, " ", &j);
		return c == '\0' || c == '\n' || c == '.' || c == '!' ||
		    c == '?' ? 1 : -1;
	}
	c = before(s, i, " ", &j);
	if (j == i)
		return 0;	/* glued to what comes before */
	if (c == '.' || c == '!' || c == '?')
		return 1;
	return ends_word(s, j) ? -1 : 0;
}

static int
is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* A known field without a value: "'sooi' has no function; ..." */
static void
no_value(const struct span *sp, const struct entity *e, const char *field)
{
	struct buf msg = {0};

	buf_printf(&msg, "'%s' has no value for '%s'; %s", e->id, field,
	    field_missing(e, field));
	diag(sp, M_E_PLACEHOLDER, msg.data);
	buf_free(&msg);
}

/* An unknown field: the fields there are, and the closest. */
static void
no_field(const struct span *sp, const struct entity *e, const char *field)
{
	const char *const *f = fields_of(e);
	struct buf msg = {0};
	struct nearest near;
	size_t i, n = 0;

	while (f[n])
		n++;
	buf_printf(&msg, "'%s' has no field '%s'; ", e->id, field);
	if (n == 0)
		buf_printf(&msg, "write {%s} alone", e->id);
	else
		buf_puts(&msg, n == 1 ? "its field is " : "its fields are ");
	for (i = 0; i < n; i++)
		buf_printf(&msg, "%s%s", i == 0 ? "" : i + 1 < n ? ", " :
		    " and ", f[i]);
	diag(sp, M_E_PLACEHOLDER, msg.data);
	buf_free(&msg);
	if (diag_dropping(sp, DIAG_NOTE))
		return;
	nearest_init(&near, field);
	for (i = 0; i < n; i++)
		nearest_try(&near, f[i]);
	if (near.best)
		diag(sp, M_NOTE_DIDYOUMEAN, near.best);
}

/* One {reference} starting at s[k] == '{'; returns its length. */
static size_t
one_ref(struct model *m, const struct ast_value *v, size_t k,
    struct line_at *ln, struct buf *out, int *problems)
{
	const char *s = v->s;
	size_t j = k + 1, dot = 0;
	char *id, *field;
	struct entity *e;
	struct buf val = {0};
	struct span sp;
	size_t at_;
	int r, place;

	while (is_id_char(s[j])) {
		if (s[j] == '.' && dot == 0)
			dot = j;
		j++;
	}
	if (s[j] != '}' || j == k + 1) {
		sp = at(v, k, 1);
		diag(&sp, M_E_PLACEHOLDER, "'{' starts a reference such "
		    "as {asse} or {cluster.meets}; write '{{' for a brace");
		(*problems)++;
		buf_putc(out, '{');
		return 1;
	}
	id = xstrndup(s + k + 1, (dot ? dot : j) - k - 1);
	field = dot ? xstrndup(s + dot + 1, j - dot - 1) : xstrdup("");
	e = model_find(m, id);
	if (e == &m->group->e && m->nmunicipalities == 0) {
		sp = at(v, k + 1, strlen(id));
		diag(&sp, M_E_NO_MUNICIPALITIES, "'municipalities' stands for");
		(*problems)++;
	} else if ((e == NULL || e->kind == ENT_FORM) &&
	    nameidx_get(&m->broken, id, &at_)) {
		/* Its declaration was refused, and said so. */
		(*problems)++;
	} else if (e == NULL || e->kind == ENT_FORM) {
		const char *near;

		sp = at(v, k + 1, strlen(id));
		diag(&sp, M_E_UNKNOWN_REF, "name", id);
		if (!diag_dropping(&sp, DIAG_NOTE) &&
		    (near = model_suggest(m, id, -1)) != NULL)
			diag(&sp, M_NOTE_DIDYOUMEAN, near);
		(*problems)++;
	} else if ((r = field_value(m, e, field, &val)) != 0) {
		e->used = 1;
		sp = at(v, dot + 1, j - dot - 1);
		/* A field its refused declaration would have given. */
		if (r == -2 && !e->bad)
			no_value(&sp, e, field);
		else if (r == -1)
			no_field(&sp, e, field);
		(*problems)++;
	} else {
		e->used = 1;
		place = sentence_place(s, k, ln);
		if (place > 0)
			nl_set_case(&val, 0, 1);
		else if (place < 0 && e->kind == ENT_PERSON &&
		    strcmp(field, "function") == 0 && val.data &&
		    !abbreviation(val.data))
			nl_set_case(&val, 0, 0);
		add_escaped(out, val.data ? val.data : "");
	}
	buf_free(&val);
	free(id);
	free(field);
	return j + 1 - k;
}

int
expand_text(struct model *m, const struct ast_value *v, struct buf *out)
{
	const char *s = v->s;
	size_t k = 0, start = out->len, ref, len = strlen(s);
	int problems = 0;
	struct line_at ln = {0, 0, (size_t)-1, 0};
	struct span sp;

	/* Past the limit of all texts together, which was reported, no
	 * text is expanded again. */
	if (m->expanded > EXPAND_ALL_MAX)
		return 1;
	while (s[k]) {
		if (s[k] == '{' && s[k + 1] == '{') {
			buf_putc(out, '{');
			k += 2;
		} else if (s[k] == '}' && s[k + 1] == '}') {
			buf_putc(out, '}');
			k += 2;
		} else if (s[k] == '{') {
			ref = k;
			k += one_ref(m, v, k, &ln, out, &problems);
			/* References to long lists, many times over: a few
			 * bytes of source must not become gigabytes. */
			if (out->len - start > EXPAND_TEXT_MAX) {
				sp = at(v, ref, k - ref);
				diag(&sp, M_E_TOO_LONG, "this text, once its "
				    "references are filled in,",
				    (size_t)EXPAND_TEXT_MAX);
				problems++;
				break;
			}
		} else {
			size_t run = strcspn(s + k + 1, "{}") + 1;

			buf_add(out, s + k, run);
			k += run;
		}
	}
	if (out->len - start > len)
		m->expanded += out->len - start - len;
	if (m->expanded > EXPAND_ALL_MAX) {
		diag(&v->span, M_E_EXPAND_ALL, (size_t)EXPAND_ALL_MAX);
		problems++;
	}
	if (out->data == NULL)
		buf_puts(out, "");
	return problems;
}
