/* Records against a replacement plan: which of their references (meeting
 * types, roles, risk levels, item statuses, tasks) the new plan lacks, and
 * the mappings (type:OLD=NEW …) that carry them over.  A plan is only
 * replaced when no record is left pointing at nothing. */
#ifndef LZ_PLAN_CHANGE_H
#define LZ_PLAN_CHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_record.h"

typedef enum lz_ref_kind {
	LZ_REF_TYPE,    /* a meeting's type */
	LZ_REF_ROLE,    /* a person's role (its scope is kept) */
	LZ_REF_LEVEL,   /* a risk point's level */
	LZ_REF_STATUS,  /* an item's status */
	LZ_REF_TASK,    /* an item's task, a meeting's tasks */
	LZ_REF_COUNT,
} lz_ref_kind;

/* "type", "role", …: the word a mapping starts with. */
const char *lz_ref_kind_name(lz_ref_kind k);
/* The same, translated, for messages. */
const char *lz_ref_kind_label(lz_ref_kind k);

typedef struct lz_plan_map {
	lz_ref_kind kind;
	const char *from;  /* the id the records hold */
	const char *to;    /* the new plan's id */
} lz_plan_map;

/* Parses "KIND:OLD=NEW", NEW given by the new plan's id or name and
 * resolved to its id (strings in arena).  LZ_EUSAGE for a malformed
 * mapping, LZ_EDATA when the new plan has no NEW. */
lz_rc lz_plan_map_parse(const char *spec, const lz_plan *plan, lz_arena *arena,
			lz_plan_map *out, lz_err *err);

/* Called for each reference the new plan lacks once the mappings are
 * applied. */
typedef void (*lz_missing_fn)(const lz_record *r, lz_ref_kind kind, const char *value,
			      void *ctx);

/* Applies the mappings to r (new strings and arrays in arena; r's own are
 * left alone) and reports what is still missing.  Returns true when r was
 * changed. */
bool lz_plan_remap(const lz_plan *plan, const lz_plan_map *maps, size_t n, lz_record *r,
		   lz_arena *arena, lz_missing_fn missing, void *ctx);

#endif
