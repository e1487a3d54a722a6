/* 责任分工 (responsibilities): the plan's sections and tasks on the left,
 * each with a compact progress mark (items closed / total, ! when one is
 * late); on the right the selected task's full text wrapped by display
 * width, the roles the plan assigns to it, and its items with owner,
 * deadline, status and latest progress note, late ones marked.  Two more
 * views of the same items: the person × task matrix (m) and the
 * rectification ledger (z, 整改台账).  Items are added, edited, noted,
 * re-statused and deleted here (ui_item_form.c); f shows late ones only. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"
#include "ui.h"
#include "ui_matrix.h"

typedef struct task_count {
	int total, closed, late;
} task_count;

typedef enum tasks_view { V_TASKS, V_MATRIX, V_LEDGER } tasks_view;

typedef struct tasks_state {
	bool loaded;
	/* The year in view and its plan, while the items are read: another
	 * year's items are left out. */
	const lz_plan *plan;
	int year;
	tasks_view view;
	bool late_only;
	bool focus_items;     /* V_TASKS: ↑ ↓ move in the item list */
	size_t selected;      /* task index */
	size_t row, top;      /* the item list's selected and first row */
	lz_id want;           /* an item to select once the items are read */
	lz_arena arena;       /* every item */
	const lz_item **items;  /* by task, then id */
	size_t n_items, cap;
	const lz_item **rows;   /* the list in view: the task's items, or the ledger */
	size_t n_rows;
	task_count *counts;     /* per task */
	ui_matrix matrix;
} tasks_state;

static tasks_state *state(ui_app *app)
{
	return ui_pane_state(&app->tasks, sizeof(tasks_state), NULL);
}

static bool keep_item(const lz_record *r, void *ctx)
{
	tasks_state *t = ctx;
	if (lz_item_year_state(t->plan, &r->u.item, t->year) == LZ_ITEM_OTHER_YEAR)
		return true;
	if (t->n_items == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->items = realloc(t->items, t->cap * sizeof *t->items);
		if (!t->items)
			abort();
	}
	t->items[t->n_items++] = &r->u.item;
	return true;
}

