/* lianzheng meeting add|list|show|edit|rm */
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"
#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "table.h"

/* A meeting belongs to the year of its date; its status, unless given,
 * is held for a past date and planned otherwise. */
static void meeting_finish(const lz_plan *plan, lz_record *rec, const lz_record *before,
			   bool (*given)(const void *ctx, const char *key), const void *ctx)
{
	(void)plan;
	lz_meeting *m = &rec->u.meeting;
	if (!before && !given(ctx, "status"))
		m->status = m->date < lz_day_today() ? LZ_MEETING_HELD : LZ_MEETING_PLANNED;
	int y, mo, d;
	lz_day_to_ymd(m->date, &y, &mo, &d);
	m->meta.year = y;
}


/* Flags a list shows beside a meeting, from the status engine: a late
 * entry, an import, the numbers of a meeting held below its quorum. */
static unsigned meeting_flags(const lz_plan *plan, const lz_meeting *m, lz_day date, char *buf,
			      size_t size)
{
	lz_meeting_brief b;
	lz_meeting_brief_of(m, &b);
	unsigned flags = lz_meeting_flags(plan, &b, date);
	lz_meeting_flag_words(flags, b.present, b.expected, buf, size);
	return flags;
}

/* Below quorum, written up late and the like, as the lists flag them; a
 * late entry judged without the year's holidays says so. */
static const char *warnings(const lz_plan *plan, const lz_record *rec, lz_arena *arena,
			    const char **label)
{
	char buf[256], note[256];
	unsigned flags = meeting_flags(plan, &rec->u.meeting, lz_day_today(), buf, sizeof buf);
	*label = _("Warning");
	if ((flags & LZ_MFLAG_LATE_ENTRY) && lz_status_calendar_note(plan, note, sizeof note))
		return lz_arena_printf(arena, "%s (%s)", buf, note);
	return lz_arena_strdup(arena, buf);
}

/* A meeting written up as held after the allowance is a 补记 from now on;
 * the screen asks why, the command line says how to tell. */
static void meeting_saved(lz_session *db, const lz_record *rec, const lz_record *before)
{
	const lz_meeting *m = &rec->u.meeting;
	if ((m->late_reason && *m->late_reason) ||
	    !lz_meeting_becomes_late(db->plan, m, before ? &before->u.meeting : NULL, lz_now()))
		return;
	cli_error(_("note: meeting %llu is recorded as a late entry (补记); say why with "
		    "'lianzheng meeting edit %llu --late-reason TEXT'"),
		  (unsigned long long)m->meta.id, (unsigned long long)m->meta.id);
}

static const cli_record_cmd meeting_cmd = {LZ_KIND_MEETING, NULL, meeting_finish, warnings,
					   meeting_saved};

/* ---- list ---- */

enum { L_FROM, L_TO, L_TYPE, L_STATUS, L_TSV, L_STALE, L_DATE, L_YEAR, L_COUNT };
static const cli_optdef list_opts[L_COUNT] = {
	[L_FROM] = {"from", true}, [L_TO] = {"to", true}, [L_TYPE] = {"type", true},
	[L_STATUS] = {"status", true}, [L_TSV] = {"tsv", false}, [L_STALE] = {"stale", false},
	[L_DATE] = {"date", true}, [L_YEAR] = {"year", true},
};

typedef struct list_ctx {
	cli_list list;
	lz_day from, to;
	const char *type;  /* id, or NULL for all */
	bool any_status;
	lz_meeting_status status;
	bool stale;   /* only planned meetings whose date has passed */
	lz_day date;  /* the reference date for flags */
	/* A day can list hundreds of meetings, mostly of one type, status and
	 * set of flags: their words are looked up (and translated) once. */
	const lz_meeting_type *last_type;
	const char *status_label[LZ_MEETING_CANCELLED + 1];
	bool flags_known;
	unsigned last_flags;
	int last_present, last_expected;
	char flag_words[128];
} list_ctx;

static const char *type_name(list_ctx *l, const char *id)
{
	if (!l->last_type || strcmp(l->last_type->id, id) != 0)
		l->last_type = lz_plan_meeting_type(l->list.db->plan, id);
	return l->last_type ? l->last_type->name : id;
}

static const char *status_label(list_ctx *l, lz_meeting_status s)
{
	if ((unsigned)s > LZ_MEETING_CANCELLED)
		return lz_meeting_status_label(s);
	if (!l->status_label[s])
		l->status_label[s] = lz_meeting_status_label(s);
	return l->status_label[s];
}

static const char *flag_words(list_ctx *l, const lz_meeting_brief *m)
{
	unsigned flags = lz_meeting_flags(l->list.db->plan, m, l->date);
	int present = flags & LZ_MFLAG_BELOW_QUORUM ? m->present : 0;
	int expected = flags & LZ_MFLAG_BELOW_QUORUM ? m->expected : 0;
	if (!l->flags_known || flags != l->last_flags || present != l->last_present ||
	    expected != l->last_expected) {
		lz_meeting_flag_words(flags, present, expected, l->flag_words, sizeof l->flag_words);
		l->flags_known = true;
		l->last_flags = flags;
		l->last_present = present;
		l->last_expected = expected;
	}
	return l->flag_words;
}

