/* Opening a database for a front end, its plan and the compiled-plan
 * cache, and the one way records are changed: validated, then applied. */
#include "lz_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_holidays.h"
#include "lz_i18n.h"
#include "lz_paths.h"
#include "lz_plan_cache.h"
#include "lz_plan_draft.h"
#include "lz_plan_load.h"
#include "lz_validate.h"

/* Stores a plan's YAML with its compiled form, as its year's plan. */
static lz_rc store_plan(lz_store *store, const char *yaml, size_t len, const lz_plan *plan,
			lz_err *err)
{
	unsigned char *compiled;
	size_t clen;
	lz_plan_encode(plan, &compiled, &clen);
	lz_rc rc = lz_store_set_plan(store, plan->year, yaml, len, compiled, clen, err);
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
	lz_plan *plan;
	rc = lz_plan_load_buffer(path, yaml, len, &plan, d);
	if (rc == LZ_OK) {
		rc = store_plan(s->store, yaml, len, plan, err);
		lz_plan_free(plan);
	} else {
		lz_err_set(err, rc, _("the bundled plan %s is invalid"), path);
	}
	free(yaml);
	return rc;
}

static int year_index(const lz_session *s, int year)
{
	for (size_t i = 0; i < s->n_years; i++)
		if (s->years[i] == year)
			return (int)i;
	return -1;
}

/* The stored plan of a planned year: its compiled form when it is
 * current, else the YAML.  Only a writer (s->refresh) stores the
 * compiled form again for the next start: a read command must leave the
 * database as it found it. */
static lz_rc load_year(lz_session *s, int year, lz_plan **out, lz_diags *d, lz_err *err)
{
	void *bin;
	size_t blen;
	lz_rc cached = lz_store_get_plan_cache(s->store, year, &bin, &blen, err);
	if (cached == LZ_OK) {
		*out = lz_plan_decode(bin, blen);
		free(bin);
		if (*out)
			return LZ_OK;
	}
	/* A compiled plan the change log does not name is left where it is,
	 * for audit verify to report; the text is what counts. */
	bool keep_cache = cached == LZ_EDATA;
	lz_err_clear(err);
	char *yaml = NULL;
	size_t len = 0;
	lz_rc rc = lz_store_get_plan(s->store, year, &yaml, &len, NULL, err);
	if (rc != LZ_OK)
		return rc;
	char name[PATH_MAX + 32];
	snprintf(name, sizeof name, _("%s (stored plan for %d)"), s->dir, year);
	rc = lz_plan_load_buffer(name, yaml, len, out, d);
	free(yaml);
	if (rc != LZ_OK)
		return lz_err_set(err, LZ_EDATA,
				  _("the plan for %d stored in the database is invalid; import a valid one with 'lianzheng plan import FILE'"),
				  year);
	if (keep_cache || !s->refresh || lz_store_read_only(s->store))
		return LZ_OK;
	unsigned char *compiled;
	size_t clen;
	lz_plan_encode(*out, &compiled, &clen);
	lz_rc cache_rc = lz_store_set_plan_cache(s->store, year, compiled, clen, err);
	free(compiled);
	/* Without a cache the next start is only slower. */
	if (cache_rc != LZ_OK)
		lz_err_clear(err);
	return LZ_OK;
}

/* The plan of a planned year, read once. */
static lz_rc plan_of(lz_session *s, int year, lz_plan **out, lz_diags *d, lz_err *err)
{
	int i = year_index(s, year);
	if (i < 0)
		return lz_err_set(err, LZ_EDATA, _("database %s has no plan for %d"), s->dir, year);
	if (!s->loaded[i]) {
		lz_rc rc = load_year(s, year, &s->loaded[i], d, err);
		if (rc != LZ_OK)
			return rc;
	}
	*out = s->loaded[i];
	return LZ_OK;
}

/* The planned years, read again; the plans already read stay with their
 * years, one whose year is gone is kept retired. */
