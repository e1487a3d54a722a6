#include "lz_matrix.h"

#include <string.h>

#include "lz_status.h"

static size_t owner_row(const lz_matrix *m, const char *owner)
{
	if (!owner || !*owner)
		return m->n_owners - 1;  /* the row without an owner comes last */
	for (size_t i = 0; i < m->n_owners; i++)
		if (strcmp(m->owners[i], owner) == 0)
			return i;
	return m->n_owners;
}

void lz_matrix_build(lz_matrix *m, const lz_plan *plan, const char *const *people,
		     size_t n_people, const lz_item *const *items, size_t n, lz_day today,
		     bool late_only, lz_arena *arena)
{
	lz_words w = {.arena = arena};
	for (size_t i = 0; i < n_people; i++)
		lz_words_add(&w, people[i]);
	bool unowned = false;
	for (size_t i = 0; i < n; i++) {
		lz_words_add(&w, items[i]->owner);
		unowned |= !items[i]->owner || !*items[i]->owner;
	}
	m->n_owners = w.n + unowned;
	m->owners = lz_arena_alloc(arena, (m->n_owners + 1) * sizeof *m->owners);
	if (w.n)
		memcpy(m->owners, w.v, w.n * sizeof *w.v);
	if (unowned)
		m->owners[w.n] = "";
	m->n_tasks = plan->n_tasks;
	size_t cells = m->n_owners * m->n_tasks + 1;
	m->counts = lz_arena_alloc(arena, cells * sizeof *m->counts);
	m->late = lz_arena_alloc(arena, cells * sizeof *m->late);
	m->owner_total = lz_arena_alloc(arena, (m->n_owners + 1) * sizeof *m->owner_total);
	m->task_total = lz_arena_alloc(arena, (m->n_tasks + 1) * sizeof *m->task_total);
	m->total = 0;
	for (size_t i = 0; i < n; i++) {
		const lz_item *it = items[i];
		const lz_task *task = lz_plan_task(plan, it->task);
		bool late = lz_item_late(plan, it, today);
		if (!task || (late_only && !late))
			continue;
		size_t r = owner_row(m, it->owner), c = (size_t)(task - plan->tasks);
		if (r >= m->n_owners)
			continue;
		m->counts[r * m->n_tasks + c]++;
		m->late[r * m->n_tasks + c] += late;
		m->owner_total[r]++;
		m->task_total[c]++;
		m->total++;
	}
}
