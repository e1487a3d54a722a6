#include "cli_record.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lz_i18n.h"
#include "lz_people.h"
#include "lz_text.h"

lz_rc cli_save(lz_session *db, lz_op_kind kind, lz_record *rec, uint32_t expect, lz_id *id)
{
	lz_err err;
	lz_err_clear(&err);
	uint32_t was = rec->u.meta.version;
	if (lz_session_save(db, kind, rec, expect, &err) != LZ_OK)
		return cli_fail(&err);
	if (kind == LZ_OP_UPDATE && rec->u.meta.version == was)
		/* The store wrote nothing, and the change log has no entry. */
		cli_error(_("%s %llu: no change; nothing was written"), lz_kind_label(rec->kind),
			  (unsigned long long)rec->u.meta.id);
	else if (kind == LZ_OP_ADD)
		cli_changed(_("%s %llu was added"), lz_kind_label(rec->kind),
			    (unsigned long long)rec->u.meta.id);
	else
		cli_changed(_("%s %llu was changed"), lz_kind_label(rec->kind),
			    (unsigned long long)rec->u.meta.id);
	if (id)
		*id = rec->u.meta.id;
	return LZ_OK;
}

lz_rc cli_load(lz_session *db, lz_kind kind, const char *arg, lz_arena *arena, lz_record *rec)
{
	lz_id id;
	if (!cli_id(arg, &id))
		return LZ_EDATA;
	lz_err err;
	lz_err_clear(&err);
	if (lz_store_get(db->store, kind, id, arena, rec, &err) != LZ_OK)
		return cli_fail(&err);
	return LZ_OK;
}

