/* lianzheng meeting add|list|show|edit|rm */
#include <stdlib.h>
#include <string.h>

#include "cli_record.h"
#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_text.h"
#include "lz_validate.h"
#include "table.h"

enum {
	O_DATE, O_TYPE, O_TITLE, O_TIME, O_END, O_LOCATION, O_HOST, O_RECORDER,
	O_EXPECTED, O_PRESENT, O_ATTENDEES, O_ABSENT, O_NONVOTING, O_TOPIC,
	O_FIRST_TOPIC, O_DECISION, O_SUMMARY, O_TASK, O_STATUS, O_IF_VERSION,
	O_COUNT
};

static const cli_optdef fields[O_COUNT] = {
	[O_DATE] = {"date", true}, [O_TYPE] = {"type", true}, [O_TITLE] = {"title", true},
	[O_TIME] = {"time", true}, [O_END] = {"end", true}, [O_LOCATION] = {"location", true},
	[O_HOST] = {"host", true}, [O_RECORDER] = {"recorder", true},
	[O_EXPECTED] = {"expected", true}, [O_PRESENT] = {"present", true},
	[O_ATTENDEES] = {"attendees", true}, [O_ABSENT] = {"absent", CLI_LIST},
	[O_NONVOTING] = {"nonvoting", CLI_LIST}, [O_TOPIC] = {"topic", CLI_LIST},
	[O_FIRST_TOPIC] = {"first-topic", true}, [O_DECISION] = {"decision", CLI_LIST},
	[O_SUMMARY] = {"summary", true}, [O_TASK] = {"task", CLI_LIST},
	[O_STATUS] = {"status", true}, [O_IF_VERSION] = {"if-version", true},
};

typedef struct form {
	lz_session *db;
	lz_arena *arena;
	lz_meeting *m;
	bool seen[O_COUNT];  /* a list option given again replaces the stored list */
	uint32_t if_version;
} form;

static bool set_time(const char *opt, const char *v, int *out)
{
	if (!*v) {
		*out = LZ_NO_TIME;
		return true;
	}
	if (lz_parse_time(v, out))
		return true;
	cli_error(_("%s: '%s' is not a time in the form HH:MM"), opt, v);
	return false;
}

static bool add_absence(form *f, const char *v)
{
	const char *colon = strchr(v, ':');
	size_t sep = 1;
	const char *wide = strstr(v, "：");
	if (wide && (!colon || wide < colon)) {
		colon = wide;
		sep = strlen("：");
	}
	if (!colon || colon == v || !colon[sep]) {
		cli_error(_("--absent: '%s' is not NAME:REASON (e.g. 赵六:出差)"), v);
		return false;
	}
	lz_meeting *m = f->m;
	lz_absence *grown = lz_arena_alloc(f->arena, (m->n_absent + 1) * sizeof *grown);
	if (m->n_absent)
		memcpy(grown, m->absent, m->n_absent * sizeof *grown);
	grown[m->n_absent].name = lz_arena_strndup(f->arena, v, (size_t)(colon - v));
	grown[m->n_absent].reason = colon + sep;
	m->absent = grown;
	m->n_absent++;
	return true;
}

static bool add_task(form *f, const char *v)
{
	int t;
	if (!cli_int("--task", v, 1, 999, &t))
		return false;
	lz_meeting *m = f->m;
	int *grown = lz_arena_alloc(f->arena, (m->n_tasks + 1) * sizeof *grown);
	if (m->n_tasks)
		memcpy(grown, m->tasks, m->n_tasks * sizeof *grown);
	grown[m->n_tasks++] = t;
	m->tasks = grown;
	return true;
}

