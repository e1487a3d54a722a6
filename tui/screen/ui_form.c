#include "ui_form.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "lz_validate.h"

#define CTRL(c) ((c) & 0x1f)
enum { LABEL_W = 12 };

void ui_field_text(ui_field *f, const char *label, ui_field_kind kind, const char *value,
		   size_t max_bytes)
{
	memset(f, 0, sizeof *f);
	f->label = label;
	f->kind = kind;
	/* Room for a date or time as typed (2022年12月31日 in full-width
	 * digits): it is normalised when the field is left. */
	if (kind == F_DATE || kind == F_TIME)
		max_bytes = UI_TYPED_BYTES;
	le_init(&f->edit, max_bytes, kind == F_LONG);
	le_set(&f->edit, value ? value : "");
	f->rows = kind == F_LONG ? 2 : 1;
}

void ui_field_choice(ui_field *f, const char *label, const char **choices, size_t n,
		     size_t selected)
{
	memset(f, 0, sizeof *f);
	f->label = label;
	f->kind = F_CHOICE;
	f->choices = choices;
	f->n_choices = n;
	f->choice = selected < n ? selected : 0;
	f->rows = 1;
	le_init(&f->edit, 0, false);
}

void ui_form_free(ui_form *f)
{
	for (size_t i = 0; i < f->n; i++)
		le_free(&f->fields[i].edit);
}

char *ui_field_value(const ui_field *f)
{
	if (f->kind == F_CHOICE) {
		char *s = strdup(f->n_choices ? f->choices[f->choice] : "");
		if (!s)
			abort();
		return s;
	}
	return le_get(&f->edit);
}

const char *ui_field_text_in(const ui_field *f, lz_arena *arena)
{
	char *v = ui_field_value(f);
	const char *copy = *v ? lz_arena_strdup(arena, v) : NULL;
	free(v);
	return copy;
}

bool ui_field_day(const ui_field *f, lz_day *out)
{
	char *v = ui_field_value(f);
	bool ok = true;
	*out = LZ_NO_DAY;
	if (*v)
		ok = lz_day_read(v, 0, out, NULL) == LZ_OK;
	free(v);
	return ok;
}

void ui_field_set(ui_field *f, const char *value)
{
	le_set(&f->edit, value ? value : "");
	f->error[0] = '\0';
}

/* Checks a field's form as it is left; the message stays beside it.  A
 * date or time taken is shown as it is kept (2022/3/1 becomes
 * 2022-03-01); a date without its year falls in year. */
static void check_field(ui_field *f, int year)
{
	f->error[0] = '\0';
	char *v = ui_field_value(f);
	lz_err why;
	if (f->kind == F_DATE && *v) {
		lz_day d;
		char norm[LZ_DATE_STRLEN];
		if (lz_day_read(v, year, &d, &why) != LZ_OK) {
			snprintf(f->error, sizeof f->error, "%.190s", why.msg);
		} else if (!lz_day_in_range(d)) {
			snprintf(f->error, sizeof f->error, _("only the years %d to %d"),
				 LZ_YEAR_FIRST, LZ_YEAR_LAST);
		} else {
			lz_day_format(d, norm);
			le_set(&f->edit, norm);
		}
	} else if (f->kind == F_TIME && *v) {
		int t;
		char norm[6];
		if (lz_time_read(v, &t, &why) != LZ_OK) {
			snprintf(f->error, sizeof f->error, "%.190s", why.msg);
		} else {
			lz_format_time(t, norm);
			le_set(&f->edit, norm);
		}
	} else if (f->kind == F_NUMBER && *v) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end || n < 0 || n > LZ_MAX_COUNT)
			snprintf(f->error, sizeof f->error, _("a whole number from 0 to %d"),
				 LZ_MAX_COUNT);
	}
	/* Spaces alone are no answer: the save would be refused for them. */
	if (!f->error[0] && f->required && lz_text_blank(v, strlen(v)))
		snprintf(f->error, sizeof f->error, "%s", _("required"));
	free(v);
}

