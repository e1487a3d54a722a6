#include "lz_record_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_validate.h"

#define MAX_FIELDS 32

typedef struct builder {
	lz_arena *arena;
	lz_fields *out;
} builder;

static char *arena_printf(lz_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *arena_printf(lz_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = lz_arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static void add(builder *b, const char *label, const char *value)
{
	if (b->out->n < MAX_FIELDS)
		b->out->v[b->out->n++] = (lz_field){label, value ? value : ""};
}

static const char *day_text(lz_arena *a, lz_day d)
{
	if (d == LZ_NO_DAY)
		return "";
	char buf[LZ_DATE_STRLEN];
	lz_day_format(d, buf);
	return lz_arena_strdup(a, buf);
}

static const char *int_text(lz_arena *a, int v, int none)
{
	return v == none ? "" : arena_printf(a, "%d", v);
}

/* List entries one a line. */
static const char *lines(lz_arena *a, const lz_strv *v)
{
	size_t len = 1;
	for (size_t i = 0; i < v->n; i++)
		len += strlen(v->v[i] ? v->v[i] : "") + 1;
	char *s = lz_arena_alloc(a, len), *p = s;
	for (size_t i = 0; i < v->n; i++)
		p += sprintf(p, "%s%s", i ? "\n" : "", v->v[i] ? v->v[i] : "");
	return s;
}

static void person_fields(builder *b, const lz_person *p)
{
	add(b, _("Name"), p->name);
	add(b, _("Post"), p->post);
	add(b, _("Department"), p->dept);
	add(b, _("Roles"), lines(b->arena, &p->roles));
}

static void item_fields(builder *b, const lz_item *it, const lz_plan *plan)
{
	lz_arena *a = b->arena;
	const lz_item_status *st = plan ? lz_plan_item_status(plan, it->status) : NULL;
	add(b, _("Task"), int_text(a, it->task, 0));
	add(b, _("Title"), it->title);
	add(b, _("Owner"), it->owner);
	add(b, _("Source"), it->source);
	add(b, _("Deadline"), day_text(a, it->due));
	add(b, _("Status"), st ? st->name : it->status);
	lz_strv notes = {lz_arena_alloc(a, (it->n_log + 1) * sizeof(char *)), it->n_log};
	for (size_t i = 0; i < it->n_log; i++)
		notes.v[i] = arena_printf(a, "%s %s", day_text(a, it->log[i].date),
					  it->log[i].text ? it->log[i].text : "");
	add(b, _("Progress"), lines(a, &notes));
}

static void meeting_fields(builder *b, const lz_meeting *m, const lz_plan *plan)
{
	lz_arena *a = b->arena;
	const lz_meeting_type *t = plan ? lz_plan_meeting_type(plan, m->type) : NULL;
	char t1[6], t2[6];
	lz_format_time(m->start, t1);
	lz_format_time(m->end, t2);
	add(b, _("Title"), m->title);
	add(b, _("Type"), t ? t->name : m->type);
	add(b, _("Date"), arena_printf(a, "%s%s%s%s%s", day_text(a, m->date), *t1 ? " " : "", t1,
				       *t2 ? "–" : "", t2));
	add(b, _("Status"), lz_meeting_status_label(m->status));
	add(b, _("Location"), m->location);
	add(b, _("Host"), m->host);
	add(b, _("Recorder"), m->recorder);
	add(b, _("Expected"), int_text(a, m->expected, LZ_NO_COUNT));
	add(b, _("Present"), int_text(a, m->present, LZ_NO_COUNT));
	add(b, _("Attendees"), m->attendees);
	lz_strv absent = {lz_arena_alloc(a, (m->n_absent + 1) * sizeof(char *)), m->n_absent};
	for (size_t i = 0; i < m->n_absent; i++)
		absent.v[i] = arena_printf(a, "%s（%s）", m->absent[i].name ? m->absent[i].name : "",
					   m->absent[i].reason ? m->absent[i].reason : "");
	add(b, _("Absent"), lines(a, &absent));
	add(b, _("Non-voting"), lines(a, &m->nonvoting));
	add(b, _("First topic"), m->first_topic);
	add(b, _("Topics"), lines(a, &m->topics));
	add(b, _("Decisions"), lines(a, &m->decisions));
	add(b, _("Summary"), m->summary);
	lz_strv tasks = {lz_arena_alloc(a, (m->n_tasks + 1) * sizeof(char *)), m->n_tasks};
	for (size_t i = 0; i < m->n_tasks; i++)
		tasks.v[i] = arena_printf(a, "%d", m->tasks[i]);
	add(b, _("Tasks"), lines(a, &tasks));
}

static void risk_fields(builder *b, const lz_risk *r, const lz_plan *plan)
{
	lz_arena *a = b->arena;
	const lz_risk_level *lv = plan ? lz_plan_risk_level(plan, r->level) : NULL;
	add(b, _("Post"), r->post);
	add(b, _("Link"), r->link);
	add(b, _("Description"), r->desc);
	add(b, _("Level"), lv ? lv->name : r->level);
	add(b, _("Likelihood"), int_text(a, r->likelihood, 0));
	add(b, _("Impact"), int_text(a, r->impact, 0));
	add(b, _("Measures"), r->measures);
	add(b, _("Owner"), r->owner);
	add(b, _("Next review"), day_text(a, r->review));
	add(b, _("Status"), r->status);
	lz_strv reviews = {lz_arena_alloc(a, (r->n_log + 1) * sizeof(char *)), r->n_log};
	for (size_t i = 0; i < r->n_log; i++)
		reviews.v[i] = arena_printf(a, "%s %s", day_text(a, r->log[i].date),
					    r->log[i].result ? r->log[i].result : "");
	add(b, _("Reviews"), lines(a, &reviews));
}

void lz_record_fields(const lz_record *r, const lz_plan *plan, lz_arena *arena, lz_fields *out)
{
	out->v = lz_arena_alloc(arena, MAX_FIELDS * sizeof *out->v);
	out->n = 0;
	builder b = {arena, out};
	switch (r->kind) {
	case LZ_KIND_PERSON: person_fields(&b, &r->u.person); break;
	case LZ_KIND_ITEM: item_fields(&b, &r->u.item, plan); break;
	case LZ_KIND_MEETING: meeting_fields(&b, &r->u.meeting, plan); break;
	case LZ_KIND_RISK: risk_fields(&b, &r->u.risk, plan); break;
	default: break;
	}
}

const char *lz_record_title(const lz_record *r, lz_arena *arena)
{
	switch (r->kind) {
	case LZ_KIND_PERSON: return r->u.person.name ? r->u.person.name : "";
	case LZ_KIND_ITEM: return r->u.item.title ? r->u.item.title : "";
	case LZ_KIND_MEETING: return r->u.meeting.title ? r->u.meeting.title : "";
	case LZ_KIND_RISK:
		return arena_printf(arena, "%s·%s", r->u.risk.post ? r->u.risk.post : "",
				    r->u.risk.link ? r->u.risk.link : "");
	default: return "";
	}
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
		(*out)[count++] = (lz_change){i < fa.n ? fa.v[i].label : fb.v[i].label, b, a};
	}
	return count;
}
