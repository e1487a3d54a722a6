#include "lz_log.h"

#include <nettle/sha2.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lz_cbor.h"
#include "lz_i18n.h"
#include "lz_text.h"

/* Body: a CBOR array [version, seq, time, user, uid, op, kind, id, before,
 * after, undo_of, prev] and, from version 2, txn and aux.  A new field goes at the
 * end with a new version; entries already written keep theirs, and their
 * hashes stay valid because a hash covers the stored bytes, never a
 * re-encoding. */
enum { LOG_VERSION = 2, LOG_FIELDS_V1 = 12, LOG_FIELDS = 14 };

static const char *const op_names[LZ_LOG_OP_COUNT] = {"add", "update", "remove", "plan",
						       "baseline"};

const char *lz_log_op_name(lz_log_op op)
{
	return op < LZ_LOG_OP_COUNT ? op_names[op] : "?";
}

const char *lz_log_op_label(lz_log_op op)
{
	switch (op) {
	case LZ_LOG_ADD: return _("added");
	case LZ_LOG_UPDATE: return _("changed");
	case LZ_LOG_REMOVE: return _("deleted");
	case LZ_LOG_PLAN: return _("plan imported");
	case LZ_LOG_BASELINE: return _("found at upgrade");
	default: return "?";
	}
}

void lz_sha256(const void *data, size_t len, unsigned char out[LZ_LOG_HASH])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, LZ_LOG_HASH, out);
}

void lz_hash_hex(const unsigned char hash[LZ_LOG_HASH], char out[LZ_LOG_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < LZ_LOG_HASH; i++) {
		out[2 * i] = hex[hash[i] >> 4];
		out[2 * i + 1] = hex[hash[i] & 15];
	}
	out[2 * LZ_LOG_HASH] = '\0';
}

/* The kind as an entry stores it.  The plan's code (4) was written when
 * it came after the four first kinds; kinds added since take codes of
 * their own from 10 on, so no entry already written changes its meaning.
 * A code, like a field's tag, is never renumbered or reused. */
enum { CODE_PLAN = 4 };
static const uint64_t kind_code[LZ_KIND_COUNT] = {
	[LZ_KIND_PERSON] = 0, [LZ_KIND_ITEM] = 1, [LZ_KIND_MEETING] = 2, [LZ_KIND_RISK] = 3,
	[LZ_KIND_NOTICE] = 10, [LZ_KIND_DISCLOSURE] = 11, [LZ_KIND_DISCIPLINE] = 12,
};

static uint64_t code_of(lz_kind k)
{
	return k < LZ_KIND_COUNT ? kind_code[k] : CODE_PLAN;
}

/* The kind a stored code names; false for none. */
static bool kind_of_code(uint64_t code, lz_kind *k)
{
	if (code == CODE_PLAN) {
		*k = (lz_kind)LZ_LOG_KIND_PLAN;
		return true;
	}
	for (int i = 0; i < LZ_KIND_COUNT; i++)
		if (kind_code[i] == code) {
			*k = (lz_kind)i;
			return true;
		}
	return false;
}

void lz_log_encode(lz_log_entry *e, unsigned char **buf, size_t *len)
{
	lz_cbor_writer w = {0};
	lz_cbw_array(&w, LOG_FIELDS);
	lz_cbw_uint(&w, LOG_VERSION);
	lz_cbw_uint(&w, e->seq);
	lz_cbw_int(&w, e->time);
	lz_cbw_text(&w, e->user);
	lz_cbw_uint(&w, e->uid);
	lz_cbw_uint(&w, (uint64_t)e->op);
	lz_cbw_uint(&w, code_of(e->kind));
	lz_cbw_uint(&w, e->id);
	lz_cbw_bytes(&w, e->before, e->n_before);
	lz_cbw_bytes(&w, e->after, e->n_after);
	lz_cbw_uint(&w, e->undo_of);
	lz_cbw_bytes(&w, e->prev, LZ_LOG_HASH);
	lz_cbw_uint(&w, e->txn ? e->txn : e->seq);
	lz_cbw_bytes(&w, e->n_aux ? (const void *)e->aux : "", e->n_aux);
	size_t body = w.len;
	lz_sha256(w.buf, body, e->hash);
	/* The hash follows the body raw: a reader finds it at a fixed offset
	 * from the end, and it covers exactly the bytes stored before it. */
	unsigned char *grown = realloc(w.buf, body + LZ_LOG_HASH);
	if (!grown)
		abort();
	w.buf = grown;
	memcpy(w.buf + body, e->hash, LZ_LOG_HASH);
	w.len = body + LZ_LOG_HASH;
	*buf = w.buf;
	*len = w.len;
}

