/* The meeting calendar pane: a month grid (Monday first) with the plan's
 * holidays (休) and make-up working days (班), meetings marked by their
 * type's symbol and colour, the selected day's meetings beside it, and a
 * strip with each obligation's state for the month's quarter.  The grid
 * reads only the month in view, from the store's month roll; the day's
 * list reads the date index's titled briefs. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "lz_stored.h"
#include "lz_validate.h"
#include "ui_form.h"

enum { CELL = 6, GRID_WIDTH = 7 * CELL };

typedef struct day_info {
	int count;
	int first_type;  /* index into the plan's meeting types, -1 none */
	bool all_cancelled;
} day_info;

/* Months already read, so paging back and forth reads each once; any
 * change through the program empties it (reload). */
enum { MONTH_CACHE = 24 };

typedef struct month_entry {
	int year, month;  /* 0 when unused */
	day_info days[32];
	unsigned long used;  /* for replacing the least recently used */
} month_entry;

/* A meeting of the selected day, as its list shows it. */
/* A meeting of the day's list: its brief, whose type is the plan's string
 * or in the day's arena, and whose title is whole and in the day's arena. */
typedef lz_meeting_brief day_meeting;

typedef struct cal {
	int year, month;        /* month in view */
	day_info days[32];
	month_entry cache[MONTH_CACHE];
	unsigned long clock;
	lz_day list_day;        /* the day whose meetings are loaded */
	day_meeting *meetings;  /* that day's, by time */
	size_t n_meetings, cap;
	lz_arena day_arena;
	bool focus_list;
	lz_arena status_arena;
	lz_status status;
	bool status_ok;
} cal;

static cal *state(ui_app *app)
{
	static const cal initial = {.list_day = LZ_NO_DAY};
	return ui_pane_state(&app->cal_cache, sizeof initial, &initial);
}

static int type_index(const lz_plan *plan, const char *id)
{
	for (size_t i = 0; i < plan->n_meeting_types; i++)
		if (strcmp(plan->meeting_types[i].id, id) == 0)
			return (int)i;
	return -1;
}

typedef struct month_ctx {
	const lz_plan *plan;
	cal *c;
} month_ctx;

static bool count_day(const lz_meeting_brief *d, void *ctx)
{
	month_ctx *m = ctx;
	int y, mo, day;
	lz_day_to_ymd(d->date, &y, &mo, &day);
	day_info *info = &m->c->days[day];
	if (info->count == 0) {
		info->first_type = type_index(m->plan, d->type);
		info->all_cancelled = true;
	}
	info->count++;
	if (d->status != LZ_MEETING_CANCELLED)
		info->all_cancelled = false;
	return true;
}

