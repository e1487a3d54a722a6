/* lianzheng status | remind | schedule: what the plan still demands, what
 * is late, and a draft of the year's meetings.  All answers come from the
 * status engine (lz_status.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_stored.h"
#include "lz_text.h"
#include "lz_validate.h"

static const char *weekday_name(lz_day d)
{
	static const char *const names[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
					    N_("Fri"), N_("Sat"), N_("Sun")};
	return _(names[lz_day_weekday(d) - 1]);
}

static void print_day(FILE *o, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	lz_day_format(d, buf);
	fprintf(o, "%s %s", buf + 5, weekday_name(d));
}

/* A meeting of a list, read from its record: date, time, type, title and
 * a note, which is the words for flags when there are any.  A meeting
 * removed meanwhile is left out. */
static void print_meeting_line(lz_session *db, FILE *o, lz_id id, unsigned flags, const char *note)
{
	lz_arena a = {0};
	lz_record r;
	if (lz_store_get(db->store, LZ_KIND_MEETING, id, &a, &r, NULL) != LZ_OK) {
		lz_arena_free(&a);
		return;
	}
	const lz_meeting *m = &r.u.meeting;
	const lz_meeting_type *t = lz_plan_meeting_type(db->plan, m->type);
	char time[6], words[256];
	fputs("  ", o);
	print_day(o, m->date);
	lz_format_time(m->start, time);
	fprintf(o, " %-5s ", time);
	lz_text_print_cell(o, t ? t->name : m->type ? m->type : "?", 20, true);
	fputs("  ", o);
	lz_text_print(o, m->title ? m->title : "");
	if (flags) {
		lz_meeting_flag_words(flags, m->present, m->expected, words, sizeof words);
		note = words;
	}
	if (note && *note) {
		fputs("  [", o);
		lz_text_print(o, note);
		fputc(']', o);
	}
	fprintf(o, "  #%llu\n", (unsigned long long)id);
	lz_arena_free(&a);
}

/* A dashboard shows the latest few of a long list, and says how many more. */
enum { DASHBOARD_ROWS = 20 };

static void status_tsv(const lz_status *st)
{
	for (size_t i = 0; i < st->n_quotas; i++) {
		const lz_obligation_status *q = &st->quotas[i];
		for (size_t k = 0; k < q->n_periods; k++) {
			const lz_period_status *p = &q->periods[k];
			printf("%s\t%s\t%d\t%d\t%d\t%s\n", q->obligation->id, p->period.label,
			       p->required, p->held, p->planned, lz_period_state_id(p->state));
		}
	}
}

static void print_quota(const lz_session *db, FILE *o, const lz_obligation_status *q, int name_width)
{
	const lz_obligation *ob = q->obligation;
	char name[256];
	snprintf(name, sizeof name, _("%s (≥%d per %s)"), db->plan->meeting_types[ob->meeting_type].name,
		 ob->min, lz_period_word(ob->per));
	lz_text_print_cell(o, name, name_width, true);
	for (size_t k = 0; k < q->n_periods; k++) {
		const lz_period_status *p = &q->periods[k];
		char label[16];
		lz_period_short(&p->period, label, sizeof label);
		if (ob->min > 1 || p->period.kind == LZ_PER_YEAR)
			fprintf(o, " %s %s%d/%d", label, lz_period_state_symbol(p->state), p->held, p->required);
		else
			fprintf(o, " %s%s", label, lz_period_state_symbol(p->state));
	}
	if (q->current && q->current->state != LZ_PERIOD_MET) {
		const lz_period_status *p = q->current;
		fputs("  | ", o);
		fprintf(o, dngettext(LZ_GETTEXT_PACKAGE, "%d/%d, %d day left", "%d/%d, %d days left", q->days_left), p->held, p->required, q->days_left);
		if (p->planned)
			fprintf(o, _(", %d planned"), p->planned);
		if (p->not_planned)
			fprintf(o, " %s", _("! not even planned"));
		else if (q->warn_days)
			fprintf(o, " %s", _("! due soon"));
	}
	fputc('\n', o);
}

/* The latest flagged meetings of a month, the last `want` of them in a
 * ring. */
