/* lianzheng search TEXT [--tsv]: every record whose text holds TEXT. */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_validate.h"
#include "table.h"

typedef struct hit_ctx {
	lz_arena *arena;
	bool tsv;
	table t;
	size_t count;
} hit_ctx;

static bool record_matches(const lz_record *r, const char *needle)
{
	return lz_record_contains(r, needle);
}

static bool show_hit(const lz_record *r, void *ctx)
{
	hit_ctx *h = ctx;
	char id[24], date[LZ_DATE_STRLEN] = "";
	const char *title = "";
	snprintf(id, sizeof id, "%llu", (unsigned long long)r->u.meta.id);
	switch (r->kind) {
	case LZ_KIND_PERSON: title = r->u.person.name; break;
	case LZ_KIND_ITEM: title = r->u.item.title; cli_day_str(r->u.item.due, date); break;
	case LZ_KIND_MEETING: title = r->u.meeting.title; cli_day_str(r->u.meeting.date, date); break;
	case LZ_KIND_RISK: title = r->u.risk.desc; cli_day_str(r->u.risk.review, date); break;
	default: break;
	}
	const char *row[] = {h->tsv ? lz_kind_name(r->kind) : lz_kind_label(r->kind), id, date,
			     title};
	if (h->tsv)
		cli_tsv_row(stdout, row, 4);
	else
		table_add(&h->t, row);
	h->count++;
	lz_arena_free(h->arena);
	return true;
}

static lz_rc search(lz_session *db, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"tsv", false}};
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, opts, 1, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	hit_ctx h = {.arena = &arena, .tsv = cli_args_has(&a, 0)};
	const char *needle = a.noperands == 1 ? a.operands[0] : NULL;
	cli_args_free(&a);
	if (!needle)
		return cli_usage_error(_("usage: lianzheng search TEXT [--tsv]"));
	lz_err err;
	lz_err_clear(&err);
	if (!*needle || lz_validate_text(_("search text"), needle, LZ_MAX_SHORT_BYTES, false,
					 true, &err) != LZ_OK)
		return *needle ? cli_fail(&err) : cli_usage_error(_("the search text is empty"));
	table_init(&h.t, 4);
	const char *head[] = {_("Kind"), _("ID"), _("Date"), _("Text")};
	table_add(&h.t, head);
	static const lz_kind order[] = {LZ_KIND_MEETING, LZ_KIND_ITEM, LZ_KIND_RISK, LZ_KIND_PERSON};
	for (size_t k = 0; k < 4 && rc == LZ_OK; k++)
		if (lz_store_search(db->store, order[k], needle, record_matches, &arena, show_hit,
				    &h, &err) != LZ_OK)
			rc = cli_fail(&err);
	if (rc == LZ_OK && !h.tsv && h.count)
		table_print(&h.t, stdout, 0, cli_table_width());
	table_free(&h.t);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cmd_search(cli *c, int argc, char **argv)
{
	lz_session db;
	lz_rc rc = cli_db_open(c, &db);
	if (rc != LZ_OK)
		return rc;
	rc = search(&db, argc, argv);
	lz_session_close(&db);
	return rc;
}