/* The ledger in deadline order (none last), then by task and id. */
static int by_deadline(const void *a, const void *b)
{
	const lz_item *x = *(const lz_item *const *)a, *y = *(const lz_item *const *)b;
	if (x->due != y->due) {
		if (x->due == LZ_NO_DAY || y->due == LZ_NO_DAY)
			return x->due == LZ_NO_DAY ? 1 : -1;
		return x->due < y->due ? -1 : 1;
	}
	if (x->task != y->task)
		return x->task < y->task ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

/* The rows of the list in view, from the items read. */
static void build_rows(ui_app *app, tasks_state *t)
{
	const lz_plan *plan = app->db.plan;
	t->n_rows = 0;
	int number = plan->tasks[t->selected].number;
	for (size_t i = 0; i < t->n_items; i++) {
		const lz_item *it = t->items[i];
		bool in = t->view == V_LEDGER ? lz_item_is_rectification(it) : it->task == number;
		if (in && (!t->late_only || lz_item_late(plan, it, app->as_of)))
			t->rows[t->n_rows++] = it;
	}
	if (t->view == V_LEDGER && t->n_rows > 1)
		qsort(t->rows, t->n_rows, sizeof *t->rows, by_deadline);
	if (t->row >= t->n_rows)
		t->row = t->n_rows ? t->n_rows - 1 : 0;
	/* With the last item gone the keys go back to the task list. */
	if (!t->n_rows)
		t->focus_items = false;
	if (t->view == V_MATRIX)
		ui_matrix_build(&t->matrix, app, t->items, t->n_items, t->late_only);
}

/* Selects the wanted item: its task, and its row in the list. */
static void select_wanted(ui_app *app, tasks_state *t)
{
	for (size_t i = 0; i < t->n_items && t->view != V_LEDGER; i++) {
		const lz_task *task = lz_plan_task(app->db.plan, t->items[i]->task);
		if (t->items[i]->meta.id == t->want && task)
			t->selected = (size_t)(task - app->db.plan->tasks);
	}
	build_rows(app, t);
	for (size_t i = 0; i < t->n_rows; i++)
		if (t->rows[i]->meta.id == t->want)
			t->row = i;
	t->want = 0;
}

static void load(ui_app *app, tasks_state *t)
{
	const lz_plan *plan = app->db.plan;
	lz_arena_free(&t->arena);
	t->n_items = 0;
	t->plan = plan;
	t->year = app->db.year;
	lz_err err;
	if (lz_store_items_by_task(app->db.store, 0, &t->arena, keep_item, t, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	free(t->counts);
	t->counts = calloc(plan->n_tasks + 1, sizeof *t->counts);
	free(t->rows);
	t->rows = malloc((t->n_items + 1) * sizeof *t->rows);
	if (!t->counts || !t->rows)
		abort();
	for (size_t i = 0; i < t->n_items; i++) {
		const lz_task *task = lz_plan_task(plan, t->items[i]->task);
		if (!task)
			continue;
		task_count *n = &t->counts[task - plan->tasks];
		n->total++;
		n->closed += lz_item_closed(plan, t->items[i]);
		n->late += lz_item_late(plan, t->items[i], app->as_of);
	}
	t->loaded = true;
	if (t->want)
		select_wanted(app, t);
	else
		build_rows(app, t);
}

static void sync(ui_app *app, tasks_state *t)
{
	if (!t->loaded)
		load(app, t);
}

static void reload(ui_app *app)
{
	state(app)->loaded = false;
}

static void draw_left(ui_app *app, tasks_state *t, WINDOW *w, int height, int width)
{
	const lz_plan *plan = app->db.plan;
	/* Rows: a section heading, then its tasks. */
	int y = 0;
	int sel_row = 0, total_rows = 0;
	for (size_t s = 0; s < plan->n_sections; s++) {
		total_rows++;
		for (size_t k = 0; k < plan->sections[s].n_tasks; k++) {
			if (plan->sections[s].first_task + k == t->selected)
				sel_row = total_rows;
			total_rows++;
		}
	}
	int first = sel_row >= height ? sel_row - height + 1 : 0, row = 0;
	for (size_t s = 0; s < plan->n_sections; s++) {
		const lz_section *sec = &plan->sections[s];
		if (row++ >= first && y < height) {
			char num[16], head[512];
			lz_chinese_numeral(sec->number, num, sizeof num);
			snprintf(head, sizeof head, "%s、%s", num, sec->title);
			ui_put_cut(w, y++, 0, head, width, S_HEADER);
		}
		for (size_t k = 0; k < sec->n_tasks; k++) {
			size_t ti = sec->first_task + k;
			if (row++ < first || y >= height)
				continue;
			const lz_task *task = &plan->tasks[ti];
			const task_count *n = &t->counts[ti];
			char mark[32];
			if (n->total)
				snprintf(mark, sizeof mark, "%d/%d%s", n->closed, n->total, n->late ? " !" : "");
			else
				snprintf(mark, sizeof mark, "—");
			bool sel = ti == t->selected;
			/* The selection is dimmed while the keys act on the items. */
			ui_style st = sel ? (t->focus_items ? S_HEADER : S_SELECTED) : S_NORMAL;
			if (sel && !t->focus_items)
				ui_fill(w, y, 0, width, S_SELECTED);
			char label[512];
			/* ▶ where the keys act, › a selection they do not. */
			snprintf(label, sizeof label, "%s%2d %s",
				 !sel ? " " : t->focus_items ? "›" : "▶", task->number, task->title);
			int mw = lz_text_width(mark);
			ui_put_cut(w, y, 0, label, width - mw - 1, st);
			ui_put(w, y, width - mw, mark, mw,
			       sel && !t->focus_items ? S_SELECTED : n->late ? S_WARN
			       : n->total && n->closed == n->total ? S_OK : S_DIM);
			y++;
		}
	}
}

static const char *status_name(const lz_plan *plan, const char *id)
{
	const lz_item_status *st = lz_plan_item_status(plan, id);
	return st ? st->name : id;
}

static int status_width(const lz_plan *plan)
{
	int w = 4;
	for (size_t i = 0; i < plan->n_item_statuses; i++) {
		int sw = lz_text_width(plan->item_statuses[i].name);
		if (sw > w)
			w = sw;
	}
	return w;
}

/* The column layout of an item list. */
enum { C_MARK = 2, C_OWNER = 8, C_GAP = 2 };

typedef struct item_cols {
	int x0, title, owner, due, status, note;  /* start columns */
	int title_w, due_w, status_w, source_w, note_w;
	int source;  /* the ledger's source column, else -1 */
} item_cols;

/* Whether a deadline of the list falls outside the year in view: "03-31"
 * would then read as this year's. */
static bool due_outside_year(const ui_app *app, const tasks_state *t)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (ui_day_outside_year(app, t->rows[i]->due))
			return true;
	return false;
}

static item_cols layout(const lz_plan *plan, int x0, int width, bool ledger, bool whole_dates)
{
	item_cols c = {.x0 = x0, .source = -1, .status_w = status_width(plan)};
	/* A wide ledger, or a list with a deadline in another year, shows
	 * whole dates; otherwise month and day leave room for the text. */
	c.due_w = whole_dates || (ledger && width >= 100) ? 10 : 5;
	int fixed = C_MARK + C_OWNER + c.due_w + c.status_w + 3 * C_GAP;
	int rest = width - fixed;
	if (ledger) {
		/* Source, title and latest note share what is left, 2 : 3 : 3. */
		c.source_w = rest * 2 / 8 - C_GAP;
		c.note_w = rest * 3 / 8 - C_GAP;
		c.title_w = rest - c.source_w - c.note_w - 2 * C_GAP;
		c.source = x0 + C_MARK;
		c.title = c.source + c.source_w + C_GAP;
	} else {
		c.title_w = rest;
		c.title = x0 + C_MARK;
	}
	c.owner = c.title + c.title_w + C_GAP;
	c.due = c.owner + C_OWNER + C_GAP;
	c.status = c.due + c.due_w + C_GAP;
	c.note = c.status + c.status_w + C_GAP;
	return c;
}

static void draw_item_head(WINDOW *w, int y, const item_cols *c)
{
	if (c->source >= 0)
		ui_put(w, y, c->source, _("Source"), c->source_w, S_DIM);
	ui_put(w, y, c->title, _("Item"), c->title_w, S_DIM);
	ui_put(w, y, c->owner, _("Owner"), C_OWNER, S_DIM);
	ui_put(w, y, c->due, _("Due"), c->due_w + 1, S_DIM);
	ui_put(w, y, c->status, _("Status"), c->status_w, S_DIM);
	if (c->source >= 0)
		ui_put(w, y, c->note, _("Latest progress"), c->note_w, S_DIM);
}

/* "MM-DD text" of an item's latest note, its first line only: a note's
 * newlines would break the row. */
static const char *latest_note(const lz_item *it, char *buf, size_t size)
{
	const lz_note *note = &it->log[it->n_log - 1];
	char d[LZ_DATE_STRLEN];
	lz_day_format(note->date, d);
	snprintf(buf, size, "%s %s", d + 5, note->text);
	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	return buf;
}

static void draw_item_row(ui_app *app, WINDOW *w, int y, const item_cols *c, int width,
			  const lz_item *it, bool sel, bool focused)
{
	const lz_plan *plan = app->db.plan;
	bool late = lz_item_late(plan, it, app->as_of);
	ui_style st = sel && focused ? S_SELECTED : late ? S_WARN : S_NORMAL;
	if (sel && focused)
		ui_fill(w, y, c->x0, width, S_SELECTED);
	/* The selection shows while the keys act on the task list too:
	 * e, d, n and S apply to it. */
	ui_put(w, y, c->x0, !sel ? " " : focused ? "▶" : "›", 1, sel && focused ? S_SELECTED : S_HEADER);
	ui_put(w, y, c->x0 + 1, late ? "!" : " ", 1, st);
	if (c->source >= 0)
		ui_put_cut(w, y, c->source, it->source, c->source_w, st);
	const char *title = it->title;
	char *carried = NULL;
	if (lz_item_year_state(plan, it, app->db.year) == LZ_ITEM_CARRIED &&
	    asprintf(&carried, _("%s (carried over from an earlier year)"), it->title) >= 0)
		title = carried;
	ui_put_cut(w, y, c->title, title, c->title_w, st);
	free(carried);
	ui_put_cut(w, y, c->owner, it->owner, C_OWNER, st);
	char due[LZ_DATE_STRLEN] = "";
	if (it->due != LZ_NO_DAY)
		lz_day_format(it->due, due);
	ui_put(w, y, c->due, *due && c->due_w == 5 ? due + 5 : due, c->due_w, st);
	ui_put_cut(w, y, c->status, status_name(plan, it->status), c->status_w, st);
	if (c->source >= 0 && it->n_log) {
		char line[1200];
		ui_put_cut(w, y, c->note, latest_note(it, line, sizeof line), c->note_w, st);
	}
}

/* The latest note under its item in the task's list. */
static void draw_note_line(WINDOW *w, int y, int x, int width, const lz_item *it)
{
	char line[1200];
	ui_put_cut(w, y, x + 4, latest_note(it, line, sizeof line), width - 4, S_DIM);
}

/* Keeps the selected row in view; lines per row are 1, or 2 with a note. */
static void scroll_to_row(tasks_state *t, int avail, bool notes)
{
	if (t->top > t->row)
		t->top = t->row;
	for (;;) {
		int lines = 0;
		for (size_t i = t->top; i <= t->row && i < t->n_rows; i++)
			lines += 1 + (notes && t->rows[i]->n_log);
		if (lines <= avail || t->top >= t->row)
			break;
		t->top++;
	}
}

static void draw_right(ui_app *app, tasks_state *t, WINDOW *w, int x0, int height, int width)
{
	const lz_plan *plan = app->db.plan;
	const lz_task *task = &plan->tasks[t->selected];
	char head[512];
	snprintf(head, sizeof head, "%d. %s", task->number, task->title);
	int y = ui_put_wrapped(w, 0, x0, width, height, head, S_HEADER);
	/* The full text takes at most a third of the height; the items the rest. */
	int text_bottom = y + (height - y) / 3;
	y = ui_put_wrapped(w, y, x0, width, text_bottom, task->text, S_NORMAL);
	if (task->n_roles && y < height) {
		char roles[512] = "";
		size_t len = (size_t)snprintf(roles, sizeof roles, "%s", _("Responsibility: "));
		for (size_t r = 0; r < task->n_roles && len < sizeof roles; r++)
			len += (size_t)snprintf(roles + len, sizeof roles - len, "%s%s", r ? " · " : "",
						plan->roles[task->roles[r]].name);
		y = ui_put_wrapped(w, y, x0, width, height, roles, S_DIM);
	}
	if (y < height)
		mvwhline(w, y++, x0, ACS_HLINE, width);
	item_cols c = layout(plan, x0, width, false, due_outside_year(app, t));
	if (t->late_only && y < height)
		ui_put(w, y++, x0, _("Late items only (f shows all)"), width, S_WARN);
	if (!t->n_rows) {
		if (y < height)
			ui_put(w, y, x0, t->late_only ? _("No late items under this task.")
						      : _("No items yet: F2 or a adds one."),
			       width, S_DIM);
		return;
	}
	if (y < height)
		draw_item_head(w, y++, &c);
	scroll_to_row(t, height - y, true);
	for (size_t i = t->top; i < t->n_rows && y < height; i++) {
		const lz_item *it = t->rows[i];
		draw_item_row(app, w, y++, &c, width, it, i == t->row, t->focus_items);
		if (it->n_log && y < height)
			draw_note_line(w, y++, x0, width, it);
	}
}

static void draw_ledger(ui_app *app, tasks_state *t, WINDOW *w, int height, int width)
{
	size_t late = 0;
	for (size_t i = 0; i < t->n_rows; i++)
		late += lz_item_late(app->db.plan, t->rows[i], app->as_of);
	char head[256];
	if (t->late_only)
		snprintf(head, sizeof head,
			 _("Rectification ledger (整改台账), late only: %zu   (f all, z back)"), t->n_rows);
	else
		snprintf(head, sizeof head,
			 dngettext(LZ_GETTEXT_PACKAGE, "Rectification ledger (整改台账): %zu item, %zu late   (f late only, z back)", "Rectification ledger (整改台账): %zu items, %zu late   (f late only, z back)", t->n_rows),
			 t->n_rows, late);
	ui_put_cut(w, 0, 0, head, width, late ? S_WARN : S_HEADER);
	if (!t->n_rows) {
		ui_put(w, 2, 0, _("No rectification items: an item whose source names an inspection "
				  "(巡察, 巡视, 审计, 督查) is one."),
		       width, S_DIM);
		return;
	}
	item_cols c = layout(app->db.plan, 0, width, true, due_outside_year(app, t));
	draw_item_head(w, 1, &c);
	int y = 2;
	scroll_to_row(t, height - y, false);
	for (size_t i = t->top; i < t->n_rows && y < height; i++)
		draw_item_row(app, w, y++, &c, width, t->rows[i], i == t->row, true);
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	tasks_state *t = state(app);
	sync(app, t);
	if (t->view == V_MATRIX) {
		ui_matrix_draw(&t->matrix, app, w, height, width, t->late_only);
		return;
	}
	if (t->view == V_LEDGER) {
		draw_ledger(app, t, w, height, width);
		return;
	}
	int left = width * 2 / 5;
	if (left > 40)
		left = 40;
	draw_left(app, t, w, height, left);
	mvwvline(w, 0, left + 1, ACS_VLINE, height);
	draw_right(app, t, w, left + 3, height, width - left - 3);
}

static void set_view(ui_app *app, tasks_state *t, tasks_view v)
{
	t->view = v;
	t->row = t->top = 0;
	build_rows(app, t);
}

static void select_task(ui_app *app, tasks_state *t, size_t task)
{
	if (task == t->selected)
		return;
	t->selected = task;
	t->row = t->top = 0;
	build_rows(app, t);
}

/* After a form or question: every pane reads again; this one selects the
 * item (when it is still there). */
static void written(ui_app *app, tasks_state *t, lz_id id)
{
	ui_panes_reload(app);
	t->want = id;
}

/* The pane's views, for its keys: the matrix, the ledger, and whether
 * the keys act on an item list (the task's, or the ledger) or on the
 * tasks; and late items only. */
enum { T_MATRIX = 1 << 0, T_LEDGER = 1 << 1, T_LIST = 1 << 2, T_LATE = 1 << 3 };

static unsigned mode(ui_app *app)
{
	tasks_state *t = state(app);
	sync(app, t);
	return (t->view == V_MATRIX ? T_MATRIX : 0) | (t->view == V_LEDGER ? T_LEDGER | T_LIST : 0) |
	       (t->view == V_TASKS && t->focus_items ? T_LIST : 0) | (t->late_only ? T_LATE : 0);
}

/* A new item: under the selected task; in the ledger, like the selected
 * row. */
static int add_item(ui_app *app)
{
	tasks_state *t = state(app);
	const lz_item *it = t->n_rows ? t->rows[t->row] : NULL;
	bool ledger = t->view == V_LEDGER && it;
	int task = ledger ? it->task : app->db.plan->tasks[t->selected].number;
	lz_id saved = 0;
	/* The keys stay where she was: after adding from the task list, ↓
	 * goes on to the next task (the new item is selected in its list). */
	if (ui_item_form(app, 0, task, ledger ? it->source : NULL, &saved))
		written(app, t, saved);
	return UI_DIRTY_ALL;
}

/* Edit, delete, note or re-status the selected item, the same in the
 * task's list and the ledger. */
static int on_item(ui_app *app)
{
	ui_action a = app->action;
	tasks_state *t = state(app);
	if (!t->n_rows) {
		ui_set_message(app, false, "%s", _("No item selected: F2 or a adds one."));
		return UI_DIRTY_ALL;
	}
	const lz_item *it = t->rows[t->row];
	lz_id id = it->meta.id;
	uint32_t version = it->meta.version;
	/* Read again even when nothing was written: a save refused because
	 * the item changed elsewhere should leave that change on the screen. */
	switch (a) {
	case ACT_DELETE: ui_item_delete(app, id, version); break;
	case ACT_NOTE: ui_item_note(app, id); break;
	case ACT_STATUS: ui_item_status(app, id, version); break;
	default: ui_item_form(app, id, 0, NULL, NULL); break;
	}
	written(app, t, id);
	return UI_DIRTY_ALL;
}

/* Moves in the item list in view. */
static int row_step(ui_app *app)
{
	ui_action a = app->action;
	tasks_state *t = state(app);
	t->row = ui_list_step(t->row, t->n_rows, 10, a);
	return UI_DIRTY_PANE;
}

/* Moves in the task list. */
static int task_step(ui_app *app)
{
	ui_action a = app->action;
	tasks_state *t = state(app);
	select_task(app, t, ui_list_step(t->selected, app->db.plan->n_tasks, 5, a));
	return UI_DIRTY_PANE;
}

static int to_items(ui_app *app)
{
	tasks_state *t = state(app);
	if (t->n_rows)
		t->focus_items = true;
	else
		ui_set_message(app, false, "%s", _("No items yet: F2 or a adds one."));
	return UI_DIRTY_ALL;
}

static int to_tasks(ui_app *app)
{
	tasks_state *t = state(app);
	if (t->view == V_TASKS)
		t->focus_items = false;
	else
		set_view(app, t, V_TASKS);
	return UI_DIRTY_ALL;
}

static int to_matrix(ui_app *app)
{
	set_view(app, state(app), V_MATRIX);
	return UI_DIRTY_ALL;
}

static int toggle_ledger(ui_app *app)
{
	tasks_state *t = state(app);
	set_view(app, t, t->view == V_LEDGER ? V_TASKS : V_LEDGER);
	return UI_DIRTY_ALL;
}

static int toggle_late(ui_app *app)
{
	tasks_state *t = state(app);
	t->late_only = !t->late_only;
	t->row = t->top = 0;
	build_rows(app, t);
	return UI_DIRTY_ALL;
}

static int matrix_move(ui_app *app)
{
	ui_action a = app->action;
	ui_matrix_move(&state(app)->matrix, a);
	return UI_DIRTY_PANE;
}

/* The cell's task, on the owner's first item there. */
static int open_cell(ui_app *app)
{
	tasks_state *t = state(app);
	const char *owner = ui_matrix_owner(&t->matrix);
	t->view = V_TASKS;
	t->selected = t->matrix.col;
	t->row = t->top = 0;
	build_rows(app, t);
	for (size_t i = 0; owner && i < t->n_rows; i++) {
		const char *o = t->rows[i]->owner ? t->rows[i]->owner : "";
		if (strcmp(o, owner) == 0) {
			t->row = i;
			break;
		}
	}
	t->focus_items = t->n_rows > 0;
	return UI_DIRTY_ALL;
}

static const ui_key keys[] = {
	{.acts = {ACT_UP, ACT_DOWN}, .unless = T_MATRIX | T_LIST, .run = task_step,
	 .help = N_("choose a task; in the item list, an item")},
	{.acts = {ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END}, .unless = T_MATRIX | T_LIST,
	 .run = task_step, .help = N_("a page up / down, the first / the last")},
	{.acts = {ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN}, .when = T_LIST, .run = row_step},
	{.acts = {ACT_HOME, ACT_END}, .when = T_LIST, .run = row_step},
	{.acts = {ACT_ENTER, ACT_RIGHT}, .unless = T_MATRIX | T_LIST, .run = to_items,
	 .help = N_("to the task's items (Esc ← back); Enter there edits")},
	{.acts = {ACT_ESCAPE, ACT_LEFT}, .when = T_LIST, .unless = T_LEDGER, .run = to_tasks},
	{.acts = {ACT_ESCAPE}, .when = T_LEDGER, .run = to_tasks},
	{.acts = {ACT_ENTER}, .when = T_LIST, .run = on_item},
	/* On the matrix. */
	{.acts = {ACT_LEFT, ACT_UP, ACT_DOWN, ACT_RIGHT}, .when = T_MATRIX, .run = matrix_move,
	 .bar = N_("Cell")},
	{.acts = {ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END}, .when = T_MATRIX,
	 .run = matrix_move},
	{.acts = {ACT_ENTER}, .when = T_MATRIX, .run = open_cell, .bar = N_("Open")},
	{.acts = {ACT_ESCAPE}, .when = T_MATRIX, .run = to_tasks},
	/* The items, from the task list, the item list or the ledger. */
	{.acts = {ACT_ADD}, .unless = T_MATRIX, .run = add_item, .bar = N_("New"),
	 .help = N_("new item under the selected task")},
	{.acts = {ACT_EDIT}, .unless = T_MATRIX, .run = on_item, .bar = N_("Edit"),
	 .help = N_("edit the selected item")},
	{.acts = {ACT_DELETE}, .unless = T_MATRIX, .run = on_item, .bar = N_("Delete"),
	 .help = N_("delete the selected item (asks first)")},
	{.acts = {ACT_NOTE}, .unless = T_MATRIX, .run = on_item, .bar = N_("Progress"),
	 .help = N_("add a dated progress note to the selected item")},
	{.acts = {ACT_STATUS}, .unless = T_MATRIX, .run = on_item, .bar = N_("Status"),
	 .help = N_("change the selected item's status")},
	/* The views; f names what it switches to. */
	{.acts = {ACT_LATE_ONLY}, .unless = T_LATE, .run = toggle_late, .bar = N_("Late"),
	 .help = N_("late items only / all items")},
	{.acts = {ACT_LATE_ONLY}, .when = T_LATE, .run = toggle_late, .bar = N_("All")},
	{.acts = {ACT_MAP}, .unless = T_MATRIX | T_LEDGER, .run = to_matrix, .bar = N_("Matrix"),
	 .help = N_("person × task matrix (Enter opens the cell's task, m back)")},
	{.acts = {ACT_MAP}, .when = T_LEDGER, .run = to_matrix},
	{.acts = {ACT_LEDGER}, .unless = T_LEDGER, .run = toggle_ledger, .bar = N_("Ledger"),
	 .help = N_("rectification ledger (整改台账): items from inspection feedback")},
	{.acts = {ACT_LEDGER}, .when = T_LEDGER, .run = toggle_ledger, .bar = N_("Back")},
	{.acts = {ACT_MAP}, .when = T_MATRIX, .run = to_tasks, .bar = N_("Back")},
	/* The program's keys used here every day, last on the bar. */
	{.acts = {ACT_VIEW}, .unless = T_MATRIX, .bar = N_("View")},
	{.acts = {ACT_SEARCH}, .unless = T_MATRIX, .bar = N_("Search")},
	{.acts = {ACT_HISTORY}, .unless = T_MATRIX, .bar = N_("History")},
	{.acts = {ACT_UNDO}, .unless = T_MATRIX, .bar = N_("Undo")},
};

void ui_tasks_select(ui_app *app, int task_number, lz_id item)
{
	tasks_state *t = state(app);
	const lz_task *task = lz_plan_task(app->db.plan, task_number);
	t->view = V_TASKS;
	t->late_only = false;
	t->focus_items = item != 0;
	t->row = t->top = 0;
	if (task)
		t->selected = (size_t)(task - app->db.plan->tasks);
	t->want = item;
	if (t->loaded) {
		if (item)
			select_wanted(app, t);
		else
			build_rows(app, t);
	}
}

static void release(ui_app *app)
{
	tasks_state *t = app->tasks;
	if (!t)
		return;
	lz_arena_free(&t->arena);
	ui_matrix_free(&t->matrix);
	free(t->items);
	free(t->rows);
	free(t->counts);
	free(t);
	app->tasks = NULL;
}

static bool selected(ui_app *app, lz_kind *kind, lz_id *id, const char **name)
{
	tasks_state *t = state(app);
	if (!t->loaded || (t->view == V_TASKS && !t->focus_items) || t->view == V_MATRIX ||
	    t->row >= t->n_rows)
		return false;
	*kind = LZ_KIND_ITEM;
	*id = t->rows[t->row]->meta.id;
	*name = t->rows[t->row]->title;
	return true;
}

const ui_pane ui_tasks_pane = UI_RECORD_PANE(N_("Responsibilities"), N_("Responsibilities:"));