static bool set_list_opt(void *ctx, int i, const char *v)
{
	list_ctx *l = ctx;
	switch (i) {
	case L_FROM: return cli_day("--from", v, &l->from);
	case L_TO: return cli_day("--to", v, &l->to);
	case L_TYPE: {
		const lz_meeting_type *t = lz_plan_meeting_type(l->list.db->plan, v);
		if (!t) {
			cli_error(_("--type: unknown meeting type '%s' (see 'lianzheng plan show')"), v);
			return false;
		}
		l->type = t->id;
		return true;
	}
	case L_STATUS:
		l->any_status = false;
		if (lz_meeting_status_parse(v, &l->status))
			return true;
		cli_error(_("--status: '%s' is not one of planned, held, cancelled"), v);
		return false;
	case L_TSV: l->list.tsv = true; return true;
	case L_STALE: l->stale = true; return true;
	case L_DATE: return cli_day("--date", v, &l->date);
	case L_YEAR: return true;  /* taken first: the plan it brings names the types */
	}
	return false;
}

/* Lists read the date index's titled briefs, which come in the order
 * shown; a record is decoded only for a title longer than a brief holds. */
static bool list_one(const lz_meeting_brief *m, void *ctx)
{
	list_ctx *l = ctx;
	if ((l->type && strcmp(m->type, l->type) != 0) ||
	    (!l->any_status && m->status != l->status) ||
	    (l->stale && !(m->status == LZ_MEETING_PLANNED && m->date < l->date)))
		return true;
	const char *title = m->title;
	lz_record rec;
	if (m->title_cut && lz_store_get(l->list.db->store, LZ_KIND_MEETING, m->id, &l->list.arena, &rec,
					 NULL) == LZ_OK)
		title = rec.u.meeting.title;
	char id[24], date[LZ_DATE_STRLEN], time[6];
	snprintf(id, sizeof id, "%llu", (unsigned long long)m->id);
	cli_day_str(m->date, date);
	lz_format_time(m->start, time);
	if (l->list.tsv) {
		const char *row[] = {id, date, time, m->type, lz_meeting_status_id(m->status), title};
		cli_tsv_row(stdout, row, 6);
	} else {
		const char *row[] = {id, date, time, type_name(l, m->type), status_label(l, m->status),
				     flag_words(l, m), title};
		table_add(&l->list.t, row);
	}
	cli_list_next(&l->list);
	return true;
}

static lz_rc meeting_list(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	list_ctx l = {.list = {.db = db}, .from = INT32_MIN + 1, .to = INT32_MAX, .any_status = true,
		      .date = lz_day_today()};
	int year;
	lz_day first, last;
	rc = cli_list_year(db, cli_args_value(a, L_YEAR), &year, &first, &last);
	if (rc == LZ_OK)
		rc = cli_apply_opts(a, set_list_opt, &l);
	if (rc != LZ_OK)
		return rc;
	/* --from and --to narrow the year, never widen it. */
	l.from = l.from > first ? l.from : first;
	l.to = l.to < last ? l.to : last;
	/* Stale meetings lie before the reference date. */
	if (l.stale && l.to >= l.date)
		l.to = l.date - 1;
	const char *head[] = {_("ID"), _("Date"), _("Time"), _("Type"), _("Status"),
			      _("Note"), _("Title")};
	cli_list_begin(&l.list, head, 7);
	lz_err err;
	lz_err_clear(&err);
	rc = lz_store_meeting_briefs_titled(db->store, l.from, l.to, list_one, &l, &err);
	return cli_list_end(&l.list, rc, &err);
}

lz_rc cmd_meeting(cli *c, int argc, char **argv)
{
	const cli_fieldopts *o = cli_fieldopts_of(LZ_KIND_MEETING);
	const cli_sub subs[] = {
		{"add", NULL, o->defs, o->n_add, 0, o->required, "meeting add --date D --type TYPE --title S [OPTIONS]", cli_field_add, &meeting_cmd},
		{"list", meeting_list, list_opts, L_COUNT, 0, NULL, "meeting list [--year Y] [--from D] [--to D] [--type TYPE] [--status S] [--stale] [--date D] [--tsv]", NULL, NULL},
		{"show", NULL, NULL, 0, 1, NULL, "meeting show ID", cli_field_show, &meeting_cmd},
		{"edit", NULL, o->defs, o->n, 1, NULL, "meeting edit ID [OPTIONS]", cli_field_edit, &meeting_cmd},
		{"rm", NULL, cli_rm_opts, 1, 1, NULL, "meeting rm ID [--if-version N]", cli_field_remove, &meeting_cmd},
	};
	return cli_dispatch(c, "meeting", subs, sizeof subs / sizeof *subs, argc, argv);
}
