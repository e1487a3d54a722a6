/* The command-line front end: global options, the command table and the
 * helpers commands share. */
#ifndef LZ_CLI_H
#define LZ_CLI_H

#include <stdio.h>

#include "lz_diag.h"
#include "lz_err.h"
#include "lz_holidays.h"
#include "lz_plan.h"
#include "lz_rc.h"
#include "lz_record.h"
#include "lz_session.h"
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
/* Every command ends here: output that did not reach standard output is
 * a failure even when the command did its work, and a failure after a
 * change was committed says what was changed.  Returns the exit status. */
int cli_finish(lz_rc rc);

/* Columns available on stdout: the terminal's width, $COLUMNS, or 80. */
int cli_output_width(void);
/* Width to cut table rows to: the terminal's, or unlimited into a pipe. */
int cli_table_width(void);

/* Opens the database of --db/$LIANZHENG_DB/XDG for a command; one that
 * is not there is an error (LZ_ENOINPUT naming the place).  Prints what
 * went wrong itself. */
lz_rc cli_db_open(cli *c, lz_session *db);
/* The year a command looks at: year (--year, which must have a plan of
 * its own) when not 0, else the year of date when date_given (--date),
 * else the database's default (lz_session_default_year); db's plan
 * becomes its plan.  Prints what went wrong. */
lz_rc cli_use_year(lz_session *db, int year, lz_day date, bool date_given);
/* A listing's --year (value NULL when not given): that year's plan comes
 * into view, borrowed from the year in force when it has none (a list
 * needs only its names), and *first..*last are its days; without it they
 * span every day and *year is 0. */
/* On stderr, for a command that counts working days under plan: that the
 * plan has no holidays of its year, when so. */
void cli_calendar_note(const lz_plan *plan);
lz_rc cli_list_year(lz_session *db, const char *value, int *year, lz_day *first, lz_day *last);
/* Prints err's message and returns its code. */
lz_rc cli_fail(const lz_err *err);

/* Option values.  Each prints a message naming the option and returns
 * false on a bad value. */
bool cli_day(const char *opt, const char *value, lz_day *out);
bool cli_int(const char *opt, const char *value, long min, long max, int *out);
bool cli_id(const char *value, lz_id *out);
/* Appends to a string list kept in an arena. */
void cli_strv_push(lz_arena *a, lz_strv *v, const char *s);

lz_rc cmd_plan(cli *c, int argc, char **argv);
/* plan import-text (cmd_plan_text.c); argv[0] is "import-text". */
lz_rc cmd_plan_import_text(int argc, char **argv);
lz_rc cmd_init(cli *c, int argc, char **argv);
/* plan import FILE (cmd_init.c, beside init --plan FILE). */
lz_rc cmd_plan_import(cli *c, int argc, char **argv);
/* A plan file loaded, its problems printed (cmd_plan.c). */
lz_rc cli_load_plan_file(const char *path, lz_plan **plan);
/* The holiday data the program ships, or NULL after a warning: without it
 * only weekends are days off (cmd_plan_text.c). */
lz_holidays *cli_load_holidays(void);
/* plan new --year Y [--from YEAR] [-o FILE] (cmd_plan_new.c). */
lz_rc cmd_plan_new(cli *c, int argc, char **argv);
lz_rc cmd_db(cli *c, int argc, char **argv);
lz_rc cmd_person(cli *c, int argc, char **argv);
lz_rc cmd_meeting(cli *c, int argc, char **argv);
lz_rc cmd_item(cli *c, int argc, char **argv);
lz_rc cmd_risk(cli *c, int argc, char **argv);
/* The registers (cmd_register.c). */
lz_rc cmd_notice(cli *c, int argc, char **argv);
lz_rc cmd_disclosure(cli *c, int argc, char **argv);
lz_rc cmd_discipline(cli *c, int argc, char **argv);
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
lz_rc cmd_evidence(cli *c, int argc, char **argv);

#endif
