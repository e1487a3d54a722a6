/* The environment: opening a database (a directory, or a backup file
 * read-only), closing it, transactions and the map's growth, the
 * read-only state, and LMDB's codes told as messages. */
#include "store_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "lz_i18n.h"

/* ---- errors ---- */

/* LMDB reports a write the disk could only take part of as EIO: tell a
 * full disk or a file size limit apart from real damage. */
static int explain_eio(const lz_store *s)
{
	struct statvfs vfs;
	if (statvfs(s->dir, &vfs) == 0 && (uint64_t)vfs.f_bavail * vfs.f_frsize < (1u << 20))
		return ENOSPC;
	struct rlimit rl;
	struct stat st;
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/data.mdb", s->dir);
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    stat(path, &st) == 0 && (uint64_t)st.st_size + (1u << 20) > (uint64_t)rl.rlim_cur)
		return EFBIG;
	return EIO;
}

lz_rc store_db_error(lz_store *s, int rc, lz_err *err)
{
	if (rc == EIO)
		rc = explain_eio(s);
	if (rc == EFBIG)
		return lz_err_set(err, LZ_EIO,
				  _("database %s: the file has reached the size this account may write; nothing was written"),
				  s->dir);
	if (rc == ENOSPC || rc == EDQUOT)
		return lz_err_set(err, LZ_EIO, _("database %s: the disk is full; nothing was written"),
				  s->dir);
	if (rc == EACCES || rc == EROFS)
		return lz_err_set(err, LZ_EIO, _("database %s: no permission to write (%s)"),
				  s->dir, mdb_strerror(rc));
	if (rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND)
		return lz_err_set(err, LZ_EIO, _("database %s is damaged (%s); restore it from a backup"),
				  s->dir, mdb_strerror(rc));
	return lz_err_set(err, LZ_EIO, _("database %s: %s"), s->dir, mdb_strerror(rc));
}

lz_rc store_refuse_read_only(lz_store *s, lz_err *err)
{
	if (s->forced_read_only)
		return lz_err_set(err, LZ_EIO, _("%s, so the database was opened read-only; nothing was written"),
				  s->read_only_why);
	return lz_err_set(err, LZ_EIO, _("database %s is open read-only; nothing was written"),
			  s->dir);
}

/* ---- opening ---- */

lz_rc lz_store_resolve_dir(const char *dir, char *buf, size_t size, lz_err *err)
{
	int n;
	const char *env = getenv("LIANZHENG_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (dir && !*dir)
		return lz_err_set(err, LZ_EUSAGE, _("the database directory name is empty"));
	if (dir)
		n = snprintf(buf, size, "%s", dir);
	else if (env && *env)
		n = snprintf(buf, size, "%s", env);
	else if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/lianzheng", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/share/lianzheng", home);
	else
		return lz_err_set(err, LZ_EUSAGE,
				  _("no database directory: set HOME or LIANZHENG_DB, or give --db DIR"));
	if (n < 0 || (size_t)n >= size)
		return lz_err_set(err, LZ_EUSAGE, _("database directory name is too long"));
	return LZ_OK;
}

/* mkdir -p with mode 0700 for what it creates. */
int store_make_dirs(const char *path)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
		return ENAMETOOLONG;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return errno;
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		return errno;
	return 0;
}

/* One attempt; LMDB wants a fresh handle after a failed open. */
static int try_env(lz_store *s, const char *path, unsigned flags, size_t map)
{
	if (s->env) {
		mdb_env_close(s->env);
		s->env = NULL;
	}
	int rc = mdb_env_create(&s->env);
	/* The tables (store_internal.h) are 15 with the registers; room
	 * for the kinds still to come, each a table of its own. */
	if (!rc)
		rc = mdb_env_set_maxdbs(s->env, 64);
	if (!rc)
		rc = mdb_env_set_mapsize(s->env, map);
	if (!rc)
		rc = mdb_env_open(s->env, path, flags, 0600);
	return rc;
}

/* Says what stood in the way of writing: the file system, the database
 * file, LMDB's lock file or the directory. */
