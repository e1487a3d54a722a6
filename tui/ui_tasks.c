/* 责任分工 (responsibilities): the plan's sections and tasks on the left,
 * each with a compact progress mark (items closed / total, ! when one is
 * late); on the right the selected task's full text wrapped by display
 * width, the roles the plan assigns to it, and its items with owner,
 * deadline, status and latest progress note, late ones marked. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "ui.h"

typedef struct task_count {
	int total, closed, late;
} task_count;

typedef struct tasks_state {
	bool loaded;
	size_t selected;      /* task index */
	lz_arena arena;       /* the selected task's items */
	const lz_item **items;
	size_t n_items, cap;
	size_t items_task;    /* the task whose items are loaded, or -1 */
	task_count *counts;   /* per task */
} tasks_state;

static tasks_state *state(ui_app *app)
{
	if (!app->tasks) {
		tasks_state *t = calloc(1, sizeof *t);
		if (!t)
			abort();
		t->items_task = (size_t)-1;
		app->tasks = t;
	}
	return app->tasks;
}

typedef struct count_ctx {
	ui_app *app;
	tasks_state *t;
	lz_arena *arena;
} count_ctx;

static bool count_item(const lz_record *r, void *ctx)
{
	count_ctx *c = ctx;
	const lz_plan *plan = c->app->db.plan;
	const lz_task *task = lz_plan_task(plan, r->u.item.task);
	if (task) {
		task_count *n = &c->t->counts[task - plan->tasks];
		const lz_item_status *st = lz_plan_item_status(plan, r->u.item.status);
		bool closed = st && st->closes;
		n->total++;
		n->closed += closed;
		n->late += !closed && r->u.item.due != LZ_NO_DAY && r->u.item.due < c->app->today;
	}
	lz_arena_free(c->arena);
	return true;
}

static bool keep_item(const lz_record *r, void *ctx)
{
	tasks_state *t = ctx;
	if (t->n_items == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->items = realloc(t->items, t->cap * sizeof *t->items);
		if (!t->items)
			abort();
	}
	t->items[t->n_items++] = &r->u.item;
	return true;
}

