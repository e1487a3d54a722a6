/* The yearly plan: what the program knows of the year's tasks, the
 * responsibility roles, the vocabularies (meeting types, item statuses, risk
 * levels), the meeting obligations and the working calendar.  A plan is
 * loaded from YAML (lz_plan_load.h) and immutable afterwards; every string
 * and array in it lives as long as the plan. */
#ifndef LZ_PLAN_H
#define LZ_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_date.h"

#define LZ_PLAN_FORMAT 1
/* A plan that does not say relay_days: a working week. */
#define LZ_RELAY_DAYS_DEFAULT 5

typedef enum lz_period_kind {
	LZ_PER_YEAR,
	LZ_PER_HALF,
	LZ_PER_QUARTER,
	LZ_PER_MONTH,
} lz_period_kind;

typedef enum lz_basis {
	LZ_BASIS_PLAN,
	LZ_BASIS_RULES,
	LZ_BASIS_LOCAL,
	LZ_BASIS_PRACTICE,
} lz_basis;

/* Meeting record fields a meeting type can make mandatory. */
typedef enum lz_meeting_field {
	LZ_FIELD_FIRST_TOPIC = 1u << 0,
	LZ_FIELD_LOCATION = 1u << 1,
	LZ_FIELD_HOST = 1u << 2,
	LZ_FIELD_RECORDER = 1u << 3,
	LZ_FIELD_END_TIME = 1u << 4,
	LZ_FIELD_ATTENDANCE = 1u << 5,
	LZ_FIELD_TOPICS = 1u << 6,
	LZ_FIELD_DECISIONS = 1u << 7,
	LZ_FIELD_SUMMARY = 1u << 8,
} lz_meeting_field;

typedef struct lz_role {
	const char *id;
	const char *name;
} lz_role;

typedef struct lz_item_status {
	const char *id;
	const char *name;
	bool closes;  /* an item in this status is finished and cannot be late */
} lz_item_status;

typedef struct lz_risk_level {
	const char *id;
	const char *name;
	int review_days;
} lz_risk_level;

typedef struct lz_quorum {
	int num, den;
	bool strict;  /* true: more than num/den present; false: at least */
} lz_quorum;

typedef struct lz_meeting_type {
	const char *id;
	const char *name;
	const char *symbol;  /* one character, or NULL */
	/* What a narrow list shows (专题会议 for 党风廉政建设专题会议), or
	 * NULL: the name (lz_meeting_type_short). */
	const char *short_name;
	unsigned required_fields;  /* lz_meeting_field bits */
	bool has_quorum;
	lz_quorum quorum;
} lz_meeting_type;

typedef struct lz_task {
	int number;
	const char *title;
	const char *text;
	size_t section;  /* index into lz_plan.sections */
	const size_t *roles;  /* indexes into lz_plan.roles */
	size_t n_roles;
} lz_task;

typedef struct lz_section {
	int number;
	const char *title;
	size_t first_task;  /* tasks of a section are contiguous in lz_plan.tasks */
	size_t n_tasks;
} lz_section;

typedef struct lz_obligation {
	const char *id;
	size_t meeting_type;  /* index into lz_plan.meeting_types */
	int min;
	lz_period_kind per;
	int task;  /* task number */
	const int *warn_days;  /* descending */
	size_t n_warn_days;
	lz_basis basis;
	const char *note;  /* or NULL */
	/* When in the year such meetings are usually held (民主生活会 in the
	 * fourth quarter), as month * 100 + day; 0: any time of the period.
	 * The schedule drafts them there when the window is still open. */
	int window_from, window_to;
} lz_obligation;

typedef struct lz_holiday {
	lz_day from, to;  /* inclusive */
	const char *name;
} lz_holiday;

typedef struct lz_plan {
	int format;
	int year;
	const char *organization;
	const char *title;
	const char *general_requirement;
	int late_entry_days;
	/* Working days within which a notice (通报) received must be relayed. */
	int relay_days;

	const lz_role *roles;
	size_t n_roles;
	const lz_item_status *item_statuses;
	size_t n_item_statuses;
	const lz_risk_level *risk_levels;
	size_t n_risk_levels;
	const lz_meeting_type *meeting_types;
	size_t n_meeting_types;
	const lz_section *sections;
	size_t n_sections;
	const lz_task *tasks;
	size_t n_tasks;
	const lz_obligation *obligations;
	size_t n_obligations;
	const lz_holiday *holidays;
	size_t n_holidays;
	const lz_day *workdays;  /* make-up working days, ascending */
	size_t n_workdays;
} lz_plan;

void lz_plan_free(lz_plan *plan);

/* The name a narrow list shows: the short name, else the name. */
const char *lz_meeting_type_short(const lz_meeting_type *t);

/* Lookups by id or by Chinese name (a meeting type also by its short
 * name); NULL when absent. */
const lz_meeting_type *lz_plan_meeting_type(const lz_plan *p, const char *id_or_name);
/* Of the planned years (ascending), the one whose plan is in force for
 * year: year itself, else the latest before it, else the first after it;
 * year 0 (no year of its own) takes the latest.  0 when none is planned. */
int lz_plan_year_in_force(const int *years, size_t n, int year);
const lz_item_status *lz_plan_item_status(const lz_plan *p, const char *id_or_name);
const lz_risk_level *lz_plan_risk_level(const lz_plan *p, const char *id_or_name);
const lz_role *lz_plan_role(const lz_plan *p, const char *id_or_name);
const lz_task *lz_plan_task(const lz_plan *p, int number);
const lz_obligation *lz_plan_obligation(const lz_plan *p, const char *id);

/* The holiday containing d, or NULL. */
const lz_holiday *lz_plan_holiday(const lz_plan *p, lz_day d);
bool lz_plan_is_makeup_workday(const lz_plan *p, lz_day d);
/* Weekdays are working days unless a holiday; weekend days are not unless
 * a make-up working day. */
bool lz_plan_is_workday(const lz_plan *p, lz_day d);
/* Whether the working calendar holds any public holiday of the plan's
 * year.  Without one only weekends are days off, and every count of
 * working days says so (lz_status_calendar_note). */
bool lz_plan_has_calendar(const lz_plan *p);

/* True when present of expected falls short of the type's quorum; false
 * when the type has none or a count is unknown (negative). */
bool lz_meeting_type_below_quorum(const lz_meeting_type *t, int expected, int present);

const char *lz_period_kind_id(lz_period_kind k);
const char *lz_basis_id(lz_basis b);
/* The plan file's words for the fields a meeting type can require, by
 * bit (LZ_FIELD_* is 1u << index), NULL-terminated; and the translated
 * name of the field at index. */
extern const char *const lz_meeting_field_words[];
const char *lz_meeting_field_name(unsigned index);
/* The same as a translated word ("party rules"). */
const char *lz_basis_name(lz_basis b);
/* Section numbers as written in Chinese documents: 一 … 九十九. */
void lz_chinese_numeral(int n, char *buf, size_t size);

#endif
