/* Opening the database for a command, and option value parsing shared by
 * the commands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lz_i18n.h"
#include "lz_plan_cache.h"
#include "lz_plan_load.h"
#include "lz_validate.h"

lz_rc cli_fail(const lz_err *err)
{
	cli_error("%s", err->msg);
	return err->rc ? err->rc : LZ_EIO;
}

lz_rc cli_load_plan_text(const char *name, const char *yaml, size_t len, lz_plan **plan)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_rc rc = lz_plan_load_buffer(name, yaml, len, plan, &d);
	cli_print_diags(&d);
	lz_diags_free(&d);
	return rc;
}

lz_rc cli_store_plan(lz_store *store, const char *yaml, size_t len, const lz_plan *plan,
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
static lz_rc init_from_bundled(cli_db *db, lz_err *err)
{
	const char *path = cli_bundled_plan_path();
	if (!path)
		return lz_err_set(err, LZ_ENOINPUT,
				  _("database %s has no plan and the bundled plan is not installed; run 'lianzheng init --plan FILE'"),
				  db->dir);
	lz_diags d;
	lz_diags_init(&d);
	char *yaml;
	size_t len;
	lz_rc rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, &yaml, &len, &d);
	if (rc == LZ_OK) {
		rc = lz_plan_load_buffer(path, yaml, len, &db->plan, &d);
		if (rc == LZ_OK)
			rc = cli_store_plan(db->store, yaml, len, db->plan, err);
		else
			lz_err_set(err, rc, _("the bundled plan %s is invalid"), path);
		free(yaml);
	} else {
		lz_err_set(err, rc, _("cannot read the bundled plan %s"), path);
	}
	cli_print_diags(&d);
	lz_diags_free(&d);
	return rc;
}

/* The stored plan: its compiled form when it is current, else the YAML.
 * Only a writer (refresh) stores the compiled form again for the next
 * command: a read command must leave the database as it found it. */
static lz_rc load_stored_plan(cli_db *db, bool create, bool refresh, lz_err *err)
{
	void *bin;
	size_t blen;
	lz_rc cached = lz_store_get_plan_cache(db->store, &bin, &blen, err);
	if (cached == LZ_OK) {
		db->plan = lz_plan_decode(bin, blen);
		free(bin);
		if (db->plan)
			return LZ_OK;
	}
	/* A compiled plan the change log does not name is left where it is,
	 * for audit verify to report; the text is what counts. */
	bool keep_cache = cached == LZ_EDATA;
	lz_err_clear(err);
	char *yaml = NULL;
	size_t len = 0;
	lz_rc rc = lz_store_get_plan(db->store, &yaml, &len, NULL, err);
	if (rc == LZ_ENOINPUT && create) {
		lz_err_clear(err);
		return init_from_bundled(db, err);
	}
	if (rc != LZ_OK)
		return rc;
	char name[PATH_MAX + 32];
	snprintf(name, sizeof name, _("%s (stored plan)"), db->dir);
	rc = cli_load_plan_text(name, yaml, len, &db->plan);
	free(yaml);
	if (rc != LZ_OK)
		return lz_err_set(err, LZ_EDATA,
				  _("the plan stored in the database is invalid; import a valid one with 'lianzheng init --plan FILE'"));
	if (keep_cache || !refresh || lz_store_read_only(db->store))
		return LZ_OK;
	unsigned char *compiled;
	size_t clen;
	lz_plan_encode(db->plan, &compiled, &clen);
	lz_rc cache_rc = lz_store_set_plan_cache(db->store, compiled, clen, err);
	free(compiled);
	/* Without a cache the next command is only slower. */
	if (cache_rc != LZ_OK)
		lz_err_clear(err);
	return LZ_OK;
}

static lz_rc db_open(cli *c, cli_db *db, bool create)
{
	memset(db, 0, sizeof *db);
	lz_err err;
	lz_err_clear(&err);
	lz_store_options opt = {.existing_only = !create};
	lz_rc rc = lz_store_resolve_dir(c->db_dir, db->dir, sizeof db->dir, &err);
	if (rc == LZ_OK)
		rc = lz_store_open(db->dir, &opt, &db->store, &err);
	if (rc == LZ_OK)
		rc = load_stored_plan(db, create, create, &err);
	if (rc != LZ_OK) {
		cli_db_close(db);
		return cli_fail(&err);
	}
	return LZ_OK;
}

lz_rc cli_db_reload_plan(cli_db *db, lz_err *err)
{
	lz_plan_free(db->retired);
	db->retired = db->plan;
	db->plan = NULL;
	lz_rc rc = load_stored_plan(db, false, true, err);
	if (rc != LZ_OK) {
		db->plan = db->retired;
		db->retired = NULL;
	}
	return rc;
}

lz_rc cli_db_open(cli *c, cli_db *db)
{
	return db_open(c, db, false);
}

lz_rc cli_db_open_or_create(cli *c, cli_db *db)
{
	return db_open(c, db, true);
}

void cli_db_close(cli_db *db)
{
	lz_plan_free(db->retired);
	db->retired = NULL;
	lz_plan_free(db->plan);
	lz_store_close(db->store);
	db->plan = NULL;
	db->store = NULL;
}

bool cli_day(const char *opt, const char *value, lz_day *out)
{
	lz_err err;
	lz_err_clear(&err);
	if (lz_validate_day_text(opt, value, out, &err) == LZ_OK)
		return true;
	cli_error("%s", err.msg);
	return false;
}

bool cli_int(const char *opt, const char *value, long min, long max, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (!*value || *end || errno) {
		cli_error(_("%s: '%s' is not a whole number"), opt, value);
		return false;
	}
	if (v < min || v > max) {
		cli_error(_("%s: %ld is out of range (%ld to %ld)"), opt, v, min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

bool cli_id(const char *value, lz_id *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(value, &end, 10);
	if (!*value || *end || errno || v == 0 || value[0] == '-') {
		cli_error(_("'%s' is not a record id"), value);
		return false;
	}
	*out = v;
	return true;
}

void cli_strv_push(lz_arena *a, lz_strv *v, const char *s)
{
	const char **grown = lz_arena_alloc(a, (v->n + 1) * sizeof *grown);
	if (v->n)
		memcpy(grown, v->v, v->n * sizeof *grown);
	grown[v->n++] = s;
	v->v = grown;
}
