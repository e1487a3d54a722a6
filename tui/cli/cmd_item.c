/* lianzheng item add|list|show|edit|rm|note */
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"
#include "cli_record.h"
#include "lz_matrix.h"
#include "lz_i18n.h"
#include "lz_dated.h"
#include "lz_status.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "table.h"

/* A new item starts in the plan's first status; one that closes gets its
 * 完成时间. */
static void item_defaults(const lz_plan *plan, lz_record *rec)
{
	rec->u.item.status = plan->item_statuses[0].id;
}

static void item_finish(const lz_plan *plan, lz_record *rec, const lz_record *before,
			bool (*given)(const void *ctx, const char *key), const void *ctx)
{
	(void)given;
	(void)ctx;
	lz_item_closing(plan, &rec->u.item, before ? before->u.item.status : NULL, lz_day_today());
}

static const cli_record_cmd item_cmd = {LZ_KIND_ITEM, item_defaults, item_finish, NULL, NULL};

enum { N_TEXT, N_DATE, N_IF_VERSION, N_COUNT };
static const cli_optdef note_opts[N_COUNT] = {
	[N_TEXT] = {"text", true}, [N_DATE] = {"date", true}, [N_IF_VERSION] = {"if-version", true},
};

static lz_rc item_note(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	lz_arena arena = {0};
	lz_record rec;
	lz_day date = lz_day_today();
	uint32_t expect = 0;
	if ((cli_args_has(a, N_DATE) && !cli_day("--date", cli_args_value(a, N_DATE), &date)) ||
	    (cli_args_has(a, N_IF_VERSION) && !cli_version(cli_args_value(a, N_IF_VERSION), &expect)))
		rc = LZ_EDATA;
	if (rc == LZ_OK)
		rc = cli_load(db, LZ_KIND_ITEM, a->operands[0], &arena, &rec);
	if (rc == LZ_OK) {
		lz_item *it = &rec.u.item;
		lz_item_add_note(&arena, it, date, cli_args_value(a, N_TEXT));
		rc = cli_save(db, LZ_OP_UPDATE, &rec, expect ? expect : it->meta.version, NULL);
	}
	lz_arena_free(&arena);
	return rc;
}

static const char *status_name(const lz_plan *plan, const char *id)
{
	const lz_item_status *s = lz_plan_item_status(plan, id);
	return s ? s->name : id;
}

enum { L_TASK, L_TSV, L_OVERDUE, L_DATE, L_YEAR, L_COUNT };
static const cli_optdef list_opts[L_COUNT] = {
	[L_TASK] = {"task", true}, [L_TSV] = {"tsv", false}, [L_OVERDUE] = {"overdue", false},
	[L_DATE] = {"date", true}, [L_YEAR] = {"year", true},
};

typedef struct list_ctx {
	cli_list list;
	bool overdue;  /* only past their deadline and not closed */
	lz_day date;
	int year;  /* only the items of this year (entered or carried); 0: all */
} list_ctx;

/* --year Y and --date D of the item commands: Y's plan in view and the
 * day items are judged late by — D, else today, but a past year's last
 * day (lz_status_as_of). */
static lz_rc item_year(lz_session *db, const cli_args *a, int year_opt, int date_opt, int *year,
		       lz_day *date)
{
	lz_day first, last;
	lz_rc rc = cli_list_year(db, cli_args_value(a, year_opt), year, &first, &last);
	if (rc != LZ_OK)
		return rc;
	if (cli_args_has(a, date_opt))
		return cli_day("--date", cli_args_value(a, date_opt), date) ? LZ_OK : LZ_EDATA;
	*date = *year ? lz_status_as_of(*year, lz_day_today()) : lz_day_today();
	return LZ_OK;
}

