/* lianzheng person add|list|show|edit|rm */
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_people.h"
#include "lz_text.h"
#include "table.h"

/* Records name people by name, so two of one name cannot be told apart
 * there; namesakes exist, so this is said, not refused. */
static void warn_namesake(lz_session *db, const lz_record *rec, const lz_record *before)
{
	const char *name = rec->u.person.name;
	if (before && before->u.person.name && strcmp(before->u.person.name, name) == 0)
		return;
	lz_id other;
	lz_err err;
	lz_err_clear(&err);
	if (lz_people_same_name(db->store, name, rec->u.meta.id, &other, &err) != LZ_OK)
		cli_error("%s", err.msg);
	else if (other)
		cli_error(_("warning: person %llu is also named %s; records name people by name, so "
			    "they cannot be told apart there"),
			  (unsigned long long)other, name);
}

static const cli_record_cmd person_cmd = {LZ_KIND_PERSON, NULL, NULL, NULL, warn_namesake};

static bool list_one(const lz_record *r, void *ctx)
{
	cli_list *l = ctx;
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
		const char *roles = cli_field_line(r, l->db->plan, "role", &l->arena);
		const char *row[] = {id, p->name, p->post, p->dept, roles};
		table_add(&l->t, row);
	}
	cli_list_next(l);
	return true;
}

static const cli_optdef list_opts[] = {{"tsv", false}};

static lz_rc person_list(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	cli_list l = {.db = db, .tsv = cli_args_has(a, 0)};
	if (rc != LZ_OK)
		return rc;
	const char *head[] = {_("ID"), C_("person", "Name"), C_("person", "Post"), _("Department"), _("Roles")};
	cli_list_begin(&l, head, 5);
	lz_err err;
	lz_err_clear(&err);
	rc = lz_store_scan(db->store, LZ_KIND_PERSON, &l.arena, list_one, &l, &err);
	return cli_list_end(&l, rc, &err);
}

lz_rc cmd_person(cli *c, int argc, char **argv)
{
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_PERSON);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "person add --name S [--post S] [--dept S] [--role ROLE[:SCOPE]]...", cli_field_add, &person_cmd},
		{"list", person_list, list_opts, 1, 0, NULL, "person list [--tsv]", NULL, NULL},
		{"show", NULL, NULL, 0, 1, NULL, "person show ID", cli_field_show, &person_cmd},
		{"edit", NULL, o->defs, o->n, 1, NULL, "person edit ID [OPTIONS]", cli_field_edit, &person_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "person rm ID [--if-version N]", cli_field_remove, &person_cmd},
	};
	return cli_dispatch(c, "person", subs, sizeof subs / sizeof *subs, argc, argv);
}
