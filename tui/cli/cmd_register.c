/* lianzheng notice|disclosure|discipline: the registers of issue 17 —
 * notices received and relayed (通报传达), what was made public (党务公开),
 * and the measures of the four forms (四种形态). */
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_register.h"
#include "lz_vec.h"
#include "table.h"

static const cli_record_cmd notice_cmd = {LZ_KIND_NOTICE, NULL, NULL, NULL, NULL};
static const cli_record_cmd disclosure_cmd = {LZ_KIND_DISCLOSURE, NULL, NULL, NULL, NULL};
static const cli_record_cmd discipline_cmd = {LZ_KIND_DISCIPLINE, NULL, NULL, NULL, NULL};

/* ---- every record of a register, by date ---- */

typedef struct register_rows {
	lz_vec v;  /* of const lz_record *, in arena */
	lz_arena arena;
} register_rows;

static bool keep(const lz_record *r, void *ctx)
{
	register_rows *rows = ctx;
	*(const lz_record **)lz_vec_push(&rows->v) = r;
	return true;
}

static lz_day date_of(const lz_record *r)
{
	switch (r->kind) {
	case LZ_KIND_NOTICE: return r->u.notice.received;
	case LZ_KIND_DISCLOSURE: return r->u.disclosure.date;
	case LZ_KIND_DISCIPLINE: return r->u.discipline.date;
	default: return LZ_NO_DAY;
	}
}

