/* Loading the holiday file: the plan's YAML reader and schema, with the
 * same size cap and messages as a plan. */
#include <stdlib.h>

#include "lz_arena.h"
#include "lz_holidays.h"
#include "lz_i18n.h"
#include "lz_plan_emit.h"
#include "lz_plan_load.h"
#include "plan_schema.h"
#include "plan_tree.h"

typedef struct holidays_owner {
	lz_holidays h;  /* first, so the pointer handed out is its owner's */
	lz_arena arena;
} holidays_owner;

lz_rc lz_holidays_load_buffer(const char *name, const char *buf, size_t len,
			      lz_holidays **out, lz_diags *diags)
{
	*out = NULL;
	if (len > LZ_PLAN_MAX_BYTES) {
		lz_diags_add(diags, name, 0, 0,
			     _("file is larger than %zu bytes; refusing to read it"),
			     (size_t)LZ_PLAN_MAX_BYTES);
		return LZ_EDATA;
	}
	lz_arena arena = {0};
	holidays_owner *owner = lz_arena_alloc(&arena, sizeof *owner);
	ynode *root = plan_yaml_parse(&arena, name, buf, len,
				      _("no holiday data in the file (it is empty or only comments); a holiday file starts with 'format: 1'"),
				      diags);
	if (!root || !plan_build_holidays(&arena, name, root, &owner->h, diags)) {
		lz_arena_free(&arena);
		return LZ_EDATA;
	}
	owner->arena = arena;
	*out = &owner->h;
	return LZ_OK;
}

lz_rc lz_holidays_load_file(const char *path, lz_holidays **out, lz_diags *diags)
{
	char *buf;
	size_t len;
	*out = NULL;
	lz_rc rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, &buf, &len, diags);
	if (rc != LZ_OK)
		return rc;
	rc = lz_holidays_load_buffer(path, buf, len, out, diags);
	free(buf);
	return rc;
}

void lz_holidays_free(lz_holidays *h)
{
	if (!h)
		return;
	holidays_owner *owner = (holidays_owner *)h;
	lz_arena arena = owner->arena;
	lz_arena_free(&arena);
}

const lz_holiday_year *lz_holidays_year(const lz_holidays *h, int year)
{
	for (size_t i = 0; h && i < h->n_years; i++)
		if (h->years[i].year == year)
			return &h->years[i];
	return NULL;
}

const char *lz_holidays_apply(const lz_holidays *h, int year, lz_plan *p, lz_plan_notes *notes)
{
	const lz_holiday_year *hy = lz_holidays_year(h, year);
	p->holidays = hy ? hy->holidays : NULL;
	p->n_holidays = hy ? hy->n_holidays : 0;
	p->workdays = hy ? hy->workdays : NULL;
	p->n_workdays = hy ? hy->n_workdays : 0;
	if (hy) {
		lz_plan_notes_add(notes, LZ_PART_CALENDAR, 0,
				  _("Public holidays and make-up working days of %d, from %s."), year,
				  hy->notice);
		return NULL;
	}
	const char *warning = lz_arena_printf(notes->arena,
					      _("no holiday data for %d: only Saturdays and Sundays are days off"),
					      year);
	lz_plan_notes_add(notes, LZ_PART_CALENDAR, 0, "%s\n%s", warning,
			  _("When the State Council's notice for the year appears, add it to holidays.yaml and draft again, or write the calendar here (see config/README.md)."));
	return warning;
}
