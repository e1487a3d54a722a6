/* Loading a plan from YAML.  Every problem found is added to diags as
 * FILE:LINE:COL: message (up to LZ_DIAG_LIMIT); a plan is returned only
 * when there is none. */
#ifndef LZ_PLAN_LOAD_H
#define LZ_PLAN_LOAD_H

#include <stddef.h>
#include <sys/types.h>

#include "lz_diag.h"
#include "lz_plan.h"
#include "lz_rc.h"

#define LZ_PLAN_MAX_BYTES (1024 * 1024)
#define LZ_PLAN_MAX_DEPTH 16

/* LZ_OK, LZ_EDATA (invalid: see diags) or LZ_ENOINPUT (unreadable). */
lz_rc lz_plan_load_file(const char *path, lz_plan **out, lz_diags *diags);
/* name is what messages call the text, usually its file name. */
lz_rc lz_plan_load_buffer(const char *name, const char *buf, size_t len,
			  lz_plan **out, lz_diags *diags);
/* Opens a file the user named, for reading, refusing anything but a
 * regular file (a FIFO with no writer would wait forever, a device or a
 * directory is not a file to read): the descriptor, or -1 with errno set,
 * or with errno 0 and *not_regular saying what the path is ("a FIFO
 * (named pipe)"). */
int lz_open_regular(const char *path, const char **not_regular);
/* What a file of this mode is, for messages: "a directory", ... */
const char *lz_file_kind(mode_t mode);
/* Reads a whole file of at most max bytes into a NUL-terminated buffer;
 * only a regular file (lz_open_regular). */
lz_rc lz_read_file(const char *path, size_t max, char **buf, size_t *len,
		   lz_diags *diags);

#endif
