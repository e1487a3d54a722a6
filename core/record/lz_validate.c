#include "lz_validate.h"

#include <string.h>

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_text.h"

lz_rc lz_validate_text(const char *field, const char *s, size_t max, bool multiline,
		       bool required, lz_err *err)
{
	if (!s || !*s) {
		if (required)
			return lz_err_set(err, LZ_EDATA, _("%s must not be empty"), field);
		return LZ_OK;
	}
	size_t len = strlen(s);
	if (len > max)
		return lz_err_set(err, LZ_EDATA, _("%s is too long: %zu bytes, at most %zu"),
				  field, len, max);
	size_t bad;
	if (!lz_utf8_valid(s, len, &bad))
		return lz_err_set(err, LZ_EDATA, _("%s is not valid UTF-8 (byte %zu)"), field,
				  bad + 1);
	size_t chars = 0;
	for (size_t i = 0; i < len; chars++) {
		uint32_t cp;
		size_t n = lz_utf8_decode(s + i, len - i, &cp);
		i += n;
		if (!multiline && (cp == '\n' || cp == '\r'))
			return lz_err_set(err, LZ_EDATA,
					  _("%s must be one line: it has a line break at character %zu"),
					  field, chars + 1);
		lz_char_trap trap = lz_char_trap_of(cp);
		if (lz_cp_is_control(cp) && !(multiline && cp == '\n') && trap == LZ_CHAR_PLAIN)
			return lz_err_set(err, LZ_EDATA,
					  _("%s contains the control character U+%04X"), field,
					  (unsigned)cp);
		switch (trap) {
		case LZ_CHAR_PLAIN:
			break;
		case LZ_CHAR_LINE_SEPARATOR:
			if (!multiline)
				return lz_err_set(err, LZ_EDATA,
						  _("%s must be one line: it has a line break (U+%04X %s) at character %zu"),
						  field, (unsigned)cp, lz_char_name(cp), chars + 1);
			return lz_err_set(err, LZ_EDATA,
					  _("%s contains U+%04X %s at character %zu; use an ordinary line break"),
					  field, (unsigned)cp, lz_char_name(cp), chars + 1);
		case LZ_CHAR_INVISIBLE:
			return lz_err_set(err, LZ_EDATA,
					  _("%s contains an invisible character (U+%04X %s) at character %zu"),
					  field, (unsigned)cp, lz_char_name(cp), chars + 1);
		case LZ_CHAR_BIDI:
			return lz_err_set(err, LZ_EDATA,
					  _("%s contains a text direction control (U+%04X %s) at character %zu, which can disguise what the text says"),
					  field, (unsigned)cp, lz_char_name(cp), chars + 1);
		}
	}
	/* Text that looks empty is empty, whether or not it is required: a
	 * title of spaces would pass as given, and an optional field of
	 * spaces as filled in (a held meeting's required host, say). */
	if (lz_text_blank(s, len))
		return lz_err_set(err, LZ_EDATA, _("%s must not be only spaces"), field);
	return LZ_OK;
}

