/* People (人员) from the screen: the person form (姓名, 职务, 部门, the
 * roles with their scopes) from the person field table, deletion, and the
 * list F5 opens in a field that names a person.  Records name people by
 * name, as text, so a name another person has is saved only after a yes,
 * and a deletion first says how many records still name the person (they
 * keep the name, as the store keeps every record as written). */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_people.h"
#include "lz_validate.h"
#include "lz_vec.h"
#include "ui_form.h"
#include "ui_record_form.h"

typedef struct person_form {
	ui_app *app;
	lz_id id;
	uint32_t version;
	lz_record rec;  /* as read: the name it had decides whether to ask */
	lz_arena arena;
	lz_id saved;
	char *saved_name;
	ui_record_fields rf;
} person_form;

/* Whether rec may be saved under its name: yes when no other person has
 * it, or the name is the one it had, or the secretary says so. */
static bool namesake_accepted(person_form *x, const lz_record *rec, lz_err *err)
{
	const char *name = rec->u.person.name, *was = x->id ? x->rec.u.person.name : NULL;
	if (was && strcmp(was, name) == 0)
		return true;
	lz_id other;
	if (lz_people_same_name(x->app->db.store, name, x->id, &other, err) != LZ_OK)
		return false;
	if (!other ||
	    ui_confirm_about(x->app, _("Another person is named %s too. Save all the same? (y/n)"),
			     name))
		return true;
	lz_err_set(err, LZ_EDATA, "%s",
		   _("Not saved: another person has this name. Change it, or save again and answer y."));
	return false;
}

static bool save_person(ui_form *f, void *ctx, lz_err *err)
{
	person_form *x = ctx;
	const lz_plan *plan = x->app->db.plan;
	lz_record rec = x->rec;
	if (!ui_record_fields_apply(&x->rf, f->fields, plan, &rec, &x->arena, err))
		return false;
	if (!x->id)
		rec.u.meta.year = plan->year;
	/* A record the save would refuse is not worth a question. */
	if (lz_validate_record(plan, &rec, err) != LZ_OK || !namesake_accepted(x, &rec, err))
		return false;
	lz_op_kind op = x->id ? LZ_OP_UPDATE : LZ_OP_ADD;
	if (!ui_write_record(x->app, &rec, op, x->version, err))
		return false;
	x->saved = rec.u.meta.id;
	x->saved_name = strdup(rec.u.person.name);
	if (!x->saved_name)
		abort();
	if (!ui_write_unchanged(x->app, &rec, op, x->version))
		ui_set_message(x->app, false, x->id ? _("Person saved: %s") : _("Person added: %s"),
			       rec.u.person.name);
	return true;
}

bool ui_person_form(ui_app *app, lz_id id, lz_id *saved, char **name)
{
	person_form x = {.app = app, .id = id};
	lz_record_init(LZ_KIND_PERSON, &x.rec);
	if (id) {
		if (!ui_read_for_edit(app, LZ_KIND_PERSON, id, &x.arena, &x.rec)) {
			lz_arena_free(&x.arena);
			return false;
		}
		x.version = x.rec.u.meta.version;
	}
	ui_record_fields_build(app, &x.rec, &x.arena, &x.rf);
	ui_record_field(&x.rf, "role")->rows = 3;
	ui_form form = {
		.title = id ? _("Edit person") : _("New person"),
		.fields = x.rf.fields, .n = x.rf.n, .save = save_person, .ctx = &x,
	};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&x.arena);
	if (ok && saved)
		*saved = x.saved;
	if (ok && name)
		*name = x.saved_name;
	else
		free(x.saved_name);
	return ok;
}

static const char *person_name(const lz_record *rec)
{
	return rec->u.person.name;
}

bool ui_person_delete(ui_app *app, lz_id id, uint32_t version)
{
	lz_arena a = {0};
	lz_record rec;
	if (!ui_read_record(app, LZ_KIND_PERSON, id, &a, &rec)) {
		lz_arena_free(&a);
		return false;
	}
	size_t counts[LZ_KIND_COUNT], total = 0;
	lz_err err;
	lz_err_clear(&err);
	if (lz_people_named_in(app->db.store, rec.u.person.name, counts, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
		lz_arena_free(&a);
		return false;
	}
	lz_arena_free(&a);
	for (int k = 0; k < LZ_KIND_COUNT; k++)
		total += counts[k];
	/* The question names the person (%s, filled in by ui_delete_record)
	 * and, when records still name them, how many. */
	char question[300];
	if (total)
		snprintf(question, sizeof question,
			 dngettext(LZ_GETTEXT_PACKAGE,
				   "Delete %%s? %zu record still names this person and keeps the name. (y/n)",
				   "Delete %%s? %zu records still name this person and keep the name. (y/n)",
				   total),
			 total);
	else
		snprintf(question, sizeof question, "%s", _("Delete the person %s? (y/n)"));
	return ui_delete_record(app, LZ_KIND_PERSON, id, version, question, _("Person deleted: %s"),
				person_name);
}

typedef struct roster {
	lz_arena *arena;
	lz_vec labels, names;  /* const char *, one each a person */
} roster;

static bool keep_person(const lz_record *r, void *ctx)
{
	roster *x = ctx;
	const lz_person *p = &r->u.person;
	if (!p->name || !*p->name)
		return true;
	/* The post beside the name tells namesakes apart. */
	*(const char **)lz_vec_push(&x->labels) =
		p->post && *p->post ? lz_arena_printf(x->arena, "%s  %s", p->name, p->post)
				    : lz_arena_strdup(x->arena, p->name);
	*(const char **)lz_vec_push(&x->names) = lz_arena_strdup(x->arena, p->name);
	return true;
}

char *ui_pick_person(ui_app *app, const char *label)
{
	lz_arena a = {0}, scratch = {0};
	roster x = {&a, LZ_VEC(const char *), LZ_VEC(const char *)};
	lz_err err;
	if (lz_store_scan(app->db.store, LZ_KIND_PERSON, &scratch, keep_person, &x, &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	lz_arena_free(&scratch);
	size_t n = x.names.n;
	/* The last entry adds a person. */
	*(const char **)lz_vec_push(&x.labels) = _("+ Add a person…");
	const char **labels = lz_vec_keep(&x.labels, &a), **names = lz_vec_keep(&x.names, &a);
	const char *title = n ? label : _("No people yet: Enter adds one (tab 5 lists them)");
	int i = ui_pick(app, title, labels, n + 1, 0);
	char *name = NULL;
	if (i >= 0 && (size_t)i < n) {
		name = strdup(names[i]);
		if (!name)
			abort();
	} else if (i >= 0) {
		ui_person_form(app, 0, NULL, &name);
	}
	lz_arena_free(&a);
	return name;
}