static lz_rc read_years(lz_session *s, lz_err *err)
{
	int old_years[LZ_PLAN_YEARS_MAX];
	lz_plan *old_loaded[LZ_PLAN_YEARS_MAX];
	size_t old_n = s->n_years;
	memcpy(old_years, s->years, sizeof old_years);
	memcpy(old_loaded, s->loaded, sizeof old_loaded);
	lz_rc rc = lz_store_plan_years(s->store, s->years, &s->n_years, err);
	if (rc != LZ_OK) {
		s->n_years = old_n;
		memcpy(s->years, old_years, sizeof old_years);
		return rc;
	}
	memset(s->loaded, 0, sizeof s->loaded);
	for (size_t j = 0; j < old_n; j++) {
		if (!old_loaded[j])
			continue;
		int i = year_index(s, old_years[j]);
		if (i >= 0)
			s->loaded[i] = old_loaded[j];
		else
			s->retired[s->n_retired++] = old_loaded[j];
	}
	return LZ_OK;
}

int lz_session_default_year(const lz_session *s)
{
	int y, m, d;
	lz_day_to_ymd(lz_day_today(), &y, &m, &d);
	return lz_plan_year_in_force(s->years, s->n_years, y);
}

bool lz_session_planned(const lz_session *s, int year)
{
	return year_index(s, year) >= 0;
}

static lz_rc use_year(lz_session *s, int year, bool borrow, lz_diags *d, lz_err *err)
{
	int plan_year = year;
	if (!lz_session_planned(s, year)) {
		if (!borrow || !s->n_years) {
			char list[LZ_PLAN_YEARS_MAX * 6 + 1] = "";
			for (size_t i = 0; i < s->n_years; i++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%d",
					 i ? ", " : "", s->years[i]);
			return lz_err_set(err, LZ_EDATA,
					  _("there is no plan for %d in %s (planned: %s); import one with 'lianzheng plan import FILE' or start it with 'lianzheng plan new --year %d'"),
					  year, s->dir, *list ? list : "—", year);
		}
		plan_year = lz_plan_year_in_force(s->years, s->n_years, year);
	}
	lz_plan *p = NULL;
	lz_rc rc = plan_of(s, plan_year, &p, d, err);
	if (rc != LZ_OK)
		return rc;
	s->plan = p;
	s->year = year;
	return LZ_OK;
}

lz_rc lz_session_use_year(lz_session *s, int year, bool borrow, lz_err *err)
{
	lz_diags local;
	lz_diags_init(&local);
	lz_rc rc = use_year(s, year, borrow, &local, err);
	lz_diags_free(&local);
	return rc;
}

const lz_plan *lz_session_plan_for(lz_session *s, int year, lz_err *err)
{
	if (!year)
		return s->plan;
	int y = lz_plan_year_in_force(s->years, s->n_years, year);
	lz_diags local;
	lz_diags_init(&local);
	lz_plan *p = NULL;
	lz_rc rc = plan_of(s, y, &p, &local, err);
	lz_diags_free(&local);
	return rc == LZ_OK ? p : NULL;
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
	s->refresh = flags & LZ_SESSION_WRITER;
	lz_store_options opt = {.existing_only = !create};
	lz_diags local;
	lz_diags *d = diags_or(diags, &local);
	lz_rc rc = lz_store_resolve_dir(dir, s->dir, sizeof s->dir, err);
	if (rc == LZ_OK)
		rc = lz_store_open(s->dir, &opt, &s->store, err);
	if (rc == LZ_OK)
		rc = read_years(s, err);
	if (rc == LZ_OK && !s->n_years) {
		if (create && (rc = init_from_bundled(s, d, err)) == LZ_OK)
			rc = read_years(s, err);
		else if (!create)
			rc = lz_err_set(err, LZ_ENOINPUT,
					_("database %s has no plan yet; run 'lianzheng init'"), s->dir);
	}
	if (rc == LZ_OK)
		rc = use_year(s, lz_session_default_year(s), true, d, err);
	lz_diags_free(&local);
	if (rc != LZ_OK)
		lz_session_close(s);
	return rc;
}

static void free_retired(lz_session *s)
{
	for (size_t i = 0; i < s->n_retired; i++)
		lz_plan_free(s->retired[i]);
	s->n_retired = 0;
}

void lz_session_close(lz_session *s)
{
	free_retired(s);
	for (size_t i = 0; i < s->n_years; i++)
		lz_plan_free(s->loaded[i]);
	memset(s->loaded, 0, sizeof s->loaded);
	lz_store_close(s->store);
	s->plan = NULL;
	s->store = NULL;
}

