/* What every command writes besides its output: messages on standard
 * error (data in them made visible), the note of what a command changed,
 * and the end of a command, which makes the exit status tell the truth
 * about both; and the width its output may take. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"

/* A message may quote data (an unknown type read from a backup, a file
 * name): its control characters are shown, never sent to the terminal. */
static void vmessage(const char *fmt, va_list ap)
{
	char *msg;
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	char *visible = lz_text_visible(msg, "\n");
	fputs("lianzheng: ", stderr);
	fputs(visible ? visible : msg, stderr);
	fputc('\n', stderr);
	free(visible);
	free(msg);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

static char *changed;

void cli_changed(const char *fmt, ...)
{
	/* From now on a reader that went away must not kill the program
	 * silently: the write fails instead, and finish says what was done. */
	signal(SIGPIPE, SIG_IGN);
	va_list ap;
	va_start(ap, fmt);
	free(changed);
	if (vasprintf(&changed, fmt, ap) < 0)
		abort();
	va_end(ap);
}

/* Saying what was changed when a command fails keeps a script from
 * retrying an add that was made. */
int cli_finish(lz_rc rc)
{
	int why = 0;
	if (fflush(stdout) != 0)
		why = errno;
	bool lost = why || ferror(stdout);
	if (lost && changed)
		cli_error(_("%s, but standard output could not be written: %s"), changed,
			  why ? strerror(why) : _("an earlier write failed"));
	else if (lost)
		cli_error(_("cannot write to standard output: %s"),
			  why ? strerror(why) : _("an earlier write failed"));
	else if (rc != LZ_OK && changed)
		cli_error(_("all the same, %s"), changed);
	free(changed);
	changed = NULL;
	return lost && rc == LZ_OK ? LZ_EIO : rc;
}

void cli_calendar_note(const lz_plan *plan)
{
	char note[256];
	if (lz_status_calendar_note(plan, note, sizeof note))
		cli_error(_("warning: %s"), note);
}

lz_rc cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Try 'lianzheng --help' for more information.\n"));
	return LZ_EUSAGE;
}

void cli_print_diags(const lz_diags *d)
{
	lz_diags_print(d, stderr);
}

int cli_table_width(void)
{
	/* Cut table cells to the screen only on a terminal; a pipe or a file
	 * gets whole values. */
	if (!isatty(STDOUT_FILENO) && !getenv("COLUMNS"))
		return 1 << 20;
	return cli_output_width();
}

int cli_output_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	if (cols) {
		int n = atoi(cols);
		if (n >= 20 && n <= 1000)
			return n;
	}
	return 80;
}
