/* overview.h - the deadlines of many zones in one list, sorted by
 * date: what afc deadlines prints and the overview page a build writes
 * next to its index. Included by deadlines.c, build.c and manifest.c.
 *
 * A row holds copies of what it shows, so that the documents it came
 * from need not be kept: afc deadlines frees each zone once its rows
 * are taken, and a build reads them back from its manifest. */
#ifndef AFC_CLI_OVERVIEW_H
#define AFC_CLI_OVERVIEW_H

#include <stddef.h>

#include "base/util.h"
#include "lower/doc.h"

/* One deadline of one zone; every string is heap memory, "" when the
 * zone does not give it. */
struct ov_row {
	char *zone;		/* the zone's name as shown: "ELZ AMALO" */
	char *page;		/* its HTML document ("amalo.html"), or "" */
	char *id;		/* the deadline's name: "accenten" */
	char *start, *end;	/* ISO dates, "" when undated */
	char *event;		/* undated, after this event (its words) */
	char *due;		/* when, in words */
	char *what;		/* what is done: "De accenten ... aangeleverd" */
	char *from, *to, *how;
	char *file;		/* where it is declared */
	unsigned line;
};

struct overview {
	struct ov_row *rows;
	size_t n;
	char **failed;		/* the zones that did not compile */
	size_t nfailed;
};

enum ov_format {
	OV_TEXT,
	OV_MD,
	OV_HTML,
	OV_CSV,
	OV_JSON,
};

/* The format called name ("text", "md", "html", "csv", "json"), or -1. */
int ov_format(const char *name);
/* Adds a row for d of the zone shown as zone. */
void ov_add(struct overview *o, const char *zone, const char *page,
    const struct doc_deadline *d);
/* Adds a row of fields as the manifest holds them (ov_fields order). */
void ov_add_row(struct overview *o, const struct ov_row *r);
void ov_add_failed(struct overview *o, const char *name);
/* Sorts the rows: dated ones by date, then the undated ones grouped by
 * the event they wait for, then those due in words; ties by zone and
 * source place. */
void ov_sort(struct overview *o);
void ov_render(const struct overview *o, enum ov_format f, struct buf *out);
void ov_row_free(struct ov_row *r);
void ov_free(struct overview *o);

/* The display width of UTF-8 text in a terminal's columns: a combining
 * mark takes none, a wide (East Asian, emoji) character two. */
size_t ov_width(const char *s);

#endif
