#include "record_codec.h"

#include <stdlib.h>
#include <string.h>

#include "lz_cbor.h"
#include "lz_i18n.h"

/* ---- tags; never renumber or reuse one ---- */

enum {
	T_SCHEMA = 0,
	T_ID = 1, T_YEAR = 2, T_CREATED = 3, T_UPDATED = 4, T_VERSION = 5,
};
enum { P_NAME = 10, P_POST = 11, P_DEPT = 12, P_ROLES = 13 };
enum {
	I_TASK = 10, I_TITLE = 11, I_OWNER = 12, I_SOURCE = 13, I_DUE = 14,
	I_STATUS = 15, I_LOG = 16,
};
enum {
	M_DATE = 10, M_START = 11, M_END = 12, M_TYPE = 13, M_TITLE = 14,
	M_LOCATION = 15, M_HOST = 16, M_RECORDER = 17, M_EXPECTED = 18,
	M_PRESENT = 19, M_ATTENDEES = 20, M_ABSENT = 21, M_NONVOTING = 22,
	M_TOPICS = 23, M_FIRST_TOPIC = 24, M_DECISIONS = 25, M_SUMMARY = 26,
	M_TASKS = 27, M_STATUS = 28, M_HELD_ENTERED = 29, M_IMPORTED = 30,
};
enum {
	R_POST = 10, R_LINK = 11, R_DESC = 12, R_LEVEL = 13, R_LIKELIHOOD = 14,
	R_IMPACT = 15, R_MEASURES = 16, R_OWNER = 17, R_REVIEW = 18,
	R_STATUS = 19, R_LOG = 20,
};

/* Fields are written only when set, so the map's size is counted first by
 * a dry pass over the same calls. */
typedef struct fields {
	lz_cbor_writer *w;  /* NULL while counting */
	size_t count;
} fields;

static bool field(fields *f, uint64_t tag)
{
	f->count++;
	if (f->w)
		lz_cbw_uint(f->w, tag);
	return f->w != NULL;
}

static void f_int(fields *f, uint64_t tag, int64_t v)
{
	if (field(f, tag))
		lz_cbw_int(f->w, v);
}

static void f_text(fields *f, uint64_t tag, const char *s)
{
	if (s && *s && field(f, tag))
		lz_cbw_text(f->w, s);
}

static void f_day(fields *f, uint64_t tag, lz_day d)
{
	if (d != LZ_NO_DAY)
		f_int(f, tag, d);
}

static void f_strv(fields *f, uint64_t tag, lz_strv v)
{
	if (v.n && field(f, tag)) {
		lz_cbw_array(f->w, v.n);
		for (size_t i = 0; i < v.n; i++)
			lz_cbw_text(f->w, v.v[i] ? v.v[i] : "");
	}
}

static void put_meta(fields *f, const lz_meta *m)
{
	f_int(f, T_SCHEMA, LZ_RECORD_SCHEMA);
	f_int(f, T_ID, (int64_t)m->id);
	f_int(f, T_YEAR, m->year);
	f_int(f, T_CREATED, m->created);
	f_int(f, T_UPDATED, m->updated);
	f_int(f, T_VERSION, m->version);
}

static void put_person(fields *f, const lz_person *p)
{
	put_meta(f, &p->meta);
	f_text(f, P_NAME, p->name);
	f_text(f, P_POST, p->post);
	f_text(f, P_DEPT, p->dept);
	f_strv(f, P_ROLES, p->roles);
}

static void put_item(fields *f, const lz_item *it)
{
	put_meta(f, &it->meta);
	f_int(f, I_TASK, it->task);
	f_text(f, I_TITLE, it->title);
	f_text(f, I_OWNER, it->owner);
	f_text(f, I_SOURCE, it->source);
	f_day(f, I_DUE, it->due);
	f_text(f, I_STATUS, it->status);
	if (it->n_log && field(f, I_LOG)) {
		lz_cbw_array(f->w, it->n_log);
		for (size_t i = 0; i < it->n_log; i++) {
			lz_cbw_array(f->w, 2);
			lz_cbw_int(f->w, it->log[i].date);
			lz_cbw_text(f->w, it->log[i].text ? it->log[i].text : "");
		}
	}
}

