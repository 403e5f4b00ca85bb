/* date.h - calendar dates and the dates of deadlines: a deadline
 * relative to a dated event gets a date. Included by the checker, the
 * lowering and the tests. */
#ifndef AFC_DATE_H
#define AFC_DATE_H

#include "sema/model.h"

struct date {
	int y, m, d;		/* 0 0 0: no date */
};

int date_is_leap(int y);
int date_days_in_month(int y, int m);
/* Whether y-m-d is a date of the Gregorian calendar (years 1900-2999). */
int date_valid(int y, int m, int d);
/* The date n units after a: a month later is the same day of the next
 * month, clamped to its last day (31 January + 1 month = 28 or 29
 * February); a quarter is three months, a year twelve. */
struct date date_add(struct date a, int n, enum time_unit u);
/* The day after a. */
struct date date_next(struct date a);
/* <0, 0, >0 as a is before, on or after b. */
int date_cmp(struct date a, struct date b);
/* Writes "2025-04-24" into s (11 bytes). */
void date_iso(struct date a, char *s);

/*
 * The dates of a due: by a date, a range of months, or a span after a
 * dated event. Returns 1 and sets *from and *to (the same day for one
 * date; the first and last day of a range of months), or 0 when the due
 * has no date: a period in words, or an event not dated.
 */
int due_dates(const struct due *d, struct date *from, struct date *to);

#endif
