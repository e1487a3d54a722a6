/* The rules about items and risk points that every front end shares:
 * progress notes and reviews kept in date order, the next review after
 * the level's interval, when an item is late, and which items are
 * rectification items (整改事项). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lz_dated.h"
#include "lz_plan_load.h"
#include "lz_status.h"
#include "test_helpers.h"

static lz_day D(const char *s)
{
	lz_day d;
	if (!lz_day_parse(s, &d))
		fail_msg("bad date %s", s);
	return d;
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
	*state = plan;
	return rc == LZ_OK ? 0 : -1;
}

static int teardown(void **state)
{
	lz_plan_free(*state);
	return 0;
}

static void test_notes_in_date_order(void **state)
{
	(void)state;
	lz_arena a = {0};
	lz_item it;
	lz_item_init(&it);
	lz_item_add_note(&a, &it, D("2022-09-12"), "c");
	lz_item_add_note(&a, &it, D("2022-03-01"), "a");
	lz_item_add_note(&a, &it, D("2022-09-12"), "d");
	lz_item_add_note(&a, &it, D("2022-05-20"), "b");
	assert_int_equal(it.n_log, 4);
	/* By date; notes of one day in the order they were recorded. */
	const char *want[] = {"a", "b", "c", "d"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(it.log[i].text, want[i]);
	assert_int_equal(it.log[0].date, D("2022-03-01"));
	assert_int_equal(it.log[3].date, D("2022-09-12"));
	lz_arena_free(&a);
}

static void test_note_leaves_the_old_log(void **state)
{
	(void)state;
	lz_arena a = {0};
	lz_item it;
	lz_item_init(&it);
	lz_item_add_note(&a, &it, D("2022-01-10"), "first");
	lz_item copy = it;
	lz_item_add_note(&a, &copy, D("2022-01-05"), "earlier");
	/* A form that retries a refused save starts again from what it read. */
	assert_int_equal(it.n_log, 1);
	assert_string_equal(it.log[0].text, "first");
	assert_int_equal(copy.n_log, 2);
	assert_string_equal(copy.log[0].text, "earlier");
	lz_arena_free(&a);
}

static void test_next_review_by_level(void **state)
{
	const lz_plan *plan = *state;
	assert_int_equal(lz_risk_next_review(plan, "high", D("2022-01-01")), D("2022-04-01"));
	assert_int_equal(lz_risk_next_review(plan, "中", D("2022-01-01")), D("2022-06-30"));
	assert_int_equal(lz_risk_next_review(plan, "low", D("2022-01-01")), D("2023-01-01"));
	assert_int_equal(lz_risk_next_review(plan, "none", D("2022-01-01")), LZ_NO_DAY);
	assert_int_equal(lz_risk_next_review(plan, NULL, D("2022-01-01")), LZ_NO_DAY);
}

static void test_reviews(void **state)
{
	const lz_plan *plan = *state;
	lz_arena a = {0};
	lz_risk r;
	lz_risk_init(&r);
	r.level = "high";
	lz_err err;
	lz_err_clear(&err);
	/* Without a next date: the level's interval after the review. */
	assert_int_equal(lz_risk_add_review(plan, &a, &r, D("2022-03-01"), "ok", LZ_NO_DAY, &err), LZ_OK);
	assert_int_equal(r.review, D("2022-05-30"));
	assert_int_equal(r.log[0].next, D("2022-05-30"));
	/* A later review with its own next date moves the schedule. */
	assert_int_equal(lz_risk_add_review(plan, &a, &r, D("2022-06-01"), "fine", D("2022-07-01"), &err), LZ_OK);
	assert_int_equal(r.review, D("2022-07-01"));
	/* An older one typed in afterwards goes in its place and leaves it. */
	assert_int_equal(lz_risk_add_review(plan, &a, &r, D("2022-01-15"), "old", LZ_NO_DAY, &err), LZ_OK);
	assert_int_equal(r.n_log, 3);
	assert_string_equal(r.log[0].result, "old");
	assert_string_equal(r.log[2].result, "fine");
	assert_int_equal(r.review, D("2022-07-01"));
	/* The next review must come after the review. */
	assert_int_equal(lz_risk_add_review(plan, &a, &r, D("2022-08-01"), "x", D("2022-08-01"), &err), LZ_EDATA);
	assert_non_null(strstr(err.msg, "2022-08-01"));
	assert_int_equal(r.n_log, 3);
	assert_int_equal(r.review, D("2022-07-01"));
	lz_arena_free(&a);
}

static void test_late(void **state)
{
	const lz_plan *plan = *state;
	lz_item it;
	lz_item_init(&it);
	it.status = "in-progress";
	assert_false(lz_item_late(plan, &it, D("2022-06-15")));  /* no deadline */
	it.due = D("2022-06-14");
	assert_true(lz_item_late(plan, &it, D("2022-06-15")));
	assert_false(lz_item_late(plan, &it, D("2022-06-14")));  /* due today: not yet */
	it.status = "done";
	assert_true(lz_item_closed(plan, &it));
	assert_false(lz_item_late(plan, &it, D("2022-06-15")));
	it.status = "已销号";  /* by name too */
	assert_false(lz_item_late(plan, &it, D("2022-06-15")));
	it.status = "unknown";
	assert_false(lz_item_closed(plan, &it));
	assert_true(lz_item_late(plan, &it, D("2022-06-15")));
}

static void test_rectification(void **state)
{
	(void)state;
	static const struct { const char *source; bool rect; } cases[] = {
		{"县委第二轮巡察反馈", true}, {"省委巡视反馈问题", true}, {"2021年度经费审计", true},
		{"县纪委督查发现", true}, {"中央环保督察", true}, {"党组会议决定", false},
		{"", false}, {NULL, false}, {"巡", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lz_item it;
		lz_item_init(&it);
		it.source = cases[i].source;
		if (lz_item_is_rectification(&it) != cases[i].rect)
			fail_msg("source '%s': want %d", cases[i].source ? cases[i].source : "(null)",
				 cases[i].rect);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notes_in_date_order),
		cmocka_unit_test(test_note_leaves_the_old_log),
		cmocka_unit_test_setup_teardown(test_next_review_by_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reviews, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late, setup, teardown),
		cmocka_unit_test(test_rectification),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
