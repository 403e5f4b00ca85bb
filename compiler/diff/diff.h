/* diff.h - what changed in meaning between two compiled versions of a
 * zone, and the ways of showing it. Included by the diff and log
 * commands (cli/diff.c, cli/log.c) and the tests.
 *
 * diff_units() compares the facts of the two models (declarations
 * matched by kind and id; list items matched by name) and the prose of
 * the two document trees (matched by heading path as printed, then by
 * paragraph and sentence, with a word diff inside). A generated sentence
 * whose words changed only because a fact changed is an echo: it is
 * kept under the change of that fact. The kinds of change are listed in
 * docs/diff.md; they are stable. */
#ifndef AFC_DIFF_H
#define AFC_DIFF_H

#include <stddef.h>

#include "base/util.h"
#include "unit/unit.h"

enum dgroup {
	DG_DOCUMENT,		/* the document block: title, version... */
	DG_PARTIES,		/* parties and people */
	DG_BODIES,		/* bodies and events */
	DG_DEADLINES,
	DG_BODY,		/* the body of the document, by heading path */
};

struct dchange {
	const char *kind;	/* "person.replaced": docs/diff.md */
	enum dgroup group;
	char *entity;		/* "person sooi", or the section's heading */
	char *field;		/* "function", or NULL */
	char *old, *new;	/* the values as printed; NULL when absent */
	char *where;		/* "Deel 2 › Algemeen engagement", or NULL */
	char *src_old, *src_new;	/* "v1.0:amalo.afs:39:12", or NULL */
	size_t cause;		/* an echo: 1 + the index of its cause */
	size_t nechoes;		/* a cause: how many echoes it has */
	size_t sec;		/* the order of its section: the new
				   document's, then the removed ones */
	/* what a changed text may be an echo of: "\ntoken\n..." */
	char *vocab_old, *vocab_new;
	char *label;		/* a fact's entity as printed: "Jan Peeters" */
	/* the blocks of the two document trees it is about (a paragraph,
	 * a heading), for a redline's links; NULL for facts */
	cmark_node *at_old, *at_new;
};

/* The blocks of the two document trees, aligned in the order of the
 * new document (then the sections only the old one has): what a redline
 * is made of. The blocks are paragraphs and section headings. */
struct dpair {
	cmark_node *a, *b;	/* old and new; NULL for none */
	char how;		/* '=' the same, '~' changed, '-' removed,
				   '+' added */
};

/* Something that differs in the sources but not in meaning. */
struct dignored {
	const char *kind;	/* "order.declarations", "comment", "layout" */
	char *what;
};

struct diff {
	char *old_name, *new_name;	/* "v1.0:zones/amalo.afs" */
	char *old_version;	/* the old document's version, or its name */
	struct dchange *v;
	size_t n;
	struct dignored *ign;
	size_t nign;
	struct dpair *al;
	size_t nal;
};

/*
 * Compares two units that compiled (unit_model() and unit_doc() not
 * NULL); old_name and new_name are shown as the two sides. The units
 * must outlive d.
 */
void diff_units(struct diff *d, const struct unit *a, const struct unit *b,
    const char *old_name, const char *new_name);
void diff_free(struct diff *d);

/* The number of changes in meaning, echoes not counted. */
size_t diff_count(const struct diff *d);

/* The indexes of the changes that are not echoes, in the order they
 * are shown: groups, then the sections of the document in order; *n
 * set to their number. Free the result. */
size_t *diff_order(const struct diff *d, size_t *n);

/* The word diff of two texts: deleted words between pre_del and
 * post_del, inserted ones between pre_ins and post_ins; with context
 * not negative, runs of common words longer than twice that are cut to
 * that many words on each side of a change. */
void diff_words(struct buf *out, const char *a, const char *b,
    const char *pre_del, const char *post_del, const char *pre_ins,
    const char *post_ins, int context);

/* The change list as text: colour with ANSI escapes when color is set;
 * with all set, every echo is shown and not only counted; with stat,
 * only the counts per group. */
void diff_text(const struct diff *d, struct buf *out, int color, int all,
    int stat);
/* The change list as JSON (docs/diff.md). */
void diff_json(const struct diff *d, struct buf *out);
/* s as a JSON string, quoted and escaped; null for NULL. */
void diff_json_string(struct buf *out, const char *s);


/* A plain line diff of two texts, in the unified format, for when a
 * side does not compile. */
void diff_lines(struct buf *out, const char *old_name, const char *a,
    size_t alen, const char *new_name, const char *b, size_t blen);

/* The reader's text of a document, for git's textconv: one paragraph a
 * line, headings as "## Deel 2 › Section" lines. */
void diff_textconv(const struct doc *doc, struct buf *out);

/* The word diff of two texts as inlines appended to parent: deleted
 * words in a DOC_DEL, inserted ones in a DOC_INS (lower/doc.h); with
 * context as diff_words() has it. */
void diff_word_nodes(cmark_node *parent, const char *a, const char *b,
    int context);

/*
 * Makes doc, the document of the new version that d compared, its
 * redline (lower/doc.h): the changed words of each paragraph deleted and
 * inserted, removed blocks put back in their place from the old
 * version's tree, blocks marked added, removed or changed, and after the
 * title block the box that lists the changes, each linking to its mark.
 * Both units d compared must still be there; doc is changed in place.
 */
void diff_redline(const struct diff *d, struct doc *doc);

#endif
