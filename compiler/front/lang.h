/* lang.h - the table of the language: every keyword once per meaning,
 * with where it may stand, how many values it takes, whether it opens a
 * block, and the usage line shown when it is written wrong.
 * Included by the parser, the checker, the formatter and `afc keywords`,
 * which prints the table for docs/language.md and the editor grammars.
 *
 * A name may have several meanings by place: `text` in a part of a form
 * takes a layout and a text, in a zone's part only a text; `deadline` at
 * the top declares a deadline, in content it names one. Each meaning is
 * an entry of its own. */
#ifndef AFC_LANG_H
#define AFC_LANG_H

#include <stddef.h>

/* The places a statement can stand: the top of a file and the blocks. */
enum lang_ctx {
	CTX_TOP,
	CTX_DOCUMENT,
	CTX_FORM,
	CTX_LETTERHEAD,
	CTX_FPART,		/* a part of a form */
	CTX_FSECTION,		/* a section of a form */
	CTX_PARTY,
	CTX_PERSON,
	CTX_BODY,
	CTX_DEADLINE,
	CTX_ZPART,		/* a part of a zone */
	CTX_ZSECTION,		/* a section of a zone */
	CTX_THEME,
	CTX_ANSWER,		/* an answer given as a block */
	CTX_TARGETGROUPS,
	CTX_SCHEDULE,
	CTX_ROTATION,
	CTX__COUNT
};

#define CTX_BIT(c)	(1u << (c))
/* Where the content statements may stand. */
#define CTX_CONTENT	(CTX_BIT(CTX_ZPART) | CTX_BIT(CTX_ZSECTION) | \
			 CTX_BIT(CTX_THEME) | CTX_BIT(CTX_ANSWER))

/* Every meaning of every keyword, in the order the messages list them. */
enum kw {
	/* the top of a file */
	K_INCLUDE, K_DOCUMENT, K_FORM, K_EVENT, K_COUNCIL, K_MUNICIPALITY,
	K_PARTNER, K_PERSON, K_BODY, K_DEADLINE, K_PART,
	/* the document block */
	K_DOC_FORM, K_LAYOUT, K_NUMBERING, K_TITLE, K_SUBTITLE, K_ZONE,
	K_DOC_COUNCIL, K_VERSION, K_DATE, K_STATUS, K_SUBJECT, K_KEYWORDS,
	K_DOC_LETTERHEAD, K_DATES, K_DUE_DATES,
	/* a form */
	K_FORM_YEAR, K_FORM_LETTERHEAD, K_FORM_PART, K_DEPARTMENT, K_PHONE, K_EMAIL,
	K_NUMBERED, K_FORM_TEXT, K_FORM_SECTION, K_QUESTION,
	/* declarations */
	K_CALLED, K_PARTY_INVITEES, K_OF, K_FUNCTION, K_ROLE, K_MEMBERS,
	K_MEETS, K_YEARLY, K_GUESTS, K_WHAT, K_DUE, K_HOW, K_ACTION, K_FROM,
	K_BY, K_TO, K_AUDIENCE,
	/* a zone's parts and content */
	K_SECTION, K_ANSWER, K_TEXT, K_REMARK, K_CONTACTS, K_INVITEES,
	K_DEADLINE_REF, K_TARGETGROUPS, K_SCHEDULE, K_ROTATION, K_THEME,
	K_GROUP, K_FOCUS, K_CONTINUES, K_ACTIVITY, K_TURNS,
	K__COUNT
};

#define LANG_MANY	255	/* no upper bound on the values */

enum lang_block {
	BLOCK_NONE,		/* a block is refused */
	BLOCK_OPTIONAL,
	BLOCK_REQUIRED,
	BLOCK_ANY,		/* not judged by the table (see custom) */
};

struct keyword {
	enum kw id;
	const char *name;
	unsigned where;		/* CTX_BIT()s */
	unsigned char min, max;	/* how many values */
	enum lang_block block;
	/* The checker judges the values itself (an answer's two shapes,
	 * a frequency, a due): min and max are what the grammar allows. */
	int custom;
	const char *usage;	/* after the keyword: "needs a name and ..." */
	const char *grammar;	/* the values in EBNF, for `afc keywords` */
};

extern const struct keyword lang_keywords[K__COUNT];

/* The meaning of keyword name at ctx, or NULL when it has none there. */
const struct keyword *lang_find(const char *name, enum lang_ctx ctx);
/* Whether name is a keyword in any of the places of the mask. */
int lang_known(const char *name, unsigned ctx_mask);
/* "at the top of a file", "in a person", ... */
const char *lang_where(enum lang_ctx ctx);
/* The name of a place for `afc keywords`: "top", "person", ... */
const char *lang_ctx_name(enum lang_ctx ctx);

#endif
