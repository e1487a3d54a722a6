/* Day numbers: the calendar arithmetic every quota and deadline uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lz_date.h"
#include "lz_validate.h"

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

static lz_day day_by_localtime(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return lz_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The local day of an entry time, which the dashboard asks for thousands
 * of times and answers from an offset kept per UTC day, agrees with
 * localtime_r minute by minute through a year of each of three zones with
 * summer time: New York (changes at 02:00), Beirut (at midnight, so the
 * day itself changes with the offset) and Lord Howe Island (half an hour
 * at a time); and the year before 1970.  Each zone gets years apart from
 * the others', so none reads another's cached days (a process keeps one
 * zone).  Without tzdata the zones fall back to UTC and the test still
 * compares. */
static void test_local_day_of_time(void **state)
{
	(void)state;
	static const struct {
		const char *zone;
		int year;
	} zones[] = {{"America/New_York", 2022}, {"Asia/Beirut", 2020},
		     {"Australia/Lord_Howe", 2018}, {"UTC", 1969}};
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		setenv("TZ", zones[z].zone, 1);
		tzset();
		int64_t from = (int64_t)lz_day_from_ymd(zones[z].year, 1, 1) * 86400;
		int64_t to = (int64_t)lz_day_from_ymd(zones[z].year + 1, 1, 1) * 86400;
		for (int64_t t = from; t < to; t += 59)
			assert_int_equal(lz_day_of_time(t), day_by_localtime(t));
	}
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
}

/* The years a date may fall in, wherever it is typed or stored. */
static void test_range(void **state)
{
	(void)state;
	assert_true(lz_day_in_range(lz_day_from_ymd(2000, 1, 1)));
	assert_true(lz_day_in_range(lz_day_from_ymd(2099, 12, 31)));
	assert_false(lz_day_in_range(lz_day_from_ymd(1999, 12, 31)));
	assert_false(lz_day_in_range(lz_day_from_ymd(2100, 1, 1)));
	assert_false(lz_day_in_range(lz_day_from_ymd(1, 1, 1)));
	assert_false(lz_day_in_range(lz_day_from_ymd(9999, 12, 31)));
	assert_false(lz_day_in_range(INT32_MIN));  /* LZ_NO_DAY */
	lz_err err;
	lz_day d = 0;
	lz_err_clear(&err);
	assert_int_equal(lz_validate_day_text("--date", "2022-06-15", &d, &err), LZ_OK);
	assert_int_equal(d, lz_day_from_ymd(2022, 6, 15));
	d = 7;
	assert_int_equal(lz_validate_day_text("--date", "9999-12-31", &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: 9999-12-31 is outside the years 2000 to 2099");
	assert_int_equal(d, 7);  /* untouched when refused */
	assert_int_equal(lz_validate_day_text("--date", "0001-01-01", &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: 0001-01-01 is outside the years 2000 to 2099");
	assert_int_equal(lz_validate_day_text("--date", "2022-02-30", &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: '2022-02-30' is not a real date in the form YYYY-MM-DD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format_and_weekday),
		cmocka_unit_test(test_local_day_of_time),
		cmocka_unit_test(test_range),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
