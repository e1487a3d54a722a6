/* Undo: the latest transaction not yet taken back, reverted entry by
 * entry in one new transaction whose entries name what they undo. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "record_codec.h"

/* How far back undo looks for a change not yet taken back. */
#define UNDO_REACH 10000

/* What one transaction changed, found from the end of the log: entries
 * first..last, last being the latest change that is not an undo and was
 * not taken back yet. */
typedef struct undo_target {
	uint64_t first, last;
} undo_target;

/* Whether the database holds a plan for a year other than the one e is
 * about: the first plan it was created with is never taken away. */
static bool other_plans(lz_store *s, MDB_txn *txn, const lz_log_entry *e)
{
	int years[LZ_PLAN_YEARS_MAX];
	size_t n = store_plan_years_of_txn(s, txn, years);
	int year = store_plan_entry_year(s, txn, e);
	for (size_t i = 0; i < n; i++)
		if (years[i] != year)
			return true;
	return false;
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
			r = store_log_damaged(s, err);
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
		 * created with, have nothing before them to go back to; a
		 * later year's first plan goes back to no plan for that year. */
		if (e.op == LZ_LOG_BASELINE ||
		    (e.op == LZ_LOG_PLAN && e.n_before == 0 && !other_plans(s, w->txn, &e)))
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

static void del_meta(write_ctx *w, MDB_val k)
{
	int rc = mdb_del(w->txn, w->s->meta, &k, NULL);
	ok(w, rc == MDB_NOTFOUND ? 0 : rc);
}

/* Puts back the plan an entry replaced, or takes away the year's plan an
 * entry added; the compiled form is dropped, to be made again from the
 * YAML by the next program that opens it. */
static void plan_put_back(write_ctx *w, const lz_log_entry *e)
{
	lz_store *s = w->s;
	int year = store_plan_entry_year(s, w->txn, e);
	plan_key kb[4];
	MDB_val pk = store_plan_key(s, &kb[0], "plan", year), pv;
	MDB_val now = {0};
	if (mdb_get(w->txn, s->meta, &pk, &pv) == 0) {
		now.mv_size = pv.mv_size;
		now.mv_data = lz_arena_alloc(&w->scratch, pv.mv_size ? pv.mv_size : 1);
		memcpy(now.mv_data, pv.mv_data, pv.mv_size);
	}
	MDB_val shk = store_plan_key(s, &kb[1], "plan_sha256", year);
	if (e->n_before) {
		char sha[65];
		store_sha256_hex((const char *)e->before, e->n_before, sha);
		MDB_val yaml = {.mv_size = e->n_before, .mv_data = (void *)e->before};
		MDB_val shv = {.mv_size = 64, .mv_data = sha};
		ok(w, mdb_put(w->txn, s->meta, &pk, &yaml, 0));
		ok(w, mdb_put(w->txn, s->meta, &shk, &shv, 0));
	} else {
		del_meta(w, pk);
		del_meta(w, shk);
	}
	del_meta(w, store_plan_key(s, &kb[2], "plan_bin", year));
	del_meta(w, store_plan_key(s, &kb[3], "plan_bin_sha256", year));
	store_log_append(w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, (lz_id)year, now.mv_data, now.mv_size,
			 e->before, e->n_before);
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
		return store_log_damaged(w->s, err);
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
		return store_log_damaged(w->s, err);
	}
	if (r == LZ_OK)
		r = store_apply_one(w, &op, err);
	return r;
}

typedef struct undo_ctx {
	lz_arena *arena;
	lz_log_entry *undone;
	size_t changes;
	uint64_t expect;  /* the transaction the user was shown, or 0 */
} undo_ctx;

static lz_rc undo_body(write_ctx *w, void *ctx, lz_err *err)
{
	undo_ctx *u = ctx;
	u->changes = 0;
	undo_target t = {0, 0};
	lz_rc r = find_undoable(w, &t, err);
	if (r != LZ_OK)
		return r;
	if (u->expect && t.first != u->expect)
		return lz_err_set(err, LZ_ESTALE,
				  _("the latest change is no longer the one shown (another was made meanwhile); nothing was undone"));
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
			r = rc == MDB_NOTFOUND ? store_log_damaged(w->s, err) : (ok(w, rc), LZ_EIO);
			break;
		}
		/* LMDB's copy of the entry moves with the first write. */
		unsigned char *copy = lz_arena_alloc(scratch, v.mv_size);
		memcpy(copy, v.mv_data, v.mv_size);
		if (lz_log_decode(copy, v.mv_size, scratch, &e) != LZ_LOG_INTACT || e.txn != t.first ||
		    e.undo_of) {
			r = store_log_damaged(w->s, err);
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
			r = store_flush_months(w, err);
			lz_arena_free(scratch);
		}
	}
	if (r == LZ_OK)
		u->undone->txn = t.first;
	return r;
}

lz_rc lz_store_undo_peek(lz_store *s, lz_arena *arena, lz_undo_preview *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	if (!s->has_log)
		return store_no_log(s, err);
	/* find_undoable reads through a write context's transaction and
	 * sticky error; a read transaction serves as well. */
	write_ctx w = {.s = s};
	int rc = store_begin(s, MDB_RDONLY, &w.txn);
	if (rc)
		return store_db_error(s, rc, err);
	undo_target t = {0, 0};
	lz_rc r = find_undoable(&w, &t, err);
	for (uint64_t seq = t.last; r == LZ_OK && seq >= t.first && seq; seq--) {
		unsigned char kb[8];
		put_u64(kb, seq);
		MDB_val k = {.mv_size = 8, .mv_data = kb}, v;
		if (mdb_get(w.txn, s->log, &k, &v) != 0) {
			r = store_log_damaged(s, err);
			break;
		}
		out->changes++;
		if (seq != t.last)
			continue;
		/* The entry's bytes are copied: the preview outlives the
		 * transaction. */
		unsigned char *copy = lz_arena_alloc(arena, v.mv_size ? v.mv_size : 1);
		memcpy(copy, v.mv_data, v.mv_size);
		if (lz_log_decode(copy, v.mv_size, arena, &out->last) != LZ_LOG_INTACT)
			r = store_log_damaged(s, err);
	}
	if (r == LZ_OK && !w.mdb_rc) {
		out->last.txn = t.first;
		out->mine = false;
		for (size_t i = 0; i < s->n_own_txns; i++)
			out->mine |= s->own_txns[i] == t.first;
	}
	if (r == LZ_OK && w.mdb_rc)
		r = store_db_error(s, w.mdb_rc, err);
	mdb_txn_abort(w.txn);
	return r;
}

lz_rc lz_store_undo(lz_store *s, lz_arena *arena, lz_log_entry *undone, size_t *changes,
		    lz_err *err)
{
	return lz_store_undo_txn(s, 0, arena, undone, changes, err);
}

lz_rc lz_store_undo_txn(lz_store *s, uint64_t expect, lz_arena *arena, lz_log_entry *undone,
			size_t *changes, lz_err *err)
{
	if (s->read_only)
		return store_refuse_read_only(s, err);
	if (!s->has_log)
		return store_no_log(s, err);
	undo_ctx u = {arena, undone, 0, expect};
	lz_rc r = store_run_write(s, undo_body, &u, err);
	if (changes)
		*changes = r == LZ_OK ? u.changes : 0;
	return r;
}
