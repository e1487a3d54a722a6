/* A record as labelled lines of text, in the order people read them: what
 * a change's history compares and shows.  Plan ids are shown by the plan's
 * names when a plan is given. */
#ifndef LZ_RECORD_TEXT_H
#define LZ_RECORD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_arena.h"
#include "lz_plan.h"
#include "lz_record.h"

typedef struct lz_field {
	const char *label;  /* translated */
	const char *value;  /* list entries one a line; "" when empty */
	bool sensitive;     /* LZ_FF_SENSITIVE: shown only when asked for */
} lz_field;

typedef struct lz_fields {
	lz_field *v;
	size_t n;
} lz_fields;

/* Values and the array live in arena. */
void lz_record_fields(const lz_record *r, const lz_plan *plan, lz_arena *arena, lz_fields *out);

typedef struct lz_change {
	const char *label;
	const char *before, *after;  /* "" when empty */
	bool sensitive;
} lz_change;

/* The fields that differ between two versions of a record (either may be
 * NULL: every non-empty field of the other is listed).  In arena. */
size_t lz_record_changes(const lz_record *before, const lz_record *after, const lz_plan *plan,
			 lz_arena *arena, lz_change **out);

/* The name people know a record by: a person's name, an item's or a
 * meeting's title, a risk point's post and link, a notice's title, what a
 * disclosure made public; a discipline record by its form and its
 * person masked (lz_field_mask), since lists and the log show it unasked. */
const char *lz_record_title(const lz_record *r, lz_arena *arena);

/* A record as a line of search results shows it: its date (a meeting's
 * day, an item's deadline, a risk point's next review; LZ_NO_DAY for a
 * person), its title (a risk point's description), its status in words,
 * and an item's task; the strings copied into arena. */
typedef struct lz_record_brief {
	lz_kind kind;
	lz_id id;
	lz_day date;
	int task;
	const char *title;
	const char *status;
} lz_record_brief;
void lz_record_brief_of(const lz_record *r, const lz_plan *plan, lz_arena *arena,
			lz_record_brief *out);
/* For qsort: by date, the undated last, then by kind and id. */
int lz_record_brief_cmp(const void *a, const void *b);

#endif
