/* The full-screen program: terminal setup and restore, the frame (title,
 * tabs, key bar), the main loop and the help screen.  Layout is a function
 * of the terminal size alone, so a resize just draws again. */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lz_i18n.h"
#include "lz_stored.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "ui.h"
#include "ui_form.h"
#include "ui_main.h"
#include "ui_term.h"

/* Smallest terminal the layout is drawn for; below it a notice. */
enum { MIN_COLS = 80, MIN_ROWS = 24 };

void ui_init_styles(void);

static volatile sig_atomic_t stop_signal;
static bool screen_active;

static void on_stop_signal(int sig)
{
	/* Only a flag: curses is called from the main loop alone. */
	stop_signal = sig;
}

bool ui_should_stop(void)
{
	return stop_signal != 0;
}

/* Pasted text marked as such (ui_get_key), so that its newlines are
 * not Enter; a terminal that does not know the request ignores it. */
static void bracketed_paste(bool on)
{
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

static void restore_terminal(void)
{
	if (screen_active) {
		bracketed_paste(false);
		endwin();
		screen_active = false;
	}
}

const ui_pane *ui_pane_of(int tab)
{
	static const ui_pane *const panes[UI_TABS] = {&ui_overview_pane, &ui_tasks_pane,
						       &ui_risks_pane, &ui_calendar_pane,
						       &ui_people_pane, &ui_registers_pane};
	return panes[tab];
}

void *ui_pane_state(void **slot, size_t size, const void *initial)
{
	if (!*slot) {
		*slot = calloc(1, size);
		if (!*slot)
			abort();
		if (initial)
			memcpy(*slot, initial, size);
	}
	return *slot;
}

void ui_panes_reload(ui_app *app)
{
	app->generation = lz_store_generation(app->db.store);
	for (int t = 0; t < UI_TABS; t++)
		if (ui_pane_of(t) && ui_pane_of(t)->reload)
			ui_pane_of(t)->reload(app);
}

void ui_set_message(ui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_error = error;
}

bool ui_day_outside_year(const ui_app *app, lz_day d)
{
	if (d == LZ_NO_DAY)
		return false;
	int y, m, day;
	lz_day_to_ymd(d, &y, &m, &day);
	return y != app->db.year;
}

const char *ui_weekday_name(lz_day d)
{
	static const char *const names[] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"),
					    N_("Thursday"), N_("Friday"), N_("Saturday"),
					    N_("Sunday")};
	return _(names[lz_day_weekday(d) - 1]);
}

static void draw_title(ui_app *app, int cols)
{
	ui_fill(stdscr, 0, 0, cols, S_TITLE);
	char right[160], year[96], date[LZ_DATE_STRLEN];
	lz_day_format(app->today, date);
	/* The year in view, said apart from the plan's title: a year without
	 * a plan of its own is shown under the plan it borrows. */
	snprintf(year, sizeof year, _("Year %d"), app->db.year);
	/* A chosen day is said, so nobody takes a past state for today's. */
	if (app->as_of != lz_status_as_of(app->db.year, app->today)) {
		char as_of[LZ_DATE_STRLEN], with[96];
		lz_day_format(app->as_of, as_of);
		snprintf(with, sizeof with, _("%s, as of %s"), year, as_of);
		snprintf(year, sizeof year, "%s", with);
	}
	snprintf(right, sizeof right, "[%s] %s %s ", year, date, ui_weekday_name(app->today));
	int rw = lz_text_width(right);
	int x = ui_put(stdscr, 0, 1, app->db.plan->organization, cols - rw - 2, S_TITLE) + 1;
	x += ui_put(stdscr, 0, x, " · ", cols - rw - x, S_TITLE);
	ui_put_cut(stdscr, 0, x, app->db.plan->title, cols - rw - x - 1, S_TITLE);
	ui_put(stdscr, 0, cols - rw, right, rw, S_TITLE);
}

