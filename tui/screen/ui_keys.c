/* Keys to actions, in one table: the key bar, the help screen and the
 * dispatcher all read it. */
#include <string.h>

#include "lz_i18n.h"
#include "ui.h"

#define CTRL(c) ((c) & 0x1f)

typedef struct binding {
	bool function_key;  /* key is a KEY_* code, else a character */
	wint_t key;
	ui_action action;
} binding;

static const binding bindings[] = {
	{true, KEY_F(10), ACT_QUIT}, {false, 'q', ACT_QUIT},
	{true, KEY_F(1), ACT_HELP}, {false, '?', ACT_HELP},
	{false, '\t', ACT_NEXT_TAB}, {true, KEY_BTAB, ACT_PREV_TAB},
	{false, '1', ACT_TAB1}, {false, '2', ACT_TAB2}, {false, '3', ACT_TAB3}, {false, '4', ACT_TAB4},
	{true, KEY_UP, ACT_UP}, {false, 'k', ACT_UP},
	{true, KEY_DOWN, ACT_DOWN}, {false, 'j', ACT_DOWN},
	{true, KEY_LEFT, ACT_LEFT}, {false, 'h', ACT_LEFT},
	{true, KEY_RIGHT, ACT_RIGHT}, {false, 'l', ACT_RIGHT},
	{true, KEY_PPAGE, ACT_PAGE_UP}, {true, KEY_NPAGE, ACT_PAGE_DOWN},
	{true, KEY_HOME, ACT_HOME}, {true, KEY_END, ACT_END},
	{false, '\r', ACT_ENTER}, {false, '\n', ACT_ENTER}, {true, KEY_ENTER, ACT_ENTER},
	{false, 27, ACT_ESCAPE},
	{true, KEY_F(2), ACT_ADD}, {false, 'a', ACT_ADD},
	{true, KEY_F(3), ACT_EDIT}, {false, 'e', ACT_EDIT},
	{true, KEY_F(4), ACT_DELETE}, {false, 'd', ACT_DELETE}, {true, KEY_DC, ACT_DELETE},
	{false, '/', ACT_SEARCH},
	{false, 't', ACT_TODAY}, {false, 'g', ACT_GOTO},
	{false, 'x', ACT_HELD}, {false, 'C', ACT_CANCELLED}, {false, 's', ACT_SCHEDULE}, {false, 'm', ACT_MAP},
	{false, 'n', ACT_NOTE}, {false, 'r', ACT_REVIEW}, {false, 'S', ACT_STATUS},
	{false, 'f', ACT_LATE_ONLY}, {false, 'z', ACT_LEDGER},
	{false, 'H', ACT_HISTORY}, {false, 'u', ACT_UNDO}, {false, 'B', ACT_BACKUP},
	{false, CTRL('l'), ACT_REFRESH}, {true, KEY_RESIZE, ACT_RESIZE},
	{true, KEY_F(9), ACT_EXPORT},
};

ui_action ui_key_action(int rc, wint_t key)
{
	bool fkey = rc == KEY_CODE_YES;
	for (size_t i = 0; i < sizeof bindings / sizeof *bindings; i++)
		if (bindings[i].function_key == fkey && bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

static const ui_keyhelp help[] = {
	{"F1 ?", N_("help: this list of keys")},
	{"Tab S-Tab", N_("next / previous tab")},
	{"1 2 3 4", N_("overview, responsibilities, risk points, calendar")},
	{"/", N_("search every record; Enter opens the hit in its pane")},
	{"H", N_("history of the selected record: every change, who, when")},
	{"u", N_("undo the latest change (again: the one before)")},
	{"B", N_("back up the database to a file")},
	{"F9", N_("the year's ledger (HTML, Markdown, text) or an export (CSV, iCalendar) into a file")},
	{"Ctrl-L", N_("redraw the screen")},
	{"F10 q", N_("quit")},
	{"", ""},
	{N_("Overview:"), ""},
	{"↑ ↓", N_("choose a late item, risk point or meeting")},
	{"Enter", N_("open the selected line in its pane")},
	{"s", N_("draft the year's planned meetings (shows them first)")},
	{"", ""},
	{N_("Responsibilities:"), ""},
	{"↑ ↓ k j", N_("choose a task; in the item list, an item")},
	{"Enter → l", N_("to the task's items (Esc ← back); Enter there edits")},
	{"F2 a", N_("new item under the selected task")},
	{"F3 e", N_("edit the selected item")},
	{"F4 d Del", N_("delete the selected item (asks first)")},
	{"n", N_("add a dated progress note to the selected item")},
	{"S", N_("change the selected item's status")},
	{"f", N_("late items only / all items")},
	{"m", N_("person × task matrix (Enter opens the cell's task, m back)")},
	{"z", N_("rectification ledger (整改台账): items from inspection feedback")},
	{"", ""},
	{N_("Risk points:"), ""},
	{"↑ ↓ k j", N_("choose a risk point")},
	{"F2 a", N_("new risk point")},
	{"Enter F3 e", N_("edit the selected risk point")},
	{"F4 d Del", N_("delete the selected risk point (asks first)")},
	{"r", N_("record a review (date, result, next review)")},
	{"m", N_("move on the heat map; Enter filters by the cell, Enter again shows all")},
	{"Esc", N_("show all risk points again")},
	{"", ""},
	{N_("Meeting calendar:"), ""},
	{"F2 a", N_("new meeting on the selected day")},
	{"Enter", N_("open the day's meetings (↑ ↓ choose, Esc back)")},
	{"F3 e", N_("edit the selected meeting")},
	{"F4 d Del", N_("delete the selected meeting (asks first)")},
	{"x / C", N_("mark the selected meeting held / cancelled")},
	{"← → h l", N_("previous / next day")},
	{"↑ ↓ k j", N_("previous / next week")},
	{"PgUp PgDn", N_("previous / next month")},
	{"Home End", N_("first / last day of the month")},
	{"t", N_("today")},
	{"g", N_("go to a date")},
	{"", ""},
	{N_("In a form:"), ""},
	{"Tab S-Tab ↑ ↓", N_("next / previous field")},
	{"F2", N_("save")},
	{"Enter", N_("next field; on the last field, save")},
	{"Esc", N_("cancel: nothing is written")},
	{"← → Home End", N_("move the cursor by character")},
	{"Ctrl-A Ctrl-E", N_("start / end of the line")},
	{"Ctrl-U Ctrl-K", N_("delete to the start / to the end")},
	{"Ctrl-J", N_("new line in a multi-line field")},
	{"Space", N_("next choice in a list field")},
	{"F5", N_("pick from a list (type, status, people)")},
};

size_t ui_help_entries(const ui_keyhelp **out)
{
	*out = help;
	return sizeof help / sizeof *help;
}

size_t ui_help_section(int tab)
{
	static const char *const heads[] = {N_("Overview:"), N_("Responsibilities:"),
					    N_("Risk points:"), N_("Meeting calendar:")};
	for (size_t i = 0; i < sizeof help / sizeof *help; i++)
		if (tab >= 0 && tab < 4 && strcmp(help[i].keys, heads[tab]) == 0)
			return i;
	return 0;
}
