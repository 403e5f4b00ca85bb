/* front.c - in-process throughput of parse + check + lower + Markdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* One full compile of path to Markdown; returns the output size. */
static size_t
once(const char *path)
{
	struct unit_options o = {"templates", NULL, NULL, 0, NULL, 0};
	struct unit *u = unit_compile(path, &o);
	struct buf out = {0};
	size_t n = 0;

	if (unit_doc(u) == NULL) {
		fprintf(stderr, "bench: %s does not compile\n", path);
		exit(1);
	}
	md_render(NULL, unit_doc(u), unit_diags(u), &out);
	n = out.len;
	buf_free(&out);
	unit_free(u);
	return n;
}

int
main(int argc, char **argv)
{
	double t0, best = 1e9;
	size_t bytes = 0, runs, i;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: front FILE RUNS\n");
		return 2;
	}
	runs = (size_t)atoi(argv[2]);
	if ((f = fopen(argv[1], "rb")) != NULL) {
		fseek(f, 0, SEEK_END);
		bytes = (size_t)ftell(f);
		fclose(f);
	}
	for (i = 0; i < runs; i++) {
		t0 = now();
		once(argv[1]);
		if (now() - t0 < best)
			best = now() - t0;
	}
	printf("%-36s %8zu bytes  best of %zu: %7.2f ms  %6.1f MB/s\n",
	    argv[1], bytes, runs, best * 1e3, (double)bytes / best / 1e6);
	return 0;
}
