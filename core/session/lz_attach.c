#include "lz_attach.h"

#include <string.h>

#include "lz_fields.h"
#include "lz_i18n.h"

lz_rc lz_session_find(lz_session *s, lz_id id, lz_arena *arena, lz_record *out, lz_err *err)
{
	for (int k = 0; k < LZ_KIND_COUNT; k++) {
		lz_err miss;
		lz_rc rc = lz_store_get(s->store, (lz_kind)k, id, arena, out, &miss);
		if (rc == LZ_OK)
			return LZ_OK;
		if (rc != LZ_EDATA) {
			if (err)
				*err = miss;
			return rc;
		}
	}
	return lz_err_set(err, LZ_EDATA, _("there is no record with id %llu"), (unsigned long long)id);
}

lz_rc lz_session_add_evidence(lz_session *s, lz_id id, const char *const *paths, size_t n,
			      lz_arena *arena, lz_record *rec, lz_attached *out, lz_err *err)
{
	lz_rc rc = lz_session_find(s, id, arena, rec, err);
	if (rc != LZ_OK)
		return rc;
	const lz_fielddef *f = lz_field_find(lz_fields_of(rec->kind), "evidence");
	if (!f)
		return lz_err_set(err, LZ_EDATA, _("a %s cannot carry evidence"), lz_kind_label(rec->kind));
	/* Nothing is copied for a change the store would refuse. */
	if (lz_store_read_only(s->store))
		return lz_store_apply(s->store, NULL, 0, err);
	lz_meta *m = &rec->u.meta;
	lz_evidence *v = lz_arena_alloc(arena, (m->n_evidence + n + 1) * sizeof *v);
	if (m->n_evidence)
		memcpy(v, m->evidence, m->n_evidence * sizeof *v);
	size_t count = m->n_evidence, added = 0;
	/* Every file is in the store before the record names any of them:
	 * the record never names a file that is not there. */
	for (size_t i = 0; i < n; i++) {
		lz_evidence e;
		bool had;
		if ((rc = lz_evidence_put(s->dir, paths[i], arena, &e, &had, err)) != LZ_OK)
			return rc;
		out[i] = (lz_attached){had ? LZ_ATTACH_STORED : LZ_ATTACH_NEW, count};
		for (size_t j = 0; j < count; j++)
			if (strcmp(v[j].sha256, e.sha256) == 0)
				out[i] = (lz_attached){LZ_ATTACH_LISTED, j};
		if (out[i].how != LZ_ATTACH_LISTED) {
			v[count++] = e;
			added++;
		}
	}
	if (!added)
		return LZ_OK;
	m->evidence = v;
	m->n_evidence = count;
	if ((rc = lz_field_check(f, rec, s->plan, err)) != LZ_OK)
		return rc;
	/* Only the evidence changes: the rest of the record is stored as it
	 * was, whatever a later plan would say of it. */
	lz_op op = {.op = LZ_OP_UPDATE, .kind = rec->kind, .rec = rec,
		    .expect_version = m->version};
	return lz_store_apply(s->store, &op, 1, err);
}

typedef struct verify_ctx {
	const char *dir;
	lz_evidence_problem_fn fn;
	void *ctx;
	lz_evidence_tally *t;
} verify_ctx;

static bool verify_record(const lz_record *r, void *ctx)
{
	verify_ctx *v = ctx;
	const lz_meta *m = &r->u.meta;
	v->t->records += m->n_evidence > 0;
	for (size_t i = 0; i < m->n_evidence; i++) {
		lz_evidence_state st = lz_evidence_check(v->dir, &m->evidence[i]);
		v->t->files++;
		if (st == LZ_EVIDENCE_INTACT)
			continue;
		v->t->problems++;
		if (v->fn)
			v->fn(r, i, st, v->ctx);
	}
	return true;
}

lz_rc lz_session_verify_evidence(lz_session *s, lz_evidence_problem_fn fn, void *ctx,
				 lz_evidence_tally *t, lz_err *err)
{
	*t = (lz_evidence_tally){0};
	verify_ctx v = {s->dir, fn, ctx, t};
	lz_rc rc = LZ_OK;
	for (int k = 0; k < LZ_KIND_COUNT && rc == LZ_OK; k++) {
		lz_arena arena = {0};
		rc = lz_store_scan(s->store, (lz_kind)k, &arena, verify_record, &v, err);
		lz_arena_free(&arena);
	}
	return rc;
}
