/* libFuzzer target for reading a plan from its document (lz_plan_text.h):
 * any bytes give a plan or messages, never a crash, a hang or a leak; and
 * a plan read is written (lz_plan_emit) as a file the plan loader reads —
 * when the loader refuses it, that is only because a task has no text,
 * which the reader has listed among its findings. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundled_plan.h"
#include "lz_plan_emit.h"
#include "lz_plan_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static bool task_without_text(const lz_plan *p)
{
	for (size_t i = 0; i < p->n_tasks; i++)
		if (!*p->tasks[i].text)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const lz_plan *base = bundled_plan();
	lz_plan_text_opts opts = {.year = 2022, .organization = "单位"};
	lz_diags d;
	lz_diags_init(&d);
	lz_plan_text t;
	lz_rc rc = lz_plan_text_read(&t, "fuzz", (const char *)data, size, base, &opts, &d);
	check((rc == LZ_OK) == (d.count == 0));
	if (rc == LZ_OK) {
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);
		check(out && lz_plan_emit(out, &t.plan, &t.notes));
		check(fclose(out) == 0);
		lz_plan *back = NULL;
		lz_rc loaded = lz_plan_load_buffer("fuzz.yaml", text, len, &back, &d);
		check(loaded == LZ_OK || task_without_text(&t.plan) ||
		      len > LZ_PLAN_MAX_BYTES);
		if (back)
			check(back->n_tasks == t.plan.n_tasks &&
			      back->n_obligations == t.plan.n_obligations);
		lz_plan_free(back);
		free(text);
	}
	lz_plan_text_free(&t);
	lz_diags_free(&d);
	return 0;
}
