/* model.c - the model's names and its memory: the table of declared
 * names, the built-in ones, lookups, and freeing. */
#include <stdlib.h>
#include <string.h>

#include "sema/model.h"

struct symtab {
	struct entity **slots;
	size_t cap, n;
};

static void
sym_put(struct symtab *t, struct entity *e)
{
	struct entity **old = t->slots;
	size_t i, oldcap = t->cap;

	if (2 * (t->n + 1) > t->cap) {
		t->cap = oldcap ? oldcap * 2 : 64;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		t->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i])
				sym_put(t, old[i]);
		free(old);
	}
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

void
model_add(struct model *m, struct entity *e)
{
	m->ents = xgrow(m->ents, m->nents, sizeof(*m->ents));
	m->ents[m->nents++] = e;
	sym_put(m->syms, e);
}

struct model *
model_new(void)
{
	struct model *m = xcalloc(1, sizeof(*m));

	m->syms = xcalloc(1, sizeof(*m->syms));
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
	return m;
}

const struct fsection *
fpart_section(const struct fpart *fp, const char *id)
{
	size_t i;

	return nameidx_get(&fp->sidx, id, &i) ? &fp->sections[i] : NULL;
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

static void
free_form(struct form *f)
{
	size_t i, j;

	for (i = 0; i < f->nparts; i++) {
		struct fpart *p = &f->parts[i];

		for (j = 0; j < p->nsections; j++) {
			free(p->sections[j].questions);
			nameidx_free(&p->sections[j].qidx);
		}
		free(p->sections);
		free(p->questions);
		nameidx_free(&p->sidx);
		nameidx_free(&p->qidx);
		free(p->texts);
	}
	free(f->parts);
	nameidx_free(&f->pidx);
}

static void
free_content(struct content *c)
{
	size_t i;

	for (i = 0; i < c->nitems; i++)
		free(c->items[i].notes);
	free(c->items);
	for (i = 0; i < c->nturns; i++)
		free(c->turns[i].parties);
	free(c->turns);
	free(c->focus);
	free(c->children);
	free(c->answers);
	free(c);
}

void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nents; i++) {
		struct entity *e = m->ents[i];

		if (e->kind == ENT_PERSON) {
			free(((struct person *)e)->ofs);
		} else if (e->kind == ENT_PARTY) {
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
	nameidx_free(&m->broken);
	for (i = 0; i < m->nbroken_names; i++)
		free(m->broken_names[i]);
	free(m->broken_names);
	if (m->group)
		free(m->group->people);	/* a person 'of municipalities' */
	free(m->group);
	free(m->zone);
	for (i = 0; i < m->nparts; i++) {
		free(m->parts[i].items);
		nameidx_free(&m->parts[i].sidx);
		free(m->parts[i].answers);
	}
	free(m->parts);
	for (i = 0; i < m->ntexts; i++) {
		free(m->texts[i]->expanded);
		if (m->texts[i]->doc)
			cmark_node_free(m->texts[i]->doc);
		free(m->texts[i]);
	}
	free(m->texts);
	for (i = 0; i < m->ncontents; i++)
		free_content(m->contents[i]);
	free(m->contents);
	buf_free(&m->doc.keywords);
	free(m);
}
