/* doc.h - the document tree that every backend renders.
 * Built by lower.c from a checked source; read by md.c, html.c and the
 * PDF layout. Backends never see the syntax tree.
 *
 * The tree is a cmark tree. Its root is a CMARK_NODE_DOCUMENT whose
 * children come in this order and shape:
 *
 *   DOC_LETTERHEAD   (optional) custom block; one PARAGRAPH per line of
 *                    the issuing department's letterhead (name, phone,
 *                    e-mail as a mailto LINK).
 *   DOC_TITLEBLOCK   custom block; a HEADING of level 1 (the title), then
 *                    zero or more PARAGRAPHs (subtitle, version line).
 *   the body:
 *     HEADING 2      a part of the form ("Deel 1: afsprakenkader")
 *     HEADING 3      a section ("Afstemming lokaal sociaal beleid")
 *     HEADING 4      a permanent theme ("Jongeren")
 *     PARAGRAPH, LIST (bullet or ordered, with ITEMs holding blocks),
 *     BLOCK_QUOTE    as CommonMark has them;
 *     DOC_REMARK     custom block holding PARAGRAPHs: a remark, shown
 *                    with a ➢ before its first paragraph;
 *     DOC_CONTACTS   custom block holding one bullet LIST: people per
 *                    municipality ("Asse: Sooi De Maeyer, functie"); each
 *                    ITEM's PARAGRAPH starts with a STRONG (the party);
 *     questions      a LIST (bullet: the form's "- " questions; ordered:
 *                    numbered questions, with the list's start number)
 *                    whose every ITEM holds a DOC_QUESTION custom block
 *                    (the question's PARAGRAPHs) and then a DOC_ANSWER
 *                    custom block (the answer's blocks).
 *
 * Inlines are TEXT, EMPH, STRONG, CODE, LINK (http:, https: or mailto:
 * only), SOFTBREAK (a space) and LINEBREAK. There is no raw HTML, no
 * image and no code block: the checker has rejected or escaped them.
 * Text is valid UTF-8.
 *
 * A redline (afc diff --to html|pdf|md, made by diff/redline.c) has
 * more; a document compiled from a source never has them:
 *   DOC_CHANGES      custom block after the title block: a HEADING 2
 *                    ("Wijzigingen ten opzichte van versie 1.0"), then
 *                    per group a HEADING 3 and a bullet LIST whose every
 *                    ITEM's PARAGRAPH holds one DOC_REF.
 *   DOC_DEL, DOC_INS custom inlines: deleted and inserted words.
 *   DOC_REF          custom inline: a link to the block whose mark has
 *                    the id doc_ref_target() gives.
 *   marks            a block (PARAGRAPH, HEADING, ITEM, LIST, BLOCK_QUOTE
 *                    or custom block) added, removed or changed carries
 *                    a struct doc_mark (doc_mark()); a removed one is
 *                    the old version's block, its words in DOC_DEL.
 */
#ifndef AFC_DOC_H
#define AFC_DOC_H

#include <cmark.h>

#include "base/diag.h"

enum doc_kind {
	DOC_NONE,		/* not a custom block of ours */
	DOC_LETTERHEAD,
	DOC_TITLEBLOCK,
	DOC_REMARK,
	DOC_CONTACTS,
	DOC_QUESTION,
	DOC_ANSWER,
	DOC_CHANGES,		/* custom blocks of a redline */
	DOC_DEL,		/* custom inlines of a redline */
	DOC_INS,
	DOC_REF,
};

/* What happened to a block of a redline. */
enum doc_change {
	DOC_ADDED = 1,
	DOC_REMOVED,
	DOC_CHANGED,
};

struct doc_mark {
	enum doc_change change;
	const char *id;		/* "wijziging-3": its anchor */
};

/* What a document says about itself; every field is a UTF-8 string, ""
 * when the source does not give it, never NULL. */
struct doc_meta {
	const char *title;	/* "Afsprakenkader: afstemming lokaal sociaal beleid" */
	const char *subtitle;	/* "Eerstelijnszone Midden WVL", or "" */
	const char *zone;	/* "ELZ AMALO" */
	const char *council;	/* author: "Zorgraad ELZ AMALO vzw" */
	const char *department;	/* "Afdeling Eerste Lijn en Gespecialiseerde Zorg" */
	const char *date;	/* ISO 8601 (2025-06-30), or "" */
	const char *date_text;	/* the same in Dutch ("30 juni 2025"), or "" */
	const char *version;	/* "1.0", or "" */
	const char *status;	/* "ontwerp" or "goedgekeurd" */
	const char *subject;	/* one-line description */
	const char *keywords;	/* comma-separated */
	const char *lang;	/* "nl" */
	const char *source;	/* base name of the source file, "amalo" */
};

/* A deadline of the agreement, for a calendar: every field a UTF-8
 * string, "" when absent. */
