/* The record store: one LMDB environment per user holding the plan and
 * every record, with indexes kept in the same transaction as the records.
 * The only module that calls LMDB.  Every change goes through
 * lz_store_apply, one transaction per call, or through a batch (one
 * transaction fed op by op).
 *
 * Its sources, one job each, share store_internal.h (for core/store
 * alone): store_open.c the environment, store_lock.c the use lock and the
 * claims, store_format.c the tables and upgrades, store_write.c changes
 * and batches, store_index.c the indexes and the month roll, store_log.c
 * the change log, store_read.c reads and walks, store_plan.c the plan and
 * its compiled form, store_check.c db check, store_audit.c audit verify,
 * store_undo.c undo, store_backup.c backup and restore, store_bundle.c a
 * backup that carries the evidence store, store_examine.c reading a file
 * in a child process; the codecs (record, brief, log) know the bytes.
 * store_evidence.c keeps the evidence files (lz_evidence.h), no LMDB. */
#ifndef LZ_STORE_H
#define LZ_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lz_arena.h"
#include "lz_date.h"
#include "lz_err.h"
#include "lz_log.h"
#include "lz_outfile.h"
#include "lz_record.h"

/* 2: the change log.  3: meetings by date keyed by (date, start, id), the
 * month roll.  4: log entries name the transaction that wrote them (one
 * undo takes back all of it), which a reader of format 3 could not decode.
 * 5: a plan per year (store_plan.c), where format 4 kept one.
 * 6: the registers (notices, disclosures, discipline), whose log entries
 * carry kind codes a reader of format 5 would refuse as damage; a
 * database of format 5 opened read-only reads their tables as empty.
 * An older database is brought up to date when opened for writing.
 * Public for the tests, which forge a database of a newer format. */
#define LZ_DB_FORMAT 6

typedef struct lz_store lz_store;

typedef struct lz_store_options {
	size_t initial_map_bytes;  /* 0: the default; tests pass a tiny one */
	bool read_only;
	/* dir names a single database file (a backup), opened read-only. */
	bool single_file;
	/* Open only a database that is there: a mistyped directory must not
	 * become a new, empty database (LZ_ENOINPUT naming it instead). */
	bool existing_only;
} lz_store_options;

/* The database directory: dir when given, else $LIANZHENG_DB, else
 * $XDG_DATA_HOME/lianzheng, else ~/.local/share/lianzheng. */
lz_rc lz_store_resolve_dir(const char *dir, char *buf, size_t size, lz_err *err);

/* Opens (creating, with modes 0700/0600) the environment in dir. */
lz_rc lz_store_open(const char *dir, const lz_store_options *opt,
		    lz_store **out, lz_err *err);
void lz_store_close(lz_store *s);
/* The map's size in bytes; outside the store only the tests ask (that it grew). */
size_t lz_store_map_size(const lz_store *s);

/* ---- plans: the database keeps one plan per year ---- */

enum { LZ_PLAN_YEARS_MAX = LZ_YEAR_LAST - LZ_YEAR_FIRST + 1 };
/* The years with a plan, ascending; *n of them. */
lz_rc lz_store_plan_years(lz_store *s, int years[LZ_PLAN_YEARS_MAX], size_t *n, lz_err *err);
/* A year's plan: its YAML text and the hex SHA-256 of that text.
 * LZ_ENOINPUT when the database has no plan for the year. */
lz_rc lz_store_get_plan(lz_store *s, int year, char **yaml, size_t *len,
			char sha256_hex[65], lz_err *err);
/* Stores the plan of year (logged: a new year's plan, or one replacing
 * the year's plan) and, in the same transaction, its compiled form
 * (lz_plan_cache.h), which is tied to this YAML by its checksum. */
lz_rc lz_store_set_plan(lz_store *s, int year, const char *yaml, size_t len,
			const void *compiled, size_t clen, lz_err *err);
/* The compiled plan of year, when there is one made from its current
 * YAML (else LZ_ENOINPUT); a malloc'd copy. */
