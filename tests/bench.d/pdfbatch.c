/* pdfbatch.c - in-process PDF figures: each source is compiled once and
 * rendered to PDF RUNS times, as a batch of zones would be.
 * usage: pdfbatch RUNS FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/diag.h"
#include "front/ast.h"
#include "out/backend.h"
#include "sema/check.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct render_ctx ctx = {"."};
	struct ast_node *root;
	struct buf out = {0};
	struct model *m;
	struct doc d;
	double t0;
	int runs, i, k;

	if (argc < 3)
		return 2;
	runs = atoi(argv[1]);
	ast_set_include_dir("templates");
	for (k = 2; k < argc; k++) {
		if ((root = ast_parse_file(argv[k])) == NULL || (m = check(root)) == NULL) {
			fprintf(stderr, "pdfbatch: %s does not compile\n", argv[k]);
			return 1;
		}
		lower(m, "bench", &d);
		t0 = now();
		for (i = 0; i < runs; i++) {
			out.len = 0;
			if (pdf_render(&d, &ctx, &out) != 0)
				return 1;
		}
		printf("%-36s %7.2f ms per PDF in process (%d runs), %zu bytes\n",
		    argv[k], (now() - t0) / runs * 1e3, runs, out.len);
		doc_free(&d);
		model_free(m);
		ast_free(root);
	}
	buf_free(&out);
	src_free_all();
	return 0;
}
