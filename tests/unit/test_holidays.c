/* The holiday file: the shipped one holds 2022-2026 and agrees with the
 * bundled plan's calendar; a damaged one is refused with messages that
 * say where, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lz_holidays.h"
#include "lz_plan_load.h"
#include "test_helpers.h"

static lz_holidays *load_shipped(void)
{
	char *path = source_path("config/holidays.yaml");
	lz_diags d;
	lz_diags_init(&d);
	lz_holidays *h = NULL;
	if (lz_holidays_load_file(path, &h, &d) != LZ_OK)
		lz_diags_print(&d, stderr);
	lz_diags_free(&d);
	free(path);
	assert_non_null(h);
	return h;
}

static lz_day day(const char *s)
{
	lz_day d;
	assert_true(lz_day_parse(s, &d));
	return d;
}

static void test_shipped(void **state)
{
	(void)state;
	lz_holidays *h = load_shipped();
	assert_int_equal(h->format, 1);
	for (int y = 2022; y <= 2026; y++) {
		const lz_holiday_year *hy = lz_holidays_year(h, y);
		assert_non_null(hy);
		assert_int_equal(hy->year, y);
		assert_non_null(strstr(hy->notice, "国务院办公厅"));
		assert_true(hy->n_holidays >= 6);
		assert_true(hy->n_workdays >= 5);
		for (size_t i = 1; i < hy->n_workdays; i++)
			assert_true(hy->workdays[i - 1] < hy->workdays[i]);
	}
	assert_null(lz_holidays_year(h, 2021));
	assert_null(lz_holidays_year(h, 2027));
	assert_null(lz_holidays_year(NULL, 2022));
	/* Spot checks against HOLIDAYS.md. */
	const lz_holiday_year *y24 = lz_holidays_year(h, 2024);
	assert_int_equal(y24->n_workdays, 8);
	assert_int_equal(y24->holidays[1].from, day("2024-02-10"));
	assert_int_equal(y24->holidays[1].to, day("2024-02-17"));
	assert_string_equal(y24->holidays[1].name, "春节");
	const lz_holiday_year *y23 = lz_holidays_year(h, 2023);
	assert_int_equal(y23->holidays[0].from, day("2023-01-01"));
	assert_int_equal(lz_holidays_year(h, 2026)->workdays[0], day("2026-01-04"));
	lz_holidays_free(h);
}

/* The bundled 2022 plan and the holiday file say the same of 2022. */
static void test_agrees_with_bundled_plan(void **state)
{
	(void)state;
	lz_holidays *h = load_shipped();
	char *path = source_path("config/plan-2022.yaml");
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *p = NULL;
	assert_int_equal(lz_plan_load_file(path, &p, &d), LZ_OK);
	free(path);
	lz_diags_free(&d);
	const lz_holiday_year *y = lz_holidays_year(h, 2022);
	assert_int_equal(y->n_holidays, p->n_holidays);
	for (size_t i = 0; i < y->n_holidays; i++) {
		assert_int_equal(y->holidays[i].from, p->holidays[i].from);
		assert_int_equal(y->holidays[i].to, p->holidays[i].to);
		assert_string_equal(y->holidays[i].name, p->holidays[i].name);
	}
	assert_int_equal(y->n_workdays, p->n_workdays);
	for (size_t i = 0; i < y->n_workdays; i++)
		assert_int_equal(y->workdays[i], p->workdays[i]);
	lz_plan_free(p);
	lz_holidays_free(h);
}

typedef struct bad {
	const char *text;
	size_t len;  /* 0: strlen */
	const char *first;  /* the first message, as printed */
} bad;

#define YEAR_2030 "format: 1\nyears:\n  - year: 2030\n    notice: n\n"