static bool list_one(const lz_record *r, void *ctx)
{
	list_ctx *l = ctx;
	const lz_item *it = &r->u.item;
	lz_item_in_year in_year = l->year ? lz_item_year_state(l->list.db->plan, it, l->year)
					  : LZ_ITEM_OF_YEAR;
	if (in_year == LZ_ITEM_OTHER_YEAR ||
	    (l->overdue && !lz_item_late(l->list.db->plan, it, l->date))) {
		lz_arena_free(&l->list.arena);
		return true;
	}
	char id[24], task[16], due[LZ_DATE_STRLEN];
	snprintf(id, sizeof id, "%llu", (unsigned long long)it->meta.id);
	snprintf(task, sizeof task, "%d", it->task);
	cli_day_str(it->due, due);
	if (l->list.tsv) {
		const char *row[] = {id, task, due, it->status, it->owner, it->title};
		cli_tsv_row(stdout, row, 6);
	} else {
		const char *last = it->n_log ? it->log[it->n_log - 1].text : "";
		char *title = NULL;
		if (in_year == LZ_ITEM_CARRIED &&
		    asprintf(&title, _("%s (carried over from an earlier year)"), it->title) < 0)
			abort();
		const char *row[] = {id, task, due, status_name(l->list.db->plan, it->status),
				     it->owner, title ? title : it->title, last};
		table_add(&l->list.t, row);
		free(title);
	}
	cli_list_next(&l->list);
	return true;
}

static lz_rc item_list(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	int task = 0;
	list_ctx l = {.list = {.db = db, .tsv = cli_args_has(a, L_TSV)},
		      .overdue = cli_args_has(a, L_OVERDUE)};
	if (cli_args_has(a, L_TASK) && !cli_int("--task", cli_args_value(a, L_TASK), 1, 999, &task))
		rc = LZ_EDATA;
	if (rc == LZ_OK)
		rc = item_year(db, a, L_YEAR, L_DATE, &l.year, &l.date);
	if (rc != LZ_OK)
		return rc;
	const char *head[] = {_("ID"), _("Task"), _("Due"), _("Status"), _("Owner"),
			      _("Title"), _("Latest progress")};
	cli_list_begin(&l.list, head, 7);
	lz_err err;
	lz_err_clear(&err);
	/* Late items are found through the deadline index. */
	if (l.overdue && !task)
		rc = lz_store_items_due_between(db->store, INT32_MIN + 1, l.date - 1, &l.list.arena,
						list_one, &l, &err);
	else
		rc = lz_store_items_by_task(db->store, task, &l.list.arena, list_one, &l, &err);
	return cli_list_end(&l.list, rc, &err);
}

/* ---- item matrix ---- */

enum { X_LATE, X_DATE, X_TSV, X_YEAR, X_COUNT };
static const cli_optdef matrix_opts[X_COUNT] = {
	[X_LATE] = {"late", false}, [X_DATE] = {"date", true}, [X_TSV] = {"tsv", false},
	[X_YEAR] = {"year", true}};

typedef struct matrix_ctx {
	const lz_plan *plan;
	int year;  /* only the items of this year (entered or carried); 0: all */
	const lz_item **items;
	size_t n, cap;
} matrix_ctx;

static bool keep_item(const lz_record *r, void *ctx)
{
	matrix_ctx *x = ctx;
	if (x->year && lz_item_year_state(x->plan, &r->u.item, x->year) == LZ_ITEM_OTHER_YEAR)
		return true;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->items = realloc(x->items, x->cap * sizeof *x->items);
		if (!x->items)
			abort();
	}
	x->items[x->n++] = &r->u.item;
	return true;
}

static bool keep_person(const lz_record *r, void *ctx)
{
	lz_strv *v = ctx;
	const char **grown = realloc(v->v, (v->n + 1) * sizeof *grown);
	if (!grown)
		abort();
	grown[v->n++] = r->u.person.name;
	v->v = grown;
	return true;
}

/* Columns: the owner, a cell per task ("2", "2!" when one is late, "·"
 * when none), the total; a last row of totals per task. */
