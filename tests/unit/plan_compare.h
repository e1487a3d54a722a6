/* Structural equality of two plans, part by part, for the tests of what
 * writes plans (the writer, the new-year draft, the text reader). */
#ifndef LZ_PLAN_COMPARE_H
#define LZ_PLAN_COMPARE_H

#include <string.h>

#include "lz_plan.h"

static inline void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Sections, tasks (numbers, titles, texts, roles by id). */
static inline void assert_same_sections(const lz_plan *a, const lz_plan *b)
{
	assert_int_equal(a->n_sections, b->n_sections);
	for (size_t s = 0; s < a->n_sections; s++) {
		assert_int_equal(a->sections[s].number, b->sections[s].number);
		assert_string_equal(a->sections[s].title, b->sections[s].title);
		assert_int_equal(a->sections[s].first_task, b->sections[s].first_task);
		assert_int_equal(a->sections[s].n_tasks, b->sections[s].n_tasks);
	}
	assert_int_equal(a->n_tasks, b->n_tasks);
	for (size_t i = 0; i < a->n_tasks; i++) {
		const lz_task *x = &a->tasks[i], *y = &b->tasks[i];
		assert_int_equal(x->number, y->number);
		assert_int_equal(x->section, y->section);
		assert_string_equal(x->title, y->title);
		assert_string_equal(x->text, y->text);
	}
}

static inline void assert_same_task_roles(const lz_plan *a, const lz_plan *b)
{
	for (size_t i = 0; i < a->n_tasks; i++) {
		const lz_task *x = &a->tasks[i], *y = &b->tasks[i];
		assert_int_equal(x->n_roles, y->n_roles);
		for (size_t r = 0; r < x->n_roles; r++)
			assert_string_equal(a->roles[x->roles[r]].id, b->roles[y->roles[r]].id);
	}
}

static inline void assert_same_obligation(const lz_plan *a, const lz_obligation *x,
					  const lz_plan *b, const lz_obligation *y)
{
	assert_string_equal(x->id, y->id);
	assert_string_equal(a->meeting_types[x->meeting_type].id,
			    b->meeting_types[y->meeting_type].id);
	assert_int_equal(x->min, y->min);
	assert_int_equal(x->per, y->per);
	assert_int_equal(x->task, y->task);
	assert_int_equal(x->basis, y->basis);
	assert_int_equal(x->n_warn_days, y->n_warn_days);
	for (size_t w = 0; w < x->n_warn_days; w++)
		assert_int_equal(x->warn_days[w], y->warn_days[w]);
}

/* Roles, item statuses, risk levels, meeting types and obligations. */
static inline void assert_same_vocabularies(const lz_plan *a, const lz_plan *b)
{
	assert_int_equal(a->n_roles, b->n_roles);
	for (size_t i = 0; i < a->n_roles; i++) {
		assert_string_equal(a->roles[i].id, b->roles[i].id);
		assert_string_equal(a->roles[i].name, b->roles[i].name);
	}
	assert_int_equal(a->n_item_statuses, b->n_item_statuses);
	for (size_t i = 0; i < a->n_item_statuses; i++) {
		assert_string_equal(a->item_statuses[i].id, b->item_statuses[i].id);
		assert_string_equal(a->item_statuses[i].name, b->item_statuses[i].name);
		assert_int_equal(a->item_statuses[i].closes, b->item_statuses[i].closes);
	}
	assert_int_equal(a->n_risk_levels, b->n_risk_levels);
	for (size_t i = 0; i < a->n_risk_levels; i++) {
		assert_string_equal(a->risk_levels[i].id, b->risk_levels[i].id);
		assert_string_equal(a->risk_levels[i].name, b->risk_levels[i].name);
		assert_int_equal(a->risk_levels[i].review_days, b->risk_levels[i].review_days);
	}
	assert_int_equal(a->n_meeting_types, b->n_meeting_types);
	for (size_t i = 0; i < a->n_meeting_types; i++) {
		const lz_meeting_type *x = &a->meeting_types[i], *y = &b->meeting_types[i];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->name, y->name);
		assert_same_str(x->symbol, y->symbol);
		assert_int_equal(x->required_fields, y->required_fields);
		assert_int_equal(x->has_quorum, y->has_quorum);
		assert_int_equal(x->quorum.num, y->quorum.num);
		assert_int_equal(x->quorum.den, y->quorum.den);
		assert_int_equal(x->quorum.strict, y->quorum.strict);
	}
	assert_int_equal(a->n_obligations, b->n_obligations);
	for (size_t i = 0; i < a->n_obligations; i++) {
		assert_same_obligation(a, &a->obligations[i], b, &b->obligations[i]);
		assert_same_str(a->obligations[i].note, b->obligations[i].note);
	}
}

static inline void assert_same_calendar(const lz_plan *a, const lz_plan *b)
{
	assert_int_equal(a->n_holidays, b->n_holidays);
	for (size_t i = 0; i < a->n_holidays; i++) {
		assert_int_equal(a->holidays[i].from, b->holidays[i].from);
		assert_int_equal(a->holidays[i].to, b->holidays[i].to);
		assert_string_equal(a->holidays[i].name, b->holidays[i].name);
	}
	assert_int_equal(a->n_workdays, b->n_workdays);
	for (size_t i = 0; i < a->n_workdays; i++)
		assert_int_equal(a->workdays[i], b->workdays[i]);
}

/* Every part. */
static inline void assert_same_plan(const lz_plan *a, const lz_plan *b)
{
	assert_int_equal(a->format, b->format);
	assert_int_equal(a->year, b->year);
	assert_string_equal(a->organization, b->organization);
	assert_string_equal(a->title, b->title);
	assert_same_str(a->general_requirement, b->general_requirement);
	assert_int_equal(a->late_entry_days, b->late_entry_days);
	assert_int_equal(a->relay_days, b->relay_days);
	assert_same_calendar(a, b);
	assert_same_vocabularies(a, b);
	assert_same_sections(a, b);
	assert_same_task_roles(a, b);
}

#endif