static bool set_field(void *ctx, int i, const char *v)
{
	form *f = ctx;
	lz_meeting *m = f->m;
	bool first = !f->seen[i];
	f->seen[i] = true;
	switch (i) {
	case O_DATE: return cli_day("--date", v, &m->date);
	case O_TYPE: {
		const lz_meeting_type *t = lz_plan_meeting_type(f->db->plan, v);
		if (!t) {
			cli_error(_("--type: unknown meeting type '%s' (see 'lianzheng plan show')"), v);
			return false;
		}
		m->type = t->id;
		return true;
	}
	case O_TITLE: m->title = v; return true;
	case O_TIME: return set_time("--time", v, &m->start);
	case O_END: return set_time("--end", v, &m->end);
	case O_LOCATION: m->location = v; return true;
	case O_HOST: m->host = v; return true;
	case O_RECORDER: m->recorder = v; return true;
	case O_EXPECTED: return cli_int("--expected", v, 0, LZ_MAX_COUNT, &m->expected);
	case O_PRESENT: return cli_int("--present", v, 0, LZ_MAX_COUNT, &m->present);
	case O_ATTENDEES: m->attendees = v; return true;
	case O_ABSENT:
		if (first)
			m->n_absent = 0;
		return add_absence(f, v);
	case O_NONVOTING:
	case O_TOPIC:
	case O_DECISION: {
		lz_strv *list = i == O_NONVOTING ? &m->nonvoting
			      : i == O_TOPIC ? &m->topics : &m->decisions;
		if (first)
			*list = (lz_strv){0};
		cli_strv_push(f->arena, list, v);
		return true;
	}
	case O_FIRST_TOPIC: m->first_topic = v; return true;
	case O_SUMMARY: m->summary = v; return true;
	case O_TASK:
		if (first)
			m->n_tasks = 0;
		return add_task(f, v);
	case O_STATUS:
		if (lz_meeting_status_parse(v, &m->status))
			return true;
		cli_error(_("--status: '%s' is not one of planned, held, cancelled"), v);
		return false;
	case O_IF_VERSION: return cli_version(v, &f->if_version);
	}
	return false;
}

static void set_year(lz_meeting *m)
{
	int y, mo, d;
	lz_day_to_ymd(m->date, &y, &mo, &d);
	m->meta.year = y;
}

static lz_rc meeting_add(lz_session *db, int argc, char **argv)
{
	cli_args a;
	/* add takes every field option but --if-version */
	lz_rc rc = cli_parse_opts(argc, argv, fields, O_IF_VERSION, &a);
	if (rc != LZ_OK)
		return rc;
	lz_arena arena = {0};
	lz_record rec = {.kind = LZ_KIND_MEETING};
	lz_meeting_init(&rec.u.meeting);
	form f = {.db = db, .arena = &arena, .m = &rec.u.meeting};
	if (a.noperands)
		rc = cli_usage_error(_("meeting add takes only options; unexpected '%s'"), a.operands[0]);
	else if (!cli_args_has(&a, O_DATE) || !cli_args_has(&a, O_TYPE) || !cli_args_has(&a, O_TITLE))
		rc = cli_usage_error(_("meeting add needs --date, --type and --title"));
	if (rc == LZ_OK)
		rc = cli_apply_opts(&a, set_field, &f);
	if (rc == LZ_OK) {
		lz_meeting *m = &rec.u.meeting;
		if (!cli_args_has(&a, O_STATUS))
			m->status = m->date < lz_day_today() ? LZ_MEETING_HELD : LZ_MEETING_PLANNED;
		set_year(m);
		lz_id id;
		rc = cli_save(db, LZ_OP_ADD, &rec, 0, &id);
		if (rc == LZ_OK)
			printf("%llu\n", (unsigned long long)id);
	}
	cli_args_free(&a);
	lz_arena_free(&arena);
	return rc;
}

static void finish_meeting(lz_record *rec)
{
	set_year(&rec->u.meeting);
}

static void *bind_form(void *fp, lz_session *db, lz_arena *arena, lz_record *rec)
{
	form *f = fp;
	*f = (form){.db = db, .arena = arena, .m = &rec->u.meeting};
	return f;
}

static uint32_t form_if_version(const void *fp)
{
	return ((const form *)fp)->if_version;
}

static const cli_form_ops form_ops = {fields, O_COUNT, set_field, bind_form, form_if_version, finish_meeting};

static lz_rc meeting_edit(lz_session *db, int argc, char **argv)
{
	form f;
	return cli_edit(db, LZ_KIND_MEETING, &form_ops, &f, argc, argv);
}

static lz_rc meeting_rm(lz_session *db, int argc, char **argv)
{
	return cli_remove(db, LZ_KIND_MEETING, argc, argv);
}

/* Flags a list shows beside a meeting, from the status engine: a late
 * entry, an import, the numbers of a meeting held below its quorum. */
