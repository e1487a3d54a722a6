/* A kind's add/edit options and its `show` lines, from its field table
 * (lz_fields.h): every field people enter is an option --KEY VALUE and a
 * line of show, so a new field needs no code here. */
#ifndef LZ_CLI_FIELDS_H
#define LZ_CLI_FIELDS_H

#include <stdio.h>

#include "cli_opts.h"
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

/* Sets f from an option's value; false after printing "--KEY: why". */
bool cli_set_field(const lz_plan *plan, lz_record *rec, const lz_fielddef *f, const char *value,
		   lz_arena *arena);

/* "Label  value" for every field that holds something, in the table's
 * order, plan ids by their names. */
void cli_show_fields(FILE *out, const lz_record *rec, const lz_plan *plan, lz_arena *arena);

#endif
