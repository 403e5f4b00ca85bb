/* html.c - the HTML backend (not yet available). */
#include "backend.h"

int
html_render_index(const struct index_entry *e, size_t n,
    const struct render_ctx *ctx, struct buf *out)
{
	(void)e, (void)n, (void)ctx, (void)out;
	return -1;
}
