#include "lz_plan_change.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"

static const char *const ref_names[LZ_REF_COUNT] = {"type", "role", "level", "status", "task"};

const char *lz_ref_kind_name(lz_ref_kind k)
{
	return k < LZ_REF_COUNT ? ref_names[k] : "?";
}

const char *lz_ref_kind_label(lz_ref_kind k)
{
	switch (k) {
	case LZ_REF_TYPE: return _("meeting type");
	case LZ_REF_ROLE: return _("role");
	case LZ_REF_LEVEL: return _("risk level");
	case LZ_REF_STATUS: return _("item status");
	case LZ_REF_TASK: return _("task");
	default: return "?";
	}
}

static bool task_number(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > 9999 || s[0] == '+' || s[0] == '0')
		return false;
	*out = (int)v;
	return true;
}

/* The new plan's id for an id or a name of kind k, or NULL. */
static const char *resolve(const lz_plan *plan, lz_ref_kind k, const char *v)
{
	switch (k) {
	case LZ_REF_TYPE: {
		const lz_meeting_type *t = lz_plan_meeting_type(plan, v);
		return t ? t->id : NULL;
	}
	case LZ_REF_ROLE: {
		const lz_role *r = lz_plan_role(plan, v);
		return r ? r->id : NULL;
	}
	case LZ_REF_LEVEL: {
		const lz_risk_level *l = lz_plan_risk_level(plan, v);
		return l ? l->id : NULL;
	}
	case LZ_REF_STATUS: {
		const lz_item_status *s = lz_plan_item_status(plan, v);
		return s ? s->id : NULL;
	}
	case LZ_REF_TASK: {
		int n;
		return task_number(v, &n) && lz_plan_task(plan, n) ? v : NULL;
	}
	default:
		return NULL;
	}
}

/* Records hold ids: a value the new plan knows only as a name is as
 * missing as one it lacks. */
static bool has_id(const lz_plan *plan, lz_ref_kind k, const char *id)
{
	const char *found = resolve(plan, k, id);
	return found && strcmp(found, id) == 0;
}

lz_rc lz_plan_map_parse(const char *spec, const lz_plan *plan, lz_arena *arena,
			lz_plan_map *out, lz_err *err)
{
	const char *colon = strchr(spec, ':');
	const char *eq = colon ? strchr(colon + 1, '=') : NULL;
	if (!colon || !eq || eq == colon + 1 || !eq[1])
		return lz_err_set(err, LZ_EUSAGE,
				  _("--map: '%s' is not KIND:OLD=NEW (KIND: type, role, level, status or task)"),
				  spec);
	size_t klen = (size_t)(colon - spec);
	out->kind = LZ_REF_COUNT;
	for (int k = 0; k < LZ_REF_COUNT; k++)
		if (strlen(ref_names[k]) == klen && strncmp(spec, ref_names[k], klen) == 0)
			out->kind = (lz_ref_kind)k;
	if (out->kind == LZ_REF_COUNT)
		return lz_err_set(err, LZ_EUSAGE,
				  _("--map: '%.*s' is not one of type, role, level, status, task"),
				  (int)klen, spec);
	out->from = lz_arena_strndup(arena, colon + 1, (size_t)(eq - colon - 1));
	out->to = resolve(plan, out->kind, eq + 1);
	if (!out->to)
		return lz_err_set(err, LZ_EDATA, _("--map %s: the new plan has no %s '%s'"), spec,
				  lz_ref_kind_label(out->kind), eq + 1);
	out->to = lz_arena_strdup(arena, out->to);
	return LZ_OK;
}

typedef struct remap {
	const lz_plan *plan;
	const lz_plan_map *maps;
	size_t n;
	const lz_record *r;
	lz_missing_fn missing;
	void *ctx;
	bool changed;
} remap;

/* The value a reference takes under the new plan: mapped, or kept when
 * the new plan has it; reported when it has neither. */
static const char *carry(remap *m, lz_ref_kind k, const char *v)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->maps[i].kind == k && strcmp(m->maps[i].from, v) == 0) {
			if (strcmp(m->maps[i].to, v) != 0)
				m->changed = true;
			return m->maps[i].to;
		}
	if (!has_id(m->plan, k, v) && m->missing)
		m->missing(m->r, k, v, m->ctx);
	return v;
}

static int carry_task(remap *m, int task)
{
	char num[16];
	snprintf(num, sizeof num, "%d", task);
	const char *to = carry(m, LZ_REF_TASK, num);
	int n;
	return task_number(to, &n) ? n : task;
}

/* A role keeps its scope: "dual:办公室" maps by "dual". */
static const char *carry_role(remap *m, lz_arena *arena, const char *role)
{
	const char *colon = strchr(role, ':');
	if (!colon)
		return carry(m, LZ_REF_ROLE, role);
	char *id = lz_arena_strndup(arena, role, (size_t)(colon - role));
	const char *to = carry(m, LZ_REF_ROLE, id);
	return to == id ? role : lz_arena_printf(arena, "%s%s", to, colon);
}

bool lz_plan_remap(const lz_plan *plan, const lz_plan_map *maps, size_t n, lz_record *r,
		   lz_arena *arena, lz_missing_fn missing, void *ctx)
{
	remap m = {plan, maps, n, r, missing, ctx, false};
	switch (r->kind) {
	case LZ_KIND_MEETING: {
		lz_meeting *mt = &r->u.meeting;
		mt->type = carry(&m, LZ_REF_TYPE, mt->type);
		if (mt->n_tasks) {
			int *tasks = lz_arena_alloc(arena, mt->n_tasks * sizeof *tasks);
			for (size_t i = 0; i < mt->n_tasks; i++)
				tasks[i] = carry_task(&m, mt->tasks[i]);
			mt->tasks = tasks;
		}
		break;
	}
	case LZ_KIND_ITEM:
		r->u.item.task = carry_task(&m, r->u.item.task);
		r->u.item.status = carry(&m, LZ_REF_STATUS, r->u.item.status);
		break;
	case LZ_KIND_RISK:
		r->u.risk.level = carry(&m, LZ_REF_LEVEL, r->u.risk.level);
		break;
	case LZ_KIND_PERSON: {
		lz_strv *roles = &r->u.person.roles;
		if (roles->n) {
			const char **v = lz_arena_alloc(arena, roles->n * sizeof *v);
			for (size_t i = 0; i < roles->n; i++)
				v[i] = carry_role(&m, arena, roles->v[i]);
			roles->v = v;
		}
		break;
	}
	default:
		break;
	}
	return m.changed;
}
