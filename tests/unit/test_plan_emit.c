/* The plan writer: what it writes reads back as the same plan, whatever
 * the texts hold, and its comments land above the parts they are about. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lz_plan_emit.h"
#include "lz_plan_load.h"
#include "plan_compare.h"
#include "test_helpers.h"

static lz_plan *load_path(const char *rel)
{
	char *path = source_path(rel);
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = NULL;
	if (lz_plan_load_file(path, &plan, &d) != LZ_OK)
		lz_diags_print(&d, stderr);
	lz_diags_free(&d);
	free(path);
	assert_non_null(plan);
	return plan;
}

/* Writes p, then loads what was written; the text is returned too. */
static lz_plan *round_trip(const lz_plan *p, const lz_plan_notes *notes, char **text)
{
	size_t len;
	FILE *f = open_memstream(text, &len);
	assert_non_null(f);
	assert_true(lz_plan_emit(f, p, notes));
	assert_int_equal(fclose(f), 0);
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *back = NULL;
	if (lz_plan_load_buffer("emitted", *text, len, &back, &d) != LZ_OK) {
		lz_diags_print(&d, stderr);
		fputs(*text, stderr);
	}
	lz_diags_free(&d);
	assert_non_null(back);
	return back;
}

static void test_bundled_round_trip(void **state)
{
	(void)state;
	lz_plan *p = load_path("config/plan-2022.yaml");
	char *text;
	lz_plan *back = round_trip(p, NULL, &text);
	assert_same_plan(p, back);
	/* Laid out as the bundled file: names plain, long texts quoted. */
	assert_non_null(strstr(text, "  - {id: main, name: 党组主体责任}\n"));
	assert_non_null(strstr(text, "    - {from: 2022-01-31, to: 2022-02-06, name: 春节}\n"));
	assert_non_null(strstr(text, "    quorum: \">= 2/3\"\n"));
	assert_non_null(strstr(text, "        title: 压实主体责任\n        roles: [main, dual]\n"
				     "        text: \"严格落实"));
	/* Writing what was read back gives the same file. */
	char *again;
	lz_plan *third = round_trip(back, NULL, &again);
	assert_string_equal(text, again);
	lz_plan_free(third);
	free(again);
	free(text);
	lz_plan_free(back);
	lz_plan_free(p);
}

/* Texts that a careless writer would break: YAML indicators, quotes,
 * colons and comment marks, words YAML reads as other types, spaces at
 * the ends, line breaks, backslashes. */
static const char *const nasty[] = {
	": \"quoted\" # not a comment",
	" leading space",
	"trailing space ",
	"- a dash",
	"{a, b} [c]",
	"true",
	"2022",
	"null",
	"~",
	"'single'",
	"back\\slash \\n",
	"中文：冒号 # 井号",
	"中文, 逗号 [括号]",
	"%percent @at `tick` &anchor *alias !tag |pipe >fold ?q",
	"全角　空格结尾　",
	"“引号”《书名》（括号）",
	"a\"b'c",
	"中文: 冒号后有空格",
};

