/* ics.c - the iCalendar backend (RFC 5545): one all-day event per
 * deadline that has a date, so that the agreement's promises land in a
 * calendar, and one yearly event per period of the theme schedule.
 * Undated deadlines (due in words, or after an event the source gives
 * no date) are left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "out/backend.h"

void *
ics_open(const struct render_ctx *ctx, struct diags *dg)
{
	static char token;

	(void)ctx;
	(void)dg;
	return &token;
}

void
ics_close(void *state)
{
	(void)state;
}

void
ics_deps(void *state, void (*fn)(void *arg, const char *path), void *arg)
{
	(void)state;
	(void)fn;
	(void)arg;
}

/*
 * Appends one content line: folded so that no line is longer than 75
 * octets, never inside a UTF-8 sequence, each line ended by CRLF.
 */
static void
line(struct buf *out, const char *s)
{
	size_t n = strlen(s), col = 0, k;

	while (n > 0) {
		k = utf8_valid_len((const unsigned char *)s, n);
		if (k == 0)
			k = 1;
		if (col + k > 75) {
			buf_puts(out, "\r\n ");
			col = 1;
		}
		buf_add(out, s, k);
		col += k;
		s += k;
		n -= k;
	}
	buf_puts(out, "\r\n");
}

/* Appends name:value with value escaped as TEXT (backslash, ';', ','
 * and newlines). */
static void
text_prop(struct buf *out, const char *name, const char *value)
{
	struct buf b = {0};

	buf_printf(&b, "%s:", name);
	for (; *value; value++) {
		if (*value == '\\' || *value == ';' || *value == ',')
			buf_putc(&b, '\\');
		if (*value == '\n') {
			buf_puts(&b, "\\n");
			continue;
		}
		if ((unsigned char)*value < 0x20)
			continue;
		buf_putc(&b, *value);
	}
	line(out, b.data);
	buf_free(&b);
}

/* "20250424" from "2025-04-24". */
static void
compact(char *to, const char *iso)
{
	memcpy(to, iso, 4);
	memcpy(to + 4, iso + 5, 2);
	memcpy(to + 6, iso + 8, 2);
	to[8] = '\0';
}

/* DTSTAMP: the document's date, else SOURCE_DATE_EPOCH, else a fixed
 * instant, so that the same source gives the same bytes. */
static void
stamp(char *to, const struct doc_meta *m)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;

	if (m->date[0]) {
		compact(to, m->date);
		strcpy(to + 8, "T000000Z");
		return;
	}
	t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : 0;
	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	strftime(to, 17, "%Y%m%dT%H%M%SZ", &tm);
}

/* One all-day event: from start to the day before end (YYYYMMDD), on
 * count years running when count > 1. */
struct event {
	const char *uid, *start, *end;
	int count;
	const char *summary, *description;
};

static void
vevent(struct buf *out, const char *dtstamp, const struct event *e)
{
	struct buf b = {0};

	line(out, "BEGIN:VEVENT");
	buf_printf(&b, "UID:%s@afc", e->uid);
	line(out, b.data);
	b.len = 0;
	buf_printf(&b, "DTSTAMP:%s", dtstamp);
	line(out, b.data);
	b.len = 0;
	buf_printf(&b, "DTSTART;VALUE=DATE:%s", e->start);
	line(out, b.data);
	b.len = 0;
	buf_printf(&b, "DTEND;VALUE=DATE:%s", e->end);
	line(out, b.data);
	if (e->count > 1) {
		b.len = 0;
		buf_printf(&b, "RRULE:FREQ=YEARLY;COUNT=%d", e->count);
		line(out, b.data);
	}
	text_prop(out, "SUMMARY", e->summary);
	text_prop(out, "DESCRIPTION", e->description);
	line(out, "TRANSP:TRANSPARENT");
	line(out, "END:VEVENT");
	buf_free(&b);
}

int
ics_render(void *state, const struct doc *d, struct diags *dg,
    struct buf *out)
{
	const struct doc_meta *m = &d->meta;
	char start[9], end[9], dtstamp[17];
	struct buf uid = {0}, sum = {0}, desc = {0};
	struct event e;
	size_t i;

	(void)state;
	(void)dg;
	stamp(dtstamp, m);
	line(out, "BEGIN:VCALENDAR");
	line(out, "VERSION:2.0");
	line(out, "PRODID:-//afc//afsprakenkader//NL");
	line(out, "CALSCALE:GREGORIAN");
	text_prop(out, "X-WR-CALNAME", *m->zone ? m->zone : m->title);
	for (i = 0; i < d->ndeadlines; i++) {
		const struct doc_deadline *dl = &d->deadlines[i];

		if (dl->start[0] == '\0')
			continue;
		compact(start, dl->start);
		compact(end, dl->until);
		uid.len = 0;
		buf_printf(&uid, "%s-%s", m->source, dl->id);
		e = (struct event){uid.data, start, end, 1, dl->summary,
		    dl->sentence};
		vevent(out, dtstamp, &e);
	}
	/* The theme schedule: each period a yearly event on the first of
	 * January of its years. */
	for (i = 0; i < d->nschedule; i++) {
		const struct doc_focus *f = &d->schedule[i];

		snprintf(start, sizeof(start), "%04d0101", f->from);
		snprintf(end, sizeof(end), "%04d0102", f->from);
		uid.len = sum.len = desc.len = 0;
		buf_printf(&uid, "%s-focus-%d", m->source, f->from);
		buf_printf(&sum, "Focusthema: %s", f->theme);
		buf_printf(&desc, "Het gezamenlijke focusthema van %s voor %s: "
		    "%s", *m->zone ? m->zone : m->title, f->years, f->theme);
		e = (struct event){uid.data, start, end, f->to - f->from + 1,
		    sum.data, desc.data};
		vevent(out, dtstamp, &e);
	}
	line(out, "END:VCALENDAR");
	buf_free(&uid);
	buf_free(&sum);
	buf_free(&desc);
	return 0;
}
