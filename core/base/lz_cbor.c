#include "lz_cbor.h"

#include <stdlib.h>
#include <string.h>

/* CBOR item heads are coded here rather than through libcbor: they are all
 * the store needs of CBOR, a few lines each, and without a shared library
 * to load every command starts measurably faster and can be linked
 * statically. */

enum { MAJOR_UINT, MAJOR_NEGINT, MAJOR_BYTES, MAJOR_TEXT, MAJOR_ARRAY, MAJOR_MAP,
       MAJOR_TAG, MAJOR_SIMPLE };
enum { AI_FALSE = 20, AI_TRUE = 21, AI_1BYTE = 24, AI_INDEFINITE = 31 };

/* ---- writer ---- */
/* Every item head fits in 9 bytes. */
static unsigned char *room(lz_cbor_writer *w, size_t n)
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

/* The shortest head for the value, as RFC 8949 section 4.2.1 asks. */
static void head(lz_cbor_writer *w, unsigned major, uint64_t v)
{
	unsigned char *p = room(w, 9);
	unsigned char m = (unsigned char)(major << 5);
	int bytes;
	if (v < AI_1BYTE) {
		p[0] = (unsigned char)(m | v);
		w->len += 1;
		return;
	}
	if (v <= UINT8_MAX)
		bytes = 1;
	else if (v <= UINT16_MAX)
		bytes = 2;
	else if (v <= UINT32_MAX)
		bytes = 4;
	else
		bytes = 8;
	p[0] = (unsigned char)(m | (AI_1BYTE + (bytes == 1 ? 0 : bytes == 2 ? 1 : bytes == 4 ? 2 : 3)));
	for (int i = 0; i < bytes; i++)
		p[1 + i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
	w->len += 1 + (size_t)bytes;
}

void lz_cbw_uint(lz_cbor_writer *w, uint64_t v)
{
	head(w, MAJOR_UINT, v);
}

void lz_cbw_int(lz_cbor_writer *w, int64_t v)
{
	if (v >= 0)
		head(w, MAJOR_UINT, (uint64_t)v);
	else
		head(w, MAJOR_NEGINT, (uint64_t)(-(v + 1)));
}

void lz_cbw_text(lz_cbor_writer *w, const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	head(w, MAJOR_TEXT, n);
	memcpy(room(w, n), s, n);
	w->len += n;
}

void lz_cbw_bytes(lz_cbor_writer *w, const void *p, size_t n)
{
	head(w, MAJOR_BYTES, n);
	if (n)
		memcpy(room(w, n), p, n);
	w->len += n;
}

void lz_cbw_array(lz_cbor_writer *w, size_t n)
{
	head(w, MAJOR_ARRAY, n);
}

void lz_cbw_map(lz_cbor_writer *w, size_t n)
{
	head(w, MAJOR_MAP, n);
}

void lz_cbw_bool(lz_cbor_writer *w, bool b)
{
	head(w, MAJOR_SIMPLE, b ? AI_TRUE : AI_FALSE);
}

/* ---- reader ---- */

/* Reads one head; strings are taken whole.  Indefinite lengths, tags and
 * reserved values are refused: our writers never produce them. */
bool lz_cbr_next(lz_cbor_reader *r, lz_cbor_item *it)
{
	if (r->bad || r->p >= r->end) {
		r->bad = true;
		return false;
	}
	*it = (lz_cbor_item){.type = LZ_CBOR_OTHER};
	const unsigned char *p = r->p;
	size_t avail = (size_t)(r->end - p);
	unsigned major = p[0] >> 5, ai = p[0] & 31u;
	size_t used = 1;
	uint64_t v = ai;
	if (ai >= AI_1BYTE) {
		if (ai > AI_1BYTE + 3) {
			r->bad = true;  /* reserved, or an indefinite length */
			return false;
		}
		size_t bytes = (size_t)1 << (ai - AI_1BYTE);
		if (avail < 1 + bytes) {
			r->bad = true;
			return false;
		}
		v = 0;
		for (size_t i = 0; i < bytes; i++)
			v = v << 8 | p[1 + i];
		used += bytes;
	}
	switch (major) {
	case MAJOR_UINT: it->type = LZ_CBOR_UINT; it->u = v; break;
	case MAJOR_NEGINT: it->type = LZ_CBOR_NEGINT; it->u = v; break;
	case MAJOR_BYTES:
	case MAJOR_TEXT:
		if (v > avail - used) {
			r->bad = true;
			return false;
		}
		it->type = major == MAJOR_TEXT ? LZ_CBOR_TEXT : LZ_CBOR_BYTES;
		it->s = p + used;
		it->n = (size_t)v;
		used += (size_t)v;
		break;
	case MAJOR_ARRAY: it->type = LZ_CBOR_ARRAY; it->n = (size_t)v; break;
	case MAJOR_MAP: it->type = LZ_CBOR_MAP; it->n = (size_t)v; break;
	case MAJOR_TAG:
		r->bad = true;
		return false;
	default:
		if (ai == AI_FALSE || ai == AI_TRUE) {
			it->type = LZ_CBOR_BOOL;
			it->u = ai == AI_TRUE;
		}
		break;
	}
	r->p += used;
	return true;
}

static void skip_depth(lz_cbor_reader *r, const lz_cbor_item *it, int depth)
{
	if (depth > 8) {
		r->bad = true;
		return;
	}
	size_t n = it->type == LZ_CBOR_ARRAY ? it->n : it->type == LZ_CBOR_MAP ? 2 * it->n : 0;
	for (size_t i = 0; i < n && !r->bad; i++) {
		lz_cbor_item sub;
		if (lz_cbr_next(r, &sub))
			skip_depth(r, &sub, depth + 1);
	}
}

void lz_cbr_skip(lz_cbor_reader *r, const lz_cbor_item *it)
{
	skip_depth(r, it, 0);
}

int64_t lz_cbr_int(lz_cbor_reader *r, const lz_cbor_item *it)
{
	if (it->type == LZ_CBOR_UINT && it->u <= INT64_MAX)
		return (int64_t)it->u;
	if (it->type == LZ_CBOR_NEGINT && it->u < INT64_MAX)
		return -1 - (int64_t)it->u;
	r->bad = true;
	return 0;
}

int lz_cbr_int32(lz_cbor_reader *r, const lz_cbor_item *it)
{
	int64_t v = lz_cbr_int(r, it);
	if (v < INT32_MIN || v > INT32_MAX) {
		r->bad = true;
		return 0;
	}
	return (int)v;
}

const char *lz_cbr_text(lz_cbor_reader *r, const lz_cbor_item *it)
{
	if (it->type != LZ_CBOR_TEXT) {
		r->bad = true;
		return "";
	}
	return lz_arena_strndup(r->arena, (const char *)it->s, it->n);
}

const char *lz_cbr_next_text(lz_cbor_reader *r)
{
	lz_cbor_item it;
	return lz_cbr_next(r, &it) ? lz_cbr_text(r, &it) : "";
}

int64_t lz_cbr_next_int(lz_cbor_reader *r)
{
	lz_cbor_item it;
	return lz_cbr_next(r, &it) ? lz_cbr_int(r, &it) : 0;
}

size_t lz_cbr_array(lz_cbor_reader *r, const lz_cbor_item *it)
{
	if (it->type != LZ_CBOR_ARRAY || it->n > (size_t)(r->end - r->p)) {
		r->bad = true;
		return 0;
	}
	return it->n;
}

void lz_cbr_tuple(lz_cbor_reader *r, size_t n)
{
	lz_cbor_item it;
	if (!lz_cbr_next(r, &it) || it.type != LZ_CBOR_ARRAY || it.n != n)
		r->bad = true;
}
