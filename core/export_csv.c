/* The CSV tables: one column list per table serves export and import.
 * Cells hold what a person reads in a spreadsheet: names rather than ids
 * (a meeting type, a status, a level), dates as YYYY-MM-DD, lists one
 * entry a line.  Import reads what export writes, and also the forms a
 * spreadsheet saves after editing (2022/6/15, 9:00). */
#include "lz_export.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lz_csv.h"
#include "lz_i18n.h"
#include "lz_validate.h"
#include "lz_vec.h"

bool lz_table_parse(const char *s, lz_table *out)
{
	for (int t = LZ_TABLE_MEETINGS; t <= LZ_TABLE_PEOPLE; t++)
		if (strcmp(s, lz_table_name((lz_table)t)) == 0) {
			*out = (lz_table)t;
			return true;
		}
	return false;
}

const char *lz_table_name(lz_table t)
{
	static const char *const names[] = {"meetings", "items", "risks", "people"};
	return names[t];
}

bool lz_table_importable(lz_table t)
{
	return t != LZ_TABLE_PEOPLE;
}

/* ---- cells ---- */

typedef struct cells {
	const lz_plan *plan;
	lz_arena *arena;   /* the row's strings */
	lz_day today;
	bool status_given;
} cells;

#define str(c, ...) lz_arena_printf((c)->arena, __VA_ARGS__)

static const char *day_str(cells *c, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	return lz_arena_strdup(c->arena, lz_day_or_empty(d, buf));
}

static bool digits(const char **s, int max_len, int *out)
{
	int n = 0, v = 0;
	while (**s >= '0' && **s <= '9' && n < max_len) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n > 0;
}

/* 2022-06-15, and what spreadsheets make of it: 2022/6/15, 2022.6.15. */
static bool parse_day(const char *v, lz_day *out)
{
	int y, m, d;
	const char *s = v;
	if (!digits(&s, 4, &y) || s - v != 4 || !strchr("-/.", *s) || !*s)
		return false;
	char sep = *s++;
	if (!digits(&s, 2, &m) || *s++ != sep || !digits(&s, 2, &d) || *s)
		return false;
	if (!lz_date_valid(y, m, d))
		return false;
	*out = lz_day_from_ymd(y, m, d);
	return true;
}

/* 09:00, 9:00, 9:00:00. */
static bool parse_time(const char *v, int *out)
{
	int h, m, sec = 0;
	const char *s = v;
	if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &m) || s[-1] == ':' ||
	    s - v < 4)
		return false;
	if (*s == ':' && (s++, !digits(&s, 2, &sec)))
		return false;
	if (*s || h > 23 || m > 59 || sec != 0)
		return false;
	*out = h * 60 + m;
	return true;
}

static bool parse_int(const char *v, int min, int max, int *out)
{
	const char *s = v;
	int n;
	if (!digits(&s, 6, &n) || *s || n < min || n > max)
		return false;
	*out = n;
	return true;
}

/* List entries, one a line; empty lines are dropped. */
static lz_strv split_lines(cells *c, const char *v)
{
	lz_vec lines = LZ_VEC(const char *);
	while (*v) {
		const char *nl = strchr(v, '\n');
		size_t n = nl ? (size_t)(nl - v) : strlen(v);
		if (n)
			*(const char **)lz_vec_push(&lines) = lz_arena_strndup(c->arena, v, n);
		v += n + (nl != NULL);
	}
	lz_strv out = {.n = lines.n};
	out.v = lz_vec_keep(&lines, c->arena);
	return out;
}

static const char *join_lines(cells *c, lz_strv v)
{
	const char *s = "";
	for (size_t i = 0; i < v.n; i++)
		s = i ? str(c, "%s\n%s", s, v.v[i]) : v.v[i];
	return s;
}

/* ---- columns ---- */

typedef enum col_kind { C_TEXT, C_LIST, C_DAY, C_TIME, C_COUNT, C_OTHER } col_kind;

typedef struct column {
	const char *header;  /* English; written in the messages' language */
	col_kind kind;
	size_t off;          /* of the field in the record's variant */
	const char *(*get)(cells *c, const lz_record *r);                 /* C_OTHER */
	bool (*set)(cells *c, lz_record *r, const char *v, lz_err *err);  /* C_OTHER */
} column;

