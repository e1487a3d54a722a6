/* Responsibility items (责任事项) from the screen: the item form (task,
 * title, owner, source, deadline, status), a dated progress note, a new
 * status and deletion.  Each is one store transaction after the same
 * validation as the command line; a change carries the version it was
 * based on, so one made meanwhile elsewhere is refused, not overwritten. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_dated.h"
#include "lz_validate.h"
#include "ui_form.h"
#include "ui_record_form.h"

typedef struct item_form {
	ui_app *app;
	lz_id id;
	uint32_t version;
	lz_record rec;  /* as read (an edit keeps what the form does not show) */
	lz_arena arena;
	lz_id saved;
	ui_record_fields rf;
} item_form;

static bool read_item(ui_app *app, lz_id id, lz_arena *arena, lz_record *rec)
{
	return ui_read_for_edit(app, LZ_KIND_ITEM, id, arena, rec);
}

static bool save_item(ui_form *f, void *ctx, lz_err *err)
{
	item_form *x = ctx;
	const lz_plan *plan = x->app->db.plan;
	lz_record rec = x->rec;
	lz_item *it = &rec.u.item;
	if (!ui_record_fields_apply(&x->rf, f->fields, plan, &rec, &x->arena, err))
		return false;
	lz_item_closing(plan, it, x->id ? x->rec.u.item.status : NULL, ui_day_in_view(x->app, true));
	if (!x->id)
		it->meta.year = plan->year;
	lz_op_kind op = x->id ? LZ_OP_UPDATE : LZ_OP_ADD;
	if (!ui_write_record(x->app, &rec, op, x->version, err))
		return false;
	x->saved = rec.u.meta.id;
	if (!ui_write_unchanged(x->app, &rec, op, x->version))
		ui_set_message(x->app, false, x->id ? _("Item saved: %s") : _("Item added: %s"),
			       it->title);
	return true;
}

static bool collect_source(const lz_record *r, void *ctx)
{
	lz_words_add(ctx, r->u.item.source);
	return true;
}

bool ui_item_form(ui_app *app, lz_id id, int task, const char *source, lz_id *saved)
{
	const lz_plan *plan = app->db.plan;
	item_form x = {.app = app, .id = id};
	x.rec.kind = LZ_KIND_ITEM;
	lz_item_init(&x.rec.u.item);
	if (id) {
		if (!read_item(app, id, &x.arena, &x.rec)) {
			lz_arena_free(&x.arena);
			return false;
		}
		x.version = x.rec.u.meta.version;
	} else {
		x.rec.u.item.task = task;
		x.rec.u.item.source = source;
		x.rec.u.item.status = plan->item_statuses[0].id;
	}
	ui_record_fields_build(app, &x.rec, &x.arena, &x.rf);
	/* The sources already typed are offered again: a rectification
	 * round's name is typed once. */
	lz_words sources = {.arena = &x.arena};
	lz_arena scratch = {0};
	lz_err err;
	if (lz_store_items_by_task(app->db.store, 0, &scratch, collect_source, &sources, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	lz_arena_free(&scratch);
	ui_field *src = ui_record_field(&x.rf, "source");
	src->picks = sources.v;
	src->n_picks = sources.n;
	ui_record_field(&x.rf, "measures")->rows = 3;

	ui_form form = {
		.title = id ? _("Edit item") : _("New item"),
		.fields = x.rf.fields, .n = x.rf.n, .save = save_item, .ctx = &x,
		.active = (size_t)(ui_record_field(&x.rf, "title") - x.rf.fields),
	};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&x.arena);
	if (ok && saved)
		*saved = x.saved;
	return ok;
}

enum { N_DATE, N_TEXT, N_FIELDS };

static bool save_note(ui_form *f, void *ctx, lz_err *err)
{
	item_form *x = ctx;
	lz_record rec = x->rec;
	lz_day date;
	if (!ui_field_day(&f->fields[N_DATE], &date) || date == LZ_NO_DAY)
		return lz_err_set(err, LZ_EDATA, _("date: not a real date (YYYY-MM-DD)")), false;
	/* A new log each time: a refused save leaves the item as read. */
	lz_item_add_note(&x->arena, &rec.u.item, date, ui_field_text_in(&f->fields[N_TEXT], &x->arena));
	if (!ui_write_record(x->app, &rec, LZ_OP_UPDATE, x->version, err))
		return false;
	x->saved = rec.u.meta.id;
	ui_set_message(x->app, false, _("Progress note added: %s"), rec.u.item.title);
	return true;
}

bool ui_item_note(ui_app *app, lz_id id)
{
	item_form x = {.app = app, .id = id};
	if (!read_item(app, id, &x.arena, &x.rec)) {
		lz_arena_free(&x.arena);
		return false;
	}
	x.version = x.rec.u.meta.version;
	char day[LZ_DATE_STRLEN], title[600];
	lz_day_format(ui_day_in_view(app, true), day);
	snprintf(title, sizeof title, _("Progress note: %s"), x.rec.u.item.title);
	ui_field fields[N_FIELDS];
	ui_field_text(&fields[N_DATE], _("Date"), F_DATE, day, 0);
	ui_field_text(&fields[N_TEXT], _("Progress"), F_LONG, "", LZ_MAX_LONG_BYTES);
	fields[N_DATE].required = fields[N_TEXT].required = true;
	fields[N_TEXT].rows = 4;
	ui_form form = {.title = title, .fields = fields, .n = N_FIELDS, .save = save_note,
			.ctx = &x, .active = N_TEXT};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&x.arena);
	return ok;
}

bool ui_item_status(ui_app *app, lz_id id, uint32_t version)
{
	const lz_plan *plan = app->db.plan;
	lz_arena a = {0};
	lz_record rec;
	if (!read_item(app, id, &a, &rec)) {
		lz_arena_free(&a);
		return false;
	}
	const char **names = lz_arena_alloc(&a, plan->n_item_statuses * sizeof *names);
	size_t current = 0;
	for (size_t i = 0; i < plan->n_item_statuses; i++) {
		names[i] = plan->item_statuses[i].name;
		if (strcmp(plan->item_statuses[i].id, rec.u.item.status) == 0)
			current = i;
	}
	int pick = ui_pick(app, _("Status"), names, plan->n_item_statuses, current);
	bool ok = false;
	if (pick >= 0 && (size_t)pick != current) {
		rec.u.item.status = plan->item_statuses[pick].id;
		lz_err err;
		lz_err_clear(&err);
		ok = ui_write_record(app, &rec, LZ_OP_UPDATE, version, &err);
		if (ok)
			ui_set_message(app, false, _("%s: now %s"), rec.u.item.title, names[pick]);
		else
			ui_set_message(app, true, "%s", err.msg);
	}
	lz_arena_free(&a);
	return ok;
}

static const char *item_title(const lz_record *rec)
{
	return rec->u.item.title;
}

bool ui_item_delete(ui_app *app, lz_id id, uint32_t version)
{
	return ui_delete_record(app, LZ_KIND_ITEM, id, version, _("Delete the item \"%s\"? (y/n)"),
				_("Item deleted: %s"), item_title);
}
