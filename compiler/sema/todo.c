/* todo.c - a text that still says TODO is a warning, not an error: a
 * skeleton written by `afc new` checks and renders while the author
 * fills it in, and each text left to write is named until it is. */
#include <string.h>

#include "sema/todo.h"

/* Whether the mark at s (in a value starting at base) stands as a word
 * of its own, not inside another ("TODOS", "xTODO"). */
static int
is_word(const char *base, const char *s)
{
	size_t n = strlen(TODO_MARK);
	unsigned char before = s > base ? (unsigned char)s[-1] : ' ';
	unsigned char after = (unsigned char)s[n];

	return !((before >= 'A' && before <= 'Z') || (before >= 'a' &&
	    before <= 'z') || (before >= '0' && before <= '9')) &&
	    !((after >= 'A' && after <= 'Z') || (after >= 'a' &&
	    after <= 'z') || (after >= '0' && after <= '9'));
}

/* The span of the first TODO_MARK of v, or 0 when it has none. */
static int
find_mark(const struct ast_value *v, struct span *sp)
{
	const size_t n = strlen(TODO_MARK);
	const char *s, *src, *end;

	for (s = strstr(v->s, TODO_MARK); s && !is_word(v->s, s);
	    s = strstr(s + 1, TODO_MARK))
		;
	if (s == NULL)
		return 0;
	if (v->type == VAL_TEXT) {
		*sp = text_span(v, (size_t)(s - v->s), n);
		return 1;
	}
	/* A text in quotes: the mark as written between the quotes. */
	*sp = v->span;
	src = v->span.file->text + v->span.off;
	end = v->span.file->text + v->span.end;
	for (; src + n <= end; src++)
		if (memcmp(src, TODO_MARK, n) == 0 &&
		    is_word(v->span.file->text, src)) {
			*sp = span_at(v->span.file,
			    (size_t)(src - v->span.file->text),
			    (size_t)(src - v->span.file->text) + n);
			break;
		}
	return 1;
}

void
todo_warn(const struct ast_node *root)
{
	const struct ast_node *n;
	struct span sp;
	size_t i;

	if (root == NULL)
		return;
	for (n = root->first; n; n = n->next) {
		if (n->type != AST_STMT)
			continue;
		for (i = 0; i < n->nvals; i++)
			if (n->vals[i].type != VAL_WORD &&
			    find_mark(&n->vals[i], &sp))
				diag(&sp, M_W_TODO);
		todo_warn(n);
		todo_warn(n->include);
	}
}
