/* F9: the year's ledger or an export, into a file the secretary names:
 * pick what, confirm the file name (and a replacement), then a progress
 * bar while it is written.  The writing is core's, as for 'lianzheng
 * report' and 'lianzheng export'.  B asks for its file the same way. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_export.h"
#include "lz_i18n.h"
#include "lz_outfile.h"
#include "lz_paths.h"
#include "lz_report.h"
#include "lz_text.h"
#include "ui_form.h"

typedef enum what { W_REPORT, W_CSV, W_ICS } what;

typedef struct choice {
	const char *label;   /* N_() */
	what kind;
	int which;           /* lz_report_format or lz_table */
	const char *file;    /* N_(): the default name, with the plan year */
} choice;

static const choice choices[] = {
	{N_("Ledger for printing (HTML, A4)"), W_REPORT, LZ_REPORT_HTML, N_("ledger-%d.html")},
	{N_("Ledger as Markdown"), W_REPORT, LZ_REPORT_MD, N_("ledger-%d.md")},
	{N_("Ledger as plain text"), W_REPORT, LZ_REPORT_TXT, N_("ledger-%d.txt")},
	{N_("Meetings as CSV (WPS, Excel)"), W_CSV, LZ_TABLE_MEETINGS, N_("meetings-%d.csv")},
	{N_("Items as CSV"), W_CSV, LZ_TABLE_ITEMS, N_("items-%d.csv")},
	{N_("Risk points as CSV"), W_CSV, LZ_TABLE_RISKS, N_("risks-%d.csv")},
	{N_("People as CSV"), W_CSV, LZ_TABLE_PEOPLE, N_("people-%d.csv")},
	{N_("Meeting calendar (iCalendar)"), W_ICS, 0, N_("meetings-%d.ics")},
	/* The four forms register is sensitive: exported on the command
	 * line, asked for with --include-sensitive. */
	{N_("Notices (通报传达) as CSV"), W_CSV, LZ_TABLE_NOTICES, N_("notices-%d.csv")},
	{N_("Disclosures (党务公开) as CSV"), W_CSV, LZ_TABLE_DISCLOSURES, N_("disclosures-%d.csv")},
};
enum { N_CHOICES = sizeof choices / sizeof *choices };

/* The progress box, drawn over the screen; the loop redraws what it
 * covered. */
static void draw_progress(void *ctx, size_t done, size_t total)
{
	const char *title = ctx;
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	int width = cols - 4 < 60 ? cols - 4 : 60;
	WINDOW *w = newwin(5, width, (rows - 5) / 2, (cols - width) / 2);
	werase(w);
	box(w, 0, 0);
	ui_put(w, 0, 2, title, width - 4, S_HEADER);
	int bar = width - 12;
	int filled = total ? (int)((double)done / (double)total * bar) : 0;
	for (int i = 0; i < bar; i++)
		mvwaddch(w, 2, 2 + i, i < filled ? ACS_CKBOARD : ACS_BULLET);
	char pct[16];
	snprintf(pct, sizeof pct, "%3d%%", total ? (int)(done * 100 / total) : 0);
	ui_put(w, 2, width - 8, pct, 6, S_NORMAL);
	wnoutrefresh(w);
	doupdate();
	delwin(w);
}

/* "~/x" is in the home directory; a relative name in the directory the
 * program was started from. */
static char *expand(const char *path)
{
	const char *home = getenv("HOME");
	char *full;
	/* "-" is a file here, not the terminal the screen is drawn on. */
	if (strcmp(path, "-") == 0)
		path = "./-";
	if (strncmp(path, "~/", 2) == 0 && home && *home) {
		if (asprintf(&full, "%s/%s", home, path + 2) < 0)
			abort();
		return full;
	}
	full = strdup(path);
	if (!full)
		abort();
	return full;
}

char *ui_offered_file(const char *name)
{
	char dir[PATH_MAX], *path;
	lz_documents_dir(dir, sizeof dir);
	if (asprintf(&path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name) < 0)
		abort();
	return path;
}

char *ui_ask_out_file(ui_app *app, const char *label, const char *offered, const char *problem)
{
	char *answer = strdup(offered), *path = NULL;
	if (!answer)
		abort();
	for (;;) {
		char *typed = ui_prompt(app, label, answer, problem);
		free(answer);
		answer = typed;
		if (!answer || ui_should_stop())
			break;
		free(path);
		path = expand(answer);
		struct stat st;
		problem = NULL;
		if (!*answer)
			problem = _("a file name is needed");
		else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			problem = _("that is a directory; add a file name");
		if (problem)
			continue;
		char question[512];
		snprintf(question, sizeof question, _("%s exists. Replace it? (y/n)"), path);
		if ((stat(path, &st) != 0 || ui_confirm(app, question)) && !ui_should_stop()) {
			free(answer);
			return path;
		}
		if (ui_should_stop())
			break;
		ui_redraw(app);
	}
	free(answer);
	free(path);
	return NULL;
}

typedef struct job {
	ui_app *app;
	const choice *c;
	lz_progress *progress;
} job;

static lz_rc write_choice(FILE *out, void *ctx, lz_err *err)
{
	job *j = ctx;
	ui_app *app = j->app;
	const choice *c = j->c;
	lz_progress *p = j->progress;
	switch (c->kind) {
	case W_REPORT: {
		lz_report r;
		lz_rc rc = lz_report_build(app->db.plan, app->db.store, app->as_of, &r, err);
		if (rc == LZ_OK)
			rc = lz_report_write(&r, (lz_report_format)c->which, out, p, err);
		lz_report_free(&r);
		return rc;
	}
	case W_CSV:
		return lz_export_csv(app->db.plan, app->db.store, (lz_table)c->which, 0, out, p, err);
	case W_ICS: {
		size_t events;
		return lz_export_ics(app->db.plan, app->db.store, INT32_MIN + 1, INT32_MAX, out, p,
				     &events, err);
	}
	}
	return LZ_OK;
}

void ui_export(ui_app *app)
{
	const char *labels[N_CHOICES];
	for (size_t i = 0; i < N_CHOICES; i++)
		labels[i] = _(choices[i].label);
	int pick = ui_pick(app, _("Report or export"), labels, N_CHOICES, 0);
	ui_redraw(app);
	if (pick < 0)
		return;
	const choice *c = &choices[pick];
	char name[128];
	snprintf(name, sizeof name, _(c->file), app->db.plan->year);
	char *offered = ui_offered_file(name);
	char *path = ui_ask_out_file(app, _("Save as (Enter writes, Esc cancels)"), offered, NULL);
	free(offered);
	if (!path)
		return;
	lz_err err;
	lz_err_clear(&err);
	const char *title = _(c->label);
	lz_progress progress = {.fn = draw_progress, .ctx = (void *)title};
	draw_progress((void *)title, 0, 1);
	job j = {app, c, &progress};
	lz_rc rc = lz_session_write_file(&app->db, path, write_choice, &j, &err);
	if (rc == LZ_OK)
		ui_set_message(app, false, _("Written: %s"), path);
	else
		ui_set_message(app, true, "%s", err.msg);
	free(path);
	ui_redraw(app);
}
