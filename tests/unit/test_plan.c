/* The bundled 2022 plan: everything the rest of the program relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lz_plan_load.h"
#include "test_helpers.h"

static int load_bundled(void **state)
{
	char *path = source_path("config/plan-2022.yaml");
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = NULL;
	lz_rc rc = lz_plan_load_file(path, &plan, &d);
	if (rc != LZ_OK)
		lz_diags_print(&d, stderr);
	lz_diags_free(&d);
	free(path);
	*state = plan;
	return rc == LZ_OK ? 0 : -1;
}

static int free_plan(void **state)
{
	lz_plan_free(*state);
	return 0;
}

static void test_shape(void **state)
{
	const lz_plan *p = *state;
	assert_int_equal(p->format, 1);
	assert_int_equal(p->year, 2022);
	assert_int_equal(p->n_sections, 4);
	assert_int_equal(p->n_tasks, 13);
	static const size_t per_section[] = {4, 3, 3, 3};
	for (size_t s = 0; s < 4; s++) {
		assert_int_equal(p->sections[s].number, (int)s + 1);
		assert_int_equal(p->sections[s].n_tasks, per_section[s]);
	}
	for (size_t i = 0; i < p->n_tasks; i++) {
		assert_int_equal(p->tasks[i].number, (int)i + 1);
		assert_non_null(lz_plan_task(p, (int)i + 1));
	}
	assert_null(lz_plan_task(p, 14));
	assert_string_equal(p->tasks[4].title, "压实主体责任");
	assert_non_null(strstr(p->tasks[4].text, "全年召开不少于4次专题会议"));
}

/* Trailing blanks (the seed has a no-break space) are not part of a title. */
static void rstrip_blanks(char *s)
{
	size_t len = strlen(s);
	for (;;) {
		if (len >= 1 && s[len - 1] == ' ')
			len -= 1;
		else if (len >= 2 && memcmp(s + len - 2, "\xc2\xa0", 2) == 0)
			len -= 2;
		else
			break;
	}
	s[len] = '\0';
}

/* The seed text, rebuilt from the plan, must equal the seed word for word. */
static void test_text_matches_seed(void **state)
{
	const lz_plan *p = *state;
	char *path = source_path("tests/data/seed-2022.txt");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	free(path);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	assert_true(n > 0);
	line[strcspn(line, "\n")] = '\0';
	assert_string_equal(p->general_requirement, line);
	size_t task = 0, section = 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "\n")] = '\0';
		rstrip_blanks(line);
		if (!line[0])
			continue;
		char *dot = strchr(line, '.');
		if (dot && dot - line <= 2) {
			assert_true(task < p->n_tasks);
			const lz_task *t = &p->tasks[task++];
			char *rebuilt;
			assert_true(asprintf(&rebuilt, "%d.%s。%s", t->number, t->title,
					     t->text) > 0);
			assert_string_equal(rebuilt, line);
			free(rebuilt);
		} else {
			const char *comma = strstr(line, "、");
			assert_non_null(comma);
			assert_true(section < p->n_sections);
			assert_string_equal(p->sections[section++].title, comma + strlen("、"));
		}
	}
	assert_int_equal(task, 13);
	assert_int_equal(section, 4);
	free(line);
	fclose(f);
}

static void check_obligation(const lz_plan *p, const char *id, int min,
			     lz_period_kind per, int task)
{
	const lz_obligation *o = lz_plan_obligation(p, id);
	assert_non_null(o);
	assert_string_equal(p->meeting_types[o->meeting_type].id, id);
	assert_int_equal(o->min, min);
	assert_int_equal(o->per, per);
	assert_int_equal(o->task, task);
	assert_true(o->n_warn_days > 0);
}