typedef struct latest {
	lz_id id[DASHBOARD_ROWS];
	unsigned flags[DASHBOARD_ROWS];
	size_t n, want;
} latest;

static bool keep_latest(const lz_meeting_brief *b, unsigned flags, void *ctx)
{
	latest *l = ctx;
	l->id[l->n % l->want] = b->id;
	l->flags[l->n % l->want] = flags;
	l->n++;
	return true;
}

/* The dashboard shows the year's latest flagged meetings: read month by
 * month from the end of the year until there are enough, since a year
 * can flag thousands.  Fills ids and flags in date order. */
static lz_rc latest_flagged(lz_session *db, const lz_status *st, lz_id *ids, unsigned *flags,
			    size_t *n)
{
	size_t want = st->n_flagged < DASHBOARD_ROWS ? st->n_flagged : DASHBOARD_ROWS;
	*n = 0;
	lz_err err;
	for (int month = 12; month >= 1 && *n < want; month--) {
		int year = db->plan->year;
		latest l = {.want = want - *n};
		if (lz_status_flagged(st, db->store, lz_day_from_ymd(year, month, 1),
				      lz_day_from_ymd(year, month, lz_days_in_month(year, month)),
				      keep_latest, &l, &err) != LZ_OK)
			return cli_fail(&err);
		/* This month's go before those of the months after it. */
		size_t got = l.n < l.want ? l.n : l.want;
		memmove(ids + got, ids, *n * sizeof *ids);
		memmove(flags + got, flags, *n * sizeof *flags);
		for (size_t i = 0; i < got; i++) {
			ids[i] = l.id[(l.n - got + i) % l.want];
			flags[i] = l.flags[(l.n - got + i) % l.want];
		}
		*n += got;
	}
	return LZ_OK;
}

static lz_rc status_text(lz_session *db, const lz_status *st)
{
	FILE *o = stdout;
	char date[LZ_DATE_STRLEN];
	lz_day_format(st->date, date);
	lz_text_print(o, db->plan->organization);
	fputs(" · ", o);
	lz_text_print(o, db->plan->title);
	fprintf(o, "  %s %s\n\n", date, weekday_name(st->date));

	int name_width = 0;
	for (size_t i = 0; i < st->n_quotas; i++) {
		char name[256];
		const lz_obligation *ob = st->quotas[i].obligation;
		snprintf(name, sizeof name, _("%s (≥%d per %s)"),
			 db->plan->meeting_types[ob->meeting_type].name, ob->min, lz_period_word(ob->per));
		int w = lz_text_width(name);
		if (w > name_width)
			name_width = w;
	}
	fprintf(o, "%s  (✓ %s  ✗ %s  … %s  · %s)\n", _("Meeting obligations"), _("met"),
		_("missed"), _("due"), _("upcoming"));
	for (size_t i = 0; i < st->n_quotas; i++)
		print_quota(db, o, &st->quotas[i], name_width);

	size_t late_items = 0;
	for (size_t i = 0; i < st->n_items_due; i++)
		late_items += st->items_due[i]->due < st->date;
	if (late_items) {
		fprintf(o, "\n%s (%zu)\n", _("Late items"), late_items);
		for (size_t i = 0; i < st->n_items_due; i++) {
			const lz_item *it = st->items_due[i];
			if (it->due >= st->date)
				continue;
			char due[LZ_DATE_STRLEN];
			lz_day_format(it->due, due);
			fprintf(o, "  ! %s  ", due);
			lz_text_print(o, it->title);
			if (it->owner && *it->owner) {
				fputs("  ", o);
				lz_text_print(o, it->owner);
			}
			fprintf(o, _("  (task %d)  #%llu\n"), it->task, (unsigned long long)it->meta.id);
		}
	}
	size_t late_risks = 0;
	for (size_t i = 0; i < st->n_risks_due; i++)
		late_risks += st->risks_due[i]->review < st->date;
	if (late_risks) {
		fprintf(o, "\n%s (%zu)\n", _("Risk points past their review date"), late_risks);
		for (size_t i = 0; i < st->n_risks_due; i++) {
			const lz_risk *r = st->risks_due[i];
			if (r->review >= st->date)
				continue;
			char rev[LZ_DATE_STRLEN];
			lz_day_format(r->review, rev);
			fprintf(o, "  ! %s  ", rev);
			lz_text_print(o, r->post);
			fputs(" · ", o);
			lz_text_print(o, r->link);
			fputs("  ", o);
			lz_text_print(o, r->desc);
			fprintf(o, "  #%llu\n", (unsigned long long)r->meta.id);
		}
	}
	if (st->n_flagged) {
		fprintf(o, "\n%s (%zu)\n", _("Meetings to look at"), st->n_flagged);
		size_t first = st->n_flagged > DASHBOARD_ROWS ? st->n_flagged - DASHBOARD_ROWS : 0;
		if (first)
			fprintf(o, _("  … %zu earlier ones: see 'lianzheng meeting list'\n"), first);
		lz_id ids[DASHBOARD_ROWS];
		unsigned flags[DASHBOARD_ROWS];
		size_t n;
		lz_rc rc = latest_flagged(db, st, ids, flags, &n);
		if (rc != LZ_OK)
			return rc;
		for (size_t i = 0; i < n; i++)
			print_meeting_line(db, o, ids[i], flags[i], NULL);
	}
	fprintf(o, "\n%s\n", _("Next 14 days"));
	if (!st->n_upcoming)
		fprintf(o, "  %s\n", _("no meetings"));
	for (size_t i = 0; i < st->n_upcoming && i < DASHBOARD_ROWS; i++) {
		const lz_meeting_brief *b = &st->upcoming[i];
		print_meeting_line(db, o, b->id, 0, b->status == LZ_MEETING_PLANNED ? _("planned") : "");
	}
	if (st->n_upcoming > DASHBOARD_ROWS)
		fprintf(o, _("  … %zu more: see 'lianzheng meeting list'\n"),
			st->n_upcoming - DASHBOARD_ROWS);
	return LZ_OK;
}

