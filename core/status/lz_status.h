/* The quota and deadline engine: what the plan still demands, and what is
 * late, as of a reference date.  The single source of these answers for
 * the command line, the screens and the reports. */
#ifndef LZ_QUOTA_H
#define LZ_QUOTA_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_store.h"

typedef enum lz_period_state {
	LZ_PERIOD_MET,
	LZ_PERIOD_MISSED,
	LZ_PERIOD_DUE,
	LZ_PERIOD_UPCOMING,
} lz_period_state;

typedef struct lz_period {
	lz_period_kind kind;
	int index;        /* 0-based: H1 = 0, Q3 = 2, March = 2 */
	lz_day start, end;  /* inclusive */
	char label[16];   /* "2022", "2022-H1", "2022-Q3", "2022-03" */
} lz_period;

/* Number of periods of a kind in a year, and the i-th one. */
int lz_period_count(lz_period_kind kind);
void lz_period_of(int year, lz_period_kind kind, int index, lz_period *out);
/* The period as people name it ("Q3 2022", 2022年第三季度), translated. */
void lz_period_name(const lz_period *p, char *buf, size_t size);
/* The period within its year, as a bar of periods shows it ("Q3",
 * 三季度; "H1", 上半年; a month by its number; a year whole), translated. */
void lz_period_short(const lz_period *p, char *buf, size_t size);
/* The period of a kind containing d. */
void lz_period_containing(lz_day d, lz_period_kind kind, lz_period *out);

typedef struct lz_period_status {
	lz_period period;
	int required;
	int held;      /* held, on or before the reference date, quorum met */
	int planned;   /* not cancelled, not counted as held, not below quorum */
	lz_period_state state;
	bool not_planned;  /* due, and held + planned < required */
} lz_period_status;

typedef struct lz_obligation_status {
	const lz_obligation *obligation;
	lz_period_status *periods;
	size_t n_periods;
	const lz_period_status *current;  /* the due period, or NULL */
	int warn_days;   /* the tightest lead time crossed, 0 when none */
	int days_left;   /* in the current period, counting the reference day */
} lz_obligation_status;

/* Meeting flags the engine derives; never stored, never editable. */
enum {
	LZ_MFLAG_LATE_ENTRY = 1 << 0,    /* recorded as held after the allowance */
	LZ_MFLAG_IMPORTED = 1 << 1,
	LZ_MFLAG_BELOW_QUORUM = 1 << 2,
	LZ_MFLAG_NO_FIRST_TOPIC = 1 << 3,
	LZ_MFLAG_STALE = 1 << 4,         /* planned, but its date has passed */
	LZ_MFLAG_KINDS = 5,
};

typedef struct lz_status {
	lz_day date;
	const lz_plan *plan;
	lz_obligation_status *quotas;  /* in plan order */
	size_t n_quotas;
	/* Meetings of the plan year that carry a flag: how many, and how many
	 * carry each flag (n_flag[k] for 1 << k).  A year of late-entered or
	 * imported meetings can flag thousands: lz_status_flagged lists them
	 * when they are shown. */
	size_t n_flagged;
	size_t n_flag[LZ_MFLAG_KINDS];
	/* Not cancelled, from the reference date through the horizon, in
	 * order; their types are the plan's (or the arena's) strings. */
	lz_meeting_brief *upcoming;
	size_t n_upcoming;
	lz_day horizon;
	/* Items not closed whose deadline is on or before the horizon, and
	 * risk points whose review falls on or before it, by date; those
	 * before the reference date are late.  Decoded into the arena. */
	const lz_item **items_due;
	size_t n_items_due;
	const lz_risk **risks_due;
	size_t n_risks_due;
} lz_status;

/* The day a year is judged by when nothing else is asked: date itself,
 * but for a year already over the day after its end, so that a past year
 * read later reads as it finished, every period final. */
lz_day lz_status_as_of(int year, lz_day date);
/* The day said for it (截至): a finished year is as of its last day. */
lz_day lz_status_as_of_shown(int year, lz_day as_of);

/* Computes the status of the plan's year as of date.  The upcoming list
 * and the lists of items and risk points reach horizon_days ahead
 * (items due and risk reviews falling due within it are included). */
lz_rc lz_status_compute(const lz_plan *plan, lz_store *store, lz_day date, int horizon_days,
			lz_arena *arena, lz_status *out, lz_err *err);

/* An item in one of the plan's closing statuses is finished; one not
 * finished whose deadline is before date is late. */
