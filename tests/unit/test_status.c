/* The quota and deadline engine, table-driven: obligation states on many
 * dates, period edges, what counts and what does not, late entries over
 * holidays, and the schedule's draft. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lz_plan_load.h"
#include "lz_status.h"
#include "test_helpers.h"

typedef struct fixture {
	lz_plan *plan;
	lz_store *store;
	char dir[64];
} fixture;

static lz_day D(const char *s)
{
	lz_day d;
	if (!lz_day_parse(s, &d))
		fail_msg("bad date %s", s);
	return d;
}

static int setup_with(void **state, lz_plan *plan)
{
	fixture *f = calloc(1, sizeof *f);
	f->plan = plan;
	strcpy(f->dir, "/tmp/lz-quota-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	lz_err err;
	if (lz_store_open(f->dir, NULL, &f->store, &err) != LZ_OK)
		return -1;
	*state = f;
	return 0;
}

static int setup(void **state)
{
	char *path = source_path("config/plan-2022.yaml");
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan;
	lz_rc rc = lz_plan_load_file(path, &plan, &d);
	lz_diags_free(&d);
	free(path);
	return rc == LZ_OK ? setup_with(state, plan) : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	lz_store_close(f->store);
	lz_plan_free(f->plan);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	unsetenv("LIANZHENG_NOW");
	return rc;
}

typedef struct mtg {
	const char *date;
	const char *type;
	lz_meeting_status status;
	int expected, present;
} mtg;

static lz_id add(fixture *f, mtg m)
{
	lz_record r = {.kind = LZ_KIND_MEETING};
	lz_meeting_init(&r.u.meeting);
	r.u.meeting.date = D(m.date);
	r.u.meeting.type = m.type;
	r.u.meeting.title = "会议";
	r.u.meeting.first_topic = "学习";
	r.u.meeting.status = m.status;
	r.u.meeting.expected = m.expected ? m.expected : LZ_NO_COUNT;
	r.u.meeting.present = m.expected ? m.present : LZ_NO_COUNT;
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
	lz_err err;
	if (lz_store_apply(f->store, &op, 1, &err) != LZ_OK)
		fail_msg("add: %s", err.msg);
	return r.u.meta.id;
}

static const lz_period_status *period(const lz_status *st, const char *ob, const char *label)
{
	for (size_t i = 0; i < st->n_quotas; i++) {
		if (strcmp(st->quotas[i].obligation->id, ob) != 0)
			continue;
		for (size_t k = 0; k < st->quotas[i].n_periods; k++)
			if (strcmp(st->quotas[i].periods[k].period.label, label) == 0)
				return &st->quotas[i].periods[k];
	}
	fail_msg("no period %s %s", ob, label);
	return NULL;
}

typedef struct expect {
	const char *date;  /* reference date */
	const char *ob, *label;
	int held, planned;
	lz_period_state state;
	bool not_planned;
} expect;

static void check(fixture *f, const expect *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const expect *e = &cases[i];
		lz_arena a = {0};
		lz_status st;
		lz_err err;
		assert_int_equal(lz_status_compute(f->plan, f->store, D(e->date), 14, &a, &st, &err), LZ_OK);
		const lz_period_status *p = period(&st, e->ob, e->label);
		if (p->held != e->held || p->planned != e->planned || p->state != e->state ||
		    p->not_planned != e->not_planned)
			fail_msg("case %zu (%s %s on %s): held %d planned %d state %s not_planned %d; "
				 "want %d %d %s %d", i, e->ob, e->label, e->date, p->held, p->planned,
				 lz_period_state_id(p->state), p->not_planned, e->held, e->planned,
				 lz_period_state_id(e->state), e->not_planned);
		lz_arena_free(&a);
	}
}

