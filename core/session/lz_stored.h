/* Records as the store keeps them, turned into what a front end shows, so
 * that neither front end reads storage bytes itself: the content a change
 * log entry holds before and after, a copy that outlives a scan, a
 * meeting's whole title. */
#ifndef LZ_STORED_H
#define LZ_STORED_H

#include "lz_arena.h"
#include "lz_record.h"
#include "lz_store.h"

/* The record before and after a log entry, decoded into arena; NULL for a
 * side that is empty, unreadable, or belongs to a plan entry. */
void lz_log_entry_records(const lz_log_entry *e, lz_arena *arena, lz_record **before,
			  lz_record **after);
/* A deep copy of r whose strings and lists live in arena. */
lz_record *lz_record_copy(const lz_record *r, lz_arena *arena);
/* A meeting's whole title, read from its record (a titled brief's may
 * be cut): malloc'd, "" when it cannot be read. */
char *lz_meeting_title(lz_store *store, lz_id id);
/* What an undo would take back, in words for the question that asks
 * first ("the change to meeting “…”", 修改会议《…》), the title cut to
 * title_cols columns (0: whole), in arena. */
const char *lz_undo_words(const lz_undo_preview *p, int title_cols, lz_arena *arena);

#endif
