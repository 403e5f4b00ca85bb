/* build.c - afc build: every format of every zone into a directory,
 * incrementally, by parallel workers, with an index of the directory.
 *
 * The parent finds the zones (files, and the .afs files with a document
 * block below folders), refuses output names that collide, and decides
 * from the manifest (build.h) which zones are out of date. It opens the
 * backends once, then forks one worker per zone to build, at most -j at
 * a time: libharu is not thread-safe, and a worker that crashes takes
 * only its zone. A worker's messages go to a temporary file the parent
 * prints whole, in the order of the zones; its result (the files it
 * read, what the index shows) comes back in the manifest's format.
 * The parent alone writes the manifest, index.html and index.json.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "base/util.h"
#include "cli/build.h"
#include "cli/cli.h"
#include "sema/model.h"

#define MANIFEST ".afc-manifest"

enum zstate {
	Z_WAIT,		/* to be built */
	Z_FRESH,	/* up to date: nothing to do */
	Z_RUNNING,
	Z_DONE,		/* built or failed; its messages not yet printed */
	Z_PRINTED,
	Z_SKIPPED,	/* not built: the batch stopped first */
};

struct zone {
	char *src;		/* as given or found */
	char *out;		/* output name without extension */
	enum zstate state;
	int status;		/* exit status of its build */
	pid_t pid;
	FILE *log, *res;	/* the worker's messages and result */
	int werr;		/* errno of a failed write, and where */
	char *wpath;
};

struct build {
	const struct cli *c;
	const char *outdir;
	unsigned want;		/* formats asked for */
	int force, fail_fast, quiet, tree, jobs, progress;
	struct zone *z;
	size_t n;
	struct manifest m;
	void *state[BUILD_MAX_FORMATS];
	size_t nbuilt, nfresh, nfailed, nskipped, nremoved, todo, started;
	int stop;		/* start no more zones */
	int fatal_shown;	/* a repeating system error was reported */
	struct timespec t0;
	const char *current;	/* the zone shown on the progress line */
	int line_shown;
};

/* Set by the signal handlers. */
static volatile sig_atomic_t got_signal;
/* A worker's temporary file, removed when a signal ends it. */
static char tmp_now[4096];
static volatile sig_atomic_t tmp_set;

static void
on_signal_parent(int sig)
{
	got_signal = sig;
}

static void
on_signal_worker(int sig)
{
	if (tmp_set)
		unlink(tmp_now);
	_exit(128 + sig);
}

static const int signals[] = {SIGINT, SIGTERM, SIGHUP};

static void
handle_signals(void (*fn)(int))
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NELEM(signals); i++)
		sigaction(signals[i], &sa, NULL);
}

/* Blocks (how SIG_BLOCK) or unblocks the signals around the creation
 * and renaming of a temporary file. */
static void
mask_signals(int how)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NELEM(signals); i++)
		sigaddset(&set, signals[i]);
	sigprocmask(how, &set, NULL);
}

