/* style.c - a libFuzzer harness for the PDF stylesheet: the bytes as
 * templates/pdf.yaml, read by style_load through a file, as afc reads
 * it. Messages are silenced; any crash, leak, hang or sanitizer report
 * is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"
#include "out/style.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/afc-fuzz-style-XXXXXX";

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof(path), "%s/pdf.yaml", dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags dg;
	struct style st;

	if (fuzz_write(path, data, size) != 0)
		abort();
	diags_init(&dg, NULL, 100);
	memset(&st, 0, sizeof(st));
	if (style_load(&st, path, &dg) == 0)
		style_free(&st);
	diags_free(&dg);
	return 0;
}