/* Characters [a, b) of an editor as malloc'd UTF-8. */
static char *slice_utf8(const lineedit *e, size_t a, size_t b)
{
	char *s = malloc((b - a) * 4 + 1);
	if (!s)
		abort();
	size_t o = 0;
	for (size_t i = a; i < b; i++)
		o += lz_utf8_encode((uint32_t)e->text[i], s + o);
	s[o] = '\0';
	return s;
}

/* Layout: each field's first row, from the top of the form's content. */
static int field_rows(const ui_field *f)
{
	return f->kind != F_LONG ? 1 : f->shown_rows > 0 ? f->shown_rows : f->rows;
}

/* The label column: as wide as the widest label (with its required
 * mark), at least LABEL_W, at most a third of the form. */
static int label_width(const ui_form *f, int width)
{
	int w = LABEL_W;
	for (size_t i = 0; i < f->n; i++) {
		int lw = lz_text_width(f->fields[i].label) + (f->fields[i].required ? 1 : 0);
		if (lw > w)
			w = lw;
	}
	return w > width / 3 ? (width / 3 > LABEL_W ? width / 3 : LABEL_W) : w;
}

static void draw_field(WINDOW *w, ui_field *f, int y, int x, int width, int column, bool active,
		       int *cur_y, int *cur_x)
{
	char label[256];
	snprintf(label, sizeof label, "%s%s", f->required ? "*" : "", f->label);
	int lw = lz_text_width(label);
	/* A prompt's single field has no label column. */
	int label_w = f->label[0] ? column : 0;
	if (label_w)
		ui_put(w, y, x + (label_w - lw > 0 ? label_w - lw : 0), label, label_w,
		       active ? S_HEADER : S_NORMAL);
	int fx = x + label_w + 1;
	int err_w = f->error[0] ? lz_text_width(f->error) + 1 : 0;
	if (err_w > width / 3)
		err_w = width / 3;
	int fw = width - label_w - 1 - err_w;
	if (fw < 4)
		fw = 4;
	ui_style st = active ? S_FIELD_ACTIVE : S_FIELD;
	if (f->kind == F_CHOICE) {
		ui_fill(w, y, fx, fw, st);
		char text[256];
		snprintf(text, sizeof text, "%s ▾", f->n_choices ? f->choices[f->choice] : "");
		ui_put(w, y, fx, text, fw, st);
		if (active) {
			*cur_y = y;
			*cur_x = fx;
		}
	} else if (f->kind == F_LONG) {
		size_t crow;
		int ccol;
		size_t rows = le_wrap(&f->edit, fw, NULL, NULL, 0, &crow, &ccol);
		size_t *starts = malloc(rows * sizeof *starts), *ends = malloc(rows * sizeof *ends);
		if (!starts || !ends)
			abort();
		le_wrap(&f->edit, fw, starts, ends, rows, &crow, &ccol);
		/* The rows shown end at the cursor's row when it is further down. */
		int shown = field_rows(f);
		size_t first = crow >= (size_t)shown ? crow - (size_t)shown + 1 : 0;
		for (int r = 0; r < shown; r++) {
			ui_fill(w, y + r, fx, fw, st);
			size_t row = first + (size_t)r;
			if (row < rows) {
				char *line = slice_utf8(&f->edit, starts[row], ends[row]);
				ui_put(w, y + r, fx, line, fw, st);
				free(line);
			}
		}
		free(starts);
		free(ends);
		if (active) {
			*cur_y = y + (int)(crow - first);
			*cur_x = fx + ccol;
		}
	} else {
		ui_fill(w, y, fx, fw, st);
		size_t first, last;
		int ccol;
		le_view(&f->edit, fw, &first, &last, &ccol);
		char *s = slice_utf8(&f->edit, first, last);
		/* Shown selected, as it is replaced by what is typed. */
		ui_put(w, y, fx, s, fw, f->offered ? S_SELECTED : st);
		free(s);
		if (active) {
			*cur_y = y;
			*cur_x = fx + ccol;
		}
	}
	if (f->error[0])
		ui_put_cut(w, y, fx + fw + 1, f->error, err_w - 1, S_WARN);
}

