#include "lz_text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

void lz_text_init_locale(void)
{
	/* Only the categories the program uses: loading all of them costs
	 * a short command a noticeable part of its run time.  Numbers and
	 * dates are formatted by the program itself. */
	if (!setlocale(LC_CTYPE, ""))
		setlocale(LC_CTYPE, "C");
	setlocale(LC_MESSAGES, "");
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcasecmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

size_t lz_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2; v = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3; v = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

size_t lz_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool lz_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = lz_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			if (bad)
				*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

/* Three-byte characters outside U+0800-U+0FFF, U+2000-U+2FFF (where the
 * bidirectional controls are) and the surrogates are valid and printable
 * whenever their continuation bytes are: the common case of Chinese text
 * needs no decoding. */
static inline bool plain_three_byte(const unsigned char *s, size_t n)
{
	return n >= 3 && ((s[0] >= 0xe3 && s[0] <= 0xec) || s[0] == 0xee || s[0] == 0xef) &&
	       (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80;
}

size_t lz_utf8_clean_char(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	if (plain_three_byte(s, n))
		return 3;
	uint32_t cp;
	size_t len = lz_utf8_decode(str, n, &cp);
	return len && !lz_cp_is_control(cp) ? len : 0;
}

bool lz_cp_is_control(uint32_t cp)
{
	/* C0, DEL, C1, and the bidirectional overrides and isolates that can
	 * reorder what surrounds them on screen. */
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static const struct {
	uint32_t cp;
	lz_char_trap trap;
	const char *name;
} traps[] = {
	{0x00ad, LZ_CHAR_INVISIBLE, "SOFT HYPHEN"},
	{0x034f, LZ_CHAR_INVISIBLE, "COMBINING GRAPHEME JOINER"},
	{0x061c, LZ_CHAR_BIDI, "ARABIC LETTER MARK"},
	{0x115f, LZ_CHAR_INVISIBLE, "HANGUL CHOSEONG FILLER"},
	{0x1160, LZ_CHAR_INVISIBLE, "HANGUL JUNGSEONG FILLER"},
	{0x180e, LZ_CHAR_INVISIBLE, "MONGOLIAN VOWEL SEPARATOR"},
	{0x200b, LZ_CHAR_INVISIBLE, "ZERO WIDTH SPACE"},
	{0x200c, LZ_CHAR_INVISIBLE, "ZERO WIDTH NON-JOINER"},
	{0x200d, LZ_CHAR_INVISIBLE, "ZERO WIDTH JOINER"},
	{0x200e, LZ_CHAR_BIDI, "LEFT-TO-RIGHT MARK"},
	{0x200f, LZ_CHAR_BIDI, "RIGHT-TO-LEFT MARK"},
	{0x2028, LZ_CHAR_LINE_SEPARATOR, "LINE SEPARATOR"},
	{0x2029, LZ_CHAR_LINE_SEPARATOR, "PARAGRAPH SEPARATOR"},
	{0x202a, LZ_CHAR_BIDI, "LEFT-TO-RIGHT EMBEDDING"},
	{0x202b, LZ_CHAR_BIDI, "RIGHT-TO-LEFT EMBEDDING"},
	{0x202c, LZ_CHAR_BIDI, "POP DIRECTIONAL FORMATTING"},
	{0x202d, LZ_CHAR_BIDI, "LEFT-TO-RIGHT OVERRIDE"},
	{0x202e, LZ_CHAR_BIDI, "RIGHT-TO-LEFT OVERRIDE"},
	{0x2060, LZ_CHAR_INVISIBLE, "WORD JOINER"},
	{0x2061, LZ_CHAR_INVISIBLE, "FUNCTION APPLICATION"},
	{0x2062, LZ_CHAR_INVISIBLE, "INVISIBLE TIMES"},
	{0x2063, LZ_CHAR_INVISIBLE, "INVISIBLE SEPARATOR"},
	{0x2064, LZ_CHAR_INVISIBLE, "INVISIBLE PLUS"},
	{0x2066, LZ_CHAR_BIDI, "LEFT-TO-RIGHT ISOLATE"},
	{0x2067, LZ_CHAR_BIDI, "RIGHT-TO-LEFT ISOLATE"},
	{0x2068, LZ_CHAR_BIDI, "FIRST STRONG ISOLATE"},
	{0x2069, LZ_CHAR_BIDI, "POP DIRECTIONAL ISOLATE"},
	{0x206a, LZ_CHAR_INVISIBLE, "INHIBIT SYMMETRIC SWAPPING"},
	{0x206b, LZ_CHAR_INVISIBLE, "ACTIVATE SYMMETRIC SWAPPING"},
	{0x206c, LZ_CHAR_INVISIBLE, "INHIBIT ARABIC FORM SHAPING"},
	{0x206d, LZ_CHAR_INVISIBLE, "ACTIVATE ARABIC FORM SHAPING"},
	{0x206e, LZ_CHAR_INVISIBLE, "NATIONAL DIGIT SHAPES"},
	{0x206f, LZ_CHAR_INVISIBLE, "NOMINAL DIGIT SHAPES"},
	{0x3164, LZ_CHAR_INVISIBLE, "HANGUL FILLER"},
	{0xfeff, LZ_CHAR_INVISIBLE, "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)"},
	{0xffa0, LZ_CHAR_INVISIBLE, "HALFWIDTH HANGUL FILLER"},
	{0xfff9, LZ_CHAR_INVISIBLE, "INTERLINEAR ANNOTATION ANCHOR"},
	{0xfffa, LZ_CHAR_INVISIBLE, "INTERLINEAR ANNOTATION SEPARATOR"},
	{0xfffb, LZ_CHAR_INVISIBLE, "INTERLINEAR ANNOTATION TERMINATOR"},
};

/* Index into traps, or -1; the table is in code point order. */
static int trap_index(uint32_t cp)
{
	int lo = 0, hi = (int)(sizeof traps / sizeof *traps) - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (traps[mid].cp == cp)
			return mid;
		if (traps[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

lz_char_trap lz_char_trap_of(uint32_t cp)
{
	/* Tag characters (U+E0000-U+E007F) spell hidden ASCII. */
	if (cp >= 0xe0000 && cp <= 0xe007f)
		return LZ_CHAR_INVISIBLE;
	/* Most text is ASCII or CJK, below and between the table's entries. */
	if (cp < 0xad || (cp > 0x3164 && cp < 0xfeff))
		return LZ_CHAR_PLAIN;
	int i = trap_index(cp);
	return i < 0 ? LZ_CHAR_PLAIN : traps[i].trap;
}

const char *lz_char_name(uint32_t cp)
{
	if (cp >= 0xe0000 && cp <= 0xe007f)
		return "TAG CHARACTER";
	int i = trap_index(cp);
	return i < 0 ? "" : traps[i].name;
}

bool lz_cp_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

bool lz_text_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = lz_utf8_decode(s + i, n - i, &cp);
		if (!len)
			return false;
		if (!lz_cp_is_space(cp) && cp != '\n' && cp != '\r' &&
		    lz_char_trap_of(cp) == LZ_CHAR_PLAIN)
			return false;
		i += len;
	}
	return true;
}

static void set_repl(lz_glyph *g, const char *r, int width)
{
	size_t len = strlen(r);
	memcpy(g->repl, r, len);
	g->bytes = g->repl;
	g->nbytes = len;
	g->width = width;
}

void lz_glyph_next(const char *s, size_t n, lz_glyph *g)
{
	/* Printable ASCII, the common case, needs no decoding or lookup. */
	unsigned char c0 = (unsigned char)s[0];
	if (c0 >= 0x20 && c0 < 0x7f) {
		g->bytes = s;
		g->nbytes = g->srclen = 1;
		g->width = 1;
		return;
	}
	/* Most Chinese text is decoded in place. */
	const unsigned char *u = (const unsigned char *)s;
	if (plain_three_byte(u, n)) {
		uint32_t cp = (uint32_t)(c0 & 0x0f) << 12 | (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
		/* CJK Unified Ideographs are all two columns wide. */
		int w = cp >= 0x4e00 && cp <= 0x9fff ? 2 : wcwidth((wchar_t)cp);
		g->bytes = s;
		g->nbytes = g->srclen = 3;
		g->width = w < 0 ? 1 : w;
		return;
	}
	uint32_t cp;
	size_t len = lz_utf8_decode(s, n, &cp);
	if (!len) {
		g->srclen = 1;
		set_repl(g, "\xef\xbf\xbd", 1); /* U+FFFD */
		return;
	}
	g->srclen = len;
	if (cp < 0x20) {
		/* Caret notation, as terminals and editors show controls. */
		char r[3] = {'^', (char)(cp + '@'), '\0'};
		set_repl(g, r, 2);
		return;
	}
	if (cp == 0x7f) {
		set_repl(g, "^?", 2);
		return;
	}
	if (lz_cp_is_control(cp)) {
		set_repl(g, "\xef\xbf\xbd", 1);
		return;
	}
	int w = wcwidth((wchar_t)cp);
	if (w < 0) {
		/* Unassigned, or a locale without UTF-8: the character is not
		 * a control, so it is kept, counted as one column. */
		w = 1;
	}
	g->bytes = s;
	g->nbytes = len;
	g->width = w;
}

int lz_text_nwidth(const char *s, size_t n)
{
	/* Tables measure every cell: printable ASCII is counted here, the
	 * rest glyph by glyph. */
	const unsigned char *u = (const unsigned char *)s;
	int w = 0;
	lz_glyph g;
	for (size_t i = 0; i < n; i += g.srclen) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			w++;
			g.srclen = 1;
			continue;
		}
		lz_glyph_next(s + i, n - i, &g);
		w += g.width;
	}
	return w;
}

int lz_text_width(const char *s)
{
	return lz_text_nwidth(s, strlen(s));
}

size_t lz_text_fit(const char *s, size_t n, int width, int *used)
{
	int w = 0;
	size_t i = 0;
	lz_glyph g;
	while (i < n) {
		lz_glyph_next(s + i, n - i, &g);
		if (w + g.width > width)
			break;
		w += g.width;
		i += g.srclen;
	}
	if (used)
		*used = w;
	return i;
}

void lz_text_print_escaped(FILE *out, const char *s, size_t n, const char *(*escape)(char c))
{
	/* Unchanged characters go out in runs, one write a run. */
	lz_glyph g;
	size_t run = 0;
	for (size_t i = 0; i < n; i += g.srclen) {
		/* Printable ASCII and most Chinese text pass as they are,
		 * checked here without a call. */
		const unsigned char *u = (const unsigned char *)s + i;
		if (!escape && u[0] >= 0x20 && u[0] < 0x7f) {
			g.srclen = 1;
			continue;
		}
		if (plain_three_byte(u, n - i)) {
			g.srclen = 3;
			continue;
		}
		const char *e = escape && u[0] < 0x80 ? escape(s[i]) : NULL;
		if (e) {
			fwrite(s + run, 1, i - run, out);
			fputs(e, out);
			g.srclen = 1;
			run = i + 1;
			continue;
		}
		if ((g.srclen = lz_utf8_clean_char(s + i, n - i)))
			continue;
		lz_glyph_next(s + i, n - i, &g);
		fwrite(s + run, 1, i - run, out);
		fwrite(g.bytes, 1, g.nbytes, out);
		run = i + g.srclen;
	}
	fwrite(s + run, 1, n - run, out);
}

static void print_span(FILE *out, const char *s, size_t n)
{
	lz_text_print_escaped(out, s, n, NULL);
}

void lz_text_print(FILE *out, const char *s)
{
	print_span(out, s, strlen(s));
}

void lz_text_print_cell(FILE *out, const char *s, int width, bool pad)
{
	size_t n = strlen(s);
	int used;
	size_t fit = lz_text_fit(s, n, width, &used);
	if (fit < n && width > 0) {
		fit = lz_text_fit(s, n, width - 1, &used);
		print_span(out, s, fit);
		fputs("\xe2\x80\xa6", out); /* … */
		used++;
	} else {
		print_span(out, s, fit);
	}
	if (pad)
		for (; used < width; used++)
			fputc(' ', out);
}

/* Punctuation that Chinese typesetting never puts at the start of a line
 * (避头): it stays with the character before it. */
static bool no_line_start(const char *s, size_t n)
{
	static const char *const marks[] = {
		"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』",
		"”", "’", "…", ",", ".", ";", ":", "?", "!", ")", NULL};
	for (int i = 0; marks[i]; i++) {
		size_t len = strlen(marks[i]);
		if (len <= n && memcmp(s, marks[i], len) == 0)
			return true;
	}
	return false;
}

/* Punctuation that never ends a line (避尾): an opening quote or bracket
 * goes down with the character it opens. */
static bool no_line_end(const char *s, size_t n)
{
	static const char *const marks[] = {"“", "‘", "《", "（", "「", "『", "〔", "【", "(", NULL};
	for (int i = 0; marks[i]; i++) {
		size_t len = strlen(marks[i]);
		if (len == n && memcmp(s, marks[i], len) == 0)
			return true;
	}
	return false;
}

/* Start of the last character of s[0..end). */
static size_t last_char(const char *s, size_t end)
{
	size_t prev = 0, i = 0;
	lz_glyph g;
	while (i < end) {
		prev = i;
		lz_glyph_next(s + i, end - i, &g);
		i += g.srclen;
	}
	return prev;
}

static bool is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '\'' || c == '-';
}

size_t lz_text_line_break(const char *s, size_t n, int width)
{
	size_t fit = lz_text_fit(s, n, width, NULL);
	if (fit == 0 && n > 0) {
		lz_glyph g;
		lz_glyph_next(s, n, &g);
		return g.srclen;
	}
	if (fit == n)
		return fit;
	if (fit > 0 && is_word_byte(s[fit - 1]) && is_word_byte(s[fit])) {
		/* Inside a Latin word: break after the last space before it,
		 * when the line has one. */
		size_t sp = fit;
		while (sp > 0 && s[sp - 1] != ' ')
			sp--;
		if (sp > 0)
			return sp;
	}
	/* Step back a character at a time while the next line would start
	 * with closing punctuation or this one end with opening punctuation. */
	size_t cut = fit;
	for (int step = 0; step < 4 && cut > 0; step++) {
		size_t last = last_char(s, cut);
		if (!no_line_start(s + cut, n - cut) && !no_line_end(s + last, cut - last))
			return cut;
		cut = last;
	}
	return fit;
}

void lz_text_print_wrapped(FILE *out, const char *s, int width, int indent)
{
	if (*s)
		fprintf(out, "%*s", indent, "");
	lz_text_print_hanging(out, s, width + indent, indent, indent);
}

void lz_text_print_hanging(FILE *out, const char *s, int width, int col, int indent)
{
	int room = width - col;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t off = 0;
		do {
			if (room < 2)
				room = 2;
			size_t fit = lz_text_line_break(s + off, n - off, room);
			/* A line broken at a space keeps no blank at its end. */
			size_t shown = fit;
			while (off + fit < n && shown > 0 && s[off + shown - 1] == ' ')
				shown--;
			print_span(out, s + off, shown);
			fputc('\n', out);
			off += fit;
			/* A line wrapped at spaces does not start the next with them. */
			while (off < n && s[off] == ' ')
				off++;
			room = width - indent;
			if (off < n || (nl && nl[1]))
				fprintf(out, "%*s", indent, "");
		} while (off < n);
		s += n;
		if (*s == '\n')
			s++;
	}
}

void lz_tsv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		/* Printable text, the common case, goes out as it is. */
		size_t run = 0, len;
		while (i + run < n && s[i + run] != '\\' &&
		       (len = lz_utf8_clean_char(s + i + run, n - i - run)) > 0)
			run += len;
		if (run) {
			fwrite(s + i, 1, run, out);
			i += run;
			continue;
		}
		uint32_t cp;
		len = lz_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			fputs("\xef\xbf\xbd", out);  /* U+FFFD: not UTF-8 */
			i++;
			continue;
		}
		switch (cp) {
		case '\\': fputs("\\\\", out); break;
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			/* Any other control character (an escape sequence's ESC,
			 * BEL, a C1 CSI, a bidirectional override) is written as
			 * its number, never raw to a terminal or a script. */
			if (cp < 0x80)
				fprintf(out, "\\x%02x", (unsigned)cp);
			else
				fprintf(out, "\\u%04x", (unsigned)cp);
		}
		i += len;
	}
}

char *lz_text_visible(const char *s, const char *keep)
{
	if (!s)
		return NULL;
	size_t n = strlen(s), i = 0, len;
	while (i < n && ((len = lz_utf8_clean_char(s + i, n - i)) > 0 ||
			 (s[i] && strchr(keep, s[i]))))
		i += len ? len : 1;
	if (i == n)
		return NULL;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	if (!out)
		abort();
	fwrite(s, 1, i, out);
	lz_glyph g;
	while (i < n) {
		if (s[i] && strchr(keep, s[i])) {
			fputc(s[i], out);
			i++;
			continue;
		}
		lz_glyph_next(s + i, n - i, &g);
		fwrite(g.bytes, 1, g.nbytes, out);
		i += g.srclen;
	}
	fclose(out);
	return buf;
}

size_t lz_utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

char *lz_vformat(const char *fmt, va_list ap)
{
	char *text;
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	return text;
}
