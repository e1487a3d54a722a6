/* A record's history (H in a detail view): every logged change with its
 * time, user and the fields it changed, read from the change log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_record_text.h"
#include "lz_stored.h"
#include "ui.h"

typedef struct history_lines {
	ui_line *v;
	size_t n, cap;
	lz_arena *arena;
	const lz_plan *plan;
} history_lines;

static void push(history_lines *h, const char *text, int indent, ui_style style)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->v = realloc(h->v, h->cap * sizeof *h->v);
		if (!h->v)
			abort();
	}
	h->v[h->n++] = (ui_line){lz_arena_strdup(h->arena, text), indent, style};
}

static bool add_entry(const lz_log_entry *e, void *ctx)
{
	history_lines *h = ctx;
	char when[32], head[512];
	time_t t = (time_t)e->time;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	int n = snprintf(head, sizeof head, "#%llu  %s  %s  %s", (unsigned long long)e->seq, when,
			 e->user, lz_log_op_label(e->op));
	if (e->undo_of && n > 0 && (size_t)n < sizeof head)
		snprintf(head + n, sizeof head - (size_t)n, _(" (undoing #%llu)"),
			 (unsigned long long)e->undo_of);
	push(h, head, 0, S_HEADER);
	lz_record *before, *after;
	lz_log_entry_records(e, h->arena, &before, &after);
	lz_change *changes;
	size_t count = lz_record_changes(before, after, h->plan, h->arena, &changes);
	for (size_t i = 0; i < count; i++) {
		/* A sensitive value (the discipline register's) is masked here
		 * as in `history` without --include-sensitive: the register's
		 * own pane shows it whole. */
		const char *b = changes[i].before, *a = changes[i].after;
		if (changes[i].sensitive) {
			b = lz_field_mask(b, h->arena);
			a = lz_field_mask(a, h->arena);
		}
		const char *old = *b ? b : "—";
		const char *now = *a ? a : "—";
		const char *value = after ? now : old;
		bool one_line = !strchr(old, '\n') && !strchr(now, '\n');
		char line[1024];
		if (one_line && before && after)
			snprintf(line, sizeof line, _("%s: %s → %s"), changes[i].label, old, now);
		else if (one_line)
			snprintf(line, sizeof line, _("%s: %s"), changes[i].label, value);
		if (one_line && strlen(line) < sizeof line - 1) {
			push(h, line, 2, S_NORMAL);
			continue;
		}
		/* Long or multi-line values get lines of their own. */
		push(h, changes[i].label, 2, S_DIM);
		if (before && after) {
			push(h, old, 4, S_NORMAL);
			push(h, "→", 4, S_DIM);
		}
		push(h, value, 4, S_NORMAL);
	}
	push(h, "", 0, S_NORMAL);
	return true;
}

void ui_show_history(ui_app *app, lz_kind kind, lz_id id, const char *name)
{
	lz_arena arena = {0};
	history_lines h = {.arena = &arena, .plan = app->db.plan};
	lz_err err;
	lz_err_clear(&err);
	(void)kind;
	if (lz_store_log(app->db.store, id, 1, &arena, add_entry, &h, &err) != LZ_OK) {
		ui_set_message(app, true, "%s", err.msg);
	} else {
		char title[512];
		snprintf(title, sizeof title, _("History of %s %llu: %s"), lz_kind_label(kind),
			 (unsigned long long)id, name ? name : "");
		if (!h.n)
			push(&h, _("No change of this record is in the log."), 0, S_DIM);
		ui_view_lines(app, title, h.v, h.n);
	}
	free(h.v);
	lz_arena_free(&arena);
}
