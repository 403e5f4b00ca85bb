/* unit-compile.c - the compile unit's interface: a source compiled from
 * a file, twice over, and from memory through a reader of its own; what
 * the unit owns (files with their hashes, tree, model, document,
 * messages) and that one call frees it (the sanitizer run checks for
 * leaks); backends opened once for several units. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "out/backend.h"
#include "sema/model.h"
#include "unit/unit.h"
#include "unit.h"

static const struct unit_options plain = {"templates", NULL, NULL, 100,
    NULL, 0};

/* A reader over files held in memory: "zone.afs" and "extra.afs". */
struct memfs {
	int reads;
};

static const char zone_src[] =
    "include \"forms/afsprakenkader-2025.afs\"\n"
    "include \"extra.afs\"\n"
    "document {\n  form afsprakenkader-2025\n  zone \"Z\"\n"
    "  council raad\n}\n"
    "part deel1 {\n  section afstemming {\n    text \"{raad}.\"\n  }\n"
    "  section vertegenwoordiging {\n    text \"V.\"\n  }\n"
    "  section data {\n    text \"D.\"\n  }\n}\n"
    "part deel2 {\n  text \"E.\"\n}\n";
static const char extra_src[] = "council raad \"Raad uit het geheugen\"\n";

static char *
mem_read(void *arg, const char *path, size_t *len)
{
	struct memfs *fs = arg;
	const char *s = NULL;

	fs->reads++;
	if (strcmp(path, "mem/zone.afs") == 0)
		s = zone_src;
	else if (strcmp(path, "mem/extra.afs") == 0)
		s = extra_src;
	if (s == NULL) {
		errno = ENOENT;
		return NULL;
	}
	*len = strlen(s);
	return xstrdup(s);
}

static void
test_file(void)
{
	struct unit *a = unit_compile("samples/amalo.afs", &plain);
	struct unit *b = unit_compile("samples/amalo.afs", &plain);
	const struct unit_file *fa, *fb;

	CHECK("unit: a sample compiles", unit_status(a) == UNIT_OK &&
	    unit_model(a) != NULL && unit_doc(a) != NULL && unit_ast(a) != NULL);
	CHECK_STR("unit: base name", unit_base(a), "amalo");
	CHECK("unit: the source and the form were read", unit_nfiles(a) == 2);
	fa = unit_file(a, 0);
	fb = unit_file(b, 0);
	CHECK("unit: the source comes first", fa &&
	    strcmp(fa->name, "samples/amalo.afs") == 0);
	CHECK("unit: the same bytes give the same hash", fa && fb &&
	    fa->hash == fb->hash && fa->len == fb->len);
	CHECK("unit: different files, different hashes",
	    unit_file(a, 1) && unit_file(a, 1)->hash != fa->hash);
	CHECK("unit: no file past the last", unit_file(a, 2) == NULL);
	CHECK("unit: hash of nothing is FNV-1a's basis",
	    unit_hash("", 0) == 0xcbf29ce484222325ULL);
	CHECK("unit: the model holds the parts", unit_model(a)->nparts == 2 &&
	    unit_model(a)->parts[0].nitems > 0);
	unit_free(a);
	unit_free(b);
	unit_free(NULL);
}

static void
test_errors(void)
{
	static const char bad[] = "document {\n  form nergens\n}\n";
	struct unit *u = unit_compile_buffer("bad.afs", bad, strlen(bad),
	    &plain);

	CHECK("unit: errors give no model and no document",
	    unit_status(u) == UNIT_ERRORS && unit_model(u) == NULL &&
	    unit_doc(u) == NULL && unit_ast(u) != NULL);
	CHECK("unit: errors are counted", diag_count(unit_diags(u),
	    DIAG_ERROR) > 0);
	unit_free(u);
	u = unit_compile("tests/no-such-file.afs", &plain);
	CHECK("unit: an unreadable source", unit_status(u) == UNIT_UNREADABLE &&
	    unit_errno(u) == ENOENT && unit_ast(u) == NULL);
	unit_free(u);
}

static void
test_reader(void)
{
	struct memfs fs = {0};
	struct ast_reader r = {mem_read, &fs};
	struct unit_options o = plain;
	struct unit *u;

	o.reader = &r;
	u = unit_compile("mem/zone.afs", &o);
	CHECK("reader: the source and its include come from the reader",
	    unit_status(u) == UNIT_OK && fs.reads >= 2);
	CHECK("reader: the form falls back to the data directory",
	    unit_nfiles(u) == 3);
	CHECK("reader: the included council is known",
	    unit_model(u) && unit_model(u)->doc.council &&
	    strcmp(unit_model(u)->doc.council->name,
	    "Raad uit het geheugen") == 0);
	unit_free(u);
}

static void
test_backends(void)
{
	struct render_ctx ctx = {"."};
	struct diags dg;
	struct buf out = {0};
	void *state;
	size_t k;
	int i, ok = 1;

	diags_init(&dg, stderr, 0);
	for (k = 0; k < nbackends; k++) {
		if ((state = backends[k].open(&ctx, &dg)) == NULL) {
			ok = 0;
			continue;
		}
		for (i = 0; i < 2; i++) {
			struct unit *u = unit_compile(i ? "samples/amalo.afs" :
			    "samples/midden-west-vlaanderen.afs", &plain);

			out.len = 0;
			if (unit_doc(u) == NULL || backends[k].render(state,
			    unit_doc(u), unit_diags(u), &out) != 0 || out.len == 0)
				ok = 0;
			unit_free(u);
		}
		backends[k].close(state);
	}
	CHECK("backends: opened once, render two zones each", ok);
	buf_free(&out);
	diags_free(&dg);
}

int
main(void)
{
	test_file();
	test_errors();
	test_reader();
	test_backends();
	UNIT_EXIT();
}
