/* Calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), so that date arithmetic and ordering are plain integer
 * operations. */
#ifndef LZ_DATE_H
#define LZ_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "lz_err.h"

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
 * whether the program takes the day is lz_day_in_range's question): the
 * form files and scripts keep, read by lz_day_read's own rules. */
bool lz_day_parse(const char *s, lz_day *out);
/* A date as people type it: 2022-03-01, 2022-3-1, 2022/3/1, 2022.3.1,
 * 2022年3月1日 (or 号), 20220301; without a year 3/1, 3-1, 3.1, 3月1日,
 * which fall in year (0: a year must be given).  Full-width digits and
 * punctuation count as their ASCII forms, spaces around are ignored.
 * Anything else is refused: LZ_EDATA with err's message saying what is
 * wrong in the reader's words ("February has no 30th", "there is no
 * month 13"), without the text itself, which the caller puts before it. */
lz_rc lz_day_read(const char *s, int year, lz_day *out, lz_err *err);

/* Times of day as minutes after midnight. */
/* 9:00, 9:5, 09:05 (and 09:05:00), 0930, 9点, 9点30, 9点30分, 9点半, 9时30分,
 * 9.30 (two digits after the point: 9.3 may be 9:03 or 9:30 and is
 * refused); refusals as lz_day_read's. */
lz_rc lz_time_read(const char *s, int *minutes, lz_err *err);
/* "HH:MM"; "" for a time outside the day (LZ_NO_TIME). */
void lz_format_time(int minutes, char buf[6]);

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
