/* hyph.c - hyphenation points of Dutch words. The patterns of Debian's
 * hyphen-nl are in ISO-8859-1, so words are converted (and lowercased)
 * before libhyphen sees them, and its answer mapped back to UTF-8. */
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "out/hyph.h"

#define MAXWORD 64

struct hyph {
	HyphenDict *dict;
	int left, right;
};

struct hyph *
hyph_open(const char *path, const char *path2, int left, int right)
{
	HyphenDict *d = NULL;
	struct hyph *h;

	/* A FIFO would block libhyphen's fopen, /dev/zero fill memory:
	 * regular files of a sane size only. */
	if (path && file_check(path, READ_FILE_MAX) == 0)
		d = hnj_hyphen_load(path);
	if (d == NULL && path2 && file_check(path2, READ_FILE_MAX) == 0)
		d = hnj_hyphen_load(path2);
	if (d == NULL)
		return NULL;
	h = xcalloc(1, sizeof(*h));
	h->dict = d;
	h->left = left;
	h->right = right;
	return h;
}

void
hyph_close(struct hyph *h)
{
	if (h) {
		hnj_hyphen_free(h->dict);
		free(h);
	}
}

/* Lowercases a Latin-1 letter; returns 0 for anything but a letter. */
static int
latin1_lower(unsigned c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff && c != 0xf7))
		return (int)c;
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return (int)c + 32;
	return 0;
}

/* Dutch drops the diaeresis of a letter that starts a line after a
 * hyphen (ge-ëvalueerd becomes ge-evalueerd); rather than respell, such
 * points are not used. */
static int
diaeresis(char c)
{
	unsigned char u = (unsigned char)c;

	return u == 0xe4 || u == 0xeb || u == 0xef || u == 0xf6 || u == 0xfc;
}

/* Converts w to lowercase Latin-1 in l, noting the UTF-8 offset after
 * each letter in end; returns the number of letters or 0 if it cannot. */
static size_t
to_latin1(const char *w, size_t n, char *l, size_t *end)
{
	const char *s = w;
	size_t k = 0;
	int c;

	while ((size_t)(s - w) < n) {
		if (k == MAXWORD || (c = latin1_lower(utf8_decode(&s))) == 0)
			return 0;
		l[k] = (char)c;
		end[k++] = (size_t)(s - w);
	}
	l[k] = '\0';
	return k;
}

size_t
hyph_points(struct hyph *h, const char *w, size_t n, size_t *pos, size_t max)
{
	char word[MAXWORD + 1], hyphens[MAXWORD + 5], out[2 * MAXWORD + 2];
	size_t end[MAXWORD], k, i, np = 0;
	char **rep = NULL;
	int *rpos = NULL, *cut = NULL;

	if (h == NULL || (k = to_latin1(w, n, word, end)) < (size_t)(h->left + h->right))
		return 0;
	if (hnj_hyphen_hyphenate3(h->dict, word, (int)k, hyphens, out, &rep,
	    &rpos, &cut, h->left, h->right, h->left, h->right) != 0)
		return 0;
	for (i = 0; i + 1 < k && np < max; i++)
		if ((hyphens[i] & 1) && (rep == NULL || rep[i] == NULL) &&
		    !diaeresis(word[i + 1]))
			pos[np++] = end[i];
	if (rep) {
		for (i = 0; i < k; i++)
			free(rep[i]);
		free(rep);
		free(rpos);
		free(cut);
	}
	return np;
}
