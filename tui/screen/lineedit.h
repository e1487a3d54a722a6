/* The line editor behind every form field, without curses: text as code
 * points so the cursor moves by character and Backspace removes a whole
 * one, display width from wcwidth so a CJK character takes two columns,
 * and horizontal scrolling that never shows half a character.  An input
 * method's commit arrives as several characters in a row and is simply
 * inserted. */
#ifndef LZ_LINEEDIT_H
#define LZ_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef struct lineedit {
	wchar_t *text;   /* NUL-terminated */
	size_t len, cap;
	size_t cursor;   /* index into text, 0..len */
	size_t scroll;   /* first character shown (single-line view) */
	size_t max_bytes;  /* UTF-8 size limit of the content; 0 = none */
	bool multiline;    /* newlines allowed */
} lineedit;

void le_init(lineedit *e, size_t max_bytes, bool multiline);
void le_free(lineedit *e);
/* Replaces the content with UTF-8 text (invalid bytes become U+FFFD);
 * the cursor goes to the end. */
void le_set(lineedit *e, const char *utf8);
/* The content as malloc'd UTF-8. */
char *le_get(const lineedit *e);
bool le_empty(const lineedit *e);

/* Inserts one character at the cursor; false (and nothing changes) for a
 * control character, a newline in a single-line field, or when the size
 * limit would be passed. */
bool le_insert(lineedit *e, wchar_t c);
void le_backspace(lineedit *e);
void le_delete(lineedit *e);
void le_left(lineedit *e);
void le_right(lineedit *e);
void le_home(lineedit *e);   /* start of the line */
void le_end(lineedit *e);    /* end of the line */
void le_kill_to_start(lineedit *e);  /* Ctrl-U */
void le_kill_to_end(lineedit *e);    /* Ctrl-K */

/* Columns a character takes on screen: 0 for combining marks, 2 for wide
 * characters, 1 otherwise (also for anything wcwidth does not know). */
int le_char_width(wchar_t c);
int le_width(const wchar_t *s, size_t n);

/* Single-line view: adjusts scroll so the cursor is visible in `width`
 * columns, and reports the visible range [*first, *last) and the cursor's
 * column within it.  A wide character that would straddle the right
 * edge is left out. */
void le_view(lineedit *e, int width, size_t *first, size_t *last, int *cursor_col);

/* Multi-line view: wraps by display width; each row is a range of
 * characters (newlines end rows and are not shown).  Returns the number of
 * rows; fills at most max_rows ranges; *cursor_row/_col locate the cursor. */
size_t le_wrap(const lineedit *e, int width, size_t *starts, size_t *ends, size_t max_rows,
	       size_t *cursor_row, int *cursor_col);

#endif
