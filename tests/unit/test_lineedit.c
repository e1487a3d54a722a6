/* The line editor behind the form fields (tui/screen/lineedit.c), without
 * curses: cursor steps and deletions by character (a combining mark goes
 * with its base), display width with CJK and emoji, the UTF-8 size limit,
 * refused control characters, newlines only in multi-line fields,
 * Home/End/Ctrl-U/Ctrl-K on the current line, the single-line view's
 * horizontal scrolling and the multi-line wrap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "lz_text.h"

#define CJK_ZHONG L'\x4e2d'  /* 中 */
#define CJK_WEN L'\x6587'    /* 文 */
#define ACUTE L'\x301'       /* combining acute accent */
#define GRIN ((wchar_t)0x1f600)  /* 😀 */

static void assert_text(const lineedit *e, const char *want)
{
	char *got = le_get(e);
	assert_string_equal(got, want);
	free(got);
}

static void insert_all(lineedit *e, const wchar_t *s)
{
	for (; *s; s++)
		assert_true(le_insert(e, *s));
}

/* ---- width ---------------------------------------------------------- */

static void char_widths(void **state)
{
	(void)state;
	assert_int_equal(le_char_width(L'a'), 1);
	assert_int_equal(le_char_width(CJK_ZHONG), 2);
	assert_int_equal(le_char_width(L'\x3002'), 2);  /* 。 */
	assert_int_equal(le_char_width(L'\xff0c'), 2);  /* ，fullwidth comma */
	assert_int_equal(le_char_width(ACUTE), 0);
	assert_int_equal(le_char_width(GRIN), 2);
	assert_int_equal(le_char_width(L'\xfffd'), 1);
	/* Unassigned: one column rather than a negative width. */
	assert_int_equal(le_char_width((wchar_t)0x10fffd), 1);
}

static void mixed_width(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	assert_true(le_empty(&e));
	assert_text(&e, "");
	le_set(&e, "ab中文c");
	assert_false(le_empty(&e));
	assert_int_equal(e.len, 5);
	assert_int_equal(e.cursor, 5);
	assert_int_equal(le_width(e.text, e.len), 7);
	assert_int_equal(le_width(e.text, 3), 4);  /* "ab中" */
	le_set(&e, "会议e\xcc\x81😀");  /* 会议 é(decomposed) 😀 */
	assert_int_equal(e.len, 5);
	assert_int_equal(le_width(e.text, e.len), 2 + 2 + 1 + 0 + 2);
	le_free(&e);
}

/* What the editor computes as a field's width is where the form puts the
 * cursor; what the screen shows is drawn by ui_put, through lz_glyph.  The
 * two must agree for any content a record can hold, even content that did
 * not come through the editor (an old or imported record). */
static void width_matches_display(void **state)
{
	(void)state;
	static const char *const samples[] = {
		"plain ascii",
		"党组会议学习",
		"e\xcc\x81t\xc3\xa9",
		"😀 ok",
		"a\x1b[2Jb",                    /* ESC: shown as ^[ */
		"x\x1b]0;t\x07y",               /* OSC title, BEL: ^[ … ^G */
		"tab\there",                    /* ^I */
		"del\x7f",                      /* ^? */
		"bidi\xe2\x80\xae" "evil",         /* U+202E: shown as U+FFFD */
		"c1\xc2\x85x",                  /* U+0085 NEL: shown as U+FFFD */
		"bad\xff" "byte",               /* invalid: U+FFFD */
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		lineedit e;
		le_init(&e, 0, false);
		le_set(&e, samples[i]);
		int le_w = le_width(e.text, e.len);
		int shown = lz_text_width(samples[i]);
		if (le_w != shown) {
			print_message("sample %zu: the editor counts %d columns, the screen shows %d\n",
				      i, le_w, shown);
			bad++;
		}
		le_free(&e);
	}
	if (bad)
		fail_msg("%d samples: editor width differs from the width drawn", bad);
}

