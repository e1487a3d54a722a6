/* Day numbers: the calendar arithmetic every quota and deadline uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lz_date.h"

static void test_round_trip(void **state)
{
	(void)state;
	/* Every day from 1900 to 2100 survives ymd -> day -> ymd, and day
	 * numbers are consecutive. */
	lz_day prev = lz_day_from_ymd(1899, 12, 31);
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= lz_days_in_month(y, m); d++) {
				lz_day z = lz_day_from_ymd(y, m, d);
				assert_int_equal(z, prev + 1);
				int yy, mm, dd;
				lz_day_to_ymd(z, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				prev = z;
			}
	assert_int_equal(lz_day_from_ymd(1970, 1, 1), 0);
}

static void test_parse(void **state)
{
	(void)state;
	lz_day d;
	assert_true(lz_day_parse("2024-02-29", &d));
	assert_int_equal(d, lz_day_from_ymd(2024, 2, 29));
	assert_false(lz_day_parse("2022-02-29", &d));
	assert_false(lz_day_parse("2022-02-30", &d));
	assert_false(lz_day_parse("2022-13-01", &d));
	assert_false(lz_day_parse("2022-00-10", &d));
	assert_false(lz_day_parse("2022-1-01", &d));
	assert_false(lz_day_parse("2022-01-01x", &d));
	assert_false(lz_day_parse("", &d));
	assert_false(lz_day_parse("２０２２-01-01", &d));
	assert_true(lz_day_parse("1900-02-28", &d));
	assert_false(lz_day_parse("1900-02-29", &d));
	assert_true(lz_day_parse("2000-02-29", &d));
}

static void test_format_and_weekday(void **state)
{
	(void)state;
	char buf[LZ_DATE_STRLEN];
	lz_day_format(lz_day_from_ymd(2022, 6, 5), buf);
	assert_string_equal(buf, "2022-06-05");
	/* 2022-06-13 was a Monday, 2022-06-19 a Sunday. */
	assert_int_equal(lz_day_weekday(lz_day_from_ymd(2022, 6, 13)), 1);
	assert_int_equal(lz_day_weekday(lz_day_from_ymd(2022, 6, 19)), 7);
	assert_int_equal(lz_day_weekday(lz_day_from_ymd(1969, 12, 31)), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format_and_weekday),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
