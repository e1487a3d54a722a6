/* lianzheng: the command-line entry point.  Global options come before the
 * command; each command parses its own. */
#include <errno.h>
#include <getopt.h>
#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "cli_fields.h"
#include "lz_config.h"
#include "lz_i18n.h"
#include "lz_paths.h"
#include "lz_text.h"
#include "ui_main.h"

typedef struct command {
	const char *name;
	cli_command_fn fn;
	const char *summary;  /* translated when shown */
} command;

static const command commands[] = {
	{"init", cmd_init, N_("create the database, or import a revised plan into it")},
	{"plan", cmd_plan, N_("check or show a yearly plan file")},
	{"person", cmd_person, N_("people and the plan roles they hold")},
	{"item", cmd_item, N_("responsibility items (责任事项) and their progress")},
	{"meeting", cmd_meeting, N_("the meeting calendar and meeting records")},
	{"risk", cmd_risk, N_("integrity risk points (廉政风险点) and their reviews")},
	{"notice", cmd_notice, N_("notices on violations (通报) received, and how they were relayed")},
	{"disclosure", cmd_disclosure, N_("what was made public (党务公开), when, where, by whom")},
	{"discipline", cmd_discipline, N_("the four forms register (四种形态): measures taken; sensitive")},
	{"status", cmd_status, N_("what the plan still demands, and what is late")},
	{"remind", cmd_remind, N_("a short reminder of what is due soon, for a login shell")},
	{"schedule", cmd_schedule, N_("draft the year's meetings from the plan's obligations")},
	{"search", cmd_search, N_("find records containing a text")},
	{"report", cmd_report, N_("the year's ledger (台账) as HTML for A4, Markdown or text")},
	{"export", cmd_export, N_("meetings, items, risk points, people as CSV; meetings as iCalendar")},
	{"import", cmd_import, N_("meetings, items, risk points or people from CSV, all rows or none")},
	{"db", cmd_db, N_("check the database's consistency")},
	{"history", cmd_history, N_("every change made to one record, who made it and when")},
	{"log", cmd_log, N_("the change log of the whole database")},
	{"audit", cmd_audit, N_("verify the tamper-evident chain of changes against the records")},
	{"undo", cmd_undo, N_("take back the latest change")},
	{"backup", cmd_backup, N_("write a consistent copy of the database to a file")},
	{"restore", cmd_restore, N_("replace the database by a checked backup")},
	{"evidence", cmd_evidence, N_("files behind a record (佐证材料): scans, photos, signed pledges")},
};

/* The full-screen program; what keeps it from starting is printed here,
 * as a command's errors are. */
static lz_rc run_screen(const cli *c)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_err err;
	lz_err_clear(&err);
	int rc = ui_main(c->db_dir, &d, &err);
	cli_print_diags(&d);
	lz_diags_free(&d);
	if (err.msg[0])
		cli_error("%s", err.msg);
	return rc;
}

/* The commands' synopses, in the order --help lists them; CMD --help
 * shows the rows naming CMD.  The lines are syntax, the same in every
 * language; a record kind's add line comes from its field table
 * (cli_fields.c) before the row's own lines. */
