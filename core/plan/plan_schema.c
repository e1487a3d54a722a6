/* The plan schema: validates the YAML tree and builds the plan from it.
 * Each mapping is described by a constant table of keys and handlers, so
 * unknown, duplicate and missing keys are found the same way everywhere,
 * and every problem is reported rather than only the first. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_plan_load.h"
#include "lz_suggest.h"
#include "lz_text.h"
#include "lz_holidays.h"
#include "plan_internal.h"
#include "plan_schema.h"

typedef struct build {
	const char *name;
	lz_diags *diags;
	lz_arena *arena;
	lz_plan *plan;
	size_t errors_before;
	bool year_ok;
	/* A list that failed to load would make every reference to it look
	 * dangling; those follow-on messages are left out. */
	bool sections_failed;
	bool types_failed;
	bool roles_failed;

	/* Mutable views of the plan's arrays while they are filled. */
	lz_role *roles;
	lz_item_status *statuses;
	lz_risk_level *levels;
	lz_meeting_type *types;
	lz_section *sections;
	lz_task *tasks;
	lz_obligation *obligations;
	lz_holiday *holidays;
	lz_day *workdays;

	/* References kept with their positions until everything is read. */
	const ynode **task_roles;         /* per task: its roles sequence */
	const ynode **obligation_types;   /* per obligation: meeting_type */
	const ynode **obligation_tasks;   /* per obligation: task */
	const ynode **task_nodes;         /* per task: for duplicate messages */
	const ynode **holiday_nodes;
	const ynode **workday_nodes;
} build;

typedef void (*field_fn)(build *b, const ynode *value, void *obj);

typedef struct field {
	const char *key;
	bool required;
	field_fn fn;
} field;

#define ERR(b, node, ...) \
	lz_diags_add((b)->diags, (b)->name, (node)->line, (node)->col, __VA_ARGS__)

static const char *kind_name(const ynode *n)
{
	switch (n->kind) {
	case Y_MAP:
		return _("a mapping");
	case Y_SEQ:
		return _("a list");
	default:
		break;
	}
	if (n->plain && (n->len == 0 || strcmp(n->str, "~") == 0 ||
			 strcmp(n->str, "null") == 0))
		return _("nothing");
	return _("a text value");
}

static bool expect_kind(build *b, const ynode *n, ynode_kind kind, const char *what)
{
	if (n->kind == kind)
		return true;
	const char *want = kind == Y_MAP ? _("a mapping")
			 : kind == Y_SEQ ? _("a list") : _("a text value");
	ERR(b, n, _("%s: expected %s, found %s"), what, want, kind_name(n));
	return false;
}

/* Walks a mapping through its key table; obj is passed to each handler. */
static void walk_map(build *b, const ynode *map, const char *what,
		     const field *fields, size_t nfields, void *obj)
{
	if (!expect_kind(b, map, Y_MAP, what))
		return;
	const ynode *seen[32] = {0};
	bool suggested[32] = {0};  /* a misspelt key already named it */
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *key = map->kids[i], *value = map->kids[i + 1];
		if (key->kind != Y_SCALAR) {
			ERR(b, key, _("%s: a key must be a plain word"), what);
			continue;
		}
		size_t f = 0;
		while (f < nfields && strcmp(fields[f].key, key->str) != 0)
			f++;
		if (f == nfields) {
			lz_suggest s;
			lz_suggest_init(&s, key->str);
			for (size_t k = 0; k < nfields; k++)
				lz_suggest_offer(&s, fields[k].key);
			const char *hint = lz_suggest_result(&s);
			for (size_t k = 0; hint && k < nfields; k++)
				if (fields[k].key == hint)
					suggested[k] = true;
			if (hint)
				ERR(b, key, _("unknown key '%s' in %s; did you mean '%s'?"),
				    key->str, what, hint);
			else
				ERR(b, key, _("unknown key '%s' in %s"), key->str, what);
			continue;
		}
		if (seen[f]) {
			ERR(b, key, _("duplicate key '%s' in %s (first at line %d)"),
			    key->str, what, seen[f]->line);
			continue;
		}
		seen[f] = key;
		fields[f].fn(b, value, obj);
	}
	for (size_t f = 0; f < nfields; f++)
		if (fields[f].required && !seen[f] && !suggested[f])
			ERR(b, map, _("missing key '%s' in %s"), fields[f].key, what);
}

