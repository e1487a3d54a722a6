#include "lz_status.h"
#include "lz_i18n.h"
#include "lz_text.h"
#include "lz_vec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lz_period_count(lz_period_kind kind)
{
	static const int counts[] = {1, 2, 4, 12};
	return counts[kind];
}

static int months_per(lz_period_kind kind)
{
	static const int months[] = {12, 6, 3, 1};
	return months[kind];
}

void lz_period_of(int year, lz_period_kind kind, int index, lz_period *out)
{
	int span = months_per(kind);
	int first = index * span + 1, last = first + span - 1;
	out->kind = kind;
	out->index = index;
	out->start = lz_day_from_ymd(year, first, 1);
	out->end = lz_day_from_ymd(year, last, lz_days_in_month(year, last));
	switch (kind) {
	case LZ_PER_YEAR: snprintf(out->label, sizeof out->label, "%d", year); break;
	case LZ_PER_HALF: snprintf(out->label, sizeof out->label, "%d-H%d", year, index + 1); break;
	case LZ_PER_QUARTER: snprintf(out->label, sizeof out->label, "%d-Q%d", year, index + 1); break;
	case LZ_PER_MONTH: snprintf(out->label, sizeof out->label, "%d-%02d", year, index + 1); break;
	}
}

void lz_period_containing(lz_day d, lz_period_kind kind, lz_period *out)
{
	int y, m, day;
	lz_day_to_ymd(d, &y, &m, &day);
	lz_period_of(y, kind, (m - 1) / months_per(kind), out);
}

/* Chinese names its quarters in words (第三季度), so each has a string of
 * its own rather than a number put into one. */
static const char *const quarter_names[] = {N_("Q1 %d"), N_("Q2 %d"), N_("Q3 %d"), N_("Q4 %d")};
static const char *const quarter_shorts[] = {N_("Q1"), N_("Q2"), N_("Q3"), N_("Q4")};

void lz_period_name(const lz_period *p, char *buf, size_t size)
{
	int year, month, day, i = p->index + 1;
	lz_day_to_ymd(p->start, &year, &month, &day);
	switch (p->kind) {
	case LZ_PER_YEAR: snprintf(buf, size, _("%d"), year); break;
	case LZ_PER_HALF: snprintf(buf, size, i == 1 ? _("first half of %d") : _("second half of %d"), year); break;
	case LZ_PER_QUARTER: snprintf(buf, size, _(quarter_names[p->index & 3]), year); break;
	case LZ_PER_MONTH: snprintf(buf, size, _("%2$d/%1$d"), year, i); break;
	}
}

void lz_period_short(const lz_period *p, char *buf, size_t size)
{
	int year, month, day;
	lz_day_to_ymd(p->start, &year, &month, &day);
	switch (p->kind) {
	case LZ_PER_YEAR: snprintf(buf, size, "%d", year); break;
	case LZ_PER_HALF: snprintf(buf, size, "%s", p->index == 0 ? _("H1") : _("H2")); break;
	case LZ_PER_QUARTER: snprintf(buf, size, "%s", _(quarter_shorts[p->index & 3])); break;
	case LZ_PER_MONTH: snprintf(buf, size, "%d", p->index + 1); break;
	}
}

const char *lz_period_state_id(lz_period_state s)
{
	static const char *const ids[] = {"met", "missed", "due", "upcoming"};
	return ids[s];
}

const char *lz_period_state_word(lz_period_state s)
{
	switch (s) {
	case LZ_PERIOD_MET: return _("met");
	case LZ_PERIOD_MISSED: return _("missed");
	case LZ_PERIOD_DUE: return _("due");
	case LZ_PERIOD_UPCOMING: return _("upcoming");
	}
	return "";
}

const char *lz_period_state_symbol(lz_period_state s)
{
	static const char *const symbols[] = {"✓", "✗", "…", "·"};
	return symbols[s];
}

