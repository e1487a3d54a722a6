/* A kind's add/edit options and its `show` lines, from its field table
 * (lz_fields.h): every field people enter is an option --KEY VALUE and a
 * line of show, so a new field needs no code here. */
#ifndef LZ_CLI_FIELDS_H
#define LZ_CLI_FIELDS_H

#include <stdio.h>

#include "cli.h"
#include "cli_opts.h"
#include "cli_record.h"
#include "lz_fields.h"

enum { CLI_MAX_FIELD_OPTS = 40 };

typedef struct cli_fieldopts {
	cli_optdef defs[CLI_MAX_FIELD_OPTS];
	const lz_fielddef *field[CLI_MAX_FIELD_OPTS];  /* NULL for --if-version */
	size_t n;         /* options of edit: every field, then --if-version */
	size_t n_add;     /* options of add: the same without --if-version */
	int if_version;   /* the index of --if-version */
	int required[CLI_MAX_FIELD_OPTS + 1];  /* required fields, ending with -1 */
} cli_fieldopts;

const cli_fieldopts *cli_fieldopts_of(lz_kind kind);

/* Sets f from an option's value; false after printing "--KEY: why".  A
 * list field (--topic, --role …) adds the value; first: the first time
 * the option is given, which replaces the stored list. */
bool cli_set_field(const lz_plan *plan, lz_record *rec, const lz_fielddef *f, const char *value,
		   bool first, lz_arena *arena);

/* What is special about a kind's add and edit: the defaults of a new
 * record and what follows from the options given. */
struct cli_record_cmd {
	lz_kind kind;
	/* A new record before its options (may be NULL). */
	void (*defaults)(const lz_plan *plan, lz_record *rec);
	/* After the options: before is the record as read (NULL for add);
	 * given(key) says whether the option was given. */
	void (*finish)(const lz_plan *plan, lz_record *rec, const lz_record *before,
		       bool (*given)(const void *ctx, const char *key), const void *ctx);
	/* Optional: a line show adds after the fields (a meeting's warnings
	 * from the status engine); NULL or "" for none. */
	const char *(*show_extra)(const lz_plan *plan, const lz_record *rec, lz_arena *arena,
				  const char **label);
	/* Optional: once the record is written, what the user should know
	 * about it, on stderr (a namesake); before is as for finish. */
	void (*saved)(lz_session *db, const lz_record *rec, const lz_record *before);
};

/* "  KIND add --KEY V ... [--KEY V]..." for --help, from the kind's
 * table: the required options first, the rest in brackets, a list
 * option marked "...", lines wrapped at width with an indent. */
void cli_print_add_usage(FILE *out, lz_kind kind, int width);
/* The same synopsis as roff for the manual page (gen_manpage.c): names
 * and options bold, values italic, one option a line. */
void cli_print_add_usage_roff(FILE *out, lz_kind kind);

/* The field key of rec as one line for a table's cell: list entries
 * joined by "、"; in arena. */
const char *cli_field_line(const lz_record *rec, const lz_plan *plan, const char *key,
			   lz_arena *arena);

/* "KIND add --KEY VALUE...": prints the new id. */
lz_rc cli_field_add(lz_session *db, const cli_record_cmd *k, int argc, char **argv);
/* "KIND edit ID --KEY VALUE... [--if-version N]". */
lz_rc cli_field_edit(lz_session *db, const cli_record_cmd *k, int argc, char **argv);
/* "KIND show ID": every field, then the record's version and times. */
lz_rc cli_field_show(lz_session *db, const cli_record_cmd *k, int argc, char **argv);
/* "KIND rm ID [--if-version N]". */
lz_rc cli_field_remove(lz_session *db, const cli_record_cmd *k, int argc, char **argv);

/* "Label  value" for every field that holds something, in the table's
 * order, plan ids by their names. */
void cli_show_fields(FILE *out, const lz_record *rec, const lz_plan *plan, lz_arena *arena,
		     const char *extra_label, const char *extra);

#endif
