/* One description per kind of record: its fields, each with the key
 * scripts use, the label people read, its type, where it lives in the
 * record, its storage tag, its limit and what it is for.  The codec, the
 * validation of each value, search, the history text, CSV export and
 * import, the calendar's event text, the command line's options, `show`
 * and the manual page's option lists, and the forms all read
 * these tables; a new field is one struct member and one row here.
 * What is truly special about a field is its type's business (a type
 * brings its own parse, format and check), not another copy. */
#ifndef LZ_FIELDS_H
#define LZ_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_record.h"

typedef enum lz_ftype {
	LZ_FT_LINE,      /* const char *: one line of text */
	LZ_FT_TEXT,      /* const char *: text that may hold line breaks */
	LZ_FT_PERSON,    /* const char *: a person's name (picked from the people) */
	LZ_FT_DATE,      /* lz_day; LZ_NO_DAY when not set */
	LZ_FT_TIME,      /* int minutes after midnight; LZ_NO_TIME */
	LZ_FT_COUNT,     /* int 0..LZ_MAX_COUNT; LZ_NO_COUNT */
	LZ_FT_SCALE,     /* int 1..limit (1..5 when limit is 0), always set */
	LZ_FT_TASK,      /* int: one of the plan's task numbers */
	LZ_FT_TASKS,     /* int * and its count: task numbers */
	LZ_FT_VOCAB,     /* const char *: an id of one of the plan's vocabularies */
	LZ_FT_MSTATUS,   /* lz_meeting_status */
	LZ_FT_LINES,     /* lz_strv: a list, one entry a line */
	LZ_FT_ROLES,     /* lz_strv of "role" or "role:scope" */
	LZ_FT_ABSENCES,  /* lz_absence * and its count: NAME:REASON a line */
	LZ_FT_NOTES,     /* lz_note * and its count: dated notes */
	LZ_FT_REVIEWS,   /* lz_review * and its count: dated reviews */
	LZ_FT_STAMP,     /* int64_t Unix seconds, set by the store; 0 when not */
	LZ_FT_FLAG,      /* bool */
	LZ_FT_EVIDENCE,  /* lz_evidence * and its count: files in the evidence store */
	LZ_FT_MEETING,   /* lz_id of a meeting record; 0 when not set */
} lz_ftype;

/* Which of the plan's vocabularies an LZ_FT_VOCAB field names. */
typedef enum lz_vocab {
	LZ_VOCAB_NONE,
	LZ_VOCAB_MEETING_TYPE,
	LZ_VOCAB_ITEM_STATUS,
	LZ_VOCAB_RISK_LEVEL,
} lz_vocab;

enum {
	LZ_FF_REQUIRED = 1u << 0,  /* add refuses a record without it */
	LZ_FF_SEARCH = 1u << 1,    /* search looks into it */
	LZ_FF_INTERNAL = 1u << 2,  /* kept by the program: no option, column or form field */
	LZ_FF_NAMES = 1u << 4,     /* text naming people: a form offers the people recorded */
	LZ_FF_NO_CSV = 1u << 3,    /* not a CSV column */
	/* Names a person in a case (四种形态): left out of CSV, the calendar,
	 * the ledger and the change log's text unless --include-sensitive
	 * asks for it; masked in search results (lz_field_mask). */
	LZ_FF_SENSITIVE = 1u << 5,
	LZ_FF_NO_OPTION = 1u << 6, /* no add/edit option (a command of its own sets it) */
	LZ_FF_ICS = 1u << 7,       /* a "label: value" line of a calendar event's description */
};

typedef struct lz_fielddef {
	const char *key;     /* "location": the option --location, a script's name */
	const char *label;   /* "Location", marked for translation: headings, forms, history, CSV */
	const char *noun;    /* "location", marked for translation: the word inside messages */
	const char *zh;      /* the label's zh_CN translation, for CSV read under any locale */
	lz_ftype type;
	lz_vocab vocab;
	size_t offset;       /* of the value in the record's variant */
	size_t count_offset; /* of the count, for arrays */
	uint16_t tag;        /* storage tag; never renumbered or reused */
	uint32_t limit;      /* bytes of text, or entries of a list */
	unsigned flags;
} lz_fielddef;

typedef struct lz_fieldtab {
	lz_kind kind;
	const lz_fielddef *v;
	size_t n;
} lz_fieldtab;

const lz_fieldtab *lz_fields_of(lz_kind kind);
/* The field with this key, or NULL. */
const lz_fielddef *lz_field_find(const lz_fieldtab *t, const char *key);
/* A field's translated label and message noun. */
const char *lz_field_label(const lz_fielddef *f);
const char *lz_field_noun(const lz_fielddef *f);

/* Whether the field holds nothing (its type's empty value). */
bool lz_field_empty(const lz_fielddef *f, const lz_record *r);

typedef enum lz_fstyle {
	LZ_FSTYLE_SHOW,    /* for people: plan names for ids, lists one a line */
	LZ_FSTYLE_CSV,     /* a spreadsheet cell: as SHOW, task lists joined by 、 */
	LZ_FSTYLE_SCRIPT,  /* for scripts (TSV): plan ids as they are */
} lz_fstyle;

/* The value as text ("" when empty); plan may be NULL (ids shown). */
const char *lz_field_format(const lz_fielddef *f, const lz_record *r, const lz_plan *plan,
			    lz_fstyle style, lz_arena *arena);

/* A file's size for people: "812 bytes", "12.3 KiB", "4.0 MiB". */
const char *lz_size_text(int64_t bytes, lz_arena *arena);

/* Sets the field from text as a person types it or a spreadsheet keeps
 * it: "" clears it; dates and times in every form lz_day_read and
 * lz_time_read take (a date without its year in the plan's year), plan
 * vocabularies by id or name in either language, roles (with a plan) by
 * id or name with their scope after a colon or in brackets, kept as
 * "id:scope".  Strings are kept by
 * pointer (text) or copied into arena.  LZ_EDATA with a message that
 * does not name the field (the caller says where). */
lz_rc lz_field_parse(const lz_fielddef *f, lz_record *r, const lz_plan *plan, const char *text,
		     lz_arena *arena, lz_err *err);

/* Checks one field's value as add does (limit, one line, control
 * characters, dates in range, plan membership); the message names the
 * field by its noun. */
lz_rc lz_field_check(const lz_fielddef *f, const lz_record *r, const lz_plan *plan,
		     lz_err *err);

/* "NAME:REASON" (or with a full-width colon) into out, in arena; false
 * when the line is not of that form. */
bool lz_parse_absence(const char *line, lz_arena *arena, lz_absence *out);

/* Whether any field of the kind is LZ_FF_SENSITIVE. */
bool lz_kind_sensitive(lz_kind kind);
/* A sensitive value as lists show it unasked: its first character and
 * a star for each of the rest, at most three (张三 → 张*, 警告 → 警*). */
const char *lz_field_mask(const char *value, lz_arena *arena);

/* Whether any searchable field of r contains needle. */
bool lz_fields_contain(const lz_record *r, const char *needle);
/* Whether a field of r that names a person (owner, host …) holds name;
 * a sensitive one (the discipline register's person) is not looked at. */
bool lz_record_names_person(const lz_record *r, const char *name);

#endif
