/* Modal forms shared by every pane: labelled fields, Tab/Shift-Tab (and
 * ↑ ↓) between them, F2 or Enter on the last field saves, Esc cancels and
 * writes nothing.  Text fields use the line editor (lineedit.h); dates,
 * times and numbers are checked when the field is left, with the message
 * beside the field, and dates and times then shown as they are kept (a
 * date typed without its year is in the year in view); a failed save
 * keeps everything typed. */
#ifndef LZ_UI_FORM_H
#define LZ_UI_FORM_H

#include "lineedit.h"
#include "lz_err.h"
#include "ui.h"

/* What a date or time field holds while it is typed (ui_field_text). */
enum { UI_TYPED_BYTES = 40 };

typedef enum ui_field_kind {
	F_TEXT, F_LONG, F_DATE, F_TIME, F_NUMBER, F_CHOICE,
} ui_field_kind;

typedef struct ui_field {
	const char *label;    /* translated */
	ui_field_kind kind;
	bool required;
	lineedit edit;        /* all kinds but F_CHOICE */
	const char **choices; /* F_CHOICE: labels */
	size_t n_choices, choice;
	const char **picks;   /* text fields: F5 offers these */
	size_t n_picks;
	bool pick_adds_line;  /* a pick is added as a line of its own (a role) */
	bool people;          /* names a person: F5 offers the people (ui_pick_person) */
	/* Names several: F5 ticks the people recorded, joined by 、
	 * (people_ticks), or adds one on a line of its own, followed by
	 * people_line_end (列席 "", 缺席 "：" for the reason). */
	bool people_ticks;
	const char *people_line_end;
	int rows;             /* F_LONG: rows shown */
	int shown_rows;       /* F_LONG: rows this drawing, more while it has the cursor */
	/* The text is a default offered (a prompt's): the first character
	 * typed replaces it, Enter keeps it, an editing key starts editing it. */
	bool offered;
	/* F_CHOICE: what has been typed since entering it, to find a choice
	 * by name (专 finds 专题会议). */
	char typed[64];
	char error[200];
} ui_field;

typedef struct ui_form ui_form;
struct ui_form {
	const char *title;
	const char *keys;  /* the hint line; NULL for the form's default */
	ui_field *fields;
	size_t n;
	size_t active;
	char status[512];
	bool status_error;
	/* Validates and writes; on failure fills err and returns false. */
	bool (*save)(ui_form *f, void *ctx, lz_err *err);
	/* Called after a field changed, to update dependent labels. */
	void (*changed)(ui_form *f, void *ctx);
	void *ctx;
};

/* max_bytes: the text's limit; a date or time field has its own. */
void ui_field_text(ui_field *f, const char *label, ui_field_kind kind, const char *value,
		   size_t max_bytes);
void ui_field_choice(ui_field *f, const char *label, const char **choices, size_t n,
		     size_t selected);
void ui_form_free(ui_form *f);
/* Runs the form until it is saved (true) or cancelled (false). */
bool ui_form_run(ui_app *app, ui_form *f);
/* A field's text, malloc'd. */
char *ui_field_value(const ui_field *f);
/* A field's text copied into arena; NULL when empty (an unset field). */
const char *ui_field_text_in(const ui_field *f, lz_arena *arena);
/* A date field's day: LZ_NO_DAY when empty; false when not a date
 * (one without its year is read once the field was left). */
bool ui_field_day(const ui_field *f, lz_day *out);
/* Sets a text field's content ("" for NULL). */
void ui_field_set(ui_field *f, const char *value);

/* The names of the people recorded, by id, for F5 in a field that names
 * a person; the array and names live in arena. */
size_t ui_people_names(ui_app *app, lz_arena *arena, const char ***out);

/* Pick one of n labels in a popup; returns the index or -1. */
int ui_pick(ui_app *app, const char *title, const char **labels, size_t n, size_t selected);
/* Tick any of n labels (ticks[] in and out); false when cancelled. */
bool ui_pick_ticks(ui_app *app, const char *title, const char **labels, size_t n, bool *ticks);

/* F5 in a field that names a person: the people recorded, then an entry
 * that adds one with the person form there and then (the only entry when
 * there are none, the title saying so).  The name picked or added,
 * malloc'd; NULL when none (ui_person_form.c). */
char *ui_pick_person(ui_app *app, const char *label);

#endif