lz_rc lz_session_reload_plan(lz_session *s, lz_diags *diags, lz_err *err)
{
	lz_session old = *s;
	free_retired(s);
	memset(s->loaded, 0, sizeof s->loaded);
	lz_diags local;
	lz_rc rc = read_years(s, err);
	if (rc == LZ_OK && !s->n_years)
		rc = lz_err_set(err, LZ_EDATA, _("database %s has no plan"), s->dir);
	if (rc == LZ_OK)
		rc = use_year(s, old.year, true, diags_or(diags, &local), err);
	else
		lz_diags_init(&local);
	lz_diags_free(&local);
	if (rc != LZ_OK) {
		for (size_t i = 0; i < s->n_years; i++)
			lz_plan_free(s->loaded[i]);
		memcpy(s->years, old.years, sizeof s->years);
		s->n_years = old.n_years;
		memcpy(s->loaded, old.loaded, sizeof s->loaded);
		s->plan = old.plan;
		return rc;
	}
	for (size_t i = 0; i < old.n_years; i++)
		if (old.loaded[i])
			s->retired[s->n_retired++] = old.loaded[i];
	return LZ_OK;
}

int lz_session_base_year(const lz_session *s, int year)
{
	int from = 0;
	for (size_t i = 0; i < s->n_years; i++)
		if (s->years[i] < year)
			from = s->years[i];
	return from || !s->n_years ? from : s->years[s->n_years - 1];
}

lz_rc lz_session_new_year(lz_session *s, int year, int from, lz_arena *arena,
			  const char **warning, lz_err *err)
{
	if (warning)
		*warning = NULL;
	if (lz_session_planned(s, year))
		return lz_err_set(err, LZ_EDATA, _("%d already has a plan"), year);
	lz_plan *base = NULL;
	lz_diags d;
	lz_diags_init(&d);
	lz_rc rc = plan_of(s, from, &base, &d, err);
	lz_holidays *holidays = NULL;
	const char *hpath = lz_holidays_path();
	/* Without readable holiday data the draft has weekends only, and says so. */
	if (rc == LZ_OK && hpath && lz_holidays_load_file(hpath, &holidays, &d) != LZ_OK)
		holidays = NULL;
	lz_diags_free(&d);
	if (rc != LZ_OK)
		return rc;
	lz_plan_draft draft;
	lz_plan_draft_make(&draft, base, year, holidays);
	if (warning && draft.warning)
		*warning = lz_arena_strdup(arena, draft.warning);
	char *yaml = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&yaml, &len);
	if (!mem)
		abort();
	bool written = lz_plan_emit(mem, &draft.plan, &draft.notes);
	fclose(mem);
	lz_plan_draft_free(&draft);
	lz_holidays_free(holidays);
	lz_plan *plan = NULL;
	lz_diags_init(&d);
	char name[64];
	snprintf(name, sizeof name, _("draft plan for %d"), year);
	if (!written || lz_plan_load_buffer(name, yaml, len, &plan, &d) != LZ_OK)
		rc = lz_err_set(err, LZ_EDATA, _("the draft of the plan for %d is not a valid plan: %s"),
				year, d.count ? d.items[0].message : "");
	lz_diags_free(&d);
	if (rc == LZ_OK)
		rc = store_plan(s->store, yaml, len, plan, err);
	lz_plan_free(plan);
	free(yaml);
	if (rc == LZ_OK)
		rc = read_years(s, err);
	return rc;
}

/* A notice names the meeting where it was read: one that is there. */
static lz_rc meeting_exists(lz_session *s, lz_id id, lz_err *err)
{
	lz_arena a = {0};
	lz_record m;
	lz_err why;
	lz_rc rc = lz_store_get(s->store, LZ_KIND_MEETING, id, &a, &m, &why);
	lz_arena_free(&a);
	if (rc == LZ_EDATA)
		return lz_err_set(err, LZ_EDATA, _("relayed at: %s"), why.msg);
	if (rc != LZ_OK && err)
		*err = why;
	return rc;
}

lz_rc lz_session_apply(lz_session *s, lz_op *ops, size_t n, lz_err *err)
{
	for (size_t i = 0; i < n; i++) {
		if (ops[i].op != LZ_OP_ADD && ops[i].op != LZ_OP_UPDATE)
			continue;
		const lz_plan *plan = lz_session_plan_for(s, lz_record_year(ops[i].rec), err);
		lz_rc rc = plan ? lz_validate_record(plan, ops[i].rec, err) : LZ_EDATA;
		if (rc == LZ_OK && ops[i].rec->kind == LZ_KIND_NOTICE && ops[i].rec->u.notice.meeting)
			rc = meeting_exists(s, ops[i].rec->u.notice.meeting, err);
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
