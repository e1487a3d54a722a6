#include "lz_err.h"

#include <stdarg.h>
#include <stdio.h>

lz_rc lz_err_set(lz_err *err, lz_rc rc, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->rc = rc;
	}
	return rc;
}

void lz_err_clear(lz_err *err)
{
	if (err) {
		err->rc = LZ_OK;
		err->msg[0] = '\0';
	}
}