static void put_meeting(fields *f, const lz_meeting *m)
{
	put_meta(f, &m->meta);
	f_day(f, M_DATE, m->date);
	if (m->start != LZ_NO_TIME)
		f_int(f, M_START, m->start);
	if (m->end != LZ_NO_TIME)
		f_int(f, M_END, m->end);
	f_text(f, M_TYPE, m->type);
	f_text(f, M_TITLE, m->title);
	f_text(f, M_LOCATION, m->location);
	f_text(f, M_HOST, m->host);
	f_text(f, M_RECORDER, m->recorder);
	if (m->expected != LZ_NO_COUNT)
		f_int(f, M_EXPECTED, m->expected);
	if (m->present != LZ_NO_COUNT)
		f_int(f, M_PRESENT, m->present);
	f_text(f, M_ATTENDEES, m->attendees);
	if (m->n_absent && field(f, M_ABSENT)) {
		lz_cbw_array(f->w, m->n_absent);
		for (size_t i = 0; i < m->n_absent; i++) {
			lz_cbw_array(f->w, 2);
			lz_cbw_text(f->w, m->absent[i].name ? m->absent[i].name : "");
			lz_cbw_text(f->w, m->absent[i].reason ? m->absent[i].reason : "");
		}
	}
	f_strv(f, M_NONVOTING, m->nonvoting);
	f_strv(f, M_TOPICS, m->topics);
	f_text(f, M_FIRST_TOPIC, m->first_topic);
	f_strv(f, M_DECISIONS, m->decisions);
	f_text(f, M_SUMMARY, m->summary);
	if (m->n_tasks && field(f, M_TASKS)) {
		lz_cbw_array(f->w, m->n_tasks);
		for (size_t i = 0; i < m->n_tasks; i++)
			lz_cbw_int(f->w, m->tasks[i]);
	}
	f_int(f, M_STATUS, m->status);
	if (m->held_entered)
		f_int(f, M_HELD_ENTERED, m->held_entered);
	if (m->imported && field(f, M_IMPORTED))
		lz_cbw_bool(f->w, true);
}

static void put_risk(fields *f, const lz_risk *r)
{
	put_meta(f, &r->meta);
	f_text(f, R_POST, r->post);
	f_text(f, R_LINK, r->link);
	f_text(f, R_DESC, r->desc);
	f_text(f, R_LEVEL, r->level);
	f_int(f, R_LIKELIHOOD, r->likelihood);
	f_int(f, R_IMPACT, r->impact);
	f_text(f, R_MEASURES, r->measures);
	f_text(f, R_OWNER, r->owner);
	f_day(f, R_REVIEW, r->review);
	f_text(f, R_STATUS, r->status);
	if (r->n_log && field(f, R_LOG)) {
		lz_cbw_array(f->w, r->n_log);
		for (size_t i = 0; i < r->n_log; i++) {
			lz_cbw_array(f->w, 3);
			lz_cbw_int(f->w, r->log[i].date);
			lz_cbw_text(f->w, r->log[i].result ? r->log[i].result : "");
			lz_cbw_int(f->w, r->log[i].next);
		}
	}
}

static void put_record(fields *f, const lz_record *r)
{
	switch (r->kind) {
	case LZ_KIND_PERSON: put_person(f, &r->u.person); break;
	case LZ_KIND_ITEM: put_item(f, &r->u.item); break;
	case LZ_KIND_MEETING: put_meeting(f, &r->u.meeting); break;
	case LZ_KIND_RISK: put_risk(f, &r->u.risk); break;
	default: abort();
	}
}

void lz_record_encode(const lz_record *r, unsigned char **buf, size_t *len)
{
	fields count = {0};
	put_record(&count, r);
	lz_cbor_writer w = {0};
	lz_cbw_map(&w, count.count);
	fields out = {.w = &w};
	put_record(&out, r);
	*buf = w.buf;
	*len = w.len;
}

/* ---- reader ---- */

static lz_strv r_strv(lz_cbor_reader *r, const lz_cbor_item *it)
{
	lz_strv v = {0};
	size_t n = lz_cbr_array(r, it);
	if (!n)
		return v;
	const char **arr = lz_arena_alloc(r->arena, n * sizeof *arr);
	for (size_t i = 0; i < n && !r->bad; i++)
		arr[i] = lz_cbr_next_text(r);
	v.v = arr;
	v.n = n;
	return v;
}

