/* What the store's files share, and nothing outside core/store includes:
 * the environment's handle, the layout of keys and tables, a write
 * transaction's state, and the functions one job of the store lends
 * another (each group names the file that defines it). */
#ifndef LZ_STORE_INTERNAL_H
#define LZ_STORE_INTERNAL_H

#include <limits.h>
#include <lmdb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "brief_codec.h"
#include "lz_log.h"
#include "lz_plan.h"
#include "lz_store.h"

/* The map starts small and doubles on MDB_MAP_FULL up to this cap; LMDB
 * only reserves address space, the file grows with the data. */
#define DEFAULT_MAP (16u << 20)
#define MAX_MAP ((size_t)1 << 40)
#define MAX_GROWS 24

/* Indexes with one entry per record.  The month roll (meetings_by_month,
 * brief_codec.h) is kept beside them by the same calls. */
enum index_id { IX_MEETING_DATE, IX_ITEM_TASK, IX_ITEM_DUE, IX_RISK_REVIEW, IX_COUNT };

static const char *const kind_db[LZ_KIND_COUNT] = {
	"people", "items", "meetings", "risks", "notices", "disclosures", "discipline"};
/* Tables of the kinds from this one on may be missing from a database an
 * older version wrote (opened read-only, it is not set up): read as
 * empty.  A write opens them all with MDB_CREATE. */
#define LATER_KIND LZ_KIND_NOTICE
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
	bool no_table[LZ_KIND_COUNT];  /* a LATER_KIND's table is missing */
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
	/* data.mdb opened for the claim (see store_lock.c), or -1; the
	 * identities of the files this process relies on, to notice any of
	 * them replaced before a write is acknowledged. */
	int claim_fd;
	off_t claim_at;
	dev_t lock_dev;
	ino_t lock_ino;
	/* Opened read-only in an older format: the records can be read and
	 * checked, the indexes only once a writer has rebuilt them. */
	bool old_indexes;
	/* An older format (one plan, under "plan") opened read-only: that
	 * plan's year, which the plan functions read it as; else 0. */
	int unmigrated_year;
	/* The month roll's pending changes and working memory, kept from one
	 * transaction to the next: a bulk insert would fault fresh pages in
	 * for them every time. */
	month_changes *roll;
	size_t n_roll, cap_roll;
	size_t pending;  /* changes over all months */
	/* The first log entries of the latest transactions this handle
	 * committed, newest last: undo tells a change of this window from
	 * one made elsewhere. */
	uint64_t own_txns[64];
	size_t n_own_txns;
	brief_work roll_work;
	char dir[PATH_MAX];
};

/* Every program using the database holds a shared lock on this file
 * for as long as it has the database open; restore takes it exclusively,
 * so it never replaces a file another process is writing to. */
#define USE_LOCK "lianzheng.lock"

/* ---- keys: big-endian so byte order is numeric order ---- */

typedef struct key {
	unsigned char b[16];
	size_t len;
} key;

static inline void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)(v >> 32));
	put_u32(p + 4, (uint32_t)v);
}

static inline uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) << 32 | get_u32(p + 4);
}

/* Signed values flip their sign bit so negatives sort first. */
static inline uint32_t biased(int32_t v)
{
	return (uint32_t)v ^ 0x80000000u;
}

static inline int32_t unbiased(const unsigned char *p)
{
	return (int32_t)(get_u32(p) ^ 0x80000000u);
}

static inline key id_key(lz_id id)
{
	key k = {.len = 8};
	put_u64(k.b, id);
	return k;
}

/* (value, id): items by task or deadline, risks by review date. */
static inline key index_key(int32_t v, lz_id id)
{
	key k = {.len = 12};
	put_u32(k.b, biased(v));
	put_u64(k.b + 4, id);
	return k;
}

#define META_KEY(str) ((MDB_val){.mv_size = sizeof(str) - 1, .mv_data = (void *)(str)})

/* (date, start, id): a day's meetings come in the order they are shown. */
static inline key meeting_key(const lz_meeting *m)
{
	key k = {.len = 16};
	put_u32(k.b, biased(m->date));
	put_u32(k.b + 4, biased(m->start));
	put_u64(k.b + 8, m->meta.id);
	return k;
}

static inline key month_key(int32_t month)
{
	key k = {.len = 4};
	put_u32(k.b, biased(month));
	return k;
}

static inline size_t index_key_len(enum index_id ix)
{
	return ix == IX_MEETING_DATE ? 16 : 12;
}