static void test_nasty_texts(void **state)
{
	(void)state;
	lz_plan *p = load_path("config/plan-2022.yaml");
	size_t n = sizeof nasty / sizeof *nasty;
	lz_plan q = *p;
	q.title = nasty[0];
	q.organization = nasty[1];
	q.general_requirement = "第一段\n第二段 \"引号\"\n  缩进的第三段\n";
	lz_task *tasks = calloc(p->n_tasks, sizeof *tasks);
	memcpy(tasks, p->tasks, p->n_tasks * sizeof *tasks);
	for (size_t i = 0; i < p->n_tasks; i++) {
		tasks[i].title = nasty[i % n];
		tasks[i].text = nasty[(i + 5) % n];
	}
	tasks[0].text = "多行\n文本\n";
	tasks[1].text = "\n以换行开始";
	q.tasks = tasks;
	lz_role *roles = calloc(p->n_roles, sizeof *roles);
	memcpy(roles, p->roles, p->n_roles * sizeof *roles);
	for (size_t i = 0; i < p->n_roles; i++)
		roles[i].name = nasty[(i + 11) % n];
	q.roles = roles;
	lz_meeting_type *types = calloc(p->n_meeting_types, sizeof *types);
	memcpy(types, p->meeting_types, p->n_meeting_types * sizeof *types);
	types[0].symbol = "\"";
	types[1].symbol = "#";
	types[2].name = "会议: 名称";
	q.meeting_types = types;
	lz_holiday *hol = calloc(p->n_holidays, sizeof *hol);
	memcpy(hol, p->holidays, p->n_holidays * sizeof *hol);
	hol[0].name = "元旦, 新年";
	hol[1].name = "}";
	q.holidays = hol;
	lz_obligation *obs = calloc(p->n_obligations, sizeof *obs);
	memcpy(obs, p->obligations, p->n_obligations * sizeof *obs);
	obs[0].note = "注意：\n第二行 # 不是注释";
	q.obligations = obs;

	char *text;
	lz_plan *back = round_trip(&q, NULL, &text);
	assert_same_plan(&q, back);
	lz_plan_free(back);
	free(text);
	free(tasks);
	free(roles);
	free(types);
	free(hol);
	free(obs);
	lz_plan_free(p);
}

static void test_notes(void **state)
{
	(void)state;
	lz_plan *p = load_path("config/plan-2022.yaml");
	lz_arena arena = {0};
	lz_plan_notes notes;
	lz_plan_notes_init(&notes, &arena);
	lz_plan_notes_add(&notes, LZ_PART_FILE, 0, "%s", "文件头\n第二行");
	lz_plan_notes_add(&notes, LZ_PART_TASK, 4, "草稿：任务%d", 5);
	lz_plan_notes_add(&notes, LZ_PART_TASK, 4, "%s", "second note");
	lz_plan_notes_add(&notes, LZ_PART_CALENDAR, 0, "%s", "日历");
	lz_plan_notes_add(&notes, LZ_PART_OBLIGATION, 1, "%s", "义务\u2028分隔");
	lz_plan_notes_add(&notes, LZ_PART_SECTION, 3, "%s", "第四部分");
	lz_plan_notes_add(&notes, LZ_PART_MEETING_TYPE, 11, "%s", "新类型");
	char *text;
	lz_plan *back = round_trip(p, &notes, &text);
	assert_same_plan(p, back);
	assert_true(strncmp(text, "# 文件头\n# 第二行\nformat: 1\n", 32) == 0);
	assert_non_null(strstr(text, "      # 草稿：任务5\n      # second note\n"
				     "      - number: 5\n"));
	assert_non_null(strstr(text, "# 日历\ncalendar:\n"));
	/* A line separator would break the file; it becomes a space. */
	assert_non_null(strstr(text, "  # 义务 分隔\n  - id: warning-education\n"));
	assert_non_null(strstr(text, "  # 第四部分\n  - number: 4\n"));
	assert_non_null(strstr(text, "  # 新类型\n  - id: central-group\n"));
	free(text);
	lz_plan_free(back);
	lz_plan_notes_free(&notes);
	lz_arena_free(&arena);
	lz_plan_free(p);
}

/* The smallest plans of the fuzz corpus, one with every part in flow
 * style and one without calendar, general requirement or obligations:
 * the optional parts stay out. */
static void test_minimal_round_trip(void **state)
{
	(void)state;
	lz_plan *p = load_path("tests/fuzz/corpus/plan/minimal.yaml");
	char *text;
	lz_plan *back = round_trip(p, NULL, &text);
	assert_same_plan(p, back);
	free(text);
	lz_plan_free(back);
	lz_plan_free(p);

	p = load_path("tests/fuzz/corpus/plan/no-calendar.yaml");
	back = round_trip(p, NULL, &text);
	assert_same_plan(p, back);
	assert_null(strstr(text, "calendar:"));
	assert_null(strstr(text, "obligations:"));
	assert_null(strstr(text, "general_requirement:"));
	free(text);
	lz_plan_free(back);
	lz_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_round_trip),
		cmocka_unit_test(test_nasty_texts),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_minimal_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
