/* Writing: the write transaction (its sticky LMDB error, the map grown
 * and the body run again when full), the changes lz_store_apply and the
 * batches make, and how each is logged and indexed. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "record_codec.h"

/* Starts a write transaction in w. */
static int write_begin(lz_store *s, write_ctx *w, int64_t now)
{
	*w = (write_ctx){.s = s, .now = now};
	return store_begin(s, 0, &w->txn);
}

/* Ends w's transaction: when *r is LZ_OK and LMDB has not failed, the
 * pending month changes are written and it commits, else it is aborted.
 * Returns LMDB's code (MDB_MAP_FULL: grow the map and write it all again);
 * a failure of ours is left in *r. */
static int write_end(write_ctx *w, lz_rc *r, lz_err *err)
{
	int rc;
	if (*r == LZ_OK && !w->mdb_rc)
		*r = store_flush_months(w, err);
	if (*r == LZ_OK && !w->mdb_rc)
		*r = store_check_claim(w->s, err);
	if (*r == LZ_OK && !w->mdb_rc) {
		rc = mdb_txn_commit(w->txn);
	} else {
		mdb_txn_abort(w->txn);
		rc = w->mdb_rc;
	}
	w->txn = NULL;
	store_months_clear(w->s);
	lz_arena_free(&w->scratch);
	return rc;
}

/* Runs body in a write transaction with the pending month changes written
 * at its end; on MDB_MAP_FULL, grows the map and runs it again. */
void store_note_own_txn(lz_store *s, uint64_t first)
{
	size_t cap = sizeof s->own_txns / sizeof *s->own_txns;
	if (s->n_own_txns == cap) {
		memmove(s->own_txns, s->own_txns + 1, (cap - 1) * sizeof *s->own_txns);
		s->n_own_txns--;
	}
	s->own_txns[s->n_own_txns++] = first;
}

lz_rc store_run_write(lz_store *s, write_fn body, void *ctx, lz_err *err)
{
	int64_t now = lz_now();
	for (int attempt = 0; attempt < MAX_GROWS; attempt++) {
		write_ctx w;
		int rc = write_begin(s, &w, now);
		if (rc)
			return store_db_error(s, rc, err);
		lz_rc r = body(&w, ctx, err);
		uint64_t first = w.txn_first;
		rc = write_end(&w, &r, err);
		if (rc == MDB_MAP_FULL) {
			if (!store_grow(s))
				break;
			continue;
		}
		if (!rc && r == LZ_OK && first)
			store_note_own_txn(s, first);
		return rc ? store_db_error(s, rc, err) : r;
	}
	return lz_err_set(err, LZ_EIO, _("database %s: cannot grow the map"), s->dir);
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
		return store_not_found(w->s, w->txn, kind, id, err);
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

static bool same_as_stored(const lz_record *r, const MDB_val *stored)
{
	unsigned char *buf;
	size_t len;
	lz_record_encode(r, &buf, &len);
	bool same = len == stored->mv_size && memcmp(buf, stored->mv_data, len) == 0;
	free(buf);
	return same;
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
	store_log_append(w, op, r->kind, r->u.meta.id, before ? before->mv_data : NULL,
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

lz_rc store_apply_one(write_ctx *w, lz_op *op, lz_err *err)
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
		store_index_put(w, rec);
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
		store_index_put(w, rec);
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
		m->updated = old.u.meta.updated;
		m->version = old.u.meta.version;
		keep_provenance(w, rec, &old);
		/* Saved as it was: nothing written, nothing logged, and the
		 * version unchanged tells the caller so. */
		if (same_as_stored(rec, &before))
			return LZ_OK;
		m->updated = w->now;
		m->version = old.u.meta.version + 1;
		store_index_del(w, &old);
		record_put(w, rec, 0, LZ_LOG_UPDATE, &before);
		store_index_put(w, rec);
		return LZ_OK;
	}
	case LZ_OP_REMOVE: {
		MDB_val before;
		if ((r = load_old(w, op->kind, op->id, &old, &before, err)) != LZ_OK)
			return r;
		if ((r = check_version(&old, op->expect_version, op->kind, err)) != LZ_OK)
			return r;
		store_index_del(w, &old);
		key k = id_key(op->id);
		MDB_val kv = val_of(&k);
		ok(w, mdb_del(w->txn, w->s->records[op->kind], &kv, NULL));
		store_log_append(w, LZ_LOG_REMOVE, op->kind, op->id, before.mv_data, before.mv_size,
				 NULL, 0);
		return LZ_OK;
	}
	}
	return lz_err_set(err, LZ_EUSAGE, "bad store operation");
}

