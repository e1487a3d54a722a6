#include "lz_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <lmdb.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "brief_codec.h"
#include "lz_i18n.h"
#include "lz_log.h"
#include "lz_plan_cache.h"
#include "lz_plan_load.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "record_codec.h"

/* The map starts small and doubles on MDB_MAP_FULL up to this cap; LMDB
 * only reserves address space, the file grows with the data. */
#define DEFAULT_MAP (16u << 20)
#define MAX_MAP ((size_t)1 << 40)
#define MAX_GROWS 24

/* Indexes with one entry per record.  The month roll (meetings_by_month,
 * brief_codec.h) is kept beside them by the same calls. */
enum index_id { IX_MEETING_DATE, IX_ITEM_TASK, IX_ITEM_DUE, IX_RISK_REVIEW, IX_COUNT };

static const char *const kind_db[LZ_KIND_COUNT] = {"people", "items", "meetings", "risks"};
static const char *const index_db[IX_COUNT] = {
	"meetings_by_date", "items_by_task", "items_by_due", "risks_by_review"};
static const lz_kind index_kind[IX_COUNT] = {LZ_KIND_MEETING, LZ_KIND_ITEM, LZ_KIND_ITEM,
					     LZ_KIND_RISK};
#define MONTH_DB "meetings_by_month"

/* A month's changes to the month roll wait in the transaction: each
 * month's value is rewritten once, when the transaction is done, however
 * many of its meetings changed. */
typedef struct month_changes {
	int32_t month;
	brief_change *v;
	size_t n, cap;
} month_changes;

struct lz_store {
	MDB_env *env;
	MDB_dbi meta;
	MDB_dbi records[LZ_KIND_COUNT];
	MDB_dbi index[IX_COUNT];
	MDB_dbi months;  /* the month roll */
	/* The change log by sequence number, and (record id, sequence) pairs
	 * to find one record's history. */
	MDB_dbi log, log_ix;
	bool has_log;  /* false only for an old database opened read-only */
	bool read_only;
	bool single_file;  /* a backup file, not a directory */
	bool forced_read_only;  /* asked to write, but the directory is not writable */
	char read_only_why[PATH_MAX + 128];  /* what could not be written, when forced */
	int use_lock;  /* fd holding a shared lock on USE_LOCK, or -1 */
	/* data.mdb opened for the claim (see "claims" below), or -1; the
	 * identities of the files this process relies on, to notice any of
	 * them replaced before a write is acknowledged. */
	int claim_fd;
	off_t claim_at;
	dev_t lock_dev;
	ino_t lock_ino;
	/* Opened read-only in an older format: the records can be read and
	 * checked, the indexes only once a writer has rebuilt them. */
	bool old_indexes;
	/* The month roll's pending changes and working memory, kept from one
	 * transaction to the next: a bulk insert would fault fresh pages in
	 * for them every time. */
	month_changes *roll;
	size_t n_roll, cap_roll;
	size_t pending;  /* changes over all months */
	brief_work roll_work;
	char dir[PATH_MAX];
};

/* ---- keys: big-endian so byte order is numeric order ---- */

typedef struct key {
	unsigned char b[16];
	size_t len;
} key;

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)(v >> 32));
	put_u32(p + 4, (uint32_t)v);
}

static uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) << 32 | get_u32(p + 4);
}

/* Signed values flip their sign bit so negatives sort first. */
static uint32_t biased(int32_t v)
{
	return (uint32_t)v ^ 0x80000000u;
}

static int32_t unbiased(const unsigned char *p)
{
	return (int32_t)(get_u32(p) ^ 0x80000000u);
}

static key id_key(lz_id id)
{
	key k = {.len = 8};
	put_u64(k.b, id);
	return k;
}

/* (value, id): items by task or deadline, risks by review date. */
static key index_key(int32_t v, lz_id id)
{
	key k = {.len = 12};
	put_u32(k.b, biased(v));
	put_u64(k.b + 4, id);
	return k;
}

#define META_KEY(str) ((MDB_val){.mv_size = sizeof(str) - 1, .mv_data = (void *)(str)})

/* (date, start, id): a day's meetings come in the order they are shown. */
static key meeting_key(const lz_meeting *m)
{
	key k = {.len = 16};
	put_u32(k.b, biased(m->date));
	put_u32(k.b + 4, biased(m->start));
	put_u64(k.b + 8, m->meta.id);
	return k;
}

static key month_key(int32_t month)
{
	key k = {.len = 4};
	put_u32(k.b, biased(month));
	return k;
}

static size_t index_key_len(enum index_id ix)
{
	return ix == IX_MEETING_DATE ? 16 : 12;
}

/* The id at the end of any index key. */
static lz_id key_id(const MDB_val *k)
{
	return get_u64((const unsigned char *)k->mv_data + k->mv_size - 8);
}

static MDB_val val_of(const key *k)
{
	return (MDB_val){.mv_size = k->len, .mv_data = (void *)k->b};
}

/* Meetings must have a date YYYY-MM-DD can write, so that every month
 * and day the indexes compute from it exists. */
static bool meeting_date_ok(lz_day d)
{
	return d >= lz_day_from_ymd(0, 1, 1) && d <= lz_day_from_ymd(9999, 12, 31);
}

/* The index entries a record must have, with their values: a meeting's
 * entry in the date index carries its digest (brief_codec.h). */
typedef struct index_entry {
	enum index_id ix;
	key k;
	unsigned char *value;  /* malloc'd, or NULL for an empty value */
	size_t len;
} index_entry;

static size_t index_entries(const lz_record *r, index_entry out[2])
{
	size_t n = 0;
	lz_id id = r->u.meta.id;
	switch (r->kind) {
	case LZ_KIND_MEETING:
		out[n] = (index_entry){IX_MEETING_DATE, meeting_key(&r->u.meeting), NULL, 0};
		brief_digest_encode(&r->u.meeting, LZ_DIGEST_TITLE, &out[n].value, &out[n].len);
		n++;
		break;
	case LZ_KIND_ITEM:
		out[n++] = (index_entry){IX_ITEM_TASK, index_key(r->u.item.task, id), NULL, 0};
		if (r->u.item.due != LZ_NO_DAY)
			out[n++] = (index_entry){IX_ITEM_DUE, index_key(r->u.item.due, id), NULL, 0};
		break;
	case LZ_KIND_RISK:
		if (r->u.risk.review != LZ_NO_DAY)
			out[n++] = (index_entry){IX_RISK_REVIEW, index_key(r->u.risk.review, id), NULL, 0};
		break;
	default:
		break;
	}
	return n;
}

static void entries_free(index_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].value);
}

static int begin(lz_store *s, unsigned flags, MDB_txn **txn);
static bool grow(lz_store *s);
static lz_rc check_old_records(lz_store *s, MDB_txn *txn, lz_err *err);
static bool last_entry_of(lz_store *s, MDB_txn *txn, lz_id id, uint64_t *seq);
static lz_log_damage log_get(lz_store *s, MDB_txn *txn, uint64_t seq, lz_arena *arena,
			     lz_log_entry *e);

/* ---- the change log ---- */

/* One write transaction's state. */
typedef struct write_ctx {
	lz_store *s;
	MDB_txn *txn;
	int mdb_rc;  /* sticky: the first LMDB failure */
	int64_t now;
	lz_arena scratch;
	bool head_read;  /* the log's last entry has been read */
	uint64_t seq;    /* the last entry's sequence number, 0 for none */
	unsigned char hash[LZ_LOG_HASH];
	uint64_t undo_of;  /* set while applying an undo */
	uint64_t txn_first;  /* this transaction's first log entry, 0 before it */
	unsigned char aux[LZ_LOG_HASH];  /* for the next plan entry: its compiled form's hash */
	bool has_aux;
} write_ctx;

static bool ok(write_ctx *w, int rc)
{
	if (rc && !w->mdb_rc)
		w->mdb_rc = rc;
	return !w->mdb_rc;
}

/* The chain's head is the last entry itself, never a copy kept beside
 * it that could disagree. */
static int log_last(MDB_txn *txn, MDB_dbi log, uint64_t *seq, unsigned char hash[LZ_LOG_HASH])
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, log, &cur);
	if (rc)
		return rc;
	MDB_val k, v;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	if (rc == MDB_NOTFOUND) {
		*seq = 0;
		memset(hash, 0, LZ_LOG_HASH);
		rc = 0;
	} else if (rc == 0 && (k.mv_size != 8 || v.mv_size <= LZ_LOG_HASH)) {
		rc = MDB_CORRUPTED;
	} else if (rc == 0) {
		*seq = get_u64(k.mv_data);
		memcpy(hash, (const unsigned char *)v.mv_data + v.mv_size - LZ_LOG_HASH, LZ_LOG_HASH);
	}
	mdb_cursor_close(cur);
	return rc;
}

static key log_ix_key(lz_id id, uint64_t seq)
{
	key k = {.len = 16};
	put_u64(k.b, id);
	put_u64(k.b + 8, seq);
	return k;
}

/* Appends an entry in the caller's transaction: the change and its
 * record of it commit or vanish together. */
static void log_append(write_ctx *w, lz_log_op op, lz_kind kind, lz_id id, const void *before,
		       size_t n_before, const void *after, size_t n_after)
{
	if (w->mdb_rc)
		return;
	if (!w->head_read) {
		if (!ok(w, log_last(w->txn, w->s->log, &w->seq, w->hash)))
			return;
		w->head_read = true;
	}
	lz_log_entry e = {.seq = w->seq + 1, .time = w->now, .op = op, .kind = kind, .id = id,
			  .before = before, .n_before = n_before, .after = after,
			  .n_after = n_after, .undo_of = w->undo_of};
	if (!w->txn_first)
		w->txn_first = e.seq;
	e.txn = w->txn_first;
	if (w->has_aux) {
		e.aux = w->aux;
		e.n_aux = LZ_LOG_HASH;
		w->has_aux = false;
	}
	e.user = lz_log_actor(&e.uid);
	memcpy(e.prev, w->hash, LZ_LOG_HASH);
	unsigned char *buf;
	size_t len;
	lz_log_encode(&e, &buf, &len);
	unsigned char kb[8];
	put_u64(kb, e.seq);
	MDB_val k = {.mv_size = 8, .mv_data = kb}, v = {.mv_size = len, .mv_data = buf};
	ok(w, mdb_put(w->txn, w->s->log, &k, &v, MDB_APPEND));
	free(buf);
	key ik = log_ix_key(id, e.seq);
	MDB_val ikv = val_of(&ik), empty = {.mv_size = 0, .mv_data = ""};
	ok(w, mdb_put(w->txn, w->s->log_ix, &ikv, &empty, MDB_NOOVERWRITE));
	w->seq = e.seq;
	memcpy(w->hash, e.hash, LZ_LOG_HASH);
}

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

static lz_rc db_error(lz_store *s, int rc, lz_err *err)
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

static lz_rc refuse_read_only(lz_store *s, lz_err *err)
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
static int make_dirs(const char *path)
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

/* Opens the tables; with MDB_CREATE, in a write transaction, making those
 * that are missing.  Without indexes, for an older database opened
 * read-only: the records' tables, and the change log's if it has one. */
static int open_dbis(lz_store *s, MDB_txn *txn, unsigned flags, bool indexes)
{
	int rc = mdb_dbi_open(txn, "meta", flags, &s->meta);
	for (int k = 0; rc == 0 && k < LZ_KIND_COUNT; k++)
		rc = mdb_dbi_open(txn, kind_db[k], flags, &s->records[k]);
	if (rc)
		return rc;
	rc = mdb_dbi_open(txn, "log", flags, &s->log);
	if (rc == 0)
		rc = mdb_dbi_open(txn, "log_by_record", flags, &s->log_ix);
	s->has_log = rc == 0;
	if (!indexes)
		return rc == MDB_NOTFOUND ? 0 : rc;
	for (int i = 0; rc == 0 && i < IX_COUNT; i++)
		rc = mdb_dbi_open(txn, index_db[i], flags, &s->index[i]);
	if (rc == 0)
		rc = mdb_dbi_open(txn, MONTH_DB, flags, &s->months);
	return rc;
}

static lz_rc not_ours(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO, _("%s does not hold a lianzheng database"), s->dir);
}

/* The format the database was written in; 0 when it has no marker yet. */
static lz_rc read_format(lz_store *s, MDB_txn *txn, uint32_t *format, lz_err *err)
{
	MDB_val k = {.mv_size = 6, .mv_data = "format"}, v;
	int rc = mdb_get(txn, s->meta, &k, &v);
	*format = 0;
	if (rc == MDB_NOTFOUND)
		return LZ_OK;
	if (rc)
		return db_error(s, rc, err);
	if (v.mv_size != 4)
		return lz_err_set(err, LZ_EIO, _("database %s is damaged: bad format marker"), s->dir);
	*format = get_u32(v.mv_data);
	if (*format > LZ_DB_FORMAT)
		return lz_err_set(err, LZ_EIO,
				  _("database %s was written by a newer version of lianzheng (format %u; this version reads format %d); upgrade the program"),
				  s->dir, *format, LZ_DB_FORMAT);
	return LZ_OK;
}

/* Opens the tables in a read transaction, so no write lock is taken: all
 * of them, or without indexes those of the records alone.  *missing when
 * one of them does not exist; *format as read_format.  The handles are
 * kept when all were there. */
static lz_rc read_tables(lz_store *s, bool indexes, bool *missing, uint32_t *format,
			 lz_err *err)
{
	*format = 0;
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	rc = open_dbis(s, txn, 0, indexes);
	*missing = rc == MDB_NOTFOUND;
	lz_rc r = LZ_OK;
	if (rc == MDB_INCOMPATIBLE)
		r = not_ours(s, err);
	else if (rc && !*missing)
		r = db_error(s, rc, err);
	else if (!*missing)
		r = read_format(s, txn, format, err);
	/* Committing, even a read-only transaction, is what keeps the
	 * database handles it opened. */
	if (r == LZ_OK && !*missing && (rc = mdb_txn_commit(txn)) != 0)
		r = db_error(s, rc, err);
	else if (r != LZ_OK || *missing)
		mdb_txn_abort(txn);
	return r;
}

/* The common case: every table there, in this format.  *ready is false
 * for a new database, or one of an older format. */
static lz_rc open_tables(lz_store *s, bool *ready, lz_err *err)
{
	bool missing;
	uint32_t format;
	lz_rc r = read_tables(s, true, &missing, &format, err);
	*ready = r == LZ_OK && !missing && format == LZ_DB_FORMAT;
	return r;
}

/* A database that needs setting up, opened read-only: its records (and
 * its log, if it has one) can be read, its indexes not until a writer
 * has rebuilt them. */
