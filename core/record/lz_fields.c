#include "lz_fields.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "lz_vec.h"

/* ---- the tables ---- */

#define SHORT LZ_MAX_SHORT_BYTES
#define LONG LZ_MAX_LONG_BYTES
#define LIST LZ_MAX_LIST_ENTRIES

#define F(kind_t, member, key_, label_, noun_, zh_, type_, tag_, limit_, flags_)           \
	{.key = key_, .label = label_, .noun = noun_, .zh = zh_, .type = type_,             \
	 .offset = offsetof(kind_t, member), .tag = tag_, .limit = limit_, .flags = flags_}
#define V(kind_t, member, key_, label_, noun_, zh_, vocab_, tag_, flags_)                  \
	{.key = key_, .label = label_, .noun = noun_, .zh = zh_, .type = LZ_FT_VOCAB,       \
	 .vocab = vocab_, .offset = offsetof(kind_t, member), .tag = tag_, .limit = SHORT,   \
	 .flags = flags_}
#define A(kind_t, member, count, key_, label_, noun_, zh_, type_, tag_, flags_)            \
	{.key = key_, .label = label_, .noun = noun_, .zh = zh_, .type = type_,             \
	 .offset = offsetof(kind_t, member), .count_offset = offsetof(kind_t, count),       \
	 .tag = tag_, .limit = LIST, .flags = flags_}

enum {
	REQ = LZ_FF_REQUIRED, S = LZ_FF_SEARCH, ICS = LZ_FF_ICS, NAMES = LZ_FF_NAMES,
	SENS = LZ_FF_SENSITIVE, NOOPT = LZ_FF_NO_OPTION,
};

/* Every kind's evidence (佐证材料), one row in each table, after the meta's
 * tags: `evidence add` sets it, nothing else (no option, no CSV column,
 * no form field); show and history print it, search finds its names. */
#define EVIDENCE_FLAGGED(kind_t, more)                                                    \
	{.key = "evidence", .label = N_("Evidence"), .noun = N_("evidence"), .zh = "佐证材料", \
	 .type = LZ_FT_EVIDENCE, .offset = offsetof(kind_t, meta.evidence),                 \
	 .count_offset = offsetof(kind_t, meta.n_evidence), .tag = 9, .limit = LIST,         \
	 .flags = S | LZ_FF_NO_OPTION | LZ_FF_NO_CSV | (more)}
/* A kind whose records are sensitive takes EVIDENCE_FLAGGED(kind,
 * LZ_FF_SENSITIVE): its files' names are kept out of outputs as well. */
#define EVIDENCE(kind_t) EVIDENCE_FLAGGED(kind_t, 0)

/* Tags 0 to 9 are the record's schema and meta (record_codec.c). */
static const lz_fielddef person_fields[] = {
	F(lz_person, name, "name", NC_("person", "Name"), N_("name"), "姓名", LZ_FT_LINE, 10, SHORT, REQ | S),
	F(lz_person, post, "post", NC_("person", "Post"), N_("post"), "职务", LZ_FT_LINE, 11, SHORT, S),
	F(lz_person, dept, "dept", N_("Department"), N_("department"), "部门", LZ_FT_LINE, 12, SHORT, S),
	F(lz_person, roles, "role", N_("Roles"), N_("roles"), "责任", LZ_FT_ROLES, 13, LIST, S),
	EVIDENCE(lz_person),
};

static const lz_fielddef item_fields[] = {
	F(lz_item, task, "task", N_("Task"), N_("task"), "任务", LZ_FT_TASK, 10, 0, REQ),
	F(lz_item, title, "title", N_("Title"), N_("title"), "标题", LZ_FT_LINE, 11, SHORT, REQ | S),
	F(lz_item, owner, "owner", N_("Owner"), N_("owner"), "责任人", LZ_FT_PERSON, 12, SHORT, S),
	F(lz_item, source, "source", N_("Source"), N_("source"), "来源", LZ_FT_LINE, 13, SHORT, S),
	F(lz_item, due, "due", N_("Due"), N_("deadline"), "时限", LZ_FT_DATE, 14, 0, 0),
	V(lz_item, status, "status", N_("Status"), N_("status"), "状态", LZ_VOCAB_ITEM_STATUS, 15, 0),
	A(lz_item, log, n_log, "progress", N_("Progress"), N_("progress note"), "进展", LZ_FT_NOTES, 16,
	  S | LZ_FF_NO_OPTION),
	F(lz_item, measures, "measures", N_("Rectification measures"), N_("rectification measures"),
	  "整改措施", LZ_FT_TEXT, 17, LONG, S),
	F(lz_item, leader, "leader", N_("Leader"), N_("leader"), "责任领导", LZ_FT_PERSON, 18, SHORT, S),
	F(lz_item, done, "done", N_("Done on"), N_("done date"), "完成时间", LZ_FT_DATE, 19, 0, 0),
	F(lz_item, followup, "followup", N_("Follow-up"), N_("follow-up date"), "回头看", LZ_FT_DATE, 20,
	  0, 0),
	F(lz_item, followup_result, "followup-result", N_("Follow-up result"),
	  N_("follow-up result"), "回头看情况", LZ_FT_TEXT, 21, LONG, S),
	F(lz_item, signed_off, "signed-off", N_("Signed off"), N_("sign-off date"), "销号", LZ_FT_DATE,
	  22, 0, 0),
	EVIDENCE(lz_item),
};