static void load_month(ui_app *app, cal *c, int year, int month)
{
	c->year = year;
	c->month = month;
	month_entry *slot = &c->cache[0];
	for (int i = 0; i < MONTH_CACHE; i++) {
		month_entry *e = &c->cache[i];
		if (e->year == year && e->month == month) {
			e->used = ++c->clock;
			memcpy(c->days, e->days, sizeof c->days);
			return;
		}
		if (e->used < slot->used)
			slot = e;
	}
	memset(c->days, 0, sizeof c->days);
	month_ctx m = {app->db.plan, c};
	lz_err err;
	if (lz_store_meeting_briefs(app->db.store, lz_day_from_ymd(year, month, 1),
				    lz_day_from_ymd(year, month, lz_days_in_month(year, month)),
				    count_day, &m, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		return;
	}
	*slot = (month_entry){.year = year, .month = month, .used = ++c->clock};
	memcpy(slot->days, c->days, sizeof c->days);
}

typedef struct day_ctx {
	ui_app *app;
	cal *c;
} day_ctx;

/* The brief's strings last only for the walk: what the list keeps is
 * copied, the title whole (read from the record when the brief's is cut). */
static bool keep_meeting(const lz_meeting_brief *b, void *ctx)
{
	day_ctx *x = ctx;
	cal *c = x->c;
	if (c->n_meetings == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->meetings = realloc(c->meetings, c->cap * sizeof *c->meetings);
		if (!c->meetings)
			abort();
	}
	day_meeting *m = &c->meetings[c->n_meetings++];
	*m = *b;
	const lz_meeting_type *t = lz_plan_meeting_type(x->app->db.plan, b->type);
	m->type = t ? t->id : lz_arena_strdup(&c->day_arena, b->type);
	if (b->title_cut) {
		char *whole = lz_meeting_title(x->app->db.store, b->id);
		m->title = lz_arena_strdup(&c->day_arena, whole);
		free(whole);
	} else {
		m->title = lz_arena_strdup(&c->day_arena, b->title);
	}
	m->title_cut = false;
	return true;
}

/* The day's list is drawn from the date index's titled briefs alone, already in
 * the order of their start times; a record is read in full only to edit
 * it. */
static void load_day(ui_app *app, cal *c, lz_day day)
{
	c->n_meetings = 0;
	lz_arena_free(&c->day_arena);
	c->list_day = day;
	lz_err err;
	day_ctx x = {app, c};
	if (lz_store_meeting_briefs_titled(app->db.store, day, day, keep_meeting, &x, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	if (app->cal_row >= (int)c->n_meetings)
		app->cal_row = c->n_meetings ? (int)c->n_meetings - 1 : 0;
}

static void load_status(ui_app *app, cal *c)
{
	lz_arena_free(&c->status_arena);
	lz_err err;
	c->status_ok = lz_status_compute(app->db.plan, app->db.store, app->as_of, 14,
					 &c->status_arena, &c->status, &err) == LZ_OK;
}

/* Brings the cached data in line with the selected day. */
static void sync(ui_app *app)
{
	cal *c = state(app);
	int y, m, d;
	lz_day_to_ymd(app->cal_selected, &y, &m, &d);
	if (y != c->year || m != c->month)
		load_month(app, c, y, m);
	if (c->list_day != app->cal_selected) {
		app->cal_row = 0;
		c->focus_list = false;
		load_day(app, c, app->cal_selected);
	}
	if (!c->status_arena.head)
		load_status(app, c);
}

static void reload(ui_app *app)
{
	cal *c = state(app);
	c->year = 0;
	memset(c->cache, 0, sizeof c->cache);
	c->list_day = LZ_NO_DAY;
	lz_arena_free(&c->status_arena);
	int row = app->cal_row;
	bool focus = c->focus_list;
	sync(app);
	app->cal_row = row < (int)c->n_meetings ? row : (c->n_meetings ? (int)c->n_meetings - 1 : 0);
	c->focus_list = focus && c->n_meetings;
}

static const char *symbol_of(const lz_plan *plan, int type)
{
	if (type < 0)
		return "•";
	const char *s = plan->meeting_types[type].symbol;
	return s ? s : "•";
}

static void draw_grid(ui_app *app, cal *c, WINDOW *w)
{
	const lz_plan *plan = app->db.plan;
	char title[64];
	snprintf(title, sizeof title, _("%1$d-%2$02d"), c->year, c->month);
	int tw = lz_text_width(title);
	ui_put(w, 0, (GRID_WIDTH - tw) / 2, title, GRID_WIDTH, S_HEADER);
	static const char *const wd[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"),
					 N_("Sa"), N_("Su")};
	for (int i = 0; i < 7; i++) {
		const char *name = _(wd[i]);
		ui_put(w, 1, i * CELL + CELL - 1 - lz_text_width(name), name, CELL, i >= 5 ? S_DIM : S_HEADER);
	}
	lz_day first = lz_day_from_ymd(c->year, c->month, 1);
	int offset = lz_day_weekday(first) - 1;
	int ndays = lz_days_in_month(c->year, c->month);
	for (int day = 1; day <= ndays; day++) {
		lz_day d = first + day - 1;
		int slot = offset + day - 1;
		int y = 2 + slot / 7, x = (slot % 7) * CELL;
		bool selected = d == app->cal_selected;
		const lz_holiday *hol = lz_plan_holiday(plan, d);
		bool makeup = lz_plan_is_makeup_workday(plan, d);
		if (selected)
			ui_fill(w, y, x, CELL, S_SELECTED);
		if (hol)
			ui_put(w, y, x, "休", 2, selected ? S_SELECTED : S_HOLIDAY);
		else if (makeup)
			ui_put(w, y, x, "班", 2, selected ? S_SELECTED : S_WORKDAY);
		const day_info *info = &c->days[day];
		if (info->count) {
			ui_style st = info->all_cancelled ? S_DIM
				    : info->first_type >= 0 ? (ui_style)(S_TYPE0 + info->first_type % 6)
							    : S_NORMAL;
			ui_put(w, y, x + 2, info->count > 1 ? "+" : symbol_of(plan, info->first_type),
			       1, selected ? S_SELECTED : st);
		}
		char num[4];
		snprintf(num, sizeof num, "%2d", day);
		ui_style st = selected ? S_SELECTED
			    : d == app->today ? S_TODAY
			    : hol ? S_HOLIDAY
			    : (lz_day_weekday(d) >= 6 && !makeup) ? S_DIM : S_NORMAL;
		ui_put(w, y, x + 3, num, 2, st);
		/* Today is marked by more than colour. */
		if (d == app->today && !selected)
			ui_put(w, y, x + 5, "<", 1, S_TODAY);
	}
}

static const lz_period_status *period_for(const lz_obligation_status *q, int year, int month)
{
	for (size_t k = 0; k < q->n_periods; k++) {
		const lz_period *p = &q->periods[k].period;
		lz_day mid = lz_day_from_ymd(year, month, 15);
		if (mid >= p->start && mid <= p->end)
			return &q->periods[k];
	}
	return NULL;
}

static const char *state_mark(lz_period_state s)
{
	static const char *const marks[] = {"✓", "✗", "…", "·"};
	return marks[s];
}

static const char *month_name(int month)
{
	static const char *const names[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"),
					    N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
					    N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
	return _(names[(month - 1) % 12]);
}

static void draw_strip(ui_app *app, cal *c, WINDOW *w, int y0, int height, int width)
{
	if (!c->status_ok || height < 2)
		return;
	int quarter = (c->month - 1) / 3 + 1;
	lz_period qp;
	lz_period_of(c->year, LZ_PER_QUARTER, quarter - 1, &qp);
	char head[128], qname[32];
	lz_period_short(&qp, qname, sizeof qname);
	snprintf(head, sizeof head, _("%s (%s–%s) obligations:"), qname,
		 month_name(quarter * 3 - 2), month_name(quarter * 3));
	ui_put(w, y0, 0, head, width, S_HEADER);
	int y = y0 + 1, x = 0;
	if (c->year != app->db.plan->year) {
		ui_put(w, y, 0, _("(outside the plan year)"), width, S_DIM);
		return;
	}
	/* The grid shades no holiday then: say why, where she looks. */
	if (!lz_plan_has_calendar(app->db.plan)) {
		char note[128];
		snprintf(note, sizeof note, _("%d: no holiday data, weekends only"), c->year);
		ui_put(w, y++, 0, note, width, S_WARN);
	}
	for (size_t i = 0; i < c->status.n_quotas && y < y0 + height; i++) {
		const lz_obligation_status *q = &c->status.quotas[i];
		const lz_meeting_type *t = &app->db.plan->meeting_types[q->obligation->meeting_type];
		char item[160];
		/* Monthly obligations show each month of the quarter, named. */
		bool monthly = q->obligation->per == LZ_PER_MONTH;
		int used = snprintf(item, sizeof item, "%s ", t->name);
		int m0 = monthly ? (quarter - 1) * 3 + 1 : c->month;
		int m1 = monthly ? m0 + 2 : c->month;
		for (int mo = m0; mo <= m1 && used < (int)sizeof item; mo++) {
			const lz_period_status *p = period_for(q, c->year, mo);
			if (p)
				used += snprintf(item + used, sizeof item - (size_t)used, "%s%s%d/%d ",
						 monthly ? month_name(mo) : "", state_mark(p->state),
						 p->held, p->required);
		}
		int iw = lz_text_width(item);
		if (x > 0 && x + iw > width) {
			y++;
			x = 0;
			if (y >= y0 + height)
				break;
		}
		const lz_period_status *p = period_for(q, c->year, c->month);
		ui_style st = !p ? S_NORMAL : p->state == LZ_PERIOD_MET ? S_OK
			    : p->state == LZ_PERIOD_MISSED || p->not_planned ? S_WARN : S_NORMAL;
		x += ui_put(w, y, x, item, width - x, st) + 1;
	}
}

static void draw_day(ui_app *app, cal *c, WINDOW *w, int x0, int height, int width)
{
	const lz_plan *plan = app->db.plan;
	int y, m, d;
	lz_day_to_ymd(app->cal_selected, &y, &m, &d);
	char head[128];
	snprintf(head, sizeof head, _("%1$d-%2$02d-%3$02d %4$s"), y, m, d,
		 ui_weekday_name(app->cal_selected));
	int x = x0 + ui_put(w, 0, x0, head, width, S_HEADER);
	const lz_holiday *hol = lz_plan_holiday(plan, app->cal_selected);
	if (hol) {
		x += ui_put(w, 0, x, " 休 ", width - (x - x0), S_HOLIDAY);
		ui_put(w, 0, x, hol->name, width - (x - x0), S_HOLIDAY);
	} else if (lz_plan_is_makeup_workday(plan, app->cal_selected)) {
		ui_put(w, 0, x, _(" 班 make-up working day"), width - (x - x0), S_WORKDAY);
	}
	if (!c->n_meetings) {
		ui_put(w, 2, x0, _("No meetings. F2 or a adds one."), width, S_DIM);
		return;
	}
	int first = 0, rows = height - 2;
	if (app->cal_row >= rows)
		first = app->cal_row - rows + 1;
	for (int i = first; i < (int)c->n_meetings && i - first < rows; i++) {
		const lz_meeting_brief *mt = &c->meetings[i];
		int row = 2 + i - first;
		bool sel = c->focus_list && i == app->cal_row;
		if (sel)
			ui_fill(w, row, x0, width, S_SELECTED);
		char time[6];
		lz_format_time(mt->start, time);
		int cx = x0;
		cx += ui_put(w, row, cx, *time ? time : "     ", 5, sel ? S_SELECTED : S_NORMAL) + 1;
		int ti = type_index(plan, mt->type);
		cx += ui_put(w, row, cx, symbol_of(plan, ti), 1,
			     sel ? S_SELECTED : ui_type_style(plan, mt->type)) + 1;
		const char *tname = ti >= 0 ? lz_meeting_type_short(&plan->meeting_types[ti]) : mt->type;
		int room = x0 + width - cx;
		/* The status goes at the right edge; type and title share the rest. */
		const char *sw = lz_meeting_status_label(mt->status);
		int sww = lz_text_width(sw);
		/* Narrow: the symbol alone tells the type. */
		int type_w = room - sww - 2 >= 30 ? 12 : 0;
		if (type_w) {
			cx += ui_put(w, row, cx, tname, type_w, sel ? S_SELECTED : S_NORMAL);
			cx = cx < x0 + 8 + type_w ? x0 + 8 + type_w : cx;
			cx++;
		}
		int title_w = x0 + width - cx - sww - 1;
		const char *title = c->meetings[i].title;
		ui_put_cut(w, row, cx, title, title_w, sel ? S_SELECTED : S_NORMAL);
		ui_put(w, row, x0 + width - sww, sw, sww,
		       sel ? S_SELECTED : mt->status == LZ_MEETING_HELD ? S_OK : S_DIM);
	}
	/* The selected meeting's flags, under the list; a late entry's with
	 * its recorded reason, read from the record. */
	if (c->focus_list && height > 4) {
		const lz_meeting_brief *dg = &c->meetings[app->cal_row];
		unsigned flags = lz_meeting_flags(plan, dg, app->as_of);
		lz_arena a = {0};
		lz_record rec;
		const char *why = NULL;
		if ((flags & LZ_MFLAG_LATE_ENTRY) &&
		    lz_store_get(app->db.store, LZ_KIND_MEETING, dg->id, &a, &rec, NULL) == LZ_OK)
			why = rec.u.meeting.late_reason;
		char *line = (char *)lz_meeting_remark(flags, dg->present, dg->expected, why, &a);
		for (char *p = line; *p; p++)
			if (*p == '\n')
				*p = ' ';
		/* A reason may take a few rows: as many as it needs, up to 3. */
		int needed = 0;
		for (size_t off = 0, len = strlen(line), fit; off < len && needed < 3; off += fit) {
			fit = lz_text_line_break(line + off, len - off, width);
			if (!fit)
				break;
			needed++;
		}
		for (int r = 1; r < needed; r++)
			ui_fill(w, height - 1 - r, x0, width, S_NORMAL);
		if (*line)
			ui_put_wrapped(w, height - (needed ? needed : 1), x0, width, height, line, S_WARN);
		lz_arena_free(&a);
	}
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	cal *c = state(app);
	sync(app);
	draw_grid(app, c, w);
	int right = GRID_WIDTH + 2;
	if (width - right >= 20) {
		mvwvline(w, 0, GRID_WIDTH + 1, ACS_VLINE, height);
		draw_day(app, c, w, right, height, width - right);
		draw_strip(app, c, w, 9, height - 9, GRID_WIDTH);
	}
}

static void move_to(ui_app *app, lz_day d)
{
	app->cal_selected = d;
}

static lz_day add_months(lz_day d, int delta)
{
	int y, m, day;
	lz_day_to_ymd(d, &y, &m, &day);
	int idx = y * 12 + (m - 1) + delta;
	y = idx / 12;
	m = idx % 12 + 1;
	int dim = lz_days_in_month(y, m);
	return lz_day_from_ymd(y, m, day > dim ? dim : day);
}

/* Saves a changed status through validation and the store. */
static void set_status(ui_app *app, cal *c, lz_meeting_status status)
{
	if (!c->n_meetings)
		return;
	lz_arena a = {0};
	lz_record rec;
	lz_err err;
	lz_err_clear(&err);
	if (lz_store_get(app->db.store, LZ_KIND_MEETING, c->meetings[app->cal_row].id, &a, &rec,
			 &err) == LZ_OK) {
		lz_meeting before = rec.u.meeting;
		rec.u.meeting.status = status;
		if (!ui_meeting_late_reason(app, &rec.u.meeting, &before, &a))
			ui_set_message(app, false, "%s", _("Not marked: the late entry's reason was not given."));
		else if (lz_session_save(&app->db, LZ_OP_UPDATE, &rec, rec.u.meta.version, &err) == LZ_OK)
			ui_set_message(app, false, _("Marked %s: %s"), lz_meeting_status_label(status),
				       rec.u.meeting.title);
	}
	if (err.rc != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	lz_arena_free(&a);
	ui_panes_reload(app);
}

/* A key for a meeting on a day without one says so, rather than
 * nothing. */
static void say_no_meeting(ui_app *app)
{
	char d[LZ_DATE_STRLEN];
	lz_day_format(app->cal_selected, d);
	ui_set_message(app, false, _("No meeting on %s: F2 adds one."), d);
}

/* The meeting a key on the grid acts on: the day's only one, or the one
 * picked from its list; in the list, the selected one. */
static bool choose_meeting(ui_app *app, cal *c, const char *title)
{
	sync(app);
	if (!c->n_meetings) {
		say_no_meeting(app);
		return false;
	}
	if (c->focus_list || c->n_meetings == 1) {
		if (!c->focus_list)
			app->cal_row = 0;
		return true;
	}
	const char **titles = calloc(c->n_meetings, sizeof *titles);
	if (!titles)
		abort();
	for (size_t i = 0; i < c->n_meetings; i++)
		titles[i] = c->meetings[i].title;
	int pick = ui_pick(app, title, titles, c->n_meetings, 0);
	free(titles);
	if (pick < 0)
		return false;
	app->cal_row = pick;
	return true;
}

static void delete_selected(ui_app *app, cal *c)
{
	if (!choose_meeting(app, c, _("Delete which meeting?")))
		return;
	const day_meeting *m = &c->meetings[app->cal_row];
	if (!ui_confirm_about(app, _("Delete the meeting \"%s\"? (y/n)"), m->title))
		return;
	lz_err err;
	lz_err_clear(&err);
	/* The id alone: deleting what is on the screen, whatever its version. */
	if (lz_session_remove(&app->db, LZ_KIND_MEETING, m->id, 0, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		return;
	}
	ui_set_message(app, false, "%s", _("Meeting deleted."));
	ui_panes_reload(app);
}

/* g: any form lz_day_read takes; 3/1 is in the year in view. */
static void go_to(ui_app *app)
{
	char date[UI_TYPED_BYTES + 1];
	lz_day_format(app->cal_selected, date);
	char error[600];
	bool refused = false;
	lz_day d;
	for (;;) {
		char *text = ui_prompt(app, _("Go to date (2022-03-01, 3/1 …):"), date, refused ? error : NULL);
		if (!text)
			return;
		lz_err why;
		snprintf(date, sizeof date, "%s", text);
		free(text);
		refused = true;
		if (lz_day_read(date, app->db.year, &d, &why) != LZ_OK)
			snprintf(error, sizeof error, _("%s: %s"), date, why.msg);
		else if (!lz_day_in_range(d))
			snprintf(error, sizeof error, _("Only the years %d to %d."), LZ_YEAR_FIRST,
				 LZ_YEAR_LAST);
		else
			break;
	}
	move_to(app, d);
}

/* The keys act on the day's meetings rather than the grid. */
enum { C_LIST = 1 << 0 };

static unsigned mode(ui_app *app)
{
	cal *c = state(app);
	sync(app);
	return c->focus_list ? C_LIST : 0;
}

static int day_step(ui_app *app)
{
	ui_action a = app->action;
	lz_day d = app->cal_selected;
	int y, m, day;
	lz_day_to_ymd(d, &y, &m, &day);
	switch (a) {
	case ACT_LEFT: d--; break;
	case ACT_RIGHT: d++; break;
	case ACT_UP: d -= 7; break;
	case ACT_DOWN: d += 7; break;
	case ACT_PAGE_UP: d = add_months(d, -1); break;
	case ACT_PAGE_DOWN: d = add_months(d, 1); break;
	case ACT_HOME: d = lz_day_from_ymd(y, m, 1); break;
	case ACT_END: d = lz_day_from_ymd(y, m, lz_days_in_month(y, m)); break;
	case ACT_TODAY: d = app->today; break;
	default: break;
	}
	move_to(app, d);
	return UI_DIRTY_PANE;
}

static int list_step(ui_app *app)
{
	ui_action a = app->action;
	cal *c = state(app);
	if (a == ACT_UP && app->cal_row > 0)
		app->cal_row--;
	else if (a == ACT_DOWN && app->cal_row + 1 < (int)c->n_meetings)
		app->cal_row++;
	return UI_DIRTY_PANE;
}

static int to_list(ui_app *app)
{
	cal *c = state(app);
	if (c->n_meetings) {
		c->focus_list = true;
		app->cal_row = 0;
	}
	return UI_DIRTY_PANE;
}

static int leave_list(ui_app *app)
{
	state(app)->focus_list = false;
	return UI_DIRTY_PANE;
}

static int add_meeting(ui_app *app)
{
	if (ui_meeting_form(app, 0, app->cal_selected))
		ui_panes_reload(app);
	return UI_DIRTY_ALL;
}

static int edit_meeting(ui_app *app)
{
	cal *c = state(app);
	if (!c->n_meetings)
		say_no_meeting(app);
	else if (ui_meeting_form(app, c->meetings[app->cal_row].id, 0))
		ui_panes_reload(app);
	return UI_DIRTY_ALL;
}

static int delete_meeting(ui_app *app)
{
	delete_selected(app, state(app));
	return UI_DIRTY_ALL;
}

static int mark(ui_app *app)
{
	cal *c = state(app);
	bool held = app->action == ACT_HELD;
	if (!choose_meeting(app, c, held ? _("Mark which meeting held?")
					 : _("Mark which meeting cancelled?")))
		return UI_DIRTY_ALL;
	/* A cancelled meeting leaves the counts: never by a stray key. */
	if (!held && !ui_confirm_about(app, _("Mark the meeting \"%s\" cancelled? (y/n)"),
				       c->meetings[app->cal_row].title))
		return UI_DIRTY_ALL;
	set_status(app, c, held ? LZ_MEETING_HELD : LZ_MEETING_CANCELLED);
	return UI_DIRTY_ALL;
}

static int go_to_date(ui_app *app)
{
	go_to(app);
	return UI_DIRTY_ALL;
}

/* In the order of the key bar, which shows the everyday keys first and
 * as many as fit (F1 lists them all). */
static const ui_key keys[] = {
	{.acts = {ACT_ENTER}, .unless = C_LIST, .run = to_list, .bar = N_("Day"),
	 .help = N_("open the day's meetings (↑ ↓ choose, Esc back)")},
	{.acts = {ACT_ENTER}, .when = C_LIST, .run = edit_meeting},
	{.acts = {ACT_ADD}, .run = add_meeting, .bar = N_("New"),
	 .help = N_("new meeting on the selected day")},
	{.acts = {ACT_EDIT}, .run = edit_meeting, .bar = N_("Edit"),
	 .help = N_("edit the selected meeting")},
	{.acts = {ACT_HELD}, .run = mark, .bar = N_("Done"),
	 .help = N_("mark the selected meeting held / cancelled"), .flags = UI_KEY_OR},
	{.acts = {ACT_CANCELLED}, .run = mark, .bar = N_("Cancel"),
	 .help = N_("mark the selected meeting held / cancelled"), .flags = UI_KEY_OR},
	/* In the day's list. */
	{.acts = {ACT_ESCAPE, ACT_LEFT}, .when = C_LIST, .run = leave_list},
	{.acts = {ACT_UP, ACT_DOWN}, .when = C_LIST, .run = list_step},
	/* On the grid. */
	{.acts = {ACT_PAGE_UP, ACT_PAGE_DOWN}, .run = day_step, .bar = N_("Month"),
	 .help = N_("previous / next month")},
	{.acts = {ACT_LEFT, ACT_RIGHT}, .run = day_step, .help = N_("previous / next day")},
	{.acts = {ACT_UP, ACT_DOWN}, .run = day_step, .help = N_("previous / next week")},
	{.acts = {ACT_HOME, ACT_END}, .run = day_step, .help = N_("first / last day of the month")},
	{.acts = {ACT_TODAY}, .run = day_step, .bar = N_("Today"), .help = N_("today")},
	{.acts = {ACT_GOTO}, .run = go_to_date, .bar = N_("Go to"), .help = N_("go to a date")},
	{.acts = {ACT_SEARCH}, .bar = N_("Search")},
	{.acts = {ACT_VIEW}, .bar = N_("View")},
	{.acts = {ACT_HISTORY}, .bar = N_("History")},
	{.acts = {ACT_UNDO}, .bar = N_("Undo")},
	{.acts = {ACT_BACKUP}, .bar = N_("Backup")},
	{.acts = {ACT_DELETE}, .run = delete_meeting, .bar = N_("Delete"),
	 .help = N_("delete the selected meeting (asks first)")},
};

static void release(ui_app *app)
{
	cal *c = app->cal_cache;
	if (!c)
		return;
	free(c->meetings);
	lz_arena_free(&c->day_arena);
	lz_arena_free(&c->status_arena);
	free(c);
	app->cal_cache = NULL;
}

static bool selected(ui_app *app, lz_kind *kind, lz_id *id, const char **name)
{
	cal *c = state(app);
	sync(app);
	if (!c->focus_list || !c->n_meetings)
		return false;
	*kind = LZ_KIND_MEETING;
	*id = c->meetings[app->cal_row].id;
	*name = c->meetings[app->cal_row].title;
	return true;
}

void ui_calendar_select(ui_app *app, lz_day day, lz_id id)
{
	cal *c = state(app);
	app->cal_selected = day;
	sync(app);
	for (size_t i = 0; i < c->n_meetings; i++)
		if (c->meetings[i].id == id) {
			app->cal_row = (int)i;
			c->focus_list = true;
		}
}

const ui_pane ui_calendar_pane = UI_RECORD_PANE(N_("Meeting calendar"), N_("Meeting calendar:"));
