/* The full-screen program: shared state, the pane interface and the
 * drawing helpers.  Only the ui_*.c files know curses; they reach the
 * records through core's headers. */
#ifndef LZ_UI_H
#define LZ_UI_H

#include <curses.h>
#include <stdbool.h>

#include "lz_session.h"
#include "lz_status.h"

/* What a key does.  The loop maps keys to actions through one table
 * (ui_keys.c); panes and forms act on actions, never on key codes. */
typedef enum ui_action {
	ACT_NONE,
	ACT_QUIT, ACT_HELP, ACT_NEXT_TAB, ACT_PREV_TAB, ACT_TAB1, ACT_TAB2, ACT_TAB3, ACT_TAB4,
	ACT_TAB5, ACT_TAB6,
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_ENTER, ACT_ESCAPE, ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_SEARCH, ACT_TODAY, ACT_GOTO,
	ACT_HELD, ACT_CANCELLED, ACT_SCHEDULE, ACT_MAP, ACT_REFRESH, ACT_RESIZE,
	ACT_NOTE, ACT_REVIEW, ACT_STATUS, ACT_LATE_ONLY, ACT_LEDGER,
	ACT_HISTORY, ACT_UNDO, ACT_BACKUP,
	ACT_EXPORT, ACT_YEAR, ACT_NEW_YEAR, ACT_AS_OF, ACT_VIEW,
	ACT_COUNT
} ui_action;

/* What a handler changed, so the loop redraws only that. */
enum { UI_DIRTY_NONE = 0, UI_DIRTY_PANE = 1, UI_DIRTY_ALL = 3 };

typedef struct ui_app ui_app;

enum { UI_KEY_ACTS = 4 };
/* The tabs: overview, responsibilities, risk points, calendar, people,
 * registers. */
enum { UI_TABS = 6 };

/* One row of a key table: the actions it answers, in which of its pane's
 * views, what it does, and how the key bar and the help screen name it.
 * The dispatcher, the key bar and the help screen all read the same rows
 * (as tmux's key tables or calcurse's key definitions), and the keys they
 * show are the ones the key map binds to the actions (ui_keys.c). */
typedef struct ui_key {
	ui_action acts[UI_KEY_ACTS];  /* up to the first ACT_NONE */
	/* The row applies when the pane's mode has every bit of when and
	 * none of unless; the first row that applies to an action runs. */
	unsigned when, unless;
	/* Returns UI_DIRTY_* flags; the action it answers is app->action.
	 * NULL: the row only puts a key the program handles (ui_main.c) on
	 * this pane's bar. */
	int (*run)(ui_app *app);
	const char *bar;   /* label on the key bar, untranslated; NULL: not there */
	/* Text in the help screen, untranslated; NULL: not there.  Rows one after
	 * the other with the same text are one line, showing all their keys. */
	const char *help;
	unsigned flags;    /* UI_KEY_* */
} ui_key;

enum {
	UI_KEY_BAR_FIRST = 1 << 0,  /* the program's keys kept at the bar's ends */
	UI_KEY_BAR_LAST = 1 << 1,
	UI_KEY_ANY_SIZE = 1 << 2,   /* works while the window is too small to draw */
	UI_KEY_OR = 1 << 3,         /* help shows "x / C": one key or the other */
};

typedef struct ui_pane {
	const char *title;       /* translated when shown */
	const char *help_title;  /* its section in the help screen */
	void (*draw)(ui_app *app, WINDOW *w, int height, int width);
	/* Its keys, and the view they act in now: bits of the pane's own,
	 * which the rows' when and unless test (NULL: always 0). */
	const ui_key *keys;
	size_t n_keys;
	unsigned (*mode)(ui_app *app);
	/* Called when the data may have changed under the pane. */
	void (*reload)(ui_app *app);
	/* Frees the pane's state when the program ends. */
	void (*release)(ui_app *app);
	/* The record the pane's cursor is on, for its history (H); false
	 * when none.  *name lives as long as the pane's data. */
	bool (*selected)(ui_app *app, lz_kind *kind, lz_id *id, const char **name);
} ui_pane;

/* A pane that lists records, defined by its file's statics of the usual
 * names (draw, keys, mode, reload, release, selected). */
#define UI_RECORD_PANE(title_, help_title_)                                              \
	{.title = title_, .help_title = help_title_, .draw = draw, .keys = keys,           \
	 .n_keys = sizeof keys / sizeof *keys, .mode = mode, .reload = reload,             \
	 .release = release, .selected = selected}

