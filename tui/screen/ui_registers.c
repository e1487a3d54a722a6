/* 登记 (the registers, tab 6): 通报传达, 党务公开 and 四种形态 of the year in
 * view, one at a time (← → switch), by date; a notice with its last day to
 * relay and how it stands as of the day in view (late and overdue ones
 * marked !), the four forms with the year's count per form.  Below, the
 * selected record's fields.  Records are added, edited, deleted and
 * relayed here (ui_register_form.c). */
#include <stdlib.h>
#include <string.h>

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_record_text.h"
#include "lz_register.h"
#include "lz_text.h"
#include "lz_vec.h"
#include "ui.h"

static const lz_kind kinds[] = {LZ_KIND_NOTICE, LZ_KIND_DISCLOSURE, LZ_KIND_DISCIPLINE};
enum { N_REGISTERS = sizeof kinds / sizeof *kinds };

typedef struct registers_state {
	bool loaded;
	size_t which;       /* index into kinds */
	lz_arena arena;
	lz_vec all;         /* const lz_record *, by date */
	size_t selected, top;
	lz_id want;         /* a record to select once read */
	size_t forms[4];    /* the discipline measures of the year, per form */
} registers_state;

static registers_state *state(ui_app *app)
{
	static const registers_state initial = {.all = LZ_VEC(const lz_record *)};
	return ui_pane_state(&app->registers, sizeof initial, &initial);
}

static const lz_record *record_at(const registers_state *s, size_t i)
{
	return ((const lz_record *const *)s->all.v)[i];
}

static const char *register_name(size_t which)
{
	static const char *const names[] = {N_("Notices (通报传达)"), N_("Disclosures (党务公开)"),
					    N_("Four forms (四种形态)")};
	return _(names[which]);
}

static lz_day date_of(const lz_record *r)
{
	switch (r->kind) {
	case LZ_KIND_NOTICE: return r->u.notice.received;
	case LZ_KIND_DISCLOSURE: return r->u.disclosure.date;
	default: return r->u.discipline.date;
	}
}

typedef struct load_ctx {
	registers_state *s;
	int year;
} load_ctx;

static bool keep(const lz_record *rec, void *ctx)
{
	load_ctx *l = ctx;
	if (lz_record_year(rec) != l->year)
		return true;
	*(const lz_record **)lz_vec_push(&l->s->all) = rec;
	if (rec->kind == LZ_KIND_DISCIPLINE && rec->u.discipline.form >= 1 &&
	    rec->u.discipline.form <= 4)
		l->s->forms[rec->u.discipline.form - 1]++;
	return true;
}

