/* lianzheng import csv TABLE FILE [--dry-run] [--allow-duplicates]: last
 * year's ledger in, all rows or none (lz_export.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opts.h"
#include "lz_export.h"
#include "lz_i18n.h"
#include "lz_plan_load.h"

/* A ledger of many years is a few megabytes; anything far larger is not
 * one. */
#define MAX_FILE (256u << 20)

static const char usage[] =
	"import csv meetings|items|risks|people FILE [--dry-run] [--allow-duplicates]";

/* The file, opened for the import to read twice; NULL after a message. */
static FILE *open_file(const char *path, lz_rc *rc)
{
	const char *kind;
	int fd = lz_open_regular(path, &kind);
	if (fd < 0) {
		if (kind)
			cli_error(_("cannot read %s: it is %s, not a regular file"), path, kind);
		else
			cli_error(_("cannot open %s: %s"), path, strerror(errno));
		*rc = LZ_ENOINPUT;
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_size > MAX_FILE) {
		cli_error(_("%s is too large for a ledger (more than %u MiB)"), path, MAX_FILE >> 20);
		close(fd);
		*rc = LZ_EDATA;
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		cli_error(_("cannot open %s: %s"), path, strerror(errno));
		close(fd);
		*rc = LZ_EIO;
	}
	return f;
}

lz_rc cmd_import(cli *c, int argc, char **argv)
{
	enum { O_DRY_RUN, O_ALLOW_DUPLICATES, O_COUNT };
	static const cli_optdef opts[O_COUNT] = {
		[O_DRY_RUN] = {"dry-run", false},
		[O_ALLOW_DUPLICATES] = {"allow-duplicates", false},
	};
	if (argc < 2 || strcmp(argv[1], "csv") != 0)
		return cli_usage_error(_("usage: lianzheng %s"), usage);
	cli_args a;
	lz_rc rc = cli_parse_opts(argc - 1, argv + 1, opts, O_COUNT, &a);
	if (rc != LZ_OK)
		return rc;
	lz_table table = LZ_TABLE_MEETINGS;
	lz_import_options opt = {.dry_run = cli_args_has(&a, O_DRY_RUN),
				 .allow_duplicates = cli_args_has(&a, O_ALLOW_DUPLICATES)};
	const char *path = a.noperands == 2 ? a.operands[1] : NULL;
	if (a.noperands != 2)
		rc = cli_usage_error(_("usage: lianzheng %s"), usage);
	else if (!lz_table_parse(a.operands[0], &table) || table > LZ_TABLE_IMPORTS)
		rc = cli_usage_error(_("import csv: '%s' is not one of meetings, items, risks, people"),
				     a.operands[0]);
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	FILE *in = open_file(path, &rc);
	if (!in)
		return rc;
	lz_session db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK) {
		fclose(in);
		return rc;
	}
	lz_diags diags;
	lz_diags_init(&diags);
	lz_err err;
	lz_err_clear(&err);
	size_t rows;
	opt.today = lz_day_today();
	rc = lz_import_csv(db.plan, db.store, table, path, in, &opt, &rows, &diags, &err);
	cli_print_diags(&diags);
	if (rc != LZ_OK)
		cli_fail(&err);
	else if (opt.dry_run)
		printf(dngettext(LZ_GETTEXT_PACKAGE, "%zu row is valid; nothing was written (--dry-run)\n", "%zu rows are valid; nothing was written (--dry-run)\n", rows), rows);
	else {
		cli_changed(dngettext(LZ_GETTEXT_PACKAGE, "%zu row was imported from %s", "%zu rows were imported from %s", rows), rows, path);
		printf(dngettext(LZ_GETTEXT_PACKAGE, "imported %zu row from %s\n", "imported %zu rows from %s\n", rows), rows, path);
	}
	lz_diags_free(&diags);
	fclose(in);
	lz_session_close(&db);
	return rc;
}