/* The id at the end of any index key. */
static inline lz_id key_id(const MDB_val *k)
{
	return get_u64((const unsigned char *)k->mv_data + k->mv_size - 8);
}

static inline MDB_val val_of(const key *k)
{
	return (MDB_val){.mv_size = k->len, .mv_data = (void *)k->b};
}

static inline key log_ix_key(lz_id id, uint64_t seq)
{
	key k = {.len = 16};
	put_u64(k.b, id);
	put_u64(k.b + 8, seq);
	return k;
}

/* ---- store_open.c: the environment ---- */

int store_begin(lz_store *s, unsigned flags, MDB_txn **txn);
bool store_grow(lz_store *s);
/* Remembers a transaction this handle committed (its first log entry). */
void store_note_own_txn(lz_store *s, uint64_t first);
lz_rc store_walk_begin(lz_store *s, MDB_dbi dbi, MDB_txn **txn, MDB_cursor **cur, lz_err *err);
lz_rc store_walk_end(lz_store *s, MDB_txn *txn, MDB_cursor *cur, int rc, lz_rc r, lz_err *err);
lz_rc store_db_error(lz_store *s, int rc, lz_err *err);
/* "there is no meeting 5", or, ids being shared by every kind, what 5 is
 * instead and the command that shows it (store_read.c). */
lz_rc store_not_found(lz_store *s, MDB_txn *txn, lz_kind kind, lz_id id, lz_err *err);
lz_rc store_refuse_read_only(lz_store *s, lz_err *err);
int store_make_dirs(const char *path);

/* ---- store_lock.c: the use lock and the claims ---- */

int store_take_use_lock(const char *dir, int how, int *open_errno);
lz_rc store_take_claim(lz_store *s, const char *data_path, lz_err *err);
lz_rc store_check_claim(lz_store *s, lz_err *err);
bool store_data_file_in_use(const char *dir);

/* ---- store_format.c: the tables, the format marker, upgrades ---- */

lz_rc store_open_tables(lz_store *s, bool *ready, lz_err *err);
lz_rc store_open_old(lz_store *s, lz_err *err);
lz_rc store_check_ours(lz_store *s, bool single_file, lz_err *err);
lz_rc store_setup(lz_store *s, lz_err *err);

/* ---- store_write.c: write transactions and changes ---- */

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

/* The sticky error: once LMDB has failed, every later step is skipped
 * and the transaction is aborted at its end. */
static inline bool ok(write_ctx *w, int rc)
{
	if (rc && !w->mdb_rc)
		w->mdb_rc = rc;
	return !w->mdb_rc;
}

/* Pending changes are written out once this many wait, so that a huge
 * transaction (a rebuild) does not hold them all in memory. */
enum { FLUSH_AT = 8192 };

/* The body of a write transaction: run again from its start when the map
 * had to grow, so it must not rely on what an aborted run left. */
typedef lz_rc (*write_fn)(write_ctx *w, void *ctx, lz_err *err);

typedef struct apply_ctx {
	lz_op *ops;
	size_t n;
	uint64_t undo_of;  /* the log entry an undo reverts, else 0 */
	/* What the caller gave, for a replay after growing the map: an
	 * aborted attempt has written ids and times back. */
	lz_meta *saved;
	int64_t *saved_held;
} apply_ctx;

lz_rc store_run_write(lz_store *s, write_fn body, void *ctx, lz_err *err);
lz_rc store_apply_one(write_ctx *w, lz_op *op, lz_err *err);
void store_apply_prepare(apply_ctx *a, lz_op *ops, size_t n, uint64_t undo_of);
void store_apply_release(apply_ctx *a);
lz_rc store_apply_body(write_ctx *w, void *ctx, lz_err *err);

/* ---- store_index.c: the indexes and the month roll ---- */

/* Meetings must have a date YYYY-MM-DD can write, so that every month
 * and day the indexes compute from it exists. */
static inline bool meeting_date_ok(lz_day d)
{
	return d >= lz_day_from_ymd(0, 1, 1) && d <= lz_day_from_ymd(9999, 12, 31);
}

/* The index entries a record must have, with their values: a meeting's
 * entry in the date index carries its titled brief (brief_codec.h). */
typedef struct index_entry {
	enum index_id ix;
	key k;
	unsigned char *value;  /* malloc'd, or NULL for an empty value */
	size_t len;
} index_entry;

size_t store_index_entries(const lz_record *r, index_entry out[2]);
void store_entries_free(index_entry *e, size_t n);
void store_index_put(write_ctx *w, const lz_record *r);
void store_index_del(write_ctx *w, const lz_record *r);
lz_rc store_flush_months(write_ctx *w, lz_err *err);
void store_months_clear(lz_store *s);
lz_rc store_damaged_month(lz_store *s, int32_t month, lz_err *err);

