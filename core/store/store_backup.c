/* Backup and restore: a compacted copy written while others work, and a
 * backup put in place only once a child process has checked the very
 * bytes that are installed. */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lz_evidence.h"
#include "lz_i18n.h"
#include "lz_outfile.h"

static int fsync_dir_of(const char *path)
{
	char dir[PATH_MAX + 64];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	return lz_fsync_dir(dir);
}

/* The files a database directory is made of: an output written over one
 * of them would destroy the ledger or its lock. */
static const char *const own_files[] = {"data.mdb", "lock.mdb", USE_LOCK, NULL};

void lz_store_guard(const lz_store *s, lz_outfile_opts *opts)
{
	opts->guard_dir = s->dir;
	opts->guard_names = own_files;
}

/* The copy goes to a temporary name beside the target and is renamed
 * over it only once complete and on disk: a crash leaves the old file or
 * the new one, never half of one.  It holds the whole ledger, so a new
 * file is private; a file replaced keeps its permissions. */
lz_rc lz_store_backup(lz_store *s, const char *file, lz_err *err)
{
	lz_outfile_opts opts = {.new_mode = 0600, .files_only = true};
	lz_store_guard(s, &opts);
	lz_outfile out;
	lz_rc r = lz_outfile_open(&out, file, &opts, err);
	if (r != LZ_OK)
		return r;
	/* LMDB's copy runs in a read transaction: writers go on meanwhile.
	 * With evidence, the copy and the files go into one bundle. */
	char (*names)[65];
	size_t evidence = s->single_file ? 0 : store_evidence_files(s, &names);
	if (!s->single_file)
		free(names);
	if (evidence) {
		r = store_bundle_write(s, lz_outfile_fd(&out), file, err);
		if (r != LZ_OK) {
			lz_outfile_abort(&out);
			return r;
		}
	}
	int rc = evidence ? 0 : mdb_env_copyfd2(s->env, lz_outfile_fd(&out), MDB_CP_COMPACT);
	if (rc) {
		lz_outfile_abort(&out);
		if (rc == ENOSPC || rc == EDQUOT)
			return lz_err_set(err, LZ_EIO, _("cannot write %s: the disk is full; no backup was made"), file);
		return lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), file,
				  rc > 0 ? strerror(rc) : mdb_strerror(rc));
	}
	if ((r = lz_outfile_commit(&out, err)) != LZ_OK)
		return r;
	if (!s->read_only) {
		unsigned char b[8];
		put_u64(b, (uint64_t)lz_now());
		MDB_val keys[] = {META_KEY("last_backup")};
		MDB_val vals[] = {{.mv_size = 8, .mv_data = b}};
		/* The backup exists whether or not its date could be noted. */
		lz_err ignored;
		store_put_meta_entries(s, keys, vals, 1, &ignored);
	}
	return LZ_OK;
}

int64_t lz_store_last_backup(lz_store *s)
{
	MDB_txn *txn;
	if (store_begin(s, MDB_RDONLY, &txn) != 0)
		return 0;
	MDB_val k = META_KEY("last_backup"), v;
	int64_t when = 0;
	if (mdb_get(txn, s->meta, &k, &v) == 0 && v.mv_size == 8)
		when = (int64_t)get_u64(v.mv_data);
	mdb_txn_abort(txn);
	return when;
}

/* A backup passes what `db check` and `audit verify` check (records,
 * indexes, chain, the compiled plan against the text, every record
 * against the plan as add would check it). */
static void verify_here(const char *path, FILE *report, verdict *v)
{
	lz_store *s;
	lz_store_options opt = {.single_file = true};
	v->rc = lz_store_open(path, &opt, &s, &v->err);
	if (v->rc != LZ_OK)
		return;
	v->rc = store_check_here(s, report, &v->problems, &v->err);
	if (v->rc == LZ_OK && !v->problems) {
		if (s->has_log)
			v->rc = store_audit_here(s, &v->audit, &v->err);
		else
			v->rc = store_no_log(s, &v->err);
	}
	lz_store_close(s);
}

static void verify_child(const void *ctx, FILE *report, verdict *v)
{
	verify_here(ctx, report, v);
}

/* Messages about the private copy name the file the user gave. */
static void rename_in(char *msg, size_t size, const char *from, const char *to)
{
	char *at = strstr(msg, from);
	if (!at || !*from)
		return;
	char rest[sizeof ((lz_err *)0)->msg];
	snprintf(rest, sizeof rest, "%s", at + strlen(from));
	snprintf(at, size - (size_t)(at - msg), "%s%s", to, rest);
}

