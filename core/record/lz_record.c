#include "lz_record.h"

#include <string.h>

#include "lz_fields.h"

#include "lz_i18n.h"

const char *lz_kind_name(lz_kind k)
{
	static const char *const names[] = {"person", "item", "meeting", "risk",
					       "notice", "disclosure", "discipline"};
	return k < LZ_KIND_COUNT ? names[k] : "record";
}

const char *lz_kind_label(lz_kind k)
{
	switch (k) {
	case LZ_KIND_PERSON: return _("person");
	case LZ_KIND_ITEM: return _("item");
	case LZ_KIND_MEETING: return _("meeting");
	case LZ_KIND_RISK: return _("risk point");
	case LZ_KIND_NOTICE: return C_("kind", "notice");
	case LZ_KIND_DISCLOSURE: return _("disclosure");
	case LZ_KIND_DISCIPLINE: return _("discipline record");
	default: return _("record");
	}
}

const char *lz_meeting_status_id(lz_meeting_status s)
{
	static const char *const ids[] = {"planned", "held", "cancelled"};
	return ids[s];
}

const char *lz_meeting_status_label(lz_meeting_status s)
{
	switch (s) {
	case LZ_MEETING_PLANNED: return _("planned");
	case LZ_MEETING_HELD: return _("held");
	case LZ_MEETING_CANCELLED: return _("cancelled");
	}
	return "?";
}

const char *lz_day_or_empty(lz_day d, char buf[LZ_DATE_STRLEN])
{
	if (d == LZ_NO_DAY)
		buf[0] = '\0';
	else
		lz_day_format(d, buf);
	return buf;
}

bool lz_meeting_status_parse(const char *s, lz_meeting_status *out)
{
	for (int i = LZ_MEETING_PLANNED; i <= LZ_MEETING_CANCELLED; i++)
		if (strcmp(s, lz_meeting_status_id((lz_meeting_status)i)) == 0) {
			*out = (lz_meeting_status)i;
			return true;
		}
	return false;
}

void lz_meeting_init(lz_meeting *m)
{
	lz_record r;
	lz_record_init(LZ_KIND_MEETING, &r);
	*m = r.u.meeting;
}

static int day_year(lz_day d, int otherwise)
{
	if (d == LZ_NO_DAY)
		return otherwise;
	int y, m, dd;
	lz_day_to_ymd(d, &y, &m, &dd);
	return y;
}

int lz_record_year(const lz_record *r)
{
	switch (r->kind) {
	case LZ_KIND_MEETING:
		if (r->u.meeting.date != LZ_NO_DAY) {
			int y, m, d;
			lz_day_to_ymd(r->u.meeting.date, &y, &m, &d);
			return y;
		}
		return r->u.meta.year;
	case LZ_KIND_ITEM:
	case LZ_KIND_RISK:
		return r->u.meta.year;
	/* A register's entry belongs to the year of its date. */
	case LZ_KIND_NOTICE: return day_year(r->u.notice.received, r->u.meta.year);
	case LZ_KIND_DISCLOSURE: return day_year(r->u.disclosure.date, r->u.meta.year);
	case LZ_KIND_DISCIPLINE: return day_year(r->u.discipline.date, r->u.meta.year);
	default:
		return 0;
	}
}

void lz_meeting_brief_of(const lz_meeting *m, lz_meeting_brief *b)
{
	*b = (lz_meeting_brief){
		.id = m->meta.id, .date = m->date, .start = m->start, .status = m->status,
		.type = m->type ? m->type : "", .expected = m->expected, .present = m->present,
		.held_entered = m->held_entered,
		.has_first_topic = m->first_topic && *m->first_topic, .imported = m->imported,
		.title = m->title,
	};
}

void lz_item_init(lz_item *it)
{
	lz_record r;
	lz_record_init(LZ_KIND_ITEM, &r);
	*it = r.u.item;
}

void lz_risk_init(lz_risk *x)
{
	lz_record r;
	lz_record_init(LZ_KIND_RISK, &r);
	*x = r.u.risk;
}

void lz_person_init(lz_person *p)
{
	lz_record r;
	lz_record_init(LZ_KIND_PERSON, &r);
	*p = r.u.person;
}

bool lz_item_is_rectification(const lz_item *it)
{
	/* The source names the inspection round ("县委第二轮巡察反馈",
	 * "2021年度经费审计"); these words are what marks one. */
	static const char *const words[] = {"巡察", "巡视", "审计", "督查", "督察"};
	if (!it->source)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strstr(it->source, words[i]))
			return true;
	return false;
}
