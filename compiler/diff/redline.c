/* redline.c - the new document with what changed marked in it. */
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"

void
diff_redline(struct diff *d, const struct unit *a, const struct unit *b)
{
	(void)d;
	(void)a;
	(void)b;
}
