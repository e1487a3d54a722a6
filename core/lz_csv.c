#include "lz_csv.h"

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

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static void buf_put(buf *b, char c)
{
	if (b->n + 1 >= b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	b->s[b->n++] = c;
}

typedef struct parser {
	const char *file;
	const char *p, *end;
	lz_arena *arena;
	lz_diags *diags;
	size_t problems;
	int row;
	bool row_bad;
} parser;

static void problem(parser *ps, const char *msg)
{
	/* One message a row: the first problem explains it. */
	if (!ps->row_bad)
		lz_diags_add(ps->diags, ps->file, ps->row, 0, "%s", msg);
	ps->row_bad = true;
	ps->problems++;
}

static bool at_row_end(const parser *ps)
{
	return ps->p >= ps->end || *ps->p == '\n' || *ps->p == '\r';
}

/* The field at ps->p into b; leaves ps->p on the delimiter. */
static void read_field(parser *ps, buf *b)
{
	if (ps->p < ps->end && *ps->p == '"') {
		ps->p++;
		for (;;) {
			if (ps->p >= ps->end) {
				problem(ps, _("a quoted field is not closed: a '\"' is missing"));
				return;
			}
			char c = *ps->p;
			if (c == '"' && ps->p + 1 < ps->end && ps->p[1] == '"') {
				buf_put(b, '"');
				ps->p += 2;
			} else if (c == '"') {
				ps->p++;
				break;
			} else if (c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n') {
				/* A line break inside a cell is one LF, whoever wrote it. */
				buf_put(b, '\n');
				ps->p += 2;
			} else {
				buf_put(b, c);
				ps->p++;
			}
		}
		if (!at_row_end(ps) && *ps->p != ',') {
			problem(ps, _("text after the closing quote of a field"));
			while (!at_row_end(ps) && *ps->p != ',')
				buf_put(b, *ps->p++);
		}
		return;
	}
	while (!at_row_end(ps) && *ps->p != ',') {
		if (*ps->p == '"')
			problem(ps, _("a quote inside a field that does not start with one; quote the whole field"));
		buf_put(b, *ps->p++);
	}
}

/* Drops the apostrophe lz_csv_field adds before a formula-like value. */
static const char *unguard(const char *s)
{
	return s[0] == '\'' && lz_csv_needs_guard(s + 1) ? s + 1 : s;
}

size_t lz_csv_parse(const char *file, const char *data, size_t len, lz_arena *arena,
		    lz_csv_table *out, lz_diags *diags)
{
	parser ps = {.file = file, .p = data, .end = data + len, .arena = arena, .diags = diags};
	if (len >= 3 && memcmp(data, LZ_CSV_BOM, 3) == 0)
		ps.p += 3;
	lz_vec rows = LZ_VEC(lz_csv_row);
	buf b = {0};
	while (ps.p < ps.end) {
		ps.row++;
		ps.row_bad = false;
		const char *row_start = ps.p;
		lz_vec fields = LZ_VEC(char *);
		for (;;) {
			b.n = 0;
			read_field(&ps, &b);
			buf_put(&b, '\0');
			*(char **)lz_vec_push(&fields) = lz_arena_strdup(arena, unguard(b.s));
			if (ps.p < ps.end && *ps.p == ',') {
				ps.p++;
				continue;
			}
			break;
		}
		size_t bad_at;
		if (!lz_utf8_valid(row_start, (size_t)(ps.p - row_start), &bad_at))
			problem(&ps, _("not UTF-8 text; save the file as \"CSV UTF-8\""));
		if (ps.p < ps.end && *ps.p == '\r')
			ps.p++;
		if (ps.p < ps.end && *ps.p == '\n')
			ps.p++;
		lz_csv_row *r = lz_vec_push(&rows);
		r->number = ps.row;
		r->n = fields.n;
		r->fields = lz_vec_keep(&fields, arena);
		r->bad = ps.row_bad;
	}
	free(b.s);
	out->n = rows.n;
	out->rows = lz_vec_keep(&rows, arena);
	return ps.problems;
}