/* ---- cursor movement ------------------------------------------------ */

static void cursor_by_character(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	le_set(&e, "a中b文");
	assert_int_equal(e.cursor, 4);
	le_left(&e);
	assert_int_equal(e.cursor, 3);
	le_left(&e);
	le_left(&e);
	assert_int_equal(e.cursor, 1);
	assert_int_equal(le_width(e.text, e.cursor), 1);
	le_right(&e);
	assert_int_equal(e.cursor, 2);
	assert_int_equal(le_width(e.text, e.cursor), 3);
	le_home(&e);
	assert_int_equal(e.cursor, 0);
	le_left(&e);  /* stays */
	assert_int_equal(e.cursor, 0);
	le_end(&e);
	assert_int_equal(e.cursor, 4);
	le_right(&e);  /* stays */
	assert_int_equal(e.cursor, 4);
	/* Insertion at the cursor, in the middle. */
	le_home(&e);
	le_right(&e);
	assert_true(le_insert(&e, L'X'));
	assert_int_equal(e.cursor, 2);
	assert_text(&e, "aX中b文");
	/* Backspace and Delete take a whole wide character. */
	le_right(&e);
	le_backspace(&e);
	assert_text(&e, "aXb文");
	assert_int_equal(e.cursor, 2);
	le_delete(&e);
	assert_text(&e, "aX文");
	le_end(&e);
	le_delete(&e);  /* nothing after the cursor */
	assert_text(&e, "aX文");
	le_home(&e);
	le_backspace(&e);  /* nothing before it */
	assert_text(&e, "aX文");
	le_free(&e);
}

static void combining_mark_is_one_step(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	insert_all(&e, L"e\x301x");
	assert_int_equal(e.len, 3);
	assert_int_equal(le_width(e.text, e.len), 2);
	le_left(&e);  /* before x */
	assert_int_equal(e.cursor, 2);
	le_left(&e);  /* one step over é: before e, never between e and the mark */
	assert_int_equal(e.cursor, 0);
	le_right(&e);
	assert_int_equal(e.cursor, 2);
	/* One backspace removes the base and its mark. */
	le_backspace(&e);
	assert_int_equal(e.cursor, 0);
	assert_text(&e, "x");

	/* Delete in front of a base takes its marks too (two marks here). */
	le_set(&e, "ae\xcc\x81\xcc\xa3z");
	assert_int_equal(e.len, 5);
	le_home(&e);
	le_right(&e);
	assert_int_equal(e.cursor, 1);
	le_right(&e);
	assert_int_equal(e.cursor, 4);
	le_left(&e);
	assert_int_equal(e.cursor, 1);
	le_delete(&e);
	assert_text(&e, "az");
	/* Backspace right after a mark typed last. */
	le_end(&e);
	assert_true(le_insert(&e, L'o'));
	assert_true(le_insert(&e, L'\x308'));
	le_backspace(&e);
	assert_text(&e, "az");
	le_free(&e);
}

static void emoji(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	assert_true(le_insert(&e, GRIN));
	assert_true(le_insert(&e, L'!'));
	assert_int_equal(e.len, 2);
	assert_int_equal(le_width(e.text, e.len), 3);
	assert_text(&e, "\xf0\x9f\x98\x80!");
	le_left(&e);
	le_left(&e);
	assert_int_equal(e.cursor, 0);
	le_delete(&e);
	assert_text(&e, "!");
	le_free(&e);
}

/* ---- what may be inserted ------------------------------------------- */