/* Tab t's label: padded, or without the padding where the padded
 * labels would not all fit. */
static void tab_label(ui_app *app, int t, bool padded, char *buf, size_t size)
{
	const char *pad = padded ? " " : "";
	size_t overdue = t == 2 ? ui_risks_overdue(app) : 0;
	/* Points past their review date are counted in the tab's title. */
	if (overdue)
		snprintf(buf, size, "%s%d %s(%zu!)%s", pad, t + 1, _(ui_pane_of(t)->title), overdue, pad);
	else
		snprintf(buf, size, "%s%d %s%s", pad, t + 1, _(ui_pane_of(t)->title), pad);
}

static void draw_tabs(ui_app *app, int cols)
{
	ui_fill(stdscr, 1, 0, cols, S_TAB);
	char label[64];
	int need = 1;
	for (int t = 0; t < UI_TABS; t++) {
		tab_label(app, t, true, label, sizeof label);
		need += lz_text_width(label) + 1;
	}
	int x = 1;
	for (int t = 0; t < UI_TABS && x < cols; t++) {
		tab_label(app, t, need <= cols, label, sizeof label);
		x += ui_put(stdscr, 1, x, label, cols - x, t == app->tab ? S_TAB_ACTIVE : S_TAB) + 1;
	}
	mvwhline(stdscr, 2, 0, ACS_HLINE, cols);
}

/* A row's keys and label on the key bar at x; returns the columns used,
 * with the space after. */
static int put_bar_key(int y, int x, int cols, const ui_key *k)
{
	char keys[32];
	ui_key_bar_text(k, keys, sizeof keys);
	int x0 = x;
	x += ui_put(stdscr, y, x, keys, cols - x, S_KEY);
	x += ui_put(stdscr, y, x, _(k->bar), cols - x, S_KEYBAR);
	return x - x0 + 1;
}

static int bar_key_width(const ui_key *k)
{
	char keys[32];
	ui_key_bar_text(k, keys, sizeof keys);
	return lz_text_width(keys) + lz_text_width(_(k->bar));
}

static int message_rows(const char *msg, int width)
{
	if (width <= 0)
		return 1;
	int rows = 0;
	size_t len = strlen(msg), off = 0;
	while (off < len && rows < 4) {
		size_t fit = lz_text_line_break(msg + off, len - off, width);
		if (fit == 0)
			break;
		off += fit;
		while (msg[off] == ' ')
			off++;
		rows++;
	}
	return rows ? rows : 1;
}

/* The program's first keys (F1), the keys of the pane's present view as
 * far as they fit, and the program's last keys (F9, F10), to which the
 * pane's give way. */
