/* lianzheng init [--plan FILE] and lianzheng db check */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_log.h"
#include "lz_paths.h"
#include "lz_plan_cache.h"
#include "lz_plan_change.h"
#include "lz_stored.h"
#include "lz_vec.h"
#include "lz_plan_load.h"
#include "lz_text.h"

/* A revised plan against the records already kept: each reference the
 * new plan lacks (after the --map mappings) is listed, and the records the
 * mappings change become one update each. */
typedef struct carry_over {
	const lz_plan *plan;
	/* Only the records held to the new plan's year count (lz_record_year),
	 * and people when it becomes the latest plan, which they are held to. */
	bool persons;
	const lz_plan_map *maps;
	size_t n_maps;
	lz_arena *scan;   /* the record being visited */
	lz_arena *keep;   /* records to write, until they are written */
	lz_vec ops;       /* lz_op */
	size_t missing;
} carry_over;

static void report_missing(const lz_record *r, lz_ref_kind kind, const char *value, void *ctx)
{
	carry_over *co = ctx;
	char *line;
	if (asprintf(&line, _("%s %llu: %s '%s' is not in the new plan (map it with --map %s:%s=NEW)"),
		     lz_kind_label(r->kind), (unsigned long long)r->u.meta.id,
		     lz_ref_kind_label(kind), value, lz_ref_kind_name(kind), value) < 0)
		abort();
	fputs("lianzheng: ", stderr);
	lz_text_print(stderr, line);
	fputc('\n', stderr);
	free(line);
	co->missing++;
}

static bool carry_record(const lz_record *r, void *ctx)
{
	carry_over *co = ctx;
	int year = lz_record_year(r);
	if (year ? year != co->plan->year : !co->persons) {
		lz_arena_free(co->scan);
		return true;
	}
	lz_record copy = *r;
	if (lz_plan_remap(co->plan, co->maps, co->n_maps, &copy, co->scan, report_missing, co)) {
		/* A copy that outlives this visit. */
		lz_record *kept = lz_record_copy(&copy, co->keep);
		lz_op op = {.op = LZ_OP_UPDATE, .kind = kept->kind, .rec = kept,
			    .expect_version = kept->u.meta.version};
		*(lz_op *)lz_vec_push(&co->ops) = op;
	}
	lz_arena_free(co->scan);
	return true;
}

/* The plan file, read and checked before the database is touched. */
static lz_rc read_plan(const char *path, char **yaml, size_t *len, lz_plan **plan)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_rc rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, yaml, len, &d);
	if (rc == LZ_OK) {
		rc = lz_plan_load_buffer(path, *yaml, *len, plan, &d);
		if (rc != LZ_OK)
			free(*yaml);
	}
	cli_print_diags(&d);
	lz_diags_free(&d);
	return rc;
}

static void print_stored(const char *dir, const lz_plan *plan)
{
	printf(_("%s: plan %d \"%s\" stored (tasks: %zu, obligations: %zu)\n"), dir, plan->year,
	       plan->title, plan->n_tasks, plan->n_obligations);
}

/* init without --plan on a database that has one: nothing to do, and
 * certainly not putting the bundled plan over a plan of the user's. */
