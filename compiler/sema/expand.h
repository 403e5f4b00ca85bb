/* expand.h - the {placeholders} of prose. Included by the checker,
 * which expands every text once, and the tests. */
#ifndef AFC_EXPAND_H
#define AFC_EXPAND_H

#include "base/util.h"
#include "front/ast.h"
#include "sema/model.h"


/*
 * Expands the {placeholders} of a text into out, with the substituted
 * values escaped for CommonMark. Unknown references and fields are
 * reported and the entities named are marked used. Returns the number
 * of problems found; out is then not to be used.
 */
int expand_text(struct model *m, const struct ast_value *v, struct buf *out);
/* A text stops expanding past EXPAND_TEXT_MAX bytes, with an error; the
 * references of all texts together may add EXPAND_ALL_MAX bytes. */
#define EXPAND_TEXT_MAX (1u << 20)
#define EXPAND_ALL_MAX (16u << 20)

#endif
