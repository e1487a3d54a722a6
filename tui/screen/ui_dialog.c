/* Small modal dialogs: a yes/no question and a one-line prompt. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "ui_form.h"

static WINDOW *centered(int height, int width)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (width > cols - 2)
		width = cols - 2;
	if (height > rows - 2)
		height = rows - 2;
	WINDOW *w = newwin(height, width, (rows - height) / 2, (cols - width) / 2);
	werase(w);
	box(w, 0, 0);
	return w;
}

bool ui_confirm(ui_app *app, const char *question)
{
	(void)app;
	for (;;) {
		int width = lz_text_width(question) + 6;
		if (width < 30)
			width = 30;
		WINDOW *w = centered(5, width);
		int ww = getmaxx(w);
		ui_put(w, 2, 3, question, ww - 6, S_WARN);
		wint_t key;
		int rc;
		if (!ui_popup_wait_key(w, &rc, &key))
			return false;
		if (rc == OK && (key == 'y' || key == 'Y'))
			return true;
		ui_action a = ui_key_action(rc, key);
		if (a == ACT_RESIZE) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			continue;
		}
		if (rc == OK && (key == 'n' || key == 'N'))
			return false;
		if (a == ACT_ESCAPE || a == ACT_QUIT)
			return false;
	}
}

bool ui_confirm_about(ui_app *app, const char *fmt, const char *name)
{
	char cut[128];
	size_t len = name ? strlen(name) : 0;
	size_t fit = len ? lz_text_fit(name, len, 30, NULL) : 0;
	snprintf(cut, sizeof cut, "%.*s%s", (int)fit, len ? name : "", fit < len ? "…" : "");
	char question[512];
	snprintf(question, sizeof question, fmt, cut);
	return ui_confirm(app, question);
}

typedef struct prompt_ctx {
	char **answer;
} prompt_ctx;

static bool keep_answer(ui_form *f, void *ctx, lz_err *err)
{
	(void)err;
	prompt_ctx *p = ctx;
	*p->answer = ui_field_value(&f->fields[0]);
	return true;
}

char *ui_prompt(ui_app *app, const char *label, const char *initial, const char *error)
{
	return ui_prompt_picks(app, label, initial, error, NULL, 0);
}

char *ui_prompt_picks(ui_app *app, const char *label, const char *initial, const char *error,
		      const char **picks, size_t n_picks)
{
	char *answer = NULL;
	ui_field field;
	ui_field_text(&field, label, F_TEXT, initial, 1000);
	field.picks = picks;
	field.n_picks = n_picks;
	prompt_ctx ctx = {&answer};
	ui_form form = {.title = label, .fields = &field, .n = 1, .save = keep_answer, .ctx = &ctx,
			.keys = n_picks ? _("Enter OK   Esc cancel   F5 list") : _("Enter OK   Esc cancel")};
	if (error) {
		snprintf(form.status, sizeof form.status, "%s", error);
		form.status_error = true;
	}
	field.label = "";
	field.offered = initial && *initial;
	ui_form_run(app, &form);
	ui_form_free(&form);
	return answer;
}
