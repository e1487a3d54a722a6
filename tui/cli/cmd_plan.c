/* lianzheng plan check FILE | plan show [FILE] [--tsv] */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_paths.h"
#include "lz_plan_load.h"
#include "lz_status.h"
#include "lz_text.h"
#include "table.h"

/* A holiday as a TSV row or a line of plan show's text. */
/* Every field the type requires, in the plan file's words, joined by
 * commas: one column for scripts. */
static void required_words(const lz_meeting_type *m, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (unsigned k = 0; lz_meeting_field_words[k]; k++)
		if (m->required_fields & (1u << k))
			len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
						len ? "," : "", lz_meeting_field_words[k]);
}

static void print_holiday(FILE *o, const lz_holiday *h, bool tsv)
{
	char from[LZ_DATE_STRLEN], to[LZ_DATE_STRLEN];
	lz_day_format(h->from, from);
	lz_day_format(h->to, to);
	if (tsv) {
		fprintf(o, "holiday\t%s\t%s\t", from, to);
		lz_tsv_field(o, h->name);
	} else {
		fprintf(o, "  %s … %s  ", from, to);
		lz_text_print(o, h->name);
	}
	fputc('\n', o);
}

lz_rc cli_load_plan_file(const char *path, lz_plan **plan)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_rc rc = lz_plan_load_file(path, plan, &d);
	cli_print_diags(&d);
	lz_diags_free(&d);
	return rc;
}

static void show_tsv(const lz_plan *p)
{
	FILE *o = stdout;
	fprintf(o, "plan\t%d\t", p->year);
	lz_tsv_field(o, p->organization);
	fputc('\t', o);
	lz_tsv_field(o, p->title);
	fputc('\n', o);
	for (size_t s = 0; s < p->n_sections; s++) {
		fprintf(o, "section\t%d\t", p->sections[s].number);
		lz_tsv_field(o, p->sections[s].title);
		fputc('\n', o);
	}
	for (size_t i = 0; i < p->n_tasks; i++) {
		const lz_task *t = &p->tasks[i];
		fprintf(o, "task\t%d\t%d\t", t->number, p->sections[t->section].number);
		lz_tsv_field(o, t->title);
		fputc('\t', o);
		for (size_t r = 0; r < t->n_roles; r++)
			fprintf(o, "%s%s", r ? "," : "", p->roles[t->roles[r]].id);
		fputc('\t', o);
		lz_tsv_field(o, t->text);
		fputc('\n', o);
	}
	for (size_t i = 0; i < p->n_meeting_types; i++) {
		const lz_meeting_type *m = &p->meeting_types[i];
		fprintf(o, "meeting_type\t%s\t", m->id);
		lz_tsv_field(o, m->name);
		fputc('\t', o);
		if (m->has_quorum)
			fprintf(o, "%s %d/%d", m->quorum.strict ? ">" : ">=",
				m->quorum.num, m->quorum.den);
		char required[256];
		required_words(m, required, sizeof required);
		fprintf(o, "\t%s\t", required);
		lz_tsv_field(o, m->short_name ? m->short_name : "");
		fputc('\n', o);
	}
	for (size_t i = 0; i < p->n_obligations; i++) {
		const lz_obligation *ob = &p->obligations[i];
		fprintf(o, "obligation\t%s\t%s\t%d\t%s\t%d\t%s\t", ob->id,
			p->meeting_types[ob->meeting_type].id, ob->min,
			lz_period_kind_id(ob->per), ob->task, lz_basis_id(ob->basis));
		for (size_t w = 0; w < ob->n_warn_days; w++)
			fprintf(o, "%s%d", w ? "," : "", ob->warn_days[w]);
		fputc('\t', o);
		if (ob->window_from)
			fprintf(o, "%02d-%02d..%02d-%02d", ob->window_from / 100, ob->window_from % 100,
				ob->window_to / 100, ob->window_to % 100);
		fputc('\n', o);
	}
	for (size_t i = 0; i < p->n_holidays; i++)
		print_holiday(o, &p->holidays[i], true);
	for (size_t i = 0; i < p->n_workdays; i++) {
		char day[LZ_DATE_STRLEN];
		lz_day_format(p->workdays[i], day);
		fprintf(o, "workday\t%s\n", day);
	}
}

