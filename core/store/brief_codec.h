/* How the store writes meeting briefs (lz_meeting_brief) into its two
 * meeting indexes, without LMDB:
 *
 * - the month roll: one value per month holding the briefs of all its
 *   meetings, ordered by date, start time and id.  The dashboard counts a
 *   year of meetings from twelve of them, so they are compact (varints,
 *   each meeting type written once per month) and, being large values,
 *   lie in runs of consecutive pages;
 * - the titled brief: the value of a meeting's entry in the meetings-by-date
 *   index, its brief with the start of its title, so a day's list is drawn
 *   without decoding records.  The entry's key holds its date, start time
 *   and id.
 *
 * Strings handed out by the readers point into the encoded bytes: they
 * live as long as those. */
#ifndef LZ_BRIEF_CODEC_H
#define LZ_BRIEF_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lz_record.h"

/* The month a day falls in, counted from year 0: the month roll's key. */
int32_t brief_month_of(lz_day d);

/* Orders briefs by date, start time, then id: the order of both indexes. */
int brief_cmp(const lz_meeting_brief *a, const lz_meeting_brief *b);

/* ---- the month roll ---- */

/* Encodes briefs, all of month `month` and in brief_cmp order, into a
 * malloc'd buffer. */
void brief_month_encode(int32_t month, const lz_meeting_brief *b, size_t n,
			unsigned char **buf, size_t *len);

typedef struct brief_month_reader {
	const unsigned char *p, *end;
	const char *types;   /* the month's type strings, each NUL-terminated */
	size_t types_len;
	size_t left;         /* briefs not read yet */
	size_t read;
	lz_day first;        /* the month's first day */
	int days;            /* and its length */
	lz_meeting_brief last;
	bool bad;
} brief_month_reader;

/* Starts reading the value stored for month; false when it is damaged. */
bool brief_month_open(brief_month_reader *r, int32_t month, const void *buf, size_t len);
/* The next brief, in order: 1, or 0 at the end, or -1 when the value is
 * damaged (any byte out of place, an entry out of order, bytes left over). */
int brief_month_next(brief_month_reader *r, lz_meeting_brief *out);

/* A change to a month: the brief of a meeting that now belongs to it, or
 * (add false) the id of one that no longer does. */
typedef struct brief_change {
	lz_meeting_brief b;
	bool add;
} brief_change;

/* Buffers brief_month_update keeps from one call to the next: a bulk
 * insert rewrites months again and again, and fresh memory costs a page
 * fault a page.  Zero-initialised; brief_work_free releases them. */
typedef struct brief_work {
	void *refs, *kept, *adds, *table, *offset, *out;
	size_t refs_cap, kept_cap, adds_cap, table_cap, offset_cap, out_cap;
} brief_work;

void brief_work_free(brief_work *w);

/* The month's value after changes applied in order to the stored one
 * (old_len 0: none yet), in w's memory until its next use; *n gets the
 * number of briefs, 0 when the month is left empty (and *buf NULL).
 * False when the stored value is damaged. */
bool brief_month_update(int32_t month, const void *old, size_t old_len,
			const brief_change *changes, size_t n_changes, brief_work *w,
			const unsigned char **buf, size_t *len, size_t *n);

/* ---- the titled brief ---- */

/* Encodes the titled brief of a meeting into a malloc'd buffer; title_max bytes
 * of its title at most, cut between characters. */
void brief_titled_encode(const lz_meeting *m, size_t title_max, unsigned char **buf,
			 size_t *len);
/* Reads a titled brief back; its date, start and id come from its index
 * key.  False when the value is damaged. */
bool brief_titled_decode(const void *buf, size_t len, lz_meeting_brief *b);

#endif
