/* backend.c - the table of output formats. */
#include <string.h>

#include "out/backend.h"

const struct backend backends[] = {
	{"md", "md", md_render},
	{"html", "html", html_render},
	{"pdf", "pdf", pdf_render},
};
const size_t nbackends = NELEM(backends);

const struct backend *
backend_find(const char *name)
{
	size_t i;

	for (i = 0; i < nbackends; i++)
		if (strcmp(backends[i].name, name) == 0)
			return &backends[i];
	return NULL;
}
