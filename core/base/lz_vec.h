/* A growable array of fixed-size elements, for lists whose length is
 * known only once a walk over the store is done; vec_keep moves the
 * result into an arena so it lives with the rest of the answer. */
#ifndef LZ_VEC_H
#define LZ_VEC_H

#include <stddef.h>

#include "lz_arena.h"

typedef struct lz_vec {
	void *v;
	size_t n, cap, elem;
} lz_vec;

#define LZ_VEC(type) ((lz_vec){.elem = sizeof(type)})

/* A new zeroed element at the end; aborts on OOM. */
void *lz_vec_push(lz_vec *x);
/* Hands the elements to arena (never NULL); x->n still counts them. */
void *lz_vec_keep(lz_vec *x, lz_arena *arena);
void lz_vec_free(lz_vec *x);

#endif
