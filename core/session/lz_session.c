/* Opening a database for a front end, its plan and the compiled-plan
 * cache, and the one way records are changed: validated, then applied. */
#include "lz_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_paths.h"
#include "lz_plan_cache.h"
#include "lz_plan_load.h"
#include "lz_validate.h"

/* Stores a plan's YAML with its compiled form. */
static lz_rc store_plan(lz_store *store, const char *yaml, size_t len, const lz_plan *plan,
			lz_err *err)
{
	unsigned char *compiled;
	size_t clen;
	lz_plan_encode(plan, &compiled, &clen);
	lz_rc rc = lz_store_set_plan(store, yaml, len, compiled, clen, err);
	free(compiled);
	return rc;
}

/* A new database starts from the bundled plan, so the first command a
 * secretary types works without a separate setup step. */
static lz_rc init_from_bundled(lz_session *s, lz_diags *d, lz_err *err)
{
	const char *path = lz_bundled_plan_path();
	if (!path)
		return lz_err_set(err, LZ_ENOINPUT,
				  _("database %s has no plan and the bundled plan is not installed; run 'lianzheng init --plan FILE'"),
				  s->dir);
	char *yaml;
	size_t len;
	lz_rc rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, &yaml, &len, d);
	if (rc != LZ_OK)
		return lz_err_set(err, rc, _("cannot read the bundled plan %s"), path);
	rc = lz_plan_load_buffer(path, yaml, len, &s->plan, d);
	if (rc == LZ_OK)
		rc = store_plan(s->store, yaml, len, s->plan, err);
	else
		lz_err_set(err, rc, _("the bundled plan %s is invalid"), path);
	free(yaml);
	return rc;
}

/* The stored plan: its compiled form when it is current, else the YAML.
 * Only a writer (refresh) stores the compiled form again for the next
 * start: a read command must leave the database as it found it. */
static lz_rc load_stored_plan(lz_session *s, bool create, bool refresh, lz_diags *d,
			      lz_err *err)
{
	void *bin;
	size_t blen;
	lz_rc cached = lz_store_get_plan_cache(s->store, &bin, &blen, err);
	if (cached == LZ_OK) {
		s->plan = lz_plan_decode(bin, blen);
		free(bin);
		if (s->plan)
			return LZ_OK;
	}
	/* A compiled plan the change log does not name is left where it is,
	 * for audit verify to report; the text is what counts. */
	bool keep_cache = cached == LZ_EDATA;
	lz_err_clear(err);
	char *yaml = NULL;
	size_t len = 0;
	lz_rc rc = lz_store_get_plan(s->store, &yaml, &len, NULL, err);
	if (rc == LZ_ENOINPUT && create) {
		lz_err_clear(err);
		return init_from_bundled(s, d, err);
	}
	if (rc != LZ_OK)
		return rc;
	char name[PATH_MAX + 32];
	snprintf(name, sizeof name, _("%s (stored plan)"), s->dir);
	rc = lz_plan_load_buffer(name, yaml, len, &s->plan, d);
	free(yaml);
	if (rc != LZ_OK)
		return lz_err_set(err, LZ_EDATA,
				  _("the plan stored in the database is invalid; import a valid one with 'lianzheng init --plan FILE'"));
	if (keep_cache || !refresh || lz_store_read_only(s->store))
		return LZ_OK;
	unsigned char *compiled;
	size_t clen;
	lz_plan_encode(s->plan, &compiled, &clen);
	lz_rc cache_rc = lz_store_set_plan_cache(s->store, compiled, clen, err);
	free(compiled);
	/* Without a cache the next start is only slower. */
	if (cache_rc != LZ_OK)
		lz_err_clear(err);
	return LZ_OK;
}

/* The diagnostics go to the caller's list, or nowhere. */
static lz_diags *diags_or(lz_diags *given, lz_diags *local)
{
	lz_diags_init(local);
	return given ? given : local;
}

lz_rc lz_session_open(lz_session *s, const char *dir, unsigned flags, lz_diags *diags,
		      lz_err *err)
{
	memset(s, 0, sizeof *s);
	lz_err_clear(err);
	bool create = flags & LZ_SESSION_CREATE;
	lz_store_options opt = {.existing_only = !create};
	lz_diags local;
	lz_diags *d = diags_or(diags, &local);
	lz_rc rc = lz_store_resolve_dir(dir, s->dir, sizeof s->dir, err);
	if (rc == LZ_OK)
		rc = lz_store_open(s->dir, &opt, &s->store, err);
	if (rc == LZ_OK)
		rc = load_stored_plan(s, create, flags & LZ_SESSION_WRITER, d, err);
	lz_diags_free(&local);
	if (rc != LZ_OK)
		lz_session_close(s);
	return rc;
}

void lz_session_close(lz_session *s)
{
	lz_plan_free(s->retired);
	s->retired = NULL;
	lz_plan_free(s->plan);
	lz_store_close(s->store);
	s->plan = NULL;
	s->store = NULL;
}

lz_rc lz_session_reload_plan(lz_session *s, lz_diags *diags, lz_err *err)
{
	lz_plan_free(s->retired);
	s->retired = s->plan;
	s->plan = NULL;
	lz_diags local;
	lz_rc rc = load_stored_plan(s, false, true, diags_or(diags, &local), err);
	lz_diags_free(&local);
	if (rc != LZ_OK) {
		s->plan = s->retired;
		s->retired = NULL;
	}
	return rc;
}

lz_rc lz_session_apply(lz_session *s, lz_op *ops, size_t n, lz_err *err)
{
	for (size_t i = 0; i < n; i++) {
		bool carries = ops[i].op == LZ_OP_ADD || ops[i].op == LZ_OP_UPDATE;
		lz_rc rc = carries ? lz_validate_record(s->plan, ops[i].rec, err) : LZ_OK;
		if (rc != LZ_OK)
			return rc;
	}
	return lz_store_apply(s->store, ops, n, err);
}

lz_rc lz_session_save(lz_session *s, lz_op_kind op, lz_record *rec, uint32_t expect,
		      lz_err *err)
{
	lz_op o = {.op = op, .kind = rec->kind, .rec = rec, .expect_version = expect};
	return lz_session_apply(s, &o, 1, err);
}

lz_rc lz_session_remove(lz_session *s, lz_kind kind, lz_id id, uint32_t expect, lz_err *err)
{
	lz_op o = {.op = LZ_OP_REMOVE, .kind = kind, .id = id, .expect_version = expect};
	return lz_store_apply(s->store, &o, 1, err);
}

lz_rc lz_session_write_file(lz_session *s, const char *path, lz_outfile_fn write, void *ctx,
			    lz_err *err)
{
	lz_outfile_opts out = {0};
	lz_store_guard(s->store, &out);
	return lz_outfile_write(path, &out, write, ctx, err);
}
