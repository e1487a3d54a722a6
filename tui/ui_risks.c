/* 风险点 (risk points): the register sorted by level (most severe first)
 * then next review date, coloured by level, with points past their review
 * date marked and counted; a 5×5 likelihood × impact heat map with the
 * count in each cell, where a selected cell filters the table; and the
 * selected point's description, measures and review log. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "ui.h"

typedef struct risks_state {
	bool loaded;
	lz_arena arena;
	const lz_risk **all;
	size_t n_all, cap;
	const lz_risk **shown;  /* after the heat-map filter */
	size_t n_shown;
	size_t selected;
	int cell_l, cell_i;     /* the heat map's cursor, 1..5 */
	bool filter;            /* the table shows only the cursor's cell */
	bool on_map;            /* arrows move on the heat map */
	int counts[6][6];
	size_t overdue;
} risks_state;

static risks_state *state(ui_app *app)
{
	if (!app->risks) {
		risks_state *r = calloc(1, sizeof *r);
		if (!r)
			abort();
		r->cell_l = r->cell_i = 3;
		app->risks = r;
	}
	return app->risks;
}

static bool keep(const lz_record *rec, void *ctx)
{
	risks_state *r = ctx;
	if (r->n_all == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->all = realloc(r->all, r->cap * sizeof *r->all);
		if (!r->all)
			abort();
	}
	r->all[r->n_all++] = &rec->u.risk;
	return true;
}

static const lz_plan *sort_plan;

static size_t rank(const char *level)
{
	for (size_t i = 0; i < sort_plan->n_risk_levels; i++)
		if (strcmp(sort_plan->risk_levels[i].id, level) == 0)
			return i;
	return sort_plan->n_risk_levels;
}

static int by_level_then_review(const void *a, const void *b)
{
	const lz_risk *x = *(const lz_risk *const *)a, *y = *(const lz_risk *const *)b;
	size_t rx = rank(x->level), ry = rank(y->level);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->review != y->review)
		return x->review < y->review ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static void apply_filter(risks_state *r)
{
	r->n_shown = 0;
	for (size_t i = 0; i < r->n_all; i++)
		if (!r->filter || (r->all[i]->likelihood == r->cell_l && r->all[i]->impact == r->cell_i))
			r->shown[r->n_shown++] = r->all[i];
	if (r->selected >= r->n_shown)
		r->selected = r->n_shown ? r->n_shown - 1 : 0;
}

