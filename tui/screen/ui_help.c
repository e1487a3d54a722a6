/* The help screen (F1, ?): the program's keys on top, then a section for
 * each pane, both read from the key tables the dispatcher and the key bar
 * use; last the keys of a form, which its line editor reads as text
 * before any of them is an action, and which are listed here. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "ui.h"

typedef struct help_line {
	char keys[64];
	const char *text;  /* untranslated; NULL: a heading, or a blank line */
	const char *heading;
} help_line;

typedef struct help {
	help_line *v;
	size_t n, cap;
} help;

static help_line *add_line(help *h)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->v = realloc(h->v, h->cap * sizeof *h->v);
		if (!h->v)
			abort();
	}
	help_line *l = &h->v[h->n++];
	memset(l, 0, sizeof *l);
	return l;
}

/* One line per help text; rows one after the other with the same text
 * share it. */
static void add_table(help *h, const ui_key *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!keys[i].help)
			continue;
		size_t same = 1;
		while (i + same < n && keys[i + same].help &&
		       strcmp(keys[i + same].help, keys[i].help) == 0)
			same++;
		help_line *l = add_line(h);
		ui_key_help_text(&keys[i], same, l->keys, sizeof l->keys);
		l->text = keys[i].help;
		i += same - 1;
	}
}

static const struct {
	const char *keys, *text;
} form_keys[] = {
	{"Tab S-Tab ↑ ↓", N_("next / previous field")},
	{"F2", N_("save")},
	{"Enter", N_("next field; on the last field, save")},
	{"Esc", N_("cancel: nothing is written")},
	{"← → Home End", N_("move the cursor by character")},
	{"Ctrl-A Ctrl-E", N_("start / end of the line")},
	{"Ctrl-U Ctrl-K", N_("delete to the start / to the end")},
	{"Enter Ctrl-J", N_("new line in a multi-line field")},
	{"Space", N_("next choice in a list field")},
	{"F5", N_("pick from a list (type, status, people)")},
};

/* The program's keys, a blank line, then each tab's section ending in a
 * blank line, then the form's; section[t] is where tab t's starts. */
static void build(help *h, size_t *fixed, size_t section[UI_TABS])
{
	add_table(h, ui_program_keys, ui_n_program_keys);
	*fixed = h->n;
	add_line(h);
	for (int t = 0; t < UI_TABS; t++) {
		const ui_pane *pane = ui_pane_of(t);
		section[t] = h->n;
		add_line(h)->heading = pane->help_title;
		add_table(h, pane->keys, pane->n_keys);
		add_line(h);
	}
	add_line(h)->heading = N_("In a form:");
	for (size_t i = 0; i < sizeof form_keys / sizeof *form_keys; i++) {
		help_line *l = add_line(h);
		snprintf(l->keys, sizeof l->keys, "%s", form_keys[i].keys);
		l->text = form_keys[i].text;
	}
}

/* Below this width a line's text goes under its keys, not beside them. */
enum { KEYS_W = 18, SIDE_BY_SIDE = 60 };

/* One line at row y: its keys, and its text wrapped beside them or, in a
 * narrow window, under them (before bottom); a heading across both.
 * Returns the next row. */
static int draw_line(const help_line *l, int y, int bottom, int cols)
{
	if (l->heading) {
		ui_put(stdscr, y, 1, _(l->heading), cols - 2, S_HEADER);
		return y + 1;
	}
	bool beside = cols >= SIDE_BY_SIDE;
	ui_put(stdscr, y, beside ? 2 : 1, l->keys, beside ? KEYS_W : cols - 2, S_KEY);
	if (!l->text)
		return y + 1;
	if (beside)
		return ui_put_wrapped(stdscr, y, KEYS_W + 4, cols - KEYS_W - 6, bottom, _(l->text),
				      S_NORMAL);
	return y + 1 < bottom ? ui_put_wrapped(stdscr, y + 1, 3, cols - 4, bottom, _(l->text), S_NORMAL)
			      : y + 1;
}

/* The page from line top on, after the first lines pinned on top;
 * *last gets the line after the last one drawn.  Returns the row after
 * it. */
static int draw_page(const help *h, size_t first, size_t top, int rows, int cols, size_t *last)
{
	erase();
	ui_fill(stdscr, 0, 0, cols, S_TITLE);
	ui_put(stdscr, 0, 1, _("Keys — Esc or q closes this help, ↑ ↓ PgUp PgDn scroll"), cols - 2,
	       S_TITLE);
	int y = 2;
	for (size_t i = 0; i < first && y < rows; i++)
		y = draw_line(&h->v[i], y, rows, cols);
	*last = top;
	while (*last < h->n && y < rows)
		y = draw_line(&h->v[(*last)++], y, rows, cols);
	return y;
}

void ui_show_help(ui_app *app)
{
	help h = {0};
	size_t fixed, section[UI_TABS];
	build(&h, &fixed, section);
	size_t n = h.n;
	/* The list scrolls by line, starting at the present pane's section;
	 * the program's keys stay on top of it while they take at most half
	 * the window. */
	size_t top = section[app->tab];
	for (;;) {
		int rows, cols;
		getmaxyx(stdscr, rows, cols);
		bool pinned = cols >= SIDE_BY_SIDE && rows - 2 >= 2 * (int)(fixed + 1);
		size_t first = pinned ? fixed + 1 : 0;
		size_t last;
		int y = draw_page(&h, first, top, rows, cols, &last);
		/* The end never leaves rows empty below it while lines above the
		 * page are hidden: a page down that overshoots comes back. */
		while (last == n && y < rows && top > first) {
			y = draw_page(&h, first, --top, rows, cols, &last);
			if (last < n) {
				y = draw_page(&h, first, ++top, rows, cols, &last);
				break;
			}
		}
		if (last < n)
			ui_put(stdscr, rows - 1, cols - 2, "↓", 1, S_HEADER);
		refresh();
		wint_t key;
		int rc;
		if (!ui_wait_key(&rc, &key))
			break;
		ui_action a = ui_key_action(rc, key);
		size_t page = last > top + 1 ? last - top - 1 : 1;
		if (a == ACT_DOWN && last < n)
			top++;
		else if (a == ACT_UP && top > first)
			top--;
		else if (a == ACT_PAGE_DOWN && last < n)
			top = top + page < n ? top + page : top;
		else if (a == ACT_PAGE_UP)
			top = top > first + page ? top - page : first;
		else if (a == ACT_HOME)
			top = first;
		else if (a == ACT_ESCAPE || a == ACT_QUIT || a == ACT_HELP)
			break;
	}
	free(h.v);
}
