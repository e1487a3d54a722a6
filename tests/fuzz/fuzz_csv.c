/* libFuzzer target for CSV import (lz_export.h, lz_csv.h): any file must
 * be taken or refused with its problems named, never a crash.  Each input
 * is checked, as `import csv --dry-run` checks a file, as a table of
 * meetings, of items, of risk points and of people, against a database
 * that already holds one record of each (so the row repeating one is reached too); and
 * it is parsed alone, where what reads without a problem must read the
 * same after it is written again, as export writes it.
 *
 * The database is made once, in a temporary directory removed at exit;
 * a dry run writes nothing, so every input meets the same records. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bundled_plan.h"
#include "lz_csv.h"
#include "lz_export.h"
#include "lz_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

/* The bytes as a file import can read twice and fstat: a regular file
 * in memory. */
static FILE *memfile(const void *data, size_t size)
{
	int fd = memfd_create("fuzz.csv", 0);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w+b");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fflush(f) != 0)
		abort();
	rewind(f);
	return f;
}

/* Checks (or, with dry_run false, imports) the file as table; the
 * problems in *d, which the caller frees. */
static lz_rc import(const lz_plan *plan, lz_store *store, lz_table table, FILE *in,
		    bool dry_run, lz_diags *d)
{
	lz_import_options opt = {.today = lz_day_from_ymd(2022, 6, 30), .dry_run = dry_run};
	size_t rows;
	lz_err err;
	lz_err_clear(&err);
	lz_diags_init(d);
	rewind(in);
	lz_rc rc = lz_import_csv(plan, store, table, "fuzz.csv", in, &opt, &rows, d, &err);
	/* Refused with a reason, and rows counted only when taken. */
	check(rc == LZ_OK ? d->count == 0 && d->dropped == 0 : err.msg[0] != '\0' && rows == 0);
	return rc;
}

static char store_dir[] = "/tmp/lz-fuzz-csv-XXXXXX";
static lz_store *store;

static void remove_store(void)
{
	lz_store_close(store);
	char *cmd;
	if (asprintf(&cmd, "rm -rf '%s'", store_dir) > 0 && system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", store_dir);
	free(cmd);
}

static const char *const stored[] = {
	[LZ_TABLE_MEETINGS] = ("Date,Start,Type,Title\r\n"
			       "2022-01-10,09:00,党风廉政建设专题会议,研究部署2022年党风廉政建设工作\r\n"),
	[LZ_TABLE_ITEMS] = "Task,Title\r\n2,整改经费报销手续不全问题\r\n",
	[LZ_TABLE_RISKS] = "Post,Link,Risk,Level\r\n财务岗,工会经费报销,报销凭证审核不严,高\r\n",
	[LZ_TABLE_PEOPLE] = "Name,Roles\r\n张三,分管领导一岗双责（办公室）\r\n",
};

static lz_store *database(const lz_plan *plan)
{
	if (store)
		return store;
	lz_err err;
	lz_store_options opt = {0};
	if (!mkdtemp(store_dir) || lz_store_open(store_dir, &opt, &store, &err) != LZ_OK)
		abort();
	atexit(remove_store);
	for (lz_table t = LZ_TABLE_MEETINGS; t <= LZ_TABLE_PEOPLE; t++) {
		FILE *in = memfile(stored[t], strlen(stored[t]));
		lz_diags d;
		if (import(plan, store, t, in, false, &d) != LZ_OK) {
			lz_diags_print(&d, stderr);
			abort();
		}
		lz_diags_free(&d);
		fclose(in);
	}
	return store;
}

static bool printable_rows(const lz_csv_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->rows[i].n; j++) {
			char *v = lz_text_visible(t->rows[i].fields[j], "\t\r\n");
			free(v);
			if (v)
				return false;
		}
	return true;
}

/* Rows read without a problem, written as export writes them, read the
 * same.  (A control character is written as the screen shows it, so rows
 * holding one are not expected back.) */
static void check_round_trip(const uint8_t *data, size_t size)
{
	lz_arena a = {0};
	lz_diags d;
	lz_diags_init(&d);
	lz_csv_table first, again;
	if (lz_csv_parse("fuzz.csv", (const char *)data, size, &a, &first, &d) == 0 &&
	    printable_rows(&first)) {
		char *buf;
		size_t len;
		FILE *out = open_memstream(&buf, &len);
		if (!out)
			abort();
		lz_csv_writer w;
		lz_csv_begin(&w, out);
		for (size_t i = 0; i < first.n; i++) {
			for (size_t j = 0; j < first.rows[i].n; j++)
				lz_csv_field(&w, first.rows[i].fields[j]);
			lz_csv_end_row(&w);
		}
		fclose(out);
		check(lz_csv_parse("again.csv", buf, len, &a, &again, &d) == 0);
		check(again.n == first.n);
		for (size_t i = 0; i < first.n; i++) {
			check(again.rows[i].n == first.rows[i].n);
			for (size_t j = 0; j < first.rows[i].n; j++)
				check(strcmp(again.rows[i].fields[j], first.rows[i].fields[j]) == 0);
		}
		free(buf);
	}
	lz_diags_free(&d);
	lz_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const lz_plan *plan = bundled_plan();
	lz_store *s = database(plan);
	FILE *in = memfile(data, size);
	for (lz_table t = LZ_TABLE_MEETINGS; t <= LZ_TABLE_PEOPLE; t++) {
		lz_diags d;
		import(plan, s, t, in, true, &d);
		lz_diags_free(&d);
	}
	fclose(in);
	check_round_trip(data, size);
	return 0;
}
