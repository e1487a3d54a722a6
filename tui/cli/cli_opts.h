/* Option parsing for subcommands from a table, so each command lists its
 * options once and the parsing loop and its error messages are shared.
 * Parsing only collects; applying the values is a second step, so an edit
 * can first load the record the values apply to. */
#ifndef LZ_CLI_OPTS_H
#define LZ_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_rc.h"

/* What follows an option.  A value option given twice is a usage error:
 * "--title x --title y" is a slip, and keeping either value silently
 * would hide it.  A list option (--topic, --role …) adds a value each time. */
typedef enum cli_arg {
	CLI_FLAG,   /* no value: false */
	CLI_VALUE,  /* one value: true */
	CLI_LIST,   /* a value each time it is given */
} cli_arg;

typedef struct cli_optdef {
	const char *name;  /* long option, without "--"; one letter: "-x" */
	cli_arg has_arg;
} cli_optdef;

typedef struct cli_optval {
	int index;          /* into the definitions */
	const char *value;  /* NULL for flags */
} cli_optval;

typedef struct cli_args {
	cli_optval *opts;
	size_t nopts;
	char **operands;  /* point into argv */
	int noperands;
} cli_args;

/* Parses argv[1..argc) (argv[0] is the subcommand).  LZ_EUSAGE, with the
 * message printed, for an unknown option, a missing value or a value
 * option given twice. */
lz_rc cli_parse_opts(int argc, char **argv, const cli_optdef *defs, size_t ndefs,
		     cli_args *out);
bool cli_args_has(const cli_args *a, int index);
/* The last value given for an option, or NULL. */
const char *cli_args_value(const cli_args *a, int index);
/* The same for an option with two names ("-o" and "--output"). */
const char *cli_args_value_either(const cli_args *a, int index, int alias);
void cli_args_free(cli_args *a);

/* Applies the values in order; fn returns false after printing a message
 * about a bad value, which makes this return LZ_EDATA. */
typedef bool (*cli_opt_fn)(void *ctx, int index, const char *value);
lz_rc cli_apply_opts(const cli_args *a, cli_opt_fn fn, void *ctx);

#endif