/* The verdict on a backup read from path, told about name. */
static lz_rc judge_backup(const char *path, const char *name, const verdict *v,
			  const char *report, lz_err *err)
{
	char why[sizeof err->msg];
	if (v->rc != LZ_OK) {
		snprintf(why, sizeof why, "%s", v->err.msg);
		rename_in(why, sizeof why, path, name);
		if (v->rc == LZ_ENOINPUT)
			return lz_err_set(err, LZ_ENOINPUT, "%s", why);
		return lz_err_set(err, LZ_EDATA, _("%s is not a usable backup: %s"), name, why);
	}
	if (v->problems) {
		size_t n = strcspn(report, "\n");
		return lz_err_set(err, LZ_EDATA, _("%s is not a usable backup: %.*s"), name, (int)n,
				  report);
	}
	if (!v->audit.intact)
		return lz_err_set(err, LZ_EDATA, _("%s is not a usable backup: %s"), name,
				  v->audit.problem);
	return LZ_OK;
}

lz_rc lz_store_verify_backup_here(const char *file, lz_err *err)
{
	char *report = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&report, &len);
	if (!out)
		abort();
	verdict v;
	memset(&v, 0, sizeof v);
	verify_here(file, out, &v);
	fclose(out);
	lz_rc r = judge_backup(file, file, &v, report, err);
	free(report);
	return r;
}

/* Verifies the backup at path (a private copy) in a child process; name is
 * what the user called it. */
static lz_rc verify_apart(const char *path, const char *name, lz_err *err)
{
	verdict v;
	char *report, why[600];
	enum examined how = store_examine_apart(verify_child, path, store_check_limit(path, true),
						&v, &report, why, sizeof why);
	if (how == NO_CHILD)
		return lz_err_set(err, LZ_EIO, _("cannot check %s: %s"), name, why);
	if (how == DIED)
		return lz_err_set(err, LZ_EDATA, _("damaged backup: %s: %s"), name, why);
	lz_rc r = judge_backup(path, name, &v, report, err);
	free(report);
	return r;
}

static int copy_fd(int in, int out)
{
	char buf[1 << 16];
	ssize_t n;
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (!store_write_all(out, buf, (size_t)n))
			return errno ? errno : EIO;
	}
	return fsync(out) == 0 ? 0 : errno;
}

/* Copies of earlier restores that were killed before they finished:
 * nobody else can be restoring while the exclusive use lock is held. */
/* Removes the directory a bundle's evidence was unpacked into, and what
 * is left in it. */
static void remove_stage(const char *stage)
{
	DIR *d = opendir(stage);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	rmdir(stage);
}

static void remove_stale_incoming(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, "data.mdb.restoring", 18) == 0) {
			char path[PATH_MAX + 300];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	char ev[PATH_MAX + 16];
	snprintf(ev, sizeof ev, "%s/" LZ_EVIDENCE_DIR, dir);
	if (!(d = opendir(ev)))
		return;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, ".restoring.", 11) == 0) {
			char path[PATH_MAX + 300];
			snprintf(path, sizeof path, "%s/%s", ev, e->d_name);
			remove_stage(path);
		}
	closedir(d);
}

/* Puts each unpacked evidence file in its place in the store: files are
 * only added (or an altered one put right), so this may come before the
 * database is replaced, and a restore that fails after it leaves only
 * files no record names. */
static int install_evidence(const char *stage, const char *ev)
{
	DIR *d = opendir(stage);
	if (!d)
		return errno;
	int rc = 0;
	for (struct dirent *e; !rc && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char to[PATH_MAX + 300];
		snprintf(to, sizeof to, "%s/%s", ev, e->d_name);
		if (renameat(dirfd(d), e->d_name, AT_FDCWD, to) != 0)
			rc = errno;
	}
	closedir(d);
	if (!rc)
		rc = fsync_dir_of(stage);
	return rc;
}

