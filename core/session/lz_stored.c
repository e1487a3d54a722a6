/* Records as stored, for display (lz_stored.h). */
#include "lz_stored.h"

#include <stdlib.h>
#include <string.h>

#include "lz_log.h"
#include "record_codec.h"

void lz_log_entry_records(const lz_log_entry *e, lz_arena *arena, lz_record **before,
			  lz_record **after)
{
	*before = *after = NULL;
	if (e->kind >= LZ_KIND_COUNT)
		return;
	lz_record *r = lz_arena_alloc(arena, 2 * sizeof *r);
	if (e->n_before &&
	    lz_record_decode(e->kind, e->before, e->n_before, arena, &r[0], NULL) == LZ_OK)
		*before = &r[0];
	if (e->n_after &&
	    lz_record_decode(e->kind, e->after, e->n_after, arena, &r[1], NULL) == LZ_OK)
		*after = &r[1];
}

lz_record *lz_record_copy(const lz_record *r, lz_arena *arena)
{
	/* Encoding and decoding again is the deep copy: the codec already
	 * knows every field that points elsewhere. */
	unsigned char *buf;
	size_t len;
	lz_record_encode(r, &buf, &len);
	lz_record *copy = lz_arena_alloc(arena, sizeof *copy);
	lz_rc rc = lz_record_decode(r->kind, buf, len, arena, copy, NULL);
	free(buf);
	if (rc != LZ_OK)
		abort();
	return copy;
}

char *lz_meeting_title(lz_store *store, lz_id id)
{
	lz_arena a = {0};
	lz_record r;
	char *title = NULL;
	if (lz_store_get(store, LZ_KIND_MEETING, id, &a, &r, NULL) == LZ_OK)
		title = strdup(r.u.meeting.title ? r.u.meeting.title : "");
	lz_arena_free(&a);
	return title ? title : strdup("");
}