static const lz_fielddef meeting_fields[] = {
	F(lz_meeting, date, "date", N_("Date"), N_("meeting date"), "日期", LZ_FT_DATE, 10, 0, REQ),
	F(lz_meeting, start, "time", N_("Start"), N_("start time"), "开始时间", LZ_FT_TIME, 11, 0, 0),
	F(lz_meeting, end, "end", N_("End"), N_("end time"), "结束时间", LZ_FT_TIME, 12, 0, 0),
	V(lz_meeting, type, "type", N_("Type"), N_("type"), "类型", LZ_VOCAB_MEETING_TYPE, 13,
	  REQ | ICS),
	F(lz_meeting, status, "status", N_("Status"), N_("status"), "状态", LZ_FT_MSTATUS, 28, 0, 0),
	F(lz_meeting, title, "title", N_("Title"), N_("title"), "标题", LZ_FT_LINE, 14, SHORT, REQ | S),
	F(lz_meeting, location, "location", N_("Location"), N_("location"), "地点", LZ_FT_LINE, 15, SHORT, S),
	F(lz_meeting, host, "host", N_("Host"), N_("host"), "主持人", LZ_FT_PERSON, 16, SHORT,
	  S | ICS),
	F(lz_meeting, recorder, "recorder", N_("Recorder"), N_("recorder"), "记录人", LZ_FT_PERSON, 17,
	  SHORT, S | ICS),
	F(lz_meeting, expected, "expected", N_("Expected"), N_("expected count"), "应到人数", LZ_FT_COUNT,
	  18, 0, 0),
	F(lz_meeting, present, "present", N_("Present"), N_("present count"), "实到人数", LZ_FT_COUNT, 19,
	  0, 0),
	F(lz_meeting, attendees, "attendees", N_("Attendees"), N_("attendees"), "参会人员", LZ_FT_TEXT, 20,
	  LONG, S | NAMES),
	A(lz_meeting, absent, n_absent, "absent", N_("Absent"), N_("absentees"), "缺席人员",
	  LZ_FT_ABSENCES, 21, S | NAMES),
	F(lz_meeting, nonvoting, "nonvoting", N_("Non-voting"), N_("non-voting attendees"), "列席人员",
	  LZ_FT_LINES, 22, LIST, S | NAMES),
	F(lz_meeting, first_topic, "first-topic", N_("First topic"), N_("first topic"), "第一议题",
	  LZ_FT_TEXT, 24, LONG, S | ICS),
	F(lz_meeting, topics, "topic", N_("Topics"), N_("topics"), "议题", LZ_FT_LINES, 23, LIST,
	  S | ICS),
	F(lz_meeting, decisions, "decision", N_("Decisions"), N_("decisions"), "决定事项", LZ_FT_LINES, 25,
	  LIST, S),
	F(lz_meeting, summary, "summary", N_("Summary"), N_("summary"), "会议纪要", LZ_FT_TEXT, 26, LONG, S),
	A(lz_meeting, tasks, n_tasks, "task", N_("Tasks"), N_("linked tasks"), "关联任务", LZ_FT_TASKS,
	  27, 0),
	F(lz_meeting, held_entered, "held-entered", N_("Recorded as held"), N_("held entered"), "",
	  LZ_FT_STAMP, 29, 0, LZ_FF_INTERNAL),
	F(lz_meeting, imported, "imported", N_("Imported"), N_("imported"), "", LZ_FT_FLAG, 30, 0,
	  LZ_FF_INTERNAL),
	F(lz_meeting, late_reason, "late-reason", N_("Reason for late entry"),
	  N_("reason for the late entry"), "补记原因", LZ_FT_TEXT, 31, LONG, S),
	EVIDENCE(lz_meeting),
};

static const lz_fielddef risk_fields[] = {
	F(lz_risk, post, "post", N_("Post"), N_("post"), "岗位", LZ_FT_LINE, 10, SHORT, REQ | S),
	F(lz_risk, link, "link", N_("Link"), N_("link"), "环节", LZ_FT_LINE, 11, SHORT, REQ | S),
	F(lz_risk, desc, "desc", N_("Risk"), N_("description"), "风险点", LZ_FT_TEXT, 12, LONG, REQ | S),
	V(lz_risk, level, "level", N_("Level"), N_("level"), "等级", LZ_VOCAB_RISK_LEVEL, 13, REQ),
	F(lz_risk, likelihood, "likelihood", N_("Likelihood"), N_("likelihood"), "可能性", LZ_FT_SCALE, 14,
	  0, 0),
	F(lz_risk, impact, "impact", N_("Impact"), N_("impact"), "影响程度", LZ_FT_SCALE, 15, 0, 0),
	F(lz_risk, measures, "measures", N_("Measures"), N_("measures"), "防控措施", LZ_FT_TEXT, 16, LONG, S),
	F(lz_risk, owner, "owner", N_("Owner"), N_("owner"), "责任人", LZ_FT_PERSON, 17, SHORT, S),
	F(lz_risk, review, "review", N_("Next review"), N_("next review"), "下次复核", LZ_FT_DATE, 18, 0, 0),
	F(lz_risk, status, "status", N_("Status"), N_("status"), "状态", LZ_FT_LINE, 19, SHORT, S),
	A(lz_risk, log, n_log, "reviews", N_("Reviews"), N_("review"), "复核记录", LZ_FT_REVIEWS, 20,
	  S | LZ_FF_NO_OPTION),
	EVIDENCE(lz_risk),
};

/* How a notice was relayed is set by `notice relay` (and the screen's
 * relay), which checks the meeting: no add or edit option. */
static const lz_fielddef notice_fields[] = {
	EVIDENCE(lz_notice),
	F(lz_notice, received, "received", N_("Received"), N_("date received"), "收文日期", LZ_FT_DATE,
	  10, 0, REQ),
	F(lz_notice, issuer, "issuer", N_("Issuer"), N_("issuing body"), "发文单位", LZ_FT_LINE, 11,
	  SHORT, REQ | S),
	F(lz_notice, number, "number", N_("Number"), N_("document number"), "文号", LZ_FT_LINE, 12,
	  SHORT, S),
	F(lz_notice, title, "title", N_("Title"), N_("title"), "标题", LZ_FT_LINE, 13, SHORT, REQ | S),
	F(lz_notice, relayed, "relayed", N_("Relayed on"), N_("relay date"), "传达日期", LZ_FT_DATE, 14,
	  0, NOOPT),
	F(lz_notice, meeting, "meeting", N_("Relayed at"), N_("meeting"), "传达会议", LZ_FT_MEETING, 15,
	  0, NOOPT),
	F(lz_notice, how, "how", N_("Relayed how"), N_("way of relaying"), "传达方式", LZ_FT_LINE, 16,
	  SHORT, S | NOOPT),
};

