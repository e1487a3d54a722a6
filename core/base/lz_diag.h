/* Diagnostics about user input: a list of {file, line, column, message}
 * that a caller prints as FILE:LINE:COL: message.  Collecting them, rather
 * than stopping at the first, lets one run report every problem.  A
 * message about a whole line or row leaves out the column. */
#ifndef LZ_DIAG_H
#define LZ_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define LZ_DIAG_LIMIT 50

typedef struct lz_diag {
	char *file;
	int line;  /* 1-based; 0 when the message is about the whole file */
	int col;   /* 1-based, in characters; 0 when it is about the whole line
		    * (a CSV row: FILE:ROW: message) */
	char *message;
} lz_diag;

typedef struct lz_diags {
	lz_diag *items;
	size_t count;
	size_t capacity;
	size_t dropped;  /* messages beyond LZ_DIAG_LIMIT */
} lz_diags;

void lz_diags_init(lz_diags *d);
void lz_diags_free(lz_diags *d);
void lz_diags_add(lz_diags *d, const char *file, int line, int col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int lz_diags_full(const lz_diags *d);
/* Prints each diagnostic on its own line, and a final line when some were
 * dropped because of the limit. */
void lz_diags_print(const lz_diags *d, FILE *out);
/* Orders the diagnostics from index `from` on by line and column, keeping
 * the order of those at the same place. */
void lz_diags_sort(lz_diags *d, size_t from);

#endif
