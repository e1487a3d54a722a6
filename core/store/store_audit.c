/* audit verify: the change log's chain is whole, and every record, the
 * plan and the compiled plan are what the log last gave them. */
#include "store_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lz_evidence.h"
#include "lz_i18n.h"
#include "record_codec.h"

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
			key ik = log_ix_key(e.kind == LZ_LOG_KIND_PLAN ? 0 : e.id, seq);
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

/* Each stored record, and the plan, against its last logged content. */
static bool audit_records(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	for (int kind = 0; kind < LZ_KIND_COUNT; kind++) {
		MDB_cursor *cur;
		if (s->no_table[kind])
			continue;
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
			if (!store_last_entry_of(s, txn, id, &seq))
				good = audit_fail(a, _("%s %llu is not in the change log: it was added outside lianzheng"),
						  label, (unsigned long long)id);
			else if (store_log_get(s, txn, seq, &scratch, &e) != LZ_LOG_INTACT)
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
			if (store_log_get(s, txn, last, &scratch, &e) != LZ_LOG_INTACT) {
				good = audit_fail(a, _("log entry %llu cannot be read"), (unsigned long long)last);
			} else if (e.kind != LZ_LOG_KIND_PLAN && e.op != LZ_LOG_REMOVE) {
				key rk = id_key(id);
				MDB_val rkv = val_of(&rk), rv;
				if (s->no_table[e.kind] || mdb_get(txn, s->records[e.kind], &rkv, &rv) != 0)
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

/* A year's stored plan against its latest log entry, and its compiled
 * form against its text. */
static bool audit_plan_of(lz_store *s, MDB_txn *txn, int year, lz_audit *a)
{
	plan_key pk;
	MDB_val k = store_plan_key(s, &pk, "plan", year), v;
	lz_arena scratch = {0};
	lz_log_entry e;
	bool good = true;
	if (mdb_get(txn, s->meta, &k, &v) != 0) {
		good = audit_fail(a, _("the plan for %d cannot be read"), year);
	} else if (!store_last_plan_entry(s, txn, year, &scratch, &e)) {
		good = audit_fail(a, _("the plan for %d is not in the change log: it was added outside lianzheng"),
				  year);
	} else if (v.mv_size != e.n_after || memcmp(v.mv_data, e.after, e.n_after) != 0) {
		good = audit_fail(a, _("the stored plan for %d was altered outside lianzheng: it differs from log entry %llu"),
				  year, (unsigned long long)e.seq);
	}
	lz_arena_free(&scratch);
	if (!good)
		return false;
	lz_plan *plan;
	char why[400];
	if (store_plan_of_txn(s, txn, year, &plan, why, sizeof why) != LZ_OK)
		return audit_fail(a, _("the stored plan for %d is not valid: %s"), year, why);
	bool same = store_plan_cache_current(s, txn, year, plan);
	lz_plan_free(plan);
	if (!same)
		return audit_fail(a, _("the compiled plan for %d differs from its text: it was altered outside lianzheng"),
				  year);
	return true;
}

/* Every year's plan against the log: each stored one as its latest entry
 * left it, and none missing that the log says is there. */
static bool audit_plans(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	int years[LZ_PLAN_YEARS_MAX];
	size_t n = store_plan_years_of_txn(s, txn, years);
	for (size_t i = 0; i < n; i++)
		if (!audit_plan_of(s, txn, years[i], a))
			return false;
	/* The log's last word on each year, in order of the entries. */
	bool kept[LZ_PLAN_YEARS_MAX] = {false};
	uint64_t at[LZ_PLAN_YEARS_MAX] = {0};
	MDB_cursor *cur;
	if (!s->has_log || mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return true;
	key from = log_ix_key(0, 0);
	MDB_val k = val_of(&from), v;
	bool good = true;
	for (int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	     good && rc == 0 && k.mv_size == 16 && get_u64(k.mv_data) == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		uint64_t seq = get_u64((const unsigned char *)k.mv_data + 8);
		lz_arena scratch = {0};
		lz_log_entry e;
		if (store_log_get(s, txn, seq, &scratch, &e) != LZ_LOG_INTACT) {
			good = audit_fail(a, _("log entry %llu cannot be read"), (unsigned long long)seq);
		} else {
			int y = store_plan_entry_year(s, txn, &e);
			if (y >= LZ_YEAR_FIRST && y <= LZ_YEAR_LAST) {
				kept[y - LZ_YEAR_FIRST] = e.n_after > 0;
				at[y - LZ_YEAR_FIRST] = seq;
			}
		}
		lz_arena_free(&scratch);
	}
	mdb_cursor_close(cur);
	for (int y = LZ_YEAR_FIRST; good && y <= LZ_YEAR_LAST; y++) {
		bool stored = false;
		for (size_t i = 0; i < n && !stored; i++)
			stored = years[i] == y;
		if (kept[y - LZ_YEAR_FIRST] && !stored)
			good = audit_fail(a, _("the plan for %d was deleted outside lianzheng (log entry %llu shows it)"),
					  y, (unsigned long long)at[y - LZ_YEAR_FIRST]);
	}
	return good;
}

/* Every file the records name as evidence, against the hash they name it
 * by: the chain covers the names, this the files' content.  A backup
 * checked on its own (a single file) has no store beside it: restore
 * checks the files it brings. */
static bool audit_evidence(lz_store *s, MDB_txn *txn, lz_audit *a)
{
	if (s->single_file)
		return true;
	bool good = true;
	for (int kind = 0; kind < LZ_KIND_COUNT && good; kind++) {
		MDB_cursor *cur;
		if (mdb_cursor_open(txn, s->records[kind], &cur) != 0)
			return audit_fail(a, _("the records cannot be read"));
		MDB_val k, v;
		for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && good;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			lz_arena scratch = {0};
			lz_record r;
			if (lz_record_decode((lz_kind)kind, v.mv_data, v.mv_size, &scratch, &r, NULL) == LZ_OK)
				for (size_t i = 0; i < r.u.meta.n_evidence && good; i++) {
					const lz_evidence *e = &r.u.meta.evidence[i];
					lz_evidence_state st = lz_evidence_check(s->dir, e);
					if (st != LZ_EVIDENCE_INTACT)
						good = audit_fail(a, _("%s %llu, evidence %zu %s (sha256 %s): %s"),
								  lz_kind_label((lz_kind)kind),
								  (unsigned long long)r.u.meta.id, i + 1, e->name,
								  e->sha256, lz_evidence_state_text(st));
				}
			lz_arena_free(&scratch);
		}
		mdb_cursor_close(cur);
	}
	return good;
}

lz_rc store_audit_here(lz_store *s, lz_audit *a, lz_err *err)
{
	memset(a, 0, sizeof *a);
	a->intact = true;
	MDB_txn *txn;
	lz_rc r = store_log_begin(s, &txn, err);
	if (r != LZ_OK)
		return r;
	if (audit_chain(s, txn, a) && audit_records(s, txn, a) && audit_missing(s, txn, a) &&
	    audit_plans(s, txn, a))
		audit_evidence(s, txn, a);
	mdb_txn_abort(txn);
	return LZ_OK;
}

static void audit_child(const void *ctx, FILE *report, verdict *v)
{
	(void)report;
	lz_store *s;
	v->rc = open_target(ctx, &s, &v->err);
	if (v->rc != LZ_OK)
		return;
	v->rc = store_audit_here(s, &v->audit, &v->err);
	lz_store_close(s);
}

static lz_rc audit_target(const target *t, lz_audit *a, lz_err *err)
{
	memset(a, 0, sizeof *a);
	a->intact = true;
	verdict v;
	char *report;
	lz_rc r = store_examine_target(t, audit_child, &v, &report, err);
	if (r != LZ_OK)
		return r;
	free(report);
	if (v.rc != LZ_OK) {
		if (err)
			*err = v.err;
		return v.rc;
	}
	*a = v.audit;
	return LZ_OK;
}

lz_rc lz_store_audit(lz_store *s, lz_audit *a, lz_err *err)
{
	if (!s->has_log) {
		memset(a, 0, sizeof *a);
		return store_no_log(s, err);
	}
	target t = {s->dir, {.read_only = true, .single_file = s->single_file}};
	return audit_target(&t, a, err);
}

lz_rc lz_store_audit_dir(const char *dir, lz_audit *a, lz_err *err)
{
	target t = {dir, {.existing_only = true}};
	return audit_target(&t, a, err);
}