const char *lz_period_word(lz_period_kind k)
{
	switch (k) {
	case LZ_PER_YEAR: return _("year");
	case LZ_PER_HALF: return _("half year");
	case LZ_PER_QUARTER: return _("quarter");
	case LZ_PER_MONTH: return _("month");
	}
	return "";
}

void lz_meeting_flag_words(unsigned flags, int present, int expected, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
#define ADD(...) len += (size_t)snprintf(buf + len, len < size ? size - len : 0, __VA_ARGS__)
	if (flags & LZ_MFLAG_STALE)
		ADD("%s%s", len ? _(", ") : "", _("not marked held or cancelled"));
	if (flags & LZ_MFLAG_LATE_ENTRY)
		ADD("%s%s", len ? _(", ") : "", _("late entry (补记)"));
	if (flags & LZ_MFLAG_IMPORTED)
		ADD("%s%s", len ? _(", ") : "", _("imported"));
	if (flags & LZ_MFLAG_BELOW_QUORUM)
		ADD("%s", len ? _(", ") : ""), ADD(_("below quorum %d/%d"), present, expected);
	if (flags & LZ_MFLAG_NO_FIRST_TOPIC)
		ADD("%s%s", len ? _(", ") : "", _("no first topic (第一议题)"));
#undef ADD
}

const char *lz_meeting_remark(unsigned flags, int present, int expected, const char *late_reason,
			      lz_arena *arena)
{
	char words[256];
	lz_meeting_flag_words(flags, present, expected, words, sizeof words);
	if (!(flags & LZ_MFLAG_LATE_ENTRY) || !late_reason || !*late_reason)
		return lz_arena_strdup(arena, words);
	return lz_arena_printf(arena, _("%s; reason for the late entry: %s"), words, late_reason);
}

bool lz_meeting_becomes_late(const lz_plan *plan, const lz_meeting *m, const lz_meeting *before,
			     int64_t now)
{
	/* The store keeps the first entry as held for good: a meeting once
	 * held has its flag already, whatever the edit. */
	if (m->status != LZ_MEETING_HELD || m->imported || (before && before->held_entered))
		return false;
	lz_meeting_brief b;
	lz_meeting_brief_of(m, &b);
	b.held_entered = now;
	return lz_meeting_flags(plan, &b, lz_day_of_time(now)) & LZ_MFLAG_LATE_ENTRY;
}

/* Dashboards flag thousands of meetings, mostly of the same few dates in
 * a row: the last answer is kept. */
static lz_day cached_deadline(const lz_plan *plan, lz_day day)
{
	static const lz_plan *last_plan;
	static lz_day last_day = LZ_NO_DAY, last_deadline;
	if (plan != last_plan || day != last_day) {
		last_plan = plan;
		last_day = day;
		last_deadline = lz_entry_deadline(plan, day);
	}
	return last_deadline;
}

lz_day lz_next_workday(const lz_plan *plan, lz_day d)
{
	/* A plan calendar never holds more than a few weeks of holidays in a
	 * row; the bound only guards against a damaged one. */
	for (int i = 0; i < 366; i++) {
		d++;
		if (lz_plan_is_workday(plan, d))
			return d;
	}
	return d;
}

const char *lz_status_calendar_note(const lz_plan *plan, char *buf, size_t size)
{
	if (lz_plan_has_calendar(plan))
		return NULL;
	snprintf(buf, size, _("no holiday data for %d: only Saturdays and Sundays are days off"),
		 plan->year);
	return buf;
}

lz_day lz_entry_deadline(const lz_plan *plan, lz_day day)
{
	lz_day d = day;
	for (int i = 0; i < plan->late_entry_days; i++)
		d = lz_next_workday(plan, d);
	return d;
}

