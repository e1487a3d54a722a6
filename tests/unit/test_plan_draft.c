/* The new-year draft: made from the bundled 2022 plan, it is a valid plan
 * of the new year with the same vocabularies and obligations, its texts
 * marked as drafts and its calendar from the holiday data, or, for a year
 * without data, no holidays and a warning in the file and to the caller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lz_holidays.h"
#include "lz_plan_draft.h"
#include "lz_plan_emit.h"
#include "lz_plan_load.h"
#include "plan_compare.h"
#include "test_helpers.h"

typedef struct fixture {
	lz_plan *bundled;
	lz_holidays *holidays;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	lz_diags d;
	lz_diags_init(&d);
	char *plan = source_path("config/plan-2022.yaml");
	char *hol = source_path("config/holidays.yaml");
	lz_plan_load_file(plan, &f->bundled, &d);
	lz_holidays_load_file(hol, &f->holidays, &d);
	lz_diags_print(&d, stderr);
	lz_diags_free(&d);
	free(plan);
	free(hol);
	*state = f;
	return f->bundled && f->holidays ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	lz_plan_free(f->bundled);
	lz_holidays_free(f->holidays);
	free(f);
	return 0;
}

/* The draft as a file, and the plan that file loads as. */
static lz_plan *written(const lz_plan_draft *d, char **text)
{
	size_t len;
	FILE *out = open_memstream(text, &len);
	assert_true(lz_plan_emit(out, &d->plan, &d->notes));
	assert_int_equal(fclose(out), 0);
	lz_diags diags;
	lz_diags_init(&diags);
	lz_plan *p = NULL;
	if (lz_plan_load_buffer("draft.yaml", *text, len, &p, &diags) != LZ_OK)
		lz_diags_print(&diags, stderr);
	lz_diags_free(&diags);
	assert_non_null(p);
	return p;
}

/* The sections and tasks of a draft are from's, each task's text and the
 * general requirement marked, where they are read, as the words of year. */
static void assert_drafted_texts(const lz_plan *p, const lz_plan *from, int year)
{
	char mark[96];
	snprintf(mark, sizeof mark, "[Draft: the %d text, to be replaced] ", year);
	size_t n = strlen(mark);
	assert_int_equal(strncmp(p->general_requirement, mark, n), 0);
	assert_string_equal(p->general_requirement + n, from->general_requirement);
	assert_int_equal(p->n_sections, from->n_sections);
	for (size_t s = 0; s < p->n_sections; s++)
		assert_string_equal(p->sections[s].title, from->sections[s].title);
	assert_int_equal(p->n_tasks, from->n_tasks);
	for (size_t i = 0; i < p->n_tasks; i++) {
		assert_int_equal(p->tasks[i].number, from->tasks[i].number);
		assert_string_equal(p->tasks[i].title, from->tasks[i].title);
		assert_int_equal(strncmp(p->tasks[i].text, mark, n), 0);
		assert_string_equal(p->tasks[i].text + n, from->tasks[i].text);
	}
}

static size_t count(const char *text, const char *word)
{
	size_t n = 0;
	for (const char *at = text; (at = strstr(at, word)); at += strlen(word))
		n++;
	return n;
}