static void print_matrix(const lz_matrix *m, const lz_plan *plan, bool tsv)
{
	if (tsv) {
		for (size_t r = 0; r < m->n_owners; r++)
			for (size_t c = 0; c < m->n_tasks; c++) {
				int n = m->counts[r * m->n_tasks + c];
				if (!n)
					continue;
				char task[16], count[16], late[16];
				snprintf(task, sizeof task, "%d", plan->tasks[c].number);
				snprintf(count, sizeof count, "%d", n);
				snprintf(late, sizeof late, "%d", m->late[r * m->n_tasks + c]);
				const char *row[] = {m->owners[r], task, count, late};
				cli_tsv_row(stdout, row, 4);
			}
		return;
	}
	size_t cols = m->n_tasks + 2;
	table t;
	table_init(&t, cols);
	const char **row = calloc(cols, sizeof *row);
	char (*cells)[16] = calloc(cols, sizeof *cells);
	if (!row || !cells)
		abort();
	row[0] = _("Owner");
	for (size_t c = 0; c < m->n_tasks; c++) {
		snprintf(cells[c + 1], 16, "%d", plan->tasks[c].number);
		row[c + 1] = cells[c + 1];
	}
	row[cols - 1] = _("Total");
	table_add(&t, row);
	for (size_t r = 0; r <= m->n_owners; r++) {
		bool totals = r == m->n_owners;
		row[0] = totals ? _("Total") : *m->owners[r] ? m->owners[r] : _("(no owner)");
		for (size_t c = 0; c < m->n_tasks; c++) {
			int n = totals ? m->task_total[c] : m->counts[r * m->n_tasks + c];
			bool late = !totals && m->late[r * m->n_tasks + c];
			if (n)
				snprintf(cells[c + 1], 16, "%d%s", n, late ? "!" : "");
			else
				snprintf(cells[c + 1], 16, "%s", totals ? "0" : "·");
			row[c + 1] = cells[c + 1];
		}
		snprintf(cells[cols - 1], 16, "%d", totals ? m->total : m->owner_total[r]);
		row[cols - 1] = cells[cols - 1];
		table_add(&t, row);
	}
	table_print(&t, stdout, 0, cli_table_width());
	table_free(&t);
	free(row);
	free(cells);
}

static lz_rc item_matrix(lz_session *db, const cli_args *a)
{
	lz_day today;
	bool late_only = cli_args_has(a, X_LATE), tsv = cli_args_has(a, X_TSV);
	matrix_ctx x = {.plan = db->plan};
	lz_rc rc = item_year(db, a, X_YEAR, X_DATE, &x.year, &today);
	if (rc != LZ_OK)
		return rc;
	x.plan = db->plan;
	lz_arena arena = {0};
	lz_strv people = {0};
	lz_err err;
	lz_err_clear(&err);
	rc = lz_store_scan(db->store, LZ_KIND_PERSON, &arena, keep_person, &people, &err);
	if (rc == LZ_OK)
		rc = lz_store_items_by_task(db->store, 0, &arena, keep_item, &x, &err);
	if (rc == LZ_OK) {
		lz_matrix m;
		lz_matrix_build(&m, db->plan, people.v, people.n, x.items, x.n, today, late_only,
				&arena);
		print_matrix(&m, db->plan, tsv);
	} else {
		rc = cli_fail(&err);
	}
	free(x.items);
	free(people.v);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cmd_item(cli *c, int argc, char **argv)
{
	static const int note_required[] = {N_TEXT, -1};
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_ITEM);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "item add --task N --title S [OPTIONS]", cli_field_add, &item_cmd},
		{"list", item_list, list_opts, L_COUNT, 0, NULL, "item list [--year Y] [--task N] [--overdue] [--date D] [--tsv]", NULL, NULL},
		{"show", NULL, NULL, 0, 1, NULL, "item show ID", cli_field_show, &item_cmd},
		{"edit", NULL, o->defs, o->n, 1, NULL, "item edit ID [OPTIONS]", cli_field_edit, &item_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "item rm ID [--if-version N]", cli_field_remove, &item_cmd},
		{"note", item_note, note_opts, N_COUNT, 1, note_required, "item note ID --text S [--date D]", NULL, NULL},
		{"matrix", item_matrix, matrix_opts, X_COUNT, 0, NULL, "item matrix [--year Y] [--late] [--date D] [--tsv]", NULL, NULL},
	};
	return cli_dispatch(c, "item", subs, sizeof subs / sizeof *subs, argc, argv);
}
