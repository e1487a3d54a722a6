#include "record_codec.h"

#include <cbor.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- writer ---- */

typedef struct writer {
	unsigned char *buf;
	size_t len, cap;
} writer;

static unsigned char *room(writer *w, size_t n)
{
	if (w->cap - w->len < n) {
		size_t cap = w->cap ? w->cap : 256;
		while (cap - w->len < n)
			cap *= 2;
		unsigned char *buf = realloc(w->buf, cap);
		if (!buf)
			abort();
		w->buf = buf;
		w->cap = cap;
	}
	return w->buf + w->len;
}

static void w_uint(writer *w, uint64_t v)
{
	w->len += cbor_encode_uint(v, room(w, 9), 9);
}

static void w_int(writer *w, int64_t v)
{
	if (v >= 0)
		w_uint(w, (uint64_t)v);
	else
		w->len += cbor_encode_negint((uint64_t)(-(v + 1)), room(w, 9), 9);
}

static void w_text(writer *w, const char *s)
{
	size_t n = strlen(s);
	w->len += cbor_encode_string_start(n, room(w, 9), 9);
	memcpy(room(w, n), s, n);
	w->len += n;
}

static void w_array(writer *w, size_t n)
{
	w->len += cbor_encode_array_start(n, room(w, 9), 9);
}

static void w_bool(writer *w, bool b)
{
	w->len += cbor_encode_bool(b, room(w, 1), 1);
}

/* Fields are written only when set, so the map's size is counted first by
 * a dry pass over the same calls. */
typedef struct fields {
	writer *w;  /* NULL while counting */
	size_t count;
} fields;

static bool field(fields *f, uint64_t tag)
{
	f->count++;
	if (f->w)
		w_uint(f->w, tag);
	return f->w != NULL;
}

static void f_int(fields *f, uint64_t tag, int64_t v)
{
	if (field(f, tag))
		w_int(f->w, v);
}

static void f_text(fields *f, uint64_t tag, const char *s)
{
	if (s && *s && field(f, tag))
		w_text(f->w, s);
}

static void f_day(fields *f, uint64_t tag, lz_day d)
{
	if (d != LZ_NO_DAY)
		f_int(f, tag, d);
}

