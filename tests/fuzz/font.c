/* font.c - a libFuzzer harness for fonts: the bytes as the TrueType font
 * of every face of the PDF backend (a data directory whose stylesheet is
 * the real one with each font replaced), which checks them (out/ttf.c)
 * and hands them to libharu and HarfBuzz to measure, shape, draw and
 * embed a small zone, compiled once, with a character of the fallback
 * face. Messages are silenced; any crash, leak, hang or sanitizer report
 * is a bug. Run from the top of the tree. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "out/backend.h"
#include "unit/unit.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/afc-fuzz-font-XXXXXX";
static struct buf font;		/* dir/font.ttf */
static struct unit *zone;
static struct diags dg;
static void *pdf;

/* templates/pdf.yaml with the font of every face (a line "  face:
 * NAME.ttf") replaced by path. */
static void
stylesheet(struct buf *out, const char *path)
{
	size_t len, n;
	char *s = read_file("templates/pdf.yaml", &len), *p, *line, *colon;

	if (s == NULL)
		abort();	/* not run from the top of the tree */
	for (p = s; *p; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		line = xstrndup(p, n);
		colon = strchr(line, ':');
		if (strncmp(line, "  ", 2) == 0 && colon != NULL &&
		    strstr(colon, ".ttf") != NULL)
			buf_printf(out, "%.*s: %s\n", (int)(colon - line), line,
			    path);
		else
			buf_printf(out, "%s\n", line);
		free(line);
	}
	free(s);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct render_ctx ctx;
	struct unit_options o;
	struct buf path = {0}, style = {0}, src = {0};
	size_t len;
	char *text, *at;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	buf_printf(&font, "%s/font.ttf", dir);
	buf_printf(&path, "%s/templates", dir);
	if (mkdir(path.data, 0700) != 0)
		abort();
	buf_puts(&path, "/pdf.yaml");
	stylesheet(&style, font.data);
	if (fuzz_write(path.data, style.data, style.len) != 0)
		abort();
	/* The smallest zone, with a ligature, kerning and the remark arrow
	 * of the fallback face in one of its texts. */
	if ((text = read_file("tests/good/minimal.afs", &len)) == NULL ||
	    (at = strstr(text, "\"Data.\"")) == NULL)
		abort();
	buf_add(&src, text, (size_t)(at - text));
	buf_puts(&src, "\"Data: fijn, AVAT \xe2\x9e\xa2 Hx.\"");
	buf_puts(&src, at + strlen("\"Data.\""));
	memset(&o, 0, sizeof(o));
	o.include_dir = "templates";
	zone = unit_compile_buffer("font.afs", src.data, src.len, &o);
	diags_init(&dg, NULL, 100);
	ctx.datadir = dir;
	if (unit_doc(zone) == NULL || (pdf = pdf_open(&ctx, &dg)) == NULL)
		abort();
	free(text);
	buf_free(&src);
	buf_free(&style);
	buf_free(&path);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0};

	if (fuzz_write(font.data, data, size) != 0)
		abort();
	pdf_render(pdf, unit_doc(zone), &dg, &out);
	buf_free(&out);
	return 0;
}
