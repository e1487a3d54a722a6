/* A bump allocator for data that lives and dies together (a loaded plan):
 * one free releases everything, and no object needs its own cleanup. */
#ifndef LZ_ARENA_H
#define LZ_ARENA_H

#include <stddef.h>

typedef struct lz_arena_chunk lz_arena_chunk;
typedef struct lz_arena_block lz_arena_block;

typedef struct lz_arena {
	lz_arena_chunk *head;
	lz_arena_block *adopted;
} lz_arena;

void *lz_arena_alloc(lz_arena *a, size_t size);  /* zeroed; aborts on OOM */
char *lz_arena_strndup(lz_arena *a, const char *s, size_t n);
char *lz_arena_strdup(lz_arena *a, const char *s);
/* A formatted string in the arena. */
char *lz_arena_printf(lz_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands a malloc'd block (an array grown with realloc) to the arena, which
 * frees it with the rest; saves copying a large one in.  Returns it. */
void *lz_arena_adopt(lz_arena *a, void *block);
void lz_arena_free(lz_arena *a);

/* A list of distinct strings, copied into an arena: the names offered
 * in a pick list, the rows of a matrix. */
typedef struct lz_words {
	lz_arena *arena;
	const char **v;
	size_t n, cap;
} lz_words;
/* Adds a copy of s unless it is NULL, empty or already there. */
void lz_words_add(lz_words *w, const char *s);

#endif