static void meeting_flags(const lz_plan *plan, const lz_meeting *m, lz_day date, char *buf,
			  size_t size)
{
	lz_meeting_brief b;
	lz_meeting_brief_of(m, &b);
	lz_meeting_flag_words(lz_meeting_flags(plan, &b, date), b.present, b.expected, buf, size);
}

static lz_rc meeting_show(lz_session *db, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng meeting show ID"));
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = cli_load(db, LZ_KIND_MEETING, argv[1], &arena, &rec);
	if (rc != LZ_OK) {
		lz_arena_free(&arena);
		return rc;
	}
	const lz_meeting *m = &rec.u.meeting;
	FILE *o = stdout;
	char date[LZ_DATE_STRLEN], t1[6], t2[6], buf[256];
	const lz_meeting_type *type = lz_plan_meeting_type(db->plan, m->type);
	cli_show_field(o, _("Title"), m->title);
	cli_show_field(o, _("Type"), type ? type->name : m->type);
	lz_format_time(m->start, t1);
	lz_format_time(m->end, t2);
	snprintf(buf, sizeof buf, "%s%s%s%s%s", cli_day_str(m->date, date), *t1 ? " " : "", t1,
		 *t2 ? "–" : "", t2);
	cli_show_field(o, _("Date"), buf);
	cli_show_field(o, _("Status"), lz_meeting_status_label(m->status));
	cli_show_field(o, _("Location"), m->location);
	cli_show_field(o, _("Host"), m->host);
	cli_show_field(o, _("Recorder"), m->recorder);
	if (m->expected != LZ_NO_COUNT || m->present != LZ_NO_COUNT) {
		char e[16] = "?", p[16] = "?";
		if (m->expected != LZ_NO_COUNT) snprintf(e, sizeof e, "%d", m->expected);
		if (m->present != LZ_NO_COUNT) snprintf(p, sizeof p, "%d", m->present);
		snprintf(buf, sizeof buf, _("expected %s, present %s"), e, p);
		cli_show_field(o, _("Attendance"), buf);
	}
	meeting_flags(db->plan, m, lz_day_today(), buf, sizeof buf);
	cli_show_field(o, _("Warning"), buf);
	cli_show_field(o, _("Attendees"), m->attendees);
	for (size_t i = 0; i < m->n_absent; i++) {
		char *line;
		if (asprintf(&line, "%s（%s）", m->absent[i].name, m->absent[i].reason) < 0)
			abort();
		cli_show_field(o, i ? "" : _("Absent"), line);
		free(line);
	}
	for (size_t i = 0; i < m->nonvoting.n; i++)
		cli_show_field(o, i ? "" : _("Non-voting"), m->nonvoting.v[i]);
	cli_show_field(o, _("First topic"), m->first_topic);
	for (size_t i = 0; i < m->topics.n; i++)
		cli_show_field(o, i ? "" : _("Topics"), m->topics.v[i]);
	for (size_t i = 0; i < m->decisions.n; i++)
		cli_show_field(o, i ? "" : _("Decisions"), m->decisions.v[i]);
	cli_show_field(o, _("Summary"), m->summary);
	if (m->n_tasks) {
		size_t len = 0;
		buf[0] = '\0';
		for (size_t i = 0; i < m->n_tasks && len < sizeof buf - 8; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", i ? ", " : "",
						m->tasks[i]);
		cli_show_field(o, _("Tasks"), buf);
	}
	cli_show_meta(o, &m->meta);
	lz_arena_free(&arena);
	return LZ_OK;
}

/* ---- list ---- */

enum { L_FROM, L_TO, L_TYPE, L_STATUS, L_TSV, L_STALE, L_DATE, L_COUNT };
static const cli_optdef list_opts[L_COUNT] = {
	[L_FROM] = {"from", true}, [L_TO] = {"to", true}, [L_TYPE] = {"type", true},
	[L_STATUS] = {"status", true}, [L_TSV] = {"tsv", false}, [L_STALE] = {"stale", false},
	[L_DATE] = {"date", true},
};

typedef struct list_ctx {
	lz_session *db;
	lz_arena *arena;  /* each record is done with once shown */
	lz_day from, to;
	const char *type;  /* id, or NULL for all */
	bool any_status;
	lz_meeting_status status;
	bool tsv;
	bool stale;   /* only planned meetings whose date has passed */
	lz_day date;  /* the reference date for flags */
	table t;
	size_t count;
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
		l->last_type = lz_plan_meeting_type(l->db->plan, id);
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
	unsigned flags = lz_meeting_flags(l->db->plan, m, l->date);
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
		const lz_meeting_type *t = lz_plan_meeting_type(l->db->plan, v);
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
	case L_TSV: l->tsv = true; return true;
	case L_STALE: l->stale = true; return true;
	case L_DATE: return cli_day("--date", v, &l->date);
	}
	return false;
}