static unsigned flags_of(const lz_plan *plan, const lz_meeting_type *t,
			 const lz_meeting_brief *d, lz_day date)
{
	unsigned flags = 0;
	if (d->imported)
		flags |= LZ_MFLAG_IMPORTED;
	/* Held after the day the status is for, a meeting is not yet late
	 * to enter, nor there to count. */
	if (d->status == LZ_MEETING_HELD && d->date <= date) {
		/* Entered within as many calendar days as the allowance has
		 * working days cannot be late; only later entries need the
		 * calendar (and the time zone). */
		if (!d->imported && d->held_entered &&
		    d->held_entered / 86400 - 1 > d->date + plan->late_entry_days &&
		    lz_day_of_time(d->held_entered) > cached_deadline(plan, d->date))
			flags |= LZ_MFLAG_LATE_ENTRY;
		if (lz_meeting_type_below_quorum(t, d->expected, d->present))
			flags |= LZ_MFLAG_BELOW_QUORUM;
	}
	if (d->status == LZ_MEETING_PLANNED && d->date < date)
		flags |= LZ_MFLAG_STALE;
	/* A held meeting lacking its first topic is incomplete; a planned one
	 * is flagged once it is close, so the topic gets prepared. */
	if (t && (t->required_fields & LZ_FIELD_FIRST_TOPIC) && !d->has_first_topic &&
	    (d->status == LZ_MEETING_HELD || (d->status == LZ_MEETING_PLANNED && d->date <= date + 14)))
		flags |= LZ_MFLAG_NO_FIRST_TOPIC;
	return flags;
}

unsigned lz_meeting_flags(const lz_plan *plan, const lz_meeting_brief *b, lz_day date)
{
	return flags_of(plan, lz_plan_meeting_type(plan, b->type), b, date);
}

static lz_meeting_count count_of(const lz_meeting_type *t, const lz_meeting_brief *b,
				 unsigned flags, lz_day date)
{
	if (!t || b->status == LZ_MEETING_CANCELLED || (flags & LZ_MFLAG_BELOW_QUORUM))
		return LZ_COUNTS_NOT;
	return b->status == LZ_MEETING_HELD && b->date <= date ? LZ_COUNTS_HELD : LZ_COUNTS_PLANNED;
}

lz_meeting_count lz_meeting_counts(const lz_plan *plan, const lz_meeting_brief *b, lz_day date)
{
	const lz_meeting_type *t = lz_plan_meeting_type(plan, b->type);
	return count_of(t, b, flags_of(plan, t, b, date), date);
}

/* ---- computing the status ---- */

/* Type ids as a walk hands them out: each month of the store names a
 * type from one place, so the string's address finds the plan's type
 * again without comparing it against every one (the id is still
 * compared, once, to be sure). */
enum { TYPE_SLOTS = 32 };

typedef struct type_cache {
	const char *key[TYPE_SLOTS];
	const lz_meeting_type *type[TYPE_SLOTS];
} type_cache;

static const lz_meeting_type *cached_type(type_cache *c, const lz_plan *plan, const char *id)
{
	size_t slot = ((uintptr_t)id >> 3) % TYPE_SLOTS;
	if (c->key[slot] != id || !c->type[slot] || strcmp(c->type[slot]->id, id) != 0) {
		c->key[slot] = id;
		c->type[slot] = lz_plan_meeting_type(plan, id);
	}
	return c->type[slot];
}

typedef struct scan {
	const lz_plan *plan;
	lz_status *st;
	lz_day date;
	type_cache types;
	lz_day day;  /* the last date seen, and its month (0-11) */
	int month;
	/* The quotas counting each meeting type: by_type[t] .. by_type[t + 1]
	 * in quota_of. */
	size_t *by_type, *quota_of;
} scan;

/* Which quotas count a meeting of each type, so a meeting visits those
 * alone. */
