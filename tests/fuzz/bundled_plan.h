/* The bundled plan, for fuzz targets whose records are checked against a
 * plan as the program checks them.  Loaded once: the source tree is found
 * through $LIANZHENG_SOURCE_ROOT (meson test sets it), else where the
 * build was configured. */
#ifndef LZ_FUZZ_BUNDLED_PLAN_H
#define LZ_FUZZ_BUNDLED_PLAN_H

#include <stdio.h>
#include <stdlib.h>

#include "lz_plan_load.h"

static const lz_plan *bundled_plan(void)
{
	static lz_plan *plan;
	if (plan)
		return plan;
	const char *root = getenv("LIANZHENG_SOURCE_ROOT");
	char *path;
	if (asprintf(&path, "%s/config/plan-2022.yaml", root ? root : LZ_FUZZ_SOURCE_ROOT) < 0)
		abort();
	lz_diags d;
	lz_diags_init(&d);
	if (lz_plan_load_file(path, &plan, &d) != LZ_OK) {
		fprintf(stderr, "cannot load the bundled plan %s\n", path);
		abort();
	}
	lz_diags_free(&d);
	free(path);
	return plan;
}

#endif