static void draw_form(ui_app *app, ui_form *f, int *cur_y, int *cur_x)
{
	(void)app;
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	int width = cols - 4 > 96 ? 96 : cols - 4;
	/* The text of several lines being edited shows all its lines (up
	 * to a few more than its rows), so what was typed or pasted above
	 * the cursor stays in sight; the others keep their rows. */
	int label_col = label_width(f, width - 2);
	for (size_t i = 0; i < f->n; i++) {
		ui_field *fd = &f->fields[i];
		fd->shown_rows = 0;
		if (fd->kind != F_LONG || i != f->active)
			continue;
		size_t crow;
		int ccol;
		int lines = (int)le_wrap(&fd->edit, width - 2 - label_col - 1, NULL, NULL, 0, &crow, &ccol);
		int most = rows / 3 > fd->rows ? rows / 3 : fd->rows;
		fd->shown_rows = lines < fd->rows ? fd->rows : lines > most ? most : lines;
	}
	int content = 0;
	for (size_t i = 0; i < f->n; i++)
		content += field_rows(&f->fields[i]);
	int height = content + 4 > rows - 2 ? rows - 2 : content + 4;
	int top = (rows - height) / 2, left = (cols - width) / 2;
	WINDOW *w = newwin(height, width, top, left);
	werase(w);
	box(w, 0, 0);
	char title[256];
	snprintf(title, sizeof title, " %s ", f->title);
	ui_put(w, 0, 2, title, width - 4, S_HEADER);
	int visible = height - 4;
	/* Scroll so the active field is in view. */
	int y_active = 0;
	for (size_t i = 0; i < f->active; i++)
		y_active += field_rows(&f->fields[i]);
	int offset = 0;
	int need = y_active + field_rows(&f->fields[f->active]);
	if (need > visible)
		offset = need - visible;
	int y = 0, column = label_width(f, width - 2);
	*cur_y = *cur_x = -1;
	for (size_t i = 0; i < f->n; i++) {
		int r = field_rows(&f->fields[i]);
		if (y - offset >= 0 && y - offset + r <= visible) {
			int cy = 0, cx = 0;
			draw_field(w, &f->fields[i], 1 + y - offset, 1, width - 2, column, i == f->active,
				   &cy, &cx);
			if (i == f->active) {
				*cur_y = top + cy;
				*cur_x = left + cx;
			}
		}
		y += r;
	}
	const ui_field *af = &f->fields[f->active];
	bool af_picks = af->n_picks || af->people || af->people_ticks || af->people_line_end;
	const char *keys = f->keys ? f->keys
			   : af->kind != F_LONG ? _("F2 save   Esc cancel   Tab next field   F5 pick")
			   : af_picks ? _("F2 save   Esc cancel   Enter new line   Tab next field   F5 pick")
				      : _("F2 save   Esc cancel   Enter new line   Tab next field");
	if (f->status[0]) {
		ui_put(w, height - 2, 2, f->status, width - 4, f->status_error ? S_ERROR : S_OK);
	} else if (f->fields[f->active].error[0]) {
		/* The whole of the active field's complaint, which beside the
		 * field may be cut. */
		char said[512];
		snprintf(said, sizeof said, _("%s: %s"), f->fields[f->active].label,
			 f->fields[f->active].error);
		ui_put_cut(w, height - 2, 2, said, width - 4, S_ERROR);
	}
	/* The bottom frame, right to left: a corner, a rule, the "↓" column,
	 * a rule; then the active text field's size against its limit, and
	 * the hint in what is left, so that neither runs over the frame. */
	int right = width - 5;
	if (af->label[0] && (af->kind == F_TEXT || af->kind == F_LONG) && af->edit.max_bytes) {
		char *v = le_get(&af->edit);
		size_t used = strlen(v);
		free(v);
		char count[64];
		snprintf(count, sizeof count, " %zu/%zu ", used, af->edit.max_bytes);
		int cw = lz_text_width(count);
		if (right - cw > 2 + 8) {
			right -= cw;
			ui_put(w, height - 1, right, count, cw,
			       used >= af->edit.max_bytes ? S_WARN : S_DIM);
			right--;
		}
	}
	if (right > 2)
		ui_put(w, height - 1, 2, keys, right - 2, S_DIM);
	/* More fields below or above than fit: say so on the frame. */
	if (offset + visible < content)
		ui_put(w, height - 1, width - 4, "↓", 1, S_HEADER);
	if (offset > 0)
		ui_put(w, 0, width - 4, "↑", 1, S_HEADER);
	wnoutrefresh(w);
	delwin(w);
}

