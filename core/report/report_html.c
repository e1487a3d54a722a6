/* The ledger as one self-contained HTML file made for A4 paper, in the
 * habits of Chinese official documents (GB/T 9704): the title in 小标宋,
 * body in 仿宋 三号 (16 pt), part headings in 黑体 and section headings in
 * 楷体, each with the fonts WPS, Windows and macOS have as fallbacks.
 * Only HTML 4 elements, so any parser (and xmllint --html) reads it;
 * every text from the records is escaped. */
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "report_sink.h"

static const char style[] =
	"@page { size: A4; margin: 37mm 26mm 35mm 28mm;\n"
	"  @bottom-center { content: \"\\2014  \" counter(page) \"  \\2014\";"
	" font-family: \"宋体\", \"SimSun\", \"Songti SC\", serif; font-size: 14pt; } }\n"
	"body { font-family: \"仿宋_GB2312\", \"仿宋\", \"FangSong_GB2312\", \"FangSong\","
	" \"STFangsong\", serif; font-size: 16pt; line-height: 1.75; color: #000; margin: 0; }\n"
	"@media screen { body { max-width: 156mm; margin: 2em auto; padding: 0 1em; } }\n"
	"h1 { font-family: \"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"FZXiaoBiaoSong-B05\","
	" \"华文中宋\", \"STZhongsong\", \"宋体\", \"SimSun\", serif; font-size: 22pt;"
	" font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 0.6em; }\n"
	"h2 { font-family: \"黑体\", \"SimHei\", \"STHeiti\", \"Heiti SC\", sans-serif;"
	" font-size: 16pt; font-weight: normal; margin: 1.2em 0 0.4em; page-break-after: avoid; }\n"
	"h3 { font-family: \"楷体_GB2312\", \"楷体\", \"KaiTi_GB2312\", \"KaiTi\", \"STKaiti\", serif;"
	" font-size: 16pt; font-weight: normal; margin: 0.9em 0 0.3em; page-break-after: avoid; }\n"
	"h4 { font-size: 16pt; font-weight: bold; margin: 0.7em 0 0.2em; page-break-after: avoid; }\n"
	"p { margin: 0; text-indent: 2em; text-align: justify; }\n"
	"p.sub, p.field, p.note { text-indent: 0; }\n"
	"p.sub { text-align: center; }\n"
	"p.note { font-size: 12pt; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 0.3em 0 0.8em;"
	" font-size: 10.5pt; line-height: 1.4; }\n"
	"thead { display: table-header-group; }\n"
	"tr { page-break-inside: avoid; }\n"
	"th, td { border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: top; text-align: left; }\n"
	"th { font-family: \"黑体\", \"SimHei\", \"STHeiti\", sans-serif; font-weight: normal;"
	" text-align: center; }\n"
	"td.num { text-align: right; white-space: nowrap; }\n"
	"td.cont { border-top-style: hidden; }\n"
	"tr.late td { font-weight: bold; }\n"
	"p.field { overflow-wrap: anywhere; }\n";

/* Text into HTML: markup characters as entities, line breaks as <br>;
 * control characters and bytes that are not UTF-8 become visible. */
static const char *entity(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\n': return "<br>";
	}
	return NULL;
}

static void esc_n(FILE *o, const char *s, size_t n)
{
	lz_text_print_escaped(o, s, n, entity);
}

static void esc(FILE *o, const char *s)
{
	esc_n(o, s, strlen(s));
}

static void begin(report_sink *s, const char *title, const char *const *lines, size_t n)
{
	FILE *o = s->out;
	fprintf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		C_("HTML language of the report", "en"));
	fputs("<title>", o);
	esc(o, title);
	fprintf(o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
	esc(o, title);
	fputs("</h1>\n", o);
	for (size_t i = 0; i < n; i++) {
		fputs("<p class=\"sub\">", o);
		esc(o, lines[i]);
		fputs("</p>\n", o);
	}
}

static void heading(report_sink *s, int level, const char *text)
{
	fprintf(s->out, "<h%d>", level + 1);
	esc(s->out, text);
	fprintf(s->out, "</h%d>\n", level + 1);
}

static void paragraph(report_sink *s, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		fputs("<p>", s->out);
		esc_n(s->out, text, n);
		fputs("</p>\n", s->out);
		text += n + (nl != NULL);
	}
}

static void field(report_sink *s, const char *label, const char *value)
{
	fputs("<p class=\"field\"><b>", s->out);
	esc(s->out, label);
	fputs("</b>", s->out);
	esc(s->out, value);
	fputs("</p>\n", s->out);
}

static void note(report_sink *s, const char *text)
{
	fputs("<p class=\"note\">", s->out);
	esc(s->out, text);
	fputs("</p>\n", s->out);
}

static void table(report_sink *s, const report_col *cols, size_t n)
{
	fputs("<table>\n<thead><tr>", s->out);
	for (size_t i = 0; i < n; i++) {
		fputs("<th>", s->out);
		esc(s->out, cols[i].label);
		fputs("</th>", s->out);
	}
	fputs("</tr></thead>\n<tbody>\n", s->out);
}

static void row(report_sink *s, const char *const *cells, bool alert)
{
	FILE *o = s->out;
	fputs(alert ? "<tr class=\"late\">" : "<tr>", o);
	for (size_t i = 0; i < s->ncols; i++) {
		/* A continued cell is empty and drawn without its top rule, so
		 * a period's meetings read as one group. */
		fputs(!cells[i] ? "<td class=\"cont\">"
		      : (s->cols[i].flags & RCOL_NUM) ? "<td class=\"num\">" : "<td>", o);
		if (cells[i])
			esc(o, cells[i]);
		fputs("</td>", o);
	}
	fputs("</tr>\n", o);
}

static void table_end(report_sink *s)
{
	fputs("</tbody>\n</table>\n", s->out);
}

static void end(report_sink *s)
{
	fputs("</body>\n</html>\n", s->out);
}

const report_sink_ops report_html_ops = {begin, heading, paragraph, field, note,
					  table, row, table_end, end};
