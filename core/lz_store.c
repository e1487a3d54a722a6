#include "lz_store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <lmdb.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lz_i18n.h"
#include "lz_log.h"
#include "lz_text.h"
#include "record_codec.h"

/* The map starts small and doubles on MDB_MAP_FULL up to this cap; LMDB
 * only reserves address space, the file grows with the data. */
#define DEFAULT_MAP (16u << 20)
#define MAX_MAP ((size_t)1 << 40)
#define MAX_GROWS 24

enum index_id { IX_MEETING_DATE, IX_ITEM_TASK, IX_ITEM_DUE, IX_RISK_REVIEW, IX_COUNT };

static const char *const kind_db[LZ_KIND_COUNT] = {"people", "items", "meetings", "risks"};
static const char *const index_db[IX_COUNT] = {
	"meetings_by_date", "items_by_task", "items_by_due", "risks_by_review"};

struct lz_store {
	MDB_env *env;
	MDB_dbi meta;
	MDB_dbi records[LZ_KIND_COUNT];
	MDB_dbi index[IX_COUNT];
	/* The change log by sequence number, and (record id, sequence) pairs
	 * to find one record's history. */
	MDB_dbi log, log_ix;
	bool has_log;  /* false only for an old database opened read-only */
	bool read_only;
	bool forced_read_only;  /* asked to write, but the directory is not writable */
	int use_lock;  /* fd holding a shared lock on USE_LOCK, or -1 */
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

static key id_key(lz_id id)
{
	key k = {.len = 8};
	put_u64(k.b, id);
	return k;
}

static key index_key(int32_t v, lz_id id)
{
	key k = {.len = 12};
	put_u32(k.b, biased(v));
	put_u64(k.b + 4, id);
	return k;
}

#define META_KEY(str) ((MDB_val){.mv_size = sizeof(str) - 1, .mv_data = (void *)(str)})

static MDB_val val_of(const key *k)
{
	return (MDB_val){.mv_size = k->len, .mv_data = (void *)k->b};
}

/* The meetings-by-date index carries a digest of each meeting as its
 * value: what counting against the plan's quotas needs, so a year's
 * dashboard reads the index alone instead of decoding every record.
 * It also carries the start of the title, so a day's list is drawn
 * without decoding records.
 * Layout (big-endian): version 2, status, flags (1 first topic, 2
 * imported, 4 title cut), start minutes + 1 (u16), expected + 1, present + 1 (u32),
 * held entry time (i64), type id length and bytes, title length and bytes
 * (at most LZ_DIGEST_TITLE, cut between characters). */
enum { DIGEST_VERSION = 2, DIGEST_FIXED = 1 + 1 + 1 + 2 + 4 + 4 + 8 + 1,
       DIGEST_MAX = DIGEST_FIXED + 64 + 1 + LZ_DIGEST_TITLE };

typedef struct digest_buf {
	unsigned char b[DIGEST_MAX];
	size_t len;
} digest_buf;

static void digest_encode(const lz_meeting *m, digest_buf *d)
{
	unsigned char *p = d->b;
	size_t tlen = m->type ? strlen(m->type) : 0;
	if (tlen > 64)
		tlen = 64;
	*p++ = DIGEST_VERSION;
	*p++ = (unsigned char)m->status;
	*p++ = (unsigned char)((m->first_topic && *m->first_topic ? 1 : 0) | (m->imported ? 2 : 0));
	uint16_t start = (uint16_t)(m->start + 1);
	*p++ = (unsigned char)(start >> 8);
	*p++ = (unsigned char)start;
	put_u32(p, (uint32_t)(m->expected + 1));
	p += 4;
	put_u32(p, (uint32_t)(m->present + 1));
	p += 4;
	put_u64(p, (uint64_t)m->held_entered);
	p += 8;
	*p++ = (unsigned char)tlen;
	memcpy(p, m->type ? m->type : "", tlen);
	p += tlen;
	const char *title = m->title ? m->title : "";
	size_t n = lz_utf8_prefix(title, LZ_DIGEST_TITLE);
	if (title[n])
		d->b[2] |= 4;
	*p++ = (unsigned char)n;
	memcpy(p, title, n);
	d->len = DIGEST_FIXED + tlen + 1 + n;
}

static bool digest_decode(const MDB_val *k, const MDB_val *v, lz_meeting_digest *d)
{
	const unsigned char *p = v->mv_data;
	if (v->mv_size < DIGEST_FIXED || p[0] != DIGEST_VERSION || p[1] > LZ_MEETING_CANCELLED)
		return false;
	size_t tlen = p[DIGEST_FIXED - 1];
	if (v->mv_size < DIGEST_FIXED + tlen + 1 || tlen >= sizeof d->type)
		return false;
	size_t nlen = p[DIGEST_FIXED + tlen];
	if (v->mv_size != DIGEST_FIXED + tlen + 1 + nlen || nlen > LZ_DIGEST_TITLE)
		return false;
	memcpy(d->title, p + DIGEST_FIXED + tlen + 1, nlen);
	d->title[nlen] = '\0';
	d->id = get_u64((const unsigned char *)k->mv_data + 4);
	d->date = (lz_day)(get_u32(k->mv_data) ^ 0x80000000u);
	d->status = (lz_meeting_status)p[1];
	d->has_first_topic = p[2] & 1;
	d->imported = (p[2] & 2) != 0;
	d->title_cut = (p[2] & 4) != 0;
	d->start = (int)((p[3] << 8 | p[4])) - 1;
	d->expected = (int)get_u32(p + 5) - 1;
	d->present = (int)get_u32(p + 9) - 1;
	d->held_entered = (int64_t)get_u64(p + 13);
	memcpy(d->type, p + DIGEST_FIXED, tlen);
	d->type[tlen] = '\0';
	return true;
}

/* The index entries a record must have, with their values. */
typedef struct index_entry {
	enum index_id ix;
	key k;
	digest_buf value;  /* empty but for the meetings-by-date index */
} index_entry;

static size_t index_entries(const lz_record *r, index_entry out[2])
{
	size_t n = 0;
	lz_id id = r->u.meta.id;
	switch (r->kind) {
	case LZ_KIND_MEETING:
		out[n] = (index_entry){IX_MEETING_DATE, index_key(r->u.meeting.date, id), {.len = 0}};
		digest_encode(&r->u.meeting, &out[n].value);
		n++;
		break;
	case LZ_KIND_ITEM:
		out[n++] = (index_entry){IX_ITEM_TASK, index_key(r->u.item.task, id), {.len = 0}};
		if (r->u.item.due != LZ_NO_DAY)
			out[n++] = (index_entry){IX_ITEM_DUE, index_key(r->u.item.due, id), {.len = 0}};
		break;
	case LZ_KIND_RISK:
		if (r->u.risk.review != LZ_NO_DAY)
			out[n++] = (index_entry){IX_RISK_REVIEW, index_key(r->u.risk.review, id), {.len = 0}};
		break;
	default:
		break;
	}
	return n;
}

static int begin(lz_store *s, unsigned flags, MDB_txn **txn);
static bool grow(lz_store *s);

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

static lz_rc db_error(lz_store *s, int rc, lz_err *err)
{
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
		return lz_err_set(err, LZ_EIO,
				  _("database %s cannot be written (no permission on its directory), so it was opened read-only; nothing was written"),
				  s->dir);
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
	if (dir && *dir)
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

static int open_dbis(lz_store *s, MDB_txn *txn, unsigned flags)
{
	int rc = mdb_dbi_open(txn, "meta", flags, &s->meta);
	for (int k = 0; rc == 0 && k < LZ_KIND_COUNT; k++)
		rc = mdb_dbi_open(txn, kind_db[k], flags, &s->records[k]);
	for (int i = 0; rc == 0 && i < IX_COUNT; i++)
		rc = mdb_dbi_open(txn, index_db[i], flags, &s->index[i]);
	if (rc)
		return rc;
	rc = mdb_dbi_open(txn, "log", flags, &s->log);
	if (rc == 0)
		rc = mdb_dbi_open(txn, "log_by_record", flags, &s->log_ix);
	s->has_log = rc == 0;
	/* A database from before the log, opened read-only, is read
	 * without history; opened for writing, it gets its log. */
	return rc == MDB_NOTFOUND && s->read_only ? 0 : rc;
}

static int put_format(MDB_txn *txn, MDB_dbi meta)
{
	MDB_val k = {.mv_size = 6, .mv_data = "format"}, v;
	unsigned char b[4];
	put_u32(b, LZ_DB_FORMAT);
	v = (MDB_val){.mv_size = 4, .mv_data = b};
	return mdb_put(txn, meta, &k, &v, 0);
}

static lz_rc check_format(lz_store *s, MDB_txn *txn, bool writable, lz_err *err)
{
	MDB_val k = {.mv_size = 6, .mv_data = "format"}, v;
	int rc = mdb_get(txn, s->meta, &k, &v);
	if (rc == MDB_NOTFOUND) {
		if (!writable)
			return LZ_OK;
		rc = put_format(txn, s->meta);
		return rc ? db_error(s, rc, err) : LZ_OK;
	}
	if (rc)
		return db_error(s, rc, err);
	if (v.mv_size != 4)
		return lz_err_set(err, LZ_EIO, _("database %s is damaged: bad format marker"), s->dir);
	uint32_t format = get_u32(v.mv_data);
	if (format > LZ_DB_FORMAT)
		return lz_err_set(err, LZ_EIO,
				  _("database %s was written by a newer version of lianzheng (format %u; this version reads format %d); upgrade the program"),
				  s->dir, format, LZ_DB_FORMAT);
	if (format < LZ_DB_FORMAT && writable) {
		rc = put_format(txn, s->meta);
		if (rc)
			return db_error(s, rc, err);
	}
	return LZ_OK;
}

/* A database written before the change log existed gets one: an entry
 * for the plan and for each record as found, so that from now on every
 * record has a history and the chain covers all of them. */
static int start_log(lz_store *s, MDB_txn *txn)
{
	write_ctx w = {.s = s, .txn = txn, .now = lz_now()};
	if (!ok(&w, log_last(txn, s->log, &w.seq, w.hash)) || w.seq)
		return w.mdb_rc;
	w.head_read = true;
	MDB_val pk = META_KEY("plan"), pv;
	if (mdb_get(txn, s->meta, &pk, &pv) == 0)
		log_append(&w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, 0, NULL, 0, pv.mv_data, pv.mv_size);
	for (int kind = 0; kind < LZ_KIND_COUNT && !w.mdb_rc; kind++) {
		MDB_cursor *cur;
		if (!ok(&w, mdb_cursor_open(txn, s->records[kind], &cur)))
			break;
		MDB_val k, v;
		int rc;
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && !w.mdb_rc;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
			if (k.mv_size == 8)
				log_append(&w, LZ_LOG_BASELINE, (lz_kind)kind, get_u64(k.mv_data), NULL, 0,
					   v.mv_data, v.mv_size);
		ok(&w, rc == MDB_NOTFOUND ? 0 : rc);
		mdb_cursor_close(cur);
	}
	return w.mdb_rc;
}

/* Opens the tables; with create, in a write transaction that makes the
 * missing ones.  Without it, LZ_ENOINPUT when some table does not exist
 * yet. */
static lz_rc open_tables(lz_store *s, bool create, bool *map_full, lz_err *err)
{
	MDB_txn *txn;
	*map_full = false;
	int rc = begin(s, create ? 0 : MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	rc = open_dbis(s, txn, create ? MDB_CREATE : 0);
	lz_rc r = LZ_OK;
	if (rc == MDB_NOTFOUND && !create)
		r = LZ_ENOINPUT;
	else if (rc == MDB_INCOMPATIBLE)
		r = lz_err_set(err, LZ_EIO, _("%s does not hold a lianzheng database"), s->dir);
	else if (rc)
		r = db_error(s, rc, err);
	if (r == LZ_OK)
		r = check_format(s, txn, create, err);
	if (r == LZ_OK && create) {
		rc = start_log(s, txn);
		if (rc)
			r = db_error(s, rc, err);
		*map_full = rc == MDB_MAP_FULL;
	}
	/* Committing, even a read-only transaction, is what keeps the
	 * database handles it opened. */
	if (r == LZ_OK) {
		rc = mdb_txn_commit(txn);
		if (rc)
			r = db_error(s, rc, err);
		*map_full = rc == MDB_MAP_FULL;
	} else {
		mdb_txn_abort(txn);
	}
	return r;
}

/* Every program using the database holds a shared lock on this file
 * for as long as it has the database open; restore takes it exclusively,
 * so it never replaces a file another process is writing to. */
#define USE_LOCK "lianzheng.lock"

static int take_use_lock(const char *dir, int how)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/" USE_LOCK, dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EACCES || errno == EROFS ? -2 : -1;
	if (flock(fd, how | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Opens the LMDB environment; a directory the user may not write to is
 * opened read-only, without LMDB's lock file if need be (nobody can be
 * writing it then). */
static int open_env(lz_store *s, const char *path, bool single_file, size_t map)
{
	int rc = mdb_env_create(&s->env);
	if (!rc)
		rc = mdb_env_set_maxdbs(s->env, 16);
	if (!rc)
		rc = mdb_env_set_mapsize(s->env, map);
	if (rc)
		return rc;
	/* MDB_NOTLS: a visitor may read another record while a walk's read
	 * transaction is open in the same thread. */
	unsigned flags = MDB_NOTLS;
	if (single_file)
		flags |= MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK;
	else if (s->read_only)
		flags |= MDB_RDONLY;
	rc = mdb_env_open(s->env, path, flags, 0600);
	if ((rc == EACCES || rc == EROFS) && !single_file) {
		s->forced_read_only = !s->read_only;
		s->read_only = true;
		mdb_env_close(s->env);
		if ((rc = mdb_env_create(&s->env)) != 0)
			return rc;
		mdb_env_set_maxdbs(s->env, 16);
		mdb_env_set_mapsize(s->env, map);
		rc = mdb_env_open(s->env, path, MDB_NOTLS | MDB_RDONLY, 0600);
		if (rc == EACCES || rc == EROFS)
			rc = mdb_env_open(s->env, path, MDB_NOTLS | MDB_RDONLY | MDB_NOLOCK, 0600);
	}
	return rc;
}

static lz_rc open_failed(lz_store *s, lz_rc r)
{
	if (s->env)
		mdb_env_close(s->env);
	if (s->use_lock >= 0)
		close(s->use_lock);
	free(s);
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
	snprintf(s->dir, sizeof s->dir, "%s", dir);
	bool single_file = opt && opt->single_file;
	s->read_only = single_file || (opt && opt->read_only);
	size_t map = opt && opt->initial_map_bytes ? opt->initial_map_bytes : DEFAULT_MAP;

	struct stat st;
	if (single_file) {
		if (stat(dir, &st) != 0 || !S_ISREG(st.st_mode)) {
			lz_err_set(err, LZ_ENOINPUT, _("cannot read %s: %s"), dir,
				   stat(dir, &st) != 0 ? strerror(errno) : _("not a regular file"));
			return open_failed(s, LZ_ENOINPUT);
		}
	} else {
		int e = s->read_only ? 0 : make_dirs(dir);
		if (e && e != EACCES && e != EROFS) {
			lz_err_set(err, LZ_EIO, _("cannot create database directory %s: %s"),
				   dir, strerror(e));
			return open_failed(s, LZ_EIO);
		}
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			lz_err_set(err, LZ_EIO, _("database directory %s does not exist"), dir);
			return open_failed(s, LZ_EIO);
		}
		s->use_lock = take_use_lock(dir, LOCK_SH);
		if (s->use_lock == -1) {
			lz_err_set(err, LZ_EIO, _("database %s is being restored from a backup; try again in a moment"), dir);
			return open_failed(s, LZ_EIO);
		}
		if (s->use_lock == -2)
			s->use_lock = -1;  /* a read-only directory: nothing can replace it */
	}

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

	/* Most opens find everything in place: a read transaction suffices
	 * and no write lock is taken.  Only a new database is set up in a
	 * write transaction. */
	bool map_full = false;
	lz_rc r = open_tables(s, false, &map_full, err);
	if (r == LZ_ENOINPUT && !s->read_only) {
		/* Making the log of a large old database may need a larger map. */
		r = open_tables(s, true, &map_full, err);
		for (int i = 0; map_full && i < MAX_GROWS && grow(s); i++)
			r = open_tables(s, true, &map_full, err);
	} else if (r == LZ_ENOINPUT) {
		r = lz_err_set(err, LZ_EIO, _("no database in %s yet"), dir);
	}
	if (r != LZ_OK)
		return open_failed(s, r);
	*out = s;
	return LZ_OK;
}

void lz_store_close(lz_store *s)
{
	if (!s)
		return;
	mdb_env_close(s->env);
	if (s->use_lock >= 0)
		close(s->use_lock);
	free(s);
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

/* Writes meta entries in one transaction, growing the map if needed.
 * With log_plan, vals[0] is a new plan, logged against the one it
 * replaces. */
static lz_rc put_meta_entries(lz_store *s, MDB_val *keys, MDB_val *vals, size_t n,
			      bool log_plan, lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	for (int attempt = 0; attempt < MAX_GROWS; attempt++) {
		write_ctx w = {.s = s, .now = lz_now()};
		int rc = begin(s, 0, &w.txn);
		if (rc)
			return db_error(s, rc, err);
		MDB_val old = {0};
		if (log_plan) {
			MDB_val pk = META_KEY("plan"), pv;
			if (mdb_get(w.txn, s->meta, &pk, &pv) == 0) {
				old.mv_size = pv.mv_size;
				old.mv_data = lz_arena_alloc(&w.scratch, pv.mv_size ? pv.mv_size : 1);
				memcpy(old.mv_data, pv.mv_data, pv.mv_size);
			}
		}
		for (size_t i = 0; i < n; i++)
			ok(&w, mdb_put(w.txn, s->meta, &keys[i], &vals[i], 0));
		if (log_plan)
			log_append(&w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, 0, old.mv_data, old.mv_size,
				   vals[0].mv_data, vals[0].mv_size);
		lz_arena_free(&w.scratch);
		rc = w.mdb_rc;
		if (!rc)
			rc = mdb_txn_commit(w.txn);
		else
			mdb_txn_abort(w.txn);
		if (rc == MDB_MAP_FULL && grow(s))
			continue;
		return rc ? db_error(s, rc, err) : LZ_OK;
	}
	return lz_err_set(err, LZ_EIO, _("database %s: cannot grow the map"), s->dir);
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
	MDB_val k = META_KEY("plan_sha256"), v;
	char sha[64];
	rc = mdb_get(txn, s->meta, &k, &v);
	bool have = rc == 0 && v.mv_size == 64;
	if (have)
		memcpy(sha, v.mv_data, 64);
	mdb_txn_abort(txn);
	if (!have)
		return LZ_OK;
	MDB_val keys[] = {META_KEY("plan_bin"), META_KEY("plan_bin_sha256")};
	MDB_val vals[] = {{.mv_size = clen, .mv_data = (void *)compiled},
			  {.mv_size = 64, .mv_data = sha}};
	return put_meta_entries(s, keys, vals, 2, false, err);
}

lz_rc lz_store_get_plan_cache(lz_store *s, void **buf, size_t *len, lz_err *err)
{
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	MDB_val k1 = META_KEY("plan_sha256"), v1, k2 = META_KEY("plan_bin_sha256"), v2,
		k3 = META_KEY("plan_bin"), v3;
	lz_rc r = LZ_ENOINPUT;
	if (mdb_get(txn, s->meta, &k1, &v1) == 0 && mdb_get(txn, s->meta, &k2, &v2) == 0 &&
	    v1.mv_size == 64 && v2.mv_size == 64 && memcmp(v1.mv_data, v2.mv_data, 64) == 0 &&
	    mdb_get(txn, s->meta, &k3, &v3) == 0) {
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

bool lz_store_forced_read_only(const lz_store *s)
{
	return s->forced_read_only;
}

/* ---- writes ---- */

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

static void index_put(write_ctx *w, const lz_record *r)
{
	index_entry e[2];
	size_t n = index_entries(r, e);
	for (size_t i = 0; i < n; i++) {
		MDB_val k = val_of(&e[i].k);
		MDB_val v = {.mv_size = e[i].value.len, .mv_data = e[i].value.b};
		ok(w, mdb_put(w->txn, w->s->index[e[i].ix], &k, &v, 0));
	}
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

static lz_rc apply_ops(lz_store *s, lz_op *ops, size_t n, uint64_t undo_of, lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	/* A replay after growing the map must start from what the caller
	 * gave, not from what the aborted attempt wrote back. */
	lz_meta *saved = malloc((n ? n : 1) * sizeof *saved);
	int64_t *saved_held = malloc((n ? n : 1) * sizeof *saved_held);
	if (!saved || !saved_held)
		abort();
	for (size_t i = 0; i < n; i++) {
		saved[i] = ops[i].rec ? ops[i].rec->u.meta : (lz_meta){0};
		saved_held[i] = ops[i].rec && ops[i].kind == LZ_KIND_MEETING
					? ops[i].rec->u.meeting.held_entered : 0;
	}
	int64_t now = lz_now();

	lz_rc result = LZ_EIO;
	int attempt;
	for (attempt = 0; attempt < MAX_GROWS; attempt++) {
		for (size_t i = 0; i < n; i++)
			if (ops[i].rec) {
				ops[i].rec->u.meta = saved[i];
				if (ops[i].kind == LZ_KIND_MEETING)
					ops[i].rec->u.meeting.held_entered = saved_held[i];
			}
		write_ctx w = {.s = s, .now = now, .undo_of = undo_of};
		int rc = begin(s, 0, &w.txn);
		if (rc) {
			result = db_error(s, rc, err);
			break;
		}
		lz_rc r = LZ_OK;
		for (size_t i = 0; i < n && r == LZ_OK && !w.mdb_rc; i++)
			r = apply_one(&w, &ops[i], err);
		lz_arena_free(&w.scratch);
		if (r == LZ_OK && !w.mdb_rc) {
			rc = mdb_txn_commit(w.txn);
		} else {
			mdb_txn_abort(w.txn);
			rc = w.mdb_rc;
		}
		if (rc == MDB_MAP_FULL) {
			if (!grow(s)) {
				result = lz_err_set(err, LZ_EIO, _("database %s: cannot grow the map"), s->dir);
				break;
			}
			continue;
		}
		if (rc)
			result = db_error(s, rc, err);
		else
			result = r;
		break;
	}
	if (attempt == MAX_GROWS)
		result = lz_err_set(err, LZ_EIO, _("database %s: cannot grow the map"), s->dir);
	free(saved);
	free(saved_held);
	return result;
}

lz_rc lz_store_apply(lz_store *s, lz_op *ops, size_t n, lz_err *err)
{
	return apply_ops(s, ops, n, 0, err);
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
static lz_rc walk_range(lz_store *s, enum index_id ix, int32_t from, int32_t to, entry_fn fn,
			void *ctx, lz_err *err)
{
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
	key start = index_key(from, 0);
	MDB_val k = val_of(&start), v;
	lz_rc r = LZ_OK;
	bool stop = false;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0 && r == LZ_OK && !stop;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 12) {
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
	key idk = id_key(get_u64((const unsigned char *)k->mv_data + 4));
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
	lz_meeting_digest d;
	if (!digest_decode(k, v, &d))
		return lz_err_set(err, LZ_EIO,
				  _("database %s: a damaged index entry; run 'lianzheng db check'"),
				  s->dir);
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
			fprintf(out, _("%s: a key of %zu bytes instead of 8\n"), kind_db[kind], k.mv_size);
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
		} else {
			index_entry e2[2];
			size_t n = index_entries(&rec, e2);
			for (size_t i = 0; i < n; i++) {
				MDB_val ik = val_of(&e2[i].k), iv;
				if (mdb_get(txn, s->index[e2[i].ix], &ik, &iv) != 0) {
					fprintf(out, _("%s %llu: missing from index %s\n"),
						lz_kind_label(kind), (unsigned long long)id,
						index_db[e2[i].ix]);
					++*problems;
				} else if (iv.mv_size != e2[i].value.len ||
					   memcmp(iv.mv_data, e2[i].value.b, iv.mv_size) != 0) {
					fprintf(out, _("%s %llu: its entry in index %s is out of date\n"),
						lz_kind_label(kind), (unsigned long long)id,
						index_db[e2[i].ix]);
					++*problems;
				}
			}
		}
		lz_arena_free(&a);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? LZ_OK : LZ_EIO;
}

static lz_rc check_index(lz_store *s, MDB_txn *txn, enum index_id ix, lz_kind kind,
			 FILE *out, size_t *problems)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->index[ix], &cur);
	if (rc)
		return LZ_EIO;
	MDB_val k, v;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 12) {
			fprintf(out, _("%s: a key of %zu bytes instead of 12\n"), index_db[ix], k.mv_size);
			++*problems;
			continue;
		}
		lz_id id = get_u64((const unsigned char *)k.mv_data + 4);
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
				found = e[i].ix == ix && memcmp(e[i].k.b, k.mv_data, 12) == 0;
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

lz_rc lz_store_check(lz_store *s, FILE *out, size_t *problems, lz_err *err)
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
	static const lz_kind index_kind[IX_COUNT] = {LZ_KIND_MEETING, LZ_KIND_ITEM,
						      LZ_KIND_ITEM, LZ_KIND_RISK};
	for (int i = 0; i < IX_COUNT && r == LZ_OK; i++)
		r = check_index(s, txn, (enum index_id)i, index_kind[i], out, problems);
	MDB_val k = {.mv_size = 7, .mv_data = "next_id"}, v;
	if (r == LZ_OK && max_id > 0) {
		if (mdb_get(txn, s->meta, &k, &v) != 0 || v.mv_size != 8 ||
		    get_u64(v.mv_data) <= max_id) {
			fprintf(out, _("meta: the id counter is behind the highest id %llu\n"),
				(unsigned long long)max_id);
			++*problems;
		}
	}
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
	if (mdb_stat(txn, s->log_ix, &st) != 0 || st.ms_entries != a->entries)
		return audit_fail(a, _("the history index holds entries the log does not"));
	return true;
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

lz_rc lz_store_audit(lz_store *s, lz_audit *a, lz_err *err)
{
	memset(a, 0, sizeof *a);
	a->intact = true;
	if (!s->has_log)
		return no_log(s, err);
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	if (audit_chain(s, txn, a) && audit_records(s, txn, a))
		audit_missing(s, txn, a);
	mdb_txn_abort(txn);
	return LZ_OK;
}

/* ---- undo ---- */

/* How far back undo looks for a change not yet taken back. */
#define UNDO_REACH 10000

static lz_rc find_undoable(lz_store *s, MDB_txn *txn, lz_arena *arena, lz_log_entry *out,
			   lz_err *err)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->log, &cur);
	if (rc)
		return db_error(s, rc, err);
	uint64_t undone[UNDO_REACH];
	size_t n_undone = 0;
	MDB_val k, v;
	lz_rc r = lz_err_set(err, LZ_EDATA, _("there is no change to undo"));
	int steps = 0;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_LAST); rc == 0 && steps < UNDO_REACH;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_PREV), steps++) {
		lz_log_entry e;
		if (lz_log_decode(v.mv_data, v.mv_size, arena, &e) != LZ_LOG_INTACT) {
			r = lz_err_set(err, LZ_EDATA,
				       _("database %s: the change log is damaged; run 'lianzheng audit verify'"),
				       s->dir);
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
		if (e.op == LZ_LOG_PLAN || e.op == LZ_LOG_BASELINE)
			break;  /* earlier changes predate a plan import or the log */
		/* The bytes must outlive the transaction. */
		unsigned char *before = lz_arena_alloc(arena, e.n_before + 1);
		unsigned char *after = lz_arena_alloc(arena, e.n_after + 1);
		memcpy(before, e.before, e.n_before);
		memcpy(after, e.after, e.n_after);
		e.before = before;
		e.after = after;
		*out = e;
		r = LZ_OK;
		break;
	}
	mdb_cursor_close(cur);
	return r;
}

lz_rc lz_store_undo(lz_store *s, lz_arena *arena, lz_log_entry *undone, lz_err *err)
{
	if (s->read_only)
		return refuse_read_only(s, err);
	if (!s->has_log)
		return no_log(s, err);
	MDB_txn *txn;
	int rc = begin(s, MDB_RDONLY, &txn);
	if (rc)
		return db_error(s, rc, err);
	lz_log_entry e;
	lz_rc r = find_undoable(s, txn, arena, &e, err);
	/* Every later entry is an undo or was undone, so the record holds
	 * what this entry left, whatever its version number says by now;
	 * a change made meanwhile by another program is refused as stale. */
	uint32_t version = 0;
	if (r == LZ_OK && e.kind < LZ_KIND_COUNT) {
		key k = id_key(e.id);
		MDB_val kv = val_of(&k), v;
		lz_record now;
		if (mdb_get(txn, s->records[e.kind], &kv, &v) == 0 &&
		    lz_record_decode(e.kind, v.mv_data, v.mv_size, arena, &now, NULL) == LZ_OK)
			version = now.u.meta.version;
	}
	mdb_txn_abort(txn);
	if (r != LZ_OK)
		return r;
	lz_record then;
	lz_op op = {.kind = e.kind};
	switch (e.op) {
	case LZ_LOG_ADD:
		op.op = LZ_OP_REMOVE;
		op.id = e.id;
		op.expect_version = version ? version : UINT32_MAX;
		break;
	case LZ_LOG_UPDATE:
		r = lz_record_decode(e.kind, e.before, e.n_before, arena, &then, err);
		op.op = LZ_OP_UPDATE;
		op.rec = &then;
		op.expect_version = version ? version : UINT32_MAX;
		break;
	case LZ_LOG_REMOVE:
		r = lz_record_decode(e.kind, e.before, e.n_before, arena, &then, err);
		op.op = LZ_OP_RESTORE;
		op.rec = &then;
		break;
	default:
		return lz_err_set(err, LZ_EDATA, _("there is no change to undo"));
	}
	if (r == LZ_OK)
		r = apply_ops(s, &op, 1, e.seq, err);
	if (r == LZ_OK) {
		*undone = e;
		undone->before = undone->after = NULL;
		undone->n_before = undone->n_after = 0;
	}
	return r;
}

/* ---- backup and restore ---- */

static int fsync_dir_of(const char *path)
{
	char dir[PATH_MAX];
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

/* The copy goes to a temporary name beside the target and is renamed
 * over it only once complete and on disk: a crash leaves the old file or
 * the new one, never half of one. */
lz_rc lz_store_backup(lz_store *s, const char *file, lz_err *err)
{
	char tmp[PATH_MAX + 32];
	if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", file, (long)getpid()) >= (int)sizeof tmp)
		return lz_err_set(err, LZ_EUSAGE, _("backup file name is too long"));
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), file, strerror(errno));
	/* LMDB's copy runs in a read transaction: writers go on meanwhile. */
	int rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	if (!rc && fsync(fd) != 0)
		rc = errno;
	if (close(fd) != 0 && !rc)
		rc = errno;
	if (!rc && rename(tmp, file) != 0)
		rc = errno;
	if (rc) {
		unlink(tmp);
		if (rc == ENOSPC || rc == EDQUOT)
			return lz_err_set(err, LZ_EIO, _("cannot write %s: the disk is full; no backup was made"), file);
		return lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), file,
				  rc > 0 ? strerror(rc) : mdb_strerror(rc));
	}
	fsync_dir_of(file);
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