static bool collect_name(const lz_record *r, void *ctx)
{
	lz_words_add(ctx, r->u.person.name);
	return true;
}

size_t ui_people_names(ui_app *app, lz_arena *arena, const char ***out)
{
	lz_words w = {.arena = arena};
	lz_arena scratch = {0};
	lz_err err;
	if (lz_store_scan(app->db.store, LZ_KIND_PERSON, &scratch, collect_name, &w, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	lz_arena_free(&scratch);
	*out = w.v;
	return w.n;
}

/* The popup list of ui_pick and ui_pick_ticks: with ticks, Space ticks or
 * unticks the line and Enter takes the ticks; returns the line chosen
 * (0 for ticks taken) or -1. */
static int pick_popup(const char *title, const char **labels, size_t n, size_t selected,
		      bool *ticks)
{
	if (!n)
		return -1;
	size_t sel = selected < n ? selected : 0;
	const char *hint = ticks ? _("Space ticks, Enter takes") : NULL;
	for (;;) {
		int rows, cols;
		getmaxyx(stdscr, rows, cols);
		int mark_w = ticks ? 4 : 0;
		int width = 4;
		for (size_t i = 0; i < n; i++) {
			int lw = lz_text_width(labels[i]) + 4 + mark_w;
			if (lw > width)
				width = lw;
		}
		int tw = lz_text_width(title) + 6;
		if (tw > width)
			width = tw;
		if (hint && lz_text_width(hint) + 6 > width)
			width = lz_text_width(hint) + 6;
		if (width > cols - 2)
			width = cols - 2;
		int height = (int)n + 2 > rows - 2 ? rows - 2 : (int)n + 2;
		int visible = height - 2;
		size_t first = sel >= (size_t)visible ? sel - (size_t)visible + 1 : 0;
		WINDOW *w = newwin(height, width, (rows - height) / 2, (cols - width) / 2);
		werase(w);
		box(w, 0, 0);
		ui_put(w, 0, 2, title, width - 4, S_HEADER);
		if (hint)
			ui_put(w, height - 1, 2, hint, width - 4, S_DIM);
		for (int r = 0; r < visible && first + (size_t)r < n; r++) {
			size_t i = first + (size_t)r;
			ui_style st = i == sel ? S_SELECTED : S_NORMAL;
			if (i == sel)
				ui_fill(w, 1 + r, 1, width - 2, S_SELECTED);
			if (ticks)
				ui_put(w, 1 + r, 2, ticks[i] ? "[✓]" : "[ ]", 3, st);
			ui_put(w, 1 + r, 2 + mark_w, labels[i], width - 4 - mark_w, st);
		}
		wint_t key;
		int rc;
		if (!ui_popup_wait_key(w, &rc, &key))
			return -1;
		ui_action a = ui_key_action(rc, key);
		if (ticks && rc == OK && key == ' ')
			ticks[sel] = !ticks[sel];
		else if (a == ACT_UP && sel > 0)
			sel--;
		else if (a == ACT_DOWN && sel + 1 < n)
			sel++;
		else if (a == ACT_PAGE_UP)
			sel = sel > (size_t)visible ? sel - (size_t)visible : 0;
		else if (a == ACT_PAGE_DOWN)
			sel = sel + (size_t)visible < n ? sel + (size_t)visible : n - 1;
		else if (a == ACT_ENTER)
			return ticks ? 0 : (int)sel;
		else if (a == ACT_ESCAPE || a == ACT_QUIT)
			return -1;
		else if (a == ACT_RESIZE) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
		}
	}
}

int ui_pick(ui_app *app, const char *title, const char **labels, size_t n, size_t selected)
{
	(void)app;
	return pick_popup(title, labels, n, selected, NULL);
}

bool ui_pick_ticks(ui_app *app, const char *title, const char **labels, size_t n, bool *ticks)
{
	(void)app;
	return pick_popup(title, labels, n, 0, ticks) == 0;
}

/* F5 on 参会人员: the people recorded, ticked where the field names them
 * already; what it named that is no one recorded (a guest) is kept after
 * them. */
static void tick_people(ui_app *app, ui_field *fd)
{
	lz_arena a = {0};
	const char **names;
	size_t n = ui_people_names(app, &a, &names);
	if (!n) {
		ui_set_message(app, false, "%s", _("No people recorded yet: tab 5 adds them."));
		lz_arena_free(&a);
		return;
	}
	/* The names written so far, split at 、，, ; and spaces. */
	char *v = le_get(&fd->edit);
	for (char *p; (p = strstr(v, "、")) || (p = strstr(v, "，"));)
		memcpy(p, "   ", 3);
	lz_words typed = {.arena = &a};
	char *save = NULL;
	for (char *t = strtok_r(v, ",; \n\t", &save); t; t = strtok_r(NULL, ",; \n\t", &save))
		lz_words_add(&typed, t);
	free(v);
	bool *ticks = lz_arena_alloc(&a, n * sizeof *ticks);
	for (size_t i = 0; i < n; i++) {
		ticks[i] = false;
		for (size_t j = 0; j < typed.n; j++)
			if (strcmp(typed.v[j], names[i]) == 0)
				ticks[i] = true;
	}
	if (ui_pick_ticks(app, fd->label, names, n, ticks)) {
		char *out = NULL;
		size_t out_len = 0;
		FILE *f = open_memstream(&out, &out_len);
		if (!f)
			abort();
		const char *sep = "";
		for (size_t i = 0; i < n; i++)
			if (ticks[i]) {
				fprintf(f, "%s%s", sep, names[i]);
				sep = "、";
			}
		for (size_t j = 0; j < typed.n; j++) {
			bool recorded = false;
			for (size_t i = 0; i < n; i++)
				recorded |= strcmp(typed.v[j], names[i]) == 0;
			if (!recorded) {
				fprintf(f, "%s%s", sep, typed.v[j]);
				sep = "、";
			}
		}
		if (fclose(f) != 0)
			abort();
		le_set(&fd->edit, out);
		free(out);
		fd->offered = false;
		fd->error[0] = '\0';
	}
	lz_arena_free(&a);
}

static void leave_field(ui_form *f, int year)
{
	ui_field *fd = &f->fields[f->active];
	check_field(fd, year);
	/* What was wrong with the field just left is said whole at the
	 * bottom (beside the field it may be cut); a notice about an earlier
	 * field goes. */
	f->status[0] = '\0';
	if (fd->error[0]) {
		snprintf(f->status, sizeof f->status, _("%s: %s"), fd->label, fd->error);
		f->status_error = true;
	}
	if (f->changed)
		f->changed(f, f->ctx);
}

/* Said when a field is full: never cut without a word. */
static void say_full(ui_form *f, const ui_field *fd, bool pasted)
{
	size_t max = fd->edit.max_bytes;
	snprintf(f->status, sizeof f->status,
		 pasted ? _("%s holds at most %zu bytes (%zu Chinese characters): the rest was not pasted.")
			: _("%s holds at most %zu bytes (%zu Chinese characters)."),
		 fd->label, max, max / 3);
	f->status_error = true;
}

/* Moves to field i.  A date, time or number already filled in is offered
 * as a prompt's default is: typing a new one replaces it (appending to
 * 2022-03-01 never makes a date), ← → or Home start editing it. */
static void enter_field(ui_form *f, size_t i)
{
	f->active = i;
	ui_field *fd = &f->fields[i];
	fd->typed[0] = '\0';
	bool whole = fd->kind == F_DATE || fd->kind == F_TIME || fd->kind == F_NUMBER;
	fd->offered = whole && !le_empty(&fd->edit);
}

/* Pasted text stays in the field: line breaks only in a multi-line one
 * (elsewhere spaces, and said), tabs as spaces, other control
 * characters dropped. */
static void paste_into(ui_form *f, ui_field *fd)
{
	size_t n;
	const wchar_t *p = ui_pasted(&n);
	if (fd->offered)
		le_set(&fd->edit, "");
	fd->offered = false;
	fd->error[0] = '\0';
	bool joined = false;
	for (size_t i = 0; i < n; i++) {
		wchar_t c = p[i];
		if (c == L'\r' && i + 1 < n && p[i + 1] == L'\n')
			continue;
		if (c == L'\r')
			c = L'\n';
		if (c == L'\n' && fd->kind != F_LONG) {
			c = L' ';
			joined = true;
		} else if (c == L'\t') {
			c = L' ';
		} else if (c != L'\n' && lz_cp_is_control((uint32_t)c)) {
			continue;
		}
		if (!le_insert(&fd->edit, c)) {
			say_full(f, fd, true);
			return;
		}
	}
	if (joined) {
		snprintf(f->status, sizeof f->status, _("%s is one line: the pasted line breaks are spaces."),
			 fd->label);
		f->status_error = false;
	}
}

/* A pick at the end of a multi-line field's text, on a line of its own,
 * the cursor after it (to type a role's scope). */
static void add_line(ui_field *fd, const char *text)
{
	char *v = le_get(&fd->edit);
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\n'))
		n--;
	char *joined;
	if (asprintf(&joined, "%.*s%s%s", (int)n, v, n ? "\n" : "", text) < 0)
		abort();
	le_set(&fd->edit, joined);
	free(joined);
	free(v);
	fd->offered = false;
	fd->error[0] = '\0';
}

static bool edit_key(ui_field *fd, int rc, wint_t key)
{
	lineedit *e = &fd->edit;
	if (rc == KEY_CODE_YES) {
		switch (key) {
		case KEY_LEFT: le_left(e); return true;
		case KEY_RIGHT: le_right(e); return true;
		case KEY_HOME: le_home(e); return true;
		case KEY_END: le_end(e); return true;
		case KEY_BACKSPACE: le_backspace(e); return true;
		case KEY_DC: le_delete(e); return true;
		}
		return false;
	}
	switch (key) {
	case CTRL('a'): le_home(e); return true;
	case CTRL('e'): le_end(e); return true;
	case CTRL('u'): le_kill_to_start(e); return true;
	case CTRL('k'): le_kill_to_end(e); return true;
	case CTRL('h'): case 127: le_backspace(e); return true;
	case CTRL('d'): le_delete(e); return true;
	case CTRL('b'): le_left(e); return true;
	case CTRL('f'): le_right(e); return true;
	case '\n':
		/* Ctrl-J: a new line inside a multi-line field. */
		if (fd->kind == F_LONG)
			le_insert(e, L'\n');
		return true;
	}
	return false;
}

/* A character typed on a list field narrows to the first choice whose
 * name holds what was typed there so far: typing, or an input method's
 * 专题, picks 专题会议 without opening the list. */
static void type_to_choose(ui_form *f, ui_field *fd, wchar_t c)
{
	char mb[MB_LEN_MAX + 1];
	mbstate_t st = {0};
	size_t n = wcrtomb(mb, c, &st);
	if (n == (size_t)-1)
		return;
	size_t len = strlen(fd->typed);
	if (len + n >= sizeof fd->typed)
		return;
	memcpy(fd->typed + len, mb, n);
	fd->typed[len + n] = '\0';
	for (size_t k = 0; k < fd->n_choices; k++) {
		/* From the present choice on: one that already fits stays. */
		size_t i = (fd->choice + k) % fd->n_choices;
		if (strstr(fd->choices[i], fd->typed) || strcasestr(fd->choices[i], fd->typed)) {
			fd->choice = i;
			f->status[0] = '\0';
			if (f->changed)
				f->changed(f, f->ctx);
			return;
		}
	}
	snprintf(f->status, sizeof f->status, _("No choice of %s holds “%s”; F5 lists them."),
		 fd->label, fd->typed);
	f->status_error = true;
	fd->typed[0] = '\0';
}

/* What each field held when the form opened, to tell whether Esc
 * would throw typing away. */
typedef struct form_start {
	char **text;
	size_t *choice;
} form_start;

static form_start remember_start(const ui_form *f)
{
	form_start s = {calloc(f->n, sizeof *s.text), calloc(f->n, sizeof *s.choice)};
	if (!s.text || !s.choice)
		abort();
	for (size_t i = 0; i < f->n; i++) {
		if (f->fields[i].kind == F_CHOICE)
			s.choice[i] = f->fields[i].choice;
		else
			s.text[i] = le_get(&f->fields[i].edit);
	}
	return s;
}

static bool changed_since(const ui_form *f, const form_start *s)
{
	for (size_t i = 0; i < f->n; i++) {
		const ui_field *fd = &f->fields[i];
		if (fd->kind == F_CHOICE) {
			if (fd->choice != s->choice[i])
				return true;
			continue;
		}
		char *now = le_get(&fd->edit);
		bool same = strcmp(now, s->text[i]) == 0;
		free(now);
		if (!same)
			return true;
	}
	return false;
}

static void forget_start(const ui_form *f, form_start *s)
{
	for (size_t i = 0; i < f->n; i++)
		free(s->text[i]);
	free(s->text);
	free(s->choice);
}

bool ui_form_run(ui_app *app, ui_form *f)
{
	/* Fields that follow others (a level from likelihood × impact) are
	 * settled first, so that only her typing counts as a change. */
	if (f->changed)
		f->changed(f, f->ctx);
	form_start start = remember_start(f);
	/* A date the form opens on is offered like one tabbed into: what she
	 * types replaces it (11/20 on a notice's 收文日期 of today). */
	ui_field *first = &f->fields[f->active];
	if ((first->kind == F_DATE || first->kind == F_TIME || first->kind == F_NUMBER) &&
	    !le_empty(&first->edit))
		first->offered = true;
	/* A prompt's one line is no loss; a form's typing is. */
	bool ask_before_discarding = f->n > 1;
	/* An old notice would read as this form's outcome. */
	app->message[0] = '\0';
	ui_redraw(app);
	curs_set(1);
	bool saved = false;
	for (;;) {
		int cy, cx;
		draw_form(app, f, &cy, &cx);
		if (cy >= 0)
			move(cy, cx);
		/* Leave the terminal cursor at the edit point: an input method
		 * shows its candidates there. */
		wnoutrefresh(stdscr);
		if (cy >= 0)
			setsyx(cy, cx);
		doupdate();
		wint_t key;
		int rc;
		if (!ui_wait_key(&rc, &key))
			goto done;
		ui_field *fd = &f->fields[f->active];
		bool is_text = fd->kind != F_CHOICE;
		if (rc == KEY_CODE_YES && key == UI_KEY_PASTE) {
			if (is_text)
				paste_into(f, fd);
			continue;
		}
		/* Printable characters are text in a form, never commands: 'a'
		 * or 'q' typed into a title must not save or quit. */
		if (rc == OK && key >= 0x20 && key != 0x7f) {
			if (is_text) {
				if (fd->offered)
					le_set(&fd->edit, "");
				fd->offered = false;
				if (!le_insert(&fd->edit, (wchar_t)key) && fd->edit.max_bytes &&
				    !lz_cp_is_control((uint32_t)key))
					say_full(f, fd, false);
				fd->error[0] = '\0';
			} else if (key == ' ' && fd->n_choices) {
				fd->choice = (fd->choice + 1) % fd->n_choices;
				fd->typed[0] = '\0';
				if (f->changed)
					f->changed(f, f->ctx);
			} else if (fd->n_choices) {
				type_to_choose(f, fd, (wchar_t)key);
			}
			continue;
		}
		/* Editing keys next; ↑ ↓ Tab and Enter move between fields. */
		if (is_text && key != '\t' && key != '\r' && key != 27 &&
		    !(rc == KEY_CODE_YES && (key == KEY_UP || key == KEY_DOWN || key == KEY_BTAB ||
					     key == KEY_ENTER)) &&
		    edit_key(fd, rc, key)) {
			fd->error[0] = '\0';
			fd->offered = false;
			continue;
		}
		ui_action a = ui_key_action(rc, key);
		switch (a) {
		case ACT_ESCAPE:
			if (ask_before_discarding && changed_since(f, &start) &&
			    !ui_confirm(app, _("Discard what was typed into this form? (y/n)"))) {
				curs_set(1);
				break;
			}
			goto done;
		case ACT_NEXT_TAB:
		case ACT_DOWN:
			leave_field(f, app->db.year);
			enter_field(f, (f->active + 1) % f->n);
			break;
		case ACT_PREV_TAB:
		case ACT_UP:
			leave_field(f, app->db.year);
			enter_field(f, (f->active + f->n - 1) % f->n);
			break;
		case ACT_ENTER:
			/* Enter in a text of several lines starts a new line, as in
			 * any editor; Tab and ↓ leave it. */
			if (fd->kind == F_LONG) {
				if (fd->offered)
					le_set(&fd->edit, "");
				fd->offered = false;
				if (!le_insert(&fd->edit, L'\n'))
					say_full(f, fd, false);
				fd->error[0] = '\0';
				break;
			}
			leave_field(f, app->db.year);
			if (fd->kind == F_CHOICE && fd->n_choices > 1 && f->active + 1 < f->n) {
				enter_field(f, f->active + 1);
				break;
			}
			if (f->active + 1 < f->n) {
				enter_field(f, f->active + 1);
				break;
			}
			/* Enter on the last field saves. */
			__attribute__((fallthrough));
		case ACT_ADD: {
			/* F2 (or Enter on the last field): check every field, then save. */
			size_t bad = f->n;
			for (size_t i = 0; i < f->n; i++) {
				check_field(&f->fields[i], app->db.year);
				if (f->fields[i].error[0] && bad == f->n)
					bad = i;
			}
			if (bad < f->n) {
				f->active = bad;
				snprintf(f->status, sizeof f->status, _("%s: %s"),
					 f->fields[bad].label, f->fields[bad].error);
				f->status_error = true;
				break;
			}
			lz_err err;
			lz_err_clear(&err);
			if (f->save(f, f->ctx, &err)) {
				saved = true;
				goto done;
			}
			snprintf(f->status, sizeof f->status, "%s", err.msg);
			f->status_error = true;
			break;
		}
		case ACT_LEFT:
		case ACT_RIGHT:
			if (fd->kind == F_CHOICE && fd->n_choices) {
				fd->choice = (fd->choice + (a == ACT_RIGHT ? 1 : fd->n_choices - 1)) % fd->n_choices;
				if (f->changed)
					f->changed(f, f->ctx);
			}
			break;
		case ACT_RESIZE:
			/* The panes at the new size under the form; the form is
			 * drawn over them next. */
			ui_redraw(app);
			break;
		default:
			if (rc == KEY_CODE_YES && key == KEY_F(5)) {
				if (fd->kind == F_CHOICE) {
					int i = ui_pick(app, fd->label, fd->choices, fd->n_choices, fd->choice);
					if (i >= 0)
						fd->choice = (size_t)i;
					if (f->changed)
						f->changed(f, f->ctx);
				} else if (fd->people_ticks) {
					tick_people(app, fd);
				} else if (fd->people || fd->people_line_end) {
					char *name = ui_pick_person(app, fd->label);
					/* A person added meanwhile had a form of its own. */
					curs_set(1);
					if (name && fd->people_line_end) {
						char *line;
						if (asprintf(&line, "%s%s", name, fd->people_line_end) < 0)
							abort();
						add_line(fd, line);
						free(line);
					} else if (name) {
						le_set(&fd->edit, name);
						fd->offered = false;
						fd->error[0] = '\0';
					}
					free(name);
				} else if (fd->n_picks) {
					/* A prompt's one field has no label: the list says what it is for. */
					int i = ui_pick(app, fd->label[0] ? fd->label : _("Pick one"), fd->picks,
							fd->n_picks, 0);
					if (i >= 0 && fd->pick_adds_line)
						add_line(fd, fd->picks[i]);
					else if (i >= 0)
						le_set(&fd->edit, fd->picks[i]);
				}
			}
			break;
		}
	}
done:
	forget_start(f, &start);
	curs_set(0);
	/* What the form covered is drawn again by the caller's loop. */
	ui_redraw(app);
	return saved;
}
