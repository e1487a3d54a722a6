/* db check: every record decodes and passes what add checks against the
 * plan in force when it was written, every index entry and the month roll
 * match the records both ways, and the compiled plan is what the text
 * compiles to. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_plan_load.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "record_codec.h"

/* The plans a record may be held to.  Each record is checked against the
 * plan of its year (lz_record_year) in force when it was last written, as
 * add checked it then (`init --plan` keeps records whose meeting type the
 * new plan lacks): the latest plan entry of that year before the record's
 * own.  A record written after it, or one the log does not know, is
 * checked against the year's stored plan; a year without a plan borrows
 * the one in force for it (lz_plan_year_in_force). */
typedef struct plan_era {
	uint64_t seq;      /* the plan's log entry */
	int year;
	lz_plan *plan;     /* compiled when first needed; NULL if invalid */
	bool loaded;
} plan_era;

typedef struct plan_set {
	plan_era *eras;
	size_t n_eras;
	int years[LZ_PLAN_YEARS_MAX];  /* stored plans */
	size_t n_years;
	lz_plan *stored[LZ_PLAN_YEARS_MAX];  /* by index into years, compiled when needed */
	bool stored_loaded[LZ_PLAN_YEARS_MAX];
} plan_set;

static void plans_collect(lz_store *s, MDB_txn *txn, plan_set *p)
{
	memset(p, 0, sizeof *p);
	p->n_years = store_plan_years_of_txn(s, txn, p->years);
	MDB_cursor *cur;
	if (!s->has_log || mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return;
	key from = log_ix_key(0, 0);
	MDB_val k = val_of(&from), v;
	for (int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	     rc == 0 && k.mv_size == 16 && get_u64(k.mv_data) == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		uint64_t seq = get_u64((const unsigned char *)k.mv_data + 8);
		lz_arena scratch = {0};
		lz_log_entry e;
		int year = 0;
		if (store_log_get(s, txn, seq, &scratch, &e) == LZ_LOG_INTACT)
			year = store_plan_entry_year(s, txn, &e);
		lz_arena_free(&scratch);
		p->eras = realloc(p->eras, (p->n_eras + 1) * sizeof *p->eras);
		if (!p->eras)
			abort();
		p->eras[p->n_eras++] = (plan_era){seq, year, NULL, false};
	}
	mdb_cursor_close(cur);
}

static void plans_free(plan_set *p)
{
	for (size_t i = 0; i < p->n_eras; i++)
		lz_plan_free(p->eras[i].plan);
	free(p->eras);
	for (size_t i = 0; i < p->n_years; i++)
		lz_plan_free(p->stored[i]);
}

/* The stored plan in force for year; NULL when there is none or it is
 * not valid (check_plans reports that). */
static const lz_plan *stored_plan(lz_store *s, MDB_txn *txn, plan_set *p, int year)
{
	int y = lz_plan_year_in_force(p->years, p->n_years, year);
	for (size_t i = 0; i < p->n_years; i++)
		if (p->years[i] == y) {
			if (!p->stored_loaded[i]) {
				p->stored_loaded[i] = true;
				char why[400];
				store_plan_of_txn(s, txn, y, &p->stored[i], why, sizeof why);
			}
			return p->stored[i];
		}
	return NULL;
}

static const lz_plan *era_plan(lz_store *s, MDB_txn *txn, plan_era *era)
{
	if (!era->loaded) {
		era->loaded = true;
		lz_arena scratch = {0};
		lz_log_entry e;
		if (store_log_get(s, txn, era->seq, &scratch, &e) == LZ_LOG_INTACT && e.n_after) {
			lz_diags d;
			lz_diags_init(&d);
			if (lz_plan_load_buffer(_("stored plan"), (const char *)e.after, e.n_after,
						&era->plan, &d) != LZ_OK)
				era->plan = NULL;
			lz_diags_free(&d);
		}
		lz_arena_free(&scratch);
	}
	return era->plan;
}

/* The plan rec is held to (see plan_set). */
static const lz_plan *plan_in_force(lz_store *s, MDB_txn *txn, plan_set *p, lz_id id,
				    const lz_record *rec)
{
	int year = lz_record_year(rec);
	const lz_plan *stored = stored_plan(s, txn, p, year);
	int in_force = lz_plan_year_in_force(p->years, p->n_years, year);
	uint64_t seq;
	if (!p->n_eras || !store_last_entry_of(s, txn, id, &seq))
		return stored;
	/* The latest entry of that year before the record's; none after it
	 * means the stored plan is the one it was written under. */
	plan_era *before = NULL;
	bool later = false;
	for (size_t i = 0; i < p->n_eras; i++) {
		if (year && p->eras[i].year != in_force)
			continue;
		if (p->eras[i].seq <= seq)
			before = &p->eras[i];
		else
			later = true;
	}
	if (!before || !later)
		return stored;
	const lz_plan *then = era_plan(s, txn, before);
	return then ? then : stored;
}

/* Each year's plan text valid and for that year, and its compiled form
 * what the text compiles to; each problem a line of out.  Returns their
 * number. */
static size_t check_plans(lz_store *s, MDB_txn *txn, FILE *out)
{
	int years[LZ_PLAN_YEARS_MAX];
	size_t n = store_plan_years_of_txn(s, txn, years), bad = 0;
	for (size_t i = 0; i < n; i++) {
		lz_plan *plan;
		char why[400];
		if (store_plan_of_txn(s, txn, years[i], &plan, why, sizeof why) != LZ_OK) {
			fprintf(out, _("meta: the stored plan for %d is not valid: %s\n"), years[i], why);
			bad++;
			continue;
		}
		if (!store_plan_cache_current(s, txn, years[i], plan)) {
			fprintf(out, _("meta: the compiled plan for %d differs from its text: it was altered outside lianzheng\n"),
				years[i]);
			bad++;
		}
		lz_plan_free(plan);
	}
	return bad;
}

/* Every record that decodes, checked as add would have checked it; each
 * refusal printed to out as "KIND ID: reason".  Returns their number. */
static size_t validate_records(lz_store *s, MDB_txn *txn, FILE *out)
{
	size_t bad = 0;
	plan_set plans;
	plans_collect(s, txn, &plans);
	for (int kind = 0; kind < LZ_KIND_COUNT; kind++) {
		MDB_cursor *cur;
		if (s->no_table[kind] || mdb_cursor_open(txn, s->records[kind], &cur) != 0)
			continue;
		MDB_val k, v;
		for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			lz_arena a = {0};
			lz_record rec;
			lz_err e;
			const lz_plan *plan;
			if (k.mv_size == 8 &&
			    lz_record_decode((lz_kind)kind, v.mv_data, v.mv_size, &a, &rec, NULL) == LZ_OK &&
			    (plan = plan_in_force(s, txn, &plans, get_u64(k.mv_data), &rec)) &&
			    lz_validate_record(plan, &rec, &e) != LZ_OK) {
				fprintf(out, _("%s %llu: %s\n"), lz_kind_label((lz_kind)kind),
					(unsigned long long)get_u64(k.mv_data), e.msg);
				bad++;
			}
			lz_arena_free(&a);
		}
		mdb_cursor_close(cur);
	}
	plans_free(&plans);
	return bad;
}