static void show_text(const lz_plan *p)
{
	FILE *o = stdout;
	int width = cli_output_width();
	lz_text_print_wrapped(o, p->title, width, 0);
	fprintf(o, _("%s · year %d\n"), p->organization, p->year);
	if (p->general_requirement) {
		fprintf(o, "\n%s\n", _("General requirement"));
		lz_text_print_wrapped(o, p->general_requirement, width - 4, 4);
	}
	for (size_t s = 0; s < p->n_sections; s++) {
		const lz_section *sec = &p->sections[s];
		char num[32];
		lz_chinese_numeral(sec->number, num, sizeof num);
		fprintf(o, "\n%s、", num);
		lz_text_print(o, sec->title);
		fputc('\n', o);
		for (size_t i = 0; i < sec->n_tasks; i++) {
			const lz_task *t = &p->tasks[sec->first_task + i];
			fprintf(o, "  %2d. ", t->number);
			lz_text_print(o, t->title);
			fputc('\n', o);
			if (t->n_roles) {
				fprintf(o, "      %s", _("Responsibility: "));
				for (size_t r = 0; r < t->n_roles; r++) {
					if (r)
						fputs(" · ", o);
					lz_text_print(o, p->roles[t->roles[r]].name);
				}
				fputc('\n', o);
			}
			lz_text_print_wrapped(o, t->text, width - 6, 6);
		}
	}
	if (p->n_obligations) {
		fprintf(o, "\n%s\n", _("Meeting obligations"));
		table t;
		table_init(&t, 5);
		const char *head[] = {_("Meeting type"), _("Required"), _("Task"),
				      _("Basis"), _("Warn (days before end)")};
		table_add(&t, head);
		for (size_t i = 0; i < p->n_obligations; i++) {
			const lz_obligation *ob = &p->obligations[i];
			char req[128], task[32], warn[128] = "";
			int len = snprintf(req, sizeof req, _("≥%d per %s"), ob->min, lz_period_word(ob->per));
			if (ob->window_from && len > 0 && (size_t)len < sizeof req)
				snprintf(req + len, sizeof req - (size_t)len, _(", usually %02d-%02d to %02d-%02d"),
					 ob->window_from / 100, ob->window_from % 100, ob->window_to / 100,
					 ob->window_to % 100);
			snprintf(task, sizeof task, "%d", ob->task);
			for (size_t w = 0; w < ob->n_warn_days; w++) {
				size_t len = strlen(warn);
				snprintf(warn + len, sizeof warn - len, "%s%d", w ? ", " : "",
					 ob->warn_days[w]);
			}
			const char *row[] = {p->meeting_types[ob->meeting_type].name, req,
					     task, lz_basis_name(ob->basis), warn};
			table_add(&t, row);
		}
		table_print(&t, o, 2, width);
		table_free(&t);
	}
	fprintf(o, "\n%s\n", _("Meeting types"));
	table t;
	table_init(&t, 4);
	const char *head[] = {_("Symbol"), _("Name"), _("Quorum"), _("Required fields")};
	table_add(&t, head);
	for (size_t i = 0; i < p->n_meeting_types; i++) {
		const lz_meeting_type *m = &p->meeting_types[i];
		char quorum[64] = "";
		if (m->has_quorum)
			snprintf(quorum, sizeof quorum,
				 m->quorum.strict ? _("more than %d/%d") : _("at least %d/%d"),
				 m->quorum.num, m->quorum.den);
		/* One required field a row: a list is never cut at the width. */
		char name[256];
		if (m->short_name)
			snprintf(name, sizeof name, _("%s (%s)"), m->name, m->short_name);
		const char *row[] = {m->symbol, m->short_name ? name : m->name, quorum, ""};
		bool added = false;
		for (unsigned k = 0; lz_meeting_field_words[k]; k++)
			if (m->required_fields & (1u << k)) {
				row[3] = lz_meeting_field_name(k);
				table_add(&t, row);
				row[0] = row[1] = row[2] = "";
				added = true;
			}
		if (!added)
			table_add(&t, row);
	}
	table_print(&t, o, 2, width);
	table_free(&t);
	if (p->n_holidays || p->n_workdays) {
		fprintf(o, "\n%s\n", _("Holidays and make-up working days"));
		for (size_t i = 0; i < p->n_holidays; i++)
			print_holiday(o, &p->holidays[i], false);
		if (p->n_workdays) {
			fprintf(o, "  %s", _("Working weekend days:"));
			for (size_t i = 0; i < p->n_workdays; i++) {
				char day[LZ_DATE_STRLEN];
				lz_day_format(p->workdays[i], day);
				fprintf(o, " %s", day + 5);
			}
			fputc('\n', o);
		}
	}
}

