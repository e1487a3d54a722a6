/* The new-year step: a draft of year Y's plan made from an earlier plan.
 * What stays from year to year is copied as it is (roles, item statuses,
 * risk levels, meeting types, obligations); what is the year's own text
 * (title, general requirement, sections and tasks) is copied as a draft,
 * each part marked for the user to replace; the working calendar comes
 * from the holiday data (lz_holidays.h).  Written with lz_plan_emit, the
 * draft is a valid plan file. */
#ifndef LZ_PLAN_DRAFT_H
#define LZ_PLAN_DRAFT_H

#include "lz_arena.h"
#include "lz_holidays.h"
#include "lz_plan.h"
#include "lz_plan_emit.h"

typedef struct lz_plan_draft {
	lz_arena arena;
	/* Shares the earlier plan's texts and lists: keep that plan (and the
	 * holiday data) until the draft is freed. */
	lz_plan plan;
	lz_plan_notes notes;  /* the marks, for lz_plan_emit */
	/* NULL when the calendar comes from the holiday data; else why it
	 * has no holidays ("no holiday data for 2027: ..."), for the user. */
	const char *warning;
} lz_plan_draft;

/* year is within LZ_YEAR_FIRST..LZ_YEAR_LAST; holidays may be NULL (the
 * file could not be read): then no year has data. */
void lz_plan_draft_make(lz_plan_draft *d, const lz_plan *from, int year,
			const lz_holidays *holidays);
void lz_plan_draft_free(lz_plan_draft *d);

#endif
