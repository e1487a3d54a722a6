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
	assert_int_equal(lz_validate_day_text("--date", "2022-06-15", 0, &d, &err), LZ_OK);
	assert_int_equal(d, lz_day_from_ymd(2022, 6, 15));
	d = 7;
	assert_int_equal(lz_validate_day_text("--date", "9999-12-31", 0, &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: 9999-12-31 is outside the years 2000 to 2099");
	assert_int_equal(d, 7);  /* untouched when refused */
	assert_int_equal(lz_validate_day_text("--date", "0001-01-01", 0, &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: 0001-01-01 is outside the years 2000 to 2099");
	/* What is wrong, in the reader's words, after the option and the text
	 * (issue 16: "2022-02-30: 2月没有30日", never only "format"). */
	assert_int_equal(lz_validate_day_text("--date", "2022-02-30", 0, &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: 2022-02-30: February has no 30th");
	assert_int_equal(d, 7);
	/* A date typed without its year is in the caller's, range and all. */
	assert_int_equal(lz_validate_day_text("--date", "3/1", 2022, &d, &err), LZ_OK);
	assert_int_equal(d, lz_day_from_ymd(2022, 3, 1));
	assert_int_equal(lz_validate_day_text("--date", "2/29", 2023, &d, &err), LZ_EDATA);
	assert_string_equal(err.msg, "--date: 2/29: February 2023 has no 29th (2023 is not a leap year)");
}

static lz_day ymd(int y, int m, int d)
{
	return lz_day_from_ymd(y, m, d);
}

/* Every form a date is typed in (issue 16), each read as the same day;
 * the year-less ones in the year the caller gives. */
static void test_read_dates(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int y, m, d;
	} ok[] = {
		{"2022-03-01", 2022, 3, 1},   {"2022-3-1", 2022, 3, 1},
		{"2022/3/1", 2022, 3, 1},     {"2022.3.1", 2022, 3, 1},
		{"2022/03/01", 2022, 3, 1},   {"2022.12.31", 2022, 12, 31},
		{"2022年3月1日", 2022, 3, 1}, {"2022年03月01日", 2022, 3, 1},
		{"2022年3月1号", 2022, 3, 1}, {"2022年3月1", 2022, 3, 1},
		{"20220301", 2022, 3, 1},     {"20241231", 2024, 12, 31},
		{"3/1", 2031, 3, 1},          {"3-1", 2031, 3, 1},
		{"3.1", 2031, 3, 1},          {"03/01", 2031, 3, 1},
		{"12.31", 2031, 12, 31},      {"3月1日", 2031, 3, 1},
		{"3月1号", 2031, 3, 1},       {"12月31", 2031, 12, 31},
		{"  2022/3/1 ", 2022, 3, 1},  /* spaces around, as pasted */
		{"\xe3\x80\x80" "2022-03-01", 2022, 3, 1},  /* an ideographic space */
		{"２０２２／３／１", 2022, 3, 1},  /* a full-width input method */
		{"２０２２年３月１日", 2022, 3, 1}, {"３．１", 2031, 3, 1},
		{"2024-02-29", 2024, 2, 29},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		lz_day d = 0;
		lz_err err;
		lz_err_clear(&err);
		/* A year typed wins over the one given. */
		if (lz_day_read(ok[i].text, 2031, &d, &err) != LZ_OK)
			fail_msg("'%s' refused: %s", ok[i].text, err.msg);
		assert_int_equal(d, ymd(ok[i].y, ok[i].m, ok[i].d));
	}
	lz_day d;
	assert_int_equal(lz_day_read("2/29", 2032, &d, NULL), LZ_OK);
	assert_int_equal(d, ymd(2032, 2, 29));
	assert_int_equal(lz_day_read("20220301", 0, &d, NULL), LZ_OK);
	assert_int_equal(d, ymd(2022, 3, 1));
}

/* Everything else is refused, each with what is wrong. */
static void test_refused_dates(void **state)
{
	(void)state;
	static const char not_date[] = "not a date (type it as 2022-03-01, 2022/3/1 or 3/1)";
	static const struct {
		const char *text;
		int year;
		const char *msg;
	} bad[] = {
		{"2022-02-30", 2022, "February has no 30th"},
		{"2022/4/31", 2022, "April has no 31st"},
		{"2022年2月29日", 0, "February 2022 has no 29th (2022 is not a leap year)"},
		{"1900-02-29", 0, "February 1900 has no 29th (1900 is not a leap year)"},
		{"2/30", 2024, "February has no 30th"},
		{"2022-13-01", 0, "there is no month 13"},
		{"13/1", 2022, "there is no month 13"},
		{"2022-00-10", 0, "there is no month 0"},
		{"20221301", 0, "there is no month 13"},
		{"2022-01-32", 0, "no month has a day 32"},
		{"3/0", 2022, "no month has a day 0"},
		{"0000-01-01", 0, "there is no year 0"},
		{"3/1", 0, "the year is missing (type it as 2022-03-01)"},
		{"3月1日", 0, "the year is missing (type it as 2022-03-01)"},
		{"", 2022, not_date},
		{"   ", 2022, not_date},
		{"2022", 2022, not_date},
		{"2022-03", 2022, not_date},
		{"2022/3-1", 2022, not_date},       /* separators must agree */
		{"22/3/1", 2022, not_date},         /* a year has four digits */
		{"3/1/2022", 2022, not_date},
		{"2022-003-01", 2022, not_date},
		{"2022-03-001", 2022, not_date},
		{"2022 3 1", 2022, not_date},
		{"2022-03-01x", 2022, not_date},
		{"2022-03-01 09:00", 2022, not_date},
		{"2022031", 2022, not_date},
		{"202203011", 2022, not_date},
		{"3/1/", 2022, not_date},
		{"3", 2022, not_date},
		{"3月", 2022, not_date},
		{"2022年3月", 2022, not_date},
		{"2022年3月1日日", 2022, not_date},
		{"22年3月1日", 2022, not_date},
		{"三月一日", 2022, not_date},
		{"-3/1", 2022, not_date},
		{"+2022-03-01", 2022, not_date},
		{"2022-03-01\n", 2022, not_date},
		{"99999999999999999999", 2022, not_date},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		lz_day d = 77;
		lz_err err;
		lz_err_clear(&err);
		if (lz_day_read(bad[i].text, bad[i].year, &d, &err) == LZ_OK)
			fail_msg("'%s' taken", bad[i].text);
		assert_int_equal(err.rc, LZ_EDATA);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(d, 77);  /* untouched when refused */
	}
	/* No message asked for: refused all the same. */
	lz_day d;
	assert_int_equal(lz_day_read("2022-02-30", 0, &d, NULL), LZ_EDATA);
	/* What files and scripts keep stays exactly YYYY-MM-DD. */
	assert_false(lz_day_parse("2022/03/01", &d));
	assert_false(lz_day_parse("20220301", &d));
	assert_false(lz_day_parse("2022-03-1 ", &d));
	assert_false(lz_day_parse(" 2022-3-01", &d));
}

static void test_read_times(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int h, m;
	} ok[] = {
		{"9:00", 9, 0},     {"9:5", 9, 5},       {"09:05", 9, 5},     {"9:05:00", 9, 5},
		{"0:00", 0, 0},     {"23:59", 23, 59},   {"0930", 9, 30},     {"2359", 23, 59},
		{"9点", 9, 0},      {"9点30", 9, 30},    {"9点30分", 9, 30},  {"9点5分", 9, 5},
		{"9点半", 9, 30},   {"14时30分", 14, 30}, {"9时", 9, 0},      {"9.30", 9, 30},
		{"09.05", 9, 5},    {" 9:30 ", 9, 30},   {"９：３０", 9, 30}, {"9：30", 9, 30},
		{"１４点", 14, 0},    {"9", 9, 0},         {"14", 14, 0},       {"下午3点", 15, 0},
		{"下午3:30", 15, 30}, {"上午9点半", 9, 30}, {"晚上7点", 19, 0},  {"下午15点", 15, 0},
		{"中午12点", 12, 0},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		int t = -5;
		lz_err err;
		lz_err_clear(&err);
		if (lz_time_read(ok[i].text, &t, &err) != LZ_OK)
			fail_msg("'%s' refused: %s", ok[i].text, err.msg);
		assert_int_equal(t, ok[i].h * 60 + ok[i].m);
	}
	char buf[6];
	lz_format_time(9 * 60 + 5, buf);
	assert_string_equal(buf, "09:05");
	lz_format_time(-1, buf);
	assert_string_equal(buf, "");
}

static void test_refused_times(void **state)
{
	(void)state;
	static const char not_time[] = "not a time (type it as 9:00, 9:30 or 9点30)";
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"25:00", "there is no hour 25 (hours run from 0 to 23)"},
		{"24:00", "there is no hour 24 (hours run from 0 to 23)"},
		{"2530", "there is no hour 25 (hours run from 0 to 23)"},
		{"25点", "there is no hour 25 (hours run from 0 to 23)"},
		{"9:60", "there is no minute 60 (minutes run from 0 to 59)"},
		{"0960", "there is no minute 60 (minutes run from 0 to 59)"},
		{"9点60分", "there is no minute 60 (minutes run from 0 to 59)"},
		{"9.75", "there is no minute 75 (minutes run from 0 to 59)"},
		{"9.3", "09:03 or 09:30? Type it with a colon"},
		{"9:05:30", "a time here has no seconds"},
		{"", not_time},          {"下午", not_time},      {"930", not_time},
		{"09300", not_time},     {"9:", not_time},        {":30", not_time},
		{"9:005", not_time},     {"123:00", not_time},    {"9.300", not_time},
		{"9-30", not_time},      {"9:30am", not_time},    {"9 30", not_time},
		{"9点30秒", not_time},   {"9点分", not_time},     {"点30", not_time},
		{"午后3点", not_time},   {"9:05:0", not_time},    {"九点", not_time},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int t = 77;
		lz_err err;
		lz_err_clear(&err);
		if (lz_time_read(bad[i].text, &t, &err) == LZ_OK)
			fail_msg("'%s' taken", bad[i].text);
		assert_int_equal(err.rc, LZ_EDATA);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(t, 77);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format_and_weekday),
		cmocka_unit_test(test_local_day_of_time),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_read_dates),
		cmocka_unit_test(test_refused_dates),
		cmocka_unit_test(test_read_times),
		cmocka_unit_test(test_refused_times),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
