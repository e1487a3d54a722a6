#include <stdlib.h>
#include <string.h>

#include "lz_cbor.h"
#include "lz_plan_cache.h"
#include "plan_internal.h"

/* Bumped whenever lz_plan or this layout changes: an old cache is then
 * simply not used. */
#define CACHE_VERSION 3

static void w_opt_text(lz_cbor_writer *w, const char *s)
{
	lz_cbw_text(w, s ? s : "");
}

void lz_plan_encode(const lz_plan *p, unsigned char **buf, size_t *len)
{
	lz_cbor_writer w = {0};
	lz_cbw_array(&w, 17);
	lz_cbw_uint(&w, CACHE_VERSION);
	lz_cbw_int(&w, p->format);
	lz_cbw_int(&w, p->year);
	lz_cbw_text(&w, p->organization);
	lz_cbw_text(&w, p->title);
	w_opt_text(&w, p->general_requirement);
	lz_cbw_int(&w, p->late_entry_days);
	lz_cbw_int(&w, p->relay_days);

	lz_cbw_array(&w, p->n_roles);
	for (size_t i = 0; i < p->n_roles; i++) {
		lz_cbw_array(&w, 2);
		lz_cbw_text(&w, p->roles[i].id);
		lz_cbw_text(&w, p->roles[i].name);
	}
	lz_cbw_array(&w, p->n_item_statuses);
	for (size_t i = 0; i < p->n_item_statuses; i++) {
		lz_cbw_array(&w, 3);
		lz_cbw_text(&w, p->item_statuses[i].id);
		lz_cbw_text(&w, p->item_statuses[i].name);
		lz_cbw_bool(&w, p->item_statuses[i].closes);
	}
	lz_cbw_array(&w, p->n_risk_levels);
	for (size_t i = 0; i < p->n_risk_levels; i++) {
		lz_cbw_array(&w, 3);
		lz_cbw_text(&w, p->risk_levels[i].id);
		lz_cbw_text(&w, p->risk_levels[i].name);
		lz_cbw_int(&w, p->risk_levels[i].review_days);
	}
	lz_cbw_array(&w, p->n_meeting_types);
	for (size_t i = 0; i < p->n_meeting_types; i++) {
		const lz_meeting_type *t = &p->meeting_types[i];
		lz_cbw_array(&w, 9);
		lz_cbw_text(&w, t->id);
		lz_cbw_text(&w, t->name);
		w_opt_text(&w, t->symbol);
		w_opt_text(&w, t->short_name);
		lz_cbw_uint(&w, t->required_fields);
		lz_cbw_bool(&w, t->has_quorum);
		lz_cbw_int(&w, t->quorum.num);
		lz_cbw_int(&w, t->quorum.den);
		lz_cbw_bool(&w, t->quorum.strict);
	}
	lz_cbw_array(&w, p->n_sections);
	for (size_t i = 0; i < p->n_sections; i++) {
		lz_cbw_array(&w, 4);
		lz_cbw_int(&w, p->sections[i].number);
		lz_cbw_text(&w, p->sections[i].title);
		lz_cbw_uint(&w, p->sections[i].first_task);
		lz_cbw_uint(&w, p->sections[i].n_tasks);
	}
	lz_cbw_array(&w, p->n_tasks);
	for (size_t i = 0; i < p->n_tasks; i++) {
		const lz_task *t = &p->tasks[i];
		lz_cbw_array(&w, 5);
		lz_cbw_int(&w, t->number);
		lz_cbw_text(&w, t->title);
		lz_cbw_text(&w, t->text);
		lz_cbw_uint(&w, t->section);
		lz_cbw_array(&w, t->n_roles);
		for (size_t r = 0; r < t->n_roles; r++)
			lz_cbw_uint(&w, t->roles[r]);
	}
	lz_cbw_array(&w, p->n_obligations);
	for (size_t i = 0; i < p->n_obligations; i++) {
		const lz_obligation *o = &p->obligations[i];
		lz_cbw_array(&w, 10);
		lz_cbw_text(&w, o->id);
		lz_cbw_uint(&w, o->meeting_type);
		lz_cbw_int(&w, o->min);
		lz_cbw_uint(&w, o->per);
		lz_cbw_int(&w, o->task);
		lz_cbw_array(&w, o->n_warn_days);
		for (size_t d = 0; d < o->n_warn_days; d++)
			lz_cbw_int(&w, o->warn_days[d]);
		lz_cbw_uint(&w, o->basis);
		w_opt_text(&w, o->note);
		lz_cbw_int(&w, o->window_from);
		lz_cbw_int(&w, o->window_to);
	}
	lz_cbw_array(&w, p->n_holidays);
	for (size_t i = 0; i < p->n_holidays; i++) {
		lz_cbw_array(&w, 3);
		lz_cbw_int(&w, p->holidays[i].from);
		lz_cbw_int(&w, p->holidays[i].to);
		lz_cbw_text(&w, p->holidays[i].name);
	}
	lz_cbw_array(&w, p->n_workdays);
	for (size_t i = 0; i < p->n_workdays; i++)
		lz_cbw_int(&w, p->workdays[i]);
	*buf = w.buf;
	*len = w.len;
}

