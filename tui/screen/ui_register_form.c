/* The registers from the screen (issue 17): the form of a notice, a
 * disclosure or a discipline record from its field table, with the usual
 * words offered on F5 (the issuing bodies, the places of disclosure, the
 * measures of the four forms); a notice's relay, at one of the meetings
 * held since it came or another way; deletion. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_register.h"
#include "lz_validate.h"
#include "lz_vec.h"
#include "ui_form.h"
#include "ui_record_form.h"

typedef struct register_form {
	ui_app *app;
	lz_id id;
	uint32_t version;
	lz_record rec;
	lz_arena arena;
	lz_id saved;
	ui_record_fields rf;
} register_form;

static size_t count_of(const char *const *v)
{
	size_t n = 0;
	while (v[n])
		n++;
	return n;
}

static void offer(ui_record_fields *rf, const char *key, const char *const *words)
{
	ui_field *f = ui_record_field(rf, key);
	if (f) {
		f->picks = (const char **)words;
		f->n_picks = count_of(words);
	}
}

static const char *kind_title(lz_kind kind, bool edit)
{
	switch (kind) {
	case LZ_KIND_NOTICE: return edit ? _("Edit notice") : _("New notice");
	case LZ_KIND_DISCLOSURE: return edit ? _("Edit disclosure") : _("New disclosure");
	default: return edit ? _("Edit discipline record") : _("New discipline record");
	}
}

static bool save_register(ui_form *f, void *ctx, lz_err *err)
{
	register_form *x = ctx;
	const lz_plan *plan = x->app->db.plan;
	lz_record rec = x->rec;
	if (!ui_record_fields_apply(&x->rf, f->fields, plan, &rec, &x->arena, err))
		return false;
	if (!x->id)
		rec.u.meta.year = plan->year;
	lz_op_kind op = x->id ? LZ_OP_UPDATE : LZ_OP_ADD;
	if (!ui_write_record(x->app, &rec, op, x->version, err))
		return false;
	x->saved = rec.u.meta.id;
	if (!ui_write_unchanged(x->app, &rec, op, x->version))
		ui_set_message(x->app, false, x->id ? _("Saved: %s %llu") : _("Added: %s %llu"),
			       lz_kind_label(rec.kind), (unsigned long long)rec.u.meta.id);
	return true;
}

bool ui_register_form(ui_app *app, lz_kind kind, lz_id id, lz_id *saved)
{
	register_form x = {.app = app, .id = id};
	lz_record_init(kind, &x.rec);
	if (id) {
		if (!ui_read_for_edit(app, kind, id, &x.arena, &x.rec)) {
			lz_arena_free(&x.arena);
			return false;
		}
		x.version = x.rec.u.meta.version;
	} else {
		/* Each register's own date starts at the day in view. */
		lz_day day = ui_day_in_view(app, true);
		if (kind == LZ_KIND_NOTICE)
			x.rec.u.notice.received = day;
		else if (kind == LZ_KIND_DISCLOSURE)
			x.rec.u.disclosure.date = day;
		else
			x.rec.u.discipline.date = day;
	}
	ui_record_fields_build(app, &x.rec, &x.arena, &x.rf);
	offer(&x.rf, "issuer", lz_notice_issuers);
	offer(&x.rf, "where", lz_disclosure_places);
	offer(&x.rf, "measure", lz_discipline_measures);
	ui_field *what = ui_record_field(&x.rf, kind == LZ_KIND_DISCLOSURE ? "what" : "reason");
	if (what)
		what->rows = 3;
	ui_form form = {.title = kind_title(kind, id != 0), .fields = x.rf.fields, .n = x.rf.n,
			.save = save_register, .ctx = &x};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&x.arena);
	if (ok && saved)
		*saved = x.saved;
	return ok;
}

/* ---- a notice's relay ---- */

enum { R_DATE, R_MEETING, R_HOW, R_FIELDS };

typedef struct relay_form {
	ui_app *app;
	lz_record rec;
	lz_arena arena;
	lz_id *meetings;  /* by choice; [0] is 0, "another way" */
} relay_form;

typedef struct meeting_list {
	lz_vec names, ids;
	lz_arena *arena;
} meeting_list;

static bool take_meeting(const lz_meeting_brief *b, void *ctx)
{
	meeting_list *l = ctx;
	if (b->status != LZ_MEETING_HELD)
		return true;
	char day[LZ_DATE_STRLEN];
	lz_day_format(b->date, day);
	*(const char **)lz_vec_push(&l->names) =
		lz_arena_printf(l->arena, "%s %s", day, b->title ? b->title : "");
	*(lz_id *)lz_vec_push(&l->ids) = b->id;
	return true;
}