static void size_limit_in_utf8_bytes(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 6, false);
	assert_true(le_insert(&e, CJK_ZHONG));  /* 3 bytes */
	assert_true(le_insert(&e, CJK_WEN));    /* 6 */
	assert_false(le_insert(&e, L'a'));      /* 7 > 6 */
	assert_text(&e, "中文");
	assert_int_equal(e.cursor, 2);
	le_backspace(&e);
	assert_true(le_insert(&e, L'a'));
	assert_true(le_insert(&e, L'b'));
	assert_true(le_insert(&e, L'c'));       /* 3 + 3 = 6 */
	assert_false(le_insert(&e, L'd'));
	assert_text(&e, "中abc");
	le_free(&e);

	le_init(&e, 5, false);
	assert_true(le_insert(&e, L'a'));
	assert_true(le_insert(&e, L'\xe9'));  /* é: 2 bytes, total 3 */
	assert_false(le_insert(&e, GRIN));     /* 4 bytes: 7 > 5 */
	assert_false(le_insert(&e, CJK_ZHONG)); /* 6 > 5 */
	assert_true(le_insert(&e, L'b'));
	assert_true(le_insert(&e, L'c'));     /* 5 */
	assert_false(le_insert(&e, L'd'));
	assert_text(&e, "a\xc3\xa9" "bc");
	le_free(&e);

	le_init(&e, 4, false);
	assert_true(le_insert(&e, GRIN));  /* exactly 4 */
	assert_false(le_insert(&e, L'a'));
	le_free(&e);

	/* 0: no limit. */
	le_init(&e, 0, false);
	for (int i = 0; i < 2000; i++)
		assert_true(le_insert(&e, CJK_ZHONG));
	assert_int_equal(e.len, 2000);
	le_free(&e);
}

static void control_characters_refused(void **state)
{
	(void)state;
	static const wchar_t refused[] = {
		0x00, 0x01, 0x07, 0x08, L'\t', L'\r', 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f,
		0x202a, 0x202e, 0x2066, 0x2069,
		0xd800, 0xdfff, (wchar_t)0x110000,
	};
	for (int multi = 0; multi <= 1; multi++) {
		lineedit e;
		le_init(&e, 0, multi);
		le_set(&e, "ok");
		le_left(&e);
		for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
			if (le_insert(&e, refused[i]))
				fail_msg("U+%04X was inserted (multiline %d)", (unsigned)refused[i], multi);
		}
		assert_text(&e, "ok");
		assert_int_equal(e.cursor, 1);
		assert_int_equal(e.len, 2);
		/* Just outside the ranges: ordinary characters. */
		assert_true(le_insert(&e, L'\xa0'));
		assert_true(le_insert(&e, L'\x2030'));  /* ‰ */
		le_free(&e);
	}
}

static void newline_only_in_multiline(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	le_set(&e, "ab");
	assert_false(le_insert(&e, L'\n'));
	assert_text(&e, "ab");
	le_free(&e);

	le_init(&e, 0, true);
	le_set(&e, "ab");
	le_left(&e);
	assert_true(le_insert(&e, L'\n'));
	assert_text(&e, "a\nb");
	assert_int_equal(e.cursor, 2);
	le_left(&e);  /* over the newline */
	assert_int_equal(e.cursor, 1);
	le_right(&e);
	le_backspace(&e);  /* removes the newline only */
	assert_text(&e, "ab");
	le_free(&e);

	/* A newline counts one byte against the limit. */
	le_init(&e, 3, true);
	assert_true(le_insert(&e, L'a'));
	assert_true(le_insert(&e, L'\n'));
	assert_true(le_insert(&e, L'b'));
	assert_false(le_insert(&e, L'\n'));
	le_free(&e);
}

/* ---- line-wise keys ------------------------------------------------- */

static void home_end_by_line(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, true);
	le_set(&e, "第一行\n第二行\n三");
	/* Cursor into the middle line, after 第二. */
	le_home(&e);
	assert_int_equal(e.cursor, 8);  /* start of "三" line */
	le_left(&e);
	le_left(&e);
	assert_int_equal(e.cursor, 6);  /* before 行 of line 2 */
	le_home(&e);
	assert_int_equal(e.cursor, 4);
	le_home(&e);  /* stays: already at the line's start */
	assert_int_equal(e.cursor, 4);
	le_end(&e);
	assert_int_equal(e.cursor, 7);  /* before the newline, not after it */
	le_end(&e);
	assert_int_equal(e.cursor, 7);
	le_free(&e);
}