static double
elapsed(const struct build *b)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - b->t0.tv_sec) +
	    (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

/* Repeating system errors: the next zone would fail the same way. */
static int
repeats(int e)
{
	return e == EACCES || e == EPERM || e == EROFS || e == ENOSPC ||
	    e == EDQUOT || e == EIO || e == ENOENT || e == EFBIG;
}

/* Makes dir and its parents. Returns 0, or -1 with errno set. */
static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat st;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		else if (stat(p, &st) != 0)
			rc = -1;
		else if (!S_ISDIR(st.st_mode))
			errno = ENOTDIR, rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/*
 * Writes data to path through a hidden temporary file beside it
 * (.name.XXXXXX) and a rename: never a partial output. An output that
 * exists keeps its mode; a new one gets the mode fopen would give.
 * Returns 0, or errno.
 */
static int
write_atomic(const char *path, const char *data, size_t len)
{
	struct buf tmp = {0};
	const char *slash = strrchr(path, '/');
	struct stat st;
	mode_t mask, mode;
	size_t off = 0;
	ssize_t w;
	int fd, e = 0;

	if (slash)
		buf_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	else
		buf_printf(&tmp, ".%s.XXXXXX", path);
	if (tmp.len >= sizeof(tmp_now)) {
		buf_free(&tmp);
		return ENAMETOOLONG;
	}
	mask_signals(SIG_BLOCK);
	fd = mkstemp(tmp.data);
	if (fd >= 0) {
		memcpy(tmp_now, tmp.data, tmp.len + 1);
		tmp_set = 1;
	} else {
		e = errno;
	}
	mask_signals(SIG_UNBLOCK);
	if (fd < 0) {
		buf_free(&tmp);
		return e;
	}
	while (off < len) {
		w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
			break;
		}
		off += (size_t)w;
	}
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (e == 0 && fchmod(fd, mode) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	mask_signals(SIG_BLOCK);
	if (e == 0 && rename(tmp.data, path) != 0)
		e = errno;
	if (e != 0)
		unlink(tmp.data);
	tmp_set = 0;
	mask_signals(SIG_UNBLOCK);
	buf_free(&tmp);
	return e;
}

static void
add_zone(struct build *b, const char *src, const char *out)
{
	b->z = xgrow(b->z, b->n, sizeof(*b->z));
	memset(&b->z[b->n], 0, sizeof(*b->z));
	b->z[b->n].src = xstrdup(src);
	b->z[b->n].out = xstrdup(out);
	b->n++;
}

static char *
strip_afs(const char *s)
{
	size_t n = strlen(s);

	if (n > 4 && strcmp(s + n - 4, ".afs") == 0)
		n -= 4;
	return xstrndup(s, n);
}

static void
found(void *arg, const char *path, const char *rel)
{
	struct build *b = arg;
	char *out = strip_afs(b->tree ? rel : strrchr(path, '/') + 1);

	add_zone(b, path, out);
	free(out);
}

static int
by_out_then_index(const void *a, const void *b)
{
	const struct zone *x = *(struct zone *const *)a;
	const struct zone *y = *(struct zone *const *)b;
	int c = strcmp(x->out, y->out);

	return c ? c : (x < y ? -1 : x > y);
}

/* Two zones that would write the same file, or a zone called index or
 * deadlines (the pages of the directory):
 * refused, naming both sources, before anything is written. */
static int
collisions(struct build *b)
{
	struct zone **s = xcalloc(b->n + 1, sizeof(*s));
	size_t i;
	int bad = 0;

	for (i = 0; i < b->n; i++) {
		s[i] = &b->z[i];
		if (strcmp(b->z[i].out, "index") == 0 ||
		    strcmp(b->z[i].out, "deadlines") == 0) {
			diag_sys(b->c->dg, M_E_INDEX_NAME, b->z[i].src,
			    b->z[i].out);
			bad = 1;
		}
	}
	qsort(s, b->n, sizeof(*s), by_out_then_index);
	for (i = 1; i < b->n; i++) {
		if (strcmp(s[i - 1]->out, s[i]->out) != 0)
			continue;
		if (strcmp(s[i - 1]->src, s[i]->src) == 0)
			diag_sys(b->c->dg, M_E_GIVEN_TWICE, s[i]->src);
		else
			diag_sys(b->c->dg, M_E_COLLISION, s[i - 1]->src,
			    s[i]->src, s[i]->out);
		bad = 1;
	}
	free(s);
	return bad ? -1 : 0;
}

/* What the outputs depend on besides the files: afc itself (its
 * version, and its binary's size and time, so that a rebuilt afc
 * rebuilds), the data directory and the layout. */
static char *
options_text(const struct build *b)
{
	struct buf t = {0};
	struct stat st;

	buf_printf(&t, "afc %s", AFC_VERSION);
	if (stat("/proc/self/exe", &st) == 0)
		buf_printf(&t, " binary %lld:%lld.%09ld", (long long)st.st_size,
		    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	buf_printf(&t, " data %s layout %s", b->c->ctx.datadir,
	    b->tree ? "tree" : "flat");
	return buf_take(&t);
}

static void
out_path(struct buf *p, const struct build *b, const char *out,
    const char *ext)
{
	p->len = 0;
	buf_printf(p, "%s/%s.%s", b->outdir, out, ext);
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether z's outputs are up to date: built from the same source by
 * the same afc with the same files, and still on disk. */
static int
fresh(struct build *b, const struct zone *z, int deps_ok)
{
	struct mzone *r = manifest_find(&b->m, z->out);
	struct buf p = {0};
	size_t i, k;
	int yes;

	if (b->force || !deps_ok || r == NULL || r->failed ||
	    strcmp(r->src, z->src) != 0 || (r->formats & b->want) != b->want)
		return 0;
	for (i = 0; i < r->nin; i++)
		if (!mfile_unchanged(&r->in[i]))
			return 0;
	yes = 1;
	for (k = 0; k < nbackends && yes; k++)
		if (b->want & (1u << k)) {
			out_path(&p, b, z->out, backends[k].ext);
			yes = exists(p.data);
		}
	buf_free(&p);
	return yes;
}

struct deps_arg {
	struct mfile *f;
	size_t n;
};

static void
add_dep(void *arg, const char *path)
{
	struct deps_arg *d = arg;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->f[i].path, path) == 0)
			return;
	d->f = xgrow(d->f, d->n, sizeof(*d->f));
	memset(&d->f[d->n], 0, sizeof(*d->f));
	if (mfile_record(&d->f[d->n], path) != 0) {
		d->f[d->n].path = xstrdup(path);
		d->f[d->n].mtime = 0;
	}
	d->n++;
}

/* Opens the backends of the formats in mask and records the files
 * they read. */
static int
open_backends(struct build *b, unsigned mask)
{
	size_t k, i;

	for (k = 0; k < nbackends; k++) {
		struct deps_arg d = {NULL, 0};

		if (!(mask & (1u << k)) || b->state[k])
			continue;
		if ((b->state[k] = cli_open(b->c, &backends[k])) == NULL)
			return -1;
		backends[k].deps(b->state[k], add_dep, &d);
		for (i = 0; i < b->m.ndeps[k]; i++)
			mfile_free(&b->m.deps[k][i]);
		free(b->m.deps[k]);
		b->m.deps[k] = d.f;
		b->m.ndeps[k] = d.n;
		b->m.have_deps |= 1u << k;
	}
	return 0;
}

/* Decides which zones are up to date. */
static void
plan(struct build *b)
{
	char *opts = options_text(b);
	int deps_ok = b->m.options && strcmp(b->m.options, opts) == 0;
	size_t i, k;

	for (k = 0; k < nbackends && deps_ok; k++) {
		if (!(b->want & (1u << k)))
			continue;
		if (!(b->m.have_deps & (1u << k)))
			deps_ok = 0;
		for (i = 0; i < b->m.ndeps[k] && deps_ok; i++)
			deps_ok = mfile_unchanged(&b->m.deps[k][i]);
	}
	if (!deps_ok && (b->m.options == NULL ||
	    strcmp(b->m.options, opts) != 0)) {
		/* Another afc or data directory: what was read is unknown. */
		for (k = 0; k < BUILD_MAX_FORMATS; k++) {
			for (i = 0; i < b->m.ndeps[k]; i++)
				mfile_free(&b->m.deps[k][i]);
			free(b->m.deps[k]);
			b->m.deps[k] = NULL;
			b->m.ndeps[k] = 0;
		}
		b->m.have_deps = 0;
	}
	free(b->m.options);
	b->m.options = opts;
	for (i = 0; i < b->n; i++) {
		if (fresh(b, &b->z[i], deps_ok)) {
			b->z[i].state = Z_FRESH;
			b->nfresh++;
		} else {
			b->todo++;
		}
	}
}

/* The worker's record of what the zone read and what it declares. */
static struct mzone *
record(struct build *b, const struct zone *z, struct unit *u)
{
	struct mzone *r = xcalloc(1, sizeof(*r));
	const struct doc *d = unit_doc(u);
	const struct model *m = unit_model(u);
	const struct unit_file *uf;
	size_t i;

	(void)b;
	r->out = xstrdup(z->out);
	r->src = xstrdup(z->src);
	r->in = xcalloc(unit_nfiles(u) + 1, sizeof(*r->in));
	for (i = 0; i < unit_nfiles(u); i++) {
		uf = unit_file(u, i);
		if (mfile_record(&r->in[r->nin], uf->name) != 0)
			r->in[r->nin].path = xstrdup(uf->name);
		/* Changed since the compiler read it: rebuilt next time. */
		if (r->in[r->nin].hash != uf->hash) {
			r->in[r->nin].hash = uf->hash;
			r->in[r->nin].mtime = 0;
		}
		r->nin++;
	}
	if (d) {
		const struct doc_meta *mt = &d->meta;
		const char *v[META__COUNT] = {mt->zone, mt->title, mt->council,
		    mt->version, mt->date, mt->date_text, mt->status};

		for (i = 0; i < META__COUNT; i++)
			r->meta[i] = xstrdup(v[i] ? v[i] : "");
		r->deadlines = xcalloc(d->ndeadlines + 1,
		    sizeof(*r->deadlines));
		for (i = 0; i < d->ndeadlines; i++) {
			struct overview one = {0};

			ov_add(&one, "", "", &d->deadlines[i]);
			r->deadlines[r->ndeadlines++] = one.rows[0];
			free(one.rows);
		}
	}
	if (m && m->docnode) {
		const struct ast_node *n;

		for (n = m->docnode->first; n; n = n->next)
			if (n->type == AST_STMT && n->keyword &&
			    strcmp(n->keyword, "zone") == 0 && n->span.file &&
			    strcmp(n->span.file->name, z->src) == 0)
				r->zone_off = n->span.off;
	}
	for (i = 0; m && i < m->nents; i++) {
		const struct entity *e = m->ents[i];
		const struct party *p = (const struct party *)e;

		if (e->kind != ENT_PARTY || p->kind != PARTY_MUNICIPALITY ||
		    e->decl == NULL || e->decl->span.file == NULL)
			continue;
		r->claims = xgrow(r->claims, r->nclaims, sizeof(*r->claims));
		r->claims[r->nclaims].name = xstrdup(p->name ? p->name : e->id);
		r->claims[r->nclaims].file =
		    xstrdup(e->decl->span.file->name);
		r->claims[r->nclaims++].off = e->decl->span.off;
	}
	return r;
}

/* The worker: compiles and renders one zone, writes its outputs, and
 * reports into z->res. Never returns. */
static void
worker(struct build *b, struct zone *z)
{
	struct buf out[BUILD_MAX_FORMATS] = {{0}}, path = {0}, res = {0};
	struct mzone *r;
	struct unit *u;
	size_t k;
	int st, rc, werr = 0;

	handle_signals(on_signal_worker);
	if (got_signal)
		_exit(128 + got_signal);
	fflush(stderr);
	dup2(fileno(z->log), 2);
	u = cli_compile(b->c, z->src, 1);
	st = cli_status(b->c, u, z->src);
	r = record(b, z, u);
	for (k = 0; k < nbackends && st == EXIT_CLEAN; k++)
		if ((b->want & (1u << k)) && (rc = backends[k].render(b->state[k],
		    unit_doc(u), unit_diags(u), &out[k])) != 0)
			st = rc > 0 ? EXIT_SOURCE : EXIT_SYSTEM;
	if (st == EXIT_CLEAN && b->tree && strchr(z->out, '/')) {
		path.len = 0;
		buf_printf(&path, "%s/%s", b->outdir, z->out);
		*strrchr(path.data, '/') = '\0';
		if (mkdirs(path.data) != 0)
			werr = errno;
	}
	for (k = 0; k < nbackends && st == EXIT_CLEAN && werr == 0; k++) {
		if (!(b->want & (1u << k)))
			continue;
		out_path(&path, b, z->out, backends[k].ext);
		if ((werr = write_atomic(path.data, out[k].data ? out[k].data :
		    "", out[k].len)) == 0)
			r->formats |= 1u << k;
	}
	if (werr)
		st = EXIT_SYSTEM;
	r->failed = st != EXIT_CLEAN;
	mzone_write(&res, r);
	buf_printf(&res, "status\t%d\t%d\t", st, werr);
	if (werr)
		buf_puts(&res, path.data);
	buf_putc(&res, '\n');
	if (fwrite(res.data, 1, res.len, z->res) != res.len ||
	    fflush(z->res) != 0)
		st = EXIT_SYSTEM;
	fflush(stderr);
	_exit(st);
}

static char *
read_all(FILE *f, size_t *len)
{
	struct buf b = {0};
	char chunk[8192];
	size_t n;

	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	*len = b.len;
	return buf_take(&b);
}

static void
progress(struct build *b)
{
	size_t done = b->nbuilt + b->nfailed;
	double t = elapsed(b), left;

	if (!b->progress || b->todo == 0)
		return;
	fprintf(stderr, "\r[%*zu/%zu] building %s", b->todo >= 100 ? 3 : 2,
	    done + (done < b->todo), b->todo, b->current ? b->current : "");
	if (done > 0) {
		left = t / (double)done * (double)(b->todo - done);
		fprintf(stderr, "  %d:%02d left", (int)left / 60,
		    (int)left % 60);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	b->line_shown = 1;
}

static void
progress_clear(struct build *b)
{
	if (b->line_shown) {
		fputs("\r\033[K", stderr);
		b->line_shown = 0;
	}
}

/* Prints the messages of the zones that are done, in their order. */
static void
flush_logs(struct build *b, size_t *next)
{
	char chunk[8192];
	size_t n;

	for (; *next < b->n; (*next)++) {
		struct zone *z = &b->z[*next];

		if (z->state == Z_WAIT || z->state == Z_RUNNING)
			break;
		if (z->state != Z_DONE)
			continue;
		if (z->log && ftell(z->log) > 0) {
			progress_clear(b);
			rewind(z->log);
			while ((n = fread(chunk, 1, sizeof(chunk), z->log)) > 0)
				fwrite(chunk, 1, n, stderr);
		}
		if (z->werr && !(repeats(z->werr) && b->fatal_shown)) {
			progress_clear(b);
			diag_sys(b->c->dg, M_E_WRITE, z->wpath,
			    strerror(z->werr));
			if (repeats(z->werr))
				b->fatal_shown = 1;
		}
		if (z->log)
			fclose(z->log);
		z->log = NULL;
		z->state = Z_PRINTED;
	}
	fflush(stderr);
}

/* Removes the outputs a zone's earlier builds wrote. */
static void
remove_outputs(struct build *b, const char *out, unsigned formats)
{
	struct buf p = {0};
	size_t k;

	for (k = 0; k < nbackends; k++)
		if (formats & (1u << k)) {
			out_path(&p, b, out, backends[k].ext);
			unlink(p.data);
		}
	buf_free(&p);
}

/* Whether path lies in the folder dir as walk() names its files. */
static int
in_folder(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 0 || strncmp(path, dir, n) != 0)
		return 0;
	return dir[n - 1] == '/' || path[n] == '/';
}

/*
 * Forgets the zones of the manifest that came from one of the folders
 * given and are no zones there any more (the source was removed or
 * renamed, or lost its document block), and removes their outputs: a
 * folder's build is the folder's whole site. A zone built from a file
 * given on its own is kept, so that building some zones keeps the
 * others; so is one whose output name a zone of this build takes.
 */
static void
prune(struct build *b, char *const *dirs, size_t ndirs)
{
	size_t i, j, k;

	for (i = 0; i < b->m.n; ) {
		struct mzone *mz = b->m.z[i];
		int gone = 0;

		for (k = 0; k < ndirs && !gone; k++)
			gone = in_folder(mz->src, dirs[k]);
		for (j = 0; j < b->n && gone; j++)
			if (strcmp(b->z[j].src, mz->src) == 0 ||
			    strcmp(b->z[j].out, mz->out) == 0)
				gone = 0;
		if (!gone) {
			i++;
			continue;
		}
		remove_outputs(b, mz->out, mz->formats);
		mzone_free(mz);
		memmove(&b->m.z[i], &b->m.z[i + 1],
		    (b->m.n - i - 1) * sizeof(*b->m.z));
		b->m.n--;
		b->nremoved++;
	}
}

/* Takes in the result of a worker that ended with wait status ws. */
static void
finish(struct build *b, struct zone *z, int ws)
{
	struct manifest res = {0};
	struct mzone *r, *old;
	char *text, *s;
	size_t len, i;
	int st = EXIT_SYSTEM;

	text = read_all(z->res, &len);
	fclose(z->res);
	z->res = NULL;
	manifest_parse(&res, text, len);
	if ((s = strstr(text, "\nstatus\t")) != NULL) {
		char *f[3], *nl;

		s += 8;
		if ((nl = strchr(s, '\n')) != NULL)
			*nl = '\0';
		f[0] = s;
		f[1] = strchr(f[0], '\t');
		f[2] = f[1] ? strchr(f[1] + 1, '\t') : NULL;
		if (f[1] && f[2]) {
			st = atoi(f[0]);
			z->werr = atoi(f[1] + 1);
			if (z->werr)
				z->wpath = xstrdup(f[2] + 1);
		}
	}
	free(text);
	if (WIFSIGNALED(ws) || (WIFEXITED(ws) && WEXITSTATUS(ws) > 3 &&
	    st == EXIT_CLEAN))
		st = EXIT_SYSTEM;
	if (got_signal && (WIFSIGNALED(ws) || (WIFEXITED(ws) &&
	    WEXITSTATUS(ws) >= 128))) {
		/* Stopped by the signal: its record stays as it was. */
		for (i = 0; i < res.n; i++)
			mzone_free(res.z[i]);
		free(res.z);
		res.z = NULL;
		res.n = 0;
		manifest_free(&res);
		z->state = Z_DONE;
		b->nskipped++;
		return;
	}
	if (WIFSIGNALED(ws)) {
		fprintf(z->log, "afc: error: building '%s' ended with "
		    "signal %d\n", z->src, WTERMSIG(ws));
	}
	z->status = st;
	old = manifest_find(&b->m, z->out);
	r = res.n == 1 ? res.z[0] : NULL;
	if (r == NULL) {
		r = xcalloc(1, sizeof(*r));
		r->out = xstrdup(z->out);
		r->src = xstrdup(z->src);
		for (i = 0; i < META__COUNT; i++)
			r->meta[i] = xstrdup("");
		for (i = 0; i < res.n; i++)
			mzone_free(res.z[i]);
	}
	free(res.z);
	res.z = NULL;
	res.n = 0;
	manifest_free(&res);
	r->failed = st != EXIT_CLEAN;
	if (r->failed) {
		/* Never a stale output: what earlier builds of the zone
		 * wrote goes; the index marks the zone failed. */
		remove_outputs(b, z->out, r->formats |
		    (old ? old->formats : 0));
		r->formats = 0;
		if (old && r->meta[META_ZONE][0] == '\0')
			for (i = 0; i < META__COUNT; i++) {
				free(r->meta[i]);
				r->meta[i] = xstrdup(old->meta[i]);
			}
		b->nfailed++;
		if (b->fail_fast || (z->werr && repeats(z->werr)))
			b->stop = 1;
	} else {
		b->nbuilt++;
	}
	manifest_put(&b->m, r);
	z->state = Z_DONE;
}

static int
start(struct build *b, struct zone *z)
{
	pid_t pid;

	if ((z->log = tmpfile()) == NULL || (z->res = tmpfile()) == NULL) {
		diag_sys(b->c->dg, M_E_WRITE, "a temporary file",
		    strerror(errno));
		return -1;
	}
	fflush(stderr);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		diag_sys(b->c->dg, M_E_WRITE, "a worker process",
		    strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker(b, z);
	z->pid = pid;
	z->state = Z_RUNNING;
	b->current = z->src;
	b->started++;
	return 0;
}

/* Builds the zones that are out of date, -j at a time. */
static void
run_jobs(struct build *b)
{
	size_t i, next = 0, printed = 0, running = 0;
	int ws;
	pid_t pid;

	for (;;) {
		if (got_signal && !b->stop) {
			b->stop = 1;
			for (i = 0; i < b->n; i++)
				if (b->z[i].state == Z_RUNNING)
					kill(b->z[i].pid, got_signal);
		}
		while (!b->stop && running < (size_t)b->jobs && next < b->n) {
			struct zone *z = &b->z[next++];

			if (z->state != Z_WAIT)
				continue;
			if (start(b, z) != 0) {
				b->stop = 1;
				break;
			}
			running++;
			progress(b);
		}
		flush_logs(b, &printed);
		if (running == 0)
			break;
		pid = waitpid(-1, &ws, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < b->n; i++)
			if (b->z[i].state == Z_RUNNING && b->z[i].pid == pid)
				break;
		if (i == b->n)
			continue;
		running--;
		finish(b, &b->z[i], ws);
		flush_logs(b, &printed);
		progress(b);
	}
	for (i = 0; i < b->n; i++)
		if (b->z[i].state == Z_WAIT) {
			b->z[i].state = Z_SKIPPED;
			b->nskipped++;
		}
	flush_logs(b, &printed);
	progress_clear(b);
}

/* Writes path unless it already holds these bytes (a no-op build
 * touches nothing). Returns 0, or -1 after a message. */
static int
update(struct build *b, const char *path, const struct buf *data)
{
	size_t len;
	char *old = read_file(path, &len);
	int same = old && len == data->len && memcmp(old, data->data, len) == 0;
	int e;

	free(old);
	if (same)
		return 0;
	if ((e = write_atomic(path, data->data ? data->data : "",
	    data->len)) != 0) {
		if (!(repeats(e) && b->fatal_shown))
			diag_sys(b->c->dg, M_E_WRITE, path, strerror(e));
		return -1;
	}
	return 0;
}

/* Dutch collation key: letters without their accents, in lower case
 * (the ligatures ij, ae, oe and the sharp s as two letters); ties are
 * broken by the names themselves. */
static char *
collate_key(const char *s)
{
	/* U+00C0 to U+017F; '=' keeps the character, a digit is two
	 * letters: 1 ij, 2 oe, 3 ae, 4 ss. */
	static const char fold[] =
	    "aaaaaa3ceeeeiiii" "dnooooo=ouuuuyt4"
	    "aaaaaa3ceeeeiiii" "dnooooo=ouuuuyty"
	    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
	    "iiiiiiiiii" "11" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo"
	    "22" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy"
	    "zzzzzz" "s";
	static const char *const two[] = {"ij", "oe", "ae", "ss"};
	_Static_assert(sizeof(fold) == 0x180 - 0xC0 + 1, "U+00C0 to U+017F");
	struct buf k = {0};
	const char *p = s;
	unsigned cp;
	char f;

	while (*p) {
		cp = utf8_decode(&p);
		f = cp >= 0xC0 && cp < 0xC0 + sizeof(fold) - 1 ?
		    fold[cp - 0xC0] : '=';
		if (cp >= 'A' && cp <= 'Z')
			buf_putc(&k, (char)(cp - 'A' + 'a'));
		else if (f >= '1' && f <= '4')
			buf_puts(&k, two[f - '1']);
		else if (f != '=')
			buf_putc(&k, f);
		else
			utf8_encode(&k, cp);
	}
	buf_putc(&k, '\0');
	return buf_take(&k);
}

struct index_row {
	struct mzone *z;
	char *key;
	struct index_entry e;
	struct doc_meta meta;
};

static const char *
shown_name(const struct mzone *z)
{
	return z->meta[META_ZONE][0] ? z->meta[META_ZONE] :
	    z->meta[META_TITLE][0] ? z->meta[META_TITLE] : z->out;
}

static int
by_key(const void *a, const void *b)
{
	const struct index_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c == 0)
		c = strcmp(shown_name(x->z), shown_name(y->z));
	return c ? c : strcmp(x->z->out, y->z->out);
}

static void
json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch < 0x20)
			buf_printf(b, "\\u%04x", ch);
		else
			buf_putc(b, (char)ch);
	}
	buf_putc(b, '"');
}

