/* The change log: every change to the records (and every plan import)
 * leaves an entry, written by the store in the same transaction as the
 * change.  Each entry holds the record's encoded content before and after,
 * and is chained to the previous entry by SHA-256, so that a record or an
 * entry altered outside the program is found by `audit verify`.  This
 * module knows the entries' bytes; the store keeps them. */
#ifndef LZ_LOG_H
#define LZ_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lz_arena.h"
#include "lz_record.h"

#define LZ_LOG_HASH 32
#define LZ_LOG_HASH_HEX (2 * LZ_LOG_HASH + 1)

typedef enum lz_log_op {
	LZ_LOG_ADD,
	LZ_LOG_UPDATE,
	LZ_LOG_REMOVE,
	LZ_LOG_PLAN,      /* a plan imported with init: before/after are YAML */
	LZ_LOG_BASELINE,  /* a record found when the log was introduced */
	LZ_LOG_OP_COUNT,
} lz_log_op;

/* The kind of a plan entry, which is not a record. */
#define LZ_LOG_KIND_PLAN LZ_KIND_COUNT

typedef struct lz_log_entry {
	uint64_t seq;       /* 1, 2, …: no gaps */
	int64_t time;       /* Unix seconds */
	const char *user;   /* the operating-system user */
	uint32_t uid;
	lz_log_op op;
	lz_kind kind;       /* or LZ_LOG_KIND_PLAN */
	lz_id id;           /* 0 for the plan */
	/* The record as stored (record_codec.h) before and after the change;
	 * empty before an add and after a removal. */
	const unsigned char *before, *after;
	size_t n_before, n_after;
	uint64_t undo_of;   /* the entry this change took back, or 0 */
	/* The first entry written by the same transaction (this entry's own
	 * seq when it was alone): what one command changed is undone whole.
	 * 0 when encoding: the entry's own seq. */
	uint64_t txn;
	/* For a plan entry, the SHA-256 of the compiled plan stored beside the
	 * text (lz_plan_cache.h), so that what the program runs on is as
	 * covered by the chain as the text; empty otherwise. */
	const unsigned char *aux;
	size_t n_aux;
	unsigned char prev[LZ_LOG_HASH];  /* the previous entry's hash; zeros for the first */
	unsigned char hash[LZ_LOG_HASH];  /* SHA-256 of this entry's body */
} lz_log_entry;

/* "add", "update", …: for scripts. */
const char *lz_log_op_name(lz_log_op op);
/* The same, translated: for people. */
const char *lz_log_op_label(lz_log_op op);

/* Encodes the entry's body and computes e->hash; the stored value is the
 * body followed by the hash.  *buf is malloc'd. */
void lz_log_encode(lz_log_entry *e, unsigned char **buf, size_t *len);

typedef enum lz_log_damage {
	LZ_LOG_INTACT,
	LZ_LOG_UNREADABLE,  /* not an entry this program can read */
	LZ_LOG_BAD_HASH,    /* the body no longer matches its hash */
} lz_log_damage;

/* Decodes a stored value.  Strings are copied into arena; before/after
 * point into buf. */
lz_log_damage lz_log_decode(const void *buf, size_t len, lz_arena *arena, lz_log_entry *e);

void lz_sha256(const void *data, size_t len, unsigned char out[LZ_LOG_HASH]);
void lz_hash_hex(const unsigned char hash[LZ_LOG_HASH], char out[LZ_LOG_HASH_HEX]);

/* The operating-system user running the program, for the log: the name
 * from the password file, else from the environment, else "uid N". */
const char *lz_log_actor(uint32_t *uid);

#endif