static void kill_to_start_and_end(void **state)
{
	(void)state;
	lineedit e;
	/* Single line. */
	le_init(&e, 0, false);
	le_set(&e, "甲乙丙丁");
	le_left(&e);
	le_left(&e);
	le_kill_to_start(&e);  /* Ctrl-U */
	assert_text(&e, "丙丁");
	assert_int_equal(e.cursor, 0);
	le_right(&e);
	le_kill_to_end(&e);  /* Ctrl-K */
	assert_text(&e, "丙");
	assert_int_equal(e.cursor, 1);
	le_kill_to_end(&e);  /* nothing to kill */
	assert_text(&e, "丙");
	le_kill_to_start(&e);
	assert_text(&e, "");
	assert_int_equal(e.cursor, 0);
	assert_true(le_empty(&e));
	le_free(&e);

	/* Multi-line: only the current line's part goes, newlines stay. */
	le_init(&e, 0, true);
	le_set(&e, "one\ntwo2\nthree");
	e.cursor = 6;  /* "tw|o2" */
	le_kill_to_start(&e);
	assert_text(&e, "one\no2\nthree");
	assert_int_equal(e.cursor, 4);
	le_right(&e);
	le_kill_to_end(&e);
	assert_text(&e, "one\no\nthree");
	assert_int_equal(e.cursor, 5);
	/* At the end of a line Ctrl-K leaves the newline alone. */
	le_kill_to_end(&e);
	assert_text(&e, "one\no\nthree");
	le_free(&e);
}

/* ---- single-line view ----------------------------------------------- */

/* The visible range is whole characters no wider than the window, the
 * cursor lies in it (or just after it, at the end of the text) and its
 * column is the width of what comes before it in the window; the cell
 * under the cursor fits in the window too. */
static void check_view(lineedit *e, int width)
{
	size_t first, last;
	int col = -1;
	le_view(e, width, &first, &last, &col);
	assert_true(first <= last);
	assert_true(last <= e->len);
	int shown = le_width(e->text + first, last - first);
	if (shown > width)
		fail_msg("width %d, cursor %zu: %d columns shown", width, e->cursor, shown);
	assert_true(e->cursor >= first);
	assert_true(e->cursor <= last);
	assert_int_equal(col, le_width(e->text + first, e->cursor - first));
	int cell = e->cursor < e->len ? le_char_width(e->text[e->cursor]) : 1;
	if (col < 0 || col + cell > width)
		fail_msg("width %d, cursor %zu: cursor column %d (cell %d) outside the window",
			 width, e->cursor, col, cell);
	/* The window is used: a character after `last` would not have fit. */
	if (last < e->len)
		assert_true(shown + le_char_width(e->text[last]) > width);
	/* Never starts inside a base+mark cluster. */
	if (first < e->len && first > 0)
		assert_int_not_equal(le_char_width(e->text[first]), 0);
}

static void view_never_shows_half_a_wide_character(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	for (int i = 0; i < 20; i++)
		assert_true(le_insert(&e, (wchar_t)(0x4e00 + i)));
	for (int width = 10; width >= 9; width--) {
		/* At the end, then walking left to the start and back. */
		le_end(&e);
		e.scroll = 0;
		check_view(&e, width);
		size_t first, last;
		int col;
		le_view(&e, width, &first, &last, &col);
		assert_int_equal(last, 20);
		for (int i = 0; i < 20; i++) {
			le_left(&e);
			check_view(&e, width);
		}
		assert_int_equal(e.cursor, 0);
		le_view(&e, width, &first, &last, &col);
		assert_int_equal(first, 0);
		assert_int_equal(col, 0);
		assert_int_equal(last, (size_t)width / 2);
		for (int i = 0; i < 20; i++) {
			le_right(&e);
			check_view(&e, width);
		}
		/* Home and End jump across the whole text. */
		le_home(&e);
		check_view(&e, width);
		le_end(&e);
		check_view(&e, width);
	}
	le_free(&e);
}

