/* The CSV tables: one column list per table serves export and import.
 * Cells hold what a person reads in a spreadsheet: names rather than ids
 * (a meeting type, a status, a level), dates as YYYY-MM-DD, lists one
 * entry a line.  Import reads what export writes, and also the forms a
 * spreadsheet saves after editing (2022/6/15, 9:00). */
#include "lz_export.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lz_csv.h"
#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_validate.h"
#include "lz_vec.h"

bool lz_table_parse(const char *s, lz_table *out)
{
	for (int t = LZ_TABLE_MEETINGS; t <= LZ_TABLE_DISCIPLINE; t++)
		if (strcmp(s, lz_table_name((lz_table)t)) == 0) {
			*out = (lz_table)t;
			return true;
		}
	return false;
}

const char *lz_table_name(lz_table t)
{
	static const char *const names[] = {"meetings",    "items",      "risks", "people",
					    "notices", "disclosures", "discipline"};
	return names[t];
}

/* ---- columns: the fields of the kind's table (lz_fields.h) ---- */

typedef struct cells {
	const lz_plan *plan;
	lz_arena *arena;   /* the row's strings */
	lz_day today;
	bool status_given;
} cells;

/* The import keeps a few small arrays by column. */
enum { MAX_COLS = 32 };

typedef struct table_def {
	lz_kind kind;
	const lz_fielddef *cols[MAX_COLS];
	size_t n;
} table_def;

static const lz_kind table_kind[] = {
	[LZ_TABLE_MEETINGS] = LZ_KIND_MEETING,
	[LZ_TABLE_ITEMS] = LZ_KIND_ITEM,
	[LZ_TABLE_RISKS] = LZ_KIND_RISK,
	[LZ_TABLE_PEOPLE] = LZ_KIND_PERSON,
	[LZ_TABLE_NOTICES] = LZ_KIND_NOTICE,
	[LZ_TABLE_DISCLOSURES] = LZ_KIND_DISCLOSURE,
	[LZ_TABLE_DISCIPLINE] = LZ_KIND_DISCIPLINE,
};

/* A table's columns: every field people enter, in the table's order; a
 * sensitive one only when asked for. */
static const table_def *table_of_as(lz_table table, bool sensitive)
{
	static table_def defs[2][LZ_TABLE_DISCIPLINE + 1];
	table_def *t = &defs[sensitive][table];
	if (t->n)
		return t;
	const lz_fieldtab *ft = lz_fields_of(table_kind[table]);
	t->kind = ft->kind;
	for (size_t i = 0; i < ft->n && t->n < MAX_COLS; i++)
		if (!(ft->v[i].flags & (LZ_FF_INTERNAL | LZ_FF_NO_CSV)) &&
		    (sensitive || !(ft->v[i].flags & LZ_FF_SENSITIVE)))
			t->cols[t->n++] = &ft->v[i];
	return t;
}

/* The columns import reads: every one (the registers are not imported). */
static const table_def *table_of(lz_table table)
{
	return table_of_as(table, true);
}

/* A column's header in the messages' language. */
static const char *header(const table_def *t, size_t i)
{
	return lz_field_label(t->cols[i]);
}

/* The header in English: the label without its translation context. */
static const char *english(const lz_fielddef *f)
{
	const char *eot = strchr(f->label, '\004');
	return eot ? eot + 1 : f->label;
}

static const char *get_cell(cells *c, const lz_fielddef *f, const lz_record *r)
{
	return lz_field_format(f, r, c->plan, LZ_FSTYLE_CSV, c->arena);
}

static bool set_cell(cells *c, const lz_fielddef *f, lz_record *r, const char *v, lz_err *err)
{
	if (f->type == LZ_FT_MSTATUS)
		c->status_given = *v != '\0';
	return lz_field_parse(f, r, c->plan, v, c->arena, err) == LZ_OK;
}

/* ---- export ---- */

typedef struct export_ctx {
	const table_def *t;
	cells c;
	lz_csv_writer w;
	lz_progress *progress;
	lz_arena records;
	int year;  /* of the items kept; 0: all */
} export_ctx;

static void write_row(export_ctx *x, const lz_record *r)
{
	for (size_t i = 0; i < x->t->n; i++)
		lz_csv_field(&x->w, get_cell(&x->c, x->t->cols[i], r));
	lz_csv_end_row(&x->w);
	lz_arena_free(x->c.arena);
	lz_progress_step(x->progress, 1);
}

