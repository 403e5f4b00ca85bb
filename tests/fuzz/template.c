/* template.c - a libFuzzer harness for the HTML templates: the first
 * byte chooses the file (page.html, index.html or style.css), the rest
 * are its bytes, in a data directory that holds the real templates
 * otherwise; the HTML backend then renders AMALO, compiled once, and
 * an index of it. Messages are silenced; any crash, leak, hang or
 * sanitizer report is a bug. Run from the top of the tree. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "out/backend.h"
#include "unit/unit.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"page.html", "index.html", "style.css"};
static char dir[] = "/tmp/afc-fuzz-template-XXXXXX";
static struct unit *amalo;

/* Writes n bytes of s to dir/templates/name; returns 0 or -1. */
static int
put(const char *name, const char *s, size_t n)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/templates/%s", dir, name);
	return fuzz_write(path, s, n);
}

/* Puts the real templates/name back. */
static void
restore(const char *name)
{
	struct buf path = {0};
	size_t len;
	char *s;

	buf_printf(&path, "templates/%s", name);
	if ((s = read_file(path.data, &len)) == NULL || put(name, s, len) != 0)
		abort();
	free(s);
	buf_free(&path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct unit_options o;
	struct buf sub = {0};
	size_t i;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	buf_printf(&sub, "%s/templates", dir);
	if (mkdir(sub.data, 0700) != 0)
		abort();
	buf_free(&sub);
	for (i = 0; i < NELEM(names); i++)
		restore(names[i]);
	memset(&o, 0, sizeof(o));
	o.include_dir = "templates";
	amalo = unit_compile("samples/amalo.afs", &o);
	if (unit_doc(amalo) == NULL)
		abort();	/* not run from the top of the tree */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct render_ctx ctx = {dir};
	struct index_entry e = {.base = "amalo",
	    .formats = 1u << (backend_find("html") - backends) |
	    1u << (backend_find("md") - backends)};
	const char *name;
	struct diags dg;
	struct buf out = {0};
	void *h;

	if (size == 0)
		return 0;
	name = names[data[0] % NELEM(names)];
	if (put(name, (const char *)data + 1, size - 1) != 0)
		abort();
	diags_init(&dg, NULL, 100);
	if ((h = html_open(&ctx, &dg)) != NULL) {
		html_render(h, unit_doc(amalo), &dg, &out);
		buf_free(&out);
		e.meta = &unit_doc(amalo)->meta;
		html_render_index(h, &e, 1, &dg, &out);
		buf_free(&out);
		html_close(h);
	}
	diags_free(&dg);
	restore(name);
	return 0;
}