static void explain_read_only(lz_store *s, const char *dir, int rc)
{
	char file[PATH_MAX + 16];
	const char *which = NULL;
	if (rc == EROFS) {
		snprintf(s->read_only_why, sizeof s->read_only_why,
			 _("database %s is on a read-only file system"), dir);
		return;
	}
	static const char *const files[] = {"data.mdb", "lock.mdb"};
	for (size_t i = 0; i < 2 && !which; i++) {
		snprintf(file, sizeof file, "%s/%s", dir, files[i]);
		if (access(file, F_OK) == 0 && access(file, W_OK) != 0)
			which = file;
	}
	if (which)
		snprintf(s->read_only_why, sizeof s->read_only_why,
			 _("database file %s cannot be written (no permission on the file)"), which);
	else
		snprintf(s->read_only_why, sizeof s->read_only_why,
			 _("database %s cannot be written (no permission on its directory)"), dir);
}

/* Opens the LMDB environment; a directory the user may not write to is
 * opened read-only, without LMDB's lock file if need be (nobody can be
 * writing it then). */
static int open_env(lz_store *s, const char *path, bool single_file, size_t map)
{
	/* MDB_NOTLS: a visitor may read another record while a walk's read
	 * transaction is open in the same thread. */
	unsigned flags = MDB_NOTLS;
	if (single_file)
		flags |= MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK;
	else if (s->read_only)
		flags |= MDB_RDONLY;
	int rc = try_env(s, path, flags, map);
	if ((rc == EACCES || rc == EROFS) && !single_file) {
		s->forced_read_only = !s->read_only;
		explain_read_only(s, path, rc);
		s->read_only = true;
		rc = try_env(s, path, MDB_NOTLS | MDB_RDONLY, map);
		if (rc == EACCES || rc == EROFS)
			rc = try_env(s, path, MDB_NOTLS | MDB_RDONLY | MDB_NOLOCK, map);
	}
	return rc;
}

/* LMDB maps the file and trusts it: a file shorter than its own meta page
 * says would fault on the first read, and an empty one would be taken
 * for a new database.  Both are damage to report, not to run into. */
static lz_rc check_file_size(lz_store *s, const char *data_path, bool after_open, lz_err *err)
{
	struct stat st;
	if (stat(data_path, &st) != 0 || !S_ISREG(st.st_mode))
		return LZ_OK;  /* a new database, or LMDB's own error follows */
	if (!after_open && st.st_size == 0)
		return lz_err_set(err, LZ_EIO,
				  _("database file %s is empty, so it holds no database; restore a backup, or move it away to start anew"),
				  data_path);
	if (!after_open)
		return LZ_OK;
	MDB_envinfo info;
	MDB_stat est;
	if (mdb_env_info(s->env, &info) == 0 && mdb_env_stat(s->env, &est) == 0 &&
	    ((uint64_t)info.me_last_pgno + 1) * est.ms_psize > (uint64_t)st.st_size)
		return lz_err_set(err, LZ_EIO,
				  _("database file %s is damaged: it is shorter than its contents; restore it from a backup"),
				  data_path);
	return LZ_OK;
}

static void store_free(lz_store *s)
{
	if (s->claim_fd >= 0)
		close(s->claim_fd);
	if (s->env)
		mdb_env_close(s->env);
	if (s->use_lock >= 0)
		close(s->use_lock);
	for (size_t i = 0; i < s->cap_roll; i++)
		free(s->roll[i].v);
	free(s->roll);
	brief_work_free(&s->roll_work);
	free(s);
}

/* A database that is not there is named, not made: only init and the
 * full-screen program's first start create one. */