#define FIELD(h, kind, type, f) {h, kind, offsetof(type, f), NULL, NULL}
#define OTHER(h, get, set) {h, C_OTHER, 0, get, set}

static void *at(const lz_record *r, size_t off)
{
	return (char *)&r->u + off;
}

static const char *get_cell(cells *c, const column *col, const lz_record *r)
{
	switch (col->kind) {
	case C_TEXT: {
		const char *s = *(const char **)at(r, col->off);
		return s ? s : "";
	}
	case C_LIST: return join_lines(c, *(lz_strv *)at(r, col->off));
	case C_DAY: return day_str(c, *(lz_day *)at(r, col->off));
	case C_TIME: {
		char t[6];
		lz_format_time(*(int *)at(r, col->off), t);
		return lz_arena_strdup(c->arena, t);
	}
	case C_COUNT: {
		int n = *(int *)at(r, col->off);
		return n == LZ_NO_COUNT ? "" : str(c, "%d", n);
	}
	case C_OTHER: return col->get(c, r);
	}
	return "";
}

static bool set_cell(cells *c, const column *col, lz_record *r, const char *v, lz_err *err)
{
	switch (col->kind) {
	case C_TEXT: *(const char **)at(r, col->off) = *v ? v : NULL; return true;
	case C_LIST: *(lz_strv *)at(r, col->off) = split_lines(c, v); return true;
	case C_DAY:
		*(lz_day *)at(r, col->off) = LZ_NO_DAY;
		if (!*v || parse_day(v, at(r, col->off)))
			return true;
		lz_err_set(err, LZ_EDATA, _("'%s' is not a date (YYYY-MM-DD)"), v);
		return false;
	case C_TIME:
		*(int *)at(r, col->off) = LZ_NO_TIME;
		if (!*v || parse_time(v, at(r, col->off)))
			return true;
		lz_err_set(err, LZ_EDATA, _("'%s' is not a time (HH:MM)"), v);
		return false;
	case C_COUNT:
		*(int *)at(r, col->off) = LZ_NO_COUNT;
		if (!*v || parse_int(v, 0, LZ_MAX_COUNT, at(r, col->off)))
			return true;
		lz_err_set(err, LZ_EDATA, _("'%s' is not a whole number from 0 to %d"), v, LZ_MAX_COUNT);
		return false;
	case C_OTHER: return col->set(c, r, v, err);
	}
	return false;
}

/* -- meetings -- */

static const char *get_type(cells *c, const lz_record *r)
{
	const lz_meeting_type *t = lz_plan_meeting_type(c->plan, r->u.meeting.type);
	return t ? t->name : r->u.meeting.type ? r->u.meeting.type : "";
}

static bool set_type(cells *c, lz_record *r, const char *v, lz_err *err)
{
	const lz_meeting_type *t = lz_plan_meeting_type(c->plan, v);
	if (!t) {
		lz_err_set(err, LZ_EDATA, _("unknown meeting type '%s' (see 'lianzheng plan show')"), v);
		return false;
	}
	r->u.meeting.type = t->id;
	return true;
}

static const char *get_status(cells *c, const lz_record *r)
{
	(void)c;
	return lz_meeting_status_label(r->u.meeting.status);
}

static bool set_status(cells *c, lz_record *r, const char *v, lz_err *err)
{
	c->status_given = *v != '\0';
	if (!*v || lz_meeting_status_parse(v, &r->u.meeting.status))
		return true;
	for (int s = LZ_MEETING_PLANNED; s <= LZ_MEETING_CANCELLED; s++)
		if (strcmp(v, lz_meeting_status_label((lz_meeting_status)s)) == 0) {
			r->u.meeting.status = (lz_meeting_status)s;
			return true;
		}
	lz_err_set(err, LZ_EDATA, _("'%s' is not one of %s, %s, %s"), v, lz_meeting_status_label(LZ_MEETING_PLANNED),
		   lz_meeting_status_label(LZ_MEETING_HELD), lz_meeting_status_label(LZ_MEETING_CANCELLED));
	return false;
}