/* Colour pairs, with a monochrome attribute for each. */
typedef enum ui_style {
	S_NORMAL, S_TITLE, S_TAB, S_TAB_ACTIVE, S_KEYBAR, S_KEY, S_HOLIDAY, S_WORKDAY,
	S_TODAY, S_SELECTED, S_DIM, S_WARN, S_OK, S_HEADER, S_FIELD, S_FIELD_ACTIVE,
	S_ERROR, S_TYPE0,
	S_COUNT = S_TYPE0 + 6
} ui_style;

struct ui_app {
	lz_session db;
	lz_day today;
	/* The day the panes judge the year in view by (截至): today inside
	 * it, its last day once it is over, or a day the secretary chose to
	 * see the year as it stood then. */
	lz_day as_of;
	int tab;          /* 0..UI_TABS-1 */
	bool quit;
	ui_action action;  /* the one the running key handler answers */
	uint64_t generation;  /* the store's when the panes last read it */
	char message[256];  /* one-line notice on the key bar row */
	bool message_error;
	/* Calendar pane state. */
	lz_day cal_selected;
	int cal_row;      /* selected meeting in the day list */
	void *cal_cache;  /* ui_calendar.c's month data */
	void *overview;   /* ui_overview.c's data */
	void *tasks;      /* ui_tasks.c's data */
	void *risks;      /* ui_risks.c's data */
	void *people;     /* ui_people.c's data */
	void *registers;  /* ui_registers.c's data */
};

extern const ui_pane ui_calendar_pane;
extern const ui_pane ui_overview_pane;
extern const ui_pane ui_tasks_pane;
extern const ui_pane ui_risks_pane;
extern const ui_pane ui_people_pane;
extern const ui_pane ui_registers_pane;
/* Shows the register of kind (a notice, a disclosure, a discipline
 * record) with the record id selected in it (a jump from the overview or
 * a search hit). */
void ui_registers_select(ui_app *app, lz_kind kind, lz_id id);
/* Risk points past their review date, for the tab's title. */
size_t ui_risks_overdue(ui_app *app);
/* Selects a task in the responsibilities pane, and the item id in it
 * when not 0 (a jump from the overview). */
void ui_tasks_select(ui_app *app, int task_number, lz_id item);
/* Selects a risk point in its pane (a jump from the overview). */
void ui_risks_select(ui_app *app, lz_id id);
/* Selects a person in the people pane (a search hit). */
void ui_people_select(ui_app *app, lz_id id);
/* Selects a day in the calendar, and the meeting id in its list. */
void ui_calendar_select(ui_app *app, lz_day day, lz_id id);
/* Searches every record for a text and opens the chosen hit in its pane. */
void ui_search_all(ui_app *app);
/* A pane's state kept in *slot (app->tasks …), made on first use as a
 * copy of initial (NULL: zeroed). */
void *ui_pane_state(void **slot, size_t size, const void *initial);
/* The year in view becomes year (a planned one): the calendar moves into
 * it and every pane reads its data again.  False, with a message, when
 * its plan cannot be read. */
bool ui_view_year(ui_app *app, int year);
/* The day a new record's date starts at, not today when the year in view
 * is past: the calendar's selected day while it lies in the year in view,
 * else that year's day of today's date.  happened: the date of something
 * done (a note, a review, a completion), never after today. */
lz_day ui_day_in_view(const ui_app *app, bool happened);
/* Whether a set date falls outside the year in view: a list showing it as
 * "03-31" would pass it off as this year's. */
bool ui_day_outside_year(const ui_app *app, lz_day d);
/* After a change: every pane reads its data again. */
void ui_panes_reload(ui_app *app);

/* Drawing: text from data goes through these, sanitised and cut by
 * display width; they return the columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, int max_width, ui_style style);
/* Like ui_put, but a cut text ends in "…". */
int ui_put_cut(WINDOW *w, int y, int x, const char *s, int max_width, ui_style style);
int ui_putn(WINDOW *w, int y, int x, const char *s, size_t n, int max_width, ui_style style);
void ui_fill(WINDOW *w, int y, int x, int width, ui_style style);
/* Text wrapped by display width into rows y.. (before bottom), a new row
 * at each newline, "…" at the end of the last row when more is left;
 * returns the row after the last one drawn. */
