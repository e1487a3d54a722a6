/* lianzheng plan import-text FILE [--year Y] [--org NAME] -o FILE: a plan
 * file for review, read from the plan's document (lz_plan_text.h) over the
 * bundled plan's vocabularies; what was found is listed on stderr, and the
 * file written is checked as `plan check` would. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "lz_holidays.h"
#include "lz_i18n.h"
#include "lz_outfile.h"
#include "lz_paths.h"
#include "lz_plan_load.h"
#include "lz_plan_text.h"
#include "lz_text.h"

enum { I_YEAR, I_ORG, I_OUT, I_OUTPUT, I_COUNT };

static const cli_optdef opts[I_COUNT] = {
	[I_YEAR] = {"year", CLI_VALUE}, [I_ORG] = {"org", CLI_VALUE},
	[I_OUT] = {"o", CLI_VALUE}, [I_OUTPUT] = {"output", CLI_VALUE},
};

/* The holiday data, or NULL with a warning: without it the plan is still
 * written, with weekends as the only days off. */
lz_holidays *cli_load_holidays(void)
{
	const char *path = lz_holidays_path();
	if (!path) {
		cli_error(_("warning: the holiday data (holidays.yaml) is not installed"));
		return NULL;
	}
	lz_diags d;
	lz_diags_init(&d);
	lz_holidays *h = NULL;
	if (lz_holidays_load_file(path, &h, &d) != LZ_OK) {
		cli_print_diags(&d);
		cli_error(_("warning: the holiday data %s cannot be used"), path);
	}
	lz_diags_free(&d);
	return h;
}

static void print_found(const char *name, const lz_plan_text *t)
{
	for (size_t i = 0; i < t->n_found; i++) {
		lz_text_print(stderr, name);
		if (t->found[i].line)
			fprintf(stderr, ":%d", t->found[i].line);
		fputs(": ", stderr);
		lz_text_print(stderr, t->found[i].message);
		fputc('\n', stderr);
	}
}

typedef struct emitted {
	char *text;
	size_t len;
} emitted;

static lz_rc write_text(FILE *out, void *ctx, lz_err *err)
{
	const emitted *e = ctx;
	(void)err;
	fwrite(e->text, 1, e->len, out);
	return ferror(out) ? LZ_EIO : LZ_OK;
}

/* Writes the plan to path, then loads what was written as `plan check`
 * does: LZ_EDATA with the loader's messages when it would not pass. */
static lz_rc write_checked(const lz_plan_text *t, const char *path)
{
	emitted e = {0};
	FILE *mem = open_memstream(&e.text, &e.len);
	if (!mem)
		abort();
	lz_plan_emit(mem, &t->plan, &t->notes);
	if (fclose(mem) != 0)
		abort();
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = lz_outfile_write(path, NULL, write_text, &e, &err);
	if (rc != LZ_OK) {
		free(e.text);
		return cli_fail(&err);
	}
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = NULL;
	rc = lz_plan_load_buffer(path, e.text, e.len, &plan, &d);
	if (rc != LZ_OK) {
		cli_print_diags(&d);
		cli_error(_("%s was written but does not pass plan check: correct it, or the text, as the messages above say"),
			  path);
	} else {
		printf(_("%s: plan for %d read from the text (sections: %zu, tasks: %zu, obligations: %zu); review the comments, then run: lianzheng plan check %s\n"),
		       path, plan->year, plan->n_sections, plan->n_tasks, plan->n_obligations, path);
	}
	lz_plan_free(plan);
	lz_diags_free(&d);
	free(e.text);
	return rc;
}

static lz_rc import_text(const cli_args *a)
{
	lz_plan_text_opts o = {0};
	const char *out = cli_args_value_either(a, I_OUT, I_OUTPUT);
	if (a->noperands != 1 || !out)
		return cli_usage_error(
			_("usage: lianzheng plan import-text FILE [--year Y] [--org NAME] -o FILE"));
	if (cli_args_has(a, I_YEAR) &&
	    !cli_int("--year", cli_args_value(a, I_YEAR), LZ_YEAR_FIRST, LZ_YEAR_LAST, &o.year))
		return LZ_EDATA;
	o.organization = cli_args_value(a, I_ORG);
	if (o.organization && lz_text_blank(o.organization, strlen(o.organization)))
		return cli_usage_error(_("--org needs the organization's name"));

	const char *path = a->operands[0];
	char *buf;
	size_t len;
	lz_diags d;
	lz_diags_init(&d);
	lz_rc rc = lz_read_file(path, LZ_PLAN_TEXT_MAX_BYTES, &buf, &len, &d);
	cli_print_diags(&d);
	lz_diags_free(&d);
	if (rc != LZ_OK)
		return rc;

	const char *base_path = lz_bundled_plan_path();
	lz_plan *base = NULL;
	if (!base_path) {
		cli_error(_("the bundled plan is not installed; it gives the roles and meeting types"));
		rc = LZ_ENOINPUT;
	} else {
		rc = cli_load_plan_file(base_path, &base);
	}
	lz_holidays *holidays = rc == LZ_OK ? cli_load_holidays() : NULL;
	o.holidays = holidays;
	lz_plan_text t = {0};
	if (rc == LZ_OK) {
		lz_diags_init(&d);
		rc = lz_plan_text_read(&t, path, buf, len, base, &o, &d);
		cli_print_diags(&d);
		lz_diags_free(&d);
	}
	if (rc == LZ_OK) {
		print_found(path, &t);
		if (t.calendar_warning)
			cli_error(_("warning: %s"), t.calendar_warning);
		rc = write_checked(&t, out);
	}
	lz_plan_text_free(&t);
	lz_holidays_free(holidays);
	lz_plan_free(base);
	free(buf);
	return rc;
}

lz_rc cmd_plan_import_text(int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, opts, I_COUNT, &a);
	if (rc != LZ_OK)
		return rc;
	rc = import_text(&a);
	cli_args_free(&a);
	return rc;
}