static const char *get_absent(cells *c, const lz_record *r)
{
	const lz_meeting *m = &r->u.meeting;
	const char *s = "";
	for (size_t i = 0; i < m->n_absent; i++)
		s = str(c, "%s%s%s:%s", s, i ? "\n" : "", m->absent[i].name, m->absent[i].reason);
	return s;
}

static bool set_absent(cells *c, lz_record *r, const char *v, lz_err *err)
{
	lz_meeting *m = &r->u.meeting;
	lz_strv lines = split_lines(c, v);
	m->absent = lz_arena_alloc(c->arena, (lines.n + 1) * sizeof *m->absent);
	m->n_absent = lines.n;
	for (size_t i = 0; i < lines.n; i++) {
		/* NAME:REASON, with a Chinese colon as well. */
		const char *l = lines.v[i], *colon = strchr(l, ':'), *wide = strstr(l, "：");
		size_t sep = 1;
		if (wide && (!colon || wide < colon)) {
			colon = wide;
			sep = strlen("：");
		}
		if (!colon || colon == l || !colon[sep]) {
			lz_err_set(err, LZ_EDATA, _("'%s' is not NAME:REASON (e.g. 赵六:出差)"), l);
			return false;
		}
		m->absent[i].name = lz_arena_strndup(c->arena, l, (size_t)(colon - l));
		m->absent[i].reason = colon + sep;
	}
	return true;
}

/* Task numbers joined by "、": a comma would read as a thousands
 * separator in a spreadsheet. */
static const char *task_list(cells *c, const int *tasks, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = str(c, "%s%s%d", s, i ? "、" : "", tasks[i]);
	return s;
}

static const char *get_tasks(cells *c, const lz_record *r)
{
	return task_list(c, r->u.meeting.tasks, r->u.meeting.n_tasks);
}

static bool set_tasks(cells *c, lz_record *r, const char *v, lz_err *err)
{
	lz_meeting *m = &r->u.meeting;
	lz_vec tasks = LZ_VEC(int);
	const char *s = v;
	for (;;) {
		while (*s == ' ' || *s == ',' || *s == ';')
			s++;
		static const char *const wide[] = {"、", "，", "；"};
		bool skipped = false;
		for (size_t i = 0; i < 3; i++)
			if (strncmp(s, wide[i], strlen(wide[i])) == 0) {
				s += strlen(wide[i]);
				skipped = true;
			}
		if (skipped)
			continue;
		if (!*s)
			break;
		int t;
		if (!digits(&s, 3, &t) || t < 1 || (*s && !strchr(" ,;\xe3\xef", *s))) {
			lz_vec_free(&tasks);
			lz_err_set(err, LZ_EDATA, _("'%s' is not a list of task numbers (e.g. 1、5)"), v);
			return false;
		}
		*(int *)lz_vec_push(&tasks) = t;
	}
	m->n_tasks = tasks.n;
	m->tasks = lz_vec_keep(&tasks, c->arena);
	return true;
}

static const column meeting_cols[] = {
	FIELD(N_("Date"), C_DAY, lz_meeting, date),
	FIELD(N_("Start"), C_TIME, lz_meeting, start),
	FIELD(N_("End"), C_TIME, lz_meeting, end),
	OTHER(N_("Type"), get_type, set_type),
	OTHER(N_("Status"), get_status, set_status),
	FIELD(N_("Title"), C_TEXT, lz_meeting, title),
	FIELD(N_("Location"), C_TEXT, lz_meeting, location),
	FIELD(N_("Host"), C_TEXT, lz_meeting, host),
	FIELD(N_("Recorder"), C_TEXT, lz_meeting, recorder),
	FIELD(N_("Expected"), C_COUNT, lz_meeting, expected),
	FIELD(N_("Present"), C_COUNT, lz_meeting, present),
	FIELD(N_("Attendees"), C_TEXT, lz_meeting, attendees),
	OTHER(N_("Absent"), get_absent, set_absent),
	FIELD(N_("Non-voting"), C_LIST, lz_meeting, nonvoting),
	FIELD(N_("First topic"), C_TEXT, lz_meeting, first_topic),
	FIELD(N_("Topics"), C_LIST, lz_meeting, topics),
	FIELD(N_("Decisions"), C_LIST, lz_meeting, decisions),
	FIELD(N_("Summary"), C_TEXT, lz_meeting, summary),
	OTHER(N_("Tasks"), get_tasks, set_tasks),
};

