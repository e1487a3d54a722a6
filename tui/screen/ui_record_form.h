/* A form's fields from a kind's field table (lz_fields.h): each field
 * people enter becomes a form field of the kind its type asks for (a
 * plan vocabulary or a task a choice, a date a checked date, text that
 * may hold line breaks several rows, a person's name with F5 offering
 * the people, roles with F5 offering the plan's), and a saved form is
 * read back through the type's parse.
 * A pane adds only what is special to it (picks, a default). */
#ifndef LZ_UI_RECORD_FORM_H
#define LZ_UI_RECORD_FORM_H

#include "lz_fields.h"
#include "ui_form.h"

enum { UI_MAX_RECORD_FIELDS = 32 };

typedef struct ui_record_fields {
	const lz_fielddef *def[UI_MAX_RECORD_FIELDS];
	const char **choice_ids[UI_MAX_RECORD_FIELDS];  /* vocabulary ids by choice */
	ui_field fields[UI_MAX_RECORD_FIELDS];
	size_t n;
} ui_record_fields;

/* The fields of rec's kind with rec's values; labels and lists in arena. */
void ui_record_fields_build(ui_app *app, const lz_record *rec, lz_arena *arena,
			    ui_record_fields *out);
/* The form field of key, or NULL. */
ui_field *ui_record_field(ui_record_fields *rf, const char *key);
/* The form's values into rec (strings in arena); false with err saying
 * which field and why. */
bool ui_record_fields_apply(ui_record_fields *rf, const ui_field *fields, const lz_plan *plan,
			    lz_record *rec, lz_arena *arena, lz_err *err);

#endif
