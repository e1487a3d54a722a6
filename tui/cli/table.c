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
		size_t *cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		int *widths = realloc(t->widths, cap * t->ncols * sizeof *widths);
		if (!cells || !widths)
			abort();
		t->cells = cells;
		t->widths = widths;
		t->cap = cap;
	}
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = row[c] ? row[c] : "";
		size_t n = strlen(s) + 1;
		if (t->pool_len + n > t->pool_cap) {
			size_t cap = t->pool_cap ? t->pool_cap : 4096;
			while (cap < t->pool_len + n)
				cap *= 2;
			t->pool = realloc(t->pool, cap);
			if (!t->pool)
				abort();
			t->pool_cap = cap;
		}
		memcpy(t->pool + t->pool_len, s, n);
		t->cells[t->nrows * t->ncols + c] = t->pool_len;
		t->pool_len += n;
		t->widths[t->nrows * t->ncols + c] = lz_text_width(s);
	}
	t->nrows++;
}

static const char *cell_at(const table *t, size_t r, size_t c)
{
	return t->pool + t->cells[r * t->ncols + c];
}

static void put_spaces(FILE *out, int n)
{
	static const char spaces[] = "                                ";
	for (; n > 0; n -= (int)sizeof spaces - 1)
		fwrite(spaces, 1, n < (int)sizeof spaces - 1 ? (size_t)n : sizeof spaces - 1, out);
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
		while (ncols > 1 && !cell_at(t, r, ncols - 1)[0])
			ncols--;
		put_spaces(out, indent);
		for (size_t c = 0; c < ncols; c++) {
			const char *cell = cell_at(t, r, c);
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
					put_spaces(out, cw - have);
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
	free(t->pool);
	free(t->cells);
	free(t->widths);
	memset(t, 0, sizeof *t);
}