/* Lists read the date index's digests, which come in the order shown; a
 * record is decoded only for a title longer than the digest holds. */
static bool list_one(const lz_meeting_digest *d, void *ctx)
{
	list_ctx *l = ctx;
	const lz_meeting_brief *m = &d->b;
	if ((l->type && strcmp(m->type, l->type) != 0) ||
	    (!l->any_status && m->status != l->status) ||
	    (l->stale && !(m->status == LZ_MEETING_PLANNED && m->date < l->date)))
		return true;
	const char *title = d->title;
	lz_record rec;
	if (d->title_cut && lz_store_get(l->db->store, LZ_KIND_MEETING, m->id, l->arena, &rec,
					 NULL) == LZ_OK)
		title = rec.u.meeting.title;
	char id[24], date[LZ_DATE_STRLEN], time[6];
	snprintf(id, sizeof id, "%llu", (unsigned long long)m->id);
	cli_day_str(m->date, date);
	lz_format_time(m->start, time);
	if (l->tsv) {
		const char *row[] = {id, date, time, m->type, lz_meeting_status_id(m->status), title};
		cli_tsv_row(stdout, row, 6);
	} else {
		const char *row[] = {id, date, time, type_name(l, m->type), status_label(l, m->status),
				     flag_words(l, m), title};
		table_add(&l->t, row);
	}
	l->count++;
	lz_arena_free(l->arena);
	return true;
}

static lz_rc meeting_list(lz_session *db, int argc, char **argv)
{
	cli_args a;
	lz_rc rc = cli_parse_opts(argc, argv, list_opts, L_COUNT, &a);
	if (rc != LZ_OK)
		return rc;
	list_ctx l = {.db = db, .from = INT32_MIN + 1, .to = INT32_MAX, .any_status = true,
		      .date = lz_day_today()};
	if (a.noperands)
		rc = cli_usage_error(_("meeting list takes only options; unexpected '%s'"), a.operands[0]);
	if (rc == LZ_OK)
		rc = cli_apply_opts(&a, set_list_opt, &l);
	cli_args_free(&a);
	if (rc != LZ_OK)
		return rc;
	/* Stale meetings lie before the reference date. */
	if (l.stale && l.to >= l.date)
		l.to = l.date - 1;
	table_init(&l.t, 7);
	const char *head[] = {_("ID"), _("Date"), _("Time"), _("Type"), _("Status"),
			      _("Note"), _("Title")};
	table_add(&l.t, head);
	lz_arena arena = {0};
	l.arena = &arena;
	lz_err err;
	lz_err_clear(&err);
	rc = lz_store_meeting_digests(db->store, l.from, l.to, list_one, &l, &err);
	if (rc != LZ_OK)
		rc = cli_fail(&err);
	else if (!l.tsv && l.count)
		table_print(&l.t, stdout, 0, cli_table_width());
	table_free(&l.t);
	lz_arena_free(&arena);
	return rc;
}

lz_rc cmd_meeting(cli *c, int argc, char **argv)
{
	static const int add_required[] = {O_DATE, O_TYPE, O_TITLE, -1};
	static const cli_sub subs[] = {
		{"add", meeting_add, fields, O_IF_VERSION, 0, add_required, "meeting add --date D --type TYPE --title S [OPTIONS]"},
		{"list", meeting_list, list_opts, L_COUNT, 0, NULL, "meeting list [--from D] [--to D] [--type TYPE] [--status S] [--stale] [--date D] [--tsv]"},
		{"show", meeting_show, NULL, 0, 1, NULL, "meeting show ID"},
		{"edit", meeting_edit, fields, O_COUNT, 1, NULL, "meeting edit ID [OPTIONS]"},
		{"rm", meeting_rm, cli_rm_opts, 1, 1, NULL, "meeting rm ID [--if-version N]"},
	};
	return cli_dispatch(c, "meeting", subs, sizeof subs / sizeof *subs, argc, argv);
}
