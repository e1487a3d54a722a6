/* lianzheng export csv TABLE | export ics: records for spreadsheets and
 * calendars (lz_export.h), written whole or not at all. */
#include <string.h>

#include "cli_record.h"
#include "lz_export.h"
#include "lz_i18n.h"
#include "lz_outfile.h"

/* The calendar takes a date range; both take a year and the output file. */
enum { I_OUT, I_OUTPUT, I_YEAR, I_SENSITIVE, I_FROM, I_TO, I_COUNT };
enum { C_COUNT = I_FROM };

static const cli_optdef opts[I_COUNT] = {
	[I_OUT] = {"o", true}, [I_OUTPUT] = {"output", true}, [I_YEAR] = {"year", true},
	[I_FROM] = {"from", true}, [I_TO] = {"to", true}, [I_SENSITIVE] = {"include-sensitive", false},
};

static const char usage_csv[] = "export csv meetings|items|risks|people|notices|disclosures|discipline [--year Y] [--include-sensitive] [-o FILE]";
static const char usage_ics[] = "export ics [--year Y] [--from D] [--to D] [--include-sensitive] [-o FILE]";

typedef struct export_job {
	lz_session *db;
	bool ics;
	lz_table table;
	int year;  /* 0: every year */
	bool sensitive;  /* --include-sensitive: the columns of sensitive fields too */
	lz_day from, to;
} export_job;

static lz_rc write_export(FILE *out, void *ctx, lz_err *err)
{
	export_job *job = ctx;
	size_t events;
	if (job->ics)
		return lz_export_ics(job->db->plan, job->db->store, job->from, job->to, out, NULL,
				     &events, err);
	return lz_export_csv_sensitive(job->db->plan, job->db->store, job->table, job->year,
				       job->sensitive, out, NULL, err);
}

static lz_rc write_to(lz_session *db, const cli_args *a, export_job *job)
{
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = lz_session_write_file(db, cli_args_value_either(a, I_OUT, I_OUTPUT), write_export,
					 job, &err);
	return rc == LZ_OK ? LZ_OK : cli_fail(&err);
}

static lz_rc export_csv(lz_session *db, const cli_args *a)
{
	export_job job = {.db = db, .sensitive = cli_args_has(a, I_SENSITIVE)};
	if (!lz_table_parse(a->operands[0], &job.table))
		return cli_usage_error(_("export csv: '%s' is not one of meetings, items, risks, people, notices, disclosures, discipline"),
				       a->operands[0]);
	if (cli_args_has(a, I_YEAR) && !lz_table_has_year(job.table))
		return cli_usage_error(_("export csv %s: --year applies to meetings and items; risk points and people belong to no year"),
				       a->operands[0]);
	lz_rc rc = cli_list_year(db, cli_args_value(a, I_YEAR), &job.year, &job.from, &job.to);
	return rc == LZ_OK ? write_to(db, a, &job) : rc;
}

static lz_rc export_ics(lz_session *db, const cli_args *a)
{
	/* The calendar holds meetings alone, none of them sensitive: the
	 * option is taken, and changes nothing. */
	export_job job = {.db = db, .ics = true};
	lz_rc rc = cli_list_year(db, cli_args_value(a, I_YEAR), &job.year, &job.from, &job.to);
	if (rc != LZ_OK)
		return rc;
	lz_day from = job.from, to = job.to;
	if ((cli_args_has(a, I_FROM) && !cli_day("--from", cli_args_value(a, I_FROM), &from)) ||
	    (cli_args_has(a, I_TO) && !cli_day("--to", cli_args_value(a, I_TO), &to)))
		return LZ_EDATA;
	/* --from and --to narrow the year, never widen it. */
	job.from = from > job.from ? from : job.from;
	job.to = to < job.to ? to : job.to;
	return write_to(db, a, &job);
}

lz_rc cmd_export(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"csv", export_csv, opts, C_COUNT, 1, NULL, usage_csv, NULL, NULL},
		{"ics", export_ics, opts, I_COUNT, 0, NULL, usage_ics, NULL, NULL},
	};
	return cli_dispatch(c, "export", subs, sizeof subs / sizeof *subs, argc, argv);
}