static void test_year_with_data(void **state)
{
	fixture *f = *state;
	lz_plan_draft d;
	lz_plan_draft_make(&d, f->bundled, 2023, f->holidays);
	assert_null(d.warning);
	char *text;
	lz_plan *p = written(&d, &text);
	assert_int_equal(p->year, 2023);
	assert_string_equal(p->title, "2023年县总工会党风廉政建设和反腐败工作要点");
	assert_string_equal(p->organization, f->bundled->organization);
	assert_drafted_texts(p, f->bundled, 2022);
	assert_int_equal(p->late_entry_days, f->bundled->late_entry_days);
	assert_same_vocabularies(p, f->bundled);
	assert_same_task_roles(p, f->bundled);

	const lz_holiday_year *hy = lz_holidays_year(f->holidays, 2023);
	assert_int_equal(p->n_holidays, hy->n_holidays);
	assert_int_equal(p->n_workdays, hy->n_workdays);
	for (size_t i = 0; i < p->n_holidays; i++) {
		assert_int_equal(p->holidays[i].from, hy->holidays[i].from);
		assert_string_equal(p->holidays[i].name, hy->holidays[i].name);
	}
	lz_day sat;
	assert_true(lz_day_parse("2023-01-28", &sat));
	assert_true(lz_plan_is_workday(p, sat));
	assert_non_null(strstr(text, hy->notice));

	/* Title, general requirement, every section and every task: marked. */
	size_t marks = count(text, "# Draft: replace with this year's text (copied from the 2022 plan).\n");
	assert_int_equal(marks, 2 + p->n_sections + p->n_tasks);
	assert_non_null(strstr(text, "      # Draft: replace with this year's text (copied from the 2022 plan).\n"
				     "      - number: 13\n"));
	/* The three obligations the 2022 text states are flagged for checking. */
	assert_int_equal(count(text, "check that this year's plan still says so"), 3);
	lz_plan_free(p);
	free(text);
	lz_plan_draft_free(&d);
}

static void test_year_without_data(void **state)
{
	fixture *f = *state;
	lz_plan_draft d;
	lz_plan_draft_make(&d, f->bundled, 2027, f->holidays);
	assert_non_null(d.warning);
	assert_string_equal(d.warning,
			    "no holiday data for 2027: only Saturdays and Sundays are days off");
	char *text;
	lz_plan *p = written(&d, &text);
	assert_int_equal(p->year, 2027);
	assert_int_equal(p->n_holidays, 0);
	assert_int_equal(p->n_workdays, 0);
	assert_null(strstr(text, "calendar:"));
	assert_non_null(strstr(text, "\n# no holiday data for 2027: only Saturdays and Sundays are days off\n# When"));
	lz_day new_year, sunday;
	assert_true(lz_day_parse("2027-01-01", &new_year));
	assert_true(lz_day_parse("2027-01-03", &sunday));
	assert_true(lz_plan_is_workday(p, new_year));
	assert_false(lz_plan_is_workday(p, sunday));
	lz_plan_free(p);
	free(text);
	lz_plan_draft_free(&d);

	/* Without the holiday file at all, the same. */
	lz_plan_draft_make(&d, f->bundled, 2024, NULL);
	assert_non_null(d.warning);
	p = written(&d, &text);
	assert_int_equal(p->n_holidays, 0);
	lz_plan_free(p);
	free(text);
	lz_plan_draft_free(&d);
}

/* A draft of a draft: 2024 from the 2023 draft, as a user who has not yet
 * rewritten the texts would make it; and a title without the year stays. */
static void test_chain(void **state)
{
	fixture *f = *state;
	lz_plan_draft d23, d24;
	lz_plan_draft_make(&d23, f->bundled, 2023, f->holidays);
	char *t23, *t24;
	lz_plan *p23 = written(&d23, &t23);
	lz_plan q = *p23;
	q.title = "党风廉政建设工作要点";
	lz_plan_draft_make(&d24, &q, 2024, f->holidays);
	lz_plan *p24 = written(&d24, &t24);
	assert_int_equal(p24->year, 2024);
	assert_string_equal(p24->title, "党风廉政建设工作要点");
	assert_int_equal(p24->n_workdays, 8);
	assert_same_vocabularies(p24, f->bundled);
	/* The mark is not repeated: the words are still 2022's. */
	assert_drafted_texts(p24, f->bundled, 2022);
	lz_plan_free(p24);
	lz_plan_free(p23);
	free(t23);
	free(t24);
	lz_plan_draft_free(&d24);
	lz_plan_draft_free(&d23);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_with_data),
		cmocka_unit_test(test_year_without_data),
		cmocka_unit_test(test_chain),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