static void load(ui_app *app, tasks_state *t)
{
	const lz_plan *plan = app->db.plan;
	free(t->counts);
	t->counts = calloc(plan->n_tasks + 1, sizeof *t->counts);
	if (!t->counts)
		abort();
	lz_arena scratch = {0};
	count_ctx c = {app, t, &scratch};
	lz_err err;
	if (lz_store_items_by_task(app->db.store, 0, &scratch, count_item, &c, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	lz_arena_free(&scratch);
	t->items_task = (size_t)-1;
	t->loaded = true;
}

static void load_items(ui_app *app, tasks_state *t)
{
	lz_arena_free(&t->arena);
	t->n_items = 0;
	t->items_task = t->selected;
	lz_err err;
	if (lz_store_items_by_task(app->db.store, app->db.plan->tasks[t->selected].number, &t->arena,
				   keep_item, t, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
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
			if (sel)
				ui_fill(w, y, 0, width, S_SELECTED);
			char label[512];
			snprintf(label, sizeof label, "%s%2d %s", sel ? "▶" : " ", task->number, task->title);
			int mw = lz_text_width(mark);
			ui_put_cut(w, y, 0, label, width - mw - 1, sel ? S_SELECTED : S_NORMAL);
			ui_put(w, y, width - mw, mark, mw,
			       sel ? S_SELECTED : n->late ? S_WARN : n->total && n->closed == n->total ? S_OK : S_DIM);
			y++;
		}
	}
}

/* Wraps text by display width into rows starting at y; returns the next y. */
static int draw_wrapped(WINDOW *w, int y, int x, int width, int bottom, const char *text,
			ui_style style)
{
	size_t len = strlen(text), off = 0;
	while (off < len && y < bottom) {
		size_t fit = lz_text_fit(text + off, len - off, width, NULL);
		if (!fit)
			break;
		ui_putn(w, y++, x, text + off, fit, width, style);
		off += fit;
	}
	return y;
}

static void draw_right(ui_app *app, tasks_state *t, WINDOW *w, int x0, int height, int width)
{
	const lz_plan *plan = app->db.plan;
	const lz_task *task = &plan->tasks[t->selected];
	char head[512];
	snprintf(head, sizeof head, "%d. %s", task->number, task->title);
	int y = draw_wrapped(w, 0, x0, width, height, head, S_HEADER);
	/* The full text takes at most half the height; the items the rest. */
	int text_bottom = y + (height - y) / 2;
	y = draw_wrapped(w, y, x0, width, text_bottom, task->text, S_NORMAL);
	if (task->n_roles && y < height) {
		char roles[512] = "";
		size_t len = (size_t)snprintf(roles, sizeof roles, "%s", _("Responsibility: "));
		for (size_t r = 0; r < task->n_roles && len < sizeof roles; r++)
			len += (size_t)snprintf(roles + len, sizeof roles - len, "%s%s", r ? " · " : "",
						plan->roles[task->roles[r]].name);
		y = draw_wrapped(w, y, x0, width, height, roles, S_DIM);
	}
	if (y < height)
		mvwhline(w, y++, x0, ACS_HLINE, width);
	if (t->items_task != t->selected)
		load_items(app, t);
	if (!t->n_items) {
		if (y < height)
			ui_put(w, y, x0, _("No items yet: 'lianzheng item add --task N' records one."), width, S_DIM);
		return;
	}
	for (size_t i = 0; i < t->n_items && y < height; i++) {
		const lz_item *it = t->items[i];
		const lz_item_status *st = lz_plan_item_status(plan, it->status);
		bool closed = st && st->closes;
		bool late = !closed && it->due != LZ_NO_DAY && it->due < app->today;
		char due[LZ_DATE_STRLEN] = "", line[1024];
		if (it->due != LZ_NO_DAY)
			lz_day_format(it->due, due);
		snprintf(line, sizeof line, "%s %s  %s  %s  %s", late ? "!" : " ", it->title,
			 it->owner ? it->owner : "", *due ? due + 5 : "", st ? st->name : it->status);
		ui_put_cut(w, y++, x0, line, width, late ? S_WARN : S_NORMAL);
		if (it->n_log && y < height) {
			const lz_note *note = &it->log[it->n_log - 1];
			char d[LZ_DATE_STRLEN], nl[1024];
			lz_day_format(note->date, d);
			snprintf(nl, sizeof nl, "    %s %s", d + 5, note->text);
			ui_put_cut(w, y++, x0, nl, width, S_DIM);
		}
	}
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	tasks_state *t = state(app);
	if (!t->loaded)
		load(app, t);
	int left = width * 2 / 5;
	if (left > 40)
		left = 40;
	draw_left(app, t, w, height, left);
	mvwvline(w, 0, left + 1, ACS_VLINE, height);
	draw_right(app, t, w, left + 3, height, width - left - 3);
}

static int handle(ui_app *app, ui_action a)
{
	tasks_state *t = state(app);
	size_t n = app->db.plan->n_tasks;
	switch (a) {
	case ACT_UP: if (t->selected > 0) t->selected--; break;
	case ACT_DOWN: if (t->selected + 1 < n) t->selected++; break;
	case ACT_HOME: t->selected = 0; break;
	case ACT_END: t->selected = n - 1; break;
	case ACT_PAGE_UP: t->selected = t->selected > 5 ? t->selected - 5 : 0; break;
	case ACT_PAGE_DOWN: t->selected = t->selected + 5 < n ? t->selected + 5 : n - 1; break;
	default: return UI_DIRTY_NONE;
	}
	return UI_DIRTY_PANE;
}

void ui_tasks_select(ui_app *app, int task_number)
{
	const lz_task *t = lz_plan_task(app->db.plan, task_number);
	if (t)
		state(app)->selected = (size_t)(t - app->db.plan->tasks);
}

static void release(ui_app *app)
{
	tasks_state *t = app->tasks;
	if (!t)
		return;
	lz_arena_free(&t->arena);
	free(t->items);
	free(t->counts);
	free(t);
	app->tasks = NULL;
}

const ui_pane ui_tasks_pane = {
	.title = N_("Responsibilities"),
	.draw = draw,
	.handle = handle,
	.reload = reload,
	.release = release,
};