static void load(ui_app *app, risks_state *r)
{
	lz_arena_free(&r->arena);
	r->n_all = 0;
	lz_err err;
	if (lz_store_scan(app->db.store, LZ_KIND_RISK, &r->arena, keep, r, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	sort_plan = app->db.plan;
	if (r->n_all > 1)
		qsort(r->all, r->n_all, sizeof *r->all, by_level_then_review);
	free(r->shown);
	r->shown = malloc((r->n_all + 1) * sizeof *r->shown);
	if (!r->shown)
		abort();
	memset(r->counts, 0, sizeof r->counts);
	r->overdue = 0;
	for (size_t i = 0; i < r->n_all; i++) {
		const lz_risk *x = r->all[i];
		if (x->likelihood >= 1 && x->likelihood <= 5 && x->impact >= 1 && x->impact <= 5)
			r->counts[x->likelihood][x->impact]++;
		r->overdue += x->review != LZ_NO_DAY && x->review < app->today;
	}
	apply_filter(r);
	r->loaded = true;
}

static void reload(ui_app *app)
{
	state(app)->loaded = false;
}

size_t ui_risks_overdue(ui_app *app)
{
	risks_state *r = state(app);
	if (!r->loaded)
		load(app, r);
	return r->overdue;
}

static ui_style level_style(const lz_plan *plan, const char *level)
{
	/* Most severe in red, then yellow, the rest plain. */
	size_t k = 0;
	while (k < plan->n_risk_levels && strcmp(plan->risk_levels[k].id, level) != 0)
		k++;
	return k == 0 ? S_WARN : k == 1 ? S_TYPE0 + 2 : S_NORMAL;
}

static void draw_map(risks_state *r, WINDOW *w, int y0, int x0)
{
	ui_put(w, y0, x0, _("Likelihood × impact"), 24, S_HEADER);
	ui_put(w, y0 + 1, x0, _("L\\I  1  2  3  4  5"), 24, S_DIM);
	for (int l = 5; l >= 1; l--) {
		int y = y0 + 2 + (5 - l);
		char head[8];
		snprintf(head, sizeof head, "%d", l);
		ui_put(w, y, x0 + 1, head, 2, S_DIM);
		for (int i = 1; i <= 5; i++) {
			char cell[8];
			int n = r->counts[l][i];
			snprintf(cell, sizeof cell, n ? "%2d" : " ·", n);
			bool cursor = r->on_map && l == r->cell_l && i == r->cell_i;
			bool chosen = r->filter && l == r->cell_l && i == r->cell_i;
			ui_style st = cursor || chosen ? S_SELECTED : l * i >= 15 ? S_WARN
				    : l * i >= 8 ? S_TYPE0 + 2 : S_NORMAL;
			ui_put(w, y, x0 + 2 + i * 3, cell, 2, st);
		}
	}
	ui_put(w, y0 + 8, x0, r->filter ? _("m: map  Enter: all") : _("m: choose a cell"), 24, S_DIM);
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	risks_state *r = state(app);
	if (!r->loaded)
		load(app, r);
	const lz_plan *plan = app->db.plan;
	int map_w = 24, table_w = width - map_w - 2;
	char head[160];
	snprintf(head, sizeof head, _("Risk points: %zu, past their review date: %zu%s"), r->n_all,
		 r->overdue, r->filter ? _(" (filtered by the heat map)") : "");
	ui_put(w, 0, 0, head, table_w, r->overdue ? S_WARN : S_HEADER);
	/* The table takes the upper part; the selected point's detail below. */
	int rows = (height - 2) / 2;
	if (rows < 3)
		rows = height - 2;
	size_t first = r->selected >= (size_t)rows ? r->selected - (size_t)rows + 1 : 0;
	for (size_t i = first; i < r->n_shown && (int)(i - first) < rows; i++) {
		const lz_risk *x = r->shown[i];
		const lz_risk_level *lv = lz_plan_risk_level(plan, x->level);
		bool late = x->review != LZ_NO_DAY && x->review < app->today;
		bool sel = !r->on_map && i == r->selected;
		char rev[LZ_DATE_STRLEN] = "", line[1024];
		if (x->review != LZ_NO_DAY)
			lz_day_format(x->review, rev);
		snprintf(line, sizeof line, "%s %-4s %s · %s  %s  %s%s", late ? "!" : " ",
			 lv ? lv->name : x->level, x->post, x->link, x->desc, *rev ? rev + 5 : "",
			 x->owner && *x->owner ? "" : "");
		int y = 1 + (int)(i - first);
		if (sel)
			ui_fill(w, y, 0, table_w, S_SELECTED);
		ui_put_cut(w, y, 0, line, table_w, sel ? S_SELECTED : late ? S_WARN : level_style(plan, x->level));
	}
	if (!r->n_shown)
		ui_put(w, 1, 0, r->filter ? _("No risk points in this cell; Enter shows all.")
					  : _("No risk points: 'lianzheng risk add' records one."),
		       table_w, S_DIM);
	mvwvline(w, 0, table_w + 1, ACS_VLINE, height);
	draw_map(r, w, 0, table_w + 2);
	/* Detail of the selected point. */
	int y = rows + 2;
	if (y < height)
		mvwhline(w, y - 1, 0, ACS_HLINE, table_w);
	if (!r->n_shown || y >= height)
		return;
	const lz_risk *x = r->shown[r->selected];
	struct { const char *label, *value; } lines[] = {
		{_("Risk"), x->desc}, {_("Measures"), x->measures}, {_("Owner"), x->owner},
		{_("Status"), x->status},
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines && y < height; i++) {
		if (!lines[i].value || !*lines[i].value)
			continue;
		int lw = ui_put(w, y, 0, lines[i].label, 10, S_HEADER) + 1;
		ui_put_cut(w, y++, lw + 1, lines[i].value, table_w - lw - 1, S_NORMAL);
	}
	for (size_t i = x->n_log; i > 0 && y < height; i--) {
		const lz_review *rv = &x->log[i - 1];
		char d[LZ_DATE_STRLEN], line[1024];
		lz_day_format(rv->date, d);
		snprintf(line, sizeof line, "%s %s", d, rv->result);
		ui_put_cut(w, y++, 2, line, table_w - 2, S_DIM);
	}
}

static int handle(ui_app *app, ui_action a)
{
	risks_state *r = state(app);
	if (r->on_map) {
		switch (a) {
		case ACT_UP: if (r->cell_l < 5) r->cell_l++; return UI_DIRTY_PANE;
		case ACT_DOWN: if (r->cell_l > 1) r->cell_l--; return UI_DIRTY_PANE;
		case ACT_LEFT: if (r->cell_i > 1) r->cell_i--; return UI_DIRTY_PANE;
		case ACT_RIGHT: if (r->cell_i < 5) r->cell_i++; return UI_DIRTY_PANE;
		case ACT_ENTER:
			r->filter = true;
			r->on_map = false;
			r->selected = 0;
			apply_filter(r);
			return UI_DIRTY_PANE;
		case ACT_ESCAPE:
		case ACT_MAP:
			r->on_map = false;
			return UI_DIRTY_PANE;
		default:
			return UI_DIRTY_NONE;
		}
	}
	switch (a) {
	case ACT_UP: if (r->selected > 0) r->selected--; return UI_DIRTY_PANE;
	case ACT_DOWN: if (r->selected + 1 < r->n_shown) r->selected++; return UI_DIRTY_PANE;
	case ACT_HOME: r->selected = 0; return UI_DIRTY_PANE;
	case ACT_END: r->selected = r->n_shown ? r->n_shown - 1 : 0; return UI_DIRTY_PANE;
	case ACT_MAP: r->on_map = true; return UI_DIRTY_PANE;
	case ACT_ENTER:
	case ACT_ESCAPE:
		if (r->filter) {
			r->filter = false;
			apply_filter(r);
		}
		return UI_DIRTY_PANE;
	default:
		return UI_DIRTY_NONE;
	}
}

static void release(ui_app *app)
{
	risks_state *r = app->risks;
	if (!r)
		return;
	lz_arena_free(&r->arena);
	free(r->all);
	free(r->shown);
	free(r);
	app->risks = NULL;
}

const ui_pane ui_risks_pane = {
	.title = N_("Risk points"),
	.draw = draw,
	.handle = handle,
	.reload = reload,
	.release = release,
};