static void f_strv(fields *f, uint64_t tag, lz_strv v)
{
	if (v.n && field(f, tag)) {
		w_array(f->w, v.n);
		for (size_t i = 0; i < v.n; i++)
			w_text(f->w, v.v[i] ? v.v[i] : "");
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
		w_array(f->w, it->n_log);
		for (size_t i = 0; i < it->n_log; i++) {
			w_array(f->w, 2);
			w_int(f->w, it->log[i].date);
			w_text(f->w, it->log[i].text ? it->log[i].text : "");
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
		w_array(f->w, m->n_absent);
		for (size_t i = 0; i < m->n_absent; i++) {
			w_array(f->w, 2);
			w_text(f->w, m->absent[i].name ? m->absent[i].name : "");
			w_text(f->w, m->absent[i].reason ? m->absent[i].reason : "");
		}
	}
	f_strv(f, M_NONVOTING, m->nonvoting);
	f_strv(f, M_TOPICS, m->topics);
	f_text(f, M_FIRST_TOPIC, m->first_topic);
	f_strv(f, M_DECISIONS, m->decisions);
	f_text(f, M_SUMMARY, m->summary);
	if (m->n_tasks && field(f, M_TASKS)) {
		w_array(f->w, m->n_tasks);
		for (size_t i = 0; i < m->n_tasks; i++)
			w_int(f->w, m->tasks[i]);
	}
	f_int(f, M_STATUS, m->status);
	if (m->held_entered)
		f_int(f, M_HELD_ENTERED, m->held_entered);
	if (m->imported && field(f, M_IMPORTED))
		w_bool(f->w, true);
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
		w_array(f->w, r->n_log);
		for (size_t i = 0; i < r->n_log; i++) {
			w_array(f->w, 3);
			w_int(f->w, r->log[i].date);
			w_text(f->w, r->log[i].result ? r->log[i].result : "");
			w_int(f->w, r->log[i].next);
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
	writer w = {0};
	w.len += cbor_encode_map_start(count.count, room(&w, 9), 9);
	fields out = {.w = &w};
	put_record(&out, r);
	*buf = w.buf;
	*len = w.len;
}

/* ---- reader ---- */

typedef enum item_type {
	IT_UINT, IT_NEGINT, IT_TEXT, IT_ARRAY, IT_MAP, IT_BOOL, IT_OTHER,
} item_type;

typedef struct item {
	item_type type;
	uint64_t u;       /* IT_UINT, IT_NEGINT (value -1-u), IT_BOOL */
	const unsigned char *s;  /* IT_TEXT */
	size_t n;         /* IT_TEXT length, IT_ARRAY/IT_MAP size */
	bool indefinite;  /* refused: never written by us */
} item;

typedef struct reader {
	const unsigned char *p, *end;
	lz_arena *arena;
	bool bad;
} reader;

static void cb_u8(void *c, uint8_t v) { *(item *)c = (item){.type = IT_UINT, .u = v}; }
static void cb_u16(void *c, uint16_t v) { *(item *)c = (item){.type = IT_UINT, .u = v}; }
static void cb_u32(void *c, uint32_t v) { *(item *)c = (item){.type = IT_UINT, .u = v}; }
static void cb_u64(void *c, uint64_t v) { *(item *)c = (item){.type = IT_UINT, .u = v}; }
static void cb_n8(void *c, uint8_t v) { *(item *)c = (item){.type = IT_NEGINT, .u = v}; }
static void cb_n16(void *c, uint16_t v) { *(item *)c = (item){.type = IT_NEGINT, .u = v}; }
static void cb_n32(void *c, uint32_t v) { *(item *)c = (item){.type = IT_NEGINT, .u = v}; }
static void cb_n64(void *c, uint64_t v) { *(item *)c = (item){.type = IT_NEGINT, .u = v}; }
static void cb_text(void *c, cbor_data s, size_t n) { *(item *)c = (item){.type = IT_TEXT, .s = s, .n = n}; }
static void cb_bytes(void *c, cbor_data s, size_t n) { *(item *)c = (item){.type = IT_OTHER, .s = s, .n = n}; }
static void cb_array(void *c, size_t n) { *(item *)c = (item){.type = IT_ARRAY, .n = n}; }
static void cb_map(void *c, size_t n) { *(item *)c = (item){.type = IT_MAP, .n = n}; }
static void cb_bool(void *c, bool b) { *(item *)c = (item){.type = IT_BOOL, .u = b}; }
static void cb_indef(void *c) { *(item *)c = (item){.type = IT_OTHER, .indefinite = true}; }
static void cb_simple(void *c) { *(item *)c = (item){.type = IT_OTHER}; }
static void cb_tag(void *c, uint64_t v) { (void)v; *(item *)c = (item){.type = IT_OTHER, .indefinite = true}; }
static void cb_f(void *c, float v) { (void)v; *(item *)c = (item){.type = IT_OTHER}; }
static void cb_d(void *c, double v) { (void)v; *(item *)c = (item){.type = IT_OTHER}; }

static const struct cbor_callbacks callbacks = {
	.uint8 = cb_u8, .uint16 = cb_u16, .uint32 = cb_u32, .uint64 = cb_u64,
	.negint8 = cb_n8, .negint16 = cb_n16, .negint32 = cb_n32, .negint64 = cb_n64,
	.byte_string_start = cb_indef, .byte_string = cb_bytes,
	.string = cb_text, .string_start = cb_indef,
	.indef_array_start = cb_indef, .array_start = cb_array,
	.indef_map_start = cb_indef, .map_start = cb_map,
	.tag = cb_tag, .float2 = cb_f, .float4 = cb_f, .float8 = cb_d,
	.undefined = cb_simple, .null = cb_simple, .boolean = cb_bool,
	.indef_break = cb_indef,
};

/* Reads the next item's head (a whole string, or a container's size). */
static bool next(reader *r, item *it)
{
	if (r->bad || r->p >= r->end) {
		r->bad = true;
		return false;
	}
	*it = (item){.type = IT_OTHER, .indefinite = true};
	struct cbor_decoder_result res =
		cbor_stream_decode(r->p, (size_t)(r->end - r->p), &callbacks, it);
	if (res.status != CBOR_DECODER_FINISHED || it->indefinite) {
		r->bad = true;
		return false;
	}
	r->p += res.read;
	return true;
}

/* Skips a value whose head was just read: what a newer schema added. */
static void skip_rest(reader *r, const item *it, int depth)
{
	if (depth > 8) {
		r->bad = true;
		return;
	}
	size_t n = it->type == IT_ARRAY ? it->n : it->type == IT_MAP ? 2 * it->n : 0;
	for (size_t i = 0; i < n && !r->bad; i++) {
		item sub;
		if (next(r, &sub))
			skip_rest(r, &sub, depth + 1);
	}
}

static int64_t as_int(reader *r, const item *it)
{
	if (it->type == IT_UINT && it->u <= INT64_MAX)
		return (int64_t)it->u;
	if (it->type == IT_NEGINT && it->u < INT64_MAX)
		return -1 - (int64_t)it->u;
	r->bad = true;
	return 0;
}

static int r_int(reader *r, const item *it)
{
	int64_t v = as_int(r, it);
	if (v < INT32_MIN || v > INT32_MAX) {
		r->bad = true;
		return 0;
	}
	return (int)v;
}

static const char *as_text(reader *r, const item *it)
{
	if (it->type != IT_TEXT) {
		r->bad = true;
		return "";
	}
	return lz_arena_strndup(r->arena, (const char *)it->s, it->n);
}

static const char *r_text(reader *r)
{
	item it;
	return next(r, &it) ? as_text(r, &it) : "";
}

static int64_t r_next_int(reader *r)
{
	item it;
	return next(r, &it) ? as_int(r, &it) : 0;
}

/* The size of an array whose head is it, bounded so a damaged size cannot
 * make us allocate wildly. */
static size_t array_size(reader *r, const item *it)
{
	if (it->type != IT_ARRAY || it->n > (size_t)(r->end - r->p)) {
		r->bad = true;
		return 0;
	}
	return it->n;
}

static void expect_tuple(reader *r, size_t n)
{
	item it;
	if (!next(r, &it) || it.type != IT_ARRAY || it.n != n)
		r->bad = true;
}

static lz_strv r_strv(reader *r, const item *it)
{
	lz_strv v = {0};
	size_t n = array_size(r, it);
	if (!n)
		return v;
	const char **arr = lz_arena_alloc(r->arena, n * sizeof *arr);
	for (size_t i = 0; i < n && !r->bad; i++)
		arr[i] = r_text(r);
	v.v = arr;
	v.n = n;
	return v;
}

static bool get_meta(reader *r, uint64_t tag, const item *it, lz_meta *m)
{
	switch (tag) {
	case T_ID: m->id = (lz_id)as_int(r, it); return true;
	case T_YEAR: m->year = r_int(r, it); return true;
	case T_CREATED: m->created = as_int(r, it); return true;
	case T_UPDATED: m->updated = as_int(r, it); return true;
	case T_VERSION: m->version = (uint32_t)as_int(r, it); return true;
	}
	return false;
}

static bool get_person(reader *r, uint64_t tag, const item *it, lz_person *p)
{
	switch (tag) {
	case P_NAME: p->name = as_text(r, it); return true;
	case P_POST: p->post = as_text(r, it); return true;
	case P_DEPT: p->dept = as_text(r, it); return true;
	case P_ROLES: p->roles = r_strv(r, it); return true;
	}
	return get_meta(r, tag, it, &p->meta);
}

static bool get_item(reader *r, uint64_t tag, const item *it, lz_item *x)
{
	switch (tag) {
	case I_TASK: x->task = r_int(r, it); return true;
	case I_TITLE: x->title = as_text(r, it); return true;
	case I_OWNER: x->owner = as_text(r, it); return true;
	case I_SOURCE: x->source = as_text(r, it); return true;
	case I_DUE: x->due = r_int(r, it); return true;
	case I_STATUS: x->status = as_text(r, it); return true;
	case I_LOG: {
		size_t n = array_size(r, it);
		x->log = lz_arena_alloc(r->arena, (n + 1) * sizeof *x->log);
		for (size_t i = 0; i < n && !r->bad; i++) {
			expect_tuple(r, 2);
			x->log[i].date = (lz_day)r_next_int(r);
			x->log[i].text = r_text(r);
		}
		x->n_log = n;
		return true;
	}
	}
	return get_meta(r, tag, it, &x->meta);
}

static bool get_meeting(reader *r, uint64_t tag, const item *it, lz_meeting *m)
{
	switch (tag) {
	case M_DATE: m->date = r_int(r, it); return true;
	case M_START: m->start = r_int(r, it); return true;
	case M_END: m->end = r_int(r, it); return true;
	case M_TYPE: m->type = as_text(r, it); return true;
	case M_TITLE: m->title = as_text(r, it); return true;
	case M_LOCATION: m->location = as_text(r, it); return true;
	case M_HOST: m->host = as_text(r, it); return true;
	case M_RECORDER: m->recorder = as_text(r, it); return true;
	case M_EXPECTED: m->expected = r_int(r, it); return true;
	case M_PRESENT: m->present = r_int(r, it); return true;
	case M_ATTENDEES: m->attendees = as_text(r, it); return true;
	case M_ABSENT: {
		size_t n = array_size(r, it);
		m->absent = lz_arena_alloc(r->arena, (n + 1) * sizeof *m->absent);
		for (size_t i = 0; i < n && !r->bad; i++) {
			expect_tuple(r, 2);
			m->absent[i].name = r_text(r);
			m->absent[i].reason = r_text(r);
		}
		m->n_absent = n;
		return true;
	}
	case M_NONVOTING: m->nonvoting = r_strv(r, it); return true;
	case M_TOPICS: m->topics = r_strv(r, it); return true;
	case M_FIRST_TOPIC: m->first_topic = as_text(r, it); return true;
	case M_DECISIONS: m->decisions = r_strv(r, it); return true;
	case M_SUMMARY: m->summary = as_text(r, it); return true;
	case M_TASKS: {
		size_t n = array_size(r, it);
		m->tasks = lz_arena_alloc(r->arena, (n + 1) * sizeof *m->tasks);
		for (size_t i = 0; i < n && !r->bad; i++)
			m->tasks[i] = (int)r_next_int(r);
		m->n_tasks = n;
		return true;
	}
	case M_STATUS: {
		int s = r_int(r, it);
		if (s < LZ_MEETING_PLANNED || s > LZ_MEETING_CANCELLED)
			r->bad = true;
		m->status = (lz_meeting_status)s;
		return true;
	}
	case M_HELD_ENTERED: m->held_entered = as_int(r, it); return true;
	case M_IMPORTED: m->imported = it->type == IT_BOOL && it->u; return true;
	}
	return get_meta(r, tag, it, &m->meta);
}

static bool get_risk(reader *r, uint64_t tag, const item *it, lz_risk *x)
{
	switch (tag) {
	case R_POST: x->post = as_text(r, it); return true;
	case R_LINK: x->link = as_text(r, it); return true;
	case R_DESC: x->desc = as_text(r, it); return true;
	case R_LEVEL: x->level = as_text(r, it); return true;
	case R_LIKELIHOOD: x->likelihood = r_int(r, it); return true;
	case R_IMPACT: x->impact = r_int(r, it); return true;
	case R_MEASURES: x->measures = as_text(r, it); return true;
	case R_OWNER: x->owner = as_text(r, it); return true;
	case R_REVIEW: x->review = r_int(r, it); return true;
	case R_STATUS: x->status = as_text(r, it); return true;
	case R_LOG: {
		size_t n = array_size(r, it);
		x->log = lz_arena_alloc(r->arena, (n + 1) * sizeof *x->log);
		for (size_t i = 0; i < n && !r->bad; i++) {
			expect_tuple(r, 3);
			x->log[i].date = (lz_day)r_next_int(r);
			x->log[i].result = r_text(r);
			x->log[i].next = (lz_day)r_next_int(r);
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
	reader r = {.p = buf, .end = (const unsigned char *)buf + len, .arena = arena};
	item head;
	if (!next(&r, &head) || head.type != IT_MAP)
		return lz_err_set(err, LZ_EIO, _("damaged %s record: not a map"),
				  lz_kind_name(kind));
	for (size_t i = 0; i < head.n && !r.bad; i++) {
		item key, val;
		if (!next(&r, &key) || key.type != IT_UINT || !next(&r, &val))
			break;
		if (key.u == T_SCHEMA) {
			int64_t schema = as_int(&r, &val);
			if (schema > LZ_RECORD_SCHEMA)
				return lz_err_set(err, LZ_EIO,
						  _("a %s record was written by a newer version of lianzheng (record schema %lld); upgrade the program"),
						  lz_kind_name(kind), (long long)schema);
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
			skip_rest(&r, &val, 0);
	}
	if (r.bad || r.p != r.end)
		return lz_err_set(err, LZ_EIO, _("damaged %s record"), lz_kind_name(kind));
	return LZ_OK;
}
