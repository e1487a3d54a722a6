#include "lz_report.h"

#include <stdlib.h>
#include <string.h>

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_log.h"
#include "lz_record_text.h"
#include "lz_validate.h"
#include "lz_vec.h"
#include "report_sink.h"

bool lz_report_format_parse(const char *s, lz_report_format *out)
{
	static const char *const names[] = {"html", "md", "txt"};
	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (lz_report_format)i;
			return true;
		}
	return false;
}

const char *lz_report_format_ext(lz_report_format f)
{
	static const char *const names[] = {"html", "md", "txt"};
	return names[f];
}

lz_rc lz_report_chain_head(lz_store *store, lz_arena *arena, const char **out, lz_err *err)
{
	*out = "";
	uint64_t seq;
	unsigned char hash[LZ_LOG_HASH];
	lz_rc rc = lz_store_log_head(store, &seq, hash, err);
	if (rc != LZ_OK || seq == 0)
		return rc;
	/* As 'lianzheng audit verify' prints it, to compare a paper copy. */
	char hex[LZ_LOG_HASH_HEX];
	lz_hash_hex(hash, hex);
	*out = lz_arena_printf(arena, "#%llu %s", (unsigned long long)seq, hex);
	return LZ_OK;
}

/* ---- building ---- */

typedef struct build {
	lz_report *r;
	lz_arena scratch;     /* meeting records, until decoded is a multiple of 256 */
	size_t decoded;
	const bool *obliged;  /* per meeting type: some obligation counts it */
	lz_vec counted;       /* lz_report_meeting */
	lz_vec flagged;       /* lz_report_meeting */
	lz_vec held;          /* lz_report_meeting */
	lz_vec *task_items;   /* per report task: lz_report_item */
	lz_vec rectification;
	lz_vec risks;
	lz_vec people;        /* const lz_person * */
	lz_vec evidence;      /* lz_report_evidence */
	lz_vec notices, disclosures, discipline;  /* const lz_notice * … of the plan year */
	const lz_id *late;    /* ids, ascending */
	size_t n_late;
	bool past;            /* the year is over: items as they stood at its end */
	lz_store *store;
	lz_rc rc;             /* a visitor's failure, with err */
	lz_err *err;
} build;

static int cmp_id(const void *a, const void *b)
{
	lz_id x = *(const lz_id *)a, y = *(const lz_id *)b;
	return x < y ? -1 : x > y;
}

static bool has_id(const lz_id *ids, size_t n, lz_id id)
{
	return bsearch(&id, ids, n, sizeof *ids, cmp_id) != NULL;
}

/* The record fields of the minutes, in LZ_MINUTES_ order. */
static const char *const minutes_keys[LZ_MINUTES_COUNT] = {
	[LZ_MINUTES_FIRST_TOPIC] = "first-topic", [LZ_MINUTES_TOPICS] = "topic",
	[LZ_MINUTES_DECISIONS] = "decision", [LZ_MINUTES_ABSENT] = "absent",
};

static const char **minutes_of(lz_report *r, const lz_record *rec)
{
	const lz_fieldtab *t = lz_fields_of(LZ_KIND_MEETING);
	const char **v = lz_arena_alloc(&r->arena, LZ_MINUTES_COUNT * sizeof *v);
	for (size_t i = 0; i < LZ_MINUTES_COUNT; i++)
		v[i] = lz_arena_strdup(&r->arena,
				       lz_field_format(lz_field_find(t, minutes_keys[i]), rec, r->plan,
						       LZ_FSTYLE_SHOW, &r->arena));
	return v;
}

/* A record's evidence, copied into the report (meetings are decoded
 * into scratch memory). */
static void take_evidence(build *b, const lz_record *rec, lz_day date)
{
	lz_report *r = b->r;
	const lz_meta *m = &rec->u.meta;
	if (!m->n_evidence)
		return;
	lz_evidence *files = lz_arena_alloc(&r->arena, m->n_evidence * sizeof *files);
	for (size_t i = 0; i < m->n_evidence; i++) {
		const lz_evidence *e = &m->evidence[i];
		files[i] = (lz_evidence){lz_arena_strdup(&r->arena, e->sha256),
					 lz_arena_strdup(&r->arena, e->name), e->size,
					 lz_arena_strdup(&r->arena, e->type)};
	}
	*(lz_report_evidence *)lz_vec_push(&b->evidence) = (lz_report_evidence){
		rec->kind, m->id, date, lz_arena_strdup(&r->arena, lz_record_title(rec, &r->arena)),
		files, m->n_evidence};
	r->rows += m->n_evidence;
}

static bool take_meeting(const lz_record *rec, void *ctx)
{
	build *b = ctx;
	lz_report *r = b->r;
	const lz_meeting *m = &rec->u.meeting;
	const lz_meeting_type *t = lz_plan_meeting_type(r->plan, m->type);
	if (m->status > LZ_MEETING_CANCELLED)
		return true;
	take_evidence(b, rec, m->date);
	r->meetings[m->status]++;
	lz_meeting_brief d;
	lz_meeting_brief_of(m, &d);
	lz_report_meeting k = {.id = m->meta.id, .date = m->date, .start = m->start,
			       .type = t ? t->id : lz_arena_strdup(&r->arena, m->type ? m->type : ""),
			       .expected = m->expected, .present = m->present,
			       .flags = lz_meeting_flags(r->plan, &d, r->date)};
	bool counted = false;
	if (t) {
		size_t type = (size_t)(t - r->plan->meeting_types);
		r->by_type[type].n[m->status]++;
		counted = b->obliged[type] && lz_meeting_counts(r->plan, &d, r->date) == LZ_COUNTS_HELD;
	}
	bool held = m->status == LZ_MEETING_HELD && m->date <= r->date;
	if (counted || k.flags || held) {
		k.title = lz_arena_strdup(&r->arena, m->title ? m->title : "");
		k.host = lz_arena_strdup(&r->arena, m->host ? m->host : "");
	}
	if ((k.flags & LZ_MFLAG_LATE_ENTRY) && m->late_reason && *m->late_reason)
		k.late_reason = lz_arena_strdup(&r->arena, m->late_reason);
	if (counted)
		*(lz_report_meeting *)lz_vec_push(&b->counted) = k;
	if (k.flags)
		*(lz_report_meeting *)lz_vec_push(&b->flagged) = k;
	if (held) {
		k.minutes = minutes_of(r, rec);
		*(lz_report_meeting *)lz_vec_push(&b->held) = k;
	}
	/* Only what the ledger shows is kept, not a year of minutes; the
	 * scratch records go a few hundred at a time, since a fresh arena
	 * costs more than a meeting's decoding. */
	if (++b->decoded % 256 == 0)
		lz_arena_free(&b->scratch);
	return true;
}

static int by_date(const void *a, const void *b)
{
	const lz_report_meeting *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The store gives meetings by date, then id; within a day they are
 * listed by start time, so only each day needs sorting. */
static void sort_days(lz_report_meeting *m, size_t n)
{
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && m[j].date == m[i].date; j++)
			;
		if (j - i > 1)
			qsort(m + i, j - i, sizeof *m, by_date);
	}
}

