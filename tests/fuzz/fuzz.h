/* fuzz.h - what the fuzz harnesses that hand their bytes to afc through
 * a file (the stylesheet, a template, a font) share. */
#ifndef AFC_FUZZ_H
#define AFC_FUZZ_H

#include <stddef.h>
#include <stdio.h>

/* Writes n bytes of s to path; returns 0 or -1. */
static inline int
fuzz_write(const char *path, const void *s, size_t n)
{
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	if (fwrite(s, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

#endif
