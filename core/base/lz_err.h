/* An error for the user: a result code and one message that says where and
 * what.  Functions that can fail on input, I/O or the database fill one. */
#ifndef LZ_ERR_H
#define LZ_ERR_H

#include "lz_rc.h"

typedef struct lz_err {
	lz_rc rc;
	char msg[512];
} lz_err;

/* Sets err (when not NULL) and returns rc, so callers can write
 * `return lz_err_set(err, LZ_EDATA, "…", …);`. */
lz_rc lz_err_set(lz_err *err, lz_rc rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void lz_err_clear(lz_err *err);

#endif