static void view_mixed_text(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, false);
	le_set(&e, "ab中cd文e\xcc\x81" "f😀gh党组会议xyz");
	for (int width = 2; width <= 12; width++) {
		le_end(&e);
		e.scroll = 0;
		check_view(&e, width);
		while (e.cursor > 0) {
			le_left(&e);
			check_view(&e, width);
		}
		while (e.cursor < e.len) {
			le_right(&e);
			check_view(&e, width);
		}
	}
	/* Text that fits is shown whole, from the start. */
	le_set(&e, "短标题");
	size_t first, last;
	int col;
	le_view(&e, 20, &first, &last, &col);
	assert_int_equal(first, 0);
	assert_int_equal(last, 3);
	assert_int_equal(col, 6);
	le_free(&e);
}

/* ---- multi-line wrap ------------------------------------------------ */

typedef struct wrapped {
	size_t rows, starts[32], ends[32], crow;
	int ccol;
} wrapped;

static void wrap(const lineedit *e, int width, wrapped *w)
{
	w->rows = le_wrap(e, width, w->starts, w->ends, 32, &w->crow, &w->ccol);
	for (size_t r = 0; r < w->rows && r < 32; r++) {
		int rw = le_width(e->text + w->starts[r], w->ends[r] - w->starts[r]);
		if (rw > width)
			fail_msg("row %zu is %d columns wide in %d", r, rw, width);
		for (size_t i = w->starts[r]; i < w->ends[r]; i++)
			assert_int_not_equal(e->text[i], L'\n');
	}
}

static void wrap_by_display_width(void **state)
{
	(void)state;
	lineedit e;
	wrapped w;
	le_init(&e, 0, true);

	le_set(&e, "abcdef");
	e.cursor = 2;
	wrap(&e, 4, &w);
	assert_int_equal(w.rows, 2);
	assert_int_equal(w.starts[0], 0);
	assert_int_equal(w.ends[0], 4);
	assert_int_equal(w.starts[1], 4);
	assert_int_equal(w.ends[1], 6);
	assert_int_equal(w.crow, 0);
	assert_int_equal(w.ccol, 2);
	e.cursor = 4;  /* the first character of row 1 */
	wrap(&e, 4, &w);
	assert_int_equal(w.crow, 1);
	assert_int_equal(w.ccol, 0);
	e.cursor = 6;
	wrap(&e, 4, &w);
	assert_int_equal(w.crow, 1);
	assert_int_equal(w.ccol, 2);

	/* CJK in an odd width: two characters a row, never half of one. */
	le_set(&e, "中文字符测");
	wrap(&e, 5, &w);
	assert_int_equal(w.rows, 3);
	assert_int_equal(w.ends[0], 2);
	assert_int_equal(w.ends[1], 4);
	assert_int_equal(w.ends[2], 5);
	assert_int_equal(w.crow, 2);
	assert_int_equal(w.ccol, 2);
	e.cursor = 3;
	wrap(&e, 5, &w);
	assert_int_equal(w.crow, 1);
	assert_int_equal(w.ccol, 2);

	/* Mixed: "ab中" is 4 columns; 文 would make 6, so it starts row 1. */
	le_set(&e, "ab中文c");
	wrap(&e, 5, &w);
	assert_int_equal(w.rows, 2);
	assert_int_equal(w.ends[0], 3);
	assert_int_equal(w.starts[1], 3);
	assert_int_equal(w.ends[1], 5);

	/* A combining mark stays on its base's row. */
	le_set(&e, "abce\xcc\x81x");
	wrap(&e, 4, &w);
	assert_int_equal(w.rows, 2);
	assert_int_equal(w.ends[0], 5);
	assert_int_equal(w.starts[1], 5);
	le_free(&e);
}

