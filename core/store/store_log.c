/* The change log's storage: appending an entry in a write transaction,
 * the chain's head, and reading entries back, all of them or one
 * record's (lz_log.h knows the entries' bytes). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "record_codec.h"

/* The chain's head is the last entry itself, never a copy kept beside
 * it that could disagree. */
int store_log_last(MDB_txn *txn, MDB_dbi log, uint64_t *seq, unsigned char hash[LZ_LOG_HASH])
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

/* Appends an entry in the caller's transaction: the change and its
 * record of it commit or vanish together. */
void store_log_append(write_ctx *w, lz_log_op op, lz_kind kind, lz_id id, const void *before,
		      size_t n_before, const void *after, size_t n_after)
{
	if (w->mdb_rc)
		return;
	if (!w->head_read) {
		if (!ok(w, store_log_last(w->txn, w->s->log, &w->seq, w->hash)))
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
	/* Plans are all under id 0 of the history index: a year is no record
	 * id, and their history is one walk (store_plan.c). */
	key ik = log_ix_key(kind == LZ_LOG_KIND_PLAN ? 0 : id, e.seq);
	MDB_val ikv = val_of(&ik), empty = {.mv_size = 0, .mv_data = ""};
	ok(w, mdb_put(w->txn, w->s->log_ix, &ikv, &empty, MDB_NOOVERWRITE));
	w->seq = e.seq;
	memcpy(w->hash, e.hash, LZ_LOG_HASH);
}

/* Reads the entry stored under seq; LZ_LOG_UNREADABLE also when absent. */
lz_log_damage store_log_get(lz_store *s, MDB_txn *txn, uint64_t seq, lz_arena *arena,
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

lz_rc store_no_log(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("database %s was written by an older version and has no change log yet; open it once for writing"),
			  s->dir);
}

lz_rc store_log_damaged(lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EDATA,
			  _("database %s: the change log is damaged; run 'lianzheng audit verify'"),
			  s->dir);
}

lz_rc lz_store_log(lz_store *s, lz_id id, uint64_t from_seq, lz_arena *arena, lz_log_fn fn,
		   void *ctx, lz_err *err)
{
	if (!s->has_log)
		return store_no_log(s, err);
	MDB_txn *txn;
	MDB_cursor *cur;
	lz_rc r = store_walk_begin(s, id ? s->log_ix : s->log, &txn, &cur, err);
	if (r != LZ_OK)
		return r;
	key start = id ? log_ix_key(id, from_seq) : id_key(from_seq);
	MDB_val k = val_of(&start), v;
	int rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		lz_log_entry e;
		lz_log_damage d;
		if (id) {
			if (k.mv_size != 16 || get_u64(k.mv_data) != id)
				break;
			d = store_log_get(s, txn, get_u64((const unsigned char *)k.mv_data + 8), arena,
					  &e);
		} else {
			d = lz_log_decode(v.mv_data, v.mv_size, arena, &e);
		}
		if (d != LZ_LOG_INTACT) {
			r = store_log_damaged(s, err);
			break;
		}
		if (!fn(&e, ctx))
			break;
	}
	return store_walk_end(s, txn, cur, rc, r, err);
}

typedef struct state_on {
	lz_day day;
	lz_arena *arena;
	unsigned char *after;  /* the latest content by day's end; NULL: none */
	size_t n_after;
} state_on;

static bool keep_state(const lz_log_entry *e, void *ctx)
{
	state_on *st = ctx;
	/* Entries come in order of writing: the first one after the day
	 * ends the walk. */
	if (lz_day_of_time(e->time) > st->day)
		return false;
	st->after = NULL;
	st->n_after = e->n_after;
	if (e->n_after) {
		st->after = lz_arena_alloc(st->arena, e->n_after);
		memcpy(st->after, e->after, e->n_after);
	}
	return true;
}

lz_rc lz_store_get_on(lz_store *s, lz_kind kind, lz_id id, lz_day day, lz_arena *arena,
		      lz_record *out, bool *found, lz_err *err)
{
	*found = false;
	if (!s->has_log)
		return LZ_OK;
	lz_arena scratch = {0};
	state_on st = {.day = day, .arena = &scratch};
	lz_rc rc = lz_store_log(s, id, 1, &scratch, keep_state, &st, err);
	if (rc == LZ_OK && st.after) {
		rc = lz_record_decode(kind, st.after, st.n_after, arena, out, err);
		*found = rc == LZ_OK;
	}
	lz_arena_free(&scratch);
	return rc;
}

/* A read transaction for reading the log; a database without one (an
 * older one opened read-only) is told so. */
lz_rc store_log_begin(lz_store *s, MDB_txn **txn, lz_err *err)
{
	if (!s->has_log)
		return store_no_log(s, err);
	int rc = store_begin(s, MDB_RDONLY, txn);
	return rc ? store_db_error(s, rc, err) : LZ_OK;
}

lz_rc lz_store_log_head(lz_store *s, uint64_t *seq, unsigned char hash[LZ_LOG_HASH], lz_err *err)
{
	MDB_txn *txn;
	lz_rc r = store_log_begin(s, &txn, err);
	if (r != LZ_OK)
		return r;
	int rc = store_log_last(txn, s->log, seq, hash);
	mdb_txn_abort(txn);
	return rc ? store_db_error(s, rc, err) : LZ_OK;
}

/* The record's last entry in the log, by the history index. */
bool store_last_entry_of(lz_store *s, MDB_txn *txn, lz_id id, uint64_t *seq)
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