static bool export_one(const lz_record *r, void *ctx)
{
	export_ctx *x = ctx;
	if (x->year && r->kind == LZ_KIND_ITEM &&
	    lz_item_year_state(x->c.plan, &r->u.item, x->year) == LZ_ITEM_OTHER_YEAR)
		lz_progress_step(x->progress, 1);
	else if (x->year && r->kind >= LZ_KIND_NOTICE && lz_record_year(r) != x->year)
		lz_progress_step(x->progress, 1);
	else
		write_row(x, r);
	lz_arena_free(&x->records);
	return true;
}

bool lz_table_has_year(lz_table t)
{
	return t != LZ_TABLE_RISKS && t != LZ_TABLE_PEOPLE;
}

lz_rc lz_export_csv(const lz_plan *plan, lz_store *store, lz_table table, int year, FILE *out,
		    lz_progress *progress, lz_err *err)
{
	return lz_export_csv_sensitive(plan, store, table, year, false, out, progress, err);
}

lz_rc lz_export_csv_sensitive(const lz_plan *plan, lz_store *store, lz_table table, int year,
			      bool include_sensitive, FILE *out, lz_progress *progress,
			      lz_err *err)
{
	lz_arena row = {0};
	export_ctx x = {.t = table_of_as(table, include_sensitive), .c = {.plan = plan, .arena = &row},
			.progress = progress, .year = lz_table_has_year(table) ? year : 0};
	lz_day first = year ? lz_day_from_ymd(year, 1, 1) : INT32_MIN + 1;
	lz_day last = year ? lz_day_from_ymd(year, 12, 31) : INT32_MAX;
	size_t total = 0;
	lz_rc rc = lz_store_count(store, x.t->kind, &total, err);
	if (rc != LZ_OK)
		return rc;
	lz_progress_start(progress, total);
	lz_csv_begin(&x.w, out);
	for (size_t i = 0; i < x.t->n; i++)
		lz_csv_field(&x.w, header(x.t, i));
	lz_csv_end_row(&x.w);
	switch (table) {
	case LZ_TABLE_MEETINGS:
		rc = lz_store_meetings_between(store, first, last, &x.records, export_one, &x, err);
		break;
	case LZ_TABLE_ITEMS:
		rc = lz_store_items_by_task(store, 0, &x.records, export_one, &x, err);
		break;
	default:
		rc = lz_store_scan(store, x.t->kind, &x.records, export_one, &x, err);
		break;
	}
	lz_arena_free(&x.records);
	lz_arena_free(&row);
	if (rc == LZ_OK && (fflush(out) != 0 || ferror(out)))
		rc = lz_err_set(err, LZ_EIO, _("cannot write the output"));
	return rc;
}

/* ---- import ---- */

/* The file is read twice, row by row: once to check every row (a dry run
 * stops there), once to store the rows in one batch.  Neither pass keeps
 * more than a row, and the checks that need the whole file (a row that
 * repeats another, or a stored record) keep a hash of each row's key. */

/* What makes a row the same record as another: a 64-bit FNV-1a hash of
 * the fields the "already recorded" messages name. */
typedef struct key_hash {
	uint64_t h;
} key_hash;

static void hash_bytes(key_hash *k, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		k->h ^= b[i];
		k->h *= 0x100000001b3ULL;
	}
}