static void wrap_explicit_newlines(void **state)
{
	(void)state;
	lineedit e;
	wrapped w;
	le_init(&e, 0, true);

	le_set(&e, "ab\n\n中文");
	wrap(&e, 10, &w);
	assert_int_equal(w.rows, 3);
	assert_int_equal(w.starts[0], 0);
	assert_int_equal(w.ends[0], 2);
	assert_int_equal(w.starts[1], 3);  /* the empty line */
	assert_int_equal(w.ends[1], 3);
	assert_int_equal(w.starts[2], 4);
	assert_int_equal(w.ends[2], 6);
	assert_int_equal(w.crow, 2);
	assert_int_equal(w.ccol, 4);
	e.cursor = 3;  /* on the empty line */
	wrap(&e, 10, &w);
	assert_int_equal(w.crow, 1);
	assert_int_equal(w.ccol, 0);
	e.cursor = 2;  /* end of the first line, before its newline */
	wrap(&e, 10, &w);
	assert_int_equal(w.crow, 0);
	assert_int_equal(w.ccol, 2);

	/* A trailing newline starts an empty last row, where the cursor is. */
	le_set(&e, "甲乙\n");
	wrap(&e, 10, &w);
	assert_int_equal(w.rows, 2);
	assert_int_equal(w.starts[1], 3);
	assert_int_equal(w.ends[1], 3);
	assert_int_equal(w.crow, 1);
	assert_int_equal(w.ccol, 0);

	/* Long line then newline: wrapped rows, then the next line. */
	le_set(&e, "abcdefg\nhi");
	wrap(&e, 3, &w);
	assert_int_equal(w.rows, 4);
	assert_int_equal(w.ends[2], 7);
	assert_int_equal(w.starts[3], 8);
	assert_int_equal(w.crow, 3);
	assert_int_equal(w.ccol, 2);

	/* Empty content: one empty row. */
	le_set(&e, "");
	wrap(&e, 10, &w);
	assert_int_equal(w.rows, 1);
	assert_int_equal(w.crow, 0);
	assert_int_equal(w.ccol, 0);

	/* max_rows bounds the ranges filled, not the count. */
	le_set(&e, "1\n2\n3\n4\n5");
	size_t starts[2], ends[2], crow;
	int ccol;
	assert_int_equal(le_wrap(&e, 10, starts, ends, 2, &crow, &ccol), 5);
	assert_int_equal(crow, 4);
	assert_int_equal(starts[1], 2);
	le_free(&e);
}

/* The cursor after text that exactly fills a row must be inside the field:
 * the form puts the terminal cursor at field x + cursor column, so a column
 * equal to the width lands on the cell after the field (the border). */
static void wrap_cursor_stays_in_the_field(void **state)
{
	(void)state;
	static const char *const full[] = {"abcd", "中文", "ab中"};
	int bad = 0;
	for (size_t i = 0; i < sizeof full / sizeof *full; i++) {
		lineedit e;
		wrapped w;
		le_init(&e, 0, true);
		le_set(&e, full[i]);
		wrap(&e, 4, &w);
		if (w.ccol >= 4) {
			print_message("\"%s\" in 4 columns, cursor at the end: row %zu column %d, "
				      "outside the field (want row 1 column 0)\n", full[i], w.crow, w.ccol);
			bad++;
		}
		le_free(&e);
	}
	if (bad)
		fail_msg("%d texts: the cursor column equals the field width", bad);
}

/* ---- set/get -------------------------------------------------------- */

