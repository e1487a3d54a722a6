/* The person × task matrix of the responsibilities pane: how many items
 * each owner has under each task, so the 一岗双责 split can be checked at
 * a glance — a leader who owns nothing, a task nobody owns.  Laid out to
 * fit 80 columns with Chinese names (and so to print), scrolling when a
 * plan has more tasks or people than fit. */
#ifndef LZ_UI_MATRIX_H
#define LZ_UI_MATRIX_H

#include "lz_matrix.h"
#include "ui.h"

typedef struct ui_matrix {
	lz_arena arena;
	lz_matrix m;       /* the people recorded (by id) first */
	size_t row, col;   /* the cursor: an owner, a task index */
	size_t top, left;  /* the first row and task column shown */
} ui_matrix;

/* Counts items (every one, or only the late ones) into m, which is
 * emptied first; the cursor stays where it was when it still fits. */
void ui_matrix_build(ui_matrix *m, ui_app *app, const lz_item *const *items, size_t n,
		     bool late_only);
void ui_matrix_draw(ui_matrix *m, ui_app *app, WINDOW *w, int height, int width, bool late_only);
/* Moves the cursor; false when the action is not a move. */
bool ui_matrix_move(ui_matrix *m, ui_action a);
/* The owner under the cursor ("" for none, NULL when there are no rows). */
const char *ui_matrix_owner(const ui_matrix *m);
void ui_matrix_free(ui_matrix *m);

#endif
