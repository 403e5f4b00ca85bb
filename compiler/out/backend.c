/* backend.c - the table of output formats. */
#include <string.h>

#include "out/backend.h"

const struct backend backends[] = {
	{"md", "md", "Markdown", 1, md_open, md_render, md_deps, md_close},
	{"html", "html", "HTML", 1, html_open, html_render, html_deps, html_close},
	{"pdf", "pdf", "PDF", 1, pdf_open, pdf_render, pdf_deps, pdf_close},
	{"ics", "ics", "iCalendar", 0, ics_open, ics_render, ics_deps, ics_close},
	{"json", "json", "JSON", 0, json_open, json_render, json_deps, json_close},
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
