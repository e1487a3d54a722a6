#include "cli_fields.h"

#include <string.h>

#include "cli.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_validate.h"
#include "lz_text.h"

const cli_fieldopts *cli_fieldopts_of(lz_kind kind)
{
	static cli_fieldopts all[LZ_KIND_COUNT];
	cli_fieldopts *o = &all[kind];
	if (o->n)
		return o;
	const lz_fieldtab *t = lz_fields_of(kind);
	size_t nreq = 0;
	for (size_t i = 0; i < t->n && o->n < CLI_MAX_FIELD_OPTS - 1; i++) {
		const lz_fielddef *f = &t->v[i];
		if (f->flags & (LZ_FF_INTERNAL | LZ_FF_NO_OPTION))
			continue;
		if (f->flags & LZ_FF_REQUIRED)
			o->required[nreq++] = (int)o->n;
		bool list = f->type == LZ_FT_LINES || f->type == LZ_FT_ROLES ||
			    f->type == LZ_FT_ABSENCES || f->type == LZ_FT_TASKS;
		o->field[o->n] = f;
		o->defs[o->n++] = (cli_optdef){f->key, list ? CLI_LIST : CLI_VALUE};
	}
	o->required[nreq] = -1;
	o->n_add = o->n;
	o->if_version = (int)o->n;
	o->defs[o->n++] = (cli_optdef){"if-version", CLI_VALUE};
	return o;
}

#define AT(type, r, f) ((type *)((char *)&(r)->u + (f)->offset))
#define COUNT(r, f) (*(size_t *)((char *)&(r)->u + (f)->count_offset))

/* One more entry of size bytes at the end of *arr (copied into arena:
 * the record's arrays may belong to what was read). */
static void append(lz_arena *a, void **arr, size_t *n, const void *entry, size_t size)
{
	char *grown = lz_arena_alloc(a, (*n + 1) * size);
	if (*n)
		memcpy(grown, *arr, *n * size);
	memcpy(grown + *n * size, entry, size);
	*arr = grown;
	(*n)++;
}

static bool add_entry(const lz_plan *plan, lz_record *rec, const lz_fielddef *f, const char *opt,
		      const char *v, lz_arena *a)
{
	switch (f->type) {
	case LZ_FT_ROLES: {
		/* "role" or "role:scope", the role by id or name. */
		const char *colon = strchr(v, ':');
		char *role = lz_arena_strndup(a, v, colon ? (size_t)(colon - v) : strlen(v));
		const lz_role *r = lz_plan_role(plan, role);
		if (!r) {
			cli_error(_("--role: unknown role '%s' (see 'lianzheng plan show')"), role);
			return false;
		}
		v = colon ? lz_arena_printf(a, "%s%s", r->id, colon) : r->id;
	}
		/* fall through */
	case LZ_FT_LINES: {
		lz_strv *list = AT(lz_strv, rec, f);
		void *entries = list->v;
		append(a, &entries, &list->n, &v, sizeof v);
		list->v = entries;
		return true;
	}
	case LZ_FT_ABSENCES: {
		lz_absence x;
		if (!lz_parse_absence(v, a, &x)) {
			cli_error(_("--absent: '%s' is not NAME:REASON (e.g. 赵六:出差)"), v);
			return false;
		}
		void *arr = *AT(lz_absence *, rec, f);
		append(a, &arr, &COUNT(rec, f), &x, sizeof x);
		*AT(lz_absence *, rec, f) = arr;
		return true;
	}
	case LZ_FT_TASKS: {
		int t;
		if (!cli_int(opt, v, 1, 999, &t))
			return false;
		void *arr = *AT(int *, rec, f);
		append(a, &arr, &COUNT(rec, f), &t, sizeof t);
		*AT(int *, rec, f) = arr;
		return true;
	}
	default:
		return false;
	}
}

/* What an option's value looks like in --help, by the field's type. */
static const char *metavar(const lz_fielddef *f)
{
	switch (f->type) {
	case LZ_FT_DATE: return "D";
	case LZ_FT_TIME: return "HH:MM";
	case LZ_FT_COUNT:
	case LZ_FT_SCALE:
	case LZ_FT_TASK:
	case LZ_FT_TASKS: return "N";
	case LZ_FT_VOCAB:
		return f->vocab == LZ_VOCAB_MEETING_TYPE ? "TYPE" : f->vocab == LZ_VOCAB_RISK_LEVEL ? "L" : "S";
	case LZ_FT_MSTATUS: return "planned|held|cancelled";
	case LZ_FT_ROLES: return "ROLE[:SCOPE]";
	case LZ_FT_ABSENCES: return "NAME:REASON";
	default: return "S";
	}
}

/* The add options in the order a synopsis gives them: the required ones,
 * then the others, each in table order.  Returns how many. */
static size_t synopsis_order(const cli_fieldopts *o, size_t order[CLI_MAX_FIELD_OPTS])
{
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < o->n_add; i++)
			if (((o->field[i]->flags & LZ_FF_REQUIRED) != 0) == (pass == 0))
				order[n++] = i;
	return n;
}

