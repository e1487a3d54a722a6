/* lianzheng export csv TABLE | export ics: records for spreadsheets and
 * calendars (lz_export.h), written whole or not at all. */
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "lz_export.h"
#include "lz_i18n.h"
#include "lz_outfile.h"

/* The calendar takes a date range; both take the output file. */
enum { I_OUT, I_OUTPUT, I_FROM, I_TO, I_COUNT };
enum { C_COUNT = I_FROM };

static const cli_optdef opts[I_COUNT] = {
	[I_OUT] = {"o", true}, [I_OUTPUT] = {"output", true}, [I_FROM] = {"from", true},
	[I_TO] = {"to", true},
};

static const char usage_csv[] = "export csv meetings|items|risks|people [-o FILE]";
static const char usage_ics[] = "export ics [--from D] [--to D] [-o FILE]";

typedef struct export_job {
	lz_session *db;
	bool ics;
	lz_table table;
	lz_day from, to;
} export_job;

static lz_rc write_export(FILE *out, void *ctx, lz_err *err)
{
	export_job *job = ctx;
	size_t events;
	if (job->ics)
		return lz_export_ics(job->db->plan, job->db->store, job->from, job->to, out, NULL,
				     &events, err);
	return lz_export_csv(job->db->plan, job->db->store, job->table, out, NULL, err);
}

lz_rc cmd_export(cli *c, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "csv") != 0 && strcmp(argv[1], "ics") != 0))
		return cli_usage_error(_("usage: lianzheng %s\n       lianzheng %s"), usage_csv,
				       usage_ics);
	bool ics = strcmp(argv[1], "ics") == 0;
	cli_args a;
	lz_rc rc = cli_parse_opts(argc - 1, argv + 1, opts, ics ? I_COUNT : C_COUNT, &a);
	if (rc != LZ_OK)
		return rc;
	lz_table table = LZ_TABLE_MEETINGS;
	lz_day from = INT32_MIN + 1, to = INT32_MAX;
	const char *path = cli_args_value_either(&a, I_OUT, I_OUTPUT);
	if (a.noperands != (ics ? 0 : 1))
		rc = cli_usage_error(_("usage: lianzheng %s"), ics ? usage_ics : usage_csv);
	else if (!ics && !lz_table_parse(a.operands[0], &table))
		rc = cli_usage_error(_("export csv: '%s' is not one of meetings, items, risks, people"),
				     a.operands[0]);
	else if (ics && ((cli_args_has(&a, I_FROM) && !cli_day("--from", cli_args_value(&a, I_FROM), &from)) ||
			 (cli_args_has(&a, I_TO) && !cli_day("--to", cli_args_value(&a, I_TO), &to))))
		rc = LZ_EDATA;
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	lz_session db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	export_job job = {.db = &db, .ics = ics, .table = table, .from = from, .to = to};
	/* Never over the database the export is read from. */
	lz_outfile_opts out = {0};
	lz_store_guard(db.store, &out);
	rc = lz_outfile_write(path, &out, write_export, &job, &err);
	if (rc != LZ_OK)
		cli_fail(&err);
	lz_session_close(&db);
	return rc;
}
