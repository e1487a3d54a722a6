/* lianzheng plan new --year Y [--from YEAR] [-o FILE]: the new-year step.
 * A draft of year Y's plan from an earlier year's (lz_plan_draft.h), with
 * the working calendar from the holiday data the program ships: written
 * to FILE for the secretary to revise, or, without -o, checked and stored
 * at once as Y's plan; then what carries over into Y is listed. */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_holidays.h"
#include "lz_i18n.h"
#include "lz_paths.h"
#include "lz_plan_draft.h"
#include "lz_status.h"
#include "lz_text.h"

enum { N_YEAR, N_FROM, N_OUT, N_OUTPUT, N_COUNT };
static const cli_optdef opts[N_COUNT] = {
	[N_YEAR] = {"year", true}, [N_FROM] = {"from", true}, [N_OUT] = {"o", true},
	[N_OUTPUT] = {"output", true},
};
static const int required[] = {N_YEAR, -1};

static lz_rc write_draft(FILE *out, void *ctx, lz_err *err)
{
	const lz_plan_draft *d = ctx;
	if (!lz_plan_emit(out, &d->plan, &d->notes))
		return lz_err_set(err, LZ_EIO, "%s", _("the draft could not be written"));
	return LZ_OK;
}

typedef struct carry_list {
	const lz_plan *plan;
	int year;
	size_t n;
} carry_list;

static bool list_carried(const lz_record *r, void *ctx)
{
	carry_list *c = ctx;
	if (lz_item_year_state(c->plan, &r->u.item, c->year) != LZ_ITEM_CARRIED)
		return true;
	if (!c->n++)
		printf(_("Open items carried into %d (上年结转):\n"), c->year);
	printf("  #%llu  ", (unsigned long long)r->u.meta.id);
	lz_text_print(stdout, r->u.item.title);
	putchar('\n');
	return true;
}

static bool count_due(const lz_record *r, void *ctx)
{
	(void)r;
	++*(size_t *)ctx;
	return true;
}

/* What the new year takes over from the years before it. */
static lz_rc list_carry_over(lz_session *db, const lz_plan *plan, int year)
{
	lz_arena arena = {0};
	lz_err err;
	lz_err_clear(&err);
	carry_list c = {plan, year, 0};
	lz_rc rc = lz_store_items_by_task(db->store, 0, &arena, list_carried, &c, &err);
	size_t due = 0;
	if (rc == LZ_OK)
		rc = lz_store_risks_review_between(db->store, INT32_MIN + 1,
						   lz_day_from_ymd(year, 12, 31), &arena, count_due,
						   &due, &err);
	lz_arena_free(&arena);
	if (rc != LZ_OK)
		return cli_fail(&err);
	if (!c.n)
		printf(_("No open item is carried into %d.\n"), year);
	printf(dngettext(LZ_GETTEXT_PACKAGE, "%zu risk point is due for review by the end of %d.\n",
			 "%zu risk points are due for review by the end of %d.\n", due),
	       due, year);
	return LZ_OK;
}

static lz_rc plan_new(lz_session *db, const cli_args *a)
{
	int year, from = 0;
	if (!cli_int("--year", cli_args_value(a, N_YEAR), LZ_YEAR_FIRST, LZ_YEAR_LAST, &year) ||
	    (cli_args_has(a, N_FROM) &&
	     !cli_int("--from", cli_args_value(a, N_FROM), LZ_YEAR_FIRST, LZ_YEAR_LAST, &from)))
		return LZ_EDATA;
	const char *path = cli_args_value_either(a, N_OUT, N_OUTPUT);
	if (!from)
		from = lz_session_base_year(db, year);
	if (!lz_session_planned(db, from)) {
		cli_error(_("--from %d: the database has no plan for %d to start from"), from, from);
		return LZ_EDATA;
	}
	if (!path && lz_session_planned(db, year)) {
		cli_error(_("%d already has a plan; to revise it, write a draft with -o FILE, edit it, then run 'lianzheng plan import FILE'"),
			  year);
		return LZ_EDATA;
	}
	lz_err err;
	lz_err_clear(&err);
	const lz_plan *base = lz_session_plan_for(db, from, &err);
	if (!base)
		return cli_fail(&err);
	if (!path) {
		lz_arena arena = {0};
		const char *warning;
		lz_rc rc = lz_session_new_year(db, year, from, &arena, &warning, &err);
		if (warning)
			cli_error("%s", warning);
		if (rc == LZ_OK) {
			cli_changed(_("the plan for %d was stored in %s"), year, db->dir);
			printf(_("%s: plan %d drafted from the plan for %d and stored; revise its texts with 'lianzheng plan new --year %d -o FILE' and 'lianzheng plan import FILE'\n"),
			       db->dir, year, from, year);
			rc = list_carry_over(db, base, year);
		} else {
			cli_fail(&err);
		}
		lz_arena_free(&arena);
		return rc;
	}
	lz_holidays *holidays = cli_load_holidays();
	lz_plan_draft draft;
	lz_plan_draft_make(&draft, base, year, holidays);
	if (draft.warning)
		cli_error("%s", draft.warning);
	lz_rc rc = lz_session_write_file(db, path, write_draft, &draft, &err);
	if (rc != LZ_OK)
		cli_fail(&err);
	else
		printf(_("draft of the plan for %d written to %s (from the plan for %d); revise its texts, then: lianzheng plan import %s\n"),
		       year, path, from, path);
	if (rc == LZ_OK)
		rc = list_carry_over(db, base, year);
	lz_plan_draft_free(&draft);
	lz_holidays_free(holidays);
	return rc;
}

lz_rc cmd_plan_new(cli *c, int argc, char **argv)
{
	static const cli_sub sub = {"new", plan_new, opts, N_COUNT, 0, required,
				    "plan new --year Y [--from YEAR] [-o FILE]", NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}