static void index_quotas(scan *sc)
{
	const lz_plan *plan = sc->plan;
	size_t nt = plan->n_meeting_types, nq = sc->st->n_quotas;
	sc->by_type = calloc(nt + 2, sizeof *sc->by_type);
	sc->quota_of = malloc((nq ? nq : 1) * sizeof *sc->quota_of);
	if (!sc->by_type || !sc->quota_of)
		abort();
	for (size_t i = 0; i < nq; i++)
		sc->by_type[sc->st->quotas[i].obligation->meeting_type + 2]++;
	for (size_t t = 0; t < nt; t++)
		sc->by_type[t + 2] += sc->by_type[t + 1];
	for (size_t i = 0; i < nq; i++)
		sc->quota_of[sc->by_type[sc->st->quotas[i].obligation->meeting_type + 1]++] = i;
}

static bool count_meeting(const lz_meeting_brief *d, void *ctx)
{
	scan *sc = ctx;
	const lz_meeting_type *t = cached_type(&sc->types, sc->plan, d->type);
	unsigned flags = flags_of(sc->plan, t, d, sc->date);
	if (flags) {
		sc->st->n_flagged++;
		for (int k = 0; k < LZ_MFLAG_KINDS; k++)
			sc->st->n_flag[k] += (flags >> k) & 1;
	}
	lz_meeting_count how = count_of(t, d, flags, sc->date);
	if (how == LZ_COUNTS_NOT)
		return true;
	/* Briefs come by date: the month changes a dozen times a year. */
	if (d->date != sc->day) {
		int y, day;
		lz_day_to_ymd(d->date, &y, &sc->month, &day);
		sc->month--;
		sc->day = d->date;
	}
	size_t type = (size_t)(t - sc->plan->meeting_types);
	for (size_t k = sc->by_type[type]; k < sc->by_type[type + 1]; k++) {
		lz_obligation_status *q = &sc->st->quotas[sc->quota_of[k]];
		lz_period_status *p = &q->periods[sc->month / months_per(q->obligation->per)];
		if (how == LZ_COUNTS_HELD)
			p->held++;
		else
			p->planned++;
	}
	return true;
}

typedef struct upcoming_ctx {
	const lz_plan *plan;
	lz_arena *arena;
	lz_vec v;
} upcoming_ctx;

static bool collect_upcoming(const lz_meeting_brief *b, void *ctx)
{
	upcoming_ctx *u = ctx;
	if (b->status == LZ_MEETING_CANCELLED)
		return true;
	lz_meeting_brief *kept = lz_vec_push(&u->v);
	*kept = *b;
	/* The type outlives the walk: the plan's copy, or the arena's. */
	const lz_meeting_type *t = lz_plan_meeting_type(u->plan, b->type);
	kept->type = t ? t->id : lz_arena_strdup(u->arena, b->type);
	return true;
}

typedef struct records_ctx {
	const lz_plan *plan;
	lz_vec v;  /* of pointers into the arena */
} records_ctx;

lz_day lz_status_as_of(int year, lz_day date)
{
	lz_day end = lz_day_from_ymd(year, 12, 31);
	return date > end ? end + 1 : date;
}

lz_day lz_status_as_of_shown(int year, lz_day as_of)
{
	lz_day end = lz_day_from_ymd(year, 12, 31);
	return as_of > end ? end : as_of;
}

bool lz_item_closed(const lz_plan *plan, const lz_item *it)
{
	const lz_item_status *s = it->status ? lz_plan_item_status(plan, it->status) : NULL;
	return s && s->closes;
}

lz_item_in_year lz_item_year_state(const lz_plan *plan, const lz_item *it, int year)
{
	if (!it->meta.year || it->meta.year == year)
		return LZ_ITEM_OF_YEAR;
	if (it->meta.year > year)
		return LZ_ITEM_OTHER_YEAR;
	if (!lz_item_closed(plan, it))
		return LZ_ITEM_CARRIED;
	/* Closed: when, by its 完成时间, else by its last change. */
	lz_day closed_on = it->done != LZ_NO_DAY ? it->done : lz_day_of_time(it->meta.updated);
	return closed_on >= lz_day_from_ymd(year, 1, 1) ? LZ_ITEM_CARRIED : LZ_ITEM_OTHER_YEAR;
}

