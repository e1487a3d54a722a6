/* Records read and written from the screen: one store transaction per
 * change, after the same validation as the command line, carrying the
 * version the change was based on; what goes wrong is said on the key
 * bar or returned for a form to show. */
#include <stdio.h>

#include "lz_i18n.h"
#include "ui.h"

bool ui_read_record(ui_app *app, lz_kind kind, lz_id id, lz_arena *arena, lz_record *rec)
{
	lz_err err;
	if (lz_store_get(app->db.store, kind, id, arena, rec, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		return false;
	}
	return true;
}

/* What a form cannot show as one of its choices, in a sentence; NULL
 * when every choice-valued field holds one the form offers. */
static const char *unchoosable(const lz_plan *plan, const lz_record *rec, char *buf, size_t size)
{
	switch (rec->kind) {
	case LZ_KIND_MEETING:
		if (!lz_plan_meeting_type(plan, rec->u.meeting.type))
			snprintf(buf, size, _("its meeting type '%s' is not in the plan"), rec->u.meeting.type);
		else if ((unsigned)rec->u.meeting.status > LZ_MEETING_CANCELLED)
			snprintf(buf, size, _("its status is not one the program knows"));
		else
			return NULL;
		return buf;
	case LZ_KIND_ITEM:
		if (!lz_plan_task(plan, rec->u.item.task))
			snprintf(buf, size, _("its task %d is not in the plan"), rec->u.item.task);
		else if (!lz_plan_item_status(plan, rec->u.item.status))
			snprintf(buf, size, _("its status '%s' is not in the plan"), rec->u.item.status);
		else
			return NULL;
		return buf;
	case LZ_KIND_RISK:
		if (!lz_plan_risk_level(plan, rec->u.risk.level))
			snprintf(buf, size, _("its risk level '%s' is not in the plan"), rec->u.risk.level);
		else if (rec->u.risk.likelihood < 1 || rec->u.risk.likelihood > 5)
			snprintf(buf, size, _("its likelihood %d is outside 1-5"), rec->u.risk.likelihood);
		else if (rec->u.risk.impact < 1 || rec->u.risk.impact > 5)
			snprintf(buf, size, _("its impact %d is outside 1-5"), rec->u.risk.impact);
		else
			return NULL;
		return buf;
	case LZ_KIND_DISCIPLINE:
		if (rec->u.discipline.form < 1 || rec->u.discipline.form > 4)
			snprintf(buf, size, _("its form %d is outside 1-4"), rec->u.discipline.form);
		else
			return NULL;
		return buf;
	default:
		return NULL;
	}
}

bool ui_read_for_edit(ui_app *app, lz_kind kind, lz_id id, lz_arena *arena, lz_record *rec)
{
	if (!ui_read_record(app, kind, id, arena, rec))
		return false;
	/* A form shows such a field as one of its choices: a stored value
	 * outside them (a likelihood of 77, a type a later plan dropped)
	 * would come back changed on save without the user touching it.
	 * Other rules are left to the save, so a form can fix what they
	 * find. */
	char why[300];
	const char *bad = unchoosable(app->db.plan, rec, why, sizeof why);
	if (bad)
		ui_set_message(app, true, _("%s %llu cannot be edited here: %s"), lz_kind_label(kind),
			       (unsigned long long)id, bad);
	return !bad;
}

bool ui_write_record(ui_app *app, lz_record *rec, lz_op_kind op, uint32_t version, lz_err *err)
{
	return lz_session_save(&app->db, op, rec, version, err) == LZ_OK;
}

bool ui_write_unchanged(ui_app *app, const lz_record *rec, lz_op_kind op, uint32_t version)
{
	if (op != LZ_OP_UPDATE || rec->u.meta.version != version)
		return false;
	ui_set_message(app, false, "%s", _("No change: nothing was saved."));
	return true;
}

bool ui_delete_record(ui_app *app, lz_kind kind, lz_id id, uint32_t version, const char *question,
		      const char *done, const char *(*name)(const lz_record *rec))
{
	lz_arena a = {0};
	lz_record rec;
	bool ok = false;
	if (ui_read_record(app, kind, id, &a, &rec) && ui_confirm_about(app, question, name(&rec))) {
		lz_err err;
		lz_err_clear(&err);
		/* Only what was on the screen: a record changed meanwhile stays. */
		ok = lz_session_remove(&app->db, kind, id, version, &err) == LZ_OK;
		if (ok)
			ui_set_message(app, false, done, name(&rec));
		else
			ui_set_message(app, true, "%s", err.msg);
	}
	lz_arena_free(&a);
	return ok;
}
