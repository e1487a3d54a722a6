/* The full-screen program: shared state, the pane interface and the
 * drawing helpers.  Only the ui_*.c files know curses; they reach the
 * records through core's headers. */
#ifndef LZ_UI_H
#define LZ_UI_H

#include <curses.h>
#include <stdbool.h>

#include "cli.h"
#include "lz_quota.h"

/* What a key does.  The loop maps keys to actions through one table
 * (ui_keys.c); panes and forms act on actions, never on key codes. */
typedef enum ui_action {
	ACT_NONE,
	ACT_QUIT, ACT_HELP, ACT_NEXT_TAB, ACT_PREV_TAB, ACT_TAB1, ACT_TAB2, ACT_TAB3, ACT_TAB4,
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_ENTER, ACT_ESCAPE, ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_SEARCH, ACT_TODAY, ACT_GOTO,
	ACT_HELD, ACT_CANCELLED, ACT_SCHEDULE, ACT_MAP, ACT_REFRESH, ACT_RESIZE,
	ACT_EXPORT,
	ACT_COUNT
} ui_action;

/* What a handler changed, so the loop redraws only that. */
enum { UI_DIRTY_NONE = 0, UI_DIRTY_PANE = 1, UI_DIRTY_ALL = 3 };

typedef struct ui_app ui_app;

typedef struct ui_pane {
	const char *title;  /* translated when shown */
	void (*draw)(ui_app *app, WINDOW *w, int height, int width);
	/* Returns UI_DIRTY_* flags. */
	int (*handle)(ui_app *app, ui_action action);
	/* Called when the data may have changed under the pane. */
	void (*reload)(ui_app *app);
	/* Frees the pane's state when the program ends. */
	void (*release)(ui_app *app);
} ui_pane;

/* Colour pairs, with a monochrome attribute for each. */
typedef enum ui_style {
	S_NORMAL, S_TITLE, S_TAB, S_TAB_ACTIVE, S_KEYBAR, S_KEY, S_HOLIDAY, S_WORKDAY,
	S_TODAY, S_SELECTED, S_DIM, S_WARN, S_OK, S_HEADER, S_FIELD, S_FIELD_ACTIVE,
	S_ERROR, S_TYPE0,
	S_COUNT = S_TYPE0 + 6
} ui_style;

struct ui_app {
	cli_db db;
	lz_day today;
	int tab;          /* 0..3 */
	bool quit;
	char message[256];  /* one-line notice on the key bar row */
	bool message_error;
	/* Calendar pane state. */
	lz_day cal_selected;
	int cal_row;      /* selected meeting in the day list */
	void *cal_cache;  /* ui_calendar.c's month data */
	void *overview;   /* ui_overview.c's data */
	void *tasks;      /* ui_tasks.c's data */
	void *risks;      /* ui_risks.c's data */
};

extern const ui_pane ui_calendar_pane;
extern const ui_pane ui_overview_pane;
extern const ui_pane ui_tasks_pane;
extern const ui_pane ui_risks_pane;
/* Risk points past their review date, for the tab's title. */
size_t ui_risks_overdue(ui_app *app);
/* Selects a task in the responsibilities pane (a jump from the overview). */
void ui_tasks_select(ui_app *app, int task_number);
/* After a change: every pane reads its data again. */
void ui_panes_reload(ui_app *app);

/* Drawing: text from data goes through these, sanitised and cut by
 * display width; they return the columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, int max_width, ui_style style);
/* Like ui_put, but a cut text ends in "…". */
int ui_put_cut(WINDOW *w, int y, int x, const char *s, int max_width, ui_style style);
int ui_putn(WINDOW *w, int y, int x, const char *s, size_t n, int max_width, ui_style style);
void ui_fill(WINDOW *w, int y, int x, int width, ui_style style);
attr_t ui_attr(ui_style style);
ui_style ui_type_style(const lz_plan *plan, const char *type_id);

/* Keys */
ui_action ui_key_action(int rc, wint_t key);
/* The key bar and help screen content. */
typedef struct ui_keyhelp {
	const char *keys;   /* "F2 a" */
	const char *label;  /* translated */
} ui_keyhelp;
size_t ui_help_entries(const ui_keyhelp **out);

/* Modal dialogs; all return after the user answered. */
bool ui_confirm(ui_app *app, const char *question);
/* A one-line prompt; NULL on Esc; malloc'd answer otherwise.  error, when
 * not NULL, is shown in the prompt (a previous answer's problem). */
char *ui_prompt(ui_app *app, const char *label, const char *initial, const char *error);
void ui_show_help(ui_app *app);
/* Draws the whole screen again (after a dialog closed). */
void ui_redraw(ui_app *app);
void ui_set_message(ui_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* F9: the ledger or an export into a file (ui_export.c). */
void ui_export(ui_app *app);

/* The meeting form: add (id 0) or edit.  Returns true when it saved. */
bool ui_meeting_form(ui_app *app, lz_id id, lz_day date);

const char *ui_weekday_name(lz_day d);  /* "Monday", translated */

/* A signal asked the program to end: every modal loop gives up. */
bool ui_should_stop(void);

int ui_main(cli *c);

#endif
