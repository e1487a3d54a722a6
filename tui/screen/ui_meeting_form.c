/* The meeting form: a proper meeting record (会议记录) in one screen.
 * Defaults come from the context (the selected day; held for a past day),
 * so a routine meeting is a date, a type and a title. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "ui_form.h"
#include "ui_record_form.h"

typedef struct meeting_form {
	ui_app *app;
	lz_id id;
	uint32_t version;
	lz_record original;  /* for an edit: fields the form does not show */
	lz_arena arena;
	ui_record_fields rf;
	size_t type, status, first_topic, late_reason, date;  /* their form fields */
	size_t attendees, absent, expected, present;
	/* 应到 and 实到 as last counted from the names, while she has not
	 * typed her own ("" when not counted). */
	char counted_expected[16], counted_present[16];
	/* A new meeting's status while it is the one the date suggests
	 * (held before today, planned from today); SIZE_MAX once chosen. */
	size_t suggested;
} meeting_form;

/* Names in a field as forms write them: joined by 、，, ; or spaces, or one
 * a line (an absentee's reason after a colon is not a name). */
static int count_names(const char *text, bool lines)
{
	char *v = strdup(text);
	if (!v)
		abort();
	for (char *p; (p = strstr(v, "、")) || (p = strstr(v, "，"));)
		memcpy(p, "   ", 3);
	int n = 0;
	char *save = NULL;
	for (char *t = strtok_r(v, lines ? "\n" : ",; \n\t", &save); t;
	     t = strtok_r(NULL, lines ? "\n" : ",; \n\t", &save))
		n += strspn(t, " ") < strlen(t);
	free(v);
	return n;
}

/* 实到 from the names in 参会人员, 应到 from those and the absentees, as
 * long as the counts are empty or what was counted before: a number she
 * typed is hers. */
static void count_attendance(ui_form *f, meeting_form *mf)
{
	ui_field *exp = &f->fields[mf->expected], *pre = &f->fields[mf->present];
	char *e = ui_field_value(exp), *p = ui_field_value(pre);
	bool ours = (!*e || strcmp(e, mf->counted_expected) == 0) &&
		    (!*p || strcmp(p, mf->counted_present) == 0);
	free(e);
	free(p);
	if (!ours)
		return;
	char *att = ui_field_value(&f->fields[mf->attendees]);
	char *abs = ui_field_value(&f->fields[mf->absent]);
	int present = count_names(att, false), absent = count_names(abs, true);
	free(att);
	free(abs);
	if (!present)
		return;
	snprintf(mf->counted_present, sizeof mf->counted_present, "%d", present);
	snprintf(mf->counted_expected, sizeof mf->counted_expected, "%d", present + absent);
	ui_field_set(pre, mf->counted_present);
	ui_field_set(exp, mf->counted_expected);
}

/* The first topic is marked required while the type demands it and the
 * meeting is recorded as held. */
static void update_required(ui_form *f, void *ctx)
{
	meeting_form *mf = ctx;
	count_attendance(f, mf);
	const lz_plan *plan = mf->app->db.plan;
	/* A past meeting typed in is one that was held, as on the command
	 * line; the status follows the date until she picks one herself. */
	if (mf->suggested != SIZE_MAX && f->fields[mf->status].choice != mf->suggested)
		mf->suggested = SIZE_MAX;
	char *text = mf->suggested != SIZE_MAX ? ui_field_value(&f->fields[mf->date]) : NULL;
	lz_day day;
	if (text && lz_day_parse(text, &day)) {
		mf->suggested = day < mf->app->today ? LZ_MEETING_HELD : LZ_MEETING_PLANNED;
		f->fields[mf->status].choice = mf->suggested;
	}
	free(text);
	const lz_meeting_type *t = &plan->meeting_types[f->fields[mf->type].choice];
	bool held = f->fields[mf->status].choice == LZ_MEETING_HELD;
	f->fields[mf->first_topic].required = held && (t->required_fields & LZ_FIELD_FIRST_TOPIC);
}

static bool build(ui_form *f, meeting_form *mf, lz_record *rec, lz_err *err)
{
	*rec = mf->original;
	if (!ui_record_fields_apply(&mf->rf, f->fields, mf->app->db.plan, rec, &mf->arena, err))
		return false;
	lz_meeting *m = &rec->u.meeting;
	if (m->date == LZ_NO_DAY)
		return lz_err_set(err, LZ_EDATA, _("date: not a real date (YYYY-MM-DD)")), false;
	int y, mo, d;
	lz_day_to_ymd(m->date, &y, &mo, &d);
	m->meta.year = y;
	return true;
}