/* -- items -- */

static const char *get_task(cells *c, const lz_record *r)
{
	return str(c, "%d", r->u.item.task);
}

static bool set_task(cells *c, lz_record *r, const char *v, lz_err *err)
{
	(void)c;
	if (parse_int(v, 1, 999, &r->u.item.task))
		return true;
	lz_err_set(err, LZ_EDATA, _("'%s' is not a task number"), v);
	return false;
}

static const char *get_item_status(cells *c, const lz_record *r)
{
	const lz_item_status *s = lz_plan_item_status(c->plan, r->u.item.status);
	return s ? s->name : r->u.item.status ? r->u.item.status : "";
}

static bool set_item_status(cells *c, lz_record *r, const char *v, lz_err *err)
{
	if (!*v) {
		/* A new item starts in the plan's first status, as item add does. */
		r->u.item.status = c->plan->item_statuses[0].id;
		return true;
	}
	const lz_item_status *s = lz_plan_item_status(c->plan, v);
	if (!s) {
		lz_err_set(err, LZ_EDATA, _("unknown item status '%s' (see 'lianzheng plan show')"), v);
		return false;
	}
	r->u.item.status = s->id;
	return true;
}

/* Dated log entries, "YYYY-MM-DD text" a line; a line that does not
 * start with a date continues the entry above (a note of several lines).
 * A risk review may name its next date: "YYYY-MM-DD → YYYY-MM-DD text". */
#define NEXT_ARROW " → "

static const char *log_line(cells *c, lz_day d, lz_day next, const char *text)
{
	char a[LZ_DATE_STRLEN], b[LZ_DATE_STRLEN];
	lz_day_format(d, a);
	if (next == LZ_NO_DAY)
		return str(c, "%s %s", a, text ? text : "");
	lz_day_format(next, b);
	return str(c, "%s" NEXT_ARROW "%s %s", a, b, text ? text : "");
}

/* The date at the start of a log line and where its text begins. */
static bool log_head(const char *line, bool with_next, lz_day *d, lz_day *next,
		     const char **text)
{
	char buf[LZ_DATE_STRLEN];
	size_t n = strcspn(line, " ");
	if (n >= sizeof buf)
		return false;
	memcpy(buf, line, n);
	buf[n] = '\0';
	if (!parse_day(buf, d))
		return false;
	line += n;
	*next = LZ_NO_DAY;
	if (with_next && strncmp(line, NEXT_ARROW, strlen(NEXT_ARROW)) == 0) {
		line += strlen(NEXT_ARROW);
		n = strcspn(line, " ");
		if (n >= sizeof buf)
			return false;
		memcpy(buf, line, n);
		buf[n] = '\0';
		if (!parse_day(buf, next))
			return false;
		line += n;
	}
	if (*line == ' ')
		line++;
	*text = line;
	return true;
}

typedef struct log_entry {
	lz_day date, next;
	const char *text;
} log_entry;

static bool parse_log(cells *c, const char *v, bool with_next, lz_vec *out, lz_err *err)
{
	*out = LZ_VEC(log_entry);
	const char *s = v;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = lz_arena_strndup(c->arena, s, n);
		s += n + (nl != NULL);
		log_entry e;
		const char *text;
		if (log_head(line, with_next, &e.date, &e.next, &text)) {
			e.text = text;
			*(log_entry *)lz_vec_push(out) = e;
		} else if (out->n) {
			log_entry *last = (log_entry *)out->v + out->n - 1;
			last->text = str(c, "%s\n%s", last->text, line);
		} else if (n) {
			lz_vec_free(out);
			lz_err_set(err, LZ_EDATA, _("'%s' does not start with a date (YYYY-MM-DD text)"), line);
			return false;
		}
	}
	return true;
}

static const char *get_progress(cells *c, const lz_record *r)
{
	const lz_item *it = &r->u.item;
	const char *s = "";
	for (size_t i = 0; i < it->n_log; i++)
		s = str(c, "%s%s%s", s, i ? "\n" : "",
			log_line(c, it->log[i].date, LZ_NO_DAY, it->log[i].text));
	return s;
}

