/* Loading a plan from YAML.  Every problem found is added to diags as
 * FILE:LINE:COL: message (up to LZ_DIAG_LIMIT); a plan is returned only
 * when there is none. */
#ifndef LZ_PLAN_LOAD_H
#define LZ_PLAN_LOAD_H

#include <stddef.h>

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
/* Reads a whole file of at most max bytes into a NUL-terminated buffer. */
lz_rc lz_read_file(const char *path, size_t max, char **buf, size_t *len,
		   lz_diags *diags);

#endif
