/* CSV as spreadsheets read it: quoting, the formula guard, the byte order
 * mark, CRLF rows, and a reader that gives every value back and says in
 * which row a file is broken. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lz_csv.h"

/* Writes one row of fields into a string (BOM included). */
static char *write_row(const char *const *fields, size_t n, size_t *len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	lz_csv_writer w;
	lz_csv_begin(&w, f);
	for (size_t i = 0; i < n; i++)
		lz_csv_field(&w, fields[i]);
	lz_csv_end_row(&w);
	fclose(f);
	if (len)
		*len = size;
	return buf;
}

static void test_quoting(void **state)
{
	(void)state;
	const char *row[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "", "党组会议"};
	char *s = write_row(row, 6, NULL);
	assert_string_equal(s, LZ_CSV_BOM "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,党组会议\r\n");
	free(s);
}

static void test_guard(void **state)
{
	(void)state;
	assert_true(lz_csv_needs_guard("=SUM(A1)"));
	assert_true(lz_csv_needs_guard("+1"));
	assert_true(lz_csv_needs_guard("-王五"));
	assert_true(lz_csv_needs_guard("@all"));
	assert_true(lz_csv_needs_guard("\tx"));
	assert_true(lz_csv_needs_guard("\rx"));
	/* An apostrophe in front does not make it safe to strip on reading. */
	assert_true(lz_csv_needs_guard("'=x"));
	assert_true(lz_csv_needs_guard("''-x"));
	assert_false(lz_csv_needs_guard("a=b"));
	assert_false(lz_csv_needs_guard("'"));
	assert_false(lz_csv_needs_guard("'quoted'"));
	assert_false(lz_csv_needs_guard(""));
	assert_false(lz_csv_needs_guard("2022-06-15"));
	const char *row[] = {"=1+2", "'=1"};
	char *s = write_row(row, 2, NULL);
	/* Inside quotes, so the apostrophe is text to the spreadsheet. */
	assert_string_equal(s, LZ_CSV_BOM "\"'=1+2\",\"''=1\"\r\n");
	free(s);
}

/* Whatever a field holds comes back unchanged. */
static void test_round_trip(void **state)
{
	(void)state;
	const char *values[] = {
		"", "x", "a,b", "\"", "\"\"", "a\"b", "line\nbreak", "=SUM(A1:A3)", "+86 138",
		"-1", "@here", "\tindented", "'", "'=not a formula", "''+x", "'plain'",
		",", "\n", " spaced ", "研究部署，\"重点\"\n第二行", "a\\b",
	};
	size_t n = sizeof values / sizeof *values;
	size_t len;
	char *s = write_row(values, n, &len);
	lz_arena a = {0};
	lz_csv_table t;
	lz_diags d;
	lz_diags_init(&d);
	assert_int_equal(lz_csv_parse("f.csv", s, len, &a, &t, &d), 0);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.rows[0].n, n);
	assert_false(t.rows[0].bad);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(t.rows[0].fields[i], values[i]);
	lz_arena_free(&a);
	lz_diags_free(&d);
	free(s);
}

static lz_csv_table parse(const char *text, lz_arena *a, lz_diags *d, size_t *problems)
{
	lz_csv_table t;
	lz_diags_init(d);
	*problems = lz_csv_parse("f.csv", text, strlen(text), a, &t, d);
	return t;
}

static void test_reading(void **state)
{
	(void)state;
	lz_arena a = {0};
	lz_diags d;
	size_t p;
	/* BOM, CRLF and LF rows, a quoted line break spanning lines (one
	 * row), CRLF inside a cell read as LF, a trailing empty field, no
	 * newline at the end. */
	lz_csv_table t = parse(LZ_CSV_BOM "h1,h2\r\n\"a\r\nb\",x\nlast,\n1,2", &a, &d, &p);
	assert_int_equal(p, 0);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.rows[0].fields[0], "h1");
	assert_int_equal(t.rows[1].number, 2);
	assert_string_equal(t.rows[1].fields[0], "a\nb");
	assert_string_equal(t.rows[1].fields[1], "x");
	assert_int_equal(t.rows[2].number, 3);
	assert_int_equal(t.rows[2].n, 2);
	assert_string_equal(t.rows[2].fields[1], "");
	assert_int_equal(t.rows[3].number, 4);
	assert_string_equal(t.rows[3].fields[1], "2");
	lz_diags_free(&d);
	/* A file without a BOM reads the same. */
	t = parse("a,b\r\n", &a, &d, &p);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.rows[0].fields[0], "a");
	lz_diags_free(&d);
	lz_arena_free(&a);
}

