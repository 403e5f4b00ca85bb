/* build.h - what the files of afc build share: the manifest that makes
 * a build incremental. Included by build.c and manifest.c only.
 *
 * The manifest, DIR/.afc-manifest, is a text file of tab-separated
 * lines (a tab, a newline or a backslash in a field is written \t, \n,
 * \\). It records what the last builds into DIR read and wrote:
 *
 *   afc-manifest 1
 *   options  TEXT                       afc's version and binary, the
 *                                       data directory, the layout
 *   dep  FORMAT PATH SIZE MTIME INODE HASH    a file a format's backend
 *                                       read: template, stylesheet, font,
 *                                       hyphenation dictionary
 *   zone OUT SOURCE ok|failed FORMATS   a zone: its output name (amalo,
 *                                       or oost/amalo in the tree layout),
 *                                       its source, the formats written
 *   in   PATH SIZE MTIME INODE HASH     a file the zone read: the source,
 *                                       then its includes (the form)
 *   meta KEY VALUE                      what the index shows of it
 *   zoneat OFFSET                       where its source names the zone
 *   claim NAME FILE OFFSET              a municipality it declares
 *   deadline ID START END EVENT DUE WHAT FROM TO HOW FILE LINE
 *                                       a deadline, for the overview
 *
 * in, meta, claim and deadline lines belong to the zone line above
 * them. MTIME is
 * in nanoseconds, HASH the 64-bit FNV-1a of the bytes, in hex. A file
 * whose size, mtime and inode are as recorded is taken as unchanged;
 * otherwise it is read and hashed.
 */
#ifndef AFC_CLI_BUILD_H
#define AFC_CLI_BUILD_H

#include <stddef.h>

#include "base/util.h"
#include "cli/overview.h"

#define BUILD_MAX_FORMATS 8

/* A file an output depends on, as it was when it was read. */
struct mfile {
	char *path;
	unsigned long long size, mtime, ino, hash;
};

enum meta_key {
	META_ZONE,
	META_TITLE,
	META_COUNCIL,
	META_VERSION,
	META_DATE,
	META_DATE_TEXT,
	META_STATUS,
	META__COUNT,
};
extern const char *const meta_keys[META__COUNT];

/* A municipality a zone declares, for the checks across zones. */
struct claim {
	char *name;
	char *file;
	size_t off;	/* byte offset of its declaration in file */
};

struct mzone {
	char *out;		/* output name without extension */
	char *src;		/* the source, as it was given or found */
	int failed;
	unsigned formats;	/* bit k: backends[k]'s output was written */
	struct mfile *in;
	size_t nin;
	char *meta[META__COUNT];	/* never NULL once parsed */
	size_t zone_off;	/* of the zone statement in src */
	struct claim *claims;
	size_t nclaims;
	struct ov_row *deadlines;	/* zone and page left "" */
	size_t ndeadlines;
};

struct manifest {
	char *options;
	struct mfile *deps[BUILD_MAX_FORMATS];
	size_t ndeps[BUILD_MAX_FORMATS];
	unsigned have_deps;	/* bit k: the deps of backends[k] are known */
	struct mzone **z;
	size_t n;
};

/* Reads the manifest at path into m (empty when there is none or it
 * is not one). */
void manifest_read(struct manifest *m, const char *path);
/* Parses manifest text; zone records alone (a worker's result) too. */
void manifest_parse(struct manifest *m, const char *text, size_t len);
void manifest_write(struct buf *b, const struct manifest *m);
void mzone_write(struct buf *b, const struct mzone *z);
struct mzone *manifest_find(const struct manifest *m, const char *out);
/* Puts z into m, replacing the zone of the same output name. */
void manifest_put(struct manifest *m, struct mzone *z);
void manifest_free(struct manifest *m);
void mzone_free(struct mzone *z);

/* Records path as it is now: stat data and the hash of its bytes.
 * Returns 0, or -1 with errno set. */
int mfile_record(struct mfile *f, const char *path);
/* Whether f is as recorded: the stat data, or else the bytes' hash
 * (then f's stat data is brought up to date). */
int mfile_unchanged(struct mfile *f);
void mfile_free(struct mfile *f);

/* Formats as a comma-separated list of names and back. */
void formats_write(struct buf *b, unsigned formats);
unsigned formats_parse(const char *s);

#endif