static bool get_meta(lz_cbor_reader *r, uint64_t tag, const lz_cbor_item *it, lz_meta *m)
{
	switch (tag) {
	case T_ID: m->id = (lz_id)lz_cbr_int(r, it); return true;
	case T_YEAR: m->year = lz_cbr_int32(r, it); return true;
	case T_CREATED: m->created = lz_cbr_int(r, it); return true;
	case T_UPDATED: m->updated = lz_cbr_int(r, it); return true;
	case T_VERSION: m->version = (uint32_t)lz_cbr_int(r, it); return true;
	}
	return false;
}

static bool get_person(lz_cbor_reader *r, uint64_t tag, const lz_cbor_item *it, lz_person *p)
{
	switch (tag) {
	case P_NAME: p->name = lz_cbr_text(r, it); return true;
	case P_POST: p->post = lz_cbr_text(r, it); return true;
	case P_DEPT: p->dept = lz_cbr_text(r, it); return true;
	case P_ROLES: p->roles = r_strv(r, it); return true;
	}
	return get_meta(r, tag, it, &p->meta);
}

static bool get_item(lz_cbor_reader *r, uint64_t tag, const lz_cbor_item *it, lz_item *x)
{
	switch (tag) {
	case I_TASK: x->task = lz_cbr_int32(r, it); return true;
	case I_TITLE: x->title = lz_cbr_text(r, it); return true;
	case I_OWNER: x->owner = lz_cbr_text(r, it); return true;
	case I_SOURCE: x->source = lz_cbr_text(r, it); return true;
	case I_DUE: x->due = lz_cbr_int32(r, it); return true;
	case I_STATUS: x->status = lz_cbr_text(r, it); return true;
	case I_LOG: {
		size_t n = lz_cbr_array(r, it);
		x->log = lz_arena_alloc(r->arena, (n + 1) * sizeof *x->log);
		for (size_t i = 0; i < n && !r->bad; i++) {
			lz_cbr_tuple(r, 2);
			x->log[i].date = (lz_day)lz_cbr_next_int(r);
			x->log[i].text = lz_cbr_next_text(r);
		}
		x->n_log = n;
		return true;
	}
	}
	return get_meta(r, tag, it, &x->meta);
}

static bool get_meeting(lz_cbor_reader *r, uint64_t tag, const lz_cbor_item *it, lz_meeting *m)
{
	switch (tag) {
	case M_DATE: m->date = lz_cbr_int32(r, it); return true;
	case M_START: m->start = lz_cbr_int32(r, it); return true;
	case M_END: m->end = lz_cbr_int32(r, it); return true;
	case M_TYPE: m->type = lz_cbr_text(r, it); return true;
	case M_TITLE: m->title = lz_cbr_text(r, it); return true;
	case M_LOCATION: m->location = lz_cbr_text(r, it); return true;
	case M_HOST: m->host = lz_cbr_text(r, it); return true;
	case M_RECORDER: m->recorder = lz_cbr_text(r, it); return true;
	case M_EXPECTED: m->expected = lz_cbr_int32(r, it); return true;
	case M_PRESENT: m->present = lz_cbr_int32(r, it); return true;
	case M_ATTENDEES: m->attendees = lz_cbr_text(r, it); return true;
	case M_ABSENT: {
		size_t n = lz_cbr_array(r, it);
		m->absent = lz_arena_alloc(r->arena, (n + 1) * sizeof *m->absent);
		for (size_t i = 0; i < n && !r->bad; i++) {
			lz_cbr_tuple(r, 2);
			m->absent[i].name = lz_cbr_next_text(r);
			m->absent[i].reason = lz_cbr_next_text(r);
		}
		m->n_absent = n;
		return true;
	}
	case M_NONVOTING: m->nonvoting = r_strv(r, it); return true;
	case M_TOPICS: m->topics = r_strv(r, it); return true;
	case M_FIRST_TOPIC: m->first_topic = lz_cbr_text(r, it); return true;
	case M_DECISIONS: m->decisions = r_strv(r, it); return true;
	case M_SUMMARY: m->summary = lz_cbr_text(r, it); return true;
	case M_TASKS: {
		size_t n = lz_cbr_array(r, it);
		m->tasks = lz_arena_alloc(r->arena, (n + 1) * sizeof *m->tasks);
		for (size_t i = 0; i < n && !r->bad; i++)
			m->tasks[i] = (int)lz_cbr_next_int(r);
		m->n_tasks = n;
		return true;
	}
	case M_STATUS: {
		int s = lz_cbr_int32(r, it);
		if (s < LZ_MEETING_PLANNED || s > LZ_MEETING_CANCELLED)
			r->bad = true;
		m->status = (lz_meeting_status)s;
		return true;
	}
	case M_HELD_ENTERED: m->held_entered = lz_cbr_int(r, it); return true;
	case M_IMPORTED: m->imported = it->type == LZ_CBOR_BOOL && it->u; return true;
	}
	return get_meta(r, tag, it, &m->meta);
}