int ui_put_wrapped(WINDOW *w, int y, int x, int width, int bottom, const char *text,
		   ui_style style);
attr_t ui_attr(ui_style style);
ui_style ui_type_style(const lz_plan *plan, const char *type_id);

/* Keys (ui_keys.c): the key map, and the rows of key tables. */
ui_action ui_key_action(int rc, wint_t key);
/* Teaches the terminal's keypad the common Home and End codes its
 * terminfo entry may lack, and the marks around pasted text (after
 * keypad()). */
void ui_keys_define(void);
/* Text pasted in the terminal (bracketed paste) comes as one key,
 * UI_KEY_PASTE with rc KEY_CODE_YES, never as the keys it holds: a
 * pasted newline is no Enter.  ui_pasted gives its characters, valid
 * until the next key is read; every loop but a form's ignores it. */
enum { UI_KEY_PASTE = KEY_MAX + 3 };
const wchar_t *ui_pasted(size_t *n);
/* get_wch, a paste read whole as UI_KEY_PASTE. */
int ui_get_key(wint_t *key);
/* Waits for a key in a modal loop: false when the program must end,
 * which every such loop gives up on; else rc and key as get_wch gives
 * them (never ERR). */
bool ui_wait_key(int *rc, wint_t *key);
/* The same after showing the popup window w, which is then deleted: the
 * screen under it is drawn again by the caller's next pass. */
bool ui_popup_wait_key(WINDOW *w, int *rc, wint_t *key);
/* The row of keys[n] that answers a in mode, or NULL. */
const ui_key *ui_key_find(const ui_key *keys, size_t n, unsigned mode, ui_action a);
/* Whether a row applies in mode. */
bool ui_key_applies(const ui_key *k, unsigned mode);
/* The keys of rows k[0..n) as the help shows them ("F4 d Del", "↑ ↓ k j"):
 * every key of each action, the first keys of all first. */
void ui_key_help_text(const ui_key *k, size_t n, char *buf, size_t size);
/* A row's keys as the key bar shows them: the first key of each action,
 * side by side ("F2", "←↑↓→"). */
void ui_key_bar_text(const ui_key *k, char *buf, size_t size);
/* Where a cursor at in a list of n lines goes on a: a line up or down,
 * page lines, either end; elsewhere it stays. */
size_t ui_list_step(size_t at, size_t n, size_t page, ui_action a);
/* The program's keys, which work in every pane (ui_main.c). */
extern const ui_key ui_program_keys[];
extern const size_t ui_n_program_keys;
/* A pane's mode now, for its keys. */
unsigned ui_pane_mode(const ui_pane *pane, ui_app *app);
const ui_pane *ui_pane_of(int tab);

/* Modal dialogs; all return after the user answered. */
bool ui_confirm(ui_app *app, const char *question);
/* The same for a question about a named record: fmt has one %s, given
 * name cut to a few words so the question keeps its "(y/n)". */
bool ui_confirm_about(ui_app *app, const char *fmt, const char *name);
/* A one-line prompt; NULL on Esc; malloc'd answer otherwise.  initial is
 * offered: Enter takes it, the first character typed replaces it.  error,
 * when not NULL, is shown in the prompt (a previous answer's problem). */
char *ui_prompt(ui_app *app, const char *label, const char *initial, const char *error);
/* The same, F5 offering picks (each one's text replaces the answer's). */
char *ui_prompt_picks(ui_app *app, const char *label, const char *initial, const char *error,
		      const char **picks, size_t n_picks);