static void test_periods(void **state)
{
	(void)state;
	static const struct {
		lz_period_kind kind;
		int index;
		const char *label, *start, *end;
	} cases[] = {
		{LZ_PER_YEAR, 0, "2022", "2022-01-01", "2022-12-31"},
		{LZ_PER_HALF, 0, "2022-H1", "2022-01-01", "2022-06-30"},
		{LZ_PER_HALF, 1, "2022-H2", "2022-07-01", "2022-12-31"},
		{LZ_PER_QUARTER, 0, "2022-Q1", "2022-01-01", "2022-03-31"},
		{LZ_PER_QUARTER, 3, "2022-Q4", "2022-10-01", "2022-12-31"},
		{LZ_PER_MONTH, 1, "2022-02", "2022-02-01", "2022-02-28"},
		{LZ_PER_MONTH, 11, "2022-12", "2022-12-01", "2022-12-31"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lz_period p;
		lz_period_of(2022, cases[i].kind, cases[i].index, &p);
		assert_string_equal(p.label, cases[i].label);
		assert_int_equal(p.start, D(cases[i].start));
		assert_int_equal(p.end, D(cases[i].end));
	}
	lz_period p;
	lz_period_of(2024, LZ_PER_MONTH, 1, &p);
	assert_int_equal(p.end, D("2024-02-29"));
	lz_period_containing(D("2024-02-29"), LZ_PER_QUARTER, &p);
	assert_string_equal(p.label, "2024-Q1");
	assert_int_equal(lz_period_count(LZ_PER_MONTH), 12);
}

static void test_states_on_period_edges(void **state)
{
	fixture *f = *state;
	add(f, (mtg){"2022-03-31", "warning-education", LZ_MEETING_HELD, 0, 0});
	add(f, (mtg){"2022-04-01", "warning-education", LZ_MEETING_PLANNED, 0, 0});
	add(f, (mtg){"2022-07-01", "warning-education", LZ_MEETING_CANCELLED, 0, 0});
	add(f, (mtg){"2022-12-31", "special-meeting", LZ_MEETING_HELD, 0, 0});
	add(f, (mtg){"2022-01-01", "special-meeting", LZ_MEETING_HELD, 0, 0});
	static const expect cases[] = {
		/* A meeting on the last day of Q1 counts for Q1, from that day. */
		{"2022-03-30", "warning-education", "2022-Q1", 0, 1, LZ_PERIOD_DUE, false},
		{"2022-03-31", "warning-education", "2022-Q1", 1, 0, LZ_PERIOD_MET, false},
		{"2022-04-01", "warning-education", "2022-Q1", 1, 0, LZ_PERIOD_MET, false},
		{"2022-01-01", "warning-education", "2022-Q2", 0, 1, LZ_PERIOD_UPCOMING, false},
		/* The planned meeting keeps Q2 from being "not even planned"... */
		{"2022-04-01", "warning-education", "2022-Q2", 0, 1, LZ_PERIOD_DUE, false},
		/* ...and Q2 is missed once it ended without a held one. */
		{"2022-07-01", "warning-education", "2022-Q2", 0, 1, LZ_PERIOD_MISSED, false},
		/* A cancelled meeting never counts. */
		{"2022-07-01", "warning-education", "2022-Q3", 0, 0, LZ_PERIOD_DUE, true},
		{"2022-09-30", "warning-education", "2022-Q3", 0, 0, LZ_PERIOD_DUE, true},
		{"2022-10-01", "warning-education", "2022-Q3", 0, 0, LZ_PERIOD_MISSED, false},
		{"2022-12-31", "warning-education", "2022-Q4", 0, 0, LZ_PERIOD_DUE, true},
		/* A held meeting dated after the reference date counts as planned. */
		{"2022-06-30", "special-meeting", "2022", 1, 1, LZ_PERIOD_DUE, true},
		{"2022-12-31", "special-meeting", "2022", 2, 0, LZ_PERIOD_DUE, true},
		/* A reference date after the plan year: everything has ended. */
		{"2023-03-01", "special-meeting", "2022", 2, 0, LZ_PERIOD_MISSED, false},
		{"2023-03-01", "warning-education", "2022-Q1", 1, 0, LZ_PERIOD_MET, false},
		/* And before it: everything is upcoming. */
		{"2021-12-31", "special-meeting", "2022", 0, 2, LZ_PERIOD_UPCOMING, false},
		{"2021-12-31", "heart-talk", "2022-H1", 0, 0, LZ_PERIOD_UPCOMING, false},
	};
	check(f, cases, sizeof cases / sizeof *cases);
}

typedef struct found {
	lz_id id;
	unsigned flags;
	size_t visited;
	size_t per_flag[LZ_MFLAG_KINDS];
} found;

static bool find_flags(const lz_meeting_brief *b, unsigned flags, void *ctx)
{
	found *x = ctx;
	assert_true(flags != 0);
	x->visited++;
	for (int k = 0; k < LZ_MFLAG_KINDS; k++)
		x->per_flag[k] += (flags >> k) & 1;
	if (b->id == x->id)
		x->flags = flags;
	return true;
}

/* A meeting's flags in the status as of date; the flagged meetings the
 * status lists are exactly those it counted. */
static unsigned flags_of(fixture *f, lz_id id, const char *date)
{
	lz_arena a = {0};
	lz_status st;
	lz_err err;
	assert_int_equal(lz_status_compute(f->plan, f->store, D(date), 14, &a, &st, &err), LZ_OK);
	found x = {.id = id};
	assert_int_equal(lz_status_flagged(&st, f->store, INT32_MIN + 1, INT32_MAX, find_flags, &x,
					   &err), LZ_OK);
	assert_int_equal(x.visited, st.n_flagged);
	for (int k = 0; k < LZ_MFLAG_KINDS; k++) {
		assert_int_equal(x.per_flag[k], st.n_flag[k]);
		assert_int_equal(lz_status_flag_count(&st, 1u << k), st.n_flag[k]);
	}
	lz_arena_free(&a);
	return x.flags;
}

static void test_quorum_and_months(void **state)
{
	fixture *f = *state;
	/* More than half must be present at a branch assembly: 5 of 10 is
	 * not enough and does not count; 6 of 10 does. */
	lz_id low = add(f, (mtg){"2022-02-10", "branch-assembly", LZ_MEETING_HELD, 10, 5});
	add(f, (mtg){"2022-05-10", "branch-assembly", LZ_MEETING_HELD, 10, 6});
	/* At least two thirds at a democratic life meeting: 6 of 9 counts. */
	add(f, (mtg){"2022-11-10", "democratic-life", LZ_MEETING_HELD, 9, 6});
	add(f, (mtg){"2022-02-28", "branch-committee", LZ_MEETING_HELD, 0, 0});
	static const expect cases[] = {
		{"2022-03-01", "branch-assembly", "2022-Q1", 0, 0, LZ_PERIOD_DUE, true},
		{"2022-04-01", "branch-assembly", "2022-Q1", 0, 0, LZ_PERIOD_MISSED, false},
		{"2022-06-01", "branch-assembly", "2022-Q2", 1, 0, LZ_PERIOD_MET, false},
		{"2022-12-01", "democratic-life", "2022", 1, 0, LZ_PERIOD_MET, false},
		{"2022-02-28", "branch-committee", "2022-02", 1, 0, LZ_PERIOD_MET, false},
		{"2022-02-28", "branch-committee", "2022-03", 0, 0, LZ_PERIOD_UPCOMING, false},
		{"2022-03-01", "branch-committee", "2022-03", 0, 0, LZ_PERIOD_DUE, true},
	};
	check(f, cases, sizeof cases / sizeof *cases);
	assert_true(flags_of(f, low, "2022-03-01") & LZ_MFLAG_BELOW_QUORUM);
}

static void test_lead_time_warnings(void **state)
{
	fixture *f = *state;
	lz_arena a = {0};
	lz_status st;
	lz_err err;
	/* Warning education warns 21 and 7 days before a quarter ends. */
	static const struct { const char *date; int warn, left; } cases[] = {
		{"2022-03-01", 0, 31}, {"2022-03-11", 21, 21}, {"2022-03-25", 7, 7},
		{"2022-03-31", 7, 1}, {"2022-04-01", 0, 91},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(lz_status_compute(f->plan, f->store, D(cases[i].date), 14, &a, &st, &err), LZ_OK);
		const lz_obligation_status *q = NULL;
		for (size_t k = 0; k < st.n_quotas; k++)
			if (strcmp(st.quotas[k].obligation->id, "warning-education") == 0)
				q = &st.quotas[k];
		assert_non_null(q);
		assert_int_equal(q->days_left, cases[i].left);
		assert_int_equal(q->warn_days, cases[i].warn);
	}
	lz_arena_free(&a);
}

static void test_entry_deadline_follows_the_calendar(void **state)
{
	fixture *f = *state;
	static const struct { const char *meeting, *deadline; } cases[] = {
		/* Mon → Thu. */
		{"2022-06-13", "2022-06-16"},
		/* Fri → Wed across a weekend. */
		{"2022-06-17", "2022-06-22"},
		/* Before National Day: 10-08 and 10-09 are worked, 10-01..07 not. */
		{"2022-09-30", "2022-10-10"},
		/* Before the Dragon Boat Festival (06-03..05 off). */
		{"2022-06-02", "2022-06-08"},
		/* Before the Spring Festival: 01-29 and 01-30 are worked. */
		{"2022-01-28", "2022-02-07"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lz_day got = lz_entry_deadline(f->plan, D(cases[i].meeting));
		char buf[LZ_DATE_STRLEN];
		lz_day_format(got, buf);
		if (got != D(cases[i].deadline))
			fail_msg("meeting %s: deadline %s, want %s", cases[i].meeting, buf,
				 cases[i].deadline);
	}
}

static void set_now(const char *day_and_time)
{
	/* "YYYY-MM-DD" at noon UTC, the tests' time zone. */
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)D(day_and_time) * 86400 + 12 * 3600);
	setenv("LIANZHENG_NOW", buf, 1);
}

