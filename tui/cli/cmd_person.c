/* lianzheng person add|list|show|edit|rm */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_text.h"
#include "table.h"

enum { O_NAME, O_POST, O_DEPT, O_ROLE, O_IF_VERSION, O_COUNT };

static const cli_optdef fields[O_COUNT] = {
	[O_NAME] = {"name", true}, [O_POST] = {"post", true}, [O_DEPT] = {"dept", true},
	[O_ROLE] = {"role", CLI_LIST}, [O_IF_VERSION] = {"if-version", true},
};

typedef struct form {
	lz_session *db;
	lz_arena *arena;
	lz_person *p;
	bool roles_seen;
	uint32_t if_version;
} form;

static bool set_field(void *ctx, int i, const char *v)
{
	form *f = ctx;
	lz_person *p = f->p;
	switch (i) {
	case O_NAME: p->name = v; return true;
	case O_POST: p->post = v; return true;
	case O_DEPT: p->dept = v; return true;
	case O_ROLE: {
		/* ROLE or ROLE:SCOPE, ROLE by id or name; stored by id. */
		const char *colon = strchr(v, ':');
		char *role = lz_arena_strndup(f->arena, v, colon ? (size_t)(colon - v) : strlen(v));
		const lz_role *r = lz_plan_role(f->db->plan, role);
		if (!r) {
			cli_error(_("--role: unknown role '%s' (see 'lianzheng plan show')"), role);
			return false;
		}
		char *stored;
		if (asprintf(&stored, "%s%s", r->id, colon ? colon : "") < 0)
			abort();
		const char *kept = lz_arena_strdup(f->arena, stored);
		free(stored);
		if (!f->roles_seen)
			p->roles = (lz_strv){0};
		f->roles_seen = true;
		cli_strv_push(f->arena, &p->roles, kept);
		return true;
	}
	case O_IF_VERSION: return cli_version(v, &f->if_version);
	}
	return false;
}

static lz_rc person_add(lz_session *db, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, fields, O_IF_VERSION, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	lz_record rec = {.kind = LZ_KIND_PERSON};
	lz_person_init(&rec.u.person);
	form f = {.db = db, .arena = &arena, .p = &rec.u.person};
	if (a.noperands)
		rc = cli_usage_error(_("person add takes only options; unexpected '%s'"), a.operands[0]);
	else if (!cli_args_has(&a, O_NAME))
		rc = cli_usage_error(_("person add needs --name"));
	if (rc == LZ_OK)
		rc = cli_apply_opts(&a, set_field, &f);
	if (rc == LZ_OK) {
		rec.u.person.meta.year = db->plan->year;
		lz_id id;
		rc = cli_save(db, LZ_OP_ADD, &rec, 0, &id);
		if (rc == LZ_OK)
			printf("%llu\n", (unsigned long long)id);
	}
	cli_args_free(&a);
	lz_arena_free(&arena);
	return rc;
}

static void *bind_form(void *fp, lz_session *db, lz_arena *arena, lz_record *rec)
{
	form *f = fp;
	*f = (form){.db = db, .arena = arena, .p = &rec->u.person};
	return f;
}

static uint32_t form_if_version(const void *fp)
{
	return ((const form *)fp)->if_version;
}

static const cli_form_ops form_ops = {fields, O_COUNT, set_field, bind_form, form_if_version, NULL};

static lz_rc person_edit(lz_session *db, int argc, char **argv)
{
	form f;
	return cli_edit(db, LZ_KIND_PERSON, &form_ops, &f, argc, argv);
}

static lz_rc person_rm(lz_session *db, int argc, char **argv)
{
	return cli_remove(db, LZ_KIND_PERSON, argc, argv);
}

/* Role ids as the plan's names, "分管领导一岗双责(办公室)". */
static char *role_names(const lz_plan *plan, const lz_strv *roles)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	for (size_t i = 0; i < roles->n; i++) {
		const char *colon = strchr(roles->v[i], ':');
		char id[64];
		snprintf(id, sizeof id, "%.*s", (int)(colon ? colon - roles->v[i] : 63), roles->v[i]);
		const lz_role *r = lz_plan_role(plan, id);
		fprintf(f, "%s%s", i ? "、" : "", r ? r->name : id);
		if (colon)
			fprintf(f, "（%s）", colon + 1);
	}
	fclose(f);
	return out;
}

static lz_rc person_show(lz_session *db, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng person show ID"));
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, LZ_KIND_PERSON, argv[1], &arena, &rec);
	if (rc == LZ_OK) {
		const lz_person *p = &rec.u.person;
		cli_show_field(stdout, C_("person", "Name"), p->name);
		cli_show_field(stdout, _("Post"), p->post);
		cli_show_field(stdout, _("Department"), p->dept);
		char *roles = role_names(db->plan, &p->roles);
		cli_show_field(stdout, _("Roles"), roles);
		free(roles);
		cli_show_meta(stdout, &p->meta);
	}
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
		char *roles = role_names(l->db->plan, &p->roles);
		const char *row[] = {id, p->name, p->post, p->dept, roles};
		table_add(&l->t, row);
		free(roles);
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
	static const int add_required[] = {O_NAME, -1};
	static const cli_sub subs[] = {
		{"add", person_add, fields, O_IF_VERSION, 0, add_required, "person add --name S [--post S] [--dept S] [--role ROLE[:SCOPE]]..."},
		{"list", person_list, list_opts, 1, 0, NULL, "person list [--tsv]"},
		{"show", person_show, NULL, 0, 1, NULL, "person show ID"},
		{"edit", person_edit, fields, O_COUNT, 1, NULL, "person edit ID [OPTIONS]"},
		{"rm", person_rm, cli_rm_opts, 1, 1, NULL, "person rm ID [--if-version N]"},
	};
	return cli_dispatch(c, "person", subs, sizeof subs / sizeof *subs, argc, argv);
}
