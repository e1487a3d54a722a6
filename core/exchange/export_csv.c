/* The CSV tables: one column list per table serves export and import.
 * Cells hold what a person reads in a spreadsheet: names rather than ids
 * (a meeting type, a status, a level), dates as YYYY-MM-DD, lists one
 * entry a line.  Import reads what export writes, and also the forms a
 * spreadsheet saves after editing (2022/6/15, 9:00). */
#include "lz_export.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* A column is found by its header in English or in Chinese, whatever
 * the language of the messages: a file exported under one locale is read
 * under another.  The Chinese is the zh_CN translation of the header (the
 * round trip of an export in Chinese keeps the two the same). */
typedef struct column {
	const char *header;  /* English; written in the messages' language */
	const char *zh;
	col_kind kind;
	size_t off;          /* of the field in the record's variant */
	const char *(*get)(cells *c, const lz_record *r);                 /* C_OTHER */
	bool (*set)(cells *c, lz_record *r, const char *v, lz_err *err);  /* C_OTHER */
} column;

#define FIELD(h, zh, kind, type, f) {h, zh, kind, offsetof(type, f), NULL, NULL}
#define OTHER(h, zh, get, set) {h, zh, C_OTHER, 0, get, set}

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
	/* The words of both languages, as a file exported under either
	 * locale has them: the labels' zh_CN translations. */
	static const char *const zh[] = {
		[LZ_MEETING_PLANNED] = "计划召开",
		[LZ_MEETING_HELD] = "已召开",
		[LZ_MEETING_CANCELLED] = "已取消",
	};
	c->status_given = *v != '\0';
	if (!*v || lz_meeting_status_parse(v, &r->u.meeting.status))
		return true;
	for (int s = LZ_MEETING_PLANNED; s <= LZ_MEETING_CANCELLED; s++)
		if (strcmp(v, lz_meeting_status_label((lz_meeting_status)s)) == 0 ||
		    strcmp(v, zh[s]) == 0) {
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
	FIELD(N_("Date"), "日期", C_DAY, lz_meeting, date),
	FIELD(N_("Start"), "开始时间", C_TIME, lz_meeting, start),
	FIELD(N_("End"), "结束时间", C_TIME, lz_meeting, end),
	OTHER(N_("Type"), "类型", get_type, set_type),
	OTHER(N_("Status"), "状态", get_status, set_status),
	FIELD(N_("Title"), "标题", C_TEXT, lz_meeting, title),
	FIELD(N_("Location"), "地点", C_TEXT, lz_meeting, location),
	FIELD(N_("Host"), "主持人", C_TEXT, lz_meeting, host),
	FIELD(N_("Recorder"), "记录人", C_TEXT, lz_meeting, recorder),
	FIELD(N_("Expected"), "应到人数", C_COUNT, lz_meeting, expected),
	FIELD(N_("Present"), "实到人数", C_COUNT, lz_meeting, present),
	FIELD(N_("Attendees"), "参会人员", C_TEXT, lz_meeting, attendees),
	OTHER(N_("Absent"), "缺席人员", get_absent, set_absent),
	FIELD(N_("Non-voting"), "列席人员", C_LIST, lz_meeting, nonvoting),
	FIELD(N_("First topic"), "第一议题", C_TEXT, lz_meeting, first_topic),
	FIELD(N_("Topics"), "议题", C_LIST, lz_meeting, topics),
	FIELD(N_("Decisions"), "决定事项", C_LIST, lz_meeting, decisions),
	FIELD(N_("Summary"), "会议纪要", C_TEXT, lz_meeting, summary),
	OTHER(N_("Tasks"), "关联任务", get_tasks, set_tasks),
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
	OTHER(N_("Task"), "任务", get_task, set_task),
	FIELD(N_("Title"), "标题", C_TEXT, lz_item, title),
	FIELD(N_("Owner"), "责任人", C_TEXT, lz_item, owner),
	FIELD(N_("Source"), "来源", C_TEXT, lz_item, source),
	FIELD(N_("Due"), "时限", C_DAY, lz_item, due),
	OTHER(N_("Status"), "状态", get_item_status, set_item_status),
	OTHER(N_("Progress"), "进展", get_progress, set_progress),
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
	FIELD(N_("Post"), "岗位", C_TEXT, lz_risk, post),
	FIELD(N_("Link"), "环节", C_TEXT, lz_risk, link),
	FIELD(N_("Risk"), "风险点", C_TEXT, lz_risk, desc),
	OTHER(N_("Level"), "等级", get_level, set_level),
	OTHER(N_("Likelihood"), "可能性", get_likelihood, set_likelihood),
	OTHER(N_("Impact"), "影响程度", get_impact, set_impact),
	FIELD(N_("Measures"), "防控措施", C_TEXT, lz_risk, measures),
	FIELD(N_("Owner"), "责任人", C_TEXT, lz_risk, owner),
	FIELD(N_("Next review"), "下次复核", C_DAY, lz_risk, review),
	FIELD(N_("Status"), "状态", C_TEXT, lz_risk, status),
	OTHER(N_("Reviews"), "复核记录", get_reviews, set_reviews),
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
	{N_("Name"), "姓名", C_TEXT, offsetof(lz_person, name), NULL, NULL},
	FIELD(N_("Post"), "岗位", C_TEXT, lz_person, post),
	FIELD(N_("Department"), "部门", C_TEXT, lz_person, dept),
	OTHER(N_("Roles"), "责任", get_roles, NULL),
};