bool cli_version(const char *value, uint32_t *out)
{
	int v;
	if (!cli_int("--if-version", value, 1, INT32_MAX, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

const cli_optdef cli_rm_opts[1] = {{"if-version", true}};

/* How many records name the person id; their name into *name (malloc'd). */
static size_t records_naming(lz_session *db, lz_id id, char **name)
{
	lz_arena a = {0};
	lz_record r;
	lz_err err;
	size_t counts[LZ_KIND_COUNT] = {0}, n = 0;
	if (lz_store_get(db->store, LZ_KIND_PERSON, id, &a, &r, &err) == LZ_OK &&
	    lz_people_named_in(db->store, r.u.person.name, counts, &err) == LZ_OK) {
		for (int k = 0; k < LZ_KIND_COUNT; k++)
			n += counts[k];
		*name = strdup(r.u.person.name);
		if (!*name)
			abort();
	}
	lz_arena_free(&a);
	return n;
}

lz_rc cli_remove(lz_session *db, lz_kind kind, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, cli_rm_opts, 1, &a);
	if (rc != LZ_OK)
		return rc;
	uint32_t expect = 0;
	lz_id id = 0;
	if (a.noperands != 1)
		rc = cli_usage_error(_("usage: lianzheng %s rm ID [--if-version N]"),
				     lz_kind_name(kind));
	else if (!cli_id(a.operands[0], &id) ||
		 (cli_args_has(&a, 0) && !cli_version(cli_args_value(&a, 0), &expect)))
		rc = LZ_EDATA;
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	/* Records name people by name: removing one leaves the name in them,
	 * which the screen says before asking; so does this. */
	size_t named = 0;
	char *name = NULL;
	if (kind == LZ_KIND_PERSON)
		named = records_naming(db, id, &name);
	if (lz_session_remove(db, kind, id, expect, &err) != LZ_OK) {
		free(name);
		return cli_fail(&err);
	}
	cli_changed(_("%s %llu was removed"), lz_kind_label(kind), (unsigned long long)id);
	if (named)
		cli_error(dngettext(LZ_GETTEXT_PACKAGE, "note: %zu record still names %s and keeps the name",
				    "note: %zu records still name %s and keep the name", named),
			  named, name);
	free(name);
	return LZ_OK;
}

lz_rc cli_run(cli *c, const cli_sub *sub, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, sub->opts, sub->nopts, &a);
	if (rc != LZ_OK)
		return rc;
	bool complete = a.noperands == sub->operands;
	for (const int *r = sub->required; complete && r && *r >= 0; r++)
		complete = cli_args_has(&a, *r);
	if (!complete)
		rc = cli_usage_error(_("usage: lianzheng %s"), sub->usage);
	lz_session db;
	if (rc == LZ_OK)
		rc = cli_db_open(c, &db);
	if (rc == LZ_OK) {
		rc = sub->record_fn ? sub->record_fn(&db, sub->record, argc, argv)
				    : sub->fn(&db, &a);
		lz_session_close(&db);
	}
	cli_args_free(&a);
	/* Whether the output was written is checked by main, for every command. */
	return rc;
}

lz_rc cli_dispatch(cli *c, const char *kind, const cli_sub *subs, size_t nsubs,
		   int argc, char **argv)
{
	if (argc < 2) {
		return cli_usage_error(_("%s needs a subcommand"), kind);
	}
	for (size_t i = 0; i < nsubs; i++)
		if (strcmp(subs[i].name, argv[1]) == 0)
			return cli_run(c, &subs[i], argc - 1, argv + 1);
	return cli_usage_error(_("unknown %s subcommand '%s'"), kind, argv[1]);
}

void cli_show_field_width(FILE *out, const char *label, const char *value, int width)
{
	if (!value || !*value)
		return;
	/* Labels are padded by display width so Chinese labels align. */
	lz_text_print_cell(out, label, width, true);
	fputs("  ", out);
	const char *nl;
	while ((nl = strchr(value, '\n'))) {
		char *line = strndup(value, (size_t)(nl - value));
		if (!line)
			abort();
		lz_text_print(out, line);
		free(line);
		fprintf(out, "\n%*s", width + 2, "");
		value = nl + 1;
	}
	lz_text_print(out, value);
	fputc('\n', out);
}

void cli_show_field(FILE *out, const char *label, const char *value)
{
	cli_show_field_width(out, label, value, 12);
}

const char *cli_day_str(lz_day d, char buf[LZ_DATE_STRLEN])
{
	return lz_day_or_empty(d, buf);
}

void cli_show_day(FILE *out, const char *label, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	cli_show_field(out, label, cli_day_str(d, buf));
}

void cli_show_meta(FILE *out, const lz_meta *m)
{
	cli_show_meta_width(out, m, 12);
}

void cli_show_meta_width(FILE *out, const lz_meta *m, int width)
{
	char line[128], created[32], updated[32];
	time_t c = (time_t)m->created, u = (time_t)m->updated;
	struct tm tm;
	strftime(created, sizeof created, "%Y-%m-%d %H:%M", localtime_r(&c, &tm));
	strftime(updated, sizeof updated, "%Y-%m-%d %H:%M", localtime_r(&u, &tm));
	snprintf(line, sizeof line, _("%llu, version %u, entered %s, changed %s"),
		 (unsigned long long)m->id, m->version, created, updated);
	cli_show_field_width(out, _("Record"), line, width);
}

void cli_tsv_row(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc('\t', out);
		lz_tsv_field(out, fields[i] ? fields[i] : "");
	}
	fputc('\n', out);
}

void cli_list_begin(cli_list *l, const char *const *head, size_t n)
{
	table_init(&l->t, n);
	table_add(&l->t, head);
}

void cli_list_next(cli_list *l)
{
	l->count++;
	lz_arena_free(&l->arena);
}

lz_rc cli_list_end(cli_list *l, lz_rc rc, const lz_err *err)
{
	if (rc != LZ_OK)
		rc = cli_fail(err);
	else if (!l->tsv && l->count)
		table_print(&l->t, stdout, 0, cli_table_width());
	table_free(&l->t);
	lz_arena_free(&l->arena);
	return rc;
}
