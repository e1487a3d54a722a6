/* Checks a record against the plan and the limits before it is stored:
 * the same rules for the command line, the forms and imports. */
#ifndef LZ_VALIDATE_H
#define LZ_VALIDATE_H

#include "lz_err.h"
#include "lz_plan.h"
#include "lz_record.h"

#define LZ_MAX_SHORT_BYTES 1000   /* names, titles, places: ~330 CJK chars */
#define LZ_MAX_LONG_BYTES 20000   /* minutes, descriptions, measures */
#define LZ_MAX_LIST_ENTRIES 200
#define LZ_MAX_COUNT 100000       /* attendance counts */

/* Each returns LZ_OK or LZ_EDATA with a message naming the field. */
lz_rc lz_validate_person(const lz_plan *plan, const lz_person *p, lz_err *err);
lz_rc lz_validate_item(const lz_plan *plan, const lz_item *it, lz_err *err);
lz_rc lz_validate_meeting(const lz_plan *plan, const lz_meeting *m, lz_err *err);
lz_rc lz_validate_risk(const lz_plan *plan, const lz_risk *r, lz_err *err);
lz_rc lz_validate_record(const lz_plan *plan, const lz_record *r, lz_err *err);
/* A risk review's next date, when it names one, comes after the review:
 * the rule for risk review, the forms and every review an import or a
 * restore brings in (lz_validate_risk checks each). */
lz_rc lz_validate_review_dates(lz_day date, lz_day next, lz_err *err);

/* A text field: valid UTF-8, no control characters (newlines allowed when
 * multiline), at most max bytes.  NULL and "" pass unless required. */
lz_rc lz_validate_text(const char *field, const char *s, size_t max, bool multiline,
		       bool required, lz_err *err);

/* "HH:MM" → minutes after midnight. */
bool lz_parse_time(const char *s, int *minutes);
void lz_format_time(int minutes, char buf[6]);

/* True when a held meeting's attendance is below its type's quorum. */
bool lz_meeting_below_quorum(const lz_plan *plan, const lz_meeting *m);

/* True when any text field of the record contains needle. */
bool lz_record_contains(const lz_record *r, const char *needle);

#endif
