#include "lz_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lz_i18n.h"

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

/* ---- reading what people type ---- */

/* The text without the spaces around it, full-width digits and the
 * punctuation an input method gives (－／．：) as ASCII; false when it
 * does not fit (no date or time is that long). */
static bool plain_form(const char *s, char *buf, size_t size)
{
	static const char *const space[] = {" ", "\t", "\xe3\x80\x80"};  /* U+3000 too */
	size_t o = 0;
	while (*s) {
		bool skipped = false;
		for (size_t i = 0; i < 3 && !skipped; i++)
			if (strncmp(s, space[i], strlen(space[i])) == 0) {
				s += strlen(space[i]);
				skipped = true;
			}
		if (skipped) {
			/* Spaces inside are kept, so that 2022 3 1 is refused. */
			if (o && o + 1 < size)
				buf[o++] = ' ';
			continue;
		}
		char c = *s;
		size_t n = 1;
		/* U+FF01…U+FF5E are ASCII 0x21…0x7E; only digits and -/.: matter. */
		if ((unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xbc &&
		    (unsigned char)s[2] >= 0x8d && (unsigned char)s[2] <= 0x9a) {
			c = (char)((unsigned char)s[2] - 0x8d + '-');
			n = 3;
		}
		if (o + 1 >= size)
			return false;
		buf[o++] = c;
		s += n;
	}
	while (o && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
	return true;
}

/* A run of digits: how many (0: none), its value in *out. */
static int number(const char **p, int *out)
{
	int n = 0, v = 0;
	while (**p >= '0' && **p <= '9') {
		if (n < 9)
			v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

static bool word(const char **p, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(*p, w, n) != 0)
		return false;
	*p += n;
	return true;
}

/* "M月D日" (日, 号 or nothing after the day) to the end. */
static bool month_day_cn(const char *p, int nm, int m, int *month, int *day)
{
	int d;
	int nd = number(&p, &d);
	if (nm < 1 || nm > 2 || nd < 1 || nd > 2)
		return false;
	if (!word(&p, "日"))
		word(&p, "号");
	*month = m;
	*day = d;
	return *p == '\0';
}

/* The forms lz_day_read takes; *y is -1 when the text gives no year. */
static bool date_form(const char *p, int *y, int *m, int *d)
{
	int a, b, c;
	int na = number(&p, &a);
	*y = -1;
	if (na == 0)
		return false;
	if (*p == '\0') {
		if (na != 8)
			return false;
		*y = a / 10000;
		*m = a / 100 % 100;
		*d = a % 100;
		return true;
	}
	if (word(&p, "年")) {
		if (na != 4)
			return false;
		*y = a;
		int nm = number(&p, &b);
		return word(&p, "月") && month_day_cn(p, nm, b, m, d);
	}
	if (word(&p, "月"))
		return month_day_cn(p, na, a, m, d);
	char sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	int nb = number(&p, &b);
	if (nb < 1 || nb > 2)
		return false;
	if (*p == '\0') {
		*m = a;
		*d = b;
		return na <= 2;
	}
	if (*p++ != sep || na != 4)
		return false;
	int nc = number(&p, &c);
	*y = a;
	*m = b;
	*d = c;
	return nc >= 1 && nc <= 2 && *p == '\0';
}

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

lz_rc lz_day_read(const char *s, int year, lz_day *out, lz_err *err)
{
	char t[64];
	int y, m, d;
	if (!plain_form(s, t, sizeof t) || !date_form(t, &y, &m, &d))
		return lz_err_set(err, LZ_EDATA, "%s",
				  _("not a date (type it as 2022-03-01, 2022/3/1 or 3/1)"));
	if (y < 0 && (y = year) == 0)
		return lz_err_set(err, LZ_EDATA, "%s", _("the year is missing (type it as 2022-03-01)"));
	if (m < 1 || m > 12)
		return lz_err_set(err, LZ_EDATA, _("there is no month %d"), m);
	if (d < 1 || d > 31)
		return lz_err_set(err, LZ_EDATA, _("no month has a day %d"), d);
	if (y < 1)
		return lz_err_set(err, LZ_EDATA, "%s", _("there is no year 0"));
	if (d > lz_days_in_month(y, m)) {
		/* Only the 29th, 30th and 31st can be missing from a month. */
		static const char *const nth[] = {N_("29th"), N_("30th"), N_("31st")};
		if (m == 2 && d == 29)
			return lz_err_set(err, LZ_EDATA,
					  _("February %1$d has no 29th (%1$d is not a leap year)"), y);
		return lz_err_set(err, LZ_EDATA, _("%1$s has no %2$s"), _(month_names[m - 1]),
				  _(nth[d - 29]));
	}
	*out = lz_day_from_ymd(y, m, d);
	return LZ_OK;
}

bool lz_day_parse(const char *s, lz_day *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return lz_day_read(s, 0, out, NULL) == LZ_OK;
}

/* The forms lz_time_read takes; *sec is what a spreadsheet may add. */
static bool time_form(const char *p, int *h, int *m, int *sec, bool *ambiguous)
{
	int a, b, c;
	int na = number(&p, &a);
	*m = *sec = 0;
	*ambiguous = false;
	*h = a;
	if (na == 4 && *p == '\0') {
		*h = a / 100;
		*m = a % 100;
		return true;
	}
	if (na < 1 || na > 2)
		return false;
	if (word(&p, "点") || word(&p, "时")) {
		if (word(&p, "半")) {
			*m = 30;
		} else if (*p) {
			int nm = number(&p, m);
			if (nm < 1 || nm > 2)
				return false;
			word(&p, "分");
		}
		return *p == '\0';
	}
	if (*p == '\0')
		return true;  /* the hour alone: 9 is 9点 */
	char sep = *p++;
	int nb = number(&p, &b);
	*m = b;
	if (sep == '.') {
		/* 9.3 is 9:03 or 9:30: said rather than guessed. */
		*ambiguous = nb == 1;
		return nb >= 1 && nb <= 2 && *p == '\0';
	}
	if (sep != ':' || nb < 1 || nb > 2)
		return false;
	if (*p == ':') {
		p++;
		if (number(&p, &c) != 2)
			return false;
		*sec = c;
	}
	return *p == '\0';
}

/* 下午3点 as it is said: skips the part of the day before the time and
 * says whether it is after noon (上午 changes nothing). */
static bool after_noon(const char **p)
{
	static const char *const morning[] = {"上午", "早上"};
	static const char *const afternoon[] = {"下午", "晚上", "中午"};
	for (size_t i = 0; i < sizeof morning / sizeof *morning; i++)
		if (word(p, morning[i]))
			return false;
	for (size_t i = 0; i < sizeof afternoon / sizeof *afternoon; i++)
		if (word(p, afternoon[i]))
			return true;
	return false;
}

lz_rc lz_time_read(const char *s, int *minutes, lz_err *err)
{
	char t[64];
	int h, m, sec;
	bool ambiguous, pm = false;
	const char *p = t;
	if (plain_form(s, t, sizeof t))
		pm = after_noon(&p);
	if (!plain_form(s, t, sizeof t) || !time_form(p, &h, &m, &sec, &ambiguous))
		return lz_err_set(err, LZ_EDATA, "%s",
				  _("not a time (type it as 9:00, 9:30 or 9点30)"));
	if (h > 23)
		return lz_err_set(err, LZ_EDATA, _("there is no hour %d (hours run from 0 to 23)"), h);
	if (ambiguous)
		return lz_err_set(err, LZ_EDATA, _("%1$02d:0%2$d or %1$02d:%2$d0? Type it with a colon"),
				  h, m);
	if (m > 59)
		return lz_err_set(err, LZ_EDATA, _("there is no minute %d (minutes run from 0 to 59)"),
				  m);
	if (sec)
		return lz_err_set(err, LZ_EDATA, "%s", _("a time here has no seconds"));
	if (pm && h < 12)
		h += 12;
	*minutes = h * 60 + m;
	return LZ_OK;
}

void lz_format_time(int minutes, char buf[6])
{
	if (minutes < 0 || minutes >= 24 * 60) {
		buf[0] = '\0';
		return;
	}
	buf[0] = (char)('0' + minutes / 600);
	buf[1] = (char)('0' + minutes / 60 % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + minutes % 60 / 10);
	buf[4] = (char)('0' + minutes % 10);
	buf[5] = '\0';
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
