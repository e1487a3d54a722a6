/* 风险点 (risk points): the register sorted by level (most severe first)
 * then next review date, coloured by level, with points past their review
 * date marked and counted; a 5×5 likelihood × impact heat map with the
 * count in each cell, where a selected cell filters the table; and the
 * selected point's description, measures and review log.  Points are
 * added, edited, reviewed and deleted here (ui_risk_form.c). */
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
	size_t selected, top;
	lz_id want;             /* a point to select once read */
	int cell_l, cell_i;     /* the heat map's cursor, 1..5 */
	bool filter;            /* the table shows only one cell's points: */
	int filter_l, filter_i;
	bool on_map;            /* arrows move on the heat map */
	int counts[6][6];
	size_t overdue;
} risks_state;

static risks_state *state(ui_app *app)
{
	static const risks_state initial = {.cell_l = 3, .cell_i = 3};
	return ui_pane_state(&app->risks, sizeof initial, &initial);
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
		if (!r->filter || (r->all[i]->likelihood == r->filter_l && r->all[i]->impact == r->filter_i))
			r->shown[r->n_shown++] = r->all[i];
	if (r->selected >= r->n_shown)
		r->selected = r->n_shown ? r->n_shown - 1 : 0;
}

/* Selects the wanted point, showing the whole table when the filter hides it. */
static void select_wanted(risks_state *r)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < r->n_shown; i++)
			if (r->shown[i]->meta.id == r->want) {
				r->selected = i;
				r->want = 0;
				return;
			}
		if (!r->filter)
			break;
		r->filter = false;
		apply_filter(r);
	}
	r->want = 0;
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
		r->overdue += x->review != LZ_NO_DAY && x->review < app->as_of;
	}
	apply_filter(r);
	if (r->want)
		select_wanted(r);
	r->loaded = true;
}

static void sync(ui_app *app, risks_state *r)
{
	if (!r->loaded)
		load(app, r);
}

static void reload(ui_app *app)
{
	state(app)->loaded = false;
}

size_t ui_risks_overdue(ui_app *app)
{
	risks_state *r = state(app);
	sync(app, r);
	return r->overdue;
}

void ui_risks_select(ui_app *app, lz_id id)
{
	risks_state *r = state(app);
	r->on_map = false;
	r->want = id;
	if (r->loaded)
		select_wanted(r);
}

static ui_style level_style(const lz_plan *plan, const char *level)
{
	/* Most severe in red, then yellow, the rest plain. */
	size_t k = 0;
	while (k < plan->n_risk_levels && strcmp(plan->risk_levels[k].id, level) != 0)
		k++;
	return k == 0 ? S_WARN : k == 1 ? S_TYPE0 + 2 : S_NORMAL;
}

enum { MAP_W = 24 };

static void draw_map(risks_state *r, WINDOW *w, int y0, int x0)
{
	ui_put(w, y0, x0, _("Likelihood × impact"), MAP_W, S_HEADER);
	/* Likelihood up the rows, impact across; the labels are digits so
	 * the cells line up under them in any language. */
	for (int i = 1; i <= 5; i++) {
		char head[8];
		snprintf(head, sizeof head, "%2d", i);
		ui_put(w, y0 + 1, x0 + 2 + i * 3, head, 2, S_DIM);
	}
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
			bool chosen = r->filter && l == r->filter_l && i == r->filter_i;
			ui_style st = cursor || chosen ? S_SELECTED : l * i >= 15 ? S_WARN
				    : l * i >= 8 ? S_TYPE0 + 2 : S_NORMAL;
			ui_put(w, y, x0 + 2 + i * 3, cell, 2, st);
		}
	}
	ui_put(w, y0 + 7, x0, _("↑ likelihood  → impact"), MAP_W, S_DIM);
	const char *hint = r->on_map ? _("Enter: filter  m: back")
			 : r->filter ? _("Esc: all  m: map") : _("m: choose a cell");
	ui_put(w, y0 + 8, x0, hint, MAP_W, S_DIM);
}

/* The table's columns; owner and status only when there is room. */
typedef struct risk_cols {
	int level, post, link, desc, owner, review, status;
	int level_w, post_w, link_w, desc_w, owner_w, review_w, status_w;
} risk_cols;

/* Whether a review date shown falls outside the year in view: "03-01"
 * would then read as this year's. */
static bool review_outside_year(const ui_app *app, const risks_state *r)
{
	for (size_t i = 0; i < r->n_shown; i++)
		if (ui_day_outside_year(app, r->shown[i]->review))
			return true;
	return false;
}

