#include "lz_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"
#include "lz_vec.h"

/* ---- writing ---- */

void lz_csv_begin(lz_csv_writer *w, FILE *out)
{
	w->out = out;
	w->row_started = false;
	fputs(LZ_CSV_BOM, out);
}

static bool is_trigger(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool lz_csv_needs_guard(const char *s)
{
	while (*s == '\'')
		s++;
	return is_trigger(*s);
}

void lz_csv_field(lz_csv_writer *w, const char *s)
{
	if (!s)
		s = "";
	/* A spreadsheet or a terminal showing the file must never receive a
	 * control character from the data (an old or forged database may
	 * hold one): shown as the screen shows it.  Line breaks and tabs are
	 * what a quoted cell may hold. */
	char *visible = lz_text_visible(s, "\t\r\n");
	if (visible)
		s = visible;
	if (w->row_started)
		fputc(',', w->out);
	w->row_started = true;
	/* The apostrophe is inside the quotes: a spreadsheet shows text. */
	bool guard = lz_csv_needs_guard(s);
	bool quote = guard || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		fputs(s, w->out);
		free(visible);
		return;
	}
	fputc('"', w->out);
	if (guard)
		fputc('\'', w->out);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, w->out);
		fputc('"', w->out);
	}
	fputs(s, w->out);
	fputc('"', w->out);
	free(visible);
}

void lz_csv_end_row(lz_csv_writer *w)
{
	fputs("\r\n", w->out);
	w->row_started = false;
}

/* ---- reading ---- */

enum { IN_CHUNK = 1 << 16 };

void lz_csv_reader_init(lz_csv_reader *r, const char *file, FILE *in, lz_diags *diags)
{
	*r = (lz_csv_reader){.file = file, .in = in, .diags = diags};
}

void lz_csv_reader_free(lz_csv_reader *r)
{
	free(r->in_buf);
	free(r->text);
	free(r->starts);
	free(r->fields);
	*r = (lz_csv_reader){0};
}

static bool refill(lz_csv_reader *r)
{
	if (r->in_eof)
		return false;
	if (!r->in_buf && !(r->in_buf = malloc(IN_CHUNK)))
		abort();
	r->in_pos = 0;
	r->in_len = fread(r->in_buf, 1, IN_CHUNK, r->in);
	if (r->in_len == 0) {
		r->in_eof = true;
		if (ferror(r->in))
			r->read_errno = errno ? errno : EIO;
		return false;
	}
	return true;
}

/* The next byte, or -1 at the end. */
static inline int peek(lz_csv_reader *r)
{
	if (r->in_pos == r->in_len && !refill(r))
		return -1;
	return r->in_buf[r->in_pos];
}

static inline void skip(lz_csv_reader *r)
{
	r->in_pos++;
}

static inline void put(lz_csv_reader *r, char c)
{
	if (r->text_n == r->text_cap) {
		r->text_cap = r->text_cap ? r->text_cap * 2 : 256;
		r->text = realloc(r->text, r->text_cap);
		if (!r->text)
			abort();
	}
	r->text[r->text_n++] = c;
}