static const lz_fielddef disclosure_fields[] = {
	EVIDENCE(lz_disclosure),
	F(lz_disclosure, date, "date", N_("Date"), N_("date of disclosure"), "公开日期", LZ_FT_DATE, 10,
	  0, REQ),
	F(lz_disclosure, what, "what", N_("What"), N_("what was made public"), "公开内容", LZ_FT_TEXT,
	  11, LONG, REQ | S),
	F(lz_disclosure, where, "where", N_("Where"), N_("where it was made public"), "公开方式",
	  LZ_FT_LINE, 12, SHORT, REQ | S),
	F(lz_disclosure, by, "by", N_("By"), N_("who made it public"), "公开人", LZ_FT_PERSON, 13,
	  SHORT, S),
};

/* The date and the form are what the yearly counts are made of; whom it
 * concerns, what was done and why are sensitive. */
static const lz_fielddef discipline_fields[] = {
	EVIDENCE_FLAGGED(lz_discipline, LZ_FF_SENSITIVE),
	F(lz_discipline, date, "date", N_("Date"), N_("date of the measure"), "日期", LZ_FT_DATE, 10, 0,
	  REQ),
	F(lz_discipline, person, "person", N_("Person"), N_("person"), "对象", LZ_FT_PERSON, 11, SHORT,
	  REQ | S | SENS),
	F(lz_discipline, form, "form", N_("Form"), N_("form"), "形态", LZ_FT_SCALE, 12, 4, REQ),
	F(lz_discipline, measure, "measure", N_("Measure"), N_("measure"), "处理方式", LZ_FT_LINE, 13,
	  SHORT, REQ | S | SENS),
	F(lz_discipline, reason, "reason", N_("Reason"), N_("reason"), "事由", LZ_FT_TEXT, 14, LONG,
	  REQ | S | SENS),
	F(lz_discipline, by, "by", N_("Decided by"), N_("deciding body"), "决定机关", LZ_FT_LINE, 15,
	  SHORT, S | SENS),
};

#define TAB(k, v) [k] = {k, v, sizeof v / sizeof *v}
static const lz_fieldtab tables[LZ_KIND_COUNT] = {
	TAB(LZ_KIND_PERSON, person_fields),
	TAB(LZ_KIND_ITEM, item_fields),
	TAB(LZ_KIND_MEETING, meeting_fields),
	TAB(LZ_KIND_RISK, risk_fields),
	TAB(LZ_KIND_NOTICE, notice_fields),
	TAB(LZ_KIND_DISCLOSURE, disclosure_fields),
	TAB(LZ_KIND_DISCIPLINE, discipline_fields),
};

const lz_fieldtab *lz_fields_of(lz_kind kind)
{
	return kind < LZ_KIND_COUNT ? &tables[kind] : NULL;
}

const lz_fielddef *lz_field_find(const lz_fieldtab *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0)
			return &t->v[i];
	return NULL;
}

const char *lz_field_label(const lz_fielddef *f)
{
	return lz_pgettext_key(f->label);
}

const char *lz_field_noun(const lz_fielddef *f)
{
	return _(f->noun);
}

/* ---- access ---- */

#define AT(type, r, f) ((type *)((char *)&(r)->u + (f)->offset))
#define COUNT(r, f) (*(size_t *)((char *)&(r)->u + (f)->count_offset))

bool lz_field_empty(const lz_fielddef *f, const lz_record *r)
{
	switch (f->type) {
	case LZ_FT_LINE:
	case LZ_FT_TEXT:
	case LZ_FT_PERSON:
	case LZ_FT_VOCAB: {
		const char *s = *AT(const char *, r, f);
		return !s || !*s;
	}
	case LZ_FT_DATE: return *AT(lz_day, r, f) == LZ_NO_DAY;
	case LZ_FT_TIME: return *AT(int, r, f) == LZ_NO_TIME;
	case LZ_FT_COUNT: return *AT(int, r, f) == LZ_NO_COUNT;
	case LZ_FT_SCALE:
	case LZ_FT_TASK: return *AT(int, r, f) == 0;
	case LZ_FT_MSTATUS: return false;
	case LZ_FT_LINES:
	case LZ_FT_ROLES: return AT(lz_strv, r, f)->n == 0;
	case LZ_FT_TASKS:
	case LZ_FT_ABSENCES:
	case LZ_FT_NOTES:
	case LZ_FT_REVIEWS:
	case LZ_FT_EVIDENCE: return COUNT(r, f) == 0;
	case LZ_FT_STAMP: return *AT(int64_t, r, f) == 0;
	case LZ_FT_FLAG: return !*AT(bool, r, f);
	case LZ_FT_MEETING: return *AT(lz_id, r, f) == 0;
	}
	return true;
}

void lz_record_init(lz_kind kind, lz_record *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->kind = kind;
	const lz_fieldtab *t = lz_fields_of(kind);
	for (size_t i = 0; t && i < t->n; i++) {
		const lz_fielddef *f = &t->v[i];
		switch (f->type) {
		case LZ_FT_DATE: *AT(lz_day, rec, f) = LZ_NO_DAY; break;
		case LZ_FT_TIME: *AT(int, rec, f) = LZ_NO_TIME; break;
		case LZ_FT_COUNT: *AT(int, rec, f) = LZ_NO_COUNT; break;
		default: break;
		}
	}
}

/* ---- format ---- */

static const char *vocab_name(const lz_plan *plan, lz_vocab v, const char *id)
{
	if (!plan || !id)
		return id;
	switch (v) {
	case LZ_VOCAB_MEETING_TYPE: {
		const lz_meeting_type *t = lz_plan_meeting_type(plan, id);
		return t ? t->name : id;
	}
	case LZ_VOCAB_ITEM_STATUS: {
		const lz_item_status *s = lz_plan_item_status(plan, id);
		return s ? s->name : id;
	}
	case LZ_VOCAB_RISK_LEVEL: {
		const lz_risk_level *l = lz_plan_risk_level(plan, id);
		return l ? l->name : id;
	}
	case LZ_VOCAB_NONE: break;
	}
	return id;
}