static void draw_keybar(ui_app *app, int rows, int cols, WINDOW *pane_win)
{
	int y = rows - 1;
	ui_fill(stdscr, y, 0, cols, S_KEYBAR);
	if (app->message[0]) {
		/* A message too long for the bar (a path, a command to run) takes
		 * the pane's last rows rather than losing its end. */
		ui_style style = app->message_error ? S_ERROR : S_KEYBAR;
		int width = cols - 2;
		int n = message_rows(app->message, width);
		int pane_rows = getmaxy(pane_win);
		if (n - 1 > pane_rows)
			n = pane_rows + 1;
		const char *m = app->message;
		size_t len = strlen(m), off = 0;
		for (int i = 0; i < n; i++) {
			WINDOW *w = i == n - 1 ? stdscr : pane_win;
			int row = i == n - 1 ? y : pane_rows - (n - 1) + i;
			size_t fit = i == n - 1 ? len - off : lz_text_line_break(m + off, len - off, width);
			ui_fill(w, row, 0, cols, style);
			if (i == n - 1)
				ui_put_cut(w, row, 1, m + off, width, style);
			else
				ui_putn(w, row, 1, m + off, fit, width, style);
			off += fit;
			while (m[off] == ' ')
				off++;
		}
		return;
	}
	const ui_key *prog = ui_program_keys;
	int tail = -1;
	for (size_t i = 0; i < ui_n_program_keys; i++)
		if (prog[i].flags & UI_KEY_BAR_LAST)
			tail += bar_key_width(&prog[i]) + 1;
	int x = 0;
	for (size_t i = 0; i < ui_n_program_keys; i++)
		if (prog[i].flags & UI_KEY_BAR_FIRST)
			x += put_bar_key(y, x, cols, &prog[i]);
	const ui_pane *pane = ui_pane_of(app->tab);
	unsigned mode = ui_pane_mode(pane, app);
	/* "…" before the last keys says that F1 has the ones left out. */
	size_t last = 0;
	for (size_t i = 0; i < pane->n_keys; i++)
		if (pane->keys[i].bar && ui_key_applies(&pane->keys[i], mode))
			last = i;
	for (size_t i = 0; i < pane->n_keys; i++) {
		const ui_key *k = &pane->keys[i];
		if (!k->bar || !ui_key_applies(k, mode))
			continue;
		int more = i < last ? lz_text_width("…") + 1 : 0;
		if (x + bar_key_width(k) + 1 + tail + more > cols) {
			x += ui_put(stdscr, y, x, "…", cols - x, S_KEYBAR) + 1;
			break;
		}
		x += put_bar_key(y, x, cols, k);
	}
	for (size_t i = 0; i < ui_n_program_keys; i++)
		if (prog[i].flags & UI_KEY_BAR_LAST)
			x += put_bar_key(y, x, cols, &prog[i]);
}

static void draw_too_small(int rows, int cols)
{
	erase();
	char size[64];
	snprintf(size, sizeof size, _("%d×%d, need at least %d×%d."), cols, rows, MIN_COLS, MIN_ROWS);
	const char *lines[] = {_("Terminal too small:"), size, _("Enlarge the window; F10 quits.")};
	int y = rows / 2 - 1;
	if (y < 0)
		y = 0;
	/* Each line is cut, not wrapped: the notice must fit however small
	 * the window, and a number must not break in two. */
	for (int i = 0; i < 3 && y + i < rows; i++)
		ui_put(stdscr, y + i, 0, lines[i], cols, i < 2 ? S_WARN : S_NORMAL);
}

static WINDOW *pane_window;

static void draw_all(ui_app *app, WINDOW **pane_win)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		draw_too_small(rows, cols);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	erase();
	draw_title(app, cols);
	draw_tabs(app, cols);
	int h = rows - 4, w = cols;
	if (!*pane_win)
		*pane_win = newwin(h, w, 3, 0);
	else {
		wresize(*pane_win, h, w);
		mvwin(*pane_win, 3, 0);
	}
	werase(*pane_win);
	ui_pane_of(app->tab)->draw(app, *pane_win, h, w);
	/* After the pane: its keys follow the view it has just read, and
	 * what went wrong reading it is on the bar at once. */
	draw_keybar(app, rows, cols, *pane_win);
	wnoutrefresh(stdscr);
	wnoutrefresh(*pane_win);
	doupdate();
}

void ui_redraw(ui_app *app)
{
	touchwin(stdscr);
	draw_all(app, &pane_window);
}

/* The selected record of the pane in view, or a message saying to choose
 * one first (hint names the key). */
static bool selected_record(ui_app *app, const char *hint, lz_kind *kind, lz_id *id,
			    const char **name)
{
	const ui_pane *pane = ui_pane_of(app->tab);
	if (pane && pane->selected && pane->selected(app, kind, id, name))
		return true;
	ui_set_message(app, true, "%s", hint);
	return false;
}

static int show_history(ui_app *app)
{
	lz_kind kind;
	lz_id id;
	const char *name;
	if (!selected_record(app, _("Choose a record first: H shows the history of the selected one."),
			     &kind, &id, &name))
		return UI_DIRTY_ALL;
	char *copy = strdup(name ? name : "");
	if (!copy)
		abort();
	ui_show_history(app, kind, id, copy);
	free(copy);
	return UI_DIRTY_ALL;
}

