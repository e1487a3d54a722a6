#include "lz_outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_i18n.h"

/* Where the bytes go, and the first reason a write failed: stdio keeps
 * only a flag, and errno is long overwritten when a writer finds it. */
struct lz_outsink {
	int fd;
	int error;
	bool borrowed;  /* standard output: not ours to close */
};

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	struct lz_outsink *s = cookie;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(s->fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!s->error)
				s->error = w < 0 ? errno : EIO;
			/* fopencookie wants 0 for an error, never a negative. */
			return (ssize_t)done;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int sink_close(void *cookie)
{
	struct lz_outsink *s = cookie;
	int r = 0;
	if (!s->borrowed && close(s->fd) != 0) {
		r = -1;
		if (!s->error)
			s->error = errno;
	}
	return r;
}

static lz_rc attach(lz_outfile *o, int fd, bool borrowed)
{
	o->sink = calloc(1, sizeof *o->sink);
	if (!o->sink)
		abort();
	*o->sink = (struct lz_outsink){.fd = fd, .borrowed = borrowed};
	o->f = fopencookie(o->sink, "w", (cookie_io_functions_t){.write = sink_write,
								 .close = sink_close});
	if (!o->f)
		abort();
	return LZ_OK;
}

static void clear(lz_outfile *o)
{
	free(o->path);
	free(o->target);
	free(o->tmp);
	free(o->sink);
	*o = (lz_outfile){0};
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Follows path's symbolic links one by one, so that a link to a file not
 * yet there still says where the file is to be. */
static lz_rc follow(const char *path, char **out, lz_err *err)
{
	char *cur = strdup(path);
	if (!cur)
		abort();
	for (int hops = 0;; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		char link[PATH_MAX];
		ssize_t n = hops < 40 ? readlink(cur, link, sizeof link - 1) : -1;
		if (n < 0) {
			lz_rc rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path,
					      strerror(hops < 40 ? errno : ELOOP));
			free(cur);
			return rc;
		}
		link[n] = '\0';
		const char *slash = strrchr(cur, '/');
		char *next;
		if (link[0] == '/' || !slash)
			next = strdup(link);
		else if (asprintf(&next, "%.*s/%s", (int)(slash - cur), cur, link) < 0)
			next = NULL;
		if (!next)
			abort();
		free(cur);
		cur = next;
	}
	*out = cur;
	return LZ_OK;
}

/* The directory a path's last component is in, and that component. */
static void split(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = strdup(".");
		*base = path;
	} else {
		*dir = slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
		*base = slash + 1;
	}
	if (!*dir)
		abort();
}

/* Refuses an output that is, or would become, one of the guarded
 * database's files: by device and inode, so no other name or link for
 * them gets through.  st is the existing target (NULL if none), parent
 * the directory it is or would be in. */
static lz_rc guard(const char *path, const struct stat *st, const struct stat *parent,
		   const char *base, const lz_outfile_opts *opts, lz_err *err)
{
	struct stat d;
	if (!opts->guard_dir || stat(opts->guard_dir, &d) != 0)
		return LZ_OK;
	bool hit = st && same_file(st, &d);
	for (const char *const *name = opts->guard_names; !hit && name && *name; name++) {
		char file[PATH_MAX + 64];
		struct stat f;
		snprintf(file, sizeof file, "%s/%s", opts->guard_dir, *name);
		hit = (st && stat(file, &f) == 0 && same_file(st, &f)) ||
		      (!st && S_ISDIR(d.st_mode) && same_file(parent, &d) && strcmp(base, *name) == 0);
	}
	if (hit)
		return lz_err_set(err, LZ_EUSAGE,
				  _("%s is a file of the database in %s; write the output elsewhere"),
				  path, opts->guard_dir);
	return LZ_OK;
}

/* A regular file, or none yet: a temporary file beside the target. */
static lz_rc open_replacing(lz_outfile *o, const char *path, const struct stat *st,
			    const lz_outfile_opts *opts, lz_err *err)
{
	lz_rc rc = follow(path, &o->target, err);
	if (rc != LZ_OK)
		return rc;
	char *dir;
	const char *base;
	split(o->target, &dir, &base);
	struct stat parent, now;
	int e = 0;
	if (stat(dir, &parent) != 0)
		e = errno;
	else if (!S_ISDIR(parent.st_mode))
		e = ENOTDIR;
	/* The file the links lead to is the one stat found, unless the
	 * path changed in between. */
	else if (st && (stat(o->target, &now) != 0 || !same_file(st, &now)))
		e = EAGAIN;
	free(dir);
	if (e)
		return lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(e));
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return lz_err_set(err, LZ_EUSAGE, _("%s is a directory; give a file name"), path);
	if ((rc = guard(path, st, &parent, base, opts, err)) != LZ_OK)
		return rc;
	if (asprintf(&o->tmp, "%s.XXXXXX", o->target) < 0)
		abort();
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return rc;
	}
	mode_t mode = opts->new_mode;
	if (st) {
		/* Replacing a file keeps who may read it: a private file stays
		 * private.  Only root can give the file back to its owner. */
		mode = st->st_mode & 07777;
		if (geteuid() == 0 && (st->st_uid != geteuid() || st->st_gid != getegid()) &&
		    fchown(fd, st->st_uid, st->st_gid) != 0)
			mode &= 0777;
	} else if (!mode) {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	/* mkstemp made it 0600 already: a backup needs no change. */
	if (mode != 0600 && fchmod(fd, mode) != 0) {
		rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return rc;
	}
	return attach(o, fd, false);
}

