/* CSV as WPS and Excel read and write it (RFC 4180): UTF-8 with a byte
 * order mark so Chinese opens correctly, fields quoted when they hold a
 * comma, a quote or a line break, rows ended by CRLF.  A cell that a
 * spreadsheet would run as a formula is written with a leading apostrophe
 * and read back without it, so a value can never become a formula and
 * every value survives a round trip byte for byte. */
#ifndef LZ_CSV_H
#define LZ_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lz_arena.h"
#include "lz_diag.h"

#define LZ_CSV_BOM "\xef\xbb\xbf"

/* Writing: the BOM once, then fields; lz_csv_end_row ends each row. */
typedef struct lz_csv_writer {
	FILE *out;
	bool row_started;
} lz_csv_writer;

void lz_csv_begin(lz_csv_writer *w, FILE *out);
void lz_csv_field(lz_csv_writer *w, const char *s);
void lz_csv_end_row(lz_csv_writer *w);

/* True when a spreadsheet would read s as a formula or a control (it
 * starts with = + - @, a tab or a CR), also after apostrophes, which is
 * what makes the apostrophe added on writing removable on reading. */
bool lz_csv_needs_guard(const char *s);

/* Reading, row by row from a stream, so that a file of any length takes
 * the memory of its longest row.  Rows are numbered as a spreadsheet
 * shows them (the header is row 1); a row may span several lines when a
 * quoted field holds line breaks.  Structural problems (an unclosed
 * quote, text after a closing quote, a quote inside an unquoted field,
 * bytes that are not UTF-8, a NUL byte, a byte order mark starting a row
 * other than the first) are added to diags as FILE:ROW: message, one a
 * row; rows with such a problem are still returned, marked bad. */
typedef struct lz_csv_row {
	int number;
	char **fields;  /* unquoted, guard apostrophe removed, CRLF inside a field read as LF */
	size_t n;
	bool bad;
} lz_csv_row;

typedef struct lz_csv_reader {
	const char *file;
	FILE *in;
	lz_diags *diags;
	size_t problems;   /* added to diags so far */
	int read_errno;    /* a read of in failed: its errno */
	/* private */
	unsigned char *in_buf;
	size_t in_pos, in_len;
	bool in_eof, started, row_bad;
	int row;
	char *text;        /* the row's fields, each ended by a NUL */
	size_t text_n, text_cap;
	size_t *starts;    /* where each field starts in text */
	char **fields;
	size_t n_fields, cap_fields;
} lz_csv_reader;

/* file names the stream in messages. */
void lz_csv_reader_init(lz_csv_reader *r, const char *file, FILE *in, lz_diags *diags);
/* The next row into *row, its strings valid until the next call; false at
 * the end of the stream, or when it cannot be read (read_errno set). */
bool lz_csv_read_row(lz_csv_reader *r, lz_csv_row *row);
void lz_csv_reader_free(lz_csv_reader *r);

/* A whole text in memory, for tests and small tables. */
typedef struct lz_csv_table {
	lz_csv_row *rows;
	size_t n;
} lz_csv_table;

/* Parses data[0..len) into arena; returns the number of problems added. */
size_t lz_csv_parse(const char *file, const char *data, size_t len, lz_arena *arena,
		    lz_csv_table *out, lz_diags *diags);

#endif