static risk_cols layout(const lz_plan *plan, int width, bool whole_dates)
{
	/* Post and link get six Chinese characters when there is room. */
	bool wide = width >= 70;
	risk_cols c = {.post_w = wide ? 12 : 8, .link_w = wide ? 12 : 10, .owner_w = 6, .status_w = 4,
		       .level_w = lz_text_width(_("Level")), .review_w = lz_text_width(_("Review on"))};
	if (c.review_w < (whole_dates ? 10 : 5))
		c.review_w = whole_dates ? 10 : 5;
	/* A status by its name (未开始), not cut to its first character. */
	for (size_t i = 0; i < plan->n_item_statuses; i++) {
		int sw = lz_text_width(plan->item_statuses[i].name);
		if (sw > c.status_w && sw <= 8)
			c.status_w = sw;
	}
	for (size_t i = 0; i < plan->n_risk_levels; i++) {
		int lw = lz_text_width(plan->risk_levels[i].name);
		if (lw > c.level_w)
			c.level_w = lw;
	}
	int fixed = 2 + c.level_w + c.post_w + c.link_w + c.review_w + 5;
	if (width - fixed - c.owner_w - c.status_w - 2 < 24)
		c.owner_w = c.status_w = 0;
	c.desc_w = width - fixed - (c.owner_w ? c.owner_w + c.status_w + 2 : 0);
	c.level = 2;
	c.post = c.level + c.level_w + 1;
	c.link = c.post + c.post_w + 1;
	c.desc = c.link + c.link_w + 1;
	c.owner = c.desc + c.desc_w + 1;
	c.review = c.owner_w ? c.owner + c.owner_w + 1 : c.desc + c.desc_w + 1;
	c.status = c.review + c.review_w + 1;
	return c;
}

static void draw_table(ui_app *app, risks_state *r, WINDOW *w, int y0, int rows, int width)
{
	const lz_plan *plan = app->db.plan;
	risk_cols c = layout(plan, width, review_outside_year(app, r));
	ui_put(w, y0, c.level, _("Level"), c.level_w, S_DIM);
	ui_put(w, y0, c.post, _("Post"), c.post_w, S_DIM);
	ui_put(w, y0, c.link, _("Link"), c.link_w, S_DIM);
	ui_put(w, y0, c.desc, _("Risk"), c.desc_w, S_DIM);
	if (c.owner_w) {
		ui_put(w, y0, c.owner, _("Owner"), c.owner_w, S_DIM);
		ui_put(w, y0, c.status, _("Status"), c.status_w, S_DIM);
	}
	ui_put(w, y0, c.review, _("Review on"), c.review_w, S_DIM);
	if (r->top > r->selected)
		r->top = r->selected;
	if (r->selected >= r->top + (size_t)rows)
		r->top = r->selected - (size_t)rows + 1;
	for (size_t i = r->top; i < r->n_shown && (int)(i - r->top) < rows; i++) {
		const lz_risk *x = r->shown[i];
		const lz_risk_level *lv = lz_plan_risk_level(plan, x->level);
		bool late = x->review != LZ_NO_DAY && x->review < app->as_of;
		bool sel = i == r->selected;
		int y = y0 + 1 + (int)(i - r->top);
		ui_style st = sel && !r->on_map ? S_SELECTED : late ? S_WARN : level_style(plan, x->level);
		if (sel && !r->on_map)
			ui_fill(w, y, 0, width, S_SELECTED);
		ui_put(w, y, 0, sel && r->on_map ? "›" : " ", 1, S_HEADER);
		ui_put(w, y, 1, late ? "!" : " ", 1, st);
		ui_put(w, y, c.level, lv ? lv->name : x->level, c.level_w, st);
		ui_put_cut(w, y, c.post, x->post, c.post_w, st);
		ui_put_cut(w, y, c.link, x->link, c.link_w, st);
		ui_put_cut(w, y, c.desc, x->desc, c.desc_w, st);
		if (c.owner_w) {
			ui_put_cut(w, y, c.owner, x->owner, c.owner_w, st);
			const lz_item_status *status = lz_plan_item_status(plan, x->status);
			ui_put_cut(w, y, c.status, status ? status->name : x->status, c.status_w, st);
		}
		char rev[LZ_DATE_STRLEN] = "";
		if (x->review != LZ_NO_DAY)
			lz_day_format(x->review, rev);
		ui_put(w, y, c.review, *rev && c.review_w < 10 ? rev + 5 : rev, c.review_w, st);
	}
}

