#include "ui_record_form.h"

#include <string.h>

#include "lz_i18n.h"
#include "lz_validate.h"

static const char *const scale[] = {"1", "2", "3", "4", "5"};

/* A choice over one of the plan's vocabularies: names shown, ids kept. */
static size_t vocab_choices(const lz_plan *plan, lz_vocab v, lz_arena *a, const char ***names,
			    const char ***ids)
{
	size_t n = v == LZ_VOCAB_MEETING_TYPE ? plan->n_meeting_types
		   : v == LZ_VOCAB_ITEM_STATUS ? plan->n_item_statuses
		   : plan->n_risk_levels;
	*names = lz_arena_alloc(a, (n + 1) * sizeof **names);
	*ids = lz_arena_alloc(a, (n + 1) * sizeof **ids);
	for (size_t i = 0; i < n; i++) {
		switch (v) {
		case LZ_VOCAB_MEETING_TYPE:
			(*names)[i] = plan->meeting_types[i].name;
			(*ids)[i] = plan->meeting_types[i].id;
			break;
		case LZ_VOCAB_ITEM_STATUS:
			(*names)[i] = plan->item_statuses[i].name;
			(*ids)[i] = plan->item_statuses[i].id;
			break;
		default:
			(*names)[i] = plan->risk_levels[i].name;
			(*ids)[i] = plan->risk_levels[i].id;
			break;
		}
	}
	return n;
}

static size_t index_of(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return i;
	return 0;
}

void ui_record_fields_build(ui_app *app, const lz_record *rec, lz_arena *arena,
			    ui_record_fields *out)
{
	const lz_plan *plan = app->db.plan;
	const lz_fieldtab *t = lz_fields_of(rec->kind);
	out->n = 0;
	for (size_t i = 0; i < t->n && out->n < UI_MAX_RECORD_FIELDS; i++) {
		const lz_fielddef *d = &t->v[i];
		if (d->flags & (LZ_FF_INTERNAL | LZ_FF_NO_OPTION))
			continue;
		size_t k = out->n++;
		ui_field *f = &out->fields[k];
		out->def[k] = d;
		out->choice_ids[k] = NULL;
		const char *label = lz_field_label(d);
		/* A cell's form is what the type's parse reads back. */
		const char *text = lz_field_format(d, rec, plan, LZ_FSTYLE_CSV, arena);
		switch (d->type) {
		case LZ_FT_VOCAB: {
			const char **names, **ids;
			size_t n = vocab_choices(plan, d->vocab, arena, &names, &ids);
			const char *id = *(const char *const *)((const char *)&rec->u + d->offset);
			ui_field_choice(f, label, names, n, index_of(ids, n, id));
			out->choice_ids[k] = ids;
			break;
		}
		case LZ_FT_TASK: {
			int value = *(const int *)((const char *)&rec->u + d->offset);
			const char **names = lz_arena_alloc(arena, (plan->n_tasks + 1) * sizeof *names);
			size_t sel = 0;
			for (size_t j = 0; j < plan->n_tasks; j++) {
				names[j] = lz_arena_printf(arena, "%d %s", plan->tasks[j].number,
							   plan->tasks[j].title);
				if (plan->tasks[j].number == value)
					sel = j;
			}
			ui_field_choice(f, label, names, plan->n_tasks, sel);
			break;
		}
		case LZ_FT_SCALE: {
			/* A scale of its own length (a form, 1 to 4) starts at 1,
			 * the 1-to-5 ones in the middle. */
			int value = *(const int *)((const char *)&rec->u + d->offset);
			int max = d->limit ? (int)d->limit : 5;
			ui_field_choice(f, label, (const char **)scale, (size_t)max,
					value >= 1 && value <= max ? (size_t)value - 1 : d->limit ? 0 : 2);
			break;
		}
		case LZ_FT_MSTATUS: {
			lz_meeting_status value =
				*(const lz_meeting_status *)((const char *)&rec->u + d->offset);
			const char **names = lz_arena_alloc(arena, 3 * sizeof *names);
			for (int s = LZ_MEETING_PLANNED; s <= LZ_MEETING_CANCELLED; s++)
				names[s] = lz_meeting_status_label((lz_meeting_status)s);
			ui_field_choice(f, label, names, 3, (size_t)value);
			break;
		}
		case LZ_FT_DATE: ui_field_text(f, label, F_DATE, text, 0); break;
		case LZ_FT_TIME: ui_field_text(f, label, F_TIME, text, 0); break;
		case LZ_FT_COUNT: ui_field_text(f, label, F_NUMBER, text, 6); break;
		case LZ_FT_TEXT:
		case LZ_FT_LINES:
		case LZ_FT_ROLES:
		case LZ_FT_ABSENCES:
			ui_field_text(f, label, F_LONG, text, d->type == LZ_FT_TEXT ? d->limit
								 : LZ_MAX_LONG_BYTES);
			break;
		default:
			ui_field_text(f, label, F_TEXT, text, d->limit ? d->limit : LZ_MAX_SHORT_BYTES);
			break;
		}
		f->required = d->flags & LZ_FF_REQUIRED;
		f->people = d->type == LZ_FT_PERSON;
		if (d->flags & LZ_FF_NAMES) {
			f->people_ticks = d->type == LZ_FT_TEXT;
			f->people_line_end = d->type == LZ_FT_ABSENCES ? "：" : d->type == LZ_FT_LINES ? "" : NULL;
		}
		if (d->type == LZ_FT_ROLES) {
			/* F5 adds one of the plan's roles, by name, on a line of
			 * its own; its scope may follow (：办公室 or （办公室）). */
			const char **names = lz_arena_alloc(arena, (plan->n_roles + 1) * sizeof *names);
			for (size_t j = 0; j < plan->n_roles; j++)
				names[j] = plan->roles[j].name;
			f->picks = names;
			f->n_picks = plan->n_roles;
			f->pick_adds_line = true;
		}
	}
}

ui_field *ui_record_field(ui_record_fields *rf, const char *key)
{
	for (size_t i = 0; i < rf->n; i++)
		if (strcmp(rf->def[i]->key, key) == 0)
			return &rf->fields[i];
	return NULL;
}

bool ui_record_fields_apply(ui_record_fields *rf, const ui_field *fields, const lz_plan *plan,
			    lz_record *rec, lz_arena *arena, lz_err *err)
{
	for (size_t i = 0; i < rf->n; i++) {
		const lz_fielddef *d = rf->def[i];
		const ui_field *f = &fields[i];
		void *at = (char *)&rec->u + d->offset;
		switch (d->type) {
		case LZ_FT_VOCAB: *(const char **)at = rf->choice_ids[i][f->choice]; continue;
		case LZ_FT_TASK: *(int *)at = plan->tasks[f->choice].number; continue;
		case LZ_FT_SCALE: *(int *)at = (int)f->choice + 1; continue;
		case LZ_FT_MSTATUS: *(lz_meeting_status *)at = (lz_meeting_status)f->choice; continue;
		default: break;
		}
		const char *text = ui_field_text_in(f, arena);
		lz_err e;
		lz_err_clear(&e);
		if (lz_field_parse(d, rec, plan, text ? text : "", arena, &e) != LZ_OK) {
			lz_err_set(err, LZ_EDATA, "%s: %s", lz_field_label(d), e.msg);
			return false;
		}
	}
	return true;
}