static bool get_risk(lz_cbor_reader *r, uint64_t tag, const lz_cbor_item *it, lz_risk *x)
{
	switch (tag) {
	case R_POST: x->post = lz_cbr_text(r, it); return true;
	case R_LINK: x->link = lz_cbr_text(r, it); return true;
	case R_DESC: x->desc = lz_cbr_text(r, it); return true;
	case R_LEVEL: x->level = lz_cbr_text(r, it); return true;
	case R_LIKELIHOOD: x->likelihood = lz_cbr_int32(r, it); return true;
	case R_IMPACT: x->impact = lz_cbr_int32(r, it); return true;
	case R_MEASURES: x->measures = lz_cbr_text(r, it); return true;
	case R_OWNER: x->owner = lz_cbr_text(r, it); return true;
	case R_REVIEW: x->review = lz_cbr_int32(r, it); return true;
	case R_STATUS: x->status = lz_cbr_text(r, it); return true;
	case R_LOG: {
		size_t n = lz_cbr_array(r, it);
		x->log = lz_arena_alloc(r->arena, (n + 1) * sizeof *x->log);
		for (size_t i = 0; i < n && !r->bad; i++) {
			lz_cbr_tuple(r, 3);
			x->log[i].date = (lz_day)lz_cbr_next_int(r);
			x->log[i].result = lz_cbr_next_text(r);
			x->log[i].next = (lz_day)lz_cbr_next_int(r);
		}
		x->n_log = n;
		return true;
	}
	}
	return get_meta(r, tag, it, &x->meta);
}

static void init_record(lz_kind kind, lz_record *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->kind = kind;
	switch (kind) {
	case LZ_KIND_PERSON: lz_person_init(&rec->u.person); break;
	case LZ_KIND_ITEM: lz_item_init(&rec->u.item); break;
	case LZ_KIND_MEETING: lz_meeting_init(&rec->u.meeting); break;
	case LZ_KIND_RISK: lz_risk_init(&rec->u.risk); break;
	default: break;
	}
}

lz_rc lz_record_decode(lz_kind kind, const void *buf, size_t len,
		       lz_arena *arena, lz_record *rec, lz_err *err)
{
	init_record(kind, rec);
	lz_cbor_reader r = {.p = buf, .end = (const unsigned char *)buf + len, .arena = arena};
	lz_cbor_item head;
	if (!lz_cbr_next(&r, &head) || head.type != LZ_CBOR_MAP)
		return lz_err_set(err, LZ_EIO, _("damaged %s record: not a map"),
				  lz_kind_label(kind));
	for (size_t i = 0; i < head.n && !r.bad; i++) {
		lz_cbor_item key, val;
		if (!lz_cbr_next(&r, &key) || key.type != LZ_CBOR_UINT || !lz_cbr_next(&r, &val))
			break;
		if (key.u == T_SCHEMA) {
			int64_t schema = lz_cbr_int(&r, &val);
			if (schema > LZ_RECORD_SCHEMA)
				return lz_err_set(err, LZ_EIO,
						  _("a %s record was written by a newer version of lianzheng (record schema %lld); upgrade the program"),
						  lz_kind_label(kind), (long long)schema);
			continue;
		}
		bool known = false;
		switch (kind) {
		case LZ_KIND_PERSON: known = get_person(&r, key.u, &val, &rec->u.person); break;
		case LZ_KIND_ITEM: known = get_item(&r, key.u, &val, &rec->u.item); break;
		case LZ_KIND_MEETING: known = get_meeting(&r, key.u, &val, &rec->u.meeting); break;
		case LZ_KIND_RISK: known = get_risk(&r, key.u, &val, &rec->u.risk); break;
		default: break;
		}
		if (!known)
			lz_cbr_skip(&r, &val);
	}
	if (r.bad || r.p != r.end)
		return lz_err_set(err, LZ_EIO, _("damaged %s record"), lz_kind_label(kind));
	return LZ_OK;
}