static void
index_json(struct buf *j, const struct index_row *rows, size_t n)
{
	size_t i, k;

	buf_printf(j, "{\n  \"generator\": \"afc %s\",\n  \"zones\": [",
	    AFC_VERSION);
	for (i = 0; i < n; i++) {
		const struct mzone *z = rows[i].z;
		const struct index_entry *e = &rows[i].e;
		int any = 0;

		buf_puts(j, i ? ",\n    {" : "\n    {");
		buf_puts(j, "\"name\": ");
		json_str(j, shown_name(z));
		buf_puts(j, ", \"output\": ");
		json_str(j, z->out);
		buf_puts(j, ", \"source\": ");
		json_str(j, z->src);
		for (k = 0; k < META__COUNT; k++) {
			buf_printf(j, ", \"%s\": ", meta_keys[k]);
			json_str(j, z->meta[k]);
		}
		buf_printf(j, ", \"failed\": %s, \"files\": {",
		    z->failed ? "true" : "false");
		for (k = 0; k < nbackends; k++) {
			struct buf f = {0};

			if (!(e->formats & (1u << k)))
				continue;
			buf_printf(&f, "%s.%s", z->out, backends[k].ext);
			buf_printf(j, "%s\"%s\": ", any ? ", " : "",
			    backends[k].name);
			json_str(j, f.data);
			buf_free(&f);
			any = 1;
		}
		buf_puts(j, "}}");
	}
	buf_puts(j, n ? "\n  ]\n}\n" : "]\n}\n");
}

