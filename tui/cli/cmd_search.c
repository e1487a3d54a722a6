/* lianzheng search TEXT [--tsv]: every record whose text holds TEXT. */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_record_text.h"
#include "lz_validate.h"
#include "lz_vec.h"
#include "table.h"

static bool record_matches(const lz_record *r, const char *needle)
{
	return lz_record_contains(r, needle);
}

typedef struct found {
	const lz_plan *plan;
	lz_vec hits;    /* of lz_record_brief, strings in arena */
	lz_arena arena;
} found;

static bool keep_hit(const lz_record *r, void *ctx)
{
	found *f = ctx;
	lz_record_brief_of(r, f->plan, &f->arena, lz_vec_push(&f->hits));
	return true;
}

/* Hits by date, whatever their kind, with their status (--tsv keeps the
 * order by kind and the four columns it always had). */
static lz_rc search(lz_session *db, const cli_args *a)
{
	const char *needle = a->operands[0];
	if (!*needle)
		return cli_usage_error(_("the search text is empty"));
	lz_err err;
	lz_err_clear(&err);
	if (lz_validate_text(_("search text"), needle, LZ_MAX_SHORT_BYTES, false, true, &err) !=
	    LZ_OK)
		return cli_fail(&err);
	bool tsv = cli_args_has(a, 0);
	found f = {.plan = db->plan, .hits = LZ_VEC(lz_record_brief)};
	lz_arena records = {0};
	static const lz_kind order[] = {LZ_KIND_MEETING, LZ_KIND_ITEM, LZ_KIND_RISK, LZ_KIND_PERSON,
					LZ_KIND_NOTICE, LZ_KIND_DISCLOSURE, LZ_KIND_DISCIPLINE};
	const size_t n_order = sizeof order / sizeof *order;
	lz_rc rc = LZ_OK;
	for (size_t k = 0; k < n_order && rc == LZ_OK; k++)
		rc = lz_store_search(db->store, order[k], needle, record_matches, &records, keep_hit,
				     &f, &err);
	lz_arena_free(&records);
	lz_record_brief *v = f.hits.v;
	if (!tsv)
		qsort(v, f.hits.n, sizeof *v, lz_record_brief_cmp);
	cli_list h = {.db = db, .tsv = tsv};
	const char *head[] = {_("Date"), _("Kind"), _("ID"), _("Status"), _("Text")};
	cli_list_begin(&h, head, 5);
	for (size_t i = 0; rc == LZ_OK && i < f.hits.n; i++) {
		char id[24], date[LZ_DATE_STRLEN] = "";
		snprintf(id, sizeof id, "%llu", (unsigned long long)v[i].id);
		cli_day_str(v[i].date, date);
		if (tsv) {
			const char *row[] = {lz_kind_name(v[i].kind), id, date, v[i].title};
			cli_tsv_row(stdout, row, 4);
		} else {
			const char *row[] = {date, lz_kind_label(v[i].kind), id, v[i].status, v[i].title};
			table_add(&h.t, row);
		}
		cli_list_next(&h);
	}
	rc = cli_list_end(&h, rc, &err);
	lz_vec_free(&f.hits);
	lz_arena_free(&f.arena);
	return rc;
}

lz_rc cmd_search(cli *c, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"tsv", false}};
	static const cli_sub sub = {"search", search, opts, 1, 1, NULL, "search TEXT [--tsv]",
				    NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}