static const struct synopsis {
	const char *commands;  /* the commands the lines are about, by name */
	int kind;              /* the lz_kind whose add line comes first, or -1 */
	const char *lines;
} synopses[] = {
	{"init", -1, "  init [--plan FILE [--map KIND:OLD=NEW]...]\n"},
	{"person", LZ_KIND_PERSON, "  person list [--tsv] | show ID | edit ID [OPTIONS] | rm ID\n"},
	{"meeting", LZ_KIND_MEETING,
	 "  meeting list [--year Y] [--from D] [--to D] [--type TYPE] [--status S] [--tsv]\n"
	 "  meeting show ID | edit ID [OPTIONS] | rm ID\n"},
	{"item", LZ_KIND_ITEM,
	 "  item list [--year Y] [--task N] [--tsv] | note ID --text S [--date D]\n"
	 "  item show ID | edit ID [OPTIONS] | rm ID\n"
	 "  item matrix [--year Y] [--late] [--date D] [--tsv]\n"},
	{"risk", LZ_KIND_RISK,
	 "  risk list [--level L] [--tsv] | review ID --date D --result S [--next D]\n"
	 "  risk show ID | edit ID [OPTIONS] | rm ID\n"},
	{"notice", LZ_KIND_NOTICE,
	 "  notice relay ID --date D (--meeting ID | --how S)\n"
	 "  notice list [--overdue] [--date D] [--tsv]\n"
	 "  notice show ID | edit ID [OPTIONS] | rm ID\n"},
	{"disclosure", LZ_KIND_DISCLOSURE,
	 "  disclosure list [--tsv] | show ID | edit ID [OPTIONS] | rm ID\n"},
	{"discipline", LZ_KIND_DISCIPLINE,
	 "  discipline list [--tsv] | show ID | edit ID [OPTIONS] | rm ID\n"},
	{"status", -1, "  status [--year Y] [--date D] [--tsv]\n"},
	{"remind", -1, "  remind [--year Y] [--date D] [--days N]\n"},
	{"schedule", -1, "  schedule [--year Y] [--date D] [--dry-run]\n"},
	{"item risk meeting", -1,
	 "  item list --overdue, risk list --review-due, meeting list --stale [--date D]\n"},
	{"report", -1,
	 "  report [--year Y] [--date D] [--format html|md|txt] [-o FILE]\n"
	 "         [--prepared-by NAME] [--reviewed-by NAME] [--include-sensitive]\n"},
	{"export", -1,
	 "  export csv meetings|items|risks|people [--year Y] [-o FILE]\n"
	 "  export csv notices|disclosures|discipline [--year Y] [--include-sensitive] [-o FILE]\n"
	 "  export ics [--year Y] [--from D] [--to D] [--include-sensitive] [-o FILE]\n"},
	{"import", -1,
	 "  import csv meetings|items|risks|people FILE [--dry-run] [--allow-duplicates]\n"},
	{"search", -1, "  search TEXT [--tsv]\n"},
	{"db", -1, "  db check\n"},
	{"history log audit", -1,
	 "  history ID [--tsv] [--include-sensitive] | log [--from D] [--to D] [--tsv]\n"
	 "  audit verify\n"},
	{"undo backup restore", -1, "  undo | backup FILE | restore FILE\n"},
	{"evidence", -1,
	 "  evidence add ID FILE... | evidence list ID [--tsv]\n"
	 "  evidence open ID N | evidence verify\n"},
	{"plan", -1,
	 "  plan check FILE | plan show [FILE | --year Y] [--tsv]\n"
	 "  plan list [--tsv] | plan import FILE [--map KIND:OLD=NEW]...\n"
	 "  plan new --year Y [--from YEAR] [-o FILE]\n"
	 "  plan import-text FILE [--year Y] [--org NAME] -o FILE\n"},
};

/* Whether name is one of the space-separated words of list. */
static bool names_command(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *w = list; *w; w += strcspn(w, " "), w += *w == ' ')
		if (strncmp(w, name, n) == 0 && (w[n] == ' ' || w[n] == '\0'))
			return true;
	return false;
}

/* The synopses of command, or of every command when NULL. */
static void print_synopses(const char *command)
{
	for (size_t i = 0; i < sizeof synopses / sizeof *synopses; i++) {
		const struct synopsis *s = &synopses[i];
		if (command && !names_command(s->commands, command))
			continue;
		if (s->kind >= 0)
			cli_print_add_usage(stdout, (lz_kind)s->kind, 80);
		fputs(s->lines, stdout);
	}
}

