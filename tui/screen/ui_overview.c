/* The overview (总览): what the plan still demands and what is late, in
 * one glance — each obligation's periods as a bar (told apart by symbol,
 * not only colour), late items, risk points due for review, planned
 * meetings whose day has passed, the next 14 days, and the notices not
 * relayed in time (shown only when there are any).  Enter on a line
 * opens it in its pane (a meeting on its day); `s` drafts the year's
 * meetings after showing what it would add.  Everything comes from the
 * status engine. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_register.h"
#include "lz_stored.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "lz_vec.h"
#include "ui.h"
#include "ui_form.h"

typedef enum entry_kind { E_ITEM, E_RISK, E_MEETING, E_NOTICE } entry_kind;

typedef struct entry {
	entry_kind kind;
	lz_id id;
	lz_day date;
	int task;  /* items: the plan task they serve */
} entry;

/* A planned meeting whose day has passed, as the list shows it. */
typedef struct stale_meeting {
	lz_id id;
	lz_day date;
	const lz_meeting_type *type;  /* the plan's, or NULL */
} stale_meeting;

typedef struct overview {
	lz_arena arena;
	lz_status st;
	stale_meeting *stale;  /* in the arena */
	size_t n_stale;
	/* The year's notices late or overdue to relay as of the day in view
	 * (lz_notice_flagged), the overdue first, then by date received. */
	lz_vec late_notices;  /* const lz_notice *, in the arena */
	bool loaded;
	entry *entries;  /* selectable rows, in screen order */
	size_t n_entries, cap;
	size_t selected;
} overview;

static overview *state(ui_app *app)
{
	return ui_pane_state(&app->overview, sizeof(overview), NULL);
}

static bool keep_stale(const lz_meeting_brief *b, unsigned flags, void *ctx)
{
	ui_app *app = ctx;
	overview *o = app->overview;
	if (flags & LZ_MFLAG_STALE)
		o->stale[o->n_stale++] = (stale_meeting){b->id, b->date,
							 lz_plan_meeting_type(app->db.plan, b->type)};
	return o->n_stale < lz_status_flag_count(&o->st, LZ_MFLAG_STALE);
}

typedef struct notice_ctx {
	ui_app *app;
	overview *o;
} notice_ctx;

static bool keep_notice(const lz_record *r, void *ctx)
{
	notice_ctx *c = ctx;
	const lz_plan *plan = c->app->db.plan;
	if (lz_record_year(r) == plan->year && r->u.notice.received <= c->app->as_of &&
	    lz_notice_flagged(lz_notice_state_of(plan, &r->u.notice, c->app->as_of)))
		*(const lz_notice **)lz_vec_push(&c->o->late_notices) = &r->u.notice;
	return true;
}