static int by_date(const void *a, const void *b)
{
	const lz_record *x = *(const lz_record *const *)a, *y = *(const lz_record *const *)b;
	lz_day dx = date_of(x), dy = date_of(y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->u.meta.id < y->u.meta.id ? -1 : x->u.meta.id > y->u.meta.id;
}

/* Reads the register of kind, sorted; prints what stops it. */
static lz_rc read_register(lz_session *db, lz_kind kind, register_rows *rows)
{
	rows->v = LZ_VEC(const lz_record *);
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = lz_store_scan(db->store, kind, &rows->arena, keep, rows, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	if (rows->v.n)
		qsort(rows->v.v, rows->v.n, sizeof(const lz_record *), by_date);
	return LZ_OK;
}

static void free_register(register_rows *rows)
{
	lz_vec_free(&rows->v);
	lz_arena_free(&rows->arena);
}

static const lz_record *row_at(const register_rows *rows, size_t i)
{
	return ((const lz_record *const *)rows->v.v)[i];
}

static const char *id_text(lz_arena *a, lz_id id)
{
	return id ? lz_arena_printf(a, "%llu", (unsigned long long)id) : "";
}

static const char *day_text(lz_arena *a, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	return lz_arena_strdup(a, cli_day_str(d, buf));
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Prints the rows (a table, or TSV as they are) and frees the table. */
static void print_rows(table *t, bool tsv, size_t n)
{
	if (!tsv && n)
		table_print(t, stdout, 0, cli_table_width());
	table_free(t);
}

/* ---- notice ---- */

enum { NR_DATE, NR_MEETING, NR_HOW, NR_IF_VERSION, NR_COUNT };
static const cli_optdef relay_opts[NR_COUNT] = {
	[NR_DATE] = {"date", true}, [NR_MEETING] = {"meeting", true}, [NR_HOW] = {"how", true},
	[NR_IF_VERSION] = {"if-version", true},
};

static lz_rc notice_relay(lz_session *db, const cli_args *a)
{
	bool meeting = cli_args_has(a, NR_MEETING), how = cli_args_has(a, NR_HOW);
	if (meeting == how)
		return cli_usage_error(_("notice relay: give either --meeting ID (the meeting where it was read) or --how S (another way), not both"));
	lz_day date;
	lz_id mid = 0;
	uint32_t expect = 0;
	if (!cli_day("--date", cli_args_value(a, NR_DATE), &date) ||
	    (meeting && !cli_id(cli_args_value(a, NR_MEETING), &mid)) ||
	    (cli_args_has(a, NR_IF_VERSION) && !cli_version(cli_args_value(a, NR_IF_VERSION), &expect)))
		return LZ_EDATA;
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, LZ_KIND_NOTICE, a->operands[0], &arena, &rec);
	if (rc == LZ_OK) {
		lz_notice *n = &rec.u.notice;
		n->relayed = date;
		n->meeting = mid;
		n->how = how ? cli_args_value(a, NR_HOW) : NULL;
		rc = cli_save(db, LZ_OP_UPDATE, &rec, expect ? expect : n->meta.version, NULL);
	}
	lz_arena_free(&arena);
	return rc;
}

/* notice show ID: the fields, and the meeting it was read at by its date
 * and title (the field holds its id). */
static lz_rc notice_show(lz_session *db, const cli_args *a)
{
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, LZ_KIND_NOTICE, a->operands[0], &arena, &rec);
	const char *meeting = NULL;
	lz_record m;
	if (rc == LZ_OK && rec.u.notice.meeting &&
	    lz_store_get(db->store, LZ_KIND_MEETING, rec.u.notice.meeting, &arena, &m, NULL) == LZ_OK)
		meeting = lz_arena_printf(&arena, "%s %s", day_text(&arena, m.u.meeting.date),
					  nz(m.u.meeting.title));
	if (rc == LZ_OK)
		cli_show_fields(stdout, &rec, db->plan, &arena, _("Meeting"), meeting);
	lz_arena_free(&arena);
	return rc;
}

enum { NL_OVERDUE, NL_DATE, NL_TSV, NL_COUNT };
static const cli_optdef notice_list_opts[NL_COUNT] = {
	[NL_OVERDUE] = {"overdue", false}, [NL_DATE] = {"date", true}, [NL_TSV] = {"tsv", false},
};

/* The notices received by the date, with their relay limit and how they
 * stand; --overdue keeps those not relayed past the limit. */
static lz_rc notice_list(lz_session *db, const cli_args *a)
{
	lz_day date = lz_day_today();
	if (cli_args_has(a, NL_DATE) && !cli_day("--date", cli_args_value(a, NL_DATE), &date))
		return LZ_EDATA;
	bool tsv = cli_args_has(a, NL_TSV), overdue = cli_args_has(a, NL_OVERDUE);
	register_rows rows = {0};
	lz_rc rc = read_register(db, LZ_KIND_NOTICE, &rows);
	table t;
	table_init(&t, 9);
	const char *head[] = {_("ID"),      _("Received"), _("Issuer"),     _("Number"), _("Title"),
			      _("Relay by"), _("Relayed on"), _("Relayed at"), _("State")};
	table_add(&t, head);
	size_t shown = 0;
	bool calendar_noted = false;
	for (size_t i = 0; rc == LZ_OK && i < rows.v.n; i++) {
		const lz_record *r = row_at(&rows, i);
		const lz_notice *n = &r->u.notice;
		if (n->received > date)
			continue;
		lz_err err;
		const lz_plan *plan = lz_session_plan_for(db, lz_record_year(r), &err);
		if (!plan) {
			rc = cli_fail(&err);
			break;
		}
		if (!calendar_noted) {
			cli_calendar_note(plan);
			calendar_noted = true;
		}
		lz_notice_state st = lz_notice_state_of(plan, n, date);
		if (overdue && st != LZ_NOTICE_OVERDUE)
			continue;
		/* The relay as of the date: one made later is not shown yet. */
		bool relayed = n->relayed != LZ_NO_DAY && n->relayed <= date;
		const char *at = !relayed ? "" : n->meeting ? id_text(&rows.arena, n->meeting) : nz(n->how);
		if (tsv && relayed && n->meeting)
			at = lz_arena_printf(&rows.arena, "meeting %llu", (unsigned long long)n->meeting);
		else if (relayed && n->meeting)
			at = lz_arena_printf(&rows.arena, _("meeting %llu"), (unsigned long long)n->meeting);
		const char *row[] = {id_text(&rows.arena, n->meta.id),
				     day_text(&rows.arena, n->received),
				     nz(n->issuer),
				     nz(n->number),
				     nz(n->title),
				     day_text(&rows.arena, lz_notice_deadline(plan, n->received)),
				     relayed ? day_text(&rows.arena, n->relayed) : "",
				     at,
				     tsv ? lz_notice_state_id(st) : lz_notice_state_word(st)};
		if (tsv)
			cli_tsv_row(stdout, row, 9);
		else
			table_add(&t, row);
		shown++;
	}
	if (rc == LZ_OK)
		print_rows(&t, tsv, shown);
	else
		table_free(&t);
	free_register(&rows);
	return rc;
}

lz_rc cmd_notice(cli *c, int argc, char **argv)
{
	static const int relay_required[] = {NR_DATE, -1};
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_NOTICE);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "notice add --received D --issuer S --title S [--number S]", cli_field_add, &notice_cmd},
		{"relay", notice_relay, relay_opts, NR_COUNT, 1, relay_required, "notice relay ID --date D (--meeting ID | --how S)", NULL, NULL},
		{"list", notice_list, notice_list_opts, NL_COUNT, 0, NULL, "notice list [--overdue] [--date D] [--tsv]", NULL, NULL},
		{"show", notice_show, NULL, 0, 1, NULL, "notice show ID", NULL, NULL},
		{"edit", NULL, o->defs, o->n, 1, NULL, "notice edit ID [OPTIONS]", cli_field_edit, &notice_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "notice rm ID [--if-version N]", cli_field_remove, &notice_cmd},
	};
	return cli_dispatch(c, "notice", subs, sizeof subs / sizeof *subs, argc, argv);
}