static void print_help(void)
{
	printf(_("Usage: lianzheng [--db DIR] COMMAND [ARGS]...\n"
		 "A ledger for the yearly plan of party conduct and integrity work:\n"
		 "responsibilities, integrity risk points and the meeting calendar.\n"
		 "\n"
		 "Commands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		printf("  %-10s ", commands[i].name);
		lz_text_print(stdout, _(commands[i].summary));
		putchar('\n');
	}
	printf("%s", _("\nRecords (add prints the new id; edit and rm take --if-version N):\n"));
	print_synopses(NULL);
	printf(_("\n"
		 "Options:\n"
		 "  --db DIR     database directory (default: $LIANZHENG_DB, else\n"
		 "               $XDG_DATA_HOME/lianzheng, else ~/.local/share/lianzheng)\n"
		 "  -h, --help   show this help and exit\n"
		 "  --version    show the version and exit\n"
		 "\n"
		 "Dates are YYYY-MM-DD. TYPE and L are the plan's id or name.\n"
		 "Exit status: 0 success, 64 usage error, 65 invalid data, 66 file not\n"
		 "found, 74 database or I/O error, 75 stale edit.\n"));
	printf(_("Dates fall in the years %d to %d. An option shown with ... may be\n"
		 "given again to add a value; any other is given once.\n"),
	       LZ_YEAR_FIRST, LZ_YEAR_LAST);
}

/* lianzheng CMD --help, CMD SUB --help: the command's own lines of the
 * help above. */
static void print_command_help(const command *c)
{
	printf("lianzheng %s: ", c->name);
	lz_text_print(stdout, _(c->summary));
	printf("\n%s", _("Usage (after lianzheng [--db DIR]):\n"));
	print_synopses(c->name);
	printf("%s", _("\n'lianzheng --help' lists every command, the options and the exit status;\n"
		       "'man lianzheng' says what each does.\n"));
}

/* Whether a command's arguments (argv[0] its name) ask for its help:
 * --help or -h after the command, a subcommand or an operand, before any
 * "--"; after an option it is that option's value (--title --help). */
static bool help_asked(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if ((strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) &&
		    argv[i - 1][0] != '-')
			return true;
	return false;
}

int main(int argc, char **argv)
{
	lz_text_init_locale();
	/* Output to a file or a pipe is written at the end in one piece where
	 * it fits, so a full disk is reported with its reason (ENOSPC) by
	 * the final flush rather than lost in an earlier write. */
	static char out_buffer[1 << 16];  /* glibc ignores the size without one */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
	bindtextdomain(LZ_GETTEXT_PACKAGE, lz_locale_dir());
	bind_textdomain_codeset(LZ_GETTEXT_PACKAGE, "UTF-8");
	textdomain(LZ_GETTEXT_PACKAGE);

	cli c = {.program = argv[0]};
	enum { OPT_VERSION = 256, OPT_DB };
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"db", required_argument, NULL, OPT_DB},
		{0, 0, 0, 0},
	};
	opterr = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			print_help();
			return cli_finish(LZ_OK);
		case OPT_VERSION:
			printf("lianzheng %s\n", LZ_VERSION);
			return cli_finish(LZ_OK);
		case OPT_DB:
			if (!*optarg)
				return cli_usage_error(_("option '--db' needs a directory, not an empty name"));
			if (c.db_dir)
				return cli_usage_error(_("option '%s%s' is given more than once; give it once"),
						       "--", "db");
			c.db_dir = optarg;
			break;
		default:
			if (optopt == OPT_DB)
				return cli_usage_error(_("option '--db' needs a directory"));
			return cli_usage_error(_("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_finish(run_screen(&c));

	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i].name, name) == 0) {
			if (help_asked(argc - optind, argv + optind)) {
				print_command_help(&commands[i]);
				return cli_finish(LZ_OK);
			}
			return cli_finish(commands[i].fn(&c, argc - optind, argv + optind));
		}
	return cli_usage_error(_("unknown command '%s'"), name);
}
