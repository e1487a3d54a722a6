/* The dated logs records keep — progress notes (进展记录) of a
 * responsibility item, reviews of a risk point — and the rules for adding
 * to them, the same for the command line and the screens. */
#ifndef LZ_DATED_H
#define LZ_DATED_H

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_record.h"

/* Adds a progress note dated date, kept in date order whatever order
 * notes are typed in (after notes of the same date).  The log is rebuilt
 * in arena; text is not copied. */
void lz_item_add_note(lz_arena *arena, lz_item *it, lz_day date, const char *text);

/* When a point of this level is next reviewed after from: the level's
 * review interval later; LZ_NO_DAY for a level the plan lacks. */
lz_day lz_risk_next_review(const lz_plan *plan, const char *level, lz_day from);

/* Adds a review to r's log (in date order, rebuilt in arena; result is
 * not copied).  next LZ_NO_DAY: the level's interval after date.  The
 * latest review sets when the next one is due.  LZ_EDATA when next does
 * not come after date. */
lz_rc lz_risk_add_review(const lz_plan *plan, lz_arena *arena, lz_risk *r, lz_day date,
			 const char *result, lz_day next, lz_err *err);

/* 完成时间: an item whose status now closes it, having been open (or
 * new: before_status NULL), is done today unless a date was given; one
 * reopened loses its date. */
void lz_item_closing(const lz_plan *plan, lz_item *it, const char *before_status, lz_day today);

#endif
