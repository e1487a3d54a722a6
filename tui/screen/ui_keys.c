/* The key map — which keys stand for which action, and their names — and
 * the reading of key tables: finding the row that answers an action, and
 * naming a row's keys for the key bar and the help screen from the map,
 * so that what is shown is what the keys do. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_text.h"
#include "ui.h"

#define CTRL(c) ((c) & 0x1f)

typedef struct binding {
	bool function_key;  /* key is a KEY_* code, else a character */
	wint_t key;
	ui_action action;
	const char *name;   /* as the key bar and the help show it; NULL: not a key */
} binding;

/* An action's keys in the order they are named: the first is the one the
 * key bar shows. */
static const binding bindings[] = {
	{true, KEY_F(10), ACT_QUIT, "F10"}, {false, 'q', ACT_QUIT, "q"},
	{true, KEY_F(1), ACT_HELP, "F1"}, {false, '?', ACT_HELP, "?"},
	{false, '\t', ACT_NEXT_TAB, "Tab"}, {true, KEY_BTAB, ACT_PREV_TAB, "S-Tab"},
	{false, '1', ACT_TAB1, "1"}, {false, '2', ACT_TAB2, "2"}, {false, '3', ACT_TAB3, "3"},
	{false, '4', ACT_TAB4, "4"}, {false, '5', ACT_TAB5, "5"},
	{false, '6', ACT_TAB6, "6"},
	{true, KEY_UP, ACT_UP, "↑"}, {false, 'k', ACT_UP, "k"},
	{true, KEY_DOWN, ACT_DOWN, "↓"}, {false, 'j', ACT_DOWN, "j"},
	{true, KEY_LEFT, ACT_LEFT, "←"}, {false, 'h', ACT_LEFT, "h"},
	{true, KEY_RIGHT, ACT_RIGHT, "→"}, {false, 'l', ACT_RIGHT, "l"},
	{true, KEY_PPAGE, ACT_PAGE_UP, "PgUp"}, {true, KEY_NPAGE, ACT_PAGE_DOWN, "PgDn"},
	{true, KEY_HOME, ACT_HOME, "Home"}, {true, KEY_END, ACT_END, "End"},
	{false, '\r', ACT_ENTER, "Enter"}, {false, '\n', ACT_ENTER, "Enter"},
	{true, KEY_ENTER, ACT_ENTER, "Enter"},
	{false, 27, ACT_ESCAPE, "Esc"},
	{true, KEY_F(2), ACT_ADD, "F2"}, {false, 'a', ACT_ADD, "a"},
	{true, KEY_F(3), ACT_EDIT, "F3"}, {false, 'e', ACT_EDIT, "e"},
	{true, KEY_F(4), ACT_DELETE, "F4"}, {false, 'd', ACT_DELETE, "d"},
	{true, KEY_DC, ACT_DELETE, "Del"},
	{false, '/', ACT_SEARCH, "/"},
	{false, 't', ACT_TODAY, "t"}, {false, 'g', ACT_GOTO, "g"},
	{false, 'x', ACT_HELD, "x"}, {false, 'C', ACT_CANCELLED, "C"},
	{false, 's', ACT_SCHEDULE, "s"}, {false, 'm', ACT_MAP, "m"},
	{false, 'n', ACT_NOTE, "n"}, {false, 'r', ACT_REVIEW, "r"}, {false, 'S', ACT_STATUS, "S"},
	{false, 'f', ACT_LATE_ONLY, "f"}, {false, 'z', ACT_LEDGER, "z"},
	{false, 'H', ACT_HISTORY, "H"}, {false, 'u', ACT_UNDO, "u"}, {false, 'B', ACT_BACKUP, "B"},
	{false, CTRL('l'), ACT_REFRESH, "Ctrl-L"}, {true, KEY_RESIZE, ACT_RESIZE, NULL},
	{true, KEY_F(9), ACT_EXPORT, "F9"}, {false, 'Y', ACT_YEAR, "Y"},
	{false, 'N', ACT_NEW_YEAR, "N"}, {false, 'A', ACT_AS_OF, "A"},
	{false, 'v', ACT_VIEW, "v"},
};

enum { N_BINDINGS = sizeof bindings / sizeof *bindings };

/* The marks a terminal puts around pasted text once asked to (the
 * program sends ESC [?2004h at start). */
enum { KEY_PASTE_BEGIN = KEY_MAX + 1, KEY_PASTE_END = KEY_MAX + 2 };

static wchar_t *paste;
static size_t paste_len, paste_cap;

const wchar_t *ui_pasted(size_t *n)
{
	*n = paste_len;
	return paste;
}

