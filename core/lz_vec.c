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

void *lz_vec_keep(lz_vec *x, lz_arena *arena)
{
	void *kept = lz_arena_alloc(arena, (x->n ? x->n : 1) * x->elem);
	if (x->n)
		memcpy(kept, x->v, x->n * x->elem);
	free(x->v);
	x->v = NULL;
	x->cap = 0;
	return kept;
}

void lz_vec_free(lz_vec *x)
{
	free(x->v);
	*x = (lz_vec){.elem = x->elem};
}
