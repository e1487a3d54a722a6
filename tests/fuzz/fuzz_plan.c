/* libFuzzer target for the plan loader and the holiday file's, which
 * share the reader: any bytes must give a plan (a holiday file) or
 * diagnostics, never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>

#include "lz_holidays.h"
#include "lz_plan_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lz_diags d;
	lz_diags_init(&d);
	lz_plan *plan = NULL;
	lz_rc rc = lz_plan_load_buffer("fuzz", (const char *)data, size, &plan, &d);
	/* A plan exactly when there is nothing to report. */
	if ((rc == LZ_OK) != (plan != NULL) || (rc == LZ_OK) != (d.count == 0))
		__builtin_trap();
	lz_plan_free(plan);
	lz_diags_free(&d);

	lz_diags_init(&d);
	lz_holidays *h = NULL;
	rc = lz_holidays_load_buffer("fuzz", (const char *)data, size, &h, &d);
	if ((rc == LZ_OK) != (h != NULL) || (rc == LZ_OK) != (d.count == 0))
		__builtin_trap();
	lz_holidays_free(h);
	lz_diags_free(&d);
	return 0;
}