static void test_late_entries(void **state)
{
	fixture *f = *state;
	setenv("TZ", "UTC", 1);
	set_now("2022-10-10");
	lz_id on_time = add(f, (mtg){"2022-09-30", "special-meeting", LZ_MEETING_HELD, 0, 0});
	set_now("2022-10-11");
	lz_id late = add(f, (mtg){"2022-09-30", "special-meeting", LZ_MEETING_HELD, 0, 0});
	assert_false(flags_of(f, on_time, "2022-12-01") & LZ_MFLAG_LATE_ENTRY);
	assert_true(flags_of(f, late, "2022-12-01") & LZ_MFLAG_LATE_ENTRY);
	/* A late entry still counts towards the obligation: it happened. */
	static const expect cases[] = {
		{"2022-12-01", "special-meeting", "2022", 2, 0, LZ_PERIOD_DUE, true},
	};
	check(f, cases, sizeof cases / sizeof *cases);

	/* Planned first and marked held in time: not late; a stale planned
	 * meeting is flagged until it is marked. */
	set_now("2022-11-01");
	lz_id planned = add(f, (mtg){"2022-11-15", "warning-education", LZ_MEETING_PLANNED, 0, 0});
	assert_true(flags_of(f, planned, "2022-11-20") & LZ_MFLAG_STALE);
	set_now("2022-11-16");
	lz_arena a = {0};
	lz_record r;
	lz_err err;
	assert_int_equal(lz_store_get(f->store, LZ_KIND_MEETING, planned, &a, &r, &err), LZ_OK);
	r.u.meeting.status = LZ_MEETING_HELD;
	lz_op op = {.op = LZ_OP_UPDATE, .kind = LZ_KIND_MEETING, .rec = &r};
	assert_int_equal(lz_store_apply(f->store, &op, 1, &err), LZ_OK);
	assert_int_equal(flags_of(f, planned, "2022-11-20"), 0);
	lz_arena_free(&a);
}