static bool vocab_known(const lz_plan *plan, lz_vocab v, const char *id)
{
	switch (v) {
	case LZ_VOCAB_MEETING_TYPE: return lz_plan_meeting_type(plan, id) != NULL;
	case LZ_VOCAB_ITEM_STATUS: return lz_plan_item_status(plan, id) != NULL;
	case LZ_VOCAB_RISK_LEVEL: return lz_plan_risk_level(plan, id) != NULL;
	case LZ_VOCAB_NONE: break;
	}
	return true;
}

/* Joins n entries made by entry(i) with sep. */
static const char *join(lz_arena *a, size_t n, const char *sep,
			const char *(*entry)(lz_arena *a, const void *ctx, size_t i), const void *ctx)
{
	if (!n)
		return "";
	size_t len = 1, sep_len = strlen(sep);
	const char **parts = lz_arena_alloc(a, n * sizeof *parts);
	for (size_t i = 0; i < n; i++) {
		parts[i] = entry(a, ctx, i);
		len += strlen(parts[i]) + sep_len;
	}
	char *s = lz_arena_alloc(a, len), *p = s;
	for (size_t i = 0; i < n; i++) {
		if (i) {
			memcpy(p, sep, sep_len);
			p += sep_len;
		}
		size_t l = strlen(parts[i]);
		memcpy(p, parts[i], l);
		p += l;
	}
	*p = '\0';
	return s;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *day_text(lz_arena *a, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	return lz_arena_strdup(a, lz_day_or_empty(d, buf));
}

static const char *strv_entry(lz_arena *a, const void *ctx, size_t i)
{
	(void)a;
	return nz(((const lz_strv *)ctx)->v[i]);
}

typedef struct role_ctx {
	const lz_strv *roles;
	const lz_plan *plan;
	lz_fstyle style;
} role_ctx;

/* "role:scope" by the role's name: 分管领导一岗双责（办公室） to read,
 * 分管领导一岗双责:办公室 in a cell. */
static const char *role_entry(lz_arena *a, const void *ctx, size_t i)
{
	const role_ctx *c = ctx;
	const char *v = nz(c->roles->v[i]), *colon = strchr(v, ':');
	if (c->style == LZ_FSTYLE_SCRIPT)
		return v;
	char *id = lz_arena_strndup(a, v, colon ? (size_t)(colon - v) : strlen(v));
	const lz_role *role = c->plan ? lz_plan_role(c->plan, id) : NULL;
	const char *name = role ? role->name : id;
	if (!colon)
		return name;
	if (c->style == LZ_FSTYLE_CSV)
		return lz_arena_printf(a, "%s:%s", name, colon + 1);
	return lz_arena_printf(a, "%s（%s）", name, colon + 1);
}

typedef struct array_ctx {
	const void *v;
	lz_fstyle style;
} array_ctx;

typedef struct tasks_ctx {
	array_ctx base;
	const lz_plan *plan;
} tasks_ctx;

/* To read, a task by its number and title; in a cell, its number. */
static const char *task_entry(lz_arena *a, const void *ctx, size_t i)
{
	const tasks_ctx *c = ctx;
	int n = ((const int *)c->base.v)[i];
	const lz_task *task = c->base.style == LZ_FSTYLE_SHOW && c->plan ? lz_plan_task(c->plan, n) : NULL;
	return task ? lz_arena_printf(a, "%d %s", n, task->title) : lz_arena_printf(a, "%d", n);
}

static const char *absence_entry(lz_arena *a, const void *ctx, size_t i)
{
	const array_ctx *c = ctx;
	const lz_absence *x = (const lz_absence *)c->v + i;
	if (c->style == LZ_FSTYLE_SHOW)
		return lz_arena_printf(a, "%s（%s）", nz(x->name), nz(x->reason));
	return lz_arena_printf(a, "%s:%s", nz(x->name), nz(x->reason));
}

static const char *note_entry(lz_arena *a, const void *ctx, size_t i)
{
	const array_ctx *c = ctx;
	const lz_note *n = (const lz_note *)c->v + i;
	/* Two spaces to read, one in a cell (the form import reads back). */
	return lz_arena_printf(a, c->style == LZ_FSTYLE_SHOW ? "%s  %s" : "%s %s",
			       day_text(a, n->date), nz(n->text));
}

/* A review names its next date in a cell, so an import keeps it:
 * "YYYY-MM-DD → YYYY-MM-DD result". */
#define NEXT_ARROW " → "

static const char *review_entry(lz_arena *a, const void *ctx, size_t i)
{
	const array_ctx *c = ctx;
	const lz_review *r = (const lz_review *)c->v + i;
	if (c->style == LZ_FSTYLE_SHOW && r->next != LZ_NO_DAY)
		return lz_arena_printf(a, _("%s  %s (next %s)"), day_text(a, r->date), nz(r->result),
				       day_text(a, r->next));
	if (c->style == LZ_FSTYLE_SHOW)
		return lz_arena_printf(a, "%s  %s", day_text(a, r->date), nz(r->result));
	if (r->next == LZ_NO_DAY)
		return lz_arena_printf(a, "%s %s", day_text(a, r->date), nz(r->result));
	return lz_arena_printf(a, "%s" NEXT_ARROW "%s %s", day_text(a, r->date), day_text(a, r->next),
			       nz(r->result));
}

const char *lz_size_text(int64_t bytes, lz_arena *a)
{
	if (bytes < 1024)
		return lz_arena_printf(a, _("%lld bytes"), (long long)bytes);
	if (bytes < 1024 * 1024)
		return lz_arena_printf(a, "%.1f KiB", (double)bytes / 1024);
	return lz_arena_printf(a, "%.1f MiB", (double)bytes / (1024 * 1024));
}

/* To read: the name, its type and size, and the start of its hash (the
 * whole of it in `evidence list`); for scripts: all of it, the name last. */
static const char *evidence_entry(lz_arena *a, const void *ctx, size_t i)
{
	const array_ctx *c = ctx;
	const lz_evidence *e = (const lz_evidence *)c->v + i;
	if (c->style == LZ_FSTYLE_SHOW)
		return lz_arena_printf(a, "%s  (%s, %s, sha256 %.12s…)", nz(e->name), nz(e->type),
				       lz_size_text(e->size, a), nz(e->sha256));
	return lz_arena_printf(a, "%s %lld %s %s", nz(e->sha256), (long long)e->size, nz(e->type),
			       nz(e->name));
}

const char *lz_field_format(const lz_fielddef *f, const lz_record *r, const lz_plan *plan,
			    lz_fstyle style, lz_arena *a)
{
	if (lz_field_empty(f, r) && f->type != LZ_FT_MSTATUS)
		return "";
	if (style == LZ_FSTYLE_SCRIPT)
		plan = NULL;
	array_ctx ac = {NULL, style};
	if (f->count_offset)
		ac.v = *AT(const void *, r, f);
	switch (f->type) {
	case LZ_FT_LINE:
	case LZ_FT_TEXT:
	case LZ_FT_PERSON: return *AT(const char *, r, f);
	case LZ_FT_VOCAB: return vocab_name(plan, f->vocab, *AT(const char *, r, f));
	case LZ_FT_DATE: return day_text(a, *AT(lz_day, r, f));
	case LZ_FT_TIME: {
		char t[6];
		lz_format_time(*AT(int, r, f), t);
		return lz_arena_strdup(a, t);
	}
	case LZ_FT_TASK: {
		/* To read, a task by its number and title. */
		int n = *AT(int, r, f);
		const lz_task *task = style == LZ_FSTYLE_SHOW && plan ? lz_plan_task(plan, n) : NULL;
		if (task)
			return lz_arena_printf(a, "%d %s", n, task->title);
		return lz_arena_printf(a, "%d", n);
	}
	case LZ_FT_COUNT:
	case LZ_FT_SCALE: return lz_arena_printf(a, "%d", *AT(int, r, f));
	case LZ_FT_MSTATUS: {
		lz_meeting_status s = *AT(lz_meeting_status, r, f);
		return style == LZ_FSTYLE_SCRIPT ? lz_meeting_status_id(s) : lz_meeting_status_label(s);
	}
	case LZ_FT_LINES: {
		const lz_strv *v = AT(lz_strv, r, f);
		return join(a, v->n, "\n", strv_entry, v);
	}
	case LZ_FT_ROLES: {
		role_ctx c = {AT(lz_strv, r, f), plan, style};
		return join(a, c.roles->n, "\n", role_entry, &c);
	}
	/* Task numbers joined by "、" in a cell: a comma would read as a
	 * thousands separator in a spreadsheet. */
	case LZ_FT_TASKS: {
		tasks_ctx tc = {ac, plan};
		return join(a, COUNT(r, f), style == LZ_FSTYLE_SHOW ? "\n" : "、", task_entry, &tc);
	}
	case LZ_FT_ABSENCES: return join(a, COUNT(r, f), "\n", absence_entry, &ac);
	case LZ_FT_NOTES: return join(a, COUNT(r, f), "\n", note_entry, &ac);
	case LZ_FT_REVIEWS: return join(a, COUNT(r, f), "\n", review_entry, &ac);
	case LZ_FT_EVIDENCE: return join(a, COUNT(r, f), "\n", evidence_entry, &ac);
	case LZ_FT_STAMP: return lz_arena_printf(a, "%lld", (long long)*AT(int64_t, r, f));
	case LZ_FT_FLAG: return *AT(bool, r, f) ? "1" : "";
	case LZ_FT_MEETING: return lz_arena_printf(a, "%llu", (unsigned long long)*AT(lz_id, r, f));
	}
	return "";
}

/* ---- parse ---- */

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

static bool parse_int(const char *v, int min, int max, int *out)
{
	const char *s = v;
	int n;
	if (!digits(&s, 6, &n) || *s || n < min || n > max)
		return false;
	*out = n;
	return true;
}

/* List entries, one a line, without trailing spaces; lines that look
 * empty (spaces, full-width ones too) are dropped. */
static lz_strv split_lines(lz_arena *a, const char *v)
{
	lz_vec lines = LZ_VEC(const char *);
	while (*v) {
		const char *nl = strchr(v, '\n');
		size_t n = nl ? (size_t)(nl - v) : strlen(v), len = n;
		while (len && (v[len - 1] == ' ' || v[len - 1] == '\r'))
			len--;
		if (len && !lz_text_blank(v, len))
			*(const char **)lz_vec_push(&lines) = lz_arena_strndup(a, v, len);
		v += n + (nl != NULL);
	}
	lz_strv out = {.n = lines.n};
	out.v = lz_vec_keep(&lines, a);
	return out;
}

bool lz_parse_absence(const char *line, lz_arena *a, lz_absence *out)
{
	/* NAME:REASON, with a Chinese colon as well. */
	const char *colon = strchr(line, ':'), *wide = strstr(line, "：");
	size_t sep = 1;
	if (wide && (!colon || wide < colon)) {
		colon = wide;
		sep = strlen("：");
	}
	if (!colon || colon == line || !colon[sep])
		return false;
	out->name = lz_arena_strndup(a, line, (size_t)(colon - line));
	out->reason = lz_arena_strdup(a, colon + sep);
	return true;
}

static bool parse_absences(lz_arena *a, const char *v, lz_absence **out, size_t *n,
			   lz_err *err)
{
	lz_strv lines = split_lines(a, v);
	*out = lz_arena_alloc(a, (lines.n + 1) * sizeof **out);
	*n = lines.n;
	for (size_t i = 0; i < lines.n; i++)
		if (!lz_parse_absence(lines.v[i], a, &(*out)[i])) {
			lz_err_set(err, LZ_EDATA, _("'%s' is not NAME:REASON (e.g. 赵六:出差)"),
				   lines.v[i]);
			return false;
		}
	return true;
}

static bool parse_tasks(lz_arena *a, const char *v, int **out, size_t *n, lz_err *err)
{
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
	*n = tasks.n;
	*out = lz_vec_keep(&tasks, a);
	return true;
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
	/* A full date: a continuation line may well start with 3.1. */
	if (lz_day_read(buf, 0, d, NULL) != LZ_OK)
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
		if (lz_day_read(buf, 0, next, NULL) != LZ_OK)
			return false;
		line += n;
	}
	if (*line == ' ')
		line++;
	*text = line;
	return true;
}