lz_rc lz_store_restore(const char *dir, const char *file, char *kept, size_t kept_size,
		       lz_err *err)
{
	kept[0] = '\0';
	/* The backup is opened once and everything is read from that
	 * descriptor: a file put in its place meanwhile is never read, so
	 * the bytes checked are the bytes installed.  O_NONBLOCK: opening a
	 * FIFO must not wait for a writer; only a regular file is taken. */
	int in = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return lz_err_set(err, LZ_ENOINPUT, _("cannot read %s: %s"), file, strerror(errno));
	struct stat st;
	if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(in);
		return lz_err_set(err, LZ_ENOINPUT, _("cannot read %s: %s"), file,
				  _("not a regular file"));
	}
	fcntl(in, F_SETFL, fcntl(in, F_GETFL) & ~O_NONBLOCK);
	struct stat dst;
	bool had_dir = stat(dir, &dst) == 0;
	int e = store_make_dirs(dir);
	if (e) {
		close(in);
		return lz_err_set(err, LZ_EIO, _("cannot create database directory %s: %s"), dir,
				  strerror(e));
	}
	char lock_path[PATH_MAX + 32];
	snprintf(lock_path, sizeof lock_path, "%s/" USE_LOCK, dir);
	int lock_errno = 0;
	int lock = store_take_use_lock(dir, LOCK_EX, &lock_errno);
	if (lock == -3) {
		close(in);
		return lz_err_set(err, LZ_EIO, _("cannot use the lock file %s/%s: %s"), dir, USE_LOCK,
				  lock_errno == EINVAL ? _("it is not a regular file")
							: strerror(lock_errno));
	}
	/* A lock file deleted under a running program: it is still found by
	 * its claim on the data file. */
	if (lock >= 0 && store_data_file_in_use(dir)) {
		close(lock);
		lock = -1;
	}
	if (lock < 0) {
		close(in);
		return lz_err_set(err, LZ_EIO,
				  _("database %s is open in another lianzheng; close it first, then restore"),
				  dir);
	}
	remove_stale_incoming(dir);
	/* The copy is private (a name of its own, mode 0600) and beside the
	 * database, so that putting it in place is one rename. */
	char data[PATH_MAX + 32], incoming[PATH_MAX + 32];
	snprintf(data, sizeof data, "%s/data.mdb", dir);
	snprintf(incoming, sizeof incoming, "%s/data.mdb.restoring.XXXXXX", dir);
	int out = mkostemp(incoming, O_CLOEXEC);
	/* A bundle (a backup with evidence) is unpacked: data.mdb into the
	 * private copy, the evidence files into a private folder of the
	 * store, each checked against its hash as it is read. */
	unsigned char first[512];
	bool bundle = pread(in, first, sizeof first, 0) == (ssize_t)sizeof first &&
		      store_bundle_is(first, sizeof first);
	char ev[PATH_MAX + 16], stage[PATH_MAX + 48] = "";
	snprintf(ev, sizeof ev, "%s/" LZ_EVIDENCE_DIR, dir);
	bool had_ev = access(ev, F_OK) == 0;
	lz_rc r = LZ_OK;
	int rc = out < 0 ? errno : 0;
	if (!rc && bundle) {
		snprintf(stage, sizeof stage, "%s/.restoring.XXXXXX", ev);
		if ((mkdir(ev, 0700) != 0 && errno != EEXIST) || !mkdtemp(stage)) {
			rc = errno;
			stage[0] = '\0';
		}
		size_t files;
		if (!rc)
			r = store_bundle_read(in, out, stage, file, &files, err);
	} else if (!rc) {
		rc = copy_fd(in, out);
	}
	close(in);
	if (out >= 0 && close(out) != 0 && !rc)
		rc = errno;
	if (r != LZ_OK)
		;
	else if (rc)
		r = lz_err_set(err, LZ_EIO, _("cannot restore into %s: %s; the database was not changed"),
			       dir, strerror(rc));
	else
		r = verify_apart(incoming, file, err);
	if (r == LZ_OK && *stage && (rc = install_evidence(stage, ev)) != 0)
		r = lz_err_set(err, LZ_EIO, _("cannot restore into %s: %s; the database was not changed"),
			       dir, strerror(rc));
	if (*stage)
		remove_stage(stage);
	if (r != LZ_OK && !had_ev)
		rmdir(ev);
	/* The replaced database keeps the time it was replaced in its name,
	 * so a second restore never overwrites the first one's copy. */
	time_t now = (time_t)lz_now();
	struct tm tm;
	localtime_r(&now, &tm);
	char stamp[32];
	snprintf(stamp, sizeof stamp, "%04d%02d%02d-%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (r == LZ_OK && access(data, F_OK) == 0) {
		/* Two restores within a second keep both replaced files. */
		for (int n = 1;; n++) {
			if (n == 1)
				snprintf(kept, kept_size, "%s/data.mdb.%s.bak", dir, stamp);
			else
				snprintf(kept, kept_size, "%s/data.mdb.%s-%d.bak", dir, stamp, n);
			if (link(data, kept) == 0)
				break;
			if (errno != EEXIST || n >= 1000) {
				rc = errno;
				kept[0] = '\0';
				break;
			}
		}
	}
	/* The rename is the moment of replacement: before it the old
	 * database is whole in place, after it the new one is. */
	if (r == LZ_OK && !rc && rename(incoming, data) != 0)
		rc = errno;
	if (r == LZ_OK && !rc)
		fsync_dir_of(data);  /* done either way: the rename is */
	if (r == LZ_OK && rc) {
		if (*kept) {
			unlink(kept);
			kept[0] = '\0';
		}
		r = lz_err_set(err, LZ_EIO, _("cannot restore into %s: %s; the database was not changed"),
			       dir, strerror(rc));
	}
	if (r != LZ_OK) {
		unlink(incoming);
		/* A refused restore into a new directory leaves nothing behind. */
		if (!had_dir) {
			unlink(lock_path);
			rmdir(dir);
		}
	}
	close(lock);
	return r;
}