static lz_rc open_old(lz_store *s, lz_err *err)
{
	bool missing;
	uint32_t format;
	lz_rc r = read_tables(s, false, &missing, &format, err);
	if (r == LZ_OK && missing)
		r = lz_err_set(err, LZ_EIO, _("no database in %s yet"), s->dir);
	s->old_indexes = true;
	MDB_txn *txn;
	int rc;
	if (r == LZ_OK && format != 0) {
		if ((rc = begin(s, MDB_RDONLY, &txn)) != 0)
			return db_error(s, rc, err);
		r = check_old_records(s, txn, err);
		mdb_txn_abort(txn);
	}
	return r;
}

static lz_rc setup(lz_store *s, lz_err *err);

/* An environment lianzheng did not make must be left as it was found: an
 * empty one may become a database, but one holding anything without
 * lianzheng's format marker (every version wrote it in the transaction
 * that created the tables) belongs to another program, and adding our
 * tables to it, even for a read-only command, would change that
 * program's file.  Checked in a read transaction, before anything is
 * written. */
static lz_rc check_ours(lz_store *s, bool single_file, lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_dbi main_db, meta;
	MDB_stat st;
	rc = mdb_dbi_open(txn, NULL, 0, &main_db);
	if (!rc)
		rc = mdb_stat(txn, main_db, &st);
	lz_rc r = LZ_OK;
	if (rc) {
		r = db_error(s, rc, err);
	} else if (st.ms_entries > 0) {
		MDB_val k = META_KEY("format"), v;
		rc = mdb_dbi_open(txn, "meta", 0, &meta);
		if (rc == 0)
			rc = mdb_get(txn, meta, &k, &v);
		/* A marker lost to damage is not another program's file: that
		 * has none of our tables. */
		bool any_ours = false;
		for (int i = 0; rc && i < LZ_KIND_COUNT && !any_ours; i++) {
			MDB_val name = {.mv_size = strlen(kind_db[i]), .mv_data = (void *)kind_db[i]}, nv;
			any_ours = mdb_get(txn, main_db, &name, &nv) == 0;
		}
		if ((rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE) && any_ours)
			r = lz_err_set(err, LZ_EIO, _("database %s is damaged: its format marker is missing; restore it from a backup"),
				       s->dir);
		else if ((rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE) && single_file)
			r = lz_err_set(err, LZ_EDATA,
				       _("it is not a lianzheng database: it holds another program's data and no lianzheng format marker"));
		else if (rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE)
			r = lz_err_set(err, LZ_EDATA,
				       _("%s is not a lianzheng database: it holds another program's data and no lianzheng format marker; nothing was written"),
				       s->dir);
		else if (rc)
			r = db_error(s, rc, err);
	}
	mdb_txn_abort(txn);
	return r;
}

/* Every program using the database holds a shared lock on this file
 * for as long as it has the database open; restore takes it exclusively,
 * so it never replaces a file another process is writing to. */
#define USE_LOCK "lianzheng.lock"

/* The lock's descriptor; -1 when another program holds it the other way
 * (a restore), -2 when the directory is read-only (nobody can replace the
 * database then), -3 with *open_errno when the lock file cannot be opened
 * at all. */
static int take_use_lock(const char *dir, int how, int *open_errno)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/" USE_LOCK, dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (fd < 0 && (errno == EACCES || errno == EROFS)) {
		/* Opened for reading, a shared lock still keeps a restore
		 * out while we read. */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			return errno == ENOENT || errno == EACCES || errno == EROFS ? -2 : -3;
	}
	if (fd < 0) {
		*open_errno = errno;
		return -3;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*open_errno = EINVAL;
		return -3;
	}
	if (flock(fd, how | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Opens the LMDB environment; a directory the user may not write to is
 * opened read-only, without LMDB's lock file if need be (nobody can be
 * writing it then). */
/* One attempt; LMDB wants a fresh handle after a failed open. */
static int try_env(lz_store *s, const char *path, unsigned flags, size_t map)
{
	if (s->env) {
		mdb_env_close(s->env);
		s->env = NULL;
	}
	int rc = mdb_env_create(&s->env);
	if (!rc)
		rc = mdb_env_set_maxdbs(s->env, 16);
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

/* ---- claims: one data file, one lock file ----
 *
 * LMDB keeps its readers and its writer lock in lock.mdb beside data.mdb,
 * found by path.  The same data.mdb reached through another directory (a
 * hard or symbolic link to the file), or a lock.mdb deleted while programs
 * run and made anew by the next, leaves two groups of programs writing one
 * file, each unaware of the other: acknowledged writes are lost.  So each
 * program marks data.mdb itself — whatever the path, it is the same inode
 * — with a read lock on one byte far past any data, at an offset given by
 * the identity of the lock.mdb it uses.  A lock held at any other offset
 * is another program using another lock file: refused.  Open file
 * description locks are used because LMDB closing its own descriptor of
 * data.mdb would drop a process's classic POSIX locks. */
#define CLAIM_BASE ((off_t)1 << 41)
#define CLAIM_SPAN ((off_t)1 << 40)

static off_t claim_offset(dev_t dev, ino_t ino)
{
	uint64_t h = 1469598103934665603ull;
	uint64_t parts[2] = {(uint64_t)dev, (uint64_t)ino};
	const unsigned char *p = (const unsigned char *)parts;
	for (size_t i = 0; i < sizeof parts; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return CLAIM_BASE + (off_t)(h % (uint64_t)CLAIM_SPAN);
}

/* Whether a program holds a claim in [from, to) of the data file. */
static bool claimed_between(int fd, off_t from, off_t to)
{
	if (to <= from)
		return false;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = from,
			   .l_len = to - from};
	if (fcntl(fd, F_OFD_GETLK, &fl) != 0)
		return false;
	return fl.l_type != F_UNLCK;
}

/* Another program uses this data file through another lock file. */
static bool claimed_elsewhere(int fd, off_t mine)
{
	return claimed_between(fd, CLAIM_BASE, mine) ||
	       claimed_between(fd, mine + 1, CLAIM_BASE + CLAIM_SPAN);
}

static lz_rc two_lock_files(const lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("database %s is in use by another lianzheng through another path or a lock file that was deleted or replaced; close every lianzheng using it, then try again; nothing was written"),
			  s->dir);
}

static lz_rc take_claim(lz_store *s, const char *data_path, lz_err *err)
{
	char lock_path[PATH_MAX + 16];
	snprintf(lock_path, sizeof lock_path, "%s/lock.mdb", s->dir);
	struct stat st;
	/* Without LMDB's lock file (a read-only directory) nobody writes. */
	if (stat(lock_path, &st) != 0)
		return LZ_OK;
	s->lock_dev = st.st_dev;
	s->lock_ino = st.st_ino;
	s->claim_fd = open(data_path, O_RDONLY | O_CLOEXEC);
	if (s->claim_fd < 0)
		return lz_err_set(err, LZ_EIO, _("cannot open %s: %s"), data_path, strerror(errno));
	s->claim_at = claim_offset(st.st_dev, st.st_ino);
	struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = s->claim_at,
			   .l_len = 1};
	/* Claim first, then look: of two programs starting together with
	 * different lock files, at least one sees the other. */
	if (fcntl(s->claim_fd, F_OFD_SETLK, &fl) != 0) {
		close(s->claim_fd);
		s->claim_fd = -1;
		return LZ_OK;  /* a file system without such locks: as before */
	}
	if (claimed_elsewhere(s->claim_fd, s->claim_at))
		return two_lock_files(s, err);
	return LZ_OK;
}

static bool same_file(const char *path, dev_t dev, ino_t ino)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

/* Before a write is acknowledged: the files this program opened are still
 * the ones in the directory, and nobody shares the data file through
 * another lock file.  Otherwise the write is abandoned, not lost later. */
static lz_rc check_claim(lz_store *s, lz_err *err)
{
	if (s->claim_fd < 0)
		return LZ_OK;
	char path[PATH_MAX + 32];
	struct stat st;
	snprintf(path, sizeof path, "%s/lock.mdb", s->dir);
	bool intact = same_file(path, s->lock_dev, s->lock_ino);
	snprintf(path, sizeof path, "%s/data.mdb", s->dir);
	if (intact && fstat(s->claim_fd, &st) == 0)
		intact = same_file(path, st.st_dev, st.st_ino);
	snprintf(path, sizeof path, "%s/" USE_LOCK, s->dir);
	if (intact && s->use_lock >= 0 && fstat(s->use_lock, &st) == 0)
		intact = same_file(path, st.st_dev, st.st_ino);
	if (!intact)
		return lz_err_set(err, LZ_EIO,
				  _("database %s: its files were deleted or replaced while lianzheng had it open; nothing was written; close every lianzheng using it and start again"),
				  s->dir);
	if (claimed_elsewhere(s->claim_fd, s->claim_at))
		return two_lock_files(s, err);
	return LZ_OK;
}

/* Any program has the database in dir open, whatever lock file it uses
 * (for restore, which must not replace a file someone writes to). */
static bool data_file_in_use(const char *dir)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool used = claimed_between(fd, CLAIM_BASE, CLAIM_BASE + CLAIM_SPAN);
	close(fd);
	return used;
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
		int e = s->read_only ? 0 : make_dirs(dir);
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
		s->use_lock = take_use_lock(dir, LOCK_SH, &lock_errno);
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
			db_error(s, rc, err);
		return open_failed(s, LZ_EIO);
	}
	/* A reader killed mid-transaction leaves its slot taken; clear it
	 * so old pages can be reused. */
	int dead;
	if (!single_file)
		mdb_reader_check(s->env, &dead);
	if ((fr = check_file_size(s, data_path, true, err)) != LZ_OK)
		return open_failed(s, fr);
	if ((fr = check_ours(s, single_file, err)) != LZ_OK) {
		/* Another program's directory gets no lock files of ours. */
		store_free(s);
		if (made_use_lock)
			unlink(use_lock_path);
		if (made_lmdb_lock)
			unlink(lmdb_lock_path);
		return fr;
	}
	if (!single_file && (fr = take_claim(s, data_path, err)) != LZ_OK)
		return open_failed(s, fr);

	/* Most opens find everything in place: a read transaction suffices
	 * and no write lock is taken.  A new database, or one written by an
	 * older version, is set up in one write transaction. */
	bool ready;
	lz_rc r = open_tables(s, &ready, err);
	if (r == LZ_OK && !ready)
		r = s->read_only ? open_old(s, err) : setup(s, err);
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

static int begin(lz_store *s, unsigned flags, MDB_txn **txn)
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
static bool grow(lz_store *s)
{
	size_t size = lz_store_map_size(s);
	if (size >= MAX_MAP)
		return false;
	return mdb_env_set_mapsize(s->env, size * 2) == 0;
}

/* ---- plan ---- */