/* Dated entries, "YYYY-MM-DD text" a line; a line that does not start
 * with a date continues the entry above (a note of several lines). */
static bool parse_log(lz_arena *a, const char *v, bool with_next, lz_review **out, size_t *n,
		      lz_err *err)
{
	lz_vec log = LZ_VEC(lz_review);
	const char *s = v;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = lz_arena_strndup(a, s, len);
		s += len + (nl != NULL);
		lz_review e;
		if (log_head(line, with_next, &e.date, &e.next, &e.result)) {
			*(lz_review *)lz_vec_push(&log) = e;
		} else if (log.n) {
			lz_review *last = (lz_review *)log.v + log.n - 1;
			last->result = lz_arena_printf(a, "%s\n%s", last->result, line);
		} else if (len) {
			lz_vec_free(&log);
			lz_err_set(err, LZ_EDATA, _("'%s' does not start with a date (YYYY-MM-DD text)"),
				   line);
			return false;
		}
	}
	*n = log.n;
	*out = lz_vec_keep(&log, a);
	return true;
}

static bool parse_vocab(const lz_fielddef *f, const lz_plan *plan, const char *v, const char **out,
			lz_err *err)
{
	switch (f->vocab) {
	case LZ_VOCAB_MEETING_TYPE: {
		const lz_meeting_type *t = lz_plan_meeting_type(plan, v);
		if (t) {
			*out = t->id;
			return true;
		}
		lz_err_set(err, LZ_EDATA, _("unknown meeting type '%s' (see 'lianzheng plan show')"), v);
		return false;
	}
	case LZ_VOCAB_ITEM_STATUS: {
		const lz_item_status *s = lz_plan_item_status(plan, v);
		if (s) {
			*out = s->id;
			return true;
		}
		lz_err_set(err, LZ_EDATA, _("unknown item status '%s' (see 'lianzheng plan show')"), v);
		return false;
	}
	case LZ_VOCAB_RISK_LEVEL: {
		const lz_risk_level *l = lz_plan_risk_level(plan, v);
		if (l) {
			*out = l->id;
			return true;
		}
		lz_err_set(err, LZ_EDATA, _("unknown risk level '%s' (see 'lianzheng plan show')"), v);
		return false;
	}
	case LZ_VOCAB_NONE: break;
	}
	*out = v;
	return true;
}

