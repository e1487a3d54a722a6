/* The ledger as plain text, 80 columns, laid out by display width (a CJK
 * character takes two): tables whose short columns fit are drawn as
 * aligned columns with the long text wrapped beside them, wider ones as
 * one "label: value" block per row.  Text is printed sanitised. */
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "lz_vec.h"
#include "report_sink.h"

enum { WIDTH = 80, INDENT = 2, MIN_LONG = 16, PARA_INDENT = 4 };

typedef struct txt_row {
	char **cells;  /* copies; NULL continues the cell above */
	bool alert;
} txt_row;

typedef struct txt {
	lz_vec rows;  /* txt_row, the current table's */
	bool blank;   /* the last line written is empty */
} txt;

/* Copies a cell as one line for a column: a line break in a short cell
 * would break the grid. */
static char *one_line(const char *s)
{
	char *c = strdup(s);
	if (!c)
		abort();
	for (char *p = c; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return c;
}

static void pad(FILE *o, int n)
{
	if (n > 0)
		fprintf(o, "%*s", n, "");
}

static void centered(FILE *o, const char *s)
{
	pad(o, (WIDTH - lz_text_width(s)) / 2);
	lz_text_print(o, s);
	fputc('\n', o);
}

static void begin(report_sink *s, const char *title, const char *const *lines, size_t n)
{
	txt *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->rows = LZ_VEC(txt_row);
	s->priv = t;
	centered(s->out, title);
	for (size_t i = 0; i < n; i++)
		centered(s->out, lines[i]);
}

/* Every block but a part's or a section's heading ends without a blank
 * line; a heading has one before it, and parts and sections one after. */
static void block(report_sink *s)
{
	((txt *)s->priv)->blank = false;
}

static void heading(report_sink *s, int level, const char *text)
{
	txt *t = s->priv;
	if (!t->blank)
		fputc('\n', s->out);
	lz_text_print_wrapped(s->out, text, WIDTH, 0);
	t->blank = level < 3;
	if (t->blank)
		fputc('\n', s->out);
}

static void paragraph(report_sink *s, const char *text)
{
	/* Two characters' indent, as a Chinese paragraph starts. */
	pad(s->out, PARA_INDENT);
	lz_text_print_hanging(s->out, text, WIDTH, PARA_INDENT, 0);
	block(s);
}

/* "label: value" from column col, where the cursor is. */
static void labelled(FILE *o, const char *label, const char *value, int col, int indent)
{
	char *line;
	if (asprintf(&line, "%s%s", label, value) < 0)
		abort();
	lz_text_print_hanging(o, line, WIDTH, col, indent);
	free(line);
}

static void field(report_sink *s, const char *label, const char *value)
{
	labelled(s->out, label, value, 0, 0);
	block(s);
}

static void note(report_sink *s, const char *text)
{
	lz_text_print_wrapped(s->out, text, WIDTH, 0);
	block(s);
}

static void table(report_sink *s, const report_col *cols, size_t n)
{
	(void)s;
	(void)cols;
	(void)n;
}

static void row(report_sink *s, const char *const *cells, bool alert)
{
	txt *t = s->priv;
	txt_row *r = lz_vec_push(&t->rows);
	r->alert = alert;
	r->cells = calloc(s->ncols, sizeof *r->cells);
	if (!r->cells)
		abort();
	for (size_t i = 0; i < s->ncols; i++)
		if (cells[i]) {
			r->cells[i] = strdup(cells[i]);
			if (!r->cells[i])
				abort();
		}
}

static const char *cell(const txt_row *r, size_t i)
{
	return r->cells[i] ? r->cells[i] : "";
}

/* "label: " as the report's fields write it. */
static char *label_of(const report_col *c)
{
	char *l;
	if (asprintf(&l, _("%s: "), c->label) < 0)
		abort();
	return l;
}

/* One block a row: the first cell leads ("3. " for a number), every
 * other non-empty cell follows as "label: value". */
static void print_records(report_sink *s, const txt_row *rows, size_t n)
{
	FILE *o = s->out;
	bool numbered = s->cols[0].flags & RCOL_NUM;
	for (size_t i = 0; i < n; i++) {
		const txt_row *r = &rows[i];
		if (i)
			fputc('\n', o);
		fputs(r->alert ? "! " : "  ", o);
		int indent = INDENT + 2;
		bool first = true;
		size_t from = 0;
		if (numbered) {
			fprintf(o, "%s. ", cell(r, 0));
			indent = INDENT + lz_text_width(cell(r, 0)) + 2;
			from = 1;
		}
		for (size_t c = from; c < s->ncols; c++) {
			if (!*cell(r, c))
				continue;
			if (!first)
				pad(o, indent);
			char *label = label_of(&s->cols[c]);
			labelled(o, label, cell(r, c), indent, indent);
			free(label);
			first = false;
		}
		if (first)
			fputc('\n', o);
	}
}

/* Columns: the short ones in their order, then the long ones wrapped
 * from where the short ones end, the first beside them, the others on
 * lines of their own under it. */
static void print_grid(report_sink *s, const txt_row *rows, size_t n, const int *w,
		       int long_col)
{
	FILE *o = s->out;
	size_t first_long = s->ncols;
	for (size_t c = 0; c < s->ncols; c++)
		if (s->cols[c].flags & RCOL_LONG) {
			first_long = c;
			break;
		}
	/* The header, then a rule as wide as the table. */
	fputs("  ", o);
	int owed = 0;
	for (size_t c = 0; c < s->ncols; c++) {
		if (s->cols[c].flags & RCOL_LONG)
			continue;
		pad(o, owed);
		lz_text_print(o, s->cols[c].label);
		owed = w[c] - lz_text_width(s->cols[c].label) + 2;
	}
	if (first_long < s->ncols) {
		pad(o, owed);
		lz_text_print(o, s->cols[first_long].label);
	}
	fputc('\n', o);
	int rule = first_long < s->ncols ? WIDTH - INDENT : long_col - INDENT - 2;
	fputs("  ", o);
	for (int i = 0; i < rule; i++)
		fputc('-', o);
	fputc('\n', o);
	for (size_t i = 0; i < n; i++) {
		const txt_row *r = &rows[i];
		fputs(r->alert ? "! " : "  ", o);
		/* Spaces are owed, not printed, until something follows them:
		 * no line ends in blanks. */
		owed = 0;
		for (size_t c = 0; c < s->ncols; c++) {
			if (s->cols[c].flags & RCOL_LONG)
				continue;
			char *v = one_line(cell(r, c));
			int vw = lz_text_width(v);
			if (*v) {
				pad(o, owed + ((s->cols[c].flags & RCOL_NUM) ? w[c] - vw : 0));
				lz_text_print(o, v);
				owed = (s->cols[c].flags & RCOL_NUM) ? 2 : w[c] - vw + 2;
			} else {
				owed += w[c] + 2;
			}
			free(v);
		}
		bool line_open = true;
		for (size_t c = first_long; c < s->ncols; c++) {
			if (!(s->cols[c].flags & RCOL_LONG) || !*cell(r, c))
				continue;
			if (c == first_long) {
				pad(o, owed);
				lz_text_print_hanging(o, cell(r, c), WIDTH, long_col, long_col);
			} else {
				if (line_open)
					fputc('\n', o);
				pad(o, long_col);
				char *label = label_of(&s->cols[c]);
				labelled(o, label, cell(r, c), long_col, long_col);
				free(label);
			}
			line_open = false;
		}
		if (line_open)
			fputc('\n', o);
	}
}

static void table_end(report_sink *s)
{
	txt *t = s->priv;
	const txt_row *rows = t->rows.v;
	size_t n = t->rows.n;
	int *w = calloc(s->ncols, sizeof *w);
	if (!w)
		abort();
	int used = INDENT;
	bool has_long = false;
	for (size_t c = 0; c < s->ncols; c++) {
		if (s->cols[c].flags & RCOL_LONG) {
			has_long = true;
			continue;
		}
		w[c] = lz_text_width(s->cols[c].label);
		for (size_t i = 0; i < n; i++) {
			char *v = one_line(cell(&rows[i], c));
			int vw = lz_text_width(v);
			free(v);
			if (vw > w[c])
				w[c] = vw;
		}
		used += w[c] + 2;
	}
	bool fits = has_long ? used + MIN_LONG <= WIDTH : used - 2 <= WIDTH;
	if (fits)
		print_grid(s, rows, n, w, used);
	else
		print_records(s, rows, n);
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < s->ncols; c++)
			free(rows[i].cells[c]);
		free(rows[i].cells);
	}
	t->rows.n = 0;
	free(w);
	block(s);
}

static void end(report_sink *s)
{
	txt *t = s->priv;
	lz_vec_free(&t->rows);
	free(t);
	s->priv = NULL;
}

const report_sink_ops report_txt_ops = {begin, heading, paragraph, field, note,
					 table, row, table_end, end};
