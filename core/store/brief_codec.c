#include "brief_codec.h"

#include <stdlib.h>
#include <string.h>

#include "lz_text.h"

/* Layout of a brief, after what is specific to each index:
 *   u8 bits: status (2 bits), then the flags below
 *   varint zigzag(expected), varint zigzag(present)
 *   varint zigzag(held entry time - the date's first second, UTC): only
 *     with B_HELD; entries are made close to the meeting, so it is short.
 * Varints are LEB128: seven bits a byte, least significant first. */
enum {
	B_STATUS = 3, B_FIRST_TOPIC = 4, B_IMPORTED = 8, B_HELD = 16, B_TITLE_CUT = 32,
	B_BRIEF = B_STATUS | B_FIRST_TOPIC | B_IMPORTED | B_HELD,
};
enum { MONTH_VERSION = 1, TITLED_VERSION = 3 };
/* Most bytes a varint, and a brief's common part, take. */
enum { VARINT_MAX = 10, TAIL_MAX = 1 + 3 * VARINT_MAX };
/* Month roll entry: day, start, id, type offset, then the common part. */
enum { ENTRY_MAX = 1 + 3 * VARINT_MAX + TAIL_MAX };

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0);
}

static int64_t unzigzag(uint64_t u)
{
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

static unsigned char *put_varint(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

/* A reader's cursor with a sticky failure.  The readers take `checked`,
 * a constant where they are called: false where the caller knows that
 * enough bytes remain for the longest thing read.  A year of briefs is
 * read at a time, and bounds checks were much of the work. */
typedef struct cursor {
	const unsigned char *p, *end;
	bool bad;
} cursor;

#define INLINE static inline __attribute__((always_inline))

static uint64_t get_long_varint(cursor *c)
{
	const unsigned char *p = c->p;
	uint64_t v = 0;
	for (int shift = 0; shift < 7 * VARINT_MAX && p < c->end; shift += 7) {
		unsigned b = *p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (b < 0x80) {
			c->p = p;
			return v;
		}
	}
	c->bad = true;
	return 0;
}

/* Most numbers in a brief take one or two bytes. */
INLINE uint64_t get_varint(cursor *c, bool checked)
{
	const unsigned char *p = c->p;
	if (!checked || c->end - p >= 2) {
		if (p[0] < 0x80) {
			c->p = p + 1;
			return p[0];
		}
		if (p[1] < 0x80) {
			c->p = p + 2;
			return (uint64_t)(p[0] & 0x7f) | (uint64_t)p[1] << 7;
		}
	}
	return get_long_varint(c);
}

INLINE int get_int(cursor *c, bool checked)
{
	int64_t v = unzigzag(get_varint(c, checked));
	if (v < INT32_MIN || v > INT32_MAX) {
		c->bad = true;
		return 0;
	}
	return (int)v;
}

INLINE unsigned get_byte(cursor *c, bool checked)
{
	if (checked && c->p >= c->end) {
		c->bad = true;
		return 0;
	}
	return *c->p++;
}

/* The held entry time is kept relative to the meeting's date; unsigned
 * arithmetic makes the round trip exact for any value. */
static uint64_t day_second(lz_day d)
{
	return (uint64_t)(int64_t)d * 86400u;
}

static unsigned char *put_tail(unsigned char *p, const lz_meeting_brief *b, unsigned extra)
{
	bool held = b->held_entered != 0;
	*p++ = (unsigned char)((unsigned)b->status | (b->has_first_topic ? B_FIRST_TOPIC : 0) |
			       (b->imported ? B_IMPORTED : 0) | (held ? B_HELD : 0) | extra);
	p = put_varint(p, zigzag(b->expected));
	p = put_varint(p, zigzag(b->present));
	if (held)
		p = put_varint(p, zigzag((int64_t)((uint64_t)b->held_entered - day_second(b->date))));
	return p;
}

/* Reads the common part; b->date must be known.  Returns the bits beyond
 * the brief's own. */
INLINE unsigned get_tail(cursor *c, lz_meeting_brief *b, bool checked)
{
	unsigned bits = get_byte(c, checked);
	if ((bits & B_STATUS) > LZ_MEETING_CANCELLED)
		c->bad = true;
	b->status = (lz_meeting_status)(bits & B_STATUS);
	b->has_first_topic = bits & B_FIRST_TOPIC;
	b->imported = (bits & B_IMPORTED) != 0;
	b->expected = get_int(c, checked);
	b->present = get_int(c, checked);
	b->held_entered = 0;
	if (bits & B_HELD) {
		b->held_entered = (int64_t)(day_second(b->date) +
					    (uint64_t)unzigzag(get_varint(c, checked)));
		/* A held time of 0 is written as none: anything else is damage. */
		if (!b->held_entered)
			c->bad = true;
	}
	return bits & ~(unsigned)B_BRIEF;
}

int32_t brief_month_of(lz_day d)
{
	int y, m, day;
	lz_day_to_ymd(d, &y, &m, &day);
	return (int32_t)y * 12 + (m - 1);
}

int brief_cmp(const lz_meeting_brief *a, const lz_meeting_brief *b)
{
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* ---- the month roll ----
 *   u8 version
 *   varint table length, then the month's type ids, each NUL-terminated
 *   varint count, then per brief, in brief_cmp order:
 *     u8 day of the month, varint zigzag(start), varint id,
 *     varint offset of its type in the table, the common part. */

static void month_bounds(int32_t month, lz_day *first, int *days)
{
	int y = (int)(month >= 0 ? month / 12 : (month - 11) / 12);
	int m = (int)(month - (int32_t)y * 12) + 1;
	*first = lz_day_from_ymd(y, m, 1);
	*days = lz_days_in_month(y, m);
}

/* Grows one of a work's buffers to hold size bytes. */
static void *room(void **buf, size_t *cap, size_t size)
{
	if (size > *cap) {
		*cap = size > 2 * *cap ? size : 2 * *cap;
		*buf = realloc(*buf, *cap);
		if (!*buf)
			abort();
	}
	return *buf;
}

void brief_work_free(brief_work *w)
{
	free(w->refs);
	free(w->kept);
	free(w->adds);
	free(w->table);
	free(w->offset);
	free(w->out);
	*w = (brief_work){0};
}

/* Encodes into w->out. */
static size_t encode(brief_work *w, int32_t month, const lz_meeting_brief *b, size_t n)
{
	/* The table: each distinct type once.  A month holds a handful, and
	 * runs of one type are common, so the last one found is tried first. */
	size_t *offset = room(&w->offset, &w->offset_cap, (n ? n : 1) * sizeof *offset);
	size_t table_len = 0, last = 0;
	for (size_t i = 0; i < n; i++) {
		const char *table = w->table;
		const char *t = b[i].type ? b[i].type : "";
		bool found = i > 0 && strcmp(table + last, t) == 0;
		for (size_t o = 0; !found && o < table_len; o += strlen(table + o) + 1)
			if (strcmp(table + o, t) == 0) {
				last = o;
				found = true;
			}
		if (!found) {
			size_t tl = strlen(t);
			char *grown = room(&w->table, &w->table_cap, table_len + tl + 1);
			memcpy(grown + table_len, t, tl + 1);
			last = table_len;
			table_len += tl + 1;
		}
		offset[i] = last;
	}
	lz_day first;
	int days;
	month_bounds(month, &first, &days);
	unsigned char *out = room(&w->out, &w->out_cap, 1 + 2 * VARINT_MAX + table_len +
								n * ENTRY_MAX);
	unsigned char *p = out;
	*p++ = MONTH_VERSION;
	p = put_varint(p, table_len);
	if (table_len)
		memcpy(p, w->table, table_len);
	p += table_len;
	p = put_varint(p, n);
	for (size_t i = 0; i < n; i++) {
		*p++ = (unsigned char)(b[i].date - first + 1);
		p = put_varint(p, zigzag(b[i].start));
		p = put_varint(p, b[i].id);
		p = put_varint(p, offset[i]);
		p = put_tail(p, &b[i], 0);
	}
	return (size_t)(p - out);
}

void brief_month_encode(int32_t month, const lz_meeting_brief *b, size_t n,
			unsigned char **buf, size_t *len)
{
	brief_work w = {0};
	*len = encode(&w, month, b, n);
	*buf = w.out;
	w.out = NULL;
	brief_work_free(&w);
}

bool brief_month_open(brief_month_reader *r, int32_t month, const void *buf, size_t len)
{
	*r = (brief_month_reader){0};
	cursor c = {buf, (const unsigned char *)buf + len, false};
	/* Meetings are dated in years 0 to 9999: a month key beyond them is
	 * damage (and its days could not be counted). */
	if (month < 0 || month > 9999 * 12 + 11 || get_byte(&c, true) != MONTH_VERSION)
		return !(r->bad = true);
	uint64_t tl = get_varint(&c, true);
	/* The table is whole strings: it ends with a NUL, or is empty. */
	if (c.bad || tl > (uint64_t)(c.end - c.p) || (tl && c.p[tl - 1] != '\0'))
		return !(r->bad = true);
	r->types = (const char *)c.p;
	r->types_len = (size_t)tl;
	c.p += tl;
	uint64_t n = get_varint(&c, true);
	/* Every brief takes at least seven bytes. */
	if (c.bad || n > (uint64_t)(c.end - c.p) / 7)
		return !(r->bad = true);
	r->left = (size_t)n;
	r->p = c.p;
	r->end = c.end;
	month_bounds(month, &r->first, &r->days);
	return true;
}

INLINE bool read_entry(brief_month_reader *r, lz_meeting_brief *out, bool checked)
{
	cursor c = {r->p, r->end, false};
	unsigned day = get_byte(&c, checked);
	out->date = r->first + (lz_day)day - 1;
	out->start = get_int(&c, checked);
	out->id = get_varint(&c, checked);
	uint64_t off = get_varint(&c, checked);
	/* The offset must name the start of one of the table's strings. */
	if (day < 1 || day > (unsigned)r->days || off >= r->types_len ||
	    (off && r->types[off - 1] != '\0'))
		c.bad = true;
	out->type = c.bad ? "" : r->types + off;
	out->title = NULL;
	out->title_cut = false;
	if (get_tail(&c, out, checked))
		c.bad = true;  /* a bit the roll never sets */
	if (c.bad || (r->read && brief_cmp(&r->last, out) >= 0))
		return false;
	r->p = c.p;
	return true;
}

int brief_month_next(brief_month_reader *r, lz_meeting_brief *out)
{
	if (r->bad)
		return -1;
	if (!r->left) {
		if (r->p != r->end)
			r->bad = true;
		return r->bad ? -1 : 0;
	}
	/* Bounds are checked only near the end of the value. */
	bool got = r->end - r->p >= ENTRY_MAX ? read_entry(r, out, false)
					      : read_entry(r, out, true);
	if (!got) {
		r->bad = true;
		return -1;
	}
	r->left--;
	r->read++;
	/* Only what orders briefs is kept, to check the next one against. */
	r->last.date = out->date;
	r->last.start = out->start;
	r->last.id = out->id;
	return 1;
}

/* Last change per id wins; sorting (id, position) pairs finds it. */
typedef struct change_ref {
	lz_id id;
	size_t pos;
} change_ref;

static int by_id_pos(const void *a, const void *b)
{
	const change_ref *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int by_order(const void *a, const void *b)
{
	return brief_cmp(a, b);
}

/* Sorts unless already in order: a bulk insert adds meetings in order of
 * id and, often, of date, and qsort would take memory for nothing. */
static void sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < n; i++)
		if (cmp((char *)v + (i - 1) * size, (char *)v + i * size) > 0) {
			qsort(v, n, size, cmp);
			return;
		}
}

static bool touched(const change_ref *refs, size_t n, lz_id id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (refs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && refs[lo].id == id;
}

bool brief_month_update(int32_t month, const void *old, size_t old_len,
			const brief_change *changes, size_t n_changes, brief_work *w,
			const unsigned char **buf, size_t *len, size_t *n)
{
	*buf = NULL;
	*len = 0;
	*n = 0;
	/* The last change of each id, in id order. */
	change_ref *refs = room(&w->refs, &w->refs_cap, (n_changes ? n_changes : 1) * sizeof *refs);
	for (size_t i = 0; i < n_changes; i++)
		refs[i] = (change_ref){changes[i].b.id, i};
	sort(refs, n_changes, sizeof *refs, by_id_pos);
	size_t n_ids = 0;
	for (size_t i = 0; i < n_changes; i++) {
		if (n_ids && refs[n_ids - 1].id == refs[i].id)
			refs[n_ids - 1] = refs[i];
		else
			refs[n_ids++] = refs[i];
	}
	size_t n_adds = 0;
	for (size_t i = 0; i < n_ids; i++)
		n_adds += changes[refs[i].pos].add;

	brief_month_reader r;
	size_t cap = n_adds;
	if (old_len) {
		if (!brief_month_open(&r, month, old, old_len))
			return false;
		cap += r.left;
	}
	lz_meeting_brief *kept = room(&w->kept, &w->kept_cap, (cap ? cap : 1) * sizeof *kept);
	lz_meeting_brief *adds = room(&w->adds, &w->adds_cap, (n_adds ? n_adds : 1) * sizeof *adds);
	size_t n_kept = 0, k = 0;
	int got = 0;
	if (old_len)
		while ((got = brief_month_next(&r, &kept[n_kept])) == 1)
			if (!touched(refs, n_ids, kept[n_kept].id))
				n_kept++;
	if (got < 0)
		return false;
	for (size_t i = 0; i < n_ids; i++)
		if (changes[refs[i].pos].add)
			adds[k++] = changes[refs[i].pos].b;
	/* Both runs in order, merged from the back into kept. */
	sort(adds, n_adds, sizeof *adds, by_order);
	size_t i = n_kept, j = n_adds, out = n_kept + n_adds;
	while (j > 0) {
		if (i > 0 && brief_cmp(&kept[i - 1], &adds[j - 1]) > 0)
			kept[--out] = kept[--i];
		else
			kept[--out] = adds[--j];
	}
	*n = n_kept + n_adds;
	if (*n) {
		*len = encode(w, month, kept, *n);
		*buf = w->out;
	}
	return true;
}

/* ---- the titled brief of the date index ----
 *   u8 version, the common part (whose bits may add B_TITLE_CUT),
 *   the type id and the start of the title, each NUL-terminated. */

void brief_titled_encode(const lz_meeting *m, size_t title_max, unsigned char **buf,
			 size_t *len)
{
	lz_meeting_brief b;
	lz_meeting_brief_of(m, &b);
	const char *title = m->title ? m->title : "";
	size_t tn = lz_utf8_prefix(title, title_max), yn = strlen(b.type);
	unsigned char *out = malloc(1 + TAIL_MAX + yn + 1 + tn + 1);
	if (!out)
		abort();
	unsigned char *p = out;
	*p++ = TITLED_VERSION;
	p = put_tail(p, &b, title[tn] ? B_TITLE_CUT : 0);
	memcpy(p, b.type, yn + 1);
	p += yn + 1;
	memcpy(p, title, tn);
	p += tn;
	*p++ = '\0';
	*buf = out;
	*len = (size_t)(p - out);
}

bool brief_titled_decode(const void *buf, size_t len, lz_meeting_brief *b)
{
	cursor c = {buf, (const unsigned char *)buf + len, false};
	if (get_byte(&c, true) != TITLED_VERSION)
		return false;
	unsigned extra = get_tail(&c, b, true);
	if (c.bad || (extra & ~(unsigned)B_TITLE_CUT))
		return false;
	b->title_cut = extra & B_TITLE_CUT;
	/* Two strings, and nothing after the second one's NUL. */
	const unsigned char *nul = memchr(c.p, '\0', (size_t)(c.end - c.p));
	if (!nul)
		return false;
	b->type = (const char *)c.p;
	c.p = nul + 1;
	nul = memchr(c.p, '\0', (size_t)(c.end - c.p));
	if (!nul || nul + 1 != c.end)
		return false;
	b->title = (const char *)c.p;
	return true;
}