/* s[0..n) without the spaces around it, in arena. */
static const char *trim(lz_arena *a, const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return lz_arena_strndup(a, s, n);
}

/* A role as a person types it or a cell holds it — by id or name, its
 * scope after ':' or '：' or in brackets as shown (分管领导一岗双责（办公室）)
 * — as stored: "id" or "id:scope".  An entry naming no role of the plan
 * is kept as typed, for the check to refuse by its words. */
static const char *role_from_text(lz_arena *a, const lz_plan *plan, const char *v)
{
	static const char *const open[] = {":", "：", "（", "("};
	static const char *const close[] = {"", "", "）", ")"};
	size_t len = strlen(v), cut = len, scope = len, scope_end = len;
	for (size_t k = 0; k < sizeof open / sizeof *open; k++) {
		const char *at = strstr(v, open[k]);
		size_t cl = strlen(close[k]);
		if (!at || (size_t)(at - v) >= cut)
			continue;
		if (cl && (len < cl || strcmp(v + len - cl, close[k]) != 0))
			continue;
		cut = (size_t)(at - v);
		scope = cut + strlen(open[k]);
		scope_end = len - cl;
	}
	const lz_role *role = lz_plan_role(plan, trim(a, v, cut));
	if (!role)
		return v;
	if (cut == len)
		return role->id;
	const char *sc = scope < scope_end ? trim(a, v + scope, scope_end - scope) : "";
	/* An empty scope stays for the check to name ("dual:"). */
	return lz_arena_printf(a, "%s:%s", role->id, sc);
}

static bool parse_mstatus(const char *v, lz_meeting_status *out, lz_err *err)
{
	/* The words of both languages, as a file exported under either
	 * locale has them: the labels' zh_CN translations. */
	static const char *const zh[] = {
		[LZ_MEETING_PLANNED] = "计划召开",
		[LZ_MEETING_HELD] = "已召开",
		[LZ_MEETING_CANCELLED] = "已取消",
	};
	if (lz_meeting_status_parse(v, out))
		return true;
	for (int s = LZ_MEETING_PLANNED; s <= LZ_MEETING_CANCELLED; s++)
		if (strcmp(v, lz_meeting_status_label((lz_meeting_status)s)) == 0 ||
		    strcmp(v, zh[s]) == 0) {
			*out = (lz_meeting_status)s;
			return true;
		}
	lz_err_set(err, LZ_EDATA, _("'%s' is not one of %s, %s, %s"), v,
		   lz_meeting_status_label(LZ_MEETING_PLANNED), lz_meeting_status_label(LZ_MEETING_HELD),
		   lz_meeting_status_label(LZ_MEETING_CANCELLED));
	return false;
}

