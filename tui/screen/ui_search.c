/* "/" from any pane: every record holding a text, listed; Enter opens the
 * chosen one where it lives (a meeting on its calendar day, an item under
 * its task, a risk point in the register, a person among the people). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_record_text.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "ui.h"

/* Enough to choose from; a longer list means the text should be longer. */
#define MAX_HITS 500

typedef lz_record_brief hit;

typedef struct hits {
	hit v[MAX_HITS];
	size_t n;
	bool more;
	const lz_plan *plan;
	lz_arena *arena;
} hits;

static bool matches(const lz_record *r, const char *needle)
{
	return lz_record_contains(r, needle);
}

static bool keep_hit(const lz_record *r, void *ctx)
{
	hits *h = ctx;
	if (h->n == MAX_HITS) {
		h->more = true;
		return false;
	}
	lz_record_brief_of(r, h->plan, h->arena, &h->v[h->n++]);
	return true;
}

static void open_hit(ui_app *app, const hit *x)
{
	switch (x->kind) {
	case LZ_KIND_MEETING:
		app->tab = 3;
		ui_calendar_select(app, x->date, x->id);
		break;
	case LZ_KIND_ITEM:
		app->tab = 1;
		ui_tasks_select(app, x->task, x->id);
		break;
	case LZ_KIND_RISK:
		app->tab = 2;
		ui_risks_select(app, x->id);
		break;
	case LZ_KIND_PERSON:
		app->tab = 4;
		ui_people_select(app, x->id);
		break;
	case LZ_KIND_NOTICE:
	case LZ_KIND_DISCLOSURE:
	case LZ_KIND_DISCIPLINE: ui_registers_select(app, x->kind, x->id); break;
	default:
		break;
	}
}

/* The list of hits; returns the chosen one or NULL on Esc. */
static const hit *choose(const hits *h, const char *needle)
{
	size_t sel = 0, top = 0;
	int kind_w = 0;
	for (int k = 0; k < LZ_KIND_COUNT; k++) {
		int kw = lz_text_width(lz_kind_label((lz_kind)k));
		kind_w = kw > kind_w ? kw : kind_w;
	}
	for (;;) {
		int rows, cols;
		getmaxyx(stdscr, rows, cols);
		size_t visible = rows > 4 ? (size_t)rows - 4 : 1;
		if (sel < top)
			top = sel;
		if (sel >= top + visible)
			top = sel - visible + 1;
		erase();
		char head[512];
		snprintf(head, sizeof head, h->more ? dngettext(LZ_GETTEXT_PACKAGE, "More than %zu record contains \"%s\"; the first are:", "More than %zu records contain \"%s\"; the first are:", h->n)
						    : dngettext(LZ_GETTEXT_PACKAGE, "%zu record contains \"%s\":", "%zu records contain \"%s\":", h->n),
			 h->n, needle);
		ui_fill(stdscr, 0, 0, cols, S_TITLE);
		ui_put_cut(stdscr, 0, 1, head, cols - 2, S_TITLE);
		for (size_t i = top; i < h->n && i - top < visible; i++) {
			const hit *x = &h->v[i];
			int y = (int)(i - top) + 2;
			ui_style st = i == sel ? S_SELECTED : S_NORMAL;
			ui_fill(stdscr, y, 0, cols, st);
			char date[LZ_DATE_STRLEN] = "";
			if (x->date != LZ_NO_DAY)
				lz_day_format(x->date, date);
			/* Date first, as the hits are ordered; then what and how it stands. */
			int col = 1;
			ui_put(stdscr, y, col, date, 10, st);
			col += 12;
			ui_put(stdscr, y, col, lz_kind_label(x->kind), kind_w, i == sel ? st : S_DIM);
			col += kind_w + 1;
			int sw = cols - col > 40 ? 10 : 0;
			if (sw)
				ui_put_cut(stdscr, y, col, x->status, sw, i == sel ? st : S_DIM);
			col += sw ? sw + 1 : 0;
			ui_put_cut(stdscr, y, col, x->title, cols - col - 1, st);
		}
		ui_fill(stdscr, rows - 1, 0, cols, S_KEYBAR);
		ui_put(stdscr, rows - 1, 1, _("Enter open   Esc close   ↑ ↓ PgUp PgDn choose"), cols - 2,
		       S_KEYBAR);
		refresh();
		wint_t key;
		int rc;
		if (!ui_wait_key(&rc, &key))
			return NULL;
		switch (ui_key_action(rc, key)) {
		case ACT_DOWN: if (sel + 1 < h->n) sel++; break;
		case ACT_UP: if (sel > 0) sel--; break;
		case ACT_PAGE_DOWN: sel = sel + visible < h->n ? sel + visible : h->n - 1; break;
		case ACT_PAGE_UP: sel = sel > visible ? sel - visible : 0; break;
		case ACT_HOME: sel = 0; break;
		case ACT_END: sel = h->n - 1; break;
		case ACT_ENTER: return &h->v[sel];
		case ACT_ESCAPE:
		case ACT_QUIT:
			return NULL;
		default: break;
		}
	}
}

void ui_search_all(ui_app *app)
{
	static char last[256];
	const char *error = NULL;
	char *text;
	lz_err err;
	for (;;) {
		text = ui_prompt(app, _("Search every record for:"), last, error);
		if (!text)
			return;
		snprintf(last, sizeof last, "%s", text);
		if (!*text) {
			free(text);
			return;
		}
		lz_err_clear(&err);
		if (lz_validate_text(_("search text"), text, LZ_MAX_SHORT_BYTES, false, true, &err) ==
		    LZ_OK)
			break;
		free(text);
		error = err.msg;
	}
	lz_arena arena = {0};
	hits *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->arena = &arena;
	h->plan = app->db.plan;
	static const lz_kind order[] = {LZ_KIND_MEETING, LZ_KIND_ITEM, LZ_KIND_RISK, LZ_KIND_PERSON,
					LZ_KIND_NOTICE, LZ_KIND_DISCLOSURE, LZ_KIND_DISCIPLINE};
	const size_t n_order = sizeof order / sizeof *order;
	lz_rc rc = LZ_OK;
	for (size_t k = 0; k < n_order && rc == LZ_OK && !h->more; k++)
		rc = lz_store_search(app->db.store, order[k], text, matches, &arena, keep_hit, h, &err);
	/* By date, whatever their kind: how a secretary remembers things. */
	qsort(h->v, h->n, sizeof *h->v, lz_record_brief_cmp);
	if (rc != LZ_OK)
		ui_set_message(app, true, "%s", err.msg);
	else if (!h->n)
		ui_set_message(app, true, _("No record contains \"%s\"."), text);
	else if (h->n == 1)
		open_hit(app, &h->v[0]);
	else {
		const hit *x = choose(h, text);
		if (x)
			open_hit(app, x);
	}
	free(h);
	free(text);
	lz_arena_free(&arena);
}
