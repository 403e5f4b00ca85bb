/* keywords.c - afc keywords: the table of the language, for editor
 * grammars, the formatter's tests and the reference in docs/. */
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "cli/cli.h"
#include "front/lang.h"

/* The places of k, comma-separated. */
static void
places(struct buf *b, const struct keyword *k)
{
	int c, n = 0;

	/* Content stands in four places; it is named once. */
	if ((k->where & CTX_CONTENT) == CTX_CONTENT) {
		buf_puts(b, "content");
		n++;
	}
	for (c = 0; c < CTX__COUNT; c++) {
		if (!(k->where & CTX_BIT(c)))
			continue;
		if ((k->where & CTX_CONTENT) == CTX_CONTENT &&
		    (CTX_BIT(c) & CTX_CONTENT))
			continue;
		buf_printf(b, "%s%s", n++ ? ", " : "", lang_ctx_name(c));
	}
}

int
cmd_keywords(int argc, char **argv, const struct cli *c)
{
	static const char *const blocks[] = {"no", "optional", "required",
	    "see below"};
	int markdown = 0, n, help = 0, st;
	const struct cli_opt opts[] = {
		{"--markdown", NULL, &markdown},
		{NULL, NULL, NULL},
	};
	struct buf b = {0};
	char **files;
	size_t i;

	(void)c;
	if ((st = cli_options(argc, argv, opts, &files, &n, &help)) != 0)
		return st;
	free(files);
	if (help || n != 0)
		return cli_usage(help ? NULL : "keywords takes no FILE");
	if (markdown)
		printf("| keyword | where | after the keyword | block |\n"
		    "|---|---|---|---|\n");
	for (i = 0; i < K__COUNT; i++) {
		const struct keyword *k = &lang_keywords[i];

		b.len = 0;
		places(&b, k);
		if (markdown)
			printf("| `%s` | %s | %s | %s |\n", k->name, b.data,
			    *k->grammar ? k->grammar : "none",
			    blocks[k->block]);
		else
			printf("%s\t%s\t%s\n", k->name, b.data, k->grammar);
	}
	buf_free(&b);
	if (fflush(stdout) != 0 || ferror(stdout))
		return EXIT_SYSTEM;
	return EXIT_CLEAN;
}
