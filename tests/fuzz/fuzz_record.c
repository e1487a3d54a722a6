/* libFuzzer target for the store's decoders of what it reads back: a
 * record (record_codec.h) of each kind, and a change log entry
 * (lz_log.h).  Any bytes must be refused or decoded, never a crash; what
 * decodes must encode to bytes that decode to the same again, and must
 * survive what the program does with a stored record or entry: the checks
 * of db check, the fields of show, the history's before and after.
 *
 * A log entry ends with the SHA-256 of its body, which mutations almost
 * never keep right; so the input is also read as a body with its hash
 * appended, to reach what follows the hash check. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundled_plan.h"
#include "lz_log.h"
#include "lz_record_text.h"
#include "lz_validate.h"
#include "record_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static bool same_bytes(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

/* Decodes buf as a record of kind into *r; false when it is refused, which
 * must come with a message. */
static bool decode(lz_kind kind, const void *buf, size_t len, lz_arena *a, lz_record *r)
{
	lz_err err;
	lz_err_clear(&err);
	if (lz_record_decode(kind, buf, len, a, r, &err) == LZ_OK)
		return true;
	check(err.msg[0] != '\0');
	return false;
}

static void check_record(lz_kind kind, const uint8_t *data, size_t size, const lz_plan *plan)
{
	lz_arena a = {0};
	lz_record r, again;
	if (decode(kind, data, size, &a, &r)) {
		check(r.kind == kind);
		unsigned char *b1, *b2;
		size_t n1, n2;
		lz_record_encode(&r, &b1, &n1);
		check(decode(kind, b1, n1, &a, &again));
		lz_record_encode(&again, &b2, &n2);
		check(same_bytes(b1, n1, b2, n2));
		free(b1);
		free(b2);
		lz_err err;
		lz_err_clear(&err);
		if (lz_validate_record(plan, &r, &err) != LZ_OK)
			check(err.msg[0] != '\0');
		lz_fields f;
		lz_record_fields(&r, plan, &a, &f);
		check(lz_record_title(&r, &a) != NULL);
	}
	lz_arena_free(&a);
}

static void check_entry(const void *buf, size_t len, const lz_plan *plan)
{
	lz_arena a = {0};
	lz_log_entry e, again;
	if (lz_log_decode(buf, len, &a, &e) != LZ_LOG_INTACT) {
		lz_arena_free(&a);
		return;
	}
	unsigned char *b;
	size_t n;
	lz_log_entry copy = e;
	lz_log_encode(&copy, &b, &n);
	check(lz_log_decode(b, n, &a, &again) == LZ_LOG_INTACT);
	check(again.seq == e.seq && again.time == e.time && strcmp(again.user, e.user) == 0 &&
	      again.uid == e.uid && again.op == e.op && again.kind == e.kind && again.id == e.id &&
	      again.undo_of == e.undo_of && again.txn == e.txn &&
	      same_bytes(again.before, again.n_before, e.before, e.n_before) &&
	      same_bytes(again.after, again.n_after, e.after, e.n_after) &&
	      same_bytes(again.aux, again.n_aux, e.aux, e.n_aux) &&
	      memcmp(again.prev, e.prev, LZ_LOG_HASH) == 0);
	free(b);
	/* The history's view of the entry, as history and the H key show it. */
	if (e.kind < LZ_KIND_COUNT) {
		lz_record before, after;
		bool has_before = e.n_before && decode(e.kind, e.before, e.n_before, &a, &before);
		bool has_after = e.n_after && decode(e.kind, e.after, e.n_after, &a, &after);
		lz_change *changes;
		if (has_before || has_after)
			lz_record_changes(has_before ? &before : NULL, has_after ? &after : NULL, plan,
					  &a, &changes);
	}
	lz_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const lz_plan *plan = bundled_plan();
	for (int k = 0; k < LZ_KIND_COUNT; k++)
		check_record((lz_kind)k, data, size, plan);
	check_entry(data, size, plan);
	unsigned char *hashed = malloc(size + LZ_LOG_HASH);
	if (!hashed)
		abort();
	if (size)
		memcpy(hashed, data, size);
	lz_sha256(data, size, hashed + size);
	check_entry(hashed, size + LZ_LOG_HASH, plan);
	free(hashed);
	return 0;
}