bool ui_meeting_late_reason(ui_app *app, lz_meeting *m, const lz_meeting *before,
			    lz_arena *arena)
{
	if ((m->late_reason && *m->late_reason) ||
	    !lz_meeting_becomes_late(app->db.plan, m, before, lz_now()))
		return true;
	char last[LZ_DATE_STRLEN], question[256];
	lz_day_format(lz_entry_deadline(app->db.plan, m->date), last);
	snprintf(question, sizeof question,
		 _("Late entry (补记): the allowance ended %s. Why is it recorded late?"), last);
	char *why = ui_prompt(app, question, NULL, NULL);
	if (!why)
		return false;
	if (!lz_text_blank(why, strlen(why)))
		m->late_reason = lz_arena_strdup(arena, why);
	free(why);
	return true;
}

static bool save(ui_form *f, void *ctx, lz_err *err)
{
	meeting_form *mf = ctx;
	lz_record rec;
	if (!build(f, mf, &rec, err))
		return false;
	if (!ui_meeting_late_reason(mf->app, &rec.u.meeting, mf->id ? &mf->original.u.meeting : NULL,
				    &mf->arena))
		return lz_err_set(err, LZ_EDATA, "%s", _("Not saved: the late entry's reason was not given.")), false;
	/* The answer stays in the form should the save still fail. */
	ui_field_set(&f->fields[mf->late_reason], rec.u.meeting.late_reason);
	/* One transaction; an edit carries the version it was based on, so
	 * a change made meanwhile elsewhere is refused, not overwritten. */
	lz_op_kind op = mf->id ? LZ_OP_UPDATE : LZ_OP_ADD;
	if (!ui_write_record(mf->app, &rec, op, mf->version, err))
		return false;
	mf->app->cal_selected = rec.u.meeting.date;
	if (!ui_write_unchanged(mf->app, &rec, op, mf->version))
		ui_set_message(mf->app, false, mf->id ? _("Meeting saved: %s") : _("Meeting added: %s"),
		       rec.u.meeting.title);
	return true;
}

bool ui_meeting_form(ui_app *app, lz_id id, lz_day date)
{
	meeting_form mf = {.app = app, .id = id};
	lz_meeting_init(&mf.original.u.meeting);
	mf.original.kind = LZ_KIND_MEETING;
	if (id) {
		if (!ui_read_for_edit(app, LZ_KIND_MEETING, id, &mf.arena, &mf.original)) {
			lz_arena_free(&mf.arena);
			return false;
		}
		mf.version = mf.original.u.meta.version;
	} else {
		mf.original.u.meeting.date = date;
		mf.original.u.meeting.status = date < app->today ? LZ_MEETING_HELD : LZ_MEETING_PLANNED;
	}
	ui_record_fields_build(app, &mf.original, &mf.arena, &mf.rf);
	ui_record_field(&mf.rf, "summary")->rows = 3;
	mf.type = (size_t)(ui_record_field(&mf.rf, "type") - mf.rf.fields);
	mf.status = (size_t)(ui_record_field(&mf.rf, "status") - mf.rf.fields);
	mf.first_topic = (size_t)(ui_record_field(&mf.rf, "first-topic") - mf.rf.fields);
	mf.late_reason = (size_t)(ui_record_field(&mf.rf, "late-reason") - mf.rf.fields);
	mf.date = (size_t)(ui_record_field(&mf.rf, "date") - mf.rf.fields);
	mf.attendees = (size_t)(ui_record_field(&mf.rf, "attendees") - mf.rf.fields);
	mf.absent = (size_t)(ui_record_field(&mf.rf, "absent") - mf.rf.fields);
	mf.expected = (size_t)(ui_record_field(&mf.rf, "expected") - mf.rf.fields);
	mf.present = (size_t)(ui_record_field(&mf.rf, "present") - mf.rf.fields);
	mf.suggested = id ? SIZE_MAX : mf.rf.fields[mf.status].choice;

	ui_form form = {
		.title = id ? _("Edit meeting") : _("New meeting"),
		.fields = mf.rf.fields, .n = mf.rf.n, .save = save, .changed = update_required,
		.ctx = &mf,
	};
	/* A new meeting starts at its type, the date being given. */
	form.active = id ? (size_t)(ui_record_field(&mf.rf, "title") - mf.rf.fields) : mf.type;
	update_required(&form, &mf);
	bool saved = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&mf.arena);
	return saved;
}
