/* check.h - from a syntax tree to a checked model.
 * Included by the compile unit, check.c and the tests. */
#ifndef AFC_CHECK_H
#define AFC_CHECK_H

#include "front/ast.h"

struct model;

/* Checks the tree of a zone source (with what it includes) and builds
 * its model, reporting every problem found. Returns NULL when there
 * were errors; warnings alone still give a model. */
struct model *check(const struct ast_node *root);
void model_free(struct model *m);

#endif