bool lz_sha256_hex_ok(const char *s)
{
	size_t n = 0;
	for (; s && s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

lz_rc lz_validate_evidence(const lz_evidence *e, lz_err *err)
{
	if (!lz_sha256_hex_ok(e->sha256))
		return lz_err_set(err, LZ_EDATA, _("evidence: '%s' is not a SHA-256 (64 hex digits)"),
				  e->sha256 ? e->sha256 : "");
	lz_rc rc = lz_validate_text(_("evidence file name"), e->name, LZ_MAX_SHORT_BYTES, false,
				    true, err);
	if (rc != LZ_OK)
		return rc;
	if (e->size < 0 || e->size >= LZ_EVIDENCE_MAX_BYTES)
		return lz_err_set(err, LZ_EDATA, _("evidence %s: a size of %lld bytes is out of range"),
				  e->name, (long long)e->size);
	const char *t = e->type ? e->type : "";
	size_t n = strlen(t);
	for (size_t i = 0; i < n; i++)
		if (t[i] <= ' ' || t[i] > '~')
			n = 0;
	if (!n || n > 100)
		return lz_err_set(err, LZ_EDATA, _("evidence %s: '%s' is not a file type"), e->name, t);
	return LZ_OK;
}

lz_rc lz_validate_day(const char *field, lz_day d, lz_err *err)
{
	if (lz_day_in_range(d))
		return LZ_OK;
	char buf[LZ_DATE_STRLEN];
	lz_day_format(d, buf);
	return lz_err_set(err, LZ_EDATA, _("%s: %s is outside the years %d to %d"), field, buf,
			  LZ_YEAR_FIRST, LZ_YEAR_LAST);
}

lz_rc lz_validate_day_text(const char *field, const char *s, int year, lz_day *out,
			   lz_err *err)
{
	lz_day d;
	lz_err why;
	if (lz_day_read(s, year, &d, &why) != LZ_OK)
		return lz_err_set(err, LZ_EDATA, _("%s: %s: %s"), field, s, why.msg);
	lz_rc rc = lz_validate_day(field, d, err);
	if (rc == LZ_OK)
		*out = d;
	return rc;
}

/* A day that records what has happened: in range and not after today. */
static lz_rc past_day(const char *field, lz_day d, lz_err *err)
{
	lz_rc rc = lz_validate_day(field, d, err);
	if (rc != LZ_OK)
		return rc;
	lz_day today = lz_day_today();
	if (d <= today)
		return LZ_OK;
	char b1[LZ_DATE_STRLEN], b2[LZ_DATE_STRLEN];
	lz_day_format(d, b1);
	lz_day_format(today, b2);
	return lz_err_set(err, LZ_EDATA, _("%s: %s is after today (%s)"),
			  field, b1, b2);
}

static lz_rc optional_day(const char *field, lz_day d, lz_err *err)
{
	return d == LZ_NO_DAY ? LZ_OK : lz_validate_day(field, d, err);
}

static lz_rc short_text(const char *field, const char *s, bool required, lz_err *err)
{
	return lz_validate_text(field, s, LZ_MAX_SHORT_BYTES, false, required, err);
}

static lz_rc task_exists(const lz_plan *plan, int task, lz_err *err)
{
	if (!lz_plan_task(plan, task))
		return lz_err_set(err, LZ_EDATA, _("task %d is not in the %d plan (tasks 1 to %zu)"),
				  task, plan->year, plan->n_tasks);
	return LZ_OK;
}

#define CHECK(expr)                          \
	do {                                 \
		lz_rc check_rc_ = (expr);    \
		if (check_rc_ != LZ_OK)      \
			return check_rc_;    \
	} while (0)

/* Every field by its type's rules (lz_fields.c), in the table's order. */
static lz_rc check_fields(const lz_plan *plan, const lz_record *r, lz_err *err)
{
	const lz_fieldtab *t = lz_fields_of(r->kind);
	for (size_t i = 0; i < t->n; i++)
		CHECK(lz_field_check(&t->v[i], r, plan, err));
	return LZ_OK;
}

static lz_rc check_roles(const lz_plan *plan, const lz_person *p, lz_err *err)
{
	if (p->roles.n > LZ_MAX_LIST_ENTRIES)
		return lz_err_set(err, LZ_EDATA, _("%s: too many entries (%zu, at most %d)"),
				  _("roles"), p->roles.n, LZ_MAX_LIST_ENTRIES);
	for (size_t i = 0; i < p->roles.n; i++) {
		CHECK(short_text(_("role"), p->roles.v[i], true, err));
		/* "role" or "role:scope" (分管领导 for which departments). */
		const char *colon = strchr(p->roles.v[i], ':');
		size_t len = colon ? (size_t)(colon - p->roles.v[i]) : strlen(p->roles.v[i]);
		/* A colon promises a scope: "main:" is a slip, not "main". */
		if (colon && lz_text_blank(colon + 1, strlen(colon + 1)))
			return lz_err_set(err, LZ_EDATA,
					  _("role '%s' has an empty scope: write ROLE:SCOPE (e.g. dual:办公室) or the role alone"),
					  p->roles.v[i]);
		bool found = false;
		for (size_t r = 0; r < plan->n_roles && !found; r++)
			found = (strlen(plan->roles[r].id) == len &&
				 memcmp(plan->roles[r].id, p->roles.v[i], len) == 0) ||
				(strlen(plan->roles[r].name) == len &&
				 memcmp(plan->roles[r].name, p->roles.v[i], len) == 0);
		if (!found)
			return lz_err_set(err, LZ_EDATA, _("unknown role '%.*s'"), (int)len,
					  p->roles.v[i]);
	}
	return LZ_OK;
}

static lz_rc check_person(const lz_plan *plan, const lz_record *r, lz_err *err)
{
	CHECK(check_fields(plan, r, err));
	return check_roles(plan, &r->u.person, err);
}

lz_rc lz_validate_person(const lz_plan *plan, const lz_person *p, lz_err *err)
{
	lz_record r = {.kind = LZ_KIND_PERSON, .u.person = *p};
	return check_person(plan, &r, err);
}

lz_rc lz_validate_item(const lz_plan *plan, const lz_item *it, lz_err *err)
{
	lz_record r = {.kind = LZ_KIND_ITEM, .u.item = *it};
	CHECK(check_fields(plan, &r, err));
	if (it->n_log > 10000)
		return lz_err_set(err, LZ_EDATA, _("too many progress notes"));
	for (size_t i = 0; i < it->n_log; i++) {
		CHECK(past_day(_("progress note date"), it->log[i].date, err));
		CHECK(lz_validate_text(_("progress note"), it->log[i].text, LZ_MAX_LONG_BYTES,
				       true, true, err));
	}
	return LZ_OK;
}

lz_rc lz_validate_meeting(const lz_plan *plan, const lz_meeting *m, lz_err *err)
{
	if (m->date == LZ_NO_DAY)
		return lz_err_set(err, LZ_EDATA, _("a meeting needs a date"));
	CHECK(lz_validate_day(_("meeting date"), m->date, err));
	lz_day today = lz_day_today();
	if (m->status == LZ_MEETING_HELD && m->date > today) {
		char b1[LZ_DATE_STRLEN], b2[LZ_DATE_STRLEN];
		lz_day_format(m->date, b1);
		lz_day_format(today, b2);
		return lz_err_set(err, LZ_EDATA,
				  _("a meeting on %s cannot be held yet: today is %s"),
				  b1, b2);
	}
	lz_record r = {.kind = LZ_KIND_MEETING, .u.meeting = *m};
	CHECK(check_fields(plan, &r, err));
	const lz_meeting_type *type = lz_plan_meeting_type(plan, m->type);
	if (m->n_absent > LZ_MAX_LIST_ENTRIES)
		return lz_err_set(err, LZ_EDATA, _("too many absentees"));
	for (size_t i = 0; i < m->n_absent; i++) {
		CHECK(short_text(_("absentee"), m->absent[i].name, true, err));
		CHECK(short_text(_("reason for absence"), m->absent[i].reason, true, err));
	}
	if (m->start != LZ_NO_TIME && (m->start < 0 || m->start >= 24 * 60))
		return lz_err_set(err, LZ_EDATA, _("start time out of range"));
	if (m->end != LZ_NO_TIME) {
		if (m->end < 0 || m->end >= 24 * 60)
			return lz_err_set(err, LZ_EDATA, _("end time out of range"));
		if (m->start == LZ_NO_TIME)
			return lz_err_set(err, LZ_EDATA, _("an end time needs a start time"));
		if (m->end <= m->start)
			return lz_err_set(err, LZ_EDATA, _("the meeting ends before it starts"));
	}
	if ((m->expected != LZ_NO_COUNT && (m->expected < 0 || m->expected > LZ_MAX_COUNT)) ||
	    (m->present != LZ_NO_COUNT && (m->present < 0 || m->present > LZ_MAX_COUNT)))
		return lz_err_set(err, LZ_EDATA, _("attendance counts must be between 0 and %d"),
				  LZ_MAX_COUNT);
	if (m->expected != LZ_NO_COUNT && m->present != LZ_NO_COUNT && m->present > m->expected)
		return lz_err_set(err, LZ_EDATA,
				  _("more present (%d) than expected (%d)"), m->present, m->expected);
	if (m->n_tasks > LZ_MAX_LIST_ENTRIES)
		return lz_err_set(err, LZ_EDATA, _("too many linked tasks"));
	for (size_t i = 0; i < m->n_tasks; i++)
		CHECK(task_exists(plan, m->tasks[i], err));
	/* Required fields describe what happened, so they bind a meeting
	 * once it is recorded as held; a planned one may not know them. */
	if (m->status == LZ_MEETING_HELD) {
		unsigned req = type->required_fields;
		if ((req & LZ_FIELD_FIRST_TOPIC) && !(m->first_topic && *m->first_topic))
			return lz_err_set(err, LZ_EDATA, _("a %s needs its first topic (第一议题)"),
					  type->name);
		if ((req & LZ_FIELD_LOCATION) && !(m->location && *m->location))
			return lz_err_set(err, LZ_EDATA, _("a %s needs its location"), type->name);
		if ((req & LZ_FIELD_HOST) && !(m->host && *m->host))
			return lz_err_set(err, LZ_EDATA, _("a %s needs its host"), type->name);
		if ((req & LZ_FIELD_RECORDER) && !(m->recorder && *m->recorder))
			return lz_err_set(err, LZ_EDATA, _("a %s needs its recorder"), type->name);
		if ((req & LZ_FIELD_END_TIME) && m->end == LZ_NO_TIME)
			return lz_err_set(err, LZ_EDATA, _("a %s needs its end time"), type->name);
		if ((req & LZ_FIELD_ATTENDANCE) &&
		    (m->expected == LZ_NO_COUNT || m->present == LZ_NO_COUNT))
			return lz_err_set(err, LZ_EDATA, _("a %s needs expected and present counts"),
					  type->name);
		if ((req & LZ_FIELD_TOPICS) && !m->topics.n)
			return lz_err_set(err, LZ_EDATA, _("a %s needs its topics"), type->name);
		if ((req & LZ_FIELD_DECISIONS) && !m->decisions.n)
			return lz_err_set(err, LZ_EDATA, _("a %s needs its decisions"), type->name);
		if ((req & LZ_FIELD_SUMMARY) && !(m->summary && *m->summary))
			return lz_err_set(err, LZ_EDATA, _("a %s needs its summary"), type->name);
	}
	return LZ_OK;
}

lz_rc lz_validate_risk(const lz_plan *plan, const lz_risk *r, lz_err *err)
{
	lz_record rec = {.kind = LZ_KIND_RISK, .u.risk = *r};
	CHECK(check_fields(plan, &rec, err));
	if (r->n_log > 10000)
		return lz_err_set(err, LZ_EDATA, _("too many reviews"));
	for (size_t i = 0; i < r->n_log; i++) {
		CHECK(past_day(_("review date"), r->log[i].date, err));
		CHECK(optional_day(_("next review"), r->log[i].next, err));
		CHECK(lz_validate_text(_("review result"), r->log[i].result, LZ_MAX_LONG_BYTES,
				       true, true, err));
		CHECK(lz_validate_review_dates(r->log[i].date, r->log[i].next, err));
	}
	return LZ_OK;
}

/* A register's own date: set, in range, not after today (a register
 * records what happened). */
static lz_rc register_day(const char *field, lz_day d, lz_err *err)
{
	if (d == LZ_NO_DAY)
		return lz_err_set(err, LZ_EDATA, _("%s is missing"), field);
	return past_day(field, d, err);
}

lz_rc lz_validate_notice(const lz_plan *plan, const lz_notice *n, lz_err *err)
{
	lz_record rec = {.kind = LZ_KIND_NOTICE, .u.notice = *n};
	CHECK(register_day(_("date received"), n->received, err));
	CHECK(check_fields(plan, &rec, err));
	bool way = n->meeting || (n->how && *n->how);
	if (n->relayed == LZ_NO_DAY) {
		if (way)
			return lz_err_set(err, LZ_EDATA, _("how a notice was relayed needs its relay date"));
		return LZ_OK;
	}
	CHECK(past_day(_("relay date"), n->relayed, err));
	if (n->relayed < n->received) {
		char d1[LZ_DATE_STRLEN], d2[LZ_DATE_STRLEN];
		lz_day_format(n->relayed, d1);
		lz_day_format(n->received, d2);
		return lz_err_set(err, LZ_EDATA,
				  _("the relay date (%s) comes before the notice was received (%s)"), d1,
				  d2);
	}
	if (!way)
		return lz_err_set(err, LZ_EDATA,
				  _("a relayed notice needs the meeting where it was read or how it was relayed"));
	return LZ_OK;
}

lz_rc lz_validate_disclosure(const lz_plan *plan, const lz_disclosure *d, lz_err *err)
{
	lz_record rec = {.kind = LZ_KIND_DISCLOSURE, .u.disclosure = *d};
	CHECK(register_day(_("date of disclosure"), d->date, err));
	return check_fields(plan, &rec, err);
}

lz_rc lz_validate_discipline(const lz_plan *plan, const lz_discipline *d, lz_err *err)
{
	lz_record rec = {.kind = LZ_KIND_DISCIPLINE, .u.discipline = *d};
	CHECK(register_day(_("date of the measure"), d->date, err));
	return check_fields(plan, &rec, err);
}

lz_rc lz_validate_review_dates(lz_day date, lz_day next, lz_err *err)
{
	if (next == LZ_NO_DAY || next > date)
		return LZ_OK;
	char d1[LZ_DATE_STRLEN], d2[LZ_DATE_STRLEN];
	lz_day_format(next, d1);
	lz_day_format(date, d2);
	return lz_err_set(err, LZ_EDATA,
			  _("the next review (%s) must come after the review date (%s)"), d1, d2);
}

lz_rc lz_validate_record(const lz_plan *plan, const lz_record *r, lz_err *err)
{
	switch (r->kind) {
	case LZ_KIND_PERSON: return lz_validate_person(plan, &r->u.person, err);
	case LZ_KIND_ITEM: return lz_validate_item(plan, &r->u.item, err);
	case LZ_KIND_MEETING: return lz_validate_meeting(plan, &r->u.meeting, err);
	case LZ_KIND_RISK: return lz_validate_risk(plan, &r->u.risk, err);
	case LZ_KIND_NOTICE: return lz_validate_notice(plan, &r->u.notice, err);
	case LZ_KIND_DISCLOSURE: return lz_validate_disclosure(plan, &r->u.disclosure, err);
	case LZ_KIND_DISCIPLINE: return lz_validate_discipline(plan, &r->u.discipline, err);
	default: return lz_err_set(err, LZ_EDATA, "bad record kind");
	}
}

bool lz_meeting_below_quorum(const lz_plan *plan, const lz_meeting *m)
{
	if (m->status != LZ_MEETING_HELD)
		return false;
	return lz_meeting_type_below_quorum(lz_plan_meeting_type(plan, m->type), m->expected,
					    m->present);
}

bool lz_record_contains(const lz_record *r, const char *needle)
{
	return lz_fields_contain(r, needle);
}
