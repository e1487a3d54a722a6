/* Progress of a long export, for a screen that shows it: the work is
 * counted in units (rows written), and the callback is called only when
 * another percent is done, so reporting costs nothing per row. */
#ifndef LZ_PROGRESS_H
#define LZ_PROGRESS_H

#include <stddef.h>

typedef struct lz_progress {
	void (*fn)(void *ctx, size_t done, size_t total);
	void *ctx;
	size_t done, total, next;
} lz_progress;

/* Both accept NULL, for callers that show no progress. */
static inline void lz_progress_start(lz_progress *p, size_t total)
{
	if (!p)
		return;
	p->done = 0;
	p->total = total;
	p->next = 0;
}

static inline void lz_progress_step(lz_progress *p, size_t n)
{
	if (!p || !p->fn)
		return;
	p->done += n;
	if (p->done > p->total)
		p->total = p->done;
	if (p->done >= p->next || p->done == p->total) {
		p->fn(p->ctx, p->done, p->total);
		p->next = p->done + (p->total / 100 ? p->total / 100 : 1);
	}
}

#endif