static int count_short(fixture *f, const char *date)
{
	lz_arena a = {0};
	lz_status st;
	lz_err err;
	assert_int_equal(lz_status_compute(f->plan, f->store, D(date), 14, &a, &st, &err), LZ_OK);
	int shortfall = 0;
	for (size_t i = 0; i < st.n_quotas; i++)
		for (size_t k = 0; k < st.quotas[i].n_periods; k++) {
			const lz_period_status *p = &st.quotas[i].periods[k];
			shortfall += p->held + p->planned < p->required;
		}
	lz_arena_free(&a);
	return shortfall;
}

static void test_schedule_fills_the_year(void **state)
{
	fixture *f = *state;
	assert_true(count_short(f, "2022-01-01") > 0);
	lz_arena a = {0};
	lz_proposal *props;
	size_t n, unplaceable;
	lz_err err;
	assert_int_equal(lz_schedule_draft(f->plan, f->store, D("2022-01-01"), &a, &props, &n,
					   &unplaceable, &err), LZ_OK);
	assert_int_equal(unplaceable, 0);
	size_t want = 0;
	for (size_t i = 0; i < f->plan->n_obligations; i++)
		want += (size_t)(f->plan->obligations[i].min *
				 lz_period_count(f->plan->obligations[i].per));
	assert_int_equal(n, want);
	lz_record *recs = calloc(n, sizeof *recs);
	lz_op *ops = calloc(n, sizeof *ops);
	for (size_t i = 0; i < n; i++) {
		/* Never a weekend or holiday unless made up; inside the period. */
		assert_true(lz_plan_is_workday(f->plan, props[i].date));
		assert_true(props[i].date >= props[i].period.start && props[i].date <= props[i].period.end);
		for (size_t j = 0; j < i; j++)
			assert_false(props[j].obligation == props[i].obligation &&
				     props[j].date == props[i].date);
		recs[i].kind = LZ_KIND_MEETING;
		lz_meeting_init(&recs[i].u.meeting);
		recs[i].u.meeting.date = props[i].date;
		recs[i].u.meeting.type = f->plan->meeting_types[props[i].obligation->meeting_type].id;
		recs[i].u.meeting.title = "计划";
		ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &recs[i]};
	}
	/* The four special meetings are spread over the year, one a quarter. */
	int per_quarter[4] = {0};
	for (size_t i = 0; i < n; i++)
		if (strcmp(props[i].obligation->id, "special-meeting") == 0) {
			lz_period q;
			lz_period_containing(props[i].date, LZ_PER_QUARTER, &q);
			per_quarter[q.index]++;
		}
	for (int q = 0; q < 4; q++)
		assert_int_equal(per_quarter[q], 1);
	assert_int_equal(lz_store_apply(f->store, ops, n, &err), LZ_OK);
	assert_int_equal(count_short(f, "2022-01-01"), 0);
	/* Idempotent: nothing more to add. */
	assert_int_equal(lz_schedule_draft(f->plan, f->store, D("2022-01-01"), &a, &props, &n,
					   &unplaceable, &err), LZ_OK);
	assert_int_equal(n, 0);
	free(recs);
	free(ops);
	lz_arena_free(&a);
}

