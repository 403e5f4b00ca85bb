/* fuzz.c - a libFuzzer harness: the bytes as an .afs source, through
 * parse, check, lower and the Markdown backend. Messages are silenced;
 * any crash, leak, hang or sanitizer report is a bug. Includes are
 * resolved against templates/ so that the form can be reached. */
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/util.h"
#include "front/ast.h"
#include "out/backend.h"
#include "sema/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ast_node *root;
	struct model *m;
	struct render_ctx ctx = {"."};
	struct doc d = {0};
	struct buf out = {0};

	diag_set_stream(NULL);
	diag_set_limit(100);
	ast_set_include_dir("templates");
	diag_reset();
	root = ast_parse_buffer("fuzz.afs", (const char *)data, size);
	if ((m = check(root)) != NULL) {
		lower(m, "fuzz", &d);
		md_render(&d, &ctx, &out);
		buf_free(&out);
		doc_free(&d);
	}
	model_free(m);
	ast_free(root);
	src_free_all();
	return 0;
}
