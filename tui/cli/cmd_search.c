/* lianzheng search TEXT [--tsv]: every record whose text holds TEXT. */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_validate.h"
#include "table.h"

static bool record_matches(const lz_record *r, const char *needle)
{
	return lz_record_contains(r, needle);
}

static bool show_hit(const lz_record *r, void *ctx)
{
	cli_list *h = ctx;
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
	cli_list_next(h);
	return true;
}

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
	cli_list h = {.db = db, .tsv = cli_args_has(a, 0)};
	const char *head[] = {_("Kind"), _("ID"), _("Date"), _("Text")};
	cli_list_begin(&h, head, 4);
	static const lz_kind order[] = {LZ_KIND_MEETING, LZ_KIND_ITEM, LZ_KIND_RISK, LZ_KIND_PERSON};
	lz_rc rc = LZ_OK;
	for (size_t k = 0; k < 4 && rc == LZ_OK; k++)
		rc = lz_store_search(db->store, order[k], needle, record_matches, &h.arena, show_hit,
				     &h, &err);
	return cli_list_end(&h, rc, &err);
}

lz_rc cmd_search(cli *c, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"tsv", false}};
	static const cli_sub sub = {"search", search, opts, 1, 1, NULL, "search TEXT [--tsv]",
				    NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}
