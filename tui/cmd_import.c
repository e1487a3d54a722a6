/* lianzheng import csv TABLE FILE [--dry-run]: last year's ledger in, all
 * rows or none (lz_export.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "lz_export.h"
#include "lz_i18n.h"

/* A ledger of many years is a few megabytes; anything far larger is not
 * one. */
#define MAX_FILE (256u << 20)

static const char usage[] = "import csv meetings|items|risks FILE [--dry-run]";

/* The whole file, or NULL after a message. */
static char *read_file(const char *path, size_t *len, lz_rc *rc)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error(_("cannot open %s: %s"), path, strerror(errno));
		*rc = LZ_ENOINPUT;
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= MAX_FILE) {
				cli_error(_("%s is too large for a ledger (more than %u MiB)"), path,
					  MAX_FILE >> 20);
				*rc = LZ_EDATA;
				free(buf);
				fclose(f);
				return NULL;
			}
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	if (ferror(f)) {
		cli_error(_("cannot read %s: %s"), path, strerror(errno));
		*rc = LZ_EIO;
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

lz_rc cmd_import(cli *c, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"dry-run", false}};
	if (argc < 2 || strcmp(argv[1], "csv") != 0)
		return cli_usage_error(_("usage: lianzheng %s"), usage);
	cli_args a;
	lz_rc rc = cli_parse_opts(argc - 1, argv + 1, opts, 1, &a);
	if (rc != LZ_OK)
		return rc;
	lz_table table = LZ_TABLE_MEETINGS;
	bool dry_run = cli_args_has(&a, 0);
	const char *path = a.noperands == 2 ? a.operands[1] : NULL;
	if (a.noperands != 2)
		rc = cli_usage_error(_("usage: lianzheng %s"), usage);
	else if (!lz_table_parse(a.operands[0], &table) || !lz_table_importable(table))
		rc = cli_usage_error(_("import csv: '%s' is not one of meetings, items, risks"),
				     a.operands[0]);
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	size_t len;
	char *data = read_file(path, &len, &rc);
	if (!data)
		return rc;
	cli_db db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK) {
		free(data);
		return rc;
	}
	lz_diags diags;
	lz_diags_init(&diags);
	lz_err err;
	lz_err_clear(&err);
	size_t rows;
	rc = lz_import_csv(db.plan, db.store, table, path, data, len, lz_day_today(), dry_run, &rows,
			   &diags, &err);
	cli_print_diags(&diags);
	if (rc != LZ_OK)
		cli_fail(&err);
	else if (dry_run)
		printf(_("%zu rows are valid; nothing was written (--dry-run)\n"), rows);
	else {
		cli_changed(_("%zu rows were imported from %s"), rows, path);
		printf(_("imported %zu rows from %s\n"), rows, path);
	}
	lz_diags_free(&diags);
	free(data);
	cli_db_close(&db);
	return rc;
}