static void sha256_hex(const char *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

lz_rc lz_store_get_plan(lz_store *s, char **yaml, size_t *len, char sha[65], lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_val k = {.mv_size = 4, .mv_data = "plan"}, v;
	rc = mdb_get(txn, s->meta, &k, &v);
	lz_rc r = LZ_OK;
	if (rc == MDB_NOTFOUND) {
		r = lz_err_set(err, LZ_ENOINPUT, _("database %s has no plan yet; run 'lianzheng init'"),
			       s->dir);
	} else if (rc) {
		r = db_error(s, rc, err);
	} else {
		char *copy = malloc(v.mv_size + 1);
		if (!copy)
			abort();
		memcpy(copy, v.mv_data, v.mv_size);
		copy[v.mv_size] = '\0';
		*yaml = copy;
		*len = v.mv_size;
		MDB_val hk = {.mv_size = 11, .mv_data = "plan_sha256"}, hv;
		if (sha && mdb_get(txn, s->meta, &hk, &hv) == 0 && hv.mv_size == 64) {
			memcpy(sha, hv.mv_data, 64);
			sha[64] = '\0';
		} else if (sha) {
			sha[0] = '\0';
		}
	}
	mdb_txn_abort(txn);
	return r;
}

/* The plan its stored text compiles to, read in txn.  LZ_ENOINPUT when
 * the database has none; LZ_EDATA, the first problem in why, when the
 * text is not a valid plan. */
static lz_rc plan_of_txn(lz_store *s, MDB_txn *txn, lz_plan **plan, char *why, size_t n)
{
	*plan = NULL;
	MDB_val k = META_KEY("plan"), v;
	int rc = mdb_get(txn, s->meta, &k, &v);
	if (rc == MDB_NOTFOUND)
		return LZ_ENOINPUT;
	if (rc) {
		snprintf(why, n, "%s", mdb_strerror(rc));
		return LZ_EIO;
	}
	lz_diags d;
	lz_diags_init(&d);
	lz_rc r = lz_plan_load_buffer(_("stored plan"), v.mv_data, v.mv_size, plan, &d);
	if (r != LZ_OK)
		snprintf(why, n, "%s", d.count ? d.items[0].message : "");
	lz_diags_free(&d);
	return r;
}

/* The compiled plan beside the text is what status and report count
 * against, and no log entry holds it: one this version would use must be
 * exactly what the chained text compiles to.  One of another version is
 * never used (the text is compiled instead, and the cache replaced). */
static bool plan_cache_current(lz_store *s, MDB_txn *txn, const lz_plan *plan)
{
	MDB_val k = META_KEY("plan_bin"), v;
	if (mdb_get(txn, s->meta, &k, &v) != 0)
		return true;
	unsigned char *want;
	size_t wlen;
	lz_plan_encode(plan, &want, &wlen);
	bool same = wlen == v.mv_size && memcmp(want, v.mv_data, wlen) == 0;
	free(want);
	if (same)
		return true;
	lz_plan *used = lz_plan_decode(v.mv_data, v.mv_size);
	if (!used)
		return true;
	lz_plan_free(used);
	return false;
}

/* The plans the log shows imported, each from its entry on: a record is
 * checked against the plan in force when it was last written, as add
 * checked it then (`init --plan` keeps records whose meeting type the new
 * plan lacks).  A record written after the last import, or one the log
 * does not know, is checked against the stored plan. */
typedef struct plan_era {
	uint64_t seq;      /* the import's log entry */
	lz_plan *plan;     /* compiled when first needed; NULL if invalid */
	bool loaded;
} plan_era;

typedef struct plan_eras {
	plan_era *v;
	size_t n;
} plan_eras;

static void eras_collect(lz_store *s, MDB_txn *txn, plan_eras *eras)
{
	eras->v = NULL;
	eras->n = 0;
	MDB_cursor *cur;
	if (!s->has_log || mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return;
	key from = log_ix_key(0, 0);
	MDB_val k = val_of(&from), v;
	for (int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	     rc == 0 && k.mv_size == 16 && get_u64(k.mv_data) == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		eras->v = realloc(eras->v, (eras->n + 1) * sizeof *eras->v);
		if (!eras->v)
			abort();
		eras->v[eras->n++] = (plan_era){get_u64((const unsigned char *)k.mv_data + 8), NULL,
						false};
	}
	mdb_cursor_close(cur);
}

static void eras_free(plan_eras *eras)
{
	for (size_t i = 0; i < eras->n; i++)
		lz_plan_free(eras->v[i].plan);
	free(eras->v);
}

/* The plan in force when the record's last log entry was written. */
static const lz_plan *plan_in_force(lz_store *s, MDB_txn *txn, plan_eras *eras, lz_id id,
				    const lz_plan *current)
{
	uint64_t seq;
	if (!eras->n || !last_entry_of(s, txn, id, &seq))
		return current;
	size_t i = eras->n;
	while (i > 0 && eras->v[i - 1].seq > seq)
		i--;
	if (i == 0 || i == eras->n)
		return current;
	plan_era *era = &eras->v[i - 1];
	if (!era->loaded) {
		era->loaded = true;
		lz_arena scratch = {0};
		lz_log_entry e;
		if (log_get(s, txn, era->seq, &scratch, &e) == LZ_LOG_INTACT) {
			lz_diags d;
			lz_diags_init(&d);
			if (lz_plan_load_buffer(_("stored plan"), (const char *)e.after, e.n_after,
						&era->plan, &d) != LZ_OK)
				era->plan = NULL;
			lz_diags_free(&d);
		}
		lz_arena_free(&scratch);
	}
	return era->plan ? era->plan : current;
}

/* Every record that decodes, checked as add would have checked it; each
 * refusal printed to out as "KIND ID: reason".  Returns their number. */
static size_t validate_records(lz_store *s, MDB_txn *txn, const lz_plan *plan, FILE *out)
{
	size_t bad = 0;
	plan_eras eras;
	eras_collect(s, txn, &eras);
	for (int kind = 0; kind < LZ_KIND_COUNT; kind++) {
		MDB_cursor *cur;
		if (mdb_cursor_open(txn, s->records[kind], &cur) != 0)
			continue;
		MDB_val k, v;
		for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			lz_arena a = {0};
			lz_record rec;
			lz_err e;
			if (k.mv_size == 8 &&
			    lz_record_decode((lz_kind)kind, v.mv_data, v.mv_size, &a, &rec, NULL) == LZ_OK &&
			    lz_validate_record(plan_in_force(s, txn, &eras, get_u64(k.mv_data), plan),
					       &rec, &e) != LZ_OK) {
				fprintf(out, _("%s %llu: %s\n"), lz_kind_label((lz_kind)kind),
					(unsigned long long)get_u64(k.mv_data), e.msg);
				bad++;
			}
			lz_arena_free(&a);
		}
		mdb_cursor_close(cur);
	}
	eras_free(&eras);
	return bad;
}

/* The first line validate_records would print, in why; false when every
 * record passes.  A database without a plan can hold no record. */
static bool first_invalid_record(lz_store *s, MDB_txn *txn, char *why, size_t n)
{
	lz_plan *plan;
	lz_rc r = plan_of_txn(s, txn, &plan, why, n);
	if (r == LZ_ENOINPUT) {
		for (int kind = 0; kind < LZ_KIND_COUNT; kind++) {
			MDB_stat st;
			if (mdb_stat(txn, s->records[kind], &st) == 0 && st.ms_entries) {
				snprintf(why, n, "%s", _("it holds records but no plan to check them against"));
				return true;
			}
		}
		return false;
	}
	if (r != LZ_OK) {
		char detail[400];
		snprintf(detail, sizeof detail, "%s", why);
		snprintf(why, n, _("the stored plan is not valid: %s"), detail);
		return true;
	}
	char *report = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&report, &len);
	if (!out)
		abort();
	size_t bad = validate_records(s, txn, plan, out);
	fclose(out);
	lz_plan_free(plan);
	if (bad) {
		char *nl = strchr(report, '\n');
		if (nl)
			*nl = '\0';
		snprintf(why, n, "%s", report);
	}
	free(report);
	return bad > 0;
}

/* ---- writes ---- */

/* Pending changes are written out once this many wait, so that a huge
 * transaction (a rebuild) does not hold them all in memory. */
enum { FLUSH_AT = 8192 };

/* The brief's type is copied into the transaction's scratch, which lives
 * until the next flush_months: a batch's caller frees its record as soon
 * as the change is applied. */
static void roll_change(write_ctx *w, const lz_meeting *m, bool add)
{
	lz_store *s = w->s;
	int32_t month = brief_month_of(m->date);
	month_changes *mc = NULL;
	/* Bulk changes come month after month: the last one is tried first. */
	for (size_t i = s->n_roll; !mc && i-- > 0;)
		if (s->roll[i].month == month)
			mc = &s->roll[i];
	if (!mc) {
		if (s->n_roll == s->cap_roll) {
			s->cap_roll = s->cap_roll ? s->cap_roll * 2 : 4;
			s->roll = realloc(s->roll, s->cap_roll * sizeof *s->roll);
			if (!s->roll)
				abort();
			for (size_t i = s->n_roll; i < s->cap_roll; i++)
				s->roll[i] = (month_changes){0};
		}
		/* A slot of an earlier transaction keeps its memory. */
		mc = &s->roll[s->n_roll++];
		mc->month = month;
		mc->n = 0;
	}
	if (mc->n == mc->cap) {
		mc->cap = mc->cap ? mc->cap * 2 : 16;
		mc->v = realloc(mc->v, mc->cap * sizeof *mc->v);
		if (!mc->v)
			abort();
	}
	brief_change *c = &mc->v[mc->n++];
	lz_meeting_brief_of(m, &c->b);
	c->b.type = lz_arena_strdup(&w->scratch, c->b.type);
	c->add = add;
	s->pending++;
}

static void months_clear(lz_store *s)
{
	s->n_roll = 0;
	s->pending = 0;
}

static lz_rc damaged_month(lz_store *s, int32_t month, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("database %s is damaged: the meeting summary of %04d-%02d cannot be read; run 'lianzheng db check'"),
			  s->dir, (int)(month / 12), (int)(month % 12) + 1);
}

static lz_rc flush_months(write_ctx *w, lz_err *err)
{
	lz_store *s = w->s;
	lz_rc r = LZ_OK;
	for (size_t i = 0; i < s->n_roll && r == LZ_OK && !w->mdb_rc; i++) {
		const month_changes *mc = &s->roll[i];
		key k = month_key(mc->month);
		MDB_val kv = val_of(&k), v = {0, NULL};
		int rc = mdb_get(w->txn, w->s->months, &kv, &v);
		if (rc != MDB_NOTFOUND && !ok(w, rc))
			break;
		const unsigned char *buf;
		size_t len, n;
		if (!brief_month_update(mc->month, v.mv_data, rc ? 0 : v.mv_size, mc->v, mc->n,
					&s->roll_work, &buf, &len, &n)) {
			r = damaged_month(s, mc->month, err);
			break;
		}
		MDB_val nv = {.mv_size = len, .mv_data = (void *)buf};
		if (n)
			ok(w, mdb_put(w->txn, s->months, &kv, &nv, 0));
		else if (rc == 0)
			ok(w, mdb_del(w->txn, s->months, &kv, NULL));
	}
	months_clear(s);
	return r;
}

static void index_put(write_ctx *w, const lz_record *r)
{
	index_entry e[2];
	size_t n = index_entries(r, e);
	for (size_t i = 0; i < n; i++) {
		MDB_val k = val_of(&e[i].k);
		MDB_val v = {.mv_size = e[i].len, .mv_data = e[i].value};
		ok(w, mdb_put(w->txn, w->s->index[e[i].ix], &k, &v, 0));
	}
	entries_free(e, n);
	if (r->kind == LZ_KIND_MEETING)
		roll_change(w, &r->u.meeting, true);
}

static void index_del(write_ctx *w, const lz_record *r)
{
	index_entry e[2];
	size_t n = index_entries(r, e);
	for (size_t i = 0; i < n; i++) {
		MDB_val k = val_of(&e[i].k);
		int rc = mdb_del(w->txn, w->s->index[e[i].ix], &k, NULL);
		ok(w, rc == MDB_NOTFOUND ? 0 : rc);
	}
	entries_free(e, n);
	if (r->kind == LZ_KIND_MEETING)
		roll_change(w, &r->u.meeting, false);
}

/* Starts a write transaction in w. */
static int write_begin(lz_store *s, write_ctx *w, int64_t now)
{
	*w = (write_ctx){.s = s, .now = now};
	return begin(s, 0, &w->txn);
}

/* Ends w's transaction: when *r is LZ_OK and LMDB has not failed, the
 * pending month changes are written and it commits, else it is aborted.
 * Returns LMDB's code (MDB_MAP_FULL: grow the map and write it all again);
 * a failure of ours is left in *r. */
static int write_end(write_ctx *w, lz_rc *r, lz_err *err)
{
	int rc;
	if (*r == LZ_OK && !w->mdb_rc)
		*r = flush_months(w, err);
	if (*r == LZ_OK && !w->mdb_rc)
		*r = check_claim(w->s, err);
	if (*r == LZ_OK && !w->mdb_rc) {
		rc = mdb_txn_commit(w->txn);
	} else {
		mdb_txn_abort(w->txn);
		rc = w->mdb_rc;
	}
	w->txn = NULL;
	months_clear(w->s);
	lz_arena_free(&w->scratch);
	return rc;
}

/* Runs body in a write transaction with the pending month changes written
 * at its end; on MDB_MAP_FULL, grows the map and runs it again. */
typedef lz_rc (*write_fn)(write_ctx *w, void *ctx, lz_err *err);

static lz_rc run_write(lz_store *s, write_fn body, void *ctx, lz_err *err)
{
	int64_t now = lz_now();
	for (int attempt = 0; attempt < MAX_GROWS; attempt++) {
		write_ctx w;
		int rc = write_begin(s, &w, now);
		if (rc)
			return db_error(s, rc, err);
		lz_rc r = body(&w, ctx, err);
		rc = write_end(&w, &r, err);
		if (rc == MDB_MAP_FULL) {
			if (!grow(s))
				break;
			continue;
		}
		return rc ? db_error(s, rc, err) : r;
	}
	return lz_err_set(err, LZ_EIO, _("database %s: cannot grow the map"), s->dir);
}

/* Refills every index from the records: how a database written by an
 * older version comes to this format.  A record that cannot be decoded is
 * left out of them; 'db check' reports it. */
static lz_rc rebuild_indexes(write_ctx *w, lz_err *err)
{
	for (int i = 0; i < IX_COUNT; i++)
		ok(w, mdb_drop(w->txn, w->s->index[i], 0));
	ok(w, mdb_drop(w->txn, w->s->months, 0));
	lz_rc r = LZ_OK;
	for (int kind = 0; kind < LZ_KIND_COUNT && r == LZ_OK && !w->mdb_rc; kind++) {
		MDB_cursor *cur;
		if (!ok(w, mdb_cursor_open(w->txn, w->s->records[kind], &cur)))
			break;
		MDB_val k, v;
		int rc;
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && r == LZ_OK && !w->mdb_rc;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			lz_record *rec = lz_arena_alloc(&w->scratch, sizeof *rec);
			if (lz_record_decode((lz_kind)kind, v.mv_data, v.mv_size, &w->scratch, rec,
					     NULL) == LZ_OK &&
			    (kind != LZ_KIND_MEETING || meeting_date_ok(rec->u.meeting.date)))
				index_put(w, rec);
			/* The briefs borrow from the decoded records until written. */
			if (w->s->pending >= FLUSH_AT) {
				r = flush_months(w, err);
				lz_arena_free(&w->scratch);
			}
		}
		ok(w, rc == MDB_NOTFOUND ? 0 : rc);
		mdb_cursor_close(cur);
	}
	return r;
}

/* A database written before the change log existed gets one: an entry
 * for the plan and for each record as found, so that from now on every
 * record has a history and the chain covers all of them. */
static void start_log(write_ctx *w)
{
	lz_store *s = w->s;
	if (!ok(w, log_last(w->txn, s->log, &w->seq, w->hash)) || w->seq)
		return;
	w->head_read = true;
	MDB_val pk = META_KEY("plan"), pv;
	if (mdb_get(w->txn, s->meta, &pk, &pv) == 0)
		log_append(w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, 0, NULL, 0, pv.mv_data, pv.mv_size);
	for (int kind = 0; kind < LZ_KIND_COUNT && !w->mdb_rc; kind++) {
		MDB_cursor *cur;
		if (!ok(w, mdb_cursor_open(w->txn, s->records[kind], &cur)))
			break;
		MDB_val k, v;
		int rc;
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && !w->mdb_rc;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
			if (k.mv_size == 8)
				log_append(w, LZ_LOG_BASELINE, (lz_kind)kind, get_u64(k.mv_data), NULL, 0,
					   v.mv_data, v.mv_size);
		ok(w, rc == MDB_NOTFOUND ? 0 : rc);
		mdb_cursor_close(cur);
	}
}

static int put_format(MDB_txn *txn, MDB_dbi meta)
{
	unsigned char b[4];
	put_u32(b, LZ_DB_FORMAT);
	MDB_val k = META_KEY("format"), v = {.mv_size = 4, .mv_data = b};
	return mdb_put(txn, meta, &k, &v, 0);
}

/* Format 1 had neither the change log nor the month roll; format 2 had
 * the log, and its date index was keyed by (date, id).  Both come to this
 * format the same way: the indexes are rebuilt from the records, and a
 * log is started where there is none. */
static lz_rc setup_body(write_ctx *w, void *ctx, lz_err *err)
{
	(void)ctx;
	lz_store *s = w->s;
	int rc = open_dbis(s, w->txn, MDB_CREATE, true);
	if (rc == MDB_INCOMPATIBLE)
		return not_ours(s, err);
	if (!ok(w, rc))
		return LZ_EIO;
	uint32_t format;
	lz_rc r = read_format(s, w->txn, &format, err);
	if (r != LZ_OK || format == LZ_DB_FORMAT)
		return r;
	if (format != 0 && (r = check_old_records(s, w->txn, err)) != LZ_OK)
		return r;
	if ((r = rebuild_indexes(w, err)) != LZ_OK)
		return r;
	start_log(w);
	ok(w, put_format(w->txn, s->meta));
	return LZ_OK;
}

/* A database written by an older version was written under older rules:
 * its records are checked as add checks them before this version takes
 * them in (its indexes, its log) or shows them. */
