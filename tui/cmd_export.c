/* lianzheng export csv TABLE | export ics: records for spreadsheets and
 * calendars (lz_export.h), written whole or not at all. */
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "lz_export.h"
#include "lz_i18n.h"
#include "lz_outfile.h"

enum { O_FROM, O_TO, O_OUT, O_OUTPUT, O_COUNT };

static const cli_optdef opts[O_COUNT] = {
	[O_FROM] = {"from", true}, [O_TO] = {"to", true}, [O_OUT] = {"o", true},
	[O_OUTPUT] = {"output", true},
};

static const char usage_csv[] = "export csv meetings|items|risks|people [-o FILE]";
static const char usage_ics[] = "export ics [--from D] [--to D] [-o FILE]";

lz_rc cmd_export(cli *c, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "csv") != 0 && strcmp(argv[1], "ics") != 0))
		return cli_usage_error(_("usage: lianzheng %s\n       lianzheng %s"), usage_csv,
				       usage_ics);
	bool ics = strcmp(argv[1], "ics") == 0;
	cli_args a;
	/* --from and --to only for the calendar. */
	lz_rc rc = cli_parse_opts(argc - 1, argv + 1, ics ? opts : opts + O_OUT,
				  ics ? O_COUNT : O_COUNT - O_OUT, &a);
	if (rc != LZ_OK)
		return rc;
	lz_table table = LZ_TABLE_MEETINGS;
	lz_day from = INT32_MIN + 1, to = INT32_MAX;
	const char *path = ics ? cli_args_value_either(&a, O_OUT, O_OUTPUT)
			       : cli_args_value_either(&a, O_OUT - O_OUT, O_OUTPUT - O_OUT);
	if (a.noperands != (ics ? 0 : 1))
		rc = cli_usage_error(_("usage: lianzheng %s"), ics ? usage_ics : usage_csv);
	else if (!ics && !lz_table_parse(a.operands[0], &table))
		rc = cli_usage_error(_("export csv: '%s' is not one of meetings, items, risks, people"),
				     a.operands[0]);
	else if (ics && ((cli_args_has(&a, O_FROM) && !cli_day("--from", cli_args_value(&a, O_FROM), &from)) ||
			 (cli_args_has(&a, O_TO) && !cli_day("--to", cli_args_value(&a, O_TO), &to))))
		rc = LZ_EDATA;
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	cli_db db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	lz_outfile out;
	if ((rc = lz_outfile_open(&out, path, &err)) == LZ_OK) {
		size_t events;
		rc = ics ? lz_export_ics(db.plan, db.store, from, to, out.f, NULL, &events, &err)
			 : lz_export_csv(db.plan, db.store, table, out.f, NULL, &err);
		if (rc == LZ_OK)
			rc = lz_outfile_commit(&out, &err);
		else
			lz_outfile_abort(&out);
	}
	if (rc != LZ_OK)
		cli_fail(&err);
	cli_db_close(&db);
	return rc;
}
