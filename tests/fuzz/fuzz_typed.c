/* libFuzzer target for dates and times as people type them (lz_date.h):
 * any bytes are refused with a message or read as a real day or time,
 * and what is read, written as it is kept, reads back as the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lz_date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	lz_err err;
	lz_day d;
	if (lz_day_read(s, 2022, &d, &err) == LZ_OK) {
		int y, m, day;
		lz_day_to_ymd(d, &y, &m, &day);
		check(lz_date_valid(y, m, day));
		char kept[LZ_DATE_STRLEN];
		lz_day_format(d, kept);
		lz_day again;
		check(lz_day_parse(kept, &again) && again == d);
		check(lz_day_read(kept, 0, &again, NULL) == LZ_OK && again == d);
	} else {
		check(err.rc == LZ_EDATA && err.msg[0]);
	}
	int t;
	if (lz_time_read(s, &t, &err) == LZ_OK) {
		check(t >= 0 && t < 24 * 60);
		char kept[6];
		lz_format_time(t, kept);
		int again;
		check(lz_time_read(kept, &again, NULL) == LZ_OK && again == t);
	} else {
		check(err.rc == LZ_EDATA && err.msg[0]);
	}
	free(s);
	return 0;
}
