#include "lz_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool lz_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int lz_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && lz_is_leap_year(y));
}

bool lz_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= lz_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: exact over the whole range without
 * loops or tables. */
lz_day lz_day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void lz_day_to_ymd(lz_day z, int *year, int *month, int *day)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

int lz_day_weekday(lz_day d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((d % 7 + 7 + 3) % 7);
	return w + 1;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool lz_day_parse(const char *s, lz_day *out)
{
	int y, m, d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (!lz_date_valid(y, m, d))
		return false;
	*out = lz_day_from_ymd(y, m, d);
	return true;
}

bool lz_day_in_range(lz_day d)
{
	return d >= lz_day_from_ymd(LZ_YEAR_FIRST, 1, 1) && d <= lz_day_from_ymd(LZ_YEAR_LAST, 12, 31);
}

void lz_day_format(lz_day z, char buf[LZ_DATE_STRLEN])
{
	int y, m, d;
	lz_day_to_ymd(z, &y, &m, &d);
	/* Day numbers outside years 1…9999 are never produced from parsed
	 * dates; clamp so the output always has its fixed width. */
	unsigned yy = (unsigned)(y < 0 ? 0 : y > 9999 ? 9999 : y);
	unsigned mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
	buf[0] = (char)('0' + yy / 1000);
	buf[1] = (char)('0' + yy / 100 % 10);
	buf[2] = (char)('0' + yy / 10 % 10);
	buf[3] = (char)('0' + yy % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + mm / 10);
	buf[6] = (char)('0' + mm % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}

int64_t lz_now(void)
{
	/* Tests pin the clock so entry times and "today" are reproducible. */
	const char *fixed = getenv("LIANZHENG_NOW");
	if (fixed && *fixed)
		return strtoll(fixed, NULL, 10);
	return (int64_t)time(NULL);
}

lz_day lz_day_today(void)
{
	time_t now = (time_t)lz_now();
	struct tm tm;
	localtime_r(&now, &tm);
	return lz_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static long utc_offset(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return tm.tm_gmtoff;
}

lz_day lz_day_of_time(int64_t t)
{
	/* A dashboard asks for the local day of thousands of entry times, and
	 * localtime_r consults the zone's rules every time.  The offset from
	 * UTC is looked up once per UTC day instead, at both of its ends: when
	 * they agree (every day but those on which summer time begins or
	 * ends) it holds for the whole day. */
	enum { SLOTS = 512 };
	static struct {
		int64_t day;
		long offset;
		bool uniform, known;
	} cache[SLOTS];
	int64_t day = floor_div(t, 86400);
	size_t slot = (size_t)(uint64_t)day % SLOTS;
	if (!cache[slot].known || cache[slot].day != day) {
		long first = utc_offset(day * 86400), last = utc_offset(day * 86400 + 86399);
		cache[slot].day = day;
		cache[slot].offset = first;
		cache[slot].uniform = first == last;
		cache[slot].known = true;
	}
	long offset = cache[slot].uniform ? cache[slot].offset : utc_offset(t);
	return (lz_day)floor_div(t + offset, 86400);
}
