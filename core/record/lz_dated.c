#include "lz_dated.h"

#include <string.h>

#include "lz_i18n.h"
#include "lz_validate.h"

/* Inserts entry (elem bytes, starting with its lz_day date) into a log of
 * n entries in date order, after entries of the same date (the order they
 * were recorded in), as a new array in arena; *at is the new entry's
 * place. */
static void *insert_dated(lz_arena *arena, const void *log, size_t n, size_t elem,
			  const void *entry, size_t *at)
{
	lz_day date;
	memcpy(&date, entry, sizeof date);
	size_t pos = n;
	const char *old = log;
	while (pos > 0) {
		lz_day d;
		memcpy(&d, old + (pos - 1) * elem, sizeof d);
		if (d <= date)
			break;
		pos--;
	}
	char *grown = lz_arena_alloc(arena, (n + 1) * elem);
	if (pos)
		memcpy(grown, old, pos * elem);
	memcpy(grown + pos * elem, entry, elem);
	if (n > pos)
		memcpy(grown + (pos + 1) * elem, old + pos * elem, (n - pos) * elem);
	*at = pos;
	return grown;
}

void lz_item_add_note(lz_arena *arena, lz_item *it, lz_day date, const char *text)
{
	lz_note note = {date, text};
	size_t at;
	it->log = insert_dated(arena, it->log, it->n_log, sizeof note, &note, &at);
	it->n_log++;
}

lz_day lz_risk_next_review(const lz_plan *plan, const char *level, lz_day from)
{
	const lz_risk_level *l = level ? lz_plan_risk_level(plan, level) : NULL;
	return l ? from + l->review_days : LZ_NO_DAY;
}

lz_rc lz_risk_add_review(const lz_plan *plan, lz_arena *arena, lz_risk *r, lz_day date,
			 const char *result, lz_day next, lz_err *err)
{
	if (next == LZ_NO_DAY)
		next = lz_risk_next_review(plan, r->level, date);
	lz_rc rc = lz_validate_review_dates(date, next, err);
	if (rc != LZ_OK)
		return rc;
	lz_review review = {date, result, next};
	size_t at;
	r->log = insert_dated(arena, r->log, r->n_log, sizeof review, &review, &at);
	r->n_log++;
	/* An older review typed in late leaves the schedule as it was. */
	if (at == r->n_log - 1)
		r->review = next;
	return LZ_OK;
}

static bool status_closes(const lz_plan *plan, const char *status)
{
	const lz_item_status *s = status ? lz_plan_item_status(plan, status) : NULL;
	return s && s->closes;
}

void lz_item_closing(const lz_plan *plan, lz_item *it, const char *before_status, lz_day today)
{
	bool closes = status_closes(plan, it->status), was = status_closes(plan, before_status);
	if (closes && !was && it->done == LZ_NO_DAY)
		it->done = today;
	else if (!closes && was)
		it->done = LZ_NO_DAY;
}