/* ---- disclosure ---- */

static const cli_optdef tsv_opts[] = {{"tsv", false}};

static lz_rc disclosure_list(lz_session *db, const cli_args *a)
{
	bool tsv = cli_args_has(a, 0);
	register_rows rows = {0};
	lz_rc rc = read_register(db, LZ_KIND_DISCLOSURE, &rows);
	table t;
	table_init(&t, 5);
	const char *head[] = {_("ID"), _("Date"), _("Where"), _("By"), _("What")};
	table_add(&t, head);
	for (size_t i = 0; rc == LZ_OK && i < rows.v.n; i++) {
		const lz_disclosure *d = &row_at(&rows, i)->u.disclosure;
		const char *row[] = {id_text(&rows.arena, d->meta.id), day_text(&rows.arena, d->date),
				     nz(d->where), nz(d->by), nz(d->what)};
		if (tsv)
			cli_tsv_row(stdout, row, 5);
		else
			table_add(&t, row);
	}
	if (rc == LZ_OK)
		print_rows(&t, tsv, rows.v.n);
	else
		table_free(&t);
	free_register(&rows);
	return rc;
}

lz_rc cmd_disclosure(cli *c, int argc, char **argv)
{
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_DISCLOSURE);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "disclosure add --date D --what S --where S [--by NAME]", cli_field_add, &disclosure_cmd},
		{"list", disclosure_list, tsv_opts, 1, 0, NULL, "disclosure list [--tsv]", NULL, NULL},
		{"show", NULL, NULL, 0, 1, NULL, "disclosure show ID", cli_field_show, &disclosure_cmd},
		{"edit", NULL, o->defs, o->n, 1, NULL, "disclosure edit ID [OPTIONS]", cli_field_edit, &disclosure_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "disclosure rm ID [--if-version N]", cli_field_remove, &disclosure_cmd},
	};
	return cli_dispatch(c, "disclosure", subs, sizeof subs / sizeof *subs, argc, argv);
}

/* ---- discipline ---- */

/* The register itself is asked for by name: its list shows every field.
 * Below the table, each year's count per form. */
static lz_rc discipline_list(lz_session *db, const cli_args *a)
{
	bool tsv = cli_args_has(a, 0);
	register_rows rows = {0};
	lz_rc rc = read_register(db, LZ_KIND_DISCIPLINE, &rows);
	table t;
	table_init(&t, 7);
	const char *head[] = {_("ID"), _("Date"), _("Form"), _("Measure"),
			      _("Person"), _("Decided by"), _("Reason")};
	table_add(&t, head);
	for (size_t i = 0; rc == LZ_OK && i < rows.v.n; i++) {
		const lz_discipline *d = &row_at(&rows, i)->u.discipline;
		const char *row[] = {id_text(&rows.arena, d->meta.id), day_text(&rows.arena, d->date),
				     lz_arena_printf(&rows.arena, "%d", d->form), nz(d->measure),
				     nz(d->person), nz(d->by), nz(d->reason)};
		if (tsv)
			cli_tsv_row(stdout, row, 7);
		else
			table_add(&t, row);
	}
	if (rc == LZ_OK)
		print_rows(&t, tsv, rows.v.n);
	else
		table_free(&t);
	/* The counts per form, a line per year, oldest first (the rows are
	 * by date). */
	for (size_t i = 0; rc == LZ_OK && !tsv && i < rows.v.n;) {
		int year = lz_record_year(row_at(&rows, i));
		size_t counts[4] = {0};
		for (; i < rows.v.n && lz_record_year(row_at(&rows, i)) == year; i++) {
			int form = row_at(&rows, i)->u.discipline.form;
			if (form >= 1 && form <= 4)
				counts[form - 1]++;
		}
		printf(_("%d: form 1: %zu, form 2: %zu, form 3: %zu, form 4: %zu\n"), year, counts[0],
		       counts[1], counts[2], counts[3]);
	}
	free_register(&rows);
	return rc;
}

lz_rc cmd_discipline(cli *c, int argc, char **argv)
{
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_DISCIPLINE);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "discipline add --date D --person NAME --form 1-4 --measure S --reason S [--by S]", cli_field_add, &discipline_cmd},
		{"list", discipline_list, tsv_opts, 1, 0, NULL, "discipline list [--tsv]", NULL, NULL},
		{"show", NULL, NULL, 0, 1, NULL, "discipline show ID", cli_field_show, &discipline_cmd},
		{"edit", NULL, o->defs, o->n, 1, NULL, "discipline edit ID [OPTIONS]", cli_field_edit, &discipline_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "discipline rm ID [--if-version N]", cli_field_remove, &discipline_cmd},
	};
	return cli_dispatch(c, "discipline", subs, sizeof subs / sizeof *subs, argc, argv);
}