static lz_rc check_old_records(lz_store *s, MDB_txn *txn, lz_err *err)
{
	char why[400];
	if (!first_invalid_record(s, txn, why, sizeof why))
		return LZ_OK;
	return lz_err_set(err, LZ_EDATA,
			  _("database %s was written by an older version of lianzheng and holds a record this version refuses (%s); nothing was changed"),
			  s->dir, why);
}

/* Creates the tables of a new database, or brings one written by an
 * older version to this format, in one write transaction.  Another
 * process may have done either meanwhile: the transaction looks again. */
static lz_rc setup(lz_store *s, lz_err *err)
{
	return run_write(s, setup_body, NULL, err);
}

/* Meta entries to write; with log_plan, vals[0] is a new plan, logged
 * against the one it replaces. */
typedef struct meta_puts {
	MDB_val *keys, *vals;
	size_t n;
	bool log_plan;
	/* The plan text to log when vals[0] is not it (a compiled form made
	 * anew for the same text). */
	const MDB_val *log_text;
} meta_puts;

static lz_rc put_meta_body(write_ctx *w, void *ctx, lz_err *err)
{
	(void)err;
	const meta_puts *m = ctx;
	MDB_val old = {0};
	if (m->log_plan) {
		/* LMDB's copy of the old plan is only good until the put. */
		MDB_val pk = META_KEY("plan"), pv;
		if (mdb_get(w->txn, w->s->meta, &pk, &pv) == 0) {
			old.mv_size = pv.mv_size;
			old.mv_data = lz_arena_alloc(&w->scratch, pv.mv_size ? pv.mv_size : 1);
			memcpy(old.mv_data, pv.mv_data, pv.mv_size);
		}
	}
	for (size_t i = 0; i < m->n && !w->mdb_rc; i++)
		ok(w, mdb_put(w->txn, w->s->meta, &m->keys[i], &m->vals[i], 0));
	if (m->log_plan) {
		/* The compiled form the program will run on is chained with the
		 * text it was compiled from. */
		MDB_val bin = META_KEY("plan_bin");
		for (size_t i = 0; i < m->n; i++)
			if (m->keys[i].mv_size == bin.mv_size &&
			    memcmp(m->keys[i].mv_data, bin.mv_data, bin.mv_size) == 0) {
				lz_sha256(m->vals[i].mv_data, m->vals[i].mv_size, w->aux);
				w->has_aux = true;
			}
		const MDB_val *text = m->log_text ? m->log_text : &m->vals[0];
		log_append(w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, 0, old.mv_data, old.mv_size,
			   text->mv_data, text->mv_size);
	}
	return LZ_OK;
}

/* Writes meta entries in one transaction. */
static lz_rc put_meta_entries(lz_store *s, MDB_val *keys, MDB_val *vals, size_t n,
			      bool log_plan, lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	meta_puts m = {keys, vals, n, log_plan, NULL};
	return run_write(s, put_meta_body, &m, err);
}

lz_rc lz_store_set_plan(lz_store *s, const char *yaml, size_t len, const void *compiled,
			size_t clen, lz_err *err)
{
	char sha[65];
	sha256_hex(yaml, len, sha);
	MDB_val keys[] = {META_KEY("plan"), META_KEY("plan_sha256"), META_KEY("plan_bin"),
			  META_KEY("plan_bin_sha256")};
	MDB_val vals[] = {{.mv_size = len, .mv_data = (void *)yaml},
			  {.mv_size = 64, .mv_data = sha},
			  {.mv_size = clen, .mv_data = (void *)compiled},
			  {.mv_size = 64, .mv_data = sha}};
	return put_meta_entries(s, keys, vals, compiled ? 4 : 2, true, err);
}

lz_rc lz_store_set_plan_cache(lz_store *s, const void *compiled, size_t clen, lz_err *err)
{
	if (s->read_only)
		return LZ_OK;
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	/* Bound to the text's own hash, as lz_store_get_plan_cache checks it,
	 * and chained: a plan entry with the same text before and after, and
	 * the new compiled form's hash. */
	MDB_val k = META_KEY("plan"), v;
	char sha[65];
	rc = mdb_get(txn, s->meta, &k, &v);
	bool have = rc == 0;
	MDB_val text = {0};
	if (have) {
		sha256_hex(v.mv_data, v.mv_size, sha);
		text.mv_size = v.mv_size;
		text.mv_data = malloc(v.mv_size ? v.mv_size : 1);
		if (!text.mv_data)
			abort();
		memcpy(text.mv_data, v.mv_data, v.mv_size);
	}
	mdb_txn_abort(txn);
	if (!have)
		return LZ_OK;
	MDB_val keys[] = {META_KEY("plan_bin"), META_KEY("plan_bin_sha256")};
	MDB_val vals[] = {{.mv_size = clen, .mv_data = (void *)compiled},
			  {.mv_size = 64, .mv_data = sha}};
	meta_puts m = {keys, vals, 2, true, &text};
	lz_rc r = run_write(s, put_meta_body, &m, err);
	free(text.mv_data);
	return r;
}

/* The compiled plan's hash as the chain gave it: the aux of the latest
 * plan entry.  LZ_ENOINPUT when that entry has none (written before the
 * hash was chained). */
static lz_rc chained_plan_hash(lz_store *s, MDB_txn *txn, unsigned char out[LZ_LOG_HASH])
{
	if (!s->has_log)
		return LZ_ENOINPUT;
	MDB_cursor *cur;
	if (mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return LZ_EIO;
	key after_plan = log_ix_key(1, 0);
	MDB_val k = val_of(&after_plan), v;
	int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	rc = rc == 0 ? mdb_cursor_get(cur, &k, &v, MDB_PREV) : mdb_cursor_get(cur, &k, &v, MDB_LAST);
	lz_rc r = LZ_ENOINPUT;
	if (rc == 0 && k.mv_size == 16 && get_u64(k.mv_data) == 0) {
		unsigned char sk[8];
		memcpy(sk, (const unsigned char *)k.mv_data + 8, 8);
		MDB_val lk = {.mv_size = 8, .mv_data = sk}, lv;
		lz_arena a = {0};
		lz_log_entry e;
		if (mdb_get(txn, s->log, &lk, &lv) == 0 &&
		    lz_log_decode(lv.mv_data, lv.mv_size, &a, &e) == LZ_LOG_INTACT &&
		    e.op == LZ_LOG_PLAN && e.n_aux == LZ_LOG_HASH) {
			memcpy(out, e.aux, LZ_LOG_HASH);
			r = LZ_OK;
		}
		lz_arena_free(&a);
	}
	mdb_cursor_close(cur);
	return r;
}

lz_rc lz_store_get_plan_cache(lz_store *s, void **buf, size_t *len, lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	/* The cache is used only for the text it was compiled from, and that
	 * text is hashed here rather than taken from the stored checksum,
	 * which no log entry covers: a cache left beside another text (the
	 * text edited, or copied in from another database) is never used.
	 * That the cache is what the text compiles to is proved by db check,
	 * audit verify and restore, which compile the text again. */
	MDB_val k1 = META_KEY("plan"), v1, k2 = META_KEY("plan_bin_sha256"), v2,
		k3 = META_KEY("plan_bin"), v3;
	lz_rc r = LZ_ENOINPUT;
	char sha[65];
	unsigned char chained[LZ_LOG_HASH], have[LZ_LOG_HASH];
	if (mdb_get(txn, s->meta, &k1, &v1) == 0 && mdb_get(txn, s->meta, &k2, &v2) == 0 &&
	    v2.mv_size == 64 && (sha256_hex(v1.mv_data, v1.mv_size, sha), 1) &&
	    memcmp(sha, v2.mv_data, 64) == 0 && mdb_get(txn, s->meta, &k3, &v3) == 0) {
		/* And it is the compiled form the chain names: an edited one
		 * is not run on (audit verify names it). */
		lz_rc chain = chained_plan_hash(s, txn, chained);
		lz_sha256(v3.mv_data, v3.mv_size, have);
		if (chain == LZ_OK && memcmp(chained, have, LZ_LOG_HASH) != 0) {
			mdb_txn_abort(txn);
			return lz_err_set(err, LZ_EDATA,
					  _("the compiled plan in %s is not the one the change log names; the plan is read from its text (run 'lianzheng audit verify')"),
					  s->dir);
		}
		if (chain != LZ_OK) {
			mdb_txn_abort(txn);
			return LZ_ENOINPUT;
		}
		*buf = malloc(v3.mv_size ? v3.mv_size : 1);
		if (!*buf)
			abort();
		memcpy(*buf, v3.mv_data, v3.mv_size);
		*len = v3.mv_size;
		r = LZ_OK;
	}
	mdb_txn_abort(txn);
	return r;
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

/* The stored record, decoded, and its bytes copied for the log (LMDB's
 * copy is only good until the next write). */
static lz_rc load_old(write_ctx *w, lz_kind kind, lz_id id, lz_record *old, MDB_val *bytes,
		      lz_err *err)
{
	key k = id_key(id);
	MDB_val kv = val_of(&k), v;
	int rc = mdb_get(w->txn, w->s->records[kind], &kv, &v);
	if (rc == MDB_NOTFOUND)
		return lz_err_set(err, LZ_EDATA, _("there is no %s with id %llu"),
				  lz_kind_label(kind), (unsigned long long)id);
	if (!ok(w, rc))
		return LZ_EIO;
	bytes->mv_size = v.mv_size;
	bytes->mv_data = lz_arena_alloc(&w->scratch, v.mv_size ? v.mv_size : 1);
	memcpy(bytes->mv_data, v.mv_data, v.mv_size);
	return lz_record_decode(kind, v.mv_data, v.mv_size, &w->scratch, old, err);
}

static lz_rc check_version(const lz_record *old, uint32_t expect, lz_kind kind, lz_err *err)
{
	if (expect && old->u.meta.version != expect)
		return lz_err_set(err, LZ_ESTALE,
				  _("%s %llu was changed by someone else since you read it (now version %u, yours %u); reload it and edit again"),
				  lz_kind_label(kind), (unsigned long long)old->u.meta.id,
				  old->u.meta.version, expect);
	return LZ_OK;
}

/* Writes the record and logs the change from `before` (NULL for an add). */
static void record_put(write_ctx *w, const lz_record *r, unsigned flags, lz_log_op op,
		       const MDB_val *before)
{
	unsigned char *buf;
	size_t len;
	lz_record_encode(r, &buf, &len);
	key k = id_key(r->u.meta.id);
	MDB_val kv = val_of(&k), v = {.mv_size = len, .mv_data = buf};
	ok(w, mdb_put(w->txn, w->s->records[r->kind], &kv, &v, flags));
	log_append(w, op, r->kind, r->u.meta.id, before ? before->mv_data : NULL,
		   before ? before->mv_size : 0, buf, len);
	free(buf);
}

static lz_id next_id(write_ctx *w)
{
	MDB_val k = {.mv_size = 7, .mv_data = "next_id"}, v;
	lz_id id = 1;
	int rc = mdb_get(w->txn, w->s->meta, &k, &v);
	if (rc == 0 && v.mv_size == 8)
		id = get_u64(v.mv_data);
	else
		ok(w, rc == MDB_NOTFOUND ? 0 : rc);
	unsigned char b[8];
	put_u64(b, id + 1);
	v = (MDB_val){.mv_size = 8, .mv_data = b};
	ok(w, mdb_put(w->txn, w->s->meta, &k, &v, 0));
	return id;
}

/* A held meeting's entry time and the import mark describe how the record
 * came to be; no edit may change them. */
static void keep_provenance(write_ctx *w, lz_record *r, const lz_record *old)
{
	if (r->kind != LZ_KIND_MEETING)
		return;
	lz_meeting *m = &r->u.meeting;
	if (old) {
		m->held_entered = old->u.meeting.held_entered;
		m->imported = old->u.meeting.imported;
	}
	if (!m->held_entered && m->status == LZ_MEETING_HELD)
		m->held_entered = w->now;
}

static lz_rc apply_one(write_ctx *w, lz_op *op, lz_err *err)
{
	lz_rc r;
	lz_record old;
	if (op->op != LZ_OP_REMOVE && op->kind == LZ_KIND_MEETING &&
	    !meeting_date_ok(op->rec->u.meeting.date))
		return lz_err_set(err, LZ_EDATA, _("a meeting needs a date between the years 0 and 9999"));
	switch (op->op) {
	case LZ_OP_ADD: {
		lz_record *rec = op->rec;
		rec->kind = op->kind;
		lz_meta *m = &rec->u.meta;
		m->id = next_id(w);
		m->created = m->updated = w->now;
		m->version = 1;
		if (rec->kind == LZ_KIND_MEETING && !rec->u.meeting.imported)
			rec->u.meeting.held_entered = 0;
		keep_provenance(w, rec, NULL);
		record_put(w, rec, MDB_NOOVERWRITE, LZ_LOG_ADD, NULL);
		index_put(w, rec);
		return LZ_OK;
	}
	case LZ_OP_RESTORE: {
		/* A deleted record comes back under its own id, as it was. */
		lz_record *rec = op->rec;
		rec->kind = op->kind;
		lz_meta *m = &rec->u.meta;
		m->updated = w->now;
		m->version++;
		record_put(w, rec, MDB_NOOVERWRITE, LZ_LOG_ADD, NULL);
		if (w->mdb_rc == MDB_KEYEXIST) {
			w->mdb_rc = 0;
			return lz_err_set(err, LZ_ESTALE, _("%s %llu exists again; nothing was restored"),
					  lz_kind_label(op->kind), (unsigned long long)m->id);
		}
		index_put(w, rec);
		return LZ_OK;
	}
	case LZ_OP_UPDATE: {
		lz_record *rec = op->rec;
		rec->kind = op->kind;
		MDB_val before;
		if ((r = load_old(w, op->kind, rec->u.meta.id, &old, &before, err)) != LZ_OK)
			return r;
		if ((r = check_version(&old, op->expect_version, op->kind, err)) != LZ_OK)
			return r;
		lz_meta *m = &rec->u.meta;
		m->created = old.u.meta.created;
		m->updated = w->now;
		m->version = old.u.meta.version + 1;
		keep_provenance(w, rec, &old);
		index_del(w, &old);
		record_put(w, rec, 0, LZ_LOG_UPDATE, &before);
		index_put(w, rec);
		return LZ_OK;
	}
	case LZ_OP_REMOVE: {
		MDB_val before;
		if ((r = load_old(w, op->kind, op->id, &old, &before, err)) != LZ_OK)
			return r;
		if ((r = check_version(&old, op->expect_version, op->kind, err)) != LZ_OK)
			return r;
		index_del(w, &old);
		key k = id_key(op->id);
		MDB_val kv = val_of(&k);
		ok(w, mdb_del(w->txn, w->s->records[op->kind], &kv, NULL));
		log_append(w, LZ_LOG_REMOVE, op->kind, op->id, before.mv_data, before.mv_size, NULL, 0);
		return LZ_OK;
	}
	}
	return lz_err_set(err, LZ_EUSAGE, "bad store operation");
}

/* One change in the transaction: the path every change takes, whether
 * lz_store_apply's ops or a batch's. */
static lz_rc write_op(write_ctx *w, lz_op *op, lz_err *err)
{
	lz_rc r = apply_one(w, op, err);
	if (r == LZ_OK && w->s->pending >= FLUSH_AT) {
		r = flush_months(w, err);
		/* The old records decoded for the briefs are written out: a
		 * transaction of a million changes keeps only the last few. */
		lz_arena_free(&w->scratch);
	}
	return r;
}

typedef struct apply_ctx {
	lz_op *ops;
	size_t n;
	uint64_t undo_of;  /* the log entry an undo reverts, else 0 */
	/* What the caller gave, for a replay after growing the map: an
	 * aborted attempt has written ids and times back. */
	lz_meta *saved;
	int64_t *saved_held;
} apply_ctx;

static lz_rc apply_body(write_ctx *w, void *ctx, lz_err *err)
{
	apply_ctx *a = ctx;
	w->undo_of = a->undo_of;
	for (size_t i = 0; i < a->n; i++)
		if (a->ops[i].rec) {
			a->ops[i].rec->u.meta = a->saved[i];
			if (a->ops[i].kind == LZ_KIND_MEETING)
				a->ops[i].rec->u.meeting.held_entered = a->saved_held[i];
		}
	lz_rc r = LZ_OK;
	for (size_t i = 0; i < a->n && r == LZ_OK && !w->mdb_rc; i++)
		r = write_op(w, &a->ops[i], err);
	return r;
}

static lz_rc apply_ops(lz_store *s, lz_op *ops, size_t n, uint64_t undo_of, lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	apply_ctx a = {ops, n, undo_of, malloc((n ? n : 1) * sizeof *a.saved),
		       malloc((n ? n : 1) * sizeof *a.saved_held)};
	if (!a.saved || !a.saved_held)
		abort();
	for (size_t i = 0; i < n; i++) {
		a.saved[i] = ops[i].rec ? ops[i].rec->u.meta : (lz_meta){0};
		a.saved_held[i] = ops[i].rec && ops[i].kind == LZ_KIND_MEETING
					  ? ops[i].rec->u.meeting.held_entered : 0;
	}
	lz_rc r = run_write(s, apply_body, &a, err);
	free(a.saved);
	free(a.saved_held);
	return r;
}

lz_rc lz_store_apply(lz_store *s, lz_op *ops, size_t n, lz_err *err)
{
	return apply_ops(s, ops, n, 0, err);
}

typedef struct replace_ctx {
	apply_ctx apply;
	meta_puts meta;
	uint64_t expect_seq;
} replace_ctx;

static lz_rc replace_plan_body(write_ctx *w, void *ctx, lz_err *err)
{
	replace_ctx *rp = ctx;
	uint64_t seq;
	unsigned char hash[LZ_LOG_HASH];
	if (!ok(w, log_last(w->txn, w->s->log, &seq, hash)))
		return LZ_EIO;
	if (rp->expect_seq && seq != rp->expect_seq)
		return lz_err_set(err, LZ_ESTALE,
				  _("the database changed while the new plan was being checked against it; nothing was written, try again"));
	lz_rc r = apply_body(w, &rp->apply, err);
	if (r == LZ_OK && !w->mdb_rc)
		r = put_meta_body(w, &rp->meta, err);
	return r;
}

lz_rc lz_store_replace_plan(lz_store *s, const char *yaml, size_t len, const void *compiled,
			    size_t clen, lz_op *ops, size_t n, uint64_t expect_seq, lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	char sha[65];
	sha256_hex(yaml, len, sha);
	MDB_val keys[] = {META_KEY("plan"), META_KEY("plan_sha256"), META_KEY("plan_bin"),
			  META_KEY("plan_bin_sha256")};
	MDB_val vals[] = {{.mv_size = len, .mv_data = (void *)yaml},
			  {.mv_size = 64, .mv_data = sha},
			  {.mv_size = clen, .mv_data = (void *)compiled},
			  {.mv_size = 64, .mv_data = sha}};
	replace_ctx rp = {.apply = {ops, n, 0, malloc((n ? n : 1) * sizeof(lz_meta)),
				    malloc((n ? n : 1) * sizeof(int64_t))},
			  .meta = {keys, vals, compiled ? 4 : 2, true, NULL},
			  .expect_seq = expect_seq};
	if (!rp.apply.saved || !rp.apply.saved_held)
		abort();
	for (size_t i = 0; i < n; i++) {
		rp.apply.saved[i] = ops[i].rec ? ops[i].rec->u.meta : (lz_meta){0};
		rp.apply.saved_held[i] = ops[i].rec && ops[i].kind == LZ_KIND_MEETING
						 ? ops[i].rec->u.meeting.held_entered : 0;
	}
	lz_rc r = run_write(s, replace_plan_body, &rp, err);
	free(rp.apply.saved);
	free(rp.apply.saved_held);
	return r;
}


/* ---- batches ---- */

struct lz_store_batch {
	write_ctx w;
	bool failed;  /* a change was refused or LMDB failed: only abort is left */
};

/* Grows the map until what is in use and expect more bytes fit: a batch
 * that fills the map must be run again from its first op. */
static void reserve(lz_store *s, size_t expect)
{
	MDB_envinfo info;
	MDB_stat st;
	if (!expect || mdb_env_info(s->env, &info) != 0 || mdb_env_stat(s->env, &st) != 0)
		return;
	uint64_t want = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize + expect;
	while (lz_store_map_size(s) < want && grow(s))
		;
}

lz_rc lz_store_batch_begin(lz_store *s, size_t expect_bytes, lz_store_batch **out, lz_err *err)
{
	*out = NULL;
	if (s->read_only)
		return refuse_read_only(s, err);
	reserve(s, expect_bytes);
	lz_store_batch *b = calloc(1, sizeof *b);
	if (!b)
		abort();
	int rc = write_begin(s, &b->w, lz_now());
	if (rc) {
		free(b);
		return db_error(s, rc, err);
	}
	*out = b;
	return LZ_OK;
}

lz_rc lz_store_batch_apply(lz_store_batch *b, lz_op *op, lz_err *err)
{
	if (b->failed)
		return lz_err_set(err, LZ_EUSAGE, "a failed batch takes no more changes");
	lz_rc r = write_op(&b->w, op, err);
	if (r == LZ_OK && b->w.mdb_rc)
		r = db_error(b->w.s, b->w.mdb_rc, err);
	b->failed = r != LZ_OK;
	return r;
}

/* Ends the batch; true when LMDB ran out of map, which was then grown. */
static bool batch_end(lz_store_batch *b, lz_rc *r, int *rc, lz_err *err)
{
	lz_store *s = b->w.s;
	*rc = write_end(&b->w, r, err);
	free(b);
	return *rc == MDB_MAP_FULL && grow(s);
}

lz_rc lz_store_batch_commit(lz_store_batch *b, bool *again, lz_err *err)
{
	lz_store *s = b->w.s;
	lz_rc r = b->failed ? lz_err_set(err, LZ_EUSAGE, "a failed batch cannot be committed")
			    : LZ_OK;
	int rc;
	bool grown = batch_end(b, &r, &rc, err);
	if (again)
		*again = grown;
	return rc ? db_error(s, rc, err) : r;
}

void lz_store_batch_abort(lz_store_batch *b, bool *again)
{
	/* write_end aborts what comes with a failure. */
	lz_rc r = LZ_EDATA;
	int rc;
	bool grown = batch_end(b, &r, &rc, NULL);
	if (again)
		*again = grown;
}

/* ---- reads ---- */

lz_rc lz_store_get(lz_store *s, lz_kind kind, lz_id id, lz_arena *arena,
		   lz_record *out, lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	key k = id_key(id);
	MDB_val kv = val_of(&k), v;
	rc = mdb_get(txn, s->records[kind], &kv, &v);
	lz_rc r;
	if (rc == MDB_NOTFOUND)
		r = lz_err_set(err, LZ_EDATA, _("there is no %s with id %llu"),
			       lz_kind_label(kind), (unsigned long long)id);
	else if (rc)
		r = db_error(s, rc, err);
	else
		r = lz_record_decode(kind, v.mv_data, v.mv_size, arena, out, err);
	mdb_txn_abort(txn);
	return r;
}

/* What to do with one entry of an index range: LZ_OK to go on; a visitor
 * that wants to stop sets *stop. */
typedef lz_rc (*entry_fn)(lz_store *s, MDB_txn *txn, const MDB_val *k, const MDB_val *v,
			  void *ctx, bool *stop, lz_err *err);

/* Walks an index from (from, 0) through (to, max) in one read
 * transaction: the cursor loop every range query shares. */
static lz_rc old_indexes(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("the indexes of database %s are from an older version of lianzheng; any command that opens it for writing rebuilds them"),
			  s->dir);
}

static lz_rc damaged_entry(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO, _("database %s: a damaged index entry; run 'lianzheng db check'"),
			  s->dir);
}