/* One change in the transaction: the path every change takes, whether
 * lz_store_apply's ops or a batch's. */
static lz_rc write_op(write_ctx *w, lz_op *op, lz_err *err)
{
	lz_rc r = store_apply_one(w, op, err);
	if (r == LZ_OK && w->s->pending >= FLUSH_AT) {
		r = store_flush_months(w, err);
		/* The old records decoded for the briefs are written out: a
		 * transaction of a million changes keeps only the last few. */
		lz_arena_free(&w->scratch);
	}
	return r;
}

lz_rc store_apply_body(write_ctx *w, void *ctx, lz_err *err)
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

/* Keeps what the caller gave in ops, for store_apply_body to start each
 * run from; store_apply_release frees it. */
void store_apply_prepare(apply_ctx *a, lz_op *ops, size_t n, uint64_t undo_of)
{
	*a = (apply_ctx){ops, n, undo_of, malloc((n ? n : 1) * sizeof *a->saved),
			 malloc((n ? n : 1) * sizeof *a->saved_held)};
	if (!a->saved || !a->saved_held)
		abort();
	for (size_t i = 0; i < n; i++) {
		a->saved[i] = ops[i].rec ? ops[i].rec->u.meta : (lz_meta){0};
		a->saved_held[i] = ops[i].rec && ops[i].kind == LZ_KIND_MEETING
					   ? ops[i].rec->u.meeting.held_entered : 0;
	}
}

void store_apply_release(apply_ctx *a)
{
	free(a->saved);
	free(a->saved_held);
}

static lz_rc apply_ops(lz_store *s, lz_op *ops, size_t n, uint64_t undo_of, lz_err *err)
{
	if (s->read_only)
		return store_refuse_read_only(s, err);
	apply_ctx a;
	store_apply_prepare(&a, ops, n, undo_of);
	lz_rc r = store_run_write(s, store_apply_body, &a, err);
	store_apply_release(&a);
	return r;
}

lz_rc lz_store_apply(lz_store *s, lz_op *ops, size_t n, lz_err *err)
{
	return apply_ops(s, ops, n, 0, err);
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
	while (lz_store_map_size(s) < want && store_grow(s))
		;
}

lz_rc lz_store_batch_begin(lz_store *s, size_t expect_bytes, lz_store_batch **out, lz_err *err)
{
	*out = NULL;
	if (s->read_only)
		return store_refuse_read_only(s, err);
	reserve(s, expect_bytes);
	lz_store_batch *b = calloc(1, sizeof *b);
	if (!b)
		abort();
	int rc = write_begin(s, &b->w, lz_now());
	if (rc) {
		free(b);
		return store_db_error(s, rc, err);
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
		r = store_db_error(b->w.s, b->w.mdb_rc, err);
	b->failed = r != LZ_OK;
	return r;
}

/* Ends the batch; true when LMDB ran out of map, which was then grown. */
static bool batch_end(lz_store_batch *b, lz_rc *r, int *rc, lz_err *err)
{
	lz_store *s = b->w.s;
	*rc = write_end(&b->w, r, err);
	free(b);
	return *rc == MDB_MAP_FULL && store_grow(s);
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
	return rc ? store_db_error(s, rc, err) : r;
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