static const ynode *map_get(const ynode *map, const char *key)
{
	if (map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == Y_SCALAR && strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* ---- scalars ---- */

static bool is_null(const ynode *n)
{
	return n->kind == Y_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

/* Text shown to people: no control characters (newlines only where the
 * text is long-form), and not empty. */
static const char *get_text(build *b, const ynode *n, const char *what, bool multiline)
{
	if (!expect_kind(b, n, Y_SCALAR, what))
		return NULL;
	if (is_null(n) || n->len == 0) {
		ERR(b, n, _("%s must not be empty"), what);
		return NULL;
	}
	if (strlen(n->str) != n->len) {
		ERR(b, n, _("%s contains a NUL character"), what);
		return NULL;
	}
	for (size_t i = 0; i < n->len;) {
		uint32_t cp;
		size_t len = lz_utf8_decode(n->str + i, n->len - i, &cp);
		if (!len)
			break; /* the reader checked UTF-8 already */
		lz_char_trap trap = lz_char_trap_of(cp);
		if (trap == LZ_CHAR_INVISIBLE || trap == LZ_CHAR_BIDI) {
			/* The same rule as for the records' text (lz_validate_text):
			 * names that look alike must be alike. */
			ERR(b, n, _("%s contains an invisible or text direction character (U+%04X %s)"),
			    what, (unsigned)cp, lz_char_name(cp));
			return NULL;
		}
		if (lz_cp_is_control(cp) && !(multiline && cp == '\n')) {
			ERR(b, n, _("%s contains the control character U+%04X"),
			    what, (unsigned)cp);
			return NULL;
		}
		i += len;
	}
	if (lz_text_blank(n->str, n->len)) {
		ERR(b, n, _("%s must not be only spaces"), what);
		return NULL;
	}
	return n->str;
}

static bool get_int(build *b, const ynode *n, const char *what, long min,
		    long max, int *out)
{
	if (n->kind != Y_SCALAR) {
		ERR(b, n, _("%s: expected a whole number, found %s"), what, kind_name(n));
		return false;
	}
	const char *s = n->str;
	bool digits = n->len > 0 && n->len <= 18;
	for (size_t i = (s[0] == '-'); digits && i < n->len; i++)
		digits = s[i] >= '0' && s[i] <= '9';
	digits = digits && !(s[0] == '-' && n->len == 1);
	if (digits && !n->plain) {
		ERR(b, n, _("%s: write the number %s without quotes"), what, s);
		return false;
	}
	if (!digits) {
		ERR(b, n, _("%s: expected a whole number, found '%s'"), what, s);
		return false;
	}
	/* YAML 1.1 readers take 02022 for an octal number and 1.2 ones for
	 * 2022: a plan must mean the same to every tool that reads it. */
	const char *first = s + (s[0] == '-');
	if ((first[0] == '0' && first[1]) || strcmp(s, "-0") == 0) {
		long long canonical = strtoll(s, NULL, 10);
		ERR(b, n, _("%s: write the number %s as %lld, without leading zeros"), what, s,
		    canonical);
		return false;
	}
	long long v = strtoll(s, NULL, 10);
	if (v < min || v > max) {
		ERR(b, n, _("%s must be between %ld and %ld, found %s"), what, min, max, s);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool get_bool(build *b, const ynode *n, const char *what, bool *out)
{
	if (n->kind != Y_SCALAR) {
		ERR(b, n, _("%s: expected true or false, found %s"), what, kind_name(n));
		return false;
	}
	if (n->plain && strcmp(n->str, "true") == 0) {
		*out = true;
		return true;
	}
	if (n->plain && strcmp(n->str, "false") == 0) {
		*out = false;
		return true;
	}
	ERR(b, n, _("%s: expected true or false, found '%s'"), what, n->str);
	return false;
}

static bool get_date(build *b, const ynode *n, const char *what, lz_day *out)
{
	if (!expect_kind(b, n, Y_SCALAR, what))
		return false;
	if (!lz_day_parse(n->str, out)) {
		ERR(b, n, _("%s: '%s' is not a real date in the form YYYY-MM-DD"),
		    what, n->str);
		return false;
	}
	int y, m, d;
	lz_day_to_ymd(*out, &y, &m, &d);
	/* Within the plan year is within range; without a year, still say so. */
	if (!b->year_ok && !lz_day_in_range(*out)) {
		ERR(b, n, _("%s: %s is outside the years %d to %d"), what, n->str, LZ_YEAR_FIRST,
		    LZ_YEAR_LAST);
		return false;
	}
	if (b->year_ok && y != b->plan->year) {
		ERR(b, n, _("%s: %s is outside the plan year %d"), what, n->str,
		    b->plan->year);
		return false;
	}
	return true;
}

static const char *get_id(build *b, const ynode *n, const char *what)
{
	if (!expect_kind(b, n, Y_SCALAR, what))
		return NULL;
	const char *s = n->str;
	bool ok = n->len >= 1 && n->len <= 32 && s[0] >= 'a' && s[0] <= 'z';
	for (size_t i = 1; ok && i < n->len; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		     s[i] == '-';
	if (!ok) {
		ERR(b, n, _("%s '%s' is not a valid id: use 1 to 32 lowercase ASCII letters, digits and '-', starting with a letter"),
		    what, s);
		return NULL;
	}
	return s;
}

/* Index of s in a NULL-terminated word list, or -1 with an error. */
static int get_enum(build *b, const ynode *n, const char *what,
		    const char *const *words)
{
	if (!expect_kind(b, n, Y_SCALAR, what))
		return -1;
	for (int i = 0; words[i]; i++)
		if (strcmp(words[i], n->str) == 0)
			return i;
	char list[256] = "";
	for (int i = 0; words[i]; i++) {
		if (i)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, words[i], sizeof list - strlen(list) - 1);
	}
	ERR(b, n, _("%s must be one of %s, found '%s'"), what, list, n->str);
	return -1;
}

/* ---- vocabularies ---- */

/* Every vocabulary entry starts with id and name. */
typedef struct named {
	const char *id;
	const char *name;
} named;

static void f_id(build *b, const ynode *v, void *obj)
{
	((named *)obj)->id = get_id(b, v, _("id"));
}

static void f_name(build *b, const ynode *v, void *obj)
{
	((named *)obj)->name = get_text(b, v, _("name"), false);
}

static void f_closes(build *b, const ynode *v, void *obj)
{
	get_bool(b, v, "closes", &((lz_item_status *)obj)->closes);
}

static void f_review_days(build *b, const ynode *v, void *obj)
{
	get_int(b, v, "review_days", 1, 3660, &((lz_risk_level *)obj)->review_days);
}

static void f_symbol(build *b, const ynode *v, void *obj)
{
	const char *s = get_text(b, v, "symbol", false);
	if (!s)
		return;
	uint32_t cp;
	size_t len = lz_utf8_decode(s, strlen(s), &cp);
	if (len != strlen(s)) {
		ERR(b, v, _("symbol must be a single character, found '%s'"), s);
		return;
	}
	((lz_meeting_type *)obj)->symbol = s;
}

/* A short name fits the calendar's day list: six Chinese characters. */
enum { SHORT_NAME_COLUMNS = 12 };

static void f_short(build *b, const ynode *v, void *obj)
{
	const char *s = get_text(b, v, "short", false);
	if (!s)
		return;
	if (lz_text_width(s) > SHORT_NAME_COLUMNS) {
		ERR(b, v, _("short must be at most %d columns wide (6 Chinese characters), found '%s'"),
		    SHORT_NAME_COLUMNS, s);
		return;
	}
	((lz_meeting_type *)obj)->short_name = s;
}

static void f_required_fields(build *b, const ynode *v, void *obj)
{
	lz_meeting_type *t = obj;
	if (!expect_kind(b, v, Y_SEQ, "required_fields"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		int k = get_enum(b, v->kids[i], "required_fields", lz_meeting_field_words);
		if (k >= 0)
			t->required_fields |= 1u << k;
	}
}

static void f_quorum(build *b, const ynode *v, void *obj)
{
	lz_meeting_type *t = obj;
	if (!expect_kind(b, v, Y_SCALAR, "quorum"))
		return;
	const char *s = v->str;
	bool strict;
	if (strncmp(s, ">=", 2) == 0) {
		strict = false;
		s += 2;
	} else if (s[0] == '>') {
		strict = true;
		s += 1;
	} else {
		goto bad;
	}
	int num, den, used = 0;
	if (sscanf(s, " %d/%d%n", &num, &den, &used) != 2 || s[used] != '\0' ||
	    num < 1 || den < 1 || num > den || den > 100)
		goto bad;
	t->has_quorum = true;
	t->quorum = (lz_quorum){.num = num, .den = den, .strict = strict};
	return;
bad:
	ERR(b, v, _("quorum must look like \"> 1/2\" (more than half) or \">= 2/3\" (at least two thirds), found '%s'"),
	    v->str);
}

static const field role_fields[] = {
	{"id", true, f_id},
	{"name", true, f_name},
};

static const field status_fields[] = {
	{"id", true, f_id},
	{"name", true, f_name},
	{"closes", false, f_closes},
};

static const field level_fields[] = {
	{"id", true, f_id},
	{"name", true, f_name},
	{"review_days", true, f_review_days},
};

static const field type_fields[] = {
	{"id", true, f_id},
	{"name", true, f_name},
	{"symbol", false, f_symbol},
	{"short", false, f_short},
	{"required_fields", false, f_required_fields},
	{"quorum", false, f_quorum},
};

/* Reads a list of vocabulary entries into an array of elements of size
 * elem, each starting with a `named`; ids must be unique. */
static void *read_vocabulary(build *b, const ynode *v, const char *what,
			     const char *entry, size_t elem, const field *fields,
			     size_t nfields, size_t *count)
{
	*count = 0;
	if (!expect_kind(b, v, Y_SEQ, what))
		return NULL;
	if (v->n == 0) {
		ERR(b, v, _("%s: the list must not be empty"), what);
		return NULL;
	}
	char *arr = lz_arena_alloc(b->arena, v->n * elem);
	for (size_t i = 0; i < v->n; i++) {
		named *e = (named *)(arr + i * elem);
		walk_map(b, v->kids[i], entry, fields, nfields, e);
		if (!e->id)
			continue;
		for (size_t j = 0; j < i; j++) {
			const named *prev = (const named *)(arr + j * elem);
			if (prev->id && strcmp(prev->id, e->id) == 0) {
				const ynode *idnode = map_get(v->kids[i], "id");
				const ynode *first = map_get(v->kids[j], "id");
				ERR(b, idnode, _("duplicate id '%s' in %s (first at line %d)"),
				    e->id, what, first->line);
				break;
			}
		}
	}
	*count = v->n;
	return arr;
}

static size_t problems(const build *b)
{
	return b->diags->count + b->diags->dropped;
}

static void f_roles(build *b, const ynode *v, void *obj)
{
	(void)obj;
	size_t before = problems(b);
	b->roles = read_vocabulary(b, v, "roles", _("role"), sizeof(lz_role), role_fields,
				   sizeof role_fields / sizeof *role_fields,
				   &b->plan->n_roles);
	b->roles_failed = problems(b) != before;
}

static void f_item_statuses(build *b, const ynode *v, void *obj)
{
	(void)obj;
	b->statuses = read_vocabulary(b, v, "item_statuses", _("item status"), sizeof(lz_item_status),
				      status_fields,
				      sizeof status_fields / sizeof *status_fields,
				      &b->plan->n_item_statuses);
}

static void f_risk_levels(build *b, const ynode *v, void *obj)
{
	(void)obj;
	b->levels = read_vocabulary(b, v, "risk_levels", _("risk level"), sizeof(lz_risk_level),
				    level_fields,
				    sizeof level_fields / sizeof *level_fields,
				    &b->plan->n_risk_levels);
}

static void f_meeting_types(build *b, const ynode *v, void *obj)
{
	(void)obj;
	size_t before = problems(b);
	b->types = read_vocabulary(b, v, "meeting_types", _("meeting type"), sizeof(lz_meeting_type),
				   type_fields, sizeof type_fields / sizeof *type_fields,
				   &b->plan->n_meeting_types);
	b->types_failed = problems(b) != before;
}

/* ---- sections and tasks ---- */

typedef struct task_slot {
	build *b;
	size_t index;
} task_slot;

static void f_task_number(build *b, const ynode *v, void *obj)
{
	get_int(b, v, _("task number"), 1, 999, &((lz_task *)obj)->number);
}

static void f_task_title(build *b, const ynode *v, void *obj)
{
	((lz_task *)obj)->title = get_text(b, v, _("task title"), false);
}

static void f_task_text(build *b, const ynode *v, void *obj)
{
	((lz_task *)obj)->text = get_text(b, v, _("task text"), true);
}

static void f_task_roles(build *b, const ynode *v, void *obj)
{
	lz_task *t = obj;
	if (expect_kind(b, v, Y_SEQ, "roles"))
		b->task_roles[t - b->tasks] = v;
}

static const field task_fields[] = {
	{"number", true, f_task_number},
	{"title", true, f_task_title},
	{"text", true, f_task_text},
	{"roles", false, f_task_roles},
};

static void f_section_number(build *b, const ynode *v, void *obj)
{
	get_int(b, v, _("section number"), 1, 99, &((lz_section *)obj)->number);
}

static void f_section_title(build *b, const ynode *v, void *obj)
{
	((lz_section *)obj)->title = get_text(b, v, _("section title"), false);
}

static void f_section_tasks(build *b, const ynode *v, void *obj)
{
	lz_section *s = obj;
	size_t si = (size_t)(s - b->sections);
	if (!expect_kind(b, v, Y_SEQ, "tasks"))
		return;
	if (v->n == 0) {
		ERR(b, v, _("a section needs at least one task"));
		return;
	}
	s->first_task = b->plan->n_tasks;
	s->n_tasks = v->n;
	for (size_t i = 0; i < v->n; i++) {
		size_t ti = b->plan->n_tasks++;
		lz_task *t = &b->tasks[ti];
		t->section = si;
		b->task_nodes[ti] = v->kids[i];
		walk_map(b, v->kids[i], _("task"), task_fields,
			 sizeof task_fields / sizeof *task_fields, t);
	}
}

static const field section_fields[] = {
	{"number", true, f_section_number},
	{"title", true, f_section_title},
	{"tasks", true, f_section_tasks},
};

static void f_sections(build *b, const ynode *v, void *obj)
{
	(void)obj;
	b->sections_failed = true;
	if (!expect_kind(b, v, Y_SEQ, "sections"))
		return;
	size_t before = problems(b);
	if (v->n == 0) {
		ERR(b, v, _("sections: the list must not be empty"));
		return;
	}
	/* Size the task arrays by counting first, so tasks stay contiguous. */
	size_t ntasks = 0;
	for (size_t i = 0; i < v->n; i++) {
		const ynode *tasks = map_get(v->kids[i], "tasks");
		if (tasks && tasks->kind == Y_SEQ)
			ntasks += tasks->n;
	}
	b->tasks = lz_arena_alloc(b->arena, (ntasks + 1) * sizeof *b->tasks);
	b->task_roles = lz_arena_alloc(b->arena, (ntasks + 1) * sizeof *b->task_roles);
	b->task_nodes = lz_arena_alloc(b->arena, (ntasks + 1) * sizeof *b->task_nodes);
	b->sections = lz_arena_alloc(b->arena, v->n * sizeof *b->sections);
	b->plan->n_sections = v->n;
	for (size_t i = 0; i < v->n; i++) {
		walk_map(b, v->kids[i], _("section"), section_fields,
			 sizeof section_fields / sizeof *section_fields,
			 &b->sections[i]);
		for (size_t j = 0; j < i && b->sections[i].number; j++)
			if (b->sections[j].number == b->sections[i].number) {
				const ynode *n = map_get(v->kids[i], "number");
				ERR(b, n, _("duplicate section number %d (first at line %d)"),
				    b->sections[i].number, map_get(v->kids[j], "number")->line);
				break;
			}
	}
	b->sections_failed = problems(b) != before;
}

/* ---- obligations ---- */

static void f_ob_id(build *b, const ynode *v, void *obj)
{
	((lz_obligation *)obj)->id = get_id(b, v, _("obligation id"));
}

static void f_ob_type(build *b, const ynode *v, void *obj)
{
	lz_obligation *o = obj;
	if (expect_kind(b, v, Y_SCALAR, "meeting_type"))
		b->obligation_types[o - b->obligations] = v;
}

static void f_ob_task(build *b, const ynode *v, void *obj)
{
	lz_obligation *o = obj;
	if (get_int(b, v, "task", 1, 999, &o->task))
		b->obligation_tasks[o - b->obligations] = v;
}

static void f_ob_min(build *b, const ynode *v, void *obj)
{
	get_int(b, v, "min", 1, 1000, &((lz_obligation *)obj)->min);
}

static const char *const per_words[] = {"year", "half", "quarter", "month", NULL};
static const char *const basis_words[] = {"plan", "rules", "local", "practice", NULL};

static void f_ob_per(build *b, const ynode *v, void *obj)
{
	int k = get_enum(b, v, "per", per_words);
	if (k >= 0)
		((lz_obligation *)obj)->per = (lz_period_kind)k;
}

static void f_ob_basis(build *b, const ynode *v, void *obj)
{
	int k = get_enum(b, v, "basis", basis_words);
	if (k >= 0)
		((lz_obligation *)obj)->basis = (lz_basis)k;
}

static void f_ob_note(build *b, const ynode *v, void *obj)
{
	((lz_obligation *)obj)->note = get_text(b, v, "note", true);
}

/* window: MM-DD..MM-DD, within one year, the first day not after the last. */
static void f_ob_window(build *b, const ynode *v, void *obj)
{
	lz_obligation *o = obj;
	if (!expect_kind(b, v, Y_SCALAR, "window"))
		return;
	int m1, d1, m2, d2, used = 0;
	if (sscanf(v->str, "%2d-%2d..%2d-%2d%n", &m1, &d1, &m2, &d2, &used) != 4 ||
	    v->str[used] != '\0' || !lz_date_valid(2024, m1, d1) || !lz_date_valid(2024, m2, d2) ||
	    m1 * 100 + d1 > m2 * 100 + d2) {
		ERR(b, v, _("window must look like \"10-01..12-31\" (from a month and day to a later one), found '%s'"),
		    v->str);
		return;
	}
	o->window_from = m1 * 100 + d1;
	o->window_to = m2 * 100 + d2;
}

static void f_ob_warn(build *b, const ynode *v, void *obj)
{
	lz_obligation *o = obj;
	if (!expect_kind(b, v, Y_SEQ, "warn_days"))
		return;
	int *days = lz_arena_alloc(b->arena, (v->n + 1) * sizeof *days);
	for (size_t i = 0; i < v->n; i++) {
		if (!get_int(b, v->kids[i], "warn_days", 1, 366, &days[i]))
			return;
		if (i > 0 && days[i] >= days[i - 1]) {
			ERR(b, v->kids[i], _("warn_days must be in descending order"));
			return;
		}
	}
	o->warn_days = days;
	o->n_warn_days = v->n;
}

static const field obligation_fields[] = {
	{"id", true, f_ob_id},
	{"meeting_type", true, f_ob_type},
	{"min", true, f_ob_min},
	{"per", true, f_ob_per},
	{"task", true, f_ob_task},
	{"warn_days", false, f_ob_warn},
	{"basis", true, f_ob_basis},
	{"note", false, f_ob_note},
	{"window", false, f_ob_window},
};

static void f_obligations(build *b, const ynode *v, void *obj)
{
	(void)obj;
	if (!expect_kind(b, v, Y_SEQ, "obligations"))
		return;
	size_t n = v->n;
	b->obligations = lz_arena_alloc(b->arena, (n + 1) * sizeof *b->obligations);
	b->obligation_types = lz_arena_alloc(b->arena, (n + 1) * sizeof(ynode *));
	b->obligation_tasks = lz_arena_alloc(b->arena, (n + 1) * sizeof(ynode *));
	b->plan->n_obligations = n;
	for (size_t i = 0; i < n; i++) {
		lz_obligation *o = &b->obligations[i];
		walk_map(b, v->kids[i], _("obligation"), obligation_fields,
			 sizeof obligation_fields / sizeof *obligation_fields, o);
		for (size_t j = 0; o->id && j < i; j++)
			if (b->obligations[j].id && strcmp(b->obligations[j].id, o->id) == 0) {
				ERR(b, map_get(v->kids[i], "id"),
				    _("duplicate id '%s' in obligations (first at line %d)"),
				    o->id, map_get(v->kids[j], "id")->line);
				break;
			}
	}
}

/* ---- calendar ---- */

static void f_hol_from(build *b, const ynode *v, void *obj)
{
	get_date(b, v, "from", &((lz_holiday *)obj)->from);
}

static void f_hol_to(build *b, const ynode *v, void *obj)
{
	get_date(b, v, "to", &((lz_holiday *)obj)->to);
}

static void f_hol_name(build *b, const ynode *v, void *obj)
{
	((lz_holiday *)obj)->name = get_text(b, v, _("holiday name"), false);
}

static const field holiday_fields[] = {
	{"from", true, f_hol_from},
	{"to", true, f_hol_to},
	{"name", true, f_hol_name},
};

static void f_holidays(build *b, const ynode *v, void *obj)
{
	(void)obj;
	if (!expect_kind(b, v, Y_SEQ, "holidays"))
		return;
	b->holidays = lz_arena_alloc(b->arena, (v->n + 1) * sizeof *b->holidays);
	b->holiday_nodes = lz_arena_alloc(b->arena, (v->n + 1) * sizeof(ynode *));
	for (size_t i = 0; i < v->n; i++) {
		lz_holiday h = {.from = INT32_MIN, .to = INT32_MIN};
		size_t before = b->diags->count + b->diags->dropped;
		walk_map(b, v->kids[i], _("holiday"), holiday_fields,
			 sizeof holiday_fields / sizeof *holiday_fields, &h);
		if (b->diags->count + b->diags->dropped != before)
			continue;
		if (h.from > h.to) {
			ERR(b, map_get(v->kids[i], "to"),
			    _("holiday '%s' ends before it starts"), h.name);
			continue;
		}
		for (size_t j = 0; j < b->plan->n_holidays; j++)
			if (h.from <= b->holidays[j].to && b->holidays[j].from <= h.to) {
				ERR(b, v->kids[i], _("holiday '%s' overlaps '%s' (line %d)"),
				    h.name, b->holidays[j].name, b->holiday_nodes[j]->line);
				break;
			}
		b->holiday_nodes[b->plan->n_holidays] = v->kids[i];
		b->holidays[b->plan->n_holidays++] = h;
	}
}

static int cmp_day(const void *a, const void *b)
{
	lz_day x = *(const lz_day *)a, y = *(const lz_day *)b;
	return (x > y) - (x < y);
}

static void f_workdays(build *b, const ynode *v, void *obj)
{
	(void)obj;
	if (!expect_kind(b, v, Y_SEQ, "workdays"))
		return;
	b->workdays = lz_arena_alloc(b->arena, (v->n + 1) * sizeof *b->workdays);
	b->workday_nodes = lz_arena_alloc(b->arena, (v->n + 1) * sizeof(ynode *));
	for (size_t i = 0; i < v->n; i++) {
		lz_day d;
		if (!get_date(b, v->kids[i], "workdays", &d))
			continue;
		if (lz_day_weekday(d) < 6) {
			ERR(b, v->kids[i], _("%s is a weekday; a make-up working day (调休上班) falls on a Saturday or Sunday"),
			    v->kids[i]->str);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < b->plan->n_workdays && !dup; j++)
			dup = b->workdays[j] == d;
		if (dup) {
			ERR(b, v->kids[i], _("workday %s is listed twice"), v->kids[i]->str);
			continue;
		}
		b->workday_nodes[b->plan->n_workdays] = v->kids[i];
		b->workdays[b->plan->n_workdays++] = d;
	}
}

static const field calendar_fields[] = {
	{"holidays", false, f_holidays},
	{"workdays", false, f_workdays},
};

static void f_calendar(build *b, const ynode *v, void *obj)
{
	walk_map(b, v, "calendar", calendar_fields,
		 sizeof calendar_fields / sizeof *calendar_fields, obj);
}

/* ---- top level ---- */

static void f_format(build *b, const ynode *v, void *obj)
{
	(void)b, (void)v, (void)obj; /* read before the walk */
}

static void f_year(build *b, const ynode *v, void *obj)
{
	(void)b, (void)v, (void)obj; /* read before the walk */
}

static void f_organization(build *b, const ynode *v, void *obj)
{
	(void)obj;
	b->plan->organization = get_text(b, v, "organization", false);
}

static void f_title(build *b, const ynode *v, void *obj)
{
	(void)obj;
	b->plan->title = get_text(b, v, "title", false);
}

static void f_general(build *b, const ynode *v, void *obj)
{
	(void)obj;
	b->plan->general_requirement = get_text(b, v, "general_requirement", true);
}

static void f_late(build *b, const ynode *v, void *obj)
{
	(void)obj;
	get_int(b, v, "late_entry_days", 0, 60, &b->plan->late_entry_days);
}

static void f_relay(build *b, const ynode *v, void *obj)
{
	(void)obj;
	get_int(b, v, "relay_days", 1, 60, &b->plan->relay_days);
}

static const field plan_fields[] = {
	{"format", true, f_format},
	{"year", true, f_year},
	{"organization", true, f_organization},
	{"title", true, f_title},
	{"general_requirement", false, f_general},
	{"late_entry_days", false, f_late},
	{"relay_days", false, f_relay},
	{"calendar", false, f_calendar},
	{"roles", true, f_roles},
	{"item_statuses", true, f_item_statuses},
	{"risk_levels", true, f_risk_levels},
	{"meeting_types", true, f_meeting_types},
	{"sections", true, f_sections},
	{"obligations", false, f_obligations},
};

/* ---- cross references ---- */

static void check_workdays(build *b)
{
	const lz_plan *p = b->plan;
	for (size_t i = 0; i < p->n_workdays; i++)
		for (size_t h = 0; h < p->n_holidays; h++)
			if (b->workdays[i] >= b->holidays[h].from &&
			    b->workdays[i] <= b->holidays[h].to) {
				ERR(b, b->workday_nodes[i],
				    _("workday %s falls inside the holiday '%s'"),
				    b->workday_nodes[i]->str, b->holidays[h].name);
				break;
			}
}

static const char *suggest_type(build *b, const char *word)
{
	lz_suggest s;
	lz_suggest_init(&s, word);
	for (size_t i = 0; i < b->plan->n_meeting_types; i++)
		if (b->types[i].id)
			lz_suggest_offer(&s, b->types[i].id);
	return lz_suggest_result(&s);
}

static void resolve_references(build *b)
{
	lz_plan *p = b->plan;
	for (size_t i = 0; i < p->n_tasks; i++) {
		lz_task *t = &b->tasks[i];
		for (size_t j = 0; j < i && t->number; j++)
			if (b->tasks[j].number == t->number) {
				ERR(b, map_get(b->task_nodes[i], "number"),
				    _("duplicate task number %d (first at line %d)"),
				    t->number, map_get(b->task_nodes[j], "number")->line);
				break;
			}
		const ynode *roles = b->task_roles[i];
		if (!roles || !t->number || b->roles_failed)
			continue;
		size_t *idx = lz_arena_alloc(b->arena, (roles->n + 1) * sizeof *idx);
		for (size_t r = 0; r < roles->n; r++) {
			const ynode *rn = roles->kids[r];
			if (!expect_kind(b, rn, Y_SCALAR, "roles"))
				continue;
			size_t k = 0;
			while (k < p->n_roles && !(b->roles[k].id && strcmp(b->roles[k].id, rn->str) == 0))
				k++;
			if (k == p->n_roles) {
				ERR(b, rn, _("task %d names the unknown role '%s'"),
				    t->number, rn->str);
				continue;
			}
			idx[t->n_roles++] = k;
		}
		t->roles = idx;
	}
	for (size_t i = 0; i < p->n_obligations; i++) {
		lz_obligation *o = &b->obligations[i];
		const ynode *tn = b->obligation_types[i];
		if (tn && !b->types_failed) {
			size_t k = 0;
			while (k < p->n_meeting_types &&
			       !(b->types[k].id && strcmp(b->types[k].id, tn->str) == 0))
				k++;
			if (k == p->n_meeting_types) {
				const char *hint = suggest_type(b, tn->str);
				if (hint)
					ERR(b, tn, _("unknown meeting type '%s'; did you mean '%s'?"),
					    tn->str, hint);
				else
					ERR(b, tn, _("unknown meeting type '%s'"), tn->str);
			}
			o->meeting_type = k;
		}
		const ynode *taskn = b->obligation_tasks[i];
		if (taskn && !b->sections_failed) {
			bool found = false;
			for (size_t k = 0; k < p->n_tasks && !found; k++)
				found = b->tasks[k].number == o->task;
			if (!found)
				ERR(b, taskn, _("task %d does not exist in this plan"), o->task);
		}
	}
	check_workdays(b);
}

lz_plan *plan_build(lz_arena *arena, const char *name, const ynode *root,
		    lz_plan *p, lz_diags *diags)
{
	build b = {.name = name, .diags = diags, .arena = arena, .plan = p};
	size_t before = diags->count + diags->dropped;
	size_t first = diags->count;

	if (root->kind != Y_MAP) {
		ERR(&b, root, _("a plan is a mapping of keys (format, year, title, …); found %s"),
		    kind_name(root));
		return NULL;
	}
	const ynode *format = map_get(root, "format");
	if (format) {
		if (!get_int(&b, format, "format", 0, INT32_MAX, &p->format))
			return NULL;
		if (p->format != LZ_PLAN_FORMAT) {
			ERR(&b, format, _("plan format %d is not supported; this version reads format %d"),
			    p->format, LZ_PLAN_FORMAT);
			return NULL;
		}
	}
	const ynode *year = map_get(root, "year");
	if (year)
		b.year_ok = get_int(&b, year, "year", LZ_YEAR_FIRST, LZ_YEAR_LAST, &p->year);
	p->late_entry_days = 3;
	p->relay_days = LZ_RELAY_DAYS_DEFAULT;

	b.sections_failed = !map_get(root, "sections");
	b.types_failed = !map_get(root, "meeting_types");
	b.roles_failed = !map_get(root, "roles");
	walk_map(&b, root, _("the plan"), plan_fields,
		 sizeof plan_fields / sizeof *plan_fields, NULL);
	resolve_references(&b);

	if (diags->count + diags->dropped != before) {
		lz_diags_sort(diags, first);
		return NULL;
	}
	if (p->n_workdays)
		qsort(b.workdays, p->n_workdays, sizeof *b.workdays, cmp_day);
	p->roles = b.roles;
	p->item_statuses = b.statuses;
	p->risk_levels = b.levels;
	p->meeting_types = b.types;
	p->sections = b.sections;
	p->tasks = b.tasks;
	p->obligations = b.obligations;
	p->holidays = b.holidays;
	p->workdays = b.workdays;
	return p;
}

/* ---- the holiday file ---- */

/* One year of the holiday file is a plan calendar of that year with the
 * notice it comes from, checked by the same handlers. */
static void f_notice(build *b, const ynode *v, void *obj)
{
	((lz_holiday_year *)obj)->notice = get_text(b, v, _("notice"), false);
}

static const field holiday_year_fields[] = {
	{"year", true, f_year},
	{"notice", true, f_notice},
	{"holidays", true, f_holidays},
	{"workdays", false, f_workdays},
};

static void holiday_year(build *top, const ynode *entry, lz_holiday_year *y)
{
	lz_plan scratch = {0};
	build b = {.name = top->name, .diags = top->diags, .arena = top->arena,
		   .plan = &scratch};
	const ynode *year = map_get(entry, "year");
	if (year)
		b.year_ok = get_int(&b, year, "year", LZ_YEAR_FIRST, LZ_YEAR_LAST, &scratch.year);
	walk_map(&b, entry, _("holiday year"), holiday_year_fields,
		 sizeof holiday_year_fields / sizeof *holiday_year_fields, y);
	check_workdays(&b);
	if (scratch.n_workdays)
		qsort(b.workdays, scratch.n_workdays, sizeof *b.workdays, cmp_day);
	y->year = b.year_ok ? scratch.year : 0;
	y->holidays = b.holidays;
	y->n_holidays = scratch.n_holidays;
	y->workdays = b.workdays;
	y->n_workdays = scratch.n_workdays;
}

static void f_years(build *b, const ynode *v, void *obj)
{
	lz_holidays *h = obj;
	if (!expect_kind(b, v, Y_SEQ, "years"))
		return;
	if (v->n == 0) {
		ERR(b, v, _("years: the list must not be empty"));
		return;
	}
	lz_holiday_year *years = lz_arena_alloc(b->arena, v->n * sizeof *years);
	for (size_t i = 0; i < v->n; i++) {
		holiday_year(b, v->kids[i], &years[i]);
		for (size_t j = 0; j < i && years[i].year; j++)
			if (years[j].year == years[i].year) {
				ERR(b, map_get(v->kids[i], "year"),
				    _("duplicate year %d (first at line %d)"), years[i].year,
				    map_get(v->kids[j], "year")->line);
				break;
			}
	}
	h->years = years;
	h->n_years = v->n;
}

static void f_holidays_format(build *b, const ynode *v, void *obj)
{
	lz_holidays *h = obj;
	if (get_int(b, v, "format", 0, INT32_MAX, &h->format) && h->format != LZ_HOLIDAYS_FORMAT)
		ERR(b, v, _("holiday file format %d is not supported; this version reads format %d"),
		    h->format, LZ_HOLIDAYS_FORMAT);
}

static const field holidays_fields[] = {
	{"format", true, f_holidays_format},
	{"years", true, f_years},
};

lz_holidays *plan_build_holidays(lz_arena *arena, const char *name, const ynode *root,
				 lz_holidays *h, lz_diags *diags)
{
	lz_plan none = {0};
	build b = {.name = name, .diags = diags, .arena = arena, .plan = &none};
	size_t before = diags->count + diags->dropped;
	size_t first = diags->count;
	if (root->kind != Y_MAP) {
		ERR(&b, root, _("a holiday file is a mapping of keys (format, years); found %s"),
		    kind_name(root));
		return NULL;
	}
	walk_map(&b, root, _("the holiday file"), holidays_fields,
		 sizeof holidays_fields / sizeof *holidays_fields, h);
	if (diags->count + diags->dropped != before) {
		lz_diags_sort(diags, first);
		return NULL;
	}
	return h;
}