typedef struct table_def {
	lz_kind kind;
	const column *cols;
	size_t n;
	/* The columns a file must have, by English header: what the add
	 * command needs (meeting add: date, type, title; item add: task,
	 * title; risk add: post, link, description, level). */
	const char *const *required;
} table_def;

static const char *const meeting_required[] = {"Date", "Type", "Title", NULL};
static const char *const item_required[] = {"Task", "Title", NULL};
static const char *const risk_required[] = {"Post", "Link", "Risk", "Level", NULL};
static const char *const person_required[] = {"Name", NULL};

/* The import keeps a few small arrays by column. */
enum { MAX_COLS = 32 };
#define TABLE(kind, cols, req) {kind, cols, sizeof cols / sizeof *cols, req}
_Static_assert(sizeof meeting_cols / sizeof *meeting_cols <= MAX_COLS, "too many columns");
static const table_def tables[] = {
	[LZ_TABLE_MEETINGS] = TABLE(LZ_KIND_MEETING, meeting_cols, meeting_required),
	[LZ_TABLE_ITEMS] = TABLE(LZ_KIND_ITEM, item_cols, item_required),
	[LZ_TABLE_RISKS] = TABLE(LZ_KIND_RISK, risk_cols, risk_required),
	[LZ_TABLE_PEOPLE] = TABLE(LZ_KIND_PERSON, person_cols, person_required),
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

/* The file is read twice, row by row: once to check every row (a dry run
 * stops there), once to store the rows in one batch.  Neither pass keeps
 * more than a row, and the checks that need the whole file (a row that
 * repeats another, or a stored record) keep a hash of each row's key. */

/* What makes a row the same record as another: a 64-bit FNV-1a hash of
 * the fields the "already recorded" messages name. */
typedef struct key_hash {
	uint64_t h;
} key_hash;

static void hash_bytes(key_hash *k, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		k->h ^= b[i];
		k->h *= 0x100000001b3ULL;
	}
}

