/* Reading records: one by id, ranges of an index, the meetings' briefs,
 * titled from the date index or bare from the month roll, every record of a
 * kind, and the search walk. */
#include "store_internal.h"

#include <string.h>

#include "lz_i18n.h"
#include "record_codec.h"

lz_rc store_not_found(lz_store *s, MDB_txn *txn, lz_kind kind, lz_id id, lz_err *err)
{
	key k = id_key(id);
	MDB_val kv = val_of(&k), v;
	for (int other = 0; other < LZ_KIND_COUNT; other++)
		if (other != (int)kind && mdb_get(txn, s->records[other], &kv, &v) == 0)
			return lz_err_set(err, LZ_EDATA, _("record %llu is of kind %s, not %s (lianzheng %s show %llu)"),
					  (unsigned long long)id, lz_kind_label((lz_kind)other),
					  lz_kind_label(kind), lz_kind_name((lz_kind)other),
					  (unsigned long long)id);
	return lz_err_set(err, LZ_EDATA, _("there is no %s with id %llu"), lz_kind_label(kind),
			  (unsigned long long)id);
}

lz_rc lz_store_get(lz_store *s, lz_kind kind, lz_id id, lz_arena *arena,
		   lz_record *out, lz_err *err)
{
	if (s->no_table[kind])
		return lz_err_set(err, LZ_EDATA, _("there is no %s with id %llu"), lz_kind_label(kind),
				  (unsigned long long)id);
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	key k = id_key(id);
	MDB_val kv = val_of(&k), v;
	rc = mdb_get(txn, s->records[kind], &kv, &v);
	lz_rc r;
	if (rc == MDB_NOTFOUND)
		r = store_not_found(s, txn, kind, id, err);
	else if (rc)
		r = store_db_error(s, rc, err);
	else
		r = lz_record_decode(kind, v.mv_data, v.mv_size, arena, out, err);
	mdb_txn_abort(txn);
	return r;
}

/* What to do with one entry of an index range: LZ_OK to go on; a visitor
 * that wants to stop sets *stop. */
typedef lz_rc (*entry_fn)(lz_store *s, MDB_txn *txn, const MDB_val *k, const MDB_val *v,
			  void *ctx, bool *stop, lz_err *err);

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

/* Walks an index from (from, 0) through (to, max) in one read
 * transaction: the cursor loop every range query shares. */
static lz_rc walk_range(lz_store *s, enum index_id ix, int32_t from, int32_t to, entry_fn fn,
			void *ctx, lz_err *err)
{
	if (s->old_indexes)
		return old_indexes(s, err);
	MDB_txn *txn;
	MDB_cursor *cur;
	lz_rc r = store_walk_begin(s, s->index[ix], &txn, &cur, err);
	if (r != LZ_OK)
		return r;
	/* The smallest key of the first value: the rest of it zeros. */
	key start = {.len = index_key_len(ix)};
	put_u32(start.b, biased(from));
	MDB_val k = val_of(&start), v;
	bool stop = false;
	int rc;
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
	return store_walk_end(s, txn, cur, rc, r, err);
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
			       : store_db_error(s, grc, err);
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

typedef struct titled_walk {
	lz_brief_fn fn;
	void *ctx;
} titled_walk;

static lz_rc visit_titled(lz_store *s, MDB_txn *txn, const MDB_val *k, const MDB_val *v,
			  void *ctx, bool *stop, lz_err *err)
{
	(void)txn;
	titled_walk *w = ctx;
	const unsigned char *kb = k->mv_data;
	lz_meeting_brief b = {.date = unbiased(kb), .start = unbiased(kb + 4),
			      .id = get_u64(kb + 8)};
	if (!brief_titled_decode(v->mv_data, v->mv_size, &b))
		return damaged_entry(s, err);
	if (!w->fn(&b, w->ctx))
		*stop = true;
	return LZ_OK;
}

lz_rc lz_store_meeting_briefs_titled(lz_store *s, lz_day from, lz_day to, lz_brief_fn fn,
				     void *ctx, lz_err *err)
{
	titled_walk w = {fn, ctx};
	return walk_range(s, IX_MEETING_DATE, from, to, visit_titled, &w, err);
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
	MDB_cursor *cur;
	lz_rc r = store_walk_begin(s, s->months, &txn, &cur, err);
	if (r != LZ_OK)
		return r;
	int32_t last = brief_month_of(to);
	key start = month_key(brief_month_of(from));
	MDB_val k = val_of(&start), v;
	bool stop = false;
	int rc;
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
			r = store_damaged_month(s, month, err);
	}
	return store_walk_end(s, txn, cur, rc, r, err);
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
	if (s->no_table[kind])
		return LZ_OK;
	MDB_txn *txn;
	MDB_cursor *cur;
	lz_rc r = store_walk_begin(s, s->records[kind], &txn, &cur, err);
	if (r != LZ_OK)
		return r;
	size_t nlen = needle ? strlen(needle) : 0;
	MDB_val k, v;
	int rc;
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
	return store_walk_end(s, txn, cur, rc, r, err);
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
	*count = 0;
	if (s->no_table[kind])
		return LZ_OK;
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	MDB_stat st;
	rc = mdb_stat(txn, s->records[kind], &st);
	mdb_txn_abort(txn);
	if (rc)
		return store_db_error(s, rc, err);
	*count = st.ms_entries;
	return LZ_OK;
}