static void test_obligations(void **state)
{
	const lz_plan *p = *state;
	check_obligation(p, "special-meeting", 4, LZ_PER_YEAR, 5);
	check_obligation(p, "warning-education", 1, LZ_PER_QUARTER, 11);
	check_obligation(p, "heart-talk", 1, LZ_PER_HALF, 11);
	check_obligation(p, "branch-assembly", 1, LZ_PER_QUARTER, 1);
	check_obligation(p, "branch-committee", 1, LZ_PER_MONTH, 1);
	check_obligation(p, "theme-day", 1, LZ_PER_MONTH, 1);
	check_obligation(p, "democratic-life", 1, LZ_PER_YEAR, 3);
	check_obligation(p, "org-life", 1, LZ_PER_YEAR, 3);
	assert_int_equal(lz_plan_obligation(p, "special-meeting")->basis, LZ_BASIS_PLAN);
	assert_int_equal(lz_plan_obligation(p, "party-group")->basis, LZ_BASIS_LOCAL);
}

static void test_meeting_types(void **state)
{
	const lz_plan *p = *state;
	const lz_meeting_type *lg = lz_plan_meeting_type(p, "leading-group");
	assert_non_null(lg);
	assert_string_equal(lg->name, "党组会议");
	assert_true(lg->required_fields & LZ_FIELD_FIRST_TOPIC);
	assert_ptr_equal(lz_plan_meeting_type(p, "党组会议"), lg);
	const lz_meeting_type *dl = lz_plan_meeting_type(p, "democratic-life");
	assert_true(dl->has_quorum);
	assert_false(dl->quorum.strict);
	assert_int_equal(dl->quorum.num, 2);
	assert_int_equal(dl->quorum.den, 3);
	const lz_meeting_type *ba = lz_plan_meeting_type(p, "branch-assembly");
	assert_true(ba->has_quorum && ba->quorum.strict);
	assert_int_equal(ba->quorum.num * 2, ba->quorum.den);
	assert_null(lz_plan_meeting_type(p, "no-such-type"));
	assert_non_null(lz_plan_meeting_type(p, "special-meeting"));
	assert_non_null(lz_plan_meeting_type(p, "warning-education"));
	assert_non_null(lz_plan_meeting_type(p, "heart-talk"));
}

static void test_roles_and_vocabularies(void **state)
{
	const lz_plan *p = *state;
	assert_int_equal(p->n_roles, 5);
	const lz_task *t7 = lz_plan_task(p, 7);
	assert_int_equal(t7->n_roles, 5);
	assert_true(lz_plan_item_status(p, "done")->closes);
	assert_false(lz_plan_item_status(p, "open")->closes);
	assert_int_equal(lz_plan_risk_level(p, "high")->review_days, 90);
	assert_ptr_equal(lz_plan_risk_level(p, "高"), lz_plan_risk_level(p, "high"));
	assert_int_equal(p->late_entry_days, 3);
	assert_int_equal(p->relay_days, 5);
}

static lz_day day(const char *s)
{
	lz_day d;
	assert_true(lz_day_parse(s, &d));
	return d;
}

static void test_calendar(void **state)
{
	const lz_plan *p = *state;
	assert_int_equal(p->n_holidays, 7);
	assert_int_equal(p->n_workdays, 7);
	/* 2022-01-29 was a Saturday worked in exchange for the Spring Festival. */
	assert_true(lz_plan_is_workday(p, day("2022-01-29")));
	assert_true(lz_plan_is_makeup_workday(p, day("2022-01-29")));
	assert_false(lz_plan_is_workday(p, day("2022-02-01")));
	assert_string_equal(lz_plan_holiday(p, day("2022-02-01"))->name, "春节");
	assert_false(lz_plan_is_workday(p, day("2022-10-07")));
	assert_true(lz_plan_is_workday(p, day("2022-10-08")));
	/* An ordinary weekend and an ordinary weekday. */
	assert_false(lz_plan_is_workday(p, day("2022-06-11")));
	assert_true(lz_plan_is_workday(p, day("2022-06-13")));
	assert_null(lz_plan_holiday(p, day("2022-06-13")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_text_matches_seed),
		cmocka_unit_test(test_obligations),
		cmocka_unit_test(test_meeting_types),
		cmocka_unit_test(test_roles_and_vocabularies),
		cmocka_unit_test(test_calendar),
	};
	return cmocka_run_group_tests_name("plan", tests, load_bundled, free_plan);
}
