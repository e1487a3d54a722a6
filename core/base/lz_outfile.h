/* An output file that appears whole or not at all: written to a temporary
 * file beside it and renamed over it once complete, so a failed export
 * never leaves a truncated report where the old one was.
 *
 * What the path names decides how it is written:
 * - a regular file, or none yet: a temporary file in the same directory,
 *   renamed over it; an existing file keeps its permissions (and, when
 *   run as root, its owner); a symbolic link is followed and the file it
 *   points at is replaced, not the link;
 * - the file standard output already goes to (`-o /dev/stdout >>log`):
 *   standard output, so the shell's redirection is kept;
 * - a character device or a FIFO (/dev/stdout on a terminal or a pipe,
 *   /dev/null, a named pipe): written to directly, as a shell redirection
 *   would, unless opts.files_only;
 * - a directory, a block device, a socket: refused (LZ_EUSAGE);
 * - a file of the guarded database (data.mdb, lock.mdb, its lock file, the
 *   directory itself), under any name or link: refused (LZ_EUSAGE), so an
 *   export can never overwrite the ledger it comes from. */
#ifndef LZ_OUTFILE_H
#define LZ_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "lz_err.h"

typedef struct lz_outfile_opts {
	/* Permissions of a file created new; 0: 0666 less the umask. */
	mode_t new_mode;
	/* Only a regular file will do (a backup must be a file to restore). */
	bool files_only;
	/* A database directory and the names of the files in it that no
	 * output may land on (NULL-terminated); NULL: nothing guarded. */
	const char *guard_dir;
	const char *const *guard_names;
} lz_outfile_opts;

struct lz_outsink;

typedef struct lz_outfile {
	FILE *f;        /* write here */
	char *path;     /* as given, for messages; NULL: standard output */
	char *target;   /* what tmp is renamed to; NULL when written directly */
	char *tmp;
	struct lz_outsink *sink;
} lz_outfile;

/* path NULL or "-": standard output.  opts may be NULL. */
/* fsync of a directory, so that a rename in it outlasts a crash; 0 or
 * errno. */
int lz_fsync_dir(const char *dir);

lz_rc lz_outfile_open(lz_outfile *o, const char *path, const lz_outfile_opts *opts,
		      lz_err *err);
/* The descriptor under o->f, for writers that bypass stdio (fflush o->f
 * first when both are used). */
int lz_outfile_fd(const lz_outfile *o);
/* Flushes, syncs and renames into place; LZ_EIO naming the path and the
 * reason when anything failed, and then nothing is left behind. */
lz_rc lz_outfile_commit(lz_outfile *o, lz_err *err);
/* Gives up: removes the temporary file. */
void lz_outfile_abort(lz_outfile *o);
/* Sets err to say why writing failed, when it failed for the file's sake
 * (a full disk, a broken pipe), and returns true then: a writer that only
 * knows "cannot write the output" gets the path and the reason. */
bool lz_outfile_failed(const lz_outfile *o, lz_err *err);

/* The whole sequence: opens path, lets write fill it, commits when it
 * succeeded and gives up otherwise. */
typedef lz_rc (*lz_outfile_fn)(FILE *out, void *ctx, lz_err *err);
lz_rc lz_outfile_write(const char *path, const lz_outfile_opts *opts, lz_outfile_fn write,
		       void *ctx, lz_err *err);

#endif
