/* The tables and the format marker: opening the tables, telling a
 * lianzheng database from another program's, and bringing a new database,
 * or one an older version wrote, to this format. */
#include "store_internal.h"

#include <string.h>

#include "lz_i18n.h"
#include "lz_plan_load.h"
#include "record_codec.h"

/* Opens the tables; with MDB_CREATE, in a write transaction, making those
 * that are missing.  Without indexes, for an older database opened
 * read-only: the records' tables, and the change log's if it has one. */
static int open_dbis(lz_store *s, MDB_txn *txn, unsigned flags, bool indexes)
{
	int rc = mdb_dbi_open(txn, "meta", flags, &s->meta);
	for (int k = 0; rc == 0 && k < LZ_KIND_COUNT; k++) {
		rc = mdb_dbi_open(txn, kind_db[k], flags, &s->records[k]);
		s->no_table[k] = rc == MDB_NOTFOUND && k >= LATER_KIND && !(flags & MDB_CREATE);
		if (s->no_table[k])
			rc = 0;
	}
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
		return store_db_error(s, rc, err);
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
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	rc = open_dbis(s, txn, 0, indexes);
	*missing = rc == MDB_NOTFOUND;
	lz_rc r = LZ_OK;
	if (rc == MDB_INCOMPATIBLE)
		r = not_ours(s, err);
	else if (rc && !*missing)
		r = store_db_error(s, rc, err);
	else if (!*missing)
		r = read_format(s, txn, format, err);
	/* Committing, even a read-only transaction, is what keeps the
	 * database handles it opened. */
	if (r == LZ_OK && !*missing && (rc = mdb_txn_commit(txn)) != 0)
		r = store_db_error(s, rc, err);
	else if (r != LZ_OK || *missing)
		mdb_txn_abort(txn);
	return r;
}

/* The common case: every table there, in this format.  *ready is false
 * for a new database, or one of an older format. */
lz_rc store_open_tables(lz_store *s, bool *ready, lz_err *err)
{
	bool missing;
	uint32_t format;
	lz_rc r = read_tables(s, true, &missing, &format, err);
	*ready = r == LZ_OK && !missing && format == LZ_DB_FORMAT;
	return r;
}

/* A database written by an older version was written under older rules:
 * its records are checked as add checks them before this version takes
 * them in (its indexes, its log) or shows them. */
static lz_rc check_old_records(lz_store *s, MDB_txn *txn, lz_err *err)
{
	char why[400];
	if (!store_first_invalid_record(s, txn, why, sizeof why))
		return LZ_OK;
	return lz_err_set(err, LZ_EDATA,
			  _("database %s was written by an older version of lianzheng and holds a record this version refuses (%s); nothing was changed"),
			  s->dir, why);
}

/* The year of the one plan an older format kept under "plan"; 0 when it
 * has none or it cannot be read (then it reads as having no plan). */
static int legacy_plan_year(lz_store *s, MDB_txn *txn)
{
	MDB_val k = META_KEY("plan"), v;
	if (mdb_get(txn, s->meta, &k, &v) != 0)
		return 0;
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan;
	int year = 0;
	if (lz_plan_load_buffer(_("stored plan"), v.mv_data, v.mv_size, &plan, &d) == LZ_OK) {
		year = plan->year;
		lz_plan_free(plan);
	}
	lz_diags_free(&d);
	return year;
}

/* A database that needs setting up, opened read-only: its records (and
 * its log, if it has one) can be read, its indexes not until a writer
 * has rebuilt them. */
lz_rc store_open_old(lz_store *s, lz_err *err)
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
		if ((rc = store_begin(s, MDB_RDONLY, &txn)) != 0)
			return store_db_error(s, rc, err);
		if (format < 5)
			s->unmigrated_year = legacy_plan_year(s, txn);
		r = check_old_records(s, txn, err);
		mdb_txn_abort(txn);
	}
	return r;
}

/* An environment lianzheng did not make must be left as it was found: an
 * empty one may become a database, but one holding anything without
 * lianzheng's format marker (every version wrote it in the transaction
 * that created the tables) belongs to another program, and adding our
 * tables to it, even for a read-only command, would change that
 * program's file.  Checked in a read transaction, before anything is
 * written. */
