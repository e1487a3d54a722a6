/* lianzheng report: the year's ledger (台账) as HTML for A4, Markdown or
 * plain text.  The content is core's (lz_report.h); this reads the
 * options and writes the file whole or not at all. */
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_outfile.h"
#include "lz_report.h"
#include "lz_validate.h"

enum { O_YEAR, O_DATE, O_FORMAT, O_OUT, O_OUTPUT, O_PREPARED, O_REVIEWED, O_SENSITIVE, O_COUNT };

static const cli_optdef opts[O_COUNT] = {
	[O_YEAR] = {"year", true}, [O_DATE] = {"date", true}, [O_FORMAT] = {"format", true},
	[O_OUT] = {"o", true}, [O_OUTPUT] = {"output", true}, [O_PREPARED] = {"prepared-by", true},
	[O_SENSITIVE] = {"include-sensitive", false},
	[O_REVIEWED] = {"reviewed-by", true},
};

/* A name for the sign-off block: one line, as a person's name is. */
static bool signer(const char *opt, const char *name)
{
	lz_err err;
	lz_err_clear(&err);
	if (!name || lz_validate_text(opt, name, LZ_MAX_SHORT_BYTES, false, false, &err) == LZ_OK)
		return true;
	cli_error("%s", err.msg);
	return false;
}

/* The format named by --format, else by the output file's extension,
 * else plain text. */
static bool pick_format(const char *name, const char *path, lz_report_format *f)
{
	*f = LZ_REPORT_TXT;
	if (name) {
		if (lz_report_format_parse(name, f))
			return true;
		cli_error(_("--format: '%s' is not one of html, md, txt"), name);
		return false;
	}
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot && !strchr(dot, '/') && (strcmp(dot + 1, "htm") == 0 || strcmp(dot + 1, "html") == 0))
		*f = LZ_REPORT_HTML;
	else if (dot && !strchr(dot, '/') && strcmp(dot + 1, "md") == 0)
		*f = LZ_REPORT_MD;
	return true;
}

typedef struct report_job {
	lz_report r;
	lz_report_format format;
} report_job;

static lz_rc write_report(FILE *out, void *ctx, lz_err *err)
{
	report_job *job = ctx;
	return lz_report_write(&job->r, job->format, out, NULL, err);
}

static lz_rc report(lz_session *db, const cli_args *a)
{
	lz_day date = lz_day_today();
	int year = 0;
	lz_report_format format;
	const char *path = cli_args_value_either(a, O_OUT, O_OUTPUT);
	const char *year_arg = cli_args_value(a, O_YEAR), *date_arg = cli_args_value(a, O_DATE);
	if ((year_arg && !cli_int("--year", year_arg, LZ_YEAR_FIRST, LZ_YEAR_LAST, &year)) ||
	    (date_arg && !cli_day("--date", date_arg, &date)) ||
	    !pick_format(cli_args_value(a, O_FORMAT), path, &format) ||
	    !signer("--prepared-by", cli_args_value(a, O_PREPARED)) ||
	    !signer("--reviewed-by", cli_args_value(a, O_REVIEWED)))
		return LZ_EDATA;
	lz_rc rc = cli_use_year(db, year, date, date_arg != NULL);
	if (rc != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	report_job job = {.format = format};
	rc = lz_report_build(db->plan, db->store, date, &job.r, &err);
	job.r.prepared_by = cli_args_value(a, O_PREPARED);
	job.r.include_sensitive = cli_args_has(a, O_SENSITIVE);
	job.r.reviewed_by = cli_args_value(a, O_REVIEWED);
	if (rc == LZ_OK)
		rc = lz_session_write_file(db, path, write_report, &job, &err);
	if (rc != LZ_OK)
		cli_fail(&err);
	lz_report_free(&job.r);
	return rc;
}

lz_rc cmd_report(cli *c, int argc, char **argv)
{
	static const cli_sub sub = {"report", report, opts, O_COUNT, 0, NULL,
				    "report [--year Y] [--date D] [--format html|md|txt] [-o FILE] [--prepared-by NAME] [--reviewed-by NAME] [--include-sensitive]",
				    NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}
