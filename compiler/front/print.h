/* print.h - the canonical form of an afs source, from its syntax tree.
 * Included by `afc fmt` and its tests. */
#ifndef AFC_PRINT_H
#define AFC_PRINT_H

#include "base/util.h"
#include "front/ast.h"

/* Appends the canonical text of the file root (not of what it
 * includes) to out; see print.c for what canonical means. */
void ast_print(const struct ast_node *root, struct buf *out);
/* Appends s as a string in quotes, with '"' and '\\' escaped. */
void ast_print_quoted(struct buf *b, const char *s);

#endif
