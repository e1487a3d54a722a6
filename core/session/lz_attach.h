/* Evidence (佐证材料) attached to records, for both front ends: a record
 * found by its id alone, files copied into the evidence store
 * (lz_evidence.h) and named in the record in one logged change. */
#ifndef LZ_ATTACH_H
#define LZ_ATTACH_H

#include "lz_evidence.h"
#include "lz_session.h"

/* The record with id, whatever its kind; LZ_EDATA naming the id when
 * there is none. */
lz_rc lz_session_find(lz_session *s, lz_id id, lz_arena *arena, lz_record *out, lz_err *err);

typedef enum lz_attach_how {
	LZ_ATTACH_NEW,     /* copied into the store and named in the record */
	LZ_ATTACH_STORED,  /* already in the store (from another record): named in this one */
	LZ_ATTACH_LISTED,  /* the record names it already: nothing done */
} lz_attach_how;

typedef struct lz_attached {
	lz_attach_how how;
	size_t index;  /* the file's place in the record's evidence, from 0 */
} lz_attached;

/* Adds the files at paths (n of them) to the evidence of record id: each
 * copied into the store first, then the record changed once, in one
 * transaction that the change log records like any edit — a record of a
 * past year too.  Any file refused (unreadable, too big, a bad name, a
 * full disk) leaves the record as it was.  out[i] says what became of
 * paths[i]; *rec is the record as it is afterwards (in arena). */
lz_rc lz_session_add_evidence(lz_session *s, lz_id id, const char *const *paths, size_t n,
			      lz_arena *arena, lz_record *rec, lz_attached *out, lz_err *err);

/* Checks every file every record names (lz_evidence_check): fn (may be
 * NULL) is told of each that is not intact; t counts files, records with
 * evidence, and problems. */
typedef struct lz_evidence_tally {
	size_t files, records, problems;
} lz_evidence_tally;
typedef void (*lz_evidence_problem_fn)(const lz_record *r, size_t index, lz_evidence_state st,
				       void *ctx);
lz_rc lz_session_verify_evidence(lz_session *s, lz_evidence_problem_fn fn, void *ctx,
				 lz_evidence_tally *t, lz_err *err);

#endif
