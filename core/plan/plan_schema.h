#ifndef LZ_PLAN_SCHEMA_H
#define LZ_PLAN_SCHEMA_H

#include "lz_arena.h"
#include "lz_diag.h"
#include "lz_holidays.h"
#include "lz_plan.h"
#include "plan_tree.h"

/* Fills p (zeroed) from the tree, allocating from arena; returns p, or
 * NULL when diags received any problem. */
lz_plan *plan_build(lz_arena *arena, const char *name, const ynode *root,
		    lz_plan *p, lz_diags *diags);

/* The same for the holiday file: fills h (zeroed). */
lz_holidays *plan_build_holidays(lz_arena *arena, const char *name, const ynode *root,
				 lz_holidays *h, lz_diags *diags);

#endif