void cli_print_add_usage(FILE *out, lz_kind kind, int width)
{
	const cli_fieldopts *o = cli_fieldopts_of(kind);
	size_t order[CLI_MAX_FIELD_OPTS];
	size_t n = synopsis_order(o, order);
	int col = fprintf(out, "  %s add", lz_kind_name(kind));
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const lz_fielddef *f = o->field[i];
		char word[96];
		snprintf(word, sizeof word, f->flags & LZ_FF_REQUIRED ? "--%s %s" : "[--%s %s]%s",
			 f->key, metavar(f), o->defs[i].has_arg == CLI_LIST ? "..." : "");
		int len = (int)strlen(word);
		if (col + 1 + len > width) {
			col = fprintf(out, "\n     ");
			col--;
		}
		col += fprintf(out, " %s", word);
	}
	fputc('\n', out);
}

/* roff has '-' as a hyphen; an option's dashes must stay minus signs. */
static void roff_minus(FILE *out, const char *s)
{
	for (; *s; s++)
		if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
}

/* A value's placeholder: names to fill in (upper case) in italics, words
 * to type as they are (planned|held) in bold, the rest roman. */
static void roff_metavar(FILE *out, const char *m)
{
	while (*m) {
		size_t n = strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		const char *font = "\\fI";
		if (!n) {
			n = strspn(m, "abcdefghijklmnopqrstuvwxyz");
			font = "\\fB";
		}
		if (n) {
			fprintf(out, "%s%.*s\\fR", font, (int)n, m);
			m += n;
		} else {
			fputc(*m++, out);
		}
	}
}

void cli_print_add_usage_roff(FILE *out, lz_kind kind)
{
	const cli_fieldopts *o = cli_fieldopts_of(kind);
	size_t order[CLI_MAX_FIELD_OPTS];
	size_t n = synopsis_order(o, order);
	fprintf(out, "\\fB%s add\\fR", lz_kind_name(kind));
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const lz_fielddef *f = o->field[i];
		bool required = f->flags & LZ_FF_REQUIRED;
		/* \\% keeps the option from being hyphenated, an unbreakable
		 * space keeps it on one line with its value. */
		fputs(required ? " \\%\\fB\\-\\-" : "\n\\%[\\fB\\-\\-", out);
		roff_minus(out, f->key);
		fputs("\\fR\\ ", out);
		roff_metavar(out, metavar(f));
		if (!required)
			fputs(o->defs[i].has_arg == CLI_LIST ? "]..." : "]", out);
	}
	fputc('\n', out);
}

bool cli_set_field(const lz_plan *plan, lz_record *rec, const lz_fielddef *f, const char *value,
		   bool first, lz_arena *arena)
{
	char opt[64];
	snprintf(opt, sizeof opt, "--%s", f->key);
	void *at = (char *)&rec->u + f->offset;
	/* Dates and times as people type them (lz_day_read, lz_time_read),
	 * a date in the years the program keeps; a status by its id. */
	switch (f->type) {
	case LZ_FT_DATE:
		if (!*value) {
			*(lz_day *)at = LZ_NO_DAY;
			return true;
		}
		return cli_day(opt, value, at);
	case LZ_FT_TIME:
		if (!*value) {
			*(int *)at = LZ_NO_TIME;
			return true;
		}
		lz_err why;
		if (lz_time_read(value, at, &why) == LZ_OK)
			return true;
		cli_error(_("%s: %s: %s"), opt, value, why.msg);
		return false;
	case LZ_FT_TASK: return cli_int(opt, value, 1, 999, at);
	case LZ_FT_SCALE: return cli_int(opt, value, 1, f->limit ? (long)f->limit : 5, at);
	case LZ_FT_COUNT: return cli_int(opt, value, 0, LZ_MAX_COUNT, at);
	case LZ_FT_MSTATUS:
		if (lz_meeting_status_parse(value, at))
			return true;
		cli_error(_("--status: '%s' is not one of planned, held, cancelled"), value);
		return false;
	case LZ_FT_LINES:
	case LZ_FT_ROLES:
		if (first)
			*(lz_strv *)at = (lz_strv){0};
		return add_entry(plan, rec, f, opt, value, arena);
	case LZ_FT_ABSENCES:
	case LZ_FT_TASKS:
		if (first)
			COUNT(rec, f) = 0;
		return add_entry(plan, rec, f, opt, value, arena);
	default:
		break;
	}
	lz_err err;
	lz_err_clear(&err);
	if (lz_field_parse(f, rec, plan, value, arena, &err) == LZ_OK)
		return true;
	cli_error("%s: %s", opt, err.msg);
	return false;
}

const char *cli_field_line(const lz_record *rec, const lz_plan *plan, const char *key,
			   lz_arena *arena)
{
	const lz_fielddef *f = lz_field_find(lz_fields_of(rec->kind), key);
	const char *v = f ? lz_field_format(f, rec, plan, LZ_FSTYLE_SHOW, arena) : "";
	size_t lines = 0;
	for (const char *p = v; *p; p++)
		lines += *p == '\n';
	char *out = lz_arena_alloc(arena, strlen(v) + 2 * lines + 1), *o = out;
	for (const char *p = v; *p; p++)
		if (*p == '\n') {
			memcpy(o, "、", strlen("、"));
			o += strlen("、");
		} else {
			*o++ = *p;
		}
	*o = '\0';
	return out;
}

