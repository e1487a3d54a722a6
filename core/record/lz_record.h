/* The records the secretary keeps: people, responsibility items, meetings
 * and risk points.  Plain data, independent of how they are stored; the
 * strings and arrays of a record belong to the arena it was decoded into
 * (or to whoever built it). */
#ifndef LZ_RECORD_H
#define LZ_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lz_date.h"

typedef uint64_t lz_id;

#define LZ_NO_DAY INT32_MIN   /* a date that is not set */
#define LZ_NO_TIME (-1)       /* a time of day that is not set */
#define LZ_NO_COUNT (-1)      /* an attendance count that is not set */

/* Upper bounds on what a record may hold, so a record always fits in one
 * LMDB value and a typo cannot paste a whole file into a field. */
#define LZ_MAX_SHORT_TEXT 200    /* bytes: names, titles, places */
#define LZ_MAX_LONG_TEXT 20000   /* bytes: minutes, descriptions */
#define LZ_MAX_LIST 200          /* entries in any list field */

typedef enum lz_kind {
	LZ_KIND_PERSON,
	LZ_KIND_ITEM,
	LZ_KIND_MEETING,
	LZ_KIND_RISK,
	/* The registers (issue 17): tables that may be missing from a
	 * database written before them (store_internal.h). */
	LZ_KIND_NOTICE,
	LZ_KIND_DISCLOSURE,
	LZ_KIND_DISCIPLINE,
	LZ_KIND_COUNT,
} lz_kind;

/* A file of evidence (佐证材料) behind a record: a scan, a photo, a signed
 * pledge.  The file itself is kept in the evidence store beside the
 * database under its SHA-256 (lz_evidence.h); the record holds what
 * names it, so the change log's chain covers the file's content. */
typedef struct lz_evidence {
	const char *sha256;  /* 64 lowercase hex digits: the stored file's name */
	const char *name;    /* the file's name as it was added, for people */
	int64_t size;        /* bytes */
	const char *type;    /* a MIME type, from its first bytes or its name */
} lz_evidence;

typedef struct lz_meta {
	lz_id id;
	int year;          /* the plan year the record belongs to */
	int64_t created;   /* Unix seconds; when it was first entered */
	int64_t updated;
	uint32_t version;  /* 1 when created, +1 on every change */
	/* Every kind's evidence, set only by `evidence add`. */
	lz_evidence *evidence;
	size_t n_evidence;
} lz_meta;

typedef struct lz_strv {
	const char **v;
	size_t n;
} lz_strv;

typedef struct lz_person {
	lz_meta meta;
	const char *name;
	const char *post;   /* 职务 */
	const char *dept;
	lz_strv roles;      /* plan role ids, optionally "role:scope" */
} lz_person;

typedef struct lz_note {
	lz_day date;
	const char *text;
} lz_note;

typedef struct lz_item {
	lz_meta meta;
	int task;
	const char *title;
	const char *owner;
	const char *source;  /* e.g. 县委第二轮巡察反馈 */
	lz_day due;
	const char *status;  /* plan item status id */
	lz_note *log;        /* 进展记录, oldest first */
	size_t n_log;
	/* The columns of the 整改台账 (DOMAIN.md). */
	const char *measures;         /* 整改措施 */
	const char *leader;           /* 责任领导 */
	lz_day done;                  /* 完成时间: set when the status closes */
	lz_day followup;              /* 回头看: when it was checked again */
	const char *followup_result;  /* 回头看: what was found */
	lz_day signed_off;            /* 销号: when the rectification was confirmed and closed */
} lz_item;

typedef enum lz_meeting_status {
	LZ_MEETING_PLANNED,
	LZ_MEETING_HELD,
	LZ_MEETING_CANCELLED,
} lz_meeting_status;

typedef struct lz_absence {
	const char *name;
	const char *reason;
} lz_absence;

typedef struct lz_meeting {
	lz_meta meta;
	lz_day date;
	int start;  /* minutes after midnight, or LZ_NO_TIME */
	int end;
	const char *type;  /* plan meeting type id */
	const char *title;
	const char *location;
	const char *host;      /* 主持人 */
	const char *recorder;  /* 记录人 */
	int expected;          /* 应到 */
	int present;           /* 实到 */
	const char *attendees;
	lz_absence *absent;
	size_t n_absent;
	lz_strv nonvoting;     /* 列席 */
	lz_strv topics;        /* 议题 */
	const char *first_topic;
	lz_strv decisions;
	const char *summary;
	int *tasks;
	size_t n_tasks;
	lz_meeting_status status;
	/* When the record was first saved as held: set by the store, never
	 * changed by an edit, so a record written up afterwards stays known
	 * as such. 0 while never held. */
	int64_t held_entered;
	bool imported;
	/* 补记原因: why the record was entered after the allowance. */
	const char *late_reason;
} lz_meeting;