static void hash_str(key_hash *k, const char *s)
{
	/* A separator after each field: "ab"+"c" is not "a"+"bc". */
	hash_bytes(k, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void hash_int(key_hash *k, int v)
{
	hash_bytes(k, &v, sizeof v);
}

static uint64_t record_key(const lz_record *r)
{
	key_hash k = {0xcbf29ce484222325ULL};
	hash_int(&k, (int)r->kind);
	switch (r->kind) {
	case LZ_KIND_MEETING:
		hash_int(&k, r->u.meeting.date);
		hash_int(&k, r->u.meeting.start);
		hash_str(&k, r->u.meeting.type);
		hash_str(&k, r->u.meeting.title);
		break;
	case LZ_KIND_ITEM:
		hash_int(&k, r->u.item.task);
		hash_str(&k, r->u.item.title);
		break;
	case LZ_KIND_RISK:
		hash_str(&k, r->u.risk.post);
		hash_str(&k, r->u.risk.link);
		hash_str(&k, r->u.risk.desc);
		break;
	case LZ_KIND_PERSON:
		/* The name alone: records name people by it, so a roster
		 * edited in a spreadsheet and imported again would otherwise
		 * give everyone a namesake. */
		hash_str(&k, r->u.person.name);
		break;
	default:
		hash_bytes(&k, &r->u.meta.id, sizeof r->u.meta.id);
		break;
	}
	/* 0 marks an empty slot of the set. */
	return k.h ? k.h : 1;
}

/* Keys seen: an open-addressing set of hashes, each with the row it came
 * from (0 for a stored record); 16 bytes a row at most half full. */
typedef struct key_slot {
	uint64_t h;
	uint32_t row;
} key_slot;

typedef struct key_set {
	key_slot *v;
	size_t n, cap;  /* cap a power of two */
} key_set;

static void key_set_free(key_set *s)
{
	free(s->v);
	*s = (key_set){0};
}

static key_slot *key_find(key_set *s, uint64_t h)
{
	size_t mask = s->cap - 1;
	for (size_t i = (size_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask)
		if (s->v[i].h == h || s->v[i].h == 0)
			return &s->v[i];
}

/* The row that had the key before, or -1 after adding it with row. */
static long key_add(key_set *s, uint64_t h, uint32_t row)
{
	if (2 * (s->n + 1) > s->cap) {
		key_set grown = {.cap = s->cap ? s->cap * 2 : 1024};
		grown.v = calloc(grown.cap, sizeof *grown.v);
		if (!grown.v)
			abort();
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i].h)
				*key_find(&grown, s->v[i].h) = s->v[i];
		grown.n = s->n;
		free(s->v);
		*s = grown;
	}
	key_slot *slot = key_find(s, h);
	if (slot->h)
		return slot->row;
	*slot = (key_slot){h, row};
	s->n++;
	return -1;
}

typedef struct importer {
	const lz_plan *plan;
	const table_def *t;
	lz_table table;
	const char *file;
	const lz_import_options *opt;
	lz_diags *diags;  /* NULL on the second pass: its rows were checked */
	/* For each column of the file, the table's column, or -1 for one
	 * without a header. */
	int *map;
	size_t n_map;
	bool given[MAX_COLS];  /* by table column: the file has it */
	cells c;
	lz_arena row_arena;
	key_set keys;
} importer;

static void row_problem(importer *im, int row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void row_problem(importer *im, int row, const char *fmt, ...)
{
	if (!im->diags)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lz_diags_add(im->diags, im->file, row, 0, "%s", msg);
}

/* A header cell without the spaces a spreadsheet user may leave. */
static size_t trimmed(const char *s, const char **start)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	*start = s;
	return n;
}

static bool names(const char *name, size_t n, const char *header)
{
	return strlen(header) == n && memcmp(name, header, n) == 0;
}

static int find_column(const table_def *t, const char *name, size_t n)
{
	for (size_t i = 0; i < t->n; i++)
		if (names(name, n, english(t->cols[i])) || names(name, n, t->cols[i]->zh) ||
		    names(name, n, header(t, i)))
			return (int)i;
	return -1;
}

/* "a, b, c" of the table's headers in the messages' language, the
 * columns picked by want (all when NULL). */
static char *header_list(const table_def *t, const bool *want)
{
	const char *sep = _(", ");
	size_t len = 1;
	for (size_t i = 0; i < t->n; i++)
		len += strlen(header(t, i)) + strlen(sep);
	char *s = malloc(len), *p = s;
	if (!s)
		abort();
	*p = '\0';
	for (size_t i = 0; i < t->n; i++)
		if (!want || want[i])
			p += sprintf(p, "%s%s", p == s ? "" : sep, header(t, i));
	return s;
}

/* Row 1 names the columns, in any order, in English or Chinese (or the
 * messages' language); the columns a record needs must be there.  A
 * header the table lacks is refused, not ignored: the data under it would
 * be lost without a word. */
static bool read_header(importer *im, const lz_csv_row *row)
{
	const table_def *t = im->t;
	im->n_map = row->n;
	im->map = calloc(row->n ? row->n : 1, sizeof *im->map);
	if (!im->map)
		abort();
	memset(im->given, 0, sizeof im->given);
	int first[MAX_COLS];
	bool ok = true;
	size_t unknown_len = 0;
	for (size_t i = 0; i < row->n; i++)
		unknown_len += strlen(row->fields[i]) + 8;
	char *unknown = malloc(unknown_len + 1), *u = unknown;
	if (!unknown)
		abort();
	*u = '\0';
	for (size_t i = 0; i < row->n; i++) {
		const char *name;
		size_t n = trimmed(row->fields[i], &name);
		int col = n ? find_column(t, name, n) : -1;
		im->map[i] = col;
		if (!n)
			continue;
		if (col < 0) {
			u += sprintf(u, "%s'%.*s'", u == unknown ? "" : _(", "), (int)n, name);
			continue;
		}
		if (im->given[col]) {
			row_problem(im, row->number, _("the column %s is there twice (columns %d and %zu)"),
				    header(t, (size_t)col), first[col], i + 1);
			ok = false;
		}
		im->given[col] = true;
		first[col] = (int)i + 1;
	}
	if (*unknown) {
		char *all = header_list(t, NULL);
		row_problem(im, row->number, _("the %s table has no column %s; its columns are: %s"),
			    lz_table_name(im->table), unknown, all);
		free(all);
		ok = false;
	}
	free(unknown);
	/* The columns a file must have: what add needs (meeting add: date,
	 * type, title; item add: task, title; risk add: post, link,
	 * description, level; person add: name). */
	bool need[MAX_COLS] = {0}, missing = false;
	for (size_t col = 0; col < t->n; col++) {
		need[col] = t->cols[col]->flags & LZ_FF_REQUIRED;
		missing |= need[col] && !im->given[col];
	}
	if (missing) {
		bool lacking[MAX_COLS] = {0};
		for (size_t i = 0; i < t->n; i++)
			lacking[i] = need[i] && !im->given[i];
		char *want = header_list(t, need), *lack = header_list(t, lacking);
		row_problem(im, row->number, _("the %s table needs the columns %s; missing: %s"),
			    lz_table_name(im->table), want, lack);
		free(want);
		free(lack);
		ok = false;
	}
	return ok;
}

static bool empty_row(const lz_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->fields[i][0])
			return false;
	return true;
}