static lz_rc walk_range(lz_store *s, enum index_id ix, int32_t from, int32_t to, entry_fn fn,
			void *ctx, lz_err *err)
{
	if (s->old_indexes)
		return old_indexes(s, err);
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, s->index[ix], &cur);
	if (rc) {
		mdb_txn_abort(txn);
		return db_error(s, rc, err);
	}
	/* The smallest key of the first value: the rest of it zeros. */
	key start = {.len = index_key_len(ix)};
	put_u32(start.b, biased(from));
	MDB_val k = val_of(&start), v;
	lz_rc r = LZ_OK;
	bool stop = false;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0 && r == LZ_OK && !stop;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != start.len) {
			r = lz_err_set(err, LZ_EIO, _("database %s is damaged: bad index key"), s->dir);
			break;
		}
		if (get_u32(k.mv_data) > biased(to))
			break;
		r = fn(s, txn, &k, &v, ctx, &stop, err);
	}
	if (r == LZ_OK && rc && rc != MDB_NOTFOUND)
		r = db_error(s, rc, err);
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return r;
}

typedef struct record_walk {
	lz_kind kind;
	lz_arena *arena;
	lz_visit_fn fn;
	void *ctx;
} record_walk;

static lz_rc visit_record(lz_store *s, MDB_txn *txn, const MDB_val *k, const MDB_val *v,
			  void *ctx, bool *stop, lz_err *err)
{
	(void)v;
	record_walk *w = ctx;
	key idk = id_key(key_id(k));
	MDB_val rk = val_of(&idk), rv;
	int grc = mdb_get(txn, s->records[w->kind], &rk, &rv);
	if (grc)
		return grc == MDB_NOTFOUND
			       ? lz_err_set(err, LZ_EIO, _("database %s: an index names a missing record; run 'lianzheng db check'"), s->dir)
			       : db_error(s, grc, err);
	/* The record itself lives in the arena too, so a visitor may keep a
	 * pointer to it as long as the arena. */
	lz_record *rec = lz_arena_alloc(w->arena, sizeof *rec);
	lz_rc r = lz_record_decode(w->kind, rv.mv_data, rv.mv_size, w->arena, rec, err);
	if (r == LZ_OK && !w->fn(rec, w->ctx))
		*stop = true;
	return r;
}

/* Walks an index range and visits each record it names. */
static lz_rc walk_index(lz_store *s, enum index_id ix, lz_kind kind, int32_t from,
			int32_t to, lz_arena *arena, lz_visit_fn fn, void *ctx, lz_err *err)
{
	record_walk w = {kind, arena, fn, ctx};
	return walk_range(s, ix, from, to, visit_record, &w, err);
}

lz_rc lz_store_meetings_between(lz_store *s, lz_day from, lz_day to, lz_arena *arena,
				lz_visit_fn fn, void *ctx, lz_err *err)
{
	return walk_index(s, IX_MEETING_DATE, LZ_KIND_MEETING, from, to, arena, fn, ctx, err);
}

typedef struct digest_walk {
	lz_digest_fn fn;
	void *ctx;
} digest_walk;

static lz_rc visit_digest(lz_store *s, MDB_txn *txn, const MDB_val *k, const MDB_val *v,
			  void *ctx, bool *stop, lz_err *err)
{
	(void)txn;
	digest_walk *w = ctx;
	const unsigned char *kb = k->mv_data;
	lz_meeting_digest d = {.b = {.date = unbiased(kb), .start = unbiased(kb + 4),
				     .id = get_u64(kb + 8)}};
	if (!brief_digest_decode(v->mv_data, v->mv_size, &d.b, &d.title, &d.title_cut))
		return damaged_entry(s, err);
	if (!w->fn(&d, w->ctx))
		*stop = true;
	return LZ_OK;
}

lz_rc lz_store_meeting_digests(lz_store *s, lz_day from, lz_day to, lz_digest_fn fn,
			       void *ctx, lz_err *err)
{
	digest_walk w = {fn, ctx};
	return walk_range(s, IX_MEETING_DATE, from, to, visit_digest, &w, err);
}

lz_rc lz_store_meeting_briefs(lz_store *s, lz_day from, lz_day to, lz_brief_fn fn,
			     void *ctx, lz_err *err)
{
	if (s->old_indexes)
		return old_indexes(s, err);
	/* No meeting lies outside these (meeting_date_ok). */
	lz_day lo = lz_day_from_ymd(0, 1, 1), hi = lz_day_from_ymd(9999, 12, 31);
	from = from < lo ? lo : from;
	to = to > hi ? hi : to;
	if (from > to)
		return LZ_OK;
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, s->months, &cur);
	if (rc) {
		mdb_txn_abort(txn);
		return db_error(s, rc, err);
	}
	int32_t last = brief_month_of(to);
	key start = month_key(brief_month_of(from));
	MDB_val k = val_of(&start), v;
	lz_rc r = LZ_OK;
	bool stop = false;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0 && r == LZ_OK && !stop;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 4) {
			r = damaged_entry(s, err);
			break;
		}
		int32_t month = unbiased(k.mv_data);
		if (month > last)
			break;
		brief_month_reader rd;
		lz_meeting_brief b;
		int got = brief_month_open(&rd, month, v.mv_data, v.mv_size) ? 1 : -1;
		while (got > 0 && !stop && (got = brief_month_next(&rd, &b)) > 0) {
			if (b.date > to)
				stop = true;
			else if (b.date >= from && !fn(&b, ctx))
				stop = true;
		}
		if (got < 0)
			r = damaged_month(s, month, err);
	}
	if (r == LZ_OK && rc && rc != MDB_NOTFOUND)
		r = db_error(s, rc, err);
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return r;
}

