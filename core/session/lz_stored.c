/* Records as stored, for display (lz_stored.h). */
#include "lz_stored.h"

#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_log.h"
#include "lz_record_text.h"
#include "lz_text.h"
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

const char *lz_undo_words(const lz_undo_preview *p, int title_cols, lz_arena *arena)
{
	const lz_log_entry *e = &p->last;
	const char *what;
	if (e->kind == LZ_LOG_KIND_PLAN) {
		what = e->id ? lz_arena_printf(arena, _("the import of the plan for %llu"),
					       (unsigned long long)e->id)
			     : _("the plan import");
	} else {
		lz_record *before, *after;
		lz_log_entry_records(e, arena, &before, &after);
		const lz_record *r = after ? after : before;
		const char *title = r ? lz_record_title(r, arena) : "";
		size_t len = strlen(title);
		size_t fit = title_cols > 0 ? lz_text_fit(title, len, title_cols, NULL) : len;
		if (fit < len)
			title = lz_arena_printf(arena, "%.*s…", (int)fit, title);
		const char *kind = lz_kind_label(e->kind);
		switch (e->op) {
		case LZ_LOG_ADD: what = lz_arena_printf(arena, _("the new %s “%s”"), kind, title); break;
		case LZ_LOG_REMOVE: what = lz_arena_printf(arena, _("the deletion of %s “%s”"), kind, title); break;
		default: what = lz_arena_printf(arena, _("the change to %s “%s”"), kind, title); break;
		}
	}
	if (p->changes > 1)
		what = lz_arena_printf(arena,
				       dngettext(LZ_GETTEXT_PACKAGE, "%zu change made together, the last %s",
						 "%zu changes made together, the last %s", p->changes),
				       p->changes, what);
	return what;
}
