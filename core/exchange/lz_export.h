/* Records in the forms other programs read: CSV tables for WPS and Excel
 * (and back, to move last year's ledger in), and the meeting calendar as
 * iCalendar for phones and desktop calendars.  The columns of each table
 * are defined once (export_csv.c) and serve both directions, so what is
 * exported imports again to the same records. */
#ifndef LZ_EXPORT_H
#define LZ_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "lz_diag.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_progress.h"
#include "lz_store.h"

typedef enum lz_table {
	LZ_TABLE_MEETINGS,
	LZ_TABLE_ITEMS,
	LZ_TABLE_RISKS,
	LZ_TABLE_PEOPLE,
	/* The registers: exported, not imported (LZ_TABLE_IMPORTS). */
	LZ_TABLE_NOTICES,
	LZ_TABLE_DISCLOSURES,
	LZ_TABLE_DISCIPLINE,
} lz_table;
#define LZ_TABLE_IMPORTS LZ_TABLE_PEOPLE  /* the last table import reads */

/* "meetings", "items", "risks", "people", "notices", "disclosures",
 * "discipline". */
bool lz_table_parse(const char *s, lz_table *out);
const char *lz_table_name(lz_table t);

/* Every record of the table, a header row first (in the language of the
 * messages): meetings by date and time, items by task, the others as
 * entered.  A year (0: all) keeps the meetings dated in it and the items
 * of it, entered in it or carried into it (lz_item_year_state); risk
 * points and people belong to no year (lz_table_has_year). */
lz_rc lz_export_csv(const lz_plan *plan, lz_store *store, lz_table table, int year, FILE *out,
		    lz_progress *progress, lz_err *err);
/* The same; the columns of LZ_FF_SENSITIVE fields (the discipline
 * register's person, measure, reason and deciding body) only when
 * include_sensitive. lz_export_csv leaves them out. */
lz_rc lz_export_csv_sensitive(const lz_plan *plan, lz_store *store, lz_table table, int year,
			      bool include_sensitive, FILE *out, lz_progress *progress,
			      lz_err *err);
/* Whether a table's records belong to years (meetings, items and the
 * registers, by their date). */
bool lz_table_has_year(lz_table t);

typedef struct lz_import_options {
	lz_day today;           /* decides a meeting's status the file leaves empty */
	bool dry_run;           /* check without writing */
	bool allow_duplicates;  /* rows repeating another row of the file are meant */
} lz_import_options;

/* Reads a CSV file of the table from in (a regular file: it is read
 * twice, row by row, and never held whole; file is its name for messages)
 * and stores its rows in one transaction, marked as imported, but only
 * when every row is valid: each problem is added to diags as FILE:ROW:
 * message and nothing is written (LZ_EDATA).  Row 1 names the columns, in
 * any order, in English or Chinese; columns may be left out except those
 * a record needs.  A row that repeats a record already stored is a
 * problem, so a file imported twice is refused; so is a row that repeats
 * an earlier row, unless allow_duplicates (a person is the same by name,
 * the others as their "already recorded" messages say).  Rows left empty
 * are skipped.
 * *rows counts the records read. */
lz_rc lz_import_csv(const lz_plan *plan, lz_store *store, lz_table table, const char *file,
		    FILE *in, const lz_import_options *opt, size_t *rows, lz_diags *diags,
		    lz_err *err);

/* Meetings dated from..to that are not cancelled, one VEVENT each, in
 * Asia/Shanghai time; *events counts them. */
lz_rc lz_export_ics(const lz_plan *plan, lz_store *store, lz_day from, lz_day to, FILE *out,
		    lz_progress *progress, size_t *events, lz_err *err);

#endif
