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

/*
 * The value of field of entity e into b; returns 0, or -1 when the
 * entity has no such field. An empty field means the entity's name.
 */
static int
field_value(const struct model *m, struct entity *e, const char *field,
    struct buf *b)
{
	int plain = *field == '\0' || strcmp(field, "name") == 0;

	switch (e->kind) {
	case ENT_PARTY: {
		struct party *p = (struct party *)e;

		if (p->kind == PARTY_GROUP) {
			if (*field == '\0')
				municipality_list(b, m);
			else if (strcmp(field, "count") == 0)
				buf_printf(b, "%zu", m->nmunicipalities);
			else if (strcmp(field, "count-word") == 0)
				buf_puts(b, nl_number((int)m->nmunicipalities) ?
				    nl_number((int)m->nmunicipalities) : "");
			else
				return -1;
			if (strcmp(field, "count-word") == 0 &&
			    nl_number((int)m->nmunicipalities) == NULL)
				buf_printf(b, "%zu", m->nmunicipalities);
			return 0;
		}
		if (plain)
			buf_puts(b, p->name);
		else if (strcmp(field, "called") == 0)
			buf_puts(b, p->called ? p->called : p->name);
		else
			return -1;
		return 0;
	}
	case ENT_PERSON: {
		struct person *p = (struct person *)e;

		if (plain)
			buf_puts(b, p->name);
		else if (strcmp(field, "function") == 0 && p->function)
			buf_puts(b, p->function);
		else if (strcmp(field, "party") == 0 && p->of)
			buf_puts(b, p->of->name);
		else
			return -1;
		return 0;
	}
	case ENT_BODY: {
		struct body *bd = (struct body *)e;

		if (plain)
			buf_puts(b, bd->name);
		else if (strcmp(field, "meets") == 0 && bd->has_meets)
			nl_frequency(b, &bd->meets, 0);
		else if (strcmp(field, "meets-short") == 0 && bd->has_meets)
			nl_frequency(b, &bd->meets, 1);
		else if (strcmp(field, "yearly") == 0 && bd->yearly)
			buf_puts(b, bd->yearly);
		else if (strcmp(field, "members") == 0)
			join_members(b, bd);
		else
			return -1;
		return 0;
	}
	case ENT_EVENT:
		if (*field != '\0')
			return -1;
		buf_puts(b, ((struct event *)e)->text);
		return 0;
	case ENT_DEADLINE: {
		const struct due *due = &((struct deadline *)e)->due;

		if (*field != '\0' && strcmp(field, "due") != 0)
			return -1;
		/* A missing or refused due has been reported already. */
		if ((due->kind == DUE_AFTER || due->kind == DUE_WITHIN) &&
		    due->event == NULL)
			return 0;
		nl_due(b, due);
		return 0;
	}
	case ENT_ZONE:
		if (*field != '\0')
			return -1;
		buf_puts(b, m->doc.zone ? m->doc.zone : "");
		return 0;
	case ENT_FORM:
		return -1;
	}
	return -1;
}

static int
is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* One {reference} starting at s[k] == '{'; returns its length. */
static size_t
one_ref(struct model *m, const struct ast_value *v, size_t k,
    struct buf *out, int *problems)
{
	const char *s = v->s;
	size_t j = k + 1, dot = 0;
	char *id, *field;
	struct entity *e;
	struct buf val = {0};
	struct span sp;

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
	if (e == NULL || e->kind == ENT_FORM) {
		const char *near;

		sp = at(v, k + 1, strlen(id));
		diag(&sp, M_E_UNKNOWN_REF, "name", id);
		if (!diag_dropping(&sp, DIAG_NOTE) &&
		    (near = model_suggest(m, id, -1)) != NULL)
			diag(&sp, M_NOTE_DIDYOUMEAN, near);
		(*problems)++;
	} else if (field_value(m, e, field, &val) != 0) {
		struct buf msg = {0};

		buf_printf(&msg, "'%s' has no field '%s' here", id, field);
		sp = at(v, dot + 1, j - dot - 1);
		diag(&sp, M_E_PLACEHOLDER, msg.data);
		buf_free(&msg);
		(*problems)++;
	} else {
		e->used = 1;
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
			k += one_ref(m, v, k, out, &problems);
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
