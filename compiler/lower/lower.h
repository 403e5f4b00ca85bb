/* lower.h - from a checked model to the document tree.
 * Included by the compile unit, lower.c and the tests. */
#ifndef AFC_LOWER_H
#define AFC_LOWER_H

#include "lower/doc.h"

struct model;

/* Builds the document tree of a checked model into d. The parsed texts
 * of the model move into d, so a model is lowered once; d owns all it
 * points to and outlives the model. */
void lower(const struct model *m, const char *source_name, struct doc *d);

#endif