bool lz_item_late(const lz_plan *plan, const lz_item *it, lz_day date)
{
	return it->due != LZ_NO_DAY && it->due < date && !lz_item_closed(plan, it);
}

static bool collect_item(const lz_record *r, void *ctx)
{
	records_ctx *c = ctx;
	/* A later year's items are not this year's business. */
	if (!lz_item_closed(c->plan, &r->u.item) && r->u.item.meta.year <= c->plan->year)
		*(const lz_item **)lz_vec_push(&c->v) = &r->u.item;
	return true;
}

static bool collect_risk(const lz_record *r, void *ctx)
{
	records_ctx *c = ctx;
	*(const lz_risk **)lz_vec_push(&c->v) = &r->u.risk;
	return true;
}

static void settle(lz_obligation_status *q, lz_day date)
{
	q->current = NULL;
	q->warn_days = 0;
	q->days_left = 0;
	for (size_t i = 0; i < q->n_periods; i++) {
		lz_period_status *p = &q->periods[i];
		if (p->held >= p->required)
			p->state = LZ_PERIOD_MET;
		else if (p->period.end < date)
			p->state = LZ_PERIOD_MISSED;
		else if (p->period.start > date)
			p->state = LZ_PERIOD_UPCOMING;
		else
			p->state = LZ_PERIOD_DUE;
		p->not_planned = p->state == LZ_PERIOD_DUE && p->held + p->planned < p->required;
		if (p->period.start <= date && date <= p->period.end) {
			q->current = p;
			q->days_left = p->period.end - date + 1;
			if (p->state == LZ_PERIOD_DUE)
				for (size_t w = 0; w < q->obligation->n_warn_days; w++)
					if (q->days_left <= q->obligation->warn_days[w])
						q->warn_days = q->obligation->warn_days[w];
		}
	}
}

lz_rc lz_status_compute(const lz_plan *plan, lz_store *store, lz_day date, int horizon_days,
			lz_arena *arena, lz_status *out, lz_err *err)
{
	memset(out, 0, sizeof *out);
	out->date = date;
	out->plan = plan;
	out->horizon = date + horizon_days;
	out->n_quotas = plan->n_obligations;
	out->quotas = lz_arena_alloc(arena, (plan->n_obligations + 1) * sizeof *out->quotas);
	scan sc = {.plan = plan, .st = out, .date = date, .day = LZ_NO_DAY};
	for (size_t i = 0; i < plan->n_obligations; i++) {
		const lz_obligation *ob = &plan->obligations[i];
		lz_obligation_status *q = &out->quotas[i];
		q->obligation = ob;
		q->n_periods = (size_t)lz_period_count(ob->per);
		q->periods = lz_arena_alloc(arena, q->n_periods * sizeof *q->periods);
		for (size_t k = 0; k < q->n_periods; k++) {
			lz_period_of(plan->year, ob->per, (int)k, &q->periods[k].period);
			q->periods[k].required = ob->min;
		}
	}
	lz_day ystart = lz_day_from_ymd(plan->year, 1, 1);
	lz_day yend = lz_day_from_ymd(plan->year, 12, 31);
	index_quotas(&sc);
	lz_rc rc = lz_store_meeting_briefs(store, ystart, yend, count_meeting, &sc, err);
	free(sc.by_type);
	free(sc.quota_of);
	if (rc != LZ_OK)
		return rc;
	for (size_t i = 0; i < out->n_quotas; i++)
		settle(&out->quotas[i], date);

	upcoming_ctx u = {.plan = plan, .arena = arena, .v = LZ_VEC(lz_meeting_brief)};
	rc = lz_store_meeting_briefs(store, date, out->horizon, collect_upcoming, &u, err);
	out->upcoming = lz_vec_keep(&u.v, arena);
	out->n_upcoming = u.v.n;
	if (rc != LZ_OK)
		return rc;

	records_ctx items = {.plan = plan, .v = {.elem = sizeof(lz_item *)}};
	rc = lz_store_items_due_between(store, INT32_MIN + 1, out->horizon, arena, collect_item,
					&items, err);
	out->items_due = lz_vec_keep(&items.v, arena);
	out->n_items_due = items.v.n;
	if (rc != LZ_OK)
		return rc;

	records_ctx risks = {.plan = plan, .v = {.elem = sizeof(lz_risk *)}};
	rc = lz_store_risks_review_between(store, INT32_MIN + 1, out->horizon, arena, collect_risk,
					   &risks, err);
	out->risks_due = lz_vec_keep(&risks.v, arena);
	out->n_risks_due = risks.v.n;
	return rc;
}