static lz_rc compute(lz_session *db, lz_day date, int horizon, lz_arena *arena, lz_status *st)
{
	lz_err err;
	lz_err_clear(&err);
	if (lz_status_compute(db->plan, db->store, date, horizon, arena, st, &err) != LZ_OK)
		return cli_fail(&err);
	return LZ_OK;
}

/* Parses options of a command that takes none but these; --date defaults
 * to today. */
typedef struct opts_out {
	lz_day date;
	int days;
	int year;
	bool tsv, dry_run;
	bool date_given;
} opts_out;

enum { O_DATE, O_TSV, O_DAYS, O_YEAR, O_DRY_RUN };

static lz_rc parse(int argc, char **argv, const cli_optdef *defs, size_t n, const char *usage,
		   opts_out *o)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, defs, n, &a);
	if (rc != LZ_OK)
		return rc;
	o->date = lz_day_today();
	if (a.noperands)
		rc = cli_usage_error(_("usage: lianzheng %s"), usage);
	for (size_t i = 0; rc == LZ_OK && i < a.nopts; i++) {
		const char *name = defs[a.opts[i].index].name, *v = a.opts[i].value;
		if (strcmp(name, "date") == 0 && !(o->date_given = cli_day("--date", v, &o->date)))
			rc = LZ_EDATA;
		else if (strcmp(name, "days") == 0 && !cli_int("--days", v, 0, 366, &o->days))
			rc = LZ_EDATA;
		else if (strcmp(name, "year") == 0 && !cli_int("--year", v, LZ_YEAR_FIRST, LZ_YEAR_LAST, &o->year))
			rc = LZ_EDATA;
		else if (strcmp(name, "tsv") == 0)
			o->tsv = true;
		else if (strcmp(name, "dry-run") == 0)
			o->dry_run = true;
	}
	cli_args_free(&a);
	return rc;
}

