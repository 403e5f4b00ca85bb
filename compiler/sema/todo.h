/* todo.h - the placeholders `afc new` leaves for the author.
 * Included by the compile unit and cli/new.c. */
#ifndef AFC_TODO_H
#define AFC_TODO_H

#include "front/ast.h"

/* The word that marks a text still to be written. */
#define TODO_MARK "TODO"

/* Warns at every text in quotes and text block of the tree (and what
 * it includes) that still holds TODO_MARK, with the caret on it. */
void todo_warn(const struct ast_node *root);

#endif
