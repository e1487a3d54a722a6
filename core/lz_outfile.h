/* An output file that appears whole or not at all: written to a temporary
 * file beside it and renamed over it once complete, so a failed export
 * never leaves a truncated report where the old one was. */
#ifndef LZ_OUTFILE_H
#define LZ_OUTFILE_H

#include <stdio.h>

#include "lz_err.h"

typedef struct lz_outfile {
	FILE *f;       /* write here */
	char *path;    /* NULL: standard output */
	char *tmp;
} lz_outfile;

/* path NULL or "-": standard output. */
lz_rc lz_outfile_open(lz_outfile *o, const char *path, lz_err *err);
/* Flushes, syncs and renames into place; LZ_EIO when anything failed,
 * and then nothing is left behind. */
lz_rc lz_outfile_commit(lz_outfile *o, lz_err *err);
/* Gives up: removes the temporary file. */
void lz_outfile_abort(lz_outfile *o);

/* The whole sequence: opens path, lets write fill it, commits when it
 * succeeded and gives up otherwise. */
typedef lz_rc (*lz_outfile_fn)(FILE *out, void *ctx, lz_err *err);
lz_rc lz_outfile_write(const char *path, lz_outfile_fn write, void *ctx, lz_err *err);

#endif
