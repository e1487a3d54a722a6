/* UTF-8 text as a terminal shows it: display width (a CJK character takes
 * two columns), cutting only between characters, and control characters
 * from data turned into harmless visible forms before they reach a
 * terminal.  Width comes from wcwidth(3), so the caller must have set an
 * LC_CTYPE with UTF-8 (lz_text_init_locale does that). */
#ifndef LZ_TEXT_H
#define LZ_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Selects the user's locale for characters and messages; when its
 * character set is not UTF-8, falls back to C.UTF-8 for LC_CTYPE so width
 * and input still work. */
void lz_text_init_locale(void);

/* Decodes one UTF-8 sequence of at most n bytes; returns its length, or 0
 * for an invalid, overlong or truncated sequence or a surrogate. */
size_t lz_utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t lz_utf8_encode(uint32_t cp, char out[4]);
/* On failure *bad is the offset of the first byte that is not valid UTF-8. */
bool lz_utf8_valid(const char *s, size_t n, size_t *bad);

bool lz_cp_is_control(uint32_t cp);

/* What makes a character unfit for text people type into a record, apart
 * from ordinary controls: it breaks a line without being a newline, it is
 * invisible (so two titles that look alike differ, or one that looks
 * empty is not), or it reorders the text around it on screen. */
typedef enum lz_char_trap {
	LZ_CHAR_PLAIN,
	LZ_CHAR_LINE_SEPARATOR,  /* U+2028, U+2029 */
	LZ_CHAR_INVISIBLE,       /* zero-width and other format characters */
	LZ_CHAR_BIDI,            /* bidirectional embeddings, overrides, isolates */
} lz_char_trap;
lz_char_trap lz_char_trap_of(uint32_t cp);
/* The Unicode name of a character lz_char_trap_of flags, e.g. "ZERO WIDTH
 * SPACE"; "" for any other. */
const char *lz_char_name(uint32_t cp);
/* Space that shows as blank: ASCII space and tab, no-break and
 * ideographic spaces, the typographic spaces of U+2000-U+200A. */
bool lz_cp_is_space(uint32_t cp);
/* True when s[0..n) has nothing but spaces, line breaks and invisible
 * characters: text that looks empty.  Invalid UTF-8 is not blank. */
bool lz_text_blank(const char *s, size_t n);
/* Length of the character at s when it is printed as it is (valid UTF-8,
 * not a control character), else 0: a glyph is needed. */
size_t lz_utf8_clean_char(const char *s, size_t n);

/* One display unit of a string: either the source bytes themselves or, for
 * an invalid byte or a control character, a visible replacement. */
typedef struct lz_glyph {
	const char *bytes;  /* what to print */
	size_t nbytes;
	size_t srclen;      /* how many source bytes it stands for */
	int width;          /* columns; 0 for combining marks */
	char repl[8];       /* storage for replacements */
} lz_glyph;

/* Reads the glyph at s (n bytes remain, n > 0).  Newlines are shown as
 * controls too: callers that lay out lines split on them first. */
void lz_glyph_next(const char *s, size_t n, lz_glyph *g);

int lz_text_width(const char *s);
int lz_text_nwidth(const char *s, size_t n);
/* Prints s sanitised, cut to at most width columns (with "…" where cut) and
 * padded with spaces to exactly width columns when pad is set. */
void lz_text_print_cell(FILE *out, const char *s, int width, bool pad);
/* Prints s sanitised, uncut. */
void lz_text_print(FILE *out, const char *s);
/* Prints s[0..n) sanitised, with each ASCII character that escape gives
 * a replacement for (not NULL) replaced: text into a markup language. */
void lz_text_print_escaped(FILE *out, const char *s, size_t n, const char *(*escape)(char c));
/* Length in bytes of the longest prefix of s[0..n) that fits in width
 * columns without cutting a character; *used receives its width. */
size_t lz_text_fit(const char *s, size_t n, int width, int *used);
/* Bytes of s[0..n) to put on a line of at most width columns: never zero,
 * never cutting a character, not inside a Latin word when the line has a
 * space to break at, and, when a few characters can move down instead,
 * leaving no closing punctuation (，。、）” …, "”、" is two) to start the
 * next line and no opening one (“《（ …) to end this one. */
size_t lz_text_line_break(const char *s, size_t n, int width);
/* Prints s wrapped to lines of at most width columns, each prefixed with
 * indent spaces; existing newlines start new lines. */
void lz_text_print_wrapped(FILE *out, const char *s, int width, int indent);
/* Prints s wrapped within width columns: the first line from column col
 * (what precedes it is already written: a paragraph's indent, a table
 * row's other cells), the others after indent spaces. */
void lz_text_print_hanging(FILE *out, const char *s, int width, int col, int indent);

/* Length of the longest prefix of s of at most max bytes that does not
 * end inside a UTF-8 sequence. */
size_t lz_utf8_prefix(const char *s, size_t max);

/* Writes s as one TSV field: backslash, tab, newline and carriage return
 * escaped as \\, \t, \n, \r so a record always stays on one line; any
 * other control character as \xHH (below U+0080) or \uHHHH (C1 controls,
 * bidirectional overrides), a byte that is not UTF-8 as U+FFFD, so that
 * no terminal or script ever receives one raw. */
void lz_tsv_field(FILE *out, const char *s);

/* s with its control characters made visible as the screen shows them
 * (lz_glyph_next: ^[ for ESC, U+FFFD for a C1 control or a byte that is
 * not UTF-8), but for the ASCII controls in keep ("\n", say): a malloc'd
 * copy, or NULL when s needs no change. */
char *lz_text_visible(const char *s, const char *keep);
/* The formatted text, malloc'd; running out of memory aborts, as every
 * allocation here does. */
char *lz_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