static void draw_detail(ui_app *app, const lz_risk *x, WINDOW *w, int y, int height, int width)
{
	const lz_plan *plan = app->db.plan;
	const lz_risk_level *lv = lz_plan_risk_level(plan, x->level);
	char rev[LZ_DATE_STRLEN] = "", head[1200];
	if (x->review != LZ_NO_DAY)
		lz_day_format(x->review, rev);
	snprintf(head, sizeof head, _("%s · %s   level %s, likelihood %d × impact %d, next review %s"),
		 x->post, x->link, lv ? lv->name : x->level, x->likelihood, x->impact,
		 *rev ? rev : "—");
	ui_put_cut(w, y++, 0, head, width, S_HEADER);
	struct { const char *label, *value; } lines[] = {
		{_("Risk"), x->desc}, {_("Measures"), x->measures}, {_("Owner"), x->owner},
		{_("Status"), x->status},
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines && y < height; i++) {
		if (!lines[i].value || !*lines[i].value)
			continue;
		int lw = ui_put(w, y, 0, lines[i].label, 10, S_HEADER) + 2;
		if (lw < 10)
			lw = 10;
		/* Description and measures may run long: two rows at most here. */
		y = ui_put_wrapped(w, y, lw, width - lw, y + 2 < height ? y + 2 : height, lines[i].value,
				   S_NORMAL);
	}
	if (x->n_log && y < height)
		ui_put(w, y++, 0, _("Reviews"), 10, S_HEADER);
	/* The latest review first. */
	for (size_t i = x->n_log; i > 0 && y < height; i--) {
		const lz_review *rv = &x->log[i - 1];
		char d[LZ_DATE_STRLEN], line[1200];
		lz_day_format(rv->date, d);
		snprintf(line, sizeof line, "%s %s", d, rv->result);
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		ui_put_cut(w, y++, 2, line, width - 2, S_DIM);
	}
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	risks_state *r = state(app);
	sync(app, r);
	int table_w = width - MAP_W - 2;
	char head[160];
	/* Filtered, the header names the cell and counts what is shown. */
	if (r->filter)
		snprintf(head, sizeof head,
			 dngettext(LZ_GETTEXT_PACKAGE, "Likelihood %d × impact %d: %zu of %zu risk point",
				   "Likelihood %d × impact %d: %zu of %zu risk points", r->n_all),
			 r->filter_l, r->filter_i, r->n_shown, r->n_all);
	else
		snprintf(head, sizeof head, _("Risk points: %zu, past their review date: %zu"),
			 r->n_all, r->overdue);
	ui_put(w, 0, 0, head, table_w, r->overdue ? S_WARN : S_HEADER);
	/* The table takes the upper part; the selected point's detail below. */
	int rows = (height - 3) / 2;
	if (rows < 3)
		rows = height - 3;
	if (r->n_shown)
		draw_table(app, r, w, 1, rows, table_w);
	else
		ui_put(w, 1, 0, r->filter ? _("No risk points in this cell; Esc shows all.")
					  : _("No risk points yet: F2 or a adds one."),
		       table_w, S_DIM);
	mvwvline(w, 0, table_w + 1, ACS_VLINE, height);
	draw_map(r, w, 0, table_w + 2);
	int y = rows + 3;
	if (y - 1 < height)
		mvwhline(w, y - 1, 0, ACS_HLINE, table_w);
	if (r->n_shown && y < height)
		draw_detail(app, r->shown[r->selected], w, y, height, table_w);
}

static int written(ui_app *app, risks_state *r, lz_id id)
{
	ui_panes_reload(app);
	r->want = id;
	return UI_DIRTY_ALL;
}

/* The pane's views, for its keys. */
enum { R_MAP = 1 << 0, R_FILTER = 1 << 1 };

static unsigned mode(ui_app *app)
{
	risks_state *r = state(app);
	sync(app, r);
	return (r->on_map ? R_MAP : 0) | (r->filter ? R_FILTER : 0);
}

static int map_move(ui_app *app)
{
	ui_action a = app->action;
	risks_state *r = state(app);
	switch (a) {
	case ACT_UP: if (r->cell_l < 5) r->cell_l++; break;
	case ACT_DOWN: if (r->cell_l > 1) r->cell_l--; break;
	case ACT_LEFT: if (r->cell_i > 1) r->cell_i--; break;
	case ACT_RIGHT: if (r->cell_i < 5) r->cell_i++; break;
	default: break;
	}
	return UI_DIRTY_PANE;
}

static int map_filter(ui_app *app)
{
	risks_state *r = state(app);
	/* Enter on the cell already chosen shows all again. */
	r->filter = !(r->filter && r->filter_l == r->cell_l && r->filter_i == r->cell_i);
	r->filter_l = r->cell_l;
	r->filter_i = r->cell_i;
	r->on_map = false;
	r->selected = r->top = 0;
	apply_filter(r);
	return UI_DIRTY_ALL;
}

static int map_leave(ui_app *app)
{
	state(app)->on_map = false;
	return UI_DIRTY_ALL;
}

