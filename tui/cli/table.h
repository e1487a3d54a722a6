/* Aligned text tables for command output: columns sized by display width
 * (a CJK character takes two columns), the last column cut to the output
 * width, every cell sanitised. */
#ifndef LZ_TABLE_H
#define LZ_TABLE_H

#include <stdio.h>

typedef struct table {
	size_t ncols;
	size_t nrows;  /* header included */
	size_t cap;
	/* Cells are copied one after another into pool (each with its NUL):
	 * a day's list of hundreds of rows costs a few reallocations, not a
	 * malloc per cell. */
	char *pool;
	size_t pool_len, pool_cap;
	size_t *cells;  /* row-major offsets into pool */
	int *widths;    /* display width of each cell, measured once */
} table;

void table_init(table *t, size_t ncols);
/* Adds a row of ncols strings (NULL counts as ""). */
void table_add(table *t, const char *const *row);
void table_print(const table *t, FILE *out, int indent, int width);
void table_free(table *t);

#endif