static const bad bad_files[] = {
	{"", 0, "h.yaml:1:1: no holiday data in the file (it is empty or only comments); a holiday file starts with 'format: 1'"},
	{"# only a comment\n", 0, "h.yaml:1:1: no holiday data in the file (it is empty or only comments); a holiday file starts with 'format: 1'"},
	{"~\n", 0, "h.yaml:1:1: a holiday file is a mapping of keys (format, years); found nothing"},
	{"- 2030\n", 0, "h.yaml:1:1: a holiday file is a mapping of keys (format, years); found a list"},
	{"format: 2\nyears: []\n", 0,
	 "h.yaml:1:9: holiday file format 2 is not supported; this version reads format 1"},
	{"format: 1\nyears: []\n", 0, "h.yaml:2:8: years: the list must not be empty"},
	{"format: 1\n", 0, "h.yaml:1:1: missing key 'years' in the holiday file"},
	{"format: 1\nyears:\n  - year: 2030\n    holidays: []\n", 0,
	 "h.yaml:3:5: missing key 'notice' in holiday year"},
	{YEAR_2030 "    noticee: x\n    holidays: []\n", 0,
	 "h.yaml:5:5: unknown key 'noticee' in holiday year; did you mean 'notice'?"},
	{YEAR_2030 "    holidays: [{from: 2031-01-01, to: 2031-01-02, name: 元旦}]\n", 0,
	 "h.yaml:5:23: from: 2031-01-01 is outside the plan year 2030"},
	{YEAR_2030 "    holidays: []\n    workdays: [2030-01-07]\n", 0,
	 "h.yaml:6:16: 2030-01-07 is a weekday; a make-up working day (调休上班) falls on a Saturday or Sunday"},
	{YEAR_2030 "    holidays:\n      - {from: 2030-02-02, to: 2030-02-08, name: 春节}\n"
		   "    workdays: [2030-02-03]\n", 0,
	 "h.yaml:7:16: workday 2030-02-03 falls inside the holiday '春节'"},
	{YEAR_2030 "    holidays:\n      - {from: 2030-02-02, to: 2030-02-08, name: 春节}\n"
		   "      - {from: 2030-02-08, to: 2030-02-09, name: 又一个}\n", 0,
	 "h.yaml:7:9: holiday '又一个' overlaps '春节' (line 6)"},
	{YEAR_2030 "    holidays: []\n  - year: 2030\n    notice: again\n    holidays: []\n", 0,
	 "h.yaml:6:11: duplicate year 2030 (first at line 3)"},
	{YEAR_2030 "    holidays: [{from: 2030-02-30, to: 2030-03-01, name: x}]\n", 0,
	 "h.yaml:5:23: from: '2030-02-30' is not a real date in the form YYYY-MM-DD"},
	{"format: 1\nyears:\n  - year: \"2030\"\n    notice: n\n    holidays: []\n", 0,
	 "h.yaml:3:11: year: write the number 2030 without quotes"},
	{"format: 1\nyears: [\n", 0, NULL},
	{"format: 1\nyears:\n\t- year: 2030\n", 0, NULL},
	{"\xff\xfe\x00\x01garbage", 8, NULL},
	{"format: 1\nyears: &a [*a]\n", 0, NULL},
};

static char *first_message(const lz_diags *d)
{
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	lz_diags_print(d, out);
	assert_int_equal(fclose(out), 0);
	text[strcspn(text, "\n")] = '\0';
	return text;
}

static void test_bad_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_files / sizeof *bad_files; i++) {
		const bad *b = &bad_files[i];
		size_t len = b->len ? b->len : strlen(b->text);
		lz_diags d;
		lz_diags_init(&d);
		lz_holidays *h = (lz_holidays *)1;
		lz_rc rc = lz_holidays_load_buffer("h.yaml", b->text, len, &h, &d);
		assert_int_equal(rc, LZ_EDATA);
		assert_null(h);
		assert_true(d.count >= 1);
		char *msg = first_message(&d);
		if (b->first)
			assert_string_equal(msg, b->first);
		else  /* the reader's own words; the place is what matters */
			assert_true(strncmp(msg, "h.yaml:", 7) == 0 && msg[7] >= '1' && msg[7] <= '9');
		free(msg);
		lz_diags_free(&d);
	}
}

/* Every prefix of the shipped file, as a file cut short by a full disk
 * or a bad copy would be: a holiday file or messages, nothing else. */
static void test_truncated(void **state)
{
	(void)state;
	char *path = source_path("config/holidays.yaml");
	char *buf;
	size_t len;
	lz_diags d;
	lz_diags_init(&d);
	assert_int_equal(lz_read_file(path, LZ_PLAN_MAX_BYTES, &buf, &len, &d), LZ_OK);
	free(path);
	size_t refused = 0;
	for (size_t cut = 0; cut < len; cut += 7) {
		lz_diags_free(&d);
		lz_diags_init(&d);
		lz_holidays *h = NULL;
		lz_rc rc = lz_holidays_load_buffer("h.yaml", buf, cut, &h, &d);
		assert_true((rc == LZ_OK) == (h != NULL));
		assert_true((rc == LZ_OK) == (d.count == 0));
		refused += rc != LZ_OK;
		lz_holidays_free(h);
	}
	assert_true(refused > len / 14);
	lz_diags_free(&d);
	free(buf);
}

static void test_missing_file(void **state)
{
	(void)state;
	lz_diags d;
	lz_diags_init(&d);
	lz_holidays *h = NULL;
	assert_int_equal(lz_holidays_load_file("/nonexistent/holidays.yaml", &h, &d), LZ_ENOINPUT);
	assert_null(h);
	assert_int_equal(d.count, 1);
	lz_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_agrees_with_bundled_plan),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