lz_rc store_check_ours(lz_store *s, bool single_file, lz_err *err)
{
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	MDB_dbi main_db, meta;
	MDB_stat st;
	rc = mdb_dbi_open(txn, NULL, 0, &main_db);
	if (!rc)
		rc = mdb_stat(txn, main_db, &st);
	lz_rc r = LZ_OK;
	if (rc) {
		r = store_db_error(s, rc, err);
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
			r = store_db_error(s, rc, err);
	}
	mdb_txn_abort(txn);
	return r;
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
				store_index_put(w, rec);
			/* The briefs borrow from the decoded records until written. */
			if (w->s->pending >= FLUSH_AT) {
				r = store_flush_months(w, err);
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
	if (!ok(w, store_log_last(w->txn, s->log, &w->seq, w->hash)) || w->seq)
		return;
	w->head_read = true;
	int years[LZ_PLAN_YEARS_MAX];
	size_t n = store_plan_years_of_txn(s, w->txn, years);
	for (size_t i = 0; i < n; i++) {
		plan_key pk;
		MDB_val k = store_plan_key(s, &pk, "plan", years[i]), v;
		if (mdb_get(w->txn, s->meta, &k, &v) == 0)
			store_log_append(w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, (lz_id)years[i], NULL, 0,
					 v.mv_data, v.mv_size);
	}
	for (int kind = 0; kind < LZ_KIND_COUNT && !w->mdb_rc; kind++) {
		MDB_cursor *cur;
		if (!ok(w, mdb_cursor_open(w->txn, s->records[kind], &cur)))
			break;
		MDB_val k, v;
		int rc;
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && !w->mdb_rc;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
			if (k.mv_size == 8)
				store_log_append(w, LZ_LOG_BASELINE, (lz_kind)kind, get_u64(k.mv_data),
						 NULL, 0, v.mv_data, v.mv_size);
		ok(w, rc == MDB_NOTFOUND ? 0 : rc);
		mdb_cursor_close(cur);
	}
}

/* Format 4 and older kept one plan under "plan": it becomes the plan of
 * its year, and the log's entries about it (id 0) stay about that year
 * ("plan_legacy_year"), so the chain is kept as it was. */
static lz_rc migrate_plan(write_ctx *w, lz_err *err)
{
	lz_store *s = w->s;
	MDB_val old_text = META_KEY("plan"), v;
	int rc = mdb_get(w->txn, s->meta, &old_text, &v);
	if (rc == MDB_NOTFOUND)
		return LZ_OK;
	if (!ok(w, rc))
		return LZ_EIO;
	int year = legacy_plan_year(s, w->txn);
	if (!year)
		return lz_err_set(err, LZ_EDATA,
				  _("database %s cannot be brought to this version's format: its stored plan is not valid; restore a backup, or import a valid plan with the version that wrote it"),
				  s->dir);
	/* Read-only, the plan was read under its old key; from here on it is
	 * under the new one. */
	s->unmigrated_year = 0;
	static const char *const what[] = {"plan", "plan_sha256", "plan_bin", "plan_bin_sha256"};
	for (int i = 0; i < 4 && !w->mdb_rc; i++) {
		MDB_val old_key = {.mv_size = strlen(what[i]), .mv_data = (void *)what[i]}, val;
		rc = mdb_get(w->txn, s->meta, &old_key, &val);
		if (rc == MDB_NOTFOUND)
			continue;
		if (!ok(w, rc))
			break;
		/* LMDB's copy is only good until the next write. */
		MDB_val copy = {.mv_size = val.mv_size,
				.mv_data = lz_arena_alloc(&w->scratch, val.mv_size ? val.mv_size : 1)};
		memcpy(copy.mv_data, val.mv_data, val.mv_size);
		plan_key nk;
		MDB_val new_key = store_plan_key(s, &nk, what[i], year);
		ok(w, mdb_put(w->txn, s->meta, &new_key, &copy, 0));
		ok(w, mdb_del(w->txn, s->meta, &old_key, NULL));
	}
	unsigned char b[4];
	put_u32(b, (uint32_t)year);
	MDB_val lk = META_KEY("plan_legacy_year"), lv = {.mv_size = 4, .mv_data = b};
	ok(w, mdb_put(w->txn, s->meta, &lk, &lv, 0));
	return w->mdb_rc ? LZ_EIO : LZ_OK;
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
	if ((r = migrate_plan(w, err)) != LZ_OK)
		return r;
	if (format != 0 && (r = check_old_records(s, w->txn, err)) != LZ_OK)
		return r;
	if ((r = rebuild_indexes(w, err)) != LZ_OK)
		return r;
	start_log(w);
	ok(w, put_format(w->txn, s->meta));
	return LZ_OK;
}

/* Creates the tables of a new database, or brings one written by an
 * older version to this format, in one write transaction.  Another
 * process may have done either meanwhile: the transaction looks again. */
lz_rc store_setup(lz_store *s, lz_err *err)
{
	return store_run_write(s, setup_body, NULL, err);
}