int ui_get_key(wint_t *key)
{
	int rc = get_wch(key);
	if (rc != KEY_CODE_YES || *key != KEY_PASTE_BEGIN)
		return rc;
	paste_len = 0;
	/* Up to the end mark; a terminal that never sends it (or stalls
	 * past the read timeout) ends the paste there. */
	for (;;) {
		wint_t c;
		int r = get_wch(&c);
		if (r == ERR || (r == KEY_CODE_YES && c == KEY_PASTE_END) || ui_should_stop())
			break;
		if (r != OK)
			continue;
		if (paste_len + 1 >= paste_cap) {
			paste_cap = paste_cap ? paste_cap * 2 : 256;
			paste = realloc(paste, paste_cap * sizeof *paste);
			if (!paste)
				abort();
		}
		paste[paste_len++] = (wchar_t)c;
	}
	*key = UI_KEY_PASTE;
	return KEY_CODE_YES;
}

void ui_keys_define(void)
{
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	/* Home and End as terminals send them whatever TERM says (xterm's
	 * in tmux, PuTTY's, rxvt's): unknown, their bytes would arrive as
	 * Escape, '[', '1'… and switch tabs. */
	static const char *const home[] = {"\033[1~", "\033[H", "\033OH", "\033[7~"};
	static const char *const end[] = {"\033[4~", "\033[F", "\033OF", "\033[8~"};
	for (size_t i = 0; i < sizeof home / sizeof *home; i++) {
		define_key(home[i], KEY_HOME);
		define_key(end[i], KEY_END);
	}
}

bool ui_wait_key(int *rc, wint_t *key)
{
	for (;;) {
		*rc = ui_get_key(key);
		/* Ctrl-C, a character in raw mode, interrupts a dialog or a
		 * form as it does the program (ui_main.c). */
		if (*rc == OK && *key == 3)
			raise(SIGINT);
		if (ui_should_stop())
			return false;
		if (*rc != ERR)
			return true;
	}
}

bool ui_popup_wait_key(WINDOW *w, int *rc, wint_t *key)
{
	wnoutrefresh(w);
	doupdate();
	delwin(w);
	return ui_wait_key(rc, key);
}

ui_action ui_key_action(int rc, wint_t key)
{
	bool fkey = rc == KEY_CODE_YES;
	for (size_t i = 0; i < N_BINDINGS; i++)
		if (bindings[i].function_key == fkey && bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

bool ui_key_applies(const ui_key *k, unsigned mode)
{
	return (mode & k->when) == k->when && !(mode & k->unless);
}

const ui_key *ui_key_find(const ui_key *keys, size_t n, unsigned mode, ui_action a)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < UI_KEY_ACTS && keys[i].acts[j] != ACT_NONE; j++)
			if (keys[i].acts[j] == a && ui_key_applies(&keys[i], mode))
				return &keys[i];
	return NULL;
}

/* The name of an action's rank-th key, counting a name once (Enter is
 * three codes); NULL past the last. */
static const char *action_key_name(ui_action a, size_t rank)
{
	const char *last = NULL;
	for (size_t i = 0; i < N_BINDINGS; i++) {
		if (bindings[i].action != a || !bindings[i].name)
			continue;
		if (last && strcmp(last, bindings[i].name) == 0)
			continue;
		last = bindings[i].name;
		if (rank-- == 0)
			return last;
	}
	return NULL;
}

static void append(char *buf, size_t size, const char *sep, const char *s)
{
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s%s", len && sep ? sep : "", s);
}

void ui_key_help_text(const ui_key *k, size_t n, char *buf, size_t size)
{
	buf[0] = '\0';
	const char *sep = n && (k->flags & UI_KEY_OR) ? " / " : " ";
	/* "↑ ↓ k j": the arrows first, then the letters that do the same. */
	for (size_t rank = 0;; rank++) {
		bool any = false;
		for (size_t r = 0; r < n; r++)
			for (size_t j = 0; j < UI_KEY_ACTS && k[r].acts[j] != ACT_NONE; j++) {
				const char *name = action_key_name(k[r].acts[j], rank);
				if (name) {
					append(buf, size, sep, name);
					any = true;
				}
			}
		if (!any)
			break;
	}
}

void ui_key_bar_text(const ui_key *k, char *buf, size_t size)
{
	buf[0] = '\0';
	/* "↑↓", but "PgUp/PgDn": names of several letters need a mark between. */
	const char *prev = NULL;
	for (size_t j = 0; j < UI_KEY_ACTS && k->acts[j] != ACT_NONE; j++) {
		const char *name = action_key_name(k->acts[j], 0);
		if (!name)
			continue;
		bool words = prev && (lz_text_width(prev) > 1 || lz_text_width(name) > 1);
		append(buf, size, words ? "/" : NULL, name);
		prev = name;
	}
}

size_t ui_list_step(size_t at, size_t n, size_t page, ui_action a)
{
	size_t last = n ? n - 1 : 0;
	switch (a) {
	case ACT_UP: return at > 0 ? at - 1 : 0;
	case ACT_DOWN: return at < last ? at + 1 : last;
	case ACT_HOME: return 0;
	case ACT_END: return last;
	case ACT_PAGE_UP: return at > page ? at - page : 0;
	case ACT_PAGE_DOWN: return at + page < last ? at + page : last;
	default: return at;
	}
}

unsigned ui_pane_mode(const ui_pane *pane, ui_app *app)
{
	return pane->mode ? pane->mode(app) : 0;
}
