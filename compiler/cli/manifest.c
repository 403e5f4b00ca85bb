/* manifest.c - the record of a build directory, for incremental
 * builds: reading, writing, and checking files against it (build.h
 * describes the format). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/build.h"
#include "out/backend.h"
#include "unit/unit.h"

const char *const meta_keys[META__COUNT] = {
	"zone", "title", "council", "version", "date", "date_text", "status",
};

static void
put_field(struct buf *b, const char *s)
{
	buf_putc(b, '\t');
	for (; *s; s++) {
		if (*s == '\t')
			buf_puts(b, "\\t");
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else if (*s == '\\')
			buf_puts(b, "\\\\");
		else
			buf_putc(b, *s);
	}
}

/* Splits line (modified in place) into at most max tab-separated,
 * unescaped fields; returns their number. */
static size_t
split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *r = line, *w;

	while (n < max) {
		f[n++] = w = r;
		while (*r && *r != '\t') {
			if (*r == '\\' && r[1]) {
				r++;
				*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
				r++;
			} else {
				*w++ = *r++;
			}
		}
		if (*r == '\0') {
			*w = '\0';
			break;
		}
		r++;
		*w = '\0';
	}
	return n;
}

static unsigned long long
num(const char *s, int base)
{
	return strtoull(s, NULL, base);
}

static void
mfile_parse(struct mfile *f, char **fl)
{
	f->path = xstrdup(fl[0]);
	f->size = num(fl[1], 10);
	f->mtime = num(fl[2], 10);
	f->ino = num(fl[3], 10);
	f->hash = num(fl[4], 16);
}

static void
mfile_put(struct buf *b, const struct mfile *f)
{
	put_field(b, f->path);
	buf_printf(b, "\t%llu\t%llu\t%llu\t%016llx\n", f->size, f->mtime,
	    f->ino, f->hash);
}

void
formats_write(struct buf *b, unsigned formats)
{
	size_t k;
	int any = 0;

	for (k = 0; k < nbackends; k++)
		if (formats & (1u << k)) {
			buf_printf(b, "%s%s", any ? "," : "", backends[k].name);
			any = 1;
		}
	if (!any)
		buf_puts(b, "-");
}

unsigned
formats_parse(const char *s)
{
	char *copy = xstrdup(s), *tok, *save = NULL;
	const struct backend *be;
	unsigned f = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save))
		if ((be = backend_find(tok)) != NULL &&
		    (size_t)(be - backends) < BUILD_MAX_FORMATS)
			f |= 1u << (be - backends);
	free(copy);
	return f;
}

void
mfile_free(struct mfile *f)
{
	free(f->path);
	f->path = NULL;
}

void
mzone_free(struct mzone *z)
{
	size_t i;

	if (z == NULL)
		return;
	free(z->out);
	free(z->src);
	for (i = 0; i < z->nin; i++)
		mfile_free(&z->in[i]);
	free(z->in);
	for (i = 0; i < META__COUNT; i++)
		free(z->meta[i]);
	for (i = 0; i < z->nclaims; i++) {
		free(z->claims[i].name);
		free(z->claims[i].file);
	}
	free(z->claims);
	for (i = 0; i < z->ndeadlines; i++)
		ov_row_free(&z->deadlines[i]);
	free(z->deadlines);
	free(z);
}

void
manifest_free(struct manifest *m)
{
	size_t i, k;

	free(m->options);
	for (k = 0; k < BUILD_MAX_FORMATS; k++) {
		for (i = 0; i < m->ndeps[k]; i++)
			mfile_free(&m->deps[k][i]);
		free(m->deps[k]);
	}
	for (i = 0; i < m->n; i++)
		mzone_free(m->z[i]);
	free(m->z);
	memset(m, 0, sizeof(*m));
}

struct mzone *
manifest_find(const struct manifest *m, const char *out)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->z[i]->out, out) == 0)
			return m->z[i];
	return NULL;
}

void
manifest_put(struct manifest *m, struct mzone *z)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->z[i]->out, z->out) == 0) {
			if (m->z[i] != z)
				mzone_free(m->z[i]);
			m->z[i] = z;
			return;
		}
	m->z = xgrow(m->z, m->n, sizeof(*m->z));
	m->z[m->n++] = z;
}

static void
meta_fill(struct mzone *z)
{
	size_t i;

	for (i = 0; i < META__COUNT; i++)
		if (z->meta[i] == NULL)
			z->meta[i] = xstrdup("");
}

