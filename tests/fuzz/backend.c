/* backend.c - libFuzzer harnesses for the whole pipeline: the bytes as
 * an .afs source, through the compile unit (parse, check, lower) and
 * one backend into memory. Built once per backend, with FUZZ_BACKEND
 * "md", "html" or "pdf" (build/fuzz/fuzz-md, -html, -pdf). The backend
 * is opened once, as a build opens it for many zones. Messages are
 * silenced; any crash, leak, hang or sanitizer report is a bug. Run
 * from the top of the tree: the data (templates/, fonts/) is there,
 * and includes are resolved against templates/ so that the form can
 * be reached. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "lower/doc.h"
#include "out/backend.h"
#include "unit/unit.h"

#ifndef FUZZ_BACKEND
#define FUZZ_BACKEND "md"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct backend *be;
static void *state;
static struct diags dg;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct render_ctx ctx = {"."};

	(void)argc;
	(void)argv;
	diags_init(&dg, NULL, 100);
	if ((be = backend_find(FUZZ_BACKEND)) == NULL ||
	    (state = be->open(&ctx, &dg)) == NULL)
		abort();	/* not run from the top of the tree */
	return 0;
}

/* The PDF harness sets documents of at most this much text. A source of
 * 64 KB may fill in megabytes, whose PDF takes seconds, and tens of them
 * under the sanitizers: that is a big document, not a hang, and
 * tests/pathological.test checks that its time grows linearly. */
#define PDF_MAX_TEXT	(256 * 1024)

/* The bytes of text in the document tree. */
static size_t
text_size(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	const char *s;
	size_t n = 0;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE)
		if ((s = cmark_node_get_literal(cmark_iter_get_node(it))) != NULL)
			n += strlen(s);
	cmark_iter_free(it);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unit_options o;
	struct buf out = {0};
	struct unit *u;

	memset(&o, 0, sizeof(o));
	o.include_dir = "templates";
	o.max_errors = 100;
	u = unit_compile_buffer("fuzz.afs", (const char *)data, size, &o);
	if (unit_doc(u) && (strcmp(FUZZ_BACKEND, "pdf") != 0 ||
	    text_size(unit_doc(u)->root) <= PDF_MAX_TEXT)) {
		be->render(state, unit_doc(u), unit_diags(u), &out);
		buf_free(&out);
	}
	unit_free(u);
	return 0;
}