lz_rc cmd_status(cli *c, int argc, char **argv)
{
	static const cli_optdef defs[] = {{"date", true}, {"tsv", false}, {"year", true}};
	opts_out o = {0};
	lz_rc rc = parse(argc, argv, defs, 3, "status [--year Y] [--date D] [--tsv]", &o);
	if (rc != LZ_OK)
		return rc;
	lz_session db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK)
		return rc;
	if ((rc = cli_use_year(&db, o.year, o.date, o.date_given)) != LZ_OK) {
		lz_session_close(&db);
		return rc;
	}
	lz_arena arena = {0};
	lz_status st;
	cli_calendar_note(db.plan);
	rc = compute(&db, o.date, 14, &arena, &st);
	if (rc == LZ_OK) {
		if (o.tsv)
			status_tsv(&st);
		else
			rc = status_text(&db, &st);
	}
	lz_arena_free(&arena);
	lz_session_close(&db);
	return rc;
}

/* ---- remind ---- */

static void remind_line(bool *any, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void remind_line(bool *any, const char *fmt, ...)
{
	char *line;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		abort();
	va_end(ap);
	if (!*any)
		printf("%s\n", _("lianzheng:"));
	*any = true;
	fputs("  ", stdout);
	lz_text_print(stdout, line);
	fputc('\n', stdout);
	free(line);
}

typedef struct remind_ctx {
	lz_session *db;
	bool *any;
} remind_ctx;

static bool remind_stale(const lz_meeting_brief *b, unsigned flags, void *ctx)
{
	remind_ctx *r = ctx;
	if (!(flags & LZ_MFLAG_STALE))
		return true;
	char d1[LZ_DATE_STRLEN];
	lz_day_format(b->date, d1);
	char *title = lz_meeting_title(r->db->store, b->id);
	remind_line(r->any, _("meeting of %s still planned: mark it held or cancelled: %s #%llu"),
		    d1, title, (unsigned long long)b->id);
	free(title);
	return true;
}

lz_rc cmd_remind(cli *c, int argc, char **argv)
{
	static const cli_optdef defs[] = {{"date", true}, {"days", true}, {"year", true}};
	opts_out o = {.days = 7};
	lz_rc rc = parse(argc, argv, defs, 3, "remind [--year Y] [--date D] [--days N]", &o);
	if (rc != LZ_OK)
		return rc;
	lz_session db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK)
		return rc;
	if ((rc = cli_use_year(&db, o.year, o.date, o.date_given)) != LZ_OK) {
		lz_session_close(&db);
		return rc;
	}
	lz_arena arena = {0};
	lz_status st;
	rc = compute(&db, o.date, o.days, &arena, &st);
	bool any = false;
	char d1[LZ_DATE_STRLEN];
	for (size_t i = 0; rc == LZ_OK && i < st.n_quotas; i++) {
		const lz_obligation_status *q = &st.quotas[i];
		const lz_period_status *p = q->current;
		if (!p || p->state != LZ_PERIOD_DUE || q->days_left > o.days + 1)
			continue;
		char when[64];
		lz_period_name(&p->period, when, sizeof when);
		lz_day_format(p->period.end, d1);
		remind_line(&any, _("%s: %d of %d held for %s, the period ends %s"),
			    db.plan->meeting_types[q->obligation->meeting_type].name, p->held,
			    p->required, when, d1);
	}
	for (size_t i = 0; rc == LZ_OK && i < st.n_quotas; i++) {
		const lz_obligation_status *q = &st.quotas[i];
		if (!q->current || !q->current->not_planned || q->days_left <= o.days + 1)
			continue;
		char when[64];
		lz_period_name(&q->current->period, when, sizeof when);
		remind_line(&any, _("%s: %s is not even planned (%d of %d)"),
			    db.plan->meeting_types[q->obligation->meeting_type].name, when,
			    q->current->held + q->current->planned, q->current->required);
	}
	for (size_t i = 0; rc == LZ_OK && i < st.n_items_due; i++) {
		const lz_item *it = st.items_due[i];
		lz_day_format(it->due, d1);
		remind_line(&any, it->due < o.date ? _("late item: %s (due %s) #%llu")
						   : _("item due: %s (due %s) #%llu"),
			    it->title, d1, (unsigned long long)it->meta.id);
	}
	for (size_t i = 0; rc == LZ_OK && i < st.n_risks_due; i++) {
		const lz_risk *r = st.risks_due[i];
		lz_day_format(r->review, d1);
		remind_line(&any, _("risk point to review: %s · %s (by %s) #%llu"), r->post, r->link,
			    d1, (unsigned long long)r->meta.id);
	}
	remind_ctx stale = {&db, &any};
	lz_err err;
	/* Stale meetings lie before the reference date. */
	if (rc == LZ_OK && lz_status_flagged(&st, db.store, INT32_MIN + 1, o.date - 1, remind_stale,
					     &stale, &err) != LZ_OK)
		rc = cli_fail(&err);
	for (size_t i = 0; rc == LZ_OK && i < st.n_upcoming; i++) {
		const lz_meeting_brief *b = &st.upcoming[i];
		if (b->status != LZ_MEETING_PLANNED)
			continue;
		lz_day_format(b->date, d1);
		char *title = lz_meeting_title(db.store, b->id);
		const lz_meeting_type *t = lz_plan_meeting_type(db.plan, b->type);
		remind_line(&any, _("%s %s: %s #%llu"), d1, t ? t->name : b->type, title,
			    (unsigned long long)b->id);
		free(title);
	}
	lz_arena_free(&arena);
	lz_session_close(&db);
	/* A reminder never fails a login shell. */
	return rc == LZ_OK ? LZ_OK : rc;
}

