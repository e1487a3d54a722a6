/* lianzheng risk add|list|show|edit|rm|review */
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_dated.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "table.h"

/* The middle of each scale unless told; the first review falls due after
 * the level's interval. */
static void risk_defaults(const lz_plan *plan, lz_record *rec)
{
	(void)plan;
	rec->u.risk.likelihood = rec->u.risk.impact = 3;
}

static void risk_finish(const lz_plan *plan, lz_record *rec, const lz_record *before,
			bool (*given)(const void *ctx, const char *key), const void *ctx)
{
	if (!before && !given(ctx, "review"))
		rec->u.risk.review = lz_risk_next_review(plan, rec->u.risk.level, lz_day_today());
}

static const cli_record_cmd risk_cmd = {LZ_KIND_RISK, risk_defaults, risk_finish, NULL, NULL};

enum { R_DATE, R_RESULT, R_NEXT, R_IF_VERSION, R_COUNT };
static const cli_optdef review_opts[R_COUNT] = {
	[R_DATE] = {"date", true}, [R_RESULT] = {"result", true}, [R_NEXT] = {"next", true},
	[R_IF_VERSION] = {"if-version", true},
};

static lz_rc risk_review(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	lz_arena arena = {0};
	lz_record rec;
	lz_day date = LZ_NO_DAY, next = LZ_NO_DAY;
	uint32_t expect = 0;
	if (!cli_day("--date", cli_args_value(a, R_DATE), &date) ||
	    (cli_args_has(a, R_NEXT) && !cli_day("--next", cli_args_value(a, R_NEXT), &next)) ||
	    (cli_args_has(a, R_IF_VERSION) && !cli_version(cli_args_value(a, R_IF_VERSION), &expect)))
		rc = LZ_EDATA;
	if (rc == LZ_OK)
		rc = cli_load(db, LZ_KIND_RISK, a->operands[0], &arena, &rec);
	if (rc == LZ_OK) {
		lz_risk *r = &rec.u.risk;
		lz_err err;
		lz_err_clear(&err);
		if (lz_risk_add_review(db->plan, &arena, r, date, cli_args_value(a, R_RESULT), next,
				       &err) != LZ_OK)
			rc = cli_fail(&err);
		else
			rc = cli_save(db, LZ_OP_UPDATE, &rec, expect ? expect : r->meta.version, NULL);
	}
	lz_arena_free(&arena);
	return rc;
}

static const char *level_name(const lz_plan *plan, const char *id)
{
	const lz_risk_level *l = lz_plan_risk_level(plan, id);
	return l ? l->name : id;
}

enum { L_LEVEL, L_TSV, L_REVIEW_DUE, L_DATE, L_COUNT };
static const cli_optdef list_opts[L_COUNT] = {
	[L_LEVEL] = {"level", true}, [L_TSV] = {"tsv", false}, [L_REVIEW_DUE] = {"review-due", false},
	[L_DATE] = {"date", true},
};

typedef struct row {
	size_t level_rank;
	lz_day review;
	lz_id id;
	char *cells[9];
} row;

typedef struct list_ctx {
	lz_session *db;
	lz_arena *arena;
	const char *level;
	bool review_due;  /* only past their review date */
	lz_day date;
	row *rows;
	size_t n, cap;
} list_ctx;

static size_t level_rank(const lz_plan *plan, const char *id)
{
	for (size_t i = 0; i < plan->n_risk_levels; i++)
		if (strcmp(plan->risk_levels[i].id, id) == 0)
			return i;
	return plan->n_risk_levels;
}

static char *dup_or_empty(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		abort();
	return d;
}

static bool collect(const lz_record *rec, void *ctx)
{
	list_ctx *l = ctx;
	const lz_risk *r = &rec->u.risk;
	bool due = r->review != LZ_NO_DAY && r->review < l->date;
	if ((!l->level || strcmp(r->level, l->level) == 0) && (!l->review_due || due)) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 64;
			l->rows = realloc(l->rows, l->cap * sizeof *l->rows);
			if (!l->rows)
				abort();
		}
		row *w = &l->rows[l->n++];
		char buf[32], date[LZ_DATE_STRLEN];
		w->level_rank = level_rank(l->db->plan, r->level);
		w->review = r->review;
		w->id = r->meta.id;
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)r->meta.id);
		w->cells[0] = dup_or_empty(buf);
		w->cells[1] = dup_or_empty(r->level);
		snprintf(buf, sizeof buf, "%d", r->likelihood);
		w->cells[2] = dup_or_empty(buf);
		snprintf(buf, sizeof buf, "%d", r->impact);
		w->cells[3] = dup_or_empty(buf);
		w->cells[4] = dup_or_empty(cli_day_str(r->review, date));
		w->cells[5] = dup_or_empty(r->status);
		w->cells[6] = dup_or_empty(r->post);
		w->cells[7] = dup_or_empty(r->link);
		w->cells[8] = dup_or_empty(r->desc);
	}
	lz_arena_free(l->arena);
	return true;
}