static lz_rc check_exists(const char *dir, lz_err *err)
{
	struct stat st;
	char data_path[PATH_MAX + 16];
	if (stat(dir, &st) != 0 && errno != ENOENT && errno != ENOTDIR)
		return lz_err_set(err, LZ_EIO, _("cannot reach database directory %s: %s"), dir,
				  strerror(errno));
	if (stat(dir, &st) != 0)
		return lz_err_set(err, LZ_ENOINPUT,
				  _("there is no database at %s (%s); create one with 'lianzheng init', or check --db and LIANZHENG_DB"),
				  dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return lz_err_set(err, LZ_EIO,
				  _("%s is a file, not a database directory; --db names the directory holding data.mdb"),
				  dir);
	snprintf(data_path, sizeof data_path, "%s/data.mdb", dir);
	if (stat(data_path, &st) != 0 && errno == ENOENT)
		return lz_err_set(err, LZ_ENOINPUT,
				  _("there is no database in %s; create one with 'lianzheng init', or check --db and LIANZHENG_DB"),
				  dir);
	return LZ_OK;
}

static lz_rc open_failed(lz_store *s, lz_rc r)
{
	store_free(s);
	return r;
}

lz_rc lz_store_open(const char *dir, const lz_store_options *opt, lz_store **out,
		    lz_err *err)
{
	*out = NULL;
	lz_store *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->use_lock = -1;
	s->claim_fd = -1;
	snprintf(s->dir, sizeof s->dir, "%s", dir);
	bool single_file = opt && opt->single_file;
	s->single_file = single_file;
	s->read_only = single_file || (opt && opt->read_only);
	size_t map = opt && opt->initial_map_bytes ? opt->initial_map_bytes : DEFAULT_MAP;

	struct stat st;
	char use_lock_path[PATH_MAX + 32] = "", lmdb_lock_path[PATH_MAX + 32] = "";
	bool made_use_lock = false, made_lmdb_lock = false;
	if (single_file) {
		if (stat(dir, &st) != 0 || !S_ISREG(st.st_mode)) {
			lz_err_set(err, LZ_ENOINPUT, _("cannot read %s: %s"), dir,
				   stat(dir, &st) != 0 ? strerror(errno) : _("not a regular file"));
			return open_failed(s, LZ_ENOINPUT);
		}
	} else {
		bool existing_only = opt && opt->existing_only;
		if (existing_only || s->read_only) {
			lz_rc r = check_exists(dir, err);
			if (r != LZ_OK)
				return open_failed(s, r);
		}
		int e = s->read_only ? 0 : store_make_dirs(dir);
		if (e && e != EACCES && e != EROFS) {
			lz_err_set(err, LZ_EIO, e == ENOTDIR || e == EEXIST
					     ? _("cannot create database directory %s: a file of that name is in the way")
					     : _("cannot create database directory %s: %s"),
				   dir, strerror(e));
			return open_failed(s, LZ_EIO);
		}
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			lz_err_set(err, LZ_EIO, stat(dir, &st) == 0
					     ? _("%s is a file, not a database directory")
					     : _("database directory %s does not exist"), dir);
			return open_failed(s, LZ_EIO);
		}
		snprintf(use_lock_path, sizeof use_lock_path, "%s/" USE_LOCK, dir);
		snprintf(lmdb_lock_path, sizeof lmdb_lock_path, "%s/lock.mdb", dir);
		made_use_lock = access(use_lock_path, F_OK) != 0;
		made_lmdb_lock = access(lmdb_lock_path, F_OK) != 0;
		int lock_errno = 0;
		s->use_lock = store_take_use_lock(dir, LOCK_SH, &lock_errno);
		if (s->use_lock == -1) {
			lz_err_set(err, LZ_EIO, _("database %s is being restored from a backup; try again in a moment"), dir);
			return open_failed(s, LZ_EIO);
		}
		if (s->use_lock == -3) {
			lz_err_set(err, LZ_EIO, _("cannot use the lock file %s/%s: %s"), dir, USE_LOCK,
				   lock_errno == EINVAL ? _("it is not a regular file")
				   : lock_errno == ELOOP ? _("it is a symbolic link")
							 : strerror(lock_errno));
			return open_failed(s, LZ_EIO);
		}
		if (s->use_lock == -2)
			s->use_lock = -1;  /* a read-only directory: nothing can replace it */
	}

	char data_path[PATH_MAX + 16];
	snprintf(data_path, sizeof data_path, single_file ? "%s" : "%s/data.mdb", dir);
	lz_rc fr = check_file_size(s, data_path, false, err);
	if (fr != LZ_OK)
		return open_failed(s, fr);
	int rc = open_env(s, dir, single_file, map);
	if (rc) {
		if (rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH)
			lz_err_set(err, LZ_EIO,
				   _("%s does not hold a lianzheng database (%s)"), dir,
				   mdb_strerror(rc));
		else if (rc == ENOENT && s->read_only)
			lz_err_set(err, LZ_EIO, _("no database in %s yet"), dir);
		else
			store_db_error(s, rc, err);
		return open_failed(s, LZ_EIO);
	}
	/* A reader killed mid-transaction leaves its slot taken; clear it
	 * so old pages can be reused. */
	int dead;
	if (!single_file)
		mdb_reader_check(s->env, &dead);
	if ((fr = check_file_size(s, data_path, true, err)) != LZ_OK)
		return open_failed(s, fr);
	if ((fr = store_check_ours(s, single_file, err)) != LZ_OK) {
		/* Another program's directory gets no lock files of ours. */
		store_free(s);
		if (made_use_lock)
			unlink(use_lock_path);
		if (made_lmdb_lock)
			unlink(lmdb_lock_path);
		return fr;
	}
	if (!single_file && (fr = store_take_claim(s, data_path, err)) != LZ_OK)
		return open_failed(s, fr);

	/* Most opens find everything in place: a read transaction suffices
	 * and no write lock is taken.  A new database, or one written by an
	 * older version, is set up in one write transaction. */
	bool ready;
	lz_rc r = store_open_tables(s, &ready, err);
	if (r == LZ_OK && !ready)
		r = s->read_only ? store_open_old(s, err) : store_setup(s, err);
	if (r != LZ_OK)
		return open_failed(s, r);
	*out = s;
	return LZ_OK;
}

