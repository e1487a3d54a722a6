#include "ui_matrix.h"

#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"
#include "ui_form.h"

/* Columns: a name of five CJK characters, a cell per task ("12!"), the
 * total.  Thirteen tasks take 10 + 52 + 6 = 68 columns. */
enum { NAME_W = 10, CELL_W = 4, TOTAL_W = 6 };

void ui_matrix_build(ui_matrix *m, ui_app *app, const lz_item *const *items, size_t n,
		     bool late_only)
{
	lz_arena_free(&m->arena);
	const char **people;
	size_t n_people = ui_people_names(app, &m->arena, &people);
	lz_matrix_build(&m->m, app->db.plan, people, n_people, items, n, app->as_of, late_only,
			&m->arena);
	if (m->row >= m->m.n_owners)
		m->row = m->m.n_owners ? m->m.n_owners - 1 : 0;
	if (m->col >= m->m.n_tasks)
		m->col = m->m.n_tasks ? m->m.n_tasks - 1 : 0;
}

const char *ui_matrix_owner(const ui_matrix *m)
{
	return m->m.n_owners ? m->m.owners[m->row] : NULL;
}

/* A count right-aligned in its cell, "!" after it when some are late. */
static void cell_text(char *buf, size_t size, int count, int late)
{
	if (!count)
		snprintf(buf, size, "  · ");
	else
		snprintf(buf, size, "%3d%s", count, late ? "!" : " ");
}

void ui_matrix_draw(ui_matrix *m, ui_app *app, WINDOW *w, int height, int width, bool late_only)
{
	const lz_plan *plan = app->db.plan;
	char head[256];
	snprintf(head, sizeof head,
		 late_only ? _("Late items per person and task: %d   (Enter opens the task, m back)")
			   : _("Items per person and task: %d   (Enter opens the task, m back)"),
		 m->m.total);
	ui_put_cut(w, 0, 0, head, width, S_HEADER);
	if (!m->m.n_owners || !m->m.n_tasks) {
		ui_put(w, 2, 0, _("No people and no items yet: F2 under a task adds an item."), width,
		       S_DIM);
		return;
	}
	size_t cols = width > NAME_W + TOTAL_W + CELL_W ? (size_t)(width - NAME_W - TOTAL_W) / CELL_W : 1;
	if (cols > m->m.n_tasks)
		cols = m->m.n_tasks;
	if (m->col < m->left)
		m->left = m->col;
	if (m->col >= m->left + cols)
		m->left = m->col - cols + 1;
	if (m->left + cols > m->m.n_tasks)
		m->left = m->m.n_tasks - cols;
	/* Rows: the heading, the task numbers, the people, the totals, and
	 * the line naming the cursor's cell. */
	size_t rows = height > 5 ? (size_t)height - 4 : 1;
	if (m->row < m->top)
		m->top = m->row;
	if (m->row >= m->top + rows)
		m->top = m->row - rows + 1;
	if (m->top + rows > m->m.n_owners)
		m->top = m->m.n_owners > rows ? m->m.n_owners - rows : 0;
	int total_x = NAME_W + (int)cols * CELL_W + 1;

	ui_put(w, 1, 0, _("Owner"), NAME_W, S_DIM);
	if (m->left > 0)
		ui_put(w, 1, NAME_W - 1, "◀", 1, S_HEADER);
	for (size_t c = 0; c < cols; c++) {
		char num[16];
		snprintf(num, sizeof num, "%3d ", plan->tasks[m->left + c].number);
		ui_put(w, 1, NAME_W + (int)c * CELL_W, num, CELL_W,
		       m->left + c == m->col ? S_HEADER : S_DIM);
	}
	if (m->left + cols < m->m.n_tasks)
		ui_put(w, 1, total_x - 1, "▶", 1, S_HEADER);
	ui_put(w, 1, total_x, _("Total"), TOTAL_W, S_DIM);

	int y = 2;
	for (size_t r = m->top; r < m->m.n_owners && r < m->top + rows; r++, y++) {
		const char *name = *m->m.owners[r] ? m->m.owners[r] : _("(none)");
		ui_put_cut(w, y, 0, name, NAME_W - 1, r == m->row ? S_HEADER : S_NORMAL);
		for (size_t c = 0; c < cols; c++) {
			size_t k = r * m->m.n_tasks + m->left + c;
			char cell[16];
			cell_text(cell, sizeof cell, m->m.counts[k], m->m.late[k]);
			bool cursor = r == m->row && m->left + c == m->col;
			ui_put(w, y, NAME_W + (int)c * CELL_W, cell, CELL_W,
			       cursor ? S_SELECTED : m->m.late[k] ? S_WARN : m->m.counts[k] ? S_NORMAL : S_DIM);
		}
		char tot[16];
		snprintf(tot, sizeof tot, "%4d", m->m.owner_total[r]);
		ui_put(w, y, total_x, tot, TOTAL_W, m->m.owner_total[r] ? S_NORMAL : S_WARN);
	}
	/* Totals: a task nobody owns an item of stands out. */
	ui_put(w, y, 0, _("Total"), NAME_W, S_HEADER);
	for (size_t c = 0; c < cols; c++) {
		char cell[16];
		snprintf(cell, sizeof cell, "%3d ", m->m.task_total[m->left + c]);
		ui_put(w, y, NAME_W + (int)c * CELL_W, cell, CELL_W,
		       m->m.task_total[m->left + c] || late_only ? S_HEADER : S_WARN);
	}
	char tot[16];
	snprintf(tot, sizeof tot, "%4d", m->m.total);
	ui_put(w, y, total_x, tot, TOTAL_W, S_HEADER);
	if (m->top + rows < m->m.n_owners)
		ui_put(w, y, NAME_W - 1, "↓", 1, S_HEADER);
	y++;
	/* The cursor's cell in words: the columns are only numbers. */
	const lz_task *task = &plan->tasks[m->col];
	size_t k = m->row * m->m.n_tasks + m->col;
	char line[800];
	snprintf(line, sizeof line, dngettext(LZ_GETTEXT_PACKAGE, "%s · task %d %s: %d item, %d late", "%s · task %d %s: %d items, %d late", m->m.counts[k]),
		 *m->m.owners[m->row] ? m->m.owners[m->row] : _("(none)"), task->number, task->title,
		 m->m.counts[k], m->m.late[k]);
	if (y < height)
		ui_put_cut(w, y, 0, line, width, S_DIM);
}

bool ui_matrix_move(ui_matrix *m, ui_action a)
{
	switch (a) {
	case ACT_UP: if (m->row > 0) m->row--; return true;
	case ACT_DOWN: if (m->row + 1 < m->m.n_owners) m->row++; return true;
	case ACT_LEFT: if (m->col > 0) m->col--; return true;
	case ACT_RIGHT: if (m->col + 1 < m->m.n_tasks) m->col++; return true;
	case ACT_HOME: m->col = 0; return true;
	case ACT_END: m->col = m->m.n_tasks ? m->m.n_tasks - 1 : 0; return true;
	case ACT_PAGE_UP: m->row = m->row > 10 ? m->row - 10 : 0; return true;
	case ACT_PAGE_DOWN:
		m->row = m->row + 10 < m->m.n_owners ? m->row + 10 : m->m.n_owners ? m->m.n_owners - 1 : 0;
		return true;
	default: return false;
	}
}

void ui_matrix_free(ui_matrix *m)
{
	lz_arena_free(&m->arena);
}