static bool next_bytes(lz_cbor_reader *r, const unsigned char **p, size_t *n)
{
	lz_cbor_item it;
	if (!lz_cbr_next(r, &it) || it.type != LZ_CBOR_BYTES) {
		r->bad = true;
		return false;
	}
	*p = it.s;
	*n = it.n;
	return true;
}

static uint64_t next_uint(lz_cbor_reader *r)
{
	lz_cbor_item it;
	if (!lz_cbr_next(r, &it) || it.type != LZ_CBOR_UINT) {
		r->bad = true;
		return 0;
	}
	return it.u;
}

lz_log_damage lz_log_decode(const void *buf, size_t len, lz_arena *arena, lz_log_entry *e)
{
	memset(e, 0, sizeof *e);
	if (len <= LZ_LOG_HASH)
		return LZ_LOG_UNREADABLE;
	const unsigned char *p = buf;
	size_t body = len - LZ_LOG_HASH;
	lz_cbor_reader r = {.p = p, .end = p + body, .arena = arena};
	lz_cbor_item head;
	if (!lz_cbr_next(&r, &head) || head.type != LZ_CBOR_ARRAY)
		return LZ_LOG_UNREADABLE;
	uint64_t version = next_uint(&r);
	if (r.bad || !((version == 1 && head.n == LOG_FIELDS_V1) ||
		       (version == LOG_VERSION && head.n == LOG_FIELDS)))
		return LZ_LOG_UNREADABLE;
	e->seq = next_uint(&r);
	e->time = lz_cbr_next_int(&r);
	e->user = lz_cbr_next_text(&r);
	uint64_t uid = next_uint(&r);
	uint64_t op = next_uint(&r);
	uint64_t kind = next_uint(&r);
	e->id = next_uint(&r);
	next_bytes(&r, &e->before, &e->n_before);
	next_bytes(&r, &e->after, &e->n_after);
	e->undo_of = next_uint(&r);
	const unsigned char *prev = NULL;
	size_t n_prev = 0;
	next_bytes(&r, &prev, &n_prev);
	/* Before version 2 each entry was a transaction of its own as far as
	 * anyone can tell now. */
	e->txn = version >= 2 ? next_uint(&r) : e->seq;
	if (version >= 2)
		next_bytes(&r, &e->aux, &e->n_aux);
	if (r.bad || e->txn == 0 || e->txn > e->seq || r.p != r.end || op >= LZ_LOG_OP_COUNT ||
	    !kind_of_code(kind, &e->kind) || uid > UINT32_MAX || n_prev != LZ_LOG_HASH)
		return LZ_LOG_UNREADABLE;
	e->uid = (uint32_t)uid;
	e->op = (lz_log_op)op;
	memcpy(e->prev, prev, LZ_LOG_HASH);
	memcpy(e->hash, p + body, LZ_LOG_HASH);
	unsigned char check[LZ_LOG_HASH];
	lz_sha256(p, body, check);
	return memcmp(check, e->hash, LZ_LOG_HASH) == 0 ? LZ_LOG_INTACT : LZ_LOG_BAD_HASH;
}

/* A user name goes into every entry and is shown by log and history: it
 * is held to the rules of any one-line text.  $USER in particular is
 * whatever the environment says. */
static bool name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64 || !lz_utf8_valid(name, n, NULL))
		return false;
	bool visible = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = lz_utf8_decode(name + i, n - i, &cp);
		if (len == 0 || lz_cp_is_control(cp) || cp == 0x2028 || cp == 0x2029)
			return false;
		if (cp != ' ' && cp != 0x3000)
			visible = true;
		i += len;
	}
	return visible;
}

const char *lz_log_actor(uint32_t *uid)
{
	static char name[128];
	static uint32_t cached_uid;
	static bool known;
	if (known) {
		*uid = cached_uid;
		return name;
	}
	uid_t me = getuid();
	cached_uid = (uint32_t)me;
	name[0] = '\0';
	/* The password file is read directly: a static program cannot use
	 * the name service switch, and the office PC's users are local. */
	FILE *f = fopen("/etc/passwd", "re");
	if (f) {
		struct passwd *pw;
		while ((pw = fgetpwent(f)) != NULL)
			if (pw->pw_uid == me && pw->pw_name && name_ok(pw->pw_name)) {
				snprintf(name, sizeof name, "%s", pw->pw_name);
				break;
			}
		fclose(f);
	}
	/* A name only the environment gives is recorded with the uid that
	 * really ran the program. */
	const char *env = getenv("USER");
	if (!name[0] && env && name_ok(env))
		snprintf(name, sizeof name, "%s (uid %u)", env, (unsigned)me);
	if (!name[0])
		snprintf(name, sizeof name, "uid %u", (unsigned)me);
	known = true;
	*uid = cached_uid;
	return name;
}
