/* lianzheng risk add|list|show|edit|rm|review */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_dated.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "table.h"

enum {
	O_POST, O_LINK, O_DESC, O_LEVEL, O_LIKELIHOOD, O_IMPACT, O_MEASURES, O_OWNER,
	O_REVIEW, O_STATUS, O_IF_VERSION, O_COUNT
};

static const cli_optdef fields[O_COUNT] = {
	[O_POST] = {"post", true}, [O_LINK] = {"link", true}, [O_DESC] = {"desc", true},
	[O_LEVEL] = {"level", true}, [O_LIKELIHOOD] = {"likelihood", true},
	[O_IMPACT] = {"impact", true}, [O_MEASURES] = {"measures", true},
	[O_OWNER] = {"owner", true}, [O_REVIEW] = {"review", true},
	[O_STATUS] = {"status", true}, [O_IF_VERSION] = {"if-version", true},
};

typedef struct form {
	lz_session *db;
	lz_risk *r;
	uint32_t if_version;
} form;

static bool set_field(void *ctx, int i, const char *v)
{
	form *f = ctx;
	lz_risk *r = f->r;
	switch (i) {
	case O_POST: r->post = v; return true;
	case O_LINK: r->link = v; return true;
	case O_DESC: r->desc = v; return true;
	case O_LEVEL: {
		const lz_risk_level *l = lz_plan_risk_level(f->db->plan, v);
		if (!l) {
			cli_error(_("--level: unknown risk level '%s' (see 'lianzheng plan show')"), v);
			return false;
		}
		r->level = l->id;
		return true;
	}
	case O_LIKELIHOOD: return cli_int("--likelihood", v, 1, 5, &r->likelihood);
	case O_IMPACT: return cli_int("--impact", v, 1, 5, &r->impact);
	case O_MEASURES: r->measures = v; return true;
	case O_OWNER: r->owner = v; return true;
	case O_REVIEW:
		if (!*v) {
			r->review = LZ_NO_DAY;
			return true;
		}
		return cli_day("--review", v, &r->review);
	case O_STATUS: r->status = v; return true;
	case O_IF_VERSION: return cli_version(v, &f->if_version);
	}
	return false;
}

static lz_rc risk_add(lz_session *db, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, fields, O_IF_VERSION, &a);
	if (rc != LZ_OK)
		return rc;
	lz_record rec = {.kind = LZ_KIND_RISK};
	lz_risk_init(&rec.u.risk);
	rec.u.risk.likelihood = rec.u.risk.impact = 3;
	form f = {.db = db, .r = &rec.u.risk};
	if (a.noperands)
		rc = cli_usage_error(_("risk add takes only options; unexpected '%s'"), a.operands[0]);
	else if (!cli_args_has(&a, O_POST) || !cli_args_has(&a, O_LINK) ||
		 !cli_args_has(&a, O_DESC) || !cli_args_has(&a, O_LEVEL))
		rc = cli_usage_error(_("risk add needs --post, --link, --desc and --level"));
	if (rc == LZ_OK)
		rc = cli_apply_opts(&a, set_field, &f);
	if (rc == LZ_OK) {
		lz_risk *r = &rec.u.risk;
		/* The first review falls due after the level's interval. */
		if (!cli_args_has(&a, O_REVIEW))
			r->review = lz_risk_next_review(db->plan, r->level, lz_day_today());
		r->meta.year = db->plan->year;
		lz_id id;
		rc = cli_save(db, LZ_OP_ADD, &rec, 0, &id);
		if (rc == LZ_OK)
			printf("%llu\n", (unsigned long long)id);
	}
	cli_args_free(&a);
	return rc;
}

static void *bind_form(void *fp, lz_session *db, lz_arena *arena, lz_record *rec)
{
	form *f = fp;
	(void)arena;
	*f = (form){.db = db, .r = &rec->u.risk};
	return f;
}

static uint32_t form_if_version(const void *fp)
{
	return ((const form *)fp)->if_version;
}

static const cli_form_ops form_ops = {fields, O_COUNT, set_field, bind_form, form_if_version, NULL};

static lz_rc risk_edit(lz_session *db, int argc, char **argv)
{
	form f;
	return cli_edit(db, LZ_KIND_RISK, &form_ops, &f, argc, argv);
}

enum { R_DATE, R_RESULT, R_NEXT, R_IF_VERSION, R_COUNT };
static const cli_optdef review_opts[R_COUNT] = {
	[R_DATE] = {"date", true}, [R_RESULT] = {"result", true}, [R_NEXT] = {"next", true},
	[R_IF_VERSION] = {"if-version", true},
};

