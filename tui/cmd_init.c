/* lianzheng init [--plan FILE] and lianzheng db check */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_plan_load.h"
#include "lz_text.h"

/* Records that name something a revised plan no longer has: they are kept,
 * and listed so the secretary can reassign them. */
typedef struct orphans {
	const lz_plan *plan;
	lz_arena *arena;
	size_t count;
} orphans;

static void orphan(orphans *o, const lz_record *r, const char *what, const char *value)
{
	char *line;
	if (asprintf(&line, _("%s %llu keeps %s '%s', which the new plan does not have"),
		     lz_kind_label(r->kind), (unsigned long long)r->u.meta.id, what, value) < 0)
		abort();
	lz_text_print(stdout, line);
	fputc('\n', stdout);
	free(line);
	o->count++;
}

static bool check_orphan(const lz_record *r, void *ctx)
{
	orphans *o = ctx;
	char num[16];
	switch (r->kind) {
	case LZ_KIND_ITEM:
		if (!lz_plan_task(o->plan, r->u.item.task)) {
			snprintf(num, sizeof num, "%d", r->u.item.task);
			orphan(o, r, _("task"), num);
		}
		if (!lz_plan_item_status(o->plan, r->u.item.status))
			orphan(o, r, _("item status"), r->u.item.status);
		break;
	case LZ_KIND_MEETING:
		if (!lz_plan_meeting_type(o->plan, r->u.meeting.type))
			orphan(o, r, _("meeting type"), r->u.meeting.type);
		for (size_t i = 0; i < r->u.meeting.n_tasks; i++)
			if (!lz_plan_task(o->plan, r->u.meeting.tasks[i])) {
				snprintf(num, sizeof num, "%d", r->u.meeting.tasks[i]);
				orphan(o, r, _("task"), num);
			}
		break;
	case LZ_KIND_RISK:
		if (!lz_plan_risk_level(o->plan, r->u.risk.level))
			orphan(o, r, _("risk level"), r->u.risk.level);
		break;
	default:
		break;
	}
	lz_arena_free(o->arena);
	return true;
}

static lz_rc init(cli *c, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"plan", true}};
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, opts, 1, &a);
	if (rc != LZ_OK)
		return rc;
	const char *path = cli_args_has(&a, 0) ? cli_args_value(&a, 0) : cli_bundled_plan_path();
	if (a.noperands)
		rc = cli_usage_error(_("usage: lianzheng init [--plan FILE]"));
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	if (!path) {
		cli_error(_("the bundled plan is not installed; name one with --plan FILE"));
		return LZ_ENOINPUT;
	}
	/* The plan is read and checked before the database is touched. */
	lz_diags d;
	lz_diags_init(&d);
	char *yaml;
	size_t len;
	rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, &yaml, &len, &d);
	lz_plan *plan = NULL;
	if (rc == LZ_OK) {
		rc = lz_plan_load_buffer(path, yaml, len, &plan, &d);
		if (rc != LZ_OK)
			free(yaml);
	}
	cli_print_diags(&d);
	lz_diags_free(&d);
	if (rc != LZ_OK)
		return rc;

	char dir[PATH_MAX];
	lz_err err;
	lz_err_clear(&err);
	lz_store *store = NULL;
	rc = lz_store_resolve_dir(c->db_dir, dir, sizeof dir, &err);
	if (rc == LZ_OK)
		rc = lz_store_open(dir, NULL, &store, &err);
	orphans o = {.plan = plan};
	lz_arena arena = {0};
	o.arena = &arena;
	for (int k = 0; rc == LZ_OK && k < LZ_KIND_COUNT; k++)
		rc = lz_store_scan(store, (lz_kind)k, &arena, check_orphan, &o, &err);
	if (rc == LZ_OK)
		rc = cli_store_plan(store, yaml, len, plan, &err);
	if (rc != LZ_OK)
		cli_fail(&err);
	else
		printf(_("%s: plan %d \"%s\" stored (tasks: %zu, obligations: %zu)\n"), dir, plan->year,
		       plan->title, plan->n_tasks, plan->n_obligations);
	if (rc == LZ_OK && o.count)
		printf(_("%zu records refer to what the new plan lacks; they are kept as they are\n"),
		       o.count);
	lz_arena_free(&arena);
	lz_store_close(store);
	lz_plan_free(plan);
	free(yaml);
	return rc;
}

lz_rc cmd_init(cli *c, int argc, char **argv)
{
	return init(c, argc, argv);
}

static lz_rc db_check(cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage_error(_("usage: lianzheng db check"));
	char dir[PATH_MAX];
	lz_err err;
	lz_err_clear(&err);
	size_t problems = 0;
	size_t counts[LZ_KIND_COUNT] = {0};
	/* Opened and read in a child process: a damaged file is reported,
	 * whatever LMDB runs into. */
	lz_rc rc = lz_store_resolve_dir(c->db_dir, dir, sizeof dir, &err);
	if (rc == LZ_OK)
		rc = lz_store_check_dir(dir, stdout, &problems, counts, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	if (problems) {
		printf(dngettext(LZ_GETTEXT_PACKAGE, "%zu problem found in %s\n",
				 "%zu problems found in %s\n", problems),
		       problems, dir);
		return LZ_EDATA;
	}
	printf(_("%s: consistent (people: %zu, items: %zu, meetings: %zu, risks: %zu)\n"), dir,
	       counts[LZ_KIND_PERSON], counts[LZ_KIND_ITEM], counts[LZ_KIND_MEETING],
	       counts[LZ_KIND_RISK]);
	return LZ_OK;
}

lz_rc cmd_db(cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return db_check(c, argc - 1, argv + 1);
	if (argc < 2)
		return cli_usage_error(_("db needs a subcommand: check"));
	return cli_usage_error(_("unknown db subcommand '%s'"), argv[1]);
}
