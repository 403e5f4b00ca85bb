/* pdfbatch.c - in-process batch figures: the backends are opened once,
 * then every source is compiled and rendered to every format, ROUNDS
 * times over, as a batch of many zones is; prints the time per zone and
 * per PDF.
 * usage: pdfbatch ROUNDS FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "out/backend.h"
#include "unit/unit.h"

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
	struct unit_options o = {"templates", NULL, stderr, 100, NULL, 0};
	struct render_ctx ctx = {"."};
	double t0, tpdf = 0, t;
	void *state[8] = {0};
	struct diags dg;
	struct buf out = {0};
	size_t k, zones = 0, pdfs = 0;
	int rounds, i, f;

	if (argc < 3)
		return 2;
	rounds = atoi(argv[1]);
	diags_init(&dg, stderr, 0);
	t0 = now();
	for (k = 0; k < nbackends; k++)
		if ((state[k] = backends[k].open(&ctx, &dg)) == NULL)
			return 1;
	for (i = 0; i < rounds; i++)
		for (f = 2; f < argc; f++) {
			struct unit *u = unit_compile(argv[f], &o);

			if (unit_doc(u) == NULL) {
				fprintf(stderr, "pdfbatch: %s does not compile\n", argv[f]);
				return 1;
			}
			for (k = 0; k < nbackends; k++) {
				out.len = 0;
				t = now();
				if (backends[k].render(state[k], unit_doc(u),
				    unit_diags(u), &out) != 0)
					return 1;
				if (backends[k].ext[0] == 'p') {
					tpdf += now() - t;
					pdfs++;
				}
			}
			unit_free(u);
			zones++;
		}
	for (k = 0; k < nbackends; k++)
		backends[k].close(state[k]);
	t = now() - t0;
	printf("batch of %zu zones in one process, md + html + pdf: %.2f ms per "
	    "zone (%.2f ms of it the PDF)\n", zones, t / (double)zones * 1e3,
	    tpdf / (double)pdfs * 1e3);
	buf_free(&out);
	diags_free(&dg);
	return 0;
}
