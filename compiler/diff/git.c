/* git.c - running git through fork and exec: no shell, so that no
 * revision or path is ever interpreted as shell syntax. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/util.h"
#include "diff/git.h"

char *
git_run(const char *const argv[], size_t *len, int *status, int quiet)
{
	struct buf b = {0};
	int fd[2], wst, err, devnull;
	char chunk[8192];
	ssize_t n;
	pid_t pid;

	*status = -1;
	if (pipe(fd) != 0)
		return NULL;
	if ((pid = fork()) < 0) {
		err = errno;
		close(fd[0]);
		close(fd[1]);
		errno = err;
		return NULL;
	}
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (quiet && (devnull = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(devnull, 2);
			close(devnull);
		}
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	buf_grow(&b, 1);
	b.data[0] = '\0';
	for (;;) {
		n = read(fd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (b.len + (size_t)n > READ_FILE_MAX) {
			kill(pid, SIGTERM);
			break;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd[0]);
	while (waitpid(pid, &wst, 0) < 0)
		if (errno != EINTR) {
			buf_free(&b);
			return NULL;
		}
	if (WIFEXITED(wst))
		*status = WEXITSTATUS(wst);
	if (*status == 127) {
		buf_free(&b);
		errno = ENOENT;
		return NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

int
git_is_commit(const char *rev)
{
	struct buf b = {0};
	const char *argv[] = {"git", "rev-parse", "--verify", "--quiet",
	    NULL, NULL};
	size_t len;
	char *out;
	int st;

	buf_printf(&b, "%s^{commit}", rev);
	argv[4] = b.data;
	out = git_run(argv, &len, &st, 1);
	free(out);
	buf_free(&b);
	return out != NULL && st == 0;
}

char *
git_read(const char *rev, const char *path, size_t *len)
{
	struct buf spec = {0};
	const char *argv[] = {"git", "cat-file", "blob", NULL, NULL};
	char *out;
	int st;

	buf_printf(&spec, "%s:%s", rev, path);
	argv[3] = spec.data;
	out = git_run(argv, len, &st, 1);
	buf_free(&spec);
	if (out == NULL) {
		errno = EIO;
		return NULL;
	}
	if (st != 0) {
		free(out);
		errno = st == 128 ? ENOENT : EIO;
		return NULL;
	}
	return out;
}

static char *
reader_read(void *arg, const char *path, size_t *len)
{
	return git_read(arg, path, len);
}

void
git_reader_init(struct git_reader *g, const char *rev)
{
	g->rev = rev;
	g->r.read = reader_read;
	g->r.arg = (void *)rev;
}