/*
 * deadlines.html, the overview of every deadline of every zone in the
 * directory, linked from index.html. It is made from the manifest, as
 * the index is: each worker returns its zone's deadlines (a line each,
 * a few hundred bytes) with the rest of its record, so that no document
 * is kept in the parent and no zone is compiled again for the page, and
 * a no-op build writes it from what is recorded. Memory grows with the
 * number of deadlines as the manifest does, not with the documents.
 */
static int
write_overview(struct build *b, const struct index_row *rows, size_t n)
{
	struct overview ov = {0};
	struct buf page = {0}, p = {0};
	size_t i, k;
	int rc;

	for (i = 0; i < n; i++) {
		const struct mzone *z = rows[i].z;

		if (z->failed) {
			ov_add_failed(&ov, shown_name(z));
			continue;
		}
		p.len = 0;
		if (rows[i].e.formats & (1u << (backend_find("html") - backends)))
			buf_printf(&p, "%s.html", z->out);
		for (k = 0; k < z->ndeadlines; k++) {
			struct ov_row r = z->deadlines[k];

			r.zone = (char *)shown_name(z);
			r.page = p.data ? p.data : "";
			ov_add_row(&ov, &r);
		}
	}
	ov_sort(&ov);
	ov_render(&ov, OV_HTML, &page);
	p.len = 0;
	buf_printf(&p, "%s/deadlines.html", b->outdir);
	rc = update(b, p.data, &page);
	ov_free(&ov);
	buf_free(&page);
	buf_free(&p);
	return rc;
}

