#include "lz_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "plan_internal.h"

void lz_plan_free(lz_plan *plan)
{
	if (!plan)
		return;
	plan_owner *owner = (plan_owner *)plan;
	lz_arena arena = owner->arena;
	/* The owner lives inside its own arena. */
	lz_arena_free(&arena);
}

#define FIND_BY_ID_OR_NAME(arr, n)                                          \
	do {                                                                \
		if (!id_or_name)                                            \
			return NULL;                                        \
		for (size_t i = 0; i < (n); i++)                            \
			if (strcmp((arr)[i].id, id_or_name) == 0 ||          \
			    strcmp((arr)[i].name, id_or_name) == 0)          \
				return &(arr)[i];                           \
		return NULL;                                                \
	} while (0)

int lz_plan_year_in_force(const int *years, size_t n, int year)
{
	if (!n)
		return 0;
	if (!year)
		return years[n - 1];
	int best = years[0];
	for (size_t i = 0; i < n && years[i] <= year; i++)
		best = years[i];
	return best;
}

const lz_meeting_type *lz_plan_meeting_type(const lz_plan *p, const char *id_or_name)
{
	/* Called for every meeting a dashboard counts, nearly always with an
	 * id: ids are tried first, names only when no id matches. */
	if (!id_or_name)
		return NULL;
	for (size_t i = 0; i < p->n_meeting_types; i++)
		if (strcmp(p->meeting_types[i].id, id_or_name) == 0)
			return &p->meeting_types[i];
	for (size_t i = 0; i < p->n_meeting_types; i++)
		if (strcmp(p->meeting_types[i].name, id_or_name) == 0)
			return &p->meeting_types[i];
	/* The short name the lists show is a name she will type too. */
	for (size_t i = 0; i < p->n_meeting_types; i++)
		if (p->meeting_types[i].short_name &&
		    strcmp(p->meeting_types[i].short_name, id_or_name) == 0)
			return &p->meeting_types[i];
	return NULL;
}

const lz_item_status *lz_plan_item_status(const lz_plan *p, const char *id_or_name)
{
	FIND_BY_ID_OR_NAME(p->item_statuses, p->n_item_statuses);
}

const lz_risk_level *lz_plan_risk_level(const lz_plan *p, const char *id_or_name)
{
	FIND_BY_ID_OR_NAME(p->risk_levels, p->n_risk_levels);
}

const lz_role *lz_plan_role(const lz_plan *p, const char *id_or_name)
{
	FIND_BY_ID_OR_NAME(p->roles, p->n_roles);
}

const lz_task *lz_plan_task(const lz_plan *p, int number)
{
	for (size_t i = 0; i < p->n_tasks; i++)
		if (p->tasks[i].number == number)
			return &p->tasks[i];
	return NULL;
}

const lz_obligation *lz_plan_obligation(const lz_plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_obligations; i++)
		if (strcmp(p->obligations[i].id, id) == 0)
			return &p->obligations[i];
	return NULL;
}

const char *lz_meeting_type_short(const lz_meeting_type *t)
{
	return t->short_name ? t->short_name : t->name;
}

const lz_holiday *lz_plan_holiday(const lz_plan *p, lz_day d)
{
	for (size_t i = 0; i < p->n_holidays; i++)
		if (d >= p->holidays[i].from && d <= p->holidays[i].to)
			return &p->holidays[i];
	return NULL;
}

bool lz_plan_is_makeup_workday(const lz_plan *p, lz_day d)
{
	for (size_t i = 0; i < p->n_workdays; i++)
		if (p->workdays[i] == d)
			return true;
	return false;
}

bool lz_plan_has_calendar(const lz_plan *p)
{
	lz_day first = lz_day_from_ymd(p->year, 1, 1), last = lz_day_from_ymd(p->year, 12, 31);
	for (size_t i = 0; i < p->n_holidays; i++)
		if (p->holidays[i].to >= first && p->holidays[i].from <= last)
			return true;
	return false;
}

bool lz_plan_is_workday(const lz_plan *p, lz_day d)
{
	if (lz_plan_holiday(p, d))
		return false;
	if (lz_day_weekday(d) >= 6)
		return lz_plan_is_makeup_workday(p, d);
	return true;
}

bool lz_meeting_type_below_quorum(const lz_meeting_type *t, int expected, int present)
{
	if (!t || !t->has_quorum || expected <= 0 || present < 0)
		return false;
	/* Compared in integers: present/expected against num/den. */
	long lhs = (long)present * t->quorum.den;
	long rhs = (long)expected * t->quorum.num;
	return t->quorum.strict ? lhs <= rhs : lhs < rhs;
}

const char *lz_period_kind_id(lz_period_kind k)
{
	static const char *const ids[] = {"year", "half", "quarter", "month"};
	return ids[k];
}

const char *lz_basis_id(lz_basis b)
{
	static const char *const ids[] = {"plan", "rules", "local", "practice"};
	return ids[b];
}

const char *const lz_meeting_field_words[] = {
	"first_topic", "location", "host", "recorder", "end_time",
	"attendance", "topics", "decisions", "summary", NULL};

const char *lz_meeting_field_name(unsigned index)
{
	static const char *const names[] = {
		N_("first topic (第一议题)"), N_("location"), N_("host"), N_("recorder"),
		N_("end time"), N_("expected and present counts"), N_("topics"), N_("decisions"),
		N_("summary")};
	return index < sizeof names / sizeof *names ? _(names[index]) : "";
}

const char *lz_basis_name(lz_basis b)
{
	switch (b) {
	case LZ_BASIS_PLAN: return _("this plan");
	case LZ_BASIS_RULES: return _("party rules");
	case LZ_BASIS_LOCAL: return _("local rules");
	case LZ_BASIS_PRACTICE: return _("practice");
	}
	return "";
}

void lz_chinese_numeral(int n, char *buf, size_t size)
{
	static const char *const digit[] = {"", "一", "二", "三", "四", "五",
					    "六", "七", "八", "九"};
	if (n <= 0 || n >= 100) {
		snprintf(buf, size, "%d", n);
		return;
	}
	int tens = n / 10, ones = n % 10;
	snprintf(buf, size, "%s%s%s", tens > 1 ? digit[tens] : "",
		 tens ? "十" : "", digit[ones]);
}