/* v: the selected record whole, where a pane's row cuts it. */
static int view_record(ui_app *app)
{
	lz_kind kind;
	lz_id id;
	const char *name;
	if (selected_record(app, _("Choose a record first: v shows the selected one whole."), &kind,
			    &id, &name))
		ui_view_record(app, kind, id);
	return UI_DIRTY_ALL;
}

/* u: names what it would take back and asks first; a change made
 * elsewhere (another window, the command line) is said to be so. */
static int undo(ui_app *app)
{
	lz_arena a = {0};
	lz_err err;
	lz_err_clear(&err);
	lz_undo_preview p;
	if (lz_store_undo_peek(app->db.store, &a, &p, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		lz_arena_free(&a);
		return UI_DIRTY_ALL;
	}
	const char *what = lz_undo_words(&p, 24, &a);
	char question[768];
	if (p.mine) {
		snprintf(question, sizeof question, _("Undo %s? (y/n)"), what);
	} else {
		char when[32] = "";
		time_t t = (time_t)p.last.time;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		snprintf(question, sizeof question,
			 _("Undo %s, made outside this window (%s, %s)? (y/n)"), what, p.last.user, when);
	}
	if (!ui_confirm(app, question)) {
		lz_arena_free(&a);
		return UI_DIRTY_ALL;
	}
	lz_log_entry e;
	size_t changes;
	if (lz_store_undo_txn(app->db.store, p.last.txn, &a, &e, &changes, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		ui_panes_reload(app);
		lz_arena_free(&a);
		return UI_DIRTY_ALL;
	}
	/* A plan import is undone with the records it remapped; the panes
	 * then read the plan put back. */
	if (e.kind == LZ_LOG_KIND_PLAN && lz_session_reload_plan(&app->db, NULL, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	else
		ui_set_message(app, false, _("Undone: %s (u again undoes the one before)."), what);
	ui_panes_reload(app);
	lz_arena_free(&a);
	return UI_DIRTY_ALL;
}

/* B: a dated file in the folder F9 offers too, where a USB stick copy is
 * one step away; an existing one is replaced only after a yes. */
static int backup(ui_app *app)
{
	char date[LZ_DATE_STRLEN], name[64];
	lz_day_format(app->today, date);
	snprintf(name, sizeof name, "lianzheng-backup-%s.mdb", date);
	char *offered = ui_offered_file(name), *path;
	const char *error = NULL;
	lz_err err;
	while ((path = ui_ask_out_file(app, _("Back up the database to file:"), offered, error))) {
		free(offered);
		offered = path;
		ui_set_message(app, false, "%s", _("Writing the backup…"));
		ui_redraw(app);
		lz_err_clear(&err);
		if (lz_store_backup(app->db.store, path, &err) == LZ_OK) {
			ui_set_message(app, false, _("Backup written to %s."), path);
			break;
		}
		error = err.msg;
	}
	free(offered);
	return UI_DIRTY_ALL;
}

static int quit(ui_app *app)
{
	app->quit = true;
	return UI_DIRTY_NONE;
}

static int help(ui_app *app)
{
	ui_show_help(app);
	return UI_DIRTY_ALL;
}

static int switch_tab(ui_app *app)
{
	ui_action a = app->action;
	if (a == ACT_NEXT_TAB)
		app->tab = (app->tab + 1) % UI_TABS;
	else if (a == ACT_PREV_TAB)
		app->tab = (app->tab + UI_TABS - 1) % UI_TABS;
	else
		app->tab = (int)(a - ACT_TAB1);
	return UI_DIRTY_ALL;
}

static int search(ui_app *app)
{
	ui_search_all(app);
	return UI_DIRTY_ALL;
}

static int export(ui_app *app)
{
	ui_export(app);
	return UI_DIRTY_ALL;
}

static lz_day initial_day(int year, lz_day today)
{
	int y, m, d;
	lz_day_to_ymd(today, &y, &m, &d);
	/* Outside the year in view, open on it: the same month and day when
	 * they exist, else its first day. */
	if (y == year)
		return today;
	if (lz_date_valid(year, m, d))
		return lz_day_from_ymd(year, m, d);
	return lz_day_from_ymd(year, 1, 1);
}

lz_day ui_day_in_view(const ui_app *app, bool happened)
{
	int y, m, d;
	lz_day_to_ymd(app->cal_selected, &y, &m, &d);
	lz_day day = y == app->db.year ? app->cal_selected : initial_day(app->db.year, app->today);
	return happened && day > app->today ? app->today : day;
}

bool ui_view_year(ui_app *app, int year)
{
	lz_err err;
	lz_err_clear(&err);
	if (lz_session_use_year(&app->db, year, false, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		return false;
	}
	app->cal_selected = initial_day(year, app->today);
	app->as_of = lz_status_as_of(year, app->today);
	ui_panes_reload(app);
	return true;
}

/* A: the day the year in view is judged by, within that year; an empty
 * answer goes back to the usual one. */
static int choose_as_of(ui_app *app)
{
	int year = app->db.year;
	lz_day first = lz_day_from_ymd(year, 1, 1), last = lz_day_from_ymd(year, 12, 31);
	char shown[LZ_DATE_STRLEN], label[160];
	lz_day_format(lz_status_as_of_shown(year, app->as_of), shown);
	snprintf(label, sizeof label, _("See %d as of (a date in it; empty: the usual day):"), year);
	const char *error = NULL;
	char message[sizeof ((lz_err *)0)->msg + 64];
	for (;;) {
		char *text = ui_prompt(app, label, shown, error);
		if (!text)
			return UI_DIRTY_ALL;
		lz_err err;
		lz_err_clear(&err);
		lz_day day;
		if (lz_text_blank(text, strlen(text))) {
			day = lz_status_as_of(year, app->today);
		} else if (lz_validate_day_text(_("As of"), text, year, &day, &err) != LZ_OK) {
			snprintf(message, sizeof message, "%s", err.msg);
			error = message;
			free(text);
			continue;
		} else if (day < first || day > last) {
			snprintf(message, sizeof message, _("%s is not in %d: the year in view is judged by a day within it (Y changes the year)."),
				 text, year);
			error = message;
			free(text);
			continue;
		}
		free(text);
		app->as_of = day;
		break;
	}
	lz_day_format(lz_status_as_of_shown(year, app->as_of), shown);
	ui_set_message(app, false, _("The panes now show %d as of %s."), year, shown);
	ui_panes_reload(app);
	return UI_DIRTY_ALL;
}

/* Y: the year in view, from the planned ones. */
static int switch_year(ui_app *app)
{
	const lz_session *db = &app->db;
	char labels_buf[LZ_PLAN_YEARS_MAX][256];
	const char *labels[LZ_PLAN_YEARS_MAX];
	size_t selected = 0;
	lz_err err;
	for (size_t i = 0; i < db->n_years; i++) {
		const lz_plan *p = lz_session_plan_for(&app->db, db->years[i], &err);
		snprintf(labels_buf[i], sizeof labels_buf[i], "%d  %s", db->years[i], p ? p->title : "");
		labels[i] = labels_buf[i];
		if (db->years[i] == db->year)
			selected = i;
	}
	int i = ui_pick(app, _("Year in view"), labels, db->n_years, selected);
	if (i < 0)
		return UI_DIRTY_ALL;
	ui_view_year(app, db->years[i]);
	return UI_DIRTY_ALL;
}

static int refresh_screen(ui_app *app)
{
	ui_panes_reload(app);
	clearok(curscr, TRUE);
	return UI_DIRTY_ALL;
}

const ui_key ui_program_keys[] = {
	{.acts = {ACT_HELP}, .run = help, .bar = N_("Help"), .help = N_("help: this list of keys"),
	 .flags = UI_KEY_BAR_FIRST},
	{.acts = {ACT_NEXT_TAB, ACT_PREV_TAB}, .run = switch_tab, .help = N_("next / previous tab"),
	 .flags = UI_KEY_ANY_SIZE},
	{.acts = {ACT_TAB1, ACT_TAB2, ACT_TAB3, ACT_TAB4}, .run = switch_tab,
	 .help = N_("overview, responsibilities, risk points, calendar, people, registers"),
	 .flags = UI_KEY_ANY_SIZE},
	{.acts = {ACT_TAB5, ACT_TAB6}, .run = switch_tab,
	 .help = N_("overview, responsibilities, risk points, calendar, people, registers"),
	 .flags = UI_KEY_ANY_SIZE},
	{.acts = {ACT_SEARCH}, .run = search,
	 .help = N_("search every record; Enter opens the hit in its pane")},
	/* One help line each for two keys that go together, so the help's
	 * first page still reaches the pane's own keys. */
	{.acts = {ACT_VIEW}, .run = view_record,
	 .help = N_("the selected record: whole (v), or its history of changes, who, when (H)")},
	{.acts = {ACT_HISTORY}, .run = show_history,
	 .help = N_("the selected record: whole (v), or its history of changes, who, when (H)")},
	{.acts = {ACT_UNDO}, .run = undo, .help = N_("undo the latest change (again: the one before)")},
	{.acts = {ACT_BACKUP}, .run = backup, .help = N_("back up the database to a file")},
	{.acts = {ACT_YEAR}, .run = switch_year,
	 .help = N_("the year in view, among those with a plan (Y); the day it is seen as of, 截至 (A)")},
	{.acts = {ACT_AS_OF}, .run = choose_as_of,
	 .help = N_("the year in view, among those with a plan (Y); the day it is seen as of, 截至 (A)")},
	{.acts = {ACT_EXPORT}, .run = export, .bar = N_("Report"),
	 .help = N_("the year's ledger (HTML, Markdown, text) or an export (CSV, iCalendar) into a file"),
	 .flags = UI_KEY_BAR_LAST},
	{.acts = {ACT_REFRESH}, .run = refresh_screen, .help = N_("redraw the screen"),
	 .flags = UI_KEY_ANY_SIZE},
	{.acts = {ACT_QUIT}, .run = quit, .bar = N_("Quit"), .help = N_("quit"),
	 .flags = UI_KEY_BAR_LAST | UI_KEY_ANY_SIZE},
};
const size_t ui_n_program_keys = sizeof ui_program_keys / sizeof *ui_program_keys;

/* A quiet line, not a dialog: once a week without a backup. */
static void remind_backup(ui_app *app)
{
	if (lz_store_read_only(app->db.store))
		return;
	size_t meetings = 0, items = 0;
	lz_err err;
	lz_store_count(app->db.store, LZ_KIND_MEETING, &meetings, &err);
	lz_store_count(app->db.store, LZ_KIND_ITEM, &items, &err);
	if (!meetings && !items)
		return;
	int64_t last = lz_store_last_backup(app->db.store);
	int64_t days = last ? (lz_now() - last) / 86400 : -1;
	if (days < 0)
		ui_set_message(app, false, "%s", _("No backup has been made yet: press B to make one."));
	else if (days >= 7)
		ui_set_message(app, false, dngettext(LZ_GETTEXT_PACKAGE, "The last backup is %lld day old: press B to make one.", "The last backup is %lld days old: press B to make one.", (unsigned long)days),
			       (long long)days);
}


int ui_main(const char *db_dir, lz_diags *diags, lz_err *err)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return lz_err_set(err, LZ_EUSAGE,
				  _("the full-screen program needs a terminal; see 'lianzheng --help' for commands"));
	lz_rc rc = ui_check_terminal(err);
	if (rc != LZ_OK)
		return rc;
	ui_app app;
	memset(&app, 0, sizeof app);
	rc = lz_session_open(&app.db, db_dir, LZ_SESSION_CREATE | LZ_SESSION_WRITER, diags, err);
	if (rc != LZ_OK)
		return rc;
	app.today = lz_day_today();
	/* The overview first; the calendar opens on today (or the plan
	 * year) when the secretary turns to it. */
	app.tab = 0;
	app.cal_selected = initial_day(app.db.year, app.today);
	app.as_of = lz_status_as_of(app.db.year, app.today);
	if (lz_store_forced_read_only(app.db.store))
		ui_set_message(&app, true, _("%s: it is open read-only, and changes are refused."),
			       lz_store_read_only_reason(app.db.store));
	else
		remind_backup(&app);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	atexit(restore_terminal);

	/* Escape alone must act at once, not after the default second. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	/* Rules and frames are drawn with the terminal's line-drawing set,
	 * which many UTF-8 terminals (or a TERM that names another one) show
	 * as "qqqq"; in a UTF-8 locale ncurses can send the Unicode box
	 * characters instead.  A user's own setting stands. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	initscr();
	/* ncurses 6.4 writes out what it has at every cursor move until the
	 * screen has once been suspended and resumed: a screen went out in a
	 * write a line, dozens a key.  Nothing has been drawn yet, so this
	 * shows nothing. */
	endwin();
	refresh();
	screen_active = true;
	bracketed_paste(true);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_keys_define();
	curs_set(0);
	ui_init_styles();
	timeout(250);

	app.generation = lz_store_generation(app.db.store);
	WINDOW **pane_win_p = &pane_window;
	bool dirty = true;
	while (!app.quit && !stop_signal) {
		if (dirty) {
			draw_all(&app, pane_win_p);
			dirty = false;
		}
		wint_t key;
		int r = ui_get_key(&key);
		/* A change committed elsewhere (the command line, another
		 * window) shows within a key press or a timeout, and before the
		 * key acts; asking costs no read. */
		if (lz_store_generation(app.db.store) != app.generation) {
			ui_panes_reload(&app);
			dirty = true;
		}
		if (r == ERR)
			continue;
		/* Ctrl-C in raw mode arrives as a character: it ends the
		 * program as the signal would, with status 130. */
		if (r == OK && key == 3) {
			raise(SIGINT);
			continue;
		}
		ui_action a = ui_key_action(r, key);
		if (a != ACT_NONE && a != ACT_RESIZE)
			app.message[0] = '\0';
		int rows, cols;
		getmaxyx(stdscr, rows, cols);
		bool small = rows < MIN_ROWS || cols < MIN_COLS;
		if (a == ACT_RESIZE) {
			dirty = true;
			continue;
		}
		/* The program's keys first, then the pane's; while the window is
		 * too small to draw, only those that work without it. */
		const ui_key *k = ui_key_find(ui_program_keys, ui_n_program_keys, 0, a);
		const ui_pane *pane = ui_pane_of(app.tab);
		if (!k && !small)
			k = ui_key_find(pane->keys, pane->n_keys, ui_pane_mode(pane, &app), a);
		if (k && k->run && (!small || (k->flags & UI_KEY_ANY_SIZE))) {
			app.action = a;
			dirty = k->run(&app) != UI_DIRTY_NONE || dirty;
		}
	}
	if (pane_window)
		delwin(pane_window);
	pane_window = NULL;
	restore_terminal();
	for (int t = 0; t < UI_TABS; t++)
		if (ui_pane_of(t) && ui_pane_of(t)->release)
			ui_pane_of(t)->release(&app);
	lz_session_close(&app.db);
	return stop_signal ? 128 + stop_signal : LZ_OK;
}