typedef struct flagged_walk {
	const lz_status *st;
	type_cache types;
	lz_flagged_fn fn;
	void *ctx;
} flagged_walk;

static bool visit_flagged(const lz_meeting_brief *b, void *ctx)
{
	flagged_walk *w = ctx;
	const lz_status *st = w->st;
	unsigned flags = flags_of(st->plan, cached_type(&w->types, st->plan, b->type), b, st->date);
	return !flags || w->fn(b, flags, w->ctx);
}

size_t lz_status_flag_count(const lz_status *st, unsigned flag)
{
	for (int k = 0; k < LZ_MFLAG_KINDS; k++)
		if (flag == 1u << k)
			return st->n_flag[k];
	return 0;
}

lz_rc lz_status_flagged(const lz_status *st, lz_store *store, lz_day from, lz_day to,
			lz_flagged_fn fn, void *ctx, lz_err *err)
{
	lz_day ystart = lz_day_from_ymd(st->plan->year, 1, 1);
	lz_day yend = lz_day_from_ymd(st->plan->year, 12, 31);
	if (!st->n_flagged)
		return LZ_OK;
	flagged_walk w = {.st = st, .fn = fn, .ctx = ctx};
	return lz_store_meeting_briefs(store, from > ystart ? from : ystart, to < yend ? to : yend,
				       visit_flagged, &w, err);
}

/* ---- schedule ---- */

typedef struct occupancy {
	const lz_plan *plan;
	lz_day ystart;
	unsigned char (*busy)[366];  /* per meeting type, per day of the year */
	unsigned short load[366];    /* meetings of any type, per day */
} occupancy;

static bool mark_busy(const lz_meeting_brief *d, void *ctx)
{
	occupancy *o = ctx;
	if (d->status == LZ_MEETING_CANCELLED)
		return true;
	lz_day day = d->date - o->ystart;
	if (day >= 0 && day < 366 && o->load[day] < 1000)
		o->load[day]++;
	for (size_t t = 0; t < o->plan->n_meeting_types; t++)
		if (strcmp(o->plan->meeting_types[t].id, d->type) == 0) {
			lz_day k = d->date - o->ystart;
			if (k >= 0 && k < 366)
				o->busy[t][k] = 1;
		}
	return true;
}

/* The working day in [lo, hi] without a meeting of this type that is
 * nearest to target, preferring days with fewer meetings of other types
 * (each counts as three days of distance), or LZ_NO_DAY. */
static lz_day best_day(const lz_plan *plan, const occupancy *o, size_t type, lz_day target,
		       lz_day lo, lz_day hi)
{
	lz_day best = LZ_NO_DAY;
	long best_cost = 0;
	for (lz_day d = lo; d <= hi; d++) {
		lz_day k = d - o->ystart;
		if (o->busy[type][k] || !lz_plan_is_workday(plan, d))
			continue;
		long cost = labs((long)d - target) + 3L * o->load[k];
		if (best == LZ_NO_DAY || cost < best_cost) {
			best = d;
			best_cost = cost;
		}
	}
	return best;
}

/* Where the plan says such meetings are usually held, lo..hi shrinks to
 * that window; not when the window is past or outside the period, since
 * a meeting late in the year beats none. */
