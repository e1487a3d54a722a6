/* The command-line front end: global options, the command table and the
 * helpers commands share. */
#ifndef LZ_CLI_H
#define LZ_CLI_H

#include <stdio.h>

#include <limits.h>

#include "lz_diag.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_rc.h"
#include "lz_record.h"
#include "lz_store.h"

typedef struct cli {
	const char *program;  /* argv[0] as given, for messages */
	const char *db_dir;   /* --db, or NULL */
} cli;

typedef lz_rc (*cli_command_fn)(cli *c, int argc, char **argv);

/* Prints "lianzheng: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: the message, a pointer to --help, and LZ_EUSAGE. */
lz_rc cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_print_diags(const lz_diags *d);
/* Notes what a command has changed ("meeting 12 was added"), once the
 * change is committed.  Should the command still fail — most often
 * because its standard output cannot be written — the message says that
 * this was done, so a non-zero exit never hides a change. */
void cli_changed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Columns available on stdout: the terminal's width, $COLUMNS, or 80. */
int cli_output_width(void);
/* Width to cut table rows to: the terminal's, or unlimited into a pipe. */
int cli_table_width(void);

/* Path of the plan shipped with the program, or NULL if none is found. */
const char *cli_bundled_plan_path(void);
/* Directory holding the translations, for bindtextdomain. */
const char *cli_locale_dir(void);

/* An open database and the plan stored in it. */
typedef struct cli_db {
	lz_store *store;
	lz_plan *plan;
	/* The plan replaced by the last reload: the full-screen program's
	 * panes may point into it until they have reloaded. */
	lz_plan *retired;
	char dir[PATH_MAX];
} cli_db;

/* Opens the database of --db/$LIANZHENG_DB/XDG; one that is not there
 * is an error (LZ_ENOINPUT naming the place).  Prints the error itself. */
lz_rc cli_db_open(cli *c, cli_db *db);
/* The same, but a database that is not there yet is created from the
 * bundled plan: the full-screen program's first start. */
lz_rc cli_db_open_or_create(cli *c, cli_db *db);
void cli_db_close(cli_db *db);
/* Reads the stored plan again (after an undo put an earlier one back). */
lz_rc cli_db_reload_plan(cli_db *db, lz_err *err);
/* Prints err's message and returns its code. */
lz_rc cli_fail(const lz_err *err);

/* Option values.  Each prints a message naming the option and returns
 * false on a bad value. */
bool cli_day(const char *opt, const char *value, lz_day *out);
bool cli_int(const char *opt, const char *value, long min, long max, int *out);
bool cli_id(const char *value, lz_id *out);
/* Appends to a string list kept in an arena. */
void cli_strv_push(lz_arena *a, lz_strv *v, const char *s);

/* Stores a plan's YAML with its compiled form. */
lz_rc cli_store_plan(lz_store *store, const char *yaml, size_t len, const lz_plan *plan,
		     lz_err *err);
/* Loads the plan text into a plan; prints diagnostics on failure. */
lz_rc cli_load_plan_text(const char *name, const char *yaml, size_t len, lz_plan **plan);

lz_rc cmd_plan(cli *c, int argc, char **argv);
lz_rc cmd_init(cli *c, int argc, char **argv);
lz_rc cmd_db(cli *c, int argc, char **argv);
lz_rc cmd_person(cli *c, int argc, char **argv);
lz_rc cmd_meeting(cli *c, int argc, char **argv);
lz_rc cmd_item(cli *c, int argc, char **argv);
lz_rc cmd_risk(cli *c, int argc, char **argv);
lz_rc cmd_search(cli *c, int argc, char **argv);
lz_rc cmd_status(cli *c, int argc, char **argv);
lz_rc cmd_remind(cli *c, int argc, char **argv);
lz_rc cmd_schedule(cli *c, int argc, char **argv);
lz_rc cmd_history(cli *c, int argc, char **argv);
lz_rc cmd_log(cli *c, int argc, char **argv);
lz_rc cmd_audit(cli *c, int argc, char **argv);
lz_rc cmd_undo(cli *c, int argc, char **argv);
lz_rc cmd_backup(cli *c, int argc, char **argv);
lz_rc cmd_restore(cli *c, int argc, char **argv);
lz_rc cmd_report(cli *c, int argc, char **argv);
lz_rc cmd_export(cli *c, int argc, char **argv);
lz_rc cmd_import(cli *c, int argc, char **argv);

#endif
