#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "lz_text.h"

static void reserve(lineedit *e, size_t n)
{
	if (n + 1 <= e->cap)
		return;
	size_t cap = e->cap ? e->cap : 32;
	while (cap < n + 1)
		cap *= 2;
	wchar_t *t = realloc(e->text, cap * sizeof *t);
	if (!t)
		abort();
	e->text = t;
	e->cap = cap;
}

void le_init(lineedit *e, size_t max_bytes, bool multiline)
{
	memset(e, 0, sizeof *e);
	e->max_bytes = max_bytes;
	e->multiline = multiline;
	reserve(e, 0);
	e->text[0] = L'\0';
}

void le_free(lineedit *e)
{
	free(e->text);
	memset(e, 0, sizeof *e);
}

static size_t utf8_size(wchar_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

static size_t content_bytes(const lineedit *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->len; i++)
		n += utf8_size(e->text[i]);
	return n;
}

void le_set(lineedit *e, const char *s)
{
	e->len = 0;
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = lz_utf8_decode(s + i, n - i, &cp);
		if (!k) {
			cp = 0xfffd;
			k = 1;
		}
		reserve(e, e->len + 1);
		e->text[e->len++] = (wchar_t)cp;
		i += k;
	}
	e->text[e->len] = L'\0';
	e->cursor = e->len;
	e->scroll = 0;
}

char *le_get(const lineedit *e)
{
	char *out = malloc(content_bytes(e) + 1);
	if (!out)
		abort();
	size_t o = 0;
	for (size_t i = 0; i < e->len; i++)
		o += lz_utf8_encode((uint32_t)e->text[i], out + o);
	out[o] = '\0';
	return out;
}

bool le_empty(const lineedit *e)
{
	return e->len == 0;
}

bool le_insert(lineedit *e, wchar_t c)
{
	if (c == L'\n' ? !e->multiline : lz_cp_is_control((uint32_t)c))
		return false;
	if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return false;
	if (e->max_bytes && content_bytes(e) + utf8_size(c) > e->max_bytes)
		return false;
	reserve(e, e->len + 1);
	memmove(e->text + e->cursor + 1, e->text + e->cursor,
		(e->len - e->cursor + 1) * sizeof *e->text);
	e->text[e->cursor++] = c;
	e->len++;
	return true;
}

/* A combining mark belongs to the character before it: cursor steps and
 * deletions treat the two as one. */
static bool is_mark(wchar_t c)
{
	return c != L'\n' && le_char_width(c) == 0;
}

void le_backspace(lineedit *e)
{
	if (!e->cursor)
		return;
	size_t start = e->cursor - 1;
	while (start > 0 && is_mark(e->text[start]))
		start--;
	memmove(e->text + start, e->text + e->cursor, (e->len - e->cursor + 1) * sizeof *e->text);
	e->len -= e->cursor - start;
	e->cursor = start;
}

void le_delete(lineedit *e)
{
	if (e->cursor >= e->len)
		return;
	size_t end = e->cursor + 1;
	while (end < e->len && is_mark(e->text[end]))
		end++;
	memmove(e->text + e->cursor, e->text + end, (e->len - end + 1) * sizeof *e->text);
	e->len -= end - e->cursor;
}

void le_left(lineedit *e)
{
	if (!e->cursor)
		return;
	e->cursor--;
	while (e->cursor > 0 && is_mark(e->text[e->cursor]))
		e->cursor--;
}

void le_right(lineedit *e)
{
	if (e->cursor >= e->len)
		return;
	e->cursor++;
	while (e->cursor < e->len && is_mark(e->text[e->cursor]))
		e->cursor++;
}

void le_home(lineedit *e)
{
	while (e->cursor > 0 && e->text[e->cursor - 1] != L'\n')
		e->cursor--;
}

void le_end(lineedit *e)
{
	while (e->cursor < e->len && e->text[e->cursor] != L'\n')
		e->cursor++;
}

void le_kill_to_start(lineedit *e)
{
	size_t end = e->cursor;
	le_home(e);
	memmove(e->text + e->cursor, e->text + end, (e->len - end + 1) * sizeof *e->text);
	e->len -= end - e->cursor;
}

void le_kill_to_end(lineedit *e)
{
	size_t start = e->cursor;
	le_end(e);
	memmove(e->text + start, e->text + e->cursor, (e->len - e->cursor + 1) * sizeof *e->text);
	e->len -= e->cursor - start;
	e->cursor = start;
}

int le_char_width(wchar_t c)
{
	/* Exactly as the screen draws it (lz_glyph), so the cursor lands on
	 * the character: a control character loaded from an old record shows
	 * as ^X, two columns. */
	char buf[4];
	size_t n = lz_utf8_encode((uint32_t)c, buf);
	lz_glyph g;
	lz_glyph_next(buf, n, &g);
	return g.width;
}

int le_width(const wchar_t *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += le_char_width(s[i]);
	return w;
}

void le_view(lineedit *e, int width, size_t *first, size_t *last, int *cursor_col)
{
	if (width < 1)
		width = 1;
	if (e->scroll > e->cursor)
		e->scroll = e->cursor;
	/* Keep the cursor (and the cell it sits on) inside the window. */
	while (e->scroll < e->cursor && le_width(e->text + e->scroll, e->cursor - e->scroll) +
						(e->cursor < e->len ? le_char_width(e->text[e->cursor]) : 1) >
					    width)
		e->scroll++;
	while (e->scroll < e->len && is_mark(e->text[e->scroll]))
		e->scroll++;
	size_t i = e->scroll;
	int used = 0;
	while (i < e->len) {
		int w = le_char_width(e->text[i]);
		if (used + w > width)
			break;
		used += w;
		i++;
	}
	*first = e->scroll;
	*last = i;
	*cursor_col = le_width(e->text + e->scroll, e->cursor - e->scroll);
}

size_t le_wrap(const lineedit *e, int width, size_t *starts, size_t *ends, size_t max_rows,
	       size_t *cursor_row, int *cursor_col)
{
	if (width < 2)
		width = 2;
	size_t rows = 0, i = 0;
	*cursor_row = 0;
	*cursor_col = 0;
	for (;;) {
		size_t start = i;
		int used = 0;
		while (i < e->len && e->text[i] != L'\n') {
			int w = le_char_width(e->text[i]);
			if (used + w > width)
				break;
			used += w;
			i++;
		}
		if (rows < max_rows) {
			starts[rows] = start;
			ends[rows] = i;
		}
		bool full = i > start && used + 1 > width;
		if (e->cursor >= start && (e->cursor < i || (e->cursor == i && (i == e->len ||
								       e->text[i] == L'\n')))) {
			*cursor_row = rows;
			*cursor_col = le_width(e->text + start, e->cursor - start);
		}
		rows++;
		if (i < e->len && e->text[i] == L'\n') {
			i++;
		} else if (i >= e->len) {
			/* A cursor after a full last row sits on a row of its own,
			 * not beyond the field's edge. */
			if (full && e->cursor == e->len) {
				if (rows < max_rows)
					starts[rows] = ends[rows] = e->len;
				*cursor_row = rows;
				*cursor_col = 0;
				rows++;
			}
			break;
		}
	}
	return rows;
}
