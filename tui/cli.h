/* The command-line front end: global options, the command table and the
 * helpers commands share. */
#ifndef LZ_CLI_H
#define LZ_CLI_H

#include <stdio.h>

#include "lz_diag.h"
#include "lz_plan.h"
#include "lz_rc.h"

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

/* Columns available on stdout: the terminal's width, $COLUMNS, or 80. */
int cli_output_width(void);

/* Path of the plan shipped with the program, or NULL if none is found. */
const char *cli_bundled_plan_path(void);
/* Directory holding the translations, for bindtextdomain. */
const char *cli_locale_dir(void);

lz_rc cmd_plan(cli *c, int argc, char **argv);

#endif