lz_rc lz_field_parse(const lz_fielddef *f, lz_record *r, const lz_plan *plan, const char *v,
		     lz_arena *a, lz_err *err)
{
	bool ok = true;
	switch (f->type) {
	case LZ_FT_LINE:
	case LZ_FT_TEXT:
	case LZ_FT_PERSON: *AT(const char *, r, f) = *v ? v : NULL; break;
	case LZ_FT_VOCAB:
		*AT(const char *, r, f) = NULL;
		ok = !*v || parse_vocab(f, plan, v, AT(const char *, r, f), err);
		break;
	case LZ_FT_DATE:
	case LZ_FT_TIME: {
		lz_err why;
		lz_rc rc = LZ_OK;
		if (f->type == LZ_FT_DATE) {
			*AT(lz_day, r, f) = LZ_NO_DAY;
			if (*v)
				rc = lz_day_read(v, plan ? plan->year : 0, AT(lz_day, r, f), &why);
		} else {
			*AT(int, r, f) = LZ_NO_TIME;
			if (*v)
				rc = lz_time_read(v, AT(int, r, f), &why);
		}
		ok = rc == LZ_OK;
		if (!ok)
			lz_err_set(err, LZ_EDATA, _("%s: %s"), v, why.msg);
		break;
	}
	case LZ_FT_COUNT:
		*AT(int, r, f) = LZ_NO_COUNT;
		if (*v && !(ok = parse_int(v, 0, LZ_MAX_COUNT, AT(int, r, f))))
			lz_err_set(err, LZ_EDATA, _("'%s' is not a whole number from 0 to %d"), v,
				   LZ_MAX_COUNT);
		break;
	case LZ_FT_SCALE: {
		/* Left empty: the middle of the scale, as risk add assumes; a
		 * scale with a limit of its own (a form, 1 to 4) has none. */
		int max = f->limit ? (int)f->limit : 5;
		*AT(int, r, f) = f->limit ? 0 : 3;
		if (*v && !(ok = parse_int(v, 1, max, AT(int, r, f))))
			lz_err_set(err, LZ_EDATA, _("'%s' is not a whole number from 1 to %d"), v, max);
		break;
	}
	case LZ_FT_MEETING: {
		unsigned long long id = 0;
		const char *s = v;
		while (*s >= '0' && *s <= '9' && id < UINT64_MAX / 10)
			id = id * 10 + (unsigned)(*s++ - '0');
		*AT(lz_id, r, f) = id;
		if (*v && (*s || !id)) {
			ok = false;
			lz_err_set(err, LZ_EDATA, _("'%s' is not a record id"), v);
		}
		break;
	}
	case LZ_FT_TASK:
		*AT(int, r, f) = 0;
		if (!(ok = parse_int(v, 1, 999, AT(int, r, f))))
			lz_err_set(err, LZ_EDATA, _("'%s' is not a task number"), v);
		break;
	case LZ_FT_TASKS: ok = parse_tasks(a, v, AT(int *, r, f), &COUNT(r, f), err); break;
	case LZ_FT_MSTATUS: ok = !*v || parse_mstatus(v, AT(lz_meeting_status, r, f), err); break;
	case LZ_FT_LINES: *AT(lz_strv, r, f) = split_lines(a, v); break;
	case LZ_FT_ROLES: {
		lz_strv *roles = AT(lz_strv, r, f);
		*roles = split_lines(a, v);
		for (size_t i = 0; plan && i < roles->n; i++)
			roles->v[i] = role_from_text(a, plan, roles->v[i]);
		break;
	}
	case LZ_FT_ABSENCES: ok = parse_absences(a, v, AT(lz_absence *, r, f), &COUNT(r, f), err); break;
	case LZ_FT_NOTES: {
		lz_review *log;
		size_t n;
		if ((ok = parse_log(a, v, false, &log, &n, err))) {
			lz_note *notes = lz_arena_alloc(a, (n + 1) * sizeof *notes);
			for (size_t i = 0; i < n; i++)
				notes[i] = (lz_note){log[i].date, log[i].result};
			*AT(lz_note *, r, f) = notes;
			COUNT(r, f) = n;
		}
		break;
	}
	case LZ_FT_REVIEWS: ok = parse_log(a, v, true, AT(lz_review *, r, f), &COUNT(r, f), err); break;
	case LZ_FT_STAMP:
	case LZ_FT_FLAG: ok = false; lz_err_set(err, LZ_EDATA, _("kept by the program")); break;
	case LZ_FT_EVIDENCE:
		ok = false;
		lz_err_set(err, LZ_EDATA, _("set by 'lianzheng evidence add'"));
		break;
	}
	return ok ? LZ_OK : LZ_EDATA;
}

/* ---- check ---- */

lz_rc lz_field_check(const lz_fielddef *f, const lz_record *r, const lz_plan *plan,
		     lz_err *err)
{
	const char *noun = lz_field_noun(f);
	bool required = f->flags & LZ_FF_REQUIRED;
	switch (f->type) {
	case LZ_FT_LINE:
	case LZ_FT_PERSON:
		return lz_validate_text(noun, *AT(const char *, r, f), f->limit, false, required, err);
	case LZ_FT_TEXT:
		return lz_validate_text(noun, *AT(const char *, r, f), f->limit, true, required, err);
	case LZ_FT_DATE: {
		lz_day d = *AT(lz_day, r, f);
		return d == LZ_NO_DAY ? LZ_OK : lz_validate_day(noun, d, err);
	}
	case LZ_FT_SCALE: {
		int v = *AT(int, r, f), max = f->limit ? (int)f->limit : 5;
		if (v < 1 || v > max)
			return lz_err_set(err, LZ_EDATA, _("%s must be between 1 and %d, not %d"), noun, max,
					  v);
		return LZ_OK;
	}
	case LZ_FT_TASK: {
		int task = *AT(int, r, f);
		if (!lz_plan_task(plan, task))
			return lz_err_set(err, LZ_EDATA, _("task %d is not in the %d plan (tasks 1 to %zu)"),
					  task, plan->year, plan->n_tasks);
		return LZ_OK;
	}
	case LZ_FT_LINES: {
		const lz_strv *v = AT(lz_strv, r, f);
		if (v->n > f->limit)
			return lz_err_set(err, LZ_EDATA, _("%s: too many entries (%zu, at most %d)"), noun,
					  v->n, (int)f->limit);
		for (size_t i = 0; i < v->n; i++) {
			lz_rc rc = lz_validate_text(noun, v->v[i], LZ_MAX_LONG_BYTES, true, true, err);
			if (rc != LZ_OK)
				return rc;
		}
		return LZ_OK;
	}
	case LZ_FT_VOCAB: {
		const char *id = *AT(const char *, r, f);
		if (id && plan && vocab_known(plan, f->vocab, id))
			return LZ_OK;
		switch (f->vocab) {
		case LZ_VOCAB_MEETING_TYPE:
			return lz_err_set(err, LZ_EDATA, _("unknown meeting type '%s'"), nz(id));
		case LZ_VOCAB_ITEM_STATUS:
			return lz_err_set(err, LZ_EDATA, _("unknown item status '%s'"), nz(id));
		default:
			return lz_err_set(err, LZ_EDATA, _("unknown risk level '%s'"), nz(id));
		}
	}
	case LZ_FT_EVIDENCE: {
		const lz_evidence *v = *AT(const lz_evidence *, r, f);
		size_t n = COUNT(r, f);
		if (n > f->limit)
			return lz_err_set(err, LZ_EDATA, _("%s: too many entries (%zu, at most %d)"), noun,
					  n, (int)f->limit);
		for (size_t i = 0; i < n; i++) {
			lz_rc rc = lz_validate_evidence(&v[i], err);
			if (rc != LZ_OK)
				return rc;
		}
		return LZ_OK;
	}
	/* The rest have rules that span fields or entries: the kind's own
	 * check (lz_validate.c) holds them. */
	default:
		return LZ_OK;
	}
}

