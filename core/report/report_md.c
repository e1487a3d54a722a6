/* The ledger as Markdown (CommonMark with GitHub's tables), for pasting
 * into a wiki, a chat or an editor that renders it.  Text from the records
 * is escaped so it stays text: no markup, no HTML, no broken table. */
#include <string.h>

#include "lz_text.h"
#include "report_sink.h"

/* Backslash-escapes what CommonMark could read as markup inline (any
 * ASCII punctuation may be escaped); a line break in a table cell is
 * <br>, since a cell is one line. */
static const char *markup(char c)
{
	static const char *const escaped[128] = {
		['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_", ['['] = "\\[",
		[']'] = "\\]", ['<'] = "\\<", ['>'] = "\\>", ['&'] = "\\&", ['|'] = "\\|",
		['~'] = "\\~", ['#'] = "\\#", ['!'] = "\\!",
	};
	return escaped[(unsigned char)c & 0x7f];
}

static const char *markup_in_cell(char c)
{
	return c == '\n' ? "<br>" : markup(c);
}

static void esc_n(FILE *o, const char *s, size_t n, bool in_cell)
{
	lz_text_print_escaped(o, s, n, in_cell ? markup_in_cell : markup);
}

/* A line of body text: what would start a block (a heading, a list, a
 * quote, a code block) is escaped or dropped first. */
static void line_out(FILE *o, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	size_t digits = 0;
	while (digits < n && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (n && strchr("-+=>", *s)) {
		fputc('\\', o);
	} else if (digits && digits < n && (s[digits] == '.' || s[digits] == ')')) {
		fwrite(s, 1, digits, o);
		fputc('\\', o);
		s += digits;
		n -= digits;
	}
	esc_n(o, s, n, false);
}

static void text_out(FILE *o, const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		line_out(o, s, n);
		fputs("\n\n", o);
		s += n + (nl != NULL);
	}
}

static void begin(report_sink *s, const char *title, const char *const *lines, size_t n)
{
	fputs("# ", s->out);
	esc_n(s->out, title, strlen(title), false);
	fputs("\n\n", s->out);
	for (size_t i = 0; i < n; i++)
		text_out(s->out, lines[i]);
}

static void heading(report_sink *s, int level, const char *text)
{
	fprintf(s->out, "%.*s ", level + 1, "####");
	esc_n(s->out, text, strlen(text), true);
	fputs("\n\n", s->out);
}

static void paragraph(report_sink *s, const char *text)
{
	text_out(s->out, text);
}

static void field(report_sink *s, const char *label, const char *value)
{
	/* Strong emphasis must close right after a character, not a space. */
	size_t n = strlen(label);
	while (n && label[n - 1] == ' ')
		n--;
	fputs("**", s->out);
	esc_n(s->out, label, n, true);
	fputs("**", s->out);
	fputs(label + n, s->out);
	esc_n(s->out, value, strlen(value), true);
	fputs("\n\n", s->out);
}

static void note(report_sink *s, const char *text)
{
	fputc('*', s->out);
	esc_n(s->out, text, strlen(text), true);
	fputs("*\n\n", s->out);
}

static void table(report_sink *s, const report_col *cols, size_t n)
{
	FILE *o = s->out;
	for (size_t i = 0; i < n; i++) {
		fputs("| ", o);
		esc_n(o, cols[i].label, strlen(cols[i].label), true);
		fputc(' ', o);
	}
	fputs("|\n", o);
	for (size_t i = 0; i < n; i++)
		fputs(cols[i].flags & RCOL_NUM ? "| ---: " : "| --- ", o);
	fputs("|\n", o);
}

static void row(report_sink *s, const char *const *cells, bool alert)
{
	(void)alert;  /* the cells say it (“late”) */
	FILE *o = s->out;
	for (size_t i = 0; i < s->ncols; i++) {
		fputs("| ", o);
		if (cells[i])
			esc_n(o, cells[i], strlen(cells[i]), true);
		fputc(' ', o);
	}
	fputs("|\n", o);
}

static void table_end(report_sink *s)
{
	fputc('\n', s->out);
}

static void end(report_sink *s)
{
	(void)s;
}

const report_sink_ops report_md_ops = {begin, heading, paragraph, field, note,
					table, row, table_end, end};
