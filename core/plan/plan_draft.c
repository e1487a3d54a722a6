/* The draft of a new year's plan (lz_plan_draft.h). */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_plan_draft.h"

/* The title with the earlier year replaced ("2022年…" becomes "2023年…");
 * NULL when it does not name that year. */
static const char *title_for(lz_arena *a, const char *title, int from, int year)
{
	char old[16];
	snprintf(old, sizeof old, "%d年", from);
	const char *at = strstr(title, old);
	if (!at)
		return NULL;
	return lz_arena_printf(a, "%.*s%d年%s", (int)(at - title), title, year,
			       at + strlen(old));
}

/* text with the mark that says it is last year's, once: a draft of a
 * draft keeps the first mark, which names the year the words are from. */
static const char *marked(lz_arena *a, const char *text, int year)
{
	const char *mark = _("[Draft: the %d text, to be replaced] ");
	size_t before_year = strcspn(mark, "%");
	if (strncmp(text, mark, before_year) == 0)
		return text;
	char *head = lz_arena_printf(a, mark, year);
	return lz_arena_printf(a, "%s%s", head, text);
}

void lz_plan_draft_make(lz_plan_draft *d, const lz_plan *from, int year,
			const lz_holidays *holidays)
{
	assert(year >= LZ_YEAR_FIRST && year <= LZ_YEAR_LAST);
	*d = (lz_plan_draft){0};
	lz_plan_notes_init(&d->notes, &d->arena);
	lz_plan *p = &d->plan;
	*p = *from;
	p->format = LZ_PLAN_FORMAT;
	p->year = year;

	lz_plan_notes_add(&d->notes, LZ_PART_FILE, 0,
			  _("Draft of the %d plan, made from the %d plan. Replace every part marked as a draft with this year's text, then check the file with: lianzheng plan check FILE"),
			  year, from->year);
	const char *draft = _("Draft: replace with this year's text (copied from the %d plan).");
	const char *title = title_for(&d->arena, from->title, from->year, year);
	if (title)
		p->title = title;
	lz_plan_notes_add(&d->notes, LZ_PART_TITLE, 0, draft, from->year);
	/* The copied texts say so where they are read (the ledger, the tasks
	 * pane), not only in the file's comments: a ledger printed before they
	 * are replaced must not pass last year's words off as this year's. */
	if (p->general_requirement) {
		lz_plan_notes_add(&d->notes, LZ_PART_GENERAL, 0, draft, from->year);
		p->general_requirement = marked(&d->arena, p->general_requirement, from->year);
	}
	lz_task *tasks = lz_arena_alloc(&d->arena, (p->n_tasks ? p->n_tasks : 1) * sizeof *tasks);
	for (size_t i = 0; i < p->n_tasks; i++) {
		tasks[i] = from->tasks[i];
		tasks[i].text = marked(&d->arena, from->tasks[i].text, from->year);
	}
	p->tasks = tasks;
	d->warning = lz_holidays_apply(holidays, year, p, &d->notes);
	for (size_t s = 0; s < p->n_sections; s++)
		lz_plan_notes_add(&d->notes, LZ_PART_SECTION, s, draft, from->year);
	for (size_t i = 0; i < p->n_tasks; i++)
		lz_plan_notes_add(&d->notes, LZ_PART_TASK, i, draft, from->year);
	/* An obligation the plan's own text states holds only while this
	 * year's text says so too. */
	for (size_t i = 0; i < p->n_obligations; i++)
		if (p->obligations[i].basis == LZ_BASIS_PLAN)
			lz_plan_notes_add(&d->notes, LZ_PART_OBLIGATION, i,
					  _("Stated by task %d of the %d plan: check that this year's plan still says so, and in which task."),
					  p->obligations[i].task, from->year);
}

void lz_plan_draft_free(lz_plan_draft *d)
{
	lz_plan_notes_free(&d->notes);
	lz_arena_free(&d->arena);
	*d = (lz_plan_draft){0};
}
