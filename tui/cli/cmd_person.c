/* lianzheng person add|list|show|edit|rm */
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_text.h"
#include "table.h"

static const cli_record_cmd person_cmd = {LZ_KIND_PERSON, NULL, NULL};

static lz_rc person_add(lz_session *db, int argc, char **argv)
{
	return cli_field_add(db, &person_cmd, argc, argv);
}

static lz_rc person_edit(lz_session *db, int argc, char **argv)
{
	return cli_field_edit(db, &person_cmd, argc, argv);
}

static lz_rc person_rm(lz_session *db, int argc, char **argv)
{
	return cli_remove(db, LZ_KIND_PERSON, argc, argv);
}

/* Role ids as the plan's names, "分管领导一岗双责(办公室)". */
static lz_rc person_show(lz_session *db, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng person show ID"));
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, LZ_KIND_PERSON, argv[1], &arena, &rec);
	if (rc == LZ_OK)
		cli_show_fields(stdout, &rec, db->plan, &arena);
	lz_arena_free(&arena);
	return rc;
}

typedef struct list_ctx {
	lz_session *db;
	lz_arena *arena;
	bool tsv;
	table t;
	size_t count;
} list_ctx;

static bool list_one(const lz_record *r, void *ctx)
{
	list_ctx *l = ctx;
	const lz_person *p = &r->u.person;
	char id[24];
	snprintf(id, sizeof id, "%llu", (unsigned long long)p->meta.id);
	if (l->tsv) {
		char *roles = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&roles, &len);
		for (size_t i = 0; i < p->roles.n; i++)
			fprintf(f, "%s%s", i ? "," : "", p->roles.v[i]);
		fclose(f);
		const char *row[] = {id, p->name, p->post, p->dept, roles};
		cli_tsv_row(stdout, row, 5);
		free(roles);
	} else {
		const char *roles = cli_field_line(r, l->db->plan, "role", l->arena);
		const char *row[] = {id, p->name, p->post, p->dept, roles};
		table_add(&l->t, row);
	}
	l->count++;
	lz_arena_free(l->arena);
	return true;
}

static const cli_optdef list_opts[] = {{"tsv", false}};

static lz_rc person_list(lz_session *db, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, list_opts, 1, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	list_ctx l = {.db = db, .arena = &arena, .tsv = cli_args_has(&a, 0)};
	if (a.noperands)
		rc = cli_usage_error(_("person list takes only options; unexpected '%s'"), a.operands[0]);
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	table_init(&l.t, 5);
	const char *head[] = {_("ID"), C_("person", "Name"), _("Post"), _("Department"), _("Roles")};
	table_add(&l.t, head);
	lz_err err;
	lz_err_clear(&err);
	rc = lz_store_scan(db->store, LZ_KIND_PERSON, &arena, list_one, &l, &err);
	if (rc != LZ_OK)
		rc = cli_fail(&err);
	else if (!l.tsv && l.count)
		table_print(&l.t, stdout, 0, cli_table_width());
	table_free(&l.t);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cmd_person(cli *c, int argc, char **argv)
{
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_PERSON);
	const cli_sub subs[] = {
		{"add", person_add, o->defs, o->n_add, 0, o->required, "person add --name S [--post S] [--dept S] [--role ROLE[:SCOPE]]..."},
		{"list", person_list, list_opts, 1, 0, NULL, "person list [--tsv]"},
		{"show", person_show, NULL, 0, 1, NULL, "person show ID"},
		{"edit", person_edit, o->defs, o->n, 1, NULL, "person edit ID [OPTIONS]"},
		{"rm", person_rm, cli_rm_opts, 1, 1, NULL, "person rm ID [--if-version N]"},
	};
	return cli_dispatch(c, "person", subs, sizeof subs / sizeof *subs, argc, argv);
}