lz_rc lz_store_items_by_task(lz_store *s, int task, lz_arena *arena, lz_visit_fn fn,
			     void *ctx, lz_err *err)
{
	return walk_index(s, IX_ITEM_TASK, LZ_KIND_ITEM, task > 0 ? task : INT32_MIN,
			  task > 0 ? task : INT32_MAX, arena, fn, ctx, err);
}

lz_rc lz_store_items_due_between(lz_store *s, lz_day from, lz_day to, lz_arena *arena,
				 lz_visit_fn fn, void *ctx, lz_err *err)
{
	return walk_index(s, IX_ITEM_DUE, LZ_KIND_ITEM, from, to, arena, fn, ctx, err);
}

lz_rc lz_store_risks_review_between(lz_store *s, lz_day from, lz_day to, lz_arena *arena,
				    lz_visit_fn fn, void *ctx, lz_err *err)
{
	return walk_index(s, IX_RISK_REVIEW, LZ_KIND_RISK, from, to, arena, fn, ctx, err);
}

static lz_rc walk_records(lz_store *s, lz_kind kind, const char *needle, lz_match_fn match,
			  lz_arena *arena, lz_visit_fn fn, void *ctx, lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, s->records[kind], &cur);
	if (rc) {
		mdb_txn_abort(txn);
		return db_error(s, rc, err);
	}
	size_t nlen = needle ? strlen(needle) : 0;
	MDB_val k, v;
	lz_rc r = LZ_OK;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		/* Text is stored as plain UTF-8, so a record that does not
		 * hold the needle's bytes cannot match: skip it undecoded. */
		if (needle && !memmem(v.mv_data, v.mv_size, needle, nlen))
			continue;
		lz_record *rec = lz_arena_alloc(arena, sizeof *rec);
		r = lz_record_decode(kind, v.mv_data, v.mv_size, arena, rec, err);
		if (r != LZ_OK)
			break;
		if (match && !match(rec, needle))
			continue;
		if (!fn(rec, ctx))
			break;
	}
	if (r == LZ_OK && rc && rc != MDB_NOTFOUND)
		r = db_error(s, rc, err);
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return r;
}

lz_rc lz_store_scan(lz_store *s, lz_kind kind, lz_arena *arena, lz_visit_fn fn,
		    void *ctx, lz_err *err)
{
	return walk_records(s, kind, NULL, NULL, arena, fn, ctx, err);
}

lz_rc lz_store_search(lz_store *s, lz_kind kind, const char *needle, lz_match_fn match,
		      lz_arena *arena, lz_visit_fn fn, void *ctx, lz_err *err)
{
	return walk_records(s, kind, needle, match, arena, fn, ctx, err);
}

lz_rc lz_store_count(lz_store *s, lz_kind kind, size_t *count, lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_stat st;
	rc = mdb_stat(txn, s->records[kind], &st);
	mdb_txn_abort(txn);
	if (rc)
		return db_error(s, rc, err);
	*count = st.ms_entries;
	return LZ_OK;
}

/* ---- check ---- */

static lz_rc check_records(lz_store *s, MDB_txn *txn, lz_kind kind, FILE *out,
			   size_t *problems, lz_id *max_id)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->records[kind], &cur);
	if (rc)
		return LZ_EIO;
	MDB_val k, v;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 8) {
			fprintf(out, _("%s: a key of %zu bytes instead of %zu\n"), kind_db[kind], k.mv_size,
				(size_t)8);
			++*problems;
			continue;
		}
		lz_id id = get_u64(k.mv_data);
		if (id > *max_id)
			*max_id = id;
		lz_arena a = {0};
		lz_record rec;
		lz_err e;
		if (lz_record_decode(kind, v.mv_data, v.mv_size, &a, &rec, &e) != LZ_OK) {
			fprintf(out, _("%s %llu: %s\n"), lz_kind_label(kind), (unsigned long long)id, e.msg);
			++*problems;
		} else if (rec.u.meta.id != id) {
			fprintf(out, _("%s %llu: the record says it is %llu\n"), lz_kind_label(kind),
				(unsigned long long)id, (unsigned long long)rec.u.meta.id);
			++*problems;
		} else if (!s->old_indexes) {
			index_entry e2[2];
			size_t n = index_entries(&rec, e2);
			for (size_t i = 0; i < n; i++) {
				MDB_val ik = val_of(&e2[i].k), iv;
				if (mdb_get(txn, s->index[e2[i].ix], &ik, &iv) != 0) {
					fprintf(out, _("%s %llu: missing from index %s\n"),
						lz_kind_label(kind), (unsigned long long)id,
						index_db[e2[i].ix]);
					++*problems;
				} else if (iv.mv_size != e2[i].len ||
					   (iv.mv_size && memcmp(iv.mv_data, e2[i].value, iv.mv_size) != 0)) {
					fprintf(out, _("%s %llu: its entry in index %s is out of date\n"),
						lz_kind_label(kind), (unsigned long long)id,
						index_db[e2[i].ix]);
					++*problems;
				}
			}
			entries_free(e2, n);
		}
		lz_arena_free(&a);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? LZ_OK : LZ_EIO;
}

static lz_rc check_index(lz_store *s, MDB_txn *txn, enum index_id ix, FILE *out,
			 size_t *problems)
{
	lz_kind kind = index_kind[ix];
	size_t klen = index_key_len(ix);
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->index[ix], &cur);
	if (rc)
		return LZ_EIO;
	MDB_val k, v;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != klen) {
			fprintf(out, _("%s: a key of %zu bytes instead of %zu\n"), index_db[ix], k.mv_size,
				klen);
			++*problems;
			continue;
		}
		lz_id id = key_id(&k);
		key rk = id_key(id);
		MDB_val rkv = val_of(&rk), rv;
		if (mdb_get(txn, s->records[kind], &rkv, &rv) != 0) {
			fprintf(out, _("%s: entry for %s %llu, which does not exist\n"),
				index_db[ix], lz_kind_label(kind), (unsigned long long)id);
			++*problems;
			continue;
		}
		lz_arena a = {0};
		lz_record rec;
		if (lz_record_decode(kind, rv.mv_data, rv.mv_size, &a, &rec, NULL) == LZ_OK) {
			index_entry e[2];
			size_t n = index_entries(&rec, e);
			bool found = false;
			for (size_t i = 0; i < n && !found; i++)
				found = e[i].ix == ix && memcmp(e[i].k.b, k.mv_data, klen) == 0;
			entries_free(e, n);
			if (!found) {
				fprintf(out, _("%s: stale entry for %s %llu (the record has changed)\n"),
					index_db[ix], lz_kind_label(kind), (unsigned long long)id);
				++*problems;
			}
		}
		lz_arena_free(&a);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? LZ_OK : LZ_EIO;
}

static bool same_brief(const lz_meeting_brief *a, const lz_meeting_brief *b)
{
	return a->id == b->id && a->date == b->date && a->start == b->start &&
	       a->status == b->status && strcmp(a->type, b->type) == 0 &&
	       a->expected == b->expected && a->present == b->present &&
	       a->held_entered == b->held_entered && a->has_first_topic == b->has_first_topic &&
	       a->imported == b->imported;
}

static int cmp_ids(const void *a, const void *b)
{
	lz_id x = *(const lz_id *)a, y = *(const lz_id *)b;
	return x < y ? -1 : x > y;
}

typedef struct id_set {
	lz_id *v;
	size_t n, cap;
} id_set;

static void id_push(id_set *set, lz_id id)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 1024;
		set->v = realloc(set->v, set->cap * sizeof *set->v);
		if (!set->v)
			abort();
	}
	set->v[set->n++] = id;
}

/* Checks one month of the roll against the records; the ids it lists go
 * to seen. */
static void check_month(lz_store *s, MDB_txn *txn, const MDB_val *k, const MDB_val *v,
			FILE *out, size_t *problems, id_set *seen)
{
	const lz_kind kind = LZ_KIND_MEETING;
	if (k->mv_size != 4) {
		fprintf(out, _("%s: a key of %zu bytes instead of %zu\n"), MONTH_DB, k->mv_size,
			(size_t)4);
		++*problems;
		return;
	}
	int32_t month = unbiased(k->mv_data);
	brief_month_reader rd;
	lz_meeting_brief b;
	int got = brief_month_open(&rd, month, v->mv_data, v->mv_size) ? 1 : -1;
	while (got > 0 && (got = brief_month_next(&rd, &b)) > 0) {
		id_push(seen, b.id);
		key rk = id_key(b.id);
		MDB_val rkv = val_of(&rk), rv;
		if (mdb_get(txn, s->records[kind], &rkv, &rv) != 0) {
			fprintf(out, _("%s: entry for %s %llu, which does not exist\n"), MONTH_DB,
				lz_kind_label(kind), (unsigned long long)b.id);
			++*problems;
			continue;
		}
		lz_arena a = {0};
		lz_record rec;
		lz_meeting_brief want;
		if (lz_record_decode(kind, rv.mv_data, rv.mv_size, &a, &rec, NULL) == LZ_OK) {
			lz_meeting_brief_of(&rec.u.meeting, &want);
			if (!same_brief(&b, &want)) {
				fprintf(out, _("%s: stale entry for %s %llu (the record has changed)\n"),
					MONTH_DB, lz_kind_label(kind), (unsigned long long)b.id);
				++*problems;
			}
		}
		lz_arena_free(&a);
	}
	if (got < 0) {
		fprintf(out, _("%s: the summary of %04d-%02d is damaged\n"), MONTH_DB,
			(int)(month / 12), (int)(month % 12) + 1);
		++*problems;
	}
}

/* The month roll against the records, both ways: every brief matches its
 * meeting, and every meeting has exactly one brief. */
static lz_rc check_months(lz_store *s, MDB_txn *txn, FILE *out, size_t *problems)
{
	id_set seen = {0};
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->months, &cur);
	if (rc)
		return LZ_EIO;
	MDB_val k, v;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
		check_month(s, txn, &k, &v, out, problems, &seen);
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND) {
		free(seen.v);
		return LZ_EIO;
	}
	if (seen.n)
		qsort(seen.v, seen.n, sizeof *seen.v, cmp_ids);
	for (size_t i = 1; i < seen.n; i++)
		if (seen.v[i] == seen.v[i - 1]) {
			fprintf(out, _("%s: %s %llu is listed more than once\n"), MONTH_DB,
				lz_kind_label(LZ_KIND_MEETING), (unsigned long long)seen.v[i]);
			++*problems;
		}
	rc = mdb_cursor_open(txn, s->records[LZ_KIND_MEETING], &cur);
	for (rc = rc ? rc : mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		lz_id id = k.mv_size == 8 ? get_u64(k.mv_data) : 0;
		if (id && !(seen.n && bsearch(&id, seen.v, seen.n, sizeof *seen.v, cmp_ids))) {
			fprintf(out, _("%s %llu: missing from index %s\n"),
				lz_kind_label(LZ_KIND_MEETING), (unsigned long long)id, MONTH_DB);
			++*problems;
		}
	}
	mdb_cursor_close(cur);
	free(seen.v);
	return rc == MDB_NOTFOUND ? LZ_OK : LZ_EIO;
}

/* The plan's text, the compiled plan beside it, and every record against
 * the plan as add would check it. */
static void check_plan(lz_store *s, MDB_txn *txn, FILE *out, size_t *problems)
{
	lz_plan *plan;
	char why[400];
	lz_rc r = plan_of_txn(s, txn, &plan, why, sizeof why);
	if (r == LZ_ENOINPUT)
		return;
	if (r != LZ_OK) {
		fprintf(out, _("meta: the stored plan is not valid: %s\n"), why);
		++*problems;
		return;
	}
	if (!plan_cache_current(s, txn, plan)) {
		fprintf(out, _("meta: the compiled plan differs from the stored plan's text: it was altered outside lianzheng\n"));
		++*problems;
	}
	*problems += validate_records(s, txn, plan, out);
	lz_plan_free(plan);
}

static lz_rc check_here(lz_store *s, FILE *out, size_t *problems, lz_err *err)
{
	*problems = 0;
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	lz_id max_id = 0;
	lz_rc r = LZ_OK;
	for (int k = 0; k < LZ_KIND_COUNT && r == LZ_OK; k++)
		r = check_records(s, txn, (lz_kind)k, out, problems, &max_id);
	for (int i = 0; i < IX_COUNT && r == LZ_OK && !s->old_indexes; i++)
		r = check_index(s, txn, (enum index_id)i, out, problems);
	if (r == LZ_OK && !s->old_indexes)
		r = check_months(s, txn, out, problems);
	MDB_val k = {.mv_size = 7, .mv_data = "next_id"}, v;
	if (r == LZ_OK && max_id > 0) {
		if (mdb_get(txn, s->meta, &k, &v) != 0 || v.mv_size != 8 ||
		    get_u64(v.mv_data) <= max_id) {
			fprintf(out, _("meta: the id counter is behind the highest id %llu\n"),
				(unsigned long long)max_id);
			++*problems;
		}
	}
	if (r == LZ_OK)
		check_plan(s, txn, out, problems);
	/* After the problems, so that the first line of the report is one. */
	if (s->old_indexes)
		fprintf(out, _("The indexes of %s are from an older version of lianzheng and are not checked; any command that opens it for writing rebuilds them.\n"),
			s->dir);
	mdb_txn_abort(txn);
	if (r != LZ_OK)
		return lz_err_set(err, LZ_EIO, _("database %s: cannot read it through"), s->dir);
	return LZ_OK;
}

/* ---- the change log: reading, audit, undo ---- */

typedef struct log_cursor {
	MDB_txn *txn;
	MDB_cursor *cur;
} log_cursor;

/* Reads the entry stored under seq; LZ_LOG_UNREADABLE also when absent. */
static lz_log_damage log_get(lz_store *s, MDB_txn *txn, uint64_t seq, lz_arena *arena,
			     lz_log_entry *e)
{
	unsigned char kb[8];
	put_u64(kb, seq);
	MDB_val k = {.mv_size = 8, .mv_data = kb}, v;
	if (mdb_get(txn, s->log, &k, &v) != 0) {
		memset(e, 0, sizeof *e);
		return LZ_LOG_UNREADABLE;
	}
	return lz_log_decode(v.mv_data, v.mv_size, arena, e);
}

static lz_rc no_log(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("database %s was written by an older version and has no change log yet; open it once for writing"),
			  s->dir);
}