lz_rc lz_store_get_plan_cache(lz_store *s, int year, void **buf, size_t *len, lz_err *err);
/* Replaces the compiled plan of year's current YAML (after a program
 * update changed its layout); does nothing on a read-only database. */
lz_rc lz_store_set_plan_cache(lz_store *s, int year, const void *compiled, size_t clen,
			      lz_err *err);
bool lz_store_read_only(const lz_store *s);
/* A number that changes whenever a transaction is committed to the
 * database, by this process or another: whether what was read is still
 * current, without reading it again. */
uint64_t lz_store_generation(lz_store *s);
/* The database was opened read-only because its directory or its file
 * cannot be written, though writing was asked for: the user should be
 * told.  lz_store_read_only_reason says which, in a sentence. */
bool lz_store_forced_read_only(const lz_store *s);
const char *lz_store_read_only_reason(const lz_store *s);

typedef enum lz_op_kind { LZ_OP_ADD, LZ_OP_UPDATE, LZ_OP_REMOVE, LZ_OP_RESTORE } lz_op_kind;

typedef struct lz_op {
	lz_op_kind op;
	lz_kind kind;
	/* ADD: the new record; its id, times and version are assigned and
	 *      written back.
	 * UPDATE: the full new content, meta.id naming the record; the
	 *      stored creation time is kept and the version advanced (both
	 *      written back).  Content equal to the stored record's is
	 *      neither written nor logged: the version written back is the
	 *      stored one.
	 * REMOVE: only kind and id are used.
	 * RESTORE: a removed record, with its id and creation time, comes
	 *      back (the version advanced); refused if the id is in use.
	 *      Undo's way back for a removal; no caller outside the store
	 *      uses it. */
	lz_record *rec;
	lz_id id;  /* REMOVE */
	/* UPDATE/REMOVE: the version the change was based on; a record that
	 * has moved on since is refused with LZ_ESTALE.  0: do not check. */
	uint32_t expect_version;
} lz_op;

/* Applies all ops in one transaction: all or nothing. */
lz_rc lz_store_apply(lz_store *s, lz_op *ops, size_t n, lz_err *err);

/* Replaces the plan of year (logged, like lz_store_set_plan) and, in the
 * same transaction, applies ops: the records carried over to the new plan.
 * The plan's log entry comes last, so one undo takes back the whole.
 * LZ_ESTALE when the change log has moved past expect_seq (the entry the
 * caller's reading of the records was based on; 0: do not check). */
lz_rc lz_store_replace_plan(lz_store *s, int year, const char *yaml, size_t len,
			    const void *compiled, size_t clen, lz_op *ops, size_t n,
			    uint64_t expect_seq, lz_err *err);

/* A batch: one transaction fed one op at a time, for changes too many to
 * hold in memory at once (a CSV import streams its rows).  Each op is
 * applied as lz_store_apply applies it; the op's record may be freed once
 * lz_store_batch_apply returns.  Nothing is visible to others, and
 * nothing is kept, until the commit.  After a failed apply, only abort is
 * left.  Commit and abort end the batch and free it; *again (may be NULL)
 * tells that it failed only because the database's map was full: the map
 * has been grown, and the caller should begin a new batch and apply the
 * same ops again.  A process has at most one batch or write open. */
typedef struct lz_store_batch lz_store_batch;
/* expect_bytes: about how much the batch will add to the database (0 if
 * unknown); the map is grown for it first, which spares the reruns. */
lz_rc lz_store_batch_begin(lz_store *s, size_t expect_bytes, lz_store_batch **out,
			   lz_err *err);
lz_rc lz_store_batch_apply(lz_store_batch *b, lz_op *op, lz_err *err);
lz_rc lz_store_batch_commit(lz_store_batch *b, bool *again, lz_err *err);
void lz_store_batch_abort(lz_store_batch *b, bool *again);

/* Reads one record into arena; LZ_EDATA when there is none. */
lz_rc lz_store_get(lz_store *s, lz_kind kind, lz_id id, lz_arena *arena,
		   lz_record *out, lz_err *err);

/* Visits records; a visitor returns false to stop.  Records (the structs
 * and their contents) are decoded into arena and live as long as it. */
