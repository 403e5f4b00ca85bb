/* nl.c - Dutch words and phrases generated from the model. */
#include <stdio.h>

#include "sema/date.h"
#include "sema/nl.h"

static const char *const units[][2] = {
	[UNIT_DAY] = {"dag", "dagen"},
	[UNIT_WEEK] = {"week", "weken"},
	[UNIT_MONTH] = {"maand", "maanden"},
	[UNIT_QUARTER] = {"kwartaal", "kwartalen"},
	[UNIT_YEAR] = {"jaar", "jaar"},
};

const char *
nl_unit(enum time_unit u, int plural)
{
	return units[u][plural != 0];
}

const char *
nl_number(int n)
{
	static const char *const words[] = {
		"nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven",
		"acht", "negen", "tien", "elf", "twaalf",
	};

	return n >= 0 && n < (int)NELEM(words) ? words[n] : NULL;
}

const char *
nl_month(int m)
{
	static const char *const months[] = {
		"januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december",
	};

	return m >= 1 && m <= 12 ? months[m - 1] : "";
}

/* "minstens 3 keer per jaar", or in short "3x/jaar". */
void
nl_frequency(struct buf *b, const struct frequency *f, int shortform)
{
	if (f->qualifier > 0)
		buf_puts(b, shortform ? "min. " : "minstens ");
	else if (f->qualifier < 0)
		buf_puts(b, shortform ? "max. " : "hoogstens ");
	if (shortform)
		buf_printf(b, "%dx/%s", f->count, nl_unit(f->per, 0));
	else
		buf_printf(b, "%d keer per %s", f->count, nl_unit(f->per, 0));
}

void
nl_due(struct buf *b, const struct due *d)
{
	switch (d->kind) {
	case DUE_AFTER:
		buf_printf(b, "na %s", d->event->text);
		break;
	case DUE_WITHIN:
		buf_printf(b, "uiterlijk %d %s na %s", d->count,
		    nl_unit(d->unit, d->count != 1), d->event->text);
		break;
	case DUE_BY_DATE:
		buf_printf(b, "uiterlijk %d %s %d", d->day, nl_month(d->month),
		    d->year);
		break;
	case DUE_MONTHS:
		/* Two months running, as the official documents write them:
		 * "in januari/februari 2025"; a longer range: "van januari
		 * tot maart 2025", "van november 2025 tot februari 2026". */
		if (d->month2 == 0 || (d->month2 == d->month &&
		    d->year2 == d->year))
			buf_printf(b, "in %s %d", nl_month(d->month), d->year);
		else if (d->year2 == d->year && d->month2 == d->month + 1)
			buf_printf(b, "in %s/%s %d", nl_month(d->month),
			    nl_month(d->month2), d->year);
		else if (d->year2 == d->year)
			buf_printf(b, "van %s tot %s %d", nl_month(d->month),
			    nl_month(d->month2), d->year);
		else
			buf_printf(b, "van %s %d tot %s %d", nl_month(d->month),
			    d->year, nl_month(d->month2), d->year2);
		break;
	case DUE_PERIOD:
		buf_puts(b, d->text);
		break;
	}
}

void
nl_due_dated(struct buf *b, const struct due *d, int show)
{
	struct date from, to;

	nl_due(b, d);
	if (show && (d->kind == DUE_AFTER || d->kind == DUE_WITHIN) &&
	    due_dates(d, &from, &to))
		buf_printf(b, " (%d %s %d)", from.d, nl_month(from.m), from.y);
}

const char *
nl_how(enum how h)
{
	switch (h) {
	case HOW_DIGITAL:
		return "digitaal";
	case HOW_PAPER:
		return "op papier";
	case HOW_MAIL:
		return "per e-mail";
	case HOW_MEETING:
		return "op een overleg";
	default:
		return "";
	}
}

int
nl_letter(const unsigned char *s, int upper)
{
	if (upper && s[0] >= 'a' && s[0] <= 'z')
		return 1;
	if (!upper && s[0] >= 'A' && s[0] <= 'Z')
		return 1;
	if (s[0] == 0xC3 && upper && s[1] >= 0xA0 && s[1] <= 0xBE &&
	    s[1] != 0xB7)
		return 2;
	if (s[0] == 0xC3 && !upper && s[1] >= 0x80 && s[1] <= 0x9E &&
	    s[1] != 0x97)
		return 2;
	return 0;
}

void
nl_set_case(struct buf *b, size_t at, int upper)
{
	unsigned char *s;
	int n;

	if (b->data == NULL || at >= b->len)
		return;
	s = (unsigned char *)b->data + at;
	if ((n = nl_letter(s, upper)) == 0)
		return;
	/* ASCII and Latin-1 letters differ from their capitals by 0x20,
	 * in the last byte. */
	s[n - 1] = (unsigned char)(upper ? s[n - 1] - 0x20 : s[n - 1] + 0x20);
}

void
nl_join(struct buf *b, const char *const *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, i + 1 == n ? " en " : ", ");
		buf_puts(b, items[i]);
	}
}

void
nl_party(struct buf *b, const struct model *m, const struct party *p,
    int with_count)
{
	size_t n = m->nmunicipalities;
	const char *word = nl_number((int)n);

	if (p->kind != PARTY_GROUP) {
		buf_puts(b, p->called ? p->called : p->name);
		return;
	}
	if (n == 1)
		buf_puts(b, "het lokaal bestuur");
	else if (with_count && word)
		buf_printf(b, "de %s lokale besturen", word);
	else if (with_count)
		buf_printf(b, "de %zu lokale besturen", n);
	else
		buf_puts(b, "de lokale besturen");
}
