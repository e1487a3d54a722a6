/* The on-disk form of a record: a CBOR map from small integer tags to
 * values, with the record schema version under tag 0.  Tags are never
 * reused, readers skip tags they do not know and default the ones that are
 * missing, so a record stays readable as fields are added; a record from a
 * newer schema than this program knows is refused, never misread. */
#ifndef LZ_RECORD_CODEC_H
#define LZ_RECORD_CODEC_H

#include <stddef.h>

#include "lz_arena.h"
#include "lz_err.h"
#include "lz_record.h"

#define LZ_RECORD_SCHEMA 1

/* Encodes into a malloc'd buffer. */
void lz_record_encode(const lz_record *r, unsigned char **buf, size_t *len);
/* Decodes a record of the given kind; strings and arrays go to arena. */
lz_rc lz_record_decode(lz_kind kind, const void *buf, size_t len,
		       lz_arena *arena, lz_record *r, lz_err *err);

#endif