static int by_date(const void *a, const void *b)
{
	const lz_record *x = *(const lz_record *const *)a, *y = *(const lz_record *const *)b;
	lz_day dx = date_of(x), dy = date_of(y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->u.meta.id < y->u.meta.id ? -1 : x->u.meta.id > y->u.meta.id;
}

static void load(ui_app *app, registers_state *s)
{
	lz_arena_free(&s->arena);
	s->all.n = 0;
	memset(s->forms, 0, sizeof s->forms);
	load_ctx l = {s, app->db.plan->year};
	lz_err err;
	if (lz_store_scan(app->db.store, kinds[s->which], &s->arena, keep, &l, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	if (s->all.n)
		qsort(s->all.v, s->all.n, sizeof(const lz_record *), by_date);
	for (size_t i = 0; s->want && i < s->all.n; i++)
		if (record_at(s, i)->u.meta.id == s->want)
			s->selected = i;
	s->want = 0;
	if (s->selected >= s->all.n)
		s->selected = s->all.n ? s->all.n - 1 : 0;
	s->loaded = true;
}

static void reload(ui_app *app)
{
	state(app)->loaded = false;
}

void ui_registers_select(ui_app *app, lz_kind kind, lz_id id)
{
	registers_state *s = state(app);
	for (size_t i = 0; i < N_REGISTERS; i++)
		if (kinds[i] == kind)
			s->which = i;
	s->want = id;
	s->loaded = false;
	app->tab = 5;
}

/* One row's cells, by register; the state of a notice as of the day in
 * view, *alert when it is flagged. */
enum { MAX_COLS = 7 };

static size_t row_cells(ui_app *app, const lz_record *r, lz_arena *a, const char **cells,
			bool *alert)
{
	char day[LZ_DATE_STRLEN];
	*alert = false;
	switch (r->kind) {
	case LZ_KIND_NOTICE: {
		const lz_notice *n = &r->u.notice;
		lz_notice_state st = lz_notice_state_of(app->db.plan, n, app->as_of);
		*alert = lz_notice_flagged(st);
		lz_day_format(n->received, day);
		cells[0] = lz_arena_strdup(a, day);
		cells[1] = n->issuer ? n->issuer : "";
		cells[2] = n->title ? n->title : "";
		lz_day_format(lz_notice_deadline(app->db.plan, n->received), day);
		cells[3] = lz_arena_strdup(a, day);
		cells[4] = lz_arena_printf(a, "%s%s", *alert ? "! " : "", lz_notice_state_word(st));
		return 5;
	}
	case LZ_KIND_DISCLOSURE: {
		const lz_disclosure *d = &r->u.disclosure;
		lz_day_format(d->date, day);
		cells[0] = lz_arena_strdup(a, day);
		cells[1] = d->where ? d->where : "";
		cells[2] = d->by ? d->by : "";
		cells[3] = d->what ? d->what : "";
		return 4;
	}
	default: {
		/* The register is what was asked for: shown whole. */
		const lz_discipline *d = &r->u.discipline;
		lz_day_format(d->date, day);
		cells[0] = lz_arena_strdup(a, day);
		cells[1] = lz_arena_printf(a, "%d", d->form);
		cells[2] = d->measure ? d->measure : "";
		cells[3] = d->person ? d->person : "";
		cells[4] = d->by ? d->by : "";
		cells[5] = d->reason ? d->reason : "";
		return 6;
	}
	}
}

static size_t heading(size_t which, const char **cells, int *widths)
{
	static const int notice_w[] = {10, 8, 0, 10, 22};
	static const int disclosure_w[] = {10, 8, 8, 0};
	static const int discipline_w[] = {10, 4, 10, 8, 8, 0};
	const int *w;
	size_t n;
	switch (which) {
	case 0:
		cells[0] = _("Received"), cells[1] = _("Issuer"), cells[2] = _("Title");
		cells[3] = _("Relay by"), cells[4] = _("State");
		w = notice_w, n = 5;
		break;
	case 1:
		cells[0] = _("Date"), cells[1] = _("Where"), cells[2] = _("By"), cells[3] = _("What");
		w = disclosure_w, n = 4;
		break;
	default:
		cells[0] = _("Date"), cells[1] = _("Form"), cells[2] = _("Measure");
		cells[3] = _("Person"), cells[4] = _("Decided by"), cells[5] = _("Reason");
		w = discipline_w, n = 6;
		break;
	}
	memcpy(widths, w, n * sizeof *w);
	return n;
}

/* Column x positions: fixed widths, the one of width 0 taking the rest. */
static void layout(const int *w, size_t n, int width, int *x, int *cw)
{
	int fixed = 0;
	for (size_t i = 0; i < n; i++)
		fixed += w[i] + 1;
	int pos = 1;
	for (size_t i = 0; i < n; i++) {
		cw[i] = w[i] ? w[i] : width - fixed - 1;
		if (cw[i] < 4)
			cw[i] = 4;
		x[i] = pos;
		pos += cw[i] + 1;
	}
}

static void draw_table(ui_app *app, registers_state *s, WINDOW *w, int y0, int rows, int width)
{
	const char *head[MAX_COLS];
	int widths[MAX_COLS], x[MAX_COLS], cw[MAX_COLS];
	size_t n = heading(s->which, head, widths);
	layout(widths, n, width, x, cw);
	for (size_t c = 0; c < n; c++)
		ui_put(w, y0, x[c], head[c], cw[c], S_DIM);
	if (s->top > s->selected)
		s->top = s->selected;
	if (s->selected >= s->top + (size_t)rows)
		s->top = s->selected - (size_t)rows + 1;
	lz_arena a = {0};
	for (size_t i = s->top; i < s->all.n && (int)(i - s->top) < rows; i++) {
		const char *cells[MAX_COLS];
		bool alert;
		row_cells(app, record_at(s, i), &a, cells, &alert);
		int y = y0 + 1 + (int)(i - s->top);
		bool sel = i == s->selected;
		ui_style st = sel ? S_SELECTED : alert ? S_WARN : S_NORMAL;
		if (sel)
			ui_fill(w, y, 0, width, S_SELECTED);
		for (size_t c = 0; c < n; c++)
			ui_put_cut(w, y, x[c], cells[c], cw[c], st);
		lz_arena_free(&a);
	}
}

static void draw_detail(ui_app *app, const lz_record *r, WINDOW *w, int y, int height, int width)
{
	lz_arena a = {0};
	lz_fields f;
	lz_record_fields(r, app->db.plan, &a, &f);
	int lw = 10;
	for (size_t i = 0; i < f.n; i++)
		if (lz_text_width(f.v[i].label) + 2 > lw)
			lw = lz_text_width(f.v[i].label) + 2;
	for (size_t i = 0; i < f.n && y < height; i++) {
		if (!*f.v[i].value)
			continue;
		ui_put(w, y, 0, f.v[i].label, lw, S_HEADER);
		y = ui_put_wrapped(w, y, lw, width - lw, height, f.v[i].value, S_NORMAL);
	}
	lz_arena_free(&a);
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	registers_state *s = state(app);
	if (!s->loaded)
		load(app, s);
	/* The three registers side by side, the one shown marked. */
	int x = 0;
	for (size_t i = 0; i < N_REGISTERS && x < width; i++) {
		char label[96];
		snprintf(label, sizeof label, i == s->which ? "[%s]" : " %s ", register_name(i));
		x += ui_put(w, 0, x, label, width - x, i == s->which ? S_HEADER : S_DIM) + 2;
	}
	char line[200];
	if (kinds[s->which] == LZ_KIND_NOTICE) {
		snprintf(line, sizeof line,
			 dngettext(LZ_GETTEXT_PACKAGE, "%d: %zu notice; to be relayed within %d working days",
				   "%d: %zu notices; to be relayed within %d working days", s->all.n),
			 app->db.plan->year, s->all.n, app->db.plan->relay_days);
	} else if (kinds[s->which] == LZ_KIND_DISCIPLINE) {
		snprintf(line, sizeof line, _("%d: form 1: %zu, form 2: %zu, form 3: %zu, form 4: %zu\n"),
			 app->db.plan->year, s->forms[0], s->forms[1], s->forms[2], s->forms[3]);
		line[strcspn(line, "\n")] = '\0';
	} else {
		snprintf(line, sizeof line,
			 dngettext(LZ_GETTEXT_PACKAGE, "%d: %zu disclosure", "%d: %zu disclosures",
				   s->all.n),
			 app->db.plan->year, s->all.n);
	}
	ui_put_cut(w, 1, 0, line, width, S_NORMAL);
	if (!s->all.n) {
		ui_put_cut(w, 3, 0, _("None recorded this year: F2 or a adds one; ← → the other registers."),
			   width, S_DIM);
		return;
	}
	int rows = (height - 4) / 2;
	if (rows < 3)
		rows = height - 4;
	draw_table(app, s, w, 2, rows, width);
	int y = rows + 3;
	if (y < height)
		mvwhline(w, y++, 0, ACS_HLINE, width);
	if (y < height)
		draw_detail(app, record_at(s, s->selected), w, y, height, width);
}

static int step(ui_app *app)
{
	registers_state *s = state(app);
	s->selected = ui_list_step(s->selected, s->all.n, 10, app->action);
	return UI_DIRTY_PANE;
}

static int switch_register(ui_app *app)
{
	registers_state *s = state(app);
	s->which = (s->which + (app->action == ACT_RIGHT ? 1 : N_REGISTERS - 1)) % N_REGISTERS;
	s->selected = s->top = 0;
	s->loaded = false;
	return UI_DIRTY_PANE;
}

static int written(ui_app *app, lz_id id)
{
	registers_state *s = state(app);
	ui_panes_reload(app);
	s->want = id;
	return UI_DIRTY_ALL;
}

static int add(ui_app *app)
{
	lz_id saved = 0;
	if (ui_register_form(app, kinds[state(app)->which], 0, &saved))
		return written(app, saved);
	return UI_DIRTY_ALL;
}

/* Edit, delete or relay the selected record. */
static int on_selected(ui_app *app)
{
	registers_state *s = state(app);
	if (!s->all.n) {
		ui_set_message(app, false, "%s", _("Nothing selected: F2 or a adds a record."));
		return UI_DIRTY_ALL;
	}
	const lz_record *r = record_at(s, s->selected);
	lz_id id = r->u.meta.id;
	lz_kind kind = r->kind;
	uint32_t version = r->u.meta.version;
	if (app->action == ACT_DELETE)
		ui_register_delete(app, kind, id, version);
	else if (app->action == ACT_REVIEW)
		ui_notice_relay(app, id);
	else
		ui_register_form(app, kind, id, NULL);
	return written(app, id);
}

enum { MODE_NOTICES = 1 };

static unsigned mode(ui_app *app)
{
	return kinds[state(app)->which] == LZ_KIND_NOTICE ? MODE_NOTICES : 0;
}

static const ui_key keys[] = {
	{.acts = {ACT_LEFT, ACT_RIGHT}, .run = switch_register, .bar = N_("Register"),
	 .help = N_("the other registers: notices, disclosures, the four forms")},
	{.acts = {ACT_UP, ACT_DOWN}, .run = step, .help = N_("choose a record")},
	{.acts = {ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END}, .run = step,
	 .help = N_("a page up / down, the first / the last")},
	{.acts = {ACT_ADD}, .run = add, .bar = N_("New"),
	 .help = N_("new record in the register shown")},
	{.acts = {ACT_REVIEW}, .when = MODE_NOTICES, .run = on_selected, .bar = N_("Relay"),
	 .help = N_("record how the selected notice was relayed: at a meeting, or another way")},
	{.acts = {ACT_ENTER}, .run = on_selected, .help = N_("edit the selected record")},
	{.acts = {ACT_EDIT}, .run = on_selected, .bar = N_("Edit"),
	 .help = N_("edit the selected record")},
	{.acts = {ACT_DELETE}, .run = on_selected, .bar = N_("Delete"),
	 .help = N_("delete the selected record (asks first)")},
};

static void release(ui_app *app)
{
	registers_state *s = app->registers;
	if (!s)
		return;
	lz_arena_free(&s->arena);
	lz_vec_free(&s->all);
	free(s);
	app->registers = NULL;
}

static bool selected(ui_app *app, lz_kind *kind, lz_id *id, const char **name)
{
	registers_state *s = state(app);
	if (!s->loaded || s->selected >= s->all.n)
		return false;
	const lz_record *r = record_at(s, s->selected);
	*kind = r->kind;
	*id = r->u.meta.id;
	*name = lz_record_title(r, &s->arena);
	return true;
}

const ui_pane ui_registers_pane = UI_RECORD_PANE(N_("Registers"), N_("Registers:"));
