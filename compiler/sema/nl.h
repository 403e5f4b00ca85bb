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
/* The same, followed by the date in brackets ("(24 april 2025)") when
 * show is set and the due is relative to an event with a date. */
void nl_due_dated(struct buf *b, const struct due *d, int show);
const char *nl_how(enum how h);
/* "de lokale besturen" for the group, else the party's called name. */
void nl_party(struct buf *b, const struct model *m, const struct party *p,
    int with_count);
/* The length of the letter at s if it is a lower-case (upper) or an
 * upper-case (!upper) letter of ASCII or Latin-1 in UTF-8, else 0. */
int nl_letter(const unsigned char *s, int upper);
/* Writes the letter at b->data[at] in upper (or lower) case, if it is
 * one that has a case. */
void nl_set_case(struct buf *b, size_t at, int upper);
/* "A, B en C" */
void nl_join(struct buf *b, const char *const *items, size_t n);

#endif
