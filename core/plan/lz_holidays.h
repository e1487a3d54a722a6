/* The holiday data shipped with the program (config/holidays.yaml): each
 * year's public holidays and make-up working days as the State Council's
 * notice sets them, for the calendar of a new year's plan.  The notices
 * appear year by year, so the file is read when needed and can be updated
 * on its own; a year it does not hold is simply absent. */
#ifndef LZ_HOLIDAYS_H
#define LZ_HOLIDAYS_H

#include <stddef.h>

#include "lz_diag.h"
#include "lz_plan.h"
#include "lz_plan_emit.h"
#include "lz_rc.h"

#define LZ_HOLIDAYS_FORMAT 1

typedef struct lz_holiday_year {
	int year;
	const char *notice;  /* the notice the dates come from */
	const lz_holiday *holidays;  /* inside the year, not overlapping */
	size_t n_holidays;
	const lz_day *workdays;  /* ascending */
	size_t n_workdays;
} lz_holiday_year;

typedef struct lz_holidays {
	int format;
	const lz_holiday_year *years;  /* as listed, one per year */
	size_t n_years;
} lz_holidays;

/* As lz_plan_load_file: LZ_OK, LZ_EDATA (see diags: FILE:LINE:COL) or
 * LZ_ENOINPUT; the file is checked as strictly as a plan's calendar. */
lz_rc lz_holidays_load_file(const char *path, lz_holidays **out, lz_diags *diags);
lz_rc lz_holidays_load_buffer(const char *name, const char *buf, size_t len,
			      lz_holidays **out, lz_diags *diags);
void lz_holidays_free(lz_holidays *h);

/* The data for year, or NULL when the file has none yet. */
const lz_holiday_year *lz_holidays_year(const lz_holidays *h, int year);

/* Gives p the calendar of year from h (NULL: no data) and notes where it
 * comes from.  Without data for the year p has no holidays, and the
 * returned warning (in the notes' arena) says so; else NULL.  The data
 * is shared: keep h until p is written. */
const char *lz_holidays_apply(const lz_holidays *h, int year, lz_plan *p, lz_plan_notes *notes);

#endif
