#include "lz_cbor.h"

#include <cbor.h>
#include <stdlib.h>
#include <string.h>

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

void lz_cbw_uint(lz_cbor_writer *w, uint64_t v)
{
	w->len += cbor_encode_uint(v, room(w, 9), 9);
}

void lz_cbw_int(lz_cbor_writer *w, int64_t v)
{
	if (v >= 0)
		lz_cbw_uint(w, (uint64_t)v);
	else
		w->len += cbor_encode_negint((uint64_t)(-(v + 1)), room(w, 9), 9);
}

void lz_cbw_text(lz_cbor_writer *w, const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	w->len += cbor_encode_string_start(n, room(w, 9), 9);
	memcpy(room(w, n), s, n);
	w->len += n;
}

void lz_cbw_array(lz_cbor_writer *w, size_t n)
{
	w->len += cbor_encode_array_start(n, room(w, 9), 9);
}

void lz_cbw_map(lz_cbor_writer *w, size_t n)
{
	w->len += cbor_encode_map_start(n, room(w, 9), 9);
}

void lz_cbw_bool(lz_cbor_writer *w, bool b)
{
	w->len += cbor_encode_bool(b, room(w, 1), 1);
}

/* ---- reader ---- */

#define SET(c, ...) (*(lz_cbor_item *)(c) = (lz_cbor_item){__VA_ARGS__})

static void cb_u8(void *c, uint8_t v) { SET(c, .type = LZ_CBOR_UINT, .u = v); }
static void cb_u16(void *c, uint16_t v) { SET(c, .type = LZ_CBOR_UINT, .u = v); }
static void cb_u32(void *c, uint32_t v) { SET(c, .type = LZ_CBOR_UINT, .u = v); }
static void cb_u64(void *c, uint64_t v) { SET(c, .type = LZ_CBOR_UINT, .u = v); }
static void cb_n8(void *c, uint8_t v) { SET(c, .type = LZ_CBOR_NEGINT, .u = v); }
static void cb_n16(void *c, uint16_t v) { SET(c, .type = LZ_CBOR_NEGINT, .u = v); }
static void cb_n32(void *c, uint32_t v) { SET(c, .type = LZ_CBOR_NEGINT, .u = v); }
static void cb_n64(void *c, uint64_t v) { SET(c, .type = LZ_CBOR_NEGINT, .u = v); }
static void cb_text(void *c, cbor_data s, size_t n) { SET(c, .type = LZ_CBOR_TEXT, .s = s, .n = n); }
static void cb_bytes(void *c, cbor_data s, size_t n) { SET(c, .type = LZ_CBOR_OTHER, .s = s, .n = n); }
static void cb_array(void *c, size_t n) { SET(c, .type = LZ_CBOR_ARRAY, .n = n); }
static void cb_map(void *c, size_t n) { SET(c, .type = LZ_CBOR_MAP, .n = n); }
static void cb_bool(void *c, bool b) { SET(c, .type = LZ_CBOR_BOOL, .u = b); }
static void cb_refused(void *c) { SET(c, .type = LZ_CBOR_OTHER, .refused = true); }
static void cb_other(void *c) { SET(c, .type = LZ_CBOR_OTHER); }
static void cb_tag(void *c, uint64_t v) { (void)v; cb_refused(c); }
static void cb_f(void *c, float v) { (void)v; cb_other(c); }
static void cb_d(void *c, double v) { (void)v; cb_other(c); }

static const struct cbor_callbacks callbacks = {
	.uint8 = cb_u8, .uint16 = cb_u16, .uint32 = cb_u32, .uint64 = cb_u64,
	.negint8 = cb_n8, .negint16 = cb_n16, .negint32 = cb_n32, .negint64 = cb_n64,
	.byte_string_start = cb_refused, .byte_string = cb_bytes,
	.string = cb_text, .string_start = cb_refused,
	.indef_array_start = cb_refused, .array_start = cb_array,
	.indef_map_start = cb_refused, .map_start = cb_map,
	.tag = cb_tag, .float2 = cb_f, .float4 = cb_f, .float8 = cb_d,
	.undefined = cb_other, .null = cb_other, .boolean = cb_bool,
	.indef_break = cb_refused,
};

bool lz_cbr_next(lz_cbor_reader *r, lz_cbor_item *it)
{
	if (r->bad || r->p >= r->end) {
		r->bad = true;
		return false;
	}
	*it = (lz_cbor_item){.type = LZ_CBOR_OTHER, .refused = true};
	struct cbor_decoder_result res =
		cbor_stream_decode(r->p, (size_t)(r->end - r->p), &callbacks, it);
	if (res.status != CBOR_DECODER_FINISHED || it->refused) {
		r->bad = true;
		return false;
	}
	r->p += res.read;
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