static bool set_progress(cells *c, lz_record *r, const char *v, lz_err *err)
{
	lz_vec log;
	if (!parse_log(c, v, false, &log, err))
		return false;
	lz_item *it = &r->u.item;
	it->n_log = log.n;
	it->log = lz_arena_alloc(c->arena, (log.n + 1) * sizeof *it->log);
	for (size_t i = 0; i < log.n; i++)
		it->log[i] = (lz_note){((log_entry *)log.v)[i].date, ((log_entry *)log.v)[i].text};
	lz_vec_free(&log);
	return true;
}

static const column item_cols[] = {
	OTHER(N_("Task"), get_task, set_task),
	FIELD(N_("Title"), C_TEXT, lz_item, title),
	FIELD(N_("Owner"), C_TEXT, lz_item, owner),
	FIELD(N_("Source"), C_TEXT, lz_item, source),
	FIELD(N_("Due"), C_DAY, lz_item, due),
	OTHER(N_("Status"), get_item_status, set_item_status),
	OTHER(N_("Progress"), get_progress, set_progress),
};

/* -- risk points -- */

static const char *get_level(cells *c, const lz_record *r)
{
	const lz_risk_level *l = lz_plan_risk_level(c->plan, r->u.risk.level);
	return l ? l->name : r->u.risk.level ? r->u.risk.level : "";
}

static bool set_level(cells *c, lz_record *r, const char *v, lz_err *err)
{
	const lz_risk_level *l = lz_plan_risk_level(c->plan, v);
	if (!l) {
		lz_err_set(err, LZ_EDATA, _("unknown risk level '%s' (see 'lianzheng plan show')"), v);
		return false;
	}
	r->u.risk.level = l->id;
	return true;
}

static bool set_scale(int *out, const char *v, lz_err *err)
{
	/* Left empty: the middle of the scale, as risk add assumes. */
	if (!*v) {
		*out = 3;
		return true;
	}
	if (parse_int(v, 1, 5, out))
		return true;
	lz_err_set(err, LZ_EDATA, _("'%s' is not a whole number from 1 to 5"), v);
	return false;
}

static const char *get_likelihood(cells *c, const lz_record *r)
{
	return str(c, "%d", r->u.risk.likelihood);
}

static bool set_likelihood(cells *c, lz_record *r, const char *v, lz_err *err)
{
	(void)c;
	return set_scale(&r->u.risk.likelihood, v, err);
}

static const char *get_impact(cells *c, const lz_record *r)
{
	return str(c, "%d", r->u.risk.impact);
}

static bool set_impact(cells *c, lz_record *r, const char *v, lz_err *err)
{
	(void)c;
	return set_scale(&r->u.risk.impact, v, err);
}

static const char *get_reviews(cells *c, const lz_record *r)
{
	const lz_risk *k = &r->u.risk;
	const char *s = "";
	for (size_t i = 0; i < k->n_log; i++)
		s = str(c, "%s%s%s", s, i ? "\n" : "",
			log_line(c, k->log[i].date, k->log[i].next, k->log[i].result));
	return s;
}

static bool set_reviews(cells *c, lz_record *r, const char *v, lz_err *err)
{
	lz_vec log;
	if (!parse_log(c, v, true, &log, err))
		return false;
	lz_risk *k = &r->u.risk;
	k->n_log = log.n;
	k->log = lz_arena_alloc(c->arena, (log.n + 1) * sizeof *k->log);
	for (size_t i = 0; i < log.n; i++) {
		const log_entry *e = &((log_entry *)log.v)[i];
		k->log[i] = (lz_review){e->date, e->text, e->next};
	}
	lz_vec_free(&log);
	return true;
}

static const column risk_cols[] = {
	FIELD(N_("Post"), C_TEXT, lz_risk, post),
	FIELD(N_("Link"), C_TEXT, lz_risk, link),
	FIELD(N_("Risk"), C_TEXT, lz_risk, desc),
	OTHER(N_("Level"), get_level, set_level),
	OTHER(N_("Likelihood"), get_likelihood, set_likelihood),
	OTHER(N_("Impact"), get_impact, set_impact),
	FIELD(N_("Measures"), C_TEXT, lz_risk, measures),
	FIELD(N_("Owner"), C_TEXT, lz_risk, owner),
	FIELD(N_("Next review"), C_DAY, lz_risk, review),
	FIELD(N_("Status"), C_TEXT, lz_risk, status),
	OTHER(N_("Reviews"), get_reviews, set_reviews),
};

