/* unit.c - the compile unit: source -> syntax tree -> model -> document. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "lower/lower.h"
#include "sema/check.h"
#include "sema/todo.h"
#include "unit/unit.h"

struct unit {
	struct diags dg;	/* owns the files read */
	enum unit_status status;
	int err;
	struct ast_node *root;
	struct model *model;
	struct doc doc;
	int has_doc;
	char *base;
	struct unit_file *files;
	size_t nfiles;
};

unsigned long long
unit_hash(const void *data, size_t n)
{
	const unsigned char *p = data;
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
unit_base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	size_t n;

	s = s ? s + 1 : path;
	n = strlen(s);
	if (n > 4 && strcmp(s + n - 4, ".afs") == 0)
		n -= 4;
	return xstrndup(s, n);
}

static struct unit *
unit_new(const char *name, const struct unit_options *o)
{
	struct unit *u = xcalloc(1, sizeof(*u));

	diags_init(&u->dg, o->diag_stream, o->max_errors);
	u->dg.label = o->label;
	u->base = unit_base_name(name);
	return u;
}

/* Adds the strings and texts of the tree n, includes at their place,
 * to the document's places (doc.h). */
static void
add_places(struct doc *d, const struct ast_node *n)
{
	const struct ast_value *v;
	size_t i, end;

	for (; n; n = n->next) {
		for (i = 0; i < n->nvals; i++) {
			v = &n->vals[i];
			if (v->type == VAL_WORD || v->span.file == NULL)
				continue;
			end = v->type == VAL_TEXT ? text_span(v, strlen(v->s), 0).off :
			    v->span.end;
			d->places = xgrow(d->places, d->nplaces, sizeof(*d->places));
			/* Lines and columns are left to the one that
			 * reports. */
			d->places[d->nplaces++] = (struct span){v->span.file,
			    v->type == VAL_TEXT ? v->text_first : v->span.off,
			    end, 0, 0};
		}
		add_places(d, n->include);
		add_places(d, n->first);
	}
}

/* Checks and lowers the parsed tree; records the files read. */
static void
finish(struct unit *u, const struct unit_options *o)
{
	size_t i;

	u->files = xcalloc(u->dg.nfiles + 1, sizeof(*u->files));
	for (i = 0; i < u->dg.nfiles; i++) {
		const struct srcfile *f = u->dg.files[i];

		u->files[u->nfiles].name = f->name;
		u->files[u->nfiles].len = f->len;
		u->files[u->nfiles++].hash = unit_hash(f->text, f->len);
	}
	u->model = check(u->root);
	todo_warn(u->root);
	if (u->model == NULL || diag_worst(&u->dg) == DIAG_ERROR) {
		u->status = UNIT_ERRORS;
		return;
	}
	if (!o->no_lower) {
		lower(u->model, u->base, &u->doc);
		add_places(&u->doc, u->root);
		u->has_doc = 1;
	}
}

struct unit *
unit_compile(const char *path, const struct unit_options *o)
{
	struct unit *u = unit_new(path, o);
	struct ast_options ao = {&u->dg, o->reader, o->include_dir};

	if ((u->root = ast_parse_file(&ao, path)) == NULL) {
		u->err = errno;
		u->status = UNIT_UNREADABLE;
		return u;
	}
	finish(u, o);
	return u;
}

struct unit *
unit_compile_buffer(const char *name, const char *data, size_t len,
    const struct unit_options *o)
{
	struct unit *u = unit_new(name, o);
	struct ast_options ao = {&u->dg, o->reader, o->include_dir};

	u->root = ast_parse_buffer(&ao, name, data, len);
	finish(u, o);
	return u;
}

void
unit_free(struct unit *u)
{
	if (u == NULL)
		return;
	if (u->has_doc)
		doc_free(&u->doc);
	model_free(u->model);
	ast_free(u->root);
	free(u->files);
	free(u->base);
	diags_free(&u->dg);
	free(u);
}

enum unit_status
unit_status(const struct unit *u)
{
	return u->status;
}

int
unit_errno(const struct unit *u)
{
	return u->err;
}

struct diags *
unit_diags(struct unit *u)
{
	return &u->dg;
}

const struct ast_node *
unit_ast(const struct unit *u)
{
	return u->root;
}

const struct model *
unit_model(const struct unit *u)
{
	return u->status == UNIT_OK ? u->model : NULL;
}

const struct doc *
unit_doc(const struct unit *u)
{
	return u->has_doc ? &u->doc : NULL;
}

const char *
unit_base(const struct unit *u)
{
	return u->base;
}

size_t
unit_nfiles(const struct unit *u)
{
	return u->nfiles;
}

const struct unit_file *
unit_file(const struct unit *u, size_t i)
{
	return i < u->nfiles ? &u->files[i] : NULL;
}
