/* The meeting form: a proper meeting record (会议记录) in one screen.
 * Defaults come from the context (the selected day; held for a past day),
 * so a routine meeting is a date, a type and a title. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "ui_form.h"

enum {
	F_DATE_I, F_START_I, F_END_I, F_TYPE_I, F_STATUS_I, F_TITLE_I, F_LOCATION_I, F_HOST_I,
	F_RECORDER_I, F_EXPECTED_I, F_PRESENT_I, F_ATTENDEES_I, F_ABSENT_I, F_NONVOTING_I,
	F_FIRST_TOPIC_I, F_TOPICS_I, F_DECISIONS_I, F_SUMMARY_I, F_TASKS_I, N_FIELDS
};

typedef struct meeting_form {
	ui_app *app;
	lz_id id;
	uint32_t version;
	lz_record original;  /* for an edit: fields the form does not show */
	lz_arena arena;
	const char **type_labels;
	const char *status_labels[3];
	const char **people;
	size_t n_people;
} meeting_form;

/* List fields are typed one entry per line. */
static lz_strv split_lines(lz_arena *a, const char *s)
{
	lz_strv v = {0};
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p == '\n';
	v.v = lz_arena_alloc(a, (n + 2) * sizeof *v.v);
	const char *start = s;
	for (const char *p = s;; p++) {
		if (*p == '\n' || !*p) {
			size_t len = (size_t)(p - start);
			while (len && (start[len - 1] == ' ' || start[len - 1] == '\r'))
				len--;
			/* A line of full-width spaces is as empty as one of spaces. */
			if (len && !lz_text_blank(start, len))
				v.v[v.n++] = lz_arena_strndup(a, start, len);
			if (!*p)
				break;
			start = p + 1;
		}
	}
	return v;
}

static char *join_lines(lz_strv v)
{
	size_t len = 1;
	for (size_t i = 0; i < v.n; i++)
		len += strlen(v.v[i]) + 1;
	char *s = malloc(len);
	if (!s)
		abort();
	s[0] = '\0';
	for (size_t i = 0; i < v.n; i++) {
		if (i)
			strcat(s, "\n");
		strcat(s, v.v[i]);
	}
	return s;
}

/* Absentees as "姓名:原因", one per line (a full-width colon works too). */
static bool parse_absent(lz_arena *a, const char *s, lz_meeting *m, lz_err *err)
{
	lz_strv lines = split_lines(a, s);
	m->absent = lz_arena_alloc(a, (lines.n + 1) * sizeof *m->absent);
	m->n_absent = 0;
	for (size_t i = 0; i < lines.n; i++) {
		const char *line = lines.v[i];
		const char *colon = strchr(line, ':');
		size_t sep = 1;
		const char *wide = strstr(line, "：");
		if (wide && (!colon || wide < colon)) {
			colon = wide;
			sep = strlen("：");
		}
		if (!colon || colon == line || !colon[sep]) {
			lz_err_set(err, LZ_EDATA, _("absent: write one per line as NAME:REASON, e.g. 赵六:出差 (line %zu)"),
				   i + 1);
			return false;
		}
		m->absent[m->n_absent].name = lz_arena_strndup(a, line, (size_t)(colon - line));
		m->absent[m->n_absent].reason = colon + sep;
		m->n_absent++;
	}
	return true;
}

static bool parse_tasks(lz_arena *a, const char *s, lz_meeting *m, lz_err *err)
{
	m->tasks = lz_arena_alloc(a, (strlen(s) / 2 + 2) * sizeof *m->tasks);
	m->n_tasks = 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (strncmp(p, "，", strlen("，")) == 0 || strncmp(p, "、", strlen("、")) == 0) {
			p += 3;
			continue;
		}
		char *end;
		long t = strtol(p, &end, 10);
		if (end == p || t < 1 || t > 999)
			return lz_err_set(err, LZ_EDATA, _("tasks: write task numbers separated by commas, e.g. 1, 5")),
			       false;
		m->tasks[m->n_tasks++] = (int)t;
		p = end;
	}
	return true;
}

static char *field(ui_form *f, int i)
{
	return ui_field_value(&f->fields[i]);
}

/* The first topic is marked required while the type demands it and the
 * meeting is recorded as held. */