/* -- people -- */

static const char *get_roles(cells *c, const lz_record *r)
{
	const lz_person *p = &r->u.person;
	const char *s = "";
	for (size_t i = 0; i < p->roles.n; i++) {
		/* "role:scope" with the role's name for the id. */
		const char *v = p->roles.v[i], *colon = strchr(v, ':');
		char *id = lz_arena_strndup(c->arena, v, colon ? (size_t)(colon - v) : strlen(v));
		const lz_role *role = lz_plan_role(c->plan, id);
		s = str(c, "%s%s%s%s", s, i ? "\n" : "", role ? role->name : id, colon ? colon : "");
	}
	return s;
}

static const column person_cols[] = {
	{N_("Name"), C_TEXT, offsetof(lz_person, name), NULL, NULL},
	FIELD(N_("Post"), C_TEXT, lz_person, post),
	FIELD(N_("Department"), C_TEXT, lz_person, dept),
	OTHER(N_("Roles"), get_roles, NULL),
};

typedef struct table_def {
	lz_kind kind;
	const column *cols;
	size_t n;
} table_def;

static const table_def tables[] = {
	[LZ_TABLE_MEETINGS] = {LZ_KIND_MEETING, meeting_cols, sizeof meeting_cols / sizeof *meeting_cols},
	[LZ_TABLE_ITEMS] = {LZ_KIND_ITEM, item_cols, sizeof item_cols / sizeof *item_cols},
	[LZ_TABLE_RISKS] = {LZ_KIND_RISK, risk_cols, sizeof risk_cols / sizeof *risk_cols},
	[LZ_TABLE_PEOPLE] = {LZ_KIND_PERSON, person_cols, sizeof person_cols / sizeof *person_cols},
};

/* A person's name is translated with its context, as the person
 * command labels it; the other headers plainly. */
static const char *header(const table_def *t, size_t i)
{
	if (t->kind == LZ_KIND_PERSON && i == 0)
		return C_("person", "Name");
	return _(t->cols[i].header);
}

/* ---- export ---- */

typedef struct export_ctx {
	const table_def *t;
	cells c;
	lz_csv_writer w;
	lz_progress *progress;
	lz_arena records;
} export_ctx;

static void write_row(export_ctx *x, const lz_record *r)
{
	for (size_t i = 0; i < x->t->n; i++)
		lz_csv_field(&x->w, get_cell(&x->c, &x->t->cols[i], r));
	lz_csv_end_row(&x->w);
	lz_arena_free(x->c.arena);
	lz_progress_step(x->progress, 1);
}

static bool export_one(const lz_record *r, void *ctx)
{
	export_ctx *x = ctx;
	write_row(x, r);
	lz_arena_free(&x->records);
	return true;
}

lz_rc lz_export_csv(const lz_plan *plan, lz_store *store, lz_table table, FILE *out,
		    lz_progress *progress, lz_err *err)
{
	lz_arena row = {0};
	export_ctx x = {.t = &tables[table], .c = {.plan = plan, .arena = &row},
			.progress = progress};
	size_t total = 0;
	lz_rc rc = lz_store_count(store, x.t->kind, &total, err);
	if (rc != LZ_OK)
		return rc;
	lz_progress_start(progress, total);
	lz_csv_begin(&x.w, out);
	for (size_t i = 0; i < x.t->n; i++)
		lz_csv_field(&x.w, header(x.t, i));
	lz_csv_end_row(&x.w);
	switch (table) {
	case LZ_TABLE_MEETINGS:
		rc = lz_store_meetings_between(store, INT32_MIN + 1, INT32_MAX, &x.records, export_one,
						&x, err);
		break;
	case LZ_TABLE_ITEMS:
		rc = lz_store_items_by_task(store, 0, &x.records, export_one, &x, err);
		break;
	default:
		rc = lz_store_scan(store, x.t->kind, &x.records, export_one, &x, err);
		break;
	}
	lz_arena_free(&x.records);
	lz_arena_free(&row);
	if (rc == LZ_OK && (fflush(out) != 0 || ferror(out)))
		rc = lz_err_set(err, LZ_EIO, _("cannot write the output"));
	return rc;
}

