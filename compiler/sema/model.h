/* model.h - the checked model of a zone source: what its declarations
 * mean, with every reference resolved. Included by check.c, expand.c
 * and lower.c only. */
#ifndef AFC_MODEL_H
#define AFC_MODEL_H

#include "base/util.h"
#include "front/ast.h"

enum ent_kind {
	ENT_PARTY,
	ENT_PERSON,
	ENT_BODY,
	ENT_EVENT,
	ENT_DEADLINE,
	ENT_FORM,
	ENT_ZONE,		/* the pseudo-entity "zone": the document's zone */
};

enum party_kind {
	PARTY_COUNCIL,
	PARTY_MUNICIPALITY,
	PARTY_PARTNER,
	PARTY_GROUP,		/* "municipalities": all of them */
};

enum role {
	ROLE_NONE,
	ROLE_RESPONSIBLE,
	ROLE_EXPERT,
	ROLE_INVITEE,
};

enum unit {
	UNIT_DAY,
	UNIT_WEEK,
	UNIT_MONTH,
	UNIT_QUARTER,
	UNIT_YEAR,
};

/* Every named thing; the kind-specific struct embeds this first. */
struct entity {
	enum ent_kind kind;
	const char *id;
	const struct ast_node *decl;	/* NULL for built-in ones */
	int used;
};

struct party {
	struct entity e;
	enum party_kind kind;
	const char *name;
	const char *called;	/* how prose names it: "de zorgraad" */
	int invitees_none;
	struct person **people;	/* who belongs to it, in declaration order */
	size_t npeople;
};

struct person;

/* Whether a party has a person of the given role. */
int party_has_role(const struct party *p, int role);

struct person {
	struct entity e;
	const char *name;
	const char *function;	/* or NULL */
	struct party *of;
	enum role role;
};

struct frequency {
	int qualifier;		/* 0 exactly, 1 at least, -1 at most */
	int count;
	enum unit per;
};

struct body {
	struct entity e;
	const char *name;
	struct party **members;
	size_t nmembers;
	int has_meets;
	struct frequency meets;
	const char *yearly;	/* who joins once a year, or NULL */
	struct person **guests;
	size_t nguests;
};

struct event {
	struct entity e;
	const char *text;	/* "goedkeuring door de gemeenteraad" */
};

enum due_kind {
	DUE_AFTER,		/* after EVENT */
	DUE_WITHIN,		/* at the latest N UNITs after EVENT */
	DUE_BY_DATE,		/* at the latest on a date */
	DUE_MONTHS,		/* in the months m1 to m2 of year */
	DUE_PERIOD,		/* a period in words */
};

struct due {
	enum due_kind kind;
	int count;
	enum unit unit;
	struct event *event;
	int year, month, month2, day;
	const char *text;
};

enum how {
	HOW_UNSPECIFIED,
	HOW_DIGITAL,
	HOW_PAPER,
	HOW_MAIL,
	HOW_MEETING,
};

struct deadline {
	struct entity e;
	const char *what, *action, *by, *audience;
	struct party *from, *to;
	enum how how;
	struct due due;
	int singular;		/* the subject is one thing: "wordt" */
};

struct fquestion {
	const char *id;
	const struct ast_value *text;
	int optional;
};

struct fsection {
	const char *id;
	const char *title;
	int optional;
	struct fquestion *questions;
	size_t nquestions;
};

/* A standard text of the form, shown in one layout or in both. */
struct ftext {
	const struct ast_value *text;
	int layout;		/* 0 both, else LAYOUT_* */
};

struct fpart {
	const char *id;
	const char *title;
	int numbered;
	struct ftext *texts;
	size_t ntexts;
	struct fsection *sections;
	size_t nsections;
	struct fquestion *questions;	/* asked in the part itself */
	size_t nquestions;
};

struct form {
	struct entity e;
	const char *title;
	const char *department, *phone, *email;
	struct fpart *parts;
	size_t nparts;
};

enum layout {
	LAYOUT_SECTIONS = 1,
	LAYOUT_QUESTIONS = 2,
};

enum numbering {
	NUMBER_DEEL,		/* "Deel 1: Afsprakenkader" */
	NUMBER_PLAIN,		/* "1 Afsprakenkader" */
	NUMBER_NONE,
};

struct docinfo {
	struct form *form;
	enum layout layout;
	enum numbering numbering;
	const char *title, *subtitle, *zone, *version, *subject;
	struct party *council;
	int year, month, day;	/* the date, or 0 */
	int draft;
	int letterhead;		/* print the form's letterhead */
	struct buf keywords;	/* comma-separated */
};

/* A part of the zone source matched to its part in the form. */
struct zpart {
	const struct fpart *form;
	const struct ast_node *node;	/* NULL when the zone has none */
};

struct model {
	struct docinfo doc;
	const struct ast_node *docnode;	/* the document block, once seen */
	struct entity **ents;	/* in declaration order */
	size_t nents;
	struct symtab *syms;
	struct zpart *parts;	/* in the form's order */
	size_t nparts;
	struct party *group;	/* the built-in "municipalities" */
	struct entity *zone;	/* the built-in "zone" */
	size_t nmunicipalities;
	int unresolved_people;	/* a person's party was not found */
};

/* The section of a form's part called id, or NULL. */
const struct fsection *fpart_section(const struct fpart *fp, const char *id);

/* Looks an id up; NULL when unknown. */
struct entity *model_find(const struct model *m, const char *id);
/* The closest known id to id, for a did-you-mean note, or NULL. */
const char *model_suggest(const struct model *m, const char *id, int kind);

/* Dutch words for things the model holds. */
const char *nl_unit(enum unit u, int plural);
const char *nl_number(int n);		/* "vijf"; NULL above twelve */
const char *nl_month(int m);		/* 1..12: "januari" */
void nl_frequency(struct buf *b, const struct frequency *f, int shortform);
void nl_due(struct buf *b, const struct due *d);
const char *nl_how(enum how h);
/* "de lokale besturen" for the group, else the party's called name. */
void nl_party(struct buf *b, const struct model *m, const struct party *p,
    int with_count);
/* "A, B en C" */
void nl_join(struct buf *b, const char *const *items, size_t n);

/*
 * Expands the {placeholders} of a text into out, with the substituted
 * values escaped for CommonMark. With report set, unknown references
 * and fields are reported (the checker's pass) and entities marked used.
 * Returns the number of problems found.
 */
int expand_text(const struct model *m, const struct ast_value *v,
    struct buf *out, int report);

#endif
