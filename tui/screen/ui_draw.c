/* Drawing helpers and colours.  Every string from data passes through
 * ui_putn: control characters become visible replacements (lz_glyph), so
 * nothing stored can move the cursor, change colours or retitle the
 * terminal, and nothing is cut inside a character. */
#include <stdlib.h>
#include <string.h>

#include "lz_text.h"
#include "ui.h"

static attr_t attrs[S_COUNT];
static bool colour;

/* Called once after initscr. */
void ui_init_styles(void);
void ui_init_styles(void)
{
	const char *no_color = getenv("NO_COLOR");
	colour = has_colors() && !(no_color && *no_color);
	if (colour) {
		start_color();
		use_default_colors();
	}
	static const struct {
		ui_style s;
		short fg, bg;
		attr_t mono;  /* used without colour, and added with it */
	} table[] = {
		{S_NORMAL, -1, -1, A_NORMAL},
		{S_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD},
		{S_TAB, -1, -1, A_NORMAL},
		{S_TAB_ACTIVE, COLOR_WHITE, COLOR_BLUE, A_REVERSE | A_BOLD},
		{S_KEYBAR, COLOR_BLACK, COLOR_CYAN, A_REVERSE},
		{S_KEY, COLOR_WHITE, COLOR_BLACK, A_BOLD},
		{S_HOLIDAY, COLOR_RED, -1, A_BOLD},
		{S_WORKDAY, COLOR_BLUE, -1, A_UNDERLINE},
		{S_TODAY, COLOR_BLACK, COLOR_YELLOW, A_BOLD | A_UNDERLINE},
		{S_SELECTED, COLOR_WHITE, COLOR_BLUE, A_REVERSE},
		{S_DIM, COLOR_WHITE, -1, A_DIM},
		{S_WARN, COLOR_RED, -1, A_BOLD},
		{S_OK, COLOR_GREEN, -1, A_NORMAL},
		{S_HEADER, COLOR_CYAN, -1, A_BOLD},
		{S_FIELD, -1, -1, A_UNDERLINE},
		{S_FIELD_ACTIVE, COLOR_BLACK, COLOR_WHITE, A_REVERSE},
		{S_ERROR, COLOR_WHITE, COLOR_RED, A_BOLD | A_REVERSE},
		{S_TYPE0 + 0, COLOR_RED, -1, A_BOLD},
		{S_TYPE0 + 1, COLOR_GREEN, -1, A_BOLD},
		{S_TYPE0 + 2, COLOR_YELLOW, -1, A_BOLD},
		{S_TYPE0 + 3, COLOR_BLUE, -1, A_BOLD},
		{S_TYPE0 + 4, COLOR_MAGENTA, -1, A_BOLD},
		{S_TYPE0 + 5, COLOR_CYAN, -1, A_BOLD},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		ui_style s = table[i].s;
		if (colour && s != S_NORMAL) {
			init_pair((short)s, table[i].fg, table[i].bg);
			/* With colour, reverse video would undo the pair. */
			attrs[s] = COLOR_PAIR(s) | (table[i].mono & ~(attr_t)A_REVERSE);
		} else {
			attrs[s] = table[i].mono;
		}
	}
}

attr_t ui_attr(ui_style style)
{
	return attrs[style];
}

ui_style ui_type_style(const lz_plan *plan, const char *type_id)
{
	for (size_t i = 0; i < plan->n_meeting_types; i++)
		if (strcmp(plan->meeting_types[i].id, type_id) == 0)
			return (ui_style)(S_TYPE0 + (int)(i % 6));
	return S_NORMAL;
}

int ui_putn(WINDOW *w, int y, int x, const char *s, size_t n, int max_width, ui_style style)
{
	if (!s || max_width <= 0)
		return 0;
	/* Text goes to curses as wide characters, in runs: curses then has
	 * no multibyte decoding of its own to do.  Control characters and
	 * invalid bytes arrive as their visible replacements (lz_glyph). */
	wchar_t run[256];
	size_t nrun = 0;
	wattr_on(w, attrs[style], NULL);
	wmove(w, y, x);
	int used = 0;
	lz_glyph g;
	for (size_t i = 0; i < n; i += g.srclen) {
		lz_glyph_next(s + i, n - i, &g);
		if (used + g.width > max_width)
			break;
		used += g.width;
		for (size_t k = 0; k < g.nbytes;) {
			uint32_t cp;
			size_t len = lz_utf8_decode(g.bytes + k, g.nbytes - k, &cp);
			if (!len)
				break;
			run[nrun++] = (wchar_t)cp;
			k += len;
			if (nrun == sizeof run / sizeof *run) {
				waddnwstr(w, run, (int)nrun);
				nrun = 0;
			}
		}
	}
	if (nrun)
		waddnwstr(w, run, (int)nrun);
	wattr_off(w, attrs[style], NULL);
	return used;
}

int ui_put(WINDOW *w, int y, int x, const char *s, int max_width, ui_style style)
{
	return s ? ui_putn(w, y, x, s, strlen(s), max_width, style) : 0;
}

void ui_fill(WINDOW *w, int y, int x, int width, ui_style style)
{
	wattr_on(w, attrs[style], NULL);
	mvwhline(w, y, x, ' ', width);
	wattr_off(w, attrs[style], NULL);
}

int ui_put_cut(WINDOW *w, int y, int x, const char *s, int max_width, ui_style style)
{
	if (!s || max_width <= 0)
		return 0;
	if (lz_text_width(s) <= max_width)
		return ui_put(w, y, x, s, max_width, style);
	/* Cut one column short and mark the cut. */
	int used = ui_put(w, y, x, s, max_width - 1, style);
	return used + ui_put(w, y, x + used, "…", 1, style);
}

int ui_put_wrapped(WINDOW *w, int y, int x, int width, int bottom, const char *text,
		   ui_style style)
{
	if (!text || width <= 0)
		return y;
	size_t len = strlen(text), off = 0;
	while (off < len && y < bottom) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t fit = end > off ? lz_text_line_break(text + off, end - off, width) : 0;
		if (lz_text_nwidth(text + off, fit) > width)
			break;  /* not even one character fits */
		/* On the last row, text left over is marked with "…". */
		size_t next = off + fit + (off + fit == end && nl);
		if (y + 1 >= bottom && next < len) {
			fit = end > off ? lz_text_fit(text + off, end - off, width - 1, NULL) : 0;
			int used = ui_putn(w, y, x, text + off, fit, width - 1, style);
			ui_put(w, y++, x + used, "…", 1, style);
			break;
		}
		ui_putn(w, y++, x, text + off, fit, width, style);
		off += fit;
		/* The newline ends the row it follows; an empty line is a row. */
		if (off == end && nl)
			off++;
	}
	return y;
}
