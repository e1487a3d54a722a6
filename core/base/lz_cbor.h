/* A small CBOR (RFC 8949) writer and pull reader for the store's
 * encodings: the only code that knows CBOR's bytes.  The reader reads
 * one item head at a time, allocates nothing but the strings it copies
 * into an arena, and refuses what our writers never produce (indefinite
 * lengths, tags, floats) as damage. */
#ifndef LZ_CBOR_H
#define LZ_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lz_arena.h"

typedef struct lz_cbor_writer {
	unsigned char *buf;  /* malloc'd; the caller frees it */
	size_t len, cap;
} lz_cbor_writer;

void lz_cbw_uint(lz_cbor_writer *w, uint64_t v);
void lz_cbw_int(lz_cbor_writer *w, int64_t v);
void lz_cbw_text(lz_cbor_writer *w, const char *s);  /* NULL writes "" */
void lz_cbw_bytes(lz_cbor_writer *w, const void *p, size_t n);
void lz_cbw_array(lz_cbor_writer *w, size_t n);
void lz_cbw_map(lz_cbor_writer *w, size_t n);
void lz_cbw_bool(lz_cbor_writer *w, bool b);

typedef enum lz_cbor_type {
	LZ_CBOR_UINT, LZ_CBOR_NEGINT, LZ_CBOR_TEXT, LZ_CBOR_BYTES, LZ_CBOR_ARRAY, LZ_CBOR_MAP,
	LZ_CBOR_BOOL, LZ_CBOR_OTHER,
} lz_cbor_type;

typedef struct lz_cbor_item {
	lz_cbor_type type;
	uint64_t u;               /* UINT, NEGINT (value -1-u), BOOL */
	const unsigned char *s;   /* TEXT, BYTES */
	size_t n;                 /* TEXT/BYTES length, ARRAY/MAP size */
} lz_cbor_item;

typedef struct lz_cbor_reader {
	const unsigned char *p, *end;
	lz_arena *arena;  /* where text is copied */
	bool bad;         /* sticky: set on the first malformed item */
} lz_cbor_reader;

/* Reads the next item's head (a whole string, or a container's size). */
bool lz_cbr_next(lz_cbor_reader *r, lz_cbor_item *it);
/* Skips the contents of a container whose head was just read. */
void lz_cbr_skip(lz_cbor_reader *r, const lz_cbor_item *it);
int64_t lz_cbr_int(lz_cbor_reader *r, const lz_cbor_item *it);
int lz_cbr_int32(lz_cbor_reader *r, const lz_cbor_item *it);
const char *lz_cbr_text(lz_cbor_reader *r, const lz_cbor_item *it);
/* Reads the next item and takes it as text / as an integer. */
const char *lz_cbr_next_text(lz_cbor_reader *r);
int64_t lz_cbr_next_int(lz_cbor_reader *r);
/* The size of an array whose head is it; 0 and bad when it is not one or
 * claims more entries than bytes remain. */
size_t lz_cbr_array(lz_cbor_reader *r, const lz_cbor_item *it);
/* Reads the head of an array that must have exactly n entries. */
void lz_cbr_tuple(lz_cbor_reader *r, size_t n);

#endif