typedef bool (*lz_visit_fn)(const lz_record *r, void *ctx);

/* Meetings dated from..to inclusive, by date, start time, then id. */
lz_rc lz_store_meetings_between(lz_store *s, lz_day from, lz_day to, lz_arena *arena,
				lz_visit_fn fn, void *ctx, lz_err *err);
/* Meetings dated from..to, by date, start time and id, as briefs: all
 * but their text, read from the month roll (one value per month) without
 * touching the records, so a year of them costs a few pages.  Strings
 * live until the visitor returns. */
typedef bool (*lz_brief_fn)(const lz_meeting_brief *b, void *ctx);
lz_rc lz_store_meeting_briefs(lz_store *s, lz_day from, lz_day to, lz_brief_fn fn,
			      void *ctx, lz_err *err);

/* The same briefs with the start of each title (at most LZ_BRIEF_TITLE
 * bytes, whole characters), for a day's list: read from the date index,
 * which holds them so, in the same order. */
#define LZ_BRIEF_TITLE 120
lz_rc lz_store_meeting_briefs_titled(lz_store *s, lz_day from, lz_day to, lz_brief_fn fn,
				     void *ctx, lz_err *err);

/* Items of one task (task > 0) or all items by task (task 0). */
lz_rc lz_store_items_by_task(lz_store *s, int task, lz_arena *arena,
			     lz_visit_fn fn, void *ctx, lz_err *err);
/* Items with a deadline from..to inclusive, by deadline. */
lz_rc lz_store_items_due_between(lz_store *s, lz_day from, lz_day to, lz_arena *arena,
				 lz_visit_fn fn, void *ctx, lz_err *err);
/* Risk points whose next review is from..to inclusive, by review date. */
lz_rc lz_store_risks_review_between(lz_store *s, lz_day from, lz_day to, lz_arena *arena,
				    lz_visit_fn fn, void *ctx, lz_err *err);
/* Every record of a kind, by id. */
lz_rc lz_store_scan(lz_store *s, lz_kind kind, lz_arena *arena, lz_visit_fn fn,
		    void *ctx, lz_err *err);
/* Records of a kind whose stored text contains needle: a fast byte
 * prefilter on the encoded record, confirmed by match on the decoded one. */
typedef bool (*lz_match_fn)(const lz_record *r, const char *needle);
lz_rc lz_store_search(lz_store *s, lz_kind kind, const char *needle, lz_match_fn match,
		      lz_arena *arena, lz_visit_fn fn, void *ctx, lz_err *err);

/* Verifies that every record decodes and passes what add checks against
 * the stored plan, that every index entry (the month roll's too) matches
 * the records, both ways, and that the compiled plan is what the plan's
 * text compiles to.  Each problem is printed to out; *problems counts
 * them.  The file is read in a child process: a damaged page that would
 * crash LMDB is reported as LZ_EIO, "database DIR is damaged: …".
 * Only the tests check an open store; the commands use lz_store_check_dir. */
lz_rc lz_store_check(lz_store *s, FILE *out, size_t *problems, lz_err *err);
/* The same for the database in dir, opened (read-only) only in the child,
 * so that damage the opening itself runs into is reported too; counts
 * receives the number of records of each kind. */
lz_rc lz_store_check_dir(const char *dir, FILE *out, size_t *problems,
			 size_t counts[LZ_KIND_COUNT], lz_err *err);

/* ---- the change log (lz_log.h) ---- */

/* Visits log entries in order from sequence number from_seq (1 for all);
 * with id != 0, only that record's.  An entry's strings live in arena, its
 * before/after bytes only during the call. */
typedef bool (*lz_log_fn)(const lz_log_entry *e, void *ctx);
lz_rc lz_store_log(lz_store *s, lz_id id, uint64_t from_seq, lz_arena *arena, lz_log_fn fn,
		   void *ctx, lz_err *err);
/* The record as it stood at the end of day (local time): the content the
 * last change log entry of that day or before gave it, decoded into
 * arena.  *found is false when it did not exist then (entered later, or
 * removed by then), or the database has no log to tell. */
