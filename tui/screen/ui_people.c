/* 人员 (people, tab 5): everyone recorded, as entered, with 姓名, 职务,
 * 部门 and the roles each holds by the role's name and scope (分管领导一岗
 * 双责（办公室）); below, the selected person's fields and how many records
 * name them.  The forms' F5 offers these people; they are added, edited and
 * deleted here (ui_person_form.c). */
#include <stdlib.h>
#include <string.h>

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_people.h"
#include "lz_record_text.h"
#include "lz_text.h"
#include "lz_vec.h"
#include "ui.h"

typedef struct people_state {
	bool loaded;
	lz_arena arena;
	lz_vec all;             /* const lz_record *, by id */
	size_t selected, top;
	lz_id want;             /* a person to select once read */
	lz_id counted;          /* whose references refs holds; 0: none yet */
	size_t refs[LZ_KIND_COUNT];
} people_state;

static people_state *state(ui_app *app)
{
	static const people_state initial = {.all = LZ_VEC(const lz_record *)};
	return ui_pane_state(&app->people, sizeof initial, &initial);
}

static const lz_record *person_at(const people_state *p, size_t i)
{
	return ((const lz_record *const *)p->all.v)[i];
}

static bool keep(const lz_record *rec, void *ctx)
{
	*(const lz_record **)lz_vec_push(&((people_state *)ctx)->all) = rec;
	return true;
}