static int to_map(ui_app *app)
{
	risks_state *r = state(app);
	const lz_risk *x = r->n_shown ? r->shown[r->selected] : NULL;
	/* The cursor starts on the chosen cell, or the selected point's. */
	if (!r->filter && x) {
		r->cell_l = x->likelihood >= 1 && x->likelihood <= 5 ? x->likelihood : 3;
		r->cell_i = x->impact >= 1 && x->impact <= 5 ? x->impact : 3;
	}
	r->on_map = true;
	return UI_DIRTY_ALL;
}

static int show_all(ui_app *app)
{
	risks_state *r = state(app);
	r->filter = false;
	apply_filter(r);
	return UI_DIRTY_ALL;
}

static int step(ui_app *app)
{
	ui_action a = app->action;
	risks_state *r = state(app);
	r->selected = ui_list_step(r->selected, r->n_shown, 10, a);
	return UI_DIRTY_PANE;
}

static int add(ui_app *app)
{
	lz_id saved = 0;
	if (ui_risk_form(app, 0, &saved))
		return written(app, state(app), saved);
	return UI_DIRTY_ALL;
}

/* Edit, delete or review the selected point. */
static int on_selected(ui_app *app)
{
	ui_action a = app->action;
	risks_state *r = state(app);
	if (!r->n_shown) {
		ui_set_message(app, false, "%s", _("No risk point selected: F2 or a adds one."));
		return UI_DIRTY_ALL;
	}
	const lz_risk *x = r->shown[r->selected];
	lz_id id = x->meta.id;
	/* Read again whatever the answer: a change refused as stale shows
	 * the other change. */
	if (a == ACT_DELETE)
		ui_risk_delete(app, id, x->meta.version);
	else if (a == ACT_REVIEW)
		ui_risk_review(app, id);
	else
		ui_risk_form(app, id, NULL);
	return written(app, r, id);
}

static const ui_key keys[] = {
	{.acts = {ACT_UP, ACT_DOWN}, .unless = R_MAP, .run = step, .help = N_("choose a risk point")},
	{.acts = {ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END}, .unless = R_MAP, .run = step,
	 .help = N_("a page up / down, the first / the last")},
	/* On the heat map. */
	{.acts = {ACT_LEFT, ACT_UP, ACT_DOWN, ACT_RIGHT}, .when = R_MAP, .run = map_move,
	 .bar = N_("Cell")},
	{.acts = {ACT_ENTER}, .when = R_MAP, .run = map_filter, .bar = N_("Filter")},
	{.acts = {ACT_MAP}, .when = R_MAP, .run = map_leave, .bar = N_("Back")},
	{.acts = {ACT_ESCAPE}, .when = R_MAP, .run = map_leave},
	/* On the table. */
	{.acts = {ACT_ADD}, .unless = R_MAP, .run = add, .bar = N_("New"), .help = N_("new risk point")},
	{.acts = {ACT_ENTER}, .unless = R_MAP, .run = on_selected,
	 .help = N_("edit the selected risk point")},
	{.acts = {ACT_EDIT}, .unless = R_MAP, .run = on_selected, .bar = N_("Edit"),
	 .help = N_("edit the selected risk point")},
	{.acts = {ACT_DELETE}, .unless = R_MAP, .run = on_selected, .bar = N_("Delete"),
	 .help = N_("delete the selected risk point (asks first)")},
	{.acts = {ACT_REVIEW}, .unless = R_MAP, .run = on_selected, .bar = N_("Record review"),
	 .help = N_("record a review (date, result, next review)")},
	{.acts = {ACT_MAP}, .unless = R_MAP, .run = to_map, .bar = N_("Heat map"),
	 .help = N_("move on the heat map; Enter filters by the cell, Enter again shows all")},
	{.acts = {ACT_ESCAPE}, .when = R_FILTER, .unless = R_MAP, .run = show_all, .bar = N_("All"),
	 .help = N_("show all risk points again")},
	/* The program's keys used here every day, last on the bar. */
	{.acts = {ACT_VIEW}, .unless = R_MAP, .bar = N_("View")},
	{.acts = {ACT_SEARCH}, .unless = R_MAP, .bar = N_("Search")},
	{.acts = {ACT_HISTORY}, .unless = R_MAP, .bar = N_("History")},
	{.acts = {ACT_UNDO}, .unless = R_MAP, .bar = N_("Undo")},
};

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

static bool selected(ui_app *app, lz_kind *kind, lz_id *id, const char **name)
{
	risks_state *r = state(app);
	if (!r->loaded || r->on_map || r->selected >= r->n_shown)
		return false;
	*kind = LZ_KIND_RISK;
	*id = r->shown[r->selected]->meta.id;
	*name = r->shown[r->selected]->desc;
	return true;
}

const ui_pane ui_risks_pane = UI_RECORD_PANE(N_("Risk points"), N_("Risk points:"));