/* The first line validate_records would print, in why; false when every
 * record passes.  A database without a plan can hold no record. */
bool store_first_invalid_record(lz_store *s, MDB_txn *txn, char *why, size_t n)
{
	int years[LZ_PLAN_YEARS_MAX];
	if (!store_plan_years_of_txn(s, txn, years)) {
		for (int kind = 0; kind < LZ_KIND_COUNT; kind++) {
			MDB_stat st;
			if (!s->no_table[kind] && mdb_stat(txn, s->records[kind], &st) == 0 &&
			    st.ms_entries) {
				snprintf(why, n, "%s", _("it holds records but no plan to check them against"));
				return true;
			}
		}
		return false;
	}
	char *report = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&report, &len);
	if (!out)
		abort();
	size_t bad = check_plans(s, txn, out) + validate_records(s, txn, out);
	fclose(out);
	if (bad) {
		char *nl = strchr(report, '\n');
		if (nl)
			*nl = '\0';
		snprintf(why, n, "%s", report);
	}
	free(report);
	return bad > 0;
}

static lz_rc check_records(lz_store *s, MDB_txn *txn, lz_kind kind, FILE *out,
			   size_t *problems, lz_id *max_id)
{
	if (s->no_table[kind])
		return LZ_OK;
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
			size_t n = store_index_entries(&rec, e2);
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
			store_entries_free(e2, n);
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
			size_t n = store_index_entries(&rec, e);
			bool found = false;
			for (size_t i = 0; i < n && !found; i++)
				found = e[i].ix == ix && memcmp(e[i].k.b, k.mv_data, klen) == 0;
			store_entries_free(e, n);
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

/* The plans' texts and the compiled plans beside them, and every record
 * against the plan it is held to. */
static void check_plan(lz_store *s, MDB_txn *txn, FILE *out, size_t *problems)
{
	*problems += check_plans(s, txn, out) + validate_records(s, txn, out);
}

lz_rc store_check_here(lz_store *s, FILE *out, size_t *problems, lz_err *err)
{
	*problems = 0;
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
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

static void check_child(const void *ctx, FILE *report, verdict *v)
{
	lz_store *s;
	v->rc = open_target(ctx, &s, &v->err);
	if (v->rc != LZ_OK)
		return;
	v->rc = store_check_here(s, report, &v->problems, &v->err);
	for (int k = 0; v->rc == LZ_OK && k < LZ_KIND_COUNT; k++)
		v->rc = lz_store_count(s, (lz_kind)k, &v->counts[k], &v->err);
	lz_store_close(s);
}

static lz_rc check_target(const target *t, FILE *out, size_t *problems,
			  size_t counts[LZ_KIND_COUNT], lz_err *err)
{
	*problems = 0;
	verdict v;
	char *report;
	lz_rc r = store_examine_target(t, check_child, &v, &report, err);
	if (r != LZ_OK)
		return r;
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

lz_rc lz_store_check(lz_store *s, FILE *out, size_t *problems, lz_err *err)
{
	target t = {s->dir, {.read_only = true, .single_file = s->single_file}};
	return check_target(&t, out, problems, NULL, err);
}

lz_rc lz_store_check_dir(const char *dir, FILE *out, size_t *problems,
			 size_t counts[LZ_KIND_COUNT], lz_err *err)
{
	target t = {dir, {.read_only = true}};
	return check_target(&t, out, problems, counts, err);
}