/* Verifies a backup file as `db check` and `audit verify` would. */
static lz_rc verify_copy(const char *file, lz_err *err)
{
	lz_store *copy;
	lz_store_options opt = {.single_file = true};
	lz_rc r = lz_store_open(file, &opt, &copy, err);
	if (r != LZ_OK)
		return r == LZ_ENOINPUT ? r : lz_err_set(err, LZ_EDATA, _("%s is not a usable backup: %s"), file, err->msg);
	char *report = NULL;
	size_t report_len = 0;
	FILE *out = open_memstream(&report, &report_len);
	size_t problems = 0;
	if (!out)
		abort();
	r = lz_store_check(copy, out, &problems, err);
	fclose(out);
	if (r == LZ_OK && problems) {
		char *nl = strchr(report, '\n');
		if (nl)
			*nl = '\0';
		r = lz_err_set(err, LZ_EDATA, _("%s is not a usable backup: %s"), file, report);
	}
	free(report);
	lz_audit a;
	if (r == LZ_OK)
		r = lz_store_audit(copy, &a, err);
	if (r == LZ_OK && !a.intact)
		r = lz_err_set(err, LZ_EDATA, _("%s is not a usable backup: %s"), file, a.problem);
	lz_store_close(copy);
	return r;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return errno;
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		int e = errno;
		close(in);
		return e;
	}
	char buf[1 << 16];
	ssize_t n;
	int rc = 0;
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = errno;
			break;
		}
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = errno;
				break;
			}
			done += w;
		}
		if (rc)
			break;
	}
	if (!rc && fsync(out) != 0)
		rc = errno;
	if (close(out) != 0 && !rc)
		rc = errno;
	close(in);
	if (rc)
		unlink(to);
	return rc;
}

