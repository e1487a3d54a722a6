/* Records read and written from the screen: one store transaction per
 * change, after the same validation as the command line, carrying the
 * version the change was based on; what goes wrong is said on the key
 * bar or returned for a form to show. */
#include "lz_validate.h"
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

bool ui_write_record(ui_app *app, lz_record *rec, lz_op_kind op, uint32_t version, lz_err *err)
{
	if (lz_validate_record(app->db.plan, rec, err) != LZ_OK)
		return false;
	lz_op o = {.op = op, .kind = rec->kind, .rec = rec, .expect_version = version};
	return lz_store_apply(app->db.store, &o, 1, err) == LZ_OK;
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
		lz_op op = {.op = LZ_OP_REMOVE, .kind = kind, .id = id, .expect_version = version};
		ok = lz_store_apply(app->db.store, &op, 1, &err) == LZ_OK;
		if (ok)
			ui_set_message(app, false, done, name(&rec));
		else
			ui_set_message(app, true, "%s", err.msg);
	}
	lz_arena_free(&a);
	return ok;
}