void lz_store_close(lz_store *s)
{
	if (s)
		store_free(s);
}

size_t lz_store_map_size(const lz_store *s)
{
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	return info.me_mapsize;
}

/* ---- transactions ---- */

int store_begin(lz_store *s, unsigned flags, MDB_txn **txn)
{
	int rc = mdb_txn_begin(s->env, NULL, flags, txn);
	/* Another process grew the map: adopt its size.  It may grow it again
	 * before we get the lock, hence a few rounds. */
	for (int i = 0; rc == MDB_MAP_RESIZED && i < 32; i++) {
		mdb_env_set_mapsize(s->env, 0);
		rc = mdb_txn_begin(s->env, NULL, flags, txn);
	}
	return rc;
}

/* Doubles the map; only valid with no transaction open in this process. */
bool store_grow(lz_store *s)
{
	size_t size = lz_store_map_size(s);
	if (size >= MAX_MAP)
		return false;
	return mdb_env_set_mapsize(s->env, size * 2) == 0;
}

/* A read transaction and a cursor on dbi in it, for a walk: the one way
 * every walk starts.  LMDB's failure comes back as the error. */
lz_rc store_walk_begin(lz_store *s, MDB_dbi dbi, MDB_txn **txn, MDB_cursor **cur, lz_err *err)
{
	int rc = store_begin(s, MDB_RDONLY, txn);
	if (rc)
		return store_db_error(s, rc, err);
	rc = mdb_cursor_open(*txn, dbi, cur);
	if (rc) {
		mdb_txn_abort(*txn);
		return store_db_error(s, rc, err);
	}
	return LZ_OK;
}

/* Ends a walk begun by store_walk_begin: rc, the cursor's last answer, is
 * an error unless the walk ran off the end; r is what the walk itself
 * found, which comes first. */
lz_rc store_walk_end(lz_store *s, MDB_txn *txn, MDB_cursor *cur, int rc, lz_rc r, lz_err *err)
{
	if (r == LZ_OK && rc && rc != MDB_NOTFOUND)
		r = store_db_error(s, rc, err);
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return r;
}

uint64_t lz_store_generation(lz_store *s)
{
	/* The last committed transaction's id, from the shared meta pages. */
	MDB_envinfo info;
	if (mdb_env_info(s->env, &info) != 0)
		return 0;
	return (uint64_t)info.me_last_txnid;
}

bool lz_store_read_only(const lz_store *s)
{
	return s->read_only;
}

const char *lz_store_read_only_reason(const lz_store *s)
{
	return s->read_only_why;
}

bool lz_store_forced_read_only(const lz_store *s)
{
	return s->forced_read_only;
}