static void update_required(ui_form *f, void *ctx)
{
	meeting_form *mf = ctx;
	const lz_plan *plan = mf->app->db.plan;
	const lz_meeting_type *t = &plan->meeting_types[f->fields[F_TYPE_I].choice];
	bool held = f->fields[F_STATUS_I].choice == LZ_MEETING_HELD;
	f->fields[F_FIRST_TOPIC_I].required =
		held && (t->required_fields & LZ_FIELD_FIRST_TOPIC);
}

static bool build(ui_form *f, meeting_form *mf, lz_record *rec, lz_err *err)
{
	lz_arena *a = &mf->arena;
	const lz_plan *plan = mf->app->db.plan;
	*rec = mf->original;
	rec->kind = LZ_KIND_MEETING;
	lz_meeting *m = &rec->u.meeting;
	char *v = field(f, F_DATE_I);
	bool ok = lz_day_parse(v, &m->date);
	free(v);
	if (!ok)
		return lz_err_set(err, LZ_EDATA, _("date: not a real date (YYYY-MM-DD)")), false;
	int *times[] = {&m->start, &m->end};
	for (int i = 0; i < 2; i++) {
		v = field(f, i == 0 ? F_START_I : F_END_I);
		*times[i] = LZ_NO_TIME;
		ok = !*v || lz_parse_time(v, times[i]);
		free(v);
		if (!ok)
			return lz_err_set(err, LZ_EDATA, _("time: not a time (HH:MM)")), false;
	}
	m->type = plan->meeting_types[f->fields[F_TYPE_I].choice].id;
	m->status = (lz_meeting_status)f->fields[F_STATUS_I].choice;
	struct { int field; const char **dst; } texts[] = {
		{F_TITLE_I, &m->title}, {F_LOCATION_I, &m->location}, {F_HOST_I, &m->host},
		{F_RECORDER_I, &m->recorder}, {F_ATTENDEES_I, &m->attendees},
		{F_FIRST_TOPIC_I, &m->first_topic}, {F_SUMMARY_I, &m->summary},
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		v = field(f, texts[i].field);
		*texts[i].dst = *v ? lz_arena_strdup(a, v) : NULL;
		free(v);
	}
	int *counts[] = {&m->expected, &m->present};
	for (int i = 0; i < 2; i++) {
		v = field(f, i == 0 ? F_EXPECTED_I : F_PRESENT_I);
		*counts[i] = *v ? atoi(v) : LZ_NO_COUNT;
		free(v);
	}
	v = field(f, F_ABSENT_I);
	ok = parse_absent(a, v, m, err);
	free(v);
	if (!ok)
		return false;
	struct { int field; lz_strv *dst; } lists[] = {
		{F_NONVOTING_I, &m->nonvoting}, {F_TOPICS_I, &m->topics},
		{F_DECISIONS_I, &m->decisions},
	};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		v = field(f, lists[i].field);
		*lists[i].dst = split_lines(a, v);
		free(v);
	}
	v = field(f, F_TASKS_I);
	ok = parse_tasks(a, v, m, err);
	free(v);
	if (!ok)
		return false;
	int y, mo, d;
	lz_day_to_ymd(m->date, &y, &mo, &d);
	m->meta.year = y;
	return true;
}

static bool save(ui_form *f, void *ctx, lz_err *err)
{
	meeting_form *mf = ctx;
	lz_record rec;
	if (!build(f, mf, &rec, err))
		return false;
	if (lz_validate_meeting(mf->app->db.plan, &rec.u.meeting, err) != LZ_OK)
		return false;
	/* One transaction; an edit carries the version it was based on, so
	 * a change made meanwhile elsewhere is refused, not overwritten. */
	lz_op op = {.op = mf->id ? LZ_OP_UPDATE : LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &rec,
		    .expect_version = mf->version};
	if (lz_store_apply(mf->app->db.store, &op, 1, err) != LZ_OK)
		return false;
	mf->app->cal_selected = rec.u.meeting.date;
	ui_set_message(mf->app, false, mf->id ? _("Meeting saved: %s") : _("Meeting added: %s"),
		       rec.u.meeting.title);
	return true;
}