/* index.html and index.json, from the manifest: every zone built into
 * the directory, whenever it was, with the formats on its disk; and
 * the overview of their deadlines. */
static int
write_index(struct build *b)
{
	const struct backend *html = backend_find("html");
	size_t k = (size_t)(html - backends), i, f, n = 0;
	struct index_row *rows;
	struct index_entry *e;
	struct buf page = {0}, json = {0}, p = {0};
	int rc = 0;

	if (!(b->want & (1u << k)) || b->m.n < 2)
		return 0;
	if (b->state[k] == NULL && open_backends(b, 1u << k) != 0)
		return -1;
	rows = xcalloc(b->m.n, sizeof(*rows));
	e = xcalloc(b->m.n, sizeof(*e));
	for (i = 0; i < b->m.n; i++) {
		struct index_row *r = &rows[n];
		struct mzone *z = b->m.z[i];

		r->z = z;
		r->key = collate_key(shown_name(z));
		r->meta.zone = shown_name(z);
		r->meta.title = z->meta[META_TITLE];
		r->meta.council = z->meta[META_COUNCIL];
		r->meta.version = z->meta[META_VERSION];
		r->meta.date = z->meta[META_DATE];
		r->meta.date_text = z->meta[META_DATE_TEXT];
		r->meta.status = z->meta[META_STATUS];
		r->e.base = z->out;
		r->e.failed = z->failed;
		for (f = 0; f < nbackends; f++) {
			out_path(&p, b, z->out, backends[f].ext);
			if (exists(p.data))
				r->e.formats |= 1u << f;
		}
		n++;
	}
	qsort(rows, n, sizeof(*rows), by_key);
	for (i = 0; i < n; i++) {
		e[i] = rows[i].e;
		e[i].meta = &rows[i].meta;
	}
	if (html_render_index(b->state[k], e, n, b->c->dg, &page) != 0)
		rc = -1;
	index_json(&json, rows, n);
	p.len = 0;
	buf_printf(&p, "%s/index.html", b->outdir);
	if (rc == 0 && update(b, p.data, &page) != 0)
		rc = -1;
	p.len = 0;
	buf_printf(&p, "%s/index.json", b->outdir);
	if (rc == 0 && update(b, p.data, &json) != 0)
		rc = -1;
	if (rc == 0 && write_overview(b, rows, n) != 0)
		rc = -1;
	for (i = 0; i < n; i++)
		free(rows[i].key);
	free(rows);
	free(e);
	buf_free(&page);
	buf_free(&json);
	buf_free(&p);
	return rc;
}