static void load(ui_app *app, people_state *p)
{
	lz_arena_free(&p->arena);
	p->all.n = 0;
	p->counted = 0;
	lz_err err;
	if (lz_store_scan(app->db.store, LZ_KIND_PERSON, &p->arena, keep, p, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	for (size_t i = 0; p->want && i < p->all.n; i++)
		if (person_at(p, i)->u.meta.id == p->want)
			p->selected = i;
	p->want = 0;
	if (p->selected >= p->all.n)
		p->selected = p->all.n ? p->all.n - 1 : 0;
	p->loaded = true;
}

static void sync(ui_app *app, people_state *p)
{
	if (!p->loaded)
		load(app, p);
}

static void reload(ui_app *app)
{
	state(app)->loaded = false;
}

void ui_people_select(ui_app *app, lz_id id)
{
	people_state *p = state(app);
	p->want = id;
	p->loaded = false;
}

/* A field's value on one line: list entries joined by 、. */
static const char *cell(const lz_record *r, const lz_plan *plan, const char *key, lz_arena *a)
{
	const lz_fielddef *f = lz_field_find(lz_fields_of(LZ_KIND_PERSON), key);
	const char *v = lz_field_format(f, r, plan, LZ_FSTYLE_SHOW, a);
	if (!strchr(v, '\n'))
		return v;
	size_t lines = 1;
	for (const char *c = v; *c; c++)
		lines += *c == '\n';
	char *out = lz_arena_alloc(a, strlen(v) + 2 * lines + 1), *o = out;
	for (const char *c = v; *c; c++)
		if (*c == '\n')
			o += sprintf(o, "、");
		else
			*o++ = *c;
	*o = '\0';
	return out;
}

static const char *label(const char *key)
{
	return lz_field_label(lz_field_find(lz_fields_of(LZ_KIND_PERSON), key));
}

/* The table's columns: name, post and department fixed, roles the rest. */
enum { C_NAME = 2, W_NAME = 10, W_POST = 16, W_DEPT = 12 };

static void draw_table(ui_app *app, people_state *p, WINDOW *w, int y0, int rows, int width)
{
	static const struct {
		const char *key;
		int x, w;
	} cols[] = {
		{"name", C_NAME, W_NAME},
		{"post", C_NAME + W_NAME + 1, W_POST},
		{"dept", C_NAME + W_NAME + W_POST + 2, W_DEPT},
		{"role", C_NAME + W_NAME + W_POST + W_DEPT + 3, 0},
	};
	enum { N_COLS = sizeof cols / sizeof *cols };
	for (size_t c = 0; c < N_COLS; c++)
		ui_put(w, y0, cols[c].x, label(cols[c].key), cols[c].w ? cols[c].w : width - cols[c].x,
		       S_DIM);
	if (p->top > p->selected)
		p->top = p->selected;
	if (p->selected >= p->top + (size_t)rows)
		p->top = p->selected - (size_t)rows + 1;
	lz_arena a = {0};
	for (size_t i = p->top; i < p->all.n && (int)(i - p->top) < rows; i++) {
		const lz_record *r = person_at(p, i);
		int y = y0 + 1 + (int)(i - p->top);
		bool sel = i == p->selected;
		ui_style st = sel ? S_SELECTED : S_NORMAL;
		if (sel)
			ui_fill(w, y, 0, width, S_SELECTED);
		for (size_t c = 0; c < N_COLS; c++)
			ui_put_cut(w, y, cols[c].x, cell(r, app->db.plan, cols[c].key, &a),
				   cols[c].w ? cols[c].w : width - cols[c].x, st);
		lz_arena_free(&a);
	}
}

/* "Named in 2 items, 1 meeting": the records that keep the name. */
static void draw_refs(ui_app *app, people_state *p, const lz_record *r, WINDOW *w, int y,
		      int width)
{
	if (p->counted != r->u.meta.id) {
		lz_err err;
		lz_err_clear(&err);
		if (lz_people_named_in(app->db.store, r->u.person.name, p->refs, &err) != LZ_OK) {
			ui_put_cut(w, y, 0, err.msg, width, S_ERROR);
			return;
		}
		p->counted = r->u.meta.id;
	}
	size_t items = p->refs[LZ_KIND_ITEM], meetings = p->refs[LZ_KIND_MEETING],
	       risks = p->refs[LZ_KIND_RISK];
	char part[3][64], line[256];
	snprintf(part[0], sizeof part[0],
		 dngettext(LZ_GETTEXT_PACKAGE, "%zu item", "%zu items", items), items);
	snprintf(part[1], sizeof part[1],
		 dngettext(LZ_GETTEXT_PACKAGE, "%zu meeting", "%zu meetings", meetings), meetings);
	snprintf(part[2], sizeof part[2],
		 dngettext(LZ_GETTEXT_PACKAGE, "%zu risk point", "%zu risk points", risks), risks);
	size_t counts[3] = {items, meetings, risks};
	size_t len = (size_t)snprintf(line, sizeof line, "%s", _("Named in: "));
	bool any = false;
	for (size_t k = 0; k < 3 && len < sizeof line; k++) {
		if (!counts[k])
			continue;
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", any ? _(", ") : "",
					part[k]);
		any = true;
	}
	ui_put_cut(w, y, 0, any ? line : _("No record names this person."), width, S_DIM);
}

static void draw_detail(ui_app *app, people_state *p, const lz_record *r, WINDOW *w, int y,
			int height, int width)
{
	lz_arena a = {0};
	lz_fields f;
	lz_record_fields(r, app->db.plan, &a, &f);
	int lw = 10;
	for (size_t i = 0; i < f.n; i++)
		if (lz_text_width(f.v[i].label) + 2 > lw)
			lw = lz_text_width(f.v[i].label) + 2;
	for (size_t i = 0; i < f.n && y < height - 1; i++) {
		if (!*f.v[i].value)
			continue;
		ui_put(w, y, 0, f.v[i].label, lw, S_HEADER);
		/* Roles one a line, as many as fit above the last row. */
		y = ui_put_wrapped(w, y, lw, width - lw, height - 1, f.v[i].value, S_NORMAL);
	}
	lz_arena_free(&a);
	if (y < height)
		draw_refs(app, p, r, w, y, width);
}

static void draw(ui_app *app, WINDOW *w, int height, int width)
{
	people_state *p = state(app);
	sync(app, p);
	char head[160];
	snprintf(head, sizeof head, _("People: %zu"), p->all.n);
	ui_put(w, 0, 0, head, width, S_HEADER);
	if (!p->all.n) {
		ui_put_cut(w, 2, 0, _("No people yet: F2 or a adds one."), width, S_DIM);
		ui_put_cut(w, 3, 0, _("The forms then offer them on F5: an owner, a host, a recorder."),
			   width, S_DIM);
		return;
	}
	/* The table takes the upper half; the selected person below. */
	int rows = (height - 3) / 2;
	if (rows < 3)
		rows = height - 3;
	draw_table(app, p, w, 1, rows, width);
	int y = rows + 2;
	if (y < height)
		mvwhline(w, y++, 0, ACS_HLINE, width);
	if (y < height)
		draw_detail(app, p, person_at(p, p->selected), w, y, height, width);
}

static int step(ui_app *app)
{
	people_state *p = state(app);
	p->selected = ui_list_step(p->selected, p->all.n, 10, app->action);
	return UI_DIRTY_PANE;
}

static int written(ui_app *app, lz_id id)
{
	ui_panes_reload(app);
	ui_people_select(app, id);
	return UI_DIRTY_ALL;
}

static int add(ui_app *app)
{
	lz_id saved = 0;
	if (ui_person_form(app, 0, &saved, NULL))
		return written(app, saved);
	return UI_DIRTY_ALL;
}

/* Edit or delete the selected person. */
static int on_selected(ui_app *app)
{
	people_state *p = state(app);
	if (!p->all.n) {
		ui_set_message(app, false, "%s", _("No person selected: F2 or a adds one."));
		return UI_DIRTY_ALL;
	}
	const lz_meta *m = &person_at(p, p->selected)->u.meta;
	lz_id id = m->id;
	/* Read again whatever the answer: a change refused as stale shows
	 * the other change. */
	if (app->action == ACT_DELETE)
		ui_person_delete(app, id, m->version);
	else
		ui_person_form(app, id, NULL, NULL);
	return written(app, id);
}

static unsigned mode(ui_app *app)
{
	(void)app;
	return 0;
}

static const ui_key keys[] = {
	{.acts = {ACT_UP, ACT_DOWN}, .run = step, .help = N_("choose a person")},
	{.acts = {ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END}, .run = step,
	 .help = N_("a page up / down, the first / the last")},
	{.acts = {ACT_ADD}, .run = add, .bar = N_("New"),
	 .help = N_("new person: name, post, department, the plan roles held")},
	{.acts = {ACT_ENTER}, .run = on_selected, .help = N_("edit the selected person")},
	{.acts = {ACT_EDIT}, .run = on_selected, .bar = N_("Edit"),
	 .help = N_("edit the selected person")},
	{.acts = {ACT_DELETE}, .run = on_selected, .bar = N_("Delete"),
	 .help = N_("delete the selected person (asks first, saying how many records name them)")},
};

static void release(ui_app *app)
{
	people_state *p = app->people;
	if (!p)
		return;
	lz_arena_free(&p->arena);
	lz_vec_free(&p->all);
	free(p);
	app->people = NULL;
}

static bool selected(ui_app *app, lz_kind *kind, lz_id *id, const char **name)
{
	people_state *p = state(app);
	if (!p->loaded || p->selected >= p->all.n)
		return false;
	const lz_record *r = person_at(p, p->selected);
	*kind = LZ_KIND_PERSON;
	*id = r->u.meta.id;
	*name = r->u.person.name;
	return true;
}

const ui_pane ui_people_pane = UI_RECORD_PANE(N_("People"), N_("People:"));