/* ---- schedule ---- */

lz_rc cmd_schedule(cli *c, int argc, char **argv)
{
	static const cli_optdef defs[] = {{"date", true}, {"year", true}, {"dry-run", false}};
	opts_out o = {0};
	lz_rc rc = parse(argc, argv, defs, 3, "schedule [--year Y] [--date D] [--dry-run]", &o);
	if (rc != LZ_OK)
		return rc;
	bool date_given = o.date_given;
	lz_session db;
	if ((rc = cli_db_open(c, &db)) != LZ_OK)
		return rc;
	if ((rc = cli_use_year(&db, o.year, o.date, date_given)) != LZ_OK) {
		lz_session_close(&db);
		return rc;
	}
	/* Outside the plan year "today" says nothing: draft the whole year. */
	lz_day ystart = lz_day_from_ymd(db.plan->year, 1, 1);
	lz_day yend = lz_day_from_ymd(db.plan->year, 12, 31);
	if (!date_given && (o.date < ystart || o.date > yend))
		o.date = ystart;
	lz_arena arena = {0};
	lz_proposal *props;
	size_t n, unplaceable;
	lz_err err;
	lz_err_clear(&err);
	cli_calendar_note(db.plan);
	rc = lz_schedule_draft(db.plan, db.store, o.date, &arena, &props, &n, &unplaceable, &err);
	if (rc != LZ_OK)
		rc = cli_fail(&err);
	lz_record *recs = NULL;
	lz_op *ops = NULL;
	if (rc == LZ_OK)
		lz_schedule_records(db.plan, props, n, &arena, &recs, &ops);
	/* All of the draft in one transaction, or none of it. */
	if (rc == LZ_OK && n && !o.dry_run && lz_session_apply(&db, ops, n, &err) != LZ_OK)
		rc = cli_fail(&err);
	else if (rc == LZ_OK && n && !o.dry_run)
		cli_changed(dngettext(LZ_GETTEXT_PACKAGE, "%zu planned meeting was added (#%llu to #%llu)", "%zu planned meetings were added (#%llu to #%llu)", n), n,
			    (unsigned long long)recs[0].u.meta.id,
			    (unsigned long long)recs[n - 1].u.meta.id);
	for (size_t i = 0; rc == LZ_OK && i < n; i++) {
		fputs(o.dry_run ? _("would add ") : _("added "), stdout);
		print_day(stdout, props[i].date);
		fputs("  ", stdout);
		lz_text_print(stdout, recs[i].u.meeting.title);
		if (!o.dry_run)
			printf("  #%llu", (unsigned long long)recs[i].u.meta.id);
		fputc('\n', stdout);
	}
	if (rc == LZ_OK && !n && !unplaceable)
		printf("%s\n", _("nothing to add: every period has enough meetings held or planned"));
	if (rc == LZ_OK && unplaceable)
		printf(dngettext(LZ_GETTEXT_PACKAGE, "%zu meeting found no free working day in its period\n", "%zu meetings found no free working day in their period\n", unplaceable), unplaceable);
	lz_arena_free(&arena);
	lz_session_close(&db);
	return rc;
}