static void
make_word(struct buf *d, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '#' || *s == '\\')
			buf_putc(d, '\\');
		if (*s == '$')
			buf_putc(d, '$');
		buf_putc(d, *s);
	}
}

/* Make-style lines: each zone's outputs depend on its files and on
 * what the backends read. */
static int
write_deps(struct build *b, const char *to)
{
	struct buf d = {0}, p = {0};
	size_t i, k, j;
	FILE *f;
	int rc = 0;

	for (i = 0; i < b->n; i++) {
		struct mzone *r = manifest_find(&b->m, b->z[i].out);

		if (r == NULL || r->failed)
			continue;
		for (k = 0; k < nbackends; k++)
			if (b->want & (1u << k)) {
				out_path(&p, b, r->out, backends[k].ext);
				make_word(&d, p.data);
				buf_putc(&d, ' ');
			}
		d.len--;
		buf_putc(&d, ':');
		for (j = 0; j < r->nin; j++) {
			buf_puts(&d, " \\\n  ");
			make_word(&d, r->in[j].path);
		}
		for (k = 0; k < nbackends; k++)
			for (j = 0; (b->want & (1u << k)) &&
			    j < b->m.ndeps[k]; j++) {
				buf_puts(&d, " \\\n  ");
				make_word(&d, b->m.deps[k][j].path);
			}
		buf_putc(&d, '\n');
	}
	if (strcmp(to, "-") == 0) {
		fwrite(d.data ? d.data : "", 1, d.len, stdout);
	} else if ((f = fopen(to, "w")) == NULL ||
	    (fwrite(d.data ? d.data : "", 1, d.len, f) != d.len) | (fclose(f) != 0)) {
		diag_sys(b->c->dg, M_E_WRITE, to, strerror(errno));
		rc = -1;
	}
	buf_free(&d);
	buf_free(&p);
	return rc;
}

