/* Writing a plan as a plan file (config/README.md): the format the loader
 * reads, laid out as the bundled plan is, with comments a writer attaches
 * to its parts so a person reviewing a generated plan sees what was
 * drafted or detected, right above it. */
#ifndef LZ_PLAN_EMIT_H
#define LZ_PLAN_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lz_arena.h"
#include "lz_plan.h"

/* The parts of a plan a comment can be attached to; index says which
 * entry of a list (0 for the single parts). */
typedef enum lz_plan_part {
	LZ_PART_FILE,  /* the top of the file */
	LZ_PART_YEAR,
	LZ_PART_ORGANIZATION,
	LZ_PART_TITLE,
	LZ_PART_GENERAL,
	LZ_PART_CALENDAR,  /* written even when the calendar is empty */
	LZ_PART_ROLES,
	LZ_PART_MEETING_TYPE,
	LZ_PART_SECTION,
	LZ_PART_TASK,  /* index into lz_plan.tasks */
	LZ_PART_OBLIGATION,
} lz_plan_part;

typedef struct lz_plan_note {
	lz_plan_part part;
	size_t index;
	const char *text;  /* one or more lines */
} lz_plan_note;

/* Comments in the order they were added; a part may have several. */
typedef struct lz_plan_notes {
	lz_arena *arena;  /* holds the texts; the caller's */
	lz_plan_note *v;
	size_t n, cap;
} lz_plan_notes;

void lz_plan_notes_init(lz_plan_notes *n, lz_arena *arena);
void lz_plan_notes_add(lz_plan_notes *n, lz_plan_part part, size_t index, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void lz_plan_notes_free(lz_plan_notes *n);

/* Writes p as a plan file with the notes (NULL: none) as `# ` lines.  Any
 * text is written so that it reads back the same: quoted and escaped when
 * it is not a plain word.  False when out reported a write error. */
bool lz_plan_emit(FILE *out, const lz_plan *p, const lz_plan_notes *notes);

#endif
