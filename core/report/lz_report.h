/* The year's ledger (台账) the secretary hands to superiors and to the
 * discipline inspection group: the plan's tasks with their owners and
 * items, each obligation's periods with the meetings that count, the
 * rectification ledger, the risk register and the counts.  Built once
 * from the store and the status engine (every period state and every late
 * mark is the engine's), then written in any format: the content and its
 * wording are decided in one place (report.c), the formats only render
 * it (report_html.c, report_md.c, report_txt.c). */
#ifndef LZ_REPORT_H
#define LZ_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_progress.h"
#include "lz_register.h"
#include "lz_status.h"
#include "lz_store.h"

typedef enum lz_report_format {
	LZ_REPORT_HTML,
	LZ_REPORT_MD,
	LZ_REPORT_TXT,
} lz_report_format;

/* "html", "md", "txt". */
bool lz_report_format_parse(const char *s, lz_report_format *out);
const char *lz_report_format_ext(lz_report_format f);

/* What the meeting records show of a held meeting beyond its heading:
 * the record's fields as `meeting show` words them. */
enum {
	LZ_MINUTES_FIRST_TOPIC,  /* 第一议题 */
	LZ_MINUTES_TOPICS,       /* 议题, one a line */
	LZ_MINUTES_DECISIONS,    /* 决定事项, one a line */
	LZ_MINUTES_ABSENT,       /* 缺席人员及原因, "name（reason）" a line */
	LZ_MINUTES_COUNT,
};

/* A meeting as the ledger lists it. */
typedef struct lz_report_meeting {
	lz_id id;
	lz_day date;
	int start;
	const char *type;  /* plan meeting type id */
	const char *title;
	const char *host;
	int expected, present;
	unsigned flags;  /* LZ_MFLAG_* as of the report's date */
	const char *late_reason;  /* 补记原因, for a late entry; NULL otherwise */
	const char **minutes;     /* LZ_MINUTES_COUNT, for a held meeting; NULL otherwise */
} lz_report_meeting;

typedef struct lz_report_period {
	const lz_period_status *quota;  /* required, held, planned, state */
	const lz_report_meeting **meetings;  /* by date and time */
	size_t n_meetings;
} lz_report_period;

typedef struct lz_report_obligation {
	const lz_obligation_status *quota;
	lz_report_period *periods;  /* quota->n_periods */
} lz_report_obligation;

typedef struct lz_report_item {
	/* As it is; in the ledger of a past year, as it stood at the year's
	 * end (its history in the change log), whatever happened since. */
	const lz_item *item;
	bool late;  /* past its deadline and not closed (at the year's end, for a past year) */
	bool carried;  /* 上年结转: from an earlier year, still open when this one began */
	bool carried_on;  /* a past year's: still open, carried into the next year */
} lz_report_item;

typedef struct lz_report_task {
	const lz_task *task;  /* NULL: items of tasks the plan does not have */
	lz_report_item *items;
	size_t n_items;
} lz_report_task;

typedef struct lz_report_risk {
	const lz_risk *risk;
	bool overdue;  /* past its review date, by the engine */
} lz_report_risk;

typedef struct lz_report_holder {
	const char *name;
	const char *scope;  /* "role:scope", or NULL */
} lz_report_holder;

/* A record of the year with evidence (佐证材料), and its files. */
typedef struct lz_report_evidence {
	lz_kind kind;
	lz_id id;
	lz_day date;  /* a meeting's date, an item's deadline, else LZ_NO_DAY */
	const char *title;
	const lz_evidence *files;
	size_t n;
} lz_report_evidence;

/* Meetings of the plan year by type and status. */
typedef struct lz_report_type_count {
	size_t n[3];  /* by lz_meeting_status */
} lz_report_type_count;

typedef struct lz_report {
	const lz_plan *plan;
	lz_day date;
	lz_status status;
	/* plan->n_tasks tasks in plan order, then one entry for items of
	 * tasks the plan lacks when there are any. */
	lz_report_task *tasks;
	size_t n_tasks;
	/* People holding each plan role: plan->n_roles lists. */
	lz_report_holder **holders;
	size_t *n_holders;
	lz_report_obligation *obligations;  /* status.n_quotas, plan order */
	/* Meetings of the plan year the engine flags (a late entry, below
	 * quorum, no first topic, never marked held or cancelled, imported),
	 * by date and time. */
	lz_report_meeting *flagged;
	size_t n_flagged;
	/* The meeting records (会议记录): every meeting of the plan year held
	 * by the report's date, by date and time, with its minutes. */
	lz_report_meeting *held;
	size_t n_held;
	/* Rectification items (lz_item_is_rectification). */
	lz_report_item *rectification;
	size_t n_rectification;
	/* By level (the plan's order), then next review, then id. */
	lz_report_risk *risks;
	size_t n_risks;
	lz_report_type_count *by_type;  /* plan->n_meeting_types */
	size_t meetings[3];             /* by lz_meeting_status */
	size_t *items_by_status;        /* plan->n_item_statuses */
	size_t n_items, items_late;
	size_t *risks_by_level;         /* plan->n_risk_levels */
	size_t risks_overdue;
	size_t matrix[5][5];            /* [likelihood - 1][impact - 1] */
	const char *chain_head;         /* lz_report_chain_head's */
	/* The year's meetings, its items and risk points, the people, then
	 * the records of the other kinds without sensitive fields, that carry
	 * evidence, in that order (the ledger's last part). */
	lz_report_evidence *evidence;
	size_t n_evidence;

	/* The registers of the plan year (issue 17), by date: the notices
	 * received by the report's date with how each stands then (for a past
	 * year, at its end), the disclosures, and the discipline measures
	 * with their count per form. */
	const lz_notice **notices;
	lz_notice_state *notice_states;
	/* Where each was read: the meeting's date and title, or NULL (none,
	 * or relayed another way). */
	const char **notice_meetings;
	size_t n_notices, notices_flagged;
	const lz_disclosure **disclosures;
	size_t n_disclosures;
	const lz_discipline **discipline;
	size_t n_discipline;
	size_t discipline_forms[4];
	/* The discipline register names people: the ledger gives only its
	 * counts per form unless the caller sets this (report
	 * --include-sensitive), after lz_report_build. */
	bool include_sensitive;
	/* The sign-off block that ends the ledger (填报人, 审核人, 日期): the
	 * names to print, NULL for a blank to sign by hand; the caller sets
	 * them.  The date is the day the ledger is made (today, set by
	 * lz_report_build): a signature vouches for the ledger on the day it
	 * is signed, which for a past year is not the as-of date. */
	const char *prepared_by, *reviewed_by;
	lz_day made;
	size_t rows;                    /* table rows, for progress */
	lz_arena arena;
} lz_report;

/* The ledger of the plan's year as of date (items are late, periods met
 * or missed, as of that day).  A date after the year makes it a past
 * year's ledger: as of the year's last day, its items as they stood then. */
lz_rc lz_report_build(const lz_plan *plan, lz_store *store, lz_day date, lz_report *out,
		      lz_err *err);
void lz_report_free(lz_report *r);

/* Writes the ledger; LZ_EIO when out fails. */
lz_rc lz_report_write(const lz_report *r, lz_report_format format, FILE *out,
		      lz_progress *progress, lz_err *err);

/* The head of the store's audit chain, "#SEQ HASH" as 'lianzheng audit
 * verify' prints it, so a printed ledger can later be checked against the
 * database; "" while the change log is empty (the ledger then leaves the
 * line out).  Into arena. */
lz_rc lz_report_chain_head(lz_store *store, lz_arena *arena, const char **out, lz_err *err);

#endif
