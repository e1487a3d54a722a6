#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "lz_text.h"

void table_init(table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
}

void table_add(table *t, const char *const *row)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		int *widths = realloc(t->widths, cap * t->ncols * sizeof *widths);
		if (!cells || !widths)
			abort();
		t->cells = cells;
		t->widths = widths;
		t->cap = cap;
	}
	for (size_t c = 0; c < t->ncols; c++) {
		char *s = strdup(row[c] ? row[c] : "");
		if (!s)
			abort();
		t->cells[t->nrows * t->ncols + c] = s;
		t->widths[t->nrows * t->ncols + c] = lz_text_width(s);
	}
	t->nrows++;
}

void table_print(const table *t, FILE *out, int indent, int width)
{
	int *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
	if (!w)
		abort();
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			int cw = t->widths[r * t->ncols + c];
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		int used = indent;
		/* Cells after the last non-empty one are not printed, so rows
		 * carry no trailing blanks. */
		size_t ncols = t->ncols;
		while (ncols > 1 && !t->cells[r * t->ncols + ncols - 1][0])
			ncols--;
		fprintf(out, "%*s", indent, "");
		for (size_t c = 0; c < ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			bool last = c + 1 == ncols;
			int cw = w[c];
			if (last) {
				cw = width - used;
				if (cw < 8)
					cw = 8;
			}
			int have = t->widths[r * t->ncols + c];
			if (have <= cw) {
				/* It fits: no cutting to work out, only padding. */
				lz_text_print(out, cell);
				if (!last)
					fprintf(out, "%*s", cw - have, "");
			} else {
				lz_text_print_cell(out, cell, cw, !last);
			}
			used += cw + 2;
			if (!last)
				fputs("  ", out);
		}
		fputc('\n', out);
	}
	free(w);
}

void table_free(table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->widths);
	memset(t, 0, sizeof *t);
}
