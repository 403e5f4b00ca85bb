/* fuzz.c - a libFuzzer harness: the bytes as an .afs source, through
 * the compile unit (parse, check, lower) and the Markdown backend.
 * Messages are silenced; any crash, leak, hang or sanitizer report is a
 * bug. Includes are resolved against templates/ so that the form can be
 * reached. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/util.h"
#include "out/backend.h"
#include "unit/unit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	if (unit_doc(u)) {
		md_render(NULL, unit_doc(u), unit_diags(u), &out);
		buf_free(&out);
	}
	unit_free(u);
	return 0;
}
