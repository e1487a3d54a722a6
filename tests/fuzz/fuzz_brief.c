/* libFuzzer target for the store's meeting briefs (brief_codec.h): any
 * bytes read as a month roll or as a titled brief must be refused or read
 * within themselves, never a crash; what reads must survive being written again,
 * and updating a month from them must give a value that reads. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "brief_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_BRIEFS = 4096 };

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static bool inside(const char *s, const uint8_t *data, size_t size)
{
	return (const uint8_t *)s >= data && (const uint8_t *)s < data + size &&
	       memchr(s, '\0', size - (size_t)((const uint8_t *)s - data));
}

/* Reads a month; the number of briefs, or -1 when the value is refused. */
static int read_all(int32_t month, const void *buf, size_t len, lz_meeting_brief *out)
{
	brief_month_reader r;
	if (!brief_month_open(&r, month, buf, len))
		return -1;
	int n = 0, got;
	while (n < MAX_BRIEFS && (got = brief_month_next(&r, &out[n])) == 1)
		n++;
	return n < MAX_BRIEFS && got < 0 ? -1 : n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lz_meeting_brief b[MAX_BRIEFS], again[MAX_BRIEFS];
	/* February 2024: a leap month, so day 29 is in and 30 out. */
	int32_t month = 2024 * 12 + 1;
	int n = read_all(month, data, size, b);
	for (int i = 0; i < n; i++) {
		check(inside(b[i].type, data, size));
		check(brief_month_of(b[i].date) == month);
		check(i == 0 || brief_cmp(&b[i - 1], &b[i]) < 0);
	}
	if (n > 0 && n < MAX_BRIEFS) {
		unsigned char *buf;
		size_t len;
		brief_month_encode(month, b, (size_t)n, &buf, &len);
		check(read_all(month, buf, len, again) == n);
		for (int i = 0; i < n; i++)
			check(again[i].id == b[i].id && again[i].held_entered == b[i].held_entered &&
			      strcmp(again[i].type, b[i].type) == 0);
		free(buf);
	}
	/* Updating from these bytes: refused, or a value that reads. */
	lz_meeting_brief add = {.id = 7, .date = lz_day_from_ymd(2024, 2, 29), .start = 600,
				.type = "party-group", .expected = LZ_NO_COUNT,
				.present = LZ_NO_COUNT};
	brief_change changes[2] = {{add, true}, {n > 0 ? b[0] : add, false}};
	brief_work w = {0};
	const unsigned char *out;
	size_t len, count;
	/* (An empty month has no value at all.) */
	if (brief_month_update(month, data, size, changes, 2, &w, &out, &len, &count))
		check(count ? read_all(month, out, len, again) == (int)count : out == NULL);
	brief_work_free(&w);

	/* The same bytes as a titled brief. */
	lz_meeting_brief d = {.id = 1, .date = lz_day_from_ymd(2024, 2, 10), .start = 540};
	if (brief_titled_decode(data, size, &d))
		check(inside(d.type, data, size) && inside(d.title, data, size));
	return 0;
}