static bool save_relay(ui_form *f, void *ctx, lz_err *err)
{
	relay_form *x = ctx;
	lz_record rec = x->rec;
	lz_notice *n = &rec.u.notice;
	lz_day day;
	if (!ui_field_day(&f->fields[R_DATE], &day) || day == LZ_NO_DAY) {
		lz_err_set(err, LZ_EDATA, "%s", _("The relay needs its date."));
		return false;
	}
	n->relayed = day;
	n->meeting = x->meetings[f->fields[R_MEETING].choice];
	n->how = ui_field_text_in(&f->fields[R_HOW], &x->arena);
	/* One way, as notice relay takes it: a way typed beside a meeting
	 * chosen is a slip to point out, not to drop. */
	if (!n->meeting == !n->how) {
		lz_err_set(err, LZ_EDATA, "%s",
			   n->meeting ? _("Either the meeting or another way, not both: clear the way, or choose another way.")
				      : _("Choose the meeting where it was read, or say how it was relayed."));
		return false;
	}
	if (!ui_write_record(x->app, &rec, LZ_OP_UPDATE, x->rec.u.meta.version, err))
		return false;
	if (!ui_write_unchanged(x->app, &rec, LZ_OP_UPDATE, x->rec.u.meta.version))
		ui_set_message(x->app, false, _("Relayed: %s"), n->title);
	return true;
}

bool ui_notice_relay(ui_app *app, lz_id id)
{
	relay_form x = {.app = app};
	if (!ui_read_record(app, LZ_KIND_NOTICE, id, &x.arena, &x.rec)) {
		lz_arena_free(&x.arena);
		return false;
	}
	const lz_notice *n = &x.rec.u.notice;
	/* The meetings held from the day it came to today, the latest first
	 * after "another way": the one it was read at is usually recent. */
	meeting_list l = {LZ_VEC(const char *), LZ_VEC(lz_id), &x.arena};
	*(const char **)lz_vec_push(&l.names) = _("(another way: say how below)");
	*(lz_id *)lz_vec_push(&l.ids) = 0;
	lz_err err;
	if (lz_store_meeting_briefs_titled(app->db.store, n->received, app->today, take_meeting, &l,
					   &err) != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	const char **names = l.names.v;
	lz_id *ids = l.ids.v;
	for (size_t i = 1, j = l.names.n - 1; i < j; i++, j--) {
		const char *t = names[i];
		names[i] = names[j];
		names[j] = t;
		lz_id k = ids[i];
		ids[i] = ids[j];
		ids[j] = k;
	}
	size_t sel = 0;
	for (size_t i = 0; i < l.ids.n; i++)
		if (n->meeting && ids[i] == n->meeting)
			sel = i;
	x.meetings = ids;
	char day[LZ_DATE_STRLEN] = "";
	lz_day_format(n->relayed != LZ_NO_DAY ? n->relayed : ui_day_in_view(app, true), day);
	ui_field fields[R_FIELDS];
	ui_field_text(&fields[R_DATE], _("Relayed on"), F_DATE, day, 0);
	ui_field_choice(&fields[R_MEETING], _("At the meeting"), names, l.names.n, sel);
	ui_field_text(&fields[R_HOW], _("Or how"), F_TEXT, n->meeting || !n->how ? "" : n->how,
		      LZ_MAX_SHORT_BYTES);
	fields[R_DATE].required = true;
	char title[300];
	snprintf(title, sizeof title, _("Relay: %s"), n->title ? n->title : "");
	ui_form form = {.title = title, .fields = fields, .n = R_FIELDS, .save = save_relay,
			.ctx = &x, .active = R_MEETING};
	bool ok = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_vec_free(&l.names);
	lz_vec_free(&l.ids);
	lz_arena_free(&x.arena);
	return ok;
}

static const char *register_name(const lz_record *rec)
{
	/* A discipline record's person is not put in the question. */
	static char buf[64];
	switch (rec->kind) {
	case LZ_KIND_NOTICE: return rec->u.notice.title;
	case LZ_KIND_DISCLOSURE: return rec->u.disclosure.what;
	default:
		snprintf(buf, sizeof buf, "%s %llu", lz_kind_label(rec->kind),
			 (unsigned long long)rec->u.meta.id);
		return buf;
	}
}

bool ui_register_delete(ui_app *app, lz_kind kind, lz_id id, uint32_t version)
{
	return ui_delete_record(app, kind, id, version, _("Delete \"%s\"? (y/n)"), _("Deleted: %s"),
				register_name);
}
