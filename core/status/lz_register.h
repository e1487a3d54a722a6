/* The registers' answers (issue 17): whether a notice was relayed in
 * time, and the yearly count of discipline measures per form.  One
 * source for the command line, the overview and the ledger. */
#ifndef LZ_REGISTER_H
#define LZ_REGISTER_H

#include <stddef.h>

#include "lz_err.h"
#include "lz_plan.h"
#include "lz_record.h"
#include "lz_store.h"

typedef enum lz_notice_state {
	LZ_NOTICE_RELAYED,  /* within the plan's relay_days */
	LZ_NOTICE_LATE,     /* relayed, after the limit */
	LZ_NOTICE_PENDING,  /* not relayed yet, still within the limit */
	LZ_NOTICE_OVERDUE,  /* not relayed, the limit passed */
} lz_notice_state;

/* The last day a notice received on `received` may be relayed: relay_days
 * working days later, by the plan's calendar. */
lz_day lz_notice_deadline(const lz_plan *plan, lz_day received);
/* How a notice stands as of date: one relayed after date counts as not
 * yet relayed then. */
lz_notice_state lz_notice_state_of(const lz_plan *plan, const lz_notice *n, lz_day date);
/* "relayed", "late", "pending", "overdue": for scripts. */
const char *lz_notice_state_id(lz_notice_state s);
/* The same in words, translated: for people. */
const char *lz_notice_state_word(lz_notice_state s);
/* Whether the state is one the overview and the ledger flag. */
static inline bool lz_notice_flagged(lz_notice_state s)
{
	return s == LZ_NOTICE_LATE || s == LZ_NOTICE_OVERDUE;
}

/* The discipline measures dated in year, counted by form (counts[0] for
 * form 1 … counts[3] for form 4). */
lz_rc lz_discipline_counts(lz_store *store, int year, size_t counts[4], lz_err *err);
/* "第一种形态" …: a form by its name, translated. */
const char *lz_discipline_form_name(int form);
/* The measures usually taken in each form (DOMAIN.md), offered as
 * suggestions; a measure is free text. NULL-terminated. */
extern const char *const lz_discipline_measures[];
/* The bodies that usually issue notices, offered as suggestions.
 * NULL-terminated. */
extern const char *const lz_notice_issuers[];
/* Where things are usually made public. NULL-terminated. */
extern const char *const lz_disclosure_places[];

#endif