/* ---- import ---- */

/* What makes a row the same record as one already stored. */
static char *record_key(const lz_record *r)
{
	char *k = NULL;
	int n = 0;
	switch (r->kind) {
	case LZ_KIND_MEETING: {
		const lz_meeting *m = &r->u.meeting;
		n = asprintf(&k, "%d\x1f%d\x1f%s\x1f%s", m->date, m->start, m->type ? m->type : "",
			     m->title ? m->title : "");
		break;
	}
	case LZ_KIND_ITEM:
		n = asprintf(&k, "%d\x1f%s", r->u.item.task, r->u.item.title ? r->u.item.title : "");
		break;
	case LZ_KIND_RISK: {
		const lz_risk *x = &r->u.risk;
		n = asprintf(&k, "%s\x1f%s\x1f%s", x->post ? x->post : "", x->link ? x->link : "",
			     x->desc ? x->desc : "");
		break;
	}
	default:
		n = asprintf(&k, "%llu", (unsigned long long)r->u.meta.id);
		break;
	}
	if (n < 0)
		abort();
	return k;
}

typedef struct stored_keys {
	lz_vec keys;  /* char *, sorted once read */
	lz_arena *scratch;
} stored_keys;

static bool collect_key(const lz_record *r, void *ctx)
{
	stored_keys *s = ctx;
	*(char **)lz_vec_push(&s->keys) = record_key(r);
	lz_arena_free(s->scratch);
	return true;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_keys(lz_vec *keys)
{
	for (size_t i = 0; i < keys->n; i++)
		free(((char **)keys->v)[i]);
	lz_vec_free(keys);
}

static const char *duplicate_message(lz_kind kind)
{
	switch (kind) {
	case LZ_KIND_MEETING:
		return _("a meeting of this date, time, type and title is already recorded; was the file imported before?");
	case LZ_KIND_ITEM:
		return _("an item of this task and title is already recorded; was the file imported before?");
	default:
		return _("a risk point of this post, link and description is already recorded; was the file imported before?");
	}
}

/* Row 1 names the columns, in English or in the messages' language. */
static bool check_header(const table_def *t, const char *file, const lz_csv_row *row,
			 lz_table table, lz_diags *diags)
{
	bool ok = row->n == t->n;
	for (size_t i = 0; ok && i < t->n; i++)
		ok = strcmp(row->fields[i], t->cols[i].header) == 0 ||
		     strcmp(row->fields[i], header(t, i)) == 0;
	if (ok)
		return true;
	const char *sep = _(", ");
	size_t len = 0;
	for (size_t i = 0; i < t->n; i++)
		len += strlen(header(t, i)) + strlen(sep);
	char *expected = malloc(len + 1), *p = expected;
	if (!expected)
		abort();
	for (size_t i = 0; i < t->n; i++)
		p += sprintf(p, "%s%s", i ? sep : "", header(t, i));
	lz_diags_add(diags, file, row->number, 0,
		     _("the first row must name the %zu columns of the %s table: %s"), t->n,
		     lz_table_name(table), expected);
	free(expected);
	return false;
}

static bool empty_row(const lz_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->fields[i][0])
			return false;
	return true;
}

static void finish_record(cells *c, lz_record *r)
{
	switch (r->kind) {
	case LZ_KIND_MEETING: {
		lz_meeting *m = &r->u.meeting;
		/* Left empty, as meeting add decides it. */
		if (!c->status_given && m->date != LZ_NO_DAY)
			m->status = m->date < c->today ? LZ_MEETING_HELD : LZ_MEETING_PLANNED;
		if (m->date != LZ_NO_DAY) {
			int y, mo, d;
			lz_day_to_ymd(m->date, &y, &mo, &d);
			m->meta.year = y;
		}
		m->imported = true;
		break;
	}
	default:
		r->u.meta.year = c->plan->year;
		break;
	}
}