static void assign_periods(build *b, const lz_report_meeting *counted, size_t n)
{
	lz_report *r = b->r;
	r->obligations = lz_arena_alloc(&r->arena, (r->status.n_quotas + 1) * sizeof *r->obligations);
	for (size_t i = 0; i < r->status.n_quotas; i++) {
		const lz_obligation_status *q = &r->status.quotas[i];
		const char *type = r->plan->meeting_types[q->obligation->meeting_type].id;
		lz_report_obligation *o = &r->obligations[i];
		o->quota = q;
		o->periods = lz_arena_alloc(&r->arena, q->n_periods * sizeof *o->periods);
		for (size_t k = 0; k < q->n_periods; k++)
			o->periods[k].quota = &q->periods[k];
		/* Counted meetings are in date order, and so are the periods:
		 * one pass fills each period's list in order. */
		size_t k = 0;
		for (int pass = 0; pass < 2; pass++) {
			k = 0;
			for (size_t j = 0; j < n; j++) {
				if (strcmp(counted[j].type, type) != 0)
					continue;
				while (k < q->n_periods && counted[j].date > q->periods[k].period.end)
					k++;
				if (k == q->n_periods)
					break;
				lz_report_period *p = &o->periods[k];
				if (pass == 0)
					p->n_meetings++;
				else
					p->meetings[p->n_meetings++] = &counted[j];
			}
			for (size_t m = 0; pass == 0 && m < q->n_periods; m++) {
				lz_report_period *p = &o->periods[m];
				p->meetings = lz_arena_alloc(&r->arena, (p->n_meetings + 1) * sizeof *p->meetings);
				r->rows += p->n_meetings ? p->n_meetings : 1;
				p->n_meetings = 0;
			}
		}
	}
}

/* A past year's item as it stood at the end of the year: a change since
 * is undone by its history (an item unchanged since is as it is). */
static const lz_item *at_year_end(build *b, const lz_item *it)
{
	lz_report *r = b->r;
	lz_day yend = lz_day_from_ymd(r->plan->year, 12, 31);
	if (lz_day_of_time(it->meta.updated) <= yend)
		return it;
	lz_record *then = lz_arena_alloc(&r->arena, sizeof *then);
	bool found;
	b->rc = lz_store_get_on(b->store, LZ_KIND_ITEM, it->meta.id, yend, &r->arena, then, &found,
				b->err);
	/* Entered only after the year (for it), it has no year-end state. */
	return b->rc == LZ_OK && found ? &then->u.item : it;
}

static bool take_item(const lz_record *rec, void *ctx)
{
	build *b = ctx;
	lz_report *r = b->r;
	const lz_item *it = &rec->u.item;
	lz_item_in_year in_year = lz_item_year_state(r->plan, it, r->plan->year);
	if (in_year == LZ_ITEM_OTHER_YEAR)
		return true;
	lz_report_item ri = {.item = it, .late = has_id(b->late, b->n_late, it->meta.id),
			     .carried = in_year == LZ_ITEM_CARRIED};
	if (b->past) {
		ri.carried_on = lz_item_year_state(r->plan, it, r->plan->year + 1) == LZ_ITEM_CARRIED;
		it = ri.item = at_year_end(b, it);
		if (b->rc != LZ_OK)
			return false;
		ri.late = lz_item_late(r->plan, it, lz_status_as_of(r->plan->year, r->date));
	}
	take_evidence(b, rec, rec->u.item.due);
	const lz_task *task = lz_plan_task(r->plan, it->task);
	size_t slot = task ? (size_t)(task - r->plan->tasks) : r->plan->n_tasks;
	*(lz_report_item *)lz_vec_push(&b->task_items[slot]) = ri;
	if (lz_item_is_rectification(it))
		*(lz_report_item *)lz_vec_push(&b->rectification) = ri;
	const lz_item_status *s = lz_plan_item_status(r->plan, it->status);
	if (s)
		r->items_by_status[s - r->plan->item_statuses]++;
	r->n_items++;
	r->items_late += ri.late;
	return true;
}

static bool take_risk(const lz_record *rec, void *ctx)
{
	build *b = ctx;
	lz_report *r = b->r;
	const lz_risk *x = &rec->u.risk;
	lz_report_risk rr = {.risk = x, .overdue = has_id(b->late, b->n_late, x->meta.id)};
	take_evidence(b, rec, LZ_NO_DAY);
	*(lz_report_risk *)lz_vec_push(&b->risks) = rr;
	const lz_risk_level *l = lz_plan_risk_level(r->plan, x->level);
	if (l)
		r->risks_by_level[l - r->plan->risk_levels]++;
	r->risks_overdue += rr.overdue;
	if (x->likelihood >= 1 && x->likelihood <= 5 && x->impact >= 1 && x->impact <= 5)
		r->matrix[x->likelihood - 1][x->impact - 1]++;
	return true;
}

/* A record of a kind the ledger has no part for: only its evidence,
 * when it is of the year (or of none). */
static bool take_other(const lz_record *rec, void *ctx)
{
	build *b = ctx;
	int year = lz_record_year(rec);
	if (!year || year == b->r->plan->year)
		take_evidence(b, rec, LZ_NO_DAY);
	return true;
}

/* Whether a kind keeps anything sensitive: then neither its records nor
 * the names of their files go into the default ledger. */
static bool kind_sensitive(lz_kind kind)
{
	const lz_fieldtab *t = lz_fields_of(kind);
	for (size_t i = 0; t && i < t->n; i++)
		if (t->v[i].flags & LZ_FF_SENSITIVE)
			return true;
	return false;
}
/* A register's record of the plan year, dated by the report's date. */
static bool take_register(const lz_record *rec, void *ctx)
{
	build *b = ctx;
	lz_report *r = b->r;
	lz_day as_of = b->past ? lz_day_from_ymd(r->plan->year, 12, 31) : r->date;
	if (lz_record_year(rec) != r->plan->year)
		return true;
	switch (rec->kind) {
	case LZ_KIND_NOTICE:
		if (rec->u.notice.received <= as_of)
			*(const lz_notice **)lz_vec_push(&b->notices) = &rec->u.notice;
		break;
	case LZ_KIND_DISCLOSURE:
		if (rec->u.disclosure.date <= as_of)
			*(const lz_disclosure **)lz_vec_push(&b->disclosures) = &rec->u.disclosure;
		break;
	case LZ_KIND_DISCIPLINE:
		if (rec->u.discipline.date <= as_of) {
			*(const lz_discipline **)lz_vec_push(&b->discipline) = &rec->u.discipline;
			if (rec->u.discipline.form >= 1 && rec->u.discipline.form <= 4)
				r->discipline_forms[rec->u.discipline.form - 1]++;
		}
		break;
	default: break;
	}
	return true;
}

/* Registers by date, then id: the date is each struct's first field
 * after the meta. */
#define BY_DATE(name, type, field)                                                   \
	static int name(const void *a, const void *b)                                \
	{                                                                            \
		const type *x = *(const type *const *)a, *y = *(const type *const *)b; \
		if (x->field != y->field)                                            \
			return x->field < y->field ? -1 : 1;                         \
		return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;       \
	}
BY_DATE(notice_by_date, lz_notice, received)
BY_DATE(disclosure_by_date, lz_disclosure, date)
BY_DATE(discipline_by_date, lz_discipline, date)

static bool take_person(const lz_record *rec, void *ctx)
{
	build *b = ctx;
	*(const lz_person **)lz_vec_push(&b->people) = &rec->u.person;
	take_evidence(b, rec, LZ_NO_DAY);
	return true;
}

/* The plan's order of risk levels, most severe first; unknown last. */
static size_t level_rank(const lz_plan *plan, const char *level)
{
	const lz_risk_level *l = lz_plan_risk_level(plan, level);
	return l ? (size_t)(l - plan->risk_levels) : plan->n_risk_levels;
}

