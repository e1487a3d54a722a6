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
/* The registers: dates set and not after today; a notice's relay date
 * not before its receipt, and with a meeting or a way exactly when set
 * (that the meeting exists is the store's to say: lz_session). */
lz_rc lz_validate_notice(const lz_plan *plan, const lz_notice *n, lz_err *err);
lz_rc lz_validate_disclosure(const lz_plan *plan, const lz_disclosure *d, lz_err *err);
lz_rc lz_validate_discipline(const lz_plan *plan, const lz_discipline *d, lz_err *err);
lz_rc lz_validate_record(const lz_plan *plan, const lz_record *r, lz_err *err);
/* A risk review's next date, when it names one, comes after the review:
 * the rule for risk review, the forms and every review an import or a
 * restore brings in (lz_validate_risk checks each). */
lz_rc lz_validate_review_dates(lz_day date, lz_day next, lz_err *err);

/* A text field: valid UTF-8, at most max bytes, no control characters
 * (newlines allowed when multiline), no U+2028/U+2029, no invisible or
 * text direction characters (lz_char_trap_of), and not only spaces.  NULL
 * and "" pass unless required.  Every text a record holds passes here, so
 * an import checks its cells by validating the record it builds. */
lz_rc lz_validate_text(const char *field, const char *s, size_t max, bool multiline,
		       bool required, lz_err *err);

/* Evidence files are refused from this size on (200 MiB): a scan or a
 * photo is far smaller, and a film belongs elsewhere. */
#define LZ_EVIDENCE_MAX_BYTES ((int64_t)200 << 20)
/* One evidence entry: a SHA-256 in 64 lowercase hex digits, a name that
 * is text of one line (lz_validate_text, at most LZ_MAX_SHORT_BYTES), a
 * size below LZ_EVIDENCE_MAX_BYTES and a type of printable ASCII. */
lz_rc lz_validate_evidence(const lz_evidence *e, lz_err *err);
/* Whether s is 64 lowercase hex digits. */
bool lz_sha256_hex_ok(const char *s);

/* A record's day: within the years LZ_YEAR_FIRST to LZ_YEAR_LAST.  Notes,
 * reviews and held meetings are besides not after today; that is checked
 * with the record. */
lz_rc lz_validate_day(const char *field, lz_day d, lz_err *err);
/* A typed day (lz_day_read's forms; year for one typed without its
 * year) naming a real day that lz_validate_day takes; refused with
 * "FIELD: TEXT: what is wrong". */
lz_rc lz_validate_day_text(const char *field, const char *s, int year, lz_day *out,
			   lz_err *err);

/* True when a held meeting's attendance is below its type's quorum. */
bool lz_meeting_below_quorum(const lz_plan *plan, const lz_meeting *m);

/* True when any text field of the record contains needle. */
bool lz_record_contains(const lz_record *r, const char *needle);

#endif
