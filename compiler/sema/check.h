/* check.h - from a syntax tree to a checked model, and to a document.
 * Included by main.c, check.c, lower.c and the tests. */
#ifndef AFC_CHECK_H
#define AFC_CHECK_H

#include "front/ast.h"
#include "lower/doc.h"

struct model;

/* Checks the tree of a zone source (with what it includes) and builds
 * its model, reporting every problem found. Returns NULL when there
 * were errors; warnings alone still give a model. */
struct model *check(const struct ast_node *root);
void model_free(struct model *m);

/* Builds the document tree of a checked model into d. The model must
 * outlive nothing: d owns all it points to. */
void lower(const struct model *m, const char *source_name, struct doc *d);

#endif
