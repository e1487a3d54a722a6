/* Malformed plans: every tests/plans/bad/NN-slug.yaml must be refused with
 * exactly the diagnostics in NN-slug.err.  One cmocka test per file, so a
 * run names every case that regressed, not only the first.
 *
 * The messages compared are the untranslated ones: the test never calls
 * setlocale(), so gettext stays in the "C" locale whatever LANG says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_plan_load.h"
#include "test_helpers.h"

/* Fewer cases than this means the folder was not found or was emptied,
 * which must not pass as "all cases succeeded". */
enum { MIN_CASES = 36 };

typedef struct bad_case {
	char *name;       /* NN-slug.yaml: also the name messages use */
	char *yaml_path;
	char *err_path;
} bad_case;

typedef struct case_list {
	bad_case *items;
	size_t count;
} case_list;

static char *diags_text(const lz_diags *d, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	if (!out)
		abort();
	lz_diags_print(d, out);
	if (fclose(out) != 0)
		abort();
	return text;
}

static void print_diags(const lz_diags *d)
{
	size_t len;
	char *text = diags_text(d, &len);
	print_error("%s", text);
	free(text);
}

/* lz_read_file rather than stdio: the test then reads the cases exactly as
 * the program does, including the NUL and bad bytes some of them hold. */
static bool read_whole(const char *path, char **buf, size_t *len)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_rc rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, buf, len, &d);
	if (rc != LZ_OK)
		print_diags(&d);
	lz_diags_free(&d);
	return rc == LZ_OK;
}

/* A value the loader can never return, to see that it does set *out. */
static char untouched;
#define UNTOUCHED ((lz_plan *)(void *)&untouched)

static void test_bad_case(void **state)
{
	const bad_case *c = *state;
	char *yaml = NULL, *want = NULL;
	size_t yaml_len = 0, want_len = 0;
	if (!read_whole(c->yaml_path, &yaml, &yaml_len))
		fail_msg("%s: cannot read the case", c->name);
	if (!read_whole(c->err_path, &want, &want_len)) {
		free(yaml);
		fail_msg("%s: no expected diagnostics (%s)", c->name, c->err_path);
	}

	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = UNTOUCHED;
	lz_rc rc = lz_plan_load_buffer(c->name, yaml, yaml_len, &plan, &d);
	size_t got_len;
	char *got = diags_text(&d, &got_len);
	bool same = got_len == want_len && memcmp(got, want, got_len) == 0;
	if (!same)
		print_error("%s: diagnostics differ from %s\n"
			    "--- expected\n%s--- got\n%s--- end\n",
			    c->name, c->err_path, want, got);

	/* Free before asserting: a failed assertion longjmps out of the test,
	 * and the sanitizer run must report the case, not a leak. */
	bool plan_null = plan == NULL;
	if (plan && plan != UNTOUCHED)
		lz_plan_free(plan);
	free(got);
	free(want);
	free(yaml);
	lz_diags_free(&d);

	assert_int_equal(rc, LZ_EDATA);
	assert_true(plan_null);
	assert_true(same);
}

static void test_case_count(void **state)
{
	const case_list *list = *state;
	if (list->count < MIN_CASES)
		print_error("found %zu cases in tests/plans/bad; is LIANZHENG_SOURCE_ROOT set?\n",
			    list->count);
	assert_true(list->count >= MIN_CASES);
}

/* The cases are broken copies of a valid plan; the real plan must still
 * load cleanly, or the cases would pass for the wrong reason. */
static void test_bundled_plan(void **state)
{
	(void)state;
	char *path = source_path("config/plan-2022.yaml");
	char *buf = NULL;
	size_t len = 0;
	bool ok = read_whole(path, &buf, &len);
	free(path);
	assert_true(ok);

	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = UNTOUCHED;
	lz_rc rc = lz_plan_load_buffer("plan-2022.yaml", buf, len, &plan, &d);
	size_t ndiags = d.count + d.dropped;
	if (ndiags)
		print_diags(&d);
	bool loaded = plan != NULL && plan != UNTOUCHED;
	if (loaded)
		lz_plan_free(plan);
	free(buf);
	lz_diags_free(&d);

	assert_int_equal(rc, LZ_OK);
	assert_int_equal(ndiags, 0);
	assert_true(loaded);
}

/* A buffer of n bytes: the bundled plan, then comment lines.  Its content
 * is valid, so a refusal can only come from its size.  NULL when the plan
 * cannot be read. */
