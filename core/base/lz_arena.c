#include "lz_arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lz_arena_chunk {
	lz_arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct lz_arena_block {
	lz_arena_block *next;
	void *block;
};

enum { CHUNK_MIN = 16 * 1024 };

/* Chunks are not cleared as a whole: a command that decodes one record
 * into a fresh arena would clear 16 KiB for a few hundred bytes. */
static void *take(lz_arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	lz_arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t cap = size > CHUNK_MIN ? size : CHUNK_MIN;
		c = malloc(sizeof *c + cap);
		if (!c)
			abort();
		c->used = 0;
		c->size = cap;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

void *lz_arena_alloc(lz_arena *a, size_t size)
{
	return memset(take(a, size), 0, size);
}

char *lz_arena_strndup(lz_arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *lz_arena_strdup(lz_arena *a, const char *s)
{
	return lz_arena_strndup(a, s, strlen(s));
}

char *lz_arena_printf(lz_arena *a, const char *fmt, ...)
{
	/* Most strings fit the first try; a longer one is formatted again
	 * into a place of its size. */
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	if ((size_t)n < sizeof small)
		return lz_arena_strndup(a, small, (size_t)n);
	char *p = lz_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *lz_arena_adopt(lz_arena *a, void *block)
{
	lz_arena_block *b = lz_arena_alloc(a, sizeof *b);
	b->block = block;
	b->next = a->adopted;
	a->adopted = b;
	return block;
}

void lz_arena_free(lz_arena *a)
{
	/* The list lives in the chunks: walked before they go. */
	for (lz_arena_block *b = a->adopted; b; b = b->next)
		free(b->block);
	a->adopted = NULL;
	lz_arena_chunk *c = a->head;
	while (c) {
		lz_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}

void lz_words_add(lz_words *w, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->v[i], s) == 0)
			return;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		const char **grown = lz_arena_alloc(w->arena, w->cap * sizeof *grown);
		if (w->n)
			memcpy(grown, w->v, w->n * sizeof *grown);
		w->v = grown;
	}
	w->v[w->n++] = lz_arena_strdup(w->arena, s);
}
