/* Integrity risk points (廉政风险点) from the screen: the risk form, a
 * review appended to the point's log, deletion.  One store transaction
 * each, after the command line's validation, carrying the version the
 * change was based on.  The next review date follows the level's
 * interval until the secretary types one of her own. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_dated.h"
#include "lz_validate.h"
#include "ui_form.h"
#include "ui_record_form.h"

typedef struct risk_form {
	ui_app *app;
	lz_id id;
	uint32_t version;
	lz_record rec;
	lz_arena arena;
	lz_id saved;
	/* The next review date the form filled in itself; while the field
	 * still holds it, it follows the level (or the review date). */
	char auto_next[LZ_DATE_STRLEN];
	ui_record_fields rf;
	size_t level, review;  /* their form fields */
} risk_form;

static bool read_risk(ui_app *app, lz_id id, lz_arena *arena, lz_record *rec)
{
	return ui_read_for_edit(app, LZ_KIND_RISK, id, arena, rec);
}

/* Puts the interval's date into field when it still holds the form's own
 * previous suggestion. */
static void follow_interval(risk_form *x, ui_field *field, const char *level, lz_day from)
{
	char *v = ui_field_value(field);
	if (strcmp(v, x->auto_next) == 0) {
		lz_day next = lz_risk_next_review(x->app->db.plan, level, from);
		x->auto_next[0] = '\0';
		if (next != LZ_NO_DAY)
			lz_day_format(next, x->auto_next);
		ui_field_set(field, x->auto_next);
	}
	free(v);
}

static void risk_changed(ui_form *f, void *ctx)
{
	risk_form *x = ctx;
	if (!x->id)
		follow_interval(x, &f->fields[x->review],
				x->rf.choice_ids[x->level][f->fields[x->level].choice],
				ui_day_in_view(x->app, true));
}

static bool save_risk(ui_form *f, void *ctx, lz_err *err)
{
	risk_form *x = ctx;
	const lz_plan *plan = x->app->db.plan;
	lz_record rec = x->rec;
	lz_risk *r = &rec.u.risk;
	if (!ui_record_fields_apply(&x->rf, f->fields, plan, &rec, &x->arena, err))
		return false;
	if (!x->id)
		r->meta.year = plan->year;
	lz_op_kind op = x->id ? LZ_OP_UPDATE : LZ_OP_ADD;
	if (!ui_write_record(x->app, &rec, op, x->version, err))
		return false;
	x->saved = rec.u.meta.id;
	if (!ui_write_unchanged(x->app, &rec, op, x->version))
		ui_set_message(x->app, false,
			       x->id ? _("Risk point saved: %s") : _("Risk point added: %s"), r->desc);
	return true;
}

/* The status field becomes a choice of the plan's statuses, as an item's
 * is: names shown and kept.  A status the point holds from elsewhere (the
 * command line takes any text) stays among them, and one left empty
 * stays empty until another is chosen. */
static void status_choice(const lz_plan *plan, lz_arena *a, ui_field *f, const char *current,
			  bool editing)
{
	size_t n = plan->n_item_statuses, k = 0, sel = 0;
	const char **names = lz_arena_alloc(a, (n + 2) * sizeof *names);
	bool empty = !current || !*current, found = false;
	if (empty && editing)
		names[k++] = "";
	for (size_t i = 0; i < n; i++) {
		const lz_item_status *st = &plan->item_statuses[i];
		if (!empty && !found && (strcmp(st->name, current) == 0 || strcmp(st->id, current) == 0)) {
			sel = k;
			found = true;
		}
		names[k++] = st->name;
	}
	if (!empty && !found) {
		sel = k;
		names[k++] = current;
	}
	const char *label = f->label;
	le_free(&f->edit);
	ui_field_choice(f, label, names, k, sel);
}

