/* What the record commands (person, item, meeting, risk) share: saving
 * through validation and the store, loading by id, removing, and the
 * parts of a record's display. */
#ifndef LZ_CLI_RECORD_H
#define LZ_CLI_RECORD_H

#include <stdio.h>

#include "cli.h"
#include "cli_opts.h"
#include "table.h"

/* Validates against the plan and applies one store operation.  For ADD,
 * *id receives the new id. */
lz_rc cli_save(lz_session *db, lz_op_kind op, lz_record *rec, uint32_t expect_version, lz_id *id);
lz_rc cli_load(lz_session *db, lz_kind kind, const char *id_arg, lz_arena *arena, lz_record *rec);
/* "KIND rm ID [--if-version N]". */
lz_rc cli_remove(lz_session *db, lz_kind kind, int argc, char **argv);
/* --if-version N: the version an edit was based on. */
bool cli_version(const char *value, uint32_t *out);


/* A record command's subcommand table.  The dispatcher checks the
 * options, the operand count and the required options before it opens
 * the database, so a usage error never creates or touches one. */
typedef struct cli_record_cmd cli_record_cmd;

typedef struct cli_sub {
	const char *name;
	/* Given the options and operands, checked as said above. */
	lz_rc (*fn)(lz_session *db, const cli_args *a);
	const cli_optdef *opts;
	size_t nopts;
	int operands;         /* exactly this many operands (the id) */
	const int *required;  /* option indexes, ending with -1; or NULL */
	const char *usage;    /* shown on a usage error, after "usage: lianzheng " */
	/* Or a subcommand every kind has (add, show, edit, rm: cli_fields.h),
	 * run for the kind record describes. */
	lz_rc (*record_fn)(lz_session *db, const cli_record_cmd *record, int argc, char **argv);
	const cli_record_cmd *record;
} cli_sub;

extern const cli_optdef cli_rm_opts[1];
/* Runs a command that has no subcommands (argv[0] is its name) with the
 * same checks as a subcommand. */
lz_rc cli_run(cli *c, const cli_sub *cmd, int argc, char **argv);
/* Opens the database and runs the subcommand argv[1]. */
lz_rc cli_dispatch(cli *c, const char *kind, const cli_sub *subs, size_t nsubs,
		   int argc, char **argv);

/* "label: value" lines for show; nothing when value is empty. */
void cli_show_field(FILE *out, const char *label, const char *value);
/* The same with labels padded to width columns. */
void cli_show_field_width(FILE *out, const char *label, const char *value, int width);
void cli_show_day(FILE *out, const char *label, lz_day d);
void cli_show_meta(FILE *out, const lz_meta *m);
void cli_show_meta_width(FILE *out, const lz_meta *m, int width);
/* YYYY-MM-DD, or "" for LZ_NO_DAY, into buf. */
const char *cli_day_str(lz_day d, char buf[LZ_DATE_STRLEN]);

/* Output for list commands: --tsv fields or an aligned table. */
void cli_tsv_row(FILE *out, const char *const *fields, size_t n);
/* What a list command keeps through its walk of the store. */
typedef struct cli_list {
	lz_session *db;
	lz_arena arena;  /* what a row decoded, done with once it is shown */
	bool tsv;        /* rows go out as they come; else into the table */
	table t;
	size_t count;
} cli_list;

/* The table's heading, n columns (kept for --tsv too, and not printed). */
void cli_list_begin(cli_list *l, const char *const *head, size_t n);
/* A row shown: counted, and what it decoded freed. */
void cli_list_next(cli_list *l);
/* The end of a list command: the walk's failure said (rc, err), or the
 * table printed (not for --tsv, whose rows went out as they came, nor
 * when nothing was listed); everything freed either way. */
lz_rc cli_list_end(cli_list *l, lz_rc rc, const lz_err *err);

#endif