lz_rc lz_store_log(lz_store *s, lz_id id, uint64_t from_seq, lz_arena *arena, lz_log_fn fn,
		   void *ctx, lz_err *err)
{
	if (!s->has_log)
		return no_log(s, err);
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, id ? s->log_ix : s->log, &cur);
	if (rc) {
		mdb_txn_abort(txn);
		return db_error(s, rc, err);
	}
	key start = id ? log_ix_key(id, from_seq) : id_key(from_seq);
	MDB_val k = val_of(&start), v;
	lz_rc r = LZ_OK;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		lz_log_entry e;
		lz_log_damage d;
		if (id) {
			if (k.mv_size != 16 || get_u64(k.mv_data) != id)
				break;
			d = log_get(s, txn, get_u64((const unsigned char *)k.mv_data + 8), arena, &e);
		} else {
			d = lz_log_decode(v.mv_data, v.mv_size, arena, &e);
		}
		if (d != LZ_LOG_INTACT) {
			r = lz_err_set(err, LZ_EDATA,
				       _("database %s: the change log is damaged; run 'lianzheng audit verify'"),
				       s->dir);
			break;
		}
		if (!fn(&e, ctx))
			break;
	}
	if (r == LZ_OK && rc && rc != MDB_NOTFOUND)
		r = db_error(s, rc, err);
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return r;
}

lz_rc lz_store_log_head(lz_store *s, uint64_t *seq, unsigned char hash[LZ_LOG_HASH], lz_err *err)
{
	if (!s->has_log)
		return no_log(s, err);
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	rc = log_last(txn, s->log, seq, hash);
	mdb_txn_abort(txn);
	return rc ? db_error(s, rc, err) : LZ_OK;
}

/* ---- audit ---- */

static bool audit_fail(lz_audit *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool audit_fail(lz_audit *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->problem, sizeof a->problem, fmt, ap);
	va_end(ap);
	a->intact = false;
	return false;
}

static const char *entry_kind_label(lz_kind kind)
{
	return kind == LZ_LOG_KIND_PLAN ? _("plan") : lz_kind_label(kind);
}

/* Every entry: decodable, its hash over its body, linked to the one
 * before, numbered without gaps, and findable by its record. */
static bool audit_chain(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	MDB_cursor *cur;
	if (mdb_cursor_open(txn, s->log, &cur) != 0)
		return audit_fail(a, _("the change log cannot be read"));
	unsigned char prev[LZ_LOG_HASH] = {0};
	uint64_t expect = 1;
	MDB_val k, v;
	int rc;
	bool good = true;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && good;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT), expect++) {
		lz_arena scratch = {0};
		lz_log_entry e;
		uint64_t seq = k.mv_size == 8 ? get_u64(k.mv_data) : 0;
		lz_log_damage d = lz_log_decode(v.mv_data, v.mv_size, &scratch, &e);
		if (seq != expect)
			good = audit_fail(a, _("log entry %llu is missing (the next one is %llu)"),
					  (unsigned long long)expect, (unsigned long long)seq);
		else if (d == LZ_LOG_UNREADABLE)
			good = audit_fail(a, _("log entry %llu cannot be read: it was damaged or altered"),
					  (unsigned long long)seq);
		else if (d == LZ_LOG_BAD_HASH || e.seq != seq)
			good = audit_fail(a, _("log entry %llu was altered: its content no longer matches its hash"),
					  (unsigned long long)seq);
		else if (memcmp(e.prev, prev, LZ_LOG_HASH) != 0)
			good = audit_fail(a, _("log entry %llu does not follow entry %llu: the chain was broken"),
					  (unsigned long long)seq, (unsigned long long)(seq - 1));
		else {
			key ik = log_ix_key(e.id, seq);
			MDB_val ikv = val_of(&ik), iv;
			if (mdb_get(txn, s->log_ix, &ikv, &iv) != 0)
				good = audit_fail(a, _("log entry %llu is missing from the history of %s %llu"),
						  (unsigned long long)seq, entry_kind_label(e.kind),
						  (unsigned long long)e.id);
		}
		if (good) {
			memcpy(prev, e.hash, LZ_LOG_HASH);
			a->entries = seq;
			a->head_seq = seq;
			memcpy(a->head, e.hash, LZ_LOG_HASH);
		}
		lz_arena_free(&scratch);
	}
	mdb_cursor_close(cur);
	if (good && rc != MDB_NOTFOUND)
		return audit_fail(a, _("the change log cannot be read through"));
	if (!good)
		return false;
	MDB_stat st;
	if (mdb_stat(txn, s->log_ix, &st) == 0 && st.ms_entries == a->entries)
		return true;
	/* The history index still names an entry that was taken out of the
	 * log, the last one included (which leaves no gap in the chain). */
	if (mdb_cursor_open(txn, s->log_ix, &cur) == 0) {
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			if (k.mv_size != 16)
				continue;
			uint64_t seq = get_u64((const unsigned char *)k.mv_data + 8);
			unsigned char kb[8];
			put_u64(kb, seq);
			MDB_val lk = {.mv_size = 8, .mv_data = kb}, lv;
			if (mdb_get(txn, s->log, &lk, &lv) != 0) {
				mdb_cursor_close(cur);
				return audit_fail(a, _("log entry %llu was removed: the history of record %llu still names it"),
						  (unsigned long long)seq,
						  (unsigned long long)get_u64(k.mv_data));
			}
		}
		mdb_cursor_close(cur);
	}
	return audit_fail(a, _("the history index holds entries the log does not"));
}

/* The record's last entry in the log, by the history index. */
static bool last_entry_of(lz_store *s, MDB_txn *txn, lz_id id, uint64_t *seq)
{
	MDB_cursor *cur;
	if (mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return false;
	key after = log_ix_key(id + 1, 0);
	MDB_val k = val_of(&after), v;
	int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	rc = rc == 0 ? mdb_cursor_get(cur, &k, &v, MDB_PREV)
		     : mdb_cursor_get(cur, &k, &v, MDB_LAST);
	bool found = rc == 0 && k.mv_size == 16 && get_u64(k.mv_data) == id;
	if (found)
		*seq = get_u64((const unsigned char *)k.mv_data + 8);
	mdb_cursor_close(cur);
	return found;
}

/* Each stored record, and the plan, against its last logged content. */
static bool audit_records(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	for (int kind = 0; kind < LZ_KIND_COUNT; kind++) {
		MDB_cursor *cur;
		if (mdb_cursor_open(txn, s->records[kind], &cur) != 0)
			return audit_fail(a, _("the records cannot be read"));
		MDB_val k, v;
		int rc;
		bool good = true;
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && good;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			lz_id id = k.mv_size == 8 ? get_u64(k.mv_data) : 0;
			const char *label = lz_kind_label((lz_kind)kind);
			uint64_t seq;
			lz_arena scratch = {0};
			lz_log_entry e;
			if (!last_entry_of(s, txn, id, &seq))
				good = audit_fail(a, _("%s %llu is not in the change log: it was added outside lianzheng"),
						  label, (unsigned long long)id);
			else if (log_get(s, txn, seq, &scratch, &e) != LZ_LOG_INTACT)
				good = audit_fail(a, _("log entry %llu cannot be read"), (unsigned long long)seq);
			else if (e.op == LZ_LOG_REMOVE || (int)e.kind != kind)
				good = audit_fail(a, _("%s %llu exists, but log entry %llu says it was deleted: it was put back outside lianzheng"),
						  label, (unsigned long long)id, (unsigned long long)seq);
			else if (e.n_after != v.mv_size || memcmp(e.after, v.mv_data, v.mv_size) != 0)
				good = audit_fail(a, _("%s %llu was altered outside lianzheng: it differs from its last logged content (log entry %llu)"),
						  label, (unsigned long long)id, (unsigned long long)seq);
			lz_arena_free(&scratch);
			if (good)
				a->records++;
		}
		mdb_cursor_close(cur);
		if (!good)
			return false;
	}
	return true;
}

/* Records the log says exist must exist: a deletion outside the program
 * leaves no trace but this. */
static bool audit_missing(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	MDB_cursor *cur;
	if (mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return audit_fail(a, _("the history index cannot be read"));
	MDB_val k, v;
	int rc;
	bool good = true;
	lz_id id = 0;
	uint64_t last = 0;
	bool have = false;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);; rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		bool end = rc != 0 || k.mv_size != 16;
		if (have && (end || get_u64(k.mv_data) != id)) {
			lz_arena scratch = {0};
			lz_log_entry e;
			if (log_get(s, txn, last, &scratch, &e) != LZ_LOG_INTACT) {
				good = audit_fail(a, _("log entry %llu cannot be read"), (unsigned long long)last);
			} else if (e.kind == LZ_LOG_KIND_PLAN) {
				MDB_val pk = META_KEY("plan"), pv;
				if (mdb_get(txn, s->meta, &pk, &pv) != 0 || pv.mv_size != e.n_after ||
				    memcmp(pv.mv_data, e.after, e.n_after) != 0)
					good = audit_fail(a, _("the stored plan was altered outside lianzheng: it differs from log entry %llu"),
							  (unsigned long long)last);
			} else if (e.op != LZ_LOG_REMOVE) {
				key rk = id_key(id);
				MDB_val rkv = val_of(&rk), rv;
				if (mdb_get(txn, s->records[e.kind], &rkv, &rv) != 0)
					good = audit_fail(a, _("%s %llu was deleted outside lianzheng (log entry %llu shows it)"),
							  lz_kind_label(e.kind), (unsigned long long)id,
							  (unsigned long long)last);
			}
			lz_arena_free(&scratch);
		}
		if (end || !good)
			break;
		id = get_u64(k.mv_data);
		last = get_u64((const unsigned char *)k.mv_data + 8);
		have = true;
	}
	mdb_cursor_close(cur);
	return good;
}

/* The compiled plan against the chained text (audit_missing has compared
 * the text with its last log entry). */
static bool audit_plan(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	lz_plan *plan;
	char why[400];
	lz_rc r = plan_of_txn(s, txn, &plan, why, sizeof why);
	if (r == LZ_ENOINPUT)
		return true;
	if (r != LZ_OK)
		return audit_fail(a, _("the stored plan is not valid: %s"), why);
	bool same = plan_cache_current(s, txn, plan);
	lz_plan_free(plan);
	if (!same)
		return audit_fail(a, _("the compiled plan differs from the stored plan's text: it was altered outside lianzheng"));
	return true;
}

static lz_rc audit_here(lz_store *s, lz_audit *a, lz_err *err)
{
	memset(a, 0, sizeof *a);
	a->intact = true;
	if (!s->has_log)
		return no_log(s, err);
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	if (audit_chain(s, txn, a) && audit_records(s, txn, a) && audit_missing(s, txn, a))
		audit_plan(s, txn, a);
	mdb_txn_abort(txn);
	return LZ_OK;
}

/* ---- examining a file where a crash cannot hurt ---- */

/* LMDB trusts its file: a damaged page can send it reading outside the
 * map or into one of its assertions, which would end the program in the
 * middle of a command.  A file not yet verified (a backup to restore), or
 * one being verified because it may be damaged (db check, audit verify),
 * is therefore read in a child process, which opens it afresh (an LMDB
 * handle must not be used across a fork) and sends back what it found;
 * its death is reported as damage, and the caller goes on. */

/* What a child sends back, followed by report_len bytes of report. */
typedef struct verdict {
	lz_rc rc;
	lz_err err;
	size_t problems;
	size_t counts[LZ_KIND_COUNT];
	lz_audit audit;
	size_t report_len;
} verdict;

typedef void (*examine_fn)(const void *ctx, FILE *report, verdict *v);

enum examined { EXAMINED, DIED, NO_CHILD };

static bool write_all(int fd, const void *buf, size_t n)
{
	for (const char *p = buf; n > 0;) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool read_all(int fd, void *buf, size_t n)
{
	for (char *p = buf; n > 0;) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* LMDB names a failed assertion on stderr before it aborts: worth
 * passing on.  The child's stderr went to errs. */
static void assertion_of(FILE *errs, char *out, size_t n)
{
	char line[512];
	out[0] = '\0';
	if (!errs || fseek(errs, 0, SEEK_SET) != 0)
		return;
	while (fgets(line, sizeof line, errs))
		if (strstr(line, "Assertion")) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, n, ": %.300s", line);
			return;
		}
}

/* Runs fn in a child process.  EXAMINED: *v and *report (malloc'd, NUL
 * terminated) hold what it found.  DIED: why says how it ended. */
