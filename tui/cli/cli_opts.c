#include "cli_opts.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lz_i18n.h"

lz_rc cli_parse_opts(int argc, char **argv, const cli_optdef *defs, size_t ndefs,
		     cli_args *out)
{
	*out = (cli_args){0};
	struct option *opts = calloc(ndefs + 1, sizeof *opts);
	/* A one-letter name is a short option ("-o FILE"). */
	char *shorts = calloc(2 * ndefs + 1, 1);
	out->opts = calloc((size_t)argc + 1, sizeof *out->opts);
	if (!opts || !shorts || !out->opts)
		abort();
	size_t nlong = 0, nshort = 0;
	for (size_t i = 0; i < ndefs; i++) {
		if (defs[i].name[0] && !defs[i].name[1]) {
			shorts[nshort++] = defs[i].name[0];
			if (defs[i].has_arg)
				shorts[nshort++] = ':';
			continue;
		}
		opts[nlong++] = (struct option){defs[i].name,
						defs[i].has_arg ? required_argument : no_argument,
						NULL, 1000 + (int)i};
	}
	/* optind 0 makes glibc start afresh for this argv; operands may sit
	 * between options ("meeting edit 12 --title x"). */
	optind = 0;
	opterr = 0;
	lz_rc rc = LZ_OK;
	int opt;
	while (rc == LZ_OK && (opt = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		int index = -1;
		for (size_t i = 0; i < ndefs && index < 0 && opt > 0 && opt < 1000; i++)
			if (defs[i].name[0] == opt && !defs[i].name[1])
				index = (int)i;
		if (opt >= 1000 && opt < 1000 + (int)ndefs)
			index = opt - 1000;
		if (index >= 0 && defs[index].has_arg == CLI_VALUE && cli_args_has(out, index))
			rc = cli_usage_error(_("option '%s%s' is given more than once; give it once"),
					     defs[index].name[1] ? "--" : "-", defs[index].name);
		else if (index >= 0)
			out->opts[out->nopts++] = (cli_optval){index, optarg};
		else if (optopt >= 1000 || (optopt > 0 && optopt != ':' && strchr(shorts, optopt)))
			rc = cli_usage_error(_("option '%s' needs a value"), argv[optind - 1]);
		else
			rc = cli_usage_error(_("unknown option '%s' for %s"), argv[optind - 1], argv[0]);
	}
	free(opts);
	free(shorts);
	if (rc != LZ_OK) {
		cli_args_free(out);
		return rc;
	}
	out->operands = argv + optind;
	out->noperands = argc - optind;
	return LZ_OK;
}

bool cli_args_has(const cli_args *a, int index)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (a->opts[i].index == index)
			return true;
	return false;
}

const char *cli_args_value(const cli_args *a, int index)
{
	const char *v = NULL;
	for (size_t i = 0; i < a->nopts; i++)
		if (a->opts[i].index == index)
			v = a->opts[i].value;
	return v;
}

const char *cli_args_value_either(const cli_args *a, int index, int alias)
{
	const char *v = NULL;
	for (size_t i = 0; i < a->nopts; i++)
		if (a->opts[i].index == index || a->opts[i].index == alias)
			v = a->opts[i].value;
	return v;
}

void cli_args_free(cli_args *a)
{
	free(a->opts);
	*a = (cli_args){0};
}

lz_rc cli_apply_opts(const cli_args *a, cli_opt_fn fn, void *ctx)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (!fn(ctx, a->opts[i].index, a->opts[i].value))
			return LZ_EDATA;
	return LZ_OK;
}