lz_rc lz_outfile_open(lz_outfile *o, const char *path, const lz_outfile_opts *opts,
		      lz_err *err)
{
	static const lz_outfile_opts none = {0};
	*o = (lz_outfile){0};
	if (!opts)
		opts = &none;
	if ((!path || strcmp(path, "-") == 0) && opts->files_only)
		return lz_err_set(err, LZ_EUSAGE, _("standard output is not a regular file; give a file name"));
	if (!path || strcmp(path, "-") == 0) {
		/* What was printed before comes first. */
		fflush(stdout);
		return attach(o, STDOUT_FILENO, true);
	}
	o->path = strdup(path);
	if (!o->path)
		abort();
	lz_rc rc = LZ_OK;
	struct stat st, out;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			rc = open_replacing(o, path, NULL, opts, err);
		else
			rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		rc = lz_err_set(err, LZ_EUSAGE, _("%s is a directory; give a file name"), path);
	} else if (S_ISREG(st.st_mode) && !opts->files_only && fstat(STDOUT_FILENO, &out) == 0 &&
		   same_file(&st, &out)) {
		if ((rc = guard(path, &st, NULL, NULL, opts, err)) == LZ_OK) {
			fflush(stdout);
			rc = attach(o, STDOUT_FILENO, true);
		}
	} else if (S_ISREG(st.st_mode)) {
		rc = open_replacing(o, path, &st, opts, err);
	} else if ((S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) && opts->files_only) {
		rc = lz_err_set(err, LZ_EUSAGE, _("%s is not a regular file; give a file name"), path);
	} else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		/* No rename can replace a device or a pipe: write into it, as
		 * the shell's > would. */
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			rc = lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), path, strerror(errno));
		else
			rc = attach(o, fd, false);
	} else {
		rc = lz_err_set(err, LZ_EUSAGE,
				_("%s is neither a regular file, a character device nor a pipe"), path);
	}
	if (rc != LZ_OK)
		clear(o);
	return rc;
}

int lz_outfile_fd(const lz_outfile *o)
{
	return o->sink ? o->sink->fd : -1;
}

bool lz_outfile_failed(const lz_outfile *o, lz_err *err)
{
	if (!o->sink || !o->sink->error)
		return false;
	if (o->path)
		lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), o->path, strerror(o->sink->error));
	else
		lz_err_set(err, LZ_EIO, _("cannot write to standard output: %s"),
			   strerror(o->sink->error));
	return true;
}

/* The rename is durable only once the directory holding it is. */
static void sync_dir_of(const char *path)
{
	char *dir;
	const char *base;
	split(path, &dir, &base);
	lz_fsync_dir(dir);
	free(dir);
}

int lz_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int rc = fsync(fd) == 0 ? 0 : errno;
	close(fd);
	return rc;
}

lz_rc lz_outfile_commit(lz_outfile *o, lz_err *err)
{
	struct lz_outsink *s = o->sink;
	if (fflush(o->f) != 0 && !s->error)
		s->error = errno ? errno : EIO;
	/* A pipe or a terminal cannot be synced; only a file is. */
	if (o->tmp && !s->error && fsync(s->fd) != 0)
		s->error = errno;
	fclose(o->f);
	o->f = NULL;
	if (o->tmp && !s->error && rename(o->tmp, o->target) != 0)
		s->error = errno;
	lz_rc rc = LZ_OK;
	if (lz_outfile_failed(o, err)) {
		rc = LZ_EIO;
		if (o->tmp)
			unlink(o->tmp);
	} else if (o->tmp) {
		sync_dir_of(o->target);
	}
	clear(o);
	return rc;
}

void lz_outfile_abort(lz_outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	clear(o);
}

lz_rc lz_outfile_write(const char *path, const lz_outfile_opts *opts, lz_outfile_fn write,
		       void *ctx, lz_err *err)
{
	lz_outfile o;
	lz_rc rc = lz_outfile_open(&o, path, opts, err);
	if (rc != LZ_OK)
		return rc;
	rc = write(o.f, ctx, err);
	if (rc == LZ_OK)
		return lz_outfile_commit(&o, err);
	/* The writer saw only that stdio failed; the sink knows why. */
	if (lz_outfile_failed(&o, err))
		rc = LZ_EIO;
	lz_outfile_abort(&o);
	return rc;
}
