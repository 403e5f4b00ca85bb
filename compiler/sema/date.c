/* date.c - calendar dates and the dates of deadlines. */
#include <stdio.h>

#include "sema/date.h"

int
date_is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

int
date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

static struct date
add_months(struct date a, int n)
{
	int months = a.y * 12 + (a.m - 1) + n;
	int last;

	a.y = months / 12;
	a.m = months % 12 + 1;
	last = date_days_in_month(a.y, a.m);
	if (a.d > last)
		a.d = last;
	return a;
}

struct date
date_next(struct date a)
{
	if (a.d < date_days_in_month(a.y, a.m)) {
		a.d++;
	} else {
		a.d = 1;
		a = add_months(a, 1);
	}
	return a;
}

struct date
date_add(struct date a, int n, enum time_unit u)
{
	int i;

	switch (u) {
	case UNIT_DAY:
	case UNIT_WEEK:
		for (i = 0; i < (u == UNIT_WEEK ? 7 * n : n); i++)
			a = date_next(a);
		return a;
	case UNIT_MONTH:
		return add_months(a, n);
	case UNIT_QUARTER:
		return add_months(a, 3 * n);
	case UNIT_YEAR:
		return add_months(a, 12 * n);
	}
	return a;
}

int
date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

void
date_iso(struct date a, char *s)
{
	unsigned y = (unsigned)a.y % 10000, m = (unsigned)a.m % 100,
	    d = (unsigned)a.d % 100;

	snprintf(s, 11, "%04u-%02u-%02u", y, m, d);
}

int
due_dates(const struct due *d, struct date *from, struct date *to)
{
	struct date ev;

	switch (d->kind) {
	case DUE_BY_DATE:
		from->y = d->year, from->m = d->month, from->d = d->day;
		*to = *from;
		return 1;
	case DUE_MONTHS:
		from->y = d->year, from->m = d->month, from->d = 1;
		to->y = d->month2 && d->year2 ? d->year2 : d->year;
		to->m = d->month2 ? d->month2 : d->month;
		to->d = date_days_in_month(to->y, to->m);
		return 1;
	case DUE_AFTER:
	case DUE_WITHIN:
		if (d->event == NULL || d->event->year == 0)
			return 0;
		ev.y = d->event->year, ev.m = d->event->month;
		ev.d = d->event->day;
		*from = d->kind == DUE_AFTER ? ev :
		    date_add(ev, d->count, d->unit);
		*to = *from;
		return 1;
	case DUE_PERIOD:
		break;
	}
	return 0;
}