/* A message at a place given as a file and a byte offset, the file
 * read again for it: the checks across zones. */
static struct span
place(struct diags *dg, const char *file, size_t off)
{
	struct span sp = {0};
	size_t i, len;
	char *text;

	for (i = 0; i < dg->nfiles; i++)
		if (strcmp(dg->files[i]->name, file) == 0)
			break;
	if (i == dg->nfiles) {
		if ((text = read_file(file, &len)) == NULL)
			return sp;
		src_add(dg, file, text, len);
	}
	if (off > dg->files[i]->len)
		off = dg->files[i]->len;
	return span_at(dg->files[i], off, off);
}

/* A name a zone gives: its own, or a municipality's. */
struct claimed {
	char *key;
	const struct mzone *z;
	size_t zi;		/* the zone's place in the batch */
	const char *name, *file;
	size_t off;
};

static int
by_claim(const void *a, const void *b)
{
	const struct claimed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c == 0)
		c = x->zi < y->zi ? -1 : x->zi > y->zi;
	return c ? c : (x->off < y->off ? -1 : x->off > y->off);
}

/* Warns at each of the names of cl (sorted) that another zone gives
 * too. */
static void
warn_twice(struct diags *dg, struct claimed *cl, size_t n, int zones)
{
	size_t i, j;
	struct span sp;

	if (n == 0)
		return;
	qsort(cl, n, sizeof(*cl), by_claim);
	for (i = 0; i < n; i++) {
		/* The nearest other zone with the same name. */
		for (j = i + 1; j < n && strcmp(cl[j].key, cl[i].key) == 0 &&
		    cl[j].zi == cl[i].zi; j++)
			;
		if (j == n || strcmp(cl[j].key, cl[i].key) != 0) {
			for (j = i; j > 0 && strcmp(cl[j - 1].key,
			    cl[i].key) == 0 && cl[j - 1].zi == cl[i].zi; j--)
				;
			if (j == 0 || strcmp(cl[j - 1].key, cl[i].key) != 0)
				continue;
			j--;
		}
		sp = place(dg, cl[i].file, cl[i].off);
		if (sp.file == NULL)
			continue;
		if (zones)
			diag(&sp, M_W_ZONE_TWICE, cl[i].name, cl[j].z->src);
		else
			diag(&sp, M_W_CLAIMED, cl[i].name, cl[j].z->src);
	}
}

/*
 * What no single zone can check: a municipality in two zones, two
 * zones of the same name. Warnings, at both places.
 */
static void
across(struct build *b)
{
	struct claimed *cl = NULL, *zn = NULL;
	size_t i, j, ncl = 0, nzn = 0;
	struct diags dg;
	struct mzone *r;

	diags_init(&dg, stderr, 0);
	for (i = 0; i < b->n; i++) {
		if ((r = manifest_find(&b->m, b->z[i].out)) == NULL ||
		    r->failed)
			continue;
		if (r->meta[META_ZONE][0]) {
			zn = xgrow(zn, nzn, sizeof(*zn));
			zn[nzn++] = (struct claimed){collate_key(
			    r->meta[META_ZONE]), r, i, r->meta[META_ZONE],
			    r->src, r->zone_off};
		}
		for (j = 0; j < r->nclaims; j++) {
			cl = xgrow(cl, ncl, sizeof(*cl));
			cl[ncl++] = (struct claimed){collate_key(
			    r->claims[j].name), r, i, r->claims[j].name,
			    r->claims[j].file, r->claims[j].off};
		}
	}
	warn_twice(&dg, zn, nzn, 1);
	warn_twice(&dg, cl, ncl, 0);
	for (i = 0; i < nzn; i++)
		free(zn[i].key);
	for (i = 0; i < ncl; i++)
		free(cl[i].key);
	free(zn);
	free(cl);
	diags_free(&dg);
}

static int
summary(struct build *b)
{
	fprintf(stderr, "%zu zone%s: %zu built, %zu up to date, %zu failed",
	    b->n, b->n == 1 ? "" : "s", b->nbuilt, b->nfresh, b->nfailed);
	if (b->nskipped)
		fprintf(stderr, ", %zu not built", b->nskipped);
	if (b->nremoved)
		fprintf(stderr, ", %zu removed", b->nremoved);
	fprintf(stderr, " (%.1f s)\n", elapsed(b));
	return 0;
}