/* ---- search ---- */

static bool has(const char *s, const char *needle)
{
	return s && strstr(s, needle);
}

static bool field_contains(const lz_fielddef *f, const lz_record *r, const char *needle)
{
	switch (f->type) {
	case LZ_FT_LINE:
	case LZ_FT_TEXT:
	case LZ_FT_PERSON: return has(*AT(const char *, r, f), needle);
	case LZ_FT_LINES:
	case LZ_FT_ROLES: {
		const lz_strv *v = AT(lz_strv, r, f);
		for (size_t i = 0; i < v->n; i++)
			if (has(v->v[i], needle))
				return true;
		return false;
	}
	case LZ_FT_ABSENCES: {
		const lz_absence *x = *AT(const lz_absence *, r, f);
		for (size_t i = 0; i < COUNT(r, f); i++)
			if (has(x[i].name, needle) || has(x[i].reason, needle))
				return true;
		return false;
	}
	case LZ_FT_NOTES: {
		const lz_note *x = *AT(const lz_note *, r, f);
		for (size_t i = 0; i < COUNT(r, f); i++)
			if (has(x[i].text, needle))
				return true;
		return false;
	}
	case LZ_FT_REVIEWS: {
		const lz_review *x = *AT(const lz_review *, r, f);
		for (size_t i = 0; i < COUNT(r, f); i++)
			if (has(x[i].result, needle))
				return true;
		return false;
	}
	case LZ_FT_EVIDENCE: {
		const lz_evidence *x = *AT(const lz_evidence *, r, f);
		for (size_t i = 0; i < COUNT(r, f); i++)
			if (has(x[i].name, needle))
				return true;
		return false;
	}
	default: return false;
	}
}

bool lz_kind_sensitive(lz_kind kind)
{
	const lz_fieldtab *t = lz_fields_of(kind);
	for (size_t i = 0; t && i < t->n; i++)
		if (t->v[i].flags & LZ_FF_SENSITIVE)
			return true;
	return false;
}

const char *lz_field_mask(const char *value, lz_arena *arena)
{
	if (!value || !*value)
		return "";
	/* The first character whole (UTF-8), then the stars. */
	size_t first = 1;
	while (value[first] && ((unsigned char)value[first] & 0xC0) == 0x80)
		first++;
	size_t rest = 0;
	for (const char *p = value + first; *p; p++)
		rest += ((unsigned char)*p & 0xC0) != 0x80;
	if (rest > 3)
		rest = 3;
	if (!rest)
		rest = 1;
	return lz_arena_printf(arena, "%.*s%.*s", (int)first, value, (int)rest, "***");
}

bool lz_fields_contain(const lz_record *r, const char *needle)
{
	const lz_fieldtab *t = lz_fields_of(r->kind);
	for (size_t i = 0; t && i < t->n; i++)
		if ((t->v[i].flags & LZ_FF_SEARCH) && field_contains(&t->v[i], r, needle))
			return true;
	return false;
}

/* Whether name is one of the names in text, as a form writes them:
 * joined by 、，, ; or spaces, or one a line. */
static bool names_in_text(const char *text, const char *name)
{
	size_t n = strlen(name);
	if (!text || !n)
		return false;
	static const char *const seps[] = {"、", "，", ",", ";", "；", " ", "\n", "\t", ":", "："};
	for (const char *p = strstr(text, name); p; p = strstr(p + 1, name)) {
		bool starts = p == text, ends = p[n] == '\0';
		for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
			size_t sl = strlen(seps[k]);
			starts |= (size_t)(p - text) >= sl && strncmp(p - sl, seps[k], sl) == 0;
			ends |= strncmp(p + n, seps[k], sl) == 0;
		}
		if (starts && ends)
			return true;
	}
	return false;
}

bool lz_record_names_person(const lz_record *r, const char *name)
{
	const lz_fieldtab *t = lz_fields_of(r->kind);
	for (size_t i = 0; t && i < t->n; i++) {
		const lz_fielddef *f = &t->v[i];
		/* A sensitive field's name is not counted: how many records
		 * name someone is shown unasked (deleting a person). */
		if (f->flags & LZ_FF_SENSITIVE)
			continue;
		if (f->type == LZ_FT_PERSON) {
			const char *v = *AT(const char *, r, f);
			if (v && strcmp(v, name) == 0)
				return true;
		} else if (f->flags & LZ_FF_NAMES) {
			/* 参会人员 张三、李四; 列席 one a line; 缺席 NAME:REASON. */
			if (f->type == LZ_FT_TEXT && names_in_text(*AT(const char *, r, f), name))
				return true;
			if (f->type == LZ_FT_LINES) {
				const lz_strv *v = AT(lz_strv, r, f);
				for (size_t j = 0; j < v->n; j++)
					if (strcmp(v->v[j], name) == 0)
						return true;
			}
			if (f->type == LZ_FT_ABSENCES) {
				const lz_absence *a = *AT(lz_absence *, r, f);
				size_t count = COUNT(r, f);
				for (size_t j = 0; j < count; j++)
					if (a[j].name && strcmp(a[j].name, name) == 0)
						return true;
			}
		}
	}
	return false;
}
