/* Display width, cutting and sanitising of text for the terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lz_text.h"
#include "lz_validate.h"

static char *printed_cell(const char *s, int width, bool pad)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_text_print_cell(f, s, width, pad);
	fclose(f);
	return buf;
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(lz_text_width("abc"), 3);
	assert_int_equal(lz_text_width("党组会议"), 8);
	assert_int_equal(lz_text_width("a党b"), 4);
	/* A combining acute accent takes no column. */
	assert_int_equal(lz_text_width("e\xcc\x81"), 1);
	/* Controls are shown in caret notation, two columns. */
	assert_int_equal(lz_text_width("\x1b"), 2);
	/* An invalid byte becomes one replacement character. */
	assert_int_equal(lz_text_width("\xff"), 1);
}

static void test_fit_never_cuts_a_character(void **state)
{
	(void)state;
	int used;
	/* Five columns hold two CJK characters (4 columns), not half a third. */
	assert_int_equal(lz_text_fit("党组会议", strlen("党组会议"), 5, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(lz_text_fit("ab党", 4 + 1, 3, &used), 2);
	assert_int_equal(lz_text_fit("党", 3, 1, &used), 0);
}

static void test_cell(void **state)
{
	(void)state;
	char *s = printed_cell("党组会议", 10, true);
	assert_string_equal(s, "党组会议  ");
	free(s);
	s = printed_cell("党组会议", 5, true);
	/* Cut with an ellipsis, padded to exactly 5 columns. */
	assert_string_equal(s, "党组\xe2\x80\xa6");
	free(s);
	s = printed_cell("abcdef", 4, false);
	assert_string_equal(s, "abc\xe2\x80\xa6");
	free(s);
}

static void test_sanitise(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_text_print(f, "x\x1b[2J\x1b]0;t\x07y\xc2\x9b\xe2\x80\xae");
	fclose(f);
	/* No ESC, BEL, C1 CSI or bidi override survives. */
	assert_null(strchr(buf, 0x1b));
	assert_null(strchr(buf, 0x07));
	assert_null(strstr(buf, "\xc2\x9b"));
	assert_null(strstr(buf, "\xe2\x80\xae"));
	assert_string_equal(buf, "x^[[2J^[]0;t^Gy\xef\xbf\xbd\xef\xbf\xbd");
	free(buf);
}

static void test_utf8(void **state)
{
	(void)state;
	size_t bad;
	assert_true(lz_utf8_valid("党a", 4, &bad));
	assert_false(lz_utf8_valid("ab\xe5\x85", 4, &bad));
	assert_int_equal(bad, 2);
	/* Overlong and surrogate encodings are refused. */
	assert_false(lz_utf8_valid("\xc0\xaf", 2, &bad));
	assert_false(lz_utf8_valid("\xed\xa0\x80", 3, &bad));
	char out[4];
	uint32_t cp;
	assert_int_equal(lz_utf8_encode(0x515a, out), 3);
	assert_int_equal(lz_utf8_decode(out, 3, &cp), 3);
	assert_int_equal(cp, 0x515a);
	assert_int_equal(lz_utf8_encode(0x1f600, out), 4);
	assert_int_equal(lz_utf8_decode(out, 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
}

static void test_wrap_keeps_punctuation(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	/* Width 8 fits four characters; the comma after them must not start
	 * the next line, so the fourth character moves down with it. */
	lz_text_print_wrapped(f, "党组会议，研究", 8, 0);
	fclose(f);
	assert_string_equal(buf, "党组会\n议，研究\n");
	free(buf);
}

static char *wrapped_hanging(const char *s, int width, int col, int indent)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_text_print_hanging(f, s, width, col, indent);
	fclose(f);
	return buf;
}

static void test_wrap_punctuation_pairs(void **state)
{
	(void)state;
	/* "”、" are two marks that cannot start a line: both go down with
	 * the character before them.  (Curly quotes take one column in
	 * C.UTF-8.) */
	char *s = wrapped_hanging("好“三会一课”、主题党日", 12, 0, 0);
	assert_string_equal(s, "好“三会一\n课”、主题党\n日\n");
	free(s);
	/* An opening quote does not end a line (避尾), a closing one does
	 * not start one (避头). */
	s = wrapped_hanging("落实制度“第一议题”", 9, 0, 0);
	assert_string_equal(s, "落实制度\n“第一议\n题”\n");
	free(s);
}

static void test_wrap_hanging(void **state)
{
	(void)state;
	/* The first line starts at column 4 (already written), the others
	 * after 2 spaces; lines break between words and keep no blank at
	 * either end. */
	char *s = wrapped_hanging("aaaa bbbb cccc", 10, 4, 2);
	assert_string_equal(s, "aaaa\n  bbbb\n  cccc\n");
	free(s);
	s = wrapped_hanging("one\ntwo", 10, 0, 3);
	assert_string_equal(s, "one\n   two\n");
	free(s);
}

static void test_line_break_between_words(void **state)
{
	(void)state;
	static const struct { const char *s; int width; size_t want; } cases[] = {
		/* Inside a word: back to the space before it. */
		{"Enter again shows all", 8, 6},
		/* At a space: as far as fits. */
		{"Enter again", 6, 6},
		/* A word longer than the line is cut, there being no space. */
		{"abcdefghij", 4, 4},
		/* Chinese breaks anywhere but before closing punctuation. */
		{"党组会议，研究", 8, 9},
		{"按 Enter 筛选", 6, 4},
		/* Never zero, even for a character wider than the line. */
		{"党", 1, 3},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t got = lz_text_line_break(cases[i].s, strlen(cases[i].s), cases[i].width);
		if (got != cases[i].want)
			fail_msg("'%s' width %d: %zu bytes, want %zu", cases[i].s, cases[i].width, got,
				 cases[i].want);
	}
}

static void test_tsv(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_tsv_field(f, "a\tb\nc\\d");
	fclose(f);
	assert_string_equal(buf, "a\\tb\\nc\\\\d");
	free(buf);
}

static void test_char_traps(void **state)
{
	(void)state;
	assert_int_equal(lz_char_trap_of('a'), LZ_CHAR_PLAIN);
	assert_int_equal(lz_char_trap_of(0x4e00), LZ_CHAR_PLAIN);  /* 一 */
	assert_int_equal(lz_char_trap_of(0x3000), LZ_CHAR_PLAIN);  /* a space, not a trap */
	assert_int_equal(lz_char_trap_of(0x00a0), LZ_CHAR_PLAIN);
	assert_int_equal(lz_char_trap_of(0x200b), LZ_CHAR_INVISIBLE);
	assert_int_equal(lz_char_trap_of(0x200c), LZ_CHAR_INVISIBLE);
	assert_int_equal(lz_char_trap_of(0x200d), LZ_CHAR_INVISIBLE);
	assert_int_equal(lz_char_trap_of(0x2060), LZ_CHAR_INVISIBLE);
	assert_int_equal(lz_char_trap_of(0xfeff), LZ_CHAR_INVISIBLE);
	assert_int_equal(lz_char_trap_of(0xe0041), LZ_CHAR_INVISIBLE);  /* TAG LATIN CAPITAL A */
	assert_int_equal(lz_char_trap_of(0x2028), LZ_CHAR_LINE_SEPARATOR);
	assert_int_equal(lz_char_trap_of(0x2029), LZ_CHAR_LINE_SEPARATOR);
	for (uint32_t cp = 0x202a; cp <= 0x202e; cp++)
		assert_int_equal(lz_char_trap_of(cp), LZ_CHAR_BIDI);
	for (uint32_t cp = 0x2066; cp <= 0x2069; cp++)
		assert_int_equal(lz_char_trap_of(cp), LZ_CHAR_BIDI);
	assert_string_equal(lz_char_name(0x200b), "ZERO WIDTH SPACE");
	assert_string_equal(lz_char_name(0x202e), "RIGHT-TO-LEFT OVERRIDE");
	assert_string_equal(lz_char_name('a'), "");
}

static void test_blank(void **state)
{
	(void)state;
	const char *blank[] = {"", "   ", "\t", " \n ", "\u3000\u3000", "\u00a0", "\u200b",
			       "\ufeff \u2003", NULL};
	for (int i = 0; blank[i]; i++)
		assert_true(lz_text_blank(blank[i], strlen(blank[i])));
	const char *not_blank[] = {"a", " 党 ", "\u3000会\u3000", "\xff", "\u200b.", NULL};
	for (int i = 0; not_blank[i]; i++)
		assert_false(lz_text_blank(not_blank[i], strlen(not_blank[i])));
}

/* The rule every record's text meets, whoever typed it. */
static void test_validate_text(void **state)
{
	(void)state;
	lz_err err;
	const struct {
		const char *s;
		bool multiline, required;
		const char *msg;  /* NULL: accepted */
	} cases[] = {
		{"党组会议", false, true, NULL},
		{"党组 会议\u3000二", false, true, NULL},
		{"第一行\n第二行", true, true, NULL},
		{NULL, false, false, NULL},
		{"", false, false, NULL},
		{"", false, true, "title must not be empty"},
		{"   ", false, true, "title must not be only spaces"},
		{"   ", false, false, "title must not be only spaces"},
		{"\u3000", false, true, "title must not be only spaces"},
		{" \n \n", true, true, "title must not be only spaces"},
		{"a\u200bb", false, true,
		 "title contains an invisible character (U+200B ZERO WIDTH SPACE) at character 2"},
		{"\ufeffa", true, false,
		 "title contains an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)) at character 1"},
		{"党\u2028组", false, true,
		 "title must be one line: it has a line break (U+2028 LINE SEPARATOR) at character 2"},
		{"党\u2029组", true, true,
		 "title contains U+2029 PARAGRAPH SEPARATOR at character 2; use an ordinary line break"},
		{"ab\ncd", false, true, "title must be one line: it has a line break at character 3"},
		{"ab\rcd", false, true, "title must be one line: it has a line break at character 3"},
		{"a\u202eb", true, true,
		 "title contains a text direction control (U+202E RIGHT-TO-LEFT OVERRIDE) at character 2, which can disguise what the text says"},
		{"a\tb", true, true, "title contains the control character U+0009"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lz_err_clear(&err);
		lz_rc rc = lz_validate_text("title", cases[i].s, 1000, cases[i].multiline,
					    cases[i].required, &err);
		if (!cases[i].msg) {
			assert_int_equal(rc, LZ_OK);
			continue;
		}
		assert_int_equal(rc, LZ_EDATA);
		assert_string_equal(err.msg, cases[i].msg);
	}
}

int main(void)
{
	lz_text_init_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_never_cuts_a_character),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_sanitise),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_wrap_keeps_punctuation),
		cmocka_unit_test(test_wrap_punctuation_pairs),
		cmocka_unit_test(test_wrap_hanging),
		cmocka_unit_test(test_line_break_between_words),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_char_traps),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_validate_text),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
