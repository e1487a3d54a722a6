#include "cli_fields.h"

#include <string.h>

#include "cli.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_text.h"

const cli_fieldopts *cli_fieldopts_of(lz_kind kind)
{
	static cli_fieldopts all[LZ_KIND_COUNT];
	cli_fieldopts *o = &all[kind];
	if (o->n)
		return o;
	const lz_fieldtab *t = lz_fields_of(kind);
	size_t nreq = 0;
	for (size_t i = 0; i < t->n && o->n < CLI_MAX_FIELD_OPTS - 1; i++) {
		const lz_fielddef *f = &t->v[i];
		if (f->flags & (LZ_FF_INTERNAL | LZ_FF_NO_OPTION))
			continue;
		if (f->flags & LZ_FF_REQUIRED)
			o->required[nreq++] = (int)o->n;
		o->field[o->n] = f;
		o->defs[o->n++] = (cli_optdef){f->key, CLI_VALUE};
	}
	o->required[nreq] = -1;
	o->n_add = o->n;
	o->if_version = (int)o->n;
	o->defs[o->n++] = (cli_optdef){"if-version", CLI_VALUE};
	return o;
}

bool cli_set_field(const lz_plan *plan, lz_record *rec, const lz_fielddef *f, const char *value,
		   lz_arena *arena)
{
	char opt[64];
	snprintf(opt, sizeof opt, "--%s", f->key);
	/* The command line is strict where a spreadsheet's cell is lenient:
	 * a date is YYYY-MM-DD in the years the program keeps. */
	if (f->type == LZ_FT_DATE && *value) {
		lz_day d;
		if (!cli_day(opt, value, &d))
			return false;
		*(lz_day *)((char *)&rec->u + f->offset) = d;
		return true;
	}
	if (f->type == LZ_FT_TASK)
		return cli_int(opt, value, 1, 999, (int *)((char *)&rec->u + f->offset));
	lz_err err;
	lz_err_clear(&err);
	if (lz_field_parse(f, rec, plan, value, arena, &err) == LZ_OK)
		return true;
	cli_error("%s: %s", opt, err.msg);
	return false;
}

void cli_show_fields(FILE *out, const lz_record *rec, const lz_plan *plan, lz_arena *arena)
{
	const lz_fieldtab *t = lz_fields_of(rec->kind);
	/* The values start in one column: after the widest label shown. */
	int width = lz_text_width(_("Record"));
	const char *value[CLI_MAX_FIELD_OPTS];
	for (size_t i = 0; i < t->n && i < CLI_MAX_FIELD_OPTS; i++) {
		const lz_fielddef *f = &t->v[i];
		value[i] = f->flags & LZ_FF_INTERNAL ? ""
			   : lz_field_format(f, rec, plan, LZ_FSTYLE_SHOW, arena);
		int w = lz_text_width(lz_field_label(f));
		if (*value[i] && w > width)
			width = w;
	}
	if (width < 12)
		width = 12;
	for (size_t i = 0; i < t->n && i < CLI_MAX_FIELD_OPTS; i++)
		cli_show_field_width(out, lz_field_label(&t->v[i]), value[i], width);
	cli_show_meta_width(out, &rec->u.meta, width);
}
