/* Calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), so that date arithmetic and ordering are plain integer
 * operations. */
#ifndef LZ_DATE_H
#define LZ_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t lz_day;

#define LZ_DATE_STRLEN 11 /* "YYYY-MM-DD" and NUL */

bool lz_date_valid(int year, int month, int day);
int lz_days_in_month(int year, int month);
bool lz_is_leap_year(int year);
lz_day lz_day_from_ymd(int year, int month, int day);
void lz_day_to_ymd(lz_day d, int *year, int *month, int *day);
/* 1 = Monday … 7 = Sunday, as on a Chinese calendar. */
int lz_day_weekday(lz_day d);
/* Accepts exactly YYYY-MM-DD naming a real date (any year 1 to 9999:
 * whether the program takes the day is lz_day_in_range's question). */
bool lz_day_parse(const char *s, lz_day *out);

/* The years a record's dates, and any date typed, may fall in.  A plan
 * covers one year of a county office's work; dates far outside the years
 * it can be used in (0001-01-01, 9999-12-31) are typing slips, and a bound
 * keeps date arithmetic and sorting far from overflow. */
#define LZ_YEAR_FIRST 2000
#define LZ_YEAR_LAST 2099
bool lz_day_in_range(lz_day d);
void lz_day_format(lz_day d, char buf[LZ_DATE_STRLEN]);
/* Now in Unix seconds, and today in local time; both follow
 * $LIANZHENG_NOW (Unix seconds) when it is set, for tests. */
int64_t lz_now(void);
lz_day lz_day_today(void);
/* The local day of a time; the process's time zone must not change once
 * it has been asked (the offsets it found are kept). */
lz_day lz_day_of_time(int64_t unix_seconds);

#endif
