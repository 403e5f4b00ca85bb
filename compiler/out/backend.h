/* backend.h - the life cycle shared by the output formats.
 * Included by the command line and by each backend (md.c, html.c,
 * pdf.c).
 *
 * A backend is opened once, loading what does not depend on a zone
 * (templates, stylesheet, hyphenation patterns), renders any number of
 * zones, and is closed. */
#ifndef AFC_BACKEND_H
#define AFC_BACKEND_H

#include "base/diag.h"
#include "base/util.h"
#include "lower/doc.h"

struct render_ctx {
	const char *datadir;	/* holds templates/ and fonts/ */
};

struct backend {
	const char *name;	/* "md", as given to --to */
	const char *ext;	/* file name extension, "md" */
	const char *label;	/* for readers: "Markdown" */
	int dflt;		/* built when no --to is given */
	/* Loads what every zone needs; returns the backend's state, or
	 * NULL after reporting the problem into dg. */
	void *(*open)(const struct render_ctx *ctx, struct diags *dg);
	/* Renders d into out. Returns 0; 1 after errors at their places
	 * in the sources, which are to be fixed (a character no font has);
	 * or -1 after reporting another problem into dg. out is to be
	 * discarded unless 0 was returned. */
	int (*render)(void *state, const struct doc *d, struct diags *dg,
	    struct buf *out);
	/* Calls fn with the path of every file open() and render() read,
	 * for a build's record of what its outputs depend on. */
	void (*deps)(void *state, void (*fn)(void *arg, const char *path),
	    void *arg);
	void (*close)(void *state);
};

void *md_open(const struct render_ctx *ctx, struct diags *dg);
int md_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out);
void md_deps(void *state, void (*fn)(void *arg, const char *path), void *arg);
void md_close(void *state);

void *html_open(const struct render_ctx *ctx, struct diags *dg);
int html_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out);
void html_deps(void *state, void (*fn)(void *arg, const char *path), void *arg);
void html_close(void *state);

void *pdf_open(const struct render_ctx *ctx, struct diags *dg);
int pdf_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out);
void pdf_deps(void *state, void (*fn)(void *arg, const char *path), void *arg);
void pdf_close(void *state);

void *ics_open(const struct render_ctx *ctx, struct diags *dg);
int ics_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out);
void ics_deps(void *state, void (*fn)(void *arg, const char *path), void *arg);
void ics_close(void *state);

void *json_open(const struct render_ctx *ctx, struct diags *dg);
int json_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out);
void json_deps(void *state, void (*fn)(void *arg, const char *path), void *arg);
void json_close(void *state);

/* Calls fn for every heading of d's body, in order, with its level in
 * the document tree (2 a part, 3 a section, 4 a theme), its text and
 * the id the HTML page gives it (the target of "#id"). */
void html_headings(const struct doc *d, void (*fn)(void *arg, int level,
    const char *text, const char *id), void *arg);

/* One entry of the index page of a build directory: what the zone's
 * document said of itself when it was last built (meta->zone is the
 * name shown), and the outputs on disk. */
struct index_entry {
	const struct doc_meta *meta;
	const char *base;	/* output name, "amalo" or "oost/amalo" */
	unsigned formats;	/* bit k: backends[k]'s output is on disk */
	int failed;		/* its last build failed */
};
/* Renders the index page with the html backend's state. */
int html_render_index(void *html, const struct index_entry *e, size_t n,
    struct diags *dg, struct buf *out);

/* The backend called name, or NULL. */
const struct backend *backend_find(const char *name);
extern const struct backend backends[];
extern const size_t nbackends;

#endif