static void narrow_to_window(const lz_obligation *ob, int year, lz_day *lo, lz_day *hi)
{
	if (!ob->window_from)
		return;
	lz_day wlo = lz_day_from_ymd(year, ob->window_from / 100, ob->window_from % 100);
	lz_day whi = lz_day_from_ymd(year, ob->window_to / 100, ob->window_to % 100);
	lz_day nlo = wlo > *lo ? wlo : *lo, nhi = whi < *hi ? whi : *hi;
	if (nlo <= nhi) {
		*lo = nlo;
		*hi = nhi;
	}
}

lz_rc lz_schedule_draft(const lz_plan *plan, lz_store *store, lz_day from, lz_arena *arena,
			lz_proposal **out, size_t *n, size_t *unplaceable, lz_err *err)
{
	*out = NULL;
	*n = 0;
	*unplaceable = 0;
	lz_status st;
	lz_rc rc = lz_status_compute(plan, store, from, 0, arena, &st, err);
	if (rc != LZ_OK)
		return rc;
	occupancy o = {.plan = plan, .ystart = lz_day_from_ymd(plan->year, 1, 1)};
	o.busy = calloc(plan->n_meeting_types + 1, sizeof *o.busy);
	if (!o.busy)
		abort();
	rc = lz_store_meeting_briefs(store, o.ystart, lz_day_from_ymd(plan->year, 12, 31),
				     mark_busy, &o, err);
	lz_vec props = LZ_VEC(lz_proposal);
	for (size_t i = 0; rc == LZ_OK && i < st.n_quotas; i++) {
		const lz_obligation_status *q = &st.quotas[i];
		size_t type = q->obligation->meeting_type;
		for (size_t k = 0; k < q->n_periods; k++) {
			const lz_period_status *p = &q->periods[k];
			int need = p->required - p->held - p->planned;
			if (need <= 0 || p->period.end < from)
				continue;
			lz_day lo = p->period.start > from ? p->period.start : from;
			lz_day hi = p->period.end;
			narrow_to_window(q->obligation, plan->year, &lo, &hi);
			long span = hi - lo + 1;
			for (int j = 0; j < need; j++) {
				/* Evenly spread: the middle of the j-th of need slices. */
				lz_day target = lo + (lz_day)(span * (2 * j + 1) / (2 * need));
				lz_day d = best_day(plan, &o, type, target, lo, hi);
				if (d == LZ_NO_DAY) {
					++*unplaceable;
					continue;
				}
				o.busy[type][d - o.ystart] = 1;
				o.load[d - o.ystart]++;
				lz_proposal *prop = lz_vec_push(&props);
				*prop = (lz_proposal){.obligation = q->obligation, .period = p->period,
						      .date = d};
			}
		}
	}
	free(o.busy);
	*n = props.n;
	*out = lz_vec_keep(&props, arena);
	return rc;
}

void lz_schedule_records(const lz_plan *plan, const lz_proposal *props, size_t n,
			 lz_arena *arena, lz_record **recs, lz_op **ops)
{
	*recs = lz_arena_alloc(arena, (n ? n : 1) * sizeof **recs);
	*ops = lz_arena_alloc(arena, (n ? n : 1) * sizeof **ops);
	for (size_t i = 0; i < n; i++) {
		const lz_meeting_type *t = &plan->meeting_types[props[i].obligation->meeting_type];
		char when[64];
		lz_period_name(&props[i].period, when, sizeof when);
		lz_record *r = &(*recs)[i];
		lz_meeting *m = &r->u.meeting;
		r->kind = LZ_KIND_MEETING;
		lz_meeting_init(m);
		m->date = props[i].date;
		m->type = t->id;
		m->title = lz_arena_printf(arena, _("%s (%s)"), t->name, when);
		m->status = LZ_MEETING_PLANNED;
		m->tasks = (int *)&props[i].obligation->task;
		m->n_tasks = 1;
		m->meta.year = plan->year;
		(*ops)[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = r};
	}
}