lz_rc lz_store_restore(const char *dir, const char *file, char *kept, size_t kept_size,
		       lz_err *err)
{
	lz_rc r = verify_copy(file, err);
	if (r != LZ_OK)
		return r;
	kept[0] = '\0';
	int e = make_dirs(dir);
	if (e)
		return lz_err_set(err, LZ_EIO, _("cannot create database directory %s: %s"), dir,
				  strerror(e));
	int lock = take_use_lock(dir, LOCK_EX);
	if (lock < 0)
		return lz_err_set(err, LZ_EIO,
				  _("database %s is open in another lianzheng; close it first, then restore"),
				  dir);
	char data[PATH_MAX + 32], incoming[PATH_MAX + 32];
	snprintf(data, sizeof data, "%s/data.mdb", dir);
	snprintf(incoming, sizeof incoming, "%s/data.mdb.restoring", dir);
	/* The replaced database keeps the time it was replaced in its name,
	 * so a second restore never overwrites the first one's copy. */
	time_t now = (time_t)lz_now();
	struct tm tm;
	localtime_r(&now, &tm);
	snprintf(kept, kept_size, "%s/data.mdb.%04d%02d%02d-%02d%02d%02d.bak", dir, tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	unlink(incoming);
	int rc = copy_file(file, incoming);
	if (access(data, F_OK) != 0)
		kept[0] = '\0';
	else if (!rc && link(data, kept) != 0)
		rc = errno;
	/* The rename is the moment of replacement: before it the old
	 * database is whole in place, after it the new one is. */
	if (!rc && rename(incoming, data) != 0)
		rc = errno;
	if (!rc)
		rc = fsync_dir_of(data);
	close(lock);
	if (rc) {
		unlink(incoming);
		return lz_err_set(err, LZ_EIO, _("cannot restore into %s: %s; the database was not changed"),
				  dir, strerror(rc));
	}
	return LZ_OK;
}