/* ---- add and edit ---- */

typedef struct field_form {
	lz_session *db;
	lz_arena *arena;
	lz_record *rec;
	const cli_fieldopts *o;
	bool seen[CLI_MAX_FIELD_OPTS];
	uint32_t if_version;
} field_form;

static bool set_option(void *ctx, int i, const char *v)
{
	field_form *f = ctx;
	if (i == f->o->if_version)
		return cli_version(v, &f->if_version);
	bool first = !f->seen[i];
	f->seen[i] = true;
	return cli_set_field(f->db->plan, f->rec, f->o->field[i], v, first, f->arena);
}

static bool option_given(const void *ctx, const char *key)
{
	const field_form *f = ctx;
	for (size_t i = 0; i < f->o->n_add; i++)
		if (strcmp(f->o->field[i]->key, key) == 0)
			return f->seen[i];
	return false;
}

/* add (a new record from its defaults) or edit (the record ID as read):
 * the options applied in order, then what follows from them, then one
 * validated write. */
static lz_rc field_change(lz_session *db, const cli_record_cmd *k, bool add, int argc, char **argv)
{
	const cli_fieldopts *o = cli_fieldopts_of(k->kind);
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, o->defs, add ? o->n_add : o->n, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	lz_record rec, before;
	field_form f = {.db = db, .arena = &arena, .rec = &rec, .o = o};
	if (add) {
		lz_record_init(k->kind, &rec);
		rec.u.meta.year = db->plan->year;
		if (k->defaults)
			k->defaults(db->plan, &rec);
		if (a.noperands)
			rc = cli_usage_error(_("%s add takes only options; unexpected '%s'"),
					     lz_kind_name(k->kind), a.operands[0]);
	} else {
		rc = cli_load(db, k->kind, a.operands[0], &arena, &rec);
		before = rec;
	}
	if (rc == LZ_OK)
		rc = cli_apply_opts(&a, set_option, &f);
	if (rc == LZ_OK) {
		if (k->finish)
			k->finish(db->plan, &rec, add ? NULL : &before, option_given, &f);
		/* Without --if-version an edit is based on what was just read,
		 * so a change by another process in between is still caught. */
		uint32_t expect = add ? 0 : f.if_version ? f.if_version : rec.u.meta.version;
		lz_id id;
		rc = cli_save(db, add ? LZ_OP_ADD : LZ_OP_UPDATE, &rec, expect, &id);
		if (rc == LZ_OK && k->saved)
			k->saved(db, &rec, add ? NULL : &before);
		if (rc == LZ_OK && add)
			printf("%llu\n", (unsigned long long)id);
	}
	cli_args_free(&a);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cli_field_add(lz_session *db, const cli_record_cmd *k, int argc, char **argv)
{
	return field_change(db, k, true, argc, argv);
}

lz_rc cli_field_edit(lz_session *db, const cli_record_cmd *k, int argc, char **argv)
{
	return field_change(db, k, false, argc, argv);
}

void cli_show_fields(FILE *out, const lz_record *rec, const lz_plan *plan, lz_arena *arena,
		     const char *extra_label, const char *extra)
{
	const lz_fieldtab *t = lz_fields_of(rec->kind);
	/* The values start in one column: after the widest label shown. */
	int width = lz_text_width(_("Record"));
	const char *value[CLI_MAX_FIELD_OPTS];
	for (size_t i = 0; i < t->n && i < CLI_MAX_FIELD_OPTS; i++) {
		const lz_fielddef *f = &t->v[i];
		value[i] = f->flags & LZ_FF_INTERNAL ? ""
			   : lz_field_format(f, rec, plan, LZ_FSTYLE_SHOW, arena);
		int w = lz_text_width(lz_field_label(f));
		if (*value[i] && w > width)
			width = w;
	}
	if (width < 12)
		width = 12;
	for (size_t i = 0; i < t->n && i < CLI_MAX_FIELD_OPTS; i++)
		cli_show_field_width(out, lz_field_label(&t->v[i]), value[i], width);
	if (extra && *extra)
		cli_show_field_width(out, extra_label, extra, width);
	cli_show_meta_width(out, &rec->u.meta, width);
}

lz_rc cli_field_show(lz_session *db, const cli_record_cmd *k, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng %s show ID"), lz_kind_name(k->kind));
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, k->kind, argv[1], &arena, &rec);
	const char *label = "", *extra = NULL;
	if (rc == LZ_OK && k->show_extra)
		extra = k->show_extra(db->plan, &rec, &arena, &label);
	if (rc == LZ_OK)
		cli_show_fields(stdout, &rec, db->plan, &arena, label, extra);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cli_field_remove(lz_session *db, const cli_record_cmd *k, int argc, char **argv)
{
	return cli_remove(db, k->kind, argc, argv);
}