bool ui_meeting_form(ui_app *app, lz_id id, lz_day date)
{
	const lz_plan *plan = app->db.plan;
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
	mf.n_people = ui_people_names(app, &mf.arena, &mf.people);
	const lz_meeting *m = &mf.original.u.meeting;

	mf.type_labels = lz_arena_alloc(&mf.arena, plan->n_meeting_types * sizeof *mf.type_labels);
	size_t type = 0;
	for (size_t i = 0; i < plan->n_meeting_types; i++) {
		mf.type_labels[i] = plan->meeting_types[i].name;
		if (m->type && strcmp(m->type, plan->meeting_types[i].id) == 0)
			type = i;
	}
	mf.status_labels[0] = _("planned");
	mf.status_labels[1] = _("held");
	mf.status_labels[2] = _("cancelled");

	ui_field fields[N_FIELDS];
	char date_s[LZ_DATE_STRLEN], start_s[6], end_s[6], exp_s[16] = "", pres_s[16] = "";
	lz_day_format(m->date, date_s);
	lz_format_time(m->start, start_s);
	lz_format_time(m->end, end_s);
	if (m->expected != LZ_NO_COUNT)
		snprintf(exp_s, sizeof exp_s, "%d", m->expected);
	if (m->present != LZ_NO_COUNT)
		snprintf(pres_s, sizeof pres_s, "%d", m->present);
	char *absent = NULL, *nonvoting = join_lines(m->nonvoting), *topics = join_lines(m->topics),
	     *decisions = join_lines(m->decisions), tasks[256] = "";
	size_t len = 0;
	FILE *af = open_memstream(&absent, &len);
	for (size_t i = 0; i < m->n_absent; i++)
		fprintf(af, "%s%s:%s", i ? "\n" : "", m->absent[i].name, m->absent[i].reason);
	fclose(af);
	for (size_t i = 0, o = 0; i < m->n_tasks && o < sizeof tasks - 8; i++)
		o += (size_t)snprintf(tasks + o, sizeof tasks - o, "%s%d", i ? ", " : "", m->tasks[i]);

	ui_field_text(&fields[F_DATE_I], _("Date"), F_DATE, date_s, 10);
	ui_field_text(&fields[F_START_I], _("Start"), F_TIME, start_s, 5);
	ui_field_text(&fields[F_END_I], _("End"), F_TIME, end_s, 5);
	ui_field_choice(&fields[F_TYPE_I], _("Type"), mf.type_labels, plan->n_meeting_types, type);
	ui_field_choice(&fields[F_STATUS_I], _("Status"), mf.status_labels, 3, m->status);
	ui_field_text(&fields[F_TITLE_I], _("Title"), F_TEXT, m->title, LZ_MAX_SHORT_BYTES);
	ui_field_text(&fields[F_LOCATION_I], _("Location"), F_TEXT, m->location, LZ_MAX_SHORT_BYTES);
	ui_field_text(&fields[F_HOST_I], _("Host"), F_TEXT, m->host, LZ_MAX_SHORT_BYTES);
	ui_field_text(&fields[F_RECORDER_I], _("Recorder"), F_TEXT, m->recorder, LZ_MAX_SHORT_BYTES);
	ui_field_text(&fields[F_EXPECTED_I], _("Expected"), F_NUMBER, exp_s, 6);
	ui_field_text(&fields[F_PRESENT_I], _("Present"), F_NUMBER, pres_s, 6);
	ui_field_text(&fields[F_ATTENDEES_I], _("Attendees"), F_LONG, m->attendees, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_ABSENT_I], _("Absent"), F_LONG, absent, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_NONVOTING_I], _("Non-voting"), F_LONG, nonvoting, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_FIRST_TOPIC_I], _("First topic"), F_LONG, m->first_topic, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_TOPICS_I], _("Topics"), F_LONG, topics, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_DECISIONS_I], _("Decisions"), F_LONG, decisions, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_SUMMARY_I], _("Summary"), F_LONG, m->summary, LZ_MAX_LONG_BYTES);
	ui_field_text(&fields[F_TASKS_I], _("Tasks"), F_TEXT, tasks, 200);
	free(absent);
	free(nonvoting);
	free(topics);
	free(decisions);
	fields[F_DATE_I].required = true;
	fields[F_TITLE_I].required = true;
	fields[F_SUMMARY_I].rows = 3;
	fields[F_HOST_I].picks = fields[F_RECORDER_I].picks = mf.people;
	fields[F_HOST_I].n_picks = fields[F_RECORDER_I].n_picks = mf.n_people;

	ui_form form = {
		.title = id ? _("Edit meeting") : _("New meeting"),
		.fields = fields, .n = N_FIELDS, .save = save, .changed = update_required,
		.ctx = &mf,
	};
	/* A new meeting starts at its type, the date being given. */
	form.active = id ? F_TITLE_I : F_TYPE_I;
	update_required(&form, &mf);
	bool saved = ui_form_run(app, &form);
	ui_form_free(&form);
	lz_arena_free(&mf.arena);
	return saved;
}