static lz_rc plan_check(int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng plan check FILE"));
	lz_plan *plan;
	lz_rc rc = cli_load_plan_file(argv[1], &plan);
	if (rc != LZ_OK)
		return rc;
	printf(_("%s: valid plan for %d (sections: %zu, tasks: %zu, obligations: %zu)\n"),
	       argv[1], plan->year, plan->n_sections, plan->n_tasks,
	       plan->n_obligations);
	lz_plan_free(plan);
	return LZ_OK;
}

/* plan show --year Y: the plan the database holds for Y. */
static lz_rc show_stored(cli *c, int year, bool tsv)
{
	lz_session db;
	lz_rc rc = cli_db_open(c, &db);
	if (rc != LZ_OK)
		return rc;
	lz_err err;
	lz_err_clear(&err);
	rc = lz_session_use_year(&db, year, false, &err);
	if (rc != LZ_OK)
		cli_fail(&err);
	else if (tsv)
		show_tsv(db.plan);
	else
		show_text(db.plan);
	lz_session_close(&db);
	return rc;
}

static lz_rc plan_show(cli *c, int argc, char **argv)
{
	static const struct option options[] = {
		{"tsv", no_argument, NULL, 't'},
		{"year", required_argument, NULL, 'y'},
		{0, 0, 0, 0},
	};
	bool tsv = false;
	int year = 0, opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 't')
			tsv = true;
		else if (opt == 'y' && !cli_int("--year", optarg, LZ_YEAR_FIRST, LZ_YEAR_LAST, &year))
			return LZ_EDATA;
		else if (opt != 'y')
			return cli_usage_error(_("unknown option '%s' for plan show"),
					       argv[optind - 1]);
	}
	if (argc - optind > 1 || (year && argc > optind))
		return cli_usage_error(_("usage: lianzheng plan show [FILE | --year Y] [--tsv]"));
	if (year)
		return show_stored(c, year, tsv);
	const char *path = optind < argc ? argv[optind] : lz_bundled_plan_path();
	if (!path) {
		cli_error(_("the bundled plan is not installed; name a plan FILE"));
		return LZ_ENOINPUT;
	}
	lz_plan *plan;
	lz_rc rc = cli_load_plan_file(path, &plan);
	if (rc != LZ_OK)
		return rc;
	if (tsv)
		show_tsv(plan);
	else
		show_text(plan);
	lz_plan_free(plan);
	return LZ_OK;
}

/* plan list: the years the database holds a plan for. */
static lz_rc plan_list(lz_session *db, const cli_args *a)
{
	cli_list l = {.db = db, .tsv = cli_args_has(a, 0)};
	const char *head[] = {_("Year"), _("Title"), _("Tasks"), _("Obligations"), _("Note")};
	cli_list_begin(&l, head, 5);
	int in_view = lz_session_default_year(db);
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = LZ_OK;
	for (size_t i = 0; i < db->n_years && rc == LZ_OK; i++) {
		const lz_plan *p = lz_session_plan_for(db, db->years[i], &err);
		if (!p) {
			rc = err.rc ? err.rc : LZ_EDATA;
			break;
		}
		char year[8], tasks[24], obligations[24];
		snprintf(year, sizeof year, "%d", p->year);
		snprintf(tasks, sizeof tasks, "%zu", p->n_tasks);
		snprintf(obligations, sizeof obligations, "%zu", p->n_obligations);
		if (l.tsv) {
			const char *row[] = {year, p->title, tasks, obligations};
			cli_tsv_row(stdout, row, 4);
		} else {
			const char *row[] = {year, p->title, tasks, obligations,
					     p->year == in_view ? _("in force now") : ""};
			table_add(&l.t, row);
		}
		cli_list_next(&l);
	}
	return cli_list_end(&l, rc, &err);
}

lz_rc cmd_plan(cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(_("plan needs a subcommand: check, show, list or import"));
	if (strcmp(argv[1], "check") == 0)
		return plan_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return plan_show(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return cmd_plan_import(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		static const cli_optdef opts[] = {{"tsv", false}};
		static const cli_sub sub = {"list", plan_list, opts, 1, 0, NULL, "plan list [--tsv]",
					    NULL, NULL};
		return cli_run(c, &sub, argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "new") == 0)
		return cmd_plan_new(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "import-text") == 0)
		return cmd_plan_import_text(argc - 1, argv + 1);
	return cli_usage_error(_("unknown plan subcommand '%s'"), argv[1]);
}