bool lz_item_closed(const lz_plan *plan, const lz_item *it);
bool lz_item_late(const lz_plan *plan, const lz_item *it, lz_day date);
/* How an item stands in a year: entered in it (or in no year), carried
 * into it (上年结转: entered before it and not closed when it began), or
 * none of its business (entered later, or closed before it began). */
typedef enum lz_item_in_year {
	LZ_ITEM_OTHER_YEAR,
	LZ_ITEM_OF_YEAR,
	LZ_ITEM_CARRIED,
} lz_item_in_year;
lz_item_in_year lz_item_year_state(const lz_plan *plan, const lz_item *it, int year);

/* Visits the meetings of st's plan year dated from..to that carry a flag,
 * by date, with their flags as of st->date (the brief's strings last for
 * the visit); the visitor returns false to stop. */
typedef bool (*lz_flagged_fn)(const lz_meeting_brief *b, unsigned flags, void *ctx);
lz_rc lz_status_flagged(const lz_status *st, lz_store *store, lz_day from, lz_day to,
			lz_flagged_fn fn, void *ctx, lz_err *err);
/* How many meetings of the year carry flag (one LZ_MFLAG_ bit). */
size_t lz_status_flag_count(const lz_status *st, unsigned flag);

/* The flags of one meeting as of date (of a full record: through
 * lz_meeting_brief_of). */
unsigned lz_meeting_flags(const lz_plan *plan, const lz_meeting_brief *b, lz_day date);
/* How a meeting counts toward the obligations of its type as of date:
 * as held (held on or before date, quorum met), as planned (not
 * cancelled, not yet held, not below quorum), or not at all. */
typedef enum lz_meeting_count {
	LZ_COUNTS_NOT,
	LZ_COUNTS_HELD,
	LZ_COUNTS_PLANNED,
} lz_meeting_count;
lz_meeting_count lz_meeting_counts(const lz_plan *plan, const lz_meeting_brief *b, lz_day date);
/* The last day on which a meeting held on `day` may be recorded without
 * being a late entry: the plan's allowance in working days. */
lz_day lz_entry_deadline(const lz_plan *plan, lz_day day);
/* Working days follow the plan's holidays and make-up days. */
lz_day lz_next_workday(const lz_plan *plan, lz_day d);
/* What a count of working days under plan must say when the plan has no
 * holidays of its year (lz_plan_has_calendar), written into buf; NULL
 * when it has them. */
const char *lz_status_calendar_note(const lz_plan *plan, char *buf, size_t size);

const char *lz_period_state_id(lz_period_state s);
/* The state as a word and as the symbol that tells it apart without
 * colour (✓ met, ✗ missed, … due, · upcoming); a period kind as a word
 * ("quarter"), translated. */
const char *lz_period_state_word(lz_period_state s);
const char *lz_period_state_symbol(lz_period_state s);
const char *lz_period_word(lz_period_kind k);
/* Words for a meeting's flags, comma-separated, translated. */
void lz_meeting_flag_words(unsigned flags, int present, int expected, char *buf, size_t size);
/* The same, with a late entry's recorded reason (补记原因) after them, as
 * the ledger and the screen show a flagged meeting; into arena. */
const char *lz_meeting_remark(unsigned flags, int present, int expected, const char *late_reason,
			      lz_arena *arena);
/* Whether saving m at time now, over before (as stored; NULL for a new
 * record), records it as held for the first time after the allowance:
 * it becomes a late entry (补记), and its reason is to be asked for.
 * The entry time is the store's (lz_store.h), so the answer is the flag
 * the saved record will carry. */
bool lz_meeting_becomes_late(const lz_plan *plan, const lz_meeting *m, const lz_meeting *before,
			     int64_t now);

/* A planned meeting the schedule would add. */
typedef struct lz_proposal {
	const lz_obligation *obligation;
	lz_period period;
	lz_day date;
} lz_proposal;

/* Drafts the plan year's calendar: for every obligation period ending on
 * or after `from` whose held and planned meetings fall short, working days
 * (the plan's calendar: no weekends unless made up, no holidays) spread
 * over the rest of the period (within the obligation's window when it has
 * one still open), on or after `from`, on days without a meeting of that
 * type.  Periods with no free day left are skipped and
 * counted in *unplaceable. */
lz_rc lz_schedule_draft(const lz_plan *plan, lz_store *store, lz_day from, lz_arena *arena,
			lz_proposal **out, size_t *n, size_t *unplaceable, lz_err *err);
/* The draft as planned meetings to store in one transaction: recs[i],
 * titled "type (period)", and ops[i] adding it, both in arena. */
void lz_schedule_records(const lz_plan *plan, const lz_proposal *props, size_t n,
			 lz_arena *arena, lz_record **recs, lz_op **ops);

#endif