/* Most severe level first, then the earliest review. */
static int by_level_then_review(const void *a, const void *b)
{
	const row *x = a, *y = b;
	if (x->level_rank != y->level_rank)
		return x->level_rank < y->level_rank ? -1 : 1;
	if (x->review != y->review)
		return x->review < y->review ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static lz_rc risk_list(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	lz_arena arena = {0};
	list_ctx l = {.db = db, .arena = &arena, .review_due = cli_args_has(a, L_REVIEW_DUE),
		      .date = lz_day_today()};
	bool tsv = cli_args_has(a, L_TSV);
	if (cli_args_has(a, L_DATE) && !cli_day("--date", cli_args_value(a, L_DATE), &l.date))
		rc = LZ_EDATA;
	if (rc == LZ_OK && cli_args_has(a, L_LEVEL)) {
		const lz_risk_level *lv = lz_plan_risk_level(db->plan, cli_args_value(a, L_LEVEL));
		if (!lv) {
			cli_error(_("--level: unknown risk level '%s' (see 'lianzheng plan show')"),
				  cli_args_value(a, L_LEVEL));
			rc = LZ_EDATA;
		} else {
			l.level = lv->id;
		}
	}
	if (rc != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	if (l.review_due)
		rc = lz_store_risks_review_between(db->store, INT32_MIN + 1, l.date - 1, &arena,
						   collect, &l, &err);
	else
		rc = lz_store_scan(db->store, LZ_KIND_RISK, &arena, collect, &l, &err);
	if (rc != LZ_OK)
		rc = cli_fail(&err);
	if (l.n)
		qsort(l.rows, l.n, sizeof *l.rows, by_level_then_review);
	table t;
	table_init(&t, 8);
	const char *head[] = {_("ID"), _("Level"), _("L×I"), _("Review"), _("Status"),
			      _("Post"), _("Link"), _("Risk")};
	table_add(&t, head);
	for (size_t i = 0; i < l.n && rc == LZ_OK; i++) {
		char **c = l.rows[i].cells;
		if (tsv) {
			cli_tsv_row(stdout, (const char *const *)c, 9);
		} else {
			char li[16];
			snprintf(li, sizeof li, "%s×%s", c[2], c[3]);
			const char *r[] = {c[0], level_name(db->plan, c[1]), li, c[4], c[5], c[6], c[7], c[8]};
			table_add(&t, r);
		}
	}
	if (rc == LZ_OK && !tsv && l.n)
		table_print(&t, stdout, 0, cli_table_width());
	table_free(&t);
	for (size_t i = 0; i < l.n; i++)
		for (int c = 0; c < 9; c++)
			free(l.rows[i].cells[c]);
	free(l.rows);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cmd_risk(cli *c, int argc, char **argv)
{
	static const int review_required[] = {R_DATE, R_RESULT, -1};
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_RISK);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "risk add --post S --link S --desc S --level L [OPTIONS]", cli_field_add, &risk_cmd},
		{"list", risk_list, list_opts, L_COUNT, 0, NULL, "risk list [--level L] [--review-due] [--date D] [--tsv]", NULL, NULL},
		{"show", NULL, NULL, 0, 1, NULL, "risk show ID", cli_field_show, &risk_cmd},
		{"edit", NULL, o->defs, o->n, 1, NULL, "risk edit ID [OPTIONS]", cli_field_edit, &risk_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "risk rm ID [--if-version N]", cli_field_remove, &risk_cmd},
		{"review", risk_review, review_opts, R_COUNT, 1, review_required, "risk review ID --date D --result S [--next D]", NULL, NULL},
	};
	return cli_dispatch(c, "risk", subs, sizeof subs / sizeof *subs, argc, argv);
}