static enum examined examine_apart(examine_fn fn, const void *ctx, unsigned limit, verdict *v,
				   char **report, char *why, size_t why_size)
{
	*report = NULL;
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0) {
		snprintf(why, why_size, "%s", strerror(errno));
		return NO_CHILD;
	}
	FILE *errs = tmpfile();
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, why_size, "%s", strerror(errno));
		close(p[0]);
		close(p[1]);
		if (errs)
			fclose(errs);
		return NO_CHILD;
	}
	if (pid == 0) {
		close(p[0]);
		/* A sanitizer's or LMDB's report of the crash is the parent's
		 * to summarise, not to show raw. */
		if (errs)
			dup2(fileno(errs), STDERR_FILENO);
		char *rep = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&rep, &len);
		if (!f)
			_exit(70);
		verdict mine;
		memset(&mine, 0, sizeof mine);
		/* A damaged file can also send LMDB round a cycle of pages
		 * for ever: the check gets a generous time, then ends. */
		signal(SIGALRM, SIG_DFL);
		alarm(limit);
		fn(ctx, f, &mine);
		fclose(f);
		mine.report_len = len;
		bool sent = write_all(p[1], &mine, sizeof mine) && write_all(p[1], rep, len);
		/* _exit: the parent's buffers and exit handlers are not ours. */
		_exit(sent ? 0 : 70);
	}
	close(p[1]);
	bool whole = read_all(p[0], v, sizeof *v) && v->report_len < ((size_t)1 << 30);
	if (whole) {
		*report = malloc(v->report_len + 1);
		if (!*report)
			abort();
		whole = read_all(p[0], *report, v->report_len);
		(*report)[whole ? v->report_len : 0] = '\0';
	}
	close(p[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (whole && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		if (errs)
			fclose(errs);
		return EXAMINED;
	}
	free(*report);
	*report = NULL;
	char assertion[400];
	assertion_of(errs, assertion, sizeof assertion);
	if (errs)
		fclose(errs);
	const char *sig = WIFSIGNALED(status) ? sigabbrev_np(WTERMSIG(status)) : NULL;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		snprintf(why, why_size, _("reading it did not end within %u seconds"), limit);
	else if (WIFSIGNALED(status))
		snprintf(why, why_size, _("reading it crashed the check (signal %d, SIG%s%s)"),
			 WTERMSIG(status), sig ? sig : "?", assertion);
	else
		snprintf(why, why_size, _("reading it stopped the check (exit status %d%s)"),
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1, assertion);
	return DIED;
}

/* Seconds a check of the file at path may take: a minute, and more for a
 * big file (a few seconds per MiB covers a slow disk and a sanitizer). */
static unsigned check_limit(const char *path, bool single_file)
{
	char data[PATH_MAX + 64];
	snprintf(data, sizeof data, single_file ? "%.4100s" : "%.4100s/data.mdb", path);
	struct stat st;
	off_t size = stat(data, &st) == 0 ? st.st_size : 0;
	return 60 + (unsigned)(size >> 20) * 4;
}

typedef struct target {
	const char *path;
	lz_store_options opt;
} target;

static lz_rc open_target(const target *t, lz_store **out, lz_err *err)
{
	return lz_store_open(t->path, &t->opt, out, err);
}

static void check_child(const void *ctx, FILE *report, verdict *v)
{
	lz_store *s;
	v->rc = open_target(ctx, &s, &v->err);
	if (v->rc != LZ_OK)
		return;
	v->rc = check_here(s, report, &v->problems, &v->err);
	for (int k = 0; v->rc == LZ_OK && k < LZ_KIND_COUNT; k++)
		v->rc = lz_store_count(s, (lz_kind)k, &v->counts[k], &v->err);
	lz_store_close(s);
}

static void audit_child(const void *ctx, FILE *report, verdict *v)
{
	(void)report;
	lz_store *s;
	v->rc = open_target(ctx, &s, &v->err);
	if (v->rc != LZ_OK)
		return;
	v->rc = audit_here(s, &v->audit, &v->err);
	lz_store_close(s);
}

static lz_rc damaged(const char *dir, enum examined how, const char *why, lz_err *err)
{
	if (how == NO_CHILD)
		return lz_err_set(err, LZ_EIO, _("cannot check %s: %s"), dir, why);
	return lz_err_set(err, LZ_EIO, _("database %s is damaged: %s; restore it from a backup"),
			  dir, why);
}

static lz_rc check_target(const target *t, FILE *out, size_t *problems,
			  size_t counts[LZ_KIND_COUNT], lz_err *err)
{
	*problems = 0;
	verdict v;
	char *report, why[600];
	enum examined how = examine_apart(check_child, t, check_limit(t->path, t->opt.single_file),
					  &v, &report, why, sizeof why);
	if (how != EXAMINED)
		return damaged(t->path, how, why, err);
	/* A problem may quote a record's text (an unknown meeting type). */
	char *visible = lz_text_visible(report, "\n");
	if (visible)
		fputs(visible, out);
	else
		fwrite(report, 1, v.report_len, out);
	free(visible);
	free(report);
	*problems = v.problems;
	if (counts)
		memcpy(counts, v.counts, sizeof v.counts);
	if (v.rc != LZ_OK && err)
		*err = v.err;
	return v.rc;
}

static lz_rc audit_target(const target *t, lz_audit *a, lz_err *err)
{
	memset(a, 0, sizeof *a);
	a->intact = true;
	verdict v;
	char *report, why[600];
	enum examined how = examine_apart(audit_child, t, check_limit(t->path, t->opt.single_file),
					  &v, &report, why, sizeof why);
	if (how != EXAMINED)
		return damaged(t->path, how, why, err);
	free(report);
	if (v.rc != LZ_OK) {
		if (err)
			*err = v.err;
		return v.rc;
	}
	*a = v.audit;
	return LZ_OK;
}

lz_rc lz_store_check(lz_store *s, FILE *out, size_t *problems, lz_err *err)
{
	target t = {s->dir, {.read_only = true, .single_file = s->single_file}};
	return check_target(&t, out, problems, NULL, err);
}

lz_rc lz_store_audit(lz_store *s, lz_audit *a, lz_err *err)
{
	if (!s->has_log) {
		memset(a, 0, sizeof *a);
		return no_log(s, err);
	}
	target t = {s->dir, {.read_only = true, .single_file = s->single_file}};
	return audit_target(&t, a, err);
}

lz_rc lz_store_check_dir(const char *dir, FILE *out, size_t *problems,
			 size_t counts[LZ_KIND_COUNT], lz_err *err)
{
	target t = {dir, {.read_only = true}};
	return check_target(&t, out, problems, counts, err);
}

lz_rc lz_store_audit_dir(const char *dir, lz_audit *a, lz_err *err)
{
	target t = {dir, {.existing_only = true}};
	return audit_target(&t, a, err);
}

/* ---- undo ---- */

/* How far back undo looks for a change not yet taken back. */
#define UNDO_REACH 10000

/* What one transaction changed, found from the end of the log: entries
 * first..last, last being the latest change that is not an undo and was
 * not taken back yet. */
typedef struct undo_target {
	uint64_t first, last;
} undo_target;

static lz_rc log_damaged(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EDATA,
			  _("database %s: the change log is damaged; run 'lianzheng audit verify'"),
			  s->dir);
}

static lz_rc find_undoable(write_ctx *w, undo_target *t, lz_err *err)
{
	lz_store *s = w->s;
	MDB_cursor *cur;
	if (!ok(w, mdb_cursor_open(w->txn, s->log, &cur)))
		return LZ_EIO;
	uint64_t *undone = malloc(UNDO_REACH * sizeof *undone);
	if (!undone)
		abort();
	size_t n_undone = 0;
	MDB_val k, v;
	lz_rc r = lz_err_set(err, LZ_EDATA, _("there is no change to undo"));
	int rc, steps = 0;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_LAST); rc == 0 && steps < UNDO_REACH;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_PREV), steps++) {
		lz_log_entry e;
		lz_arena a = {0};
		lz_log_damage d = lz_log_decode(v.mv_data, v.mv_size, &a, &e);
		lz_arena_free(&a);
		if (d != LZ_LOG_INTACT) {
			r = log_damaged(s, err);
			break;
		}
		if (e.undo_of) {
			undone[n_undone++] = e.undo_of;
			continue;
		}
		bool taken_back = false;
		for (size_t i = 0; i < n_undone && !taken_back; i++)
			taken_back = undone[i] == e.seq;
		if (taken_back)
			continue;
		/* A compiled plan made anew for the same text changed nothing
		 * the user did. */
		if (e.op == LZ_LOG_PLAN && e.n_before == e.n_after &&
		    memcmp(e.before, e.after, e.n_after) == 0)
			continue;
		/* Changes before the log began, and the plan a database was
		 * created with, have nothing before them to go back to. */
		if (e.op == LZ_LOG_BASELINE || (e.op == LZ_LOG_PLAN && e.n_before == 0))
			break;
		t->first = e.txn;
		t->last = e.seq;
		r = LZ_OK;
		break;
	}
	if (rc && rc != MDB_NOTFOUND)
		ok(w, rc);
	free(undone);
	mdb_cursor_close(cur);
	return r;
}

/* Puts back the plan an entry replaced; its compiled form is dropped, to
 * be made again from the YAML by the next program that opens it. */
static void plan_put_back(write_ctx *w, const lz_log_entry *e)
{
	lz_store *s = w->s;
	MDB_val pk = META_KEY("plan"), pv;
	MDB_val now = {0};
	if (mdb_get(w->txn, s->meta, &pk, &pv) == 0) {
		now.mv_size = pv.mv_size;
		now.mv_data = lz_arena_alloc(&w->scratch, pv.mv_size ? pv.mv_size : 1);
		memcpy(now.mv_data, pv.mv_data, pv.mv_size);
	}
	char sha[65];
	sha256_hex((const char *)e->before, e->n_before, sha);
	MDB_val yaml = {.mv_size = e->n_before, .mv_data = (void *)e->before};
	MDB_val shk = META_KEY("plan_sha256"), shv = {.mv_size = 64, .mv_data = sha};
	ok(w, mdb_put(w->txn, s->meta, &pk, &yaml, 0));
	ok(w, mdb_put(w->txn, s->meta, &shk, &shv, 0));
	MDB_val bk = META_KEY("plan_bin"), bsk = META_KEY("plan_bin_sha256");
	int rc = mdb_del(w->txn, s->meta, &bk, NULL);
	ok(w, rc == MDB_NOTFOUND ? 0 : rc);
	rc = mdb_del(w->txn, s->meta, &bsk, NULL);
	ok(w, rc == MDB_NOTFOUND ? 0 : rc);
	log_append(w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, 0, now.mv_data, now.mv_size, e->before,
		   e->n_before);
}

/* Takes back one entry inside the undo's transaction.  Every later entry
 * is an undo or was undone, so the record holds what this entry left,
 * whatever its version number says by now. */
static lz_rc revert_entry(write_ctx *w, const lz_log_entry *e, lz_arena *arena, lz_err *err)
{
	w->undo_of = e->seq;
	if (e->op == LZ_LOG_PLAN) {
		plan_put_back(w, e);
		return LZ_OK;
	}
	if (e->kind >= LZ_KIND_COUNT)
		return log_damaged(w->s, err);
	lz_record then;
	lz_op op = {.kind = e->kind};
	lz_rc r = LZ_OK;
	switch (e->op) {
	case LZ_LOG_ADD:
		op.op = LZ_OP_REMOVE;
		op.id = e->id;
		break;
	case LZ_LOG_UPDATE:
		r = lz_record_decode(e->kind, e->before, e->n_before, arena, &then, err);
		op.op = LZ_OP_UPDATE;
		op.rec = &then;
		break;
	case LZ_LOG_REMOVE:
		r = lz_record_decode(e->kind, e->before, e->n_before, arena, &then, err);
		op.op = LZ_OP_RESTORE;
		op.rec = &then;
		break;
	default:
		return log_damaged(w->s, err);
	}
	if (r == LZ_OK)
		r = apply_one(w, &op, err);
	return r;
}

typedef struct undo_ctx {
	lz_arena *arena;
	lz_log_entry *undone;
	size_t changes;
} undo_ctx;

static lz_rc undo_body(write_ctx *w, void *ctx, lz_err *err)
{
	undo_ctx *u = ctx;
	u->changes = 0;
	undo_target t = {0, 0};
	lz_rc r = find_undoable(w, &t, err);
	if (r != LZ_OK)
		return r;
	/* Latest first, so a record changed twice in the transaction comes
	 * back to what it was before the first change.  The month roll
	 * borrows from the records decoded into the scratch arena until it
	 * is written out. */
	lz_arena *scratch = &w->scratch;
	for (uint64_t seq = t.last; seq >= t.first && r == LZ_OK && !w->mdb_rc; seq--) {
		unsigned char kb[8];
		put_u64(kb, seq);
		MDB_val k = {.mv_size = 8, .mv_data = kb}, v;
		lz_log_entry e;
		int rc = mdb_get(w->txn, w->s->log, &k, &v);
		if (rc) {
			r = rc == MDB_NOTFOUND ? log_damaged(w->s, err) : (ok(w, rc), LZ_EIO);
			break;
		}
		/* LMDB's copy of the entry moves with the first write. */
		unsigned char *copy = lz_arena_alloc(scratch, v.mv_size);
		memcpy(copy, v.mv_data, v.mv_size);
		if (lz_log_decode(copy, v.mv_size, scratch, &e) != LZ_LOG_INTACT || e.txn != t.first ||
		    e.undo_of) {
			r = log_damaged(w->s, err);
			break;
		}
		r = revert_entry(w, &e, scratch, err);
		if (r == LZ_OK && seq == t.last) {
			*u->undone = e;
			u->undone->user = lz_arena_strdup(u->arena, e.user);
			u->undone->before = u->undone->after = NULL;
			u->undone->n_before = u->undone->n_after = 0;
		}
		u->changes++;
		if (r == LZ_OK && w->s->pending >= FLUSH_AT) {
			r = flush_months(w, err);
			lz_arena_free(scratch);
		}
	}
	if (r == LZ_OK)
		u->undone->txn = t.first;
	return r;
}

lz_rc lz_store_undo(lz_store *s, lz_arena *arena, lz_log_entry *undone, size_t *changes,
		    lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	if (!s->has_log)
		return no_log(s, err);
	undo_ctx u = {arena, undone, 0};
	lz_rc r = run_write(s, undo_body, &u, err);
	if (changes)
		*changes = r == LZ_OK ? u.changes : 0;
	return r;
}

/* ---- backup and restore ---- */

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
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int rc = fsync(fd) == 0 ? 0 : errno;
	close(fd);
	return rc;
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
	/* LMDB's copy runs in a read transaction: writers go on meanwhile. */
	int rc = mdb_env_copyfd2(s->env, lz_outfile_fd(&out), MDB_CP_COMPACT);
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
		put_meta_entries(s, keys, vals, 1, false, &ignored);
	}
	return LZ_OK;
}

int64_t lz_store_last_backup(lz_store *s)
{
	MDB_txn *txn;
	if (begin(s, MDB_RDONLY, &txn) != 0)
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
	v->rc = check_here(s, report, &v->problems, &v->err);
	if (v->rc == LZ_OK && !v->problems) {
		if (s->has_log)
			v->rc = audit_here(s, &v->audit, &v->err);
		else
			v->rc = no_log(s, &v->err);
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
	enum examined how = examine_apart(verify_child, path, check_limit(path, true), &v, &report,
					  why, sizeof why);
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
		if (!write_all(out, buf, (size_t)n))
			return errno ? errno : EIO;
	}
	return fsync(out) == 0 ? 0 : errno;
}

/* Copies of earlier restores that were killed before they finished:
 * nobody else can be restoring while the exclusive use lock is held. */
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
	int e = make_dirs(dir);
	if (e) {
		close(in);
		return lz_err_set(err, LZ_EIO, _("cannot create database directory %s: %s"), dir,
				  strerror(e));
	}
	char lock_path[PATH_MAX + 32];
	snprintf(lock_path, sizeof lock_path, "%s/" USE_LOCK, dir);
	int lock_errno = 0;
	int lock = take_use_lock(dir, LOCK_EX, &lock_errno);
	if (lock == -3) {
		close(in);
		return lz_err_set(err, LZ_EIO, _("cannot use the lock file %s/%s: %s"), dir, USE_LOCK,
				  lock_errno == EINVAL ? _("it is not a regular file")
							: strerror(lock_errno));
	}
	/* A lock file deleted under a running program: it is still found by
	 * its claim on the data file. */
	if (lock >= 0 && data_file_in_use(dir)) {
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
	int rc = out < 0 ? errno : copy_fd(in, out);
	close(in);
	if (out >= 0 && close(out) != 0 && !rc)
		rc = errno;
	lz_rc r = LZ_OK;
	if (rc)
		r = lz_err_set(err, LZ_EIO, _("cannot restore into %s: %s; the database was not changed"),
			       dir, strerror(rc));
	else
		r = verify_apart(incoming, file, err);
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