/* ---- decoding: every count and index is checked, since a damaged cache
 * must be refused, not followed ---- */

typedef struct dec {
	lz_cbor_reader r;
	lz_arena *arena;
} dec;

static size_t list(dec *d, size_t max)
{
	lz_cbor_item it;
	if (!lz_cbr_next(&d->r, &it))
		return 0;
	size_t n = lz_cbr_array(&d->r, &it);
	if (n > max)
		d->r.bad = true;
	return d->r.bad ? 0 : n;
}

static void tuple(dec *d, size_t n)
{
	lz_cbr_tuple(&d->r, n);
}

static const char *text(dec *d)
{
	return lz_cbr_next_text(&d->r);
}

static const char *opt_text(dec *d)
{
	const char *s = text(d);
	return *s ? s : NULL;
}

static int64_t num(dec *d, int64_t min, int64_t max)
{
	int64_t v = lz_cbr_next_int(&d->r);
	if (v < min || v > max)
		d->r.bad = true;
	return v;
}

static bool flag(dec *d)
{
	lz_cbor_item it;
	if (!lz_cbr_next(&d->r, &it) || it.type != LZ_CBOR_BOOL)
		d->r.bad = true;
	return it.u != 0;
}

static void *array_of(dec *d, size_t n, size_t elem)
{
	return lz_arena_alloc(d->arena, (n ? n : 1) * elem);
}

enum { MAXN = 100000 };