static void set_get_round_trip(void **state)
{
	(void)state;
	static const char *const same[] = {
		"",
		"plain",
		"2022年县总工会党风廉政建设",
		"e\xcc\x81 \xf0\x9f\x98\x80 \xef\xbc\x8c",
		"line one\nline two",
		"\xef\xbf\xbd already a replacement",
	};
	lineedit e;
	le_init(&e, 0, true);
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		le_set(&e, same[i]);
		assert_int_equal(e.cursor, e.len);
		assert_int_equal(e.scroll, 0);
		assert_text(&e, same[i]);
	}
	static const struct { const char *in, *out; } fixed[] = {
		{"a\xff" "b", "a\xef\xbf\xbd" "b"},              /* stray byte */
		{"\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd"},          /* truncated 中 */
		{"x\xe4\xb8" "y", "x\xef\xbf\xbd\xef\xbf\xbdy"},
		{"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},          /* overlong / */
		{"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* surrogate */
		{"\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* > U+10FFFF */
		{"\x80中", "\xef\xbf\xbd中"},
	};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
		le_set(&e, fixed[i].in);
		assert_text(&e, fixed[i].out);
		/* What comes back is valid UTF-8 and survives another round. */
		char *got = le_get(&e);
		assert_true(lz_utf8_valid(got, strlen(got), NULL));
		le_set(&e, got);
		assert_text(&e, got);
		free(got);
	}
	/* The replacement is one column, one cursor step. */
	le_set(&e, "a\xff");
	assert_int_equal(e.len, 2);
	assert_int_equal(le_width(e.text, e.len), 2);
	le_left(&e);
	assert_int_equal(e.cursor, 1);
	le_set(&e, NULL);
	assert_true(le_empty(&e));
	assert_text(&e, "");
	/* Replacing content resets the scroll. */
	le_set(&e, "一二三四五六七八九十");
	size_t first, last;
	int col;
	le_view(&e, 6, &first, &last, &col);
	assert_true(e.scroll > 0);
	le_set(&e, "短");
	assert_int_equal(e.scroll, 0);
	le_free(&e);
}

static void grows_past_initial_capacity(void **state)
{
	(void)state;
	lineedit e;
	le_init(&e, 0, true);
	for (int i = 0; i < 1000; i++) {
		assert_true(le_insert(&e, (wchar_t)(0x4e00 + i % 100)));
		if (i % 10 == 9)
			assert_true(le_insert(&e, L'\n'));
	}
	assert_int_equal(e.len, 1100);
	assert_int_equal(e.text[e.len], L'\0');
	char *s = le_get(&e);
	assert_int_equal(strlen(s), 1000 * 3 + 100);
	lineedit f;
	le_init(&f, 0, true);
	le_set(&f, s);
	assert_int_equal(f.len, 1100);
	assert_memory_equal(f.text, e.text, (e.len + 1) * sizeof *e.text);
	free(s);
	le_free(&f);
	le_free(&e);
}

int main(void)
{
	/* wcwidth needs a UTF-8 character type. */
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		fprintf(stderr, "test_lineedit: the C.UTF-8 locale is not available\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(char_widths),
		cmocka_unit_test(mixed_width),
		cmocka_unit_test(width_matches_display),
		cmocka_unit_test(cursor_by_character),
		cmocka_unit_test(combining_mark_is_one_step),
		cmocka_unit_test(emoji),
		cmocka_unit_test(size_limit_in_utf8_bytes),
		cmocka_unit_test(control_characters_refused),
		cmocka_unit_test(newline_only_in_multiline),
		cmocka_unit_test(home_end_by_line),
		cmocka_unit_test(kill_to_start_and_end),
		cmocka_unit_test(view_never_shows_half_a_wide_character),
		cmocka_unit_test(view_mixed_text),
		cmocka_unit_test(wrap_by_display_width),
		cmocka_unit_test(wrap_explicit_newlines),
		cmocka_unit_test(wrap_cursor_stays_in_the_field),
		cmocka_unit_test(set_get_round_trip),
		cmocka_unit_test(grows_past_initial_capacity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
