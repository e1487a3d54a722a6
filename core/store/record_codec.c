#include "record_codec.h"

#include <stdlib.h>
#include <string.h>

#include "lz_cbor.h"
#include "lz_fields.h"
#include "lz_i18n.h"

/* Tags 0 to 9 are the schema and the meta (9: every kind's evidence,
 * described in the field tables); each kind's fields take theirs
 * from its field table (lz_fields.c).  Never renumber or reuse one. */
enum {
	T_SCHEMA = 0,
	T_ID = 1, T_YEAR = 2, T_CREATED = 3, T_UPDATED = 4, T_VERSION = 5,
};

#define AT(type, r, f) ((type *)((char *)&(r)->u + (f)->offset))
#define COUNT(r, f) (*(size_t *)((char *)&(r)->u + (f)->count_offset))

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

static const char *nz(const char *s)
{
	return s ? s : "";
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

/* One field's value; numbers that always have a meaning (a task, a
 * scale, a meeting's status) are written even when zero. */
static void put_field(fields *f, const lz_fielddef *d, const lz_record *r)
{
	bool always = d->type == LZ_FT_TASK || d->type == LZ_FT_SCALE || d->type == LZ_FT_MSTATUS;
	if (!always && lz_field_empty(d, r))
		return;
	if (!field(f, d->tag))
		return;
	lz_cbor_writer *w = f->w;
	switch (d->type) {
	case LZ_FT_LINE:
	case LZ_FT_TEXT:
	case LZ_FT_PERSON:
	case LZ_FT_VOCAB: lz_cbw_text(w, *AT(const char *, r, d)); break;
	case LZ_FT_DATE: lz_cbw_int(w, *AT(lz_day, r, d)); break;
	case LZ_FT_TIME:
	case LZ_FT_COUNT:
	case LZ_FT_SCALE:
	case LZ_FT_TASK: lz_cbw_int(w, *AT(int, r, d)); break;
	case LZ_FT_MSTATUS: lz_cbw_int(w, *AT(lz_meeting_status, r, d)); break;
	case LZ_FT_STAMP: lz_cbw_int(w, *AT(int64_t, r, d)); break;
	case LZ_FT_MEETING: lz_cbw_int(w, (int64_t)*AT(lz_id, r, d)); break;
	case LZ_FT_FLAG: lz_cbw_bool(w, true); break;
	case LZ_FT_LINES:
	case LZ_FT_ROLES: {
		const lz_strv *v = AT(lz_strv, r, d);
		lz_cbw_array(w, v->n);
		for (size_t i = 0; i < v->n; i++)
			lz_cbw_text(w, nz(v->v[i]));
		break;
	}
	case LZ_FT_TASKS: {
		const int *v = *AT(const int *, r, d);
		lz_cbw_array(w, COUNT(r, d));
		for (size_t i = 0; i < COUNT(r, d); i++)
			lz_cbw_int(w, v[i]);
		break;
	}
	case LZ_FT_ABSENCES: {
		const lz_absence *v = *AT(const lz_absence *, r, d);
		lz_cbw_array(w, COUNT(r, d));
		for (size_t i = 0; i < COUNT(r, d); i++) {
			lz_cbw_array(w, 2);
			lz_cbw_text(w, nz(v[i].name));
			lz_cbw_text(w, nz(v[i].reason));
		}
		break;
	}
	case LZ_FT_NOTES: {
		const lz_note *v = *AT(const lz_note *, r, d);
		lz_cbw_array(w, COUNT(r, d));
		for (size_t i = 0; i < COUNT(r, d); i++) {
			lz_cbw_array(w, 2);
			lz_cbw_int(w, v[i].date);
			lz_cbw_text(w, nz(v[i].text));
		}
		break;
	}
	case LZ_FT_EVIDENCE: {
		const lz_evidence *v = *AT(const lz_evidence *, r, d);
		lz_cbw_array(w, COUNT(r, d));
		for (size_t i = 0; i < COUNT(r, d); i++) {
			lz_cbw_array(w, 4);
			lz_cbw_text(w, nz(v[i].sha256));
			lz_cbw_text(w, nz(v[i].name));
			lz_cbw_int(w, v[i].size);
			lz_cbw_text(w, nz(v[i].type));
		}
		break;
	}
	case LZ_FT_REVIEWS: {
		const lz_review *v = *AT(const lz_review *, r, d);
		lz_cbw_array(w, COUNT(r, d));
		for (size_t i = 0; i < COUNT(r, d); i++) {
			lz_cbw_array(w, 3);
			lz_cbw_int(w, v[i].date);
			lz_cbw_text(w, nz(v[i].result));
			lz_cbw_int(w, v[i].next);
		}
		break;
	}
	}
}

/* In tag order, as every version has written them; the tables' tags
 * start after the meta's (the evidence's, 9, is the first). */
static void put_record(fields *f, const lz_record *r)
{
	const lz_fieldtab *t = lz_fields_of(r->kind);
	if (!t)
		abort();
	put_meta(f, &r->u.meta);
	for (unsigned tag = T_VERSION + 1, done = 0; done < t->n; tag++)
		for (size_t i = 0; i < t->n; i++)
			if (t->v[i].tag == tag) {
				put_field(f, &t->v[i], r);
				done++;
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

/* An array of n entries of elem bytes each, one spare so an empty one
 * is not NULL. */
static void *entries(lz_cbor_reader *r, const lz_cbor_item *it, size_t elem, size_t *n)
{
	*n = lz_cbr_array(r, it);
	return lz_arena_alloc(r->arena, (*n + 1) * elem);
}

static void get_field(lz_cbor_reader *r, const lz_cbor_item *it, const lz_fielddef *d,
		      lz_record *rec)
{
	switch (d->type) {
	case LZ_FT_LINE:
	case LZ_FT_TEXT:
	case LZ_FT_PERSON:
	case LZ_FT_VOCAB: *AT(const char *, rec, d) = lz_cbr_text(r, it); break;
	case LZ_FT_DATE: *AT(lz_day, rec, d) = lz_cbr_int32(r, it); break;
	case LZ_FT_TIME:
	case LZ_FT_COUNT:
	case LZ_FT_SCALE:
	case LZ_FT_TASK: *AT(int, rec, d) = lz_cbr_int32(r, it); break;
	case LZ_FT_MSTATUS: {
		int s = lz_cbr_int32(r, it);
		if (s < LZ_MEETING_PLANNED || s > LZ_MEETING_CANCELLED)
			r->bad = true;
		*AT(lz_meeting_status, rec, d) = (lz_meeting_status)s;
		break;
	}
	case LZ_FT_STAMP: *AT(int64_t, rec, d) = lz_cbr_int(r, it); break;
	case LZ_FT_MEETING: *AT(lz_id, rec, d) = (lz_id)lz_cbr_int(r, it); break;
	case LZ_FT_FLAG: *AT(bool, rec, d) = it->type == LZ_CBOR_BOOL && it->u; break;
	case LZ_FT_LINES:
	case LZ_FT_ROLES: {
		lz_strv *v = AT(lz_strv, rec, d);
		const char **arr = entries(r, it, sizeof *arr, &v->n);
		for (size_t i = 0; i < v->n && !r->bad; i++)
			arr[i] = lz_cbr_next_text(r);
		v->v = v->n ? arr : NULL;
		break;
	}
	case LZ_FT_TASKS: {
		int *v = entries(r, it, sizeof *v, &COUNT(rec, d));
		for (size_t i = 0; i < COUNT(rec, d) && !r->bad; i++)
			v[i] = (int)lz_cbr_next_int(r);
		*AT(int *, rec, d) = v;
		break;
	}
	case LZ_FT_ABSENCES: {
		lz_absence *v = entries(r, it, sizeof *v, &COUNT(rec, d));
		for (size_t i = 0; i < COUNT(rec, d) && !r->bad; i++) {
			lz_cbr_tuple(r, 2);
			v[i].name = lz_cbr_next_text(r);
			v[i].reason = lz_cbr_next_text(r);
		}
		*AT(lz_absence *, rec, d) = v;
		break;
	}
	case LZ_FT_NOTES: {
		lz_note *v = entries(r, it, sizeof *v, &COUNT(rec, d));
		for (size_t i = 0; i < COUNT(rec, d) && !r->bad; i++) {
			lz_cbr_tuple(r, 2);
			v[i].date = (lz_day)lz_cbr_next_int(r);
			v[i].text = lz_cbr_next_text(r);
		}
		*AT(lz_note *, rec, d) = v;
		break;
	}
	case LZ_FT_EVIDENCE: {
		lz_evidence *v = entries(r, it, sizeof *v, &COUNT(rec, d));
		for (size_t i = 0; i < COUNT(rec, d) && !r->bad; i++) {
			lz_cbr_tuple(r, 4);
			v[i].sha256 = lz_cbr_next_text(r);
			v[i].name = lz_cbr_next_text(r);
			v[i].size = lz_cbr_next_int(r);
			v[i].type = lz_cbr_next_text(r);
		}
		*AT(lz_evidence *, rec, d) = v;
		break;
	}
	case LZ_FT_REVIEWS: {
		lz_review *v = entries(r, it, sizeof *v, &COUNT(rec, d));
		for (size_t i = 0; i < COUNT(rec, d) && !r->bad; i++) {
			lz_cbr_tuple(r, 3);
			v[i].date = (lz_day)lz_cbr_next_int(r);
			v[i].result = lz_cbr_next_text(r);
			v[i].next = (lz_day)lz_cbr_next_int(r);
		}
		*AT(lz_review *, rec, d) = v;
		break;
	}
	}
}

lz_rc lz_record_decode(lz_kind kind, const void *buf, size_t len,
		       lz_arena *arena, lz_record *rec, lz_err *err)
{
	lz_record_init(kind, rec);
	const lz_fieldtab *t = lz_fields_of(kind);
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
		const lz_fielddef *d = NULL;
		for (size_t f = 0; t && f < t->n && !d; f++)
			if (t->v[f].tag == key.u)
				d = &t->v[f];
		if (d)
			get_field(&r, &val, d, rec);
		else if (!get_meta(&r, key.u, &val, &rec->u.meta))
			lz_cbr_skip(&r, &val);
	}
	if (r.bad || r.p != r.end)
		return lz_err_set(err, LZ_EIO, _("damaged %s record"), lz_kind_label(kind));
	return LZ_OK;
}