static void problem(lz_csv_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(lz_csv_reader *r, const char *fmt, ...)
{
	/* One message a row: the first problem explains it. */
	if (!r->row_bad) {
		char msg[512];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		lz_diags_add(r->diags, r->file, r->row, 0, "%s", msg);
	}
	r->row_bad = true;
	r->problems++;
}

static bool at_row_end(int c)
{
	return c < 0 || c == '\n' || c == '\r';
}

/* A NUL would end the field where C reads it: the rest would be lost
 * without a word. */
static void put_checked(lz_csv_reader *r, int c, size_t column)
{
	if (c == 0)
		problem(r, _("column %zu holds a NUL byte (0x00), which is not text; save the file as \"CSV UTF-8\""),
			column);
	put(r, (char)c);
}

/* The field at the reader's position, appended to text; leaves the
 * position on the delimiter. */
static void read_field(lz_csv_reader *r, size_t column)
{
	int c = peek(r);
	if (c == '"') {
		skip(r);
		for (;;) {
			c = peek(r);
			if (c < 0) {
				problem(r, "%s", _("a quoted field is not closed: a '\"' is missing"));
				return;
			}
			skip(r);
			if (c == '"') {
				if (peek(r) != '"')
					break;
				skip(r);
				put(r, '"');
			} else if (c == '\r' && peek(r) == '\n') {
				/* A line break inside a cell is one LF, whoever wrote it. */
				skip(r);
				put(r, '\n');
			} else {
				put_checked(r, c, column);
			}
		}
		if (!at_row_end(c = peek(r)) && c != ',') {
			problem(r, "%s", _("text after the closing quote of a field"));
			for (; !at_row_end(c = peek(r)) && c != ','; skip(r))
				put_checked(r, c, column);
		}
		return;
	}
	for (; !at_row_end(c = peek(r)) && c != ','; skip(r)) {
		if (c == '"')
			problem(r, "%s", _("a quote inside a field that does not start with one; quote the whole field"));
		put_checked(r, c, column);
	}
}

/* Drops the apostrophe lz_csv_field adds before a formula-like value. */
static char *unguard(char *s)
{
	return s[0] == '\'' && lz_csv_needs_guard(s + 1) ? s + 1 : s;
}

bool lz_csv_read_row(lz_csv_reader *r, lz_csv_row *row)
{
	if (!r->started) {
		r->started = true;
		/* The byte order mark spreadsheets write first. */
		static const unsigned char bom[] = LZ_CSV_BOM;
		size_t i = 0;
		while (i < 3 && peek(r) == bom[i]) {
			skip(r);
			i++;
		}
		if (i && i < 3) {
			/* Not a mark after all: its bytes are the first field's. */
			for (size_t k = 0; k < i; k++)
				put(r, (char)bom[k]);
		}
		if (peek(r) < 0 && r->text_n == 0)
			return false;
	} else {
		r->text_n = 0;
		if (peek(r) < 0)
			return false;
	}
	r->row++;
	r->row_bad = false;
	r->n_fields = 0;
	for (;;) {
		if (r->n_fields == r->cap_fields) {
			r->cap_fields = r->cap_fields ? r->cap_fields * 2 : 32;
			r->starts = realloc(r->starts, r->cap_fields * sizeof *r->starts);
			r->fields = realloc(r->fields, r->cap_fields * sizeof *r->fields);
			if (!r->starts || !r->fields)
				abort();
		}
		/* The first field may hold the bytes of a mark that was not one. */
		r->starts[r->n_fields] = r->n_fields ? r->text_n : 0;
		read_field(r, r->n_fields + 1);
		put(r, '\0');
		r->n_fields++;
		if (peek(r) != ',')
			break;
		skip(r);
	}
	if (peek(r) == '\r')
		skip(r);
	if (peek(r) == '\n')
		skip(r);
	for (size_t i = 0; i < r->n_fields; i++)
		r->fields[i] = r->text + r->starts[i];
	size_t bad_at;
	if (r->row > 1 && strncmp(r->fields[0], LZ_CSV_BOM, 3) == 0)
		problem(r, "%s", _("the row starts with a byte order mark (U+FEFF), an invisible mark that only the start of a file has: were two files joined? Delete the mark"));
	for (size_t i = 0; i < r->n_fields && !r->row_bad; i++)
		if (!lz_utf8_valid(r->fields[i], strlen(r->fields[i]), &bad_at))
			problem(r, "%s", _("not UTF-8 text; save the file as \"CSV UTF-8\""));
	for (size_t i = 0; i < r->n_fields; i++)
		r->fields[i] = unguard(r->fields[i]);
	*row = (lz_csv_row){.number = r->row, .fields = r->fields, .n = r->n_fields, .bad = r->row_bad};
	return true;
}

size_t lz_csv_parse(const char *file, const char *data, size_t len, lz_arena *arena,
		    lz_csv_table *out, lz_diags *diags)
{
	*out = (lz_csv_table){0};
	if (!len) {
		out->rows = lz_arena_alloc(arena, sizeof *out->rows);
		return 0;
	}
	FILE *in = fmemopen((void *)data, len, "rb");
	if (!in)
		abort();
	lz_csv_reader r;
	lz_csv_reader_init(&r, file, in, diags);
	lz_vec rows = LZ_VEC(lz_csv_row);
	lz_csv_row row;
	while (lz_csv_read_row(&r, &row)) {
		lz_csv_row *kept = lz_vec_push(&rows);
		*kept = row;
		kept->fields = lz_arena_alloc(arena, (row.n + 1) * sizeof *kept->fields);
		for (size_t i = 0; i < row.n; i++)
			kept->fields[i] = lz_arena_strdup(arena, row.fields[i]);
	}
	size_t problems = r.problems;
	lz_csv_reader_free(&r);
	fclose(in);
	out->n = rows.n;
	out->rows = lz_vec_keep(&rows, arena);
	return problems;
}
