#include "lz_record_text.h"

#include <string.h>

#include "lz_i18n.h"
#include "lz_fields.h"

/* Every field people enter, in the table's order, by its label; plan
 * ids by the plan's names. */
void lz_record_fields(const lz_record *r, const lz_plan *plan, lz_arena *arena, lz_fields *out)
{
	const lz_fieldtab *t = lz_fields_of(r->kind);
	out->n = 0;
	out->v = lz_arena_alloc(arena, (t ? t->n : 1) * sizeof *out->v);
	for (size_t i = 0; t && i < t->n; i++) {
		const lz_fielddef *f = &t->v[i];
		if (f->flags & LZ_FF_INTERNAL)
			continue;
		out->v[out->n++] = (lz_field){lz_field_label(f),
					      lz_field_format(f, r, plan, LZ_FSTYLE_SHOW, arena),
					      (f->flags & LZ_FF_SENSITIVE) != 0};
	}
}

const char *lz_record_title(const lz_record *r, lz_arena *arena)
{
	switch (r->kind) {
	case LZ_KIND_PERSON: return r->u.person.name ? r->u.person.name : "";
	case LZ_KIND_ITEM: return r->u.item.title ? r->u.item.title : "";
	case LZ_KIND_MEETING: return r->u.meeting.title ? r->u.meeting.title : "";
	case LZ_KIND_RISK:
		return lz_arena_printf(arena, "%s·%s", r->u.risk.post ? r->u.risk.post : "",
				    r->u.risk.link ? r->u.risk.link : "");
	case LZ_KIND_NOTICE: return r->u.notice.title ? r->u.notice.title : "";
	case LZ_KIND_DISCLOSURE: return r->u.disclosure.what ? r->u.disclosure.what : "";
	case LZ_KIND_DISCIPLINE:
		return lz_arena_printf(arena, _("%s, form %d"),
				       lz_field_mask(r->u.discipline.person, arena), r->u.discipline.form);
	default: return "";
	}
}

static const char *copy(lz_arena *arena, const char *s)
{
	return lz_arena_strdup(arena, s ? s : "");
}

void lz_record_brief_of(const lz_record *r, const lz_plan *plan, lz_arena *arena,
			lz_record_brief *out)
{
	*out = (lz_record_brief){.kind = r->kind, .id = r->u.meta.id, .date = LZ_NO_DAY,
				 .title = copy(arena, lz_record_title(r, arena)), .status = ""};
	switch (r->kind) {
	case LZ_KIND_MEETING:
		out->date = r->u.meeting.date;
		out->status = lz_meeting_status_label(r->u.meeting.status);
		break;
	case LZ_KIND_ITEM: {
		const lz_item_status *s = r->u.item.status ? lz_plan_item_status(plan, r->u.item.status)
							   : NULL;
		out->date = r->u.item.due;
		out->task = r->u.item.task;
		out->status = copy(arena, s ? s->name : r->u.item.status);
		break;
	}
	case LZ_KIND_RISK:
		out->date = r->u.risk.review;
		out->title = copy(arena, r->u.risk.desc);
		out->status = copy(arena, r->u.risk.status);
		break;
	case LZ_KIND_NOTICE:
		out->date = r->u.notice.received;
		out->status = r->u.notice.relayed != LZ_NO_DAY ? _("relayed") : _("not relayed");
		break;
	case LZ_KIND_DISCLOSURE: out->date = r->u.disclosure.date; break;
	case LZ_KIND_DISCIPLINE: out->date = r->u.discipline.date; break;
	default:
		break;
	}
}

int lz_record_brief_cmp(const void *a, const void *b)
{
	const lz_record_brief *x = a, *y = b;
	if (x->date != y->date) {
		if (x->date == LZ_NO_DAY || y->date == LZ_NO_DAY)
			return x->date == LZ_NO_DAY ? 1 : -1;
		return x->date < y->date ? -1 : 1;
	}
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

size_t lz_record_changes(const lz_record *before, const lz_record *after, const lz_plan *plan,
			 lz_arena *arena, lz_change **out)
{
	lz_fields fb = {0}, fa = {0};
	if (before)
		lz_record_fields(before, plan, arena, &fb);
	if (after)
		lz_record_fields(after, plan, arena, &fa);
	/* Both versions are of one kind, so their fields line up. */
	size_t n = fb.n > fa.n ? fb.n : fa.n, count = 0;
	*out = lz_arena_alloc(arena, (n ? n : 1) * sizeof **out);
	for (size_t i = 0; i < n; i++) {
		const char *b = i < fb.n ? fb.v[i].value : "";
		const char *a = i < fa.n ? fa.v[i].value : "";
		if (strcmp(a, b) == 0)
			continue;
		const lz_field *f = i < fa.n ? &fa.v[i] : &fb.v[i];
		(*out)[count++] = (lz_change){f->label, b, a, f->sensitive};
	}
	return count;
}