static void init_record(lz_record *r, lz_kind kind)
{
	r->kind = kind;
	switch (kind) {
	case LZ_KIND_MEETING: lz_meeting_init(&r->u.meeting); break;
	case LZ_KIND_ITEM: lz_item_init(&r->u.item); break;
	case LZ_KIND_RISK: lz_risk_init(&r->u.risk); break;
	default: lz_person_init(&r->u.person); break;
	}
}

lz_rc lz_import_csv(const lz_plan *plan, lz_store *store, lz_table table, const char *file,
		    const char *data, size_t len, lz_day today, bool dry_run, size_t *rows,
		    lz_diags *diags, lz_err *err)
{
	*rows = 0;
	const table_def *t = &tables[table];
	if (!lz_table_importable(table))
		return lz_err_set(err, LZ_EUSAGE, _("%s cannot be imported"), lz_table_name(table));
	size_t before = diags->count + diags->dropped;
	lz_arena arena = {0}, scratch = {0};
	lz_csv_table csv;
	lz_csv_parse(file, data, len, &arena, &csv, diags);
	if (csv.n == 0)
		lz_diags_add(diags, file, 0, 0, _("the file is empty; the first row must name the columns"));

	stored_keys stored = {.keys = LZ_VEC(char *), .scratch = &scratch};
	lz_rc rc = lz_store_scan(store, t->kind, &scratch, collect_key, &stored, err);
	lz_arena_free(&scratch);
	if (stored.keys.n > 1)
		qsort(stored.keys.v, stored.keys.n, sizeof(char *), cmp_key);

	lz_vec recs = LZ_VEC(lz_record);
	cells c = {.plan = plan, .arena = &arena, .today = today};
	bool header_ok = csv.n && !csv.rows[0].bad && check_header(t, file, &csv.rows[0], table, diags);
	for (size_t i = 1; rc == LZ_OK && header_ok && i < csv.n; i++) {
		const lz_csv_row *row = &csv.rows[i];
		if (row->bad || empty_row(row))
			continue;
		if (row->n != t->n) {
			lz_diags_add(diags, file, row->number, 0, _("%zu columns instead of %zu"), row->n,
				     t->n);
			continue;
		}
		lz_record r;
		init_record(&r, t->kind);
		c.status_given = false;
		bool ok = true;
		for (size_t k = 0; k < t->n; k++) {
			lz_err e;
			lz_err_clear(&e);
			if (!set_cell(&c, &t->cols[k], &r, row->fields[k], &e)) {
				lz_diags_add(diags, file, row->number, 0, "%s: %s", header(t, k), e.msg);
				ok = false;
			}
		}
		if (!ok)
			continue;
		finish_record(&c, &r);
		lz_err e;
		lz_err_clear(&e);
		if (lz_validate_record(plan, &r, &e) != LZ_OK) {
			lz_diags_add(diags, file, row->number, 0, "%s", e.msg);
			continue;
		}
		char *key = record_key(&r);
		if (stored.keys.n && bsearch(&key, stored.keys.v, stored.keys.n, sizeof(char *), cmp_key))
			lz_diags_add(diags, file, row->number, 0, "%s", duplicate_message(t->kind));
		else
			*(lz_record *)lz_vec_push(&recs) = r;
		free(key);
	}
	free_keys(&stored.keys);
	/* Row by row, whichever check found the problem. */
	lz_diags_sort(diags, before < diags->count ? before : diags->count);
	size_t problems = diags->count + diags->dropped - before;
	if (rc == LZ_OK && problems)
		rc = lz_err_set(err, LZ_EDATA, _("%s: nothing imported; correct the rows above and import the whole file again"), file);
	if (rc == LZ_OK) {
		*rows = recs.n;
		lz_record *r = recs.v;
		lz_op *ops = calloc(recs.n + 1, sizeof *ops);
		if (!ops)
			abort();
		for (size_t i = 0; i < recs.n; i++)
			ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = t->kind, .rec = &r[i]};
		/* Every row in one transaction: all of the file or none of it. */
		if (!dry_run && recs.n)
			rc = lz_store_apply(store, ops, recs.n, err);
		free(ops);
	}
	lz_vec_free(&recs);
	lz_arena_free(&arena);
	return rc;
}