static void finish_record(cells *c, lz_record *r)
{
	switch (r->kind) {
	case LZ_KIND_MEETING: {
		lz_meeting *m = &r->u.meeting;
		/* Left empty, as meeting add decides it. */
		if (!c->status_given && m->date != LZ_NO_DAY)
			m->status = m->date < c->today ? LZ_MEETING_HELD : LZ_MEETING_PLANNED;
		if (m->date != LZ_NO_DAY) {
			int y, mo, d;
			lz_day_to_ymd(m->date, &y, &mo, &d);
			m->meta.year = y;
		}
		m->imported = true;
		break;
	}
	case LZ_KIND_ITEM:
		/* A new item starts in the plan's first status, as item add does. */
		if (!r->u.item.status)
			r->u.item.status = c->plan->item_statuses[0].id;
		r->u.meta.year = c->plan->year;
		break;
	default:
		r->u.meta.year = c->plan->year;
		break;
	}
}

/* The row as a record, valid as add would have it; false after the
 * problems are reported.  Strings live in the row and the row arena. */
static bool row_record(importer *im, const lz_csv_row *row, lz_record *r)
{
	const table_def *t = im->t;
	if (row->n != im->n_map) {
		row_problem(im, row->number, _("%zu columns instead of %zu"), row->n, im->n_map);
		return false;
	}
	const char *value[MAX_COLS];
	for (size_t k = 0; k < t->n; k++)
		value[k] = "";
	bool ok = true;
	for (size_t i = 0; i < row->n; i++) {
		if (im->map[i] >= 0)
			value[im->map[i]] = row->fields[i];
		else if (row->fields[i][0]) {
			row_problem(im, row->number, _("column %zu has no name in row 1 but holds '%s'"),
				    i + 1, row->fields[i]);
			ok = false;
		}
	}
	lz_record_init(t->kind, r);
	im->c.status_given = false;
	/* A column the file leaves out is read as left empty. */
	for (size_t k = 0; k < t->n; k++) {
		lz_err e;
		lz_err_clear(&e);
		if (!set_cell(&im->c, t->cols[k], r, value[k], &e)) {
			row_problem(im, row->number, "%s: %s", header(t, k), e.msg);
			ok = false;
		}
	}
	if (!ok)
		return false;
	finish_record(&im->c, r);
	lz_err e;
	lz_err_clear(&e);
	if (lz_validate_record(im->plan, r, &e) != LZ_OK) {
		row_problem(im, row->number, "%s", e.msg);
		return false;
	}
	return true;
}