bool ui_risk_form(ui_app *app, lz_id id, lz_id *saved)
{
	const lz_plan *plan = app->db.plan;
	risk_form x = {.app = app, .id = id};
	x.rec.kind = LZ_KIND_RISK;
	lz_risk_init(&x.rec.u.risk);
	lz_risk *r = &x.rec.u.risk;
	if (id) {
		if (!read_risk(app, id, &x.arena, &x.rec)) {
			lz_arena_free(&x.arena);
			return false;
		}
		x.version = r->meta.version;
	} else {
		/* The middle of every scale: nothing is assumed severe or mild. */
		r->level = plan->risk_levels[plan->n_risk_levels / 2].id;
		r->likelihood = r->impact = 3;
		r->review = lz_risk_next_review(plan, r->level, ui_day_in_view(app, true));
	}
	ui_record_fields_build(app, &x.rec, &x.arena, &x.rf);
	status_choice(plan, &x.arena, ui_record_field(&x.rf, "status"), r->status, id != 0);
	ui_record_field(&x.rf, "measures")->rows = 3;
	x.level = (size_t)(ui_record_field(&x.rf, "level") - x.rf.fields);
	x.review = (size_t)(ui_record_field(&x.rf, "review") - x.rf.fields);
	if (!id && r->review != LZ_NO_DAY)
		lz_day_format(r->review, x.auto_next);

	ui_form form = {
		.title = id ? _("Edit risk point") : _("New risk point"),
		.fields = x.rf.fields, .n = x.rf.n, .save = save_risk, .changed = risk_changed,
		.ctx = &x,
	};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&x.arena);
	if (ok && saved)
		*saved = x.saved;
	return ok;
}

enum { V_DATE, V_RESULT, V_NEXT, V_FIELDS };

static lz_day review_date(ui_form *f)
{
	lz_day d;
	return ui_field_day(&f->fields[V_DATE], &d) ? d : LZ_NO_DAY;
}

static void review_changed(ui_form *f, void *ctx)
{
	risk_form *x = ctx;
	lz_day d = review_date(f);
	if (d != LZ_NO_DAY)
		follow_interval(x, &f->fields[V_NEXT], x->rec.u.risk.level, d);
}

static bool save_review(ui_form *f, void *ctx, lz_err *err)
{
	risk_form *x = ctx;
	lz_record rec = x->rec;
	lz_day date = review_date(f), next;
	if (date == LZ_NO_DAY)
		return lz_err_set(err, LZ_EDATA, _("date: not a real date (YYYY-MM-DD)")), false;
	if (!ui_field_day(&f->fields[V_NEXT], &next))
		return lz_err_set(err, LZ_EDATA, _("next review: not a real date (YYYY-MM-DD)")), false;
	/* The log is rebuilt in the arena: a refused save leaves x->rec as read. */
	if (lz_risk_add_review(x->app->db.plan, &x->arena, &rec.u.risk, date,
			       ui_field_text_in(&f->fields[V_RESULT], &x->arena), next, err) != LZ_OK)
		return false;
	if (!ui_write_record(x->app, &rec, LZ_OP_UPDATE, x->version, err))
		return false;
	char due[LZ_DATE_STRLEN] = "";
	if (rec.u.risk.review != LZ_NO_DAY)
		lz_day_format(rec.u.risk.review, due);
	ui_set_message(x->app, false, _("Review recorded: %s; next review %s"), rec.u.risk.desc, due);
	return true;
}

bool ui_risk_review(ui_app *app, lz_id id)
{
	risk_form x = {.app = app, .id = id};
	if (!read_risk(app, id, &x.arena, &x.rec)) {
		lz_arena_free(&x.arena);
		return false;
	}
	x.version = x.rec.u.meta.version;
	char day[LZ_DATE_STRLEN], title[600];
	lz_day reviewed = ui_day_in_view(app, true);
	lz_day_format(reviewed, day);
	lz_day next = lz_risk_next_review(app->db.plan, x.rec.u.risk.level, reviewed);
	if (next != LZ_NO_DAY)
		lz_day_format(next, x.auto_next);
	snprintf(title, sizeof title, _("Review: %s"), x.rec.u.risk.desc);
	ui_field fields[V_FIELDS];
	ui_field_text(&fields[V_DATE], _("Date"), F_DATE, day, 0);
	ui_field_text(&fields[V_RESULT], _("Result"), F_LONG, "", LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[V_NEXT], _("Next review"), F_DATE, x.auto_next, 0);
	fields[V_DATE].required = fields[V_RESULT].required = true;
	fields[V_RESULT].rows = 4;
	ui_form form = {.title = title, .fields = fields, .n = V_FIELDS, .save = save_review,
			.changed = review_changed, .ctx = &x, .active = V_RESULT};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&x.arena);
	return ok;
}

static const char *risk_desc(const lz_record *rec)
{
	return rec->u.risk.desc;
}

bool ui_risk_delete(ui_app *app, lz_id id, uint32_t version)
{
	return ui_delete_record(app, LZ_KIND_RISK, id, version,
				_("Delete the risk point \"%s\"? (y/n)"), _("Risk point deleted: %s"),
				risk_desc);
}