lz_rc lz_store_get_on(lz_store *s, lz_kind kind, lz_id id, lz_day day, lz_arena *arena,
		      lz_record *out, bool *found, lz_err *err);
/* The last entry's sequence number and hash (0 and zeros for none). */
lz_rc lz_store_log_head(lz_store *s, uint64_t *seq, unsigned char hash[LZ_LOG_HASH],
			lz_err *err);

typedef struct lz_audit {
	uint64_t entries;   /* log entries verified */
	size_t records;     /* records compared with the log */
	uint64_t head_seq;
	unsigned char head[LZ_LOG_HASH];
	bool intact;
	char problem[512];  /* the first problem found, when not intact */
} lz_audit;
/* Walks the chain (every hash, every link, no gaps) and compares every
 * record, and the plan, with the content its last log entry gave it, and
 * the compiled plan with what the plan's text compiles to; stops at the
 * first mismatch.  Read in a child process, as lz_store_check.  Only the
 * tests audit an open store; the commands use lz_store_audit_dir. */
lz_rc lz_store_audit(lz_store *s, lz_audit *out, lz_err *err);
/* The same for the database in dir, opened only in the child (for
 * writing, as any command opens it: an older database gets its log). */
lz_rc lz_store_audit_dir(const char *dir, lz_audit *out, lz_err *err);

/* Takes back what the latest transaction that is not itself an undo and
 * was not undone yet changed — every record it wrote, and the plan it
 * imported — as one new transaction whose entries are logged with
 * undo_of.  *undone describes that transaction's last entry (strings in
 * arena; no bytes; txn names its first), *changes counts the entries taken
 * back.  LZ_EDATA when there is nothing to undo. */
lz_rc lz_store_undo(lz_store *s, lz_arena *arena, lz_log_entry *undone, size_t *changes,
		    lz_err *err);
/* What lz_store_undo would take back now, without taking it: the
 * transaction's last entry (its before and after bytes too, in arena; txn
 * names its first), how many entries, and whether this handle wrote it.
 * LZ_EDATA when there is nothing to undo. */
typedef struct lz_undo_preview {
	lz_log_entry last;
	size_t changes;
	bool mine;
} lz_undo_preview;
lz_rc lz_store_undo_peek(lz_store *s, lz_arena *arena, lz_undo_preview *out, lz_err *err);
/* lz_store_undo, but only when what it would take back is still the
 * transaction expect (a preview's last.txn): LZ_ESTALE, nothing undone,
 * when another change came in between. */
lz_rc lz_store_undo_txn(lz_store *s, uint64_t expect, lz_arena *arena, lz_log_entry *undone,
			size_t *changes, lz_err *err);

/* Writes a compacted, consistent copy of the database to file (replacing
 * it atomically) while other processes go on working, and notes the time. */
lz_rc lz_store_backup(lz_store *s, const char *file, lz_err *err);
/* Sets opts to refuse the database's own files (data.mdb, lock.mdb, the
 * lock file, the directory) as an output, under any name. */
void lz_store_guard(const lz_store *s, lz_outfile_opts *opts);
/* When the last backup was made (Unix seconds), 0 if never. */
int64_t lz_store_last_backup(lz_store *s);
/* Replaces the database in dir by the backup in file.  The file (a
 * regular file) is opened once and copied into a private file beside the
 * database, that copy is checked in a child process (it opens, and what
 * `db check` and `audit verify` check passes; a crash while reading it is
 * "damaged backup: FILE: …"), and only then renamed into place: the bytes
 * checked are the bytes installed, and a refused backup leaves the
 * database as it was.  The replaced file is kept beside it, its name
 * returned in kept.  Refused while another program has the database open. */
lz_rc lz_store_restore(const char *dir, const char *file, char *kept, size_t kept_size,
		       lz_err *err);
/* The check restore makes, in this process: only for a file LMDB itself
 * wrote, whose pages cannot crash it (the backup fuzzer's copies; no
 * command uses it). */
lz_rc lz_store_verify_backup_here(const char *file, lz_err *err);

/* Counts of records per kind. */
lz_rc lz_store_count(lz_store *s, lz_kind kind, size_t *count, lz_err *err);

#endif
