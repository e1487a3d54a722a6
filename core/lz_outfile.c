#include "lz_outfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_i18n.h"

lz_rc lz_outfile_open(lz_outfile *o, const char *path, lz_err *err)
{
	*o = (lz_outfile){0};
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return LZ_OK;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return lz_err_set(err, LZ_EUSAGE, _("%s is a directory; give a file name"), path);
	if (asprintf(&o->tmp, "%s.XXXXXX", path) < 0)
		abort();
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		lz_rc rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return rc;
	}
	/* mkstemp makes it private; a report is for handing on, so it gets
	 * the permissions any new file would. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(o->f = fdopen(fd, "w"))) {
		lz_rc rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return rc;
	}
	o->path = strdup(path);
	if (!o->path)
		abort();
	return LZ_OK;
}

lz_rc lz_outfile_commit(lz_outfile *o, lz_err *err)
{
	if (!o->path) {
		if (fflush(o->f) != 0 || ferror(o->f))
			return lz_err_set(err, LZ_EIO, _("cannot write the output: %s"), strerror(errno));
		return LZ_OK;
	}
	lz_rc rc = LZ_OK;
	bool failed = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
	int e = errno;
	if (fclose(o->f) != 0 && !failed) {
		failed = true;
		e = errno;
	}
	o->f = NULL;
	if (!failed && rename(o->tmp, o->path) != 0) {
		failed = true;
		e = errno;
	}
	if (failed) {
		rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), o->path, strerror(e));
		unlink(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	*o = (lz_outfile){0};
	return rc;
}

void lz_outfile_abort(lz_outfile *o)
{
	if (o->path) {
		fclose(o->f);
		unlink(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	*o = (lz_outfile){0};
}

lz_rc lz_outfile_write(const char *path, lz_outfile_fn write, void *ctx, lz_err *err)
{
	lz_outfile o;
	lz_rc rc = lz_outfile_open(&o, path, err);
	if (rc != LZ_OK)
		return rc;
	rc = write(o.f, ctx, err);
	if (rc == LZ_OK)
		return lz_outfile_commit(&o, err);
	lz_outfile_abort(&o);
	return rc;
}