struct doc_deadline {
	const char *id;		/* the declared name: "accenten" */
	const char *summary;	/* what and the action: "De accenten ...
				 * aangeleverd" */
	const char *sentence;	/* the sentence the documents print */
	const char *start;	/* the first day it is due, 2025-04-24 */
	const char *end;	/* the last day (a range of months), or the
				 * same as start; "" for both when undated */
	const char *until;	/* the day after end: where a calendar's
				 * all-day event stops; or "" */
	const char *event;	/* undated but after an event: its words */
	const char *what;	/* "De accenten rond het lokaal sociaal ..." */
	const char *due;	/* when, in words: "uiterlijk 1 maand na
				 * goedkeuring door de gemeenteraad" */
	const char *from;	/* who delivers: a party's name, "de lokale
				 * besturen", or "" */
	const char *to;		/* to whom, the same way, or "" */
	const char *how;	/* "digitaal", "per e-mail", ..., or "" */
	const char *file;	/* where it is declared: the source file */
	unsigned line;		/* and its line (1-based), or 0 */
	const char *from_id;	/* the parties' and the event's names, or "" */
	const char *to_id;
	const char *event_id;	/* the event of a due after one, dated or not */
};

/* The zone's facts as data, for the JSON backend: every string UTF-8,
 * "" when absent; names (ids) refer to each other. */
struct doc_party {
	const char *id, *kind;	/* "council", "municipality", "partner" */
	const char *name, *called;
};

struct doc_person {
	const char *id, *name, *function;
	const char *party;	/* its party's id */
	const char *role;	/* "responsible", "expert", "invitee" or "" */
};

struct doc_body {
	const char *id, *name;
	const char **members;	/* party ids */
	size_t nmembers;
	const char *meets;	/* "minstens 3 keer per jaar", or "" */
	const char *qualifier;	/* "exactly", "at-least", "at-most", or "" */
	int count;		/* times per unit, 0 when it has no meets */
	const char *per;	/* "day", "week", "month", "quarter", "year" */
	const char *yearly;	/* who joins once a year, or "" */
	const char **guests;	/* person ids */
	size_t nguests;
};

struct doc_event {
	const char *id, *text;
	const char *date;	/* when it happened (the dates block), or "" */
};

/* A period of the theme schedule: the years from..to and its theme. */
struct doc_focus {
	int from, to;
	const char *years, *theme;
};

struct doc {
	cmark_node *root;
	/* Every declared deadline, in declaration order. */
	struct doc_deadline *deadlines;
	size_t ndeadlines;
	/* The facts in declaration order, the schedule in its order (the
	 * arrays are owned like the strings). */
	struct doc_party *parties;
	size_t nparties;
	struct doc_person *people;
	size_t npeople;
	struct doc_body *bodies;
	size_t nbodies;
	struct doc_event *events;
	size_t nevents;
	struct doc_focus *schedule;
	size_t nschedule;
	int schedule_continues;	/* the schedule ends with "…" */
	/* The rest of the document block, as data. */
	const char *form;	/* the form's name: "afsprakenkader-2025" */
	const char *layout;	/* "sections" or "questions" */
	const char *numbering;	/* "deel", "plain" or "none" */
	struct doc_meta meta;
	void *strings;		/* owns the meta strings */
	const char *names;	/* the declared parties' and people's names,
				 * one a line, that a typesetter must not
				 * hyphenate; NULL for none */
	/* Every string and text of the sources, in reading order, as the
	 * byte range (off, end; no line or column) of its file: where a
	 * backend finds the place of a character of the document it cannot
	 * show. The compile unit fills it (none in a redline); the spans
	 * live as long as the unit. */
	struct span *places;
	size_t nplaces;
};

/* The kind of a node: DOC_NONE for anything but our custom blocks and
 * inlines. */
enum doc_kind doc_kind(cmark_node *n);
const char *doc_kind_name(enum doc_kind k);
/* A new, empty custom block (or, for DOC_DEL, DOC_INS and DOC_REF,
 * custom inline) of the given kind. */
cmark_node *doc_new_block(enum doc_kind k);
/* A new DOC_REF to the mark with the given id. */
cmark_node *doc_new_ref(const char *id);
/* The id a DOC_REF links to, or NULL for any other node. */
const char *doc_ref_target(cmark_node *n);
/* The mark of a block of a redline, or NULL. */
const struct doc_mark *doc_mark(cmark_node *n);
/* Marks n (d owns the mark); id may be NULL and set later. */
struct doc_mark *doc_set_mark(struct doc *d, cmark_node *n,
    enum doc_change change);
/* "added", "removed" or "changed". */
const char *doc_change_name(enum doc_change c);
/* A copy of node n alone: its type, text, level, list style, address
 * and title, without children or marks. */
cmark_node *doc_copy_node(cmark_node *n);
/* A deep copy of the subtree n, not linked into a tree; marks are not
 * copied. With fn set, fn(arg, from, to) is called for every node. */
cmark_node *doc_copy(cmark_node *n, void (*fn)(void *arg, cmark_node *from,
    cmark_node *to), void *arg);
/* Makes d own the heap string s (for meta fields); returns s. */
const char *doc_keep(struct doc *d, char *s);
void doc_free(struct doc *d);

#endif