lz_plan *lz_plan_decode(const void *buf, size_t len)
{
	lz_arena arena = {0};
	plan_owner *owner = lz_arena_alloc(&arena, sizeof *owner);
	lz_plan *p = &owner->plan;
	dec d = {.r = {.p = buf, .end = (const unsigned char *)buf + len, .arena = &arena},
		 .arena = &arena};
	tuple(&d, 17);
	if (num(&d, CACHE_VERSION, CACHE_VERSION) != CACHE_VERSION || d.r.bad)
		goto bad;
	p->format = (int)num(&d, 1, 1000);
	p->year = (int)num(&d, LZ_YEAR_FIRST, LZ_YEAR_LAST);
	p->organization = text(&d);
	p->title = text(&d);
	p->general_requirement = opt_text(&d);
	p->late_entry_days = (int)num(&d, 0, 60);
	p->relay_days = (int)num(&d, 1, 60);

	size_t n = list(&d, MAXN);
	lz_role *roles = array_of(&d, n, sizeof *roles);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 2);
		roles[i].id = text(&d);
		roles[i].name = text(&d);
	}
	p->roles = roles;
	p->n_roles = n;

	n = list(&d, MAXN);
	lz_item_status *st = array_of(&d, n, sizeof *st);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 3);
		st[i].id = text(&d);
		st[i].name = text(&d);
		st[i].closes = flag(&d);
	}
	p->item_statuses = st;
	p->n_item_statuses = n;

	n = list(&d, MAXN);
	lz_risk_level *lv = array_of(&d, n, sizeof *lv);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 3);
		lv[i].id = text(&d);
		lv[i].name = text(&d);
		lv[i].review_days = (int)num(&d, 1, 3660);
	}
	p->risk_levels = lv;
	p->n_risk_levels = n;

	n = list(&d, MAXN);
	lz_meeting_type *ty = array_of(&d, n, sizeof *ty);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 9);
		ty[i].id = text(&d);
		ty[i].name = text(&d);
		ty[i].symbol = opt_text(&d);
		ty[i].short_name = opt_text(&d);
		ty[i].required_fields = (unsigned)num(&d, 0, 0xffff);
		ty[i].has_quorum = flag(&d);
		ty[i].quorum.num = (int)num(&d, 0, 100);
		ty[i].quorum.den = (int)num(&d, 0, 100);
		ty[i].quorum.strict = flag(&d);
	}
	p->meeting_types = ty;
	p->n_meeting_types = n;

	n = list(&d, MAXN);
	lz_section *sec = array_of(&d, n, sizeof *sec);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 4);
		sec[i].number = (int)num(&d, 1, 99);
		sec[i].title = text(&d);
		sec[i].first_task = (size_t)num(&d, 0, MAXN);
		sec[i].n_tasks = (size_t)num(&d, 0, MAXN);
	}
	p->sections = sec;
	p->n_sections = n;

	n = list(&d, MAXN);
	lz_task *tasks = array_of(&d, n, sizeof *tasks);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 5);
		tasks[i].number = (int)num(&d, 1, 999);
		tasks[i].title = text(&d);
		tasks[i].text = text(&d);
		tasks[i].section = (size_t)num(&d, 0, (int64_t)p->n_sections - 1);
		size_t nr = list(&d, p->n_roles);
		size_t *idx = array_of(&d, nr, sizeof *idx);
		for (size_t r = 0; r < nr; r++)
			idx[r] = (size_t)num(&d, 0, (int64_t)p->n_roles - 1);
		tasks[i].roles = idx;
		tasks[i].n_roles = nr;
	}
	p->tasks = tasks;
	p->n_tasks = n;
	for (size_t i = 0; i < p->n_sections; i++)
		if (sec[i].first_task + sec[i].n_tasks > p->n_tasks)
			d.r.bad = true;

	n = list(&d, MAXN);
	lz_obligation *ob = array_of(&d, n, sizeof *ob);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 10);
		ob[i].id = text(&d);
		ob[i].meeting_type = (size_t)num(&d, 0, (int64_t)p->n_meeting_types - 1);
		ob[i].min = (int)num(&d, 1, 1000);
		ob[i].per = (lz_period_kind)num(&d, LZ_PER_YEAR, LZ_PER_MONTH);
		ob[i].task = (int)num(&d, 1, 999);
		size_t nw = list(&d, 366);
		int *warn = array_of(&d, nw, sizeof *warn);
		for (size_t k = 0; k < nw; k++)
			warn[k] = (int)num(&d, 1, 366);
		ob[i].warn_days = warn;
		ob[i].n_warn_days = nw;
		ob[i].basis = (lz_basis)num(&d, LZ_BASIS_PLAN, LZ_BASIS_PRACTICE);
		ob[i].note = opt_text(&d);
		ob[i].window_from = (int)num(&d, 0, 1231);
		ob[i].window_to = (int)num(&d, 0, 1231);
	}
	p->obligations = ob;
	p->n_obligations = n;

	n = list(&d, MAXN);
	lz_holiday *hol = array_of(&d, n, sizeof *hol);
	for (size_t i = 0; i < n && !d.r.bad; i++) {
		tuple(&d, 3);
		hol[i].from = (lz_day)num(&d, INT32_MIN, INT32_MAX);
		hol[i].to = (lz_day)num(&d, INT32_MIN, INT32_MAX);
		hol[i].name = text(&d);
	}
	p->holidays = hol;
	p->n_holidays = n;

	n = list(&d, MAXN);
	lz_day *wd = array_of(&d, n, sizeof *wd);
	for (size_t i = 0; i < n && !d.r.bad; i++)
		wd[i] = (lz_day)num(&d, INT32_MIN, INT32_MAX);
	p->workdays = wd;
	p->n_workdays = n;

	if (d.r.bad || d.r.p != d.r.end)
		goto bad;
	owner->arena = arena;
	return p;
bad:
	lz_arena_free(&arena);
	return NULL;
}
