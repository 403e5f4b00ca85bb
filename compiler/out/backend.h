/* backend.h - the life cycle shared by the output formats.
 * Included by main.c and by each backend (md.c, html.c, pdf.c). */
#ifndef AFC_BACKEND_H
#define AFC_BACKEND_H

#include "base/util.h"
#include "lower/doc.h"

struct render_ctx {
	const char *datadir;	/* holds templates/ and fonts/ */
};

/* Renders d into out. Returns 0, or -1 after reporting the problem
 * with diag(); out is then to be discarded. */
typedef int (*render_fn)(const struct doc *d, const struct render_ctx *ctx,
    struct buf *out);

struct backend {
	const char *name;	/* "md", as given to --to */
	const char *ext;	/* file name extension, "md" */
	render_fn render;	/* NULL: not available in this build */
};

int md_render(const struct doc *d, const struct render_ctx *ctx, struct buf *out);
int html_render(const struct doc *d, const struct render_ctx *ctx, struct buf *out);
int pdf_render(const struct doc *d, const struct render_ctx *ctx, struct buf *out);

/* One entry of the index page written when several sources are built. */
struct index_entry {
	const struct doc *doc;
	const char *base;	/* output base name, "amalo" */
	int has_html, has_pdf, has_md;
};
int html_render_index(const struct index_entry *e, size_t n,
    const struct render_ctx *ctx, struct buf *out);

/* The backend called name, or NULL. */
const struct backend *backend_find(const char *name);
extern const struct backend backends[];
extern const size_t nbackends;

#endif
