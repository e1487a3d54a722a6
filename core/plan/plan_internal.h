/* Shared by the plan modules only: a plan owns the arena it lives in. */
#ifndef LZ_PLAN_INTERNAL_H
#define LZ_PLAN_INTERNAL_H

#include <stddef.h>

#include "lz_arena.h"
#include "lz_plan.h"

typedef struct plan_owner {
	lz_plan plan;  /* first, so a plan pointer is its owner's */
	lz_arena arena;
} plan_owner;

#endif
