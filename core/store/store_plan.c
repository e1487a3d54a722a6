/* The plans in the database, one per year: each year's YAML text with its
 * checksum, its compiled form (lz_plan_cache.h) bound to that text and
 * chained in the log, and the replacement of a year's plan by another
 * with the records carried over.
 *
 * A plan's meta entries are keyed "plan:YYYY", "plan_sha256:YYYY",
 * "plan_bin:YYYY" and "plan_bin_sha256:YYYY".  Its log entries have the
 * year as their id, and all of them are under id 0 in the history index,
 * so the plans' history is one short walk; an entry of id 0 was written
 * when a database held one plan, and is about the year that plan had
 * when the database came to this format ("plan_legacy_year"). */
#include "store_internal.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_plan_cache.h"
#include "lz_plan_load.h"

void store_sha256_hex(const char *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

MDB_val store_plan_key(const lz_store *s, plan_key *k, const char *what, int year)
{
	/* An older format opened read-only keeps its one plan unsuffixed. */
	int n = s->unmigrated_year && year == s->unmigrated_year
			? snprintf(k->b, sizeof k->b, "%s", what)
			: snprintf(k->b, sizeof k->b, "%s:%04d", what, year);
	return (MDB_val){.mv_size = (size_t)n, .mv_data = k->b};
}

int store_legacy_plan_year(lz_store *s, MDB_txn *txn)
{
	if (s->unmigrated_year)
		return s->unmigrated_year;
	MDB_val k = META_KEY("plan_legacy_year"), v;
	if (mdb_get(txn, s->meta, &k, &v) != 0 || v.mv_size != 4)
		return 0;
	return (int)get_u32(v.mv_data);
}

int store_plan_entry_year(lz_store *s, MDB_txn *txn, const lz_log_entry *e)
{
	return e->id ? (int)e->id : store_legacy_plan_year(s, txn);
}

/* The year of a "plan:YYYY" key; 0 when the key is not one. */
static int year_of_plan_key(const MDB_val *k)
{
	const char *p = k->mv_data;
	if (k->mv_size != 9 || memcmp(p, "plan:", 5) != 0)
		return 0;
	int y = 0;
	for (int i = 5; i < 9; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		y = y * 10 + (p[i] - '0');
	}
	return y >= LZ_YEAR_FIRST && y <= LZ_YEAR_LAST ? y : 0;
}

size_t store_plan_years_of_txn(lz_store *s, MDB_txn *txn, int years[LZ_PLAN_YEARS_MAX])
{
	if (s->unmigrated_year) {
		years[0] = s->unmigrated_year;
		return 1;
	}
	size_t n = 0;
	MDB_cursor *cur;
	if (mdb_cursor_open(txn, s->meta, &cur) != 0)
		return 0;
	MDB_val k = META_KEY("plan:"), v;
	for (int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	     rc == 0 && k.mv_size >= 5 && memcmp(k.mv_data, "plan:", 5) == 0 &&
	     n < LZ_PLAN_YEARS_MAX;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		int y = year_of_plan_key(&k);
		if (y)
			years[n++] = y;
	}
	mdb_cursor_close(cur);
	return n;
}

lz_rc lz_store_plan_years(lz_store *s, int years[LZ_PLAN_YEARS_MAX], size_t *n, lz_err *err)
{
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	*n = store_plan_years_of_txn(s, txn, years);
	mdb_txn_abort(txn);
	return LZ_OK;
}

lz_rc lz_store_get_plan(lz_store *s, int year, char **yaml, size_t *len, char sha[65],
			lz_err *err)
{
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	plan_key pk, hk;
	MDB_val k = store_plan_key(s, &pk, "plan", year), v;
	rc = mdb_get(txn, s->meta, &k, &v);
	lz_rc r = LZ_OK;
	if (rc == MDB_NOTFOUND) {
		r = lz_err_set(err, LZ_ENOINPUT, _("database %s has no plan for %d"), s->dir, year);
	} else if (rc) {
		r = store_db_error(s, rc, err);
	} else {
		char *copy = malloc(v.mv_size + 1);
		if (!copy)
			abort();
		memcpy(copy, v.mv_data, v.mv_size);
		copy[v.mv_size] = '\0';
		*yaml = copy;
		*len = v.mv_size;
		MDB_val shk = store_plan_key(s, &hk, "plan_sha256", year), hv;
		if (sha && mdb_get(txn, s->meta, &shk, &hv) == 0 && hv.mv_size == 64) {
			memcpy(sha, hv.mv_data, 64);
			sha[64] = '\0';
		} else if (sha) {
			sha[0] = '\0';
		}
	}
	mdb_txn_abort(txn);
	return r;
}

/* The plan year's stored text compiles to, read in txn.  LZ_ENOINPUT when
 * the database has none; LZ_EDATA, the first problem in why, when the
 * text is not a valid plan, or a plan of another year. */
lz_rc store_plan_of_txn(lz_store *s, MDB_txn *txn, int year, lz_plan **plan, char *why,
			size_t n)
{
	*plan = NULL;
	plan_key pk;
	MDB_val k = store_plan_key(s, &pk, "plan", year), v;
	int rc = mdb_get(txn, s->meta, &k, &v);
	if (rc == MDB_NOTFOUND)
		return LZ_ENOINPUT;
	if (rc) {
		snprintf(why, n, "%s", mdb_strerror(rc));
		return LZ_EIO;
	}
	lz_diags d;
	lz_diags_init(&d);
	lz_rc r = lz_plan_load_buffer(_("stored plan"), v.mv_data, v.mv_size, plan, &d);
	if (r != LZ_OK)
		snprintf(why, n, "%s", d.count ? d.items[0].message : "");
	lz_diags_free(&d);
	if (r == LZ_OK && (*plan)->year != year) {
		snprintf(why, n, _("it is the plan for %d, kept as the plan for %d"), (*plan)->year,
			 year);
		lz_plan_free(*plan);
		*plan = NULL;
		r = LZ_EDATA;
	}
	return r;
}

/* The compiled plan beside the text is what status and report count
 * against, and no log entry holds it: one this version would use must be
 * exactly what the chained text compiles to.  One of another version is
 * never used (the text is compiled instead, and the cache replaced). */
bool store_plan_cache_current(lz_store *s, MDB_txn *txn, int year, const lz_plan *plan)
{
	plan_key bk;
	MDB_val k = store_plan_key(s, &bk, "plan_bin", year), v;
	if (mdb_get(txn, s->meta, &k, &v) != 0)
		return true;
	unsigned char *want;
	size_t wlen;
	lz_plan_encode(plan, &want, &wlen);
	bool same = wlen == v.mv_size && memcmp(want, v.mv_data, wlen) == 0;
	free(want);
	if (same)
		return true;
	lz_plan *used = lz_plan_decode(v.mv_data, v.mv_size);
	if (!used)
		return true;
	lz_plan_free(used);
	return false;
}

/* Meta entries to write for a year's plan; with log_plan, vals[0] is its
 * new text, logged against the one it replaces. */
typedef struct meta_puts {
	int year;
	MDB_val *keys, *vals;
	size_t n;
	bool log_plan;
	/* The plan text to log when vals[0] is not it (a compiled form made
	 * anew for the same text). */
	const MDB_val *log_text;
} meta_puts;

static lz_rc put_meta_body(write_ctx *w, void *ctx, lz_err *err)
{
	(void)err;
	const meta_puts *m = ctx;
	MDB_val old = {0};
	if (m->log_plan) {
		/* LMDB's copy of the old plan is only good until the put. */
		plan_key tk;
		MDB_val pk = store_plan_key(w->s, &tk, "plan", m->year), pv;
		if (mdb_get(w->txn, w->s->meta, &pk, &pv) == 0) {
			old.mv_size = pv.mv_size;
			old.mv_data = lz_arena_alloc(&w->scratch, pv.mv_size ? pv.mv_size : 1);
			memcpy(old.mv_data, pv.mv_data, pv.mv_size);
		}
	}
	for (size_t i = 0; i < m->n && !w->mdb_rc; i++)
		ok(w, mdb_put(w->txn, w->s->meta, &m->keys[i], &m->vals[i], 0));
	if (m->log_plan) {
		/* The compiled form the program will run on is chained with the
		 * text it was compiled from. */
		plan_key bk;
		MDB_val bin = store_plan_key(w->s, &bk, "plan_bin", m->year);
		for (size_t i = 0; i < m->n; i++)
			if (m->keys[i].mv_size == bin.mv_size &&
			    memcmp(m->keys[i].mv_data, bin.mv_data, bin.mv_size) == 0) {
				lz_sha256(m->vals[i].mv_data, m->vals[i].mv_size, w->aux);
				w->has_aux = true;
			}
		const MDB_val *text = m->log_text ? m->log_text : &m->vals[0];
		store_log_append(w, LZ_LOG_PLAN, LZ_LOG_KIND_PLAN, (lz_id)m->year, old.mv_data,
				 old.mv_size, text->mv_data, text->mv_size);
	}
	return LZ_OK;
}

/* Writes meta entries, no plan among them, in one transaction. */
lz_rc store_put_meta_entries(lz_store *s, MDB_val *keys, MDB_val *vals, size_t n, lz_err *err)
{
	if (s->read_only)
		return store_refuse_read_only(s, err);
	meta_puts m = {0, keys, vals, n, false, NULL};
	return store_run_write(s, put_meta_body, &m, err);
}

/* A new plan's meta entries: its text and checksum, and its compiled
 * form (when there is one) bound to the same checksum.  Returns how many;
 * the values point into yaml, compiled and sha, the keys into keys_buf. */
static size_t plan_entries(const lz_store *s, int year, const char *yaml, size_t len, const void *compiled,
			   size_t clen, char sha[65], plan_key keys_buf[4], MDB_val keys[4],
			   MDB_val vals[4])
{
	store_sha256_hex(yaml, len, sha);
	static const char *const what[] = {"plan", "plan_sha256", "plan_bin", "plan_bin_sha256"};
	for (int i = 0; i < 4; i++)
		keys[i] = store_plan_key(s, &keys_buf[i], what[i], year);
	MDB_val v[] = {{.mv_size = len, .mv_data = (void *)yaml},
		       {.mv_size = 64, .mv_data = sha},
		       {.mv_size = clen, .mv_data = (void *)compiled},
		       {.mv_size = 64, .mv_data = sha}};
	memcpy(vals, v, sizeof v);
	return compiled ? 4 : 2;
}

lz_rc lz_store_set_plan(lz_store *s, int year, const char *yaml, size_t len,
			const void *compiled, size_t clen, lz_err *err)
{
	/* A replacement that carries no record over. */
	return lz_store_replace_plan(s, year, yaml, len, compiled, clen, NULL, 0, 0, err);
}

lz_rc lz_store_set_plan_cache(lz_store *s, int year, const void *compiled, size_t clen,
			      lz_err *err)
{
	if (s->read_only)
		return LZ_OK;
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	/* Bound to the text's own hash, as lz_store_get_plan_cache checks it,
	 * and chained: a plan entry with the same text before and after, and
	 * the new compiled form's hash. */
	plan_key tk;
	MDB_val k = store_plan_key(s, &tk, "plan", year), v;
	char sha[65];
	rc = mdb_get(txn, s->meta, &k, &v);
	bool have = rc == 0;
	MDB_val text = {0};
	if (have) {
		store_sha256_hex(v.mv_data, v.mv_size, sha);
		text.mv_size = v.mv_size;
		text.mv_data = malloc(v.mv_size ? v.mv_size : 1);
		if (!text.mv_data)
			abort();
		memcpy(text.mv_data, v.mv_data, v.mv_size);
	}
	mdb_txn_abort(txn);
	if (!have)
		return LZ_OK;
	plan_key kb[2];
	MDB_val keys[] = {store_plan_key(s, &kb[0], "plan_bin", year),
			  store_plan_key(s, &kb[1], "plan_bin_sha256", year)};
	MDB_val vals[] = {{.mv_size = clen, .mv_data = (void *)compiled},
			  {.mv_size = 64, .mv_data = sha}};
	meta_puts m = {year, keys, vals, 2, true, &text};
	lz_rc r = store_run_write(s, put_meta_body, &m, err);
	free(text.mv_data);
	return r;
}

bool store_last_plan_entry(lz_store *s, MDB_txn *txn, int year, lz_arena *arena,
			   lz_log_entry *out)
{
	if (!s->has_log)
		return false;
	MDB_cursor *cur;
	if (mdb_cursor_open(txn, s->log_ix, &cur) != 0)
		return false;
	key after_plans = log_ix_key(1, 0);
	MDB_val k = val_of(&after_plans), v;
	int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	rc = rc == 0 ? mdb_cursor_get(cur, &k, &v, MDB_PREV) : mdb_cursor_get(cur, &k, &v, MDB_LAST);
	bool found = false;
	for (; rc == 0 && k.mv_size == 16 && get_u64(k.mv_data) == 0 && !found;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		uint64_t seq = get_u64((const unsigned char *)k.mv_data + 8);
		if (store_log_get(s, txn, seq, arena, out) != LZ_LOG_INTACT)
			break;
		found = out->op == LZ_LOG_PLAN && store_plan_entry_year(s, txn, out) == year;
	}
	mdb_cursor_close(cur);
	return found;
}

/* The compiled plan's hash as the chain gave it: the aux of the year's
 * latest plan entry.  LZ_ENOINPUT when that entry has none (written
 * before the hash was chained). */
static lz_rc chained_plan_hash(lz_store *s, MDB_txn *txn, int year,
			       unsigned char out[LZ_LOG_HASH])
{
	lz_arena a = {0};
	lz_log_entry e;
	lz_rc r = LZ_ENOINPUT;
	if (store_last_plan_entry(s, txn, year, &a, &e) && e.n_aux == LZ_LOG_HASH) {
		memcpy(out, e.aux, LZ_LOG_HASH);
		r = LZ_OK;
	}
	lz_arena_free(&a);
	return r;
}

lz_rc lz_store_get_plan_cache(lz_store *s, int year, void **buf, size_t *len, lz_err *err)
{
	MDB_txn *txn;
	int rc = store_begin(s, MDB_RDONLY, &txn);
	if (rc)
		return store_db_error(s, rc, err);
	/* The cache is used only for the text it was compiled from, and that
	 * text is hashed here rather than taken from the stored checksum,
	 * which no log entry covers: a cache left beside another text (the
	 * text edited, or copied in from another database) is never used.
	 * That the cache is what the text compiles to is proved by db check,
	 * audit verify and restore, which compile the text again. */
	plan_key kb[3];
	MDB_val k1 = store_plan_key(s, &kb[0], "plan", year), v1,
		k2 = store_plan_key(s, &kb[1], "plan_bin_sha256", year), v2,
		k3 = store_plan_key(s, &kb[2], "plan_bin", year), v3;
	lz_rc r = LZ_ENOINPUT;
	char sha[65];
	unsigned char chained[LZ_LOG_HASH], have[LZ_LOG_HASH];
	if (mdb_get(txn, s->meta, &k1, &v1) == 0 && mdb_get(txn, s->meta, &k2, &v2) == 0 &&
	    v2.mv_size == 64 && (store_sha256_hex(v1.mv_data, v1.mv_size, sha), 1) &&
	    memcmp(sha, v2.mv_data, 64) == 0 && mdb_get(txn, s->meta, &k3, &v3) == 0) {
		/* And it is the compiled form the chain names: an edited one
		 * is not run on (audit verify names it). */
		lz_rc chain = chained_plan_hash(s, txn, year, chained);
		lz_sha256(v3.mv_data, v3.mv_size, have);
		if (chain == LZ_OK && memcmp(chained, have, LZ_LOG_HASH) != 0) {
			mdb_txn_abort(txn);
			return lz_err_set(err, LZ_EDATA,
					  _("the compiled plan in %s is not the one the change log names; the plan is read from its text (run 'lianzheng audit verify')"),
					  s->dir);
		}
		if (chain != LZ_OK) {
			mdb_txn_abort(txn);
			return LZ_ENOINPUT;
		}
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

typedef struct replace_ctx {
	apply_ctx apply;
	meta_puts meta;
	uint64_t expect_seq;
} replace_ctx;

static lz_rc replace_plan_body(write_ctx *w, void *ctx, lz_err *err)
{
	replace_ctx *rp = ctx;
	uint64_t seq;
	unsigned char hash[LZ_LOG_HASH];
	if (!ok(w, store_log_last(w->txn, w->s->log, &seq, hash)))
		return LZ_EIO;
	if (rp->expect_seq && seq != rp->expect_seq)
		return lz_err_set(err, LZ_ESTALE,
				  _("the database changed while the new plan was being checked against it; nothing was written, try again"));
	lz_rc r = store_apply_body(w, &rp->apply, err);
	if (r == LZ_OK && !w->mdb_rc)
		r = put_meta_body(w, &rp->meta, err);
	return r;
}

lz_rc lz_store_replace_plan(lz_store *s, int year, const char *yaml, size_t len,
			    const void *compiled, size_t clen, lz_op *ops, size_t n,
			    uint64_t expect_seq, lz_err *err)
{
	if (s->read_only)
		return store_refuse_read_only(s, err);
	char sha[65];
	plan_key kb[4];
	MDB_val keys[4], vals[4];
	size_t n_meta = plan_entries(s, year, yaml, len, compiled, clen, sha, kb, keys, vals);
	replace_ctx rp = {.meta = {year, keys, vals, n_meta, true, NULL}, .expect_seq = expect_seq};
	store_apply_prepare(&rp.apply, ops, n, 0);
	lz_rc r = store_run_write(s, replace_plan_body, &rp, err);
	store_apply_release(&rp.apply);
	return r;
}