void
manifest_parse(struct manifest *m, const char *text, size_t len)
{
	char *copy = xstrndup(text, len), *line, *save = NULL, *f[12];
	struct mzone *z = NULL;
	const struct backend *be;
	size_t n, k;

	for (line = strtok_r(copy, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		n = split(line, f, NELEM(f));
		if (strcmp(f[0], "options") == 0 && n == 2) {
			free(m->options);
			m->options = xstrdup(f[1]);
		} else if (strcmp(f[0], "dep") == 0 && n == 7) {
			be = backend_find(f[1]);
			if (be == NULL || (k = (size_t)(be - backends)) >=
			    BUILD_MAX_FORMATS)
				continue;
			m->have_deps |= 1u << k;
			m->deps[k] = xgrow(m->deps[k], m->ndeps[k],
			    sizeof(*m->deps[k]));
			mfile_parse(&m->deps[k][m->ndeps[k]++], f + 2);
		} else if (strcmp(f[0], "nodeps") == 0 && n == 2) {
			if ((be = backend_find(f[1])) != NULL &&
			    (size_t)(be - backends) < BUILD_MAX_FORMATS)
				m->have_deps |= 1u << (be - backends);
		} else if (strcmp(f[0], "zone") == 0 && n == 5) {
			if (z)
				meta_fill(z);
			z = xcalloc(1, sizeof(*z));
			z->out = xstrdup(f[1]);
			z->src = xstrdup(f[2]);
			z->failed = strcmp(f[3], "ok") != 0;
			z->formats = formats_parse(f[4]);
			manifest_put(m, z);
		} else if (z && strcmp(f[0], "in") == 0 && n == 6) {
			z->in = xgrow(z->in, z->nin, sizeof(*z->in));
			mfile_parse(&z->in[z->nin++], f + 1);
		} else if (z && strcmp(f[0], "meta") == 0 && n == 3) {
			for (k = 0; k < META__COUNT; k++)
				if (strcmp(f[1], meta_keys[k]) == 0) {
					free(z->meta[k]);
					z->meta[k] = xstrdup(f[2]);
				}
		} else if (z && strcmp(f[0], "zoneat") == 0 && n == 2) {
			z->zone_off = (size_t)num(f[1], 10);
		} else if (z && strcmp(f[0], "claim") == 0 && n == 4) {
			z->claims = xgrow(z->claims, z->nclaims,
			    sizeof(*z->claims));
			z->claims[z->nclaims].name = xstrdup(f[1]);
			z->claims[z->nclaims].file = xstrdup(f[2]);
			z->claims[z->nclaims++].off = (size_t)num(f[3], 10);
		} else if (z && strcmp(f[0], "deadline") == 0 && n == 12) {
			struct ov_row *r;

			z->deadlines = xgrow(z->deadlines, z->ndeadlines,
			    sizeof(*z->deadlines));
			r = &z->deadlines[z->ndeadlines++];
			r->zone = xstrdup("");
			r->page = xstrdup("");
			r->id = xstrdup(f[1]);
			r->start = xstrdup(f[2]);
			r->end = xstrdup(f[3]);
			r->event = xstrdup(f[4]);
			r->due = xstrdup(f[5]);
			r->what = xstrdup(f[6]);
			r->from = xstrdup(f[7]);
			r->to = xstrdup(f[8]);
			r->how = xstrdup(f[9]);
			r->file = xstrdup(f[10]);
			r->line = (unsigned)num(f[11], 10);
		}
	}
	if (z)
		meta_fill(z);
	free(copy);
}

void
manifest_read(struct manifest *m, const char *path)
{
	size_t len;
	char *text = read_file(path, &len);

	memset(m, 0, sizeof(*m));
	if (text == NULL)
		return;
	if (strncmp(text, "afc-manifest\t1\n", 15) == 0)
		manifest_parse(m, text, len);
	free(text);
}

void
mzone_write(struct buf *b, const struct mzone *z)
{
	size_t i;

	buf_puts(b, "zone");
	put_field(b, z->out);
	put_field(b, z->src);
	buf_printf(b, "\t%s\t", z->failed ? "failed" : "ok");
	formats_write(b, z->formats);
	buf_putc(b, '\n');
	for (i = 0; i < z->nin; i++) {
		buf_puts(b, "in");
		mfile_put(b, &z->in[i]);
	}
	for (i = 0; i < META__COUNT; i++) {
		if (z->meta[i] == NULL || z->meta[i][0] == '\0')
			continue;
		buf_puts(b, "meta");
		put_field(b, meta_keys[i]);
		put_field(b, z->meta[i]);
		buf_putc(b, '\n');
	}
	if (z->zone_off)
		buf_printf(b, "zoneat\t%zu\n", z->zone_off);
	for (i = 0; i < z->nclaims; i++) {
		buf_puts(b, "claim");
		put_field(b, z->claims[i].name);
		put_field(b, z->claims[i].file);
		buf_printf(b, "\t%zu\n", z->claims[i].off);
	}
	for (i = 0; i < z->ndeadlines; i++) {
		const struct ov_row *r = &z->deadlines[i];

		buf_puts(b, "deadline");
		put_field(b, r->id);
		put_field(b, r->start);
		put_field(b, r->end);
		put_field(b, r->event);
		put_field(b, r->due);
		put_field(b, r->what);
		put_field(b, r->from);
		put_field(b, r->to);
		put_field(b, r->how);
		put_field(b, r->file);
		buf_printf(b, "\t%u\n", r->line);
	}
}

static int
by_out(const void *a, const void *b)
{
	return strcmp((*(struct mzone *const *)a)->out,
	    (*(struct mzone *const *)b)->out);
}

void
manifest_write(struct buf *b, const struct manifest *m)
{
	struct mzone **z;
	size_t i, k;

	buf_puts(b, "afc-manifest\t1\n");
	if (m->options) {
		buf_puts(b, "options");
		put_field(b, m->options);
		buf_putc(b, '\n');
	}
	for (k = 0; k < BUILD_MAX_FORMATS && k < nbackends; k++) {
		if (!(m->have_deps & (1u << k)))
			continue;
		if (m->ndeps[k] == 0)
			buf_printf(b, "nodeps\t%s\n", backends[k].name);
		for (i = 0; i < m->ndeps[k]; i++) {
			buf_printf(b, "dep\t%s", backends[k].name);
			mfile_put(b, &m->deps[k][i]);
		}
	}
	/* Sorted, so that the same builds give the same bytes. */
	z = xcalloc(m->n + 1, sizeof(*z));
	memcpy(z, m->z, m->n * sizeof(*z));
	qsort(z, m->n, sizeof(*z), by_out);
	for (i = 0; i < m->n; i++)
		mzone_write(b, z[i]);
	free(z);
}

static unsigned long long
mtime_ns(const struct stat *st)
{
	return (unsigned long long)st->st_mtim.tv_sec * 1000000000ULL +
	    (unsigned long long)st->st_mtim.tv_nsec;
}

/* Whether st still holds for f. */
static int
same_stat(const struct mfile *f, const struct stat *st)
{
	return f->mtime != 0 && f->size == (unsigned long long)st->st_size &&
	    f->mtime == mtime_ns(st) && f->ino == (unsigned long long)st->st_ino;
}

/*
 * Reads path and fills f. A file changed in the two seconds before it
 * is read may change again within the same timestamp, unseen by its
 * stat data: its mtime is recorded as 0, so that the next build hashes
 * it (as git does with its "racily clean" entries).
 */
int
mfile_record(struct mfile *f, const char *path)
{
	struct stat before, after;
	struct timespec now;
	size_t len;
	char *text;
	int e;

	if (stat(path, &before) != 0)
		return -1;
	if ((text = read_file(path, &len)) == NULL)
		return -1;
	e = stat(path, &after);
	free(f->path);
	f->path = xstrdup(path);
	f->hash = unit_hash(text, len);
	f->size = len;
	f->ino = (unsigned long long)after.st_ino;
	f->mtime = mtime_ns(&after);
	clock_gettime(CLOCK_REALTIME, &now);
	if (e != 0 || mtime_ns(&before) != f->mtime ||
	    (unsigned long long)now.tv_sec < (unsigned long long)after.st_mtim.tv_sec + 2)
		f->mtime = 0;
	free(text);
	return 0;
}

int
mfile_unchanged(struct mfile *f)
{
	struct mfile now = {0};
	struct stat st;
	int same;

	if (stat(f->path, &st) != 0)
		return 0;
	if (same_stat(f, &st))
		return 1;
	if (mfile_record(&now, f->path) != 0)
		return 0;
	same = now.hash == f->hash && now.size == f->size;
	if (same) {
		f->mtime = now.mtime;
		f->ino = now.ino;
	}
	mfile_free(&now);
	return same;
}