static void test_broken_rows(void **state)
{
	(void)state;
	lz_arena a = {0};
	lz_diags d;
	size_t p;
	lz_csv_table t = parse("ok,1\n\"closed\"x,2\nbad\"quote,3\n\xff\xfe,4\nfine,5\n", &a, &d, &p);
	assert_int_equal(p, 3);
	assert_int_equal(t.n, 5);
	assert_false(t.rows[0].bad);
	assert_true(t.rows[1].bad);
	assert_true(t.rows[2].bad);
	assert_true(t.rows[3].bad);
	assert_false(t.rows[4].bad);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[1].line, 3);
	assert_int_equal(d.items[2].line, 4);
	assert_int_equal(d.items[0].col, 0);
	assert_string_equal(d.items[2].message, "not UTF-8 text; save the file as \"CSV UTF-8\"");
	lz_diags_free(&d);
	/* An unclosed quote takes the rest of the file: one message, at the
	 * row it opened in. */
	t = parse("a,b\n1,\"open\n2,3\n", &a, &d, &p);
	assert_int_equal(p, 1);
	assert_int_equal(t.n, 2);
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].message, "a quoted field is not closed: a '\"' is missing");
	lz_diags_free(&d);
	lz_arena_free(&a);
}

/* A NUL byte would cut the field where C reads it, and a byte order mark
 * starting a row other than the first (two files joined) would hide in a
 * value: both are refused by name. */
static void test_nul_and_bom(void **state)
{
	(void)state;
	static const char text[] = "h1,h2\nok,1\nab\0cd,2\n\xef\xbb\xbfh1,h2\n\"q\0\",3\nlast,4\n";
	lz_arena a = {0};
	lz_diags d;
	lz_diags_init(&d);
	lz_csv_table t;
	size_t p = lz_csv_parse("f.csv", text, sizeof text - 1, &a, &t, &d);
	assert_int_equal(p, 3);
	assert_int_equal(t.n, 6);
	assert_false(t.rows[1].bad);
	assert_true(t.rows[2].bad);
	assert_true(t.rows[3].bad);
	assert_true(t.rows[4].bad);
	assert_false(t.rows[5].bad);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].message,
			    "column 1 holds a NUL byte (0x00), which is not text; save the file as \"CSV UTF-8\"");
	assert_int_equal(d.items[1].line, 4);
	assert_non_null(strstr(d.items[1].message, "byte order mark (U+FEFF)"));
	assert_int_equal(d.items[2].line, 5);
	assert_string_equal(t.rows[5].fields[0], "last");
	lz_diags_free(&d);
	lz_arena_free(&a);
}

/* Rows are read from a stream in pieces: a row across the reader's
 * buffer boundary reads the same as any other. */
static void test_stream_long_rows(void **state)
{
	(void)state;
	size_t n = 300000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'x', n);
	big[n] = '\0';
	char *text;
	assert_true(asprintf(&text, "h\r\n\"%s\r\n%s\"\r\nend\r\n", big, big) > 0);
	lz_arena a = {0};
	lz_diags d;
	lz_diags_init(&d);
	lz_csv_table t;
	assert_int_equal(lz_csv_parse("f.csv", text, strlen(text), &a, &t, &d), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(strlen(t.rows[1].fields[0]), 2 * n + 1);
	assert_int_equal(t.rows[1].fields[0][n], '\n');
	assert_string_equal(t.rows[2].fields[0], "end");
	assert_int_equal(t.rows[2].number, 3);
	lz_diags_free(&d);
	lz_arena_free(&a);
	free(text);
	free(big);
}

/* The diagnostics of a whole row print as FILE:ROW: message. */
static void test_row_message(void **state)
{
	(void)state;
	lz_diags d;
	lz_diags_init(&d);
	lz_diags_add(&d, "a.csv", 7, 0, "%s", "bad date");
	lz_diags_add(&d, "p.yaml", 3, 5, "%s", "bad key");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_diags_print(&d, f);
	fclose(f);
	assert_string_equal(buf, "a.csv:7: bad date\np.yaml:3:5: bad key\n");
	free(buf);
	lz_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_guard),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_reading),
		cmocka_unit_test(test_broken_rows),
		cmocka_unit_test(test_nul_and_bom),
		cmocka_unit_test(test_stream_long_rows),
		cmocka_unit_test(test_row_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