/* What lists and the status engine need of a meeting: everything but its
 * text, and perhaps the start of its title.  Strings are borrowed from
 * wherever the brief was made (the meeting, or the store for the length
 * of a visit).  title is NULL where the brief was made without one (the
 * month roll); title_cut says it is only the title's start. */
typedef struct lz_meeting_brief {
	lz_id id;
	lz_day date;
	int start;
	lz_meeting_status status;
	const char *type;
	int expected, present;
	int64_t held_entered;
	bool has_first_topic;
	bool imported;
	const char *title;
	bool title_cut;
} lz_meeting_brief;

typedef struct lz_review {
	lz_day date;
	const char *result;
	lz_day next;
} lz_review;

typedef struct lz_risk {
	lz_meta meta;
	const char *post;     /* 岗位 */
	const char *link;     /* 环节 */
	const char *desc;
	const char *level;    /* plan risk level id */
	int likelihood;       /* 1..5 */
	int impact;           /* 1..5 */
	const char *measures; /* 防控措施 */
	const char *owner;
	lz_day review;        /* next review date */
	const char *status;
	lz_review *log;
	size_t n_log;
} lz_risk;

/* 通报 (task 12): a notice on violations received from a discipline body,
 * and how it was relayed to the staff — read at a meeting (its id) or
 * another way (how), on relayed. */
typedef struct lz_notice {
	lz_meta meta;
	lz_day received;
	const char *issuer;   /* 中央纪委, 省纪委 … */
	const char *number;   /* 文号 */
	const char *title;
	lz_day relayed;       /* LZ_NO_DAY while not relayed */
	lz_id meeting;        /* the meeting where it was read, or 0 */
	const char *how;      /* another way of relaying it */
} lz_notice;

/* 党务公开 (task 10): what was made public, when, where, by whom. */
typedef struct lz_disclosure {
	lz_meta meta;
	lz_day date;
	const char *what;
	const char *where;    /* 公开栏, 网站, 会议 … */
	const char *by;
} lz_disclosure;

/* 四种形态 (task 13): a measure taken on a person, of form 1 to 4.  Its
 * fields naming the person and the case are sensitive (lz_fields.h). */
typedef struct lz_discipline {
	lz_meta meta;
	lz_day date;
	const char *person;
	int form;             /* 1..4 */
	const char *measure;  /* 谈话提醒, 诫勉, 警告 … */
	const char *reason;
	const char *by;       /* who decided it */
} lz_discipline;

/* Any record, tagged by kind. */
typedef struct lz_record {
	lz_kind kind;
	union {
		lz_meta meta;  /* every variant starts with it */
		lz_person person;
		lz_item item;
		lz_meeting meeting;
		lz_risk risk;
		lz_notice notice;
		lz_disclosure disclosure;
		lz_discipline discipline;
	} u;
} lz_record;

const char *lz_kind_name(lz_kind k);   /* "person", "item", …: for scripts */
const char *lz_kind_label(lz_kind k);  /* the same, translated: for people */
const char *lz_meeting_status_id(lz_meeting_status s);     /* "held": for scripts */
const char *lz_meeting_status_label(lz_meeting_status s);  /* translated: for people */
/* YYYY-MM-DD into buf, or "" for LZ_NO_DAY; returns buf. */
const char *lz_day_or_empty(lz_day d, char buf[LZ_DATE_STRLEN]);
bool lz_meeting_status_parse(const char *s, lz_meeting_status *out);

/* A record of kind with every field empty: dates, times and counts "not
 * set" as their types say (lz_fields.h), the rest zero. */
void lz_record_init(lz_kind kind, lz_record *rec);
void lz_meeting_init(lz_meeting *m);
void lz_meeting_brief_of(const lz_meeting *m, lz_meeting_brief *b);
/* The year whose plan a record is held to: a meeting's by its date, an
 * item's or risk point's the year it was entered in (an open item keeps
 * it when carried into later years); 0 for a person, who has none. */
int lz_record_year(const lz_record *r);
void lz_item_init(lz_item *it);
void lz_risk_init(lz_risk *r);
void lz_person_init(lz_person *p);

/* A rectification item (整改事项, DOMAIN.md's 整改台账): one whose source
 * is the feedback of an inspection — 巡察, 巡视, 审计, 督查 or 督察. */
bool lz_item_is_rectification(const lz_item *it);

#endif