void ui_show_help(ui_app *app);
/* Draws the whole screen again (after a dialog closed). */
void ui_redraw(ui_app *app);
void ui_set_message(ui_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records from the screen (ui_store.c).  Reads one, saying on the key
 * bar when it cannot. */
bool ui_read_record(ui_app *app, lz_kind kind, lz_id id, lz_arena *arena, lz_record *rec);
/* The same for a form: refuses, saying why, a record holding a value
 * none of the form's choices stands for, rather than show another. */
bool ui_read_for_edit(ui_app *app, lz_kind kind, lz_id id, lz_arena *arena, lz_record *rec);
/* Validates and applies one change in one transaction; version: what the
 * change was based on (0 for an add). */
bool ui_write_record(ui_app *app, lz_record *rec, lz_op_kind op, uint32_t version, lz_err *err);
/* After ui_write_record: the update found the record as stored, and so
 * wrote nothing (true also sets a notice saying so). */
bool ui_write_unchanged(ui_app *app, const lz_record *rec, lz_op_kind op, uint32_t version);
/* Deletes the record at version after asking question (one %s: the
 * record's name(rec)); says done (one %s) on the key bar. */
bool ui_delete_record(ui_app *app, lz_kind kind, lz_id id, uint32_t version, const char *question,
		      const char *done, const char *(*name)(const lz_record *rec));

/* F9: the ledger or an export into a file (ui_export.c). */
void ui_export(ui_app *app);
/* name in the folder files are offered in (lz_documents_dir); malloc'd. */
char *ui_offered_file(const char *name);
/* Asks for a file to write, offering offered: ~/ is the home directory,
 * a directory or nothing is asked again, an existing file is replaced
 * only after a yes.  The path, malloc'd, or NULL when cancelled.
 * problem: said with the first question (a failed write's reason). */
char *ui_ask_out_file(ui_app *app, const char *label, const char *offered, const char *problem);

/* The meeting form: add (id 0) or edit.  Returns true when it saved. */
bool ui_meeting_form(ui_app *app, lz_id id, lz_day date);
/* Before m is saved over before (as stored; NULL for a new meeting): when
 * the save makes it a late entry (补记) and no reason is recorded, asks
 * why and puts the answer (in arena) into m; an empty answer saves
 * without one.  False when the question was cancelled: nothing to save. */
bool ui_meeting_late_reason(ui_app *app, lz_meeting *m, const lz_meeting *before,
			    lz_arena *arena);
/* Responsibility items (ui_item_form.c): add (id 0: under task, the
 * source prefilled) or edit, *saved (when not NULL) receiving the id; a
 * dated progress note.  A new status picked from the plan's, and delete
 * after asking, both for the version shown.  Each returns true when it
 * wrote. */
bool ui_item_form(ui_app *app, lz_id id, int task, const char *source, lz_id *saved);
bool ui_item_note(ui_app *app, lz_id id);
bool ui_item_status(ui_app *app, lz_id id, uint32_t version);
bool ui_item_delete(ui_app *app, lz_id id, uint32_t version);
/* Risk points (ui_risk_form.c), the same way: add or edit, record a
 * review (appended to the log), delete after asking. */
bool ui_risk_form(ui_app *app, lz_id id, lz_id *saved);
bool ui_risk_review(ui_app *app, lz_id id);
bool ui_risk_delete(ui_app *app, lz_id id, uint32_t version);
/* People (ui_person_form.c): add (id 0) or edit, asking before a name
 * another person has is saved; *saved and *name (malloc'd), when not
 * NULL, receive what was saved.  Delete after asking, the question saying
 * how many records still name the person. */
bool ui_person_form(ui_app *app, lz_id id, lz_id *saved, char **name);
bool ui_person_delete(ui_app *app, lz_id id, uint32_t version);
/* The registers (ui_register_form.c): a notice, disclosure or discipline
 * record added (id 0) or edited from its field table, *saved receiving
 * the id; a notice's relay (at one of the meetings since it came, or
 * another way); deletion after asking.  Each returns true when it wrote. */
bool ui_register_form(ui_app *app, lz_kind kind, lz_id id, lz_id *saved);
bool ui_notice_relay(ui_app *app, lz_id id);
bool ui_register_delete(ui_app *app, lz_kind kind, lz_id id, uint32_t version);

const char *ui_weekday_name(lz_day d);  /* "Monday", translated */

/* A signal asked the program to end: every modal loop gives up. */
bool ui_should_stop(void);

/* A scrollable page of text: each line wrapped by width, indented. */
typedef struct ui_line {
	const char *text;
	int indent;
	ui_style style;
} ui_line;
void ui_view_lines(ui_app *app, const char *title, const ui_line *lines, size_t n);
/* The same with a note above the key bar (NULL: none) and, when add is
 * given, F2/a offered under that label: returns ACT_ADD when pressed,
 * else the key that closed the page. */
ui_action ui_view_lines_with(ui_app *app, const char *title, const ui_line *lines, size_t n,
			     const char *note, const char *add);
/* A record whole, as a page: every field that holds something, the full
 * title and every progress note or review among them (v). */
void ui_view_record(ui_app *app, lz_kind kind, lz_id id);
/* The change log of one record, as a page (H in detail views). */
void ui_show_history(ui_app *app, lz_kind kind, lz_id id, const char *name);

#endif
