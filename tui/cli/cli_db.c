/* Opening the database for a command, and option value parsing shared by
 * the commands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lz_i18n.h"
#include "lz_validate.h"

lz_rc cli_fail(const lz_err *err)
{
	cli_error("%s", err->msg);
	return err->rc ? err->rc : LZ_EIO;
}

lz_rc cli_db_open(cli *c, lz_session *db)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_err err;
	lz_rc rc = lz_session_open(db, c->db_dir, 0, &d, &err);
	cli_print_diags(&d);
	lz_diags_free(&d);
	return rc == LZ_OK ? LZ_OK : cli_fail(&err);
}

lz_rc cli_use_year(lz_session *db, int year, lz_day date, bool date_given)
{
	lz_err err;
	lz_err_clear(&err);
	int y, m, d;
	lz_rc rc = LZ_OK;
	if (year) {
		rc = lz_session_use_year(db, year, false, &err);
	} else if (date_given) {
		lz_day_to_ymd(date, &y, &m, &d);
		rc = lz_session_use_year(db, y, true, &err);
	}
	return rc == LZ_OK ? LZ_OK : cli_fail(&err);
}

lz_rc cli_list_year(lz_session *db, const char *value, int *year, lz_day *first, lz_day *last)
{
	*year = 0;
	*first = INT32_MIN + 1;
	*last = INT32_MAX;
	if (!value)
		return LZ_OK;
	if (!cli_int("--year", value, LZ_YEAR_FIRST, LZ_YEAR_LAST, year))
		return LZ_EDATA;
	lz_err err;
	lz_err_clear(&err);
	if (lz_session_use_year(db, *year, true, &err) != LZ_OK)
		return cli_fail(&err);
	*first = lz_day_from_ymd(*year, 1, 1);
	*last = lz_day_from_ymd(*year, 12, 31);
	return LZ_OK;
}

bool cli_day(const char *opt, const char *value, lz_day *out)
{
	lz_err err;
	lz_err_clear(&err);
	/* Options are read before the database tells which year is in view;
	 * 3/1 on a command line means this year's, as date(1) takes it. */
	int y, m, d;
	lz_day_to_ymd(lz_day_today(), &y, &m, &d);
	if (lz_validate_day_text(opt, value, y, out, &err) == LZ_OK)
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