static void hash_str(key_hash *k, const char *s)
{
	/* A separator after each field: "ab"+"c" is not "a"+"bc". */
	hash_bytes(k, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void hash_int(key_hash *k, int v)
{
	hash_bytes(k, &v, sizeof v);
}

static uint64_t record_key(const lz_record *r)
{
	key_hash k = {0xcbf29ce484222325ULL};
	hash_int(&k, (int)r->kind);
	switch (r->kind) {
	case LZ_KIND_MEETING:
		hash_int(&k, r->u.meeting.date);
		hash_int(&k, r->u.meeting.start);
		hash_str(&k, r->u.meeting.type);
		hash_str(&k, r->u.meeting.title);
		break;
	case LZ_KIND_ITEM:
		hash_int(&k, r->u.item.task);
		hash_str(&k, r->u.item.title);
		break;
	case LZ_KIND_RISK:
		hash_str(&k, r->u.risk.post);
		hash_str(&k, r->u.risk.link);
		hash_str(&k, r->u.risk.desc);
		break;
	default:
		hash_bytes(&k, &r->u.meta.id, sizeof r->u.meta.id);
		break;
	}
	/* 0 marks an empty slot of the set. */
	return k.h ? k.h : 1;
}

/* Keys seen: an open-addressing set of hashes, each with the row it came
 * from (0 for a stored record); 16 bytes a row at most half full. */
typedef struct key_slot {
	uint64_t h;
	uint32_t row;
} key_slot;

typedef struct key_set {
	key_slot *v;
	size_t n, cap;  /* cap a power of two */
} key_set;

static void key_set_free(key_set *s)
{
	free(s->v);
	*s = (key_set){0};
}

static key_slot *key_find(key_set *s, uint64_t h)
{
	size_t mask = s->cap - 1;
	for (size_t i = (size_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask)
		if (s->v[i].h == h || s->v[i].h == 0)
			return &s->v[i];
}

/* The row that had the key before, or -1 after adding it with row. */
static long key_add(key_set *s, uint64_t h, uint32_t row)
{
	if (2 * (s->n + 1) > s->cap) {
		key_set grown = {.cap = s->cap ? s->cap * 2 : 1024};
		grown.v = calloc(grown.cap, sizeof *grown.v);
		if (!grown.v)
			abort();
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i].h)
				*key_find(&grown, s->v[i].h) = s->v[i];
		grown.n = s->n;
		free(s->v);
		*s = grown;
	}
	key_slot *slot = key_find(s, h);
	if (slot->h)
		return slot->row;
	*slot = (key_slot){h, row};
	s->n++;
	return -1;
}

typedef struct importer {
	const lz_plan *plan;
	const table_def *t;
	lz_table table;
	const char *file;
	const lz_import_options *opt;
	lz_diags *diags;  /* NULL on the second pass: its rows were checked */
	/* For each column of the file, the table's column, or -1 for one
	 * without a header. */
	int *map;
	size_t n_map;
	bool given[MAX_COLS];  /* by table column: the file has it */
	cells c;
	lz_arena row_arena;
	key_set keys;
} importer;

static void row_problem(importer *im, int row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void row_problem(importer *im, int row, const char *fmt, ...)
{
	if (!im->diags)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lz_diags_add(im->diags, im->file, row, 0, "%s", msg);
}

/* A header cell without the spaces a spreadsheet user may leave. */
static size_t trimmed(const char *s, const char **start)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	*start = s;
	return n;
}

static bool names(const char *name, size_t n, const char *header)
{
	return strlen(header) == n && memcmp(name, header, n) == 0;
}

static int find_column(const table_def *t, const char *name, size_t n)
{
	for (size_t i = 0; i < t->n; i++)
		if (names(name, n, t->cols[i].header) || names(name, n, t->cols[i].zh) ||
		    names(name, n, header(t, i)))
			return (int)i;
	return -1;
}

/* "a, b, c" of the table's headers in the messages' language, the
 * columns picked by want (all when NULL). */
static char *header_list(const table_def *t, const bool *want)
{
	const char *sep = _(", ");
	size_t len = 1;
	for (size_t i = 0; i < t->n; i++)
		len += strlen(header(t, i)) + strlen(sep);
	char *s = malloc(len), *p = s;
	if (!s)
		abort();
	*p = '\0';
	for (size_t i = 0; i < t->n; i++)
		if (!want || want[i])
			p += sprintf(p, "%s%s", p == s ? "" : sep, header(t, i));
	return s;
}

/* Row 1 names the columns, in any order, in English or Chinese (or the
 * messages' language); the columns a record needs must be there.  A
 * header the table lacks is refused, not ignored: the data under it would
 * be lost without a word. */
static bool read_header(importer *im, const lz_csv_row *row)
{
	const table_def *t = im->t;
	im->n_map = row->n;
	im->map = calloc(row->n ? row->n : 1, sizeof *im->map);
	if (!im->map)
		abort();
	memset(im->given, 0, sizeof im->given);
	int first[MAX_COLS];
	bool ok = true;
	size_t unknown_len = 0;
	for (size_t i = 0; i < row->n; i++)
		unknown_len += strlen(row->fields[i]) + 8;
	char *unknown = malloc(unknown_len + 1), *u = unknown;
	if (!unknown)
		abort();
	*u = '\0';
	for (size_t i = 0; i < row->n; i++) {
		const char *name;
		size_t n = trimmed(row->fields[i], &name);
		int col = n ? find_column(t, name, n) : -1;
		im->map[i] = col;
		if (!n)
			continue;
		if (col < 0) {
			u += sprintf(u, "%s'%.*s'", u == unknown ? "" : _(", "), (int)n, name);
			continue;
		}
		if (im->given[col]) {
			row_problem(im, row->number, _("the column %s is there twice (columns %d and %zu)"),
				    header(t, (size_t)col), first[col], i + 1);
			ok = false;
		}
		im->given[col] = true;
		first[col] = (int)i + 1;
	}
	if (*unknown) {
		char *all = header_list(t, NULL);
		row_problem(im, row->number, _("the %s table has no column %s; its columns are: %s"),
			    lz_table_name(im->table), unknown, all);
		free(all);
		ok = false;
	}
	free(unknown);
	bool need[MAX_COLS] = {0}, missing = false;
	for (const char *const *r = t->required; *r; r++) {
		int col = find_column(t, *r, strlen(*r));
		need[col] = true;
		missing |= !im->given[col];
	}
	if (missing) {
		bool lacking[MAX_COLS] = {0};
		for (size_t i = 0; i < t->n; i++)
			lacking[i] = need[i] && !im->given[i];
		char *want = header_list(t, need), *lack = header_list(t, lacking);
		row_problem(im, row->number, _("the %s table needs the columns %s; missing: %s"),
			    lz_table_name(im->table), want, lack);
		free(want);
		free(lack);
		ok = false;
	}
	return ok;
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

/* The row as a record, valid as add would have it; false after the
 * problems are reported.  Strings live in the row and the row arena. */
static bool row_record(importer *im, const lz_csv_row *row, lz_record *r)
{
	const table_def *t = im->t;
	if (row->n != im->n_map) {
		row_problem(im, row->number, _("%zu columns instead of %zu"), row->n, im->n_map);
		return false;
	}
	const char *value[MAX_COLS];
	for (size_t k = 0; k < t->n; k++)
		value[k] = "";
	bool ok = true;
	for (size_t i = 0; i < row->n; i++) {
		if (im->map[i] >= 0)
			value[im->map[i]] = row->fields[i];
		else if (row->fields[i][0]) {
			row_problem(im, row->number, _("column %zu has no name in row 1 but holds '%s'"),
				    i + 1, row->fields[i]);
			ok = false;
		}
	}
	init_record(r, t->kind);
	im->c.status_given = false;
	/* A column the file leaves out is read as left empty. */
	for (size_t k = 0; k < t->n; k++) {
		lz_err e;
		lz_err_clear(&e);
		if (!set_cell(&im->c, &t->cols[k], r, value[k], &e)) {
			row_problem(im, row->number, "%s: %s", header(t, k), e.msg);
			ok = false;
		}
	}
	if (!ok)
		return false;
	finish_record(&im->c, r);
	lz_err e;
	lz_err_clear(&e);
	if (lz_validate_record(im->plan, r, &e) != LZ_OK) {
		row_problem(im, row->number, "%s", e.msg);
		return false;
	}
	return true;
}

static const char *stored_message(lz_kind kind)
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

static void repeated_message(importer *im, int row, long first)
{
	switch (im->t->kind) {
	case LZ_KIND_MEETING:
		row_problem(im, row, _("the same meeting (date, time, type and title) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	case LZ_KIND_ITEM:
		row_problem(im, row, _("the same item (task and title) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	default:
		row_problem(im, row, _("the same risk point (post, link and description) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	}
}

static bool collect_key(const lz_record *r, void *ctx)
{
	importer *im = ctx;
	key_add(&im->keys, record_key(r), 0);
	lz_arena_free(&im->row_arena);
	return true;
}

typedef struct digest_walk {
	importer *im;
	lz_vec cut;  /* lz_id: meetings whose title the digest cuts */
} digest_walk;

static bool collect_digest(const lz_meeting_digest *d, void *ctx)
{
	digest_walk *w = ctx;
	if (d->title_cut) {
		*(lz_id *)lz_vec_push(&w->cut) = d->b.id;
		return true;
	}
	lz_record r = {.kind = LZ_KIND_MEETING};
	lz_meeting_init(&r.u.meeting);
	r.u.meeting.date = d->b.date;
	r.u.meeting.start = d->b.start;
	r.u.meeting.type = d->b.type;
	r.u.meeting.title = d->title;
	key_add(&w->im->keys, record_key(&r), 0);
	return true;
}

/* The keys of the records already stored.  Meetings come from the date
 * index's digests, not the records: a few dozen bytes each instead of the
 * whole minutes, which keeps a small file's import into a large ledger
 * small too; only a title longer than a digest holds needs its record. */
static lz_rc collect_stored(importer *im, lz_store *store, lz_err *err)
{
	if (im->t->kind != LZ_KIND_MEETING)
		return lz_store_scan(store, im->t->kind, &im->row_arena, collect_key, im, err);
	digest_walk w = {im, LZ_VEC(lz_id)};
	lz_rc rc = lz_store_meeting_digests(store, INT32_MIN + 1, INT32_MAX, collect_digest, &w,
					    err);
	for (size_t i = 0; rc == LZ_OK && i < w.cut.n; i++) {
		lz_record r;
		rc = lz_store_get(store, LZ_KIND_MEETING, ((lz_id *)w.cut.v)[i], &im->row_arena, &r,
				  err);
		if (rc == LZ_OK)
			collect_key(&r, im);
	}
	lz_vec_free(&w.cut);
	return rc;
}

static lz_rc read_failed(importer *im, const lz_csv_reader *rd, lz_err *err)
{
	return lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), im->file, strerror(rd->read_errno));
}

/* The first pass: every row checked, problems reported, *rows counted. */
static lz_rc check_file(importer *im, lz_store *store, FILE *in, size_t *rows, lz_err *err)
{
	lz_csv_reader rd;
	lz_csv_reader_init(&rd, im->file, in, im->diags);
	lz_csv_row row;
	lz_rc rc = LZ_OK;
	if (!lz_csv_read_row(&rd, &row)) {
		if (rd.read_errno)
			rc = read_failed(im, &rd, err);
		else
			lz_diags_add(im->diags, im->file, 0, 0,
				     _("the file is empty; the first row must name the columns"));
		lz_csv_reader_free(&rd);
		return rc;
	}
	if (row.bad || !read_header(im, &row)) {
		lz_csv_reader_free(&rd);
		return LZ_OK;
	}
	rc = collect_stored(im, store, err);
	while (rc == LZ_OK && lz_csv_read_row(&rd, &row)) {
		lz_record r;
		if (!row.bad && !empty_row(&row) && row_record(im, &row, &r)) {
			long first = key_add(&im->keys, record_key(&r), (uint32_t)row.number);
			if (first == 0)
				row_problem(im, row.number, "%s", stored_message(im->t->kind));
			else if (first > 0 && !im->opt->allow_duplicates)
				repeated_message(im, row.number, first);
			else
				++*rows;
		}
		lz_arena_free(&im->row_arena);
	}
	if (rc == LZ_OK && rd.read_errno)
		rc = read_failed(im, &rd, err);
	lz_csv_reader_free(&rd);
	return rc;
}

static lz_rc changed(importer *im, lz_err *err)
{
	return lz_err_set(err, LZ_EDATA,
			  _("%s changed while it was imported; nothing imported, import it again"),
			  im->file);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The second pass: the checked rows, in one batch. */
static lz_rc store_file(importer *im, lz_store *store, FILE *in, const struct stat *before,
			size_t rows, lz_err *err)
{
	for (;;) {
		if (fseek(in, 0, SEEK_SET) != 0)
			return lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), im->file, strerror(errno));
		/* A meeting stored takes about three times its CSV row: the
		 * record, its log entry and the indexes. */
		lz_store_batch *b;
		lz_rc rc = lz_store_batch_begin(store, 4 * (size_t)before->st_size, &b, err);
		if (rc != LZ_OK)
			return rc;
		lz_csv_reader rd;
		lz_csv_reader_init(&rd, im->file, in, NULL);
		lz_csv_row row;
		size_t n = 0;
		bool header = lz_csv_read_row(&rd, &row);
		while (rc == LZ_OK && header && lz_csv_read_row(&rd, &row)) {
			lz_record r;
			if (row.bad)
				rc = changed(im, err);
			else if (!empty_row(&row)) {
				if (!row_record(im, &row, &r))
					rc = changed(im, err);
				else {
					lz_op op = {.op = LZ_OP_ADD, .kind = im->t->kind, .rec = &r};
					rc = lz_store_batch_apply(b, &op, err);
					n++;
				}
			}
			lz_arena_free(&im->row_arena);
		}
		if (rc == LZ_OK && rd.read_errno)
			rc = read_failed(im, &rd, err);
		struct stat now;
		if (rc == LZ_OK && (!header || n != rows || fstat(fileno(in), &now) != 0 ||
				    !same_file(before, &now)))
			rc = changed(im, err);
		lz_csv_reader_free(&rd);
		bool again = false;
		if (rc == LZ_OK)
			rc = lz_store_batch_commit(b, &again, err);
		else
			lz_store_batch_abort(b, &again);
		if (!again)
			return rc;
		lz_err_clear(err);
	}
}

lz_rc lz_import_csv(const lz_plan *plan, lz_store *store, lz_table table, const char *file,
		    FILE *in, const lz_import_options *opt, size_t *rows, lz_diags *diags,
		    lz_err *err)
{
	*rows = 0;
	if (!lz_table_importable(table))
		return lz_err_set(err, LZ_EUSAGE, _("%s cannot be imported"), lz_table_name(table));
	struct stat before;
	if (fstat(fileno(in), &before) != 0)
		return lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), file, strerror(errno));
	importer im = {.plan = plan, .t = &tables[table], .table = table, .file = file,
		       .opt = opt, .diags = diags};
	im.c = (cells){.plan = plan, .arena = &im.row_arena, .today = opt->today};
	size_t first = diags->count + diags->dropped;
	lz_rc rc = check_file(&im, store, in, rows, err);
	key_set_free(&im.keys);
	/* Row by row, whichever check found the problem. */
	lz_diags_sort(diags, first < diags->count ? first : diags->count);
	if (rc == LZ_OK && diags->count + diags->dropped > first)
		rc = lz_err_set(err, LZ_EDATA, _("%s: nothing imported; correct the rows above and import the whole file again"), file);
	/* Every row in one transaction: all of the file or none of it. */
	if (rc == LZ_OK && !opt->dry_run && *rows) {
		im.diags = NULL;
		rc = store_file(&im, store, in, &before, *rows, err);
	}
	if (rc != LZ_OK)
		*rows = 0;
	free(im.map);
	lz_arena_free(&im.row_arena);
	return rc;
}
