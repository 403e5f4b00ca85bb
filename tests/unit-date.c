/* unit-date.c - calendar arithmetic for deadlines: the end of a month,
 * leap years, weeks, quarters, years, and the dates of each kind of due. */
#include <string.h>

#include "sema/date.h"
#include "unit.h"

static const char *
add(int y, int m, int d, int n, enum time_unit u)
{
	static char s[11];
	struct date a = {y, m, d};

	date_iso(date_add(a, n, u), s);
	return s;
}

int
main(void)
{
	struct event ev;
	struct due due;
	struct date f, t;
	char a[11], b[11];

	CHECK("date: leap years", date_is_leap(2024) && !date_is_leap(2025) &&
	    !date_is_leap(2100) && date_is_leap(2000));
	CHECK("date: valid", date_valid(2024, 2, 29) && !date_valid(2025, 2, 29) &&
	    !date_valid(2025, 4, 31) && !date_valid(2025, 13, 1) &&
	    !date_valid(2025, 1, 0));
	CHECK_STR("date: a month later", add(2025, 3, 24, 1, UNIT_MONTH),
	    "2025-04-24");
	CHECK_STR("date: a month after 31 January, clamped",
	    add(2025, 1, 31, 1, UNIT_MONTH), "2025-02-28");
	CHECK_STR("date: in a leap year", add(2024, 1, 31, 1, UNIT_MONTH),
	    "2024-02-29");
	CHECK_STR("date: over a year end", add(2025, 11, 30, 3, UNIT_MONTH),
	    "2026-02-28");
	CHECK_STR("date: six weeks", add(2025, 5, 12, 6, UNIT_WEEK),
	    "2025-06-23");
	CHECK_STR("date: days over a month end", add(2025, 1, 30, 3, UNIT_DAY),
	    "2025-02-02");
	CHECK_STR("date: a quarter", add(2025, 8, 31, 1, UNIT_QUARTER),
	    "2025-11-30");
	CHECK_STR("date: a year after 29 February", add(2024, 2, 29, 1,
	    UNIT_YEAR), "2025-02-28");
	CHECK("date: compare", date_cmp((struct date){2025, 1, 2},
	    (struct date){2025, 1, 10}) < 0 && date_cmp((struct date){2026, 1, 1},
	    (struct date){2025, 12, 31}) > 0);

	memset(&ev, 0, sizeof(ev));
	memset(&due, 0, sizeof(due));
	due.kind = DUE_WITHIN;
	due.count = 1;
	due.unit = UNIT_MONTH;
	due.event = &ev;
	CHECK("due: after an event without a date has none",
	    !due_dates(&due, &f, &t));
	ev.year = 2025, ev.month = 3, ev.day = 24;
	CHECK("due: after a dated event", due_dates(&due, &f, &t));
	date_iso(f, a);
	CHECK_STR("due: one month after 24 March", a, "2025-04-24");
	due.kind = DUE_AFTER;
	due_dates(&due, &f, &t);
	date_iso(f, a);
	CHECK_STR("due: after the event, from its day", a, "2025-03-24");
	memset(&due, 0, sizeof(due));
	due.kind = DUE_MONTHS;
	due.year = 2025, due.month = 1, due.month2 = 3;
	CHECK("due: a range of months", due_dates(&due, &f, &t));
	date_iso(f, a);
	date_iso(t, b);
	CHECK("due: from the first to the last day", strcmp(a, "2025-01-01") == 0 &&
	    strcmp(b, "2025-03-31") == 0);
	due.month = 11;
	due.month2 = 2;
	due.year2 = 2026;
	due_dates(&due, &f, &t);
	date_iso(f, a);
	date_iso(t, b);
	CHECK("due: a range across a year end", strcmp(a, "2025-11-01") == 0 &&
	    strcmp(b, "2026-02-28") == 0);
	due.year2 = 0;
	due.month2 = 0;
	due.month = 2;
	due_dates(&due, &f, &t);
	date_iso(t, b);
	CHECK_STR("due: one month, to its last day", b, "2025-02-28");
	due.kind = DUE_PERIOD;
	due.text = "in de zomer";
	CHECK("due: in words has no date", !due_dates(&due, &f, &t));
	UNIT_EXIT();
}
