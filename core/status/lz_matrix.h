/* The person × task matrix: how many items each owner has under each of
 * the plan's tasks, late ones counted apart, so the 一岗双责 split can be
 * checked — a leader who owns nothing, a task nobody owns.  The screen
 * and `item matrix` draw it from here. */
#ifndef LZ_MATRIX_H
#define LZ_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_arena.h"
#include "lz_plan.h"
#include "lz_record.h"

typedef struct lz_matrix {
	/* Rows: the given people in their order, then other owners named in
	 * items, then "" for items without an owner when there are any. */
	const char **owners;
	size_t n_owners, n_tasks;  /* columns: the plan's tasks in order */
	int *counts, *late;        /* n_owners × n_tasks */
	int *owner_total, *task_total;
	int total;
} lz_matrix;

/* Counts items (all, or only those late as of today) into m, allocated
 * in arena.  Every owner keeps a row even when only late items count, so
 * rows do not move when the filter changes. */
void lz_matrix_build(lz_matrix *m, const lz_plan *plan, const char *const *people,
		     size_t n_people, const lz_item *const *items, size_t n, lz_day today,
		     bool late_only, lz_arena *arena);

#endif
