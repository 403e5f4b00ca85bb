/* model.h - the checked model of a zone source: what every statement
 * means, with every reference resolved and every text parsed, each
 * with the syntax node it came from. Built by check.c; read by the
 * lowering, the tests and the tools that compare zones. The model of a
 * source with errors is not given out: what it holds is then partial. */
#ifndef AFC_MODEL_H
#define AFC_MODEL_H

#include <cmark.h>

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

enum time_unit {
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
	int bad;		/* its declaration had errors: a field it
				 * lacks, or its not being used, follows from
				 * them and is not reported */
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
	struct party *of;	/* the first of ofs */
	struct party **ofs;	/* the parties it serves, in order */
	size_t nof;
	enum role role;
};

struct frequency {
	int qualifier;		/* 0 exactly, 1 at least, -1 at most */
	int count;
	enum time_unit per;
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
	int year, month, day;	/* when it happened (the document's dates),
				 * or 0 */
	const struct ast_node *dated;	/* the line that dates it */
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
	enum time_unit unit;
	struct event *event;
	int year, month, month2, day;
	int year2;		/* DUE_MONTHS: the year of month2 */
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
	const struct ast_node *due_at;	/* its due statement */
};

/*
 * A text of the source or of the form, with its placeholders expanded
 * and parsed as CommonMark once, by the checker. The lowering moves
 * the parsed blocks into the document: a model is lowered once.
 */
struct prose {
	const struct ast_value *src;
	char *expanded;		/* the CommonMark text */
	cmark_node *doc;	/* its blocks, raw HTML made text; or NULL
				 * when the text had errors */
};

struct fquestion {
	const char *id;
	const struct ast_value *src;
	struct prose *text;	/* NULL until the zone's texts are checked */
	int optional;
	const struct ast_node *node;
};

struct fsection {
	const char *id;
	const char *title;
	int optional;
	struct fquestion *questions;
	size_t nquestions;
	struct nameidx qidx;	/* the questions by name */
	const struct ast_node *node;
};

/* A standard text of the form, shown in one layout or in both. */
struct ftext {
	const struct ast_value *src;
	struct prose *text;	/* NULL until the zone's texts are checked */
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
	struct nameidx sidx, qidx;	/* the sections and questions by name */
	const struct ast_node *node;
};

struct form {
	struct entity e;
	const char *title;
	int year;		/* the year the form is for, or 0 */
	const struct ast_node *yearnode;	/* its statement, once seen */
	const char *department, *phone, *email;
	struct fpart *parts;
	size_t nparts;
	struct nameidx pidx;	/* the parts by name */
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
	int due_dates;		/* a deadline after a dated event prints
				 * its date after the relative one */
	struct buf keywords;	/* comma-separated */
};

/* What a zone writes in its parts, sections, themes and answers. */
enum content_kind {
	CONTENT_TEXT,
	CONTENT_REMARK,
	CONTENT_CONTACTS,	/* the responsible official of each municipality */
	CONTENT_INVITEES,	/* the extra invitees of each municipality */
	CONTENT_DEADLINE,	/* the sentence of a declared deadline */
	CONTENT_TARGETGROUPS,
	CONTENT_SCHEDULE,
	CONTENT_ROTATION,
	CONTENT_THEME,
	CONTENT_SECTION,	/* in a part */
	CONTENT_ANSWER,		/* in a part or a section */
};

/* A target group or a rotation's activity: "name (note) (note)". */
struct noted {
	const char *name;
	const char **notes;
	size_t nnotes;
	const struct ast_node *node;
};

/* A period of the theme schedule. */
struct focus {
	int from, to;
	const char *years;	/* as written: "2026-2027" */
	const char *theme;
	const struct ast_node *node;
};

/* A rotation's order of turns. */
struct turns {
	struct party **parties;
	size_t nparties;
	const struct ast_node *node;
};

struct content {
	enum content_kind kind;
	const struct ast_node *node;
	struct prose *text;		/* TEXT, REMARK, ANSWER as a text */
	struct deadline *deadline;	/* DEADLINE */
	struct noted *items;		/* TARGETGROUPS, ROTATION */
	size_t nitems;
	struct turns *turns;		/* ROTATION */
	size_t nturns;
	struct focus *focus;		/* SCHEDULE */
	size_t nfocus;
	int continues;			/* SCHEDULE: "…" after the last */
	const char *id;			/* THEME, SECTION, ANSWER */
	const char *title;		/* THEME; SECTION: given, or the form's */
	const struct fsection *fsection;	/* SECTION: the form's, or NULL */
	const struct fquestion *question;	/* ANSWER */
	/* THEME, SECTION, ANSWER as a block: what it holds, in the order
	 * of the source (a section's answers among it). */
	struct content **children;
	size_t nchildren;
	/* SECTION of the form: the answer to each of its questions, or
	 * NULL. */
	struct content **answers;
};

/* A part of the zone source matched to its part in the form. */
struct zpart {
	const struct fpart *form;
	const struct ast_node *node;	/* NULL when the zone has none */
	const char *title;		/* given by the zone, or NULL */
	/* Sections, answers and content, in the order of the source. */
	struct content **items;
	size_t nitems;
	struct nameidx sidx;		/* its sections among the items */
	/* The answer to each question of the part itself, or NULL. */
	struct content **answers;
};

struct model {
	struct docinfo doc;
	const struct ast_node *docnode;	/* the document block, once seen */
	struct entity **ents;	/* in declaration order */
	size_t nents;
	struct symtab *syms;
	struct nameidx broken;	/* names whose declaration was refused:
				 * a reference to one is not reported */
	char **broken_names;	/* the names of broken the model owns */
	size_t nbroken_names;
	struct zpart *parts;	/* in the form's order */
	size_t nparts;
	struct party *group;	/* the built-in "municipalities" */
	struct entity *zone;	/* the built-in "zone" */
	size_t nmunicipalities;
	int unresolved_people;	/* a person's party was not found */
	int include_failed;	/* an include read no file */
	struct prose **texts;	/* every text, to free */
	size_t ntexts;
	struct content **contents;	/* every content, to free */
	size_t ncontents;
	size_t expanded;	/* bytes the references of all texts add */
};

/* A new, empty model with the built-in names; model_free() frees it. */
struct model *model_new(void);
void model_free(struct model *m);
/* Enters e under e->id; the caller has checked the id is new. */
void model_add(struct model *m, struct entity *e);

/* The section of a form's part called id, or NULL. */
const struct fsection *fpart_section(const struct fpart *fp, const char *id);

/* Looks an id up; NULL when unknown. */
struct entity *model_find(const struct model *m, const char *id);
/* The closest known id to id, for a did-you-mean note, or NULL. */
const char *model_suggest(const struct model *m, const char *id, int kind);

#endif
