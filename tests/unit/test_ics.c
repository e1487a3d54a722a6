/* iCalendar content lines: folded at 75 octets, never inside a UTF-8
 * character, TEXT escaped as RFC 5545 says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lz_ics.h"
#include "lz_text.h"

static char *folded(const char *line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_ics_fold(f, line, strlen(line));
	fclose(f);
	return buf;
}

/* Checks every physical line and that unfolding gives line back. */
static void check_folding(const char *line)
{
	char *out = folded(line);
	size_t len = strlen(out);
	assert_true(len >= 2 && memcmp(out + len - 2, "\r\n", 2) == 0);
	char *unfolded = malloc(len + 1);
	size_t u = 0;
	const char *p = out;
	bool first = true;
	while (*p) {
		const char *end = strstr(p, "\r\n");
		assert_non_null(end);
		size_t n = (size_t)(end - p);
		assert_true(n <= LZ_ICS_LINE_OCTETS);
		assert_true(lz_utf8_valid(p, n, NULL));
		assert_null(memchr(p, '\n', n));
		if (!first) {
			assert_int_equal(p[0], ' ');
			memcpy(unfolded + u, p + 1, n - 1);
			u += n - 1;
		} else {
			memcpy(unfolded + u, p, n);
			u += n;
		}
		first = false;
		p = end + 2;
	}
	unfolded[u] = '\0';
	assert_string_equal(unfolded, line);
	free(unfolded);
	free(out);
}

static void test_fold_ascii(void **state)
{
	(void)state;
	char line[301];
	memset(line, 'x', 300);
	line[300] = '\0';
	check_folding(line);
	char *out = folded(line);
	/* 75, then a space and 74, and so on. */
	assert_int_equal(strcspn(out, "\r"), 75);
	free(out);
	line[75] = '\0';
	out = folded(line);
	assert_int_equal(strlen(out), 77);  /* exactly 75: no fold */
	free(out);
}

static void test_fold_utf8(void **state)
{
	(void)state;
	/* Three-byte characters after an odd prefix: 75 is never a boundary
	 * in the same place twice. */
	char line[1024] = "SUMMARY:";
	for (int i = 0; i < 60; i++)
		strcat(line, "党");
	check_folding(line);
	strcpy(line, "DESCRIPTION:a");
	for (int i = 0; i < 40; i++)
		strcat(line, "😀é");
	check_folding(line);
}

static char *text(const char *name, const char *value)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lz_ics_writer w;
	lz_ics_init(&w, f);
	lz_ics_text(&w, name, value);
	lz_ics_free(&w);
	fclose(f);
	return buf;
}

static void test_escaping(void **state)
{
	(void)state;
	char *s = text("SUMMARY", "a,b;c\\d\ne:f");
	assert_string_equal(s, "SUMMARY:a\\,b\\;c\\\\d\\ne:f\r\n");
	free(s);
	/* CRLF in text is one line break; a control character and a byte
	 * that is not UTF-8 never reach the file. */
	s = text("LOCATION", "x\r\ny\x1bz\xff");
	assert_string_equal(s, "LOCATION:x\\ny^[z\xef\xbf\xbd\r\n");
	free(s);
	s = text("LOCATION", "");
	assert_string_equal(s, "");
	free(s);
	s = text("LOCATION", NULL);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	lz_text_init_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_ascii),
		cmocka_unit_test(test_fold_utf8),
		cmocka_unit_test(test_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
