/* The indexes kept beside the records in every write transaction: one
 * entry per record in each index that applies to it, and the month roll
 * (brief_codec.h), whose changes wait in the transaction and are written
 * once per month at its end. */
#include "store_internal.h"

#include <stdlib.h>

#include "lz_i18n.h"

size_t store_index_entries(const lz_record *r, index_entry out[2])
{
	size_t n = 0;
	lz_id id = r->u.meta.id;
	switch (r->kind) {
	case LZ_KIND_MEETING:
		out[n] = (index_entry){IX_MEETING_DATE, meeting_key(&r->u.meeting), NULL, 0};
		brief_titled_encode(&r->u.meeting, LZ_BRIEF_TITLE, &out[n].value, &out[n].len);
		n++;
		break;
	case LZ_KIND_ITEM:
		out[n++] = (index_entry){IX_ITEM_TASK, index_key(r->u.item.task, id), NULL, 0};
		if (r->u.item.due != LZ_NO_DAY)
			out[n++] = (index_entry){IX_ITEM_DUE, index_key(r->u.item.due, id), NULL, 0};
		break;
	case LZ_KIND_RISK:
		if (r->u.risk.review != LZ_NO_DAY)
			out[n++] = (index_entry){IX_RISK_REVIEW, index_key(r->u.risk.review, id), NULL, 0};
		break;
	default:
		break;
	}
	return n;
}

void store_entries_free(index_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].value);
}

/* The brief's type is copied into the transaction's scratch, which lives
 * until the next store_flush_months: a batch's caller frees its record as
 * soon as the change is applied. */
static void roll_change(write_ctx *w, const lz_meeting *m, bool add)
{
	lz_store *s = w->s;
	int32_t month = brief_month_of(m->date);
	month_changes *mc = NULL;
	/* Bulk changes come month after month: the last one is tried first. */
	for (size_t i = s->n_roll; !mc && i-- > 0;)
		if (s->roll[i].month == month)
			mc = &s->roll[i];
	if (!mc) {
		if (s->n_roll == s->cap_roll) {
			s->cap_roll = s->cap_roll ? s->cap_roll * 2 : 4;
			s->roll = realloc(s->roll, s->cap_roll * sizeof *s->roll);
			if (!s->roll)
				abort();
			for (size_t i = s->n_roll; i < s->cap_roll; i++)
				s->roll[i] = (month_changes){0};
		}
		/* A slot of an earlier transaction keeps its memory. */
		mc = &s->roll[s->n_roll++];
		mc->month = month;
		mc->n = 0;
	}
	if (mc->n == mc->cap) {
		mc->cap = mc->cap ? mc->cap * 2 : 16;
		mc->v = realloc(mc->v, mc->cap * sizeof *mc->v);
		if (!mc->v)
			abort();
	}
	brief_change *c = &mc->v[mc->n++];
	lz_meeting_brief_of(m, &c->b);
	c->b.type = lz_arena_strdup(&w->scratch, c->b.type);
	c->add = add;
	s->pending++;
}

void store_months_clear(lz_store *s)
{
	s->n_roll = 0;
	s->pending = 0;
}

lz_rc store_damaged_month(lz_store *s, int32_t month, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("database %s is damaged: the meeting summary of %04d-%02d cannot be read; run 'lianzheng db check'"),
			  s->dir, (int)(month / 12), (int)(month % 12) + 1);
}

lz_rc store_flush_months(write_ctx *w, lz_err *err)
{
	lz_store *s = w->s;
	lz_rc r = LZ_OK;
	for (size_t i = 0; i < s->n_roll && r == LZ_OK && !w->mdb_rc; i++) {
		const month_changes *mc = &s->roll[i];
		key k = month_key(mc->month);
		MDB_val kv = val_of(&k), v = {0, NULL};
		int rc = mdb_get(w->txn, w->s->months, &kv, &v);
		if (rc != MDB_NOTFOUND && !ok(w, rc))
			break;
		const unsigned char *buf;
		size_t len, n;
		if (!brief_month_update(mc->month, v.mv_data, rc ? 0 : v.mv_size, mc->v, mc->n,
					&s->roll_work, &buf, &len, &n)) {
			r = store_damaged_month(s, mc->month, err);
			break;
		}
		MDB_val nv = {.mv_size = len, .mv_data = (void *)buf};
		if (n)
			ok(w, mdb_put(w->txn, s->months, &kv, &nv, 0));
		else if (rc == 0)
			ok(w, mdb_del(w->txn, s->months, &kv, NULL));
	}
	store_months_clear(s);
	return r;
}

void store_index_put(write_ctx *w, const lz_record *r)
{
	index_entry e[2];
	size_t n = store_index_entries(r, e);
	for (size_t i = 0; i < n; i++) {
		MDB_val k = val_of(&e[i].k);
		MDB_val v = {.mv_size = e[i].len, .mv_data = e[i].value};
		ok(w, mdb_put(w->txn, w->s->index[e[i].ix], &k, &v, 0));
	}
	store_entries_free(e, n);
	if (r->kind == LZ_KIND_MEETING)
		roll_change(w, &r->u.meeting, true);
}

void store_index_del(write_ctx *w, const lz_record *r)
{
	index_entry e[2];
	size_t n = store_index_entries(r, e);
	for (size_t i = 0; i < n; i++) {
		MDB_val k = val_of(&e[i].k);
		int rc = mdb_del(w->txn, w->s->index[e[i].ix], &k, NULL);
		ok(w, rc == MDB_NOTFOUND ? 0 : rc);
	}
	store_entries_free(e, n);
	if (r->kind == LZ_KIND_MEETING)
		roll_change(w, &r->u.meeting, false);
}