int
cmd_build(int argc, char **argv, const struct cli *c)
{
	const char *formats = NULL, *outdir = ".", *jobs = NULL,
	    *layout = NULL, *deps = NULL;
	int force = 0, keep = 0, fail_fast = 0, quiet = 0, dash_m = 0;
	const struct cli_opt opts[] = {
		{"--to", &formats, NULL},
		{"-o", &outdir, NULL},
		{"-j", &jobs, NULL},
		{"--jobs", &jobs, NULL},
		{"--layout", &layout, NULL},
		{"--deps", &deps, NULL},
		{"--force", NULL, &force},
		{"--keep-going", NULL, &keep},
		{"--fail-fast", NULL, &fail_fast},
		{"--quiet", NULL, &quiet},
		{"-q", NULL, &quiet},
		{"-M", NULL, &dash_m},
		{NULL, NULL, NULL},
	};
	int want[BUILD_MAX_FORMATS] = {0}, st = EXIT_CLEAN, nfiles, help = 0;
	struct build b;
	struct buf p = {0}, mf = {0};
	struct stat sb;
	size_t i, k;
	char **files, **dirs = NULL, *end;
	size_t ndirs = 0;
	long nj;

	if ((st = cli_options(argc, argv, opts, &files, &nfiles, &help)) != 0)
		return st;
	if (help || nfiles == 0) {
		free(files);
		return cli_usage(help ? NULL : "build needs at least one PATH");
	}
	memset(&b, 0, sizeof(b));
	b.c = c;
	b.outdir = outdir;
	b.force = force;
	b.fail_fast = fail_fast && !keep;
	b.quiet = quiet;
	clock_gettime(CLOCK_MONOTONIC, &b.t0);
	if (formats == NULL) {
		for (k = 0; k < nbackends; k++)
			want[k] = backends[k].dflt;
	} else if (cli_formats(formats, want) != 0) {
		free(files);
		return EXIT_USAGE;
	}
	for (k = 0; k < nbackends && k < BUILD_MAX_FORMATS; k++)
		if (want[k])
			b.want |= 1u << k;
	if (layout && strcmp(layout, "tree") != 0 && strcmp(layout, "flat") != 0) {
		free(files);
		return cli_usage("--layout is flat or tree");
	}
	b.tree = layout && strcmp(layout, "tree") == 0;
	nj = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs) {
		errno = 0;
		nj = strtol(jobs, &end, 10);
		if (errno || *end || nj < 1 || nj > 1024) {
			free(files);
			return cli_usage("-j needs a number of jobs from 1 "
			    "to 1024");
		}
	}
	b.jobs = nj < 1 ? 1 : (int)nj;
	b.progress = !quiet && isatty(2);

	/* The zones, in the order of the arguments. */
	for (i = 0; i < (size_t)nfiles; i++) {
		if (stat(files[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (cli_walk(c, files[i], found, &b) != 0)
				st = EXIT_SYSTEM;
			dirs = xgrow(dirs, ndirs, sizeof(*dirs));
			dirs[ndirs++] = files[i];
		} else {
			char *base = unit_base_name(files[i]);

			add_zone(&b, files[i], base);
			free(base);
		}
	}
	free(files);
	if (st != EXIT_CLEAN || collisions(&b) != 0) {
		st = st != EXIT_CLEAN ? st : EXIT_USAGE;
		goto done;
	}
	if (mkdirs(outdir) != 0) {
		diag_sys(c->dg, M_E_OUTDIR, outdir, strerror(errno));
		st = EXIT_SYSTEM;
		goto done;
	}
	/* An output directory that cannot be written is said once. */
	buf_printf(&p, "%s/.afc-check", outdir);
	{
		int e = write_atomic(p.data, "", 0);

		if (e != 0) {
			diag_sys(c->dg, M_E_WRITE, outdir, strerror(e));
			st = EXIT_SYSTEM;
			goto done;
		}
		unlink(p.data);
	}
	p.len = 0;
	buf_printf(&p, "%s/" MANIFEST, outdir);
	manifest_read(&b.m, p.data);
	prune(&b, dirs, ndirs);
	plan(&b);
	if (b.todo > 0 && open_backends(&b, b.want) != 0) {
		st = EXIT_SYSTEM;
		goto done;
	}
	handle_signals(on_signal_parent);
	run_jobs(&b);
	for (i = 0; i < b.n; i++)
		st = cli_worse(st, b.z[i].status);
	if (b.n > 1)
		across(&b);
	mask_signals(SIG_BLOCK);
	manifest_write(&mf, &b.m);
	mask_signals(SIG_UNBLOCK);
	if (update(&b, p.data, &mf) != 0)
		st = cli_worse(st, EXIT_SYSTEM);
	if (!got_signal && write_index(&b) != 0)
		st = cli_worse(st, EXIT_SYSTEM);
	if (!got_signal && (dash_m || deps) &&
	    write_deps(&b, deps ? deps : "-") != 0)
		st = cli_worse(st, EXIT_SYSTEM);
	if (!quiet)
		summary(&b);
	if (got_signal)
		st = 128 + got_signal;
done:
	free(dirs);
	for (k = 0; k < nbackends; k++)
		if (b.state[k])
			backends[k].close(b.state[k]);
	for (i = 0; i < b.n; i++) {
		free(b.z[i].src);
		free(b.z[i].out);
		free(b.z[i].wpath);
		if (b.z[i].log)
			fclose(b.z[i].log);
		if (b.z[i].res)
			fclose(b.z[i].res);
	}
	free(b.z);
	manifest_free(&b.m);
	buf_free(&p);
	buf_free(&mf);
	return st;
}