static lz_rc risk_review(lz_session *db, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, review_opts, R_COUNT, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	lz_record rec;
	lz_day date = LZ_NO_DAY, next = LZ_NO_DAY;
	uint32_t expect = 0;
	if (a.noperands != 1 || !cli_args_has(&a, R_DATE) || !cli_args_has(&a, R_RESULT))
		rc = cli_usage_error(_("usage: lianzheng risk review ID --date D --result S [--next D]"));
	else if (!cli_day("--date", cli_args_value(&a, R_DATE), &date) ||
		 (cli_args_has(&a, R_NEXT) && !cli_day("--next", cli_args_value(&a, R_NEXT), &next)) ||
		 (cli_args_has(&a, R_IF_VERSION) &&
		  !cli_version(cli_args_value(&a, R_IF_VERSION), &expect)))
		rc = LZ_EDATA;
	if (rc == LZ_OK)
		rc = cli_load(db, LZ_KIND_RISK, a.operands[0], &arena, &rec);
	if (rc == LZ_OK) {
		lz_risk *r = &rec.u.risk;
		lz_err err;
		lz_err_clear(&err);
		if (lz_risk_add_review(db->plan, &arena, r, date, cli_args_value(&a, R_RESULT), next,
				       &err) != LZ_OK)
			rc = cli_fail(&err);
		else
			rc = cli_save(db, LZ_OP_UPDATE, &rec, expect ? expect : r->meta.version, NULL);
	}
	cli_args_free(&a);
	lz_arena_free(&arena);
	return rc;
}

static lz_rc risk_rm(lz_session *db, int argc, char **argv)
{
	return cli_remove(db, LZ_KIND_RISK, argc, argv);
}

static const char *level_name(const lz_plan *plan, const char *id)
{
	const lz_risk_level *l = lz_plan_risk_level(plan, id);
	return l ? l->name : id;
}

static lz_rc risk_show(lz_session *db, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng risk show ID"));
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, LZ_KIND_RISK, argv[1], &arena, &rec);
	if (rc == LZ_OK) {
		const lz_risk *r = &rec.u.risk;
		FILE *o = stdout;
		char buf[64];
		cli_show_field(o, _("Post"), r->post);
		cli_show_field(o, _("Link"), r->link);
		cli_show_field(o, _("Risk"), r->desc);
		cli_show_field(o, _("Level"), level_name(db->plan, r->level));
		snprintf(buf, sizeof buf, "%d × %d", r->likelihood, r->impact);
		cli_show_field(o, _("L × I"), buf);
		cli_show_field(o, _("Measures"), r->measures);
		cli_show_field(o, _("Owner"), r->owner);
		cli_show_day(o, _("Next review"), r->review);
		cli_show_field(o, _("Status"), r->status);
		for (size_t i = 0; i < r->n_log; i++) {
			char d1[LZ_DATE_STRLEN], d2[LZ_DATE_STRLEN], *line;
			if (asprintf(&line, _("%s  %s (next %s)"), cli_day_str(r->log[i].date, d1),
				     r->log[i].result, cli_day_str(r->log[i].next, d2)) < 0)
				abort();
			cli_show_field(o, i ? "" : _("Reviews"), line);
			free(line);
		}
		cli_show_meta(o, &r->meta);
	}
	lz_arena_free(&arena);
	return rc;
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

static lz_rc risk_list(lz_session *db, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, list_opts, L_COUNT, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	list_ctx l = {.db = db, .arena = &arena, .review_due = cli_args_has(&a, L_REVIEW_DUE),
		      .date = lz_day_today()};
	bool tsv = cli_args_has(&a, L_TSV);
	if (cli_args_has(&a, L_DATE) && !cli_day("--date", cli_args_value(&a, L_DATE), &l.date))
		rc = LZ_EDATA;
	if (a.noperands)
		rc = cli_usage_error(_("risk list takes only options; unexpected '%s'"), a.operands[0]);
	else if (rc == LZ_OK && cli_args_has(&a, L_LEVEL)) {
		const lz_risk_level *lv = lz_plan_risk_level(db->plan, cli_args_value(&a, L_LEVEL));
		if (!lv) {
			cli_error(_("--level: unknown risk level '%s' (see 'lianzheng plan show')"),
				  cli_args_value(&a, L_LEVEL));
			rc = LZ_EDATA;
		} else {
			l.level = lv->id;
		}
	}
	cli_args_free(&a);
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
	static const int add_required[] = {O_POST, O_LINK, O_DESC, O_LEVEL, -1};
	static const int review_required[] = {R_DATE, R_RESULT, -1};
	static const cli_sub subs[] = {
		{"add", risk_add, fields, O_IF_VERSION, 0, add_required, "risk add --post S --link S --desc S --level L [OPTIONS]"},
		{"list", risk_list, list_opts, L_COUNT, 0, NULL, "risk list [--level L] [--review-due] [--date D] [--tsv]"},
		{"show", risk_show, NULL, 0, 1, NULL, "risk show ID"},
		{"edit", risk_edit, fields, O_COUNT, 1, NULL, "risk edit ID [OPTIONS]"},
		{"rm", risk_rm, cli_rm_opts, 1, 1, NULL, "risk rm ID [--if-version N]"},
		{"review", risk_review, review_opts, R_COUNT, 1, review_required, "risk review ID --date D --result S [--next D]"},
	};
	return cli_dispatch(c, "risk", subs, sizeof subs / sizeof *subs, argc, argv);
}