static void test_schedule_from_midyear(void **state)
{
	fixture *f = *state;
	lz_arena a = {0};
	lz_proposal *props;
	size_t n, unplaceable;
	lz_err err;
	assert_int_equal(lz_schedule_draft(f->plan, f->store, D("2022-10-15"), &a, &props, &n,
					   &unplaceable, &err), LZ_OK);
	for (size_t i = 0; i < n; i++) {
		/* Nothing in the past, nothing for a period already over. */
		assert_true(props[i].date >= D("2022-10-15"));
		assert_true(props[i].period.end >= D("2022-10-15"));
	}
	/* Q4 warning education, H2 heart talk, Oct..Dec monthly ones, the
	 * four yearly ones (special meeting x4, lecture, org-life, dem-life). */
	assert_int_equal(n, 1 + 1 + 1 + 3 * 4 + 4 + 3);
	lz_arena_free(&a);
}

static int setup_leap(void **state)
{
	static const char yaml[] =
		"format: 1\nyear: 2024\norganization: 测试\ntitle: 闰年计划\n"
		"roles: [{id: main, name: 主体责任}]\n"
		"item_statuses: [{id: open, name: 未开始}, {id: done, name: 已完成, closes: true}]\n"
		"risk_levels: [{id: high, name: 高, review_days: 90}]\n"
		"meeting_types: [{id: committee, name: 支部委员会}]\n"
		"sections: [{number: 1, title: 一, tasks: [{number: 1, title: 任务, text: 正文}]}]\n"
		"obligations: [{id: committee, meeting_type: committee, min: 1, per: month, task: 1, basis: rules}]\n";
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan;
	lz_rc rc = lz_plan_load_buffer("leap.yaml", yaml, sizeof yaml - 1, &plan, &d);
	lz_diags_print(&d, stderr);
	lz_diags_free(&d);
	return rc == LZ_OK ? setup_with(state, plan) : -1;
}

static void test_leap_year(void **state)
{
	fixture *f = *state;
	add(f, (mtg){"2024-02-29", "committee", LZ_MEETING_HELD, 0, 0});
	static const expect cases[] = {
		{"2024-02-28", "committee", "2024-02", 0, 1, LZ_PERIOD_DUE, false},
		{"2024-02-29", "committee", "2024-02", 1, 0, LZ_PERIOD_MET, false},
		{"2024-03-01", "committee", "2024-03", 0, 0, LZ_PERIOD_DUE, true},
		{"2024-03-01", "committee", "2024-02", 1, 0, LZ_PERIOD_MET, false},
	};
	check(f, cases, sizeof cases / sizeof *cases);
	/* With no holidays in this plan, working days are the weekdays. */
	assert_int_equal(lz_entry_deadline(f->plan, D("2024-02-29")), D("2024-03-05"));
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
		cmocka_unit_test_setup_teardown(test_states_on_period_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quorum_and_months, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lead_time_warnings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_deadline_follows_the_calendar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schedule_fills_the_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schedule_from_midyear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leap_year, setup_leap, teardown),
	};
	return cmocka_run_group_tests_name("quota", tests, NULL, NULL);
}