static char *padded_plan(size_t n)
{
	char *path = source_path("config/plan-2022.yaml");
	char *plan = NULL;
	size_t len = 0;
	bool ok = read_whole(path, &plan, &len);
	free(path);
	if (!ok)
		return NULL;
	if (len > n)
		abort();
	char *buf = malloc(n);
	if (!buf)
		abort();
	memcpy(buf, plan, len);
	free(plan);
	memset(buf + len, '#', n - len);
	for (size_t i = len; i < n; i += 64)
		buf[i] = '\n';
	buf[n - 1] = '\n';
	return buf;
}

static void test_size_cap(void **state)
{
	(void)state;
	const size_t max = LZ_PLAN_MAX_BYTES;

	char *big = padded_plan(max + 1);
	assert_non_null(big);
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = UNTOUCHED;
	lz_rc rc = lz_plan_load_buffer("big.yaml", big, max + 1, &plan, &d);
	size_t ndiags = d.count + d.dropped;
	int line = d.count ? d.items[0].line : -1;
	bool plan_null = plan == NULL;
	if (plan && plan != UNTOUCHED)
		lz_plan_free(plan);
	free(big);
	lz_diags_free(&d);
	assert_int_equal(rc, LZ_EDATA);
	assert_true(plan_null);
	assert_int_equal(ndiags, 1);
	assert_int_equal(line, 0); /* about the whole file, not a position */

	/* The cap is inclusive: a file of exactly the limit still loads. */
	char *full = padded_plan(max);
	assert_non_null(full);
	lz_diags_init(&d);
	plan = UNTOUCHED;
	rc = lz_plan_load_buffer("full.yaml", full, max, &plan, &d);
	ndiags = d.count + d.dropped;
	if (ndiags)
		print_diags(&d);
	bool loaded = plan != NULL && plan != UNTOUCHED;
	if (loaded)
		lz_plan_free(plan);
	free(full);
	lz_diags_free(&d);
	assert_int_equal(rc, LZ_OK);
	assert_int_equal(ndiags, 0);
	assert_true(loaded);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_case(const void *a, const void *b)
{
	return strcmp(((const bad_case *)a)->name, ((const bad_case *)b)->name);
}

/* The cases in name order, so that NN gives the order of the report. */
static case_list list_cases(void)
{
	case_list list = {0};
	char *dir_path = source_path("tests/plans/bad");
	DIR *dir = opendir(dir_path);
	if (!dir) {
		fprintf(stderr, "cannot open %s\n", dir_path);
		free(dir_path);
		return list;
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".yaml"))
			continue;
		if (list.count == cap) {
			cap = cap ? cap * 2 : 64;
			bad_case *items = realloc(list.items, cap * sizeof *items);
			if (!items)
				abort();
			list.items = items;
		}
		bad_case *c = &list.items[list.count++];
		size_t stem = strlen(e->d_name) - strlen(".yaml");
		c->name = strdup(e->d_name);
		if (!c->name ||
		    asprintf(&c->yaml_path, "%s/%s", dir_path, e->d_name) < 0 ||
		    asprintf(&c->err_path, "%s/%.*s.err", dir_path, (int)stem,
			     e->d_name) < 0)
			abort();
	}
	closedir(dir);
	free(dir_path);
	if (list.count)
		qsort(list.items, list.count, sizeof *list.items, cmp_case);
	return list;
}

static void free_cases(case_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].name);
		free(list->items[i].yaml_path);
		free(list->items[i].err_path);
	}
	free(list->items);
}

int main(void)
{
	case_list list = list_cases();
	enum { FIXED = 3 };
	/* A variable-length array because cmocka_run_group_tests_name takes
	 * the test count from sizeof of its argument. */
	struct CMUnitTest tests[FIXED + list.count];
	tests[0] = (struct CMUnitTest)cmocka_unit_test_prestate(test_case_count, &list);
	tests[1] = (struct CMUnitTest)cmocka_unit_test(test_bundled_plan);
	tests[2] = (struct CMUnitTest)cmocka_unit_test(test_size_cap);
	for (size_t i = 0; i < list.count; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(test_bad_case,
								 &list.items[i]);
		t.name = list.items[i].name;
		tests[FIXED + i] = t;
	}
	int failed = cmocka_run_group_tests_name("plan_bad", tests, NULL, NULL);
	free_cases(&list);
	return failed;
}