static int by_level(const void *a, const void *b, void *plan)
{
	const lz_risk *x = ((const lz_report_risk *)a)->risk, *y = ((const lz_report_risk *)b)->risk;
	size_t lx = level_rank(plan, x->level), ly = level_rank(plan, y->level);
	if (lx != ly)
		return lx < ly ? -1 : 1;
	/* A point without a review date comes after every date. */
	if (x->review != y->review) {
		if (x->review == LZ_NO_DAY || y->review == LZ_NO_DAY)
			return x->review == LZ_NO_DAY ? 1 : -1;
		return x->review < y->review ? -1 : 1;
	}
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

/* The people holding each role: "role" or "role:scope", by id or name. */
static void find_holders(lz_report *r, const lz_person *const *people, size_t n)
{
	const lz_plan *plan = r->plan;
	r->holders = lz_arena_alloc(&r->arena, (plan->n_roles + 1) * sizeof *r->holders);
	r->n_holders = lz_arena_alloc(&r->arena, (plan->n_roles + 1) * sizeof *r->n_holders);
	for (size_t k = 0; k < plan->n_roles; k++) {
		lz_vec v = LZ_VEC(lz_report_holder);
		for (size_t i = 0; i < n; i++) {
			const lz_person *p = people[i];
			for (size_t j = 0; j < p->roles.n; j++) {
				const char *colon = strchr(p->roles.v[j], ':');
				size_t len = colon ? (size_t)(colon - p->roles.v[j]) : strlen(p->roles.v[j]);
				char *id = lz_arena_strndup(&r->arena, p->roles.v[j], len);
				if (lz_plan_role(plan, id) != &plan->roles[k])
					continue;
				lz_report_holder *h = lz_vec_push(&v);
				h->name = p->name ? p->name : "";
				h->scope = colon && colon[1] ? colon + 1 : NULL;
			}
		}
		r->n_holders[k] = v.n;
		r->holders[k] = lz_vec_keep(&v, &r->arena);
	}
}

lz_rc lz_report_build(const lz_plan *plan, lz_store *store, lz_day date, lz_report *out,
		      lz_err *err)
{
	memset(out, 0, sizeof *out);
	lz_report *r = out;
	r->plan = plan;
	r->date = date;
	r->made = lz_day_today();
	lz_rc rc = lz_report_chain_head(store, &r->arena, &r->chain_head, err);
	if (rc == LZ_OK)
		rc = lz_status_compute(plan, store, date, 0, &r->arena, &r->status, err);
	if (rc != LZ_OK)
		return rc;

	build b = {.r = r, .counted = LZ_VEC(lz_report_meeting), .flagged = LZ_VEC(lz_report_meeting),
		   .held = LZ_VEC(lz_report_meeting),
		   .rectification = LZ_VEC(lz_report_item),
		   .risks = LZ_VEC(lz_report_risk), .people = LZ_VEC(const lz_person *),
		   .evidence = LZ_VEC(lz_report_evidence),
		   .notices = LZ_VEC(const lz_notice *), .disclosures = LZ_VEC(const lz_disclosure *),
		   .discipline = LZ_VEC(const lz_discipline *),
		   .past = date > lz_day_from_ymd(plan->year, 12, 31), .store = store, .err = err};
	/* Late items and risk points past review, by the engine's lists;
	 * item and risk ids never collide (one counter for all records). */
	lz_id *late = lz_arena_alloc(&r->arena, (r->status.n_items_due + r->status.n_risks_due + 1) *
						       sizeof *late);
	for (size_t i = 0; i < r->status.n_items_due; i++)
		if (r->status.items_due[i]->due < date)
			late[b.n_late++] = r->status.items_due[i]->meta.id;
	for (size_t i = 0; i < r->status.n_risks_due; i++)
		if (r->status.risks_due[i]->review < date)
			late[b.n_late++] = r->status.risks_due[i]->meta.id;
	qsort(late, b.n_late, sizeof *late, cmp_id);
	b.late = late;

	bool *obliged = lz_arena_alloc(&r->arena, plan->n_meeting_types + 1);
	for (size_t i = 0; i < plan->n_obligations; i++)
		obliged[plan->obligations[i].meeting_type] = true;
	b.obliged = obliged;
	r->by_type = lz_arena_alloc(&r->arena, (plan->n_meeting_types + 1) * sizeof *r->by_type);
	r->items_by_status = lz_arena_alloc(&r->arena, (plan->n_item_statuses + 1) * sizeof(size_t));
	r->risks_by_level = lz_arena_alloc(&r->arena, (plan->n_risk_levels + 1) * sizeof(size_t));
	r->n_tasks = plan->n_tasks + 1;
	b.task_items = calloc(r->n_tasks, sizeof *b.task_items);
	if (!b.task_items)
		abort();
	for (size_t i = 0; i < r->n_tasks; i++)
		b.task_items[i] = LZ_VEC(lz_report_item);

	rc = lz_store_meetings_between(store, lz_day_from_ymd(plan->year, 1, 1),
				       lz_day_from_ymd(plan->year, 12, 31), &b.scratch, take_meeting,
				       &b, err);
	lz_arena_free(&b.scratch);
	if (rc == LZ_OK)
		rc = lz_store_items_by_task(store, 0, &r->arena, take_item, &b, err);
	if (rc == LZ_OK)
		rc = b.rc;
	if (rc == LZ_OK)
		rc = lz_store_scan(store, LZ_KIND_RISK, &r->arena, take_risk, &b, err);
	if (rc == LZ_OK)
		rc = lz_store_scan(store, LZ_KIND_PERSON, &r->arena, take_person, &b, err);
	for (int k = 0; k < LZ_KIND_COUNT && rc == LZ_OK; k++)
		if (k != LZ_KIND_PERSON && k != LZ_KIND_ITEM && k != LZ_KIND_MEETING &&
		    k != LZ_KIND_RISK && !kind_sensitive((lz_kind)k))
			rc = lz_store_scan(store, (lz_kind)k, &r->arena, take_other, &b, err);
	for (lz_kind k = LZ_KIND_NOTICE; rc == LZ_OK && k <= LZ_KIND_DISCIPLINE; k++)
		rc = lz_store_scan(store, k, &r->arena, take_register, &b, err);

	size_t n_counted = b.counted.n;
	lz_report_meeting *counted = lz_vec_keep(&b.counted, &r->arena);
	sort_days(counted, n_counted);
	assign_periods(&b, counted, n_counted);
	r->n_flagged = b.flagged.n;
	r->flagged = lz_vec_keep(&b.flagged, &r->arena);
	sort_days(r->flagged, r->n_flagged);
	r->rows += r->n_flagged;
	r->n_held = b.held.n;
	r->held = lz_vec_keep(&b.held, &r->arena);
	sort_days(r->held, r->n_held);
	r->rows += r->n_held;

	r->tasks = lz_arena_alloc(&r->arena, r->n_tasks * sizeof *r->tasks);
	for (size_t i = 0; i < r->n_tasks; i++) {
		r->tasks[i].task = i < plan->n_tasks ? &plan->tasks[i] : NULL;
		r->tasks[i].n_items = b.task_items[i].n;
		r->tasks[i].items = lz_vec_keep(&b.task_items[i], &r->arena);
		r->rows += r->tasks[i].n_items;
	}
	free(b.task_items);
	/* The entry for tasks the plan lacks exists only when it holds items. */
	if (!r->tasks[plan->n_tasks].n_items)
		r->n_tasks--;
	r->n_rectification = b.rectification.n;
	r->rectification = lz_vec_keep(&b.rectification, &r->arena);
	r->n_risks = b.risks.n;
	r->risks = lz_vec_keep(&b.risks, &r->arena);
	qsort_r(r->risks, r->n_risks, sizeof *r->risks, by_level, (void *)plan);
	r->n_evidence = b.evidence.n;
	r->evidence = lz_vec_keep(&b.evidence, &r->arena);
	r->n_notices = b.notices.n;
	r->notices = lz_vec_keep(&b.notices, &r->arena);
	qsort(r->notices, r->n_notices, sizeof *r->notices, notice_by_date);
	r->notice_states = lz_arena_alloc(&r->arena, (r->n_notices + 1) * sizeof *r->notice_states);
	lz_day as_of = b.past ? lz_day_from_ymd(plan->year, 12, 31) : date;
	r->notice_meetings = lz_arena_alloc(&r->arena, (r->n_notices + 1) * sizeof *r->notice_meetings);
	for (size_t i = 0; i < r->n_notices; i++) {
		r->notice_states[i] = lz_notice_state_of(plan, r->notices[i], as_of);
		r->notices_flagged += lz_notice_flagged(r->notice_states[i]);
		r->notice_meetings[i] = NULL;
		lz_record m;
		if (rc == LZ_OK && r->notices[i]->meeting &&
		    lz_store_get(store, LZ_KIND_MEETING, r->notices[i]->meeting, &r->arena, &m, NULL) ==
			    LZ_OK) {
			char day[LZ_DATE_STRLEN];
			lz_day_format(m.u.meeting.date, day);
			r->notice_meetings[i] = lz_arena_printf(&r->arena, "%s %s", day,
								m.u.meeting.title ? m.u.meeting.title : "");
		}
	}
	r->n_disclosures = b.disclosures.n;
	r->disclosures = lz_vec_keep(&b.disclosures, &r->arena);
	qsort(r->disclosures, r->n_disclosures, sizeof *r->disclosures, disclosure_by_date);
	r->n_discipline = b.discipline.n;
	r->discipline = lz_vec_keep(&b.discipline, &r->arena);
	qsort(r->discipline, r->n_discipline, sizeof *r->discipline, discipline_by_date);
	r->rows += r->n_notices + r->n_disclosures + r->n_discipline + 5;
	size_t n_people = b.people.n;
	const lz_person **people = lz_vec_keep(&b.people, &r->arena);
	find_holders(r, people, n_people);
	r->rows += r->n_rectification + r->n_risks + plan->n_meeting_types + plan->n_item_statuses +
		   plan->n_risk_levels + 5 + 8;
	return rc;
}

void lz_report_free(lz_report *r)
{
	lz_arena_free(&r->arena);
	memset(r, 0, sizeof *r);
}

/* ---- telling it ---- */

typedef struct render {
	const lz_report *r;
	report_sink *s;
	lz_progress *progress;
	lz_arena a;  /* strings of the part being told */
	bool chinese_numbers;
	int last_part;  /* the number of the part told last */
	/* The words for each combination of flags without numbers in it:
	 * a year of imported or late-entered meetings repeats them. */
	char *flag_words[LZ_MFLAG_STALE << 1];
} render;

static const char *flag_words(render *x, const lz_report_meeting *m)
{
	char buf[256];
	bool cacheable = !(m->flags & LZ_MFLAG_BELOW_QUORUM) && m->flags < (LZ_MFLAG_STALE << 1);
	if (cacheable && x->flag_words[m->flags])
		return x->flag_words[m->flags];
	lz_meeting_flag_words(m->flags, m->present, m->expected, buf, sizeof buf);
	if (!cacheable)
		return lz_arena_strdup(&x->a, buf);
	x->flag_words[m->flags] = strdup(buf);
	if (!x->flag_words[m->flags])
		abort();
	return x->flag_words[m->flags];
}

#define fmt(x, ...) lz_arena_printf(&(x)->a, __VA_ARGS__)

/* The flag words, with a late entry's reason after them. */
static const char *remark(render *x, const lz_report_meeting *m)
{
	if (!m->late_reason)
		return flag_words(x, m);
	return lz_meeting_remark(m->flags, m->present, m->expected, m->late_reason, &x->a);
}

static const char *day(render *x, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	return lz_arena_strdup(&x->a, lz_day_or_empty(d, buf));
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Part and section numbers: 一、 (一) in Chinese documents, 1. (1) in
 * others; the translation says which. */
static const char *numeral(render *x, int n)
{
	if (!x->chinese_numbers)
		return fmt(x, "%d", n);
	char buf[32];
	lz_chinese_numeral(n, buf, sizeof buf);
	return lz_arena_strdup(&x->a, buf);
}

static void part(render *x, int n, const char *title)
{
	x->last_part = n;
	x->s->ops->heading(x->s, 1, fmt(x, _("%s. %s"), numeral(x, n), title));
}

static void table(render *x, const report_col *cols, size_t n)
{
	x->s->cols = cols;
	x->s->ncols = n;
	x->s->ops->table(x->s, cols, n);
}

static void row(render *x, const char *const *cells, bool alert)
{
	x->s->ops->row(x->s, cells, alert);
	lz_progress_step(x->progress, 1);
}

static void field(render *x, const char *label, const char *value)
{
	x->s->ops->field(x->s, fmt(x, _("%s: "), label), value);
}

static const char *status_name(const lz_plan *plan, const char *id)
{
	const lz_item_status *s = lz_plan_item_status(plan, id);
	return s ? s->name : or_empty(id);
}

/* The progress log as lines "date text". */
static const char *notes(render *x, const lz_item *it)
{
	size_t len = 0;
	for (size_t i = 0; i < it->n_log; i++)
		len += LZ_DATE_STRLEN + 1 + strlen(or_empty(it->log[i].text));
	char *s = lz_arena_alloc(&x->a, len + 1), *p = s;
	for (size_t i = 0; i < it->n_log; i++) {
		if (i)
			*p++ = '\n';
		char d[LZ_DATE_STRLEN];
		lz_day_format(it->log[i].date, d);
		p += sprintf(p, "%s %s", d, or_empty(it->log[i].text));
	}
	*p = '\0';
	return s;
}

static const char *late_mark(render *x, const char *s, bool late)
{
	return late ? fmt(x, _("%s (late)"), s) : s;
}

/* 上年结转 into this year, and for a past year, 结转 into the next. */
static const char *carried_mark(render *x, const char *s, const lz_report_item *ri)
{
	if (ri->carried)
		s = fmt(x, _("%s (carried over from an earlier year)"), s);
	if (ri->carried_on)
		s = fmt(x, _("%s (carried into %d)"), s, x->r->plan->year + 1);
	return s;
}

/* A past year's items are told as they stood at its end. */
static void past_items_note(render *x)
{
	const lz_report *r = x->r;
	lz_day yend = lz_day_from_ymd(r->plan->year, 12, 31);
	if (r->date > yend)
		x->s->ops->note(x->s, fmt(x, _("Items as they stood on %s, from their history: status and lateness at the year's end, whatever changed since; those still open then were carried into %d."),
					  day(x, yend), r->plan->year + 1));
}

static void items_table(render *x, const lz_report_item *items, size_t n, bool with_task)
{
	const lz_plan *plan = x->r->plan;
	report_col cols[] = {
		{_("No."), RCOL_NUM}, {_("Item"), RCOL_LONG}, {_("Owner"), 0}, {_("Due"), 0},
		{_("Status"), 0}, {_("Progress"), RCOL_LONG},
	};
	table(x, cols, 6);
	for (size_t i = 0; i < n; i++) {
		const lz_item *it = items[i].item;
		const char *title = carried_mark(x, or_empty(it->title), &items[i]);
		if (with_task)
			title = fmt(x, _("task %d: %s"), it->task, title);
		const char *cells[6] = {fmt(x, "%zu", i + 1), title, or_empty(it->owner), day(x, it->due),
					late_mark(x, status_name(plan, it->status), items[i].late),
					notes(x, it)};
		row(x, cells, items[i].late);
	}
	x->s->ops->table_end(x->s);
}

/* The 整改台账 has the columns an inspection's rectification ledger asks
 * for, in its order — 问题, 整改措施, 责任领导, 责任人, 时限, 完成时间, 销号,
 * 回头看 — then the status, the source and the progress log; taken from
 * the items' field table, labels and values as every other surface shows
 * them.  The 回头看 column holds the follow-up's date and what it found. */
static const struct {
	const char *key;
	const char *heading;  /* N_(): instead of the field's label */
} rectification_cols[] = {
	{"title", N_("Problem")}, {"measures", NULL}, {"leader", NULL}, {"owner", NULL},
	{"due", NULL}, {"done", NULL}, {"signed-off", NULL}, {"followup", NULL},
	{"status", NULL}, {"source", NULL}, {"progress", NULL},
};
enum { N_RECTIFICATION = sizeof rectification_cols / sizeof *rectification_cols };

static void rectification_table(render *x, const lz_report_item *items, size_t n)
{
	const lz_fieldtab *t = lz_fields_of(LZ_KIND_ITEM);
	const lz_fielddef *f[N_RECTIFICATION], *result = lz_field_find(t, "followup-result");
	report_col cols[N_RECTIFICATION + 1] = {{_("No."), RCOL_NUM}};
	for (size_t k = 0; k < N_RECTIFICATION; k++) {
		f[k] = lz_field_find(t, rectification_cols[k].key);
		bool long_text = f[k]->type == LZ_FT_LINE || f[k]->type == LZ_FT_TEXT ||
				 f[k]->type == LZ_FT_NOTES || f[k] == lz_field_find(t, "followup");
		const char *heading = rectification_cols[k].heading;
		cols[k + 1] = (report_col){heading ? _(heading) : lz_field_label(f[k]),
					   long_text ? RCOL_LONG : 0};
	}
	table(x, cols, N_RECTIFICATION + 1);
	for (size_t i = 0; i < n; i++) {
		lz_record rec = {.kind = LZ_KIND_ITEM, .u.item = *items[i].item};
		const char *cells[N_RECTIFICATION + 1] = {fmt(x, "%zu", i + 1)};
		for (size_t k = 0; k < N_RECTIFICATION; k++) {
			const char *v = lz_field_format(f[k], &rec, x->r->plan, LZ_FSTYLE_CSV, &x->a);
			if (f[k]->vocab == LZ_VOCAB_ITEM_STATUS) {
				v = late_mark(x, v, items[i].late);
			} else if (!strcmp(f[k]->key, "title")) {
				v = carried_mark(x, v, &items[i]);
			} else if (!strcmp(f[k]->key, "followup")) {
				const char *found = lz_field_format(result, &rec, x->r->plan, LZ_FSTYLE_CSV,
								    &x->a);
				v = *v && *found ? fmt(x, "%s %s", v, found) : *v ? v : found;
			}
			cells[k + 1] = v;
		}
		row(x, cells, items[i].late);
	}
	x->s->ops->table_end(x->s);
}

/* "党组主体责任（王五）；分管领导一岗双责（李四：办公室、财务；赵六：工会）":
 * names with scopes are set apart by ；, since a scope lists with 、. */
static const char *roles_line(render *x, const lz_task *t)
{
	const lz_report *r = x->r;
	const char *line = "";
	for (size_t i = 0; i < t->n_roles; i++) {
		size_t k = t->roles[i];
		const char *who = "";
		bool scoped = false;
		for (size_t j = 0; j < r->n_holders[k]; j++)
			scoped |= r->holders[k][j].scope != NULL;
		const char *sep = scoped ? _("; ") : C_("list of names", ", ");
		const char *last = NULL;
		for (size_t j = 0; j < r->n_holders[k]; j++) {
			const lz_report_holder *h = &r->holders[k][j];
			/* One who holds the role for two scopes is named once. */
			if (last && h->scope && strcmp(last, h->name) == 0) {
				who = fmt(x, "%s%s%s", who, C_("list of names", ", "), h->scope);
				continue;
			}
			const char *name = h->scope ? fmt(x, _("%s: %s"), h->name, h->scope) : h->name;
			who = *who ? fmt(x, "%s%s%s", who, sep, name) : name;
			last = h->scope ? h->name : NULL;
		}
		const char *role = *who ? fmt(x, _("%s (%s)"), r->plan->roles[k].name, who)
					: r->plan->roles[k].name;
		line = *line ? fmt(x, "%s%s%s", line, _("; "), role) : role;
	}
	return line;
}

static void tell_tasks(render *x)
{
	const lz_report *r = x->r;
	const lz_plan *plan = r->plan;
	part(x, 2, _("Responsibilities and items"));
	past_items_note(x);
	for (size_t s = 0; s < plan->n_sections; s++) {
		const lz_section *sec = &plan->sections[s];
		x->s->ops->heading(x->s, 2, fmt(x, _("(%s) %s"), numeral(x, sec->number), sec->title));
		for (size_t i = sec->first_task; i < sec->first_task + sec->n_tasks; i++) {
			const lz_task *t = &plan->tasks[i];
			x->s->ops->heading(x->s, 3, fmt(x, _("%d. %s"), t->number, t->title));
			if (t->text && *t->text)
				x->s->ops->paragraph(x->s, t->text);
			field(x, _("Responsible"), t->n_roles ? roles_line(x, t) : _("none named by the plan"));
			if (r->tasks[i].n_items)
				items_table(x, r->tasks[i].items, r->tasks[i].n_items, false);
			else
				x->s->ops->note(x->s, _("No items recorded."));
		}
		lz_arena_free(&x->a);
	}
	if (r->n_tasks > plan->n_tasks) {
		const lz_report_task *other = &r->tasks[plan->n_tasks];
		x->s->ops->heading(x->s, 2, _("Items of tasks the plan does not have"));
		items_table(x, other->items, other->n_items, true);
	}
}

/* Where an obligation comes from: the plan's own word, party rules, local
 * rules or practice, and the task it serves. */
static const char *basis(render *x, const lz_obligation *ob)
{
	return fmt(x, _("%s, task %d"), lz_basis_name(ob->basis), ob->task);
}

static const char *type_name(const lz_plan *plan, const char *id)
{
	const lz_meeting_type *t = lz_plan_meeting_type(plan, id);
	return t ? t->name : id;
}

/* What an inspector asks about first: meetings written up afterwards,
 * below quorum, without their first topic, or never marked. */
static void tell_flagged(render *x)
{
	const lz_report *r = x->r;
	x->s->ops->heading(x->s, 3, _("Meetings with a remark"));
	if (!r->n_flagged) {
		x->s->ops->note(x->s, _("None: every meeting of the year was recorded in time and in full."));
		return;
	}
	const report_col cols[] = {{_("Date"), 0}, {_("Type"), 0}, {_("Host"), 0},
				   {_("Meeting"), RCOL_LONG}, {_("Note"), RCOL_LONG}};
	table(x, cols, 5);
	for (size_t i = 0; i < r->n_flagged; i++) {
		const lz_report_meeting *m = &r->flagged[i];
		const char *cells[] = {day(x, m->date), type_name(r->plan, m->type), m->host, m->title,
				       remark(x, m)};
		row(x, cells, (m->flags & ~LZ_MFLAG_IMPORTED) != 0);
	}
	x->s->ops->table_end(x->s);
	lz_arena_free(&x->a);
}

static void tell_obligations(render *x)
{
	const lz_report *r = x->r;
	const lz_plan *plan = r->plan;
	part(x, 3, _("Meetings the plan requires"));
	x->s->ops->note(x->s, fmt(x, _("Meetings that count: held by %s, attendance meeting the quorum. %s %s  %s %s  %s %s  %s %s"),
				  day(x, lz_status_as_of_shown(plan->year, r->date)),
				  lz_period_state_symbol(LZ_PERIOD_MET), lz_period_state_word(LZ_PERIOD_MET),
				  lz_period_state_symbol(LZ_PERIOD_MISSED), lz_period_state_word(LZ_PERIOD_MISSED),
				  lz_period_state_symbol(LZ_PERIOD_DUE), lz_period_state_word(LZ_PERIOD_DUE),
				  lz_period_state_symbol(LZ_PERIOD_UPCOMING), lz_period_state_word(LZ_PERIOD_UPCOMING)));
	/* Late entries are told in working days: say when they were counted
	 * without the year's holidays. */
	char calendar[256];
	if (lz_status_calendar_note(plan, calendar, sizeof calendar))
		x->s->ops->note(x->s, fmt(x, "%s", calendar));
	const report_col cols[] = {
		{_("Period"), 0}, {_("Held"), RCOL_NUM}, {_("State"), 0}, {_("Date"), 0},
		{_("Host"), 0}, {_("Meeting"), RCOL_LONG}, {_("Note"), RCOL_LONG},
	};
	for (size_t i = 0; i < r->status.n_quotas; i++) {
		const lz_report_obligation *o = &r->obligations[i];
		const lz_obligation *ob = o->quota->obligation;
		x->s->ops->heading(x->s, 3, fmt(x, _("%s (≥%d per %s)"),
						plan->meeting_types[ob->meeting_type].name, ob->min,
						lz_period_word(ob->per)));
		field(x, _("Basis"), basis(x, ob));
		if (ob->note && *ob->note)
			x->s->ops->note(x->s, ob->note);
		table(x, cols, 7);
		for (size_t k = 0; k < o->quota->n_periods; k++) {
			const lz_report_period *p = &o->periods[k];
			const lz_period_status *q = p->quota;
			char name[64];
			lz_period_name(&q->period, name, sizeof name);
			const char *head[3] = {
				lz_arena_strdup(&x->a, name), fmt(x, "%d/%d", q->held, q->required),
				fmt(x, "%s %s", lz_period_state_symbol(q->state), lz_period_state_word(q->state))};
			bool alert = q->state == LZ_PERIOD_MISSED;
			if (!p->n_meetings) {
				const char *cells[] = {head[0], head[1], head[2], "", "", "—",
						       q->planned ? fmt(x, _("%d planned"), q->planned) : ""};
				row(x, cells, alert);
			}
			for (size_t j = 0; j < p->n_meetings; j++) {
				const lz_report_meeting *m = p->meetings[j];
				const char *cells[] = {j ? NULL : head[0], j ? NULL : head[1],
						       j ? NULL : head[2], day(x, m->date), m->host, m->title,
						       remark(x, m)};
				row(x, cells, alert);
			}
		}
		x->s->ops->table_end(x->s);
		lz_arena_free(&x->a);
	}
	tell_flagged(x);
}

/* "9/8": 应到/实到, a count not recorded as "—". */
static const char *attendance(render *x, const lz_report_meeting *m)
{
	if (m->expected == LZ_NO_COUNT && m->present == LZ_NO_COUNT)
		return "";
	const char *e = m->expected == LZ_NO_COUNT ? "—" : fmt(x, "%d", m->expected);
	const char *p = m->present == LZ_NO_COUNT ? "—" : fmt(x, "%d", m->present);
	return fmt(x, "%s/%s", e, p);
}

/* The meeting records (会议记录) an inspector reads meeting by meeting:
 * who attended and who did not and why, the first topic, the topics,
 * what was decided, and whether the record was written up late and why. */
static void tell_minutes(render *x)
{
	const lz_report *r = x->r;
	const lz_fieldtab *t = lz_fields_of(LZ_KIND_MEETING);
	part(x, 4, _("Meeting records"));
	x->s->ops->note(x->s, fmt(x, _("Every meeting of %d held by %s, by date: as its record has it."),
				  r->plan->year, day(x, lz_status_as_of_shown(r->plan->year, r->date))));
	if (!r->n_held) {
		x->s->ops->note(x->s, _("No meetings held."));
		return;
	}
	const char *label[LZ_MINUTES_COUNT];
	for (size_t k = 0; k < LZ_MINUTES_COUNT; k++)
		label[k] = lz_field_label(lz_field_find(t, minutes_keys[k]));
	label[LZ_MINUTES_ABSENT] = _("Absent (reason)");
	const report_col cols[] = {
		{_("No."), RCOL_NUM},
		{lz_field_label(lz_field_find(t, "date")), 0},
		{lz_field_label(lz_field_find(t, "type")), 0},
		{lz_field_label(lz_field_find(t, "host")), 0},
		{_("Expected/present"), 0},
		{_("Meeting"), RCOL_LONG},
		{label[LZ_MINUTES_FIRST_TOPIC], RCOL_LONG},
		{label[LZ_MINUTES_ABSENT], RCOL_LONG},
		{label[LZ_MINUTES_TOPICS], RCOL_LONG},
		{label[LZ_MINUTES_DECISIONS], RCOL_LONG},
		{_("Note"), RCOL_LONG},
	};
	table(x, cols, 11);
	for (size_t i = 0; i < r->n_held; i++) {
		const lz_report_meeting *m = &r->held[i];
		char time[6];
		lz_format_time(m->start, time);
		const char *when = *time ? fmt(x, "%s %s", day(x, m->date), time) : day(x, m->date);
		const char *cells[] = {
			fmt(x, "%zu", i + 1), when, type_name(r->plan, m->type), m->host, attendance(x, m),
			m->title, m->minutes[LZ_MINUTES_FIRST_TOPIC], m->minutes[LZ_MINUTES_ABSENT],
			m->minutes[LZ_MINUTES_TOPICS], m->minutes[LZ_MINUTES_DECISIONS], remark(x, m)};
		row(x, cells, (m->flags & ~LZ_MFLAG_IMPORTED) != 0);
		if (i % 256 == 255)
			lz_arena_free(&x->a);
	}
	x->s->ops->table_end(x->s);
	lz_arena_free(&x->a);
}

static const char *reviews(render *x, const lz_risk *k)
{
	const char *s = "";
	for (size_t i = 0; i < k->n_log; i++) {
		const lz_review *v = &k->log[i];
		const char *line = v->next != LZ_NO_DAY
					   ? fmt(x, _("%s %s (next %s)"), day(x, v->date),
						 or_empty(v->result), day(x, v->next))
					   : fmt(x, "%s %s", day(x, v->date), or_empty(v->result));
		s = *s ? fmt(x, "%s\n%s", s, line) : line;
	}
	return s;
}

static void tell_risks(render *x)
{
	const lz_report *r = x->r;
	part(x, 6, _("Integrity risk points"));
	if (!r->n_risks) {
		x->s->ops->note(x->s, _("No risk points recorded."));
		return;
	}
	const report_col cols[] = {
		{_("No."), RCOL_NUM}, {_("Post"), 0}, {_("Link"), 0}, {_("Risk"), RCOL_LONG},
		{_("Level"), 0}, {_("L × I"), 0}, {_("Measures"), RCOL_LONG},
		{_("Owner"), 0}, {_("Next review"), 0}, {_("Status"), 0}, {_("Reviews"), RCOL_LONG},
	};
	table(x, cols, 11);
	for (size_t i = 0; i < r->n_risks; i++) {
		const lz_risk *k = r->risks[i].risk;
		const lz_risk_level *l = lz_plan_risk_level(r->plan, k->level);
		const char *cells[] = {
			fmt(x, "%zu", i + 1), or_empty(k->post), or_empty(k->link), or_empty(k->desc),
			l ? l->name : or_empty(k->level), fmt(x, "%d×%d", k->likelihood, k->impact),
			or_empty(k->measures), or_empty(k->owner),
			late_mark(x, day(x, k->review), r->risks[i].overdue), or_empty(k->status),
			reviews(x, k)};
		row(x, cells, r->risks[i].overdue);
	}
	x->s->ops->table_end(x->s);
	lz_arena_free(&x->a);
}

static const char *count(render *x, size_t n)
{
	return fmt(x, "%zu", n);
}

static void tell_counts(render *x)
{
	const lz_report *r = x->r;
	const lz_plan *plan = r->plan;
	part(x, 7, _("Counts"));

	x->s->ops->heading(x->s, 3, fmt(x, _("Meetings of %d by type"), plan->year));
	const report_col mcols[] = {{_("Type"), 0},
				    {lz_meeting_status_label(LZ_MEETING_HELD), RCOL_NUM},
				    {lz_meeting_status_label(LZ_MEETING_PLANNED), RCOL_NUM},
				    {lz_meeting_status_label(LZ_MEETING_CANCELLED), RCOL_NUM}};
	table(x, mcols, 4);
	for (size_t t = 0; t < plan->n_meeting_types; t++) {
		const lz_report_type_count *c = &r->by_type[t];
		const char *cells[] = {plan->meeting_types[t].name, count(x, c->n[LZ_MEETING_HELD]),
				       count(x, c->n[LZ_MEETING_PLANNED]),
				       count(x, c->n[LZ_MEETING_CANCELLED])};
		row(x, cells, false);
	}
	const char *total[] = {_("All meetings"), count(x, r->meetings[LZ_MEETING_HELD]),
			       count(x, r->meetings[LZ_MEETING_PLANNED]),
			       count(x, r->meetings[LZ_MEETING_CANCELLED])};
	row(x, total, false);
	x->s->ops->table_end(x->s);

	x->s->ops->heading(x->s, 3, _("Items by status"));
	const report_col icols[] = {{_("Status"), 0}, {_("Items"), RCOL_NUM}};
	table(x, icols, 2);
	for (size_t i = 0; i < plan->n_item_statuses; i++) {
		const char *cells[] = {plan->item_statuses[i].name, count(x, r->items_by_status[i])};
		row(x, cells, false);
	}
	const char *all_items[] = {_("All items"), count(x, r->n_items)};
	row(x, all_items, false);
	const char *late[] = {_("of which late"), count(x, r->items_late)};
	row(x, late, r->items_late > 0);
	x->s->ops->table_end(x->s);

	x->s->ops->heading(x->s, 3, _("Risk points by level"));
	const report_col rcols[] = {{_("Level"), 0}, {_("Risk points"), RCOL_NUM}};
	table(x, rcols, 2);
	for (size_t i = 0; i < plan->n_risk_levels; i++) {
		const char *cells[] = {plan->risk_levels[i].name, count(x, r->risks_by_level[i])};
		row(x, cells, false);
	}
	const char *all_risks[] = {_("All risk points"), count(x, r->n_risks)};
	row(x, all_risks, false);
	const char *overdue[] = {_("of which past their review date"), count(x, r->risks_overdue)};
	row(x, overdue, r->risks_overdue > 0);
	x->s->ops->table_end(x->s);

	x->s->ops->heading(x->s, 3, _("Likelihood × impact"));
	x->s->ops->note(x->s, _("Risk points in each cell: likelihood from 5 (top) to 1, impact from 1 to 5."));
	const report_col xcols[] = {{_("Likelihood \\ impact"), 0}, {"1", RCOL_NUM}, {"2", RCOL_NUM},
				    {"3", RCOL_NUM}, {"4", RCOL_NUM}, {"5", RCOL_NUM}};
	table(x, xcols, 6);
	for (int l = 5; l >= 1; l--) {
		const char *cells[6] = {fmt(x, "%d", l)};
		for (int i = 1; i <= 5; i++)
			cells[i] = r->matrix[l - 1][i - 1] ? count(x, r->matrix[l - 1][i - 1]) : "·";
		row(x, cells, false);
	}
	x->s->ops->table_end(x->s);
	lz_arena_free(&x->a);
}

/* 佐证材料: each file a record of the year names, under its record, with
 * the start of its hash to find it in the store (`evidence list` gives
 * it whole).  A part only when there is any. */
static void tell_evidence(render *x)
{
	const lz_report *r = x->r;
	if (!r->n_evidence)
		return;
	/* After whatever parts came before it, however many. */
	part(x, x->last_part + 1, _("Evidence (佐证材料)"));
	x->s->ops->note(x->s, _("The files the records of the year name, kept in the evidence store under their SHA-256 (lianzheng evidence verify checks them)."));
	const report_col cols[] = {
		{_("Record"), 0}, {_("Date"), 0}, {_("Title"), RCOL_LONG}, {_("No."), RCOL_NUM},
		{_("File"), RCOL_LONG}, {_("Type"), 0}, {_("Size"), RCOL_NUM}, {"SHA-256", 0},
	};
	table(x, cols, 8);
	for (size_t i = 0; i < r->n_evidence; i++) {
		const lz_report_evidence *e = &r->evidence[i];
		for (size_t k = 0; k < e->n; k++) {
			const lz_evidence *f = &e->files[k];
			const char *cells[] = {
				k ? NULL : fmt(x, "%s %llu", lz_kind_label(e->kind), (unsigned long long)e->id),
				k ? NULL : day(x, e->date), k ? NULL : e->title, fmt(x, "%zu", k + 1),
				f->name, f->type, lz_size_text(f->size, &x->a), fmt(x, "%.16s…", f->sha256)};
			row(x, cells, false);
		}
		if (i % 256 == 255)
			lz_arena_free(&x->a);
	}
	x->s->ops->table_end(x->s);
	lz_arena_free(&x->a);
}

static void tell_notices(render *x)
{
	const lz_report *r = x->r;
	x->s->ops->heading(x->s, 3, _("Notices relayed (通报传达)"));
	x->s->ops->note(x->s, fmt(x, dngettext(LZ_GETTEXT_PACKAGE, "Each notice is to be relayed within %d working day of its receipt.",
					      "Each notice is to be relayed within %d working days of its receipt.",
					      (unsigned long)r->plan->relay_days),
				  r->plan->relay_days));
	if (!r->n_notices) {
		x->s->ops->note(x->s, _("No notices recorded."));
		return;
	}
	const report_col cols[] = {
		{_("No."), RCOL_NUM}, {_("Received"), 0}, {_("Issuer"), 0}, {_("Number"), 0},
		{_("Title"), RCOL_LONG}, {_("Relay by"), 0}, {_("Relayed on"), 0},
		{_("Relayed at"), RCOL_LONG}, {_("State"), 0},
	};
	table(x, cols, 9);
	for (size_t i = 0; i < r->n_notices; i++) {
		const lz_notice *n = r->notices[i];
		lz_notice_state st = r->notice_states[i];
		bool relayed = st == LZ_NOTICE_RELAYED || st == LZ_NOTICE_LATE;
		/* A meeting since deleted is named by its id. */
		const char *at = !relayed	      ? ""
				 : r->notice_meetings[i] ? r->notice_meetings[i]
				 : n->meeting	      ? fmt(x, _("meeting %llu"), (unsigned long long)n->meeting)
							      : or_empty(n->how);
		const char *cells[] = {fmt(x, "%zu", i + 1), day(x, n->received), or_empty(n->issuer),
				       or_empty(n->number), or_empty(n->title),
				       day(x, lz_notice_deadline(r->plan, n->received)),
				       relayed ? day(x, n->relayed) : "", at,
				       lz_notice_state_word(st)};
		row(x, cells, lz_notice_flagged(st));
	}
	x->s->ops->table_end(x->s);
}

static void tell_disclosures(render *x)
{
	const lz_report *r = x->r;
	x->s->ops->heading(x->s, 3, _("Disclosures (党务公开)"));
	if (!r->n_disclosures) {
		x->s->ops->note(x->s, _("No disclosures recorded."));
		return;
	}
	const report_col cols[] = {{_("No."), RCOL_NUM}, {_("Date"), 0}, {_("What"), RCOL_LONG},
				   {_("Where"), 0}, {_("By"), 0}};
	table(x, cols, 5);
	for (size_t i = 0; i < r->n_disclosures; i++) {
		const lz_disclosure *d = r->disclosures[i];
		const char *cells[] = {fmt(x, "%zu", i + 1), day(x, d->date), or_empty(d->what),
				       or_empty(d->where), or_empty(d->by)};
		row(x, cells, false);
	}
	x->s->ops->table_end(x->s);
}

/* The counts per form always; whom they concern only when asked for. */
static void tell_discipline(render *x)
{
	const lz_report *r = x->r;
	x->s->ops->heading(x->s, 3, _("The four forms (四种形态)"));
	const report_col ccols[] = {{_("Form"), 0}, {_("Measures taken"), RCOL_NUM}};
	table(x, ccols, 2);
	size_t total = 0;
	for (int f = 1; f <= 4; f++) {
		const char *cells[] = {lz_discipline_form_name(f), count(x, r->discipline_forms[f - 1])};
		total += r->discipline_forms[f - 1];
		row(x, cells, false);
	}
	const char *all[] = {_("All measures"), count(x, total)};
	row(x, all, false);
	x->s->ops->table_end(x->s);
	if (!r->include_sensitive) {
		x->s->ops->note(x->s, _("The register itself names people and is left out of this ledger; 'lianzheng report --include-sensitive' includes it."));
		return;
	}
	if (!r->n_discipline)
		return;
	const report_col cols[] = {{_("No."), RCOL_NUM}, {_("Date"), 0}, {_("Person"), 0},
				   {_("Form"), RCOL_NUM}, {_("Measure"), 0}, {_("Reason"), RCOL_LONG},
				   {_("Decided by"), 0}};
	table(x, cols, 7);
	for (size_t i = 0; i < r->n_discipline; i++) {
		const lz_discipline *d = r->discipline[i];
		const char *cells[] = {fmt(x, "%zu", i + 1), day(x, d->date), or_empty(d->person),
				       fmt(x, "%d", d->form), or_empty(d->measure), or_empty(d->reason),
				       or_empty(d->by)};
		row(x, cells, false);
	}
	x->s->ops->table_end(x->s);
}

static void tell_registers(render *x)
{
	part(x, x->last_part + 1, _("Registers"));
	tell_notices(x);
	tell_disclosures(x);
	tell_discipline(x);
	lz_arena_free(&x->a);
}

/* Who prepared the ledger and who checked it, and when: names given, or
 * a line to sign on. */
static void tell_signoff(render *x)
{
	const lz_report *r = x->r;
	static const char blank[] = "________________";
	x->s->ops->heading(x->s, 3, _("Sign-off"));
	field(x, _("Prepared by"), r->prepared_by && *r->prepared_by ? r->prepared_by : blank);
	field(x, _("Reviewed by"), r->reviewed_by && *r->reviewed_by ? r->reviewed_by : blank);
	field(x, C_("sign-off", "Date"), day(x, r->made));
}

static void tell(render *x)
{
	const lz_report *r = x->r;
	const lz_plan *plan = r->plan;
	const char *lines[] = {fmt(x, _("Plan: %s"), plan->title),
			       fmt(x, _("As of %s"), day(x, lz_status_as_of_shown(plan->year, r->date)))};
	x->s->ops->begin(x->s, fmt(x, _("%s %d ledger of party conduct and integrity work"),
				   plan->organization, plan->year),
			 lines, 2);
	lz_arena_free(&x->a);
	part(x, 1, _("General requirement"));
	if (plan->general_requirement && *plan->general_requirement)
		x->s->ops->paragraph(x->s, plan->general_requirement);
	tell_tasks(x);
	tell_obligations(x);
	tell_minutes(x);
	part(x, 5, _("Rectification ledger"));
	x->s->ops->note(x->s, _("Items whose source is the feedback of an inspection (巡察, 巡视, 审计, 督查, 督察)."));
	past_items_note(x);
	if (r->n_rectification)
		rectification_table(x, r->rectification, r->n_rectification);
	else
		x->s->ops->note(x->s, _("No rectification items recorded."));
	lz_arena_free(&x->a);
	tell_risks(x);
	tell_counts(x);
	tell_registers(x);
	tell_evidence(x);
	if (r->chain_head && *r->chain_head)
		field(x, _("Audit chain head"), r->chain_head);
	tell_signoff(x);
	x->s->ops->end(x->s);
	lz_arena_free(&x->a);
}

lz_rc lz_report_write(const lz_report *r, lz_report_format format, FILE *out,
		      lz_progress *progress, lz_err *err)
{
	static const report_sink_ops *const ops[] = {&report_html_ops, &report_md_ops,
						     &report_txt_ops};
	report_sink s = {.ops = ops[format], .out = out};
	/* The translation decides how parts are numbered: msgstr "chinese"
	 * numbers them 一、二、 as official documents do. */
	render x = {.r = r, .s = &s, .progress = progress,
		    .chinese_numbers = strcmp(C_("part numbering", "arabic"), "chinese") == 0};
	lz_progress_start(progress, r->rows);
	tell(&x);
	for (size_t i = 0; i < sizeof x.flag_words / sizeof *x.flag_words; i++)
		free(x.flag_words[i]);
	if (fflush(out) != 0 || ferror(out))
		return lz_err_set(err, LZ_EIO, _("cannot write the report"));
	return LZ_OK;
}