static const char *stored_message(lz_kind kind)
{
	switch (kind) {
	case LZ_KIND_MEETING:
		return _("a meeting of this date, time, type and title is already recorded; was the file imported before?");
	case LZ_KIND_ITEM:
		return _("an item of this task and title is already recorded; was the file imported before?");
	case LZ_KIND_PERSON:
		return _("a person of this name is already recorded; was the file imported before?");
	default:
		return _("a risk point of this post, link and description is already recorded; was the file imported before?");
	}
}

static void repeated_message(importer *im, int row, long first)
{
	switch (im->t->kind) {
	case LZ_KIND_MEETING:
		row_problem(im, row, _("the same meeting (date, time, type and title) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	case LZ_KIND_ITEM:
		row_problem(im, row, _("the same item (task and title) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	case LZ_KIND_PERSON:
		row_problem(im, row, _("the same person (name) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	default:
		row_problem(im, row, _("the same risk point (post, link and description) as row %ld; if both are meant, import with --allow-duplicates"),
			    first);
		break;
	}
}

static bool collect_key(const lz_record *r, void *ctx)
{
	importer *im = ctx;
	key_add(&im->keys, record_key(r), 0);
	lz_arena_free(&im->row_arena);
	return true;
}

typedef struct brief_walk {
	importer *im;
	lz_vec cut;  /* lz_id: meetings whose title their brief cuts */
} brief_walk;

static bool collect_brief(const lz_meeting_brief *b, void *ctx)
{
	brief_walk *w = ctx;
	if (b->title_cut) {
		*(lz_id *)lz_vec_push(&w->cut) = b->id;
		return true;
	}
	lz_record r = {.kind = LZ_KIND_MEETING};
	lz_meeting_init(&r.u.meeting);
	r.u.meeting.date = b->date;
	r.u.meeting.start = b->start;
	r.u.meeting.type = b->type;
	r.u.meeting.title = b->title;
	key_add(&w->im->keys, record_key(&r), 0);
	return true;
}

/* The keys of the records already stored.  Meetings come from the date
 * index's titled briefs, not the records: a few dozen bytes each instead
 * of the whole minutes, which keeps a small file's import into a large
 * ledger small too; only a title longer than a brief holds needs its
 * record. */
static lz_rc collect_stored(importer *im, lz_store *store, lz_err *err)
{
	if (im->t->kind != LZ_KIND_MEETING)
		return lz_store_scan(store, im->t->kind, &im->row_arena, collect_key, im, err);
	brief_walk w = {im, LZ_VEC(lz_id)};
	lz_rc rc = lz_store_meeting_briefs_titled(store, INT32_MIN + 1, INT32_MAX, collect_brief,
						  &w, err);
	for (size_t i = 0; rc == LZ_OK && i < w.cut.n; i++) {
		lz_record r;
		rc = lz_store_get(store, LZ_KIND_MEETING, ((lz_id *)w.cut.v)[i], &im->row_arena, &r,
				  err);
		if (rc == LZ_OK)
			collect_key(&r, im);
	}
	lz_vec_free(&w.cut);
	return rc;
}

static lz_rc read_failed(importer *im, const lz_csv_reader *rd, lz_err *err)
{
	return lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), im->file, strerror(rd->read_errno));
}

/* The first pass: every row checked, problems reported, *rows counted. */
static lz_rc check_file(importer *im, lz_store *store, FILE *in, size_t *rows, lz_err *err)
{
	lz_csv_reader rd;
	lz_csv_reader_init(&rd, im->file, in, im->diags);
	lz_csv_row row;
	lz_rc rc = LZ_OK;
	if (!lz_csv_read_row(&rd, &row)) {
		if (rd.read_errno)
			rc = read_failed(im, &rd, err);
		else
			lz_diags_add(im->diags, im->file, 0, 0,
				     _("the file is empty; the first row must name the columns"));
		lz_csv_reader_free(&rd);
		return rc;
	}
	if (row.bad || !read_header(im, &row)) {
		lz_csv_reader_free(&rd);
		return LZ_OK;
	}
	rc = collect_stored(im, store, err);
	while (rc == LZ_OK && lz_csv_read_row(&rd, &row)) {
		lz_record r;
		if (!row.bad && !empty_row(&row) && row_record(im, &row, &r)) {
			long first = key_add(&im->keys, record_key(&r), (uint32_t)row.number);
			if (first == 0)
				row_problem(im, row.number, "%s", stored_message(im->t->kind));
			else if (first > 0 && !im->opt->allow_duplicates)
				repeated_message(im, row.number, first);
			else
				++*rows;
		}
		lz_arena_free(&im->row_arena);
	}
	if (rc == LZ_OK && rd.read_errno)
		rc = read_failed(im, &rd, err);
	lz_csv_reader_free(&rd);
	return rc;
}

static lz_rc changed(importer *im, lz_err *err)
{
	return lz_err_set(err, LZ_EDATA,
			  _("%s changed while it was imported; nothing imported, import it again"),
			  im->file);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The second pass: the checked rows, in one batch. */
static lz_rc store_file(importer *im, lz_store *store, FILE *in, const struct stat *before,
			size_t rows, lz_err *err)
{
	for (;;) {
		if (fseek(in, 0, SEEK_SET) != 0)
			return lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), im->file, strerror(errno));
		/* A meeting stored takes about three times its CSV row: the
		 * record, its log entry and the indexes. */
		lz_store_batch *b;
		lz_rc rc = lz_store_batch_begin(store, 4 * (size_t)before->st_size, &b, err);
		if (rc != LZ_OK)
			return rc;
		lz_csv_reader rd;
		lz_csv_reader_init(&rd, im->file, in, NULL);
		lz_csv_row row;
		size_t n = 0;
		bool header = lz_csv_read_row(&rd, &row);
		while (rc == LZ_OK && header && lz_csv_read_row(&rd, &row)) {
			lz_record r;
			if (row.bad)
				rc = changed(im, err);
			else if (!empty_row(&row)) {
				if (!row_record(im, &row, &r))
					rc = changed(im, err);
				else {
					lz_op op = {.op = LZ_OP_ADD, .kind = im->t->kind, .rec = &r};
					rc = lz_store_batch_apply(b, &op, err);
					n++;
				}
			}
			lz_arena_free(&im->row_arena);
		}
		if (rc == LZ_OK && rd.read_errno)
			rc = read_failed(im, &rd, err);
		struct stat now;
		if (rc == LZ_OK && (!header || n != rows || fstat(fileno(in), &now) != 0 ||
				    !same_file(before, &now)))
			rc = changed(im, err);
		lz_csv_reader_free(&rd);
		bool again = false;
		if (rc == LZ_OK)
			rc = lz_store_batch_commit(b, &again, err);
		else
			lz_store_batch_abort(b, &again);
		if (!again)
			return rc;
		lz_err_clear(err);
	}
}

lz_rc lz_import_csv(const lz_plan *plan, lz_store *store, lz_table table, const char *file,
		    FILE *in, const lz_import_options *opt, size_t *rows, lz_diags *diags,
		    lz_err *err)
{
	*rows = 0;
	struct stat before;
	if (fstat(fileno(in), &before) != 0)
		return lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), file, strerror(errno));
	importer im = {.plan = plan, .t = table_of(table), .table = table, .file = file,
		       .opt = opt, .diags = diags};
	im.c = (cells){.plan = plan, .arena = &im.row_arena, .today = opt->today};
	size_t first = diags->count + diags->dropped;
	lz_rc rc = check_file(&im, store, in, rows, err);
	key_set_free(&im.keys);
	/* Row by row, whichever check found the problem. */
	lz_diags_sort(diags, first < diags->count ? first : diags->count);
	if (rc == LZ_OK && diags->count + diags->dropped > first)
		rc = lz_err_set(err, LZ_EDATA, _("%s: nothing imported; correct the rows above and import the whole file again"), file);
	/* Every row in one transaction: all of the file or none of it. */
	if (rc == LZ_OK && !opt->dry_run && *rows) {
		im.diags = NULL;
		rc = store_file(&im, store, in, &before, *rows, err);
	}
	if (rc != LZ_OK)
		*rows = 0;
	free(im.map);
	lz_arena_free(&im.row_arena);
	return rc;
}