/* ---- store_log.c: the change log ---- */

int store_log_last(MDB_txn *txn, MDB_dbi log, uint64_t *seq, unsigned char hash[LZ_LOG_HASH]);
void store_log_append(write_ctx *w, lz_log_op op, lz_kind kind, lz_id id, const void *before,
		      size_t n_before, const void *after, size_t n_after);
lz_log_damage store_log_get(lz_store *s, MDB_txn *txn, uint64_t seq, lz_arena *arena,
			    lz_log_entry *e);
bool store_last_entry_of(lz_store *s, MDB_txn *txn, lz_id id, uint64_t *seq);
lz_rc store_no_log(lz_store *s, lz_err *err);
lz_rc store_log_begin(lz_store *s, MDB_txn **txn, lz_err *err);
lz_rc store_log_damaged(lz_store *s, lz_err *err);

/* ---- store_plan.c: each year's plan text and its compiled form ---- */

void store_sha256_hex(const char *data, size_t len, char out[65]);
/* A meta key of a year's plan: what is "plan", "plan_sha256", "plan_bin"
 * or "plan_bin_sha256"; the value points into k. */
typedef struct plan_key {
	char b[32];
} plan_key;
MDB_val store_plan_key(const lz_store *s, plan_key *k, const char *what, int year);
/* The year the single plan of an older format had ("plan_legacy_year"),
 * which its log entries (id 0) are about; 0 when there was none. */
int store_legacy_plan_year(lz_store *s, MDB_txn *txn);
/* The year a plan log entry is about. */
int store_plan_entry_year(lz_store *s, MDB_txn *txn, const lz_log_entry *e);
/* The years with a plan, ascending; returns how many. */
size_t store_plan_years_of_txn(lz_store *s, MDB_txn *txn, int years[LZ_PLAN_YEARS_MAX]);
/* The latest plan log entry about year, decoded into arena. */
bool store_last_plan_entry(lz_store *s, MDB_txn *txn, int year, lz_arena *arena,
			   lz_log_entry *out);
lz_rc store_plan_of_txn(lz_store *s, MDB_txn *txn, int year, lz_plan **plan, char *why,
			size_t n);
bool store_plan_cache_current(lz_store *s, MDB_txn *txn, int year, const lz_plan *plan);
lz_rc store_put_meta_entries(lz_store *s, MDB_val *keys, MDB_val *vals, size_t n, lz_err *err);

/* ---- store_check.c, store_audit.c: db check, audit verify ---- */

bool store_first_invalid_record(lz_store *s, MDB_txn *txn, char *why, size_t n);
lz_rc store_check_here(lz_store *s, FILE *out, size_t *problems, lz_err *err);
lz_rc store_audit_here(lz_store *s, lz_audit *a, lz_err *err);

/* ---- store_bundle.c: a backup with the evidence store ---- */

/* The hash names of the files in the evidence store, sorted; malloc'd. */
size_t store_evidence_files(const lz_store *s, char (**names)[65]);
/* Whether a backup's first bytes are a bundle's (a tar archive). */
bool store_bundle_is(const unsigned char *first, size_t n);
/* Writes the bundle of s to fd (at offset 0): data.mdb, then every
 * evidence file that still has its hash. */
lz_rc store_bundle_write(lz_store *s, int fd, const char *file, lz_err *err);
/* Reads a bundle from in: data.mdb into data_out (synced), each evidence
 * file into the directory stage under its hash, checked against it;
 * *files counts them.  Messages name file. */
lz_rc store_bundle_read(int in, int data_out, const char *stage, const char *file,
			size_t *files, lz_err *err);

/* ---- store_examine.c: reading a file in a child process ---- */

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

/* A database to examine: where it is and how to open it. */
typedef struct target {
	const char *path;
	lz_store_options opt;
} target;

static inline lz_rc open_target(const target *t, lz_store **out, lz_err *err)
{
	return lz_store_open(t->path, &t->opt, out, err);
}

bool store_write_all(int fd, const void *buf, size_t n);
enum examined store_examine_apart(examine_fn fn, const void *ctx, unsigned limit, verdict *v,
				  char **report, char *why, size_t why_size);
unsigned store_check_limit(const char *path, bool single_file);
lz_rc store_examine_target(const target *t, examine_fn fn, verdict *v, char **report,
			   lz_err *err);

#endif