static lz_rc keep_existing(const char *dir, lz_store *store)
{
	char *yaml = NULL;
	size_t len = 0;
	lz_err err;
	lz_err_clear(&err);
	int years[LZ_PLAN_YEARS_MAX];
	size_t n = 0;
	lz_rc rc = lz_store_plan_years(store, years, &n, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	if (!n)
		return LZ_ENOINPUT;
	rc = lz_store_get_plan(store, years[n - 1], &yaml, &len, NULL, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	lz_plan *plan = NULL;
	lz_diags d;
	lz_diags_init(&d);
	if (lz_plan_load_buffer(dir, yaml, len, &plan, &d) == LZ_OK)
		printf(_("%s: the database exists; its plan %d \"%s\" is kept (to replace it: lianzheng init --plan FILE)\n"),
		       dir, plan->year, plan->title);
	else
		printf(_("%s: the database exists; its plan is kept (to replace it: lianzheng init --plan FILE)\n"),
		       dir);
	lz_diags_free(&d);
	lz_plan_free(plan);
	free(yaml);
	return LZ_OK;
}

/* Stores the plan as its year's, replacing the one the year had, carrying
 * the records held to it over in the same transaction; refused while any
 * of them would point at what the new plan lacks. */
static lz_rc replace_plan(const char *dir, lz_store *store, const char *yaml, size_t len,
			  const lz_plan *plan, const lz_plan_map *maps, size_t n_maps, lz_err *err)
{
	char old_sha[65];
	char *old = NULL;
	size_t old_len = 0;
	lz_rc rc = lz_store_get_plan(store, plan->year, &old, &old_len, old_sha, err);
	bool same = rc == LZ_OK && old_len == len && memcmp(old, yaml, len) == 0;
	free(old);
	if (rc == LZ_ENOINPUT)
		lz_err_clear(err);
	else if (rc != LZ_OK)
		return rc;
	uint64_t head = 0;
	unsigned char hash[LZ_LOG_HASH];
	rc = lz_store_log_head(store, &head, hash, err);
	lz_arena scan = {0}, keep = {0};
	int years[LZ_PLAN_YEARS_MAX];
	size_t n_years = 0;
	if (rc == LZ_OK)
		rc = lz_store_plan_years(store, years, &n_years, err);
	carry_over co = {.plan = plan, .persons = !n_years || years[n_years - 1] <= plan->year,
			 .maps = maps, .n_maps = n_maps, .scan = &scan, .keep = &keep,
			 .ops = LZ_VEC(lz_op)};
	for (int k = 0; rc == LZ_OK && k < LZ_KIND_COUNT; k++)
		rc = lz_store_scan(store, (lz_kind)k, &scan, carry_record, &co, err);
	if (rc == LZ_OK && co.missing) {
		cli_error(dngettext(LZ_GETTEXT_PACKAGE,
				    "%zu reference to what the new plan lacks; nothing was written",
				    "%zu references to what the new plan lacks; nothing was written",
				    co.missing),
			  co.missing);
		rc = LZ_EDATA;
	} else if (rc == LZ_OK && same && !co.ops.n) {
		fprintf(stdout, _("%s: this plan is already the stored one; nothing was written\n"), dir);
	} else if (rc == LZ_OK) {
		unsigned char *compiled;
		size_t clen;
		lz_plan_encode(plan, &compiled, &clen);
		rc = lz_store_replace_plan(store, plan->year, yaml, len, compiled, clen, co.ops.v,
					   co.ops.n, head, err);
		free(compiled);
		if (rc == LZ_OK) {
			cli_changed(_("the plan for %d was stored in %s"), plan->year, dir);
			print_stored(dir, plan);
			if (co.ops.n)
				printf(dngettext(LZ_GETTEXT_PACKAGE,
						 "%zu record carried over to the new plan by --map\n",
						 "%zu records carried over to the new plan by --map\n",
						 co.ops.n),
				       co.ops.n);
		}
	}
	lz_vec_free(&co.ops);
	lz_arena_free(&scan);
	lz_arena_free(&keep);
	return rc;
}

/* Stores the plan in FILE as its year's plan in the database of dir
 * (open: the store, else opened here and created if need be), with the
 * --map options of a (index map_opt). */
static lz_rc store_plan_file(const char *dir, lz_store *open, const char *path,
			     const cli_args *a, int map_opt)
{
	char *yaml;
	size_t len;
	lz_plan *plan = NULL;
	lz_rc rc = read_plan(path, &yaml, &len, &plan);
	if (rc != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	lz_arena arena = {0};
	lz_vec maps = LZ_VEC(lz_plan_map);
	for (size_t i = 0; rc == LZ_OK && i < a->nopts; i++) {
		if (a->opts[i].index != map_opt)
			continue;
		lz_plan_map m;
		rc = lz_plan_map_parse(a->opts[i].value, plan, &arena, &m, &err);
		if (rc == LZ_OK)
			*(lz_plan_map *)lz_vec_push(&maps) = m;
		else if (rc == LZ_EUSAGE)
			cli_usage_error("%s", err.msg);
		else
			cli_fail(&err);
	}
	lz_store *store = open;
	if (rc == LZ_OK) {
		if (!store)
			rc = lz_store_open(dir, NULL, &store, &err);
		if (rc == LZ_OK)
			rc = replace_plan(dir, store, yaml, len, plan, maps.v, maps.n, &err);
		if (rc != LZ_OK && err.msg[0])
			cli_fail(&err);
	}
	lz_vec_free(&maps);
	lz_arena_free(&arena);
	if (store != open)
		lz_store_close(store);
	lz_plan_free(plan);
	free(yaml);
	return rc;
}

static lz_rc init(cli *c, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"plan", true}, {"map", true}};
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, opts, 2, &a);
	if (rc != LZ_OK)
		return rc;
	const char *given = cli_args_value(&a, 0);
	if (a.noperands)
		rc = cli_usage_error(_("usage: lianzheng init [--plan FILE [--map KIND:OLD=NEW]...]"));
	else if (cli_args_has(&a, 1) && !given)
		rc = cli_usage_error(_("--map goes with --plan FILE: it maps the records to a new plan"));
	char dir[PATH_MAX];
	lz_err err;
	lz_err_clear(&err);
	if (rc == LZ_OK && (rc = lz_store_resolve_dir(c->db_dir, dir, sizeof dir, &err)) != LZ_OK)
		cli_fail(&err);
	if (rc == LZ_OK && !given) {
		/* An existing database is opened as it is, never created. */
		lz_store_options existing = {.existing_only = true};
		lz_store *store = NULL;
		if (lz_store_open(dir, &existing, &store, &err) == LZ_OK) {
			rc = keep_existing(dir, store);
			lz_store_close(store);
			/* A database left without a plan (a first start cut
			 * short) gets the bundled one below. */
			if (rc == LZ_ENOINPUT)
				rc = LZ_OK;
			else
				given = "";
		} else if (err.rc != LZ_ENOINPUT) {
			rc = cli_fail(&err);
		}
	}
	const char *path = given ? given : lz_bundled_plan_path();
	if (rc == LZ_OK && !path) {
		cli_error(_("the bundled plan is not installed; name one with --plan FILE"));
		rc = LZ_ENOINPUT;
	}
	if (rc == LZ_OK && *path)
		rc = store_plan_file(dir, NULL, path, &a, 1);
	cli_args_free(&a);
	return rc;
}

/* plan import FILE [--map KIND:OLD=NEW]...: the plan of FILE's year, into
 * a database that exists. */
static lz_rc plan_import(lz_session *db, const cli_args *a)
{
	return store_plan_file(db->dir, db->store, a->operands[0], a, 0);
}

lz_rc cmd_plan_import(cli *c, int argc, char **argv)
{
	static const cli_optdef opts[] = {{"map", true}};
	static const cli_sub sub = {"import", plan_import, opts, 1, 1, NULL,
				    "plan import FILE [--map KIND:OLD=NEW]...", NULL, NULL};
	return cli_run(c, &sub, argc, argv);
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
	/* The registers on a line of their own, when they hold anything:
	 * the line above is what scripts have always read. */
	if (counts[LZ_KIND_NOTICE] || counts[LZ_KIND_DISCLOSURE] || counts[LZ_KIND_DISCIPLINE])
		printf(_("registers: notices: %zu, disclosures: %zu, discipline records: %zu\n"),
		       counts[LZ_KIND_NOTICE], counts[LZ_KIND_DISCLOSURE], counts[LZ_KIND_DISCIPLINE]);
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