/* Not relayed as of the day (ctx) before relayed late. */
static int overdue_first(const void *a, const void *b, void *ctx)
{
	const lz_notice *x = *(const lz_notice *const *)a, *y = *(const lz_notice *const *)b;
	lz_day as_of = *(const lz_day *)ctx;
	bool ox = x->relayed == LZ_NO_DAY || x->relayed > as_of,
	     oy = y->relayed == LZ_NO_DAY || y->relayed > as_of;
	if (ox != oy)
		return ox ? -1 : 1;
	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static void load_notices(ui_app *app, overview *o)
{
	o->late_notices.n = 0;
	notice_ctx c = {app, o};
	lz_err err;
	if (lz_store_scan(app->db.store, LZ_KIND_NOTICE, &o->arena, keep_notice, &c, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	if (o->late_notices.n)
		qsort_r(o->late_notices.v, o->late_notices.n, sizeof(const lz_notice *), overdue_first,
			&app->as_of);
}

static void load(ui_app *app, overview *o)
{
	lz_arena_free(&o->arena);
	if (!o->late_notices.elem)
		o->late_notices = LZ_VEC(const lz_notice *);
	lz_err err;
	o->loaded = lz_status_compute(app->db.plan, app->db.store, app->as_of, 14, &o->arena,
				      &o->st, &err) == LZ_OK;
	/* The stale ones are listed in full; the other flagged only counted. */
	size_t n = o->loaded ? lz_status_flag_count(&o->st, LZ_MFLAG_STALE) : 0;
	o->stale = lz_arena_alloc(&o->arena, (n ? n : 1) * sizeof *o->stale);
	o->n_stale = 0;
	if (n)
		o->loaded = lz_status_flagged(&o->st, app->db.store, INT32_MIN + 1, o->st.date - 1,
					      keep_stale, app, &err) == LZ_OK;
	if (!o->loaded)
		ui_set_message(app, true, "%s", err.msg);
	else
		load_notices(app, o);
}

static void reload(ui_app *app)
{
	state(app)->loaded = false;
}

static const char *mark(lz_period_state s)
{
	static const char *const marks[] = {"✓", "✗", "…", "·"};
	return marks[s];
}

static void add_entry(overview *o, entry_kind kind, lz_id id, lz_day date, int task)
{
	if (o->n_entries == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->entries = realloc(o->entries, o->cap * sizeof *o->entries);
		if (!o->entries)
			abort();
	}
	o->entries[o->n_entries++] = (entry){kind, id, date, task};
}

static const char *quota_name(const ui_app *app, const lz_obligation *ob, char *buf, size_t size)
{
	snprintf(buf, size, _("%s (≥%d per %s)"), app->db.plan->meeting_types[ob->meeting_type].name,
		 ob->min, lz_period_word(ob->per));
	return buf;
}

/* Names are shown whole when the bars still fit beside them (twelve
 * months take 39 columns) with room for at least the short note of the
 * current period ("! not even planned"). */
static int name_width(const ui_app *app, const lz_status *st, int width)
{
	enum { MONTH_BARS = 39, SHORT_NOTE = 12, NARROWEST = 16 };
	int widest = 0;
	char name[200];
	for (size_t i = 0; i < st->n_quotas; i++) {
		int nw = lz_text_width(quota_name(app, st->quotas[i].obligation, name, sizeof name));
		widest = nw > widest ? nw : widest;
	}
	int room = width - 1 - MONTH_BARS - SHORT_NOTE;
	int w = widest < room ? widest : room;
	return w > NARROWEST ? w : NARROWEST;
}

static void draw_quota(ui_app *app, WINDOW *w, int y, int width, const lz_obligation_status *q, int name_w)
{
	const lz_obligation *ob = q->obligation;
	char name[200];
	ui_put_cut(w, y, 0, quota_name(app, ob, name, sizeof name), name_w, S_NORMAL);
	int x = name_w + 1;
	for (size_t k = 0; k < q->n_periods && x < width; k++) {
		const lz_period_status *p = &q->periods[k];
		char cell[48];
		switch (ob->per) {
		case LZ_PER_YEAR: snprintf(cell, sizeof cell, "%s %d/%d", mark(p->state), p->held, p->required); break;
		default: {
			char when[32];
			lz_period_short(&p->period, when, sizeof when);
			snprintf(cell, sizeof cell, "%s%s", when, mark(p->state));
			break;
		}
		}
		ui_style st = p->state == LZ_PERIOD_MET ? S_OK : p->state == LZ_PERIOD_MISSED ? S_WARN
			    : p->state == LZ_PERIOD_DUE ? S_HEADER : S_DIM;
		x += ui_put(w, y, x, cell, width - x, st) + 1;
	}
	if (q->current && q->current->state != LZ_PERIOD_MET && x + 4 < width) {
		const lz_period_status *p = q->current;
		char now[240];
		/* A year's cell has the count already. */
		int len = ob->per == LZ_PER_YEAR
				  ? snprintf(now, sizeof now, dngettext(LZ_GETTEXT_PACKAGE, "%d day left", "%d days left", q->days_left), q->days_left)
				  : snprintf(now, sizeof now, dngettext(LZ_GETTEXT_PACKAGE, "%d/%d, %d day left", "%d/%d, %d days left", q->days_left), p->held, p->required, q->days_left);
		if (p->planned && len > 0 && len < (int)sizeof now)
			len += snprintf(now + len, sizeof now - (size_t)len, _(", %d planned"), p->planned);
		const char *warning = p->not_planned ? _("! not even planned") : q->warn_days ? _("! due soon") : NULL;
		if (warning && len > 0 && len < (int)sizeof now)
			snprintf(now + len, sizeof now - (size_t)len, " %s", warning);
		/* Where the whole note does not fit, its warning does. */
		if (lz_text_width(now) > width - x - 1 && warning)
			snprintf(now, sizeof now, "%s", warning);
		ui_put_cut(w, y, x + 1, now, width - x - 1,
			   p->not_planned || q->warn_days ? S_WARN : S_NORMAL);
	}
}

static int section(WINDOW *w, int y, int x, int width, const char *title, size_t n)
{
	char head[128];
	snprintf(head, sizeof head, "%s (%zu)", title, n);
	ui_put(w, y, x, head, width, S_HEADER);
	return y + 1;
}

static int this_calendar_year(const ui_app *app)
{
	int y, m, d;
	lz_day_to_ymd(app->today, &y, &m, &d);
	return y;
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	overview *o = state(app);
	if (!o->loaded)
		load(app, o);
	if (!o->loaded)
		return;
	const lz_status *st = &o->st;
	o->n_entries = 0;
	int name_w = name_width(app, st, width);
	int y = 0;
	/* A calendar year without a plan of its own is said at once, not
	 * shown as an old year's obligations all missed. */
	int this_year = this_calendar_year(app);
	if (!lz_session_planned(&app->db, this_year) && lz_session_base_year(&app->db, this_year)) {
		char line[256];
		snprintf(line, sizeof line, _("%d has no plan yet: N starts it from the plan for %d."),
			 this_year, lz_session_base_year(&app->db, this_year));
		ui_put(w, y++, 0, line, width, S_WARN);
	}
	/* Late entries and the schedule count working days: without the
	 * year's holidays, every weekday counts, and she must know it. */
	char note[256];
	if (lz_status_calendar_note(app->db.plan, note, sizeof note))
		ui_put(w, y++, 0, note, width, S_WARN);
	ui_put(w, y++, 0, _("Meeting obligations  (✓ met  ✗ missed  … due  · upcoming)"), width,
	       S_HEADER);
	for (size_t i = 0; i < st->n_quotas && y < height; i++, y++)
		draw_quota(app, w, y, width, &st->quotas[i], name_w);
	y++;
	/* Notices not relayed in time, only when there are any: a few
	 * rows, the overdue first; tab 6 has them all. */
	if (o->late_notices.n && y + 2 < height) {
		y = section(w, y, 0, width, _("Notices not relayed in time"), o->late_notices.n);
		const lz_notice *const *v = o->late_notices.v;
		for (size_t i = 0; i < o->late_notices.n && i < 3 && y < height; i++) {
			const lz_notice *n = v[i];
			bool sel = o->n_entries == o->selected;
			add_entry(o, E_NOTICE, n->meta.id, n->received, 0);
			lz_notice_state s = lz_notice_state_of(app->db.plan, n, st->date);
			char line[700], got[LZ_DATE_STRLEN], by[LZ_DATE_STRLEN];
			lz_day_format(n->received, got);
			lz_day_format(lz_notice_deadline(app->db.plan, n->received), by);
			snprintf(line, sizeof line, _("! %s  %s  %s  (relay by %s: %s)"), got + 5,
				 n->issuer ? n->issuer : "", n->title ? n->title : "", by + 5,
				 lz_notice_state_word(s));
			ui_put_cut(w, y++, 0, line, width, sel ? S_SELECTED : S_WARN);
		}
		y++;
	}
	/* Below the bars: the lists, each row selectable. */
	int half = width / 2;
	size_t late_items = 0, late_risks = 0;
	for (size_t i = 0; i < st->n_items_due; i++)
		late_items += st->items_due[i]->due < st->date;
	for (size_t i = 0; i < st->n_risks_due; i++)
		late_risks += st->risks_due[i]->review < st->date;
	int rows = height - y;
	int list_rows = rows > 8 ? (rows - 2) / 2 : rows / 2;
	int yl = section(w, y, 0, half - 1, _("Late items"), late_items);
	int yr = section(w, y, half, width - half, _("Risk points due for review"), late_risks);
	for (size_t i = 0; i < st->n_items_due && yl < y + 1 + list_rows; i++) {
		const lz_item *it = st->items_due[i];
		if (it->due >= st->date)
			continue;
		bool sel = o->n_entries == o->selected;
		add_entry(o, E_ITEM, it->meta.id, it->due, it->task);
		char line[600], due[LZ_DATE_STRLEN];
		lz_day_format(it->due, due);
		snprintf(line, sizeof line, "! %s  %s  %s", due + 5, it->title, it->owner ? it->owner : "");
		ui_put_cut(w, yl++, 0, line, half - 1, sel ? S_SELECTED : S_WARN);
	}
	for (size_t i = 0; i < st->n_risks_due && yr < y + 1 + list_rows; i++) {
		const lz_risk *r = st->risks_due[i];
		if (r->review >= st->date)
			continue;
		bool sel = o->n_entries == o->selected;
		add_entry(o, E_RISK, r->meta.id, r->review, 0);
		char line[600], rev[LZ_DATE_STRLEN];
		lz_day_format(r->review, rev);
		snprintf(line, sizeof line, "! %s · %s  %s", r->post, r->link, rev + 5);
		ui_put_cut(w, yr++, half, line, width - half, sel ? S_SELECTED : S_WARN);
	}
	y += 1 + list_rows + 1;
	if (y >= height)
		return;
	/* Planned meetings whose day has passed, then the next 14 days. */
	int ys = section(w, y, 0, half - 1, _("Not marked held or cancelled"), o->n_stale);
	int yu = section(w, y, half, width - half, _("Next 14 days"), st->n_upcoming);
	for (size_t i = 0; i < o->n_stale && ys < height; i++) {
		const stale_meeting *f = &o->stale[i];
		const lz_meeting_type *t = f->type;
		bool sel = o->n_entries == o->selected;
		add_entry(o, E_MEETING, f->id, f->date, 0);
		char line[400], d[LZ_DATE_STRLEN];
		lz_day_format(f->date, d);
		/* The title tells two meetings of one type apart; read only for
		 * the rows drawn. */
		char *title = lz_meeting_title(app->db.store, f->id);
		snprintf(line, sizeof line, "%s %s %s", d + 5, t && t->symbol ? t->symbol : "•",
			 title && *title ? title : t ? t->name : "");
		free(title);
		ui_put_cut(w, ys++, 0, line, half - 1, sel ? S_SELECTED : S_NORMAL);
	}
	for (size_t i = 0; i < st->n_upcoming && yu < height; i++) {
		const lz_meeting_brief *m = &st->upcoming[i];
		bool sel = o->n_entries == o->selected;
		add_entry(o, E_MEETING, m->id, m->date, 0);
		const lz_meeting_type *t = lz_plan_meeting_type(app->db.plan, m->type);
		char line[400], d[LZ_DATE_STRLEN], time[6];
		lz_day_format(m->date, d);
		lz_format_time(m->start, time);
		/* Only the rows that fit are drawn, so only their records are read. */
		char *title = lz_meeting_title(app->db.store, m->id);
		snprintf(line, sizeof line, "%s %s %s %s", d + 5, *time ? time : "     ",
			 t && t->symbol ? t->symbol : "•", title);
		free(title);
		ui_put_cut(w, yu++, half, line, width - half, sel ? S_SELECTED : S_NORMAL);
	}
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void schedule(ui_app *app)
{
	lz_arena a = {0};
	lz_proposal *props;
	size_t n, unplaceable;
	lz_err err;
	lz_day ystart = lz_day_from_ymd(app->db.plan->year, 1, 1);
	lz_day yend = lz_day_from_ymd(app->db.plan->year, 12, 31);
	lz_day from = app->today < ystart || app->today > yend ? ystart : app->today;
	if (lz_schedule_draft(app->db.plan, app->db.store, from, &a, &props, &n, &unplaceable,
			      &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		lz_arena_free(&a);
		return;
	}
	if (!n) {
		ui_set_message(app, false, "%s",
			       _("nothing to add: every period has enough meetings held or planned"));
		lz_arena_free(&a);
		return;
	}
	/* The confirmation names what would be added. */
	lz_record *recs;
	lz_op *ops;
	lz_schedule_records(app->db.plan, props, n, &a, &recs, &ops);
	const char **lines = lz_arena_alloc(&a, n * sizeof *lines);
	for (size_t i = 0; i < n; i++) {
		char d[LZ_DATE_STRLEN];
		lz_day_format(props[i].date, d);
		lines[i] = lz_arena_printf(&a, "%s  %s", d, recs[i].u.meeting.title);
	}
	/* Read as a calendar, by date: each line starts with it. */
	qsort(lines, n, sizeof *lines, by_text);
	char title[160];
	snprintf(title, sizeof title, dngettext(LZ_GETTEXT_PACKAGE, "Add this %zu planned meeting? Enter adds, Esc cancels", "Add these %zu planned meetings? Enter adds, Esc cancels", n), n);
	if (ui_pick(app, title, lines, n, 0) >= 0) {
		if (lz_session_apply(&app->db, ops, n, &err) != LZ_OK)
			ui_set_message(app, true, "%s", err.msg);
		else
			ui_set_message(app, false, dngettext(LZ_GETTEXT_PACKAGE, "Added %zu planned meeting.", "Added %zu planned meetings.", n), n);
		ui_panes_reload(app);
	}
	lz_arena_free(&a);
}

static int step(ui_app *app)
{
	ui_action a = app->action;
	overview *o = state(app);
	o->selected = ui_list_step(o->selected, o->n_entries, 1, a);
	return UI_DIRTY_PANE;
}

static int open_line(ui_app *app)
{
	overview *o = state(app);
	if (o->selected >= o->n_entries)
		return UI_DIRTY_ALL;
	const entry *e = &o->entries[o->selected];
	if (e->kind == E_MEETING) {
		app->cal_selected = e->date;
		app->tab = 3;
	} else if (e->kind == E_NOTICE) {
		ui_registers_select(app, LZ_KIND_NOTICE, e->id);
	} else if (e->kind == E_ITEM) {
		ui_tasks_select(app, e->task, e->id);
		app->tab = 1;
	} else {
		ui_risks_select(app, e->id);
		app->tab = 2;
	}
	return UI_DIRTY_ALL;
}

static int draft(ui_app *app)
{
	schedule(app);
	return UI_DIRTY_ALL;
}

/* N: the new-year step, for this calendar year when it has no plan: the
 * latest earlier plan drafted into it and stored, and the view moved to
 * it.  Its texts are revised later, with plan new -o and plan import. */
static int new_year(ui_app *app)
{
	int year = this_calendar_year(app);
	int from = lz_session_base_year(&app->db, year);
	if (lz_session_planned(&app->db, year) || !from) {
		ui_set_message(app, false, _("%d has a plan already: Y chooses the year in view."), year);
		return UI_DIRTY_ALL;
	}
	char question[200];
	snprintf(question, sizeof question,
		 _("Start the plan for %d from the plan for %d (sections and tasks as a draft)? (y/n)"),
		 year, from);
	if (!ui_confirm(app, question))
		return UI_DIRTY_ALL;
	lz_arena arena = {0};
	const char *warning;
	lz_err err;
	lz_err_clear(&err);
	if (lz_session_new_year(&app->db, year, from, &arena, &warning, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
	} else if (ui_view_year(app, year)) {
		if (warning)
			ui_set_message(app, true, "%s", warning);
		else
			ui_set_message(app, false,
				       _("The plan for %d was started from %d's; replace its draft texts with 'lianzheng plan new --year %d -o FILE' and 'plan import'."),
				       year, from, year);
	}
	lz_arena_free(&arena);
	return UI_DIRTY_ALL;
}

static const ui_key keys[] = {
	{.acts = {ACT_ENTER}, .run = open_line, .bar = N_("Open"),
	 .help = N_("open the selected line in its pane")},
	{.acts = {ACT_SCHEDULE}, .run = draft, .bar = N_("Schedule"),
	 .help = N_("draft the year's planned meetings (shows them first)")},
	{.acts = {ACT_UP, ACT_DOWN}, .run = step, .bar = N_("Choose"),
	 .help = N_("choose a late item, risk point or meeting")},
	{.acts = {ACT_HOME}, .run = step, .help = N_("back to the first line")},
	{.acts = {ACT_NEW_YEAR}, .run = new_year,
	 .help = N_("start this calendar year's plan from the latest one, when it has none")},
};

static void release(ui_app *app)
{
	overview *o = app->overview;
	if (!o)
		return;
	lz_arena_free(&o->arena);
	lz_vec_free(&o->late_notices);
	free(o->entries);
	free(o);
	app->overview = NULL;
}

const ui_pane ui_overview_pane = {
	.title = N_("Overview"),
	.help_title = N_("Overview:"),
	.draw = draw,
	.keys = keys,
	.n_keys = sizeof keys / sizeof *keys,
	.reload = reload,
	.release = release,
};
