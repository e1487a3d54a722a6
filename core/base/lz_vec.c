#include "lz_vec.h"

#include <stdlib.h>
#include <string.h>

void *lz_vec_push(lz_vec *x)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		x->v = realloc(x->v, x->cap * x->elem);
		if (!x->v)
			abort();
	}
	void *e = (char *)x->v + x->n++ * x->elem;
	memset(e, 0, x->elem);
	return e;
}

/* The block itself goes to the arena, trimmed: a year's list can run to
 * thousands of elements, not worth copying. */
void *lz_vec_keep(lz_vec *x, lz_arena *arena)
{
	if (!x->n) {
		free(x->v);
		x->v = NULL;
		x->cap = 0;
		return lz_arena_alloc(arena, x->elem);
	}
	void *kept = realloc(x->v, x->n * x->elem);
	if (!kept)
		abort();
	x->v = NULL;
	x->cap = 0;
	return lz_arena_adopt(arena, kept);
}

void lz_vec_free(lz_vec *x)
{
	free(x->v);
	*x = (lz_vec){.elem = x->elem};
}
