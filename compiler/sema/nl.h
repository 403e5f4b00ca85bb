/* nl.h - Dutch words and phrases for the facts the model holds.
 * Included by the placeholder expansion, the lowering and the tests. */
#ifndef AFC_NL_H
#define AFC_NL_H

#include "base/util.h"
#include "sema/model.h"

const char *nl_unit(enum time_unit u, int plural);
const char *nl_number(int n);		/* "vijf"; NULL above twelve */
const char *nl_month(int m);		/* 1..12: "januari" */
void nl_frequency(struct buf *b, const struct frequency *f, int shortform);
void nl_due(struct buf *b, const struct due *d);
const char *nl_how(enum how h);
/* "de lokale besturen" for the group, else the party's called name. */
void nl_party(struct buf *b, const struct model *m, const struct party *p,
    int with_count);
/* "A, B en C" */
void nl_join(struct buf *b, const char *const *items, size_t n);

#endif
