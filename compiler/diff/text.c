/* text.c - the change list as text for a terminal and as JSON. */
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"

static const char *const group_names[] = {
	[DG_DOCUMENT] = "Document",
	[DG_PARTIES] = "Parties and people",
	[DG_BODIES] = "Bodies and events",
	[DG_DEADLINES] = "Deadlines",
	[DG_BODY] = "",
};

/* The place of a change in the list: a key of its own, so that the
 * comparison needs nothing else. */
struct order_key {
	enum dgroup group;
	size_t sec, i;
};

static int
cmp_change(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->group == DG_BODY && a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

size_t *
diff_order(const struct diff *d, size_t *n)
{
	struct order_key *k = xcalloc(d->n + 1, sizeof(*k));
	size_t *v = xcalloc(d->n + 1, sizeof(*v)), i;

	*n = 0;
	for (i = 0; i < d->n; i++)
		if (d->v[i].cause == 0)
			k[(*n)++] = (struct order_key){d->v[i].group,
			    d->v[i].sec, i};
	qsort(k, *n, sizeof(*k), cmp_change);
	for (i = 0; i < *n; i++)
		v[i] = k[i].i;
	free(k);
	return v;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char
symbol(const struct dchange *c)
{
	if (ends_with(c->kind, ".added"))
		return '+';
	if (ends_with(c->kind, ".removed"))
		return '-';
	if (ends_with(c->kind, ".moved") || ends_with(c->kind, ".order") ||
	    ends_with(c->kind, ".turns"))
		return '>';
	return '~';
}

static int
is_prose(const struct dchange *c)
{
	return strncmp(c->kind, "prose.", 6) == 0 ||
	    strncmp(c->kind, "item.", 5) == 0;
}

struct colors {
	const char *del, *ins, *off, *head, *dim;
};

static void
source_places(struct buf *out, const struct dchange *c,
    const struct colors *k)
{
	if (c->src_old == NULL && c->src_new == NULL)
		return;
	buf_printf(out, "  %s(", k->dim);
	if (c->src_old)
		buf_puts(out, c->src_old);
	if (c->src_old && c->src_new)
		buf_puts(out, " \xe2\x86\x92 ");
	if (c->src_new)
		buf_puts(out, c->src_new);
	buf_printf(out, ")%s", k->off);
}

static void
one_change(struct buf *out, const struct dchange *c, const struct colors *k,
    int context, const char *indent)
{
	const char *dot = strchr(c->kind, '.');
	const char *what = dot ? dot + 1 : c->kind;
	char sym = symbol(c);

	buf_printf(out, "%s%c ", indent, sym);
	if (is_prose(c)) {
		buf_printf(out, "%s: ", c->field ? c->field : "text");
		if (c->old && c->new) {
			diff_words(out, c->old, c->new, k->del[0] ?
			    k->del : "[-", k->del[0] ? k->off : "-]",
			    k->ins[0] ? k->ins : "{+",
			    k->ins[0] ? k->off : "+}", context);
		} else {
			buf_printf(out, "%s%s%s", sym == '-' ? k->del :
			    sym == '+' ? k->ins : "", c->old ? c->old : c->new,
			    sym == '-' || sym == '+' ? k->off : "");
		}
	} else if (strncmp(c->kind, "section.", 8) == 0) {
		buf_printf(out, "section %s", what);
	} else {
		buf_puts(out, c->entity ? c->entity : "");
		if (strcmp(what, "added") != 0 && strcmp(what, "removed") != 0)
			buf_printf(out, " %s",
			    strcmp(what, "changed") == 0 && c->field ?
			    c->field : what);
		if (c->old || c->new || sym == '~' || sym == '>')
			buf_puts(out, ":");
		if (c->old)
			buf_printf(out, " %s\"%s\"%s", k->del, c->old, k->off);
		else if (sym == '~' || sym == '>')
			buf_puts(out, " (none)");
		if (c->old && c->new)
			buf_puts(out, " \xe2\x86\x92");
		if (c->new)
			buf_printf(out, " %s\"%s\"%s", k->ins, c->new, k->off);
		else if (sym == '~' || sym == '>')
			buf_puts(out, " \xe2\x86\x92 (none)");
	}
	source_places(out, c, k);
	buf_putc(out, '\n');
}

void
diff_text(const struct diff *d, struct buf *out, int color, int all, int stat)
{
	static const struct colors plain = {"", "", "", "", ""};
	static const struct colors ansi = {"\033[31;9m", "\033[32;4m",
	    "\033[m", "\033[1m", "\033[2m"};
	const struct colors *k = color ? &ansi : &plain;
	size_t *v, n, i, j, ngroup[DG_BODY + 1] = {0}, nechoes = 0;
	const char *where = NULL, *ewhere;
	int group = -1;

	buf_printf(out, "%s--- %s\n+++ %s%s\n", k->head, d->old_name,
	    d->new_name, k->off);
	v = diff_order(d, &n);
	for (i = 0; i < d->n; i++)
		nechoes += d->v[i].cause != 0;
	for (i = 0; i < n; i++) {
		const struct dchange *c = &d->v[v[i]];

		ngroup[c->group]++;
		if (stat)
			continue;
		if ((int)c->group != group || (c->group == DG_BODY &&
		    (where == NULL || strcmp(where, c->where ? c->where :
		    "") != 0))) {
			group = (int)c->group;
			where = c->where ? c->where : "";
			buf_printf(out, "\n%s%s%s\n", k->head, c->group ==
			    DG_BODY ? (*where ? where : "Title") :
			    group_names[c->group], k->off);
		}
		one_change(out, c, k, -1, "  ");
		for (j = 0, ewhere = NULL; j < d->n && c->nechoes > 0; j++) {
			const struct dchange *e = &d->v[j];
			const char *w = e->where && *e->where ? e->where :
			    "the title";

			if (e->cause != v[i] + 1)
				continue;
			if ((ewhere == NULL || strcmp(ewhere, w) != 0) &&
			    c->where && strcmp(c->where, w) == 0)
				buf_printf(out, "      %secho:%s\n", k->dim,
				    k->off);
			else if (ewhere == NULL || strcmp(ewhere, w) != 0)
				buf_printf(out, "      %secho in %s%s\n",
				    k->dim, w, k->off);
			ewhere = w;
			one_change(out, e, k, all ? -1 : 6, "        ");
		}
	}
	if (stat) {
		buf_putc(out, '\n');
		for (i = 0; i < DG_BODY; i++)
			if (ngroup[i])
				buf_printf(out, "  %-20s %zu\n",
				    group_names[i], ngroup[i]);
		if (ngroup[DG_BODY])
			buf_printf(out, "  %-20s %zu\n", "Text", ngroup[DG_BODY]);
	}
	buf_printf(out, "\n%zu change%s in meaning", n, n == 1 ? "" : "s");
	if (nechoes)
		buf_printf(out, ", %zu echo%s in generated text", nechoes,
		    nechoes == 1 ? "" : "es");
	if (d->nign)
		buf_printf(out, "; ignored: ");
	for (i = 0; i < d->nign; i++)
		buf_printf(out, "%s%s", i ? ", " : "", d->ign[i].what);
	buf_puts(out, "\n");
	free(v);
}

/* JSON */

void
diff_json_string(struct buf *out, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_puts(out, "null");
		return;
	}
	buf_putc(out, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(out, "\\n");
		else if (*p < 0x20)
			buf_printf(out, "\\u%04x", *p);
		else
			buf_putc(out, (char)*p);
	}
	buf_putc(out, '"');
}

static void
json_change(struct buf *out, const struct diff *d, size_t i, const char *in)
{
	const struct dchange *c = &d->v[i];
	size_t j, n = 0;

	buf_printf(out, "%s{\"kind\": ", in);
	diff_json_string(out, c->kind);
	buf_puts(out, ", \"entity\": ");
	diff_json_string(out, c->entity);
	buf_puts(out, ", \"field\": ");
	diff_json_string(out, c->field);
	buf_printf(out, ",\n%s \"old\": ", in);
	diff_json_string(out, c->old);
	buf_printf(out, ",\n%s \"new\": ", in);
	diff_json_string(out, c->new);
	buf_printf(out, ",\n%s \"where\": ", in);
	diff_json_string(out, c->where);
	buf_puts(out, ", \"source\": {\"old\": ");
	diff_json_string(out, c->src_old);
	buf_puts(out, ", \"new\": ");
	diff_json_string(out, c->src_new);
	buf_puts(out, "}");
	if (c->cause == 0) {
		buf_puts(out, ", \"echoes\": [");
		for (j = 0; j < d->n; j++) {
			struct buf sub = {0};

			if (d->v[j].cause != i + 1)
				continue;
			buf_printf(&sub, "%s  ", in);
			buf_puts(out, n++ ? ",\n" : "\n");
			json_change(out, d, j, sub.data);
			buf_free(&sub);
		}
		buf_printf(out, "%s]", n ? "\n" : "");
		if (n)
			buf_printf(out, "\n%s", in);
	}
	buf_puts(out, "}");
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

void
diff_json(const struct diff *d, struct buf *out)
{
	size_t *v, n, i, nk = 0, nechoes = 0, run;
	const char **kinds;

	v = diff_order(d, &n);
	buf_puts(out, "{\"old\": ");
	diff_json_string(out, d->old_name);
	buf_puts(out, ", \"new\": ");
	diff_json_string(out, d->new_name);
	buf_puts(out, ",\n\"changes\": [");
	for (i = 0; i < n; i++) {
		buf_puts(out, i ? ",\n" : "\n");
		json_change(out, d, v[i], "  ");
	}
	buf_puts(out, n ? "\n],\n\"ignored\": [" : "],\n\"ignored\": [");
	for (i = 0; i < d->nign; i++) {
		buf_puts(out, i ? ",\n  {\"kind\": " : "\n  {\"kind\": ");
		diff_json_string(out, d->ign[i].kind);
		buf_puts(out, ", \"what\": ");
		diff_json_string(out, d->ign[i].what);
		buf_puts(out, "}");
	}
	kinds = xcalloc(n + 1, sizeof(*kinds));
	for (i = 0; i < n; i++)
		kinds[nk++] = d->v[v[i]].kind;
	qsort(kinds, nk, sizeof(*kinds), cmp_str);
	for (i = 0; i < d->n; i++)
		nechoes += d->v[i].cause != 0;
	buf_printf(out, "%s],\n\"summary\": {\"changes\": %zu, \"echoes\": %zu, "
	    "\"ignored\": %zu, \"kinds\": {", d->nign ? "\n" : "", n, nechoes,
	    d->nign);
	for (i = 0; i < nk; i += run) {
		for (run = 1; i + run < nk && strcmp(kinds[i],
		    kinds[i + run]) == 0; run++)
			;
		buf_puts(out, i ? ", " : "");
		diff_json_string(out, kinds[i]);
		buf_printf(out, ": %zu", run);
	}
	buf_puts(out, "}}}\n");
	free(kinds);
	free(v);
}
